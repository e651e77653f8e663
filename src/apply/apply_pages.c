/*
 * apply_pages.c — the member's pages of an application (CORE-12,
 * CORE-18, CORE-19), the same for every offering:
 *
 *   /application/<kind>                        申請トップ
 *   /application/<kind>/<section>              one form, or its rows
 *   /application/<kind>/<section>/<row|new>    one row
 *   /application/<kind>/<section>/<row>/delete (POST)
 *   /application/<kind>/confirm                confirm (GET), submit (POST)
 *   /application/<kind>/withdraw               withdraw, where allowed
 *   /application/<kind>/pdf                    the PDF (CORE-20): draft or final
 *
 * Every save is a draft (CORE-12): what was typed is stored as typed,
 * valid or not, and the form comes back with its errors; a section's
 * state is worked out again from all its rows at each save.  Saves,
 * deletes, the submission and a withdrawal each lock the application's
 * row first, so they see its state as it is (a save after a submission
 * in another tab is refused) and fifty simultaneous submits make one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "apply.h"
#include "conf.h"
#include "ctx.h"
#include "db.h"
#include "directory.h"
#include "feature.h"
#include "form.h"
#include "log.h"
#include "mail.h"
#include "pdf.h"
#include "review.h"
#include "session.h"
#include "tenant.h"
#include "upload.h"

#define APPLY_PREFIX	"/application/"
#define ROW_NEW		-1	/* .../<section>/new */
#define VALUE_MAX	16000	/* bytes of one stored value */

const struct page apply_pages[] = {
	{ .name = "apply", .methods = M_GET | M_POST,
	    .path = APPLY_PREFIX, .flags = PAGE_TENANT | PAGE_AUTH |
	    PAGE_PREFIX, .get = apply_page_get, .post = apply_page_post,
	    .roles = ROLE_MEMBER },
	{ .name = NULL },
};

/* What a request is about, parsed from its path and loaded. */
struct aq {
	const struct apply_offering	*off;
	const struct apply_section	*sec;	/* NULL: not a section page */
	const char			*act;	/* confirm, withdraw, or NULL */
	int				 row;	/* 0, a row id, or ROW_NEW */
	int				 del;	/* .../<row>/delete */
	struct apply_app		 app;	/* id 0: none yet */
	char				 now[CLOCK_SQL_LEN];
	enum apply_wstate		 ws;
	const char			*why;	/* not eligible: the reason */
};

/* ---- loading ----------------------------------------------------------- */

static const struct apply_section *
section_find(const struct apply_offering *off, const char *name)
{
	const struct apply_section	*s;

	for (s = off->sections; s->name != NULL; s++)
		if (strcmp(s->name, name) == 0)
			return s;
	return NULL;
}

/* A path word: letters, digits, '-' and '_', 1..32 of them. */
static int
word(const char *p, size_t n)
{
	size_t	 i;

	if (n == 0 || n > 32)
		return 0;
	for (i = 0; i < n; i++)
		if (!((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= '0' &&
		    p[i] <= '9') || p[i] == '-' || p[i] == '_'))
			return 0;
	return 1;
}

/* Split the path after the prefix into at most four words. */
static size_t
path_words(const char *path, char w[4][33])
{
	const char	*p = path + strlen(APPLY_PREFIX), *e;
	size_t		 n = 0;

	while (*p != '\0' && n < 4) {
		e = strchr(p, '/');
		if (e == NULL)
			e = p + strlen(p);
		if (!word(p, (size_t)(e - p)))
			return 0;
		memcpy(w[n], p, (size_t)(e - p));
		w[n++][e - p] = '\0';
		p = *e == '/' ? e + 1 : e;
		if (*e == '/' && *p == '\0')
			return 0;
	}
	return *p == '\0' ? n : 0;
}

/* The offering, section and row a path names.  RES_OK or 404. */
static enum result
parse(struct ctx *c, struct aq *q)
{
	char	 w[4][33];
	size_t	 n;

	memset(q, 0, sizeof(*q));
	if ((n = path_words(c->path, w)) == 0 ||
	    (q->off = apply_offering_find(c->tenant, w[0])) == NULL)
		return RES_NOTFOUND;
	if (n == 1)
		return RES_OK;
	if (n == 2 && (strcmp(w[1], "confirm") == 0 ||
	    strcmp(w[1], "withdraw") == 0)) {
		q->act = strcmp(w[1], "confirm") == 0 ? "confirm" : "withdraw";
		return RES_OK;
	}
	if (n == 2 && strcmp(w[1], "pdf") == 0) {
		q->act = "pdf";
		return RES_OK;
	}
	if ((q->sec = section_find(q->off, w[1])) == NULL)
		return RES_NOTFOUND;
	if (n == 2)
		return RES_OK;
	if (q->sec->max_rows == 0)
		return RES_NOTFOUND;
	if (strcmp(w[2], "new") == 0 && n == 3)
		q->row = ROW_NEW;
	else if (valid_number(w[2]) && strlen(w[2]) < 9 &&
	    (q->row = atoi(w[2])) > 0)
		q->del = n == 4 && strcmp(w[3], "delete") == 0;
	else
		return RES_NOTFOUND;
	return n == 3 || q->del ? RES_OK : RES_NOTFOUND;
}

static enum result
load(struct ctx *c, struct aq *q)
{
	enum result	 r;
	int		 whole;

	if ((r = parse(c, q)) != RES_OK)
		return r;
	clock_now_sql(q->now, sizeof(q->now));
	/*
	 * A page reads the application with everything at once
	 * (apply_app_page(): on a GET, none when the worker kept it), a
	 * new row's form too: it is usually shown right after 申請トップ,
	 * whose rows the worker then holds.
	 */
	whole = !q->del;
	if ((whole ? apply_app_page(c, q->off, &q->app) :
	    apply_app_mine(c, q->off, &q->app)) < 0)
		return RES_UNAVAIL;
	q->ws = apply_window_state(&q->app.win, q->now);
	q->why = q->off->eligible != NULL ? q->off->eligible(c, q->off) :
	    NULL;
	return RES_OK;
}

/*
 * May the member change the draft now?  NULL, or why not: applied,
 * not eligible, or outside the window (unless the offering lets drafts
 * be kept any time, as training records are).
 */
static const char *
edit_refusal(const struct aq *q)
{
	if (!apply_editable(&q->app))
		return "apply.menu.applied";
	if (q->why != NULL)
		return q->why;
	if (q->ws == AW_OPEN || (q->ws != AW_NONE &&
	    (q->off->flags & APPLY_DRAFT_ANYTIME)))
		return NULL;
	return q->ws == AW_NONE ? "apply.why.none" : "apply.why.outside";
}

static const char *
submit_refusal(const struct aq *q)
{
	const char	*k;

	if ((k = edit_refusal(q)) != NULL)
		return k;
	if (q->app.id == 0)
		return "apply.err.empty";
	return q->ws == AW_OPEN ? NULL : "apply.why.outside";
}

/* ---- the page ---------------------------------------------------------- */

static const struct {
	const char	*done;
	const char	*key;
	const char	*kind;
} flashes[] = {
	{ "saved", "apply.msg.saved", "success" },
	{ "deleted", "apply.msg.deleted", "success" },
	{ "submitted", "apply.msg.submitted", "success" },
	{ "withdrawn", "apply.msg.withdrawn", "success" },
	{ "dup", "apply.menu.applied", "warning" },
};

/* Start a page of the flow: <apply kind can-edit can-submit …>. */
static xmlNodePtr
page_start(struct ctx *c, const struct aq *q, const char *name)
{
	xmlNodePtr	 n;
	const char	*done = kv_str(&c->query, "done"), *k;
	char		 base[64];
	size_t		 i;

	if (model_new(c, name) == -1)
		return NULL;
	for (i = 0; done != NULL && i < sizeof(flashes) / sizeof(flashes[0]);
	    i++)
		if (strcmp(done, flashes[i].done) == 0)
			model_flash(c, flashes[i].key, flashes[i].kind);
	n = model_node(c->content, "apply");
	model_attr(n, "kind", q->off->kind);
	model_attr(n, "title", q->off->title);
	snprintf(base, sizeof(base), APPLY_PREFIX "%s", q->off->kind);
	model_attr(n, "href", base);
	k = edit_refusal(q);
	model_attr(n, "can-edit", k == NULL ? "1" : "0");
	if (k != NULL)
		model_attr(n, "why", k);
	model_attr(n, "can-submit", submit_refusal(q) == NULL ? "1" : "0");
	if ((q->off->flags & APPLY_WITHDRAW) && q->app.id > 0 &&
	    (strcmp(q->app.state, "submitted") == 0 ||
	    strcmp(q->app.state, "returned") == 0))
		model_attr(n, "can-withdraw", "1");
	if (q->sec != NULL) {
		model_attr(n, "section", q->sec->name);
		model_attr(n, "section-title", q->sec->title);
		model_attrf(n, "max", "%d", q->sec->max_rows);
	}
	return n;
}

/*
 * With no application under way in this window: the last one rejected,
 * if any, as <rejected number decided-at>reason</rejected>, so the
 * member still reads why.  0, -1.
 */
static int
rejected_model(struct ctx *c, xmlNodePtr parent, const struct aq *q)
{
	struct apply_app	 r;
	xmlNodePtr		 n;
	int			 k;

	if (q->app.id > 0 || q->app.win.id <= 0)
		return 0;
	if ((k = dbq_aapp_rejected(c->app->db, c->tenant->slug,
	    q->app.win.id, c->sess.uid, &r)) <= 0)
		return k;
	n = model_text(parent, "rejected", r.return_comment);
	model_attr(n, "number", r.number);
	model_attr(n, "decided-at", r.decided_at);
	return 0;
}

/* The whole application under the page (申請トップ, confirm). */
static enum result
show_app(struct ctx *c, const struct aq *q, const char *name)
{
	xmlNodePtr	 n;

	if ((n = page_start(c, q, name)) == NULL)
		return RES_INTERNAL;
	if (rejected_model(c, n, q) == -1)
		return RES_UNAVAIL;
	/* The application, then its fees and certificate (review.h). */
	if (apply_app_model(c, n, &q->app) == -1 ||
	    review_fees_model(c, n->last, &q->app) == -1)
		return RES_UNAVAIL;
	return RES_OK;
}

/*
 * GET /application/<kind>/pdf: the application's own model as a PDF
 * (CORE-20, pdf.h); until it is submitted a draft, marked 申請未完了 on
 * every page but the cover.
 */
static enum result
show_pdf(struct ctx *c, const struct aq *q)
{
	enum result	 r;
	char		 name[96];
	int		 draft;

	/* Nothing saved yet: the blank form, as a draft. */
	if ((r = show_app(c, q, "apply-pdf")) != RES_OK)
		return r;
	draft = q->app.id <= 0 || strcmp(q->app.state, "draft") == 0 ||
	    strcmp(q->app.state, "returned") == 0;
	snprintf(name, sizeof(name), "%s_%s.pdf", strcmp(c->lang, "en") == 0 ?
	    "application" : "申請書", q->app.number[0] ? q->app.number :
	    q->off->kind);
	return pdf_page(c, q->off->print_xsl, draft ? PDF_DRAFT : 0, name);
}

/* A refused act: the top page with the reason at the top, 409. */
static enum result
refuse(struct ctx *c, const struct aq *q, const char *key)
{
	enum result	 r;

	if ((r = show_app(c, q, "apply-top")) == RES_OK) {
		model_error(c, key, NULL);
		c->status_hint = 409;
	}
	return r;
}

/* A file field: its limits, and what is stored for it (CORE-13). */
static void
stored_file(struct ctx *c, const struct aq *q, xmlNodePtr form,
    const char *name, const struct kvlist *vals)
{
	struct upload_owner	 own;
	struct upload_info	 info;
	const char		*v = kv_str(vals, name);
	xmlNodePtr		 f;

	upload_form_field(c, form, name, UP_IMAGE | UP_PDF);
	upload_owner_of(c, &own);
	if (v != NULL && valid_number(v) && (f = form_field(form,
	    name)) != NULL && (apply_page_upload(c, &q->app, v, &info) ||
	    upload_get(c, atoll(v), &own, &info) > 0))
		upload_model(f, &info);
}

/* The form of one row (row 0: the section's one form). */
static enum result
show_form(struct ctx *c, const struct aq *q, int row,
    const struct kvlist *vals, const struct form_result *res)
{
	const struct field	*f;
	xmlNodePtr		 form;
	char			 act[160], pre[80];
	size_t			 i;

	if (page_start(c, q, "apply-form") == NULL)
		return RES_INTERNAL;
	if (row == ROW_NEW)
		snprintf(act, sizeof(act), APPLY_PREFIX "%s/%s/new",
		    q->off->kind, q->sec->name);
	else if (row > 0)
		snprintf(act, sizeof(act), APPLY_PREFIX "%s/%s/%d",
		    q->off->kind, q->sec->name, row);
	else
		snprintf(act, sizeof(act), APPLY_PREFIX "%s/%s",
		    q->off->kind, q->sec->name);
	model_attrf(c->content->children, "row", "%d", row);
	form = model_form(c, "apply-form", act, q->sec->fields,
	    q->sec->nfields, vals, res, NULL);
	if (form == NULL)
		return RES_INTERNAL;
	for (i = 0; i < q->sec->nfields; i++) {
		f = &q->sec->fields[i];
		if ((f->type == F_SELECT || f->type == F_RADIO) &&
		    f->options != NULL) {
			snprintf(pre, sizeof(pre), "%s.", f->key);
			form_options_label(form, f->name, pre, NULL, 0);
		}
		if (f->type == F_FILE)
			stored_file(c, q, form, f->name, vals);
	}
	if (q->sec->options != NULL && q->sec->options(c, &q->app, form) < 0)
		return RES_UNAVAIL;
	/* CORE-12: both save; one goes back to the application's top. */
	model_button(form, "save", "apply.btn.save", NULL);
	model_button(form, "top", "apply.btn.save-top", "secondary");
	return RES_OK;
}

/* A rows section: the application, the page draws this section's rows. */
static enum result
show_rows(struct ctx *c, const struct aq *q)
{
	return show_app(c, q, "apply-rows");
}

/* One stored row, or row 0, as a kvlist copy.  0 found, -1 none. */
static int
row_values(struct ctx *c, const struct aq *q, int row, struct kvlist *out,
    struct form_result *res)
{
	struct apply_rows	 own = { NULL, 0 };
	const struct apply_rows	*rs;
	size_t			 i, k;
	int			 rc = -1;

	res->nerr = 0;
	if (q->app.id == 0)
		goto out;
	/* Read with the application (apply_app_page()), else now. */
	if ((rs = apply_page_rows(c, &q->app, q->sec->name)) == NULL) {
		if (dbq_values_load(c->app->db, q->app.id, q->sec->name,
		    &own) == -1)
			goto out;
		rs = &own;
	}
	for (i = 0; i < rs->n; i++) {
		if (rs->row[i].id != row)
			continue;
		for (k = 0; k < rs->row[i].vals.n; k++)
			kv_add(out, rs->row[i].vals.kv[k].key,
			    strlen(rs->row[i].vals.kv[k].key),
			    rs->row[i].vals.kv[k].val,
			    rs->row[i].vals.kv[k].vlen);
		/* Reopened: its errors are shown again (CORE-12). */
		if (apply_row_check(c, &q->app, q->sec, rs, row, out,
		    res) == -1)
			goto out;
		rc = 0;
	}
out:
	apply_rows_free(&own);
	return rc;
}

/* ---- saving ------------------------------------------------------------ */

/*
 * The declared fields' values of the POST, as typed: what XML cannot
 * carry and what no column holds are left out; a file field keeps its
 * stored upload unless a new file came (stored first, CORE-13).
 */
static int
typed_values(struct ctx *c, const struct aq *q, const struct kvlist *old,
    struct kvlist *out, struct form_result *res)
{
	const struct field	*f;
	const struct kv		*e;
	struct upload_owner	 own;
	const char		*k, *v;
	char			 id[24];
	long long		 up;
	size_t			 i;

	upload_owner_of(c, &own);
	for (i = 0; i < q->sec->nfields; i++) {
		f = &q->sec->fields[i];
		if (f->type == F_FILE) {
			up = upload_store(c, f->name, UP_IMAGE | UP_PDF,
			    "apply", &own, &k);
			if (up < 0 && k != NULL)
				form_error_add(res, f->name, k);
			if (up > 0) {
				snprintf(id, sizeof(id), "%lld", up);
				v = id;
			} else
				v = kv_str(old, f->name);
		} else {
			e = kv_get(&c->form, f->name);
			v = e != NULL && e->filename == NULL &&
			    e->vlen <= VALUE_MAX ? e->val : NULL;
			/* Never stored: what XML 1.0 cannot carry (CORE-3). */
			if (v != NULL && (k = form_check(f, v,
			    e->vlen)) != NULL && strcmp(k, "err.char") == 0)
				v = NULL;
		}
		if (kv_add(out, f->name, strlen(f->name), v ? v : "",
		    v ? strlen(v) : 0) != KV_OK)
			return -1;
	}
	return 0;
}

/* Make the draft's row if there is none yet (on_create sets ref). */
static int
app_ensure(struct ctx *c, struct aq *q)
{
	long long	 id;

	if (q->app.id > 0)
		return 1;
	id = dbq_aapp_create(c->app->db, c->tenant->slug, c->sess.uid,
	    q->app.win.id, q->now);
	if (id == DB_DUP) {
		/* Another tab made it a moment ago: that one is the draft. */
		if (dbq_aapp_live_get(c->app->db, c->tenant->slug,
		    q->app.win.id, c->sess.uid, &q->app) <= 0)
			return -1;
		q->app.off = q->off;
		return 1;
	}
	if (id < 0 || apply_app_get(c->app->db, c->tenant, id, &q->app) <= 0)
		return -1;
	if (q->off->on_create != NULL &&
	    (q->off->on_create(c->app->db, c->tenant, &q->app) < 0 ||
	    (q->app.ref > 0 && dbq_aapp_set_ref(c->app->db, id,
	    q->app.ref) < 0)))
		return -1;
	return 1;
}

/* Work a section's state out again from all its rows and store it. */
static int
section_update(struct ctx *c, const struct aq *q, int row,
    struct kvlist *vals, struct form_result *res)
{
	struct apply_rows	 rs = { NULL, 0 };
	int			 st = -1;

	if (dbq_values_load(c->app->db, q->app.id, q->sec->name, &rs) == -1)
		goto out;
	if (vals != NULL && apply_row_check(c, &q->app, q->sec, &rs, row,
	    vals, res) == -1)
		goto out;
	if ((st = apply_section_eval(c, &q->app, q->sec, &rs)) == -1 ||
	    dbq_section_set(c->app->db, q->app.id, q->sec->name,
	    apply_sstate_name(st), q->now) < 0 ||
	    dbq_aapp_touch(c->app->db, q->app.id, q->now) < 0)
		st = -1;
out:
	apply_rows_free(&rs);
	return st;
}

static int
audit_app(struct ctx *c, const struct aq *q, const char *action,
    const char *detail)
{
	char	 obj[40];

	snprintf(obj, sizeof(obj), "app:%lld", q->app.id);
	return audit_log(c->app->db, c->tenant->slug, c->sess.uid, action,
	    obj, c->remote, detail);
}

/*
 * Lock the application for an act and check it may still be edited;
 * NULL when it may, else why not (the state may have changed in another
 * tab since the page was loaded).
 */
static const char *
lock_editable(struct ctx *c, struct aq *q)
{
	char	 st[12];

	if (dbq_aapp_lock(c->app->db, q->app.id, st, sizeof(st)) <= 0)
		return "apply.err.unavailable";
	snprintf(q->app.state, sizeof(q->app.state), "%s", st);
	return apply_editable(&q->app) ? NULL : "apply.menu.applied";
}

/*
 * Save one form or row as typed (CORE-12), in one transaction with its
 * audit line.  *row becomes the new row's id.  >0 saved, 0 refused
 * (*why), -1 error.
 */
static int
save_row(struct ctx *c, struct aq *q, int *row, const struct kvlist *vals,
    struct kvlist *checked, struct form_result *res, const char **why)
{
	struct apply_rows	 rs = { NULL, 0 };
	char			 detail[64];
	int			 rc = -1;

	if (db_begin(c->app->db) < 0)
		return -1;
	if (app_ensure(c, q) < 0)
		goto out;
	if ((*why = lock_editable(c, q)) != NULL) {
		rc = 0;
		goto out;
	}
	if (*row == ROW_NEW) {
		if (dbq_values_load(c->app->db, q->app.id, q->sec->name,
		    &rs) == -1)
			goto out;
		if ((int)rs.n >= q->sec->max_rows) {
			*why = "apply.err.max-rows";
			rc = 0;
			goto out;
		}
		if ((*row = dbq_row_next(c->app->db, q->app.id,
		    q->sec->name)) <= 0)
			goto out;
	}
	snprintf(detail, sizeof(detail), "%s/%d", q->sec->name, *row);
	if (dbq_values_put(c->app->db, q->app.id, q->sec->name, *row,
	    vals) < 0 || section_update(c, q, *row, checked, res) < 0 ||
	    audit_app(c, q, "apply.save", detail) < 0)
		goto out;
	rc = 1;
out:
	apply_rows_free(&rs);
	if (rc <= 0)
		db_rollback(c->app->db);
	else if (db_commit(c->app->db) < 0)
		rc = -1;
	return rc;
}

/*
 * An upload refused (wrong type, too large) says so, in place of the
 * row check's "a file is required" for the same field.
 */
static void
upload_errors(struct form_result *res, const struct form_result *up)
{
	size_t	 i, j;

	for (i = 0; i < up->nerr; i++) {
		for (j = 0; j < res->nerr; j++)
			if (strcmp(res->err[j].field, up->err[i].field) == 0) {
				res->err[j].key = up->err[i].key;
				break;
			}
		if (j == res->nerr)
			form_error_add(res, up->err[i].field, up->err[i].key);
	}
}

/* A save refused: the section is full (the form again), or the top. */
static enum result
refuse_save(struct ctx *c, const struct aq *q, const char *why,
    const struct kvlist *vals)
{
	enum result	 r;

	if (strcmp(why, "apply.err.max-rows") != 0)
		return refuse(c, q, why);
	if ((r = show_form(c, q, ROW_NEW, vals, NULL)) == RES_OK) {
		model_error(c, why, NULL);
		c->status_hint = 409;
	}
	return r;
}

/* POST of a form or row: saved as typed, then shown again or left. */
static enum result
post_form(struct ctx *c, struct aq *q)
{
	struct kvlist		 old = { NULL, 0, 0 }, vals = { NULL, 0, 0 };
	struct kvlist		 chk = { NULL, 0, 0 };
	struct form_result	 res, ignore, up;
	const char		*why, *op = kv_str(&c->form, "op");
	int			 row = q->sec->max_rows == 0 ? 0 : q->row;
	enum result		 r = RES_UNAVAIL;
	size_t			 i;

	memset(&res, 0, sizeof(res));
	memset(&up, 0, sizeof(up));
	if ((why = edit_refusal(q)) != NULL) {
		r = refuse(c, q, why);
		goto out;
	}
	if (row > 0 && row_values(c, q, row, &old, &ignore) == -1) {
		r = RES_NOTFOUND;
		goto out;
	}
	if (row == 0)
		row_values(c, q, 0, &old, &ignore);
	/* The uploads' own refusals (type, size) apart: the row's check
	 * below starts its errors afresh. */
	if (typed_values(c, q, &old, &vals, &up) == -1 ||
	    (q->sec->typed != NULL && q->sec->typed(c, &q->app, &vals) == -1))
		goto out;
	for (i = 0; i < vals.n; i++)
		kv_add(&chk, vals.kv[i].key, strlen(vals.kv[i].key),
		    vals.kv[i].val, vals.kv[i].vlen);
	switch (save_row(c, q, &row, &vals, &chk, &res, &why)) {
	case 0:
		r = refuse_save(c, q, why, &vals);
		goto out;
	case -1:
		goto out;
	}
	upload_errors(&res, &up);
	if (res.nerr > 0) {
		/* Kept as typed; shown with its errors (CORE-12). */
		r = show_form(c, q, row, &vals, &res);
		goto out;
	}
	if (op != NULL && strcmp(op, "top") == 0)
		snprintf(c->location, sizeof(c->location), APPLY_PREFIX
		    "%s?done=saved", q->off->kind);
	else
		snprintf(c->location, sizeof(c->location), APPLY_PREFIX
		    "%s/%s?done=saved", q->off->kind, q->sec->name);
	r = RES_REDIRECT;
out:
	kv_free(&old);
	kv_free(&vals);
	kv_free(&chk);
	return r;
}

static enum result
post_delete(struct ctx *c, struct aq *q)
{
	const char	*why;
	char		 detail[64];
	int		 ok = 0;

	if ((why = edit_refusal(q)) != NULL || q->app.id == 0)
		return why != NULL ? refuse(c, q, why) : RES_NOTFOUND;
	if (db_begin(c->app->db) < 0)
		return RES_UNAVAIL;
	snprintf(detail, sizeof(detail), "%s/%d", q->sec->name, q->row);
	if ((why = lock_editable(c, q)) == NULL &&
	    dbq_row_delete(c->app->db, q->app.id, q->sec->name, q->row) > 0 &&
	    section_update(c, q, 0, NULL, NULL) >= 0 &&
	    audit_app(c, q, "apply.delete", detail) >= 0 &&
	    db_commit(c->app->db) >= 0)
		ok = 1;
	if (!ok) {
		db_rollback(c->app->db);
		return why != NULL ? refuse(c, q, why) : RES_NOTFOUND;
	}
	snprintf(c->location, sizeof(c->location), APPLY_PREFIX
	    "%s/%s?done=deleted", q->off->kind, q->sec->name);
	return RES_REDIRECT;
}

/* ---- submitting (CORE-19) --------------------------------------------- */

const char *const apply_mail[] = { "apply_submitted", NULL };

/* The confirmation mail, in the submission's transaction. */
static int
submitted_mail(struct ctx *c, const struct aq *q)
{
	struct dir_user	 u;
	const char	*vars[11];
	char		 base[300], url[400], at[48];
	int		 k;

	if ((k = dir_get_uid(c->app->dir, c->tenant, c->sess.uid, &u)) <= 0)
		return k;
	if (u.mail[0] == '\0')
		return 1;
	base_url(c, base, sizeof(base));
	snprintf(url, sizeof(url), "%s" APPLY_PREFIX "%s", base,
	    q->off->kind);
	snprintf(at, sizeof(at), "%s", q->app.submitted_at);
	vars[0] = "name"; vars[1] = u.name[0] ? u.name : c->sess.name;
	vars[2] = "title"; vars[3] = q->off->name_ja;
	vars[4] = "number"; vars[5] = q->app.number;
	vars[6] = "submitted_at"; vars[7] = at;
	vars[8] = "url"; vars[9] = url;
	vars[10] = NULL;
	return mail_queue(c->app->db, c->tenant, c->app->cfg->datadir, base,
	    q->off->mail_submitted != NULL ? q->off->mail_submitted :
	    apply_mail[0], u.mail, vars);
}

/* The files of the submission become read-only (CORE-13). */
static int
files_submit(struct ctx *c, const struct aq *q)
{
	struct apply_data	 data;
	const struct apply_section *s;
	const char		*v;
	size_t			 i, r, k;
	int			 rc = 0;

	if (apply_data_load(c->app->db, &q->app, &data) == -1)
		return -1;
	for (i = 0, s = q->off->sections; s->name != NULL && rc == 0;
	    i++, s++)
		for (r = 0; r < data.sec[i].n; r++)
			for (k = 0; k < s->nfields; k++)
				if (s->fields[k].type == F_FILE &&
				    (v = kv_str(&data.sec[i].row[r].vals,
				    s->fields[k].name)) != NULL &&
				    valid_number(v) &&
				    upload_submit(c->app->db, c->tenant->slug,
				    atoll(v)) < 0)
					rc = -1;
	apply_data_free(&data);
	return rc;
}

/*
 * The one final submission.  >0 submitted, 0 refused (*why; *sf holds
 * the shortfalls when they are why), -1 error.
 */
static int
submit(struct ctx *c, struct aq *q, struct apply_shortfalls *sf,
    const char **why)
{
	struct apply_data	 data;
	int			 rc = -1, k;

	memset(&data, 0, sizeof(data));
	sf->n = 0;
	if (db_begin(c->app->db) < 0)
		return -1;
	if ((*why = lock_editable(c, q)) != NULL) {
		rc = 0;
		goto out;
	}
	if (apply_data_load(c->app->db, &q->app, &data) == -1 ||
	    apply_shortfalls(c, &q->app, &data, sf) == -1)
		goto out;
	if (sf->n > 0) {
		*why = "apply.err.shortfalls";
		rc = 0;
		goto out;
	}
	/* The offering's own fields of the POST, kept in the snapshot. */
	if (q->off->on_submit != NULL && q->off->on_submit(c, &q->app) < 0)
		goto out;
	if ((k = apply_submit_mark(c, &q->app, q->now)) <= 0) {
		*why = "apply.menu.applied";
		rc = k == 0 ? 0 : -1;
		goto out;
	}
	if (files_submit(c, q) == -1 ||
	    submitted_mail(c, q) <= 0 ||
	    audit_app(c, q, "apply.submit", q->app.number) < 0)
		goto out;
	rc = 1;
out:
	apply_data_free(&data);
	if (rc <= 0)
		db_rollback(c->app->db);
	else if (db_commit(c->app->db) < 0)
		rc = -1;
	return rc;
}

static enum result
post_submit(struct ctx *c, struct aq *q)
{
	struct apply_shortfalls	 sf;
	const char		*why;
	enum result		 r;

	/* A repeat (double click, another tab): the one that was made. */
	if (!apply_editable(&q->app)) {
		snprintf(c->location, sizeof(c->location), APPLY_PREFIX
		    "%s?done=dup", q->off->kind);
		return RES_REDIRECT;
	}
	if ((why = submit_refusal(q)) != NULL)
		return refuse(c, q, why);
	switch (submit(c, q, &sf, &why)) {
	case -1:
		return RES_UNAVAIL;
	case 0:
		if (strcmp(why, "apply.menu.applied") == 0) {
			snprintf(c->location, sizeof(c->location),
			    APPLY_PREFIX "%s?done=dup", q->off->kind);
			return RES_REDIRECT;
		}
		/* Refused while anything is missing: the list says what. */
		if ((r = show_app(c, q, "apply-confirm")) == RES_OK) {
			model_error(c, why, NULL);
			c->status_hint = 409;
		}
		return r;
	}
	snprintf(c->location, sizeof(c->location), APPLY_PREFIX
	    "%s?done=submitted", q->off->kind);
	return RES_REDIRECT;
}

static enum result
post_withdraw(struct ctx *c, struct aq *q)
{
	char	 st[12];
	int	 ok = 0;

	if (!(q->off->flags & APPLY_WITHDRAW) || q->app.id == 0)
		return RES_NOTFOUND;
	if (db_begin(c->app->db) < 0)
		return RES_UNAVAIL;
	if (dbq_aapp_lock(c->app->db, q->app.id, st, sizeof(st)) > 0 &&
	    dbq_aapp_withdraw(c->app->db, q->app.id, q->now) > 0 &&
	    dbq_app_event_put(c->app->db, c->tenant->slug, q->app.id,
	    "withdraw", c->sess.uid, -1, NULL, 0, q->now) > 0 &&
	    audit_app(c, q, "apply.withdraw", NULL) >= 0 &&
	    db_commit(c->app->db) >= 0)
		ok = 1;
	if (!ok) {
		db_rollback(c->app->db);
		return refuse(c, q, "apply.err.withdraw");
	}
	snprintf(c->location, sizeof(c->location), APPLY_PREFIX
	    "%s?done=withdrawn", q->off->kind);
	return RES_REDIRECT;
}

/* ---- handlers ---------------------------------------------------------- */

enum result
apply_page_get(struct ctx *c)
{
	struct kvlist		 vals = { NULL, 0, 0 };
	struct form_result	 res;
	enum result		 r;
	struct aq		 q;

	if ((r = load(c, &q)) != RES_OK)
		return r;
	if (q.act != NULL && strcmp(q.act, "confirm") == 0)
		r = show_app(c, &q, "apply-confirm");
	else if (q.act != NULL && strcmp(q.act, "pdf") == 0)
		r = show_pdf(c, &q);
	else if (q.act != NULL)
		r = (q.off->flags & APPLY_WITHDRAW) && q.app.id > 0 ?
		    show_app(c, &q, "apply-withdraw") : RES_NOTFOUND;
	else if (q.sec == NULL)
		r = show_app(c, &q, "apply-top");
	else if (q.del)
		r = RES_METHOD;
	else if (q.sec->max_rows > 0 && q.row == 0)
		r = show_rows(c, &q);
	else if (q.row == ROW_NEW)
		r = show_form(c, &q, ROW_NEW, NULL, NULL);
	else if (row_values(c, &q, q.row, &vals, &res) == -1)
		r = q.row == 0 ? show_form(c, &q, 0, NULL, NULL) :
		    RES_NOTFOUND;
	else
		r = show_form(c, &q, q.row, &vals, res.nerr ? &res : NULL);
	kv_free(&vals);
	return r;
}

enum result
apply_page_post(struct ctx *c)
{
	enum result	 r;
	struct aq	 q;

	if ((r = load(c, &q)) != RES_OK)
		return r;
	if (q.act != NULL && strcmp(q.act, "pdf") == 0)
		return RES_METHOD;
	if (q.act != NULL)
		return strcmp(q.act, "confirm") == 0 ? post_submit(c, &q) :
		    post_withdraw(c, &q);
	if (q.sec == NULL || (q.sec->max_rows > 0 && q.row == 0))
		return RES_METHOD;
	if (q.del)
		return post_delete(c, &q);
	return post_form(c, &q);
}
