/*
 * admin_imports.c — every CSV import the tenant's features mount, on
 * one page (ADM-1): the import pages (a path ending in "/import") of
 * every page table that this admin may open on this tenant, found by
 * walking the tables as the menu does, so a product's new import
 * appears here without an edit.  No SQL.
 */
#include <string.h>

#include "ctx.h"
#include "feature.h"

#define SUFFIX	"/import"

static enum result
page_admin_imports(struct ctx *c)
{
	const struct page	*pg;
	xmlNodePtr		 list, e;
	size_t			 t, n;

	if (model_new(c, "admin-imports") == -1)
		return RES_INTERNAL;
	list = model_node(c->content, "imports");
	for (t = 0; page_tables[t] != NULL; t++)
		for (pg = page_tables[t]; pg->name != NULL; pg++) {
			n = strlen(pg->path);
			if (n <= strlen(SUFFIX) || (pg->flags & PAGE_PREFIX) ||
			    strcmp(pg->path + n - strlen(SUFFIX), SUFFIX) != 0 ||
			    !page_visible(c, pg))
				continue;
			e = model_node(list, "import");
			model_attr(e, "name", pg->name);
			model_attr(e, "href", pg->path);
		}
	return RES_OK;
}

const struct page admin_import_pages[] = {
	{ .name = "admin-imports", .methods = M_GET, .path = "/admin/imports",
	    .flags = PAGE_TENANT | PAGE_AUTH, .get = page_admin_imports,
	    .roles = ROLE_TENANT_ADMIN },
	{ .name = NULL },
};
