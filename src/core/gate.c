/*
 * gate.c — the front line: after the page is known and before any
 * handler runs, one place decides on session, stage, role and CSRF.
 * Each refusal maps to one result, and so to one status and one page.
 */
#include <stdio.h>
#include <string.h>

#include "ctx.h"
#include "db.h"
#include "dbq.h"
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

static int
any_role(const struct ctx *c, const char *roles)
{
	char		 r[40];
	const char	*p = roles;
	size_t		 n;

	while (*p != '\0') {
		n = strcspn(p, ",");
		if (n < sizeof(r)) {
			memcpy(r, p, n);
			r[n] = '\0';
			if (session_has_role(c, r))
				return 1;
		}
		p += n + (p[n] == ',');
	}
	return 0;
}

/*
 * Must this signed-in user enrol TOTP before anything else?  Central IT
 * always; a tenant with totp_required = staff for anyone holding a role
 * other than member.
 */
int
totp_required(const struct ctx *c)
{
	const char	*p = c->sess.roles;
	size_t		 n;

	if (c->tenant == NULL)
		return 1;
	if (c->tenant->totp_policy != TOTP_STAFF)
		return 0;
	while (*p != '\0') {
		n = strcspn(p, ",");
		if (n > 0 && !(n == 6 && strncmp(p, "member", 6) == 0))
			return 1;
		p += n + (p[n] == ',');
	}
	return 0;
}

/* Does this visitor see the page in the menu? */
int
page_visible(const struct ctx *c, const struct page *pg)
{
	int	 in = c->sess.valid && c->sess.stage == SESS_IN;

	if (!(pg->flags & (c->ops ? PAGE_OPS : PAGE_TENANT)))
		return 0;
	if (pg->feature != NULL && !tenant_has_feature(c->tenant,
	    pg->feature))
		return 0;
	if (((pg->flags & PAGE_AUTH) && !in) ||
	    ((pg->flags & PAGE_GUEST) && in))
		return 0;
	return pg->roles == NULL || any_role(c, pg->roles);
}

/*
 * CORE-12: a POST from a session that has just expired is stored, not
 * acted on (kept.c offers it back after the member signs in again).
 */
static enum result
kept_store(struct ctx *c)
{
	char	 tok[TOKEN_LEN + 1];

	/*
	 * Only for a cookie that really was a member's session here (the
	 * row outlives its expiry by a day), and only so much: anybody can
	 * send a POST with a made-up cookie.
	 */
	if (c->raw == NULL || c->ctype_in == NULL || c->tenant == NULL ||
	    c->rawlen > KEPT_MAX_BODY ||
	    dbq_session_was_member(c->app->db, c->tenant->slug,
	    kv_str(&c->cookies, SESS_COOKIE)) <= 0 ||
	    token_new(tok, sizeof(tok)) == -1 ||
	    dbq_kept_put(c->app->db, c->tenant->slug, tok, c->path,
	    c->ctype_in, c->raw, c->rawlen) <= 0)
		return RES_FORBIDDEN;
	buf_printf(&c->hdrs, "Set-Cookie: " KEPT_COOKIE "=%s; Path=/; "
	    "HttpOnly; SameSite=Lax; Max-Age=%d%s\r\n", tok, KEPT_MAX_S,
	    c->https ? "; Secure" : "");
	snprintf(c->location, sizeof(c->location), "/login?next=/kept");
	return RES_REDIRECT;
}

enum result
gate(struct ctx *c)
{
	const struct page	*pg = c->page;
	int			 loaded, in;

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
	 * CORE-12: but if it came from a session that has just expired, on
	 * a page for signed-in members, what was typed is kept and offered
	 * back after signing in again.
	 */
	if (strcmp(c->method, "POST") == 0 && !csrf_ok(c)) {
		if (!c->sess.valid && (pg->flags & PAGE_AUTH) &&
		    kv_str(&c->cookies, SESS_COOKIE) != NULL)
			return kept_store(c);
		return RES_FORBIDDEN;
	}
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
		    c->sess.terms_latest > c->sess.terms_version)
			return detour(c, "/terms");
	}
	if (pg->roles != NULL && !any_role(c, pg->roles))
		return RES_FORBIDDEN;
	return RES_OK;
}
