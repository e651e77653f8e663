/*
 * dbq_ops.c — the console's statement (OPS-1): per tenant, its members,
 * applications and queued mail, and the applied migrations, in one
 * statement (the page's budget is three, the session's included).
 */
#include <stddef.h>

#include "db.h"
#include "ops.h"

/*
 * One UNION ALL whose column 0 says which part ('t' tenants, 'm'
 * schema_migration) and column 1 orders each; dbres_part() splits it
 * into *counts (enum ops_count_col) and *migs (enum ops_mig_col), the
 * narrower part padded with NULL.  0 ok, -1 error (both NULL).
 */
int
dbq_ops_console(struct db *d, struct dbres **counts, struct dbres **migs)
{
	struct dbres	*r;
	int		 rc = -1;

	*counts = *migs = NULL;
	if ((r = dbres_sorted(dbres_cols(db_select(d,
	    "SELECT 't', ROW_NUMBER() OVER (ORDER BY t.slug), t.slug,"
	    " (SELECT COUNT(*) FROM account a WHERE a.tenant = t.slug),"
	    " (SELECT COUNT(*) FROM app p WHERE p.tenant = t.slug) +"
	    " (SELECT COUNT(*) FROM application r WHERE r.tenant = t.slug),"
	    " (SELECT COUNT(*) FROM outbox o WHERE o.tenant = t.slug"
	    "   AND o.state = 'queued'),"
	    " t.disabled"
	    " FROM tenant t"
	    " UNION ALL SELECT 'm', version, version, name, checksum,"
	    " DATE_FORMAT(applied_at, '%Y-%m-%d %H:%i:%s'), NULL"
	    " FROM schema_migration", ""),
	    2 + OPS_COUNT__MAX), 2, 1)) == NULL)
		goto out;
	if ((*counts = dbres_part(r, "t", 2, OPS_COUNT__MAX)) == NULL ||
	    (*migs = dbres_part(r, "m", 2, OPS_MIG__MAX)) == NULL)
		goto out;
	rc = 0;
out:
	if (rc == -1) {
		dbres_free(*counts);
		dbres_free(*migs);
		*counts = *migs = NULL;
	}
	dbres_free(r);
	return rc;
}
