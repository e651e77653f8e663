/*
 * clock.c — Japan time without depending on TZ or the zoneinfo files,
 * and the one clock application windows are checked against.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "log.h"

/* Seconds added to the system time: 0 unless a demo clock is set. */
static long long	 offset;

/* A demo clock may move by at most ten years either way. */
#define OFFSET_MAX	(10LL * 366 * 86400)

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

/* "2026-11-23 18:30:00": a DATETIME in Japan time, for SQL parameters. */
void
jst_sql(time_t t, char *out, size_t len)
{
	struct tm	 tm;

	jst_tm(t, &tm);
	snprintf(out, len, "%04d-%02d-%02d %02d:%02d:%02d",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec);
}

/*
 * The inverse of jst_sql(): "YYYY-MM-DD HH:MM[:SS]" (or with a 'T'
 * between date and time) in Japan time.  0 ok, -1 malformed or a date
 * that does not exist.
 */
int
jst_parse(const char *s, time_t *out)
{
	struct tm	 tm, back;
	int		 y, mo, d, h, mi, se = 0, n = 0;
	time_t		 t;

	if (s == NULL || strlen(s) < 16 || strlen(s) > 19)
		return -1;
	if (sscanf(s, "%4d-%2d-%2d%*1[ T]%2d:%2d%n", &y, &mo, &d, &h, &mi,
	    &n) != 5 || n != 16)
		return -1;
	if (s[16] != '\0' && (s[16] != ':' || strlen(s) != 19 ||
	    !isdigit((unsigned char)s[17]) || !isdigit((unsigned char)s[18])))
		return -1;
	if (s[16] == ':')
		se = (s[17] - '0') * 10 + (s[18] - '0');
	if (y < 1970 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > 31 ||
	    h > 23 || mi > 59 || se > 59 || h < 0 || mi < 0)
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	t = timegm(&tm) - JST_OFFSET;
	jst_tm(t, &back);
	if (back.tm_mday != d || back.tm_mon != mo - 1)
		return -1;	/* 2月30日 */
	*out = t;
	return 0;
}

/*
 * "+3d", "-12h", "90m", "3600" (seconds) → seconds.  0 ok, -1 not an
 * offset or beyond ten years.
 */
int
clock_offset_parse(const char *s, long long *out)
{
	char		*e;
	long long	 v, mul = 1;

	if (s == NULL || *s == '\0')
		return -1;
	errno = 0;
	v = strtoll(s, &e, 10);
	if (e == s || errno != 0 || (*s != '+' && *s != '-' &&
	    !isdigit((unsigned char)*s)))
		return -1;
	switch (*e) {
	case 'd': mul = 86400; e++; break;
	case 'h': mul = 3600; e++; break;
	case 'm': mul = 60; e++; break;
	case 's': e++; break;
	default: break;
	}
	if (*e != '\0' || v > OFFSET_MAX / mul || v < -OFFSET_MAX / mul)
		return -1;
	*out = v * mul;
	return 0;
}

/*
 * The offset in the demo clock file: one integer, seconds.  1 read,
 * 0 no file, -1 unreadable or malformed.
 */
int
clock_offset_read(const char *path, long long *out)
{
	FILE	*f;
	char	 line[64];
	int	 rc = -1;

	*out = 0;
	if ((f = fopen(path, "re")) == NULL)
		return errno == ENOENT ? 0 : -1;
	if (fgets(line, sizeof(line), f) != NULL) {
		line[strcspn(line, "\r\n")] = '\0';
		if (clock_offset_parse(line, out) == 0)
			rc = 1;
	}
	fclose(f);
	if (rc == -1)
		*out = 0;
	return rc;
}

/*
 * Read the demo offset once, when a worker starts; NULL (the key is
 * not set, as in production) leaves the clock alone.
 */
void
clock_init(const char *path)
{
	long long	 v;

	offset = 0;
	if (path == NULL || *path == '\0')
		return;
	switch (clock_offset_read(path, &v)) {
	case 1:
		offset = v;
		if (v != 0)
			log_warn("demo clock: %+lld s from the system time", v);
		break;
	case 0:
		break;
	default:
		log_warn("demo clock: %s unreadable or malformed; ignored",
		    path);
		break;
	}
}

long long
clock_offset(void)
{
	return offset;
}

/*
 * The portal's now: every window, every "today" and every time a page
 * or a mail shows is read from here, so that moving the demo clock
 * moves them all alike.  Durations the database keeps (links, locks,
 * sessions) and TOTP, which must agree with the user's phone, stay on
 * the system time.
 */
time_t
clock_now(void)
{
	return time(NULL) + (time_t)offset;
}

/* clock_now() as a DATETIME in Japan time, "YYYY-MM-DD HH:MM:SS". */
void
clock_now_sql(char *out, size_t len)
{
	jst_sql(clock_now(), out, len);
}

/* Today in Japan, "YYYY-MM-DD": such dates compare as strings. */
void
clock_today(char *out, size_t len)
{
	struct tm	 tm;

	jst_tm(clock_now(), &tm);
	snprintf(out, len, "%04d-%02d-%02d", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday);
}
