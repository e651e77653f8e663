/*
 * certify_admin.c — the society's registries (PAL-12).
 */
#include <stddef.h>

#include "ctx.h"
#include "feature.h"
#include "certify.h"
#include "certify_int.h"

const struct page certify_admin_pages[] = {
	{ .name = NULL },
};
