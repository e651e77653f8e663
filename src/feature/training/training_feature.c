/*
 * training_feature.c — the board's training records and completion
 * (BRD-11): everything core needs to know of it.  Its one page is the
 * menu's entry to its offering; the pages themselves are the platform's
 * (/application/completion…, apply_pages.c).
 */
#include <stddef.h>

#include "apply.h"
#include "ctx.h"
#include "feature.h"
#include "training.h"

extern const struct page training_pages[];

static const struct page *const member_pages[] = {
	training_pages, NULL
};
static const struct feature_role roles[] = {
	{ TRAINING_SOCIETY, ROLE_SOCIETY_REVIEWER },
	{ NULL, 0 },
};
static const char *const mail[] = {
	"training_submitted", NULL
};
static const struct apply_offering *const offerings[] = {
	&training_completion, NULL
};

const struct feature feature_training = {
	.name = TRAINING_FEATURE,
	.pages = { [FS_MEMBER] = member_pages },
	.roles = roles,
	.demo = demo_training,
	.mail = mail,
	.offerings = offerings,
	.session_sql = TRAINING_SESSION_SQL,
};
