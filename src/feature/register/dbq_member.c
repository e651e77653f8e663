/*
 * dbq_member.c — the SQL of the feature "register" (sql/004_member.sql):
 * registration drafts, the member row a registration makes and its
 * activation, the old system's records and training history.  The
 * record itself, as every tenant reads and changes it, is the
 * platform's (src/identity/dbq_member_record.c).  Every tenant-scoped statement
 * binds the tenant of the request's host.  Tokens (draft cookie, mailed
 * links, the login URL) reach the database only as SHA2(?, 256).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "member.h"

const char *const member_names[PF__MAX] = {
	"name_kanji", "name_kana", "birth_date", "sex", "training_program",
	"training_done_on", "phone", "postal_code", "pref", "address",
	"desired_domain",
};

/* The personal columns, in member_names[] order. */
#define PERSONAL_COLS \
	"name_kanji, name_kana, birth_date, sex, training_program, " \
	"training_done_on, phone, postal_code, pref, address, desired_domain"

/*
 * The draft's password is encrypted with a key made from the cookie's
 * token, which the database never holds: the row alone reveals nothing.
 */
#define PW_KEY	"UNHEX(SHA2(CONCAT('pw:', ?), 256))"

/* ---- register_draft ---------------------------------------------- */

int
dbq_draft_new(struct db *d, const char *tenant, const char *token, int kind,
    int step, long long terms_version)
{
	return db_exec(d,
	    "INSERT INTO register_draft (token_hash, tenant, kind, step, "
	    "terms_version, expires_at) VALUES (SHA2(?, 256), ?, ?, ?, ?, "
	    "NOW() + INTERVAL ? SECOND)",
	    "ssiiii", token, tenant, (long long)kind + 1, (long long)step,
	    terms_version, (long long)DRAFT_TTL_S);
}

/*
 * A migration's draft, made when a legacy record matched: the record's
 * address and personal information, and the link to mail.  token is a
 * fresh random value nobody holds: opening the link binds a new one.
 */
int
dbq_draft_new_migrate(struct db *d, const char *tenant, const char *token,
    const char *link, long long legacy_id)
{
	return db_exec(d,
	    "INSERT INTO register_draft (token_hash, tenant, kind, step, "
	    "email, link_hash, link_expires, legacy_id, regno, regno_date, "
	    PERSONAL_COLS ", expires_at) "
	    "SELECT SHA2(?, 256), tenant, 'migrate', ?, email, SHA2(?, 256), "
	    "NOW() + INTERVAL ? SECOND, id, regno, "
	    "DATE_FORMAT(regno_date, '%Y-%m-%d'), name_kanji, name_kana, "
	    "DATE_FORMAT(birth_date, '%Y-%m-%d'), sex, training_program, "
	    "DATE_FORMAT(training_done_on, '%Y-%m-%d'), phone, postal_code, "
	    "pref, address, desired_domain, NOW() + INTERVAL ? SECOND "
	    "FROM legacy_record WHERE tenant = ? AND id = ? "
	    "AND migrated_uid IS NULL",
	    "sisiisi", token, (long long)STEP_LINK, link,
	    (long long)LINK_TTL_S, (long long)LINK_TTL_S, tenant, legacy_id);
}

/* The columns of dbq_draft_get()'s SELECT, in its order. */
enum draft_col {
	DC_KIND,		/* the ENUM's index: 1 register, 2 migrate */
	DC_STEP,
	DC_VERIFIED,		/* 1/0 */
	DC_HAS_PW,		/* 1/0 */
	DC_TERMS,
	DC_LEGACY_ID,		/* 0: not a migration */
	DC_LICENCE_ID,		/* 0: none yet */
	DC_EMAIL,
	DC_REGNO,
	DC_REGNO_DATE,
	DC_PF,			/* then the PF__MAX personal values */
	DC__MAX = DC_PF + PF__MAX
};

static void
copy(char *out, size_t len, const char *in)
{
	snprintf(out, len, "%s", in != NULL ? in : "");
}

/*
 * The draft of token into dr (all but its token, which the caller
 * holds): 1, 0 none (expired drafts are not found), -1 error, after
 * which the caller frees dr->personal.
 */
int
dbq_draft_get(struct db *d, const char *tenant, const char *token,
    struct draft *dr)
{
	struct dbres	*r;
	const char	*v;
	size_t		 i;
	int		 rc = -1;

	if ((r = dbres_cols(db_select(d,
	    "SELECT kind + 0, step, verified_at IS NOT NULL, "
	    "pw_enc IS NOT NULL, terms_version, COALESCE(legacy_id, 0), "
	    "COALESCE(licence_upload_id, 0), email, regno, regno_date, "
	    PERSONAL_COLS " FROM register_draft "
	    "WHERE token_hash = SHA2(?, 256) AND tenant = ? "
	    "AND expires_at > NOW()",
	    "ss", token, tenant), DC__MAX)) == NULL)
		goto out;
	rc = 0;
	if (r->nrows != 1)
		goto out;
	rc = -1;
	dr->kind = atoi(dbres_get(r, 0, DC_KIND)) == 2 ? DRAFT_MIGRATE :
	    DRAFT_REGISTER;
	dr->step = atoi(dbres_get(r, 0, DC_STEP));
	dr->verified = atoi(dbres_get(r, 0, DC_VERIFIED));
	dr->has_pw = atoi(dbres_get(r, 0, DC_HAS_PW));
	dr->terms_version = atoll(dbres_get(r, 0, DC_TERMS));
	dr->legacy_id = atoll(dbres_get(r, 0, DC_LEGACY_ID));
	dr->licence_id = atoll(dbres_get(r, 0, DC_LICENCE_ID));
	copy(dr->email, sizeof(dr->email), dbres_get(r, 0, DC_EMAIL));
	copy(dr->regno, sizeof(dr->regno), dbres_get(r, 0, DC_REGNO));
	copy(dr->regno_date, sizeof(dr->regno_date),
	    dbres_get(r, 0, DC_REGNO_DATE));
	for (i = 0; i < PF__MAX; i++)
		if ((v = dbres_get(r, 0, DC_PF + i)) != NULL &&
		    kv_add(&dr->personal, member_names[i],
		    strlen(member_names[i]), v, strlen(v)) != KV_OK)
			goto out;
	rc = 1;
out:
	dbres_free(r);
	return rc;
}

/* Every save moves the expiry a week ahead (CORE-12). */
int
dbq_draft_step(struct db *d, const char *tenant, const char *token, int step)
{
	return db_exec(d,
	    "UPDATE register_draft SET step = ?, updated_at = NOW(), "
	    "expires_at = NOW() + INTERVAL ? SECOND "
	    "WHERE token_hash = SHA2(?, 256) AND tenant = ?",
	    "iiss", (long long)step, (long long)DRAFT_TTL_S, token, tenant);
}

int
dbq_draft_terms(struct db *d, const char *tenant, const char *token,
    long long version, int step)
{
	return db_exec(d,
	    "UPDATE register_draft SET terms_version = ?, step = ?, "
	    "updated_at = NOW(), expires_at = NOW() + INTERVAL ? SECOND "
	    "WHERE token_hash = SHA2(?, 256) AND tenant = ?",
	    "iiiss", version, (long long)step, (long long)DRAFT_TTL_S, token,
	    tenant);
}

/* A new address: a new link, and the address is unproven again. */
int
dbq_draft_email(struct db *d, const char *tenant, const char *token,
    const char *email, const char *link)
{
	return db_exec(d,
	    "UPDATE register_draft SET email = ?, link_hash = SHA2(?, 256), "
	    "link_expires = NOW() + INTERVAL ? SECOND, verified_at = NULL, "
	    "step = ?, updated_at = NOW(), "
	    "expires_at = NOW() + INTERVAL ? SECOND "
	    "WHERE token_hash = SHA2(?, 256) AND tenant = ?",
	    "ssiiiss", email, link, (long long)LINK_TTL_S,
	    (long long)STEP_SENT, (long long)DRAFT_TTL_S, token, tenant);
}

/* The draft a mailed link points to.  Columns: enum draft_link_col. */
struct dbres *
dbq_draft_by_link(struct db *d, const char *tenant, const char *link,
    const char *cookie)
{
	return dbres_cols(db_select(d,
	    "SELECT kind + 0, step, link_expires <= NOW(), "
	    "token_hash = SHA2(?, 256) FROM register_draft "
	    "WHERE link_hash = SHA2(?, 256) AND tenant = ?",
	    "sss", cookie ? cookie : "", link, tenant), DRAFT_LINK_COL__MAX);
}

/*
 * The link is opened: the address is proven, the link is spent, and the
 * draft now answers to token (the same one when the link was opened in
 * the browser that holds the draft, else a new one for this browser).
 */
int
dbq_draft_open_link(struct db *d, const char *tenant, const char *link,
    const char *token, int step)
{
	return db_exec(d,
	    "UPDATE register_draft SET token_hash = SHA2(?, 256), "
	    "verified_at = NOW(), link_hash = NULL, link_expires = NULL, "
	    "step = GREATEST(step, ?), updated_at = NOW(), "
	    "expires_at = NOW() + INTERVAL ? SECOND "
	    "WHERE link_hash = SHA2(?, 256) AND tenant = ? "
	    "AND link_expires > NOW()",
	    "siiss", token, (long long)step, (long long)DRAFT_TTL_S, link,
	    tenant);
}

/* The licence step: a new one must be confirmed again (STEP_CHECK). */
int
dbq_draft_licence(struct db *d, const char *tenant, const char *token,
    const char *regno, const char *regno_date, long long upload_id)
{
	return db_exec(d,
	    "UPDATE register_draft SET regno = ?, regno_date = ?, "
	    "licence_upload_id = ?, step = ?, updated_at = NOW(), "
	    "expires_at = NOW() + INTERVAL ? SECOND "
	    "WHERE token_hash = SHA2(?, 256) AND tenant = ?",
	    "ssiiiss", regno, regno_date, upload_id, (long long)STEP_CHECK,
	    (long long)DRAFT_TTL_S, token, tenant);
}

int
dbq_draft_personal(struct db *d, const char *tenant, const char *token,
    const char *const *v, int step)
{
	return db_exec(d,
	    "UPDATE register_draft SET name_kanji = ?, name_kana = ?, "
	    "birth_date = ?, sex = ?, training_program = ?, "
	    "training_done_on = ?, phone = ?, postal_code = ?, pref = ?, "
	    "address = ?, desired_domain = ?, step = ?, updated_at = NOW(), "
	    "expires_at = NOW() + INTERVAL ? SECOND "
	    "WHERE token_hash = SHA2(?, 256) AND tenant = ?",
	    "sssssssssssiiss", v[PF_NAME_KANJI], v[PF_NAME_KANA], v[PF_BIRTH],
	    v[PF_SEX], v[PF_PROGRAM], v[PF_DONE_ON], v[PF_PHONE],
	    v[PF_POSTAL], v[PF_PREF], v[PF_ADDRESS], v[PF_DOMAIN],
	    (long long)step, (long long)DRAFT_TTL_S, token, tenant);
}

int
dbq_draft_password(struct db *d, const char *tenant, const char *token,
    const char *pw)
{
	return db_exec(d,
	    "UPDATE register_draft SET pw_enc = AES_ENCRYPT(?, " PW_KEY ") "
	    "WHERE token_hash = SHA2(?, 256) AND tenant = ?",
	    "ssss", pw, token, token, tenant);
}

/* Columns: enum draft_pw_col.  The caller wipes the result. */
struct dbres *
dbq_draft_password_get(struct db *d, const char *tenant, const char *token)
{
	return dbres_cols(db_select(d,
	    "SELECT AES_DECRYPT(pw_enc, " PW_KEY ") FROM register_draft "
	    "WHERE token_hash = SHA2(?, 256) AND tenant = ?",
	    "sss", token, token, tenant), DRAFT_PW_COL__MAX);
}

int
dbq_draft_del(struct db *d, const char *tenant, const char *token)
{
	return db_exec(d,
	    "DELETE FROM register_draft WHERE token_hash = SHA2(?, 256) "
	    "AND tenant = ?", "ss", token, tenant);
}

/* ---- member -------------------------------------------------------- */

/*
 * The member row, first in the registration's transaction: the unique
 * key (tenant, regno) makes a second registration of one number wait
 * here and then fail with DB_DUP (ACC-3).  activation is the login
 * URL's token; NULL makes the member active at once (demo data).
 */
int
dbq_member_add(struct db *d, const char *tenant, const char *uid,
    const char *regno, const char *regno_date, long long licence_id,
    const char *const *v, const char *email, const char *activation,
    long long legacy_id)
{
	return db_exec(d,
	    "INSERT INTO member (tenant, uid, regno, regno_date, "
	    "licence_upload_id, " PERSONAL_COLS ", email, activation_hash, "
	    "activated_at, legacy_user_id) VALUES (?, ?, ?, ?, NULLIF(?, 0), "
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	    "IF(? IS NULL, NULL, SHA2(?, 256)), IF(? IS NULL, NOW(), NULL), "
	    "(SELECT legacy_user_id FROM legacy_record WHERE tenant = ? "
	    "AND id = ?))",
	    "ssssissssssssssssssssi", tenant, uid, regno, regno_date,
	    licence_id, v[PF_NAME_KANJI], v[PF_NAME_KANA], v[PF_BIRTH],
	    v[PF_SEX], v[PF_PROGRAM], v[PF_DONE_ON], v[PF_PHONE],
	    v[PF_POSTAL], v[PF_PREF], v[PF_ADDRESS], v[PF_DOMAIN], email,
	    activation, activation, activation, tenant, legacy_id);
}

/*
 * ACC-1: 1 when uid is a registered member who has not opened the login
 * URL yet; 0 when active or not a registered member (staff made with
 * shikakuctl have no member row); -1 on error.
 */
int
member_activation_pending(struct db *d, const char *tenant, const char *uid)
{
	struct dbres	*r;
	int		 rc;

	if ((r = db_select(d, "SELECT 1 FROM member WHERE tenant = ? "
	    "AND uid = ? AND activated_at IS NULL", "ss", tenant,
	    uid)) == NULL)
		return -1;
	rc = r->nrows > 0;
	dbres_free(r);
	return rc;
}

/* Columns: enum member_act_col (member.h). */
struct dbres *
dbq_member_activation(struct db *d, const char *tenant, const char *token)
{
	return dbres_cols(db_select(d,
	    "SELECT uid, activated_at IS NOT NULL, regno FROM member "
	    "WHERE tenant = ? AND activation_hash = SHA2(?, 256)",
	    "ss", tenant, token), MEMBER_ACT_COL__MAX);
}

int
dbq_member_activate(struct db *d, const char *tenant, const char *token)
{
	return db_exec(d,
	    "UPDATE member SET activated_at = NOW() WHERE tenant = ? "
	    "AND activation_hash = SHA2(?, 256) AND activated_at IS NULL",
	    "ss", tenant, token);
}

/* ---- training_history ------------------------------------------------ */

/* ACC-2: the old system's training periods become the member's. */
int
dbq_training_from_legacy(struct db *d, const char *tenant, const char *uid,
    long long legacy_id)
{
	int	 rc;

	rc = db_exec(d,
	    "INSERT INTO training_history (tenant, uid, domain, facility, "
	    "started_ym, ended_ym, status, source) "
	    "SELECT r.tenant, ?, t.domain, t.facility, t.started_ym, "
	    "t.ended_ym, t.status, 'legacy' FROM legacy_training t "
	    "JOIN legacy_record r ON r.id = t.legacy_id "
	    "WHERE r.tenant = ? AND r.id = ? ORDER BY t.seq",
	    "ssi", uid, tenant, legacy_id);
	return rc < 0 ? rc : 1;
}

/* Columns: enum training_col (member.h). */
struct dbres *
dbq_training_list(struct db *d, const char *tenant, const char *uid)
{
	return dbres_cols(db_select(d,
	    "SELECT domain, facility, started_ym, ended_ym, status, source "
	    "FROM training_history WHERE tenant = ? AND uid = ? "
	    "ORDER BY started_ym, id", "ss", tenant, uid), TRAINING_COL__MAX);
}

/* ---- legacy_record, legacy_training ---------------------------------- */

/*
 * ACC-2: the record matching all three (user ID, address, birth date)
 * and not migrated yet.  Columns: enum legacy_match_col.
 */
struct dbres *
dbq_legacy_match(struct db *d, const char *tenant, const char *user_id,
    const char *email, const char *birth)
{
	return dbres_cols(db_select(d,
	    "SELECT id, email, name_kanji FROM legacy_record "
	    "WHERE tenant = ? AND legacy_user_id = ? AND email = ? "
	    "AND birth_date = ? AND migrated_uid IS NULL",
	    "ssss", tenant, user_id, email, birth), LEGACY_MATCH_COL__MAX);
}

/* A record migrates once: 0 when another registration took it first. */
int
dbq_legacy_migrated(struct db *d, const char *tenant, long long id,
    const char *uid)
{
	return db_exec(d,
	    "UPDATE legacy_record SET migrated_uid = ?, migrated_at = NOW() "
	    "WHERE tenant = ? AND id = ? AND migrated_uid IS NULL",
	    "ssi", uid, tenant, id);
}

/*
 * shikakuctl legacy import: insert or replace one record (its
 * migration state is kept).  v holds the PF__MAX personal values, ""
 * or NULL when the old system had none.  Returns the record's id, or
 * -1.
 */
long long
dbq_legacy_put(struct db *d, const char *tenant, const char *user_id,
    const char *email, const char *regno, const char *regno_date,
    const char *const *v)
{
	struct dbres	*r;
	const char	*c;
	long long	 id = -1;

	if (db_exec(d,
	    "INSERT INTO legacy_record (tenant, legacy_user_id, email, "
	    "regno, regno_date, " PERSONAL_COLS ") VALUES (?, ?, ?, "
	    "NULLIF(?, ''), NULLIF(?, ''), ?, COALESCE(?, ''), ?, "
	    "NULLIF(?, ''), COALESCE(?, ''), NULLIF(?, ''), COALESCE(?, ''), "
	    "COALESCE(?, ''), NULLIF(?, ''), COALESCE(?, ''), NULLIF(?, '')) "
	    "ON DUPLICATE KEY UPDATE email = VALUES(email), "
	    "regno = VALUES(regno), regno_date = VALUES(regno_date), "
	    "name_kanji = VALUES(name_kanji), name_kana = VALUES(name_kana), "
	    "birth_date = VALUES(birth_date), sex = VALUES(sex), "
	    "training_program = VALUES(training_program), "
	    "training_done_on = VALUES(training_done_on), "
	    "phone = VALUES(phone), postal_code = VALUES(postal_code), "
	    "pref = VALUES(pref), address = VALUES(address), "
	    "desired_domain = VALUES(desired_domain), imported_at = NOW()",
	    "ssssssssssssssss", tenant, user_id, email, regno, regno_date,
	    v[PF_NAME_KANJI], v[PF_NAME_KANA], v[PF_BIRTH], v[PF_SEX],
	    v[PF_PROGRAM], v[PF_DONE_ON], v[PF_PHONE], v[PF_POSTAL],
	    v[PF_PREF], v[PF_ADDRESS], v[PF_DOMAIN]) < 0)
		return -1;
	if ((r = db_select(d, "SELECT id FROM legacy_record WHERE tenant = ? "
	    "AND legacy_user_id = ?", "ss", tenant, user_id)) == NULL)
		return -1;
	if ((c = dbres_scalar(r)) != NULL)
		id = strtoll(c, NULL, 10);
	dbres_free(r);
	return id;
}

int
dbq_legacy_training_clear(struct db *d, long long legacy_id)
{
	int	 rc;

	rc = db_exec(d, "DELETE FROM legacy_training WHERE legacy_id = ?",
	    "i", legacy_id);
	return rc < 0 ? rc : 1;
}

int
dbq_legacy_training_put(struct db *d, long long legacy_id, long long seq,
    const char *domain, const char *facility, const char *from,
    const char *to, const char *status)
{
	return db_exec(d,
	    "INSERT INTO legacy_training (legacy_id, seq, domain, facility, "
	    "started_ym, ended_ym, status) VALUES (?, ?, ?, ?, ?, "
	    "NULLIF(?, ''), ?)",
	    "iisssss", legacy_id, seq, domain, facility ? facility : "", from,
	    to ? to : "", status);
}

/*
 * Housekeeping (housekeep.c): registration drafts past their expiry go,
 * and with them the licence images nobody can reach any more — uploads
 * still owned by a draft that no longer exists, a day after upload.
 */
int
dbq_draft_reap(struct db *d)
{
	int	 rc;

	rc = db_exec(d,
	    "DELETE u FROM upload u LEFT JOIN register_draft r "
	    "ON r.token_hash = u.owner_draft AND r.tenant = u.tenant "
	    "WHERE u.owner_uid IS NULL AND u.owner_draft IS NOT NULL "
	    "AND u.created_at < NOW() - INTERVAL 1 DAY "
	    "AND (r.token_hash IS NULL OR r.expires_at < NOW())", "");
	if (rc >= 0)
		rc = db_exec(d, "DELETE FROM register_draft WHERE expires_at < "
		    "NOW() LIMIT 1000", "");
	return rc;
}
