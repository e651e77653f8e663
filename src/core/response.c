/*
 * response.c — results to HTTP statuses, in one table, the headers
 * every response carries, and the redirect every handler uses.
 */
#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "ctx.h"

static const struct {
	enum result	 r;
	int		 status;
} result_map[] = {
	{ RES_OK, 200 },
	{ RES_REDIRECT, 303 },
	{ RES_BADREQ, 400 },
	{ RES_FORBIDDEN, 403 },
	{ RES_NOTFOUND, 404 },
	{ RES_METHOD, 405 },
	{ RES_TOOLARGE, 413 },
	{ RES_TOOMANY, 429 },
	{ RES_UNAVAIL, 503 },
	{ RES_INTERNAL, 500 },
};

static const struct {
	int		 status;
	const char	*reason;
} reasons[] = {
	{ 200, "OK" }, { 303, "See Other" }, { 400, "Bad Request" },
	{ 401, "Unauthorized" }, { 403, "Forbidden" }, { 404, "Not Found" },
	{ 405, "Method Not Allowed" }, { 409, "Conflict" }, { 410, "Gone" },
	{ 413, "Payload Too Large" }, { 429, "Too Many Requests" },
	{ 500, "Internal Server Error" }, { 503, "Service Unavailable" },
};

/* A handler's "303 See Other to `to`": return redirect_to(c, to); */
enum result
redirect_to(struct ctx *c, const char *to)
{
	snprintf(c->location, sizeof(c->location), "%s", to);
	return RES_REDIRECT;
}

/* To a local ?next= (local_path()), else to fallback. */
enum result
redirect_next(struct ctx *c, const char *next, const char *fallback)
{
	return redirect_to(c, local_path(next) ? next : fallback);
}

/*
 * To path with one more parameter, e.g. done=saved for the flash of
 * the page it lands on; path may have a query already.
 */
enum result
redirect_param(struct ctx *c, const char *path, const char *name,
    const char *value)
{
	snprintf(c->location, sizeof(c->location), "%s%c%s=%s", path,
	    strchr(path, '?') != NULL ? '&' : '?', name, value);
	return RES_REDIRECT;
}

int
http_status(enum result r)
{
	size_t	 i;
	int	 st = 500;

	for (i = 0; i < sizeof(result_map) / sizeof(result_map[0]); i++)
		if (result_map[i].r == r)
			st = result_map[i].status;
	return st;
}

const char *
http_reason(int st)
{
	size_t		 i;
	const char	*s = "Unknown";

	for (i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (reasons[i].status == st)
			s = reasons[i].reason;
	return s;
}

/*
 * No inline script or style anywhere, so the policy can be strict; the
 * pages are never framed; referrers never leak paths to other sites.
 */
void
response_security_headers(struct buf *b)
{
	buf_puts(b,
	    "Content-Security-Policy: default-src 'self'; img-src 'self' "
	    "data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
	    "frame-ancestors 'none'\r\n"
	    "X-Content-Type-Options: nosniff\r\n"
	    "X-Frame-Options: DENY\r\n"
	    "Referrer-Policy: same-origin\r\n"
	    "Cache-Control: no-store\r\n");
}

/*
 * A local path to return to: "/..." but never "//host" or "/\\host",
 * which browsers treat as another site (an open redirect).
 */
int
local_path(const char *p)
{
	size_t	 i;

	if (p == NULL || p[0] != '/' || p[1] == '/' || p[1] == '\\')
		return 0;
	for (i = 0; p[i] != '\0'; i++)
		if ((unsigned char)p[i] < 0x21 || p[i] == '\\' ||
		    (unsigned char)p[i] >= 0x7f || i >= 400)
			return 0;
	return 1;
}

/* The site's address as the visitor sees it, for links in mail. */
void
base_url(const struct ctx *c, char *out, size_t outlen)
{
	int	 dflt = c->https ? 443 : 80;

	if (c->port > 0 && c->port != dflt)
		snprintf(out, outlen, "%s://%s:%d", c->https ? "https" : "http",
		    c->host, c->port);
	else
		snprintf(out, outlen, "%s://%s", c->https ? "https" : "http",
		    c->host);
}

/* RFC 5987 attr-char: sent as is; everything else is %XX. */
static int
attr_char(unsigned char ch)
{
	return isalnum(ch) || (ch != '\0' && strchr("!#$&+-.^_`|~", ch));
}

int
http_disposition(char *out, size_t outlen, const char *disp,
    const char *filename)
{
	struct buf		 b = { NULL, 0, 0 };
	const unsigned char	*p;
	int			 rc = -1;

	buf_printf(&b, "%s; filename=\"", disp);
	/* The fallback for old clients: ASCII, one '_' per other character. */
	for (p = (const unsigned char *)filename; *p != '\0'; p++) {
		if (*p >= 0x80) {
			if ((*p & 0xc0) != 0x80)
				buf_puts(&b, "_");
		} else if (*p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\')
			buf_append(&b, p, 1);
	}
	buf_puts(&b, "\"; filename*=UTF-8''");
	for (p = (const unsigned char *)filename; *p != '\0'; p++) {
		if (attr_char(*p))
			buf_append(&b, p, 1);
		else
			buf_printf(&b, "%%%02X", *p);
	}
	if (b.data != NULL && b.len < outlen) {
		memcpy(out, b.data, b.len + 1);
		rc = 0;
	}
	buf_free(&b);
	return rc;
}
