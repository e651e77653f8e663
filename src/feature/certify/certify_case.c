/*
 * certify_case.c — 症例登録 and 症例承認 (PAL-3).
 */
#include <stddef.h>

#include "ctx.h"
#include "feature.h"
#include "certify.h"
#include "certify_int.h"

const struct page certify_case_pages[] = {
	{ .name = NULL },
};
