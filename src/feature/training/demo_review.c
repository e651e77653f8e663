/*
 * demo_review.c — the review chain's part of the board's demo (issue 9,
 * BRD-11): society reviewers and residents at every later step of the
 * completion application, after demo_training.c's first two (記録中 and
 * at the director).
 *
 *   398101  society_reviewer, 内科 (scope domain:01)
 *   398102  society_reviewer, 小児科 (scope domain:02): sees none of them
 *   520101  at the society (the director approved): 398101's queue
 *   520102  returned by the society with a comment: its page shows it
 *   520103  at the board (director and society approved): 455012's queue
 *   520104  approved, 認定料 unpaid: 455012's /admin/fees
 *
 * Each resident is accepted into 01-13-001 (内科, director 398721),
 * records one rotation covering the program and submits; the reviewers'
 * steps are review_demo_act(): the same transaction as the page's, no
 * mail.  Idempotent: a resident with a live application is left as is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "apply.h"
#include "clock.h"
#include "conf.h"
#include "ctl.h"
#include "ctx.h"
#include "db.h"
#include "directory.h"
#include "review.h"
#include "tenant.h"
#include "training.h"

#define DEMO_PASSWORD	"demo-pass-2026"	/* as ctl_user.c's */
#define DEMO_PROGRAM	"01-13-001"
#define DEMO_DIRECTOR	"398721"
#define DEMO_ADMIN	"455012"

static const struct {
	const char	*number, *name, *kana, *domain;
} reviewers[] = {
	{ "398101", "内科 審査", "ナイカ シンサ", "domain:01" },
	{ "398102", "小児科 審査", "ショウニカ シンサ", "domain:02" },
};

/* How far each resident goes: the reviewers' steps, in order. */
static const struct {
	const char	*number, *name, *kana;
	const char	*steps[4];	/* "approve" or "return"; NULL ends */
	const char	*state;		/* for the listing */
} residents[] = {
	{ "520101", "審査 一郎", "シンサ イチロウ", { "approve", NULL },
	    "学会の確認待ち (at the society)" },
	{ "520102", "審査 二郎", "シンサ ジロウ", { "approve", "return", NULL },
	    "差し戻し (returned with a comment)" },
	{ "520103", "審査 三郎", "シンサ サブロウ",
	    { "approve", "approve", NULL }, "機構の確認待ち (at the board)" },
	{ "520104", "審査 四郎", "シンサ シロウ",
	    { "approve", "approve", "approve", NULL },
	    "承認・認定料未納 (approved, fee unpaid)" },
};

static const char *const return_comment =
    "研修実績の連携施設での期間が研修計画と一致していません。"
    "期間をご確認のうえ、修正して再提出してください。";

/* A demo account by its number: found or made, with its role.  uid out. */
static int
person(struct ctl *c, struct dir *d, const struct tenant *t,
    const char *number, const char *name, const char *kana,
    const char *role, char *uid, size_t len)
{
	struct dir_user	 u;
	char		 mail[80], nu[65];
	int		 k;

	if ((k = dir_find_login(d, t, number, &u)) < 0)
		return -1;
	if (k == 0) {
		snprintf(mail, sizeof(mail), "demo%s@%s.example", number,
		    t->slug);
		if (dir_new_uid(nu, sizeof(nu)) == -1 ||
		    dir_add_user(d, t, nu, number, mail, name, kana,
		    DEMO_PASSWORD) != 1 || dir_find_login(d, t, number, &u) != 1)
			return -1;
		(void)audit_log(c->db, t->slug, "ctl:demo", "demo.account",
		    u.uid, NULL, role);
	}
	if (account_ensure(c->db, t->slug, u.uid) < 0 ||
	    role_grant(c->db, t->slug, u.uid, role) < 0)
		return -1;
	snprintf(uid, len, "%s", u.uid);
	return 0;
}

/* One rotation at the program's base covering all of it. */
static int
covering(struct ctx *c, const char *uid, struct apply_rows *rs)
{
	struct tfacility	 fs[TRAINING_FACILITIES_MAX];
	struct tprogram		 pg;
	struct apply_row	*row;
	char			 s[16], e[16], fid[24];
	int			 from, to;

	if (dbq_training_program(c->app->db, c->tenant->slug, uid, &pg) <= 0 ||
	    dbq_training_facilities(c->app->db, c->tenant->slug, pg.id, fs,
	    TRAINING_FACILITIES_MAX) <= 0 ||
	    (rs->row = calloc(1, sizeof(*rs->row))) == NULL)
		return -1;
	training_span(pg.year, pg.years, &from, &to);
	snprintf(s, sizeof(s), "%04d-%02d", from / 12, from % 12 + 1);
	snprintf(e, sizeof(e), "%04d-%02d", to / 12, to % 12 + 1);
	snprintf(fid, sizeof(fid), "%lld", fs[0].id);
	row = &rs->row[rs->n++];
	row->id = 1;
	if (kv_add(&row->vals, "facility", 8, fid, strlen(fid)) != KV_OK ||
	    kv_add(&row->vals, "start", 5, s, strlen(s)) != KV_OK ||
	    kv_add(&row->vals, "end", 3, e, strlen(e)) != KV_OK ||
	    kv_add(&row->vals, "employment", 10, "full", 4) != KV_OK ||
	    kv_add(&row->vals, "note", 4, "", 0) != KV_OK)
		return -1;
	return 0;
}

/* The uid of a demo account that demo accounts made ("" if none). */
static int
uid_of(struct dir *d, const struct tenant *t, const char *number, char *uid,
    size_t len)
{
	struct dir_user	 u;
	int		 k;

	uid[0] = '\0';
	if ((k = dir_find_login(d, t, number, &u)) > 0)
		snprintf(uid, len, "%s", u.uid);
	return k < 0 ? -1 : 0;
}

/* A resident made, submitted and taken through its steps. */
static int
resident(struct ctl *c, struct ctx *x, struct dir *d, long long win,
    size_t i, const char *actors[3])
{
	struct apply_rows	 rs = { NULL, 0 };
	struct apply_app	 a;
	char			 uid[65], now[CLOCK_SQL_LEN];
	size_t			 s;
	int			 k;

	if (person(c, d, x->tenant, residents[i].number, residents[i].name,
	    residents[i].kana, "member", uid, sizeof(uid)) == -1 ||
	    dbq_training_demo_accept(c->db, x->tenant->slug, uid,
	    DEMO_PROGRAM) < 0)
		return -1;
	clock_now_sql(now, sizeof(now));
	k = covering(x, uid, &rs) == -1 ? -1 : apply_seed(x,
	    &training_completion, win, uid, &rs, 1, now, "ctl:demo");
	apply_rows_free(&rs);
	if (k <= 0) {
		if (k == 0)
			fprintf(stderr, "demo review: %s kept\n",
			    residents[i].number);
		return k;
	}
	if (dbq_aapp_live_get(c->db, x->tenant->slug, win, uid, &a) <= 0)
		return -1;
	for (s = 0; s < 3 && residents[i].steps[s] != NULL; s++)
		if (review_demo_act(c->db, x->tenant, a.id,
		    residents[i].steps[s], actors[s],
		    strcmp(residents[i].steps[s], "return") == 0 ?
		    return_comment : NULL) <= 0)
			return -1;
	fprintf(stderr, "demo review: %s %s\n", residents[i].number,
	    residents[i].state);
	return 0;
}

/* The board's reviewers and residents (win: the completion offering). */
int
demo_review(struct ctl *c, const struct tenant *t, long long win)
{
	struct app	 app;
	struct ctx	 x;
	struct dir	*d;
	const char	*actors[3];
	char		 uids[3][65], rv[65];
	size_t		 i;
	int		 rc = -1;

	if ((d = dir_open(c->cfg)) == NULL)
		return -1;
	memset(&app, 0, sizeof(app));
	memset(&x, 0, sizeof(x));
	app.db = c->db;
	x.app = &app;
	x.tenant = t;
	snprintf(x.lang, sizeof(x.lang), "ja");
	for (i = 0; i < sizeof(reviewers) / sizeof(reviewers[0]); i++) {
		if (person(c, d, t, reviewers[i].number, reviewers[i].name,
		    reviewers[i].kana, "society_reviewer", rv,
		    sizeof(rv)) == -1 || dbq_reviewer_scope_put(c->db,
		    t->slug, rv, "society_reviewer", reviewers[i].domain) < 0)
			goto out;
		if (i == 0)
			snprintf(uids[1], sizeof(uids[1]), "%s", rv);
		fprintf(stderr, "demo review: %s society_reviewer %s\n",
		    reviewers[i].number, reviewers[i].domain);
	}
	if (uid_of(d, t, DEMO_DIRECTOR, uids[0], sizeof(uids[0])) == -1 ||
	    uid_of(d, t, DEMO_ADMIN, uids[2], sizeof(uids[2])) == -1)
		goto out;
	if (uids[0][0] == '\0' || uids[2][0] == '\0') {
		fprintf(stderr, "demo review: no %s or %s; run demo accounts\n",
		    DEMO_DIRECTOR, DEMO_ADMIN);
		goto out;
	}
	for (i = 0; i < 3; i++)
		actors[i] = uids[i];
	for (i = 0; i < sizeof(residents) / sizeof(residents[0]); i++)
		if (resident(c, &x, d, win, i, actors) == -1) {
			fprintf(stderr, "demo review: %s failed\n",
			    residents[i].number);
			goto out;
		}
	rc = 0;
out:
	dir_close(d);
	return rc;
}
