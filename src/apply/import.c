/*
 * import.c — the platform's CSV import (CORE-12, PAL-12, ONC-14, CME-2):
 * one page for every list an office keeps in a spreadsheet.  The file
 * is read with core/csv.c (RFC 4180, UTF-8, Excel's BOM); columns are
 * found by their header in Japanese or English (others are ignored);
 * every row goes through the product's row() check, and every problem
 * is an error at file:line:column.  A dry run writes nothing; a commit
 * reads and checks the same bytes again inside one transaction and
 * writes all of it, with its audit line, or nothing (import.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "buf.h"
#include "clock.h"
#include "csv.h"
#include "ctx.h"
#include "db.h"
#include "form.h"
#include "import.h"
#include "session.h"
#include "sha256.h"
#include "tenant.h"

#define CARRY_MAX	(46 * 1024)	/* a file carried to the commit: its
					 * base64 fits a kept POST's field */
#define FILE_NAME_MAX	200
#define IMPORT_TALLIES	8

const struct field import_fields[] = {
	{ "file", F_FILE, 0, 0, "import.field.file", NULL },
};

struct import_run {
	struct ctx		*c;
	const struct import_spec *spec;
	void			*arg;
	void			*state;
	char			 file[FILE_NAME_MAX];
	int			 commit;
	int			 begun;
	long long		 line;		/* of the row being read */
	int			 map[CSV_MAXCOL];	/* cols[i] → file column */
	size_t			 nrows;		/* good rows */
	size_t			 nerr_total, nerr;
	struct import_err	 err[IMPORT_MAXERR];
	struct {
		const char	*key;
		size_t		 n;
	}			 tally[IMPORT_TALLIES];
	size_t			 ntally;
	/* The first good rows, for the report: cells NUL-separated. */
	struct buf		 preview;
	long long		 preview_line[IMPORT_PREVIEW];
	size_t			 npreview;
	long long		 history;	/* its import_history row */
};

/* ---- what callbacks may ask --------------------------------------------- */

void *
import_state(struct import_run *r)
{
	return r->state;
}

void
import_set_state(struct import_run *r, void *state)
{
	r->state = state;
}

void *
import_arg(struct import_run *r)
{
	return r->arg;
}

struct ctx *
import_ctx(struct import_run *r)
{
	return r->c;
}

int
import_committing(const struct import_run *r)
{
	return r->commit;
}

size_t
import_nrows(const struct import_run *r)
{
	return r->nrows;
}

long long
import_line(const struct import_run *r)
{
	return r->line;
}

const char *
import_file(const struct import_run *r)
{
	return r->file;
}

long long
import_history_id(const struct import_run *r)
{
	return r->history;
}

size_t
import_nerrors(const struct import_run *r)
{
	return r->nerr_total;
}

const struct import_err *
import_err_at(const struct import_run *r, size_t i)
{
	return i < r->nerr ? &r->err[i] : NULL;
}

/* Record an error at a column of the file (1-based, 0 the row's). */
static void
err_add(struct import_run *r, long long line, int fcol, const char *key,
    const char *value)
{
	struct import_err	*e;
	size_t			 n;

	r->nerr_total++;
	if (r->nerr == IMPORT_MAXERR)
		return;
	e = &r->err[r->nerr++];
	e->line = line;
	e->col = fcol;
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
}

void
import_error(struct import_run *r, long long line, int col, const char *key,
    const char *value)
{
	int	 fcol = 0;

	if (col >= 0 && (size_t)col < r->spec->ncols && r->map[col] >= 0)
		fcol = r->map[col] + 1;
	err_add(r, line, fcol, key, value);
}

void
import_tally(struct import_run *r, const char *key)
{
	size_t	 i;

	for (i = 0; i < r->ntally; i++)
		if (strcmp(r->tally[i].key, key) == 0)
			break;
	if (i == r->ntally) {
		if (r->ntally == IMPORT_TALLIES)
			return;
		r->tally[r->ntally].key = key;
		r->tally[r->ntally++].n = 0;
	}
	r->tally[i].n++;
}

/* ---- the parse ------------------------------------------------------------ */

struct import_run *
import_run_new(struct ctx *c, const struct import_spec *spec, void *arg,
    const char *file, int commit)
{
	struct import_run	*r;
	size_t			 n;

	if ((r = calloc(1, sizeof(*r))) == NULL)
		return NULL;
	r->c = c;
	r->spec = spec;
	r->arg = arg;
	r->commit = commit;
	if (file == NULL || *file == '\0')
		file = "upload.csv";
	/* Cut on a character boundary: the name goes into XML. */
	n = strlen(file);
	if (n >= sizeof(r->file))
		n = sizeof(r->file) - 1;
	while (n > 0 && ((unsigned char)file[n] & 0xc0) == 0x80)
		n--;
	memcpy(r->file, file, n);
	r->file[n] = '\0';
	return r;
}

void
import_run_free(struct import_run *r)
{
	if (r == NULL)
		return;
	if (r->begun && r->spec->end != NULL)
		r->spec->end(r);
	buf_free(&r->preview);
	free(r);
}

/* A header cell names cols[i]: Japanese as written, English any case. */
static int
header_is(const char *h, const struct import_col *col)
{
	return (col->ja != NULL && strcmp(h, col->ja) == 0) ||
	    (col->en != NULL && strcasecmp(h, col->en) == 0);
}

/* The header row into r->map; 0 ok, -1 (errors recorded) not usable. */
static int
header(struct import_run *r, const struct csv *x)
{
	const struct import_spec *s = r->spec;
	size_t			 i, k;
	int			 rc = 0;

	for (i = 0; i < s->ncols; i++)
		r->map[i] = -1;
	for (k = 0; k < x->n; k++) {
		const char *h = strtrim(x->cell[k]);
		for (i = 0; i < s->ncols; i++) {
			if (!header_is(h, &s->cols[i]))
				continue;
			if (r->map[i] != -1) {
				err_add(r, x->line, (int)k + 1,
				    "import.err.column-repeated", h);
				rc = -1;
			}
			r->map[i] = (int)k;
		}
	}
	for (i = 0; i < s->ncols; i++)
		if (s->cols[i].required && r->map[i] == -1) {
			err_add(r, x->line, 0, "import.err.column-missing",
			    s->cols[i].ja);
			rc = -1;
		}
	return rc;
}

/* Keep a good row's cells for the report. */
static void
preview_add(struct import_run *r, const char *const *cell)
{
	size_t	 i;

	if (r->npreview == IMPORT_PREVIEW)
		return;
	for (i = 0; i < r->spec->ncols; i++)
		if (buf_append(&r->preview, cell[i], strlen(cell[i]) + 1) == -1)
			return;
	r->preview_line[r->npreview++] = r->line;
}

/*
 * One data row: the cells in cols[] order, checked for what every
 * import refuses (characters XML cannot carry, required cells empty),
 * then by the product's row().  0 done (good or in error), -1 failed.
 */
static int
data_row(struct import_run *r, const struct csv *x)
{
	const struct import_spec *s = r->spec;
	const char		*cell[CSV_MAXCOL], *key, *value;
	size_t			 i;
	int			 col, bad = 0;

	for (i = 0; i < s->ncols; i++) {
		cell[i] = r->map[i] == -1 || (size_t)r->map[i] >= x->n ? "" :
		    strtrim(x->cell[r->map[i]]);
		if (!utf8_xml_valid(cell[i], strlen(cell[i]))) {
			import_error(r, x->line, (int)i, "import.err.char",
			    NULL);
			bad = 1;
		} else if (s->cols[i].required && cell[i][0] == '\0') {
			import_error(r, x->line, (int)i, "import.err.required",
			    s->cols[i].ja);
			bad = 1;
		}
	}
	if (bad)
		return 0;
	col = -1;
	value = NULL;
	if ((key = s->row(r, cell, &col, &value)) == IMPORT_FAILED)
		return -1;
	if (key != NULL) {
		if (value == NULL && col >= 0 && (size_t)col < s->ncols)
			value = cell[col];
		import_error(r, x->line, col, key, value);
		return 0;
	}
	r->nrows++;
	preview_add(r, cell);
	return 0;
}

/*
 * Read a whole file: the header, then begin(), then row() for every
 * data row.  0 read (look at import_nerrors()), -1 failed (memory,
 * begin() or row() said so).
 */
int
import_run_parse(struct import_run *r, const char *data, size_t len)
{
	const struct import_spec *s = r->spec;
	struct csv		 x;
	size_t			 max = s->max_rows ? s->max_rows :
				    IMPORT_MAXROWS, i;
	int			 rc = -1, k, blank;

	if (csv_open(&x, data, len) == -1)
		return -1;
	if (s->ncols == 0 || s->ncols > CSV_MAXCOL)
		goto out;
	if (len > IMPORT_MAXBYTES) {
		err_add(r, 1, 0, "import.err.too-large", NULL);
		rc = 0;
		goto out;
	}
	if (!utf8_valid(data, len)) {
		err_add(r, 1, 0, "import.err.utf8", NULL);
		rc = 0;
		goto out;
	}
	if ((k = csv_row(&x)) != 1) {
		err_add(r, 1, 0, k == 0 ? "import.err.empty" :
		    "import.err.csv", NULL);
		rc = 0;
		goto out;
	}
	if (header(r, &x) == -1) {
		rc = 0;
		goto out;
	}
	r->begun = 1;
	if (s->begin != NULL && s->begin(r) <= 0)
		goto out;
	while ((k = csv_row(&x)) != 0) {
		r->line = x.line;
		if (k == -1) {
			/* The reader cannot resync after a broken quote. */
			err_add(r, x.line, 0, "import.err.csv", NULL);
			break;
		}
		for (blank = 1, i = 0; i < x.n && blank; i++)
			blank = strtrim(x.cell[i])[0] == '\0';
		if (blank)
			continue;	/* a blank line, or only commas */
		if (r->nrows + r->nerr_total >= max) {
			/* Why reading stopped is always listed: last. */
			if (r->nerr == IMPORT_MAXERR)
				r->nerr--;
			err_add(r, x.line, 0, "import.err.too-many", NULL);
			break;
		}
		if (data_row(r, &x) == -1)
			goto out;
	}
	r->line = 0;
	if (r->nrows == 0 && r->nerr_total == 0)
		err_add(r, x.next > 1 ? x.next - 1 : 1, 0,
		    "import.err.no-rows", NULL);
	rc = 0;
out:
	csv_close(&x);
	return rc;
}

/* ---- the page ------------------------------------------------------------- */

/* The report of a run: counts, tallies, the first good rows, errors. */
static void
report_model(xmlNodePtr parent, const struct import_run *r, const char *step)
{
	xmlNodePtr	 rep, n, row;
	const char	*p;
	size_t		 i, k;

	rep = model_node(parent, "report");
	model_attr(rep, "step", step);
	model_attr(rep, "file", r->file);
	model_attrf(rep, "rows", "%zu", r->nrows);
	model_attrf(rep, "errors", "%zu", r->nerr_total);
	model_attrf(rep, "listed", "%zu", r->nerr);
	for (i = 0; i < r->ntally; i++) {
		n = model_node(rep, "tally");
		model_attr(n, "key", r->tally[i].key);
		model_attrf(n, "n", "%zu", r->tally[i].n);
	}
	for (i = 0, p = r->preview.data; i < r->npreview; i++) {
		row = model_node(rep, "row");
		model_attrf(row, "line", "%lld", r->preview_line[i]);
		for (k = 0; k < r->spec->ncols; k++) {
			model_text(row, "cell", p);
			p += strlen(p) + 1;
		}
	}
	for (i = 0; i < r->nerr; i++) {
		n = model_node(rep, "error");
		model_attr(n, "file", r->file);
		model_attrf(n, "line", "%lld", r->err[i].line);
		model_attrf(n, "column", "%d", r->err[i].col);
		model_attr(n, "key", r->err[i].key);
		if (r->err[i].value[0] != '\0')
			model_attr(n, "value", r->err[i].value);
	}
}

/*
 * The page: the spec's columns, the upload form, and after a POST the
 * report with, for a clean dry run, the commit of the very same bytes.
 */
static enum result
show(struct ctx *c, const struct import_spec *s, const char *path,
    const struct import_run *r, const char *step, const char *carry,
    const char *flash)
{
	xmlNodePtr	 im, n;
	size_t		 i;

	if (model_new(c, "import") == -1)
		return RES_INTERNAL;
	if (flash != NULL)
		model_flash(c, flash, strcmp(flash, "import.done") == 0 ?
		    "success" : "warning");
	im = model_node(c->content, "import");
	model_attr(im, "name", s->name);
	model_attr(im, "title", s->title);
	model_attr(im, "action", path);
	if (s->back != NULL)
		model_attr(im, "back", s->back);
	if (s->help != NULL)
		model_attr(im, "help", s->help);
	model_attrf(im, "max-rows", "%zu", s->max_rows ? s->max_rows :
	    (size_t)IMPORT_MAXROWS);
	model_attrf(im, "max-bytes", "%d", IMPORT_MAXBYTES);
	for (i = 0; i < s->ncols; i++) {
		n = model_node(im, "col");
		model_attr(n, "ja", s->cols[i].ja);
		model_attr(n, "en", s->cols[i].en);
		if (s->cols[i].required)
			model_attr(n, "required", "1");
	}
	if (r != NULL) {
		report_model(im, r, step);
		if (strcmp(step, "check") == 0 && r->nerr_total == 0) {
			n = model_node(im, "commit");
			model_attr(n, "filename", r->file);
			/* Too large to carry: the file is chosen again. */
			if (carry != NULL)
				model_attr(n, "data", carry);
			else
				model_attr(n, "upload", "1");
		}
	}
	return RES_OK;
}

/* GET ?sample=1: the header row, to fill in Excel. */
static enum result
sample(struct ctx *c, const struct import_spec *s)
{
	struct buf	 b = { NULL, 0, 0 };
	char		 name[120];
	size_t		 i;
	int		 err;

	err = csv_bom(&b);
	for (i = 0; i < s->ncols; i++)
		err |= csv_cell(&b, ctx_en(c) ? s->cols[i].en : s->cols[i].ja);
	err |= csv_eol(&b);
	snprintf(name, sizeof(name), "%s.csv", s->name);
	if (err != 0) {
		buf_free(&b);
		return RES_INTERNAL;
	}
	return csv_respond(c, &b, name);
}

/* The file of the POST: an uploaded part, or the dry run's carried copy. */
static int
post_data(struct ctx *c, struct buf *b, const char **file)
{
	const struct kv	*e = kv_get(&c->form, "file");
	const char	*carry = kv_str(&c->form, "data");

	*file = "upload.csv";
	if (e != NULL && e->filename != NULL && e->vlen > 0) {
		if (e->filename[0] != '\0' && utf8_xml_valid(e->filename,
		    strlen(e->filename)))
			*file = e->filename;
		return buf_append(b, e->val, e->vlen) == -1 ||
		    buf_append(b, "", 0) == -1 ? -1 : 1;
	}
	if (carry != NULL && *carry != '\0') {
		if ((*file = kv_str(&c->form, "filename")) == NULL ||
		    !utf8_xml_valid(*file, strlen(*file)))
			*file = "upload.csv";
		return buf_b64_decode(b, carry) == -1 ? 0 : 1;
	}
	return 0;
}

/*
 * The history row of a commit (ADM-1): who, when, the counts, the
 * file's SHA-256 and the file, in the commit's transaction.  Written
 * before the product's writes so commit() may refer to it
 * (import_history_id()).  0 ok, -1 failed.
 */
static int
history_put(struct ctx *c, struct import_run *r, const char *path,
    const char *data, size_t len)
{
	struct buf	 tallies = { NULL, 0, 0 };
	char		 sha[SHA256_HEXLEN + 1], now[CLOCK_SQL_LEN];
	size_t		 i;
	int		 rc = -1;

	sha256_hex(data, len, sha);
	clock_now_sql(now, sizeof(now));
	if (buf_puts(&tallies, "") == -1)
		goto out;
	for (i = 0; i < r->ntally; i++)
		if (buf_printf(&tallies, "%s%s=%zu", i ? "," : "",
		    r->tally[i].key, r->tally[i].n) == -1)
			goto out;
	r->history = dbq_import_history_put(c->app->db, c->tenant->slug,
	    r->spec->name, path, r->file, sha, data, len, (long long)r->nrows,
	    tallies.data, c->sess.uid, now);
	rc = r->history > 0 ? 0 : -1;
out:
	buf_free(&tallies);
	return rc;
}

/*
 * The commit, in the open transaction: the history row, the product's
 * writes, then the audit line.  >0 done, 0 refused, <0 failed.
 */
static int
commit_run(struct ctx *c, struct import_run *r, const char *path,
    const char *data, size_t len)
{
	char	 action[80], detail[300];
	int	 k;

	if (history_put(c, r, path, data, len) == -1)
		return -1;
	if ((k = r->spec->commit(r)) <= 0)
		return k;
	snprintf(action, sizeof(action), "import.%s", r->spec->name);
	snprintf(detail, sizeof(detail), "%zu rows, %.200s, history %lld",
	    r->nrows, r->file, r->history);
	return audit_log(c->app->db, c->tenant->slug, c->sess.uid, action,
	    r->spec->name, c->remote, detail) > 0 ? 1 : -1;
}

static enum result
page_post(struct ctx *c, const struct import_spec *s, void *arg,
    const char *path)
{
	struct import_run *r = NULL;
	struct buf	 b = { NULL, 0, 0 }, carry = { NULL, 0, 0 };
	const char	*step = kv_str(&c->form, "step"), *file;
	char		 to[600];
	enum result	 res = RES_INTERNAL;
	int		 k, commit, tx = 0;

	commit = step != NULL && strcmp(step, "commit") == 0;
	if ((k = post_data(c, &b, &file)) <= 0) {
		res = k < 0 ? RES_INTERNAL : show(c, s, path, NULL, NULL, NULL,
		    "import.err.nofile");
		goto out;
	}
	if ((r = import_run_new(c, s, arg, file, commit)) == NULL)
		goto out;
	/* The commit reads and checks again, in its transaction. */
	if (commit) {
		if (db_begin(c->app->db) <= 0) {
			res = RES_UNAVAIL;
			goto out;
		}
		tx = 1;
	}
	if (import_run_parse(r, b.data, b.len) == -1) {
		res = RES_UNAVAIL;
		goto out;
	}
	if (commit) {
		/* The bytes as read: b holds a NUL past the end. */
		k = r->nerr_total == 0 ? commit_run(c, r, path, b.data,
		    b.len) : 0;
		tx = 0;
		if (db_end(c->app->db, k > 0) < 0 && k > 0)
			k = -1;
		if (k < 0) {
			res = RES_UNAVAIL;
			goto out;
		}
		if (k > 0) {
			snprintf(to, sizeof(to), "%s?done=%zu", path, r->nrows);
			res = redirect_to(c, to);
			goto out;
		}
		c->status_hint = 422;
		res = show(c, s, path, r, "commit", NULL, "import.not-done");
		goto out;
	}
	if (r->nerr_total == 0 && b.len <= CARRY_MAX &&
	    buf_b64_encode(&carry, b.data, b.len) == -1)
		goto out;
	/* The dry run did its work: its errors are the report (200). */
	res = show(c, s, path, r, "check", carry.data, r->nerr_total ?
	    "import.not-done" : NULL);
out:
	if (tx)
		(void)db_rollback(c->app->db);
	import_run_free(r);
	buf_free(&b);
	buf_free(&carry);
	return res;
}

enum result
import_page(struct ctx *c, const struct import_spec *s, void *arg,
    const char *path)
{
	const char	*done = kv_str(&c->query, "done");
	enum result	 res;

	if (strcmp(c->method, "POST") == 0 && !c->reshow)
		return page_post(c, s, arg, path);
	if (kv_str(&c->query, "sample") != NULL)
		return sample(c, s);
	if (done != NULL && (*done == '\0' || strlen(done) > 9 ||
	    strspn(done, "0123456789") != strlen(done)))
		done = NULL;
	res = show(c, s, path, NULL, NULL, NULL, done != NULL ?
	    "import.done" : NULL);
	/* The rows the commit wrote, for the message. */
	if (res == RES_OK && done != NULL)
		model_attr(c->content->children, "done", done);
	return res;
}
