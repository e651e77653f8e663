/*
 * admin_members.c — the tenant admin's member directory (ADM-1,
 * CORE-16): search the tenant's accounts by identifier, name or kana
 * (partial), mail, role and state in one paged statement over the
 * database's copy of the record (never one directory query per row);
 * a member's page (record, account state, applications of every
 * feature, mails, audit lines: two statements); and the actions:
 * unlock (as /admin/unlock does), reset TOTP (the member is told by
 * mail), end sessions, grant or revoke a role the tenant's features
 * define.  Each action needs a reason, is audited with it in its own
 * transaction, and answers 409 when the account's state moved under
 * the form (already unlocked, role already held, ...).  The last
 * tenant admin cannot be removed.  A temporary password (issue 14) is
 * generated here, mailed to the member (a secret mail: its body is
 * emptied after mail_secret_days), must be changed at the next sign-in
 * and expires after TEMP_VALID_S; the directory takes it last, after
 * the account row, the mail and the audit line, and the transaction
 * commits only once it did.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "admin.h"
#include "clock.h"
#include "conf.h"
#include "ctx.h"
#include "db.h"
#include "directory.h"
#include "feature.h"
#include "form.h"
#include "mail.h"
#include "session.h"
#include "tenant.h"

#define MEMBERS_PATH	"/admin/members"
#define UID_MAX		64
#define TEMP_VALID_S	(7 * 24 * 3600)	/* as shikakuctl's */
#define TEMP_PW_LEN	16

/* A member's actions: the form's action value, audit action, outcome. */
enum adm_act { ACT_UNLOCK, ACT_TOTP, ACT_SESSIONS, ACT_GRANT, ACT_REVOKE,
	ACT_TEMP };
static const struct {
	const char	*name;		/* action= in the form, done= after */
	const char	*audit;		/* audit action */
} acts[] = {
	[ACT_UNLOCK] = { "unlock", "unlock" },	/* as /admin/unlock */
	[ACT_TOTP] = { "totp-reset", "member.totp-reset" },
	[ACT_SESSIONS] = { "sessions-end", "member.sessions-end" },
	[ACT_GRANT] = { "role-grant", "role.grant" },
	[ACT_REVOKE] = { "role-revoke", "role.revoke" },
	[ACT_TEMP] = { "temp-password", "member.temp-password" },
};
#define NACTS	(sizeof(acts) / sizeof(acts[0]))

static const char *const states[] = { "locked", "totp", "nototp",
	"pending", NULL };

/* A uid as the directory makes them: short, letters, digits, ._- */
static int
uid_ok(const char *s)
{
	size_t	 n = strlen(s);

	return n > 0 && n <= UID_MAX && strspn(s,
	    "abcdefghijklmnopqrstuvwxyz0123456789._-") == n;
}

static int
in_list(const char *s, const char *const *list)
{
	size_t	 i;

	for (i = 0; list[i] != NULL; i++)
		if (strcmp(list[i], s) == 0)
			return 1;
	return 0;
}

/*
 * The roles a tenant admin may grant here: tenant_admin and the roles
 * of the tenant's enabled features (CORE-16), each known to role_defs.
 * Calls fn for each; 1 when name is one of them (name NULL: all).
 */
static int
roles_each(const struct ctx *c, const char *name, xmlNodePtr into)
{
	const struct feature_role	*r;
	size_t				 i;
	int				 found = 0;

	if (name != NULL && strcmp(name, "tenant_admin") == 0)
		return 1;
	if (into != NULL)
		model_attr(model_node(into, "role"), "name", "tenant_admin");
	for (i = 0; features[i] != NULL; i++) {
		if (!features[i]->always &&
		    !(c->tenant->feature_mask & (1U << i)))
			continue;
		for (r = features[i]->roles; r != NULL && r->name != NULL;
		    r++) {
			if (!role_valid(r->name, c->tenant->slug))
				continue;
			if (name != NULL && strcmp(name, r->name) == 0)
				found = 1;
			if (into != NULL)
				model_attr(model_node(into, "role"), "name",
				    r->name);
		}
	}
	return found;
}

/* ---- /admin/members ------------------------------------------------ */

static const char *
qstr(struct ctx *c, const char *k, size_t max)
{
	const char	*v = kv_str(&c->query, k);

	return v == NULL || strlen(v) > max ? "" : v;
}

static enum result
page_members(struct ctx *c)
{
	struct adm_search	 s;
	struct dbres		*r = NULL;
	xmlNodePtr		 list, e;
	char			 now[32];
	const char		*p;
	size_t			 i, k;
	enum result		 res = RES_UNAVAIL;

	s.q = qstr(c, "q", 100);
	s.role = qstr(c, "role", 32);
	s.state = qstr(c, "state", 16);
	if (*s.state != '\0' && !in_list(s.state, states))
		s.state = "";
	p = qstr(c, "page", 6);
	s.page = *p != '\0' && valid_number(p) ? atoll(p) : 0;
	clock_now_sql(now, sizeof(now));
	if ((r = dbq_adm_members(c->app->db, c->tenant->slug, now, &s)) ==
	    NULL)
		goto out;
	res = RES_INTERNAL;
	if (model_new(c, "admin-members") == -1)
		goto out;
	list = model_node(c->content, "members");
	model_attr(list, "q", s.q);
	model_attr(list, "role", s.role);
	model_attr(list, "state", s.state);
	model_attrf(list, "page", "%lld", s.page);
	if (r->nrows > ADM_PAGE_ROWS)
		model_attrf(list, "next", "%lld", s.page + 1);
	roles_each(c, NULL, model_node(list, "roles"));
	for (i = 0; i < r->nrows && i < ADM_PAGE_ROWS; i++) {
		static const char *const attr[ADM_MEMBER_COL__MAX] = {
			"uid", "no", "name", "kana", "mail", "locked",
			"totp", "roles"
		};
		e = model_node(list, "member");
		for (k = 0; k < ADM_MEMBER_COL__MAX; k++)
			if (dbres_get(r, i, k) != NULL)
				model_attr(e, attr[k], dbres_get(r, i, k));
	}
	res = RES_OK;
out:
	dbres_free(r);
	return res;
}

/* ---- /admin/members/<uid> ------------------------------------------ */

/* The uid of the path, or NULL. */
static const char *
path_uid(const struct ctx *c)
{
	const char	*u = c->path + strlen(MEMBERS_PATH "/");

	return uid_ok(u) ? u : NULL;
}

/* The member's page: load (two statements), then draw. */
static enum result
show_member(struct ctx *c, const char *uid, const char *flash,
    const char *kind)
{
	static const char *const attr[ADM_ONE_COL__MAX] = {
		"uid", "no", "name", "kana", "mail", "birth", "phone",
		"work", "activated", "locked", "locked-until", "failures",
		"totp", "must-change", "terms", "terms-at", "roles",
		"sessions", "last-login"
	};
	static const char *const hattr[ADM_HIST_COL__MAX] = {
		"kind", "at", "what", "state", "text", "error"
	};
	struct dbres	*m = NULL, *h = NULL;
	xmlNodePtr	 mm, hist, e;
	char		 now[32];
	size_t		 i, k;
	enum result	 res = RES_UNAVAIL;

	clock_now_sql(now, sizeof(now));
	if ((m = dbq_adm_member(c->app->db, c->tenant->slug, now, uid)) ==
	    NULL)
		goto out;
	res = RES_NOTFOUND;
	if (m->nrows == 0)
		goto out;
	res = RES_UNAVAIL;
	if ((h = dbq_adm_history(c->app->db, c->tenant->slug, uid)) == NULL)
		goto out;
	res = RES_INTERNAL;
	if (model_new(c, "admin-member") == -1)
		goto out;
	if (flash != NULL)
		model_flash(c, flash, kind);
	mm = model_node(c->content, "member");
	model_attr(mm, "csrf", c->sess.csrf);
	if (strcmp(uid, c->sess.uid) == 0)
		model_attr(mm, "self", "1");
	for (k = 0; k < ADM_ONE_COL__MAX; k++)
		if (dbres_get(m, 0, k) != NULL)
			model_attr(mm, attr[k], dbres_get(m, 0, k));
	roles_each(c, NULL, model_node(mm, "grantable"));
	hist = model_node(mm, "history");
	for (i = 0; i < h->nrows; i++) {
		e = model_node(hist, "item");
		for (k = 0; k < ADM_HIST_COL__MAX; k++)
			if (dbres_get(h, i, k) != NULL)
				model_attr(e, hattr[k], dbres_get(h, i, k));
	}
	res = RES_OK;
out:
	dbres_free(m);
	dbres_free(h);
	return res;
}

static enum result
page_member_get(struct ctx *c)
{
	const char	*uid = path_uid(c), *done;
	char		 key[64];
	size_t		 i;

	if (uid == NULL)
		return RES_NOTFOUND;
	done = kv_str(&c->query, "done");
	for (i = 0; done != NULL && i < NACTS; i++)
		if (strcmp(done, acts[i].name) == 0) {
			snprintf(key, sizeof(key), "msg.adm.%s", acts[i].name);
			return show_member(c, uid, key, "success");
		}
	return show_member(c, uid, NULL, NULL);
}

/* TOTP was reset by the office: the member is told (totp_disabled). */
static int
totp_mail(struct ctx *c, const char *uid)
{
	struct dir_user	 u;
	const char	*vars[9];
	char		 base[300], when[32];
	int		 found;

	found = dir_get_uid(c->app->dir, c->tenant, uid, &u);
	if (found <= 0 || u.mail[0] == '\0')
		return found < 0 ? -1 : 0;
	snprintf(base, sizeof(base), "%s://%s", c->https ? "https" : "http",
	    c->host);
	clock_now_sql(when, sizeof(when));
	when[16] = '\0';
	vars[0] = "name";
	vars[1] = u.name;
	vars[2] = "mail";
	vars[3] = u.mail;
	vars[4] = "when";
	vars[5] = when;
	vars[6] = "ip";
	vars[7] = c->remote != NULL ? c->remote : "";
	vars[8] = NULL;
	return mail_queue(c->app->db, c->tenant, c->app->cfg->datadir, base,
	    "totp_disabled", u.mail, vars);
}

/*
 * A temporary password for uid: generated into pw, the account marked
 * (must change, expires), the member's mail queued, in the caller's
 * transaction; *u the directory entry for setting it.  1, 0 no such
 * entry or no address to tell (nothing done), -1 error.
 */
static int
temp_password(struct ctx *c, const char *uid, struct dir_user *u, char *pw,
    size_t pwlen)
{
	const char	*vars[13];
	char		 base[300], url[320], until[64];
	int		 found;

	if ((found = dir_get_uid(c->app->dir, c->tenant, uid, u)) <= 0 ||
	    u->mail[0] == '\0')
		return found < 0 ? -1 : 0;
	if (dir_gen_password(pw, pwlen) == -1 ||
	    account_set_temp(c->app->db, c->tenant->slug, uid,
	    TEMP_VALID_S) < 0)
		return -1;
	snprintf(base, sizeof(base), "%s://%s", c->https ? "https" : "http",
	    c->host);
	snprintf(url, sizeof(url), "%s/login", base);
	jst_format(clock_now() + TEMP_VALID_S, until, sizeof(until));
	vars[0] = "name";	vars[1] = u->name;
	vars[2] = "login_id";	vars[3] = u->number[0] != '\0' ?
	    u->number : u->mail;
	vars[4] = "password";	vars[5] = pw;
	vars[6] = "login_url";	vars[7] = url;
	vars[8] = "expires";	vars[9] = until;
	vars[10] = "mail";	vars[11] = u->mail;
	vars[12] = NULL;
	return mail_queue_secret(c->app->db, c->tenant, c->app->cfg->datadir,
	    base, "temp_password", u->mail, vars) > 0 ? 1 : -1;
}

/*
 * The action in its transaction with its audit line (and mail).  1
 * done, 0 stale (the state it acts on moved: 409), -2 it would remove
 * the last tenant admin, -3 no such account, -1 error.
 */
static int
act(struct ctx *c, enum adm_act a, const char *uid, const char *role,
    const char *reason)
{
	struct db	*db = c->app->db;
	struct dir_user	 u;
	const char	*t = c->tenant->slug;
	char		 now[32], detail[ADM_REASON_MAX * 4 + 64];
	char		 pw[TEMP_PW_LEN + 1] = "";
	long long	 sessions = 0, admins;
	int		 locked = 0, totp = 0, rc = -1, n;

	clock_now_sql(now, sizeof(now));
	if (db_begin(db) <= 0)
		return -1;
	if ((n = dbq_adm_account_lock(db, t, uid, now, &locked, &totp,
	    &sessions)) <= 0) {
		rc = n == 0 ? -3 : -1;
		goto out;
	}
	switch (a) {
	case ACT_UNLOCK:
		n = !locked ? 0 : account_unlock(db, t, uid) < 0 ? -1 : 1;
		break;
	case ACT_TOTP:
		n = !totp ? 0 : dbq_adm_totp_reset(db, t, uid);
		if (n > 0 && totp_mail(c, uid) < 0)
			n = -1;
		break;
	case ACT_SESSIONS:
		n = sessions == 0 ? 0 : dbq_adm_sessions_end(db, t, uid, now);
		break;
	case ACT_GRANT:
		n = role_grant(db, t, uid, role);
		break;
	case ACT_REVOKE:
		n = 1;
		if (strcmp(role, "tenant_admin") == 0) {
			if ((admins = dbq_adm_admins(db, t)) < 0)
				n = -1;
			else if (admins <= 1)
				n = -2;
		}
		if (n == 1)
			n = role_revoke(db, t, uid, role);
		break;
	case ACT_TEMP:
		n = temp_password(c, uid, &u, pw, sizeof(pw));
		break;
	}
	if (n <= 0 || n == -2) {
		rc = n;
		goto out;
	}
	if (role != NULL)
		snprintf(detail, sizeof(detail), "%s: %s", role, reason);
	else
		snprintf(detail, sizeof(detail), "%s", reason);
	if (audit_log(db, t, c->sess.uid, acts[a].audit, uid, c->remote,
	    detail) <= 0)
		goto out;
	/* The directory cannot join the transaction: it goes last. */
	if (a == ACT_TEMP && dir_set_password(c->app->dir, u.dn, pw) <= 0)
		goto out;
	rc = db_commit(db) > 0 ? 1 : -1;
out:
	explicit_bzero(pw, sizeof(pw));
	if (rc != 1)
		(void)db_rollback(db);
	return rc;
}

static enum result
page_member_post(struct ctx *c)
{
	const char	*uid = path_uid(c), *a, *role, *reason;
	char		 next[sizeof(MEMBERS_PATH) + UID_MAX + 40];
	size_t		 i;
	int		 rc;

	if (uid == NULL)
		return RES_NOTFOUND;
	a = kv_str(&c->form, "action");
	for (i = 0; a != NULL && i < NACTS; i++)
		if (strcmp(a, acts[i].name) == 0)
			break;
	if (a == NULL || i == NACTS)
		return RES_BADREQ;
	role = NULL;
	if (i == ACT_GRANT || i == ACT_REVOKE) {
		role = kv_str(&c->form, "role");
		if (role == NULL || !roles_each(c, role, NULL))
			return RES_BADREQ;
	}
	reason = kv_str(&c->form, "reason");
	reason = reason == NULL ? "" : reason + strspn(reason, " \t\r\n");
	if (*reason == '\0' || strlen(reason) > ADM_REASON_MAX * 3) {
		c->status_hint = 422;
		return show_member(c, uid, "msg.adm.reason-required",
		    "warning");
	}
	rc = act(c, (enum adm_act)i, uid, role, reason);
	if (rc == -3)
		return RES_NOTFOUND;
	if (rc == -1)
		return RES_UNAVAIL;
	if (rc == 0 || rc == -2) {
		c->status_hint = 409;
		return show_member(c, uid, rc == -2 ? "msg.adm.last-admin" :
		    "msg.adm.stale", "warning");
	}
	snprintf(next, sizeof(next), MEMBERS_PATH "/%s?done=%s", uid,
	    acts[i].name);
	return redirect_to(c, next);
}

const struct page admin_member_pages[] = {
	{ .name = "admin-members", .methods = M_GET, .path = MEMBERS_PATH,
	    .flags = PAGE_TENANT | PAGE_AUTH, .get = page_members,
	    .roles = ROLE_TENANT_ADMIN },
	{ .name = "admin-member", .methods = M_GET | M_POST,
	    .path = MEMBERS_PATH "/", .flags = PAGE_TENANT | PAGE_AUTH |
	    PAGE_PREFIX, .get = page_member_get, .post = page_member_post,
	    .roles = ROLE_TENANT_ADMIN },
	{ .name = NULL },
};
