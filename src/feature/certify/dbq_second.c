/*
 * dbq_second.c — what 二次申請 reads and writes (sql/022_second.sql),
 * and what it reads of the records it depends on as data, never as
 * code: pal1's case reports, membership and dues (sql/019_certify.sql)
 * and the credit service's ledger (sql/018_credit.sql).  Every
 * statement is bound to the caller's tenant.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "second.h"

enum { SF_CASES, SF_EXEMPT, SF_SEMINAR, SF_JOINED, SF_DUES, SF_EXP0,
	SF_EXP1, SF_EXP2, SF_EXP3, SF_PENDING, SF__MAX };

/*
 * Everything the requirement panel shows, in one statement: approved
 * case reports and the exemption, seminars attended (credit events of
 * kind 'seminar'), the date joined, fiscal year fy's dues, and what
 * the application stored with its submission (app 0: nothing yet).
 * 1, -1.
 */
int
dbq_second_facts(struct db *d, const char *tenant, const char *uid, int fy,
    long long app, struct second_facts *f)
{
	struct dbres	*r;
	const char	*v;
	int		 i, rc = -1;

	memset(f, 0, sizeof(*f));
	r = dbres_cols(db_select(d, "SELECT "
	    "(SELECT COUNT(*) FROM certify_case k WHERE k.tenant = ? AND "
	    "k.uid = ? AND k.state = 'approved'), "
	    "COALESCE((SELECT m.case_exempt FROM certify_membership m "
	    "WHERE m.tenant = ? AND m.uid = ?), 0), "
	    "(SELECT COUNT(*) FROM credit c JOIN credit_event e ON "
	    "e.id = c.event_id WHERE c.tenant = ? AND c.uid = ? AND "
	    "e.kind = 'seminar'), "
	    "COALESCE((SELECT DATE_FORMAT(m.joined_on, '%Y-%m-%d') FROM "
	    "certify_membership m WHERE m.tenant = ? AND m.uid = ?), ''), "
	    "(SELECT COUNT(*) FROM certify_dues u WHERE u.tenant = ? AND "
	    "u.uid = ? AND u.fy = ?), "
	    "x.experience, x.certificate, x.achievements, x.course, "
	    "x.dues_pending "
	    "FROM (SELECT 1) one LEFT JOIN second_expect x ON x.app_id = ?",
	    "ssssssssssii", tenant, uid, tenant, uid, tenant, uid, tenant,
	    uid, tenant, uid, (long long)fy, app), SF__MAX);
	if (r == NULL || r->nrows != 1)
		goto out;
	f->cases = atoi(dbres_get(r, 0, SF_CASES));
	f->exempt = atoi(dbres_get(r, 0, SF_EXEMPT));
	f->seminar = atoi(dbres_get(r, 0, SF_SEMINAR));
	snprintf(f->joined, sizeof(f->joined), "%s",
	    dbres_get(r, 0, SF_JOINED));
	f->dues_paid = atoi(dbres_get(r, 0, SF_DUES)) > 0;
	for (i = 0; i < SECOND_EXPECT_N; i++)
		f->expect[i] = (v = dbres_get(r, 0, SF_EXP0 + i)) != NULL &&
		    atoi(v) > 0;
	f->dues_pending = (v = dbres_get(r, 0, SF_PENDING)) != NULL &&
	    atoi(v) > 0;
	rc = 1;
out:
	dbres_free(r);
	return rc;
}

/* The July expectations and 手続き中 of a submission (the last one). */
int
dbq_second_expect_put(struct db *d, long long app, const int *e,
    int pending, const char *now)
{
	return db_exec(d, "INSERT INTO second_expect (app_id, experience, "
	    "certificate, achievements, course, dues_pending, updated_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
	    "experience = VALUES(experience), certificate = "
	    "VALUES(certificate), achievements = VALUES(achievements), "
	    "course = VALUES(course), dues_pending = VALUES(dues_pending), "
	    "updated_at = VALUES(updated_at)", "iiiiiis", app,
	    (long long)e[0], (long long)e[1], (long long)e[2],
	    (long long)e[3], (long long)pending, now);
}
