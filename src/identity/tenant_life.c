/*
 * tenant_life.c — central IT's tenant lifecycle (OPS-1), shared by
 * `shikakuctl tenant create|disable|enable|set` and the ops console.
 *
 * A tenant is its directory (tenant.conf, theme, catalogues, static
 * files), its row in `tenant` and its subtree in the directory.  The
 * shipped tenants live in datadir/tenants; those made here go to
 * tenantdir when it is set (a packaged datadir is not writable), else
 * beside the shipped ones.  Every change is written to a staged copy
 * and loaded exactly as shikakud loads it before it replaces anything;
 * a rename(2) puts it in place, so a reload sees the old or the new
 * file, never half of one.  Each change is audited under tenant "_ops",
 * object "tenant:SLUG".  The tenants' list is read from disk on each
 * call, not taken from the caller: another shikakuctl or console may
 * have made one since the caller started.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "account.h"
#include "buf.h"
#include "clock.h"
#include "conf.h"
#include "db.h"
#include "dbq.h"
#include "directory.h"
#include "form.h"
#include "log.h"
#include "mail.h"
#include "tenant.h"
#include "tenant_life.h"

#define ADMIN_ROLE	"tenant_admin"
#define GEN_PW_LEN	16

static int	fail(struct tl *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
static int	pathf(char *, size_t, const char *, ...)
		    __attribute__((format(printf, 3, 4)));

/* tl.err, for the caller to show; always -1. */
static int
fail(struct tl *l, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	(void)vsnprintf(l->err, sizeof(l->err), fmt, ap);
	va_end(ap);
	return -1;
}

/* A path; a path that does not fit is an empty string (no such file). */
static int
pathf(char *buf, size_t len, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= len) {
		buf[0] = '\0';
		return -1;
	}
	return 0;
}

int
tl_root(const struct config *cfg, char *buf, size_t len)
{
	int	 n;

	if (cfg->tenantdir != NULL && *cfg->tenantdir != '\0')
		n = snprintf(buf, len, "%s", cfg->tenantdir);
	else
		n = snprintf(buf, len, "%s/tenants", cfg->datadir);
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

/* A value that fits on one tenant.conf line, as conf.c reads it. */
static int
conf_value_ok(const char *v)
{
	return v != NULL && strpbrk(v, "\r\n#") == NULL &&
	    strlen(v) < CONF_MAXLINE - 64;
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

/* Directories and regular files of src into dst (made); links refused. */
static int
copy_tree(const char *src, const char *dst)
{
	struct dirent	*de;
	struct stat	 st;
	struct buf	 b = { NULL, 0, 0 };
	DIR		*d = NULL;
	char		 s[PATH_MAX], t[PATH_MAX];
	int		 rc = -1;

	if (mkdir(dst, 0755) == -1 || (d = opendir(src)) == NULL)
		goto out;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		if ((size_t)snprintf(s, sizeof(s), "%s/%s", src, de->d_name) >=
		    sizeof(s) || (size_t)snprintf(t, sizeof(t), "%s/%s", dst,
		    de->d_name) >= sizeof(t) || lstat(s, &st) == -1)
			goto out;
		if (S_ISDIR(st.st_mode)) {
			if (copy_tree(s, t) == -1)
				goto out;
		} else if (S_ISREG(st.st_mode)) {
			buf_reset(&b);
			if (read_file(s, &b) == -1 ||
			    write_file(t, b.data ? b.data : "", b.len) == -1)
				goto out;
		} else
			goto out;
	}
	rc = 0;
out:
	if (d != NULL)
		closedir(d);
	buf_free(&b);
	return rc;
}

/* rm -r, without following links. */
static void
rm_tree(const char *path)
{
	struct dirent	*de;
	struct stat	 st;
	DIR		*d;
	char		 p[PATH_MAX];

	if (lstat(path, &st) == -1)
		return;
	if (S_ISDIR(st.st_mode) && (d = opendir(path)) != NULL) {
		while ((de = readdir(d)) != NULL)
			if (strcmp(de->d_name, ".") != 0 &&
			    strcmp(de->d_name, "..") != 0 &&
			    (size_t)snprintf(p, sizeof(p), "%s/%s", path,
			    de->d_name) < sizeof(p))
				rm_tree(p);
		closedir(d);
		(void)rmdir(path);
	} else
		(void)unlink(path);
}

static const struct tenant *
named(const struct tenants *ts, const char *slug)
{
	size_t	 i;

	for (i = 0; i < ts->n; i++)
		if (strcmp(ts->t[i].slug, slug) == 0)
			return &ts->t[i];
	return NULL;
}

/* Is any host of t another tenant's, or central IT's? */
static int
hosts_taken(struct tl *l, const struct tenants *ts, const struct tenant *t)
{
	size_t	 i, k;

	for (k = 0; k < t->nhost; k++) {
		if (l->cfg->ops_hosts != NULL &&
		    host_in_list(l->cfg->ops_hosts, t->host[k])) {
			fail(l, "host %s is central IT's", t->host[k]);
			return 1;
		}
		for (i = 0; i < ts->n; i++)
			if (strcmp(ts->t[i].slug, t->slug) != 0 &&
			    host_in_list(ts->t[i].hosts, t->host[k])) {
				fail(l, "host %s is already %s's", t->host[k],
				    ts->t[i].slug);
				return 1;
			}
	}
	return 0;
}

/* Load STAGE/SLUG as shikakud would, into t; no other tenant's host. */
static int
stage_check(struct tl *l, const struct tenants *ts, const char *stage,
    const char *slug, struct tenant *t)
{
	char	 err[400];

	if (tenant_load_one(t, stage, slug, err, sizeof(err)) == -1)
		return fail(l, "%s: %s", slug, err);
	if (hosts_taken(l, ts, t)) {
		tenant_clear(t);
		return -1;
	}
	return 0;
}

/* The row in `tenant` and its audit line, in one transaction. */
static int
record(struct tl *l, const struct tenant *t, const char *action,
    const char *detail)
{
	char	 obj[64];
	int	 ok;

	snprintf(obj, sizeof(obj), "tenant:%s", t->slug);
	if (db_begin(l->db) <= 0)
		return -1;
	ok = dbq_tenant_upsert(l->db, t) >= 0 && audit_log(l->db, TENANT_OPS,
	    l->actor, action, obj, l->remote, detail) > 0;
	if (db_end(l->db, ok) < 0)
		ok = 0;
	return ok ? 0 : -1;
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

static int
key_ok(const char *key)
{
	const char	*k;

	for (k = key; *k != '\0'; k++)
		if (!islower((unsigned char)*k) && !isdigit((unsigned char)*k)
		    && *k != '_' && *k != '.')
			return 0;
	return *key != '\0';
}

static int
set_key(struct tl *l, const char *slug, const char *key, const char *value,
    const char *action)
{
	struct tenants		*ts;
	const struct tenant	*cur;
	struct tenant		 t;
	struct buf		 old = { NULL, 0, 0 }, new = { NULL, 0, 0 };
	char			 stage[PATH_MAX], path[PATH_MAX];
	char			 spath[PATH_MAX], det[600], *slash;
	int			 staged = 0, rc = -1;

	memset(&t, 0, sizeof(t));
	l->err[0] = '\0';
	if ((ts = tenants_load_cfg(l->cfg, l->err, sizeof(l->err))) == NULL)
		goto out;
	if ((cur = named(ts, slug)) == NULL) {
		fail(l, "%s: no such tenant", slug);
		goto out;
	}
	if (!key_ok(key) || !conf_value_ok(value)) {
		fail(l, "%s=%s: not a tenant.conf setting", key,
		    value ? value : "");
		goto out;
	}
	pathf(path, sizeof(path), "%s/tenant.conf", cur->dir);
	pathf(stage, sizeof(stage), "%s", cur->dir);
	if ((slash = strrchr(stage, '/')) == NULL)
		goto out;
	snprintf(slash, sizeof(stage) - (size_t)(slash - stage),
	    "/.set-%s.XXXXXX", slug);
	if (read_file(path, &old) == -1 || conf_with(old.data ? old.data :
	    "", key, value, &new) == -1 || mkdtemp(stage) == NULL) {
		fail(l, "%s: %s", path, strerror(errno));
		goto out;
	}
	staged = 1;
	pathf(spath, sizeof(spath), "%s/%s", stage, slug);
	if (mkdir(spath, 0755) == -1)
		goto out;
	pathf(spath, sizeof(spath), "%s/%s/tenant.conf", stage, slug);
	if (write_file(spath, new.data, new.len) == -1 ||
	    stage_check(l, ts, stage, slug, &t) == -1)
		goto out;
	/* rename(2): shikakud reading it on SIGHUP sees old or new */
	if (rename(spath, path) == -1) {
		fail(l, "%s: %s", path, strerror(errno));
		goto out;
	}
	snprintf(det, sizeof(det), "%s=%s", key, value);
	if (record(l, &t, action, det) == -1) {
		fail(l, "%s changed, but the database was not: run "
		    "`shikakuctl tenant sync`", path);
		goto out;
	}
	rc = 0;
out:
	if (staged)
		rm_tree(stage);
	tenant_clear(&t);
	tenants_free(ts);
	buf_free(&old);
	buf_free(&new);
	return rc;
}

int
tl_set(struct tl *l, const char *slug, const char *key, const char *value)
{
	return set_key(l, slug, key, value, "tenant.set");
}

int
tl_disable(struct tl *l, const char *slug)
{
	return set_key(l, slug, "disabled", "yes", "tenant.disable");
}

int
tl_enable(struct tl *l, const char *slug)
{
	return set_key(l, slug, "disabled", "no", "tenant.enable");
}

/* ------------------------------------------------------------ create */

/*
 * from with every "@KEY@" of keys[i] replaced by vals[i] (n of each);
 * any other '@' is kept.
 */
static int
subst(const char *from, const char *const *keys, const char *const *vals,
    size_t n, struct buf *out)
{
	const char	*p, *q;
	size_t		 i;

	for (p = from; *p != '\0'; p = q) {
		if (*p == '@')
			for (i = 0; i < n; i++)
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

/* tenant.conf from the template's tenant.conf.in. */
static int
make_conf(const char *dir, const struct tl_new *a)
{
	static const char *const keys[] = { "@SLUG@", "@NAME_JA@",
	    "@NAME_EN@", "@HOSTS@", "@LOGIN_ID@", "@FEATURES@" };
	struct buf	 in = { NULL, 0, 0 }, out = { NULL, 0, 0 };
	const char	*vals[6];
	char		 path[PATH_MAX];
	int		 rc = -1;

	vals[0] = a->v[TL_SLUG];
	vals[1] = a->v[TL_NAME_JA] ? a->v[TL_NAME_JA] : a->v[TL_SLUG];
	vals[2] = a->v[TL_NAME_EN] ? a->v[TL_NAME_EN] : a->v[TL_SLUG];
	vals[3] = a->v[TL_HOSTS];
	vals[4] = a->v[TL_LOGIN_ID] ? a->v[TL_LOGIN_ID] : "email_or_member";
	vals[5] = a->v[TL_FEATURES] ? a->v[TL_FEATURES] : "";
	pathf(path, sizeof(path), "%s/tenant.conf.in", dir);
	if (read_file(path, &in) == -1 || buf_puts(&in, "") == -1 ||
	    subst(in.data, keys, vals, 6, &out) == -1)
		goto out;
	unlink(path);
	pathf(path, sizeof(path), "%s/tenant.conf", dir);
	rc = write_file(path, out.data, out.len);
out:
	buf_free(&in);
	buf_free(&out);
	return rc;
}

/*
 * theme.xsl imports the shared stylesheet by a path relative to
 * datadir/tenants/SLUG; a tenant made elsewhere (tenantdir) names it by
 * its absolute path, which render.c's read check allows (under datadir).
 */
static int
fix_theme(const char *dir, const char *datadir)
{
	static const char	 rel[] = "href=\"../../xslt/";
	struct buf		 in = { NULL, 0, 0 }, out = { NULL, 0, 0 };
	char			 path[PATH_MAX], abs[PATH_MAX];
	const char		*p, *q;
	int			 rc = -1;

	if (realpath(datadir, abs) == NULL)
		return -1;
	pathf(path, sizeof(path), "%s/theme.xsl", dir);
	if (read_file(path, &in) == -1 || buf_puts(&in, "") == -1)
		goto out;
	for (p = in.data; (q = strstr(p, rel)) != NULL; p = q + strlen(rel))
		if (buf_append(&out, p, (size_t)(q - p)) == -1 ||
		    buf_printf(&out, "href=\"%s/xslt/", abs) == -1)
			goto out;
	if (buf_puts(&out, p) == -1)
		goto out;
	rc = write_file(path, out.data, out.len);
out:
	buf_free(&in);
	buf_free(&out);
	return rc;
}

int
tl_number_valid(const struct tenant *t, const char *s)
{
	int	 regno = t->login_kind == LOGIN_REGNO;
	size_t	 i, n = s ? strlen(s) : 0;

	if (n == 0 || n > (regno ? 10u : 32u))
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (!regno &&
		    ((s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= 'a' && s[i] <= 'z') || s[i] == '-'))))
			return 0;
	return 1;
}

/*
 * The account row, role, temporary-password state, the mail with the
 * password and their audit lines: one transaction.
 */
static int
admin_rows(struct tl *l, const struct tenant *t, const char *uid,
    const char *mail, const char *login, const char *pw)
{
	char		 base[300], url[320], until[64], obj[64];
	const char	*vars[9];
	int		 ok;

	snprintf(base, sizeof(base), "https://%s", t->host[0]);
	snprintf(url, sizeof(url), "%s/login", base);
	jst_format(clock_now() + TL_ADMIN_TEMP_S, until, sizeof(until));
	vars[0] = "login_id";	vars[1] = login;
	vars[2] = "password";	vars[3] = pw;
	vars[4] = "login_url";	vars[5] = url;
	vars[6] = "expires";	vars[7] = until;
	vars[8] = NULL;
	snprintf(obj, sizeof(obj), "tenant:%s", t->slug);
	if (db_begin(l->db) <= 0)
		return -1;
	ok = account_ensure(l->db, t->slug, uid) >= 0 &&
	    account_set_temp(l->db, t->slug, uid, TL_ADMIN_TEMP_S) >= 0 &&
	    role_grant(l->db, t->slug, uid, ADMIN_ROLE) >= 0 &&
	    audit_log(l->db, t->slug, l->actor, "user.add", uid, l->remote,
	    "roles=" ADMIN_ROLE) > 0 &&
	    mail_queue_secret(l->db, t, l->cfg->datadir, base, ADMIN_ROLE,
	    mail, vars) > 0 && audit_log(l->db, TENANT_OPS, l->actor,
	    "tenant.admin", obj, l->remote, uid) > 0;
	if (db_end(l->db, ok) < 0)
		ok = 0;
	return ok ? 0 : -1;
}

/* The first tenant admin: directory entry, then admin_rows(). */
static int
first_admin(struct tl *l, const struct tenant *t, const char *number,
    const char *mail, const char *name, char *uid)
{
	struct dir_user	 u;
	char		 pw[GEN_PW_LEN + 1];
	int		 k, r = 1, rc = -1;

	if (dir_gen_password(pw, sizeof(pw)) == -1)
		goto out;
	/* 40 random bits: a clash is rare, but never reuse a uid. */
	for (k = 0; k < 5 && r != 0; k++)
		if (dir_new_uid(uid, DIR_UID_LEN + 1) == -1 ||
		    (r = dir_get_uid(l->dir, t, uid, &u)) == -1)
			goto out;
	if (r != 0)
		goto out;
	if ((r = dir_add_user(l->dir, t, uid, number, mail, name, NULL,
	    pw)) != 1) {
		if (r == 0)
			fail(l, "number %s or mail %s is already used", number,
			    mail);
		goto out;
	}
	if (admin_rows(l, t, uid, mail, t->login_kind == LOGIN_REGNO ?
	    number : mail, pw) == -1) {
		if (dir_get_uid(l->dir, t, uid, &u) == 1)
			dir_delete(l->dir, u.dn);
		goto out;
	}
	rc = 0;
out:
	explicit_bzero(pw, sizeof(pw));
	return rc;
}

/* The request's fields, before anything is touched. */
static int
create_check(struct tl *l, const struct tenants *ts, const struct tl_new *a)
{
	size_t	 i;

	for (i = 0; i < TL__MAX; i++)
		if (a->v[i] != NULL && !conf_value_ok(a->v[i]))
			return fail(l, "%s: not a one-line value",
			    a->v[i]);
	if (a->v[TL_SLUG] == NULL || !tenant_slug_valid(a->v[TL_SLUG]) ||
	    named(ts, a->v[TL_SLUG]) != NULL)
		return fail(l, "%s: not a new tenant slug ([a-z0-9-], unused)",
		    a->v[TL_SLUG] ? a->v[TL_SLUG] : "");
	if (a->v[TL_HOSTS] == NULL || *a->v[TL_HOSTS] == '\0')
		return fail(l, "a host is required");
	if (a->v[TL_ADMIN_MAIL] == NULL || !valid_email(a->v[TL_ADMIN_MAIL]))
		return fail(l, "%s: not a mail address", a->v[TL_ADMIN_MAIL] ?
		    a->v[TL_ADMIN_MAIL] : "");
	if (ts->n == TENANT_MAX)
		return fail(l, "no room for another tenant");
	return 0;
}

int
tl_create(struct tl *l, const struct tl_new *a, char *uid)
{
	struct tenants	*ts;
	struct tenant	 t;
	char		 root[PATH_MAX], stage[PATH_MAX], from[PATH_MAX];
	char		 dst[PATH_MAX], path[PATH_MAX], shipped[PATH_MAX];
	const char	*slug = a->v[TL_SLUG], *number, *name;
	int		 staged = 0, placed = 0, rc = -1;

	memset(&t, 0, sizeof(t));
	l->err[0] = '\0';
	uid[0] = '\0';
	if ((ts = tenants_load_cfg(l->cfg, l->err, sizeof(l->err))) == NULL ||
	    create_check(l, ts, a) == -1 ||
	    tl_root(l->cfg, root, sizeof(root)) == -1)
		goto out;
	pathf(shipped, sizeof(shipped), "%s/tenants", l->cfg->datadir);
	if (mkdir(root, 0755) == -1 && errno != EEXIST) {
		fail(l, "%s: %s", root, strerror(errno));
		goto out;
	}
	pathf(dst, sizeof(dst), "%s/%s", root, slug);
	pathf(path, sizeof(path), "%s/%s", shipped, slug);
	if (access(dst, F_OK) == 0 || access(path, F_OK) == 0) {
		fail(l, "%s: a directory of that name exists", slug);
		goto out;
	}
	/* 1. staged: the template copied, tenant.conf written, loaded */
	pathf(stage, sizeof(stage), "%s/.new-%s.XXXXXX", root, slug);
	if (mkdtemp(stage) == NULL) {
		fail(l, "%s: %s", stage, strerror(errno));
		goto out;
	}
	staged = 1;
	pathf(from, sizeof(from), "%s/" TL_TEMPLATE, shipped);
	pathf(path, sizeof(path), "%s/%s", stage, slug);
	if (copy_tree(from, path) == -1 || make_conf(path, a) == -1 ||
	    (strcmp(root, shipped) != 0 && fix_theme(path,
	    l->cfg->datadir) == -1)) {
		fail(l, "%s: the template could not be copied (%s)", from,
		    strerror(errno));
		goto out;
	}
	if (stage_check(l, ts, stage, slug, &t) == -1)
		goto out;
	number = a->v[TL_ADMIN_NUMBER] ? a->v[TL_ADMIN_NUMBER] : "1000001";
	name = a->v[TL_ADMIN_NAME] ? a->v[TL_ADMIN_NAME] : "管理者";
	if (!tl_number_valid(&t, number)) {
		fail(l, "%s: not a number this tenant's login_id takes",
		    number);
		goto out;
	}
	/* 2. in place: the directory, the database row, the subtree */
	if (rename(path, dst) == -1) {
		fail(l, "%s: %s", dst, strerror(errno));
		goto out;
	}
	placed = 1;
	free(t.dir);
	if ((t.dir = strdup(dst)) == NULL)
		goto out;
	if (record(l, &t, "tenant.create", a->v[TL_HOSTS]) == -1 ||
	    dir_add_tenant(l->dir, slug) == -1) {
		fail(l, "%s: the database or the directory refused the "
		    "tenant", slug);
		goto out;
	}
	/* 3. the first tenant admin; the password goes by mail only */
	placed = 0;	/* from here the tenant stays: it is consistent */
	if (first_admin(l, &t, number, a->v[TL_ADMIN_MAIL], name,
	    uid) == -1) {
		if (l->err[0] == '\0')
			fail(l, "%s was made, its first admin not: add one "
			    "with `shikakuctl user add %s ... --role "
			    "tenant_admin`", slug, slug);
		rc = 1;
		goto out;
	}
	rc = 0;
out:
	if (placed) {
		/* nothing of it is in use yet: take the files back */
		pathf(path, sizeof(path), "%s/%s", stage, slug);
		rename(dst, path);
	}
	if (staged)
		rm_tree(stage);
	tenant_clear(&t);
	tenants_free(ts);
	return rc;
}

/* ------------------------------------------------------------ reload */

/* "host slug;" per host, the lines nginx's map includes. */
static int
write_map(struct tl *l, const struct tenants *ts)
{
	struct buf	 b = { NULL, 0, 0 };
	char		 tmp[PATH_MAX];
	size_t		 i, k;
	int		 rc = -1;

	for (i = 0; i < ts->n; i++)
		for (k = 0; k < ts->t[i].nhost; k++)
			if (buf_printf(&b, "%s %s;\n", ts->t[i].host[k],
			    ts->t[i].slug) == -1)
				goto out;
	pathf(tmp, sizeof(tmp), "%s.tmp", l->cfg->nginx_map);
	if (write_file(tmp, b.data ? b.data : "", b.len) == -1 ||
	    rename(tmp, l->cfg->nginx_map) == -1) {
		fail(l, "%s: %s", l->cfg->nginx_map, strerror(errno));
		(void)unlink(tmp);
		goto out;
	}
	rc = 0;
out:
	buf_free(&b);
	return rc;
}

/* SIGHUP to the pid in a pid file.  0 sent, -1 (tl.err says why). */
static int
hup(struct tl *l, const char *pidfile)
{
	struct buf	 b = { NULL, 0, 0 };
	char		*end;
	long		 pid = 0;
	int		 rc = -1;

	if (read_file(pidfile, &b) == -1 || buf_puts(&b, "") == -1) {
		fail(l, "%s: %s", pidfile, strerror(errno));
		goto out;
	}
	errno = 0;
	pid = strtol(b.data, &end, 10);
	if (errno != 0 || pid <= 1 || (*end != '\0' && *end != '\n')) {
		fail(l, "%s: not a pid", pidfile);
		goto out;
	}
	if (kill((pid_t)pid, SIGHUP) == -1) {
		fail(l, "%s: %s", pidfile, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	buf_free(&b);
	return rc;
}

int
tl_reload(struct tl *l)
{
	const struct config	*cfg = l->cfg;
	struct tenants		*ts = NULL;
	int			 did = 0, bad = 0;

	l->err[0] = '\0';
	if (cfg->nginx_map != NULL && *cfg->nginx_map != '\0') {
		if ((ts = tenants_load_cfg(cfg, l->err,
		    sizeof(l->err))) == NULL || write_map(l, ts) == -1)
			bad = 1;
		else {
			did |= TL_DID_MAP;
			if (cfg->nginx_pid_file != NULL &&
			    *cfg->nginx_pid_file != '\0') {
				if (hup(l, cfg->nginx_pid_file) == 0)
					did |= TL_DID_NGINX;
				else
					bad = 1;
			}
		}
	}
	if (cfg->pid_file != NULL && *cfg->pid_file != '\0') {
		if (hup(l, cfg->pid_file) == 0)
			did |= TL_DID_MASTER;
		else
			bad = 1;
	}
	tenants_free(ts);
	return bad ? -1 : did;
}
