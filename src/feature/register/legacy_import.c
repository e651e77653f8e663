/*
 * ctl_legacy.c — `shikakuctl legacy import TENANT FILE.csv`: the old
 * system's user records and their training history (ACC-2, BRD-12),
 * and the feature's demo data (sample legacy records, the demo
 * member's record).
 *
 * The file is UTF-8 CSV (RFC 4180, read by core/csv.c) with a header
 * row naming the columns, in any order (shikakuctl(8)).  One row per
 * training period: a person with several periods has several
 * consecutive rows, and the person's fields are read from the first.
 * Every row is checked first; one error anywhere imports nothing.
 * Importing again replaces the records and their periods; a record's
 * migration is kept.  The unit tests call legacy_parse() directly.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <search.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "account.h"
#include "buf.h"
#include "conf.h"
#include "csv.h"
#include "ctl.h"
#include "db.h"
#include "directory.h"
#include "form.h"
#include "jp.h"
#include "member.h"
#include "tenant.h"

#define NF(a)		(sizeof(a) / sizeof((a)[0]))
#define IMPORT_MAX	(64 * 1024 * 1024)	/* bytes of one file */
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

/* The audit actor of this run: "ctl:" and the operator's login name. */
const char *
ctl_actor(void)
{
	static char	 who[64];
	struct passwd	*pw;

	if (who[0] == '\0') {
		pw = getpwuid(getuid());
		snprintf(who, sizeof(who), "ctl:%s", pw ? pw->pw_name :
		    "unknown");
	}
	return who;
}

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

/* ---- shikakuctl legacy import ---------------------------------------- */

struct import {
	struct db		*db;
	const struct tenant	*t;
	long long		 records;
	long long		 periods;
};

/* One row into the database: the person on first sight, then periods. */
static int
import_row(const struct legacy_row *r, void *arg)
{
	struct import	*im = arg;
	const char	*v[PF__MAX];

	if (r->first) {
		v[PF_NAME_KANJI] = r->v[LC_NAME];
		v[PF_NAME_KANA] = r->v[LC_NAME_KANA];
		v[PF_BIRTH] = r->v[LC_BIRTH];
		v[PF_SEX] = r->v[LC_SEX];
		v[PF_PROGRAM] = r->v[LC_PROGRAM];
		v[PF_DONE_ON] = r->v[LC_DONE_ON];
		v[PF_PHONE] = r->v[LC_PHONE];
		v[PF_POSTAL] = r->v[LC_POSTAL];
		v[PF_PREF] = r->v[LC_PREF];
		v[PF_ADDRESS] = r->v[LC_ADDRESS];
		v[PF_DOMAIN] = r->v[LC_DOMAIN];
		if ((*r->record = dbq_legacy_put(im->db, im->t->slug,
		    r->v[LC_ID], r->v[LC_EMAIL], r->v[LC_REGNO],
		    r->v[LC_REGNO_DATE], v)) <= 0 ||
		    dbq_legacy_training_clear(im->db, *r->record) < 0)
			return -1;
		im->records++;
	}
	if (!r->hist)
		return 0;
	if (dbq_legacy_training_put(im->db, *r->record, r->seq,
	    r->v[LC_H_DOMAIN], r->v[LC_H_FACILITY], r->v[LC_H_FROM],
	    r->v[LC_H_TO], r->v[LC_H_STATUS]) <= 0)
		return -1;
	im->periods++;
	return 0;
}

/* Import data into t, all or nothing.  0 ok, else the errors printed. */
static int
import_data(struct ctl *c, const struct tenant *t, const char *data,
    size_t len, const char *file, struct import *im)
{
	char	 detail[100];
	int	 nerr;

	memset(im, 0, sizeof(*im));
	im->db = c->db;
	im->t = t;
	if (db_begin(c->db) < 0)
		return -1;
	if ((nerr = legacy_parse(data, len, file, import_row, im,
	    stderr)) != 0) {
		db_rollback(c->db);
		if (nerr > 0)
			fprintf(stderr, "%s: %d row(s) in error, nothing "
			    "imported\n", file, nerr);
		return -1;
	}
	snprintf(detail, sizeof(detail), "%lld records, %lld periods",
	    im->records, im->periods);
	if (audit_log(c->db, t->slug, ctl_actor(), "legacy.import", file, "",
	    detail) < 0 || db_commit(c->db) < 0) {
		db_rollback(c->db);
		return -1;
	}
	return 0;
}

static const struct tenant *
register_tenant(const struct ctl *c, const char *slug)
{
	size_t	 i;

	for (i = 0; i < c->tenants->n; i++)
		if (strcmp(c->tenants->t[i].slug, slug) == 0) {
			if (tenant_has_feature(&c->tenants->t[i], "register"))
				return &c->tenants->t[i];
			fprintf(stderr, "shikakuctl: %s does not enable the "
			    "feature register\n", slug);
			return NULL;
		}
	fprintf(stderr, "shikakuctl: no tenant %s\n", slug);
	return NULL;
}

/* The whole file, NUL-terminated; *len its size.  NULL on error. */
static char *
read_file(const char *path, size_t *len)
{
	struct stat	 st;
	char		*data = NULL;
	ssize_t		 r;
	size_t		 got = 0;
	int		 fd;

	if ((fd = open(path, O_RDONLY)) == -1 || fstat(fd, &st) == -1) {
		fprintf(stderr, "shikakuctl: %s: %s\n", path, strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode) || st.st_size > IMPORT_MAX) {
		fprintf(stderr, "shikakuctl: %s: not a file of at most %d "
		    "bytes\n", path, IMPORT_MAX);
		goto out;
	}
	if ((data = malloc((size_t)st.st_size + 1)) == NULL)
		goto out;
	while (got < (size_t)st.st_size &&
	    (r = read(fd, data + got, (size_t)st.st_size - got)) > 0)
		got += (size_t)r;
	if (got != (size_t)st.st_size) {
		fprintf(stderr, "shikakuctl: %s: short read\n", path);
		free(data);
		data = NULL;
		goto out;
	}
	data[got] = '\0';
	*len = got;
out:
	if (fd != -1)
		close(fd);
	return data;
}

int
cmd_legacy_import(struct ctl *c, int argc, char **argv)
{
	const struct tenant	*t;
	struct import		 im;
	char			*data = NULL;
	size_t			 len = 0;
	int			 rc = 1;

	if (argc != 2) {
		fprintf(stderr, "usage: shikakuctl legacy import TENANT "
		    "FILE.csv\n");
		return 2;
	}
	if ((t = register_tenant(c, argv[0])) == NULL ||
	    (data = read_file(argv[1], &len)) == NULL)
		goto out;
	if (import_data(c, t, data, len, argv[1], &im) == -1)
		goto out;
	printf("%s: %lld records, %lld training periods\n", t->slug,
	    im.records, im.periods);
	rc = 0;
out:
	free(data);
	return rc;
}

/* ---- demo data ------------------------------------------------------- */

/*
 * Member records for demo accounts made by `demo accounts` (ctl_user.c),
 * found by their sign-in number: 会員情報 has something to show.
 */
static const struct demo_member {
	const char	*number;
	const char	*regno_date;
	const char	*v[PF__MAX];
} demo_members_tab[] = {
	{ "512345", "2024-04-18", { "佐藤 健太", "サトウ ケンタ",
	    "1997-06-03", "m",
	    "デモ医科大学附属病院 初期臨床研修プログラム",
	    "2026-03-31", "03-1234-5678", "100-0005", "13",
	    "千代田区丸の内1-1-1", "01" } },
};

static int
demo_member_one(struct ctl *c, struct dir *d, const struct tenant *t,
    const struct demo_member *m)
{
	struct dir_user	 u;
	int		 r;

	if ((r = dir_find_login(d, t, m->number, &u)) != 1)
		return r;	/* no such demo account here: nothing to do */
	if ((r = dbq_member_regno_taken(c->db, t->slug, m->number)) != 0)
		return r < 0 ? -1 : 0;
	r = dbq_member_add(c->db, t->slug, u.uid, m->number, m->regno_date, 0,
	    m->v, u.mail, NULL, 0);
	return r == DB_DUP ? 0 : r;
}

/*
 * `demo load` (demo.c): the sample legacy records and the demo member's
 * record, for every tenant that enables the feature.  Prints how to try
 * the migration with the accounts (stdout).  -1 on error.
 */
int
demo_members(struct ctl *c)
{
	const struct tenant	*t;
	struct import		 im;
	struct dir		*d = NULL;
	size_t			 i, k;
	int			 rc = 0;

	for (i = 0; i < c->tenants->n; i++) {
		t = &c->tenants->t[i];
		if (!tenant_has_feature(t, "register"))
			continue;
		if (import_data(c, t, demo_legacy_csv,
		    sizeof(demo_legacy_csv) - 1, "demo legacy records",
		    &im) == -1) {
			rc = -1;
			continue;
		}
		fprintf(stderr, "demo members: %s: %lld legacy records\n",
		    t->slug, im.records);
		printf("%-11s %-21s %-30s %s\n", t->slug, "legacy-migration",
		    "L18-0001 legacy1@legacy.example", "1990-05-14");
		if (d == NULL && ((d = dir_open(c->cfg)) == NULL ||
		    dir_ping(d) != 1)) {
			fprintf(stderr, "demo members: directory "
			    "unreachable\n");
			rc = -1;
			break;
		}
		for (k = 0; k < NF(demo_members_tab); k++)
			if (demo_member_one(c, d, t, &demo_members_tab[k]) < 0)
				rc = -1;
	}
	dir_close(d);
	return rc;
}
