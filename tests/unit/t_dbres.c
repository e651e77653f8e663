/*
 * t_dbres.c — dbres_sorted() (src/core/dbres_sort.c) orders a UNION
 * ALL's rows the way the ORDER BY 1, 2, ... it replaces did (issue 10):
 * tags, then ROW_NUMBER() as numbers, zero-padded keys, NULL first,
 * descending where asked, ties as MariaDB sent them (CORE-10).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "tests.h"

/* A result of n rows of ncols cells from strings ("\1" for NULL). */
static struct dbres *
mkres(size_t nrows, size_t ncols, const char *const *v)
{
	struct dbres	*r;
	size_t		 i;

	r = calloc(1, sizeof(*r));
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	r->nrows = nrows;
	r->ncols = ncols;
	r->cell = calloc(nrows * ncols, sizeof(*r->cell));
	r->len = calloc(nrows * ncols, sizeof(*r->len));
	CU_ASSERT_FATAL(r->cell != NULL && r->len != NULL);
	for (i = 0; i < nrows * ncols; i++) {
		if (strcmp(v[i], "\1") == 0)
			continue;
		r->cell[i] = strdup(v[i]);
		r->len[i] = strlen(v[i]);
	}
	return r;
}

/* Column c of every row, joined by spaces ("-" for NULL). */
static void
col_is(const struct dbres *r, size_t c, const char *want)
{
	char		 got[256] = "";
	const char	*v;
	size_t		 i, n = 0;

	for (i = 0; i < r->nrows && n < sizeof(got); i++) {
		v = dbres_get(r, i, c);
		n += snprintf(got + n, sizeof(got) - n, "%s%s",
		    i > 0 ? " " : "", v != NULL ? v : "-");
	}
	CU_ASSERT_STRING_EQUAL(got, want);
}

static void
t_parts(void)
{
	/* As MariaDB may send a UNION ALL: parts interleaved. */
	static const char *const v[] = {
		"f", "10", "fee10",
		"c", "2", "cert2",
		"f", "9", "fee9",
		"a", "0", "app",
		"f", "1", "fee1",
		"c", "1", "cert1",
	};
	struct dbres	*r = mkres(6, 3, v);

	r = dbres_sorted(r, 2, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	/* 10 after 9: ROW_NUMBER() is a number, not text. */
	col_is(r, 2, "app cert1 cert2 fee1 fee9 fee10");
	dbres_free(r);
}

static void
t_keys(void)
{
	/* section, LPAD(row_id), field: app_value's order; NULL first. */
	static const char *const v[] = {
		"v", "work", "0000000002", "b",
		"v", "work", "0000000010", "a",
		"v", "exam", "0000000001", "z",
		"v", "work", "0000000002", "a",
		"v", "\1", "0000000001", "a",
		"v", "Work", "0000000001", "a",
	};
	struct dbres	*r = mkres(6, 4, v);

	r = dbres_sorted(r, 4, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	col_is(r, 1, "- Work exam work work work");
	col_is(r, 2, "0000000001 0000000001 0000000001 0000000002 "
	    "0000000002 0000000010");
	col_is(r, 3, "a a z a b a");
	dbres_free(r);
}

static void
t_desc_stable(void)
{
	/* ORDER BY 1 DESC, 2; equal keys keep MariaDB's order. */
	static const char *const v[] = {
		"f", "0", "base",
		"p", "0", "prog",
		"f", "2", "second",
		"f", "1", "first",
		"f", "1", "first-again",
		"m", "日本", "x",
		"m", "東京", "y",
	};
	struct dbres	*r = mkres(7, 3, v);

	r = dbres_sorted(r, 2, 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	/* Text by UTF-8 bytes: 日 (E6 97 A5) before 東 (E6 9D B1). */
	col_is(r, 2, "prog x y base first first-again second");
	dbres_free(r);
}

static void
t_edges(void)
{
	static const char *const v[] = { "b", "1", "a", "2" };
	struct dbres	*r;

	CU_ASSERT_PTR_NULL(dbres_sorted(NULL, 2, 0));
	/* More keys than columns: an error, and r is freed. */
	r = mkres(2, 2, v);
	CU_ASSERT_PTR_NULL(dbres_sorted(r, 3, 0));
	/* No keys, or one row: unchanged. */
	r = dbres_sorted(mkres(2, 2, v), 0, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	col_is(r, 0, "b a");
	dbres_free(r);
	r = dbres_sorted(mkres(1, 2, v), 2, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	col_is(r, 0, "b");
	dbres_free(r);
}

int
suite_dbres(void)
{
	static const struct utest t[] = {
		{ "dbres_sorted: parts and ROW_NUMBER()", t_parts },
		{ "dbres_sorted: several keys, NULL first", t_keys },
		{ "dbres_sorted: descending, stable", t_desc_stable },
		{ "dbres_sorted: edges", t_edges },
		{ NULL, NULL }
	};

	return add_suite("dbres", t);
}
