/*
 * dbq_cme.c — the SQL of the cme feature (sql/021_cme.sql): the
 * associations, a physician's association, and the member's history of
 * completion applications with their 修了証 (one statement).  Every
 * statement is bound to the caller's tenant.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cert.h"
#include "cme.h"
#include "db.h"

/* The tenant's associations, national first, then by prefecture
 * (refcache; the tenant's own list since 028). */
struct dbres *
dbq_cme_assocs(struct db *d, const char *tenant)
{
	return dbres_cols(db_select(d, "SELECT code, pref, kind, name_ja, "
	    "name_en FROM cme_assoc WHERE tenant = ? ORDER BY sort, code",
	    "s", tenant), CA__MAX);
}

/*
 * [{"code","pref","kind","ja","en"}]: associations added or renamed by
 * code, in one statement (the admin's form: one; the CSV: all).  The
 * triggers bump refdata_version, so every worker reads the list again.
 */
int
dbq_cme_assocs_put(struct db *d, const char *tenant, const char *json)
{
	return db_exec(d, "INSERT INTO cme_assoc (tenant, code, pref, kind, "
	    "name_ja, name_en, sort) SELECT ?, j.code, j.pref, j.kind, j.ja, "
	    "j.en, CAST(j.code AS UNSIGNED) FROM JSON_TABLE(?, '$[*]' "
	    "COLUMNS (code CHAR(5) PATH '$.code', pref CHAR(2) PATH '$.pref', "
	    "kind VARCHAR(8) PATH '$.kind', ja VARCHAR(100) PATH '$.ja', "
	    "en VARCHAR(160) PATH '$.en')) j ON DUPLICATE KEY UPDATE "
	    "name_ja = VALUES(name_ja), name_en = VALUES(name_en)", "ss",
	    tenant, json) < 0 ? -1 : 0;
}

/*
 * The review counts of kind per association and state: the association
 * is the one reviewing (the stage's scope "assoc:<code>", category II
 * already moved to the prefecture's).  year 0: every year.
 */
struct dbres *
dbq_cme_assoc_counts(struct db *d, const char *tenant, const char *kind,
    int year)
{
	return dbres_cols(db_select(d, "SELECT SUBSTRING(a.scope, 7), "
	    "a.state, COUNT(*) FROM app a JOIN offering o ON "
	    "o.id = a.offering_id WHERE a.tenant = ? AND o.kind = ? AND "
	    "(? = 0 OR o.year = ?) AND a.scope LIKE 'assoc:%' AND a.state IN "
	    "('submitted', 'returned', 'approved', 'rejected') "
	    "GROUP BY a.scope, a.state", "ssii", tenant, kind, (long long)year, (long long)year),
	    CN__MAX);
}

/* The physician's association into out ("" none).  1, 0 none, -1. */
int
dbq_cme_member(struct db *d, const char *tenant, const char *uid,
    char *out, size_t len)
{
	struct dbres	*r;
	const char	*v;
	int		 rc = -1;

	snprintf(out, len, "%s", "");
	if ((r = db_select(d, "SELECT assoc FROM cme_member WHERE tenant = ? "
	    "AND uid = ?", "ss", tenant, uid)) == NULL)
		goto out;
	rc = 0;
	if ((v = dbres_scalar(r)) != NULL) {
		snprintf(out, len, "%s", v);
		rc = 1;
	}
out:
	dbres_free(r);
	return rc;
}

int
dbq_cme_member_put(struct db *d, const char *tenant, const char *uid,
    const char *assoc)
{
	return db_exec(d, "INSERT INTO cme_member (tenant, uid, assoc) "
	    "VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE assoc = VALUES(assoc)",
	    "sss", tenant, uid, assoc);
}

/*
 * The member's applications of kind, newest first, with the 修了証 an
 * approval issued: fy ("" any) is the offering's year (申告年度); from
 * and to ("" none) bound the day of submission (申告日), inclusive.
 */
struct dbres *
dbq_cme_history(struct db *d, const char *tenant, const char *uid,
    const char *kind, const char *fy, const char *from, const char *to)
{
	return dbres_cols(db_select(d, "SELECT a.id, a.number, a.state, "
	    "a.submitted_at, a.decided_at, a.return_comment, "
	    "(SELECT MAX(c.id) FROM certificate c " CERT_BY_APP "WHERE "
	    "c.tenant = a.tenant AND c.app_id = a.id AND c.revoked_at IS "
	    "NULL), o.year, "
	    "a.created_at FROM app a JOIN offering o ON o.id = a.offering_id "
	    "WHERE a.tenant = ? AND a.uid = ? AND o.kind = ? AND "
	    "(? = '' OR o.year = ?) AND (? = '' OR a.submitted_at >= ?) AND "
	    "(? = '' OR a.submitted_at < ? + INTERVAL 1 DAY) AND "
	    "a.state <> 'withdrawn' ORDER BY a.id DESC LIMIT 200",
	    "sssssssss", tenant, uid, kind, fy, fy, from, from, to, to),
	    CH__MAX);
}

/* How many applications of kind kakari the physician has (any state). */
int
dbq_cme_apps(struct db *d, const char *tenant, const char *uid)
{
	struct dbres	*r;
	int		 n = -1;

	if ((r = db_select(d, "SELECT COUNT(*) FROM app a JOIN offering o ON "
	    "o.id = a.offering_id WHERE a.tenant = ? AND a.uid = ? AND "
	    "o.kind = ?", "sss", tenant, uid, CME_KIND)) != NULL &&
	    dbres_scalar(r) != NULL)
		n = atoi(dbres_scalar(r));
	dbres_free(r);
	return n;
}

/* The reviewers of one association (scope "assoc:<code>"), by uid. */
struct dbres *
dbq_cme_reviewers(struct db *d, const char *tenant, const char *scope)
{
	return dbres_cols(db_select(d, "SELECT s.uid, IFNULL(m.name_kanji, "
	    "''), IFNULL(m.member_no, '') FROM reviewer_scope s LEFT JOIN "
	    "member m ON m.tenant = s.tenant AND m.uid = s.uid WHERE "
	    "s.tenant = ? AND s.role = ? AND s.scope = ? ORDER BY s.uid",
	    "sss", tenant, CME_ROLE, scope), CR__MAX);
}

/*
 * uid reviews for scope: only an account of the tenant holding the
 * reviewers' role.  1 added, 0 not such an account or already, -1.
 */
int
dbq_cme_reviewer_add(struct db *d, const char *tenant, const char *uid,
    const char *scope)
{
	return db_exec(d, "INSERT IGNORE INTO reviewer_scope (tenant, uid, "
	    "role, scope) SELECT r.tenant, r.uid, r.role, ? FROM role r "
	    "WHERE r.tenant = ? AND r.uid = ? AND r.role = ?", "ssss", scope,
	    tenant, uid, CME_ROLE);
}

/* 1 removed, 0 was not, -1. */
int
dbq_cme_reviewer_del(struct db *d, const char *tenant, const char *uid,
    const char *scope)
{
	return db_exec(d, "DELETE FROM reviewer_scope WHERE tenant = ? AND "
	    "uid = ? AND role = ? AND scope = ?", "ssss", tenant, uid,
	    CME_ROLE, scope);
}
