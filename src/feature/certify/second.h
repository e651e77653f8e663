/*
 * second.h — 専門医新規申請（二次申請） (PAL-5..PAL-11, seed 002 pages
 * 7-15): the offering "second" of the feature certify, on the
 * platform's applications (apply.h).
 *
 *   second_rules.c     the pure rules: the four requirements, the rows
 *                      of 学歴・職歴, the months of a training period and
 *                      the supervisor's certification period
 *   second.c           the offering: eligibility (this year's 一次申請),
 *                      the requirement panel, shortfalls, the July
 *                      expectations stored with the submission
 *   second_sections.c  the four sections, their fields and checks
 *   dbq_second.c       the SQL (sql/022_second.sql)
 *   demo_second.c      demo members in every 二次 state
 *
 * Months are counted as year * 12 + (month - 1), as training's are.
 */
#ifndef SHIKAKU_SECOND_H
#define SHIKAKU_SECOND_H

#include <stddef.h>

#include <libxml/tree.h>

struct ctx;
struct db;
struct apply_app;
struct apply_offering;
struct form_result;
struct kvlist;

#define SECOND_KIND		"second"
#define SECOND_FIRST_KIND	"first"		/* pal1's 一次申請 */
#define SECOND_CASES_NEEDED	20		/* 認定要件4 */
#define SECOND_MEMBER_YEARS	2		/* 認定要件8 */
#define SECOND_SLOTS		10		/* 学歴 / 職歴 rows kept */
#define SECOND_SLOTS_SHOWN	2		/* never fewer on the form */
#define SECOND_CERTS_MAX	10		/* 臨床研修修了証明書 */
#define SECOND_WORKS_MAX	30		/* 業績書 */
#define SECOND_HISTORY_YEARS	8		/* months offered: back so far */

/* ---- the four requirements (認定要件4, 7, 8, 8) ------------------------- */

enum second_req {
	SR_CASES,		/* 20例の症例報告書（承認済） or exempt */
	SR_SEMINAR,		/* 本学会教育セミナーの受講 */
	SR_MEMBER,		/* 2年以上の会員歴, to 31 July */
	SR_DUES,		/* 当該年度会費の納入, or 手続き中 */
	SR__MAX
};

/* What the rules need of one member, read in one statement. */
struct second_facts {
	int		 cases;		/* approved case reports */
	int		 exempt;	/* case reports exempt */
	int		 seminar;	/* seminars attended */
	char		 joined[11];	/* membership since, "" unknown */
	int		 dues_paid;	/* this fiscal year's */
	int		 dues_pending;	/* 「手続き中」 declared */
	int		 expect[4];	/* the July expectations stored */
};

/* A requirement's state: met, or why not (the panel's line). */
enum second_rstate {
	RS_MET,
	RS_PENDING,		/* dues: 手続き中 declared (met) */
	RS_EXEMPT,		/* cases: exemption recorded (met) */
	RS_SHORT		/* not met */
};

enum second_rstate second_req_state(enum second_req,
		    const struct second_facts *, int);
int		 second_req_met(enum second_rstate);
const char	*second_req_key(enum second_req);
const char	*second_rstate_name(enum second_rstate);
int		 second_member_years(const char *, int);
int		 second_fiscal_year(const char *);

/* ---- 学歴・職歴 rows ----------------------------------------------------- */

/* One slot as typed: the date (YYYY-MM-DD) and what happened. */
struct second_slot {
	const char	*date;
	const char	*text;
};

/* Errors of one slot (i18n keys, NULL none). */
struct second_slot_err {
	const char	*date;
	const char	*text;
};

int		 second_slots_check(const struct second_slot *, size_t,
		    struct second_slot_err *);
size_t		 second_slots_shown(const struct second_slot *, size_t);
int		 second_drop_parse(const char *, int *, int *);

/* ---- training periods and the supervisor's certification ------------- */

int		 second_ym(const char *);
int		 second_month_last(int);
int		 second_month_first(int);
enum second_period {
	SP_OK,
	SP_ORDER,		/* end before start */
	SP_LATE,		/* after July of the application's year */
	SP_SPLIT		/* outside the supervisor's period: split it */
};
enum second_period second_period_check(int, int, int, const char *,
		    const char *);
const char	*second_period_key(enum second_period);

/* ---- the offering ------------------------------------------------------ */

extern const struct apply_offering certify_second;

/* second.c: what the model of an application adds, for the page, the
 * snapshot and the PDF (apply.h `model`), and the July expectations. */
#define SECOND_EXPECT_N		4
extern const char *const second_expect[SECOND_EXPECT_N];

/* dbq_second.c */
struct dbres *dbq_second_facts_read(struct db *, const char *, const char *,
	    int, long long);
int	 dbq_second_facts_parse(const struct dbres *, struct second_facts *);
int	 dbq_second_expect_put(struct db *, long long, const int *, int,
	    const char *);
/* Columns of dbq_second_fac_certs() and dbq_second_supervisors(). */
enum { SFC_COL_ID, SFC_COL_CODE, SFC_COL_NAME, SFC_COL_KANA, SFC_COL_KIND,
	SFC_COL_FROM, SFC_COL_TO, SFC_COL__MAX };
enum { SSU_COL_ID, SSU_COL_NUMBER, SSU_COL_NAME, SSU_COL_KANA,
	SSU_COL_FROM, SSU_COL_TO, SSU_COL__MAX };
struct dbres;
struct dbres	*dbq_second_fac_certs(struct db *, const char *);
struct dbres	*dbq_second_supervisors(struct db *, const char *);
struct dbres	*dbq_second_pdfs(struct db *, const char *, const char *);
struct dbres	*dbq_second_site_uids(struct db *, const char *, const char *);
long long dbq_second_window(struct db *, const char *, const char *, int);
int	 dbq_second_demo_registry(struct db *, const char *, int, long long *,
	    long long *);
int	 dbq_second_demo_facts(struct db *, const char *, const char *, int,
	    int, long long);

/* demo_second.c: called by demo_certify() (arg: struct ctl). */
int	 demo_second(void *);

#endif
