/*
 * apply.c — offerings, windows and applications (CORE-12, CORE-18,
 * CORE-19): the rules every product's applications follow, and the one
 * model of an application that the page, the snapshot and the PDF draw.
 *
 * Rules, all on the server, against clock_now() in Japan time:
 *   - a window is open from open_at to close_at inclusive, to the second;
 *   - the menu says, in this order: 「申請済みです。」 (a submission
 *     exists), the feature's reason (not eligible), that the window is
 *     closed, or the window itself;
 *   - a section is 未登録 with no rows, 登録済 when every row passes its
 *     fields and the feature's check and the feature's completeness rule
 *     holds, else 登録中 (what was typed is kept, errors and all);
 *   - only a draft or a returned application is edited or submitted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "buf.h"
#include "apply.h"
#include "ctx.h"
#include "db.h"
#include "feature.h"
#include "form.h"
#include "owncache.h"
#include "refcache.h"
#include "review.h"
#include "session.h"
#include "tenant.h"
#include "upload.h"

/* ---- pure rules -------------------------------------------------------- */

enum apply_wstate
apply_window_state(const struct apply_window *w, const char *now)
{
	if (w->id == 0 || w->open_at[0] == '\0')
		return AW_NONE;
	if (strcmp(now, w->open_at) < 0)
		return AW_BEFORE;
	if (strcmp(now, w->close_at) > 0)
		return AW_AFTER;
	return AW_OPEN;
}

const char *
apply_wstate_name(enum apply_wstate s)
{
	static const char *const names[] = { "none", "before", "open",
	    "after" };

	return names[s];
}

/* "2026-04-30 23:59:00" as 2026年4月30日 23:59 (en: 2026-04-30 23:59). */
static void
when_text(const char *sql, int en, char *out, size_t len)
{
	int	 y, mo, d, h, mi;

	if (sscanf(sql, "%d-%d-%d %d:%d", &y, &mo, &d, &h, &mi) != 5)
		snprintf(out, len, "%s", sql);
	else if (en)
		snprintf(out, len, "%04d-%02d-%02d %d:%02d", y, mo, d, h, mi);
	else
		snprintf(out, len, "%d年%d月%d日 %d:%02d", y, mo, d, h, mi);
}

/* 受付期間の文: 2026年4月1日 0:00 ~ 2026年4月30日 23:59. */
void
apply_window_text(const struct apply_window *w, int en, char *out,
    size_t len)
{
	char	 a[48], b[48];

	when_text(w->open_at, en, a, sizeof(a));
	when_text(w->close_at, en, b, sizeof(b));
	snprintf(out, len, "%s ~ %s", a, b);
}

/*
 * The menu's state for a member: state is their live application's
 * (NULL: none), why the feature's reason (NULL: eligible).  *key is the
 * i18n key of the note (AM_WINDOW's takes the window as argument).
 */
enum apply_menu
apply_menu_state(const char *state, const char *why, enum apply_wstate ws,
    const char **key)
{
	enum apply_menu	 m;

	if (state != NULL && strcmp(state, "draft") != 0 &&
	    strcmp(state, "returned") != 0) {
		m = AM_APPLIED;
		*key = "apply.menu.applied";
	} else if (why != NULL) {
		m = AM_REASON;
		*key = why;
	} else if (ws != AW_OPEN) {
		m = AM_REASON;
		*key = ws == AW_NONE ? "apply.why.none" : "apply.why.outside";
	} else {
		m = AM_WINDOW;
		*key = "apply.menu.window";
	}
	return m;
}

/* nrows rows of which nvalid pass; complete: the feature's rule holds. */
enum apply_sstate
apply_section_state(size_t nrows, size_t nvalid, int complete)
{
	if (nrows == 0)
		return AS_BLANK;
	return nvalid == nrows && complete ? AS_DONE : AS_PROGRESS;
}

const char *
apply_sstate_name(enum apply_sstate s)
{
	static const char *const names[] = { "blank", "progress", "done" };

	return names[s];
}

int
apply_editable(const struct apply_app *a)
{
	return a->id == 0 || strcmp(a->state, "draft") == 0 ||
	    strcmp(a->state, "returned") == 0;
}

void
apply_shortfall_add(struct apply_shortfalls *sf, const char *key,
    const char *arg)
{
	if (sf->n >= APPLY_SHORT_MAX)
		return;
	sf->s[sf->n].key = key;
	sf->s[sf->n].arg_key = NULL;
	snprintf(sf->s[sf->n].arg, sizeof(sf->s[0].arg), "%s",
	    arg != NULL ? arg : "");
	sf->n++;
}

/* ---- offerings and applications --------------------------------------- */

const struct apply_offering *
apply_offering_find(const struct tenant *t, const char *kind)
{
	const struct apply_offering *const	*o;
	size_t					 i;

	for (i = 0; t != NULL && features[i] != NULL; i++) {
		if (features[i]->offerings == NULL ||
		    !tenant_has_feature(t, features[i]->name))
			continue;
		for (o = features[i]->offerings; *o != NULL; o++)
			if (strcmp((*o)->kind, kind) == 0)
				return *o;
	}
	return NULL;
}

int
apply_window_get(struct db *d, const struct tenant *t,
    const struct apply_offering *off, const char *now,
    struct apply_window *w)
{
	return dbq_offering_window(d, t->slug, off->kind, now, w);
}

int
apply_app_get(struct db *d, const struct tenant *t, long long id,
    struct apply_app *a)
{
	int	 rc;

	if ((rc = dbq_aapp_get(d, t->slug, id, a)) > 0 &&
	    (a->off = apply_offering_find(t, a->kind)) == NULL)
		rc = 0;
	return rc;
}

static int	 mine_from_session(struct ctx *, const struct apply_offering *,
		    const char *, struct apply_app *);

/*
 * The window of off that matters at `now` (the open one, else the next
 * to open, else the last closed; dbq_offering_window()'s order), from
 * the worker's copy of the tenant's offerings (refcache.h: the offering
 * table's triggers bump the version).  1, 0 none, -1.
 */
static int
window_cached(struct ctx *c, const struct apply_offering *off,
    const char *now, struct apply_window *w)
{
	const struct dbres	*r;
	const char		*o, *cl;
	size_t			 i;
	int			 rank, best = 3, better;

	memset(w, 0, sizeof(*w));
	if ((r = refcache_get(c, "apply.offerings", dbq_offerings)) == NULL)
		return -1;
	for (i = 0; i < r->nrows; i++) {
		if (strcmp(dbres_get(r, i, OFFERING_COL_KIND), off->kind) != 0)
			continue;
		o = dbres_get(r, i, OFFERING_COL_OPEN);
		cl = dbres_get(r, i, OFFERING_COL_CLOSE);
		rank = strcmp(o, now) <= 0 && strcmp(cl, now) >= 0 ? 0 :
		    strcmp(o, now) > 0 ? 1 : 2;
		better = rank < best || (rank == best && (rank == 1 ?
		    strcmp(o, w->open_at) < 0 : strcmp(cl, w->close_at) > 0));
		if (!better)
			continue;
		best = rank;
		w->id = atoll(dbres_get(r, i, OFFERING_COL_ID));
		w->year = atoi(dbres_get(r, i, OFFERING_COL_YEAR));
		snprintf(w->open_at, sizeof(w->open_at), "%s", o);
		snprintf(w->close_at, sizeof(w->close_at), "%s", cl);
	}
	return w->id > 0;
}

/* ---- fees per offering year (issue 12) ------------------------------- */

/* The fee name off declares, or NULL. */
const struct apply_fee *
apply_fee_find(const struct apply_offering *off, const char *name)
{
	const struct apply_fee	*f;

	for (f = off->fees; f != NULL && f->name != NULL; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

/* A fee's default: its tenant.conf setting, else the declared amount. */
long long
apply_fee_default(const struct tenant *t, const struct apply_offering *off,
    const struct apply_fee *f)
{
	if (f->setting != NULL)
		return feature_setting(t, off->feature, f->setting);
	return f->amount;
}

/*
 * Fee name's amount in a "name=amount,…" list (dbq_offerings()'s fees
 * column; NULL none): yen, or -2 when the list has none.
 */
long long
apply_fee_in_list(const char *list, const char *name)
{
	const char	*p = list;
	size_t		 n = strlen(name);

	while (p != NULL && *p != '\0') {
		if (strncmp(p, name, n) == 0 && p[n] == '=')
			return strtoll(p + n + 1, NULL, 10);
		if ((p = strchr(p, ',')) != NULL)
			p++;
	}
	return -2;
}

/*
 * An amount as typed on the form: yen 0..APPLY_FEE_MAX in ASCII digits
 * (spaces around ignored), -2 blank (the default again), -1 anything
 * else.
 */
long long
apply_fee_check(const char *s)
{
	long long	 v = 0;
	size_t		 n;

	if (s == NULL)
		return -2;
	s += strspn(s, " \t");
	n = strspn(s, "0123456789");
	if (n == 0)
		return s[strspn(s, " \t")] == '\0' ? -2 : -1;
	if (n > 7 || s[n + strspn(s + n, " \t")] != '\0')
		return -1;
	v = strtoll(s, NULL, 10);
	return v > APPLY_FEE_MAX ? -1 : v;
}

/*
 * Fee name of off for year from the worker's copy of the offerings (no
 * statement): the year's amount when the staff set one, else the
 * default; 0 for a fee off does not declare, -1 on error.
 */
long long
apply_fee_cached(struct ctx *c, const struct apply_offering *off, int year,
    const char *name)
{
	const struct apply_fee	*f;
	const struct dbres	*r;
	long long		 v;
	size_t			 i;

	if ((f = apply_fee_find(off, name)) == NULL)
		return 0;
	if ((r = refcache_get(c, "apply.offerings", dbq_offerings)) == NULL)
		return -1;
	for (i = 0; i < r->nrows; i++)
		if (strcmp(dbres_get(r, i, OFFERING_COL_KIND), off->kind) == 0 &&
		    atoi(dbres_get(r, i, OFFERING_COL_YEAR)) == year &&
		    (v = apply_fee_in_list(dbres_get(r, i, OFFERING_COL_FEES),
		    name)) >= 0)
			return v;
	return apply_fee_default(c->tenant, off, f);
}

/*
 * The same in a transaction (a hook creating the fee): read from the
 * table, so the amount is the one committed with the fee.  offering is
 * the offering row (the application's window id).
 */
long long
apply_fee_db(struct db *d, const struct tenant *t,
    const struct apply_offering *off, long long offering, const char *name)
{
	const struct apply_fee	*f;
	long long		 v;

	if ((f = apply_fee_find(off, name)) == NULL)
		return 0;
	if (offering > 0 && (v = dbq_offering_fee(d, offering, name)) != -2)
		return v;
	return apply_fee_default(t, off, f);
}

/* apply_app_mine()'s answer for the request (c->seq) that asked. */
static struct {
	unsigned long long	 seq;
	const struct apply_offering *off;
	char			 uid[65];
	int			 rc;
	struct apply_app	 a;
} memo;

/*
 * What apply_app_page() read with the application for the page of this
 * request: taken (and then freed) by page_load() and
 * apply_page_fees(); what a request left is freed by the next
 * apply_app_page().  Never used beyond its request (seq) and
 * application.
 */
static struct {
	unsigned long long	 seq;
	long long		 app;
	int			 data_ok, st_ok;
	struct apply_data	 data;
	struct dbres		*st, *files, *fees;
} pre;

static int	 pre_holds(const struct ctx *, const struct apply_app *);

static void
pre_clear(void)
{
	apply_data_free(&pre.data);
	dbres_free(pre.st);
	dbres_free(pre.files);
	dbres_free(pre.fees);
	memset(&pre, 0, sizeof(pre));
}

/* The member's live applications of every kind, read once a request. */
static struct {
	unsigned long long	 seq;
	char			 uid[65];
	struct dbres		*r;
} all;

/*
 * Every live application of the signed-in member for this request
 * (dbq_aapp_live_all()): a GET that asks for several kinds (現在の状況,
 * one per offering) pays one statement, not one per kind.  NULL on
 * error.
 */
static const struct dbres *
live_all(struct ctx *c)
{
	if (all.r != NULL && all.seq == c->seq &&
	    strcmp(all.uid, c->sess.uid) == 0)
		return all.r;
	dbres_free(all.r);
	all.seq = c->seq;
	snprintf(all.uid, sizeof(all.uid), "%s", c->sess.uid);
	all.r = dbq_aapp_live_all(c->app->db, c->tenant->slug, c->sess.uid);
	return all.r;
}

/*
 * The member's live applications, read by the caller with the rest of
 * its page (現在の状況: dbq_dashboard_read()), as live_all() would
 * read them: kept for this request; r is the request's now.
 */
void
apply_live_prime(struct ctx *c, struct dbres *r)
{
	dbres_free(all.r);
	all.seq = c->seq;
	snprintf(all.uid, sizeof(all.uid), "%s", c->sess.uid);
	all.r = r;
}

/*
 * Does the session's summary (APPLY_SESSION_APPS) list a live
 * application of the member's, of any offering?  1, 0 none, -1 the
 * session carries no summary (read to know).
 */
int
apply_session_any_live(const struct ctx *c)
{
	const char	*v;
	size_t		 i;

	for (i = 0; features[i] != NULL; i++) {
		if (features[i]->offerings == NULL ||
		    !tenant_has_feature(c->tenant, features[i]->name))
			continue;
		if ((v = session_feature(c, features[i]->name)) == NULL ||
		    strchr(v, '|') == NULL)
			return -1;
		/* Every feature's summary lists all of the tenant's. */
		return *v != '|';
	}
	return 0;
}

/*
 * The signed-in member's application of an offering: the one still in
 * progress (of any year), else theirs in the window that matters now;
 * none yet: id 0 with that window, state "".  1, 0, -1.  The window
 * comes from the worker's copy and the application with one statement,
 * read once per request however many parts of the page ask (the menu
 * note, the page, 現在の状況): never kept beyond the request, and a POST
 * reads it afresh (its handler may change it).
 */
int
apply_app_mine(struct ctx *c, const struct apply_offering *off,
    struct apply_app *a)
{
	const struct dbres	*r;
	struct apply_window	 w;
	struct apply_app	 light;
	char			 now[CLOCK_SQL_LEN];
	int			 rc;

	if (memo.seq == c->seq && memo.off == off &&
	    strcmp(memo.uid, c->sess.uid) == 0 &&
	    strcmp(c->method, "POST") != 0) {
		*a = memo.a;
		return memo.rc;
	}
	clock_now_sql(now, sizeof(now));
	memset(a, 0, sizeof(*a));
	if ((rc = window_cached(c, off, now, &w)) < 0)
		goto out;
	/*
	 * On a GET, the session says there is none: nothing to read.  A
	 * POST reads (its handler may have just made one).
	 */
	if (strcmp(c->method, "POST") != 0 &&
	    mine_from_session(c, off, now, &light) == 1 && light.id == 0)
		rc = 0;
	else if (strcmp(c->method, "POST") != 0)
		rc = (r = live_all(c)) == NULL ? -1 :
		    dbq_aapp_pick(r, off->kind, w.id, a);
	else
		rc = dbq_aapp_mine(c->app->db, c->tenant->slug, off->kind,
		    c->sess.uid, w.id, a);
	if (rc == 0 && w.id > 0) {
		a->win = w;
		snprintf(a->tenant, sizeof(a->tenant), "%s", c->tenant->slug);
		snprintf(a->kind, sizeof(a->kind), "%s", off->kind);
		snprintf(a->uid, sizeof(a->uid), "%s", c->sess.uid);
	}
out:
	a->off = off;
	if (rc >= 0) {
		memo.seq = c->seq;
		memo.off = off;
		snprintf(memo.uid, sizeof(memo.uid), "%s", c->sess.uid);
		memo.rc = rc;
		memo.a = *a;
	}
	return rc;
}

static size_t
nsections(const struct apply_offering *off)
{
	size_t	 n = 0;

	while (off->sections[n].name != NULL && n < APPLY_SECTIONS_MAX)
		n++;
	return n;
}

/*
 * apply_app_mine() for a page that draws the whole application (issue
 * 10): on a GET whose session names the member's application of off
 * (mine_from_session(): the window it belongs to), the application, its
 * rows, sections' states, files and fees in one statement
 * (dbq_app_page_read()), or none when the worker kept those rows and
 * nothing of them changed since (owncache.h), kept for
 * apply_app_model() and review_fees_model() of this request.
 * Otherwise, or when it changed meanwhile, as apply_app_mine().  1, 0,
 * -1.
 */
int
apply_app_page(struct ctx *c, const struct apply_offering *off,
    struct apply_app *a)
{
	const char	*names[APPLY_SECTIONS_MAX];
	const struct dbres *kept;
	struct dbres	*fresh = NULL;
	struct apply_app light;
	char		 now[CLOCK_SQL_LEN], key[24];
	size_t		 i, n = nsections(off);
	int		 k;

	pre_clear();
	if (strcmp(c->method, "GET") != 0 || (memo.seq == c->seq &&
	    memo.off == off && strcmp(memo.uid, c->sess.uid) == 0))
		return apply_app_mine(c, off, a);
	clock_now_sql(now, sizeof(now));
	if (mine_from_session(c, off, now, &light) != 1 || light.id == 0)
		return apply_app_mine(c, off, a);
	for (i = 0; i < n; i++)
		names[i] = off->sections[i].name;
	snprintf(key, sizeof(key), "%lld", light.win.id);
	if ((kept = owncache_get(c, c->sess.uid, "apply.page", key)) == NULL)
		kept = fresh = dbq_app_page_read(c->app->db, c->tenant->slug,
		    light.win.id, c->sess.uid);
	k = dbq_app_page_split(kept, names, n, a, pre.data.sec, &pre.st,
	    &pre.files, &pre.fees);
	if (fresh != NULL)
		owncache_put(c, c->sess.uid, "apply.page", key, fresh);
	if (k != 1 || strcmp(a->kind, off->kind) != 0) {
		pre_clear();
		return k < 0 ? -1 : apply_app_mine(c, off, a);
	}
	a->off = off;
	pre.seq = c->seq;
	pre.app = a->id;
	pre.data_ok = 1;
	memo.seq = c->seq;
	memo.off = off;
	snprintf(memo.uid, sizeof(memo.uid), "%s", c->sess.uid);
	memo.rc = 1;
	memo.a = *a;
	return 1;
}

static int
pre_holds(const struct ctx *c, const struct apply_app *a)
{
	return pre.seq == c->seq && pre.seq != 0 && pre.app == a->id &&
	    a->id > 0;
}

/*
 * A section's rows as apply_app_page() read them with application a in
 * this request (a form page draws its row from them), or NULL: read
 * them.
 */
const struct apply_rows *
apply_page_rows(const struct ctx *c, const struct apply_app *a,
    const char *section)
{
	size_t	 i;

	if (!pre_holds(c, a) || !pre.data_ok)
		return NULL;
	for (i = 0; i < nsections(a->off); i++)
		if (strcmp(a->off->sections[i].name, section) == 0)
			return &pre.data.sec[i];
	return NULL;
}

/*
 * Upload `id` as apply_app_page() read it with application a (a value
 * of it names the file, and the applicant owns it): 1 into *info, or 0:
 * read it (upload_get()).
 */
int
apply_page_upload(const struct ctx *c, const struct apply_app *a,
    const char *id, struct upload_info *info)
{
	const struct dbres	*f = pre.files;
	const char		*v;
	size_t			 i;

	if (!pre_holds(c, a) || f == NULL)
		return 0;
	for (i = 0; i < f->nrows; i++) {
		if (strcmp(dbres_get(f, i, UPLOAD_NAME_ID), id) != 0)
			continue;
		if ((v = dbres_get(f, i, UPLOAD_NAME_CTYPE)) == NULL)
			return 0;	/* not the applicant's */
		memset(info, 0, sizeof(*info));
		info->id = atoll(id);
		snprintf(info->ctype, sizeof(info->ctype), "%s", v);
		snprintf(info->filename, sizeof(info->filename), "%s",
		    dbres_get(f, i, UPLOAD_NAME_FILENAME));
		info->size = (v = dbres_get(f, i, APPLY_FILE_SIZE)) ?
		    atoll(v) : 0;
		snprintf(info->sha256, sizeof(info->sha256), "%s",
		    (v = dbres_get(f, i, APPLY_FILE_SHA256)) ? v : "");
		info->submitted = (v = dbres_get(f, i,
		    APPLY_FILE_SUBMITTED)) != NULL && atoi(v) != 0;
		info->public_ = (v = dbres_get(f, i, APPLY_FILE_PUBLIC)) !=
		    NULL && atoi(v) != 0;
		snprintf(info->purpose, sizeof(info->purpose), "%s",
		    (v = dbres_get(f, i, APPLY_FILE_PURPOSE)) ? v : "");
		return 1;
	}
	return 0;
}

/*
 * The fees apply_app_page() read with application a in this request
 * (FEE_COL_*, then the certificate), handed over once, or NULL: read
 * them.
 */
struct dbres *
apply_page_fees(const struct ctx *c, const struct apply_app *a)
{
	struct dbres	*r = NULL;

	if (pre.seq == c->seq && pre.seq != 0 && pre.app == a->id &&
	    pre.fees != NULL) {
		r = pre.fees;
		pre.fees = NULL;
	}
	return r;
}

int
apply_data_load(struct db *d, const struct apply_app *a,
    struct apply_data *data)
{
	const char	*names[APPLY_SECTIONS_MAX];
	size_t		 i, n = nsections(a->off);

	memset(data, 0, sizeof(*data));
	if (a->id <= 0)
		return 0;
	/* One statement for all the sections (issue 10). */
	for (i = 0; i < n; i++)
		names[i] = a->off->sections[i].name;
	return dbq_values_load_all(d, a->id, names, n, data->sec);
}

void
apply_rows_free(struct apply_rows *rs)
{
	size_t	 i;

	for (i = 0; i < rs->n; i++)
		kv_free(&rs->row[i].vals);
	free(rs->row);
	rs->row = NULL;
	rs->n = 0;
}

void
apply_data_free(struct apply_data *data)
{
	size_t	 i;

	for (i = 0; i < APPLY_SECTIONS_MAX; i++)
		apply_rows_free(&data->sec[i]);
}

/*
 * One form or row as the section declares it: each field's rule (an
 * F_FILE value is an upload id), then the feature's check.  Errors in
 * res; 0, -1 on error.
 */
int
apply_row_check(struct ctx *c, const struct apply_app *a,
    const struct apply_section *s, const struct apply_rows *rs, int row,
    struct kvlist *vals, struct form_result *res)
{
	const struct field	*f;
	const struct kv		*e;
	const char		*k;
	size_t			 i;

	res->nerr = 0;
	for (i = 0; i < s->nfields; i++) {
		f = &s->fields[i];
		e = kv_get(vals, f->name);
		if (f->type == F_FILE)
			k = f->required && (e == NULL || e->vlen == 0) ?
			    "err.required-file" : NULL;
		else
			k = form_check(f, e ? e->val : NULL, e ? e->vlen : 0);
		if (k != NULL)
			form_error_add(res, f->name, k);
	}
	return s->check != NULL ? s->check(c, a, rs, row, vals, res) : 0;
}

/* A section's state from its rows as stored.  -1 on error. */
int
apply_section_eval(struct ctx *c, const struct apply_app *a,
    const struct apply_section *s, struct apply_rows *rs)
{
	struct form_result	 res;
	size_t			 i, nvalid = 0;
	int			 complete;

	for (i = 0; i < rs->n; i++) {
		if (apply_row_check(c, a, s, rs, rs->row[i].id,
		    &rs->row[i].vals, &res) == -1)
			return -1;
		if (res.nerr == 0)
			nvalid++;
	}
	complete = s->complete != NULL ? s->complete(a, rs) : 1;
	return (int)apply_section_state(rs->n, nvalid, complete);
}

/*
 * Everything that stands between the draft and a submission: sections
 * not yet 登録済, then the feature's own list (shown exactly).  0, -1.
 */
int
apply_shortfalls(struct ctx *c, const struct apply_app *a,
    const struct apply_data *data, struct apply_shortfalls *sf)
{
	struct apply_rows	 rs;
	size_t			 i;
	int			 st;

	memset(sf, 0, sizeof(*sf));
	for (i = 0; i < nsections(a->off); i++) {
		rs = data->sec[i];
		if ((st = apply_section_eval(c, a, &a->off->sections[i],
		    &rs)) == -1)
			return -1;
		if (st == AS_BLANK && a->off->sections[i].optional)
			continue;
		if (st != AS_DONE) {
			apply_shortfall_add(sf, st == AS_BLANK ?
			    "apply.short.blank" : "apply.short.progress",
			    NULL);
			sf->s[sf->n - 1].arg_key = a->off->sections[i].title;
		}
	}
	if (a->off->shortfalls != NULL &&
	    a->off->shortfalls(c, a, data, sf) == -1)
		return -1;
	return 0;
}

/* ---- the model --------------------------------------------------------- */

static void
attr_nz(xmlNodePtr n, const char *k, const char *v)
{
	if (v != NULL && *v != '\0')
		model_attr(n, k, v);
}

/* The title of the stage a submitted application waits in, or NULL. */
static const char *
stage_title(const struct apply_app *a)
{
	const struct apply_stage	*sg = a->off->stages;
	int				 i;

	if (sg == NULL || strcmp(a->state, "submitted") != 0)
		return NULL;
	for (i = 0; sg[i].name != NULL; i++)
		if (i == a->stage)
			return sg[i].title;
	return NULL;
}

/* <window year open-at close-at state text/> */
xmlNodePtr
apply_window_model(struct ctx *c, xmlNodePtr parent,
    const struct apply_window *w, const char *now)
{
	xmlNodePtr	 n;
	char		 txt[128];

	n = model_node(parent, "window");
	model_attr(n, "state", apply_wstate_name(apply_window_state(w, now)));
	if (w->id == 0)
		return n;
	model_attrf(n, "year", "%d", w->year);
	model_attr(n, "open-at", w->open_at);
	model_attr(n, "close-at", w->close_at);
	apply_window_text(w, ctx_en(c), txt, sizeof(txt));
	model_attr(n, "text", txt);
	return n;
}

/*
 * Everything the model draws of a stored application in one statement
 * (issue 10): its rows, its sections' states and the names of the files
 * its values point to; a new one has none.  0, -1.
 */
static int
page_load(struct ctx *c, const struct apply_app *a, struct apply_data *data,
    struct dbres **st, struct dbres **files)
{
	const char	*names[APPLY_SECTIONS_MAX];
	size_t		 i, n = nsections(a->off);

	memset(data, 0, sizeof(*data));
	*st = *files = NULL;
	if (a->id <= 0)
		return 0;
	/* Read with the application (apply_app_page()): hand it over. */
	if (pre.data_ok && pre.seq == c->seq && pre.app == a->id) {
		*data = pre.data;
		*st = pre.st;
		*files = pre.files;
		memset(&pre.data, 0, sizeof(pre.data));
		pre.st = pre.files = NULL;
		pre.data_ok = 0;
		return 0;
	}
	for (i = 0; i < n; i++)
		names[i] = a->off->sections[i].name;
	return dbq_app_page_load(c->app->db, a->id, names, n, data->sec, st,
	    files);
}

/* The files of the application apply_app_model() is drawing, or NULL. */
static const struct dbres *drawing;

/*
 * For a section's row check run while apply_app_model() draws the
 * application, or on a page apply_app_page() read it for (issue 10):
 * the content type of upload `id` when a value of the application
 * names it and the applicant owns it, else NULL (not known: read it).
 */
const char *
apply_file_ctype(const struct ctx *c, const struct apply_app *a,
    const char *id)
{
	const struct dbres	*f = drawing;
	size_t			 i;

	if (f == NULL && pre_holds(c, a))
		f = pre.files;		/* a form page: read with the app */
	for (i = 0; f != NULL && i < f->nrows; i++)
		if (strcmp(dbres_get(f, i, UPLOAD_NAME_ID), id) == 0)
			return dbres_get(f, i, UPLOAD_NAME_CTYPE);
	return NULL;
}

static const char *
file_name(const struct dbres *files, const char *id)
{
	size_t	 i;

	for (i = 0; files != NULL && i < files->nrows; i++)
		if (strcmp(dbres_get(files, i, UPLOAD_NAME_ID), id) == 0)
			return dbres_get(files, i, UPLOAD_NAME_FILENAME);
	return NULL;
}

/* One value of a row: its label key, and a label beside data values. */
static void
value_model(xmlNodePtr row, const struct field *f,
    const struct kvlist *vals, const struct dbres *files)
{
	xmlNodePtr		 v;
	const char		*s = kv_str(vals, f->name), *fn;
	char			 k[96];

	v = model_text(row, "value", s != NULL ? s : "");
	model_attr(v, "name", f->name);
	model_attr(v, "key", f->key);
	if (s == NULL || *s == '\0')
		return;
	if ((f->type == F_SELECT || f->type == F_RADIO) &&
	    f->options != NULL) {
		snprintf(k, sizeof(k), "%s.%s", f->key, s);
		model_attr(v, "value-key", k);
	}
	snprintf(k, sizeof(k), "%s.label", f->name);
	attr_nz(v, "label", kv_str(vals, k));
	if (f->type == F_FILE && (fn = file_name(files, s)) != NULL) {
		model_attr(v, "upload", s);
		model_attr(v, "filename", fn);
	}
}

/* A section: its state and rows, each row's values and errors. */
static int
section_model(struct ctx *c, xmlNodePtr parent, const struct apply_app *a,
    const struct apply_section *s, struct apply_rows *rs,
    const struct dbres *st, const struct dbres *files)
{
	struct form_result	 res;
	xmlNodePtr		 sn, rn, e;
	size_t			 i, k, nvalid = 0;
	int			 state;

	sn = model_node(parent, "section");
	model_attr(sn, "name", s->name);
	model_attr(sn, "title", s->title);
	model_attrf(sn, "max", "%d", s->max_rows);
	for (i = 0; st != NULL && i < st->nrows; i++)
		if (strcmp(dbres_get(st, i, SEC_COL_NAME), s->name) == 0)
			model_attr(sn, "updated-at",
			    dbres_get(st, i, SEC_COL_UPDATED));
	model_attrf(sn, "rows", "%zu", rs->n);
	for (i = 0; i < rs->n; i++) {
		if (apply_row_check(c, a, s, rs, rs->row[i].id,
		    &rs->row[i].vals, &res) == -1)
			return -1;
		nvalid += res.nerr == 0;
		rn = model_node(sn, "row");
		model_attrf(rn, "id", "%d", rs->row[i].id);
		model_attr(rn, "valid", res.nerr == 0 ? "1" : "0");
		for (k = 0; k < s->nfields; k++)
			value_model(rn, &s->fields[k], &rs->row[i].vals, files);
		for (k = 0; k < res.nerr; k++) {
			e = model_node(rn, "error");
			model_attr(e, "field", res.err[k].field);
			model_attr(e, "key", res.err[k].key);
		}
	}
	/* One pass: the state from the rows just checked. */
	state = apply_section_state(rs->n, nvalid, s->complete == NULL ||
	    s->complete(a, rs));
	model_attr(sn, "state", apply_sstate_name(state));
	return 0;
}

static void
shortfalls_model(xmlNodePtr parent, const struct apply_shortfalls *sf)
{
	xmlNodePtr	 l, n;
	size_t		 i;

	l = model_node(parent, "shortfalls");
	model_attrf(l, "count", "%zu", sf->n);
	for (i = 0; i < sf->n; i++) {
		n = model_node(l, "shortfall");
		model_attr(n, "key", sf->s[i].key);
		attr_nz(n, "arg", sf->s[i].arg);
		attr_nz(n, "arg-key", sf->s[i].arg_key);
	}
}

/*
 * <application id kind title number state stage stage-title version
 * created-at updated-at submitted-at editable> <window/> <return-comment/>
 * <section …><row …><value …/></row></section> <shortfalls/>
 * </application>: the page, the snapshot and the PDF draw this.
 */
int
apply_app_model(struct ctx *c, xmlNodePtr parent, const struct apply_app *a)
{
	struct apply_data		 data;
	struct apply_shortfalls		 sf;
	struct dbres			*st = NULL, *files = NULL;
	xmlNodePtr			 n;
	char				 now[CLOCK_SQL_LEN];
	size_t				 i;
	int				 rc = -1;

	clock_now_sql(now, sizeof(now));
	if (page_load(c, a, &data, &st, &files) == -1)
		goto out;
	n = model_node(parent, "application");
	if (a->id > 0)
		model_attrf(n, "id", "%lld", a->id);
	model_attr(n, "kind", a->off->kind);
	model_attr(n, "title", a->off->title);
	model_attr(n, "state", a->id > 0 ? a->state : "new");
	attr_nz(n, "number", a->number);
	attr_nz(n, "uid", a->uid);
	model_attrf(n, "stage", "%d", a->stage);
	attr_nz(n, "stage-title", stage_title(a));
	model_attrf(n, "version", "%d", a->version);
	attr_nz(n, "created-at", a->created_at);
	attr_nz(n, "updated-at", a->updated_at);
	attr_nz(n, "submitted-at", a->submitted_at);
	attr_nz(n, "decided-at", a->decided_at);
	model_attr(n, "editable", apply_editable(a) ? "1" : "0");
	apply_window_model(c, n, &a->win, now);
	if (a->return_comment[0] != '\0')
		model_text(n, "return-comment", a->return_comment);
	drawing = files;
	for (i = 0; i < nsections(a->off); i++)
		if (section_model(c, n, a, &a->off->sections[i],
		    &data.sec[i], st, files) == -1)
			goto out;
	if (a->off->model != NULL && a->off->model(c, n, a) == -1)
		goto out;
	if (apply_editable(a)) {
		if (apply_shortfalls(c, a, &data, &sf) == -1)
			goto out;
		shortfalls_model(n, &sf);
	}
	rc = 0;
out:
	drawing = NULL;
	dbres_free(st);
	dbres_free(files);
	apply_data_free(&data);
	return rc;
}

/* ---- the menu and the dashboard --------------------------------------- */

/*
 * Where an offering stands for the signed-in member: their application
 * (id 0: none), the window, and the menu's note.  0, -1 on error.
 */
int
apply_standing(struct ctx *c, const struct apply_offering *off,
    struct apply_app *a, const char *now, const char **key)
{
	const char	*why;

	if (apply_app_mine(c, off, a) < 0)
		return -1;
	why = off->eligible != NULL ? off->eligible(c, off) : NULL;
	apply_menu_state(a->id > 0 ? a->state : NULL, why,
	    apply_window_state(&a->win, now), key);
	return 0;
}

/*
 * What the feature added after APPLY_SESSION_APPS in its session column
 * (the text after '|'), or NULL when the session carries none.
 */
const char *
apply_session_extra(const struct ctx *c, const char *feature)
{
	const char	*v = session_feature(c, feature), *bar;

	return v != NULL && (bar = strchr(v, '|')) != NULL ? bar + 1 : NULL;
}

/*
 * The member's application of off for the menu, from the session's
 * APPLY_SESSION_APPS and the cached windows, as apply_app_mine() would
 * find it: one in progress (draft, submitted, returned; of the latest
 * year), else the live one in the window that matters now.  Sets
 * a->id (1: there is one), a->state and a->win.  1 done, 0 the session
 * carries no summary (read it then), -1 error.
 */
static int
mine_from_session(struct ctx *c, const struct apply_offering *off,
    const char *now, struct apply_app *a)
{
	const struct dbres	*r;
	const char		*v, *p;
	struct apply_window	 w;
	char			 state[16];
	long long		 oid;
	size_t			 i, n, pend = (size_t)-1, live = (size_t)-1;
	char			 pst[16] = "", lst[16] = "";
	int			 year, pyear = -1;

	if ((v = session_feature(c, off->feature)) == NULL ||
	    strchr(v, '|') == NULL)
		return 0;
	memset(a, 0, sizeof(*a));
	if (window_cached(c, off, now, &w) < 0 ||
	    (r = refcache_get(c, "apply.offerings", dbq_offerings)) == NULL)
		return -1;
	for (p = v; *p != '|' && *p != '\0'; p += n + (p[n] == ',')) {
		n = strcspn(p, ",|");
		if (sscanf(p, "%lld:%15[a-z]", &oid, state) != 2)
			continue;
		for (i = 0; i < r->nrows; i++)
			if (atoll(dbres_get(r, i, OFFERING_COL_ID)) == oid)
				break;
		if (i == r->nrows || strcmp(dbres_get(r, i,
		    OFFERING_COL_KIND), off->kind) != 0)
			continue;
		year = atoi(dbres_get(r, i, OFFERING_COL_YEAR));
		if ((strcmp(state, "draft") == 0 ||
		    strcmp(state, "submitted") == 0 ||
		    strcmp(state, "returned") == 0) && year > pyear) {
			pend = i;
			pyear = year;
			snprintf(pst, sizeof(pst), "%s", state);
		}
		if (oid == w.id) {
			live = i;
			snprintf(lst, sizeof(lst), "%s", state);
		}
	}
	a->win = w;
	if (pend != (size_t)-1 || live != (size_t)-1) {
		i = pend != (size_t)-1 ? pend : live;
		a->id = 1;		/* there is one (its id is not needed) */
		snprintf(a->state, sizeof(a->state), "%s",
		    pend != (size_t)-1 ? pst : lst);
		a->win.id = atoll(dbres_get(r, i, OFFERING_COL_ID));
		a->win.year = atoi(dbres_get(r, i, OFFERING_COL_YEAR));
		snprintf(a->win.open_at, sizeof(a->win.open_at), "%s",
		    dbres_get(r, i, OFFERING_COL_OPEN));
		snprintf(a->win.close_at, sizeof(a->win.close_at), "%s",
		    dbres_get(r, i, OFFERING_COL_CLOSE));
	}
	a->off = off;
	return 1;
}

/*
 * CORE-18 in the fixed menu: beside an offering's item, 「申請済みです。」,
 * why it is unavailable, or its window.  The item's href names the kind.
 */
void
apply_menu_note(struct ctx *c, xmlNodePtr item)
{
	const struct apply_offering	*off;
	struct apply_app		 a;
	xmlNodePtr			 n;
	xmlChar				*href;
	const char			*key, *kind;
	char				 now[CLOCK_SQL_LEN], txt[128];
	int				 k;

	href = xmlGetProp(item, (const xmlChar *)"href");
	kind = href != NULL ? strrchr((const char *)href, '/') : NULL;
	if (kind == NULL || !c->sess.valid || c->sess.stage != SESS_IN ||
	    (off = apply_offering_find(c->tenant, kind + 1)) == NULL)
		goto out;
	clock_now_sql(now, sizeof(now));
	/* From the session and the cached windows: no statement. */
	if ((k = mine_from_session(c, off, now, &a)) == -1)
		goto out;
	if (k == 1)
		apply_menu_state(a.id > 0 ? a.state : NULL,
		    off->eligible != NULL ? off->eligible(c, off) : NULL,
		    apply_window_state(&a.win, now), &key);
	else if (apply_standing(c, off, &a, now, &key) == -1)
		goto out;
	n = model_node(item, "note");
	model_attr(n, "key", key);
	if (a.win.id > 0) {
		apply_window_text(&a.win, ctx_en(c), txt, sizeof(txt));
		model_attr(n, "arg", txt);
	}
out:
	xmlFree(href);
}

/* The next step of an application, as an i18n key. */
static const char *
next_step(const struct apply_app *a, enum apply_wstate ws)
{
	if (a->id == 0)
		return ws == AW_OPEN ? "apply.next.start" : NULL;
	if (strcmp(a->state, "draft") == 0)
		return "apply.next.submit";
	if (strcmp(a->state, "returned") == 0)
		return "apply.next.resubmit";
	if (strcmp(a->state, "submitted") == 0)
		return "apply.next.review";
	if (strcmp(a->state, "approved") == 0)
		return "apply.next.approved";
	return NULL;
}

/*
 * 現在の状況: per offering of the tenant's features, its window, the
 * menu's note and the member's live application with its next step
 * (the deadline is the window's close).
 * <applications><offering kind title note note-arg>
 *   <window/><app id number state stage-title next href/></offering>…
 */
int
apply_member_apps_model(struct ctx *c, xmlNodePtr parent)
{
	const struct apply_offering *const	*o;
	struct apply_app			 a;
	xmlNodePtr				 l, n, an;
	const char				*key, *nx;
	char					 now[CLOCK_SQL_LEN];
	size_t					 i;
	int					 rc = -1;

	clock_now_sql(now, sizeof(now));
	l = model_node(parent, "applications");
	for (i = 0; features[i] != NULL; i++) {
		if (features[i]->offerings == NULL ||
		    !tenant_has_feature(c->tenant, features[i]->name))
			continue;
		for (o = features[i]->offerings; *o != NULL; o++) {
			if (apply_standing(c, *o, &a, now, &key) == -1)
				goto out;
			n = model_node(l, "offering");
			model_attr(n, "kind", (*o)->kind);
			model_attr(n, "title", (*o)->title);
			model_attrf(n, "href", "/application/%s", (*o)->kind);
			model_attr(n, "note", key);
			apply_window_model(c, n, &a.win, now);
			nx = next_step(&a, apply_window_state(&a.win, now));
			if (a.id == 0) {
				attr_nz(n, "next", nx);
				continue;
			}
			an = model_node(n, "app");
			model_attrf(an, "id", "%lld", a.id);
			attr_nz(an, "number", a.number);
			model_attr(an, "state", a.state);
			attr_nz(an, "submitted-at", a.submitted_at);
			attr_nz(an, "next", nx);
			attr_nz(an, "stage-title", stage_title(&a));
		}
	}
	rc = 0;
out:
	return rc;
}

/* ---- submission (CORE-19) --------------------------------------------- */

/*
 * What was submitted, as the model's XML, stored once (never updated),
 * and the history's line for it (app_event: the one source review reads).
 */
static int
snapshot_put(struct ctx *c, const struct apply_app *a, const char *now)
{
	xmlDocPtr	 doc;
	xmlNodePtr	 root;
	xmlChar		*xml = NULL;
	long long	 snap;
	int		 len, rc = -1;

	if ((doc = xmlNewDoc((const xmlChar *)"1.0")) == NULL)
		return -1;
	root = xmlNewDocNode(doc, NULL, (const xmlChar *)"snapshot", NULL);
	xmlDocSetRootElement(doc, root);
	model_attrf(root, "version", "%d", a->version);
	model_attr(root, "at", now);
	if (apply_app_model(c, root, a) == -1 || model_clean(doc) == -1)
		goto out;
	xmlDocDumpMemoryEnc(doc, &xml, &len, "UTF-8");
	if (xml != NULL && (snap = dbq_snapshot_put(c->app->db, a->id,
	    a->version, (const char *)xml, now)) > 0 &&
	    dbq_app_event_put(c->app->db, c->tenant->slug, a->id, "submit",
	    a->uid, -1, NULL, snap, now) > 0)
		rc = 0;
out:
	xmlFree(xml);
	xmlFreeDoc(doc);
	return rc;
}

/*
 * In the caller's transaction, with the application's row locked: the
 * first stage's scope, the number (申請番号, given once), draft or
 * returned → submitted, and the snapshot of what was submitted.  *a is
 * reloaded.  >0 submitted, 0 it was not a draft any more, -1 error.
 */
int
apply_submit_mark(struct ctx *c, struct apply_app *a, const char *now)
{
	const struct apply_stage	*sg = a->off->stages;
	char				 number[APPLY_NUMBER_LEN];
	char				 scope[81] = "*";
	int				 k;

	if (sg != NULL && sg[0].name != NULL && sg[0].scope != NULL &&
	    sg[0].scope(c->app->db, c->tenant, a, scope, sizeof(scope)) < 0)
		return -1;
	snprintf(number, sizeof(number), "%s%d-%06lld",
	    a->off->number_prefix != NULL ? a->off->number_prefix : "A",
	    a->win.year, a->id);
	if ((k = dbq_aapp_submit(c->app->db, a->id, now, number, scope)) <= 0)
		return k;
	if (apply_app_get(c->app->db, c->tenant, a->id, a) <= 0 ||
	    snapshot_put(c, a, now) == -1)
		return -1;
	return 1;
}

/*
 * Demo data: a member's application made with the rows given (one
 * struct apply_rows per section, values as typed) and, when asked,
 * submitted as a member's would be (the same snapshot; no mail).  c
 * needs app->db and tenant only.  >0 made, 0 one is live already, -1.
 */
int
apply_seed(struct ctx *c, const struct apply_offering *off, long long win,
    const char *uid, const struct apply_rows *rows, int submit,
    const char *now, const char *actor)
{
	struct apply_app	 a;
	struct apply_rows	 rs;
	char			 obj[40];
	long long		 id;
	size_t			 i, r;
	int			 rc = -1, st;

	if (db_begin(c->app->db) < 0)
		return -1;
	if ((id = dbq_aapp_create(c->app->db, c->tenant->slug, uid, win,
	    now)) == DB_DUP) {
		rc = 0;
		goto out;
	}
	if (id < 0 || apply_app_get(c->app->db, c->tenant, id, &a) <= 0 ||
	    (off->on_create != NULL && off->on_create(c->app->db, c->tenant,
	    &a) < 0) || dbq_aapp_set_ref(c->app->db, id, a.ref) < 0)
		goto out;
	for (i = 0; i < nsections(off); i++) {
		for (r = 0; r < rows[i].n; r++)
			if (dbq_values_put(c->app->db, id, off->sections[i].name,
			    rows[i].row[r].id, &rows[i].row[r].vals) < 0)
				goto out;
		memset(&rs, 0, sizeof(rs));
		if (dbq_values_load(c->app->db, id, off->sections[i].name,
		    &rs) == -1)
			goto out;
		st = apply_section_eval(c, &a, &off->sections[i], &rs);
		apply_rows_free(&rs);
		if (st == -1 || dbq_section_set(c->app->db, id,
		    off->sections[i].name, apply_sstate_name(st), now) < 0)
			goto out;
	}
	snprintf(obj, sizeof(obj), "app:%lld", id);
	if ((submit && apply_submit_mark(c, &a, now) <= 0) ||
	    audit_log(c->app->db, c->tenant->slug, actor, submit ?
	    "apply.submit" : "apply.save", obj, NULL, "demo") < 0)
		goto out;
	rc = 1;
out:
	if (rc <= 0)
		db_rollback(c->app->db);
	else if (db_commit(c->app->db) < 0)
		rc = -1;
	return rc;
}

char *
apply_snapshot_latest(struct db *d, long long app, int *version)
{
	return dbq_snapshot_latest(d, app, version);
}
