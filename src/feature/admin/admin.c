/*
 * admin.c — the tenant admin's console (ADM-1, first part): unlock an
 * account (CORE-6) and read the tenant's audit log (CORE-15).  Every
 * query is bound to the request's tenant; nothing here takes a tenant
 * from input.  Central IT reads every tenant's log on the ops host.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "admin.h"
#include "buf.h"
#include "csv.h"
#include "ctx.h"
#include "db.h"
#include "dbq.h"
#include "directory.h"
#include "form.h"
#include "mail.h"
#include "session.h"
#include "tenant.h"

#define AUDIT_ROWS	200
#define AUDIT_CSV_ROWS	50000	/* one export, to keep a worker bounded */

static const struct field unlock_fields[] = {
	{ "ident", F_TEXT, 1, 254, "field.login", NULL },
};

static enum result
page_admin(struct ctx *c)
{
	return model_new(c, "admin") == -1 ? RES_INTERNAL : RES_OK;
}

/* The unlock and its audit line: both or neither.  1 done, -1 error. */
static int
unlock(struct ctx *c, const char *uid)
{
	struct db	*db = c->app->db;

	if (db_begin(db) <= 0)
		return -1;
	return db_end(db, account_unlock(db, ctx_tkey(c), uid) >= 0 &&
	    audit_log(db, ctx_tkey(c), c->sess.uid, "unlock", uid, c->remote,
	    NULL) > 0);
}

/* The form, or the outcome msg of the last unlock above a fresh one. */
static enum result
show_unlock(struct ctx *c, const char *msg, const struct form_result *rp)
{
	xmlNodePtr		 root, f;

	if (model_new(c, "admin-unlock") == -1)
		return RES_INTERNAL;
	root = xmlDocGetRootElement(c->model);
	if (msg != NULL) {
		model_flash(c, msg, strcmp(msg, "msg.unlocked") == 0 ?
		    "success" : "warning");
	}
	f = form_model(root, "unlock", c->path, unlock_fields, 1,
	    msg ? NULL : &c->form, rp);
	model_attr(f, "csrf", c->sess.csrf);
	model_attr(f, "submit-key", "btn.unlock");
	return RES_OK;
}

static enum result
page_admin_unlock_get(struct ctx *c)
{
	return show_unlock(c, NULL, NULL);
}

static enum result
page_admin_unlock_post(struct ctx *c)
{
	struct form_result	 res;
	struct dir_user		 u;
	int			 found;

	if (form_validate(unlock_fields, 1, &c->form, &res) == -1)
		return show_unlock(c, NULL, &res);
	found = dir_find_login(c->app->dir, c->tenant,
	    kv_str(&c->form, "ident"), &u);
	if (found == -1)
		return RES_UNAVAIL;
	if (found == 1 && unlock(c, u.uid) == -1)
		return RES_UNAVAIL;
	return show_unlock(c, found == 1 ? "msg.unlocked" :
	    "msg.no-such-account", NULL);
}

/*
 * The audit search's filters from the query (ADM-1): actor, object,
 * action (exact, or a prefix ending in '.'), from and to (YYYY-MM-DD,
 * inclusive).  A value too long or a date not a date is dropped.
 */
static void
audit_filter(struct ctx *c, struct adm_audit_filter *f, long long limit)
{
	static const struct {
		const char	*key;
		size_t		 max;
		int		 date;
	} keys[] = {
		{ "actor", 64, 0 }, { "object", 200, 0 },
		{ "action", 64, 0 }, { "from", 10, 1 }, { "to", 10, 1 },
	};
	const char	**dst[] = { &f->actor, &f->object, &f->action,
			    &f->from, &f->to };
	const char	*v;
	size_t		 i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		v = kv_str(&c->query, keys[i].key);
		if (v == NULL || strlen(v) > keys[i].max ||
		    (keys[i].date && *v != '\0' && !valid_date(v)))
			v = "";
		*dst[i] = v;
	}
	f->limit = limit;
}

/* The filters as the page's attributes, so the form shows them again. */
static void
audit_filter_model(xmlNodePtr list, const struct adm_audit_filter *f)
{
	model_attr(list, "actor", f->actor);
	model_attr(list, "object", f->object);
	model_attr(list, "action", f->action);
	model_attr(list, "from", f->from);
	model_attr(list, "to", f->to);
}

/* The newest entries, filtered (CORE-15, ADM-1). */
static enum result
page_admin_audit(struct ctx *c)
{
	struct adm_audit_filter	 f;
	struct dbres	*r;
	xmlNodePtr	 list, e;
	const char	*action = kv_str(&c->query, "action");
	size_t		 i;

	audit_filter(c, &f, AUDIT_ROWS);
	if (action != NULL && (*action == '\0' || strlen(action) > 64))
		action = NULL;
	r = c->ops ? dbq_audit_all(c->app->db, action, AUDIT_ROWS) :
	    dbq_adm_audit(c->app->db, c->tenant->slug, &f);
	if (r == NULL)
		return RES_UNAVAIL;
	if (model_new(c, "admin-audit") == -1) {
		dbres_free(r);
		return RES_INTERNAL;
	}
	list = model_node(c->content, "audit");
	if (!c->ops)
		audit_filter_model(list, &f);
	else if (action != NULL)
		model_attr(list, "action", action);
	for (i = 0; i < r->nrows; i++) {
		e = model_node(list, "entry");
		model_attr(e, "at", dbres_get(r, i, AUDIT_COL_AT));
		model_attr(e, "tenant", dbres_get(r, i, AUDIT_COL_TENANT));
		model_attr(e, "actor", dbres_get(r, i, AUDIT_COL_ACTOR));
		model_attr(e, "action", dbres_get(r, i, AUDIT_COL_ACTION));
		model_attr(e, "object", dbres_get(r, i, AUDIT_COL_OBJECT));
		model_attr(e, "ip", dbres_get(r, i, AUDIT_COL_IP));
		if (dbres_get(r, i, AUDIT_COL_DETAIL) != NULL)
			model_text(e, "detail", dbres_get(r, i,
			    AUDIT_COL_DETAIL));
	}
	dbres_free(r);
	return RES_OK;
}

/*
 * ADM-1: exactly the rows the same filters show, for Excel (BOM, CRLF,
 * RFC 4180 through csv_respond), up to AUDIT_CSV_ROWS.
 */
static enum result
page_admin_audit_csv(struct ctx *c)
{
	static const char *const head[AUDIT_COL__MAX] = {
		"日時 at", "団体 tenant", "操作者 actor", "操作 action",
		"対象 object", "IP", "詳細 detail"
	};
	struct adm_audit_filter	 f;
	struct dbres	*r;
	struct buf	 b;
	size_t		 i, k;
	enum result	 res = RES_INTERNAL;

	memset(&b, 0, sizeof(b));
	audit_filter(c, &f, AUDIT_CSV_ROWS);
	if ((r = dbq_adm_audit(c->app->db, c->tenant->slug, &f)) == NULL)
		return RES_UNAVAIL;
	if (csv_bom(&b) == -1)
		goto out;
	for (k = 0; k < AUDIT_COL__MAX; k++)
		if (csv_cell(&b, head[k]) == -1)
			goto out;
	if (csv_eol(&b) == -1)
		goto out;
	for (i = 0; i < r->nrows; i++) {
		for (k = 0; k < AUDIT_COL__MAX; k++)
			if (csv_cell(&b, dbres_get(r, i, k) ?
			    dbres_get(r, i, k) : "") == -1)
				goto out;
		if (csv_eol(&b) == -1)
			goto out;
	}
	res = csv_respond(c, &b, "audit.csv");
out:
	dbres_free(r);
	buf_free(&b);
	return res;
}

/*
 * CORE-14: what the tenant's members were sent, and a resend button.
 * The bodies are not shown: they may hold temporary passwords.
 */
static enum result
page_admin_outbox_get(struct ctx *c)
{
	/* The columns drawn as attributes; subject and error are text. */
	static const struct {
		enum outbox_list_col	 col;
		const char		*attr;
	} cols[] = {
		{ OUTBOX_LIST_COL_ID, "id" },
		{ OUTBOX_LIST_COL_CREATED, "created" },
		{ OUTBOX_LIST_COL_TEMPLATE, "template" },
		{ OUTBOX_LIST_COL_RCPT, "rcpt" },
		{ OUTBOX_LIST_COL_STATE, "state" },
		{ OUTBOX_LIST_COL_ATTEMPTS, "attempts" },
		{ OUTBOX_LIST_COL_SENT, "sent" },
	};
	struct dbres	*r;
	xmlNodePtr	 list, e;
	const char	*rcpt, *state;
	size_t		 i, k;

	rcpt = kv_str(&c->query, "rcpt");
	if (rcpt == NULL || strlen(rcpt) > MAIL_ADDR_MAX ||
	    strpbrk(rcpt, "%_\\") != NULL)
		rcpt = "";
	state = kv_str(&c->query, "state");
	if (state == NULL || (strcmp(state, "queued") != 0 &&
	    strcmp(state, "sent") != 0 && strcmp(state, "failed") != 0))
		state = "";
	if ((r = dbq_adm_outbox(c->app->db, c->tenant->slug, rcpt, state,
	    AUDIT_ROWS)) == NULL)
		return RES_UNAVAIL;
	if (model_new(c, "admin-outbox") == -1) {
		dbres_free(r);
		return RES_INTERNAL;
	}
	if (kv_str(&c->query, "resent") != NULL) {
		model_flash(c, "msg.resent", "success");
	}
	list = model_node(c->content, "outbox");
	model_attr(list, "csrf", c->sess.csrf);
	model_attr(list, "rcpt", rcpt);
	model_attr(list, "state", state);
	for (i = 0; i < r->nrows; i++) {
		e = model_node(list, "mail");
		for (k = 0; k < sizeof(cols) / sizeof(cols[0]); k++)
			model_attr(e, cols[k].attr,
			    dbres_get(r, i, cols[k].col));
		model_text(e, "subject",
		    dbres_get(r, i, OUTBOX_LIST_COL_SUBJECT));
		if (dbres_get(r, i, OUTBOX_LIST_COL_ERROR) != NULL)
			model_text(e, "error",
			    dbres_get(r, i, OUTBOX_LIST_COL_ERROR));
	}
	dbres_free(r);
	return RES_OK;
}

/* The resend button: the mail is queued again, and audited. */
static enum result
page_admin_outbox_post(struct ctx *c)
{
	const char	*id;
	int		 n;

	id = kv_str(&c->form, "id");
	if (id == NULL || !valid_number(id))
		return RES_BADREQ;
	if (db_begin(c->app->db) <= 0)
		return RES_UNAVAIL;
	if ((n = dbq_outbox_resend(c->app->db, c->tenant->slug,
	    atoll(id))) <= 0) {
		(void)db_rollback(c->app->db);
		return n < 0 ? RES_UNAVAIL : RES_NOTFOUND;
	}
	if (db_end(c->app->db, audit_log(c->app->db, c->tenant->slug,
	    c->sess.uid, "mail.resend", id, c->remote, NULL) > 0) < 0)
		return RES_UNAVAIL;
	snprintf(c->location, sizeof(c->location), "/admin/outbox?resent=%s",
	    id);
	return RES_REDIRECT;
}

const struct page admin_pages[] = {
	{ .name = "admin", .methods = M_GET, .path = "/admin",
	    .flags = PAGE_TENANT | PAGE_AUTH, .get = page_admin,
	    .menu = "menu.admin", .roles = ROLE_TENANT_ADMIN },
	{ .name = "admin-unlock", .methods = M_GET | M_POST,
	    .path = "/admin/unlock", .flags = PAGE_TENANT | PAGE_OPS |
	    PAGE_AUTH, .get = page_admin_unlock_get,
	    .post = page_admin_unlock_post,
	    .roles = ROLE_TENANT_ADMIN | ROLE_CENTRAL_IT,
	    .fields = unlock_fields,
	    .nfields = 1 },
	{ .name = "admin-audit", .methods = M_GET, .path = "/admin/audit",
	    .flags = PAGE_TENANT | PAGE_OPS | PAGE_AUTH,
	    .get = page_admin_audit,
	    .roles = ROLE_TENANT_ADMIN | ROLE_CENTRAL_IT },
	{ .name = "admin-audit-csv", .methods = M_GET,
	    .path = "/admin/audit.csv", .flags = PAGE_TENANT | PAGE_AUTH |
	    PAGE_RAW, .get = page_admin_audit_csv,
	    .roles = ROLE_TENANT_ADMIN },
	{ .name = "admin-outbox", .methods = M_GET | M_POST,
	    .path = "/admin/outbox", .flags = PAGE_TENANT | PAGE_AUTH,
	    .get = page_admin_outbox_get,
	    .post = page_admin_outbox_post,
	    .roles = ROLE_TENANT_ADMIN },
	{ .name = NULL },
};
