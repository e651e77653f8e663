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
void	 certify_facilities_model(xmlNodePtr, const struct certify_fac *,
	    int);

#endif
