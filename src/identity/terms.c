/*
 * terms.c — terms of use, versioned per tenant (CORE-23).  The latest
 * version is shown to everyone; a signed-in member who has not accepted
 * it is sent here first (gate.c) and accepts with a POST, stored with
 * the version and the time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "ctx.h"
#include "db.h"
#include "dbq.h"
#include "form.h"
#include "session.h"
#include "tenant.h"

static enum result
page_terms_get(struct ctx *c)
{
	struct dbres	*r;
	const char	*body;
	xmlNodePtr	 t, f;
	long long	 v;
	int		 en = strcmp(c->lang, "en") == 0, in;

	in = c->sess.valid && c->sess.stage == SESS_IN;
	if ((r = dbq_terms_latest(c->app->db, c->tenant->slug)) == NULL)
		return RES_UNAVAIL;
	v = r->nrows ? atoll(dbres_get(r, 0, TERMS_COL_VERSION)) : 0;
	if (model_new(c, "terms") == -1) {
		dbres_free(r);
		return RES_INTERNAL;
	}
	t = model_node(c->content, "terms");
	if (r->nrows > 0) {
		model_attr(t, "version", dbres_get(r, 0, TERMS_COL_VERSION));
		model_attr(t, "published", dbres_get(r, 0,
		    TERMS_COL_PUBLISHED));
		if (!en || (body = dbres_get(r, 0, TERMS_COL_BODY_EN)) == NULL)
			body = dbres_get(r, 0, TERMS_COL_BODY_JA);
		model_text(t, "body", body);
		if (in && c->sess.terms_version < v) {
			f = model_node(xmlDocGetRootElement(c->model),
			    "form");
			model_attr(f, "id", "terms");
			model_attr(f, "action", "/terms");
			model_attr(f, "method", "post");
			model_attr(f, "csrf", c->sess.csrf);
			model_attr(f, "submit-key", "btn.agree");
			t = model_node(f, "field");
			model_attr(t, "name", "version");
			model_attr(t, "type", "hidden");
			model_text(t, "value", dbres_get(r, 0,
			    TERMS_COL_VERSION));
			if (local_path(kv_str(&c->query, "next")))
				form_hidden(f, "next",
				    kv_str(&c->query, "next"));
		}
	}
	dbres_free(r);
	return RES_OK;
}

static enum result
page_terms_post(struct ctx *c)
{
	struct dbres	*r;
	long long	 v;
	int		 in;

	in = c->sess.valid && c->sess.stage == SESS_IN;
	if ((r = dbq_terms_latest(c->app->db, c->tenant->slug)) == NULL)
		return RES_UNAVAIL;
	v = r->nrows ? atoll(dbres_get(r, 0, TERMS_COL_VERSION)) : 0;
	/* Only the version shown may be accepted: the form says which. */
	if (!in || r->nrows == 0 || kv_str(&c->form, "version") == NULL ||
	    atoll(kv_str(&c->form, "version")) != v) {
		dbres_free(r);
		return RES_BADREQ;
	}
	dbres_free(r);
	/* The acceptance and its audit line: both or neither. */
	if (db_begin(c->app->db) <= 0 || db_end(c->app->db,
	    dbq_terms_accept(c->app->db, c->tenant->slug, c->sess.uid,
	    v) >= 0 && audit_log(c->app->db, c->tenant->slug,
	    c->sess.uid, "terms.accept", NULL, c->remote, NULL) > 0) < 0)
		return RES_UNAVAIL;
	/* Back to where the gate stopped the member on the way. */
	return redirect_next(c, kv_str(&c->form, "next"), "/");
}

const struct page terms_pages[] = {
	{ .name = "terms", .methods = M_GET | M_POST, .path = "/terms",
	    .flags = PAGE_TENANT | PAGE_ANYSTAGE, .get = page_terms_get,
	    .post = page_terms_post },
	{ .name = NULL },
};
