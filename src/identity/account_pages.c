/*
 * account_pages.c — the member's own account (CORE-7, CORE-9, CORE-10,
 * CORE-22): password change through the directory, TOTP enrolment and
 * removal, recovery codes, signing out other sessions, the language.
 *
 * The gate has already checked the session, the forced steps and the
 * CSRF token of every POST.  Pages a forced step leads to (password,
 * TOTP enrolment) are PAGE_ANYSTAGE.  The TOTP secret is shown only
 * while enrolment is pending; recovery codes only in the response
 * that made them.  Neither is ever logged or audited.
 *
 * Password policy (CORE-9): password_policy_check() in password_policy.c,
 * also in the hint shown under the field.
 * The directory may refuse more (ppolicy): that is reported as such.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "account.h"
#include "clock.h"
#include "conf.h"
#include "ctx.h"
#include "db.h"
#include "directory.h"
#include "form.h"
#include "log.h"
#include "mail.h"
#include "session.h"
#include "tenant.h"
#include "totp.h"


static enum result	 page_account(struct ctx *);
static enum result	 page_account_password_get(struct ctx *);
static enum result	 page_account_password_post(struct ctx *);
static enum result	 page_account_totp_get(struct ctx *);
static enum result	 page_account_totp_post(struct ctx *);
static enum result	 password_apply(struct ctx *, const struct dir_user *,
			    const char *, const char *, const char *,
			    struct form_result *);
static enum result	 page_account_totp_qr(struct ctx *);
static enum result	 page_account_totp_disable(struct ctx *);
static enum result	 page_account_recovery(struct ctx *);
static enum result	 page_account_end_others(struct ctx *);
static enum result	 page_account_lang(struct ctx *);

/* ---- forms ----------------------------------------------------------- */

static const struct field password_fields[] = {
	{ "current", F_PASSWORD, 1, 0, "field.password-current", NULL },
	{ "password", F_PASSWORD, 1, 0, "field.password-new", NULL },
	{ "password2", F_PASSWORD, 1, 0, "field.password2", NULL },
};
static const struct field confirm_fields[] = {
	{ "code", F_TEXT, 1, 20, "field.totp-code", NULL },
};
static const struct field recovery_fields[] = {
	{ "code", F_TEXT, 1, 20, "field.totp-code", NULL },
};
static const struct field disable_fields[] = {
	{ "password", F_PASSWORD, 1, 0, "field.password-current", NULL },
	{ "otp", F_TEXT, 1, 20, "field.totp-or-recovery", NULL },
};
static const char *const lang_options[] = { "ja", "en", NULL };
static const struct field lang_fields[] = {
	{ "lang", F_RADIO, 1, 0, "field.lang", lang_options },
};
#define NF(a)	(sizeof(a) / sizeof((a)[0]))

#define ACC	(PAGE_TENANT | PAGE_OPS | PAGE_AUTH)

const struct page account_pages[] = {
	{ .name = "account", .methods = M_GET, .path = "/account",
	    .flags = ACC, .get = page_account, .menu = "menu.account" },
	{ .name = "account-password", .methods = M_GET | M_POST,
	    .path = "/account/password", .flags = ACC | PAGE_ANYSTAGE,
	    .get = page_account_password_get,
	    .post = page_account_password_post,
	    .fields = password_fields,
	    .nfields = NF(password_fields) },
	{ .name = "account-totp", .methods = M_GET | M_POST,
	    .path = "/account/totp", .flags = ACC | PAGE_ANYSTAGE,
	    .get = page_account_totp_get,
	    .post = page_account_totp_post,
	    .fields = confirm_fields,
	    .nfields = NF(confirm_fields) },
	{ .name = "account-totp-qr", .methods = M_GET,
	    .path = "/account/totp/qr.svg",
	    .flags = ACC | PAGE_ANYSTAGE | PAGE_RAW,
	    .get = page_account_totp_qr },
	{ .name = "account-totp-disable", .methods = M_POST,
	    .path = "/account/totp/disable", .flags = ACC,
	    .post = page_account_totp_disable, .fields = disable_fields,
	    .nfields = NF(disable_fields) },
	{ .name = "account-recovery", .methods = M_POST,
	    .path = "/account/recovery", .flags = ACC,
	    .post = page_account_recovery, .fields = recovery_fields,
	    .nfields = NF(recovery_fields) },
	{ .name = "account-end-others", .methods = M_POST,
	    .path = "/account/sessions/end-others", .flags = ACC,
	    .post = page_account_end_others },
	{ .name = "account-lang", .methods = M_POST, .path = "/account/lang",
	    .flags = ACC, .post = page_account_lang, .fields = lang_fields,
	    .nfields = NF(lang_fields) },
	{ .name = NULL },
};


/* Flash messages after a redirect to /account?done=WHAT. */
static const struct {
	const char	*done;
	const char	*key;
} done_msgs[] = {
	{ "password", "msg.account.password-changed" },
	{ "totp-off", "msg.account.totp-disabled" },
	{ "sessions", "msg.account.sessions-ended" },
	{ "lang", "msg.account.lang-saved" },
};

/* ---- helpers --------------------------------------------------------- */

/*
 * Queue one of the account mails (templates password_changed,
 * totp_enabled, totp_disabled) inside the caller's transaction.  The
 * variables: name, mail, when (JST), ip.  Central IT has no tenant
 * and so no templates: nothing is queued (0).  >0 queued, <0 error.
 */
static int
account_mail(struct ctx *c, const struct dir_user *u, const char *tmpl)
{
	const char	*vars[9];
	char		 base[300], when[32];
	int		 rc = 0;

	if (c->tenant == NULL || u->mail[0] == '\0')
		goto out;
	snprintf(base, sizeof(base), "%s://%s", c->https ? "https" : "http",
	    c->host);
	clock_now_sql(when, sizeof(when));
	when[16] = '\0';	/* "2025-04-01 12:34": to the minute */
	vars[0] = "name";
	vars[1] = u->name[0] != '\0' ? u->name : c->sess.name;
	vars[2] = "mail";
	vars[3] = u->mail;
	vars[4] = "when";
	vars[5] = when;
	vars[6] = "ip";
	vars[7] = c->remote != NULL ? c->remote : "";
	vars[8] = NULL;
	rc = mail_queue(c->app->db, c->tenant, c->app->cfg->datadir, base,
	    tmpl, u->mail, vars);
out:
	return rc;
}

/*
 * A wrong password or code of the signed-in uid, in the caller's
 * transaction: counted towards the lock (CORE-6), the lock audited
 * (why) when this failure set it, and fail_action audited when not
 * NULL.  1 locked, 0 counted, -1 error (the caller rolls back).
 */
static int
count_failure(struct ctx *c, const char *why, const char *fail_action)
{
	struct db	*db = c->app->db;
	int		 k;

	if ((k = account_failure(db, ctx_tkey(c), c->sess.uid)) > 0 &&
	    audit_log(db, ctx_tkey(c), c->sess.uid, "lock", NULL, c->remote,
	    why) <= 0)
		k = -1;
	if (k >= 0 && fail_action != NULL && audit_log(db, ctx_tkey(c),
	    c->sess.uid, fail_action, NULL, c->remote, NULL) <= 0)
		k = -1;
	return k;
}

/*
 * The same on its own: one transaction.  0 counted (or locked), -1
 * error: nothing was counted or audited.
 */
static int
record_failure(struct ctx *c, const char *why, const char *fail_action)
{
	if (db_begin(c->app->db) <= 0)
		return -1;
	return db_end(c->app->db, count_failure(c, why, fail_action) >= 0) >
	    0 ? 0 : -1;
}

/*
 * A second factor of the signed-in uid: a TOTP code (the step is spent
 * atomically) or, with allow_recovery, an unused recovery code (spent).
 * *recovery says which.  An account that is locked (CORE-6) is refused
 * without looking; a wrong code counts as a failure towards the lock,
 * a right one clears the count.  One transaction holds the spent code,
 * the count and their audit lines (a recovery code used: "recovery.use"
 * with use_detail, when not NULL; a wrong code: fail_action, when not
 * NULL): when an audit line cannot be written nothing happened, and
 * the answer is -1.  1 accepted, 0 refused, -1 error.
 */
static int
factor_check(struct ctx *c, const char *input, int allow_recovery,
    int *recovery, const char *use_detail, const char *fail_action)
{
	struct totp_row	 row;
	struct db	*db = c->app->db;
	const char	*uid = c->sess.uid;
	char		 code[TOTP_DIGITS + 1], rcode[RECOVERY_LEN + 1];
	long long	 step;
	int		 rc = -1, k, checked = 0, ok;

	*recovery = 0;
	memset(&row, 0, sizeof(row));
	if (uid[0] == '\0' || input == NULL)
		goto out;
	if ((k = account_locked(db, ctx_tkey(c), uid)) != 0) {
		rc = k > 0 ? 0 : -1;
		goto out;
	}
	if (db_begin(db) <= 0)
		goto out;
	if ((k = dbq_totp_get(db, ctx_tkey(c), uid, &row)) < 0)
		goto end;
	rc = 0;
	if (k == 0 || !row.enabled || row.len == 0)
		goto end;
	/* From here on a refusal counts, whatever was typed. */
	checked = 1;
	if (totp_code_normalize(input, code, sizeof(code)) == 0) {
		k = totp_check(row.secret, row.len, code, time(NULL),
		    row.last_step, &step);
		if (k == 1)
			k = dbq_totp_step(db, ctx_tkey(c), uid, step);
		rc = k < 0 ? -1 : k > 0;
	} else if (allow_recovery &&
	    recovery_normalize(input, rcode, sizeof(rcode)) == 0) {
		k = dbq_recovery_use(db, ctx_tkey(c), uid, rcode);
		rc = k < 0 ? -1 : k > 0;
		*recovery = rc == 1;
		explicit_bzero(rcode, sizeof(rcode));
	}
end:
	ok = rc >= 0;
	if (rc == 1)
		ok = account_success(db, ctx_tkey(c), uid) >= 0 &&
		    (!*recovery || use_detail == NULL ||
		    audit_log(db, ctx_tkey(c), uid, "recovery.use", NULL,
		    c->remote, use_detail) > 0);
	else if (rc == 0 && checked)
		ok = count_failure(c, "second factor failures",
		    fail_action) >= 0;
	else if (rc == 0 && fail_action != NULL)
		ok = audit_log(db, ctx_tkey(c), uid, fail_action, NULL,
		    c->remote, NULL) > 0;
	if (db_end(db, ok) < 0)
		rc = -1;
out:
	explicit_bzero(&row, sizeof(row));
	explicit_bzero(code, sizeof(code));
	return rc;
}

/*
 * The sign-in's second step (login.c): a wrong code is audited as
 * "login.totp.fail", a recovery code used as "recovery.use".
 */
int
totp_step_check(struct ctx *c, const char *input)
{
	int	 recovery;

	return factor_check(c, input, 1, &recovery, "sign-in",
	    "login.totp.fail");
}

/* ---- /account -------------------------------------------------------- */

static enum result
page_account(struct ctx *c)
{
	struct kvlist	 vals = { NULL, 0, 0 };
	xmlNodePtr	 acc, t, f;
	xmlChar		*v;
	const char	*done = kv_str(&c->query, "done"), *lang;
	size_t		 i;
	int		 left;
	enum result	 r = RES_INTERNAL;

	if (model_new(c, "account") == -1)
		goto out;
	for (i = 0; done != NULL && i < NF(done_msgs); i++)
		if (strcmp(done, done_msgs[i].done) == 0)
			model_flash(c, done_msgs[i].key, "success");
	lang = strcmp(c->sess.lang, "en") == 0 ? "en" : "ja";
	acc = model_node(c->content, "account");
	model_attr(acc, "lang", lang);
	model_attr(acc, "must-change", c->sess.must_change ? "1" : "0");
	t = model_node(acc, "totp");
	model_attr(t, "enabled", c->sess.totp_enabled ? "1" : "0");
	model_attr(t, "required", totp_required(c) ? "1" : "0");
	if (c->sess.totp_enabled) {
		left = dbq_recovery_left(c->app->db, ctx_tkey(c), c->sess.uid);
		if (left >= 0)
			model_attrf(t, "recovery-left", "%d", left);
	}
	if (kv_add(&vals, "lang", 4, lang, 2) != KV_OK)
		goto out;
	f = model_form(c, "account-lang", "/account/lang", lang_fields,
	    NF(lang_fields), &vals, NULL, "btn.account.lang");
	/* The choices are named in their own language (lang.ja, lang.en). */
	if ((t = form_field(f, "lang")) != NULL)
		for (t = t->children; t != NULL; t = t->next) {
			if (t->type != XML_ELEMENT_NODE ||
			    (v = xmlGetProp(t, (const xmlChar *)"value")) == NULL)
				continue;
			model_attrf(t, "key", "lang.%s", (const char *)v);
			xmlFree(v);
		}
	model_form(c, "account-sessions", "/account/sessions/end-others", NULL,
	    0, NULL, NULL, "btn.account.end-others");
	r = RES_OK;
out:
	kv_free(&vals);
	return r;
}

/* ---- /account/password (CORE-9) -------------------------------------- */

static enum result
show_password(struct ctx *c, const struct form_result *res, const char *err,
    const char *next)
{
	xmlNodePtr	 f, p;
	enum result	 r = RES_INTERNAL;

	if (model_new(c, "account-password") == -1)
		goto out;
	p = model_node(c->content, "password");
	model_attr(p, "must-change", c->sess.must_change ? "1" : "0");
	model_attrf(p, "min", "%d", PW_MIN);
	f = model_form(c, "account-password", "/account/password",
	    password_fields, NF(password_fields), NULL, res,
	    "btn.account.password");
	model_attr(form_field(f, "current"), "autocomplete",
	    "current-password");
	model_attr(form_field(f, "password"), "autocomplete", "new-password");
	model_attr(form_field(f, "password"), "hint-key",
	    "hint.password-policy");
	model_attr(form_field(f, "password2"), "autocomplete",
	    "new-password");
	if (local_path(next))
		form_hidden(f, "next", next);
	if (err != NULL)
		model_error(c, err, NULL);
	r = RES_OK;
out:
	return r;
}

static enum result
page_account_password_get(struct ctx *c)
{
	return show_password(c, NULL, NULL, kv_str(&c->query, "next"));
}

static enum result
page_account_password_post(struct ctx *c)
{
	struct form_result	 res;
	struct dir_user		 u;
	const char		*cur, *pw, *next, *k;
	int			 ok;
	enum result		 r;

	next = kv_str(&c->form, "next");
	if (form_validate(password_fields, NF(password_fields), &c->form,
	    &res) == -1) {
		r = show_password(c, &res, NULL, next);
		goto out;
	}
	cur = kv_str(&c->form, "current");
	pw = kv_str(&c->form, "password");
	if (strcmp(pw, kv_str(&c->form, "password2")) != 0) {
		form_error_add(&res, "password2", "err.password-mismatch");
		r = show_password(c, &res, NULL, next);
		goto out;
	}
	if ((ok = dir_get_uid(c->app->dir, c->tenant, c->sess.uid, &u)) <= 0) {
		r = show_password(c, NULL, ok < 0 ? "err.account.directory" :
		    "err.account.missing", next);
		goto out;
	}
	if ((k = password_policy_check(pw, u.number, u.mail, cur)) != NULL) {
		form_error_add(&res, "password", k);
		r = show_password(c, &res, NULL, next);
		goto out;
	}
	if (account_locked(c->app->db, ctx_tkey(c), c->sess.uid) > 0) {
		r = show_password(c, NULL, "err.account.locked", next);
		goto out;
	}
	r = password_apply(c, &u, cur, pw, next, &res);
out:
	return r;
}

/*
 * The checked new password pw (cur: the current one) set for the member
 * u; res takes the error when the directory refuses cur.
 */
static enum result
password_apply(struct ctx *c, const struct dir_user *u, const char *cur,
    const char *pw, const char *next, struct form_result *res)
{
	struct db		*db = c->app->db;
	char			 uid[sizeof(c->sess.uid)];
	char			 name[sizeof(c->sess.name)];
	int			 keep, ok;
	enum result		 r;

	/*
	 * The directory cannot join the SQL transaction, so the order does
	 * it: the SQL side of the change (the count cleared, the temporary
	 * password state, the audit line, the mail, every other session of
	 * the member ended) is written first and committed only once the
	 * directory took the new password.  Any SQL failure before leaves
	 * the old password in force; a COMMIT failing after puts the old
	 * password back.  No password changes without its audit line, and
	 * whoever knew the old one keeps no session.
	 */
	if (db_begin(db) <= 0) {
		r = RES_UNAVAIL;
		goto out;
	}
	if (account_success(db, ctx_tkey(c), c->sess.uid) < 0 ||
	    account_clear_temp(db, ctx_tkey(c), c->sess.uid) < 0 ||
	    audit_log(db, ctx_tkey(c), c->sess.uid, "password.change", NULL,
	    c->remote, NULL) <= 0 ||
	    account_mail(c, u, "password_changed") < 0 ||
	    session_end_others(c) < 0) {
		(void)db_rollback(db);
		r = RES_UNAVAIL;
		goto out;
	}
	ok = dir_change_password(c->app->dir, u->dn, cur, pw);
	if (ok <= 0)
		(void)db_rollback(db);
	if (ok == 0) {
		/* A guessed current password counts towards the lock. */
		if (record_failure(c, "password change",
		    "password.change.fail") < 0) {
			r = RES_UNAVAIL;
			goto out;
		}
		form_error_add(res, "current", "err.password-current");
		r = show_password(c, res, NULL, next);
		goto out;
	}
	if (ok < 0) {
		r = show_password(c, NULL, "err.account.password-refused",
		    next);
		goto out;
	}
	if (db_commit(db) <= 0) {
		(void)db_rollback(db);
		if (dir_change_password(c->app->dir, u->dn, pw, cur) <= 0)
			log_err("tenant=%s uid=%s: the new password is in the "
			    "directory but its audit line was lost, and the "
			    "old one could not be put back", ctx_tkey(c),
			    c->sess.uid);
		r = RES_UNAVAIL;
		goto out;
	}
	snprintf(uid, sizeof(uid), "%s", c->sess.uid);
	snprintf(name, sizeof(name), "%s", c->sess.name);
	keep = c->sess.keep;
	if (session_begin(c, uid, name, SESS_IN, keep) == -1) {
		r = RES_UNAVAIL;
		goto out;
	}
	r = redirect_next(c, next, "/account?done=password");
out:
	return r;
}

/* ---- /account/totp (CORE-7) ------------------------------------------ */

/*
 * The name an authenticator app shows beside the issuer: what the
 * member signs in with (the tenant's login identifier).
 */
static void
account_label(struct ctx *c, char *out, size_t len)
{
	struct dir_user	 u;
	const char	*l = NULL;
	int		 mail_first;

	/* Central IT signs in with the uid itself. */
	if (c->tenant == NULL)
		l = c->sess.uid;
	else if (dir_get_uid(c->app->dir, c->tenant, c->sess.uid, &u) > 0) {
		mail_first = c->tenant->login_kind == LOGIN_EMAIL_OR_MEMBER;
		if (mail_first && u.mail[0] != '\0')
			l = u.mail;
		else if (u.number[0] != '\0')
			l = u.number;
		else if (u.mail[0] != '\0')
			l = u.mail;
	}
	snprintf(out, len, "%s", l != NULL ? l : (c->sess.name[0] != '\0' ?
	    c->sess.name : c->sess.uid));
}

static const char *
issuer(const struct ctx *c)
{
	if (c->tenant == NULL)
		return "shikaku";
	return strcmp(c->lang, "en") == 0 ? c->tenant->name_en :
	    c->tenant->name_ja;
}

/* The otpauth URI of a pending secret, for the QR code and the link. */
static int
pending_uri(struct ctx *c, const struct totp_row *row, struct buf *uri)
{
	char	 b32[TOTP_B32_LEN], label[256];
	int	 rc;

	account_label(c, label, sizeof(label));
	rc = totp_base32(row->secret, row->len, b32, sizeof(b32));
	if (rc == 0)
		rc = totp_uri(issuer(c), label, b32, uri);
	explicit_bzero(b32, sizeof(b32));
	return rc;
}

/* The pending secret, made (and stored) if there is none yet. */
static int
pending_secret(struct ctx *c, struct totp_row *row)
{
	unsigned char	 s[TOTP_SECRET_LEN];
	int		 rc;

	if ((rc = dbq_totp_get(c->app->db, ctx_tkey(c), c->sess.uid,
	    row)) < 0 || row->enabled || row->len > 0)
		goto out;
	rc = -1;
	if (totp_secret_new(s, sizeof(s)) == -1 ||
	    dbq_totp_pending(c->app->db, ctx_tkey(c), c->sess.uid, s,
	    sizeof(s)) < 0)
		goto out;
	/* Read back: a concurrent request may have stored its own. */
	rc = dbq_totp_get(c->app->db, ctx_tkey(c), c->sess.uid, row);
out:
	explicit_bzero(s, sizeof(s));
	return rc;
}

/*
 * The TOTP page.  Not enabled: the pending secret as QR code and text,
 * and the form for the first code.  Enabled: the state, a form for a
 * new set of recovery codes and (unless the tenant requires TOTP) one
 * to turn it off.  form/res: the form that failed and its errors.
 */
static enum result
show_totp(struct ctx *c, const char *form, const struct form_result *res)
{
	struct totp_row	 row;
	struct buf	 uri = { NULL, 0, 0 };
	char		 b32[TOTP_B32_LEN], grouped[TOTP_B32_LEN * 2];
	xmlNodePtr	 t, f;
	const char	*next = strcmp(c->method, "POST") == 0 ?
			    kv_str(&c->form, "next") : kv_str(&c->query, "next");
	size_t		 i, o;
	int		 left;
	enum result	 r = RES_UNAVAIL;

	memset(b32, 0, sizeof(b32));
	memset(grouped, 0, sizeof(grouped));
	if (pending_secret(c, &row) < 0)
		goto out;
	r = RES_INTERNAL;
	if (model_new(c, "account-totp") == -1)
		goto out;
	t = model_node(c->content, "totp");
	model_attr(t, "required", totp_required(c) ? "1" : "0");
	if (row.enabled) {
		model_attr(t, "state", "enabled");
		left = dbq_recovery_left(c->app->db, ctx_tkey(c), c->sess.uid);
		if (left >= 0)
			model_attrf(t, "recovery-left", "%d", left);
		f = model_form(c, "account-recovery", "/account/recovery",
		    recovery_fields, NF(recovery_fields), NULL,
		    strcmp(form, "account-recovery") == 0 ? res : NULL,
		    "btn.account.recovery");
		model_attr(form_field(f, "code"), "autocomplete",
		    "one-time-code");
		if (!totp_required(c)) {
			f = model_form(c, "account-totp-disable",
			    "/account/totp/disable", disable_fields,
			    NF(disable_fields), NULL,
			    strcmp(form, "account-totp-disable") == 0 ? res :
			    NULL, "btn.account.totp-disable");
			model_attr(form_field(f, "password"), "autocomplete",
			    "current-password");
			model_attr(form_field(f, "otp"), "autocomplete",
			    "one-time-code");
		}
		r = RES_OK;
		goto out;
	}
	/* Pending: the secret is shown now and never after enabling. */
	model_attr(t, "state", "pending");
	if (totp_base32(row.secret, row.len, b32, sizeof(b32)) == -1 ||
	    pending_uri(c, &row, &uri) == -1)
		goto out;
	for (i = o = 0; b32[i] != '\0'; i++) {
		if (i > 0 && i % 4 == 0)
			grouped[o++] = ' ';
		grouped[o++] = b32[i];
	}
	grouped[o] = '\0';
	model_attr(model_node(t, "qr"), "src", "/account/totp/qr.svg");
	model_text(t, "secret", grouped);
	model_text(t, "uri", uri.data);
	f = model_form(c, "account-totp", "/account/totp", confirm_fields,
	    NF(confirm_fields), NULL, res, "btn.account.totp-enable");
	model_attr(form_field(f, "code"), "autocomplete", "one-time-code");
	model_attr(form_field(f, "code"), "inputmode", "numeric");
	if (local_path(next))
		form_hidden(f, "next", next);
	r = RES_OK;
out:
	explicit_bzero(&row, sizeof(row));
	explicit_bzero(b32, sizeof(b32));
	explicit_bzero(grouped, sizeof(grouped));
	if (uri.data != NULL)
		explicit_bzero(uri.data, uri.len);
	buf_free(&uri);
	return r;
}

/* Codes shown once, on the response that made them. */
static enum result
show_codes(struct ctx *c, const char *name, char codes[RECOVERY_N][12],
    const char *next)
{
	xmlNodePtr	 rc;
	size_t		 i;
	enum result	 r = RES_INTERNAL;

	if (model_new(c, name) == -1)
		goto out;
	rc = model_node(c->content, "recovery-codes");
	if (local_path(next))
		model_attr(rc, "next", next);
	for (i = 0; i < RECOVERY_N; i++)
		model_text(rc, "code", codes[i]);
	r = RES_OK;
out:
	return r;
}

static enum result
page_account_totp_get(struct ctx *c)
{
	return show_totp(c, "", NULL);
}

/*
 * Turn TOTP on at step with the recovery codes, audited and mailed, in
 * one transaction.  1: done; 0: another request enabled it first; -1.
 */
static int
totp_enrol(struct ctx *c, long long step,
    char codes[RECOVERY_N][12])
{
	struct dir_user	 u;
	int		 k = -1;

	if (dir_get_uid(c->app->dir, c->tenant, c->sess.uid, &u) <= 0)
		memset(&u, 0, sizeof(u));	/* no mail; enrol anyway */
	if (db_begin(c->app->db) <= 0)
		return -1;
	if ((k = dbq_totp_enable(c->app->db, ctx_tkey(c), c->sess.uid,
	    step)) <= 0 ||
	    dbq_recovery_replace(c->app->db, ctx_tkey(c), c->sess.uid,
	    codes) <= 0 ||
	    audit_log(c->app->db, ctx_tkey(c), c->sess.uid, "totp.enable", NULL,
	    c->remote, NULL) <= 0 ||
	    account_mail(c, &u, "totp_enabled") < 0) {
		(void)db_rollback(c->app->db);
		return k == 0 ? 0 : -1;
	}
	if (db_commit(c->app->db) <= 0) {
		(void)db_rollback(c->app->db);
		return -1;
	}
	return 1;
}

/* POST /account/totp: the first code turns the pending secret on. */
static enum result
page_account_totp_post(struct ctx *c)
{
	struct form_result	 res;
	struct totp_row		 row;
	char			 code[TOTP_DIGITS + 1];
	char			 codes[RECOVERY_N][12];
	long long		 step;
	int			 k;
	enum result		 r = RES_UNAVAIL;

	memset(&row, 0, sizeof(row));
	memset(codes, 0, sizeof(codes));
	if (form_validate(confirm_fields, NF(confirm_fields), &c->form,
	    &res) == -1) {
		r = show_totp(c, "account-totp", &res);
		goto out;
	}
	if ((k = dbq_totp_get(c->app->db, ctx_tkey(c), c->sess.uid, &row)) < 0)
		goto out;
	if (k == 0 || row.enabled || row.len == 0) {
		/* Already on (another tab), or nothing pending. */
		r = redirect_to(c, "/account/totp");
		goto out;
	}
	k = totp_code_normalize(kv_str(&c->form, "code"), code,
	    sizeof(code)) == 0 ? totp_check(row.secret, row.len, code,
	    time(NULL), row.last_step, &step) : 0;
	if (k <= 0) {
		form_error_add(&res, "code", "err.totp");
		r = k < 0 ? RES_INTERNAL : show_totp(c, "account-totp", &res);
		goto out;
	}
	if (recovery_codes_new(codes) == -1) {
		r = RES_INTERNAL;
		goto out;
	}
	if ((k = totp_enrol(c, step, codes)) <= 0) {
		if (k == 0)	/* the other request won */
			r = redirect_to(c, "/account/totp");
		goto out;
	}
	r = show_codes(c, "account-totp-done", codes,
	    kv_str(&c->form, "next"));
out:
	explicit_bzero(&row, sizeof(row));
	explicit_bzero(code, sizeof(code));
	explicit_bzero(codes, sizeof(codes));
	return r;
}

/* GET /account/totp/qr.svg: only while a secret is pending. */
static enum result
page_account_totp_qr(struct ctx *c)
{
	struct totp_row	 row;
	struct buf	 uri = { NULL, 0, 0 };
	enum result	 r = RES_UNAVAIL;
	int		 k;

	if ((k = dbq_totp_get(c->app->db, ctx_tkey(c), c->sess.uid, &row)) < 0)
		goto out;
	r = RES_NOTFOUND;
	if (k == 0 || row.enabled || row.len == 0)
		goto out;
	r = RES_INTERNAL;
	if (pending_uri(c, &row, &uri) == -1 ||
	    totp_qr_svg(uri.data, &c->body) == -1) {
		buf_reset(&c->body);
		goto out;
	}
	c->ctype = "image/svg+xml";
	r = RES_OK;
out:
	explicit_bzero(&row, sizeof(row));
	if (uri.data != NULL)
		explicit_bzero(uri.data, uri.len);
	buf_free(&uri);
	return r;
}

/* POST /account/totp/disable: the password and a code (or recovery). */
static enum result
page_account_totp_disable(struct ctx *c)
{
	struct form_result	 res;
	struct dir_user		 u;
	int			 k, recovery;
	enum result		 r = RES_UNAVAIL;

	if (totp_required(c)) {
		r = RES_FORBIDDEN;	/* the form is not offered either */
		goto out;
	}
	if (form_validate(disable_fields, NF(disable_fields), &c->form,
	    &res) == -1) {
		r = show_totp(c, "account-totp-disable", &res);
		goto out;
	}
	if ((k = dir_get_uid(c->app->dir, c->tenant, c->sess.uid, &u)) <= 0) {
		r = k < 0 ? RES_UNAVAIL : RES_INTERNAL;
		goto out;
	}
	if (account_locked(c->app->db, ctx_tkey(c), c->sess.uid) > 0) {
		r = show_totp(c, "", NULL);
		if (r == RES_OK)
			model_error(c, "err.account.locked", NULL);
		goto out;
	}
	if ((k = dir_check_password(c->app->dir, u.dn,
	    kv_str(&c->form, "password"))) <= 0) {
		if (k < 0 || record_failure(c, "totp disable", NULL) < 0)
			goto out;
		form_error_add(&res, "password", "err.password-current");
		r = show_totp(c, "account-totp-disable", &res);
		goto out;
	}
	if ((k = factor_check(c, kv_str(&c->form, "otp"), 1,
	    &recovery, NULL, NULL)) <= 0) {
		if (k < 0)
			goto out;
		form_error_add(&res, "otp", "err.totp");
		r = show_totp(c, "account-totp-disable", &res);
		goto out;
	}
	if (db_begin(c->app->db) <= 0)
		goto out;
	if (dbq_totp_disable(c->app->db, ctx_tkey(c), c->sess.uid) < 0 ||
	    audit_log(c->app->db, ctx_tkey(c), c->sess.uid, "totp.disable",
	    NULL, c->remote, recovery ? "recovery code" : NULL) <= 0 ||
	    account_mail(c, &u, "totp_disabled") < 0 ||
	    db_commit(c->app->db) <= 0) {
		(void)db_rollback(c->app->db);
		goto out;
	}
	r = redirect_to(c, "/account?done=totp-off");
out:
	return r;
}

/* POST /account/recovery: a current code buys a new set of ten. */
static enum result
page_account_recovery(struct ctx *c)
{
	struct form_result	 res;
	char			 codes[RECOVERY_N][12];
	int			 k, recovery;
	enum result		 r = RES_UNAVAIL;

	memset(codes, 0, sizeof(codes));
	if (form_validate(recovery_fields, NF(recovery_fields), &c->form,
	    &res) == -1) {
		r = show_totp(c, "account-recovery", &res);
		goto out;
	}
	if ((k = factor_check(c, kv_str(&c->form, "code"), 0,
	    &recovery, NULL, NULL)) <= 0) {
		if (k < 0)
			goto out;
		form_error_add(&res, "code", "err.totp");
		r = show_totp(c, "account-recovery", &res);
		goto out;
	}
	if (recovery_codes_new(codes) == -1) {
		r = RES_INTERNAL;
		goto out;
	}
	if (db_begin(c->app->db) <= 0)
		goto out;
	if (dbq_recovery_replace(c->app->db, ctx_tkey(c), c->sess.uid,
	    codes) <= 0 ||
	    audit_log(c->app->db, ctx_tkey(c), c->sess.uid, "recovery.renew",
	    NULL, c->remote, NULL) <= 0 ||
	    db_commit(c->app->db) <= 0) {
		(void)db_rollback(c->app->db);
		goto out;
	}
	r = show_codes(c, "account-recovery-done", codes, NULL);
out:
	explicit_bzero(codes, sizeof(codes));
	return r;
}

/* ---- sessions and language ------------------------------------------- */

static enum result
page_account_end_others(struct ctx *c)
{
	enum result	 r = RES_UNAVAIL;

	if (db_begin(c->app->db) <= 0 || db_end(c->app->db,
	    session_end_others(c) >= 0 && audit_log(c->app->db, ctx_tkey(c),
	    c->sess.uid, "session.end-others", NULL, c->remote, NULL) > 0) < 0)
		goto out;
	r = redirect_to(c, "/account?done=sessions");
out:
	return r;
}

/* CORE-22: stored with the account, so every device follows it. */
static enum result
page_account_lang(struct ctx *c)
{
	struct form_result	 res;
	const char		*lang;
	enum result		 r = RES_BADREQ;

	if (form_validate(lang_fields, NF(lang_fields), &c->form, &res) == -1)
		goto out;
	lang = kv_str(&c->form, "lang");
	r = RES_UNAVAIL;
	if (db_begin(c->app->db) <= 0 || db_end(c->app->db,
	    dbq_account_set_lang(c->app->db, ctx_tkey(c), c->sess.uid,
	    lang) >= 0 && audit_log(c->app->db, ctx_tkey(c), c->sess.uid,
	    "account.lang", NULL, c->remote, lang) > 0) < 0)
		goto out;
	/* Signed out, the cookie keeps the choice on this browser. */
	buf_printf(&c->hdrs, "Set-Cookie: lang=%s; Path=/; Max-Age=31536000; "
	    "SameSite=Lax; HttpOnly\r\n", lang);
	r = redirect_to(c, "/account?done=lang");
out:
	return r;
}
