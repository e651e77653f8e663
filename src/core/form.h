/*
 * form.h — fields declared once (name, type, required, max characters)
 * and validated in one place; handlers read only what passed.
 */
#ifndef SHIKAKU_FORM_H
#define SHIKAKU_FORM_H

#include <stddef.h>

#include <libxml/tree.h>

#include "kv.h"

enum ftype {
	F_TEXT, F_EMAIL, F_PASSWORD, F_DATE, F_TEL, F_NUMBER, F_DIGITS,
	F_KANA, F_TEXTAREA, F_SELECT, F_RADIO, F_CHECKBOX, F_FILE,
	F_NAME,		/* a person's name: 姓 and 名, a space between */
	F_POSTAL,	/* 〒 1234567 or 123-4567 */
	F_DATETIME,	/* Japan time; ISO or 2026/11/01 12:00 */
};

/* Dates a form takes (birth dates included); date-times (JST). */
#define DATE_MIN_YEAR		1900
#define DATE_MAX_YEAR		2200
#define DATETIME_MIN_YEAR	1970

struct field {
	const char		*name;
	enum ftype		 type;
	int			 required;
	size_t			 max;		/* characters; 0: type default */
	const char		*key;		/* i18n key of the label */
	const char *const	*options;	/* select/radio: NULL-ended */
};

#define FORM_MAXERR	64

struct form_error {
	const char	*field;
	const char	*key;		/* err.required, err.too-long, ... */
};

struct form_result {
	struct form_error	 err[FORM_MAXERR];
	size_t			 nerr;
};

int	 form_secret(const char *);
int	 form_validate(const struct field *, size_t, const struct kvlist *,
	    struct form_result *);
const char *form_check(const struct field *, const char *, size_t);
void	 form_error_add(struct form_result *, const char *, const char *);
void	 form_error_once(struct form_result *, const char *, const char *);
int	 form_has_error(const struct form_result *, const char *);
long long form_id(const struct kvlist *, const char *);
xmlNodePtr form_model(xmlNodePtr, const char *, const char *,
	    const struct field *, size_t, const struct kvlist *,
	    const struct form_result *);

void	 form_hidden(xmlNodePtr, const char *, const char *);
xmlNodePtr form_field(xmlNodePtr, const char *);
struct jp_item;
void	 form_options_label(xmlNodePtr, const char *, const char *,
	    const struct jp_item *, int);

int	 valid_email(const char *);
int	 valid_date(const char *);
int	 valid_ym(const char *);
const char *date_check(const char *);
int	 date_before_years(const char *, const char *, int);
int	 form_datetime(const char *, char *, size_t);
int	 valid_name(const char *);
int	 valid_postal(const char *, char *, size_t);
int	 valid_tel(const char *);
int	 valid_digits(const char *);
int	 valid_number(const char *);
int	 valid_kana(const char *);

#endif
