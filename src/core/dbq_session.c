/*
 * dbq_session.c — the session table.  Tokens reach the database only
 * hashed (SHA2(?, 256) in the statement); every query is bound to the
 * tenant of the request.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "feature.h"

#include "db.h"
#include "dbq.h"
#include "session.h"

/* The columns of dbq_session_get()'s SELECT, in its order. */
enum session_col {
	SC_UID,			/* NULL: anonymous */
	SC_STAGE,
	SC_CSRF,
	SC_KEEP,
	SC_IDLE,		/* seconds since it was last seen */
	SC_LANG,		/* '' when not chosen */
	SC_MUST_CHANGE,
	SC_TOTP,		/* TOTP enabled: 1/0 */
	SC_TERMS,		/* the terms version accepted */
	SC_ROLES,		/* comma-separated, NULL: none */
	SC_NAME,
	SC_REFVER,		/* the reference-data version (refcache.h) */
	SC_FACTS_VER,		/* account.facts_ver, -1: no account */
	SC_DATA_VER,		/* account.data_ver, -1: no account */
	SC__MAX
};

/*
 * One query per request: the session, the account's state and its
 * roles into s (what the row holds: uid, stage, csrf, keep, lang,
 * must_change, totp_enabled, terms_version, roles, name, refver: the
 * reference-data version of refcache.h, facts_ver: the version of the
 * member's feature facts, facts.c, data_ver: that of the member's own
 * rows, owncache.h), and into *idle the seconds since
 * it was last seen.  No subquery (each cost MariaDB 50-70 us, mostly
 * optimizing it, on every signed-in request): the roles are the
 * account row's (kept by triggers, sql/030_session_facts.sql), the
 * version is refdata_version's one row, the newest terms come from the
 * worker's copy under that version (gate.c terms_latest()), and the
 * features' facts from the worker's copy under facts_ver (facts.c).
 * Expired sessions (idle or absolute) are not found.  1 found, 0 not,
 * -1 error.
 */
int
dbq_session_get(struct db *d, const char *tenant, const char *token,
    struct session *s, long long *idle)
{
	struct dbres	*r;
	const char	*v;
	int		 rc = -1;

	if ((r = dbres_cols(db_select(d,
	    "SELECT s.uid, s.stage, s.csrf, s.keep, "
	    "TIMESTAMPDIFF(SECOND, s.seen_at, NOW()), "
	    "COALESCE(a.lang, ''), COALESCE(a.must_change, 0), "
	    "COALESCE(a.totp_enabled, 0), COALESCE(a.terms_version, 0), "
	    "a.roles, COALESCE(s.name, ''), COALESCE(v.version, 0), "
	    "COALESCE(a.facts_ver, -1), COALESCE(a.data_ver, -1) "
	    "FROM session s LEFT JOIN account a "
	    "  ON a.tenant = s.tenant AND a.uid = s.uid "
	    "LEFT JOIN refdata_version v ON v.id = 1 "
	    "WHERE s.id_hash = SHA2(?, 256) AND s.tenant = ? "
	    "AND s.expires_at > NOW() "
	    "AND s.seen_at > NOW() - INTERVAL s.idle_s SECOND",
	    "ss", token, tenant), SC__MAX)) == NULL)
		goto out;
	rc = 0;
	if (r->nrows != 1)
		goto out;
	snprintf(s->uid, sizeof(s->uid), "%s",
	    (v = dbres_get(r, 0, SC_UID)) ? v : "");
	s->stage = atoi(dbres_get(r, 0, SC_STAGE));
	snprintf(s->csrf, sizeof(s->csrf), "%s", dbres_get(r, 0, SC_CSRF));
	s->keep = atoi(dbres_get(r, 0, SC_KEEP));
	snprintf(s->lang, sizeof(s->lang), "%s", dbres_get(r, 0, SC_LANG));
	s->must_change = atoi(dbres_get(r, 0, SC_MUST_CHANGE));
	s->totp_enabled = atoi(dbres_get(r, 0, SC_TOTP));
	s->terms_version = atoi(dbres_get(r, 0, SC_TERMS));
	snprintf(s->roles, sizeof(s->roles), "%s",
	    (v = dbres_get(r, 0, SC_ROLES)) ? v : "");
	snprintf(s->name, sizeof(s->name), "%s", dbres_get(r, 0, SC_NAME));
	s->refver = atoll(dbres_get(r, 0, SC_REFVER));
	s->refver_ok = 1;
	s->facts_ver = atoll(dbres_get(r, 0, SC_FACTS_VER));
	s->data_ver = atoll(dbres_get(r, 0, SC_DATA_VER));
	*idle = atoll(dbres_get(r, 0, SC_IDLE));
	rc = 1;
out:
	dbres_free(r);
	return rc;
}

/*
 * The facts statement: the account's facts_ver, then one column per
 * feature with a session_sql (feature.h), in features[] order: the
 * feature's expression when it is on for the tenant (bit i of on, or
 * always on), else NULL.  The expressions name the member as s.tenant
 * and s.uid: here s is the account row.  One string per set of
 * features, built once per worker and never freed: the same address
 * every time, so it stays prepared.
 */
#define FACTS_SQL_SETS	16

/* The facts statement's columns: facts_ver, then the features'. */
enum facts_col {
	FC_VER,
	FC__FEATURES		/* the first feature's column */
};

static const char *
facts_select(unsigned int on, size_t *ncols)
{
	static struct {
		unsigned int	 on;
		struct buf	 sql;
	}			 set[FACTS_SQL_SETS];
	static size_t		 nset;
	struct buf		*b = NULL;
	size_t			 i, k, n = FC__FEATURES;

	for (i = 0; features[i] != NULL && i < FEATURE_MAX; i++)
		if (features[i]->session_sql != NULL)
			n++;
	*ncols = n;
	for (i = 0; features[i] != NULL && i < FEATURE_MAX; i++)
		if (features[i]->always)
			on |= 1U << i;
	for (k = 0; k < nset; k++)
		if (set[k].on == on) {
			b = &set[k].sql;
			goto out;
		}
	/* More sets than tenants have: the last one takes every feature. */
	if (nset == FACTS_SQL_SETS) {
		b = &set[nset - 1].sql;
		goto out;
	}
	set[nset].on = nset == FACTS_SQL_SETS - 1 ? ~0U : on;
	b = &set[nset++].sql;
	buf_puts(b, "SELECT s.facts_ver");
	for (i = 0; features[i] != NULL && i < FEATURE_MAX; i++)
		if (features[i]->session_sql != NULL)
			buf_printf(b, ", %s", (set[nset - 1].on & (1U << i)) ?
			    features[i]->session_sql : "NULL");
	buf_puts(b, " FROM account s WHERE s.tenant = ? AND s.uid = ?");
out:
	return b->data;
}

/*
 * The features' facts of the member (tenant, uid) into s->fvals and
 * s->foff (see session.h), and into *ver the facts_ver they were read
 * at (one statement: the two agree).  1 read, 0 no account, -1 error.
 */
int
dbq_session_facts(struct db *d, const char *tenant, unsigned int on,
    const char *uid, struct session *s, long long *ver)
{
	struct dbres	*r;
	const char	*v, *sql;
	size_t		 ncols, i, col = FC__FEATURES, o = 0, n;
	int		 rc = -1;

	sql = facts_select(on, &ncols);
	if ((r = dbres_cols(db_select(d, sql, "ss", tenant, uid),
	    ncols)) == NULL)
		goto out;
	rc = 0;
	if (r->nrows != 1)
		goto out;
	*ver = atoll(dbres_get(r, 0, FC_VER));
	memset(s->foff, 0, sizeof(s->foff));
	for (i = 0; features[i] != NULL && i < FEATURE_MAX; i++) {
		if (features[i]->session_sql == NULL)
			continue;
		v = dbres_get(r, 0, col++);
		n = v != NULL ? strlen(v) : 0;
		if (v == NULL || o + n + 1 > sizeof(s->fvals))
			continue;
		memcpy(s->fvals + o, v, n + 1);
		s->foff[i] = (unsigned short)(o + 1);
		o += n + 1;
	}
	rc = 1;
out:
	dbres_free(r);
	return rc;
}

int
dbq_session_touch(struct db *d, const char *tenant, const char *token)
{
	return db_exec(d,
	    "UPDATE session SET seen_at = NOW() "
	    "WHERE id_hash = SHA2(?, 256) AND tenant = ?",
	    "ss", token, tenant);
}

int
dbq_session_add(struct db *d, const char *tenant, const char *token,
    const char *uid, const char *name, long long stage, const char *csrf,
    long long keep, long long max_s, long long idle_s, const char *ip)
{
	return db_exec(d,
	    "INSERT INTO session (id_hash, tenant, uid, name, stage, csrf, "
	    "keep, created_at, seen_at, expires_at, idle_s, ip) VALUES "
	    "(SHA2(?, 256), ?, ?, ?, ?, ?, ?, NOW(), NOW(), "
	    "NOW() + INTERVAL ? SECOND, ?, ?)",
	    "ssssisiiis", token, tenant, uid, name, stage, csrf, keep, max_s,
	    idle_s, ip);
}

int
dbq_session_del(struct db *d, const char *tenant, const char *token)
{
	return db_exec(d,
	    "DELETE FROM session WHERE id_hash = SHA2(?, 256) AND tenant = ?",
	    "ss", token, tenant);
}

/* Sign out everywhere else: every session of the user but this one. */
int
dbq_session_del_others(struct db *d, const char *tenant, const char *uid,
    const char *token)
{
	return db_exec(d,
	    "DELETE FROM session WHERE tenant = ? AND uid = ? "
	    "AND id_hash <> SHA2(?, 256)",
	    "sss", tenant, uid, token);
}

/*
 * Housekeeping: sessions gone for a day.  An expired session is kept
 * that long so a POST it carried can still be recognised as a member's
 * and kept (CORE-12, kept.c).
 */
int
dbq_session_reap(struct db *d)
{
	return db_exec(d,
	    "DELETE FROM session WHERE expires_at < NOW() - INTERVAL 1 DAY "
	    "OR seen_at < NOW() - INTERVAL idle_s SECOND - INTERVAL 1 DAY "
	    "LIMIT 1000", "");
}

/*
 * Did this cookie belong to a member of this tenant, signed in (past
 * the TOTP step), whose session has expired since?  The uid into
 * uid[len]: 1 yes, 0 no, -1 error.  Logged-out sessions are deleted, so
 * they are never found here.
 */
int
dbq_session_was_member(struct db *d, const char *tenant, const char *token,
    char *uid, size_t len)
{
	struct dbres	*r;
	const char	*v;
	int		 rc = -1;

	if ((r = db_select(d, "SELECT uid FROM session WHERE id_hash = "
	    "SHA2(?, 256) AND tenant = ? AND uid IS NOT NULL AND stage = 2",
	    "ss", token, tenant)) == NULL)
		goto out;
	rc = 0;
	if ((v = dbres_scalar(r)) != NULL && snprintf(uid, len, "%s", v) <
	    (int)len)
		rc = 1;
out:
	dbres_free(r);
	return rc;
}
