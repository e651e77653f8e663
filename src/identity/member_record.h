/*
 * member_record.h — 会員情報, the member record of every tenant (issue 9
 * item 8, ACC-4): member number, names, birth date, contact, workplace,
 * certification numbers, and the board's own columns where its
 * registration filled them (sql/004_member.sql, sql/014_member.sql).
 * Pages: member_record.c (/member, /member/contact, /member/email,
 * /member/change, /admin/member-changes).  SQL: dbq_member_record.c.
 *
 * A feature adds its own part of the page through struct feature's
 * member hook (the register feature: the training history).  Products
 * show the record read-only and link to /member.
 *
 * Every tenant-scoped function takes the tenant slug of the request's
 * host, never one from input.  Return contract as in db.h: <0 error,
 * 0 nothing, >0 ok; DB_DUP where a unique key refused.
 */
#ifndef SHIKAKU_MEMBER_RECORD_H
#define SHIKAKU_MEMBER_RECORD_H

#include <stddef.h>

#include <libxml/tree.h>

#include "ctx.h"

struct db;
struct dbres;
struct field;

/*
 * The record's fields, declared once: the registration's forms
 * (feature register) and this service's forms use these (with form.h,
 * which this header leaves out: shikakuctl has names of its own).
 */
#define FIELD_NAME_KANJI \
	{ "name_kanji", F_NAME, 1, 50, "reg.f.name_kanji", NULL }
#define FIELD_NAME_KANA \
	{ "name_kana", F_KANA, 1, 50, "reg.f.name_kana", NULL }
#define FIELD_BIRTH \
	{ "birth_date", F_DATE, 1, 0, "field.birth", NULL }
#define FIELD_REGNO \
	{ "regno", F_NUMBER, 1, 9, "field.regno", NULL }
#define FIELD_REGNO_DATE \
	{ "regno_date", F_DATE, 1, 0, "field.regdate", NULL }
#define FIELD_PHONE \
	{ "phone", F_TEL, 1, 20, "field.tel", NULL }
#define FIELD_POSTAL \
	{ "postal_code", F_POSTAL, 1, 8, "reg.f.postal_code", NULL }
#define FIELD_PREF(codes) \
	{ "pref", F_SELECT, 1, 0, "field.pref", (codes) }
#define FIELD_ADDRESS \
	{ "address", F_TEXT, 1, 200, "reg.f.address", NULL }

/*
 * The youngest a physician completes clinical training (臨床研修修了日
 * no earlier than the birth date plus this many years): medical school
 * takes six years from 18, training two more; 20 leaves room for every
 * honest date and refuses a birth date typed into the wrong field.
 */
#define TRAINING_MIN_AGE	20

/* Columns of dbq_member_record_get() (dates as YYYY-MM-DD; NULL when
 * the tenant's record does not hold the field). */
enum mrec_col {
	MREC_MEMBER_NO,		/* 会員番号 */
	MREC_NAME_KANJI,
	MREC_NAME_KANA,
	MREC_BIRTH,
	MREC_EMAIL,
	MREC_PHONE,
	MREC_POSTAL,
	MREC_PREF,
	MREC_ADDRESS,
	MREC_WORK_NAME,		/* 勤務先 */
	MREC_WORK_DEPT,
	MREC_WORK_POSTAL,
	MREC_WORK_ADDRESS,
	MREC_WORK_PHONE,
	MREC_REGNO,		/* the board's own from here */
	MREC_REGNO_DATE,
	MREC_SEX,
	MREC_PROGRAM,
	MREC_DONE_ON,
	MREC_DOMAIN,
	MREC_LICENCE_ID,	/* 0: none */
	MREC_ACTIVATED,		/* YYYY-MM-DD HH:MM, NULL before */
	MREC_LEGACY_ID,		/* the old system's user ID, or NULL */
	MREC_SINCE,		/* created_at */
	MREC__MAX
};

/* The identity change form's fields (the page table's .fields), and
 * the admin's decision form's (id, comment). */
#define MEMBER_CHANGE_NFIELDS	6
extern const struct field *const member_change_form;
extern const struct field *const member_decide_form;
size_t		 member_change_fields_of(int, struct field *);

/* member_record.c */
int		 member_regno_taken(struct ctx *, const char *);
/* The member's record, read-only, for a product's page (<record>). */
int		 member_record_model(struct ctx *, xmlNodePtr);

/* A record as the demo loader and products write it (NULL: leave). */
struct member_record {
	const char	*member_no;
	const char	*name_kanji, *name_kana, *birth_date, *email;
	const char	*phone, *postal_code, *pref, *address;
	const char	*work_name, *work_dept, *work_postal;
	const char	*work_address, *work_phone;
};

/* dbq_member_record.c */
struct dbres	*dbq_member_record_get(struct db *, const char *,
		    const char *);
int		 dbq_member_record_put(struct db *, const char *,
		    const char *, const struct member_record *);
int		 dbq_member_regno_taken(struct db *, const char *,
		    const char *);
int		 dbq_member_contact(struct db *, const char *, const char *,
		    const struct member_record *);
int		 dbq_member_set(struct db *, const char *, const char *,
		    const char *, const char *);
int		 dbq_member_email(struct db *, const char *, const char *,
		    const char *);
/* Columns of dbq_member_certs(). */
enum mcert_col {
	MCERT_KIND,
	MCERT_NUMBER,
	MCERT_DATE,		/* YYYY-MM-DD or NULL */
	MCERT__MAX
};
struct dbres	*dbq_member_certs(struct db *, const char *, const char *);
int		 dbq_member_cert_put(struct db *, const char *, const char *,
		    const char *, const char *, const char *);

/* A contact address waiting for its consent (sql/009). */
int		 dbq_email_change_put(struct db *, const char *, const char *,
		    const char *, const char *, long long);
/* Columns of dbq_email_change_get(). */
enum email_change_col {
	EMAIL_CHANGE_COL_UID,
	EMAIL_CHANGE_COL_NEW,	/* the address asked for */
	EMAIL_CHANGE_COL_OLD,	/* the member's current address */
	EMAIL_CHANGE_COL__MAX
};
struct dbres	*dbq_email_change_get(struct db *, const char *,
		    const char *);
int		 dbq_email_change_del(struct db *, const char *, const char *);
/* Columns of dbq_email_change_pending(). */
enum email_pending_col {
	EMAIL_PENDING_COL_EMAIL,
	EMAIL_PENDING_COL_UNTIL,	/* YYYY-MM-DD HH:MM */
	EMAIL_PENDING_COL__MAX
};
struct dbres	*dbq_email_change_pending(struct db *, const char *,
		    const char *);
int		 dbq_email_change_reap(struct db *);

/* Identity change requests (member_change). */
int		 dbq_change_add(struct db *, const char *, const char *,
		    const char *, const char *, const char *, const char *);
/* Columns of dbq_change_of(): a member's own requests. */
enum change_of_col {
	CHANGE_OF_COL_ID,
	CHANGE_OF_COL_FIELD,
	CHANGE_OF_COL_OLD,
	CHANGE_OF_COL_NEW,
	CHANGE_OF_COL_STATE,
	CHANGE_OF_COL_REQUESTED,
	CHANGE_OF_COL_DECIDED,
	CHANGE_OF_COL_COMMENT,
	CHANGE_OF_COL__MAX
};
struct dbres	*dbq_change_of(struct db *, const char *, const char *);
/* The record, its certifications and its requests in one statement. */
int		 dbq_member_page(struct db *, const char *, const char *,
		    struct dbres **, struct dbres **, struct dbres **);
/* Columns of dbq_change_pending(): the waiting requests. */
enum change_pending_col {
	CHANGE_PENDING_COL_ID,
	CHANGE_PENDING_COL_UID,
	CHANGE_PENDING_COL_FIELD,
	CHANGE_PENDING_COL_OLD,
	CHANGE_PENDING_COL_NEW,
	CHANGE_PENDING_COL_REASON,
	CHANGE_PENDING_COL_REQUESTED,
	CHANGE_PENDING_COL_NAME,	/* the member's name_kanji */
	CHANGE_PENDING_COL_REGNO,	/* NULL off the board */
	CHANGE_PENDING_COL_LICENCE_ID,	/* 0: none */
	CHANGE_PENDING_COL_MEMBER_NO,	/* NULL when none */
	CHANGE_PENDING_COL__MAX
};
struct dbres	*dbq_change_pending(struct db *, const char *);
/* Columns of dbq_change_decided(). */
enum change_decided_col {
	CHANGE_DECIDED_COL_ID,
	CHANGE_DECIDED_COL_UID,
	CHANGE_DECIDED_COL_FIELD,
	CHANGE_DECIDED_COL_OLD,
	CHANGE_DECIDED_COL_NEW,
	CHANGE_DECIDED_COL_STATE,
	CHANGE_DECIDED_COL_DECIDED,
	CHANGE_DECIDED_COL_DECIDED_BY,
	CHANGE_DECIDED_COL_COMMENT,
	CHANGE_DECIDED_COL_NAME,	/* the member's name_kanji */
	CHANGE_DECIDED_COL__MAX
};
struct dbres	*dbq_change_decided(struct db *, const char *, long long);
/* Columns of dbq_change_lock(). */
enum change_lock_col {
	CHANGE_LOCK_COL_UID,
	CHANGE_LOCK_COL_FIELD,
	CHANGE_LOCK_COL_OLD,
	CHANGE_LOCK_COL_NEW,
	CHANGE_LOCK_COL_EMAIL,	/* the member's */
	CHANGE_LOCK_COL_NAME,	/* the member's name_kanji */
	CHANGE_LOCK_COL__MAX
};
struct dbres	*dbq_change_lock(struct db *, const char *, long long);
int		 dbq_change_decide(struct db *, const char *, long long,
		    const char *, const char *, const char *);

#endif
