/*
 * dbq_import.c — the import history's SQL (sql/025_admin_console.sql):
 * one row per committed CSV import with its file, bound to the
 * caller's tenant.  The list never reads the files; one download reads
 * one.
 */
#include <stddef.h>

#include "db.h"
#include "import.h"

/* The history row of a commit, in its transaction: its id, or -1. */
long long
dbq_import_history_put(struct db *d, const char *tenant, const char *name,
    const char *path, const char *filename, const char *sha256,
    const void *data, size_t len, long long nrows, const char *tallies,
    const char *actor, const char *now)
{
	if (db_exec(d, "INSERT INTO import_history (tenant, name, path, "
	    "filename, sha256, bytes, nrows, tallies, actor, at, data) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "sssssiisssb",
	    tenant, name, path, filename, sha256, (long long)len, nrows,
	    tallies, actor, now, data, len) <= 0)
		return -1;
	return db_insert_id(d);
}

/* The newest commits of the tenant: enum imph_col. */
struct dbres *
dbq_import_history(struct db *d, const char *tenant, long long limit)
{
	return dbres_cols(db_select(d, "SELECT id, name, path, filename, "
	    "sha256, bytes, nrows, tallies, actor, at, data IS NOT NULL "
	    "FROM import_history WHERE tenant = ? ORDER BY id DESC LIMIT ?",
	    "si", tenant, limit), IMPH_COL__MAX);
}

/* One kept file of the tenant: enum impf_col. */
struct dbres *
dbq_import_file(struct db *d, const char *tenant, long long id)
{
	return dbres_cols(db_select(d, "SELECT filename, data FROM "
	    "import_history WHERE tenant = ? AND id = ? AND data IS NOT NULL",
	    "si", tenant, id), IMPF_COL__MAX);
}
