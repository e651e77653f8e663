/*
 * directory.c — the OpenLDAP side of an account.  A worker keeps two
 * connections: the service connection, bound as the portal account
 * (searches, adds, password resets), and a user connection that only
 * ever carries simple binds as the person signing in (password check,
 * password change), so a user's identity never leaks into a service
 * operation.  Both are opened lazily and reopened once when the server
 * went away, so a directory restart costs no worker and no request.
 *
 * ldap_uri may list several providers ("ldap://a/ ldap://b/"): libldap
 * tries them in order at each connect, each within DIR_CONNECT_TIMEOUT,
 * so a provider that is down costs one refused (or timed-out) connect
 * and the reopened connection lands on the next (issue 15).
 *
 * Every filter value is escaped (RFC 4515) with
 * ldap_bv2escaped_filter_value(); every DN this file builds is made of
 * the configured base, a validated tenant slug and a validated uid.
 * Passwords are copied only into buffers that are wiped after use, and
 * never logged.
 */
#include <sys/random.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ldap.h>

#include "buf.h"
#include "conf.h"
#include "directory.h"
#include "log.h"
#include "tenant.h"

#define DIR_TIMEOUT	3	/* seconds: each operation */
#define DIR_CONNECT_TIMEOUT 2	/* seconds: each provider's connect */
#define DIR_LIST_TIMEOUT 120	/* seconds: a whole tenant's list */
#define DIR_MAXMOD	16

struct dir {
	const struct config	*cfg;
	char			*bind_dn;	/* NULL: anonymous */
	char			*pw_file;
	LDAP			*ld;		/* the service bind */
	LDAP			*uld;		/* user binds only */
};

/*
 * How a login identifier maps to attributes: one row per tenant
 * login_id (tenant.conf), and the central-IT row.  An identifier
 * matching more than one entry signs nobody in.
 */
static const struct login_attrs {
	const char	*kind;
	const char	*attr[2];
} login_kinds[LOGIN__MAX] = {
	[LOGIN_REGNO] =	{ "regno",	{ "employeeNumber", NULL } },
	[LOGIN_EMAIL_OR_MEMBER] =
		{ "email_or_member",	{ "mail", "employeeNumber" } },
	[LOGIN_MEMBER_OR_EMAIL] =
		{ "member_or_email",	{ "mail", "employeeNumber" } },
};
static const struct login_attrs ops_kind = { "ops", { "uid", NULL } };
static const struct login_attrs mail_kind = { "mail", { "mail", NULL } };

static char	 a_uid[] = "uid", a_mail[] = "mail",
		 a_dname[] = "displayName", a_cn[] = "cn",
		 a_num[] = "employeeNumber";
static char	*user_attrs[] = { a_uid, a_mail, a_dname, a_cn, a_num,
		    NULL };

/* Results that mean the connection is gone: reconnect and try again. */
static int
gone(int lrc)
{
	return lrc == LDAP_SERVER_DOWN || lrc == LDAP_CONNECT_ERROR ||
	    lrc == LDAP_TIMEOUT;
}

static LDAP *
ld_new(const char *uri)
{
	struct timeval	 tv = { DIR_TIMEOUT, 0 };
	struct timeval	 ctv = { DIR_CONNECT_TIMEOUT, 0 };
	LDAP		*ld = NULL;
	int		 v3 = LDAP_VERSION3;

	if (ldap_initialize(&ld, uri) != LDAP_SUCCESS) {
		log_warn("%s: bad ldap_uri", uri);
		return NULL;
	}
	ldap_set_option(ld, LDAP_OPT_PROTOCOL_VERSION, &v3);
	ldap_set_option(ld, LDAP_OPT_NETWORK_TIMEOUT, &ctv);
	ldap_set_option(ld, LDAP_OPT_TIMEOUT, &tv);
	ldap_set_option(ld, LDAP_OPT_REFERRALS, LDAP_OPT_OFF);
	return ld;
}

static void
ld_drop(LDAP **ld)
{
	if (*ld != NULL)
		ldap_unbind_ext_s(*ld, NULL, NULL);
	*ld = NULL;
}

/* A berval over a private, wipeable copy of a C string. */
static int
bv_dup(struct berval *bv, const char *s)
{
	bv->bv_len = strlen(s);
	if ((bv->bv_val = strdup(s)) == NULL) {
		bv->bv_len = 0;
		return -1;
	}
	return 0;
}

static void
bv_wipe(struct berval *bv)
{
	if (bv->bv_val != NULL) {
		explicit_bzero(bv->bv_val, bv->bv_len);
		free(bv->bv_val);
	}
	bv->bv_val = NULL;
	bv->bv_len = 0;
}

static int
dir_connect(struct dir *d)
{
	struct berval	 cred = { 0, NULL };
	char		*pw = NULL;
	int		 rc = -1, lrc;

	if ((d->ld = ld_new(d->cfg->ldap_uri)) == NULL)
		goto out;
	if (d->bind_dn != NULL) {
		pw = read_secret(d->pw_file);
		cred.bv_val = pw;
		cred.bv_len = pw ? strlen(pw) : 0;
	}
	lrc = ldap_sasl_bind_s(d->ld, d->bind_dn, LDAP_SASL_SIMPLE, &cred,
	    NULL, NULL, NULL);
	if (lrc != LDAP_SUCCESS) {
		log_warn("bind as %s: %s", d->bind_dn ? d->bind_dn :
		    "anonymous", ldap_err2string(lrc));
		ld_drop(&d->ld);
		goto out;
	}
	rc = 0;
out:
	secret_free(pw);
	return rc;
}

static int
dir_ensure(struct dir *d)
{
	if (d->ld == NULL && dir_connect(d) == -1)
		return -1;
	return 0;
}

/* Connect as the given account: the portal's, or the admin's (ctl). */
struct dir *
dir_open_as(const struct config *cfg, const char *dn, const char *pwfile)
{
	struct dir	*d;

	if ((d = calloc(1, sizeof(*d))) == NULL)
		return NULL;
	d->cfg = cfg;
	if ((dn != NULL && (d->bind_dn = strdup(dn)) == NULL) ||
	    (pwfile != NULL && (d->pw_file = strdup(pwfile)) == NULL)) {
		dir_close(d);
		return NULL;
	}
	(void)dir_connect(d);
	return d;
}

struct dir *
dir_open(const struct config *cfg)
{
	return dir_open_as(cfg, cfg->ldap_bind_dn, cfg->ldap_password_file);
}

void
dir_close(struct dir *d)
{
	if (d == NULL)
		return;
	ld_drop(&d->ld);
	ld_drop(&d->uld);
	free(d->bind_dn);
	free(d->pw_file);
	free(d);
}

/* Is the directory there?  A base search of the suffix answers. */
int
dir_ping(struct dir *d)
{
	LDAPMessage	*res = NULL;
	struct timeval	 tv = { DIR_TIMEOUT, 0 };
	char		 noattr[] = "1.1", *attrs[] = { noattr, NULL };
	int		 attempt, lrc, rc = -1;

	for (attempt = 0; attempt < 2 && rc == -1; attempt++) {
		if (dir_ensure(d) == -1)
			break;
		lrc = ldap_search_ext_s(d->ld, d->cfg->ldap_base,
		    LDAP_SCOPE_BASE, "(objectClass=*)", attrs, 0, NULL, NULL,
		    &tv, 1, &res);
		ldap_msgfree(res);
		res = NULL;
		if (lrc == LDAP_SUCCESS)
			rc = 1;
		else
			ld_drop(&d->ld);
	}
	return rc;
}

/*
 * RFC 4515 escaping of a filter value; the caller frees the result.
 * OpenLDAP escapes '*', '(', ')', '\\', NUL and every byte outside
 * 0x01-0x7e as \XX (upper-case hex), so UTF-8 names arrive as bytes.
 */
char *
dir_filter_escape_bytes(const void *in, size_t len)
{
	struct berval	 bv, out = { 0, NULL };
	char		*s = NULL;

	if (len == 0)
		return strdup("");
	if ((bv.bv_val = malloc(len)) == NULL)
		return NULL;
	memcpy(bv.bv_val, in, len);
	bv.bv_len = len;
	if (ldap_bv2escaped_filter_value(&bv, &out) == 0 &&
	    out.bv_val != NULL) {
		s = strndup(out.bv_val, out.bv_len);
		ber_memfree(out.bv_val);
	}
	free(bv.bv_val);
	return s;
}

char *
dir_filter_escape(const char *in)
{
	return dir_filter_escape_bytes(in, strlen(in));
}

/* (&(objectClass=inetOrgPerson)(a=v)) or ...(|(a=v)(b=v))). */
static char *
kind_filter(const struct login_attrs *k, const char *value)
{
	struct buf	 b = { NULL, 0, 0 };
	char		*esc;
	int		 bad;

	if ((esc = dir_filter_escape(value)) == NULL)
		return NULL;
	bad = buf_puts(&b, "(&(objectClass=inetOrgPerson)");
	if (k->attr[1] == NULL)
		bad |= buf_printf(&b, "(%s=%s))", k->attr[0], esc);
	else
		bad |= buf_printf(&b, "(|(%s=%s)(%s=%s)))", k->attr[0], esc,
		    k->attr[1], esc);
	free(esc);
	if (bad) {
		buf_free(&b);
		return NULL;
	}
	return b.data;
}

/*
 * The search filter for a login identifier on tenant t (NULL: central
 * IT); NULL for an unknown login_id kind.  The caller frees it.
 */
char *
dir_login_filter(const struct tenant *t, const char *ident)
{
	if (t == NULL)
		return kind_filter(&ops_kind, ident);
	if ((unsigned int)t->login_kind < LOGIN__MAX)
		return kind_filter(&login_kinds[t->login_kind], ident);
	log_err("%s: unknown login_id kind %d", t->slug, (int)t->login_kind);
	return NULL;
}

/* Where tenant t's people live (NULL: central IT). */
static int
dir_base(const struct dir *d, const struct tenant *t, char *buf,
    size_t len)
{
	int	 n;

	if (t != NULL)
		n = snprintf(buf, len, "ou=people,ou=%s,ou=tenants,%s",
		    t->slug, d->cfg->ldap_base);
	else
		n = snprintf(buf, len, "ou=ops,%s", d->cfg->ldap_base);
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

/* Copy a value, cutting long ones at a UTF-8 character boundary. */
static void
copy_cut(char *out, size_t len, const char *in, size_t inlen)
{
	const char	*nul;

	if ((nul = memchr(in, '\0', inlen)) != NULL)
		inlen = (size_t)(nul - in);
	if (inlen >= len) {
		inlen = len - 1;
		while (inlen > 0 && ((unsigned char)in[inlen] & 0xc0) == 0x80)
			inlen--;
	}
	memcpy(out, in, inlen);
	out[inlen] = '\0';
}

static int
first_value(LDAP *ld, LDAPMessage *e, const char *attr, char *out,
    size_t len)
{
	struct berval	**v;
	int		  rc = 0;

	out[0] = '\0';
	if ((v = ldap_get_values_len(ld, e, attr)) == NULL)
		return 0;
	if (v[0] != NULL) {
		copy_cut(out, len, v[0]->bv_val, v[0]->bv_len);
		rc = 1;
	}
	ldap_value_free_len(v);
	return rc;
}

static int
entry_user(LDAP *ld, LDAPMessage *e, struct dir_user *u)
{
	char	*dn;
	int	 rc = -1;

	memset(u, 0, sizeof(*u));
	if ((dn = ldap_get_dn(ld, e)) == NULL)
		return -1;
	if (strlen(dn) < sizeof(u->dn)) {
		memcpy(u->dn, dn, strlen(dn) + 1);
		rc = 0;
	}
	ldap_memfree(dn);
	first_value(ld, e, "uid", u->uid, sizeof(u->uid));
	first_value(ld, e, "mail", u->mail, sizeof(u->mail));
	if (!first_value(ld, e, "displayName", u->name, sizeof(u->name)))
		first_value(ld, e, "cn", u->name, sizeof(u->name));
	first_value(ld, e, "employeeNumber", u->number, sizeof(u->number));
	return rc;
}

/* One-level search under base on the service connection. */
static int
dir_search(struct dir *d, const char *base, const char *filter, int limit,
    int seconds, LDAPMessage **res)
{
	struct timeval	 tv = { seconds, 0 };
	int		 attempt, lrc = LDAP_SERVER_DOWN;

	*res = NULL;
	for (attempt = 0; attempt < 2; attempt++) {
		if (dir_ensure(d) == -1) {
			lrc = LDAP_SERVER_DOWN;
			break;
		}
		lrc = ldap_search_ext_s(d->ld, base, LDAP_SCOPE_ONELEVEL,
		    filter, user_attrs, 0, NULL, NULL, &tv, limit, res);
		if (!gone(lrc))
			break;
		ldap_msgfree(*res);
		*res = NULL;
		ld_drop(&d->ld);
	}
	return lrc;
}

/* Exactly one entry under t's subtree matching filter, else 0. */
static int
dir_find(struct dir *d, const struct tenant *t, const char *filter,
    const char *what, struct dir_user *out)
{
	LDAPMessage	*res = NULL;
	char		 base[512];
	int		 lrc, n, rc = -1;

	memset(out, 0, sizeof(*out));
	if (filter == NULL || dir_base(d, t, base, sizeof(base)) == -1)
		goto out;
	lrc = dir_search(d, base, filter, 2, DIR_TIMEOUT, &res);
	if (lrc == LDAP_NO_SUCH_OBJECT) {
		log_warn("%s: not in the directory", base);
		rc = 0;
		goto out;
	}
	if (lrc != LDAP_SUCCESS && lrc != LDAP_SIZELIMIT_EXCEEDED) {
		log_warn("search %s: %s", base, ldap_err2string(lrc));
		goto out;
	}
	n = ldap_count_entries(d->ld, res);
	if (n > 1 || lrc == LDAP_SIZELIMIT_EXCEEDED) {
		/* Never guess whose password to try: nobody. */
		log_warn("%s: a %s matches several entries; refused", base,
		    what);
		rc = 0;
		goto out;
	}
	if (n <= 0) {
		rc = 0;
		goto out;
	}
	rc = entry_user(d->ld, ldap_first_entry(d->ld, res), out) == 0 ?
	    1 : -1;
out:
	ldap_msgfree(res);
	return rc;
}

/*
 * The person tenant t (NULL: central IT) signs in as `ident`, looked up
 * by the tenant's login_id: regno → employeeNumber; email_or_member and
 * member_or_email → mail or employeeNumber; central IT → uid.
 * 1 found (out filled), 0 none or ambiguous, -1 directory error.
 */
int
dir_find_login(struct dir *d, const struct tenant *t, const char *ident,
    struct dir_user *out)
{
	char	*f;
	int	 rc;

	memset(out, 0, sizeof(*out));
	if (ident == NULL || *ident == '\0')
		return 0;
	if ((f = dir_login_filter(t, ident)) == NULL)
		return -1;
	rc = dir_find(d, t, f, "login identifier", out);
	free(f);
	return rc;
}

/* By mail address, for the temporary password (CORE-8).  As above. */
int
dir_find_mail(struct dir *d, const struct tenant *t, const char *mail,
    struct dir_user *out)
{
	char	*f;
	int	 rc;

	memset(out, 0, sizeof(*out));
	if (mail == NULL || *mail == '\0')
		return 0;
	if ((f = kind_filter(&mail_kind, mail)) == NULL)
		return -1;
	rc = dir_find(d, t, f, "mail address", out);
	free(f);
	return rc;
}

/* By the internal uid (a session's owner).  As above. */
int
dir_get_uid(struct dir *d, const struct tenant *t, const char *uid,
    struct dir_user *out)
{
	char	*f;
	int	 rc;

	memset(out, 0, sizeof(*out));
	if (uid == NULL || *uid == '\0')
		return 0;
	if ((f = kind_filter(&ops_kind, uid)) == NULL)
		return -1;
	rc = dir_find(d, t, f, "uid", out);
	free(f);
	return rc;
}

/*
 * Every person of tenant t (NULL: central IT), in the directory's
 * order; cb returning non-zero stops.  Number of entries, or -1.
 */
int
dir_list(struct dir *d, const struct tenant *t, dir_user_cb cb, void *arg)
{
	LDAPMessage	*res = NULL, *e;
	struct dir_user	 u;
	char		 base[512];
	int		 lrc, n = 0, rc = -1;

	if (dir_base(d, t, base, sizeof(base)) == -1)
		goto out;
	lrc = dir_search(d, base, "(objectClass=inetOrgPerson)", 0,
	    DIR_LIST_TIMEOUT, &res);
	if (lrc == LDAP_NO_SUCH_OBJECT) {
		rc = 0;
		goto out;
	}
	if (lrc != LDAP_SUCCESS) {
		log_warn("search %s: %s", base, ldap_err2string(lrc));
		goto out;
	}
	for (e = ldap_first_entry(d->ld, res); e != NULL;
	    e = ldap_next_entry(d->ld, e)) {
		if (entry_user(d->ld, e, &u) == -1)
			continue;
		n++;
		if (cb(&u, arg) != 0)
			break;
	}
	rc = n;
out:
	ldap_msgfree(res);
	return rc;
}

/* Bind results that mean "these credentials do not sign in". */
static int
refused(int lrc)
{
	return lrc == LDAP_INVALID_CREDENTIALS ||
	    lrc == LDAP_INAPPROPRIATE_AUTH || lrc == LDAP_INVALID_DN_SYNTAX ||
	    lrc == LDAP_NO_SUCH_OBJECT || lrc == LDAP_UNWILLING_TO_PERFORM;
}

/*
 * Check a password by a simple bind as dn on the user connection.
 * 1 right, 0 wrong (also for an empty password or DN: an LDAP bind
 * with a DN and no password is "unauthenticated" and would succeed),
 * -1 the directory cannot be reached: say "try again later".
 */
int
dir_check_password(struct dir *d, const char *dn, const char *pw)
{
	struct berval	 cred = { 0, NULL };
	int		 attempt, lrc, rc = -1;

	if (dn == NULL || *dn == '\0' || pw == NULL || *pw == '\0')
		return 0;
	if (bv_dup(&cred, pw) == -1)
		return -1;
	for (attempt = 0; attempt < 2; attempt++) {
		if (d->uld == NULL &&
		    (d->uld = ld_new(d->cfg->ldap_uri)) == NULL)
			break;
		lrc = ldap_sasl_bind_s(d->uld, dn, LDAP_SASL_SIMPLE, &cred,
		    NULL, NULL, NULL);
		if (lrc == LDAP_SUCCESS)
			rc = 1;
		else if (refused(lrc))
			rc = 0;
		else if (gone(lrc)) {
			ld_drop(&d->uld);
			continue;
		} else
			log_warn("user bind: %s", ldap_err2string(lrc));
		break;
	}
	if (rc == -1)
		log_warn("directory unreachable for a password check");
	bv_wipe(&cred);
	return rc;
}

/*
 * Change one's own password (CORE-9): bind as dn with the old password,
 * then the RFC 3062 password modify operation with old and new, as that
 * user; slapd stores it as {ARGON2}.  1 changed, 0 old password wrong,
 * -1 error (directory down, or the new password refused).
 */
int
dir_change_password(struct dir *d, const char *dn, const char *oldpw,
    const char *newpw)
{
	struct berval	 user = { 0, NULL }, o = { 0, NULL };
	struct berval	 n = { 0, NULL }, gen = { 0, NULL };
	int		 lrc, rc;

	if (newpw == NULL || *newpw == '\0')
		return -1;
	if ((rc = dir_check_password(d, dn, oldpw)) != 1)
		return rc;
	rc = -1;
	if (bv_dup(&user, dn) == -1 || bv_dup(&o, oldpw) == -1 ||
	    bv_dup(&n, newpw) == -1)
		goto out;
	/* A write whose fate is unknown is not retried. */
	lrc = ldap_passwd_s(d->uld, &user, &o, &n, &gen, NULL, NULL);
	if (lrc == LDAP_SUCCESS)
		rc = 1;
	else if (lrc == LDAP_INVALID_CREDENTIALS)
		rc = 0;
	else {
		log_warn("password modify: %s", ldap_err2string(lrc));
		if (gone(lrc))
			ld_drop(&d->uld);
	}
out:
	if (gen.bv_val != NULL) {
		explicit_bzero(gen.bv_val, gen.bv_len);
		ber_memfree(gen.bv_val);
	}
	bv_wipe(&user);
	bv_wipe(&o);
	bv_wipe(&n);
	return rc;
}

/* An add or modify request under construction: one value per type. */
struct modset {
	LDAPMod		 mod[DIR_MAXMOD];
	LDAPMod		*ptr[DIR_MAXMOD + 1];
	struct berval	 bv[DIR_MAXMOD];
	struct berval	*vals[DIR_MAXMOD][2];
	size_t		 n;
	int		 bad;
};

static void
mods_add(struct modset *m, int op, const char *type, const char *val)
{
	size_t	 i = m->n;

	if (m->bad || val == NULL || *val == '\0')
		return;
	if (i == DIR_MAXMOD || bv_dup(&m->bv[i], val) == -1 ||
	    (m->mod[i].mod_type = strdup(type)) == NULL) {
		if (i < DIR_MAXMOD)
			bv_wipe(&m->bv[i]);
		m->bad = 1;
		return;
	}
	m->vals[i][0] = &m->bv[i];
	m->vals[i][1] = NULL;
	m->mod[i].mod_op = op | LDAP_MOD_BVALUES;
	m->mod[i].mod_bvalues = m->vals[i];
	m->ptr[i] = &m->mod[i];
	m->ptr[i + 1] = NULL;
	m->n++;
}

static void
mods_free(struct modset *m)
{
	size_t	 i;

	for (i = 0; i < m->n; i++) {
		bv_wipe(&m->bv[i]);
		free(m->mod[i].mod_type);
	}
	m->n = 0;
}

/* Set a password as the bound account (portal; admin for ou=ops). */
/*
 * Replace attributes of an entry as the service account: attr, value
 * pairs, NULL-terminated.  1 done, 0 no such entry, -1 error.
 */
int
dir_replace(struct dir *d, const char *dn, const char *const *av)
{
	struct modset	 m;
	int		 attempt, lrc = LDAP_OTHER, rc = -1;

	if (dn == NULL || *dn == '\0' || av == NULL || av[0] == NULL)
		return -1;
	memset(&m, 0, sizeof(m));
	for (; av[0] != NULL && av[1] != NULL; av += 2)
		mods_add(&m, LDAP_MOD_REPLACE, av[0], av[1]);
	if (m.bad)
		goto out;
	for (attempt = 0; attempt < 2; attempt++) {
		if (dir_ensure(d) == -1)
			break;
		lrc = ldap_modify_ext_s(d->ld, dn, m.ptr, NULL, NULL);
		if (!gone(lrc))
			break;
		ld_drop(&d->ld);	/* a replace may be repeated */
	}
	if (lrc == LDAP_SUCCESS)
		rc = 1;
	else if (lrc == LDAP_NO_SUCH_OBJECT)
		rc = 0;
	else
		log_warn("modify: %s", ldap_err2string(lrc));
out:
	mods_free(&m);
	return rc;
}

/*
 * Spend what a password check costs, on an entry nobody can sign in
 * as: for identifiers that match no account, so that the time of the
 * answer says nothing about whether an account exists.  Always 0.
 */
int
dir_decoy(struct dir *d, const char *pw)
{
	char	 dn[512];

	snprintf(dn, sizeof(dn), DIR_DECOY_RDN ",ou=tenants,%s",
	    d->cfg->ldap_base);
	(void)dir_check_password(d, dn, pw != NULL && *pw != '\0' ? pw :
	    "-");
	return 0;
}

int
dir_set_password(struct dir *d, const char *dn, const char *pw)
{
	const char	*av[3];

	if (pw == NULL || *pw == '\0')
		return -1;
	/* Sent as cleartext; the ppolicy overlay stores it as {ARGON2}. */
	av[0] = "userPassword";
	av[1] = pw;
	av[2] = NULL;
	return dir_replace(d, dn, av);
}

/* Split "山田 太郎" (ASCII or ideographic space) into sn and givenName. */
static void
split_name(const char *name, char *sn, char *given, size_t len)
{
	const char	*sp, *isp, *rest;

	sp = strchr(name, ' ');
	isp = strstr(name, "\xe3\x80\x80");	/* U+3000 */
	if (isp != NULL && (sp == NULL || isp < sp))
		sp = isp;
	given[0] = '\0';
	if (sp == NULL) {
		copy_cut(sn, len, name, strlen(name));
		return;
	}
	copy_cut(sn, len, name, (size_t)(sp - name));
	rest = sp + (*sp == ' ' ? 1 : 3);
	while (*rest == ' ' || strncmp(rest, "\xe3\x80\x80", 3) == 0)
		rest += *rest == ' ' ? 1 : 3;
	copy_cut(given, len, rest, strlen(rest));
	if (sn[0] == '\0') {
		copy_cut(sn, len, given, strlen(given));
		given[0] = '\0';
	}
}

/*
 * Add a person under tenant t (NULL: central IT, under ou=ops).  uid
 * must pass dir_uid_valid(); number (employeeNumber) is required for a
 * tenant; kana and pw may be NULL (no password: cannot sign in until
 * one is set).  1 added, 0 the uid, number or mail is already used in
 * that subtree (identifiers must find one person), -1 error.
 * The check and the add are two operations: callers that may race
 * (self-registration) serialise in the database first.
 */
int
dir_add_user(struct dir *d, const struct tenant *t, const char *uid,
    const char *number, const char *mail, const char *name,
    const char *kana, const char *pw)
{
	struct modset	 m;
	struct buf	 f = { NULL, 0, 0 };
	LDAPMessage	*res = NULL;
	char		 base[512], dn[600], sn[256], given[256];
	char		*eu = NULL, *en = NULL, *em = NULL;
	int		 attempt, lrc = LDAP_OTHER, rc = -1;

	memset(&m, 0, sizeof(m));
	if (!dir_uid_valid(uid) || mail == NULL || *mail == '\0' ||
	    name == NULL || *name == '\0' ||
	    (t != NULL && (number == NULL || *number == '\0'))) {
		log_warn("refused: incomplete entry");
		goto out;
	}
	if (dir_base(d, t, base, sizeof(base)) == -1 ||
	    snprintf(dn, sizeof(dn), "uid=%s,%s", uid, base) >=
	    (int)sizeof(dn))
		goto out;

	/* One person per uid, per number and per mail in the subtree. */
	if ((eu = dir_filter_escape(uid)) == NULL ||
	    (em = dir_filter_escape(mail)) == NULL ||
	    (en = dir_filter_escape(number ? number : "")) == NULL)
		goto out;
	if (buf_printf(&f, "(|(uid=%s)(mail=%s)", eu, em) == -1 ||
	    (*en != '\0' && buf_printf(&f, "(employeeNumber=%s)", en) == -1) ||
	    buf_puts(&f, ")") == -1)
		goto out;
	lrc = dir_search(d, base, f.data, 1, DIR_TIMEOUT, &res);
	if (lrc == LDAP_SIZELIMIT_EXCEEDED ||
	    (lrc == LDAP_SUCCESS && ldap_count_entries(d->ld, res) > 0)) {
		rc = 0;
		goto out;
	}
	if (lrc != LDAP_SUCCESS) {
		log_warn("search %s: %s", base, ldap_err2string(lrc));
		goto out;
	}

	split_name(name, sn, given, sizeof(sn));
	mods_add(&m, LDAP_MOD_ADD, "objectClass", "inetOrgPerson");
	mods_add(&m, LDAP_MOD_ADD, "uid", uid);
	mods_add(&m, LDAP_MOD_ADD, "cn", name);
	mods_add(&m, LDAP_MOD_ADD, "displayName", name);
	mods_add(&m, LDAP_MOD_ADD, "sn", sn);
	mods_add(&m, LDAP_MOD_ADD, "givenName", given);
	mods_add(&m, LDAP_MOD_ADD, "cn;lang-ja-x-phonetic", kana);
	mods_add(&m, LDAP_MOD_ADD, "displayName;lang-ja-x-phonetic", kana);
	mods_add(&m, LDAP_MOD_ADD, "mail", mail);
	mods_add(&m, LDAP_MOD_ADD, "employeeNumber", number);
	/* Cleartext on the wire; the ppolicy overlay stores {ARGON2}. */
	mods_add(&m, LDAP_MOD_ADD, "userPassword", pw);
	if (m.bad)
		goto out;
	for (attempt = 0; attempt < 2; attempt++) {
		if (dir_ensure(d) == -1) {
			lrc = LDAP_SERVER_DOWN;
			break;
		}
		lrc = ldap_add_ext_s(d->ld, dn, m.ptr, NULL, NULL);
		if (!gone(lrc))
			break;
		ld_drop(&d->ld);
	}
	if (lrc == LDAP_SUCCESS)
		rc = 1;
	else if (lrc == LDAP_ALREADY_EXISTS)
		rc = 0;
	else
		log_warn("add %s: %s", dn, ldap_err2string(lrc));
out:
	ldap_msgfree(res);
	buf_free(&f);
	free(eu);
	free(en);
	free(em);
	mods_free(&m);
	return rc;
}

/*
 * A new tenant's subtree: ou=SLUG,ou=tenants and its ou=people, as the
 * portal (it writes under ou=tenants, deploy/ldap).  An entry already
 * there is kept: a create that stopped half-way can be run again.
 * 0, -1.
 */
int
dir_add_tenant(struct dir *d, const char *slug)
{
	struct modset	 m;
	char		 dn[2][512];
	const char	*ou[2] = { slug, "people" };
	int		 i, attempt, lrc = LDAP_OTHER, rc = -1;

	if (!tenant_slug_valid(slug) || snprintf(dn[0], sizeof(dn[0]),
	    "ou=%s,ou=tenants,%s", slug, d->cfg->ldap_base) >=
	    (int)sizeof(dn[0]) || snprintf(dn[1], sizeof(dn[1]),
	    "ou=people,%s", dn[0]) >= (int)sizeof(dn[1]))
		return -1;
	for (i = 0; i < 2; i++) {
		memset(&m, 0, sizeof(m));
		mods_add(&m, LDAP_MOD_ADD, "objectClass",
		    "organizationalUnit");
		mods_add(&m, LDAP_MOD_ADD, "ou", ou[i]);
		if (m.bad) {
			mods_free(&m);
			goto out;
		}
		for (attempt = 0; attempt < 2; attempt++) {
			if (dir_ensure(d) == -1) {
				lrc = LDAP_SERVER_DOWN;
				break;
			}
			lrc = ldap_add_ext_s(d->ld, dn[i], m.ptr, NULL, NULL);
			if (!gone(lrc))
				break;
			ld_drop(&d->ld);
		}
		mods_free(&m);
		if (lrc != LDAP_SUCCESS && lrc != LDAP_ALREADY_EXISTS) {
			log_warn("add %s: %s", dn[i], ldap_err2string(lrc));
			goto out;
		}
	}
	rc = 0;
out:
	return rc;
}

/* Remove an entry (undo a half-made account).  1, 0 none, -1 error. */
int
dir_delete(struct dir *d, const char *dn)
{
	int	 attempt, lrc = LDAP_SERVER_DOWN;

	for (attempt = 0; attempt < 2; attempt++) {
		if (dir_ensure(d) == -1)
			break;
		lrc = ldap_delete_ext_s(d->ld, dn, NULL, NULL);
		if (!gone(lrc))
			break;
		ld_drop(&d->ld);
	}
	if (lrc == LDAP_SUCCESS)
		return 1;
	if (lrc == LDAP_NO_SUCH_OBJECT)
		return 0;
	log_warn("delete %s: %s", dn, ldap_err2string(lrc));
	return -1;
}

/*
 * A uid may go into a DN unescaped: 1-64 of [a-z0-9._-], starting with
 * a letter or digit.
 */
int
dir_uid_valid(const char *uid)
{
	size_t	 i;

	if (uid == NULL || uid[0] == '\0' || strlen(uid) > 64 ||
	    uid[0] == '.' || uid[0] == '_' || uid[0] == '-')
		return 0;
	for (i = 0; uid[i] != '\0'; i++)
		if (!((uid[i] >= 'a' && uid[i] <= 'z') ||
		    (uid[i] >= '0' && uid[i] <= '9') || uid[i] == '.' ||
		    uid[i] == '_' || uid[i] == '-'))
			return 0;
	return 1;
}

static int
fill_random(void *p, size_t n)
{
	unsigned char	*b = p;
	ssize_t		 r;

	while (n > 0) {
		if ((r = getrandom(b, n, 0)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		b += r;
		n -= (size_t)r;
	}
	return 0;
}

/* A new internal uid: 'm' and 8 base32 characters (40 random bits). */
int
dir_new_uid(char *out, size_t len)
{
	static const char	 b32[] = "abcdefghijklmnopqrstuvwxyz234567";
	unsigned char		 r[5];
	unsigned long long	 v = 0;
	size_t			 i;

	if (len < DIR_UID_LEN + 1 || fill_random(r, sizeof(r)) == -1)
		return -1;
	for (i = 0; i < sizeof(r); i++)
		v = v << 8 | r[i];
	out[0] = 'm';
	for (i = 0; i < 8; i++)
		out[1 + i] = b32[(v >> (35 - 5 * i)) & 31];
	out[DIR_UID_LEN] = '\0';
	return 0;
}

/*
 * A random password of len - 1 characters (at least 12) from an
 * alphabet without look-alikes (0/O, 1/l/I): 5.8 bits a character.
 */
int
dir_gen_password(char *out, size_t len)
{
	static const char	 abc[] =
	    "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
	const size_t		 n = sizeof(abc) - 1;
	unsigned char		 r[64];
	size_t			 i = 0, k;

	if (len < 13)
		return -1;
	while (i < len - 1) {
		if (fill_random(r, sizeof(r)) == -1)
			return -1;
		/* Rejection sampling: no character more likely than another. */
		for (k = 0; k < sizeof(r) && i < len - 1; k++)
			if (r[k] < 256 - 256 % n)
				out[i++] = abc[r[k] % n];
	}
	out[i] = '\0';
	explicit_bzero(r, sizeof(r));
	return 0;
}
