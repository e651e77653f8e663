/*
 * credit_demo.c — the credit service's part of `shikakuctl demo load`: a
 * few generic events per tenant and the demo member's attendance, dated
 * from today so the ledger shows several fiscal years.  The societies'
 * loaders (cme, certify, renewal) add their own volumes through the same
 * credit_event_put() and credit_attend().
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "credit_int.h"
#include "db.h"
#include "tenant.h"

struct demo_event {
	const char	*tenant;
	const char	*number, *title, *kind, *series, *place;
	int		 years_ago;	/* from today, same day */
	double		 units;
	const char	*code[2];
	double		 code_units[2];
};

static const struct demo_event events[] = {
	{ "medassoc", "DEMO-L1", "地域医療と在宅医療の連携（デモ）",
	    "lecture", NULL, "デモ医師会館", 0, 0, { "12", "80" },
	    { 1.0, 0.5 } },
	{ "medassoc", "DEMO-L2", "高血圧症の管理（デモ）", "lecture", NULL,
	    "デモ医師会館", 1, 0, { "74", NULL }, { 1.5, 0 } },
	{ "medassoc", "DEMO-L3", "医療倫理の基礎（デモ）", "lecture", NULL,
	    "オンライン", 2, 0, { "2", NULL }, { 1.0, 0 } },
	{ "palliative", "DEMO-S1", "教育セミナー（デモ）", "seminar", NULL,
	    "デモ会議場", 1, 10, { NULL, NULL }, { 0, 0 } },
	{ "oncology", "DEMO-SA", "教育セミナーAセッション（デモ）", "seminar",
	    "A", "デモ会議場", 2, 10, { NULL, NULL }, { 0, 0 } },
	{ "oncology", "DEMO-SB", "教育セミナーBセッション（デモ）", "seminar",
	    "B", "デモ会議場", 1, 10, { NULL, NULL }, { 0, 0 } },
};

/* The demo member of each tenant (ctl_user.c's demo accounts). */
static const struct {
	const char	*tenant, *number;
} members[] = {
	{ "medassoc", "1301234" }, { "palliative", "100234" },
	{ "oncology", "300512" },
};

int
credit_demo(struct db *db, const struct tenant *t)
{
	struct credit_event	 e;
	const char		*codes[2], *uidp;
	char			 org[80], uid[80], day[16], held[16];
	double			 units[2];
	long long		 id;
	size_t			 i, n, k;
	int			 y, m, d;

	if (dbq_credit_role_uid(db, t->slug, CREDIT_ORGANIZER, org,
	    sizeof(org)) == 0 && dbq_credit_role_uid(db, t->slug,
	    "tenant_admin", org, sizeof(org)) <= 0)
		return 0;		/* nobody to organize: nothing */
	uid[0] = '\0';
	for (k = 0; k < sizeof(members) / sizeof(members[0]); k++)
		if (strcmp(members[k].tenant, t->slug) == 0 &&
		    dbq_credit_member(db, t->slug, members[k].number, uid,
		    sizeof(uid)) < 0)
			return -1;
	clock_today(day, sizeof(day));
	if (sscanf(day, "%d-%d-%d", &y, &m, &d) != 3)
		return -1;
	if (m == 2 && d == 29)
		d = 28;
	if (db_begin(db) < 0)
		return -1;
	for (i = 0; i < sizeof(events) / sizeof(events[0]); i++) {
		if (strcmp(events[i].tenant, t->slug) != 0)
			continue;
		snprintf(held, sizeof(held), "%04d-%02d-%02d",
		    y - events[i].years_ago, m, d);
		memset(&e, 0, sizeof(e));
		e.number = events[i].number;
		e.title = events[i].title;
		e.kind = events[i].kind;
		e.series = events[i].series;
		e.held_on = held;
		e.place = events[i].place;
		e.organizer_uid = org;
		e.units = events[i].units;
		for (n = 0; n < 2 && events[i].code[n] != NULL; n++) {
			codes[n] = events[i].code[n];
			units[n] = events[i].code_units[n];
		}
		if ((id = credit_event_put(db, t->slug, &e, codes, units,
		    n)) < 0)
			goto fail;
		uidp = uid;
		units[0] = -1;
		if (uid[0] != '\0' && credit_attend(db, t->slug, &id, &uidp,
		    units, 1) < 0)
			goto fail;
	}
	return db_commit(db) < 0 ? -1 : 0;
fail:
	db_rollback(db);
	return -1;
}
