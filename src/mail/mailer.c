/*
 * mailer.c — the process that delivers the outbox (CORE-14).  The master
 * forks one (pool.c).  It opens its own database connection and, every
 * second, claims the due rows with SELECT ... FOR UPDATE SKIP LOCKED and
 * a lease (next_try moved MAILER_LEASE seconds ahead) committed at once,
 * then sends each over SMTP with libcurl and records its outcome: sent;
 * or another try later, with a delay that doubles up to an hour; or
 * failed after MAIL_MAX_ATTEMPTS.  Mailers on several hosts may run at
 * once: a row one of them holds is skipped by the others, never waited
 * for; and since only a committed claim is sent, two mailers on two
 * Galera nodes (whose row locks are each node's own) cannot both send
 * it: the second claim fails certification (1213) and sends nothing.
 *
 * Delivery is at least once: should the process die between the relay's
 * "250 OK" and the recording of it, the row goes out again when its
 * lease ends.  The recording is one statement, retried on another node
 * when its node went away.  Every try carries the same Message-ID, so
 * such a duplicate can be told.
 *
 * SIGTERM and SIGINT stay blocked and are polled between sends
 * (sigtimedwait): a send that has started finishes, the rest of the
 * batch is left queued, and no work happens in a signal handler.
 */
#include <sys/prctl.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "buf.h"
#include "conf.h"
#include "db.h"
#include "log.h"
#include "mail.h"
#include "housekeep.h"
#include "scoreboard.h"
#include "tenant.h"

#define MAILER_BATCH	20	/* rows claimed per transaction */
#define MAILER_TICK_MS	1000	/* between looks at the outbox */
#define MAILER_DOWN_MS	30000	/* longest wait while the database fails */
#define MAILER_TIMEOUT	30L	/* seconds for one SMTP transaction */
/* A claimed batch's lease: longer than MAILER_BATCH sends can take. */
#define MAILER_LEASE	(MAILER_BATCH * MAILER_TIMEOUT + 300)

struct mailer {
	const struct config	*cfg;
	struct db		*db;
	struct tenants		*tenants;	/* names, purges; may be NULL */
	CURL			*curl;
	const char		*domain;	/* of mail_from: Message-IDs */
	sigset_t		 stopsigs;
	int			 stop;
};

/* Has SIGTERM or SIGINT come?  Waits for one up to ms milliseconds. */
static int
mailer_stopping(struct mailer *m, long ms)
{
	struct timespec	 ts;

	if (m->stop)
		return 1;
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	if (sigtimedwait(&m->stopsigs, NULL, &ts) > 0)
		m->stop = 1;
	return m->stop;
}

struct upload {
	const char	*p;
	size_t		 len;
	size_t		 off;
};

static size_t
upload_read(char *dst, size_t size, size_t nmemb, void *arg)
{
	struct upload	*u = arg;
	size_t		 n = size * nmemb;

	if (n > u->len - u->off)
		n = u->len - u->off;
	memcpy(dst, u->p + u->off, n);
	u->off += n;
	return n;
}

/*
 * One SMTP transaction.  On failure err gets curl's words (they may
 * quote the relay's reply, so they go to the outbox row, not the log)
 * and *code the relay's last reply code, 0 if none.
 */
static CURLcode
mailer_send(struct mailer *m, const char *rcpt, const struct buf *msg,
    long *code, char *err, size_t errlen)
{
	struct curl_slist	*rl = NULL;
	struct upload		 u = { msg->data, msg->len, 0 };
	char			 from[MAIL_ADDR_MAX + 3], to[MAIL_ADDR_MAX + 3];
	char			 cerr[CURL_ERROR_SIZE];
	CURLcode		 c = CURLE_OUT_OF_MEMORY;

	*code = 0;
	cerr[0] = '\0';
	snprintf(from, sizeof(from), "<%s>", m->cfg->mail_from);
	snprintf(to, sizeof(to), "<%s>", rcpt);
	if ((rl = curl_slist_append(NULL, to)) == NULL)
		goto out;
	/* Options go, the connection to the relay stays for the next. */
	curl_easy_reset(m->curl);
	if ((c = curl_easy_setopt(m->curl, CURLOPT_URL,
	    m->cfg->smtp_url)) != CURLE_OK ||
	    (c = curl_easy_setopt(m->curl, CURLOPT_PROTOCOLS_STR,
	    "smtp,smtps")) != CURLE_OK ||
	    (c = curl_easy_setopt(m->curl, CURLOPT_MAIL_FROM,
	    from)) != CURLE_OK ||
	    (c = curl_easy_setopt(m->curl, CURLOPT_MAIL_RCPT,
	    rl)) != CURLE_OK ||
	    (c = curl_easy_setopt(m->curl, CURLOPT_READFUNCTION,
	    upload_read)) != CURLE_OK ||
	    (c = curl_easy_setopt(m->curl, CURLOPT_READDATA, &u)) != CURLE_OK ||
	    (c = curl_easy_setopt(m->curl, CURLOPT_UPLOAD, 1L)) != CURLE_OK ||
	    (c = curl_easy_setopt(m->curl, CURLOPT_TIMEOUT,
	    MAILER_TIMEOUT)) != CURLE_OK ||
	    (c = curl_easy_setopt(m->curl, CURLOPT_CONNECTTIMEOUT,
	    10L)) != CURLE_OK ||
	    /* No SIGALRM for name lookups: our signals are our own. */
	    (c = curl_easy_setopt(m->curl, CURLOPT_NOSIGNAL, 1L)) != CURLE_OK ||
	    (c = curl_easy_setopt(m->curl, CURLOPT_ERRORBUFFER,
	    cerr)) != CURLE_OK)
		goto out;
	c = curl_easy_perform(m->curl);
	if (c != CURLE_OK)
		curl_easy_getinfo(m->curl, CURLINFO_RESPONSE_CODE, code);
out:
	if (c != CURLE_OK)
		snprintf(err, errlen, "%s%s%s", curl_easy_strerror(c),
		    cerr[0] != '\0' ? ": " : "", cerr);
	/* The handle must not point at our stack after we return. */
	curl_easy_setopt(m->curl, CURLOPT_ERRORBUFFER, NULL);
	curl_slist_free_all(rl);
	return c;
}

static const struct tenant *
mailer_tenant(const struct mailer *m, const char *slug)
{
	size_t	 i;

	for (i = 0; m->tenants != NULL && i < m->tenants->n; i++)
		if (strcmp(m->tenants->t[i].slug, slug) == 0)
			return &m->tenants->t[i];
	return NULL;
}

/*
 * Deliver row `row` of a claimed batch and record the outcome.  One log
 * line per attempt: tenant, outbox id, template, result; never the
 * recipient, the body or the relay's reply.
 */
static void
mailer_one(struct mailer *m, const struct dbres *r, size_t row)
{
	const char		*f[OUTBOX_DUE_COL__MAX], *tn, *tmpl, *rcpt;
	const struct tenant	*t;
	struct mail_msg		 msg;
	struct buf		 wire = { NULL, 0, 0 };
	const char		*why = NULL;
	char			 date[64], msgid[512], err[400];
	long long		 id, delay;
	long			 code = 0;
	CURLcode		 c;
	size_t			 i;
	int			 attempts;

	for (i = 0; i < OUTBOX_DUE_COL__MAX; i++)
		if ((f[i] = dbres_get(r, row, i)) == NULL) {
			log_err("outbox row with a NULL column");
			goto out;
		}
	id = strtoll(f[OUTBOX_DUE_COL_ID], NULL, 10);
	tn = f[OUTBOX_DUE_COL_TENANT];
	tmpl = f[OUTBOX_DUE_COL_TEMPLATE];
	rcpt = f[OUTBOX_DUE_COL_RCPT];
	attempts = atoi(f[OUTBOX_DUE_COL_ATTEMPTS]) + 1;
	t = mailer_tenant(m, tn);
	mail_date(date, sizeof(date), time(NULL));
	snprintf(msgid, sizeof(msgid), "<%lld.%s.%s@%s>", id,
	    f[OUTBOX_DUE_COL_CREATED], tn, m->domain);
	memset(&msg, 0, sizeof(msg));
	msg.date = date;
	msg.from_name = t != NULL ? t->name_ja : NULL;
	msg.from = m->cfg->mail_from;
	msg.to = rcpt;
	msg.subject = f[OUTBOX_DUE_COL_SUBJECT];
	msg.msgid = msgid;
	msg.body = f[OUTBOX_DUE_COL_BODY];
	if (mail_message(&wire, &msg) == -1) {
		why = "message";
		snprintf(err, sizeof(err), "cannot build the message "
		    "(address, subject or mail_from refused)");
	} else if ((c = mailer_send(m, rcpt, &wire, &code, err,
	    sizeof(err))) != CURLE_OK)
		why = curl_easy_strerror(c);
	if (why == NULL) {
		if (dbq_outbox_sent(m->db, id, attempts) < 0)
			log_err("tenant=%s id=%lld: sent but not recorded; "
			    "it will go again", tn, id);
		log_info("tenant=%s id=%lld template=%s attempt=%d "
		    "result=sent", tn, id, tmpl, attempts);
	} else if (attempts >= MAIL_MAX_ATTEMPTS) {
		if (dbq_outbox_failed(m->db, id, attempts, err) < 0)
			log_err("tenant=%s id=%lld: outcome not recorded",
			    tn, id);
		log_warn("tenant=%s id=%lld template=%s attempt=%d "
		    "result=failed smtp=%ld error=\"%s\"", tn, id, tmpl,
		    attempts, code, why);
	} else {
		delay = mail_retry_delay(attempts);
		if (dbq_outbox_retry(m->db, id, attempts, delay, err) < 0)
			log_err("tenant=%s id=%lld: outcome not recorded",
			    tn, id);
		log_warn("tenant=%s id=%lld template=%s attempt=%d "
		    "result=retry next_in=%llds smtp=%ld error=\"%s\"", tn,
		    id, tmpl, attempts, delay, code, why);
	}
out:
	/* A body may hold a temporary password. */
	if (wire.data != NULL)
		explicit_bzero(wire.data, wire.cap);
	buf_free(&wire);
}

/*
 * The ids of rows from..r->nrows-1 as "1,2,3" and their bounds (rows
 * come ordered by id).  -1 when none or on a malformed id.
 */
static int
mailer_ids(const struct dbres *r, size_t from, struct buf *ids,
    long long *lo, long long *hi)
{
	const char	*v;
	size_t		 i;

	buf_reset(ids);
	for (i = from; i < r->nrows; i++) {
		if ((v = dbres_get(r, i, OUTBOX_DUE_COL_ID)) == NULL ||
		    strspn(v, "0123456789") != strlen(v) || *v == '\0')
			return -1;
		if (i == from)
			*lo = strtoll(v, NULL, 10);
		*hi = strtoll(v, NULL, 10);
		buf_printf(ids, "%s%s", i == from ? "" : ",", v);
	}
	return i > from && ids->data != NULL ? 0 : -1;
}

/*
 * Claim up to MAILER_BATCH due rows (a committed lease) and deliver
 * them.  Returns the number of rows claimed, -1 on a database error.
 */
static int
mailer_batch(struct mailer *m)
{
	struct dbres	*r = NULL;
	struct buf	 ids = { NULL, 0, 0 };
	long long	 lo = 0, hi = 0;
	size_t		 i;
	int		 n = -1;

	if (db_begin(m->db) < 0)
		goto out;
	if ((r = dbq_outbox_due(m->db, MAILER_BATCH)) == NULL) {
		db_rollback(m->db);
		goto out;
	}
	if (r->nrows == 0) {
		db_rollback(m->db);
		n = 0;
		goto out;
	}
	if (mailer_ids(r, 0, &ids, &lo, &hi) == -1 ||
	    dbq_outbox_claim(m->db, ids.data, lo, hi, MAILER_LEASE) < 0) {
		db_rollback(m->db);
		goto out;
	}
	if (db_commit(m->db) < 0) {
		/* Another mailer's claim won (1213): nothing is ours. */
		if (db_tx_retry(m->db)) {
			log_info("outbox: batch claimed by another mailer");
			n = 0;
		}
		goto out;
	}
	for (i = 0; i < r->nrows && !mailer_stopping(m, 0); i++)
		mailer_one(m, r, i);
	/* Rows not reached (we are stopping) are due again at once. */
	if (i < r->nrows && mailer_ids(r, i, &ids, &lo, &hi) == 0 &&
	    dbq_outbox_release(m->db, ids.data, lo, hi) < 0)
		log_warn("outbox: %zu claimed rows not released; due again "
		    "in %ld s", r->nrows - i, MAILER_LEASE);
	n = (int)r->nrows;
out:
	if (r != NULL)
		for (i = 0; i < r->nrows * r->ncols; i++)
			if (r->cell[i] != NULL)
				explicit_bzero(r->cell[i], strlen(r->cell[i]));
	dbres_free(r);
	buf_free(&ids);
	return n;
}

void
mailer_main(const struct config *cfg)
{
	struct mailer	 m;
	const char	*at;
	char		 err[256];
	long		 wait = MAILER_TICK_MS;
	int64_t		 swept = 0;
	int		 n;

	/* Die with the master rather than send without supervision. */
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	memset(&m, 0, sizeof(m));
	m.cfg = cfg;
	signal(SIGHUP, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGTERM, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	sigemptyset(&m.stopsigs);
	sigaddset(&m.stopsigs, SIGTERM);
	sigaddset(&m.stopsigs, SIGINT);
	sigprocmask(SIG_BLOCK, &m.stopsigs, NULL);
	(void)prctl(PR_SET_NAME, "shikakud-mailer");

	/*
	 * Without a sender or a relay every try would fail and count: wait
	 * for a reload with a usable configuration instead, the outbox
	 * untouched.
	 */
	if (!mail_addr_valid(cfg->mail_from) || cfg->smtp_url == NULL ||
	    *cfg->smtp_url == '\0') {
		log_err("mail_from or smtp_url unusable; not sending");
		while (!mailer_stopping(&m, 60000))
			;
		_exit(0);
	}
	at = strchr(cfg->mail_from, '@');
	m.domain = at + 1;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK ||
	    (m.curl = curl_easy_init()) == NULL) {
		log_err("libcurl initialisation failed");
		_exit(1);
	}
	err[0] = '\0';
	if ((m.db = db_open(cfg, err, sizeof(err))) == NULL)
		_exit(1);
	if (err[0] != '\0')
		log_warn("%s (will retry)", err);
	/* Only for the sender's display name: without it, a bare address. */
	if ((m.tenants = tenants_load_cfg(cfg, err, sizeof(err))) == NULL)
		log_warn("tenants: %s", err);
	log_info("mailer started (%s)", cfg->smtp_url);
	while (!mailer_stopping(&m, 0)) {
		/* The mailer also sweeps what expired (housekeep.c). */
		if (mono_ms() - swept >= HOUSEKEEP_MS) {
			housekeep(m.db, cfg, m.tenants);
			swept = mono_ms();
		}
		if ((n = mailer_batch(&m)) < 0) {
			/* db_begin() does not reconnect; a ping does. */
			(void)db_ping(m.db);
			wait = wait < MAILER_TICK_MS ? MAILER_TICK_MS :
			    wait * 2;
			if (wait > MAILER_DOWN_MS)
				wait = MAILER_DOWN_MS;
		} else
			/* A full batch: more may be due; look again now. */
			wait = n == MAILER_BATCH ? 0 : MAILER_TICK_MS;
		if (wait > 0 && mailer_stopping(&m, wait))
			break;
	}
	log_info("mailer stopped");
	tenants_free(m.tenants);
	db_close(m.db);
	curl_easy_cleanup(m.curl);
	curl_global_cleanup();
	_exit(0);
}
