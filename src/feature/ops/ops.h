/* ops.h — central IT's console: its statements (dbq_ops.c). */
#ifndef SHIKAKU_OPS_H
#define SHIKAKU_OPS_H

#include "db.h"

/* Columns of dbq_ops_tenant_counts(): one row per tenant row. */
enum ops_count_col {
	OPS_COUNT_SLUG,
	OPS_COUNT_MEMBERS,	/* accounts of the tenant */
	OPS_COUNT_APPS,		/* applications of every feature */
	OPS_COUNT_QUEUED,	/* mail waiting in the outbox */
	OPS_COUNT_DISABLED,	/* tenant.disabled, as last synced */
	OPS_COUNT__MAX
};
struct dbres	*dbq_ops_tenant_counts(struct db *);

#endif
