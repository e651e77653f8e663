/* ctl.h — shared state of shikakuctl's commands. */
#ifndef SHIKAKU_CTL_H
#define SHIKAKU_CTL_H

#include <stdio.h>

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

/* ctl_user.c: accounts (issue 3) */
int	 cmd_user_add(struct ctl *, int, char **);
int	 cmd_user_passwd(struct ctl *, int, char **);
int	 cmd_user_list(struct ctl *, int, char **);
int	 cmd_user_unlock(struct ctl *, int, char **);
int	 cmd_role_grant(struct ctl *, int, char **);
int	 cmd_role_revoke(struct ctl *, int, char **);
int	 cmd_ops_add(struct ctl *, int, char **);
int	 cmd_demo_accounts(struct ctl *, int, char **);
int	 demo_accounts(struct ctl *, FILE *);

/* legacy_import.c: the old system's records (ACC-2), demo members */
int	 cmd_legacy_import(struct ctl *, int, char **);
int	 demo_members(struct ctl *);
const char *ctl_actor(void);	/* the audit actor: "ctl:" and the login */

/* ctl_offering.c: the windows of offerings (CORE-18) */
int	 cmd_offering_set(struct ctl *, int, char **);
int	 cmd_offering_list(struct ctl *, int, char **);

/* ctl_credit.c: the credit service's sums (credit.h) */
int	 cmd_credit_sum(struct ctl *, int, char **);
int	 cmd_credit_series(struct ctl *, int, char **);
int	 cmd_credit_attended(struct ctl *, int, char **);

/* demo_recruit.c: recruitment demo data (BRD), the demo clock */
int	 demo_recruit(struct ctl *);
int	 cmd_demo_clock(struct ctl *, int, char **);

/* ctl_backup.c: backup, restore, tenant export (OPS-4) */
int	 cmd_backup(struct ctl *, int, char **);
int	 cmd_restore(struct ctl *, int, char **);
int	 cmd_tenant_export(struct ctl *, int, char **);

/* ctl_user.c: a person of a tenant, with roles */
struct tenant;
int	 ctl_user_create(struct ctl *, const struct tenant *, const char *,
	    const char *, const char *, const char *, const char *const *,
	    size_t, const char *, char *, char **);

/* ctl_tenant.c: the tenant lifecycle (OPS-1) */
int	 cmd_tenant_create(struct ctl *, int, char **);
int	 cmd_tenant_disable(struct ctl *, int, char **);
int	 cmd_tenant_enable(struct ctl *, int, char **);
int	 cmd_tenant_set(struct ctl *, int, char **);

#endif
