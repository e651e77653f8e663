/*
 * legacy_csv.c — the old system's records as a CSV file (ACC-2,
 * BRD-12): the columns by header name, each row checked and normalized
 * before anything is written.  `shikakuctl legacy import` (ctl_legacy.c)
 * and the demo loader feed it; the unit tests call it directly.
 *
 * The file is UTF-8 CSV with a header row naming the columns, in any
 * order (shikakuctl(8)).  One row per training period: a person with
 * several periods has several consecutive rows, and the person's fields
 * are read from the first.  Every row is checked first; one error
 * anywhere imports nothing.
 */
#include <ctype.h>
#include <search.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "form.h"
#include "jp.h"
#include "member.h"

#define MAX_ERRORS	20			/* reported, then we stop */

/* The columns, by header name; LC_* order (member.h). */
static const struct {
	const char	*name;
	int		 required;	/* the column must be there */
	size_t		 width;		/* characters */
} cols[LC__MAX] = {
	{ "legacy_user_id", 1, 64 },
	{ "email", 1, 254 },
	{ "birth_date", 1, 10 },
	{ "name_kanji", 1, 100 },
	{ "name_kana", 0, 100 },
	{ "sex", 0, 4 },
	{ "regno", 0, 16 },
	{ "regno_date", 0, 10 },
	{ "training_program", 0, 200 },
	{ "training_done_on", 0, 10 },
	{ "phone", 0, 20 },
	{ "postal_code", 0, 8 },
	{ "pref", 0, 16 },
	{ "address", 0, 300 },
	{ "desired_domain", 0, 32 },
	{ "hist_domain", 0, 32 },
	{ "hist_facility", 0, 200 },
	{ "hist_from", 0, 7 },
	{ "hist_to", 0, 7 },
	{ "hist_status", 0, 16 },
};

/* The demo's sample records: tests/data/legacy.csv holds the same. */
const char demo_legacy_csv[] =
    "legacy_user_id,email,birth_date,name_kanji,name_kana,sex,regno,"
    "regno_date,training_program,training_done_on,phone,postal_code,pref,"
    "address,desired_domain,hist_domain,hist_facility,hist_from,hist_to,"
    "hist_status\r\n"
    "L18-0001,legacy1@legacy.example,1990-05-14,山田 花子,ヤマダ ハナコ,女,"
    "401234,2016-04-20,デモ市立病院 初期臨床研修プログラム,2018-03-31,"
    "090-1111-2222,160-0023,13,新宿区西新宿2-8-1,02,01,"
    "デモ医科大学附属病院,2018-04,2019-09,中途辞退\r\n"
    "L18-0001,legacy1@legacy.example,1990-05-14,山田 花子,ヤマダ ハナコ,女,"
    "401234,2016-04-20,デモ市立病院 初期臨床研修プログラム,2018-03-31,"
    "090-1111-2222,160-0023,13,新宿区西新宿2-8-1,02,02,"
    "デモこども医療センター,2019-10,2022-03,修了\r\n"
    "L19-0042,legacy2@legacy.example,1991-11-02,佐々木 亮,ササキ リョウ,男,"
    "412987,2017-04-19,デモ第一病院 臨床研修プログラム,2019-03-31,"
    "080-3333-4444,980-0811,04,仙台市青葉区一番町1-1-1,05,05,"
    "デモ医科大学附属第二病院,2019-04,,中断\r\n"
    "L20-0107,legacy3@legacy.example,1994-02-28,\"井上 さくら\","
    "イノウエ サクラ,女,425006,2018-04-25,\"デモ中央病院 初期臨床研修"
    "プログラム（地域枠）\",2020-03-31,06-6543-2100,530-0001,27,"
    "\"大阪市北区梅田3-1-1 デモビル 5階\",19,,,,,\r\n"
    "L20-0250,legacy4@legacy.example,1993-08-09,中島 健,ナカジマ ケン,男,"
    ",,デモ総合病院 臨床研修プログラム,2020-03-31,092-711-0000,810-0001,"
    "40,福岡市中央区天神1-8-1,13,13,デモ医科大学附属病院,2020-04,2023-03,"
    "修了\r\n";

/* ---- checking a row ------------------------------------------------- */

/* "1990/5/4" or "1990-05-04" → "1990-05-04"; parts: 3 a date, 2 a ym. */
static int
norm_date(const char *s, char *out, size_t len, int parts)
{
	int	 v[3] = { 0, 0, 0 }, k = 0, digits = 0;
	char	 date[16];

	for (; *s != '\0'; s++) {
		if (isdigit((unsigned char)*s) && digits < 4) {
			v[k] = v[k] * 10 + (*s - '0');
			digits++;
		} else if ((*s == '-' || *s == '/') && digits > 0 &&
		    k + 1 < parts) {
			k++;
			digits = 0;
		} else
			return 0;
	}
	if (k + 1 != parts || digits == 0)
		return 0;
	if (parts == 2)
		v[2] = 1;	/* a year-month is checked as its first day */
	snprintf(date, sizeof(date), "%04d-%02d-%02d", v[0], v[1], v[2]);
	if (!valid_date(date))
		return 0;
	snprintf(out, len, "%.*s", parts == 3 ? 10 : 7, date);
	return 1;
}

static int
row_error(FILE *errs, const char *file, long long line, const char *col,
    const char *msg)
{
	if (errs != NULL)
		fprintf(errs, "%s:%lld: %s%s%s\n", file, line, col ? col : "",
		    col ? ": " : "", msg);
	return -1;
}

/* A date column, normalized in place.  0 ok (or empty), -1 not a date. */
static int
date_col(struct legacy_row *r, int i, int parts)
{
	if (r->v[i] == NULL)
		return 0;
	if (!norm_date(r->v[i], r->norm[i], sizeof(r->norm[i]), parts))
		return -1;
	r->v[i] = r->norm[i];
	return 0;
}

/*
 * One row, checked and normalized into r: dates YYYY-MM-DD, year-months
 * YYYY-MM, codes for sex, prefecture, domain and status, postal codes
 * 123-4567.  0 ok, -1 with the error printed.
 */
static int
check_row(const struct csv *x, const int *map, struct legacy_row *r,
    const char *file, FILE *errs)
{
	const char	*v, *q;
	long long	 ln = x->line;
	size_t		 i;
	int		 hist = 0;

	memset(r, 0, sizeof(*r));
	r->line = ln;
	for (i = 0; i < LC__MAX; i++) {
		if (map[i] < 0 || (size_t)map[i] >= x->n)
			continue;
		if (*(v = x->cell[map[i]]) == '\0')
			continue;
		if (!utf8_valid(v, strlen(v)) ||
		    utf8_chars(v, strlen(v)) > cols[i].width)
			return row_error(errs, file, ln, cols[i].name,
			    "not UTF-8, or too long");
		for (q = v; *q != '\0'; q++)
			if ((unsigned char)*q < 0x20)
				return row_error(errs, file, ln, cols[i].name,
				    "control character");
		r->v[i] = v;
		hist |= i >= LC_H_DOMAIN;
	}
	for (i = 0; i < LC__MAX; i++)
		if (cols[i].required && r->v[i] == NULL)
			return row_error(errs, file, ln, cols[i].name,
			    "required");
	if (!valid_email(r->v[LC_EMAIL]))
		return row_error(errs, file, ln, "email", "not an address");
	if (r->v[LC_NAME_KANA] != NULL && !valid_kana(r->v[LC_NAME_KANA]))
		return row_error(errs, file, ln, "name_kana", "not kana");
	if (r->v[LC_REGNO] != NULL && !valid_regno(r->v[LC_REGNO]))
		return row_error(errs, file, ln, "regno",
		    "not a registration number");
	if (date_col(r, LC_BIRTH, 3) == -1 ||
	    date_col(r, LC_REGNO_DATE, 3) == -1 ||
	    date_col(r, LC_DONE_ON, 3) == -1)
		return row_error(errs, file, ln, NULL,
		    "a date is not YYYY-MM-DD");
	if (r->v[LC_SEX] != NULL &&
	    (r->v[LC_SEX] = sex_code(r->v[LC_SEX])) == NULL)
		return row_error(errs, file, ln, "sex", "not 男, 女, m or f");
	if (r->v[LC_PREF] != NULL &&
	    (r->v[LC_PREF] = jp_code(jp_prefs, r->v[LC_PREF])) == NULL)
		return row_error(errs, file, ln, "pref", "not a prefecture");
	if (r->v[LC_DOMAIN] != NULL &&
	    (r->v[LC_DOMAIN] = jp_code(jp_domains, r->v[LC_DOMAIN])) == NULL)
		return row_error(errs, file, ln, "desired_domain",
		    "not a basic domain");
	if (r->v[LC_POSTAL] != NULL && valid_postal(r->v[LC_POSTAL],
	    r->norm[LC_POSTAL], sizeof(r->norm[LC_POSTAL])))
		r->v[LC_POSTAL] = r->norm[LC_POSTAL];
	if (!hist)
		return 0;
	/* A training period: its domain, start and status at least. */
	if (r->v[LC_H_DOMAIN] == NULL || (r->v[LC_H_DOMAIN] =
	    jp_code(jp_domains, r->v[LC_H_DOMAIN])) == NULL)
		return row_error(errs, file, ln, "hist_domain",
		    "not a basic domain");
	if (r->v[LC_H_FROM] == NULL || date_col(r, LC_H_FROM, 2) == -1)
		return row_error(errs, file, ln, "hist_from",
		    "not a year-month (YYYY-MM)");
	if (date_col(r, LC_H_TO, 2) == -1 || (r->v[LC_H_TO] != NULL &&
	    strcmp(r->v[LC_H_TO], r->v[LC_H_FROM]) < 0))
		return row_error(errs, file, ln, "hist_to",
		    "not a year-month (YYYY-MM) from hist_from on");
	if ((r->v[LC_H_STATUS] = history_status(r->v[LC_H_STATUS])) == NULL)
		return row_error(errs, file, ln, "hist_status",
		    "not 修了, 修了見込, 中途辞退 or 中断");
	r->hist = 1;
	return 0;
}

/* The user IDs met so far (a tsearch tree), with their records. */
struct seen {
	const char	*id;		/* own, below: the key may be anyone's */
	char		*own;
	long long	 record;	/* legacy_record.id, set by the caller */
	long long	 periods;
};

static int
seen_cmp(const void *a, const void *b)
{
	return strcmp(((const struct seen *)a)->id,
	    ((const struct seen *)b)->id);
}

static void
seen_free(void *p)
{
	struct seen	*s = p;

	free(s->own);
	free(s);
}

/* The entry of id, made on first sight (*first set).  NULL: no memory. */
static struct seen *
seen_get(void **root, const char *id, int *first)
{
	struct seen	 key, *s, **found;

	key.id = id;
	*first = 0;
	if ((found = tfind(&key, root, seen_cmp)) != NULL)
		return *found;
	if ((s = calloc(1, sizeof(*s))) == NULL ||
	    (s->id = s->own = strdup(id)) == NULL ||
	    tsearch(s, root, seen_cmp) == NULL) {
		if (s != NULL)
			free(s->own);
		free(s);
		return NULL;
	}
	*first = 1;
	return s;
}

/*
 * Read a whole file: the header, then every row, checked and handed to
 * cb (none after the first error: the caller rolls back).  Returns the
 * number of rows in error (0: all passed), or -1 when the file is not a
 * CSV with the required header.
 */
int
legacy_parse(const char *data, size_t len, const char *file, legacy_cb cb,
    void *arg, FILE *errs)
{
	struct csv		 x;
	struct legacy_row	 r;
	struct seen		*s;
	void			*root = NULL;
	int			 map[LC__MAX], nerr = -1, rc;
	size_t			 i, k;

	if (csv_open(&x, data, len) == -1)
		return -1;
	if (csv_row(&x) != 1) {
		row_error(errs, file, 1, NULL, "no header row");
		goto out;
	}
	for (i = 0; i < LC__MAX; i++)
		map[i] = -1;
	for (k = 0; k < x.n; k++) {
		for (i = 0; i < LC__MAX; i++)
			if (strcmp(x.cell[k], cols[i].name) == 0)
				break;
		if (i == LC__MAX || map[i] != -1) {
			row_error(errs, file, 1, x.cell[k],
			    "unknown or repeated column");
			goto out;
		}
		map[i] = (int)k;
	}
	for (i = 0; i < LC__MAX; i++)
		if (cols[i].required && map[i] == -1) {
			row_error(errs, file, 1, cols[i].name,
			    "column missing");
			goto out;
		}
	nerr = 0;
	while (nerr < MAX_ERRORS && (rc = csv_row(&x)) != 0) {
		if (rc == -1) {
			row_error(errs, file, x.line, NULL, "malformed CSV");
			nerr++;
			break;
		}
		if (x.n == 1 && x.cell[0][0] == '\0')
			continue;	/* a blank line */
		if (check_row(&x, map, &r, file, errs) == -1) {
			nerr++;
			continue;
		}
		if ((s = seen_get(&root, r.v[LC_ID], &r.first)) == NULL) {
			nerr = -1;
			goto out;
		}
		r.record = &s->record;
		r.seq = r.hist ? ++s->periods : 0;
		if (nerr == 0 && cb != NULL && cb(&r, arg) == -1) {
			row_error(errs, file, r.line, NULL,
			    "could not be stored");
			nerr++;
		}
	}
out:
	tdestroy(root, seen_free);
	csv_close(&x);
	return nerr;
}
