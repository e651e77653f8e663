/* main.c — run every CUnit suite; print the closing counts. */
#include <stdio.h>
#include <stdlib.h>

#include <CUnit/Basic.h>

#include "tests.h"

int
add_suite(const char *name, const struct utest *t)
{
	CU_pSuite	 s;

	if ((s = CU_add_suite(name, NULL, NULL)) == NULL)
		return -1;
	for (; t->name != NULL; t++)
		if (CU_add_test(s, t->name, t->fn) == NULL)
			return -1;
	return 0;
}

int
main(void)
{
	static int	(*const suites[])(void) = { suite_kv, suite_conf,
	    suite_page, suite_buf, suite_tenant, suite_feature, suite_form,
	    suite_model,
	    suite_render, suite_html_out, suite_fcgi_out, suite_directory, suite_mail, suite_totp, suite_upload,
	    suite_member, suite_recruit, suite_ops, suite_apply, suite_cert,
	    suite_fee, suite_cache, suite_import, suite_credit,
	    suite_cme, suite_backup, suite_renewal, suite_second,
	    suite_certify, suite_admin_console, suite_xdate, suite_dbres,
	    suite_owncache };
	unsigned int	 run, failed;
	size_t		 i;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 1;
	for (i = 0; i < sizeof(suites) / sizeof(suites[0]); i++)
		if (suites[i]() == -1)
			return 1;
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	run = CU_get_number_of_tests_run();
	failed = CU_get_number_of_tests_failed();
	printf("RESULT: pass=%u fail=%u skip=0\n", run - failed, failed);
	CU_cleanup_registry();
	return failed == 0 ? 0 : 1;
}
