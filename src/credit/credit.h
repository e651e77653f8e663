/*
 * credit.h — events, attendance and credits: a platform service (layer
 * 1) for every product that counts what members attended or earned.
 *
 * A credit is one line of a member's ledger (table credit, sql/
 * 018_credit.sql): from an organizer's event (one per curriculum code
 * of the event, or one without a code), from e-learning, or
 * self-reported with a certificate.  Medassoc's CME ledger (CME-1),
 * organizers' events and attendance (CME-2), palliative's "seminar
 * attended" (PAL-5) and oncology's seminar credits over five years and
 * seminars A and B (ONC-9, ONC-13) all read it through here.
 *
 * Dates are Japan-calendar dates "YYYY-MM-DD"; from/to bounds are
 * inclusive, NULL or "" for none.  The fiscal year runs April–March and
 * is named by the year it starts in (2025-04-01..2026-03-31 is 2025).
 */
#ifndef SHIKAKU_CREDIT_H
#define SHIKAKU_CREDIT_H

#include <stddef.h>
#include <time.h>

#include <libxml/tree.h>

struct ctx;
struct db;
struct dbres;
struct import_spec;

#define CREDIT_FEATURE		"credit"
#define CREDIT_ORGANIZER	"event_organizer"	/* role name */
#define ROLE_EVENT_ORGANIZER	ROLE_FEATURE(8)

/* Sources of a credit, as stored (credit.source). */
#define CREDIT_SRC_EVENT	"event"
#define CREDIT_SRC_ELEARNING	"elearning"
#define CREDIT_SRC_SELF		"self"

#define CREDIT_CODE_MAX		8	/* a curriculum code's length */
#define CREDIT_UNITS_MAX	999.9	/* DECIMAL(6,1), and sane */

/* The fiscal year of a date: 2026-03-31 → 2025, 2026-04-01 → 2026; -1
 * when the text is not a date. */
int		 credit_fy(const char *yyyy_mm_dd);
/* The fiscal year of an instant, in Japan time (clock_now() for now). */
int		 credit_fy_at(time_t);
/* First and last day of a fiscal year: "2025-04-01", "2026-03-31"
 * (each buffer at least 11 bytes). */
void		 credit_fy_bounds(int fy, char *from, size_t, char *to,
		    size_t);

/*
 * The member's ledger under parent (CME-1): <credits from= to= units=
 * count=> with <row> per credit in [from, to] (date, fiscal year, code
 * and its name, units, source, title, event number, certificate),
 * <fy-total fy= units= count=> for EVERY fiscal year of the member (so
 * the filter can list them) and <code-total code= name= units=> for the
 * rows shown.  One statement for the rows; the code names come from the
 * worker's cache.  Returns the number of rows shown, -1 on error.
 * fy: the fiscal year to show, 0 every one, -1 the latest one with
 * credits (issue 10: the page's default; the others a link away), its
 * year then into *shown_fy (0: none).
 */
int		 credit_ledger_model(struct ctx *, xmlNodePtr,
		    const char *uid, int fy, int *shown_fy);

/*
 * What a member earned in [from, to]: the units and the number of
 * distinct events.  kind: only credits of events of that kind (e.g.
 * "seminar"); NULL: every credit, whatever its source.  0 ok, -1 error.
 */
int		 credit_sum(struct db *, const char *tenant, const char *uid,
		    const char *kind, const char *from, const char *to,
		    double *units, long long *events);
/*
 * The same for a page of the request's tenant: the member's own sum is
 * kept by the worker between requests while nothing it counts changed
 * (owncache.h); anyone else's is read.
 */
int		 credit_sum_own(struct ctx *, const char *uid,
		    const char *kind, const char *from, const char *to,
		    double *units, long long *events);

/*
 * Whether the member attended an event of kind (NULL any) and series
 * (NULL any; e.g. oncology's "A", "B") held in [from, to]: 1 yes, 0 no,
 * -1 error.
 */
int		 credit_series_attended(struct db *, const char *tenant,
		    const char *uid, const char *kind, const char *series,
		    const char *from, const char *to);

/*
 * The events of kind (NULL any) the member attended in [from, to],
 * oldest first, as <attended units= count=><event id= number= title=
 * kind= series= held-on= units=/>…</attended> under parent (e.g. ONC-9's
 * 研究業績 当会セミナー).  Returns the number of events, -1 on error.
 */
int		 credit_attended_model(struct db *, xmlNodePtr,
		    const char *tenant, const char *uid, const char *kind,
		    const char *from, const char *to);

/*
 * Add a credit not from an event (source CREDIT_SRC_SELF with its
 * certificate upload_id, or CREDIT_SRC_ELEARNING; upload_id 0 none),
 * inside the caller's transaction (audit it there).  code NULL or ""
 * for none.  Returns the credit's id, -1 on error.
 */
long long	 credit_add(struct db *, const char *tenant, const char *uid,
		    const char *source, const char *code, double units,
		    const char *earned_on, const char *title,
		    long long upload_id);

/* ---- events and attendance (for products' demo loaders and hooks) -- */

struct credit_event {
	const char	*number;	/* event code, unique per tenant */
	const char	*title;
	const char	*kind;		/* "seminar", "meeting", "lecture", … */
	const char	*series;	/* NULL or e.g. "A" */
	const char	*held_on;	/* YYYY-MM-DD */
	const char	*place;
	const char	*organizer_uid;
	double		 units;		/* per attendance when no codes */
};

/*
 * Create or update (by number) an event of tenant, inside the caller's
 * transaction; its codes and their units replace the event's
 * (ncodes 0: none).  Attendees' credits follow.  Returns the id, -1.
 */
long long	 credit_event_put(struct db *, const char *tenant,
		    const struct credit_event *, const char *const *codes,
		    const double *code_units, size_t ncodes);

/*
 * Record attendance of n members (uids) at events (ids; units[i] < 0:
 * the event's own) and give them the events' credits, inside the
 * caller's transaction: batched multi-row inserts, never a statement
 * per member.  An attendance already recorded takes the new units.
 * 0 ok, -1 error.
 */
int		 credit_attend(struct db *, const char *tenant,
		    const long long *event_ids, const char *const *uids,
		    const double *units, size_t n);

/*
 * The demo's few generic events of a tenant with the feature (`shikakuctl
 * demo load`): a medassoc lecture series with curriculum codes over three
 * fiscal years, palliative's education seminar, oncology's seminars A
 * and B; the demo member attends them.  Idempotent.  0 ok, -1 error.
 * The societies' own loaders add their volumes through credit_event_put()
 * and credit_attend().
 */
struct tenant;
int		 credit_demo(struct db *, const struct tenant *);

/* The curriculum codes of the request's tenant (code, name), in order,
 * from the worker's cache; NULL on error.  Owned by the cache. */
/* The curriculum codes (the worker's copy): columns CC_*. */
enum { CCODE_CODE, CCODE_NAME, CCODE__MAX };
const struct dbres *credit_codes(struct ctx *);
/* A form field as a select of the codes ("12 name", value "12"). */
void		 credit_code_select(xmlNodePtr, const struct dbres *);
/* The name of a code in them, or NULL when unknown. */
const char	*credit_code_name(const struct dbres *, const char *code);
/* <codes><code code= name=/>…</codes> under parent (a form's choices):
 * the number of codes, -1 on error. */
int		 credit_codes_model(struct ctx *, xmlNodePtr);

/* The attendance CSV import (core's import.h): event number, member
 * number or uid, units (optional).  arg: NULL for any event of the
 * tenant the signed-in organizer may edit, or a long long * event id
 * to which every row must belong. */
extern const struct import_spec credit_attendance_import;

#endif
