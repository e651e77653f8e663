/*
 * features.c — every product, the one place they are listed.  Adding a
 * product is a folder under src/feature/ with one struct feature and a
 * line here (docs/ARCHITECTURE.md, "How to add a product").  Order is
 * lookup and menu order within each section (feature.h).
 */
#include <stddef.h>

#include "feature.h"

extern const struct feature feature_admin, feature_recruit,
    feature_register, feature_ops, feature_training;
extern const struct feature feature_cert;

const struct feature *const features[] = {
	&feature_admin,
	&feature_recruit,
	&feature_register,
	&feature_training,
	&feature_ops,
	&feature_cert,
	NULL,
};
