/* tenant.h — organizations served by this deployment, found by host. */
#ifndef SHIKAKU_TENANT_H
#define SHIKAKU_TENANT_H

#include <stddef.h>

#define TENANT_MAX	64
#define TENANT_HOSTS	8
#define TENANT_MAIL_SECRET_DAYS	7	/* default of mail_secret_days */
#define TENANT_OPS	"_ops"	/* tenant_key() of central IT (no tenant) */

struct tenant {
	int		 idx;		/* position in the set, for metrics */
	char		*slug;
	char		*dir;		/* datadir/tenants/<slug> */
	char		*name_ja;
	char		*name_en;
	char		*hosts;		/* as written in tenant.conf */
	char		*host[TENANT_HOSTS];
	size_t		 nhost;
	char		*login_id;
	char		*features;
	char		*totp_required;
	char		*color_primary;
	char		*color_accent;
	long long	 upload_max;
	long long	 session_idle;
	long long	 session_max;
	long long	 mail_secret_days;	/* outbox bodies with secrets */
};

struct tenants {
	struct tenant	 t[TENANT_MAX];
	size_t		 n;
};

int		 tenant_slug_valid(const char *);
int		 tenant_load_one(struct tenant *, const char *, const char *,
		    char *, size_t);
struct tenants	*tenants_load(const char *, char *, size_t);
void		 tenants_free(struct tenants *);
const struct tenant *tenant_by_host(const struct tenants *, const char *);
int		 tenant_has_feature(const struct tenant *, const char *);
const char	*tenant_key(const struct tenant *);
int		 host_in_list(const char *, const char *);
int		 word_in_list(const char *, const char *, int);
int		 host_normalize(const char *, char *, size_t);

#endif
