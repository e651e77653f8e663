/*
 * verify.c — the public page a certificate's QR code leads to:
 * /verify/<code> on the tenant's own host says 有効, 期限切れ or 失効
 * with the holder's name, the kind and the dates.  Anything else — a
 * code of no certificate, another tenant's, a malformed one — gets the
 * one neutral 「確認できませんでした」 and nothing more, and counts
 * towards the address's throttle (THR_CERT_VERIFY): past it every
 * lookup of the address is refused with 429 until the window ends, so
 * codes cannot be guessed in bulk.  Never cached, never indexed.
 */
#include <stdio.h>
#include <string.h>

#include "cert.h"
#include "clock.h"
#include "ctx.h"
#include "db.h"
#include "dbq.h"
#include "tenant.h"

#define VERIFY_PREFIX	"/verify/"

/* The page's frame: no-store and noindex whatever it says. */
static int
verify_frame(struct ctx *c, const char *state)
{
	xmlNodePtr	 v;

	if (model_new(c, "cert-verify") == -1)
		return -1;
	model_attr(xmlDocGetRootElement(c->model), "robots", "noindex");
	/* Cache-Control: no-store is on every answer (response.c). */
	buf_puts(&c->hdrs, "X-Robots-Tag: noindex, nofollow\r\n");
	v = model_node(c->content, "verify");
	model_attr(v, "state", state);
	return 0;
}

/*
 * A code found on this tenant: its state and what the certificate
 * says.  1 found, 0 not, -1 error.
 */
static int
verify_lookup(struct ctx *c, const char *code)
{
	struct dbres	*r;
	xmlNodePtr	 v;
	char		 today[16];
	int		 rc = -1;

	if ((r = dbq_cert_by_code(c->app->db, c->tenant->slug, code)) ==
	    NULL)
		return -1;
	if (r->nrows == 0) {
		rc = 0;
		goto out;
	}
	clock_today(today, sizeof(today));
	if (verify_frame(c, cert_state(dbres_get(r, 0, CC_EXPIRES),
	    dbres_get(r, 0, CC_REVOKED_AT), today)) == -1)
		goto out;
	v = c->content->children;
	cert_row_model(v, r, 0, today, 0);
	rc = 1;
out:
	dbres_free(r);
	return rc;
}

/*
 * The code's part of the path, percent-decoded (a code typed with its
 * spaces arrives as %20).  -1 when it is longer than any code could be.
 */
static int
path_code(const char *p, char *out, size_t outlen)
{
	size_t		 n = 0;
	unsigned int	 v;

	for (; *p != '\0'; p++) {
		if (n + 1 >= outlen)
			return -1;
		if (p[0] == '%' && sscanf(p + 1, "%2x", &v) == 1 &&
		    p[1] != '\0' && p[2] != '\0' && v > 0) {
			out[n++] = (char)v;
			p += 2;
		} else
			out[n++] = *p;
	}
	out[n] = '\0';
	return 0;
}

/* GET /verify/<code> */
static enum result
page_verify(struct ctx *c)
{
	char		 code[CERT_CODE_LEN + 1], typed[160];
	const char	*ip = c->remote != NULL ? c->remote : "";
	int		 k;

	if ((k = throttle_over(c->app->db, THR_CERT_VERIFY, ip)) < 0)
		return RES_UNAVAIL;
	if (k > 0) {
		c->status_hint = 429;
		return verify_frame(c, "unknown") == -1 ? RES_INTERNAL :
		    RES_OK;
	}
	k = 0;
	if (path_code(c->path + strlen(VERIFY_PREFIX), typed,
	    sizeof(typed)) == 0 && cert_code_normalize(typed, code,
	    sizeof(code)) == 0 && (k = verify_lookup(c, code)) < 0)
		return RES_UNAVAIL;
	if (k > 0)
		return RES_OK;
	/* Unknown: the neutral answer, counted against the address. */
	if (throttle_hit(c->app->db, THR_CERT_VERIFY, ip) < 0)
		return RES_UNAVAIL;
	return verify_frame(c, "unknown") == -1 ? RES_INTERNAL : RES_OK;
}

const struct page verify_pages[] = {
	{ .name = "cert-verify", .methods = M_GET, .path = VERIFY_PREFIX,
	    .flags = PAGE_TENANT | PAGE_PREFIX, .get = page_verify },
	{ .name = NULL },
};
