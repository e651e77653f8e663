/*
 * log.c — every message goes through log_msg(): one line, the function
 * that wrote it, never a secret (callers pass none).
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

static const char	*log_tag = "shikaku";
static int		 log_syslog;
static int		 log_maxlevel = LOG_INFO;
static long		 log_pid;	/* ours: getpid() is a system call */

/* A forked worker writes its own pid. */
static void
log_forked(void)
{
	log_pid = (long)getpid();
}

void
log_init(const char *tag, int debug)
{
	log_tag = tag;
	log_maxlevel = debug ? LOG_DEBUG : LOG_INFO;
	if (log_pid == 0)
		pthread_atfork(NULL, NULL, log_forked);
	log_pid = (long)getpid();
}

void
log_set_syslog(int on)
{
	if (on && !log_syslog)
		openlog(log_tag, LOG_PID | LOG_NDELAY, LOG_DAEMON);
	log_syslog = on;
}

void
log_msg(int level, const char *func, const char *fmt, ...)
{
	static const char	*names[] = { "emerg", "alert", "crit",
	    "error", "warn", "notice", "info", "debug" };
	char			 line[2048], out[2200], ts[32];
	va_list			 ap;
	struct tm		 tm;
	time_t			 now;
	int			 n;

	if (level > log_maxlevel)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (log_syslog) {
		syslog(level, "%s: %s", func, line);
		return;
	}
	now = time(NULL);
	gmtime_r(&now, &tm);
	strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", &tm);
	/*
	 * One write per line so lines from several workers do not mix;
	 * write(), not dprintf(), whose FILE cost an fstat() and an
	 * lseek() per line (three system calls a request with getpid()).
	 */
	n = snprintf(out, sizeof(out), "%s %s[%ld] %s %s: %s\n", ts, log_tag,
	    log_pid != 0 ? log_pid : (long)getpid(), names[level & 7], func,
	    line);
	if (n >= (int)sizeof(out)) {
		n = sizeof(out) - 1;
		out[n - 1] = '\n';
	}
	if (n > 0 && write(STDERR_FILENO, out, (size_t)n) == -1) {
		/* Nowhere left to say it. */
	}
}
