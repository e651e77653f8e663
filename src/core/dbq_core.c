/* dbq_core.c — tenants and notices. */
#include <string.h>

#include "db.h"
#include "dbq.h"
#include "tenant.h"

/* Columns: enum notice_col (dbq.h). */
struct dbres *
dbq_notices(struct db *d, const struct tenant *t, long long limit)
{
	return dbres_cols(db_select(d,
	    "SELECT id, DATE_FORMAT(posted_on, '%Y-%m-%d'), title_ja, "
	    "title_en, body_ja, body_en FROM notice "
	    "WHERE tenant = ? AND posted_on <= CURRENT_DATE "
	    "ORDER BY posted_on DESC, id DESC LIMIT ?",
	    "si", t->slug, limit), NOTICE_COL__MAX);
}

int
dbq_tenant_upsert(struct db *d, const struct tenant *t)
{
	return db_exec(d,
	    "INSERT INTO tenant (slug, name_ja, name_en, hosts, disabled) "
	    "VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
	    "name_ja = VALUES(name_ja), name_en = VALUES(name_en), "
	    "hosts = VALUES(hosts), disabled = VALUES(disabled)",
	    "ssssi", t->slug, t->name_ja, t->name_en, t->hosts,
	    (long long)t->disabled);
}

/* Demo and admin notices; `ref` makes loading them again harmless. */
int
dbq_notice_put(struct db *d, const char *slug, const char *ref,
    long long days_ago, const char *tja, const char *ten, const char *bja,
    const char *ben)
{
	return db_exec(d,
	    "INSERT INTO notice (tenant, ref, posted_on, title_ja, title_en, "
	    "body_ja, body_en) VALUES (?, ?, CURRENT_DATE - INTERVAL ? DAY, "
	    "?, ?, ?, ?) ON DUPLICATE KEY UPDATE posted_on = "
	    "VALUES(posted_on), title_ja = VALUES(title_ja), title_en = "
	    "VALUES(title_en), body_ja = VALUES(body_ja), body_en = "
	    "VALUES(body_en)",
	    "ssissss", slug, ref, days_ago, tja, ten, bja, ben);
}

/* Audit entries of one tenant, newest first (CORE-15): enum audit_col. */
struct dbres *
dbq_audit_tenant(struct db *d, const char *tenant, const char *action,
    long long limit)
{
	return dbres_cols(db_select(d,
	    "SELECT DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s'), tenant, actor, "
	    "action, object, ip, detail FROM audit WHERE tenant = ? "
	    "AND (? IS NULL OR action = ?) ORDER BY id DESC LIMIT ?",
	    "sssi", tenant, action, action, limit), AUDIT_COL__MAX);
}

/* Every tenant's, for central IT. */
struct dbres *
dbq_audit_all(struct db *d, const char *action, long long limit)
{
	return dbres_cols(db_select(d,
	    "SELECT DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s'), tenant, actor, "
	    "action, object, ip, detail FROM audit "
	    "WHERE (? IS NULL OR action = ?) ORDER BY id DESC LIMIT ?",
	    "ssi", action, action, limit), AUDIT_COL__MAX);
}

/* The tenant's newest terms of use (CORE-23): enum terms_col. */
struct dbres *
dbq_terms_latest(struct db *d, const char *tenant)
{
	return dbres_cols(db_select(d,
	    "SELECT version, DATE_FORMAT(published_at, '%Y-%m-%d'), body_ja, "
	    "body_en FROM terms WHERE tenant = ? ORDER BY version DESC "
	    "LIMIT 1", "s", tenant), TERMS_COL__MAX);
}

int
dbq_terms_accept(struct db *d, const char *tenant, const char *uid,
    long long version)
{
	return db_exec(d,
	    "UPDATE account SET terms_version = ?, terms_accepted = NOW() "
	    "WHERE tenant = ? AND uid = ? AND terms_version < ?",
	    "issi", version, tenant, uid, version);
}

int
dbq_terms_put(struct db *d, const char *tenant, long long version,
    const char *ja, const char *en)
{
	return db_exec(d,
	    "INSERT IGNORE INTO terms (tenant, version, body_ja, body_en) "
	    "VALUES (?, ?, ?, ?)", "siss", tenant, version, ja, en);
}

/*
 * CORE-12: a POST kept for the member (tenant, uid) whose session had
 * expired.  Bounded per member: the newest `keep` rows stay, the older
 * go in the same transaction.  1 done, -1 error.
 */
int
dbq_kept_put(struct db *d, const char *tenant, const char *uid,
    const char *path, const char *body, size_t len, const char *secrets,
    int files, int keep)
{
	int	 rc = -1;

	if (db_begin(d) < 0)
		goto out;
	if (db_exec(d,
	    "INSERT INTO kept_post (tenant, uid, path, body, secrets, files) "
	    "VALUES (?, ?, ?, ?, ?, ?)", "sssbsi", tenant, uid, path, body,
	    len, secrets, (long long)(files != 0)) <= 0 ||
	    db_exec(d,
	    "DELETE FROM kept_post WHERE tenant = ? AND uid = ? AND id <= "
	    "(SELECT id FROM (SELECT id FROM kept_post WHERE tenant = ? AND "
	    "uid = ? ORDER BY id DESC LIMIT 1 OFFSET ?) AS older)",
	    "ssssi", tenant, uid, tenant, uid, (long long)keep) < 0) {
		db_rollback(d);
		goto out;
	}
	if (db_commit(d) < 0)
		goto out;
	rc = 1;
out:
	return rc;
}

/* Is anything kept for this member, not yet expired?  n, or -1. */
int
dbq_kept_exists(struct db *d, const char *tenant, const char *uid,
    int hours)
{
	struct dbres	*r;
	int		 rc;

	r = db_select(d, "SELECT 1 FROM kept_post WHERE tenant = ? AND "
	    "uid = ? AND created_at > NOW() - INTERVAL ? HOUR", "ssi",
	    tenant, uid, (long long)hours);
	rc = r == NULL ? -1 : (int)r->nrows;
	dbres_free(r);
	return rc;
}

/*
 * Claim and delete, in one transaction: what is kept is offered once,
 * and two tabs opening /kept at once do not both get it.  Rows of
 * enum kept_col (dbq.h), oldest first; NULL on error.  Nearly always
 * there is nothing: one plain read says so, with no transaction and
 * no write (issue 10: a GET writes nothing it does not have to).
 */
struct dbres *
dbq_kept_take(struct db *d, const char *tenant, const char *uid, int hours)
{
	struct dbres	*r = NULL;

	if ((r = dbres_cols(db_select(d, "SELECT path, body, secrets, files "
	    "FROM kept_post WHERE tenant = ? AND uid = ? AND created_at > "
	    "NOW() - INTERVAL ? HOUR ORDER BY id", "ssi", tenant, uid,
	    (long long)hours), KEPT_COL__MAX)) == NULL || r->nrows == 0)
		goto out;
	dbres_free(r);
	r = NULL;
	if (db_begin(d) < 0)
		goto out;
	if ((r = dbres_cols(db_select(d, "SELECT path, body, secrets, files "
	    "FROM kept_post WHERE tenant = ? AND uid = ? AND created_at > "
	    "NOW() - INTERVAL ? HOUR ORDER BY id FOR UPDATE", "ssi", tenant,
	    uid, (long long)hours), KEPT_COL__MAX)) == NULL ||
	    db_exec(d, "DELETE FROM kept_post WHERE tenant = ? AND uid = ?",
	    "ss", tenant, uid) < 0 || db_commit(d) < 0) {
		db_rollback(d);
		dbres_free(r);
		r = NULL;
	}
out:
	return r;
}

int
dbq_kept_reap(struct db *d)
{
	return db_exec(d, "DELETE FROM kept_post WHERE created_at < NOW() - "
	    "INTERVAL ? HOUR LIMIT 1000", "i", (long long)KEPT_HOURS);
}


/* ---- schema_migration (shikakuctl migrate) ---------------------------- */

/* The lock two runs share: 1 held, 0 another run holds it, -1 error. */
int
dbq_migrate_lock(struct db *d)
{
	struct dbres	*r;
	const char	*v;
	int		 rc = -1;

	if ((r = db_select(d, "SELECT GET_LOCK('shikaku_migrate', 60)",
	    "")) != NULL && r->nrows == 1)
		rc = (v = dbres_scalar(r)) != NULL && strcmp(v, "1") == 0;
	dbres_free(r);
	return rc;
}

void
dbq_migrate_unlock(struct db *d)
{
	dbres_free(db_select(d, "SELECT RELEASE_LOCK('shikaku_migrate')", ""));
}

int
dbq_migration_table(struct db *d)
{
	return db_exec(d, "CREATE TABLE IF NOT EXISTS schema_migration ("
	    "version INT NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL, "
	    "checksum CHAR(64) NOT NULL, applied_at TIMESTAMP NOT NULL "
	    "DEFAULT CURRENT_TIMESTAMP) ENGINE=InnoDB", "");
}

/*
 * Migration ver as recorded, against its file's text sql: 0 not
 * applied, 1 applied as it is, 2 changed since, -1 error.
 */
int
dbq_migration_state(struct db *d, const char *sql, long long ver)
{
	struct dbres	*r;
	const char	*v;
	int		 rc = -1;

	if ((r = db_select(d, "SELECT checksum = SHA2(?, 256) FROM "
	    "schema_migration WHERE version = ?", "si", sql, ver)) == NULL)
		goto out;
	rc = 0;
	if (r->nrows > 0)
		rc = (v = dbres_scalar(r)) != NULL && strcmp(v, "1") == 0 ?
		    1 : 2;
out:
	dbres_free(r);
	return rc;
}

int
dbq_migration_done(struct db *d, long long ver, const char *name,
    const char *sql)
{
	return db_exec(d, "INSERT INTO schema_migration (version, name, "
	    "checksum) VALUES (?, ?, SHA2(?, 256))", "iss", ver, name, sql);
}
