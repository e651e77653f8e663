/*
 * fuzz_multipart.c — multipart/form-data bodies.  The first line of the
 * input is the Content-Type header value, the rest is the body.
 */
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
	const uint8_t	*nl = memchr(data, '\n', len);
	char		*ctype, boundary[80];
	size_t		 hl;

	if (nl == NULL)
		return 0;
	hl = (size_t)(nl - data);
	if ((ctype = strndup((const char *)data, hl)) == NULL)
		return 0;
	if (kv_boundary(ctype, boundary, sizeof(boundary)) == 0)
		(void)kv_parse_multipart(&l, (const char *)nl + 1,
		    len - hl - 1, boundary, &lim);
	kv_free(&l);
	free(ctype);
	return 0;
}
