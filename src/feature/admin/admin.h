/*
 * admin.h — the tenant admin's console (ADM-1): the member directory
 * and its actions (admin_members.c), its SQL (dbq_admin.c).  Every
 * statement takes the tenant from the request's host, never input.
 */
#ifndef SHIKAKU_ADMIN_H
#define SHIKAKU_ADMIN_H

#include <stddef.h>

struct db;
struct dbres;

#define ADM_PAGE_ROWS	50	/* members per page of the search */
#define ADM_HIST_ROWS	50	/* of each kind on a member's page */
#define ADM_REASON_MAX	500	/* characters of an action's reason */
#define ADM_VAR_LEN	48	/* a mail template variable's name, NUL */

/* admin_mail.c, dbq_admin.c: the pure pieces (tests/unit/t_admin.c). */
size_t	 adm_tmpl_vars(const char *, char [][ADM_VAR_LEN], size_t);
void	 adm_like(const char *, char *, size_t);

/* What /admin/members filters on; "" for no filter. */
struct adm_search {
	const char	*q;	/* uid, member no., regno, mail, name, kana */
	const char	*role;	/* one role held */
	const char	*state;	/* locked, totp, nototp, pending */
	long long	 page;	/* from 0 */
};

/* Columns of dbq_adm_members(), by uid. */
enum adm_member_col {
	ADM_MEMBER_COL_UID,
	ADM_MEMBER_COL_NO,
	ADM_MEMBER_COL_NAME,
	ADM_MEMBER_COL_KANA,
	ADM_MEMBER_COL_MAIL,
	ADM_MEMBER_COL_LOCKED,	/* "1" locked now */
	ADM_MEMBER_COL_TOTP,	/* "1" on */
	ADM_MEMBER_COL_ROLES,	/* comma list, or NULL */
	ADM_MEMBER_COL__MAX
};
struct dbres	*dbq_adm_members(struct db *, const char *, const char *,
		    const struct adm_search *);

/* Columns of dbq_adm_member(): one row, or none. */
enum adm_one_col {
	ADM_ONE_COL_UID,
	ADM_ONE_COL_NO,
	ADM_ONE_COL_NAME,
	ADM_ONE_COL_KANA,
	ADM_ONE_COL_MAIL,
	ADM_ONE_COL_BIRTH,
	ADM_ONE_COL_PHONE,
	ADM_ONE_COL_WORK,
	ADM_ONE_COL_ACTIVATED,
	ADM_ONE_COL_LOCKED,	/* "1" locked now */
	ADM_ONE_COL_LOCKED_UNTIL,
	ADM_ONE_COL_FAILURES,
	ADM_ONE_COL_TOTP,
	ADM_ONE_COL_MUST_CHANGE,
	ADM_ONE_COL_TERMS,
	ADM_ONE_COL_TERMS_AT,
	ADM_ONE_COL_ROLES,
	ADM_ONE_COL_SESSIONS,	/* live sessions */
	ADM_ONE_COL_LAST_LOGIN,
	ADM_ONE_COL__MAX
};
struct dbres	*dbq_adm_member(struct db *, const char *, const char *,
		    const char *);

/* Columns of dbq_adm_history(): applications, mails, audit lines. */
enum adm_hist_col {
	ADM_HIST_COL_KIND,	/* app, mail, audit */
	ADM_HIST_COL_AT,
	ADM_HIST_COL_WHAT,	/* offering kind, template, action */
	ADM_HIST_COL_STATE,	/* app state, mail state, actor */
	ADM_HIST_COL_TEXT,	/* app number, subject, detail */
	ADM_HIST_COL_ERROR,	/* a failed mail's SMTP error */
	ADM_HIST_COL__MAX
};
struct dbres	*dbq_adm_history(struct db *, const char *, const char *);

/* The actions, inside the caller's transaction (db.h contract). */
int	 dbq_adm_account_lock(struct db *, const char *, const char *,
	    const char *, int *, int *, long long *);
int	 dbq_adm_totp_reset(struct db *, const char *, const char *);
int	 dbq_adm_sessions_end(struct db *, const char *, const char *,
	    const char *);
long long dbq_adm_admins(struct db *, const char *);

/* Columns of dbq_adm_audit(), newest first. */
struct adm_audit_filter {
	const char	*actor, *object, *action;	/* "" any */
	const char	*from, *to;	/* YYYY-MM-DD or "" */
	long long	 limit;
};
struct dbres	*dbq_adm_audit(struct db *, const char *,
		    const struct adm_audit_filter *);

struct dbres	*dbq_adm_outbox(struct db *, const char *, const char *,
		    const char *, long long);

#endif
