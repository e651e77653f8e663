/*
 * dbq_upload.c — the upload table's statements (sql/003_upload.sql).
 * Every one names the tenant, which callers take from c->tenant.  A
 * draft token is hashed in the statement (SHA2(?, 256)), so the table
 * holds no usable token; size and sha256 are computed by the server.
 * Return contract as in db.h: <0 error, 0 nothing, >0 ok.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* The columns of dbq_upload_meta()'s SELECT, in its order. */
enum meta_col {
	META_ID, META_CTYPE, META_FILENAME, META_SIZE, META_SHA256,
	META_SUBMITTED, META_PUBLIC, META_PURPOSE, META_OWNER_UID,
	META_DRAFT_OWNS,	/* `draft` is the owner's token (0 if NULL) */
	META__MAX
};

/*
 * One upload into row: 1, 0 when there is none, -1 on error.  No
 * bytes: this decides who may have them.
 */
int
dbq_upload_meta(struct db *d, const char *tenant, long long id,
    const char *draft, struct upload_row *row)
{
	struct upload_info	*u = &row->info;
	struct dbres		*r;
	const char		*v;
	int			 rc = -1;

	memset(row, 0, sizeof(*row));
	if ((r = dbres_cols(db_select(d, "SELECT id, ctype, filename, size, "
	    "sha256, state = 'submitted', public, purpose, owner_uid, "
	    "COALESCE(owner_draft = SHA2(?, 256), 0) FROM upload "
	    "WHERE id = ? AND tenant = ?", "sis", draft, id, tenant),
	    META__MAX)) == NULL)
		goto out;
	rc = 0;
	if (r->nrows != 1)
		goto out;
	u->id = strtoll(dbres_get(r, 0, META_ID), NULL, 10);
	snprintf(u->ctype, sizeof(u->ctype), "%s",
	    dbres_get(r, 0, META_CTYPE));
	snprintf(u->filename, sizeof(u->filename), "%s",
	    dbres_get(r, 0, META_FILENAME));
	snprintf(row->filename, sizeof(row->filename), "%s",
	    dbres_get(r, 0, META_FILENAME));
	u->size = strtoll(dbres_get(r, 0, META_SIZE), NULL, 10);
	v = dbres_get(r, 0, META_SHA256);
	snprintf(u->sha256, sizeof(u->sha256), "%s", v ? v : "");
	u->submitted = strcmp(dbres_get(r, 0, META_SUBMITTED), "1") == 0;
	u->public_ = strcmp(dbres_get(r, 0, META_PUBLIC), "1") == 0;
	snprintf(u->purpose, sizeof(u->purpose), "%s",
	    dbres_get(r, 0, META_PURPOSE));
	v = dbres_get(r, 0, META_OWNER_UID);
	snprintf(row->owner_uid, sizeof(row->owner_uid), "%s", v ? v : "");
	row->draft_owns = strcmp(dbres_get(r, 0, META_DRAFT_OWNS), "1") == 0;
	rc = 1;
out:
	dbres_free(r);
	return rc;
}

/* Columns: enum upload_data_col (upload.h). */
struct dbres *
dbq_upload_data(struct db *d, const char *tenant, long long id)
{
	return dbres_cols(db_select(d, "SELECT data FROM upload WHERE id = ? "
	    "AND tenant = ?", "is", id, tenant), UPLOAD_DATA_COL__MAX);
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
