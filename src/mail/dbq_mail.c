/*
 * dbq_mail.c — the outbox (CORE-14).  Rows are written by mail_queue()
 * inside the caller's transaction and delivered by the mailer, which
 * claims them with SKIP LOCKED so that mailers on several hosts never
 * send the same row twice at the same time.  The claim is a lease
 * committed before anything is sent (dbq_outbox_claim()): row locks are
 * local to a Galera node, so two mailers on two nodes could both lock a
 * row; only one claim can commit (the other meets a certification
 * conflict), and only a committed claim is sent.
 */
#include "db.h"
#include "mail.h"
#include "tenant.h"

/* secret: the body carries a password or token (purged later). */
int
dbq_outbox_put(struct db *d, const struct tenant *t, const char *tmpl,
    const char *rcpt, const char *subject, const char *body, int secret)
{
	return db_exec(d,
	    "INSERT INTO outbox (tenant, template, rcpt, subject, body, "
	    "secret, state, next_try) "
	    "VALUES (?, ?, ?, ?, ?, ?, 'queued', NOW())",
	    "sssssi", t->slug, tmpl, rcpt, subject, body,
	    (long long)(secret != 0));
}

/*
 * Housekeeping: empty the bodies of a tenant's mails that carried a
 * secret, `days` after they were sent (or failed for good), a batch at
 * a time.  The row stays: template, recipient, subject and outcome are
 * the record of what was sent.  The number of rows emptied, or -1.
 */
int
dbq_outbox_purge(struct db *d, const char *tenant, long long days)
{
	return db_exec(d,
	    "UPDATE outbox SET body = '', purged_at = NOW() "
	    "WHERE secret = 1 AND purged_at IS NULL AND tenant = ? AND "
	    "state IN ('sent', 'failed') AND "
	    "COALESCE(sent_at, created_at) <= NOW() - INTERVAL ? DAY "
	    "LIMIT 500", "si", tenant, days);
}

/*
 * Due rows, locked until the caller commits; rows another mailer holds
 * are skipped rather than waited for.  Ordered by id so mail leaves in
 * the order it was written.  Columns: enum outbox_due_col (mail.h).
 */
struct dbres *
dbq_outbox_due(struct db *d, long long limit)
{
	return dbres_cols(db_select(d,
	    "SELECT id, tenant, template, rcpt, subject, body, attempts, "
	    "DATE_FORMAT(created_at, '%Y%m%d%H%i%s') FROM outbox "
	    "WHERE state = 'queued' AND next_try <= NOW() "
	    "ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED",
	    "i", limit), OUTBOX_DUE_COL__MAX);
}

/*
 * Lease the rows of a batch (ids: "1,2,3", all between lo and hi) for
 * lease seconds: no other mailer sees them due meanwhile.  Runs in the
 * claim's transaction, after dbq_outbox_due() locked them.
 */
int
dbq_outbox_claim(struct db *d, const char *ids, long long lo, long long hi,
    long long lease)
{
	return db_exec(d,
	    "UPDATE outbox SET next_try = NOW() + INTERVAL ? SECOND "
	    "WHERE id BETWEEN ? AND ? AND FIND_IN_SET(id, ?) > 0 AND "
	    "state = 'queued'",
	    "iiis", lease, lo, hi, ids);
}

/* Give back the leased rows not sent (the mailer is stopping). */
int
dbq_outbox_release(struct db *d, const char *ids, long long lo,
    long long hi)
{
	return db_exec(d,
	    "UPDATE outbox SET next_try = NOW() "
	    "WHERE id BETWEEN ? AND ? AND FIND_IN_SET(id, ?) > 0 AND "
	    "state = 'queued'",
	    "iis", lo, hi, ids);
}

int
dbq_outbox_sent(struct db *d, long long id, int attempts)
{
	return db_exec(d,
	    "UPDATE outbox SET state = 'sent', sent_at = NOW(), "
	    "attempts = ?, last_error = NULL WHERE id = ?",
	    "ii", (long long)attempts, id);
}

/*
 * The attempt count and the delay come from the caller (who holds the
 * row's lock), not from `attempts = attempts + 1` and an expression on
 * it: the order MariaDB evaluates SET assignments in depends on
 * sql_mode (SIMULTANEOUS_ASSIGNMENT).
 */
int
dbq_outbox_retry(struct db *d, long long id, int attempts, long long delay,
    const char *err)
{
	return db_exec(d,
	    "UPDATE outbox SET attempts = ?, "
	    "next_try = NOW() + INTERVAL ? SECOND, last_error = ? "
	    "WHERE id = ? AND state = 'queued'",
	    "iisi", (long long)attempts, delay, err, id);
}

int
dbq_outbox_failed(struct db *d, long long id, int attempts, const char *err)
{
	return db_exec(d,
	    "UPDATE outbox SET state = 'failed', attempts = ?, "
	    "last_error = ? WHERE id = ? AND state = 'queued'",
	    "isi", (long long)attempts, err, id);
}

/*
 * For /metrics: rows per state, and how many queued rows are due
 * (enum outbox_depth_col).
 */
struct dbres *
dbq_outbox_depth(struct db *d)
{
	return dbres_cols(db_select(d,
	    "SELECT state, COUNT(*), "
	    "SUM(state = 'queued' AND next_try <= NOW()) "
	    "FROM outbox GROUP BY state",
	    ""), OUTBOX_DEPTH_COL__MAX);
}

/*
 * The tenant's recent mail, newest first (CORE-14: what was sent);
 * columns: enum outbox_list_col.
 */
struct dbres *
dbq_outbox_list(struct db *d, const char *tenant, long long limit)
{
	return dbres_cols(db_select(d,
	    "SELECT id, DATE_FORMAT(created_at, '%Y-%m-%d %H:%i'), template, "
	    "rcpt, subject, state, attempts, "
	    "DATE_FORMAT(sent_at, '%Y-%m-%d %H:%i'), last_error "
	    "FROM outbox WHERE tenant = ? ORDER BY id DESC LIMIT ?",
	    "si", tenant, limit), OUTBOX_LIST_COL__MAX);
}

/*
 * Send a tenant's mail again: the same message goes back in the queue
 * as a new row, so the first attempt's record stays as it was.
 */
int
dbq_outbox_resend(struct db *d, const char *tenant, long long id)
{
	return db_exec(d,
	    "INSERT INTO outbox (tenant, template, rcpt, subject, body, "
	    "state, attempts, next_try) SELECT tenant, template, rcpt, "
	    "subject, body, 'queued', 0, NOW() FROM outbox "
	    "WHERE tenant = ? AND id = ? AND purged_at IS NULL",
	    "si", tenant, id);
}
