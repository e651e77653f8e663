/*
 * main.c — the `hello` product, added without a core edit (issue 8):
 * a tenant that names it in tenant.conf gets its page and its setting;
 * a tenant that does not, and the shipped tenants, do not; the page
 * tables with it still pass page_tables_check().  Exit 0 when all hold.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "feature.h"
#include "tenant.h"

static unsigned int	 passed, failed;

static void
check(int ok, const char *what)
{
	printf("%s: hello: %s\n", ok ? "PASS" : "FAIL", what);
	if (ok)
		passed++;
	else
		failed++;
}

int
main(void)
{
	const char		*src = getenv("top_srcdir");
	char			 dir[1024], err[512];
	struct tenants		*ts = NULL, *shipped = NULL;
	const struct tenant	*t;
	const struct page	*pg;
	size_t			 i;

	snprintf(dir, sizeof(dir), "%s/tests/hello", src ? src : ".");
	if ((ts = tenants_load(dir, err, sizeof(err))) == NULL) {
		printf("FAIL: hello: %s\nRESULT: pass=0 fail=1 skip=0\n", err);
		return 1;
	}
	t = tenant_by_host(ts, "hello.test");
	check(t != NULL && tenant_has_feature(t, "hello"),
	    "tenant.conf's features = hello turns it on");
	check(t != NULL && feature_setting(t, "hello", "greetings") == 5,
	    "hello.greetings = 5 is read once, typed");
	check(page_lookup("GET", "/hello", 0, t, &pg) == PM_FOUND &&
	    strcmp(pg->name, "hello") == 0, "its page is served there");
	check(feature_role_known("greeter"), "its role exists");
	check(page_tables_check(NULL, err, sizeof(err)) == 0,
	    "the page tables with it pass their checks");
	snprintf(dir, sizeof(dir), "%s", src ? src : ".");
	if ((shipped = tenants_load(dir, err, sizeof(err))) == NULL)
		check(0, err);
	for (i = 0; shipped != NULL && i < shipped->n; i++)
		check(page_lookup("GET", "/hello", 0, &shipped->t[i], &pg) ==
		    PM_NOTFOUND, "a tenant without it has no /hello");
	tenants_free(ts);
	tenants_free(shipped);
	printf("RESULT: pass=%u fail=%u skip=0\n", passed, failed);
	return failed != 0;
}
