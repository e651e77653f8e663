/*
 * renewal.c — the renewal's rules that need no database (ONC-2, ONC-6,
 * ONC-7, ONC-9, ONC-13), each unit-tested (tests/unit/t_renewal.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feature.h"
#include "form.h"
#include "renewal.h"

/*
 * Characters as seed 003 counts them (プロフィール, 1,040): Unicode code
 * points, so a kanji, a kana and an emoji are one each; a combining
 * mark is a code point of its own (か + U+3099 is two, as is a ZWJ
 * sequence of emoji its parts); a line break is one, CRLF as sent by a
 * browser included.  The page's live counter counts the same way
 * ([...text] over the text with CRLF made LF).  Invalid UTF-8 never
 * reaches here (the body parser refuses it).
 */
size_t
renewal_chars(const char *s)
{
	const unsigned char	*p;
	size_t			 n = 0;

	for (p = (const unsigned char *)s; p != NULL && *p != '\0'; p++) {
		if ((*p & 0xc0) == 0x80)
			continue;		/* a continuation byte */
		if (*p == '\r' && p[1] == '\n')
			continue;		/* CRLF: the LF counts */
		n++;
	}
	return n;
}

/* The fiscal year (April to March) of "YYYY-MM-DD"; 0 if not a date. */
int
renewal_fy(const char *d)
{
	int	 y, m;

	if (d == NULL || sscanf(d, "%4d-%2d", &y, &m) != 2 || m < 1 ||
	    m > 12)
		return 0;
	return m >= 4 ? y : y - 1;
}

/*
 * The seminar window of the renewal year (ONC-9): the five years before
 * the reference date, 1 September of that year — from 1 September five
 * years earlier to 31 August.  from and to hold 11 bytes each.
 */
void
renewal_window(int year, char *from, char *to)
{
	/* Years of 4 digits: the window of a form's dates (form.h). */
	if (year < DATE_MIN_YEAR + 5 || year > DATE_MAX_YEAR)
		year = DATE_MIN_YEAR + 5;
	snprintf(from, 11, "%04d-09-01", (year - 5) % 10000);
	snprintf(to, 11, "%04d-08-31", year % 10000);
}

/*
 * May a member whose next renewal is in fiscal year next_fy, renewed
 * `renewals` times, apply in `year` to the offering (v4: the 更新4回目以降
 * variant) this way?  NULL, or the i18n key of why not (seed 003: the
 * documents in the renewal year itself, 前回認定・更新から4年目 counted from
 * the year after; the exam alone in that year or the year before).
 */
const char *
renewal_eligible(int year, int next_fy, int renewals, int v4,
    enum renewal_way way)
{
	int	 first = way == RW_EXAM ? next_fy - 1 : next_fy;

	if (next_fy <= 0)
		return "renewal.why.no-cert";
	if (v4 && renewals < RENEWAL_NTH4)
		return "renewal.why.not4";
	if (!v4 && renewals >= RENEWAL_NTH4)
		return "renewal.why.use4";
	if (year < first)
		return way == RW_EXAM ? "renewal.why.early-exam" :
		    "renewal.why.early";
	if (year > next_fy)
		return "renewal.why.late";
	return NULL;
}

static int
ym(const char *s)
{
	int	 y, m;

	if (s == NULL || !valid_ym(s) || sscanf(s, "%4d-%2d", &y, &m) != 2)
		return -1;
	return y * 12 + m - 1;
}

/*
 * Months covered by the periods from[i]..to[i] (YYYY-MM, inclusive),
 * overlaps counted once (研究活動歴's total years, ONC-7); periods that
 * do not parse or run backwards are left out.
 */
int
renewal_months(const char *const *from, const char *const *to, size_t n)
{
	size_t	 i;
	int	 lo = -1, hi = -1, m, a, b, hit, total = 0;

	for (i = 0; i < n; i++) {
		if ((a = ym(from[i])) < 0 || (b = ym(to[i])) < a)
			continue;
		if (lo < 0 || a < lo)
			lo = a;
		if (b > hi)
			hi = b;
	}
	for (m = lo; lo >= 0 && m <= hi; m++) {
		for (i = 0, hit = 0; i < n && !hit; i++) {
			a = ym(from[i]);
			b = ym(to[i]);
			hit = a >= 0 && b >= a && a <= m && m <= b;
		}
		total += hit;
	}
	return total;
}

/* Units as typed: 0..999, digits only; -1 otherwise. */
long long
renewal_units(const char *s)
{
	if (s == NULL || !valid_digits(s) || strlen(s) > 3)
		return -1;
	return atoll(s);
}

static long long
capped(int counts, long long v, long long cap)
{
	if (!counts)
		return 0;
	return cap > 0 && v > cap ? cap : v;
}

/* The total that counts: the kinds the tenant counts, each capped. */
void
renewal_total(const struct renewal_rules *r, struct renewal_credits *c)
{
	c->total = capped(r->count_meeting, c->meeting, r->cap_meeting) +
	    capped(r->count_paper, c->paper, r->cap_paper) +
	    capped(r->count_seminar, c->seminar, r->cap_seminar);
}

/*
 * The rules of tenant.conf's renewal.* settings: the defaults, in force
 * until the office saves its own (renewal_rules.c).
 */
void
renewal_rules_conf(const struct tenant *t, struct renewal_rules *r)
{
	r->needed = feature_setting(t, RENEWAL_FEATURE, "credits_needed");
	r->count_meeting = feature_setting(t, RENEWAL_FEATURE,
	    "count_meeting") != 0;
	r->count_paper = feature_setting(t, RENEWAL_FEATURE,
	    "count_paper") != 0;
	r->count_seminar = feature_setting(t, RENEWAL_FEATURE,
	    "count_seminar") != 0;
	r->cap_meeting = feature_setting(t, RENEWAL_FEATURE, "cap_meeting");
	r->cap_paper = feature_setting(t, RENEWAL_FEATURE, "cap_paper");
	r->cap_seminar = feature_setting(t, RENEWAL_FEATURE, "cap_seminar");
}

/*
 * Rules the office may save (ONC-14): every number 0..1000, a cap no
 * larger than the total needed (it could never bind), and when credits
 * are needed at least one kind that counts.  NULL, or the i18n key with
 * *field the index of the field it is about (0 needed, 1..3 counts,
 * 4..6 caps: the form's order).
 */
const char *
renewal_rules_check(const struct renewal_rules *r, int *field)
{
	const long long	 cap[3] = { r->cap_meeting, r->cap_paper,
	    r->cap_seminar };
	int		 i;

	*field = 0;
	if (r->needed < 0 || r->needed > 1000)
		return "renewal.err.range";
	for (i = 0; i < 3; i++) {
		*field = 4 + i;
		if (cap[i] < 0 || cap[i] > 1000)
			return "renewal.err.range";
		if (cap[i] > r->needed && r->needed > 0)
			return "renewal.err.cap";
	}
	*field = 1;
	if (r->needed > 0 && !r->count_meeting && !r->count_paper &&
	    !r->count_seminar)
		return "renewal.err.no-kind";
	return NULL;
}

/*
 * The session's exams ("year:result:paid:id;…", the fourth part of
 * RENEWAL_SESSION_SQL's value).  NULL when v has no such part.
 */
static const char *
exams_part(const char *v)
{
	int	 i;

	for (i = 0; v != NULL && i < 3; i++)
		if ((v = strchr(v, ',')) != NULL)
			v++;
	return v;
}

/* The exam of year in the session's list: 1 (filled in), 0 none. */
int
renewal_exam_of(const char *v, int year, struct renewal_exam_st *x)
{
	const char	*p;
	char		 res[8];
	long long	 id;
	int		 y, paid;

	memset(x, 0, sizeof(*x));
	for (p = exams_part(v); p != NULL && *p != '\0';
	    p += strcspn(p, ";"), p += *p == ';') {
		if (sscanf(p, "%d:%7[a-z]:%d:%lld", &y, res, &paid, &id) != 4 ||
		    y != year)
			continue;
		x->id = id;
		x->year = y;
		x->paid = paid != 0;
		snprintf(x->result, sizeof(x->result), "%s", res);
		return 1;
	}
	return 0;
}

/*
 * The year of a pass that spares the exam of `year` (seed 003: passed
 * the year before, or already this year), else 0.
 */
int
renewal_exam_passed(const char *v, int year)
{
	struct renewal_exam_st	 x;
	int			 y;

	for (y = year; y >= year - 1; y--)
		if (renewal_exam_of(v, y, &x) && strcmp(x.result, "pass") == 0)
			return y;
	return 0;
}
