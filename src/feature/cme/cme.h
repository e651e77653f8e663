/*
 * cme.h — the medical association's training management (feature
 * "cme"; issue 13, CME-3..CME-9, seed 004): 研修会（講習会）管理メイン
 * メニュー, the completion application 「かかりつけ医機能報告制度にかかる
 * 研修」 on the platform's applications (apply.h), 座学研修（生涯教育制度）
 * 単位等追加入力 (self-reported credits, written through the credit
 * service, credit.h), 実地研修実績入力, the history with its 修了証.
 *
 *   cme_rules.c    the rules, pure: fiscal years, I/II, the association
 *                  an application goes to, the 10-credit rule
 *   cme.c          the offering: sections, checks, shortfalls, stage
 *   cme_pages.c    /cme (the main menu), /cme/self (単位等追加入力),
 *                  /cme/history (申請履歴 and 修了証)
 *   dbq_cme.c      the SQL (sql/021_cme.sql)
 *   demo_cme.c     `shikakuctl demo load` part
 *   cme_feature.c  its struct feature
 *
 * Units travel as tenths (int): 0.5 単位 is 5, the 10-credit rule 100.
 */
#ifndef SHIKAKU_CME_H
#define SHIKAKU_CME_H

#include <stddef.h>
#include <time.h>

struct apply_shortfalls;
struct ctx;
struct db;
struct dbres;

#define CME_FEATURE		"cme"
#define CME_KIND		"kakari"	/* the offering's URL word */
#define CME_ROLE		"association_reviewer"
#define CME_ROLE_BIT		ROLE_FEATURE(12)
#define CME_NATIONAL		"00000"		/* 日本医師会 */
#define CME_NEEDED		100		/* tenths: 10 単位 */
#define CME_PRACTICAL_UNITS	50		/* tenths per item */
#define CME_PRACTICAL_MAX	20		/* rows of 実地研修 */
#define CME_SELF_MAX		1000		/* tenths in one self report */
#define CME_CERT_PATH		"/cme/certificate/"	/* <id>.pdf */
#define CME_FY_FIRST		2000		/* the search's oldest year */

/*
 * The session column (feature.h session_sql): the member's live
 * applications (apply.h), then the physician's association code, ""
 * for a non-member (no statement to know which they are).
 */
#define CME_SESSION_SQL	APPLY_SESSION_SQL_WITH( \
	"(SELECT m.assoc FROM cme_member m WHERE m.tenant = s.tenant " \
	"AND m.uid = s.uid)")

/* ---- cme_rules.c (pure) ------------------------------------------------ */

int	 cme_fy(const char *);		/* "YYYY-MM-DD…": April–March */
int	 cme_fy_at(time_t);		/* of a moment, in Japan time */
int	 cme_self_ok(const char *, const char *);
int	 cme_tenths(const char *);	/* "2.5" → 25; -1 not units */
void	 cme_tenths_text(int, char *, size_t);
/* The practical rows' categories ('1' or '2'), row k checked against
 * the others: NULL, or the i18n key of the refusal. */
const char *cme_practical_mix(const char *, size_t, size_t);
/* The association an application goes to: chosen, or for category II
 * the chosen one's prefecture (the national one stays). */
void	 cme_dest(const char *, int, char *, size_t);
/* An association code's kind ("national", "pref", "local"), else NULL. */
const char *cme_assoc_kind(const char *);
/* The 10-credit rule: every reason it is not met, into sf. */
void	 cme_eligibility(int, size_t, size_t, struct apply_shortfalls *);

/* ---- the offering (cme.c) ----------------------------------------------- */

extern const struct apply_offering cme_offering;
/* The associations (cached reference rows, dbq_cme_assocs()). */
const struct dbres *cme_assocs(struct ctx *);
int	 cme_assoc_find(const struct dbres *, const char *);
const char *cme_member_assoc(struct ctx *);

/* ---- dbq_cme.c ----------------------------------------------------------- */

enum cme_assoc_col {
	CA_CODE, CA_PREF, CA_KIND, CA_NAME_JA, CA_NAME_EN, CA__MAX
};
struct dbres	*dbq_cme_assocs(struct db *, const char *);
int		 dbq_cme_assocs_put(struct db *, const char *, const char *);
enum cme_count_col {
	CN_ASSOC, CN_STATE, CN_N, CN__MAX
};
struct dbres	*dbq_cme_assoc_counts(struct db *, const char *,
		    const char *, int);
int		 dbq_cme_member(struct db *, const char *, const char *,
		    char *, size_t);
int		 dbq_cme_member_put(struct db *, const char *, const char *,
		    const char *);
enum cme_reviewer_col {
	CR_UID, CR_NAME, CR_MEMBER_NO, CR__MAX
};
struct dbres	*dbq_cme_reviewers(struct db *, const char *, const char *);
int		 dbq_cme_reviewer_add(struct db *, const char *, const char *,
		    const char *);
int		 dbq_cme_reviewer_del(struct db *, const char *, const char *,
		    const char *);
/* The member's applications with their certificate, newest first. */
enum cme_hist_col {
	CH_ID, CH_NUMBER, CH_STATE, CH_SUBMITTED, CH_DECIDED, CH_COMMENT,
	CH_CERT, CH_YEAR, CH_CREATED, CH__MAX
};
struct dbres	*dbq_cme_history(struct db *, const char *, const char *,
		    const char *, const char *, const char *, const char *);

int		 dbq_cme_apps(struct db *, const char *, const char *);

int	 demo_cme(void *);

#endif
