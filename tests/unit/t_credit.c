/*
 * t_credit.c — the credit service's arithmetic (CME-1; PAL-5, ONC-9 count
 * the same credits): the fiscal year April–March at 31 March / 1 April
 * in Japan time, units as exact tenths, the ledger's totals per fiscal
 * year and per code, and medassoc's curriculum-code list shipped as data
 * (codes 0–84, each once, each named).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "credit_int.h"
#include "tests.h"

static void
t_fy(void)
{
	char	 from[16], to[16];

	CU_ASSERT_EQUAL(credit_fy("2026-03-31"), 2025);
	CU_ASSERT_EQUAL(credit_fy("2026-04-01"), 2026);
	CU_ASSERT_EQUAL(credit_fy("2026-01-01"), 2025);
	CU_ASSERT_EQUAL(credit_fy("2025-12-31"), 2025);
	CU_ASSERT_EQUAL(credit_fy("2026-4-1"), -1);
	CU_ASSERT_EQUAL(credit_fy("2026-04-01x"), -1);
	CU_ASSERT_EQUAL(credit_fy("2026-13-01"), -1);
	CU_ASSERT_EQUAL(credit_fy(""), -1);
	CU_ASSERT_EQUAL(credit_fy(NULL), -1);
	credit_fy_bounds(2025, from, sizeof(from), to, sizeof(to));
	CU_ASSERT_STRING_EQUAL(from, "2025-04-01");
	CU_ASSERT_STRING_EQUAL(to, "2026-03-31");
}

/* The instant of the change of year is midnight in Japan, 15:00 UTC. */
static void
t_fy_japan_time(void)
{
	/* 2026-03-31 14:59:59 UTC = 2026-03-31 23:59:59 JST */
	CU_ASSERT_EQUAL(credit_fy_at((time_t)1774969199), 2025);
	/* 2026-03-31 15:00:00 UTC = 2026-04-01 00:00:00 JST */
	CU_ASSERT_EQUAL(credit_fy_at((time_t)1774969200), 2026);
	/* 2026-04-01 08:59:59 JST is still 3/31 23:59:59 UTC: JST wins */
	CU_ASSERT_EQUAL(credit_fy_at((time_t)1775001599), 2026);
}

static void
t_tenths(void)
{
	char	 b[32];

	CU_ASSERT_EQUAL(credit_tenths("1.5"), 15);
	CU_ASSERT_EQUAL(credit_tenths("10"), 100);
	CU_ASSERT_EQUAL(credit_tenths("0"), 0);
	CU_ASSERT_EQUAL(credit_tenths("0.1"), 1);
	CU_ASSERT_EQUAL(credit_tenths("999.9"), 9999);
	CU_ASSERT_EQUAL(credit_tenths("1000"), -1);
	CU_ASSERT_EQUAL(credit_tenths("1.25"), -1);
	CU_ASSERT_EQUAL(credit_tenths("1."), -1);
	CU_ASSERT_EQUAL(credit_tenths(".5"), -1);
	CU_ASSERT_EQUAL(credit_tenths("-1"), -1);
	CU_ASSERT_EQUAL(credit_tenths("１"), -1);
	CU_ASSERT_EQUAL(credit_tenths(""), -1);
	credit_tenths_fmt(125, b, sizeof(b));
	CU_ASSERT_STRING_EQUAL(b, "12.5");
	credit_tenths_fmt(0, b, sizeof(b));
	CU_ASSERT_STRING_EQUAL(b, "0.0");
	/* The hand-made digits and snprintf()'s, either side of the cut. */
	credit_tenths_fmt(7, b, sizeof(b));
	CU_ASSERT_STRING_EQUAL(b, "0.7");
	credit_tenths_fmt(100, b, sizeof(b));
	CU_ASSERT_STRING_EQUAL(b, "10.0");
	credit_tenths_fmt(50001, b, sizeof(b));
	CU_ASSERT_STRING_EQUAL(b, "5000.1");
	credit_tenths_fmt(99999999, b, sizeof(b));
	CU_ASSERT_STRING_EQUAL(b, "9999999.9");
	credit_tenths_fmt(100000000, b, sizeof(b));
	CU_ASSERT_STRING_EQUAL(b, "10000000.0");
}

static void
t_totals(void)
{
	struct credit_tally	 t[CREDIT_TALLY_MAX];
	size_t			 n = 0, i;

	/* Ten credits of 0.1 are 1.0 exactly. */
	for (i = 0; i < 10; i++)
		n = credit_tally_add(t, n, "12", 1);
	n = credit_tally_add(t, n, "2", 15);
	n = credit_tally_add(t, n, "", 100);
	n = credit_tally_add(t, n, "10", 5);
	n = credit_tally_add(t, n, "2", 5);
	CU_ASSERT_EQUAL(n, 4);
	credit_tally_sort(t, n, 1);
	CU_ASSERT_STRING_EQUAL(t[0].key, "2");
	CU_ASSERT_EQUAL(t[0].tenths, 20);
	CU_ASSERT_EQUAL(t[0].count, 2);
	CU_ASSERT_STRING_EQUAL(t[1].key, "10");
	CU_ASSERT_STRING_EQUAL(t[2].key, "12");
	CU_ASSERT_EQUAL(t[2].tenths, 10);
	CU_ASSERT_EQUAL(t[2].count, 10);
	CU_ASSERT_STRING_EQUAL(t[3].key, "");
	n = 0;
	n = credit_tally_add(t, n, "2024", 10);
	n = credit_tally_add(t, n, "2026", 10);
	n = credit_tally_add(t, n, "2025", 10);
	credit_tally_sort(t, n, 0);
	CU_ASSERT_STRING_EQUAL(t[0].key, "2026");
	CU_ASSERT_STRING_EQUAL(t[2].key, "2024");
	/* Full: further keys are not added, nothing overflows. */
	for (i = 0, n = 0; i < CREDIT_TALLY_MAX + 10; i++) {
		char	 k[16];

		snprintf(k, sizeof(k), "%zu", i);
		n = credit_tally_add(t, n, k, 1);
	}
	CU_ASSERT_EQUAL(n, CREDIT_TALLY_MAX);
}

static void
t_json(void)
{
	struct buf	 b = { NULL, 0, 0 };

	buf_json_str(&b, "a\"b\\c\n");
	CU_ASSERT_STRING_EQUAL(b.data, "\"a\\\"b\\\\c\\u000a\"");
	buf_free(&b);
}

/* sql/018_credit.sql ships medassoc's codes 0..84, each once, named. */
static void
t_code_list(void)
{
	const char	*src = getenv("top_srcdir");
	char		 path[1024], line[512], name[256];
	int		 seen[85], code, n, dup = 0, bad = 0;
	FILE		*f;
	size_t		 i;

	memset(seen, 0, sizeof(seen));
	snprintf(path, sizeof(path), "%s/sql/018_credit.sql",
	    src != NULL ? src : ".");
	f = fopen(path, "r");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	while (fgets(line, sizeof(line), f) != NULL) {
		if (sscanf(line, "('medassoc', '%d', '%255[^']', %d)", &code,
		    name, &n) != 3)
			continue;
		if (code < 0 || code > 84 || n != code || name[0] == '\0')
			bad++;
		else if (seen[code]++)
			dup++;
	}
	fclose(f);
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(dup, 0);
	for (i = 0; i < 85; i++)
		CU_ASSERT_EQUAL(seen[i], 1);
}

/* A curriculum code as the tenant admin types it (/admin/credit/codes). */
static void
t_code_valid(void)
{
	CU_ASSERT_TRUE(credit_code_valid("0"));
	CU_ASSERT_TRUE(credit_code_valid("84"));
	CU_ASSERT_TRUE(credit_code_valid("A-1.2_b"));
	CU_ASSERT_TRUE(credit_code_valid("12345678"));
	CU_ASSERT_FALSE(credit_code_valid("123456789"));
	CU_ASSERT_FALSE(credit_code_valid(""));
	CU_ASSERT_FALSE(credit_code_valid("8 4"));
	CU_ASSERT_FALSE(credit_code_valid("８４"));
	CU_ASSERT_FALSE(credit_code_valid("84;"));
}

int
suite_credit(void)
{
	static const struct utest t[] = {
		{ "credit: fiscal year April-March", t_fy },
		{ "credit: fiscal year at midnight Japan time", t_fy_japan_time },
		{ "credit: units as exact tenths", t_tenths },
		{ "credit: totals per code and fiscal year", t_totals },
		{ "credit: JSON strings of batches", t_json },
		{ "credit: medassoc's curriculum codes 0-84", t_code_list },
		{ "credit: a curriculum code typed by the tenant admin",
		    t_code_valid },
		{ NULL, NULL },
	};

	return add_suite("credit", t);
}
