/*
 * renewal_feature.c — the oncology society's specialist renewal
 * (ONC-1..ONC-14, seed 003): everything core needs to know of it.  Its
 * documents' pages are the platform's (/application/renewal…,
 * apply_pages.c); its own are renewal_pages.c's.
 */
#include <stddef.h>

#include "apply.h"
#include "ctx.h"
#include "feature.h"
#include "renewal.h"


static const struct page *const member_pages[] = {
	renewal_pages, renewal_exam_member_pages, NULL
};
static const struct page *const staff_pages[] = {
	renewal_rules_pages, renewal_exam_pages, NULL
};

/*
 * The credit rules and fees of a tenant (ONC-13, ONC-14): tenant.conf's
 * renewal.<key>.  Which kinds of credit count, each one's cap (0: none)
 * and the total needed: the defaults until the office saves its own at
 * /admin/renewal/rules (renewal_rules.c).
 */
static const struct feature_key keys[] = {
	{ "credits_needed", 0, 1000, 50,
	    "業績単位: the total needed to complete" },
	{ "count_meeting", 0, 1, 1, "1: 学会参加 units count" },
	{ "count_paper", 0, 1, 1, "1: 論文 units count" },
	{ "count_seminar", 0, 1, 1, "1: 当会セミナー units count" },
	{ "cap_meeting", 0, 1000, 0, "most 学会参加 units counted (0: no cap)" },
	{ "cap_paper", 0, 1000, 0, "most 論文 units counted (0: no cap)" },
	{ "cap_seminar", 0, 1000, 0,
	    "most 当会セミナー units counted (0: no cap)" },
	{ "fee_review", 0, 1000000, 10000, "審査料, yen" },
	{ "fee_review4", 0, 1000000, 0,
	    "審査料 of the 更新4回目以降 variant, yen (paid elsewhere: 0)" },
	{ "fee_exam", 0, 1000000, 10000, "受験料 of 筆記試験, yen" },
	{ NULL, 0, 0, 0, NULL },
};

/* Its own mail (tenants/_shared/mail/): the written exam's result. */
static const char *const mail[] = { "renewal_exam_result", NULL };

static const struct apply_offering *const offerings[] = {
	&renewal_offering, &renewal4_offering, NULL
};

const struct feature feature_renewal = {
	.name = RENEWAL_FEATURE,
	.pages = { [FS_MEMBER] = member_pages, [FS_STAFF] = staff_pages },
	.keys = keys,
	.demo = demo_renewal,
	.stylesheet = "feature/renewal/renewal.xsl",
	.mail = mail,
	.offerings = offerings,
	.session_sql = RENEWAL_SESSION_SQL,
};
