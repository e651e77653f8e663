/*
 * dbq_upload.c — the upload table's statements (sql/003_upload.sql).
 * Every one names the tenant, which callers take from c->tenant.  A
 * draft token is hashed in the statement (SHA2(?, 256)), so the table
 * holds no usable token; size and sha256 are computed by the server.
 * Return contract as in db.h: <0 error, 0 nothing, >0 ok.
 */
#include <stddef.h>

#include "db.h"
#include "upload.h"

/* Insert one file; its id, or -1. */
long long
dbq_upload_put(struct db *d, const char *tenant, const char *uid,
    const char *draft, const char *purpose, const char *field,
    const char *ctype, const char *filename, const void *data, size_t len)
{
	if (db_exec(d, "INSERT INTO upload (tenant, owner_uid, owner_draft, "
	    "purpose, field, ctype, filename, data) VALUES (?, ?, "
	    "SHA2(?, 256), ?, ?, ?, ?, ?)", "sssssssb", tenant, uid, draft,
	    purpose, field, ctype, filename, data, len) <= 0)
		return -1;
	return db_insert_id(d);
}

/*
 * Columns: 0 id, 1 ctype, 2 filename, 3 size, 4 sha256, 5 submitted,
 * 6 public, 7 purpose, 8 owner_uid, 9 whether `draft` is the owner's
 * draft token (1/0; 0 when draft is NULL).  No bytes: this decides who
 * may have them.
 */
struct dbres *
dbq_upload_meta(struct db *d, const char *tenant, long long id,
    const char *draft)
{
	return db_select(d, "SELECT id, ctype, filename, size, sha256, "
	    "state = 'submitted', public, purpose, owner_uid, "
	    "COALESCE(owner_draft = SHA2(?, 256), 0) FROM upload "
	    "WHERE id = ? AND tenant = ?", "sis", draft, id, tenant);
}

/* Columns: 0 data. */
struct dbres *
dbq_upload_data(struct db *d, const char *tenant, long long id)
{
	return db_select(d, "SELECT data FROM upload WHERE id = ? AND "
	    "tenant = ?", "is", id, tenant);
}

/* Only a draft, only by its owner (a NULL uid or draft matches none). */
int
dbq_upload_del(struct db *d, const char *tenant, long long id,
    const char *uid, const char *draft)
{
	return db_exec(d, "DELETE FROM upload WHERE id = ? AND tenant = ? "
	    "AND state = 'draft' AND (owner_uid = ? OR "
	    "owner_draft = SHA2(?, 256))", "isss", id, tenant, uid, draft);
}

/* 1 when the upload exists (and is now submitted): rows matched count. */
int
dbq_upload_submit(struct db *d, const char *tenant, long long id)
{
	return db_exec(d, "UPDATE upload SET state = 'submitted', "
	    "submitted_at = COALESCE(submitted_at, NOW()) "
	    "WHERE id = ? AND tenant = ?", "is", id, tenant);
}

int
dbq_upload_adopt(struct db *d, const char *tenant, const char *draft,
    const char *uid)
{
	return db_exec(d, "UPDATE upload SET owner_uid = ?, "
	    "owner_draft = NULL WHERE tenant = ? AND "
	    "owner_draft = SHA2(?, 256)", "sss", uid, tenant, draft);
}

int
dbq_upload_public(struct db *d, const char *tenant, long long id, int on)
{
	return db_exec(d, "UPDATE upload SET public = ? WHERE id = ? AND "
	    "tenant = ?", "iis", (long long)(on != 0), id, tenant);
}
