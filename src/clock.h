/*
 * clock.h — time as the portal sees it: Japan time (Asia/Tokyo, UTC+9
 * all year, no daylight saving), whatever the host's zone.
 */
#ifndef SHIKAKU_CLOCK_H
#define SHIKAKU_CLOCK_H

#include <stddef.h>
#include <time.h>

#define JST_OFFSET	(9 * 3600)

void	 jst_tm(time_t, struct tm *);
void	 jst_format(time_t, char *, size_t);

#endif
