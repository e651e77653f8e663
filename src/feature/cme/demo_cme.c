/*
 * demo_cme.c — cme's part of `shikakuctl demo load` (issue 13): on each
 * tenant naming cme,
 *
 *   - the window of 認定（修了）申請 for this fiscal year (April–March);
 *   - reviewers (association_reviewer) of two local associations
 *     (13001, 27001) and of one prefecture (13000), and an organizer
 *     (event_organizer);
 *   - 500 physicians (2000001..2000500), four in five members of one of
 *     eight local associations, the rest not members;
 *   - their ledgers over five fiscal years from all three sources: 30
 *     organizer events with attendance (credit_event_put, credit_attend:
 *     batched), e-learning, self-reported credits — written once (a
 *     tenant with e-learning credits already is left as it is);
 *   - applications in every state: short of credits (the reasons
 *     shown), submitted (to a local association, and by category II to
 *     the prefecture), returned with a comment, approved with its 修了証,
 *     rejected.  The demo member 1301234 is a member of 13001 with
 *     enough credits and no application (eligible, not yet applied).
 *
 * Idempotent: people are found by number, events by number, a physician
 * with a live application is left as is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "account.h"
#include "apply.h"
#include "clock.h"
#include "cme.h"
#include "credit.h"
#include "ctl.h"
#include "ctx.h"
#include "db.h"
#include "directory.h"
#include "feature.h"
#include "member_record.h"
#include "review.h"
#include "tenant.h"
#include "upload.h"

#define NPHYS		500
#define NEVENTS		30
#define DEMO_MEMBER	"1301234"	/* ctl_user.c's demo member */
#define DEMO_REVIEWER	"1300456"	/* ctl_user.c's demo reviewer */
#define BATCH		500		/* attendances per credit_attend() */

static const char *const assocs[] = {
	"13001", "13002", "13003", "27001", "27002", "14001", "23001", "40001"
};
#define NASSOC	(sizeof(assocs) / sizeof(assocs[0]))

static const char *const surnames[] = {
	"青木", "石川", "上野", "大西", "岡田", "川口", "木下", "久保", "小松",
	"坂本", "杉山", "高木", "竹内", "土屋", "中島", "西川", "野口", "浜田",
	"平野", "福田"
};
static const char *const givens[] = {
	"彩", "一郎", "恵美", "和也", "香織", "健", "浩子", "悟", "里美", "修",
	"純子", "誠一", "聡子", "拓也", "千尋", "剛", "直美", "典子", "隼人",
	"瞳", "裕子", "真人", "美咲", "優", "涼子"
};

/* Reviewers and the organizer: number, name, role, scope. */
static const struct {
	const char	*number, *name, *kana, *role, *scope;
} staff[] = {
	{ DEMO_REVIEWER, "山田 隆", "ヤマダ タカシ", CME_ROLE, "assoc:13001" },
	{ "2700456", "井上 真理", "イノウエ マリ", CME_ROLE, "assoc:27001" },
	{ "1300790", "森 和夫", "モリ カズオ", CME_ROLE, "assoc:13000" },
	{ "1300999", "松本 愛", "マツモト アイ", CREDIT_ORGANIZER, NULL },
};

/*
 * Applications by physician index: state, association chosen, practical
 * items (category I codes, or "ii1"), the fiscal years back the lecture
 * search starts, and the reviewer's comment.
 */
static const struct demo_app {
	int		 phys;
	const char	*state;		/* draft, submitted, returned, … */
	const char	*items[3];
	int		 back;
	const char	*comment;
} apps[] = {
	{ 49, "draft", { "i05", NULL }, 0, NULL },	/* short: no lecture */
	{ 16, "submitted", { "i01", "i07", NULL }, 4, NULL },
	{ 24, "submitted", { "ii1", NULL }, 4, NULL },	/* → 13000 */
	{ 0, "returned", { "i02", NULL }, 4,
	    "実地研修の証明書が読み取れません。鮮明な画像をアップロードしてください。" },
	{ 8, "approved", { "i03", "i04", NULL }, 4, NULL },
	{ 32, "approved", { "i06", NULL }, 3, NULL },
	{ 3, "rejected", { "i08", NULL }, 4,
	    "実地研修の内容が要件に該当しないため、却下します。" },
	{ 11, "submitted", { "i09", "i10", NULL }, 2, NULL },
};

/* The smallest PNG: a demo certificate's image. */
static const unsigned char png[] = {
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00,
	0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00,
	0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53, 0xde,
	0x00, 0x00, 0x00, 0x0c, 0x49, 0x44, 0x41, 0x54, 0x08, 0x99, 0x63,
	0x90, 0xb7, 0xd3, 0x04, 0x00, 0x01, 0x40, 0x00, 0xc4, 0x91, 0x00,
	0x37, 0x1f, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
	0x42, 0x60, 0x82
};

struct demo {
	struct ctl		*cl;
	struct dir		*dir;
	const struct tenant	*t;
	struct ctx		 x;
	struct app		 app;
	int			 fy;
	char			 uid[NPHYS][65];
	char			 member_uid[65];
	char			 organizer[65];
	char			 reviewer[3][65];
};

static const char *
assoc_of(int i)
{
	return i % 5 == 4 ? NULL : assocs[i % NASSOC];
}

static int
person(struct demo *d, const char *number, const char *name,
    const char *kana, const char *role, char *uid, size_t len)
{
	struct dir_user	 u;
	char		 mail[64];

	snprintf(mail, sizeof(mail), "cme%s@medassoc.example", number);
	if (demo_person_ensure(d->cl->db, d->dir, d->t, number, mail, name,
	    kana, role, &u) == -1)
		return -1;
	snprintf(uid, len, "%s", u.uid);
	return 0;
}

/* A physician's member record (the 修了証's holder is its name). */
static int
record(struct demo *d, const char *uid, const char *number,
    const char *name, const char *assoc)
{
	struct member_record	 m;
	char			 mail[64], pref[3];

	snprintf(mail, sizeof(mail), "cme%s@medassoc.example", number);
	snprintf(pref, sizeof(pref), "%.2s", assoc != NULL ? assoc : "13");
	memset(&m, 0, sizeof(m));
	m.member_no = number;
	m.name_kanji = name;
	m.name_kana = "デモ イシ";
	m.birth_date = "1975-04-01";
	m.email = mail;
	m.phone = "03-5555-0000";
	m.postal_code = "100-0001";
	m.pref = pref;
	m.address = "デモ市中央1-1-1";
	m.work_name = "デモ診療所";
	m.work_dept = "内科";
	m.work_postal = "100-0001";
	m.work_address = "デモ市中央2-2-2";
	m.work_phone = "03-5555-0001";
	return dbq_member_record_put(d->cl->db, d->t->slug, uid, &m) < 0 ?
	    -1 : 0;
}

/* Staff, physicians and the demo member's association. */
static int
people(struct demo *d)
{
	char		 num[16], name[64], uid[65];
	size_t		 i;
	const char	*a;

	for (i = 0; i < sizeof(staff) / sizeof(staff[0]); i++) {
		if (person(d, staff[i].number, staff[i].name, staff[i].kana,
		    staff[i].role, uid, sizeof(uid)) == -1 ||
		    (staff[i].scope != NULL && dbq_reviewer_scope_put(
		    d->cl->db, d->t->slug, uid, staff[i].role,
		    staff[i].scope) < 0))
			return -1;
		if (i < 3)
			snprintf(d->reviewer[i], sizeof(d->reviewer[i]), "%s",
			    uid);
		else
			snprintf(d->organizer, sizeof(d->organizer), "%s", uid);
	}
	if (person(d, DEMO_MEMBER, "吉田 明美", "ヨシダ アケミ", "member",
	    d->member_uid, sizeof(d->member_uid)) == -1 ||
	    dbq_cme_member_put(d->cl->db, d->t->slug, d->member_uid,
	    "13001") < 0)
		return -1;
	for (i = 0; i < NPHYS; i++) {
		snprintf(num, sizeof(num), "2%06zu", i + 1);
		snprintf(name, sizeof(name), "%s %s",
		    surnames[i % (sizeof(surnames) / sizeof(surnames[0]))],
		    givens[(i / 20) % (sizeof(givens) / sizeof(givens[0]))]);
		if (person(d, num, name, "デモ イシ", "member", d->uid[i],
		    sizeof(d->uid[i])) == -1 || record(d, d->uid[i], num, name,
		    assoc_of((int)i)) == -1)
			return -1;
		if ((a = assoc_of((int)i)) != NULL && dbq_cme_member_put(
		    d->cl->db, d->t->slug, d->uid[i], a) < 0)
			return -1;
	}
	fprintf(stderr, "demo cme: %s %d physicians, reviewers 13001 27001 "
	    "13000, organizer %s\n", d->t->slug, NPHYS, staff[3].number);
	return 0;
}

/* A day of fiscal year fy: day k (0..364) after 1 April. */
static void
fy_day(int fy, int k, char *out, size_t len)
{
	struct tm	 tm;
	time_t		 t;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = fy - 1900;
	tm.tm_mon = 3;
	tm.tm_mday = 1 + k;
	tm.tm_hour = 12;
	t = timegm(&tm);
	gmtime_r(&t, &tm);
	strftime(out, len, "%Y-%m-%d", &tm);
}

/* Does physician i earn nothing (the short-of-credits demo)? */
static int
no_credits(int i)
{
	return i % 50 == 49;
}

/* 30 events over five fiscal years, their attendance in batches. */
static int
events(struct demo *d, const char *today)
{
	static const char *const codes[][2] = {
		{ "12", "13" }, { "73", "74" }, { "80", "81" }, { "11", "84" },
		{ "1", "7" }, { "29", "70" }
	};
	static const double cu[2] = { 1.0, 0.5 };
	struct credit_event	 e;
	long long		 ids[BATCH], id;
	const char		*uids[BATCH];
	double			 units[BATCH];
	char			 num[32], title[128], day[11];
	size_t			 n = 0;
	int			 k, i, fy;

	for (k = 0; k < NEVENTS; k++) {
		fy = d->fy - 4 + k / 6;
		fy_day(fy, 20 + (k % 6) * 55, day, sizeof(day));
		if (strcmp(day, today) > 0)
			fy_day(fy - 1, 300, day, sizeof(day));
		snprintf(num, sizeof(num), "DEMO-%d-%02d", fy, k % 6 + 1);
		snprintf(title, sizeof(title), "デモ医師会 生涯教育講座 %d年度 第%d回",
		    fy, k % 6 + 1);
		memset(&e, 0, sizeof(e));
		e.number = num;
		e.title = title;
		e.kind = "lecture";
		e.held_on = day;
		e.place = "デモ医師会館 大ホール";
		e.organizer_uid = d->organizer;
		e.units = 1.5;
		if ((id = credit_event_put(d->cl->db, d->t->slug, &e,
		    codes[k % 6], cu, 2)) < 0)
			return -1;
		for (i = -1; i < NPHYS; i++) {
			if (i >= 0 && ((i + k * 7) % 10 >= 3 || no_credits(i)))
				continue;
			ids[n] = id;
			uids[n] = i < 0 ? d->member_uid : d->uid[i];
			units[n] = -1;
			if (++n == BATCH) {
				if (credit_attend(d->cl->db, d->t->slug, ids,
				    uids, units, n) == -1)
					return -1;
				n = 0;
			}
		}
	}
	return n > 0 ? credit_attend(d->cl->db, d->t->slug, ids, uids, units,
	    n) : 0;
}

/* E-learning over five years, and self reports this fiscal year. */
static int
singles(struct demo *d, const char *today)
{
	char		 day[11], code[8];
	long long	 up;
	int		 i, fy;

	for (i = 0; i < NPHYS; i++) {
		if (no_credits(i))
			continue;
		for (fy = d->fy - 4; fy <= d->fy; fy++) {
			if ((i + fy) % 3 == 0)
				continue;
			fy_day(fy, (i * 7 + fy) % 300, day, sizeof(day));
			if (strcmp(day, today) > 0)
				continue;
			snprintf(code, sizeof(code), "%d", (i + fy) % 85);
			if (credit_add(d->cl->db, d->t->slug, d->uid[i],
			    CREDIT_SRC_ELEARNING, code, (i + fy) % 2 ? 1.0 : 0.5,
			    day, "日医e-ラーニング", 0) < 0)
				return -1;
		}
		if (i % 7 != 0)
			continue;
		if ((up = dbq_upload_put(d->cl->db, d->t->slug, d->uid[i], NULL,
		    "cme", "certificate", "image/png", "参加証.png", png,
		    sizeof(png))) < 0 || credit_add(d->cl->db, d->t->slug,
		    d->uid[i], CREDIT_SRC_SELF, "12", 2.0, today,
		    "日本医学会分科会 総会 参加", up) < 0)
			return -1;
	}
	return credit_add(d->cl->db, d->t->slug, d->member_uid,
	    CREDIT_SRC_ELEARNING, "80", 1.0, today, "日医e-ラーニング", 0) < 0 ?
	    -1 : 0;
}

/* The ledgers, once: a tenant with e-learning credits keeps its own. */
static int
ledgers(struct demo *d)
{
	struct dbres	*r;
	char		 today[11];
	int		 have, ok;

	if ((r = db_select(d->cl->db, "SELECT COUNT(*) FROM credit WHERE "
	    "tenant = ? AND source = 'elearning'", "s", d->t->slug)) == NULL)
		return -1;
	have = atoi(dbres_scalar(r) != NULL ? dbres_scalar(r) : "0");
	dbres_free(r);
	if (have > 0) {
		fprintf(stderr, "demo cme: %s ledgers kept\n", d->t->slug);
		return 0;
	}
	clock_today(today, sizeof(today));
	if (db_begin(d->cl->db) < 0)
		return -1;
	ok = events(d, today) == 0 && singles(d, today) == 0;
	if (db_end(d->cl->db, ok) < 0 || !ok)
		return -1;
	fprintf(stderr, "demo cme: %s ledgers over fiscal years %d-%d, %d "
	    "events\n", d->t->slug, d->fy - 4, d->fy, NEVENTS);
	return 0;
}

static int
add(struct kvlist *kv, const char *k, const char *v)
{
	return kv_add(kv, k, strlen(k), v, strlen(v)) == KV_OK ? 0 : -1;
}

/* One application's rows, as the member would have typed them. */
static int
app_rows(struct demo *d, const struct demo_app *p, struct apply_rows *rs)
{
	const char	*a = assoc_of(p->phys), *assoc = a ? a : "13002";
	char		 pref[3], fy[8], id[24];
	long long	 up;
	int		 k, ok = 0;

	snprintf(pref, sizeof(pref), "%.2s", assoc);
	snprintf(fy, sizeof(fy), "%d", d->fy - p->back);
	if ((up = dbq_upload_put(d->cl->db, d->t->slug, d->uid[p->phys],
	    NULL, "apply", "certificate", "image/png", "証明書.png", png,
	    sizeof(png))) < 0)
		return -1;
	snprintf(id, sizeof(id), "%lld", up);
	if ((rs[0].row = calloc(1, sizeof(*rs[0].row))) == NULL ||
	    (rs[1].row = calloc(1, sizeof(*rs[1].row))) == NULL ||
	    (rs[2].row = calloc(3, sizeof(*rs[2].row))) == NULL)
		return -1;
	rs[0].n = rs[1].n = 1;
	ok = add(&rs[0].row[0].vals, "course", "kakari") == 0 &&
	    add(&rs[0].row[0].vals, "pref", pref) == 0 &&
	    add(&rs[0].row[0].vals, "assoc", assoc) == 0 &&
	    add(&rs[0].row[0].vals, "licence", a == NULL ? id : "") == 0 &&
	    add(&rs[1].row[0].vals, "from_fy", fy) == 0;
	for (k = 0; ok && k < 3 && p->items[k] != NULL; k++) {
		rs[2].row[k].id = k + 1;
		rs[2].n++;
		ok = add(&rs[2].row[k].vals, "category",
		    strncmp(p->items[k], "ii", 2) == 0 ? "2" : "1") == 0 &&
		    add(&rs[2].row[k].vals, "item", p->items[k]) == 0 &&
		    add(&rs[2].row[k].vals, "detail", "") == 0 &&
		    add(&rs[2].row[k].vals, "certificate", id) == 0;
	}
	return ok ? 0 : -1;
}

/* The reviewer who sees physician p's application. */
static const char *
reviewer_of(struct demo *d, const struct demo_app *p)
{
	const char	*a = assoc_of(p->phys);

	if (strncmp(p->items[0], "ii", 2) == 0)
		return d->reviewer[2];
	return a != NULL && strcmp(a, "27001") == 0 ? d->reviewer[1] :
	    d->reviewer[0];
}

static int
applications(struct demo *d, long long win)
{
	const struct demo_app	*p;
	struct apply_rows	 rs[3];
	struct apply_app	 a;
	char			 now[CLOCK_SQL_LEN];
	size_t			 i, k;
	int			 n, submit;

	clock_now_sql(now, sizeof(now));
	for (i = 0; i < sizeof(apps) / sizeof(apps[0]); i++) {
		p = &apps[i];
		memset(rs, 0, sizeof(rs));
		/* Once: a physician with any application keeps it. */
		if ((n = dbq_cme_apps(d->cl->db, d->t->slug,
		    d->uid[p->phys])) != 0) {
			if (n < 0)
				return -1;
			continue;
		}
		submit = strcmp(p->state, "draft") != 0;
		n = app_rows(d, p, rs) == -1 ? -1 : apply_seed(&d->x,
		    &cme_offering, win, d->uid[p->phys], rs, submit, now,
		    "ctl:demo");
		for (k = 0; k < 3; k++)
			apply_rows_free(&rs[k]);
		if (n < 0)
			return -1;
		if (n == 0 || !submit || strcmp(p->state, "submitted") == 0)
			continue;
		if (dbq_aapp_live_get(d->cl->db, d->t->slug, win,
		    d->uid[p->phys], &a) <= 0 || review_demo_act(d->cl->db,
		    d->t, a.id, strcmp(p->state, "approved") == 0 ? "approve" :
		    strcmp(p->state, "returned") == 0 ? "return" : "reject",
		    reviewer_of(d, p), p->comment) <= 0)
			return -1;
	}
	fprintf(stderr, "demo cme: %s applications: short (2000050), "
	    "submitted (2000017 to 13001, 2000012 to 27001, II: 2000025 to "
	    "13000), returned (2000001), approved with 修了証 (2000009, "
	    "2000033), rejected (2000004)\n",
	    d->t->slug);
	return 0;
}

static int
demo_tenant(struct ctl *cl, const struct tenant *t)
{
	struct demo	*d;
	char		 open_at[32], close_at[32];
	long long	 win;
	int		 rc = -1;

	if ((d = calloc(1, sizeof(*d))) == NULL)
		return -1;
	d->cl = cl;
	d->t = t;
	d->app.db = cl->db;
	d->x.app = &d->app;
	d->x.tenant = t;
	snprintf(d->x.lang, sizeof(d->x.lang), "ja");
	d->fy = cme_fy_at(clock_now()) % 10000;
	snprintf(open_at, sizeof(open_at), "%d-04-01 00:00:00", d->fy);
	snprintf(close_at, sizeof(close_at), "%d-03-31 23:59:59", d->fy + 1);
	if ((d->dir = dir_open(cl->cfg)) == NULL ||
	    (win = dbq_offering_put(cl->db, t->slug, CME_FEATURE, CME_KIND,
	    d->fy, open_at, close_at)) <= 0)
		goto out;
	fprintf(stderr, "demo cme: %s window %s ~ %s\n", t->slug, open_at,
	    close_at);
	if (people(d) == -1 || ledgers(d) == -1 ||
	    applications(d, win) == -1)
		goto out;
	rc = 0;
out:
	if (d->dir != NULL)
		dir_close(d->dir);
	free(d);
	return rc;
}

int
demo_cme(void *arg)
{
	struct ctl	*c = arg;
	size_t		 i;
	int		 rc = 0;

	for (i = 0; i < c->tenants->n; i++)
		if (tenant_has_feature(&c->tenants->t[i], CME_FEATURE) &&
		    demo_tenant(c, &c->tenants->t[i]) == -1) {
			fprintf(stderr, "demo cme: %s failed\n",
			    c->tenants->t[i].slug);
			rc = -1;
		}
	return rc;
}
