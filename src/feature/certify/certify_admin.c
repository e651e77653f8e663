/*
 * certify_admin.c — the society's registries (PAL-12): exam sites,
 * certified facilities (several certification kinds and periods each),
 * supervisors (certification number, kana, period, their account), and
 * the imports of dues and of membership facts (joined, exemptions).
 *
 *   /admin/certify                          the landing
 *   /admin/certify/<reg>                    a registry, searchable
 *   /admin/certify/<reg>/new, /<id>         one row, edited
 *   /admin/certify/<reg>/import             its CSV (import.h)
 *
 * One description per registry (struct registry): its columns, which
 * are at once the CSV's and the form's, one check of a row shared by
 * the import and the form, and one write (a JSON array: the import's
 * rows in one statement, the form's one row the same way).  Windows
 * are the platform's (/admin/offerings).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "buf.h"
#include "clock.h"
#include "ctx.h"
#include "db.h"
#include "feature.h"
#include "form.h"
#include "import.h"
#include "jp.h"
#include "certify.h"
#include "certify_int.h"

#define ADMIN		"/admin/certify"
#define NCOLS_MAX	8

struct rstate;

struct registry {
	const char		*name;		/* URL word */
	const char		*title;		/* i18n key of its pages */
	const struct import_col	*cols;
	const struct field	*fields;	/* the same order as cols */
	size_t			 ncols;
	int			 members;	/* needs member numbers */
	int			 editable;	/* a list and a form */
	const char		*(*check)(struct rstate *,
				    const char *const *, int *);
	int			(*put)(struct db *, const char *,
				    const char *);
	const struct import_spec *spec;
};

/* What a check keeps between rows: the JSON so far, codes seen. */
struct rstate {
	struct ctx		*c;
	const struct registry	*reg;
	struct dbres		*members;	/* member_no → uid */
	struct buf		 json;
	struct buf		 seen;
	size_t			 n;
};

/* ---- pure rules -------------------------------------------------------- */

static const char *const fkinds[] = { "training", "related", "team", NULL };

int
certify_fkind_known(const char *k)
{
	size_t	 i;

	for (i = 0; fkinds[i] != NULL; i++)
		if (strcmp(fkinds[i], k) == 0)
			return 1;
	return 0;
}

/* "2026/4/1" or "2026-04-01" as YYYY-MM-DD in out; -1 if not a date. */
static int
date_norm(const char *s, char *out, size_t len)
{
	int	 y, m, d;
	char	 tail;

	if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 &&
	    sscanf(s, "%4d/%2d/%2d%c", &y, &m, &d, &tail) != 3)
		return -1;
	snprintf(out, len, "%04d-%02d-%02d", y, m, d);
	return valid_date(out) ? 0 : -1;
}

/*
 * "training:2020-04-01:2026-03-31;team:2022-04-01:2027-03-31": each a
 * known kind and a period in order.  NULL, or the i18n key.
 */
const char *
certify_certs_parse(const char *s, struct certify_cert_in *out, size_t *n)
{
	char		 buf[600], *p, *item, *k, *f, *t;
	size_t		 i = 0;

	*n = 0;
	if (strlen(s) >= sizeof(buf))
		return "import.err.too-long";
	snprintf(buf, sizeof(buf), "%s", s);
	for (p = buf; (item = strsep(&p, ";")) != NULL;) {
		if (*item == '\0' && p == NULL && i > 0)
			break;
		if ((k = strsep(&item, ":")) == NULL ||
		    (f = strsep(&item, ":")) == NULL ||
		    (t = strsep(&item, ":")) == NULL || item != NULL)
			return "certify.err.certs";
		if (!certify_fkind_known(k))
			return "certify.err.kind";
		if (i == CERTIFY_CERTS_MAX)
			return "certify.err.certs";
		snprintf(out[i].kind, sizeof(out[i].kind), "%s", k);
		if (date_norm(f, out[i].from, sizeof(out[i].from)) == -1 ||
		    date_norm(t, out[i].to, sizeof(out[i].to)) == -1)
			return "certify.err.date";
		if (strcmp(out[i].from, out[i].to) > 0)
			return "certify.err.period";
		i++;
	}
	*n = i;
	return i > 0 ? NULL : "certify.err.certs";
}

/* A code: letters, digits, '-' and '_'. */
static int
code_ok(const char *s)
{
	return *s != '\0' && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789-_") == strlen(s);
}

static int
flag(const char *s, int dflt)
{
	return *s == '\0' ? dflt : strcmp(s, "1") == 0 ? 1 :
	    strcmp(s, "0") == 0 ? 0 : -1;
}

/* Seen in this file already?  Else remembered.  1, 0, -1. */
static int
seen(struct rstate *st, const char *key)
{
	char	 tag[120];

	snprintf(tag, sizeof(tag), "\n%s\n", key);
	if (st->seen.data != NULL && strstr(st->seen.data, tag) != NULL)
		return 1;
	return buf_puts(&st->seen, st->seen.len ? tag + 1 : tag) == -1 ? -1 :
	    0;
}

static const char *
uid_of(const struct rstate *st, const char *no)
{
	size_t	 i;

	for (i = 0; st->members != NULL && i < st->members->nrows; i++)
		if (strcmp(dbres_get(st->members, i, MEMNO_COL_NO), no) == 0)
			return dbres_get(st->members, i, MEMNO_COL_UID);
	return NULL;
}

static int
obj_start(struct rstate *st)
{
	return buf_puts(&st->json, st->n++ ? ",{" : "[{");
}

static void
kv_json(struct rstate *st, const char *k, const char *v, int last)
{
	buf_printf(&st->json, "\"%s\":", k);
	buf_json_str(&st->json, v);
	buf_puts(&st->json, last ? "}" : ",");
}

/* ---- the registries ---------------------------------------------------- */

static const struct import_col site_cols[] = {
	{ "会場コード", "code", 1 }, { "会場名", "name", 1 },
	{ "表示順", "sort", 0 }, { "受付中", "active", 0 },
};
static const struct field site_fields[] = {
	{ "site_code", F_TEXT, 1, 16, "certify.site.code", NULL },
	{ "name", F_TEXT, 1, 100, "certify.site.name", NULL },
	{ "sort", F_TEXT, 0, 6, "certify.site.sort", NULL },
	{ "active", F_TEXT, 0, 1, "certify.f.active", NULL },
};

static const char *
site_check(struct rstate *st, const char *const *cell, int *col)
{
	int	 act;

	*col = 0;
	if (!code_ok(cell[0]) || strlen(cell[0]) > 16)
		return "import.err.value";
	if (seen(st, cell[0]) != 0)
		return "import.err.duplicate";
	*col = 1;
	if (strlen(cell[1]) > 300)
		return "import.err.too-long";
	*col = 2;
	if (*cell[2] != '\0' && (!valid_number(cell[2]) ||
	    strlen(cell[2]) > 6))
		return "import.err.number";
	*col = 3;
	if ((act = flag(cell[3], 1)) < 0)
		return "certify.err.flag";
	obj_start(st);
	kv_json(st, "code", cell[0], 0);
	kv_json(st, "name", cell[1], 0);
	buf_printf(&st->json, "\"sort\":%d,\"active\":%d}", atoi(cell[2]),
	    act);
	return NULL;
}

static const struct import_col fac_cols[] = {
	{ "施設番号", "code", 1 }, { "施設名", "name", 1 },
	{ "ふりがな", "kana", 0 }, { "都道府県", "prefecture", 0 },
	{ "認定", "certifications", 1 },
};
static const struct field fac_fields[] = {
	{ "fac_code", F_TEXT, 1, 16, "certify.fac.code", NULL },
	{ "name", F_TEXT, 1, 200, "certify.fac.name", NULL },
	{ "kana", F_TEXT, 0, 200, "certify.f.kana", NULL },
	{ "pref", F_TEXT, 0, 10, "certify.f.pref", NULL },
	{ "certs", F_TEXT, 1, 500, "certify.f.certs", NULL },
};

/* "13" or "東京都" as a prefecture code; "" allowed. */
static const char *
pref_code(const char *s)
{
	size_t	 i;

	if (*s == '\0')
		return "";
	for (i = 0; jp_prefs[i].code != NULL; i++)
		if (strcmp(jp_prefs[i].code, s) == 0 ||
		    strcmp(jp_prefs[i].ja, s) == 0)
			return jp_prefs[i].code;
	return NULL;
}

static const char *
fac_check(struct rstate *st, const char *const *cell, int *col)
{
	struct certify_cert_in	 cs[CERTIFY_CERTS_MAX];
	const char		*k, *pref;
	size_t			 n, i;

	*col = 0;
	if (!code_ok(cell[0]) || strlen(cell[0]) > 16)
		return "import.err.value";
	if (seen(st, cell[0]) != 0)
		return "import.err.duplicate";
	*col = 1;
	if (strlen(cell[1]) > 600)
		return "import.err.too-long";
	*col = 2;
	if (strlen(cell[2]) > 600)
		return "import.err.too-long";
	*col = 3;
	if ((pref = pref_code(cell[3])) == NULL)
		return "import.err.value";
	*col = 4;
	if ((k = certify_certs_parse(cell[4], cs, &n)) != NULL)
		return k;
	obj_start(st);
	kv_json(st, "code", cell[0], 0);
	kv_json(st, "name", cell[1], 0);
	kv_json(st, "kana", cell[2], 0);
	kv_json(st, "pref", pref, 0);
	buf_puts(&st->json, "\"certs\":[");
	for (i = 0; i < n; i++)
		buf_printf(&st->json, "%s{\"kind\":\"%s\",\"from\":\"%s\","
		    "\"to\":\"%s\"}", i ? "," : "", cs[i].kind, cs[i].from,
		    cs[i].to);
	buf_puts(&st->json, "]}");
	return NULL;
}

static const struct import_col sup_cols[] = {
	{ "認定番号", "number", 1 }, { "氏名", "name", 1 },
	{ "ふりがな", "kana", 1 }, { "会員番号", "member", 0 },
	{ "認定開始日", "from", 1 }, { "認定終了日", "to", 1 },
};
static const struct field sup_fields[] = {
	{ "number", F_TEXT, 1, 32, "certify.f.number", NULL },
	{ "name", F_TEXT, 1, 100, "certify.sup.name", NULL },
	{ "kana", F_TEXT, 1, 100, "certify.sup.kana", NULL },
	{ "member", F_TEXT, 0, 32, "certify.f.uid", NULL },
	{ "from", F_TEXT, 1, 10, "certify.f.from", NULL },
	{ "to", F_TEXT, 1, 10, "certify.f.to", NULL },
};

static const char *
sup_check(struct rstate *st, const char *const *cell, int *col)
{
	const char	*uid = "";
	char		 f[11], t[11];

	*col = 0;
	if (!code_ok(cell[0]) || strlen(cell[0]) > 32)
		return "import.err.value";
	if (seen(st, cell[0]) != 0)
		return "import.err.duplicate";
	*col = 1;
	if (strlen(cell[1]) > 300)
		return "import.err.too-long";
	*col = 2;
	if (strlen(cell[2]) > 300)
		return "import.err.too-long";
	*col = 3;
	if (*cell[3] != '\0' && (uid = uid_of(st, cell[3])) == NULL)
		return "import.err.unknown-member";
	*col = 4;
	if (date_norm(cell[4], f, sizeof(f)) == -1)
		return "import.err.date";
	*col = 5;
	if (date_norm(cell[5], t, sizeof(t)) == -1)
		return "import.err.date";
	if (strcmp(f, t) > 0)
		return "certify.err.period";
	obj_start(st);
	kv_json(st, "number", cell[0], 0);
	kv_json(st, "name", cell[1], 0);
	kv_json(st, "kana", cell[2], 0);
	kv_json(st, "uid", uid, 0);
	kv_json(st, "from", f, 0);
	kv_json(st, "to", t, 1);
	return NULL;
}

static const struct import_col dues_cols[] = {
	{ "会員番号", "member", 1 }, { "年度", "fiscal_year", 1 },
	{ "納入日", "paid_on", 1 }, { "金額", "amount", 0 },
};
static const struct field dues_fields[] = {
	{ "member", F_TEXT, 1, 32, "certify.f.member", NULL },
	{ "fy", F_TEXT, 1, 4, "certify.f.fy", NULL },
	{ "paid", F_TEXT, 1, 10, "certify.f.paid-on", NULL },
	{ "amount", F_TEXT, 0, 9, "certify.f.amount", NULL },
};

static const char *
dues_check(struct rstate *st, const char *const *cell, int *col)
{
	const char	*uid;
	char		 d[11], key[80];
	int		 fy;

	*col = 0;
	if ((uid = uid_of(st, cell[0])) == NULL)
		return "import.err.unknown-member";
	*col = 1;
	if (strlen(cell[1]) != 4 || !valid_number(cell[1]) ||
	    (fy = atoi(cell[1])) < 1990 || fy > 2100)
		return "import.err.number";
	snprintf(key, sizeof(key), "%s/%d", cell[0], fy);
	if (seen(st, key) != 0)
		return "import.err.duplicate";
	*col = 2;
	if (date_norm(cell[2], d, sizeof(d)) == -1)
		return "import.err.date";
	*col = 3;
	if (*cell[3] != '\0' && (!valid_number(cell[3]) ||
	    strlen(cell[3]) > 9))
		return "import.err.number";
	obj_start(st);
	kv_json(st, "uid", uid, 0);
	kv_json(st, "paid", d, 0);
	buf_printf(&st->json, "\"fy\":%d,\"amount\":%d}", fy, atoi(cell[3]));
	return NULL;
}

static const struct import_col memb_cols[] = {
	{ "会員番号", "member", 1 }, { "入会日", "joined_on", 1 },
	{ "症例報告書免除", "case_exempt", 0 },
	{ "筆記試験免除", "exam_exempt", 0 },
};
static const struct field memb_fields[] = {
	{ "member", F_TEXT, 1, 32, "certify.f.member", NULL },
	{ "joined", F_TEXT, 1, 10, "certify.f.joined", NULL },
	{ "case", F_TEXT, 0, 1, "certify.f.case-exempt", NULL },
	{ "exam", F_TEXT, 0, 1, "certify.f.exam-exempt", NULL },
};

static const char *
memb_check(struct rstate *st, const char *const *cell, int *col)
{
	const char	*uid;
	char		 d[11];
	int		 ce, ee;

	*col = 0;
	if ((uid = uid_of(st, cell[0])) == NULL)
		return "import.err.unknown-member";
	if (seen(st, cell[0]) != 0)
		return "import.err.duplicate";
	*col = 1;
	if (date_norm(cell[1], d, sizeof(d)) == -1)
		return "import.err.date";
	*col = 2;
	if ((ce = flag(cell[2], 0)) < 0)
		return "certify.err.flag";
	*col = 3;
	if ((ee = flag(cell[3], 0)) < 0)
		return "certify.err.flag";
	obj_start(st);
	kv_json(st, "uid", uid, 0);
	kv_json(st, "joined", d, 0);
	buf_printf(&st->json, "\"case\":%d,\"exam\":%d}", ce, ee);
	return NULL;
}

/* ---- the import (import.h) -------------------------------------------- */

static void
rstate_free(struct rstate *st)
{
	if (st == NULL)
		return;
	dbres_free(st->members);
	buf_free(&st->json);
	buf_free(&st->seen);
	free(st);
}

static struct rstate *
rstate_new(struct ctx *c, const struct registry *reg)
{
	struct rstate	*st;

	if ((st = calloc(1, sizeof(*st))) == NULL)
		return NULL;
	st->c = c;
	st->reg = reg;
	/* Reference data once, not per row. */
	if (reg->members && (st->members = dbq_member_numbers(c->app->db,
	    c->tenant->slug)) == NULL) {
		free(st);
		return NULL;
	}
	return st;
}

static int
imp_begin(struct import_run *r)
{
	struct rstate	*st = rstate_new(import_ctx(r), import_arg(r));

	if (st == NULL)
		return -1;
	import_set_state(r, st);
	return 1;
}

static const char *
imp_row(struct import_run *r, const char *const *cell, int *col,
    const char **value)
{
	struct rstate	*st = import_state(r);

	(void)value;
	return st->reg->check(st, cell, col);
}

static int
imp_commit(struct import_run *r)
{
	struct rstate	*st = import_state(r);
	struct ctx	*c = import_ctx(r);

	if (st->n == 0)
		return 1;
	if (buf_puts(&st->json, "]") == -1)
		return -1;
	return st->reg->put(c->app->db, c->tenant->slug, st->json.data) < 0 ?
	    -1 : 1;
}

static void
imp_end(struct import_run *r)
{
	rstate_free(import_state(r));
}

#define SPEC(nm, cs, bk) { .name = "certify." nm, \
	.title = "title.certify-import-" nm, .cols = cs, \
	.ncols = sizeof(cs) / sizeof(cs[0]), .begin = imp_begin, \
	.row = imp_row, .commit = imp_commit, .end = imp_end, \
	.back = bk }

static const struct import_spec specs[] = {
	SPEC("sites", site_cols, ADMIN "/sites"),
	SPEC("facilities", fac_cols, ADMIN "/facilities"),
	SPEC("supervisors", sup_cols, ADMIN "/supervisors"),
	SPEC("dues", dues_cols, ADMIN),
	SPEC("members", memb_cols, ADMIN),
};

#define N(a)	(sizeof(a) / sizeof(a[0]))
static const struct registry registries[] = {
	{ "sites", "sites", site_cols, site_fields, N(site_cols), 0, 1,
	    site_check, dbq_sites_put, &specs[0] },
	{ "facilities", "facilities", fac_cols, fac_fields, N(fac_cols), 0, 1,
	    fac_check, dbq_facilities_put, &specs[1] },
	{ "supervisors", "supervisors", sup_cols, sup_fields, N(sup_cols), 1,
	    1, sup_check, dbq_supervisors_put, &specs[2] },
	{ "dues", "dues", dues_cols, dues_fields, N(dues_cols), 1, 0,
	    dues_check, dbq_dues_put, &specs[3] },
	{ "members", "members", memb_cols, memb_fields, N(memb_cols), 1, 0,
	    memb_check, dbq_memberships_put, &specs[4] },
};

static const struct registry *
registry_find(const char *name, size_t len)
{
	size_t	 i;

	for (i = 0; i < N(registries); i++)
		if (strlen(registries[i].name) == len &&
		    strncmp(registries[i].name, name, len) == 0)
			return &registries[i];
	return NULL;
}

/* A registry's import and its argument, by name (unit tests). */
const struct import_spec *
certify_import_spec(const char *name, void **arg)
{
	const struct registry	*reg = registry_find(name, strlen(name));

	*arg = (void *)(uintptr_t)reg;
	return reg != NULL ? reg->spec : NULL;
}

/* ---- the pages --------------------------------------------------------- */

static enum result
page_landing(struct ctx *c)
{
	xmlNodePtr	 n, r;
	size_t		 i;

	if (model_new(c, "certify-admin") == -1)
		return RES_INTERNAL;
	n = model_node(c->content, "certify");
	for (i = 0; i < N(registries); i++) {
		r = model_node(n, "registry");
		model_attr(r, "name", registries[i].name);
		if (registries[i].editable)
			model_attr(r, "editable", "1");
	}
	return RES_OK;
}

/* The list: heads (the fields' keys), then rows of cells. */
static enum result
show_list(struct ctx *c, const struct registry *reg)
{
	struct dbres	*rs;
	const char	*q = kv_str(&c->query, "q");
	xmlNodePtr	 n, l, row;
	size_t		 i, k;
	enum result	 rc = RES_INTERNAL;

	if ((rs = dbq_registry(c->app->db, c->tenant->slug, reg->name, 0,
	    q)) == NULL)
		return RES_UNAVAIL;
	if (model_new(c, "certify-admin-list") == -1)
		goto out;
	if (kv_str(&c->query, "done") != NULL)
		model_flash(c, "certify.admin.saved", "success");
	n = model_node(c->content, "certify");
	model_attr(n, "reg", reg->name);
	model_attr(n, "q", q != NULL ? q : "");
	l = model_node(n, "registry");
	model_attrf(l, "count", "%zu", rs->nrows);
	for (k = 0; k < reg->ncols; k++)
		model_attr(model_node(l, "head"), "key", reg->fields[k].key);
	for (i = 0; i < rs->nrows; i++) {
		row = model_node(l, "row");
		model_attr(row, "id", dbres_get(rs, i, 0));
		for (k = 1; k < rs->ncols; k++)
			model_text(row, "cell", dbres_get(rs, i, k));
	}
	rc = RES_OK;
out:
	dbres_free(rs);
	return rc;
}

static enum result
show_form(struct ctx *c, const struct registry *reg, const char *action,
    const struct kvlist *vals, const struct form_result *res)
{
	xmlNodePtr	 n;

	if (model_new(c, "certify-admin-edit") == -1)
		return RES_INTERNAL;
	n = model_node(c->content, "certify");
	model_attr(n, "reg", reg->name);
	return model_form(c, "certify-admin", action, reg->fields,
	    reg->ncols, vals, res, "btn.save") != NULL ? RES_OK :
	    RES_INTERNAL;
}

/* One stored row as the form's values (id > 0), 404 when none. */
static enum result
edit_get(struct ctx *c, const struct registry *reg, long long id)
{
	struct kvlist	 v = { NULL, 0, 0 };
	struct dbres	*rs;
	const char	*s;
	size_t		 k;
	enum result	 rc;

	if (id == 0)
		return show_form(c, reg, c->path, NULL, NULL);
	if ((rs = dbq_registry(c->app->db, c->tenant->slug, reg->name, id,
	    NULL)) == NULL)
		return RES_UNAVAIL;
	if (rs->nrows != 1) {
		dbres_free(rs);
		return RES_NOTFOUND;
	}
	for (k = 0; k < reg->ncols; k++) {
		s = dbres_get(rs, 0, k + 1);
		kv_add(&v, reg->fields[k].name, strlen(reg->fields[k].name),
		    s != NULL ? s : "", s != NULL ? strlen(s) : 0);
	}
	rc = show_form(c, reg, c->path, &v, NULL);
	kv_free(&v);
	dbres_free(rs);
	return rc;
}

/* The form's row through the registry's check, then one write. */
static enum result
edit_post(struct ctx *c, const struct registry *reg)
{
	struct form_result	 res;
	struct rstate		*st;
	const char		*cell[NCOLS_MAX], *key, *v;
	char			 dest[128];
	size_t			 k;
	int			 col = -1, ok = 0;
	enum result		 rc = RES_UNAVAIL;

	memset(&res, 0, sizeof(res));
	form_validate(reg->fields, reg->ncols, &c->form, &res);
	if (res.nerr > 0)
		return show_form(c, reg, c->path, &c->form, &res);
	for (k = 0; k < reg->ncols; k++)
		cell[k] = (v = kv_str(&c->form, reg->fields[k].name)) != NULL ?
		    v : "";
	if ((st = rstate_new(c, reg)) == NULL)
		return RES_UNAVAIL;
	if ((key = reg->check(st, cell, &col)) != NULL) {
		form_error_add(&res, reg->fields[col >= 0 ? col : 0].name,
		    key);
		rc = show_form(c, reg, c->path, &c->form, &res);
		goto out;
	}
	buf_puts(&st->json, "]");
	if (db_begin(c->app->db) < 0)
		goto out;
	if (reg->put(c->app->db, c->tenant->slug, st->json.data) >= 0 &&
	    audit_log(c->app->db, c->tenant->slug, c->sess.uid,
	    "certify.registry.save", reg->name, c->remote, cell[0]) >= 0)
		ok = 1;
	if (db_end(c->app->db, ok) < 0 || !ok)
		goto out;
	snprintf(dest, sizeof(dest), ADMIN "/%s?done=saved", reg->name);
	rc = redirect_to(c, dest);
out:
	rstate_free(st);
	return rc;
}

/* /admin/certify/<reg>[/new|/<id>|/import] */
static enum result
route(struct ctx *c, int post)
{
	const struct registry	*reg;
	const char		*p = c->path + strlen(ADMIN "/"), *rest;
	char			 self[96];
	long long		 id = 0;

	rest = strchr(p, '/');
	if ((reg = registry_find(p, rest != NULL ? (size_t)(rest - p) :
	    strlen(p))) == NULL)
		return RES_NOTFOUND;
	if (rest != NULL && strcmp(rest, "/import") == 0) {
		snprintf(self, sizeof(self), ADMIN "/%s/import", reg->name);
		return import_page(c, reg->spec, (void *)(uintptr_t)reg, self);
	}
	if (!reg->editable)
		return RES_NOTFOUND;
	if (rest == NULL)
		return post ? RES_METHOD : show_list(c, reg);
	if (strcmp(rest, "/new") != 0) {
		if (!valid_number(rest + 1) || strlen(rest + 1) > 15 ||
		    (id = atoll(rest + 1)) <= 0)
			return RES_NOTFOUND;
		if (post) {
			struct dbres *rs = dbq_registry(c->app->db,
			    c->tenant->slug, reg->name, id, NULL);
			size_t found = rs != NULL ? rs->nrows : 0;

			dbres_free(rs);
			if (found != 1)
				return rs == NULL ? RES_UNAVAIL : RES_NOTFOUND;
		}
	}
	return post ? edit_post(c, reg) : edit_get(c, reg, id);
}

static enum result
page_get(struct ctx *c)
{
	return route(c, 0);
}

static enum result
page_post(struct ctx *c)
{
	return route(c, 1);
}

const struct page certify_admin_pages[] = {
	{ .name = "certify-admin", .methods = M_GET, .path = ADMIN,
	    .flags = PAGE_TENANT | PAGE_AUTH, .get = page_landing,
	    .menu = "menu.certify.admin", .feature = CERTIFY_FEATURE,
	    .roles = ROLE_TENANT_ADMIN },
	{ .name = "certify-admin-reg", .methods = M_GET | M_POST,
	    .path = ADMIN "/", .flags = PAGE_TENANT | PAGE_AUTH | PAGE_PREFIX,
	    .get = page_get, .post = page_post, .feature = CERTIFY_FEATURE,
	    .roles = ROLE_TENANT_ADMIN, .fields = import_fields,
	    .nfields = IMPORT_NFIELDS },
	{ .name = NULL },
};
