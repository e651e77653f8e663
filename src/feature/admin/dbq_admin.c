/*
 * dbq_admin.c — the SQL of the tenant admin's console (ADM-1).  Every
 * statement is bound to the request's tenant; windows compare against
 * the clock passed in (clock_now_sql()), never NOW().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "db.h"
#include "dbq.h"
#include "mail.h"

/*
 * q as a LIKE pattern matching it anywhere: "%q%" with q's own % _ and
 * backslash escaped; cut short (on a character) rather than overflow.
 */
void
adm_like(const char *q, char *like, size_t len)
{
	size_t	 i, o = 0, n;

	if (len < 3) {
		if (len > 0)
			like[0] = '\0';
		return;
	}
	like[o++] = '%';
	for (i = 0; q[i] != '\0'; i += n) {
		n = (q[i] & 0x80) == 0 ? 1 : (q[i] & 0xe0) == 0xc0 ? 2 :
		    (q[i] & 0xf0) == 0xe0 ? 3 : 4;
		if (o + n + 1 + (n == 1) >= len || strnlen(q + i, n) < n)
			break;
		if (n == 1 && (q[i] == '%' || q[i] == '_' || q[i] == '\\'))
			like[o++] = '\\';
		memcpy(like + o, q + i, n);
		o += n;
	}
	like[o++] = '%';
	like[o] = '\0';
}

/*
 * The member directory: one statement, one page (ADM_PAGE_ROWS + 1
 * rows, the last telling there is a next page).  q matches the uid,
 * the member number or 医籍登録番号 exactly, the mail, the name or its
 * kana partially (like is the escaped "%q%").
 */
struct dbres *
dbq_adm_members(struct db *d, const char *tenant, const char *now,
    const struct adm_search *s)
{
	char		 like[400];
	const char	*q = s->q ? s->q : "";

	adm_like(q, like, sizeof(like));
	return dbres_cols(db_select(d,
	    "SELECT a.uid, m.member_no, m.name_kanji, m.name_kana, m.email, "
	    "COALESCE(a.locked_until > ?, 0), a.totp_enabled, "
	    "(SELECT GROUP_CONCAT(r.role ORDER BY r.role) FROM role r "
	    "WHERE r.tenant = a.tenant AND r.uid = a.uid) "
	    "FROM account a LEFT JOIN member m "
	    "ON m.tenant = a.tenant AND m.uid = a.uid "
	    "WHERE a.tenant = ? "
	    "AND (? = '' OR a.uid = ? OR m.member_no = ? OR m.regno = ? "
	    "OR m.email LIKE ? OR m.name_kanji LIKE ? OR m.name_kana LIKE ? "
	    "OR REPLACE(m.name_kanji, ' ', '') LIKE REPLACE(?, ' ', '') "
	    "OR REPLACE(m.name_kana, ' ', '') LIKE REPLACE(?, ' ', '')) "
	    "AND (? = '' OR EXISTS (SELECT 1 FROM role r2 WHERE "
	    "r2.tenant = a.tenant AND r2.uid = a.uid AND r2.role = ?)) "
	    "AND (? = '' OR (? = 'locked' AND a.locked_until > ?) "
	    "OR (? = 'totp' AND a.totp_enabled = 1) "
	    "OR (? = 'nototp' AND a.totp_enabled = 0) "
	    "OR (? = 'pending' AND m.uid IS NOT NULL "
	    "AND m.activated_at IS NULL)) "
	    "ORDER BY a.uid LIMIT ? OFFSET ?",
	    "sssssssssssssssssssii", now, tenant,
	    q, q, q, q, like, like, like, like, like,
	    s->role, s->role,
	    s->state, s->state, now, s->state, s->state, s->state,
	    (long long)ADM_PAGE_ROWS + 1, s->page * ADM_PAGE_ROWS),
	    ADM_MEMBER_COL__MAX);
}

/* One account of the tenant with its record, roles and sessions. */
struct dbres *
dbq_adm_member(struct db *d, const char *tenant, const char *now,
    const char *uid)
{
	return dbres_cols(db_select(d,
	    "SELECT a.uid, m.member_no, m.name_kanji, m.name_kana, m.email, "
	    "DATE_FORMAT(m.birth_date, '%Y-%m-%d'), m.phone, m.work_name, "
	    "DATE_FORMAT(m.activated_at, '%Y-%m-%d %H:%i'), "
	    "COALESCE(a.locked_until > ?, 0), "
	    "DATE_FORMAT(a.locked_until, '%Y-%m-%d %H:%i'), a.failures, "
	    "a.totp_enabled, a.must_change, a.terms_version, "
	    "DATE_FORMAT(a.terms_accepted, '%Y-%m-%d %H:%i'), "
	    "(SELECT GROUP_CONCAT(r.role ORDER BY r.role) FROM role r "
	    "WHERE r.tenant = a.tenant AND r.uid = a.uid), "
	    "(SELECT COUNT(*) FROM session s WHERE s.tenant = a.tenant "
	    "AND s.uid = a.uid AND s.expires_at > ?), "
	    "(SELECT DATE_FORMAT(MAX(au.at), '%Y-%m-%d %H:%i') FROM audit au "
	    "WHERE au.tenant = a.tenant AND au.actor = a.uid "
	    "AND au.action IN ('login', 'login.password')) "
	    "FROM account a LEFT JOIN member m "
	    "ON m.tenant = a.tenant AND m.uid = a.uid "
	    "WHERE a.tenant = ? AND a.uid = ?",
	    "ssss", now, now, tenant, uid), ADM_ONE_COL__MAX);
}

/*
 * What touched the member, in one statement: their applications of
 * every feature, the mails sent to their record's address, and the
 * audit lines they did or that name them, ADM_HIST_ROWS of each.
 */
struct dbres *
dbq_adm_history(struct db *d, const char *tenant, const char *uid)
{
	return dbres_cols(db_select(d,
	    "(SELECT 'app', DATE_FORMAT(ap.created_at, '%Y-%m-%d %H:%i'), "
	    "CONCAT(o.kind, ' ', o.year), ap.state, ap.number, NULL "
	    "FROM app ap JOIN offering o ON o.id = ap.offering_id "
	    "WHERE ap.tenant = ? AND ap.uid = ? "
	    "ORDER BY ap.created_at DESC LIMIT ?) "
	    "UNION ALL "
	    "(SELECT 'mail', DATE_FORMAT(ob.created_at, '%Y-%m-%d %H:%i'), "
	    "ob.template, ob.state, ob.subject, ob.last_error FROM outbox ob "
	    "WHERE ob.tenant = ? AND ob.rcpt = (SELECT m.email FROM member m "
	    "WHERE m.tenant = ? AND m.uid = ?) "
	    "ORDER BY ob.created_at DESC LIMIT ?) "
	    "UNION ALL "
	    "(SELECT 'audit', DATE_FORMAT(au.at, '%Y-%m-%d %H:%i:%s'), "
	    "au.action, au.actor, au.detail, NULL FROM audit au "
	    "WHERE au.tenant = ? AND (au.actor = ? OR au.object = ?) "
	    "ORDER BY au.at DESC LIMIT ?)",
	    "ssisssisssi", tenant, uid, (long long)ADM_HIST_ROWS,
	    tenant, tenant, uid, (long long)ADM_HIST_ROWS,
	    tenant, uid, uid, (long long)ADM_HIST_ROWS), ADM_HIST_COL__MAX);
}

/* Columns of the account lock below. */
enum adm_lock_col {
	ADM_LOCK_COL_LOCKED,
	ADM_LOCK_COL_TOTP,
	ADM_LOCK_COL_SESSIONS,
	ADM_LOCK_COL__MAX
};

/*
 * Lock the account's row for the action (its state cannot change
 * under it): whether it is locked now, TOTP on, live sessions.  1 the
 * account exists, 0 not, -1 error.
 */
int
dbq_adm_account_lock(struct db *d, const char *tenant, const char *uid,
    const char *now, int *locked, int *totp, long long *sessions)
{
	struct dbres	*r;
	int		 rc = -1;

	r = dbres_cols(db_select(d,
	    "SELECT COALESCE(a.locked_until > ?, 0), a.totp_enabled, "
	    "(SELECT COUNT(*) FROM session s WHERE s.tenant = a.tenant "
	    "AND s.uid = a.uid AND s.expires_at > ?) "
	    "FROM account a WHERE a.tenant = ? AND a.uid = ? FOR UPDATE",
	    "ssss", now, now, tenant, uid), ADM_LOCK_COL__MAX);
	if (r == NULL)
		goto out;
	rc = r->nrows > 0;
	if (rc) {
		*locked = strcmp(dbres_get(r, 0, ADM_LOCK_COL_LOCKED), "1") == 0;
		*totp = strcmp(dbres_get(r, 0, ADM_LOCK_COL_TOTP), "1") == 0;
		*sessions = strtoll(dbres_get(r, 0, ADM_LOCK_COL_SESSIONS),
		    NULL, 10);
	}
out:
	dbres_free(r);
	return rc;
}

/* TOTP off, its secret and recovery codes gone: a fresh enrolment. */
int
dbq_adm_totp_reset(struct db *d, const char *tenant, const char *uid)
{
	if (db_exec(d, "DELETE FROM recovery_code WHERE tenant = ? "
	    "AND uid = ?", "ss", tenant, uid) < 0)
		return -1;
	return db_exec(d, "UPDATE account SET totp_enabled = 0, "
	    "totp_secret = NULL, totp_last_step = 0 WHERE tenant = ? "
	    "AND uid = ? AND totp_enabled = 1", "ss", tenant, uid);
}

/* Every session of the account: signed out everywhere. */
int
dbq_adm_sessions_end(struct db *d, const char *tenant, const char *uid,
    const char *now)
{
	(void)now;
	return db_exec(d, "DELETE FROM session WHERE tenant = ? AND uid = ?",
	    "ss", tenant, uid);
}

/* The tenant's administrators, their rows locked; -1 error. */
long long
dbq_adm_admins(struct db *d, const char *tenant)
{
	struct dbres	*r;
	long long	 n = -1;

	r = db_select(d, "SELECT uid FROM role WHERE tenant = ? "
	    "AND role = 'tenant_admin' FOR UPDATE", "s", tenant);
	if (r != NULL)
		n = (long long)r->nrows;
	dbres_free(r);
	return n;
}

/*
 * The audit search (ADM-1, CORE-15): actor and object exact, action
 * exact or a prefix ending in '.' ("member." every member action),
 * dates inclusive.  enum audit_col (dbq.h), newest first.
 */
struct dbres *
dbq_adm_audit(struct db *d, const char *tenant,
    const struct adm_audit_filter *f)
{
	char	 prefix[80];

	snprintf(prefix, sizeof(prefix), "%s%%", f->action);
	return dbres_cols(db_select(d,
	    "SELECT DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s'), tenant, actor, "
	    "action, object, ip, detail FROM audit WHERE tenant = ? "
	    "AND (? = '' OR actor = ?) AND (? = '' OR object = ?) "
	    "AND (? = '' OR action = ? OR (RIGHT(?, 1) = '.' "
	    "AND action LIKE ?)) "
	    "AND (? = '' OR at >= ?) "
	    "AND (? = '' OR at < DATE_ADD(?, INTERVAL 1 DAY)) "
	    "ORDER BY id DESC LIMIT ?",
	    "sssssssssssssi", tenant, f->actor, f->actor, f->object,
	    f->object, f->action, f->action, f->action, prefix,
	    f->from, f->from, f->to, f->to, f->limit), AUDIT_COL__MAX);
}

/*
 * The outbox search (ADM-1, CORE-14): the address partially ("" any),
 * the state ("" any).  enum outbox_list_col (mail.h), newest first.
 */
struct dbres *
dbq_adm_outbox(struct db *d, const char *tenant, const char *rcpt,
    const char *state, long long limit)
{
	char	 like[300];

	snprintf(like, sizeof(like), "%%%s%%", rcpt);
	return dbres_cols(db_select(d,
	    "SELECT id, DATE_FORMAT(created_at, '%Y-%m-%d %H:%i'), template, "
	    "rcpt, subject, state, attempts, "
	    "DATE_FORMAT(sent_at, '%Y-%m-%d %H:%i'), last_error "
	    "FROM outbox WHERE tenant = ? AND (? = '' OR rcpt LIKE ?) "
	    "AND (? = '' OR state = ?) ORDER BY id DESC LIMIT ?",
	    "sssssi", tenant, rcpt, like, state, state, limit),
	    OUTBOX_LIST_COL__MAX);
}
