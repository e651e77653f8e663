/* ops.h — central IT's console: its statements (dbq_ops.c). */
#ifndef SHIKAKU_OPS_H
#define SHIKAKU_OPS_H

#include "ctx.h"
#include "db.h"

/* Columns of dbq_ops_console()'s counts: one row per tenant row. */
enum ops_count_col {
	OPS_COUNT_SLUG,
	OPS_COUNT_MEMBERS,	/* accounts of the tenant */
	OPS_COUNT_APPS,		/* applications of every feature */
	OPS_COUNT_QUEUED,	/* mail waiting in the outbox */
	OPS_COUNT_DISABLED,	/* tenant.disabled, as last synced */
	OPS_COUNT__MAX
};
/* Columns of dbq_ops_console()'s migs: schema_migration, by version. */
enum ops_mig_col {
	OPS_MIG_VERSION,
	OPS_MIG_NAME,
	OPS_MIG_SHA256,		/* checksum: SHA-256 of the file applied */
	OPS_MIG_APPLIED,	/* applied_at, Japan time (db.c's session) */
	OPS_MIG__MAX
};
int		 dbq_ops_console(struct db *, struct dbres **, struct dbres **);

/* ops.c: the console with a message (and its detail, or NULL) */
struct ctx;
enum result	 page_ops_home_with(struct ctx *, const char *, const char *);

/* ops_tenant.c: the tenant lifecycle from the console (OPS-1) */
extern const struct page ops_tenant_pages[];

#endif
