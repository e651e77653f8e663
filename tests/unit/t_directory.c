/*
 * t_directory.c — LDAP filter escaping (RFC 4515), the login filters
 * per tenant login_id (CORE-4), the lockout policy (CORE-6), roles
 * (CORE-16) and the uid / password generators.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "directory.h"
#include "tenant.h"
#include "tests.h"

static void
check_esc(const char *in, size_t len, const char *want)
{
	char	*s;

	s = dir_filter_escape_bytes(in, len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT_STRING_EQUAL(s, want);
	free(s);
}

/* RFC 4515 section 3: '*', '(', ')', '\' and NUL become \XX. */
static void
t_escape_specials(void)
{
	check_esc("*", 1, "\\2A");
	check_esc("(", 1, "\\28");
	check_esc(")", 1, "\\29");
	check_esc("\\", 1, "\\5C");
	check_esc("a\0b", 3, "a\\00b");
	check_esc("a*b", 3, "a\\2Ab");
	check_esc("*)(uid=*", 8, "\\2A\\29\\28uid=\\2A");
	check_esc("*)(|(objectClass=*", 18,
	    "\\2A\\29\\28|\\28objectClass=\\2A");
	check_esc("", 0, "");
}

/* Safe ASCII passes through unchanged. */
static void
t_escape_plain(void)
{
	char	*s;

	check_esc("512345", 6, "512345");
	check_esc("member@palliative.example", 25,
	    "member@palliative.example");
	check_esc("a-b_c.d+e=f ~", 13, "a-b_c.d+e=f ~");
	s = dir_filter_escape("x(y)");
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT_STRING_EQUAL(s, "x\\28y\\29");
	free(s);
}

/*
 * OpenLDAP escapes every byte outside 0x01-0x7e, so UTF-8 goes out as
 * escaped bytes (still a valid assertion value: RFC 4515 allows any
 * octet as \XX) and DEL too.
 */
static void
t_escape_nonascii(void)
{
	check_esc("山田", strlen("山田"), "\\E5\\B1\\B1\\E7\\94\\B0");
	check_esc("é", 2, "\\C3\\A9");
	check_esc("\x7f", 1, "\\7F");
	check_esc("\xff", 1, "\\FF");	/* not UTF-8: still one byte */
}

static struct tenant *
fake(struct tenant *t, const char *slug, const char *kind)
{
	memset(t, 0, sizeof(*t));
	t->slug = (char *)(uintptr_t)slug;
	t->login_id = (char *)(uintptr_t)kind;
	/* As tenant.conf is read: the kind is parsed once, here. */
	if (login_kind_parse(kind, &t->login_kind) == -1)
		t->login_kind = LOGIN__MAX;
	return t;
}

static void
check_filter(const struct tenant *t, const char *ident, const char *want)
{
	char	*f;

	f = dir_login_filter(t, ident);
	if (want == NULL) {
		CU_ASSERT_PTR_NULL(f);
		return;
	}
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_STRING_EQUAL(f, want);
	free(f);
}

/* Each login_id searches its attributes, with the value escaped. */
static void
t_login_filters(void)
{
	struct tenant	 t;

	check_filter(fake(&t, "board", "regno"), "512345",
	    "(&(objectClass=inetOrgPerson)(employeeNumber=512345))");
	check_filter(fake(&t, "palliative", "email_or_member"),
	    "member@palliative.example",
	    "(&(objectClass=inetOrgPerson)(|(mail=member@palliative.example)"
	    "(employeeNumber=member@palliative.example)))");
	check_filter(fake(&t, "oncology", "member_or_email"), "300512",
	    "(&(objectClass=inetOrgPerson)(|(mail=300512)"
	    "(employeeNumber=300512)))");
	check_filter(NULL, "ops", "(&(objectClass=inetOrgPerson)(uid=ops))");
	check_filter(fake(&t, "x", "nonsense"), "1", NULL);
}

/* Injection attempts stay one assertion value. */
static void
t_login_injection(void)
{
	struct tenant	 t;

	check_filter(fake(&t, "board", "regno"), "*)(uid=*",
	    "(&(objectClass=inetOrgPerson)"
	    "(employeeNumber=\\2A\\29\\28uid=\\2A))");
	check_filter(fake(&t, "palliative", "email_or_member"), "*",
	    "(&(objectClass=inetOrgPerson)(|(mail=\\2A)"
	    "(employeeNumber=\\2A)))");
	check_filter(NULL, "ops)(|(uid=*",
	    "(&(objectClass=inetOrgPerson)(uid=ops\\29\\28|\\28uid=\\2A))");
}

/* 5 failures lock for 1 min x 2^locks, at most 24 h (CORE-6). */
static void
t_lockout_policy(void)
{
	const struct lockout_policy	*p = &lockout_policy;
	const struct lockout_policy	 q = { 3, 10, 100 };

	CU_ASSERT_EQUAL(p->max_failures, 5);
	CU_ASSERT_EQUAL(lockout_seconds(p, 0), 60);
	CU_ASSERT_EQUAL(lockout_seconds(p, 1), 120);
	CU_ASSERT_EQUAL(lockout_seconds(p, 2), 240);
	CU_ASSERT_EQUAL(lockout_seconds(p, 5), 1920);
	CU_ASSERT_EQUAL(lockout_seconds(p, 10), 61440);
	CU_ASSERT_EQUAL(lockout_seconds(p, 11), 86400);
	CU_ASSERT_EQUAL(lockout_seconds(p, 1000), 86400);
	CU_ASSERT_EQUAL(lockout_seconds(p, -1), 60);
	CU_ASSERT_EQUAL(lockout_seconds(&q, 0), 10);
	CU_ASSERT_EQUAL(lockout_seconds(&q, 3), 80);
	CU_ASSERT_EQUAL(lockout_seconds(&q, 4), 100);
}

static void
t_roles(void)
{
	CU_ASSERT_EQUAL(role_valid("member", "board"), 1);
	CU_ASSERT_EQUAL(role_valid("program_director", "board"), 1);
	CU_ASSERT_EQUAL(role_valid("association_reviewer", "medassoc"), 1);
	CU_ASSERT_EQUAL(role_valid("tenant_admin", "oncology"), 1);
	CU_ASSERT_EQUAL(role_valid("central_it", "board"), 0);
	CU_ASSERT_EQUAL(role_valid("central_it", ACCOUNT_OPS), 1);
	CU_ASSERT_EQUAL(role_valid("member", ACCOUNT_OPS), 0);
	CU_ASSERT_EQUAL(role_valid("root", "board"), 0);
	CU_ASSERT_EQUAL(role_valid("Member", "board"), 0);
	CU_ASSERT_EQUAL(role_valid(NULL, "board"), 0);
}

static void
t_uids(void)
{
	char	 a[DIR_UID_LEN + 1], b[DIR_UID_LEN + 1], small[4];
	char	 long_[66];
	size_t	 i;

	CU_ASSERT_EQUAL(dir_new_uid(a, sizeof(a)), 0);
	CU_ASSERT_EQUAL(dir_new_uid(b, sizeof(b)), 0);
	CU_ASSERT_EQUAL(strlen(a), DIR_UID_LEN);
	CU_ASSERT_EQUAL(a[0], 'm');
	for (i = 1; i < DIR_UID_LEN; i++)
		CU_ASSERT((a[i] >= 'a' && a[i] <= 'z') ||
		    (a[i] >= '2' && a[i] <= '7'));
	CU_ASSERT_STRING_NOT_EQUAL(a, b);
	CU_ASSERT(dir_uid_valid(a));
	CU_ASSERT_EQUAL(dir_new_uid(small, sizeof(small)), -1);

	CU_ASSERT(dir_uid_valid("ops"));
	CU_ASSERT(dir_uid_valid("it.admin-2"));
	CU_ASSERT(!dir_uid_valid(""));
	CU_ASSERT(!dir_uid_valid(NULL));
	CU_ASSERT(!dir_uid_valid("Ops"));
	CU_ASSERT(!dir_uid_valid("-x"));
	CU_ASSERT(!dir_uid_valid("a,b"));
	CU_ASSERT(!dir_uid_valid("a+b"));
	CU_ASSERT(!dir_uid_valid("a=b"));
	CU_ASSERT(!dir_uid_valid("山田"));
	memset(long_, 'a', sizeof(long_) - 1);
	long_[65] = '\0';
	CU_ASSERT(!dir_uid_valid(long_));
	long_[64] = '\0';
	CU_ASSERT(dir_uid_valid(long_));
}

static void
t_gen_password(void)
{
	char	 p[17], q[17], small[12];
	size_t	 i;

	CU_ASSERT_EQUAL(dir_gen_password(p, sizeof(p)), 0);
	CU_ASSERT_EQUAL(dir_gen_password(q, sizeof(q)), 0);
	CU_ASSERT_EQUAL(strlen(p), 16);
	CU_ASSERT_STRING_NOT_EQUAL(p, q);
	for (i = 0; i < 16; i++) {
		CU_ASSERT(strchr("0O1lI", p[i]) == NULL);
		CU_ASSERT((p[i] >= 'a' && p[i] <= 'z') ||
		    (p[i] >= 'A' && p[i] <= 'Z') ||
		    (p[i] >= '2' && p[i] <= '9'));
	}
	CU_ASSERT_EQUAL(dir_gen_password(small, sizeof(small)), -1);
}

static const struct utest tests[] = {
	{ "escape RFC 4515 specials", t_escape_specials },
	{ "escape leaves plain ASCII", t_escape_plain },
	{ "escape non-ASCII bytes", t_escape_nonascii },
	{ "login filter per login_id", t_login_filters },
	{ "login filter injection", t_login_injection },
	{ "lockout durations", t_lockout_policy },
	{ "role table", t_roles },
	{ "uids", t_uids },
	{ "generated passwords", t_gen_password },
	{ NULL, NULL },
};

int
suite_directory(void)
{
	return add_suite("directory", tests);
}
