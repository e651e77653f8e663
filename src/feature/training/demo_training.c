/*
 * demo_training.c — training's part of `shikakuctl demo load` (BRD-11):
 * the completion offering of this year, open from a week before the
 * load to two months after it (the demo clock included), and the
 * accepted residents of the recruitment demo in the first states:
 * 記録中 (two rotations, a draft) and 申請済み (rotations covering the
 * program, submitted to the director).  The third accepted resident is
 * left with nothing, for the walk.  Later states (at the society,
 * returned, approved, certified) are the review chain's loader.
 * Idempotent: a resident with a live application is left as is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "apply.h"
#include "clock.h"
#include "ctl.h"
#include "ctx.h"
#include "db.h"
#include "feature.h"
#include "tenant.h"
#include "training.h"

#define DAY	86400

/* One rotation row: months from the program's first, and a facility. */
struct demo_rot {
	int	 from, to;	/* offsets in months */
	int	 facility;	/* index into the program's facilities */
	const char *employment;
};

static const struct demo_rot recording[] = {
	{ 0, 11, 0, "full" }, { 12, 17, 1, "full" }, { -1, 0, 0, NULL },
};
/* Offsets past the program's end are cut to its last month. */
static const struct demo_rot covering[] = {
	{ 0, 11, 0, "full" }, { 12, 23, 1, "full" }, { 24, 999, 0, "full" },
	{ -1, 0, 0, NULL },
};

static void
ym(int m, char *out, size_t len)
{
	snprintf(out, len, "%04d-%02d", m / 12, m % 12 + 1);
}

static int
add(struct kvlist *kv, const char *k, const char *v)
{
	return kv_add(kv, k, strlen(k), v, strlen(v)) == KV_OK ? 0 : -1;
}

/* The rows of one resident from a plan.  0, -1. */
static int
plan_rows(struct ctx *c, const char *uid, const struct demo_rot *plan,
    struct apply_rows *rs)
{
	struct tfacility	 fs[TRAINING_FACILITIES_MAX];
	struct tprogram		 pg;
	struct apply_row	*row;
	char			 s[24], e[24], fid[24];
	int			 from, to, n, i;

	if (dbq_training_program(c->app->db, c->tenant->slug, uid, &pg) <= 0 ||
	    (n = dbq_training_facilities(c->app->db, c->tenant->slug, pg.id,
	    fs, TRAINING_FACILITIES_MAX)) <= 0)
		return -1;
	training_span(pg.year, pg.years, &from, &to);
	for (i = 0; plan[i].from >= 0; i++)
		;
	if ((rs->row = calloc((size_t)i, sizeof(*rs->row))) == NULL)
		return -1;
	for (i = 0; plan[i].from >= 0; i++) {
		row = &rs->row[rs->n++];
		row->id = i + 1;
		ym(from + plan[i].from, s, sizeof(s));
		ym(from + plan[i].to > to ? to : from + plan[i].to, e,
		    sizeof(e));
		snprintf(fid, sizeof(fid), "%lld", fs[plan[i].facility % n].id);
		if (add(&row->vals, "facility", fid) == -1 ||
		    add(&row->vals, "start", s) == -1 ||
		    add(&row->vals, "end", e) == -1 ||
		    add(&row->vals, "employment", plan[i].employment) == -1 ||
		    add(&row->vals, "note", "") == -1)
			return -1;
	}
	return 0;
}

static int
demo_resident(struct ctx *c, long long win, const char *uid,
    const char *regno, const struct demo_rot *plan, int submit,
    const char *now)
{
	struct apply_rows	 rs = { NULL, 0 };
	int			 k = -1;

	if (plan_rows(c, uid, plan, &rs) == 0)
		k = apply_seed(c, &training_completion, win, uid, &rs, submit,
		    now, "ctl:demo");
	apply_rows_free(&rs);
	if (k >= 0)
		fprintf(stderr, "demo training: %s %s (%s)\n", regno,
		    submit ? "申請済み (submitted)" : "記録中 (recording)",
		    k > 0 ? "made" : "kept");
	return k < 0 ? -1 : 0;
}

static int
demo_tenant(struct ctl *cl, const struct tenant *t)
{
	struct db		*d = cl->db;
	struct app		 app;
	struct ctx		 c;
	struct dbres		*r = NULL;
	struct tm		 tm;
	time_t			 now = clock_now();
	char			 open_at[CLOCK_SQL_LEN], close_at[CLOCK_SQL_LEN];
	char			 at[CLOCK_SQL_LEN];
	const char		*regno;
	long long		 win;
	int			 rc = -1;

	memset(&app, 0, sizeof(app));
	memset(&c, 0, sizeof(c));
	app.db = d;
	c.app = &app;
	c.tenant = t;
	snprintf(c.lang, sizeof(c.lang), "ja");
	jst_tm(now, &tm);
	jst_sql(now - 7 * DAY, open_at, sizeof(open_at));
	memcpy(open_at + 11, "00:00:00", 8);
	jst_sql(now + 60 * DAY, close_at, sizeof(close_at));
	memcpy(close_at + 11, "23:59:59", 8);
	jst_sql(now, at, sizeof(at));
	if ((win = dbq_offering_put(d, t->slug, TRAINING_FEATURE,
	    TRAINING_KIND, tm.tm_year + 1900, open_at, close_at)) <= 0 ||
	    (r = dbq_training_residents(d, t->slug)) == NULL)
		goto out;
	fprintf(stderr, "demo training: %s completion window %s ~ %s\n",
	    t->slug, open_at, close_at);
	if (r->nrows > 0) {
		regno = dbres_get(r, 0, TRES_COL_REGNO);
		if (demo_resident(&c, win, dbres_get(r, 0, TRES_COL_UID),
		    regno ? regno : "?", recording, 0, at) == -1)
			goto out;
	}
	if (r->nrows > 1) {
		regno = dbres_get(r, 1, TRES_COL_REGNO);
		if (demo_resident(&c, win, dbres_get(r, 1, TRES_COL_UID),
		    regno ? regno : "?", covering, 1, at) == -1)
			goto out;
	}
	/* The later steps: the review chain's residents (demo_review.c). */
	if (demo_review(cl, t, win) == -1)
		goto out;
	rc = 0;
out:
	dbres_free(r);
	return rc;
}

int
demo_training(void *arg)
{
	struct ctl	*c = arg;
	size_t		 i;
	int		 rc = 0;

	for (i = 0; i < c->tenants->n; i++)
		if (tenant_has_feature(&c->tenants->t[i], TRAINING_FEATURE) &&
		    demo_tenant(c, &c->tenants->t[i]) == -1) {
			fprintf(stderr, "demo training: %s failed\n",
			    c->tenants->t[i].slug);
			rc = -1;
		}
	return rc;
}
