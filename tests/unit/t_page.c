/* t_page.c — the page table: host kind, method, path (CORE-1, OPS-3). */
#include <string.h>

#include "ctx.h"
#include "form.h"
#include "tenant.h"
#include "tests.h"

static void
t_lookup(void)
{
	static char		 empty[1];
	struct tenant		 t;
	const struct page	*pg;

	memset(&t, 0, sizeof(t));
	t.features = empty;
	CU_ASSERT_EQUAL(page_lookup("GET", "/", 0, &t, &pg), PM_FOUND);
	CU_ASSERT_STRING_EQUAL(pg->name, "home");
	CU_ASSERT_EQUAL(page_lookup("HEAD", "/", 0, &t, &pg), PM_FOUND);
	CU_ASSERT_EQUAL(page_lookup("DELETE", "/", 0, &t, &pg), PM_METHOD);
	CU_ASSERT_EQUAL(page_lookup("GET", "/nope", 0, &t, &pg),
	    PM_NOTFOUND);
	CU_ASSERT_PTR_NULL(pg);
	/* Central-IT pages exist only on the ops host, and vice versa. */
	CU_ASSERT_EQUAL(page_lookup("GET", "/metrics", 0, &t, &pg),
	    PM_NOTFOUND);
	CU_ASSERT_EQUAL(page_lookup("GET", "/metrics", 1, NULL, &pg),
	    PM_FOUND);
	CU_ASSERT_STRING_EQUAL(pg->name, "metrics");
	CU_ASSERT_EQUAL(page_lookup("GET", "/", 1, NULL, &pg), PM_FOUND);
	CU_ASSERT_STRING_EQUAL(pg->name, "ops-home");
}

static void
t_table_sane(void)
{
	static const struct page *const tabs[] = { core_pages, ops_pages };
	const struct page	*pg;
	size_t			 i;

	/* A handler per method, an absolute path and a host kind. */
	for (i = 0; i < 2; i++)
		for (pg = tabs[i]; pg->name != NULL; pg++) {
			CU_ASSERT(pg->methods != 0);
			CU_ASSERT(!(pg->methods & M_GET) == (pg->get == NULL));
			CU_ASSERT(!(pg->methods & M_POST) ==
			    (pg->post == NULL));
			CU_ASSERT_EQUAL(pg->path[0], '/');
			CU_ASSERT(pg->flags & (PAGE_TENANT | PAGE_OPS));
		}
}

static enum result
serve_get(struct ctx *c)
{
	(void)c;
	return RES_OK;
}

static enum result
serve_post(struct ctx *c)
{
	(void)c;
	return RES_REDIRECT;
}

/* One handler per method; HEAD and a refused POST drawn again use GET's. */
static void
t_serve_by_method(void)
{
	static const struct page both = { .name = "t", .path = "/t",
	    .methods = M_GET | M_POST, .get = serve_get, .post = serve_post };
	static const struct page post = { .name = "t", .path = "/t",
	    .methods = M_POST, .post = serve_post };
	struct ctx	c;

	memset(&c, 0, sizeof(c));
	c.page = &both;
	c.method = "GET";
	CU_ASSERT_EQUAL(page_serve(&c), RES_OK);
	c.method = "HEAD";
	CU_ASSERT_EQUAL(page_serve(&c), RES_OK);
	c.method = "POST";
	CU_ASSERT_EQUAL(page_serve(&c), RES_REDIRECT);
	c.method = "PUT";
	CU_ASSERT_EQUAL(page_serve(&c), RES_METHOD);
	c.page = &post;
	c.method = "GET";
	CU_ASSERT_EQUAL(page_serve(&c), RES_METHOD);
	c.method = "POST";
	CU_ASSERT_EQUAL(page_serve(&c), RES_REDIRECT);
}

/* form_page: a fake page records which steps ran. */
struct fp_state {
	int	 loaded, checked, saved, shown, done, errs;
	int	 check_fails;
};

static enum result
fp_load(struct ctx *c, void *st)
{
	(void)c;
	((struct fp_state *)st)->loaded++;
	return RES_OK;
}

static int
fp_check(struct ctx *c, void *st, struct form_result *res)
{
	struct fp_state	*s = st;

	(void)c;
	s->checked++;
	if (s->check_fails)
		form_error_add(res, "name", "err.taken");
	return 0;
}

static enum result
fp_save(struct ctx *c, void *st, const char **err)
{
	(void)c;
	(void)err;
	((struct fp_state *)st)->saved++;
	return RES_REDIRECT;
}

static enum result
fp_show(struct ctx *c, void *st, const struct kvlist *vals,
    const struct form_result *rp, const char *err)
{
	struct fp_state	*s = st;

	(void)c;
	(void)vals;
	(void)err;
	s->shown++;
	s->errs = rp != NULL ? (int)rp->nerr : 0;
	return RES_OK;
}

static void
fp_done(void *st)
{
	((struct fp_state *)st)->done++;
}

/* CORE-12: fields, then check, then save; an error shows the form. */
static void
t_form_page(void)
{
	static const struct field fs[] = {
		{ "name", F_TEXT, 1, 20, "field.name", NULL },
	};
	static const struct form_page fp = { .fields = fs, .nfields = 1,
	    .load = fp_load, .check = fp_check, .save = fp_save,
	    .show = fp_show, .done = fp_done };
	struct fp_state	 st;
	struct ctx	 c;

	memset(&c, 0, sizeof(c));
	memset(&st, 0, sizeof(st));
	CU_ASSERT_EQUAL(form_page_get(&c, &fp, &st), RES_OK);
	CU_ASSERT(st.loaded == 1 && st.shown == 1 && st.saved == 0 &&
	    st.done == 1 && st.errs == 0);
	/* Empty: the required field fails; neither check nor save runs. */
	memset(&st, 0, sizeof(st));
	CU_ASSERT_EQUAL(form_page_post(&c, &fp, &st), RES_OK);
	CU_ASSERT(st.checked == 0 && st.saved == 0 && st.shown == 1 &&
	    st.errs == 1 && st.done == 1);
	kv_add(&c.form, "name", 4, "abc", 3);
	memset(&st, 0, sizeof(st));
	st.check_fails = 1;
	CU_ASSERT_EQUAL(form_page_post(&c, &fp, &st), RES_OK);
	CU_ASSERT(st.checked == 1 && st.saved == 0 && st.errs == 1);
	memset(&st, 0, sizeof(st));
	CU_ASSERT_EQUAL(form_page_post(&c, &fp, &st), RES_REDIRECT);
	CU_ASSERT(st.checked == 1 && st.saved == 1 && st.shown == 0 &&
	    st.done == 1);
	kv_free(&c.form);
}

static void
t_status_map(void)
{
	CU_ASSERT_EQUAL(http_status(RES_OK), 200);
	CU_ASSERT_EQUAL(http_status(RES_BADREQ), 400);
	CU_ASSERT_EQUAL(http_status(RES_NOTFOUND), 404);
	CU_ASSERT_EQUAL(http_status(RES_TOOLARGE), 413);
	CU_ASSERT_EQUAL(http_status(RES_UNAVAIL), 503);
	CU_ASSERT_STRING_EQUAL(http_reason(405), "Method Not Allowed");
}

/* The language switch returns only to local paths (no open redirect). */
static void
t_local_path(void)
{
	CU_ASSERT_TRUE(local_path("/"));
	CU_ASSERT_TRUE(local_path("/apply?x=1"));
	CU_ASSERT_FALSE(local_path("//evil.example/"));
	CU_ASSERT_FALSE(local_path("/\\evil.example/"));
	CU_ASSERT_FALSE(local_path("https://evil.example/"));
	CU_ASSERT_FALSE(local_path("/a b"));
	CU_ASSERT_FALSE(local_path("/a\r\nSet-Cookie: x=1"));
	CU_ASSERT_FALSE(local_path(NULL));
}

/*
 * CORE-12: a secret is declared once, by name (form_secret()): every
 * password field a page declares is one, so it is neither kept nor
 * shown again; the fields /kept labels have a label.
 */
static void
t_fields_secret(void)
{
	const struct page	*pg;
	size_t			 i, k, n = 0;

	for (i = 0; page_tables[i] != NULL; i++)
		for (pg = page_tables[i]; pg->name != NULL; pg++)
			for (k = 0; pg->fields != NULL && k < pg->nfields;
			    k++, n++) {
				CU_ASSERT_PTR_NOT_NULL(pg->fields[k].key);
				if (pg->fields[k].type == F_PASSWORD)
					CU_ASSERT_TRUE(form_secret(
					    pg->fields[k].name));
			}
	CU_ASSERT_TRUE(n > 0);
	CU_ASSERT_TRUE(form_secret("current") && form_secret("password2") &&
	    form_secret("code") && form_secret("otp") &&
	    form_secret("csrf"));
	CU_ASSERT_FALSE(form_secret("lang") || form_secret("email") ||
	    form_secret("passwords") || form_secret(""));
}

int
suite_page(void)
{
	static const struct utest t[] = {
		{ "lookup by host kind, method and path", t_lookup },
		{ "every page entry is complete", t_table_sane },
		{ "one handler per method (CORE-12)", t_serve_by_method },
		{ "form_page runs load, check, save, show (CORE-12)",
		    t_form_page },
		{ "results map to statuses", t_status_map },
		{ "redirects stay local", t_local_path },
		{ "declared password fields are secret", t_fields_secret },
		{ NULL, NULL },
	};
	return add_suite("page", t);
}
