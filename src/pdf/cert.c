/*
 * cert.c — verification codes, issuing, and the holder's certificate
 * PDF at /certificate/<id>.pdf (issue 9 item 7).
 *
 * A code is 128 bits from getrandom() in base32 (RFC 4648's alphabet,
 * no padding): 26 characters, read aloud or typed without confusion
 * between 0/O and 1/I (the alphabet has neither 0 nor 1), printed in
 * groups of four.  The PDF is made from the certificate's page model
 * through xslt/pdf/certificate.xsl, like every PDF (pdf.h).
 */
#include <sys/random.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cert.h"
#include "clock.h"
#include "ctx.h"
#include "db.h"
#include "pdf.h"
#include "session.h"
#include "tenant.h"

static const char b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

void
cert_code_encode(const unsigned char *in, char *out)
{
	unsigned int	 acc = 0;
	int		 bits = 0;
	size_t		 i, n = 0;

	for (i = 0; i < CERT_CODE_BYTES; i++) {
		acc = (acc << 8) | in[i];
		bits += 8;
		while (bits >= 5) {
			out[n++] = b32[(acc >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0)		/* 128 = 25 * 5 + 3: three bits, then zeros */
		out[n++] = b32[(acc << (5 - bits)) & 31];
	out[n] = '\0';
}

int
cert_code_new(char *out, size_t outlen)
{
	unsigned char	 r[CERT_CODE_BYTES];

	if (outlen < CERT_CODE_LEN + 1 ||
	    getrandom(r, sizeof(r), 0) != (ssize_t)sizeof(r))
		return -1;
	cert_code_encode(r, out);
	return 0;
}

static int
b32_value(int ch)
{
	const char	*p;

	if (ch >= 'a' && ch <= 'z')
		ch -= 'a' - 'A';
	if (ch == '\0' || (p = strchr(b32, ch)) == NULL)
		return -1;
	return (int)(p - b32);
}

int
cert_code_normalize(const char *in, char *out, size_t outlen)
{
	const unsigned char	*p = (const unsigned char *)in;
	size_t			 n = 0;
	int			 v = -1;

	if (in == NULL || outlen < CERT_CODE_LEN + 1)
		return -1;
	while (*p != '\0') {
		/* Separators: space, tab, '-', and the full-width space
		 * (E3 80 80) and hyphen-minus (EF BC 8D) of a Japanese IME. */
		if (*p == ' ' || *p == '\t' || *p == '-' || *p == '+') {
			p++;
			continue;
		}
		if (p[0] == 0xe3 && p[1] == 0x80 && p[2] == 0x80) {
			p += 3;
			continue;
		}
		if (p[0] == 0xef && p[1] == 0xbc && p[2] == 0x8d) {
			p += 3;
			continue;
		}
		if (n == CERT_CODE_LEN || (v = b32_value(*p)) < 0)
			return -1;
		out[n++] = b32[v];
		p++;
	}
	/* 26 characters whose last carries three bits and two zeros. */
	if (n != CERT_CODE_LEN || (v & 3) != 0)
		return -1;
	out[n] = '\0';
	return 0;
}

void
cert_code_group(const char *code, char *out, size_t outlen)
{
	size_t	 i, n = 0;

	for (i = 0; code[i] != '\0'; i++) {
		if (n + (i > 0 && i % 4 == 0) + 1 >= outlen)
			break;
		if (i > 0 && i % 4 == 0)
			out[n++] = '-';
		out[n++] = code[i];
	}
	if (outlen > 0)
		out[n] = '\0';
}

long long
cert_issue(struct db *d, const struct tenant *t, const char *uid,
    const char *holder, const char *kind_key, const char *issued_on,
    const char *expires_on, long long app_id, char *number, size_t numlen,
    char *code, size_t codelen)
{
	if (cert_code_new(code, codelen) == -1)
		return -1;
	return cert_issue_with_code(d, t, uid, holder, kind_key, issued_on,
	    expires_on, app_id, code, number, numlen);
}

long long
cert_issue_with_code(struct db *d, const struct tenant *t, const char *uid,
    const char *holder, const char *kind_key, const char *issued_on,
    const char *expires_on, long long app_id, const char *code,
    char *number, size_t numlen)
{
	char		 norm[CERT_CODE_LEN + 1];
	long long	 id = -1;

	if (cert_code_normalize(code, norm, sizeof(norm)) == -1 ||
	    dbq_cert_insert(d, t->slug, uid, holder, kind_key, issued_on,
	    expires_on, app_id, norm, number, numlen, &id) <= 0)
		return -1;
	return id;
}

int
cert_expiry(const char *date, int years, char *out, size_t outlen)
{
	struct tm	 tm;
	time_t		 t;
	int		 y, m, d;

	if (sscanf(date, "%4d-%2d-%2d", &y, &m, &d) != 3 || years < 1 ||
	    years > 100)
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y + years - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d - 1;	/* timegm() normalises day 0 and 29 Feb */
	tm.tm_hour = 12;
	if ((t = timegm(&tm)) == (time_t)-1 || gmtime_r(&t, &tm) == NULL ||
	    strftime(out, outlen, "%Y-%m-%d", &tm) == 0)
		return -1;
	return 0;
}

long long
cert_issue_app(struct db *d, const struct tenant *t, const char *uid,
    const char *kind_key, int years, long long app_id)
{
	char	 holder[401], today[16], expires[16], number[32];
	char	 code[CERT_CODE_LEN + 1];
	long long id;

	/* A second payment (another fee of it, a replay) issues nothing. */
	if (app_id > 0 && (id = dbq_cert_of_app(d, t->slug, app_id)) != 0)
		return id;
	if (dbq_cert_holder(d, t->slug, uid, holder, sizeof(holder)) < 0)
		return -1;
	if (holder[0] == '\0')
		snprintf(holder, sizeof(holder), "%s", uid);
	clock_today(today, sizeof(today));
	if (years > 0 && cert_expiry(today, years, expires,
	    sizeof(expires)) == -1)
		return -1;
	return cert_issue(d, t, uid, holder, kind_key, today,
	    years > 0 ? expires : NULL, app_id, number, sizeof(number), code,
	    sizeof(code));
}

const char *
cert_state(const char *expires_on, const char *revoked_at,
    const char *today)
{
	if (revoked_at != NULL)
		return "revoked";
	if (expires_on != NULL && *expires_on != '\0' &&
	    strcmp(expires_on, today) < 0)
		return "expired";
	return "valid";
}

xmlNodePtr
cert_row_model(xmlNodePtr parent, const struct dbres *r, size_t i,
    const char *today, int full)
{
	xmlNodePtr	 n = model_node(parent, "certificate");
	const char	*exp = dbres_get(r, i, CC_EXPIRES);
	const char	*rev = dbres_get(r, i, CC_REVOKED_AT);
	char		 grouped[CERT_GROUPED_LEN];

	model_attr(n, "number", dbres_get(r, i, CC_NUMBER));
	model_attr(n, "kind", dbres_get(r, i, CC_KIND));
	model_attr(n, "issued", dbres_get(r, i, CC_ISSUED));
	if (exp != NULL)
		model_attr(n, "expires", exp);
	model_attr(n, "state", cert_state(exp, rev, today));
	model_text(n, "holder", dbres_get(r, i, CC_HOLDER));
	if (full) {
		model_attr(n, "id", dbres_get(r, i, CC_ID));
		model_attr(n, "uid", dbres_get(r, i, CC_UID));
		cert_code_group(dbres_get(r, i, CC_CODE), grouped,
		    sizeof(grouped));
		model_attr(n, "code", grouped);
		model_attrf(n, "verify", "/verify/%s",
		    dbres_get(r, i, CC_CODE));
		if (rev != NULL) {
			model_attr(n, "revoked-at", rev);
			model_text(n, "revoke-reason",
			    dbres_get(r, i, CC_REVOKE_REASON));
		}
	}
	return n;
}

int
cert_held(const struct ctx *c)
{
	const char	*v = session_feature(c, "cert");

	return v == NULL || strcmp(v, "0") != 0;
}

int
cert_member_rows(struct ctx *c, xmlNodePtr parent, const struct dbres *r)
{
	xmlNodePtr	 list, n;
	char		 today[16];
	size_t		 i;

	clock_today(today, sizeof(today));
	list = r->nrows > 0 ? model_node(parent, "certificates") : NULL;
	for (i = 0; i < r->nrows; i++) {
		n = cert_row_model(list, r, i, today, 1);
		model_attrf(n, "href", "/certificate/%s.pdf",
		    dbres_get(r, i, CC_ID));
	}
	return (int)r->nrows;
}

int
cert_member_model(struct ctx *c, xmlNodePtr parent)
{
	struct dbres	*r;
	int		 k;

	/* The session statement said whether there is any (issue 10). */
	if (!cert_held(c))
		return 0;
	if ((r = dbq_cert_of_uid(c->app->db, c->tenant->slug,
	    c->sess.uid)) == NULL)
		return -1;
	k = cert_member_rows(c, parent, r);
	dbres_free(r);
	return k;
}

/* "/certificate/12.pdf": 12; 0 for anything else. */
static long long
pdf_path_id(const char *path)
{
	const char	*p = path + strlen("/certificate/");
	size_t		 n = strspn(p, "0123456789");

	if (n == 0 || n > 18 || p[0] == '0' || strcmp(p + n, ".pdf") != 0)
		return 0;
	return strtoll(p, NULL, 10);
}

/*
 * Certificate id as a PDF for its holder through print_xsl (below
 * xslt/), named "<name>_<number>.pdf"; anyone else, signed in or not,
 * gets the 404 of a certificate that does not exist.  The platform's
 * /certificate/<id>.pdf and a product's own certificate page (its own
 * wording, e.g. medassoc's 修了証) share it.
 */
enum result
cert_pdf_page(struct ctx *c, long long id, const char *print_xsl,
    const char *name_ja, const char *name_en)
{
	struct dbres	*r = NULL;
	xmlNodePtr	 n;
	char		 today[16], base[300], name[200];
	const char	*code;
	enum result	 rc = RES_NOTFOUND;

	if (id <= 0)
		goto out;
	if ((r = dbq_cert_get(c->app->db, c->tenant->slug, id)) == NULL) {
		rc = RES_UNAVAIL;
		goto out;
	}
	if (r->nrows == 0 || strcmp(dbres_get(r, 0, CC_UID),
	    c->sess.uid) != 0)
		goto out;
	if (model_new(c, "certificate") == -1) {
		rc = RES_INTERNAL;
		goto out;
	}
	clock_today(today, sizeof(today));
	n = cert_row_model(c->content, r, 0, today, 1);
	code = dbres_get(r, 0, CC_CODE);
	base_url(c, base, sizeof(base));
	model_attrf(n, "url", "%s/verify/%s", base, code);
	snprintf(name, sizeof(name), "%s_%s.pdf",
	    strcmp(c->lang, "en") == 0 ? name_en : name_ja,
	    dbres_get(r, 0, CC_NUMBER));
	rc = pdf_page(c, print_xsl, 0, name);
out:
	dbres_free(r);
	return rc;
}

/* GET /certificate/<id>.pdf: the platform's certificate. */
static enum result
page_certificate_pdf(struct ctx *c)
{
	return cert_pdf_page(c, pdf_path_id(c->path), "pdf/certificate.xsl",
	    "認定証", "certificate");
}

const struct page cert_pages[] = {
	{ .name = "certificate", .methods = M_GET, .path = "/certificate/",
	    .flags = PAGE_TENANT | PAGE_AUTH | PAGE_PREFIX | PAGE_RAW,
	    .get = page_certificate_pdf },
	{ .name = NULL },
};
