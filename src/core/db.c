/*
 * db.c — one MariaDB connection per process, prepared statements only,
 * kept prepared for the life of the connection (statements are keyed by
 * their SQL text, which is always a string literal in the data layer).
 *
 * Several hosts (issue 15): db_host may list "host[:port]" entries; a
 * connection goes to the first that answers and, on a Galera node, is
 * ready (wsrep_ready), so every pool listing them in the same order
 * writes to one node while it lives.  A connection that went away
 * outside a transaction is reopened (on the next node that answers) and
 * the statement retried once; inside a transaction nothing is retried
 * here: the transaction is lost, its later statements fail at once (they
 * must never run on a new connection, where they would commit alone) and
 * db_tx_retry() tells the caller it may run the whole unit again.  So
 * does a deadlock or a Galera certification conflict (1213), which
 * rolls the transaction back; a statement outside a transaction that
 * meets one is retried here, at most DB_RETRIES times.
 */
#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include <mysql.h>
#include <errmsg.h>

#include "conf.h"
#include "db.h"
#include "log.h"

#define DB_MAXARGS	32
/*
 * Prepared statements kept per connection, found by the address of
 * their SQL text (a string literal, or a string built once per worker).
 * Every statement of the portal fits (about 400): one that did not would
 * be prepared, run and closed each time, three round trips and a parse.
 * Open addressing over twice as many slots.
 */
#define DB_NSTMT	1024
#define DB_NSLOT	(2 * DB_NSTMT)
#define DB_MAXCELL	(16 * 1024 * 1024)
#define DB_MAXHOSTS	8
#define DB_RETRIES	3	/* tries of a statement meeting 1213 */
#define ER_DEADLOCK	1213	/* InnoDB deadlock, Galera conflict */
#define ER_WSREP_NOTREADY 1047	/* node out of the primary component */
#define ER_KILLED	1927	/* connection killed (node shutting down) */

struct db {
	MYSQL			*my;
	const struct config	*cfg;
	struct {
		const char	*sql;
		MYSQL_STMT	*st;
	}			 stmt[DB_NSLOT];
	size_t			 nstmt;
	unsigned int		 lasterr;
	long long		 insert_id;
	int			 intx;	/* between db_begin and its end */
	int			 txlost; /* that transaction is gone */
	int			 retry;	/* one was rolled back: may run again */
	int			 node;	/* index in db_host of this connection */
};

/*
 * Entry i of db_host ("a:3306 b c:3307", spaces or commas): its host and
 * port (cfg->db_port when none).  0 when there is no entry i.
 */
static int
db_host_at(const char *list, int i, char *host, size_t hostlen,
    unsigned int *port, unsigned int defport)
{
	const char	*p = list, *e, *colon;
	size_t		 n;

	for (;;) {
		p += strspn(p, " ,\t");
		if (*p == '\0')
			return 0;
		e = p + strcspn(p, " ,\t");
		if (i-- == 0)
			break;
		p = e;
	}
	*port = defport;
	n = (size_t)(e - p);
	if ((colon = memchr(p, ':', n)) != NULL) {
		*port = (unsigned int)strtoul(colon + 1, NULL, 10);
		n = (size_t)(colon - p);
	}
	if (n >= hostlen)
		n = hostlen - 1;
	memcpy(host, p, n);
	host[n] = '\0';
	return 1;
}

/*
 * A Galera node that is not Synced (joining, donor, or cut off from the
 * primary component) refuses or serves stale reads: skip it.  A server
 * without wsrep answers no row, or OFF with wsrep_on OFF.
 */
static int
db_node_ready(MYSQL *my)
{
	MYSQL_RES	*res;
	MYSQL_ROW	 row;
	int		 ok = 0;

	if (mysql_query(my, "SELECT @@wsrep_on, VARIABLE_VALUE FROM "
	    "information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = "
	    "'WSREP_READY'") != 0 || (res = mysql_store_result(my)) == NULL)
		return 0;
	row = mysql_fetch_row(res);
	ok = row == NULL || row[0] == NULL || strcmp(row[0], "0") == 0 ||
	    (row[1] != NULL && strcmp(row[1], "ON") == 0);
	mysql_free_result(res);
	return ok;
}

static int
db_connect_one(struct db *d, const char *host, unsigned int port,
    const char *pw, int several, char *err, size_t errlen)
{
	/* Several nodes: a dead one must cost little before the next. */
	unsigned int	 timeout = several ? 2 : 5;
	my_bool		 off = 0;

	if ((d->my = mysql_init(NULL)) == NULL)
		return -1;
	mysql_options(d->my, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	timeout = 30;
	mysql_options(d->my, MYSQL_OPT_READ_TIMEOUT, &timeout);
	mysql_options(d->my, MYSQL_OPT_WRITE_TIMEOUT, &timeout);
	/* We reconnect ourselves, so prepared statements are redone. */
	mysql_options(d->my, MYSQL_OPT_RECONNECT, &off);
	mysql_options(d->my, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	if (mysql_real_connect(d->my, host, d->cfg->db_user, pw,
	    d->cfg->db_name, port, host ? NULL : d->cfg->db_socket,
	    CLIENT_FOUND_ROWS) == NULL) {
		snprintf(err, errlen, "database %s:%u: %s", host ? host :
		    d->cfg->db_socket, port, mysql_error(d->my));
		goto fail;
	}
	if (several && !db_node_ready(d->my)) {
		snprintf(err, errlen, "database %s:%u: node not ready", host,
		    port);
		goto fail;
	}
	/*
	 * After a failover two nodes may take writes (pools connected at
	 * different times): a read must see what the member's previous
	 * request wrote on the other node, so reads wait until this node
	 * has applied everything the cluster committed before them.
	 */
	if (several && mysql_query(d->my, "SET SESSION wsrep_sync_wait = 1")
	    != 0)
		log_warn("database %s:%u: wsrep_sync_wait: %s", host, port,
		    mysql_error(d->my));
	/* Japan time for NOW() and friends; windows are Asia/Tokyo. */
	if (mysql_query(d->my, "SET time_zone = '+09:00'") != 0 ||
	    mysql_query(d->my, "SET SESSION TRANSACTION ISOLATION LEVEL "
	    "READ COMMITTED") != 0) {
		snprintf(err, errlen, "database: %s", mysql_error(d->my));
		goto fail;
	}
	return 0;
fail:
	mysql_close(d->my);
	d->my = NULL;
	return -1;
}

static int
db_connect(struct db *d, char *err, size_t errlen)
{
	char		*pw = NULL, host[256];
	unsigned int	 port;
	int		 i, several, rc = -1;

	pw = read_secret(d->cfg->db_password_file);
	if (d->cfg->db_host == NULL) {
		rc = db_connect_one(d, NULL, 0, pw, 0, err, errlen);
		goto out;
	}
	several = db_host_at(d->cfg->db_host, 1, host, sizeof(host), &port,
	    0);
	for (i = 0; i < DB_MAXHOSTS && db_host_at(d->cfg->db_host, i, host,
	    sizeof(host), &port, (unsigned int)d->cfg->db_port); i++) {
		if (db_connect_one(d, host, port, pw, several, err,
		    errlen) == 0) {
			if (i != d->node)
				log_warn("database: now on %s:%u (entry %d "
				    "of db_host)", host, port, i + 1);
			d->node = i;
			rc = 0;
			break;
		}
		if (several)
			log_warn("%s", err);
	}
out:
	secret_free(pw);
	return rc;
}

/*
 * The db_host entry this connection reached (the first that answered,
 * db_connect()), for tools that connect by themselves and must choose as
 * the portal does (shikakuctl backup, restore): 1 with its host and
 * port, 0 when there is no db_host (the database's socket).
 */
int
db_node(const struct db *d, char *host, size_t hostlen, unsigned int *port)
{
	int	 rc = 0;

	if (d->cfg->db_host != NULL)
		rc = db_host_at(d->cfg->db_host, d->node, host, hostlen, port,
		    (unsigned int)d->cfg->db_port);
	return rc;
}

static void
db_drop(struct db *d)
{
	size_t	 i;

	for (i = 0; i < DB_NSLOT; i++)
		if (d->stmt[i].st != NULL)
			mysql_stmt_close(d->stmt[i].st);
	memset(d->stmt, 0, sizeof(d->stmt));
	d->nstmt = 0;
	if (d->my != NULL)
		mysql_close(d->my);
	d->my = NULL;
}

struct db *
db_open(const struct config *cfg, char *err, size_t errlen)
{
	struct db	*d;

	if ((d = calloc(1, sizeof(*d))) == NULL)
		return NULL;
	d->cfg = cfg;
	/* A worker starts even if the database is down; calls then fail. */
	if (db_connect(d, err, errlen) == -1)
		db_drop(d);
	return d;
}

void
db_close(struct db *d)
{
	if (d == NULL)
		return;
	db_drop(d);
	free(d);
}

static int
db_ensure(struct db *d)
{
	char	 err[256];

	if (d->my != NULL)
		return 0;
	if (db_connect(d, err, sizeof(err)) == -1) {
		log_warn("%s", err);
		db_drop(d);
		return -1;
	}
	return 0;
}

int
db_ping(struct db *d)
{
	if (db_ensure(d) == -1)
		return -1;
	if (mysql_ping(d->my) != 0) {
		db_drop(d);
		if (db_ensure(d) == -1 || mysql_ping(d->my) != 0)
			return -1;
	}
	return 1;
}

static int
gone(unsigned int e)
{
	return e == CR_SERVER_GONE_ERROR || e == CR_SERVER_LOST ||
	    e == CR_CONN_HOST_ERROR || e == CR_CONNECTION_ERROR ||
	    e == ER_WSREP_NOTREADY || e == ER_KILLED;
}

/* A short pause before running again what met a conflict. */
static void
db_backoff(int attempt)
{
	struct timespec	 ts = { 0, 0 };

	ts.tv_nsec = 5000000L * (1L << attempt);	/* 5, 10, 20 ms */
	nanosleep(&ts, NULL);
}

/*
 * The transaction under way is lost (its node went away, or it was
 * rolled back by a conflict): nothing of it was committed, so the caller
 * may run it again.  The connection is dropped when gone.
 */
static void
db_tx_lost(struct db *d, unsigned int e)
{
	d->txlost = 1;
	d->retry = 1;
	if (gone(e))
		db_drop(d);
}

/* The slot of sql: where it is kept, or the empty one it would take. */
static size_t
stmt_slot(const struct db *d, const char *sql)
{
	size_t	 i;

	i = (size_t)(((uintptr_t)sql >> 3) * 2654435761U) % DB_NSLOT;
	while (d->stmt[i].sql != NULL && d->stmt[i].sql != sql)
		i = (i + 1) % DB_NSLOT;
	return i;
}

static MYSQL_STMT *
db_stmt(struct db *d, const char *sql)
{
	MYSQL_STMT	*st = NULL;
	size_t		 i;

	i = stmt_slot(d, sql);
	if (d->stmt[i].sql == sql) {
		st = d->stmt[i].st;
		goto out;
	}
	if ((st = mysql_stmt_init(d->my)) == NULL)
		goto out;
	if (mysql_stmt_prepare(st, sql, strlen(sql)) != 0) {
		log_err("prepare: %s", mysql_stmt_error(st));
		mysql_stmt_close(st);
		st = NULL;
		goto out;
	}
	if (d->nstmt < DB_NSTMT) {
		d->stmt[i].sql = sql;
		d->stmt[i].st = st;
		d->nstmt++;
	}
out:
	return st;
}

static void
stmt_release(struct db *d, const char *sql, MYSQL_STMT *st)
{
	if (d->stmt[stmt_slot(d, sql)].st == st)
		/*
		 * Freeing the result is enough before the next execute:
		 * mysql_stmt_reset() would cost a round trip
		 * (COM_STMT_RESET) per statement, and nothing here
		 * sends long data or keeps a cursor open.
		 */
		mysql_stmt_free_result(st);
	else
		mysql_stmt_close(st);	/* cache was full: not kept */
}

struct dbarg {
	long long	 i;
	char		*s;	/* bound read-only; MYSQL_BIND is not const */
	unsigned long	 len;
	my_bool		 isnull;
};

static int
bind_args(const char *types, va_list ap, MYSQL_BIND *b, struct dbarg *a)
{
	static char	 empty[1];
	size_t		 n;

	for (n = 0; types[n] != '\0'; n++) {
		if (n == DB_MAXARGS)
			return -1;
		memset(&b[n], 0, sizeof(b[n]));
		a[n].isnull = 0;
		switch (types[n]) {
		case 's':
			a[n].s = va_arg(ap, char *);
			if (a[n].s == NULL) {
				a[n].isnull = 1;
				a[n].s = empty;
			}
			a[n].len = strlen(a[n].s);
			b[n].buffer_type = MYSQL_TYPE_STRING;
			b[n].buffer = a[n].s;
			b[n].buffer_length = a[n].len;
			b[n].length = &a[n].len;
			break;
		case 'i':
			a[n].i = va_arg(ap, long long);
			b[n].buffer_type = MYSQL_TYPE_LONGLONG;
			b[n].buffer = &a[n].i;
			break;
		case 'b':	/* binary: a pointer, then a size_t length */
			a[n].s = va_arg(ap, char *);
			a[n].len = (unsigned long)va_arg(ap, size_t);
			b[n].buffer_type = MYSQL_TYPE_BLOB;
			b[n].buffer = a[n].s;
			b[n].buffer_length = a[n].len;
			b[n].length = &a[n].len;
			break;
		case 'n':
			a[n].isnull = 1;
			b[n].buffer_type = MYSQL_TYPE_NULL;
			break;
		default:
			return -1;
		}
		b[n].is_null = &a[n].isnull;
	}
	return (int)n;
}

/*
 * Prepare (or reuse), bind and execute.  On a lost connection before
 * anything ran, reconnect and try once more.
 */
static MYSQL_STMT *
db_run(struct db *d, const char *sql, const char *types, va_list ap)
{
	MYSQL_BIND	 b[DB_MAXARGS];
	struct dbarg	 a[DB_MAXARGS];
	MYSQL_STMT	*st = NULL;
	va_list		 cp;
	int		 n, attempt, reconnected = 0;
	unsigned int	 e;

	for (attempt = 0; attempt <= DB_RETRIES; attempt++) {
		/* Never on a new connection, where it would commit alone. */
		if (d->intx && d->txlost) {
			d->lasterr = CR_SERVER_LOST;
			return NULL;
		}
		if (db_ensure(d) == -1)
			return NULL;
		va_copy(cp, ap);
		n = bind_args(types, cp, b, a);
		va_end(cp);
		if (n < 0) {
			log_err("bad type string");
			return NULL;
		}
		if ((st = db_stmt(d, sql)) == NULL) {
			e = mysql_errno(d->my);
			if (gone(e) && d->intx) {
				db_tx_lost(d, e);
				d->lasterr = e;
				return NULL;
			}
			if (gone(e) && !reconnected) {
				reconnected = 1;
				db_drop(d);
				continue;
			}
			return NULL;
		}
		if ((n > 0 && mysql_stmt_bind_param(st, b) != 0) ||
		    mysql_stmt_execute(st) != 0) {
			e = mysql_stmt_errno(st);
			if (e != 1062)	/* duplicate keys are the caller's */
				log_err("execute: %s", mysql_stmt_error(st));
			stmt_release(d, sql, st);
			d->lasterr = e;
			if ((gone(e) || e == ER_DEADLOCK) && d->intx) {
				db_tx_lost(d, e);
				return NULL;
			}
			if (gone(e) && !reconnected) {
				reconnected = 1;
				db_drop(d);
				continue;
			}
			if (e == ER_DEADLOCK && attempt < DB_RETRIES) {
				db_backoff(attempt);
				continue;
			}
			return NULL;
		}
		d->lasterr = 0;
		return st;
	}
	return NULL;
}

int
db_exec(struct db *d, const char *sql, const char *types, ...)
{
	MYSQL_STMT	*st;
	va_list		 ap;
	int		 rc;

	va_start(ap, types);
	st = db_run(d, sql, types, ap);
	va_end(ap);
	if (st == NULL)
		return d->lasterr == 1062 ? DB_DUP : -1;
	rc = mysql_stmt_affected_rows(st) > 0 ? 1 : 0;
	d->insert_id = (long long)mysql_stmt_insert_id(st);
	stmt_release(d, sql, st);
	return rc;
}

struct dbres *
db_select(struct db *d, const char *sql, const char *types, ...)
{
	MYSQL_STMT	*st;
	MYSQL_RES	*meta = NULL;
	MYSQL_BIND	*ob = NULL;
	unsigned long	*lens = NULL;
	my_bool		*nulls = NULL;
	struct dbres	*r = NULL;
	va_list		 ap;
	size_t		 c, row, cap = 0;
	char		**cells;
	int		 f, ok = 0;

	va_start(ap, types);
	st = db_run(d, sql, types, ap);
	va_end(ap);
	if (st == NULL)
		return NULL;
	if ((r = calloc(1, sizeof(*r))) == NULL)
		goto out;
	if ((meta = mysql_stmt_result_metadata(st)) == NULL)
		goto out;
	r->ncols = mysql_num_fields(meta);
	ob = calloc(r->ncols, sizeof(*ob));
	lens = calloc(r->ncols, sizeof(*lens));
	nulls = calloc(r->ncols, sizeof(*nulls));
	if (ob == NULL || lens == NULL || nulls == NULL)
		goto out;
	/* Fetch lengths first, then each column into its own buffer. */
	for (c = 0; c < r->ncols; c++) {
		ob[c].buffer_type = MYSQL_TYPE_STRING;
		ob[c].length = &lens[c];
		ob[c].is_null = &nulls[c];
	}
	if (mysql_stmt_bind_result(st, ob) != 0 ||
	    mysql_stmt_store_result(st) != 0)
		goto out;
	for (row = 0;; row++) {
		f = mysql_stmt_fetch(st);
		if (f == MYSQL_NO_DATA)
			break;
		if (f != 0 && f != MYSQL_DATA_TRUNCATED)
			goto out;
		if ((row + 1) * r->ncols > cap) {
			size_t *lp;
			cap = cap ? cap * 2 : r->ncols * 16;
			cells = reallocarray(r->cell, cap, sizeof(char *));
			if (cells == NULL)
				goto out;
			r->cell = cells;
			if ((lp = reallocarray(r->len, cap,
			    sizeof(size_t))) == NULL)
				goto out;
			r->len = lp;
		}
		/* Count the row first so a failure below frees its cells. */
		for (c = 0; c < r->ncols; c++)
			r->cell[row * r->ncols + c] = NULL;
		r->nrows = row + 1;
		for (c = 0; c < r->ncols; c++) {
			char **cell = &r->cell[row * r->ncols + c];
			*cell = NULL;
			r->len[row * r->ncols + c] = nulls[c] ? 0 : lens[c];
			if (nulls[c])
				continue;
			if (lens[c] > DB_MAXCELL ||
			    (*cell = malloc(lens[c] + 1)) == NULL)
				goto out;
			ob[c].buffer = *cell;
			ob[c].buffer_length = lens[c] + 1;
			if (lens[c] > 0 &&
			    mysql_stmt_fetch_column(st, &ob[c], (unsigned)c,
			    0) != 0)
				goto out;
			(*cell)[lens[c]] = '\0';
			ob[c].buffer = NULL;
			ob[c].buffer_length = 0;
		}
	}
	ok = 1;
out:
	if (!ok) {
		log_err("fetch: %s", mysql_stmt_error(st));
		dbres_free(r);
		r = NULL;
	}
	free(ob);
	free(lens);
	free(nulls);
	if (meta != NULL)
		mysql_free_result(meta);
	stmt_release(d, sql, st);
	return r;
}

const char *
dbres_get(const struct dbres *r, size_t row, size_t col)
{
	if (r == NULL || row >= r->nrows || col >= r->ncols)
		return NULL;
	return r->cell[row * r->ncols + col];
}

size_t
dbres_len(const struct dbres *r, size_t row, size_t col)
{
	if (r == NULL || row >= r->nrows || col >= r->ncols)
		return 0;
	return r->len[row * r->ncols + col];
}

/*
 * A single-value query's answer (a COUNT(*), one id, one flag): the
 * only cell of a one-row, one-column result, else NULL (no row, an
 * error, SQL NULL, or a shape that is not one value), so callers read
 * it without naming a row or a column by number.
 */
const char *
dbres_scalar(const struct dbres *r)
{
	if (r == NULL || r->nrows != 1 || r->ncols != 1)
		return NULL;
	return r->cell[0];
}

/*
 * A typed row's guard: r when it has the columns its query's enum
 * counts (the enum's __MAX), else NULL with r freed, so a SELECT and
 * its enum that drift apart fail as an error instead of reading the
 * wrong column.
 */
struct dbres *
dbres_cols(struct dbres *r, size_t ncols)
{
	size_t	 i;

	if (r != NULL && r->ncols != ncols) {
		log_err("query returned %zu columns, its enum says %zu",
		    r->ncols, ncols);
		/* A cell may be a secret (a draft's password). */
		for (i = 0; i < r->nrows * r->ncols; i++)
			if (r->cell[i] != NULL)
				explicit_bzero(r->cell[i], r->len[i]);
		dbres_free(r);
		r = NULL;
	}
	return r;
}

/*
 * One part of a statement that reads several lists at once (a UNION ALL
 * whose first column names the list each row belongs to; issue 10's
 * budget): the rows whose column 0 is tag, columns col0..col0+ncols-1,
 * as a result of their own (freed with dbres_free()).  NULL on error.
 */
static int
in_part(const struct dbres *r, size_t i, const char *tag)
{
	const char	*v = dbres_get(r, i, DBRES_PART_TAG);

	return v != NULL && strcmp(v, tag) == 0;
}

struct dbres *
dbres_part(const struct dbres *r, const char *tag, size_t col0,
    size_t ncols)
{
	struct dbres	*p = NULL;
	const char	*v;
	size_t		 i, k, n = 0, at;
	int		 ok = 0;

	if (r == NULL || col0 + ncols > r->ncols ||
	    (p = calloc(1, sizeof(*p))) == NULL)
		goto out;
	p->ncols = ncols;
	for (i = 0; i < r->nrows; i++)
		if (in_part(r, i, tag))
			n++;
	if (n > 0 && ((p->cell = calloc(n * ncols, sizeof(*p->cell))) ==
	    NULL || (p->len = calloc(n * ncols, sizeof(*p->len))) == NULL))
		goto out;
	for (i = 0; i < r->nrows; i++) {
		if (!in_part(r, i, tag))
			continue;
		/* Counted first so that dbres_free() sees its cells. */
		p->nrows++;
		for (k = 0; k < ncols; k++) {
			at = (p->nrows - 1) * ncols + k;
			if ((v = dbres_get(r, i, col0 + k)) == NULL)
				continue;
			p->len[at] = dbres_len(r, i, col0 + k);
			if ((p->cell[at] = malloc(p->len[at] + 1)) == NULL)
				goto out;
			memcpy(p->cell[at], v, p->len[at] + 1);
		}
	}
	ok = 1;
out:
	if (!ok) {
		dbres_free(p);
		p = NULL;
	}
	return p;
}

void
dbres_free(struct dbres *r)
{
	size_t	 i;

	if (r == NULL)
		return;
	for (i = 0; r->cell != NULL && i < r->nrows * r->ncols; i++)
		free(r->cell[i]);
	free(r->cell);
	free(r->len);
	free(r);
}

long long
db_insert_id(struct db *d)
{
	return d->insert_id;
}

/*
 * A statement without parameters.  A START TRANSACTION that finds the
 * server gone reconnects and tries once more; nothing was lost yet.  A
 * COMMIT that finds it gone has lost the transaction: that is an error.
 */
static int
db_plain(struct db *d, const char *q, int may_retry)
{
	int	 attempt;

	for (attempt = 0; attempt < 2; attempt++) {
		if (db_ensure(d) == -1)
			return -1;
		if (mysql_query(d->my, q) == 0)
			return 1;
		d->lasterr = mysql_errno(d->my);
		log_err("%s: %s", q, mysql_error(d->my));
		if (!may_retry || !gone(d->lasterr))
			return -1;
		db_drop(d);
	}
	return -1;
}

int
db_begin(struct db *d)
{
	int	 rc;

	d->intx = 0;
	d->txlost = 0;
	if ((rc = db_plain(d, "START TRANSACTION", 1)) > 0)
		d->intx = 1;
	return rc;
}

/*
 * A COMMIT refused by a conflict (1213: Galera certification) rolled
 * back: it may run again.  One whose connection went away meanwhile has
 * an unknown fate (committed on the cluster or not), so it may not.
 */
int
db_commit(struct db *d)
{
	int	 rc = -1;

	if (d->intx && d->txlost)
		goto out;
	if ((rc = db_plain(d, "COMMIT", 0)) < 0) {
		if (d->lasterr == ER_DEADLOCK)
			d->retry = 1;
		if (gone(d->lasterr))
			db_drop(d);
	}
out:
	d->intx = 0;
	d->txlost = 0;
	return rc;
}

int
db_rollback(struct db *d)
{
	int	 rc = 1;

	/* Gone with its connection: the server rolled it back. */
	if (d->my != NULL && !(d->intx && d->txlost))
		rc = db_plain(d, "ROLLBACK", 0);
	d->intx = 0;
	d->txlost = 0;
	return rc;
}

/*
 * Was a transaction since the last call lost without being committed
 * (conflict, node gone before COMMIT)?  Then the unit of work that ran it
 * may run again from its start; worker.c does so for a request, at most
 * DB_TX_RETRIES times.  Reading clears it.
 */
int
db_tx_retry(struct db *d)
{
	int	 r;

	if (d == NULL)
		return 0;
	r = d->retry;
	d->retry = 0;
	return r;
}

/*
 * End the transaction: COMMIT when ok, else (or when the COMMIT fails)
 * ROLLBACK.  1 committed, -1 rolled back.  Callers write an action and
 * its audit line between db_begin() and this, so that neither is ever
 * kept without the other.
 */
int
db_end(struct db *d, int ok)
{
	if (ok && db_commit(d) > 0)
		return 1;
	(void)db_rollback(d);
	return -1;
}

/*
 * Run a trusted SQL script (a migration from sqldir), statement by
 * statement: statements end with ';' at the end of a line.  This is the
 * only place SQL text is not a prepared statement; it never carries
 * user input.
 */
int
db_run_script(struct db *d, const char *sql, size_t len, char *err,
    size_t errlen)
{
	const char	*p = sql, *end = sql + len, *e;
	int		 rc = -1;

	if (db_ensure(d) == -1) {
		snprintf(err, errlen, "no database connection");
		goto out;
	}
	while (p < end) {
		e = p;
		for (;;) {
			e = memchr(e, ';', (size_t)(end - e));
			if (e == NULL || e + 1 >= end || e[1] == '\n' ||
			    e[1] == '\r')
				break;
			e++;
		}
		if (e == NULL)
			e = end;
		while (p < e && (*p == ' ' || *p == '\n' || *p == '\t' ||
		    *p == '\r'))
			p++;
		if (e > p && !(e - p >= 2 && p[0] == '-' && p[1] == '-' &&
		    memchr(p, '\n', (size_t)(e - p)) == NULL)) {
			if (mysql_real_query(d->my, p, (unsigned long)(e - p))
			    != 0) {
				snprintf(err, errlen, "%s", mysql_error(d->my));
				goto out;
			}
		}
		p = e + (e < end);
	}
	rc = 0;
out:
	return rc;
}
