/* buf.c — growable buffers, UTF-8 counting, constant-time comparison. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

static int
buf_grow(struct buf *b, size_t need)
{
	size_t	 ncap;
	char	*p;

	if (b->len + need + 1 <= b->cap)
		return 0;
	ncap = b->cap ? b->cap : 256;
	while (ncap < b->len + need + 1) {
		if (ncap > ((size_t)-1) / 2)
			return -1;
		ncap *= 2;
	}
	if ((p = realloc(b->data, ncap)) == NULL)
		return -1;
	b->data = p;
	b->cap = ncap;
	return 0;
}

int
buf_append(struct buf *b, const void *p, size_t n)
{
	if (buf_grow(b, n) == -1)
		return -1;
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int
buf_puts(struct buf *b, const char *s)
{
	return buf_append(b, s, strlen(s));
}

int
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	int	 n, rc = -1;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || buf_grow(b, (size_t)n) == -1)
		goto out;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	rc = 0;
out:
	return rc;
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

void
buf_free(struct buf *b)
{
	if (b == NULL)
		return;
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

/* The value of one hexadecimal digit, or -1. */
int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Count characters, not bytes: limits such as "1,040 characters" are
 * about what the member typed.  Continuation bytes are not counted.
 */
size_t
utf8_chars(const char *s, size_t len)
{
	size_t	 i, n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return n;
}

/*
 * One UTF-8 character at s, strictly: no overlongs, no surrogates,
 * nothing past U+10FFFF.  Its length in bytes (*cp its code point), or
 * 0 when the bytes at s are not a character.
 */
size_t
utf8_decode(const char *p, size_t len, unsigned int *cp)
{
	const unsigned char	*s = (const unsigned char *)p;
	size_t			 n, k;
	unsigned int		 c, min;

	if (len == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	} else if ((s[0] & 0xe0) == 0xc0) {
		n = 1; c = s[0] & 0x1f; min = 0x80;
	} else if ((s[0] & 0xf0) == 0xe0) {
		n = 2; c = s[0] & 0x0f; min = 0x800;
	} else if ((s[0] & 0xf8) == 0xf0) {
		n = 3; c = s[0] & 0x07; min = 0x10000;
	} else
		return 0;
	if (n >= len)
		return 0;
	for (k = 1; k <= n; k++) {
		if ((s[k] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[k] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n + 1;
}

int
utf8_valid(const char *p, size_t len)
{
	unsigned int	 cp;
	size_t		 i = 0, n;

	while (i < len) {
		if ((n = utf8_decode(p + i, len - i, &cp)) == 0)
			return 0;
		i += n;
	}
	return 1;
}

/*
 * XML 1.0's Char production: what a well-formed document may hold.
 * Tab, LF and CR are the only C0 controls; U+FFFE and U+FFFF are out
 * (surrogates never decode).
 */
int
xml_char(unsigned int cp)
{
	if (cp < 0x20)
		return cp == '\t' || cp == '\n' || cp == '\r';
	return cp != 0xfffe && cp != 0xffff;
}

/* Valid UTF-8 and every character one XML 1.0 may carry. */
int
utf8_xml_valid(const char *p, size_t len)
{
	const unsigned char	*s = (const unsigned char *)p;
	unsigned int		 cp;
	size_t			 i = 0, n;

	while (i < len) {
		/* Printable ASCII first: most of a model, checked for every
		 * text and attribute before each page is written. */
		if (s[i] >= 0x20 && s[i] < 0x80) {
			i++;
			continue;
		}
		/* Then the three bytes of kana and kanji, in line. */
		if ((s[i] & 0xf0) == 0xe0 && len - i >= 3 &&
		    (s[i + 1] & 0xc0) == 0x80 && (s[i + 2] & 0xc0) == 0x80) {
			cp = (unsigned int)(s[i] & 0x0f) << 12 |
			    (unsigned int)(s[i + 1] & 0x3f) << 6 |
			    (s[i + 2] & 0x3f);
			if (cp >= 0x800 && (cp < 0xd800 || cp > 0xdfff) &&
			    cp != 0xfffe && cp != 0xffff) {
				i += 3;
				continue;
			}
		}
		if ((n = utf8_decode(p + i, len - i, &cp)) == 0 ||
		    !xml_char(cp))
			return 0;
		i += n;
	}
	return 1;
}

/*
 * The text with every byte that is not UTF-8 and every character XML
 * 1.0 forbids replaced by U+FFFD, so that what was there stays visible.
 * NULL when nothing needs replacing (or memory ran out: *err set).
 */
char *
utf8_xml_clean(const char *p, size_t len, int *err)
{
	static const char	 rep[] = "\xef\xbf\xbd";	/* U+FFFD */
	struct buf		 b = { NULL, 0, 0 };
	unsigned int		 cp;
	size_t			 i = 0, n, from = 0;

	*err = 0;
	if (utf8_xml_valid(p, len))
		return NULL;
	while (i < len) {
		if ((n = utf8_decode(p + i, len - i, &cp)) != 0 &&
		    xml_char(cp)) {
			i += n;
			continue;
		}
		if (buf_append(&b, p + from, i - from) == -1 ||
		    buf_append(&b, rep, sizeof(rep) - 1) == -1)
			goto fail;
		i += n ? n : 1;
		from = i;
	}
	if (buf_append(&b, p + from, i - from) == -1)
		goto fail;
	return b.data;
fail:
	buf_free(&b);
	*err = 1;
	return NULL;
}

/* Trim ASCII white space in place; returns the first non-space. */
char *
strtrim(char *s)
{
	char	*e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

/*
 * Compare two secrets in time that depends only on their lengths, so
 * a token check leaks nothing about how much of a guess was right.
 */
int
ct_streq(const char *a, const char *b)
{
	size_t		 la, lb, i;
	unsigned char	 d;

	if (a == NULL || b == NULL)
		return 0;
	la = strlen(a);
	lb = strlen(b);
	d = (unsigned char)(la != lb);
	for (i = 0; i < la; i++)
		d |= (unsigned char)a[i] ^ (unsigned char)b[i % (lb ? lb : 1)];
	return d == 0 && lb != 0;
}

/* ---- base64 (RFC 4648), e.g. a file carried in a form field ---------------- */

static int
b64val(int ch)
{
	if (ch >= 'A' && ch <= 'Z')
		return ch - 'A';
	if (ch >= 'a' && ch <= 'z')
		return ch - 'a' + 26;
	if (ch >= '0' && ch <= '9')
		return ch - '0' + 52;
	return ch == '+' ? 62 : ch == '/' ? 63 : -1;
}

/* Decode s into out: 0, -1 not base64. */
int
buf_b64_decode(struct buf *out, const char *s)
{
	unsigned int	 acc = 0;
	int		 bits = 0, v;
	char		 ch;

	for (; *s != '\0' && *s != '='; s++) {
		if ((v = b64val((unsigned char)*s)) == -1)
			return -1;
		acc = (acc << 6) | (unsigned int)v;
		if ((bits += 6) >= 8) {
			bits -= 8;
			ch = (char)((acc >> bits) & 0xff);
			if (buf_append(out, &ch, 1) == -1)
				return -1;
		}
	}
	return buf_append(out, "", 0);
}

int
buf_b64_encode(struct buf *out, const void *data, size_t n)
{
	static const char abc[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *p = data;
	unsigned int	 v;
	size_t		 i;
	char		 q[4];

	for (i = 0; i < n; i += 3) {
		v = (unsigned int)p[i] << 16;
		if (i + 1 < n)
			v |= (unsigned int)p[i + 1] << 8;
		if (i + 2 < n)
			v |= p[i + 2];
		q[0] = abc[(v >> 18) & 63];
		q[1] = abc[(v >> 12) & 63];
		q[2] = i + 1 < n ? abc[(v >> 6) & 63] : '=';
		q[3] = i + 2 < n ? abc[v & 63] : '=';
		if (buf_append(out, q, 4) == -1)
			return -1;
	}
	return buf_append(out, "", 0);
}

/*
 * s as a JSON string: the batches that MariaDB unpacks with JSON_TABLE
 * (one statement for any number of rows) are built with it.
 */
int
buf_json_str(struct buf *b, const char *s)
{
	int	 err;

	err = buf_puts(b, "\"");
	for (; s != NULL && *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			err |= buf_printf(b, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			err |= buf_printf(b, "\\u%04x", (unsigned char)*s);
		else
			err |= buf_append(b, s, 1);
	}
	err |= buf_puts(b, "\"");
	return err ? -1 : 0;
}
