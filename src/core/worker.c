/*
 * worker.c — a worker: open the per-process resources once (database,
 * directory, compiled stylesheets), then accept, dispatch and answer
 * requests until told to stop or max_requests is reached.
 */
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <netinet/in.h>
#include <netinet/tcp.h>

#include <errno.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>
#include <libxml/xmlsave.h>

#include "clock.h"
#include "conf.h"
#include "conf_check.h"
#include "ctx.h"
#include "db.h"
#include "fcgi_out.h"
#include "log.h"
#include "migration.h"
#include "render.h"
#include "request.h"
#include "scoreboard.h"
#include "service.h"
#include "tenant.h"
#include "worker.h"

static volatile sig_atomic_t	 worker_stop;

static void
on_term(int sig)
{
	(void)sig;
	worker_stop = 1;
}

/* Only to interrupt drain_accept()'s accept(). */
static void
on_alarm(int sig)
{
	(void)sig;
}

/* Everything a worker needs, opened once; the master checks it too. */
/* Filled by main before the pool starts (service.h). */
struct services services;

int
app_open(struct app *a, const char *conf, char *err, size_t errlen)
{
	int	 rc = -1;

	memset(a, 0, sizeof(*a));
	if ((a->cfg = config_load(conf, err, errlen)) == NULL)
		goto out;
	if ((a->tenants = tenants_load_cfg(a->cfg, err, errlen)) == NULL)
		goto out;
	if ((a->render = render_new(a->cfg->datadir, a->tenants, err,
	    errlen)) == NULL)
		goto out;
	/* The page tables are checked like configuration (page.c). */
	if (page_tables_check(a->render, err, errlen) == -1)
		goto out;
	/*
	 * What central IT's console shows of this configuration, once per
	 * start or reload, never per request (OPS-1).  An unreadable
	 * sqldir leaves shipped NULL: the console says so.
	 */
	if ((a->checks = calloc(1, sizeof(*a->checks))) == NULL) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	config_check(a->cfg, a->tenants, a->render, a->checks);
	a->shipped = migrations_scan(a->cfg->sqldir, 1);
	rc = 0;
out:
	if (rc == -1)
		app_close(a);
	return rc;
}

void
app_close(struct app *a)
{
	size_t	 i;

	for (i = 0; i < sizeof(a->notices) / sizeof(a->notices[0]); i++) {
		dbres_free(a->notices[i].rows);
		a->notices[i].rows = NULL;
	}
	free(a->checks);
	migrations_free(a->shipped);
	render_free(a->render);
	db_close(a->db);
	if (services.dir_close != NULL)
		services.dir_close(a->dir);
	tenants_free(a->tenants);
	config_free(a->cfg);
	a->checks = NULL;
	a->shipped = NULL;
	a->render = NULL;
	a->db = NULL;
	a->dir = NULL;
	a->tenants = NULL;
	a->cfg = NULL;
}

static int
wants_xml(const struct ctx *c)
{
	return c->accept != NULL &&
	    (strncasecmp(c->accept, "application/xml", 15) == 0 ||
	    strncasecmp(c->accept, "text/xml", 8) == 0);
}

/* Serialize the model or render it; fills c->body and c->ctype. */
static int
produce(struct ctx *c)
{
	xmlChar	*x = NULL;
	int	 n = 0, rc = -1;

	if (c->model == NULL)
		return 0;
	model_attrf(xmlDocGetRootElement(c->model), "status", "%d",
	    c->status);
	/* Well-formed whatever was stored or typed (CORE-3). */
	if (model_clean(c->model) == -1)
		return -1;
	if (wants_xml(c)) {
		xmlDocDumpFormatMemoryEnc(c->model, &x, &n, "UTF-8", 0);
		if (x != NULL && buf_append(&c->body, x, (size_t)n) == 0) {
			c->ctype = "application/xml; charset=utf-8";
			rc = 0;
		}
		xmlFree(x);
		return rc;
	}
	if (render_page(c->app->render, c->tenant, c->ops, c->model,
	    &c->body) == 0) {
		c->ctype = "text/html; charset=utf-8";
		rc = 0;
	}
	return rc;
}

static void
respond(struct ctx *c, FCGX_Request *rq)
{
	struct buf	 h = { NULL, 0, 0 };

	buf_printf(&h, "Status: %d %s\r\n", c->status,
	    http_reason(c->status));
	if (c->status == 303)
		buf_printf(&h, "Location: %s\r\n", c->location);
	if (c->body.len > 0 || c->ctype != NULL)
		buf_printf(&h, "Content-Type: %s\r\n",
		    c->ctype ? c->ctype : "text/plain; charset=utf-8");
	buf_printf(&h, "Content-Length: %zu\r\n", c->body.len);
	if (c->model != NULL)
		buf_puts(&h, "Vary: Accept, Cookie\r\n");
	response_security_headers(&h);
	if (c->hdrs.len > 0)
		buf_append(&h, c->hdrs.data, c->hdrs.len);
	buf_puts(&h, "\r\n");
	if (h.data != NULL)
		fcgi_out(rq, h.data, h.len, c->body.data,
		    strcmp(c->method, "HEAD") != 0 ? c->body.len : 0);
	buf_free(&h);
}

static void
new_reqid(struct ctx *c, FCGX_Request *rq)
{
	const char	*id = FCGX_GetParam("REQUEST_ID", rq->envp);
	unsigned char	 r[8];
	size_t		 i;

	if (id != NULL && strlen(id) < sizeof(c->reqid) &&
	    strspn(id, "0123456789abcdefABCDEF-") == strlen(id) && *id) {
		snprintf(c->reqid, sizeof(c->reqid), "%s", id);
		return;
	}
	if (getrandom(r, sizeof(r), 0) != (ssize_t)sizeof(r))
		memset(r, 0, sizeof(r));
	for (i = 0; i < sizeof(r); i++)
		snprintf(c->reqid + i * 2, 3, "%02x", r[i]);
}

/* The outcome of a refused request: a themed page, or the neutral one. */
static void
refuse(struct ctx *c, enum result r)
{
	c->status = http_status(r);
	buf_reset(&c->body);
	c->ctype = NULL;
	if (c->tenant == NULL && !c->ops && c->unavailable) {
		model_new(c, "tenant-unavailable");
		c->status = 503;
	} else if (c->tenant == NULL && !c->ops) {
		model_new(c, "unknown-host");
		c->status = 404;
	} else
		model_error_page(c, c->status);
}

/*
 * The gate and the page.  A transaction that a Galera certification
 * conflict or a lost database node rolled back (db_tx_retry()) left
 * nothing behind, so the request runs again from the gate, on a fresh
 * copy of what request_read() parsed, at most DB_TX_RETRIES times; a
 * request that ended in a redirect (its work done) never does.
 */
static enum result
serve(struct app *a, struct ctx *c)
{
	struct ctx	 parsed = *c;
	enum result	 r;
	int		 tries;

	(void)db_tx_retry(a->db);
	for (tries = 0;; tries++) {
		r = gate(c);
		if (r == RES_OK)
			r = page_serve(c);
		if (!db_tx_retry(a->db) || r == RES_REDIRECT ||
		    tries == DB_TX_RETRIES)
			break;
		log_warn("req id=%s: transaction lost (conflict or node "
		    "gone); running it again", c->reqid);
		xmlFreeDoc(c->model);
		buf_free(&c->body);
		buf_free(&c->hdrs);
		*c = parsed;
	}
	return r;
}

static void
handle(struct app *a, FCGX_Request *rq)
{
	struct ctx	 c;
	enum result	 r;
	int64_t		 us;
	struct timespec	 end;

	static unsigned long long	 seq;

	memset(&c, 0, sizeof(c));
	c.app = a;
	c.seq = ++seq;
	clock_gettime(CLOCK_MONOTONIC, &c.start);
	new_reqid(&c, rq);
	r = request_read(&c, rq);
	if (r == RES_OK && c.tenant == NULL && !c.ops)
		r = RES_NOTFOUND;
	if (r == RES_OK)
		r = serve(a, &c);
	if (r == RES_OK && c.reshow)
		kept_reshow(&c);	/* a refused POST's form, refilled */
	if (r == RES_REDIRECT)
		c.status = 303;
	else if (r != RES_OK && !(c.page != NULL &&
	    (c.page->flags & PAGE_RAW) && c.body.len > 0))
		refuse(&c, r);
	else
		c.status = r == RES_OK && c.status_hint ? c.status_hint :
		    http_status(r);	/* raw pages keep their body */
	if (produce(&c) == -1) {
		/* A broken theme must still give the member a page. */
		refuse(&c, RES_INTERNAL);
		xmlFreeDoc(c.model);
		c.model = NULL;
		buf_reset(&c.body);
		buf_puts(&c.body, "<!DOCTYPE html><title>500</title><p>"
		    "エラーが発生しました。 / An error occurred.</p>");
		c.ctype = "text/html; charset=utf-8";
	}
	respond(&c, rq);
	clock_gettime(CLOCK_MONOTONIC, &end);
	us = (end.tv_sec - c.start.tv_sec) * 1000000 +
	    (end.tv_nsec - c.start.tv_nsec) / 1000;
	log_info("req id=%s tenant=%s page=%s method=%s status=%d us=%lld",
	    c.reqid, c.tenant ? c.tenant->slug : (c.ops ? "_ops" : "-"),
	    c.page ? c.page->name : "-", c.reshow ? "POST" : c.method,
	    c.status, (long long)us);
	sb_count(a->sb, c.tenant ? sb_slot_of(a->sb, c.tenant->slug) :
	    (c.ops ? SB_SLOT_OPS : SB_SLOT_NONE), c.status, (uint64_t)us);
	ctx_free(&c);
}

/*
 * The drain.  When the pool stops, the connections already queued in the
 * listening socket were sent by nginx, which retries none it has sent a
 * POST on: the workers serve them before they leave.  Not when a reload
 * retires a worker (its successors take the queue), and bounded: until
 * the master's drain_until_ms (SB_DRAIN_SHARE), and at most DRAIN_MAX
 * requests, the listen backlog, since nothing new is queued once the
 * socket path is gone (a TCP address still takes connections: the time
 * ends it).
 */
#define DRAIN_MAX	1024		/* pool_listen()'s backlog */
#define DRAIN_WAIT_MS	100		/* for a connection another took */

enum drain { DRAIN_SERVE, DRAIN_AGAIN, DRAIN_DONE };

/* As libfcgi's accept does: no Nagle delay on the answer. */
static void
conn_nodelay(int fd, const struct sockaddr_storage *ss)
{
	int	 one = 1;

	if (ss->ss_family == AF_INET)
		(void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one,
		    sizeof(one));
}

/*
 * Whether the pool listens on a UNIX socket (1), as it does behind one
 * host's nginx.  After a request libfcgi closes a connection lingering:
 * shutdown(), then up to 2 s in poll() and read() until nginx has read
 * the answer and closed its end, so that closing with unread input
 * cannot make TCP reset the connection and lose the answer.  A UNIX
 * socket never loses what was written to it, so the worker marks such
 * a connection "detached" (libfcgi's FCGX_Detach() state), which libfcgi
 * closes at once: three system calls and a wait on nginx fewer per
 * request.  TCP pools (several hosts) keep the lingering close.
 */
static int
listen_is_unix(int lfd)
{
	struct sockaddr_storage	 ss;
	socklen_t		 len = sizeof(ss);

	return getsockname(lfd, (struct sockaddr *)&ss, &len) == 0 &&
	    ss.ss_family == AF_UNIX;
}

/*
 * accept() on the shared socket, bounded: another worker may take the
 * connection that poll() saw, and O_NONBLOCK cannot be used, being set on
 * the open file description all workers share, a reload's included.
 * SIGALRM (no SA_RESTART) ends the wait instead.
 */
static int
drain_accept(int lfd)
{
	struct itimerval	 it;
	struct sockaddr_storage	 ss;
	socklen_t		 len = sizeof(ss);
	int			 fd;

	memset(&it, 0, sizeof(it));
	it.it_value.tv_usec = DRAIN_WAIT_MS * 1000;
	(void)setitimer(ITIMER_REAL, &it, NULL);
	fd = accept4(lfd, (struct sockaddr *)&ss, &len, SOCK_CLOEXEC);
	memset(&it, 0, sizeof(it));
	(void)setitimer(ITIMER_REAL, &it, NULL);
	if (fd != -1)
		conn_nodelay(fd, &ss);
	return fd;
}

/*
 * The request of a connection this worker accepted itself, read by
 * libfcgi with SIGTERM blocked (0), or -1 when the connection brought
 * none.  libfcgi reads from a connection already in ipcFd;
 * keepConnection stops FCGX_Accept_r's opening FCGX_Finish_r from closing
 * it (the begin record then sets it as nginx asks), and without a
 * listening socket a connection that brings no request makes it return
 * rather than block in accept().
 */
static int
conn_read(FCGX_Request *rq, int fd)
{
	/* A connection nginx kept open (fastcgi_keep_conn) ends here. */
	if (rq->ipcFd >= 0)
		FCGX_Free(rq, 1);
	rq->ipcFd = fd;
	rq->keepConnection = 1;
	rq->listen_sock = -1;
	return FCGX_Accept_r(rq) == 0 ? 0 : -1;
}

enum next { NEXT_SERVE, NEXT_AGAIN, NEXT_FAIL };

/*
 * The next request into rq, waiting in accept() with SIGTERM let in
 * (NEXT_SERVE); none this time, told to stop or the connection brought
 * no request (NEXT_AGAIN); accept() failing (NEXT_FAIL).  The accept is ours, not libfcgi's, so that SIGTERM can only
 * interrupt the wait: had it come while libfcgi read a connection it
 * had just accepted, read() would fail with EINTR and libfcgi close the
 * connection, a request lost (nginx answers 502, and does not retry a
 * pool of one).  A connection nginx keeps open (fastcgi_keep_conn) is
 * libfcgi's to read, as before.
 */
static enum next
next_request(int lfd, FCGX_Request *rq, const sigset_t *open,
    const sigset_t *term)
{
	struct sockaddr_storage	 ss;
	socklen_t		 len = sizeof(ss);
	enum next		 rc = NEXT_AGAIN;
	int			 fd = -1, kept = rq->ipcFd >= 0;

	sigprocmask(SIG_SETMASK, open, NULL);
	if (worker_stop)
		;
	else if (kept)
		rc = FCGX_Accept_r(rq) == 0 ? NEXT_SERVE : NEXT_AGAIN;
	else if ((fd = accept4(lfd, (struct sockaddr *)&ss, &len,
	    SOCK_CLOEXEC)) == -1 && errno != EINTR) {
		log_err("accept: %s", strerror(errno));
		rc = NEXT_FAIL;
	}
	sigprocmask(SIG_BLOCK, term, NULL);
	if (fd != -1) {
		conn_nodelay(fd, &ss);
		rc = conn_read(rq, fd) == 0 ? NEXT_SERVE : NEXT_AGAIN;
	}
	return rc;
}

/*
 * The next queued request into rq (DRAIN_SERVE), none this time but look
 * again (DRAIN_AGAIN), or the drain is over (DRAIN_DONE).  *until and *n
 * are the bounds, *until 0 before the first call.
 */
static enum drain
drain_next(struct app *a, int lfd, FCGX_Request *rq, int64_t *until,
    long long *n)
{
	struct pollfd	 pfd;
	enum drain	 rc = DRAIN_DONE;
	int		 fd;

	if (*until == 0) {
		/*
		 * 0: not the master's stop (a signal to the group, or the
		 * master gone); the same bound, from now.
		 */
		*until = __atomic_load_n(&a->sb->drain_until_ms,
		    __ATOMIC_RELAXED);
		if (*until == 0)
			*until = mono_ms() + a->cfg->stop_timeout * 1000 /
			    SB_DRAIN_SHARE;
	}
	if (a->sb->w[a->slot].retiring || *n >= DRAIN_MAX ||
	    mono_ms() >= *until)
		goto out;
	pfd.fd = lfd;
	pfd.events = POLLIN;
	if (poll(&pfd, 1, 0) != 1 || (pfd.revents & POLLIN) == 0)
		goto out;	/* nothing queued: done */
	rc = DRAIN_AGAIN;
	if ((fd = drain_accept(lfd)) == -1)
		goto out;	/* another worker took it */
	(*n)++;
	if (conn_read(rq, fd) == 0)
		rc = DRAIN_SERVE;
out:
	return rc;
}

void
worker_main(struct app *a, int lfd)
{
	struct sb_worker	*me = &a->sb->w[a->slot];
	struct sigaction	 sa;
	sigset_t		 term, none;
	FCGX_Request		 rq;
	char			 err[256];
	long long		 served = 0, drained = 0;
	int64_t			 until = 0;
	enum drain		 dr;
	enum next		 nx;
	int			 unix_conn;

	/* Die with the master rather than serve without supervision. */
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;	/* no SA_RESTART: accept() returns */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGPIPE, &sa, NULL);
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	sigaddset(&term, SIGINT);
	sigemptyset(&none);

	/*
	 * Every request allocates and frees the same few hundred kilobytes
	 * (model, result tree, output); keep them in the heap instead of
	 * trimming and re-growing it each time.
	 */
	mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
	mallopt(M_TOP_PAD, 8 * 1024 * 1024);
	mallopt(M_MMAP_THRESHOLD, 16 * 1024 * 1024);
	a->db = db_open(a->cfg, err, sizeof(err));
	if (a->db == NULL)
		_exit(1);
	a->dir = services.dir_open != NULL ? services.dir_open(a->cfg) :
	    NULL;
	clock_init(a->cfg->demo_clock_file);	/* demo only: clock.h */
	FCGX_Init();
	FCGX_InitRequest(&rq, lfd, FCGI_FAIL_ACCEPT_ON_INTR);
	unix_conn = listen_is_unix(lfd);
	me->state = SB_IDLE;
	/*
	 * SIGTERM is only let in while waiting in accept(): a request that
	 * has started always finishes, whatever the master sends.  Once it
	 * came, the queue is drained (drain_next()) with SIGTERM blocked.
	 */
	while (served < a->cfg->max_requests) {
		if (worker_stop) {
			if ((dr = drain_next(a, lfd, &rq, &until,
			    &drained)) == DRAIN_DONE)
				break;
			if (dr == DRAIN_AGAIN)
				continue;
		} else if ((nx = next_request(lfd, &rq, &none, &term)) ==
		    NEXT_FAIL)
			break;
		else if (nx == NEXT_AGAIN)
			continue;
		__atomic_store_n(&me->req_start_ms, mono_ms(),
		    __ATOMIC_RELAXED);
		me->state = SB_BUSY;
		handle(a, &rq);
		/*
		 * See listen_is_unix(); only once all of the request is read
		 * (stdin at its end), or nginx, still sending a body the page
		 * did not read, would fail with EPIPE and answer 502.
		 */
		if (unix_conn && FCGX_GetChar(rq.in) == EOF)
			rq.detached = 1;
		FCGX_Finish_r(&rq);
		me->state = SB_IDLE;
		__atomic_fetch_add(&me->requests, 1, __ATOMIC_RELAXED);
		served++;
	}
	if (drained > 0)
		log_info("worker %d: took %lld queued connection(s) before "
		    "leaving", (int)getpid(), drained);
	/* For the master's count: leaving on our own, not told to. */
	me->recycled = !worker_stop && served >= a->cfg->max_requests;
	me->state = SB_STOPPING;
	/*
	 * Only the connections are closed, so that MariaDB and slapd see a
	 * clean quit; the stylesheets, caches and trees go with the
	 * process.  Freeing them one by one (app_close()) cost every
	 * recycled worker tens of milliseconds for nothing, and writing to
	 * pages it shares with the master copied them first.
	 */
	db_close(a->db);
	if (services.dir_close != NULL)
		services.dir_close(a->dir);
	_exit(0);
}
