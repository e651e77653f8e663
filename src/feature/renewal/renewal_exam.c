/*
 * renewal_exam.c — 筆記試験, the written exam of the renewal (seed 003;
 * ONC-2, ONC-3, ONC-14):
 *
 *   /application/<kind>/exam        追加お申込み 筆記試験: the 処理確認画面
 *                                   (GET) and the application (POST), for
 *                                   a member who entered 書類審査・筆記試験
 *                                   同時のお申込み; 筆記試験のみのお申込み
 *                                   applies at once (renewal_pages.c)
 *   /admin/renewal/exams            the office's list of a year: 受験番号,
 *                                   member, 受験料, result; 受験料 confirmed
 *                                   and results recorded one by one
 *   /admin/renewal/exams/import     results (and payments) by CSV on the
 *                                   platform's import (import.h)
 *   /admin/renewal/exams.csv        the list of a year for Excel
 *                                   (csv.c's writer), audited
 *
 * One sitting per member and year (renewal_exam); a pass this year or
 * the year before spares it (seed 003: 前年までに筆記試験に合格された方
 * は、筆記試験の申込は不要).  The member's pages read the state from the
 * session statement (RENEWAL_SESSION_SQL), never a statement of their
 * own.  Every write is audited in its transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "apply.h"
#include "buf.h"
#include "clock.h"
#include "conf.h"
#include "csv.h"
#include "ctx.h"
#include "db.h"
#include "feature.h"
#include "form.h"
#include "import.h"
#include "mail.h"
#include "session.h"
#include "tenant.h"
#include "renewal.h"

#define PREFIX		"/application/"
#define EXAMS		"/admin/renewal/exams"

static const char *const results[] = {
	"pending", "pass", "fail", "absent", NULL
};
/* As the office's CSV writes them (either column is accepted). */
static const char *const results_ja[] = {
	"未", "合格", "不合格", "欠席", NULL
};

/*
 * 受験料 of a sitting of year entered from offering off (yen): the
 * year's amount (/admin/offerings), else tenant.conf's fee_exam; from
 * the worker's copy of the offerings, no statement.  -1 on error.
 */
long long
renewal_exam_fee(struct ctx *c, const struct apply_offering *off, int year)
{
	return apply_fee_cached(c, off, year, RENEWAL_FEE_EXAM);
}

/* ---- the member: 追加お申込み 筆記試験 ---------------------------------- */

struct xq {
	const struct apply_offering	*off;
	struct apply_app		 app;
	struct renewal_exam_st		 x;
	int				 year;
	int				 passed;	/* year of a pass */
	const char			*why;
	char				 now[CLOCK_SQL_LEN];
};

/* The offering of /application/<kind>/exam, else NULL. */
static const struct apply_offering *
path_offering(const struct ctx *c)
{
	const struct apply_offering	*off;
	const char			*p = c->path + strlen(PREFIX);
	char				 kind[32];
	size_t				 n = strcspn(p, "/");

	if (n == 0 || n >= sizeof(kind))
		return NULL;
	snprintf(kind, sizeof(kind), "%.*s", (int)n, p);
	if ((off = apply_offering_find(c->tenant, kind)) == NULL ||
	    off->feature == NULL || strcmp(off->feature, RENEWAL_FEATURE) != 0)
		return NULL;
	return off;
}

/* The member's application of off, the exam of its year, why not. */
static enum result
xq_load(struct ctx *c, const struct apply_offering *off, struct xq *q)
{
	const char	*v;

	memset(q, 0, sizeof(*q));
	if ((q->off = off) == NULL)
		return RES_NOTFOUND;
	clock_now_sql(q->now, sizeof(q->now));
	if (apply_app_mine(c, q->off, &q->app) < 0)
		return RES_UNAVAIL;
	q->year = renewal_year(&q->app);
	v = apply_session_extra(c, RENEWAL_FEATURE);
	renewal_exam_of(v, q->year, &q->x);
	q->passed = renewal_exam_passed(v, q->year);
	if (q->x.id > 0)
		q->why = "renewal.why.exam-dup";
	else if (q->passed)
		q->why = "renewal.why.exam-passed";
	else if ((q->why = renewal_why(c, q->off, RW_EXAM)) == NULL &&
	    apply_window_state(&q->app.win, q->now) != AW_OPEN)
		q->why = "apply.why.outside";
	return RES_OK;
}

/*
 * The exam of the year under parent, for 専門医 and 申請トップ (ONC-3):
 * <exam year fee state? paid? number? passed? can-apply?/>: state
 * pending (申込済), pass, fail or absent; passed, the year of a pass
 * that spares it; can-apply, 追加お申込み is offered.  From the session:
 * no statement.
 */
int
renewal_exam_model(struct ctx *c, xmlNodePtr parent,
    const struct apply_offering *off)
{
	struct xq	 q;
	xmlNodePtr	 x;

	if (xq_load(c, off, &q) != RES_OK)
		return -1;
	x = model_node(parent, "exam");
	model_attrf(x, "year", "%d", q.year);
	model_attrf(x, "fee", "%lld", renewal_exam_fee(c, off, q.year));
	if (q.x.id > 0) {
		model_attr(x, "state", q.x.result);
		model_attr(x, "paid", q.x.paid ? "1" : "0");
		model_attrf(x, "number", "%d-%05lld", q.x.year, q.x.id);
	}
	if (q.passed)
		model_attrf(x, "passed", "%d", q.passed);
	if (q.why == NULL)
		model_attr(x, "can-apply", "1");
	return 0;
}

/* The 処理確認画面: <renewal kind title href><exam year fee why?/> */
static enum result
xq_show(struct ctx *c, const struct xq *q)
{
	xmlNodePtr	 n, x;

	if (model_new(c, "renewal-exam") == -1)
		return RES_INTERNAL;
	n = model_node(c->content, "renewal");
	model_attr(n, "kind", q->off->kind);
	model_attr(n, "title", q->off->title);
	model_attrf(n, "href", PREFIX "%s", q->off->kind);
	x = model_node(n, "exam");
	model_attrf(x, "year", "%d", q->year);
	model_attrf(x, "fee", "%lld", renewal_exam_fee(c, q->off,
	    q->year));
	if (q->why != NULL) {
		model_attr(x, "why", q->why);
		if (q->passed)
			model_attrf(x, "passed", "%d", q->passed);
	}
	return RES_OK;
}

static enum result
exam_get(struct ctx *c)
{
	struct xq	 q;
	enum result	 r;

	if ((r = xq_load(c, path_offering(c), &q)) != RES_OK)
		return r;
	return xq_show(c, &q);
}

/*
 * Apply for the sitting of the year with the audit line in one
 * transaction; a second POST (a double click) changes nothing.
 */
static enum result
exam_post(struct ctx *c)
{
	struct xq	 q;
	enum result	 r;
	char		 obj[48], dest[96];
	long long	 fee;
	int		 k, ok = 0;

	if ((r = xq_load(c, path_offering(c), &q)) != RES_OK)
		return r;
	if (q.why != NULL && q.x.id == 0) {
		if ((r = xq_show(c, &q)) == RES_OK) {
			model_error(c, q.why, NULL);
			c->status_hint = 409;
		}
		return r;
	}
	if (q.x.id == 0) {
		snprintf(obj, sizeof(obj), "renewal:%s:%d", q.off->kind, q.year);
		if (db_begin(c->app->db) < 0)
			return RES_UNAVAIL;
		k = (fee = renewal_exam_fee(c, q.off, q.year)) < 0 ? -1 :
		    dbq_renewal_exam_put(c->app->db, c->tenant->slug,
		    c->sess.uid, q.off->kind, q.year, fee, q.now);
		if (k == 1 && audit_log(c->app->db, c->tenant->slug,
		    c->sess.uid, "renewal.exam", obj, c->remote, "apply") >= 0)
			ok = 1;
		/* A quicker double click (DB_DUP) or a pass meanwhile (0). */
		if (k == DB_DUP || k == 0)
			(void)db_rollback(c->app->db);
		else if (db_end(c->app->db, ok) < 0)
			return RES_UNAVAIL;
	}
	snprintf(dest, sizeof(dest), PREFIX "%s?done=exam", q.off->kind);
	return redirect_to(c, dest);
}

/* ---- the office: /admin/renewal/exams ------------------------------- */

static int
result_known(const char *v)
{
	size_t	 i;

	for (i = 0; v != NULL && results[i] != NULL; i++)
		if (strcmp(v, results[i]) == 0)
			return 1;
	return 0;
}

/* "合格" or "pass" as the stored word; NULL if neither. */
static const char *
result_word(const char *v)
{
	size_t	 i;

	for (i = 0; v != NULL && results[i] != NULL; i++)
		if (strcmp(v, results[i]) == 0 || strcmp(v, results_ja[i]) == 0)
			return results[i];
	return NULL;
}

/*
 * The result mail (ONC-14, issue 12): each exam of ids (a JSON array)
 * whose member has an address is told its result, in the caller's
 * transaction: the mail exists if and only if the result does.  Only a
 * result that changed is passed here (once per result), never 未.
 * >=0 the mails queued, -1 error.
 */
static int
result_mails(struct ctx *c, const char *ids)
{
	static const char *const words_en[] = {
		"pending", "passed", "not passed", "absent", NULL
	};
	struct dbres	*rs;
	const char	*vars[15], *res, *ja = "", *en = "", *v;
	char		 base[300], url[400], number[32], score[32];
	size_t		 i, k;
	int		 n = 0;

	if ((rs = dbq_renewal_exam_mailto(c->app->db, c->tenant->slug,
	    ids)) == NULL)
		return -1;
	base_url(c, base, sizeof(base));
	for (i = 0; i < rs->nrows && n >= 0; i++) {
		res = dbres_get(rs, i, RM_RESULT);
		if ((v = dbres_get(rs, i, RM_EMAIL)) == NULL || *v == '\0' ||
		    res == NULL || strcmp(res, "pending") == 0)
			continue;
		for (k = 0; results[k] != NULL; k++)
			if (strcmp(results[k], res) == 0) {
				ja = results_ja[k];
				en = words_en[k];
			}
		snprintf(number, sizeof(number), "%s-%05lld",
		    dbres_get(rs, i, RM_YEAR), atoll(dbres_get(rs, i, RM_ID)));
		if (dbres_get(rs, i, RM_SCORE) != NULL)
			snprintf(score, sizeof(score), "%s",
			    dbres_get(rs, i, RM_SCORE));
		else
			snprintf(score, sizeof(score), "-");
		snprintf(url, sizeof(url), "%s" PREFIX "%s", base,
		    dbres_get(rs, i, RM_KIND));
		vars[0] = "name"; vars[1] = dbres_get(rs, i, RM_NAME) != NULL ?
		    dbres_get(rs, i, RM_NAME) : "";
		vars[2] = "number"; vars[3] = number;
		vars[4] = "year"; vars[5] = dbres_get(rs, i, RM_YEAR);
		vars[6] = "result"; vars[7] = ja;
		vars[8] = "result_en"; vars[9] = en;
		vars[10] = "score"; vars[11] = score;
		vars[12] = "url"; vars[13] = url;
		vars[14] = NULL;
		if (mail_queue(c->app->db, c->tenant, c->app->cfg->datadir,
		    base, "renewal_exam_result", v, vars) < 0)
			n = -1;
		else
			n++;
	}
	dbres_free(rs);
	return n;
}

static int
query_year(const struct ctx *c)
{
	const char	*v = kv_str(&c->query, "year");
	char		 today[16];

	if (v != NULL && strlen(v) == 4 && valid_digits(v))
		return atoi(v);
	clock_today(today, sizeof(today));
	return renewal_fy(today);
}

static const char *const cols[RX__MAX] = {
	"id", "member-no", "name", "kind", "year", "fee", "paid-on",
	"result", "score", "created-at"
};

static enum result
list_get(struct ctx *c)
{
	struct dbres	*rs;
	const char	*q = kv_str(&c->query, "q"), *done, *v;
	xmlNodePtr	 n, x;
	size_t		 i, k;
	int		 year = query_year(c);
	enum result	 r = RES_INTERNAL;

	if ((rs = dbq_renewal_exams(c->app->db, c->tenant->slug, year, q,
	    0)) == NULL)
		return RES_UNAVAIL;
	if (model_new(c, "renewal-exams") == -1)
		goto out;
	if ((done = kv_str(&c->query, "done")) != NULL &&
	    (strcmp(done, "paid") == 0 || strcmp(done, "result") == 0))
		model_flash(c, strcmp(done, "paid") == 0 ?
		    "renewal.exams.paid" : "renewal.exams.saved", "success");
	n = model_node(c->content, "renewal-exams");
	model_attrf(n, "year", "%d", year);
	model_attr(n, "q", q != NULL ? q : "");
	model_attrf(n, "count", "%zu", rs->nrows);
	for (i = 0; i < rs->nrows; i++) {
		x = model_node(n, "exam");
		for (k = 0; k < RX__MAX; k++)
			if ((v = dbres_get(rs, i, k)) != NULL)
				model_attr(x, cols[k], v);
		model_attrf(x, "number", "%s-%05lld", dbres_get(rs, i,
		    RX_YEAR), atoll(dbres_get(rs, i, RX_ID)));
	}
	r = RES_OK;
out:
	dbres_free(rs);
	return r;
}

/*
 * The list of a year as CSV for Excel (ONC-14): the columns of the page
 * and of the import, so a file exported, filled in and imported again
 * records the results.  No export of members' data goes unaudited.
 */
static enum result
csv_get(struct ctx *c)
{
	static const char *const ja[] = { "受験番号", "会員番号", "氏名",
	    "申請", "年度", "受験料", "入金日", "結果", "点数" };
	static const char *const en[] = { "Exam number", "member", "Name",
	    "Offering", "year", "Fee", "paid_on", "result", "score" };
	struct dbres	*rs;
	struct buf	 b = { NULL, 0, 0 };
	const char	*res;
	char		 name[64], obj[32], detail[32];
	size_t		 i, k;
	int		 year = query_year(c), err;
	enum result	 r = RES_INTERNAL;

	if ((rs = dbq_renewal_exams(c->app->db, c->tenant->slug, year, NULL,
	    0)) == NULL)
		return RES_UNAVAIL;
	err = csv_bom(&b);
	for (k = 0; k < sizeof(ja) / sizeof(ja[0]); k++)
		err |= csv_cell(&b, ctx_en(c) ? en[k] : ja[k]);
	err |= csv_eol(&b);
	for (i = 0; i < rs->nrows && err == 0; i++) {
		res = result_word(dbres_get(rs, i, RX_RESULT));
		for (k = 0; res != NULL && results[k] != NULL; k++)
			if (strcmp(results[k], res) == 0)
				res = ctx_en(c) ? results[k] : results_ja[k];
		err |= csv_cellf(&b, "%s-%05lld", dbres_get(rs, i, RX_YEAR),
		    atoll(dbres_get(rs, i, RX_ID)));
		err |= csv_cell(&b, dbres_get(rs, i, RX_MEMBER_NO));
		err |= csv_cell(&b, dbres_get(rs, i, RX_NAME));
		err |= csv_cell(&b, dbres_get(rs, i, RX_KIND));
		err |= csv_cell(&b, dbres_get(rs, i, RX_YEAR));
		err |= csv_cell(&b, dbres_get(rs, i, RX_FEE));
		err |= csv_cell(&b, dbres_get(rs, i, RX_PAID_ON));
		err |= csv_cell(&b, res);
		err |= csv_cell(&b, dbres_get(rs, i, RX_SCORE));
		err |= csv_eol(&b);
	}
	if (err != 0)
		goto out;
	snprintf(obj, sizeof(obj), "renewal_exam:%d", year);
	snprintf(detail, sizeof(detail), "csv %zu rows", rs->nrows);
	if (audit_log(c->app->db, c->tenant->slug, c->sess.uid,
	    "renewal.exams.export", obj, c->remote, detail) < 0) {
		r = RES_UNAVAIL;
		goto out;
	}
	snprintf(name, sizeof(name), "%s_%d.csv", ctx_en(c) ? "exams" :
	    "筆記試験", year);
	r = csv_respond(c, &b, name);
out:
	dbres_free(rs);
	buf_free(&b);
	return r;
}

/* The id of /admin/renewal/exams/<id>/<what>, else 0. */
static long long
path_id(const struct ctx *c, const char **what)
{
	const char	*p = c->path + strlen(EXAMS "/");
	size_t		 n = strspn(p, "0123456789");

	if (n == 0 || n > 15 || p[n] != '/')
		return 0;
	*what = p + n + 1;
	return atoll(p);
}

/*
 * 受験料 confirmed (paid_on, the day it was paid) or a result (result,
 * score 0..100 or empty), one by one, audited in the transaction; an
 * exam of another tenant is 404.
 */
static enum result
one_post(struct ctx *c)
{
	struct dbres	*rs;
	const char	*what = "", *paid = kv_str(&c->form, "paid_on");
	const char	*res = kv_str(&c->form, "result");
	const char	*score = kv_str(&c->form, "score");
	char		 now[CLOCK_SQL_LEN], obj[48], dest[64], detail[96];
	char		 ids[32];
	long long	 id = path_id(c, &what);
	int		 pay, sc = -1, k = -1, ok = 0, year, mail = 0;

	if (id <= 0 || (strcmp(what, "pay") != 0 && strcmp(what,
	    "result") != 0))
		return RES_NOTFOUND;
	pay = strcmp(what, "pay") == 0;
	if (pay ? paid == NULL || !valid_date(paid) : !result_known(res))
		return RES_BADREQ;
	if (!pay && score != NULL && *score != '\0') {
		if (strlen(score) > 3 || !valid_digits(score) ||
		    (sc = atoi(score)) > 100)
			return RES_BADREQ;
	}
	if ((rs = dbq_renewal_exams(c->app->db, c->tenant->slug, 0, NULL,
	    id)) == NULL)
		return RES_UNAVAIL;
	year = rs->nrows == 1 ? atoi(dbres_get(rs, 0, RX_YEAR)) : 0;
	/* A result that changes is mailed; the same again is not. */
	mail = !pay && year != 0 && strcmp(res, "pending") != 0 &&
	    (dbres_get(rs, 0, RX_RESULT) == NULL ||
	    strcmp(dbres_get(rs, 0, RX_RESULT), res) != 0 ||
	    (dbres_get(rs, 0, RX_SCORE) != NULL ?
	    atoi(dbres_get(rs, 0, RX_SCORE)) : -1) != sc);
	dbres_free(rs);
	if (year == 0)
		return RES_NOTFOUND;
	clock_now_sql(now, sizeof(now));
	snprintf(obj, sizeof(obj), "renewal_exam:%lld", id);
	snprintf(detail, sizeof(detail), pay ? "paid %.10s" : "%.8s %d%s",
	    pay ? paid : res, sc, mail ? " mail" : "");
	snprintf(ids, sizeof(ids), "[%lld]", id);
	if (db_begin(c->app->db) < 0)
		return RES_UNAVAIL;
	k = pay ? dbq_renewal_exam_pay(c->app->db, c->tenant->slug, id, paid,
	    c->sess.uid, now) : dbq_renewal_exam_result(c->app->db,
	    c->tenant->slug, id, res, sc, c->sess.uid, now);
	if (k == 1 && (!mail || result_mails(c, ids) >= 0) &&
	    audit_log(c->app->db, c->tenant->slug, c->sess.uid,
	    pay ? "renewal.exam.pay" : "renewal.exam.result", obj, c->remote,
	    detail) >= 0)
		ok = 1;
	/* 0: paid already (a double click): the first date stands. */
	if (k == 0)
		(void)db_rollback(c->app->db);
	else if (db_end(c->app->db, ok) < 0)
		return RES_UNAVAIL;
	snprintf(dest, sizeof(dest), EXAMS "?year=%d&done=%s", year,
	    pay ? "paid" : "result");
	return redirect_to(c, dest);
}

/* ---- the CSV (import.h) ---------------------------------------------- */

static const struct import_col imp_cols[] = {
	{ "会員番号", "member", 1 }, { "年度", "year", 1 },
	{ "結果", "result", 1 }, { "点数", "score", 0 },
	{ "入金日", "paid_on", 0 },
};

struct xstate {
	struct dbres	*keys;		/* member_no, year, id, result, score */
	struct buf	 json;
	struct buf	 seen;
	struct buf	 mail;		/* ids whose result changes: "[1,5" */
	size_t		 n;
};

static int
imp_begin(struct import_run *r)
{
	struct ctx	*c = import_ctx(r);
	struct xstate	*st;

	if ((st = calloc(1, sizeof(*st))) == NULL)
		return -1;
	/* Every exam of the tenant once, not a statement per row. */
	if ((st->keys = dbq_renewal_exam_keys(c->app->db,
	    c->tenant->slug)) == NULL) {
		free(st);
		return -1;
	}
	import_set_state(r, st);
	return 1;
}

/* The keys' row of a member number and year, or -1. */
static ssize_t
exam_row(const struct xstate *st, const char *no, const char *year)
{
	size_t	 i;

	for (i = 0; i < st->keys->nrows; i++)
		if (strcmp(dbres_get(st->keys, i, RK_NO), no) == 0 &&
		    strcmp(dbres_get(st->keys, i, RK_YEAR), year) == 0)
			return (ssize_t)i;
	return -1;
}

static const char *
imp_row(struct import_run *r, const char *const *cell, int *col,
    const char **value)
{
	struct xstate	*st = import_state(r);
	const char	*id, *res;
	char		 tag[64], paid[16] = "";
	ssize_t		 row;
	int		 y, m, d, sc = -1;

	(void)value;
	*col = 1;
	if (strlen(cell[1]) != 4 || !valid_digits(cell[1]))
		return "import.err.number";
	*col = 0;
	if ((row = exam_row(st, cell[0], cell[1])) < 0)
		return "renewal.err.no-exam";
	id = dbres_get(st->keys, (size_t)row, RK_ID);
	snprintf(tag, sizeof(tag), "\n%s\n", id);
	if (st->seen.data != NULL && strstr(st->seen.data, tag) != NULL)
		return "import.err.duplicate";
	if (buf_puts(&st->seen, st->seen.len ? tag + 1 : tag) == -1)
		return IMPORT_FAILED;
	*col = 2;
	if ((res = result_word(cell[2])) == NULL)
		return "renewal.err.result";
	*col = 3;
	if (*cell[3] != '\0' && (strlen(cell[3]) > 3 ||
	    !valid_digits(cell[3]) || (sc = atoi(cell[3])) > 100))
		return "renewal.err.score";
	*col = 4;
	if (*cell[4] != '\0') {
		if ((sscanf(cell[4], "%4d-%2d-%2d", &y, &m, &d) != 3 &&
		    sscanf(cell[4], "%4d/%2d/%2d", &y, &m, &d) != 3))
			return "import.err.date";
		snprintf(paid, sizeof(paid), "%04d-%02d-%02d", y % 10000,
		    m % 100, d % 100);
		if (!valid_date(paid))
			return "import.err.date";
	}
	buf_printf(&st->json, "%s{\"id\":%s,\"result\":\"%s\",\"score\":%d,"
	    "\"paid\":\"%s\"}", st->n++ ? "," : "[", id, res, sc, paid);
	/* A result that changes is mailed at the commit (not a dry run). */
	if (strcmp(res, "pending") != 0 && (strcmp(dbres_get(st->keys,
	    (size_t)row, RK_RESULT), res) != 0 || atoi(dbres_get(st->keys,
	    (size_t)row, RK_SCORE)) != sc) && buf_printf(&st->mail, "%s%s",
	    st->mail.len ? "," : "[", id) == -1)
		return IMPORT_FAILED;
	import_tally(r, "renewal.import.result");
	return NULL;
}

static int
imp_commit(struct import_run *r)
{
	struct xstate	*st = import_state(r);
	struct ctx	*c = import_ctx(r);
	char		 now[CLOCK_SQL_LEN];

	if (st->n == 0)
		return 1;
	if (buf_puts(&st->json, "]") == -1)
		return -1;
	clock_now_sql(now, sizeof(now));
	if (dbq_renewal_exam_results_put(c->app->db, c->tenant->slug,
	    st->json.data, c->sess.uid, now) < 0)
		return -1;
	/* Each changed result's mail, in the import's transaction. */
	if (st->mail.len == 0)
		return 1;
	if (buf_puts(&st->mail, "]") == -1 ||
	    result_mails(c, st->mail.data) < 0)
		return -1;
	return 1;
}

static void
imp_end(struct import_run *r)
{
	struct xstate	*st = import_state(r);

	if (st == NULL)
		return;
	dbres_free(st->keys);
	buf_free(&st->json);
	buf_free(&st->seen);
	buf_free(&st->mail);
	free(st);
}

const struct import_spec renewal_exam_import = {
	.name = "renewal.exams", .title = "title.renewal-exams-import",
	.cols = imp_cols, .ncols = sizeof(imp_cols) / sizeof(imp_cols[0]),
	.begin = imp_begin, .row = imp_row, .commit = imp_commit,
	.end = imp_end, .back = EXAMS, .help = "renewal.import.help",
};

static enum result
import_any(struct ctx *c)
{
	return import_page(c, &renewal_exam_import, NULL, EXAMS "/import");
}

static enum result
sub_post(struct ctx *c)
{
	return one_post(c);
}

#define EXAM_PAGE(k) \
	{ .name = "renewal-exam-" k, .methods = M_GET | M_POST, \
	    .path = PREFIX k "/exam", .flags = PAGE_TENANT | PAGE_AUTH, \
	    .get = exam_get, .post = exam_post, .feature = RENEWAL_FEATURE, \
	    .roles = ROLE_MEMBER }

const struct page renewal_exam_pages[] = {
	{ .name = "renewal-exams", .methods = M_GET, .path = EXAMS,
	    .flags = PAGE_TENANT | PAGE_AUTH, .get = list_get,
	    .menu = "menu.renewal.exams", .feature = RENEWAL_FEATURE,
	    .roles = ROLE_TENANT_ADMIN },
	{ .name = "renewal-exams-csv", .methods = M_GET,
	    .path = EXAMS ".csv", .flags = PAGE_TENANT | PAGE_AUTH,
	    .get = csv_get, .feature = RENEWAL_FEATURE,
	    .roles = ROLE_TENANT_ADMIN },
	{ .name = "renewal-exams-import", .methods = M_GET | M_POST,
	    .path = EXAMS "/import", .flags = PAGE_TENANT | PAGE_AUTH,
	    .get = import_any, .post = import_any,
	    .feature = RENEWAL_FEATURE, .roles = ROLE_TENANT_ADMIN,
	    .fields = import_fields, .nfields = IMPORT_NFIELDS },
	{ .name = "renewal-exams-one", .methods = M_POST,
	    .path = EXAMS "/", .flags = PAGE_TENANT | PAGE_AUTH | PAGE_PREFIX,
	    .post = sub_post, .feature = RENEWAL_FEATURE,
	    .roles = ROLE_TENANT_ADMIN },
	{ .name = NULL },
};

/* The member's 追加お申込み pages (exact paths, listed after renewal_pages). */
const struct page renewal_exam_member_pages[] = {
	EXAM_PAGE(RENEWAL_KIND),
	EXAM_PAGE(RENEWAL_KIND4),
	{ .name = NULL },
};
