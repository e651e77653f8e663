/*
 * apply_feature.c — the applications service (src/apply/) in
 * features[], as the credit and certificate services are: on for every
 * tenant, with no pages of its own (each product routes its
 * applications), only the C passes of xslt/apply/apply.xsl, which
 * xslt/shikaku.xsl includes for every tenant.
 */
#include <stddef.h>

#include "feature.h"
#include "render_pass.h"

extern const struct render_pass apply_passes[];

const struct feature feature_apply = {
	.name = "apply",
	.always = 1,
	.passes = apply_passes,
};
