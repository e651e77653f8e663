/*
 * owncache.h — a member's own rows (their application's page, the
 * credits a page counts) kept by the worker between requests and read
 * again only when something they were read from has moved (issue 10).
 *
 * A copy is stamped with the three versions the session statement
 * brings (dbq_session_get()): the account's data_ver, which triggers
 * bump in the transaction of any change to the member's applications'
 * rows, fees, uploads, credits and dues (sql/032_own_rows.sql), its
 * facts_ver, bumped for the applications, cases and certificates
 * themselves (sql/030_session_facts.sql), and the reference-data
 * version, bumped for offerings and events (sql/015_refdata.sql and
 * later).  A copy is used only while all three hold, only on a GET,
 * and only for the member it was read for: another member's rows
 * (staff reading an application) are never kept.  A table a kept
 * statement reads needs those triggers: tests/integration/154 finds
 * the statements by the caller's `fresh = dbq_…_read(` beside its
 * owncache_get() and fails until every table they read has them.
 */
#ifndef SHIKAKU_OWNCACHE_H
#define SHIKAKU_OWNCACHE_H

struct ctx;
struct dbres;

/*
 * The rows kept as (name, key) for member uid of the request's tenant
 * and still valid, or NULL: read them.  They belong to the cache and
 * stay valid until the next owncache_put() or the end of the request.
 */
const struct dbres *owncache_get(struct ctx *, const char *uid,
		    const char *name, const char *key);
/*
 * Rows just read in this request for (uid, name, key) given to the
 * cache: kept under the session's versions when owncache_get() could
 * return them, else freed.  r may be NULL.
 */
void		 owncache_put(struct ctx *, const char *uid, const char *name,
		    const char *key, struct dbres *r);
/* Drop every copy (tests; a worker never needs to). */
void		 owncache_clear(void);

#endif
