/*
 * sha256.c — SHA-256 as hex over nettle's implementation: a backup's
 * manifest is only as good as its hash, and nettle's is reviewed,
 * tested and kept by Debian (docs/libraries.md).
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include "sha256.h"

static void
digest_hex(struct sha256_ctx *s, char hex[SHA256_HEXLEN + 1])
{
	static const char	 x[] = "0123456789abcdef";
	uint8_t			 d[SHA256_DIGEST_SIZE];
	int			 i;

	sha256_digest(s, sizeof(d), d);
	for (i = 0; i < SHA256_DIGEST_SIZE; i++) {
		hex[2 * i] = x[d[i] >> 4];
		hex[2 * i + 1] = x[d[i] & 15];
	}
	hex[SHA256_HEXLEN] = '\0';
}

void
sha256_hex(const void *data, size_t len, char hex[SHA256_HEXLEN + 1])
{
	struct sha256_ctx	 s;

	sha256_init(&s);
	sha256_update(&s, len, data);
	digest_hex(&s, hex);
}

int
sha256_file(const char *path, char hex[SHA256_HEXLEN + 1])
{
	struct sha256_ctx	 s;
	uint8_t			 buf[65536];
	ssize_t			 n;
	int			 fd, rc = -1;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		goto out;
	sha256_init(&s);
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n == -1) {
			if (errno == EINTR)
				continue;
			goto out;
		}
		sha256_update(&s, (size_t)n, buf);
	}
	digest_hex(&s, hex);
	rc = 0;
out:
	if (fd != -1)
		close(fd);
	return rc;
}
