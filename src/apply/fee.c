/*
 * fee.c — fees of applications (issue 9, item 5), for the tenant admin:
 * /admin/fees lists them (未納 / 入金確認済み) with filters and confirms
 * one at a time; /admin/fees/import takes the payments as a CSV file
 * on the platform's import (import.h; amounts and dates read as
 * fee_import.c reads them): a dry run that reports every row it would
 * confirm and every error at file:line:column and changes nothing, then
 * a commit, all or nothing, kept in the import history with the file
 * (issue 14) like every other import.
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
#include "import.h"
#include "review.h"
#include "session.h"
#include "tenant.h"

#define FEE_ROWS	300	/* listed at once */

static const char *const fee_states[] = { "unpaid", "paid", NULL };

static const struct field confirm_fields[] = {
	{ "paid_on", F_DATE, 0, 0, "fee.field.paid-on", NULL },
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

/* ---- /admin/fees/import: on the platform's import (import.h) -------------- */

/*
 * The payments' CSV (a bank's or the office's list), one row per
 * application number: 申請番号 / number, 金額 / amount ("12,000",
 * "¥12,000"), 入金日 / paid_on (optional).  begin() reads every fee of
 * the tenant once (locked at the commit), sorted by number; each row is
 * matched in memory to an unpaid fee of that amount; the commit
 * confirms each with fee_pay() (its hook, history, mail and audit
 * line) under the import's history row (import_history_id()), all in
 * the import's one transaction.
 */
enum { FI_NUMBER, FI_AMOUNT, FI_PAID_ON, FI__MAX };

static const struct import_col fee_cols[FI__MAX] = {
	[FI_NUMBER] = { "申請番号", "number", 1 },
	[FI_AMOUNT] = { "金額", "amount", 1 },
	[FI_PAID_ON] = { "入金日", "paid_on", 0 },
};

struct fee_run {
	struct dbres	*fees;		/* every fee, by number */
	struct fee_csv_row *rows;	/* the good rows */
	size_t		 nrows, cap;
};

static int
fi_begin(struct import_run *r)
{
	struct ctx	*c = import_ctx(r);
	struct fee_run	*fr;

	if ((fr = calloc(1, sizeof(*fr))) == NULL)
		return -1;
	import_set_state(r, fr);
	fr->fees = dbq_fee_all(c->app->db, c->tenant->slug,
	    import_committing(r));
	return fr->fees != NULL ? 1 : -1;
}

static void
fi_end(struct import_run *r)
{
	struct fee_run	*fr = import_state(r);

	if (fr == NULL)
		return;
	dbres_free(fr->fees);
	free(fr->rows);
	free(fr);
}

/* The first fee row of number in the sorted fees, or nrows. */
static size_t
fee_first(const struct dbres *f, const char *number)
{
	size_t	 lo = 0, hi = f->nrows, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(dbres_get(f, mid, FEE_COL_NUMBER), number) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static const char *
fi_row(struct import_run *r, const char *const *cell, int *col,
    const char **value)
{
	struct fee_run		*fr = import_state(r);
	struct fee_csv_row	 row, *rows;
	const char		*key = "fee.err.paid";
	size_t			 i;

	(void)value;
	memset(&row, 0, sizeof(row));
	*col = FI_NUMBER;
	if (!fee_number_valid(cell[FI_NUMBER]))
		return "fee.err.number";
	for (i = 0; i < fr->nrows; i++)
		if (strcmp(fr->rows[i].number, cell[FI_NUMBER]) == 0)
			return "fee.err.duplicate";
	*col = FI_AMOUNT;
	if ((row.amount = fee_amount_parse(cell[FI_AMOUNT])) == -1)
		return "fee.err.amount";
	*col = FI_PAID_ON;
	if (cell[FI_PAID_ON][0] != '\0' && fee_date_parse(cell[FI_PAID_ON],
	    row.paid_on, sizeof(row.paid_on)) == -1)
		return "fee.err.date";
	*col = FI_NUMBER;
	i = fee_first(fr->fees, cell[FI_NUMBER]);
	if (i == fr->fees->nrows || strcmp(dbres_get(fr->fees, i,
	    FEE_COL_NUMBER), cell[FI_NUMBER]) != 0)
		return "fee.err.unknown";
	for (; i < fr->fees->nrows && strcmp(dbres_get(fr->fees, i,
	    FEE_COL_NUMBER), cell[FI_NUMBER]) == 0; i++) {
		if (strcmp(dbres_get(fr->fees, i, FEE_COL_STATE), "unpaid") != 0)
			continue;
		if (atoll(dbres_get(fr->fees, i, FEE_COL_AMOUNT)) !=
		    row.amount) {
			*col = FI_AMOUNT;
			key = "fee.err.amount-differs";
			continue;
		}
		row.fee_id = atoll(dbres_get(fr->fees, i, FEE_COL_ID));
		key = NULL;
		break;
	}
	if (key != NULL)
		return key;
	snprintf(row.number, sizeof(row.number), "%s", cell[FI_NUMBER]);
	row.line = import_line(r);
	if (fr->nrows == fr->cap) {
		fr->cap = fr->cap ? fr->cap * 2 : 16;
		if ((rows = reallocarray(fr->rows, fr->cap,
		    sizeof(*rows))) == NULL)
			return IMPORT_FAILED;
		fr->rows = rows;
	}
	fr->rows[fr->nrows++] = row;
	return NULL;
}

/* Every fee confirmed under this import; a fee paid meanwhile: refused. */
static int
fi_commit(struct import_run *r)
{
	struct fee_run	*fr = import_state(r);
	struct ctx	*c = import_ctx(r);
	char		 now[CLOCK_SQL_LEN];
	size_t		 i;
	int		 k;

	clock_now_sql(now, sizeof(now));
	for (i = 0; i < fr->nrows; i++)
		if ((k = fee_pay(c, fr->rows[i].fee_id, fr->rows[i].paid_on,
		    import_history_id(r), now)) <= 0) {
			if (k == 0)
				import_error(r, fr->rows[i].line, FI_NUMBER,
				    "fee.err.paid", fr->rows[i].number);
			return k;
		}
	return 1;
}

static const struct import_spec fee_import = {
	.name = "fee",
	.title = "title.fee-import",
	.cols = fee_cols,
	.ncols = FI__MAX,
	.begin = fi_begin,
	.row = fi_row,
	.commit = fi_commit,
	.end = fi_end,
	.max_rows = FEE_CSV_MAXROWS,
	.back = "/admin/fees",
	.help = "fee.import.intro",
};

static enum result
page_import(struct ctx *c)
{
	return import_page(c, &fee_import, NULL, "/admin/fees/import");
}

#define ADMIN_PAGE	(PAGE_TENANT | PAGE_AUTH)

const struct page fee_pages[] = {
	{ .name = "fee-list", .methods = M_GET, .path = "/admin/fees",
	    .flags = ADMIN_PAGE, .get = page_fees, .menu = "menu.fees",
	    .roles = ROLE_TENANT_ADMIN, .shown = review_has_offerings },
	{ .name = "fee-import", .methods = M_GET | M_POST,
	    .path = "/admin/fees/import", .flags = ADMIN_PAGE,
	    .get = page_import, .post = page_import,
	    .roles = ROLE_TENANT_ADMIN,
	    .fields = import_fields, .nfields = IMPORT_NFIELDS },
	{ .name = "fee-confirm", .methods = M_POST, .path = "/admin/fees/",
	    .flags = ADMIN_PAGE | PAGE_PREFIX, .post = page_fee_confirm,
	    .roles = ROLE_TENANT_ADMIN,
	    .fields = confirm_fields, .nfields = 1 },
	{ .name = NULL },
};
