/*
 * mail.h — mail (CORE-14): templates rendered into the outbox in the
 * caller's transaction, a mailer process that delivers the outbox over
 * SMTP, and the pure encoding pieces both use (tested without a
 * database or a relay).
 */
#ifndef SHIKAKU_MAIL_H
#define SHIKAKU_MAIL_H

#include <stddef.h>
#include <time.h>

struct buf;
struct config;
struct db;
struct dbres;
struct tenant;

#define MAIL_TMPL_MAX		(64 * 1024)	/* bytes in a template file */
#define MAIL_SUBJECT_MAX	300		/* characters: outbox.subject */
#define MAIL_ADDR_MAX		254		/* bytes: outbox.rcpt */
#define MAIL_MAX_ATTEMPTS	8		/* then the row is 'failed' */
#define MAIL_RETRY_CAP		3600		/* seconds between attempts */
#define MAIL_PING_MS		3000		/* ms for the health check */

/* mail.c: health check */
int	 mail_ping(const struct config *);
int	 smtp_url_parse(const char *, char *, size_t, int *);

/*
 * mail.c: templates and the outbox.  mail_queue() only INSERTs: the
 * caller begins and commits, so the mail exists if and only if the
 * action it reports does.  vars is a NULL-terminated key, value, key,
 * value, ... list (may be NULL).  Returns >0 queued, <0 error (logged
 * without any value: values may be secrets).
 */
int	 mail_queue(struct db *, const struct tenant *, const char *,
	    const char *, const char *, const char *, const char *const *);
/*
 * The same for a mail whose body carries a secret (a link holding a
 * token: password reset, registration, migration, address change): its
 * body is emptied mail_secret_days after it was sent (housekeep.c).
 */
int	 mail_queue_secret(struct db *, const struct tenant *, const char *,
	    const char *, const char *, const char *, const char *const *);
int	 mail_prepare(const struct tenant *, const char *, const char *,
	    const char *, const char *const *, struct buf *, struct buf *,
	    char *, size_t);
int	 mail_tmpl_source(const struct tenant *, const char *, const char *,
	    struct buf *, char *, size_t);
int	 mail_render(const char *, size_t, const char *const *, struct buf *,
	    struct buf *, char *, size_t);
int	 mail_tmpl_valid(const char *);
int	 mail_addr_valid(const char *);

/* mail.c: RFC 5322, 2045 and 2047 encoding */
struct mail_msg {
	const char	*date;		/* from mail_date() */
	const char	*from_name;	/* display name, or NULL */
	const char	*from;		/* addr-spec */
	const char	*to;		/* addr-spec */
	const char	*subject;	/* UTF-8, no CR or LF */
	const char	*msgid;		/* "<...@...>" */
	const char	*body;		/* UTF-8, LF or CRLF line ends */
};

int	 mail_base64(struct buf *, const void *, size_t, size_t);
size_t	 mail_words(struct buf *, size_t, const char *);
void	 mail_date(char *, size_t, time_t);
int	 mail_message(struct buf *, const struct mail_msg *);
long long mail_retry_delay(int);

/* mailer.c: the delivery process, forked by the master (pool.c) */
void	 mailer_main(const struct config *) __attribute__((noreturn));

/*
 * dbq_mail.c: the outbox's SQL.  Contract as db.h: <0 error, 0 no
 * row, >0 ok.  dbq_outbox_due() must run inside a transaction: it
 * locks the rows it returns.
 */
/* Columns of dbq_outbox_due(); none is NULL. */
enum outbox_due_col {
	OUTBOX_DUE_COL_ID,
	OUTBOX_DUE_COL_TENANT,
	OUTBOX_DUE_COL_TEMPLATE,
	OUTBOX_DUE_COL_RCPT,
	OUTBOX_DUE_COL_SUBJECT,
	OUTBOX_DUE_COL_BODY,
	OUTBOX_DUE_COL_ATTEMPTS,
	OUTBOX_DUE_COL_CREATED,	/* YYYYMMDDhhmmss */
	OUTBOX_DUE_COL__MAX
};
/* Columns of dbq_outbox_depth(): one row per state. */
enum outbox_depth_col {
	OUTBOX_DEPTH_COL_STATE,
	OUTBOX_DEPTH_COL_COUNT,
	OUTBOX_DEPTH_COL_DUE,	/* queued rows due now */
	OUTBOX_DEPTH_COL__MAX
};
/* Columns of dbq_outbox_list(), newest first. */
enum outbox_list_col {
	OUTBOX_LIST_COL_ID,
	OUTBOX_LIST_COL_CREATED,	/* YYYY-MM-DD HH:MM */
	OUTBOX_LIST_COL_TEMPLATE,
	OUTBOX_LIST_COL_RCPT,
	OUTBOX_LIST_COL_SUBJECT,
	OUTBOX_LIST_COL_STATE,
	OUTBOX_LIST_COL_ATTEMPTS,
	OUTBOX_LIST_COL_SENT,		/* YYYY-MM-DD HH:MM, or NULL */
	OUTBOX_LIST_COL_ERROR,		/* the last error, or NULL */
	OUTBOX_LIST_COL__MAX
};
int		 dbq_outbox_put(struct db *, const struct tenant *,
		    const char *, const char *, const char *, const char *,
		    int);
int		 dbq_outbox_purge(struct db *, const char *, long long);
struct dbres	*dbq_outbox_due(struct db *, long long);
int		 dbq_outbox_claim(struct db *, const char *, long long,
		    long long, long long);
int		 dbq_outbox_release(struct db *, const char *, long long,
		    long long);
int		 dbq_outbox_sent(struct db *, long long, int);
int		 dbq_outbox_retry(struct db *, long long, int, long long,
		    const char *);
int		 dbq_outbox_failed(struct db *, long long, int, const char *);
struct dbres	*dbq_outbox_depth(struct db *);
struct dbres	*dbq_outbox_list(struct db *, const char *, long long);
int		 dbq_outbox_resend(struct db *, const char *, long long);

#endif
