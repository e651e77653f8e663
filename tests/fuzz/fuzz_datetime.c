/*
 * fuzz_datetime.c — form_datetime(), the board admin's date-time parser
 * (ISO or 2026/11/01 12:00), and date_check().  Invariants: what it
 * accepts is written as SQL's "YYYY-MM-DD HH:MM:SS", which it accepts
 * again unchanged and which names a day that exists.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "form.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	char	*s, out[CLOCK_SQL_LEN], again[CLOCK_SQL_LEN], day[11];

	/* A form value is a C string by the time it reaches the parser. */
	if ((s = strndup((const char *)data, len)) == NULL)
		return 0;
	(void)date_check(s);
	if (form_datetime(s, out, sizeof(out)) == 0) {
		if (strlen(out) != CLOCK_SQL_LEN - 1 ||
		    form_datetime(out, again, sizeof(again)) != 0 ||
		    strcmp(out, again) != 0)
			abort();
		memcpy(day, out, 10);
		day[10] = '\0';
		if (!valid_date(day))
			abort();
	}
	free(s);
	return 0;
}
