/*
 * t_recruit.c — the pure parts of recruitment: keyword normalization,
 * the phases of a round and what an applicant may see (BRD-7, CORE-18),
 * the decline window (BRD-8), CSV quoting (RFC 4180), paths with ids,
 * the demo clock's offsets and Japan-time parsing, and the typed rows of
 * the data layer (issue 8).
 */
#define _XOPEN_SOURCE	700	/* nftw */
#include <ftw.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "clock.h"
#include "db.h"
#include "recruit.h"
#include "tests.h"

static void
t_normalize(void)
{
	char	 out[64];

	CU_ASSERT_EQUAL(recruit_normalize("ＡＢｃ １２3", out, sizeof(out)), 6);
	CU_ASSERT_STRING_EQUAL(out, "abc123");
	/* Hiragana as katakana, the ideographic space and '|' dropped. */
	recruit_normalize("こども　医療|センター", out, sizeof(out));
	CU_ASSERT_STRING_EQUAL(out, "コドモ医療センター");
	/* Invalid bytes dropped, never cut inside a character. */
	recruit_normalize("a\xff\xfe" "b", out, sizeof(out));
	CU_ASSERT_STRING_EQUAL(out, "ab");
	CU_ASSERT_EQUAL(recruit_normalize("東京大学", out, 7), 2);
	CU_ASSERT_STRING_EQUAL(out, "東京");
	CU_ASSERT_EQUAL(recruit_normalize("", out, sizeof(out)), 0);
}

static struct rround
round_fixture(void)
{
	struct rround	 r;

	memset(&r, 0, sizeof(r));
	r.id = 1;
	r.year = 2027;
	strcpy(r.track, "regular");
	strcpy(r.kind, "first");
	strcpy(r.apply_open, "2026-11-01 12:00:00");
	strcpy(r.apply_close, "2026-11-14 12:00:00");
	strcpy(r.adjust_open, "2026-11-16 12:00:00");
	strcpy(r.adjust_close, "2026-11-24 12:00:00");
	strcpy(r.notify_at, "2026-11-29 12:00:00");
	strcpy(r.confirm_open, "2026-11-24 12:00:00");
	strcpy(r.confirm_close, "2026-12-10 12:00:00");
	return r;
}

/* CORE-18: every boundary to the second. */
static void
t_phases(void)
{
	struct rround	 r = round_fixture();

	CU_ASSERT_EQUAL(rround_phase(&r, "2026-11-01 11:59:59"), RP_BEFORE);
	CU_ASSERT_EQUAL(rround_phase(&r, "2026-11-01 12:00:00"), RP_APPLY);
	CU_ASSERT_TRUE(rround_applying(&r, "2026-11-14 11:59:59"));
	CU_ASSERT_FALSE(rround_applying(&r, "2026-11-14 12:00:00"));
	CU_ASSERT_EQUAL(rround_phase(&r, "2026-11-14 12:00:00"), RP_CLOSED);
	CU_ASSERT_EQUAL(rround_phase(&r, "2026-11-16 12:00:00"), RP_ADJUST);
	CU_ASSERT_TRUE(rround_adjusting(&r, "2026-11-24 11:59:59"));
	CU_ASSERT_FALSE(rround_adjusting(&r, "2026-11-24 12:00:00"));
	CU_ASSERT_EQUAL(rround_phase(&r, "2026-11-24 12:00:00"), RP_WAIT);
	CU_ASSERT_EQUAL(rround_phase(&r, "2026-11-29 12:00:00"), RP_NOTIFIED);
	CU_ASSERT_EQUAL(rround_phase(&r, "2026-12-10 12:00:00"), RP_OVER);
	CU_ASSERT_STRING_EQUAL(rphase_name(RP_ADJUST), "adjust");
}

/* BRD-7: a decision is not visible before the notification time. */
static void
t_visible(void)
{
	struct rround	 r = round_fixture();
	const char	*before = "2026-11-29 11:59:59";
	const char	*after = "2026-11-29 12:00:00";

	CU_ASSERT_STRING_EQUAL(app_visible_state("accepted", &r, before),
	    "applied");
	CU_ASSERT_STRING_EQUAL(app_visible_state("rejected", &r, before),
	    "applied");
	CU_ASSERT_STRING_EQUAL(app_visible_state("accepted", &r, after),
	    "accepted");
	CU_ASSERT_STRING_EQUAL(app_visible_state("rejected", &r, after),
	    "rejected");
	CU_ASSERT_STRING_EQUAL(app_visible_state("applied", &r, after),
	    "undecided");
	CU_ASSERT_STRING_EQUAL(app_visible_state("cancelled", &r, before),
	    "cancelled");
}

/* BRD-8: from the notification, within the confirmation period. */
static void
t_decline_window(void)
{
	struct rround	 r = round_fixture();
	char		 until[CLOCK_SQL_LEN];

	CU_ASSERT_FALSE(rround_declinable(&r, "2026-11-29 11:59:59"));
	CU_ASSERT_TRUE(rround_declinable(&r, "2026-11-29 12:00:00"));
	CU_ASSERT_TRUE(rround_declinable(&r, "2026-12-10 11:59:59"));
	CU_ASSERT_FALSE(rround_declinable(&r, "2026-12-10 12:00:00"));
	/* No confirmation period: until the training year starts. */
	r.confirm_open[0] = r.confirm_close[0] = '\0';
	rround_decline_until(&r, until, sizeof(until));
	CU_ASSERT_STRING_EQUAL(until, "2027-04-01 00:00:00");
	CU_ASSERT_TRUE(rround_declinable(&r, "2027-03-31 23:59:59"));
	CU_ASSERT_FALSE(rround_declinable(&r, "2027-04-01 00:00:00"));
	/* A confirmation period opening after the notification. */
	strcpy(r.confirm_open, "2026-12-01 12:00:00");
	strcpy(r.confirm_close, "2026-12-10 12:00:00");
	CU_ASSERT_FALSE(rround_declinable(&r, "2026-11-30 12:00:00"));
	CU_ASSERT_TRUE(rround_declinable(&r, "2026-12-01 12:00:00"));
}

static void
t_path_id(void)
{
	const char	*rest;

	CU_ASSERT_EQUAL(recruit_path_id("/programs/123", "/programs/", NULL),
	    123);
	CU_ASSERT_EQUAL(recruit_path_id("/programs/0123", "/programs/", NULL),
	    -1);
	CU_ASSERT_EQUAL(recruit_path_id("/programs/", "/programs/", NULL), -1);
	CU_ASSERT_EQUAL(recruit_path_id("/programs/12x", "/programs/", NULL),
	    -1);
	CU_ASSERT_EQUAL(recruit_path_id("/programs/1234567890123",
	    "/programs/", NULL), -1);
	CU_ASSERT_EQUAL(recruit_path_id("/admin/programs/7/applicants.csv",
	    "/admin/programs/", &rest), 7);
	CU_ASSERT_STRING_EQUAL(rest, "/applicants.csv");
}

/* The demo clock: offsets and times. */
static void
t_clock(void)
{
	long long	 v;
	time_t		 t;
	char		 s[CLOCK_SQL_LEN];

	CU_ASSERT_EQUAL(clock_offset_parse("+3d", &v), 0);
	CU_ASSERT_EQUAL(v, 3 * 86400);
	CU_ASSERT_EQUAL(clock_offset_parse("-12h", &v), 0);
	CU_ASSERT_EQUAL(v, -12 * 3600);
	CU_ASSERT_EQUAL(clock_offset_parse("90m", &v), 0);
	CU_ASSERT_EQUAL(v, 5400);
	CU_ASSERT_EQUAL(clock_offset_parse("3w", &v), -1);
	CU_ASSERT_EQUAL(clock_offset_parse("", &v), -1);
	CU_ASSERT_EQUAL(clock_offset_parse("+99999d", &v), -1);
	CU_ASSERT_EQUAL(jst_parse("2026-11-01 12:00", &t), 0);
	jst_sql(t, s, sizeof(s));
	CU_ASSERT_STRING_EQUAL(s, "2026-11-01 12:00:00");
	CU_ASSERT_EQUAL((long long)t, 1793502000LL);	/* 03:00 UTC */
	CU_ASSERT_EQUAL(jst_parse("2026-11-01T12:00:30", &t), 0);
	CU_ASSERT_EQUAL(jst_parse("2026-02-30 12:00", &t), -1);
	CU_ASSERT_EQUAL(jst_parse("2026-11-01 24:00", &t), -1);
	CU_ASSERT_EQUAL(jst_parse("2026/11/01 12:00", &t), -1);
	/* Without a demo clock file, clock_now() is the system time. */
	clock_init(NULL);
	CU_ASSERT_EQUAL(clock_offset(), 0);
	CU_ASSERT_TRUE(clock_now() - time(NULL) <= 1);
	clock_init("/nonexistent/demo-clock");
	CU_ASSERT_EQUAL(clock_offset(), 0);
}

/* A one-row result whose cells are the given strings (NULL: SQL NULL). */
static struct dbres *
fake_row(const char **cells, size_t n)
{
	static struct dbres	 r;

	r.nrows = 1;
	r.ncols = n;
	r.cell = (char **)(void *)cells;
	r.len = NULL;
	return &r;
}

#define ROUND_CELLS	"7", "2027", "regular", "first", \
	"2026-11-01 12:00:00", "2026-11-14 12:00:00", "2026-11-16 12:00:00", \
	"2026-11-24 12:00:00", "2026-11-29 12:00:00", NULL, NULL

/*
 * Each reader names the columns its statement selects, in their order:
 * the cells below are the select lists of dbq_program.c and
 * dbq_recruit.c, so a field read from the wrong column shows here.
 */
static void
t_rows(void)
{
	const char *ps[] = { "p.id", "p.code", "p.name", "p.domain",
	    "p.prefecture", "p.capacity", "p.instructors", "p.track",
	    "f.name", "p.years", "p.director_name" };
	const char *pg[] = { "p.id", "p.code", "p.name", "p.domain",
	    "p.prefecture", "p.capacity", "p.instructors", "p.years",
	    "p.director_uid", "p.director_name", "p.track",
	    "p.booklet_upload_id", "p.description", "f.id", "f.name",
	    "f.prefecture", "f.address", "f.beds", "f.details",
	    "p.updated_at" };
	const char *pa[] = { "f.id", "f.name", "f.prefecture", "f.address",
	    "f.beds", "f.details", "pp.role" };
	const char *ro[] = { "r.year", "r.seq", "f.id", "f.name", "r.months",
	    "r.notes" };
	const char *ap[] = { "a.id", "a.state", "a.program_id", "a.system",
	    "a.curriculum_reason", "a.created_at", "a.cancelled_at",
	    "a.decided_at", "a.declined_at", "a.uid", "p.code", "p.name",
	    ROUND_CELLS };
	const char *apo[] = { "a.id", "a.state", "a.system",
	    "a.curriculum_reason", "a.curriculum_detail", "a.prior_domain",
	    "a.prior_status", "a.prior_ym", "a.created_at", "a.cancelled_at",
	    "a.decided_at", "a.declined_at", "a.decline_reason", "a.uid",
	    "m.regno", "m.name_kanji", "m.name_kana", "m.email", "r.id",
	    "r.year", "r.track", "r.kind", "r.adjust_open", "r.adjust_close",
	    "r.notify_at", "a.director_contacted" };
	const char *ar[] = { "a.id", "a.state", "p.id", "p.code", "p.name",
	    "a.uid", "m.regno", "m.name_kanji", "a.created_at",
	    "a.decided_at", "a.declined_at" };
	const char *am[] = { "a.id", "a.state", "a.uid", "p.name", "p.code",
	    "m.name_kanji", "m.email" };
	struct program_summary	 s;
	struct program_row	 p;
	struct facility_row	 f;
	struct rotation_row	 rt;
	struct app_row		 a;
	struct program_app_row	 po;
	struct round_app_row	 ra;
	struct app_mail_row	 m;
	struct rround		 rr;

	dbq_program_summary_row(fake_row(ps, 10), 0, &s);
	CU_ASSERT_STRING_EQUAL(s.id, "p.id");
	CU_ASSERT_STRING_EQUAL(s.pref, "p.prefecture");
	CU_ASSERT_STRING_EQUAL(s.base, "f.name");
	CU_ASSERT_STRING_EQUAL(s.years, "p.years");
	CU_ASSERT_PTR_NULL(s.director);	/* only the admin's list has it */
	dbq_program_summary_row(fake_row(ps, 11), 0, &s);
	CU_ASSERT_STRING_EQUAL(s.director, "p.director_name");

	dbq_program_row(fake_row(pg, 20), 0, &p);
	CU_ASSERT_STRING_EQUAL(p.years, "p.years");
	CU_ASSERT_STRING_EQUAL(p.director_uid, "p.director_uid");
	CU_ASSERT_STRING_EQUAL(p.track, "p.track");
	CU_ASSERT_STRING_EQUAL(p.booklet, "p.booklet_upload_id");
	CU_ASSERT_STRING_EQUAL(p.description, "p.description");
	CU_ASSERT_STRING_EQUAL(p.base.id, "f.id");
	CU_ASSERT_STRING_EQUAL(p.base.pref, "f.prefecture");
	CU_ASSERT_STRING_EQUAL(p.base.beds, "f.beds");
	CU_ASSERT_STRING_EQUAL(p.base.details, "f.details");
	CU_ASSERT_STRING_EQUAL(p.updated, "p.updated_at");

	dbq_partner_row(fake_row(pa, 7), 0, &f);
	CU_ASSERT_STRING_EQUAL(f.address, "f.address");
	CU_ASSERT_STRING_EQUAL(f.role, "pp.role");
	dbq_rotation_row(fake_row(ro, 6), 0, &rt);
	CU_ASSERT_STRING_EQUAL(rt.facility_id, "f.id");
	CU_ASSERT_STRING_EQUAL(rt.facility, "f.name");
	CU_ASSERT_STRING_EQUAL(rt.months, "r.months");

	CU_ASSERT_EQUAL(dbq_app_row(fake_row(ap, 23), 0, &a), 0);
	CU_ASSERT_STRING_EQUAL(a.program_id, "a.program_id");
	CU_ASSERT_STRING_EQUAL(a.declined, "a.declined_at");
	CU_ASSERT_STRING_EQUAL(a.uid, "a.uid");
	CU_ASSERT_STRING_EQUAL(a.program_code, "p.code");
	CU_ASSERT_STRING_EQUAL(a.program_name, "p.name");
	CU_ASSERT_EQUAL(a.round.id, 7);
	CU_ASSERT_EQUAL(a.round.year, 2027);
	CU_ASSERT_STRING_EQUAL(a.round.kind, "first");
	CU_ASSERT_STRING_EQUAL(a.round.notify_at, "2026-11-29 12:00:00");
	CU_ASSERT_STRING_EQUAL(a.round.confirm_close, "");
	/* Too few columns, or no round: no application. */
	CU_ASSERT_EQUAL(dbq_app_row(fake_row(ap, 22), 0, &a), -1);
	ap[12] = NULL;
	CU_ASSERT_EQUAL(dbq_app_row(fake_row(ap, 23), 0, &a), -1);
	CU_ASSERT_EQUAL(dbq_round_row(fake_row(ap + 13, 10), 0, &rr), -1);
	ap[12] = "7";
	CU_ASSERT_EQUAL(dbq_round_row(fake_row(ap + 12, 11), 0, &rr), 0);
	CU_ASSERT_STRING_EQUAL(rr.adjust_close, "2026-11-24 12:00:00");

	dbq_program_app_row(fake_row(apo, 26), 0, &po);
	CU_ASSERT_STRING_EQUAL(po.detail, "a.curriculum_detail");
	CU_ASSERT_STRING_EQUAL(po.prior_ym, "a.prior_ym");
	CU_ASSERT_STRING_EQUAL(po.decline_reason, "a.decline_reason");
	CU_ASSERT_STRING_EQUAL(po.regno, "m.regno");
	CU_ASSERT_STRING_EQUAL(po.name, "m.name_kanji");
	CU_ASSERT_STRING_EQUAL(po.kana, "m.name_kana");
	CU_ASSERT_STRING_EQUAL(po.round_id, "r.id");
	CU_ASSERT_STRING_EQUAL(po.kind, "r.kind");
	CU_ASSERT_STRING_EQUAL(po.adjust_close, "r.adjust_close");
	CU_ASSERT_STRING_EQUAL(po.contacted, "a.director_contacted");

	dbq_round_app_row(fake_row(ar, 11), 0, &ra);
	CU_ASSERT_STRING_EQUAL(ra.program_id, "p.id");
	CU_ASSERT_STRING_EQUAL(ra.program_name, "p.name");
	CU_ASSERT_STRING_EQUAL(ra.regno, "m.regno");
	CU_ASSERT_STRING_EQUAL(ra.name, "m.name_kanji");
	CU_ASSERT_STRING_EQUAL(ra.declined, "a.declined_at");

	dbq_app_mail_row(fake_row(am, 7), 0, &m);
	CU_ASSERT_STRING_EQUAL(m.uid, "a.uid");
	CU_ASSERT_STRING_EQUAL(m.program_name, "p.name");
	CU_ASSERT_STRING_EQUAL(m.program_code, "p.code");
	CU_ASSERT_STRING_EQUAL(m.email, "m.email");
}

/*
 * Issue 8: the recruitment pages read rows through the data layer's
 * structs, never by column number.  The sources are found wherever they
 * live under src/ (the tree is being regrouped), by their names.
 */
static regex_t	 positional;
static int	 scanned, positional_reads;

static int
scan_source(const char *path, const struct stat *st, int type,
    struct FTW *ftw)
{
	const char	*base = path + ftw->base;
	char		 line[1024];
	FILE		*f;
	int		 n = 0;

	(void)st;
	if (type != FTW_F || (strncmp(base, "recruit", 7) != 0 &&
	    strcmp(base, "demo_recruit.c") != 0) ||
	    strcmp(base + strlen(base) - 2, ".c") != 0)
		return 0;
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	scanned++;
	while (fgets(line, sizeof(line), f) != NULL) {
		n++;
		if (regexec(&positional, line, 0, NULL, 0) == 0) {
			fprintf(stderr, "%s:%d: a row read by column number\n",
			    path, n);
			positional_reads++;
		}
	}
	fclose(f);
	return 0;
}

static void
t_no_positional_reads(void)
{
	const char	*src = getenv("top_srcdir");
	char		 path[1024];

	snprintf(path, sizeof(path), "%s/src", src ? src : ".");
	if (regcomp(&positional, "dbres_get\\([^,]*, *[^,]*, *[0-9]",
	    REG_EXTENDED | REG_NOSUB) != 0) {
		CU_FAIL("regcomp");
		return;
	}
	scanned = positional_reads = 0;
	CU_ASSERT_EQUAL(nftw(path, scan_source, 16, FTW_PHYS), 0);
	regfree(&positional);
	/* recruit.c, recruit_admin.c, recruit_search.c, demo_recruit.c */
	CU_ASSERT(scanned >= 4);
	CU_ASSERT_EQUAL(positional_reads, 0);
}

int
suite_recruit(void)
{
	static const struct utest tests[] = {
		{ "keyword normalization", t_normalize },
		{ "round phases to the second (CORE-18)", t_phases },
		{ "results hidden until notified (BRD-7)", t_visible },
		{ "decline window (BRD-8)", t_decline_window },
		{ "ids in paths", t_path_id },
		{ "demo clock and Japan time", t_clock },
		{ "typed rows: each field from its column (issue 8)", t_rows },
		{ "typed rows: no read by column number (issue 8)",
		    t_no_positional_reads },
		{ NULL, NULL },
	};

	return add_suite("recruit", tests);
}
