/*
 * credit.c — the credit service of credit.h: fiscal years, sums and
 * checks for products, adding credits.  SQL is in dbq_credit.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "credit.h"
#include "ctx.h"

int
credit_fy(const char *d)
{
	int	y, m, day, n = 0;

	if (d == NULL || sscanf(d, "%4d-%2d-%2d%n", &y, &m, &day, &n) != 3 ||
	    n != 10 || y < 1900 || m < 1 || m > 12 || day < 1 || day > 31)
		return -1;
	return m < 4 ? y - 1 : y;
}

int
credit_fy_at(time_t t)
{
	struct tm	tm;

	jst_tm(t, &tm);
	return tm.tm_mon < 3 ? tm.tm_year + 1900 - 1 : tm.tm_year + 1900;
}

void
credit_fy_bounds(int fy, char *from, size_t fromsz, char *to, size_t tosz)
{
	snprintf(from, fromsz, "%04d-04-01", fy);
	snprintf(to, tosz, "%04d-03-31", fy + 1);
}

/* Stubs until the service lands (same commit series). */
int
credit_ledger_model(struct ctx *c, xmlNodePtr parent, const char *uid,
    const char *from, const char *to)
{
	(void)c; (void)parent; (void)uid; (void)from; (void)to;
	return -1;
}

int
credit_sum(struct db *db, const char *tenant, const char *uid,
    const char *kind, const char *from, const char *to, double *units,
    long long *events)
{
	(void)db; (void)tenant; (void)uid; (void)kind; (void)from; (void)to;
	*units = 0;
	*events = 0;
	return -1;
}

int
credit_series_attended(struct db *db, const char *tenant, const char *uid,
    const char *kind, const char *series, const char *from, const char *to)
{
	(void)db; (void)tenant; (void)uid; (void)kind; (void)series;
	(void)from; (void)to;
	return -1;
}

int
credit_attended_model(struct db *db, xmlNodePtr parent, const char *tenant,
    const char *uid, const char *kind, const char *from, const char *to)
{
	(void)db; (void)parent; (void)tenant; (void)uid; (void)kind;
	(void)from; (void)to;
	return -1;
}

long long
credit_add(struct db *db, const char *tenant, const char *uid,
    const char *source, const char *code, double units,
    const char *earned_on, const char *title, long long upload_id)
{
	(void)db; (void)tenant; (void)uid; (void)source; (void)code;
	(void)units; (void)earned_on; (void)title; (void)upload_id;
	return -1;
}

long long
credit_event_put(struct db *db, const char *tenant,
    const struct credit_event *e, const char *const *codes,
    const double *code_units, size_t ncodes)
{
	(void)db; (void)tenant; (void)e; (void)codes; (void)code_units;
	(void)ncodes;
	return -1;
}

int
credit_attend(struct db *db, const char *tenant, const long long *ids,
    const char *const *uids, const double *units, size_t n)
{
	(void)db; (void)tenant; (void)ids; (void)uids; (void)units; (void)n;
	return -1;
}

const struct dbres *
credit_codes(struct ctx *c)
{
	(void)c;
	return NULL;
}

const char *
credit_code_name(const struct dbres *r, const char *code)
{
	(void)r; (void)code;
	return NULL;
}

int
credit_codes_model(struct ctx *c, xmlNodePtr parent)
{
	(void)c; (void)parent;
	return -1;
}
