/*
 * credit_int.h — what the credit service's files share: the columns of
 * its queries (dbq_credit.c) and the helpers of credit.c.  Products use
 * credit.h only.
 */
#ifndef SHIKAKU_CREDIT_INT_H
#define SHIKAKU_CREDIT_INT_H

#include <stddef.h>

#include "buf.h"
#include "credit.h"
#include "ctx.h"

struct db;
struct dbres;

#define CREDIT_EVENTS_MAX	500	/* events listed on one page */
#define CREDIT_ATTENDEES_MAX	5000	/* attendees listed on one page */
#define CREDIT_BATCH		1000	/* rows per batched statement */
#define CREDIT_CODES_PER_EVENT	4

/* dbq_credit_ledger() */
enum { CL_ID, CL_DATE, CL_FY, CL_CODE, CL_UNITS, CL_SOURCE, CL_TITLE,
    CL_EVENT, CL_UPLOAD, CL__MAX };
/* dbq_credit_attended() */
enum { CA_ID, CA_NUMBER, CA_TITLE, CA_KIND, CA_SERIES, CA_HELD,
    CA_UNITS, CA__MAX };
/* dbq_credit_events(), dbq_credit_event() */
enum { CE_ID, CE_NUMBER, CE_TITLE, CE_KIND, CE_SERIES, CE_HELD, CE_PLACE,
    CE_ORGANIZER, CE_UNITS, CE_ATTENDEES, CE_CODES, CE__MAX };
/* dbq_credit_attendees() */
enum { CT_UID, CT_MEMBER_NO, CT_NAME, CT_UNITS, CT_CREDITS, CT__MAX };
/* dbq_credit_members() */
enum { CM_UID, CM_MEMBER_NO, CM__MAX };
/* dbq_credit_event_index() */
enum { CX_ID, CX_NUMBER, CX_ORGANIZER, CX_NCODES, CX__MAX };

struct dbres	*dbq_credit_ledger(struct db *, const char *, const char *);
struct dbres	*dbq_credit_sum_read(struct db *, const char *, const char *,
		    const char *, const char *, const char *);
int		 dbq_credit_sum_parse(const struct dbres *, char *, size_t,
		    long long *);
int		 dbq_credit_series(struct db *, const char *, const char *,
		    const char *, const char *, const char *, const char *);
struct dbres	*dbq_credit_attended(struct db *, const char *,
		    const char *, const char *, const char *, const char *);
long long	 dbq_credit_add(struct db *, const char *, const char *,
		    const char *, const char *, const char *, const char *,
		    const char *, long long);
struct dbres	*dbq_credit_codes(struct db *, const char *);
struct dbres	*dbq_credit_events(struct db *, const char *, const char *,
		    int);
struct dbres	*dbq_credit_event(struct db *, const char *, long long);
long long	 dbq_credit_event_put(struct db *, const char *, long long,
		    const struct credit_event *, const char *);
long long	 dbq_credit_event_new(struct db *, const char *,
		    const struct credit_event *, const char *);
int		 dbq_credit_event_codes(struct db *, long long, const char *,
		    int);
int		 dbq_credit_attend(struct db *, const char *, const char *);
int		 dbq_credit_refresh(struct db *, const char *, const char *);
int		 dbq_credit_unattend(struct db *, long long, const char *);
struct dbres	*dbq_credit_attendees(struct db *, const char *, long long,
		    int);
int		 dbq_credit_member(struct db *, const char *, const char *,
		    char *, size_t);
struct dbres	*dbq_credit_members(struct db *, const char *);
struct dbres	*dbq_credit_event_index(struct db *, const char *);
int		 dbq_credit_role_uid(struct db *, const char *, const char *,
		    char *, size_t);

/* credit_import.c: the import page of event id (0: any event). */
enum result	 credit_import_page(struct ctx *, long long);
/* credit.c */
/* "12.5" as tenths (125); -1 when it is not 0..999.9 with at most one
 * decimal. */
long		 credit_tenths(const char *);
/* Tenths as "12.5" (at least 8 bytes). */
void		 credit_tenths_fmt(long, char *, size_t);
/* A JSON string literal of s (quotes, escapes) appended to b. */
/*
 * The ledger's totals, kept in C over the one statement's rows: a line
 * per key (a fiscal year, a code, "" for none) with its units in
 * tenths (exact: 0.1 + 0.2 is 0.3) and count.
 */
#define CREDIT_TALLY_MAX	256
struct credit_tally {
	char	 key[16];
	long	 tenths;
	long	 count;
};
/* Add to key's line of t (n lines so far): the new number of lines. */
size_t		 credit_tally_add(struct credit_tally *, size_t, const char *,
		    long);
/* Fiscal years newest first (codes 0), or codes in numeric order with
 * the code-less last (codes 1). */
void		 credit_tally_sort(struct credit_tally *, size_t, int);
/* Credits of the events ids[0..n) again (batched). */
int		 credit_refresh(struct db *, const char *, const long long *,
		    size_t);

/* The tenant admin's curriculum codes (credit_codes.c,
 * dbq_credit_code.c). */
int		 credit_code_valid(const char *);
int		 dbq_credit_codes_put(struct db *, const char *, const char *);
/* Rows of dbq_credit_code_use(): a code and how many credits name it. */
enum { CUSE_CODE, CUSE_CREDITS, CUSE__MAX };
struct dbres	*dbq_credit_code_use(struct db *, const char *);

#endif
