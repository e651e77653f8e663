/* ctl.h — shared state of shikakuctl's commands. */
#ifndef SHIKAKU_CTL_H
#define SHIKAKU_CTL_H

#include "db.h"

struct config;
struct tenants;

struct ctl {
	struct config	*cfg;
	struct tenants	*tenants;
	struct db	*db;
};

int	 cmd_migrate(struct ctl *, int, char **);
int	 cmd_tenant_sync(struct ctl *, int, char **);
int	 cmd_demo_load(struct ctl *, int, char **);

#endif
