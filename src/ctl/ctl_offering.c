/*
 * ctl_offering.c — `shikakuctl offering`: the windows of the tenants'
 * offerings (CORE-18).  An offering is a kind of application a feature
 * declares (apply.h); its window for a year is a row of `offering`,
 * open from open_at to close_at inclusive, in Japan time, to the second.
 *
 *   offering set TENANT KIND YEAR OPEN CLOSE   make or move a window
 *   offering list TENANT                       the windows, newest first
 *
 * OPEN and CLOSE are "YYYY-MM-DD HH:MM[:SS]" (or with a 'T').  Each
 * change is audited.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "apply.h"
#include "clock.h"
#include "ctl.h"
#include "db.h"
#include "tenant.h"

static const struct tenant *
tenant_slug(struct ctl *c, const char *slug)
{
	size_t	 i;

	for (i = 0; i < c->tenants->n; i++)
		if (strcmp(c->tenants->t[i].slug, slug) == 0)
			return &c->tenants->t[i];
	fprintf(stderr, "shikakuctl: %s: no such tenant\n", slug);
	return NULL;
}

/* A date-time argument as SQL's "YYYY-MM-DD HH:MM:SS".  0, -1. */
static int
when(const char *arg, char *out)
{
	time_t	 t;

	if (jst_parse(arg, &t) == -1) {
		fprintf(stderr, "shikakuctl: %s: expected YYYY-MM-DD HH:MM[:SS] "
		    "(Japan time)\n", arg);
		return -1;
	}
	jst_sql(t, out, CLOCK_SQL_LEN);
	return 0;
}

int
cmd_offering_set(struct ctl *c, int argc, char **argv)
{
	const struct apply_offering	*off;
	const struct tenant		*t;
	char				 open_at[CLOCK_SQL_LEN];
	char				 close_at[CLOCK_SQL_LEN], detail[80];
	long long			 id;
	int				 year;

	if (argc != 5) {
		fprintf(stderr, "usage: shikakuctl offering set TENANT KIND "
		    "YEAR OPEN CLOSE\n");
		return 2;
	}
	if ((t = tenant_slug(c, argv[0])) == NULL)
		return 1;
	if ((off = apply_offering_find(t, argv[1])) == NULL) {
		fprintf(stderr, "shikakuctl: %s: no offering %s (is its "
		    "feature in features =?)\n", t->slug, argv[1]);
		return 1;
	}
	year = atoi(argv[2]);
	if (year < 2000 || year > 2200 || when(argv[3], open_at) == -1 ||
	    when(argv[4], close_at) == -1)
		return 2;
	if (strcmp(open_at, close_at) >= 0) {
		fprintf(stderr, "shikakuctl: the window must open before it "
		    "closes\n");
		return 2;
	}
	snprintf(detail, sizeof(detail), "%d %s ~ %s", year, open_at,
	    close_at);
	if (db_begin(c->db) < 0 || (id = dbq_offering_put(c->db, t->slug,
	    off->feature, off->kind, year, open_at, close_at)) <= 0 ||
	    audit_log(c->db, t->slug, ctl_actor(), "apply.offering",
	    off->kind, NULL, detail) < 0 || db_commit(c->db) < 0) {
		db_rollback(c->db);
		fprintf(stderr, "shikakuctl: offering set failed\n");
		return 1;
	}
	printf("%lld\t%s\t%d\t%s\t%s\n", id, off->kind, year, open_at,
	    close_at);
	return 0;
}

int
cmd_offering_list(struct ctl *c, int argc, char **argv)
{
	const struct tenant	*t;
	struct dbres		*r;
	size_t			 i;

	if (argc != 1) {
		fprintf(stderr, "usage: shikakuctl offering list TENANT\n");
		return 2;
	}
	if ((t = tenant_slug(c, argv[0])) == NULL)
		return 1;
	if ((r = dbq_offerings(c->db, t->slug)) == NULL)
		return 1;
	for (i = 0; i < r->nrows; i++)
		printf("%s\t%s\t%s\t%s\t%s\n",
		    dbres_get(r, i, OFFERING_COL_ID),
		    dbres_get(r, i, OFFERING_COL_KIND),
		    dbres_get(r, i, OFFERING_COL_YEAR),
		    dbres_get(r, i, OFFERING_COL_OPEN),
		    dbres_get(r, i, OFFERING_COL_CLOSE));
	dbres_free(r);
	return 0;
}
