/*
 * cme.c — 認定（修了）申請 (CME-3..CME-7, seed 004 2-1..2-4): the
 * offering "kakari", 「かかりつけ医機能報告制度にかかる研修」, on the
 * platform's applications.  Three sections:
 *
 *   申請先    講座種別, prefecture and association (the member's own by
 *             default; a non-member chooses and uploads a licence image)
 *   座学研修  the fiscal year the lecture credits are counted from (no
 *             limit on age); the total found is shown beside it
 *   実地研修  category I items (several, 5 単位 each) or one category II
 *             item (5 単位), each with its certificate; I and II never
 *             together (cme_rules.c)
 *
 * Submission needs the 10-credit rule (cme_eligibility()); the platform
 * refuses 【申請する】 while any shortfall stands.  The one review stage
 * is the chosen association's reviewers (role association_reviewer,
 * scope "assoc:<code>"); category II sends it to the prefecture's.
 * Approval issues the 修了証 (cert_issue_app(), verifiable, no end).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apply.h"
#include "cert.h"
#include "buf.h"
#include "clock.h"
#include "cme.h"
#include "credit.h"
#include "csv.h"
#include "ctx.h"
#include "db.h"
#include "feature.h"
#include "form.h"
#include "jp.h"
#include "refcache.h"
#include "render.h"
#include "session.h"
#include "tenant.h"

/* ---- reference rows ------------------------------------------------------ */

const struct dbres *
cme_assocs(struct ctx *c)
{
	return refcache_get(c, "cme.assoc", dbq_cme_assocs);
}

/* The row of code, or -1. */
int
cme_assoc_find(const struct dbres *r, const char *code)
{
	size_t	 i;

	for (i = 0; r != NULL && code != NULL && i < r->nrows; i++)
		if (strcmp(dbres_get(r, i, CA_CODE), code) == 0)
			return (int)i;
	return -1;
}

/*
 * What one request asked already (a page checks every row several
 * times): the applicant's association and the lecture credits from a
 * fiscal year.  A worker serves one request at a time.
 */
static struct {
	const struct ctx	*c;
	struct timespec		 start;
	char			 uid[65];
	int			 member;	/* -1: not asked */
	char			 assoc[6];
	int			 fy;
	int			 lecture;	/* tenths; -1 not asked */
} memo;

static void
memo_for(struct ctx *c, const char *uid)
{
	if (memo.c == c && memo.start.tv_sec == c->start.tv_sec &&
	    memo.start.tv_nsec == c->start.tv_nsec &&
	    strcmp(memo.uid, uid) == 0)
		return;
	memo.c = c;
	memo.start = c->start;
	snprintf(memo.uid, sizeof(memo.uid), "%s", uid);
	memo.member = -1;
	memo.lecture = -1;
}

static const char *
app_uid(struct ctx *c, const struct apply_app *a)
{
	return a->uid[0] != '\0' ? a->uid : c->sess.uid;
}

/*
 * The applicant's association ("" for a non-member): from the session
 * for the member's own pages (CME_SESSION_SQL), else read.  NULL error.
 */
static const char *
applicant_assoc(struct ctx *c, const char *uid)
{
	const char	*v;

	memo_for(c, uid);
	if (memo.member != -1)
		return memo.assoc;
	if (c->sess.valid && strcmp(c->sess.uid, uid) == 0 &&
	    (v = apply_session_extra(c, CME_FEATURE)) != NULL)
		snprintf(memo.assoc, sizeof(memo.assoc), "%s", v);
	else if (dbq_cme_member(c->app->db, c->tenant->slug, uid,
	    memo.assoc, sizeof(memo.assoc)) < 0)
		return NULL;
	memo.member = memo.assoc[0] != '\0';
	return memo.assoc;
}

/* The signed-in member's association, "" none (the menu, the pages). */
const char *
cme_member_assoc(struct ctx *c)
{
	return applicant_assoc(c, c->sess.uid);
}

/* Lecture credits in tenths from fiscal year fy to today.  -1 error. */
static int
lecture_units(struct ctx *c, const char *uid, int fy)
{
	char		 from[11], to[11];
	double		 u;
	long long	 ev;

	memo_for(c, uid);
	if (memo.lecture >= 0 && memo.fy == fy)
		return memo.lecture;
	snprintf(from, sizeof(from), "%04d-04-01", fy);
	clock_today(to, sizeof(to));
	if (credit_sum_own(c, uid, NULL, from, to, &u, &ev) == -1)
		return -1;
	memo.fy = fy;
	memo.lecture = (int)(u * 10 + 0.5);
	return memo.lecture;
}

/* ---- 申請先 ------------------------------------------------------------- */

static const char *const courses[] = { "kakari", NULL };

static const struct field dest_fields[] = {
	{ "course", F_RADIO, 1, 0, "cme.field.course", courses },
	{ "pref", F_DIGITS, 1, 2, "cme.field.pref", NULL },
	{ "assoc", F_DIGITS, 1, 5, "cme.field.assoc", NULL },
	{ "licence", F_FILE, 0, 0, "cme.field.licence", NULL },
};

static void
add_label(struct kvlist *vals, const char *name, const char *label)
{
	char	 k[48];

	snprintf(k, sizeof(k), "%s.label", name);
	kv_add(vals, k, strlen(k), label, strlen(label));
}

/* The association within the prefecture; a non-member's licence. */
static int
dest_check(struct ctx *c, const struct apply_app *a,
    const struct apply_rows *rs, int row, struct kvlist *vals,
    struct form_result *res)
{
	const struct dbres	*r;
	const char		*pref = kv_str(vals, "pref");
	const char		*assoc = kv_str(vals, "assoc"), *mine;
	const char		*lic = kv_str(vals, "licence");
	int			 i, k;

	(void)rs; (void)row;
	if ((r = cme_assocs(c)) == NULL ||
	    (mine = applicant_assoc(c, app_uid(c, a))) == NULL)
		return -1;
	if (!form_has_error(res, "pref") && pref != NULL && *pref != '\0') {
		for (i = 0; jp_prefs[i].code != NULL; i++)
			if (strcmp(jp_prefs[i].code, pref) == 0)
				break;
		if (jp_prefs[i].code == NULL)
			form_error_add(res, "pref", "err.choice");
		else
			add_label(vals, "pref", ctx_en(c) ? jp_prefs[i].en :
			    jp_prefs[i].ja);
	}
	if (!form_has_error(res, "assoc") && assoc != NULL &&
	    *assoc != '\0') {
		if ((k = cme_assoc_find(r, assoc)) == -1)
			form_error_add(res, "assoc", "err.choice");
		else if (strcmp(assoc, CME_NATIONAL) != 0 && pref != NULL &&
		    strcmp(dbres_get(r, (size_t)k, CA_PREF), pref) != 0)
			form_error_add(res, "assoc", "cme.err.assoc-pref");
		else
			add_label(vals, "assoc", dbres_get(r, (size_t)k,
			    ctx_en(c) ? CA_NAME_EN : CA_NAME_JA));
	}
	if (*mine == '\0' && (lic == NULL || *lic == '\0'))
		form_error_add(res, "licence", "cme.err.licence");
	return 0;
}

/* Add <value> to a field that has none (the member's own default). */
static void
default_value(xmlNodePtr form, const char *name, const char *v)
{
	xmlNodePtr	 f, n;

	if ((f = form_field(form, name)) == NULL || *v == '\0')
		return;
	for (n = f->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    xmlStrEqual(n->name, (const xmlChar *)"value"))
			return;
	model_text(f, "value", v);
}

/* The selects: 47 prefectures, every association under its prefecture. */
static int
dest_options(struct ctx *c, const struct apply_app *a, xmlNodePtr form)
{
	const struct dbres	*r;
	const char		*mine;
	xmlNodePtr		 f, o;
	char			 pref[3];
	size_t			 i;

	if ((r = cme_assocs(c)) == NULL ||
	    (mine = applicant_assoc(c, app_uid(c, a))) == NULL)
		return -1;
	if ((f = form_field(form, "pref")) != NULL) {
		model_attr(f, "type", "select");
		for (i = 0; jp_prefs[i].code != NULL; i++) {
			o = model_text(f, "option", ctx_en(c) ?
			    jp_prefs[i].en : jp_prefs[i].ja);
			model_attr(o, "value", jp_prefs[i].code);
		}
	}
	if ((f = form_field(form, "assoc")) != NULL) {
		model_attr(f, "type", "select");
		for (i = 0; i < r->nrows; i++) {
			o = model_text(f, "option", dbres_get(r, i,
			    ctx_en(c) ? CA_NAME_EN : CA_NAME_JA));
			model_attr(o, "value", dbres_get(r, i, CA_CODE));
			model_attr(o, "group", dbres_get(r, i, CA_PREF));
		}
	}
	snprintf(pref, sizeof(pref), "%.2s", mine);
	default_value(form, "course", "kakari");
	default_value(form, "pref", pref);
	default_value(form, "assoc", mine);
	model_attr(form, "member", *mine != '\0' ? "1" : "0");
	return 0;
}

/* ---- 座学研修 ----------------------------------------------------------- */

static const struct field lecture_fields[] = {
	{ "from_fy", F_DIGITS, 1, 4, "cme.field.from-fy", NULL },
};

/* The fiscal year is one of the list; the total found beside it. */
static int
lecture_check(struct ctx *c, const struct apply_app *a,
    const struct apply_rows *rs, int row, struct kvlist *vals,
    struct form_result *res)
{
	const char	*v = kv_str(vals, "from_fy");
	char		 txt[32], n[16];
	int		 fy, u;

	(void)rs; (void)row;
	if (v == NULL || *v == '\0' || form_has_error(res, "from_fy"))
		return 0;
	fy = atoi(v);
	if (fy < CME_FY_FIRST || fy > cme_fy_at(clock_now())) {
		form_error_add(res, "from_fy", "err.choice");
		return 0;
	}
	if ((u = lecture_units(c, app_uid(c, a), fy)) == -1)
		return -1;
	cme_tenths_text(u, n, sizeof(n));
	snprintf(txt, sizeof(txt), ctx_en(c) ? "%s units" : "%s 単位", n);
	add_label(vals, "from_fy", txt);
	if (u == 0)
		form_error_add(res, "from_fy", "cme.err.no-lecture");
	return 0;
}

static int
lecture_options(struct ctx *c, const struct apply_app *a, xmlNodePtr form)
{
	xmlNodePtr	 f, o;
	char		 y[16], txt[32];
	int		 fy, now = cme_fy_at(clock_now());

	(void)a;
	if ((f = form_field(form, "from_fy")) == NULL)
		return 0;
	model_attr(f, "type", "select");
	for (fy = now; fy >= CME_FY_FIRST; fy--) {
		snprintf(y, sizeof(y), "%d", fy);
		snprintf(txt, sizeof(txt), ctx_en(c) ? "FY %d" : "%d年度",
		    fy);
		o = model_text(f, "option", txt);
		model_attr(o, "value", y);
	}
	snprintf(y, sizeof(y), "%d", now - 1);
	default_value(form, "from_fy", y);
	model_attr(form, "self-href", "/cme/self");
	return 0;
}

/* ---- 実地研修 ----------------------------------------------------------- */

static const char *const categories[] = { "1", "2", NULL };
/* Category I: activities the associations recognize; II: others. */
static const char *const items[] = {
	"i01", "i02", "i03", "i04", "i05", "i06", "i07", "i08", "i09",
	"i10", "i11", "i12", "i13", "i14", "i15", "i16", "i17", "i18",
	"ii1", "ii2", NULL
};

static const struct field practical_fields[] = {
	{ "category", F_RADIO, 1, 0, "cme.field.category", categories },
	{ "item", F_SELECT, 1, 0, "cme.field.item", items },
	{ "detail", F_TEXTAREA, 0, 500, "cme.field.detail", NULL },
	{ "certificate", F_FILE, 1, 0, "cme.field.certificate", NULL },
};

/* The rows' categories as one character each; row `row` set to cat. */
static size_t
row_cats(const struct apply_rows *rs, int row, const char *cat, char *out,
    size_t *k)
{
	const char	*v;
	size_t		 i, n = 0;

	*k = (size_t)-1;
	for (i = 0; i < rs->n && n < CME_PRACTICAL_MAX; i++) {
		if (rs->row[i].id == row)
			continue;
		v = kv_str(&rs->row[i].vals, "category");
		out[n++] = v != NULL ? v[0] : '\0';
	}
	if (cat != NULL) {
		*k = n;
		out[n++] = cat[0];
	}
	return n;
}

/* The item within its category; I and II never together. */
static int
practical_check(struct ctx *c, const struct apply_app *a,
    const struct apply_rows *rs, int row, struct kvlist *vals,
    struct form_result *res)
{
	const char	*cat = kv_str(vals, "category");
	const char	*item = kv_str(vals, "item"), *why;
	char		 cats[CME_PRACTICAL_MAX + 1];
	size_t		 n, k, i;

	(void)c; (void)a;
	if (form_has_error(res, "category") || cat == NULL)
		return 0;
	if (!form_has_error(res, "item") && item != NULL &&
	    (strncmp(item, "ii", 2) == 0) != (cat[0] == '2'))
		form_error_add(res, "item", "cme.err.item-category");
	n = row_cats(rs, row, cat, cats, &k);
	if ((why = cme_practical_mix(cats, n, k)) != NULL)
		form_error_add(res, "category", why);
	/* The same category I item twice counts once: refuse it. */
	for (i = 0; item != NULL && cat[0] == '1' && i < rs->n; i++)
		if (rs->row[i].id != row && kv_str(&rs->row[i].vals,
		    "item") != NULL && strcmp(kv_str(&rs->row[i].vals,
		    "item"), item) == 0) {
			form_error_add(res, "item", "cme.err.item-twice");
			break;
		}
	return 0;
}

static const struct apply_section sections[] = {
	{ .name = "dest", .title = "cme.section.dest",
	    .fields = dest_fields,
	    .nfields = sizeof(dest_fields) / sizeof(dest_fields[0]),
	    .check = dest_check, .options = dest_options },
	{ .name = "lecture", .title = "cme.section.lecture",
	    .fields = lecture_fields,
	    .nfields = sizeof(lecture_fields) / sizeof(lecture_fields[0]),
	    .check = lecture_check, .options = lecture_options },
	{ .name = "practical", .title = "cme.section.practical",
	    .fields = practical_fields,
	    .nfields = sizeof(practical_fields) /
	    sizeof(practical_fields[0]),
	    .max_rows = CME_PRACTICAL_MAX, .check = practical_check },
	{ .name = NULL },
};

#define SEC_DEST	0
#define SEC_LECTURE	1
#define SEC_PRACTICAL	2

/* ---- the offering -------------------------------------------------------- */

/* Valid rows of 実地研修 by category (a row refused counts for none). */
static int
practical_counts(struct ctx *c, const struct apply_app *a,
    const struct apply_rows *rs, size_t *n_i, size_t *n_ii)
{
	struct form_result	 res;
	const char		*cat;
	size_t			 i;

	*n_i = *n_ii = 0;
	for (i = 0; i < rs->n; i++) {
		if (apply_row_check(c, a, &sections[SEC_PRACTICAL], rs,
		    rs->row[i].id, &rs->row[i].vals, &res) == -1)
			return -1;
		cat = kv_str(&rs->row[i].vals, "category");
		if (res.nerr > 0 || cat == NULL)
			continue;
		if (cat[0] == '1')
			(*n_i)++;
		else
			(*n_ii)++;
	}
	return 0;
}

/* CME-6: the reasons the 10-credit rule is not met. */
static int
shortfalls(struct ctx *c, const struct apply_app *a,
    const struct apply_data *data, struct apply_shortfalls *sf)
{
	const struct apply_rows	*lr = &data->sec[SEC_LECTURE];
	const char		*v;
	size_t			 n_i, n_ii;
	int			 lecture = 0;

	v = lr->n > 0 ? kv_str(&lr->row[0].vals, "from_fy") : NULL;
	if (v != NULL && atoi(v) >= CME_FY_FIRST &&
	    (lecture = lecture_units(c, app_uid(c, a), atoi(v))) == -1)
		return -1;
	if (practical_counts(c, a, &data->sec[SEC_PRACTICAL], &n_i,
	    &n_ii) == -1)
		return -1;
	cme_eligibility(lecture, n_i, n_ii, sf);
	return 0;
}

/*
 * The stage's scope: "assoc:<code>" of the association chosen, or of
 * its prefecture's when a category II row is there (cme_dest()).
 */
static int
scope_assoc(struct db *d, const struct tenant *t, const struct apply_app *a,
    char *out, size_t len)
{
	struct apply_rows	 dest = { NULL, 0 }, pr = { NULL, 0 };
	const char		*v;
	char			 code[6];
	size_t			 i;
	int			 has_ii = 0, rc = -1;

	(void)t;
	if (dbq_values_load(d, a->id, "dest", &dest) == -1 ||
	    dbq_values_load(d, a->id, "practical", &pr) == -1)
		goto out;
	for (i = 0; i < pr.n; i++)
		if ((v = kv_str(&pr.row[i].vals, "category")) != NULL &&
		    strcmp(v, "2") == 0)
			has_ii = 1;
	cme_dest(dest.n > 0 ? kv_str(&dest.row[0].vals, "assoc") : NULL,
	    has_ii, code, sizeof(code));
	if (code[0] == '\0')
		goto out;
	snprintf(out, len, "assoc:%s", code);
	rc = 0;
out:
	apply_rows_free(&dest);
	apply_rows_free(&pr);
	return rc;
}

/* 修了証 on approval, in the review's transaction (one per application). */
static int
on_approved(struct db *d, const struct tenant *t, const struct apply_app *a)
{
	return cert_issue_app(d, t, a->uid, "cme.cert.kind", 0, a->id) > 0 ?
	    0 : -1;
}

/* ---- the tenant admin's CSV (/admin/review/export.csv) ----------------- */

/* The n-th <name> child element of parent with @name = value, or NULL. */
static xmlNodePtr
child_named(xmlNodePtr parent, const char *elem, const char *name)
{
	xmlNodePtr	 n;
	xmlChar		*v;
	int		 hit;

	for (n = parent != NULL ? parent->children : NULL; n != NULL;
	    n = n->next) {
		if (n->type != XML_ELEMENT_NODE ||
		    !xmlStrEqual(n->name, (const xmlChar *)elem))
			continue;
		v = xmlGetProp(n, (const xmlChar *)"name");
		hit = v != NULL && strcmp((const char *)v, name) == 0;
		xmlFree(v);
		if (hit)
			return n;
	}
	return NULL;
}

/* A value of a row as shown: its label (an association's name), else
 * the value itself.  Into out. */
static void
shown(xmlNodePtr row, const char *name, char *out, size_t len)
{
	xmlNodePtr	 v = child_named(row, "value", name);
	xmlChar		*s = NULL;

	if (v != NULL && (s = xmlGetProp(v, (const xmlChar *)"label")) == NULL)
		s = xmlNodeGetContent(v);
	snprintf(out, len, "%s", s != NULL ? (const char *)s : "");
	xmlFree(s);
}

static xmlNodePtr
first_row(xmlNodePtr app, const char *section)
{
	xmlNodePtr	 n;

	for (n = child_named(app, "section", section);
	    n != NULL && (n = n->children) != NULL; n = NULL)
		for (; n != NULL; n = n->next)
			if (n->type == XML_ELEMENT_NODE &&
			    xmlStrEqual(n->name, (const xmlChar *)"row"))
				return n;
	return NULL;
}

/*
 * The offering's columns from the submitted snapshot: 申請先 (prefecture,
 * association code and name), 座学研修 (from which fiscal year, units
 * found), 実地研修 (category, items, units).
 */
static int
export_row(struct ctx *c, const struct apply_offering *off, xmlNodePtr app,
    struct buf *b)
{
	static const char *const ja[] = { "申請先都道府県", "申請先医師会コード",
	    "申請先医師会", "審査医師会コード", "審査医師会",
	    "座学研修 検索開始年度", "座学研修 単位", "実地研修 区分",
	    "実地研修 項目", "実地研修 項目数", "実地研修 単位",
	    "座学・実地 合計単位" };
	static const char *const en[] = { "Prefecture", "Association code",
	    "Association", "Reviewing association code",
	    "Reviewing association", "Lecture from FY", "Lecture units",
	    "Practical category", "Practical items", "Practical item count",
	    "Practical units", "Total units" };
	const struct dbres *list;
	xmlNodePtr	 dest, lec, r;
	xmlChar		*code = NULL;
	char		 v[512], cat[8] = "", n[16], chosen[6] = "", rev[6], *sp;
	char		 key[64];
	struct buf	 itl = { NULL, 0, 0 };
	size_t		 i, nitems = 0;
	int		 err = 0, k, lecture;

	(void)off;
	if (app == NULL) {
		for (i = 0; i < sizeof(ja) / sizeof(ja[0]); i++)
			err |= csv_cell(b, ctx_en(c) ? en[i] : ja[i]);
		return err ? -1 : 0;
	}
	dest = first_row(app, "dest");
	lec = first_row(app, "lecture");
	shown(dest, "pref", v, sizeof(v));
	err |= csv_cell(b, v);
	if ((r = child_named(dest, "value", "assoc")) != NULL)
		code = xmlNodeGetContent(r);
	snprintf(chosen, sizeof(chosen), "%s", code != NULL ?
	    (const char *)code : "");
	xmlFree(code);
	err |= csv_cell(b, chosen);
	shown(dest, "assoc", v, sizeof(v));
	err |= csv_cell(b, v);
	for (r = first_row(app, "practical"); r != NULL; r = r->next) {
		if (r->type != XML_ELEMENT_NODE ||
		    !xmlStrEqual(r->name, (const xmlChar *)"row"))
			continue;
		nitems++;
		shown(r, "category", v, sizeof(v));
		snprintf(cat, sizeof(cat), "%s", strcmp(v, "2") == 0 ? "II" :
		    "I");
		/* The item's words, as the physician chose them. */
		shown(r, "item", v, sizeof(v));
		snprintf(key, sizeof(key), "cme.field.item.%.32s", v);
		err |= buf_printf(&itl, "%s%s", itl.len ? "; " : "",
		    render_message(c->app->render, c->lang, key)) == -1;
	}
	/* Where it is reviewed: category II moves it to the prefecture's. */
	cme_dest(chosen, strcmp(cat, "II") == 0, rev, sizeof(rev));
	err |= csv_cell(b, rev);
	list = cme_assocs(c);
	k = cme_assoc_find(list, rev);
	err |= csv_cell(b, k == -1 ? "" : dbres_get(list, (size_t)k,
	    ctx_en(c) ? CA_NAME_EN : CA_NAME_JA));
	r = child_named(lec, "value", "from_fy");
	code = r != NULL ? xmlNodeGetContent(r) : NULL;
	err |= csv_cell(b, code != NULL ? (const char *)code : "");
	xmlFree(code);
	shown(lec, "from_fy", v, sizeof(v));
	err |= csv_cell(b, v);
	if ((sp = strchr(v, ' ')) != NULL)	/* "12.5 単位" */
		*sp = '\0';
	lecture = cme_tenths(v);
	err |= csv_cell(b, cat);
	err |= csv_cell(b, itl.data != NULL ? itl.data : "");
	buf_free(&itl);
	snprintf(n, sizeof(n), "%zu", nitems);
	err |= csv_cell(b, n);
	cme_tenths_text((int)nitems * CME_PRACTICAL_UNITS, n, sizeof(n));
	err |= csv_cell(b, n);
	cme_tenths_text((lecture > 0 ? lecture : 0) + (int)nitems *
	    CME_PRACTICAL_UNITS, n, sizeof(n));
	err |= csv_cell(b, n);
	return err ? -1 : 0;
}

static const struct apply_stage stages[] = {
	{ .name = "association", .title = "cme.stage.association",
	    .role = CME_ROLE, .scope = scope_assoc,
	    .who = "cme.who.association", .who_ja = "申請先医師会" },
	{ .name = NULL },
};

const struct apply_offering cme_offering = {
	.feature = CME_FEATURE,
	.kind = CME_KIND,
	.title = "cme.offering",
	.name_ja = "認定（修了）申請（かかりつけ医機能報告制度にかかる研修）",
	.name_en = "Completion (primary care function training)",
	.number_prefix = "KK",
	.sections = sections,
	.stages = stages,
	.shortfalls = shortfalls,
	.on_approved = on_approved,
	.flags = APPLY_DRAFT_ANYTIME,
	.export_row = export_row,
};
