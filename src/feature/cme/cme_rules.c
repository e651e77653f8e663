/*
 * cme_rules.c — the rules of 「かかりつけ医機能報告制度にかかる研修」's
 * completion application (seed 004), with no database: what the unit
 * tests hold to.
 *
 *   - fiscal years run April–March in Japan time, named by the year
 *     they start in (the credit service's credit_fy());
 *   - a self-reported credit (単位等追加入力) counts only for the
 *     fiscal year of the application: earned this fiscal year, not
 *     after today;
 *   - 実地研修: category I items (several, 5 単位 each) or one category
 *     II item (5 単位), never both;
 *   - with category II the application goes to the prefecture's
 *     association, or stays with the national one;
 *   - eligibility: lecture credits and practical training both present,
 *     and 10 単位 or more in total.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apply.h"
#include "clock.h"
#include "cme.h"
#include "credit.h"

/* The date part of "YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS" (Japan time). */
int
cme_fy(const char *date)
{
	char	 d[11];

	if (date == NULL || (strlen(date) != 10 && strlen(date) != 19))
		return -1;
	snprintf(d, sizeof(d), "%.10s", date);
	return credit_fy(d);
}

int
cme_fy_at(time_t t)
{
	return credit_fy_at(t);
}

/* earned ("YYYY-MM-DD") in today's fiscal year and not after today. */
int
cme_self_ok(const char *earned, const char *today)
{
	int	 fy;

	if ((fy = cme_fy(earned)) == -1 || fy != cme_fy(today))
		return 0;
	return strncmp(earned, today, 10) <= 0;
}

/* "12", "2.5", "0.5": units in tenths, at most one decimal; -1 else. */
int
cme_tenths(const char *s)
{
	long	 v = 0;
	int	 digits = 0, frac = -1;

	if (s == NULL)
		return -1;
	for (; *s != '\0'; s++) {
		if (*s == '.' && frac == -1 && digits > 0) {
			frac = 0;
			continue;
		}
		if (*s < '0' || *s > '9' || frac == 1 || digits > 5)
			return -1;
		v = v * 10 + (*s - '0');
		if (frac == 0)
			frac = 1;
		else
			digits++;
	}
	if (digits == 0 || frac == 0)
		return -1;
	return (int)(frac == 1 ? v : v * 10);
}

void
cme_tenths_text(int t, char *out, size_t len)
{
	if (t % 10 == 0)
		snprintf(out, len, "%d", t / 10);
	else
		snprintf(out, len, "%d.%d", t / 10, t % 10);
}

/*
 * Row k's category among cat[0..n-1] ('1' I, '2' II, other: not yet
 * chosen): II beside anything else, or I beside II, is refused; two II
 * rows are too (II gives 5 単位 once).
 */
const char *
cme_practical_mix(const char *cat, size_t n, size_t k)
{
	size_t	 i;

	if (k >= n || (cat[k] != '1' && cat[k] != '2'))
		return NULL;
	for (i = 0; i < n; i++) {
		if (i == k || (cat[i] != '1' && cat[i] != '2'))
			continue;
		if (cat[i] != cat[k])
			return "cme.err.mixed";
		if (cat[k] == '2')
			return "cme.err.ii-once";
	}
	return NULL;
}

/*
 * Where the application goes: the chosen association, or with category
 * II its prefecture's (PP000) — the national one (00000) stays.
 */
void
cme_dest(const char *chosen, int has_ii, char *out, size_t len)
{
	if (chosen == NULL || strlen(chosen) != 5) {
		snprintf(out, len, "%s", "");
		return;
	}
	if (has_ii && strcmp(chosen, CME_NATIONAL) != 0)
		snprintf(out, len, "%.2s000", chosen);
	else
		snprintf(out, len, "%s", chosen);
}

/*
 * CME-6: lecture (座学研修) and practical (実地研修) both present, and
 * 10 単位 in total; each reason that fails, in that order.
 */
void
cme_eligibility(int lecture, size_t n_i, size_t n_ii,
    struct apply_shortfalls *sf)
{
	int	 total;
	char	 arg[16];

	total = lecture + (int)(n_i + n_ii) * CME_PRACTICAL_UNITS;
	if (lecture <= 0)
		apply_shortfall_add(sf, "cme.short.lecture", NULL);
	if (n_i + n_ii == 0)
		apply_shortfall_add(sf, "cme.short.practical", NULL);
	if (n_i > 0 && n_ii > 0)
		apply_shortfall_add(sf, "cme.short.mixed", NULL);
	if (total < CME_NEEDED) {
		cme_tenths_text(total, arg, sizeof(arg));
		apply_shortfall_add(sf, "cme.short.total", arg);
	}
}

/*
 * An association's code as the tenant admin types it (/admin/cme/assocs
 * and its CSV): five digits, the prefecture's JIS X 0401 code first.
 * 00000 is the national association, PP000 a prefecture's, PPnnn one of
 * its local ones.  Its kind ("national", "pref", "local"), else NULL.
 */
const char *
cme_assoc_kind(const char *code)
{
	int	 pref;

	if (code == NULL || strlen(code) != 5 ||
	    strspn(code, "0123456789") != 5)
		return NULL;
	if (strcmp(code, CME_NATIONAL) == 0)
		return "national";
	pref = (code[0] - '0') * 10 + (code[1] - '0');
	if (pref < 1 || pref > 47)
		return NULL;
	return strcmp(code + 2, "000") == 0 ? "pref" : "local";
}
