/*
 * features.c — every product, the one place they are listed.  Adding a
 * product is a folder under src/feature/ with one struct feature and a
 * line here (docs/ARCHITECTURE.md, "How to add a product").  Order is
 * lookup and menu order within each section (feature.h).
 */
#include <stddef.h>

#include "apply.h"
#include "feature.h"
#include "review.h"

extern const struct feature feature_admin, feature_recruit,
    feature_register, feature_ops, feature_training;
extern const struct feature feature_renewal, feature_cme;
extern const struct feature feature_cert, feature_credit, feature_apply;
extern const struct feature feature_certify;

const struct feature *const features[] = {
	&feature_admin,
	&feature_recruit,
	&feature_register,
	&feature_training,
	&feature_renewal,
	&feature_certify,
	&feature_ops,
	&feature_cert,
	&feature_cme,
	&feature_credit,
	&feature_apply,
	NULL,
};

/*
 * The platform's mail templates (tenants/_shared/mail/), by the layer
 * that sends them; each feature lists its own in its .mail.  Together
 * they name every template shipped: tests/unit/t_mail.c checks each
 * exists and renders on every tenant, and no file is left unlisted.
 */
static const char *const identity_mail[] = {
	"account_locked", "password_reset", "password_changed",
	"totp_enabled", "totp_disabled", "verify_email", "welcome",
	"email_change_confirm", "email_change_notice",
	"register_contact_changed", "register_change_decided", NULL
};

/* Central IT's, sent by shikakuctl (tenant create, OPS-1). */
static const char *const ctl_mail[] = { "tenant_admin", NULL };

const char *const *const platform_mail[] = {
	identity_mail, apply_mail, review_mail, ctl_mail, NULL
};
