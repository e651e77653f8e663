/*
 * t_cme.c — the medical association's completion rules (issue 13,
 * CME-4..CME-6; src/feature/cme/cme_rules.c): fiscal years at 31 March
 * and 1 April in Japan time, self-reported credits only in the current
 * fiscal year, I/II exclusive and II's association, the 10-credit rule
 * with each reason.
 */
#include <string.h>
#include <time.h>

#include <CUnit/CUnit.h>

#include "apply.h"
#include "clock.h"
#include "cme.h"
#include "tests.h"

/* An instant given in Japan time. */
static time_t
jst(const char *s)
{
	time_t	 t = 0;

	CU_ASSERT_EQUAL_FATAL(jst_parse(s, &t), 0);
	return t;
}

static void
t_fy(void)
{
	CU_ASSERT_EQUAL(cme_fy("2026-03-31"), 2025);
	CU_ASSERT_EQUAL(cme_fy("2026-04-01"), 2026);
	CU_ASSERT_EQUAL(cme_fy("2026-12-31"), 2026);
	CU_ASSERT_EQUAL(cme_fy("2027-01-01"), 2026);
	CU_ASSERT_EQUAL(cme_fy("2026-04-01 00:00:00"), 2026);
	CU_ASSERT_EQUAL(cme_fy("2026-4-1"), -1);
	CU_ASSERT_EQUAL(cme_fy(""), -1);
	CU_ASSERT_EQUAL(cme_fy(NULL), -1);
	/* The boundary is midnight in Japan, whatever the host's zone:
	 * 2026-03-31 23:59:59 JST is 14:59:59 UTC, 00:00 JST is 15:00 UTC. */
	CU_ASSERT_EQUAL(cme_fy_at(jst("2026-03-31 23:59:59")), 2025);
	CU_ASSERT_EQUAL(cme_fy_at(jst("2026-04-01 00:00:00")), 2026);
	CU_ASSERT_EQUAL(cme_fy_at((time_t)1774969199), 2025); /* 14:59:59Z */
	CU_ASSERT_EQUAL(cme_fy_at((time_t)1774969200), 2026); /* 15:00:00Z */
}

static void
t_self(void)
{
	/* This fiscal year only, and not after today. */
	CU_ASSERT_TRUE(cme_self_ok("2026-04-01", "2026-04-01"));
	CU_ASSERT_TRUE(cme_self_ok("2026-04-01", "2027-03-31"));
	CU_ASSERT_TRUE(cme_self_ok("2026-12-05", "2026-12-05"));
	CU_ASSERT_FALSE(cme_self_ok("2026-03-31", "2026-04-01"));
	CU_ASSERT_FALSE(cme_self_ok("2025-12-05", "2026-12-05"));
	CU_ASSERT_FALSE(cme_self_ok("2026-12-06", "2026-12-05"));
	CU_ASSERT_FALSE(cme_self_ok("2027-04-01", "2027-03-31"));
	CU_ASSERT_FALSE(cme_self_ok("garbage", "2026-12-05"));
	/* Units: tenths, one decimal at most. */
	CU_ASSERT_EQUAL(cme_tenths("1"), 10);
	CU_ASSERT_EQUAL(cme_tenths("2.5"), 25);
	CU_ASSERT_EQUAL(cme_tenths("0.5"), 5);
	CU_ASSERT_EQUAL(cme_tenths("10.0"), 100);
	CU_ASSERT_EQUAL(cme_tenths("2.55"), -1);
	CU_ASSERT_EQUAL(cme_tenths(".5"), -1);
	CU_ASSERT_EQUAL(cme_tenths("5."), -1);
	CU_ASSERT_EQUAL(cme_tenths("-1"), -1);
	CU_ASSERT_EQUAL(cme_tenths("1e3"), -1);
	CU_ASSERT_EQUAL(cme_tenths(""), -1);
}

static void
t_practical(void)
{
	char	 d[8];

	/* Several category I items are fine. */
	CU_ASSERT_PTR_NULL(cme_practical_mix("111", 3, 2));
	/* One II alone is fine; II beside I, or I beside II, is not. */
	CU_ASSERT_PTR_NULL(cme_practical_mix("2", 1, 0));
	CU_ASSERT_STRING_EQUAL(cme_practical_mix("12", 2, 1),
	    "cme.err.mixed");
	CU_ASSERT_STRING_EQUAL(cme_practical_mix("21", 2, 1),
	    "cme.err.mixed");
	CU_ASSERT_STRING_EQUAL(cme_practical_mix("22", 2, 1),
	    "cme.err.ii-once");
	/* A row with no category yet decides nothing. */
	CU_ASSERT_PTR_NULL(cme_practical_mix("\0" "2", 2, 1));
	/* II sends the application to the prefecture's association. */
	cme_dest("13101", 0, d, sizeof(d));
	CU_ASSERT_STRING_EQUAL(d, "13101");
	cme_dest("13101", 1, d, sizeof(d));
	CU_ASSERT_STRING_EQUAL(d, "13000");
	cme_dest("13000", 1, d, sizeof(d));
	CU_ASSERT_STRING_EQUAL(d, "13000");
	cme_dest(CME_NATIONAL, 1, d, sizeof(d));
	CU_ASSERT_STRING_EQUAL(d, CME_NATIONAL);
	cme_dest(NULL, 1, d, sizeof(d));
	CU_ASSERT_STRING_EQUAL(d, "");
}

static int
has(const struct apply_shortfalls *sf, const char *key, const char *arg)
{
	size_t	 i;

	for (i = 0; i < sf->n; i++)
		if (strcmp(sf->s[i].key, key) == 0 &&
		    (arg == NULL || strcmp(sf->s[i].arg, arg) == 0))
			return 1;
	return 0;
}

static void
t_eligibility(void)
{
	struct apply_shortfalls	 sf;

	/* 5 lecture + one I item = 10: met. */
	memset(&sf, 0, sizeof(sf));
	cme_eligibility(50, 1, 0, &sf);
	CU_ASSERT_EQUAL(sf.n, 0);
	/* 4.0 + 5 = 9: short, with the total. */
	memset(&sf, 0, sizeof(sf));
	cme_eligibility(40, 1, 0, &sf);
	CU_ASSERT_EQUAL(sf.n, 1);
	CU_ASSERT_TRUE(has(&sf, "cme.short.total", "9"));
	/* 9.5: the half unit shown. */
	memset(&sf, 0, sizeof(sf));
	cme_eligibility(45, 0, 1, &sf);
	CU_ASSERT_TRUE(has(&sf, "cme.short.total", "9.5"));
	/* Practical alone (two items = 10): the lecture is missing. */
	memset(&sf, 0, sizeof(sf));
	cme_eligibility(0, 2, 0, &sf);
	CU_ASSERT_EQUAL(sf.n, 1);
	CU_ASSERT_TRUE(has(&sf, "cme.short.lecture", NULL));
	/* Lecture alone, 12 units: the practical is missing. */
	memset(&sf, 0, sizeof(sf));
	cme_eligibility(120, 0, 0, &sf);
	CU_ASSERT_EQUAL(sf.n, 1);
	CU_ASSERT_TRUE(has(&sf, "cme.short.practical", NULL));
	/* Nothing at all: every reason, in order. */
	memset(&sf, 0, sizeof(sf));
	cme_eligibility(0, 0, 0, &sf);
	CU_ASSERT_EQUAL(sf.n, 3);
	CU_ASSERT_STRING_EQUAL(sf.s[0].key, "cme.short.lecture");
	CU_ASSERT_STRING_EQUAL(sf.s[1].key, "cme.short.practical");
	CU_ASSERT_STRING_EQUAL(sf.s[2].key, "cme.short.total");
	/* I and II together never count. */
	memset(&sf, 0, sizeof(sf));
	cme_eligibility(100, 1, 1, &sf);
	CU_ASSERT_TRUE(has(&sf, "cme.short.mixed", NULL));
}

/* The tenant admin's association codes (/admin/cme/assocs, its CSV). */
static void
t_assoc_kind(void)
{
	CU_ASSERT_STRING_EQUAL(cme_assoc_kind("00000"), "national");
	CU_ASSERT_STRING_EQUAL(cme_assoc_kind("01000"), "pref");
	CU_ASSERT_STRING_EQUAL(cme_assoc_kind("47000"), "pref");
	CU_ASSERT_STRING_EQUAL(cme_assoc_kind("13001"), "local");
	CU_ASSERT_STRING_EQUAL(cme_assoc_kind("13999"), "local");
	CU_ASSERT_PTR_NULL(cme_assoc_kind("48000"));	/* no 48th */
	CU_ASSERT_PTR_NULL(cme_assoc_kind("00001"));	/* national only */
	CU_ASSERT_PTR_NULL(cme_assoc_kind("1300"));
	CU_ASSERT_PTR_NULL(cme_assoc_kind("130011"));
	CU_ASSERT_PTR_NULL(cme_assoc_kind("13a01"));
	CU_ASSERT_PTR_NULL(cme_assoc_kind(""));
	CU_ASSERT_PTR_NULL(cme_assoc_kind(NULL));
}

static const struct utest tests[] = {
	{ "CME-4 fiscal years at 31 March / 1 April, Japan time", t_fy },
	{ "CME-4 self-reported credits: this fiscal year only; units", t_self },
	{ "CME-5 I and II exclusive; II goes to the prefecture", t_practical },
	{ "CME-6 the 10-credit rule and each reason", t_eligibility },
	{ "CME-3 association codes: national, prefecture, local",
	    t_assoc_kind },
	{ NULL, NULL },
};

int
suite_cme(void)
{
	return add_suite("cme", tests);
}
