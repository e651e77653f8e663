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
 *    (gate.c runs the handler as a GET, kept_reshow() refills it).
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

#define KEPT_MAX_BODY	(64 * 1024)	/* urlencoded, secrets left out */
#define KEPT_MAX_NAMES	255		/* kept_post.secrets */

/* application/x-www-form-urlencoded, as request_parse_body() reads it. */
static int
enc(struct buf *b, const char *s, size_t len)
{
	static const char	 hex[] = "0123456789ABCDEF";
	unsigned char		 ch;
	char			 e[3];
	size_t			 i;

	for (i = 0; i < len; i++) {
		ch = (unsigned char)s[i];
		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' ||
		    ch == '.' || ch == '~') {
			if (buf_append(b, s + i, 1) == -1)
				return -1;
			continue;
		}
		e[0] = '%';
		e[1] = hex[ch >> 4];
		e[2] = hex[ch & 0xf];
		if (buf_append(b, e, 3) == -1)
			return -1;
	}
	return 0;
}

/*
 * What of a form may be kept: its text fields but the secrets, whose
 * names go to names (comma list); files are counted.  0, or -1 when
 * it is too much to keep.
 */
static int
kept_body(const struct kvlist *in, struct buf *body, struct buf *names,
    int *files)
{
	const struct kv	*e;
	size_t		 i;

	*files = 0;
	for (i = 0; i < in->n; i++) {
		e = &in->kv[i];
		if (e->filename != NULL) {
			(*files)++;
			continue;
		}
		if (strcmp(e->key, "csrf") == 0)
			continue;
		if (form_secret(e->key)) {
			if (e->vlen == 0 || word_in_list(names->data ?
			    names->data : "", e->key, ','))
				continue;
			if (names->len + strlen(e->key) + 1 > KEPT_MAX_NAMES ||
			    (names->len > 0 && buf_puts(names, ",") == -1) ||
			    buf_puts(names, e->key) == -1)
				return -1;
			continue;
		}
		if ((body->len > 0 && buf_puts(body, "&") == -1) ||
		    enc(body, e->key, strlen(e->key)) == -1 ||
		    buf_puts(body, "=") == -1 ||
		    enc(body, e->val, e->vlen) == -1 ||
		    body->len > KEPT_MAX_BODY)
			return -1;
	}
	return 0;
}

/*
 * Keep the refused POST for its member: the one signed in now (a page
 * without a form of its own), or the one whose session has expired
 * (then sign in first).  Anybody can send a POST with a made-up
 * cookie: a cookie that was not a signed-in member's here is refused.
 */
enum result
kept_store(struct ctx *c)
{
	struct buf	 body = { NULL, 0, 0 }, names = { NULL, 0, 0 };
	char		 uid[65];
	const char	*next;
	int		 files, rc;
	enum result	 r = RES_FORBIDDEN;

	if (c->tenant == NULL)
		goto out;
	if (c->sess.valid && c->sess.stage == SESS_IN) {
		snprintf(uid, sizeof(uid), "%s", c->sess.uid);
		next = "/kept";
	} else if (!c->sess.valid) {
		rc = dbq_session_was_member(c->app->db, c->tenant->slug,
		    kv_str(&c->cookies, SESS_COOKIE), uid, sizeof(uid));
		if (rc != 1) {
			r = rc == -1 ? RES_UNAVAIL : RES_FORBIDDEN;
			goto out;
		}
		next = "/login?next=/kept";
	} else
		goto out;
	if (kept_body(&c->form, &body, &names, &files) == -1) {
		r = RES_TOOLARGE;
		goto out;
	}
	/*
	 * Nothing typed (a logout, "sign out other sessions"): nothing to
	 * lose, nothing to send again.  Signed out already, or refused.
	 */
	if (body.len == 0 && names.len == 0 && files == 0) {
		r = c->sess.valid ? RES_FORBIDDEN : redirect_to(c, "/login");
		goto out;
	}
	if (dbq_kept_put(c->app->db, c->tenant->slug, uid, c->path,
	    body.data ? body.data : "", body.len, names.data ? names.data : "",
	    files, KEPT_PER_MEMBER) <= 0) {
		r = RES_UNAVAIL;
		goto out;
	}
	snprintf(c->location, sizeof(c->location), "%s", next);
	r = RES_REDIRECT;
out:
	buf_free(&body);
	buf_free(&names);
	return r;
}

/* After sign-in: is something kept for this member? */
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

static int
is_elem(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

static int
prop_is(xmlNodePtr n, const char *prop, const char *val)
{
	xmlChar	*v = xmlGetProp(n, (const xmlChar *)prop);
	int	 hit = v != NULL && strcmp((const char *)v, val) == 0;

	xmlFree(v);
	return hit;
}

/* A posted value fit for the model: text, valid UTF-8, no NUL. */
static int
text_ok(const struct kv *e)
{
	return e->filename == NULL && utf8_valid(e->val, e->vlen) &&
	    memchr(e->val, '\0', e->vlen) == NULL;
}

/* The form's (or a group's in it) field or button named name, or NULL. */
static xmlNodePtr
control_of(xmlNodePtr form, const char *name)
{
	xmlNodePtr	 n, hit = NULL;

	for (n = form->children; n != NULL && hit == NULL; n = n->next) {
		if ((is_elem(n, "field") || is_elem(n, "button")) &&
		    prop_is(n, "name", name))
			hit = n;
		else if (is_elem(n, "group"))
			hit = control_of(n, name);
	}
	return hit;
}

/*
 * How well does form match what was posted: the posted names it has,
 * or -1 when one of its hidden fields says otherwise (a page with two
 * forms to one action, told apart by a hidden field).
 */
static int
form_score(const struct ctx *c, xmlNodePtr form)
{
	const struct kv	*e;
	xmlNodePtr	 n, v;
	xmlChar		*have;
	size_t		 i;
	int		 score = 0, same;

	for (i = 0; i < c->form.n; i++) {
		e = &c->form.kv[i];
		if (strcmp(e->key, "csrf") == 0 ||
		    (n = control_of(form, e->key)) == NULL)
			continue;
		if (is_elem(n, "field") && prop_is(n, "type", "hidden")) {
			for (v = n->children; v != NULL && !is_elem(v, "value");
			    v = v->next)
				;
			have = v != NULL ? xmlNodeGetContent(v) : NULL;
			same = have != NULL && text_ok(e) &&
			    strcmp((const char *)have, e->val) == 0;
			xmlFree(have);
			if (!same)
				return -1;
		}
		score++;
	}
	return score;
}

static void
drop_children(xmlNodePtr n, const char *name)
{
	xmlNodePtr	 ch, next;

	for (ch = n->children; ch != NULL; ch = next) {
		next = ch->next;
		if (is_elem(ch, name)) {
			xmlUnlinkNode(ch);
			xmlFreeNode(ch);
		}
	}
}


/* Put what was typed into the fields of form (and its groups). */
static void
refill_fields(struct ctx *c, xmlNodePtr form)
{
	xmlNodePtr	 n;
	xmlChar		*name;
	const struct kv	*e;
	size_t		 i;

	for (n = form->children; n != NULL; n = n->next) {
		if (is_elem(n, "group"))
			refill_fields(c, n);
		if (!is_elem(n, "field") ||
		    (name = xmlGetProp(n, (const xmlChar *)"name")) == NULL)
			continue;
		e = kv_get(&c->form, (const char *)name);
		if (prop_is(n, "type", "file")) {
			/* Not kept either: chosen again, as the page says. */
			if (e != NULL && e->filename != NULL && e->vlen > 0)
				model_attr(n, "retype", "file");
		} else if (prop_is(n, "type", "hidden")) {
			/*
			 * As the page drew it: what the form carried came
			 * to the GET as its query (gate.c), and form_score()
			 * chose the form whose hidden fields agree.
			 */
		} else if (form_secret((const char *)name) ||
		    prop_is(n, "type", "password")) {
			/* Typed again, and the page says so next to it. */
			drop_children(n, "value");
			if (e != NULL && e->vlen > 0)
				model_attr(n, "retype", "secret");
		} else if (e != NULL || prop_is(n, "type", "checkbox")) {
			drop_children(n, "value");
			for (i = 0; i < c->form.n; i++)
				if (strcmp(c->form.kv[i].key,
				    (const char *)name) == 0 &&
				    text_ok(&c->form.kv[i]))
					model_text(n, "value",
					    c->form.kv[i].val);
		}
		xmlFree(name);
	}
}

/*
 * After the handler drew the page of a refused POST as a GET: the form
 * that POST came from (of those to its action, the one that has most of
 * what was posted and whose hidden fields agree) gets back everything
 * typed but the secrets, and what it carried beyond the form's own
 * fields goes along hidden; a notice at the top says why it is here.
 */
void
kept_reshow(struct ctx *c)
{
	xmlNodePtr	 root, n, best = NULL;
	const struct kv	*e;
	size_t		 i;
	int		 s, top = -2;	/* a lone form, even at odds */

	if (c->model == NULL)
		return;
	root = xmlDocGetRootElement(c->model);
	for (n = root->children; n != NULL; n = n->next)
		if (is_elem(n, "form") && prop_is(n, "action", c->path) &&
		    (s = form_score(c, n)) > top) {
			best = n;
			top = s;
		}
	if (best != NULL) {
		refill_fields(c, best);
		for (i = 0; i < c->form.n; i++) {
			e = &c->form.kv[i];
			if (!form_secret(e->key) && text_ok(e) &&
			    control_of(best, e->key) == NULL)
				form_hidden(best, e->key, e->val);
		}
	}
	/* A notice, not an error: nothing typed was wrong. */
	for (n = root->children; n != NULL; n = n->next)
		if (is_elem(n, "messages"))
			break;
	n = model_node(n != NULL ? n : model_node(root, "messages"),
	    "message");
	model_attr(n, "key", "form.expired");
	model_attr(n, "kind", "warning");
}

const struct page kept_pages[] = {
	{ .name = "kept", .method = "GET", .path = "/kept",
	    .flags = PAGE_TENANT | PAGE_AUTH, .fn = page_kept },
	{ .name = NULL },
};
