/*
 * demo_renewal.c — the renewal's part of `shikakuctl demo load` (issue
 * 12's demo data): both offerings of this fiscal year open from thirty
 * days before the load to sixty after it (the demo clock included), the
 * society's seminars of six years (教育セミナー A and B, Best of ASCO), and
 * RENEWAL_DEMO_N specialists (member records, certification records due
 * this year or next, every sixth on a 4th+ renewal, attendance spread
 * over the six years so the five-year window visibly drops the oldest),
 * of which those due this year stand in every state: not started,
 * documents partly 登録中, short of credits, complete awaiting payment,
 * 書類確認中, returned with a comment, approved.  The demo member (300512)
 * is due this year with documents partly 登録中 and the shortfalls in
 * view; its contact is the home, so 「個人情報の公開を希望しません」 is
 * refused.
 *
 * Idempotent: a specialist whose member record exists is left as is.
 * One transaction per specialist's record (an application's seeding and
 * each review step are their own).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "apply.h"
#include "cert.h"
#include "clock.h"
#include "ctl.h"
#include "ctx.h"
#include "db.h"
#include "feature.h"
#include "review.h"
#include "tenant.h"
#include "renewal.h"

#define DAY		86400
#define RENEWAL_DEMO_N	300
#define DEMO_MEMBER	"300512"

static const char *const family[] = {
	"佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林",
	"加藤", "吉田", "山田", "佐々木", "山口", "松本", "井上", "木村", "林",
	"清水", "山崎"
};
static const char *const family_kana[] = {
	"サトウ", "スズキ", "タカハシ", "タナカ", "イトウ", "ワタナベ", "ヤマモト",
	"ナカムラ", "コバヤシ", "カトウ", "ヨシダ", "ヤマダ", "ササキ", "ヤマグチ",
	"マツモト", "イノウエ", "キムラ", "ハヤシ", "シミズ", "ヤマザキ"
};
static const char *const given[] = {
	"翔", "陽子", "健一", "美咲", "大輔", "恵", "直樹", "彩", "誠", "舞"
};
static const char *const given_kana[] = {
	"ショウ", "ヨウコ", "ケンイチ", "ミサキ", "ダイスケ", "メグミ", "ナオキ",
	"アヤ", "マコト", "マイ"
};

/* What a specialist due this year has done, by index (j % 10). */
enum dstate {
	D_NONE, D_PARTLY, D_SHORT, D_UNPAID, D_CHECKING, D_RETURNED,
	D_APPROVED, D_NONE2, D_NONE3, D_NONE4
};

struct dseminar {
	long long	 id;
	char		 on[11];
	int		 units;
};

static int
add(struct kvlist *kv, const char *k, const char *v)
{
	return kv_add(kv, k, strlen(k), v, strlen(v)) == KV_OK ? 0 : -1;
}

/* One row of section sec from "k=v" pairs (NULL-ended). */
static int
row_put(struct apply_rows *rs, int id, const char *const *kv)
{
	struct apply_row	*r;
	char			 k[32];
	size_t			 i, n;

	if ((r = reallocarray(rs->row, rs->n + 1, sizeof(*r))) == NULL)
		return -1;
	rs->row = r;
	r = &rs->row[rs->n++];
	memset(r, 0, sizeof(*r));
	r->id = id;
	for (i = 0; kv[i] != NULL; i++) {
		n = strcspn(kv[i], "=");
		snprintf(k, sizeof(k), "%.*s", (int)n, kv[i]);
		if (add(&r->vals, k, kv[i] + n + 1) == -1)
			return -1;
	}
	return 0;
}

/* The documents of a state: partly (two), or all six. */
static int
documents(struct apply_rows *sec, enum dstate st, int year)
{
	static const char *const resume[] = { "school=デモ医科大学医学部",
	    "grad_ym=2001-03", "base_society=naika", "base_kind=senmon",
	    "base_number=N-20345", NULL };
	static const char *const profile[] = { "text=がん薬物療法の臨床と、"
	    "多施設共同臨床試験の運営に携わってきた。チーム医療の中で、"
	    "患者と家族に寄り添う説明を心がけている。", NULL };
	static const char *const activity[] = { "from=2021-04", "to=2026-03",
	    "content=腫瘍内科における薬物療法と臨床試験", NULL };
	static const char *const record[] = { "s01=1", "s01n=20", "s03=1",
	    "s03n=35", "d03=1", "d03n=30", "k06=1", "special=no",
	    "second=yes", "trial1=デモ第III相試験", "cases1=4", NULL };
	char		 on[40], pon[40];
	const char	*meeting[] = { "first=yes", "venue=横浜", on, "units=10",
	    NULL };
	const char	*paper[] = { "cat=paper", "kind=original", pon,
	    st == D_SHORT ? "units=0" : "units=30", "content=原著論文（英文）",
	    NULL };

	snprintf(on, sizeof(on), "held_on=%04d-02-20", year - 1);
	snprintf(pon, sizeof(pon), "on=%04d-06-01", year - 1);
	if (row_put(&sec[RS_PROFILE], 0, profile) == -1 ||
	    row_put(&sec[RS_ACTIVITY], 1, activity) == -1)
		return -1;
	if (st == D_PARTLY)
		return 0;
	if (row_put(&sec[RS_RESUME], 0, resume) == -1 ||
	    row_put(&sec[RS_RECORD], 0, record) == -1 ||
	    row_put(&sec[RS_PAPER], 1, paper) == -1)
		return -1;
	return st == D_SHORT ? 0 : row_put(&sec[RS_MEETING], 1, meeting);
}

/* The application of a specialist in state st; its id, 0 none, -1. */
static long long
demo_app(struct ctx *c, const struct apply_offering *off, long long win,
    const char *uid, enum dstate st, int year, const char *now)
{
	struct apply_rows	 sec[APPLY_SECTIONS_MAX];
	struct dbres		*r;
	long long		 id = -1;
	size_t			 i;
	int			 k, submit = st >= D_UNPAID && st <= D_APPROVED;

	memset(sec, 0, sizeof(sec));
	if (documents(sec, st, year) == -1)
		goto out;
	c->sess.uid[0] = '\0';
	if ((k = apply_seed(c, off, win, uid, sec, submit, now,
	    "ctl:demo")) <= 0) {
		id = k;
		goto out;
	}
	id = dbq_renewal_demo_app(c->app->db, c->tenant->slug, uid, win);
	if (id <= 0)
		goto out;
	/* 審査料 paid for those the office has taken up. */
	if ((st == D_CHECKING || st == D_RETURNED || st == D_APPROVED) &&
	    (r = dbq_fees_of_app(c->app->db, c->tenant->slug, id)) != NULL) {
		for (i = 0; i < r->nrows; i++)
			if (strcmp(dbres_get(r, i, FEE_COL_KIND),
			    RENEWAL_FEE_REVIEW) == 0)
				(void)dbq_fee_confirm(c->app->db,
				    c->tenant->slug, atoll(dbres_get(r, i,
				    FEE_COL_ID)), NULL, "ctl:demo", 0, now);
		dbres_free(r);
	}
	if (st == D_RETURNED && review_demo_act(c->app->db, c->tenant, id,
	    "return", "ctl:demo", "研究活動歴の期間が前回申請以降の5年間に"
	    "足りません。2020年7月からの活動を追記してください。") < 0)
		id = -1;
	if (st == D_APPROVED && review_demo_act(c->app->db, c->tenant, id,
	    "approve", "ctl:demo", NULL) < 0)
		id = -1;
out:
	for (i = 0; i < APPLY_SECTIONS_MAX; i++)
		apply_rows_free(&sec[i]);
	return id;
}

/* Six years of seminars: A (July), B (November), Best of ASCO (July). */
static int
seminars(struct db *d, const char *tenant, int year, struct dseminar *s)
{
	char	 number[40], title[120];
	int	 y, n = 0, k;

	for (y = year - 5; y <= year; y++)
		for (k = 0; k < 3; k++) {
			snprintf(s[n].on, sizeof(s[n].on), "%04d-%s", y,
			    k == 0 ? "07-02" : k == 1 ? "11-15" : "07-06");
			s[n].units = k == 2 ? 15 : 10;
			snprintf(number, sizeof(number), "ONC-SEM-%04d-%d", y, k);
			if (k == 2)
				snprintf(title, sizeof(title),
				    "Best of ASCO %d in Japan", y);
			else
				snprintf(title, sizeof(title),
				    "%d年度 教育セミナー%sセッション", y,
				    k == 0 ? "A" : "B");
			if ((s[n].id = dbq_renewal_demo_event(d, tenant,
			    number, title, k == 2 ? NULL : k == 0 ? "A" : "B",
			    s[n].on, s[n].units)) <= 0)
				return -1;
			n++;
		}
	return n;
}

/*
 * 筆記試験 of a demo specialist (seed 003): of those due this year with
 * documents under way, every eighth passed last year (spared: 合格済),
 * the others sat this year — 受験料 paid once the office has taken the
 * documents up, passed when approved, every third returned one failed;
 * of those due next year every third applied for the exam alone this
 * year (筆記試験のみ), half of them paid.  The rest have none, so
 * 追加お申込み stays in view.
 */
static int
demo_exam(struct ctx *c, int i, int year, int due, enum dstate st,
    const char *kind, const char *uid, const char *now)
{
	struct db	*d = c->app->db;
	const char	*t = c->tenant->slug;
	char		 paid[11];
	int		 taken = st == D_CHECKING || st == D_RETURNED ||
	    st == D_APPROVED;

	snprintf(paid, sizeof(paid), "%.10s", now);
	if (!due) {
		if (i % 3 != 1)
			return 0;
		if (dbq_renewal_entry_put(d, t, uid, kind, year, "exam",
		    now) < 0)
			return -1;
		return dbq_renewal_demo_exam(d, t, uid, kind, year, "pending",
		    (i / 6) % 2 ? paid : NULL, now) < 0 ? -1 : 0;
	}
	if (st == D_NONE || st >= D_NONE2 || st == D_PARTLY)
		return 0;
	if (i % 8 == 0)
		return dbq_renewal_demo_exam(d, t, uid, kind, year - 1, "pass",
		    paid, now) < 0 ? -1 : 0;
	return dbq_renewal_demo_exam(d, t, uid, kind, year, st == D_APPROVED ?
	    "pass" : st == D_RETURNED && i % 3 == 0 ? "fail" : "pending",
	    taken ? paid : NULL, now) < 0 ? -1 : 0;
}

/*
 * One specialist: record, certificates, attendance, application.  The
 * index decides: even ones are due this year, every sixth is on a 4th+
 * renewal; j = index / 2 picks the state of those due this year.
 */
static int
specialist(struct ctx *c, int i, int year, const struct dseminar *sem,
    int nsem, long long win, long long win4, const char *now)
{
	struct db	*d = c->app->db;
	const char	*t = c->tenant->slug;
	char		 uid[32], no[16], name[64], kana[64], mail[64];
	char		 issued[24], expires[24], num[40], code[40];
	int		 due = i % 2 == 0, certs = i % 6 == 0 ? 4 + i % 4 : 1 + i % 3;
	int		 next = due ? year : year + 1, k, e;
	enum dstate	 st = (enum dstate)((i / 2) % 10);

	snprintf(uid, sizeof(uid), "oncsp%03d", i);
	snprintf(no, sizeof(no), "31%04d", i);
	snprintf(name, sizeof(name), "%s %s", family[i % 20], given[i % 10]);
	snprintf(kana, sizeof(kana), "%s %s", family_kana[i % 20],
	    given_kana[i % 10]);
	snprintf(mail, sizeof(mail), "sp%03d@oncology.example", i);
	if (db_begin(d) <= 0)
		return -1;
	if ((k = dbq_renewal_demo_member(d, t, uid, no, name, kana, mail,
	    i % 7 == 0 ? "home" : "work")) <= 0) {
		db_rollback(d);
		return k;	/* there already: left as is */
	}
	for (k = certs - 1; k >= 0; k--) {
		snprintf(issued, sizeof(issued), "%04d-04-01",
		    next + 1 - 5 * (k + 1));
		snprintf(expires, sizeof(expires), "%04d-03-31",
		    next + 1 - 5 * k);
		if (cert_issue(d, c->tenant, uid, name, RENEWAL_CERT_KIND,
		    issued, expires, 0, num, sizeof(num), code,
		    sizeof(code)) <= 0) {
			db_rollback(d);
			return -1;
		}
	}
	/* About a third of the seminars, the oldest among them. */
	for (e = 0; e < nsem; e++)
		if ((i + e) % 3 == 0 && !(st == D_SHORT && due && e > 2) &&
		    dbq_renewal_demo_credit(d, t, uid, sem[e].id,
		    sem[e].units, sem[e].on) < 0) {
			db_rollback(d);
			return -1;
		}
	if (demo_exam(c, i, year, due, st, certs > RENEWAL_NTH4 ?
	    RENEWAL_KIND4 : RENEWAL_KIND, uid, now) == -1) {
		db_rollback(d);
		return -1;
	}
	if (db_commit(d) < 0)
		return -1;
	if (!due || st == D_NONE || st >= D_NONE2)
		return 1;
	return demo_app(c, certs > RENEWAL_NTH4 ? &renewal4_offering :
	    &renewal_offering, certs > RENEWAL_NTH4 ? win4 : win, uid, st,
	    year, now) < 0 ? -1 : 1;
}

/* The demo member: due this year, documents partly 登録中, home contact. */
static int
demo_member(struct ctx *c, int year, const struct dseminar *sem,
    long long win, const char *now)
{
	struct db	*d = c->app->db;
	char		 uid[65], num[40], code[40], issued[24], expires[24];
	int		 k;

	if ((k = dbq_renewal_demo_uid(d, c->tenant->slug, DEMO_MEMBER, uid,
	    sizeof(uid))) <= 0)
		return k;
	if ((k = dbq_renewal_demo_extra(d, c->tenant->slug, uid)) <= 0)
		return k;	/* there already */
	snprintf(issued, sizeof(issued), "%04d-04-01", year - 4);
	snprintf(expires, sizeof(expires), "%04d-03-31", year + 1);
	if (cert_issue(d, c->tenant, uid, "中村 翔太", RENEWAL_CERT_KIND,
	    issued, expires, 0, num, sizeof(num), code, sizeof(code)) <= 0 ||
	    dbq_renewal_demo_credit(d, c->tenant->slug, uid, sem[0].id,
	    sem[0].units, sem[0].on) < 0 ||
	    dbq_renewal_demo_credit(d, c->tenant->slug, uid, sem[15].id,
	    sem[15].units, sem[15].on) < 0)
		return -1;
	return demo_app(c, &renewal_offering, win, uid, D_PARTLY, year,
	    now) < 0 ? -1 : 1;
}

static int
demo_tenant(struct ctl *cl, const struct tenant *t)
{
	struct dseminar	 sem[18];
	struct app	 app;
	struct ctx	 c;
	time_t		 now = clock_now();
	char		 open_at[CLOCK_SQL_LEN], close_at[CLOCK_SQL_LEN];
	char		 at[CLOCK_SQL_LEN], today[16];
	long long	 win, win4;
	int		 year, nsem, i, n = 0;

	memset(&app, 0, sizeof(app));
	memset(&c, 0, sizeof(c));
	app.db = cl->db;
	c.app = &app;
	c.tenant = t;
	snprintf(c.lang, sizeof(c.lang), "ja");
	clock_today(today, sizeof(today));
	year = renewal_fy(today);
	jst_sql(now - 30 * DAY, open_at, sizeof(open_at));
	memcpy(open_at + 11, "10:00:00", 8);
	jst_sql(now + 60 * DAY, close_at, sizeof(close_at));
	memcpy(close_at + 11, "00:00:00", 8);
	jst_sql(now, at, sizeof(at));
	if ((win = dbq_offering_put(cl->db, t->slug, RENEWAL_FEATURE,
	    RENEWAL_KIND, year, open_at, close_at)) <= 0 ||
	    (win4 = dbq_offering_put(cl->db, t->slug, RENEWAL_FEATURE,
	    RENEWAL_KIND4, year, open_at, close_at)) <= 0 ||
	    (nsem = seminars(cl->db, t->slug, year, sem)) < 18)
		return -1;
	fprintf(stderr, "demo renewal: %s windows %s ~ %s, %d seminars\n",
	    t->slug, open_at, close_at, nsem);
	for (i = 1; i <= RENEWAL_DEMO_N; i++)
		switch (specialist(&c, i, year, sem, nsem, win, win4, at)) {
		case -1:
			return -1;
		case 1:
			n++;
			break;
		}
	if (demo_member(&c, year, sem, win, at) < 0)
		return -1;
	fprintf(stderr, "demo renewal: %s %d specialists made\n", t->slug, n);
	return 0;
}

int
demo_renewal(void *arg)
{
	struct ctl	*c = arg;
	size_t		 i;
	int		 rc = 0;

	for (i = 0; i < c->tenants->n; i++)
		if (tenant_has_feature(&c->tenants->t[i], RENEWAL_FEATURE) &&
		    demo_tenant(c, &c->tenants->t[i]) == -1) {
			fprintf(stderr, "demo renewal: %s failed\n",
			    c->tenants->t[i].slug);
			rc = -1;
		}
	return rc;
}
