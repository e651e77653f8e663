/*
 * ctl_legacy.c — `shikakuctl legacy import TENANT FILE.csv`: the old
 * system's user records and their training history (ACC-2, BRD-12),
 * and the feature's demo data (the demo member's record).  The file is
 * read and every row checked by legacy_parse() (legacy_csv.c, over
 * csv.c's reader); one error anywhere imports nothing.  Importing again
 * replaces the records and their periods; a record's migration is kept.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "account.h"
#include "buf.h"
#include "conf.h"
#include "ctl.h"
#include "db.h"
#include "directory.h"
#include "form.h"
#include "jp.h"
#include "member.h"
#include "tenant.h"

#define NF(a)		(sizeof(a) / sizeof((a)[0]))
#define IMPORT_MAX	(64 * 1024 * 1024)	/* bytes of one file */

static const char *
actor(void)
{
	static char	 who[64];
	struct passwd	*pw;

	if (who[0] == '\0') {
		pw = getpwuid(getuid());
		snprintf(who, sizeof(who), "ctl:%s", pw ? pw->pw_name :
		    "unknown");
	}
	return who;
}

/* ---- shikakuctl legacy import ---------------------------------------- */

struct import {
	struct db		*db;
	const struct tenant	*t;
	long long		 records;
	long long		 periods;
};

/* One row into the database: the person on first sight, then periods. */
static int
import_row(const struct legacy_row *r, void *arg)
{
	struct import	*im = arg;
	const char	*v[PF__MAX];

	if (r->first) {
		v[PF_NAME_KANJI] = r->v[LC_NAME];
		v[PF_NAME_KANA] = r->v[LC_NAME_KANA];
		v[PF_BIRTH] = r->v[LC_BIRTH];
		v[PF_SEX] = r->v[LC_SEX];
		v[PF_PROGRAM] = r->v[LC_PROGRAM];
		v[PF_DONE_ON] = r->v[LC_DONE_ON];
		v[PF_PHONE] = r->v[LC_PHONE];
		v[PF_POSTAL] = r->v[LC_POSTAL];
		v[PF_PREF] = r->v[LC_PREF];
		v[PF_ADDRESS] = r->v[LC_ADDRESS];
		v[PF_DOMAIN] = r->v[LC_DOMAIN];
		if ((*r->record = dbq_legacy_put(im->db, im->t->slug,
		    r->v[LC_ID], r->v[LC_EMAIL], r->v[LC_REGNO],
		    r->v[LC_REGNO_DATE], v)) <= 0 ||
		    dbq_legacy_training_clear(im->db, *r->record) < 0)
			return -1;
		im->records++;
	}
	if (!r->hist)
		return 0;
	if (dbq_legacy_training_put(im->db, *r->record, r->seq,
	    r->v[LC_H_DOMAIN], r->v[LC_H_FACILITY], r->v[LC_H_FROM],
	    r->v[LC_H_TO], r->v[LC_H_STATUS]) <= 0)
		return -1;
	im->periods++;
	return 0;
}

/* Import data into t, all or nothing.  0 ok, else the errors printed. */
static int
import_data(struct ctl *c, const struct tenant *t, const char *data,
    size_t len, const char *file, struct import *im)
{
	char	 detail[100];
	int	 nerr;

	memset(im, 0, sizeof(*im));
	im->db = c->db;
	im->t = t;
	if (db_begin(c->db) < 0)
		return -1;
	if ((nerr = legacy_parse(data, len, file, import_row, im,
	    stderr)) != 0) {
		db_rollback(c->db);
		if (nerr > 0)
			fprintf(stderr, "%s: %d row(s) in error, nothing "
			    "imported\n", file, nerr);
		return -1;
	}
	snprintf(detail, sizeof(detail), "%lld records, %lld periods",
	    im->records, im->periods);
	if (audit_log(c->db, t->slug, actor(), "legacy.import", file, "",
	    detail) < 0 || db_commit(c->db) < 0) {
		db_rollback(c->db);
		return -1;
	}
	return 0;
}

static const struct tenant *
register_tenant(const struct ctl *c, const char *slug)
{
	size_t	 i;

	for (i = 0; i < c->tenants->n; i++)
		if (strcmp(c->tenants->t[i].slug, slug) == 0) {
			if (tenant_has_feature(&c->tenants->t[i], "register"))
				return &c->tenants->t[i];
			fprintf(stderr, "shikakuctl: %s does not enable the "
			    "feature register\n", slug);
			return NULL;
		}
	fprintf(stderr, "shikakuctl: no tenant %s\n", slug);
	return NULL;
}

/* The whole file, NUL-terminated; *len its size.  NULL on error. */
static char *
read_file(const char *path, size_t *len)
{
	struct stat	 st;
	char		*data = NULL;
	ssize_t		 r;
	size_t		 got = 0;
	int		 fd;

	if ((fd = open(path, O_RDONLY)) == -1 || fstat(fd, &st) == -1) {
		fprintf(stderr, "shikakuctl: %s: %s\n", path, strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode) || st.st_size > IMPORT_MAX) {
		fprintf(stderr, "shikakuctl: %s: not a file of at most %d "
		    "bytes\n", path, IMPORT_MAX);
		goto out;
	}
	if ((data = malloc((size_t)st.st_size + 1)) == NULL)
		goto out;
	while (got < (size_t)st.st_size &&
	    (r = read(fd, data + got, (size_t)st.st_size - got)) > 0)
		got += (size_t)r;
	if (got != (size_t)st.st_size) {
		fprintf(stderr, "shikakuctl: %s: short read\n", path);
		free(data);
		data = NULL;
		goto out;
	}
	data[got] = '\0';
	*len = got;
out:
	if (fd != -1)
		close(fd);
	return data;
}

int
cmd_legacy_import(struct ctl *c, int argc, char **argv)
{
	const struct tenant	*t;
	struct import		 im;
	char			*data = NULL;
	size_t			 len = 0;
	int			 rc = 1;

	if (argc != 2) {
		fprintf(stderr, "usage: shikakuctl legacy import TENANT "
		    "FILE.csv\n");
		return 2;
	}
	if ((t = register_tenant(c, argv[0])) == NULL ||
	    (data = read_file(argv[1], &len)) == NULL)
		goto out;
	if (import_data(c, t, data, len, argv[1], &im) == -1)
		goto out;
	printf("%s: %lld records, %lld training periods\n", t->slug,
	    im.records, im.periods);
	rc = 0;
out:
	free(data);
	return rc;
}

/* ---- demo data ------------------------------------------------------- */

/*
 * Member records for demo accounts made by `demo accounts` (ctl_user.c),
 * found by their sign-in number: 会員情報 has something to show.
 */
static const struct demo_member {
	const char	*number;
	const char	*regno_date;
	const char	*v[PF__MAX];
} demo_members_tab[] = {
	{ "512345", "2024-04-18", { "佐藤 健太", "サトウ ケンタ",
	    "1997-06-03", "m",
	    "デモ医科大学附属病院 初期臨床研修プログラム",
	    "2026-03-31", "03-1234-5678", "100-0005", "13",
	    "千代田区丸の内1-1-1", "01" } },
};

static int
demo_member_one(struct ctl *c, struct dir *d, const struct tenant *t,
    const struct demo_member *m)
{
	struct dir_user	 u;
	int		 r;

	if ((r = dir_find_login(d, t, m->number, &u)) != 1)
		return r;	/* no such demo account here: nothing to do */
	if ((r = dbq_member_regno_taken(c->db, t->slug, m->number)) != 0)
		return r < 0 ? -1 : 0;
	r = dbq_member_add(c->db, t->slug, u.uid, m->number, m->regno_date, 0,
	    m->v, u.mail, NULL, 0);
	return r == DB_DUP ? 0 : r;
}

/*
 * `demo load` (demo.c): the sample legacy records and the demo member's
 * record, for every tenant that enables the feature.  Prints how to try
 * the migration with the accounts (stdout).  -1 on error.
 */
int
demo_members(struct ctl *c)
{
	const struct tenant	*t;
	struct import		 im;
	struct dir		*d = NULL;
	size_t			 i, k;
	int			 rc = 0;

	for (i = 0; i < c->tenants->n; i++) {
		t = &c->tenants->t[i];
		if (!tenant_has_feature(t, "register"))
			continue;
		if (import_data(c, t, demo_legacy_csv,
		    strlen(demo_legacy_csv), "demo legacy records",
		    &im) == -1) {
			rc = -1;
			continue;
		}
		fprintf(stderr, "demo members: %s: %lld legacy records\n",
		    t->slug, im.records);
		printf("%-11s %-21s %-30s %s\n", t->slug, "legacy-migration",
		    "L18-0001 legacy1@legacy.example", "1990-05-14");
		if (d == NULL && ((d = dir_open(c->cfg)) == NULL ||
		    dir_ping(d) != 1)) {
			fprintf(stderr, "demo members: directory "
			    "unreachable\n");
			rc = -1;
			break;
		}
		for (k = 0; k < NF(demo_members_tab); k++)
			if (demo_member_one(c, d, t, &demo_members_tab[k]) < 0)
				rc = -1;
	}
	dir_close(d);
	return rc;
}
