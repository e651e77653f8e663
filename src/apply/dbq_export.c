/*
 * dbq_export.c — the queries of the exports and of the windows'
 * administration (review_export.c, offering_admin.c).  Each answers in
 * one statement, whatever the number of applications or rows.
 */
#include <stdlib.h>

#include "db.h"
#include "review_export.h"

/*
 * Every application of an offering's year ever submitted (version > 0),
 * by number, with the member's number and name and, when xml is set,
 * its latest snapshot: the CSV's rows and the ZIP's PDFs in one read.
 */
struct dbres *
dbq_export_apps(struct db *d, const char *tenant, const char *kind, int year,
    int xml)
{
	return dbres_cols(db_select(d, xml ?
	    "SELECT a.id, a.number, a.uid, m.member_no, m.name_kanji, "
	    "a.state, a.submitted_at, a.decided_at, s.xml "
	    "FROM app a JOIN offering o ON o.id = a.offering_id "
	    "LEFT JOIN member m ON m.tenant = a.tenant AND m.uid = a.uid "
	    "LEFT JOIN app_snapshot s ON s.app_id = a.id AND s.version = "
	    "(SELECT MAX(version) FROM app_snapshot WHERE app_id = a.id) "
	    "WHERE a.tenant = ? AND o.kind = ? AND o.year = ? AND "
	    "a.version > 0 ORDER BY a.number, a.id" :
	    "SELECT a.id, a.number, a.uid, m.member_no, m.name_kanji, "
	    "a.state, a.submitted_at, a.decided_at, NULL "
	    "FROM app a JOIN offering o ON o.id = a.offering_id "
	    "LEFT JOIN member m ON m.tenant = a.tenant AND m.uid = a.uid "
	    "WHERE a.tenant = ? AND o.kind = ? AND o.year = ? AND "
	    "a.version > 0 ORDER BY a.number, a.id",
	    "ssi", tenant, kind, (long long)year), EXP_COL__MAX);
}

/* Every window of the tenant with its count of submitted applications. */
struct dbres *
dbq_export_years(struct db *d, const char *tenant)
{
	return dbres_cols(db_select(d, "SELECT o.kind, o.year, "
	    "COUNT(a.id) FROM offering o LEFT JOIN app a ON a.offering_id = "
	    "o.id AND a.version > 0 WHERE o.tenant = ? "
	    "GROUP BY o.id, o.kind, o.year ORDER BY o.year DESC, o.kind",
	    "s", tenant), EXPY_COL__MAX);
}

/*
 * Windows as one statement (the import's commit): the JSON array is
 * built by the caller with escaped strings; JSON_TABLE reads it on the
 * server, so a hundred rows cost one round trip.  >=0 ok, <0 error.
 */
int
dbq_offering_put_json(struct db *d, const char *tenant, const char *json)
{
	return db_exec(d, "INSERT INTO offering (tenant, feature, kind, year, "
	    "open_at, close_at) SELECT ?, j.feature, j.kind, j.year, "
	    "j.open_at, j.close_at FROM JSON_TABLE(?, '$[*]' COLUMNS ("
	    "feature VARCHAR(32) PATH '$.feature', "
	    "kind VARCHAR(32) PATH '$.kind', year INT PATH '$.year', "
	    "open_at DATETIME PATH '$.open', close_at DATETIME PATH '$.close'"
	    ")) j ON DUPLICATE KEY UPDATE open_at = VALUES(open_at), "
	    "close_at = VALUES(close_at)", "ss", tenant, json) < 0 ? -1 : 0;
}
