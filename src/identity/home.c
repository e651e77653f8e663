/* core.c — the tenant site's public pages. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "account.h"
#include "ctx.h"
#include "db.h"
#include "dbq.h"
#include "scoreboard.h"
#include "session.h"
#include "tenant.h"
#include "totp.h"

const struct page core_pages[] = {
	{ .name = "home", .methods = M_GET, .path = "/", .flags = PAGE_TENANT,
	    .get = page_home, .menu = "menu.home" },
	{ .name = "lang", .methods = M_GET | M_POST, .path = "/lang",
	    .flags = PAGE_TENANT | PAGE_OPS | PAGE_ANYSTAGE,
	    .get = page_lang_get, .post = page_lang_post },
	{ .name = NULL },
};

/*
 * The home page: the tenant's notices (one query).  If the database is
 * down the page still renders, saying the notices are unavailable.
 */
static const struct dbres *
notices(struct ctx *c)
{
	struct notice_cache	*nc = &c->app->notices[c->tenant->idx];
	struct dbres		*r;
	int64_t			 now = mono_ms();

	if (nc->rows == NULL || now - nc->fetched_ms > NOTICE_TTL_MS) {
		/* On a database error, the last list is better than none. */
		if ((r = dbq_notices(c->app->db, c->tenant, 10)) != NULL) {
			dbres_free(nc->rows);
			nc->rows = r;
			nc->fetched_ms = now;
		}
	}
	return nc->rows;
}

/*
 * The home page's big buttons (seed 000: 新規ユーザー登録 in red, 旧シス
 * テムからの移行 in green): the menu's pages for this visitor — for a
 * guest the sign-up and sign-in pages, for a member what they came
 * for — the first one the main action.  State changes (logout) are
 * left to the menu.
 */
static void
home_links(struct ctx *c)
{
	const struct page	*pg;
	xmlNodePtr		 links = NULL, l;
	size_t			 i, n = 0;
	int			 in = c->sess.valid && c->sess.stage == SESS_IN;

	for (i = 0; page_tables[i] != NULL; i++)
		for (pg = page_tables[i]; pg->name != NULL; pg++) {
			if (pg->menu == NULL || pg == c->page ||
			    pg->methods == M_POST ||
			    !(pg->flags & (in ? PAGE_AUTH : PAGE_GUEST)) ||
			    !page_visible(c, pg))
				continue;
			if (links == NULL)
				links = model_node(c->content, "links");
			l = model_node(links, "link");
			model_attr(l, "key", pg->menu);
			model_attr(l, "href", pg->path);
			model_attr(l, "kind", n == 0 ? "primary" : n == 1 ?
			    "secondary" : NULL);
			n++;
		}
}

enum result
page_home(struct ctx *c)
{
	const struct dbres	*r;
	const char		*title, *body;
	xmlNodePtr		 ns, n;
	size_t			 i;
	int			 en = strcmp(c->lang, "en") == 0;

	if (model_new(c, "home") == -1)
		return RES_INTERNAL;
	home_links(c);
	ns = model_node(c->content, "notices");
	if ((r = notices(c)) == NULL) {
		model_attr(ns, "unavailable", "1");
		return RES_OK;
	}
	for (i = 0; i < r->nrows; i++) {
		n = model_node(ns, "notice");
		model_attr(n, "id", dbres_get(r, i, NOTICE_COL_ID));
		model_attr(n, "date", dbres_get(r, i, NOTICE_COL_DATE));
		title = dbres_get(r, i, NOTICE_COL_TITLE_EN);
		if (!en || title == NULL)
			title = dbres_get(r, i, NOTICE_COL_TITLE_JA);
		model_text(n, "title", title);
		if (dbres_get(r, i, NOTICE_COL_BODY_JA) != NULL) {
			body = dbres_get(r, i, NOTICE_COL_BODY_EN);
			if (!en || body == NULL)
				body = dbres_get(r, i, NOTICE_COL_BODY_JA);
			model_text(n, "body", body);
		}
	}
	return RES_OK;
}

/*
 * The header's language switch (CORE-22): GET /lang?to=en&next=/path
 * signed out, remembered in a cookie; POST /lang (to, next, and the
 * CSRF token the gate has checked) signed in, stored with the account
 * too, since the account's language wins over the cookie (gate.c) and
 * every device of the member follows it.  Then back to next.
 */
static enum result
lang_switch(struct ctx *c, const struct kvlist *in, int post)
{
	const char		*to, *next, *tk;
	enum result		 r = RES_BADREQ;

	to = kv_str(in, "to");
	next = kv_str(in, "next");
	if (to == NULL || (strcmp(to, "ja") != 0 && strcmp(to, "en") != 0))
		goto out;
	if (post && c->sess.valid && c->sess.stage == SESS_IN) {
		r = RES_UNAVAIL;
		tk = ctx_tkey(c);
		if (dbq_account_set_lang(c->app->db, tk, c->sess.uid, to) < 0)
			goto out;
		(void)audit_log(c->app->db, tk, c->sess.uid,
		    "account.lang", NULL, c->remote, to);
	}
	buf_printf(&c->hdrs, "Set-Cookie: lang=%s; Path=/; Max-Age=31536000; "
	    "SameSite=Lax; HttpOnly\r\n", to);
	r = redirect_next(c, next, "/");
out:
	return r;
}

enum result
page_lang_get(struct ctx *c)
{
	return lang_switch(c, &c->query, 0);
}

enum result
page_lang_post(struct ctx *c)
{
	return lang_switch(c, &c->form, 1);
}
