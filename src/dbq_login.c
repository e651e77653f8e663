/*
 * dbq_login.c — throttling of sign-in failures per source address
 * (CORE-6).  A window of THROTTLE_WINDOW_S seconds admits at most
 * THROTTLE_MAX failures; the window restarts after it has passed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "dbq.h"

#define THROTTLE_WINDOW_S	600
#define THROTTLE_MAX		20

/* >0 when the address must wait, 0 when it may try, <0 on error. */
int
login_throttled(struct db *d, const char *ip)
{
	struct dbres	*r;
	int		 rc;

	r = db_select(d, "SELECT failures FROM throttle WHERE ip = ? AND "
	    "window_start > NOW() - INTERVAL ? SECOND", "si", ip,
	    (long long)THROTTLE_WINDOW_S);
	if (r == NULL)
		return -1;
	rc = r->nrows == 1 && atoi(dbres_get(r, 0, 0)) >= THROTTLE_MAX;
	dbres_free(r);
	return rc;
}

int
login_failed(struct db *d, const char *ip)
{
	return db_exec(d,
	    "INSERT INTO throttle (ip, window_start, failures) "
	    "VALUES (?, NOW(), 1) ON DUPLICATE KEY UPDATE "
	    "failures = IF(window_start > NOW() - INTERVAL ? SECOND, "
	    "failures + 1, 1), "
	    "window_start = IF(window_start > NOW() - INTERVAL ? SECOND, "
	    "window_start, NOW())",
	    "sii", ip, (long long)THROTTLE_WINDOW_S,
	    (long long)THROTTLE_WINDOW_S);
}

/*
 * A temporary password works once (CORE-8): the sign-in that uses it
 * ends its validity.  1 when this sign-in consumed it, 0 when it had
 * already expired or been used, -1 on error.
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
	return db_exec(d, "DELETE FROM throttle WHERE window_start < NOW() - "
	    "INTERVAL ? SECOND LIMIT 1000", "i", (long long)THROTTLE_WINDOW_S);
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
	int		 rc = -1;

	r = db_select(d, "SELECT CONCAT('~', LEFT(SHA2(CONCAT(?, '/', "
	    "LOWER(?)), 256), 63))", "ss", tenant, ident);
	if (r != NULL && r->nrows == 1 && dbres_get(r, 0, 0) != NULL) {
		snprintf(out, outlen, "%s", dbres_get(r, 0, 0));
		rc = 0;
	}
	dbres_free(r);
	return rc;
}
