/*
 * cert_admin.c — the tenant admins' certificates (issue 9 item 7):
 * /admin/certificates lists and searches them (number, holder, uid, or
 * a code as printed); /admin/certificates/<id> shows one and revokes it
 * with a reason.  The revocation and its audit line are one
 * transaction; from then on /verify says 失効.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "cert.h"
#include "clock.h"
#include "ctx.h"
#include "db.h"
#include "form.h"
#include "session.h"
#include "tenant.h"

#define CERT_ROWS	200
#define ADMIN_PREFIX	"/admin/certificates"

static const struct field revoke_fields[] = {
	{ "reason", F_TEXTAREA, 1, 1000, "cert.field.reason", NULL },
};
static const struct field search_fields[] = {
	{ "q", F_TEXT, 0, 100, "cert.field.q", NULL },
};

/* GET /admin/certificates[?q=…] */
static enum result
page_certs(struct ctx *c)
{
	struct dbres	*r;
	struct kvlist	 empty = { 0 };
	xmlNodePtr	 list, n, f;
	const char	*q = kv_str(&c->query, "q");
	char		 today[16], code[CERT_CODE_LEN + 1];
	int		 is_code;
	size_t		 i;

	if (q == NULL || form_check(search_fields, q, strlen(q)) != NULL)
		q = "";
	/* A code as printed (groups, lower case) is found as stored. */
	is_code = cert_code_normalize(q, code, sizeof(code)) == 0;
	if ((r = dbq_cert_search(c->app->db, c->tenant->slug, q,
	    is_code ? code : NULL, CERT_ROWS)) == NULL)
		return RES_UNAVAIL;
	if (model_new(c, "admin-certificates") == -1) {
		dbres_free(r);
		return RES_INTERNAL;
	}
	f = form_model(xmlDocGetRootElement(c->model), "cert-search",
	    ADMIN_PREFIX, search_fields, 1, *q ? &c->query : &empty, NULL);
	model_attr(f, "method", "get");
	model_attr(f, "submit-key", "btn.search");
	clock_today(today, sizeof(today));
	list = model_node(c->content, "certificates");
	model_attr(list, "q", q);
	for (i = 0; i < r->nrows; i++) {
		n = cert_row_model(list, r, i, today, 1);
		model_attrf(n, "href", ADMIN_PREFIX "/%s",
		    dbres_get(r, i, CC_ID));
	}
	dbres_free(r);
	return RES_OK;
}

/* "/admin/certificates/12": 12; 0 for anything else. */
static long long
admin_path_id(const char *path)
{
	const char	*p = path + strlen(ADMIN_PREFIX "/");
	size_t		 n = strspn(p, "0123456789");

	if (strncmp(path, ADMIN_PREFIX "/", strlen(ADMIN_PREFIX "/")) != 0 ||
	    n == 0 || n > 18 || p[0] == '0' || p[n] != '\0')
		return 0;
	return strtoll(p, NULL, 10);
}

/* One certificate with the revoke form (unless revoked). */
static enum result
show_cert(struct ctx *c, long long id, const struct form_result *res)
{
	struct dbres	*r;
	xmlNodePtr	 f;
	char		 today[16], action[64];
	enum result	 rc = RES_NOTFOUND;

	if ((r = dbq_cert_get(c->app->db, c->tenant->slug, id)) == NULL)
		return RES_UNAVAIL;
	if (r->nrows == 0)
		goto out;
	if (model_new(c, "admin-certificate") == -1) {
		rc = RES_INTERNAL;
		goto out;
	}
	if (kv_str(&c->query, "done") != NULL)
		model_flash(c, "cert.msg.revoked", "success");
	clock_today(today, sizeof(today));
	cert_row_model(c->content, r, 0, today, 1);
	if (dbres_get(r, 0, CC_REVOKED_AT) == NULL) {
		snprintf(action, sizeof(action), ADMIN_PREFIX "/%lld", id);
		f = form_model(xmlDocGetRootElement(c->model), "cert-revoke",
		    action, revoke_fields, 1, res != NULL ? &c->form : NULL,
		    res);
		model_attr(f, "csrf", c->sess.csrf);
		model_attr(f, "submit-key", "cert.btn.revoke");
	}
	rc = RES_OK;
out:
	dbres_free(r);
	return rc;
}

static enum result
page_cert_get(struct ctx *c)
{
	long long	 id = admin_path_id(c->path);

	return id > 0 ? show_cert(c, id, NULL) : RES_NOTFOUND;
}

/* The revocation and its audit line: both or neither.  1, 0, -1. */
static int
revoke(struct ctx *c, long long id, const char *reason)
{
	struct db	*db = c->app->db;
	char		 now[CLOCK_SQL_LEN], obj[32];
	int		 k;

	clock_now_sql(now, sizeof(now));
	snprintf(obj, sizeof(obj), "certificate:%lld", id);
	if (db_begin(db) <= 0)
		return -1;
	if ((k = dbq_cert_revoke(db, c->tenant->slug, id, reason,
	    c->sess.uid, now)) <= 0) {
		(void)db_rollback(db);
		return k;
	}
	return db_end(db, audit_log(db, c->tenant->slug, c->sess.uid,
	    "certificate.revoke", obj, c->remote, reason) > 0) < 0 ? -1 : 1;
}

/* POST /admin/certificates/<id>: 失効させる, with a reason. */
static enum result
page_cert_post(struct ctx *c)
{
	struct form_result	 res;
	long long		 id = admin_path_id(c->path);
	int			 k;

	if (id <= 0)
		return RES_NOTFOUND;
	if (form_validate(revoke_fields, 1, &c->form, &res) == -1)
		return show_cert(c, id, &res);
	if ((k = revoke(c, id, kv_str(&c->form, "reason"))) < 0)
		return RES_UNAVAIL;
	/* Already revoked (another admin, a second click): shown as is. */
	snprintf(c->location, sizeof(c->location), ADMIN_PREFIX "/%lld%s",
	    id, k > 0 ? "?done=revoked" : "");
	return RES_REDIRECT;
}

#define STAFF	(PAGE_TENANT | PAGE_AUTH)

const struct page cert_admin_pages[] = {
	{ .name = "admin-certificates", .methods = M_GET,
	    .path = ADMIN_PREFIX, .flags = STAFF, .get = page_certs,
	    .menu = "menu.admin.certificates", .roles = ROLE_TENANT_ADMIN },
	{ .name = "admin-certificate", .methods = M_GET | M_POST,
	    .path = ADMIN_PREFIX "/", .flags = STAFF | PAGE_PREFIX,
	    .get = page_cert_get, .post = page_cert_post,
	    .roles = ROLE_TENANT_ADMIN, .fields = revoke_fields,
	    .nfields = 1 },
	{ .name = NULL },
};
