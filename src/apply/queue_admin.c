/*
 * queue_admin.c — /admin/queues (ADM-1, issue 14): the applications of
 * every feature of the tenant in one place, for the tenant admin.
 * Filters: feature, offering, year, state, reviewer (one who acted on
 * the application, or to whom its scope assigns it), waiting at its
 * stage longer than N days.  Counts per state of exactly the filtered
 * applications (every filter but the state's, so each state's count
 * shows what choosing it gives), then the rows.  /admin/queues.csv
 * writes exactly the filtered rows for Excel (BOM, CRLF, RFC 4180),
 * audited as every export of members' data is.  Two statements for the
 * page besides the session's; one for the CSV.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "apply.h"
#include "buf.h"
#include "clock.h"
#include "csv.h"
#include "ctx.h"
#include "db.h"
#include "feature.h"
#include "render.h"
#include "review.h"
#include "session.h"
#include "tenant.h"

#define QUEUES_PATH	"/admin/queues"
#define ROWS_SHOWN	500		/* on the page; the CSV has all */
#define ROWS_CSV	50000
#define WAIT_DAYS_MAX	3650
#define UID_MAX		64

static const char *const app_states[] = { "draft", "submitted", "returned",
	"approved", "rejected", "withdrawn", NULL };

struct queues {
	struct admq_filter	 f;
	char			 year[8], days[8];
	char			 before[CLOCK_SQL_LEN];
};

static int
in_list(const char *s, const char *const *list)
{
	size_t	 i;

	for (i = 0; list[i] != NULL; i++)
		if (strcmp(list[i], s) == 0)
			return 1;
	return 0;
}

/* A feature of the tenant that has offerings. */
static int
feature_ok(const struct tenant *t, const char *name)
{
	size_t	 i;

	for (i = 0; features[i] != NULL; i++)
		if (features[i]->offerings != NULL &&
		    strcmp(features[i]->name, name) == 0)
			return tenant_has_feature(t, name);
	return 0;
}

static const char *
qarg(struct ctx *c, const char *k, size_t max)
{
	const char	*v = kv_str(&c->query, k);

	return v == NULL || strlen(v) > max ? "" : v;
}

/* The query's filters, each one dropped when it is not a valid value. */
static void
filters(struct ctx *c, struct queues *q)
{
	struct admq_filter	*f = &q->f;
	const char		*v;
	size_t			 n;

	memset(q, 0, sizeof(*q));
	f->tenant = c->tenant->slug;
	f->feature = qarg(c, "feature", 32);
	if (*f->feature != '\0' && !feature_ok(c->tenant, f->feature))
		f->feature = "";
	f->kind = qarg(c, "kind", 32);
	if (*f->kind != '\0' && apply_offering_find(c->tenant, f->kind) ==
	    NULL)
		f->kind = "";
	f->state = qarg(c, "state", 16);
	if (*f->state != '\0' && !in_list(f->state, app_states))
		f->state = "";
	f->reviewer = qarg(c, "reviewer", UID_MAX);
	n = strlen(f->reviewer);
	if (strspn(f->reviewer, "abcdefghijklmnopqrstuvwxyz0123456789._-") !=
	    n)
		f->reviewer = "";
	v = qarg(c, "year", 4);
	if (strlen(v) == 4 && strspn(v, "0123456789") == 4) {
		f->year = atoll(v);
		snprintf(q->year, sizeof(q->year), "%s", v);
	}
	v = qarg(c, "days", 4);
	f->before = "";
	if (*v != '\0' && strspn(v, "0123456789") == strlen(v) &&
	    atoll(v) <= WAIT_DAYS_MAX) {
		jst_sql(clock_now() - (time_t)atoll(v) * 86400, q->before,
		    sizeof(q->before));
		f->before = q->before;
		snprintf(q->days, sizeof(q->days), "%lld", atoll(v));
	}
}

/* The title key of an application's stage, or NULL. */
static const char *
stage_title(const struct apply_offering *o, const char *stage)
{
	int	 i, n = atoi(stage);

	if (o == NULL || o->stages == NULL || n < 0)
		return NULL;
	for (i = 0; i < n && o->stages[i].name != NULL; i++)
		;
	return o->stages[i].name != NULL ? o->stages[i].title : NULL;
}

/* ---- the page ------------------------------------------------------------- */

/* The filter form's choices: the tenant's features and offerings. */
static void
choices_model(struct ctx *c, xmlNodePtr qn)
{
	const struct apply_offering *o;
	xmlNodePtr		 n;
	size_t			 i, k;

	for (i = 0; features[i] != NULL; i++) {
		if (features[i]->offerings == NULL ||
		    !tenant_has_feature(c->tenant, features[i]->name))
			continue;
		n = model_node(qn, "feature");
		model_attr(n, "name", features[i]->name);
		for (k = 0; (o = features[i]->offerings[k]) != NULL; k++) {
			n = model_node(qn, "offering");
			model_attr(n, "kind", o->kind);
			model_attr(n, "title", o->title);
			model_attr(n, "feature", o->feature);
		}
	}
	for (i = 0; app_states[i] != NULL; i++)
		model_attr(model_node(qn, "state"), "name", app_states[i]);
}

static void
row_model(const struct tenant *tn, xmlNodePtr parent, const struct dbres *r,
    size_t i, const char *now)
{
	static const char *const attr[ADMQ_COL__MAX] = {
		"id", "number", "feature", "kind", "year", "uid",
		"member-no", "name", "state", "stage", "waiting",
		"submitted", "decided", "fee"
	};
	const struct apply_offering *o;
	const char	*v, *t;
	xmlNodePtr	 n;
	time_t		 a, b;
	size_t		 k;

	n = model_node(parent, "app");
	for (k = 0; k < ADMQ_COL__MAX; k++)
		if ((v = dbres_get(r, i, k)) != NULL)
			model_attr(n, attr[k], v);
	o = apply_offering_find(tn, dbres_get(r, i, ADMQ_COL_KIND));
	if (o != NULL)
		model_attr(n, "title", o->title);
	if (strcmp(dbres_get(r, i, ADMQ_COL_STATE), "submitted") == 0 &&
	    (t = stage_title(o, dbres_get(r, i, ADMQ_COL_STAGE))) != NULL)
		model_attr(n, "stage-title", t);
	v = dbres_get(r, i, ADMQ_COL_WAITING);
	if (v != NULL && jst_parse(v, &a) == 0 && jst_parse(now, &b) == 0 &&
	    b >= a)
		model_attrf(n, "waiting-days", "%lld",
		    (long long)((b - a) / 86400));
}

static enum result
page_queues(struct ctx *c)
{
	struct queues	 q;
	struct dbres	*rows = NULL, *counts = NULL;
	xmlNodePtr	 qn, n;
	char		 now[CLOCK_SQL_LEN];
	size_t		 i;
	long long	 total = 0;
	enum result	 res = RES_UNAVAIL;

	filters(c, &q);
	clock_now_sql(now, sizeof(now));
	if ((counts = dbq_admq_counts(c->app->db, &q.f)) == NULL ||
	    (rows = dbq_admq_apps(c->app->db, &q.f, ROWS_SHOWN + 1)) == NULL)
		goto out;
	res = RES_INTERNAL;
	if (model_new(c, "admin-queues") == -1)
		goto out;
	qn = model_node(c->content, "queues");
	model_attr(qn, "feature", q.f.feature);
	model_attr(qn, "kind", q.f.kind);
	model_attr(qn, "year", q.year);
	model_attr(qn, "state", q.f.state);
	model_attr(qn, "reviewer", q.f.reviewer);
	model_attr(qn, "days", q.days);
	choices_model(c, qn);
	for (i = 0; i < counts->nrows; i++) {
		n = model_node(qn, "count");
		model_attr(n, "state", dbres_get(counts, i, ADMQC_COL_STATE));
		model_attr(n, "n", dbres_get(counts, i, ADMQC_COL_N));
		total += atoll(dbres_get(counts, i, ADMQC_COL_N));
	}
	model_attrf(qn, "total", "%lld", total);
	model_attrf(qn, "shown", "%zu", rows->nrows > ROWS_SHOWN ?
	    (size_t)ROWS_SHOWN : rows->nrows);
	if (rows->nrows > ROWS_SHOWN)
		model_attr(qn, "more", "1");
	n = model_node(qn, "apps");
	for (i = 0; i < rows->nrows && i < ROWS_SHOWN; i++)
		row_model(c->tenant, n, rows, i, now);
	res = RES_OK;
out:
	dbres_free(rows);
	dbres_free(counts);
	return res;
}

/* ---- the CSV -------------------------------------------------------------- */

static int
csv_head(struct ctx *c, struct buf *b)
{
	static const char *const ja[] = { "申請番号", "機能", "申請種別",
	    "年度", "会員番号", "氏名", "状態", "審査段階", "待機日数",
	    "申請日時", "決定日時", "料金" };
	static const char *const en[] = { "Application number", "Feature",
	    "Offering", "Year", "Member number", "Name", "State", "Stage",
	    "Days waiting", "Submitted at", "Decided at", "Fee" };
	size_t	 i;
	int	 err = csv_bom(b);

	for (i = 0; i < sizeof(ja) / sizeof(ja[0]); i++)
		err |= csv_cell(b, ctx_en(c) ? en[i] : ja[i]);
	return err | csv_eol(b);
}

/* A message of the catalogue, or "" for none. */
static const char *
msg(struct ctx *c, const char *key)
{
	const char	*m;

	if (key == NULL)
		return "";
	m = render_message(c->app->render, c->lang, key);
	return m != NULL ? m : key;
}

static int
csv_line(struct ctx *c, const struct dbres *r, size_t i, const char *now,
    struct buf *b)
{
	const struct apply_offering *o;
	const char	*w, *fee;
	char		 key[64];
	time_t		 a, t;
	int		 err = 0;

	o = apply_offering_find(c->tenant, dbres_get(r, i, ADMQ_COL_KIND));
	err |= csv_cell(b, dbres_get(r, i, ADMQ_COL_NUMBER));
	err |= csv_cell(b, dbres_get(r, i, ADMQ_COL_FEATURE));
	err |= csv_cell(b, o == NULL ? dbres_get(r, i, ADMQ_COL_KIND) :
	    ctx_en(c) ? o->name_en : o->name_ja);
	err |= csv_cell(b, dbres_get(r, i, ADMQ_COL_YEAR));
	err |= csv_cell(b, dbres_get(r, i, ADMQ_COL_MEMBER_NO));
	err |= csv_cell(b, dbres_get(r, i, ADMQ_COL_NAME));
	snprintf(key, sizeof(key), "apply.state.%s",
	    dbres_get(r, i, ADMQ_COL_STATE));
	err |= csv_cell(b, msg(c, key));
	err |= csv_cell(b, strcmp(dbres_get(r, i, ADMQ_COL_STATE),
	    "submitted") == 0 ? msg(c, stage_title(o, dbres_get(r, i,
	    ADMQ_COL_STAGE))) : "");
	w = dbres_get(r, i, ADMQ_COL_WAITING);
	if (w != NULL && jst_parse(w, &a) == 0 && jst_parse(now, &t) == 0 &&
	    t >= a)
		err |= csv_cellf(b, "%lld", (long long)((t - a) / 86400));
	else
		err |= csv_cell(b, "");
	err |= csv_cell(b, dbres_get(r, i, ADMQ_COL_SUBMITTED));
	err |= csv_cell(b, dbres_get(r, i, ADMQ_COL_DECIDED));
	fee = dbres_get(r, i, ADMQ_COL_FEE);
	if (fee != NULL)
		snprintf(key, sizeof(key), "fee.state.%s", fee);
	err |= csv_cell(b, fee == NULL ? "" : msg(c, key));
	return err | csv_eol(b);
}

/* GET /admin/queues.csv?…: exactly the rows the same filters show. */
static enum result
page_queues_csv(struct ctx *c)
{
	struct queues	 q;
	struct dbres	*r;
	struct buf	 b = { NULL, 0, 0 };
	char		 now[CLOCK_SQL_LEN], detail[300];
	enum result	 res = RES_INTERNAL;
	size_t		 i;
	int		 err;

	filters(c, &q);
	clock_now_sql(now, sizeof(now));
	if ((r = dbq_admq_apps(c->app->db, &q.f, ROWS_CSV)) == NULL)
		return RES_UNAVAIL;
	err = csv_head(c, &b);
	for (i = 0; i < r->nrows && err == 0; i++)
		err |= csv_line(c, r, i, now, &b);
	if (err != 0)
		goto out;
	/* No export of members' data goes unaudited. */
	snprintf(detail, sizeof(detail), "%zu rows; feature=%s kind=%s "
	    "year=%s state=%s reviewer=%s days=%s", r->nrows, q.f.feature,
	    q.f.kind, q.year, q.f.state, q.f.reviewer, q.days);
	if (audit_log(c->app->db, c->tenant->slug, c->sess.uid,
	    "queue.export", "queues", c->remote, detail) <= 0) {
		res = RES_UNAVAIL;
		goto out;
	}
	res = csv_respond(c, &b, ctx_en(c) ? "applications.csv" :
	    "申請一覧.csv");
out:
	dbres_free(r);
	buf_free(&b);
	return res;
}

const struct page queue_admin_pages[] = {
	{ .name = "admin-queues", .methods = M_GET, .path = QUEUES_PATH,
	    .flags = PAGE_TENANT | PAGE_AUTH, .get = page_queues,
	    .menu = "menu.queues", .roles = ROLE_TENANT_ADMIN,
	    .shown = review_has_offerings },
	{ .name = "admin-queues-csv", .methods = M_GET,
	    .path = QUEUES_PATH ".csv", .flags = PAGE_TENANT | PAGE_AUTH,
	    .get = page_queues_csv, .roles = ROLE_TENANT_ADMIN },
	{ .name = NULL },
};
