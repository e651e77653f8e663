/*
 * t_second.c — the rules of 二次申請 (PAL-5..PAL-7): each requirement
 * with its states (membership counted to 31 July across fiscal years,
 * 20 cases or an exemption, dues paid or 手続き中), the rows of
 * 学歴・職歴 (first required, date YYYY-MM-DD, at least two shown), the
 * months of a training period and the supervisor-period check that
 * asks for the certificate to be split.
 */
#include <stdio.h>
#include <string.h>

#include "second.h"
#include "tests.h"

static void
t_member_years(void)
{
	/* PAL-5: to 31 July of the application's year, both ends counted. */
	CU_ASSERT_EQUAL(second_member_years("2024-08-01", 2026), 2);
	CU_ASSERT_EQUAL(second_member_years("2024-08-02", 2026), 1);
	CU_ASSERT_EQUAL(second_member_years("2024-07-31", 2026), 2);
	/* Joined in FY2023 (March 2024) or FY2024 (April 2024): both 2. */
	CU_ASSERT_EQUAL(second_member_years("2024-03-31", 2026), 2);
	CU_ASSERT_EQUAL(second_member_years("2024-04-01", 2026), 2);
	/* Joined in FY2024 after July: one year at July 2026. */
	CU_ASSERT_EQUAL(second_member_years("2025-01-15", 2026), 1);
	CU_ASSERT_EQUAL(second_member_years("2026-05-01", 2026), 0);
	CU_ASSERT_EQUAL(second_member_years("2027-05-01", 2026), 0);
	CU_ASSERT_EQUAL(second_member_years("", 2026), -1);
	CU_ASSERT_EQUAL(second_member_years("2024-02-30", 2026), -1);
	CU_ASSERT_EQUAL(second_member_years(NULL, 2026), -1);
	CU_ASSERT_EQUAL(second_fiscal_year("2026-03-31"), 2025);
	CU_ASSERT_EQUAL(second_fiscal_year("2026-04-01"), 2026);
	CU_ASSERT_EQUAL(second_fiscal_year("x"), -1);
}

static void
t_requirements(void)
{
	struct second_facts	 f;

	memset(&f, 0, sizeof(f));
	/* PAL-5: 20 approved, or exempt; 19 is short. */
	f.cases = 19;
	CU_ASSERT_EQUAL(second_req_state(SR_CASES, &f, 2026), RS_SHORT);
	f.exempt = 1;
	CU_ASSERT_EQUAL(second_req_state(SR_CASES, &f, 2026), RS_EXEMPT);
	CU_ASSERT_TRUE(second_req_met(RS_EXEMPT));
	f.exempt = 0;
	f.cases = 20;
	CU_ASSERT_EQUAL(second_req_state(SR_CASES, &f, 2026), RS_MET);
	/* The seminar. */
	CU_ASSERT_EQUAL(second_req_state(SR_SEMINAR, &f, 2026), RS_SHORT);
	f.seminar = 1;
	CU_ASSERT_EQUAL(second_req_state(SR_SEMINAR, &f, 2026), RS_MET);
	/* Membership: unknown is short. */
	CU_ASSERT_EQUAL(second_req_state(SR_MEMBER, &f, 2026), RS_SHORT);
	snprintf(f.joined, sizeof(f.joined), "2024-08-01");
	CU_ASSERT_EQUAL(second_req_state(SR_MEMBER, &f, 2026), RS_MET);
	CU_ASSERT_EQUAL(second_req_state(SR_MEMBER, &f, 2025), RS_SHORT);
	/* Dues: paid, 手続き中 (met), neither. */
	CU_ASSERT_EQUAL(second_req_state(SR_DUES, &f, 2026), RS_SHORT);
	CU_ASSERT_FALSE(second_req_met(RS_SHORT));
	f.dues_pending = 1;
	CU_ASSERT_EQUAL(second_req_state(SR_DUES, &f, 2026), RS_PENDING);
	CU_ASSERT_TRUE(second_req_met(RS_PENDING));
	f.dues_paid = 1;
	CU_ASSERT_EQUAL(second_req_state(SR_DUES, &f, 2026), RS_MET);
	CU_ASSERT_STRING_EQUAL(second_req_key(SR_DUES), "second.req.dues");
	CU_ASSERT_STRING_EQUAL(second_rstate_name(RS_PENDING), "pending");
}

static void
t_slots(void)
{
	struct second_slot	 s[SECOND_SLOTS];
	struct second_slot_err	 e[SECOND_SLOTS];

	memset(s, 0, sizeof(s));
	/* PAL-6: the first row is required, the rest may stay blank. */
	CU_ASSERT_EQUAL(second_slots_check(s, SECOND_SLOTS, e), 2);
	CU_ASSERT_STRING_EQUAL(e[0].date, "err.required");
	CU_ASSERT_STRING_EQUAL(e[0].text, "err.required");
	CU_ASSERT_PTR_NULL(e[1].date);
	CU_ASSERT_EQUAL(second_slots_shown(s, SECOND_SLOTS), 2);
	s[0].date = "2010-04-01";
	s[0].text = "〇〇大学 入学";
	CU_ASSERT_EQUAL(second_slots_check(s, SECOND_SLOTS, e), 0);
	/* A date as the seed's example warns of: 2010-04-0. */
	s[1].date = "2010-04-0";
	s[1].text = "卒業";
	CU_ASSERT_EQUAL(second_slots_check(s, SECOND_SLOTS, e), 1);
	CU_ASSERT_STRING_EQUAL(e[1].date, "err.date");
	s[1].date = "2016-02-30";
	second_slots_check(s, SECOND_SLOTS, e);
	CU_ASSERT_STRING_EQUAL(e[1].date, "err.date-exist");
	s[1].date = "2016/03/31";
	second_slots_check(s, SECOND_SLOTS, e);
	CU_ASSERT_STRING_EQUAL(e[1].date, "err.date");
	/* A text without a date, and a date without a text. */
	s[1].date = NULL;
	second_slots_check(s, SECOND_SLOTS, e);
	CU_ASSERT_STRING_EQUAL(e[1].date, "err.required");
	s[1].date = "2016-03-31";
	s[1].text = "";
	second_slots_check(s, SECOND_SLOTS, e);
	CU_ASSERT_STRING_EQUAL(e[1].text, "err.required");
	/* Shown: up to the last filled, a gap kept. */
	s[4].text = "x";
	CU_ASSERT_EQUAL(second_slots_shown(s, SECOND_SLOTS), 5);
}

static void
t_period(void)
{
	int	 jul = 2026 * 12 + 6;

	CU_ASSERT_EQUAL(second_ym("2024-04"), 2024 * 12 + 3);
	CU_ASSERT_EQUAL(second_ym("2024-13"), -1);
	CU_ASSERT_EQUAL(second_ym("2024-4"), -1);
	CU_ASSERT_EQUAL(second_month_first(second_ym("2024-02")), 20240201);
	CU_ASSERT_EQUAL(second_month_last(second_ym("2024-02")), 20240229);
	CU_ASSERT_EQUAL(second_month_last(second_ym("2100-02")), 21000228);
	CU_ASSERT_EQUAL(second_month_last(second_ym("2025-03")), 20250331);
	/* PAL-7, seed 002's example: 専門医 ~2024/3/31, 指導医 2024/4/1~. */
	CU_ASSERT_EQUAL(second_period_check(second_ym("2023-04"),
	    second_ym("2025-03"), jul, "2019-04-01", "2024-03-31"), SP_SPLIT);
	CU_ASSERT_EQUAL(second_period_check(second_ym("2023-04"),
	    second_ym("2024-03"), jul, "2019-04-01", "2024-03-31"), SP_OK);
	CU_ASSERT_EQUAL(second_period_check(second_ym("2024-04"),
	    second_ym("2025-03"), jul, "2024-04-01", ""), SP_OK);
	/* Starting before the certification is refused as well. */
	CU_ASSERT_EQUAL(second_period_check(second_ym("2024-03"),
	    second_ym("2025-03"), jul, "2024-04-01", ""), SP_SPLIT);
	/* Certified from mid-month: that month is not wholly inside. */
	CU_ASSERT_EQUAL(second_period_check(second_ym("2024-04"),
	    second_ym("2024-06"), jul, "2024-04-15", ""), SP_SPLIT);
	/* Up to July of the year, not August; start after end. */
	CU_ASSERT_EQUAL(second_period_check(second_ym("2024-08"),
	    second_ym("2026-07"), jul, "2020-01-01", ""), SP_OK);
	CU_ASSERT_EQUAL(second_period_check(second_ym("2024-08"),
	    second_ym("2026-08"), jul, "2020-01-01", ""), SP_LATE);
	CU_ASSERT_EQUAL(second_period_check(second_ym("2025-08"),
	    second_ym("2024-08"), jul, "2020-01-01", ""), SP_ORDER);
	CU_ASSERT_EQUAL(second_period_check(second_ym("2024-08"),
	    second_ym("2025-08"), jul, "bad", ""), SP_SPLIT);
	CU_ASSERT_STRING_EQUAL(second_period_key(SP_SPLIT),
	    "second.err.split");
	CU_ASSERT_PTR_NULL(second_period_key(SP_OK));
}

static void
t_drop(void)
{
	int	 l = -1, n = -1;

	/* PAL-6: the 「×」 of 学歴 3 and 職歴 10; nothing else is a slot. */
	CU_ASSERT_EQUAL(second_drop_parse("edu.3", &l, &n), 1);
	CU_ASSERT_EQUAL(l, 0);
	CU_ASSERT_EQUAL(n, 2);
	CU_ASSERT_EQUAL(second_drop_parse("car.10", &l, &n), 1);
	CU_ASSERT_EQUAL(l, 1);
	CU_ASSERT_EQUAL(n, SECOND_SLOTS - 1);
	CU_ASSERT_EQUAL(second_drop_parse("edu.0", &l, &n), 0);
	CU_ASSERT_EQUAL(second_drop_parse("edu.11", &l, &n), 0);
	CU_ASSERT_EQUAL(second_drop_parse("edu.1x", &l, &n), 0);
	CU_ASSERT_EQUAL(second_drop_parse("edu.+1", &l, &n), 0);
	CU_ASSERT_EQUAL(second_drop_parse("edu.", &l, &n), 0);
	CU_ASSERT_EQUAL(second_drop_parse("xyz.1", &l, &n), 0);
	CU_ASSERT_EQUAL(second_drop_parse("", &l, &n), 0);
	CU_ASSERT_EQUAL(second_drop_parse(NULL, &l, &n), 0);
}

int
suite_second(void)
{
	static const struct utest tests[] = {
		{ "PAL-5 membership years to 31 July", t_member_years },
		{ "PAL-5 requirement states", t_requirements },
		{ "PAL-6 education and career rows", t_slots },
		{ "PAL-6 a row's × names one slot", t_drop },
		{ "PAL-7 training period and supervisor period", t_period },
		{ NULL, NULL },
	};

	return add_suite("second", tests);
}
