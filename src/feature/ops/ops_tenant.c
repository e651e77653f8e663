/*
 * ops_tenant.c — central IT's tenant lifecycle from the console (OPS-1):
 * create a tenant, disable, enable, set a tenant.conf key.  The work is
 * tenant_life.c's, the same as `shikakuctl tenant …`; these handlers
 * read the form, call it as the signed-in central IT (audited with
 * their uid and address), then tell nginx and shikakud (tl_reload()).
 * The pages are central IT's only, on the ops host, behind the TOTP
 * every central-IT session has passed (gate.c), and their POSTs carry
 * the session's CSRF token (gate.c).
 */
#include <stdio.h>
#include <string.h>

#include "conf.h"
#include "ctx.h"
#include "directory.h"
#include "form.h"
#include "log.h"
#include "ops.h"
#include "session.h"
#include "tenant_life.h"

static const char *const login_ids[] = { "email_or_member",
    "member_or_email", "regno", NULL };

/* Indexed by enum tl_field: the form's names are the lifecycle's. */
static const struct field new_fields[] = {
	{ "slug", F_TEXT, 1, 32, "ops.f.slug", NULL },
	{ "hosts", F_TEXT, 1, 200, "ops.f.hosts", NULL },
	{ "name_ja", F_TEXT, 1, 100, "ops.f.name-ja", NULL },
	{ "name_en", F_TEXT, 1, 100, "ops.f.name-en", NULL },
	{ "login_id", F_SELECT, 1, 20, "ops.f.login-id", login_ids },
	{ "features", F_TEXT, 0, 200, "ops.f.features", NULL },
	{ "admin_mail", F_EMAIL, 1, 254, "ops.f.admin-mail", NULL },
	{ "admin_name", F_TEXT, 0, 80, "ops.f.admin-name", NULL },
	{ "admin_number", F_TEXT, 0, 32, "ops.f.admin-number", NULL },
};
#define NNEW	(sizeof(new_fields) / sizeof(new_fields[0]))

static const char *const change_ops[] = { "disable", "enable", "set",
    NULL };

static const struct field change_fields[] = {
	{ "slug", F_TEXT, 1, 32, "ops.f.slug", NULL },
	{ "op", F_SELECT, 1, 10, "ops.f.op", change_ops },
	{ "key", F_TEXT, 0, 64, "ops.f.key", NULL },
	{ "value", F_TEXT, 0, 200, "ops.f.value", NULL },
};
#define NCHANGE	(sizeof(change_fields) / sizeof(change_fields[0]))

/* The lifecycle as this request's central IT. */
static void
tl_of(struct ctx *c, struct tl *l)
{
	memset(l, 0, sizeof(*l));
	l->cfg = c->app->cfg;
	l->db = c->app->db;
	l->dir = c->app->dir;
	l->actor = c->sess.uid;
	l->remote = c->remote;
}

/* The form again, with the lifecycle's reason when it refused. */
static enum result
show_new(struct ctx *c, const struct form_result *res, const char *why)
{
	xmlNodePtr	 f;

	if (model_new(c, "ops-tenant-new") == -1)
		return RES_INTERNAL;
	if (why != NULL) {
		model_flash(c, "ops.tenant.refused", "warning");
		model_text(c->content, "refused", why);
	}
	f = model_form(c, "tenant-new", c->path, new_fields, NNEW,
	    res != NULL || why != NULL ? &c->form : NULL, res,
	    "ops.tenant.create");
	form_options_label(f, "login_id", "ops.login-id.", NULL, 0);
	return RES_OK;
}

static enum result	page_ops_tenant_new_get(struct ctx *);
static enum result	page_ops_tenant_new_post(struct ctx *);
static enum result	page_ops_tenant_change_post(struct ctx *);

/* Registered beside ops_pages (ops_feature.c), after the console. */
const struct page ops_tenant_pages[] = {
	{ .name = "ops-tenant-new", .methods = M_GET | M_POST,
	    .path = "/tenants/new", .flags = PAGE_OPS | PAGE_AUTH,
	    .get = page_ops_tenant_new_get, .post = page_ops_tenant_new_post,
	    .roles = ROLE_CENTRAL_IT, .fields = new_fields,
	    .nfields = NNEW },
	{ .name = "ops-tenant-change", .methods = M_POST,
	    .path = "/tenants/change", .flags = PAGE_OPS | PAGE_AUTH,
	    .post = page_ops_tenant_change_post, .roles = ROLE_CENTRAL_IT,
	    .fields = change_fields, .nfields = NCHANGE },
	{ .name = NULL },
};

static enum result
page_ops_tenant_new_get(struct ctx *c)
{
	return show_new(c, NULL, NULL);
}

/* Load the form, check it, create, tell the servers, show the outcome. */
static enum result
page_ops_tenant_new_post(struct ctx *c)
{
	struct form_result	 res;
	struct tl_new		 a;
	struct tl		 l;
	char			 uid[DIR_UID_LEN + 1];
	const char		*v;
	size_t			 i;
	int			 r;

	if (form_validate(new_fields, NNEW, &c->form, &res) == -1)
		return show_new(c, &res, NULL);
	memset(&a, 0, sizeof(a));
	for (i = 0; i < NNEW && i < TL__MAX; i++)
		if ((v = kv_str(&c->form, new_fields[i].name)) != NULL &&
		    *v != '\0')
			a.v[i] = v;
	tl_of(c, &l);
	if ((r = tl_create(&l, &a, uid)) == -1)
		return show_new(c, NULL, l.err);
	/* Made: a failed reload is said on the console, not undone. */
	if (tl_reload(&l) == -1)
		log_warn("tenant %s: reload: %s", a.v[TL_SLUG], l.err);
	return redirect_param(c, "/", r == 0 ? "created" : "created-no-admin",
	    a.v[TL_SLUG]);
}

/* disable, enable or set one key of one tenant; then back to the list. */
static enum result
page_ops_tenant_change_post(struct ctx *c)
{
	struct form_result	 res;
	struct tl		 l;
	const char		*op, *slug, *key, *val;
	int			 r;

	if (form_validate(change_fields, NCHANGE, &c->form, &res) == -1)
		return page_ops_home_with(c, "ops.tenant.refused", NULL);
	slug = kv_str(&c->form, "slug");
	op = kv_str(&c->form, "op");
	key = kv_str(&c->form, "key");
	val = kv_str(&c->form, "value");
	tl_of(c, &l);
	if (strcmp(op, "disable") == 0)
		r = tl_disable(&l, slug);
	else if (strcmp(op, "enable") == 0)
		r = tl_enable(&l, slug);
	else
		r = tl_set(&l, slug, key != NULL ? key : "", val != NULL ?
		    val : "");
	if (r == -1)
		return page_ops_home_with(c, "ops.tenant.refused", l.err);
	if (tl_reload(&l) == -1)
		log_warn("tenant %s: reload: %s", slug, l.err);
	return redirect_param(c, "/", op, slug);
}
