/*
 * replay.c — without libFuzzer, run a target over files named on the
 * command line (its corpus), so `make check` replays every crash ever
 * found.  Under --enable-fuzzing libFuzzer provides main() instead.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
main(int argc, char *argv[])
{
	FILE	*f;
	uint8_t	*buf;
	long	 n;
	int	 i, rc = 0;

	for (i = 1; i < argc; i++) {
		if ((f = fopen(argv[i], "rb")) == NULL) {
			perror(argv[i]);
			rc = 1;
			continue;
		}
		fseek(f, 0, SEEK_END);
		n = ftell(f);
		rewind(f);
		if (n < 0 || (buf = malloc((size_t)n + 1)) == NULL) {
			fclose(f);
			rc = 1;
			continue;
		}
		if (fread(buf, 1, (size_t)n, f) == (size_t)n)
			LLVMFuzzerTestOneInput(buf, (size_t)n);
		free(buf);
		fclose(f);
	}
	return rc;
}
