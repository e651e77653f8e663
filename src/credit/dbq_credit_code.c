/*
 * dbq_credit_code.c — the SQL of the tenant admin's curriculum codes
 * (credit_codes.c; 018_credit.sql, 028_cme_admin.sql).  Every statement
 * is bound to the caller's tenant.
 */
#include <stdio.h>

#include "credit.h"
#include "credit_int.h"
#include "db.h"

/*
 * [{"code","name","sort"}]: codes added or renamed, in one statement.
 * credit_code's triggers bump refdata_version.
 */
int
dbq_credit_codes_put(struct db *d, const char *tenant, const char *json)
{
	return db_exec(d, "INSERT INTO credit_code (tenant, code, name, sort) "
	    "SELECT ?, j.code, j.name, j.sort FROM JSON_TABLE(?, '$[*]' "
	    "COLUMNS (code VARCHAR(8) PATH '$.code', name VARCHAR(100) PATH "
	    "'$.name', sort INT PATH '$.sort')) j ON DUPLICATE KEY UPDATE "
	    "name = VALUES(name), sort = VALUES(sort)", "ss", tenant,
	    json) < 0 ? -1 : 0;
}

/* How many credits name each code: enum CUSE_*. */
struct dbres *
dbq_credit_code_use(struct db *d, const char *tenant)
{
	return dbres_cols(db_select(d, "SELECT code, COUNT(*) FROM credit "
	    "WHERE tenant = ? AND code IS NOT NULL GROUP BY code", "s",
	    tenant), CUSE__MAX);
}
