/*
 * features.c — the shipped features[] plus `hello`: the one line a
 * product adds (src/feature/features.c in a real product).  Linking
 * this file keeps libshikaku.a's own features[] out of the program.
 */
#include <stddef.h>

#include "feature.h"

extern const struct feature feature_admin, feature_recruit,
    feature_register, feature_training, feature_ops, feature_cert,
    feature_hello, feature_renewal, feature_credit, feature_cme,
    feature_certify, feature_apply;

const struct feature *const features[] = {
	&feature_admin,
	&feature_recruit,
	&feature_register,
	&feature_training,
	&feature_renewal,
	&feature_certify,
	&feature_hello,
	&feature_ops,
	&feature_cert,
	&feature_cme,
	&feature_credit,
	&feature_apply,
	NULL,
};

/* The platform's mail lists (src/feature/features.c): none here, so
 * that file's features[] stays out of the program too. */
const char *const *const platform_mail[] = { NULL };
