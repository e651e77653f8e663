/*
 * certify_case.c — 症例登録 and 症例承認 (PAL-3; seed 002's 認定要件4):
 *
 *   /cases                   the member's case reports, their states and
 *                            the count of approved ones
 *   /cases/new               register one; the supervisor is found by
 *                            name, kana or certification number (a
 *                            search button that keeps what was typed)
 *   /cases/<id>              one report; a returned one is corrected and
 *                            submitted again
 *   /cases/review            症例承認: the supervisor's queue
 *   /cases/review/<id>       approve, or return with a comment
 *
 * A report is submitted at once to the supervisor chosen (there is no
 * draft: it is one short form).  Each change is one transaction with its
 * audit line and the mail to the other side.  A supervisor reaches only
 * the reports sent to them: the statement itself is bound to their
 * account, so another supervisor's report is 404.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "clock.h"
#include "conf.h"
#include "ctx.h"
#include "db.h"
#include "directory.h"
#include "feature.h"
#include "form.h"
#include "mail.h"
#include "certify.h"
#include "certify_int.h"

#define CASES		"/cases"
#define REVIEW		"/cases/review"

/* ---- the form ---------------------------------------------------------- */

static const char *const ages[] = { "u20", "20", "40", "65", "75", NULL };
static const char *const sexes[] = { "m", "f", "o", NULL };
static const char *const settings[] = { "ward", "team", "home",
	"outpatient", "general", NULL };

static const struct field case_fields[] = {
	{ "age", F_SELECT, 1, 0, "certify.case.f.age", ages },
	{ "sex", F_RADIO, 1, 0, "certify.case.f.sex", sexes },
	{ "diagnosis", F_TEXT, 1, 200, "certify.case.f.diagnosis", NULL },
	{ "setting", F_SELECT, 1, 0, "certify.case.f.setting", settings },
	{ "from", F_TEXT, 1, 7, "certify.case.f.from", NULL },
	{ "to", F_TEXT, 1, 7, "certify.case.f.to", NULL },
	{ "summary", F_TEXTAREA, 1, CERTIFY_SUMMARY_MAX,
	    "certify.case.f.summary", NULL },
	{ "sq", F_TEXT, 0, 100, "certify.case.f.sq", NULL },
	{ "supervisor", F_DIGITS, 1, 12, "certify.case.f.supervisor", NULL },
};
#define NFIELDS	(sizeof(case_fields) / sizeof(case_fields[0]))

static const struct field decide_fields[] = {
	{ "comment", F_TEXTAREA, 0, 2000, "certify.review.f.comment", NULL },
};

/* "YYYY-MM" as months, or -1. */
int
certify_ym(const char *s)
{
	int	 y, m;

	if (s == NULL || !valid_ym(s) || sscanf(s, "%4d-%2d", &y, &m) != 2)
		return -1;
	return y * 12 + (m - 1);
}

/*
 * The care period: two year-months in order, not after `now` (YYYY-MM
 * or longer).  NULL, or the i18n key of what is wrong.
 */
const char *
certify_case_check_period(const char *from, const char *to, const char *now)
{
	int	 a = certify_ym(from), b = certify_ym(to), n;
	char	 ym[8];

	snprintf(ym, sizeof(ym), "%.7s", now != NULL ? now : "");
	n = certify_ym(ym);
	if (a < 0 || b < 0)
		return "certify.case.err.ym";
	if (a > b)
		return "certify.case.err.order";
	if (n >= 0 && b > n)
		return "certify.case.err.future";
	return NULL;
}

/* What the form asks beyond its fields; the supervisor is loaded. */
static int
case_check(struct ctx *c, const struct kvlist *vals, struct certify_sup *sup,
    struct form_result *res)
{
	const char	*k, *v = kv_str(vals, "supervisor");
	char		 now[CLOCK_SQL_LEN];
	int		 n;

	clock_now_sql(now, sizeof(now));
	if (!form_has_error(res, "from") && !form_has_error(res, "to") &&
	    (k = certify_case_check_period(kv_str(vals, "from"),
	    kv_str(vals, "to"), now)) != NULL)
		form_error_add(res, strcmp(k, "certify.case.err.ym") == 0 &&
		    certify_ym(kv_str(vals, "from")) >= 0 ? "to" : "from", k);
	if (v == NULL || *v == '\0' || form_has_error(res, "supervisor"))
		return 0;
	if ((n = certify_supervisor_get(c->app->db, c->tenant->slug,
	    atoll(v), sup)) < 0)
		return -1;
	if (n == 0)
		form_error_add(res, "supervisor", "certify.case.err.supervisor");
	else if (strcmp(sup->uid, c->sess.uid) == 0)
		form_error_add(res, "supervisor", "certify.case.err.self");
	return 0;
}

/*
 * The supervisor select: the one chosen (if any) and what the search
 * found.  A statement only when the member searched.
 */
static int
supervisor_options(struct ctx *c, xmlNodePtr form, const struct kvlist *vals,
    const char *chosen_name)
{
	struct certify_sup	 s[CERTIFY_SEARCH_MAX];
	const char		*q = kv_str(vals, "sq"), *cur;
	xmlNodePtr		 f, o;
	int			 n = 0, i;

	if ((f = form_field(form, "supervisor")) == NULL)
		return 0;
	model_attr(f, "type", "select");
	cur = kv_str(vals, "supervisor");
	o = model_text(f, "option", "---");
	model_attr(o, "value", "");
	if (cur != NULL && *cur != '\0' && chosen_name != NULL &&
	    *chosen_name != '\0') {
		o = model_text(f, "option", chosen_name);
		model_attr(o, "value", cur);
	}
	if (q != NULL && *q != '\0' && (n = certify_supervisor_search(
	    c->app->db, c->tenant->slug, q, s, CERTIFY_SEARCH_MAX)) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		char	 label[300], id[24];

		snprintf(id, sizeof(id), "%lld", s[i].id);
		if (cur != NULL && strcmp(cur, id) == 0)
			continue;
		snprintf(label, sizeof(label), "%s (%s) %s", s[i].name,
		    s[i].kana, s[i].number);
		o = model_text(f, "option", label);
		model_attr(o, "value", id);
	}
	if (q != NULL && *q != '\0')
		model_attrf(f, "found", "%d", n);
	return 0;
}

/* The form page (new, or a returned report corrected). */
static enum result
show_form(struct ctx *c, const char *name, const char *action,
    const struct kvlist *vals, const struct form_result *res,
    const char *chosen, const struct certify_case *k)
{
	xmlNodePtr	 form, n;

	if (model_new(c, name) == -1)
		return RES_INTERNAL;
	n = model_node(c->content, "certify");
	if (k != NULL) {
		model_attrf(n, "case", "%lld", k->id);
		if (k->comment != NULL)
			model_text(n, "comment", k->comment);
	}
	if ((form = model_form(c, "certify-case", action, case_fields,
	    NFIELDS, vals, res, NULL)) == NULL)
		return RES_INTERNAL;
	form_options_label(form, "age", "certify.case.f.age.", NULL, 0);
	form_options_label(form, "sex", "certify.case.f.sex.", NULL, 0);
	form_options_label(form, "setting", "certify.case.f.setting.", NULL,
	    0);
	if (supervisor_options(c, form, vals, chosen) == -1)
		return RES_UNAVAIL;
	model_button(form, "submit", k != NULL ? "certify.case.btn.resubmit" :
	    "certify.case.btn.submit", NULL);
	model_button(form, "search", "certify.case.btn.search", "secondary");
	return RES_OK;
}

/* ---- the member's pages ------------------------------------------------ */

static const struct {
	const char	*done, *key;
} flashes[] = {
	{ "submitted", "certify.case.msg.submitted" },
	{ "resubmitted", "certify.case.msg.resubmitted" },
	{ "approved", "certify.review.msg.approved" },
	{ "returned", "certify.review.msg.returned" },
};

static void
flash(struct ctx *c)
{
	const char	*d = kv_str(&c->query, "done");
	size_t		 i;

	for (i = 0; d != NULL && i < sizeof(flashes) / sizeof(flashes[0]);
	    i++)
		if (strcmp(d, flashes[i].done) == 0)
			model_flash(c, flashes[i].key, "success");
}

/* Rows of a list or queue as <case …>; the count of approved ones. */
static int
rows_model(xmlNodePtr parent, const struct dbres *r)
{
	xmlNodePtr	 n;
	const char	*v;
	size_t		 i;
	int		 approved = 0;

	for (i = 0; i < r->nrows; i++) {
		if (dbres_get(r, i, CASE_COL_ID) == NULL)
			continue;
		n = model_node(parent, "case");
		model_attr(n, "id", dbres_get(r, i, CASE_COL_ID));
		model_attr(n, "state", dbres_get(r, i, CASE_COL_STATE));
		model_attr(n, "diagnosis", dbres_get(r, i, CASE_COL_DIAGNOSIS));
		model_attr(n, "setting", dbres_get(r, i, CASE_COL_SETTING));
		model_attr(n, "from", dbres_get(r, i, CASE_COL_FROM));
		model_attr(n, "to", dbres_get(r, i, CASE_COL_TO));
		model_attr(n, "who", dbres_get(r, i, CASE_COL_WHO));
		model_attr(n, "updated", dbres_get(r, i, CASE_COL_UPDATED));
		if ((v = dbres_get(r, i, CASE_COL_COMMENT)) != NULL)
			model_text(n, "comment", v);
		approved += strcmp(dbres_get(r, i, CASE_COL_STATE),
		    "approved") == 0;
	}
	return approved;
}

static enum result
page_cases(struct ctx *c)
{
	struct dbres	*r;
	xmlNodePtr	 n, l;
	enum result	 rc = RES_INTERNAL;
	int		 approved;

	if ((r = dbq_case_list(c->app->db, c->tenant->slug,
	    c->sess.uid)) == NULL)
		return RES_UNAVAIL;
	if (model_new(c, "certify-cases") == -1)
		goto out;
	flash(c);
	n = model_node(c->content, "certify");
	l = model_node(n, "case-list");
	approved = rows_model(l, r);
	model_attrf(l, "approved", "%d", approved);
	model_attrf(l, "needed", "%d", CERTIFY_CASES_NEEDED);
	rc = RES_OK;
out:
	dbres_free(r);
	return rc;
}

static enum result
page_case_new_get(struct ctx *c)
{
	return show_form(c, "certify-case-new", CASES "/new", NULL, NULL,
	    NULL, NULL);
}

/* The mail to the supervisor, in the submission's transaction. */
static int
mail_supervisor(struct ctx *c, const struct certify_sup *s, long long id)
{
	struct dir_user	 u;
	const char	*vars[7];
	char		 base[300], url[400], num[24];
	int		 k;

	if (s->uid[0] == '\0' || (k = dir_get_uid(c->app->dir, c->tenant,
	    s->uid, &u)) == 0)
		return 1;
	if (k < 0)
		return -1;
	if (u.mail[0] == '\0')
		return 1;
	base_url(c, base, sizeof(base));
	snprintf(url, sizeof(url), "%s" REVIEW "/%lld", base, id);
	snprintf(num, sizeof(num), "%lld", id);
	vars[0] = "name"; vars[1] = s->name;
	vars[2] = "number"; vars[3] = num;
	vars[4] = "url"; vars[5] = url;
	vars[6] = NULL;
	return mail_queue(c->app->db, c->tenant, c->app->cfg->datadir, base,
	    "certify_case_submitted", u.mail, vars);
}

/* The form's values into a report. */
static void
case_from(struct certify_case *k, const struct kvlist *v)
{
	snprintf(k->age_band, sizeof(k->age_band), "%s", kv_str(v, "age"));
	snprintf(k->sex, sizeof(k->sex), "%s", kv_str(v, "sex"));
	snprintf(k->diagnosis, sizeof(k->diagnosis), "%s",
	    kv_str(v, "diagnosis"));
	snprintf(k->setting, sizeof(k->setting), "%s", kv_str(v, "setting"));
	snprintf(k->period_from, sizeof(k->period_from), "%s",
	    kv_str(v, "from"));
	snprintf(k->period_to, sizeof(k->period_to), "%s", kv_str(v, "to"));
	k->supervisor_id = atoll(kv_str(v, "supervisor"));
	k->summary = (char *)(uintptr_t)kv_str(v, "summary");
}

/*
 * Save a new report (k->id 0) or a returned one corrected, with its
 * audit line and the supervisor's mail.  >0 saved, 0 it is not
 * returned any more, -1 error.
 */
static int
case_save(struct ctx *c, struct certify_case *k, const struct certify_sup *s)
{
	char		 now[CLOCK_SQL_LEN], obj[40], st[12];
	long long	 id;
	int		 rc = -1, n;

	clock_now_sql(now, sizeof(now));
	if (db_begin(c->app->db) < 0)
		return -1;
	if (k->id == 0) {
		if ((id = dbq_case_put(c->app->db, c->tenant->slug, k,
		    now)) <= 0)
			goto out;
		k->id = id;
	} else {
		if ((n = dbq_case_lock(c->app->db, c->tenant->slug, k->id, st,
		    sizeof(st))) <= 0 || strcmp(st, "returned") != 0 ||
		    (n = dbq_case_resubmit(c->app->db, c->tenant->slug, k,
		    now)) <= 0) {
			rc = n < 0 ? -1 : 0;
			goto out;
		}
	}
	snprintf(obj, sizeof(obj), "case:%lld", k->id);
	if (audit_log(c->app->db, c->tenant->slug, c->sess.uid,
	    "certify.case.submit", obj, c->remote, s->number) < 0 ||
	    mail_supervisor(c, s, k->id) < 0)
		goto out;
	rc = 1;
out:
	if (rc <= 0)
		db_rollback(c->app->db);
	else if (db_commit(c->app->db) < 0)
		rc = -1;
	return rc;
}

/*
 * POST of the form: search (shown again, nothing saved), or submit.
 * k: the returned report being corrected, or NULL for a new one.
 */
static enum result
post_case(struct ctx *c, const char *name, const char *action,
    struct certify_case *k)
{
	struct certify_sup	 sup;
	struct certify_case	 n;
	struct form_result	 res;
	const char		*op = kv_str(&c->form, "op");
	int			 rc;

	memset(&res, 0, sizeof(res));
	memset(&sup, 0, sizeof(sup));
	if (op != NULL && strcmp(op, "search") == 0)
		return show_form(c, name, action, &c->form, NULL,
		    k != NULL ? k->sup_name : NULL, k);
	form_validate(case_fields, NFIELDS, &c->form, &res);
	if (case_check(c, &c->form, &sup, &res) == -1)
		return RES_UNAVAIL;
	if (res.nerr > 0)
		return show_form(c, name, action, &c->form, &res,
		    sup.name, k);
	memset(&n, 0, sizeof(n));
	snprintf(n.uid, sizeof(n.uid), "%s", c->sess.uid);
	n.id = k != NULL ? k->id : 0;
	case_from(&n, &c->form);
	if ((rc = case_save(c, &n, &sup)) < 0)
		return RES_UNAVAIL;
	if (rc == 0) {
		if (show_form(c, name, action, &c->form, NULL, sup.name,
		    k) != RES_OK)
			return RES_INTERNAL;
		model_error(c, "certify.case.err.locked", NULL);
		c->status_hint = 409;
		return RES_OK;
	}
	snprintf(c->location, sizeof(c->location), CASES "?done=%s",
	    k != NULL ? "resubmitted" : "submitted");
	return RES_REDIRECT;
}

static enum result
page_case_new_post(struct ctx *c)
{
	return post_case(c, "certify-case-new", CASES "/new", NULL);
}

/* The id after a prefix ("/cases/12"), or 0. */
static long long
path_id(const char *path, const char *prefix)
{
	const char	*p = path + strlen(prefix);

	if (strncmp(path, prefix, strlen(prefix)) != 0 || !valid_number(p) ||
	    strlen(p) > 15)
		return 0;
	return atoll(p);
}

/* One report of the member's own; else 404 (never another's). */
static enum result
load_mine(struct ctx *c, struct certify_case *k)
{
	long long	 id = path_id(c->path, CASES "/");
	int		 n;

	memset(k, 0, sizeof(*k));
	if (id <= 0)
		return RES_NOTFOUND;
	if ((n = dbq_case_get(c->app->db, c->tenant->slug, id, k)) < 0)
		return RES_UNAVAIL;
	if (n == 0 || strcmp(k->uid, c->sess.uid) != 0)
		return RES_NOTFOUND;
	return RES_OK;
}

/* A report read-only (the member's, or the supervisor's view). */
static void
case_model(xmlNodePtr parent, const struct certify_case *k)
{
	xmlNodePtr	 n = model_node(parent, "case");

	model_attrf(n, "id", "%lld", k->id);
	model_attr(n, "state", k->state);
	model_attr(n, "age", k->age_band);
	model_attr(n, "sex", k->sex);
	model_attr(n, "diagnosis", k->diagnosis);
	model_attr(n, "setting", k->setting);
	model_attr(n, "from", k->period_from);
	model_attr(n, "to", k->period_to);
	model_attr(n, "supervisor", k->sup_name);
	model_attr(n, "member", k->member_name);
	model_attr(n, "updated", k->updated_at);
	model_text(n, "summary", k->summary);
	if (k->comment != NULL)
		model_text(n, "comment", k->comment);
}

/* The stored report as the form's values. */
static void
case_values(const struct certify_case *k, struct kvlist *v)
{
	char	 id[24];

	snprintf(id, sizeof(id), "%lld", k->supervisor_id);
	kv_add(v, "age", 3, k->age_band, strlen(k->age_band));
	kv_add(v, "sex", 3, k->sex, strlen(k->sex));
	kv_add(v, "diagnosis", 9, k->diagnosis, strlen(k->diagnosis));
	kv_add(v, "setting", 7, k->setting, strlen(k->setting));
	kv_add(v, "from", 4, k->period_from, strlen(k->period_from));
	kv_add(v, "to", 2, k->period_to, strlen(k->period_to));
	kv_add(v, "summary", 7, k->summary, strlen(k->summary));
	kv_add(v, "supervisor", 10, id, strlen(id));
}

static enum result
page_case_get(struct ctx *c)
{
	struct certify_case	 k;
	struct kvlist		 v = { NULL, 0, 0 };
	enum result		 r;

	if ((r = load_mine(c, &k)) != RES_OK)
		goto out;
	if (strcmp(k.state, "returned") == 0) {
		case_values(&k, &v);
		r = show_form(c, "certify-case", c->path, &v, NULL,
		    k.sup_name, &k);
		goto out;
	}
	r = RES_INTERNAL;
	if (model_new(c, "certify-case") == -1)
		goto out;
	case_model(model_node(c->content, "certify"), &k);
	r = RES_OK;
out:
	kv_free(&v);
	certify_case_free(&k);
	return r;
}

static enum result
page_case_post(struct ctx *c)
{
	struct certify_case	 k;
	enum result		 r;

	if ((r = load_mine(c, &k)) == RES_OK) {
		if (strcmp(k.state, "returned") != 0) {
			if (model_new(c, "certify-case") == -1)
				r = RES_INTERNAL;
			else {
				case_model(model_node(c->content, "certify"),
				    &k);
				model_error(c, "certify.case.err.locked",
				    NULL);
				c->status_hint = 409;
			}
		} else
			r = post_case(c, "certify-case", c->path, &k);
	}
	certify_case_free(&k);
	return r;
}

/* ---- 症例承認 ------------------------------------------------------------ */

static enum result
page_review(struct ctx *c)
{
	struct dbres	*r;
	xmlNodePtr	 n, l;
	enum result	 rc = RES_INTERNAL;
	size_t		 i;
	int		 pending = 0;

	if ((r = dbq_case_queue(c->app->db, c->tenant->slug,
	    c->sess.uid)) == NULL)
		return RES_UNAVAIL;
	if (model_new(c, "certify-review") == -1)
		goto out;
	flash(c);
	n = model_node(c->content, "certify");
	if (r->nrows == 0)
		model_attr(n, "not-registered", "1");
	l = model_node(n, "case-list");
	rows_model(l, r);
	for (i = 0; i < r->nrows; i++)
		pending += dbres_get(r, i, CASE_COL_STATE) != NULL &&
		    strcmp(dbres_get(r, i, CASE_COL_STATE), "submitted") == 0;
	model_attrf(l, "pending", "%d", pending);
	rc = RES_OK;
out:
	dbres_free(r);
	return rc;
}

/* A report sent to this supervisor; anyone else's is 404. */
static enum result
load_sent(struct ctx *c, struct certify_case *k)
{
	long long	 id = path_id(c->path, REVIEW "/");
	int		 n;

	memset(k, 0, sizeof(*k));
	if (id <= 0)
		return RES_NOTFOUND;
	if ((n = dbq_case_get(c->app->db, c->tenant->slug, id, k)) < 0)
		return RES_UNAVAIL;
	if (n == 0 || strcmp(k->sup_uid, c->sess.uid) != 0)
		return RES_NOTFOUND;
	return RES_OK;
}

static enum result
show_decide(struct ctx *c, const struct certify_case *k,
    const struct kvlist *vals, const struct form_result *res)
{
	xmlNodePtr	 form;

	if (model_new(c, "certify-review-case") == -1)
		return RES_INTERNAL;
	case_model(model_node(c->content, "certify"), k);
	if (strcmp(k->state, "submitted") != 0)
		return RES_OK;
	if ((form = model_form(c, "certify-decide", c->path, decide_fields,
	    1, vals, res, NULL)) == NULL)
		return RES_INTERNAL;
	model_button(form, "approve", "certify.review.btn.approve", NULL);
	model_button(form, "return", "certify.review.btn.return",
	    "secondary");
	return RES_OK;
}

static enum result
page_review_case_get(struct ctx *c)
{
	struct certify_case	 k;
	enum result		 r;

	if ((r = load_sent(c, &k)) == RES_OK)
		r = show_decide(c, &k, NULL, NULL);
	certify_case_free(&k);
	return r;
}

/* The member's mail about the decision, in its transaction. */
static int
mail_member(struct ctx *c, const struct certify_case *k, int approve,
    const char *comment)
{
	struct dir_user	 u;
	const char	*vars[11];
	char		 base[300], url[400], num[24];
	int		 n;

	if ((n = dir_get_uid(c->app->dir, c->tenant, k->uid, &u)) <= 0)
		return n == 0 ? 1 : -1;
	if (u.mail[0] == '\0')
		return 1;
	base_url(c, base, sizeof(base));
	snprintf(url, sizeof(url), "%s" CASES "/%lld", base, k->id);
	snprintf(num, sizeof(num), "%lld", k->id);
	vars[0] = "name"; vars[1] = k->member_name[0] ? k->member_name :
	    u.name;
	vars[2] = "number"; vars[3] = num;
	vars[4] = "url"; vars[5] = url;
	vars[6] = "decision"; vars[7] = approve ? "承認" : "差し戻し";
	vars[8] = "comment"; vars[9] = comment != NULL ? comment : "";
	vars[10] = NULL;
	return mail_queue(c->app->db, c->tenant, c->app->cfg->datadir, base,
	    "certify_case_decided", u.mail, vars);
}

/* approve or return: >0 done, 0 handled already, -1 error. */
static int
decide(struct ctx *c, const struct certify_case *k, int approve,
    const char *comment)
{
	char	 now[CLOCK_SQL_LEN], obj[40];
	int	 rc = -1, n;

	clock_now_sql(now, sizeof(now));
	if (db_begin(c->app->db) < 0)
		return -1;
	if ((n = dbq_case_decide(c->app->db, c->tenant->slug, k->id,
	    k->supervisor_id, approve ? "approved" : "returned",
	    approve ? NULL : comment, now)) <= 0) {
		rc = n;
		goto out;
	}
	snprintf(obj, sizeof(obj), "case:%lld", k->id);
	if (audit_log(c->app->db, c->tenant->slug, c->sess.uid, approve ?
	    "certify.case.approve" : "certify.case.return", obj, c->remote,
	    NULL) < 0 || mail_member(c, k, approve, comment) < 0)
		goto out;
	rc = 1;
out:
	if (rc <= 0)
		db_rollback(c->app->db);
	else if (db_commit(c->app->db) < 0)
		rc = -1;
	return rc;
}

static enum result
page_review_case_post(struct ctx *c)
{
	struct certify_case	 k;
	struct form_result	 res;
	const char		*op = kv_str(&c->form, "op");
	const char		*comment = kv_str(&c->form, "comment");
	enum result		 r;
	int			 approve, n;

	memset(&res, 0, sizeof(res));
	if ((r = load_sent(c, &k)) != RES_OK)
		goto out;
	approve = op == NULL || strcmp(op, "return") != 0;
	form_validate(decide_fields, 1, &c->form, &res);
	if (!approve && res.nerr == 0 && (comment == NULL ||
	    *comment == '\0'))
		form_error_add(&res, "comment", "certify.review.err.comment");
	if (res.nerr > 0) {
		r = show_decide(c, &k, &c->form, &res);
		goto out;
	}
	if ((n = decide(c, &k, approve, comment)) < 0) {
		r = RES_UNAVAIL;
		goto out;
	}
	if (n == 0) {
		if ((r = show_decide(c, &k, NULL, NULL)) == RES_OK) {
			model_error(c, "certify.review.err.state", NULL);
			c->status_hint = 409;
		}
		goto out;
	}
	snprintf(c->location, sizeof(c->location), REVIEW "?done=%s",
	    approve ? "approved" : "returned");
	r = RES_REDIRECT;
out:
	certify_case_free(&k);
	return r;
}

const struct page certify_case_pages[] = {
	{ .name = "certify-cases", .methods = M_GET, .path = CASES,
	    .flags = PAGE_TENANT | PAGE_AUTH, .get = page_cases,
	    .menu = "menu.certify.cases", .feature = CERTIFY_FEATURE,
	    .roles = ROLE_MEMBER },
	{ .name = "certify-case-new", .methods = M_GET | M_POST,
	    .path = CASES "/new", .flags = PAGE_TENANT | PAGE_AUTH,
	    .get = page_case_new_get, .post = page_case_new_post,
	    .feature = CERTIFY_FEATURE, .roles = ROLE_MEMBER,
	    .fields = case_fields, .nfields = NFIELDS },
	{ .name = "certify-review", .methods = M_GET, .path = REVIEW,
	    .flags = PAGE_TENANT | PAGE_AUTH, .get = page_review,
	    .menu = "menu.certify.review", .feature = CERTIFY_FEATURE,
	    .roles = ROLE_SUPERVISOR },
	{ .name = "certify-review-case", .methods = M_GET | M_POST,
	    .path = REVIEW "/", .flags = PAGE_TENANT | PAGE_AUTH |
	    PAGE_PREFIX, .get = page_review_case_get,
	    .post = page_review_case_post, .feature = CERTIFY_FEATURE,
	    .roles = ROLE_SUPERVISOR, .fields = decide_fields, .nfields = 1 },
	{ .name = "certify-case", .methods = M_GET | M_POST,
	    .path = CASES "/", .flags = PAGE_TENANT | PAGE_AUTH | PAGE_PREFIX,
	    .get = page_case_get, .post = page_case_post,
	    .feature = CERTIFY_FEATURE, .roles = ROLE_MEMBER,
	    .fields = case_fields, .nfields = NFIELDS },
	{ .name = NULL },
};
