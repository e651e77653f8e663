/*
 * t_recruit.c — the pure parts of recruitment: keyword normalization,
 * the phases of a round and what an applicant may see (BRD-7, CORE-18),
 * the decline window (BRD-8), CSV quoting (RFC 4180), paths with ids,
 * and the demo clock's offsets and Japan-time parsing.
 */
#include <string.h>

#include "buf.h"
#include "clock.h"
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
t_csv(void)
{
	struct buf	 b = { NULL, 0, 0 };

	csv_field(&b, "plain");
	buf_puts(&b, ",");
	csv_field(&b, "a,b");
	buf_puts(&b, ",");
	csv_field(&b, "say \"hi\"");
	buf_puts(&b, ",");
	csv_field(&b, "two\r\nlines");
	buf_puts(&b, ",");
	csv_field(&b, NULL);
	CU_ASSERT_STRING_EQUAL(b.data,
	    "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\r\nlines\",");
	buf_reset(&b);
	/* What a spreadsheet would run as a formula stays text. */
	csv_field(&b, "=HYPERLINK(\"x\")");
	buf_puts(&b, ",");
	csv_field(&b, "@SUM(A1)");
	buf_puts(&b, ",");
	csv_field(&b, "2026-11-23 12:00:00");
	CU_ASSERT_STRING_EQUAL(b.data,
	    "\"'=HYPERLINK(\"\"x\"\")\",'@SUM(A1),2026-11-23 12:00:00");
	buf_free(&b);
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

int
suite_recruit(void)
{
	static const struct utest tests[] = {
		{ "keyword normalization", t_normalize },
		{ "round phases to the second (CORE-18)", t_phases },
		{ "results hidden until notified (BRD-7)", t_visible },
		{ "decline window (BRD-8)", t_decline_window },
		{ "CSV quoting (RFC 4180)", t_csv },
		{ "ids in paths", t_path_id },
		{ "demo clock and Japan time", t_clock },
		{ NULL, NULL },
	};

	return add_suite("recruit", tests);
}
