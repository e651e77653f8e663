/* ops_feature.c — central IT's console, on the ops host only. */
#include <stddef.h>

#include "ctx.h"
#include "feature.h"
#include "ops.h"

static const struct page *const ops_tables[] = { ops_pages,
    ops_tenant_pages, NULL };

const struct feature feature_ops = {
	.name = "ops",
	.always = 1,
	.pages = { [FS_OPS] = ops_tables },
};
