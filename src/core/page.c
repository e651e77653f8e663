/*
 * page.c — pages as data.  Each feature exports a table of pages; a
 * request's method and path find one entry here before any handler
 * runs, and an unknown path is a 404 without touching a handler.
 */
#include <string.h>

#include "ctx.h"
#include "form.h"
#include "feature.h"
#include "session.h"
#include "tenant.h"


/*
 * Lookup (and menu) order: the platform's tables around the features'
 * sections.  Products are never named here: they come from features[]
 * (src/feature/features.c), so adding one needs no edit of core.
 */
#define PAGE_TABLES_MAX	64

const struct page *page_tables[PAGE_TABLES_MAX + 1];	/* NULL-ended */

static void
add(size_t *n, const struct page *tab)
{
	if (*n < PAGE_TABLES_MAX)
		page_tables[(*n)++] = tab;
}

static void
add_section(size_t *n, enum feature_section s)
{
	size_t	 i, k;

	for (i = 0; features[i] != NULL; i++)
		for (k = 0; features[i]->pages[s] != NULL &&
		    features[i]->pages[s][k] != NULL; k++)
			add(n, features[i]->pages[s][k]);
}

/* Before main(): every program and test sees the same tables. */
__attribute__((constructor)) static void
page_tables_init(void)
{
	size_t	 n = 0;

	add(&n, core_pages);
	add(&n, upload_pages);
	add(&n, dashboard_pages);	/* 現在の状況 first in the menu */
	add_section(&n, FS_MEMBER);
	add_section(&n, FS_MEMBER_LATE);
	/* After the features': their offerings' menu entries come first. */
	add(&n, apply_pages);
	add(&n, member_record_pages);
	add(&n, account_pages);
	add_section(&n, FS_STAFF);
	/* The review chain and fees: reviewers' and admins' pages. */
	add(&n, review_export_pages);	/* before review's /admin/review/ */
	add(&n, review_pages);
	add(&n, fee_pages);
	add(&n, offering_admin_pages);
	add(&n, queue_admin_pages);
	add(&n, terms_pages);
	add(&n, kept_pages);
	add(&n, login_pages);
	add_section(&n, FS_OPS);
	page_tables[n] = NULL;
}

/* Has this visitor one of the roles of a ROLE_* mask? */
int
page_any_role(const struct ctx *c, unsigned int roles)
{
	return session_has_role(c, roles);
}

/* Does this visitor see the page in the menu? */
int
page_visible(const struct ctx *c, const struct page *pg)
{
	int	 in = c->sess.valid && c->sess.stage == SESS_IN;

	if (!(pg->flags & (c->ops ? PAGE_OPS : PAGE_TENANT)))
		return 0;
	if (pg->feature != NULL && !tenant_has_feature(c->tenant,
	    pg->feature))
		return 0;
	if (((pg->flags & PAGE_AUTH) && !in) ||
	    ((pg->flags & PAGE_GUEST) && in))
		return 0;
	if (pg->shown != NULL && !pg->shown(c))
		return 0;
	return pg->roles == 0 || page_any_role(c, pg->roles);
}

/* The request's method as a bit of struct page's methods; 0: none. */
unsigned int
page_method_bit(const char *m)
{
	/* HEAD is answered like GET; the body is dropped on output. */
	if (strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0)
		return M_GET;
	if (strcmp(m, "POST") == 0)
		return M_POST;
	return 0;
}

/*
 * Call the handler of c->page for c->method: the one place handlers
 * are called.  A refused POST drawn again (gate.c) arrives as a GET,
 * so its form is shown by the GET handler.
 */
enum result
page_serve(struct ctx *c)
{
	const struct page	*pg = c->page;
	page_fn			 fn = NULL;
	enum result		 r = RES_METHOD;

	switch (page_method_bit(c->method) & pg->methods) {
	case M_GET:
		fn = pg->get;
		break;
	case M_POST:
		fn = pg->post;
		break;
	}
	if (fn != NULL)
		r = fn(c);
	return r;
}

enum result
form_page_get(struct ctx *c, const struct form_page *fp, void *state)
{
	struct kvlist	 vals = { NULL, 0, 0 };
	enum result	 r;

	if ((r = fp->load(c, state)) != RES_OK)
		return r;
	if (fp->values != NULL)
		fp->values(c, state, &vals);
	r = fp->show(c, state, &vals, NULL, NULL);
	kv_free(&vals);
	if (fp->done != NULL)
		fp->done(state);
	return r;
}

/* The fields, then check, then save; any error shows the form again. */
enum result
form_page_post(struct ctx *c, const struct form_page *fp, void *state)
{
	struct form_result	 res;
	const char		*err = NULL;
	enum result		 r;

	if ((r = fp->load(c, state)) != RES_OK)
		return r;
	form_validate(fp->fields, fp->nfields, &c->form, &res);
	if (res.nerr == 0 && fp->check != NULL &&
	    fp->check(c, state, &res) == -1)
		r = RES_UNAVAIL;
	else if (res.nerr > 0)
		r = fp->show(c, state, &c->form, &res, NULL);
	else if ((r = fp->save(c, state, &err)) == RES_OK)
		r = fp->show(c, state, &c->form, NULL, err);
	if (fp->done != NULL)
		fp->done(state);
	return r;
}

static int
path_ok(const struct page *pg, const char *path)
{
	if (pg->flags & PAGE_PREFIX)
		return strncmp(path, pg->path, strlen(pg->path)) == 0;
	return strcmp(path, pg->path) == 0;
}

enum page_match
page_lookup(const char *method, const char *path, int ops,
    const struct tenant *t, const struct page **out)
{
	const struct page	*pg;
	enum page_match		 rc = PM_NOTFOUND;
	unsigned int		 mb = page_method_bit(method);
	size_t			 i;

	*out = NULL;
	for (i = 0; page_tables[i] != NULL; i++)
		for (pg = page_tables[i]; pg->name != NULL; pg++) {
			if (!(pg->flags & (ops ? PAGE_OPS : PAGE_TENANT)))
				continue;
			if (pg->feature != NULL &&
			    !tenant_has_feature(t, pg->feature))
				continue;
			if (!path_ok(pg, path))
				continue;
			if (pg->methods & mb) {
				*out = pg;
				rc = PM_FOUND;
				goto out;
			}
			rc = PM_METHOD;
		}
out:
	return rc;
}
