/*
 * clock.h — time as the portal sees it: Japan time (Asia/Tokyo, UTC+9
 * all year, no daylight saving), whatever the host's zone.
 *
 * clock_now() is the one clock every application window (CORE-18) is
 * checked against.  It is the system time plus an offset that is zero
 * in production; for demonstrations only, the optional configuration
 * key demo_clock_file names a file holding an offset in seconds, read
 * once when a worker starts (clock_init()) and written by
 * `shikakuctl demo clock`.  No request can change it.
 */
#ifndef SHIKAKU_CLOCK_H
#define SHIKAKU_CLOCK_H

#include <stddef.h>
#include <time.h>

#define JST_OFFSET	(9 * 3600)
#define CLOCK_SQL_LEN	20	/* "YYYY-MM-DD HH:MM:SS" and its NUL */

void		 jst_tm(time_t, struct tm *);
void		 jst_format(time_t, char *, size_t);

time_t		 clock_now(void);
void		 clock_now_sql(char *, size_t);
void		 clock_today(char *, size_t);
void		 clock_init(const char *);
long long	 clock_offset(void);
int		 clock_offset_read(const char *, long long *);
int		 clock_offset_parse(const char *, long long *);
void		 jst_sql(time_t, char *, size_t);
int		 jst_parse(const char *, time_t *);

#endif
