/*
 * fuzz_certcode.c — cert_code_normalize(), which reads the verification
 * code anyone types or scans into /verify/<code> (issue 9 item 7), and
 * the path's percent-decoding is plain bytes by then.  Invariants: what
 * it accepts is 26 characters of the base32 alphabet, which it accepts
 * again unchanged, and which grouped in fours (cert_code_group()) reads
 * back as the same code.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cert.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	char	*s, out[CERT_CODE_LEN + 1], again[CERT_CODE_LEN + 1];
	char	 g[CERT_GROUPED_LEN];

	if ((s = strndup((const char *)data, len)) == NULL)
		return 0;
	if (cert_code_normalize(s, out, sizeof(out)) == 0) {
		if (strlen(out) != CERT_CODE_LEN ||
		    strspn(out, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") !=
		    CERT_CODE_LEN ||
		    cert_code_normalize(out, again, sizeof(again)) != 0 ||
		    strcmp(out, again) != 0)
			abort();
		cert_code_group(out, g, sizeof(g));
		if (strlen(g) != CERT_GROUPED_LEN - 1 ||
		    cert_code_normalize(g, again, sizeof(again)) != 0 ||
		    strcmp(out, again) != 0)
			abort();
	}
	free(s);
	return 0;
}
