/*
 * fuzz_xmltext.c — utf8_xml_clean(), what the model writer applies to
 * every text (CORE-3).  Invariants: its result is always valid UTF-8
 * holding only XML 1.0 characters; text already valid is left alone.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	const char	*in = (const char *)data;
	char		*s;
	int		 err;

	s = utf8_xml_clean(in, len, &err);
	if (s == NULL) {
		if (!err && !utf8_xml_valid(in, len))
			abort();
		return 0;
	}
	if (utf8_xml_valid(in, len) || !utf8_xml_valid(s, strlen(s)) ||
	    !utf8_valid(s, strlen(s)))
		abort();
	free(s);
	return 0;
}
