/*
 * renewal_pages.c — the member's pages of the renewal (ONC-1..ONC-4,
 * ONC-9, ONC-12) that are not the platform's generic ones:
 *
 *   /specialist                     専門医: the certification record, the
 *                                   two offerings with window and fees,
 *                                   the two ways in (POST: お申込み)
 *   /application/<kind>             申請トップ (state, 筆記試験, payment)
 *   /application/<kind>/documents   申請書類一覧: seven documents
 *   /application/<kind>/seminar     研究業績 当会セミナー (read-only)
 *   /application/<kind>/pdf         申請書(仮) until completed, then the
 *                                   application with its seminar page
 *
 * The documents' own pages, the confirmation (申請を完了する) and the
 * submission are the platform's (/application/<kind>/<section>…,
 * apply_pages.c); these exact paths come first in the page tables.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "apply.h"
#include "clock.h"
#include "ctx.h"
#include "db.h"
#include "feature.h"
#include "form.h"
#include "pdf.h"
#include "review.h"
#include "session.h"
#include "tenant.h"
#include "renewal.h"

#define PREFIX	"/application/"

static const struct apply_offering *const offerings[] = {
	&renewal_offering, &renewal4_offering, NULL
};

/* ---- 専門医 (ONC-1, ONC-2) ---------------------------------------------- */

static const char *const ways[] = { "both", "exam", NULL };

/* <cert number issued-on expires-on next-fy renewals/> */
static void
cert_model(xmlNodePtr parent, const struct renewal_cert *rc)
{
	xmlNodePtr	 n = model_node(parent, "cert");

	if (rc->n == 0)
		return;
	model_attr(n, "number", rc->number);
	model_attr(n, "issued-on", rc->issued_on);
	model_attr(n, "expires-on", rc->expires_on);
	model_attrf(n, "next-fy", "%d", rc->next_fy);
	model_attrf(n, "renewals", "%d", rc->renewals);
}

/* The member's way in of a kind and year (from the session), or NULL. */
static const char *
entry_way(const struct ctx *c, const char *kind, int year, char *buf,
    size_t len)
{
	return renewal_way_of(apply_session_extra(c, RENEWAL_FEATURE), kind,
	    year, buf, len);
}

/*
 * One offering: window, 審査料, 認定料, each way's reason if closed to the
 * member, their way in and application state.
 */
static int
offering_model(struct ctx *c, xmlNodePtr parent,
    const struct apply_offering *off, const char *now)
{
	struct apply_app	 a;
	xmlNodePtr		 n;
	const char		*why, *w;
	char			 buf[16];
	int			 year;

	if (apply_app_mine(c, off, &a) < 0)
		return -1;
	year = renewal_year(&a);
	n = model_node(parent, "offering");
	model_attr(n, "kind", off->kind);
	model_attr(n, "title", off->title);
	model_attrf(n, "href", PREFIX "%s", off->kind);
	model_attrf(n, "year", "%d", year);
	/* The year's fees from the worker's copy (no statement). */
	model_attrf(n, "fee-review", "%lld", apply_fee_cached(c, off, year,
	    RENEWAL_FEE_REVIEW));
	model_attrf(n, "fee-cert", "%lld", apply_fee_cached(c, off, year,
	    APPLY_FEE_APPROVAL));
	apply_window_model(c, n, &a.win, now);
	if (apply_window_state(&a.win, now) != AW_OPEN)
		model_attr(n, "closed", "1");
	if ((why = renewal_why(c, off, RW_BOTH)) != NULL)
		model_attr(n, "why-both", why);
	if ((why = renewal_why(c, off, RW_EXAM)) != NULL)
		model_attr(n, "why-exam", why);
	if ((w = entry_way(c, off->kind, year, buf, sizeof(buf))) != NULL)
		model_attr(n, "way", w);
	if (a.id > 0)
		model_attr(n, "state", a.state);
	return renewal_exam_model(c, n, off);
}

static enum result
specialist_show(struct ctx *c)
{
	const struct apply_offering *const *o;
	struct renewal_cert	 rc;
	const char		*done = kv_str(&c->query, "done");
	xmlNodePtr		 n;
	char			 now[CLOCK_SQL_LEN];
	enum result		 r = RES_UNAVAIL;

	clock_now_sql(now, sizeof(now));
	if (model_new(c, "renewal-specialist") == -1)
		return RES_INTERNAL;
	if (done != NULL && strcmp(done, "exam") == 0)
		model_flash(c, "renewal.msg.exam", "success");
	if (dbq_renewal_cert(c->app->db, c->tenant->slug, c->sess.uid,
	    &rc) < 0)
		goto out;
	n = model_node(c->content, "renewal");
	cert_model(n, &rc);
	for (o = offerings; *o != NULL; o++)
		if (offering_model(c, n, *o, now) == -1)
			goto out;
	r = RES_OK;
out:
	return r;
}

static enum result
specialist_get(struct ctx *c)
{
	return specialist_show(c);
}

/*
 * お申込み: a way into an offering of this year, once per year, audited
 * in its transaction; then the documents (both) or back here (exam).
 */
static enum result
specialist_post(struct ctx *c)
{
	const struct apply_offering	*off;
	struct apply_app		 a;
	const char			*kind = kv_str(&c->form, "kind");
	const char			*way = kv_str(&c->form, "way");
	const char			*why;
	char				 now[CLOCK_SQL_LEN], obj[48];
	enum result			 r;
	int				 k, ok = 0;

	if (kind == NULL || way == NULL || (off = apply_offering_find(
	    c->tenant, kind)) == NULL || off->feature == NULL ||
	    strcmp(off->feature, RENEWAL_FEATURE) != 0 ||
	    (strcmp(way, ways[0]) != 0 && strcmp(way, ways[1]) != 0))
		return RES_BADREQ;
	clock_now_sql(now, sizeof(now));
	if (apply_app_mine(c, off, &a) < 0)
		return RES_UNAVAIL;
	why = renewal_why(c, off, strcmp(way, "exam") == 0 ? RW_EXAM :
	    RW_BOTH);
	if (why == NULL && apply_window_state(&a.win, now) != AW_OPEN)
		why = "apply.why.outside";
	if (why != NULL) {
		if ((r = specialist_show(c)) == RES_OK) {
			model_error(c, why, NULL);
			c->status_hint = 409;
		}
		return r;
	}
	snprintf(obj, sizeof(obj), "renewal:%s:%d", off->kind, a.win.year);
	if (db_begin(c->app->db) < 0)
		return RES_UNAVAIL;
	k = dbq_renewal_entry_put(c->app->db, c->tenant->slug, c->sess.uid,
	    off->kind, a.win.year, way, now);
	/*
	 * 筆記試験のみ applies for the sitting at once (spared by a pass);
	 * with the documents it is 追加お申込み on 申請トップ (seed 003).
	 */
	if (k > 0 && strcmp(way, "exam") == 0 && dbq_renewal_exam_put(
	    c->app->db, c->tenant->slug, c->sess.uid, off->kind, a.win.year,
	    renewal_exam_fee(c, off, a.win.year), now) == -1)
		k = -1;
	/* One per year: a second (a double click) changes nothing. */
	if (k == DB_DUP) {
		db_rollback(c->app->db);
		ok = 1;
	} else if (k > 0 && audit_log(c->app->db, c->tenant->slug,
	    c->sess.uid, "renewal.entry", obj, c->remote, way) >= 0)
		ok = db_end(c->app->db, 1) > 0;
	else
		db_rollback(c->app->db);
	if (!ok)
		return RES_UNAVAIL;
	if (strcmp(way, "exam") == 0)
		snprintf(c->location, sizeof(c->location),
		    "/specialist?done=exam");
	else
		snprintf(c->location, sizeof(c->location), PREFIX "%s",
		    off->kind);
	return RES_REDIRECT;
}

/* ---- the application's own pages ------------------------------------ */

struct rq {
	const struct apply_offering	*off;
	struct apply_app		 app;
	xmlNodePtr			 n;	/* <renewal> */
	xmlNodePtr			 an;	/* its <application> */
	char				 now[CLOCK_SQL_LEN];
	/* The PDF's (RQ_PDF): the member's base data and record. */
	struct dbres			*member;
	struct renewal_cert		 cert;
};

/* rq_load() flags */
#define RQ_SEMINARS	0x1	/* the seminars' list in the model */
#define RQ_PDF		0x2	/* q->member and q->cert too, in the same
				 * statement as the seminars (issue 10) */

/* The offering of /application/<kind>[/…]. */
static const struct apply_offering *
path_offering(const struct ctx *c)
{
	const struct apply_offering *const *o;
	const char	*p = c->path + strlen(PREFIX);
	size_t		 n = strcspn(p, "/");

	for (o = offerings; *o != NULL; o++)
		if (strlen((*o)->kind) == n && strncmp(p, (*o)->kind, n) == 0)
			return *o;
	return NULL;
}

/* <facts total needed meeting paper seminar a b months from to/> */
static void
facts_model(xmlNodePtr parent, const struct renewal_facts *f, int seminars)
{
	xmlNodePtr	 n = model_node(parent, "facts"), s, l;
	int		 i;

	model_attrf(n, "total", "%lld", f->cr.total);
	model_attrf(n, "needed", "%lld", f->rules.needed);
	model_attrf(n, "meeting", "%lld", f->cr.meeting);
	model_attrf(n, "paper", "%lld", f->cr.paper);
	model_attrf(n, "seminar", "%lld", f->cr.seminar);
	model_attrf(n, "meetings", "%d", f->meetings);
	model_attr(n, "a", f->a ? "1" : "0");
	model_attr(n, "b", f->b ? "1" : "0");
	model_attrf(n, "months", "%d", f->months);
	model_attrf(n, "years", "%d.%d", f->months / 12,
	    (f->months % 12) * 10 / 12);
	model_attr(n, "from", f->from);
	model_attr(n, "to", f->to);
	if (!seminars)
		return;
	l = model_node(parent, "seminars");
	for (i = 0; i < f->nsem; i++) {
		s = model_node(l, "seminar");
		model_attr(s, "title", f->sem[i].title);
		model_attr(s, "held-on", f->sem[i].held_on);
		if (f->sem[i].series[0] != '\0')
			model_attr(s, "series", f->sem[i].series);
		model_attrf(s, "units", "%lld", f->sem[i].units);
	}
}

/*
 * The sections' rows for the facts: those apply_app_page() read with
 * the application (no statement of their own, issue 10), else read
 * here.  1 borrowed (not to be freed), 0 read, -1.
 */
static int
rq_data(struct ctx *c, const struct rq *q, struct apply_data *data)
{
	const struct apply_rows	*rs;
	size_t			 i;

	for (i = 0; i < RS__N; i++) {
		if ((rs = apply_page_rows(c, &q->app,
		    q->off->sections[i].name)) == NULL)
			break;
		data->sec[i] = *rs;
	}
	if (i == RS__N)
		return 1;
	memset(data, 0, sizeof(*data));
	return apply_data_load(c->app->db, &q->app, data) == -1 ? -1 : 0;
}

/*
 * The application under a page of ours: its model (the platform's),
 * fees, way in, and the facts (the platform's model computes them only
 * while it is editable; else from the rows read with the application).
 */
static enum result
rq_load(struct ctx *c, struct rq *q, const char *name, int flags)
{
	const struct renewal_facts	*f;
	struct apply_data		 data;
	const char			*why, *w;
	char				 buf[16];
	enum result			 r = RES_UNAVAIL;
	int				 borrowed = 0;

	memset(q, 0, sizeof(*q));
	memset(&data, 0, sizeof(data));
	clock_now_sql(q->now, sizeof(q->now));
	if ((q->off = path_offering(c)) == NULL)
		return RES_NOTFOUND;
	if (apply_app_page(c, q->off, &q->app) < 0)
		return RES_UNAVAIL;
	/* Before the application's model, whose shortfalls read them. */
	if ((flags & RQ_PDF) && renewal_facts_pdf(c, &q->app, &q->member,
	    &q->cert) == -1)
		return RES_UNAVAIL;
	/*
	 * Completed, the model computes no facts: count its rows here, and
	 * before the model takes over those apply_app_page() read.
	 */
	if (!apply_editable(&q->app) && ((borrowed = rq_data(c, q,
	    &data)) == -1 || renewal_facts(c, &q->app, &data, &f) == -1))
		goto out;
	r = RES_INTERNAL;
	if (model_new(c, name) == -1)
		goto out;
	r = RES_UNAVAIL;
	q->n = model_node(c->content, "renewal");
	model_attr(q->n, "kind", q->off->kind);
	model_attr(q->n, "title", q->off->title);
	model_attrf(q->n, "href", PREFIX "%s", q->off->kind);
	why = renewal_why(c, q->off, RW_BOTH);
	if (why == NULL && apply_window_state(&q->app.win, q->now) != AW_OPEN)
		why = "apply.why.outside";
	if (!apply_editable(&q->app))
		why = "renewal.why.completed";
	model_attr(q->n, "can-edit", why == NULL ? "1" : "0");
	if (why != NULL)
		model_attr(q->n, "why", why);
	if (apply_app_model(c, q->n, &q->app) == -1)
		goto out;
	q->an = q->n->last;
	if (review_fees_model(c, q->an, &q->app) == -1)
		goto out;
	/* The facts counted (memoised): the seminars and the rules. */
	if (renewal_facts(c, &q->app, NULL, &f) == -1)
		goto out;
	facts_model(q->n, f, flags & RQ_SEMINARS);
	if (q->app.id > 0 && (w = entry_way(c, q->off->kind,
	    q->app.win.year, buf, sizeof(buf))) != NULL)
		model_attr(q->n, "way", w);
	r = RES_OK;
out:
	if (borrowed != 1)
		apply_data_free(&data);
	return r;
}

static const struct {
	const char	*done;
	const char	*key;
} flashes[] = {
	{ "saved", "apply.msg.saved" },
	{ "submitted", "renewal.msg.submitted" },
	{ "dup", "apply.menu.applied" },
	{ "exam", "renewal.msg.exam" },
};

/* 申請トップ (ONC-3). */
static enum result
top_get(struct ctx *c)
{
	struct rq	 q;
	const char	*done = kv_str(&c->query, "done"), *w;
	char		 buf[16];
	enum result	 r;
	size_t		 i;

	if ((r = rq_load(c, &q, "renewal-top", 0)) != RES_OK)
		return r;
	if (renewal_exam_model(c, q.n, q.off) == -1)
		return RES_UNAVAIL;
	/* Entered, the documents not yet saved: 申込済 all the same. */
	if (q.app.id <= 0 && (w = entry_way(c, q.off->kind,
	    renewal_year(&q.app), buf, sizeof(buf))) != NULL)
		model_attr(q.n, "way", w);
	for (i = 0; done != NULL && i < sizeof(flashes) / sizeof(flashes[0]);
	    i++)
		if (strcmp(done, flashes[i].done) == 0)
			model_flash(c, flashes[i].key, "success");
	return RES_OK;
}

/* 申請書類一覧 (ONC-4). */
static enum result
documents_get(struct ctx *c)
{
	struct rq	 q;

	return rq_load(c, &q, "renewal-documents", 0);
}

/* 研究業績 当会セミナー (ONC-9): read-only. */
static enum result
seminar_get(struct ctx *c)
{
	struct rq	 q;

	return rq_load(c, &q, "renewal-seminar", RQ_SEMINARS);
}

/*
 * The PDF (ONC-12): 申請書(仮) while the documents may change — marked
 * 申請未完了 on every page but the cover and without the seminar page —
 * and the application itself once completed, with it.
 */
static enum result
pdf_get(struct ctx *c)
{
	struct rq		 q;
	const struct dbres	*m;
	xmlNodePtr		 mn;
	enum result		 r;
	char			 name[96];
	int			 draft;
	size_t			 i;
	static const char *const cols[RMEM_COL__MAX] = {
		"member-no", "name", "kana", "sex", "birth-date", "postal",
		"pref", "address", "phone", "email", "work", "dept",
		"work-postal", "work-address", "work-phone", "regno",
		"regno-date", "contact", "joined-on", "specialty"
	};

	/* The seminars, the member and the record: one statement. */
	if ((r = rq_load(c, &q, "renewal-pdf", RQ_SEMINARS | RQ_PDF)) !=
	    RES_OK)
		goto out;
	draft = apply_editable(&q.app);
	model_attr(q.n, "final", draft ? "0" : "1");
	/* 受験番号 on the cover: the exam's, from the session. */
	if (renewal_exam_model(c, q.n, q.off) == -1) {
		r = RES_UNAVAIL;
		goto out;
	}
	m = q.member;
	mn = model_node(q.n, "member");
	for (i = 0; m->nrows > 0 && i < RMEM_COL__MAX; i++)
		if (dbres_get(m, 0, i) != NULL)
			model_attr(mn, cols[i], dbres_get(m, 0, i));
	cert_model(q.n, &q.cert);
	snprintf(name, sizeof(name), "%s_%s.pdf", strcmp(c->lang, "en") ==
	    0 ? "application" : draft ? "申請書(仮)" : "申請書",
	    q.app.number[0] ? q.app.number : q.off->kind);
	r = pdf_page(c, q.off->print_xsl, draft ? PDF_DRAFT : 0, name);
out:
	dbres_free(q.member);
	return r;
}

/*
 * A document of rows (研究活動歴, 学会参加, 論文): the platform's apply-rows
 * page with this section only, its rows from apply_app_page()'s read
 * (the worker's copy while nothing changed: the session statement only,
 * issue 10).
 */
static void
rows_model(struct ctx *c, xmlNodePtr sn, const struct apply_app *a,
    const struct apply_section *s, struct apply_rows *rs)
{
	struct form_result	 res;
	const struct field	*f;
	const char		*v;
	xmlNodePtr		 rn, vn, e;
	size_t			 i, k;
	char			 key[96];

	model_attrf(sn, "rows", "%zu", rs->n);
	for (i = 0; i < rs->n; i++) {
		if (apply_row_check(c, a, s, rs, rs->row[i].id,
		    &rs->row[i].vals, &res) == -1)
			res.nerr = 0;
		rn = model_node(sn, "row");
		model_attrf(rn, "id", "%d", rs->row[i].id);
		model_attr(rn, "valid", res.nerr == 0 ? "1" : "0");
		for (k = 0; k < s->nfields; k++) {
			f = &s->fields[k];
			v = kv_str(&rs->row[i].vals, f->name);
			vn = model_text(rn, "value", v != NULL ? v : "");
			model_attr(vn, "name", f->name);
			model_attr(vn, "key", f->key);
			if (v != NULL && *v != '\0' && f->options != NULL) {
				snprintf(key, sizeof(key), "%s.%s", f->key, v);
				model_attr(vn, "value-key", key);
			}
		}
		for (k = 0; k < res.nerr; k++) {
			e = model_node(rn, "error");
			model_attr(e, "field", res.err[k].field);
			model_attr(e, "key", res.err[k].key);
		}
	}
}

static enum result
rows_get(struct ctx *c)
{
	const struct apply_offering	*off;
	const struct apply_section	*s;
	const struct apply_rows		*page = NULL;
	struct apply_rows		 rs = { NULL, 0 }, view;
	struct apply_app		 a;
	xmlNodePtr			 n, an, sn;
	const char			*why, *name = strrchr(c->path, '/') + 1;
	char				 now[CLOCK_SQL_LEN];
	enum result			 r = RES_UNAVAIL;

	if ((off = path_offering(c)) == NULL)
		return RES_NOTFOUND;
	for (s = off->sections; s->name != NULL; s++)
		if (strcmp(s->name, name) == 0)
			break;
	if (s->name == NULL || s->max_rows == 0)
		return RES_NOTFOUND;
	clock_now_sql(now, sizeof(now));
	/* The application with its rows (on a GET, the worker's copy). */
	if (apply_app_page(c, off, &a) < 0)
		return RES_UNAVAIL;
	if ((page = apply_page_rows(c, &a, s->name)) == NULL && a.id > 0 &&
	    dbq_values_load(c->app->db, a.id, s->name, &rs) == -1)
		goto out;
	if (model_new(c, "apply-rows") == -1) {
		r = RES_INTERNAL;
		goto out;
	}
	why = !apply_editable(&a) ? "apply.menu.applied" :
	    renewal_why(c, off, RW_BOTH);
	if (why == NULL && apply_window_state(&a.win, now) != AW_OPEN)
		why = "apply.why.outside";
	n = model_node(c->content, "apply");
	model_attr(n, "kind", off->kind);
	model_attr(n, "title", off->title);
	model_attrf(n, "href", PREFIX "%s", off->kind);
	model_attr(n, "can-edit", why == NULL ? "1" : "0");
	if (why != NULL)
		model_attr(n, "why", why);
	model_attr(n, "section", s->name);
	model_attr(n, "section-title", s->title);
	model_attrf(n, "max", "%d", s->max_rows);
	if (strcmp(kv_str(&c->query, "done") ? kv_str(&c->query, "done") :
	    "", "saved") == 0)
		model_flash(c, "apply.msg.saved", "success");
	else if (strcmp(kv_str(&c->query, "done") ? kv_str(&c->query,
	    "done") : "", "deleted") == 0)
		model_flash(c, "apply.msg.deleted", "success");
	an = model_node(n, "application");
	model_attr(an, "kind", off->kind);
	model_attr(an, "state", a.id > 0 ? a.state : "new");
	model_attr(an, "editable", apply_editable(&a) ? "1" : "0");
	apply_window_model(c, an, &a.win, now);
	if (a.return_comment[0] != '\0')
		model_text(an, "return-comment", a.return_comment);
	sn = model_node(an, "section");
	model_attr(sn, "name", s->name);
	model_attr(sn, "title", s->title);
	model_attrf(sn, "max", "%d", s->max_rows);
	/* Borrowed from apply_app_page()'s read (not freed here). */
	if (page != NULL)
		view = *page;
	rows_model(c, sn, &a, s, page != NULL ? &view : &rs);
	r = RES_OK;
out:
	apply_rows_free(&rs);
	return r;
}

#define ROWS_PAGE(k, s) \
	{ .name = "renewal-rows-" k "-" s, .methods = M_GET, \
	    .path = PREFIX k "/" s, .flags = PAGE_TENANT | PAGE_AUTH, \
	    .get = rows_get, .feature = RENEWAL_FEATURE, \
	    .roles = ROLE_MEMBER }

#define APP_PAGES(k) \
	{ .name = "renewal-top-" k, .methods = M_GET, \
	    .path = PREFIX k, .flags = PAGE_TENANT | PAGE_AUTH, \
	    .get = top_get, .feature = RENEWAL_FEATURE, \
	    .roles = ROLE_MEMBER }, \
	{ .name = "renewal-documents-" k, .methods = M_GET, \
	    .path = PREFIX k "/documents", .flags = PAGE_TENANT | PAGE_AUTH, \
	    .get = documents_get, .feature = RENEWAL_FEATURE, \
	    .roles = ROLE_MEMBER }, \
	{ .name = "renewal-seminar-" k, .methods = M_GET, \
	    .path = PREFIX k "/seminar", .flags = PAGE_TENANT | PAGE_AUTH, \
	    .get = seminar_get, .feature = RENEWAL_FEATURE, \
	    .roles = ROLE_MEMBER }, \
	{ .name = "renewal-pdf-" k, .methods = M_GET, \
	    .path = PREFIX k "/pdf", .flags = PAGE_TENANT | PAGE_AUTH, \
	    .get = pdf_get, .feature = RENEWAL_FEATURE, \
	    .roles = ROLE_MEMBER }, \
	ROWS_PAGE(k, "activity"), ROWS_PAGE(k, "meeting"), \
	ROWS_PAGE(k, "paper")

const struct page renewal_pages[] = {
	{ .name = "renewal-specialist", .methods = M_GET | M_POST,
	    .path = "/specialist", .flags = PAGE_TENANT | PAGE_AUTH,
	    .get = specialist_get, .post = specialist_post,
	    .menu = "menu.renewal.specialist", .feature = RENEWAL_FEATURE,
	    .roles = ROLE_MEMBER },
	APP_PAGES(RENEWAL_KIND),
	APP_PAGES(RENEWAL_KIND4),
	{ .name = NULL },
};
