/*
 * fee_import.c — the fee CSV (issue 9, fees): a bank's or the office's
 * list of payments, one row per application number, read with the
 * platform's CSV reader (core/csv.c: RFC 4180, UTF-8, Excel's BOM) into
 * rows and errors, without touching the database.  Whether a number is
 * an application with an unpaid fee of that amount is the caller's
 * check (fee.c asks the database, the unit tests a table), so one parse
 * serves the dry run and the commit alike.
 *
 * Columns are found by their header, in Japanese or English; others
 * (a bank's name or memo columns) are ignored:
 *	申請番号 / number	required
 *	金額 / amount		required: yen, "12000", "12,000", "¥12,000"
 *	入金日 / paid_on	optional: 2026-12-01 or 2026/12/1
 * Errors name the file, the row's first line and the column (1-based)
 * as file:line:column.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "csv.h"
#include "review.h"

enum csv_col { FC_NUMBER, FC_AMOUNT, FC_PAID_ON, FC__MAX };

static const struct {
	const char	*ja, *en;
	int		 required;
} cols[FC__MAX] = {
	[FC_NUMBER] = { "申請番号", "number", 1 },
	[FC_AMOUNT] = { "金額", "amount", 1 },
	[FC_PAID_ON] = { "入金日", "paid_on", 0 },
};

/* Record an error; 0, or -1 when out of memory.  Past the cap, counted. */
static int
err_add(struct fee_csv *f, long long line, int col, const char *key,
    const char *value)
{
	struct fee_csv_err	*e;
	size_t			 n;

	f->nerr_total++;
	if (f->nerr == FEE_CSV_MAXERR)
		return 0;
	e = &f->err[f->nerr++];
	e->line = line;
	e->col = col;
	e->key = key;
	e->value[0] = '\0';
	if (value != NULL) {
		/* Cut on a character boundary: the value goes into XML. */
		n = strlen(value);
		if (n >= sizeof(e->value))
			n = sizeof(e->value) - 1;
		while (n > 0 && ((unsigned char)value[n] & 0xc0) == 0x80)
			n--;
		memcpy(e->value, value, n);
		e->value[n] = '\0';
	}
	return 0;
}

/*
 * Yen as written by people and banks: digits, optionally grouped by
 * commas in threes, optionally after a yen sign; surrounding blanks
 * ignored.  >0 the amount, -1 anything else (zero included).
 */
long long
fee_amount_parse(const char *s)
{
	long long	 v = 0;
	size_t		 digits = 0, group = 0;
	int		 commas = 0;

	while (*s == ' ' || *s == '\t')
		s++;
	if (strncmp(s, "¥", strlen("¥")) == 0)
		s += strlen("¥");
	else if (strncmp(s, "￥", strlen("￥")) == 0)
		s += strlen("￥");
	else if (*s == '\\')
		s++;	/* ¥ in Shift_JIS fonts, typed as a backslash */
	for (; *s != '\0' && *s != ' ' && *s != '\t'; s++) {
		if (*s == ',') {
			if (digits == 0 || (commas && group != 3) ||
			    (!commas && group > 3))
				return -1;
			commas = 1;
			group = 0;
			continue;
		}
		if (*s < '0' || *s > '9' || digits == 12)
			return -1;
		v = v * 10 + (*s - '0');
		digits++;
		group++;
	}
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s != '\0' || digits == 0 || (commas && group != 3) || v <= 0 ||
	    v > FEE_AMOUNT_MAX)
		return -1;
	return v;
}

/* 2026-12-01, 2026/12/1 → "2026-12-01"; 0 ok, -1 not a date. */
int
fee_date_parse(const char *s, char *out, size_t len)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int		 y, m, d, n = 0;
	char		 sep, sep2;

	if (sscanf(s, "%4d%c%2d%c%2d%n", &y, &sep, &m, &sep2, &d, &n) != 5 ||
	    s[n] != '\0' || sep != sep2 || (sep != '-' && sep != '/') ||
	    y < 2000 || y > 2099 || m < 1 || m > 12 || d < 1 ||
	    d > mdays[m - 1] ||
	    (m == 2 && d == 29 && (y % 4 != 0 || (y % 100 == 0 &&
	    y % 400 != 0))))
		return -1;
	return snprintf(out, len, "%04d-%02d-%02d", y, m, d) < (int)len ?
	    0 : -1;
}

/* An application number: letters, digits and '-', up to 32. */
int
fee_number_valid(const char *s)
{
	size_t	 n = 0;

	for (; *s != '\0'; s++, n++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= 'a' && *s <= 'z') || *s == '-'))
			return 0;
	return n > 0 && n <= 32;
}

/* The header row into map[]; 0 ok, -1 (errors recorded) not usable. */
static int
header(struct fee_csv *f, const struct csv *x, int *map)
{
	size_t	 i, k;
	int	 rc = 0;

	for (i = 0; i < FC__MAX; i++)
		map[i] = -1;
	for (k = 0; k < x->n; k++)
		for (i = 0; i < FC__MAX; i++) {
			if (strcmp(strtrim(x->cell[k]), cols[i].ja) != 0 &&
			    strcmp(x->cell[k], cols[i].en) != 0)
				continue;
			if (map[i] != -1) {
				err_add(f, x->line, (int)k + 1,
				    "fee.err.column-repeated", x->cell[k]);
				rc = -1;
			}
			map[i] = (int)k;
		}
	for (i = 0; i < FC__MAX; i++)
		if (cols[i].required && map[i] == -1) {
			err_add(f, x->line, 0, "fee.err.column-missing",
			    cols[i].ja);
			rc = -1;
		}
	return rc;
}

static const char *
cell(const struct csv *x, const int *map, enum csv_col c)
{
	if (map[c] == -1 || (size_t)map[c] >= x->n)
		return "";
	return strtrim(x->cell[map[c]]);
}

/* Has an earlier row of the file the same number? */
static int
seen(const struct fee_csv *f, const char *number)
{
	size_t	 i;

	for (i = 0; i < f->nrows; i++)
		if (strcmp(f->rows[i].number, number) == 0)
			return 1;
	return 0;
}

/*
 * One data row: checked alone, then by check(); a good one appended.
 * 0 done (good or in error), -1 out of memory or check() failed.
 */
static int
data_row(struct fee_csv *f, const struct csv *x, const int *map,
    fee_check_fn check, void *arg)
{
	struct fee_csv_row	 r, *rows;
	const char		*number, *paid, *key;
	int			 col, bad = 0;

	memset(&r, 0, sizeof(r));
	r.line = x->line;
	number = cell(x, map, FC_NUMBER);
	if (!fee_number_valid(number)) {
		err_add(f, x->line, map[FC_NUMBER] + 1, number[0] == '\0' ?
		    "fee.err.number-missing" : "fee.err.number", number);
		bad = 1;
	} else if (seen(f, number)) {
		err_add(f, x->line, map[FC_NUMBER] + 1, "fee.err.duplicate",
		    number);
		bad = 1;
	}
	if ((r.amount = fee_amount_parse(cell(x, map, FC_AMOUNT))) == -1) {
		err_add(f, x->line, map[FC_AMOUNT] + 1, "fee.err.amount",
		    cell(x, map, FC_AMOUNT));
		bad = 1;
	}
	paid = cell(x, map, FC_PAID_ON);
	if (paid[0] != '\0' && fee_date_parse(paid, r.paid_on,
	    sizeof(r.paid_on)) == -1) {
		err_add(f, x->line, map[FC_PAID_ON] + 1, "fee.err.date", paid);
		bad = 1;
	}
	if (bad)
		return 0;
	snprintf(r.number, sizeof(r.number), "%s", number);
	col = 0;
	if (check != NULL) {
		if ((key = check(&r, arg, &col)) == FEE_CHECK_FAILED)
			return -1;
		if (key != NULL) {
			err_add(f, x->line, col == FEE_AT_AMOUNT ?
			    map[FC_AMOUNT] + 1 : map[FC_NUMBER] + 1, key,
			    col == FEE_AT_AMOUNT ? cell(x, map, FC_AMOUNT) :
			    number);
			return 0;
		}
	}
	if (f->nrows == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 16;
		if ((rows = reallocarray(f->rows, f->cap,
		    sizeof(*rows))) == NULL)
			return -1;
		f->rows = rows;
	}
	f->rows[f->nrows++] = r;
	f->total += r.amount;
	return 0;
}

/*
 * Parse a whole file into f (fee_csv_free() it in any case).  Rows
 * come out checked by check (may be NULL); every problem is an error
 * with its line and column.  0 parsed (look at f->nerr_total), -1 out
 * of memory or check() failed.
 */
int
fee_csv_parse(const char *data, size_t len, fee_check_fn check, void *arg,
    struct fee_csv *f)
{
	struct csv	 x;
	int		 map[FC__MAX], rc = -1, k;

	memset(f, 0, sizeof(*f));
	if (csv_open(&x, data, len) == -1)
		return -1;
	if (!utf8_valid(data, len)) {
		err_add(f, 1, 0, "fee.err.utf8", NULL);
		rc = 0;
		goto out;
	}
	if ((k = csv_row(&x)) != 1) {
		err_add(f, 1, 0, k == 0 ? "fee.err.empty" : "fee.err.csv",
		    NULL);
		rc = 0;
		goto out;
	}
	if (header(f, &x, map) == -1) {
		rc = 0;
		goto out;
	}
	while ((k = csv_row(&x)) != 0) {
		if (k == -1) {
			/* The reader cannot resync after a broken quote. */
			err_add(f, x.line, 0, "fee.err.csv", NULL);
			break;
		}
		if (x.n == 1 && x.cell[0][0] == '\0')
			continue;	/* a blank line */
		if (f->nrows >= FEE_CSV_MAXROWS) {
			err_add(f, x.line, 0, "fee.err.too-many", NULL);
			break;
		}
		if (data_row(f, &x, map, check, arg) == -1)
			goto out;
	}
	if (f->nrows == 0 && f->nerr_total == 0)
		err_add(f, x.next > 1 ? x.next - 1 : 1, 0, "fee.err.no-rows",
		    NULL);
	rc = 0;
out:
	csv_close(&x);
	return rc;
}

void
fee_csv_free(struct fee_csv *f)
{
	free(f->rows);
	f->rows = NULL;
	f->nrows = f->cap = 0;
}

/* "file:line:column: key" (column 0 when the error is the row's). */
void
fee_csv_err_text(const struct fee_csv_err *e, const char *file, char *out,
    size_t len)
{
	snprintf(out, len, "%s:%lld:%d: %s", file, e->line, e->col, e->key);
}
