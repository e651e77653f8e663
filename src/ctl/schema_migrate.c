/*
 * migrate.c — `shikakuctl migrate`: apply sqldir/NNN_name.sql in order,
 * each once, recorded in schema_migration with its SHA-256 (computed by
 * the server).  A recorded file that has since changed is an error, not
 * something to apply again.  A named lock keeps two runs from racing.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "conf.h"
#include "ctl.h"
#include "db.h"
#include "dbq.h"
#include "migration.h"
#include "tenant.h"

static int
slurp(const char *path, struct buf *b)
{
	FILE	*f;
	char	 chunk[8192];
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

static int
apply_one(struct ctl *c, const char *dir, const char *name)
{
	struct buf	 sql = { NULL, 0, 0 };
	char		 path[1024], err[512];
	long long	 ver = atoll(name);
	int		 rc = -1, state;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (slurp(path, &sql) == -1) {
		fprintf(stderr, "migrate: %s: cannot read\n", path);
		goto out;
	}
	if ((state = dbq_migration_state(c->db, sql.data ? sql.data : "",
	    ver)) < 0)
		goto out;
	if (state == 2) {
		fprintf(stderr, "migrate: %s changed after it was applied\n",
		    name);
		goto out;
	}
	if (state == 1) {
		rc = 0;
		goto out;
	}
	/* DDL commits implicitly in MySQL; DML in a file stays atomic. */
	if (db_begin(c->db) < 0 || db_run_script(c->db, sql.data ?
	    sql.data : "", sql.len, err, sizeof(err)) == -1) {
		fprintf(stderr, "migrate: %s: %s\n", name, err);
		db_rollback(c->db);
		goto out;
	}
	if (dbq_migration_done(c->db, ver, name, sql.data ? sql.data : "") <
	    0 || db_commit(c->db) < 0) {
		db_rollback(c->db);
		goto out;
	}
	printf("applied %s\n", name);
	rc = 1;
out:
	buf_free(&sql);
	return rc;
}

int
cmd_migrate(struct ctl *c, int argc, char **argv)
{
	struct migrations	*ms = NULL;
	size_t			 i;
	int			 rc = 1, applied = 0, r;

	(void)argc;
	(void)argv;
	if (dbq_migrate_lock(c->db) != 1) {
		fprintf(stderr, "migrate: another migration is running\n");
		goto out;
	}
	if (dbq_migration_table(c->db) < 0)
		goto out;
	/* The server sums what it applies: no sums needed here. */
	if ((ms = migrations_scan(c->cfg->sqldir, 0)) == NULL) {
		fprintf(stderr, "migrate: %s: cannot read\n", c->cfg->sqldir);
		goto out;
	}
	for (i = 0; i < ms->n; i++) {
		if ((r = apply_one(c, c->cfg->sqldir, ms->m[i].name)) < 0)
			goto out;
		applied += r;
	}
	printf("migrate: %d applied, %zu already\n", applied,
	    ms->n - (size_t)applied);
	rc = 0;
out:
	migrations_free(ms);
	dbq_migrate_unlock(c->db);
	return rc;
}

int
cmd_tenant_sync(struct ctl *c, int argc, char **argv)
{
	size_t	 i;
	int	 rc = 0;

	(void)argc;
	(void)argv;
	for (i = 0; i < c->tenants->n; i++)
		if (dbq_tenant_upsert(c->db, &c->tenants->t[i]) < 0) {
			fprintf(stderr, "tenant sync: %s failed\n",
			    c->tenants->t[i].slug);
			rc = 1;
		}
	if (rc == 0)
		fprintf(stderr, "tenant sync: %zu tenants\n", c->tenants->n);
	return rc;
}
