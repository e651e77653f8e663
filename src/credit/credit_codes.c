/*
 * credit_codes.c — the tenant admin's curriculum codes (issue 13, CME
 * tenant admins; medassoc: the 日医生涯教育カリキュラム codes 0–84
 * shipped by 018_credit.sql):
 *
 *   /admin/credit/codes              the list, each with the credits
 *                                    that name it
 *   /admin/credit/codes/new, /<code> one code, added or renamed
 *   /admin/credit/codes/import       the list as CSV (import.h)
 *
 * One check of a row serves the form and the CSV, one write (a JSON
 * array through JSON_TABLE) stores either.  A code is never deleted or
 * renumbered here: credits and events name it.  The codes are reference
 * data (refcache, credit_codes()); credit_code's triggers bump
 * refdata_version.  The form's save is audited (credit.code.save) in its
 * transaction, the CSV by the import (import.credit.codes).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "buf.h"
#include "credit.h"
#include "credit_int.h"
#include "ctx.h"
#include "db.h"
#include "feature.h"
#include "form.h"
#include "import.h"

#define ADMIN		"/admin/credit/codes"
#define STAFF		(PAGE_TENANT | PAGE_AUTH)
#define NCOLS		3
#define NAME_MAX_CH	100
#define SORT_DIGITS	6

struct cstate {
	struct ctx		*c;
	const struct dbres	*list;
	struct buf		 json;
	struct buf		 seen;
	size_t			 n;
};

static const struct import_col cols[NCOLS] = {
	{ "カリキュラムコード", "code", 1 },
	{ "名称", "name", 1 },
	{ "表示順", "sort", 0 },
};
static const struct field fields[NCOLS] = {
	{ "cc_code", F_TEXT, 1, CREDIT_CODE_MAX, "credit.codes.code", NULL },
	{ "name", F_TEXT, 1, NAME_MAX_CH, "credit.codes.name", NULL },
	{ "sort", F_DIGITS, 0, SORT_DIGITS, "credit.codes.sort", NULL },
};

/*
 * A curriculum code as typed: 1..CREDIT_CODE_MAX letters, digits, '.',
 * '-' or '_' (medassoc's are 0–84).  Its default place in the lists:
 * its number when it is one, else after them.
 */
int
credit_code_valid(const char *s)
{
	size_t	 n = strlen(s);

	return n > 0 && n <= CREDIT_CODE_MAX && strspn(s,
	    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    ".-_") == n;
}

static int
default_sort(const char *code)
{
	return strspn(code, "0123456789") == strlen(code) ? atoi(code) :
	    100000;
}

static size_t
chars(const char *s)
{
	size_t	 n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

static int
seen(struct cstate *st, const char *code)
{
	char	 tag[CREDIT_CODE_MAX + 3];

	snprintf(tag, sizeof(tag), "\n%s\n", code);
	if (st->seen.data != NULL && strstr(st->seen.data, tag) != NULL)
		return 1;
	return buf_puts(&st->seen, st->seen.len ? tag + 1 : tag) == -1 ? -1 :
	    0;
}

/* One row (code, name, sort): NULL and kept, else the key with *col. */
static const char *
check(struct cstate *st, const char *const *cell, int *col)
{
	*col = 0;
	if (!credit_code_valid(cell[0]))
		return "credit.codes.err.code";
	switch (seen(st, cell[0])) {
	case 1:
		return "import.err.duplicate";
	case -1:
		return IMPORT_FAILED;
	}
	*col = 1;
	if (chars(cell[1]) > NAME_MAX_CH)
		return "import.err.too-long";
	*col = 2;
	if (*cell[2] != '\0' && (strlen(cell[2]) > SORT_DIGITS ||
	    strspn(cell[2], "0123456789") != strlen(cell[2])))
		return "import.err.number";
	if (buf_puts(&st->json, st->n++ ? ",{\"code\":" : "[{\"code\":") ==
	    -1 || buf_json_str(&st->json, cell[0]) == -1 ||
	    buf_puts(&st->json, ",\"name\":") == -1 ||
	    buf_json_str(&st->json, cell[1]) == -1 ||
	    buf_printf(&st->json, ",\"sort\":%d}", *cell[2] != '\0' ?
	    atoi(cell[2]) : default_sort(cell[0])) == -1)
		return IMPORT_FAILED;
	return NULL;
}

static void
cstate_free(struct cstate *st)
{
	if (st == NULL)
		return;
	buf_free(&st->json);
	buf_free(&st->seen);
	free(st);
}

static struct cstate *
cstate_new(struct ctx *c)
{
	struct cstate	*st;

	if ((st = calloc(1, sizeof(*st))) == NULL)
		return NULL;
	st->c = c;
	if ((st->list = credit_codes(c)) == NULL) {
		free(st);
		return NULL;
	}
	return st;
}

static int
cstate_put(struct cstate *st)
{
	if (st->n == 0)
		return 0;
	if (buf_puts(&st->json, "]") == -1)
		return -1;
	return dbq_credit_codes_put(st->c->app->db, st->c->tenant->slug,
	    st->json.data);
}

/* ---- the import (import.h) -------------------------------------------- */

static int
imp_begin(struct import_run *r)
{
	struct cstate	*st = cstate_new(import_ctx(r));

	if (st == NULL)
		return -1;
	import_set_state(r, st);
	return 1;
}

static const char *
imp_row(struct import_run *r, const char *const *cell, int *col,
    const char **value)
{
	(void)value;
	return check(import_state(r), cell, col);
}

static int
imp_commit(struct import_run *r)
{
	return cstate_put(import_state(r)) == -1 ? -1 : 1;
}

static void
imp_end(struct import_run *r)
{
	cstate_free(import_state(r));
}

const struct import_spec credit_code_import = {
	.name = "credit.codes", .title = "title.credit-codes-import",
	.cols = cols, .ncols = NCOLS, .begin = imp_begin, .row = imp_row,
	.commit = imp_commit, .end = imp_end, .back = ADMIN,
	.help = "credit.codes.import-help",
};

/* ---- the pages ---------------------------------------------------------- */

/* GET /admin/credit/codes: the codes (cache) and their use (one
 * statement). */
static enum result
list_get(struct ctx *c)
{
	const struct dbres	*list;
	struct dbres		*use;
	const char		*code;
	xmlNodePtr		 l, n;
	size_t			 i, k;
	enum result		 rc = RES_INTERNAL;

	if ((list = credit_codes(c)) == NULL ||
	    (use = dbq_credit_code_use(c->app->db, c->tenant->slug)) == NULL)
		return RES_UNAVAIL;
	if (model_new(c, "credit-codes") == -1)
		goto out;
	if (kv_str(&c->query, "done") != NULL)
		model_flash(c, "credit.codes.saved", "success");
	l = model_node(c->content, "credit-codes");
	model_attrf(l, "count", "%zu", list->nrows);
	for (i = 0; i < list->nrows; i++) {
		code = dbres_get(list, i, CCODE_CODE);
		n = model_node(l, "code");
		model_attr(n, "code", code);
		model_attr(n, "name", dbres_get(list, i, CCODE_NAME));
		for (k = 0; k < use->nrows; k++)
			if (strcmp(dbres_get(use, k, CUSE_CODE), code) == 0)
				break;
		model_attr(n, "credits", k < use->nrows ?
		    dbres_get(use, k, CUSE_CREDITS) : "0");
	}
	rc = RES_OK;
out:
	dbres_free(use);
	return rc;
}

static enum result
form_show(struct ctx *c, const char *code, const struct kvlist *vals,
    const struct form_result *res)
{
	xmlNodePtr	 n;

	if (model_new(c, "credit-code") == -1)
		return RES_INTERNAL;
	n = model_node(c->content, "credit-code");
	model_attr(n, "code", code != NULL ? code : "");
	return model_form(c, "credit-code", c->path, fields, NCOLS, vals,
	    res, "credit.btn.save") != NULL ? RES_OK : RES_INTERNAL;
}

/* The code of the path (/<code>), NULL for /new; -1 unknown. */
static int
path_code(struct ctx *c, const struct dbres *list, const char **code)
{
	const char	*p = c->path + strlen(ADMIN "/");

	*code = NULL;
	if (strcmp(p, "new") == 0)
		return 0;
	if (credit_code_name(list, p) == NULL)
		return -1;
	*code = p;
	return 0;
}

static enum result
edit_get(struct ctx *c)
{
	const struct dbres	*list;
	struct kvlist		 v = { NULL, 0, 0 };
	const char		*code, *name;
	enum result		 rc;

	if ((list = credit_codes(c)) == NULL)
		return RES_UNAVAIL;
	if (path_code(c, list, &code) == -1)
		return RES_NOTFOUND;
	if (code == NULL)
		return form_show(c, NULL, NULL, NULL);
	name = credit_code_name(list, code);
	kv_add(&v, "cc_code", 7, code, strlen(code));
	kv_add(&v, "name", 4, name, strlen(name));
	rc = form_show(c, code, &v, NULL);
	kv_free(&v);
	return rc;
}

/* POST: check(), then the write and its audit line in one transaction;
 * editing keeps the path's code. */
static enum result
edit_post(struct ctx *c)
{
	struct form_result	 res;
	struct cstate		*st = NULL;
	const char		*cell[NCOLS], *code, *key, *v;
	size_t			 k;
	int			 col = -1, ok = 0;
	enum result		 rc = RES_UNAVAIL;

	memset(&res, 0, sizeof(res));
	if ((st = cstate_new(c)) == NULL)
		goto out;
	if (path_code(c, st->list, &code) == -1) {
		rc = RES_NOTFOUND;
		goto out;
	}
	form_validate(fields, NCOLS, &c->form, &res);
	for (k = 0; k < NCOLS; k++)
		cell[k] = (v = kv_str(&c->form, fields[k].name)) != NULL ?
		    v : "";
	if (code != NULL)
		cell[0] = code;
	else if (res.nerr == 0 && credit_code_name(st->list, cell[0]) != NULL)
		form_error_add(&res, "cc_code", "credit.codes.err.exists");
	if (res.nerr == 0 && (key = check(st, cell, &col)) != NULL) {
		if (key == IMPORT_FAILED)
			goto out;
		form_error_add(&res, fields[col >= 0 ? col : 0].name, key);
	}
	if (res.nerr > 0) {
		rc = form_show(c, code, &c->form, &res);
		goto out;
	}
	if (db_begin(c->app->db) < 0)
		goto out;
	if (cstate_put(st) == 0 && audit_log(c->app->db, c->tenant->slug,
	    c->sess.uid, "credit.code.save", cell[0], c->remote, cell[1]) > 0)
		ok = 1;
	if (db_end(c->app->db, ok) < 0 || !ok)
		goto out;
	rc = redirect_to(c, ADMIN "?done=saved");
out:
	cstate_free(st);
	return rc;
}

static enum result
sub_get(struct ctx *c)
{
	if (strcmp(c->path, ADMIN "/import") == 0)
		return import_page(c, &credit_code_import, NULL, c->path);
	return edit_get(c);
}

static enum result
sub_post(struct ctx *c)
{
	if (strcmp(c->path, ADMIN "/import") == 0)
		return import_page(c, &credit_code_import, NULL, c->path);
	return edit_post(c);
}

const struct page credit_code_pages[] = {
	{ .name = "credit-codes", .methods = M_GET, .path = ADMIN,
	    .flags = STAFF, .get = list_get, .menu = "credit.menu.codes",
	    .feature = CREDIT_FEATURE, .roles = ROLE_TENANT_ADMIN },
	{ .name = "credit-code", .methods = M_GET | M_POST,
	    .path = ADMIN "/", .flags = STAFF | PAGE_PREFIX, .get = sub_get,
	    .post = sub_post, .feature = CREDIT_FEATURE,
	    .roles = ROLE_TENANT_ADMIN, .fields = import_fields,
	    .nfields = IMPORT_NFIELDS },
	{ .name = NULL },
};
