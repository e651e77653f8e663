/*
 * kv.c — the parsers of everything a client sends as fields.  Each one
 * works on a buffer with a length (never trusting a NUL), enforces the
 * limits as it goes, and either returns every field or none: a request
 * that is malformed is refused whole, never half-read.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "kv.h"

int
kv_add(struct kvlist *l, const char *k, size_t kl, const char *v, size_t vl)
{
	struct kv	*p, *e;

	if (l->n == l->cap) {
		size_t ncap = l->cap ? l->cap * 2 : 16;
		if ((p = reallocarray(l->kv, ncap, sizeof(*p))) == NULL)
			return KV_ENOMEM;
		l->kv = p;
		l->cap = ncap;
	}
	e = &l->kv[l->n];
	memset(e, 0, sizeof(*e));
	if ((e->key = strndup(k, kl)) == NULL ||
	    (e->val = malloc(vl + 1)) == NULL) {
		free(e->key);
		return KV_ENOMEM;
	}
	memcpy(e->val, v, vl);
	e->val[vl] = '\0';
	e->vlen = vl;
	l->n++;
	return KV_OK;
}

/* Copy n bytes exactly (strndup would stop at an embedded NUL). */
static char *
memdupz(const char *p, size_t n)
{
	char	*s;

	if ((s = malloc(n + 1)) != NULL) {
		memcpy(s, p, n);
		s[n] = '\0';
	}
	return s;
}

/* Decode %XX and '+' in place; refuse bad escapes and invalid UTF-8. */
static int
url_decode(char *s, size_t *len)
{
	size_t	 i, o = 0;
	int	 h, l;

	for (i = 0; i < *len; i++) {
		if (s[i] == '+')
			s[o++] = ' ';
		else if (s[i] == '%') {
			if (i + 2 >= *len)
				return -1;
			if ((h = hexval(s[i + 1])) < 0 ||
			    (l = hexval(s[i + 2])) < 0)
				return -1;
			s[o++] = (char)(h << 4 | l);
			i += 2;
		} else
			s[o++] = s[i];
	}
	*len = o;
	s[o] = '\0';
	return utf8_valid(s, o) && memchr(s, '\0', o) == NULL ? 0 : -1;
}

int
kv_parse_urlencoded(struct kvlist *l, const char *data, size_t len,
    const struct kvlimits *lim)
{
	const char	*p = data, *end = data + len, *amp, *eq;
	char		*k = NULL, *v = NULL;
	size_t		 kl, vl;
	int		 rc = KV_OK;

	while (p < end) {
		amp = memchr(p, '&', (size_t)(end - p));
		if (amp == NULL)
			amp = end;
		if (amp == p) {		/* "a=1&&b=2": tolerated */
			p++;
			continue;
		}
		eq = memchr(p, '=', (size_t)(amp - p));
		kl = (size_t)((eq ? eq : amp) - p);
		vl = eq ? (size_t)(amp - eq - 1) : 0;
		if (l->n >= lim->max_fields || kl > lim->max_key * 3 ||
		    vl > lim->max_val * 3) {
			rc = KV_ELIMIT;
			goto out;
		}
		if ((k = memdupz(p, kl)) == NULL ||
		    (v = memdupz(eq ? eq + 1 : "", vl)) == NULL) {
			rc = KV_ENOMEM;
			goto out;
		}
		if (url_decode(k, &kl) == -1 || url_decode(v, &vl) == -1 ||
		    kl == 0) {
			rc = KV_EMALFORMED;
			goto out;
		}
		if (kl > lim->max_key || vl > lim->max_val) {
			rc = KV_ELIMIT;
			goto out;
		}
		if ((rc = kv_add(l, k, kl, v, vl)) != KV_OK)
			goto out;
		free(k);
		free(v);
		k = v = NULL;
		p = amp + (amp < end);
	}
out:
	free(k);
	free(v);
	if (rc != KV_OK)
		kv_free(l);
	return rc;
}

/*
 * Cookies (RFC 6265 §5.2, lenient as browsers are): "a=1; b=2".  A pair
 * without '=' is skipped rather than failing the request: a stray cookie
 * from another application on the same domain must not lock members out.
 */
int
kv_parse_cookies(struct kvlist *l, const char *hdr,
    const struct kvlimits *lim)
{
	const char	*p = hdr, *semi, *eq, *ks, *ke, *vs, *ve;
	int		 rc = KV_OK;

	while (p != NULL && *p != '\0') {
		semi = strchr(p, ';');
		if (semi == NULL)
			semi = p + strlen(p);
		eq = memchr(p, '=', (size_t)(semi - p));
		if (eq != NULL) {
			for (ks = p; ks < eq && (*ks == ' ' || *ks == '\t');)
				ks++;
			for (ke = eq; ke > ks && (ke[-1] == ' ' ||
			    ke[-1] == '\t');)
				ke--;
			for (vs = eq + 1; vs < semi && (*vs == ' ' ||
			    *vs == '\t');)
				vs++;
			for (ve = semi; ve > vs && (ve[-1] == ' ' ||
			    ve[-1] == '\t');)
				ve--;
			if (ve - vs >= 2 && *vs == '"' && ve[-1] == '"') {
				vs++;
				ve--;
			}
			if (ke > ks) {
				if (l->n >= lim->max_fields ||
				    (size_t)(ke - ks) > lim->max_key ||
				    (size_t)(ve - vs) > lim->max_val) {
					rc = KV_ELIMIT;
					goto out;
				}
				if ((rc = kv_add(l, ks, (size_t)(ke - ks), vs,
				    (size_t)(ve - vs))) != KV_OK)
					goto out;
			}
		}
		p = *semi ? semi + 1 : semi;
	}
out:
	if (rc != KV_OK)
		kv_free(l);
	return rc;
}

/* Extract boundary=... from a multipart Content-Type. */
int
kv_boundary(const char *ctype, char *out, size_t outlen)
{
	const char	*p;
	size_t		 n;

	if (ctype == NULL || strncasecmp(ctype, "multipart/form-data", 19))
		return -1;
	if ((p = strcasestr(ctype, "boundary=")) == NULL)
		return -1;
	p += 9;
	if (*p == '"') {
		p++;
		n = strcspn(p, "\"");
		if (p[n] != '"')
			return -1;
	} else
		n = strcspn(p, "; \t");
	/* RFC 2046: 1..70 characters. */
	if (n == 0 || n > 70 || n + 1 > outlen)
		return -1;
	memcpy(out, p, n);
	out[n] = '\0';
	return 0;
}

/* Find a parameter like name="x" in a Content-Disposition value. */
static char *
disp_param(const char *h, size_t hl, const char *name)
{
	const char	*p = h, *end = h + hl, *q;
	size_t		 nl = strlen(name);

	while (p < end) {
		p = memchr(p, ';', (size_t)(end - p));
		if (p == NULL)
			return NULL;
		p++;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if ((size_t)(end - p) > nl + 1 && strncasecmp(p, name, nl) == 0 &&
		    p[nl] == '=') {
			p += nl + 1;
			if (p < end && *p == '"') {
				p++;
				q = memchr(p, '"', (size_t)(end - p));
				if (q == NULL)
					return NULL;
			} else
				for (q = p; q < end && *q != ';'; q++)
					;
			return strndup(p, (size_t)(q - p));
		}
	}
	return NULL;
}

/*
 * multipart/form-data (RFC 7578).  The body must start with the first
 * delimiter and end with the closing one; each part needs a
 * Content-Disposition of form-data with a name.
 */
int
kv_parse_multipart(struct kvlist *l, const char *data, size_t len,
    const char *boundary, const struct kvlimits *lim)
{
	char		 delim[80];
	const char	*p = data, *end = data + len, *hend, *next, *line, *le;
	char		*name = NULL, *fname = NULL, *ctype = NULL;
	size_t		 dl, vl;
	struct kv	*e;
	int		 rc = KV_EMALFORMED, isfile;

	dl = (size_t)snprintf(delim, sizeof(delim), "--%s", boundary);
	if (dl >= sizeof(delim) || len < dl || memcmp(p, delim, dl) != 0)
		goto out;
	p += dl;
	for (;;) {
		/* After a delimiter: "--" ends the body, CRLF starts a part. */
		if (end - p >= 2 && p[0] == '-' && p[1] == '-') {
			rc = KV_OK;
			break;
		}
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			goto out;
		p += 2;
		hend = memmem(p, (size_t)(end - p), "\r\n\r\n", 4);
		if (hend == NULL)
			goto out;
		name = fname = ctype = NULL;
		for (line = p; line < hend; line = le + 2) {
			le = memmem(line, (size_t)(hend + 2 - line), "\r\n", 2);
			if (le == NULL)
				le = hend;
			if ((size_t)(le - line) > 20 &&
			    strncasecmp(line, "Content-Disposition:", 20) == 0) {
				if (name != NULL)
					goto out;
				name = disp_param(line, (size_t)(le - line),
				    "name");
				fname = disp_param(line, (size_t)(le - line),
				    "filename");
				if (name == NULL)
					goto out;
			} else if ((size_t)(le - line) > 13 &&
			    strncasecmp(line, "Content-Type:", 13) == 0) {
				free(ctype);
				ctype = strndup(line + 13, (size_t)(le - line -
				    13));
				if (ctype == NULL) {
					rc = KV_ENOMEM;
					goto out;
				}
			}
			if (le == hend)
				break;
		}
		if (name == NULL || *name == '\0')
			goto out;
		p = hend + 4;
		/* The part's data runs up to CRLF + delimiter. */
		next = NULL;
		{
			const char *s = p;
			while (s < end) {
				s = memmem(s, (size_t)(end - s), "\r\n--", 4);
				if (s == NULL)
					break;
				if ((size_t)(end - s - 2) >= dl &&
				    memcmp(s + 2, delim, dl) == 0) {
					next = s;
					break;
				}
				s += 4;
			}
		}
		if (next == NULL)
			goto out;
		vl = (size_t)(next - p);
		isfile = fname != NULL;
		if (l->n >= lim->max_fields || strlen(name) > lim->max_key ||
		    (!isfile && vl > lim->max_val)) {
			rc = KV_ELIMIT;
			goto out;
		}
		if (!isfile && (!utf8_valid(p, vl) ||
		    memchr(p, '\0', vl) != NULL))
			goto out;
		if ((rc = kv_add(l, name, strlen(name), p, vl)) != KV_OK)
			goto out;
		rc = KV_EMALFORMED;
		e = &l->kv[l->n - 1];
		e->filename = fname;
		e->ctype = ctype ? strdup(strtrim(ctype)) : NULL;
		free(ctype);
		free(name);
		name = fname = ctype = NULL;
		p = next + 2 + dl;
	}
out:
	free(name);
	free(fname);
	free(ctype);
	if (rc != KV_OK)
		kv_free(l);
	return rc;
}

const struct kv *
kv_get(const struct kvlist *l, const char *k)
{
	size_t	 i;

	for (i = 0; l != NULL && i < l->n; i++)
		if (strcmp(l->kv[i].key, k) == 0)
			return &l->kv[i];
	return NULL;
}

const char *
kv_str(const struct kvlist *l, const char *k)
{
	const struct kv	*e = kv_get(l, k);

	return e != NULL && e->filename == NULL ? e->val : NULL;
}

void
kv_free(struct kvlist *l)
{
	size_t	 i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++) {
		free(l->kv[i].key);
		free(l->kv[i].val);
		free(l->kv[i].filename);
		free(l->kv[i].ctype);
	}
	free(l->kv);
	l->kv = NULL;
	l->n = l->cap = 0;
}
