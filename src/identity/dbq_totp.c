/*
 * dbq_totp.c — the second factor's rows: account.totp_secret,
 * totp_enabled, totp_last_step and the recovery_code table.  Secrets
 * cross the wire as hex (UNHEX/HEX in the statement), so no binary is
 * bound; recovery codes reach the database only to be hashed there
 * (SHA2(?, 256)).  Every statement names tenant and uid in its WHERE.
 * Return contract as in db.h: <0 error, 0 nothing, >0 ok.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "db.h"
#include "totp.h"

/* dbq_totp_get()'s columns, in its SELECT's order. */
enum totp_col {
	TOTP_COL_SECRET_HEX,
	TOTP_COL_LAST_STEP,
	TOTP_COL_ENABLED,
	TOTP_COL__MAX
};

/* The secret, the last accepted step and whether TOTP is on. */
int
dbq_totp_get(struct db *d, const char *tenant, const char *uid,
    struct totp_row *out)
{
	struct dbres	*r;
	const char	*hex;
	size_t		 i, n;
	int		 rc = -1, hi, lo;

	memset(out, 0, sizeof(*out));
	if ((r = dbres_cols(db_select(d,
	    "SELECT HEX(totp_secret), totp_last_step, totp_enabled "
	    "FROM account WHERE tenant = ? AND uid = ?",
	    "ss", tenant, uid), TOTP_COL__MAX)) == NULL)
		goto out;
	rc = 0;
	if (r->nrows != 1)
		goto out;
	out->last_step = strtoll(dbres_get(r, 0, TOTP_COL_LAST_STEP), NULL,
	    10);
	out->enabled = atoi(dbres_get(r, 0, TOTP_COL_ENABLED)) != 0;
	if ((hex = dbres_get(r, 0, TOTP_COL_SECRET_HEX)) != NULL) {
		n = strlen(hex) / 2;
		if (n > sizeof(out->secret)) {
			rc = -1;
			goto out;
		}
		for (i = 0; i < n; i++) {
			hi = hexval(hex[2 * i]);
			lo = hexval(hex[2 * i + 1]);
			if (hi < 0 || lo < 0) {
				rc = -1;
				goto out;
			}
			out->secret[i] = (unsigned char)(hi << 4 | lo);
		}
		out->len = n;
	}
	rc = 1;
out:
	if (rc != 1)
		explicit_bzero(out, sizeof(*out));
	if (r != NULL) {
		/* The hex secret was in a cell: wipe it with the result. */
		if (r->nrows == 1 && r->cell[0] != NULL)
			explicit_bzero(r->cell[0], strlen(r->cell[0]));
		dbres_free(r);
	}
	return rc;
}

/*
 * A new secret waiting for its first code.  The account row is made if
 * missing; an account with TOTP already on is left alone (0).
 */
int
dbq_totp_pending(struct db *d, const char *tenant, const char *uid,
    const unsigned char *secret, size_t len)
{
	char	 hex[2 * TOTP_SECRET_MAX + 1];
	size_t	 i;
	int	 rc = -1;

	if (len == 0 || len > TOTP_SECRET_MAX)
		goto out;
	for (i = 0; i < len; i++)
		snprintf(hex + 2 * i, 3, "%02X", secret[i]);
	if (db_exec(d, "INSERT IGNORE INTO account (tenant, uid) "
	    "VALUES (?, ?)", "ss", tenant, uid) < 0)
		goto out;
	rc = db_exec(d,
	    "UPDATE account SET totp_secret = UNHEX(?), totp_last_step = 0 "
	    "WHERE tenant = ? AND uid = ? AND totp_enabled = 0",
	    "sss", hex, tenant, uid);
out:
	explicit_bzero(hex, sizeof(hex));
	return rc;
}

/*
 * Turn TOTP on with the step of the confirming code.  Only a pending
 * secret is enabled, once: two confirmations racing count once.
 */
int
dbq_totp_enable(struct db *d, const char *tenant, const char *uid,
    long long step)
{
	return db_exec(d,
	    "UPDATE account SET totp_enabled = 1, totp_last_step = ? "
	    "WHERE tenant = ? AND uid = ? AND totp_enabled = 0 "
	    "AND totp_secret IS NOT NULL AND totp_last_step < ?",
	    "issi", step, tenant, uid, step);
}

/*
 * Spend a step.  The guard makes the UPDATE the arbiter: of two
 * requests with the same code, only one changes the row (1), the
 * other finds the step already used (0).
 */
int
dbq_totp_step(struct db *d, const char *tenant, const char *uid,
    long long step)
{
	return db_exec(d,
	    "UPDATE account SET totp_last_step = ? "
	    "WHERE tenant = ? AND uid = ? AND totp_last_step < ?",
	    "issi", step, tenant, uid, step);
}

/* TOTP off: the secret is cleared and the recovery codes deleted. */
int
dbq_totp_disable(struct db *d, const char *tenant, const char *uid)
{
	int	 rc;

	rc = db_exec(d,
	    "UPDATE account SET totp_secret = NULL, totp_enabled = 0 "
	    "WHERE tenant = ? AND uid = ?",
	    "ss", tenant, uid);
	if (rc >= 0 && db_exec(d,
	    "DELETE FROM recovery_code WHERE tenant = ? AND uid = ?",
	    "ss", tenant, uid) < 0)
		rc = -1;
	return rc;
}

/*
 * A new set of recovery codes replaces the old one: one DELETE, one
 * INSERT of the ten hashes.  Run it inside the caller's transaction.
 */
int
dbq_recovery_replace(struct db *d, const char *tenant, const char *uid,
    char codes[RECOVERY_N][12])
{
	int	 rc = -1;

	if (db_exec(d, "DELETE FROM recovery_code WHERE tenant = ? "
	    "AND uid = ?", "ss", tenant, uid) < 0)
		goto out;
	rc = db_exec(d,
	    "INSERT INTO recovery_code (tenant, uid, code_hash) "
	    "SELECT a.tenant, a.uid, SHA2(c.code, 256) "
	    "FROM (SELECT ? AS tenant, ? AS uid) a, "
	    "(SELECT ? AS code UNION ALL SELECT ? UNION ALL SELECT ? "
	    "UNION ALL SELECT ? UNION ALL SELECT ? UNION ALL SELECT ? "
	    "UNION ALL SELECT ? UNION ALL SELECT ? UNION ALL SELECT ? "
	    "UNION ALL SELECT ?) c",
	    "ssssssssssss", tenant, uid, codes[0], codes[1], codes[2],
	    codes[3], codes[4], codes[5], codes[6], codes[7], codes[8],
	    codes[9]);
out:
	return rc;
}

/* Spend a recovery code (normalized "xxxx-xxxx"): 1 spent, 0 unknown. */
int
dbq_recovery_use(struct db *d, const char *tenant, const char *uid,
    const char *code)
{
	return db_exec(d,
	    "UPDATE recovery_code SET used_at = NOW() "
	    "WHERE tenant = ? AND uid = ? AND code_hash = SHA2(?, 256) "
	    "AND used_at IS NULL",
	    "sss", tenant, uid, code);
}

/* How many unused recovery codes are left: >= 0, or -1. */
int
dbq_recovery_left(struct db *d, const char *tenant, const char *uid)
{
	struct dbres	*r;
	const char	*n;
	int		 rc = -1;

	if ((r = db_select(d,
	    "SELECT COUNT(*) FROM recovery_code "
	    "WHERE tenant = ? AND uid = ? AND used_at IS NULL",
	    "ss", tenant, uid)) == NULL)
		goto out;
	if ((n = dbres_scalar(r)) != NULL)
		rc = atoi(n);
	dbres_free(r);
out:
	return rc;
}

/* The member's language (CORE-22): "ja" or "en", checked by the caller. */
int
dbq_account_set_lang(struct db *d, const char *tenant, const char *uid,
    const char *lang)
{
	return db_exec(d,
	    "INSERT INTO account (tenant, uid, lang) VALUES (?, ?, ?) "
	    "ON DUPLICATE KEY UPDATE lang = VALUES(lang)",
	    "sss", tenant, uid, lang);
}
