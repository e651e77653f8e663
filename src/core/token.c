/* token.c — random tokens from getrandom(), base64url without padding. */
#include <sys/random.h>

#include <string.h>

#include "session.h"

/* out must hold TOKEN_LEN + 1 bytes: 32 random bytes, 256 bits. */
int
token_new(char *out, size_t outlen)
{
	static const char	 b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789-_";
	unsigned char		 r[33];
	size_t			 i, o = 0;
	unsigned int		 v;

	if (outlen < TOKEN_LEN + 1)
		return -1;
	if (getrandom(r, 32, 0) != 32)
		return -1;
	r[32] = 0;
	for (i = 0; i < 33; i += 3) {
		v = (unsigned int)r[i] << 16 | (unsigned int)r[i + 1] << 8 |
		    (i + 2 < 33 ? r[i + 2] : 0);
		out[o++] = b64[(v >> 18) & 63];
		out[o++] = b64[(v >> 12) & 63];
		out[o++] = b64[(v >> 6) & 63];
		out[o++] = b64[v & 63];
	}
	out[TOKEN_LEN] = '\0';
	explicit_bzero(r, sizeof(r));
	return 0;
}

/* Whether t looks like one of token_new()'s, before any lookup. */
int
token_syntax_ok(const char *t)
{
	return t != NULL && strlen(t) == TOKEN_LEN &&
	    strspn(t, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789-_") == TOKEN_LEN;
}
