/*
 * form.c — one validator for every form.  Each field type has a check;
 * lengths are counted in characters (UTF-8), never bytes, because the
 * limits printed on the screen are what members count.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "clock.h"
#include "form.h"
#include "jp.h"

static int
atoi_n(const char *s, int n)
{
	int	 v = 0;

	while (n-- > 0)
		v = v * 10 + (*s++ - '0');
	return v;
}

/* local@domain.tld, no spaces, one @, a dot in the domain. */
int
valid_email(const char *s)
{
	const char	*at = strchr(s, '@'), *p;

	if (at == NULL || at == s || strchr(at + 1, '@') != NULL ||
	    strlen(s) > 254)
		return 0;
	for (p = s; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || *p == '<' || *p == '>' ||
		    *p == '"' || *p == ',' || *p == ';' || *p == '\\' ||
		    (unsigned char)*p >= 0x7f)
			return 0;
	p = strrchr(at + 1, '.');
	return p != NULL && p > at + 1 && p[1] != '\0' &&
	    strstr(at, "..") == NULL;
}

/*
 * YYYY-MM-DD: NULL when it is a day that exists (Gregorian leap years)
 * in 1900..2200, else why not: the shape, a day that does not exist,
 * or a year out of range (each its own message: 1899-01-01 is well
 * written, only too early).
 */
const char *
date_check(const char *s)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };
	int	 y, m, d, i, leap;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return "err.date";
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return "err.date";
	y = atoi_n(s, 4);
	m = atoi_n(s + 5, 2);
	d = atoi_n(s + 8, 2);
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1] + (m == 2 && leap))
		return "err.date-exist";
	if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR)
		return "err.date-range";
	return NULL;
}

int
valid_date(const char *s)
{
	return date_check(s) == NULL;
}

/* A year-month "YYYY-MM" (training periods, BRD-4). */
int
valid_ym(const char *s)
{
	char	 d[11];

	if (s == NULL || strlen(s) != 7)
		return 0;
	snprintf(d, sizeof(d), "%s-01", s);
	return valid_date(d);
}

/*
 * 1 when the valid date a is before the valid date b plus some years
 * (the same month and day; 29 February of a year without one sorts as
 * 1 March, as the strings compare).
 */
int
date_before_years(const char *a, const char *b, int years)
{
	char	 later[32];

	snprintf(later, sizeof(later), "%04d%.6s", atoi_n(b, 4) + years,
	    b + 4);
	return strcmp(a, later) < 0;
}

/* lo..hi digits at *sp, no more after them: their value, or -1. */
static int
digits_at(const char **sp, int lo, int hi)
{
	const char	*s = *sp;
	int		 v = 0, n = 0;

	while (n < hi && isdigit((unsigned char)s[n]))
		v = v * 10 + (s[n++] - '0');
	if (n < lo || isdigit((unsigned char)s[n]))
		return -1;
	*sp = s + n;
	return v;
}

/*
 * Date and time in Japan time, as the board's staff type it: ISO
 * ("2026-11-01 12:00", or with the "T" of datetime-local) or with
 * slashes ("2026/11/01 12:00"); month, day and hour with or without a
 * leading zero, seconds optional.  Written into out as SQL's
 * "YYYY-MM-DD HH:MM:SS" (CLOCK_SQL_LEN).  0, or -1: not such a time.
 */
int
form_datetime(const char *s, char *out, size_t len)
{
	char	 date[32], sep;
	int	 y, mo, d, h, mi, se = 0;

	if ((y = digits_at(&s, 4, 4)) == -1 || (*s != '-' && *s != '/'))
		return -1;
	sep = *s++;
	if ((mo = digits_at(&s, 1, 2)) == -1 || *s++ != sep ||
	    (d = digits_at(&s, 1, 2)) == -1 || (*s != ' ' && *s != 'T'))
		return -1;
	s++;
	if ((h = digits_at(&s, 1, 2)) == -1 || *s++ != ':' ||
	    (mi = digits_at(&s, 2, 2)) == -1)
		return -1;
	if (*s == ':') {
		s++;
		if ((se = digits_at(&s, 2, 2)) == -1)
			return -1;
	}
	if (*s != '\0' || h > 23 || mi > 59 || se > 59 ||
	    y < DATETIME_MIN_YEAR)
		return -1;
	snprintf(date, sizeof(date), "%04d-%02d-%02d", y, mo, d);
	if (!valid_date(date))
		return -1;
	snprintf(out, len, "%.10s %02d:%02d:%02d", date, h, mi, se);
	return 0;
}

/* Digits with optional hyphens and a leading +, 10..15 digits. */
int
valid_tel(const char *s)
{
	size_t	 digits = 0;

	if (*s == '+')
		s++;
	for (; *s != '\0'; s++) {
		if (isdigit((unsigned char)*s))
			digits++;
		else if (*s != '-')
			return 0;
	}
	return digits >= 10 && digits <= 15;
}

int
valid_digits(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

/* A non-negative integer without leading zeros, at most 9 digits. */
int
valid_number(const char *s)
{
	return valid_digits(s) && strlen(s) <= 9 &&
	    (s[0] != '0' || s[1] == '\0');
}

/* A space between words: ASCII or the full-width U+3000. */
static size_t
space_at(const char *s)
{
	if (*s == ' ')
		return 1;
	return strncmp(s, "\xe3\x80\x80", 3) == 0 ? 3 : 0;
}

/*
 * A person's name as the hints ask for it: 姓 and 名 with a space
 * between (「山田 太郎」), none before or after.
 */
int
valid_name(const char *s)
{
	size_t	 n;
	int	 words = 0, in_word = 0;

	for (; *s != '\0'; s += n) {
		if ((n = space_at(s)) != 0) {
			if (!in_word)
				return 0;	/* leading or doubled */
			in_word = 0;
			continue;
		}
		n = 1;
		if (!in_word)
			words++;
		in_word = 1;
	}
	return words >= 2 && in_word;
}

/*
 * Furigana: full-width katakana only (U+30A1 ァ … U+30FA ヺ, the
 * middle dot ・, the long-vowel mark ー and the iteration marks ヽヾ)
 * and spaces; no hiragana, no half-width katakana.
 */
int
valid_kana(const char *p)
{
	unsigned int	 cp;
	size_t		 n, len = strlen(p);

	while (len > 0) {
		if ((n = utf8_decode(p, len, &cp)) == 0)
			return 0;
		if (cp != ' ' && cp != 0x3000 && !(cp >= 0x30a1 &&
		    cp <= 0x30fe))
			return 0;
		p += n;
		len -= n;
	}
	return 1;
}

/*
 * The fields that are secret, declared once, by name: passwords (the
 * current one, a new one twice), TOTP and recovery codes, the CSRF
 * token and link tokens.  A secret is never echoed into a page
 * (form_model), never kept for later (kept.c) and never shown again
 * when a form comes back (the member types it again).  A field declared
 * F_PASSWORD must have one of these names (tests/unit/t_page.c checks
 * the forms pages declare).
 */
static const char *const secret_names[] = {
	"current", "password", "password2", "code", "otp", "recovery",
	"token", "t", "csrf",
};

int
form_secret(const char *name)
{
	size_t	 i;

	for (i = 0; name != NULL &&
	    i < sizeof(secret_names) / sizeof(secret_names[0]); i++)
		if (strcmp(name, secret_names[i]) == 0)
			return 1;
	return 0;
}

/* 〒: "1234567" or "123-4567" in ASCII digits, stored as "123-4567". */
int
valid_postal(const char *s, char *out, size_t len)
{
	char	 d[8];
	size_t	 n = 0;

	for (; *s != '\0'; s++) {
		if (isdigit((unsigned char)*s) && n < 7)
			d[n++] = *s;
		else if (!(*s == '-' && n == 3))
			return 0;
	}
	if (n != 7 || len < 9)
		return 0;
	snprintf(out, len, "%.3s-%.4s", d, d + 3);
	return 1;
}

static size_t
default_max(enum ftype t)
{
	switch (t) {
	case F_EMAIL:
		return 254;
	case F_TEXTAREA:
		return 4000;
	case F_PASSWORD:
		return 128;
	default:
		return 200;
	}
}

static int
is_choice(enum ftype t)
{
	return t == F_SELECT || t == F_RADIO;
}

/*
 * Check one value; NULL when it passes, else the error key.  Order:
 * present, characters XML 1.0 can carry (CORE-3: no control character,
 * U+FFFE, U+FFFF or bytes that are not UTF-8 is ever stored), length,
 * then the type's own rule.
 */
const char *
form_check(const struct field *f, const char *v, size_t vlen)
{
	const char *const	*o;
	const char		*p;
	size_t			 max = f->max ? f->max : default_max(f->type);
	char			 tmp[CLOCK_SQL_LEN];

	if (f->type == F_FILE)
		return f->required && vlen == 0 ? "err.required-file" : NULL;
	if (v == NULL || vlen == 0)
		return !f->required ? NULL : is_choice(f->type) ?
		    "err.required-choice" : "err.required";
	if (!utf8_xml_valid(v, vlen))
		return "err.char";
	/* Line breaks and tabs only where a value has lines. */
	if (f->type != F_TEXTAREA)
		for (p = v; p < v + vlen; p++)
			if (*p == '\n' || *p == '\r' || *p == '\t')
				return "err.char";
	if (utf8_chars(v, vlen) > max)
		return "err.too-long";
	switch (f->type) {
	case F_EMAIL:
		return valid_email(v) ? NULL : "err.email";
	case F_DATE:
		return date_check(v);
	case F_DATETIME:
		return form_datetime(v, tmp, sizeof(tmp)) == 0 ? NULL :
		    "err.datetime";
	case F_TEL:
		return valid_tel(v) ? NULL : "err.tel";
	case F_NUMBER:
		return valid_number(v) ? NULL : "err.number";
	case F_DIGITS:
		return valid_digits(v) ? NULL : "err.digits";
	case F_POSTAL:
		return valid_postal(v, tmp, sizeof(tmp)) ? NULL :
		    "err.postal";
	case F_NAME:
		return valid_name(v) ? NULL : "err.name-space";
	case F_KANA:
		if (!valid_kana(v))
			return "err.kana";
		return valid_name(v) ? NULL : "err.name-space";
	case F_SELECT:
	case F_RADIO:
		for (o = f->options; o != NULL && *o != NULL; o++)
			if (strcmp(*o, v) == 0)
				return NULL;
		return "err.choice";
	case F_CHECKBOX:
		return strcmp(v, "1") == 0 ? NULL : "err.choice";
	default:
		return NULL;
	}
}

/* A check of the handler's own, after form_validate(). */
void
form_error_add(struct form_result *res, const char *field, const char *key)
{
	if (res->nerr < FORM_MAXERR) {
		res->err[res->nerr].field = field;
		res->err[res->nerr].key = key;
		res->nerr++;
	}
}

int
form_has_error(const struct form_result *res, const char *field)
{
	size_t	 i;

	for (i = 0; i < res->nerr; i++)
		if (strcmp(res->err[i].field, field) == 0)
			return 1;
	return 0;
}

/* form_error_add(), unless the field has an error already. */
void
form_error_once(struct form_result *res, const char *field, const char *key)
{
	if (!form_has_error(res, field))
		form_error_add(res, field, key);
}

/*
 * A positive id of the query or the form: digits, at most 12 of them
 * (an id column).  -1 when absent or not such a number.
 */
long long
form_id(const struct kvlist *in, const char *name)
{
	const char	*v = kv_str(in, name);

	if (v == NULL || !valid_number(v) || strlen(v) > 12)
		return -1;
	return atoll(v);
}

int
form_validate(const struct field *fs, size_t n, const struct kvlist *in,
    struct form_result *res)
{
	const struct kv	*e;
	const char	*k;
	size_t		 i;

	res->nerr = 0;
	for (i = 0; i < n; i++) {
		e = kv_get(in, fs[i].name);
		/* A text field must not arrive as a file, nor a file as text. */
		if (e != NULL && (fs[i].type == F_FILE) != (e->filename != NULL))
			k = fs[i].type == F_FILE ? "err.required-file" :
			    "err.format";
		else
			k = form_check(&fs[i], e ? e->val : NULL,
			    e ? e->vlen : 0);
		if (k != NULL && res->nerr < FORM_MAXERR) {
			res->err[res->nerr].field = fs[i].name;
			res->err[res->nerr].key = k;
			res->nerr++;
		}
	}
	return res->nerr == 0 ? 0 : -1;
}

/* The control each type is shown as, in enum ftype order. */
static const char *const type_names[] = {
	"text", "email", "password", "date", "tel", "number", "text",
	"text", "textarea", "select", "radio", "checkbox", "file",
	"text", "text", "datetime-local",
};

/*
 * The form as model: every field with its value (never a secret's),
 * its error, and the error summary under /page/errors.  Returns the
 * <form> node, for the caller's attributes (csrf, submit-key).
 */
xmlNodePtr
form_model(xmlNodePtr page, const char *id, const char *action,
    const struct field *fs, size_t n, const struct kvlist *vals,
    const struct form_result *res)
{
	xmlNodePtr	 form, f, errs = NULL, o;
	const char	*v;
	char		 num[24], dt[CLOCK_SQL_LEN];
	size_t		 i, k;

	form = xmlNewChild(page, NULL, (const xmlChar *)"form", NULL);
	xmlSetProp(form, (const xmlChar *)"id", (const xmlChar *)id);
	xmlSetProp(form, (const xmlChar *)"action", (const xmlChar *)action);
	xmlSetProp(form, (const xmlChar *)"method", (const xmlChar *)"post");
	for (i = 0; i < n; i++) {
		f = xmlNewChild(form, NULL, (const xmlChar *)"field", NULL);
		xmlSetProp(f, (const xmlChar *)"name",
		    (const xmlChar *)fs[i].name);
		xmlSetProp(f, (const xmlChar *)"type",
		    (const xmlChar *)type_names[fs[i].type]);
		xmlSetProp(f, (const xmlChar *)"key",
		    (const xmlChar *)fs[i].key);
		if (fs[i].required)
			xmlSetProp(f, (const xmlChar *)"required",
			    (const xmlChar *)"1");
		snprintf(num, sizeof(num), "%zu", fs[i].max ? fs[i].max :
		    default_max(fs[i].type));
		xmlSetProp(f, (const xmlChar *)"max", (const xmlChar *)num);
		for (k = 0; fs[i].options && fs[i].options[k]; k++) {
			o = xmlNewTextChild(f, NULL,
			    (const xmlChar *)"option", NULL);
			xmlSetProp(o, (const xmlChar *)"value",
			    (const xmlChar *)fs[i].options[k]);
		}
		/* A password is never sent back: after an error, say so. */
		v = fs[i].type == F_PASSWORD || fs[i].type == F_FILE ||
		    form_secret(fs[i].name) ? NULL : kv_str(vals, fs[i].name);
		if (fs[i].type == F_PASSWORD && fs[i].required &&
		    res != NULL && res->nerr > 0)
			xmlSetProp(f, (const xmlChar *)"retype",
			    (const xmlChar *)"1");
		/* datetime-local shows only its own shape: give it that. */
		if (v != NULL && fs[i].type == F_DATETIME &&
		    form_datetime(v, dt, sizeof(dt)) == 0) {
			dt[10] = 'T';
			if (strcmp(dt + 16, ":00") == 0)
				dt[16] = '\0';
			v = dt;
		}
		if (v != NULL)
			xmlNewTextChild(f, NULL, (const xmlChar *)"value",
			    (const xmlChar *)v);
		for (k = 0; res != NULL && k < res->nerr; k++) {
			if (strcmp(res->err[k].field, fs[i].name) != 0)
				continue;
			o = xmlNewChild(f, NULL, (const xmlChar *)"error",
			    NULL);
			xmlSetProp(o, (const xmlChar *)"key",
			    (const xmlChar *)res->err[k].key);
			if (errs == NULL)
				errs = xmlNewChild(page, NULL,
				    (const xmlChar *)"errors", NULL);
			o = xmlNewChild(errs, NULL, (const xmlChar *)"error",
			    NULL);
			xmlSetProp(o, (const xmlChar *)"field",
			    (const xmlChar *)fs[i].name);
			xmlSetProp(o, (const xmlChar *)"key",
			    (const xmlChar *)res->err[k].key);
		}
	}
	return form;
}

/* A hidden field in a form's model (a value carried through a step). */
void
form_hidden(xmlNodePtr form, const char *name, const char *val)
{
	xmlNodePtr	 h;

	if (form == NULL || val == NULL)
		return;
	h = xmlNewChild(form, NULL, (const xmlChar *)"field", NULL);
	xmlSetProp(h, (const xmlChar *)"name", (const xmlChar *)name);
	xmlSetProp(h, (const xmlChar *)"type", (const xmlChar *)"hidden");
	xmlNewTextChild(h, NULL, (const xmlChar *)"value", (const xmlChar *)val);
}

/*
 * Give the <option>s of a declared select or radio their labels: the
 * i18n key prefix + value, or (prefix NULL) the name in tab (jp_prefs,
 * jp_domains) in Japanese or, en, English.
 */
void
form_options_label(xmlNodePtr form, const char *field, const char *prefix,
    const struct jp_item *tab, int en)
{
	xmlNodePtr	 o, f = form_field(form, field);
	xmlChar		*v;
	const char	*l;
	char		 key[64];

	for (o = f != NULL ? f->children : NULL; o != NULL; o = o->next) {
		if (o->type != XML_ELEMENT_NODE ||
		    !xmlStrEqual(o->name, (const xmlChar *)"option") ||
		    (v = xmlGetProp(o, (const xmlChar *)"value")) == NULL)
			continue;
		if (prefix != NULL) {
			snprintf(key, sizeof(key), "%s%s", prefix,
			    (const char *)v);
			xmlSetProp(o, (const xmlChar *)"key",
			    (const xmlChar *)key);
		} else if ((l = jp_label(tab, (const char *)v, en)) != NULL)
			xmlNodeAddContent(o, (const xmlChar *)l);
		xmlFree(v);
	}
}

/*
 * The <field> of a form's model, by name (to add hints, autocomplete…).
 * Read in place: a form's options hook asks this of each of its fields
 * (履歴書: 80 lookups in 41 fields), and a copy of each name it passed
 * was most of a page's model time.
 */
xmlNodePtr
form_field(xmlNodePtr form, const char *name)
{
	xmlNodePtr	 n, hit = NULL;
	xmlAttrPtr	 a;
	xmlChar		*v;

	for (n = form ? form->children : NULL; n != NULL && hit == NULL;
	    n = n->next) {
		if (n->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)n->name, "field") != 0 ||
		    (a = xmlHasProp(n, (const xmlChar *)"name")) == NULL)
			continue;
		if (a->children != NULL && a->children->type ==
		    XML_TEXT_NODE && a->children->next == NULL) {
			if (strcmp((const char *)a->children->content,
			    name) == 0)
				hit = n;
		} else if ((v = xmlNodeGetContent((xmlNodePtr)a)) != NULL) {
			if (strcmp((const char *)v, name) == 0)
				hit = n;
			xmlFree(v);
		}
	}
	return hit;
}
