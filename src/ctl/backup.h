/*
 * backup.h — shikakuctl's backup, restore and tenant export (OPS-4):
 * the external tools they run and the statements they need.
 */
#ifndef SHIKAKU_BACKUP_H
#define SHIKAKU_BACKUP_H

#include <stdio.h>

#include "db.h"

struct config;

/*
 * Run ARGV (PATH search), stdin from IN (NULL: /dev/null), stdout to
 * OUT (NULL: /dev/null; created 0600, appended when APPEND), stderr to
 * ERR (NULL: ours).  0 when it exited 0, else -1 (reason on stderr).
 */
int	 run_tool(const char *const [], const char *, const char *, int,
	    const char *);

/*
 * A client option file for mariadb/mariadb-dump holding the config's
 * credentials (mode 0600 in $TMPDIR): the password never appears on a
 * command line, in the environment or in a log; its host is the node
 * the db connection reached (db_node()).  Remove with
 * db_optfile_remove().  0, -1.
 */
int	 db_optfile(const struct config *, const struct db *, char *,
	    size_t);
void	 db_optfile_remove(const char *);

/* ldap_admin_dn and its password file are set, else -1 (said why) */
int	 need_ldap_admin(const struct config *);

/* dbq_backup.c */
long long	 dbq_table_count(struct db *);
/* Columns of dbq_upload_hashes(): every upload, by id. */
enum upload_hash_col {
	UPLOAD_HASH_ID,
	UPLOAD_HASH_TENANT,
	UPLOAD_HASH_SHA256,
	UPLOAD_HASH_SIZE,
	UPLOAD_HASH__MAX
};
struct dbres	*dbq_upload_hashes(struct db *);
/* Columns of dbq_tenant_uploads(): one tenant's uploads with bytes. */
enum tenant_upload_col {
	TENANT_UPLOAD_ID,
	TENANT_UPLOAD_CTYPE,
	TENANT_UPLOAD_SHA256,
	TENANT_UPLOAD_DATA,
	TENANT_UPLOAD__MAX
};
struct dbres	*dbq_tenant_uploads(struct db *, const char *, long long,
		    long long);
/* Columns of dbq_table_scopes(): how a table is tied to a tenant. */
enum table_scope_col {
	TABLE_SCOPE_NAME,
	TABLE_SCOPE_TENANT_COL,	/* "tenant", "slug" or NULL */
	TABLE_SCOPE_FK_COL,	/* when NULL above: a column ... */
	TABLE_SCOPE_PARENT,	/* ... referring to this table's ... */
	TABLE_SCOPE_PARENT_COL,	/* ... column */
	TABLE_SCOPE__MAX
};
struct dbres	*dbq_table_scopes(struct db *);

#endif
