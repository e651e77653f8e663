/*
 * demo_certify.c — the palliative society's part of `shikakuctl demo
 * load` (issue 11): a realistic society placed around today's date so
 * that on the day the demo starts 一次申請 is open.
 *
 *   - 8 exam sites; 40 certified facilities (every third holds a second
 *     kind, every tenth the same kind twice, for two periods);
 *   - 60 supervisors, every seventh one's certification ending on
 *     30 September this year (the 二次 split hint), the demo supervisor
 *     (100087) among them;
 *   - 300 members (pdm0001…, records only: they populate the queues and
 *     registries, they do not sign in) in every state: no case yet; cases
 *     waiting (some at the demo supervisor); 20 approved; 20 approved and
 *     一次 filed; returned with a comment; exempt from the case reports
 *     and 一次 filed; two-year membership or not, dues paid or not;
 *   - the demo member (100234): 19 approved and one waiting at the demo
 *     supervisor, so one approval makes the 20 of 認定要件4.
 *
 * Idempotent: registries are upserts; a member with case reports, or
 * with an application, is left as is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "apply.h"
#include "buf.h"
#include "clock.h"
#include "ctl.h"
#include "ctx.h"
#include "db.h"
#include "directory.h"
#include "feature.h"
#include "tenant.h"
#include "certify.h"
#include "certify_int.h"
#include "second.h"

#define DAY		86400
#define NMEMBERS	300
#define NSUP		60
#define NFAC		40

static const char *const sites[][2] = {
	{ "01", "北海道（札幌）" }, { "04", "宮城県（仙台）" },
	{ "13", "東京都" }, { "23", "愛知県（名古屋）" },
	{ "27", "大阪府" }, { "34", "広島県" }, { "40", "福岡県" },
	{ "47", "沖縄県（那覇）" },
};
static const char *const sei[][2] = {
	{ "佐藤", "さとう" }, { "鈴木", "すずき" }, { "高橋", "たかはし" },
	{ "田中", "たなか" }, { "伊藤", "いとう" }, { "渡辺", "わたなべ" },
	{ "山本", "やまもと" }, { "中村", "なかむら" }, { "小林", "こばやし" },
	{ "加藤", "かとう" }, { "吉田", "よしだ" }, { "山田", "やまだ" },
	{ "松本", "まつもと" }, { "井上", "いのうえ" }, { "木村", "きむら" },
	{ "林", "はやし" }, { "清水", "しみず" },
};
static const char *const mei[][2] = {
	{ "健", "けん" }, { "由美", "ゆみ" }, { "直子", "なおこ" },
	{ "誠", "まこと" }, { "陽子", "ようこ" }, { "大輔", "だいすけ" },
	{ "恵", "めぐみ" }, { "翔", "しょう" }, { "彩", "あや" },
	{ "拓也", "たくや" }, { "美穂", "みほ" },
};
static const char *const cities[][2] = {
	{ "01", "札幌" }, { "04", "仙台" }, { "13", "東京" }, { "14", "横浜" },
	{ "23", "名古屋" }, { "26", "京都" }, { "27", "大阪" },
	{ "28", "神戸" }, { "34", "広島" }, { "40", "福岡" },
};
static const char *const diagnoses[] = {
	"膵臓がん", "肺がん", "胃がん", "大腸がん", "乳がん", "肝細胞がん",
	"心不全", "COPD", "前立腺がん", "悪性リンパ腫",
};
static const char *const ages[] = { "40", "65", "75", "20" };
static const char *const settings[] = { "ward", "team", "home",
	"outpatient", "general" };

#define NA(a)	(sizeof(a) / sizeof(a[0]))

/* The person n's name, kanji and kana. */
static void
person(int n, char *kanji, size_t kl, char *kana, size_t kal)
{
	snprintf(kanji, kl, "%s %s", sei[n % NA(sei)][0],
	    mei[(n / NA(sei)) % NA(mei)][0]);
	snprintf(kana, kal, "%s %s", sei[n % NA(sei)][1],
	    mei[(n / NA(sei)) % NA(mei)][1]);
}

static int
registries(struct db *d, const char *slug, int y, const char *demo_sup)
{
	struct buf	 b = { NULL, 0, 0 };
	char		 kanji[64], kana[64];
	size_t		 i;
	int		 rc = -1;

	buf_puts(&b, "[");
	for (i = 0; i < NA(sites); i++)
		buf_printf(&b, "%s{\"code\":\"%s\",\"name\":\"%s\",\"sort\":%zu,"
		    "\"active\":1}", i ? "," : "", sites[i][0], sites[i][1],
		    i + 1);
	buf_puts(&b, "]");
	if (dbq_sites_put(d, slug, b.data) < 0)
		goto out;
	b.len = 0;
	buf_puts(&b, "[");
	for (i = 0; i < NFAC; i++) {
		const char *const *ci = cities[i % NA(cities)];

		buf_printf(&b, "%s{\"code\":\"F%03zu\",\"name\":\"デモ%s%s病院\","
		    "\"kana\":\"でも%03zu\",\"pref\":\"%s\",\"certs\":["
		    "{\"kind\":\"training\",\"from\":\"%d-04-01\",\"to\":"
		    "\"%d-03-31\"}", i ? "," : "", i + 1, ci[1],
		    i % 2 ? "中央" : "総合", i + 1, ci[0], y - 3, y + 2);
		if (i % 3 == 0)
			buf_printf(&b, ",{\"kind\":\"team\",\"from\":"
			    "\"%d-04-01\",\"to\":\"%d-03-31\"}", y - 1, y + 4);
		if (i % 10 == 0)
			buf_printf(&b, ",{\"kind\":\"training\",\"from\":"
			    "\"%d-04-01\",\"to\":\"%d-03-31\"}", y - 8, y - 3);
		buf_puts(&b, "]}");
	}
	buf_puts(&b, "]");
	if (dbq_facilities_put(d, slug, b.data) < 0)
		goto out;
	b.len = 0;
	buf_puts(&b, "[");
	for (i = 0; i < NSUP; i++) {
		person((int)i * 7 + 3, kanji, sizeof(kanji), kana, sizeof(kana));
		buf_printf(&b, "%s{\"number\":\"P%04zu\",", i ? "," : "",
		    i + 1);
		if (i == 0 && demo_sup != NULL)
			buf_printf(&b, "\"name\":\"伊藤 直子\",\"kana\":"
			    "\"いとう なおこ\",\"uid\":\"%s\",", demo_sup);
		else
			buf_printf(&b, "\"name\":\"%s\",\"kana\":\"%s\","
			    "\"uid\":\"\",", kanji, kana);
		/* Every seventh ends mid-year (the 二次 split hint). */
		if (i % 7 == 6)
			buf_printf(&b, "\"from\":\"%d-04-01\",\"to\":"
			    "\"%d-09-30\"}", y - 5 + (int)(i % 3), y);
		else
			buf_printf(&b, "\"from\":\"%d-04-01\",\"to\":"
			    "\"%d-03-31\"}", y - 5 + (int)(i % 3), y + 3);
	}
	buf_puts(&b, "]");
	rc = dbq_supervisors_put(d, slug, b.data) < 0 ? -1 : 0;
out:
	buf_free(&b);
	return rc;
}

/* What member n is in: the states of the society (header comment). */
enum mstate { M_NONE, M_PENDING, M_APPROVED, M_FIRST, M_RETURNED,
	M_EXEMPT, M__N };

static int
approved_of(enum mstate s)
{
	return s == M_APPROVED || s == M_FIRST ? 20 : s == M_RETURNED ? 12 :
	    s == M_PENDING ? 6 : 0;
}

/* Case reports of one member into the JSON array. */
static void
cases_json(struct buf *b, int *nb, const char *uid, int n, int approved,
    int pending, int returned, int sup, int y)
{
	int	 k, total = approved + pending + returned, m;
	const char *st;

	for (k = 0; k < total; k++) {
		st = k < approved ? "approved" : k < approved + pending ?
		    "submitted" : "returned";
		m = (k * 5) % 24;
		buf_printf(b, "%s{\"uid\":\"%s\",\"sup\":\"P%04d\",\"age\":"
		    "\"%s\",\"sex\":\"%s\",\"diag\":\"%s\",\"setting\":\"%s\","
		    "\"from\":\"%d-%02d\",\"to\":\"%d-%02d\",\"state\":\"%s\","
		    "\"comment\":\"%s\"}", (*nb)++ ? "," : "", uid,
		    (k < approved ? (n + k) % NSUP : sup) + 1,
		    ages[(n + k) % NA(ages)], (n + k) % 2 ? "f" : "m",
		    diagnoses[(n + k) % NA(diagnoses)],
		    settings[(n + k) % NA(settings)], y - 2 + m / 12,
		    m % 12 + 1, y - 2 + m / 12, m % 12 + 1, st,
		    *st == 'r' ? "経過と症状緩和の評価をもう少し詳しく記載してください。" :
		    "");
	}
}

static int
members(struct ctx *c, int y, long long first_win, const char *demo_member,
    const char *now)
{
	struct db		*d = c->app->db;
	struct buf		 mb = { NULL, 0, 0 }, cb = { NULL, 0, 0 };
	struct buf		 sb = { NULL, 0, 0 }, db_ = { NULL, 0, 0 };
	struct apply_rows	 rows;
	struct apply_row	 row;
	char			 uid[16], kanji[64], kana[64];
	int			 n, nc = 0, nd = 0, ns = 0, rc = -1;
	enum mstate		 s;

	buf_puts(&mb, "[");
	buf_puts(&cb, "[");
	buf_puts(&sb, "[");
	buf_puts(&db_, "[");
	for (n = 0; n < NMEMBERS; n++) {
		s = (enum mstate)(n % M__N);
		snprintf(uid, sizeof(uid), "pdm%04d", n + 1);
		person(n, kanji, sizeof(kanji), kana, sizeof(kana));
		buf_printf(&mb, "%s{\"uid\":\"%s\",\"no\":\"2%05d\",\"kanji\":"
		    "\"%s\",\"kana\":\"%s\",\"mail\":\"%s@palliative.example\","
		    "\"pref\":\"%s\"}", n ? "," : "", uid, n + 1, kanji, kana,
		    uid, cities[n % NA(cities)][0]);
		/* Joined 1..15 years ago; every ninth only last year. */
		buf_printf(&sb, "%s{\"uid\":\"%s\",\"joined\":\"%d-%02d-01\","
		    "\"case\":%d,\"exam\":%d}", ns++ ? "," : "", uid,
		    n % 9 == 8 ? y - 1 : y - 1 - n % 15, n % 12 + 1,
		    s == M_EXEMPT, n % 25 == 0);
		if (n % 7 != 3)
			buf_printf(&db_, "%s{\"uid\":\"%s\",\"fy\":%d,\"paid\":"
			    "\"%d-05-%02d\",\"amount\":15000}", nd++ ? "," : "",
			    uid, y, y, n % 28 + 1);
		cases_json(&cb, &nc, uid, n, approved_of(s), s == M_PENDING ?
		    3 : 0, s == M_RETURNED ? 2 : 0, s == M_PENDING && n % 4 == 1 ?
		    0 : n % NSUP, y);
	}
	if (demo_member != NULL) {
		buf_printf(&sb, ",{\"uid\":\"%s\",\"joined\":\"%d-04-01\","
		    "\"case\":0,\"exam\":0}", demo_member, y - 6);
		buf_printf(&db_, ",{\"uid\":\"%s\",\"fy\":%d,\"paid\":"
		    "\"%d-05-10\",\"amount\":15000}", demo_member, y, y);
		cases_json(&cb, &nc, demo_member, 7, 19, 1, 0, 0, y);
	}
	buf_puts(&mb, "]");
	buf_puts(&cb, "]");
	buf_puts(&sb, "]");
	buf_puts(&db_, "]");
	if (dbq_demo_members_put(d, c->tenant->slug, mb.data) < 0 ||
	    dbq_memberships_put(d, c->tenant->slug, sb.data) < 0 ||
	    dbq_dues_put(d, c->tenant->slug, db_.data) < 0 ||
	    dbq_demo_cases_put(d, c->tenant->slug, cb.data, now) < 0)
		goto out;
	/* 一次 filed: with three exam sites (the exempt with none). */
	for (n = 0; n < NMEMBERS; n++) {
		s = (enum mstate)(n % M__N);
		if (s != M_FIRST && s != M_EXEMPT)
			continue;
		snprintf(uid, sizeof(uid), "pdm%04d", n + 1);
		memset(&row, 0, sizeof(row));
		kv_add(&row.vals, "receipt", 7, "", 0);
		kv_add(&row.vals, "site1", 5, s == M_FIRST ?
		    sites[n % NA(sites)][0] : "", s == M_FIRST ? 2 : 0);
		kv_add(&row.vals, "site2", 5, s == M_FIRST ?
		    sites[(n + 1) % NA(sites)][0] : "", s == M_FIRST ? 2 : 0);
		kv_add(&row.vals, "site3", 5, "", 0);
		rows.row = &row;
		rows.n = 1;
		if (apply_seed(c, &certify_first, first_win, uid, &rows, 1, now,
		    "ctl:demo") < 0) {
			kv_free(&row.vals);
			goto out;
		}
		kv_free(&row.vals);
	}
	rc = 0;
out:
	buf_free(&mb);
	buf_free(&cb);
	buf_free(&sb);
	buf_free(&db_);
	return rc;
}

/* A demo account's uid by its number, "" when the directory has none. */
static void
demo_uid(struct dir *dr, const struct tenant *t, const char *number,
    char *out, size_t len)
{
	struct dir_user	 u;

	*out = '\0';
	if (dr != NULL && dir_find_login(dr, t, number, &u) == 1)
		snprintf(out, len, "%s", u.uid);
}

static int
window(struct db *d, const char *slug, const char *kind, int y, time_t from,
    time_t to, long long *id)
{
	char	 o[CLOCK_SQL_LEN], cl[CLOCK_SQL_LEN];

	jst_sql(from, o, sizeof(o));
	memcpy(o + 11, "00:00:00", 8);
	jst_sql(to, cl, sizeof(cl));
	memcpy(cl + 11, "23:59:59", 8);
	fprintf(stderr, "demo certify: %s window %s ~ %s\n", kind, o, cl);
	return (*id = dbq_offering_put(d, slug, CERTIFY_FEATURE, kind, y, o,
	    cl)) > 0 ? 0 : -1;
}

static int
demo_tenant(struct ctl *cl, const struct tenant *t)
{
	struct app	 app;
	struct ctx	 c;
	struct dir	*dr;
	struct tm	 tm;
	time_t		 now = clock_now();
	char		 at[CLOCK_SQL_LEN], sup[65], mem[65];
	long long	 first, other;
	int		 y, rc = -1;

	memset(&app, 0, sizeof(app));
	memset(&c, 0, sizeof(c));
	app.db = cl->db;
	c.app = &app;
	c.tenant = t;
	snprintf(c.lang, sizeof(c.lang), "ja");
	jst_tm(now, &tm);
	y = tm.tm_year + 1900;
	jst_sql(now, at, sizeof(at));
	dr = dir_open(cl->cfg);
	demo_uid(dr, t, "100087", sup, sizeof(sup));
	demo_uid(dr, t, "100234", mem, sizeof(mem));
	if (dr != NULL)
		dir_close(dr);
	/* 一次 (and 移行一次, 更新) open today; 移行二次 after them. */
	if (window(cl->db, t->slug, "first", y, now - 7 * DAY,
	    now + 30 * DAY, &first) == -1 ||
	    window(cl->db, t->slug, "transition-first", y, now - 7 * DAY,
	    now + 30 * DAY, &other) == -1 ||
	    window(cl->db, t->slug, "renewal", y, now - 7 * DAY,
	    now + 30 * DAY, &other) == -1 ||
	    window(cl->db, t->slug, "transition-second", y, now + 40 * DAY,
	    now + 70 * DAY, &other) == -1)
		goto out;
	if (registries(cl->db, t->slug, y, sup[0] ? sup : NULL) == -1 ||
	    members(&c, y, first, mem[0] ? mem : NULL, at) == -1)
		goto out;
	fprintf(stderr, "demo certify: %s: %d exam sites, %d facilities, "
	    "%d supervisors, %d members\n", t->slug, (int)NA(sites), NFAC,
	    NSUP, NMEMBERS);
	rc = 0;
out:
	return rc;
}

int
demo_certify(void *arg)
{
	struct ctl	*c = arg;
	size_t		 i;
	int		 rc = 0;

	for (i = 0; i < c->tenants->n; i++)
		if (tenant_has_feature(&c->tenants->t[i], CERTIFY_FEATURE) &&
		    demo_tenant(c, &c->tenants->t[i]) == -1) {
			fprintf(stderr, "demo certify: %s failed\n",
			    c->tenants->t[i].slug);
			rc = -1;
		}
	/* pal2: 二次申請's members in every state (demo_second.c). */
	if (demo_second(arg) == -1)
		rc = -1;
	return rc;
}
