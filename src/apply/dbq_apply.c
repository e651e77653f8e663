/*
 * dbq_apply.c — offerings, applications, their draft values, section
 * states and snapshots (sql/011_apply.sql).  Every statement is bound
 * to the caller's tenant or to an application id the caller loaded
 * under its tenant.  Acts that depend on a state carry it in their
 * WHERE (submit only from draft or returned), so a page's earlier check
 * and the act can never disagree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apply.h"
#include "cert.h"
#include "db.h"
#include "review.h"
#include "upload.h"

/* APP_SEL's columns. */
enum {
	AP_ID, AP_TENANT, AP_UID, AP_REF, AP_NUMBER, AP_STATE, AP_STAGE,
	AP_SCOPE, AP_VERSION, AP_CREATED, AP_UPDATED, AP_SUBMITTED,
	AP_DECIDED, AP_COMMENT, AP_KIND, AP_WIN_ID, AP_YEAR, AP_OPEN,
	AP_CLOSE, AP__MAX
};
_Static_assert(AP__MAX == APPLY_APP_NCOLS, "APPLY_APP_CHAR's columns");
#define APP_SEL	"SELECT a.id, a.tenant, a.uid, a.ref, a.number, a.state, " \
	"a.stage, a.scope, a.version, a.created_at, a.updated_at, " \
	"a.submitted_at, a.decided_at, a.return_comment, o.kind, o.id, " \
	"o.year, o.open_at, o.close_at FROM app a " \
	"JOIN offering o ON o.id = a.offering_id "

static void
cpy(char *dst, size_t len, const char *v)
{
	snprintf(dst, len, "%s", v != NULL ? v : "");
}

static int	 app_row_at(const struct dbres *, size_t, struct apply_app *);

/* Row 0 of an APP_SEL result into *a (off left to the caller). */
static int
app_row(struct dbres *r, struct apply_app *a)
{
	memset(a, 0, sizeof(*a));
	if (r == NULL || r->nrows == 0)
		return r == NULL ? -1 : 0;
	return app_row_at(r, 0, a);
}

/* Row i of an APP_SEL result into *a.  1. */
static int
app_row_at(const struct dbres *r, size_t i, struct apply_app *a)
{
	const char	*v;

	memset(a, 0, sizeof(*a));
	a->id = atoll(dbres_get(r, i, AP_ID));
	cpy(a->tenant, sizeof(a->tenant), dbres_get(r, i, AP_TENANT));
	cpy(a->uid, sizeof(a->uid), dbres_get(r, i, AP_UID));
	a->ref = (v = dbres_get(r, i, AP_REF)) != NULL ? atoll(v) : 0;
	cpy(a->number, sizeof(a->number), dbres_get(r, i, AP_NUMBER));
	cpy(a->state, sizeof(a->state), dbres_get(r, i, AP_STATE));
	a->stage = atoi(dbres_get(r, i, AP_STAGE));
	cpy(a->scope, sizeof(a->scope), dbres_get(r, i, AP_SCOPE));
	a->version = atoi(dbres_get(r, i, AP_VERSION));
	cpy(a->created_at, sizeof(a->created_at), dbres_get(r, i, AP_CREATED));
	cpy(a->updated_at, sizeof(a->updated_at), dbres_get(r, i, AP_UPDATED));
	cpy(a->submitted_at, sizeof(a->submitted_at),
	    dbres_get(r, i, AP_SUBMITTED));
	cpy(a->decided_at, sizeof(a->decided_at), dbres_get(r, i, AP_DECIDED));
	cpy(a->return_comment, sizeof(a->return_comment),
	    dbres_get(r, i, AP_COMMENT));
	cpy(a->kind, sizeof(a->kind), dbres_get(r, i, AP_KIND));
	a->win.id = atoll(dbres_get(r, i, AP_WIN_ID));
	a->win.year = atoi(dbres_get(r, i, AP_YEAR));
	cpy(a->win.open_at, sizeof(a->win.open_at), dbres_get(r, i, AP_OPEN));
	cpy(a->win.close_at, sizeof(a->win.close_at),
	    dbres_get(r, i, AP_CLOSE));
	return 1;
}

static int
app_select_one(struct dbres *r, struct apply_app *a)
{
	int	 rc;

	r = dbres_cols(r, AP__MAX);
	rc = app_row(r, a);
	dbres_free(r);
	return rc;
}

/* ---- offerings --------------------------------------------------------- */

/* OFF_SEL's columns. */
enum { OF_ID, OF_YEAR, OF_OPEN, OF_CLOSE, OF__MAX };

/*
 * The window of a kind that matters at `now`: the open one, else the
 * next to open, else the last closed.  1 found, 0 none, -1 error.
 */
int
dbq_offering_window(struct db *d, const char *tenant, const char *kind,
    const char *now, struct apply_window *w)
{
	struct dbres	*r;
	int		 rc = -1;

	memset(w, 0, sizeof(*w));
	r = dbres_cols(db_select(d, "SELECT id, year, open_at, close_at "
	    "FROM offering WHERE tenant = ? AND kind = ? ORDER BY "
	    "CASE WHEN open_at <= ? AND close_at >= ? THEN 0 "
	    "WHEN open_at > ? THEN 1 ELSE 2 END, "
	    "CASE WHEN open_at > ? THEN open_at END, close_at DESC LIMIT 1",
	    "ssssss", tenant, kind, now, now, now, now), OF__MAX);
	if (r == NULL)
		goto out;
	rc = 0;
	if (r->nrows == 0)
		goto out;
	w->id = atoll(dbres_get(r, 0, OF_ID));
	w->year = atoi(dbres_get(r, 0, OF_YEAR));
	cpy(w->open_at, sizeof(w->open_at), dbres_get(r, 0, OF_OPEN));
	cpy(w->close_at, sizeof(w->close_at), dbres_get(r, 0, OF_CLOSE));
	rc = 1;
out:
	dbres_free(r);
	return rc;
}

/* An offering's window for a year, made or moved (demo, admin). */
long long
dbq_offering_put(struct db *d, const char *tenant, const char *feature,
    const char *kind, int year, const char *open_at, const char *close_at)
{
	struct dbres	*r;
	long long	 id = -1;

	if (db_exec(d, "INSERT INTO offering (tenant, feature, kind, year, "
	    "open_at, close_at) VALUES (?, ?, ?, ?, ?, ?) "
	    "ON DUPLICATE KEY UPDATE open_at = VALUES(open_at), "
	    "close_at = VALUES(close_at)", "sssiss", tenant, feature, kind,
	    (long long)year, open_at, close_at) < 0)
		return -1;
	r = db_select(d, "SELECT id FROM offering WHERE tenant = ? AND "
	    "kind = ? AND year = ?", "ssi", tenant, kind, (long long)year);
	if (dbres_scalar(r) != NULL)
		id = atoll(dbres_scalar(r));
	dbres_free(r);
	return id;
}

struct dbres *
dbq_offerings(struct db *d, const char *tenant)
{
	/* With each year's fees (029_offering_fee.sql): cached per worker. */
	return dbres_cols(db_select(d, "SELECT o.id, o.kind, o.year, "
	    "o.open_at, o.close_at, (SELECT GROUP_CONCAT(CONCAT(f.kind, '=', "
	    "f.amount) ORDER BY f.kind SEPARATOR ',') FROM offering_fee f "
	    "WHERE f.offering_id = o.id) FROM offering o WHERE o.tenant = ? "
	    "ORDER BY o.year DESC, o.kind", "s", tenant), OFFERING_COL__MAX);
}

/* The year's amount of fee kind of an offering row: yen, -2 none, -1. */
long long
dbq_offering_fee(struct db *d, long long offering, const char *kind)
{
	struct dbres	*r;
	long long	 v = -2;

	if ((r = db_select(d, "SELECT amount FROM offering_fee WHERE "
	    "offering_id = ? AND kind = ?", "is", offering, kind)) == NULL)
		return -1;
	if (dbres_scalar(r) != NULL)
		v = atoll(dbres_scalar(r));
	dbres_free(r);
	return v;
}

/* Set (amount >= 0) or clear (< 0: the default again) a year's fee. */
int
dbq_offering_fee_put(struct db *d, long long offering, const char *kind,
    long long amount, const char *now, const char *by)
{
	if (amount < 0)
		return db_exec(d, "DELETE FROM offering_fee WHERE "
		    "offering_id = ? AND kind = ?", "is", offering, kind) < 0 ?
		    -1 : 1;
	return db_exec(d, "INSERT INTO offering_fee (offering_id, kind, "
	    "amount, updated_at, updated_by) VALUES (?, ?, ?, ?, ?) "
	    "ON DUPLICATE KEY UPDATE amount = VALUES(amount), "
	    "updated_at = VALUES(updated_at), updated_by = "
	    "VALUES(updated_by)", "isiss", offering, kind, amount, now, by) < 0 ?
	    -1 : 1;
}

/* ---- applications ------------------------------------------------------ */

/* The member's live application of an offering.  1, 0 none, -1. */
int
dbq_aapp_live_get(struct db *d, const char *tenant, long long offering,
    const char *uid, struct apply_app *a)
{
	return app_select_one(db_select(d, APP_SEL "WHERE a.tenant = ? AND "
	    "a.offering_id = ? AND a.uid = ? AND a.live = 1", "sis", tenant,
	    offering, uid), a);
}

/*
 * apply_app_mine()'s read in one statement (issue 10): the member's
 * application of a kind still in progress (draft, submitted, returned:
 * of whichever year, the latest), else their live one in window
 * `offering` (0: none).  1, 0 none, -1.
 */
int
dbq_aapp_mine(struct db *d, const char *tenant, const char *kind,
    const char *uid, long long offering, struct apply_app *a)
{
	return app_select_one(db_select(d, APP_SEL "WHERE a.tenant = ? AND "
	    "a.uid = ? AND o.kind = ? AND a.live = 1 AND (a.state IN "
	    "('draft', 'submitted', 'returned') OR a.offering_id = ?) "
	    "ORDER BY a.state IN ('draft', 'submitted', 'returned') DESC, "
	    "o.year DESC LIMIT 1", "sssi", tenant, uid, kind, offering), a);
}

/*
 * Every live application of the member, of every kind (issue 10): a GET
 * that asks for the member's application of several kinds (現在の状況
 * lists each offering) reads them once and dbq_aapp_pick() chooses.
 * A member holds at most one live application per window.
 */
struct dbres *
dbq_aapp_live_all(struct db *d, const char *tenant, const char *uid)
{
	return dbres_cols(db_select(d, APP_SEL "WHERE a.tenant = ? AND "
	    "a.uid = ? AND a.live = 1", "ss", tenant, uid), AP__MAX);
}

/* Is a state one of an application still in progress? */
static int
pending(const char *state)
{
	return strcmp(state, "draft") == 0 ||
	    strcmp(state, "submitted") == 0 || strcmp(state, "returned") == 0;
}

/*
 * dbq_aapp_mine()'s answer from the rows of dbq_aapp_live_all(): of
 * kind, the one in progress of the latest year, else the one of window
 * `offering`.  1, 0 none.
 */
int
dbq_aapp_pick(const struct dbres *r, const char *kind, long long offering,
    struct apply_app *a)
{
	size_t		 i, best = (size_t)-1;
	int		 p, bp = 0, year, by = 0;

	memset(a, 0, sizeof(*a));
	for (i = 0; i < r->nrows; i++) {
		if (strcmp(dbres_get(r, i, AP_KIND), kind) != 0)
			continue;
		p = pending(dbres_get(r, i, AP_STATE));
		if (!p && atoll(dbres_get(r, i, AP_WIN_ID)) != offering)
			continue;
		year = atoi(dbres_get(r, i, AP_YEAR));
		if (best == (size_t)-1 || p > bp || (p == bp && year > by)) {
			best = i;
			bp = p;
			by = year;
		}
	}
	return best == (size_t)-1 ? 0 : app_row_at(r, best, a);
}

/*
 * The member's application of a kind still in progress (draft,
 * submitted, returned), of whichever year: it stays theirs until it is
 * decided, whatever window opens meanwhile.  1, 0 none, -1.
 */
int
dbq_aapp_pending(struct db *d, const char *tenant, const char *kind,
    const char *uid, struct apply_app *a)
{
	return app_select_one(db_select(d, APP_SEL "WHERE a.tenant = ? AND "
	    "a.uid = ? AND o.kind = ? AND a.live = 1 AND a.state IN "
	    "('draft', 'submitted', 'returned') ORDER BY o.year DESC LIMIT 1",
	    "sss", tenant, uid, kind), a);
}

/*
 * The member's latest rejected application of an offering's window (a
 * rejection ends it: live is NULL, a new one may start), so its reason
 * can still be shown.  1, 0 none, -1.
 */
int
dbq_aapp_rejected(struct db *d, const char *tenant, long long offering,
    const char *uid, struct apply_app *a)
{
	return app_select_one(db_select(d, APP_SEL "WHERE a.tenant = ? AND "
	    "a.offering_id = ? AND a.uid = ? AND a.state = 'rejected' ORDER "
	    "BY a.decided_at DESC, a.id DESC LIMIT 1", "sis", tenant,
	    offering, uid), a);
}

int
dbq_aapp_get(struct db *d, const char *tenant, long long id,
    struct apply_app *a)
{
	return app_select_one(db_select(d, APP_SEL "WHERE a.tenant = ? AND "
	    "a.id = ?", "si", tenant, id), a);
}

/* Lock the application's row for an act; its state, or -1. */
int
dbq_aapp_lock(struct db *d, long long id, char *state, size_t len)
{
	struct dbres	*r;
	int		 rc = -1;

	r = db_select(d, "SELECT state FROM app WHERE id = ? FOR UPDATE", "i",
	    id);
	if (r != NULL && dbres_scalar(r) != NULL) {
		cpy(state, len, dbres_scalar(r));
		rc = 1;
	} else if (r != NULL)
		rc = 0;
	dbres_free(r);
	return rc;
}

/* A new draft; its id, DB_DUP when one is live already, -1. */
long long
dbq_aapp_create(struct db *d, const char *tenant, const char *uid,
    long long offering, const char *now)
{
	int	 rc;

	rc = db_exec(d, "INSERT INTO app (tenant, uid, offering_id, "
	    "created_at, updated_at) VALUES (?, ?, ?, ?, ?)", "ssiss", tenant,
	    uid, offering, now, now);
	if (rc <= 0)
		return rc == DB_DUP ? DB_DUP : -1;
	return db_insert_id(d);
}

int
dbq_aapp_set_ref(struct db *d, long long id, long long ref)
{
	return db_exec(d, "UPDATE app SET ref = ? WHERE id = ?", "ii", ref,
	    id);
}

int
dbq_aapp_touch(struct db *d, long long id, const char *now)
{
	return db_exec(d, "UPDATE app SET updated_at = ? WHERE id = ?", "si",
	    now, id);
}

/*
 * CORE-19: draft or returned → submitted, once.  The WHERE is the
 * guard: of simultaneous submits one changes the row, the others find
 * it submitted (0).  The number is given at the first submission.
 */
int
dbq_aapp_submit(struct db *d, long long id, const char *now,
    const char *number, const char *scope)
{
	return db_exec(d, "UPDATE app SET state = 'submitted', stage = 0, "
	    "version = version + 1, submitted_at = ?, updated_at = ?, "
	    "number = COALESCE(number, ?), scope = ? WHERE id = ? AND "
	    "state IN ('draft', 'returned')", "ssssi", now, now, number, scope,
	    id);
}

/* Withdrawn by the member: no longer live.  1, 0 not withdrawable, -1. */
int
dbq_aapp_withdraw(struct db *d, long long id, const char *now)
{
	return db_exec(d, "UPDATE app SET state = 'withdrawn', live = NULL, "
	    "updated_at = ?, decided_at = ? WHERE id = ? AND "
	    "state IN ('submitted', 'returned')", "ssi", now, now, id);
}

/* The member's applications of a tenant, newest first. */
struct dbres *
dbq_aapps_of(struct db *d, const char *tenant, const char *uid)
{
	return dbres_cols(db_select(d, "SELECT a.id, o.kind FROM app a "
	    "JOIN offering o ON o.id = a.offering_id WHERE a.tenant = ? AND "
	    "a.uid = ? ORDER BY a.id DESC LIMIT 50", "ss", tenant, uid),
	    APPS_OF_COL__MAX);
}

/* ---- snapshots --------------------------------------------------------- */

/* Written once per submission; the table refuses UPDATE and DELETE. */
long long
dbq_snapshot_put(struct db *d, long long app, int version, const char *xml,
    const char *now)
{
	if (db_exec(d, "INSERT INTO app_snapshot (app_id, version, xml, "
	    "created_at) VALUES (?, ?, ?, ?)", "iiss", app, (long long)version,
	    xml, now) <= 0)
		return -1;
	return db_insert_id(d);
}

/* SNAP columns. */
enum { SN_XML, SN_VERSION, SN__MAX };

/* The latest snapshot's XML, malloc'd; NULL when none or on error. */
char *
dbq_snapshot_latest(struct db *d, long long app, int *version)
{
	struct dbres	*r;
	char		*x = NULL;

	r = dbres_cols(db_select(d, "SELECT xml, version FROM app_snapshot "
	    "WHERE app_id = ? ORDER BY version DESC LIMIT 1", "i", app),
	    SN__MAX);
	if (r != NULL && r->nrows > 0) {
		x = strdup(dbres_get(r, 0, SN_XML));
		if (version != NULL)
			*version = atoi(dbres_get(r, 0, SN_VERSION));
	}
	dbres_free(r);
	return x;
}

/* ---- sections and values ---------------------------------------------- */

struct dbres *
dbq_sections(struct db *d, long long app)
{
	return dbres_cols(db_select(d, "SELECT section, state, updated_at "
	    "FROM app_section WHERE app_id = ?", "i", app), SEC_COL__MAX);
}

int
dbq_section_set(struct db *d, long long app, const char *section,
    const char *state, const char *now)
{
	return db_exec(d, "INSERT INTO app_section (app_id, section, state, "
	    "updated_at) VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
	    "state = VALUES(state), updated_at = VALUES(updated_at)", "isss",
	    app, section, state, now);
}

/* VAL columns. */
enum { VA_ROW, VA_FIELD, VA_VALUE, VA__MAX };

static int
rows_push(struct apply_rows *rs, int id)
{
	struct apply_row	*n;

	if (rs->n >= APPLY_ROWS_MAX)
		return -1;
	if ((n = reallocarray(rs->row, rs->n + 1, sizeof(*n))) == NULL)
		return -1;
	rs->row = n;
	memset(&rs->row[rs->n], 0, sizeof(rs->row[0]));
	rs->row[rs->n++].id = id;
	return 0;
}

/* A section's rows in row order, values as typed.  0, -1. */
int
dbq_values_load(struct db *d, long long app, const char *section,
    struct apply_rows *rs)
{
	struct dbres	*r;
	const char	*f, *v;
	size_t		 i;
	int		 id, rc = -1;

	r = dbres_cols(db_select(d, "SELECT row_id, field, value FROM "
	    "app_value WHERE app_id = ? AND section = ? ORDER BY row_id, "
	    "field", "is", app, section), VA__MAX);
	if (r == NULL)
		goto out;
	for (i = 0; i < r->nrows; i++) {
		id = atoi(dbres_get(r, i, VA_ROW));
		if ((rs->n == 0 || rs->row[rs->n - 1].id != id) &&
		    rows_push(rs, id) == -1)
			goto out;
		f = dbres_get(r, i, VA_FIELD);
		v = dbres_get(r, i, VA_VALUE);
		if (kv_add(&rs->row[rs->n - 1].vals, f, strlen(f), v,
		    strlen(v)) != KV_OK)
			goto out;
	}
	rc = 0;
out:
	dbres_free(r);
	return rc;
}

/* VALALL columns. */
enum { VL_SECTION, VL_ROW, VL_FIELD, VL_VALUE, VL__MAX };

/*
 * Every section's rows of an application in one statement (issue 10: a
 * page of an offering with several sections costs one read, not one a
 * section): sec[i] gets the rows of names[i]; rows of a section no
 * longer declared are left out.  0, -1.
 */
/* The rows of r (VL_* columns, ordered) into sec[] by names[].  0, -1. */
static int
values_split(const struct dbres *r, const char *const *names, size_t n,
    struct apply_rows *sec)
{
	struct apply_rows *rs;
	const char	*s, *f, *v;
	size_t		 i, k;
	int		 id;

	for (i = 0, k = 0; i < r->nrows; i++) {
		s = dbres_get(r, i, VL_SECTION);
		if (k >= n || strcmp(names[k], s) != 0)
			for (k = 0; k < n && strcmp(names[k], s) != 0; k++)
				;
		if (k == n)
			continue;
		rs = &sec[k];
		id = atoi(dbres_get(r, i, VL_ROW));
		if ((rs->n == 0 || rs->row[rs->n - 1].id != id) &&
		    rows_push(rs, id) == -1)
			return -1;
		f = dbres_get(r, i, VL_FIELD);
		v = dbres_get(r, i, VL_VALUE);
		if (kv_add(&rs->row[rs->n - 1].vals, f, strlen(f), v,
		    v != NULL ? strlen(v) : 0) != KV_OK)
			return -1;
	}
	return 0;
}

int
dbq_values_load_all(struct db *d, long long app, const char *const *names,
    size_t n, struct apply_rows *sec)
{
	struct dbres	*r;
	int		 rc = -1;

	r = dbres_cols(db_select(d, "SELECT section, row_id, field, value "
	    "FROM app_value WHERE app_id = ? ORDER BY section, row_id, field",
	    "i", app), VL__MAX);
	if (r != NULL)
		rc = values_split(r, names, n, sec);
	dbres_free(r);
	return rc;
}

/*
 * What an application's page draws, in one statement (issue 10): every
 * section's rows into sec[] (as dbq_values_load_all()), the sections'
 * states (*st, SEC_COL_*) and the names of the uploads its values
 * point to (*files, UPLOAD_NAME_*: any numeric value that is an upload
 * of the tenant; only file fields look there; the type only of the
 * applicant's own).  Row ids are padded so
 * that the rows stay in order as text (dbres_sorted(): an ORDER BY here
 * made MariaDB write the rows to a disk table, as value is TEXT); every
 * column is cast to the connection's character set, as a UNION needs
 * one collation.  The upload id is compared as a number: BIGINT = TEXT
 * compares as doubles, which no index serves, and MariaDB read every
 * upload of the tenant for each value.  0, -1 (then *st and *files
 * NULL).
 */
int
dbq_app_page_load(struct db *d, long long app, const char *const *names,
    size_t n, struct apply_rows *sec, struct dbres **st,
    struct dbres **files)
{
	struct dbres	*r, *v = NULL;
	int		 rc = -1;

	*st = *files = NULL;
	r = dbres_cols(db_select(d,
	    "SELECT 'v', CAST(section AS CHAR), LPAD(row_id, 10, '0'), "
	    "CAST(field AS CHAR), CAST(value AS CHAR) "
	    "FROM app_value WHERE app_id = ? "
	    "UNION ALL SELECT 's', CAST(section AS CHAR), CAST(state AS CHAR), "
	    "CAST(updated_at AS CHAR), NULL "
	    "FROM app_section WHERE app_id = ? "
	    "UNION ALL SELECT DISTINCT 'f', CAST(u.id AS CHAR), "
	    "CAST(u.filename AS CHAR), CAST(CASE WHEN u.owner_uid = a.uid "
	    "THEN u.ctype END AS CHAR), NULL "
	    "FROM app_value x JOIN app a ON a.id = x.app_id "
	    "JOIN upload u ON u.tenant = a.tenant AND "
	    "u.id = CAST(x.value AS UNSIGNED) "
	    "WHERE x.app_id = ? AND x.value REGEXP '^[0-9]{1,18}$'", "iii",
	    app, app, app), 5);
	r = dbres_sorted(r, 4, 0);
	if (r == NULL ||
	    (v = dbres_part(r, "v", 1, VL__MAX)) == NULL ||
	    (*st = dbres_part(r, "s", 1, SEC_COL__MAX)) == NULL ||
	    (*files = dbres_part(r, "f", 1, UPLOAD_NAME__MAX)) == NULL ||
	    values_split(v, names, n, sec) == -1)
		goto out;
	rc = 0;
out:
	if (rc == -1) {
		dbres_free(*st);
		dbres_free(*files);
		*st = *files = NULL;
	}
	dbres_free(v);
	dbres_free(r);
	return rc;
}

/*
 * One form or row, replaced by what was typed (names of fields only:
 * the caller passes the declared fields' values).  >0, -1.
 */
int
dbq_values_put(struct db *d, long long app, const char *section, int row,
    const struct kvlist *vals)
{
	size_t	 i;

	if (db_exec(d, "DELETE FROM app_value WHERE app_id = ? AND "
	    "section = ? AND row_id = ?", "isi", app, section,
	    (long long)row) < 0)
		return -1;
	for (i = 0; i < vals->n; i++)
		if (db_exec(d, "INSERT INTO app_value (app_id, section, "
		    "row_id, field, value) VALUES (?, ?, ?, ?, ?)", "isiss",
		    app, section, (long long)row, vals->kv[i].key,
		    vals->kv[i].val) <= 0)
			return -1;
	return 1;
}

int
dbq_row_delete(struct db *d, long long app, const char *section, int row)
{
	return db_exec(d, "DELETE FROM app_value WHERE app_id = ? AND "
	    "section = ? AND row_id = ?", "isi", app, section, (long long)row);
}

/* The next row id of a section (under the application's lock). */
int
dbq_row_next(struct db *d, long long app, const char *section)
{
	struct dbres	*r;
	int		 n = -1;

	r = db_select(d, "SELECT COALESCE(MAX(row_id), 0) + 1 FROM app_value "
	    "WHERE app_id = ? AND section = ?", "is", app, section);
	if (dbres_scalar(r) != NULL)
		n = atoi(dbres_scalar(r));
	dbres_free(r);
	return n;
}

/*
 * apply_app_page()'s read (issue 10): the member's live application of
 * window `offering` (app_live is unique) and everything its page draws,
 * in one statement: part 'a' the application (APP_SEL's columns), 'v'
 * every section's rows, 's' the sections' states, 'f' the files its
 * values name (APPLY_FILE_*: as dbq_app_page_load()'s, then what
 * upload_model() draws), as dbq_app_page_load(); and 'p' its fees
 * (FEE_COL_*, then the certificate their payment led to:
 * dbq_fees_of_member()'s columns).  Every part is keyed by the same
 * (tenant, window, uid, live) and padded to the application's width;
 * the fee id is padded so that the fees stay in order as text.  The
 * rows, sorted (dbq_app_page_split() reads them; the worker may keep
 * them, owncache.h), or NULL.
 */
#define PAGE_KEY " WHERE a.tenant = ? AND a.offering_id = ? AND " \
	"a.uid = ? AND a.live = 1 "
#define PAGE_NULL5 "NULL, NULL, NULL, NULL, NULL"
struct dbres *
dbq_app_page_read(struct db *d, const char *tenant, long long offering,
    const char *uid)
{
	struct dbres	*r;

	r = dbres_cols(db_select(d,
	    "SELECT 'a', CAST(a.id AS CHAR), CAST(a.tenant AS CHAR), "
	    "CAST(a.uid AS CHAR), CAST(a.ref AS CHAR), "
	    "CAST(a.number AS CHAR), CAST(a.state AS CHAR), "
	    "CAST(a.stage AS CHAR), CAST(a.scope AS CHAR), "
	    "CAST(a.version AS CHAR), CAST(a.created_at AS CHAR), "
	    "CAST(a.updated_at AS CHAR), CAST(a.submitted_at AS CHAR), "
	    "CAST(a.decided_at AS CHAR), CAST(a.return_comment AS CHAR), "
	    "CAST(o.kind AS CHAR), CAST(o.id AS CHAR), CAST(o.year AS CHAR), "
	    "CAST(o.open_at AS CHAR), CAST(o.close_at AS CHAR) "
	    "FROM app a JOIN offering o ON o.id = a.offering_id" PAGE_KEY
	    "UNION ALL SELECT 'v', CAST(x.section AS CHAR), "
	    "LPAD(x.row_id, 10, '0'), CAST(x.field AS CHAR), "
	    "CAST(x.value AS CHAR), " PAGE_NULL5 ", " PAGE_NULL5 ", "
	    PAGE_NULL5 " FROM app a JOIN app_value x ON x.app_id = a.id"
	    PAGE_KEY
	    "UNION ALL SELECT 's', CAST(x.section AS CHAR), "
	    "CAST(x.state AS CHAR), CAST(x.updated_at AS CHAR), NULL, "
	    PAGE_NULL5 ", " PAGE_NULL5 ", " PAGE_NULL5 " FROM app a "
	    "JOIN app_section x ON x.app_id = a.id" PAGE_KEY
	    "UNION ALL SELECT DISTINCT 'f', CAST(u.id AS CHAR), "
	    "CAST(u.filename AS CHAR), CAST(CASE WHEN u.owner_uid = a.uid "
	    "THEN u.ctype END AS CHAR), CAST(u.size AS CHAR), "
	    "CAST(u.sha256 AS CHAR), CAST(u.state = 'submitted' AS CHAR), "
	    "CAST(u.public AS CHAR), CAST(u.purpose AS CHAR), NULL, "
	    PAGE_NULL5 ", " PAGE_NULL5 " FROM app a JOIN app_value x ON "
	    "x.app_id = a.id JOIN upload u ON u.tenant = a.tenant AND "
	    "u.id = CAST(x.value AS UNSIGNED)" PAGE_KEY
	    "AND x.value REGEXP '^[0-9]{1,18}$' "
	    "UNION ALL SELECT 'p', LPAD(f.id, 20, '0'), CAST(f.app_id AS CHAR), "
	    "CAST(f.kind AS CHAR), CAST(f.amount AS CHAR), "
	    "CAST(f.state AS CHAR), CAST(f.created_at AS CHAR), "
	    "CAST(f.paid_on AS CHAR), CAST(f.paid_at AS CHAR), "
	    "CAST(f.confirmed_by AS CHAR), CAST(f.import_id AS CHAR), "
	    "CAST(a.number AS CHAR), CAST(a.uid AS CHAR), CAST(o.kind AS CHAR), "
	    "CAST((SELECT MAX(ct.id) FROM certificate ct " CERT_BY_APP
	    "WHERE ct.tenant = f.tenant AND ct.app_id = f.app_id) AS CHAR), "
	    "NULL, NULL, NULL, "
	    "NULL, NULL FROM app a JOIN offering o ON o.id = a.offering_id "
	    "JOIN fee f ON f.app_id = a.id AND f.tenant = a.tenant" PAGE_KEY,
	    "sississississis", tenant, offering, uid, tenant, offering, uid,
	    tenant, offering, uid, tenant, offering, uid, tenant, offering,
	    uid), 1 + AP__MAX);
	return dbres_sorted(r, 4, 0);
}

/*
 * dbq_app_page_read()'s rows r into *a, sec[] (by names[]), *st (the
 * sections' states, SEC_COL_*), *files (APPLY_FILE_*) and *fees.  r
 * stays the caller's.  1 found, 0 none (nothing allocated), -1.
 */
int
dbq_app_page_split(const struct dbres *r, const char *const *names,
    size_t n, struct apply_app *a, struct apply_rows *sec, struct dbres **st,
    struct dbres **files, struct dbres **fees)
{
	struct dbres	*ap = NULL, *v = NULL;
	int		 rc = -1;

	*st = *files = *fees = NULL;
	if (r == NULL || r->ncols != 1 + AP__MAX ||
	    (ap = dbres_part(r, "a", 1, AP__MAX)) == NULL)
		goto out;
	if (ap->nrows != 1) {
		rc = 0;
		goto out;
	}
	if (app_row(ap, a) != 1 ||
	    (v = dbres_part(r, "v", 1, VL__MAX)) == NULL ||
	    (*st = dbres_part(r, "s", 1, SEC_COL__MAX)) == NULL ||
	    (*files = dbres_part(r, "f", 1, APPLY_FILE__MAX)) == NULL ||
	    (*fees = dbres_part(r, "p", 1, FEE_COL__MAX + 1)) == NULL ||
	    values_split(v, names, n, sec) == -1)
		goto out;
	rc = 1;
out:
	if (rc != 1) {
		dbres_free(*st);
		dbres_free(*files);
		dbres_free(*fees);
		*st = *files = *fees = NULL;
	}
	dbres_free(v);
	dbres_free(ap);
	return rc;
}
