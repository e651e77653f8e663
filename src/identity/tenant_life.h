/*
 * tenant_life.h — central IT's tenant lifecycle (OPS-1): create,
 * disable, enable, set.  One code for `shikakuctl tenant …` (ctl/) and
 * the ops console (feature/ops/); each caller says who acts and shows
 * tl.err its own way.
 */
#ifndef SHIKAKU_TENANT_LIFE_H
#define SHIKAKU_TENANT_LIFE_H

#include <stddef.h>

struct config;
struct db;
struct dir;
struct tenant;

#define TL_TEMPLATE	"_template"		/* under datadir/tenants */
#define TL_ADMIN_TEMP_S	(7 * 24 * 3600)		/* the first admin's password */

struct tl {
	const struct config	*cfg;
	struct db		*db;
	struct dir		*dir;		/* the portal's bind */
	const char		*actor;		/* audit: who */
	const char		*remote;	/* audit: from where, or NULL */
	char			 err[512];	/* why, after -1 */
};

/* What a new tenant is made of; NULL: the default. */
enum tl_field {
	TL_SLUG,	/* required: [a-z0-9-], unused */
	TL_HOSTS,	/* required: space separated */
	TL_NAME_JA,	/* default: the slug */
	TL_NAME_EN,
	TL_LOGIN_ID,	/* default: email_or_member */
	TL_FEATURES,	/* default: none */
	TL_ADMIN_MAIL,	/* required: the first tenant admin's */
	TL_ADMIN_NAME,	/* default: 管理者 */
	TL_ADMIN_NUMBER, /* default: 1000001 */
	TL__MAX
};

struct tl_new {
	const char	*v[TL__MAX];
};

/* Where created tenants go: tenantdir, else datadir/tenants. */
int	 tl_root(const struct config *, char *, size_t);

/*
 * A tenant from the template: its directory (staged, loaded as shikakud
 * loads it, then renamed in place), its row, its directory subtree and
 * its first admin, whose temporary password is mailed (never returned).
 * uid receives the admin's uid (DIR_UID_LEN + 1).  0 done; 1 made
 * but without its admin (tl.err says how to add one); -1 nothing made.
 */
int	 tl_create(struct tl *, const struct tl_new *, char *);

/* tenant.conf's key set to value, through the same checks; audited. */
int	 tl_set(struct tl *, const char *, const char *, const char *);
int	 tl_disable(struct tl *, const char *);
int	 tl_enable(struct tl *, const char *);

/*
 * Tell the running servers: nginx_map rewritten from the tenants on
 * disk, nginx (nginx_pid_file) and shikakud's master (pid_file) sent
 * SIGHUP.  Returns a mask of TL_DID_*; tl.err says what failed (-1).
 */
#define TL_DID_MAP	0x1
#define TL_DID_NGINX	0x2
#define TL_DID_MASTER	0x4
int	 tl_reload(struct tl *);

/* A login number this tenant's login_id takes (digits for regno). */
int	 tl_number_valid(const struct tenant *, const char *);

#endif
