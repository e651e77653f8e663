/*
 * refcache.c — the worker's copies of read-mostly reference rows, one
 * per (tenant, name), each stamped with the tenant's reference-data
 * version it was read under (refcache.h).
 *
 * A copy is used when the session statement of this request returned
 * the same version.  Without a session (an anonymous visitor with no
 * cookie) there is no version: the rows are read again, once per
 * request, and replace the copy.  Within one request a copy is never
 * replaced while a caller may still hold it.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "ctx.h"
#include "db.h"
#include "refcache.h"
#include "tenant.h"

#define REFCACHE_MAX	32	/* features × tenants; small on purpose */

struct refcopy {
	const char		*name;	/* a string constant of the caller */
	char			 tenant[33];
	long long		 version;	/* -1: read without one */
	unsigned long long	 seq;	/* the request that read it */
	struct dbres		*rows;
};

static struct refcopy	 copies[REFCACHE_MAX];

static struct refcopy *
slot(const char *name, const char *tenant)
{
	struct refcopy	*e, *freeslot = NULL;
	size_t		 i;

	for (i = 0; i < REFCACHE_MAX; i++) {
		e = &copies[i];
		if (e->name == NULL) {
			if (freeslot == NULL)
				freeslot = e;
			continue;
		}
		if (strcmp(e->name, name) == 0 &&
		    strcmp(e->tenant, tenant) == 0)
			return e;
	}
	/* Full: the first slot goes (a worker serves few tenants). */
	return freeslot != NULL ? freeslot : &copies[0];
}

const struct dbres *
refcache_get(struct ctx *c, const char *name, refcache_load load)
{
	struct refcopy	*e;
	struct dbres	*r;
	const char	*tenant = c->tenant != NULL ? c->tenant->slug : "_ops";
	long long	 v = c->sess.refver_ok ? c->sess.refver : -1;

	e = slot(name, tenant);
	if (e->name != NULL && e->rows != NULL &&
	    ((v >= 0 && e->version == v) || e->seq == c->seq))
		return e->rows;
	if ((r = load(c->app->db, tenant)) == NULL)
		return NULL;
	dbres_free(e->rows);
	e->name = name;
	snprintf(e->tenant, sizeof(e->tenant), "%s", tenant);
	e->version = v;
	e->seq = c->seq;
	e->rows = r;
	return r;
}

void
refcache_clear(void)
{
	size_t	 i;

	for (i = 0; i < REFCACHE_MAX; i++) {
		dbres_free(copies[i].rows);
		memset(&copies[i], 0, sizeof(copies[i]));
	}
}
