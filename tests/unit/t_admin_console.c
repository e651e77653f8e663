/*
 * t_admin_console.c — the pure pieces of the tenant admin's console
 * (ADM-1; src/feature/admin/): a mail template's variables as the
 * template list shows them, and the member search's LIKE pattern (the
 * searcher's own % and _ match themselves; a long query is cut on a
 * character, never mid-UTF-8, never past the buffer).
 */
#include <string.h>

#include "../../src/feature/admin/admin.h"
#include "tests.h"

static void
t_vars(void)
{
	char	 v[4][ADM_VAR_LEN];
	size_t	 n;

	n = adm_tmpl_vars("Subject: {{tenant_name}} {{name}}\n\n"
	    "{{name}} {{when}}\n{{ip}} {{broken\n}} {{}}", v, 4);
	CU_ASSERT_EQUAL(n, 4);
	CU_ASSERT_STRING_EQUAL(v[0], "tenant_name");
	CU_ASSERT_STRING_EQUAL(v[1], "name");
	CU_ASSERT_STRING_EQUAL(v[2], "when");
	CU_ASSERT_STRING_EQUAL(v[3], "ip");
	CU_ASSERT_EQUAL(adm_tmpl_vars("no variables {{ at all", v, 4), 0);
	CU_ASSERT_EQUAL(adm_tmpl_vars("{{a}}{{b}}{{c}}", v, 2), 2);
}

static void
t_like(void)
{
	char	 out[16];

	adm_like("ケン", out, sizeof(out));
	CU_ASSERT_STRING_EQUAL(out, "%ケン%");
	adm_like("5%_a\\", out, sizeof(out));
	CU_ASSERT_STRING_EQUAL(out, "%5\\%\\_a\\\\%");
	adm_like("", out, sizeof(out));
	CU_ASSERT_STRING_EQUAL(out, "%%");
	/* 16 bytes: '%', four 3-byte characters, '%', NUL = 15 */
	adm_like("ケンサクタロウ", out, sizeof(out));
	CU_ASSERT_STRING_EQUAL(out, "%ケンサク%");
	adm_like("abc", out, 2);
	CU_ASSERT_STRING_EQUAL(out, "");
}

int
suite_admin_console(void)
{
	static const struct utest t[] = {
		{ "admin: a mail template's variables", t_vars },
		{ "admin: the member search's LIKE pattern", t_like },
		{ NULL, NULL },
	};

	return add_suite("admin_console", t);
}
