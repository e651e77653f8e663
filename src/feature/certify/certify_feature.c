/*
 * certify_feature.c — the palliative society's certification (issue 11,
 * PAL-1..PAL-12): everything core needs to know of it.  The member menu
 * of seed 002 is its page tables in order (certify_menu.c, then
 * certify_case.c); the 専門医 menu's kinds are its offerings, drawn by
 * the platform under /application/<kind>.
 */
#include <stddef.h>

#include "apply.h"
#include "ctx.h"
#include "feature.h"
#include "render_pass.h"
#include "certify.h"
#include "certify_int.h"

extern const struct render_pass second_passes[];	/* second_render.c */

static const struct page *const member_pages[] = {
	certify_menu_pages, certify_case_pages, NULL
};
/* 施設認定 is last in the seed's menu, after credit's 単位確認. */
static const struct page *const late_pages[] = {
	certify_facility_pages, NULL
};
static const struct page *const staff_pages[] = {
	certify_admin_pages, NULL
};
static const struct feature_role roles[] = {
	{ CERTIFY_SUPERVISOR, ROLE_SUPERVISOR },
	{ NULL, 0 },
};
static const char *const mail[] = {
	"certify_first_submitted", "certify_case_submitted",
	"certify_case_decided", NULL
};
/* The 専門医 menu's order (seed 002): 新規 一次, 二次, 更新, 移行 一次, 二次. */
static const struct apply_offering *const offerings[] = {
	&certify_first,
	&certify_second,		/* pal2: second*.c */
	&certify_renewal,
	&certify_transition_first,
	&certify_transition_second,
	NULL
};

const struct feature feature_certify = {
	.name = CERTIFY_FEATURE,
	.pages = { [FS_MEMBER] = member_pages,
	    [FS_MEMBER_LATE] = late_pages, [FS_STAFF] = staff_pages },
	.roles = roles,
	.demo = demo_certify,
	.dashboard = certify_dashboard,
	.mail = mail,
	.stylesheet = "feature/certify/certify.xsl",
	.offerings = offerings,
	.session_sql = CERTIFY_SESSION_SQL,
	.passes = second_passes,
};
