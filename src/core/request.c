/*
 * request.c — one request from FastCGI parameters to a parsed context:
 * host → tenant, method + path → page, query, cookies and body with
 * their limits.  Every refusal here is a result, mapped to a status and
 * a themed page by the caller; nothing here writes to the client.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <fcgiapp.h>
#include <libxml/tree.h>

#include "conf.h"
#include "ctx.h"
#include "request.h"
#include "tenant.h"

static void
limits_of(const struct ctx *c, struct kvlimits *lim)
{
	lim->max_fields = (size_t)c->app->cfg->max_fields;
	lim->max_key = 128;
	lim->max_val = 64 * 1024;
}

/* The page is in English (else Japanese). */
int
ctx_en(const struct ctx *c)
{
	return strcmp(c->lang, "en") == 0;
}

/* Pick the language: an explicit ?lang= wins, then the cookie, then ja. */
void
ctx_lang(struct ctx *c)
{
	const char	*l;

	l = kv_str(&c->query, "lang");
	if (l == NULL)
		l = kv_str(&c->cookies, "lang");
	snprintf(c->lang, sizeof(c->lang), "%s",
	    l != NULL && strcmp(l, "en") == 0 ? "en" : "ja");
}

int
request_parse_body(struct ctx *c, const char *body, size_t len,
    const char *ctype)
{
	struct kvlimits	 lim;
	char		 boundary[80];
	int		 rc;

	limits_of(c, &lim);
	if (len == 0)
		return KV_OK;
	if (ctype == NULL)
		return KV_EMALFORMED;
	if (strncasecmp(ctype, "application/x-www-form-urlencoded", 33) == 0)
		rc = kv_parse_urlencoded(&c->form, body, len, &lim);
	else if (kv_boundary(ctype, boundary, sizeof(boundary)) == 0)
		rc = kv_parse_multipart(&c->form, body, len, boundary, &lim);
	else
		rc = KV_EMALFORMED;
	return rc;
}

static enum result
kv_result(int rc)
{
	switch (rc) {
	case KV_OK:
		return RES_OK;
	case KV_ELIMIT:
		return RES_TOOLARGE;
	case KV_ENOMEM:
		return RES_INTERNAL;
	default:
		return RES_BADREQ;
	}
}

/* Read the body, at most max_body bytes; larger ones are refused unread. */
static enum result
read_body(struct ctx *c, FCGX_Request *rq)
{
	const char	*cl = FCGX_GetParam("CONTENT_LENGTH", rq->envp);
	char		*e, *body = NULL;
	long long	 n;
	int		 got;
	enum result	 r = RES_OK;

	if (cl == NULL || *cl == '\0')
		goto out;
	errno = 0;
	n = strtoll(cl, &e, 10);
	if (*e != '\0' || errno != 0 || n < 0) {
		r = RES_BADREQ;
		goto out;
	}
	if (n > c->app->cfg->max_body) {
		r = RES_TOOLARGE;
		goto out;
	}
	if (n == 0)
		goto out;
	if ((body = malloc((size_t)n + 1)) == NULL) {
		r = RES_INTERNAL;
		goto out;
	}
	got = FCGX_GetStr(body, (int)n, rq->in);
	if (got != (int)n) {
		r = RES_BADREQ;
		goto out;
	}
	body[n] = '\0';
	c->ctype_in = FCGX_GetParam("CONTENT_TYPE", rq->envp);
	/* Parsed into copies: CORE-12 keeps the fields, not the body. */
	r = kv_result(request_parse_body(c, body, (size_t)n, c->ctype_in));
out:
	free(body);
	return r;
}

/*
 * Fill the context.  Returns RES_OK with c->page set, or the refusal.  The
 * tenant comes from the Host header only; c->tenant stays NULL (and
 * c->ops 0) for a host nobody configured.
 */
enum result
request_read(struct ctx *c, FCGX_Request *rq)
{
	struct kvlimits	 lim;
	const char	*uri, *qs, *host, *cookie, *cl;
	size_t		 n;
	enum result	 r = RES_OK;

	limits_of(c, &lim);
	c->method = FCGX_GetParam("REQUEST_METHOD", rq->envp);
	if (c->method == NULL)
		c->method = "GET";
	c->accept = FCGX_GetParam("HTTP_ACCEPT", rq->envp);
	c->origin = FCGX_GetParam("HTTP_ORIGIN", rq->envp);
	c->remote = FCGX_GetParam("REMOTE_ADDR", rq->envp);
	c->authz = FCGX_GetParam("HTTP_AUTHORIZATION", rq->envp);
	c->https = (host = FCGX_GetParam("HTTPS", rq->envp)) != NULL &&
	    strcasecmp(host, "on") == 0;
	host = FCGX_GetParam("SERVER_PORT", rq->envp);
	c->port = host != NULL ? atoi(host) : 0;
	if ((uri = FCGX_GetParam("REQUEST_URI", rq->envp)) == NULL &&
	    (uri = FCGX_GetParam("SCRIPT_NAME", rq->envp)) == NULL)
		uri = "/";
	n = strcspn(uri, "?");
	if (n >= sizeof(c->path) || uri[0] != '/') {
		snprintf(c->path, sizeof(c->path), "/");
		r = n >= sizeof(c->path) ? RES_NOTFOUND : RES_BADREQ;
	} else {
		memcpy(c->path, uri, n);
		c->path[n] = '\0';
	}
	host = FCGX_GetParam("HTTP_HOST", rq->envp);
	if (host == NULL || host_normalize(host, c->host,
	    sizeof(c->host)) == -1)
		c->host[0] = '\0';
	c->ops = c->host[0] != '\0' && host_in_list(c->app->cfg->ops_hosts,
	    c->host);
	if (!c->ops)
		c->tenant = tenant_by_host(c->app->tenants, c->host);
	/* Disabled by central IT (OPS-1): no page, no sign-in, data kept. */
	if (c->tenant != NULL && c->tenant->disabled) {
		c->tenant = NULL;
		c->unavailable = 1;
	}

	/* Cookies first: the language of an error page depends on them. */
	cookie = FCGX_GetParam("HTTP_COOKIE", rq->envp);
	if (cookie != NULL && kv_parse_cookies(&c->cookies, cookie,
	    &lim) != KV_OK && r == RES_OK)
		r = RES_BADREQ;
	qs = FCGX_GetParam("QUERY_STRING", rq->envp);
	if (qs != NULL && r == RES_OK)
		r = kv_result(kv_parse_urlencoded(&c->query, qs, strlen(qs),
		    &lim));
	ctx_lang(c);
	if (r != RES_OK || (c->tenant == NULL && !c->ops))
		goto out;
	/* Too large is too large on any path, whatever the method. */
	cl = FCGX_GetParam("CONTENT_LENGTH", rq->envp);
	if (cl != NULL && strtoll(cl, NULL, 10) > c->app->cfg->max_body) {
		r = RES_TOOLARGE;
		goto out;
	}
	switch (page_lookup(c->method, c->path, c->ops, c->tenant,
	    &c->page)) {
	case PM_NOTFOUND:
		r = RES_NOTFOUND;
		goto out;
	case PM_METHOD:
		r = RES_METHOD;
		goto out;
	case PM_FOUND:
		break;
	}
	if (strcmp(c->method, "POST") == 0)
		r = read_body(c, rq);
out:
	return r;
}

void
ctx_free(struct ctx *c)
{
	kv_free(&c->query);
	kv_free(&c->cookies);
	kv_free(&c->form);
	xmlFreeDoc(c->model);
	c->model = NULL;
	buf_free(&c->body);
	buf_free(&c->hdrs);
}
