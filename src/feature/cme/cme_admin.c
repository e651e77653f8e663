/*
 * cme_admin.c — the tenant admin's list of associations (issue 13, CME
 * tenant admins; seed 004's 申請先 都道府県・医師会): the national one,
 * the 47 prefectures' and their local ones, which applications go to
 * and reviewers are scoped by ("assoc:<code>").
 *
 *   /admin/cme/assocs                the list by prefecture, each with
 *                                    its review counts (審査中, 差戻し,
 *                                    承認, 却下) for a year or all
 *   /admin/cme/assocs/new, /<code>   one association, added or renamed
 *   /admin/cme/assocs/import         the list as CSV (import.h)
 *
 * One check of a row serves the form and the CSV, and one write (a JSON
 * array through JSON_TABLE) stores either.  A code is never deleted or
 * renumbered here: members and applications name it.  The list is
 * reference data (refcache); cme_assoc's triggers bump refdata_version,
 * so every worker reads it again.  The form's save is audited
 * (cme.assoc.save) in its transaction, the CSV by the import
 * (import.cme.assocs).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "apply.h"
#include "buf.h"
#include "cme.h"
#include "ctx.h"
#include "db.h"
#include "feature.h"
#include "form.h"
#include "import.h"
#include "jp.h"

#define ADMIN		"/admin/cme/assocs"
#define STAFF		(PAGE_TENANT | PAGE_AUTH)
#define NCOLS		3
#define NAME_JA_MAX	100
#define NAME_EN_MAX	160

/* What a check keeps between rows: the list, the JSON, codes seen. */
struct astate {
	struct ctx		*c;
	const struct dbres	*list;
	struct buf		 json;
	struct buf		 seen;
	size_t			 n;
};

static const struct import_col cols[NCOLS] = {
	{ "医師会コード", "code", 1 },
	{ "医師会名", "name_ja", 1 },
	{ "英語名", "name_en", 0 },
};
static const struct field fields[NCOLS] = {
	{ "assoc_code", F_DIGITS, 1, 5, "cme.admin.code", NULL },
	{ "name_ja", F_TEXT, 1, NAME_JA_MAX, "cme.admin.name-ja", NULL },
	{ "name_en", F_TEXT, 0, NAME_EN_MAX, "cme.admin.name-en", NULL },
};

/* Characters (code points) of valid UTF-8. */
static size_t
chars(const char *s)
{
	size_t	 n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* "\ncode\n" in st->seen: 1 seen (else remembered), -1 no memory. */
static int
seen(struct astate *st, const char *code)
{
	char	 tag[16];

	snprintf(tag, sizeof(tag), "\n%s\n", code);
	if (st->seen.data != NULL && strstr(st->seen.data, tag) != NULL)
		return 1;
	return buf_puts(&st->seen, st->seen.len ? tag + 1 : tag) == -1 ? -1 :
	    0;
}

/*
 * One row (code, name_ja, name_en): a known kind of code, each code
 * once in a file, a local association under a prefecture's that exists
 * (in the list or earlier in the file), names within their columns.
 * NULL and the row added to the JSON, else the i18n key with *col.
 */
static const char *
check(struct astate *st, const char *const *cell, int *col)
{
	const char	*kind;
	char		 pref[6];

	*col = 0;
	if ((kind = cme_assoc_kind(cell[0])) == NULL)
		return "cme.err.assoc-code";
	switch (seen(st, cell[0])) {
	case 1:
		return "import.err.duplicate";
	case -1:
		return IMPORT_FAILED;
	}
	snprintf(pref, sizeof(pref), "%.2s000", cell[0]);
	if (strcmp(kind, "local") == 0 &&
	    cme_assoc_find(st->list, pref) == -1 &&
	    (st->seen.data == NULL || strstr(st->seen.data, pref) == NULL))
		return "cme.err.assoc-no-pref";
	*col = 1;
	if (chars(cell[1]) > NAME_JA_MAX)
		return "import.err.too-long";
	*col = 2;
	if (chars(cell[2]) > NAME_EN_MAX)
		return "import.err.too-long";
	if (buf_puts(&st->json, st->n++ ? ",{\"code\":" : "[{\"code\":") ==
	    -1 || buf_json_str(&st->json, cell[0]) == -1 ||
	    buf_printf(&st->json, ",\"pref\":\"%.2s\",\"kind\":\"%s\","
	    "\"ja\":", cell[0], kind) == -1 ||
	    buf_json_str(&st->json, cell[1]) == -1 ||
	    buf_puts(&st->json, ",\"en\":") == -1 ||
	    buf_json_str(&st->json, *cell[2] != '\0' ? cell[2] : cell[1]) ==
	    -1 || buf_puts(&st->json, "}") == -1)
		return IMPORT_FAILED;
	return NULL;
}

static void
astate_free(struct astate *st)
{
	if (st == NULL)
		return;
	buf_free(&st->json);
	buf_free(&st->seen);
	free(st);
}

/* The list once (refcache), not per row. */
static struct astate *
astate_new(struct ctx *c)
{
	struct astate	*st;

	if ((st = calloc(1, sizeof(*st))) == NULL)
		return NULL;
	st->c = c;
	if ((st->list = cme_assocs(c)) == NULL) {
		free(st);
		return NULL;
	}
	return st;
}

/* The JSON closed and written in the caller's transaction.  0, -1. */
static int
astate_put(struct astate *st)
{
	if (st->n == 0)
		return 0;
	if (buf_puts(&st->json, "]") == -1)
		return -1;
	return dbq_cme_assocs_put(st->c->app->db, st->c->tenant->slug,
	    st->json.data);
}

/* ---- the import (import.h) -------------------------------------------- */

static int
imp_begin(struct import_run *r)
{
	struct astate	*st = astate_new(import_ctx(r));

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
	return astate_put(import_state(r)) == -1 ? -1 : 1;
}

static void
imp_end(struct import_run *r)
{
	astate_free(import_state(r));
}

const struct import_spec cme_assoc_import = {
	.name = "cme.assocs", .title = "title.cme-admin-assocs-import",
	.cols = cols, .ncols = NCOLS, .begin = imp_begin, .row = imp_row,
	.commit = imp_commit, .end = imp_end, .back = ADMIN,
	.help = "cme.admin.import-help",
};

/* ---- the list ---------------------------------------------------------- */

static const char *const states[] = {
	"submitted", "returned", "approved", "rejected"
};
#define NSTATES	(sizeof(states) / sizeof(states[0]))

/* Each association's counts as attributes of its node. */
static void
add_counts(xmlNodePtr n, const struct dbres *cnt, const char *code)
{
	size_t	 i, k;

	for (k = 0; k < NSTATES; k++)
		model_attr(n, states[k], "0");
	for (i = 0; i < cnt->nrows; i++) {
		if (strcmp(dbres_get(cnt, i, CN_ASSOC), code) != 0)
			continue;
		for (k = 0; k < NSTATES; k++)
			if (strcmp(dbres_get(cnt, i, CN_STATE), states[k]) ==
			    0)
				model_attr(n, states[k], dbres_get(cnt, i,
				    CN_N));
	}
}

static const char *
pref_name(struct ctx *c, const char *code)
{
	size_t	 i;

	for (i = 0; jp_prefs[i].code != NULL; i++)
		if (strncmp(jp_prefs[i].code, code, 2) == 0)
			return ctx_en(c) ? jp_prefs[i].en : jp_prefs[i].ja;
	return "";
}

/*
 * GET /admin/cme/assocs[?pref=PP&year=YYYY]: the associations (from the
 * cache) and their review counts (one statement).
 */
static enum result
list_get(struct ctx *c)
{
	const struct dbres	*list;
	struct dbres		*cnt = NULL;
	const char		*pref = kv_str(&c->query, "pref");
	const char		*y = kv_str(&c->query, "year");
	const char		*code;
	xmlNodePtr		 l, n, o;
	size_t			 i, shown = 0;
	int			 year = 0;
	enum result		 rc = RES_INTERNAL;

	if (pref != NULL && (strlen(pref) != 2 ||
	    strspn(pref, "0123456789") != 2))
		pref = NULL;
	if (y != NULL && strlen(y) == 4 && strspn(y, "0123456789") == 4)
		year = atoi(y);
	if ((list = cme_assocs(c)) == NULL ||
	    (cnt = dbq_cme_assoc_counts(c->app->db, c->tenant->slug,
	    CME_KIND, year)) == NULL)
		return RES_UNAVAIL;
	if (model_new(c, "cme-admin-assocs") == -1)
		goto out;
	if (kv_str(&c->query, "done") != NULL)
		model_flash(c, "cme.admin.saved", "success");
	l = model_node(c->content, "cme-assocs");
	model_attr(l, "pref", pref != NULL ? pref : "");
	if (year > 0)
		model_attrf(l, "year", "%d", year);
	for (i = 0; jp_prefs[i].code != NULL; i++) {
		o = model_text(l, "pref", ctx_en(c) ? jp_prefs[i].en :
		    jp_prefs[i].ja);
		model_attr(o, "code", jp_prefs[i].code);
	}
	for (i = 0; i < list->nrows; i++) {
		code = dbres_get(list, i, CA_CODE);
		if (pref != NULL && strncmp(code, pref, 2) != 0)
			continue;
		n = model_node(l, "assoc");
		model_attr(n, "code", code);
		model_attr(n, "kind", dbres_get(list, i, CA_KIND));
		model_attr(n, "pref-name", pref_name(c, code));
		model_attr(n, "name", dbres_get(list, i, ctx_en(c) ?
		    CA_NAME_EN : CA_NAME_JA));
		add_counts(n, cnt, code);
		shown++;
	}
	model_attrf(l, "count", "%zu", shown);
	rc = RES_OK;
out:
	dbres_free(cnt);
	return rc;
}

/* ---- one association --------------------------------------------------- */

/* An association's reviewers (CME-7: they see its applications). */
static int
reviewers_model(struct ctx *c, xmlNodePtr n, const char *code)
{
	struct dbres	*r;
	xmlNodePtr	 e;
	char		 scope[16];
	size_t		 i;

	snprintf(scope, sizeof(scope), "assoc:%s", code);
	if ((r = dbq_cme_reviewers(c->app->db, c->tenant->slug, scope)) ==
	    NULL)
		return -1;
	n = model_node(n, "reviewers");
	for (i = 0; i < r->nrows; i++) {
		e = model_node(n, "reviewer");
		model_attr(e, "uid", dbres_get(r, i, CR_UID));
		model_attr(e, "name", dbres_get(r, i, CR_NAME));
		model_attr(e, "member-no", dbres_get(r, i, CR_MEMBER_NO));
	}
	dbres_free(r);
	return 0;
}

static enum result
form_show(struct ctx *c, const char *code, const struct kvlist *vals,
    const struct form_result *res)
{
	xmlNodePtr	 n;
	const char	*done = kv_str(&c->query, "done");
	const char	*err = kv_str(&c->query, "err");

	if (model_new(c, "cme-admin-assoc") == -1)
		return RES_INTERNAL;
	n = model_node(c->content, "cme-assoc");
	model_attr(n, "code", code != NULL ? code : "");
	if (code != NULL && reviewers_model(c, n, code) == -1)
		return RES_UNAVAIL;
	if (done != NULL && strcmp(done, "reviewer") == 0)
		model_flash(c, "cme.admin.saved", "success");
	if (err != NULL && strcmp(err, "reviewer") == 0)
		model_flash(c, "cme.err.reviewer", "error");
	return model_form(c, "cme-admin-assoc", c->path, fields, NCOLS, vals,
	    res, "cme.admin.save") != NULL ? RES_OK : RES_INTERNAL;
}

static const struct field reviewer_fields[] = {
	{ "op", F_TEXT, 1, 6, "cme.admin.reviewers", NULL },
	{ "reviewer_uid", F_TEXT, 1, 64, "cme.admin.reviewer-uid", NULL },
};

/*
 * POST /admin/cme/assocs/<code>/reviewers (op=add|remove): who reviews
 * the association's applications, audited in the same transaction.
 * Only an account holding the reviewers' role is added (the role itself
 * is granted on the member's page, /admin/members/<uid>).
 */
static enum result
reviewers_post(struct ctx *c, const char *code)
{
	struct form_result	 res;
	const char		*op, *uid;
	char			 scope[16], dest[80], detail[96];
	int			 add, n = -1, ok = 0;

	memset(&res, 0, sizeof(res));
	form_validate(reviewer_fields, 2, &c->form, &res);
	op = kv_str(&c->form, "op");
	uid = kv_str(&c->form, "reviewer_uid");
	if (res.nerr > 0 || op == NULL || uid == NULL ||
	    (strcmp(op, "add") != 0 && strcmp(op, "remove") != 0))
		return RES_BADREQ;
	add = strcmp(op, "add") == 0;
	snprintf(scope, sizeof(scope), "assoc:%s", code);
	snprintf(detail, sizeof(detail), "%s %s", op, uid);
	if (db_begin(c->app->db) < 0)
		return RES_UNAVAIL;
	n = add ? dbq_cme_reviewer_add(c->app->db, c->tenant->slug, uid,
	    scope) : dbq_cme_reviewer_del(c->app->db, c->tenant->slug, uid,
	    scope);
	if (n == 1 && audit_log(c->app->db, c->tenant->slug, c->sess.uid,
	    "cme.assoc.reviewer", code, c->remote, detail) > 0)
		ok = 1;
	/* Nothing changed (n 0) is rolled back and said; a failure is 503. */
	if ((db_end(c->app->db, ok) < 0 && n != 0) || n == -1)
		return RES_UNAVAIL;
	snprintf(dest, sizeof(dest), ADMIN "/%s?%s=reviewer", code,
	    ok ? "done" : "err");
	return redirect_to(c, dest);
}

/* The association of the path (/<code>), NULL for /new; -1 unknown. */
static int
path_code(struct ctx *c, const struct dbres *list, const char **code)
{
	const char	*p = c->path + strlen(ADMIN "/");

	*code = NULL;
	if (strcmp(p, "new") == 0)
		return 0;
	if (cme_assoc_find(list, p) == -1)
		return -1;
	*code = p;
	return 0;
}

static enum result
edit_get(struct ctx *c)
{
	const struct dbres	*list;
	struct kvlist		 v = { NULL, 0, 0 };
	const char		*code;
	int			 k;
	enum result		 rc;

	if ((list = cme_assocs(c)) == NULL)
		return RES_UNAVAIL;
	if (path_code(c, list, &code) == -1)
		return RES_NOTFOUND;
	if (code == NULL)
		return form_show(c, NULL, NULL, NULL);
	k = cme_assoc_find(list, code);
	kv_add(&v, "assoc_code", 10, code, strlen(code));
	kv_add(&v, "name_ja", 7, dbres_get(list, (size_t)k, CA_NAME_JA),
	    strlen(dbres_get(list, (size_t)k, CA_NAME_JA)));
	kv_add(&v, "name_en", 7, dbres_get(list, (size_t)k, CA_NAME_EN),
	    strlen(dbres_get(list, (size_t)k, CA_NAME_EN)));
	rc = form_show(c, code, &v, NULL);
	kv_free(&v);
	return rc;
}

/*
 * POST: the row through check(), then the write and its audit line in
 * one transaction.  Editing keeps the path's code: a code is never
 * renumbered (members and applications name it).
 */
static enum result
edit_post(struct ctx *c)
{
	struct form_result	 res;
	struct astate		*st = NULL;
	const char		*cell[NCOLS], *code, *key, *v;
	char			 dest[64];
	size_t			 k;
	int			 col = -1, ok = 0;
	enum result		 rc = RES_UNAVAIL;

	memset(&res, 0, sizeof(res));
	if ((st = astate_new(c)) == NULL)
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
	else if (res.nerr == 0 && cme_assoc_find(st->list, cell[0]) != -1)
		form_error_add(&res, "assoc_code", "cme.err.assoc-exists");
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
	if (astate_put(st) == 0 && audit_log(c->app->db, c->tenant->slug,
	    c->sess.uid, "cme.assoc.save", cell[0], c->remote, cell[1]) > 0)
		ok = 1;
	if (db_end(c->app->db, ok) < 0 || !ok)
		goto out;
	snprintf(dest, sizeof(dest), ADMIN "?done=saved&pref=%.2s", cell[0]);
	rc = redirect_to(c, dest);
out:
	astate_free(st);
	return rc;
}

static const char *reviewers_code(struct ctx *, char *, size_t);

static enum result
sub_get(struct ctx *c)
{
	char	 code[6], dest[48];

	if (strcmp(c->path, ADMIN "/import") == 0)
		return import_page(c, &cme_assoc_import, NULL, c->path);
	/* The reviewers' form posts there; a GET finds them on the page. */
	if (reviewers_code(c, code, sizeof(code)) != NULL) {
		snprintf(dest, sizeof(dest), ADMIN "/%s", code);
		return redirect_to(c, dest);
	}
	return edit_get(c);
}

/* The code of /<code>/reviewers, NULL when the path is not that. */
static const char *
reviewers_code(struct ctx *c, char *code, size_t len)
{
	const char	*p = c->path + strlen(ADMIN "/");
	const struct dbres *list;

	if (strlen(p) != 5 + strlen("/reviewers") ||
	    strcmp(p + 5, "/reviewers") != 0)
		return NULL;
	snprintf(code, len, "%.5s", p);
	if ((list = cme_assocs(c)) == NULL ||
	    cme_assoc_find(list, code) == -1)
		return NULL;
	return code;
}

static enum result
sub_post(struct ctx *c)
{
	char	 code[6];

	if (strcmp(c->path, ADMIN "/import") == 0)
		return import_page(c, &cme_assoc_import, NULL, c->path);
	if (reviewers_code(c, code, sizeof(code)) != NULL)
		return reviewers_post(c, code);
	return edit_post(c);
}

const struct page cme_admin_pages[] = {
	{ .name = "cme-admin-assocs", .methods = M_GET, .path = ADMIN,
	    .flags = STAFF, .get = list_get, .menu = "menu.cme.admin-assocs",
	    .feature = CME_FEATURE, .roles = ROLE_TENANT_ADMIN },
	{ .name = "cme-admin-assoc", .methods = M_GET | M_POST,
	    .path = ADMIN "/", .flags = STAFF | PAGE_PREFIX, .get = sub_get,
	    .post = sub_post, .feature = CME_FEATURE,
	    .roles = ROLE_TENANT_ADMIN, .fields = import_fields,
	    .nfields = IMPORT_NFIELDS },
	{ .name = NULL },
};
