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
 * The row (dbq_second_facts_parse() reads it; the worker may keep it,
 * owncache.h), or NULL.
 */
struct dbres *
dbq_second_facts_read(struct db *d, const char *tenant, const char *uid,
    int fy, long long app)
{
	return dbres_cols(db_select(d, "SELECT "
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
}

/* dbq_second_facts_read()'s row into *f.  1, -1. */
int
dbq_second_facts_parse(const struct dbres *r, struct second_facts *f)
{
	const char	*v;
	int		 i, rc = -1;

	memset(f, 0, sizeof(*f));
	if (r == NULL || r->nrows != 1 || r->ncols != SF__MAX)
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

/* ---- demo (demo_second.c) ---------------------------------------------- */

/* The offering row of kind in year: its id, 0 none, -1. */
long long
dbq_second_window(struct db *d, const char *tenant, const char *kind,
    int year)
{
	struct dbres	*r;
	long long	 id = -1;

	if ((r = db_select(d, "SELECT COALESCE(MAX(id), 0) FROM offering "
	    "WHERE tenant = ? AND kind = ? AND year = ?", "ssi", tenant, kind,
	    (long long)year)) != NULL && dbres_scalar(r) != NULL)
		id = atoll(dbres_scalar(r));
	dbres_free(r);
	return id;
}

static long long
scalar_id(struct dbres *r)
{
	long long	 id = -1;

	if (r != NULL && dbres_scalar(r) != NULL)
		id = atoll(dbres_scalar(r));
	dbres_free(r);
	return id;
}

/*
 * A facility certified for training and a supervisor whose
 * certification covers the demo's training years (found or made):
 * *cert the facility's certification, *sup the supervisor.  0, -1.
 */
int
dbq_second_demo_registry(struct db *d, const char *tenant, int year,
    long long *cert, long long *sup)
{
	char	 from[32], to[32], sto[32];

	snprintf(from, sizeof(from), "%04d-04-01", year - 6);
	snprintf(to, sizeof(to), "%04d-03-31", year + 3);
	snprintf(sto, sizeof(sto), "%04d-03-31", year + 4);
	if (db_exec(d, "INSERT IGNORE INTO certify_facility (tenant, code, "
	    "name, kana, pref) VALUES (?, 'D2-F1', 'デモ二次研修病院', "
	    "'でもにじけんしゅうびょういん', '13')", "s", tenant) < 0 ||
	    db_exec(d, "INSERT IGNORE INTO certify_facility_cert (tenant, "
	    "facility_id, kind, valid_from, valid_to) SELECT ?, id, "
	    "'training', ?, ? FROM certify_facility WHERE tenant = ? AND "
	    "code = 'D2-F1'", "ssss", tenant, from, to, tenant) < 0 ||
	    db_exec(d, "INSERT IGNORE INTO certify_supervisor (tenant, "
	    "number, name, kana, valid_from, valid_to) VALUES (?, 'D2-S1', "
	    "'デモ 指導医', 'でも しどうい', ?, ?)", "sss", tenant, from,
	    sto) < 0)
		return -1;
	*cert = scalar_id(db_select(d, "SELECT MIN(c.id) FROM "
	    "certify_facility_cert c JOIN certify_facility f ON f.id = "
	    "c.facility_id WHERE f.tenant = ? AND f.code = 'D2-F1'", "s",
	    tenant));
	*sup = scalar_id(db_select(d, "SELECT id FROM certify_supervisor "
	    "WHERE tenant = ? AND number = 'D2-S1'", "s", tenant));
	return *cert > 0 && *sup > 0 ? 0 : -1;
}

/* Twenty rows, for the approved case reports (one statement). */
#define TWENTY "(SELECT 1 n UNION ALL SELECT 2 UNION ALL SELECT 3 " \
	"UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 " \
	"UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9 " \
	"UNION ALL SELECT 10 UNION ALL SELECT 11 UNION ALL SELECT 12 " \
	"UNION ALL SELECT 13 UNION ALL SELECT 14 UNION ALL SELECT 15 " \
	"UNION ALL SELECT 16 UNION ALL SELECT 17 UNION ALL SELECT 18 " \
	"UNION ALL SELECT 19 UNION ALL SELECT 20)"

/*
 * A demo member's facts: joined three years ago, this fiscal year's
 * dues paid, the seminar attended, and twenty approved case reports
 * with the demo supervisor — or none and the exemption.  Each once.
 */
int
dbq_second_demo_facts(struct db *d, const char *tenant, const char *uid,
    int year, int exempt, long long sup)
{
	char	 joined[32], paid[32], held[32], ym[32];

	snprintf(joined, sizeof(joined), "%04d-04-01", year - 3);
	snprintf(paid, sizeof(paid), "%04d-04-10", year);
	snprintf(held, sizeof(held), "%04d-09-01", year - 1);
	snprintf(ym, sizeof(ym), "%04d-05", year - 1);
	if (db_exec(d, "INSERT INTO certify_membership (tenant, uid, "
	    "joined_on, case_exempt) VALUES (?, ?, ?, ?) ON DUPLICATE KEY "
	    "UPDATE case_exempt = VALUES(case_exempt)", "sssi", tenant, uid,
	    joined, (long long)exempt) < 0 ||
	    db_exec(d, "INSERT IGNORE INTO certify_dues (tenant, uid, fy, "
	    "paid_on) VALUES (?, ?, ?, ?)", "ssis", tenant, uid,
	    (long long)year, paid) < 0 ||
	    db_exec(d, "INSERT IGNORE INTO credit_event (tenant, number, "
	    "title, kind, held_on, organizer_uid, units) VALUES (?, "
	    "'D2-SEM', '教育セミナー（デモ）', 'seminar', ?, 'ctl:demo', 1)",
	    "ss", tenant, held) < 0 ||
	    db_exec(d, "INSERT IGNORE INTO credit (tenant, uid, source, "
	    "event_id, units, earned_on, title) SELECT ?, ?, 'event', id, "
	    "units, held_on, title FROM credit_event WHERE tenant = ? AND "
	    "number = 'D2-SEM'", "sss", tenant, uid, tenant) < 0)
		return -1;
	if (exempt)
		return 0;
	return db_exec(d, "INSERT INTO certify_case (tenant, uid, "
	    "supervisor_id, age_band, sex, diagnosis, setting, period_from, "
	    "period_to, summary, state, created_at, updated_at, decided_at) "
	    "SELECT ?, ?, ?, '75', IF(n % 2, 'f', 'm'), CONCAT('症例 ', n), "
	    "'ward', ?, ?, '経過の要約（デモ）', 'approved', NOW(), NOW(), "
	    "NOW() FROM " TWENTY " t WHERE (SELECT COUNT(*) FROM "
	    "certify_case k WHERE k.tenant = ? AND k.uid = ?) = 0", "ssissss",
	    tenant, uid, sup, ym, ym, tenant, uid) < 0 ? -1 : 0;
}

/* ---- the registries, as the worker keeps them (refcache.h) ----------- */

/* Every certification of every certified facility (SFC_COL_*). */
struct dbres *
dbq_second_fac_certs(struct db *d, const char *tenant)
{
	return dbres_cols(db_select(d, "SELECT c.id, f.code, f.name, f.kana, "
	    "c.kind, DATE_FORMAT(c.valid_from, '%Y-%m-%d'), "
	    "DATE_FORMAT(c.valid_to, '%Y-%m-%d') FROM certify_facility f "
	    "JOIN certify_facility_cert c ON c.facility_id = f.id WHERE "
	    "f.tenant = ? ORDER BY f.kana, f.id, c.kind, c.valid_from",
	    "s", tenant), SFC_COL__MAX);
}

/* Every supervisor (SSU_COL_*). */
struct dbres *
dbq_second_supervisors(struct db *d, const char *tenant)
{
	return dbres_cols(db_select(d, "SELECT s.id, s.number, s.name, "
	    "s.kana, DATE_FORMAT(s.valid_from, '%Y-%m-%d'), "
	    "DATE_FORMAT(s.valid_to, '%Y-%m-%d') FROM certify_supervisor s "
	    "WHERE s.tenant = ? ORDER BY s.kana, s.id", "s", tenant),
	    SSU_COL__MAX);
}

/* The member's uploads that are PDFs (ids), for the PDF-only fields. */
struct dbres *
dbq_second_pdfs(struct db *d, const char *tenant, const char *uid)
{
	return dbres_cols(db_select(d, "SELECT id FROM upload WHERE "
	    "tenant = ? AND owner_uid = ? AND ctype = 'application/pdf'",
	    "ss", tenant, uid), 1);
}

/*
 * The applicants whose 一次申請 of either kind (新規, 移行; any year)
 * names the exam site as first choice (the review queue's filter of
 * both 二次).  Column 0: uid.
 */
struct dbres *
dbq_second_site_uids(struct db *d, const char *tenant, const char *site)
{
	return dbres_cols(db_select(d, "SELECT DISTINCT a.uid FROM app a "
	    "JOIN offering o ON o.id = a.offering_id JOIN app_value v ON "
	    "v.app_id = a.id AND v.field = 'site1' WHERE a.tenant = ? AND "
	    "o.kind IN ('first', 'transition-first') AND a.state <> 'draft' "
	    "AND v.value = ?", "ss",
	    tenant, site), 1);
}
