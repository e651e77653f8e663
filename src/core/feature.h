/*
 * feature.h — one entry per feature (the pattern of tmux's cmd_entry):
 * a product is a folder under src/feature/ and one line of features[]
 * (src/feature/features.c), the only place products are listed.  Core
 * never includes a feature's header: it reaches a feature only through
 * its struct feature.
 */
#ifndef SHIKAKU_FEATURE_H
#define SHIKAKU_FEATURE_H

#include <stddef.h>

#include <libxml/tree.h>

struct apply_offering;
struct ctx;
struct db;
struct page;
struct render_pass;
struct tenant;
struct tenants;

#define FEATURE_MAX		32	/* bits of tenant->feature_mask */
#define FEATURE_SETTINGS_MAX	64	/* all features' keys together */

/* Where a feature's page tables go in lookup (and so menu) order. */
enum feature_section {
	FS_MEMBER,	/* after the home page: what members came for */
	FS_MEMBER_LATE,	/* after every feature's FS_MEMBER: a page a seed's
			   menu puts after another feature's (施設認定
			   after credit's 単位確認, seed 002) */
	FS_STAFF,	/* after the account page and the platform's admin */
	FS_OPS,		/* last: the central-IT host */
	FS__MAX
};

/*
 * A role is a bit: page tables require a mask of them and a session
 * holds one, parsed once from its comma list when it is loaded.  The
 * platform's roles take the low bits; a feature names its own with
 * ROLE_FEATURE(n) in its struct feature_role list, each bit one role
 * over features[] (page_tables_check() verifies, and that every bit a
 * page asks for has a name).
 */
enum role {
	ROLE_MEMBER		= 1 << 0,
	ROLE_TENANT_ADMIN	= 1 << 1,
	ROLE_CENTRAL_IT		= 1 << 2,
	ROLE_OTHER		= 1 << 30  /* held, but defined by nobody */
};
#define ROLE_PLATFORM	(ROLE_MEMBER | ROLE_TENANT_ADMIN | ROLE_CENTRAL_IT)
#define ROLE_FEATURE_MAX 22	/* bits 8..29 */
#define ROLE_FEATURE(n)	(1U << (8 + (n)))	/* n in 0..ROLE_FEATURE_MAX-1 */

/* One role a feature defines: its name (as granted) and its bit. */
struct feature_role {
	const char	*name;
	unsigned int	 bit;		/* ROLE_FEATURE(n) */
};

/* One `<feature>.<key> = value` of tenant.conf: an integer in lo..hi. */
struct feature_key {
	const char	*name;		/* without the "<feature>." prefix */
	long long	 lo, hi;
	long long	 dflt;
	const char	*help;		/* what the number means */
};

struct feature {
	const char	*name;		/* as in tenant.conf's features = */
	int		 always;	/* on for every tenant (no features =) */
	/* NULL-terminated lists of page tables, per section. */
	const struct page *const *pages[FS__MAX];
	const struct feature_key *keys;	/* settings, ended by name NULL */
	const struct feature_role *roles; /* roles it defines, name NULL-ended */
	int		(*sweep)(struct db *);	/* housekeeping, or NULL */
	/* Hold a correct sign-in back (1), let it pass (0), or -1 error:
	 * e.g. a registration whose login URL was not opened (ACC-1). */
	int		(*signin_hold)(struct db *, const char *tenant,
			    const char *uid);
	int		(*demo)(void *);	/* demo loader (struct ctl *) */
	/* Its own part of 現在の状況 (/dashboard, src/apply/dashboard.c)
	 * and of 会員情報 (/member, src/identity/member_record.c): nodes
	 * added under the page's content for a signed-in member; <0 error
	 * (the page is then 503), 0 nothing of the member's, >0 something
	 * (現在の状況 says "nothing yet" when no part has).  NULL: none. */
	int		(*dashboard)(struct ctx *, xmlNodePtr);
	int		(*member)(struct ctx *, xmlNodePtr);
	const char *const *mail;	/* its mail templates, NULL-ended */
	const char	*stylesheet;	/* under xslt/: feature/<name>/<name>.xsl, or NULL */
	/* Its kinds of application (apply.h, CORE-18), NULL-ended, or NULL. */
	const struct apply_offering *const *offerings;
	/*
	 * A scalar SQL expression over the session row `s` (s.tenant,
	 * s.uid) that the session statement returns too, or NULL: what
	 * the feature's menu needs of the member on every page, at no
	 * extra statement (issue 10); read with session_feature().
	 */
	const char	*session_sql;
	/*
	 * issue 14: its dates other than its offerings' windows, for the
	 * tenant admin's 12-month table (/admin/offerings): under the node
	 * given, <row title="text" href="its own edit page"> with <span
	 * open="YYYY-MM-DD HH:MM:SS" close="…" label="i18n key"/>;
	 * shown read-only there (edited on its own pages, by its rules).
	 * No statement of its own per row.  0 ok, -1 error.  NULL: none.
	 */
	int		(*schedule)(struct ctx *, xmlNodePtr);
	/*
	 * C passes of its stylesheet (render_pass.h): skc:NAME elements
	 * whose xsl:fallback is the XSLT they stand for, for a template
	 * drawn hundreds of times a page.  name NULL-ended, or NULL.
	 */
	const struct render_pass *passes;
};

/* src/feature/features.c: every feature, NULL-terminated. */
extern const struct feature *const features[];
/* The platform's own mail templates, lists by sender (features.c). */
extern const char *const *const platform_mail[];

const struct feature *feature_find(const struct feature *const *,
		    const char *, size_t *);
int		 feature_enabled(const struct tenant *, const char *);
int		 feature_list_parse(const struct feature *const *,
		    const char *, unsigned int *, char *, size_t);
int		 feature_key_set(const struct feature *const *,
		    long long *, const char *, const char *, char *, size_t);
void		 feature_defaults(const struct feature *const *,
		    long long *);
long long	 feature_setting(const struct tenant *, const char *,
		    const char *);
int		 feature_role_known(const char *);
unsigned int	 role_bit(const char *);
const char	*role_name(unsigned int);
unsigned int	 role_mask_parse(const char *);
int		 role_bits_check(const struct feature *const *, char *,
		    size_t);
int		 feature_signin_hold(struct db *, const char *, const char *);
/* Which part of a platform page the features add to. */
enum feature_part {
	FP_DASHBOARD,		/* struct feature's dashboard */
	FP_MEMBER		/* its member */
};
int		 feature_parts(struct ctx *, xmlNodePtr, enum feature_part);

#endif
