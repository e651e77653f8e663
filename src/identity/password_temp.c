/*
 * password_temp.c — 「パスワードをお忘れの方」 (CORE-8): a single-use
 * reset link, asked for by e-mail address.
 *
 * Asking changes nothing of the account: the current password keeps
 * working, sessions stay, and only a password_reset row (the token's
 * selector and SHA-256, sql/008_throttle.sql) and the mail are written,
 * together.  The link is good for RESET_VALID_S; its page asks for the
 * new password twice under the password policy (CORE-9), then in one
 * transaction uses the link, ends every session of the account and
 * queues the password_changed mail, sets the password in the directory
 * last, and commits: a refusal anywhere leaves the old password and
 * the link as they were.
 *
 * The answer is the same whether or not an account matched, in words
 * and in work: a request for a missing address makes the same row and
 * the same mail as a real one and rolls them back.  Requests are
 * throttled per source address (429) and per target (an account, or a
 * missing address under a key of its own): past the target's limit no
 * mail is made, and the answer is still the same.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "account.h"
#include "clock.h"
#include "ctx.h"
#include "db.h"
#include "dbq.h"
#include "directory.h"
#include "form.h"
#include "log.h"
#include "mail.h"
#include "conf.h"
#include "session.h"
#include "tenant.h"
#include "totp.h"

#define RESET_VALID_S	(60 * 60)
/*
 * The form's answer never comes sooner than this after the request
 * arrived: an existing account costs a mail and an audit line more
 * than a missing one (a few milliseconds, more under load), and the
 * floor hides that difference (CORE-4, CORE-8).  The form is
 * throttled per address, so the wait cannot tie up the workers.
 */
#define RESET_FLOOR_MS	120
#define NF(a)		(sizeof(a) / sizeof((a)[0]))

static const struct field temp_fields[] = {
	{ "mail", F_EMAIL, 1, 254, "field.email", NULL },
};

static const struct field reset_fields[] = {
	{ "password", F_PASSWORD, 1, 128, "field.password-new", NULL },
	{ "password2", F_PASSWORD, 1, 128, "field.password2", NULL },
};

/*
 * The throttle key of the target: the account, or for an address that
 * matches none, the address itself (lower case), so a missing account
 * is bounded like an existing one.
 */
static void
target_key(const struct ctx *c, const struct dir_user *u, const char *mail,
    char *out, size_t len)
{
	size_t	 i;

	if (u != NULL)
		snprintf(out, len, "%s/%s", c->tenant->slug, u->uid);
	else {
		snprintf(out, len, "%s/~%s", c->tenant->slug, mail);
		for (i = 0; out[i] != '\0'; i++)
			out[i] = (char)tolower((unsigned char)out[i]);
	}
}

/*
 * Make the link and its mail, together.  With u NULL (no account has
 * this address) a link is made for the placeholder uid "~", which no
 * account can use and housekeeping sweeps, and committed without mail
 * or audit line: a commit flushes the log either way (a rollback
 * would not), so the answer takes as long and nothing tells.
 */
static int
issue(struct ctx *c, const struct dir_user *u)
{
	struct db	*d = c->app->db;
	char		 tok[TOKEN_LEN + 1], base[300], url[400], until[64];
	const char	*vars[7];
	int		 rc = -1, began = 0;

	if (token_new(tok, sizeof(tok)) == -1)
		goto out;
	base_url(c, base, sizeof(base));
	snprintf(url, sizeof(url), "%s/password/reset?t=%s", base, tok);
	jst_format(clock_now() + RESET_VALID_S, until, sizeof(until));
	vars[0] = "url";
	vars[1] = url;
	vars[2] = "expires";
	vars[3] = until;
	vars[4] = "name";
	vars[5] = u != NULL ? u->name : "";
	vars[6] = NULL;
	if (db_begin(d) < 0)
		goto out;
	began = 1;
	if (reset_new(d, c->tenant->slug, u != NULL ? u->uid : "~", tok,
	    RESET_VALID_S) <= 0)
		goto out;
	if (u != NULL && (mail_queue_secret(d, c->tenant,
	    c->app->cfg->datadir, base, "password_reset", u->mail, vars) <= 0 ||
	    audit_log(d, c->tenant->slug, u->uid, "password.reset.request",
	    NULL, c->remote, NULL) < 0))
		goto out;
	began = 0;
	rc = db_commit(d) < 0 ? -1 : 0;
out:
	if (began)
		db_rollback(d);
	explicit_bzero(tok, sizeof(tok));
	explicit_bzero(url, sizeof(url));
	return rc;
}

/* Sleep until RESET_FLOOR_MS after the request started. */
static void
answer_floor(const struct ctx *c)
{
	struct timespec	 now, left;
	long long	 ns;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ns = (long long)RESET_FLOOR_MS * 1000000LL -
	    ((long long)(now.tv_sec - c->start.tv_sec) * 1000000000LL +
	    (now.tv_nsec - c->start.tv_nsec));
	if (ns > 0) {
		left.tv_sec = ns / 1000000000LL;
		left.tv_nsec = ns % 1000000000LL;
		while (nanosleep(&left, &left) == -1 && errno == EINTR)
			;
	}
}

/* The form asking for the address, refilled with rp's errors if any. */
static enum result
show_temp(struct ctx *c, const struct form_result *rp)
{
	xmlNodePtr		 root, f;

	if (session_anon(c) == -1)
		return RES_UNAVAIL;
	if (model_new(c, "password-temp") == -1)
		return RES_INTERNAL;
	root = xmlDocGetRootElement(c->model);
	f = form_model(root, "temp", c->path, temp_fields, NF(temp_fields),
	    &c->form, rp);
	model_attr(f, "csrf", c->sess.csrf);
	model_attr(f, "submit-key", "btn.send");
	model_attr(form_field(f, "mail"), "autocomplete", "email");
	return RES_OK;
}

enum result
page_password_temp_get(struct ctx *c)
{
	return show_temp(c, NULL);
}

enum result
page_password_temp_post(struct ctx *c)
{
	struct form_result	 res;
	struct dir_user		 u;
	const char		*mail;
	char			 key[700];
	int			 found, over;

	if (form_validate(temp_fields, NF(temp_fields), &c->form, &res) == -1)
		return show_temp(c, &res);
	/* Each request counts, so the form cannot mail-bomb. */
	if ((over = throttle_take(c->app->db, THR_RESET,
	    c->remote ? c->remote : "")) != 0)
		return over > 0 ? RES_TOOMANY : RES_UNAVAIL;
	mail = kv_str(&c->form, "mail");
	found = dir_find_mail(c->app->dir, c->tenant, mail, &u);
	if (found == -1)
		return RES_UNAVAIL;
	target_key(c, found ? &u : NULL, mail, key, sizeof(key));
	if ((over = throttle_take(c->app->db, THR_RESET_ACCOUNT, key)) < 0)
		return RES_UNAVAIL;
	if (over > 0)
		log_info("%s: reset link not sent: too many for one account",
		    c->tenant->slug);
	else if (issue(c, found ? &u : NULL) == -1)
		log_warn("%s: reset link not sent", c->tenant->slug);
	answer_floor(c);
	if (model_new(c, "password-temp") == -1)
		return RES_INTERNAL;
	/* The same words whether or not an account matched. */
	model_attr(c->content, "sent", "1");
	return RES_OK;
}

/*
 * The new password, set with the link used: everything in the
 * database first, the directory last, then commit.  NULL when done,
 * else the message key of the refusal.
 */
static const char *
reset_apply(struct ctx *c, const char *t, const struct dir_user *u,
    const char *pw)
{
	struct db	*d = c->app->db;
	const char	*tn = c->tenant->slug, *vars[9];
	const char	*err = "err.reset.unavailable";
	char		 base[300], when[64];
	int		 r, began = 0;

	base_url(c, base, sizeof(base));
	jst_format(clock_now(), when, sizeof(when));
	vars[0] = "name";
	vars[1] = u->name;
	vars[2] = "mail";
	vars[3] = u->mail;
	vars[4] = "when";
	vars[5] = when;
	vars[6] = "ip";
	vars[7] = c->remote != NULL ? c->remote : "";
	vars[8] = NULL;
	if (db_begin(d) < 0)
		goto out;
	began = 1;
	if ((r = reset_use(d, tn, t, u->uid)) == 0)
		err = "err.reset.used";
	if (r <= 0)
		goto out;
	/*
	 * Whoever held a session, or the old password, is out; a lock
	 * against guesses of the old password has no more purpose.
	 */
	if (dbq_session_del_others(d, tn, u->uid, "") < 0 ||
	    account_clear_temp(d, tn, u->uid) < 0 ||
	    account_unlock(d, tn, u->uid) < 0 ||
	    audit_log(d, tn, u->uid, "password.reset", NULL, c->remote,
	    NULL) < 0 ||
	    (u->mail[0] != '\0' && mail_queue(d, c->tenant,
	    c->app->cfg->datadir, base, "password_changed", u->mail,
	    vars) <= 0))
		goto out;
	/* Last before commit: the directory cannot be rolled back. */
	if (dir_set_password(c->app->dir, u->dn, pw) <= 0) {
		err = "err.account.password-refused";
		goto out;
	}
	began = 0;
	if (db_commit(d) < 0) {
		/* The password is set; the link stays until it expires. */
		log_warn("%s: password reset not recorded", tn);
		goto out;
	}
	err = NULL;
out:
	if (began)
		db_rollback(d);
	return err;
}

/*
 * The state of the link t: NULL when it may set a password (u filled),
 * else "invalid" (404) or "expired" (410).  -1: the database or the
 * directory failed.
 */
static int
reset_state(struct ctx *c, const char *t, struct dir_user *u,
    const char **state)
{
	char		 uid[65];
	int		 expired = 0, r;

	*state = NULL;
	if (!token_syntax_ok(t))
		*state = "invalid";
	else if ((r = reset_find(c->app->db, c->tenant->slug, t, uid,
	    sizeof(uid), &expired)) == -1)
		return -1;
	else if (r == 0)
		*state = "invalid";
	else if (expired)
		*state = "expired";
	else if ((r = dir_get_uid(c->app->dir, c->tenant, uid, u)) == -1)
		return -1;
	else if (r == 0)
		*state = "invalid";
	if (*state != NULL)
		c->status_hint = strcmp(*state, "expired") == 0 ? 410 : 404;
	return 0;
}

/* The page for a link in state (NULL: the form, with rp and err). */
static enum result
show_reset(struct ctx *c, const char *state, const char *t,
    const struct form_result *rp, const char *err)
{
	xmlNodePtr	 f;

	if (model_new(c, "password-reset") == -1)
		return RES_INTERNAL;
	model_attr(c->content, "state", state != NULL ? state : "form");
	if (state != NULL)
		return RES_OK;
	f = form_model(xmlDocGetRootElement(c->model), "reset",
	    "/password/reset", reset_fields, NF(reset_fields), NULL, rp);
	model_attr(f, "csrf", c->sess.csrf);
	model_attr(f, "submit-key", "btn.reset");
	form_hidden(f, "t", t);
	model_attr(form_field(f, "password"), "hint-key",
	    "hint.password-policy");
	model_attr(form_field(f, "password"), "autocomplete", "new-password");
	model_attr(form_field(f, "password2"), "autocomplete",
	    "new-password");
	if (err != NULL)
		model_error(c, err, NULL);
	return RES_OK;
}

/*
 * The mailed link: GET shows the form (a mail scanner fetching the
 * link spends nothing), POST sets the password.  An unknown link is
 * 404, an expired one 410, each with words saying what to do.
 */
enum result
page_password_reset_get(struct ctx *c)
{
	struct dir_user		 u;
	const char		*t, *state;

	if (kv_str(&c->query, "done") != NULL)
		return show_reset(c, "done", NULL, NULL, NULL);
	t = kv_str(&c->query, "t");
	if (reset_state(c, t, &u, &state) == -1)
		return RES_UNAVAIL;
	if (state == NULL && session_anon(c) == -1)
		return RES_UNAVAIL;
	return show_reset(c, state, t, NULL, NULL);
}

enum result
page_password_reset_post(struct ctx *c)
{
	struct form_result	 res;
	struct dir_user		 u;
	const char		*t, *state, *err, *pw, *k;

	t = kv_str(&c->form, "t");
	if (reset_state(c, t, &u, &state) == -1)
		return RES_UNAVAIL;
	if (state != NULL)
		return show_reset(c, state, t, NULL, NULL);
	pw = kv_str(&c->form, "password");
	if (form_validate(reset_fields, NF(reset_fields), &c->form,
	    &res) == 0) {
		if ((k = password_policy_check(pw, u.number, u.mail,
		    NULL)) != NULL)
			form_error_add(&res, "password", k);
		else if (strcmp(pw, kv_str(&c->form, "password2")) != 0)
			form_error_add(&res, "password2",
			    "err.password-mismatch");
	}
	if (res.nerr != 0)
		return show_reset(c, NULL, t, &res, NULL);
	if ((err = reset_apply(c, t, &u, pw)) == NULL)
		return redirect_to(c, "/password/reset?done=1");
	if (strcmp(err, "err.reset.used") == 0) {
		c->status_hint = 404;
		return show_reset(c, "invalid", t, NULL, NULL);
	}
	return show_reset(c, NULL, t, NULL, err);
}
