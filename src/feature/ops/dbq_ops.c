/*
 * dbq_ops.c — the console's statement (OPS-1): per tenant, its members,
 * applications and queued mail, in one statement for every tenant (the
 * page's budget is three, the session's included).
 */
#include "db.h"
#include "ops.h"

struct dbres *
dbq_ops_tenant_counts(struct db *d)
{
	return dbres_cols(db_select(d,
	    "SELECT t.slug,"
	    " (SELECT COUNT(*) FROM account a WHERE a.tenant = t.slug),"
	    " (SELECT COUNT(*) FROM app p WHERE p.tenant = t.slug) +"
	    " (SELECT COUNT(*) FROM application r WHERE r.tenant = t.slug),"
	    " (SELECT COUNT(*) FROM outbox o WHERE o.tenant = t.slug"
	    "   AND o.state = 'queued'),"
	    " t.disabled"
	    " FROM tenant t ORDER BY t.slug", ""), OPS_COUNT__MAX);
}
