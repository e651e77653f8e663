/*
 * t_certify.c — the palliative certification's rules (PAL-3, PAL-12):
 * the care period of a case report, a facility's certifications as
 * typed, and the registries' CSV rows read through the platform's
 * import (errors at line:column, duplicates, dates, flags).
 */
#include <string.h>

#include <CUnit/CUnit.h>

#include "certify.h"
#include "certify_int.h"
#include "import.h"
#include "tests.h"

static void
t_ym(void)
{
	CU_ASSERT_EQUAL(certify_ym("2026-04"), 2026 * 12 + 3);
	CU_ASSERT_EQUAL(certify_ym("2026-4"), -1);
	CU_ASSERT_EQUAL(certify_ym("2026-13"), -1);
	CU_ASSERT_EQUAL(certify_ym(""), -1);
	CU_ASSERT_EQUAL(certify_ym(NULL), -1);
}

static void
t_period(void)
{
	const char	*now = "2026-06-15 10:00:00";

	CU_ASSERT_PTR_NULL(certify_case_check_period("2025-04", "2025-06",
	    now));
	CU_ASSERT_PTR_NULL(certify_case_check_period("2026-06", "2026-06",
	    now));
	CU_ASSERT_STRING_EQUAL(certify_case_check_period("2025-07",
	    "2025-06", now), "certify.case.err.order");
	CU_ASSERT_STRING_EQUAL(certify_case_check_period("2026-06",
	    "2026-07", now), "certify.case.err.future");
	CU_ASSERT_STRING_EQUAL(certify_case_check_period("2025-4",
	    "2025-06", now), "certify.case.err.ym");
	CU_ASSERT_STRING_EQUAL(certify_case_check_period("2025-04", "",
	    now), "certify.case.err.ym");
}

static void
t_certs(void)
{
	struct certify_cert_in	 c[CERTIFY_CERTS_MAX];
	size_t			 n;

	CU_ASSERT_PTR_NULL(certify_certs_parse(
	    "training:2020-04-01:2026-03-31;team:2022/4/1:2027/3/31", c, &n));
	CU_ASSERT_EQUAL(n, 2);
	CU_ASSERT_STRING_EQUAL(c[1].kind, "team");
	CU_ASSERT_STRING_EQUAL(c[1].from, "2022-04-01");
	CU_ASSERT_STRING_EQUAL(c[1].to, "2027-03-31");
	/* The same kind for two periods: one facility, several rows. */
	CU_ASSERT_PTR_NULL(certify_certs_parse("training:2014-04-01:"
	    "2020-03-31;training:2020-04-01:2026-03-31;", c, &n));
	CU_ASSERT_EQUAL(n, 2);
	CU_ASSERT_STRING_EQUAL(certify_certs_parse("nursing:2020-04-01:"
	    "2026-03-31", c, &n), "certify.err.kind");
	CU_ASSERT_STRING_EQUAL(certify_certs_parse("training:2026-04-01:"
	    "2020-03-31", c, &n), "certify.err.period");
	CU_ASSERT_STRING_EQUAL(certify_certs_parse("training:2020-02-30:"
	    "2026-03-31", c, &n), "certify.err.date");
	CU_ASSERT_STRING_EQUAL(certify_certs_parse("training:2020-04-01",
	    c, &n), "certify.err.certs");
	CU_ASSERT_STRING_EQUAL(certify_certs_parse("", c, &n),
	    "certify.err.certs");
	CU_ASSERT_STRING_EQUAL(certify_certs_parse("training:2020-04-01:"
	    "2026-03-31:x", c, &n), "certify.err.certs");
	CU_ASSERT(certify_fkind_known("related"));
	CU_ASSERT(!certify_fkind_known("Training"));
}

/* A registry's CSV parsed as the import's dry run; its error count. */
static struct import_run *
parse(const char *reg, const char *csv)
{
	const struct import_spec	*spec;
	struct import_run		*r;
	void				*arg;

	spec = certify_import_spec(reg, &arg);
	CU_ASSERT_PTR_NOT_NULL_FATAL(spec);
	r = import_run_new(NULL, spec, arg, "x.csv", 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	import_run_parse(r, csv, strlen(csv));
	return r;
}

static void
expect(struct import_run *r, size_t i, long long line, int col,
    const char *key)
{
	const struct import_err	*e = import_err_at(r, i);

	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_EQUAL(e->line, line);
	CU_ASSERT_EQUAL(e->col, col);
	CU_ASSERT_STRING_EQUAL(e->key, key);
}

static void
t_sites_csv(void)
{
	struct import_run	*r;

	r = parse("sites", "\xef\xbb\xbf会場コード,会場名,表示順,受付中\r\n"
	    "01,北海道,1,1\r\nA-2,東京,,\r\n01,重複,3,1\r\nb c,空白,4,1\r\n"
	    "C3,順,x,1\r\nD4,受付,5,2\r\n");
	CU_ASSERT_EQUAL(import_nerrors(r), 4);
	expect(r, 0, 4, 1, "import.err.duplicate");
	expect(r, 1, 5, 1, "import.err.value");
	expect(r, 2, 6, 3, "import.err.number");
	expect(r, 3, 7, 4, "certify.err.flag");
	CU_ASSERT_EQUAL(import_nrows(r), 2);
	import_run_free(r);
}

static void
t_facilities_csv(void)
{
	struct import_run	*r;

	r = parse("facilities", "code,name,kana,prefecture,certifications\n"
	    "F1,甲病院,こう,東京都,training:2020-04-01:2026-03-31;"
	    "team:2021-04-01:2026-03-31\n"
	    "F2,乙病院,おつ,99,training:2020-04-01:2026-03-31\n"
	    "F3,丙病院,へい,13,training:2026-04-01:2020-03-31\n"
	    "F4,丁病院,てい,,\n");
	CU_ASSERT_EQUAL(import_nerrors(r), 3);
	expect(r, 0, 3, 4, "import.err.value");
	expect(r, 1, 4, 5, "certify.err.period");
	expect(r, 2, 5, 5, "import.err.required");
	CU_ASSERT_EQUAL(import_nrows(r), 1);
	import_run_free(r);
}

int
suite_certify(void)
{
	static const struct utest t[] = {
		{ "PAL-3 year-months", t_ym },
		{ "PAL-3 a case report's care period", t_period },
		{ "PAL-12 a facility's certifications as typed", t_certs },
		{ "PAL-12 exam sites CSV: line:column errors", t_sites_csv },
		{ "PAL-12 facilities CSV: several kinds, errors", t_facilities_csv },
		{ NULL, NULL },
	};

	return add_suite("certify", t);
}
