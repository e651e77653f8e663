/*
 * second_rules.c — the rules of 二次申請 that need no database
 * (PAL-5..PAL-7), so the unit tests hold them exactly:
 *
 *   - 20 approved case reports, or an exemption recorded by the office;
 *   - the education seminar attended at least once;
 *   - two years of membership counted to 31 July of the application's
 *     year (seed 002: 「会員歴2年間は「7月末日」迄で自動計算」), whatever
 *     fiscal years the membership spans;
 *   - this fiscal year's dues paid, or 「手続き中」 declared;
 *   - 学歴・職歴: the first row is required, a row is a date (YYYY-MM-DD)
 *     and a text, both or neither; at least two rows are shown;
 *   - a training period is months, start not after end, at most July of
 *     the application's year, and lies within the supervisor's
 *     certification period — else it is refused with the hint to split
 *     the certificate at the change of the supervisor's certification.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "second.h"

/* ---- requirements ------------------------------------------------------ */

/*
 * Full years of membership from `joined` (YYYY-MM-DD) to 31 July of
 * `year`, both days counted: a member since 1 August two years before
 * has two.  -1 when joined is not a date.
 */
int
second_member_years(const char *joined, int year)
{
	int	 n;

	if (joined == NULL || !valid_date(joined))
		return -1;
	n = year - atoi(joined);
	/* The day after the count ends is 1 August. */
	if (strcmp("08-01", joined + 5) < 0)
		n--;
	return n < 0 ? 0 : n;
}

/* The fiscal year (April to March) of a date; -1 if not one. */
int
second_fiscal_year(const char *d)
{
	int	 y;

	if (d == NULL || !valid_date(d))
		return -1;
	y = atoi(d);
	return strncmp(d + 5, "04", 2) < 0 ? y - 1 : y;
}

enum second_rstate
second_req_state(enum second_req r, const struct second_facts *f, int year)
{
	enum second_rstate	 s = RS_SHORT;

	switch (r) {
	case SR_CASES:
		if (f->cases >= SECOND_CASES_NEEDED)
			s = RS_MET;
		else if (f->exempt)
			s = RS_EXEMPT;
		break;
	case SR_SEMINAR:
		if (f->seminar > 0)
			s = RS_MET;
		break;
	case SR_MEMBER:
		if (second_member_years(f->joined, year) >=
		    SECOND_MEMBER_YEARS)
			s = RS_MET;
		break;
	case SR_DUES:
		if (f->dues_paid)
			s = RS_MET;
		else if (f->dues_pending)
			s = RS_PENDING;
		break;
	default:
		break;
	}
	return s;
}

int
second_req_met(enum second_rstate s)
{
	return s != RS_SHORT;
}

/* The panel's line (and the shortfall's text when it is not met). */
const char *
second_req_key(enum second_req r)
{
	static const char *const keys[SR__MAX] = {
		"second.req.cases", "second.req.seminar",
		"second.req.member", "second.req.dues",
	};

	return r < SR__MAX ? keys[r] : NULL;
}

const char *
second_rstate_name(enum second_rstate s)
{
	static const char *const names[] = { "met", "pending", "exempt",
	    "short" };

	return names[s];
}

/* ---- 学歴・職歴 ---------------------------------------------------------- */

static int
blank(const char *s)
{
	return s == NULL || *s == '\0';
}

/*
 * Each slot's errors into err[]: the first is required; any other is
 * both a date and a text, or neither.  The count of errors.
 */
int
second_slots_check(const struct second_slot *s, size_t n,
    struct second_slot_err *err)
{
	size_t	 i;
	int	 nerr = 0;

	for (i = 0; i < n; i++) {
		err[i].date = err[i].text = NULL;
		if (blank(s[i].date) && blank(s[i].text) && i > 0)
			continue;
		if (blank(s[i].date))
			err[i].date = "err.required";
		else
			err[i].date = date_check(s[i].date);
		if (blank(s[i].text))
			err[i].text = "err.required";
		nerr += (err[i].date != NULL) + (err[i].text != NULL);
	}
	return nerr;
}

/* How many slots the form shows: up to the last filled, at least two. */
size_t
second_slots_shown(const struct second_slot *s, size_t n)
{
	size_t	 i, last = 0;

	for (i = 0; i < n; i++)
		if (!blank(s[i].date) || !blank(s[i].text))
			last = i + 1;
	return last < SECOND_SLOTS_SHOWN ? SECOND_SLOTS_SHOWN : last;
}

/* ---- periods ----------------------------------------------------------- */

/* "YYYY-MM" as months; -1 when it is not one. */
int
second_ym(const char *s)
{
	int	 y, m;

	if (s == NULL || !valid_ym(s) || sscanf(s, "%4d-%2d", &y, &m) != 2)
		return -1;
	return y * 12 + (m - 1);
}

/* The month's first and last days as YYYYMMDD numbers. */
int
second_month_first(int ym)
{
	return (ym / 12) * 10000 + (ym % 12 + 1) * 100 + 1;
}

int
second_month_last(int ym)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };
	int	 y = ym / 12, m = ym % 12, d;

	d = mdays[m] + (m == 1 && ((y % 4 == 0 && y % 100 != 0) ||
	    y % 400 == 0));
	return y * 10000 + (m + 1) * 100 + d;
}

/* "YYYY-MM-DD" as YYYYMMDD; -1 when not a date, 0 when blank. */
static int
ymd(const char *d)
{
	if (blank(d))
		return 0;
	if (!valid_date(d))
		return -1;
	return atoi(d) * 10000 + atoi(d + 5) * 100 + atoi(d + 8);
}

/*
 * A training period start..end (months) against the last month one may
 * choose (July of the application's year) and the supervisor's
 * certification from..to (dates; to blank: open-ended).  Every day of
 * the period must be a day the supervisor was certified.
 */
enum second_period
second_period_check(int start, int end, int max, const char *from,
    const char *to)
{
	int	 f = ymd(from), t = ymd(to);

	if (end < start)
		return SP_ORDER;
	if (end > max)
		return SP_LATE;
	if (f < 0 || t < 0 || second_month_first(start) < f ||
	    (t > 0 && second_month_last(end) > t))
		return SP_SPLIT;
	return SP_OK;
}

const char *
second_period_key(enum second_period p)
{
	static const char *const keys[] = { NULL, "second.err.order",
	    "second.err.late", "second.err.split" };

	return keys[p];
}

/*
 * A slot's 「×」 (the POST's "drop"): "edu.N" or "car.N", N from 1 to
 * SECOND_SLOTS, nothing else.  1 and the list (0 学歴, 1 職歴) and the
 * slot's index (0-based), or 0.
 */
int
second_drop_parse(const char *v, int *list, int *slot)
{
	static const char *const lists[] = { "edu.", "car." };
	char	*end;
	long	 n;
	int	 l;

	if (v == NULL)
		return 0;
	for (l = 0; l < 2; l++)
		if (strncmp(v, lists[l], 4) == 0)
			break;
	if (l == 2 || v[4] < '1' || v[4] > '9')
		return 0;
	n = strtol(v + 4, &end, 10);
	if (*end != '\0' || n < 1 || n > SECOND_SLOTS)
		return 0;
	*list = l;
	*slot = (int)n - 1;
	return 1;
}
