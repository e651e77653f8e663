/*
 * migrate_legacy.c — 旧システムからの移行 (ACC-2), after seed 000:
 * システム利用規約に同意する → 既存のユーザーID・メールアドレス・生年月日
 * → 「ユーザー情報の引き継ぎ」 → 引き継ぎ用URL by mail → 「利用を開始する」
 * → システム利用規約 → then the registration's own steps (register.c):
 * 医籍登録番号 → 確認 → 個人情報 (pre-filled from the old record) → 確認 →
 * 登録; the old system's training history is carried over then.
 *
 * The records come from `shikakuctl legacy import` (ctl_legacy.c).  A
 * lookup is answered the same way whether a record matched or not, and
 * each lookup counts towards the address's migration throttle (CORE-6;
 * not the sign-in one), so the form tells nobody whether a record
 * exists; a record is mailed a few links an hour at most.  On a match
 * the draft is made at once, pre-filled, bound to a token nobody holds:
 * the mailed link binds it to the browser that opens it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "account.h"
#include "clock.h"
#include "conf.h"
#include "ctx.h"
#include "db.h"
#include "dbq.h"
#include "form.h"
#include "log.h"
#include "mail.h"
#include "member.h"
#include "session.h"
#include "tenant.h"

#define NF(a)	(sizeof(a) / sizeof((a)[0]))

const struct field migrate_lookup_fields[3] = {
	{ "legacy_user_id", F_TEXT, 1, 64, "reg.f.legacy-id", NULL },
	{ "email", F_EMAIL, 1, 254, "field.email", NULL },
	{ "birth_date", F_DATE, 1, 0, "field.birth", NULL },
};

/* 1. システム利用規約: agreeing leads to the lookup form. */
enum result
page_migrate(struct ctx *c)
{
	return terms_page(c, "migrate", DRAFT_MIGRATE, "/migrate/lookup");
}

/*
 * A record matched: make its draft and mail the link, together.  The
 * mail goes to the address on record (the one typed, up to case).
 */
static int
send_link(struct ctx *c, const struct dbres *rec)
{
	struct db	*db = c->app->db;
	char		 tok[TOKEN_LEN + 1], link[TOKEN_LEN + 1];
	char		 base[300], url[400], until[64];
	const char	*vars[7];
	int		 rc = -1;

	if (token_new(tok, sizeof(tok)) == -1 ||
	    token_new(link, sizeof(link)) == -1)
		goto out;
	base_url(c, base, sizeof(base));
	snprintf(url, sizeof(url), "%s/migrate/start?t=%s", base, link);
	jst_format(clock_now() + LINK_TTL_S, until, sizeof(until));
	vars[0] = "url";
	vars[1] = url;
	vars[2] = "expires";
	vars[3] = until;
	vars[4] = "name";
	vars[5] = dbres_get(rec, 0, LEGACY_MATCH_COL_NAME);
	vars[6] = NULL;
	if (db_begin(db) < 0)
		goto out;
	if (dbq_draft_new_migrate(db, c->tenant->slug, tok, link,
	    atoll(dbres_get(rec, 0, LEGACY_MATCH_COL_ID))) <= 0 ||
	    mail_queue_secret(db, c->tenant, c->app->cfg->datadir, base,
	    "migrate_link", dbres_get(rec, 0, LEGACY_MATCH_COL_EMAIL),
	    vars) <= 0) {
		db_rollback(db);
		goto out;
	}
	rc = db_commit(db) < 0 ? -1 : 0;
out:
	explicit_bzero(tok, sizeof(tok));
	explicit_bzero(link, sizeof(link));
	explicit_bzero(url, sizeof(url));
	return rc;
}

/*
 * The lookup's target, throttled in a bucket of its own: the record
 * that matched, or (no match) the user ID typed, so both take the same
 * work.  >0 no link may be sent now, 0 go on, -1 error.
 */
static int
record_throttled(struct ctx *c, const struct dbres *rec)
{
	char	 key[120];

	if (rec->nrows == 1)
		snprintf(key, sizeof(key), "%s/%s", c->tenant->slug,
		    dbres_get(rec, 0, LEGACY_MATCH_COL_ID));
	else
		snprintf(key, sizeof(key), "%s/~%.64s", c->tenant->slug,
		    kv_str(&c->form, "legacy_user_id"));
	return throttle_take(c->app->db, THR_MIGRATE_RECORD, key);
}

/*
 * The terms come first: this page is reached by agreeing.  RES_OK with
 * *v the version agreed to, else the answer.
 */
static enum result
lookup_agreed(struct ctx *c, long long *v)
{
	int		 ok;

	if ((ok = terms_posted_ok(c, v)) == -1)
		return RES_UNAVAIL;
	if (ok == 0)
		return redirect_to(c, "/migrate");
	return RES_OK;
}

/* The lookup form (rp: its errors), or the words after a lookup. */
static enum result
show_lookup(struct ctx *c, long long v, const struct form_result *rp,
    int sent)
{
	xmlNodePtr		 f;
	char			 num[24];

	if (model_new(c, "migrate-lookup") == -1)
		return RES_INTERNAL;
	draft_steps_model(c, DRAFT_MIGRATE, "lookup");
	if (sent) {
		/* The same words whether or not a record matched. */
		model_attr(c->content, "sent", "1");
		return RES_OK;
	}
	f = form_model(xmlDocGetRootElement(c->model), "migrate-lookup",
	    "/migrate/lookup", migrate_lookup_fields, NF(migrate_lookup_fields),
	    rp ? &c->form : NULL, rp);
	model_attr(f, "csrf", c->sess.csrf);
	model_attr(f, "submit-key", "reg.btn.lookup");
	snprintf(num, sizeof(num), "%lld", v);
	form_hidden(f, "version", num);
	form_hidden(f, "op", "lookup");
	return RES_OK;
}

/* 2. 既存のユーザーID、メールアドレス、生年月日 → 「ユーザー情報の引き継ぎ」. */
enum result
page_migrate_lookup_get(struct ctx *c)
{
	long long	 v;
	enum result	 r;

	/*
	 * Only a POST refused for its token (gate.c) is drawn here, not
	 * acted on: its agreement came along with it (CORE-12).
	 */
	if (!c->reshow)
		return redirect_to(c, "/migrate");
	if ((r = lookup_agreed(c, &v)) != RES_OK)
		return r;
	return show_lookup(c, v, NULL, 0);
}

/* The record looked up, audited, and mailed its link if it matched. */
static enum result
lookup_send(struct ctx *c)
{
	struct dbres	*rec;
	int		 over;
	enum result	 r = RES_UNAVAIL;

	if ((rec = dbq_legacy_match(c->app->db, c->tenant->slug,
	    kv_str(&c->form, "legacy_user_id"), kv_str(&c->form, "email"),
	    kv_str(&c->form, "birth_date"))) == NULL)
		return RES_UNAVAIL;
	/* No lookup unaudited: the line comes first. */
	if (audit_log(c->app->db, c->tenant->slug, NULL, "migrate.lookup",
	    kv_str(&c->form, "legacy_user_id"), c->remote,
	    rec->nrows == 1 ? "matched" : "no match") <= 0)
		goto out;
	/* A record is mailed a few links an hour at most. */
	if ((over = record_throttled(c, rec)) == -1)
		goto out;
	if (rec->nrows == 1 && !over && send_link(c, rec) == -1)
		log_warn("%s: migration link not sent", c->tenant->slug);
	r = RES_OK;
out:
	dbres_free(rec);
	return r;
}

enum result
page_migrate_lookup_post(struct ctx *c)
{
	struct form_result	 res;
	const char		*op = kv_str(&c->form, "op");
	long long		 v;
	int			 over;
	enum result		 r;

	if ((r = lookup_agreed(c, &v)) != RES_OK)
		return r;
	if (op == NULL || strcmp(op, "lookup") != 0)
		return show_lookup(c, v, NULL, 0);
	if (form_validate(migrate_lookup_fields, NF(migrate_lookup_fields),
	    &c->form, &res) == -1)
		return show_lookup(c, v, &res, 0);
	if ((over = throttle_take(c->app->db, THR_MIGRATE,
	    c->remote ? c->remote : "")) != 0)
		return over > 0 ? RES_TOOMANY : RES_UNAVAIL;
	if ((r = lookup_send(c)) != RES_OK)
		return r;
	return show_lookup(c, v, NULL, 1);
}

/*
 * 3. The mailed URL: 「利用を開始する」.  A button, not the link itself,
 * binds the draft to this browser, so a mail scanner fetching the URL
 * spends nothing.  An expired URL says so and offers a new start.
 * t: the link's token, from the query (GET) or the form (POST).
 */
static enum result
migrate_start(struct ctx *c, const char *t)
{
	const char	*state;
	xmlNodePtr	 f;
	enum result	 res;

	res = draft_link(c, DRAFT_MIGRATE, t, STEP_TERMS, "/migrate/terms",
	    &state);
	if (res != RES_OK)
		return res;
	if (model_new(c, "migrate-start") == -1)
		return RES_INTERNAL;
	draft_steps_model(c, DRAFT_MIGRATE, "lookup");
	model_attr(c->content, "state", state ? state : "ready");
	if (state == NULL) {
		f = form_model(xmlDocGetRootElement(c->model),
		    "migrate-start", "/migrate/start", NULL, 0, NULL, NULL);
		model_attr(f, "csrf", c->sess.csrf);
		model_attr(f, "submit-key", "reg.btn.start");
		form_hidden(f, "t", t);
	} else
		c->status_hint = strcmp(state, "expired") == 0 ? 410 : 404;
	return RES_OK;
}

enum result
page_migrate_start_get(struct ctx *c)
{
	return migrate_start(c, kv_str(&c->query, "t"));
}

enum result
page_migrate_start_post(struct ctx *c)
{
	return migrate_start(c, kv_str(&c->form, "t"));
}

/*
 * 4. システム利用規約, again, now for the account being made.  RES_OK
 * with d loaded when the draft is at this step, else the answer.
 */
static enum result
migrate_terms_draft(struct ctx *c, struct draft *d)
{
	int		 r;

	if ((r = draft_load(c, d)) == -1)
		return RES_UNAVAIL;
	if (r == 0)
		return redirect_to(c, "/migrate");
	if (d->kind != DRAFT_MIGRATE || !d->verified) {
		r = draft_goto(c, d);
		draft_free(d);
		return r;
	}
	return RES_OK;
}

/* The migration's terms as a form page: the version shown, no fields. */
static enum result
terms_load(struct ctx *c, void *st)
{
	return migrate_terms_draft(c, st);
}

/* Agreed to the latest version: on to the licence step. */
static enum result
terms_save(struct ctx *c, void *st, const char **err)
{
	struct draft	*d = st;
	long long	 v;
	int		 ok;

	(void)err;
	if ((ok = terms_posted_ok(c, &v)) == -1)
		return RES_UNAVAIL;
	if (ok == 0)
		return redirect_to(c, "/migrate/terms");
	if (dbq_draft_terms(c->app->db, c->tenant->slug, d->token, v,
	    d->step > STEP_LICENCE ? d->step : STEP_LICENCE) <= 0)
		return RES_UNAVAIL;
	return redirect_to(c, "/register/licence");
}

static enum result
terms_show(struct ctx *c, void *st, const struct kvlist *vp,
    const struct form_result *rp, const char *err)
{
	(void)st;
	(void)vp;
	(void)rp;
	(void)err;
	return terms_page(c, "migrate-terms", DRAFT_MIGRATE, "/migrate/terms");
}

static const struct form_page terms_form = {
	.load = terms_load, .save = terms_save, .show = terms_show,
	.done = draft_done,
};

enum result
page_migrate_terms_get(struct ctx *c)
{
	struct draft	 d;

	return form_page_get(c, &terms_form, &d);
}

enum result
page_migrate_terms_post(struct ctx *c)
{
	struct draft	 d;

	return form_page_post(c, &terms_form, &d);
}

/* The legacy migration flow's pages (register_feature.c lists them). */
const struct page migrate_pages[] = {
	{ .name = "migrate", .methods = M_GET, .path = "/migrate",
	    .flags = PAGE_TENANT | PAGE_GUEST, .get = page_migrate,
	    .menu = "menu.migrate", .feature = "register" },
	{ .name = "migrate-lookup", .methods = M_GET | M_POST,
	    .path = "/migrate/lookup", .flags = PAGE_TENANT,
	    .get = page_migrate_lookup_get,
	    .post = page_migrate_lookup_post,
	    .feature = "register",
	    .fields = migrate_lookup_fields,
	    .nfields = NF(migrate_lookup_fields) },
	{ .name = "migrate-start", .methods = M_GET | M_POST,
	    .path = "/migrate/start", .flags = PAGE_TENANT,
	    .get = page_migrate_start_get,
	    .post = page_migrate_start_post,
	    .feature = "register" },
	{ .name = "migrate-terms", .methods = M_GET | M_POST,
	    .path = "/migrate/terms", .flags = PAGE_TENANT,
	    .get = page_migrate_terms_get,
	    .post = page_migrate_terms_post,
	    .feature = "register" },
	{ .name = NULL },
};
