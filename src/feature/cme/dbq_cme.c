/*
 * dbq_cme.c — the SQL of the cme feature (sql/021_cme.sql): the
 * associations, a physician's association, and the member's history of
 * completion applications with their 修了証 (one statement).  Every
 * statement is bound to the caller's tenant.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cme.h"
#include "db.h"

/* Every association, national first, then by prefecture (refcache). */
struct dbres *
dbq_cme_assocs(struct db *d, const char *tenant)
{
	(void)tenant;		/* the same list on every tenant */
	return dbres_cols(db_select(d, "SELECT code, pref, kind, name_ja, "
	    "name_en FROM cme_assoc ORDER BY sort, code", ""), CA__MAX);
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
	    "(SELECT MAX(c.id) FROM certificate c WHERE c.tenant = a.tenant "
	    "AND c.app_id = a.id AND c.revoked_at IS NULL), o.year, "
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
