/*
 * totp.h — the second factor (CORE-7): RFC 6238 codes (6 digits, 30 s,
 * HMAC-SHA-1, ±1 step, each step accepted at most once), the otpauth
 * URI and its QR code for authenticator apps, one-time recovery codes,
 * and their rows in the database (dbq_totp.c).
 *
 * Secrets are raw bytes in memory and in account.totp_secret; they are
 * never logged, and shown (base32) only while an enrolment is pending.
 */
#ifndef SHIKAKU_TOTP_H
#define SHIKAKU_TOTP_H

#include <stddef.h>
#include <time.h>

struct buf;
struct ctx;
struct db;

#define TOTP_SECRET_LEN	20	/* bytes: 160 bits, as RFC 4226 advises */
#define TOTP_SECRET_MAX	64	/* account.totp_secret VARBINARY(64) */
#define TOTP_DIGITS	6
#define TOTP_STEP	30	/* seconds */
#define TOTP_WINDOW	1	/* steps of drift either way */
#define TOTP_B32_LEN	((TOTP_SECRET_MAX * 8 + 4) / 5 + 1)
#define RECOVERY_N	10	/* codes per set */
#define RECOVERY_LEN	9	/* "xxxx-xxxx" */

/* totp.c: 0 ok, -1 error, unless said otherwise. */
int	 totp_secret_new(unsigned char *, size_t);
int	 totp_base32(const unsigned char *, size_t, char *, size_t);
int	 totp_check(const unsigned char *, size_t, const char *, time_t,
	    long long, long long *);
int	 totp_uri(const char *, const char *, const char *, struct buf *);
int	 totp_qr_svg(const char *, struct buf *);
int	 recovery_codes_new(char [RECOVERY_N][12]);
int	 recovery_normalize(const char *, char *, size_t);
int	 totp_code_normalize(const char *, char *, size_t);

/*
 * account_pages.c: the account pages (account_pages[], declared in
 * page.c beside the other tables) and the login's TOTP step.  The
 * password policy is password_policy_check() (account.h).
 */

/*
 * The login's TOTP step (the lead's login.c): a current code or an
 * unused recovery code of c->sess.uid in the request's tenant ("_ops"
 * on the central-IT host).  The step or the code is spent atomically.
 * A locked account (CORE-6) is refused; a wrong code counts towards
 * the lock and a right one clears the count.  1 accepted, 0 refused,
 * -1 error.
 */
int	 totp_step_check(struct ctx *, const char *);

/*
 * dbq_totp.c — account.totp_* and recovery_code.  tenant is the slug or
 * "_ops"; every statement carries tenant and uid in its WHERE.
 * Return contract: <0 error, 0 nothing found / changed, >0 ok.
 */
struct totp_row {
	unsigned char	 secret[TOTP_SECRET_MAX];
	size_t		 len;		/* 0: no secret stored */
	long long	 last_step;
	int		 enabled;
};

int	 dbq_totp_get(struct db *, const char *, const char *,
	    struct totp_row *);
int	 dbq_totp_pending(struct db *, const char *, const char *,
	    const unsigned char *, size_t);
int	 dbq_totp_enable(struct db *, const char *, const char *, long long);
int	 dbq_totp_step(struct db *, const char *, const char *, long long);
int	 dbq_totp_disable(struct db *, const char *, const char *);
int	 dbq_recovery_replace(struct db *, const char *, const char *,
	    char [RECOVERY_N][12]);
int	 dbq_recovery_use(struct db *, const char *, const char *,
	    const char *);
int	 dbq_recovery_left(struct db *, const char *, const char *);
/* account.lang (CORE-22); makes the row if missing. */
int	 dbq_account_set_lang(struct db *, const char *, const char *,
	    const char *);

#endif
