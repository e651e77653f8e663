/*
 * recruit_feature.c — the recruitment product's one entry (BRD-1..12):
 * everything core needs to know of it.  Its pages come right after the
 * home page; its part of the platform's 「現在の状況」 is its dashboard
 * hook; its staff pages after the platform's admin page.
 */
#include <stddef.h>

#include "ctl.h"
#include "ctx.h"
#include "feature.h"
#include "recruit.h"

static const struct page *const member_pages[] = {
	recruit_pages, recruit_search_pages, NULL
};
static const struct page *const staff_pages[] = {
	recruit_admin_pages, NULL
};
static const struct feature_role roles[] = {
	{ RECRUIT_DIRECTOR, ROLE_PROGRAM_DIRECTOR },
	{ NULL, 0 },
};
static const char *const mail[] = {
	"recruit_applied", "recruit_cancelled", "recruit_declined",
	"recruit_declined_director", "recruit_result_accepted",
	"recruit_result_rejected", NULL
};

static int
demo(void *c)
{
	return demo_recruit(c);
}

const struct feature feature_recruit = {
	.name = RECRUIT_FEATURE,
	.pages = { [FS_MEMBER] = member_pages, [FS_STAFF] = staff_pages },
	.roles = roles,
	.demo = demo,
	.dashboard = recruit_dashboard,
	.schedule = recruit_calendar,
	.session_sql = RECRUIT_SESSION_SQL,
	.mail = mail,
	.stylesheet = "feature/recruit/recruit.xsl",
};
