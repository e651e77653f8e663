/*
 * password_temp.c — 「一時パスワード発行」 (CORE-8).  The member gives an
 * e-mail address; if an account matches, a one-time temporary password,
 * valid for TEMP_VALID_S, is set in the directory and mailed, and the
 * member must choose a new password at the next sign-in.  The answer
 * is the same whether or not an account matched.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "account.h"
#include "clock.h"
#include "ctx.h"
#include "db.h"
#include "dbq.h"
#include "directory.h"
#include "form.h"
#include "log.h"
#include "mail.h"
#include "conf.h"
#include "session.h"
#include "tenant.h"

#define TEMP_VALID_S	(60 * 60)

static const struct field temp_fields[] = {
	{ "mail", F_EMAIL, 1, 254, "field.email", NULL },
};

/*
 * Set and mail the temporary password.  The directory change comes
 * first; the account flag and the outbox row commit together, so a
 * mail is never queued for a password that was not set.
 */
static int
issue(struct ctx *c, const struct dir_user *u)
{
	struct db	*d = c->app->db;
	char		 pw[32], url[300], login[340], until[64];
	const char	*vars[7];
	int		 rc = -1;

	if (dir_gen_password(pw, sizeof(pw)) == -1 ||
	    account_ensure(d, c->tenant->slug, u->uid) < 0 ||
	    dir_set_password(c->app->dir, u->dn, pw) <= 0)
		goto out;
	base_url(c, url, sizeof(url));
	snprintf(login, sizeof(login), "%s/login", url);
	vars[0] = "temp_password"; vars[1] = pw;
	jst_format(time(NULL) + TEMP_VALID_S, until, sizeof(until));
	vars[2] = "expires"; vars[3] = until;
	vars[4] = "login_url"; vars[5] = login;
	vars[6] = NULL;
	if (db_begin(d) < 0)
		goto out;
	if (account_set_temp(d, c->tenant->slug, u->uid, TEMP_VALID_S) < 0 ||
	    mail_queue(d, c->tenant, c->app->cfg->datadir, url,
	    "temp_password", u->mail, vars) <= 0 ||
	    audit_log(d, c->tenant->slug, u->uid, "password.temp", NULL,
	    c->remote, NULL) < 0) {
		db_rollback(d);
		goto out;
	}
	rc = db_commit(d) < 0 ? -1 : 0;
out:
	explicit_bzero(pw, sizeof(pw));
	return rc;
}

enum result
page_password_temp(struct ctx *c)
{
	struct form_result	 res, *rp = NULL;
	struct dir_user		 u;
	xmlNodePtr		 root, f;
	int			 done = 0, found;

	if (strcmp(c->method, "POST") == 0) {
		if (form_validate(temp_fields, 1, &c->form, &res) == -1)
			rp = &res;
		else if (login_throttled(c->app->db, c->remote ?
		    c->remote : "") > 0)
			return RES_TOOMANY;
		else {
			found = dir_find_mail(c->app->dir, c->tenant,
			    kv_str(&c->form, "mail"), &u);
			if (found == -1)
				return RES_UNAVAIL;
			/* Each request counts, so the form cannot mail-bomb. */
			login_failed(c->app->db, c->remote ? c->remote : "");
			if (found == 1 && issue(c, &u) == -1)
				log_warn("temporary password not issued");
			/* As long as a password hash: no timing tells. */
			if (found == 0)
				(void)dir_decoy(c->app->dir, NULL);
			done = 1;
		}
	}
	if (!done && session_anon(c) == -1)
		return RES_UNAVAIL;
	if (model_new(c, "password-temp") == -1)
		return RES_INTERNAL;
	root = xmlDocGetRootElement(c->model);
	if (done) {
		/* The same words whether or not an account matched. */
		model_attr(c->content, "sent", "1");
		return RES_OK;
	}
	f = form_model(root, "temp", c->path, temp_fields, 1, &c->form, rp);
	model_attr(f, "csrf", c->sess.csrf);
	model_attr(f, "submit-key", "btn.send");
	model_attr(form_field(f, "mail"), "autocomplete", "email");
	return RES_OK;
}
