/*
 * fee.c — fees of applications (issue 9, item 5), for the tenant admin:
 * /admin/fees lists them (未納 / 入金確認済み) with filters and confirms
 * one at a time; /admin/fees/import takes the payments as a CSV file
 * (fee_import.c), first as a dry run that reports every row it would
 * confirm and every error at file:line:column and changes nothing, then
 * as a commit, all or nothing, recorded in fee_import (the history).
 *
 * A confirmation is one transaction: the fee row locked while unpaid,
 * paid, the application's history line, the offering's on_paid hook
 * (e.g. the certificate, in the same transaction), the applicant's mail
 * and the audit line.  A fee confirmed meanwhile (two admins, a double
 * click) is refused, never paid twice.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "apply.h"
#include "cert.h"
#include "clock.h"
#include "ctx.h"
#include "db.h"
#include "form.h"
#include "review.h"
#include "session.h"
#include "tenant.h"

#define FEE_ROWS	300	/* listed at once */
#define IMPORTS_SHOWN	20
#define CARRY_MAX	(46 * 1024)	/* a file carried to the commit: its
					 * base64 fits a text field (64 KiB) */

static const char *const fee_states[] = { "unpaid", "paid", NULL };

static const struct field confirm_fields[] = {
	{ "paid_on", F_DATE, 0, 0, "fee.field.paid-on", NULL },
};

static const struct field import_fields[] = {
	{ "file", F_FILE, 0, 0, "fee.field.file", NULL },
};

/* ---- one confirmation ------------------------------------------------------ */

/*
 * Confirm fee id (paid on paid_on, "" today; import 0: by hand) with its
 * hook, history, mail and audit, in the caller's transaction.  >0 done,
 * 0 not unpaid any more (stale), <0 error.
 */
static int
fee_pay(struct ctx *c, long long id, const char *paid_on, long long import,
    const char *now)
{
	struct db	*d = c->app->db;
	struct dbres	*r;
	struct apply_app a;
	char		 obj[80], detail[120];
	int		 k = -1;

	if ((r = dbq_fee_lock(d, c->tenant->slug, id)) == NULL)
		return -1;
	if (r->nrows == 0 || strcmp(dbres_get(r, 0, FEE_COL_STATE),
	    "unpaid") != 0) {
		k = 0;
		goto out;
	}
	if ((k = dbq_fee_confirm(d, c->tenant->slug, id, paid_on,
	    c->sess.uid, import, now)) <= 0 ||
	    (k = apply_app_get(d, c->tenant, atoll(dbres_get(r, 0,
	    FEE_COL_APP)), &a)) <= 0 || a.off == NULL) {
		k = k == 0 ? 0 : -1;
		goto out;
	}
	snprintf(obj, sizeof(obj), "app:%s", a.number);
	snprintf(detail, sizeof(detail), "fee %lld %s %s yen%s", id,
	    dbres_get(r, 0, FEE_COL_KIND), dbres_get(r, 0, FEE_COL_AMOUNT),
	    import ? " (import)" : "");
	k = -1;
	/* The offering's next step (the certificate) in this transaction. */
	if (dbq_app_event_put(d, c->tenant->slug, a.id, "pay", c->sess.uid,
	    a.stage, NULL, 0, now) < 0 ||
	    (a.off->on_paid != NULL && a.off->on_paid(d, c->tenant, &a) == -1) ||
	    review_mail_applicant(c, &a, "fee_paid", NULL, NULL) < 0 ||
	    audit_log(d, c->tenant->slug, c->sess.uid, "fee.confirm", obj,
	    c->remote, detail) <= 0)
		goto out;
	k = 1;
out:
	dbres_free(r);
	return k;
}

/* ---- the member's view ------------------------------------------------------ */

/* One fee row of r under fs, titled by the offering's fee key. */
static void
fee_member_row(xmlNodePtr fs, const struct dbres *r, size_t i,
    const char *fee_key)
{
	xmlNodePtr	 n;
	const char	*v;

	n = model_node(fs, "fee");
	model_attr(n, "kind", dbres_get(r, i, FEE_COL_KIND));
	model_attr(n, "amount", dbres_get(r, i, FEE_COL_AMOUNT));
	model_attr(n, "state", dbres_get(r, i, FEE_COL_STATE));
	if ((v = dbres_get(r, i, FEE_COL_PAID_ON)) != NULL)
		model_attr(n, "paid-on", v);
	if (fee_key != NULL)
		model_attr(n, "title", fee_key);
}

/* What the payment led to: the certificate (on_paid), if any. */
static void
fee_cert(xmlNodePtr fs, long long id)
{
	xmlNodePtr	 n;

	if (id <= 0)
		return;
	n = model_node(fs, "certificate");
	model_attrf(n, "id", "%lld", id);
	model_attrf(n, "href", "/certificate/%lld.pdf", id);
}

int
review_fees_model(struct ctx *c, xmlNodePtr parent,
    const struct apply_app *a)
{
	struct dbres	*r;
	xmlNodePtr	 fs = NULL;
	const char	*v;
	long long	 id;
	size_t		 i;

	if (a->id <= 0)
		return 0;
	/* Read with the application for its page (apply_app_page()). */
	if ((r = apply_page_fees(c, a)) != NULL) {
		for (i = 0; i < r->nrows; i++) {
			if (fs == NULL)
				fs = model_node(parent, "fees");
			fee_member_row(fs, r, i, a->off != NULL ?
			    a->off->fee_key : NULL);
		}
		if (fs != NULL)
			fee_cert(fs, (v = dbres_get(r, 0, FEE_COL__MAX)) !=
			    NULL ? atoll(v) : 0);
		dbres_free(r);
		return 0;
	}
	if ((r = dbq_fees_of_app(c->app->db, c->tenant->slug, a->id)) == NULL)
		return -1;
	for (i = 0; i < r->nrows; i++) {
		if (fs == NULL)
			fs = model_node(parent, "fees");
		fee_member_row(fs, r, i, a->off != NULL ? a->off->fee_key :
		    NULL);
	}
	dbres_free(r);
	if (fs != NULL) {
		if ((id = dbq_cert_of_app(c->app->db, c->tenant->slug,
		    a->id)) < 0)
			return -1;
		fee_cert(fs, id);
	}
	return 0;
}

/* The <app id> under apps' <offering>s, or NULL. */
static xmlNodePtr
app_node(xmlNodePtr apps, const char *id, const char **kind)
{
	xmlNodePtr	 o, n, found = NULL;
	xmlChar		*v;

	for (o = apps->children; o != NULL && found == NULL; o = o->next)
		for (n = o->children; n != NULL && found == NULL;
		    n = n->next) {
			if (n->type != XML_ELEMENT_NODE || xmlStrcmp(n->name,
			    (const xmlChar *)"app") != 0 ||
			    (v = xmlGetProp(n, (const xmlChar *)"id")) == NULL)
				continue;
			if (strcmp((const char *)v, id) == 0) {
				found = n;
				*kind = (const char *)xmlHasProp(o,
				    (const xmlChar *)"kind")->children->content;
			}
			xmlFree(v);
		}
	return found;
}

/*
 * 現在の状況: the fees (and certificates) of every application listed
 * under apps (apply_member_apps_model()'s <applications>), read in one
 * statement rather than one per application.
 */
int
review_fees_member_model(struct ctx *c, xmlNodePtr apps)
{
	struct dbres	*r;

	if (apps == NULL || c->sess.uid[0] == '\0')
		return 0;
	if ((r = dbq_fees_of_member(c->app->db, c->tenant->slug,
	    c->sess.uid)) == NULL)
		return -1;
	review_fees_member_rows(c, apps, r);
	dbres_free(r);
	return 0;
}

void
review_fees_member_rows(struct ctx *c, xmlNodePtr apps,
    const struct dbres *r)
{
	const struct apply_offering *off;
	xmlNodePtr	 an, fs = NULL;
	const char	*app, *prev = "", *kind = NULL, *v;
	size_t		 i;

	for (i = 0; apps != NULL && i < r->nrows; i++) {
		app = dbres_get(r, i, FEE_COL_APP);
		if (strcmp(app, prev) != 0) {
			prev = app;
			fs = NULL;
			if ((an = app_node(apps, app, &kind)) == NULL)
				continue;
			fs = model_node(an, "fees");
			if ((v = dbres_get(r, i, FEE_COL__MAX)) != NULL)
				fee_cert(fs, strtoll(v, NULL, 10));
		}
		if (fs == NULL)
			continue;
		off = apply_offering_find(c->tenant, kind);
		fee_member_row(fs, r, i, off != NULL ? off->fee_key : NULL);
	}
}

/* ---- /admin/fees ------------------------------------------------------------ */

static void
fee_row_model(xmlNodePtr list, const struct dbres *r, size_t i)
{
	static const int cols[] = { FEE_COL_ID, FEE_COL_APP, FEE_COL_KIND,
	    FEE_COL_AMOUNT, FEE_COL_STATE, FEE_COL_CREATED, FEE_COL_PAID_ON,
	    FEE_COL_PAID_AT, FEE_COL_BY, FEE_COL_IMPORT, FEE_COL_NUMBER,
	    FEE_COL_UID, FEE_COL_OFFERING };
	static const char *const names[] = { "id", "app", "kind", "amount",
	    "state", "created", "paid-on", "paid-at", "confirmed-by",
	    "import", "number", "uid", "offering" };
	xmlNodePtr	 n;
	const char	*v;
	size_t		 k;

	n = model_node(list, "fee");
	for (k = 0; k < sizeof(cols) / sizeof(cols[0]); k++)
		if ((v = dbres_get(r, i, (size_t)cols[k])) != NULL)
			model_attr(n, names[k], v);
}

/* The filters of the query string: 0, -1 (400). */
static int
fee_filters(struct ctx *c, const char **state, const char **kind,
    const char **number)
{
	size_t	 i;

	*state = kv_str(&c->query, "state");
	*kind = kv_str(&c->query, "offering");
	*number = kv_str(&c->query, "number");
	*state = *state != NULL ? *state : "unpaid";
	*kind = *kind != NULL ? *kind : "";
	*number = *number != NULL ? *number : "";
	if (strcmp(*state, "all") == 0)
		*state = "";
	for (i = 0; **state != '\0' && fee_states[i] != NULL; i++)
		if (strcmp(*state, fee_states[i]) == 0)
			break;
	return (**state != '\0' && fee_states[i] == NULL) ||
	    strlen(*kind) > 32 || strlen(*number) > 32 ? -1 : 0;
}

static enum result
show_fees(struct ctx *c, const char *flash)
{
	struct dbres	*r = NULL, *cnt = NULL;
	const char	*state, *kind, *number;
	xmlNodePtr	 fs, f, n;
	size_t		 i;
	enum result	 res = RES_INTERNAL;

	if (fee_filters(c, &state, &kind, &number) == -1)
		return RES_BADREQ;
	if (model_new(c, "fee-list") == -1)
		return RES_INTERNAL;
	if (flash != NULL)
		model_flash(c, flash, strcmp(flash, "fee.confirmed") == 0 ?
		    "success" : "warning");
	if ((r = dbq_fee_list(c->app->db, c->tenant->slug, state, kind,
	    number, FEE_ROWS)) == NULL ||
	    (cnt = dbq_fee_counts(c->app->db, c->tenant->slug)) == NULL)
		goto out;
	fs = model_node(c->content, "fees");
	f = model_node(fs, "filters");
	model_attr(f, "state", *state ? state : "all");
	model_attr(f, "offering", kind);
	model_attr(f, "number", number);
	for (i = 0; i < cnt->nrows; i++) {
		n = model_node(fs, "count");
		model_attr(n, "state", dbres_get(cnt, i, FEE_COUNT_COL_STATE));
		model_attr(n, "n", dbres_get(cnt, i, FEE_COUNT_COL_N));
		model_attr(n, "total", dbres_get(cnt, i, FEE_COUNT_COL_TOTAL));
	}
	for (i = 0; i < r->nrows; i++)
		fee_row_model(fs, r, i);
	res = RES_OK;
out:
	dbres_free(r);
	dbres_free(cnt);
	return res;
}

static enum result
page_fees(struct ctx *c)
{
	const char	*done = kv_str(&c->query, "done");

	return show_fees(c, done == NULL ? NULL : strcmp(done, "1") == 0 ?
	    "fee.confirmed" : "fee.stale");
}

/* "/admin/fees/12/confirm": 12, or -1. */
static long long
confirm_id(const char *path)
{
	const char	*p = path + strlen("/admin/fees/");
	long long	 v = 0;
	size_t		 digits = 0;

	if (strncmp(path, "/admin/fees/", strlen("/admin/fees/")) != 0)
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (++digits > 12 || (digits == 1 && *p == '0'))
			return -1;
		v = v * 10 + (*p - '0');
	}
	return digits > 0 && strcmp(p, "/confirm") == 0 ? v : -1;
}

/* POST /admin/fees/<id>/confirm */
static enum result
page_fee_confirm(struct ctx *c)
{
	struct form_result	 fr;
	const char		*paid_on;
	char			 now[CLOCK_SQL_LEN];
	long long		 id;
	int			 k;

	if ((id = confirm_id(c->path)) <= 0)
		return RES_NOTFOUND;
	memset(&fr, 0, sizeof(fr));
	if (form_validate(confirm_fields, 1, &c->form, &fr) != 0)
		return redirect_to(c, "/admin/fees?done=0");
	paid_on = kv_str(&c->form, "paid_on");
	clock_now_sql(now, sizeof(now));
	if (db_begin(c->app->db) <= 0)
		return RES_UNAVAIL;
	k = fee_pay(c, id, paid_on != NULL ? paid_on : "", 0, now);
	if (db_end(c->app->db, k > 0) < 0 && k > 0)
		k = -1;
	if (k < 0)
		return RES_UNAVAIL;
	return redirect_to(c, k > 0 ? "/admin/fees?done=1" :
	    "/admin/fees?done=0");
}

/* ---- /admin/fees/import ------------------------------------------------------- */

struct import {
	struct ctx	*c;
	int		 lock;		/* the commit: lock what it checks */
};

/* fee_check_fn: is it an application with an unpaid fee of that amount? */
static const char *
import_check(struct fee_csv_row *row, void *arg, int *col)
{
	struct import	*im = arg;
	struct dbres	*r;
	const char	*key = "fee.err.paid";
	size_t		 i;

	if ((r = dbq_fee_by_number(im->c->app->db, im->c->tenant->slug,
	    row->number, im->lock)) == NULL)
		return FEE_CHECK_FAILED;
	if (r->nrows == 0)
		key = "fee.err.unknown";
	for (i = 0; i < r->nrows; i++) {
		if (strcmp(dbres_get(r, i, FEE_COL_STATE), "unpaid") != 0)
			continue;
		if (atoll(dbres_get(r, i, FEE_COL_AMOUNT)) != row->amount) {
			*col = FEE_AT_AMOUNT;
			key = "fee.err.amount-differs";
			continue;
		}
		row->fee_id = atoll(dbres_get(r, i, FEE_COL_ID));
		key = NULL;
		break;
	}
	dbres_free(r);
	return key;
}

/* The import history under parent. */
static int
imports_model(struct ctx *c, xmlNodePtr parent)
{
	struct dbres	*r;
	xmlNodePtr	 h, n;
	size_t		 i;

	if ((r = dbq_fee_imports(c->app->db, c->tenant->slug,
	    IMPORTS_SHOWN)) == NULL)
		return -1;
	h = model_node(parent, "imports");
	for (i = 0; i < r->nrows; i++) {
		n = model_node(h, "import");
		model_attr(n, "id", dbres_get(r, i, IMPORT_COL_ID));
		model_attr(n, "filename", dbres_get(r, i, IMPORT_COL_FILENAME));
		model_attr(n, "sha256", dbres_get(r, i, IMPORT_COL_SHA256));
		model_attr(n, "rows", dbres_get(r, i, IMPORT_COL_NROWS));
		model_attr(n, "total", dbres_get(r, i, IMPORT_COL_TOTAL));
		model_attr(n, "actor", dbres_get(r, i, IMPORT_COL_ACTOR));
		model_attr(n, "at", dbres_get(r, i, IMPORT_COL_AT));
	}
	dbres_free(r);
	return 0;
}

/* The report of a parse: rows, errors (file:line:column), totals. */
static void
report_model(xmlNodePtr parent, const struct fee_csv *f, const char *file,
    const char *step)
{
	xmlNodePtr	 rep, n;
	size_t		 i;

	rep = model_node(parent, "report");
	model_attr(rep, "step", step);
	model_attr(rep, "file", file);
	model_attrf(rep, "rows", "%zu", f->nrows);
	model_attrf(rep, "total", "%lld", f->total);
	model_attrf(rep, "errors", "%zu", f->nerr_total);
	for (i = 0; i < f->nrows; i++) {
		n = model_node(rep, "row");
		model_attrf(n, "line", "%lld", f->rows[i].line);
		model_attr(n, "number", f->rows[i].number);
		model_attrf(n, "amount", "%lld", f->rows[i].amount);
		if (f->rows[i].paid_on[0] != '\0')
			model_attr(n, "paid-on", f->rows[i].paid_on);
	}
	for (i = 0; i < f->nerr; i++) {
		n = model_node(rep, "error");
		model_attr(n, "file", file);
		model_attrf(n, "line", "%lld", f->err[i].line);
		model_attrf(n, "column", "%d", f->err[i].col);
		model_attr(n, "key", f->err[i].key);
		if (f->err[i].value[0] != '\0')
			model_attr(n, "value", f->err[i].value);
	}
}

/* The import page: the upload form, a report, the history. */
static enum result
show_import(struct ctx *c, const struct fee_csv *f, const char *file,
    const char *step, const char *carry, const char *flash)
{
	xmlNodePtr	 im, form;

	if (model_new(c, "fee-import") == -1)
		return RES_INTERNAL;
	if (flash != NULL)
		model_flash(c, flash, strcmp(flash, "fee.imported") == 0 ?
		    "success" : "warning");
	im = model_node(c->content, "fee-import");
	form = form_model(xmlDocGetRootElement(c->model), "fee-import", "/admin/fees/import",
	    import_fields, 1, NULL, NULL);
	form_hidden(form, "step", "check");
	if (f != NULL) {
		report_model(im, f, file, step);
		/* A clean dry run offers the commit of the very same bytes. */
		if (strcmp(step, "check") == 0 && f->nerr_total == 0) {
			form = model_node(im, "commit");
			model_attr(form, "filename", file);
			/* Too large to carry: the file is chosen again. */
			if (carry != NULL)
				model_attr(form, "data", carry);
			else
				model_attr(form, "upload", "1");
		}
	}
	return imports_model(c, im) == -1 ? RES_INTERNAL : RES_OK;
}

static enum result
page_import_get(struct ctx *c)
{
	const char	*done = kv_str(&c->query, "done");

	return show_import(c, NULL, NULL, NULL, NULL, done != NULL ?
	    "fee.imported" : NULL);
}

/* ---- the import itself ---------------------------------------------------- */

/*
 * Commit f: the history row, then every fee, all in the caller's
 * transaction.  >0 done, 0 a fee moved meanwhile (roll back), <0.
 */
static int
import_commit(struct ctx *c, const struct fee_csv *f, const char *file,
    const char *data, size_t len)
{
	struct db	*d = c->app->db;
	char		 now[CLOCK_SQL_LEN], detail[200];
	long long	 id;
	size_t		 i;
	int		 k;

	clock_now_sql(now, sizeof(now));
	if ((id = dbq_fee_import_put(d, c->tenant->slug, file, data, len,
	    (long long)f->nrows, f->total, c->sess.uid, now)) <= 0)
		return -1;
	for (i = 0; i < f->nrows; i++)
		if ((k = fee_pay(c, f->rows[i].fee_id, f->rows[i].paid_on, id,
		    now)) <= 0)
			return k;
	snprintf(detail, sizeof(detail), "%zu fees, %lld yen, %.100s",
	    f->nrows, f->total, file);
	return audit_log(d, c->tenant->slug, c->sess.uid, "fee.import",
	    "fee_import", c->remote, detail) > 0 ? 1 : -1;
}

/* The file of the POST: an uploaded part, or the dry run's carried copy. */
static int
import_data(struct ctx *c, struct buf *b, const char **file)
{
	const struct kv	*e = kv_get(&c->form, "file");
	const char	*carry = kv_str(&c->form, "data");

	*file = "upload.csv";
	if (e != NULL && e->filename != NULL && e->vlen > 0) {
		if (e->filename[0] != '\0' && utf8_valid(e->filename,
		    strlen(e->filename)) && strlen(e->filename) < 200)
			*file = e->filename;
		return buf_append(b, e->val, e->vlen) == -1 ||
		    buf_append(b, "", 0) == -1 ? -1 : 1;
	}
	if (carry != NULL && *carry != '\0') {
		if ((*file = kv_str(&c->form, "filename")) == NULL ||
		    **file == '\0' || strlen(*file) >= 200)
			*file = "upload.csv";
		return buf_b64_decode(b, carry) == -1 ? 0 : 1;
	}
	return 0;
}

/* POST /admin/fees/import: step=check (dry run) or step=commit. */
static enum result
page_import_post(struct ctx *c)
{
	struct import	 im;
	struct fee_csv	 f;
	struct buf	 b, carry;
	const char	*step = kv_str(&c->form, "step"), *file;
	enum result	 res = RES_INTERNAL;
	int		 k, commit;

	memset(&b, 0, sizeof(b));
	memset(&carry, 0, sizeof(carry));
	memset(&f, 0, sizeof(f));
	commit = step != NULL && strcmp(step, "commit") == 0;
	if ((k = import_data(c, &b, &file)) <= 0) {
		res = k < 0 ? RES_INTERNAL : show_import(c, NULL, NULL, NULL,
		    NULL, "fee.err.nofile");
		goto out;
	}
	im.c = c;
	im.lock = commit;
	/* The commit checks again, locking the fees it will confirm. */
	if (commit && db_begin(c->app->db) <= 0) {
		res = RES_UNAVAIL;
		goto out;
	}
	if (fee_csv_parse(b.data, b.len, import_check, &im, &f) == -1) {
		if (commit)
			(void)db_rollback(c->app->db);
		goto out;
	}
	if (commit) {
		k = f.nerr_total == 0 ? import_commit(c, &f, file, b.data,
		    b.len) : 0;
		if (db_end(c->app->db, k > 0) < 0 && k > 0)
			k = -1;
		if (k < 0) {
			res = RES_UNAVAIL;
			goto out;
		}
		if (k > 0) {
			res = redirect_to(c, "/admin/fees/import?done=1");
			goto out;
		}
		c->status_hint = 422;
		res = show_import(c, &f, file, "commit", NULL,
		    "fee.not-imported");
		goto out;
	}
	if (f.nerr_total == 0 && b.len <= CARRY_MAX &&
	    buf_b64_encode(&carry, b.data, b.len) == -1)
		goto out;
	res = show_import(c, &f, file, "check", carry.data, f.nerr_total ?
	    "fee.not-imported" : NULL);
out:
	fee_csv_free(&f);
	buf_free(&b);
	buf_free(&carry);
	return res;
}

#define ADMIN_PAGE	(PAGE_TENANT | PAGE_AUTH)

const struct page fee_pages[] = {
	{ .name = "fee-list", .methods = M_GET, .path = "/admin/fees",
	    .flags = ADMIN_PAGE, .get = page_fees, .menu = "menu.fees",
	    .roles = ROLE_TENANT_ADMIN, .shown = review_has_offerings },
	{ .name = "fee-import", .methods = M_GET | M_POST,
	    .path = "/admin/fees/import", .flags = ADMIN_PAGE,
	    .get = page_import_get, .post = page_import_post,
	    .roles = ROLE_TENANT_ADMIN,
	    .fields = import_fields, .nfields = 1 },
	{ .name = "fee-confirm", .methods = M_POST, .path = "/admin/fees/",
	    .flags = ADMIN_PAGE | PAGE_PREFIX, .post = page_fee_confirm,
	    .roles = ROLE_TENANT_ADMIN,
	    .fields = confirm_fields, .nfields = 1 },
	{ .name = NULL },
};
