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
 *   520105  certified: 認定料 confirmed, 認定証 issued with DEMO_CERT_CODE,
 *           so README's /verify/<code> URL is the same after every load
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
#include "cert.h"
#include "review.h"
#include "tenant.h"
#include "training.h"

#define DEMO_PROGRAM	"01-13-001"
#define DEMO_DIRECTOR	"398721"
#define DEMO_ADMIN	"455012"
/* README prints http://board.localhost:8080/verify/<this> (the demo). */
#define DEMO_CERT_CODE	"BOARDDEMOCERTIFICATE23456A"
#define DEMO_CERT_YEARS	5	/* as training.c's on_paid */

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
	int		 certify;	/* fee confirmed, certificate issued */
} residents[] = {
	{ "520101", "審査 一郎", "シンサ イチロウ", { "approve", NULL },
	    "学会の確認待ち (at the society)", 0 },
	{ "520102", "審査 二郎", "シンサ ジロウ", { "approve", "return", NULL },
	    "差し戻し (returned with a comment)", 0 },
	{ "520103", "審査 三郎", "シンサ サブロウ",
	    { "approve", "approve", NULL }, "機構の確認待ち (at the board)", 0 },
	{ "520104", "審査 四郎", "シンサ シロウ",
	    { "approve", "approve", "approve", NULL },
	    "承認・認定料未納 (approved, fee unpaid)", 0 },
	{ "520105", "審査 五郎", "シンサ ゴロウ",
	    { "approve", "approve", "approve", NULL },
	    "認定 (certified, /verify/" DEMO_CERT_CODE ")", 1 },
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
	char		 mail[80];

	snprintf(mail, sizeof(mail), "demo%s@%s.example", number, t->slug);
	if (demo_person_ensure(c->db, d, t, number, mail, name, kana, role,
	    &u) == -1)
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

/*
 * The board admin confirms the 認定料 and the certificate is issued with
 * the fixed code, in one transaction (as fee.c's confirmation with the
 * offering's on_paid hook, but with a code that does not change).  Done
 * once: a certificate with the code already there is left as is.
 */
static int
certify(struct ctl *c, const struct tenant *t, const struct apply_app *a,
    const char *holder, const char *admin)
{
	struct dbres	*r = NULL, *f = NULL;
	char		 now[CLOCK_SQL_LEN], today[16], expires[16];
	char		 number[32], obj[80];
	long long	 fee;
	int		 ok = 0, rc = -1;

	clock_now_sql(now, sizeof(now));
	snprintf(today, sizeof(today), "%.10s", now);
	if ((r = dbq_cert_by_code(c->db, t->slug, DEMO_CERT_CODE)) == NULL)
		return -1;
	if (r->nrows > 0) {
		rc = 0;
		goto out;
	}
	if ((f = dbq_fees_of_app(c->db, t->slug, a->id)) == NULL)
		goto out;
	/* Moved on by hand since (a test, the admin's page): leave it. */
	if (f->nrows == 0 || strcmp(dbres_get(f, 0, FEE_COL_STATE),
	    "unpaid") != 0) {
		fprintf(stderr, "demo review: %s has no unpaid fee, no "
		    "certificate made\n", a->number);
		rc = 0;
		goto out;
	}
	if (cert_expiry(today, DEMO_CERT_YEARS, expires,
	    sizeof(expires)) == -1 || db_begin(c->db) <= 0)
		goto out;
	fee = atoll(dbres_get(f, 0, FEE_COL_ID));
	snprintf(obj, sizeof(obj), "app:%s", a->number);
	ok = dbq_fee_confirm(c->db, t->slug, fee, NULL, admin, 0, now) > 0 &&
	    dbq_app_event_put(c->db, t->slug, a->id, "pay", admin, a->stage,
	    NULL, 0, now) >= 0 &&
	    cert_issue_with_code(c->db, t, a->uid, holder, "cert.kind.board",
	    today, expires, a->id, DEMO_CERT_CODE, number,
	    sizeof(number)) > 0 &&
	    audit_log(c->db, t->slug, admin, "fee.confirm", obj, NULL,
	    "demo") > 0;
	if (db_end(c->db, ok) < 0 || !ok)
		goto out;
	fprintf(stderr, "demo review: certificate %s, /verify/%s\n", number,
	    DEMO_CERT_CODE);
	rc = 0;
out:
	dbres_free(f);
	dbres_free(r);
	return rc;
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
	if (k < 0 || dbq_aapp_live_get(c->db, x->tenant->slug, win, uid,
	    &a) <= 0)
		return -1;
	if (k == 0)
		fprintf(stderr, "demo review: %s kept\n", residents[i].number);
	for (s = 0; k > 0 && s < 3 && residents[i].steps[s] != NULL; s++)
		if (review_demo_act(c->db, x->tenant, a.id,
		    residents[i].steps[s], actors[s],
		    strcmp(residents[i].steps[s], "return") == 0 ?
		    return_comment : NULL) <= 0)
			return -1;
	/* Also when kept: a load cut short before the certificate. */
	if (residents[i].certify && certify(c, x->tenant, &a,
	    residents[i].name, actors[2]) == -1)
		return -1;
	if (k > 0)
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
