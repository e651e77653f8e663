/*
 * renewal_offering.c — 専門医資格【更新】認定申請 and its 更新4回目以降
 * variant (ONC-2..ONC-13): the six documents a member types, as the
 * platform's sections (the seventh, 当会セミナー, is read from the credit
 * service and never typed: renewal_pages.c), their rules, the
 * completion shortfalls in seed 003's words, and the hooks (審査料 when
 * the application is made, the next certificate when 認定料 is paid).
 *
 *   履歴書       one form: education, the basic society's certification,
 *               「個人情報の公開を希望しません」 (not when the contact is home)
 *   プロフィール   one text, at most 1,040 characters (renewal_chars())
 *   研究活動歴     rows, at most 20: period (year-month) and content
 *   学会参加       rows, at most 30 (may be empty)
 *   論文          rows, at most 30 (may be empty)
 *   業績目録       one form: three grids of 15 organ areas, special tests,
 *               second opinion, up to five clinical trials
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apply.h"
#include "cert.h"
#include "clock.h"
#include "csv.h"
#include "ctx.h"
#include "db.h"
#include "feature.h"
#include "form.h"
#include "owncache.h"
#include "review.h"
#include "session.h"
#include "tenant.h"
#include "renewal.h"

/* ---- 履歴書 ------------------------------------------------------------ */

static const char *const societies[] = {
	"naika", "geka", "sanfujinka", "hinyokika", "jibika", "hifuka",
	"seikeigeka", "hoshasen", "byori", "shonika", "ganka", "other", NULL
};
static const char *const base_kinds[] = { "nintei", "senmon", NULL };

static const struct field resume_fields[] = {
	{ "school", F_TEXT, 1, 100, "renewal.f.school", NULL },
	{ "grad_ym", F_TEXT, 1, 7, "renewal.f.grad-ym", NULL },
	{ "base_society", F_SELECT, 1, 0, "renewal.f.base-society",
	    societies },
	{ "base_kind", F_SELECT, 1, 0, "renewal.f.base-kind", base_kinds },
	{ "base_number", F_TEXT, 1, 32, "renewal.f.base-number", NULL },
	{ "private", F_CHECKBOX, 0, 0, "renewal.f.private", NULL },
};

/*
 * The graduation year-month, and 「個人情報の公開を希望しません」 only for a
 * member whose contact address is not the home (seed 003): read only
 * when the box is ticked.
 */
static int
resume_check(struct ctx *c, const struct apply_app *a,
    const struct apply_rows *rs, int row, struct kvlist *vals,
    struct form_result *res)
{
	const char	*v = kv_str(vals, "private");
	int		 k;

	(void)rs; (void)row;
	if (!form_has_error(res, "grad_ym") && !valid_ym(kv_str(vals,
	    "grad_ym")))
		form_error_add(res, "grad_ym", "renewal.err.ym");
	if (v == NULL || strcmp(v, "1") != 0)
		return 0;
	if ((k = dbq_renewal_contact_home(c->app->db, c->tenant->slug,
	    a->uid[0] != '\0' ? a->uid : c->sess.uid)) < 0)
		return -1;
	if (k > 0)
		form_error_add(res, "private", "renewal.err.private-home");
	return 0;
}

/* ---- プロフィール ------------------------------------------------------- */

/* The field's own limit is bytes' worth; the rule is renewal_chars(). */
static const struct field profile_fields[] = {
	{ "text", F_TEXTAREA, 1, 4 * RENEWAL_PROFILE_MAX, "renewal.f.profile",
	    NULL },
};

static int
profile_check(struct ctx *c, const struct apply_app *a,
    const struct apply_rows *rs, int row, struct kvlist *vals,
    struct form_result *res)
{
	(void)c; (void)a; (void)rs; (void)row;
	if (!form_has_error(res, "text") &&
	    renewal_chars(kv_str(vals, "text")) > RENEWAL_PROFILE_MAX)
		form_error_add(res, "text", "renewal.err.profile-long");
	return 0;
}

/* ---- 研究活動歴 --------------------------------------------------------- */

static const struct field activity_fields[] = {
	{ "from", F_TEXT, 1, 7, "renewal.f.from", NULL },
	{ "to", F_TEXT, 1, 7, "renewal.f.to", NULL },
	{ "content", F_TEXTAREA, 1, 400, "renewal.f.content", NULL },
};

static int
activity_check(struct ctx *c, const struct apply_app *a,
    const struct apply_rows *rs, int row, struct kvlist *vals,
    struct form_result *res)
{
	const char	*f = kv_str(vals, "from"), *t = kv_str(vals, "to");

	(void)c; (void)a; (void)rs; (void)row;
	if (!form_has_error(res, "from") && !valid_ym(f))
		form_error_add(res, "from", "renewal.err.ym");
	else if (!form_has_error(res, "to") && !valid_ym(t))
		form_error_add(res, "to", "renewal.err.ym");
	else if (f != NULL && t != NULL && valid_ym(f) && valid_ym(t) &&
	    strcmp(f, t) > 0)
		form_error_add(res, "to", "renewal.err.order");
	return 0;
}

/* ---- 学会参加 and 論文 -------------------------------------------------- */

static const char *const yesno[] = { "yes", "no", NULL };

static const struct field meeting_fields[] = {
	{ "first", F_SELECT, 0, 0, "renewal.f.first", yesno },
	{ "venue", F_TEXT, 1, 100, "renewal.f.venue", NULL },
	{ "held_on", F_DATE, 1, 0, "renewal.f.held-on", NULL },
	{ "units", F_DIGITS, 1, 3, "renewal.f.units", NULL },
};

static const char *const paper_cats[] = {
	"paper", "presentation", "attendance", NULL
};
/* 種別: 学会 is another society's meeting (seed 003). */
static const char *const paper_kinds[] = {
	"original", "review", "case", "meeting", "seminar", "other", NULL
};

static const struct field paper_fields[] = {
	{ "cat", F_SELECT, 1, 0, "renewal.f.cat", paper_cats },
	{ "kind", F_SELECT, 1, 0, "renewal.f.kind", paper_kinds },
	{ "on", F_DATE, 1, 0, "renewal.f.date", NULL },
	{ "units", F_DIGITS, 1, 3, "renewal.f.units", NULL },
	{ "content", F_TEXTAREA, 1, 400, "renewal.f.content", NULL },
};

/* ---- 業績目録 ----------------------------------------------------------- */

/*
 * Three grids (診察 s, 薬物療法 d, コンサルテーション k) of the 15 organ areas
 * of seed 003, each a checkbox and a patient count; then the rest.
 */
#define AREA(g, n) \
	{ #g #n, F_CHECKBOX, 0, 0, "renewal.area." #n, NULL }, \
	{ #g #n "n", F_DIGITS, 0, 5, "renewal.f.patients", NULL }
#define GRID(g) \
	AREA(g, 01), AREA(g, 02), AREA(g, 03), AREA(g, 04), AREA(g, 05), \
	AREA(g, 06), AREA(g, 07), AREA(g, 08), AREA(g, 09), AREA(g, 10), \
	AREA(g, 11), AREA(g, 12), AREA(g, 13), AREA(g, 14), AREA(g, 15)
#define TRIAL(n) \
	{ "trial" #n, F_TEXT, 0, RENEWAL_TRIAL_NAME_MAX, "renewal.f.trial", \
	    NULL }, \
	{ "cases" #n, F_DIGITS, 0, 5, "renewal.f.cases", NULL }

static const struct field record_fields[] = {
	GRID(s), GRID(d), GRID(k),
	{ "special", F_RADIO, 1, 0, "renewal.f.special", yesno },
	{ "special_detail", F_TEXTAREA, 0, 1000, "renewal.f.special-detail",
	    NULL },
	{ "second", F_RADIO, 1, 0, "renewal.f.second", yesno },
	TRIAL(1), TRIAL(2), TRIAL(3), TRIAL(4), TRIAL(5),
};

/* Details required on 「あり」; a trial's name and its cases go together. */
static int
record_check(struct ctx *c, const struct apply_app *a,
    const struct apply_rows *rs, int row, struct kvlist *vals,
    struct form_result *res)
{
	static const char *const trial[] = {
		"trial1", "trial2", "trial3", "trial4", "trial5" };
	static const char *const cases[] = {
		"cases1", "cases2", "cases3", "cases4", "cases5" };
	const char	*v = kv_str(vals, "special"), *t, *n;
	size_t		 i;

	(void)c; (void)a; (void)rs; (void)row;
	if (v != NULL && strcmp(v, "yes") == 0 &&
	    ((t = kv_str(vals, "special_detail")) == NULL || *t == '\0'))
		form_error_add(res, "special_detail",
		    "renewal.err.special-detail");
	for (i = 0; i < RENEWAL_TRIALS; i++) {
		t = kv_str(vals, trial[i]);
		n = kv_str(vals, cases[i]);
		if (t != NULL && *t != '\0' && (n == NULL || *n == '\0'))
			form_error_once(res, cases[i], "renewal.err.cases");
		else if (n != NULL && *n != '\0' && (t == NULL || *t == '\0'))
			form_error_once(res, trial[i], "renewal.err.trial");
	}
	return 0;
}

#define NF(a)	(sizeof(a) / sizeof((a)[0]))

/* In seed 003's order; 当会セミナー (between 学会参加 and 論文) is not typed. */
static const struct apply_section sections[] = {
	[RS_RESUME] = { .name = "resume", .title = "renewal.doc.resume",
	    .fields = resume_fields, .nfields = NF(resume_fields),
	    .check = resume_check },
	[RS_PROFILE] = { .name = "profile", .title = "renewal.doc.profile",
	    .fields = profile_fields, .nfields = NF(profile_fields),
	    .check = profile_check },
	[RS_ACTIVITY] = { .name = "activity",
	    .title = "renewal.doc.activity", .fields = activity_fields,
	    .nfields = NF(activity_fields),
	    .max_rows = RENEWAL_ACTIVITY_MAX, .check = activity_check },
	[RS_MEETING] = { .name = "meeting", .title = "renewal.doc.meeting",
	    .fields = meeting_fields, .nfields = NF(meeting_fields),
	    .max_rows = RENEWAL_MEETING_MAX, .optional = 1 },
	[RS_PAPER] = { .name = "paper", .title = "renewal.doc.paper",
	    .fields = paper_fields, .nfields = NF(paper_fields),
	    .max_rows = RENEWAL_PAPER_MAX, .optional = 1 },
	[RS_RECORD] = { .name = "record", .title = "renewal.doc.record",
	    .fields = record_fields, .nfields = NF(record_fields),
	    .check = record_check },
	{ .name = NULL },
};

/* ---- what counts (ONC-9, ONC-13) ------------------------------------- */

/* The renewal year: the window's, else this fiscal year. */
int
renewal_year(const struct apply_app *a)
{
	char	 today[16];

	if (a->win.id > 0)
		return a->win.year;
	clock_today(today, sizeof(today));
	return renewal_fy(today);
}

/*
 * A page asks these several times (the state of each document, the
 * shortfalls, the PDF): one reading of the seminars per request.
 */
static struct {
	unsigned long long	 seq;
	const struct ctx	*c;
	long long		 app;
	int			 year;
	struct renewal_facts	 f;
} memo;

static long long
rows_units(struct ctx *c, const struct apply_app *a,
    const struct apply_section *s, const struct apply_rows *rs, int *nvalid)
{
	struct form_result	 res;
	long long		 sum = 0, u;
	size_t			 i;

	*nvalid = 0;
	for (i = 0; i < rs->n; i++) {
		if (apply_row_check(c, a, s, rs, rs->row[i].id,
		    &rs->row[i].vals, &res) == -1 || res.nerr > 0)
			continue;
		(*nvalid)++;
		if ((u = renewal_units(kv_str(&rs->row[i].vals, "units"))) > 0)
			sum += u;
	}
	return sum;
}

/* A fresh memo: the five-year window of year, no seminar yet. */
static void
memo_window(int year)
{
	memset(&memo.f, 0, sizeof(memo.f));
	renewal_window(year, memo.f.from, memo.f.to);
}

/* The seminars read (memo.f.nsem of them): their sums, kept for c. */
static void
memo_keep(const struct ctx *c, const struct apply_app *a, int year)
{
	struct renewal_facts	*f = &memo.f;
	int			 i;

	for (i = 0; i < f->nsem; i++) {
		f->cr.seminar += f->sem[i].units;
		f->a |= strcmp(f->sem[i].series, "A") == 0;
		f->b |= strcmp(f->sem[i].series, "B") == 0;
	}
	memo.seq = c->seq;
	memo.c = c;
	memo.app = a->id;
	memo.year = year;
}

int
renewal_facts_pdf(struct ctx *c, const struct apply_app *a,
    struct dbres **member, struct renewal_cert *rc)
{
	struct renewal_facts	*f = &memo.f;
	int			 year = renewal_year(a);

	memo_window(year);
	memo.seq = 0;
	if ((f->nsem = dbq_renewal_pdf(c->app->db, c->tenant->slug,
	    a->uid[0] ? a->uid : c->sess.uid, f->from, f->to, f->sem,
	    RENEWAL_SEMINARS_MAX, member, rc)) < 0)
		return -1;
	memo_keep(c, a, year);
	return 0;
}

/*
 * The facts completion needs: credits claimed and counted, meetings,
 * seminars A and B in the five-year window, months of activity.  data
 * NULL: the seminars only.  0, -1.
 */
int
renewal_facts(struct ctx *c, const struct apply_app *a,
    const struct apply_data *data, const struct renewal_facts **out)
{
	struct renewal_facts	*f = &memo.f;
	const char		*from[RENEWAL_ACTIVITY_MAX];
	const char		*to[RENEWAL_ACTIVITY_MAX];
	const struct apply_rows	*act;
	const char		*uid = a->uid[0] ? a->uid : c->sess.uid;
	const struct dbres	*kept;
	struct dbres		*fresh = NULL;
	char			 key[32];
	int			 i, year = renewal_year(a), n;

	if (memo.seq != c->seq || memo.c != c || memo.app != a->id ||
	    memo.year != year) {
		memo_window(year);
		/* The member's own, kept between requests (owncache.h). */
		snprintf(key, sizeof(key), "%s/%s", f->from, f->to);
		if ((kept = owncache_get(c, uid, "renewal.seminars", key)) ==
		    NULL)
			kept = fresh = dbq_renewal_sem_read(c->app->db,
			    c->tenant->slug, uid, f->from, f->to);
		f->nsem = dbq_renewal_sem_parse(kept, f->sem,
		    RENEWAL_SEMINARS_MAX);
		if (fresh != NULL)
			owncache_put(c, uid, "renewal.seminars", key, fresh);
		if (f->nsem < 0)
			return -1;
		memo_keep(c, a, year);
	}
	if (renewal_rules_get(c, &f->rules) == -1)
		return -1;
	if (data != NULL) {
		f->cr.meeting = rows_units(c, a, &a->off->sections[RS_MEETING],
		    &data->sec[RS_MEETING], &f->meetings);
		f->cr.paper = rows_units(c, a, &a->off->sections[RS_PAPER],
		    &data->sec[RS_PAPER], &n);
		act = &data->sec[RS_ACTIVITY];
		for (i = 0; i < (int)act->n && i < RENEWAL_ACTIVITY_MAX; i++) {
			from[i] = kv_str(&act->row[i].vals, "from");
			to[i] = kv_str(&act->row[i].vals, "to");
		}
		f->months = renewal_months(from, to, (size_t)i);
	}
	renewal_total(&f->rules, &f->cr);
	*out = f;
	return 0;
}

/*
 * The completion requirements (ONC-13) in seed 003's words and order:
 * credits, then meetings or both seminars, then the documents not yet
 * registered (the platform's, worded by the tenant's catalogue), which
 * apply_shortfalls() listed first and are moved after ours here.
 */
static int
shortfalls(struct ctx *c, const struct apply_app *a,
    const struct apply_data *data, struct apply_shortfalls *sf)
{
	const struct renewal_facts	*f;
	struct apply_shortfall		 tmp[APPLY_SHORT_MAX];
	size_t				 before = sf->n, mine, i;
	char				 arg[24];

	if (renewal_facts(c, a, data, &f) == -1)
		return -1;
	if (f->cr.total < f->rules.needed) {
		snprintf(arg, sizeof(arg), "%lld", f->cr.total);
		apply_shortfall_add(sf, "renewal.short.credits", arg);
	}
	if (f->meetings == 0 && !(f->a && f->b))
		apply_shortfall_add(sf, "renewal.short.meeting", NULL);
	mine = sf->n - before;
	memcpy(tmp, sf->s, sf->n * sizeof(sf->s[0]));
	for (i = 0; i < mine; i++)
		sf->s[i] = tmp[before + i];
	for (i = 0; i < before; i++)
		sf->s[mine + i] = tmp[i];
	return 0;
}

/* ---- eligibility ------------------------------------------------------ */

/* "<certificates>,<latest expiry>" of RENEWAL_SESSION_SQL. */
int
renewal_parse_session(const char *v, struct renewal_cert *rc)
{
	const char	*comma;

	memset(rc, 0, sizeof(*rc));
	if (v == NULL || (comma = strchr(v, ',')) == NULL)
		return -1;
	rc->n = atoi(v);
	rc->renewals = rc->n > 0 ? rc->n - 1 : 0;
	snprintf(rc->expires_on, sizeof(rc->expires_on), "%.*s",
	    (int)strcspn(comma + 1, ","), comma + 1);
	rc->next_fy = rc->n > 0 ? renewal_fy(rc->expires_on) : 0;
	return 0;
}

/*
 * The way in of kind and year in the session's list ("…,kind:year:way;
 * …" after the expiry), copied to buf; NULL when there is none.
 */
const char *
renewal_way_of(const char *v, const char *kind, int year, char *buf,
    size_t len)
{
	const char	*p;
	char		 want[48];
	size_t		 n, w;

	if (v == NULL || (p = strchr(v, ',')) == NULL ||
	    (p = strchr(p + 1, ',')) == NULL)
		return NULL;
	w = (size_t)snprintf(want, sizeof(want), "%s:%d:", kind, year);
	/* Up to the exams' part (",year:result:…"). */
	for (p++; *p != '\0' && *p != ','; p += n + (p[n] == ';')) {
		n = strcspn(p, ";,");
		if (n > w && strncmp(p, want, w) == 0) {
			snprintf(buf, len, "%.*s", (int)(n - w), p + w);
			return buf;
		}
	}
	return NULL;
}

/* Why the signed-in member may not enter off this way, or NULL. */
const char *
renewal_why(struct ctx *c, const struct apply_offering *off,
    enum renewal_way way)
{
	struct renewal_cert	 rc;
	struct apply_app	 a;
	const char		*v;

	if ((v = apply_session_extra(c, RENEWAL_FEATURE)) == NULL ||
	    renewal_parse_session(v, &rc) == -1) {
		if (dbq_renewal_cert(c->app->db, c->tenant->slug, c->sess.uid,
		    &rc) < 0)
			return "apply.why.error";
	}
	if (apply_app_mine(c, off, &a) < 0)
		return "apply.why.error";
	return renewal_eligible(renewal_year(&a), rc.next_fy, rc.renewals,
	    strcmp(off->kind, RENEWAL_KIND4) == 0, way);
}

/* The documents are for those entering both ways (ONC-2). */
static const char *
eligible(struct ctx *c, const struct apply_offering *off)
{
	return renewal_why(c, off, RW_BOTH);
}

/* ---- hooks ------------------------------------------------------------ */

/* 審査料 (ONC-13, ONC-14): owed from the start, through the fee table. */
static int
on_create(struct db *d, const struct tenant *t, struct apply_app *a)
{
	long long	 amount;
	char		 now[CLOCK_SQL_LEN];
	int		 k;

	clock_now_sql(now, sizeof(now));
	/* The way in, if the member came straight here: both. */
	k = dbq_renewal_entry_put(d, t->slug, a->uid, a->off->kind,
	    a->win.year, "both", now);
	if (k < 0 && k != DB_DUP)
		return -1;
	/* The year's 審査料 (/admin/offerings), else tenant.conf's. */
	if ((amount = apply_fee_db(d, t, a->off, a->win.id,
	    RENEWAL_FEE_REVIEW)) <= 0)
		return amount < 0 ? -1 : 0;
	return review_fee_create(d, t, a, RENEWAL_FEE_REVIEW, amount) < 0 ?
	    -1 : 0;
}

/*
 * The next certificate once an approved renewal's 認定料 is paid, in that
 * transaction: from the day after the current one ends, five years;
 * once per application.
 */
static int
on_paid(struct db *d, const struct tenant *t, const struct apply_app *a)
{
	struct renewal_cert	 rc;
	char			 from[11], to[11], holder[201];
	char			 number[40], code[40];
	long long		 id;
	int			 y, m, dd;

	if (strcmp(a->state, "approved") != 0)
		return 0;
	if ((id = dbq_cert_of_app(d, t->slug, a->id)) != 0)
		return id > 0 ? 0 : -1;
	if (dbq_renewal_cert(d, t->slug, a->uid, &rc) < 0 ||
	    dbq_cert_holder(d, t->slug, a->uid, holder, sizeof(holder)) < 0)
		return -1;
	if (rc.expires_on[0] == '\0' || sscanf(rc.expires_on, "%4d-%2d-%2d",
	    &y, &m, &dd) != 3)
		clock_today(from, sizeof(from));
	else if (m == 3 && dd == 31)
		snprintf(from, sizeof(from), "%04d-04-01", y);
	else
		snprintf(from, sizeof(from), "%s", rc.expires_on);
	if (cert_expiry(from, 5, to, sizeof(to)) == -1)
		return -1;
	return cert_issue(d, t, a->uid, holder, RENEWAL_CERT_KIND, from, to,
	    a->id, number, sizeof(number), code, sizeof(code)) > 0 ? 0 : -1;
}

static int
scope_office(struct db *d, const struct tenant *t, const struct apply_app *a,
    char *out, size_t len)
{
	(void)d; (void)t; (void)a;
	snprintf(out, len, "*");
	return 0;
}

static const struct apply_stage stages[] = {
	{ .name = "office", .title = "renewal.stage.office",
	    .role = "tenant_admin", .scope = scope_office,
	    .who = "renewal.who.office", .who_ja = "学会事務局" },
	{ .name = NULL },
};

/* ---- the office's CSV (/admin/review/export.csv) --------------------- */

/* The <section name=…> of a snapshot's <application>, or NULL. */
static xmlNodePtr
snap_section(xmlNodePtr app, const char *name)
{
	xmlNodePtr	 n;
	xmlChar		*v;
	int		 hit;

	for (n = app->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE ||
		    xmlStrcmp(n->name, (const xmlChar *)"section") != 0)
			continue;
		v = xmlGetProp(n, (const xmlChar *)"name");
		hit = v != NULL && strcmp((const char *)v, name) == 0;
		xmlFree(v);
		if (hit)
			return n;
	}
	return NULL;
}

/*
 * Rows of a section and the sum of field over its valid rows; with
 * text, the first row's value of field copied there instead.
 */
static long long
snap_rows(xmlNodePtr sec, const char *field, long long *sum, char *text,
    size_t len)
{
	xmlNodePtr	 r, v;
	xmlChar		*a, *t;
	long long	 n = 0, u;

	*sum = 0;
	for (r = sec != NULL ? sec->children : NULL; r != NULL; r = r->next) {
		if (r->type != XML_ELEMENT_NODE ||
		    xmlStrcmp(r->name, (const xmlChar *)"row") != 0)
			continue;
		n++;
		a = xmlGetProp(r, (const xmlChar *)"valid");
		for (v = r->children; v != NULL; v = v->next) {
			t = xmlGetProp(v, (const xmlChar *)"name");
			if (t != NULL && strcmp((const char *)t, field) == 0) {
				xmlChar *x = xmlNodeGetContent(v);

				if (text != NULL && n == 1)
					snprintf(text, len, "%s",
					    x ? (const char *)x : "");
				if (a != NULL && strcmp((const char *)a,
				    "1") == 0 && (u = renewal_units(
				    (const char *)x)) > 0)
					*sum += u;
				xmlFree(x);
			}
			xmlFree(t);
		}
		xmlFree(a);
	}
	return n;
}

/*
 * The office's columns (ONC-14): what was claimed per document, from
 * the submitted snapshot (the seminars are the credit service's, not in
 * it): 学会参加 rows and units, 論文 rows and units, 研究活動歴 rows,
 * the basic society's number, プロフィール's characters.
 */
static int
export_row(struct ctx *c, const struct apply_offering *off, xmlNodePtr app,
    struct buf *b)
{
	static const char *const ja[] = { "学会参加 件数", "学会参加 単位",
	    "論文 件数", "論文 単位", "研究活動歴 件数", "基本学会 認定番号",
	    "プロフィール 文字数" };
	static const char *const en[] = { "Meetings", "Meeting credits",
	    "Papers", "Paper credits", "Activities", "Basic society number",
	    "Profile characters" };
	char		 cell[64], number[64] = "", *prof;
	long long	 n, sum;
	size_t		 i;
	int		 err = 0;

	(void)off;
	if (app == NULL) {
		for (i = 0; i < sizeof(ja) / sizeof(ja[0]); i++)
			err |= csv_cell(b, ctx_en(c) ? en[i] : ja[i]);
		return err;
	}
	n = snap_rows(snap_section(app, "meeting"), "units", &sum, NULL, 0);
	snprintf(cell, sizeof(cell), "%lld", n);
	err |= csv_cell(b, cell);
	snprintf(cell, sizeof(cell), "%lld", sum);
	err |= csv_cell(b, cell);
	n = snap_rows(snap_section(app, "paper"), "units", &sum, NULL, 0);
	snprintf(cell, sizeof(cell), "%lld", n);
	err |= csv_cell(b, cell);
	snprintf(cell, sizeof(cell), "%lld", sum);
	err |= csv_cell(b, cell);
	n = snap_rows(snap_section(app, "activity"), "from", &sum, NULL, 0);
	snprintf(cell, sizeof(cell), "%lld", n);
	err |= csv_cell(b, cell);
	(void)snap_rows(snap_section(app, "resume"), "base_number", &sum,
	    number, sizeof(number));
	err |= csv_cell(b, number);
	if ((prof = malloc(4 * RENEWAL_PROFILE_MAX + 16)) == NULL)
		return -1;
	prof[0] = '\0';
	(void)snap_rows(snap_section(app, "profile"), "text", &sum, prof,
	    4 * RENEWAL_PROFILE_MAX + 16);
	snprintf(cell, sizeof(cell), "%zu", renewal_chars(prof));
	free(prof);
	return err | csv_cell(b, cell);
}

/*
 * The fees of each year (ONC-1, ONC-14): 認定料 at approval, 審査料 on
 * create, 受験料 on the exam application; each year's amount is the
 * office's (/admin/offerings), else these defaults (tenant.conf's
 * renewal.fee_* for 審査料 and 受験料).
 */
static const struct apply_fee fees[] = {
	{ APPLY_FEE_APPROVAL, "renewal.fee.cert", 11000, NULL },
	{ RENEWAL_FEE_REVIEW, "renewal.fee.review", 0, "fee_review" },
	{ RENEWAL_FEE_EXAM, "renewal.exam.fee", 0, "fee_exam" },
	{ NULL, NULL, 0, NULL },
};
static const struct apply_fee fees4[] = {
	{ APPLY_FEE_APPROVAL, "renewal.fee.cert", 11000, NULL },
	{ RENEWAL_FEE_REVIEW, "renewal.fee.review", 0, "fee_review4" },
	{ RENEWAL_FEE_EXAM, "renewal.exam.fee", 0, "fee_exam" },
	{ NULL, NULL, 0, NULL },
};

const struct apply_offering renewal_offering = {
	.feature = RENEWAL_FEATURE,
	.kind = RENEWAL_KIND,
	.title = "renewal.offering",
	.name_ja = "専門医資格【更新】認定申請",
	.name_en = "Specialist renewal",
	.number_prefix = "ONC",
	.sections = sections,
	.stages = stages,
	.eligible = eligible,
	.shortfalls = shortfalls,
	.on_create = on_create,
	.on_paid = on_paid,
	.flags = APPLY_PAY_FIRST,
	.fee_key = "renewal.fee.cert",
	.fees = fees,
	.print_xsl = "pdf/renewal.xsl",
	.export_row = export_row,
};

const struct apply_offering renewal4_offering = {
	.feature = RENEWAL_FEATURE,
	.kind = RENEWAL_KIND4,
	.title = "renewal.offering4",
	.name_ja = "専門医資格【更新】認定申請（更新4回目以降）",
	.name_en = "Specialist renewal (4th and later)",
	.number_prefix = "ON4",
	.sections = sections,
	.stages = stages,
	.eligible = eligible,
	.shortfalls = shortfalls,
	.on_create = on_create,
	.on_paid = on_paid,
	.flags = APPLY_PAY_FIRST,
	.fee_key = "renewal.fee.cert",
	.fees = fees4,
	.print_xsl = "pdf/renewal.xsl",
	.export_row = export_row,
};
