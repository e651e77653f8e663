/*
 * certify.h — the palliative society's certification (feature
 * "certify"; issue 11, PAL-1..PAL-12, seed 002), on the platform's
 * applications (apply.h):
 *
 *   certify_feature.c   its struct feature: pages, roles, offerings
 *   certify_offer.c     the offerings 一次申請 (kind "first") and 移行一次
 *                       ("transition-first"), and who may file 更新 and
 *                       移行二次; 二次申請 ("second"), 移行二次 and 更新
 *                       ("renewal") are second*.c's, on one table
 *   certify_menu.c      マイページTOP, 指導医, 専門医, 認定医, 施設認定
 *   certify_case.c      症例登録 and 症例承認 (PAL-3)
 *   certify_admin.c     the staff's registries and their imports (PAL-12)
 *   dbq_certify.c       the SQL (sql/019_certify.sql)
 *   demo_certify.c      `shikakuctl demo load` part
 *
 * Other files of the folder (二次申请) use the registry searches below.
 */
#ifndef SHIKAKU_CERTIFY_H
#define SHIKAKU_CERTIFY_H

#include <stddef.h>

#include <libxml/tree.h>

struct apply_offering;
struct ctx;
struct db;
struct page;

#define CERTIFY_FEATURE		"certify"
#define CERTIFY_SUPERVISOR	"supervisor"	/* the role's name */
#define ROLE_SUPERVISOR		ROLE_FEATURE(6)
#define CERTIFY_CASES_NEEDED	20	/* approved case reports (認定要件4) */
#define CERTIFY_SUMMARY_MAX	2000	/* characters of a case's summary */
#define CERTIFY_SITE_CHOICES	3	/* 第一〜第三希望 */
#define CERTIFY_SEARCH_MAX	50	/* rows a registry search returns */

/*
 * The session column (feature.h session_sql): the member's live
 * applications (apply.h), then after '|': "approved:exempt:specialist"
 * — approved case reports, 1 when exempt from them, 1 when the member
 * holds (or held: 失効者含む) a specialist certificate (the platform's
 * certificate table, kind "…specialist"); certify_session_facts().
 */
#define CERTIFY_SESSION_SQL	APPLY_SESSION_SQL_WITH( \
	"CONCAT((SELECT COUNT(*) FROM certify_case k WHERE k.tenant = " \
	"s.tenant AND k.uid = s.uid AND k.state = 'approved'), ':', " \
	"COALESCE((SELECT m.case_exempt FROM certify_membership m WHERE " \
	"m.tenant = s.tenant AND m.uid = s.uid), 0), ':', " \
	"(SELECT COUNT(*) > 0 FROM certificate x WHERE x.tenant = s.tenant " \
	"AND x.uid = s.uid AND x.kind LIKE '%specialist'))")

/* What the session column says of the member. */
struct certify_facts {
	int	 approved;	/* approved case reports */
	int	 exempt;	/* exempt from the 20 case reports */
	int	 specialist;	/* holds or held a specialist certificate */
};

/* ---- the registries (dbq_certify.c), for every file of the folder ----- */

/* A certified facility's one certification (kind and period). */
struct certify_fac {
	long long	 id;		/* the facility */
	long long	 cert_id;	/* its certify_facility_cert row */
	char		 code[17];
	char		 name[201];
	char		 pref[3];
	char		 kind[17];	/* certify.fkind.<kind> */
	char		 valid_from[11], valid_to[11];	/* YYYY-MM-DD */
};

struct certify_sup {
	long long	 id;
	char		 number[33];	/* 認定番号 */
	char		 name[101];
	char		 kana[101];
	char		 uid[65];	/* "" : no account */
	char		 valid_from[11], valid_to[11];
};

/*
 * Facilities whose code, name or kana contains q ("" every one), one
 * row per certification, name order; at most max.  Count, or -1.
 */
int	 certify_facility_search(struct db *, const char *, const char *,
	    struct certify_fac *, size_t);
int	 certify_facility_cert_get(struct db *, const char *, long long,
	    struct certify_fac *);
/* Supervisors by name, kana or certification number (prefix). */
int	 certify_supervisor_search(struct db *, const char *, const char *,
	    struct certify_sup *, size_t);
int	 certify_supervisor_get(struct db *, const char *, long long,
	    struct certify_sup *);
int	 certify_supervisor_of(struct db *, const char *, const char *,
	    struct certify_sup *);

/* ---- the member's facts ------------------------------------------------ */

/* The member's facts from the session: 1, 0 when it carries none. */
int	 certify_session_facts(const struct ctx *, struct certify_facts *);
/*
 * The member's application of an offering kind in `year`'s window, as
 * the session summary says: its state ("submitted"…) or NULL.
 */
const char *certify_app_state(struct ctx *, const char *, int);
int	 certify_year(void);		/* the calendar year of clock_now() */

/* ---- offerings --------------------------------------------------------- */

extern const struct apply_offering certify_first, certify_transition_first,
	    certify_renewal, certify_transition_second;
/* The 二次 rule (window open and this year's 一次 filed), or NULL. */
const char *certify_after_first(struct ctx *, const struct apply_offering *);
/* The same on this year's 移行一次 (移行二次). */
const char *certify_after_transition_first(struct ctx *,
	    const struct apply_offering *);
/* 更新: a specialist, lapsed ones included, or why not. */
const char *certify_specialist_only(struct ctx *,
	    const struct apply_offering *);
/* Offerings "second", "transition-second" and "renewal" (second*.c). */
extern const struct apply_offering certify_second;

int	 demo_certify(void *);

/* Pure rules (t_certify.c). */
int	 certify_ym(const char *);
const char *certify_case_check_period(const char *, const char *,
	    const char *);

#endif
