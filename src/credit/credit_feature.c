/*
 * credit_feature.c — the credit service's pages and role (CME-1, CME-2):
 * the member's ledger, the organizers' events and attendance, the
 * tenant admin's list of events.  A platform service (layer 1) listed
 * in features[] like cert: on a tenant that names `credit` in its
 * features = (palliative, oncology, medassoc).
 */
#include <stddef.h>

#include "credit.h"
#include "ctx.h"
#include "feature.h"
#include "render_pass.h"

extern const struct page credit_member_pages[], credit_staff_pages[],
    credit_code_pages[];
int	demo_credit(void *);
extern const struct render_pass credit_passes[];

static const struct page *const member_pages[] = { credit_member_pages,
    NULL };
static const struct page *const staff_pages[] = { credit_staff_pages,
    credit_code_pages, NULL };
static const struct feature_role roles[] = {
	{ CREDIT_ORGANIZER, ROLE_EVENT_ORGANIZER },
	{ NULL, 0 },
};

const struct feature feature_credit = {
	.name = CREDIT_FEATURE,
	.pages = { [FS_MEMBER] = member_pages, [FS_STAFF] = staff_pages },
	.roles = roles,
	.stylesheet = "credit/credit.xsl",
	.passes = credit_passes,
};
