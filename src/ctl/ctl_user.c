/*
 * ctl_user.c — shikakuctl's account commands (issue 3, OPS-1): people
 * of a tenant (directory entry + account row + roles), central-IT
 * accounts under ou=ops, and the demo accounts.
 *
 * Tenant people are written as the portal's service account; central
 * IT only as ldap_admin_dn (the portal may only read ou=ops).  IDENT is
 * what the person signs in with (dir_find_login); TENANT "_ops" names
 * central IT where a command accepts it.  Every change is audited with
 * the actor "ctl:<login name>".  Passwords come from a file (one line)
 * or are generated, printed once and must be changed at next sign-in.
 */
#include <getopt.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "account.h"
#include "buf.h"
#include "conf.h"
#include "ctl.h"
#include "directory.h"
#include "member_record.h"
#include "tenant.h"
#include "tenant_life.h"

#define TEMP_VALID_S	(7 * 24 * 3600)	/* generated password lasts */
#define GEN_PW_LEN	16		/* characters of a generated one */
#define MAXROLES	8

/* Options of the account commands; each command allows some. */
enum { O_NUMBER = 256, O_MAIL, O_NAME, O_KANA, O_ROLE, O_PWFILE, O__END };
#define OPT(o)		(1u << ((o) - O_NUMBER))

static const struct option longopts[] = {
	{ "number",		required_argument, NULL, O_NUMBER },
	{ "mail",		required_argument, NULL, O_MAIL },
	{ "name",		required_argument, NULL, O_NAME },
	{ "kana",		required_argument, NULL, O_KANA },
	{ "role",		required_argument, NULL, O_ROLE },
	{ "password-file",	required_argument, NULL, O_PWFILE },
	{ NULL,			0, NULL, 0 },
};

struct uopts {
	const char	*val[O__END - O_NUMBER];
	const char	*role[MAXROLES];
	size_t		 nrole;
	char		**pos;		/* the positional arguments */
};
#define V(o, x)		((o)->val[(x) - O_NUMBER])

/*
 * Parse a command's arguments (argv[0] is the first one after the
 * command words; shikakuctl's main stops its own option parsing there,
 * so argv[-1] is the last command word and serves as getopt's name).
 */
static int
uopts_parse(int argc, char **argv, unsigned int allowed, int npos,
    const char *use, struct uopts *o)
{
	int	 ch;

	memset(o, 0, sizeof(*o));
	argc++;
	argv--;
	optind = 0;		/* GNU getopt: start afresh */
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (ch < O_NUMBER || ch >= O__END || !(allowed & OPT(ch))) {
			fprintf(stderr, "shikakuctl: bad option %s\n",
			    argv[optind - 1]);
			goto usage;
		}
		if (ch != O_ROLE)
			V(o, ch) = optarg;
		else if (o->nrole < MAXROLES)
			o->role[o->nrole++] = optarg;
		else {
			fprintf(stderr, "shikakuctl: too many --role\n");
			goto usage;
		}
	}
	if (argc - optind != npos)
		goto usage;
	o->pos = argv + optind;
	return 0;
usage:
	fprintf(stderr, "usage: shikakuctl %s\n", use);
	return -1;
}

/* TENANT as typed: a tenant slug, or "_ops" (t = NULL) if ops_ok. */
static int
ctl_tenant(struct ctl *c, const char *slug, int ops_ok,
    const struct tenant **t)
{
	size_t	 i;

	*t = NULL;
	if (ops_ok && strcmp(slug, ACCOUNT_OPS) == 0)
		return 0;
	for (i = 0; i < c->tenants->n; i++)
		if (strcmp(c->tenants->t[i].slug, slug) == 0) {
			*t = &c->tenants->t[i];
			return 0;
		}
	fprintf(stderr, "shikakuctl: %s: no such tenant\n", slug);
	return -1;
}

static const struct tenant *
tenant_named(const struct ctl *c, const char *slug)
{
	size_t	 i;

	for (i = 0; i < c->tenants->n; i++)
		if (strcmp(c->tenants->t[i].slug, slug) == 0)
			return &c->tenants->t[i];
	return NULL;
}

/* The directory as the account that may write t's people. */
static struct dir *
ctl_dir(struct ctl *c, const struct tenant *t)
{
	struct dir	*d;

	if (t == NULL && (c->cfg->ldap_admin_dn == NULL ||
	    c->cfg->ldap_admin_password_file == NULL)) {
		fprintf(stderr, "shikakuctl: central-IT accounts need "
		    "ldap_admin_dn and ldap_admin_password_file in %s\n",
		    c->cfg->path);
		return NULL;
	}
	d = t == NULL ? dir_open_as(c->cfg, c->cfg->ldap_admin_dn,
	    c->cfg->ldap_admin_password_file) : dir_open(c->cfg);
	if (d == NULL || dir_ping(d) != 1) {
		fprintf(stderr, "shikakuctl: directory %s unreachable or "
		    "bind refused\n", c->cfg->ldap_uri);
		dir_close(d);
		return NULL;
	}
	return d;
}

/* From a file, or generated (*gen = 1); NULL on error.  Free wiped. */
static char *
get_password(const char *file, int *gen)
{
	char	*pw;

	*gen = 0;
	if (file != NULL) {
		if ((pw = read_secret(file)) == NULL || *pw == '\0') {
			fprintf(stderr, "shikakuctl: %s: no password read\n",
			    file);
			free(pw);
			return NULL;
		}
		return pw;
	}
	if ((pw = malloc(GEN_PW_LEN + 1)) == NULL ||
	    dir_gen_password(pw, GEN_PW_LEN + 1) == -1) {
		free(pw);
		return NULL;
	}
	*gen = 1;
	return pw;
}

static void
pw_free(char *pw)
{
	secret_free(pw);
}

/* A mail address the directory takes (IA5) and a person could own. */
static int
valid_mail(const char *s)
{
	const char	*at;
	size_t		 i;

	if (s == NULL || strlen(s) > 254 || (at = strchr(s, '@')) == NULL ||
	    at == s || strchr(at + 1, '@') != NULL ||
	    strchr(at + 1, '.') == NULL || at[1] == '.')
		return 0;
	for (i = 0; s[i] != '\0'; i++)
		if ((unsigned char)s[i] <= ' ' || (unsigned char)s[i] >= 0x7f)
			return 0;
	return 1;
}

/* A login number of t: tenant_life.c's rule, shared with tenant create. */
static int
valid_number(const struct tenant *t, const char *s)
{
	return tl_number_valid(t, s);
}

/* A name: UTF-8, 1-80 characters, no control characters. */
static int
valid_name(const char *s)
{
	size_t	 i, n;

	if (s == NULL || (n = strlen(s)) == 0 || !utf8_valid(s, n) ||
	    utf8_chars(s, n) > 80)
		return 0;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < ' ' || s[i] == 0x7f)
			return 0;
	return 1;
}

/* The person t signs in as ident; prints why not. 1 found, else -1. */
static int
find_ident(struct dir *d, const struct tenant *t, const char *ident,
    struct dir_user *u)
{
	switch (dir_find_login(d, t, ident, u)) {
	case 1:
		return 1;
	case 0:
		fprintf(stderr, "shikakuctl: %s: no account %s (or more "
		    "than one)\n", tenant_key(t), ident);
		return -1;
	default:
		fprintf(stderr, "shikakuctl: directory error\n");
		return -1;
	}
}

/*
 * The account row, roles, temporary-password state and audit of a
 * person just added to the directory.  0, or -1 (the caller removes the
 * directory entry).
 */
static int
account_setup(struct ctl *c, const char *tk, const char *uid,
    const char *const *roles, size_t nrole, int temp, const char *action)
{
	struct buf	 det = { NULL, 0, 0 };
	size_t		 i;
	int		 rc = -1;

	/* Roles and their audit line: all or nothing. */
	if (db_begin(c->db) <= 0)
		goto out;
	if (account_ensure(c->db, tk, uid) < 0)
		goto end;
	if (temp && account_set_temp(c->db, tk, uid, TEMP_VALID_S) < 0)
		goto end;
	if (buf_puts(&det, "roles=") == -1)
		goto end;
	for (i = 0; i < nrole; i++)
		if (role_grant(c->db, tk, uid, roles[i]) < 0 ||
		    buf_printf(&det, "%s%s", i ? "," : "", roles[i]) == -1)
			goto end;
	if (audit_log(c->db, tk, ctl_actor(), action, uid, NULL, det.data) < 0)
		goto end;
	rc = 0;
end:
	if (db_end(c->db, rc == 0) < 0)
		rc = -1;
out:
	buf_free(&det);
	return rc;
}

static void
print_created(const char *uid, const char *pw, int gen)
{
	printf("%s\n", uid);
	if (gen)
		printf("temporary password: %s\n", pw);
}

/*
 * A new person of tenant t in the directory and the database, with
 * roles; pw NULL: a generated temporary password, returned in *gen_pw
 * (free with ctl_pw_free()).  uid receives the new uid.  0, or -1
 * (reason on stderr; nothing left behind).
 */
int
ctl_user_create(struct ctl *c, const struct tenant *t, const char *number,
    const char *mail, const char *name, const char *kana,
    const char *const *roles, size_t nrole, const char *pwfile,
    char *uid, char **gen_pw)
{
	struct dir_user		 u;
	struct dir		*d = NULL;
	char			*pw = NULL;
	size_t			 i;
	int			 gen, k, r, rc = -1;

	if (gen_pw != NULL)
		*gen_pw = NULL;
	for (i = 0; i < nrole; i++)
		if (!role_valid(roles[i], t->slug)) {
			fprintf(stderr, "shikakuctl: %s: not a tenant role\n",
			    roles[i]);
			goto out;
		}
	if ((pw = get_password(pwfile, &gen)) == NULL ||
	    (d = ctl_dir(c, t)) == NULL)
		goto out;
	/* 40 random bits: a clash is rare, but never reuse a uid. */
	for (k = 0, r = 1; k < 5 && r != 0; k++)
		if (dir_new_uid(uid, DIR_UID_LEN + 1) == -1 ||
		    (r = dir_get_uid(d, t, uid, &u)) == -1)
			goto out;
	if (r != 0)
		goto out;
	r = dir_add_user(d, t, uid, number, mail, name, kana, pw);
	if (r == 0)
		fprintf(stderr, "shikakuctl: %s: number %s or mail %s is "
		    "already used\n", t->slug, number, mail);
	if (r != 1)
		goto out;
	if (account_setup(c, t->slug, uid, roles, nrole, gen,
	    "user.add") == -1) {
		fprintf(stderr, "shikakuctl: database error; entry removed\n");
		if (dir_get_uid(d, t, uid, &u) == 1)
			dir_delete(d, u.dn);
		goto out;
	}
	if (gen && gen_pw != NULL) {
		*gen_pw = pw;
		pw = NULL;
	}
	rc = 0;
out:
	pw_free(pw);
	dir_close(d);
	return rc;
}

int
cmd_user_add(struct ctl *c, int argc, char **argv)
{
	static const char	 use[] = "user add TENANT --number N --mail M "
	    "--name NAME [--kana KANA] [--role ROLE]... [--password-file F]";
	static const char	*member[] = { "member" };
	const struct tenant	*t;
	const char *const	*roles;
	struct uopts		 o;
	char			 uid[DIR_UID_LEN + 1], *pw = NULL;
	size_t			 nrole;
	int			 rc = 1;

	if (uopts_parse(argc, argv, OPT(O_NUMBER) | OPT(O_MAIL) |
	    OPT(O_NAME) | OPT(O_KANA) | OPT(O_ROLE) | OPT(O_PWFILE), 1, use,
	    &o) == -1)
		return 2;
	if (ctl_tenant(c, o.pos[0], 0, &t) == -1)
		goto out;
	if (!valid_number(t, V(&o, O_NUMBER)) ||
	    !valid_mail(V(&o, O_MAIL)) || !valid_name(V(&o, O_NAME)) ||
	    (V(&o, O_KANA) != NULL && !valid_name(V(&o, O_KANA)))) {
		fprintf(stderr, "shikakuctl: --number (%s), --mail and "
		    "--name are required and must be valid\nusage: "
		    "shikakuctl %s\n", t->login_kind == LOGIN_REGNO ?
		    "digits" : "letters, digits, -", use);
		goto out;
	}
	roles = o.nrole > 0 ? o.role : member;
	nrole = o.nrole > 0 ? o.nrole : 1;
	if (ctl_user_create(c, t, V(&o, O_NUMBER), V(&o, O_MAIL),
	    V(&o, O_NAME), V(&o, O_KANA), roles, nrole, V(&o, O_PWFILE), uid,
	    &pw) == -1)
		goto out;
	print_created(uid, pw, pw != NULL);
	rc = 0;
out:
	pw_free(pw);
	return rc;
}

int
cmd_user_passwd(struct ctl *c, int argc, char **argv)
{
	static const char	 use[] =
	    "user passwd TENANT|_ops IDENT [--password-file F]";
	const struct tenant	*t;
	struct uopts		 o;
	struct dir_user		 u;
	struct dir		*d = NULL;
	const char		*tk;
	char			*pw = NULL;
	int			 gen, rc = 1;

	if (uopts_parse(argc, argv, OPT(O_PWFILE), 2, use, &o) == -1)
		return 2;
	if (ctl_tenant(c, o.pos[0], 1, &t) == -1 ||
	    (d = ctl_dir(c, t)) == NULL ||
	    find_ident(d, t, o.pos[1], &u) == -1 ||
	    (pw = get_password(V(&o, O_PWFILE), &gen)) == NULL)
		goto out;
	tk = tenant_key(t);
	/*
	 * The directory cannot join the transaction: the SQL side (state
	 * and audit line) is written first and committed only once the
	 * directory took the password, so a database failure leaves the
	 * old password in force.
	 */
	if (db_begin(c->db) <= 0 || account_ensure(c->db, tk, u.uid) < 0 ||
	    (gen ? account_set_temp(c->db, tk, u.uid, TEMP_VALID_S) :
	    account_clear_temp(c->db, tk, u.uid)) < 0 ||
	    audit_log(c->db, tk, ctl_actor(), "user.passwd", u.uid, NULL,
	    gen ? "temporary" : "from file") < 0) {
		(void)db_rollback(c->db);
		fprintf(stderr, "shikakuctl: the database failed; the "
		    "password was not changed\n");
		goto out;
	}
	if (dir_set_password(d, u.dn, pw) != 1) {
		(void)db_rollback(c->db);
		fprintf(stderr, "shikakuctl: setting the password failed\n");
		goto out;
	}
	if (db_commit(c->db) <= 0) {
		(void)db_rollback(c->db);
		fprintf(stderr, "shikakuctl: password set, but the database "
		    "failed: its audit line is missing\n");
		goto out;
	}
	if (gen)
		printf("temporary password: %s\n", pw);
	else
		printf("password set for %s\n", u.uid);
	rc = 0;
out:
	pw_free(pw);
	dir_close(d);
	return rc;
}

struct list_arg {
	struct ctl	*c;
	const char	*tk;
	int		 err;
};

static int
list_one(const struct dir_user *u, void *arg)
{
	struct list_arg	*la = arg;
	struct account	 a;
	char		 roles[ROLES_LEN], state[64];
	int		 n, got;

	n = role_list(la->c->db, la->tk, u->uid, roles, sizeof(roles));
	got = account_get(la->c->db, la->tk, u->uid, &a);
	if (n < 0 || got < 0) {
		la->err = 1;
		return 1;
	}
	if (got == 0)
		snprintf(state, sizeof(state), "no-account");
	else if (a.lock_left > 0)
		snprintf(state, sizeof(state), "locked:%llds", a.lock_left);
	else
		snprintf(state, sizeof(state), "%s%s%s",
		    a.must_change ? "temporary," : "",
		    a.totp_enabled ? "totp," : "",
		    a.failures > 0 ? "failures," : "");
	if (state[0] == '\0')
		snprintf(state, sizeof(state), "ok");
	else if (state[strlen(state) - 1] == ',')
		state[strlen(state) - 1] = '\0';
	printf("%s\t%s\t%s\t%s\t%s\t%s\n", u->uid,
	    u->number[0] ? u->number : "-", u->mail[0] ? u->mail : "-",
	    u->name, n > 0 ? roles : "-", state);
	return 0;
}

int
cmd_user_list(struct ctl *c, int argc, char **argv)
{
	const struct tenant	*t;
	struct list_arg		 la;
	struct uopts		 o;
	struct dir		*d = NULL;
	int			 rc = 1;

	if (uopts_parse(argc, argv, 0, 1, "user list TENANT|_ops", &o) == -1)
		return 2;
	if (ctl_tenant(c, o.pos[0], 1, &t) == -1 ||
	    (d = ctl_dir(c, t)) == NULL)
		goto out;
	la.c = c;
	la.tk = tenant_key(t);
	la.err = 0;
	printf("# uid\tnumber\tmail\tname\troles\tstate\n");
	if (dir_list(d, t, list_one, &la) < 0 || la.err) {
		fprintf(stderr, "shikakuctl: listing failed\n");
		goto out;
	}
	rc = 0;
out:
	dir_close(d);
	return rc;
}

int
cmd_user_unlock(struct ctl *c, int argc, char **argv)
{
	const struct tenant	*t;
	struct uopts		 o;
	struct account		 a;
	struct dir_user		 u;
	struct dir		*d = NULL;
	char			 det[96];
	int			 got, rc = 1;

	if (uopts_parse(argc, argv, 0, 2, "user unlock TENANT|_ops IDENT",
	    &o) == -1)
		return 2;
	if (ctl_tenant(c, o.pos[0], 1, &t) == -1 ||
	    (d = ctl_dir(c, t)) == NULL ||
	    find_ident(d, t, o.pos[1], &u) == -1)
		goto out;
	if ((got = account_get(c->db, tenant_key(t), u.uid, &a)) < 0)
		goto out;
	snprintf(det, sizeof(det), "lock_left=%llds failures=%d",
	    got ? a.lock_left : 0, got ? a.failures : 0);
	if (got == 0 || (a.lock_left == 0 && a.failures == 0)) {
		printf("%s was not locked\n", u.uid);
		rc = 0;
		goto out;
	}
	if (db_begin(c->db) <= 0 || db_end(c->db,
	    account_unlock(c->db, tenant_key(t), u.uid) >= 0 &&
	    audit_log(c->db, tenant_key(t), ctl_actor(), "user.unlock", u.uid,
	    NULL, det) > 0) < 0)
		goto out;
	printf("%s unlocked (%s)\n", u.uid, det);
	rc = 0;
out:
	dir_close(d);
	return rc;
}

static int
role_change(struct ctl *c, int argc, char **argv, int grant)
{
	const struct tenant	*t;
	struct uopts		 o;
	struct dir_user		 u;
	struct dir		*d = NULL;
	const char		*role;
	size_t			 i;
	int			 r, rc = 1;

	if (uopts_parse(argc, argv, 0, 3, grant ?
	    "role grant TENANT|_ops IDENT ROLE" :
	    "role revoke TENANT|_ops IDENT ROLE", &o) == -1)
		return 2;
	role = o.pos[2];
	if (ctl_tenant(c, o.pos[0], 1, &t) == -1)
		goto out;
	if (!role_valid(role, tenant_key(t))) {
		fprintf(stderr, "shikakuctl: %s is not a role on %s; "
		    "roles:", role, tenant_key(t));
		for (i = 0; role_defs[i].name != NULL; i++)
			if (role_valid(role_defs[i].name, tenant_key(t)))
				fprintf(stderr, " %s", role_defs[i].name);
		fprintf(stderr, "\n");
		goto out;
	}
	if ((d = ctl_dir(c, t)) == NULL ||
	    find_ident(d, t, o.pos[1], &u) == -1)
		goto out;
	/* The change and its audit line: both or neither. */
	if (db_begin(c->db) <= 0)
		goto out;
	r = grant ? role_grant(c->db, tenant_key(t), u.uid, role) :
	    role_revoke(c->db, tenant_key(t), u.uid, role);
	if (db_end(c->db, r == 0 || (r > 0 && audit_log(c->db, tenant_key(t),
	    ctl_actor(), grant ? "role.grant" : "role.revoke", u.uid, NULL,
	    role) > 0)) < 0)
		goto out;
	printf("%s: %s %s\n", u.uid, role, r == 0 ? (grant ?
	    "was already held" : "was not held") : (grant ? "granted" :
	    "revoked"));
	rc = 0;
out:
	dir_close(d);
	return rc;
}

int
cmd_role_grant(struct ctl *c, int argc, char **argv)
{
	return role_change(c, argc, argv, 1);
}

int
cmd_role_revoke(struct ctl *c, int argc, char **argv)
{
	return role_change(c, argc, argv, 0);
}

int
cmd_ops_add(struct ctl *c, int argc, char **argv)
{
	static const char	 use[] =
	    "ops add UID --mail M --name NAME [--password-file F]";
	static const char	*roles[] = { "central_it" };
	struct uopts		 o;
	struct dir_user		 u;
	struct dir		*d = NULL;
	const char		*uid;
	char			*pw = NULL;
	int			 gen, r, rc = 1;

	if (uopts_parse(argc, argv, OPT(O_MAIL) | OPT(O_NAME) |
	    OPT(O_PWFILE), 1, use, &o) == -1)
		return 2;
	uid = o.pos[0];
	if (!dir_uid_valid(uid) || !valid_mail(V(&o, O_MAIL)) ||
	    !valid_name(V(&o, O_NAME))) {
		fprintf(stderr, "shikakuctl: UID ([a-z0-9._-], at most 64), "
		    "--mail and --name are required and must be valid\n"
		    "usage: shikakuctl %s\n", use);
		goto out;
	}
	if ((pw = get_password(V(&o, O_PWFILE), &gen)) == NULL ||
	    (d = ctl_dir(c, NULL)) == NULL)
		goto out;
	r = dir_add_user(d, NULL, uid, NULL, V(&o, O_MAIL), V(&o, O_NAME),
	    NULL, pw);
	if (r == 0)
		fprintf(stderr, "shikakuctl: %s or %s is already used\n", uid,
		    V(&o, O_MAIL));
	if (r != 1)
		goto out;
	/* Central IT always needs TOTP: the gate knows it by the role. */
	if (account_setup(c, ACCOUNT_OPS, uid, roles, 1, gen,
	    "ops.add") == -1) {
		fprintf(stderr, "shikakuctl: database error; entry removed\n");
		if (dir_get_uid(d, NULL, uid, &u) == 1)
			dir_delete(d, u.dn);
		goto out;
	}
	print_created(uid, pw, gen);
	rc = 0;
out:
	pw_free(pw);
	dir_close(d);
	return rc;
}

/*
 * The demo accounts: in every demo tenant a member, the reviewer kind
 * fitting it and a tenant admin, and one central-IT account; all with
 * DEMO_PASSWORD.  Names are fictitious.
 */
static const struct demo_account {
	const char	*tenant;	/* NULL: central IT */
	const char	*role;
	const char	*number;	/* central IT: the uid */
	const char	*mail;
	const char	*name, *kana;
} demo_accounts_tab[] = {
	{ "board", "member", "512345", "member@board.example",
	    "佐藤 健太", "サトウ ケンタ" },
	{ "board", "program_director", "398721", "director@board.example",
	    "高橋 誠", "タカハシ マコト" },
	{ "board", "tenant_admin", "455012", "admin@board.example",
	    "鈴木 美穂", "スズキ ミホ" },
	{ "palliative", "member", "100234", "member@palliative.example",
	    "田中 由美", "タナカ ユミ" },
	{ "palliative", "supervisor", "100087",
	    "supervisor@palliative.example", "伊藤 直子", "イトウ ナオコ" },
	{ "palliative", "tenant_admin", "100001", "admin@palliative.example",
	    "山本 浩二", "ヤマモト コウジ" },
	{ "oncology", "member", "300512", "member@oncology.example",
	    "中村 翔太", "ナカムラ ショウタ" },
	{ "oncology", "society_reviewer", "300078",
	    "reviewer@oncology.example", "小林 恵子", "コバヤシ ケイコ" },
	{ "oncology", "tenant_admin", "300001", "admin@oncology.example",
	    "加藤 大輔", "カトウ ダイスケ" },
	{ "medassoc", "member", "1301234", "member@medassoc.example",
	    "吉田 明美", "ヨシダ アケミ" },
	{ "medassoc", "association_reviewer", "1300456",
	    "reviewer@medassoc.example", "山田 隆", "ヤマダ タカシ" },
	{ "medassoc", "tenant_admin", "1300001", "admin@medassoc.example",
	    "佐々木 智子", "ササキ トモコ" },
	{ "medassoc", "event_organizer", "1300789",
	    "organizer@medassoc.example", "松本 健一", "マツモト ケンイチ" },
	{ NULL, "central_it", "ops", "ops@shikaku.example",
	    "渡辺 直樹", "ワタナベ ナオキ" },
};

/*
 * The member records of the demo members whose tenant has no
 * registration of its own (issue 9 item 8; the board's come from its
 * registration's demo, feature register): 会員番号 is the account's
 * number, names and address the account's; fictional places and
 * numbers.  A load writes them again (dbq_member_record_put()).
 */
static const struct demo_record {
	const char	*number;	/* demo_accounts_tab's */
	const char	*birth, *phone, *postal, *pref, *address;
	const char	*work_name, *work_dept, *work_postal, *work_address;
	const char	*work_phone;
	const char	*cert_kind, *cert_no, *cert_date;
} demo_records[] = {
	{ "100234", "1982-06-14", "092-555-0134", "810-0001", "40",
	    "福岡市中央区天神1-2-3 デモハイツ501", "デモ市立総合病院",
	    "緩和ケア科", "810-0004", "福岡市中央区渡辺通2-4-6",
	    "092-555-0100", "緩和医療認定医", "P-2019-0345", "2019-04-01" },
	{ "300512", "1985-11-02", "06-5555-0512", "530-0001", "27",
	    "大阪市北区梅田3-1-1 デモタワー1203", "デモ大学医学部附属病院",
	    "腫瘍内科", "565-0871", "吹田市山田丘2-2", "06-5555-0300",
	    "がん薬物療法専門医", "O-2020-0512", "2020-04-01" },
	{ "1301234", "1978-03-21", "03-5555-1234", "160-0023", "13",
	    "新宿区西新宿2-8-1 デモレジデンス304", "デモ内科クリニック",
	    "内科", "160-0022", "新宿区新宿3-5-7 デモビル2階",
	    "03-5555-1300", "生涯教育認定証", "M-2023-1234", "2023-12-01" },
};

/* The record of demo member uid, if demo_records[] has one. */
static int
demo_record(struct ctl *c, const struct tenant *t, const char *uid,
    const struct demo_account *a)
{
	const struct demo_record	*d = NULL;
	struct member_record		 m;
	size_t				 i;

	for (i = 0; i < sizeof(demo_records) / sizeof(demo_records[0]); i++)
		if (strcmp(demo_records[i].number, a->number) == 0)
			d = &demo_records[i];
	if (d == NULL || t == NULL || strcmp(a->role, "member") != 0)
		return 0;
	memset(&m, 0, sizeof(m));
	m.member_no = a->number;
	m.name_kanji = a->name;
	m.name_kana = a->kana;
	m.birth_date = d->birth;
	m.email = a->mail;
	m.phone = d->phone;
	m.postal_code = d->postal;
	m.pref = d->pref;
	m.address = d->address;
	m.work_name = d->work_name;
	m.work_dept = d->work_dept;
	m.work_postal = d->work_postal;
	m.work_address = d->work_address;
	m.work_phone = d->work_phone;
	if (dbq_member_record_put(c->db, t->slug, uid, &m) < 0 ||
	    dbq_member_cert_put(c->db, t->slug, uid, d->cert_kind,
	    d->cert_no, d->cert_date) < 0)
		return -1;
	return 0;
}

/* What this account types to sign in, by the tenant's login_id. */
static const char *
demo_ident(const struct tenant *t, const struct demo_account *a)
{
	if (t != NULL && t->login_kind == LOGIN_EMAIL_OR_MEMBER)
		return a->mail;
	return a->number;
}

/* One demo account: 1 created, 0 it was there, -1 error. */
static int
demo_one(struct ctl *c, struct dir *d, const struct tenant *t,
    const struct demo_account *a)
{
	struct dir_user	 u;
	const char	*roles[1];
	char		 uid[DIR_UID_LEN + 1];
	int		 r;

	roles[0] = a->role;
	r = t != NULL ? dir_find_login(d, t, a->number, &u) :
	    dir_get_uid(d, NULL, a->number, &u);
	if (r == 1)
		return account_ensure(c->db, tenant_key(t), u.uid) < 0 ||
		    role_grant(c->db, tenant_key(t), u.uid, a->role) < 0 ||
		    demo_record(c, t, u.uid, a) < 0 ? -1 : 0;
	if (r < 0)
		return -1;
	if (t == NULL)
		snprintf(uid, sizeof(uid), "%s", a->number);
	else if (dir_new_uid(uid, sizeof(uid)) == -1)
		return -1;
	if (dir_add_user(d, t, uid, t ? a->number : NULL, a->mail, a->name,
	    a->kana, DEMO_PASSWORD) != 1)
		return -1;
	if (account_setup(c, tenant_key(t), uid, roles, 1, 0,
	    "demo.account") == -1) {
		if (dir_get_uid(d, t, uid, &u) == 1)
			dir_delete(d, u.dn);
		return -1;
	}
	return demo_record(c, t, uid, a) < 0 ? -1 : 1;
}

/*
 * Create the demo accounts that are missing (idempotent: existing ones
 * are kept as they are, password included) and print one line per
 * account to out: tenant, role, login identifier, password.  Tenants
 * not configured are skipped; central IT is skipped (with a note on
 * stderr) when ldap_admin_dn is not configured.  0 ok, -1 some failed.
 */
int
demo_accounts(struct ctl *c, FILE *out)
{
	const struct demo_account	*a;
	const struct tenant		*t;
	struct dir			*td = NULL, *od = NULL, *d;
	size_t				 i;
	int				 r, made = 0, kept = 0, rc = 0;

	for (i = 0; i < sizeof(demo_accounts_tab) /
	    sizeof(demo_accounts_tab[0]); i++) {
		a = &demo_accounts_tab[i];
		t = NULL;
		if (a->tenant != NULL &&
		    (t = tenant_named(c, a->tenant)) == NULL)
			continue;
		if (t == NULL && (c->cfg->ldap_admin_dn == NULL ||
		    c->cfg->ldap_admin_password_file == NULL)) {
			fprintf(stderr, "demo accounts: no ldap_admin_dn; "
			    "central-IT account skipped\n");
			continue;
		}
		if (t != NULL && td == NULL && (td = ctl_dir(c, t)) == NULL) {
			rc = -1;
			break;
		}
		if (t == NULL && od == NULL &&
		    (od = ctl_dir(c, NULL)) == NULL) {
			rc = -1;
			continue;
		}
		d = t != NULL ? td : od;
		if ((r = demo_one(c, d, t, a)) < 0) {
			fprintf(stderr, "demo accounts: %s %s failed\n",
			    tenant_key(t), a->role);
			rc = -1;
			continue;
		}
		if (r > 0)
			made++;
		else
			kept++;
		fprintf(out, "%-11s %-21s %-30s %s\n", t ? t->slug : "ops",
		    a->role, demo_ident(t, a), DEMO_PASSWORD);
	}
	fprintf(stderr, "demo accounts: %d created, %d already there\n",
	    made, kept);
	dir_close(td);
	dir_close(od);
	return rc;
}

int
cmd_demo_accounts(struct ctl *c, int argc, char **argv)
{
	struct uopts	 o;

	if (uopts_parse(argc, argv, 0, 0, "demo accounts", &o) == -1)
		return 2;
	return demo_accounts(c, stdout) == 0 ? 0 : 1;
}

