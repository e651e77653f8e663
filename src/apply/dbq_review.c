/*
 * dbq_review.c — the review chain's and the fees' SQL
 * (sql/012_review.sql, on 011_apply.sql's app and app_snapshot).  Every
 * statement is bound to the caller's tenant.  An action happens only if
 * its UPDATE still finds the application where the reviewer saw it
 * (state submitted, the same stage, the same submission): a second
 * click, or a colleague who was quicker, changes nothing.  Times come
 * from clock_now(), passed in.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apply.h"
#include "cert.h"
#include "db.h"
#include "review.h"

/* An empty string is no value: NULL in the database. */
static const char *
nz(const char *s)
{
	return s != NULL && *s != '\0' ? s : NULL;
}

/*
 * Since when an application waits at its stage: its latest submission,
 * or the latest approval since, which moved it on.
 */
#define WAITING_SINCE \
	"GREATEST(a.submitted_at, COALESCE((SELECT MAX(e.at) FROM " \
	"app_event e WHERE e.app_id = a.id AND e.kind = 'approve'), " \
	"a.submitted_at))"

/* Is uid, holding role, a reviewer of an app with this scope? */
#define SCOPE_MATCH(r) \
	"(? = '*' OR ? = CONCAT('uid:', " r ".uid) OR EXISTS (SELECT 1 " \
	"FROM reviewer_scope s WHERE s.tenant = " r ".tenant AND s.uid = " \
	r ".uid AND s.role = " r ".role AND s.scope = ?))"

/* ---- reviewers --------------------------------------------------------- */

/* 1: uid holds role and scope is theirs, 0 not, <0 error. */
int
dbq_review_reviewer_ok(struct db *d, const char *tenant, const char *uid,
    const char *role, const char *scope)
{
	struct dbres	*r;
	int		 rc;

	r = db_select(d, "SELECT COUNT(*) FROM role r WHERE r.tenant = ? "
	    "AND r.uid = ? AND r.role = ? AND " SCOPE_MATCH("r"), "ssssss",
	    tenant, uid, role, scope, scope, scope);
	if (r == NULL)
		return -1;
	rc = dbres_scalar(r) != NULL && atoll(dbres_scalar(r)) > 0;
	dbres_free(r);
	return rc;
}

/*
 * The reviewers of several applications at once (the reminder sweep's
 * batch, rather than a statement an application): ids "id,…"; roles
 * "kind:stage:role,…", the role that reviews each stage (as the
 * queue's), whose holders match the application's scope.  Rows
 * (application, uid) by application then uid, at most 200 an
 * application.  enum remind_col; NULL on error.
 */
struct dbres *
dbq_review_reviewers_of(struct db *d, const char *tenant, const char *ids,
    const char *roles)
{
	return dbres_cols(db_select(d, "SELECT x.id, x.uid FROM (SELECT "
	    "a.id, r.uid, ROW_NUMBER() OVER (PARTITION BY a.id ORDER BY "
	    "r.uid) AS rn FROM app a JOIN offering o ON o.id = a.offering_id "
	    "JOIN role r ON r.tenant = a.tenant AND FIND_IN_SET(CONCAT(o.kind, "
	    "':', a.stage, ':', r.role), ?) > 0 WHERE a.tenant = ? AND "
	    "o.tenant = a.tenant AND a.state = 'submitted' AND "
	    "FIND_IN_SET(a.id, ?) > 0 AND (a.scope = '*' OR a.scope = "
	    "CONCAT('uid:', r.uid) OR EXISTS (SELECT 1 FROM reviewer_scope s "
	    "WHERE s.tenant = r.tenant AND s.uid = r.uid AND s.role = r.role "
	    "AND s.scope = a.scope))) x WHERE x.rn <= 200 ORDER BY x.id, "
	    "x.uid", "sss", roles, tenant, ids), REMIND_COL__MAX);
}

int
dbq_reviewer_scope_put(struct db *d, const char *tenant, const char *uid,
    const char *role, const char *scope)
{
	return db_exec(d, "INSERT IGNORE INTO reviewer_scope (tenant, uid, "
	    "role, scope) VALUES (?, ?, ?, ?)", "ssss", tenant, uid, role,
	    scope);
}

/* ---- the queue --------------------------------------------------------- */

#define QUEUE_SEL \
	"SELECT a.id, a.number, a.state, a.stage, o.kind, a.uid, " \
	"a.version, a.scope, " WAITING_SINCE ", a.submitted_at, " \
	"a.decided_at, (SELECT MIN(f.state) FROM fee f WHERE f.app_id = " \
	"a.id) FROM app a JOIN offering o ON o.id = a.offering_id "

/*
 * The queue of uid in one statement (issue 10: it was one a stage, a
 * statement in a loop, then two), a UNION ALL whose column 0 says which
 * part, column 1 orders it (split with dbres_part(r, tag,
 * REVIEW_PAGE_SKIP, REVQ_COL__MAX)):
 *
 * 'w' the applications waiting for uid at every stage the page lists.
 *   keys: "kind:stage,…" in the page's order; roles: "kind:stage:role,…",
 *   the role that reviews each (its reviewer_scope rows match the
 *   application's scope).  In the order of keys, each stage's by
 *   submission, at most 500 a stage; waiting since before `before` (""
 *   for any).
 * 'a' when acted is set, the applications uid acted on (any state now),
 *   newest first, at most 500.
 *
 * Columns enum revq_col.  NULL on error.
 */
struct dbres *
dbq_review_queue(struct db *d, const char *tenant, const char *keys,
    const char *roles, const char *uid, const char *before, int acted)
{
	return dbres_sorted(dbres_cols(db_select(d,
	    "SELECT 'w', ROW_NUMBER() OVER (ORDER "
	    "BY q.k, q.submitted_at, q.id), q.id, q.number, q.state, "
	    "q.stage, q.kind, q.uid, q.version, q.scope, q.since, "
	    "q.submitted_at, q.decided_at, q.fee FROM (SELECT a.id, "
	    "a.number, a.state, a.stage, o.kind, a.uid, a.version, a.scope, "
	    WAITING_SINCE " AS since, a.submitted_at, a.decided_at, (SELECT "
	    "MIN(f.state) FROM fee f WHERE f.app_id = a.id) AS fee, "
	    "FIND_IN_SET(CONCAT(o.kind, ':', a.stage), ?) AS k, ROW_NUMBER() "
	    "OVER (PARTITION BY o.kind, a.stage ORDER BY a.submitted_at, "
	    "a.id) AS rn FROM app a JOIN offering o ON o.id = a.offering_id "
	    "WHERE a.tenant = ? AND o.tenant = a.tenant AND a.state = "
	    "'submitted' AND FIND_IN_SET(CONCAT(o.kind, ':', a.stage), ?) > 0 "
	    "AND (a.scope = '*' OR a.scope = CONCAT('uid:', ?) OR a.scope IN "
	    "(SELECT s.scope FROM reviewer_scope s WHERE s.tenant = a.tenant "
	    "AND s.uid = ? AND FIND_IN_SET(CONCAT(o.kind, ':', a.stage, ':', "
	    "s.role), ?) > 0)) AND (? = '' OR " WAITING_SINCE " < ?)) q "
	    "WHERE q.rn <= 500 UNION ALL SELECT 'a', ROW_NUMBER() OVER (ORDER "
	    "BY x.id DESC), x.* FROM (" QUEUE_SEL "WHERE ? = 1 AND a.tenant = "
	    "? AND a.id IN (SELECT e.app_id FROM app_event e WHERE e.tenant = "
	    "? AND e.actor = ? AND e.kind IN ('approve', 'return', 'reject')) "
	    "ORDER BY a.id DESC LIMIT 500) x", "ssssssss" "isss",
	    keys, tenant, keys, uid, uid, roles, before, before,
	    (long long)(acted != 0), tenant, tenant, uid),
	    REVIEW_PAGE_SKIP + REVQ_COL__MAX), 2, 0);
}

/* Has uid acted on this application?  1 yes, 0 no, <0 error. */
int
dbq_review_has_acted(struct db *d, const char *tenant, long long app,
    const char *uid)
{
	struct dbres	*r;
	int		 rc;

	if ((r = db_select(d, "SELECT COUNT(*) FROM app_event WHERE tenant "
	    "= ? AND app_id = ? AND actor = ? AND kind IN ('approve', "
	    "'return', 'reject')", "sis", tenant, app, uid)) == NULL)
		return -1;
	rc = dbres_scalar(r) != NULL && atoll(dbres_scalar(r)) > 0;
	dbres_free(r);
	return rc;
}

/* ---- one application ----------------------------------------------------- */

/*
 * The latest snapshot of an application: its XML (caller frees), its
 * id and version.  NULL: none (*id 0) or error (*id -1).
 */
char *
dbq_review_snapshot(struct db *d, long long app, long long *id, int *version)
{
	struct dbres	*r;
	char		*xml = NULL;

	*id = -1;
	if ((r = db_select(d, "SELECT id, version, xml FROM app_snapshot "
	    "WHERE app_id = ? ORDER BY version DESC LIMIT 1", "i",
	    app)) == NULL || (r = dbres_cols(r, SNAP__MAX)) == NULL)
		return NULL;
	if (r->nrows == 0)
		*id = 0;
	else if ((xml = strdup(dbres_get(r, 0, SNAP_XML))) != NULL) {
		*id = atoll(dbres_get(r, 0, SNAP_ID));
		*version = atoi(dbres_get(r, 0, SNAP_VERSION));
	}
	dbres_free(r);
	return xml;
}

/*
 * What the page of one application reads (issue 10: five statements,
 * now one UNION ALL whose column 0 says which part, column 1 orders
 * it): 'u' the count of its unpaid fees (as dbq_fee_unpaid()), 'v' the
 * visitor's standing (enum visit_col: is uid a reviewer of role for the
 * application's scope, as dbq_review_reviewer_ok(), role "" for none;
 * has uid acted on it, as dbq_review_has_acted()), 's' its latest
 * snapshot (id, version, xml: as dbq_review_snapshot()), 'e' its
 * history (enum event_col: as dbq_app_events()).  The page decides
 * from 'v' whether the visitor sees the rest.  Every column is text
 * (the parts' collations differ).  Split with dbres_part(r, tag,
 * REVIEW_PAGE_SKIP, n) (review.h).  NULL on error.
 */
struct dbres *
dbq_review_app_page(struct db *d, const char *tenant, long long app,
    const char *uid, const char *role, const char *scope)
{
	return dbres_sorted(dbres_cols(db_select(d,
	    "SELECT 'u', 0, CAST(COUNT(*) AS "
	    "CHAR), NULL, NULL, NULL, NULL FROM fee WHERE tenant = ? AND "
	    "app_id = ? AND state = 'unpaid' UNION ALL SELECT 'v', 0, "
	    "CAST((SELECT COUNT(*) FROM role r WHERE r.tenant = ? AND r.uid "
	    "= ? AND r.role = ? AND " SCOPE_MATCH("r") ") AS CHAR), "
	    "CAST((SELECT COUNT(*) FROM app_event WHERE tenant = ? AND app_id "
	    "= ? AND actor = ? AND kind IN ('approve', 'return', 'reject')) "
	    "AS CHAR), NULL, NULL, NULL UNION ALL SELECT * FROM (SELECT 's' "
	    "AS t, 0 AS o, CAST(id AS CHAR) AS id, CAST(version AS CHAR) AS "
	    "v, CAST(xml AS CHAR) AS x, NULL AS n1, NULL AS n2 FROM "
	    "app_snapshot WHERE app_id = (SELECT id FROM app WHERE tenant = ? "
	    "AND id = ?) ORDER BY version DESC LIMIT 1) s UNION ALL SELECT "
	    "'e', ROW_NUMBER() OVER (ORDER BY at, id), CAST(kind AS CHAR), "
	    "CAST(actor AS CHAR), CAST(stage AS CHAR), CAST(comment AS CHAR), "
	    "CAST(at AS CHAR) FROM app_event WHERE tenant = ? AND app_id = ? "
	    "AND kind <> 'remind'", "si" "ssssss" "sis" "si"
	    "si", tenant, app, tenant, uid, role, scope, scope, scope, tenant,
	    app, uid, tenant, app, tenant, app), 2 + EVENT_COL__MAX), 2, 0);
}

/*
 * What the office's reassignment page reads, in one statement as
 * dbq_review_app_page(): 'e' the history (enum event_col, as
 * dbq_app_events()), 'r' the holders of role, whatever their scope
 * (enum reviewer_col; role "" for none).  NULL on error.
 */
struct dbres *
dbq_review_reassign_page(struct db *d, const char *tenant, long long app,
    const char *role)
{
	return dbres_sorted(dbres_cols(db_select(d,
	    "SELECT 'e', ROW_NUMBER() OVER "
	    "(ORDER BY at, id), CAST(kind AS CHAR), CAST(actor AS CHAR), "
	    "CAST(stage AS CHAR), CAST(comment AS CHAR), CAST(at AS CHAR) "
	    "FROM app_event WHERE tenant = ? AND app_id = ? AND kind <> "
	    "'remind' UNION ALL SELECT 'r', ROW_NUMBER() OVER (ORDER BY uid), "
	    "CAST(uid AS CHAR), NULL, NULL, NULL, NULL FROM (SELECT r.uid "
	    "FROM role r WHERE r.tenant = ? AND r.role = ? ORDER BY r.uid "
	    "LIMIT 200) r", "siss", tenant, app, tenant, role),
	    2 + EVENT_COL__MAX), 2, 0);
}

/*
 * The history of an application, oldest first: enum event_col.  One
 * source: app_event, where the submission and withdrawal (apply), each
 * reviewer's action and each payment write their line in their own
 * transaction; reminders are mail, not history.
 */
struct dbres *
dbq_app_events(struct db *d, const char *tenant, long long app)
{
	return dbres_cols(db_select(d, "SELECT kind, actor, stage, comment, "
	    "at FROM app_event WHERE tenant = ? AND app_id = ? AND kind <> "
	    "'remind' ORDER BY at, id", "si", tenant, app), EVENT_COL__MAX);
}

long long
dbq_app_event_put(struct db *d, const char *tenant, long long app,
    const char *kind, const char *actor, int stage, const char *comment,
    long long snapshot, const char *now)
{
	if (db_exec(d, "INSERT INTO app_event (tenant, app_id, kind, actor, "
	    "stage, comment, snapshot_id, at) VALUES (?, ?, ?, ?, NULLIF(?, -1), "
	    "?, NULLIF(?, 0), ?)", "sissisis", tenant, app, kind, nz(actor),
	    (long long)stage, nz(comment), snapshot, now) <= 0)
		return -1;
	return db_insert_id(d);
}

/*
 * Lock the application row where the reviewer saw it, for the rest of
 * the transaction: 1 still there (submitted, this stage, this
 * submission), 0 moved on, <0 error.
 */
int
dbq_review_lock(struct db *d, const char *tenant, long long app, int stage,
    int version)
{
	struct dbres	*r;
	int		 rc;

	if ((r = db_select(d, "SELECT COUNT(*) FROM app WHERE id = ? AND "
	    "tenant = ? AND state = 'submitted' AND stage = ? AND version = ? "
	    "FOR UPDATE", "isii", app, tenant, (long long)stage,
	    (long long)version)) == NULL)
		return -1;
	rc = dbres_scalar(r) != NULL && atoll(dbres_scalar(r)) > 0;
	dbres_free(r);
	return rc;
}

/* The next stage, with its scope.  >0 done, 0 moved on, <0 error. */
int
dbq_review_advance(struct db *d, const char *tenant, long long app,
    int stage, int version, const char *scope, const char *now)
{
	return db_exec(d, "UPDATE app SET stage = stage + 1, scope = ?, "
	    "updated_at = ? WHERE id = ? AND tenant = ? AND state = "
	    "'submitted' AND stage = ? AND version = ?", "ssisii", scope, now,
	    app, tenant, (long long)stage, (long long)version);
}

/*
 * The end of a review or a return: state approved, returned (back to
 * the applicant with the comment) or rejected (the application is over:
 * live NULL, the reason kept as the comment the member sees).
 */
int
dbq_review_decide(struct db *d, const char *tenant, long long app,
    int stage, int version, const char *state, const char *comment,
    const char *now)
{
	return db_exec(d, "UPDATE app SET state = ?, live = IF(? = "
	    "'rejected', NULL, 1), return_comment = ?, decided_at = IF(? = "
	    "'returned', decided_at, ?), updated_at = ? WHERE id = ? AND "
	    "tenant = ? AND state = 'submitted' AND stage = ? AND version = ?",
	    "ssssssisii", state, state, nz(comment),
	    state, now, now, app, tenant, (long long)stage,
	    (long long)version);
}

/* The current stage's scope set (reassignment). */
int
dbq_review_rescope(struct db *d, const char *tenant, long long app,
    int stage, int version, const char *scope, const char *now)
{
	return db_exec(d, "UPDATE app SET scope = ?, updated_at = ? WHERE "
	    "id = ? AND tenant = ? AND state = 'submitted' AND stage = ? AND "
	    "version = ?", "ssisii", scope, now, app, tenant,
	    (long long)stage, (long long)version);
}

/* ---- reminders ----------------------------------------------------------- */

/*
 * Applications waiting at their stage since before `before` (now less
 * the tenant's days) and not reminded of since `before` nor since they
 * reached the stage: one reminder per period.  enum due_col.
 */
struct dbres *
dbq_review_due(struct db *d, const char *tenant, const char *before)
{
	return dbres_cols(db_select(d, "SELECT a.id, a.number, o.kind, "
	    "a.stage, a.scope, a.version, " WAITING_SINCE " FROM app a JOIN "
	    "offering o ON o.id = a.offering_id WHERE a.tenant = ? AND "
	    "a.state = 'submitted' AND " WAITING_SINCE " < ? AND NOT EXISTS "
	    "(SELECT 1 FROM app_event r WHERE r.app_id = a.id AND r.kind = "
	    "'remind' AND r.stage = a.stage AND r.at >= ? AND r.at >= "
	    WAITING_SINCE ") ORDER BY a.id LIMIT 200", "sss", tenant, before,
	    before), DUE_COL__MAX);
}

/* ---- fees ---------------------------------------------------------------- */

/* A fee of an application: >0 made, 0 it had one of this kind. */
int
dbq_fee_create(struct db *d, const char *tenant, long long app,
    const char *kind, long long amount, const char *now)
{
	int	 rc;

	rc = db_exec(d, "INSERT INTO fee (tenant, app_id, kind, amount, "
	    "created_at) VALUES (?, ?, ?, ?, ?)", "sisis", tenant, app, kind,
	    amount, now);
	return rc == DB_DUP ? 0 : rc;
}

#define FEE_SEL \
	"SELECT f.id, f.app_id, f.kind, f.amount, f.state, f.created_at, " \
	"f.paid_on, f.paid_at, f.confirmed_by, f.import_id, a.number, " \
	"a.uid, o.kind FROM fee f JOIN app a ON a.id = f.app_id JOIN " \
	"offering o ON o.id = a.offering_id "

/* Fees, filtered by state, offering kind and number ("" for any). */
struct dbres *
dbq_fee_list(struct db *d, const char *tenant, const char *state,
    const char *kind, const char *number, long long limit)
{
	return dbres_cols(db_select(d, FEE_SEL "WHERE f.tenant = ? AND (? = "
	    "'' OR f.state = ?) AND (? = '' OR o.kind = ?) AND (? = '' OR "
	    "a.number = ?) ORDER BY f.state = 'paid', f.id DESC LIMIT ?",
	    "sssssssi", tenant, state, state, kind, kind, number, number,
	    limit), FEE_COL__MAX);
}

/* The fees of one application, oldest first. */
struct dbres *
dbq_fees_of_app(struct db *d, const char *tenant, long long app)
{
	return dbres_cols(db_select(d, FEE_SEL "WHERE f.tenant = ? AND "
	    "f.app_id = ? ORDER BY f.id", "si", tenant, app), FEE_COL__MAX);
}

/*
 * The fees of every application of one member, by application, with
 * the certificate each application's payment led to (NULL: none) in
 * the column after FEE_COL__MAX: one statement for 現在の状況.
 */
struct dbres *
dbq_fees_of_member(struct db *d, const char *tenant, const char *uid)
{
	return dbres_cols(db_select(d, "SELECT f.id, f.app_id, f.kind, "
	    "f.amount, f.state, f.created_at, f.paid_on, f.paid_at, "
	    "f.confirmed_by, f.import_id, a.number, a.uid, o.kind, "
	    "(SELECT MAX(ct.id) FROM certificate ct " CERT_BY_APP "WHERE "
	    "ct.tenant = f.tenant AND ct.app_id = f.app_id) FROM fee f JOIN "
	    "app a ON "
	    "a.id = f.app_id JOIN offering o ON o.id = a.offering_id "
	    "WHERE f.tenant = ? AND a.tenant = ? AND a.uid = ? "
	    "ORDER BY f.app_id, f.id", "sss", tenant, tenant, uid),
	    FEE_COL__MAX + 1);
}

/*
 * 現在の状況 in one statement (issue 10's budget): the member's live
 * applications as dbq_aapp_live_all() reads them (when apps; *ap,
 * APPLY_APP_NCOLS columns), the fees of the member's applications as
 * dbq_fees_of_member() reads them (also when apps: a fee belongs to an
 * application) and the member's certificates as dbq_cert_of_uid() does
 * (when certs, columns enum cert_col), as one UNION ALL whose column 0
 * says which ('a', 'f', 'c') and column 1 orders each; split into the
 * three by dbq_dashboard_split() (an empty result for a part not
 * asked).  Every part is padded to DASH_W columns.  The read gives the
 * rows, sorted, or NULL (the worker may keep them, owncache.h); the
 * split 0 ok, -1 error (r stays the caller's).
 */
#define DASH_W		(2 + APPLY_APP_NCOLS)
#define DASH_APPS \
	"SELECT 'a', 0, " APPLY_APP_CHAR " FROM app a JOIN offering o ON " \
	"o.id = a.offering_id WHERE a.tenant = ? AND a.uid = ? AND " \
	"a.live = 1 "
/*
 * Column 1 orders each part as text (dbres_sorted()), without a window
 * function: each ROW_NUMBER() cost MariaDB a temporary table of ~0.8 MB
 * per request.  Fees by application, then by id; certificates newest
 * first: the days left until 9999-12-31, then ~id (2^64-1 - id).
 */
#define DASH_FEES \
	"SELECT 'f', CONCAT(LPAD(f.app_id, 20, '0'), LPAD(f.id, 20, '0')), " \
	"f.id, f.app_id, f.kind, f.amount, f.state, f.created_at, " \
	"f.paid_on, f.paid_at, f.confirmed_by, f.import_id, a.number, " \
	"a.uid, o.kind, (SELECT MAX(ct.id) FROM certificate ct " \
	CERT_BY_APP "WHERE ct.tenant = f.tenant AND ct.app_id = f.app_id), " \
	"NULL, NULL, NULL, " \
	"NULL, NULL FROM fee f JOIN app a ON a.id = f.app_id JOIN offering " \
	"o ON o.id = a.offering_id WHERE f.tenant = ? AND a.tenant = ? AND " \
	"a.uid = ? "
#define DASH_CERTS \
	"SELECT 'c', CONCAT(LPAD(TO_DAYS('9999-12-31') - TO_DAYS(issued_on), " \
	"7, '0'), LPAD(~id, 20, '0')), " \
	CERT_COLS ", NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM " \
	"certificate WHERE tenant = ? AND uid = ? "

struct dbres *
dbq_dashboard_read(struct db *d, const char *tenant, const char *uid,
    int apps, int certs)
{
	struct dbres	*r = NULL;

	if (apps && certs)
		r = db_select(d, DASH_APPS "UNION ALL " DASH_FEES "UNION ALL "
		    DASH_CERTS, "sssssss", tenant, uid,
		    tenant, tenant, uid, tenant, uid);
	else if (apps)
		r = db_select(d, DASH_APPS "UNION ALL " DASH_FEES, "sssss",
		    tenant, uid, tenant, tenant, uid);
	else if (certs)
		r = db_select(d, DASH_CERTS, "ss", tenant, uid);
	else
		r = calloc(1, sizeof(*r));
	if (r != NULL && r->ncols == 0)
		r->ncols = DASH_W;
	return dbres_sorted(dbres_cols(r, DASH_W), 2, 0);
}

int
dbq_dashboard_split(const struct dbres *r, struct dbres **ap,
    struct dbres **f, struct dbres **ct)
{
	int	 rc = -1;

	*ap = *f = *ct = NULL;
	if (r == NULL || r->ncols != DASH_W ||
	    (*ap = dbres_part(r, "a", 2, APPLY_APP_NCOLS)) == NULL ||
	    (*f = dbres_part(r, "f", 2, FEE_COL__MAX + 1)) == NULL ||
	    (*ct = dbres_part(r, "c", 2, CC__MAX)) == NULL)
		goto out;
	rc = 0;
out:
	if (rc == -1) {
		dbres_free(*ap);
		dbres_free(*f);
		dbres_free(*ct);
		*ap = *f = *ct = NULL;
	}
	return rc;
}

/* Counts of fees per state: rows (state, count, total). */
struct dbres *
dbq_fee_counts(struct db *d, const char *tenant)
{
	return dbres_cols(db_select(d, "SELECT state, COUNT(*), SUM(amount) "
	    "FROM fee WHERE tenant = ? GROUP BY state", "s", tenant),
	    FEE_COUNT_COL__MAX);
}

/* One fee, locked for the transaction, by id or by 申請番号. */
struct dbres *
dbq_fee_lock(struct db *d, const char *tenant, long long id)
{
	return dbres_cols(db_select(d, FEE_SEL "WHERE f.tenant = ? AND "
	    "f.id = ? FOR UPDATE", "si", tenant, id), FEE_COL__MAX);
}


/*
 * Every fee of the tenant by 申請番号 (binary order: strcmp's), locked
 * for the rest of the transaction when lock is set (the import's
 * commit): the fee import reads them once, never per row.
 */
struct dbres *
dbq_fee_all(struct db *d, const char *tenant, int lock)
{
	return dbres_cols(db_select(d, lock ? FEE_SEL "WHERE f.tenant = ? "
	    "AND a.number IS NOT NULL ORDER BY a.number, f.id FOR UPDATE" :
	    FEE_SEL "WHERE f.tenant = ? AND a.number IS NOT NULL ORDER BY "
	    "a.number, f.id", "s", tenant), FEE_COL__MAX);
}

/* Has the application an unpaid fee?  1 yes, 0 no, <0 error. */
int
dbq_fee_unpaid(struct db *d, const char *tenant, long long app)
{
	struct dbres	*r;
	int		 rc;

	if ((r = db_select(d, "SELECT COUNT(*) FROM fee WHERE tenant = ? "
	    "AND app_id = ? AND state = 'unpaid'", "si", tenant, app)) == NULL)
		return -1;
	rc = dbres_scalar(r) != NULL && atoll(dbres_scalar(r)) > 0;
	dbres_free(r);
	return rc;
}

/* Confirm a payment: >0 done, 0 it was not unpaid (stale), <0 error. */
int
dbq_fee_confirm(struct db *d, const char *tenant, long long id,
    const char *paid_on, const char *uid, long long import, const char *now)
{
	return db_exec(d, "UPDATE fee SET state = 'paid', paid_on = "
	    "COALESCE(?, DATE(?)), paid_at = ?, confirmed_by = ?, import_id = "
	    "NULLIF(?, 0) WHERE tenant = ? AND id = ? AND state = 'unpaid'",
	    "ssssisi", nz(paid_on), now, now, uid, import, tenant, id);
}

/* ---- every feature's queue, for the tenant admin (/admin/queues) ------- */

/*
 * The filters of queue_admin.c, "" (or 0) for any: feature, offering
 * kind, year, state; a reviewer's uid (an application they acted on or
 * that is assigned to them by its scope); waiting at its stage since
 * before a time (submitted ones only).  One WHERE for the rows and the
 * counts, so the counts are exactly those of the rows shown.
 */
#define ADMQ_WHERE \
	"WHERE a.tenant = ? AND (? = '' OR o.feature = ?) AND " \
	"(? = '' OR o.kind = ?) AND (? = 0 OR o.year = ?) AND " \
	"(? = '' OR a.scope = CONCAT('uid:', ?) OR EXISTS (SELECT 1 FROM " \
	"app_event e WHERE e.tenant = a.tenant AND e.actor = ? AND " \
	"e.app_id = a.id AND e.kind IN ('approve', 'return', 'reject', " \
	"'reassign'))) AND (? = '' OR (a.state = 'submitted' AND " \
	WAITING_SINCE " < ?)) "
#define ADMQ_TYPES	"sssssiisssss"
#define ADMQ_ARGS(f) \
	(f)->tenant, (f)->feature, (f)->feature, (f)->kind, (f)->kind, \
	(f)->year, (f)->year, (f)->reviewer, (f)->reviewer, (f)->reviewer, \
	(f)->before, (f)->before

/* The filtered applications, oldest submission first: enum admq_col. */
struct dbres *
dbq_admq_apps(struct db *d, const struct admq_filter *f, long long limit)
{
	return dbres_cols(db_select(d, "SELECT a.id, a.number, o.feature, "
	    "o.kind, o.year, a.uid, m.member_no, m.name_kanji, a.state, "
	    "a.stage, IF(a.state = 'submitted', " WAITING_SINCE ", NULL), "
	    "a.submitted_at, a.decided_at, (SELECT MIN(f.state) FROM fee f "
	    "WHERE f.app_id = a.id) FROM app a JOIN offering o ON o.id = "
	    "a.offering_id LEFT JOIN member m ON m.tenant = a.tenant AND "
	    "m.uid = a.uid " ADMQ_WHERE "AND (? = '' OR a.state = ?) "
	    "ORDER BY a.submitted_at IS NULL, a.submitted_at, a.id LIMIT ?",
	    ADMQ_TYPES "ssi", ADMQ_ARGS(f), f->state, f->state, limit),
	    ADMQ_COL__MAX);
}

/* The same filters but the state's: how many in each state. */
struct dbres *
dbq_admq_counts(struct db *d, const struct admq_filter *f)
{
	return dbres_cols(db_select(d, "SELECT a.state, COUNT(*) FROM app a "
	    "JOIN offering o ON o.id = a.offering_id " ADMQ_WHERE
	    "GROUP BY a.state", ADMQ_TYPES, ADMQ_ARGS(f)), ADMQC_COL__MAX);
}
