/*
 * dbq_backup.c — the statements of backup, restore and tenant export
 * (backup.h).  The dump itself is mariadb-dump's; these only describe.
 */
#include <stdlib.h>

#include "backup.h"
#include "db.h"

/* Tables in the configured database: a restore goes into an empty one. */
long long
dbq_table_count(struct db *d)
{
	struct dbres	*r;
	const char	*v;
	long long	 n = -1;

	if ((r = db_select(d, "SELECT COUNT(*) FROM information_schema.TABLES"
	    " WHERE TABLE_SCHEMA = DATABASE()", "")) == NULL)
		return -1;
	if ((v = dbres_scalar(r)) != NULL)
		n = strtoll(v, NULL, 10);
	dbres_free(r);
	return n;
}

/* SHA-256 and size are the table's own generated columns. */
struct dbres *
dbq_upload_hashes(struct db *d)
{
	return dbres_cols(db_select(d, "SELECT id, tenant, sha256, size"
	    " FROM upload ORDER BY id", ""), UPLOAD_HASH__MAX);
}

/* A batch of a tenant's uploads after id AFTER (bytes included). */
struct dbres *
dbq_tenant_uploads(struct db *d, const char *tenant, long long after,
    long long limit)
{
	return dbres_cols(db_select(d, "SELECT id, ctype, sha256, data"
	    " FROM upload WHERE tenant = ? AND id > ? ORDER BY id LIMIT ?",
	    "sii", tenant, after, limit), TENANT_UPLOAD__MAX);
}

/*
 * Every base table with how its rows belong to a tenant: its own
 * tenant column (the tenant table: slug), else its first foreign key to
 * a table that has one (app_value -> app.id).  Neither: global (schema
 * migrations, reference versions), not a tenant's data.
 */
struct dbres *
dbq_table_scopes(struct db *d)
{
	return dbres_cols(db_select(d,
	    "SELECT t.TABLE_NAME,"
	    " (SELECT c.COLUMN_NAME FROM information_schema.COLUMNS c"
	    "   WHERE c.TABLE_SCHEMA = t.TABLE_SCHEMA"
	    "   AND c.TABLE_NAME = t.TABLE_NAME"
	    "   AND (c.COLUMN_NAME = 'tenant' OR (t.TABLE_NAME = 'tenant'"
	    "   AND c.COLUMN_NAME = 'slug')) LIMIT 1),"
	    " (SELECT k.COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE k"
	    "   JOIN information_schema.COLUMNS pc"
	    "   ON pc.TABLE_SCHEMA = k.TABLE_SCHEMA"
	    "   AND pc.TABLE_NAME = k.REFERENCED_TABLE_NAME"
	    "   AND pc.COLUMN_NAME = 'tenant'"
	    "   WHERE k.TABLE_SCHEMA = t.TABLE_SCHEMA"
	    "   AND k.TABLE_NAME = t.TABLE_NAME"
	    "   AND k.REFERENCED_TABLE_NAME IS NOT NULL"
	    "   ORDER BY k.CONSTRAINT_NAME, k.ORDINAL_POSITION LIMIT 1),"
	    " (SELECT k.REFERENCED_TABLE_NAME"
	    "   FROM information_schema.KEY_COLUMN_USAGE k"
	    "   JOIN information_schema.COLUMNS pc"
	    "   ON pc.TABLE_SCHEMA = k.TABLE_SCHEMA"
	    "   AND pc.TABLE_NAME = k.REFERENCED_TABLE_NAME"
	    "   AND pc.COLUMN_NAME = 'tenant'"
	    "   WHERE k.TABLE_SCHEMA = t.TABLE_SCHEMA"
	    "   AND k.TABLE_NAME = t.TABLE_NAME"
	    "   AND k.REFERENCED_TABLE_NAME IS NOT NULL"
	    "   ORDER BY k.CONSTRAINT_NAME, k.ORDINAL_POSITION LIMIT 1),"
	    " (SELECT k.REFERENCED_COLUMN_NAME"
	    "   FROM information_schema.KEY_COLUMN_USAGE k"
	    "   JOIN information_schema.COLUMNS pc"
	    "   ON pc.TABLE_SCHEMA = k.TABLE_SCHEMA"
	    "   AND pc.TABLE_NAME = k.REFERENCED_TABLE_NAME"
	    "   AND pc.COLUMN_NAME = 'tenant'"
	    "   WHERE k.TABLE_SCHEMA = t.TABLE_SCHEMA"
	    "   AND k.TABLE_NAME = t.TABLE_NAME"
	    "   AND k.REFERENCED_TABLE_NAME IS NOT NULL"
	    "   ORDER BY k.CONSTRAINT_NAME, k.ORDINAL_POSITION LIMIT 1)"
	    " FROM information_schema.TABLES t"
	    " WHERE t.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE'"
	    " ORDER BY t.TABLE_NAME", ""), TABLE_SCOPE__MAX);
}
