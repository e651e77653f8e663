/*
 * page.c — pages as data.  Each feature exports a table of pages; a
 * request's method and path find one entry here before any handler
 * runs, and an unknown path is a 404 without touching a handler.
 */
#include <string.h>

#include "ctx.h"
#include "tenant.h"


/* Every feature's table, in lookup order; add a feature's table here. */
const struct page *const page_tables[] = {
	core_pages,
	upload_pages,
	recruit_pages,		/* 「現在の状況」 first in the menu */
	recruit_search_pages,
	register_pages,
	account_pages,
	admin_pages,
	recruit_admin_pages,
	terms_pages,
	kept_pages,
	login_pages,
	ops_pages,
	NULL,
};

/* The request's method as a bit of struct page's methods; 0: none. */
static unsigned int
method_bit(const char *m)
{
	/* HEAD is answered like GET; the body is dropped on output. */
	if (strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0)
		return M_GET;
	if (strcmp(m, "POST") == 0)
		return M_POST;
	return 0;
}

static int
path_ok(const struct page *pg, const char *path)
{
	if (pg->flags & PAGE_PREFIX)
		return strncmp(path, pg->path, strlen(pg->path)) == 0;
	return strcmp(path, pg->path) == 0;
}

enum page_match
page_lookup(const char *method, const char *path, int ops,
    const struct tenant *t, const struct page **out)
{
	const struct page	*pg;
	enum page_match		 rc = PM_NOTFOUND;
	unsigned int		 mb = method_bit(method);
	size_t			 i;

	*out = NULL;
	for (i = 0; page_tables[i] != NULL; i++)
		for (pg = page_tables[i]; pg->name != NULL; pg++) {
			if (!(pg->flags & (ops ? PAGE_OPS : PAGE_TENANT)))
				continue;
			if (pg->feature != NULL &&
			    !tenant_has_feature(t, pg->feature))
				continue;
			if (!path_ok(pg, path))
				continue;
			if (pg->methods & mb) {
				*out = pg;
				rc = PM_FOUND;
				goto out;
			}
			rc = PM_METHOD;
		}
out:
	return rc;
}
