/*
 * conf_check.h — what `shikakuctl check-config` reports, as lines a
 * worker keeps for central IT's console (OPS-1).  Paths, never the
 * contents of a secret file.
 */
#ifndef SHIKAKU_CONF_CHECK_H
#define SHIKAKU_CONF_CHECK_H

#include <stddef.h>

#include "tenant.h"

enum check_level {
	CHECK_OK,
	CHECK_WARNING,
	CHECK_ERROR,
};

#define CHECKS_MAX	(8 + TENANT_MAX)

struct check {
	enum check_level	 level;
	char			 text[320];
};

struct checks {
	size_t		 n;
	size_t		 errors;
	size_t		 warnings;
	struct check	 c[CHECKS_MAX];
};

struct config;
struct tenants;
struct render;

extern const char *const check_level_names[];

void	 config_check(const struct config *, const struct tenants *,
	    const struct render *, struct checks *);

#endif
