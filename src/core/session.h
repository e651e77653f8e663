/*
 * session.h — server-side sessions (CORE-10) and CSRF tokens (CORE-11).
 * The cookie carries a 256-bit random token; the database keeps only
 * its SHA-256, bound to the tenant it was created on.
 */
#ifndef SHIKAKU_SESSION_H
#define SHIKAKU_SESSION_H

#include <stddef.h>

#include "feature.h"

struct ctx;

#define SESS_ANON	0	/* a visitor with a CSRF token only */
#define SESS_TOTP	1	/* password checked, second factor pending */
#define SESS_IN		2	/* signed in */

#define TOKEN_LEN	43	/* base64url of 32 random bytes */
#define SESS_COOKIE	"sid"

struct session {
	int	 valid;
	int	 stage;
	int	 keep;
	char	 token[TOKEN_LEN + 1];	/* set only when just created */
	char	 token_in[TOKEN_LEN + 1];	/* the cookie's, to rotate */
	char	 uid[65];		/* "" when anonymous */
	char	 name[201];		/* display name */
	char	 csrf[TOKEN_LEN + 1];
	char	 roles[256];		/* comma-separated, as stored */
	unsigned int role_mask;		/* the same, ROLE_* bits, parsed once */
	char	 lang[3];
	int	 must_change;
	int	 totp_enabled;
	int	 terms_version;	/* accepted by the member */
	/* The tenant's reference-data version (refcache.h), when known. */
	long long refver;
	int	 refver_ok;
	/* The version of the member's feature facts (facts.c), -1: none. */
	long long facts_ver;
	/* The version of the member's own rows (owncache.h), -1: none. */
	long long data_ver;
	/*
	 * What each feature's session_sql (feature.h) returned for this
	 * session: foff[i] - 1 is the offset in fvals of features[i]'s
	 * value, 0 when none (no column, NULL, or too long).
	 */
	char	 fvals[1024];
	unsigned short foff[FEATURE_MAX];
};

int	 token_new(char *, size_t);
int	 token_syntax_ok(const char *);
int	 session_load(struct ctx *);
int	 session_begin(struct ctx *, const char *, const char *, int, int);
int	 session_anon(struct ctx *);
int	 session_end(struct ctx *);
int	 session_end_others(struct ctx *);
int	 session_has_role(const struct ctx *, unsigned int);
int	 csrf_ok(const struct ctx *);
const char *session_feature(const struct ctx *, const char *);

#endif
