/*
 * review_export.h — the tenant admin's exports of applications (CORE-20:
 * CSV for Excel and the submitted PDFs as one ZIP, review_export.c) and
 * the offerings' windows (CORE-18: /admin/offerings, offering_admin.c),
 * with their queries (dbq_export.c).  Page tables: review_export_pages
 * and offering_admin_pages (ctx.h).
 */
#ifndef SHIKAKU_REVIEW_EXPORT_H
#define SHIKAKU_REVIEW_EXPORT_H

struct db;
struct dbres;

#define EXPORT_ZIP_MAX	500	/* applications in one ZIP: ~40 ms a PDF, so
				 * well inside request_timeout (30 s) */

/* Columns of dbq_export_apps(): one offering's year, by number. */
enum export_col {
	EXP_COL_ID,
	EXP_COL_NUMBER,
	EXP_COL_UID,
	EXP_COL_MEMBER_NO,
	EXP_COL_NAME,
	EXP_COL_STATE,
	EXP_COL_SUBMITTED,
	EXP_COL_DECIDED,
	EXP_COL_XML,		/* the latest snapshot, or NULL */
	EXP_COL__MAX
};
struct dbres	*dbq_export_apps(struct db *, const char *, const char *,
		    int, int);

/* Columns of dbq_export_years(): submitted applications per window. */
enum export_year_col {
	EXPY_COL_KIND,
	EXPY_COL_YEAR,
	EXPY_COL_COUNT,
	EXPY_COL__MAX
};
struct dbres	*dbq_export_years(struct db *, const char *);

/* Windows [{"feature","kind","year","open","close"},…] as one upsert. */
int		 dbq_offering_put_json(struct db *, const char *,
		    const char *);

#endif
