/*
 * t_feature.c — one entry per feature (issue 8): a tenant's features =
 * and <feature>.<key> settings are parsed once, and every mistake stops
 * start-up with file:line: message; the page tables pass their checks.
 * A test-only `hello` feature stands in for a product.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctx.h"
#include "feature.h"
#include "tenant.h"
#include "tests.h"

static enum result
hello_page(struct ctx *c)
{
	(void)c;
	return RES_OK;
}

static const struct page hello_pages[] = {
	{ .name = "hello", .methods = M_GET, .path = "/hello",
	    .flags = PAGE_TENANT, .get = hello_page, .feature = "hello" },
	{ .name = NULL },
};
static const struct page *const hello_tables[] = { hello_pages, NULL };
static const struct feature_key hello_keys[] = {
	{ .name = "greetings", .lo = 1, .hi = 10, .dflt = 3,
	    .help = "greetings a day" },
	{ .name = "max_len", .lo = 0, .hi = 140, .dflt = 80 },
	{ .name = NULL },
};
static const char *const hello_roles[] = { "greeter", NULL };
static const struct feature hello = {
	.name = "hello",
	.pages = { [FS_MEMBER] = hello_tables },
	.keys = hello_keys,
	.roles = hello_roles,
};
static const struct feature other = { .name = "other" };
static const struct feature *const tab[] = { &other, &hello, NULL };

/* Write tenants/<slug>/tenant.conf under a new temporary directory. */
static int
write_tenant(char *dir, size_t len, const char *body)
{
	char	 path[512];
	FILE	*f;

	snprintf(dir, len, "/tmp/t_feature.XXXXXX");
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/demo", dir);
	if (mkdir(path, 0700) == -1)
		return -1;
	snprintf(path, sizeof(path), "%s/demo/tenant.conf", dir);
	if ((f = fopen(path, "w")) == NULL)
		return -1;
	fprintf(f, "name_ja = デモ\nname_en = Demo\nhosts = demo.test\n%s",
	    body);
	return fclose(f);
}

static void
rm_tenant(const char *dir)
{
	char	 path[512];

	snprintf(path, sizeof(path), "%s/demo/tenant.conf", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/demo", dir);
	rmdir(path);
	rmdir(dir);
}

/* Load body as a tenant against tab; 0 or -1 with the message in err. */
static int
load(const char *body, struct tenant *t, char *err, size_t errlen)
{
	char	 dir[64];
	int	 rc;

	err[0] = '\0';
	if (write_tenant(dir, sizeof(dir), body) == -1) {
		CU_FAIL("cannot write a tenant.conf");
		return -2;
	}
	rc = tenant_load_with(t, dir, "demo", tab, err, errlen);
	rm_tenant(dir);
	return rc;
}

/* "…/tenant.conf:<line>: <what>" */
static int
at_line(const char *err, int line, const char *what)
{
	char	 want[64];

	snprintf(want, sizeof(want), "tenant.conf:%d: ", line);
	return strstr(err, want) != NULL && strstr(err, what) != NULL;
}

static void
t_settings(void)
{
	struct tenant	 t;
	char		 err[512];

	CU_ASSERT_EQUAL(load("features = hello\nhello.greetings = 7\n", &t,
	    err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(t.feature_mask, 1U << 1);
	CU_ASSERT_EQUAL(t.settings[0], 7);	/* hello's first key */
	CU_ASSERT_EQUAL(t.settings[1], 80);	/* its default */
	tenant_clear(&t);
	CU_ASSERT_EQUAL(load("features = other hello\n", &t, err,
	    sizeof(err)), 0);
	CU_ASSERT_EQUAL(t.feature_mask, 3U);
	CU_ASSERT_EQUAL(t.settings[0], 3);
	tenant_clear(&t);
}

static void
t_unknown_feature(void)
{
	struct tenant	 t;
	char		 err[512];

	/* tenants/palliative once said `features = certify`. */
	CU_ASSERT_EQUAL(load("login_id = regno\nfeatures = hello certify\n",
	    &t, err, sizeof(err)), -1);
	CU_ASSERT_TRUE(at_line(err, 5, "unknown feature 'certify'"));
}

static void
t_unknown_key(void)
{
	struct tenant	 t;
	char		 err[512];

	CU_ASSERT_EQUAL(load("features = hello\nhello.greeting = 2\n", &t,
	    err, sizeof(err)), -1);
	CU_ASSERT_TRUE(at_line(err, 5, "unknown key hello.greeting"));
	CU_ASSERT_EQUAL(load("\ncertify.cases = 20\n", &t, err,
	    sizeof(err)), -1);
	CU_ASSERT_TRUE(at_line(err, 5, "no feature certify"));
	/* Only one dot, between two words. */
	CU_ASSERT_EQUAL(load("hello..greetings = 2\n", &t, err,
	    sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "line 4: bad key"));
	CU_ASSERT_EQUAL(load(".greetings = 2\n", &t, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "line 4: bad key"));
}

static void
t_out_of_range(void)
{
	struct tenant	 t;
	char		 err[512];

	CU_ASSERT_EQUAL(load("hello.greetings = 11\n", &t, err,
	    sizeof(err)), -1);
	CU_ASSERT_TRUE(at_line(err, 4, "from 1 to 10"));
	CU_ASSERT_EQUAL(load("hello.greetings = 0\n", &t, err,
	    sizeof(err)), -1);
	CU_ASSERT_TRUE(at_line(err, 4, "from 1 to 10"));
	CU_ASSERT_EQUAL(load("hello.greetings = 5x\n", &t, err,
	    sizeof(err)), -1);
	CU_ASSERT_TRUE(at_line(err, 4, "is not a number"));
	CU_ASSERT_EQUAL(load("hello.max_len = 0\n", &t, err,
	    sizeof(err)), 0);
	tenant_clear(&t);
}

/* The shipped tables pass; their roles and features exist. */
static void
t_tables_check(void)
{
	char	 err[256] = "";

	CU_ASSERT_EQUAL(page_tables_check(NULL, err, sizeof(err)), 0);
	if (err[0] != '\0')
		fprintf(stderr, "page_tables_check: %s\n", err);
	CU_ASSERT_TRUE(feature_role_known("program_director"));
	CU_ASSERT_FALSE(feature_role_known("greeter"));
	CU_ASSERT_PTR_NOT_NULL(feature_find(features, "recruit", NULL));
	CU_ASSERT_PTR_NULL(feature_find(features, "hello", NULL));
}

int
suite_feature(void)
{
	static const struct utest t[] = {
		{ "settings: typed, ranged, defaults", t_settings },
		{ "unknown feature: file:line: message", t_unknown_feature },
		{ "unknown <feature>.<key>: file:line: message",
		    t_unknown_key },
		{ "value out of range: file:line: message", t_out_of_range },
		{ "page tables check", t_tables_check },
		{ NULL, NULL },
	};
	return add_suite("feature", t);
}
