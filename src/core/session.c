/*
 * session.c — the session of a request: loaded from the cookie, begun
 * (and so rotated) at sign-in and at the TOTP step, ended at sign-out.
 * A session belongs to the tenant whose host created it; the same
 * cookie sent to another tenant's host finds nothing (CORE-17).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "ctx.h"
#include "db.h"
#include "dbq.h"
#include "facts.h"
#include "feature.h"
#include "session.h"
#include "tenant.h"

/* "Keep me signed in" (CORE-5): still a server-side, revocable session. */
#define KEEP_MAX_S	(30 * 86400)
#define KEEP_IDLE_S	(14 * 86400)
/*
 * Anonymous sessions carry only a CSRF token for the sign-in and
 * registration forms; a member filling in a long form keeps theirs
 * while active (idle limit) for up to a day.
 */
#define ANON_MAX_S	(24 * 3600)
#define ANON_IDLE_S	(4 * 3600)
/* seen_at is written at most this often, not on every request. */
#define TOUCH_S		60

static void
set_cookie(struct ctx *c, const char *val, long long max_age)
{
	buf_printf(&c->hdrs, "Set-Cookie: " SESS_COOKIE "=%s; Path=/; "
	    "HttpOnly; SameSite=Lax%s", val, c->https ? "; Secure" : "");
	if (max_age >= 0)
		buf_printf(&c->hdrs, "; Max-Age=%lld", max_age);
	buf_puts(&c->hdrs, "\r\n");
}

/* 1 valid session, 0 none, -1 the database failed. */
int
session_load(struct ctx *c)
{
	struct session	*s = &c->sess;
	const char	*tok = kv_str(&c->cookies, SESS_COOKIE);
	long long	 idle = 0;
	int		 rc = 0;

	memset(s, 0, sizeof(*s));
	if (!token_syntax_ok(tok))
		goto out;
	if ((rc = dbq_session_get(c->app->db, ctx_tkey(c), tok, s,
	    &idle)) != 1)
		goto out;
	/* The features' facts: the worker's copy while facts_ver holds. */
	if (facts_load(c) == -1) {
		rc = -1;
		goto out;
	}
	if (s->uid[0] == '\0')
		s->stage = SESS_ANON;
	/* Roles are compared as bits from here on (page_any_role()). */
	s->role_mask = role_mask_parse(s->roles);
	snprintf(s->token_in, sizeof(s->token_in), "%s", tok);
	s->valid = 1;
	if (idle >= TOUCH_S)
		(void)dbq_session_touch(c->app->db, ctx_tkey(c), tok);
out:
	return rc;
}

/*
 * Begin a new session for uid (NULL: anonymous) at the given stage.
 * Any current session is deleted first: a fresh id at every privilege
 * change, so a token planted before sign-in is worth nothing after.
 */
int
session_begin(struct ctx *c, const char *uid, const char *name, int stage,
    int keep)
{
	struct session	*s = &c->sess;
	long long	 max_s, idle_s;
	int		 rc = -1;

	/* The old id must die with the rotation (no session fixation). */
	if (s->valid && dbq_session_del(c->app->db, ctx_tkey(c),
	    s->token_in) < 0)
		goto out;
	if (uid == NULL) {
		max_s = ANON_MAX_S;
		idle_s = ANON_IDLE_S;
		keep = 0;
	} else if (keep) {
		max_s = KEEP_MAX_S;
		idle_s = KEEP_IDLE_S;
	} else if (c->tenant != NULL) {
		max_s = c->tenant->session_max;
		idle_s = c->tenant->session_idle;
	} else {
		max_s = 8 * 3600;	/* central IT: a working day */
		idle_s = 1800;
	}
	memset(s, 0, sizeof(*s));
	if (token_new(s->token, sizeof(s->token)) == -1 ||
	    token_new(s->csrf, sizeof(s->csrf)) == -1)
		goto out;
	if (dbq_session_add(c->app->db, ctx_tkey(c), s->token, uid, name,
	    stage, s->csrf, keep, max_s, idle_s, c->remote ? c->remote :
	    "") <= 0)
		goto out;
	snprintf(s->uid, sizeof(s->uid), "%s", uid ? uid : "");
	snprintf(s->name, sizeof(s->name), "%s", name ? name : "");
	snprintf(s->token_in, sizeof(s->token_in), "%s", s->token);
	s->stage = uid ? stage : SESS_ANON;
	s->keep = keep;
	s->valid = 1;
	s->data_ver = -1;	/* no copies (owncache.h) until read back */
	/* A kept session survives the browser closing; others do not. */
	set_cookie(c, s->token, keep ? KEEP_MAX_S : -1);
	rc = 0;
out:
	return rc;
}

/* Make sure a form can carry a CSRF token: an anonymous session. */
int
session_anon(struct ctx *c)
{
	if (c->sess.valid)
		return 0;
	return session_begin(c, NULL, NULL, SESS_ANON, 0);
}

int
session_end(struct ctx *c)
{
	int	 rc = 0;

	if (c->sess.valid && dbq_session_del(c->app->db, ctx_tkey(c),
	    c->sess.token_in) < 0)
		rc = -1;
	memset(&c->sess, 0, sizeof(c->sess));
	set_cookie(c, "", 0);
	return rc;
}

int
session_end_others(struct ctx *c)
{
	if (!c->sess.valid || c->sess.uid[0] == '\0')
		return -1;
	return dbq_session_del_others(c->app->db, ctx_tkey(c), c->sess.uid,
	    c->sess.token_in);
}

int
session_has_role(const struct ctx *c, unsigned int role)
{
	return c->sess.valid && c->sess.stage == SESS_IN &&
	    (c->sess.role_mask & role) != 0;
}

/* Every POST carries the session's token in the field "csrf". */
int
csrf_ok(const struct ctx *c)
{
	const char	*t = kv_str(&c->form, "csrf");

	return c->sess.valid && t != NULL && ct_streq(t, c->sess.csrf);
}

/*
 * The value feature `name`'s session_sql (feature.h) returned with this
 * request's session, or NULL (no session, no such column, SQL NULL).
 */
const char *
session_feature(const struct ctx *c, const char *name)
{
	size_t	 i;

	if (!c->sess.valid)
		return NULL;
	for (i = 0; features[i] != NULL && i < FEATURE_MAX; i++)
		if (strcmp(features[i]->name, name) == 0)
			return c->sess.foff[i] > 0 ?
			    c->sess.fvals + c->sess.foff[i] - 1 : NULL;
	return NULL;
}
