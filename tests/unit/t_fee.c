/*
 * t_fee.c — the fee CSV (issue 9, fees): Excel's BOM and CRLF, quoted
 * cells, amounts as people write them, bad amounts and dates, unknown
 * application numbers, each error at file:line:column.
 */
#include <stdio.h>
#include <string.h>

#include "apply.h"
#include "review.h"
#include "tests.h"

/* The check fee.c asks of the database, against a table. */
static const struct {
	const char	*number;
	long long	 amount;
	int		 paid;
} known[] = {
	{ "2026-0001", 30000, 0 },
	{ "2026-0002", 30000, 0 },
	{ "2026-0003", 12000, 1 },
	{ NULL, 0, 0 },
};

static const char *
check(struct fee_csv_row *r, void *arg, int *col)
{
	size_t	 i;

	(void)arg;
	for (i = 0; known[i].number != NULL; i++) {
		if (strcmp(known[i].number, r->number) != 0)
			continue;
		if (known[i].paid)
			return "fee.err.paid";
		if (known[i].amount != r->amount) {
			*col = FEE_AT_AMOUNT;
			return "fee.err.amount-differs";
		}
		r->fee_id = (long long)i + 1;
		return NULL;
	}
	return "fee.err.unknown";
}

static int
parse(const char *s, struct fee_csv *f)
{
	return fee_csv_parse(s, strlen(s), check, NULL, f);
}

static const char *
err_text(const struct fee_csv *f, size_t i)
{
	static char	 out[200];

	fee_csv_err_text(&f->err[i], "pay.csv", out, sizeof(out));
	return out;
}

static void
t_good(void)
{
	struct fee_csv	 f;

	/* Excel: BOM, CRLF, a quoted amount with commas, extra columns. */
	CU_ASSERT_EQUAL(parse("\xef\xbb\xbf" "振込人,申請番号,金額,入金日\r\n"
	    "ヤマダ タロウ,2026-0001,\"30,000\",2026/12/1\r\n"
	    "\"スズキ, ハナコ\",2026-0002,¥30000,\r\n", &f), 0);
	CU_ASSERT_EQUAL(f.nerr_total, 0);
	CU_ASSERT_EQUAL_FATAL(f.nrows, 2);
	CU_ASSERT_STRING_EQUAL(f.rows[0].number, "2026-0001");
	CU_ASSERT_EQUAL(f.rows[0].amount, 30000);
	CU_ASSERT_STRING_EQUAL(f.rows[0].paid_on, "2026-12-01");
	CU_ASSERT_EQUAL(f.rows[0].line, 2);
	CU_ASSERT_EQUAL(f.rows[0].fee_id, 1);
	CU_ASSERT_STRING_EQUAL(f.rows[1].paid_on, "");
	CU_ASSERT_EQUAL(f.rows[1].line, 3);
	CU_ASSERT_EQUAL(f.total, 60000);
	fee_csv_free(&f);

	/* English headers, LF, a blank line, a trailing line without LF. */
	CU_ASSERT_EQUAL(parse("number,amount\n2026-0001,30000\n\n"
	    "2026-0002,30000", &f), 0);
	CU_ASSERT_EQUAL(f.nerr_total, 0);
	CU_ASSERT_EQUAL(f.nrows, 2);
	CU_ASSERT_EQUAL(f.rows[1].line, 4);
	fee_csv_free(&f);
}

static void
t_amounts(void)
{
	char	 d[11];

	CU_ASSERT_EQUAL(fee_amount_parse("30000"), 30000);
	CU_ASSERT_EQUAL(fee_amount_parse(" 30,000 "), 30000);
	CU_ASSERT_EQUAL(fee_amount_parse("￥1,234,567"), 1234567);
	CU_ASSERT_EQUAL(fee_amount_parse("¥500"), 500);
	CU_ASSERT_EQUAL(fee_amount_parse(""), -1);
	CU_ASSERT_EQUAL(fee_amount_parse("0"), -1);
	CU_ASSERT_EQUAL(fee_amount_parse("-300"), -1);
	CU_ASSERT_EQUAL(fee_amount_parse("30.000"), -1);
	CU_ASSERT_EQUAL(fee_amount_parse("3,00,00"), -1);
	CU_ASSERT_EQUAL(fee_amount_parse("30000,"), -1);
	CU_ASSERT_EQUAL(fee_amount_parse(",300"), -1);
	CU_ASSERT_EQUAL(fee_amount_parse("1e5"), -1);
	CU_ASSERT_EQUAL(fee_amount_parse("30 000"), -1);
	CU_ASSERT_EQUAL(fee_amount_parse("３００００"), -1);
	CU_ASSERT_EQUAL(fee_amount_parse("99999999999999999999"), -1);
	CU_ASSERT_EQUAL(fee_amount_parse("10000001"), -1);	/* over max */
	CU_ASSERT_EQUAL(fee_date_parse("2026-02-28", d, sizeof(d)), 0);
	CU_ASSERT_STRING_EQUAL(d, "2026-02-28");
	CU_ASSERT_EQUAL(fee_date_parse("2028/2/29", d, sizeof(d)), 0);
	CU_ASSERT_STRING_EQUAL(d, "2028-02-29");
	CU_ASSERT_EQUAL(fee_date_parse("2026-02-29", d, sizeof(d)), -1);
	CU_ASSERT_EQUAL(fee_date_parse("2026-13-01", d, sizeof(d)), -1);
	CU_ASSERT_EQUAL(fee_date_parse("2026/12-01", d, sizeof(d)), -1);
	CU_ASSERT_EQUAL(fee_date_parse("2026-12-01x", d, sizeof(d)), -1);
}

/* Every error at file:line:column, and the good rows still counted. */
static void
t_errors(void)
{
	struct fee_csv	 f;

	CU_ASSERT_EQUAL(parse("申請番号,金額,入金日\r\n"
	    "2026-0001,30000,2026-12-01\r\n"
	    "2026-9999,30000,\r\n"		/* unknown number */
	    "2026-0002,3O000,\r\n"		/* a letter O */
	    "2026-0002,29000,\r\n"		/* amount differs */
	    "2026-0003,12000,\r\n"		/* already paid */
	    "2026-0001,30000,\r\n"		/* twice in the file */
	    "\"2026 0004\",30000,2026-02-30\r\n"	/* bad number, date */
	    ",30000,\r\n", &f), 0);		/* no number */
	CU_ASSERT_EQUAL(f.nrows, 1);
	CU_ASSERT_EQUAL_FATAL(f.nerr_total, 8);
	CU_ASSERT_STRING_EQUAL(err_text(&f, 0), "pay.csv:3:1: fee.err.unknown");
	CU_ASSERT_STRING_EQUAL(err_text(&f, 1), "pay.csv:4:2: fee.err.amount");
	CU_ASSERT_STRING_EQUAL(f.err[1].value, "3O000");
	CU_ASSERT_STRING_EQUAL(err_text(&f, 2),
	    "pay.csv:5:2: fee.err.amount-differs");
	CU_ASSERT_STRING_EQUAL(err_text(&f, 3), "pay.csv:6:1: fee.err.paid");
	CU_ASSERT_STRING_EQUAL(err_text(&f, 4),
	    "pay.csv:7:1: fee.err.duplicate");
	CU_ASSERT_STRING_EQUAL(err_text(&f, 5), "pay.csv:8:1: fee.err.number");
	CU_ASSERT_STRING_EQUAL(err_text(&f, 6), "pay.csv:8:3: fee.err.date");
	CU_ASSERT_STRING_EQUAL(err_text(&f, 7),
	    "pay.csv:9:1: fee.err.number-missing");
	fee_csv_free(&f);
}

/* A quoted cell over two lines: the next row's line moves on. */
static void
t_quotes(void)
{
	struct fee_csv	 f;

	CU_ASSERT_EQUAL(parse("メモ,申請番号,金額\n"
	    "\"二行の\n備考\",2026-0001,\"30,000\"\n"
	    "\"a \"\"q\"\"\",2026-0009,30000\n", &f), 0);
	CU_ASSERT_EQUAL(f.nrows, 1);
	CU_ASSERT_EQUAL_FATAL(f.nerr_total, 1);
	CU_ASSERT_STRING_EQUAL(err_text(&f, 0), "pay.csv:4:2: fee.err.unknown");
	fee_csv_free(&f);

	/* An unterminated quote: malformed at the row's first line. */
	CU_ASSERT_EQUAL(parse("申請番号,金額\n2026-0001,30000\n"
	    "\"2026-0002,30000\n", &f), 0);
	CU_ASSERT_EQUAL(f.nrows, 1);
	CU_ASSERT_EQUAL_FATAL(f.nerr_total, 1);
	CU_ASSERT_STRING_EQUAL(err_text(&f, 0), "pay.csv:3:0: fee.err.csv");
	fee_csv_free(&f);
}

static void
t_header(void)
{
	struct fee_csv	 f;

	CU_ASSERT_EQUAL(parse("申請番号,入金日\n2026-0001,2026-12-01\n", &f),
	    0);
	CU_ASSERT_EQUAL(f.nrows, 0);
	CU_ASSERT_EQUAL_FATAL(f.nerr_total, 1);
	CU_ASSERT_STRING_EQUAL(err_text(&f, 0),
	    "pay.csv:1:0: fee.err.column-missing");
	CU_ASSERT_STRING_EQUAL(f.err[0].value, "金額");
	fee_csv_free(&f);

	CU_ASSERT_EQUAL(parse("申請番号,金額,number\n", &f), 0);
	CU_ASSERT_STRING_EQUAL(err_text(&f, 0),
	    "pay.csv:1:3: fee.err.column-repeated");
	fee_csv_free(&f);

	CU_ASSERT_EQUAL(parse("", &f), 0);
	CU_ASSERT_STRING_EQUAL(err_text(&f, 0), "pay.csv:1:0: fee.err.empty");
	fee_csv_free(&f);

	CU_ASSERT_EQUAL(parse("\xef\xbb\xbf申請番号,金額\r\n", &f), 0);
	CU_ASSERT_EQUAL_FATAL(f.nerr_total, 1);
	CU_ASSERT_STRING_EQUAL(f.err[0].key, "fee.err.no-rows");
	fee_csv_free(&f);

	/* Shift_JIS (Excel's other CSV) is refused whole, not misread. */
	CU_ASSERT_EQUAL(parse("\x90\x5c\x90\xbf,金額\n", &f), 0);
	CU_ASSERT_STRING_EQUAL(err_text(&f, 0), "pay.csv:1:0: fee.err.utf8");
	fee_csv_free(&f);
}

/* Errors past the cap are counted, not listed. */
static void
t_cap(void)
{
	struct fee_csv	 f;
	char		 data[20000];
	size_t		 n, i;

	n = (size_t)snprintf(data, sizeof(data), "申請番号,金額\n");
	for (i = 0; i < FEE_CSV_MAXERR + 20; i++)
		n += (size_t)snprintf(data + n, sizeof(data) - n,
		    "X-%zu,1\n", i);
	CU_ASSERT_EQUAL(parse(data, &f), 0);
	CU_ASSERT_EQUAL(f.nerr, FEE_CSV_MAXERR);
	CU_ASSERT_EQUAL(f.nerr_total, FEE_CSV_MAXERR + 20);
	fee_csv_free(&f);
}

/* issue 12: a year's fee as typed on /admin/offerings, and as cached. */
static void
t_offering_fee(void)
{
	static const struct apply_fee fees[] = {
		{ APPLY_FEE_APPROVAL, "x.fee", 33000, NULL },
		{ "review", "x.review", 0, "fee_review" },
		{ NULL, NULL, 0, NULL },
	};
	struct apply_offering	 o;

	CU_ASSERT_EQUAL(apply_fee_check("0"), 0);
	CU_ASSERT_EQUAL(apply_fee_check("12000"), 12000);
	CU_ASSERT_EQUAL(apply_fee_check(" 7000 "), 7000);
	CU_ASSERT_EQUAL(apply_fee_check("1000000"), 1000000);
	CU_ASSERT_EQUAL(apply_fee_check("0001000"), 1000);
	CU_ASSERT_EQUAL(apply_fee_check(""), -2);
	CU_ASSERT_EQUAL(apply_fee_check("   "), -2);
	CU_ASSERT_EQUAL(apply_fee_check(NULL), -2);
	CU_ASSERT_EQUAL(apply_fee_check("1000001"), -1);
	CU_ASSERT_EQUAL(apply_fee_check("99999999"), -1);
	CU_ASSERT_EQUAL(apply_fee_check("-5"), -1);
	CU_ASSERT_EQUAL(apply_fee_check("1.5"), -1);
	CU_ASSERT_EQUAL(apply_fee_check("1,000"), -1);
	CU_ASSERT_EQUAL(apply_fee_check("12 000"), -1);
	CU_ASSERT_EQUAL(apply_fee_check("１２３"), -1);
	CU_ASSERT_EQUAL(apply_fee_check("abc"), -1);

	CU_ASSERT_EQUAL(apply_fee_in_list(NULL, "review"), -2);
	CU_ASSERT_EQUAL(apply_fee_in_list("", "review"), -2);
	CU_ASSERT_EQUAL(apply_fee_in_list("approval=12000,exam=0,review=5000",
	    "review"), 5000);
	CU_ASSERT_EQUAL(apply_fee_in_list("approval=12000,exam=0", "exam"), 0);
	CU_ASSERT_EQUAL(apply_fee_in_list("exam2=9,review=1", "exam"), -2);
	CU_ASSERT_EQUAL(apply_fee_in_list("review4=9", "review"), -2);
	CU_ASSERT_EQUAL(apply_fee_in_list("x=1,review4=9,review=3", "review"),
	    3);

	memset(&o, 0, sizeof(o));
	CU_ASSERT_PTR_NULL(apply_fee_find(&o, APPLY_FEE_APPROVAL));
	o.fees = fees;
	CU_ASSERT_PTR_EQUAL(apply_fee_find(&o, APPLY_FEE_APPROVAL), &fees[0]);
	CU_ASSERT_PTR_EQUAL(apply_fee_find(&o, "review"), &fees[1]);
	CU_ASSERT_PTR_NULL(apply_fee_find(&o, "exam"));
	CU_ASSERT_EQUAL(apply_fee_default(NULL, &o, &fees[0]), 33000);
}

int
suite_fee(void)
{
	static const struct utest t[] = {
		{ "fee CSV: BOM, CRLF, quotes, extra columns", t_good },
		{ "fee CSV: amounts and dates", t_amounts },
		{ "fee CSV: errors at file:line:column", t_errors },
		{ "fee CSV: quoted line breaks, broken quotes", t_quotes },
		{ "fee CSV: header, empty, not UTF-8", t_header },
		{ "fee CSV: errors past the cap counted", t_cap },
		{ "offering fees: typed amounts, the cached list", t_offering_fee },
		{ NULL, NULL },
	};

	return add_suite("fee", t);
}
