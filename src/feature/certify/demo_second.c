/*
 * demo_second.c — 二次申請's part of `shikakuctl demo load` (issue 11):
 * four members of the palliative society, each with twenty approved
 * case reports (or the exemption), the seminar, three years of
 * membership and this year's dues, and this year's 一次申請 submitted —
 * then 二次申請 in each state the office sees:
 *
 *   700201  記入中: 1 申請書・履歴書 and 4 登録済, 2 and 3 未登録
 *   700202  申請済: all four sections, submitted
 *   700203  差し戻し: submitted, returned by the office with a comment
 *   700204  症例報告書免除: exempt from the case reports, submitted
 *   700205  a specialist whose certificate lapsed in 2020: 更新申請
 *           記入中 (申請書・履歴書 登録済, 業績書 未登録)
 *   700206  移行一次 submitted: 移行二次 opens with its window
 *
 * Windows: this year's 一次 and 二次 rows are left as they are when
 * they exist (pal1's loader places them); when not, 一次 opens a week
 * before the load and 二次 forty days after it (reach it with
 * `shikakuctl demo clock`).  Idempotent: a member with a live 二次 is
 * kept.  Called from demo_certify() (certify.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "account.h"
#include "apply.h"
#include "cert.h"
#include "certify.h"
#include "clock.h"
#include "ctl.h"
#include "ctx.h"
#include "feature.h"
#include "db.h"
#include "directory.h"
#include "review.h"
#include "second.h"
#include "tenant.h"
#include "upload.h"

#define DAY	86400

extern const struct apply_section second_sections[];

enum dstate { D_PROGRESS, D_SUBMITTED, D_RETURNED, D_EXEMPT, D_RENEWAL,
	D_TRANSITION };

static const struct {
	const char	*number, *name, *kana;
	enum dstate	 st;
	const char	*say;
} people[] = {
	{ "700201", "緩和 二次一", "かんわ にじいち", D_PROGRESS,
	    "二次申請 記入中 (two sections 登録済)" },
	{ "700202", "緩和 二次二", "かんわ にじに", D_SUBMITTED,
	    "二次申請 申請済 (submitted)" },
	{ "700203", "緩和 二次三", "かんわ にじさん", D_RETURNED,
	    "二次申請 差し戻し (returned with a comment)" },
	{ "700204", "緩和 二次四", "かんわ にじよん", D_EXEMPT,
	    "二次申請 症例報告書免除 (exempt, submitted)" },
	{ "700205", "緩和 更新五", "かんわ こうしんご", D_RENEWAL,
	    "専門医（失効） 更新申請 記入中 (申請書・履歴書 登録済)" },
	{ "700206", "緩和 移行六", "かんわ いこうろく", D_TRANSITION,
	    "移行一次 申請済: 移行二次 opens with the demo clock" },
};

static const char demo_pdf[] = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog "
    "/Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] "
    "/Count 1 >>\nendobj\n3 0 obj\n<< /Type /Page /Parent 2 0 R "
    "/MediaBox [0 0 200 200] >>\nendobj\ntrailer\n<< /Size 4 /Root 1 0 R "
    ">>\n%%EOF\n";

static int
put(struct kvlist *kv, const char *k, const char *v)
{
	return kv_add(kv, k, strlen(k), v, strlen(v)) == KV_OK ? 0 : -1;
}

/* A PDF of the member's, as an upload id string.  0, -1. */
static int
file(struct db *d, const char *tenant, const char *uid, const char *field,
    const char *name, char *out, size_t len)
{
	long long	 id;

	if ((id = dbq_upload_put(d, tenant, uid, NULL, "apply", field,
	    "application/pdf", name, demo_pdf, sizeof(demo_pdf) - 1)) <= 0)
		return -1;
	snprintf(out, len, "%lld", id);
	return 0;
}

/* The sections' rows: 1 and 4 always, 2 and 3 when all are wanted;
 * all < 0: 1 alone. */
static int
rows_of(struct db *d, const char *tenant, const char *uid, int year,
    long long cert, long long sup, int all, struct apply_rows rs[4])
{
	static const char *const kv1[] = {
		"years", "6",
		"edu.1.date", "2008-04-01", "edu.1.text", "デモ大学医学部 入学",
		"edu.2.date", "2014-03-31", "edu.2.text", "デモ大学医学部 卒業",
		"car.1.date", "2014-04-01", "car.1.text", "デモ病院 初期研修",
		"car.2.date", "2016-04-01", "car.2.text", "デモ二次研修病院 緩和ケア科",
		NULL
	};
	char	 id[24], v[32];
	int	 i;

	for (i = 0; i < 4; i++) {
		if ((rs[i].row = calloc(1, sizeof(*rs[i].row))) == NULL)
			return -1;
		rs[i].row[0].id = i == 0 || i == 3 ? 0 : 1;
	}
	rs[0].n = 1;
	for (i = 0; kv1[i] != NULL; i += 2)
		if (put(&rs[0].row[0].vals, kv1[i], kv1[i + 1]) == -1)
			return -1;
	if (all < 0)		/* 更新: 申請書・履歴書 only */
		return 0;
	rs[3].n = 1;
	if (file(d, tenant, uid, "licence", "医師免許.pdf", id,
	    sizeof(id)) == -1 || put(&rs[3].row[0].vals, "licence", id) ||
	    file(d, tenant, uid, "course", "受講証.pdf", id, sizeof(id)) ||
	    put(&rs[3].row[0].vals, "course", id) ||
	    file(d, tenant, uid, "photo", "写真.pdf", id, sizeof(id)) ||
	    put(&rs[3].row[0].vals, "photo", id))
		return -1;
	if (!all)
		return 0;
	rs[1].n = rs[2].n = 1;
	snprintf(v, sizeof(v), "%lld", cert);
	if (put(&rs[1].row[0].vals, "category", "core") ||
	    put(&rs[1].row[0].vals, "facility", v))
		return -1;
	snprintf(v, sizeof(v), "%04d-04", year - 2);
	if (put(&rs[1].row[0].vals, "start", v))
		return -1;
	snprintf(v, sizeof(v), "%04d-03", year);
	if (put(&rs[1].row[0].vals, "end", v))
		return -1;
	snprintf(v, sizeof(v), "%lld", sup);
	if (put(&rs[1].row[0].vals, "supervisor", v) ||
	    file(d, tenant, uid, "file", "臨床研修修了証明書.pdf", id,
	    sizeof(id)) || put(&rs[1].row[0].vals, "file", id) ||
	    put(&rs[2].row[0].vals, "kind", "paper") ||
	    put(&rs[2].row[0].vals, "title", "緩和医療における症例報告（デモ）") ||
	    file(d, tenant, uid, "file", "業績.pdf", id, sizeof(id)) ||
	    put(&rs[2].row[0].vals, "file", id))
		return -1;
	return 0;
}

/* The window of kind this year, placed when there is none.  Id, -1. */
static long long
window(struct db *d, const char *tenant, const char *kind, int year,
    int from, int to)
{
	char		 o[CLOCK_SQL_LEN], cl[CLOCK_SQL_LEN];
	time_t		 now = clock_now();
	long long	 id;

	if ((id = dbq_second_window(d, tenant, kind, year)) != 0)
		return id;
	jst_sql(now + from * DAY, o, sizeof(o));
	memcpy(o + 11, "00:00:00", 8);
	jst_sql(now + to * DAY, cl, sizeof(cl));
	memcpy(cl + 11, "23:59:59", 8);
	fprintf(stderr, "demo second: %s window %s ~ %s\n", kind, o, cl);
	return dbq_offering_put(d, tenant, CERTIFY_FEATURE, kind, year, o,
	    cl);
}

/*
 * 700205 and 700206: 更新 (a lapsed specialist, 申請書・履歴書 saved)
 * and 移行一次 submitted.  Kept as they are when there.  1 made, 0 kept.
 */
static int
other_kind(struct ctl *cl, struct ctx *x, const struct dir_user *u,
    enum dstate st, const char *now)
{
	static const struct apply_rows	 none[APPLY_SECTIONS_MAX];
	struct apply_rows		 rs[4];
	struct dbres			*r = NULL;
	struct apply_app		 a;
	char				 num[40], code[40];
	long long			 w;
	int				 k = -1, j;

	memset(rs, 0, sizeof(rs));
	if ((w = dbq_second_window(cl->db, x->tenant->slug, st == D_RENEWAL ?
	    "renewal" : "transition-first", atoi(now))) <= 0)
		goto out;
	if ((k = dbq_aapp_live_get(cl->db, x->tenant->slug, w, u->uid,
	    &a)) != 0) {
		k = k > 0 ? 0 : -1;
		goto out;
	}
	k = -1;
	if (st == D_TRANSITION) {
		k = apply_seed(x, &certify_transition_first, w, u->uid, none, 1,
		    now, "ctl:demo");
		goto out;
	}
	if ((r = dbq_cert_of_uid(cl->db, x->tenant->slug, u->uid)) == NULL)
		goto out;
	if (r->nrows == 0 && (db_begin(cl->db) < 0 || cert_issue(cl->db,
	    x->tenant, u->uid, people[4].name, "cert.kind.specialist",
	    "2015-04-01", "2020-03-31", 0, num, sizeof(num), code,
	    sizeof(code)) <= 0 || db_commit(cl->db) < 0)) {
		db_rollback(cl->db);
		goto out;
	}
	/* 申請書・履歴書 as 二次's demo has it; 業績書 left 未登録. */
	if (rows_of(cl->db, x->tenant->slug, u->uid, atoi(now), 0, 0, -1,
	    rs) == -1)
		goto out;
	k = apply_seed(x, &certify_renewal, w, u->uid, rs, 0, now,
	    "ctl:demo");
out:
	dbres_free(r);
	for (j = 0; j < 4; j++)
		apply_rows_free(&rs[j]);
	return k;
}

static int
one(struct ctl *cl, struct ctx *x, struct dir *dir, size_t i,
    long long wfirst, long long wsecond, long long cert, long long sup,
    int year, const char *admin)
{
	static const struct apply_rows	 none[APPLY_SECTIONS_MAX];
	struct apply_rows		 rs[4];
	struct apply_app		 a;
	struct dir_user			 u;
	char				 mail[80], now[CLOCK_SQL_LEN];
	int				 k = -1, j, submit;

	memset(rs, 0, sizeof(rs));
	snprintf(mail, sizeof(mail), "demo%s@%s.example", people[i].number,
	    x->tenant->slug);
	clock_now_sql(now, sizeof(now));
	if (demo_person_ensure(cl->db, dir, x->tenant, people[i].number,
	    mail, people[i].name, people[i].kana, "member", &u) == -1 ||
	    dbq_second_demo_facts(cl->db, x->tenant->slug, u.uid, year,
	    people[i].st == D_EXEMPT, sup) == -1)
		goto out;
	if (people[i].st == D_RENEWAL || people[i].st == D_TRANSITION) {
		k = other_kind(cl, x, &u, people[i].st, now);
		goto out;
	}
	if (apply_seed(x, &certify_first, wfirst, u.uid, none, 1, now,
	    "ctl:demo") < 0)
		goto out;
	submit = people[i].st != D_PROGRESS;
	/* Kept as it is: no files made for nothing. */
	if ((k = dbq_aapp_live_get(cl->db, x->tenant->slug, wsecond, u.uid,
	    &a)) != 0) {
		k = k > 0 ? 0 : -1;
		goto out;
	}
	if (rows_of(cl->db, x->tenant->slug, u.uid, year, cert, sup, submit,
	    rs) == -1 || (k = apply_seed(x, &certify_second, wsecond, u.uid,
	    rs, submit, now, "ctl:demo")) < 0)
		goto out;
	if (k > 0 && people[i].st == D_RETURNED && (dbq_aapp_live_get(
	    cl->db, x->tenant->slug, wsecond, u.uid, &a) <= 0 ||
	    review_demo_act(cl->db, x->tenant, a.id, "return", admin,
	    "臨床研修修了証明書の研修期間が証明書の記載と異なります。"
	    "ご確認のうえ再度申請してください。") <= 0))
		k = -1;
out:
	for (j = 0; j < 4; j++)
		apply_rows_free(&rs[j]);
	if (k >= 0)
		fprintf(stderr, "demo second: %s %s (%s)\n", people[i].number,
		    people[i].say, k > 0 ? "made" : "kept");
	return k < 0 ? -1 : 0;
}

static int
demo_tenant(struct ctl *cl, const struct tenant *t)
{
	struct app	 app;
	struct ctx	 x;
	struct dir	*dir;
	struct tm	 tm;
	long long	 wfirst, wsecond, cert, sup;
	size_t		 i;
	int		 year, rc = -1;

	if ((dir = dir_open(cl->cfg)) == NULL)
		return -1;
	memset(&app, 0, sizeof(app));
	memset(&x, 0, sizeof(x));
	app.db = cl->db;
	x.app = &app;
	x.tenant = t;
	snprintf(x.lang, sizeof(x.lang), "ja");
	jst_tm(clock_now(), &tm);
	year = tm.tm_year + 1900;
	if ((wfirst = window(cl->db, t->slug, SECOND_FIRST_KIND, year, -7,
	    30)) <= 0 || (wsecond = window(cl->db, t->slug, SECOND_KIND,
	    year, 40, 70)) <= 0 || dbq_second_demo_registry(cl->db, t->slug,
	    year, &cert, &sup) == -1)
		goto out;
	for (i = 0; i < sizeof(people) / sizeof(people[0]); i++)
		if (one(cl, &x, dir, i, wfirst, wsecond, cert, sup, year,
		    "ctl:demo") == -1) {
			fprintf(stderr, "demo second: %s failed\n",
			    people[i].number);
			goto out;
		}
	rc = 0;
out:
	dir_close(dir);
	return rc;
}

/* Every tenant with certify (arg: struct ctl, as struct feature's demo). */
int
demo_second(void *arg)
{
	struct ctl	*cl = arg;
	size_t		 i;
	int		 rc = 0;

	for (i = 0; i < cl->tenants->n; i++)
		if (tenant_has_feature(&cl->tenants->t[i], CERTIFY_FEATURE) &&
		    demo_tenant(cl, &cl->tenants->t[i]) == -1)
			rc = -1;
	return rc;
}
