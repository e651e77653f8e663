/*
 * training.c — 研修実績 and 研修修了申請 (BRD-11): a resident of an
 * accepted program records where and when they trained, one rotation a
 * row; the completion application goes to the program's director
 * (統括責任者), then the domain's society, then the board.
 *
 * Rules of a rotation, checked on the server at every save (what was
 * typed is kept either way, CORE-12):
 *   - the facility is the program's base facility or one of its partners;
 *   - start and end are year-months, start not after end;
 *   - it lies within the program's years: April of the accepted
 *     recruitment year to March after `years` years;
 *   - it overlaps no other rotation of the resident.
 * Submission needs rotations that cover the program's length; what is
 * missing is said in months.  Rotations may be recorded outside the
 * completion window (APPLY_DRAFT_ANYTIME); submission only inside it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apply.h"
#include "buf.h"
#include "cert.h"
#include "csv.h"
#include "ctx.h"
#include "db.h"
#include "feature.h"
#include "form.h"
#include "session.h"
#include "tenant.h"
#include "training.h"

/* ---- periods (pure) ---------------------------------------------------- */

/* "YYYY-MM" as months; -1 when it is not one. */
int
training_ym(const char *s)
{
	int	 y, m;

	if (s == NULL || !valid_ym(s) || sscanf(s, "%4d-%2d", &y, &m) != 2)
		return -1;
	return y * 12 + (m - 1);
}

/* The program's months: April of `year` to March after `years`. */
void
training_span(int year, int years, int *from, int *to)
{
	*from = year * 12 + 3;
	*to = (year + years) * 12 + 2;
}

/* Index of a period p[k] overlaps (other than k), or -1. */
int
training_overlap(const struct tperiod *p, size_t n, size_t k)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (i != k && p[i].start <= p[k].end && p[k].start <= p[i].end)
			return (int)i;
	return -1;
}

int
training_within(const struct tperiod *p, int from, int to)
{
	return p->start >= from && p->end <= to && p->start <= p->end;
}

/* Months of from..to that no period covers. */
int
training_missing(const struct tperiod *p, size_t n, int from, int to)
{
	size_t	 i;
	int	 m, missing = 0, hit;

	for (m = from; m <= to; m++) {
		for (i = 0, hit = 0; i < n && !hit; i++)
			hit = p[i].start <= m && m <= p[i].end;
		missing += !hit;
	}
	return missing;
}

/* ---- the section 研修実績 ------------------------------------------------ */

static const char *const employment[] = { "full", "part", NULL };

static const struct field rotation_fields[] = {
	{ "facility", F_DIGITS, 1, 12, "training.field.facility", NULL },
	{ "start", F_TEXT, 1, 7, "training.field.start", NULL },
	{ "end", F_TEXT, 1, 7, "training.field.end", NULL },
	{ "employment", F_RADIO, 1, 0, "training.field.employment",
	    employment },
	{ "note", F_TEXTAREA, 0, 500, "training.field.note", NULL },
};

/*
 * What one request asked already: a page checks every row several
 * times (its state, its errors, the shortfalls), each check needing the
 * program and its facilities.  A worker serves one request at a time;
 * the request is its context and its start.
 */
static struct {
	const struct ctx	*c;
	struct timespec		 start;
	char			 uid[65];
	long long		 ref;
	int			 k;
	struct tprogram		 pg;
	int			 nfac;		/* -2: not asked yet */
	struct tfacility	 fac[TRAINING_FACILITIES_MAX];
} memo;

static int
memo_hit(struct ctx *c, const char *uid, long long ref)
{
	return memo.c == c && memo.start.tv_sec == c->start.tv_sec &&
	    memo.start.tv_nsec == c->start.tv_nsec && memo.ref == ref &&
	    strcmp(memo.uid, uid) == 0;
}

/* The application's program: the resident's accepted one, else its ref. */
static int
app_program(struct ctx *c, const struct apply_app *a, struct tprogram *p)
{
	const char	*uid = a->uid[0] != '\0' ? a->uid : c->sess.uid;
	int		 k, nfac = -2;

	if (memo_hit(c, uid, a->ref)) {
		*p = memo.pg;
		return memo.k;
	}
	/* The program with its facilities: every page here draws both. */
	memo.nfac = -2;		/* memo.fac is written over */
	if ((k = dbq_training_program_with(c->app->db, c->tenant->slug, uid,
	    p, memo.fac, TRAINING_FACILITIES_MAX, &nfac)) == 0 &&
	    a->ref > 0) {
		k = dbq_training_program_get(c->app->db, c->tenant->slug,
		    a->ref, p);
		nfac = -2;
	}
	if (k >= 0) {
		memo.c = c;
		memo.start = c->start;
		snprintf(memo.uid, sizeof(memo.uid), "%s", uid);
		memo.ref = a->ref;
		memo.k = k;
		memo.pg = *p;
		memo.nfac = k == 1 ? nfac : -2;
	}
	return k;
}

/* The program's facilities (after app_program()).  Count, or -1. */
static int
program_facilities(struct ctx *c, const struct tprogram *pg,
    const struct tfacility **out)
{
	if (memo.c != c || memo.pg.id != pg->id || memo.nfac == -2)
		memo.nfac = dbq_training_facilities(c->app->db,
		    c->tenant->slug, pg->id, memo.fac,
		    TRAINING_FACILITIES_MAX);
	*out = memo.fac;
	return memo.nfac;
}

/* The rows as periods; rows whose dates do not parse are left out. */
static size_t
periods(const struct apply_rows *rs, int skip, struct tperiod *p)
{
	size_t	 i, n = 0;

	for (i = 0; i < rs->n && n < TRAINING_ROWS_MAX; i++) {
		if (rs->row[i].id == skip)
			continue;
		p[n].id = rs->row[i].id;
		p[n].start = training_ym(kv_str(&rs->row[i].vals, "start"));
		p[n].end = training_ym(kv_str(&rs->row[i].vals, "end"));
		if (p[n].start >= 0 && p[n].end >= p[n].start)
			n++;
	}
	return n;
}

/* The facility among the program's; its label added to vals. */
static int
check_facility(struct ctx *c, const struct tprogram *pg,
    struct kvlist *vals, struct form_result *res)
{
	const struct tfacility	*fs;
	const char		*v = kv_str(vals, "facility");
	int			 n, i;

	if (v == NULL || *v == '\0' || form_has_error(res, "facility"))
		return 0;
	if ((n = program_facilities(c, pg, &fs)) < 0)
		return -1;
	for (i = 0; i < n; i++)
		if (atoll(v) == fs[i].id) {
			kv_add(vals, "facility.label", 14, fs[i].name,
			    strlen(fs[i].name));
			return 0;
		}
	form_error_add(res, "facility", "training.err.facility");
	return 0;
}

/*
 * One rotation beyond its fields: the facility, the order of its
 * months, the program's years, and no overlap with the other rows.
 */
static int
rotation_check(struct ctx *c, const struct apply_app *a,
    const struct apply_rows *rs, int row, struct kvlist *vals,
    struct form_result *res)
{
	struct tprogram	 pg;
	struct tperiod	 p[TRAINING_ROWS_MAX + 1];
	size_t		 n;
	int		 from, to, k;

	if ((k = app_program(c, a, &pg)) <= 0) {
		if (k == 0)
			form_error_add(res, "facility",
			    "training.why.no-program");
		return k;
	}
	if (check_facility(c, &pg, vals, res) == -1)
		return -1;
	if (form_has_error(res, "start") || form_has_error(res, "end"))
		return 0;
	n = periods(rs, row, p);
	p[n].id = row;
	p[n].start = training_ym(kv_str(vals, "start"));
	p[n].end = training_ym(kv_str(vals, "end"));
	if (p[n].start < 0)
		form_error_add(res, "start", "training.err.ym");
	if (p[n].end < 0)
		form_error_add(res, "end", "training.err.ym");
	if (p[n].start < 0 || p[n].end < 0)
		return 0;
	training_span(pg.year, pg.years, &from, &to);
	if (p[n].start > p[n].end)
		form_error_add(res, "end", "training.err.order");
	else if (!training_within(&p[n], from, to))
		form_error_add(res, "start", "training.err.outside");
	else if (training_overlap(p, n + 1, n) >= 0)
		form_error_add(res, "start", "training.err.overlap");
	return 0;
}

/* The facility select: the program's base and partner facilities. */
static int
rotation_options(struct ctx *c, const struct apply_app *a, xmlNodePtr form)
{
	const struct tfacility	*fs;
	struct tprogram		 pg;
	xmlNodePtr		 f, o;
	int			 n, i;

	if ((f = form_field(form, "facility")) == NULL ||
	    app_program(c, a, &pg) <= 0)
		return 0;
	if ((n = program_facilities(c, &pg, &fs)) < 0)
		return -1;
	model_attr(f, "type", "select");
	for (i = 0; i < n; i++) {
		o = model_text(f, "option", fs[i].name);
		model_attrf(o, "value", "%lld", fs[i].id);
	}
	return 0;
}

static const struct apply_section sections[] = {
	{ .name = "rotations", .title = "training.section.rotations",
	    .fields = rotation_fields,
	    .nfields = sizeof(rotation_fields) / sizeof(rotation_fields[0]),
	    .max_rows = TRAINING_ROWS_MAX, .check = rotation_check,
	    .options = rotation_options },
	{ .name = NULL },
};

/* ---- the offering ------------------------------------------------------ */

/* Only a resident of an accepted program may record and apply. */
static const char *
eligible(struct ctx *c, const struct apply_offering *off)
{
	static const struct apply_app	 none;	/* the member's, no ref */
	struct tprogram			 pg;
	const char			*v;
	int				 k;

	(void)off;
	/* With the session (TRAINING_SESSION_SQL): the accepted program. */
	if ((v = apply_session_extra(c, TRAINING_FEATURE)) != NULL)
		return *v != '\0' ? NULL : "training.why.no-program";
	/* The same read as the shortfalls': once per request (memo). */
	k = app_program(c, &none, &pg);
	return k > 0 ? NULL : k == 0 ? "training.why.no-program" :
	    "apply.why.error";
}

/* The rotations must cover the program's length. */
static int
shortfalls(struct ctx *c, const struct apply_app *a,
    const struct apply_data *data, struct apply_shortfalls *sf)
{
	struct tprogram	 pg;
	struct tperiod	 p[TRAINING_ROWS_MAX];
	size_t		 n;
	int		 from, to, miss, k;
	char		 arg[16];

	if ((k = app_program(c, a, &pg)) <= 0) {
		if (k == 0)
			apply_shortfall_add(sf, "training.why.no-program",
			    NULL);
		return k;
	}
	n = periods(&data->sec[0], -1, p);
	training_span(pg.year, pg.years, &from, &to);
	if ((miss = training_missing(p, n, from, to)) > 0) {
		snprintf(arg, sizeof(arg), "%d", miss);
		apply_shortfall_add(sf, "training.short.months", arg);
	}
	return 0;
}

/* ref: the program the application is about. */
static int
on_create(struct db *d, const struct tenant *t, struct apply_app *a)
{
	struct tprogram	 pg;
	int		 k;

	if ((k = dbq_training_program(d, t->slug, a->uid, &pg)) > 0)
		a->ref = pg.id;
	return k;
}

/* The 認定料 fee: created by the review chain from fees[] (the year's). */
static int
on_approved(struct db *d, const struct tenant *t, const struct apply_app *a)
{
	(void)d; (void)t; (void)a;
	return 0;
}

/*
 * 認定証 once the 認定料 is confirmed, in that transaction: a verifiable
 * certificate (issue 9 item 7, cert.h), valid five years.  Only for an
 * approved application (a fee confirmed on anything else certifies
 * nothing), and once: cert_issue_app() gives an application's
 * certificate back rather than a second.
 */
#define CERT_YEARS	5

static int
on_paid(struct db *d, const struct tenant *t, const struct apply_app *a)
{
	if (strcmp(a->state, "approved") != 0)
		return 0;
	return cert_issue_app(d, t, a->uid, "cert.kind.board", CERT_YEARS,
	    a->id) > 0 ? 0 : -1;
}

static int
scope_director(struct db *d, const struct tenant *t,
    const struct apply_app *a, char *out, size_t len)
{
	struct tprogram	 pg;
	int		 k;

	if ((k = dbq_training_program_get(d, t->slug, a->ref, &pg)) <= 0)
		return -1;
	snprintf(out, len, "uid:%s", pg.director_uid);
	return 0;
}

static int
scope_society(struct db *d, const struct tenant *t,
    const struct apply_app *a, char *out, size_t len)
{
	struct tprogram	 pg;

	if (dbq_training_program_get(d, t->slug, a->ref, &pg) <= 0)
		return -1;
	snprintf(out, len, "domain:%s", pg.domain);
	return 0;
}

static int
scope_board(struct db *d, const struct tenant *t, const struct apply_app *a,
    char *out, size_t len)
{
	(void)d; (void)t; (void)a;
	snprintf(out, len, "*");
	return 0;
}

/*
 * The admins' CSV (review_export.c, CORE-20): after the platform's
 * columns, the number of training periods and their facilities, read
 * from the submitted snapshot's rotations section.
 */
static int
export_row(struct ctx *c, const struct apply_offering *off, xmlNodePtr app,
    struct buf *b)
{
	struct buf	 fac = { NULL, 0, 0 };
	xmlNodePtr	 sec, row, v;
	xmlChar		*p;
	int		 n = 0, err = 0;

	(void)off;
	if (app == NULL)
		return csv_cell(b, ctx_en(c) ? "Training periods" :
		    "研修期間数") | csv_cell(b, ctx_en(c) ? "Facilities" :
		    "研修施設");
	for (sec = app->children; sec != NULL; sec = sec->next) {
		if (sec->type != XML_ELEMENT_NODE ||
		    xmlStrcmp(sec->name, (const xmlChar *)"section") != 0)
			continue;
		for (row = sec->children; row != NULL; row = row->next) {
			if (row->type != XML_ELEMENT_NODE ||
			    xmlStrcmp(row->name, (const xmlChar *)"row") != 0)
				continue;
			n++;
			for (v = row->children; v != NULL; v = v->next) {
				if (v->type != XML_ELEMENT_NODE ||
				    (p = xmlGetProp(v, (const xmlChar *)
				    "name")) == NULL)
					continue;
				if (strcmp((const char *)p, "facility") == 0) {
					xmlFree(p);
					p = xmlGetProp(v,
					    (const xmlChar *)"label");
					if (p != NULL)
						err |= buf_printf(&fac, "%s%s",
						    fac.len ? " / " : "",
						    (const char *)p);
				}
				xmlFree(p);
			}
		}
	}
	err |= csv_cellf(b, "%d", n) | csv_cell(b, fac.data);
	buf_free(&fac);
	return err ? -1 : 0;
}

static const struct apply_stage stages[] = {
	{ .name = "director", .title = "training.stage.director",
	    .role = "program_director", .scope = scope_director,
	    .who = "training.who.director", .who_ja = "統括責任者" },
	{ .name = "society", .title = "training.stage.society",
	    .role = TRAINING_SOCIETY, .scope = scope_society,
	    .who = "training.who.society", .who_ja = "領域学会" },
	{ .name = "board", .title = "training.stage.board",
	    .role = "tenant_admin", .scope = scope_board,
	    .who = "training.who.board", .who_ja = "機構" },
	{ .name = NULL },
};

/* 認定料: 33,000 yen unless the year's is set (/admin/offerings). */
static const struct apply_fee fees[] = {
	{ APPLY_FEE_APPROVAL, "training.fee", 33000, NULL },
	{ NULL, NULL, 0, NULL },
};

const struct apply_offering training_completion = {
	.feature = TRAINING_FEATURE,
	.kind = TRAINING_KIND,
	.title = "training.completion",
	.name_ja = "研修修了申請",
	.name_en = "Training completion",
	.number_prefix = "TC",
	.sections = sections,
	.stages = stages,
	.eligible = eligible,
	.shortfalls = shortfalls,
	.on_create = on_create,
	.on_approved = on_approved,
	.on_paid = on_paid,
	.flags = APPLY_DRAFT_ANYTIME | APPLY_PAY_FIRST,
	.mail_submitted = "training_submitted",
	.fee_key = "training.fee",
	.fees = fees,
	.print_xsl = NULL,		/* the PDF service's generic one */
	.export_row = export_row,
};

/* The menu's entry: 研修修了申請 with its window or why not (CORE-18). */
const struct page training_pages[] = {
	{ .name = "training-completion", .methods = M_GET,
	    .path = "/application/" TRAINING_KIND,
	    .flags = PAGE_TENANT | PAGE_AUTH, .get = apply_page_get,
	    .menu = "menu.training.completion", .feature = TRAINING_FEATURE,
	    .roles = ROLE_MEMBER, .note = apply_menu_note },
	{ .name = NULL },
};
