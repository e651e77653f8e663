/*
 * t_apply.c — the pure rules of applications (CORE-12, CORE-18,
 * CORE-19) and of the board's training records (BRD-11): window states
 * to the second and the window's text, the menu's three states, section
 * states, the shortfall listing (sections first, then the feature's,
 * shown exactly), a row's field rules (an upload id for a file), and
 * that a snapshot is never changed: the data layer has no statement
 * that would, and the schema refuses one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apply.h"
#include "form.h"
#include "kv.h"
#include "training.h"
#include "tests.h"

static struct apply_window
april(void)
{
	struct apply_window	 w;

	memset(&w, 0, sizeof(w));
	w.id = 1;
	w.year = 2026;
	snprintf(w.open_at, sizeof(w.open_at), "2026-04-01 00:00:00");
	snprintf(w.close_at, sizeof(w.close_at), "2026-04-30 23:59:59");
	return w;
}

static void
t_window(void)
{
	struct apply_window	 w = april(), none;
	char			 txt[128];

	CU_ASSERT_EQUAL(apply_window_state(&w, "2026-03-31 23:59:59"),
	    AW_BEFORE);
	CU_ASSERT_EQUAL(apply_window_state(&w, "2026-04-01 00:00:00"),
	    AW_OPEN);
	CU_ASSERT_EQUAL(apply_window_state(&w, "2026-04-15 12:00:00"),
	    AW_OPEN);
	CU_ASSERT_EQUAL(apply_window_state(&w, "2026-04-30 23:59:59"),
	    AW_OPEN);
	CU_ASSERT_EQUAL(apply_window_state(&w, "2026-05-01 00:00:00"),
	    AW_AFTER);
	memset(&none, 0, sizeof(none));
	CU_ASSERT_EQUAL(apply_window_state(&none, "2026-04-15 12:00:00"),
	    AW_NONE);
	CU_ASSERT_STRING_EQUAL(apply_wstate_name(AW_OPEN), "open");
	apply_window_text(&w, 0, txt, sizeof(txt));
	CU_ASSERT_STRING_EQUAL(txt,
	    "2026年4月1日 0:00 ~ 2026年4月30日 23:59");
	apply_window_text(&w, 1, txt, sizeof(txt));
	CU_ASSERT_STRING_EQUAL(txt, "2026-04-01 0:00 ~ 2026-04-30 23:59");
}

static void
t_menu(void)
{
	const char	*k;

	/* 申請済みです。 comes first, whatever else holds. */
	CU_ASSERT_EQUAL(apply_menu_state("submitted", "x.why", AW_AFTER, &k),
	    AM_APPLIED);
	CU_ASSERT_STRING_EQUAL(k, "apply.menu.applied");
	CU_ASSERT_EQUAL(apply_menu_state("approved", NULL, AW_OPEN, &k),
	    AM_APPLIED);
	/* Then the feature's reason. */
	CU_ASSERT_EQUAL(apply_menu_state(NULL, "x.why", AW_OPEN, &k),
	    AM_REASON);
	CU_ASSERT_STRING_EQUAL(k, "x.why");
	CU_ASSERT_EQUAL(apply_menu_state("draft", "x.why", AW_OPEN, &k),
	    AM_REASON);
	/* Then a closed window, then the window itself. */
	CU_ASSERT_EQUAL(apply_menu_state("draft", NULL, AW_BEFORE, &k),
	    AM_REASON);
	CU_ASSERT_STRING_EQUAL(k, "apply.why.outside");
	CU_ASSERT_EQUAL(apply_menu_state(NULL, NULL, AW_NONE, &k), AM_REASON);
	CU_ASSERT_STRING_EQUAL(k, "apply.why.none");
	CU_ASSERT_EQUAL(apply_menu_state("returned", NULL, AW_OPEN, &k),
	    AM_WINDOW);
	CU_ASSERT_STRING_EQUAL(k, "apply.menu.window");
	CU_ASSERT_EQUAL(apply_menu_state(NULL, NULL, AW_OPEN, &k), AM_WINDOW);
}

static void
t_section_state(void)
{
	struct apply_app	 a;

	CU_ASSERT_EQUAL(apply_section_state(0, 0, 1), AS_BLANK);
	CU_ASSERT_EQUAL(apply_section_state(0, 0, 0), AS_BLANK);
	CU_ASSERT_EQUAL(apply_section_state(3, 2, 1), AS_PROGRESS);
	CU_ASSERT_EQUAL(apply_section_state(3, 3, 0), AS_PROGRESS);
	CU_ASSERT_EQUAL(apply_section_state(3, 3, 1), AS_DONE);
	CU_ASSERT_STRING_EQUAL(apply_sstate_name(AS_BLANK), "blank");
	CU_ASSERT_STRING_EQUAL(apply_sstate_name(AS_PROGRESS), "progress");
	CU_ASSERT_STRING_EQUAL(apply_sstate_name(AS_DONE), "done");
	/* Only a draft, a returned one or none yet is edited. */
	memset(&a, 0, sizeof(a));
	CU_ASSERT(apply_editable(&a));
	a.id = 7;
	snprintf(a.state, sizeof(a.state), "draft");
	CU_ASSERT(apply_editable(&a));
	snprintf(a.state, sizeof(a.state), "returned");
	CU_ASSERT(apply_editable(&a));
	snprintf(a.state, sizeof(a.state), "submitted");
	CU_ASSERT(!apply_editable(&a));
	snprintf(a.state, sizeof(a.state), "approved");
	CU_ASSERT(!apply_editable(&a));
}

/* ---- a test offering: two sections, a feature shortfall ------------- */

static const struct field units_fields[] = {
	{ "title", F_TEXT, 1, 20, "t.title", NULL },
	{ "units", F_DIGITS, 1, 3, "t.units", NULL },
	{ "proof", F_FILE, 1, 0, "t.proof", NULL },
};
static const struct field about_fields[] = {
	{ "motive", F_TEXTAREA, 1, 100, "t.motive", NULL },
};

/* Completeness beyond valid rows: at least two. */
static int
two_rows(const struct apply_app *a, const struct apply_rows *rs)
{
	(void)a;
	return rs->n >= 2;
}

static const struct apply_section t_sections[] = {
	{ .name = "about", .title = "t.about", .fields = about_fields,
	    .nfields = 1 },
	{ .name = "units", .title = "t.units", .fields = units_fields,
	    .nfields = 3, .max_rows = 10, .complete = two_rows },
	{ .name = NULL },
};

/* 業績単位が不足しています (現在 N 単位): N the sum of the rows' units. */
static int
t_short(struct ctx *c, const struct apply_app *a,
    const struct apply_data *d, struct apply_shortfalls *sf)
{
	char	 arg[16];
	size_t	 i;
	int	 sum = 0;
	const char *v;

	(void)c; (void)a;
	for (i = 0; i < d->sec[1].n; i++)
		if ((v = kv_str(&d->sec[1].row[i].vals, "units")) != NULL)
			sum += atoi(v);
	if (sum < 50) {
		snprintf(arg, sizeof(arg), "%d", sum);
		apply_shortfall_add(sf, "t.short.units", arg);
	}
	return 0;
}

static const struct apply_offering t_offering = {
	.feature = "t", .kind = "t", .title = "t.title",
	.sections = t_sections, .shortfalls = t_short,
};

static void
row(struct apply_rows *rs, int id, const char *title, const char *units,
    const char *proof)
{
	struct apply_row	*r;

	rs->row = realloc(rs->row, (rs->n + 1) * sizeof(*rs->row));
	r = &rs->row[rs->n++];
	memset(r, 0, sizeof(*r));
	r->id = id;
	kv_add(&r->vals, "title", 5, title, strlen(title));
	kv_add(&r->vals, "units", 5, units, strlen(units));
	kv_add(&r->vals, "proof", 5, proof, strlen(proof));
}

static void
t_shortfalls(void)
{
	struct apply_app	 a;
	struct apply_data	 d;
	struct apply_shortfalls	 sf;
	struct form_result	 res;

	memset(&a, 0, sizeof(a));
	memset(&d, 0, sizeof(d));
	a.off = &t_offering;
	/* Nothing yet: both sections, then the feature's text with 0. */
	CU_ASSERT_EQUAL(apply_shortfalls(NULL, &a, &d, &sf), 0);
	CU_ASSERT_EQUAL(sf.n, 3);
	CU_ASSERT_STRING_EQUAL(sf.s[0].key, "apply.short.blank");
	CU_ASSERT_STRING_EQUAL(sf.s[0].arg_key, "t.about");
	CU_ASSERT_STRING_EQUAL(sf.s[1].arg_key, "t.units");
	CU_ASSERT_STRING_EQUAL(sf.s[2].key, "t.short.units");
	CU_ASSERT_STRING_EQUAL(sf.s[2].arg, "0");
	CU_ASSERT_PTR_NULL(sf.s[2].arg_key);
	/* A row without its file (an upload id) is not valid. */
	row(&d.sec[1], 1, "症例報告", "10", "");
	CU_ASSERT_EQUAL(apply_row_check(NULL, &a, &t_sections[1], &d.sec[1],
	    1, &d.sec[1].row[0].vals, &res), 0);
	CU_ASSERT_EQUAL(res.nerr, 1);
	CU_ASSERT_STRING_EQUAL(res.err[0].key, "err.required-file");
	kv_free(&d.sec[1].row[0].vals);
	d.sec[1].n = 0;
	row(&d.sec[1], 1, "症例報告", "10", "41");
	CU_ASSERT_EQUAL(apply_row_check(NULL, &a, &t_sections[1], &d.sec[1],
	    1, &d.sec[1].row[0].vals, &res), 0);
	CU_ASSERT_EQUAL(res.nerr, 0);
	/* One valid row: 登録中 (the section wants two); 10 units. */
	CU_ASSERT_EQUAL(apply_section_eval(NULL, &a, &t_sections[1],
	    &d.sec[1]), AS_PROGRESS);
	CU_ASSERT_EQUAL(apply_shortfalls(NULL, &a, &d, &sf), 0);
	CU_ASSERT_EQUAL(sf.n, 3);
	CU_ASSERT_STRING_EQUAL(sf.s[1].key, "apply.short.progress");
	CU_ASSERT_STRING_EQUAL(sf.s[2].arg, "10");
	/* An invalid second row keeps it 登録中. */
	row(&d.sec[1], 2, "学会発表", "4x", "42");
	CU_ASSERT_EQUAL(apply_section_eval(NULL, &a, &t_sections[1],
	    &d.sec[1]), AS_PROGRESS);
	/* Fixed, and the form filled: only the feature's shortfall. */
	kv_free(&d.sec[1].row[1].vals);
	d.sec[1].n = 1;
	row(&d.sec[1], 2, "学会発表", "45", "42");
	row(&d.sec[0], 0, "", "", "");
	kv_free(&d.sec[0].row[0].vals);
	memset(&d.sec[0].row[0].vals, 0, sizeof(d.sec[0].row[0].vals));
	kv_add(&d.sec[0].row[0].vals, "motive", 6, "専門医を目指して", 24);
	CU_ASSERT_EQUAL(apply_section_eval(NULL, &a, &t_sections[0],
	    &d.sec[0]), AS_DONE);
	CU_ASSERT_EQUAL(apply_section_eval(NULL, &a, &t_sections[1],
	    &d.sec[1]), AS_DONE);
	CU_ASSERT_EQUAL(apply_shortfalls(NULL, &a, &d, &sf), 0);
	CU_ASSERT_EQUAL(sf.n, 0);
	apply_data_free(&d);
	/* The list is capped, never overrun. */
	memset(&sf, 0, sizeof(sf));
	for (int i = 0; i < APPLY_SHORT_MAX + 5; i++)
		apply_shortfall_add(&sf, "k", "a");
	CU_ASSERT_EQUAL(sf.n, APPLY_SHORT_MAX);
}

/* ---- the snapshot is never changed ------------------------------------- */

static char *
slurp(const char *rel)
{
	const char	*src = getenv("top_srcdir");
	char		 path[1024], *buf = NULL;
	FILE		*f;
	long		 n;

	snprintf(path, sizeof(path), "%s/%s", src ? src : ".", rel);
	if ((f = fopen(path, "r")) == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (buf = calloc(1, n + 1)) != NULL &&
	    fread(buf, 1, n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

static void
t_snapshot_immutable(void)
{
	char	*dbq = slurp("src/apply/dbq_apply.c");
	char	*sql = slurp("sql/011_apply.sql");

	CU_ASSERT_PTR_NOT_NULL_FATAL(dbq);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sql);
	/* The data layer only INSERTs and SELECTs snapshots. */
	CU_ASSERT_PTR_NOT_NULL(strstr(dbq, "INSERT INTO app_snapshot"));
	CU_ASSERT_PTR_NULL(strstr(dbq, "UPDATE app_snapshot"));
	CU_ASSERT_PTR_NULL(strstr(dbq, "DELETE FROM app_snapshot"));
	CU_ASSERT_PTR_NULL(strstr(dbq, "REPLACE INTO app_snapshot"));
	/* And the schema refuses both, whoever asks. */
	CU_ASSERT_PTR_NOT_NULL(strstr(sql, "BEFORE UPDATE ON app_snapshot "
	    "FOR EACH ROW SIGNAL"));
	CU_ASSERT_PTR_NOT_NULL(strstr(sql, "BEFORE DELETE ON app_snapshot "
	    "FOR EACH ROW SIGNAL"));
	/* No cascade from the application reaches it. */
	CU_ASSERT_PTR_NULL(strstr(strstr(sql, "CREATE TABLE IF NOT EXISTS "
	    "app_snapshot"), "CASCADE"));
	free(dbq);
	free(sql);
}

/* ---- training (BRD-11) -------------------------------------------------- */

static void
t_training_periods(void)
{
	struct tperiod	 p[3];
	int		 from, to;

	CU_ASSERT_EQUAL(training_ym("2024-04"), 2024 * 12 + 3);
	CU_ASSERT_EQUAL(training_ym("2024-13"), -1);
	CU_ASSERT_EQUAL(training_ym("2024-4"), -1);
	CU_ASSERT_EQUAL(training_ym("24-04"), -1);
	CU_ASSERT_EQUAL(training_ym(NULL), -1);
	/* Three years from April 2024: 2024-04 … 2027-03. */
	training_span(2024, 3, &from, &to);
	CU_ASSERT_EQUAL(from, training_ym("2024-04"));
	CU_ASSERT_EQUAL(to, training_ym("2027-03"));
	p[0] = (struct tperiod){ 1, training_ym("2024-04"),
	    training_ym("2025-03") };
	p[1] = (struct tperiod){ 2, training_ym("2025-04"),
	    training_ym("2026-03") };
	p[2] = (struct tperiod){ 3, training_ym("2026-03"),
	    training_ym("2027-03") };
	/* Adjacent is fine; one shared month is an overlap, both ways. */
	CU_ASSERT_EQUAL(training_overlap(p, 2, 1), -1);
	CU_ASSERT_EQUAL(training_overlap(p, 3, 2), 1);
	CU_ASSERT_EQUAL(training_overlap(p, 3, 1), 2);
	CU_ASSERT_EQUAL(training_overlap(p, 3, 0), -1);
	CU_ASSERT(training_within(&p[0], from, to));
	CU_ASSERT(training_within(&p[2], from, to));
	p[2].end = training_ym("2027-04");
	CU_ASSERT(!training_within(&p[2], from, to));
	p[0].start = training_ym("2024-03");
	CU_ASSERT(!training_within(&p[0], from, to));
	p[0].start = training_ym("2024-04");
	/* Missing months: none when covered, else counted once each. */
	p[2].end = training_ym("2027-03");
	CU_ASSERT_EQUAL(training_missing(p, 3, from, to), 0);
	CU_ASSERT_EQUAL(training_missing(p, 2, from, to), 12);
	CU_ASSERT_EQUAL(training_missing(p, 1, from, to), 24);
	CU_ASSERT_EQUAL(training_missing(p, 0, from, to), 36);
}

/*
 * A one-form section (max_rows 0: its one row is row 0) with a file
 * field (CORE-13): its state from what is stored — nothing, typed
 * without the file (登録中, the file's error), complete (登録済); and the
 * states a withdrawal leaves (no more editing).  No offering ships with
 * these yet; the pages' paths are issue 9 item 8's open part.
 */
static void
t_one_form_file(void)
{
	static const struct field fields[] = {
		{ "title", F_TEXT, 1, 40, "t.title", NULL },
		{ "doc", F_FILE, 1, 0, "t.doc", NULL },
	};
	static const struct apply_section sec = {
		.name = "cv", .title = "t.cv", .fields = fields,
		.nfields = 2, .max_rows = 0,
	};
	struct apply_app	 a;
	struct apply_row	 row;
	struct apply_rows	 rs = { &row, 1 };
	struct form_result	 res;

	memset(&a, 0, sizeof(a));
	memset(&row, 0, sizeof(row));
	rs.n = 0;
	CU_ASSERT_EQUAL(apply_section_eval(NULL, &a, &sec, &rs), AS_BLANK);
	rs.n = 1;
	row.id = 0;
	CU_ASSERT_EQUAL(kv_add(&row.vals, "title", 5, "履歴書", strlen("履歴書")),
	    KV_OK);
	CU_ASSERT_EQUAL(apply_section_eval(NULL, &a, &sec, &rs), AS_PROGRESS);
	CU_ASSERT_EQUAL(apply_row_check(NULL, &a, &sec, &rs, 0, &row.vals,
	    &res), 0);
	CU_ASSERT_EQUAL(res.nerr, 1);
	if (res.nerr == 1)
		CU_ASSERT_STRING_EQUAL(res.err[0].key, "err.required-file");
	CU_ASSERT_EQUAL(kv_add(&row.vals, "doc", 3, "42", 2), KV_OK);
	CU_ASSERT_EQUAL(apply_section_eval(NULL, &a, &sec, &rs), AS_DONE);
	kv_free(&row.vals);
	/* Withdrawn or rejected: over, nothing to edit; returned: again. */
	a.id = 1;
	snprintf(a.state, sizeof(a.state), "withdrawn");
	CU_ASSERT(!apply_editable(&a));
	snprintf(a.state, sizeof(a.state), "rejected");
	CU_ASSERT(!apply_editable(&a));
	snprintf(a.state, sizeof(a.state), "returned");
	CU_ASSERT(apply_editable(&a));
}

int
suite_apply(void)
{
	static const struct utest tests[] = {
		{ "window states to the second, its text (CORE-18)",
		    t_window },
		{ "the menu's three states (CORE-18)", t_menu },
		{ "section states and who may edit (CORE-12, CORE-19)",
		    t_section_state },
		{ "shortfalls listed exactly, sections first (CORE-12)",
		    t_shortfalls },
		{ "a snapshot is never changed (CORE-19)",
		    t_snapshot_immutable },
		{ "rotations: months, overlap, years, coverage (BRD-11)",
		    t_training_periods },
		{ "a one-form section with a file field (CORE-12, CORE-13)",
		    t_one_form_file },
		{ NULL, NULL },
	};

	return add_suite("apply", tests);
}
