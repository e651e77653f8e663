/*
 * dbq_member_record.c — the SQL of the member record (member_record.h):
 * the member row as every tenant reads it (sql/004_member.sql,
 * sql/014_member.sql), certification numbers, an address waiting for
 * its consent (sql/009_contact_change.sql) and identity change
 * requests.  Every statement binds the tenant of the request's host.
 * Tokens reach the database only as SHA2(?, 256).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "member_record.h"

/* Columns: enum mrec_col (member_record.h). */
struct dbres *
dbq_member_record_get(struct db *d, const char *tenant, const char *uid)
{
	return dbres_cols(db_select(d,
	    "SELECT member_no, name_kanji, name_kana, "
	    "DATE_FORMAT(birth_date, '%Y-%m-%d'), email, phone, "
	    "postal_code, pref, address, work_name, work_dept, work_postal, "
	    "work_address, work_phone, regno, "
	    "DATE_FORMAT(regno_date, '%Y-%m-%d'), sex, training_program, "
	    "DATE_FORMAT(training_done_on, '%Y-%m-%d'), desired_domain, "
	    "COALESCE(licence_upload_id, 0), "
	    "DATE_FORMAT(activated_at, '%Y-%m-%d %H:%i'), legacy_user_id, "
	    "DATE_FORMAT(created_at, '%Y-%m-%d') "
	    "FROM member WHERE tenant = ? AND uid = ?",
	    "ss", tenant, uid), MREC__MAX);
}

/*
 * 会員情報 in one statement (issue 10's budget): the record, its
 * certification numbers and the latest 20 change requests, as one
 * UNION ALL whose column 0 says which ('m', 'c', 'x') and column 1
 * orders each list; dbres_part() splits them into results with the
 * columns of dbq_member_record_get(), dbq_member_certs() and
 * dbq_change_of().  Record columns are the widest (MREC__MAX); the
 * others are padded with NULL.  0 ok, -1 error (*m, *cr, *ch NULL).
 */
#define MEMBER_PAD(n) MEMBER_PAD_##n
#define MEMBER_PAD_16 "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, " \
	"NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL"
#define MEMBER_PAD_21 MEMBER_PAD_16 ", NULL, NULL, NULL, NULL, NULL"

int
dbq_member_page(struct db *d, const char *tenant, const char *uid,
    struct dbres **m, struct dbres **cr, struct dbres **ch)
{
	struct dbres	*r;
	int		 rc = -1;

	*m = *cr = *ch = NULL;
	if ((r = dbres_sorted(dbres_cols(db_select(d,
	    "SELECT 'm', 0, member_no, name_kanji, name_kana, "
	    "DATE_FORMAT(birth_date, '%Y-%m-%d'), email, phone, "
	    "postal_code, pref, address, work_name, work_dept, work_postal, "
	    "work_address, work_phone, regno, "
	    "DATE_FORMAT(regno_date, '%Y-%m-%d'), sex, training_program, "
	    "DATE_FORMAT(training_done_on, '%Y-%m-%d'), desired_domain, "
	    "COALESCE(licence_upload_id, 0), "
	    "DATE_FORMAT(activated_at, '%Y-%m-%d %H:%i'), legacy_user_id, "
	    "DATE_FORMAT(created_at, '%Y-%m-%d') "
	    "FROM member WHERE tenant = ? AND uid = ? "
	    "UNION ALL SELECT 'c', ROW_NUMBER() OVER (ORDER BY certified_on, "
	    "id), kind, number, DATE_FORMAT(certified_on, '%Y-%m-%d'), "
	    MEMBER_PAD(21) " FROM member_cert WHERE tenant = ? AND uid = ? "
	    "UNION ALL (SELECT 'x', ROW_NUMBER() OVER (ORDER BY id DESC), "
	    "id, field, old_value, new_value, state, "
	    "DATE_FORMAT(requested_at, '%Y-%m-%d %H:%i'), "
	    "DATE_FORMAT(decided_at, '%Y-%m-%d %H:%i'), comment, "
	    MEMBER_PAD(16) " FROM member_change WHERE tenant = ? AND "
	    "uid = ? ORDER BY id DESC LIMIT 20)",
	    "ssssss", tenant, uid, tenant, uid, tenant, uid),
	    2 + MREC__MAX), 2, 1)) == NULL)
		goto out;
	if ((*m = dbres_part(r, "m", 2, MREC__MAX)) == NULL ||
	    (*cr = dbres_part(r, "c", 2, MCERT__MAX)) == NULL ||
	    (*ch = dbres_part(r, "x", 2, CHANGE_OF_COL__MAX)) == NULL)
		goto out;
	rc = 0;
out:
	if (rc == -1) {
		dbres_free(*m);
		dbres_free(*cr);
		dbres_free(*ch);
		*m = *cr = *ch = NULL;
	}
	dbres_free(r);
	return rc;
}

/*
 * A record made or brought up to date outside registration (the demo
 * loader, a product's import): the fields given replace the stored
 * ones, the others stay.  An active account: activated_at is set.
 */
int
dbq_member_record_put(struct db *d, const char *tenant, const char *uid,
    const struct member_record *m)
{
	return db_exec(d,
	    "INSERT INTO member (tenant, uid, member_no, name_kanji, "
	    "name_kana, birth_date, email, phone, postal_code, pref, address, "
	    "work_name, work_dept, work_postal, work_address, work_phone, "
	    "activated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	    "?, ?, ?, NOW()) ON DUPLICATE KEY UPDATE "
	    "member_no = COALESCE(VALUES(member_no), member_no), "
	    "name_kanji = VALUES(name_kanji), name_kana = VALUES(name_kana), "
	    "birth_date = VALUES(birth_date), email = VALUES(email), "
	    "phone = VALUES(phone), postal_code = VALUES(postal_code), "
	    "pref = VALUES(pref), address = VALUES(address), "
	    "work_name = VALUES(work_name), work_dept = VALUES(work_dept), "
	    "work_postal = VALUES(work_postal), "
	    "work_address = VALUES(work_address), "
	    "work_phone = VALUES(work_phone), updated_at = NOW()",
	    "ssssssssssssssss", tenant, uid, m->member_no, m->name_kanji,
	    m->name_kana, m->birth_date, m->email, m->phone, m->postal_code,
	    m->pref, m->address, m->work_name, m->work_dept, m->work_postal,
	    m->work_address, m->work_phone);
}

/* 1 when a member of the tenant has this registration number. */
int
dbq_member_regno_taken(struct db *d, const char *tenant, const char *regno)
{
	struct dbres	*r;
	int		 rc;

	if ((r = db_select(d, "SELECT 1 FROM member WHERE tenant = ? "
	    "AND regno = ?", "ss", tenant, regno)) == NULL)
		return -1;
	rc = r->nrows > 0;
	dbres_free(r);
	return rc;
}

/* The contact fields (ACC-4: direct); the address is m->email. */
int
dbq_member_contact(struct db *d, const char *tenant, const char *uid,
    const struct member_record *m)
{
	return db_exec(d,
	    "UPDATE member SET phone = ?, postal_code = ?, pref = ?, "
	    "address = ?, email = ?, work_name = NULLIF(?, ''), "
	    "work_dept = NULLIF(?, ''), work_postal = NULLIF(?, ''), "
	    "work_address = NULLIF(?, ''), work_phone = NULLIF(?, ''), "
	    "updated_at = NOW() WHERE tenant = ? AND uid = ?",
	    "ssssssssssss", m->phone, m->postal_code, m->pref, m->address,
	    m->email, m->work_name, m->work_dept, m->work_postal,
	    m->work_address, m->work_phone, tenant, uid);
}

/*
 * An approved identity change.  The column comes from this table, never
 * from input; DB_DUP when a new registration number is taken (ACC-3).
 */
int
dbq_member_set(struct db *d, const char *tenant, const char *uid,
    const char *field, const char *value)
{
	static const struct {
		const char	*field;
		const char	*sql;
	} set[] = {
		{ "name_kanji", "UPDATE member SET name_kanji = ?, "
		    "updated_at = NOW() WHERE tenant = ? AND uid = ?" },
		{ "name_kana", "UPDATE member SET name_kana = ?, "
		    "updated_at = NOW() WHERE tenant = ? AND uid = ?" },
		{ "birth_date", "UPDATE member SET birth_date = ?, "
		    "updated_at = NOW() WHERE tenant = ? AND uid = ?" },
		{ "regno", "UPDATE member SET regno = ?, "
		    "updated_at = NOW() WHERE tenant = ? AND uid = ?" },
		{ "regno_date", "UPDATE member SET regno_date = ?, "
		    "updated_at = NOW() WHERE tenant = ? AND uid = ?" },
	};
	size_t	 i;

	for (i = 0; i < sizeof(set) / sizeof(set[0]); i++)
		if (strcmp(set[i].field, field) == 0)
			return db_exec(d, set[i].sql, "sss", value, tenant,
			    uid);
	return -1;
}

int
dbq_member_email(struct db *d, const char *tenant, const char *uid,
    const char *email)
{
	return db_exec(d,
	    "UPDATE member SET email = ?, updated_at = NOW() "
	    "WHERE tenant = ? AND uid = ?",
	    "sss", email, tenant, uid);
}

/* ---- member_cert (sql/014_member.sql) ------------------------------- */

/* Columns: enum mcert_col. */
struct dbres *
dbq_member_certs(struct db *d, const char *tenant, const char *uid)
{
	return dbres_cols(db_select(d,
	    "SELECT kind, number, DATE_FORMAT(certified_on, '%Y-%m-%d') "
	    "FROM member_cert WHERE tenant = ? AND uid = ? "
	    "ORDER BY certified_on, id", "ss", tenant, uid), MCERT__MAX);
}

/* One certification number of a kind (replaces that kind's). */
int
dbq_member_cert_put(struct db *d, const char *tenant, const char *uid,
    const char *kind, const char *number, const char *date)
{
	return db_exec(d,
	    "INSERT INTO member_cert (tenant, uid, kind, number, "
	    "certified_on) VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
	    "number = VALUES(number), certified_on = VALUES(certified_on)",
	    "sssss", tenant, uid, kind, number, date);
}

/* ---- email_change (sql/009_contact_change.sql) ---------------------- */

/*
 * A pending change of uid's address to email, good for ttl_s seconds;
 * it replaces any earlier one, whose link then stops working.  In the
 * caller's transaction, with the mails that announce it.
 */
int
dbq_email_change_put(struct db *d, const char *tenant, const char *uid,
    const char *token, const char *email, long long ttl_s)
{
	if (db_exec(d, "DELETE FROM email_change WHERE tenant = ? AND uid = ?",
	    "ss", tenant, uid) < 0)
		return -1;
	return db_exec(d,
	    "INSERT INTO email_change (token_hash, tenant, uid, new_email, "
	    "expires_at) VALUES (SHA2(?, 256), ?, ?, ?, "
	    "NOW() + INTERVAL ? SECOND)",
	    "ssssi", token, tenant, uid, email, ttl_s);
}

/*
 * The pending change of a mailed token, if still good, locked until
 * the caller's transaction ends.  Columns: enum email_change_col.
 */
struct dbres *
dbq_email_change_get(struct db *d, const char *tenant, const char *token)
{
	return dbres_cols(db_select(d,
	    "SELECT e.uid, e.new_email, m.email FROM email_change e "
	    "JOIN member m ON m.tenant = e.tenant AND m.uid = e.uid "
	    "WHERE e.token_hash = SHA2(?, 256) AND e.tenant = ? "
	    "AND e.expires_at > NOW() FOR UPDATE",
	    "ss", token, tenant), EMAIL_CHANGE_COL__MAX);
}

/* The link is spent (or the change abandoned): >0 deleted, 0 none. */
int
dbq_email_change_del(struct db *d, const char *tenant, const char *token)
{
	return db_exec(d, "DELETE FROM email_change "
	    "WHERE token_hash = SHA2(?, 256) AND tenant = ?",
	    "ss", token, tenant);
}

/*
 * Columns: enum email_pending_col (expires_at: JST is the server's
 * zone, as shown).
 */
struct dbres *
dbq_email_change_pending(struct db *d, const char *tenant, const char *uid)
{
	return dbres_cols(db_select(d,
	    "SELECT new_email, DATE_FORMAT(expires_at, '%Y-%m-%d %H:%i') "
	    "FROM email_change WHERE tenant = ? AND uid = ? "
	    "AND expires_at > NOW()",
	    "ss", tenant, uid), EMAIL_PENDING_COL__MAX);
}

int
dbq_email_change_reap(struct db *d)
{
	return db_exec(d, "DELETE FROM email_change WHERE expires_at < NOW() "
	    "LIMIT 1000", "");
}

/* ---- member_change --------------------------------------------------- */

/* DB_DUP when this field already has a request waiting (sql/004). */
int
dbq_change_add(struct db *d, const char *tenant, const char *uid,
    const char *field, const char *old, const char *new,
    const char *reason)
{
	return db_exec(d,
	    "INSERT INTO member_change (tenant, uid, field, old_value, "
	    "new_value, reason) VALUES (?, ?, ?, ?, ?, ?)",
	    "ssssss", tenant, uid, field, old, new, reason);
}

/* A member's requests, newest first.  Columns: enum change_of_col. */
struct dbres *
dbq_change_of(struct db *d, const char *tenant, const char *uid)
{
	return dbres_cols(db_select(d,
	    "SELECT id, field, old_value, new_value, state, "
	    "DATE_FORMAT(requested_at, '%Y-%m-%d %H:%i'), "
	    "DATE_FORMAT(decided_at, '%Y-%m-%d %H:%i'), comment "
	    "FROM member_change WHERE tenant = ? AND uid = ? "
	    "ORDER BY id DESC LIMIT 20", "ss", tenant, uid),
	    CHANGE_OF_COL__MAX);
}

/* Waiting requests, oldest first.  Columns: enum change_pending_col. */
struct dbres *
dbq_change_pending(struct db *d, const char *tenant)
{
	return dbres_cols(db_select(d,
	    "SELECT c.id, c.uid, c.field, c.old_value, c.new_value, "
	    "c.reason, DATE_FORMAT(c.requested_at, '%Y-%m-%d %H:%i'), "
	    "m.name_kanji, m.regno, COALESCE(m.licence_upload_id, 0), "
	    "m.member_no "
	    "FROM member_change c JOIN member m "
	    "ON m.tenant = c.tenant AND m.uid = c.uid "
	    "WHERE c.tenant = ? AND c.state = 'pending' "
	    "ORDER BY c.requested_at, c.id LIMIT 200", "s", tenant),
	    CHANGE_PENDING_COL__MAX);
}

/* Decided requests, newest first.  Columns: enum change_decided_col. */
struct dbres *
dbq_change_decided(struct db *d, const char *tenant, long long limit)
{
	return dbres_cols(db_select(d,
	    "SELECT c.id, c.uid, c.field, c.old_value, c.new_value, c.state, "
	    "DATE_FORMAT(c.decided_at, '%Y-%m-%d %H:%i'), c.decided_by, "
	    "c.comment, m.name_kanji FROM member_change c JOIN member m "
	    "ON m.tenant = c.tenant AND m.uid = c.uid "
	    "WHERE c.tenant = ? AND c.state <> 'pending' "
	    "ORDER BY c.decided_at DESC, c.id DESC LIMIT ?",
	    "si", tenant, limit), CHANGE_DECIDED_COL__MAX);
}

/*
 * Inside a transaction: the waiting request id, locked until the
 * decision commits, so two admins cannot decide it twice.  Columns:
 * enum change_lock_col (member.h).
 */
struct dbres *
dbq_change_lock(struct db *d, const char *tenant, long long id)
{
	return dbres_cols(db_select(d,
	    "SELECT c.uid, c.field, c.old_value, c.new_value, m.email, "
	    "m.name_kanji FROM member_change c JOIN member m "
	    "ON m.tenant = c.tenant AND m.uid = c.uid "
	    "WHERE c.tenant = ? AND c.id = ? AND c.state = 'pending' "
	    "FOR UPDATE", "si", tenant, id), CHANGE_LOCK_COL__MAX);
}

int
dbq_change_decide(struct db *d, const char *tenant, long long id,
    const char *state, const char *by, const char *comment)
{
	return db_exec(d,
	    "UPDATE member_change SET state = ?, decided_by = ?, "
	    "decided_at = NOW(), comment = NULLIF(?, '') "
	    "WHERE tenant = ? AND id = ? AND state = 'pending'",
	    "ssssi", state, by, comment ? comment : "", tenant, id);
}
