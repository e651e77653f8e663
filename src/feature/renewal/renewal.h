/*
 * renewal.h — the oncology society's specialist renewal (feature
 * "renewal"; ONC-1..ONC-14, seed 003), built on the platform's
 * applications (apply.h), fees and certificates (review.h, cert.h):
 *
 *   renewal.c           pure rules: the five-year seminar window around
 *                       1 September, credit totals and caps, counting
 *                       characters, eligibility by years, activity years
 *   renewal_offering.c  the two offerings (専門医資格【更新】認定申請 and
 *                       its 更新4回目以降 variant): six documents as
 *                       sections, their checks, shortfalls, hooks
 *   renewal_pages.c     専門医 (the certification record, the offerings,
 *                       the two ways in), 申請トップ, 申請書類一覧, 当会セミナー,
 *                       the PDF (draft and final)
 *   renewal_rules.c     the credit rules as the society's data: read
 *                       through the reference cache, edited by the office
 *                       (/admin/renewal/rules); tenant.conf the default
 *   renewal_exam.c      筆記試験: 追加お申込み from 申請トップ, the office's
 *                       list, 受験料 and results one by one or by CSV
 *   dbq_renewal.c       its SQL (sql/020_renewal.sql, 027_renewal_rules_
 *                       exam.sql; the certificate and
 *                       credit tables read, never written, but for the
 *                       certificate its on_paid issues through cert.h)
 *   demo_renewal.c      `shikakuctl demo load` part
 *   renewal_feature.c   its struct feature
 *
 * The certification record is the platform's certificate table, kind
 * RENEWAL_CERT_KIND: number = 認定番号, issued_on = 認定日, expires_on =
 * 有効期限; 更新回数 = the earlier certificates of that kind.
 */
#ifndef SHIKAKU_RENEWAL_H
#define SHIKAKU_RENEWAL_H

#include <stddef.h>

#include <libxml/tree.h>

#include "apply.h"
#include "ctx.h"

struct ctx;
struct db;
struct tenant;
struct apply_app;
struct apply_offering;

#define RENEWAL_FEATURE		"renewal"
#define RENEWAL_KIND		"renewal"	/* 専門医資格【更新】認定申請 */
#define RENEWAL_KIND4		"renewal4"	/* 同 (更新4回目以降) */
#define RENEWAL_CERT_KIND	"cert.kind.specialist"
#define RENEWAL_FEE_REVIEW	"review"	/* fee kind of 審査料 */
#define RENEWAL_FEE_EXAM	"exam"		/* the offering's 受験料 */

/* Seed 003's limits. */
#define RENEWAL_PROFILE_MAX	1040	/* characters of プロフィール */
#define RENEWAL_ACTIVITY_MAX	20	/* rows of 研究活動歴 */
#define RENEWAL_MEETING_MAX	30	/* rows of 学会参加 */
#define RENEWAL_PAPER_MAX	30	/* rows of 論文 */
#define RENEWAL_AREAS		15	/* organ areas of 業績目録 */
#define RENEWAL_TRIALS		5	/* clinical trials of 業績目録 */
#define RENEWAL_TRIAL_NAME_MAX	80	/* characters of a trial's name */
#define RENEWAL_NTH4		3	/* earlier renewals making the 4th */
#define RENEWAL_SEMINARS_MAX	200

/*
 * The session column (feature.h session_sql): the member's live
 * applications (apply.h), then "<certificates>,<latest expiry>,<ways>,
 * <exams>" of the specialist kind, the ways in as "kind:year:way;…",
 * the written exams as "year:result:paid:id;…": eligibility and
 * 筆記試験's state need no statement of their own.
 */
#define RENEWAL_SESSION_SQL	APPLY_SESSION_SQL_WITH( \
	"CONCAT((SELECT CONCAT(COUNT(*), ',', COALESCE(MAX(c.expires_on), " \
	"'')) FROM certificate c WHERE c.tenant = s.tenant AND c.uid = " \
	"s.uid AND c.kind = '" RENEWAL_CERT_KIND "' AND c.revoked_at IS " \
	"NULL), ',', COALESCE((SELECT GROUP_CONCAT(CONCAT(e.kind, ':', " \
	"e.year, ':', e.way) SEPARATOR ';') FROM renewal_entry e WHERE " \
	"e.tenant = s.tenant AND e.uid = s.uid), ''), ',', COALESCE((" \
	"SELECT GROUP_CONCAT(CONCAT(x.year, ':', x.result, ':', " \
	"x.paid_at IS NOT NULL, ':', x.id) SEPARATOR ';') FROM " \
	"renewal_exam x WHERE x.tenant = s.tenant AND x.uid = s.uid), " \
	"''))")

/* ---- pure rules (renewal.c) ------------------------------------------- */

/* How one applies (ONC-2): documents and the exam together, or the exam. */
enum renewal_way {
	RW_BOTH,	/* 書類審査・筆記試験同時のお申込み */
	RW_EXAM		/* 筆記試験のみのお申込み */
};

size_t		 renewal_chars(const char *);
int		 renewal_fy(const char *);
void		 renewal_window(int, char *, char *);
const char	*renewal_eligible(int, int, int, int, enum renewal_way);
int		 renewal_months(const char *const *, const char *const *,
		    size_t);
long long	 renewal_units(const char *);

/* Credit rules of a tenant (feature settings renewal.*, ONC-13/14). */
struct renewal_rules {
	long long	 needed;		/* total needed */
	int		 count_meeting;		/* which kinds count */
	int		 count_paper;
	int		 count_seminar;
	long long	 cap_meeting;		/* 0: no cap */
	long long	 cap_paper;
	long long	 cap_seminar;
};

struct renewal_credits {
	long long	 meeting, paper, seminar;	/* as claimed */
	long long	 total;				/* counted, capped */
};

void		 renewal_total(const struct renewal_rules *,
		    struct renewal_credits *);
void		 renewal_rules_conf(const struct tenant *,
		    struct renewal_rules *);
const char	*renewal_rules_check(const struct renewal_rules *, int *);

/* The rules in force (renewal_rules.c): the office's, else conf's. */
int		 renewal_rules_get(struct ctx *, struct renewal_rules *);

/* A written exam as the session lists it (ONC-3). */
struct renewal_exam_st {
	long long	 id;		/* 0: none */
	int		 year;
	char		 result[8];	/* pending, pass, fail, absent */
	int		 paid;
};
int		 renewal_exam_of(const char *, int, struct renewal_exam_st *);
int		 renewal_exam_passed(const char *, int);

/* ---- the record and seminars (dbq_renewal.c) ------------------------ */

struct renewal_cert {
	int		 n;			/* certificates: 0 none */
	char		 number[33];		/* the latest's 認定番号 */
	char		 issued_on[11];		/* 認定日 */
	char		 expires_on[11];	/* 有効期限 */
	int		 next_fy;		/* 次回更新年度 */
	int		 renewals;		/* 更新回数 */
};

struct renewal_seminar {
	char		 title[201];
	char		 held_on[11];
	char		 series[9];
	long long	 units;
};

int	 dbq_renewal_cert(struct db *, const char *, const char *,
	    struct renewal_cert *);
struct dbres *dbq_renewal_sem_read(struct db *, const char *, const char *,
	    const char *, const char *);
int	 dbq_renewal_sem_parse(const struct dbres *, struct renewal_seminar *,
	    size_t);
/* Columns of dbq_renewal_member(): the member's base data (履歴書). */
enum rmem_col {
	RMEM_COL_NO, RMEM_COL_NAME, RMEM_COL_KANA, RMEM_COL_SEX,
	RMEM_COL_BIRTH, RMEM_COL_POSTAL, RMEM_COL_PREF, RMEM_COL_ADDRESS,
	RMEM_COL_PHONE, RMEM_COL_EMAIL, RMEM_COL_WORK, RMEM_COL_DEPT,
	RMEM_COL_WPOSTAL, RMEM_COL_WADDRESS, RMEM_COL_WPHONE,
	RMEM_COL_REGNO, RMEM_COL_REGDATE, RMEM_COL_CONTACT,
	RMEM_COL_JOINED, RMEM_COL_SPECIALTY, RMEM_COL__MAX
};
struct dbres	*dbq_renewal_member(struct db *, const char *, const char *);
/* The PDF's seminars, member (columns rmem_col) and record in one. */
int	 dbq_renewal_pdf(struct db *, const char *, const char *,
	    const char *, const char *, struct renewal_seminar *, size_t,
	    struct dbres **, struct renewal_cert *);
int	 dbq_renewal_contact_home(struct db *, const char *, const char *);
int	 dbq_renewal_entry_put(struct db *, const char *, const char *,
	    const char *, int, const char *, const char *);

/* Columns of dbq_renewal_rules() (the reference cache's rows). */
enum rrule_col {
	RR_NEEDED, RR_COUNT_MEETING, RR_COUNT_PAPER, RR_COUNT_SEMINAR,
	RR_CAP_MEETING, RR_CAP_PAPER, RR_CAP_SEMINAR, RR_UPDATED_AT,
	RR_UPDATED_BY, RR__MAX
};
struct dbres	*dbq_renewal_rules(struct db *, const char *);
int	 dbq_renewal_rules_put(struct db *, const char *,
	    const struct renewal_rules *, const char *, const char *);

/* The written exam (027_renewal_rules_exam.sql). */
int	 dbq_renewal_exam_put(struct db *, const char *, const char *,
	    const char *, int, long long, const char *);
enum rexam_col {
	RX_ID, RX_MEMBER_NO, RX_NAME, RX_KIND, RX_YEAR, RX_FEE, RX_PAID_ON,
	RX_RESULT, RX_SCORE, RX_CREATED, RX__MAX
};
struct dbres	*dbq_renewal_exams(struct db *, const char *, int,
	    const char *, long long);
int	 dbq_renewal_exam_pay(struct db *, const char *, long long,
	    const char *, const char *, const char *);
int	 dbq_renewal_exam_result(struct db *, const char *, long long,
	    const char *, int, const char *, const char *);
enum rexkey_col { RK_NO, RK_YEAR, RK_ID, RK_RESULT, RK_SCORE, RK__MAX };
struct dbres	*dbq_renewal_exam_keys(struct db *, const char *);
int	 dbq_renewal_exam_results_put(struct db *, const char *,
	    const char *, const char *, const char *);
/* The result mail's rows of the exams in a JSON array of ids. */
enum rexmail_col {
	RM_ID, RM_EMAIL, RM_NAME, RM_YEAR, RM_RESULT, RM_SCORE, RM_KIND,
	RM__MAX
};
struct dbres	*dbq_renewal_exam_mailto(struct db *, const char *,
	    const char *);

/* demo data (dbq_renewal.c) */
int	 dbq_renewal_demo_member(struct db *, const char *, const char *,
	    const char *, const char *, const char *, const char *,
	    const char *);
int	 dbq_renewal_demo_extra(struct db *, const char *, const char *);
int	 dbq_renewal_demo_exam(struct db *, const char *, const char *,
	    const char *, int, const char *, const char *, const char *);
int	 dbq_renewal_demo_uid(struct db *, const char *, const char *, char *,
	    size_t);
long long dbq_renewal_demo_event(struct db *, const char *, const char *,
	    const char *, const char *, const char *, int);
int	 dbq_renewal_demo_credit(struct db *, const char *, const char *,
	    long long, int, const char *);
long long dbq_renewal_demo_app(struct db *, const char *, const char *,
	    long long);

/* ---- the offerings and pages ----------------------------------------- */

extern const struct apply_offering renewal_offering;
extern const struct apply_offering renewal4_offering;
int	 renewal_parse_session(const char *, struct renewal_cert *);
const char *renewal_way_of(const char *, const char *, int, char *, size_t);
const char *renewal_why(struct ctx *, const struct apply_offering *,
	    enum renewal_way);
/* What counts towards completion (ONC-9, ONC-13), once per request. */
struct renewal_facts {
	struct renewal_rules	 rules;
	struct renewal_credits	 cr;
	int			 meetings;	/* valid 学会参加 rows */
	int			 a, b;		/* seminar A, B attended */
	int			 nsem;
	struct renewal_seminar	 sem[RENEWAL_SEMINARS_MAX];
	char			 from[11], to[11];
	int			 months;	/* 研究活動歴, months covered */
};
int	 renewal_facts(struct ctx *, const struct apply_app *,
	    const struct apply_data *, const struct renewal_facts **);
/*
 * The PDF's reading (issue 10): renewal_facts()'s seminars with the
 * member's base data (*member, columns rmem_col) and the certification
 * record, in one statement; renewal_facts() then reads none.  0, -1.
 */
int	 renewal_facts_pdf(struct ctx *, const struct apply_app *,
	    struct dbres **, struct renewal_cert *);
int	 renewal_year(const struct apply_app *);
/* Section indices of both offerings. */
enum renewal_sec {
	RS_RESUME, RS_PROFILE, RS_ACTIVITY, RS_MEETING, RS_PAPER, RS_RECORD,
	RS__N
};
int	 demo_renewal(void *);
long long renewal_exam_fee(struct ctx *, const struct apply_offering *,
	    int);
int	 renewal_exam_model(struct ctx *, xmlNodePtr,
	    const struct apply_offering *);
extern const struct page renewal_pages[], renewal_rules_pages[];
extern const struct page renewal_exam_pages[];
extern const struct page renewal_exam_member_pages[];


#endif
