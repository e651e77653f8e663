/*
 * member.h — the feature "register": new-user registration (ACC-1,
 * CORE-12, CORE-23), migration from the old system (ACC-2), one account
 * per medical registration number (ACC-3), and the board's part of
 * 会員情報 (the training history; the record and its change requests
 * are the platform's, src/identity/member_record.h).  Pages: register.c
 * (registration and the steps both flows share), migrate_legacy.c
 * (旧システムからの移行).  SQL: dbq_member.c.  shikakuctl:
 * legacy_import.c (legacy import, demo data).
 *
 * Every tenant-scoped function takes the tenant slug of the request's
 * host (c->tenant->slug), never one from input.  Return contract as in
 * db.h: <0 error, 0 nothing, >0 ok; DB_DUP where a unique key refused.
 */
#ifndef SHIKAKU_MEMBER_H
#define SHIKAKU_MEMBER_H

#include <stddef.h>
#include <stdio.h>

#include <libxml/tree.h>

#include "ctx.h"
#include "form.h"
#include "member_record.h"
#include "upload.h"

struct db;
struct dbres;
struct field;
struct jp_item;

/* The draft's cookie: upload.c serves a draft's files to it too. */
#define DRAFT_COOKIE	UP_DRAFT_COOKIE
#define DRAFT_TTL_S	(7 * 86400)	/* a draft lives a week after a save */
#define LINK_TTL_S	(24 * 3600)	/* mailed links: 24 hours */

/* What a draft is for: register_draft.kind. */
#define DRAFT_REGISTER	0
#define DRAFT_MIGRATE	1

/*
 * A draft's steps, in order; register_draft.step holds the furthest one
 * reached.  A page asks for its step (draft_need()), and a draft that is
 * not there yet is sent to the page of its own step.
 */
enum draft_step {
	STEP_LINK = 0,		/* migration: the URL is mailed, not opened */
	STEP_EMAIL = 1,		/* terms agreed: the address comes next */
	STEP_SENT = 2,		/* the verification mail is out */
	STEP_TERMS = 3,		/* migration: URL opened, terms next */
	STEP_LICENCE = 4,	/* address proven: registration number next */
	STEP_CHECK = 5,		/* licence entered: 登録内容の確認 */
	STEP_PERSONAL = 6,	/* 個人情報の登録 */
	STEP_CONFIRM = 7,	/* personal information entered: 確認 */
};

/*
 * The personal information (個人情報の登録), in the column order of
 * register_draft, member and legacy_record.  member_names[] holds the
 * column and form-field names.
 */
enum pf {
	PF_NAME_KANJI, PF_NAME_KANA, PF_BIRTH, PF_SEX, PF_PROGRAM,
	PF_DONE_ON, PF_PHONE, PF_POSTAL, PF_PREF, PF_ADDRESS, PF_DOMAIN,
	PF__MAX
};
extern const char *const member_names[PF__MAX];

/* A registration in progress, as loaded for one request. */
struct draft {
	char		 token[TOKEN_LEN + 1];	/* the cookie's value */
	int		 kind;
	int		 step;
	int		 verified;
	int		 has_pw;
	long long	 terms_version;
	long long	 legacy_id;		/* 0: not a migration */
	long long	 licence_id;		/* 0: none yet */
	char		 email[255];
	char		 regno[17];
	char		 regno_date[11];
	struct kvlist	 personal;		/* member_names[] as typed */
};

/*
 * The form of a page in register.c's table whose handler is in another
 * file, for the table's .fields (/kept labels what it carried).
 */
extern const struct field migrate_lookup_fields[3];	/* migrate_legacy.c */

/* register.c: the shared steps, used by migrate_legacy.c too. */
const struct field *member_field(const char *);
enum result	 terms_page(struct ctx *, const char *, int, const char *);
int		 terms_posted_ok(struct ctx *, long long *);
int		 draft_load(struct ctx *, struct draft *);
void		 draft_free(struct draft *);
void		 draft_done(void *);
int		 draft_cookie(struct ctx *, const char *, long long);
const char	*draft_step_path(int, int);
enum result	 draft_goto(struct ctx *, const struct draft *);
enum result	 draft_link(struct ctx *, int, const char *, int, const char *,
		    const char **);
void		 draft_steps_model(struct ctx *, int, const char *);

/* migrate_legacy.c: handlers in register.c's table. */
enum result	 page_migrate(struct ctx *);
enum result	 page_migrate_lookup_get(struct ctx *);
enum result	 page_migrate_lookup_post(struct ctx *);
enum result	 page_migrate_start_get(struct ctx *);
enum result	 page_migrate_start_post(struct ctx *);
enum result	 page_migrate_terms_get(struct ctx *);
enum result	 page_migrate_terms_post(struct ctx *);

/* register.c: checks shared by the pages and shikakuctl. */
int		 valid_regno(const char *);
const char	*history_status(const char *);
const char	*sex_code(const char *);
const char	*jp_code(const struct jp_item *, const char *);
void		 member_items_model(xmlNodePtr, const char *const *, int);

/* dbq_member.c: registration drafts (register_draft). */
int		 dbq_draft_new(struct db *, const char *, const char *, int,
		    int, long long);
int		 dbq_draft_new_migrate(struct db *, const char *,
		    const char *, const char *, long long);
int		 dbq_draft_get(struct db *, const char *, const char *,
		    struct draft *);
int		 dbq_draft_step(struct db *, const char *, const char *, int);
int		 dbq_draft_terms(struct db *, const char *, const char *,
		    long long, int);
int		 dbq_draft_email(struct db *, const char *, const char *,
		    const char *, const char *);
/* Columns of dbq_draft_by_link(). */
enum draft_link_col {
	DRAFT_LINK_COL_KIND,	/* 1 register, 2 migrate */
	DRAFT_LINK_COL_STEP,
	DRAFT_LINK_COL_EXPIRED,	/* the link has expired: 1/0 */
	DRAFT_LINK_COL_MINE,	/* the cookie's token is this draft's: 1/0 */
	DRAFT_LINK_COL__MAX
};
struct dbres	*dbq_draft_by_link(struct db *, const char *, const char *,
		    const char *);
int		 dbq_draft_open_link(struct db *, const char *, const char *,
		    const char *, int);
int		 dbq_draft_licence(struct db *, const char *, const char *,
		    const char *, const char *, long long);
int		 dbq_draft_personal(struct db *, const char *, const char *,
		    const char *const *, int);
int		 dbq_draft_password(struct db *, const char *, const char *,
		    const char *);
/* Columns of dbq_draft_password_get(). */
enum draft_pw_col {
	DRAFT_PW_COL_PASSWORD,	/* NULL when none; the caller wipes it */
	DRAFT_PW_COL__MAX
};
struct dbres	*dbq_draft_password_get(struct db *, const char *,
		    const char *);
int		 dbq_draft_del(struct db *, const char *, const char *);
int		 dbq_draft_reap(struct db *);

/* dbq_member.c: members (member, training_history).  login.c asks
 * member_activation_pending() (ACC-1: the login URL opened yet?). */
int		 member_activation_pending(struct db *, const char *,
		    const char *);
int		 dbq_member_add(struct db *, const char *, const char *,
		    const char *, const char *, long long,
		    const char *const *, const char *, const char *,
		    long long);
/* Columns of dbq_member_activation(). */
enum member_act_col {
	MEMBER_ACT_COL_UID,
	MEMBER_ACT_COL_ACTIVE,	/* already active: 1/0 */
	MEMBER_ACT_COL_REGNO,
	MEMBER_ACT_COL__MAX
};
struct dbres	*dbq_member_activation(struct db *, const char *,
		    const char *);
int		 dbq_member_activate(struct db *, const char *, const char *);
int		 dbq_training_from_legacy(struct db *, const char *,
		    const char *, long long);
/* Columns of dbq_training_list(). */
enum training_col {
	TRAINING_COL_DOMAIN,
	TRAINING_COL_FACILITY,
	TRAINING_COL_FROM,	/* started_ym */
	TRAINING_COL_TO,	/* ended_ym */
	TRAINING_COL_STATUS,
	TRAINING_COL_SOURCE,
	TRAINING_COL__MAX
};
struct dbres	*dbq_training_list(struct db *, const char *, const char *);
int		 member_training_model(struct ctx *, xmlNodePtr);

/* dbq_member.c: the old system's records (legacy_record, …). */
/* Columns of dbq_legacy_match(). */
enum legacy_match_col {
	LEGACY_MATCH_COL_ID,
	LEGACY_MATCH_COL_EMAIL,
	LEGACY_MATCH_COL_NAME,	/* name_kanji */
	LEGACY_MATCH_COL__MAX
};
struct dbres	*dbq_legacy_match(struct db *, const char *, const char *,
		    const char *, const char *);
int		 dbq_legacy_migrated(struct db *, const char *, long long,
		    const char *);
long long	 dbq_legacy_put(struct db *, const char *, const char *,
		    const char *, const char *, const char *,
		    const char *const *);
int		 dbq_legacy_training_clear(struct db *, long long);
int		 dbq_legacy_training_put(struct db *, long long, long long,
		    const char *, const char *, const char *, const char *,
		    const char *);

/* legacy_import.c: the columns of `shikakuctl legacy import` (header names
 * in shikakuctl(8)), and one row as checked and normalized. */
enum lc {
	LC_ID, LC_EMAIL, LC_BIRTH, LC_NAME, LC_NAME_KANA, LC_SEX, LC_REGNO,
	LC_REGNO_DATE, LC_PROGRAM, LC_DONE_ON, LC_PHONE, LC_POSTAL, LC_PREF,
	LC_ADDRESS, LC_DOMAIN, LC_H_DOMAIN, LC_H_FACILITY, LC_H_FROM,
	LC_H_TO, LC_H_STATUS, LC__MAX
};

struct legacy_row {
	long long	 line;
	int		 first;		/* the first row of its user ID */
	int		 hist;		/* it carries a training period */
	long long	 seq;		/* that period's number, from 1 */
	long long	*record;	/* legacy_record.id, the caller keeps */
	const char	*v[LC__MAX];	/* NULL when empty */
	char		 norm[LC__MAX][16];
};

typedef int	(*legacy_cb)(const struct legacy_row *, void *);

extern const char demo_legacy_csv[];

int		 legacy_parse(const char *, size_t, const char *, legacy_cb,
		    void *, FILE *);

/* Page tables beside their handlers; register_feature.c lists them. */
extern const struct page migrate_pages[];

#endif
