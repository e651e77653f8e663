/*
 * t_import.c — the platform's CSV import (src/apply/import.c; CORE-12,
 * PAL-12, ONC-14, CME-2) without a database: columns found by their
 * Japanese or English header in any order, required columns and cells,
 * the product's row() errors at file:line:column, quoted line breaks,
 * Excel's BOM and CRLF, the limits (rows, bytes, errors listed); and the
 * CSV writer for Excel (core/csv.c: BOM, CRLF, RFC 4180 quoting, CORE-20).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "csv.h"
#include "import.h"
#include "tests.h"

/* A product's spec: 会員番号 required, 単位 required (a number), 備考. */
enum { C_MEMBER, C_UNITS, C_NOTE, C__MAX };

static const struct import_col cols[C__MAX] = {
	[C_MEMBER] = { "会員番号", "member_no", 1 },
	[C_UNITS] = { "単位", "units", 1 },
	[C_NOTE] = { "備考", "note", 0 },
};

struct state {
	int	 begun, ended;
	char	 seen[8][32];
	size_t	 n;
	char	 last_note[64];
};

static int
t_begin(struct import_run *r)
{
	struct state	*s = import_arg(r);

	s->begun++;
	import_set_state(r, s);
	return 1;
}

static const char *
t_row(struct import_run *r, const char *const *cell, int *col,
    const char **value)
{
	struct state	*s = import_state(r);
	char		*end;
	size_t		 i;
	long		 u;

	(void)value;
	if (strcmp(cell[C_MEMBER], "FAIL") == 0)
		return IMPORT_FAILED;
	if (strncmp(cell[C_MEMBER], "M", 1) != 0) {
		*col = C_MEMBER;
		return "import.err.unknown-member";
	}
	u = strtol(cell[C_UNITS], &end, 10);
	if (*end != '\0' || u <= 0) {
		*col = C_UNITS;
		return "import.err.number";
	}
	for (i = 0; i < s->n; i++)
		if (strcmp(s->seen[i], cell[C_MEMBER]) == 0) {
			*col = C_MEMBER;
			return "import.err.duplicate";
		}
	if (s->n < 8)
		snprintf(s->seen[s->n++], sizeof(s->seen[0]), "%s",
		    cell[C_MEMBER]);
	snprintf(s->last_note, sizeof(s->last_note), "%s", cell[C_NOTE]);
	import_tally(r, "import.new");
	return NULL;
}

static void
t_end(struct import_run *r)
{
	struct state	*s = import_state(r);

	s->ended++;
}

static const struct import_spec spec = {
	.name = "test",
	.title = "title.test",
	.cols = cols,
	.ncols = C__MAX,
	.begin = t_begin,
	.row = t_row,
	.end = t_end,
	.max_rows = 100,
};

/* One run over s: the run (free it), its state in *st. */
static struct import_run *
run(const char *s, size_t len, struct state *st, int *rc)
{
	struct import_run	*r;

	memset(st, 0, sizeof(*st));
	r = import_run_new(NULL, &spec, st, "att.csv", 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	*rc = import_run_parse(r, s, len);
	return r;
}

/* "line:column:key" of error i. */
static const char *
where(const struct import_run *r, size_t i)
{
	static char			 out[120];
	const struct import_err		*e = import_err_at(r, i);

	if (e == NULL)
		return "(none)";
	snprintf(out, sizeof(out), "%lld:%d:%s", e->line, e->col, e->key);
	return out;
}

static void
t_header_ja_en(void)
{
	static const char ja[] = "\xef\xbb\xbf備考,単位,会員番号\r\n"
	    "初回,2,M001\r\n,3,M002\r\n";
	static const char en[] = "Units, MEMBER_NO ,extra\nx,M1,?\n";
	static const char mixed[] = "member_no,単位\nM9,1\n";
	struct import_run	*r;
	struct state		 st;
	int			 rc;

	r = run(ja, strlen(ja), &st, &rc);
	CU_ASSERT_EQUAL(rc, 0);
	CU_ASSERT_EQUAL(import_nerrors(r), 0);
	CU_ASSERT_EQUAL(import_nrows(r), 2);
	CU_ASSERT_STRING_EQUAL(st.seen[0], "M001");
	CU_ASSERT_STRING_EQUAL(st.last_note, "");	/* empty cell */
	CU_ASSERT_EQUAL(st.begun, 1);
	import_run_free(r);
	CU_ASSERT_EQUAL(st.ended, 1);

	/* English headers in any case, blanks trimmed, extra columns
	 * ignored; "x" is not a number: column 1 of line 2. */
	r = run(en, strlen(en), &st, &rc);
	CU_ASSERT_EQUAL(rc, 0);
	CU_ASSERT_EQUAL(import_nerrors(r), 1);
	CU_ASSERT_STRING_EQUAL(where(r, 0), "2:1:import.err.number");
	CU_ASSERT_STRING_EQUAL(import_err_at(r, 0)->value, "x");
	import_run_free(r);

	r = run(mixed, strlen(mixed), &st, &rc);
	CU_ASSERT_EQUAL(import_nerrors(r), 0);
	CU_ASSERT_EQUAL(import_nrows(r), 1);
	import_run_free(r);
}

static void
t_required(void)
{
	static const char nocol[] = "会員番号,備考\nM1,x\n";
	static const char twice[] = "会員番号,単位,member_no\nM1,1,M1\n";
	static const char empty[] = "会員番号,単位\nM1,\n ,2\n";
	struct import_run	*r;
	struct state		 st;
	int			 rc;

	/* A missing required column: the header's error, row() never runs. */
	r = run(nocol, strlen(nocol), &st, &rc);
	CU_ASSERT_EQUAL(import_nerrors(r), 1);
	CU_ASSERT_STRING_EQUAL(where(r, 0), "1:0:import.err.column-missing");
	CU_ASSERT_STRING_EQUAL(import_err_at(r, 0)->value, "単位");
	CU_ASSERT_EQUAL(st.begun, 0);
	import_run_free(r);
	CU_ASSERT_EQUAL(st.ended, 0);

	r = run(twice, strlen(twice), &st, &rc);
	CU_ASSERT_STRING_EQUAL(where(r, 0), "1:3:import.err.column-repeated");
	import_run_free(r);

	/* Required cells empty (blanks only count as empty). */
	r = run(empty, strlen(empty), &st, &rc);
	CU_ASSERT_EQUAL(import_nerrors(r), 2);
	CU_ASSERT_STRING_EQUAL(where(r, 0), "2:2:import.err.required");
	CU_ASSERT_STRING_EQUAL(where(r, 1), "3:1:import.err.required");
	CU_ASSERT_EQUAL(import_nrows(r), 0);
	import_run_free(r);
}

static void
t_errors_lines(void)
{
	/* A quoted cell over two lines moves the next rows' numbers. */
	static const char s[] = "会員番号,単位,備考\n"
	    "M1,1,\"two\nlines\"\n"
	    "X2,1,\n"
	    "\n"
	    ",,\n"
	    "M1,1,again\n"
	    "M4,-1,\n";
	struct import_run	*r;
	struct state		 st;
	int			 rc;

	r = run(s, strlen(s), &st, &rc);
	CU_ASSERT_EQUAL(rc, 0);
	CU_ASSERT_EQUAL(import_nrows(r), 1);
	CU_ASSERT_EQUAL(import_nerrors(r), 3);
	CU_ASSERT_STRING_EQUAL(where(r, 0),
	    "4:1:import.err.unknown-member");
	CU_ASSERT_STRING_EQUAL(where(r, 1), "7:1:import.err.duplicate");
	CU_ASSERT_STRING_EQUAL(where(r, 2), "8:2:import.err.number");
	CU_ASSERT_STRING_EQUAL(st.last_note, "two\nlines");
	import_run_free(r);
}

static void
t_file_errors(void)
{
	static const char broken[] = "会員番号,単位\nM1,\"1\nM2,2\n";
	static const char latin1[] = "会員番号,単位\nM\xe9,1\n";
	static const char ctrl[] = "会員番号,単位,備考\nM1,1,a\x01" "b\n";
	static const char head_only[] = "\xef\xbb\xbf会員番号,単位\r\n";
	struct import_run	*r;
	struct state		 st;
	int			 rc;

	r = run(broken, strlen(broken), &st, &rc);
	CU_ASSERT_STRING_EQUAL(where(r, 0), "2:0:import.err.csv");
	import_run_free(r);
	r = run(latin1, strlen(latin1), &st, &rc);
	CU_ASSERT_STRING_EQUAL(where(r, 0), "1:0:import.err.utf8");
	import_run_free(r);
	r = run(ctrl, strlen(ctrl), &st, &rc);
	CU_ASSERT_STRING_EQUAL(where(r, 0), "2:3:import.err.char");
	import_run_free(r);
	r = run("", 0, &st, &rc);
	CU_ASSERT_STRING_EQUAL(where(r, 0), "1:0:import.err.empty");
	import_run_free(r);
	r = run(head_only, strlen(head_only), &st, &rc);
	CU_ASSERT_STRING_EQUAL(where(r, 0), "1:0:import.err.no-rows");
	import_run_free(r);
	/* row() failing is the request's failure, not the file's. */
	r = run("会員番号,単位\nFAIL,1\n", strlen("会員番号,単位\nFAIL,1\n"),
	    &st, &rc);
	CU_ASSERT_EQUAL(rc, -1);
	import_run_free(r);
	CU_ASSERT_EQUAL(st.ended, 1);
}

static void
t_limits(void)
{
	struct import_run	*r;
	struct state		 st;
	struct buf		 b = { NULL, 0, 0 };
	size_t			 i;
	int			 rc;

	/* spec.max_rows = 100: the 101st row is refused, reading stops. */
	buf_puts(&b, "会員番号,単位\n");
	for (i = 0; i < 120; i++)
		buf_printf(&b, "M%zu,1\n", i);
	r = run(b.data, b.len, &st, &rc);
	CU_ASSERT_EQUAL(import_nerrors(r), 1);
	CU_ASSERT_STRING_EQUAL(where(r, 0), "102:0:import.err.too-many");
	import_run_free(r);

	/* Errors past IMPORT_MAXERR are counted, not listed. */
	buf_reset(&b);
	buf_puts(&b, "会員番号,単位\n");
	for (i = 0; i < 90; i++)
		buf_printf(&b, "X%zu,1\n", i);
	r = run(b.data, b.len, &st, &rc);
	CU_ASSERT_EQUAL(import_nerrors(r), 90);
	CU_ASSERT_PTR_NOT_NULL(import_err_at(r, IMPORT_MAXERR - 1));
	CU_ASSERT_PTR_NULL(import_err_at(r, IMPORT_MAXERR));
	import_run_free(r);

	/* A file over IMPORT_MAXBYTES is refused before it is read. */
	buf_reset(&b);
	buf_puts(&b, "会員番号,単位\n");
	while (b.len <= IMPORT_MAXBYTES)
		buf_puts(&b, "M1,1,aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n");
	r = run(b.data, b.len, &st, &rc);
	CU_ASSERT_EQUAL(import_nerrors(r), 1);
	CU_ASSERT_STRING_EQUAL(where(r, 0), "1:0:import.err.too-large");
	CU_ASSERT_EQUAL(st.begun, 0);
	import_run_free(r);
	buf_free(&b);
}

/* The writer: what Excel opens as is, and reads back the same cells. */
static void
t_writer(void)
{
	struct buf	 b = { NULL, 0, 0 };
	struct csv	 x;

	CU_ASSERT_EQUAL(csv_bom(&b), 0);
	csv_cell(&b, "plain");
	csv_cell(&b, "a,b");
	csv_cell(&b, "say \"hi\"");
	csv_cell(&b, "two\r\nlines");
	csv_cell(&b, NULL);
	csv_eol(&b);
	csv_cell(&b, "=HYPERLINK(\"x\")");
	csv_cell(&b, "@SUM(A1)");
	csv_cellf(&b, "%d", 2026);
	csv_cell(&b, "2026-11-23 12:00:00");
	csv_eol(&b);
	CU_ASSERT_STRING_EQUAL(b.data, "\xef\xbb\xbf"
	    "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\r\nlines\",\r\n"
	    "\"'=HYPERLINK(\"\"x\"\")\",'@SUM(A1),2026,2026-11-23 12:00:00\r\n");
	/* The reader takes back what the writer wrote. */
	CU_ASSERT_EQUAL_FATAL(csv_open(&x, b.data, b.len), 0);
	CU_ASSERT_EQUAL(csv_row(&x), 1);
	CU_ASSERT_EQUAL(x.n, 5);
	CU_ASSERT_STRING_EQUAL(x.cell[2], "say \"hi\"");
	CU_ASSERT_STRING_EQUAL(x.cell[3], "two\r\nlines");
	CU_ASSERT_EQUAL(csv_row(&x), 1);
	CU_ASSERT_EQUAL(x.line, 3);
	CU_ASSERT_EQUAL(csv_row(&x), 0);
	csv_close(&x);
	buf_free(&b);
}

/* Content-Disposition for a Japanese file name (RFC 6266 / 5987). */
static void
t_disposition(void)
{
	char	 out[200];

	CU_ASSERT_EQUAL(http_disposition(out, sizeof(out), "attachment",
	    "研修_2026.csv"), 0);
	CU_ASSERT_STRING_EQUAL(out, "attachment; filename=\"___2026.csv\"; "
	    "filename*=UTF-8''%E7%A0%94%E4%BF%AE_2026.csv");
	CU_ASSERT_EQUAL(http_disposition(out, 20, "attachment",
	    "a-very-long-name.csv"), -1);
}

int
suite_import(void)
{
	static const struct utest t[] = {
		{ "import: headers in Japanese or English, any order, BOM",
		    t_header_ja_en },
		{ "import: required columns and cells", t_required },
		{ "import: errors at line:column, quoted line breaks",
		    t_errors_lines },
		{ "import: broken quote, not UTF-8, control, empty",
		    t_file_errors },
		{ "import: row, error and size limits", t_limits },
		{ "csv writer: BOM, CRLF, RFC 4180 quoting, formulas",
		    t_writer },
		{ "csv writer: RFC 5987 file name", t_disposition },
		{ NULL, NULL },
	};

	return add_suite("import", t);
}
