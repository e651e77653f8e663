/*
 * page.c — pages as data.  Each feature exports a table of pages; a
 * request's method and path find one entry here before any handler
 * runs, and an unknown path is a 404 without touching a handler.
 */
#include <string.h>

#include <stdio.h>

#include "ctx.h"
#include "feature.h"
#include "render.h"
#include "tenant.h"


/*
 * Lookup (and menu) order: the platform's tables around the features'
 * sections.  Products are never named here: they come from features[]
 * (src/feature/features.c), so adding one needs no edit of core.
 */
#define PAGE_TABLES_MAX	64

const struct page *page_tables[PAGE_TABLES_MAX + 1];	/* NULL-ended */

static void
add(size_t *n, const struct page *tab)
{
	if (*n < PAGE_TABLES_MAX)
		page_tables[(*n)++] = tab;
}

static void
add_section(size_t *n, enum feature_section s)
{
	size_t	 i, k;

	for (i = 0; features[i] != NULL; i++)
		for (k = 0; features[i]->pages[s] != NULL &&
		    features[i]->pages[s][k] != NULL; k++)
			add(n, features[i]->pages[s][k]);
}

/* Before main(): every program and test sees the same tables. */
__attribute__((constructor)) static void
page_tables_init(void)
{
	size_t	 n = 0;

	add(&n, core_pages);
	add(&n, upload_pages);
	add_section(&n, FS_MEMBER);
	add(&n, account_pages);
	add_section(&n, FS_STAFF);
	add(&n, terms_pages);
	add(&n, kept_pages);
	add(&n, login_pages);
	add_section(&n, FS_OPS);
	page_tables[n] = NULL;
}

static int
method_ok(const char *allowed, const char *m)
{
	size_t		 ml = strlen(m), n;
	const char	*p = allowed;

	while (*p != '\0') {
		n = strcspn(p, "|");
		if (n == ml && strncmp(p, m, n) == 0)
			return 1;
		p += n + (p[n] == '|');
	}
	/* HEAD is answered like GET; the body is dropped on output. */
	return strcmp(m, "HEAD") == 0 && method_ok(allowed, "GET");
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
			if (method_ok(pg->method, method)) {
				*out = pg;
				rc = PM_FOUND;
				goto out;
			}
			rc = PM_METHOD;
		}
out:
	return rc;
}

/* Is "m" one of the methods pg answers ("GET|POST")? */
static int
methods_overlap(const char *a, const char *b)
{
	static const char *const ms[] = { "GET", "POST", NULL };
	size_t	 i;

	for (i = 0; ms[i] != NULL; i++)
		if (method_ok(a, ms[i]) && method_ok(b, ms[i]))
			return 1;
	return 0;
}

/* Every role of a comma list is one the platform or a feature defines. */
static int
roles_known(const char *roles, char *bad, size_t badlen)
{
	const char	*p = roles;
	size_t		 n;

	while (*p != '\0') {
		n = strcspn(p, ",");
		snprintf(bad, badlen, "%.*s", (int)n, p);
		if (!feature_role_known(bad))
			return 0;
		p += n + (p[n] == ',');
	}
	return 1;
}

/*
 * The page tables are data, so they are checked like configuration, at
 * start-up and by `shikakud -n` / `shikakuctl check-config`: one page
 * per method and path on each kind of host, every page's feature and
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

	for (i = 0; page_tables[i] != NULL; i++)
		for (a = page_tables[i]; a->name != NULL; a++) {
			if (a->feature != NULL &&
			    feature_find(features, a->feature, NULL) == NULL) {
				snprintf(err, errlen, "page %s: no feature %s",
				    a->name, a->feature);
				goto out;
			}
			if (a->roles != NULL &&
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
					    methods_overlap(a->method,
					    b->method)) {
						snprintf(err, errlen, "pages %s "
						    "and %s: both %s %s",
						    a->name, b->name,
						    a->method, a->path);
						goto out;
					}
		}
	rc = 0;
out:
	return rc;
}
