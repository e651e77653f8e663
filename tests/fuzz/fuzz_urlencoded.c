/* fuzz_urlencoded.c — application/x-www-form-urlencoded and query strings. */
#include <stddef.h>
#include <stdint.h>

#include "kv.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct kvlist	 l = { NULL, 0, 0 };
	struct kvlimits	 lim = { 64, 128, 4096 };

	(void)kv_parse_urlencoded(&l, (const char *)data, len, &lim);
	kv_free(&l);
	return 0;
}
