/* core.c — the tenant site's public pages. */
#include <stddef.h>
#include <string.h>

#include "ctx.h"
#include "db.h"
#include "dbq.h"

const struct page core_pages[] = {
	{ "home", "GET", "/", PAGE_TENANT, page_home, "menu.home", NULL },
	{ NULL, NULL, NULL, 0, NULL, NULL, NULL },
};

/*
 * The home page: the tenant's notices (one query).  If the database is
 * down the page still renders, saying the notices are unavailable.
 */
enum result
page_home(struct ctx *c)
{
	struct dbres	*r;
	xmlNodePtr	 ns, n;
	size_t		 i;
	int		 en = strcmp(c->lang, "en") == 0;

	if (model_new(c, "home") == -1)
		return RES_INTERNAL;
	ns = model_node(c->content, "notices");
	if ((r = dbq_notices(c->app->db, c->tenant, 10)) == NULL) {
		model_attr(ns, "unavailable", "1");
		return RES_OK;
	}
	for (i = 0; i < r->nrows; i++) {
		n = model_node(ns, "notice");
		model_attr(n, "id", dbres_get(r, i, 0));
		model_attr(n, "date", dbres_get(r, i, 1));
		model_text(n, "title", (en && dbres_get(r, i, 3)) ?
		    dbres_get(r, i, 3) : dbres_get(r, i, 2));
		if (dbres_get(r, i, 4) != NULL)
			model_text(n, "body", (en && dbres_get(r, i, 5)) ?
			    dbres_get(r, i, 5) : dbres_get(r, i, 4));
	}
	dbres_free(r);
	return RES_OK;
}
