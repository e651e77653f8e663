/*
 * admin_imports.c — every CSV import the tenant's features mount, on
 * one page (ADM-1): the import pages (a path ending in "/import") of
 * every page table that this admin may open on this tenant, found by
 * walking the tables as the menu does, so a product's new import
 * appears here without an edit.  Below them the history of commits
 * (apply/import.c writes it in each commit's transaction): who, when,
 * the counts, the file's SHA-256, and the file itself, downloaded from
 * /admin/imports/<id> exactly as it was loaded.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "csv.h"
#include "ctx.h"
#include "db.h"
#include "feature.h"
#include "import.h"

#define SUFFIX		"/import"
#define FILE_PATH	"/admin/imports/"
#define HISTORY_SHOWN	100

/* The imports this admin may open here. */
static void
imports_model(struct ctx *c, xmlNodePtr list)
{
	const struct page	*pg;
	xmlNodePtr		 e;
	size_t			 t, n;

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
}

static enum result
page_admin_imports(struct ctx *c)
{
	static const char *const attr[IMPH_COL__MAX] = {
		"id", "name", "path", "filename", "sha256", "bytes", "rows",
		"tallies", "actor", "at", "kept"
	};
	struct dbres	*r;
	xmlNodePtr	 h, e;
	size_t		 i, k;
	enum result	 res = RES_UNAVAIL;

	if ((r = dbq_import_history(c->app->db, c->tenant->slug,
	    HISTORY_SHOWN)) == NULL)
		goto out;
	res = RES_INTERNAL;
	if (model_new(c, "admin-imports") == -1)
		goto out;
	imports_model(c, model_node(c->content, "imports"));
	h = model_node(c->content, "history");
	for (i = 0; i < r->nrows; i++) {
		e = model_node(h, "commit");
		for (k = 0; k < IMPH_COL__MAX; k++)
			if (dbres_get(r, i, k) != NULL)
				model_attr(e, attr[k], dbres_get(r, i, k));
	}
	res = RES_OK;
out:
	dbres_free(r);
	return res;
}

/* GET /admin/imports/<id>: the file of a commit, byte for byte. */
static enum result
page_import_file(struct ctx *c)
{
	const char	*p = c->path + strlen(FILE_PATH);
	struct dbres	*r = NULL;
	struct buf	 b = { NULL, 0, 0 };
	enum result	 res = RES_NOTFOUND;

	if (*p == '\0' || strlen(p) > 18 || strspn(p, "0123456789") !=
	    strlen(p))
		goto out;
	res = RES_UNAVAIL;
	if ((r = dbq_import_file(c->app->db, c->tenant->slug,
	    atoll(p))) == NULL)
		goto out;
	res = RES_NOTFOUND;
	if (r->nrows == 0)
		goto out;
	res = RES_INTERNAL;
	if (buf_append(&b, dbres_get(r, 0, IMPF_COL_DATA),
	    dbres_len(r, 0, IMPF_COL_DATA)) == -1)
		goto out;
	res = csv_respond(c, &b, dbres_get(r, 0, IMPF_COL_FILENAME));
out:
	buf_free(&b);
	dbres_free(r);
	return res;
}

const struct page admin_import_pages[] = {
	{ .name = "admin-imports", .methods = M_GET, .path = "/admin/imports",
	    .flags = PAGE_TENANT | PAGE_AUTH, .get = page_admin_imports,
	    .roles = ROLE_TENANT_ADMIN },
	{ .name = "admin-import-file", .methods = M_GET, .path = FILE_PATH,
	    .flags = PAGE_TENANT | PAGE_AUTH | PAGE_PREFIX,
	    .get = page_import_file, .roles = ROLE_TENANT_ADMIN },
	{ .name = NULL },
};
