/* clock.c — Japan time without depending on TZ or the zoneinfo files. */
#include <stdio.h>
#include <time.h>

#include "clock.h"

void
jst_tm(time_t t, struct tm *tm)
{
	t += JST_OFFSET;
	gmtime_r(&t, tm);
}

/* 「2026年11月23日 18:30」: how members read a time. */
void
jst_format(time_t t, char *out, size_t len)
{
	struct tm	 tm;

	jst_tm(t, &tm);
	snprintf(out, len, "%d年%d月%d日 %02d:%02d", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min);
}
