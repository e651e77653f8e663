/*
 * fuzz_filetype.c — content sniffing (CORE-13), the name a file is
 * served under and the header built from it: all see bytes chosen by a
 * stranger.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "filetype.h"
#include "upload.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	enum ftkind	 k;
	char		 cd[1200], served[256], *name;
	size_t		 n;

	k = filetype_sniff(data, len);
	if (k != FT_UNKNOWN && filetype_mime(k) == NULL)
		abort();
	/* A stored name is at most 255 bytes, NUL-terminated. */
	if ((name = strndup((const char *)data, len < 255 ? len : 255)) ==
	    NULL)
		return 0;
	if (upload_disposition(cd, sizeof(cd), "inline", name) == 0 &&
	    (strchr(cd, '\r') != NULL || strchr(cd, '\n') != NULL))
		abort();
	/* Served names end in the kind's extension, within the buffer. */
	if (filetype_name(name, k, served, sizeof(served)) != 0 ||
	    (n = strlen(served)) >= sizeof(served) ||
	    strrchr(served, '.') == NULL)
		abort();
	if (k == FT_PDF && (n < 4 || strcasecmp(served + n - 4, ".pdf")))
		abort();
	free(name);
	return 0;
}
