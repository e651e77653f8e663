/*
 * t_member.c — the feature "register" without a database: the checks
 * registration and shikakuctl share (ACC-1, ACC-2), the CSV reader and
 * the legacy import's row checks, the draft's step pages (CORE-12).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "db.h"
#include "form.h"
#include "jp.h"
#include "member.h"
#include "tests.h"

static void
t_postal(void)
{
	char	 out[16];

	CU_ASSERT_TRUE(valid_postal("1000005", out, sizeof(out)));
	CU_ASSERT_STRING_EQUAL(out, "100-0005");
	CU_ASSERT_TRUE(valid_postal("100-0005", out, sizeof(out)));
	CU_ASSERT_STRING_EQUAL(out, "100-0005");
	CU_ASSERT_FALSE(valid_postal("10-00005", out, sizeof(out)));
	CU_ASSERT_FALSE(valid_postal("100-00050", out, sizeof(out)));
	CU_ASSERT_FALSE(valid_postal("100 0005", out, sizeof(out)));
	CU_ASSERT_FALSE(valid_postal("", out, sizeof(out)));
	CU_ASSERT_FALSE(valid_postal("１００－０００５", out, sizeof(out)));
}

static void
t_values(void)
{
	CU_ASSERT_TRUE(valid_ym("2021-03"));
	CU_ASSERT_FALSE(valid_ym("2021-13"));
	CU_ASSERT_FALSE(valid_ym("2021-3"));
	CU_ASSERT_TRUE(valid_regno("401234"));
	CU_ASSERT_FALSE(valid_regno("012345"));
	CU_ASSERT_FALSE(valid_regno("1234567890"));
	CU_ASSERT_FALSE(valid_regno("12a4"));
	CU_ASSERT_STRING_EQUAL(history_status("修了"), "completed");
	CU_ASSERT_STRING_EQUAL(history_status("修了見込"), "expected");
	CU_ASSERT_STRING_EQUAL(history_status("中途辞退"), "withdrawn");
	CU_ASSERT_STRING_EQUAL(history_status("中断"), "suspended");
	CU_ASSERT_STRING_EQUAL(history_status("completed"), "completed");
	CU_ASSERT_PTR_NULL(history_status("終了"));
	CU_ASSERT_STRING_EQUAL(sex_code("女"), "f");
	CU_ASSERT_STRING_EQUAL(sex_code("男性"), "m");
	CU_ASSERT_PTR_NULL(sex_code("x"));
	CU_ASSERT_STRING_EQUAL(jp_code(jp_prefs, "東京都"), "13");
	CU_ASSERT_STRING_EQUAL(jp_code(jp_prefs, "1"), "01");
	CU_ASSERT_STRING_EQUAL(jp_code(jp_domains, "総合診療"), "19");
	CU_ASSERT_STRING_EQUAL(jp_code(jp_domains, "Pediatrics"), "02");
	CU_ASSERT_PTR_NULL(jp_code(jp_domains, "20"));
	CU_ASSERT_STRING_EQUAL(jp_label(jp_prefs, "47", 0), "沖縄県");
	CU_ASSERT_PTR_NULL(jp_label(jp_prefs, "48", 0));
}

/* Every personal column is a declared form field (fields declared once). */
static void
t_fields(void)
{
	size_t	 i;

	for (i = 0; i < PF__MAX; i++)
		CU_ASSERT_PTR_NOT_NULL(member_field(member_names[i]));
	CU_ASSERT_PTR_NOT_NULL(member_field("regno"));
	CU_ASSERT_PTR_NULL(member_field("uid"));
}

/* /member/change's form: the identity fields as declared, then why. */
static void
t_change_fields(void)
{
	static const char *const names[] = { "name_kanji", "name_kana",
	    "birth_date", "regno", "regno_date", "reason" };
	const struct field	*d;
	size_t			 i;

	CU_ASSERT_EQUAL(MEMBER_CHANGE_NFIELDS, 6);
	for (i = 0; i < MEMBER_CHANGE_NFIELDS; i++) {
		CU_ASSERT_STRING_EQUAL(member_change_form[i].name, names[i]);
		CU_ASSERT_TRUE(member_change_form[i].required);
		if ((d = member_field(names[i])) == NULL)
			continue;	/* the reason is this form's own */
		CU_ASSERT_EQUAL(member_change_form[i].type, d->type);
		CU_ASSERT_EQUAL(member_change_form[i].max, d->max);
		CU_ASSERT_STRING_EQUAL(member_change_form[i].key, d->key);
	}
	CU_ASSERT_STRING_EQUAL(member_decide_form[1].name, "comment");
	CU_ASSERT_STRING_EQUAL(migrate_lookup_fields[0].name,
	    "legacy_user_id");
}

/*
 * Issue 9: a record without a registration number (a society's member)
 * is asked the names and the birth date only; the board's all five.
 */
static void
t_change_fields_of(void)
{
	static const char *const society[] = { "name_kanji", "name_kana",
	    "birth_date", "reason" };
	struct field	 fs[MEMBER_CHANGE_NFIELDS];
	size_t		 i, n;

	n = member_change_fields_of(1, fs);
	CU_ASSERT_EQUAL(n, MEMBER_CHANGE_NFIELDS);
	for (i = 0; i < n; i++)
		CU_ASSERT_STRING_EQUAL(fs[i].name, member_change_form[i].name);
	n = member_change_fields_of(0, fs);
	CU_ASSERT_EQUAL(n, 4);
	for (i = 0; i < n && i < 4; i++)
		CU_ASSERT_STRING_EQUAL(fs[i].name, society[i]);
}

/* A result of n columns, each "c<i>". */
static struct dbres *
res_of(size_t n)
{
	struct dbres	*r;
	char		 v[8];
	size_t		 i;

	if ((r = calloc(1, sizeof(*r))) == NULL ||
	    (r->cell = calloc(n, sizeof(*r->cell))) == NULL ||
	    (r->len = calloc(n, sizeof(*r->len))) == NULL)
		abort();
	r->nrows = 1;
	r->ncols = n;
	for (i = 0; i < n; i++) {
		snprintf(v, sizeof(v), "c%zu", i);
		if ((r->cell[i] = strdup(v)) == NULL)
			abort();
		r->len[i] = strlen(v);
	}
	return r;
}

/*
 * Typed rows (issue 8): a SELECT whose width differs from its enum is
 * an error, never a read of the wrong column; the enums keep the
 * columns' places the callers read before.
 */
static void
t_typed_rows(void)
{
	struct dbres	*r;

	r = res_of(MREC__MAX);
	CU_ASSERT_PTR_EQUAL(dbres_cols(r, MREC__MAX), r);
	CU_ASSERT_STRING_EQUAL(dbres_get(r, 0, MREC_EMAIL), "c4");
	dbres_free(r);
	CU_ASSERT_PTR_NULL(dbres_cols(res_of(MREC__MAX - 1), MREC__MAX));
	CU_ASSERT_PTR_NULL(dbres_cols(res_of(MREC__MAX + 1), MREC__MAX));
	CU_ASSERT_PTR_NULL(dbres_cols(NULL, MREC__MAX));
	CU_ASSERT_EQUAL(MREC_PHONE, 5);
	CU_ASSERT_EQUAL(MREC_REGNO, 14);
	CU_ASSERT_EQUAL(MREC__MAX, 24);
	CU_ASSERT_EQUAL(CHANGE_PENDING_COL_LICENCE_ID, 9);
	CU_ASSERT_EQUAL(CHANGE_DECIDED_COL_NAME, 9);
}

/*
 * A single-value query reads its one cell by dbres_scalar(): only a
 * one-row, one-column result has one; anything else is NULL.
 */
static void
t_scalar(void)
{
	struct dbres	*r;

	r = res_of(1);
	CU_ASSERT_STRING_EQUAL(dbres_scalar(r), "c0");
	r->nrows = 0;
	CU_ASSERT_PTR_NULL(dbres_scalar(r));
	r->nrows = 1;		/* so dbres_free() frees its cell */
	dbres_free(r);
	r = res_of(2);
	CU_ASSERT_PTR_NULL(dbres_scalar(r));
	dbres_free(r);
	r = res_of(1);
	free(r->cell[0]);
	r->cell[0] = NULL;
	CU_ASSERT_PTR_NULL(dbres_scalar(r));
	dbres_free(r);
	CU_ASSERT_PTR_NULL(dbres_scalar(NULL));
}

static void
t_steps(void)
{
	CU_ASSERT_STRING_EQUAL(draft_step_path(DRAFT_REGISTER, STEP_EMAIL),
	    "/register/email");
	CU_ASSERT_STRING_EQUAL(draft_step_path(DRAFT_REGISTER, STEP_SENT),
	    "/register/email");
	CU_ASSERT_STRING_EQUAL(draft_step_path(DRAFT_MIGRATE, STEP_TERMS),
	    "/migrate/terms");
	CU_ASSERT_STRING_EQUAL(draft_step_path(DRAFT_MIGRATE, STEP_LICENCE),
	    "/register/licence");
	CU_ASSERT_STRING_EQUAL(draft_step_path(DRAFT_MIGRATE, STEP_CONFIRM),
	    "/register/confirm");
	CU_ASSERT_STRING_EQUAL(draft_step_path(DRAFT_MIGRATE, STEP_LINK),
	    "/migrate");
	CU_ASSERT_STRING_EQUAL(draft_step_path(DRAFT_REGISTER, 99),
	    "/register");
}

static int
rows_of(const char *text, char out[][8][32], long long *lines, int max)
{
	struct csv	 x;
	int		 n = 0, rc;
	size_t		 i;

	if (csv_open(&x, text, strlen(text)) == -1)
		return -2;
	while ((rc = csv_row(&x)) == 1 && n < max) {
		for (i = 0; i < x.n && i < 8; i++)
			snprintf(out[n][i], sizeof(out[n][i]), "%s",
			    x.cell[i]);
		lines[n++] = x.line;
	}
	csv_close(&x);
	return rc == -1 ? -1 : n;
}

static void
t_csv(void)
{
	char		 r[4][8][32];
	long long	 ln[4];

	CU_ASSERT_EQUAL(rows_of("\xef\xbb\xbf" "a,b\r\n\"x,1\",\"say \"\"hi\"\"\"\r\n",
	    r, ln, 4), 2);
	CU_ASSERT_STRING_EQUAL(r[0][0], "a");
	CU_ASSERT_STRING_EQUAL(r[1][0], "x,1");
	CU_ASSERT_STRING_EQUAL(r[1][1], "say \"hi\"");
	/* A line break inside quotes: the next row starts two lines on. */
	CU_ASSERT_EQUAL(rows_of("a,\"b\nc\"\nd,e", r, ln, 4), 2);
	CU_ASSERT_STRING_EQUAL(r[0][1], "b\nc");
	CU_ASSERT_EQUAL(ln[0], 1);
	CU_ASSERT_EQUAL(ln[1], 3);
	CU_ASSERT_STRING_EQUAL(r[1][1], "e");
	/* Empty cells stay. */
	CU_ASSERT_EQUAL(rows_of("a,,\n", r, ln, 4), 1);
	CU_ASSERT_STRING_EQUAL(r[0][2], "");
	CU_ASSERT_EQUAL(rows_of("a,\"b\n", r, ln, 4), -1);
	CU_ASSERT_EQUAL(rows_of("a,b\"c\n", r, ln, 4), -1);
	CU_ASSERT_EQUAL(rows_of("a,\"b\"c\n", r, ln, 4), -1);
}

struct tally {
	int		 rows, records, periods;
	char		 first_pref[4];
	char		 status[16];
};

static int
tally_row(const struct legacy_row *r, void *arg)
{
	struct tally	*t = arg;

	t->rows++;
	t->records += r->first;
	t->periods += r->hist;
	if (t->rows == 1) {
		snprintf(t->first_pref, sizeof(t->first_pref), "%s",
		    r->v[LC_PREF]);
		snprintf(t->status, sizeof(t->status), "%s",
		    r->v[LC_H_STATUS]);
	}
	return 0;
}

static void
t_legacy_demo(void)
{
	struct tally	 t;
	const char	*src = getenv("top_srcdir");
	char		 path[1024], *buf;
	FILE		*f;
	size_t		 n;

	memset(&t, 0, sizeof(t));
	CU_ASSERT_EQUAL(legacy_parse(demo_legacy_csv,
	    strlen(demo_legacy_csv), "demo", tally_row, &t, stderr), 0);
	CU_ASSERT_EQUAL(t.rows, 5);
	CU_ASSERT_EQUAL(t.records, 4);
	CU_ASSERT_EQUAL(t.periods, 4);
	CU_ASSERT_STRING_EQUAL(t.first_pref, "13");
	CU_ASSERT_STRING_EQUAL(t.status, "withdrawn");
	/* tests/data/legacy.csv is the demo's sample, byte for byte. */
	snprintf(path, sizeof(path), "%s/tests/data/legacy.csv",
	    src ? src : ".");
	if ((f = fopen(path, "rb")) == NULL) {
		CU_FAIL("tests/data/legacy.csv not found (top_srcdir?)");
		return;
	}
	buf = calloc(1, 65536);
	n = fread(buf, 1, 65535, f);
	fclose(f);
	CU_ASSERT_EQUAL(n, strlen(demo_legacy_csv));
	CU_ASSERT_EQUAL(memcmp(buf, demo_legacy_csv, n), 0);
	free(buf);
}

static void
t_legacy_errors(void)
{
	struct tally	 t;
	FILE		*devnull = fopen("/dev/null", "w");
	static const char	 missing[] = "legacy_user_id,email\nA,a@b.jp\n";
	static const char	 unknown[] = "legacy_user_id,email,birth_date,"
	    "name_kanji,shoe_size\n";
	static const char	 bad[] = "legacy_user_id,email,birth_date,"
	    "name_kanji,hist_domain,hist_from,hist_status\n"
	    "A,a@example.jp,1990/4/1,山田 一郎,内科,2019/4,修了\n"
	    "B,b@example.jp,1990-02-30,山田 二郎,,,\n"
	    "C,c@example.jp,1990-01-01,山田 三郎,01,2019-04,終了\n"
	    "D,not-a-mail,1990-01-01,山田 四郎,,,\n"
	    "A,a@example.jp,1990-04-01,山田 一郎,02,2021-04,中断\n";

	memset(&t, 0, sizeof(t));
	CU_ASSERT_EQUAL(legacy_parse(missing, strlen(missing), "m", tally_row,
	    &t, devnull), -1);
	CU_ASSERT_EQUAL(legacy_parse(unknown, strlen(unknown), "u", tally_row,
	    &t, devnull), -1);
	/* Three rows in error; the first row passed before any error. */
	CU_ASSERT_EQUAL(legacy_parse(bad, strlen(bad), "b", tally_row, &t,
	    devnull), 3);
	CU_ASSERT_EQUAL(t.rows, 1);
	CU_ASSERT_STRING_EQUAL(t.status, "completed");
	/* Non-consecutive rows of one ID are one record, two periods. */
	memset(&t, 0, sizeof(t));
	CU_ASSERT_EQUAL(legacy_parse(bad, strlen(bad), "b", NULL, NULL,
	    devnull), 3);
	if (devnull != NULL)
		fclose(devnull);
}

static void
t_legacy_repeat(void)
{
	struct tally		 t;
	static const char	 rep[] = "legacy_user_id,email,birth_date,"
	    "name_kanji,hist_domain,hist_from,hist_status\n"
	    "A,a@example.jp,1990/4/1,山田 一郎,内科,2019/4,修了\n"
	    "B,b@example.jp,1991-02-03,山田 二郎,,,\n"
	    "A,a@example.jp,1990-04-01,山田 一郎,02,2021-04,中断\n";

	memset(&t, 0, sizeof(t));
	CU_ASSERT_EQUAL(legacy_parse(rep, strlen(rep), "r", tally_row, &t,
	    stderr), 0);
	CU_ASSERT_EQUAL(t.rows, 3);
	CU_ASSERT_EQUAL(t.records, 2);
	CU_ASSERT_EQUAL(t.periods, 2);
}

static const struct utest tests[] = {
	{ "postal codes", t_postal },
	{ "values: year-months, numbers, statuses, codes", t_values },
	{ "personal fields declared once", t_fields },
	{ "draft steps and their pages", t_steps },
	{ "/member/change's form, declared for /kept", t_change_fields },
	{ "/member/change asks what the record holds", t_change_fields_of },
	{ "typed rows: a result as wide as its enum", t_typed_rows },
	{ "typed rows: one value by dbres_scalar()", t_scalar },
	{ "CSV reader (RFC 4180)", t_csv },
	{ "legacy import: the demo sample", t_legacy_demo },
	{ "legacy import: refused rows", t_legacy_errors },
	{ "legacy import: one ID on several rows", t_legacy_repeat },
	{ NULL, NULL },
};

int
suite_member(void)
{
	return add_suite("member", tests);
}
