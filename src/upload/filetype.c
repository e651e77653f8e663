/*
 * filetype.c — recognise PNG, JPEG and PDF by their bytes (CORE-13).
 * Each check is a little stricter than a magic number, so that a text
 * file renamed .png, or the first bytes of a file cut short, is not
 * taken for an image: PNG needs its whole signature and a valid IHDR
 * chunk (CRC included); JPEG needs SOI and a first segment that fits;
 * PDF needs its header at the very start and %%EOF near the end.
 * Nothing here allocates or trusts a length it has not checked against
 * the buffer.
 *
 * Every kind is recognised by its first bytes, never by bytes further
 * in: PDF readers accept junk before "%PDF-", but a file that begins
 * with something else (HTML, say, with a PDF after it) is that
 * something else to a browser.  Such polyglots are refused.
 */
#include <ctype.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "filetype.h"

#define PDF_TAIL_WINDOW	1024	/* readers accept junk after %%EOF */
#define EXT_MAX		5	/* "jpeg": what a name's extension may be */

/* aliases: extensions a name may already carry for the kind (lower case). */
static const struct {
	enum ftkind	 kind;
	const char	*mime;
	const char	*ext;
	const char	*aliases[4];
} kinds[] = {
	{ FT_PNG, "image/png", "png", { "png", NULL } },
	{ FT_JPEG, "image/jpeg", "jpg", { "jpg", "jpeg", "jpe", NULL } },
	{ FT_PDF, "application/pdf", "pdf", { "pdf", NULL } },
	{ FT_UNKNOWN, NULL, "bin", { NULL } },
};
#define NKINDS	(sizeof(kinds) / sizeof(kinds[0]))

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/* CRC-32 as PNG uses it (ISO 3309); bitwise, it runs over 17 bytes. */
static uint32_t
crc32_png(const unsigned char *p, size_t n)
{
	uint32_t	 c = 0xffffffffU;
	int		 k;

	while (n-- > 0) {
		c ^= *p++;
		for (k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320U & (0U - (c & 1)));
	}
	return c ^ 0xffffffffU;
}

/* Bit depths allowed per colour type (PNG spec, table 11.1), as a mask. */
static int
png_depth_ok(unsigned int ctype, unsigned int depth)
{
	static const unsigned int allowed[7] = {
		[0] = 1 << 1 | 1 << 2 | 1 << 4 | 1 << 8 | 1 << 16,
		[2] = 1 << 8 | 1 << 16,
		[3] = 1 << 1 | 1 << 2 | 1 << 4 | 1 << 8,
		[4] = 1 << 8 | 1 << 16,
		[6] = 1 << 8 | 1 << 16,
	};

	return ctype < 7 && depth <= 16 && (allowed[ctype] & 1U << depth);
}

/*
 * Signature, then the first chunk: length 13, "IHDR", non-zero width
 * and height below 2^31, a valid depth/colour pair, methods 0, interlace
 * 0 or 1, and its CRC.
 */
static int
is_png(const unsigned char *p, size_t n)
{
	static const unsigned char sig[8] = {
		0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'
	};
	const unsigned char	*h = p + 16;
	uint32_t		 w, ht;

	if (n < 8 + 8 + 13 + 4 || memcmp(p, sig, 8) != 0)
		return 0;
	if (be32(p + 8) != 13 || memcmp(p + 12, "IHDR", 4) != 0)
		return 0;
	w = be32(h);
	ht = be32(h + 4);
	if (w == 0 || ht == 0 || w > 0x7fffffffU || ht > 0x7fffffffU)
		return 0;
	if (!png_depth_ok(h[9], h[8]) || h[10] != 0 || h[11] != 0 ||
	    h[12] > 1)
		return 0;
	return crc32_png(p + 12, 4 + 13) == be32(p + 29);
}

/*
 * SOI (FF D8), then a marker that may follow it — APPn, DQT, DHT, SOFn,
 * DRI, COM: anything from C0 to FE but RSTn, SOI, EOI and SOS — and that
 * segment's length, which must fit in the file.
 */
static int
is_jpeg(const unsigned char *p, size_t n)
{
	unsigned int	 m, len;

	if (n < 6 || p[0] != 0xff || p[1] != 0xd8 || p[2] != 0xff)
		return 0;
	m = p[3];
	if (m < 0xc0 || m == 0xff || (m >= 0xd0 && m <= 0xda))
		return 0;
	len = (unsigned int)p[4] << 8 | p[5];
	return len >= 2 && 4 + (size_t)len <= n;
}

/* "%PDF-1.x" or "%PDF-2.x" at the start, "%%EOF" in the last KiB. */
static int
is_pdf(const unsigned char *p, size_t n)
{
	size_t	 tn;

	if (n < 8 || memcmp(p, "%PDF-", 5) != 0 ||
	    (p[5] != '1' && p[5] != '2') || p[6] != '.' ||
	    p[7] < '0' || p[7] > '9')
		return 0;
	/* The trailer comes after the header, never inside it. */
	tn = n - 8 < PDF_TAIL_WINDOW ? n - 8 : PDF_TAIL_WINDOW;
	return memmem(p + n - tn, tn, "%%EOF", 5) != NULL;
}

enum ftkind
filetype_sniff(const void *data, size_t n)
{
	const unsigned char	*p = data;
	enum ftkind		 k = FT_UNKNOWN;

	if (p == NULL || n == 0)
		goto out;
	if (is_png(p, n))
		k = FT_PNG;
	else if (is_jpeg(p, n))
		k = FT_JPEG;
	else if (is_pdf(p, n))
		k = FT_PDF;
out:
	return k;
}

const char *
filetype_mime(enum ftkind k)
{
	size_t	 i;

	for (i = 0; i < NKINDS; i++)
		if (kinds[i].kind == k)
			return kinds[i].mime;
	return NULL;
}

const char *
filetype_ext(enum ftkind k)
{
	size_t	 i;

	for (i = 0; i < NKINDS; i++)
		if (kinds[i].kind == k && kinds[i].mime != NULL)
			return kinds[i].ext;
	return NULL;
}

/* Is ext (len bytes) one the kind's files may carry, in any case? */
static int
ext_fits(size_t ki, const char *ext, size_t len)
{
	size_t	 i;

	for (i = 0; kinds[ki].aliases[i] != NULL; i++)
		if (strlen(kinds[ki].aliases[i]) == len &&
		    strncasecmp(kinds[ki].aliases[i], ext, len) == 0)
			return 1;
	return 0;
}

int
filetype_name(const char *name, enum ftkind k, char *out, size_t outlen)
{
	const char	*dot, *ext;
	size_t		 ki, base, elen, i;

	for (ki = 0; ki < NKINDS - 1 && kinds[ki].kind != k; ki++)
		;
	ext = kinds[ki].ext;
	elen = strlen(ext);
	if (outlen < elen + 2)
		return -1;
	if (name == NULL)
		name = "";
	base = strlen(name);
	/* An extension: after the last dot, not the whole name, short, ASCII. */
	if ((dot = strrchr(name, '.')) != NULL && dot != name &&
	    strlen(dot + 1) >= 1 && strlen(dot + 1) <= EXT_MAX) {
		for (i = 1; dot[i] != '\0' && isalnum((unsigned char)dot[i]);
		    i++)
			;
		if (dot[i] == '\0') {
			if (ext_fits(ki, dot + 1, i - 1) &&
			    base < outlen) {
				memcpy(out, name, base + 1);
				return 0;
			}
			base = (size_t)(dot - name);	/* replaced */
		}
	}
	/* Room for ".ext": cut the rest on a UTF-8 character boundary. */
	if (base > outlen - elen - 2) {
		base = outlen - elen - 2;
		while (base > 0 && ((unsigned char)name[base] & 0xc0) == 0x80)
			base--;
	}
	memcpy(out, name, base);
	out[base] = '.';
	memcpy(out + base + 1, ext, elen + 1);
	return 0;
}
