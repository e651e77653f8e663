/* admin_feature.c — the tenant administrators' pages, on every tenant. */
#include <stddef.h>

#include "ctx.h"
#include "feature.h"

static const struct page *const staff_pages[] = { admin_pages, admin_member_pages,
	admin_mail_pages, admin_import_pages, NULL };

/* A temporary password issued from a member's page (admin_members.c). */
static const char *const admin_mail[] = { "temp_password", NULL };

const struct feature feature_admin = {
	.name = "admin",
	.always = 1,
	.mail = admin_mail,
	.pages = { [FS_STAFF] = staff_pages },
};
