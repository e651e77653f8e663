/*
 * certify_int.h — what the files of src/feature/certify/ share beyond
 * certify.h (the data layer's typed results, the pages' helpers).
 */
#ifndef SHIKAKU_CERTIFY_INT_H
#define SHIKAKU_CERTIFY_INT_H

#include "ctx.h"

struct db;
struct dbres;

/* Pages (certify_*.c), in the menu's order. */
extern const struct page certify_menu_pages[], certify_case_pages[],
	    certify_facility_pages[], certify_admin_pages[];

/* Columns of dbq_certify_sites() (the worker keeps them: refcache). */
enum site_col {
	SITE_COL_ID,
	SITE_COL_CODE,
	SITE_COL_NAME,
	SITE_COL_SORT,
	SITE_COL_ACTIVE,
	SITE_COL__MAX
};
struct dbres	*dbq_certify_sites(struct db *, const char *);

struct certify_fac;
struct apply_offering;
struct ctx;
#include <libxml/tree.h>
int	 certify_dashboard(struct ctx *, xmlNodePtr);
void	 certify_facilities_model(xmlNodePtr, const struct certify_fac *,
	    int);

/* ---- case reports (dbq_case.c) ---------------------------------------- */

struct certify_case {
	long long	 id;
	char		 uid[65];
	long long	 supervisor_id;
	char		 age_band[9];
	char		 sex[2];
	char		 diagnosis[801];
	char		 setting[17];
	char		 period_from[8], period_to[8];
	char		*summary;		/* malloc'd, or NULL */
	char		 state[12];
	char		*comment;		/* malloc'd, or NULL */
	char		 updated_at[20];
	char		 sup_name[401];
	char		 sup_uid[65];
	char		 member_name[401];
};
void		 certify_case_free(struct certify_case *);

/* Columns of dbq_case_list() (the member's) and dbq_case_queue(). */
enum case_col {
	CASE_COL_ID,
	CASE_COL_STATE,
	CASE_COL_DIAGNOSIS,
	CASE_COL_SETTING,
	CASE_COL_FROM,
	CASE_COL_TO,
	CASE_COL_WHO,		/* the supervisor's name, or the member's */
	CASE_COL_UPDATED,
	CASE_COL_COMMENT,
	CASE_COL_SUP,		/* queue: the supervisor row's id */
	CASE_COL__MAX
};
struct dbres	*dbq_case_list(struct db *, const char *, const char *);
struct dbres	*dbq_case_queue(struct db *, const char *, const char *);
int		 dbq_case_get(struct db *, const char *, long long,
		    struct certify_case *);
long long	 dbq_case_put(struct db *, const char *,
		    const struct certify_case *, const char *);
int		 dbq_case_resubmit(struct db *, const char *,
		    const struct certify_case *, const char *);
int		 dbq_case_lock(struct db *, const char *, long long, char *,
		    size_t);
int		 dbq_case_decide(struct db *, const char *, long long,
		    long long, const char *, const char *, const char *);

/* ---- the registries' writes (dbq_registry.c): JSON arrays, one statement
 * per table however many rows (the import's batches, a form's one row) */
struct buf;
int		 dbq_sites_put(struct db *, const char *, const char *);
int		 dbq_facilities_put(struct db *, const char *, const char *);
int		 dbq_supervisors_put(struct db *, const char *, const char *);
int		 dbq_dues_put(struct db *, const char *, const char *);
int		 dbq_memberships_put(struct db *, const char *, const char *);
/* A registry's rows for the staff (id, then its columns), 0: all. */
struct dbres	*dbq_registry(struct db *, const char *, const char *,
		    long long, const char *);
/* member_no → uid of every member of the tenant (imports). */
enum memno_col { MEMNO_COL_NO, MEMNO_COL_UID, MEMNO_COL__MAX };
struct dbres	*dbq_member_numbers(struct db *, const char *);

/* A facility's certifications as typed: "kind:from:to;…" (pure). */
#define CERTIFY_CERTS_MAX	8
struct certify_cert_in {
	char	 kind[17];
	char	 from[11], to[11];
};
const char	*certify_certs_parse(const char *, struct certify_cert_in *,
		    size_t *);
int		 certify_fkind_known(const char *);
struct import_spec;
const struct import_spec *certify_import_spec(const char *, void **);

/* The demo's members and case reports, in one statement each. */
int		 dbq_demo_members_put(struct db *, const char *, const char *);
int		 dbq_demo_cases_put(struct db *, const char *, const char *,
		    const char *);

#endif
