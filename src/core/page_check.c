/*
 * page_check.c — the page tables are data, so they are checked like
 * configuration (page_tables_check()).
 */
#include <stdio.h>
#include <string.h>

#include "ctx.h"
#include "feature.h"
#include "render.h"

/* Every bit of a role mask is a role the platform or a feature defines. */
static int
roles_known(unsigned int roles, char *bad, size_t badlen)
{
	unsigned int	 bit;

	for (bit = 1; bit != 0; bit <<= 1)
		if ((roles & bit) && role_name(bit) == NULL) {
			snprintf(bad, badlen, "bit 0x%x", bit);
			return 0;
		}
	return 1;
}

/*
 * The page tables are data, so they are checked like configuration, at
 * start-up and by `shikakud -n` / `shikakuctl check-config`: one page
 * per method and path on each kind of host, one handler for each of a
 * page's methods and none for the others, every page's feature and
 * roles exist, every menu key has a message in Japanese and English
 * (when r is given).  0, or -1 with the first problem in err.
 */
int
page_tables_check(const struct render *r, char *err, size_t errlen)
{
	const struct page	*a, *b;
	char			 bad[64];
	size_t			 i, j;
	int			 rc = -1;

	if (role_bits_check(features, err, errlen) == -1)
		goto out;
	for (i = 0; page_tables[i] != NULL; i++)
		for (a = page_tables[i]; a->name != NULL; a++) {
			if (a->feature != NULL &&
			    feature_find(features, a->feature, NULL) == NULL) {
				snprintf(err, errlen, "page %s: no feature %s",
				    a->name, a->feature);
				goto out;
			}
			if (((a->methods & M_GET) == 0) != (a->get == NULL) ||
			    ((a->methods & M_POST) == 0) != (a->post == NULL)) {
				snprintf(err, errlen, "page %s: one handler "
				    "per method, and only those", a->name);
				goto out;
			}
			if (a->roles != 0 &&
			    !roles_known(a->roles, bad, sizeof(bad))) {
				snprintf(err, errlen, "page %s: no role %s",
				    a->name, bad);
				goto out;
			}
			if (a->menu != NULL && r != NULL &&
			    (!render_has_message(r, "ja", a->menu) ||
			    !render_has_message(r, "en", a->menu))) {
				snprintf(err, errlen, "page %s: menu key %s "
				    "needs a message in ja and en", a->name,
				    a->menu);
				goto out;
			}
			for (j = i; page_tables[j] != NULL; j++)
				for (b = j == i ? a + 1 : page_tables[j];
				    b->name != NULL; b++)
					if (strcmp(a->path, b->path) == 0 &&
					    (a->flags & b->flags &
					    (PAGE_TENANT | PAGE_OPS)) &&
					    (a->methods & b->methods)) {
						snprintf(err, errlen, "pages %s "
						    "and %s: both %s %s",
						    a->name, b->name,
						    (a->methods & b->methods &
						    M_GET) ? "GET" : "POST",
						    a->path);
						goto out;
					}
		}
	rc = 0;
out:
	return rc;
}
