/*
 * dbq_credit.c — the statements of the credit service (sql/
 * 018_credit.sql).  Every query is bound to the request's tenant.
 *
 * Batches (attendance, an event's codes, the credits that follow) are
 * one statement each: the rows travel as one JSON array bound as a
 * single parameter and are unpacked by JSON_TABLE, so 10,000 attendees
 * cost a handful of round trips, never one per row, and nothing is
 * ever spliced into SQL text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "credit_int.h"
#include "db.h"

/* Open bounds as dates every DATE compares with. */
#define LO(d)	((d) != NULL && *(d) != '\0' ? (d) : "1000-01-01")
#define HI(d)	((d) != NULL && *(d) != '\0' ? (d) : "9999-12-31")
#define OPT(s)	((s) != NULL && *(s) != '\0' ? (s) : NULL)

struct dbres *
dbq_credit_ledger(struct db *d, const char *tenant, const char *uid)
{
	return dbres_cols(db_select(d, "SELECT c.id, "
	    "DATE_FORMAT(c.earned_on, '%Y-%m-%d'), c.fy, c.code, c.units, "
	    "c.source, c.title, e.number, c.upload_id FROM credit c "
	    "LEFT JOIN credit_event e ON e.id = c.event_id "
	    "WHERE c.tenant = ? AND c.uid = ? "
	    "ORDER BY c.earned_on DESC, c.id DESC", "ss", tenant, uid),
	    CL__MAX);
}

/* dbq_credit_sum_read()'s one row. */
enum { SUM_UNITS, SUM_EVENTS, SUM__MAX };

/*
 * The member's units and distinct events in [from, to], of events of
 * kind only unless NULL: one row (dbq_credit_sum_parse() reads it; the
 * worker may keep it, owncache.h), or NULL.
 */
struct dbres *
dbq_credit_sum_read(struct db *d, const char *tenant, const char *uid,
    const char *kind, const char *from, const char *to)
{
	struct dbres	*r;

	if (kind == NULL)
		r = db_select(d, "SELECT COALESCE(SUM(units), 0), "
		    "COUNT(DISTINCT event_id) FROM credit "
		    "WHERE tenant = ? AND uid = ? AND earned_on >= ? AND "
		    "earned_on <= ?", "ssss", tenant, uid, LO(from), HI(to));
	else
		r = db_select(d, "SELECT COALESCE(SUM(c.units), 0), "
		    "COUNT(DISTINCT c.event_id) FROM credit c "
		    "JOIN credit_event e ON e.id = c.event_id AND e.kind = ? "
		    "WHERE c.tenant = ? AND c.uid = ? AND c.earned_on >= ? AND "
		    "c.earned_on <= ?", "sssss", kind, tenant, uid, LO(from),
		    HI(to));
	return dbres_cols(r, SUM__MAX);
}

/* dbq_credit_sum_read()'s row into units (as text) and *events.  0, -1. */
int
dbq_credit_sum_parse(const struct dbres *r, char *units, size_t unitslen,
    long long *events)
{
	int	 rc = -1;

	if (r == NULL || r->nrows != 1 || r->ncols != SUM__MAX)
		goto out;
	snprintf(units, unitslen, "%s", dbres_get(r, 0, SUM_UNITS));
	*events = atoll(dbres_get(r, 0, SUM_EVENTS));
	rc = 0;
out:
	return rc;
}

int
dbq_credit_series(struct db *d, const char *tenant, const char *uid,
    const char *kind, const char *series, const char *from, const char *to)
{
	struct dbres	*r;
	const char	*v;
	int		 rc = -1;

	kind = OPT(kind);
	series = OPT(series);
	r = db_select(d, "SELECT EXISTS (SELECT 1 FROM credit_attendance a "
	    "JOIN credit_event e ON e.id = a.event_id WHERE e.tenant = ? AND "
	    "a.uid = ? AND (? IS NULL OR e.kind = ?) AND "
	    "(? IS NULL OR e.series = ?) AND e.held_on >= ? AND "
	    "e.held_on <= ?)", "ssssssss", tenant, uid, kind, kind, series,
	    series, LO(from), HI(to));
	if (r != NULL && (v = dbres_scalar(r)) != NULL)
		rc = atoi(v) != 0;
	dbres_free(r);
	return rc;
}

struct dbres *
dbq_credit_attended(struct db *d, const char *tenant, const char *uid,
    const char *kind, const char *from, const char *to)
{
	kind = OPT(kind);
	return dbres_cols(db_select(d, "SELECT e.id, e.number, e.title, "
	    "e.kind, e.series, DATE_FORMAT(e.held_on, '%Y-%m-%d'), "
	    "COALESCE(SUM(c.units), 0) FROM credit_attendance a "
	    "JOIN credit_event e ON e.id = a.event_id "
	    "LEFT JOIN credit c ON c.event_id = a.event_id AND c.uid = a.uid "
	    "WHERE e.tenant = ? AND a.uid = ? AND (? IS NULL OR e.kind = ?) "
	    "AND e.held_on >= ? AND e.held_on <= ? "
	    "GROUP BY e.id ORDER BY e.held_on, e.id", "ssssss", tenant, uid,
	    kind, kind, LO(from), HI(to)), CA__MAX);
}

long long
dbq_credit_add(struct db *d, const char *tenant, const char *uid,
    const char *source, const char *code, const char *units,
    const char *earned_on, const char *title, long long upload_id)
{
	char	 up[24];

	snprintf(up, sizeof(up), "%lld", upload_id);
	if (db_exec(d, "INSERT INTO credit (tenant, uid, source, code, "
	    "units, earned_on, title, upload_id) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?, ?)", "ssssssss", tenant, uid, source,
	    OPT(code), units, earned_on, title != NULL ? title : "",
	    upload_id > 0 ? up : NULL) <= 0)
		return -1;
	return db_insert_id(d);
}

struct dbres *
dbq_credit_codes(struct db *d, const char *tenant)
{
	return dbres_cols(db_select(d, "SELECT code, name FROM credit_code "
	    "WHERE tenant = ? ORDER BY sort, code", "s", tenant), CCODE__MAX);
}

/* ---- events ------------------------------------------------------------ */

#define EV_SEL "SELECT e.id, e.number, e.title, e.kind, e.series, " \
	"DATE_FORMAT(e.held_on, '%Y-%m-%d'), e.place, e.organizer_uid, " \
	"e.units, (SELECT COUNT(*) FROM credit_attendance a " \
	"WHERE a.event_id = e.id), (SELECT GROUP_CONCAT(ec.code, ':', " \
	"ec.units ORDER BY ec.code SEPARATOR ' ') FROM credit_event_code ec " \
	"WHERE ec.event_id = e.id) FROM credit_event e "

struct dbres *
dbq_credit_events(struct db *d, const char *tenant, const char *organizer,
    int limit)
{
	if (organizer != NULL)
		return dbres_cols(db_select(d, EV_SEL "WHERE e.tenant = ? AND "
		    "e.organizer_uid = ? ORDER BY e.held_on DESC, e.id DESC "
		    "LIMIT ?", "ssi", tenant, organizer, (long long)limit),
		    CE__MAX);
	return dbres_cols(db_select(d, EV_SEL "WHERE e.tenant = ? "
	    "ORDER BY e.held_on DESC, e.id DESC LIMIT ?", "si", tenant,
	    (long long)limit), CE__MAX);
}

struct dbres *
dbq_credit_event(struct db *d, const char *tenant, long long id)
{
	return dbres_cols(db_select(d, EV_SEL "WHERE e.tenant = ? AND "
	    "e.id = ?", "si", tenant, id), CE__MAX);
}

/*
 * Insert, or update by id (id > 0) or by number (id 0, upsert): the
 * event's id, DB_DUP when another event has the number, -1 on error.
 */
long long
dbq_credit_event_put(struct db *d, const char *tenant, long long id,
    const struct credit_event *e, const char *units)
{
	struct dbres	*r;
	const char	*v;
	long long	 found;
	int		 rc;

	if (id > 0) {
		rc = db_exec(d, "UPDATE credit_event SET number = ?, "
		    "title = ?, kind = ?, series = ?, held_on = ?, "
		    "place = ?, units = ? WHERE tenant = ? AND id = ?",
		    "ssssssssi", e->number, e->title, e->kind, OPT(e->series),
		    e->held_on, e->place != NULL ? e->place : "", units,
		    tenant, id);
		return rc == DB_DUP ? DB_DUP : rc < 0 ? -1 : id;
	}
	rc = db_exec(d, "INSERT INTO credit_event (tenant, number, title, "
	    "kind, series, held_on, place, organizer_uid, units) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
	    "id = LAST_INSERT_ID(id), title = VALUES(title), "
	    "kind = VALUES(kind), series = VALUES(series), "
	    "held_on = VALUES(held_on), place = VALUES(place), "
	    "units = VALUES(units)", "sssssssss", tenant, e->number,
	    e->title, e->kind, OPT(e->series), e->held_on,
	    e->place != NULL ? e->place : "", e->organizer_uid, units);
	if (rc < 0)
		return rc == DB_DUP ? DB_DUP : -1;
	if ((found = db_insert_id(d)) > 0)
		return found;
	/*
	 * An existing event: the refdata_version trigger its update fired
	 * (sql/032_own_rows.sql) cleared the insert id that
	 * LAST_INSERT_ID(id) set, so it is read by its key.
	 */
	if ((r = db_select(d, "SELECT id FROM credit_event WHERE tenant = ? "
	    "AND number = ?", "ss", tenant, e->number)) == NULL)
		return -1;
	found = (v = dbres_scalar(r)) != NULL ? atoll(v) : -1;
	dbres_free(r);
	return found;
}

/* Insert only (the new-event page): DB_DUP when the number is taken. */
long long
dbq_credit_event_new(struct db *d, const char *tenant,
    const struct credit_event *e, const char *units)
{
	int	 rc;

	rc = db_exec(d, "INSERT INTO credit_event (tenant, number, title, "
	    "kind, series, held_on, place, organizer_uid, units) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?, ?, ?)", "sssssssss", tenant, e->number,
	    e->title, e->kind, OPT(e->series), e->held_on,
	    e->place != NULL ? e->place : "", e->organizer_uid, units);
	if (rc <= 0)
		return rc == DB_DUP ? DB_DUP : -1;
	return db_insert_id(d);
}

/* The event's codes become json's [["code", units], …]. */
int
dbq_credit_event_codes(struct db *d, long long id, const char *json,
    int several)
{
	if (db_exec(d, "DELETE FROM credit_event_code WHERE event_id = ?",
	    "i", id) < 0)
		return -1;
	/* With several codes an attendee's own units would count for
	 * each: they fall back to the codes' own. */
	if (several && db_exec(d, "UPDATE credit_attendance SET units = NULL "
	    "WHERE event_id = ?", "i", id) < 0)
		return -1;
	if (json == NULL)
		return 0;
	return db_exec(d, "INSERT INTO credit_event_code (event_id, code, "
	    "units) SELECT ?, j.code, j.units FROM JSON_TABLE(?, '$[*]' "
	    "COLUMNS (code VARCHAR(8) PATH '$[0]', "
	    "units DECIMAL(6,1) PATH '$[1]')) j", "is", id, json) < 0 ? -1 : 0;
}

/* ---- attendance -------------------------------------------------------- */

/* json: [[event_id, "uid", units|null], …], events of tenant only. */
int
dbq_credit_attend(struct db *d, const char *tenant, const char *json)
{
	return db_exec(d, "INSERT INTO credit_attendance (event_id, uid, "
	    "units) SELECT e.id, j.u, j.n FROM JSON_TABLE(?, '$[*]' COLUMNS "
	    "(ev BIGINT PATH '$[0]', u VARCHAR(64) PATH '$[1]', "
	    "n DECIMAL(6,1) PATH '$[2]')) j JOIN credit_event e ON "
	    "e.id = j.ev AND e.tenant = ? ON DUPLICATE KEY UPDATE "
	    "units = VALUES(units)", "ss", json, tenant) < 0 ? -1 : 0;
}

/*
 * The credits of the events json ([id, …]) again from their attendance
 * and codes: one DELETE and one INSERT … SELECT, whatever the number of
 * attendees.
 */
int
dbq_credit_refresh(struct db *d, const char *tenant, const char *json)
{
	if (db_exec(d, "DELETE FROM credit WHERE tenant = ? AND event_id IN "
	    "(SELECT j.id FROM JSON_TABLE(?, '$[*]' COLUMNS "
	    "(id BIGINT PATH '$')) j)", "ss", tenant, json) < 0)
		return -1;
	return db_exec(d, "INSERT INTO credit (tenant, uid, source, "
	    "event_id, code, units, earned_on, title) SELECT e.tenant, a.uid, "
	    "'event', e.id, ec.code, COALESCE(a.units, ec.units, e.units), "
	    "e.held_on, e.title FROM JSON_TABLE(?, '$[*]' COLUMNS "
	    "(id BIGINT PATH '$')) j JOIN credit_event e ON e.id = j.id AND "
	    "e.tenant = ? JOIN credit_attendance a ON a.event_id = e.id "
	    "LEFT JOIN credit_event_code ec ON ec.event_id = e.id",
	    "ss", json, tenant) < 0 ? -1 : 0;
}

int
dbq_credit_unattend(struct db *d, long long id, const char *uid)
{
	int	 rc;

	if ((rc = db_exec(d, "DELETE FROM credit_attendance WHERE "
	    "event_id = ? AND uid = ?", "is", id, uid)) <= 0)
		return rc;
	return db_exec(d, "DELETE FROM credit WHERE event_id = ? AND uid = ?",
	    "is", id, uid) < 0 ? -1 : 1;
}

struct dbres *
dbq_credit_attendees(struct db *d, const char *tenant, long long id,
    int limit)
{
	return dbres_cols(db_select(d, "SELECT a.uid, m.member_no, "
	    "m.name_kanji, a.units, (SELECT COALESCE(SUM(c.units), 0) FROM "
	    "credit c WHERE c.event_id = a.event_id AND c.uid = a.uid) "
	    "FROM credit_attendance a LEFT JOIN member m ON m.tenant = ? AND "
	    "m.uid = a.uid WHERE a.event_id = ? ORDER BY m.member_no, a.uid "
	    "LIMIT ?", "sii", tenant, id, (long long)limit), CT__MAX);
}

/* An account of tenant by uid, else by member number: its uid. */
int
dbq_credit_member(struct db *d, const char *tenant, const char *who,
    char *uid, size_t uidlen)
{
	struct dbres	*r;
	int		 rc = -1;

	r = db_select(d, "SELECT a.uid FROM account a LEFT JOIN member m ON "
	    "m.tenant = a.tenant AND m.uid = a.uid WHERE a.tenant = ? AND "
	    "(a.uid = ? OR m.member_no = ?) ORDER BY a.uid = ? DESC LIMIT 1",
	    "ssss", tenant, who, who, who);
	if ((r = dbres_cols(r, 1)) == NULL)
		goto out;
	rc = 0;
	if (r->nrows == 1) {
		snprintf(uid, uidlen, "%s", dbres_get(r, 0, 0));
		rc = 1;
	}
out:
	dbres_free(r);
	return rc;
}

/* Every account of the tenant with its member number (an import's
 * reference data, read once). */
struct dbres *
dbq_credit_members(struct db *d, const char *tenant)
{
	return dbres_cols(db_select(d, "SELECT a.uid, m.member_no FROM "
	    "account a LEFT JOIN member m ON m.tenant = a.tenant AND "
	    "m.uid = a.uid WHERE a.tenant = ?", "s", tenant), CM__MAX);
}

/* Every event of the tenant by number (an import's reference data). */
struct dbres *
dbq_credit_event_index(struct db *d, const char *tenant)
{
	return dbres_cols(db_select(d, "SELECT e.id, e.number, "
	    "e.organizer_uid, (SELECT COUNT(*) FROM credit_event_code ec "
	    "WHERE ec.event_id = e.id) FROM credit_event e WHERE e.tenant = ?",
	    "s", tenant), CX__MAX);
}

/* The first holder of a role in the tenant (the demo's organizer). */
int
dbq_credit_role_uid(struct db *d, const char *tenant, const char *role,
    char *uid, size_t uidlen)
{
	struct dbres	*r;
	int		 rc = -1;

	r = dbres_cols(db_select(d, "SELECT uid FROM role WHERE tenant = ? "
	    "AND role = ? ORDER BY granted_at, uid LIMIT 1", "ss", tenant,
	    role), 1);
	if (r == NULL)
		return -1;
	rc = 0;
	if (r->nrows == 1) {
		snprintf(uid, uidlen, "%s", dbres_get(r, 0, 0));
		rc = 1;
	}
	dbres_free(r);
	return rc;
}
