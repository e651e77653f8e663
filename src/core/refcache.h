/*
 * refcache.h — read-mostly rows of a tenant (recruitment rounds,
 * offerings, …) kept by the worker between requests and read again only
 * when the reference-data version has moved (issue 10).
 *
 * The version comes with the session statement (dbq_session_get()),
 * and triggers bump it on any change of a cached table
 * (sql/015_refdata.sql), so checking costs no statement.  Only rows
 * that are the same for every visitor of the tenant belong here: never
 * a member's own rows.
 */
#ifndef SHIKAKU_REFCACHE_H
#define SHIKAKU_REFCACHE_H

#include <libxml/tree.h>

struct ctx;
struct db;
struct dbres;

/* Load the rows of `tenant` (a dbq_* function). */
typedef struct dbres *(*refcache_load)(struct db *, const char *tenant);

/*
 * The rows `name` of the request's tenant: the worker's copy when the
 * version still holds, else loaded by `load` and kept.  The result
 * belongs to the cache (never dbres_free() it) and stays valid until
 * the end of the request.  NULL on a database error.
 */
const struct dbres *refcache_get(struct ctx *, const char *name,
		    refcache_load load);
/*
 * A part of the model built from reference rows only (e.g. a program's
 * detail: the same for every visitor, in one language), kept per
 * worker by (name, tenant, id, language) under the version like the
 * rows above: build(c, scratch, id) appends it under scratch (1), or
 * says there is none (0), or fails (-1); the copy kept is then added
 * under parent on every later call.  Returns what build returned.
 */
typedef int	(*refcache_build)(struct ctx *, xmlNodePtr, long long);
int		 refcache_node(struct ctx *, const char *name, long long id,
		    refcache_build build, xmlNodePtr parent);

/* Drop every copy (tests; a worker never needs to). */
void		 refcache_clear(void);

#endif
