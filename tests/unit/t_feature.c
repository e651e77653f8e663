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
static const struct feature_role hello_roles[] = {
	{ "greeter", ROLE_FEATURE(1) },
	{ NULL, 0 },
};
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

/* login_id is an enum read once; a kind nobody knows is file:line. */
static void
t_login_kind(void)
{
	struct tenant	 t;
	enum login_kind	 k = LOGIN__MAX;
	char		 err[512];

	CU_ASSERT_EQUAL(login_kind_parse("email_or_member", &k), 0);
	CU_ASSERT_EQUAL(k, LOGIN_EMAIL_OR_MEMBER);
	CU_ASSERT_EQUAL(login_kind_parse("regno", &k), 0);
	CU_ASSERT_EQUAL(k, LOGIN_REGNO);
	CU_ASSERT_EQUAL(login_kind_parse("Regno", &k), -1);
	CU_ASSERT_EQUAL(login_kind_parse("", &k), -1);
	CU_ASSERT_EQUAL(login_kind_parse(NULL, &k), -1);
	CU_ASSERT_STRING_EQUAL(login_kind_name(LOGIN_MEMBER_OR_EMAIL),
	    "member_or_email");
	CU_ASSERT_STRING_EQUAL(login_kind_name(LOGIN__MAX), "");

	CU_ASSERT_EQUAL(load("", &t, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(t.login_kind, LOGIN_REGNO);
	CU_ASSERT_STRING_EQUAL(t.login_id, "regno");
	tenant_clear(&t);
	CU_ASSERT_EQUAL(load("login_id = member_or_email\n", &t, err,
	    sizeof(err)), 0);
	CU_ASSERT_EQUAL(t.login_kind, LOGIN_MEMBER_OR_EMAIL);
	tenant_clear(&t);
	CU_ASSERT_EQUAL(load("\nlogin_id = mail\n", &t, err, sizeof(err)),
	    -1);
	CU_ASSERT_TRUE(at_line(err, 5, "bad login_id 'mail'"));
}

/*
 * A session's comma list of roles becomes a mask once (as word_in_list()
 * read it: blanks ignored, any case); a role nobody defines is
 * ROLE_OTHER, which no page asks for but is not "member" either.
 */
static void
t_role_mask(void)
{
	unsigned int	 pd = role_bit("program_director");

	CU_ASSERT_EQUAL(pd, ROLE_FEATURE(0));
	CU_ASSERT_EQUAL(role_bit("member"), ROLE_MEMBER);
	CU_ASSERT_EQUAL(role_bit("greeter"), 0);
	CU_ASSERT_STRING_EQUAL(role_name(ROLE_CENTRAL_IT), "central_it");
	CU_ASSERT_STRING_EQUAL(role_name(pd), "program_director");
	CU_ASSERT_PTR_NULL(role_name(ROLE_OTHER));
	CU_ASSERT_PTR_NULL(role_name(ROLE_FEATURE(3)));
	CU_ASSERT_EQUAL(role_mask_parse(NULL), 0);
	CU_ASSERT_EQUAL(role_mask_parse(""), 0);
	CU_ASSERT_EQUAL(role_mask_parse(",,"), 0);
	CU_ASSERT_EQUAL(role_mask_parse("member"), ROLE_MEMBER);
	CU_ASSERT_EQUAL(role_mask_parse("member,tenant_admin"),
	    ROLE_MEMBER | ROLE_TENANT_ADMIN);
	CU_ASSERT_EQUAL(role_mask_parse("program_director,tenant_admin"),
	    pd | ROLE_TENANT_ADMIN);
	CU_ASSERT_EQUAL(role_mask_parse(" Member , central_it"),
	    ROLE_MEMBER | ROLE_CENTRAL_IT);
	CU_ASSERT_EQUAL(role_mask_parse("member,nurse"),
	    ROLE_MEMBER | ROLE_OTHER);
	CU_ASSERT_EQUAL(role_mask_parse("member_x"), ROLE_OTHER);
}

/* A signed-in session holds exactly its bits; others hold none. */
static void
t_session_roles(void)
{
	struct tenant	 t;
	struct ctx	 c;

	memset(&c, 0, sizeof(c));
	memset(&t, 0, sizeof(t));
	c.tenant = &t;
	c.sess.valid = 1;
	c.sess.stage = SESS_IN;
	c.sess.role_mask = role_mask_parse("tenant_admin,program_director");
	CU_ASSERT_TRUE(session_has_role(&c, ROLE_TENANT_ADMIN));
	CU_ASSERT_TRUE(page_any_role(&c, ROLE_MEMBER | ROLE_TENANT_ADMIN));
	CU_ASSERT_TRUE(page_any_role(&c, role_bit("program_director")));
	CU_ASSERT_FALSE(page_any_role(&c, ROLE_MEMBER | ROLE_CENTRAL_IT));
	c.sess.stage = SESS_TOTP;
	CU_ASSERT_FALSE(session_has_role(&c, ROLE_TENANT_ADMIN));
	/* totp_required = staff: any role but member, unknown ones too. */
	t.totp_policy = TOTP_STAFF;
	c.sess.role_mask = role_mask_parse("member");
	CU_ASSERT_FALSE(totp_required(&c));
	c.sess.role_mask = role_mask_parse("member,nurse");
	CU_ASSERT_TRUE(totp_required(&c));
	c.sess.role_mask = role_mask_parse("member,tenant_admin");
	CU_ASSERT_TRUE(totp_required(&c));
	t.totp_policy = TOTP_NONE;
	CU_ASSERT_FALSE(totp_required(&c));
}

/* A feature's role is one bit of the features' range, and a name, its own. */
static void
t_role_bits(void)
{
	static const struct feature_role same[] = {
		{ "greeter2", ROLE_FEATURE(1) }, { NULL, 0 } };
	static const struct feature_role two[] = {
		{ "wide", ROLE_FEATURE(2) | ROLE_FEATURE(3) }, { NULL, 0 } };
	static const struct feature_role plat[] = {
		{ "admin2", ROLE_TENANT_ADMIN }, { NULL, 0 } };
	static const struct feature f_same = { .name = "same",
		.roles = same };
	static const struct feature f_two = { .name = "two", .roles = two };
	static const struct feature f_plat = { .name = "plat",
		.roles = plat };
	static const struct feature_role twice[] = {
		{ "greeter", ROLE_FEATURE(4) }, { NULL, 0 } };
	static const struct feature_role memb[] = {
		{ "member", ROLE_FEATURE(5) }, { NULL, 0 } };
	static const struct feature f_twice = { .name = "twice",
		.roles = twice };
	static const struct feature f_memb = { .name = "memb",
		.roles = memb };
	const struct feature *const t_twice[] = { &hello, &f_twice, NULL };
	const struct feature *const t_memb[] = { &f_memb, NULL };
	const struct feature *const t_same[] = { &hello, &f_same, NULL };
	const struct feature *const t_two[] = { &f_two, NULL };
	const struct feature *const t_plat[] = { &f_plat, NULL };
	char	 err[256];

	CU_ASSERT_EQUAL(role_bits_check(tab, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(role_bits_check(features, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(role_bits_check(t_same, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "role greeter2: its bit is "
	    "another role's"));
	CU_ASSERT_EQUAL(role_bits_check(t_two, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "role wide: not one bit"));
	CU_ASSERT_EQUAL(role_bits_check(t_plat, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "role admin2: not one bit"));
	CU_ASSERT_EQUAL(role_bits_check(t_twice, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "role greeter: defined twice"));
	CU_ASSERT_EQUAL(role_bits_check(t_memb, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "role member: defined twice"));
}

/* A page asking for a role bit nobody defines stops start-up. */
static void
t_tables_unknown_role(void)
{
	static const struct page bad[] = {
		{ .name = "bad", .methods = M_GET, .path = "/bad-role",
		    .flags = PAGE_TENANT, .get = hello_page,
		    .roles = ROLE_MEMBER | ROLE_FEATURE(7) },
		{ .name = NULL },
	};
	const struct page	*saved = page_tables[0];
	char			 err[256] = "";

	page_tables[0] = bad;
	CU_ASSERT_EQUAL(page_tables_check(NULL, err, sizeof(err)), -1);
	page_tables[0] = saved;
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "page bad: no role"));
	CU_ASSERT_EQUAL(page_tables_check(NULL, err, sizeof(err)), 0);
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
		{ "login_id: an enum, unknown is file:line: message",
		    t_login_kind },
		{ "roles: a comma list parsed once into a mask", t_role_mask },
		{ "roles: session and page checks by bit", t_session_roles },
		{ "roles: each feature role its own bit", t_role_bits },
		{ "page tables check: a role nobody defines",
		    t_tables_unknown_role },
		{ "page tables check", t_tables_check },
		{ NULL, NULL },
	};
	return add_suite("feature", t);
}
