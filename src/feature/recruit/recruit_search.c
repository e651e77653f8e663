/*
 * recruit_search.c — the public catalogue (BRD-1) and its search
 * (BRD-2): up to three domains and up to three prefectures, a keyword,
 * 20 results a page with their count; a program's detail page with its
 * booklet, base and partner facilities, instructors and rotations.
 *
 * The same models serve the applying flow (recruit.c), where the links
 * lead to /apply/programs/<id> and the detail page offers 応募する.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "db.h"
#include "form.h"
#include "jp.h"
#include "pdf.h"
#include "recruit.h"
#include "session.h"
#include "tenant.h"

static enum result	 page_programs(struct ctx *);
static enum result	 page_program(struct ctx *);

const struct page recruit_search_pages[] = {
	{ .name = "recruit-programs", .methods = M_GET, .path = "/programs",
	    .flags = PAGE_TENANT, .get = page_programs,
	    .menu = "recruit.menu.programs", .feature = RECRUIT_FEATURE },
	{ .name = "recruit-program", .methods = M_GET, .path = "/programs/",
	    .flags = PAGE_TENANT | PAGE_PREFIX, .get = page_program,
	    .feature = RECRUIT_FEATURE },
	{ .name = NULL },
};

/* Regions, to group the 47 prefectures of the search form. */
static const struct {
	const char	*key;
	const char	*first, *last;	/* prefecture codes, inclusive */
} regions[] = {
	{ "recruit.region.hokkaido-tohoku", "01", "07" },
	{ "recruit.region.kanto", "08", "14" },
	{ "recruit.region.chubu", "15", "23" },
	{ "recruit.region.kinki", "24", "30" },
	{ "recruit.region.chugoku", "31", "35" },
	{ "recruit.region.shikoku", "36", "39" },
	{ "recruit.region.kyushu-okinawa", "40", "47" },
};

static const char *
jp_name(const struct jp_item *tab, const char *code, const char *lang)
{
	const struct jp_item	*it = jp_find(tab, code);

	if (it == NULL)
		return code != NULL ? code : "";
	return strcmp(lang, "en") == 0 ? it->en : it->ja;
}

/*
 * "/programs/123" with prefix "/programs/": 123, *rest "" (or what
 * follows the number, e.g. "/applicants.csv").  -1 when no positive id
 * of at most 12 digits follows the prefix.
 */
long long
recruit_path_id(const char *path, const char *prefix, const char **rest)
{
	const char	*p;
	long long	 v = 0;
	size_t		 n = strlen(prefix), digits = 0;

	if (strncmp(path, prefix, n) != 0)
		return -1;
	for (p = path + n; *p >= '0' && *p <= '9'; p++) {
		if (++digits > 12 || (digits == 1 && *p == '0'))
			return -1;
		v = v * 10 + (*p - '0');
	}
	if (digits == 0)
		return -1;
	if (rest != NULL)
		*rest = p;
	else if (*p != '\0')
		return -1;
	return v;
}

/* <domains><d code name/>…</domains><prefs><region key><p …/>… */
void
jp_names_model(struct ctx *c, xmlNodePtr parent)
{
	xmlNodePtr	 n, reg, it;
	size_t		 i, k;

	n = model_node(parent, "domains");
	for (i = 0; jp_domains[i].code != NULL; i++) {
		it = model_node(n, "d");
		model_attr(it, "code", jp_domains[i].code);
		model_attr(it, "name", jp_name(jp_domains, jp_domains[i].code,
		    c->lang));
	}
	n = model_node(parent, "prefs");
	for (k = 0; k < sizeof(regions) / sizeof(regions[0]); k++) {
		reg = model_node(n, "region");
		model_attr(reg, "key", regions[k].key);
		for (i = 0; jp_prefs[i].code != NULL; i++) {
			if (strcmp(jp_prefs[i].code, regions[k].first) < 0 ||
			    strcmp(jp_prefs[i].code, regions[k].last) > 0)
				continue;
			it = model_node(reg, "p");
			model_attr(it, "code", jp_prefs[i].code);
			model_attr(it, "name", jp_name(jp_prefs,
			    jp_prefs[i].code, c->lang));
		}
	}
}

/*
 * The search of the query string: track (regular or research), domain
 * and pref (repeated, each at most RECRUIT_MAX_PICK), q (keyword), page.
 * Errors go to res (fields domain, pref, q); 0 valid, -1 not.
 */
static int
query_parse(struct ctx *c, struct program_query *q, struct form_result *res)
{
	const struct kvlist	*in = &c->query;
	const char		*v;
	size_t			 i, k;
	int			 dup;

	memset(q, 0, sizeof(*q));
	res->nerr = 0;
	q->track = "regular";
	q->page = 1;
	for (i = 0; i < in->n; i++) {
		const struct kv *e = &in->kv[i];
		int is_d = strcmp(e->key, "domain") == 0;
		if (!is_d && strcmp(e->key, "pref") != 0)
			continue;
		if (*e->val == '\0')
			continue;
		if (jp_find(is_d ? jp_domains : jp_prefs, e->val) == NULL) {
			form_error_add(res, e->key, "err.choice");
			continue;
		}
		dup = 0;
		for (k = 0; k < (is_d ? q->ndomain : q->npref); k++)
			dup |= strcmp(is_d ? q->domain[k] : q->pref[k],
			    e->val) == 0;
		if (dup)
			continue;
		if ((is_d ? q->ndomain : q->npref) == RECRUIT_MAX_PICK) {
			form_error_add(res, e->key, is_d ?
			    "recruit.err.domains-max" : "recruit.err.prefs-max");
			continue;
		}
		if (is_d)
			q->domain[q->ndomain++] = e->val;
		else
			q->pref[q->npref++] = e->val;
	}
	if ((v = kv_str(in, "track")) != NULL && strcmp(v, "research") == 0)
		q->track = "research";
	if ((v = kv_str(in, "q")) != NULL && *v != '\0') {
		if (!utf8_xml_valid(v, strlen(v)))
			form_error_add(res, "q", "err.char");
		else if (utf8_chars(v, strlen(v)) > RECRUIT_KW_CHARS)
			form_error_add(res, "q", "recruit.err.keyword-long");
		else
			recruit_normalize(v, q->kw, sizeof(q->kw));
	}
	if ((v = kv_str(in, "page")) != NULL && valid_number(v) &&
	    strlen(v) <= 4 && atoll(v) > 0)
		q->page = atoll(v);
	return res->nerr == 0 ? 0 : -1;
}

/* Percent-encode s for a query string. */
static void
qs_add(struct buf *b, const char *k, const char *v)
{
	const unsigned char	*p;

	buf_printf(b, "%s%s=", b->len ? "&" : "", k);
	for (p = (const unsigned char *)v; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' ||
		    *p == '.')
			buf_append(b, p, 1);
		else
			buf_printf(b, "%%%02X", *p);
	}
}

/*
 * The query string of a valid search q, as the result pages and the
 * way back to them carry it (percent-encoded by qs_add).
 */
static void
query_qs(struct ctx *c, const struct program_query *q, struct buf *qs)
{
	size_t	 i;

	qs_add(qs, "track", q->track);
	for (i = 0; i < q->ndomain; i++)
		qs_add(qs, "domain", q->domain[i]);
	for (i = 0; i < q->npref; i++)
		qs_add(qs, "pref", q->pref[i]);
	if (kv_str(&c->query, "q") != NULL && q->kw[0] != '\0')
		qs_add(qs, "q", kv_str(&c->query, "q"));
}

/*
 * The search form: what was asked, the lists to choose from, and the
 * action (the public catalogue or the applying flow).
 */
static void
search_form_model(struct ctx *c, xmlNodePtr parent, const char *action)
{
	const struct kvlist	*in = &c->query;
	const char		*v;
	xmlNodePtr		 f, n;
	size_t			 i;

	f = model_node(parent, "search-form");
	model_attr(f, "action", action);
	v = kv_str(in, "track");
	model_attr(f, "track", v != NULL && strcmp(v, "research") == 0 ?
	    "research" : "regular");
	if ((v = kv_str(in, "q")) != NULL && utf8_valid(v, strlen(v)))
		model_text(f, "q", v);
	for (i = 0; i < in->n; i++)
		if (strcmp(in->kv[i].key, "domain") == 0 ||
		    strcmp(in->kv[i].key, "pref") == 0) {
			n = model_node(f, "chosen");
			model_attr(n, "name", in->kv[i].key);
			model_attr(n, "value", in->kv[i].val);
		}
	jp_names_model(c, f);
}

/* One program of a result list or a summary. */
xmlNodePtr
program_summary_model(struct ctx *c, xmlNodePtr parent,
    const struct program_summary *s)
{
	xmlNodePtr	 p;

	p = model_node(parent, "program");
	model_attr(p, "id", s->id);
	model_attr(p, "code", s->code);
	model_attr(p, "domain", s->domain);
	model_attr(p, "domain-name", jp_name(jp_domains, s->domain, c->lang));
	model_attr(p, "pref", s->pref);
	model_attr(p, "pref-name", jp_name(jp_prefs, s->pref, c->lang));
	model_attr(p, "capacity", s->capacity);
	model_attr(p, "instructors", s->instructors);
	model_attr(p, "track", s->track);
	model_attr(p, "years", s->years);
	model_text(p, "name", s->name);
	model_text(p, "base", s->base);
	return p;
}

/*
 * The search form and, when the query is valid, one page of results
 * under parent; errors go to /page/errors.  0, or -1 on a database
 * error.
 */
static int
search_model(struct ctx *c, xmlNodePtr parent, const char *action,
    const char *link)
{
	struct program_query	 q;
	struct program_summary	 ps;
	struct form_result	 res;
	struct buf		 qs = { NULL, 0, 0 };
	struct dbres		*r;
	xmlNodePtr		 list, errs;
	long long		 total, pages;
	size_t			 i;
	int			 plan;

	search_form_model(c, parent, action);
	if (query_parse(c, &q, &res) == -1) {
		errs = model_node(xmlDocGetRootElement(c->model), "errors");
		for (i = 0; i < res.nerr; i++) {
			xmlNodePtr e = model_node(errs, "error");
			model_attr(e, "field", res.err[i].field);
			model_attr(e, "key", res.err[i].key);
			if (strcmp(res.err[i].key, "recruit.err.keyword-long")
			    == 0)
				model_attrf(e, "arg", "%d", RECRUIT_KW_CHARS);
		}
		return 0;
	}
	if ((r = dbq_program_search(c->app->db, c->tenant->slug, &q, &total,
	    &plan)) == NULL)
		return -1;
	list = model_node(parent, "results");
	model_attrf(list, "total", "%lld", total > RECRUIT_COUNT_CAP ?
	    (long long)RECRUIT_COUNT_CAP : total);
	if (total > RECRUIT_COUNT_CAP)
		model_attr(list, "more", "1");
	pages = (total + RECRUIT_PAGE_SIZE - 1) / RECRUIT_PAGE_SIZE;
	if (pages > RECRUIT_COUNT_CAP / RECRUIT_PAGE_SIZE)
		pages = RECRUIT_COUNT_CAP / RECRUIT_PAGE_SIZE;
	model_attrf(list, "page", "%lld", q.page);
	model_attrf(list, "pages", "%lld", pages);
	model_attrf(list, "plan", "%c", plan);
	model_attr(list, "action", action);
	model_attr(list, "link", link);
	query_qs(c, &q, &qs);
	model_attr(list, "qs", qs.data != NULL ? qs.data : "");
	for (i = 0; i < r->nrows; i++) {
		dbq_program_summary_row(r, i, &ps);
		program_summary_model(c, list, &ps);
	}
	buf_free(&qs);
	dbres_free(r);
	return 0;
}

/* The search within the applying flow (flow) or the public catalogue. */
int
program_search_model(struct ctx *c, xmlNodePtr parent, int flow)
{
	return search_model(c, parent, flow ? "/apply/search" : "/programs",
	    flow ? "/apply/programs/" : "/programs/");
}

/*
 * <back href="…"/>: the way from a program back to the results it was
 * found in.  The result list links each program with its search's
 * query string; it is checked again here like any search, and an
 * invalid or absent one leads back to the empty search.
 */
void
search_back_model(struct ctx *c, xmlNodePtr parent, int flow)
{
	struct program_query	 q;
	struct form_result	 res;
	struct buf		 qs = { NULL, 0, 0 };
	const char		*action = flow ? "/apply/search" : "/programs";
	xmlNodePtr		 b;

	b = model_node(parent, "back");
	if (kv_str(&c->query, "track") != NULL &&
	    query_parse(c, &q, &res) == 0) {
		buf_printf(&qs, "%s?", action);
		query_qs(c, &q, &qs);
		if (q.page > 1)
			buf_printf(&qs, "&page=%lld", q.page);
	}
	model_attr(b, "href", qs.data != NULL ? qs.data : action);
	buf_free(&qs);
}

static void
facility_model(struct ctx *c, xmlNodePtr n, const struct facility_row *f)
{
	model_attr(n, "id", f->id);
	model_attr(n, "pref", f->pref);
	model_attr(n, "pref-name", jp_name(jp_prefs, f->pref, c->lang));
	model_attr(n, "beds", f->beds);
	model_text(n, "name", f->name);
	model_text(n, "address", f->address);
	if (f->details != NULL)
		model_text(n, "details", f->details);
}

/*
 * <program …> with everything a member needs to choose (BRD-1): the
 * base facility, partner facilities with details, instructors,
 * capacity, rotations by training year, the booklet.  1, 0 no such
 * program in this tenant, -1 on error.
 */
int
program_detail_model(struct ctx *c, xmlNodePtr parent, long long id)
{
	struct program_page_res	 pg;
	int			 rc = -1;

	/* The program, its partners and its rotations: one statement. */
	if (dbq_program_page(c->app->db, c->tenant->slug, id, 0, &pg) == -1)
		goto out;
	if (pg.p->nrows == 0) {
		rc = 0;
		goto out;
	}
	program_detail_show(c, parent, pg.p, pg.pa, pg.ro);
	rc = 1;
out:
	dbq_program_page_free(&pg);
	return rc;
}

/*
 * <program> from a program's row p (dbq_program_get(), one row), its
 * partners pa and its rotations ro, however the caller read them.
 */
void
program_detail_show(struct ctx *c, xmlNodePtr parent, const struct dbres *p,
    const struct dbres *pa, const struct dbres *ro)
{
	struct program_row	 pr;
	struct facility_row	 fa;
	struct rotation_row	 rt;
	xmlNodePtr		 n, list, it;
	size_t			 i;

	dbq_program_row(p, 0, &pr);
	n = model_node(parent, "program");
	model_attr(n, "id", pr.id);
	model_attr(n, "code", pr.code);
	model_attr(n, "domain", pr.domain);
	model_attr(n, "domain-name", jp_name(jp_domains, pr.domain, c->lang));
	model_attr(n, "pref", pr.pref);
	model_attr(n, "pref-name", jp_name(jp_prefs, pr.pref, c->lang));
	model_attr(n, "capacity", pr.capacity);
	model_attr(n, "instructors", pr.instructors);
	model_attr(n, "years", pr.years);
	model_attr(n, "track", pr.track);
	model_attr(n, "updated", pr.updated);
	model_text(n, "name", pr.name);
	model_text(n, "director", pr.director_name);
	if (pr.description != NULL)
		model_text(n, "description", pr.description);
	/* The booklet the PDF service makes from this model (BRD-1). */
	model_attrf(model_node(n, "booklet-pdf"), "href",
	    "/programs/%s/booklet.pdf", pr.id);
	if (pr.booklet != NULL) {
		it = model_node(n, "booklet");
		model_attr(it, "id", pr.booklet);
		model_attrf(it, "href", "/upload/%s", pr.booklet);
	}
	facility_model(c, model_node(n, "base"), &pr.base);
	list = model_node(n, "partners");
	for (i = 0; i < pa->nrows; i++) {
		dbq_partner_row(pa, i, &fa);
		it = model_node(list, "facility");
		facility_model(c, it, &fa);
		model_text(it, "role", fa.role);
	}
	list = model_node(n, "rotations");
	for (i = 0; i < ro->nrows; i++) {
		dbq_rotation_row(ro, i, &rt);
		it = model_node(list, "rotation");
		model_attr(it, "year", rt.year);
		model_attr(it, "seq", rt.seq);
		model_attr(it, "facility-id", rt.facility_id);
		model_attr(it, "months", rt.months);
		model_text(it, "facility", rt.facility);
		model_text(it, "notes", rt.notes);
	}
}

/* GET /programs: the public catalogue and its search (BRD-1, BRD-2). */
static enum result
page_programs(struct ctx *c)
{
	if (model_new(c, "recruit-programs") == -1)
		return RES_INTERNAL;
	return program_search_model(c, c->content, 0) == -1 ? RES_UNAVAIL :
	    RES_OK;
}

/*
 * GET /programs/<id>/booklet.pdf: the program's booklet (BRD-1), made by
 * the PDF service from the detail page's own model through
 * xslt/feature/recruit/booklet.xsl: what the page says, printed.
 */
static enum result
program_booklet(struct ctx *c, long long id)
{
	xmlNodePtr	 n;
	xmlChar		*code = NULL;
	char		 name[200];
	enum result	 rc = RES_INTERNAL;
	int		 k;

	if (model_new(c, "recruit-program") == -1)
		goto out;
	if ((k = program_detail_model(c, c->content, id)) <= 0) {
		rc = k < 0 ? RES_UNAVAIL : RES_NOTFOUND;
		goto out;
	}
	for (n = c->content->children; n != NULL && code == NULL; n = n->next)
		if (xmlStrEqual(n->name, (const xmlChar *)"program"))
			code = xmlGetProp(n, (const xmlChar *)"code");
	snprintf(name, sizeof(name), "%s_%s.pdf", strcmp(c->lang, "en") == 0 ?
	    "program-booklet" : "プログラム冊子", code != NULL ?
	    (const char *)code : "");
	rc = pdf_page(c, "feature/recruit/booklet.xsl", 0, name);
out:
	xmlFree(code);
	return rc;
}

/*
 * GET /programs/<id>: a program, for anyone.  A signed-in member is
 * offered the applying flow's detail page, which says whether and why
 * they may apply now (CORE-18).
 */
static enum result
page_program(struct ctx *c)
{
	xmlNodePtr	 a;
	const char	*rest;
	long long	 id;
	int		 k;

	if ((id = recruit_path_id(c->path, "/programs/", &rest)) <= 0)
		return RES_NOTFOUND;
	if (strcmp(rest, "/booklet.pdf") == 0)
		return program_booklet(c, id);
	if (*rest != '\0')
		return RES_NOTFOUND;
	if (model_new(c, "recruit-program") == -1)
		return RES_INTERNAL;
	if ((k = program_detail_model(c, c->content, id)) < 0)
		return RES_UNAVAIL;
	if (k == 0)
		return RES_NOTFOUND;
	search_back_model(c, c->content, 0);
	a = model_node(c->content, "apply");
	model_attrf(a, "href", "/apply/programs/%lld", id);
	if (!(c->sess.valid && c->sess.stage == SESS_IN))
		model_attr(a, "login", "1");
	return RES_OK;
}
