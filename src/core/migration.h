/*
 * migration.h — the migrations a datadir ships (sqldir/NNN_name.sql):
 * what `shikakuctl migrate` applies and what central IT's console
 * compares with schema_migration (OPS-1).
 */
#ifndef SHIKAKU_MIGRATION_H
#define SHIKAKU_MIGRATION_H

#include <stddef.h>

#include "sha256.h"

struct migration {
	long long	 version;		/* NNN */
	char		*name;			/* NNN_name.sql */
	char		 sha256[SHA256_HEXLEN + 1];	/* "" if unreadable */
};

struct migrations {
	size_t			 n;
	struct migration	*m;		/* in name order */
};

int			 migration_name(const char *);
struct migrations	*migrations_scan(const char *, int);
void			 migrations_free(struct migrations *);

#endif
