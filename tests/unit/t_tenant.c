/* t_tenant.c — tenants by host (CORE-1) and slug validation. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tenant.h"
#include "tests.h"

static void
t_slug(void)
{
	CU_ASSERT_TRUE(tenant_slug_valid("board"));
	CU_ASSERT_TRUE(tenant_slug_valid("med-assoc2"));
	CU_ASSERT_FALSE(tenant_slug_valid("../etc"));
	CU_ASSERT_FALSE(tenant_slug_valid("Board"));
	CU_ASSERT_FALSE(tenant_slug_valid("-x"));
	CU_ASSERT_FALSE(tenant_slug_valid(""));
}

static void
t_host(void)
{
	char	 h[64];

	CU_ASSERT_EQUAL(host_normalize("Board.LocalHost:8080", h, sizeof(h)),
	    0);
	CU_ASSERT_STRING_EQUAL(h, "board.localhost");
	CU_ASSERT_EQUAL(host_normalize("a b", h, sizeof(h)), -1);
	CU_ASSERT_EQUAL(host_normalize(":80", h, sizeof(h)), -1);
	CU_ASSERT_TRUE(host_in_list("ops.localhost ops.example", "ops.example"));
	CU_ASSERT_FALSE(host_in_list("ops.localhost", "ops.local"));
}

/* The shipped tenants load, and each host finds exactly its tenant. */
static void
t_shipped(void)
{
	const char		*src = getenv("top_srcdir");
	struct tenants		*ts;
	const struct tenant	*t;
	char			 err[256];

	ts = tenants_load(src ? src : ".", err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ts);
	CU_ASSERT(ts->n >= 4);
	t = tenant_by_host(ts, "board.localhost");
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	CU_ASSERT_STRING_EQUAL(t->slug, "board");
	CU_ASSERT_STRING_EQUAL(t->login_id, "regno");
	t = tenant_by_host(ts, "palliative.localhost");
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	CU_ASSERT_STRING_EQUAL(t->slug, "palliative");
	CU_ASSERT_PTR_NULL(tenant_by_host(ts, "evil.localhost"));
	CU_ASSERT_PTR_NULL(tenant_by_host(ts, "ops.localhost"));
	tenants_free(ts);
}

int
suite_tenant(void)
{
	static const struct utest t[] = {
		{ "slug validation", t_slug },
		{ "host normalisation", t_host },
		{ "shipped tenants by host", t_shipped },
		{ NULL, NULL },
	};
	return add_suite("tenant", t);
}
