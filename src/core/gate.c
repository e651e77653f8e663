/*
 * gate.c — the front line: after the page is known and before any
 * handler runs, one place decides on session, stage, role and CSRF.
 * Each refusal maps to one result, and so to one status and one page.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "db.h"
#include "dbq.h"
#include "refcache.h"
#include "session.h"
#include "tenant.h"

/* Send the visitor to path, coming back to where they were going. */
static enum result
detour(struct ctx *c, const char *path)
{
	char	 next[400];
	size_t	 i, o = 0;

	/* Only GETs come back: a POST's body is not replayed by a link. */
	if (strcmp(c->method, "GET") == 0 && strcmp(c->path, "/") != 0) {
		for (i = 0; c->path[i] != '\0' && o + 4 < sizeof(next); i++) {
			unsigned char ch = (unsigned char)c->path[i];
			if (ch == '/' || (ch >= 'a' && ch <= 'z') ||
			    (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
			    ch == '-' || ch == '_' || ch == '.')
				next[o++] = (char)ch;
			else
				o += (size_t)snprintf(next + o, sizeof(next) - o,
				    "%%%02X", ch);
		}
		next[o] = '\0';
		snprintf(c->location, sizeof(c->location), "%s?next=%s",
		    path, next);
	} else
		snprintf(c->location, sizeof(c->location), "%s", path);
	return RES_REDIRECT;
}

/*
 * Must this signed-in user enrol TOTP before anything else?  Central IT
 * always; a tenant with totp_required = staff for anyone holding a role
 * other than member.
 */
int
totp_required(const struct ctx *c)
{
	if (c->tenant == NULL)
		return 1;
	if (c->tenant->totp_policy != TOTP_STAFF)
		return 0;
	return (c->sess.role_mask & ~(unsigned int)ROLE_MEMBER) != 0;
}

/*
 * A POST without its session's token (CORE-11) is never acted on, and
 * what was typed in it is not lost (CORE-12, refused.c) — when it came
 * from one of our own forms (a token, and its Origin, if sent, ours):
 *  - a page that draws its own form (GET|POST) draws it again, under a
 *    fresh token, with the input back (the handler runs as a GET, then
 *    kept_reshow()): anonymous forms whose session or token expired,
 *    and a member's form from an older session;
 *  - a member's POST to a page with no form of its own, or from a
 *    session that has expired since, is kept for that member and
 *    offered back at /kept (after signing in again);
 *  - anything else is refused.
 * RES_OK goes on as a GET; anything else is the answer.
 */
static enum result
refused_post(struct ctx *c, int in)
{
	const struct page	*pg = c->page;
	const char		*t = kv_str(&c->form, "csrf");
	const struct kv		*e;
	char			 self[400];
	size_t			 i;
	int			 form;

	/*
	 * Not from one of our forms (they all carry a token, stale or
	 * not), or sent by another site's page: an attack, not a form left
	 * open.  Nothing of it is kept or drawn again, where it might pass
	 * for what the member typed.
	 */
	base_url(c, self, sizeof(self));
	if (t == NULL || *t == '\0' ||
	    (c->origin != NULL && strcmp(c->origin, self) != 0))
		return RES_FORBIDDEN;
	/* A page this member may not use: nothing to keep for later. */
	if (in && pg->roles != 0 && !page_any_role(c, pg->roles))
		return RES_FORBIDDEN;
	form = (pg->methods & M_GET) && !(pg->flags & PAGE_RAW);
	if ((pg->flags & PAGE_AUTH) && !(in && form)) {
		if (in || (!c->sess.valid &&
		    kv_str(&c->cookies, SESS_COOKIE) != NULL))
			return kept_store(c);
		return RES_FORBIDDEN;
	}
	if (!form)
		return RES_FORBIDDEN;
	/* The form must carry a token again: a new anonymous session. */
	if (session_anon(c) == -1)
		return RES_UNAVAIL;
	/*
	 * The page is drawn as the GET that drew the form: what the form
	 * carried (a link's token, ?next=, the program it was about) is
	 * what that GET had in its query.  Nothing a URL could not say.
	 */
	for (i = 0; i < c->form.n; i++) {
		e = &c->form.kv[i];
		if (e->filename == NULL && strcmp(e->key, "csrf") != 0 &&
		    kv_get(&c->query, e->key) == NULL &&
		    kv_add(&c->query, e->key, strlen(e->key), e->val,
		    e->vlen) != KV_OK)
			return RES_INTERNAL;
	}
	c->method = "GET";
	c->reshow = 1;
	return RES_OK;
}

/*
 * The tenant's newest terms version (CORE-23), 0 when none, -1 when it
 * cannot be read: the worker's copy while the reference-data version
 * the session statement brought holds (terms changes bump it,
 * sql/015_refdata.sql), so a signed-in page pays no statement for it.
 */
static int
terms_latest(struct ctx *c)
{
	const struct dbres	*r;
	int			 v = -1;

	if ((r = refcache_get(c, "terms", dbq_terms_latest)) != NULL)
		v = r->nrows > 0 ?
		    atoi(dbres_get(r, 0, TERMS_COL_VERSION)) : 0;
	return v;
}

enum result
gate(struct ctx *c)
{
	const struct page	*pg = c->page;
	enum result		 r;
	int			 loaded, in, latest = 0;

	loaded = session_load(c);
	if (loaded == -1 && ((pg->flags & PAGE_AUTH) ||
	    strcmp(c->method, "POST") == 0))
		return RES_UNAVAIL;	/* the database is briefly down */
	if (c->sess.valid && c->sess.lang[0] != '\0' &&
	    kv_str(&c->query, "lang") == NULL)
		snprintf(c->lang, sizeof(c->lang), "%s", c->sess.lang);
	in = c->sess.valid && c->sess.stage == SESS_IN;

	/*
	 * CORE-11: a state change without the session's token is refused.
	 * CORE-12: but what it carried is not lost (refused_post()).
	 */
	if (strcmp(c->method, "POST") == 0 && !csrf_ok(c) &&
	    (r = refused_post(c, in)) != RES_OK)
		return r;
	if (!(pg->flags & PAGE_AUTH))
		return RES_OK;
	if (!in)
		return detour(c, "/login");
	/* Forced steps come first; their own pages are ANYSTAGE. */
	if (!(pg->flags & PAGE_ANYSTAGE)) {
		if (c->sess.must_change)
			return detour(c, "/account/password");
		if (totp_required(c) && !c->sess.totp_enabled)
			return detour(c, "/account/totp");
		/* CORE-23: a new version of the terms is accepted first. */
		if (c->tenant != NULL &&
		    (latest = terms_latest(c)) > c->sess.terms_version)
			return detour(c, "/terms");
		if (latest == -1)
			return RES_UNAVAIL;
	}
	if (pg->roles != 0 && !page_any_role(c, pg->roles))
		return RES_FORBIDDEN;
	return RES_OK;
}
