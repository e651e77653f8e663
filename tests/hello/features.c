/*
 * features.c — the shipped features[] plus `hello`: the one line a
 * product adds (src/feature/features.c in a real product).  Linking
 * this file keeps libshikaku.a's own features[] out of the program.
 */
#include <stddef.h>

#include "feature.h"

extern const struct feature feature_admin, feature_recruit,
    feature_register, feature_training, feature_ops, feature_cert,
    feature_hello, feature_credit;
extern const struct feature feature_certify;

const struct feature *const features[] = {
	&feature_admin,
	&feature_recruit,
	&feature_register,
	&feature_training,
	&feature_certify,
	&feature_hello,
	&feature_ops,
	&feature_cert,
	&feature_credit,
	NULL,
};
