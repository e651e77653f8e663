/*
 * ctl_backup.c — `shikakuctl backup DIR`, `shikakuctl restore DIR` and
 * `shikakuctl tenant export SLUG DIR` (OPS-4).
 *
 * A backup directory holds:
 *   db.sql          mariadb-dump --single-transaction: one consistent
 *                   InnoDB snapshot, uploads included (they are rows)
 *   directory.ldif  the portal's subtrees (ou=tenants, ou=ops) as the
 *                   directory manager reads them, password hashes too
 *   uploads.tsv     id, tenant, SHA-256 and size of every upload, read
 *                   just before the dump: a restore checks each against
 *                   the restored bytes
 *   tenants.tar     the tenants central IT created (shikaku.conf
 *                   tenantdir; OPS-1): the shipped ones come with the
 *                   package, these exist nowhere else.  Empty when no
 *                   tenantdir is set or none was created
 *   MANIFEST        SHA-256 of each file above (manifest.h)
 * The directory is created 0700: the LDIF holds password hashes and the
 * dump personal data.  The directory's fixed top (the suffix, the portal
 * service account) is not copied: a new stack has its own, with its own
 * secrets.
 *
 * restore checks the whole manifest before touching anything, then
 * loads into an EMPTY stack only (no table in the database, no person in
 * the directory): merging a backup into live data is not a restore.
 */
#include <sys/stat.h>
#include <sys/time.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "backup.h"
#include "conf.h"
#include "ctl.h"
#include "db.h"
#include "manifest.h"
#include "tenant.h"

#define F_DB		"db.sql"
#define F_LDIF		"directory.ldif"
#define F_UPLOADS	"uploads.tsv"
#define F_TENANTS	"tenants.tar"

static const char *const backup_files[] = { F_DB, F_LDIF, F_UPLOADS,
    F_TENANTS };

/* tenantdir as a tar (its staging leftovers, ".*", left out). */
static int
dump_tenants(const struct config *cfg, const char *out)
{
	const char	*td = cfg->tenantdir;
	const char	*tar[] = { "tar", "-C", td, "--exclude=./.*", "-cf",
	    out, ".", NULL };
	const char	*none[] = { "tar", "-cf", out, "-T", "/dev/null",
	    NULL };

	if (td == NULL || *td == '\0' || access(td, F_OK) == -1)
		return run_tool(none, NULL, NULL, 0, NULL);
	return run_tool(tar, NULL, NULL, 0, NULL);
}

/*
 * Back into tenantdir, which must be empty (a restore goes into an empty
 * stack); no tenantdir and an empty tar is fine.  1 restored, 0 nothing
 * to restore, -1 refused or failed (said why).
 */
static int
load_tenants(const struct config *cfg, const char *tarfile)
{
	const char	*td = cfg->tenantdir;
	const char	*list[] = { "tar", "-tf", tarfile, NULL };
	const char	*tar[] = { "tar", "-C", td, "--no-same-owner",
	    "--no-overwrite-dir", "-xf", tarfile, NULL };
	char		 tmp[512];
	struct stat	 st;
	int		 fd, rc = -1;

	snprintf(tmp, sizeof(tmp), "%s/shikakuctl-tar.XXXXXX",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if ((fd = mkstemp(tmp)) == -1)
		return -1;
	close(fd);
	if (run_tool(list, NULL, tmp, 0, NULL) == -1 || stat(tmp, &st) == -1)
		goto out;
	/* "./" alone, or nothing: no tenant was created */
	if (st.st_size <= 3) {
		rc = 0;
		goto out;
	}
	if (td == NULL || *td == '\0') {
		fprintf(stderr, "shikakuctl: the backup holds created tenants "
		    "but %s sets no tenantdir\n", cfg->path);
		goto out;
	}
	if (mkdir(td, 0755) == -1 && errno != EEXIST) {
		fprintf(stderr, "shikakuctl: %s: %s\n", td, strerror(errno));
		goto out;
	}
	rc = run_tool(tar, NULL, NULL, 0, NULL) == -1 ? -1 : 1;
out:
	unlink(tmp);
	return rc;
}

/* tenantdir holds nothing but dot files, or does not exist. */
static int
tenants_empty(const struct config *cfg)
{
	struct dirent	*de;
	DIR		*d;
	int		 empty = 1;

	if (cfg->tenantdir == NULL || *cfg->tenantdir == '\0' ||
	    (d = opendir(cfg->tenantdir)) == NULL)
		return 1;
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] != '.')
			empty = 0;
	closedir(d);
	return empty;
}

static double
now_s(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* DIR/NAME into out; -1 when too long. */
static int
path_in(char *out, size_t len, const char *dir, const char *name)
{
	return (size_t)snprintf(out, len, "%s/%s", dir, name) >= len ? -1 : 0;
}

/* A new directory, or an existing empty one; mode 0700. */
static int
fresh_dir(const char *dir)
{
	if (mkdir(dir, 0700) == 0)
		return 0;
	if (errno == EEXIST) {
		/* rmdir removes only an empty directory */
		if (rmdir(dir) == 0 && mkdir(dir, 0700) == 0)
			return 0;
		fprintf(stderr, "shikakuctl: %s exists and is not empty: "
		    "a backup goes into a new directory\n", dir);
		return -1;
	}
	fprintf(stderr, "shikakuctl: %s: %s\n", dir, strerror(errno));
	return -1;
}

/* ldapsearch as the directory manager (-y: the tool reads the file). */
static int
ldap_dump(const struct config *cfg, const char *base, const char *filter,
    const char *out, int append)
{
	const char *argv[] = { "ldapsearch", "-LLL", "-o", "ldif-wrap=no", "-x",
	    "-H", cfg->ldap_uri, "-D", cfg->ldap_admin_dn, "-y",
	    cfg->ldap_admin_password_file, "-b", base, "-s", "sub",
	    filter, "*", NULL };

	return run_tool(argv, NULL, out, append, NULL);
}

int
need_ldap_admin(const struct config *cfg)
{
	if (cfg->ldap_admin_dn == NULL || cfg->ldap_admin_password_file ==
	    NULL || cfg->ldap_uri == NULL) {
		fprintf(stderr, "shikakuctl: %s: ldap_admin_dn and "
		    "ldap_admin_password_file are needed to read the whole "
		    "directory\n", cfg->path);
		return -1;
	}
	return 0;
}

/* The portal's subtrees, in order (parents before children). */
static int
dump_directory(const struct config *cfg, const char *out)
{
	char	 base[1024];

	snprintf(base, sizeof(base), "ou=tenants,%s", cfg->ldap_base);
	if (ldap_dump(cfg, base, "(objectClass=*)", out, 0) == -1)
		return -1;
	snprintf(base, sizeof(base), "ou=ops,%s", cfg->ldap_base);
	return ldap_dump(cfg, base, "(objectClass=*)", out, 1);
}

static int
write_uploads_tsv(struct ctl *c, const char *path)
{
	struct dbres	*r;
	FILE		*f = NULL;
	size_t		 i;
	int		 rc = -1;

	if ((r = dbq_upload_hashes(c->db)) == NULL)
		goto out;
	if ((f = fopen(path, "wxe")) == NULL) {
		fprintf(stderr, "shikakuctl: %s: %s\n", path, strerror(errno));
		goto out;
	}
	for (i = 0; i < r->nrows; i++)
		fprintf(f, "%s\t%s\t%s\t%s\n",
		    dbres_get(r, i, UPLOAD_HASH_ID),
		    dbres_get(r, i, UPLOAD_HASH_TENANT),
		    dbres_get(r, i, UPLOAD_HASH_SHA256),
		    dbres_get(r, i, UPLOAD_HASH_SIZE));
	if (fclose(f) == EOF) {
		f = NULL;
		goto out;
	}
	f = NULL;
	rc = 0;
out:
	if (f != NULL)
		fclose(f);
	dbres_free(r);
	return rc;
}

static int
dump_db(const struct config *cfg, const char *opt, const char *out)
{
	char	 extra[4200];
	const char *argv[] = { "mariadb-dump", extra, "--single-transaction",
	    "--quick", "--triggers", "--hex-blob", "--no-tablespaces",
	    "--skip-dump-date", "--default-character-set=utf8mb4",
	    cfg->db_name, NULL };

	snprintf(extra, sizeof(extra), "--defaults-extra-file=%s", opt);
	return run_tool(argv, NULL, out, 0, NULL);
}

int
cmd_backup(struct ctl *c, int argc, char **argv)
{
	struct manifest	*m = NULL;
	char		 opt[512] = "", path[4200], head[512], when[32];
	const char	*dir;
	double		 t0, t_db, t_ldap;
	time_t		 now = time(NULL);
	size_t		 i;
	int		 rc = 1;

	if (argc != 1) {
		fprintf(stderr, "usage: shikakuctl backup DIR\n");
		return 2;
	}
	dir = argv[0];
	umask(077);	/* personal data and password hashes */
	if (need_ldap_admin(c->cfg) == -1 || fresh_dir(dir) == -1)
		goto out;
	t0 = now_s();
	if (path_in(path, sizeof(path), dir, F_UPLOADS) == -1 ||
	    write_uploads_tsv(c, path) == -1)
		goto out;
	if (db_optfile(c->cfg, c->db, opt, sizeof(opt)) == -1 ||
	    path_in(path, sizeof(path), dir, F_DB) == -1 ||
	    dump_db(c->cfg, opt, path) == -1)
		goto out;
	t_db = now_s() - t0;
	t0 = now_s();
	if (path_in(path, sizeof(path), dir, F_LDIF) == -1 ||
	    dump_directory(c->cfg, path) == -1)
		goto out;
	t_ldap = now_s() - t0;
	if (path_in(path, sizeof(path), dir, F_TENANTS) == -1 ||
	    dump_tenants(c->cfg, path) == -1)
		goto out;
	if ((m = manifest_new(dir)) == NULL)
		goto out;
	for (i = 0; i < sizeof(backup_files) / sizeof(backup_files[0]); i++)
		if (manifest_add(m, backup_files[i]) == -1) {
			fprintf(stderr, "shikakuctl: %s/%s: cannot hash\n",
			    dir, backup_files[i]);
			goto out;
		}
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
	snprintf(head, sizeof(head), "# shikaku backup 1\n# created %s\n"
	    "# database %s, directory %s\n", when, c->cfg->db_name,
	    c->cfg->ldap_base);
	if (manifest_save(m, head) == -1) {
		fprintf(stderr, "shikakuctl: %s/" MANIFEST_FILE ": %s\n", dir,
		    strerror(errno));
		goto out;
	}
	printf("backup %s: database %.2f s, directory %.2f s\n", dir, t_db,
	    t_ldap);
	rc = 0;
out:
	db_optfile_remove(opt);
	manifest_free(m);
	return rc;
}

/* Any person (uid) in the directory but the decoy: not an empty stack. */
static int
directory_empty(const struct config *cfg)
{
	char	 tmp[512], base[1024];
	FILE	*f;
	char	 line[1024];
	int	 fd, rc = -1, found = 0;

	snprintf(tmp, sizeof(tmp), "%s/shikakuctl-ldap.XXXXXX",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if ((fd = mkstemp(tmp)) == -1)
		return -1;
	close(fd);
	snprintf(base, sizeof(base), "%s", cfg->ldap_base);
	if (ldap_dump(cfg, base, "(&(uid=*)(!(uid=decoy)))", tmp, 0) == -1)
		goto out;
	if ((f = fopen(tmp, "re")) == NULL)
		goto out;
	while (fgets(line, sizeof(line), f) != NULL)
		if (strncmp(line, "dn:", 3) == 0)
			found++;
	fclose(f);
	rc = found == 0 ? 1 : 0;
out:
	unlink(tmp);
	return rc;
}

/*
 * ldapadd -c; entries already there (the skeleton a new stack made:
 * ou=tenants, ou=<slug>, ou=people, the decoy) are fine, any other
 * error is not.
 */
static int
load_directory(const struct config *cfg, const char *ldif, long long *added,
    long long *existed)
{
	char	 tmp[512], line[1024];
	const char *argv[] = { "ldapadd", "-c", "-x", "-H", cfg->ldap_uri, "-D",
	    cfg->ldap_admin_dn, "-y", cfg->ldap_admin_password_file, "-f",
	    ldif, NULL };
	FILE	*f;
	int	 fd, rc = -1, bad = 0;

	*added = *existed = 0;
	snprintf(tmp, sizeof(tmp), "%s/shikakuctl-ldapadd.XXXXXX",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if ((fd = mkstemp(tmp)) == -1)
		return -1;
	close(fd);
	(void)run_tool(argv, NULL, NULL, 0, tmp);
	if ((f = fopen(tmp, "re")) == NULL)
		goto out;
	while (fgets(line, sizeof(line), f) != NULL) {
		if (strncmp(line, "ldap_add: ", 10) != 0 &&
		    strncmp(line, "ldapadd: ", 9) != 0)
			continue;
		if (strstr(line, "(68)") != NULL)
			(*existed)++;
		else {
			fprintf(stderr, "shikakuctl: %s", line);
			bad++;
		}
	}
	fclose(f);
	rc = bad == 0 ? 0 : -1;
out:
	unlink(tmp);
	return rc;
}

static long long
count_entries(const char *ldif)
{
	FILE		*f;
	char		 line[1024];
	long long	 n = 0;

	if ((f = fopen(ldif, "re")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL)
		if (strncmp(line, "dn:", 3) == 0)
			n++;
	fclose(f);
	return n;
}

/* Each upload of uploads.tsv has, once restored, the same SHA-256. */
static int
check_uploads(struct ctl *c, const char *tsv, size_t *checked)
{
	struct dbres	*r = NULL;
	FILE		*f = NULL;
	char		 line[512], *id, *sha, *p;
	size_t		 i = 0;
	int		 rc = -1;
	long long	 want, have = -1;

	*checked = 0;
	if ((r = dbq_upload_hashes(c->db)) == NULL ||
	    (f = fopen(tsv, "re")) == NULL)
		goto out;
	while (fgets(line, sizeof(line), f) != NULL) {
		id = line;
		if ((p = strchr(id, '\t')) == NULL)
			continue;
		*p++ = '\0';
		if ((sha = strchr(p, '\t')) == NULL)
			continue;
		sha++;
		if ((p = strchr(sha, '\t')) != NULL)
			*p = '\0';
		want = strtoll(id, NULL, 10);
		/* both ordered by id: one pass */
		for (; i < r->nrows; i++) {
			have = strtoll(dbres_get(r, i, UPLOAD_HASH_ID), NULL,
			    10);
			if (have >= want)
				break;
		}
		if (i == r->nrows || have != want)
			continue;	/* deleted while the backup ran */
		if (strcmp(dbres_get(r, i, UPLOAD_HASH_SHA256), sha) != 0) {
			fprintf(stderr, "shikakuctl: upload %lld: restored "
			    "bytes differ from the backup's SHA-256\n", want);
			goto out;
		}
		(*checked)++;
	}
	rc = 0;
out:
	if (f != NULL)
		fclose(f);
	dbres_free(r);
	return rc;
}

int
cmd_restore(struct ctl *c, int argc, char **argv)
{
	char		 opt[512] = "", path[4200], extra[600], err[4400];
	const char	*mv[] = { "mariadb", extra, c->cfg->db_name, NULL };
	const char	*dir;
	double		 t0, t_db, t_ldap;
	long long	 ntab, added, existed;
	size_t		 nup;
	int		 ntenant, rc = 1;

	if (argc != 1) {
		fprintf(stderr, "usage: shikakuctl restore DIR\n");
		return 2;
	}
	dir = argv[0];
	if (manifest_verify(dir, backup_files, sizeof(backup_files) /
	    sizeof(backup_files[0]), err, sizeof(err)) == -1) {
		fprintf(stderr, "shikakuctl: restore refused, nothing changed: "
		    "%s\n", err);
		goto out;
	}
	if (need_ldap_admin(c->cfg) == -1)
		goto out;
	if ((ntab = dbq_table_count(c->db)) != 0) {
		fprintf(stderr, "shikakuctl: restore refused: database %s "
		    "is not empty (%lld tables); restore into an empty stack\n",
		    c->cfg->db_name, ntab);
		goto out;
	}
	if (directory_empty(c->cfg) != 1) {
		fprintf(stderr, "shikakuctl: restore refused: the directory "
		    "under %s already holds people (or cannot be read); "
		    "restore into an empty stack\n", c->cfg->ldap_base);
		goto out;
	}
	if (!tenants_empty(c->cfg)) {
		fprintf(stderr, "shikakuctl: restore refused: tenantdir %s "
		    "is not empty; restore into an empty stack\n",
		    c->cfg->tenantdir);
		goto out;
	}
	t0 = now_s();
	if (db_optfile(c->cfg, c->db, opt, sizeof(opt)) == -1)
		goto out;
	snprintf(extra, sizeof(extra), "--defaults-extra-file=%s", opt);
	if (path_in(path, sizeof(path), dir, F_DB) == -1 ||
	    run_tool(mv, path, NULL, 0, NULL) == -1) {
		fprintf(stderr, "shikakuctl: loading %s failed\n", path);
		goto out;
	}
	t_db = now_s() - t0;
	t0 = now_s();
	if (path_in(path, sizeof(path), dir, F_LDIF) == -1 ||
	    load_directory(c->cfg, path, &added, &existed) == -1) {
		fprintf(stderr, "shikakuctl: loading %s failed\n", path);
		goto out;
	}
	added = count_entries(path) - existed;
	t_ldap = now_s() - t0;
	if (path_in(path, sizeof(path), dir, F_UPLOADS) == -1 ||
	    check_uploads(c, path, &nup) == -1)
		goto out;
	if (path_in(path, sizeof(path), dir, F_TENANTS) == -1 ||
	    (ntenant = load_tenants(c->cfg, path)) == -1) {
		fprintf(stderr, "shikakuctl: restoring %s failed\n", path);
		goto out;
	}
	printf("restore %s: database %.2f s, directory %.2f s (%lld entries "
	    "added, %lld already there), %zu uploads verified, created "
	    "tenants %s\n", dir, t_db, t_ldap, added, existed, nup,
	    ntenant ? "restored (reload shikakud)" : "none");
	rc = 0;
out:
	db_optfile_remove(opt);
	return rc;
}

/* ------------------------------------------------------------ tenant export */

static const struct tenant *
find_tenant(struct ctl *c, const char *slug)
{
	size_t	 i;

	for (i = 0; i < c->tenants->n; i++)
		if (strcmp(c->tenants->t[i].slug, slug) == 0)
			return &c->tenants->t[i];
	fprintf(stderr, "shikakuctl: %s: no such tenant\n", slug);
	return NULL;
}

/* One table's rows of the tenant, as SQL (mariadb-dump --where). */
static int
export_table(const struct config *cfg, const char *opt, const char *table,
    const char *where, const char *out)
{
	char	 extra[600], w[1100];
	const char *argv[] = { "mariadb-dump", extra, "--single-transaction",
	    "--quick", "--skip-triggers", "--hex-blob", "--no-tablespaces",
	    "--skip-dump-date", "--skip-add-drop-table",
	    "--default-character-set=utf8mb4", w, cfg->db_name, table, NULL };

	snprintf(extra, sizeof(extra), "--defaults-extra-file=%s", opt);
	snprintf(w, sizeof(w), "--where=%s", where);
	return run_tool(argv, NULL, out, 0, NULL);
}

/*
 * records/<table>.sql for every table holding the tenant's rows: by its
 * tenant column, or through its foreign key to a table that has one.
 * The slug is a directory name checked by tenants_load() ([a-z0-9-]),
 * so it is safe inside the WHERE text.  Returns the tables written.
 */
static int
export_records(struct ctl *c, const char *slug, const char *dir,
    struct manifest *m, FILE *readme)
{
	struct dbres	*r = NULL;
	const char	*name, *tcol, *fk, *parent, *pcol;
	char		 opt[512] = "", where[1024], rel[300], path[4400];
	size_t		 i;
	int		 n = -1;

	if ((r = dbq_table_scopes(c->db)) == NULL ||
	    db_optfile(c->cfg, c->db, opt, sizeof(opt)) == -1)
		goto out;
	snprintf(path, sizeof(path), "%s/records", dir);
	if (mkdir(path, 0700) == -1)
		goto out;
	n = 0;
	for (i = 0; i < r->nrows; i++) {
		name = dbres_get(r, i, TABLE_SCOPE_NAME);
		tcol = dbres_get(r, i, TABLE_SCOPE_TENANT_COL);
		fk = dbres_get(r, i, TABLE_SCOPE_FK_COL);
		parent = dbres_get(r, i, TABLE_SCOPE_PARENT);
		pcol = dbres_get(r, i, TABLE_SCOPE_PARENT_COL);
		if (tcol != NULL)
			snprintf(where, sizeof(where), "`%s` = '%s'", tcol,
			    slug);
		else if (fk != NULL && parent != NULL && pcol != NULL)
			snprintf(where, sizeof(where), "`%s` IN (SELECT `%s` "
			    "FROM `%s` WHERE tenant = '%s')", fk, pcol, parent,
			    slug);
		else {
			fprintf(readme, "  %s: not a tenant's data (global)\n",
			    name);
			continue;
		}
		snprintf(rel, sizeof(rel), "records/%s.sql", name);
		snprintf(path, sizeof(path), "%s/%s", dir, rel);
		if (!manifest_name_ok(rel) || export_table(c->cfg, opt, name,
		    where, path) == -1 || manifest_add(m, rel) == -1) {
			n = -1;
			goto out;
		}
		n++;
	}
out:
	db_optfile_remove(opt);
	dbres_free(r);
	return n;
}

static const char *
ctype_ext(const char *ct)
{
	if (strcmp(ct, "application/pdf") == 0)
		return "pdf";
	if (strcmp(ct, "image/png") == 0)
		return "png";
	if (strcmp(ct, "image/jpeg") == 0)
		return "jpg";
	return "bin";
}

/* uploads/<id>.<ext>, batch by batch (the bytes of a few at a time). */
static long long
export_uploads(struct ctl *c, const char *slug, const char *dir,
    struct manifest *m)
{
	struct dbres	*r = NULL;
	char		 rel[64], path[4200];
	FILE		*f;
	long long	 after = 0, n = 0;
	size_t		 i;

	snprintf(path, sizeof(path), "%s/uploads", dir);
	if (mkdir(path, 0700) == -1)
		return -1;
	for (;;) {
		if ((r = dbq_tenant_uploads(c->db, slug, after, 50)) == NULL)
			return -1;
		if (r->nrows == 0)
			break;
		for (i = 0; i < r->nrows; i++) {
			after = strtoll(dbres_get(r, i, TENANT_UPLOAD_ID),
			    NULL, 10);
			snprintf(rel, sizeof(rel), "uploads/%lld.%s", after,
			    ctype_ext(dbres_get(r, i, TENANT_UPLOAD_CTYPE)));
			snprintf(path, sizeof(path), "%s/%s", dir, rel);
			if ((f = fopen(path, "wxe")) == NULL)
				goto fail;
			if (fwrite(dbres_get(r, i, TENANT_UPLOAD_DATA), 1,
			    dbres_len(r, i, TENANT_UPLOAD_DATA), f) !=
			    dbres_len(r, i, TENANT_UPLOAD_DATA)) {
				fclose(f);
				goto fail;
			}
			if (fclose(f) == EOF || manifest_add(m, rel) == -1)
				goto fail;
			n++;
		}
		dbres_free(r);
	}
	dbres_free(r);
	return n;
fail:
	fprintf(stderr, "shikakuctl: %s: %s\n", path, strerror(errno));
	dbres_free(r);
	return -1;
}

int
cmd_tenant_export(struct ctl *c, int argc, char **argv)
{
	const struct tenant	*t;
	struct manifest		*m = NULL;
	FILE			*readme = NULL;
	char			 path[4200], base[1024], head[512];
	const char		*dir;
	long long		 nup;
	int			 ntab, rc = 1;

	if (argc != 2) {
		fprintf(stderr, "usage: shikakuctl tenant export SLUG DIR\n");
		return 2;
	}
	dir = argv[1];
	umask(077);
	if ((t = find_tenant(c, argv[0])) == NULL || need_ldap_admin(c->cfg) ==
	    -1 || fresh_dir(dir) == -1 || (m = manifest_new(dir)) == NULL)
		goto out;
	snprintf(path, sizeof(path), "%s/README", dir);
	if ((readme = fopen(path, "wxe")) == NULL)
		goto out;
	fprintf(readme, "shikaku tenant export: %s (%s)\n\n"
	    "members.ldif    the tenant's directory subtree (ldapadd)\n"
	    "records/*.sql   its rows, one file per table (mariadb)\n"
	    "uploads/        its uploaded files, <id>.<type>\n"
	    "MANIFEST        SHA-256 of every file (sha256sum -c)\n\n"
	    "Tables left out:\n", t->slug, t->name_ja);
	snprintf(base, sizeof(base), "ou=%s,ou=tenants,%s", t->slug,
	    c->cfg->ldap_base);
	snprintf(path, sizeof(path), "%s/members.ldif", dir);
	if (ldap_dump(c->cfg, base, "(objectClass=*)", path, 0) == -1 ||
	    manifest_add(m, "members.ldif") == -1)
		goto out;
	if ((ntab = export_records(c, t->slug, dir, m, readme)) == -1)
		goto out;
	if ((nup = export_uploads(c, t->slug, dir, m)) == -1)
		goto out;
	if (fclose(readme) == EOF) {
		readme = NULL;
		goto out;
	}
	readme = NULL;
	if (manifest_add(m, "README") == -1)
		goto out;
	snprintf(head, sizeof(head), "# shikaku tenant export 1: %s\n",
	    t->slug);
	if (manifest_save(m, head) == -1)
		goto out;
	printf("tenant export %s %s: %d tables, %lld uploads, %zu files\n",
	    t->slug, dir, ntab, nup, manifest_count(m));
	rc = 0;
out:
	if (readme != NULL)
		fclose(readme);
	manifest_free(m);
	return rc;
}
