/*
 * member.c — 会員情報 (ACC-4): a member views their record; contact
 * fields (電話, 郵便番号, 住所) change directly, audited; the mail
 * address only with the current password and once the new address has
 * opened the link mailed to it (/member/email), the old one told;
 * identity fields (氏名, フリガナ, 生年月日, 医籍登録番号, 医籍登録日)
 * change only through a request a tenant admin approves or rejects on
 * /admin/member-changes, audited and mailed to the member.
 *
 * The directory holds the sign-in identifier (employeeNumber), the
 * address and the name too: a change of those is written there inside
 * the database transaction, and undone if the commit fails.
 *
 * Also the small checks and labels the registration pages and
 * shikakuctl share (member.h).
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
#include "directory.h"
#include "form.h"
#include "jp.h"
#include "log.h"
#include "mail.h"
#include "member.h"
#include "session.h"
#include "tenant.h"
#include "upload.h"

#define NF(a)		(sizeof(a) / sizeof((a)[0]))
#define DECIDED_ROWS	30
#define EMAIL_LINK_S	(24 * 60 * 60)	/* a new address's link is good */

/* Contact fields: changed directly. */
static const char *const contact_names[] = {
	"phone", "postal_code", "pref", "address",
};
/* Identity fields: changed through a request (member_change.field). */
static const char *const identity_names[] = {
	"name_kanji", "name_kana", "birth_date", "regno", "regno_date",
};

/* The identity fields as the member's mails name them (Japanese). */
static const struct {
	const char	*name;
	const char	*ja;
} identity_labels[] = {
	{ "name_kanji", "氏名（漢字）" }, { "name_kana", "氏名（フリガナ）" },
	{ "birth_date", "生年月日" }, { "regno", "医籍登録番号" },
	{ "regno_date", "医籍登録日" },
};

static const struct field email_field =
	{ "email", F_EMAIL, 1, 254, "field.email", NULL };
/*
 * Asked when the address changes (ACC-4): a browser left signed in is
 * not enough to send the account's mail, and so its password resets,
 * elsewhere.
 */
static const struct field contact_pw_field =
	{ "password", F_PASSWORD, 0, 0, "field.password-current", NULL };
const struct field member_decide_fields[2] = {
	{ "id", F_NUMBER, 1, 0, "reg.f.change-id", NULL },
	{ "comment", F_TEXTAREA, 0, 500, "reg.f.comment", NULL },
};

/* ---- the directory side of a change -------------------------------- */

/*
 * Replace attributes of uid's directory entry: the identifier
 * (employeeNumber), the address, the name and its reading.  attr/value
 * pairs, NULL-terminated.  1 done, 0 no such entry, -1 error.
 */
static int
member_dir_replace(struct ctx *c, const char *uid, const char *const *av)
{
	struct dir_user	 u;
	int		 f;

	if ((f = dir_get_uid(c->app->dir, c->tenant, uid, &u)) != 1)
		return f;
	return dir_replace(c->app->dir, u.dn, av);
}

/* The directory attributes a member field lives in (NULL: none). */
static int
dir_field(struct ctx *c, const char *uid, const char *field,
    const char *value)
{
	const char	*av[5] = { NULL, NULL, NULL, NULL, NULL };

	if (strcmp(field, "regno") == 0) {
		av[0] = "employeeNumber";
		av[1] = value;
	} else if (strcmp(field, "email") == 0) {
		av[0] = "mail";
		av[1] = value;
	} else if (strcmp(field, "name_kanji") == 0) {
		av[0] = "cn";
		av[1] = value;
		av[2] = "displayName";
		av[3] = value;
	} else if (strcmp(field, "name_kana") == 0) {
		av[0] = "cn;lang-ja-x-phonetic";
		av[1] = value;
		av[2] = "displayName;lang-ja-x-phonetic";
		av[3] = value;
	} else
		return 1;
	return member_dir_replace(c, uid, av);
}

/* ---- /member --------------------------------------------------------- */

/* The member row as PF__MAX values (enum member_col). */
static void
row_values(const struct dbres *r, const char **v)
{
	size_t	 i;

	for (i = 0; i < PF__MAX; i++)
		v[i] = dbres_get(r, 0, MEMBER_COL_PF + i);
}

static void
changes_model(struct ctx *c, xmlNodePtr parent, const struct dbres *r)
{
	xmlNodePtr	 ch, n;
	size_t		 i;

	n = model_node(parent, "changes");
	for (i = 0; i < r->nrows; i++) {
		ch = model_node(n, "change");
		model_attr(ch, "id", dbres_get(r, i, CHANGE_OF_COL_ID));
		model_attr(ch, "field", dbres_get(r, i, CHANGE_OF_COL_FIELD));
		model_attr(ch, "state", dbres_get(r, i, CHANGE_OF_COL_STATE));
		model_attr(ch, "requested", dbres_get(r, i,
		    CHANGE_OF_COL_REQUESTED));
		model_attr(ch, "decided", dbres_get(r, i,
		    CHANGE_OF_COL_DECIDED));
		model_text(ch, "old", dbres_get(r, i, CHANGE_OF_COL_OLD));
		model_text(ch, "new", dbres_get(r, i, CHANGE_OF_COL_NEW));
		if (dbres_get(r, i, CHANGE_OF_COL_COMMENT) != NULL)
			model_text(ch, "comment", dbres_get(r, i,
			    CHANGE_OF_COL_COMMENT));
	}
	(void)c;
}

static void
training_model(struct ctx *c, xmlNodePtr parent, const struct dbres *r)
{
	xmlNodePtr	 t, p;
	const char	*l;
	size_t		 i;

	t = model_node(parent, "training");
	for (i = 0; i < r->nrows; i++) {
		p = model_node(t, "period");
		model_attr(p, "domain", dbres_get(r, i, TRAINING_COL_DOMAIN));
		if ((l = jp_label(jp_domains, dbres_get(r, i,
		    TRAINING_COL_DOMAIN), ctx_en(c))) != NULL)
			model_attr(p, "domain-name", l);
		model_attr(p, "from", dbres_get(r, i, TRAINING_COL_FROM));
		model_attr(p, "to", dbres_get(r, i, TRAINING_COL_TO));
		model_attr(p, "status", dbres_get(r, i, TRAINING_COL_STATUS));
		model_attr(p, "source", dbres_get(r, i, TRAINING_COL_SOURCE));
		model_text(p, "facility", dbres_get(r, i,
		    TRAINING_COL_FACILITY));
	}
}

enum result
page_member(struct ctx *c)
{
	struct dbres		*m = NULL, *t = NULL, *ch = NULL;
	struct upload_owner	 o = { c->sess.uid, NULL };
	struct upload_info	 info;
	const char		*v[PF__MAX], *saved;
	xmlNodePtr		 n;
	long long		 lic;
	enum result		 r = RES_UNAVAIL;

	if ((m = dbq_member_get(c->app->db, c->tenant->slug,
	    c->sess.uid)) == NULL)
		goto out;
	if (model_new(c, "member") == -1) {
		r = RES_INTERNAL;
		goto out;
	}
	if ((saved = kv_str(&c->query, "saved")) != NULL)
		model_flash(c, strcmp(saved, "change") == 0 ?
		    "reg.msg.change-requested" : strcmp(saved, "email") == 0 ?
		    "reg.msg.email-pending" : "reg.msg.contact-saved",
		    "success");
	if (m->nrows != 1) {
		/* Staff made with shikakuctl have no member record. */
		model_attr(c->content, "none", "1");
		r = RES_OK;
		goto out;
	}
	if ((t = dbq_training_list(c->app->db, c->tenant->slug,
	    c->sess.uid)) == NULL || (ch = dbq_change_of(c->app->db,
	    c->tenant->slug, c->sess.uid)) == NULL)
		goto out;
	n = model_node(c->content, "member");
	model_attr(n, "regno", dbres_get(m, 0, MEMBER_COL_REGNO));
	model_attr(n, "regno-date", dbres_get(m, 0, MEMBER_COL_REGNO_DATE));
	model_attr(n, "email", dbres_get(m, 0, MEMBER_COL_EMAIL));
	model_attr(n, "activated", dbres_get(m, 0, MEMBER_COL_ACTIVATED));
	model_attr(n, "legacy-id", dbres_get(m, 0, MEMBER_COL_LEGACY_ID));
	model_attr(n, "since", dbres_get(m, 0, MEMBER_COL_SINCE));
	row_values(m, v);
	member_items_model(model_node(n, "personal"), v, ctx_en(c));
	lic = atoll(dbres_get(m, 0, MEMBER_COL_LICENCE_ID));
	if (lic > 0 && upload_get(c, lic, &o, &info) == 1)
		upload_model(model_node(n, "licence"), &info);
	training_model(c, n, t);
	changes_model(c, n, ch);
	r = RES_OK;
out:
	dbres_free(m);
	dbres_free(t);
	dbres_free(ch);
	return r;
}

/* ---- /member/contact ------------------------------------------------- */

static int
contact_fields(struct field *fs)
{
	size_t	 i;

	for (i = 0; i < NF(contact_names); i++)
		fs[i] = *member_field(contact_names[i]);
	fs[i++] = email_field;
	fs[i++] = contact_pw_field;
	return (int)i;
}

/* Mail the old address that the contact details changed (CORE-14). */
static int
contact_mail(struct ctx *c, const char *to, const char *name)
{
	char		 base[300], when[64];
	const char	*vars[5];

	base_url(c, base, sizeof(base));
	jst_format(clock_now(), when, sizeof(when));
	vars[0] = "name";
	vars[1] = name;
	vars[2] = "changed_at";
	vars[3] = when;
	vars[4] = NULL;
	return mail_queue(c->app->db, c->tenant, c->app->cfg->datadir, base,
	    "register_contact_changed", to, vars);
}

/*
 * The mails of an address change (CORE-14), in the caller's
 * transaction: the link to the new address, the notice to the old.
 */
static int
email_change_mails(struct ctx *c, const char *token, const char *old,
    const char *new, const char *name)
{
	char		 base[300], url[400], when[64], until[64];
	const char	*vars[11];
	time_t		 now = clock_now();

	base_url(c, base, sizeof(base));
	snprintf(url, sizeof(url), "%s/member/email?t=%s", base, token);
	jst_format(now, when, sizeof(when));
	jst_format(now + EMAIL_LINK_S, until, sizeof(until));
	vars[0] = "name";
	vars[1] = name;
	vars[2] = "url";
	vars[3] = url;
	vars[4] = "expires";
	vars[5] = until;
	vars[6] = "new_email";
	vars[7] = new;
	vars[8] = "changed_at";
	vars[9] = when;
	vars[10] = NULL;
	if (mail_queue_secret(c->app->db, c->tenant, c->app->cfg->datadir,
	    base, "email_change_confirm", new, vars) <= 0)
		return -1;
	/* The old address never sees the link. */
	vars[2] = "url";
	vars[3] = "";
	explicit_bzero(url, sizeof(url));
	return mail_queue(c->app->db, c->tenant, c->app->cfg->datadir, base,
	    "email_change_notice", old, vars);
}

/*
 * The signed-in member's current password, asked before an address
 * change.  A wrong one counts towards the lock (CORE-6) as on
 * /account/password.  NULL when right, else a message key; *field is
 * set when the key is about the password field.
 */
static const char *
contact_password(struct ctx *c, const char *pw, const char **field)
{
	struct db	*db = c->app->db;
	struct dir_user	 u;
	const char	*tn = c->tenant->slug, *uid = c->sess.uid;
	const char	*key = "reg.err.unavailable";
	int		 k;

	*field = NULL;
	if (pw == NULL || *pw == '\0') {
		*field = "password";
		key = "err.required";
		goto out;
	}
	if ((k = account_locked(db, tn, uid)) != 0) {
		if (k > 0)
			key = "err.account.locked";
		goto out;
	}
	if (dir_get_uid(c->app->dir, c->tenant, uid, &u) != 1 ||
	    (k = dir_check_password(c->app->dir, u.dn, pw)) < 0)
		goto out;
	if (k == 0) {
		if (account_failure(db, tn, uid) > 0)
			(void)audit_log(db, tn, uid, "lock", NULL, c->remote,
			    "contact change");
		(void)audit_log(db, tn, uid, "member.contact.fail", uid,
		    c->remote, "wrong password");
		*field = "password";
		key = "err.password-current";
		goto out;
	}
	(void)account_success(db, tn, uid);
	key = NULL;
out:
	return key;
}

/*
 * Save the contact fields.  The address, if it changed, is not saved
 * but waits in email_change for its link (*pending set), which is
 * mailed in the same transaction; the old address is told.
 */
static const char *
contact_save(struct ctx *c, const struct dbres *m, const struct kvlist *in,
    const char *postal, int *pending)
{
	struct db	*db = c->app->db;
	struct dir_user	 other;
	const char	*tn = c->tenant->slug, *uid = c->sess.uid;
	const char	*email = kv_str(in, "email");
	const char	*old = dbres_get(m, 0, MEMBER_COL_EMAIL);
	const char	*name = dbres_get(m, 0, MEMBER_COL_PF + PF_NAME_KANJI);
	const char	*err = "reg.err.unavailable";
	char		 token[TOKEN_LEN + 1];
	int		 moved = strcmp(email, old) != 0, f;

	*pending = 0;
	token[0] = '\0';
	/* One person per address in the directory (as at registration). */
	if (moved) {
		if ((f = dir_find_mail(c->app->dir, c->tenant, email,
		    &other)) == -1)
			goto out;
		if (f == 1 && strcmp(other.uid, uid) != 0) {
			err = "reg.err.email-taken";
			goto out;
		}
		if (token_new(token, sizeof(token)) == -1)
			goto out;
	}
	if (db_begin(db) < 0)
		goto out;
	if (dbq_member_contact(db, tn, uid, kv_str(in, "phone"), postal,
	    kv_str(in, "pref"), kv_str(in, "address"), old) <= 0 ||
	    audit_log(db, tn, uid, "member.contact", uid, c->remote,
	    moved ? "email change requested" : NULL) < 0)
		goto fail;
	if (moved ? dbq_email_change_put(db, tn, uid, token, email,
	    EMAIL_LINK_S) <= 0 || email_change_mails(c, token, old, email,
	    name) <= 0 : contact_mail(c, old, name) <= 0)
		goto fail;
	if (db_commit(db) < 0)
		goto fail;
	*pending = moved;
	err = NULL;
	goto out;
fail:
	db_rollback(db);
out:
	explicit_bzero(token, sizeof(token));
	return err;
}

/* The change waiting for its link, on the form (ACC-4). */
static void
contact_pending(struct ctx *c, xmlNodePtr f)
{
	struct dbres	*p;

	if ((p = dbq_email_change_pending(c->app->db, c->tenant->slug,
	    c->sess.uid)) == NULL)
		return;
	if (p->nrows == 1) {
		model_attr(f, "pending-email", dbres_get(p, 0,
		    EMAIL_PENDING_COL_EMAIL));
		model_attr(f, "pending-until", dbres_get(p, 0,
		    EMAIL_PENDING_COL_UNTIL));
	}
	dbres_free(p);
}

/* contact_names[]' columns of dbq_member_get() (the password is never
 * shown). */
static const int contact_col[] = { MEMBER_COL_PF + PF_PHONE,
    MEMBER_COL_PF + PF_POSTAL, MEMBER_COL_PF + PF_PREF,
    MEMBER_COL_PF + PF_ADDRESS, MEMBER_COL_EMAIL };

/* The member's row: RES_OK with *m set, else the answer. */
static enum result
contact_load(struct ctx *c, struct dbres **m)
{
	if ((*m = dbq_member_get(c->app->db, c->tenant->slug,
	    c->sess.uid)) == NULL)
		return RES_UNAVAIL;
	return (*m)->nrows == 1 ? RES_OK : RES_NOTFOUND;
}

/* The contact form with values vp, errors rp and message err. */
static enum result
show_contact(struct ctx *c, const struct field *fs, size_t n,
    const struct kvlist *vp, const struct form_result *rp, const char *err)
{
	xmlNodePtr		 f;

	if (model_new(c, "member-contact") == -1)
		return RES_INTERNAL;
	f = form_model(xmlDocGetRootElement(c->model), "member-contact",
	    "/member/contact", fs, n, vp, rp);
	model_attr(f, "csrf", c->sess.csrf);
	model_attr(f, "submit-key", "reg.btn.save-contact");
	form_options_label(f, "pref", NULL, jp_prefs, ctx_en(c));
	model_attr(form_field(f, "postal_code"), "hint-key",
	    "reg.hint.postal");
	model_attr(form_field(f, "email"), "hint-key", "reg.hint.email");
	model_attr(form_field(f, "password"), "hint-key",
	    "reg.hint.contact-password");
	model_attr(form_field(f, "password"), "autocomplete",
	    "current-password");
	contact_pending(c, f);
	if (err != NULL)
		model_error(c, err, strcmp(err, "reg.err.email-taken") == 0 ?
		    "email" : NULL);
	return RES_OK;
}

enum result
page_member_contact_get(struct ctx *c)
{
	struct dbres		*m = NULL;
	struct field		 fs[NF(contact_names) + 2];
	struct kvlist		 vals = { NULL, 0, 0 };
	const char		*v;
	size_t			 i, n = (size_t)contact_fields(fs);
	enum result		 r;

	if ((r = contact_load(c, &m)) != RES_OK)
		goto out;
	for (i = 0; i < NF(contact_col); i++)
		if ((v = dbres_get(m, 0, (size_t)contact_col[i])) != NULL)
			kv_add(&vals, fs[i].name, strlen(fs[i].name),
			    v, strlen(v));
	r = show_contact(c, fs, n, &vals, NULL, NULL);
out:
	kv_free(&vals);
	dbres_free(m);
	return r;
}

enum result
page_member_contact_post(struct ctx *c)
{
	struct dbres		*m = NULL;
	struct field		 fs[NF(contact_names) + 2];
	struct form_result	 res;
	const char		*v, *err = NULL, *field = NULL, *email;
	char			 postal[9];
	size_t			 n = (size_t)contact_fields(fs);
	int			 pending = 0;
	enum result		 r;

	if ((r = contact_load(c, &m)) != RES_OK)
		goto out;
	form_validate(fs, n, &c->form, &res);
	/* Valid (F_POSTAL): stored as 123-4567. */
	postal[0] = '\0';
	if ((v = kv_str(&c->form, "postal_code")) != NULL)
		(void)valid_postal(v, postal, sizeof(postal));
	email = kv_str(&c->form, "email");
	if (res.nerr == 0 && email != NULL &&
	    strcmp(email, dbres_get(m, 0, MEMBER_COL_EMAIL)) != 0 &&
	    (err = contact_password(c, kv_str(&c->form, "password"),
	    &field)) != NULL && field != NULL) {
		form_error_add(&res, field, err);
		err = NULL;
	}
	if (res.nerr == 0 && err == NULL &&
	    (err = contact_save(c, m, &c->form, postal, &pending)) == NULL) {
		snprintf(c->location, sizeof(c->location), "/member?saved=%s",
		    pending ? "email" : "contact");
		r = RES_REDIRECT;
		goto out;
	}
	r = show_contact(c, fs, n, &c->form, &res, err);
out:
	dbres_free(m);
	return r;
}

/* ---- /member/email: the link mailed to a new address ----------------- */

/* The answer of /member/email: state is invalid (404), taken (409) or done. */
static enum result
member_email_show(struct ctx *c, const char *state)
{
	if (model_new(c, "member-email") == -1)
		return RES_INTERNAL;
	model_attr(c->content, "state", state);
	if (strcmp(state, "invalid") == 0)
		c->status_hint = 404;
	else if (strcmp(state, "taken") == 0)
		c->status_hint = 409;
	return RES_OK;
}

/*
 * ACC-4: the new address says yes.  The member row and the directory's
 * mail change together (the directory is put back if the commit
 * fails), and the link is spent.  Signed in or not: the token, which
 * only the new address received, is the proof.
 */
enum result
page_member_email(struct ctx *c)
{
	struct db	*db = c->app->db;
	struct dbres	*r = NULL;
	struct dir_user	 other;
	const char	*t = kv_str(&c->query, "t"), *state = "invalid";
	const char	*tn = c->tenant->slug, *uid = NULL, *nv, *ov = NULL;
	int		 f, began = 0, dir_done = 0;
	enum result	 res = RES_UNAVAIL;

	if (!token_syntax_ok(t))
		goto show;
	if (db_begin(db) < 0)
		goto out;
	began = 1;
	if ((r = dbq_email_change_get(db, tn, t)) == NULL)
		goto out;
	if (r->nrows != 1)
		goto show;
	uid = dbres_get(r, 0, EMAIL_CHANGE_COL_UID);
	nv = dbres_get(r, 0, EMAIL_CHANGE_COL_NEW);
	ov = dbres_get(r, 0, EMAIL_CHANGE_COL_OLD);
	if ((f = dir_find_mail(c->app->dir, c->tenant, nv, &other)) == -1)
		goto out;
	if (f == 1 && strcmp(other.uid, uid) != 0) {
		/* Taken by someone else since: this change cannot be. */
		if (dbq_email_change_del(db, tn, t) < 0 ||
		    audit_log(db, tn, uid, "member.email.taken", uid,
		    c->remote, NULL) < 0 || db_commit(db) < 0)
			goto out;
		began = 0;
		state = "taken";
		goto show;
	}
	if (dbq_email_change_del(db, tn, t) <= 0 ||
	    dbq_member_email(db, tn, uid, nv) <= 0 ||
	    audit_log(db, tn, uid, "member.email", uid, c->remote,
	    "confirmed by the new address") < 0 ||
	    dir_field(c, uid, "email", nv) != 1)
		goto out;
	dir_done = 1;
	if (db_commit(db) < 0)
		goto out;
	began = dir_done = 0;
	state = "done";
show:
	if (began) {
		(void)db_rollback(db);
		began = 0;
	}
	res = member_email_show(c, state);
out:
	if (dir_done)
		(void)dir_field(c, uid, "email", ov);
	if (began)
		(void)db_rollback(db);
	dbres_free(r);
	return res;
}

/* ---- /member/change -------------------------------------------------- */

/* Column of dbq_member_get() holding an identity field. */
static size_t
identity_col(const char *name)
{
	if (strcmp(name, "regno") == 0)
		return MEMBER_COL_REGNO;
	if (strcmp(name, "regno_date") == 0)
		return MEMBER_COL_REGNO_DATE;
	if (strcmp(name, "name_kanji") == 0)
		return MEMBER_COL_PF + PF_NAME_KANJI;
	if (strcmp(name, "name_kana") == 0)
		return MEMBER_COL_PF + PF_NAME_KANA;
	return MEMBER_COL_PF + PF_BIRTH;
}

/*
 * One request per changed field, in one transaction.  Returns NULL, or
 * a message key; *field names the field it is about (or NULL).
 */
static const char *
change_save(struct ctx *c, const struct dbres *m, const struct kvlist *in,
    const char **field)
{
	struct db	*db = c->app->db;
	const char	*tn = c->tenant->slug, *uid = c->sess.uid, *nv, *ov;
	const char	*err = "reg.err.unavailable";
	size_t		 i, changed = 0;
	int		 rc;

	*field = NULL;
	if (db_begin(db) < 0)
		return err;
	for (i = 0; i < NF(identity_names); i++) {
		nv = kv_str(in, identity_names[i]);
		ov = dbres_get(m, 0, identity_col(identity_names[i]));
		if (ov == NULL || strcmp(nv, ov) == 0)
			continue;
		rc = dbq_change_add(db, tn, uid, identity_names[i], ov, nv,
		    kv_str(in, "reason"));
		if (rc == DB_DUP) {
			*field = identity_names[i];
			err = "reg.err.change-pending";
		}
		if (rc <= 0 || audit_log(db, tn, uid, "member.change.request",
		    identity_names[i], c->remote, NULL) < 0)
			goto fail;
		changed++;
	}
	if (changed == 0) {
		err = "reg.err.no-change";
		goto fail;
	}
	if (db_commit(db) < 0)
		goto fail;
	return NULL;
fail:
	db_rollback(db);
	return err;
}

/* The change form with values vp, errors rp, message err on efield. */
static enum result
show_change(struct ctx *c, const struct kvlist *vp,
    const struct form_result *rp, const char *err, const char *efield)
{
	struct dbres		*ch;
	xmlNodePtr		 f;
	enum result		 r = RES_UNAVAIL;

	if ((ch = dbq_change_of(c->app->db, c->tenant->slug,
	    c->sess.uid)) == NULL)
		goto out;
	r = RES_INTERNAL;
	if (model_new(c, "member-change") == -1)
		goto out;
	changes_model(c, c->content, ch);
	f = form_model(xmlDocGetRootElement(c->model), "member-change",
	    "/member/change", member_change_fields,
	    NF(member_change_fields), vp, rp);
	model_attr(f, "csrf", c->sess.csrf);
	model_attr(f, "submit-key", "reg.btn.request-change");
	model_attr(form_field(f, "reason"), "hint-key", "reg.hint.reason");
	if (err != NULL)
		model_error(c, err, efield);
	r = RES_OK;
out:
	dbres_free(ch);
	return r;
}

enum result
page_member_change_get(struct ctx *c)
{
	struct dbres		*m = NULL;
	struct kvlist		 vals = { NULL, 0, 0 };
	const char		*v;
	size_t			 i;
	enum result		 r;

	if ((r = contact_load(c, &m)) != RES_OK)
		goto out;
	for (i = 0; i < NF(identity_names); i++)
		if ((v = dbres_get(m, 0,
		    identity_col(identity_names[i]))) != NULL)
			kv_add(&vals, identity_names[i],
			    strlen(identity_names[i]), v, strlen(v));
	r = show_change(c, &vals, NULL, NULL, NULL);
out:
	kv_free(&vals);
	dbres_free(m);
	return r;
}

/*
 * What the fields alone cannot tell about a requested change (m: the
 * member's row): a registration number someone else holds, a date in
 * the future, a birth date the training date rules out.  -1: the
 * database failed.
 */
static int
change_check(struct ctx *c, struct dbres *m, const char **err,
    const char **efield)
{
	const char		*v;
	char			 now[16];
	int			 taken;

	clock_today(now, sizeof(now));
	v = kv_str(&c->form, "regno");
	if (strcmp(v, dbres_get(m, 0, MEMBER_COL_REGNO)) != 0) {
		if ((taken = member_regno_taken(c, v)) == -1)
			return -1;
		if (taken) {
			*err = "reg.err.regno-taken";
			*efield = "regno";
			return 0;
		}
	}
	if (strcmp(kv_str(&c->form, "birth_date"), now) >= 0 ||
	    strcmp(kv_str(&c->form, "regno_date"), now) > 0) {
		*err = "reg.err.future";
		*efield = strcmp(kv_str(&c->form, "birth_date"), now) >= 0 ?
		    "birth_date" : "regno_date";
		return 0;
	}
	/* A birth date the stored training date rules out. */
	if ((v = dbres_get(m, 0, MEMBER_COL_PF + PF_DONE_ON)) != NULL &&
	    valid_date(v) && date_before_years(v,
	    kv_str(&c->form, "birth_date"), TRAINING_MIN_AGE)) {
		*err = "reg.err.birth-training";
		*efield = "birth_date";
	}
	return 0;
}

enum result
page_member_change_post(struct ctx *c)
{
	struct dbres		*m = NULL;
	struct form_result	 res;
	const char		*err = NULL, *efield = NULL;
	enum result		 r;

	if ((r = contact_load(c, &m)) != RES_OK)
		goto out;
	form_validate(member_change_fields, NF(member_change_fields),
	    &c->form, &res);
	r = RES_UNAVAIL;
	if (res.nerr == 0 && change_check(c, m, &err, &efield) == -1)
		goto out;
	if (res.nerr == 0 && err == NULL &&
	    (err = change_save(c, m, &c->form, &efield)) == NULL) {
		snprintf(c->location, sizeof(c->location),
		    "/member?saved=change");
		r = RES_REDIRECT;
		goto out;
	}
	r = show_change(c, &c->form, &res, err, efield);
out:
	dbres_free(m);
	return r;
}

/* ---- /admin/member-changes ------------------------------------------- */

/*
 * Decide one waiting request.  The row is locked until the commit, so a
 * second admin deciding it meanwhile finds nothing.  An approval writes
 * the member's field (ACC-3 holds: a taken number is DB_DUP) and, for
 * the name and the number, the directory.  Returns NULL or a key.
 */
static const char *
decide(struct ctx *c, long long id, int approve, const char *comment)
{
	struct db	*db = c->app->db;
	struct dbres	*r = NULL;
	const char	*tn = c->tenant->slug, *err = "reg.err.unavailable";
	const char	*vars[13], *uid, *field, *nv;
	char		 base[300], num[24];
	size_t		 i;
	int		 rc, dir_done = 0;

	if (db_begin(db) < 0)
		return err;
	if ((r = dbq_change_lock(db, tn, id)) == NULL)
		goto fail;
	if (r->nrows != 1) {
		err = "reg.err.change-gone";
		goto fail;
	}
	uid = dbres_get(r, 0, CHANGE_LOCK_COL_UID);
	field = dbres_get(r, 0, CHANGE_LOCK_COL_FIELD);
	nv = dbres_get(r, 0, CHANGE_LOCK_COL_NEW);
	/* ACC-3: the new number may have been taken since the request. */
	if (approve && strcmp(field, "regno") == 0 &&
	    (rc = member_regno_taken(c, nv)) != 0) {
		if (rc == 1)
			err = "reg.err.regno-taken";
		goto fail;
	}
	if (approve && (rc = dbq_member_set(db, tn, uid, field, nv)) <= 0) {
		if (rc == DB_DUP)
			err = "reg.err.regno-taken";
		goto fail;
	}
	snprintf(num, sizeof(num), "%lld", id);
	base_url(c, base, sizeof(base));
	vars[0] = "name";
	vars[1] = dbres_get(r, 0, CHANGE_LOCK_COL_NAME);
	vars[2] = "field";
	vars[3] = field;
	for (i = 0; i < NF(identity_labels); i++)
		if (strcmp(identity_labels[i].name, field) == 0)
			vars[3] = identity_labels[i].ja;
	vars[4] = "old";
	vars[5] = dbres_get(r, 0, CHANGE_LOCK_COL_OLD);
	vars[6] = "new";
	vars[7] = nv;
	vars[8] = "decision";
	vars[9] = approve ? "承認" : "却下";
	vars[10] = "comment";
	vars[11] = comment && *comment ? comment : "（なし）";
	vars[12] = NULL;
	if (dbq_change_decide(db, tn, id, approve ? "approved" : "rejected",
	    c->sess.uid, comment) <= 0 ||
	    audit_log(db, tn, c->sess.uid, approve ?
	    "member.change.approve" : "member.change.reject", num, c->remote,
	    field) < 0 ||
	    mail_queue(db, c->tenant, c->app->cfg->datadir, base,
	    "register_change_decided", dbres_get(r, 0, CHANGE_LOCK_COL_EMAIL),
	    vars) <= 0)
		goto fail;
	if (approve) {
		if (dir_field(c, uid, field, nv) < 0)
			goto fail;
		dir_done = 1;
	}
	if (db_commit(db) < 0) {
		if (dir_done)
			(void)dir_field(c, uid, field, dbres_get(r, 0,
			    CHANGE_LOCK_COL_OLD));
		goto fail;
	}
	dbres_free(r);
	return NULL;
fail:
	db_rollback(db);
	dbres_free(r);
	return err;
}

/*
 * The waiting requests: a list, or one of them (`only`) with the member's
 * licence to compare against and the form deciding it (one form a page:
 * the form component's ids are per field name).
 */
static void
pending_model(struct ctx *c, const struct dbres *r, const char *only,
    const struct kvlist *vals, const struct form_result *res)
{
	struct upload_info	 info;
	xmlNodePtr		 n, ch, f;
	long long		 lic;
	size_t			 i;

	n = model_node(c->content, "pending");
	if (only != NULL)
		model_attr(n, "only", only);
	for (i = 0; i < r->nrows; i++) {
		if (only != NULL && strcmp(only, dbres_get(r, i,
		    CHANGE_PENDING_COL_ID)) != 0)
			continue;
		ch = model_node(n, "change");
		model_attr(ch, "id", dbres_get(r, i, CHANGE_PENDING_COL_ID));
		model_attr(ch, "uid", dbres_get(r, i, CHANGE_PENDING_COL_UID));
		model_attr(ch, "field", dbres_get(r, i,
		    CHANGE_PENDING_COL_FIELD));
		model_attr(ch, "requested", dbres_get(r, i,
		    CHANGE_PENDING_COL_REQUESTED));
		model_attr(ch, "member-name", dbres_get(r, i,
		    CHANGE_PENDING_COL_NAME));
		model_attr(ch, "regno", dbres_get(r, i,
		    CHANGE_PENDING_COL_REGNO));
		model_text(ch, "old", dbres_get(r, i, CHANGE_PENDING_COL_OLD));
		model_text(ch, "new", dbres_get(r, i, CHANGE_PENDING_COL_NEW));
		model_text(ch, "reason", dbres_get(r, i,
		    CHANGE_PENDING_COL_REASON));
		if (only == NULL)
			continue;
		/* The licence, to check a new number or name against. */
		lic = atoll(dbres_get(r, i, CHANGE_PENDING_COL_LICENCE_ID));
		if (lic > 0 && upload_get(c, lic, NULL, &info) == 1)
			upload_model(ch, &info);
		f = form_model(xmlDocGetRootElement(c->model), "member-decide",
		    "/admin/member-changes", &member_decide_fields[1], 1, vals,
		    res);
		model_attr(f, "csrf", c->sess.csrf);
		form_hidden(f, "id", dbres_get(r, i, CHANGE_PENDING_COL_ID));
		ch = model_node(f, "button");
		model_attr(ch, "name", "op");
		model_attr(ch, "value", "reject");
		model_attr(ch, "key", "reg.btn.reject");
		model_attr(ch, "kind", "secondary");
		ch = model_node(f, "button");
		model_attr(ch, "name", "op");
		model_attr(ch, "value", "approve");
		model_attr(ch, "key", "reg.btn.approve");
	}
}

static void
decided_model(struct ctx *c, const struct dbres *r)
{
	xmlNodePtr	 n, ch;
	size_t		 i;

	n = model_node(c->content, "decided");
	for (i = 0; i < r->nrows; i++) {
		ch = model_node(n, "change");
		model_attr(ch, "id", dbres_get(r, i, CHANGE_DECIDED_COL_ID));
		model_attr(ch, "uid", dbres_get(r, i, CHANGE_DECIDED_COL_UID));
		model_attr(ch, "field", dbres_get(r, i,
		    CHANGE_DECIDED_COL_FIELD));
		model_attr(ch, "state", dbres_get(r, i,
		    CHANGE_DECIDED_COL_STATE));
		model_attr(ch, "decided", dbres_get(r, i,
		    CHANGE_DECIDED_COL_DECIDED));
		model_attr(ch, "decided-by", dbres_get(r, i,
		    CHANGE_DECIDED_COL_DECIDED_BY));
		model_attr(ch, "member-name", dbres_get(r, i,
		    CHANGE_DECIDED_COL_NAME));
		model_text(ch, "old", dbres_get(r, i, CHANGE_DECIDED_COL_OLD));
		model_text(ch, "new", dbres_get(r, i, CHANGE_DECIDED_COL_NEW));
		if (dbres_get(r, i, CHANGE_DECIDED_COL_COMMENT) != NULL)
			model_text(ch, "comment", dbres_get(r, i,
			    CHANGE_DECIDED_COL_COMMENT));
	}
}

/* The id of the one request shown, from in; NULL: all of them. */
static const char *
changes_only(const struct kvlist *in)
{
	const char	*only = kv_str(in, "id");

	if (only != NULL && (!valid_number(only) || strlen(only) > 18))
		only = NULL;
	return only;
}

/* The pending requests (only: one) and the last decided ones. */
static enum result
show_changes(struct ctx *c, const char *only, const struct form_result *rp,
    const char *err)
{
	struct dbres		*p = NULL, *d = NULL;
	const char		*done;
	enum result		 r = RES_UNAVAIL;

	if ((p = dbq_change_pending(c->app->db, c->tenant->slug)) == NULL ||
	    (d = dbq_change_decided(c->app->db, c->tenant->slug,
	    DECIDED_ROWS)) == NULL)
		goto out;
	if (model_new(c, "admin-member-changes") == -1) {
		r = RES_INTERNAL;
		goto out;
	}
	if ((done = kv_str(&c->query, "done")) != NULL)
		model_flash(c, strcmp(done, "approved") == 0 ?
		    "reg.msg.change-approved" : "reg.msg.change-rejected",
		    "success");
	pending_model(c, p, only, rp ? &c->form : NULL, rp);
	if (only == NULL)
		decided_model(c, d);
	if (err != NULL)
		model_error(c, err, NULL);
	r = RES_OK;
out:
	dbres_free(p);
	dbres_free(d);
	return r;
}

enum result
page_admin_member_changes_get(struct ctx *c)
{
	return show_changes(c, changes_only(&c->query), NULL, NULL);
}

enum result
page_admin_member_changes_post(struct ctx *c)
{
	struct form_result	 res;
	const char		*op = kv_str(&c->form, "op"), *err;
	const char		*comment, *only = changes_only(&c->form);
	int			 approve;

	approve = op != NULL && strcmp(op, "approve") == 0;
	if (form_validate(member_decide_fields, NF(member_decide_fields),
	    &c->form, &res) == -1 || op == NULL || (!approve &&
	    strcmp(op, "reject") != 0))
		return RES_BADREQ;
	comment = kv_str(&c->form, "comment");
	if (!approve && (comment == NULL || *comment == '\0')) {
		res.err[0].field = "comment";
		res.err[0].key = "reg.err.comment-required";
		res.nerr = 1;
		return show_changes(c, only, &res, NULL);
	}
	if ((err = decide(c, atoll(only), approve, comment)) != NULL)
		return show_changes(c, only, NULL, err);
	snprintf(c->location, sizeof(c->location),
	    "/admin/member-changes?done=%s", approve ? "approved" : "rejected");
	return RES_REDIRECT;
}

/* Member information and change requests (register_feature.c lists them). */
const struct page member_pages[] = {
	{ .name = "member", .methods = M_GET, .path = "/member",
	    .flags = PAGE_TENANT | PAGE_AUTH, .get = page_member,
	    .menu = "reg.menu.member", .feature = "register",
	    .roles = ROLE_MEMBER },
	{ .name = "member-contact", .methods = M_GET | M_POST,
	    .path = "/member/contact", .flags = PAGE_TENANT | PAGE_AUTH,
	    .get = page_member_contact_get,
	    .post = page_member_contact_post,
	    .feature = "register",
	    .roles = ROLE_MEMBER },
	{ .name = "member-email", .methods = M_GET,
	    .path = "/member/email", .flags = PAGE_TENANT,
	    .get = page_member_email, .feature = "register" },
	{ .name = "member-change", .methods = M_GET | M_POST,
	    .path = "/member/change", .flags = PAGE_TENANT | PAGE_AUTH,
	    .get = page_member_change_get,
	    .post = page_member_change_post,
	    .feature = "register",
	    .roles = ROLE_MEMBER, .fields = member_change_fields,
	    .nfields = NF(member_change_fields) },
	{ .name = "admin-member-changes", .methods = M_GET | M_POST,
	    .path = "/admin/member-changes", .flags = PAGE_TENANT | PAGE_AUTH,
	    .get = page_admin_member_changes_get,
	    .post = page_admin_member_changes_post,
	    .menu = "reg.menu.member-changes", .feature = "register",
	    .roles = ROLE_TENANT_ADMIN, .fields = &member_decide_fields[1],
	    .nfields = 1 },	/* the comment: each form's id is hidden */
	{ .name = NULL },
};
