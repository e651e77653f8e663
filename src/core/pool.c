/*
 * pool.c — the master, after php-fpm: it opens (or inherits) the
 * FastCGI socket, forks workers that accept on it, replaces a worker
 * that dies, recycles one after max_requests, ends one whose request
 * outlives request_timeout, reloads on SIGHUP by replacing workers one
 * at a time (new one first, so capacity never drops), and stops
 * gracefully on SIGTERM, escalating to SIGKILL after stop_timeout: the
 * socket path goes first, so that new connections go elsewhere, and the
 * workers serve what is already queued before they leave.
 *
 * Signal handlers only write the signal number to a self-pipe; all the
 * work happens in the loop below.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "ctx.h"
#include "log.h"
#include "pool.h"
#include "scoreboard.h"
#include "service.h"
#include "worker.h"

static int	 sigpipe_fd[2] = { -1, -1 };

static void
on_signal(int sig)
{
	int		 saved = errno;
	unsigned char	 b = (unsigned char)sig;

	(void)write(sigpipe_fd[1], &b, 1);
	errno = saved;
}

/* "unix:/path", "HOST:PORT" or "inherit" (a socket already on fd 0). */
int
pool_listen(const char *spec, int mode)
{
	struct sockaddr_un	 sun;
	struct sockaddr_in	 sin;
	const char		*colon;
	int			 fd = -1, one = 1;

	if (strcmp(spec, "inherit") == 0)
		return dup(0);
	if (strncmp(spec, "unix:", 5) == 0) {
		memset(&sun, 0, sizeof(sun));
		sun.sun_family = AF_UNIX;
		if (strlen(spec + 5) >= sizeof(sun.sun_path))
			return -1;
		strcpy(sun.sun_path, spec + 5);
		(void)unlink(sun.sun_path);
		if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) == -1 ||
		    bind(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1 ||
		    chmod(sun.sun_path, (mode_t)mode) == -1)
			goto fail;
	} else if ((colon = strrchr(spec, ':')) != NULL) {
		char host[64];
		if ((size_t)(colon - spec) >= sizeof(host))
			return -1;
		memcpy(host, spec, (size_t)(colon - spec));
		host[colon - spec] = '\0';
		memset(&sin, 0, sizeof(sin));
		sin.sin_family = AF_INET;
		sin.sin_port = htons((unsigned short)atoi(colon + 1));
		if (inet_pton(AF_INET, host, &sin.sin_addr) != 1)
			return -1;
		if ((fd = socket(AF_INET, SOCK_STREAM, 0)) == -1)
			goto fail;
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) == -1)
			goto fail;
	} else
		return -1;
	if (listen(fd, 1024) == -1)
		goto fail;
	return fd;
fail:
	log_err("%s: %s", spec, strerror(errno));
	if (fd != -1)
		close(fd);
	return -1;
}

struct pool {
	const char		*conf;
	struct app		 app;
	struct scoreboard	*sb;
	int			 lfd;
	char			*sockpath;	/* unix: unlinked on stop */
	int			 stopping;
	int64_t			 stop_deadline;
	unsigned int		 gen;
	size_t			 replacing;	/* old workers left to replace */
};

static int
spawn(struct pool *p)
{
	pid_t	 pid;
	int	 slot;

	for (slot = 0; slot < SB_WORKERS; slot++)
		if (p->sb->w[slot].state == SB_FREE)
			break;
	if (slot == SB_WORKERS)
		return -1;
	p->sb->w[slot].state = SB_STARTING;
	p->sb->w[slot].gen = p->gen;
	p->sb->w[slot].requests = 0;
	p->sb->w[slot].recycled = 0;
	p->sb->w[slot].retiring = 0;
	p->sb->w[slot].started = mono_ms() / 1000;
	switch ((pid = fork())) {
	case -1:
		log_err("fork: %s", strerror(errno));
		p->sb->w[slot].state = SB_FREE;
		return -1;
	case 0:
		close(sigpipe_fd[0]);
		close(sigpipe_fd[1]);
		signal(SIGCHLD, SIG_DFL);
		p->app.sb = p->sb;
		p->app.slot = slot;
		worker_main(&p->app, p->lfd);
		/* NOTREACHED */
	default:
		p->sb->w[slot].pid = pid;
		break;
	}
	return 0;
}

static size_t
count_live(const struct pool *p, int current_gen_only)
{
	size_t	 i, n = 0;

	for (i = 0; i < SB_WORKERS; i++)
		if (p->sb->w[i].state != SB_FREE &&
		    p->sb->w[i].state != SB_STOPPING &&
		    (!current_gen_only || p->sb->w[i].gen == p->gen))
			n++;
	return n;
}

/* ---- mailer: begin (owned by the mail module, see mail.h) ---------- */
/*
 * The mailer (mailer.c) is one child beside the workers but outside the
 * scoreboard: it takes no requests, so slots, generations and request
 * timeouts do not apply, and its pid is kept here.  It starts once the
 * first workers are up, is respawned when it dies (after a delay that
 * grows while it keeps dying young, so a broken setup does not fork in
 * a loop), is replaced after the workers on a reload so that it sends
 * with the new configuration, and is stopped with them.  Mailers on
 * other hosts may run too: they claim outbox rows with SKIP LOCKED.
 * Hooks elsewhere in this file are marked with a mailer comment.
 */
#define MAILER_DELAY_MIN	1000	/* ms before respawning */
#define MAILER_DELAY_MAX	60000
#define MAILER_YOUNG		10000	/* dying sooner doubles the delay */

static struct {
	pid_t		 pid;		/* 0: none running */
	unsigned int	 gen;		/* configuration it started with */
	int		 retiring;	/* SIGTERM sent for a reload */
	int64_t		 started;	/* mono_ms() */
	int64_t		 not_before;	/* no respawn before (mono_ms()) */
	int64_t		 delay;
} mailer;

static void
mailer_spawn(struct pool *p)
{
	pid_t	 pid;

	switch ((pid = fork())) {
	case -1:
		log_err("fork: %s", strerror(errno));
		mailer.not_before = mono_ms() + MAILER_DELAY_MIN;
		break;
	case 0:
		close(sigpipe_fd[0]);
		close(sigpipe_fd[1]);
		close(p->lfd);
		signal(SIGCHLD, SIG_DFL);
		if (services.mailer_main != NULL)
			services.mailer_main(p->app.cfg);
		_exit(1);	/* no mailer in this program */
	default:
		mailer.pid = pid;
		mailer.gen = p->gen;
		mailer.retiring = 0;
		mailer.started = mono_ms();
		break;
	}
}

/* Called by reap() for every child; 1 if it was the mailer. */
static int
mailer_reaped(const struct pool *p, pid_t pid, int st)
{
	int64_t	 now = mono_ms();

	if (mailer.pid <= 0 || pid != mailer.pid)
		return 0;
	mailer.pid = 0;
	if (mailer.delay < MAILER_DELAY_MIN)
		mailer.delay = MAILER_DELAY_MIN;
	if (p->stopping || mailer.retiring)
		mailer.not_before = 0;
	else {
		log_warn("mailer %d ended (%s %d)", (int)pid,
		    WIFSIGNALED(st) ? "signal" : "status",
		    WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
		if (now - mailer.started < MAILER_YOUNG) {
			mailer.delay *= 2;
			if (mailer.delay > MAILER_DELAY_MAX)
				mailer.delay = MAILER_DELAY_MAX;
		} else
			mailer.delay = MAILER_DELAY_MIN;
		mailer.not_before = now + mailer.delay;
	}
	mailer.retiring = 0;
	return 1;
}

/* From stop_all(): the mailer stops with the workers, SIGKILL included. */
static void
mailer_signal(int sig)
{
	if (mailer.pid > 0)
		kill(mailer.pid, sig);
}

/* Once per loop, after the workers: start, respawn or replace it. */
static void
mailer_tick(struct pool *p)
{
	if (p->stopping)
		return;
	if (mailer.pid == 0) {
		if (mono_ms() >= mailer.not_before)
			mailer_spawn(p);
		return;
	}
	/* A reload is done when no old-generation worker is left. */
	if (mailer.gen != p->gen && !mailer.retiring &&
	    count_live(p, 0) == count_live(p, 1)) {
		mailer.retiring = 1;
		kill(mailer.pid, SIGTERM);
	}
}
/* ---- mailer: end ----------------------------------------------------- */

static void
reap(struct pool *p)
{
	struct sb_worker	*w;
	pid_t			 pid;
	size_t			 i;
	int			 st;

	while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
		if (mailer_reaped(p, pid, st))	/* mailer */
			continue;
		for (i = 0; i < SB_WORKERS; i++) {
			w = &p->sb->w[i];
			if (w->pid != pid)
				continue;
			/*
			 * The worker marks itself stopping on its way out,
			 * whoever decided it: only its own flag tells a
			 * recycle from a stop the master asked for.
			 */
			if (w->recycled && WIFEXITED(st) &&
			    WEXITSTATUS(st) == 0)
				__atomic_fetch_add(&p->sb->recycled, 1,
				    __ATOMIC_RELAXED);
			else if (w->state != SB_STOPPING &&
			    (!WIFEXITED(st) || WEXITSTATUS(st) != 0)) {
				log_warn("worker %d died (%s %d)", (int)pid,
				    WIFSIGNALED(st) ? "signal" : "status",
				    WIFSIGNALED(st) ? WTERMSIG(st) :
				    WEXITSTATUS(st));
				__atomic_fetch_add(&p->sb->restarts, 1,
				    __ATOMIC_RELAXED);
			}
			memset(w, 0, sizeof(*w));
		}
	}
}

/* Keep `workers` of the current generation running. */
static void
top_up(struct pool *p)
{
	size_t	 want = (size_t)p->app.cfg->workers;

	if (p->stopping)
		return;
	while (count_live(p, 1) < want && spawn(p) == 0)
		;
}

/*
 * One step of a reload: if an old-generation worker is still running,
 * and a new one has replaced it, tell the old one to finish.
 */
static void
retire_one(struct pool *p)
{
	size_t	 i, want = (size_t)p->app.cfg->workers;

	if (count_live(p, 1) < want)
		return;
	for (i = 0; i < SB_WORKERS; i++) {
		struct sb_worker *w = &p->sb->w[i];
		if (w->state != SB_FREE && w->state != SB_STOPPING &&
		    w->gen != p->gen) {
			/* Its successors serve what is queued: no drain. */
			w->retiring = 1;
			w->state = SB_STOPPING;
			kill(w->pid, SIGTERM);
			return;
		}
	}
}

static void
reload(struct pool *p)
{
	struct app	 na;
	char		 err[512];

	if (app_open(&na, p->conf, err, sizeof(err)) == -1) {
		log_err("reload refused, keeping the running configuration: "
		    "%s", err);
		return;
	}
	app_close(&p->app);
	p->app = na;
	p->gen++;
	sb_set_tenants(p->sb, p->app.tenants);
	__atomic_fetch_add(&p->sb->reloads, 1, __ATOMIC_RELAXED);
	log_info("reloaded (generation %u)", p->gen);
	/* New workers are forked one per tick beside the old ones. */
}

/* End busy workers that outlived request_timeout (nginx answers 503). */
static void
check_timeouts(struct pool *p)
{
	int64_t		 now = mono_ms(), lim;
	size_t		 i;

	lim = p->app.cfg->request_timeout * 1000;
	for (i = 0; i < SB_WORKERS; i++) {
		struct sb_worker *w = &p->sb->w[i];
		if (w->state == SB_BUSY && now - __atomic_load_n(
		    &w->req_start_ms, __ATOMIC_RELAXED) > lim) {
			log_warn("worker %d: request over %llds, ending it",
			    (int)w->pid, p->app.cfg->request_timeout);
			__atomic_fetch_add(&p->sb->timeouts, 1,
			    __ATOMIC_RELAXED);
			w->state = SB_STOPPING;
			kill(w->pid, SIGKILL);
		}
	}
}

static void
stop_all(struct pool *p, int sig)
{
	size_t	 i;

	for (i = 0; i < SB_WORKERS; i++)
		if (p->sb->w[i].pid > 0) {
			p->sb->w[i].state = SB_STOPPING;
			kill(p->sb->w[i].pid, sig);
		}
	mailer_signal(sig);	/* mailer */
}

/*
 * The first step of a stop.  From now on a new connection fails at
 * connect(), an "error" that nginx's fastcgi_next_upstream passes to the
 * other pool even for a POST, nothing having been sent; the workers
 * still hold the socket and serve what is already queued in it (worker.c,
 * drain).  A TCP address cannot be taken back so: its queue is drained
 * the same, but connections keep arriving until the last worker leaves.
 */
static void
listen_close(struct pool *p)
{
	if (p->sockpath != NULL) {
		(void)unlink(p->sockpath);
		free(p->sockpath);
		p->sockpath = NULL;
	}
	if (p->lfd != -1) {
		close(p->lfd);
		p->lfd = -1;
	}
}

/*
 * SIGTERM or SIGINT: the socket path goes, the workers serve what is
 * queued until drain_until_ms then leave, and stop_timeout after now
 * whatever is left is killed.
 */
static void
stop_begin(struct pool *p)
{
	int64_t	 now = mono_ms();

	if (p->stopping)
		return;
	log_info("stopping");
	p->stopping = 1;
	p->stop_deadline = now + p->app.cfg->stop_timeout * 1000;
	__atomic_store_n(&p->sb->drain_until_ms, now +
	    p->app.cfg->stop_timeout * 1000 / SB_DRAIN_SHARE,
	    __ATOMIC_RELAXED);
	listen_close(p);
	stop_all(p, SIGTERM);
}

static int
any_left(const struct pool *p)
{
	size_t	 i;

	if (mailer.pid > 0)	/* mailer */
		return 1;
	for (i = 0; i < SB_WORKERS; i++)
		if (p->sb->w[i].pid > 0)
			return 1;
	return 0;
}

/*
 * The master's pid in pid_file, for `shikakuctl tenant create` and the
 * ops console to SIGHUP it (OPS-1).  Written whole then renamed, so a
 * reader never sees half a number.  1 written, 0 none configured, -1.
 */
static int
pid_write(const char *path)
{
	char	 tmp[PATH_MAX];
	FILE	*f;
	int	 ok;

	if (path == NULL || *path == '\0')
		return 0;
	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= sizeof(tmp)
	    || (f = fopen(tmp, "we")) == NULL) {
		log_err("pid_file %s: %s", path, strerror(errno));
		return -1;
	}
	ok = fprintf(f, "%ld\n", (long)getpid()) > 0;
	if (fclose(f) == EOF || !ok || rename(tmp, path) == -1) {
		log_err("pid_file %s: %s", path, strerror(errno));
		(void)unlink(tmp);
		return -1;
	}
	return 1;
}

/* The pid file, if it still names this process (not a successor's). */
static void
pid_remove(const char *path)
{
	FILE	*f;
	long	 pid = 0;

	if ((f = fopen(path, "re")) == NULL)
		return;
	if (fscanf(f, "%ld", &pid) != 1)
		pid = 0;
	fclose(f);
	if (pid == (long)getpid())
		(void)unlink(path);
}

int
pool_run(const char *conf)
{
	struct pool		 p;
	struct sigaction	 sa;
	struct pollfd		 pfd;
	unsigned char		 sig;
	char			 err[512];
	char			*pidf = NULL;
	int			 rc = 1;

	memset(&p, 0, sizeof(p));
	p.conf = conf;
	p.lfd = -1;
	if (app_open(&p.app, conf, err, sizeof(err)) == -1) {
		log_err("%s", err);
		goto out;
	}
	if (strcmp(p.app.cfg->log, "syslog") == 0)
		log_set_syslog(1);
	if ((p.sb = sb_create()) == NULL)
		goto out;
	sb_set_tenants(p.sb, p.app.tenants);
	if ((p.lfd = pool_listen(p.app.cfg->listen,
	    p.app.cfg->listen_mode)) == -1)
		goto out;
	/* The path of the start: a reload does not move the socket. */
	if (strncmp(p.app.cfg->listen, "unix:", 5) == 0 &&
	    (p.sockpath = strdup(p.app.cfg->listen + 5)) == NULL)
		goto out;
	/* The path of the start: a reload does not move the file. */
	switch (pid_write(p.app.cfg->pid_file)) {
	case -1:
		goto out;
	case 1:
		if ((pidf = strdup(p.app.cfg->pid_file)) == NULL)
			goto out;
		break;
	default:
		break;
	}
	if (pipe2(sigpipe_fd, O_CLOEXEC | O_NONBLOCK) == -1)
		goto out;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGCHLD, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	log_info("listening on %s with %lld workers", p.app.cfg->listen,
	    p.app.cfg->workers);
	top_up(&p);
	pfd.fd = sigpipe_fd[0];
	pfd.events = POLLIN;
	for (;;) {
		if (poll(&pfd, 1, 200) > 0)
			while (read(sigpipe_fd[0], &sig, 1) == 1) {
				switch (sig) {
				case SIGTERM:
				case SIGINT:
					stop_begin(&p);
					break;
				case SIGHUP:
					reload(&p);
					break;
				default:
					break;
				}
			}
		reap(&p);
		if (p.stopping) {
			if (!any_left(&p))
				break;
			if (mono_ms() > p.stop_deadline) {
				log_warn("stop_timeout: killing workers");
				stop_all(&p, SIGKILL);
				p.stop_deadline = mono_ms() + 60000;
			}
			continue;
		}
		check_timeouts(&p);
		/* Reload: one new worker, then retire one old worker. */
		if (count_live(&p, 0) > count_live(&p, 1)) {
			if (count_live(&p, 1) < (size_t)p.app.cfg->workers)
				spawn(&p);
			retire_one(&p);
		} else
			top_up(&p);
		mailer_tick(&p);	/* mailer */
	}
	rc = 0;
out:
	listen_close(&p);
	if (pidf != NULL) {
		pid_remove(pidf);
		free(pidf);
	}
	app_close(&p.app);
	log_info("stopped");
	return rc;
}
