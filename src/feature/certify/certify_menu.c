/*
 * certify_menu.c — the member menu of seed 002 (PAL-1, PAL-2):
 * マイページTOP, 指導医, 専門医, 認定医, then 症例登録 and 症例承認
 * (certify_case.c), 単位確認 (the credit service's /credits) and 施設認定.
 * 指導医 and 認定医 are products this mission does not build: their
 * pages say plainly what they will hold.
 *
 * 専門医 lists the 専門医 menu's kinds in the seed's order, each with
 * its 受付期間, the reason it is unavailable, or 「申請済みです。」 —
 * the platform's menu note (apply_menu_note()), read from the session's
 * summary and the worker's windows: no statement of its own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apply.h"
#include "ctx.h"
#include "db.h"
#include "feature.h"
#include "jp.h"
#include "certify.h"
#include "certify_int.h"

extern const struct feature feature_certify;

/* One line per offering of the feature, in its order. */
static void
offerings_model(struct ctx *c, xmlNodePtr parent)
{
	const struct apply_offering *const	*o;
	xmlNodePtr				 l, n;

	l = model_node(parent, "offerings");
	for (o = feature_certify.offerings; *o != NULL; o++) {
		n = model_node(l, "item");
		model_attr(n, "kind", (*o)->kind);
		model_attr(n, "key", (*o)->title);
		model_attrf(n, "href", "/application/%s", (*o)->kind);
		apply_menu_note(c, n);
	}
}

/* Approved case reports of the 20 (認定要件4), from the session. */
static void
cases_model(struct ctx *c, xmlNodePtr parent)
{
	struct certify_facts	 f;
	xmlNodePtr		 n;

	if (certify_session_facts(c, &f) != 1)
		return;
	n = model_node(parent, "cases");
	model_attrf(n, "approved", "%d", f.approved);
	model_attrf(n, "needed", "%d", CERTIFY_CASES_NEEDED);
	if (f.exempt)
		model_attr(n, "exempt", "1");
}

static xmlNodePtr
start(struct ctx *c, const char *name)
{
	if (model_new(c, name) == -1)
		return NULL;
	return model_node(c->content, "certify");
}

/* マイページTOP: where the member stands, and where to go. */
static enum result
page_top(struct ctx *c)
{
	xmlNodePtr	 n;

	if ((n = start(c, "certify-top")) == NULL)
		return RES_INTERNAL;
	model_attr(n, "name", c->sess.name);
	cases_model(c, n);
	offerings_model(c, n);
	if (page_any_role(c, ROLE_SUPERVISOR))
		model_attr(n, "supervisor", "1");
	return RES_OK;
}

/* 専門医: the five kinds (PAL-2). */
static enum result
page_specialist(struct ctx *c)
{
	xmlNodePtr	 n;

	if ((n = start(c, "certify-specialist")) == NULL)
		return RES_INTERNAL;
	offerings_model(c, n);
	return RES_OK;
}

/* 指導医: the member's own registry record when they are one. */
static enum result
page_supervisor(struct ctx *c)
{
	struct certify_sup	 s;
	xmlNodePtr		 n, r;
	int			 k;

	if ((n = start(c, "certify-supervisor")) == NULL)
		return RES_INTERNAL;
	if ((k = certify_supervisor_of(c->app->db, c->tenant->slug,
	    c->sess.uid, &s)) < 0)
		return RES_UNAVAIL;
	if (k > 0) {
		r = model_node(n, "supervisor");
		model_attr(r, "number", s.number);
		model_attr(r, "name", s.name);
		model_attr(r, "kana", s.kana);
		model_attr(r, "from", s.valid_from);
		model_attr(r, "to", s.valid_to);
	}
	return RES_OK;
}

/* 認定医: what it will hold. */
static enum result
page_certified(struct ctx *c)
{
	return start(c, "certify-certified") != NULL ? RES_OK : RES_INTERNAL;
}

/* The facility rows under parent (施設認定 and the staff's registry). */
void
certify_facilities_model(xmlNodePtr parent, const struct certify_fac *f,
    int n)
{
	const struct jp_item	*p;
	xmlNodePtr		 l, r;
	int			 i;

	l = model_node(parent, "facilities");
	model_attrf(l, "count", "%d", n);
	for (i = 0; i < n; i++) {
		r = model_node(l, "facility");
		model_attrf(r, "id", "%lld", f[i].id);
		model_attrf(r, "cert", "%lld", f[i].cert_id);
		model_attr(r, "code", f[i].code);
		model_attr(r, "name", f[i].name);
		if ((p = jp_find(jp_prefs, f[i].pref)) != NULL)
			model_attr(r, "pref", p->ja);
		model_attr(r, "kind", f[i].kind);
		model_attr(r, "from", f[i].valid_from);
		model_attr(r, "to", f[i].valid_to);
	}
}

/* 施設認定: the certified facilities, searchable (PAL-12's registry). */
static enum result
page_facilities(struct ctx *c)
{
	struct certify_fac	*f;
	const char		*q = kv_str(&c->query, "q");
	xmlNodePtr		 n;
	enum result		 r = RES_UNAVAIL;
	int			 k;

	if ((f = calloc(CERTIFY_SEARCH_MAX * 4, sizeof(*f))) == NULL)
		return RES_INTERNAL;
	if ((k = certify_facility_search(c->app->db, c->tenant->slug,
	    q != NULL ? q : "", f, CERTIFY_SEARCH_MAX * 4)) < 0)
		goto out;
	r = RES_INTERNAL;
	if ((n = start(c, "certify-facilities")) == NULL)
		goto out;
	model_attr(n, "q", q != NULL ? q : "");
	certify_facilities_model(n, f, k);
	r = RES_OK;
out:
	free(f);
	return r;
}

const struct page certify_menu_pages[] = {
	{ .name = "certify-top", .methods = M_GET, .path = "/certify",
	    .flags = PAGE_TENANT | PAGE_AUTH, .get = page_top,
	    .menu = "menu.certify.top", .feature = CERTIFY_FEATURE,
	    .roles = ROLE_MEMBER | ROLE_SUPERVISOR },
	{ .name = "certify-supervisor", .methods = M_GET,
	    .path = "/certify/supervisor", .flags = PAGE_TENANT | PAGE_AUTH,
	    .get = page_supervisor, .menu = "menu.certify.supervisor",
	    .feature = CERTIFY_FEATURE, .roles = ROLE_MEMBER | ROLE_SUPERVISOR },
	{ .name = "certify-specialist", .methods = M_GET,
	    .path = "/certify/specialist", .flags = PAGE_TENANT | PAGE_AUTH,
	    .get = page_specialist, .menu = "menu.certify.specialist",
	    .feature = CERTIFY_FEATURE, .roles = ROLE_MEMBER },
	{ .name = "certify-certified", .methods = M_GET,
	    .path = "/certify/certified", .flags = PAGE_TENANT | PAGE_AUTH,
	    .get = page_certified, .menu = "menu.certify.certified",
	    .feature = CERTIFY_FEATURE, .roles = ROLE_MEMBER },
	{ .name = NULL },
};

/* 施設認定 comes after 症例承認 and 単位確認 in the seed's menu: the
 * feature lists this table under FS_MEMBER_LATE (certify_feature.c). */
const struct page certify_facility_pages[] = {
	{ .name = "certify-facilities", .methods = M_GET,
	    .path = "/certify/facilities", .flags = PAGE_TENANT | PAGE_AUTH,
	    .get = page_facilities, .menu = "menu.certify.facilities",
	    .feature = CERTIFY_FEATURE, .roles = ROLE_MEMBER },
	{ .name = NULL },
};
