/*
 * member_record.c — 会員情報 on every tenant (issue 9 item 8, ACC-4): a
 * member views their record (member number, names, birth date,
 * contact, workplace, certification numbers, and the board's own
 * columns where its registration filled them) with each enabled
 * feature's own part (struct feature's member hook: the board's
 * training history); contact fields (電話, 郵便番号, 住所, 勤務先)
 * change directly, audited; the mail address only with the current
 * password and once the new address has opened the link mailed to it
 * (/member/email), the old one told; identity fields (氏名, フリガナ,
 * 生年月日, and 医籍登録番号, 医籍登録日 where the record holds them)
 * change only through a request a tenant admin approves or rejects on
 * /admin/member-changes, audited and mailed to the member.
 * Certification numbers are read-only here: products write them.
 *
 * The directory holds the sign-in identifier (employeeNumber), the
 * address and the name too: a change of those is written there inside
 * the database transaction, and undone if the commit fails.
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
#include "feature.h"
#include "form.h"
#include "jp.h"
#include "log.h"
#include "mail.h"
#include "member_record.h"
#include "session.h"
#include "tenant.h"
#include "upload.h"

#define NF(a)		(sizeof(a) / sizeof((a)[0]))
#define DECIDED_ROWS	30
#define EMAIL_LINK_S	(24 * 60 * 60)	/* a new address's link is good */

static enum result	 page_member(struct ctx *);
static enum result	 page_member_contact_get(struct ctx *);
static enum result	 page_member_contact_post(struct ctx *);
static enum result	 page_member_email(struct ctx *);
static enum result	 page_member_change_get(struct ctx *);
static enum result	 page_member_change_post(struct ctx *);
static enum result	 page_admin_member_changes_get(struct ctx *);
static enum result	 page_admin_member_changes_post(struct ctx *);


/*
 * The contact form (ACC-4: changed directly): the record's contact and
 * workplace fields in enum mrec_col order (contact_col[]), then the
 * address and the current password asked when the address changes (a
 * browser left signed in is not enough to send the account's mail, and
 * so its password resets, elsewhere).
 */
static const struct field contact_fields[] = {
	FIELD_PHONE,
	FIELD_POSTAL,
	FIELD_PREF(jp_pref_codes),
	FIELD_ADDRESS,
	{ "work_name", F_TEXT, 0, 100, "member.f.work_name", NULL },
	{ "work_dept", F_TEXT, 0, 50, "member.f.work_dept", NULL },
	{ "work_postal", F_POSTAL, 0, 8, "member.f.work_postal", NULL },
	{ "work_address", F_TEXT, 0, 200, "member.f.work_address", NULL },
	{ "work_phone", F_TEL, 0, 20, "member.f.work_phone", NULL },
	{ "email", F_EMAIL, 1, 254, "field.email", NULL },
	{ "password", F_PASSWORD, 0, 0, "field.password-current", NULL },
};
static const int contact_col[] = { MREC_PHONE, MREC_POSTAL, MREC_PREF,
    MREC_ADDRESS, MREC_WORK_NAME, MREC_WORK_DEPT, MREC_WORK_POSTAL,
    MREC_WORK_ADDRESS, MREC_WORK_PHONE, MREC_EMAIL };

/*
 * /member/change: the identity fields, each required, as the
 * registration declares them, then why.  A record without a
 * registration number (a society's member) is offered the first three.
 */
static const struct field member_change_fields[MEMBER_CHANGE_NFIELDS] = {
	FIELD_NAME_KANJI,
	FIELD_NAME_KANA,
	FIELD_BIRTH,
	FIELD_REGNO,
	FIELD_REGNO_DATE,
	{ "reason", F_TEXTAREA, 1, 500, "reg.f.reason", NULL },
};
#define CHANGE_REGNO	3	/* member_change_fields[]: regno, its date */
const struct field *const member_change_form = member_change_fields;

/* Identity fields (member_change.field), their columns and their names
 * in the member's mails (Japanese). */
static const struct {
	const char	*name;
	int		 col;
	const char	*ja;
} identity[] = {
	{ "name_kanji", MREC_NAME_KANJI, "氏名（漢字）" },
	{ "name_kana", MREC_NAME_KANA, "氏名（フリガナ）" },
	{ "birth_date", MREC_BIRTH, "生年月日" },
	{ "regno", MREC_REGNO, "医籍登録番号" },
	{ "regno_date", MREC_REGNO_DATE, "医籍登録日" },
};

static const struct field member_decide_fields[2] = {
	{ "id", F_NUMBER, 1, 0, "reg.f.change-id", NULL },
	{ "comment", F_TEXTAREA, 0, 500, "reg.f.comment", NULL },
};
const struct field *const member_decide_form = member_decide_fields;

/*
 * What /member shows, in order: <item name key type? value-key?> per
 * field the record holds (names of prefectures and domains in the
 * reader's language, the sex by message key, dates for the date
 * template), in the group named.
 */
static const struct {
	const char	*group;		/* personal | affiliation */
	const char	*name;
	int		 col;
	const char	*key;
	int		 kind;		/* 0 text, 'd' date, 'p' prefecture,
					 * 'D' domain, 's' sex */
} shown[] = {
	{ "personal", "name_kanji", MREC_NAME_KANJI, "reg.f.name_kanji", 0 },
	{ "personal", "name_kana", MREC_NAME_KANA, "reg.f.name_kana", 0 },
	{ "personal", "birth_date", MREC_BIRTH, "field.birth", 'd' },
	{ "personal", "sex", MREC_SEX, "field.sex", 's' },
	{ "personal", "training_program", MREC_PROGRAM,
	    "reg.f.training_program", 0 },
	{ "personal", "training_done_on", MREC_DONE_ON,
	    "reg.f.training_done_on", 'd' },
	{ "personal", "phone", MREC_PHONE, "field.tel", 0 },
	{ "personal", "postal_code", MREC_POSTAL, "reg.f.postal_code", 0 },
	{ "personal", "pref", MREC_PREF, "field.pref", 'p' },
	{ "personal", "address", MREC_ADDRESS, "reg.f.address", 0 },
	{ "personal", "desired_domain", MREC_DOMAIN, "reg.f.desired_domain",
	    'D' },
	{ "affiliation", "work_name", MREC_WORK_NAME, "member.f.work_name",
	    0 },
	{ "affiliation", "work_dept", MREC_WORK_DEPT, "member.f.work_dept",
	    0 },
	{ "affiliation", "work_postal", MREC_WORK_POSTAL,
	    "member.f.work_postal", 0 },
	{ "affiliation", "work_address", MREC_WORK_ADDRESS,
	    "member.f.work_address", 0 },
	{ "affiliation", "work_phone", MREC_WORK_PHONE, "member.f.work_phone",
	    0 },
};

/*
 * ACC-3: a number already registered here.  Members are in the member
 * table; staff made with shikakuctl only in the directory.  1, 0, -1
 * error.  The registration asks it early too (feature register).
 */
int
member_regno_taken(struct ctx *c, const char *regno)
{
	struct dir_user	 u;
	int		 r;

	if ((r = dbq_member_regno_taken(c->app->db, c->tenant->slug,
	    regno)) != 0)
		return r;
	return dir_find_login(c->app->dir, c->tenant, regno, &u);
}

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

static void
changes_model(xmlNodePtr parent, const struct dbres *r)
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
}

/* The record's fields that it holds, by group (shown[]). */
static void
items_model(struct ctx *c, xmlNodePtr n, const struct dbres *m)
{
	xmlNodePtr	 g, it;
	const char	*v, *text, *last = "";
	char		 key[32];
	size_t		 i;

	g = NULL;
	for (i = 0; i < NF(shown); i++) {
		if (strcmp(last, shown[i].group) != 0)
			g = model_node(n, shown[i].group);
		last = shown[i].group;
		if ((v = dbres_get(m, 0, (size_t)shown[i].col)) == NULL)
			continue;
		text = v;
		if (shown[i].kind == 'p')
			text = jp_label(jp_prefs, v, ctx_en(c));
		else if (shown[i].kind == 'D')
			text = jp_label(jp_domains, v, ctx_en(c));
		it = model_text(g, "item", shown[i].kind == 's' ? NULL : text);
		model_attr(it, "name", shown[i].name);
		model_attr(it, "key", shown[i].key);
		if (shown[i].kind == 'd')
			model_attr(it, "type", "date");
		if (shown[i].kind == 's') {
			snprintf(key, sizeof(key), "reg.sex.%s", v);
			model_attr(it, "value-key", key);
		}
	}
}

/* Certification numbers: <certifications><cert kind number date/>. */
static void
certs_model(xmlNodePtr parent, const struct dbres *r)
{
	xmlNodePtr	 n, e;
	size_t		 i;

	n = model_node(parent, "certifications");
	for (i = 0; i < r->nrows; i++) {
		e = model_node(n, "cert");
		model_attr(e, "kind", dbres_get(r, i, MCERT_KIND));
		model_attr(e, "number", dbres_get(r, i, MCERT_NUMBER));
		model_attr(e, "date", dbres_get(r, i, MCERT_DATE));
	}
}

/*
 * For products (issue 9 item 8): the signed-in member's record,
 * read-only, as <record href="/member" member-no? email>
 * <personal/><affiliation/><certifications/></record> under parent, for
 * an application or a certificate to show beside a link to 会員情報
 * (identity/member.xsl draws it: mode member-record).  1 shown, 0 the
 * account has no record, -1 error.
 */
int
member_record_model(struct ctx *c, xmlNodePtr parent)
{
	struct dbres	*m = NULL, *cr = NULL, *ch = NULL;
	xmlNodePtr	 n;
	int		 rc = -1;

	/* One statement (the requests come along unused). */
	if (dbq_member_page(c->app->db, c->tenant->slug, c->sess.uid, &m,
	    &cr, &ch) == -1)
		goto out;
	rc = 0;
	if (m->nrows != 1)
		goto out;
	n = model_node(parent, "record");
	model_attr(n, "href", "/member");
	model_attr(n, "member-no", dbres_get(m, 0, MREC_MEMBER_NO));
	model_attr(n, "regno", dbres_get(m, 0, MREC_REGNO));
	model_attr(n, "email", dbres_get(m, 0, MREC_EMAIL));
	items_model(c, n, m);
	certs_model(n, cr);
	rc = 1;
out:
	dbres_free(m);
	dbres_free(cr);
	dbres_free(ch);
	return rc;
}

/*
 * The record as <member …>: fields, licence, certifications, requests
 * (cr, ch: read with the record by dbq_member_page()).
 */
static int
member_model(struct ctx *c, const struct dbres *m, const struct dbres *cr,
    const struct dbres *ch)
{
	struct upload_owner	 o = { c->sess.uid, NULL };
	struct upload_info	 info;
	xmlNodePtr		 n;
	long long		 lic;
	int			 rc = -1;

	n = model_node(c->content, "member");
	model_attr(n, "member-no", dbres_get(m, 0, MREC_MEMBER_NO));
	model_attr(n, "regno", dbres_get(m, 0, MREC_REGNO));
	model_attr(n, "regno-date", dbres_get(m, 0, MREC_REGNO_DATE));
	model_attr(n, "email", dbres_get(m, 0, MREC_EMAIL));
	model_attr(n, "activated", dbres_get(m, 0, MREC_ACTIVATED));
	model_attr(n, "legacy-id", dbres_get(m, 0, MREC_LEGACY_ID));
	model_attr(n, "since", dbres_get(m, 0, MREC_SINCE));
	items_model(c, n, m);
	lic = atoll(dbres_get(m, 0, MREC_LICENCE_ID));
	if (lic > 0 && upload_get(c, lic, &o, &info) == 1)
		upload_model(model_node(n, "licence"), &info);
	certs_model(n, cr);
	/* Each enabled feature's own part (the board: training). */
	if (feature_parts(c, n, FP_MEMBER) < 0)
		goto out;
	changes_model(n, ch);
	rc = 0;
out:
	return rc;
}

static enum result
page_member(struct ctx *c)
{
	struct dbres	*m = NULL, *cr = NULL, *ch = NULL;
	const char	*saved;
	enum result	 r = RES_UNAVAIL;

	if (dbq_member_page(c->app->db, c->tenant->slug, c->sess.uid, &m,
	    &cr, &ch) == -1)
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
	if (member_model(c, m, cr, ch) == 0)
		r = RES_OK;
out:
	dbres_free(m);
	dbres_free(cr);
	dbres_free(ch);
	return r;
}

/* ---- /member/contact ------------------------------------------------- */

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
    const struct member_record *rec, int *pending)
{
	struct db	*db = c->app->db;
	struct dir_user	 other;
	const char	*tn = c->tenant->slug, *uid = c->sess.uid;
	const char	*email = kv_str(in, "email");
	const char	*old = dbres_get(m, 0, MREC_EMAIL);
	const char	*name = dbres_get(m, 0, MREC_NAME_KANJI);
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
	if (dbq_member_contact(db, tn, uid, rec) <= 0 ||
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

/*
 * The contact fields as validated (F_POSTAL: stored as 123-4567, in
 * postal and wpostal); the address stays the stored one until its
 * link is opened (email_change).
 */
static void
contact_record(const struct kvlist *in, struct member_record *rec,
    char *postal, char *wpostal)
{
	const char	*v;

	memset(rec, 0, sizeof(*rec));
	postal[0] = wpostal[0] = '\0';
	if ((v = kv_str(in, "postal_code")) != NULL)
		(void)valid_postal(v, postal, 9);
	if ((v = kv_str(in, "work_postal")) != NULL && *v != '\0')
		(void)valid_postal(v, wpostal, 9);
	rec->phone = kv_str(in, "phone");
	rec->postal_code = postal;
	rec->pref = kv_str(in, "pref");
	rec->address = kv_str(in, "address");
	rec->work_name = kv_str(in, "work_name");
	rec->work_dept = kv_str(in, "work_dept");
	rec->work_postal = wpostal;
	rec->work_address = kv_str(in, "work_address");
	rec->work_phone = kv_str(in, "work_phone");
}

/* The member's row: RES_OK with *m set, else the answer. */
static enum result
contact_load(struct ctx *c, struct dbres **m)
{
	if ((*m = dbq_member_record_get(c->app->db, c->tenant->slug,
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
	model_attr(form_field(f, "work_postal"), "hint-key",
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

static enum result
page_member_contact_get(struct ctx *c)
{
	struct dbres		*m = NULL;
	const struct field	*fs = contact_fields;
	struct kvlist		 vals = { NULL, 0, 0 };
	const char		*v;
	size_t			 i;
	enum result		 r;

	if ((r = contact_load(c, &m)) != RES_OK)
		goto out;
	for (i = 0; i < NF(contact_col); i++)
		if ((v = dbres_get(m, 0, (size_t)contact_col[i])) != NULL)
			kv_add(&vals, fs[i].name, strlen(fs[i].name),
			    v, strlen(v));
	r = show_contact(c, fs, NF(contact_fields), &vals, NULL, NULL);
out:
	kv_free(&vals);
	dbres_free(m);
	return r;
}

static enum result
page_member_contact_post(struct ctx *c)
{
	struct dbres		*m = NULL;
	const struct field	*fs = contact_fields;
	size_t			 n = NF(contact_fields);
	struct form_result	 res;
	struct member_record	 rec;
	const char		*err = NULL, *field = NULL, *email;
	char			 postal[9], wpostal[9];
	int			 pending = 0;
	enum result		 r;

	if ((r = contact_load(c, &m)) != RES_OK)
		goto out;
	form_validate(fs, n, &c->form, &res);
	contact_record(&c->form, &rec, postal, wpostal);
	rec.email = dbres_get(m, 0, MREC_EMAIL);
	email = kv_str(&c->form, "email");
	if (res.nerr == 0 && email != NULL &&
	    strcmp(email, dbres_get(m, 0, MREC_EMAIL)) != 0 &&
	    (err = contact_password(c, kv_str(&c->form, "password"),
	    &field)) != NULL && field != NULL) {
		form_error_add(&res, field, err);
		err = NULL;
	}
	if (res.nerr == 0 && err == NULL &&
	    (err = contact_save(c, m, &c->form, &rec, &pending)) == NULL) {
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
static enum result
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

/*
 * The identity fields a record holds (the registration number and its
 * date only where it has one), then why: fs (MEMBER_CHANGE_NFIELDS
 * long) gets them from member_change_fields[]; their count is returned.
 */
size_t
member_change_fields_of(int has_regno, struct field *fs)
{
	size_t	 i, n = 0;

	for (i = 0; i < MEMBER_CHANGE_NFIELDS - 1; i++)
		if (i < CHANGE_REGNO || has_regno)
			fs[n++] = member_change_fields[i];
	fs[n++] = member_change_fields[MEMBER_CHANGE_NFIELDS - 1];
	return n;
}

static size_t
change_fields(const struct dbres *m, struct field *fs)
{
	return member_change_fields_of(dbres_get(m, 0, MREC_REGNO) != NULL,
	    fs);
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
	for (i = 0; i < NF(identity); i++) {
		nv = kv_str(in, identity[i].name);
		ov = dbres_get(m, 0, (size_t)identity[i].col);
		/* A field the record does not hold is not asked. */
		if (ov == NULL || nv == NULL || strcmp(nv, ov) == 0)
			continue;
		rc = dbq_change_add(db, tn, uid, identity[i].name, ov, nv,
		    kv_str(in, "reason"));
		if (rc == DB_DUP) {
			*field = identity[i].name;
			err = "reg.err.change-pending";
		}
		if (rc <= 0 || audit_log(db, tn, uid, "member.change.request",
		    identity[i].name, c->remote, NULL) < 0)
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
show_change(struct ctx *c, const struct dbres *m, const struct kvlist *vp,
    const struct form_result *rp, const char *err, const char *efield)
{
	struct field		 fs[MEMBER_CHANGE_NFIELDS];
	struct dbres		*ch;
	xmlNodePtr		 f;
	enum result		 r = RES_UNAVAIL;

	if ((ch = dbq_change_of(c->app->db, c->tenant->slug,
	    c->sess.uid)) == NULL)
		goto out;
	r = RES_INTERNAL;
	if (model_new(c, "member-change") == -1)
		goto out;
	changes_model(c->content, ch);
	f = form_model(xmlDocGetRootElement(c->model), "member-change",
	    "/member/change", fs, change_fields(m, fs), vp, rp);
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

static enum result
page_member_change_get(struct ctx *c)
{
	struct dbres		*m = NULL;
	struct kvlist		 vals = { NULL, 0, 0 };
	const char		*v;
	size_t			 i;
	enum result		 r;

	if ((r = contact_load(c, &m)) != RES_OK)
		goto out;
	for (i = 0; i < NF(identity); i++)
		if ((v = dbres_get(m, 0, (size_t)identity[i].col)) != NULL)
			kv_add(&vals, identity[i].name,
			    strlen(identity[i].name), v, strlen(v));
	r = show_change(c, m, &vals, NULL, NULL, NULL);
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
	const char		*v, *old, *birth, *regdate;
	char			 now[16];
	int			 taken;

	clock_today(now, sizeof(now));
	v = kv_str(&c->form, "regno");
	old = dbres_get(m, 0, MREC_REGNO);
	if (old != NULL && v != NULL && strcmp(v, old) != 0) {
		if ((taken = member_regno_taken(c, v)) == -1)
			return -1;
		if (taken) {
			*err = "reg.err.regno-taken";
			*efield = "regno";
			return 0;
		}
	}
	birth = kv_str(&c->form, "birth_date");
	regdate = kv_str(&c->form, "regno_date");
	if (strcmp(birth, now) >= 0 || (old != NULL && regdate != NULL &&
	    strcmp(regdate, now) > 0)) {
		*err = "reg.err.future";
		*efield = strcmp(birth, now) >= 0 ? "birth_date" :
		    "regno_date";
		return 0;
	}
	/* A birth date the stored training date rules out (the board). */
	if ((v = dbres_get(m, 0, MREC_DONE_ON)) != NULL &&
	    valid_date(v) && date_before_years(v, birth, TRAINING_MIN_AGE)) {
		*err = "reg.err.birth-training";
		*efield = "birth_date";
	}
	return 0;
}

static enum result
page_member_change_post(struct ctx *c)
{
	struct dbres		*m = NULL;
	struct field		 fs[MEMBER_CHANGE_NFIELDS];
	struct form_result	 res;
	const char		*err = NULL, *efield = NULL;
	enum result		 r;

	if ((r = contact_load(c, &m)) != RES_OK)
		goto out;
	form_validate(fs, change_fields(m, fs), &c->form, &res);
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
	r = show_change(c, m, &c->form, &res, err, efield);
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
	for (i = 0; i < NF(identity); i++)
		if (strcmp(identity[i].name, field) == 0)
			vars[3] = identity[i].ja;
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
		model_attr(ch, "member-no", dbres_get(r, i,
		    CHANGE_PENDING_COL_MEMBER_NO));
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

static enum result
page_admin_member_changes_get(struct ctx *c)
{
	return show_changes(c, changes_only(&c->query), NULL, NULL);
}

static enum result
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

/* Member information and change requests: the platform's, on every
 * tenant (page.c lists them after the features' member pages). */
const struct page member_record_pages[] = {
	{ .name = "member", .methods = M_GET, .path = "/member",
	    .flags = PAGE_TENANT | PAGE_AUTH, .get = page_member,
	    .menu = "reg.menu.member", .roles = ROLE_MEMBER },
	{ .name = "member-contact", .methods = M_GET | M_POST,
	    .path = "/member/contact", .flags = PAGE_TENANT | PAGE_AUTH,
	    .get = page_member_contact_get,
	    .post = page_member_contact_post, .roles = ROLE_MEMBER },
	{ .name = "member-email", .methods = M_GET,
	    .path = "/member/email", .flags = PAGE_TENANT,
	    .get = page_member_email },
	{ .name = "member-change", .methods = M_GET | M_POST,
	    .path = "/member/change", .flags = PAGE_TENANT | PAGE_AUTH,
	    .get = page_member_change_get,
	    .post = page_member_change_post,
	    .roles = ROLE_MEMBER, .fields = member_change_fields,
	    .nfields = NF(member_change_fields) },
	{ .name = "admin-member-changes", .methods = M_GET | M_POST,
	    .path = "/admin/member-changes", .flags = PAGE_TENANT | PAGE_AUTH,
	    .get = page_admin_member_changes_get,
	    .post = page_admin_member_changes_post,
	    .menu = "reg.menu.member-changes",
	    .roles = ROLE_TENANT_ADMIN, .fields = &member_decide_fields[1],
	    .nfields = 1 },	/* the comment: each form's id is hidden */
	{ .name = NULL },
};
