/*
 * offering_admin.c — /admin/offerings (CORE-18; PAL-12, ONC-14 and
 * CME's windows): the tenant admin sets the window (open and close, Japan
 * time, to the second) of every offering of the tenant's features for a
 * year, one by one or as a CSV through the platform's import
 * (/admin/offerings/import, import.h).  What shikakuctl offering set does
 * for operators, with the same rules: the kind is one of the tenant's,
 * the window opens before it closes; each change and its audit line are
 * one transaction.  offering's triggers bump refdata_version, so every
 * worker's cached windows (refcache.c) and so every member's menu see
 * the change at their next request.
 *
 * Each year's fees sit beside its window (issue 12, ONC-14): the kinds
 * an offering declares (struct apply_fee: 認定料, 審査料, 受験料, …), each
 * with the year's amount (table offering_fee) or, blank, the default;
 * saved with the window in its transaction, each change audited
 * (apply.offering.fee); offering_fee's triggers bump refdata_version
 * too, and fees already created keep their amounts.
 *
 * Above the lists, the next 12 months as one table (issue 14): a row
 * per offering with its windows, each linked to its form here, and the
 * rows a feature adds of its own dates (struct feature's schedule, e.g.
 * recruit's rounds), read-only here and linked to the page that edits
 * them by that feature's rules.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "apply.h"
#include "buf.h"
#include "clock.h"
#include "ctx.h"
#include "db.h"
#include "feature.h"
#include "form.h"
#include "import.h"
#include "refcache.h"
#include "review.h"
#include "review_export.h"
#include "session.h"
#include "tenant.h"

#define ADMIN_PAGE	(PAGE_TENANT | PAGE_AUTH)
#define YEAR_MIN	2000
#define YEAR_MAX	2200

static const struct field window_fields[] = {
	{ "kind", F_TEXT, 1, 32, "offerings.field.kind", NULL },
	{ "year", F_DIGITS, 1, 4, "offerings.field.year", NULL },
	{ "open_at", F_DATETIME, 1, 0, "offerings.field.open", NULL },
	{ "close_at", F_DATETIME, 1, 0, "offerings.field.close", NULL },
};
#define NWINDOW	(sizeof(window_fields) / sizeof(window_fields[0]))

/* A window as typed, checked: 0 ok, else the error's key and *field. */
struct window_in {
	const struct apply_offering *off;
	int		 year;
	char		 open_at[CLOCK_SQL_LEN];
	char		 close_at[CLOCK_SQL_LEN];
};

/*
 * The rules of a window, shared by the form and the import: NULL ok,
 * else the i18n key of the error and *at the field (0 kind, 1 year,
 * 2 open, 3 close).
 */
static const char *
window_check(const struct tenant *t, const char *kind, const char *year,
    const char *open_at, const char *close_at, struct window_in *w,
    int *at)
{
	*at = 0;
	if ((w->off = apply_offering_find(t, kind)) == NULL)
		return "offerings.err.kind";
	*at = 1;
	if (strlen(year) != 4 || strspn(year, "0123456789") != 4 ||
	    (w->year = atoi(year)) < YEAR_MIN || w->year > YEAR_MAX)
		return "offerings.err.year";
	*at = 2;
	if (form_datetime(open_at, w->open_at, sizeof(w->open_at)) == -1)
		return "err.datetime";
	*at = 3;
	if (form_datetime(close_at, w->close_at, sizeof(w->close_at)) == -1)
		return "err.datetime";
	if (strcmp(w->open_at, w->close_at) >= 0)
		return "offerings.err.order";
	return NULL;
}

/* ---- the page ---------------------------------------------------------------- */

struct kinds {
	const struct tenant *t;
	xmlNodePtr	 list;
	xmlNodePtr	 cal;		/* the 12-month table */
};

static int
kind_model(const struct apply_offering *o, void *arg)
{
	struct kinds		*k = arg;
	const struct apply_fee	*f;
	xmlNodePtr		 n, e;

	n = model_node(k->list, "offering");
	model_attr(n, "kind", o->kind);
	model_attr(n, "title", o->title);
	model_attr(n, "feature", o->feature);
	for (f = o->fees; f != NULL && f->name != NULL; f++) {
		e = model_node(n, "fee-kind");
		model_attr(e, "name", f->name);
		model_attr(e, "title", f->title);
		model_attrf(e, "default", "%lld",
		    apply_fee_default(k->t, o, f));
	}
	n = model_node(k->cal, "row");
	model_attr(n, "kind", o->kind);
	model_attr(n, "title-key", o->title);
	model_attr(n, "feature", o->feature);
	return 0;
}

/* Every offering of the tenant's features, in features[] order. */
static void
each_kind(const struct tenant *t, int (*fn)(const struct apply_offering *,
    void *), void *arg)
{
	size_t	 i, k;

	for (i = 0; features[i] != NULL; i++) {
		if (features[i]->offerings == NULL ||
		    !tenant_has_feature(t, features[i]->name))
			continue;
		for (k = 0; features[i]->offerings[k] != NULL; k++)
			(void)fn(features[i]->offerings[k], arg);
	}
}

/* The <offering> node of kind under list, or NULL. */
static xmlNodePtr
kind_node(xmlNodePtr list, const char *kind)
{
	xmlNodePtr	 n;
	xmlChar		*k;
	int		 eq;

	for (n = list->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		k = xmlGetProp(n, (const xmlChar *)"kind");
		eq = k != NULL && strcmp((const char *)k, kind) == 0;
		xmlFree(k);
		if (eq)
			return n;
	}
	return NULL;
}

/*
 * The 12-month table's head: from this month (Japan time) on, each
 * month as ym="202612" (a number, which the stylesheet compares with a
 * span's) and its year and month; then each feature's own rows.
 */
static int
calendar_model(struct ctx *c, xmlNodePtr cal)
{
	struct tm	 tm;
	xmlNodePtr	 m;
	size_t		 i;
	int		 y, mo;

	jst_tm(clock_now(), &tm);
	y = tm.tm_year + 1900;
	mo = tm.tm_mon + 1;
	for (i = 0; i < 12; i++) {
		m = model_node(cal, "month");
		model_attrf(m, "ym", "%04d%02d", y, mo);
		model_attrf(m, "y", "%d", y);
		model_attrf(m, "m", "%d", mo);
		if (++mo == 13) {
			mo = 1;
			y++;
		}
	}
	for (i = 0; features[i] != NULL; i++)
		if (features[i]->schedule != NULL &&
		    tenant_has_feature(c->tenant, features[i]->name) &&
		    features[i]->schedule(c, cal) == -1)
			return -1;
	return 0;
}

/*
 * A window's fees under its offering, beside the <window>s (whose shape
 * stays as it was): <fee year name amount set?/> for each kind the
 * offering declares, the year's amount (set="1") or the default.
 */
static void
window_fees(struct ctx *c, xmlNodePtr off, int year, const char *kind,
    const char *list)
{
	const struct apply_offering	*o;
	const struct apply_fee		*f;
	xmlNodePtr			 e;
	long long			 v;

	if ((o = apply_offering_find(c->tenant, kind)) == NULL)
		return;
	for (f = o->fees; f != NULL && f->name != NULL; f++) {
		e = model_node(off, "fee");
		model_attrf(e, "year", "%d", year);
		model_attr(e, "name", f->name);
		if ((v = apply_fee_in_list(list, f->name)) >= 0)
			model_attr(e, "set", "1");
		else
			v = apply_fee_default(c->tenant, o, f);
		model_attrf(e, "amount", "%lld", v);
	}
}

/* The fee fields of a failed POST as typed: <edit fee_review="…">. */
static void
edit_fees(struct ctx *c, xmlNodePtr e, const struct kvlist *edit)
{
	const struct apply_offering	*o;
	const struct apply_fee		*f;
	const char			*v;
	char				 name[48];

	if ((o = apply_offering_find(c->tenant, kv_str(edit, "kind"))) ==
	    NULL)
		return;
	for (f = o->fees; f != NULL && f->name != NULL; f++) {
		snprintf(name, sizeof(name), "fee_%s", f->name);
		if ((v = kv_str(edit, name)) != NULL)
			model_attr(e, name, v);
	}
}

/*
 * The page: every offering with its windows (newest year first), the
 * form to set one; edit holds the values of a failed POST or of the
 * window chosen with ?kind=&year=.
 */
static enum result
show(struct ctx *c, const struct kvlist *edit, const char *flash)
{
	struct kinds	 k;
	struct dbres	*r;
	struct apply_window w;
	xmlNodePtr	 oa, n, e;
	char		 now[CLOCK_SQL_LEN];
	const char	*v;
	size_t		 i;

	if ((r = dbq_offerings(c->app->db, c->tenant->slug)) == NULL)
		return RES_UNAVAIL;
	if (model_new(c, "offering-admin") == -1) {
		dbres_free(r);
		return RES_INTERNAL;
	}
	if (flash != NULL)
		model_flash(c, flash, "success");
	clock_now_sql(now, sizeof(now));
	oa = model_node(c->content, "offering-admin");
	k.t = c->tenant;
	k.list = oa;
	k.cal = model_node(oa, "calendar");
	each_kind(c->tenant, kind_model, &k);
	for (i = 0; i < r->nrows; i++) {
		if ((n = kind_node(oa, dbres_get(r, i,
		    OFFERING_COL_KIND))) == NULL)
			continue;
		memset(&w, 0, sizeof(w));
		w.id = atoll(dbres_get(r, i, OFFERING_COL_ID));
		w.year = atoi(dbres_get(r, i, OFFERING_COL_YEAR));
		snprintf(w.open_at, sizeof(w.open_at), "%s",
		    dbres_get(r, i, OFFERING_COL_OPEN));
		snprintf(w.close_at, sizeof(w.close_at), "%s",
		    dbres_get(r, i, OFFERING_COL_CLOSE));
		e = model_node(n, "window");
		model_attrf(e, "year", "%d", w.year);
		model_attr(e, "open", w.open_at);
		model_attr(e, "close", w.close_at);
		model_attr(e, "state", apply_wstate_name(
		    apply_window_state(&w, now)));
		window_fees(c, n, w.year, dbres_get(r, i, OFFERING_COL_KIND),
		    dbres_get(r, i, OFFERING_COL_FEES));
		if ((n = kind_node(k.cal, dbres_get(r, i,
		    OFFERING_COL_KIND))) != NULL) {
			e = model_node(n, "span");
			model_attr(e, "open", w.open_at);
			model_attr(e, "close", w.close_at);
			model_attrf(e, "year", "%d", w.year);
		}
	}
	dbres_free(r);
	if (calendar_model(c, k.cal) == -1)
		return RES_UNAVAIL;
	if (edit != NULL && (v = kv_str(edit, "kind")) != NULL &&
	    (n = kind_node(oa, v)) != NULL) {
		e = model_node(n, "edit");
		for (i = 0; i < NWINDOW; i++)
			if ((v = kv_str(edit, window_fields[i].name)) != NULL)
				model_attr(e, window_fields[i].name, v);
		edit_fees(c, e, edit);
	}
	return RES_OK;
}

/* GET /admin/offerings[?kind=&year=] */
static enum result
page_get(struct ctx *c)
{
	const char	*kind = kv_str(&c->query, "kind");
	const char	*year = kv_str(&c->query, "year");
	struct kvlist	 edit;
	enum result	 res;

	if (c->reshow)
		return show(c, &c->form, NULL);
	if (kind == NULL)
		return show(c, NULL, kv_str(&c->query, "done") != NULL ?
		    "offerings.saved" : NULL);
	/* The chosen window's values come from the list itself. */
	memset(&edit, 0, sizeof(edit));
	if (kv_add(&edit, "kind", 4, kind, strlen(kind)) != KV_OK ||
	    (year != NULL && kv_add(&edit, "year", 4, year,
	    strlen(year)) != KV_OK)) {
		kv_free(&edit);
		return RES_INTERNAL;
	}
	res = show(c, &edit, NULL);
	kv_free(&edit);
	return res;
}

/* The year's fees as posted (apply_fee_check(): -2 is the default). */
struct fees_in {
	const struct apply_fee	*f[APPLY_FEES_MAX];
	long long		 amount[APPLY_FEES_MAX];
	size_t			 n;
};

/*
 * For each kind the offering declares whose field "fee_<name>" came,
 * its amount; kinds not posted (the CSV's way, an older form) stay as
 * they are.  0 ok, else the index of the first bad one plus one, its
 * field named in field.
 */
static size_t
fees_check(struct ctx *c, const struct apply_offering *o,
    struct fees_in *fi, char *field, size_t len)
{
	const struct apply_fee	*f;
	const char		*v;
	size_t			 bad = 0;

	memset(fi, 0, sizeof(*fi));
	for (f = o->fees; f != NULL && f->name != NULL &&
	    fi->n < APPLY_FEES_MAX; f++) {
		snprintf(field, len, "fee_%s", f->name);
		if ((v = kv_str(&c->form, field)) == NULL)
			continue;
		fi->f[fi->n] = f;
		if ((fi->amount[fi->n++] = apply_fee_check(v)) == -1 &&
		    bad == 0)
			bad = fi->n;
	}
	if (bad > 0)
		snprintf(field, len, "fee_%s", fi->f[bad - 1]->name);
	return bad;
}

/*
 * The posted fees that change the year's (the cached rows are the
 * committed ones: refdata_version is checked with the session), each
 * written and audited in the caller's transaction.  >0, <0 error.
 */
static int
fees_save(struct ctx *c, const struct window_in *w, long long id,
    const struct fees_in *fi)
{
	const struct dbres	*r;
	const char		*list = NULL;
	char			 now[CLOCK_SQL_LEN], detail[120];
	long long		 cur;
	size_t			 i;

	if ((r = refcache_get(c, "apply.offerings", dbq_offerings)) == NULL)
		return -1;
	for (i = 0; i < r->nrows; i++)
		if (strcmp(dbres_get(r, i, OFFERING_COL_KIND),
		    w->off->kind) == 0 &&
		    atoi(dbres_get(r, i, OFFERING_COL_YEAR)) == w->year)
			list = dbres_get(r, i, OFFERING_COL_FEES);
	clock_now_sql(now, sizeof(now));
	for (i = 0; i < fi->n; i++) {
		cur = apply_fee_in_list(list, fi->f[i]->name);
		if (cur == fi->amount[i])
			continue;
		if (fi->amount[i] >= 0)
			snprintf(detail, sizeof(detail), "%d %s=%lld", w->year,
			    fi->f[i]->name, fi->amount[i]);
		else
			snprintf(detail, sizeof(detail), "%d %s=default",
			    w->year, fi->f[i]->name);
		if (dbq_offering_fee_put(c->app->db, id, fi->f[i]->name,
		    fi->amount[i] >= 0 ? fi->amount[i] : -1, now,
		    c->sess.uid) < 0 || audit_log(c->app->db, c->tenant->slug,
		    c->sess.uid, "apply.offering.fee", w->off->kind, c->remote,
		    detail) <= 0)
			return -1;
	}
	return 1;
}

/* POST /admin/offerings: one window made or moved, its fees, audited. */
static enum result
page_post(struct ctx *c)
{
	struct form_result	 fr;
	struct window_in	 w;
	struct fees_in		 fi;
	const char		*key, *v[NWINDOW];
	char			 detail[120], field[48];
	enum result		 res;
	long long		 id;
	size_t			 i;
	int			 at, ok;

	memset(&fr, 0, sizeof(fr));
	(void)form_validate(window_fields, NWINDOW, &c->form, &fr);
	for (i = 0; i < NWINDOW; i++)
		v[i] = kv_str(&c->form, window_fields[i].name) != NULL ?
		    kv_str(&c->form, window_fields[i].name) : "";
	key = fr.nerr > 0 ? fr.err[0].key : window_check(c->tenant, v[0],
	    v[1], v[2], v[3], &w, &at);
	field[0] = '\0';
	if (key == NULL && fees_check(c, w.off, &fi, field,
	    sizeof(field)) > 0)
		key = "offerings.err.fee";
	if (key != NULL) {
		if (fr.nerr > 0)
			at = 0;
		res = show(c, &c->form, NULL);
		if (res == RES_OK) {
			if (fr.nerr > 0)
				for (i = 0; i < fr.nerr; i++)
					model_error(c, fr.err[i].key,
					    fr.err[i].field);
			else
				model_error(c, key, field[0] != '\0' ?
				    field : window_fields[at].name);
			c->status_hint = 422;
		}
		return res;
	}
	snprintf(detail, sizeof(detail), "%d %s ~ %s", w.year, w.open_at,
	    w.close_at);
	if (db_begin(c->app->db) <= 0)
		return RES_UNAVAIL;
	ok = (id = dbq_offering_put(c->app->db, c->tenant->slug,
	    w.off->feature, w.off->kind, w.year, w.open_at, w.close_at)) > 0 &&
	    audit_log(c->app->db, c->tenant->slug, c->sess.uid,
	    "apply.offering", w.off->kind, c->remote, detail) > 0 &&
	    fees_save(c, &w, id, &fi) > 0;
	if (db_end(c->app->db, ok) < 0 || !ok)
		return RES_UNAVAIL;
	return redirect_to(c, "/admin/offerings?done=1");
}

/* ---- the import: 申請種別, 年度, 受付開始, 受付終了 --------------------- */

enum { WC_KIND, WC_YEAR, WC_OPEN, WC_CLOSE, WC__MAX };

static const struct import_col window_cols[WC__MAX] = {
	[WC_KIND] = { "申請種別", "kind", 1 },
	[WC_YEAR] = { "年度", "year", 1 },
	[WC_OPEN] = { "受付開始", "open_at", 1 },
	[WC_CLOSE] = { "受付終了", "close_at", 1 },
};

struct window_import {
	struct buf	 json;		/* the good rows, as dbq wants them */
	struct buf	 seen;		/* "kind\tyear\n" of the rows so far */
	size_t		 n;
};

static int
wi_begin(struct import_run *r)
{
	struct window_import *wi;

	if ((wi = calloc(1, sizeof(*wi))) == NULL)
		return -1;
	import_set_state(r, wi);
	return 1;
}

static void
wi_end(struct import_run *r)
{
	struct window_import *wi = import_state(r);

	if (wi == NULL)
		return;
	buf_free(&wi->json);
	buf_free(&wi->seen);
	free(wi);
}

/* Kinds and features are [a-z0-9_-] words of code: safe in JSON as is. */
static const char *
wi_row(struct import_run *r, const char *const *cell, int *col,
    const char **value)
{
	struct window_import	*wi = import_state(r);
	struct window_in	 w;
	const char		*key;
	char			 tag[64];
	int			 at;

	(void)value;
	if ((key = window_check(import_ctx(r)->tenant, cell[WC_KIND],
	    cell[WC_YEAR], cell[WC_OPEN], cell[WC_CLOSE], &w, &at)) != NULL) {
		*col = at;
		return key;
	}
	snprintf(tag, sizeof(tag), "\n%s\t%d\n", w.off->kind, w.year);
	if (wi->seen.data != NULL && strstr(wi->seen.data, tag) != NULL) {
		*col = WC_YEAR;
		return "import.err.duplicate";
	}
	if (buf_puts(&wi->seen, wi->seen.len ? tag + 1 : tag) == -1 ||
	    buf_printf(&wi->json, "%s{\"feature\":\"%s\",\"kind\":\"%s\","
	    "\"year\":%d,\"open\":\"%s\",\"close\":\"%s\"}",
	    wi->n ? "," : "[", w.off->feature, w.off->kind, w.year,
	    w.open_at, w.close_at) == -1)
		return IMPORT_FAILED;
	wi->n++;
	return NULL;
}

static int
wi_commit(struct import_run *r)
{
	struct window_import	*wi = import_state(r);
	struct ctx		*c = import_ctx(r);

	if (buf_puts(&wi->json, "]") == -1)
		return -1;
	return dbq_offering_put_json(c->app->db, c->tenant->slug,
	    wi->json.data) < 0 ? -1 : 1;
}

static const struct import_spec window_import = {
	.name = "offering",
	.title = "title.offering-import",
	.cols = window_cols,
	.ncols = WC__MAX,
	.begin = wi_begin,
	.row = wi_row,
	.commit = wi_commit,
	.end = wi_end,
	.max_rows = 1000,
	.back = "/admin/offerings",
	.help = "offerings.import.help",
};

static enum result
page_import(struct ctx *c)
{
	return import_page(c, &window_import, NULL, "/admin/offerings/import");
}

const struct page offering_admin_pages[] = {
	{ .name = "offering-admin", .methods = M_GET | M_POST,
	    .path = "/admin/offerings", .flags = ADMIN_PAGE,
	    .get = page_get, .post = page_post, .menu = "menu.offerings",
	    .roles = ROLE_TENANT_ADMIN, .shown = review_has_offerings,
	    .fields = window_fields, .nfields = NWINDOW },
	{ .name = "offering-import", .methods = M_GET | M_POST,
	    .path = "/admin/offerings/import", .flags = ADMIN_PAGE,
	    .get = page_import, .post = page_import,
	    .roles = ROLE_TENANT_ADMIN,
	    .fields = import_fields, .nfields = IMPORT_NFIELDS },
	{ .name = NULL },
};
