/*
 * refused.c — a POST refused for its CSRF token (CORE-11) loses nothing
 * typed (CORE-12) and reaches nobody else (CORE-17).  Part of the
 * request path, so it lives in core: gate.c calls kept_store() for a
 * member's POST that can only be kept, worker.c calls kept_reshow() on
 * a form drawn again.  identity/kept.c offers kept POSTs back at /kept.
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
	model_flash(c, "form.expired", "warning");
}
