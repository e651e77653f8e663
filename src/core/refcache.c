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

#define REFNODE_MAX	256	/* e.g. programs shown on dashboards */

struct refnode {
	const char		*name;
	char			 tenant[33];
	char			 lang[3];
	long long		 id;
	long long		 version;
	unsigned long long	 seq;
	xmlNodePtr		 nodes;	/* a list, in no document */
};

static struct refnode	 nodes[REFNODE_MAX];
static size_t		 nodes_next;	/* the next slot to replace */

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

int
refcache_node(struct ctx *c, const char *name, long long id,
    refcache_build build, xmlNodePtr parent)
{
	struct refnode	*e = NULL;
	xmlNodePtr	 scratch, list, n, next;
	const char	*tenant = c->tenant != NULL ? c->tenant->slug : "_ops";
	long long	 v = c->sess.refver_ok ? c->sess.refver : -1;
	size_t		 i;
	int		 rc;

	for (i = 0; i < REFNODE_MAX && e == NULL; i++)
		if (nodes[i].name != NULL && nodes[i].id == id &&
		    strcmp(nodes[i].name, name) == 0 &&
		    strcmp(nodes[i].tenant, tenant) == 0 &&
		    strcmp(nodes[i].lang, c->lang) == 0)
			e = &nodes[i];
	if (e != NULL && ((v >= 0 && e->version == v) || e->seq == c->seq)) {
		if ((list = xmlDocCopyNodeList(parent->doc, e->nodes)) == NULL)
			return -1;
		xmlAddChildList(parent, list);
		return 1;
	}
	/* Built in the page's document, then moved under parent. */
	if ((scratch = xmlNewDocNode(parent->doc, NULL,
	    (const xmlChar *)"scratch", NULL)) == NULL)
		return -1;
	if ((rc = build(c, scratch, id)) == 1) {
		if (e == NULL) {
			e = &nodes[nodes_next];
			nodes_next = (nodes_next + 1) % REFNODE_MAX;
		}
		xmlFreeNodeList(e->nodes);
		e->nodes = xmlCopyNodeList(scratch->children);
		e->name = e->nodes != NULL ? name : NULL;
		snprintf(e->tenant, sizeof(e->tenant), "%s", tenant);
		snprintf(e->lang, sizeof(e->lang), "%s", c->lang);
		e->id = id;
		e->version = v;
		e->seq = c->seq;
	}
	for (n = scratch->children; rc == 1 && n != NULL; n = next) {
		next = n->next;
		xmlUnlinkNode(n);
		xmlAddChild(parent, n);
	}
	xmlFreeNode(scratch);
	return rc;
}

void
refcache_clear(void)
{
	size_t	 i;

	for (i = 0; i < REFCACHE_MAX; i++) {
		dbres_free(copies[i].rows);
		memset(&copies[i], 0, sizeof(copies[i]));
	}
	for (i = 0; i < REFNODE_MAX; i++) {
		xmlFreeNodeList(nodes[i].nodes);
		memset(&nodes[i], 0, sizeof(nodes[i]));
	}
}
