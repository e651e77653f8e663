/*
 * kept.c — nothing typed is lost (CORE-12), and nothing typed reaches
 * the wrong person (CORE-17).
 *
 * A POST without its session's CSRF token is never acted on (CORE-11).
 * What it carried comes back one of two ways:
 *
 *  - A page with a form of its own shows that form again, under a
 *    valid token, with everything typed in it but the secrets, and
 *    「画面の有効期限が切れました。もう一度送信してください。」
 *    (gate.c runs the handler as a GET, core/refused.c refills it).
 *  - A member's POST whose session has expired, or that went to a page
 *    with no form of its own (/account/lang), is kept for that member
 *    — the (tenant, uid) of the session — and offered back at /kept
 *    after signing in again, as a form that sends it again.  Whoever
 *    else signs in on the same browser sees nothing of it.
 *
 * Secret fields (form_secret(): passwords, TOTP and recovery codes,
 * tokens) are never kept nor shown again: their names are, so the page
 * asks for them next to where they go.  Files are not kept either; the
 * page says so.  A member has at most KEPT_PER_MEMBER kept POSTs, each
 * at most KEPT_MAX_BODY bytes, for KEPT_HOURS hours (housekeep.c).
 */
#include <stdio.h>
#include <string.h>

#include "ctx.h"
#include "db.h"
#include "dbq.h"
#include "form.h"
#include "session.h"
#include "tenant.h"

int
kept_pending(struct ctx *c)
{
	if (c->tenant == NULL || !c->sess.valid || c->sess.uid[0] == '\0')
		return 0;
	return dbq_kept_exists(c->app->db, c->tenant->slug, c->sess.uid,
	    KEPT_HOURS) > 0;
}

static const struct field *
decl_in(const struct page *pg, const char *name)
{
	size_t	 i;

	for (i = 0; pg->fields != NULL && i < pg->nfields; i++)
		if (strcmp(pg->fields[i].name, name) == 0)
			return &pg->fields[i];
	return NULL;
}

/*
 * The declaration of field name: in the form of the page at path, else
 * in any declared form (a name means one thing across the portal: an
 * email is an email), else NULL — a field nobody types.
 */
static const struct field *
decl_of(const struct ctx *c, const char *path, const char *name)
{
	const struct page	*pg;
	const struct field	*d = NULL;
	size_t			 i;

	if (page_lookup("POST", path, c->ops, c->tenant, &pg) == PM_FOUND &&
	    (d = decl_in(pg, name)) != NULL)
		goto out;
	for (i = 0; page_tables[i] != NULL; i++)
		for (pg = page_tables[i]; pg->name != NULL; pg++)
			if ((d = decl_in(pg, name)) != NULL)
				goto out;
out:
	return d;
}

/*
 * One kept POST: under content, <kept n path files> listing the typed
 * values by their labels (fields the form does not declare are not
 * typed by anyone: they go along unlisted); at the root, form kept-n
 * carrying them, with an input for each secret to type again.
 */
static int
kept_model(struct ctx *c, size_t n, const char *path, const char *raw,
    size_t rawlen, const char *secrets, int files)
{
	struct kvlist		 saved = { NULL, 0, 0 };
	const struct field	*d;
	xmlNodePtr		 k, f, fl;
	char			 id[32], name[64];
	const char		*p;
	size_t			 i, len;
	int			 rc = -1;

	if (!local_path(path) || request_parse_body(c, raw, rawlen,
	    "application/x-www-form-urlencoded") != KV_OK)
		goto out;
	saved = c->form;
	memset(&c->form, 0, sizeof(c->form));
	snprintf(id, sizeof(id), "kept-%zu", n);
	k = model_node(c->content, "kept");
	model_attrf(k, "n", "%zu", n);
	model_attr(k, "path", path);
	if (files)
		model_attr(k, "files", "1");
	f = model_node(xmlDocGetRootElement(c->model), "form");
	model_attr(f, "id", id);
	model_attr(f, "action", path);
	model_attr(f, "method", "post");
	model_attr(f, "csrf", c->sess.csrf);
	model_attr(f, "submit-key", "btn.resend");
	for (i = 0; i < saved.n; i++) {
		/* Kept before this rule, or sent by hand: still not shown. */
		if (form_secret(saved.kv[i].key))
			continue;
		form_hidden(f, saved.kv[i].key, saved.kv[i].val);
		if ((d = decl_of(c, path, saved.kv[i].key)) == NULL)
			continue;
		fl = model_node(k, "kept-field");
		model_attr(fl, "name", saved.kv[i].key);
		model_attr(fl, "key", d->key);
		model_text(fl, "value", saved.kv[i].val);
	}
	for (p = secrets; *p != '\0'; p += len + (p[len] == ',')) {
		len = strcspn(p, ",");
		if (len == 0 || len >= sizeof(name))
			continue;
		memcpy(name, p, len);
		name[len] = '\0';
		if (strcmp(name, "csrf") == 0)
			continue;
		d = decl_of(c, path, name);
		fl = model_node(f, "field");
		model_attr(fl, "name", name);
		model_attr(fl, "type", d == NULL || d->type == F_PASSWORD ?
		    "password" : "text");
		model_attr(fl, "key", d != NULL ? d->key : "field.password");
		model_attr(fl, "required", "1");
		model_attr(fl, "retype", "secret");
	}
	rc = 0;
out:
	kv_free(&saved);
	return rc;
}

/* Show what was kept for this member, once, as forms that send it again. */
static enum result
page_kept(struct ctx *c)
{
	struct dbres	*r;
	size_t		 i;

	if (model_new(c, "kept") == -1)
		return RES_INTERNAL;
	if ((r = dbq_kept_take(c->app->db, c->tenant->slug, c->sess.uid,
	    KEPT_HOURS)) == NULL)
		return RES_UNAVAIL;
	for (i = 0; i < r->nrows; i++)
		(void)kept_model(c, i + 1, dbres_get(r, i, KEPT_COL_PATH),
		    dbres_get(r, i, KEPT_COL_BODY),
		    dbres_len(r, i, KEPT_COL_BODY),
		    dbres_get(r, i, KEPT_COL_SECRETS),
		    dbres_get(r, i, KEPT_COL_FILES)[0] == '1');
	dbres_free(r);
	return RES_OK;
}

/* ---- a refused POST's form, shown again ------------------------------ */

const struct page kept_pages[] = {
	{ .name = "kept", .methods = M_GET, .path = "/kept",
	    .flags = PAGE_TENANT | PAGE_AUTH, .get = page_kept },
	{ .name = NULL },
};
