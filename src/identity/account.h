/*
 * account.h — the portal's side of an account (sql/002_identity.sql):
 * lockout, temporary-password state, roles, and the audit log.  The
 * password itself lives only in the directory (directory.h).
 *
 * `tenant` is always the slug of the request's tenant (ctx->tenant),
 * or ACCOUNT_OPS for central IT; never a value from user input.
 * Return contract as in db.h: <0 error, 0 nothing, >0 ok.
 */
#ifndef SHIKAKU_ACCOUNT_H
#define SHIKAKU_ACCOUNT_H

#include <stddef.h>

#include "tenant.h"

struct db;

#define ACCOUNT_OPS	TENANT_OPS	/* tenant key of central-IT accounts */
#define ROLES_LEN	256	/* enough for every role, comma separated */

/* CORE-6: the lockout policy, one place (dbq_account.c). */
struct lockout_policy {
	int		 max_failures;	/* consecutive failures lock */
	long long	 first_s;	/* the first lock, seconds */
	long long	 max_s;		/* no lock is longer */
};
extern const struct lockout_policy lockout_policy;

long long	 lockout_seconds(const struct lockout_policy *, int);

struct account {
	char		 lang[3];
	int		 must_change;	/* temporary password in use */
	long long	 temp_left;	/* s it stays valid; -1 no limit */
	int		 failures;	/* consecutive, since last lock */
	int		 lock_count;	/* locks since last success */
	long long	 lock_left;	/* s until unlocked; 0 not locked */
	int		 totp_enabled;
	int		 terms_version;
};

int	 account_ensure(struct db *, const char *, const char *);
int	 account_get(struct db *, const char *, const char *,
	    struct account *);
int	 account_locked(struct db *, const char *, const char *);
int	 account_failure(struct db *, const char *, const char *);
int	 account_success(struct db *, const char *, const char *);
int	 account_unlock(struct db *, const char *, const char *);
int	 account_totp_enabled(struct db *, const char *, const char *);
int	 account_set_temp(struct db *, const char *, const char *,
	    long long);
int	 account_clear_temp(struct db *, const char *, const char *);

/* CORE-16: the roles, one table (dbq_account.c). */
#define ROLE_TENANT	0x01	/* granted within a tenant */
#define ROLE_OPS	0x02	/* central IT only (tenant ACCOUNT_OPS) */

struct role_def {
	const char	*name;
	unsigned int	 scope;
};
extern const struct role_def role_defs[];	/* ends with name NULL */

int	 role_valid(const char *, const char *);
int	 role_list(struct db *, const char *, const char *, char *, size_t);
int	 role_has(struct db *, const char *, const char *, const char *);
int	 role_grant(struct db *, const char *, const char *, const char *);
int	 role_revoke(struct db *, const char *, const char *, const char *);

/* person.c: demo people (every demo loader), all with DEMO_PASSWORD. */
#define DEMO_PASSWORD	"demo-pass-2026"
struct dir;
struct dir_user;
struct tenant;
int	 demo_person_ensure(struct db *, struct dir *, const struct tenant *,
	    const char *, const char *, const char *, const char *,
	    const char *, struct dir_user *);

/*
 * CORE-9: the password policy (password_policy.c), for every path that
 * sets a password: NULL when the new password is acceptable, else the
 * message key of the first rule it breaks.  Arguments: the new
 * password, the login identifier, the mail address, the current
 * password; each but the first may be NULL.
 */
#define PW_MIN		10	/* characters */
#define PW_DISTINCT	5	/* different characters */

const char	*password_policy_check(const char *, const char *,
		    const char *, const char *);
int		 password_stem(const char *, int, char *, size_t);

/* CORE-15: append-only audit. */
int	 audit_log(struct db *, const char *, const char *, const char *,
	    const char *, const char *, const char *);

#endif
