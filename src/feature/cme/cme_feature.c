/*
 * cme_feature.c — the medical association's training management
 * (issue 13, CME-3..CME-9, seed 004): everything core needs to know of
 * it.  The ledger, events and attendance are the credit service's
 * (src/credit/, feature credit, enabled beside it); the application's
 * pages are the platform's (/application/kakari…, apply_pages.c).
 */
#include <stddef.h>

#include "apply.h"
#include "cme.h"
#include "ctx.h"
#include "feature.h"

extern const struct page cme_pages[], cme_admin_pages[];

static const struct page *const member_pages[] = {
	cme_pages, NULL
};
static const struct page *const staff_pages[] = {
	cme_admin_pages, NULL
};
static const struct feature_role roles[] = {
	{ CME_ROLE, CME_ROLE_BIT },
	{ NULL, 0 },
};
static const struct apply_offering *const offerings[] = {
	&cme_offering, NULL
};

const struct feature feature_cme = {
	.name = CME_FEATURE,
	.pages = { [FS_MEMBER] = member_pages, [FS_STAFF] = staff_pages },
	.roles = roles,
	.demo = demo_cme,
	.stylesheet = "feature/cme/cme.xsl",
	.offerings = offerings,
	.session_sql = CME_SESSION_SQL,
};
