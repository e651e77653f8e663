/* admin_feature.c — the tenant administrators' pages, on every tenant. */
#include <stddef.h>

#include "ctx.h"
#include "feature.h"

static const struct page *const staff_pages[] = { admin_pages, admin_member_pages,
	admin_mail_pages, admin_import_pages, NULL };

const struct feature feature_admin = {
	.name = "admin",
	.always = 1,
	.pages = { [FS_STAFF] = staff_pages },
};
