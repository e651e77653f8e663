/*
 * register.c — 新規ユーザー登録 (ACC-1, ACC-3, CORE-12, CORE-23), after
 * seed 000: システム利用規約に同意する → メールアドレス → 認証メール →
 * 医籍登録番号・医籍登録日・確認資料 → 確認 (OK) → 個人情報の登録 → 確認 →
 * 登録 → a mail with the login URL; signing in with the registration
 * number works once that URL was opened (src/login.c asks
 * member_activation_pending()).
 *
 * Everything typed is kept in a server-side draft (register_draft),
 * found by the browser's `draft` cookie, saved at every step: closing
 * the browser loses nothing saved (CORE-12).  The verification link
 * carries its own token; opened in another browser, it moves the draft
 * there.  The steps after the address (licence, personal information,
 * confirmation, the account itself) are shared with the migration from
 * the old system (migrate_legacy.c), whose drafts start pre-filled.
 *
 * ACC-3: the member row is inserted first in the registration's
 * transaction; its unique key (tenant, regno) makes a concurrent
 * registration of the same number wait and then fail.  The directory
 * entry follows, in the same transaction: if the directory refuses,
 * everything is rolled back.
 */
#include <ctype.h>
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
#include "directory.h"
#include "form.h"
#include "jp.h"
#include "log.h"
#include "mail.h"
#include "member.h"
#include "session.h"
#include "tenant.h"
#include "totp.h"
#include "upload.h"

#define NF(a)	(sizeof(a) / sizeof((a)[0]))

static const char *const sex_codes[] = { "m", "f", NULL };
static const char *pref_codes[48];	/* jp_prefs' codes, filled once */
static const char *domain_codes[20];	/* jp_domains' codes */

/*
 * 個人情報の登録: every field of the seeds, in member_names[] order,
 * then the password twice.  The record's fields are the platform's
 * (member_record.h): declared once.
 */
static const struct field personal_fields[] = {
	FIELD_NAME_KANJI,
	FIELD_NAME_KANA,
	FIELD_BIRTH,
	{ "sex", F_RADIO, 1, 0, "field.sex", sex_codes },
	{ "training_program", F_TEXT, 1, 100, "reg.f.training_program",
	    NULL },
	{ "training_done_on", F_DATE, 1, 0, "reg.f.training_done_on", NULL },
	FIELD_PHONE,
	FIELD_POSTAL,
	FIELD_PREF(pref_codes),
	FIELD_ADDRESS,
	{ "desired_domain", F_SELECT, 1, 0, "reg.f.desired_domain",
	    domain_codes },
	{ "password", F_PASSWORD, 1, 128, "field.password", NULL },
	{ "password2", F_PASSWORD, 1, 128, "field.password2", NULL },
};

/* 医籍登録番号の登録 (the file is required until one is stored). */
static const struct field licence_fields[] = {
	FIELD_REGNO,
	FIELD_REGNO_DATE,
	{ "licence", F_FILE, 1, 0, "reg.f.licence", NULL },
};

static const struct field email_fields[] = {
	{ "email", F_EMAIL, 1, 254, "field.email", NULL },
};

/* The page of each step: where a draft is sent to carry on. */
static const struct {
	int		 step;
	const char	*path;
} step_paths[] = {
	{ STEP_EMAIL, "/register/email" },
	{ STEP_SENT, "/register/email" },
	{ STEP_TERMS, "/migrate/terms" },
	{ STEP_LICENCE, "/register/licence" },
	{ STEP_CHECK, "/register/check" },
	{ STEP_PERSONAL, "/register/personal" },
	{ STEP_CONFIRM, "/register/confirm" },
};

static void
codes_init(void)
{
	size_t	 i;

	if (pref_codes[0] != NULL)
		return;
	for (i = 0; jp_prefs[i].code != NULL && i + 1 < NF(pref_codes); i++)
		pref_codes[i] = jp_prefs[i].code;
	for (i = 0; jp_domains[i].code != NULL && i + 1 < NF(domain_codes);
	    i++)
		domain_codes[i] = jp_domains[i].code;
}

/* ---- checks and labels (member.h; migrate_legacy.c uses them) */

/* 医籍登録番号: digits, no leading zero, at most 9 (form F_NUMBER). */
int
valid_regno(const char *s)
{
	return s != NULL && valid_number(s);
}

/* A training status as written in the old system or as a code. */
const char *
history_status(const char *s)
{
	static const struct {
		const char	*in;
		const char	*code;
	} st[] = {
		{ "completed", "completed" }, { "修了", "completed" },
		{ "expected", "expected" }, { "修了見込", "expected" },
		{ "修了見込み", "expected" },
		{ "withdrawn", "withdrawn" }, { "中途辞退", "withdrawn" },
		{ "suspended", "suspended" }, { "中断", "suspended" },
	};
	size_t	 i;

	for (i = 0; s != NULL && i < NF(st); i++)
		if (strcmp(st[i].in, s) == 0)
			return st[i].code;
	return NULL;
}

const char *
sex_code(const char *s)
{
	static const struct {
		const char	*in;
		const char	*code;
	} sx[] = {
		{ "m", "m" }, { "M", "m" }, { "男", "m" }, { "男性", "m" },
		{ "f", "f" }, { "F", "f" }, { "女", "f" }, { "女性", "f" },
	};
	size_t	 i;

	for (i = 0; s != NULL && i < NF(sx); i++)
		if (strcmp(sx[i].in, s) == 0)
			return sx[i].code;
	return NULL;
}

/* A domain or prefecture given as its code ("13", "1"), or its name. */
const char *
jp_code(const struct jp_item *t, const char *s)
{
	char	 two[3];

	if (s == NULL || *s == '\0')
		return NULL;
	if (strlen(s) == 1 && isdigit((unsigned char)*s)) {
		snprintf(two, sizeof(two), "0%s", s);
		s = two;
	}
	for (; t->code != NULL; t++)
		if (strcmp(t->code, s) == 0 || strcmp(t->ja, s) == 0 ||
		    strcmp(t->en, s) == 0)
			return t->code;
	return NULL;
}

/*
 * <item name key type? value-key?>text</item> per personal field:
 * names of prefectures and domains in the reader's language, the sex by
 * message key, dates for the date template.
 */
void
member_items_model(xmlNodePtr parent, const char *const *v, int en)
{
	const struct field	*f;
	const char		*text;
	xmlNodePtr		 it;
	char			 key[32];
	size_t			 i;

	for (i = 0; i < PF__MAX; i++) {
		f = member_field(member_names[i]);
		text = v[i];
		if (i == PF_PREF)
			text = jp_label(jp_prefs, v[i], en);
		else if (i == PF_DOMAIN)
			text = jp_label(jp_domains, v[i], en);
		it = model_text(parent, "item", i == PF_SEX ? NULL : text);
		model_attr(it, "name", member_names[i]);
		model_attr(it, "key", f ? f->key : member_names[i]);
		if (f != NULL && f->type == F_DATE)
			model_attr(it, "type", "date");
		if (i == PF_SEX && v[i] != NULL) {
			snprintf(key, sizeof(key), "reg.sex.%s", v[i]);
			model_attr(it, "value-key", key);
		}
	}
}

/* One field of the registration's tables, by name. */
const struct field *
member_field(const char *name)
{
	size_t	 i;

	codes_init();
	for (i = 0; i < NF(personal_fields); i++)
		if (strcmp(personal_fields[i].name, name) == 0)
			return &personal_fields[i];
	for (i = 0; i < NF(licence_fields); i++)
		if (strcmp(licence_fields[i].name, name) == 0)
			return &licence_fields[i];
	return NULL;
}

/* ---- the draft ------------------------------------------------------ */

int
draft_cookie(struct ctx *c, const char *token, long long max_age)
{
	return buf_printf(&c->hdrs, "Set-Cookie: " DRAFT_COOKIE "=%s; "
	    "Path=/; HttpOnly; SameSite=Lax%s; Max-Age=%lld\r\n", token,
	    c->https ? "; Secure" : "", max_age);
}

void
draft_free(struct draft *d)
{
	kv_free(&d->personal);
	explicit_bzero(d->token, sizeof(d->token));
}

static void
copy(char *out, size_t len, const char *in)
{
	snprintf(out, len, "%s", in != NULL ? in : "");
}

/* The draft of the browser's cookie: 1 loaded, 0 none, -1 error. */
int
draft_load(struct ctx *c, struct draft *d)
{
	const char	*tok = kv_str(&c->cookies, DRAFT_COOKIE);
	int		 rc = 0;

	memset(d, 0, sizeof(*d));
	if (!token_syntax_ok(tok))
		goto out;
	if ((rc = dbq_draft_get(c->app->db, c->tenant->slug, tok, d)) == 1)
		copy(d->token, sizeof(d->token), tok);
out:
	if (rc != 1)
		draft_free(d);
	return rc;
}

const char *
draft_step_path(int kind, int step)
{
	size_t	 i;

	for (i = 0; i < NF(step_paths); i++)
		if (step_paths[i].step == step)
			return step_paths[i].path;
	return kind == DRAFT_MIGRATE ? "/migrate" : "/register";
}

/* Carry on where the draft stands. */
enum result
draft_goto(struct ctx *c, const struct draft *d)
{
	int	 step = d->step;

	/* An address not proven yet goes back to its own step. */
	if (step >= STEP_LICENCE && !d->verified)
		step = d->kind == DRAFT_MIGRATE ? STEP_LINK : STEP_SENT;
	return redirect_to(c, draft_step_path(d->kind, step));
}

/*
 * A page of step `step`: the draft must be there and have reached it.
 * RES_OK to go on, else where to go (the draft is freed).
 */
static enum result
draft_need(struct ctx *c, struct draft *d, int step)
{
	int	 r;

	if ((r = draft_load(c, d)) == -1)
		return RES_UNAVAIL;
	if (r == 0)
		return redirect_to(c, "/register?lost=1");
	/* The forms need a session's CSRF token: a reopened browser has none. */
	if (session_anon(c) == -1) {
		draft_free(d);
		return RES_UNAVAIL;
	}
	if (d->step < step || (step >= STEP_LICENCE && !d->verified) ||
	    (step <= STEP_SENT && d->kind != DRAFT_REGISTER) ||
	    (step == STEP_TERMS && d->kind != DRAFT_MIGRATE)) {
		draft_goto(c, d);
		draft_free(d);
		return RES_REDIRECT;
	}
	return RES_OK;
}

/* <steps kind="register" current="licence"/>: where the visitor is. */
void
draft_steps_model(struct ctx *c, int kind, const char *current)
{
	xmlNodePtr	 s = model_node(c->content, "steps");

	model_attr(s, "kind", kind == DRAFT_MIGRATE ? "migrate" : "register");
	model_attr(s, "current", current);
}

/* A page of the flow: its model, with the steps and the draft's kind. */
static int
flow_page(struct ctx *c, const char *name, int kind, const char *current)
{
	if (model_new(c, name) == -1)
		return -1;
	draft_steps_model(c, kind, current);
	return 0;
}

/* ---- 1. システム利用規約に同意する ------------------------------------- */

/*
 * The latest terms of the tenant under parent; *version set (0 when
 * the tenant has published none).  -1 on a database error.
 */
static int
terms_model(struct ctx *c, xmlNodePtr parent, long long *version)
{
	struct dbres	*r;
	const char	*body;
	xmlNodePtr	 t;

	*version = 0;
	if ((r = dbq_terms_latest(c->app->db, c->tenant->slug)) == NULL)
		return -1;
	t = model_node(parent, "terms");
	if (r->nrows > 0) {
		*version = atoll(dbres_get(r, 0, TERMS_COL_VERSION));
		model_attr(t, "version", dbres_get(r, 0, TERMS_COL_VERSION));
		model_attr(t, "published", dbres_get(r, 0,
		    TERMS_COL_PUBLISHED));
		if (!ctx_en(c) ||
		    (body = dbres_get(r, 0, TERMS_COL_BODY_EN)) == NULL)
			body = dbres_get(r, 0, TERMS_COL_BODY_JA);
		model_text(t, "body", body);
	}
	dbres_free(r);
	return 0;
}

/*
 * The terms with a 「同意する」 form posting the version shown to action;
 * shared with the migration's two terms pages.
 */
enum result
terms_page(struct ctx *c, const char *name, int kind, const char *action)
{
	xmlNodePtr	 f;
	long long	 v;
	char		 num[24];

	if (session_anon(c) == -1)
		return RES_UNAVAIL;
	if (flow_page(c, name, kind, "terms") == -1)
		return RES_INTERNAL;
	if (terms_model(c, c->content, &v) == -1)
		return RES_UNAVAIL;
	f = model_form(c, name, action, NULL, 0, NULL, NULL, "reg.btn.agree");
	snprintf(num, sizeof(num), "%lld", v);
	form_hidden(f, "version", num);
	return RES_OK;
}

/* The version a terms form posted is the latest one: 1, 0 not, -1. */
int
terms_posted_ok(struct ctx *c, long long *version)
{
	struct dbres	*r;
	const char	*p = kv_str(&c->form, "version");
	long long	 v = 0;

	if ((r = dbq_terms_latest(c->app->db, c->tenant->slug)) == NULL)
		return -1;
	if (r->nrows > 0)
		v = atoll(dbres_get(r, 0, TERMS_COL_VERSION));
	dbres_free(r);
	*version = v;
	return p != NULL && valid_digits(p) && strlen(p) < 10 &&
	    atoll(p) == v;
}

/* Forget a draft and what it uploaded (a new start replaces it). */
static void
draft_drop(struct ctx *c, struct draft *d)
{
	struct upload_owner	 o = { NULL, d->token };

	if (d->licence_id > 0)
		(void)upload_delete(c, d->licence_id, &o);
	(void)dbq_draft_del(c->app->db, c->tenant->slug, d->token);
}

static enum result
page_register_get(struct ctx *c)
{
	struct draft	 d;
	xmlNodePtr	 p;
	int		 have;
	enum result	 r;

	if ((have = draft_load(c, &d)) == -1)
		return RES_UNAVAIL;
	r = terms_page(c, "register", DRAFT_REGISTER, "/register");
	if (r == RES_OK && have == 1) {
		/* A registration in progress: carry on, or start anew. */
		p = model_node(c->content, "draft");
		model_attr(p, "href", draft_step_path(d.kind, d.step));
	}
	if (r == RES_OK && kv_str(&c->query, "lost") != NULL)
		model_attr(c->content, "lost", "1");
	if (have == 1)
		draft_free(&d);
	return r;
}

static enum result
page_register_post(struct ctx *c)
{
	struct draft	 d;
	char		 tok[TOKEN_LEN + 1];
	long long	 v;
	int		 have, ok;
	enum result	 r;

	if ((have = draft_load(c, &d)) == -1)
		return RES_UNAVAIL;
	if ((ok = terms_posted_ok(c, &v)) == -1) {
		r = RES_UNAVAIL;
		goto out;
	}
	if (ok == 0) {
		/* The terms changed meanwhile: the new ones are shown. */
		r = redirect_to(c, "/register");
		goto out;
	}
	/* Agreeing starts a new registration; an old draft goes. */
	if (have == 1)
		draft_drop(c, &d);
	if (token_new(tok, sizeof(tok)) == -1 ||
	    dbq_draft_new(c->app->db, c->tenant->slug, tok, DRAFT_REGISTER,
	    STEP_EMAIL, v) <= 0) {
		r = RES_UNAVAIL;
		goto out;
	}
	draft_cookie(c, tok, DRAFT_TTL_S);
	explicit_bzero(tok, sizeof(tok));
	r = redirect_to(c, "/register/email");
out:
	if (have == 1)
		draft_free(&d);
	return r;
}

/* ---- 2. メールアドレスの確認 ----------------------------------------- */

static int
send_verify(struct ctx *c, struct draft *d, const char *email)
{
	struct db	*db = c->app->db;
	char		 link[TOKEN_LEN + 1], base[300], url[400], until[64];
	const char	*vars[5];
	int		 rc = -1;

	if (token_new(link, sizeof(link)) == -1)
		goto out;
	base_url(c, base, sizeof(base));
	snprintf(url, sizeof(url), "%s/register/verify?t=%s", base, link);
	jst_format(clock_now() + LINK_TTL_S, until, sizeof(until));
	vars[0] = "url";
	vars[1] = url;
	vars[2] = "expires";
	vars[3] = until;
	vars[4] = NULL;
	if (db_begin(db) < 0)
		goto out;
	if (dbq_draft_email(db, c->tenant->slug, d->token, email, link) <= 0 ||
	    mail_queue_secret(db, c->tenant, c->app->cfg->datadir, base,
	    "register_verify", email, vars) <= 0) {
		db_rollback(db);
		goto out;
	}
	rc = db_commit(db) < 0 ? -1 : 0;
out:
	explicit_bzero(link, sizeof(link));
	explicit_bzero(url, sizeof(url));
	return rc;
}

/*
 * Mail is sent for anyone who asks: bounded per address and per draft,
 * in buckets of their own (not the sign-in throttle's).  Each request
 * counts.  >0 must wait, 0 go on, <0 error.
 */
static int
verify_throttled(struct ctx *c, const struct draft *d)
{
	int	 a, b;

	if ((a = throttle_take(c->app->db, THR_VERIFY, c->remote ?
	    c->remote : "")) < 0 ||
	    (b = throttle_take(c->app->db, THR_VERIFY_DRAFT, d->token)) < 0)
		return -1;
	return a || b;
}

/* The address form of draft d, with values vp and errors rp. */
static enum result
show_email(struct ctx *c, const struct draft *d, const struct kvlist *vp,
    const struct form_result *rp)
{
	xmlNodePtr		 f;

	if (flow_page(c, "register-email", DRAFT_REGISTER, "email") == -1)
		return RES_INTERNAL;
	if (d->step == STEP_SENT && d->email[0] != '\0') {
		model_attr(c->content, "sent", "1");
		model_text(c->content, "email", d->email);
	} else if (d->verified)
		model_attr(c->content, "verified", "1");
	f = model_form(c, "register-email", "/register/email", email_fields,
	    NF(email_fields), vp, rp, NULL);
	model_attr(f, "submit-key", d->step == STEP_SENT ?
	    "reg.btn.resend" : "reg.btn.send-verify");
	model_attr(form_field(f, "email"), "autocomplete", "email");
	return RES_OK;
}

/* The address step as a form page (form_page_get/post, page.c). */
static enum result
email_load(struct ctx *c, void *st)
{
	return draft_need(c, st, STEP_EMAIL);
}

static void
email_values(struct ctx *c, void *st, struct kvlist *vals)
{
	struct draft	*d = st;

	(void)c;
	if (d->email[0] != '\0')
		kv_add(vals, "email", 5, d->email, strlen(d->email));
}

/* The verification link mailed, within the throttle's bounds. */
static enum result
email_save(struct ctx *c, void *st, const char **err)
{
	int		 over;

	(void)err;
	if ((over = verify_throttled(c, st)) != 0)
		return over > 0 ? RES_TOOMANY : RES_UNAVAIL;
	if (send_verify(c, st, kv_str(&c->form, "email")) == -1)
		return RES_UNAVAIL;
	return redirect_to(c, "/register/email?sent=1");
}

static enum result
email_show(struct ctx *c, void *st, const struct kvlist *vp,
    const struct form_result *rp, const char *err)
{
	(void)err;
	return show_email(c, st, vp, rp);
}

/* A form page's done step for a draft state (form_page, page.c). */
void
draft_done(void *st)
{
	draft_free(st);
}

static const struct form_page email_page = {
	.fields = email_fields, .nfields = NF(email_fields),
	.load = email_load, .values = email_values, .save = email_save,
	.show = email_show, .done = draft_done,
};

static enum result
page_register_email_get(struct ctx *c)
{
	struct draft	 d;

	return form_page_get(c, &email_page, &d);
}

static enum result
page_register_email_post(struct ctx *c)
{
	struct draft	 d;

	return form_page_post(c, &email_page, &d);
}

/*
 * A mailed draft link t (a registration's verification link or a
 * migration URL, by the draft kind it must belong to): what both pages
 * do before they draw.  Opened again after the draft moved, the draft
 * of this browser carries on.  Opened in the browser that holds the
 * draft, or confirmed by the button (a POST), the draft moves to this
 * browser at `step` and the answer is a redirect to `next`; a mail
 * scanner fetching the link moves nothing.  Otherwise RES_OK with
 * *state NULL (show the button), "invalid" or "expired".
 */
enum result
draft_link(struct ctx *c, int kind, const char *t, int step,
    const char *next, const char **state)
{
	struct dbres	*r = NULL;
	struct draft	 d;
	const char	*cookie = kv_str(&c->cookies, DRAFT_COOKIE);
	char		 tok[TOKEN_LEN + 1];
	int		 have, here;
	enum result	 res = RES_OK;

	*state = NULL;
	if (!token_syntax_ok(t))
		*state = "invalid";
	else if ((r = dbq_draft_by_link(c->app->db, c->tenant->slug, t,
	    token_syntax_ok(cookie) ? cookie : NULL)) == NULL)
		return RES_UNAVAIL;
	/* Link kinds are the column's ENUM index: DRAFT_* + 1. */
	else if (r->nrows != 1 || atoi(dbres_get(r, 0,
	    DRAFT_LINK_COL_KIND)) != kind + 1)
		*state = "invalid";
	else if (atoi(dbres_get(r, 0, DRAFT_LINK_COL_EXPIRED)) == 1)
		*state = "expired";
	if (*state != NULL && strcmp(*state, "invalid") == 0) {
		if ((have = draft_load(c, &d)) == 1 && d.verified &&
		    d.kind == kind) {
			res = draft_goto(c, &d);
			draft_free(&d);
			goto out;
		}
		if (have == 1)
			draft_free(&d);
	}
	here = *state == NULL && atoi(dbres_get(r, 0,
	    DRAFT_LINK_COL_MINE)) == 1;
	if (*state == NULL && (here || strcmp(c->method, "POST") == 0)) {
		if (here)
			copy(tok, sizeof(tok), cookie);
		else if (token_new(tok, sizeof(tok)) == -1) {
			res = RES_INTERNAL;
			goto out;
		}
		if (dbq_draft_open_link(c->app->db, c->tenant->slug, t, tok,
		    step) <= 0)
			res = RES_UNAVAIL;
		else {
			draft_cookie(c, tok, DRAFT_TTL_S);
			res = redirect_to(c, next);
		}
		explicit_bzero(tok, sizeof(tok));
		goto out;
	}
	if (session_anon(c) == -1)
		res = RES_UNAVAIL;
out:
	dbres_free(r);
	return res;
}

/*
 * The verification link: opened where the draft lives, it proves the
 * address at once; opened elsewhere (a phone's mail app), a button
 * moves the draft to this browser.  An expired link says so and offers
 * a new start.
 */
static enum result
register_verify(struct ctx *c, const char *t)
{
	const char	*state;
	xmlNodePtr	 f;
	enum result	 res;

	res = draft_link(c, DRAFT_REGISTER, t, STEP_LICENCE,
	    "/register/licence", &state);
	if (res != RES_OK)
		return res;
	if (flow_page(c, "register-verify", DRAFT_REGISTER, "email") == -1)
		return RES_INTERNAL;
	model_attr(c->content, "state", state ? state : "confirm");
	if (state == NULL) {
		f = model_form(c, "register-verify", "/register/verify", NULL, 0,
		    NULL, NULL, "reg.btn.continue-here");
		form_hidden(f, "t", t);
	} else
		c->status_hint = strcmp(state, "expired") == 0 ? 410 : 404;
	return RES_OK;
}

static enum result
page_register_verify_get(struct ctx *c)
{
	return register_verify(c, kv_str(&c->query, "t"));
}

static enum result
page_register_verify_post(struct ctx *c)
{
	return register_verify(c, kv_str(&c->form, "t"));
}

/* ---- 3. 医籍登録番号の登録 ------------------------------------------- */

/*
 * The draft's licence image, if it is still there: its owner may have
 * deleted it (upload.c) since.  1 (info filled), 0 none, -1 error.
 */
static int
licence_get(struct ctx *c, struct draft *d, struct upload_info *info)
{
	struct upload_owner	 o = { NULL, d->token };
	int			 r;

	if (d->licence_id <= 0)
		return 0;
	if ((r = upload_get(c, d->licence_id, &o, info)) == 0)
		d->licence_id = 0;
	return r;
}

/* The stored licence: inside the form's file field, or under parent. */
static void
licence_model(struct ctx *c, struct draft *d, xmlNodePtr form,
    xmlNodePtr parent)
{
	struct upload_info	 info;
	xmlNodePtr		 fld;

	if (licence_get(c, d, &info) != 1)
		return;
	if (form != NULL && (fld = form_field(form, "licence")) != NULL)
		upload_model(fld, &info);
	else if (parent != NULL)
		upload_model(model_node(parent, "licence"), &info);
}

/*
 * ACC-3's early refusal tells whether a number is registered, so it is
 * bounded like sign-in failures: each number this draft has not stored
 * yet counts against the source address and against the draft, in
 * buckets of their own.  1 taken, 0 free, 2 wait (nothing was looked
 * up), -1 error.
 */
static int
regno_check(struct ctx *c, const struct draft *d, const char *regno)
{
	int	 a, b;

	if (strcmp(regno, d->regno) != 0) {
		if ((a = throttle_take(c->app->db, THR_REGNO, c->remote ?
		    c->remote : "")) < 0 || (b = throttle_take(c->app->db,
		    THR_REGNO_DRAFT, d->token)) < 0)
			return -1;
		if (a || b)
			return 2;
	}
	return member_regno_taken(c, regno);
}

/* The draft at this step, and its licence image if still there. */
static enum result
licence_load(struct ctx *c, struct draft *d)
{
	struct upload_info	 info;
	enum result		 r;

	if ((r = draft_need(c, d, STEP_LICENCE)) != RES_OK)
		return r;
	if (licence_get(c, d, &info) == -1) {
		draft_free(d);
		return RES_UNAVAIL;
	}
	return RES_OK;
}

/* The licence step's form (fs) with values vp and errors rp. */
static enum result
show_licence(struct ctx *c, struct draft *d, const struct field *fs,
    const struct kvlist *vp, const struct form_result *rp)
{
	const char		*key;
	xmlNodePtr		 f;

	if (flow_page(c, "register-licence", d->kind, "licence") == -1)
		return RES_INTERNAL;
	f = model_form(c, "register-licence", "/register/licence", fs,
	    NF(licence_fields), vp, rp, "reg.btn.to-check");
	upload_form_field(c, f, "licence", UP_IMAGE);
	key = d->licence_id > 0 ? "reg.hint.licence-kept" : "reg.hint.licence";
	model_attr(form_field(f, "licence"), "hint-key", key);
	model_attr(form_field(f, "regno"), "hint-key", "reg.hint.regno");
	licence_model(c, d, f, NULL);
	return RES_OK;
}

static enum result
page_register_licence_get(struct ctx *c)
{
	struct draft		 d;
	struct field		 fs[NF(licence_fields)];
	struct kvlist		 vals = { NULL, 0, 0 };
	enum result		 r;

	if ((r = licence_load(c, &d)) != RES_OK)
		return r;
	memcpy(fs, licence_fields, sizeof(fs));
	fs[2].required = d.licence_id <= 0;
	if (d.regno[0] != '\0')
		kv_add(&vals, "regno", 5, d.regno, strlen(d.regno));
	if (d.regno_date[0] != '\0')
		kv_add(&vals, "regno_date", 10, d.regno_date,
		    strlen(d.regno_date));
	r = show_licence(c, &d, fs, &vals, NULL);
	kv_free(&vals);
	draft_free(&d);
	return r;
}

/*
 * The posted image, kept even when another field is wrong.  Its row
 * and audit line are one transaction (upload.h).  The new upload's id,
 * 0 when none was sent, -1 (and the error in res) when it failed.
 */
static long long
licence_store(struct ctx *c, struct upload_owner *o, struct form_result *res)
{
	const char	*errkey = NULL;
	long long	 id;

	if (db_begin(c->app->db) <= 0)
		id = -1;
	else {
		id = upload_store(c, "licence", UP_IMAGE, "licence", o,
		    &errkey);
		if (db_end(c->app->db, id >= 0) < 0)
			id = -1;
	}
	if (id < 0)
		form_error_once(res, "licence", errkey ? errkey :
		    "err.upload.db");
	return id;
}

/* The number and date, checked beyond their fields.  -1: db error. */
static int
licence_check(struct ctx *c, struct draft *d, struct form_result *res)
{
	char		 now[16];
	int		 taken;

	clock_today(now, sizeof(now));
	if (!form_has_error(res, "regno_date") &&
	    strcmp(kv_str(&c->form, "regno_date"), now) > 0)
		form_error_once(res, "regno_date", "reg.err.future");
	if (form_has_error(res, "regno"))
		return 0;
	if ((taken = regno_check(c, d, kv_str(&c->form, "regno"))) == -1)
		return -1;
	if (taken == 2) {
		form_error_once(res, "regno", "reg.err.regno-wait");
		c->status_hint = 429;
	} else if (taken)
		form_error_once(res, "regno", "reg.err.regno-taken");
	return 0;
}

static enum result
page_register_licence_post(struct ctx *c)
{
	struct draft		 d;
	struct form_result	 res;
	struct field		 fs[NF(licence_fields)];
	struct upload_owner	 o;
	const char		*regno, *date;
	long long		 id;
	enum result		 r;

	if ((r = licence_load(c, &d)) != RES_OK)
		return r;
	o.uid = NULL;
	o.draft = d.token;
	memcpy(fs, licence_fields, sizeof(fs));
	fs[2].required = d.licence_id <= 0;
	form_validate(fs, NF(fs), &c->form, &res);
	id = licence_store(c, &o, &res);
	regno = kv_str(&c->form, "regno");
	date = kv_str(&c->form, "regno_date");
	r = RES_UNAVAIL;
	if (licence_check(c, &d, &res) == -1)
		goto out;
	if (id > 0 && d.licence_id > 0)
		(void)upload_delete(c, d.licence_id, &o);
	if (id > 0)
		d.licence_id = id;
	/* Save what passed; a page with errors is this step again. */
	if (dbq_draft_licence(c->app->db, c->tenant->slug, d.token,
	    form_has_error(&res, "regno") ? d.regno : regno,
	    form_has_error(&res, "regno_date") ? d.regno_date : date,
	    d.licence_id) <= 0 ||
	    (res.nerr > 0 && dbq_draft_step(c->app->db,
	    c->tenant->slug, d.token, STEP_LICENCE) <= 0))
		goto out;
	if (res.nerr == 0) {
		r = redirect_to(c, "/register/check");
		goto out;
	}
	fs[2].required = d.licence_id <= 0;
	r = show_licence(c, &d, fs, &c->form, &res);
out:
	draft_free(&d);
	return r;
}

/* ---- 4. 登録内容の確認 ------------------------------------------------ */

static void
licence_summary(struct ctx *c, struct draft *d)
{
	xmlNodePtr	 n = model_node(c->content, "registration");

	model_attr(n, "regno", d->regno);
	model_attr(n, "regno-date", d->regno_date);
	if (d->email[0] != '\0')
		model_attr(n, "email", d->email);
	licence_model(c, d, NULL, n);
}

/*
 * The draft at the check step, with its number, date and image; RES_OK
 * with d loaded, else the answer (d freed).
 */
static enum result
check_load(struct ctx *c, struct draft *d)
{
	struct upload_info	 info;
	enum result		 r;
	int			 lic;

	if ((r = draft_need(c, d, STEP_CHECK)) != RES_OK)
		return r;
	if ((lic = licence_get(c, d, &info)) == -1)
		r = RES_UNAVAIL;
	else if (d->regno[0] == '\0' || d->regno_date[0] == '\0' || lic == 0)
		r = redirect_to(c, "/register/licence");
	if (r != RES_OK)
		draft_free(d);
	return r;
}

/* The check step as a form page: two buttons, no fields. */
static enum result
check_load_st(struct ctx *c, void *st)
{
	return check_load(c, st);
}

/* 「修正する」 goes back to the licence, 「OK」 on to the personal step. */
static enum result
check_save(struct ctx *c, void *st, const char **err)
{
	struct draft	*d = st;
	const char	*op = kv_str(&c->form, "op");

	(void)err;
	if (op == NULL || strcmp(op, "ok") != 0)
		return redirect_to(c, "/register/licence");
	if (d->step < STEP_PERSONAL && dbq_draft_step(c->app->db,
	    c->tenant->slug, d->token, STEP_PERSONAL) <= 0)
		return RES_UNAVAIL;
	return redirect_to(c, "/register/personal");
}

static enum result
check_show(struct ctx *c, void *st, const struct kvlist *vp,
    const struct form_result *rp, const char *err)
{
	xmlNodePtr	 f;

	(void)vp;
	(void)rp;
	(void)err;
	if (flow_page(c, "register-check", ((struct draft *)st)->kind, "check") == -1)
		return RES_INTERNAL;
	licence_summary(c, st);
	f = model_form(c, "register-check", "/register/check", NULL, 0, NULL,
	    NULL, NULL);
	model_button(f, "back", "reg.btn.fix", "secondary");
	model_button(f, "ok", "reg.btn.ok", NULL);
	return RES_OK;
}

static const struct form_page check_page = {
	.load = check_load_st, .save = check_save, .show = check_show,
	.done = draft_done,
};

static enum result
page_register_check_get(struct ctx *c)
{
	struct draft	 d;

	return form_page_get(c, &check_page, &d);
}

static enum result
page_register_check_post(struct ctx *c)
{
	struct draft	 d;

	return form_page_post(c, &check_page, &d);
}

/* ---- 5. 個人情報の登録 ------------------------------------------------ */

/*
 * Checks beyond one field's type: dates that must be past, a clinical
 * training completed no earlier than the 20th birthday, the password
 * policy and its confirmation.  pw_needed: no password is stored yet.
 */
static void
personal_checks(const struct draft *d, const struct kvlist *in,
    struct form_result *res, int pw_needed)
{
	const char	*pw = kv_str(in, "password"), *pw2, *k, *v, *done;
	char		 now[16];

	clock_today(now, sizeof(now));
	if (!form_has_error(res, "birth_date") &&
	    (v = kv_str(in, "birth_date")) != NULL && strcmp(v, now) >= 0)
		form_error_once(res, "birth_date", "reg.err.past");
	if (!form_has_error(res, "birth_date") &&
	    !form_has_error(res, "training_done_on") &&
	    (v = kv_str(in, "birth_date")) != NULL &&
	    (done = kv_str(in, "training_done_on")) != NULL &&
	    valid_date(v) && valid_date(done) &&
	    date_before_years(done, v, TRAINING_MIN_AGE))
		form_error_once(res, "training_done_on", "reg.err.training-age");
	/* Password: both empty keeps the stored one. */
	pw2 = kv_str(in, "password2");
	if (!pw_needed && (pw == NULL || *pw == '\0') &&
	    (pw2 == NULL || *pw2 == '\0'))
		return;
	if (form_has_error(res, "password"))
		return;
	if ((k = password_policy_check(pw, d->regno, d->email, NULL)) != NULL)
		form_error_once(res, "password", k);
	else if (pw2 == NULL || strcmp(pw, pw2) != 0)
		form_error_once(res, "password2", "err.password-mismatch");
}

/* Labels of the choices: sex by key, prefectures and domains by name. */
static void
personal_options(struct ctx *c, xmlNodePtr f)
{
	xmlNodePtr	 fld, o;
	xmlChar		*v;
	char		 key[32];

	if ((fld = form_field(f, "sex")) != NULL)
		for (o = fld->children; o != NULL; o = o->next) {
			if (o->type != XML_ELEMENT_NODE ||
			    strcmp((const char *)o->name, "option") != 0)
				continue;
			v = xmlGetProp(o, (const xmlChar *)"value");
			snprintf(key, sizeof(key), "reg.sex.%s",
			    v ? (const char *)v : "");
			xmlFree(v);
			model_attr(o, "key", key);
		}
	form_options_label(f, "pref", NULL, jp_prefs,
	    ctx_en(c));
	form_options_label(f, "desired_domain", NULL, jp_domains,
	    ctx_en(c));
}

/*
 * Keep what was typed (CORE-12): every value that fits its column,
 * valid or not yet (the confirmation checks everything again); one that
 * does not fit keeps the stored value.  Postal codes are stored as
 * 123-4567 once they are valid.
 */
static int
personal_save(struct ctx *c, const struct draft *d, const struct kvlist *in,
    int step)
{
	/* Characters of each register_draft column, in member_names[] order. */
	static const size_t	 width[PF__MAX] = {
		100, 100, 10, 1, 200, 10, 20, 8, 2, 300, 2,
	};
	const char		*v[PF__MAX], *t;
	char			 postal[9];
	size_t			 i, len;

	for (i = 0; i < PF__MAX; i++) {
		t = kv_str(in, member_names[i]);
		len = t != NULL ? strlen(t) : 0;
		if (t != NULL && utf8_xml_valid(t, len) &&
		    utf8_chars(t, len) <= width[i])
			v[i] = *t != '\0' ? t : NULL;
		else
			v[i] = kv_str(&d->personal, member_names[i]);
	}
	if (v[PF_POSTAL] != NULL && valid_postal(v[PF_POSTAL], postal,
	    sizeof(postal)))
		v[PF_POSTAL] = postal;
	return dbq_draft_personal(c->app->db, c->tenant->slug, d->token, v,
	    step);
}

/* The PF__MAX values of a list, in member_names[] order. */
static void
personal_values(const struct kvlist *l, const char **v)
{
	size_t	 i;

	for (i = 0; i < PF__MAX; i++)
		v[i] = kv_str(l, member_names[i]);
}

/* The personal step's form (fs) with values vp and errors rp. */
static enum result
show_personal(struct ctx *c, const struct draft *d, const struct field *fs,
    const struct kvlist *vp, const struct form_result *rp)
{
	xmlNodePtr		 f;

	if (flow_page(c, "register-personal", d->kind, "personal") == -1)
		return RES_INTERNAL;
	if (kv_str(&c->query, "saved") != NULL)
		model_attr(c->content, "saved", "1");
	if (d->kind == DRAFT_MIGRATE)
		model_attr(c->content, "prefilled", "1");
	f = model_form(c, "register-personal", "/register/personal", fs,
	    NF(personal_fields), vp, rp, NULL);
	personal_options(c, f);
	model_attr(form_field(f, "name_kanji"), "hint-key",
	    "reg.hint.name");
	model_attr(form_field(f, "name_kana"), "hint-key", "reg.hint.kana");
	model_attr(form_field(f, "postal_code"), "hint-key",
	    "reg.hint.postal");
	model_attr(form_field(f, "phone"), "autocomplete", "tel");
	model_attr(form_field(f, "postal_code"), "autocomplete",
	    "postal-code");
	model_attr(form_field(f, "password"), "hint-key", d->has_pw ?
	    "reg.hint.password-kept" : "hint.password-policy");
	model_attr(form_field(f, "password"), "autocomplete", "new-password");
	model_attr(form_field(f, "password2"), "autocomplete",
	    "new-password");
	model_button(f, "back", "btn.back", "secondary");
	model_button(f, "save", "btn.save", "secondary");
	model_button(f, "confirm", "btn.confirm", NULL);
	return RES_OK;
}

/* The personal fields; the password is asked only until one is kept. */
static void
personal_fields_of(const struct draft *d, struct field *fs)
{
	codes_init();
	memcpy(fs, personal_fields, sizeof(personal_fields));
	fs[PF__MAX].required = fs[PF__MAX + 1].required = !d->has_pw;
}

static enum result
page_register_personal_get(struct ctx *c)
{
	struct draft		 d;
	struct field		 fs[NF(personal_fields)];
	enum result		 r;

	if ((r = draft_need(c, &d, STEP_PERSONAL)) != RES_OK)
		return r;
	personal_fields_of(&d, fs);
	r = show_personal(c, &d, fs, &d.personal, NULL);
	draft_free(&d);
	return r;
}

static enum result
page_register_personal_post(struct ctx *c)
{
	struct draft		 d;
	struct form_result	 res;
	struct field		 fs[NF(personal_fields)];
	const char		*op = kv_str(&c->form, "op"), *pw;
	int			 confirm, pw_ok;
	enum result		 r;

	if ((r = draft_need(c, &d, STEP_PERSONAL)) != RES_OK)
		return r;
	personal_fields_of(&d, fs);
	r = RES_UNAVAIL;
	if (op != NULL && strcmp(op, "back") == 0) {
		/* A page change saves too (CORE-12). */
		if (personal_save(c, &d, &c->form, d.step) > 0)
			r = redirect_to(c, "/register/check");
		goto out;
	}
	confirm = op == NULL || strcmp(op, "save") != 0;
	form_validate(fs, NF(fs), &c->form, &res);
	personal_checks(&d, &c->form, &res, !d.has_pw);
	pw = kv_str(&c->form, "password");
	pw_ok = pw != NULL && *pw != '\0' &&
	    !form_has_error(&res, "password") &&
	    !form_has_error(&res, "password2");
	if (personal_save(c, &d, &c->form, confirm && res.nerr == 0 ?
	    STEP_CONFIRM : STEP_PERSONAL) <= 0 || (pw_ok &&
	    dbq_draft_password(c->app->db, c->tenant->slug, d.token, pw) <= 0))
		goto out;
	if (confirm && res.nerr == 0)
		r = redirect_to(c, "/register/confirm");
	else if (!confirm)
		r = redirect_to(c, "/register/personal?saved=1");
	else {
		/* Stored with the draft: kept, not to be typed again. */
		if (pw_ok)
			d.has_pw = 1;
		fs[PF__MAX].required = fs[PF__MAX + 1].required = !d.has_pw;
		r = show_personal(c, &d, fs, &c->form, &res);
	}
out:
	draft_free(&d);
	return r;
}

/* ---- 6. 確認 → 登録 ---------------------------------------------------- */

/*
 * Everything the account needs, checked again as stored: the draft may
 * have been left at any step and edited since.  Returns the page to go
 * back to, or NULL when all is in order.
 */
static const char *
draft_complete(struct ctx *c, struct draft *d)
{
	struct form_result	 res;
	struct upload_info	 info;
	struct kvlist		 lic = { NULL, 0, 0 };
	const char		*back = NULL;

	codes_init();
	kv_add(&lic, "regno", 5, d->regno, strlen(d->regno));
	kv_add(&lic, "regno_date", 10, d->regno_date, strlen(d->regno_date));
	if (form_validate(licence_fields, 2, &lic, &res) == -1 ||
	    licence_get(c, d, &info) != 1)
		back = "/register/licence";
	else if (form_validate(personal_fields, PF__MAX, &d->personal,
	    &res) == -1 || !d->has_pw)
		back = "/register/personal";
	else {
		personal_checks(d, &d->personal, &res, 0);
		if (res.nerr > 0)
			back = "/register/personal";
	}
	kv_free(&lic);
	return back;
}

/*
 * Make the account: the member row first (ACC-3), the portal account,
 * its role and terms, the licence and (migration) the old system's
 * training history, the mail with the login URL, the draft gone — then
 * the directory entry, and commit.  Returns NULL on success, else the
 * message key for the page.
 */
static const char *
make_account(struct ctx *c, struct draft *d, char *uid, size_t uidlen)
{
	struct db	*db = c->app->db;
	struct dbres	*pw = NULL;
	struct dir_user	 u;
	const char	*v[PF__MAX], *vars[7], *err = "reg.err.unavailable";
	const char	*tn = c->tenant->slug;
	char		 act[TOKEN_LEN + 1], base[300], url[400];
	int		 rc, began = 0;

	personal_values(&d->personal, v);
	if (dir_new_uid(uid, uidlen) == -1 ||
	    token_new(act, sizeof(act)) == -1)
		goto out;
	if ((pw = dbq_draft_password_get(db, tn, d->token)) == NULL ||
	    pw->nrows != 1 || dbres_get(pw, 0, DRAFT_PW_COL_PASSWORD) == NULL)
		goto out;
	base_url(c, base, sizeof(base));
	snprintf(url, sizeof(url), "%s/register/activate?t=%s", base, act);
	vars[0] = "login_url";
	vars[1] = url;
	vars[2] = "login_id";
	vars[3] = d->regno;
	vars[4] = "name";
	vars[5] = v[PF_NAME_KANJI];
	vars[6] = NULL;
	if (db_begin(db) < 0)
		goto out;
	began = 1;
	rc = dbq_member_add(db, tn, uid, d->regno, d->regno_date,
	    d->licence_id, v, d->email, act, d->legacy_id);
	if (rc == DB_DUP) {
		err = "reg.err.regno-taken";
		goto out;
	}
	if (rc <= 0 || account_ensure(db, tn, uid) < 0 ||
	    role_grant(db, tn, uid, "member") < 0 ||
	    (d->terms_version > 0 && dbq_terms_accept(db, tn, uid,
	    d->terms_version) < 0) ||
	    upload_adopt(db, tn, d->token, uid) < 0 ||
	    upload_submit(db, tn, d->licence_id) <= 0)
		goto out;
	if (d->legacy_id > 0) {
		if ((rc = dbq_legacy_migrated(db, tn, d->legacy_id, uid)) == 0)
			err = "reg.err.migrated";
		if (rc <= 0 || dbq_training_from_legacy(db, tn, uid,
		    d->legacy_id) < 0)
			goto out;
	}
	if (audit_log(db, tn, uid, d->legacy_id > 0 ? "migrate.register" :
	    "register", d->regno, c->remote, NULL) < 0 ||
	    mail_queue(db, c->tenant, c->app->cfg->datadir, base,
	    "register_done", d->email, vars) <= 0 ||
	    dbq_draft_del(db, tn, d->token) <= 0)
		goto out;
	/* Last before commit: the directory cannot be rolled back. */
	rc = dir_add_user(c->app->dir, c->tenant, uid, d->regno, d->email,
	    v[PF_NAME_KANJI], v[PF_NAME_KANA], dbres_get(pw, 0,
	    DRAFT_PW_COL_PASSWORD));
	if (rc == 0)
		err = "reg.err.taken";
	if (rc <= 0)
		goto out;
	if (db_commit(db) < 0) {
		began = 0;
		if (dir_get_uid(c->app->dir, c->tenant, uid, &u) == 1)
			(void)dir_delete(c->app->dir, u.dn);
		goto out;
	}
	began = 0;
	err = NULL;
out:
	if (began)
		db_rollback(db);
	if (pw != NULL && pw->nrows == 1 && pw->cell[0] != NULL)
		explicit_bzero(pw->cell[0], pw->len[0]);
	dbres_free(pw);
	explicit_bzero(act, sizeof(act));
	explicit_bzero(url, sizeof(url));
	return err;
}

/* The draft, complete, at the last step; else the answer (d freed). */
static enum result
confirm_load(struct ctx *c, struct draft *d)
{
	const char	*back;
	enum result	 r;

	if ((r = draft_need(c, d, STEP_CONFIRM)) != RES_OK)
		return r;
	if ((back = draft_complete(c, d)) != NULL) {
		r = redirect_to(c, back);
		draft_free(d);
	}
	return r;
}

/* Everything entered, and the button; err: why registering failed. */
static enum result
show_confirm(struct ctx *c, struct draft *d, const char *err)
{
	const char	*v[PF__MAX];
	xmlNodePtr	 f, n;

	if (flow_page(c, "register-confirm", d->kind, "confirm") == -1)
		return RES_INTERNAL;
	licence_summary(c, d);
	n = model_node(c->content, "personal");
	personal_values(&d->personal, v);
	member_items_model(n, v, ctx_en(c));
	f = model_form(c, "register-confirm", "/register/confirm", NULL, 0,
	    NULL, NULL, NULL);
	model_button(f, "back", "reg.btn.fix", "secondary");
	model_button(f, "register", "btn.register", NULL);
	if (err != NULL) {
		model_error(c, err, NULL);
		c->status_hint = strcmp(err, "reg.err.unavailable") == 0 ?
		    503 : 409;
	}
	return RES_OK;
}

/* The last step as a form page: the buttons, no fields. */
static enum result
confirm_load_st(struct ctx *c, void *st)
{
	return confirm_load(c, st);
}

/* 「登録する」 makes the account; *err says why it could not. */
static enum result
confirm_save(struct ctx *c, void *st, const char **err)
{
	struct draft	*d = st;
	const char	*op = kv_str(&c->form, "op");
	char		 uid[DIR_UID_LEN + 1];

	if (op == NULL || strcmp(op, "register") != 0)
		return redirect_to(c, "/register/personal");
	if ((*err = make_account(c, d, uid, sizeof(uid))) != NULL) {
		log_info("%s: registration refused: %s", c->tenant->slug,
		    *err);
		return RES_OK;
	}
	draft_cookie(c, "", 0);
	return redirect_to(c, d->kind == DRAFT_MIGRATE ?
	    "/register/done?migrated=1" : "/register/done");
}

static enum result
confirm_show(struct ctx *c, void *st, const struct kvlist *vp,
    const struct form_result *rp, const char *err)
{
	(void)vp;
	(void)rp;
	return show_confirm(c, st, err);
}

static const struct form_page confirm_page = {
	.load = confirm_load_st, .save = confirm_save, .show = confirm_show,
	.done = draft_done,
};

static enum result
page_register_confirm_get(struct ctx *c)
{
	struct draft	 d;

	return form_page_get(c, &confirm_page, &d);
}

static enum result
page_register_confirm_post(struct ctx *c)
{
	struct draft	 d;

	return form_page_post(c, &confirm_page, &d);
}

static enum result
page_register_done(struct ctx *c)
{
	int	 migrated = kv_str(&c->query, "migrated") != NULL;

	if (flow_page(c, "register-done", migrated ? DRAFT_MIGRATE :
	    DRAFT_REGISTER, "done") == -1)
		return RES_INTERNAL;
	return RES_OK;
}

/* ---- 7. ログインURL ----------------------------------------------------- */

static enum result
page_register_activate(struct ctx *c)
{
	struct dbres	*r = NULL;
	const char	*t = kv_str(&c->query, "t"), *state = "invalid";
	enum result	 res = RES_OK;

	if (token_syntax_ok(t)) {
		if ((r = dbq_member_activation(c->app->db, c->tenant->slug,
		    t)) == NULL)
			return RES_UNAVAIL;
		if (r->nrows == 1 && atoi(dbres_get(r, 0,
		    MEMBER_ACT_COL_ACTIVE)) == 1)
			state = "already";
		else if (r->nrows == 1) {
			/* The opening and its audit line: both or neither. */
			if (db_begin(c->app->db) <= 0 || db_end(c->app->db,
			    dbq_member_activate(c->app->db, c->tenant->slug,
			    t) >= 0 && audit_log(c->app->db, c->tenant->slug,
			    dbres_get(r, 0, MEMBER_ACT_COL_UID),
			    "register.activate", dbres_get(r, 0,
			    MEMBER_ACT_COL_REGNO), c->remote, NULL) > 0) < 0) {
				res = RES_UNAVAIL;
				goto out;
			}
			state = "done";
		}
	}
	if (model_new(c, "register-activate") == -1) {
		res = RES_INTERNAL;
		goto out;
	}
	model_attr(c->content, "state", state);
	if (strcmp(state, "invalid") == 0)
		c->status_hint = 404;
out:
	dbres_free(r);
	return res;
}

/* The feature's pages; the migration's and 会員情報 are in their files. */
const struct page register_pages[] = {
	{ .name = "register", .methods = M_GET | M_POST, .path = "/register",
	    .flags = PAGE_TENANT | PAGE_GUEST, .get = page_register_get,
	    .post = page_register_post,
	    .menu = "menu.register", .feature = "register" },
	{ .name = "register-email", .methods = M_GET | M_POST,
	    .path = "/register/email", .flags = PAGE_TENANT,
	    .get = page_register_email_get,
	    .post = page_register_email_post,
	    .feature = "register",
	    .fields = email_fields, .nfields = NF(email_fields) },
	{ .name = "register-verify", .methods = M_GET | M_POST,
	    .path = "/register/verify", .flags = PAGE_TENANT,
	    .get = page_register_verify_get,
	    .post = page_register_verify_post,
	    .feature = "register" },
	{ .name = "register-licence", .methods = M_GET | M_POST,
	    .path = "/register/licence", .flags = PAGE_TENANT,
	    .get = page_register_licence_get,
	    .post = page_register_licence_post,
	    .feature = "register",
	    .fields = licence_fields, .nfields = NF(licence_fields) },
	{ .name = "register-check", .methods = M_GET | M_POST,
	    .path = "/register/check", .flags = PAGE_TENANT,
	    .get = page_register_check_get,
	    .post = page_register_check_post,
	    .feature = "register" },
	{ .name = "register-personal", .methods = M_GET | M_POST,
	    .path = "/register/personal", .flags = PAGE_TENANT,
	    .get = page_register_personal_get,
	    .post = page_register_personal_post,
	    .feature = "register",
	    .fields = personal_fields, .nfields = NF(personal_fields) },
	{ .name = "register-confirm", .methods = M_GET | M_POST,
	    .path = "/register/confirm", .flags = PAGE_TENANT,
	    .get = page_register_confirm_get,
	    .post = page_register_confirm_post,
	    .feature = "register" },
	{ .name = "register-done", .methods = M_GET,
	    .path = "/register/done", .flags = PAGE_TENANT,
	    .get = page_register_done, .feature = "register" },
	{ .name = "register-activate", .methods = M_GET,
	    .path = "/register/activate", .flags = PAGE_TENANT,
	    .get = page_register_activate, .feature = "register" },
	{ .name = NULL },
};
