/*
 * totp.c — time-based one-time passwords (RFC 6238 over liboath's HOTP),
 * the otpauth URI and QR code that authenticator apps read, and the
 * one-time recovery codes.  Nothing here touches the database or logs:
 * secrets and codes pass through and are wiped after use.
 */
#include <sys/random.h>

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <liboath/oath.h>
#include <qrencode.h>

#include "buf.h"
#include "totp.h"

/* "xxxx-xxxx" from letters and digits nobody confuses (no 0 o 1 l i). */
static const char	 recovery_alpha[] = "23456789abcdefghjkmnpqrstuvwxyz";
#define RECOVERY_ALPHA	(sizeof(recovery_alpha) - 1)

static int
oath_ready(void)
{
	static int	 done;

	if (!done && oath_init() == OATH_OK)
		done = 1;
	return done ? 0 : -1;
}

/* len random bytes (TOTP_SECRET_LEN for new enrolments). */
int
totp_secret_new(unsigned char *out, size_t len)
{
	size_t	 got = 0;
	ssize_t	 n;
	int	 rc = -1;

	if (len == 0 || len > TOTP_SECRET_MAX)
		goto out;
	while (got < len) {
		if ((n = getrandom(out + got, len - got, 0)) <= 0)
			goto out;
		got += (size_t)n;
	}
	rc = 0;
out:
	return rc;
}

/* RFC 4648 base32 without padding, as authenticator apps expect. */
int
totp_base32(const unsigned char *in, size_t len, char *out, size_t outlen)
{
	static const char	 b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	unsigned int		 acc = 0;
	size_t			 i, o = 0;
	int			 bits = 0, rc = -1;

	if (outlen < (len * 8 + 4) / 5 + 1)
		goto out;
	for (i = 0; i < len; i++) {
		acc = (acc << 8 | in[i]) & 0xfff;
		bits += 8;
		while (bits >= 5) {
			out[o++] = b32[(acc >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0)
		out[o++] = b32[(acc << (5 - bits)) & 31];
	out[o] = '\0';
	rc = 0;
out:
	return rc;
}

/* Equal six-byte strings, in time independent of where they differ. */
static int
digits_eq(const char *a, const char *b)
{
	unsigned char	 d = 0;
	size_t		 i;

	for (i = 0; i < TOTP_DIGITS; i++)
		d |= (unsigned char)(a[i] ^ b[i]);
	return d == 0;
}

/*
 * Is code the TOTP of secret at now, give or take TOTP_WINDOW steps,
 * for a step later than last_step?  Every step of the window is
 * computed and compared, match or not.  1 accepted (*matched set),
 * 0 refused (wrong, malformed, or a step already used), -1 error.
 */
int
totp_check(const unsigned char *secret, size_t len, const char *code,
    time_t now, long long last_step, long long *matched)
{
	char		 otp[TOTP_DIGITS + 1];
	long long	 step, s, best = -1;
	size_t		 i;
	int		 rc = -1, hit;

	if (secret == NULL || len == 0 || code == NULL || now < 0 ||
	    oath_ready() == -1)
		goto out;
	rc = 0;
	if (strlen(code) != TOTP_DIGITS)
		goto out;
	for (i = 0; i < TOTP_DIGITS; i++)
		if (code[i] < '0' || code[i] > '9')
			goto out;
	step = (long long)(now / TOTP_STEP);
	for (s = step - TOTP_WINDOW; s <= step + TOTP_WINDOW; s++) {
		if (s < 0)
			continue;
		if (oath_hotp_generate((const char *)secret, len, (uint64_t)s,
		    TOTP_DIGITS, false, OATH_HOTP_DYNAMIC_TRUNCATION,
		    otp) != OATH_OK) {
			rc = -1;
			break;
		}
		hit = digits_eq(otp, code);
		if (hit && s > last_step && s > best)
			best = s;
	}
	explicit_bzero(otp, sizeof(otp));
	if (rc == 0 && best >= 0) {
		*matched = best;
		rc = 1;
	}
out:
	return rc;
}

/* Percent-encode all but RFC 3986 unreserved bytes (UTF-8 as is). */
static int
pct_encode(struct buf *b, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	int			 rc = 0;

	for (; *p != '\0' && rc == 0; p++) {
		if (isalnum(*p) || *p == '-' || *p == '.' || *p == '_' ||
		    *p == '~')
			rc = buf_append(b, p, 1);
		else
			rc = buf_printf(b, "%%%02X", *p);
	}
	return rc;
}

/*
 * otpauth://totp/ISSUER:ACCOUNT?secret=…&issuer=…&algorithm=SHA1&
 * digits=6&period=30 (the Key URI format that common apps read).  The
 * issuer goes both in the label and as a parameter; ':' separates them.
 */
int
totp_uri(const char *issuer, const char *account, const char *b32,
    struct buf *out)
{
	int	 rc = -1;

	if (issuer == NULL || account == NULL || b32 == NULL)
		goto out;
	if (buf_puts(out, "otpauth://totp/") == -1 ||
	    pct_encode(out, issuer) == -1 || buf_puts(out, ":") == -1 ||
	    pct_encode(out, account) == -1 ||
	    buf_puts(out, "?secret=") == -1 || pct_encode(out, b32) == -1 ||
	    buf_puts(out, "&issuer=") == -1 || pct_encode(out, issuer) == -1 ||
	    buf_printf(out, "&algorithm=SHA1&digits=%d&period=%d",
	    TOTP_DIGITS, TOTP_STEP) == -1)
		goto out;
	rc = 0;
out:
	return rc;
}

/*
 * The QR code of text as an SVG: error correction M, a quiet zone of
 * four modules, one <path> in which each row's dark modules are unit
 * squares (joined into runs), crisp edges so scaling never blurs.
 */
#define QR_QUIET	4
#define QR_PX		6	/* default pixels per module */

int
totp_qr_svg(const char *text, struct buf *out)
{
	QRcode		*qr = NULL;
	int		 x, y, run, w, n, rc = -1;

	if (text == NULL ||
	    (qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8,
	    1)) == NULL)
		goto out;
	w = qr->width;
	n = w + 2 * QR_QUIET;
	if (buf_printf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
	    "width=\"%d\" height=\"%d\" shape-rendering=\"crispEdges\">"
	    "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>"
	    "<path fill=\"#000\" d=\"", n, n, n * QR_PX, n * QR_PX, n,
	    n) == -1)
		goto out;
	for (y = 0; y < w; y++)
		for (x = 0; x < w; x += run > 0 ? run : 1) {
			for (run = 0; x + run < w &&
			    (qr->data[y * w + x + run] & 1); run++)
				;
			if (run > 0 && buf_printf(out, "M%d %dh%dv1h-%dz",
			    x + QR_QUIET, y + QR_QUIET, run, run) == -1)
				goto out;
		}
	if (buf_puts(out, "\"/></svg>\n") == -1)
		goto out;
	rc = 0;
out:
	QRcode_free(qr);
	return rc;
}

/* Ten distinct "xxxx-xxxx" codes, each about 40 random bits. */
int
recovery_codes_new(char codes[RECOVERY_N][12])
{
	unsigned char	 r[64];
	size_t		 i, k, used = sizeof(r);
	int		 rc = -1, j, dup;

	for (i = 0; i < RECOVERY_N; i++) {
		do {
			for (k = 0; k < RECOVERY_LEN; k++) {
				if (k == 4) {
					codes[i][k] = '-';
					continue;
				}
				/* Unbiased: refuse bytes above a multiple of 31. */
				do {
					if (used == sizeof(r)) {
						if (getrandom(r, sizeof(r), 0) !=
						    (ssize_t)sizeof(r))
							goto out;
						used = 0;
					}
				} while (r[used++] >= 256 - 256 % RECOVERY_ALPHA);
				codes[i][k] = recovery_alpha[r[used - 1] %
				    RECOVERY_ALPHA];
			}
			codes[i][RECOVERY_LEN] = '\0';
			for (dup = 0, j = 0; j < (int)i; j++)
				dup |= strcmp(codes[i], codes[j]) == 0;
		} while (dup);
	}
	rc = 0;
out:
	explicit_bzero(r, sizeof(r));
	return rc;
}

/*
 * A recovery code as typed ("ABCD EFGH", "abcd-efgh", "abcdefgh") to
 * its stored form "abcd-efgh".  0 ok, -1 not a recovery code.
 */
int
recovery_normalize(const char *in, char *out, size_t outlen)
{
	size_t	 o = 0;
	int	 rc = -1, ch;

	if (in == NULL || outlen < RECOVERY_LEN + 1)
		goto out;
	for (; *in != '\0'; in++) {
		if (*in == ' ' || *in == '-')
			continue;
		ch = tolower((unsigned char)*in);
		if (o == RECOVERY_LEN || strchr(recovery_alpha, ch) == NULL)
			goto out;
		if (o == 4)
			out[o++] = '-';
		out[o++] = (char)ch;
	}
	if (o != RECOVERY_LEN)
		goto out;
	out[o] = '\0';
	rc = 0;
out:
	return rc;
}

/*
 * A TOTP code as typed: spaces (ASCII or ideographic) dropped, full-
 * width digits (a Japanese IME's default) made ASCII.  0 and six
 * digits in out, or -1.
 */
int
totp_code_normalize(const char *in, char *out, size_t outlen)
{
	const unsigned char	*p = (const unsigned char *)in;
	size_t			 o = 0;
	int			 rc = -1;

	if (in == NULL || outlen < TOTP_DIGITS + 1)
		goto out;
	while (*p != '\0') {
		if (*p == ' ' || *p == '-') {
			p++;
			continue;
		}
		if (p[0] == 0xe3 && p[1] == 0x80 && p[2] == 0x80) {
			p += 3;		/* U+3000 */
			continue;
		}
		if (o == TOTP_DIGITS)
			goto out;
		if (*p >= '0' && *p <= '9') {
			out[o++] = (char)*p++;
		} else if (p[0] == 0xef && p[1] == 0xbc && p[2] >= 0x90 &&
		    p[2] <= 0x99) {
			out[o++] = (char)('0' + (p[2] - 0x90));	/* U+FF10.. */
			p += 3;
		} else
			goto out;
	}
	if (o != TOTP_DIGITS)
		goto out;
	out[o] = '\0';
	rc = 0;
out:
	return rc;
}
