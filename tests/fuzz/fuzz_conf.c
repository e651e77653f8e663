/* fuzz_conf.c — the `key = value` parser behind shikaku.conf and tenant.conf. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "conf.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
cb(const char *k, const char *v, int line, void *arg, char *err,
    size_t errlen)
{
	size_t	*n = arg;

	(void)line; (void)err; (void)errlen;
	*n += strlen(k) + strlen(v);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	char	 err[256];
	size_t	 n = 0;

	(void)conf_parse((const char *)data, len, cb, &n, err, sizeof(err));
	return 0;
}
