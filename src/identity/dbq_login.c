/*
 * dbq_login.c — throttles (CORE-6) and password reset links (CORE-8).
 *
 * A throttle is a bucket per purpose and subject: sign-in failures of
 * an address, reset links asked by an address and mailed to one
 * account, registration mails, 医籍登録番号 checks, legacy lookups.
 * Each purpose has its own window and limit (throttle_rules[]), so a
 * busy address registering residents does not block its own sign-ins,
 * and a target (an account, a draft, a legacy record) is bounded
 * however many addresses ask.  A window starts with its first hit and
 * ends window_s seconds later; the table keeps the subject's SHA-256
 * only (sql/008_throttle.sql).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "db.h"
#include "dbq.h"

static const struct {
	const char	*name;	/* the purpose column */
	long long	 window_s;
	int		 max;	/* hits allowed within a window */
} throttle_rules[THR__MAX] = {
	[THR_LOGIN] = { "login", 600, 20 },
	[THR_RESET] = { "reset", 600, 20 },
	[THR_RESET_ACCOUNT] = { "reset.account", 3600, 3 },
	[THR_VERIFY] = { "verify", 600, 20 },
	[THR_VERIFY_DRAFT] = { "verify.draft", 3600, 5 },
	[THR_REGNO] = { "regno", 600, 20 },
	[THR_REGNO_DRAFT] = { "regno.draft", 3600, 5 },
	[THR_MIGRATE] = { "migrate", 600, 20 },
	[THR_MIGRATE_RECORD] = { "migrate.record", 3600, 3 },
	[THR_CERT_VERIFY] = { "cert.verify", 600, 20 },
};

/* >0 when the subject must wait, 0 when it may go on, <0 on error. */
int
throttle_over(struct db *d, enum throttle t, const char *subject)
{
	struct dbres	*r;
	const char	*hits;
	int		 rc;

	r = db_select(d, "SELECT hits FROM throttle WHERE purpose = ? AND "
	    "subject_hash = SHA2(?, 256) AND expires_at > NOW()", "ss",
	    throttle_rules[t].name, subject);
	if (r == NULL)
		return -1;
	rc = (hits = dbres_scalar(r)) != NULL &&
	    atoi(hits) >= throttle_rules[t].max;
	dbres_free(r);
	return rc;
}

/* One more hit in the subject's window (a new window once it ended). */
int
throttle_hit(struct db *d, enum throttle t, const char *subject)
{
	return db_exec(d,
	    "INSERT INTO throttle (purpose, subject_hash, expires_at, hits) "
	    "VALUES (?, SHA2(?, 256), NOW() + INTERVAL ? SECOND, 1) "
	    "ON DUPLICATE KEY UPDATE "
	    "hits = IF(expires_at > NOW(), hits + 1, 1), "
	    "expires_at = IF(expires_at > NOW(), expires_at, "
	    "NOW() + INTERVAL ? SECOND)",
	    "ssii", throttle_rules[t].name, subject,
	    throttle_rules[t].window_s, throttle_rules[t].window_s);
}

/*
 * For what every request pays (a mail, a lookup): the hit first, then
 * the check, so concurrent requests cannot all pass one check.  >0 over
 * the limit (this request must not go on), 0 go on, <0 on error.
 */
int
throttle_take(struct db *d, enum throttle t, const char *subject)
{
	struct dbres	*r;
	const char	*hits;
	int		 rc;

	if (throttle_hit(d, t, subject) < 0)
		return -1;
	r = db_select(d, "SELECT hits FROM throttle WHERE purpose = ? AND "
	    "subject_hash = SHA2(?, 256)", "ss", throttle_rules[t].name,
	    subject);
	if (r == NULL)
		return -1;
	rc = (hits = dbres_scalar(r)) != NULL &&
	    atoi(hits) > throttle_rules[t].max;
	dbres_free(r);
	return rc;
}

/* Sign-in failures of a source address (CORE-6). */
int
login_throttled(struct db *d, const char *ip)
{
	return throttle_over(d, THR_LOGIN, ip);
}

int
login_failed(struct db *d, const char *ip)
{
	return throttle_hit(d, THR_LOGIN, ip);
}

/*
 * A temporary password set by central IT (shikakuctl) works once
 * (CORE-8): the sign-in that uses it ends its validity.  1 when this
 * sign-in consumed it, 0 when it had already expired or been used, -1
 * on error.
 */
int
login_temp_consume(struct db *d, const char *tenant, const char *uid)
{
	return db_exec(d,
	    "UPDATE account SET temp_expires = NOW() "
	    "WHERE tenant = ? AND uid = ? AND temp_expires > NOW()",
	    "ss", tenant, uid);
}

int
dbq_throttle_reap(struct db *d)
{
	return db_exec(d, "DELETE FROM throttle WHERE expires_at < NOW() "
	    "LIMIT 1000", "");
}

/*
 * The lockout key of an identifier that matches no account: a "~" and
 * its hash, never a real uid, so a missing account is locked like an
 * existing one and the answers cannot tell them apart (CORE-4, CORE-6).
 */
int
login_ghost_uid(struct db *d, const char *tenant, const char *ident,
    char *out, size_t outlen)
{
	struct dbres	*r;
	const char	*ghost;
	int		 rc = -1;

	r = db_select(d, "SELECT CONCAT('~', LEFT(SHA2(CONCAT(?, '/', "
	    "LOWER(?)), 256), 63))", "ss", tenant, ident);
	if ((ghost = dbres_scalar(r)) != NULL) {
		snprintf(out, outlen, "%s", ghost);
		rc = 0;
	}
	dbres_free(r);
	return rc;
}

/* ---- password reset links (CORE-8) ---------------------------------- */

/*
 * A new link for the account, in the caller's transaction: the newest
 * link is the only one that works, so an older mail cannot be used
 * once a newer one was asked for.
 */
int
reset_new(struct db *d, const char *tenant, const char *uid,
    const char *token, long long ttl_s)
{
	if (db_exec(d, "DELETE FROM password_reset WHERE tenant = ? AND "
	    "uid = ?", "ss", tenant, uid) < 0)
		return -1;
	return db_exec(d, "INSERT INTO password_reset (selector, token_hash, "
	    "tenant, uid, expires_at) VALUES (LEFT(?, ?), SHA2(?, 256), ?, ?, "
	    "NOW() + INTERVAL ? SECOND)", "sisssi", token,
	    (long long)RESET_SELECTOR_LEN, token, tenant, uid, ttl_s);
}

/* reset_find()'s columns, in its SELECT's order. */
enum reset_col {
	RESET_COL_UID,
	RESET_COL_HASH,		/* the stored token's SHA-256 */
	RESET_COL_GIVEN_HASH,	/* the given token's */
	RESET_COL_EXPIRED,
	RESET_COL__MAX
};

/*
 * The link of a token: 1 with uid filled and *expired set, 0 when no
 * link of this tenant has this token, -1 on error.  The row is found
 * by the token's selector; the whole token's SHA-256 is then compared
 * in constant time, so neither the lookup nor the comparison tells
 * how much of a guessed token was right.
 */
int
reset_find(struct db *d, const char *tenant, const char *token, char *uid,
    size_t uidlen, int *expired)
{
	struct dbres	*r;
	int		 rc = -1;

	r = dbres_cols(db_select(d, "SELECT uid, token_hash, SHA2(?, 256), "
	    "expires_at <= NOW() FROM password_reset "
	    "WHERE selector = LEFT(?, ?) AND tenant = ?", "ssis", token, token,
	    (long long)RESET_SELECTOR_LEN, tenant), RESET_COL__MAX);
	if (r == NULL)
		goto out;
	rc = 0;
	if (r->nrows != 1 || dbres_get(r, 0, RESET_COL_HASH) == NULL ||
	    dbres_get(r, 0, RESET_COL_GIVEN_HASH) == NULL ||
	    !ct_streq(dbres_get(r, 0, RESET_COL_HASH),
	    dbres_get(r, 0, RESET_COL_GIVEN_HASH)))
		goto out;
	snprintf(uid, uidlen, "%s", dbres_get(r, 0, RESET_COL_UID));
	*expired = atoi(dbres_get(r, 0, RESET_COL_EXPIRED)) != 0;
	rc = 1;
out:
	dbres_free(r);
	return rc;
}

/*
 * Use the link, in the transaction that sets the password: 1 when this
 * request took it (a concurrent use finds it gone: 0), and every other
 * link of the account goes with it.
 */
int
reset_use(struct db *d, const char *tenant, const char *token,
    const char *uid)
{
	int	 rc;

	rc = db_exec(d, "DELETE FROM password_reset "
	    "WHERE selector = LEFT(?, ?) AND tenant = ? AND uid = ? "
	    "AND expires_at > NOW()", "siss", token,
	    (long long)RESET_SELECTOR_LEN, tenant, uid);
	if (rc <= 0)
		return rc;
	if (db_exec(d, "DELETE FROM password_reset WHERE tenant = ? AND "
	    "uid = ?", "ss", tenant, uid) < 0)
		return -1;
	return 1;
}

/* Kept a day past their end, to say "expired" rather than "unknown". */
int
dbq_reset_reap(struct db *d)
{
	return db_exec(d, "DELETE FROM password_reset WHERE expires_at < "
	    "NOW() - INTERVAL 1 DAY LIMIT 1000", "");
}
