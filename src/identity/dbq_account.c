/*
 * dbq_account.c — the portal's side of an account: the `account` row
 * (lockout, temporary password), roles and the audit log
 * (sql/002_identity.sql).  Prepared statements only; the tenant key is
 * the request's tenant slug or ACCOUNT_OPS, never user input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "buf.h"
#include "db.h"
#include "log.h"

/*
 * CORE-6.  After max_failures consecutive wrong passwords the account
 * is locked for first_s * 2^(locks so far), at most max_s: 1, 2, 4 …
 * minutes, then a day.  A successful sign-in forgets failures and
 * locks; an admin's unlock forgets failures but not locks, so someone
 * guessing on is locked longer each time.
 */
const struct lockout_policy lockout_policy = {
	5,		/* max_failures */
	60,		/* first_s: one minute */
	24 * 3600,	/* max_s: one day */
};

/* CORE-16: every role there is; central_it belongs to no tenant. */
const struct role_def role_defs[] = {
	{ "member",		ROLE_TENANT },
	{ "program_director",	ROLE_TENANT },
	{ "supervisor",		ROLE_TENANT },
	{ "society_reviewer",	ROLE_TENANT },
	{ "association_reviewer", ROLE_TENANT },
	{ "event_organizer",	ROLE_TENANT },
	{ "tenant_admin",	ROLE_TENANT },
	{ "central_it",		ROLE_OPS },
	{ NULL,			0 },
};

/* Attempts of account_failure() against concurrent failures. */
#define FAILURE_TRIES	8

static long long
num(const char *s)
{
	return s != NULL ? strtoll(s, NULL, 10) : 0;
}

/*
 * Seconds the lock_count-th lock lasts (0-based), by policy p: pure,
 * for the unit tests and for telling the member how long to wait.
 */
long long
lockout_seconds(const struct lockout_policy *p, int lock_count)
{
	long long	 s = p->first_s;
	int		 i;

	for (i = 0; i < lock_count && s < p->max_s; i++)
		s *= 2;
	return s < p->max_s ? s : p->max_s;
}

/*
 * Make sure tenant/uid has an account row (defaults: not locked, no
 * TOTP).  1 created, 0 it existed, <0 error.
 */
int
account_ensure(struct db *d, const char *tenant, const char *uid)
{
	int	 rc;

	rc = db_exec(d, "INSERT INTO account (tenant, uid) VALUES (?, ?)",
	    "ss", tenant, uid);
	return rc == DB_DUP ? 0 : rc;
}

/* account_get()'s columns, in its SELECT's order. */
enum account_col {
	ACCOUNT_COL_LANG,
	ACCOUNT_COL_MUST_CHANGE,
	ACCOUNT_COL_TEMP_LEFT,
	ACCOUNT_COL_FAILURES,
	ACCOUNT_COL_LOCK_COUNT,
	ACCOUNT_COL_LOCK_LEFT,
	ACCOUNT_COL_TOTP_ENABLED,
	ACCOUNT_COL_TERMS_VERSION,
	ACCOUNT_COL__MAX
};

/* The row of tenant/uid.  1 found (a filled), 0 no row, -1 error. */
int
account_get(struct db *d, const char *tenant, const char *uid,
    struct account *a)
{
	struct dbres	*r;
	int		 rc = -1;

	memset(a, 0, sizeof(*a));
	r = dbres_cols(db_select(d,
	    "SELECT lang, must_change, IF(temp_expires IS NULL, -1, "
	    "GREATEST(TIMESTAMPDIFF(SECOND, NOW(), temp_expires), 0)), "
	    "failures, lock_count, IF(locked_until IS NULL, 0, "
	    "GREATEST(TIMESTAMPDIFF(SECOND, NOW(), locked_until), 0)), "
	    "totp_enabled, terms_version "
	    "FROM account WHERE tenant = ? AND uid = ?",
	    "ss", tenant, uid), ACCOUNT_COL__MAX);
	if (r == NULL)
		goto out;
	rc = 0;
	if (r->nrows == 0)
		goto out;
	snprintf(a->lang, sizeof(a->lang), "%s",
	    dbres_get(r, 0, ACCOUNT_COL_LANG) ?
	    dbres_get(r, 0, ACCOUNT_COL_LANG) : "ja");
	a->must_change = (int)num(dbres_get(r, 0, ACCOUNT_COL_MUST_CHANGE));
	a->temp_left = num(dbres_get(r, 0, ACCOUNT_COL_TEMP_LEFT));
	a->failures = (int)num(dbres_get(r, 0, ACCOUNT_COL_FAILURES));
	a->lock_count = (int)num(dbres_get(r, 0, ACCOUNT_COL_LOCK_COUNT));
	a->lock_left = num(dbres_get(r, 0, ACCOUNT_COL_LOCK_LEFT));
	a->totp_enabled = (int)num(dbres_get(r, 0,
	    ACCOUNT_COL_TOTP_ENABLED));
	a->terms_version = (int)num(dbres_get(r, 0,
	    ACCOUNT_COL_TERMS_VERSION));
	rc = 1;
out:
	dbres_free(r);
	return rc;
}

/*
 * Is tenant/uid locked?  Seconds left (>0: refuse without checking the
 * password, and do not count it as a failure), 0 not locked or no row,
 * -1 error.
 */
int
account_locked(struct db *d, const char *tenant, const char *uid)
{
	struct dbres	*r;
	long long	 s;
	int		 rc = -1;

	r = db_select(d,
	    "SELECT TIMESTAMPDIFF(SECOND, NOW(), locked_until) FROM account "
	    "WHERE tenant = ? AND uid = ? AND locked_until > NOW()",
	    "ss", tenant, uid);
	if (r == NULL)
		goto out;
	rc = 0;
	if (r->nrows > 0) {
		s = num(dbres_scalar(r));
		rc = s < 1 ? 1 : (int)s;
	}
out:
	dbres_free(r);
	return rc;
}

/*
 * Record a wrong password for tenant/uid (creating the row if needed).
 * The max_failures-th consecutive one locks the account for
 * lockout_seconds(lock_count) and starts counting again.  1 this
 * failure locked the account (audit "lock"), 0 counted, -1 error.
 * Concurrent failures in other workers are not lost: the update only
 * applies to the values it read, else it reads again.
 */
/* account_failure()'s columns, in its SELECT's order. */
enum failure_col {
	FAILURE_COL_FAILURES,
	FAILURE_COL_LOCK_COUNT,
	FAILURE_COL__MAX
};

int
account_failure(struct db *d, const char *tenant, const char *uid)
{
	const struct lockout_policy	*p = &lockout_policy;
	struct dbres			*r = NULL;
	long long			 f0, l0, f, l, secs;
	int				 i, n, rc = -1;

	if (account_ensure(d, tenant, uid) < 0)
		return -1;
	for (i = 0; i < FAILURE_TRIES; i++) {
		r = dbres_cols(db_select(d, "SELECT failures, lock_count "
		    "FROM account WHERE tenant = ? AND uid = ?", "ss", tenant,
		    uid), FAILURE_COL__MAX);
		if (r == NULL || r->nrows == 0)
			break;
		f0 = num(dbres_get(r, 0, FAILURE_COL_FAILURES));
		l0 = num(dbres_get(r, 0, FAILURE_COL_LOCK_COUNT));
		dbres_free(r);
		r = NULL;
		f = f0 + 1;
		l = l0;
		secs = 0;
		if (f >= p->max_failures) {
			secs = lockout_seconds(p, (int)l0);
			f = 0;
			l = l0 + 1;
		}
		n = db_exec(d, "UPDATE account SET failures = ?, "
		    "lock_count = ?, locked_until = IF(? > 0, "
		    "NOW() + INTERVAL ? SECOND, locked_until) "
		    "WHERE tenant = ? AND uid = ? AND failures = ? AND "
		    "lock_count = ?",
		    "iiiissii", f, l, secs, secs, tenant, uid, f0, l0);
		if (n < 0)
			break;
		if (n > 0) {
			rc = secs > 0 ? 1 : 0;
			break;
		}
	}
	if (i == FAILURE_TRIES)
		log_warn("%s/%s: failure not recorded (contention)", tenant,
		    uid);
	dbres_free(r);
	return rc;
}

/* A successful sign-in: forget failures and locks.  1, 0 no row, -1. */
int
account_success(struct db *d, const char *tenant, const char *uid)
{
	return db_exec(d, "UPDATE account SET failures = 0, lock_count = 0, "
	    "locked_until = NULL WHERE tenant = ? AND uid = ?",
	    "ss", tenant, uid);
}

/*
 * An admin's unlock (CORE-6): the account may sign in at once; the
 * growth of the next lock is kept.  1 done, 0 no row, -1 error.
 */
int
account_unlock(struct db *d, const char *tenant, const char *uid)
{
	return db_exec(d, "UPDATE account SET failures = 0, "
	    "locked_until = NULL WHERE tenant = ? AND uid = ?",
	    "ss", tenant, uid);
}

/* 1 TOTP is on for tenant/uid, 0 off or no row, -1 error. */
int
account_totp_enabled(struct db *d, const char *tenant, const char *uid)
{
	struct dbres	*r;
	int		 rc = -1;

	r = db_select(d, "SELECT totp_enabled FROM account "
	    "WHERE tenant = ? AND uid = ?", "ss", tenant, uid);
	if (r != NULL)
		rc = r->nrows > 0 && num(dbres_scalar(r)) != 0;
	dbres_free(r);
	return rc;
}

/*
 * A temporary password was set (CORE-8): the member must choose a new
 * one at the next sign-in; it is valid for valid_s seconds (0: no
 * limit).  1 done, 0 no row, -1 error.
 */
int
account_set_temp(struct db *d, const char *tenant, const char *uid,
    long long valid_s)
{
	return db_exec(d, "UPDATE account SET must_change = 1, "
	    "temp_expires = IF(? > 0, NOW() + INTERVAL ? SECOND, NULL) "
	    "WHERE tenant = ? AND uid = ?",
	    "iiss", valid_s, valid_s, tenant, uid);
}

/* The member chose a password of their own.  1, 0 no row, -1 error. */
int
account_clear_temp(struct db *d, const char *tenant, const char *uid)
{
	return db_exec(d, "UPDATE account SET must_change = 0, "
	    "temp_expires = NULL WHERE tenant = ? AND uid = ?",
	    "ss", tenant, uid);
}

/*
 * 1 if role exists and may be held on tenant (central_it only on
 * ACCOUNT_OPS, the others only on tenants), else 0.
 */
int
role_valid(const char *role, const char *tenant)
{
	unsigned int	 scope;
	size_t		 i;

	if (role == NULL || tenant == NULL)
		return 0;
	scope = strcmp(tenant, ACCOUNT_OPS) == 0 ? ROLE_OPS : ROLE_TENANT;
	for (i = 0; role_defs[i].name != NULL; i++)
		if (strcmp(role_defs[i].name, role) == 0)
			return (role_defs[i].scope & scope) != 0;
	return 0;
}

/* role_list()'s one column, one row per role. */
enum role_col {
	ROLE_COL_ROLE,
	ROLE_COL__MAX
};

/*
 * tenant/uid's roles into buf, sorted, comma separated ("" for none).
 * The number of roles, or -1 (error, or buf too small).
 */
int
role_list(struct db *d, const char *tenant, const char *uid, char *buf,
    size_t len)
{
	struct dbres	*r;
	size_t		 i, at = 0, n;
	const char	*s;
	int		 rc = -1;

	if (len == 0)
		return -1;
	buf[0] = '\0';
	r = dbres_cols(db_select(d, "SELECT role FROM role WHERE tenant = ? "
	    "AND uid = ? ORDER BY role", "ss", tenant, uid), ROLE_COL__MAX);
	if (r == NULL)
		goto out;
	for (i = 0; i < r->nrows; i++) {
		s = dbres_get(r, i, ROLE_COL_ROLE) ?
		    dbres_get(r, i, ROLE_COL_ROLE) : "";
		n = strlen(s);
		if (at + (i > 0) + n >= len)
			goto out;
		if (i > 0)
			buf[at++] = ',';
		memcpy(buf + at, s, n + 1);
		at += n;
	}
	rc = (int)r->nrows;
out:
	if (rc == -1)
		buf[0] = '\0';
	dbres_free(r);
	return rc;
}

/* 1 tenant/uid holds role, 0 not, -1 error. */
int
role_has(struct db *d, const char *tenant, const char *uid,
    const char *role)
{
	struct dbres	*r;
	int		 rc = -1;

	r = db_select(d, "SELECT 1 FROM role WHERE tenant = ? AND uid = ? "
	    "AND role = ?", "sss", tenant, uid, role);
	if (r != NULL)
		rc = r->nrows > 0;
	dbres_free(r);
	return rc;
}

/*
 * Grant role (which must pass role_valid) to tenant/uid, creating the
 * account row if needed.  1 granted, 0 already held, -1 error.
 */
int
role_grant(struct db *d, const char *tenant, const char *uid,
    const char *role)
{
	int	 rc;

	if (!role_valid(role, tenant)) {
		log_warn("%s: no role '%s' here", tenant, role ? role : "");
		return -1;
	}
	if (account_ensure(d, tenant, uid) < 0)
		return -1;
	rc = db_exec(d, "INSERT INTO role (tenant, uid, role) "
	    "VALUES (?, ?, ?)", "sss", tenant, uid, role);
	return rc == DB_DUP ? 0 : rc;
}

/* Revoke role from tenant/uid.  1 revoked, 0 was not held, -1 error. */
int
role_revoke(struct db *d, const char *tenant, const char *uid,
    const char *role)
{
	return db_exec(d, "DELETE FROM role WHERE tenant = ? AND uid = ? "
	    "AND role = ?", "sss", tenant, uid, role);
}

/*
 * Copy at most max characters of in, replacing bytes that are not
 * UTF-8 with '?', so an odd value never costs the audit line.
 */
static const char *
cut(const char *in, size_t max, char *out, size_t outlen)
{
	const unsigned char	*s = (const unsigned char *)in;
	size_t			 i = 0, o = 0, chars = 0, n;

	if (in == NULL)
		return NULL;
	while (s[i] != '\0' && chars < max) {
		n = s[i] < 0x80 ? 1 : (s[i] & 0xe0) == 0xc0 ? 2 :
		    (s[i] & 0xf0) == 0xe0 ? 3 : (s[i] & 0xf8) == 0xf0 ? 4 : 0;
		if (n == 0 || strnlen(in + i, n) < n ||
		    !utf8_valid(in + i, n)) {
			if (o + 1 >= outlen)
				break;
			out[o++] = '?';
			i++;
		} else {
			if (o + n >= outlen)
				break;
			memcpy(out + o, in + i, n);
			o += n;
			i += n;
		}
		chars++;
	}
	out[o] = '\0';
	return out;
}

/*
 * Append one line to the audit log (CORE-15): who (actor uid, NULL for
 * anonymous), on which tenant (slug or ACCOUNT_OPS), what (action, e.g.
 * "login.fail", "lock", "role.grant"), on what (object), from where
 * (ip, NULL for local), and detail.  Values are cut to the column
 * sizes.  Never pass a password or a secret.  1 written, -1 error.
 */
int
audit_log(struct db *d, const char *tenant, const char *actor,
    const char *action, const char *object, const char *ip,
    const char *detail)
{
	/* Columns count characters; a UTF-8 character is up to 4 bytes. */
	char	 t[32 * 4 + 1], a[64 * 4 + 1], ac[64 * 4 + 1];
	char	 o[200 * 4 + 1], i[45 * 4 + 1], de[1000 * 4 + 1];

	return db_exec(d, "INSERT INTO audit (tenant, actor, action, object, "
	    "ip, detail) VALUES (?, ?, ?, ?, ?, ?)", "ssssss",
	    cut(tenant ? tenant : "", 32, t, sizeof(t)),
	    cut(actor, 64, a, sizeof(a)),
	    cut(action ? action : "", 64, ac, sizeof(ac)),
	    cut(object, 200, o, sizeof(o)),
	    cut(ip ? ip : "", 45, i, sizeof(i)),
	    cut(detail, 1000, de, sizeof(de))) > 0 ? 1 : -1;
}
