/*
 * login.c — signing in and out (CORE-4, CORE-5, CORE-6, CORE-7).
 *
 * One answer for a missing account and a wrong password; failures lock
 * the account for a growing time and throttle the source address; the
 * password is checked by binding to the directory as the member; a
 * TOTP step follows when the account has it.  Sessions rotate at
 * sign-in and again after the TOTP step.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "account.h"
#include "clock.h"
#include "conf.h"
#include "ctx.h"
#include "db.h"
#include "dbq.h"
#include "directory.h"
#include "feature.h"
#include "form.h"
#include "log.h"
#include "mail.h"
#include "session.h"
#include "tenant.h"
#include "totp.h"

static const struct field login_fields[] = {
	{ "ident", F_TEXT, 1, 254, "field.login", NULL },
	{ "password", F_PASSWORD, 1, 128, "field.password", NULL },
	{ "keep", F_CHECKBOX, 0, 0, "field.keep", NULL },
};
#define NLOGIN	(sizeof(login_fields) / sizeof(login_fields[0]))

static const struct field totp_fields[] = {
	{ "code", F_TEXT, 1, 12, "field.totp", NULL },
};

/* Where to go after signing in: a local ?next=, else home. */
static void
after_login(struct ctx *c, const char *next)
{
	/* CORE-12: input kept from an expired session comes first. */
	if (kept_pending(c) > 0)
		next = "/kept";
	(void)redirect_next(c, next, "/");
}

/*
 * This failure locked the account: audit it and tell the member, who
 * may not be the one typing (CORE-6).  In the caller's transaction.
 * 1 done, -1 error.
 */
static int
lock_notice(struct ctx *c, const struct dir_user *u, const char *ident)
{
	struct db	*d = c->app->db;
	char		 url[300], until[64];
	const char	*vars[3];
	int		 left;

	if ((left = account_locked(d, ctx_tkey(c), u->uid)) < 0)
		return -1;
	jst_format(clock_now() + left, until, sizeof(until));
	base_url(c, url, sizeof(url));
	vars[0] = "until";
	vars[1] = until;
	vars[2] = NULL;
	if (audit_log(d, ctx_tkey(c), u->uid, "lock", ident, c->remote,
	    "consecutive failures") <= 0 || (c->tenant != NULL &&
	    u->mail[0] != '\0' && mail_queue(d, c->tenant,
	    c->app->cfg->datadir, url, "account_locked", u->mail,
	    vars) <= 0))
		return -1;
	return 1;
}

/*
 * A wrong password for u (found: a real account, else the decoy's key):
 * the failure counted towards the lock, the lock (when this failure set
 * it) audited and mailed, and the failure audited — one transaction, so
 * that none of them is kept without the others.  0 done, -1 error:
 * nothing was recorded (the caller answers 503).
 */
static int
login_failure(struct ctx *c, const struct dir_user *u, int found,
    const char *ident)
{
	struct db	*d = c->app->db;
	int		 k;

	if (db_begin(d) <= 0)
		return -1;
	k = account_failure(d, ctx_tkey(c), u->uid);
	return db_end(d, k >= 0 && (k == 0 || !found ||
	    lock_notice(c, u, ident) > 0) && audit_log(d, ctx_tkey(c),
	    found ? u->uid : NULL, "login.fail", ident, c->remote,
	    NULL) > 0) > 0 ? 0 : -1;
}

/* Withdraw the headers added since mark: a rolled-back session's cookie. */
static void
headers_back(struct ctx *c, size_t mark)
{
	c->hdrs.len = mark;
	if (c->hdrs.data != NULL)
		c->hdrs.data[mark] = '\0';
}

/*
 * The session of a member who passed a step, with its audit line
 * (action, object) and the failure count cleared, in the transaction
 * the caller began (which may hold more: a temporary password spent).
 * On any failure everything is rolled back and the new session's
 * cookie withdrawn: the browser keeps the session it had, whose row
 * the rollback kept.  0 done, -1 error.
 */
static int
login_session(struct ctx *c, const char *uid, const char *name, int stage,
    int keep, const char *action, const char *object)
{
	struct db	*d = c->app->db;
	size_t		 mark = c->hdrs.len;
	int		 ok;

	ok = account_success(d, ctx_tkey(c), uid) >= 0 &&
	    session_begin(c, uid, name, stage, keep) == 0 &&
	    audit_log(d, ctx_tkey(c), uid, action, object, c->remote, NULL) > 0;
	if (db_end(d, ok) > 0)
		return 0;
	headers_back(c, mark);
	memset(&c->sess, 0, sizeof(c->sess));
	return -1;
}

/*
 * The page's error.  Where members register themselves, the one answer
 * for a wrong identifier, a wrong password and an account whose login
 * URL was not opened yet (ACC-1) also says that a new account signs in
 * only after that URL: the same words in every case, so nothing tells
 * which it was.
 */
static void
login_error(struct ctx *c, const char *err)
{
	xmlNodePtr	 e;

	model_error(c, err, NULL);
	if (strcmp(err, "err.login") != 0 || c->tenant == NULL ||
	    !tenant_has_feature(c->tenant, "register"))
		return;
	for (e = xmlDocGetRootElement(c->model)->last; e != NULL; e = e->prev)
		if (e->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)e->name, "errors") == 0)
			break;
	if (e != NULL && (e = xmlGetLastChild(e)) != NULL)
		model_attr(e, "hint", "login.hint.activation");
}

static enum result
show_login(struct ctx *c, const struct form_result *res, const char *err)
{
	xmlNodePtr	 root, f;

	if (session_anon(c) == -1)
		return RES_UNAVAIL;
	if (model_new(c, "login") == -1)
		return RES_INTERNAL;
	root = xmlDocGetRootElement(c->model);
	f = form_model(root, "login", c->path, login_fields, NLOGIN, &c->form,
	    res);
	model_attr(f, "csrf", c->sess.csrf);
	model_attr(f, "submit-key", "btn.login");
	/* Password managers fill these two, and only these (CORE-21). */
	model_attr(form_field(f, "ident"), "autocomplete", "username");
	model_attr(form_field(f, "password"), "autocomplete",
	    "current-password");
	if (local_path(kv_str(&c->query, "next")))
		form_hidden(f, "next", kv_str(&c->query, "next"));
	if (err != NULL)
		login_error(c, err);
	/* The identifier this tenant signs in with (CORE-4). */
	model_attr(c->content, "login-id", c->tenant ? c->tenant->login_id :
	    "uid");
	return RES_OK;
}

static enum result
page_login_get(struct ctx *c)
{
	return show_login(c, NULL, NULL);
}

/*
 * Who may try: the address's throttle, the directory entry (or, for an
 * identifier that matches nobody, its ghost) and the account's lock.
 * RES_OK with *err NULL goes on; RES_OK with *err set shows the form
 * again with that message; anything else is the answer.
 */
static enum result
login_who(struct ctx *c, const char *ident, struct dir_user *u, int *found,
    const char **err)
{
	*err = NULL;
	/* A source that failed too often waits, whoever it claims to be. */
	if (login_throttled(c->app->db, c->remote ? c->remote : "") > 0) {
		c->status_hint = 429;
		*err = "err.login.wait";
		return RES_OK;
	}
	if ((*found = dir_find_login(c->app->dir, c->tenant, ident, u)) == -1) {
		*err = "err.directory";
		return RES_OK;
	}
	/*
	 * CORE-4: an identifier that matches nobody goes the same way as a
	 * wrong password — the same lock under a key of its own, the same
	 * directory bind (on the decoy entry), the same answers.
	 */
	if (*found == 0 && login_ghost_uid(c->app->db, ctx_tkey(c), ident,
	    u->uid, sizeof(u->uid)) == -1)
		return RES_UNAVAIL;
	if (account_locked(c->app->db, ctx_tkey(c), u->uid) > 0) {
		if (audit_log(c->app->db, ctx_tkey(c), *found ? u->uid : NULL,
		    "login.locked", ident, c->remote, NULL) <= 0)
			return RES_UNAVAIL;
		c->status_hint = 429;
		*err = "err.login.wait";
	}
	return RES_OK;
}

/*
 * The password was right and the account may sign in: a temporary
 * password is spent, the session opened, and the member sent on (to the
 * TOTP step when the account has one).
 */
static enum result
login_open(struct ctx *c, const struct dir_user *u, const char *ident,
    int keep, const char *next)
{
	struct account		 acct;
	int			 totp, k;

	if (account_ensure(c->app->db, ctx_tkey(c), u->uid) < 0 ||
	    account_get(c->app->db, ctx_tkey(c), u->uid, &acct) < 0 ||
	    (totp = account_totp_enabled(c->app->db, ctx_tkey(c), u->uid)) < 0 ||
	    db_begin(c->app->db) <= 0)
		return RES_UNAVAIL;
	/* A temporary password in force is good for this sign-in only. */
	if (acct.must_change && acct.temp_left >= 0 &&
	    (k = login_temp_consume(c->app->db, ctx_tkey(c), u->uid)) <= 0) {
		(void)db_rollback(c->app->db);
		if (k < 0)
			return RES_UNAVAIL;
		login_failed(c->app->db, c->remote ? c->remote : "");
		if (audit_log(c->app->db, ctx_tkey(c), u->uid, "login.fail",
		    ident, c->remote, "temporary password expired or used") <= 0)
			return RES_UNAVAIL;
		return show_login(c, NULL, "err.login");
	}
	if (login_session(c, u->uid, u->name, totp ? SESS_TOTP : SESS_IN, keep,
	    totp ? "login.password" : "login", NULL) == -1)
		return RES_UNAVAIL;
	if (totp) {
		snprintf(c->location, sizeof(c->location), "/login/totp%s%s",
		    local_path(next) ? "?next=" : "",
		    local_path(next) ? next : "");
		return RES_REDIRECT;
	}
	after_login(c, next);
	return RES_REDIRECT;
}

static enum result
page_login_post(struct ctx *c)
{
	struct form_result	 res;
	struct dir_user		 u;
	const char		*ident, *pw, *err;
	enum result		 r;
	int			 found, ok;

	if (form_validate(login_fields, NLOGIN, &c->form, &res) == -1)
		return show_login(c, &res, NULL);
	ident = kv_str(&c->form, "ident");
	pw = kv_str(&c->form, "password");
	if ((r = login_who(c, ident, &u, &found, &err)) != RES_OK)
		return r;
	if (err != NULL)
		return show_login(c, NULL, err);
	ok = found == 1 ? dir_check_password(c->app->dir, u.dn, pw) :
	    dir_decoy(c->app->dir, pw);
	if (ok == -1)
		return show_login(c, NULL, "err.directory");
	if (ok == 0) {
		/*
		 * The address's count is outside login_failure()'s
		 * transaction: should the audit fail, the attempt is not
		 * counted against the account (nothing is kept unaudited)
		 * but still is against the address.
		 */
		login_failed(c->app->db, c->remote ? c->remote : "");
		if (login_failure(c, &u, found == 1, ident) == -1)
			return RES_UNAVAIL;
		return show_login(c, NULL, "err.login");
	}
	/*
	 * ACC-1: a registered member signs in only once the login URL
	 * mailed at registration was opened; until then the same answer as
	 * a wrong password.  Accounts without a member record (register.c)
	 * are not concerned.  The register feature says so through its
	 * entry (signin_hold), so identity names no feature.
	 */
	switch (c->tenant != NULL ? feature_signin_hold(c->app->db,
	    c->tenant->slug, u.uid) : 0) {
	case 0:
		break;
	case 1:
		if (audit_log(c->app->db, ctx_tkey(c), u.uid, "login.inactive",
		    ident, c->remote, NULL) <= 0)
			return RES_UNAVAIL;
		return show_login(c, NULL, "err.login");
	default:
		return RES_UNAVAIL;
	}
	return login_open(c, &u, ident, kv_str(&c->form, "keep") != NULL,
	    kv_str(&c->form, "next"));
}

/* The second step's form, with the message of a wrong code if any. */
static enum result
show_login_totp(struct ctx *c, const char *next, const char *err)
{
	xmlNodePtr		 root, f;

	if (model_new(c, "login-totp") == -1)
		return RES_INTERNAL;
	root = xmlDocGetRootElement(c->model);
	f = form_model(root, "totp", c->path, totp_fields, 1, NULL, NULL);
	model_attr(f, "csrf", c->sess.csrf);
	model_attr(f, "submit-key", "btn.verify");
	/* Phones offer the code from SMS/authenticator and a digit pad. */
	model_attr(form_field(f, "code"), "autocomplete", "one-time-code");
	model_attr(form_field(f, "code"), "inputmode", "numeric");
	if (local_path(next))
		form_hidden(f, "next", next);
	if (err != NULL)
		model_error(c, err, "code");
	return RES_OK;
}

/* The second step: a TOTP code or a recovery code (CORE-7). */
static int
totp_stage(struct ctx *c)
{
	if (c->sess.valid && c->sess.stage == SESS_TOTP)
		return 1;
	snprintf(c->location, sizeof(c->location), "/login");
	return 0;
}

static enum result
page_login_totp_get(struct ctx *c)
{
	if (!totp_stage(c))
		return RES_REDIRECT;
	return show_login_totp(c, kv_str(&c->query, "next"), NULL);
}

static enum result
page_login_totp_post(struct ctx *c)
{
	struct form_result	 res;
	const char		*err = NULL, *next;
	char			 uid[65], name[201];
	int			 keep, ok;

	if (!totp_stage(c))
		return RES_REDIRECT;
	next = kv_str(&c->form, "next");
	if (account_locked(c->app->db, ctx_tkey(c), c->sess.uid) > 0) {
		/* Wrong codes count towards the lock too (CORE-6). */
		c->status_hint = 429;
		err = "err.login.wait";
	} else if (form_validate(totp_fields, 1, &c->form, &res) == 0) {
		ok = totp_step_check(c, kv_str(&c->form, "code"));
		if (ok == 1) {
			snprintf(uid, sizeof(uid), "%s", c->sess.uid);
			snprintf(name, sizeof(name), "%s", c->sess.name);
			keep = c->sess.keep;
			if (db_begin(c->app->db) <= 0 ||
			    login_session(c, uid, name, SESS_IN, keep,
			    "login", "totp") == -1)
				return RES_UNAVAIL;
			after_login(c, next);
			return RES_REDIRECT;
		}
		/* A wrong code was audited with its count. */
		if (ok == -1)
			return RES_UNAVAIL;
		err = "err.totp";
	}
	return show_login_totp(c, next, err);
}

enum result
page_logout(struct ctx *c)
{
	struct db	*d = c->app->db;
	size_t		 mark = c->hdrs.len;

	/* The end of the session and its audit line: both or neither. */
	if (c->sess.valid && c->sess.uid[0] != '\0') {
		if (db_begin(d) <= 0)
			return RES_UNAVAIL;
		if (db_end(d, audit_log(d, ctx_tkey(c), c->sess.uid, "logout",
		    NULL, c->remote, NULL) > 0 && session_end(c) == 0) < 0) {
			/* Still signed in: the cookie stays as it was. */
			headers_back(c, mark);
			return RES_UNAVAIL;
		}
	} else
		session_end(c);
	snprintf(c->location, sizeof(c->location), "/?signed-out=1");
	return RES_REDIRECT;
}

const struct page login_pages[] = {
	{ .name = "login", .methods = M_GET | M_POST, .path = "/login",
	    .flags = PAGE_TENANT | PAGE_OPS | PAGE_GUEST, .get = page_login_get,
	    .post = page_login_post,
	    .menu = "menu.login", .fields = login_fields, .nfields = NLOGIN },
	{ .name = "login-totp", .methods = M_GET | M_POST,
	    .path = "/login/totp", .flags = PAGE_TENANT | PAGE_OPS,
	    .get = page_login_totp_get,
	    .post = page_login_totp_post },
	{ .name = "password-temp", .methods = M_GET | M_POST,
	    .path = "/password/temp", .flags = PAGE_TENANT | PAGE_GUEST,
	    .get = page_password_temp_get,
	    .post = page_password_temp_post },
	{ .name = "password-reset", .methods = M_GET | M_POST,
	    .path = "/password/reset", .flags = PAGE_TENANT,
	    .get = page_password_reset_get,
	    .post = page_password_reset_post },
	{ .name = "logout", .methods = M_POST, .path = "/logout",
	    .flags = PAGE_TENANT | PAGE_OPS | PAGE_AUTH | PAGE_ANYSTAGE,
	    .post = page_logout, .menu = "menu.logout" },
	{ .name = NULL },
};
