/*
 * ctl_tenant.c — central IT's tenant lifecycle (OPS-1):
 *
 *   tenant create SLUG --host H [--host H2] --admin-mail M
 *       [--name-ja N] [--name-en N] [--login-id K] [--features F]
 *       [--admin-name N] [--admin-number N]
 *   tenant disable SLUG      its hosts answer 「現在ご利用いただけません」
 *   tenant enable SLUG
 *   tenant set SLUG key=value
 *
 * A tenant is its directory under datadir/tenants (tenant.conf, theme,
 * catalogues, static files), its row in `tenant`, and its subtree in
 * the directory.  create makes all three from tenants/_template, then
 * the first tenant admin with a temporary password that is mailed to
 * them (never printed).  Every change goes through the same loader
 * shikakud uses, on a staged copy, before it replaces anything; each is
 * audited (tenant "_ops", object "tenant:SLUG").  shikakud and nginx
 * read tenants at start and on SIGHUP: the commands say so when done.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "account.h"
#include "backup.h"
#include "buf.h"
#include "clock.h"
#include "conf.h"
#include "ctl.h"
#include "db.h"
#include "dbq.h"
#include "directory.h"
#include "mail.h"
#include "tenant.h"

#define TEMPLATE	"_template"
#define ADMIN_TEMP_S	(7 * 24 * 3600)	/* as ctl_user.c's TEMP_VALID_S */

static const struct tenant *
known(const struct ctl *c, const char *slug)
{
	size_t	 i;

	for (i = 0; i < c->tenants->n; i++)
		if (strcmp(c->tenants->t[i].slug, slug) == 0)
			return &c->tenants->t[i];
	return NULL;
}

/* A value that fits on one tenant.conf line, as conf.c reads it. */
static int
conf_value_ok(const char *v)
{
	return v != NULL && strpbrk(v, "\r\n#") == NULL &&
	    strlen(v) < CONF_MAXLINE - 64;
}

/* Is any host of t used by another tenant, or by central IT? */
static int
hosts_taken(const struct ctl *c, const struct tenant *t)
{
	size_t	 i, k;

	for (k = 0; k < t->nhost; k++) {
		if (c->cfg->ops_hosts != NULL &&
		    host_in_list(c->cfg->ops_hosts, t->host[k])) {
			fprintf(stderr, "shikakuctl: host %s is central IT's\n",
			    t->host[k]);
			return 1;
		}
		for (i = 0; i < c->tenants->n; i++)
			if (strcmp(c->tenants->t[i].slug, t->slug) != 0 &&
			    host_in_list(c->tenants->t[i].hosts, t->host[k])) {
				fprintf(stderr, "shikakuctl: host %s is "
				    "already %s's\n", t->host[k],
				    c->tenants->t[i].slug);
				return 1;
			}
	}
	return 0;
}

static int
write_file(const char *path, const char *data, size_t len)
{
	FILE	*f;
	int	 rc = -1;

	if ((f = fopen(path, "we")) == NULL)
		return -1;
	if (fwrite(data, 1, len, f) == len)
		rc = 0;
	if (fclose(f) == EOF)
		rc = -1;
	return rc;
}

static int
read_file(const char *path, struct buf *b)
{
	FILE	*f;
	char	 chunk[4096];
	size_t	 n;
	int	 rc = -1;

	if ((f = fopen(path, "re")) == NULL)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_append(b, chunk, n) == -1)
			goto out;
	rc = ferror(f) ? -1 : 0;
out:
	fclose(f);
	return rc;
}

/*
 * tenant.conf with key set to value: the first "key =" line replaced,
 * else one appended.  Comments and order are kept.
 */
static int
conf_with(const char *text, const char *key, const char *value,
    struct buf *out)
{
	const char	*p = text, *e, *q;
	size_t		 kl = strlen(key);
	int		 done = 0;

	while (p != NULL && *p != '\0') {
		e = strchr(p, '\n');
		e = e != NULL ? e + 1 : p + strlen(p);
		q = p + strspn(p, " \t");
		if (!done && strncmp(q, key, kl) == 0 &&
		    strspn(q + kl, " \t") + q + kl < e &&
		    q[kl + strspn(q + kl, " \t")] == '=') {
			if (buf_printf(out, "%s = %s\n", key, value) == -1)
				return -1;
			done = 1;
		} else if (buf_append(out, p, (size_t)(e - p)) == -1)
			return -1;
		p = e;
	}
	if (!done && ((out->len > 0 && out->data[out->len - 1] != '\n' &&
	    buf_puts(out, "\n") == -1) ||
	    buf_printf(out, "%s = %s\n", key, value) == -1))
		return -1;
	return 0;
}

/*
 * Load STAGE/SLUG as shikakud would; t is filled (tenant_clear() it).
 * Refuses hosts another tenant has.
 */
static int
stage_check(struct ctl *c, const char *stage, const char *slug,
    struct tenant *t)
{
	char	 err[512];

	if (tenant_load_one(t, stage, slug, err, sizeof(err)) == -1) {
		fprintf(stderr, "shikakuctl: %s: %s\n", slug, err);
		return -1;
	}
	if (hosts_taken(c, t)) {
		tenant_clear(t);
		return -1;
	}
	return 0;
}

/* The row in `tenant` and an audit line, in one transaction. */
static int
record(struct ctl *c, const struct tenant *t, const char *action,
    const char *detail)
{
	char	 obj[64];
	int	 ok;

	snprintf(obj, sizeof(obj), "tenant:%s", t->slug);
	if (db_begin(c->db) <= 0)
		return -1;
	ok = dbq_tenant_upsert(c->db, t) >= 0 && audit_log(c->db, TENANT_OPS,
	    ctl_actor(), action, obj, NULL, detail) >= 0;
	if (db_end(c->db, ok) < 0)
		ok = 0;
	return ok ? 0 : -1;
}

static int
set_key(struct ctl *c, const char *slug, const char *key, const char *value,
    const char *action)
{
	struct tenant	 t;
	struct buf	 old = { NULL, 0, 0 }, new = { NULL, 0, 0 };
	char		 stage[1024], path[1200], spath[1400], det[600];
	const char	*k;
	int		 staged = 0, rc = 1;

	memset(&t, 0, sizeof(t));
	if (known(c, slug) == NULL) {
		fprintf(stderr, "shikakuctl: %s: no such tenant\n", slug);
		goto out;
	}
	for (k = key; *k != '\0'; k++)
		if (!islower((unsigned char)*k) && !isdigit((unsigned char)*k)
		    && *k != '_' && *k != '.')
			break;
	if (*key == '\0' || *k != '\0' || !conf_value_ok(value)) {
		fprintf(stderr, "shikakuctl: %s=%s: not a tenant.conf "
		    "setting\n", key, value);
		goto out;
	}
	snprintf(path, sizeof(path), "%s/tenants/%s/tenant.conf",
	    c->cfg->datadir, slug);
	snprintf(stage, sizeof(stage), "%s/tenants/.set-%s.XXXXXX",
	    c->cfg->datadir, slug);
	if (read_file(path, &old) == -1 || conf_with(old.data ? old.data :
	    "", key, value, &new) == -1 || mkdtemp(stage) == NULL) {
		fprintf(stderr, "shikakuctl: %s: %s\n", path, strerror(errno));
		goto out;
	}
	staged = 1;
	snprintf(spath, sizeof(spath), "%s/%s", stage, slug);
	if (mkdir(spath, 0755) == -1)
		goto out;
	snprintf(spath, sizeof(spath), "%s/%s/tenant.conf", stage, slug);
	if (write_file(spath, new.data, new.len) == -1 ||
	    stage_check(c, stage, slug, &t) == -1)
		goto out;
	/* rename(2): shikakud reading it on SIGHUP sees old or new */
	if (rename(spath, path) == -1) {
		fprintf(stderr, "shikakuctl: %s: %s\n", path, strerror(errno));
		goto out;
	}
	snprintf(det, sizeof(det), "%s=%s", key, value);
	if (record(c, &t, action, det) == -1) {
		fprintf(stderr, "shikakuctl: %s changed, but the database "
		    "was not: run `shikakuctl tenant sync`\n", path);
		goto out;
	}
	printf("tenant %s: %s = %s\nreload: kill -HUP the shikakud master"
	    "%s\n", slug, key, value, strcmp(key, "hosts") == 0 ?
	    "; shikakuctl tenant nginx-map for nginx's map, then reload "
	    "nginx" : "");
	rc = 0;
out:
	if (staged) {
		snprintf(spath, sizeof(spath), "%s/%s/tenant.conf", stage,
		    slug);
		unlink(spath);
		snprintf(spath, sizeof(spath), "%s/%s", stage, slug);
		rmdir(spath);
		rmdir(stage);
	}
	tenant_clear(&t);
	buf_free(&old);
	buf_free(&new);
	return rc;
}

int
cmd_tenant_set(struct ctl *c, int argc, char **argv)
{
	char	*eq;

	if (argc != 2 || (eq = strchr(argv[1], '=')) == NULL) {
		fprintf(stderr, "usage: shikakuctl tenant set SLUG "
		    "key=value\n");
		return 2;
	}
	*eq = '\0';
	return set_key(c, argv[0], argv[1], eq + 1, "tenant.set");
}

int
cmd_tenant_disable(struct ctl *c, int argc, char **argv)
{
	if (argc != 1) {
		fprintf(stderr, "usage: shikakuctl tenant disable SLUG\n");
		return 2;
	}
	return set_key(c, argv[0], "disabled", "yes", "tenant.disable");
}

int
cmd_tenant_enable(struct ctl *c, int argc, char **argv)
{
	if (argc != 1) {
		fprintf(stderr, "usage: shikakuctl tenant enable SLUG\n");
		return 2;
	}
	return set_key(c, argv[0], "disabled", "no", "tenant.enable");
}

/* ------------------------------------------------------------ create */

enum copt { C_HOST, C_NAME_JA, C_NAME_EN, C_LOGIN, C_FEATURES, C_MAIL,
    C_ANAME, C_ANUMBER, C__MAX };
static const char *const copt_names[C__MAX] = { "--host", "--name-ja",
    "--name-en", "--login-id", "--features", "--admin-mail",
    "--admin-name", "--admin-number" };

struct cargs {
	const char	*slug;
	const char	*v[C__MAX];
	struct buf	 hosts;
};

static int
cargs_parse(int argc, char **argv, struct cargs *a)
{
	int	 i, k;

	memset(a, 0, sizeof(*a));
	if (argc < 1 || argv[0][0] == '-')
		return -1;
	a->slug = argv[0];
	for (i = 1; i < argc; i++) {
		for (k = 0; k < C__MAX; k++)
			if (strcmp(argv[i], copt_names[k]) == 0)
				break;
		if (k == C__MAX || i + 1 == argc ||
		    !conf_value_ok(argv[i + 1]))
			return -1;
		i++;
		if (k == C_HOST) {
			if (buf_printf(&a->hosts, "%s%s", a->hosts.len ?
			    " " : "", argv[i]) == -1)
				return -1;
		} else
			a->v[k] = argv[i];
	}
	if (a->hosts.len == 0 || a->v[C_MAIL] == NULL)
		return -1;
	return 0;
}

/* tenant.conf from the template's tenant.conf.in. */
static int
make_conf(const char *tmpl, const struct cargs *a, struct buf *out)
{
	const char	*keys[] = { "@SLUG@", "@NAME_JA@", "@NAME_EN@",
	    "@HOSTS@", "@LOGIN_ID@", "@FEATURES@" };
	const char	*vals[6];
	const char	*p, *q;
	size_t		 i;

	vals[0] = a->slug;
	vals[1] = a->v[C_NAME_JA] ? a->v[C_NAME_JA] : a->slug;
	vals[2] = a->v[C_NAME_EN] ? a->v[C_NAME_EN] : a->slug;
	vals[3] = a->hosts.data;
	vals[4] = a->v[C_LOGIN] ? a->v[C_LOGIN] : "email_or_member";
	vals[5] = a->v[C_FEATURES] ? a->v[C_FEATURES] : "";
	for (p = tmpl; *p != '\0'; p = q) {
		if (*p == '@')
			for (i = 0; i < 6; i++)
				if (strncmp(p, keys[i], strlen(keys[i])) == 0) {
					if (buf_puts(out, vals[i]) == -1)
						return -1;
					p += strlen(keys[i]);
					break;
				}
		q = strchr(p + (*p == '@'), '@');
		if (q == NULL)
			q = p + strlen(p);
		if (buf_append(out, p, (size_t)(q - p)) == -1)
			return -1;
	}
	return 0;
}

/* ou=SLUG and its ou=people, as the directory manager. */
static int
make_subtree(const struct config *cfg, const char *slug)
{
	char		 tmp[512];
	const char	*argv[] = { "ldapadd", "-x", "-H", cfg->ldap_uri, "-D",
	    cfg->ldap_admin_dn, "-y", cfg->ldap_admin_password_file, "-f",
	    tmp, NULL };
	FILE		*f;
	int		 fd, rc = -1;

	snprintf(tmp, sizeof(tmp), "%s/shikakuctl-ou.XXXXXX",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if ((fd = mkstemp(tmp)) == -1 || (f = fdopen(fd, "w")) == NULL)
		return -1;
	fprintf(f, "dn: ou=%s,ou=tenants,%s\nobjectClass: organizationalUnit\n"
	    "ou: %s\n\ndn: ou=people,ou=%s,ou=tenants,%s\nobjectClass: "
	    "organizationalUnit\nou: people\n", slug, cfg->ldap_base, slug,
	    slug, cfg->ldap_base);
	if (fclose(f) == 0)
		rc = run_tool(argv, NULL, NULL, 0, NULL);
	unlink(tmp);
	return rc;
}

/* The first admin's mail with the temporary password; with its audit. */
static int
mail_admin(struct ctl *c, const struct tenant *t, const char *uid,
    const char *mail, const char *login, const char *pw)
{
	char		 base[300], url[320], until[64], obj[64];
	const char	*vars[9];
	int		 ok;

	snprintf(base, sizeof(base), "https://%s", t->host[0]);
	snprintf(url, sizeof(url), "%s/login", base);
	jst_format(clock_now() + ADMIN_TEMP_S, until, sizeof(until));
	vars[0] = "login_id";	vars[1] = login;
	vars[2] = "password";	vars[3] = pw;
	vars[4] = "login_url";	vars[5] = url;
	vars[6] = "expires";	vars[7] = until;
	vars[8] = NULL;
	snprintf(obj, sizeof(obj), "tenant:%s", t->slug);
	if (db_begin(c->db) <= 0)
		return -1;
	ok = mail_queue_secret(c->db, t, c->cfg->datadir, base,
	    "tenant_admin", mail, vars) > 0 && audit_log(c->db, TENANT_OPS,
	    ctl_actor(), "tenant.admin", obj, NULL, uid) >= 0;
	if (db_end(c->db, ok) < 0)
		ok = 0;
	return ok ? 0 : -1;
}

int
cmd_tenant_create(struct ctl *c, int argc, char **argv)
{
	static const char *const admin[] = { "tenant_admin" };
	struct cargs	 a;
	struct tenant	 t;
	struct buf	 tmpl = { NULL, 0, 0 }, conf = { NULL, 0, 0 };
	char		 stage[1024], path[1400], dst[1200], from[1200];
	char		 uid[DIR_UID_LEN + 1], *pw = NULL;
	const char	*cp[] = { "cp", "-R", from, path, NULL };
	const char	*number, *name;
	int		 staged = 0, placed = 0, rc = 1;

	memset(&t, 0, sizeof(t));
	if (cargs_parse(argc, argv, &a) == -1) {
		fprintf(stderr, "usage: shikakuctl tenant create SLUG --host H "
		    "[--host H2] --admin-mail M [--name-ja N] [--name-en N] "
		    "[--login-id regno|email_or_member|member_or_email] "
		    "[--features F] [--admin-name N] [--admin-number N]\n");
		buf_free(&a.hosts);
		return 2;
	}
	if (!tenant_slug_valid(a.slug) || known(c, a.slug) != NULL) {
		fprintf(stderr, "shikakuctl: %s: not a new tenant slug "
		    "([a-z0-9-], unused)\n", a.slug);
		goto out;
	}
	if (c->tenants->n == TENANT_MAX || need_ldap_admin(c->cfg) == -1)
		goto out;
	if (!ctl_valid_mail(a.v[C_MAIL])) {
		fprintf(stderr, "shikakuctl: %s: not a mail address\n",
		    a.v[C_MAIL]);
		goto out;
	}
	snprintf(dst, sizeof(dst), "%s/tenants/%s", c->cfg->datadir, a.slug);
	if (access(dst, F_OK) == 0) {
		fprintf(stderr, "shikakuctl: %s exists\n", dst);
		goto out;
	}
	/* 1. staged: the template copied, tenant.conf written, loaded */
	snprintf(stage, sizeof(stage), "%s/tenants/.new-%s.XXXXXX",
	    c->cfg->datadir, a.slug);
	if (mkdtemp(stage) == NULL) {
		fprintf(stderr, "shikakuctl: %s: %s\n", stage, strerror(errno));
		goto out;
	}
	staged = 1;
	snprintf(from, sizeof(from), "%s/tenants/" TEMPLATE, c->cfg->datadir);
	snprintf(path, sizeof(path), "%s/%s", stage, a.slug);
	if (run_tool(cp, NULL, NULL, 0, NULL) == -1)
		goto out;
	snprintf(path, sizeof(path), "%s/%s/tenant.conf.in", stage, a.slug);
	if (read_file(path, &tmpl) == -1 || make_conf(tmpl.data, &a,
	    &conf) == -1)
		goto out;
	unlink(path);
	snprintf(path, sizeof(path), "%s/%s/tenant.conf", stage, a.slug);
	if (write_file(path, conf.data, conf.len) == -1 ||
	    stage_check(c, stage, a.slug, &t) == -1)
		goto out;
	number = a.v[C_ANUMBER] ? a.v[C_ANUMBER] : "1000001";
	name = a.v[C_ANAME] ? a.v[C_ANAME] : "管理者";
	if (!ctl_valid_number(&t, number)) {
		fprintf(stderr, "shikakuctl: %s: not a number this tenant's "
		    "login_id takes\n", number);
		goto out;
	}
	/* 2. in place: the directory, the database row, the subtree */
	snprintf(path, sizeof(path), "%s/%s", stage, a.slug);
	if (rename(path, dst) == -1) {
		fprintf(stderr, "shikakuctl: %s: %s\n", dst, strerror(errno));
		goto out;
	}
	placed = 1;
	free(t.dir);
	if ((t.dir = strdup(dst)) == NULL)
		goto out;
	if (record(c, &t, "tenant.create", a.hosts.data) == -1 ||
	    make_subtree(c->cfg, a.slug) == -1) {
		fprintf(stderr, "shikakuctl: %s: database or directory "
		    "refused the tenant\n", a.slug);
		goto out;
	}
	/* 3. the first tenant admin; the password goes by mail only */
	c->tenants->t[c->tenants->n++] = t;
	memset(&t, 0, sizeof(t));
	if (ctl_user_create(c, &c->tenants->t[c->tenants->n - 1], number,
	    a.v[C_MAIL], name, NULL, admin, 1, NULL, uid, &pw) == -1 ||
	    pw == NULL || mail_admin(c, &c->tenants->t[c->tenants->n - 1],
	    uid, a.v[C_MAIL], c->tenants->t[c->tenants->n - 1].login_kind ==
	    LOGIN_REGNO ? number : a.v[C_MAIL], pw) == -1) {
		fprintf(stderr, "shikakuctl: %s made, its first admin not: "
		    "use `shikakuctl user add %s ... --role tenant_admin`\n",
		    a.slug, a.slug);
		placed = 0;	/* the tenant stays: it is consistent */
		goto out;
	}
	printf("tenant %s created: hosts %s\nfirst admin %s (%s), temporary "
	    "password mailed\nnext: shikakuctl tenant nginx-map for nginx's "
	    "map and reload nginx; kill -HUP the shikakud master\n", a.slug,
	    a.hosts.data, uid, a.v[C_MAIL]);
	placed = 0;
	rc = 0;
out:
	if (rc != 0 && placed) {
		/* nothing of it is in use yet: take the files back */
		snprintf(path, sizeof(path), "%s/%s", stage, a.slug);
		rename(dst, path);
	}
	if (staged) {
		const char *rm[] = { "rm", "-rf", stage, NULL };
		run_tool(rm, NULL, NULL, 0, NULL);
	}
	ctl_pw_free(pw);
	tenant_clear(&t);
	buf_free(&tmpl);
	buf_free(&conf);
	buf_free(&a.hosts);
	return rc;
}
