/*
 * recruit.c — the applicant's side of recruitment, in the order of the
 * resident manual (seed 000): 研修プログラムに応募する → 応募に関する説明
 * → 研修制度の選択 → プログラム検索 → プログラム詳細 → 応募する → 応募確認
 * → 応募完了; the dashboard 「現在の状況」 with 応募を取り消す or 採用を辞退する.
 *
 * Rules, all on the server and to the second (CORE-18), against
 * clock_now() in Japan time:
 *   - apply and cancel only in the round's application period (BRD-4,
 *     BRD-6); one live application per applicant and round, held by the
 *     database's unique key (BRD-5, CORE-19: a second submission shows
 *     the first);
 *   - results are shown only from the notification time (BRD-7): until
 *     then the model says 応募中 whatever was decided;
 *   - decline only after the notification, within the confirmation
 *     period, with a reason and 「プログラム統括責任者に連絡済み」 (BRD-8);
 *   - a later round is open to the rejected and to non-applicants, not to
 *     the accepted (BRD-9); the clinical research course is a track of
 *     its own, so a rejection there leaves the regular rounds open.
 * Every page shows the schedule and, when an action is unavailable, why.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "conf.h"
#include "ctx.h"
#include "db.h"
#include "directory.h"
#include "form.h"
#include "jp.h"
#include "log.h"
#include "mail.h"
#include "refcache.h"
#include "recruit.h"
#include "session.h"
#include "tenant.h"

static enum result	 page_apply(struct ctx *);
static enum result	 page_apply_system_get(struct ctx *);
static enum result	 page_apply_system_post(struct ctx *);
static enum result	 page_apply_search(struct ctx *);
static enum result	 page_apply_program(struct ctx *);
static enum result	 page_apply_confirm_get(struct ctx *);
static enum result	 page_apply_confirm_post(struct ctx *);
static enum result	 page_apply_done(struct ctx *);
static enum result	 page_apply_cancel_get(struct ctx *);
static enum result	 page_apply_cancel_post(struct ctx *);
static enum result	 page_apply_decline_get(struct ctx *);
static enum result	 page_apply_decline_post(struct ctx *);
static void		 apply_menu_note(struct ctx *, xmlNodePtr);

#define APPLICANT	(PAGE_TENANT | PAGE_AUTH)

const struct page recruit_pages[] = {
	{ .name = "recruit-apply", .methods = M_GET, .path = "/apply",
	    .flags = APPLICANT, .get = page_apply, .menu = "menu.recruit",
	    .feature = RECRUIT_FEATURE, .roles = ROLE_MEMBER,
	    .note = apply_menu_note },
	{ .name = "recruit-apply-system", .methods = M_GET | M_POST,
	    .path = "/apply/system", .flags = APPLICANT,
	    .get = page_apply_system_get,
	    .post = page_apply_system_post,
	    .feature = RECRUIT_FEATURE,
	    .roles = ROLE_MEMBER },
	{ .name = "recruit-apply-search", .methods = M_GET,
	    .path = "/apply/search", .flags = APPLICANT,
	    .get = page_apply_search, .feature = RECRUIT_FEATURE,
	    .roles = ROLE_MEMBER },
	{ .name = "recruit-apply-program", .methods = M_GET,
	    .path = "/apply/programs/", .flags = APPLICANT | PAGE_PREFIX,
	    .get = page_apply_program, .feature = RECRUIT_FEATURE,
	    .roles = ROLE_MEMBER },
	{ .name = "recruit-apply-confirm", .methods = M_GET | M_POST,
	    .path = "/apply/confirm", .flags = APPLICANT,
	    .get = page_apply_confirm_get,
	    .post = page_apply_confirm_post,
	    .feature = RECRUIT_FEATURE,
	    .roles = ROLE_MEMBER },
	{ .name = "recruit-apply-done", .methods = M_GET,
	    .path = "/apply/done", .flags = APPLICANT, .get = page_apply_done,
	    .feature = RECRUIT_FEATURE, .roles = ROLE_MEMBER },
	{ .name = "recruit-apply-cancel", .methods = M_GET | M_POST,
	    .path = "/apply/cancel", .flags = APPLICANT,
	    .get = page_apply_cancel_get,
	    .post = page_apply_cancel_post,
	    .feature = RECRUIT_FEATURE,
	    .roles = ROLE_MEMBER },
	{ .name = "recruit-apply-decline", .methods = M_GET | M_POST,
	    .path = "/apply/decline", .flags = APPLICANT,
	    .get = page_apply_decline_get,
	    .post = page_apply_decline_post,
	    .feature = RECRUIT_FEATURE,
	    .roles = ROLE_MEMBER },
	{ .name = NULL },
};

/* ---- forms ------------------------------------------------------------- */

/* Why カリキュラム制 (codes; labels recruit.reason.<code>). */
static const char *const reason_codes[] = { "obligation", "childcare",
    "nursing", "illness", "abroad", "research", "other_domain", "other",
    NULL };
/* 修了・修了見込・中途辞退・中断 (labels recruit.prior.<code>). */
static const char *const prior_codes[] = { "completed", "expected",
    "withdrawn", "suspended", NULL };

static const struct field curriculum_fields[] = {
	{ "reason", F_SELECT, 1, 0, "recruit.field.reason", reason_codes },
	{ "detail", F_TEXTAREA, 1, 1000, "recruit.field.detail", NULL },
	{ "prior_domain", F_SELECT, 0, 0, "recruit.field.prior-domain",
	    jp_domain_codes },
	{ "prior_status", F_RADIO, 0, 0, "recruit.field.prior-status",
	    prior_codes },
	{ "prior_ym", F_TEXT, 0, 7, "recruit.field.prior-ym", NULL },
};
#define PRIOR_FIRST	2	/* the prior-training fields start here */

static const struct field decline_fields[] = {
	{ "reason", F_TEXTAREA, 1, 1000, "recruit.field.decline-reason",
	    NULL },
	{ "contacted", F_CHECKBOX, 1, 0, "recruit.field.contacted", NULL },
};
#define NF(a)	(sizeof(a) / sizeof((a)[0]))

/* Flash messages after a redirect to /dashboard?done=WHAT. */
static const struct {
	const char	*done;
	const char	*key;
} done_msgs[] = {
	{ "cancelled", "recruit.msg.cancelled" },
	{ "declined", "recruit.msg.declined" },
};

/* ---- time and rounds ---------------------------------------------------- */

/* Times compare as strings: "YYYY-MM-DD HH:MM:SS" sorts in time order. */
static int
before(const char *now, const char *t)
{
	return strcmp(now, t) < 0;
}

int
rround_applying(const struct rround *r, const char *now)
{
	return !before(now, r->apply_open) && before(now, r->apply_close);
}

int
rround_adjusting(const struct rround *r, const char *now)
{
	return !before(now, r->adjust_open) && before(now, r->adjust_close);
}

int
rround_notified(const struct rround *r, const char *now)
{
	return !before(now, r->notify_at);
}

/* Declines end with the confirmation period, or when training starts. */
void
rround_decline_until(const struct rround *r, char *out, size_t len)
{
	if (r->confirm_close[0] != '\0')
		snprintf(out, len, "%s", r->confirm_close);
	else
		snprintf(out, len, "%04d-04-01 00:00:00", r->year);
}

int
rround_declinable(const struct rround *r, const char *now)
{
	char	 until[CLOCK_SQL_LEN];

	rround_decline_until(r, until, sizeof(until));
	return rround_notified(r, now) && (r->confirm_open[0] == '\0' ||
	    !before(now, r->confirm_open)) && before(now, until);
}

enum rphase
rround_phase(const struct rround *r, const char *now)
{
	char	 until[CLOCK_SQL_LEN];

	rround_decline_until(r, until, sizeof(until));
	if (before(now, r->apply_open))
		return RP_BEFORE;
	if (before(now, r->apply_close))
		return RP_APPLY;
	if (before(now, r->adjust_open))
		return RP_CLOSED;
	if (before(now, r->adjust_close))
		return RP_ADJUST;
	if (before(now, r->notify_at))
		return RP_WAIT;
	if (before(now, until))
		return RP_NOTIFIED;
	return RP_OVER;
}

const char *
rphase_name(enum rphase p)
{
	static const char *const names[] = { "before", "apply", "closed",
	    "adjust", "wait", "notified", "over" };

	return names[p];
}

/* <round id year track kind phase apply-open …/>: the schedule's row. */
xmlNodePtr
rround_model(xmlNodePtr parent, const struct rround *r, const char *now)
{
	xmlNodePtr	 n;
	char		 until[CLOCK_SQL_LEN];

	n = model_node(parent, "round");
	model_attrf(n, "id", "%lld", r->id);
	model_attrf(n, "year", "%d", r->year);
	model_attr(n, "track", r->track);
	model_attr(n, "kind", r->kind);
	model_attr(n, "phase", rphase_name(rround_phase(r, now)));
	model_attr(n, "apply-open", r->apply_open);
	model_attr(n, "apply-close", r->apply_close);
	model_attr(n, "adjust-open", r->adjust_open);
	model_attr(n, "adjust-close", r->adjust_close);
	model_attr(n, "notify-at", r->notify_at);
	if (r->confirm_open[0] != '\0')
		model_attr(n, "confirm-open", r->confirm_open);
	if (r->confirm_close[0] != '\0')
		model_attr(n, "confirm-close", r->confirm_close);
	rround_decline_until(r, until, sizeof(until));
	model_attr(n, "decline-until", until);
	return n;
}

/*
 * What the applicant may see of an application now (BRD-7): a decision
 * stays 応募中 (applied) until the notification time; after it, an
 * application nobody decided is "undecided".
 */
const char *
app_visible_state(const char *state, const struct rround *r,
    const char *now)
{
	if (strcmp(state, "cancelled") == 0 || strcmp(state, "declined") == 0)
		return state;
	if (!rround_notified(r, now))
		return "applied";
	if (strcmp(state, "applied") == 0)
		return "undecided";
	return state;
}

/*
 * Every round of the tenant, newest year first: the worker's copy
 * (refcache.h; the rounds' triggers bump the version), never freed by
 * the caller.  NULL on error.
 */
const struct dbres *
recruit_rounds(struct ctx *c)
{
	return refcache_get(c, "recruit.rounds", dbq_rounds);
}

/*
 * The rounds for the tenant admin's 12-month table (struct feature's
 * schedule, issue 14): one row per round, its application and
 * adjustment periods as spans, read-only there; each round is edited
 * at /admin/rounds/<id> by recruit's own rules.  From the worker's
 * copy of the rounds: no statement.  0, -1.
 */
int
recruit_calendar(struct ctx *c, xmlNodePtr parent)
{
	const struct dbres	*r;
	struct rround		 rr;
	xmlNodePtr		 row, sp;
	char			 title[160];
	size_t			 i;

	if ((r = recruit_rounds(c)) == NULL)
		return -1;
	for (i = 0; i < r->nrows; i++) {
		if (dbq_round_row(r, i, &rr) == -1)
			return -1;
		round_title(c, &rr, title, sizeof(title));
		row = model_node(parent, "row");
		model_attr(row, "feature", RECRUIT_FEATURE);
		model_attr(row, "title", title);
		model_attrf(row, "href", "/admin/rounds/%lld", rr.id);
		sp = model_node(row, "span");
		model_attr(sp, "open", rr.apply_open);
		model_attr(sp, "close", rr.apply_close);
		model_attr(sp, "label", "calendar.recruit.apply");
		sp = model_node(row, "span");
		model_attr(sp, "open", rr.adjust_open);
		model_attr(sp, "close", rr.adjust_close);
		model_attr(sp, "label", "calendar.recruit.adjust");
	}
	return 0;
}

/* Every round of the tenant; *year the latest recruitment year.  0, -1. */
static int
rounds_load(struct ctx *c, const struct dbres **out, int *year)
{
	const struct dbres	*r;
	struct rround		 rr;
	size_t			 i;

	*year = 0;
	if ((r = recruit_rounds(c)) == NULL)
		return -1;
	for (i = 0; i < r->nrows; i++)
		if (dbq_round_row(r, i, &rr) == 0 && rr.year > *year)
			*year = rr.year;
	*out = r;
	return 0;
}

/*
 * <schedule year now> with the rounds of a recruitment year (0: the
 * latest) under parent, research course first (it recruits earlier).
 * Returns the year shown, 0 when there is no round, -1 on error.
 */
int
recruit_schedule_model(struct ctx *c, xmlNodePtr parent, int year)
{
	const struct dbres	*r;
	struct rround		 rr;
	xmlNodePtr		 s;
	char			 now[CLOCK_SQL_LEN];
	size_t			 i;
	int			 latest;

	if (rounds_load(c, &r, &latest) == -1)
		return -1;
	if (year == 0)
		year = latest;
	clock_now_sql(now, sizeof(now));
	s = model_node(parent, "schedule");
	model_attrf(s, "year", "%d", year);
	model_attr(s, "now", now);
	for (i = 0; i < r->nrows; i++)
		if (dbq_round_row(r, i, &rr) == 0 && rr.year == year)
			rround_model(s, &rr, now);
	return year;
}

/*
 * The round of `track` whose application period holds `now` (the
 * latest opened), from the cached rounds: 1 found, 0 none, -1 error.
 */
static int
round_applying(struct ctx *c, const char *track, const char *now,
    struct rround *out)
{
	const struct dbres	*r;
	struct rround		 rr;
	size_t			 i;
	int			 found = 0;

	if ((r = recruit_rounds(c)) == NULL)
		return -1;
	for (i = 0; i < r->nrows; i++) {
		if (dbq_round_row(r, i, &rr) == -1 ||
		    strcmp(rr.track, track) != 0 || !rround_applying(&rr, now))
			continue;
		if (!found || strcmp(rr.apply_open, out->apply_open) > 0)
			*out = rr;
		found = 1;
	}
	return found;
}

/* Round `id` from the cached rounds: 0, -1 when there is none. */
static int
round_by_id(const struct dbres *r, long long id, struct rround *out)
{
	size_t	 i;

	for (i = 0; i < r->nrows; i++)
		if (dbq_round_row(r, i, out) == 0 && out->id == id)
			return 0;
	return -1;
}

/* ---- may this member apply? (CORE-18) ----------------------------------- */

struct apply_state {
	int		 has_round;	/* a round of the track is open */
	struct rround	 round;
	const char	*why;		/* NULL: may apply; else a message key */
	long long	 live_id;	/* the live application in the round */
};

/*
 * Whether the signed-in member may apply in `track` now, and if not,
 * why: no application period open, 申請済み in this round, accepted in
 * this year, or another round's results still pending.  0, -1 on error.
 */
static int
apply_check(struct ctx *c, const char *track, const char *now,
    struct apply_state *st)
{
	const struct dbres	*r;
	struct rround		 other;
	const char		*p;
	char			 state[16];
	long long		 id, round;
	int			 k, block;

	memset(st, 0, sizeof(*st));
	if ((k = round_applying(c, track, now, &st->round)) == -1)
		return -1;
	if (k == 0) {
		st->why = "recruit.why.closed";
		return 0;
	}
	st->has_round = 1;
	if ((r = recruit_rounds(c)) == NULL)
		return -1;
	/*
	 * The member's live (applied, accepted) applications came with the
	 * session (RECRUIT_SESSION_SQL: "id:round:state,…"): one in this
	 * round is 申請済み; BRD-9, one in another round of the year
	 * accepted and notified means never again this year, one not yet
	 * notified means results pending.
	 */
	block = 0;
	for (p = session_feature(c, RECRUIT_FEATURE); p != NULL &&
	    *p != '\0' && *p != '|';
	    p += strcspn(p, ",|") + (p[strcspn(p, ",|")] == ',')) {
		if (sscanf(p, "%lld:%lld:%15[a-z]", &id, &round, state) != 3)
			continue;
		if (round == st->round.id) {
			st->why = "recruit.why.applied";
			st->live_id = id;
			return 0;
		}
		if (round_by_id(r, round, &other) == -1 ||
		    other.year != st->round.year)
			continue;
		if (!rround_notified(&other, now)) {
			if (block < 1)
				block = 1;
		} else if (strcmp(state, "accepted") == 0)
			block = 2;
	}
	if (block == 2)
		st->why = "recruit.why.accepted";
	else if (block == 1)
		st->why = "recruit.why.pending";
	return 0;
}

/*
 * CORE-18 in the fixed menu: beside 「研修プログラムに応募する」, until
 * when the application period is open, or why applying is not
 * possible now (申請済みです。, 応募期間外…).
 */
static void
apply_menu_note(struct ctx *c, xmlNodePtr item)
{
	struct apply_state	 st;
	xmlNodePtr		 n;
	time_t			 t;
	char			 now[CLOCK_SQL_LEN], until[64];

	clock_now_sql(now, sizeof(now));
	if (apply_check(c, "regular", now, &st) == -1)
		return;
	n = model_node(item, "note");
	if (st.why != NULL) {
		model_attr(n, "key", st.why);
		return;
	}
	model_attr(n, "key", "recruit.menu.open-until");
	if (jst_parse(st.round.apply_close, &t) == 0) {
		jst_format(t, until, sizeof(until));
		model_attr(n, "arg", until);
	}
}

/* <apply-status track can why live-id><round …/></apply-status> */
static xmlNodePtr
apply_status_model(xmlNodePtr parent, const char *track,
    const struct apply_state *st, const char *now)
{
	xmlNodePtr	 n;

	n = model_node(parent, "apply-status");
	model_attr(n, "track", track);
	model_attr(n, "can", st->why == NULL ? "1" : "0");
	if (st->why != NULL)
		model_attr(n, "why", st->why);
	if (st->live_id > 0)
		model_attrf(n, "live-id", "%lld", st->live_id);
	if (st->has_round)
		rround_model(n, &st->round, now);
	return n;
}

/* The status of both tracks, for the flow's pages.  0, -1 on error. */
static int
apply_status_all(struct ctx *c, xmlNodePtr parent, const char *now)
{
	static const char *const tracks[] = { "regular", "research" };
	struct apply_state	 st;
	size_t			 i;

	for (i = 0; i < NF(tracks); i++) {
		if (apply_check(c, tracks[i], now, &st) == -1)
			return -1;
		/* The research course shows only while it recruits. */
		if (i > 0 && !st.has_round)
			continue;
		apply_status_model(parent, tracks[i], &st, now);
	}
	return 0;
}

/* ---- small helpers ------------------------------------------------------ */

void
recruit_error(struct ctx *c, const char *key)
{
	xmlNodePtr	 e;

	e = model_node(model_node(xmlDocGetRootElement(c->model), "errors"),
	    "error");
	model_attr(e, "key", key);
}

static void
flow_step(struct ctx *c, const char *step)
{
	model_attr(model_node(c->content, "flow"), "step", step);
}

/* "2026年11月1日 12:00" of a DATETIME, for mails. */
static void
ja_time(const char *sql, char *out, size_t len)
{
	time_t	 t;

	if (jst_parse(sql, &t) == 0)
		jst_format(t, out, len);
	else
		snprintf(out, len, "%s", sql != NULL ? sql : "");
}

/* 「2027年度専攻医募集 1次募集」: a round's name in mails (Japanese). */
void
round_title(struct ctx *c, const struct rround *r, char *out, size_t len)
{
	const char	*kind;

	(void)c;
	if (strcmp(r->track, "research") == 0) {
		snprintf(out, len, "%d年度 臨床研究医コース専攻医募集", r->year);
		return;
	}
	kind = strcmp(r->kind, "first") == 0 ? "1次募集" :
	    strcmp(r->kind, "second") == 0 ? "2次募集" : "最終調整";
	snprintf(out, len, "%d年度専攻医募集 %s", r->year, kind);
}

/*
 * Queue one of the recruit_* mails to rcpt inside the caller's
 * transaction (CORE-14).  >0 queued, <0 error.
 */
int
recruit_mail(struct ctx *c, const char *tmpl, const char *rcpt,
    const char *const *vars)
{
	char	 base[300];

	base_url(c, base, sizeof(base));
	return mail_queue(c->app->db, c->tenant, c->app->cfg->datadir, base,
	    tmpl, rcpt, vars);
}

/* The choice of training system as model (研修制度の選択). */
static void
choice_model(struct ctx *c, xmlNodePtr parent, const struct app_choice *ch)
{
	const struct jp_item	*d;
	xmlNodePtr		 n;

	n = model_node(parent, "choice");
	model_attr(n, "system", ch->system);
	if (ch->reason[0] != '\0')
		model_attr(n, "reason", ch->reason);
	if (ch->prior_domain[0] != '\0' &&
	    (d = jp_find(jp_domains, ch->prior_domain)) != NULL) {
		model_attr(n, "prior-domain", ch->prior_domain);
		model_attr(n, "prior-domain-name",
		    strcmp(c->lang, "en") == 0 ? d->en : d->ja);
	}
	if (ch->prior_status[0] != '\0')
		model_attr(n, "prior-status", ch->prior_status);
	if (ch->prior_ym[0] != '\0')
		model_attr(n, "prior-ym", ch->prior_ym);
	if (ch->detail != NULL)
		model_text(n, "detail", ch->detail);
}

/*
 * The member's own application id, read into *ap, or NULL (404); the
 * result returned holds ap's strings.
 */
static struct dbres *
own_app(struct ctx *c, long long id, struct app_row *ap)
{
	struct dbres	*r;

	if (id <= 0 || (r = dbq_app_get(c->app->db, c->tenant->slug,
	    id)) == NULL)
		return NULL;
	if (r->nrows == 0 || dbq_app_row(r, 0, ap) == -1 ||
	    strcmp(ap->uid, c->sess.uid) != 0) {
		dbres_free(r);
		return NULL;
	}
	return r;
}

/* <application id state …><round/><program …/></application> */
static int
app_model(struct ctx *c, xmlNodePtr parent, const struct app_row *ap,
    const char *now)
{
	const struct rround	*rr = &ap->round;
	xmlNodePtr		 a;
	const char		*state = ap->state;
	const char		*vis = app_visible_state(state, rr, now);

	a = model_node(parent, "application");
	model_attr(a, "id", ap->id);
	model_attr(a, "state", vis);
	model_attr(a, "system", ap->system);
	model_attr(a, "created", ap->created);
	if (strcmp(vis, "applied") == 0) {
		if (strcmp(state, "applied") == 0 && rround_applying(rr, now))
			model_attr(a, "can-cancel", "1");
		else
			model_attr(a, "why-cancel", "recruit.why.cancel-closed");
	}
	if (strcmp(vis, "accepted") == 0) {
		if (rround_declinable(rr, now))
			model_attr(a, "can-decline", "1");
		else
			model_attr(a, "why-decline",
			    "recruit.why.decline-closed");
	}
	if (strcmp(vis, "cancelled") == 0)
		model_attr(a, "cancelled", ap->cancelled);
	if (strcmp(vis, "declined") == 0)
		model_attr(a, "declined", ap->declined);
	rround_model(a, rr, now);
	/* Catalogue data, the same for everyone: the worker's copy. */
	return refcache_node(c, "recruit.program", atoll(ap->program_id),
	    program_detail_model, a);
}

/* ---- 現在の状況 (BRD-10) ------------------------------------------------- */

/*
 * Recruitment's part of the platform's 現在の状況 (struct feature's
 * dashboard hook, src/apply/dashboard.c): the recruitment year's
 * schedule, whether the member may apply (and why not), their
 * applications of that year (cancelled ones leave it, as the manual
 * shows) with partner facilities, instructors and the cancel or
 * decline button.  <dashboard now year> under parent; -1 error, else
 * the number of applications shown.
 */
/*
 * Has the member an application (not cancelled) in a round of year?
 * From the session's column (RECRUIT_SESSION_SQL: the live ones' rounds,
 * then after '|' the others'), so 現在の状況 reads the applications only
 * when it will show one.  1 yes or cannot tell, 0 no.
 */
static int
session_has_year(struct ctx *c, int year)
{
	const struct dbres	*r;
	struct rround		 rr;
	const char		*p, *bar;
	long long		 id, round;
	int			 rc = 1;

	if ((p = session_feature(c, RECRUIT_FEATURE)) == NULL ||
	    (bar = strchr(p, '|')) == NULL || (r = recruit_rounds(c)) == NULL)
		goto out;
	rc = 0;
	/* "id:round:state," up to the bar, then "round," to the end. */
	for (; *p != '\0' && rc == 0; p += strcspn(p, ",|") +
	    (p[strcspn(p, ",|")] != '\0')) {
		if (p < bar ? sscanf(p, "%lld:%lld:", &id, &round) != 2 :
		    sscanf(p, "%lld", &round) != 1)
			continue;
		if (round_by_id(r, round, &rr) == 0 && rr.year == year)
			rc = 1;
	}
out:
	return rc;
}

int
recruit_dashboard(struct ctx *c, xmlNodePtr parent)
{
	struct dbres	*r = NULL;
	struct app_row	 ap;
	xmlNodePtr	 d, apps;
	const char	*done = kv_str(&c->query, "done");
	char		 now[CLOCK_SQL_LEN];
	size_t		 i;
	int		 year, shown = 0, res = -1;

	clock_now_sql(now, sizeof(now));
	for (i = 0; done != NULL && i < NF(done_msgs); i++)
		if (strcmp(done, done_msgs[i].done) == 0)
			model_flash(c, done_msgs[i].key, "success");
	d = model_node(parent, "dashboard");
	model_attr(d, "now", now);
	if ((year = recruit_schedule_model(c, d, 0)) < 0)
		goto out;
	model_attrf(d, "year", "%d", year);
	if (apply_status_all(c, d, now) == -1)
		goto out;
	if (!session_has_year(c, year)) {
		model_node(d, "applications");
		res = 0;
		goto out;
	}
	if ((r = dbq_apps_of_user(c->app->db, c->tenant->slug,
	    c->sess.uid)) == NULL)
		goto out;
	apps = model_node(d, "applications");
	for (i = 0; i < r->nrows; i++) {
		if (dbq_app_row(r, i, &ap) == -1 || ap.round.year != year ||
		    strcmp(ap.state, "cancelled") == 0)
			continue;
		if (app_model(c, apps, &ap, now) < 0)
			goto out;
		shown++;
	}
	res = shown;
out:
	dbres_free(r);
	return res;
}

/* ---- the applying flow --------------------------------------------------- */

/* GET /apply: 応募に関する説明, the schedule, and whether one may apply. */
static enum result
page_apply(struct ctx *c)
{
	char	 now[CLOCK_SQL_LEN];

	clock_now_sql(now, sizeof(now));
	if (model_new(c, "recruit-apply") == -1)
		return RES_INTERNAL;
	flow_step(c, "explain");
	if (recruit_schedule_model(c, c->content, 0) < 0 ||
	    apply_status_all(c, c->content, now) == -1)
		return RES_UNAVAIL;
	return RES_OK;
}

/* Put the prior-training fields of the curriculum form in a group. */
static void
group_prior(xmlNodePtr form)
{
	xmlNodePtr	 g, f, next;
	xmlChar		*name;

	g = model_node(form, "group");
	model_attr(g, "key", "recruit.group.prior");
	for (f = form->children; f != NULL; f = next) {
		next = f->next;
		if (f == g)
			continue;
		name = xmlGetProp(f, (const xmlChar *)"name");
		if (name != NULL && strncmp((const char *)name, "prior_", 6)
		    == 0) {
			xmlUnlinkNode(f);
			xmlAddChild(g, f);
		}
		xmlFree(name);
	}
}

/*
 * The curriculum form's rules beyond each field's own: the earlier
 * training is all three fields or none, and required when the reason
 * is 他科基本領域の研修歴; the year-month is YYYY-MM.
 */
static void
curriculum_check(const struct kvlist *in, struct form_result *res)
{
	const char	*dom = kv_str(in, "prior_domain");
	const char	*st = kv_str(in, "prior_status");
	const char	*ym = kv_str(in, "prior_ym");
	const char	*reason = kv_str(in, "reason");
	int		 any, need;
	size_t		 i;

	any = (dom && *dom) || (st && *st) || (ym && *ym);
	need = any || (reason != NULL && strcmp(reason, "other_domain") == 0);
	for (i = PRIOR_FIRST; need && i < NF(curriculum_fields); i++) {
		const char *v = kv_str(in, curriculum_fields[i].name);
		/* Required here: the declared field's own message. */
		struct field f = curriculum_fields[i];
		f.required = 1;
		if (v == NULL || *v == '\0')
			form_error_add(res, f.name, form_check(&f, NULL, 0));
	}
	if (ym != NULL && *ym != '\0' && !valid_ym(ym))
		form_error_add(res, "prior_ym", "recruit.err.ym");
}

static void
choice_from_form(const struct kvlist *in, struct app_choice *ch)
{
	const char	*v;

	memset(ch, 0, sizeof(*ch));
	snprintf(ch->system, sizeof(ch->system), "curriculum");
	if ((v = kv_str(in, "reason")) != NULL)
		snprintf(ch->reason, sizeof(ch->reason), "%s", v);
	if ((v = kv_str(in, "detail")) != NULL)
		ch->detail = strdup(v);
	if ((v = kv_str(in, "prior_domain")) != NULL)
		snprintf(ch->prior_domain, sizeof(ch->prior_domain), "%s", v);
	if ((v = kv_str(in, "prior_status")) != NULL)
		snprintf(ch->prior_status, sizeof(ch->prior_status), "%s", v);
	if ((v = kv_str(in, "prior_ym")) != NULL)
		snprintf(ch->prior_ym, sizeof(ch->prior_ym), "%s", v);
}

/* The draft as form values, to show what was saved. */
static void
choice_to_kv(const struct app_choice *ch, struct kvlist *kv)
{
	const char *const pairs[][2] = {
		{ "reason", ch->reason }, { "detail", ch->detail },
		{ "prior_domain", ch->prior_domain },
		{ "prior_status", ch->prior_status },
		{ "prior_ym", ch->prior_ym },
	};
	size_t	 i;

	for (i = 0; i < NF(pairs); i++)
		if (pairs[i][1] != NULL && *pairs[i][1] != '\0')
			kv_add(kv, pairs[i][0], strlen(pairs[i][0]),
			    pairs[i][1], strlen(pairs[i][1]));
}

/*
 * GET|POST /apply/system: 研修制度の選択.  プログラム制 is one button;
 * カリキュラム制 asks the reason, the detailed reason and, for those with
 * earlier basic-domain training, its domain, status and year-month.
 * The choice is saved server-side (CORE-12) and the flow goes on to the
 * search.
 */
static enum result
show_system(struct ctx *c, struct app_choice *ch, const struct kvlist *vals,
    const struct form_result *rp, const char *now)
{
	struct kvlist		 saved = { NULL, 0, 0 };
	xmlNodePtr		 root, f, sc;
	const char		*mode;
	enum result		 rc = RES_INTERNAL;

	mode = rp != NULL || strcmp(ch->system, "curriculum") == 0 ||
	    (kv_str(&c->query, "system") != NULL &&
	    strcmp(kv_str(&c->query, "system"), "curriculum") == 0) ?
	    "curriculum" : "choose";
	if (model_new(c, "recruit-apply-system") == -1)
		goto out;
	root = xmlDocGetRootElement(c->model);
	flow_step(c, "system");
	if (apply_status_all(c, c->content, now) == -1) {
		rc = RES_UNAVAIL;
		goto out;
	}
	sc = model_node(c->content, "system-choice");
	model_attr(sc, "mode", mode);
	if (ch->system[0] != '\0')
		model_attr(sc, "saved", ch->system);
	/* プログラム制: a one-button form. */
	f = model_node(root, "form");
	model_attr(f, "id", "system-program");
	model_attr(f, "action", "/apply/system");
	model_attr(f, "method", "post");
	model_attr(f, "csrf", c->sess.csrf);
	model_attr(f, "submit-key", "recruit.btn.choose-program");
	form_hidden(f, "system", "program");
	if (strcmp(mode, "curriculum") == 0) {
		if (vals == NULL) {
			choice_to_kv(ch, &saved);
			vals = &saved;
		}
		f = form_model(root, "system-curriculum", "/apply/system",
		    curriculum_fields, NF(curriculum_fields), vals, rp);
		model_attr(f, "csrf", c->sess.csrf);
		model_attr(f, "submit-key", "recruit.btn.to-search");
		form_options_label(f, "reason", "recruit.reason.", NULL,
		    ctx_en(c));
		form_options_label(f, "prior_status", "recruit.prior.",
		    NULL, ctx_en(c));
		form_options_label(f, "prior_domain", NULL, jp_domains,
		    ctx_en(c));
		group_prior(f);
		form_hidden(f, "system", "curriculum");
	}
	rc = RES_OK;
out:
	kv_free(&saved);
	return rc;
}

static enum result
page_apply_system_get(struct ctx *c)
{
	struct app_choice	 ch;
	char			 now[CLOCK_SQL_LEN];
	enum result		 rc = RES_UNAVAIL;

	memset(&ch, 0, sizeof(ch));
	clock_now_sql(now, sizeof(now));
	if (dbq_recruit_draft_get(c->app->db, c->tenant->slug, c->sess.uid,
	    &ch) >= 0)
		rc = show_system(c, &ch, NULL, NULL, now);
	app_choice_free(&ch);
	return rc;
}

static enum result
page_apply_system_post(struct ctx *c)
{
	struct app_choice	 ch;
	struct form_result	 res;
	const char		*sys = kv_str(&c->form, "system");
	char			 now[CLOCK_SQL_LEN];
	int			 k;

	memset(&ch, 0, sizeof(ch));
	clock_now_sql(now, sizeof(now));
	if (sys != NULL && strcmp(sys, "program") == 0) {
		snprintf(ch.system, sizeof(ch.system), "program");
	} else if (sys != NULL && strcmp(sys, "curriculum") == 0) {
		form_validate(curriculum_fields, NF(curriculum_fields),
		    &c->form, &res);
		curriculum_check(&c->form, &res);
		if (res.nerr > 0)
			return show_system(c, &ch, &c->form, &res, now);
		choice_from_form(&c->form, &ch);
	} else
		return RES_BADREQ;
	k = dbq_recruit_draft_put(c->app->db, c->tenant->slug, c->sess.uid,
	    &ch, now);
	app_choice_free(&ch);
	if (k < 0)
		return RES_UNAVAIL;
	snprintf(c->location, sizeof(c->location), "/apply/search");
	return RES_REDIRECT;
}

/*
 * The saved choice of training system, or a redirect to choose one: the
 * flow's later steps need it.  1 loaded, 0 redirected, -1 error.
 */
static int
need_choice(struct ctx *c, struct app_choice *ch)
{
	int	 k;

	if ((k = dbq_recruit_draft_get(c->app->db, c->tenant->slug, c->sess.uid,
	    ch)) <= 0) {
		if (k == 0)
			snprintf(c->location, sizeof(c->location),
			    "/apply/system");
		return k;
	}
	return 1;
}

/* GET /apply/search: プログラム検索 within the flow. */
static enum result
page_apply_search(struct ctx *c)
{
	struct app_choice	 ch;
	char			 now[CLOCK_SQL_LEN];
	enum result		 rc = RES_UNAVAIL;
	int			 k;

	clock_now_sql(now, sizeof(now));
	if ((k = need_choice(c, &ch)) <= 0)
		return k == 0 ? RES_REDIRECT : RES_UNAVAIL;
	if (model_new(c, "recruit-apply-search") == -1) {
		rc = RES_INTERNAL;
		goto out;
	}
	flow_step(c, "search");
	choice_model(c, c->content, &ch);
	if (apply_status_all(c, c->content, now) == -1 ||
	    program_search_model(c, c->content, 1) == -1)
		goto out;
	rc = RES_OK;
out:
	app_choice_free(&ch);
	return rc;
}

/*
 * The program's track from a detail model just built (the <program>
 * element's track attribute), for the window of its own recruitment.
 */
static const char *
program_track(xmlNodePtr parent)
{
	xmlNodePtr	 n;

	for (n = parent->children; n != NULL; n = n->next)
		if (xmlStrEqual(n->name, (const xmlChar *)"program")) {
			xmlChar *t = xmlGetProp(n, (const xmlChar *)"track");
			int research = t != NULL &&
			    xmlStrEqual(t, (const xmlChar *)"research");
			xmlFree(t);
			return research ? "research" : "regular";
		}
	return "regular";
}

/*
 * The detail of program `id` and whether the member may apply to it now
 * (apply-status for its track).  RES_OK, RES_NOTFOUND, RES_UNAVAIL.
 */
static enum result
program_with_status(struct ctx *c, long long id, const char *now,
    struct apply_state *st)
{
	int	 k;

	if ((k = program_detail_model(c, c->content, id)) < 0)
		return RES_UNAVAIL;
	if (k == 0)
		return RES_NOTFOUND;
	if (apply_check(c, program_track(c->content), now, st) == -1)
		return RES_UNAVAIL;
	apply_status_model(c->content, program_track(c->content), st, now);
	return RES_OK;
}

/* GET /apply/programs/<id>: プログラム詳細 with 応募する. */
static enum result
page_apply_program(struct ctx *c)
{
	struct apply_state	 st;
	char			 now[CLOCK_SQL_LEN];
	long long		 id;

	clock_now_sql(now, sizeof(now));
	if ((id = recruit_path_id(c->path, "/apply/programs/", NULL)) <= 0)
		return RES_NOTFOUND;
	if (model_new(c, "recruit-apply-program") == -1)
		return RES_INTERNAL;
	flow_step(c, "detail");
	search_back_model(c, c->content, 1);
	return program_with_status(c, id, now, &st);
}

/*
 * Queue 「応募を受け付けました」 to the applicant: >0 queued, 0 nobody to
 * send it to (no address in the directory), <0 error.
 */
static int
applied_mail(struct ctx *c, const struct rround *rr, const char *pcode,
    const char *pname, const char *when)
{
	struct dir_user	 u;
	const char	*vars[13];
	char		 title[120], at[64], url[400], base[300];
	int		 k;

	if ((k = dir_get_uid(c->app->dir, c->tenant, c->sess.uid, &u)) <= 0)
		return k;
	if (u.mail[0] == '\0')
		return 0;
	round_title(c, rr, title, sizeof(title));
	ja_time(when, at, sizeof(at));
	base_url(c, base, sizeof(base));
	snprintf(url, sizeof(url), "%s/dashboard", base);
	vars[0] = "name"; vars[1] = u.name[0] ? u.name : c->sess.name;
	vars[2] = "round"; vars[3] = title;
	vars[4] = "program_code"; vars[5] = pcode;
	vars[6] = "program_name"; vars[7] = pname;
	vars[8] = "applied_at"; vars[9] = at;
	vars[10] = "dashboard_url"; vars[11] = url;
	vars[12] = NULL;
	return recruit_mail(c, "recruit_applied", u.mail, vars);
}

/*
 * POST /apply/confirm: 応募する.  One transaction: the application (only
 * in the window, only one live per round), its mail and its audit line.
 * A second submission — double click, another tab — meets the unique
 * key and is shown the first (CORE-19).
 */
static enum result
apply_submit(struct ctx *c, long long pid, struct app_choice *ch,
    const char *now, struct apply_state *st)
{
	struct dbres		*r = NULL, *live = NULL;
	struct program_row	 p;
	struct app_row		 la;
	char			 obj[48];
	long long		 id;
	enum result		 rc = RES_UNAVAIL;

	if ((r = dbq_program_get(c->app->db, c->tenant->slug, pid)) == NULL)
		goto out;
	if (r->nrows == 0) {
		rc = RES_NOTFOUND;
		goto out;
	}
	dbq_program_row(r, 0, &p);
	if (db_begin(c->app->db) < 0)
		goto out;
	id = dbq_app_insert(c->app->db, c->tenant->slug, st->round.id,
	    st->round.track, c->sess.uid, pid, ch, now);
	if (id == DB_DUP) {
		db_rollback(c->app->db);
		live = dbq_app_live(c->app->db, c->tenant->slug, st->round.id,
		    c->sess.uid);
		if (live == NULL || live->nrows == 0 ||
		    dbq_app_row(live, 0, &la) == -1)
			goto out;
		snprintf(c->location, sizeof(c->location),
		    "/apply/done?id=%s&dup=1", la.id);
		rc = RES_REDIRECT;
		goto out;
	}
	if (id <= 0) {
		db_rollback(c->app->db);
		if (id == 0) {
			/* The period closed between the page and the click. */
			st->why = "recruit.why.closed";
			rc = RES_OK;
		}
		goto out;
	}
	snprintf(obj, sizeof(obj), "application:%lld", id);
	if (applied_mail(c, &st->round, p.code, p.name, now) < 0 ||
	    audit_log(c->app->db, c->tenant->slug, c->sess.uid,
	    "recruit.apply", obj, c->remote, p.code) < 0 ||
	    db_commit(c->app->db) < 0) {
		db_rollback(c->app->db);
		goto out;
	}
	snprintf(c->location, sizeof(c->location), "/apply/done?id=%lld", id);
	rc = RES_REDIRECT;
out:
	dbres_free(r);
	dbres_free(live);
	return rc;
}

/*
 * /apply/confirm?program=<id>: 応募確認 — the program and the chosen
 * training system, then 「このプログラムに応募する」.  What both methods
 * draw first: RES_OK with ch loaded and st the program's status, else
 * the answer (ch freed).
 */
static enum result
confirm_begin(struct ctx *c, long long pid, struct app_choice *ch,
    const char *now, struct apply_state *st)
{
	enum result		 rc = RES_INTERNAL;
	int			 k;

	if (pid <= 0)
		return RES_NOTFOUND;
	if ((k = need_choice(c, ch)) <= 0)
		return k == 0 ? RES_REDIRECT : RES_UNAVAIL;
	if (model_new(c, "recruit-apply-confirm") == -1)
		goto out;
	flow_step(c, "confirm");
	rc = program_with_status(c, pid, now, st);
out:
	if (rc != RES_OK)
		app_choice_free(ch);
	return rc;
}

/* The chosen system, and the button unless st says why not. */
static void
confirm_form(struct ctx *c, const struct app_choice *ch,
    const struct apply_state *st, long long pid)
{
	xmlNodePtr		 f;
	char			 idbuf[24];

	choice_model(c, c->content, ch);
	if (st->why != NULL)
		return;
	f = model_node(xmlDocGetRootElement(c->model), "form");
	model_attr(f, "id", "apply");
	model_attr(f, "action", "/apply/confirm");
	model_attr(f, "method", "post");
	model_attr(f, "csrf", c->sess.csrf);
	model_attr(f, "submit-key", "recruit.btn.apply-this");
	snprintf(idbuf, sizeof(idbuf), "%lld", pid);
	form_hidden(f, "program", idbuf);
}

static enum result
page_apply_confirm_get(struct ctx *c)
{
	struct app_choice	 ch;
	struct apply_state	 st;
	char			 now[CLOCK_SQL_LEN];
	long long		 pid;
	enum result		 rc;

	clock_now_sql(now, sizeof(now));
	pid = form_id(&c->query, "program");
	if ((rc = confirm_begin(c, pid, &ch, now, &st)) != RES_OK)
		return rc;
	confirm_form(c, &ch, &st, pid);
	app_choice_free(&ch);
	return RES_OK;
}

static enum result
page_apply_confirm_post(struct ctx *c)
{
	struct app_choice	 ch;
	struct apply_state	 st;
	char			 now[CLOCK_SQL_LEN];
	long long		 pid;
	enum result		 rc;

	clock_now_sql(now, sizeof(now));
	pid = form_id(&c->form, "program");
	if ((rc = confirm_begin(c, pid, &ch, now, &st)) != RES_OK)
		return rc;
	if (st.why != NULL && st.live_id > 0) {
		/* 申請済み: the application that exists (CORE-19). */
		snprintf(c->location, sizeof(c->location),
		    "/apply/done?id=%lld&dup=1", st.live_id);
		rc = RES_REDIRECT;
		goto out;
	}
	if (st.why == NULL &&
	    (rc = apply_submit(c, pid, &ch, now, &st)) != RES_OK)
		goto out;
	/* Refused: the page says why, at the top. */
	recruit_error(c, st.why);
	confirm_form(c, &ch, &st, pid);
out:
	app_choice_free(&ch);
	return rc;
}

/* GET /apply/done?id=<id>[&dup=1]: 応募完了, or 申請済み for a repeat. */
static enum result
page_apply_done(struct ctx *c)
{
	struct dbres	*r;
	struct app_row	 ap;
	char		 now[CLOCK_SQL_LEN];
	const char	*dup = kv_str(&c->query, "dup");
	enum result	 rc = RES_UNAVAIL;

	clock_now_sql(now, sizeof(now));
	if ((r = own_app(c, form_id(&c->query, "id"), &ap)) == NULL)
		return RES_NOTFOUND;
	if (model_new(c, "recruit-apply-done") == -1) {
		rc = RES_INTERNAL;
		goto out;
	}
	flow_step(c, "done");
	if (dup != NULL && strcmp(dup, "1") == 0) {
		model_attr(c->content, "dup", "1");
		model_flash(c, "recruit.why.applied", "warning");
	}
	if (app_model(c, c->content, &ap, now) < 0)
		goto out;
	rc = RES_OK;
out:
	dbres_free(r);
	return rc;
}

/* Cancel and decline mails: the applicant's, with the usual variables. */
static int
app_mail(struct ctx *c, const char *tmpl, const char *rcpt,
    const char *name, const struct app_row *ap, const char *when,
    const char *reason)
{
	const char	*vars[15];
	char		 title[120], at[64], url[400], base[300];
	size_t		 n = 0;

	round_title(c, &ap->round, title, sizeof(title));
	ja_time(when, at, sizeof(at));
	base_url(c, base, sizeof(base));
	snprintf(url, sizeof(url), "%s/dashboard", base);
	vars[n++] = "name"; vars[n++] = name;
	vars[n++] = "round"; vars[n++] = title;
	vars[n++] = "program_code"; vars[n++] = ap->program_code;
	vars[n++] = "program_name"; vars[n++] = ap->program_name;
	vars[n++] = "at"; vars[n++] = at;
	vars[n++] = "dashboard_url"; vars[n++] = url;
	if (reason != NULL) {
		vars[n++] = "reason";
		vars[n++] = reason;
	}
	vars[n] = NULL;
	return recruit_mail(c, tmpl, rcpt, vars);
}

/* Why the application ap cannot be cancelled now, or NULL. */
static const char *
cancel_why(const struct app_row *ap, const char *now)
{
	if (strcmp(ap->state, "applied") == 0 &&
	    rround_applying(&ap->round, now))
		return NULL;
	return strcmp(app_visible_state(ap->state, &ap->round, now),
	    "applied") == 0 ? "recruit.why.cancel-closed" :
	    "recruit.why.cancel-state";
}

/* The application, why it cannot be cancelled, or the button. */
static enum result
show_cancel(struct ctx *c, const struct app_row *ap, long long id,
    const char *why, const char *now)
{
	xmlNodePtr	 f;
	char		 obj[24];

	if (model_new(c, "recruit-apply-cancel") == -1)
		return RES_INTERNAL;
	if (why != NULL)
		recruit_error(c, why);
	if (app_model(c, c->content, ap, now) < 0)
		return RES_UNAVAIL;
	if (why == NULL) {
		f = model_node(xmlDocGetRootElement(c->model), "form");
		model_attr(f, "id", "cancel");
		model_attr(f, "action", "/apply/cancel");
		model_attr(f, "method", "post");
		model_attr(f, "csrf", c->sess.csrf);
		model_attr(f, "submit-key", "recruit.btn.cancel");
		snprintf(obj, sizeof(obj), "%lld", id);
		form_hidden(f, "id", obj);
	}
	return RES_OK;
}

/* GET /apply/cancel?id=<id>: 応募の取消 (BRD-6). */
static enum result
page_apply_cancel_get(struct ctx *c)
{
	struct dbres	*r;
	struct app_row	 ap;
	char		 now[CLOCK_SQL_LEN];
	long long	 id;
	enum result	 rc;

	clock_now_sql(now, sizeof(now));
	id = form_id(&c->query, "id");
	if ((r = own_app(c, id, &ap)) == NULL)
		return RES_NOTFOUND;
	rc = show_cancel(c, &ap, id, cancel_why(&ap, now), now);
	dbres_free(r);
	return rc;
}

/*
 * The cancellation, its mail and audit line, in one transaction.  1
 * done, 0 refused (the round closed meanwhile), -1 error.
 */
static int
cancel_do(struct ctx *c, const struct app_row *ap, long long id,
    const char *now)
{
	struct dir_user	 u;
	char		 obj[48];
	int		 k;

	if (dir_get_uid(c->app->dir, c->tenant, c->sess.uid, &u) < 0 ||
	    db_begin(c->app->db) < 0)
		return -1;
	k = dbq_app_cancel(c->app->db, c->tenant->slug, id, c->sess.uid, now);
	snprintf(obj, sizeof(obj), "application:%lld", id);
	if (k > 0 && (u.mail[0] == '\0' || app_mail(c, "recruit_cancelled",
	    u.mail, u.name[0] ? u.name : c->sess.name, ap, now, NULL) > 0) &&
	    audit_log(c->app->db, c->tenant->slug, c->sess.uid,
	    "recruit.cancel", obj, c->remote, NULL) >= 0 &&
	    db_commit(c->app->db) > 0)
		return 1;
	db_rollback(c->app->db);
	return k < 0 ? -1 : 0;
}

static enum result
page_apply_cancel_post(struct ctx *c)
{
	struct dbres	*r;
	struct app_row	 ap;
	char		 now[CLOCK_SQL_LEN];
	const char	*why;
	long long	 id;
	int		 k;
	enum result	 rc = RES_UNAVAIL;

	clock_now_sql(now, sizeof(now));
	id = form_id(&c->form, "id");
	if ((r = own_app(c, id, &ap)) == NULL)
		return RES_NOTFOUND;
	if ((why = cancel_why(&ap, now)) == NULL) {
		if ((k = cancel_do(c, &ap, id, now)) == -1)
			goto out;
		if (k == 1) {
			snprintf(c->location, sizeof(c->location),
			    "/dashboard?done=cancelled");
			rc = RES_REDIRECT;
			goto out;
		}
		why = "recruit.why.cancel-closed";
	}
	rc = show_cancel(c, &ap, id, why, now);
out:
	dbres_free(r);
	return rc;
}

/*
 * The decline mails (BRD-8): to the applicant and to the program's
 * director.  >0, <0 error.  A program without a director, or a director
 * without an address, gets none (logged: the board should fix it).
 */
static int
decline_mails(struct ctx *c, const struct app_row *ap, const char *now,
    const char *reason)
{
	struct dbres		*p;
	struct program_row	 pr;
	struct dir_user		 u, dirx;
	char			 who[400];
	int			 rc = -1;

	if (dir_get_uid(c->app->dir, c->tenant, c->sess.uid, &u) < 0)
		return -1;
	if (u.mail[0] != '\0' && app_mail(c, "recruit_declined", u.mail,
	    u.name[0] ? u.name : c->sess.name, ap, now, reason) < 0)
		return -1;
	if ((p = dbq_program_get(c->app->db, c->tenant->slug,
	    atoll(ap->program_id))) == NULL || p->nrows == 0)
		goto out;
	dbq_program_row(p, 0, &pr);
	if (pr.director_uid == NULL || dir_get_uid(c->app->dir, c->tenant,
	    pr.director_uid, &dirx) != 1 || dirx.mail[0] == '\0') {
		log_warn("program %s: no director to tell of a decline",
		    pr.code);
		rc = 1;
		goto out;
	}
	/* The director reads who declined: name and registration number. */
	snprintf(who, sizeof(who), "%s（%s）", u.name[0] ? u.name :
	    c->sess.name, u.number);
	rc = app_mail(c, "recruit_declined_director", dirx.mail, who, ap, now,
	    reason) < 0 ? -1 : 1;
out:
	dbres_free(p);
	return rc;
}

/* Why the application ap cannot be declined now, or NULL. */
static const char *
decline_why(const struct app_row *ap, const char *now)
{
	if (strcmp(app_visible_state(ap->state, &ap->round, now),
	    "accepted") != 0)
		return "recruit.why.decline-state";
	if (!rround_declinable(&ap->round, now))
		return "recruit.why.decline-closed";
	return NULL;
}

/* The application, why it cannot be declined, or the form (rp). */
static enum result
show_decline(struct ctx *c, const struct app_row *ap, long long id,
    const char *why, const struct form_result *rp, const char *now)
{
	xmlNodePtr	 f;
	char		 obj[24];

	if (model_new(c, "recruit-apply-decline") == -1)
		return RES_INTERNAL;
	if (why != NULL)
		recruit_error(c, why);
	if (app_model(c, c->content, ap, now) < 0)
		return RES_UNAVAIL;
	if (why == NULL) {
		f = form_model(xmlDocGetRootElement(c->model), "decline",
		    "/apply/decline", decline_fields, NF(decline_fields),
		    rp != NULL ? &c->form : NULL, rp);
		model_attr(f, "csrf", c->sess.csrf);
		model_attr(f, "submit-key", "recruit.btn.decline");
		snprintf(obj, sizeof(obj), "%lld", id);
		form_hidden(f, "id", obj);
	}
	return RES_OK;
}

/*
 * GET /apply/decline?id=<id>: 採用を辞退する (BRD-8) — the reason
 * (必須) and 「プログラム統括責任者に連絡済み」 (必須), then 辞退する.
 */
static enum result
page_apply_decline_get(struct ctx *c)
{
	struct dbres		*r;
	struct app_row		 ap;
	char			 now[CLOCK_SQL_LEN];
	long long		 id;
	enum result		 rc;

	clock_now_sql(now, sizeof(now));
	id = form_id(&c->query, "id");
	if ((r = own_app(c, id, &ap)) == NULL)
		return RES_NOTFOUND;
	rc = show_decline(c, &ap, id, decline_why(&ap, now), NULL, now);
	dbres_free(r);
	return rc;
}

/* The decline, its mails and audit line: 1 done, 0 refused, -1 error. */
static int
decline_do(struct ctx *c, const struct app_row *ap, long long id,
    const char *now)
{
	char		 obj[48];
	int		 k;

	if (db_begin(c->app->db) < 0)
		return -1;
	k = dbq_app_decline(c->app->db, c->tenant->slug, id, c->sess.uid,
	    kv_str(&c->form, "reason"), now);
	snprintf(obj, sizeof(obj), "application:%lld", id);
	if (k > 0 && decline_mails(c, ap, now,
	    kv_str(&c->form, "reason")) > 0 &&
	    audit_log(c->app->db, c->tenant->slug, c->sess.uid,
	    "recruit.decline", obj, c->remote, NULL) >= 0 &&
	    db_commit(c->app->db) > 0)
		return 1;
	db_rollback(c->app->db);
	return k < 0 ? -1 : 0;
}

static enum result
page_apply_decline_post(struct ctx *c)
{
	struct dbres		*r;
	struct app_row		 ap;
	struct form_result	 res, *rp = NULL;
	char			 now[CLOCK_SQL_LEN];
	const char		*why;
	long long		 id;
	int			 k;
	enum result		 rc = RES_UNAVAIL;

	clock_now_sql(now, sizeof(now));
	id = form_id(&c->form, "id");
	if ((r = own_app(c, id, &ap)) == NULL)
		return RES_NOTFOUND;
	if ((why = decline_why(&ap, now)) == NULL) {
		if (form_validate(decline_fields, NF(decline_fields), &c->form,
		    &res) == -1)
			rp = &res;
		else if ((k = decline_do(c, &ap, id, now)) == -1)
			goto out;
		else if (k == 1) {
			snprintf(c->location, sizeof(c->location),
			    "/dashboard?done=declined");
			rc = RES_REDIRECT;
			goto out;
		} else
			why = "recruit.why.decline-closed";
	}
	rc = show_decline(c, &ap, id, why, rp, now);
out:
	dbres_free(r);
	return rc;
}
