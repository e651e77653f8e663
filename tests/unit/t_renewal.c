/*
 * t_renewal.c — the oncology renewal's rules (ONC-2, ONC-6..ONC-13,
 * src/feature/renewal/renewal.c): the five-year seminar window around
 * 1 September, credit totals and caps, counting characters (CJK, emoji,
 * combining marks, line breaks), the documents' row limits, eligibility
 * by years since the last certification.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apply.h"
#include "form.h"
#include "renewal.h"
#include "tests.h"

/* n copies of s in a fresh buffer. */
static char *
rep(const char *s, size_t n, const char *tail)
{
	size_t	 l = strlen(s), i;
	char	*b = calloc(1, l * n + strlen(tail) + 1);

	for (i = 0; b != NULL && i < n; i++)
		memcpy(b + i * l, s, l);
	if (b != NULL)
		strcat(b, tail);
	return b;
}

static void
t_chars(void)
{
	char	*b;

	CU_ASSERT_EQUAL(renewal_chars(""), 0);
	CU_ASSERT_EQUAL(renewal_chars(NULL), 0);
	CU_ASSERT_EQUAL(renewal_chars("abc"), 3);
	CU_ASSERT_EQUAL(renewal_chars("臨床腫瘍"), 4);
	/* An emoji outside the BMP is one (JavaScript's length says 2). */
	CU_ASSERT_EQUAL(renewal_chars("\xf0\x9f\x98\x80"), 1);
	/* か + combining voiced mark: two code points, counted as two. */
	CU_ASSERT_EQUAL(renewal_chars("\xe3\x81\x8b\xe3\x82\x99"), 2);
	/* e + U+0301 */
	CU_ASSERT_EQUAL(renewal_chars("e\xcc\x81"), 2);
	/* A line break is one, CRLF as a browser sends it included. */
	CU_ASSERT_EQUAL(renewal_chars("a\r\nb"), 3);
	CU_ASSERT_EQUAL(renewal_chars("a\nb"), 3);
	/* 1,040 of each kind is at the limit; one more is over. */
	b = rep("腫", RENEWAL_PROFILE_MAX, "");
	CU_ASSERT_EQUAL(renewal_chars(b), RENEWAL_PROFILE_MAX);
	free(b);
	b = rep("\xf0\x9f\x8e\x97", RENEWAL_PROFILE_MAX, "x");
	CU_ASSERT_EQUAL(renewal_chars(b), RENEWAL_PROFILE_MAX + 1);
	free(b);
	b = rep("\xe3\x81\x8b\xe3\x82\x99", RENEWAL_PROFILE_MAX / 2, "");
	CU_ASSERT_EQUAL(renewal_chars(b), RENEWAL_PROFILE_MAX);
	free(b);
	b = rep("あ\r\n", RENEWAL_PROFILE_MAX / 2, "");
	CU_ASSERT_EQUAL(renewal_chars(b), RENEWAL_PROFILE_MAX);
	free(b);
}

static void
t_window(void)
{
	char	 from[11], to[11];

	renewal_window(2026, from, to);
	CU_ASSERT_STRING_EQUAL(from, "2021-09-01");
	CU_ASSERT_STRING_EQUAL(to, "2026-08-31");
	renewal_window(2027, from, to);
	CU_ASSERT_STRING_EQUAL(from, "2022-09-01");
	CU_ASSERT_STRING_EQUAL(to, "2027-08-31");
	/* The edges: 31 August in, 1 September of the next window out. */
	renewal_window(2026, from, to);
	CU_ASSERT(strcmp("2021-08-31", from) < 0);
	CU_ASSERT(strcmp("2021-09-01", from) >= 0);
	CU_ASSERT(strcmp("2026-08-31", to) <= 0);
	CU_ASSERT(strcmp("2026-09-01", to) > 0);
	CU_ASSERT_EQUAL(renewal_fy("2027-03-31"), 2026);
	CU_ASSERT_EQUAL(renewal_fy("2027-04-01"), 2027);
	CU_ASSERT_EQUAL(renewal_fy(""), 0);
	CU_ASSERT_EQUAL(renewal_fy("2027-13-01"), 0);
}

static void
t_credits(void)
{
	struct renewal_rules	 r = { 50, 1, 1, 1, 0, 0, 0 };
	struct renewal_credits	 c = { 10, 25, 30, 0 };

	renewal_total(&r, &c);
	CU_ASSERT_EQUAL(c.total, 65);
	r.cap_paper = 20;
	renewal_total(&r, &c);
	CU_ASSERT_EQUAL(c.total, 60);
	r.cap_seminar = 30;			/* at the cap: all of it */
	renewal_total(&r, &c);
	CU_ASSERT_EQUAL(c.total, 60);
	r.count_meeting = 0;
	renewal_total(&r, &c);
	CU_ASSERT_EQUAL(c.total, 50);
	r.count_paper = r.count_seminar = 0;
	renewal_total(&r, &c);
	CU_ASSERT_EQUAL(c.total, 0);
	CU_ASSERT_EQUAL(renewal_units("15"), 15);
	CU_ASSERT_EQUAL(renewal_units("0"), 0);
	CU_ASSERT_EQUAL(renewal_units("-1"), -1);
	CU_ASSERT_EQUAL(renewal_units("1.5"), -1);
	CU_ASSERT_EQUAL(renewal_units("1000"), -1);
	CU_ASSERT_EQUAL(renewal_units(""), -1);
}

static void
t_months(void)
{
	const char *const f1[] = { "2020-07", "2021-01" };
	const char *const t1[] = { "2020-12", "2021-12" };
	const char *const f2[] = { "2020-07", "2021-01", "2020-09" };
	const char *const t2[] = { "2021-06", "2021-12", "2020-10" };
	const char *const f3[] = { "2020-07", "bad", "2022-05" };
	const char *const t3[] = { "2020-06", "2021-12", "2022-05" };

	CU_ASSERT_EQUAL(renewal_months(f1, t1, 2), 18);
	CU_ASSERT_EQUAL(renewal_months(f2, t2, 3), 18);	/* overlaps once */
	CU_ASSERT_EQUAL(renewal_months(f3, t3, 3), 1);	/* bad ones out */
	CU_ASSERT_EQUAL(renewal_months(f1, t1, 0), 0);
}

static void
t_limits(void)
{
	const struct apply_section	*s = renewal_offering.sections;
	size_t				 i, n = 0, trials = 0, areas = 0;

	CU_ASSERT_STRING_EQUAL(s[RS_ACTIVITY].name, "activity");
	CU_ASSERT_EQUAL(s[RS_ACTIVITY].max_rows, 20);
	CU_ASSERT_EQUAL(s[RS_MEETING].max_rows, 30);
	CU_ASSERT_EQUAL(s[RS_PAPER].max_rows, 30);
	CU_ASSERT_EQUAL(s[RS_RESUME].max_rows, 0);
	CU_ASSERT_EQUAL(s[RS_RECORD].max_rows, 0);
	CU_ASSERT(s[RS_MEETING].optional && s[RS_PAPER].optional);
	CU_ASSERT(!s[RS_RESUME].optional && !s[RS_PROFILE].optional &&
	    !s[RS_ACTIVITY].optional && !s[RS_RECORD].optional);
	for (i = 0; s[i].name != NULL; i++)
		n++;
	CU_ASSERT_EQUAL(n, RS__N);
	CU_ASSERT(renewal4_offering.sections == renewal_offering.sections);
	for (i = 0; i < s[RS_RECORD].nfields; i++) {
		if (strncmp(s[RS_RECORD].fields[i].name, "trial", 5) == 0) {
			trials++;
			CU_ASSERT_EQUAL(s[RS_RECORD].fields[i].max, 80);
		}
		if (s[RS_RECORD].fields[i].type == F_CHECKBOX)
			areas++;
	}
	CU_ASSERT_EQUAL(trials, RENEWAL_TRIALS);
	CU_ASSERT_EQUAL(areas, 3 * RENEWAL_AREAS);
}

static void
t_eligible(void)
{
	/* Renewal year 2026 (expires 2027-03-31), renewed twice. */
	CU_ASSERT_PTR_NULL(renewal_eligible(2026, 2026, 2, 0, RW_BOTH));
	CU_ASSERT_PTR_NULL(renewal_eligible(2026, 2026, 2, 0, RW_EXAM));
	/* The year before: the exam only. */
	CU_ASSERT_STRING_EQUAL(renewal_eligible(2025, 2026, 2, 0, RW_BOTH),
	    "renewal.why.early");
	CU_ASSERT_PTR_NULL(renewal_eligible(2025, 2026, 2, 0, RW_EXAM));
	CU_ASSERT_STRING_EQUAL(renewal_eligible(2024, 2026, 2, 0, RW_EXAM),
	    "renewal.why.early-exam");
	CU_ASSERT_STRING_EQUAL(renewal_eligible(2027, 2026, 2, 0, RW_BOTH),
	    "renewal.why.late");
	/* The 4th renewal and later: the variant, and only it. */
	CU_ASSERT_STRING_EQUAL(renewal_eligible(2026, 2026, 3, 0, RW_BOTH),
	    "renewal.why.use4");
	CU_ASSERT_PTR_NULL(renewal_eligible(2026, 2026, 3, 1, RW_BOTH));
	CU_ASSERT_PTR_NULL(renewal_eligible(2026, 2026, 5, 1, RW_EXAM));
	CU_ASSERT_STRING_EQUAL(renewal_eligible(2026, 2026, 2, 1, RW_BOTH),
	    "renewal.why.not4");
	CU_ASSERT_STRING_EQUAL(renewal_eligible(2026, 0, 0, 0, RW_BOTH),
	    "renewal.why.no-cert");
}

static void
t_session(void)
{
	struct renewal_cert	 rc;

	char			 buf[16];

	CU_ASSERT_EQUAL(renewal_parse_session("4,2027-03-31,", &rc), 0);
	CU_ASSERT_STRING_EQUAL(rc.expires_on, "2027-03-31");
	CU_ASSERT_EQUAL(rc.n, 4);
	CU_ASSERT_EQUAL(rc.renewals, 3);
	CU_ASSERT_EQUAL(rc.next_fy, 2026);
	CU_ASSERT_EQUAL(renewal_parse_session("0,", &rc), 0);
	CU_ASSERT_EQUAL(rc.next_fy, 0);
	CU_ASSERT_EQUAL(renewal_parse_session("", &rc), -1);
	/* The ways in after the expiry: kind:year:way;… */
	CU_ASSERT_STRING_EQUAL(renewal_way_of("1,2027-03-31,renewal:2025:exam;"
	    "renewal:2026:both", "renewal", 2026, buf, sizeof(buf)), "both");
	CU_ASSERT_STRING_EQUAL(renewal_way_of("1,2027-03-31,renewal:2025:exam",
	    "renewal", 2025, buf, sizeof(buf)), "exam");
	CU_ASSERT_PTR_NULL(renewal_way_of("1,2027-03-31,renewal4:2026:both",
	    "renewal", 2026, buf, sizeof(buf)));
	CU_ASSERT_PTR_NULL(renewal_way_of("1,2027-03-31,", "renewal", 2026,
	    buf, sizeof(buf)));
	CU_ASSERT_PTR_NULL(renewal_way_of(NULL, "renewal", 2026, buf,
	    sizeof(buf)));
	/* The exams' part after the ways is not a way. */
	CU_ASSERT_STRING_EQUAL(renewal_way_of("1,2027-03-31,renewal:2026:both,"
	    "2026:pending:0:7", "renewal", 2026, buf, sizeof(buf)), "both");
	CU_ASSERT_PTR_NULL(renewal_way_of("1,2027-03-31,,renewal:2026:both",
	    "renewal", 2026, buf, sizeof(buf)));
}

/* 筆記試験 in the session: "year:result:paid:id;…", the fourth part. */
static void
t_exam_session(void)
{
	struct renewal_exam_st	 x;
	const char		*v = "1,2027-03-31,renewal:2025:exam,"
	    "2025:fail:1:3;2026:pending:0:12";

	CU_ASSERT_EQUAL(renewal_exam_of(v, 2026, &x), 1);
	CU_ASSERT_EQUAL(x.id, 12);
	CU_ASSERT_STRING_EQUAL(x.result, "pending");
	CU_ASSERT_EQUAL(x.paid, 0);
	CU_ASSERT_EQUAL(renewal_exam_of(v, 2025, &x), 1);
	CU_ASSERT_STRING_EQUAL(x.result, "fail");
	CU_ASSERT_EQUAL(x.paid, 1);
	CU_ASSERT_EQUAL(renewal_exam_of(v, 2024, &x), 0);
	CU_ASSERT_EQUAL(x.id, 0);
	CU_ASSERT_EQUAL(renewal_exam_of("1,2027-03-31,", 2026, &x), 0);
	CU_ASSERT_EQUAL(renewal_exam_of("1,2027-03-31,,", 2026, &x), 0);
	CU_ASSERT_EQUAL(renewal_exam_of(NULL, 2026, &x), 0);
	/* A failed sitting spares nothing; a pass the year before does. */
	CU_ASSERT_EQUAL(renewal_exam_passed(v, 2026), 0);
	CU_ASSERT_EQUAL(renewal_exam_passed("1,x,,2025:pass:1:3", 2026), 2025);
	CU_ASSERT_EQUAL(renewal_exam_passed("1,x,,2026:pass:1:3", 2026), 2026);
	CU_ASSERT_EQUAL(renewal_exam_passed("1,x,,2024:pass:1:3", 2026), 0);
}

/* The office's rules (ONC-14): ranges, caps, a kind that counts. */
static void
t_rules_check(void)
{
	struct renewal_rules	 r = { 50, 1, 1, 1, 0, 0, 0 };
	int			 f;

	CU_ASSERT_PTR_NULL(renewal_rules_check(&r, &f));
	r.needed = 1001;
	CU_ASSERT_STRING_EQUAL(renewal_rules_check(&r, &f),
	    "renewal.err.range");
	CU_ASSERT_EQUAL(f, 0);
	r.needed = 50;
	r.cap_paper = 51;
	CU_ASSERT_STRING_EQUAL(renewal_rules_check(&r, &f), "renewal.err.cap");
	CU_ASSERT_EQUAL(f, 5);
	r.cap_paper = 50;
	CU_ASSERT_PTR_NULL(renewal_rules_check(&r, &f));
	r.count_meeting = r.count_paper = r.count_seminar = 0;
	CU_ASSERT_STRING_EQUAL(renewal_rules_check(&r, &f),
	    "renewal.err.no-kind");
	CU_ASSERT_EQUAL(f, 1);
	/* Nothing needed: nothing need count, and caps cannot bind. */
	r.needed = 0;
	r.cap_paper = 30;
	CU_ASSERT_PTR_NULL(renewal_rules_check(&r, &f));
}

int
suite_renewal(void)
{
	static const struct utest t[] = {
		{ "ONC-6 characters: CJK, emoji, combining marks, CRLF",
		    t_chars },
		{ "ONC-9 five-year window before 1 September", t_window },
		{ "ONC-13 credit totals and caps", t_credits },
		{ "ONC-7 months of activity, overlaps once", t_months },
		{ "ONC-7/8/10/11 row limits and fields", t_limits },
		{ "ONC-2 eligibility by years", t_eligible },
		{ "ONC-2 the session's certificate summary", t_session },
		{ "ONC-3 the written exam in the session", t_exam_session },
		{ "ONC-14 the office's credit rules checked", t_rules_check },
		{ NULL, NULL },
	};

	return add_suite("renewal", t);
}
