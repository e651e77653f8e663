/*
 * sha256.h — SHA-256 (FIPS 180-4) for backup manifests (OPS-4): the
 * tool must check files without a crypto library in shikakuctl.
 */
#ifndef SHIKAKU_SHA256_H
#define SHIKAKU_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_LEN	32
#define SHA256_HEXLEN	64

struct sha256 {
	uint32_t	 h[8];
	uint64_t	 n;		/* bytes hashed so far */
	unsigned char	 buf[64];
	size_t		 nbuf;
};

void	 sha256_init(struct sha256 *);
void	 sha256_update(struct sha256 *, const void *, size_t);
void	 sha256_final(struct sha256 *, unsigned char [SHA256_LEN]);
/* Lower-case hex of a buffer, or of a file (-1 when it cannot be read). */
void	 sha256_hex(const void *, size_t, char [SHA256_HEXLEN + 1]);
int	 sha256_file(const char *, char [SHA256_HEXLEN + 1]);

#endif
