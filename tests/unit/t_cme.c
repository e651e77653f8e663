/* t_cme.c — placeholder, filled below. */
#include <CUnit/CUnit.h>
#include "tests.h"
static void t_none(void) { CU_PASS("none"); }
static const struct utest tests[] = { { "none", t_none }, { NULL, NULL } };
int suite_cme(void) { return add_suite("cme", tests); }
