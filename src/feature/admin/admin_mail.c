/*
 * admin_mail.c — the tenant's mail templates (ADM-1, CORE-14): every
 * template the platform and the tenant's enabled features send, each
 * with the variables it uses and a preview rendered by the mail
 * layer's own renderer (mail_prepare(), as a queued mail is) with
 * sample values.  No SQL: the templates are files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "buf.h"
#include "conf.h"
#include "ctx.h"
#include "feature.h"
#include "mail.h"
#include "tenant.h"

#define VARS_MAX	24	/* distinct variables in one template */
#define VAR_LEN		ADM_VAR_LEN

/* Built in to every mail (mail_prepare()): not the caller's. */
static const char *const builtin[] = { "tenant_name", "tenant_name_en",
	"base_url", NULL };

/* A variable's sample value: a readable one for the common names. */
static const struct {
	const char	*name, *value;
} samples[] = {
	{ "name", "山田 太郎" },
	{ "mail", "yamada@example.jp" },
	{ "when", "2026-04-01 09:30" },
	{ "ip", "192.0.2.1" },
	{ "number", "A-2026-0001" },
	{ "url", "https://example.jp/..." },
	{ "link", "https://example.jp/..." },
};

static int
is_builtin(const char *v)
{
	size_t	 i;

	for (i = 0; builtin[i] != NULL; i++)
		if (strcmp(builtin[i], v) == 0)
			return 1;
	return 0;
}

/*
 * The distinct {{names}} of a template's source, in order of
 * appearance (at most max, each shorter than ADM_VAR_LEN): how many.
 */
size_t
adm_tmpl_vars(const char *src, char vars[][ADM_VAR_LEN], size_t max)
{
	const char	*p = src, *e;
	size_t		 n = 0, i, len;

	while ((p = strstr(p, "{{")) != NULL && n < max) {
		p += 2;
		if ((e = strstr(p, "}}")) == NULL)
			break;
		len = (size_t)(e - p);
		if (len > 0 && len < VAR_LEN && !memchr(p, '\n', len)) {
			for (i = 0; i < n; i++)
				if (strncmp(vars[i], p, len) == 0 &&
				    vars[i][len] == '\0')
					break;
			if (i == n) {
				memcpy(vars[n], p, len);
				vars[n++][len] = '\0';
			}
		}
		p = e + 2;
	}
	return n;
}

/* One template: its variables and its preview, under list. */
static void
one_template(struct ctx *c, xmlNodePtr list, const char *tmpl,
    const char *base)
{
	struct buf	 src, subj, body;
	char		 vars[VARS_MAX][VAR_LEN], err[256];
	char		 sample[VARS_MAX][VAR_LEN + 8];
	const char	*kv[VARS_MAX * 2 + 1];
	xmlNodePtr	 t, vl;
	size_t		 n, i, k, nk = 0;

	memset(&src, 0, sizeof(src));
	memset(&subj, 0, sizeof(subj));
	memset(&body, 0, sizeof(body));
	t = model_node(list, "template");
	model_attr(t, "name", tmpl);
	if (mail_tmpl_source(c->tenant, c->app->cfg->datadir, tmpl, &src,
	    err, sizeof(err)) != 1 ||
	    src.data == NULL) {
		model_attr(t, "missing", "1");
		goto out;
	}
	n = adm_tmpl_vars(src.data, vars, VARS_MAX);
	vl = model_node(t, "vars");
	for (i = 0; i < n; i++) {
		model_attr(model_node(vl, "var"), "name", vars[i]);
		if (is_builtin(vars[i]))
			continue;
		snprintf(sample[i], sizeof(sample[i]), "〈%.*s〉", VAR_LEN - 1,
		    vars[i]);
		kv[nk++] = vars[i];
		kv[nk] = sample[i];
		for (k = 0; k < sizeof(samples) / sizeof(samples[0]); k++)
			if (strcmp(samples[k].name, vars[i]) == 0)
				kv[nk] = samples[k].value;
		nk++;
	}
	kv[nk] = NULL;
	if (mail_prepare(c->tenant, c->app->cfg->datadir, base, tmpl, kv,
	    &subj, &body, err, sizeof(err)) == -1) {
		model_text(t, "error", err);
		goto out;
	}
	model_text(t, "subject", subj.data);
	model_text(t, "body", body.data);
out:
	buf_free(&src);
	buf_free(&subj);
	buf_free(&body);
}

static enum result
page_admin_mail(struct ctx *c)
{
	const char *const	*l;
	xmlNodePtr		 list;
	char			 base[300];
	size_t			 i, j;

	if (model_new(c, "admin-mail") == -1)
		return RES_INTERNAL;
	snprintf(base, sizeof(base), "%s://%s", c->https ? "https" : "http",
	    c->host);
	list = model_node(c->content, "templates");
	for (i = 0; platform_mail[i] != NULL; i++)
		for (l = platform_mail[i]; *l != NULL; l++)
			one_template(c, list, *l, base);
	for (j = 0; features[j] != NULL; j++) {
		if (features[j]->mail == NULL || (!features[j]->always &&
		    !(c->tenant->feature_mask & (1U << j))))
			continue;
		for (l = features[j]->mail; *l != NULL; l++)
			one_template(c, list, *l, base);
	}
	return RES_OK;
}

const struct page admin_mail_pages[] = {
	{ .name = "admin-mail", .methods = M_GET, .path = "/admin/mail",
	    .flags = PAGE_TENANT | PAGE_AUTH, .get = page_admin_mail,
	    .roles = ROLE_TENANT_ADMIN },
	{ .name = NULL },
};
