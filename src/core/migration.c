/*
 * migration.c — list sqldir's migrations in the order they apply.  One
 * list for `shikakuctl migrate` and for the console (OPS-1), so that
 * both agree on which files are migrations.
 */
#include <dirent.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "migration.h"

/* NNN_name.sql: anything else in sqldir (a README) is not applied. */
int
migration_name(const char *n)
{
	size_t	 l = strlen(n);

	return l > 8 && isdigit((unsigned char)n[0]) &&
	    isdigit((unsigned char)n[1]) && isdigit((unsigned char)n[2]) &&
	    n[3] == '_' && strcmp(n + l - 4, ".sql") == 0;
}

static int
name_cmp(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int
filter(const struct dirent *d)
{
	return migration_name(d->d_name);
}

/*
 * The migrations of dir in name order, each file's SHA-256 when sums
 * is set (the same sum as schema_migration.checksum, SHA2() of the
 * text).  NULL when dir cannot be read or memory runs out.
 */
struct migrations *
migrations_scan(const char *dir, int sums)
{
	struct dirent		**ents = NULL;
	struct migrations	 *ms = NULL;
	char			  path[1024];
	int			  n, i, ok = 0;

	if ((n = scandir(dir, &ents, filter, name_cmp)) < 0) {
		n = 0;
		goto out;
	}
	if ((ms = calloc(1, sizeof(*ms))) == NULL ||
	    (n > 0 && (ms->m = calloc(n, sizeof(*ms->m))) == NULL))
		goto out;
	for (i = 0; i < n; i++) {
		/* Counted first so that migrations_free() sees the name. */
		ms->n++;
		ms->m[i].version = atoll(ents[i]->d_name);
		if ((ms->m[i].name = strdup(ents[i]->d_name)) == NULL)
			goto out;
		snprintf(path, sizeof(path), "%s/%s", dir, ents[i]->d_name);
		if (sums && sha256_file(path, ms->m[i].sha256) == -1)
			ms->m[i].sha256[0] = '\0';
	}
	ok = 1;
out:
	for (i = 0; i < n; i++)
		free(ents[i]);
	free(ents);
	if (!ok) {
		migrations_free(ms);
		ms = NULL;
	}
	return ms;
}

void
migrations_free(struct migrations *ms)
{
	size_t	 i;

	if (ms != NULL) {
		for (i = 0; i < ms->n; i++)
			free(ms->m[i].name);
		free(ms->m);
		free(ms);
	}
}
