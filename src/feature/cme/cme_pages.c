/*
 * cme_pages.c — the physician's pages of seed 004 beyond the
 * application's own (which are the platform's /application/kakari…):
 *
 *   /cme          研修会（講習会）管理メインメニュー: 認定（修了）申請,
 *                 認定（修了）申請履歴, 修了証ダウンロード, and the ledger
 *   /cme/self     座学研修（生涯教育制度）単位等追加入力 (CME-4): units,
 *                 curriculum code, the day, the certificate; this fiscal
 *                 year only; the credit goes into the ledger (credit.h)
 *   /cme/history  認定（修了）申請履歴 認定証・修了証ダウンロード (CME-8,
 *                 CME-9): by kind and 申告年度 or 申告日; each state and
 *                 the 修了証 once approved
 *
 * Each is at most the session statement and one more (issue 10).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "apply.h"
#include "cert.h"
#include "clock.h"
#include "cme.h"
#include "credit.h"
#include "ctx.h"
#include "db.h"
#include "feature.h"
#include "form.h"
#include "owncache.h"
#include "session.h"
#include "tenant.h"
#include "upload.h"

/* ---- /cme ---------------------------------------------------------------- */

/* The three entries of seed 004's main menu, and the ledger after them. */
static const struct {
	const char	*key;
	const char	*href;
	const char	*note;
} entries[] = {
	{ "cme.menu.apply", "/application/" CME_KIND, "cme.menu.apply.note" },
	{ "cme.menu.history", "/cme/history", "cme.menu.history.note" },
	{ "cme.menu.download", "/cme/history?view=cert",
	    "cme.menu.download.note" },
	{ "cme.menu.ledger", "/credits", "cme.menu.ledger.note" },
};

static enum result
menu_get(struct ctx *c)
{
	xmlNodePtr	 m, e;
	size_t		 i;

	if (model_new(c, "cme-menu") == -1)
		return RES_INTERNAL;
	m = model_node(c->content, "cme-menu");
	for (i = 0; i < sizeof(entries) / sizeof(entries[0]); i++) {
		e = model_node(m, "entry");
		model_attr(e, "key", entries[i].key);
		model_attr(e, "href", entries[i].href);
		model_attr(e, "note", entries[i].note);
	}
	return RES_OK;
}

/* ---- /cme/self ----------------------------------------------------------- */

static const struct field self_fields[] = {
	{ "units", F_TEXT, 1, 5, "cme.field.units", NULL },
	{ "code", F_TEXT, 1, CREDIT_CODE_MAX, "cme.field.code", NULL },
	{ "earned_on", F_DATE, 1, 0, "cme.field.earned-on", NULL },
	{ "title", F_TEXT, 1, 200, "cme.field.title", NULL },
	{ "certificate", F_FILE, 1, 0, "cme.field.certificate", NULL },
};
#define NSELF	(sizeof(self_fields) / sizeof(self_fields[0]))

static enum result
self_show(struct ctx *c, const struct kvlist *vals,
    const struct form_result *res)
{
	const struct dbres	*codes;
	xmlNodePtr		 n, form, f;
	char			 today[11];
	int			 fy;

	if ((codes = credit_codes(c)) == NULL)
		return RES_UNAVAIL;
	if (model_new(c, "cme-self") == -1)
		return RES_INTERNAL;
	if (strcmp(kv_str(&c->query, "done") != NULL ?
	    kv_str(&c->query, "done") : "", "added") == 0)
		model_flash(c, "cme.self.added", "ok");
	clock_today(today, sizeof(today));
	fy = cme_fy(today);
	n = model_node(c->content, "cme-self");
	model_attrf(n, "fy", "%d", fy);
	model_attr(n, "today", today);
	form = model_form(c, "cme-self", "/cme/self", self_fields, NSELF,
	    vals, res, NULL);
	if (form == NULL)
		return RES_INTERNAL;
	if ((f = form_field(form, "code")) != NULL)
		credit_code_select(f, codes);
	upload_form_field(c, form, "certificate", UP_IMAGE | UP_PDF);
	model_button(form, "add", "cme.btn.add", NULL);
	return RES_OK;
}

static enum result
self_get(struct ctx *c)
{
	return self_show(c, NULL, NULL);
}

/* The rules beyond the fields: units, a known code, this fiscal year. */
static int
self_check(struct ctx *c, struct form_result *res, int *tenths)
{
	const struct dbres	*codes;
	const char		*u = kv_str(&c->form, "units");
	const char		*code = kv_str(&c->form, "code");
	const char		*on = kv_str(&c->form, "earned_on");
	char			 today[11];

	if ((codes = credit_codes(c)) == NULL)
		return -1;
	if (!form_has_error(res, "units") && u != NULL &&
	    ((*tenths = cme_tenths(u)) <= 0 || *tenths > CME_SELF_MAX))
		form_error_add(res, "units", "cme.err.units");
	if (!form_has_error(res, "code") && code != NULL &&
	    credit_code_name(codes, code) == NULL)
		form_error_add(res, "code", "err.choice");
	clock_today(today, sizeof(today));
	if (!form_has_error(res, "earned_on") && on != NULL &&
	    !cme_self_ok(on, today))
		form_error_add(res, "earned_on", "cme.err.self-fy");
	return 0;
}

/*
 * One transaction: the certificate stored, the credit added to the
 * ledger (source self, with its certificate), the audit line.
 */
static enum result
self_post(struct ctx *c)
{
	struct form_result	 res;
	struct upload_owner	 own;
	const char		*k = NULL;
	char			 obj[40];
	long long		 up, id;
	int			 tenths = 0, ok = 0;

	form_validate(self_fields, NSELF, &c->form, &res);
	if (self_check(c, &res, &tenths) == -1)
		return RES_UNAVAIL;
	if (res.nerr > 0)
		return self_show(c, &c->form, &res);
	upload_owner_of(c, &own);
	if (db_begin(c->app->db) < 0)
		return RES_UNAVAIL;
	up = upload_store(c, "certificate", UP_IMAGE | UP_PDF, "cme", &own,
	    &k);
	if (up > 0 && upload_submit(c->app->db, c->tenant->slug, up) >= 0 &&
	    (id = credit_add(c->app->db, c->tenant->slug, c->sess.uid,
	    CREDIT_SRC_SELF, kv_str(&c->form, "code"), tenths / 10.0,
	    kv_str(&c->form, "earned_on"), kv_str(&c->form, "title"),
	    up)) > 0) {
		snprintf(obj, sizeof(obj), "credit:%lld", id);
		ok = audit_log(c->app->db, c->tenant->slug, c->sess.uid,
		    "cme.self", obj, c->remote, kv_str(&c->form, "units")) >= 0;
	}
	if (db_end(c->app->db, ok) < 0 || !ok) {
		if (up > 0 || k == NULL)
			return RES_UNAVAIL;
		form_error_add(&res, "certificate", up == 0 ?
		    "err.required-file" : k);
		return self_show(c, &c->form, &res);
	}
	return redirect_to(c, "/cme/self?done=added");
}

/* ---- /cme/history -------------------------------------------------------- */

/* A query value when it is what the field takes, else "". */
static const char *
qval(struct ctx *c, const char *name, enum ftype type, size_t max)
{
	const struct field	 f = { name, type, 0, max, NULL, NULL };
	const char		*v = kv_str(&c->query, name);

	return v != NULL && *v != '\0' && form_check(&f, v, strlen(v)) ==
	    NULL ? v : "";
}

static enum result
history_get(struct ctx *c)
{
	const struct dbres *r;
	struct dbres	*fresh = NULL;
	xmlNodePtr	 h, e;
	const char	*fy, *from, *to, *view, *v;
	char		 key[64];
	size_t		 i;
	int		 now;
	enum result	 rc = RES_UNAVAIL;

	fy = qval(c, "fy", F_DIGITS, 4);
	from = qval(c, "from", F_DATE, 0);
	to = qval(c, "to", F_DATE, 0);
	view = qval(c, "view", F_TEXT, 8);
	/* The member's own, kept between requests (owncache.h). */
	snprintf(key, sizeof(key), "%s/%s/%s", fy, from, to);
	if ((r = owncache_get(c, c->sess.uid, "cme.history", key)) == NULL &&
	    (r = fresh = dbq_cme_history(c->app->db, c->tenant->slug,
	    c->sess.uid, CME_KIND, fy, from, to)) == NULL)
		goto out;
	rc = RES_INTERNAL;
	if (model_new(c, "cme-history") == -1)
		goto out;
	h = model_node(c->content, "cme-history");
	model_attr(h, "kind", CME_KIND);
	model_attr(h, "fy", fy);
	model_attr(h, "from", from);
	model_attr(h, "to", to);
	model_attr(h, "view", strcmp(view, "cert") == 0 ? "cert" : "history");
	now = cme_fy_at(clock_now());
	model_attrf(h, "fy-now", "%d", now);
	model_attrf(h, "fy-first", "%d", now - 10);
	for (i = 0; i < r->nrows; i++) {
		e = model_node(h, "app");
		model_attr(e, "id", dbres_get(r, i, CH_ID));
		if ((v = dbres_get(r, i, CH_NUMBER)) != NULL)
			model_attr(e, "number", v);
		model_attr(e, "state", dbres_get(r, i, CH_STATE));
		model_attr(e, "year", dbres_get(r, i, CH_YEAR));
		model_attr(e, "created-at", dbres_get(r, i, CH_CREATED));
		if ((v = dbres_get(r, i, CH_SUBMITTED)) != NULL)
			model_attr(e, "submitted-at", v);
		if ((v = dbres_get(r, i, CH_DECIDED)) != NULL)
			model_attr(e, "decided-at", v);
		if ((v = dbres_get(r, i, CH_CERT)) != NULL)
			model_attrf(e, "certificate", CME_CERT_PATH "%s.pdf",
			    v);
		if ((v = dbres_get(r, i, CH_COMMENT)) != NULL && *v != '\0')
			model_text(e, "comment", v);
	}
	rc = RES_OK;
out:
	owncache_put(c, c->sess.uid, "cme.history", key, fresh);
	return rc;
}

/* ---- /cme/certificate/<id>.pdf -------------------------------------------- */

/*
 * The 修了証 (CME-9): the platform's verifiable certificate (number,
 * code, QR of /verify/<code>) in seed 004's wording, A4, through
 * xslt/pdf/cme-certificate.xsl; its holder's only (else 404).
 */
static enum result
cert_get(struct ctx *c)
{
	const char	*p = c->path + strlen(CME_CERT_PATH);
	size_t		 n = strspn(p, "0123456789");

	if (n == 0 || n > 18 || p[0] == '0' || strcmp(p + n, ".pdf") != 0)
		return RES_NOTFOUND;
	return cert_pdf_page(c, strtoll(p, NULL, 10),
	    "pdf/cme-certificate.xsl", "修了証", "certificate");
}

const struct page cme_pages[] = {
	{ .name = "cme-menu", .methods = M_GET, .path = "/cme",
	    .flags = PAGE_TENANT | PAGE_AUTH, .get = menu_get,
	    .menu = "menu.cme.main", .feature = CME_FEATURE,
	    .roles = ROLE_MEMBER },
	{ .name = "cme-self", .methods = M_GET | M_POST, .path = "/cme/self",
	    .flags = PAGE_TENANT | PAGE_AUTH, .get = self_get,
	    .post = self_post, .feature = CME_FEATURE, .roles = ROLE_MEMBER,
	    .fields = self_fields, .nfields = NSELF },
	{ .name = "cme-history", .methods = M_GET, .path = "/cme/history",
	    .flags = PAGE_TENANT | PAGE_AUTH, .get = history_get,
	    .feature = CME_FEATURE, .roles = ROLE_MEMBER },
	{ .name = "cme-certificate", .methods = M_GET, .path = CME_CERT_PATH,
	    .flags = PAGE_TENANT | PAGE_AUTH | PAGE_PREFIX | PAGE_RAW,
	    .get = cert_get, .feature = CME_FEATURE, .roles = ROLE_MEMBER },
	{ .name = NULL },
};
