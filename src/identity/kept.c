/*
 * kept.c — nothing typed is lost (CORE-12).  A POST that arrives after
 * its session expired cannot be trusted (its CSRF token is gone with
 * the session), so it is not acted on: it is stored, the member signs
 * in again, and /kept shows what was typed with a button that sends it
 * again to where it was going — now with a valid token.  Only text
 * fields come back; files must be chosen again, and the page says so.
 */
#include <stdio.h>
#include <string.h>

#include "ctx.h"
#include "db.h"
#include "dbq.h"
#include "session.h"
#include "tenant.h"

/* After sign-in: is there something kept for this browser? */
int
kept_pending(struct ctx *c)
{
	const char	*tok = kv_str(&c->cookies, KEPT_COOKIE);

	if (tok == NULL || strlen(tok) != TOKEN_LEN || c->tenant == NULL)
		return 0;
	return dbq_kept_exists(c->app->db, c->tenant->slug, tok) > 0;
}

/* Show the kept input once, as a form that sends it again. */
static enum result
page_kept(struct ctx *c)
{
	struct kvlist	 saved = { NULL, 0, 0 };
	struct dbres	*r;
	xmlNodePtr	 root, f, fl;
	const char	*tok = kv_str(&c->cookies, KEPT_COOKIE);
	size_t		 i;
	int		 files = 0;

	if (model_new(c, "kept") == -1)
		return RES_INTERNAL;
	if (tok == NULL || strlen(tok) != TOKEN_LEN)
		return RES_OK;		/* nothing kept: the page says so */
	if ((r = dbq_kept_take(c->app->db, c->tenant->slug, tok)) == NULL)
		return RES_UNAVAIL;
	buf_puts(&c->hdrs, "Set-Cookie: " KEPT_COOKIE "=; Path=/; HttpOnly; "
	    "SameSite=Lax; Max-Age=0\r\n");
	if (r->nrows == 1 && local_path(dbres_get(r, 0, 0)) &&
	    request_parse_body(c, dbres_get(r, 0, 2), dbres_len(r, 0, 2),
	    dbres_get(r, 0, 1)) == KV_OK) {
		saved = c->form;
		memset(&c->form, 0, sizeof(c->form));
		root = xmlDocGetRootElement(c->model);
		f = model_node(root, "form");
		model_attr(f, "id", "kept");
		model_attr(f, "action", dbres_get(r, 0, 0));
		model_attr(f, "method", "post");
		model_attr(f, "csrf", c->sess.csrf);
		model_attr(f, "submit-key", "btn.resend");
		for (i = 0; i < saved.n; i++) {
			if (strcmp(saved.kv[i].key, "csrf") == 0)
				continue;
			if (saved.kv[i].filename != NULL) {
				files++;
				continue;
			}
			fl = model_node(f, "field");
			model_attr(fl, "name", saved.kv[i].key);
			model_attr(fl, "type", "hidden");
			model_text(fl, "value", saved.kv[i].val);
			fl = model_node(c->content, "kept-field");
			model_attr(fl, "name", saved.kv[i].key);
			model_text(fl, "value", saved.kv[i].val);
		}
		model_attr(c->content, "path", dbres_get(r, 0, 0));
		if (files > 0)
			model_attr(c->content, "files", "1");
	}
	kv_free(&saved);
	dbres_free(r);
	return RES_OK;
}

const struct page kept_pages[] = {
	{ .name = "kept", .method = "GET", .path = "/kept",
	    .flags = PAGE_TENANT | PAGE_AUTH, .fn = page_kept },
	{ .name = NULL },
};
