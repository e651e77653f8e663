/*
 * renewal_rules.c — the credit rules of a tenant as the society's data
 * (ONC-13, ONC-14): the total of 業績単位 needed, which kinds count and
 * each kind's cap.
 *
 *   renewal_rules_get()     the rules in force: the office's row
 *                           (renewal_rules, 027), read through the
 *                           worker's reference cache so a check costs no
 *                           statement, else tenant.conf's renewal.*
 *   /admin/renewal/rules    the office's form: validated
 *                           (renewal_rules_check()), saved with its audit
 *                           line in one transaction; the table's
 *                           triggers bump refdata_version, so every
 *                           worker reads the new rules on its next request
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "clock.h"
#include "ctx.h"
#include "db.h"
#include "feature.h"
#include "form.h"
#include "refcache.h"
#include "session.h"
#include "tenant.h"
#include "renewal.h"

#define RULES_PATH	"/admin/renewal/rules"

static long long
col_ll(const struct dbres *r, int col)
{
	const char	*v = dbres_get(r, 0, col);

	return v != NULL ? atoll(v) : 0;
}

/* The rules in force.  0, -1 (a database error). */
int
renewal_rules_get(struct ctx *c, struct renewal_rules *r)
{
	const struct dbres	*rs;

	renewal_rules_conf(c->tenant, r);
	if ((rs = refcache_get(c, "renewal.rules", dbq_renewal_rules)) == NULL)
		return -1;
	if (rs->nrows == 0)
		return 0;
	r->needed = col_ll(rs, RR_NEEDED);
	r->count_meeting = col_ll(rs, RR_COUNT_MEETING) != 0;
	r->count_paper = col_ll(rs, RR_COUNT_PAPER) != 0;
	r->count_seminar = col_ll(rs, RR_COUNT_SEMINAR) != 0;
	r->cap_meeting = col_ll(rs, RR_CAP_MEETING);
	r->cap_paper = col_ll(rs, RR_CAP_PAPER);
	r->cap_seminar = col_ll(rs, RR_CAP_SEMINAR);
	return 0;
}

/* ---- /admin/renewal/rules ------------------------------------------- */

/* In renewal_rules_check()'s field order. */
static const struct field rule_fields[] = {
	{ "needed", F_DIGITS, 1, 4, "renewal.rules.needed", NULL },
	{ "count_meeting", F_CHECKBOX, 0, 0, "renewal.rules.count-meeting",
	    NULL },
	{ "count_paper", F_CHECKBOX, 0, 0, "renewal.rules.count-paper", NULL },
	{ "count_seminar", F_CHECKBOX, 0, 0, "renewal.rules.count-seminar",
	    NULL },
	{ "cap_meeting", F_DIGITS, 1, 4, "renewal.rules.cap-meeting", NULL },
	{ "cap_paper", F_DIGITS, 1, 4, "renewal.rules.cap-paper", NULL },
	{ "cap_seminar", F_DIGITS, 1, 4, "renewal.rules.cap-seminar", NULL },
};
#define NRULE	(sizeof(rule_fields) / sizeof(rule_fields[0]))

struct rules_page {
	struct renewal_rules	 cur;		/* in force */
	struct renewal_rules	 in;		/* as posted */
	char			 updated_at[24];
	char			 updated_by[65];
};

static enum result
rules_load(struct ctx *c, void *arg)
{
	struct rules_page	*p = arg;
	const struct dbres	*rs;
	const char		*v;

	memset(p, 0, sizeof(*p));
	if (renewal_rules_get(c, &p->cur) == -1 ||
	    (rs = refcache_get(c, "renewal.rules", dbq_renewal_rules)) == NULL)
		return RES_UNAVAIL;
	if (rs->nrows > 0) {
		v = dbres_get(rs, 0, RR_UPDATED_AT);
		snprintf(p->updated_at, sizeof(p->updated_at), "%s",
		    v != NULL ? v : "");
		v = dbres_get(rs, 0, RR_UPDATED_BY);
		snprintf(p->updated_by, sizeof(p->updated_by), "%s",
		    v != NULL ? v : "");
	}
	return RES_OK;
}

static void
put_ll(struct kvlist *kv, const char *k, long long v)
{
	char	 b[24];
	int	 n = snprintf(b, sizeof(b), "%lld", v);

	kv_add(kv, k, strlen(k), b, (size_t)n);
}

static void
rules_values(struct ctx *c, void *arg, struct kvlist *kv)
{
	const struct renewal_rules	*r = &((struct rules_page *)arg)->cur;

	(void)c;
	put_ll(kv, "needed", r->needed);
	if (r->count_meeting)
		put_ll(kv, "count_meeting", 1);
	if (r->count_paper)
		put_ll(kv, "count_paper", 1);
	if (r->count_seminar)
		put_ll(kv, "count_seminar", 1);
	put_ll(kv, "cap_meeting", r->cap_meeting);
	put_ll(kv, "cap_paper", r->cap_paper);
	put_ll(kv, "cap_seminar", r->cap_seminar);
}

static int
ticked(const struct ctx *c, const char *k)
{
	const char	*v = kv_str(&c->form, k);

	return v != NULL && strcmp(v, "1") == 0;
}

static long long
num(const struct ctx *c, const char *k)
{
	const char	*v = kv_str(&c->form, k);

	return v != NULL ? atoll(v) : 0;
}

/* The posted rules, then what the fields alone cannot tell. */
static int
rules_check(struct ctx *c, void *arg, struct form_result *res)
{
	struct renewal_rules	*r = &((struct rules_page *)arg)->in;
	const char		*key;
	int			 field;

	r->needed = num(c, "needed");
	r->count_meeting = ticked(c, "count_meeting");
	r->count_paper = ticked(c, "count_paper");
	r->count_seminar = ticked(c, "count_seminar");
	r->cap_meeting = num(c, "cap_meeting");
	r->cap_paper = num(c, "cap_paper");
	r->cap_seminar = num(c, "cap_seminar");
	if ((key = renewal_rules_check(r, &field)) != NULL)
		form_error_add(res, rule_fields[field].name, key);
	return 0;
}

/* Saved with the audit line (before → after) in one transaction. */
static enum result
rules_save(struct ctx *c, void *arg, const char **err)
{
	struct rules_page	*p = arg;
	const struct renewal_rules *o = &p->cur, *n = &p->in;
	char			 now[CLOCK_SQL_LEN], detail[200];
	int			 ok = 0;

	(void)err;
	clock_now_sql(now, sizeof(now));
	snprintf(detail, sizeof(detail), "needed %lld→%lld; count %d%d%d→"
	    "%d%d%d; cap %lld/%lld/%lld→%lld/%lld/%lld", o->needed, n->needed,
	    o->count_meeting, o->count_paper, o->count_seminar,
	    n->count_meeting, n->count_paper, n->count_seminar,
	    o->cap_meeting, o->cap_paper, o->cap_seminar, n->cap_meeting,
	    n->cap_paper, n->cap_seminar);
	if (db_begin(c->app->db) < 0)
		return RES_UNAVAIL;
	if (dbq_renewal_rules_put(c->app->db, c->tenant->slug, n, c->sess.uid,
	    now) == 0 && audit_log(c->app->db, c->tenant->slug, c->sess.uid,
	    "renewal.rules", "renewal_rules", c->remote, detail) >= 0)
		ok = 1;
	if (db_end(c->app->db, ok) < 0 || !ok)
		return RES_UNAVAIL;
	return redirect_to(c, RULES_PATH "?done=saved");
}

/* <renewal-rules source="conf|office" updated-at? updated-by?/>, form */
static enum result
rules_show(struct ctx *c, void *arg, const struct kvlist *vals,
    const struct form_result *res, const char *err)
{
	struct rules_page	*p = arg;
	const struct renewal_rules *r = &p->cur;
	xmlNodePtr		 n;
	const char		*done = kv_str(&c->query, "done");

	(void)err;
	if (model_new(c, "renewal-rules") == -1)
		return RES_INTERNAL;
	if (res == NULL && done != NULL && strcmp(done, "saved") == 0)
		model_flash(c, "renewal.rules.saved", "success");
	n = model_node(c->content, "renewal-rules");
	model_attr(n, "source", p->updated_at[0] != '\0' ? "office" : "conf");
	if (p->updated_at[0] != '\0') {
		model_attr(n, "updated-at", p->updated_at);
		model_attr(n, "updated-by", p->updated_by);
	}
	model_attrf(n, "needed", "%lld", r->needed);
	model_attrf(n, "counts", "%d%d%d", r->count_meeting, r->count_paper,
	    r->count_seminar);
	return model_form(c, "renewal-rules", RULES_PATH, rule_fields, NRULE,
	    vals, res, "renewal.btn.save") != NULL ? RES_OK : RES_INTERNAL;
}

static const struct form_page rules_form = {
	.fields = rule_fields, .nfields = NRULE, .load = rules_load,
	.values = rules_values, .check = rules_check, .save = rules_save,
	.show = rules_show,
};

static enum result
rules_get(struct ctx *c)
{
	struct rules_page	 p;

	return form_page_get(c, &rules_form, &p);
}

static enum result
rules_post(struct ctx *c)
{
	struct rules_page	 p;

	return form_page_post(c, &rules_form, &p);
}

const struct page renewal_rules_pages[] = {
	{ .name = "renewal-rules", .methods = M_GET | M_POST,
	    .path = RULES_PATH, .flags = PAGE_TENANT | PAGE_AUTH,
	    .get = rules_get, .post = rules_post,
	    .menu = "menu.renewal.rules", .feature = RENEWAL_FEATURE,
	    .roles = ROLE_TENANT_ADMIN, .fields = rule_fields,
	    .nfields = NRULE },
	{ .name = NULL },
};
