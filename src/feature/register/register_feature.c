/*
 * register_feature.c — registration, legacy migration and the board's
 * part of 会員情報 (ACC-1..4) as one entry: core sweeps its drafts
 * through it, /member shows its training history, and the demo loader
 * imports its sample legacy records.  The member record itself is the
 * platform's (src/identity/member_record.c).
 */
#include <stddef.h>

#include "ctl.h"
#include "ctx.h"
#include "feature.h"
#include "member.h"

static const struct page *const tables[] = {
	register_pages, migrate_pages, NULL
};
static const char *const mail[] = {
	"register_verify", "register_done", "migrate_link", NULL
};

/* Drafts with their orphaned licence images. */
static int
sweep(struct db *d)
{
	return dbq_draft_reap(d) < 0 ? -1 : 0;
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
	.member = member_training_model,
	.mail = mail,
	.stylesheet = "feature/register/register.xsl",
};
