/*
 * t_backup.c — what backup and restore trust (OPS-4): SHA-256 against
 * FIPS 180-4's vectors (one, two and 1,000,000 blocks, fed in odd
 * pieces), and the manifest: written, verified, and a tampered, missing
 * or unlisted file or an escaping name refused.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "db.h"
#include "manifest.h"
#include "tenant.h"
#include "sha256.h"
#include "tests.h"

static void
t_vectors(void)
{
	unsigned char	 chunk[997];
	char		 hex[SHA256_HEXLEN + 1], path[64];
	size_t		 left, k;
	FILE		*f;

	sha256_hex("", 0, hex);
	CU_ASSERT_STRING_EQUAL(hex, "e3b0c44298fc1c149afbf4c8996fb924"
	    "27ae41e4649b934ca495991b7852b855");
	sha256_hex("abc", 3, hex);
	CU_ASSERT_STRING_EQUAL(hex, "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad");
	sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	    56, hex);
	CU_ASSERT_STRING_EQUAL(hex, "248d6a61d20638b8e5c026930c3e6039"
	    "a33ce45964ff2167f6ecedd419db06c1");
	/* a million 'a' read from a file in 64 KiB pieces */
	memset(chunk, 'a', sizeof(chunk));
	snprintf(path, sizeof(path), "/tmp/t_backup.%ld", (long)getpid());
	CU_ASSERT_FATAL((f = fopen(path, "w")) != NULL);
	for (left = 1000000; left > 0; left -= k) {
		k = left < sizeof(chunk) ? left : sizeof(chunk);
		CU_ASSERT(fwrite(chunk, 1, k, f) == k);
	}
	CU_ASSERT(fclose(f) == 0);
	CU_ASSERT(sha256_file(path, hex) == 0);
	CU_ASSERT_STRING_EQUAL(hex, "cdc76e5c9914fb9281a1c7e284d73e67"
	    "f1809a48a497200e046d39ccc7112cd0");
	unlink(path);
	CU_ASSERT(sha256_file(path, hex) == -1);
}

static char	 dir[64];

static void
put(const char *name, const char *text)
{
	char	 p[256];
	FILE	*f;

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	if ((f = fopen(p, "w")) != NULL) {
		fputs(text, f);
		fclose(f);
	}
}

static void
t_manifest(void)
{
	static const char *const req[] = { "db.sql", "sub/x.pdf" };
	static const char *const more[] = { "db.sql", "directory.ldif" };
	struct manifest	*m;
	char		 err[512], p[256];

	snprintf(dir, sizeof(dir), "/tmp/t_backup.XXXXXX");
	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	snprintf(p, sizeof(p), "%s/sub", dir);
	mkdir(p, 0700);
	put("db.sql", "CREATE TABLE t (x INT);\n");
	put("sub/x.pdf", "%PDF-1.4\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(m = manifest_new(dir));
	CU_ASSERT_EQUAL(manifest_add(m, "db.sql"), 0);
	CU_ASSERT_EQUAL(manifest_add(m, "sub/x.pdf"), 0);
	CU_ASSERT_EQUAL(manifest_add(m, "../etc/passwd"), -1);
	CU_ASSERT_EQUAL(manifest_add(m, "missing"), -1);
	CU_ASSERT_EQUAL(manifest_count(m), 2);
	CU_ASSERT_EQUAL(manifest_save(m, "# test\n"), 0);
	manifest_free(m);
	CU_ASSERT_EQUAL(manifest_verify(dir, req, 2, err, sizeof(err)), 0);

	/* a required file the manifest does not list */
	CU_ASSERT_EQUAL(manifest_verify(dir, more, 2, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "directory.ldif"));

	/* one byte changed */
	put("db.sql", "CREATE TABLE t (x INT);\r");
	CU_ASSERT_EQUAL(manifest_verify(dir, req, 2, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "db.sql"));
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "altered"));
	put("db.sql", "CREATE TABLE t (x INT);\n");
	CU_ASSERT_EQUAL(manifest_verify(dir, req, 2, err, sizeof(err)), 0);

	/* a listed file gone */
	snprintf(p, sizeof(p), "%s/sub/x.pdf", dir);
	unlink(p);
	CU_ASSERT_EQUAL(manifest_verify(dir, req, 2, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "x.pdf"));

	/* a manifest naming a path outside the directory */
	put(MANIFEST_FILE, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934c"
	    "a495991b7852b855  ../../etc/hostname\n");
	CU_ASSERT_EQUAL(manifest_verify(dir, req, 0, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "not a manifest line"));
	/* no manifest at all */
	snprintf(p, sizeof(p), "%s/" MANIFEST_FILE, dir);
	unlink(p);
	CU_ASSERT_EQUAL(manifest_verify(dir, req, 0, err, sizeof(err)), -1);

	snprintf(p, sizeof(p), "%s/db.sql", dir);
	unlink(p);
	snprintf(p, sizeof(p), "%s/sub", dir);
	rmdir(p);
	rmdir(dir);
}

static void
t_names(void)
{
	CU_ASSERT(manifest_name_ok("db.sql"));
	CU_ASSERT(manifest_name_ok("uploads/12.pdf"));
	CU_ASSERT(manifest_name_ok("records/app_value.sql"));
	CU_ASSERT(!manifest_name_ok(""));
	CU_ASSERT(!manifest_name_ok("/etc/passwd"));
	CU_ASSERT(!manifest_name_ok(".."));
	CU_ASSERT(!manifest_name_ok("a/../b"));
	CU_ASSERT(!manifest_name_ok("a//b"));
	CU_ASSERT(!manifest_name_ok("a/./b"));
	CU_ASSERT(!manifest_name_ok("a b"));
	CU_ASSERT(!manifest_name_ok("a\nb"));
	CU_ASSERT(manifest_name_ok("a/..b"));
}

/* tenant.conf's disabled = yes|no (OPS-1): parsed once, checked. */
static int
load_with(const char *disabled, struct tenant *t)
{
	char	 d[64], p[160], err[256];
	FILE	*f;
	int	 rc;

	snprintf(d, sizeof(d), "/tmp/t_tenant_off.XXXXXX");
	if (mkdtemp(d) == NULL)
		return -2;
	snprintf(p, sizeof(p), "%s/x1", d);
	mkdir(p, 0700);
	snprintf(p, sizeof(p), "%s/x1/tenant.conf", d);
	if ((f = fopen(p, "w")) == NULL)
		return -2;
	fprintf(f, "name_ja = 試験\nname_en = Test\nhosts = x1.test\n");
	if (disabled != NULL)
		fprintf(f, "disabled = %s\n", disabled);
	fclose(f);
	rc = tenant_load_one(t, d, "x1", err, sizeof(err));
	unlink(p);
	snprintf(p, sizeof(p), "%s/x1", d);
	rmdir(p);
	rmdir(d);
	return rc;
}

static void
t_disabled(void)
{
	struct tenant	 t;

	CU_ASSERT_EQUAL_FATAL(load_with(NULL, &t), 0);
	CU_ASSERT_EQUAL(t.disabled, 0);
	tenant_clear(&t);
	CU_ASSERT_EQUAL_FATAL(load_with("no", &t), 0);
	CU_ASSERT_EQUAL(t.disabled, 0);
	tenant_clear(&t);
	CU_ASSERT_EQUAL_FATAL(load_with("yes", &t), 0);
	CU_ASSERT_EQUAL(t.disabled, 1);
	tenant_clear(&t);
	CU_ASSERT_EQUAL(load_with("maybe", &t), -1);
	CU_ASSERT_EQUAL(load_with("", &t), -1);
}

/*
 * Where backup and restore point mariadb-dump and mariadb (issue 15):
 * the db_host entry the portal's connection reached, its own port, not
 * the whole list.  Nothing answers on these ports: the first entry.
 */
static struct config *
node_conf(const char *text)
{
	char		 path[64], err[256];
	struct config	*c;
	FILE		*f;

	snprintf(path, sizeof(path), "/tmp/t_node.%ld", (long)getpid());
	CU_ASSERT_FATAL((f = fopen(path, "w")) != NULL);
	fputs(text, f);
	CU_ASSERT(fclose(f) == 0);
	c = config_load(path, err, sizeof(err));
	unlink(path);
	return c;
}

static void
t_node(void)
{
	static const struct {
		const char	*conf, *host;
		unsigned int	 port;
		int		 rc;
	} cases[] = {
		{ "db_host = 127.0.0.1:1 127.0.0.1:2\ndb_port = 3\n",
		    "127.0.0.1", 1, 1 },
		{ "db_host = 127.0.0.1, 127.0.0.1:2\ndb_port = 3\n",
		    "127.0.0.1", 3, 1 },
		{ "db_host = 127.0.0.1\ndb_port = 4\n", "127.0.0.1", 4, 1 },
		{ "db_socket = /nonexistent/mysqld.sock\n", NULL, 0, 0 },
	};
	char		 err[256], host[64];
	unsigned int	 port;
	size_t		 i;
	struct config	*c;
	struct db	*d;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		CU_ASSERT_PTR_NOT_NULL_FATAL(c = node_conf(cases[i].conf));
		/* A db is returned even when no node answers. */
		CU_ASSERT_PTR_NOT_NULL_FATAL(d = db_open(c, err,
		    sizeof(err)));
		CU_ASSERT_EQUAL(db_node(d, host, sizeof(host), &port),
		    cases[i].rc);
		if (cases[i].rc == 1) {
			CU_ASSERT_STRING_EQUAL(host, cases[i].host);
			CU_ASSERT_EQUAL(port, cases[i].port);
		}
		db_close(d);
		config_free(c);
	}
}

int
suite_backup(void)
{
	static const struct utest t[] = {
		{ "OPS-4 SHA-256: FIPS 180-4 vectors", t_vectors },
		{ "OPS-4 manifest: verify, tampered, missing, unlisted",
		    t_manifest },
		{ "OPS-4 manifest: names stay inside the directory", t_names },
		{ "OPS-1 tenant.conf disabled = yes|no", t_disabled },
		{ "OPS-4 backup's database node: one entry of db_host",
		    t_node },
		{ NULL, NULL },
	};

	return add_suite("backup", t);
}
