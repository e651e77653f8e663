/*
 * certify_offer.c — the kinds of the 専門医 menu (PAL-2, PAL-4; seed
 * 002): 専門医新規申請（一次申請） (kind "first") and 専門医移行申請
 * （一次申請） ("transition-first"), one page each: the applicant as the
 * member record has it (read-only, with the link to change it), the
 * 申請料支払い控え and the first to third choice of 筆記試験受験希望地
 * among the tenant's exam sites, blank allowed (exam-exempt); then who
 * may file 専門医更新申請 ("renewal", only a specialist, lapsed
 * included) and 専門医移行申請（二次申請） ("transition-second", only
 * after this year's 移行一次) — those two offerings are second.c's, on
 * 二次's sections and panel by table.  The menu's notes and reasons are the platform's
 * (apply_menu_note()); each reason is the seed's sentence.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apply.h"
#include "clock.h"
#include "ctx.h"
#include "db.h"
#include "feature.h"
#include "form.h"
#include "member_record.h"
#include "refcache.h"
#include "session.h"
#include "tenant.h"
#include "upload.h"
#include "certify.h"
#include "certify_int.h"

/* ---- the member's facts, from the session ----------------------------- */

int
certify_year(void)
{
	char	 now[CLOCK_SQL_LEN];

	clock_now_sql(now, sizeof(now));
	return atoi(now);
}

int
certify_session_facts(const struct ctx *c, struct certify_facts *f)
{
	const char	*v = apply_session_extra(c, CERTIFY_FEATURE);

	memset(f, 0, sizeof(*f));
	if (v == NULL)
		return 0;
	return sscanf(v, "%d:%d:%d", &f->approved, &f->exempt,
	    &f->specialist) == 3;
}

/*
 * The state of the member's application of `kind` in `year`'s window,
 * from the session's summary (APPLY_SESSION_APPS) and the worker's copy
 * of the offerings: no statement.  NULL: none (or unknown).
 */
const char *
certify_app_state(struct ctx *c, const char *kind, int year)
{
	static char		 state[16];
	const struct dbres	*r;
	const char		*v, *p;
	long long		 oid;
	size_t			 i, n;

	if ((v = session_feature(c, CERTIFY_FEATURE)) == NULL ||
	    (r = refcache_get(c, "apply.offerings",
	    dbq_offerings)) == NULL)
		return NULL;
	for (p = v; *p != '|' && *p != '\0'; p += n + (p[n] == ',')) {
		n = strcspn(p, ",|");
		if (sscanf(p, "%lld:%15[a-z]", &oid, state) != 2)
			continue;
		for (i = 0; i < r->nrows; i++)
			if (atoll(dbres_get(r, i, OFFERING_COL_ID)) == oid &&
			    strcmp(dbres_get(r, i, OFFERING_COL_KIND),
			    kind) == 0 && atoi(dbres_get(r, i,
			    OFFERING_COL_YEAR)) == year)
				return state;
	}
	return NULL;
}

/* ---- 一次申請 ------------------------------------------------------------ */

static const struct field first_fields[] = {
	{ "receipt", F_FILE, 1, 0, "certify.f.receipt", NULL },
	{ "site1", F_TEXT, 0, 16, "certify.f.site1", NULL },
	{ "site2", F_TEXT, 0, 16, "certify.f.site2", NULL },
	{ "site3", F_TEXT, 0, 16, "certify.f.site3", NULL },
};
static const char *const site_fields[CERTIFY_SITE_CHOICES] = {
	"site1", "site2", "site3"
};

static const struct dbres *
sites(struct ctx *c)
{
	return refcache_get(c, "certify.sites", dbq_certify_sites);
}

/* The site of a code among the tenant's open ones, or -1. */
static int
site_find(const struct dbres *r, const char *code)
{
	size_t	 i;

	for (i = 0; r != NULL && i < r->nrows; i++)
		if (strcmp(dbres_get(r, i, SITE_COL_CODE), code) == 0 &&
		    strcmp(dbres_get(r, i, SITE_COL_ACTIVE), "1") == 0)
			return (int)i;
	return -1;
}

/*
 * The receipt still there: the × of the preview deletes the upload, the
 * stored value keeps its id until the form is saved again.
 */
static int
receipt_check(struct ctx *c, const struct apply_app *a,
    const struct kvlist *vals, struct form_result *res)
{
	struct upload_owner	 own;
	struct upload_info	 info;
	const char		*v = kv_str(vals, "receipt");
	int			 k;

	/* A page drawn shows the upload as it is (stored_file()): only a
	 * save or the submission needs to know. */
	if (c->method == NULL || strcmp(c->method, "POST") != 0 ||
	    v == NULL || *v == '\0' ||
	    !valid_number(v) || form_has_error(res, "receipt"))
		return 0;
	memset(&own, 0, sizeof(own));
	own.uid = a->uid[0] != '\0' ? a->uid : c->sess.uid;
	if ((k = upload_get(c, atoll(v), &own, &info)) < 0)
		return -1;
	if (k == 0)
		form_error_add(res, "receipt", "err.required-file");
	return 0;
}

/*
 * Each choice an open exam site, no site chosen twice; a label beside
 * each ("site1.label") for the pages that show the values.
 */
static int
first_check(struct ctx *c, const struct apply_app *a,
    const struct apply_rows *rs, int row, struct kvlist *vals,
    struct form_result *res)
{
	const struct dbres	*r;
	const char		*v, *w;
	char			 lk[16];
	int			 i, j, k;

	(void)rs; (void)row;
	if ((r = sites(c)) == NULL || receipt_check(c, a, vals, res) == -1)
		return -1;
	for (i = 0; i < CERTIFY_SITE_CHOICES; i++) {
		v = kv_str(vals, site_fields[i]);
		if (v == NULL || *v == '\0' ||
		    form_has_error(res, site_fields[i]))
			continue;
		if ((k = site_find(r, v)) < 0) {
			form_error_add(res, site_fields[i],
			    "certify.err.site");
			continue;
		}
		for (j = 0; j < i; j++)
			if ((w = kv_str(vals, site_fields[j])) != NULL &&
			    strcmp(w, v) == 0)
				form_error_add(res, site_fields[i],
				    "certify.err.site-twice");
		snprintf(lk, sizeof(lk), "%s.label", site_fields[i]);
		w = dbres_get(r, (size_t)k, SITE_COL_NAME);
		kv_add(vals, lk, strlen(lk), w, strlen(w));
	}
	return 0;
}

/* The applicant, as the member record has it (PAL-4: read-only). */
static int
applicant_model(struct ctx *c, xmlNodePtr parent)
{
	struct dbres	*m;
	xmlNodePtr	 n;
	int		 rc = -1;

	if ((m = dbq_member_record_get(c->app->db, c->tenant->slug,
	    c->sess.uid)) == NULL)
		return -1;
	n = model_node(parent, "applicant");
	model_attr(n, "href", "/member");
	if (m->nrows == 1) {
		model_attr(n, "kana", dbres_get(m, 0, MREC_NAME_KANA));
		model_attr(n, "name", dbres_get(m, 0, MREC_NAME_KANJI));
		model_attr(n, "member-no", dbres_get(m, 0, MREC_MEMBER_NO));
		model_attr(n, "email", dbres_get(m, 0, MREC_EMAIL));
	} else
		model_attr(n, "name", c->sess.name);
	rc = 0;
	dbres_free(m);
	return rc;
}

/* The three selects of exam sites ("---": none), and the applicant. */
static int
first_options(struct ctx *c, const struct apply_app *a, xmlNodePtr form)
{
	const struct dbres	*r;
	xmlNodePtr		 f, o;
	size_t			 i, k;

	(void)a;
	if ((r = sites(c)) == NULL)
		return -1;
	for (i = 0; i < CERTIFY_SITE_CHOICES; i++) {
		if ((f = form_field(form, site_fields[i])) == NULL)
			continue;
		model_attr(f, "type", "select");
		o = model_text(f, "option", "---");
		model_attr(o, "value", "");
		for (k = 0; k < r->nrows; k++) {
			if (strcmp(dbres_get(r, k, SITE_COL_ACTIVE), "1") != 0)
				continue;
			o = model_text(f, "option",
			    dbres_get(r, k, SITE_COL_NAME));
			model_attr(o, "value", dbres_get(r, k, SITE_COL_CODE));
		}
	}
	return applicant_model(c, form->parent);
}

static const struct apply_section first_sections[] = {
	{ .name = "first", .title = "certify.section.first",
	    .fields = first_fields,
	    .nfields = sizeof(first_fields) / sizeof(first_fields[0]),
	    .max_rows = 0, .check = first_check, .options = first_options },
	{ .name = NULL },
};

static int
scope_office(struct db *d, const struct tenant *t, const struct apply_app *a,
    char *out, size_t len)
{
	(void)d; (void)t; (void)a;
	snprintf(out, len, "*");
	return 0;
}

/* The society's office (the tenant admin) reviews every kind. */
static const struct apply_stage office_stages[] = {
	{ .name = "office", .title = "certify.stage.office",
	    .role = "tenant_admin", .scope = scope_office,
	    .who = "certify.who.office", .who_ja = "学会事務局" },
	{ .name = NULL },
};

const struct apply_offering certify_first = {
	.feature = CERTIFY_FEATURE,
	.kind = "first",
	.title = "certify.kind.first",
	.name_ja = "専門医新規申請（一次申請）",
	.name_en = "Specialist certification: first stage",
	.number_prefix = "P1",
	.sections = first_sections,
	.stages = office_stages,
	.mail_submitted = "certify_first_submitted",
};

const struct apply_offering certify_transition_first = {
	.feature = CERTIFY_FEATURE,
	.kind = "transition-first",
	.title = "certify.kind.transition-first",
	.name_ja = "専門医移行申請（一次申請）",
	.name_en = "Specialist transition: first stage",
	.number_prefix = "PT1",
	.sections = first_sections,
	.stages = office_stages,
	.mail_submitted = "certify_first_submitted",
};

/* ---- 更新, 移行（二次）: who may (the offerings are second.c's) ---------- */

/* 更新: a specialist only, lapsed ones included (「失効者含む」). */
const char *
certify_specialist_only(struct ctx *c, const struct apply_offering *off)
{
	struct certify_facts	 f;

	(void)off;
	if (certify_session_facts(c, &f) == 1 && f.specialist)
		return NULL;
	return "certify.why.not-specialist";
}

/*
 * A second stage: only inside its window and after this year's first
 * stage was filed — the seed gives both one sentence.
 */
static const char *
after_first(struct ctx *c, const struct apply_offering *off,
    const char *first)
{
	struct apply_app	 a;
	const char		*st;
	char			 now[CLOCK_SQL_LEN];

	clock_now_sql(now, sizeof(now));
	if (apply_app_mine(c, off, &a) < 0)
		return "apply.why.error";
	if (apply_window_state(&a.win, now) != AW_OPEN)
		return "certify.why.after-first";
	st = certify_app_state(c, first, a.win.year);
	if (st == NULL || strcmp(st, "draft") == 0 ||
	    strcmp(st, "returned") == 0)
		return "certify.why.after-first";
	return NULL;
}

/* 移行（二次）: the same rule on this year's 移行一次. */
const char *
certify_after_transition_first(struct ctx *c, const struct apply_offering *off)
{
	return after_first(c, off, "transition-first");
}

/* Exposed for the 新規二次 (second*.c): the same rule on "first". */
const char *
certify_after_first(struct ctx *c, const struct apply_offering *off)
{
	return after_first(c, off, "first");
}
