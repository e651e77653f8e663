/*
 * t_ops.c — the ops host's pure parts (issue 7): the bearer token check
 * of /metrics (OPS-3), the shared health-check cache (OPS-1), reason
 * phrases for every status we send, and the keys that configure them.
 */
#include <sys/mman.h>
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "conf_check.h"
#include "ctx.h"
#include "migration.h"
#include "scoreboard.h"
#include "tenant.h"
#include "tests.h"

static void
t_bearer(void)
{
	static const char	 tok[] = "0123456789abcdef0123456789abcdef";

	CU_ASSERT_TRUE(bearer_ok("Bearer 0123456789abcdef0123456789abcdef",
	    tok));
	CU_ASSERT_TRUE(bearer_ok("bearer 0123456789abcdef0123456789abcdef",
	    tok));
	CU_ASSERT_TRUE(bearer_ok("BEARER  0123456789abcdef0123456789abcdef",
	    tok));
	/* One character off, one more, one fewer. */
	CU_ASSERT_FALSE(bearer_ok("Bearer 0123456789abcdef0123456789abcdee",
	    tok));
	CU_ASSERT_FALSE(bearer_ok("Bearer 0123456789abcdef0123456789abcdef0",
	    tok));
	CU_ASSERT_FALSE(bearer_ok("Bearer 0123456789abcdef0123456789abcde",
	    tok));
	/* Another scheme, no scheme, nothing. */
	CU_ASSERT_FALSE(bearer_ok("Basic 0123456789abcdef0123456789abcdef",
	    tok));
	CU_ASSERT_FALSE(bearer_ok("0123456789abcdef0123456789abcdef", tok));
	CU_ASSERT_FALSE(bearer_ok("Bearer ", tok));
	CU_ASSERT_FALSE(bearer_ok(NULL, tok));
	/* No token configured: nothing opens. */
	CU_ASSERT_FALSE(bearer_ok("Bearer ", ""));
	CU_ASSERT_FALSE(bearer_ok("Bearer x", NULL));
}

/* Every result's status, and every status a handler sets, has a phrase. */
static void
t_reasons(void)
{
	static const int	 extra[] = { 401, 409, 410, 429 };
	int			 r;
	size_t			 i;

	for (r = RES_OK; r < RES__MAX; r++)
		CU_ASSERT_STRING_NOT_EQUAL(http_reason(http_status(r)),
		    "Unknown");
	for (i = 0; i < sizeof(extra) / sizeof(extra[0]); i++)
		CU_ASSERT_STRING_NOT_EQUAL(http_reason(extra[i]), "Unknown");
	CU_ASSERT_STRING_EQUAL(http_reason(429), "Too Many Requests");
	CU_ASSERT_STRING_EQUAL(http_reason(401), "Unauthorized");
	CU_ASSERT_STRING_EQUAL(http_reason(299), "Unknown");
}

static int	 probes;

static void
probe(void *arg, int *ok)
{
	int	 i;

	(void)arg;
	probes++;
	for (i = 0; i < SB_HEALTH_DEPS; i++)
		ok[i] = i != 2 || probes % 2 == 1;	/* mail flaps */
}

static void
t_health_cache(void)
{
	struct scoreboard	*sb;
	int			 ok[SB_HEALTH_DEPS];
	int64_t			 now;

	sb = sb_create();
	CU_ASSERT_PTR_NOT_NULL_FATAL(sb);
	probes = 0;
	now = mono_ms();
	sb_health(sb, now, probe, NULL, ok);
	CU_ASSERT_EQUAL(probes, 1);
	CU_ASSERT_TRUE(ok[0] && ok[1] && ok[2]);
	/* Within SB_HEALTH_MS: the stored result, no probe. */
	memset(ok, 0, sizeof(ok));
	sb_health(sb, now + SB_HEALTH_MS - 1000, probe, NULL, ok);
	CU_ASSERT_EQUAL(probes, 1);
	CU_ASSERT_TRUE(ok[0] && ok[1] && ok[2]);
	/* Later: probed again, and the new result kept. */
	sb_health(sb, now + SB_HEALTH_MS + 1, probe, NULL, ok);
	CU_ASSERT_EQUAL(probes, 2);
	CU_ASSERT_FALSE(ok[2]);
	/* Another worker is probing: the previous result, no second probe. */
	sb->health.at_ms = now - SB_HEALTH_MS;
	sb->health.probing = now;
	sb_health(sb, now + 10, probe, NULL, ok);
	CU_ASSERT_EQUAL(probes, 2);
	CU_ASSERT_FALSE(ok[2]);
	/* ... unless that probe is older than SB_HEALTH_MS (worker died). */
	sb->health.probing = now - SB_HEALTH_MS - 1;
	sb_health(sb, now, probe, NULL, ok);
	CU_ASSERT_EQUAL(probes, 3);
	CU_ASSERT_EQUAL(sb->health.probing, 0);
	/* No result at all yet: the caller probes rather than guess. */
	memset(&sb->health, 0, sizeof(sb->health));
	sb->health.probing = now;
	sb_health(sb, now, probe, NULL, ok);
	CU_ASSERT_EQUAL(probes, 4);
	munmap(sb, sizeof(*sb));
}

static int
write_file(const char *path, const char *text)
{
	FILE	*f;

	if ((f = fopen(path, "w")) == NULL)
		return -1;
	fputs(text, f);
	return fclose(f);
}

/* The tenant t under dir: its mail_secret_days, or -2 if it fails to load. */
static long long
secret_days(const char *dir, char *err, size_t errlen)
{
	struct tenants	*ts;
	long long	 d = -2;

	if ((ts = calloc(1, sizeof(*ts))) == NULL)
		return d;
	if (tenant_load_one(&ts->t[0], dir, "t", err, errlen) == 0) {
		ts->n = 1;
		d = ts->t[0].mail_secret_days;
	}
	tenants_free(ts);
	return d;
}

/* tenant.conf mail_secret_days (default 7) and shikaku.conf's token. */
static void
t_keys(void)
{
	static const char base[] = "name_ja = x\nname_en = x\nhosts = a.test\n";
	char		 dir[] = "/tmp/shikaku-ops-XXXXXX", sub[128], path[160];
	char		 err[256], text[256];
	struct config	*c;

	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	snprintf(sub, sizeof(sub), "%s/t", dir);
	CU_ASSERT_EQUAL_FATAL(mkdir(sub, 0700), 0);
	snprintf(path, sizeof(path), "%s/tenant.conf", sub);

	CU_ASSERT_EQUAL(write_file(path, base), 0);
	CU_ASSERT_EQUAL(secret_days(dir, err, sizeof(err)),
	    TENANT_MAIL_SECRET_DAYS);
	CU_ASSERT_EQUAL(TENANT_MAIL_SECRET_DAYS, 7);
	snprintf(text, sizeof(text), "%smail_secret_days = 30\n", base);
	CU_ASSERT_EQUAL(write_file(path, text), 0);
	CU_ASSERT_EQUAL(secret_days(dir, err, sizeof(err)), 30);
	snprintf(text, sizeof(text), "%smail_secret_days = -1\n", base);
	CU_ASSERT_EQUAL(write_file(path, text), 0);
	CU_ASSERT_EQUAL(secret_days(dir, err, sizeof(err)), -2);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "mail_secret_days"));
	unlink(path);

	snprintf(path, sizeof(path), "%s/shikaku.conf", dir);
	CU_ASSERT_EQUAL(write_file(path,
	    "metrics_token_file = /etc/shikaku/metrics.token\n"), 0);
	c = config_load(path, err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_STRING_EQUAL(c->metrics_token_file,
	    "/etc/shikaku/metrics.token");
	config_free(c);
	CU_ASSERT_EQUAL(write_file(path, "workers = 2\n"), 0);
	c = config_load(path, err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_PTR_NULL(c->metrics_token_file);	/* no token: none */
	config_free(c);
	unlink(path);
	rmdir(sub);
	rmdir(dir);
}

/* A file of the given text and mode in dir. */
static void
put(const char *dir, const char *name, const char *text, mode_t mode)
{
	char	 path[512];
	FILE	*f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f = fopen(path, "w"));
	fputs(text, f);
	fclose(f);
	chmod(path, mode);
}

/*
 * The console's shipped list (OPS-1): only NNN_name.sql, in name order,
 * each summed like schema_migration.checksum (SHA2() of the text).
 */
static void
t_migrations(void)
{
	static const char *const names[] = { "010_b.sql", "002_a.sql",
	    "notes.txt" };
	char			 dir[] = "/tmp/t_ops_sql.XXXXXX", path[600];
	struct migrations	*ms;
	size_t			 i;

	CU_ASSERT_TRUE(migration_name("001_core.sql"));
	CU_ASSERT_FALSE(migration_name("01_core.sql"));
	CU_ASSERT_FALSE(migration_name("001_core.sql~"));
	CU_ASSERT_FALSE(migration_name("README"));
	CU_ASSERT_PTR_NULL(migrations_scan("/nonexistent/sql", 1));
	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	put(dir, "010_b.sql", "", 0600);
	put(dir, "002_a.sql", "abc", 0600);
	put(dir, "notes.txt", "x", 0600);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ms = migrations_scan(dir, 1));
	CU_ASSERT_EQUAL_FATAL(ms->n, 2);
	CU_ASSERT_STRING_EQUAL(ms->m[0].name, "002_a.sql");
	CU_ASSERT_EQUAL(ms->m[0].version, 2);
	CU_ASSERT_STRING_EQUAL(ms->m[0].sha256, "ba7816bf8f01cfea414140de5dae"
	    "2223b00361a396177a9cb410ff61f20015ad");
	CU_ASSERT_STRING_EQUAL(ms->m[1].name, "010_b.sql");
	CU_ASSERT_EQUAL(ms->m[1].version, 10);
	migrations_free(ms);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
}

/* Does a line of k contain text at level lv? */
static int
has_check(const struct checks *k, enum check_level lv, const char *text)
{
	size_t	 i;
	int	 found = 0;

	for (i = 0; i < k->n; i++)
		if (k->c[i].level == lv && strstr(k->c[i].text, text) != NULL)
			found = 1;
	return found;
}

/*
 * check-config's lines (OPS-1): a secret file others may read is a
 * warning, a missing one an error, its contents never shown; an
 * unreadable sqldir is an error; a disabled tenant a warning.
 */
static void
t_config_check(void)
{
	char		 dir[] = "/tmp/t_ops_cfg.XXXXXX", pw[600], tok[600],
			 gone[600], conf[] = "test.conf", slug[] = "board",
			 nodir[] = "/nonexistent/sql";
	struct config	 cfg;
	struct tenants	*ts;
	struct checks	*k;
	size_t		 i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	put(dir, "db.pw", "s3cret-db-password", 0644);
	put(dir, "metrics.token", "s3cret-token", 0600);
	snprintf(pw, sizeof(pw), "%s/db.pw", dir);
	snprintf(tok, sizeof(tok), "%s/metrics.token", dir);
	snprintf(gone, sizeof(gone), "%s/ldap.pw", dir);
	memset(&cfg, 0, sizeof(cfg));
	cfg.path = conf;
	cfg.sqldir = dir;
	cfg.db_password_file = pw;
	cfg.metrics_token_file = tok;
	cfg.ldap_password_file = gone;
	CU_ASSERT_PTR_NOT_NULL_FATAL(ts = calloc(1, sizeof(*ts)));
	CU_ASSERT_PTR_NOT_NULL_FATAL(k = calloc(1, sizeof(*k)));
	ts->n = 1;
	ts->t[0].slug = slug;
	ts->t[0].disabled = 1;
	config_check(&cfg, ts, NULL, k);
	CU_ASSERT_TRUE(has_check(k, CHECK_WARNING, "db_password_file"));
	CU_ASSERT_TRUE(has_check(k, CHECK_WARNING, "mode 0644"));
	CU_ASSERT_TRUE(has_check(k, CHECK_OK, "metrics_token_file"));
	CU_ASSERT_TRUE(has_check(k, CHECK_ERROR, "ldap_password_file"));
	CU_ASSERT_TRUE(has_check(k, CHECK_WARNING, "tenant board"));
	CU_ASSERT_TRUE(has_check(k, CHECK_OK, "page tables"));
	CU_ASSERT_TRUE(has_check(k, CHECK_OK, "0 migrations"));
	CU_ASSERT_EQUAL(k->errors, 1);
	CU_ASSERT_EQUAL(k->warnings, 2);
	for (i = 0; i < k->n; i++)
		CU_ASSERT_PTR_NULL(strstr(k->c[i].text, "s3cret"));
	cfg.sqldir = nodir;
	cfg.metrics_token_file = NULL;
	config_check(&cfg, ts, NULL, k);
	CU_ASSERT_TRUE(has_check(k, CHECK_ERROR, "sqldir"));
	CU_ASSERT_TRUE(has_check(k, CHECK_WARNING, "metrics_token_file not set"));
	unlink(pw);
	unlink(tok);
	rmdir(dir);
	free(k);
	free(ts);
}

int
suite_ops(void)
{
	static const struct utest t[] = {
		{ "bearer token check", t_bearer },
		{ "reason phrase for every status", t_reasons },
		{ "health probed once per SB_HEALTH_MS", t_health_cache },
		{ "mail_secret_days and metrics_token_file", t_keys },
		{ "shipped migrations: names, order, sums", t_migrations },
		{ "check-config lines: secrets, sqldir, tenants", t_config_check },
		{ NULL, NULL },
	};
	return add_suite("ops", t);
}
