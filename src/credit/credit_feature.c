/*
 * credit_feature.c — the credit service's pages and role (CME-1, CME-2):
 * the member's ledger, the organizers' events and attendance, the
 * tenant admin's list of events.  On a tenant that names `credit` in
 * features =.
 */
#include <stddef.h>

#include "credit.h"
#include "ctx.h"
#include "feature.h"

static const struct feature_role roles[] = {
	{ CREDIT_ORGANIZER, ROLE_EVENT_ORGANIZER },
	{ NULL, 0 },
};

const struct feature feature_credit = {
	.name = CREDIT_FEATURE,
	.roles = roles,
};
