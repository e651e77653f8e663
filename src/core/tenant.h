/* tenant.h — organizations served by this deployment, found by host. */
#ifndef SHIKAKU_TENANT_H
#define SHIKAKU_TENANT_H

#include <stddef.h>

#include "feature.h"

#define TENANT_MAX	64
#define TENANT_HOSTS	8
#define TENANT_MAIL_SECRET_DAYS	7	/* default of mail_secret_days */
#define TENANT_REVIEW_REMIND_DAYS 7	/* default of review_remind_days */
#define TENANT_OPS	"_ops"	/* tenant_key() of central IT (no tenant) */

/*
 * tenant.conf's login_id, parsed once: what people type to sign in
 * (CORE-4).  Code compares the enum, never the string.
 */
enum login_kind {
	LOGIN_REGNO,		/* medical registration number */
	LOGIN_EMAIL_OR_MEMBER,	/* mail or member number, mail shown first */
	LOGIN_MEMBER_OR_EMAIL,	/* the same, member number shown first */
	LOGIN__MAX
};

/* tenant.conf's totp_required, parsed once (gate.c reads the enum). */
enum totp_policy { TOTP_NONE, TOTP_STAFF };

struct tenant {
	int		 idx;		/* position in the set, for metrics */
	char		*slug;
	char		*dir;		/* datadir/tenants/<slug> */
	char		*name_ja;
	char		*name_en;
	char		*hosts;		/* as written in tenant.conf */
	char		*host[TENANT_HOSTS];
	size_t		 nhost;
	char		*login_id;	/* as written (the login page shows it) */
	enum login_kind	 login_kind;	/* parsed once */
	char		*features;	/* as written */
	unsigned int	 feature_mask;	/* bit i: features[i], parsed once */
	long long	 settings[FEATURE_SETTINGS_MAX]; /* <feature>.<key> */
	char		*totp_required;	/* as written */
	enum totp_policy totp_policy;	/* parsed once */
	char		*color_primary;
	char		*color_accent;
	long long	 upload_max;
	long long	 session_idle;
	long long	 session_max;
	long long	 mail_secret_days;	/* outbox bodies with secrets */
	long long	 review_remind_days;	/* remind reviewers; 0: never */
	char		*disabled_conf;	/* "yes"/"no" as written (OPS-1) */
	int		 disabled;	/* yes: hosts answer the neutral 503 */
};

struct tenants {
	struct tenant	 t[TENANT_MAX];
	size_t		 n;
};

int		 tenant_slug_valid(const char *);
int		 login_kind_parse(const char *, enum login_kind *);
const char	*login_kind_name(enum login_kind);
int		 tenant_load_one(struct tenant *, const char *, const char *,
		    char *, size_t);
int		 tenant_load_with(struct tenant *, const char *, const char *,
		    const struct feature *const *, char *, size_t);
void		 tenant_clear(struct tenant *);
struct tenants	*tenants_load(const char *, char *, size_t);
struct tenants	*tenants_load_from(const char *, const char *, char *,
		    size_t);
struct config;
struct tenants	*tenants_load_cfg(const struct config *, char *, size_t);
void		 tenants_free(struct tenants *);
const struct tenant *tenant_by_host(const struct tenants *, const char *);
int		 tenant_has_feature(const struct tenant *, const char *);
const char	*tenant_key(const struct tenant *);
int		 host_in_list(const char *, const char *);
int		 word_in_list(const char *, const char *, int);
int		 host_normalize(const char *, char *, size_t);

#endif
