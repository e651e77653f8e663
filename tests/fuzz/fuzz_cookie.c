/* fuzz_cookie.c — the Cookie header parser. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kv.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct kvlist	 l = { NULL, 0, 0 };
	struct kvlimits	 lim = { 64, 128, 4096 };
	char		*s;

	/* A header value is a C string by the time it reaches us. */
	if ((s = strndup((const char *)data, len)) == NULL)
		return 0;
	(void)kv_parse_cookies(&l, s, &lim);
	kv_free(&l);
	free(s);
	return 0;
}
