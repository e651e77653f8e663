/*
 * dbq.h — the data layer's queries: every SQL statement of the portal
 * is in a dbq_*.c file; each tenant-scoped one takes the tenant from
 * the request context (struct tenant), never from user input.
 */
#ifndef SHIKAKU_DBQ_H
#define SHIKAKU_DBQ_H

#include <stddef.h>

#include "db.h"

struct tenant;

/* Columns of dbq_notices(), newest first. */
enum notice_col {
	NOTICE_COL_ID,
	NOTICE_COL_DATE,	/* posted_on, YYYY-MM-DD */
	NOTICE_COL_TITLE_JA,
	NOTICE_COL_TITLE_EN,	/* NULL: none */
	NOTICE_COL_BODY_JA,	/* NULL: a title alone */
	NOTICE_COL_BODY_EN,
	NOTICE_COL__MAX
};
struct dbres	*dbq_notices(struct db *, const struct tenant *, long long);
int		 dbq_tenant_upsert(struct db *, const struct tenant *);
int		 dbq_notice_put(struct db *, const char *, const char *,
		    long long, const char *, const char *, const char *,
		    const char *);

/* Columns of dbq_audit_tenant() and dbq_audit_all(), newest first. */
enum audit_col {
	AUDIT_COL_AT,		/* YYYY-MM-DD HH:MM:SS */
	AUDIT_COL_TENANT,
	AUDIT_COL_ACTOR,
	AUDIT_COL_ACTION,
	AUDIT_COL_OBJECT,
	AUDIT_COL_IP,
	AUDIT_COL_DETAIL,	/* NULL: none */
	AUDIT_COL__MAX
};
struct dbres	*dbq_audit_tenant(struct db *, const char *, const char *,
		    long long);
struct dbres	*dbq_audit_all(struct db *, const char *, long long);

/* Columns of dbq_terms_latest(): no row when none is published. */
enum terms_col {
	TERMS_COL_VERSION,
	TERMS_COL_PUBLISHED,	/* YYYY-MM-DD */
	TERMS_COL_BODY_JA,
	TERMS_COL_BODY_EN,	/* NULL: none */
	TERMS_COL__MAX
};
struct dbres	*dbq_terms_latest(struct db *, const char *);
int		 dbq_terms_accept(struct db *, const char *, const char *,
		    long long);
int		 dbq_terms_put(struct db *, const char *, long long,
		    const char *, const char *);

/* CORE-12: kept POSTs live this long, at most this many per member. */
#define KEPT_HOURS	4
#define KEPT_PER_MEMBER	3

int		 dbq_kept_put(struct db *, const char *, const char *,
		    const char *, const char *, size_t, const char *, int, int);
int		 dbq_kept_exists(struct db *, const char *, const char *, int);
/* Columns of dbq_kept_take(), oldest first. */
enum kept_col {
	KEPT_COL_PATH,
	KEPT_COL_BODY,		/* urlencoded, without the secrets */
	KEPT_COL_SECRETS,	/* the secret fields' names */
	KEPT_COL_FILES,		/* 1: files were left out, else 0 */
	KEPT_COL__MAX
};
struct dbres	*dbq_kept_take(struct db *, const char *, const char *, int);

/* dbq_core.c: schema migrations (shikakuctl migrate). */
int		 dbq_migrate_lock(struct db *);
void		 dbq_migrate_unlock(struct db *);
int		 dbq_migration_table(struct db *);
int		 dbq_migration_state(struct db *, const char *, long long);
int		 dbq_migration_done(struct db *, long long, const char *,
		    const char *);

/* dbq_session.c */
struct session;
int		 dbq_session_get(struct db *, const char *, const char *,
		    struct session *, long long *);
int		 dbq_session_facts(struct db *, const char *, unsigned int,
		    const char *, struct session *, long long *);
int		 dbq_session_touch(struct db *, const char *, const char *);
int		 dbq_session_add(struct db *, const char *, const char *,
		    const char *, const char *, long long, const char *,
		    long long, long long, long long, const char *);
int		 dbq_session_del(struct db *, const char *, const char *);
int		 dbq_session_del_others(struct db *, const char *,
		    const char *, const char *);
int		 dbq_session_reap(struct db *);
int		 dbq_session_was_member(struct db *, const char *,
		    const char *, char *, size_t);
int		 dbq_kept_reap(struct db *);
int		 dbq_throttle_reap(struct db *);
int		 login_ghost_uid(struct db *, const char *, const char *,
    char *,
		    size_t);

/* dbq_login.c: throttles, one bucket per purpose and subject (CORE-6) */
enum throttle {
	THR_LOGIN,		/* sign-in failures, per address */
	THR_RESET,		/* reset links asked, per address */
	THR_RESET_ACCOUNT,	/* reset links mailed, per account */
	THR_VERIFY,		/* verification mails, per address */
	THR_VERIFY_DRAFT,	/* the same, per registration draft */
	THR_REGNO,		/* 医籍登録番号 checked, per address */
	THR_REGNO_DRAFT,	/* the same, per registration draft */
	THR_MIGRATE,		/* legacy records looked up, per address */
	THR_MIGRATE_RECORD,	/* migration links, per legacy record */
	THR_CERT_VERIFY,	/* unknown certificate codes, per address */
	THR__MAX
};
int		 throttle_over(struct db *, enum throttle, const char *);
int		 throttle_hit(struct db *, enum throttle, const char *);
int		 throttle_take(struct db *, enum throttle, const char *);
int		 login_throttled(struct db *, const char *);
int		 login_failed(struct db *, const char *);
int		 login_temp_consume(struct db *, const char *, const char *);

/* dbq_login.c: password reset links (CORE-8) */
#define RESET_SELECTOR_LEN	16	/* the token's leading characters */
int		 reset_new(struct db *, const char *, const char *,
		    const char *, long long);
int		 reset_find(struct db *, const char *, const char *, char *,
		    size_t, int *);
int		 reset_use(struct db *, const char *, const char *,
		    const char *);
int		 dbq_reset_reap(struct db *);

#endif
