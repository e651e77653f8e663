/*
 * dashboard.c — 現在の状況 on every tenant (issue 9 item 8): one page
 * for a signed-in member that gathers what is under way.
 *
 *   <content [empty="1"]>
 *     <applications>…</applications>   the offerings of every feature,
 *                                        the member's live application
 *                                        with state, next step and
 *                                        deadline (apply.c)
 *     <dashboard …>…</dashboard>        a feature's own part (its
 *                                        dashboard hook), e.g. recruit's
 *   </content>
 *
 * empty="1" when the member has nothing under way anywhere, so the page
 * says so plainly and points to what they can do (the stylesheet:
 * the offerings open to them, 会員情報, the account).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include "apply.h"
#include "cert.h"
#include "ctx.h"
#include "db.h"
#include "dashboard.h"
#include "feature.h"
#include "form.h"
#include "owncache.h"
#include "review.h"

static enum result	 page_dashboard(struct ctx *);

const struct page dashboard_pages[] = {
	{ .name = "dashboard", .methods = M_GET, .path = "/dashboard",
	    .flags = PAGE_TENANT | PAGE_AUTH, .get = page_dashboard,
	    .menu = "menu.dashboard", .roles = ROLE_MEMBER },
	{ .name = NULL },
};

/* Has the member an application of the platform's (any <app>)? */
static int
has_app(xmlNodePtr apps)
{
	xmlNodePtr	 o, a;

	for (o = apps != NULL ? apps->children : NULL; o != NULL; o = o->next)
		for (a = o->children; a != NULL; a = a->next)
			if (a->type == XML_ELEMENT_NODE &&
			    xmlStrcmp(a->name, (const xmlChar *)"app") == 0)
				return 1;
	return 0;
}

/*
 * Load the platform's applications, their fees, the features' parts
 * and the member's certificates; show them, or say that there is
 * nothing yet.  Any source failing is a 503: a status page that
 * silently leaves something out would mislead.  The applications, the
 * fees and the certificates are one statement, and none at all when
 * the session says there is no certificate and no live application (a
 * fee belongs to an application): issue 10's budget.  Here because
 * apply.c must not call review's files, which call it.
 */
static enum result
page_dashboard(struct ctx *c)
{
	struct dbres	*ap = NULL, *f = NULL, *ct = NULL, *fresh = NULL;
	const struct dbres *kept;
	xmlNodePtr	 apps;
	enum result	 rc = RES_UNAVAIL;
	char		 key[8];
	int		 parts, live, certs, k;

	if (model_new(c, "dashboard") == -1) {
		rc = RES_INTERNAL;
		goto out;
	}
	/* Unknown (-1) reads, as none (0) does not. */
	live = apply_session_any_live(c) != 0;
	certs = cert_held(c) != 0;
	/* The member's own, kept between requests (owncache.h). */
	snprintf(key, sizeof(key), "%d%d", live, certs);
	if ((kept = owncache_get(c, c->sess.uid, "apply.dashboard", key)) ==
	    NULL)
		kept = fresh = dbq_dashboard_read(c->app->db, c->tenant->slug,
		    c->sess.uid, live, certs);
	k = dbq_dashboard_split(kept, &ap, &f, &ct);
	owncache_put(c, c->sess.uid, "apply.dashboard", key, fresh);
	if (k == -1)
		goto out;
	if (live) {
		/* apply_member_apps_model() picks from these. */
		apply_live_prime(c, ap);
		ap = NULL;
	}
	if (apply_member_apps_model(c, c->content) == -1)
		goto out;
	apps = c->content->last;
	review_fees_member_rows(c, apps, f);
	if ((parts = feature_parts(c, c->content, FP_DASHBOARD)) < 0)
		goto out;
	/* After the features' parts, where the cert feature's hook put
	 * them before. */
	if ((k = cert_member_rows(c, c->content, ct)) > 0)
		parts += k;
	if (parts == 0 && !has_app(apps))
		model_attr(c->content, "empty", "1");
	rc = RES_OK;
out:
	dbres_free(ap);
	dbres_free(f);
	dbres_free(ct);
	return rc;
}
