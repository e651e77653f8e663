/*
 * register_feature.c — registration, legacy migration and member
 * information (ACC-1..4) as one entry: core sweeps its drafts and
 * unconfirmed address changes through it, and the demo loader imports
 * its sample legacy records.
 */
#include <stddef.h>

#include "ctl.h"
#include "ctx.h"
#include "feature.h"
#include "member.h"

static const struct page *const tables[] = {
	register_pages, migrate_pages, member_pages, NULL
};
static const char *const mail[] = {
	"register_verify", "register_done", "register_change_decided",
	"register_contact_changed", "migrate_link", "email_change_confirm",
	"email_change_notice", NULL
};

/* Drafts with their orphaned licence images; unconfirmed addresses. */
static int
sweep(struct db *d)
{
	int	 rc = 0;

	if (dbq_draft_reap(d) < 0)
		rc = -1;
	if (dbq_email_change_reap(d) < 0)
		rc = -1;
	return rc;
}

static int
demo(void *c)
{
	return demo_members(c);
}

const struct feature feature_register = {
	.name = "register",
	.pages = { [FS_MEMBER] = tables },
	.sweep = sweep,
	.signin_hold = member_activation_pending,
	.demo = demo,
	.mail = mail,
	.stylesheet = "feature/register/register.xsl",
};
