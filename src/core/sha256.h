/*
 * sha256.h — SHA-256 of a buffer or a file as lower-case hex, for the
 * backup manifests (OPS-4).  The hashing is nettle's (docs/libraries.md).
 */
#ifndef SHIKAKU_SHA256_H
#define SHIKAKU_SHA256_H

#include <stddef.h>

#define SHA256_HEXLEN	64

void	 sha256_hex(const void *, size_t, char [SHA256_HEXLEN + 1]);
/* -1 when the file cannot be read. */
int	 sha256_file(const char *, char [SHA256_HEXLEN + 1]);

#endif
