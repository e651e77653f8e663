/*
 * dbq_registry.c — the registries' writes and the staff's reads (PAL-12).
 * A write takes every row as one JSON array, unpacked by JSON_TABLE on
 * the server: an import of 500 supervisors is one statement, and a
 * form's save is the same statement with one row (one code path).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "db.h"
#include "certify.h"
#include "certify_int.h"

/* [{"code","name","sort","active"}] */
int
dbq_sites_put(struct db *d, const char *tenant, const char *json)
{
	return db_exec(d, "INSERT INTO certify_exam_site (tenant, code, name, "
	    "sort, active) SELECT ?, j.code, j.name, j.sort, j.active FROM "
	    "JSON_TABLE(?, '$[*]' COLUMNS (code VARCHAR(16) PATH '$.code', "
	    "name VARCHAR(100) PATH '$.name', sort INT PATH '$.sort', "
	    "active TINYINT PATH '$.active')) j ON DUPLICATE KEY UPDATE "
	    "name = VALUES(name), sort = VALUES(sort), "
	    "active = VALUES(active)", "ss", tenant, json) < 0 ? -1 : 0;
}

/*
 * [{"code","name","kana","pref","certs":[{"kind","from","to"}]}]: the
 * facilities upserted by code, their certifications replaced.
 */
int
dbq_facilities_put(struct db *d, const char *tenant, const char *json)
{
	if (db_exec(d, "INSERT INTO certify_facility (tenant, code, name, "
	    "kana, pref) SELECT ?, j.code, j.name, j.kana, j.pref FROM "
	    "JSON_TABLE(?, '$[*]' COLUMNS (code VARCHAR(16) PATH '$.code', "
	    "name VARCHAR(200) PATH '$.name', kana VARCHAR(200) PATH '$.kana', "
	    "pref CHAR(2) PATH '$.pref')) j ON DUPLICATE KEY UPDATE "
	    "name = VALUES(name), kana = VALUES(kana), pref = VALUES(pref)",
	    "ss", tenant, json) < 0)
		return -1;
	if (db_exec(d, "DELETE c FROM certify_facility_cert c JOIN "
	    "certify_facility f ON f.id = c.facility_id JOIN JSON_TABLE(?, "
	    "'$[*]' COLUMNS (code VARCHAR(16) PATH '$.code')) j ON "
	    "j.code = f.code WHERE f.tenant = ?", "ss", json, tenant) < 0)
		return -1;
	return db_exec(d, "INSERT INTO certify_facility_cert (tenant, "
	    "facility_id, kind, valid_from, valid_to) SELECT ?, f.id, j.kind, "
	    "j.vfrom, j.vto FROM JSON_TABLE(?, '$[*]' COLUMNS (code "
	    "VARCHAR(16) PATH '$.code', NESTED PATH '$.certs[*]' COLUMNS ("
	    "kind VARCHAR(16) PATH '$.kind', vfrom DATE PATH '$.from', "
	    "vto DATE PATH '$.to'))) j JOIN certify_facility f ON "
	    "f.tenant = ? AND f.code = j.code WHERE j.kind IS NOT NULL",
	    "sss", tenant, json, tenant) < 0 ? -1 : 0;
}

/* [{"number","name","kana","uid"|null,"from","to"}] */
int
dbq_supervisors_put(struct db *d, const char *tenant, const char *json)
{
	return db_exec(d, "INSERT INTO certify_supervisor (tenant, number, "
	    "name, kana, uid, valid_from, valid_to) SELECT ?, j.number, "
	    "j.name, j.kana, NULLIF(j.uid, ''), j.vfrom, j.vto FROM "
	    "JSON_TABLE(?, '$[*]' COLUMNS (number VARCHAR(32) PATH "
	    "'$.number', name VARCHAR(100) PATH '$.name', kana VARCHAR(100) "
	    "PATH '$.kana', uid VARCHAR(64) PATH '$.uid', vfrom DATE PATH "
	    "'$.from', vto DATE PATH '$.to')) j ON DUPLICATE KEY UPDATE "
	    "name = VALUES(name), kana = VALUES(kana), uid = VALUES(uid), "
	    "valid_from = VALUES(valid_from), valid_to = VALUES(valid_to)",
	    "ss", tenant, json) < 0 ? -1 : 0;
}

/* [{"uid","fy","paid","amount"}] */
int
dbq_dues_put(struct db *d, const char *tenant, const char *json)
{
	return db_exec(d, "INSERT INTO certify_dues (tenant, uid, fy, "
	    "paid_on, amount) SELECT ?, j.uid, j.fy, j.paid, j.amount FROM "
	    "JSON_TABLE(?, '$[*]' COLUMNS (uid VARCHAR(64) PATH '$.uid', "
	    "fy INT PATH '$.fy', paid DATE PATH '$.paid', amount INT PATH "
	    "'$.amount')) j ON DUPLICATE KEY UPDATE paid_on = VALUES(paid_on), "
	    "amount = VALUES(amount)", "ss", tenant, json) < 0 ? -1 : 0;
}

/* [{"uid","joined","case","exam"}] */
int
dbq_memberships_put(struct db *d, const char *tenant, const char *json)
{
	return db_exec(d, "INSERT INTO certify_membership (tenant, uid, "
	    "joined_on, case_exempt, exam_exempt) SELECT ?, j.uid, j.joined, "
	    "j.ce, j.ee FROM JSON_TABLE(?, '$[*]' COLUMNS (uid VARCHAR(64) "
	    "PATH '$.uid', joined DATE PATH '$.joined', ce TINYINT PATH "
	    "'$.case', ee TINYINT PATH '$.exam')) j ON DUPLICATE KEY UPDATE "
	    "joined_on = VALUES(joined_on), case_exempt = VALUES(case_exempt), "
	    "exam_exempt = VALUES(exam_exempt)", "ss", tenant, json) < 0 ?
	    -1 : 0;
}

/*
 * The staff's view of a registry: id, then the cells in the order of its
 * import's columns (dates YYYY-MM-DD, a facility's certifications as
 * "kind:from:to;…", a supervisor's account as its member number).  The
 * statements are literals: the data layer keeps them prepared by their
 * text's address.
 */
#define SITES_SEL "SELECT x.id, x.code, x.name, x.sort, x.active FROM " \
	"certify_exam_site x WHERE x.tenant = ?"
#define FACS_SEL "SELECT x.id, x.code, x.name, x.kana, x.pref, " \
	"(SELECT GROUP_CONCAT(CONCAT(c.kind, ':', c.valid_from, ':', " \
	"c.valid_to) ORDER BY c.kind, c.valid_from SEPARATOR ';') FROM " \
	"certify_facility_cert c WHERE c.facility_id = x.id) FROM " \
	"certify_facility x WHERE x.tenant = ?"
#define SUPS_SEL "SELECT x.id, x.number, x.name, x.kana, m.member_no, " \
	"DATE_FORMAT(x.valid_from, '%Y-%m-%d'), " \
	"DATE_FORMAT(x.valid_to, '%Y-%m-%d') FROM certify_supervisor x " \
	"LEFT JOIN member m ON m.tenant = x.tenant AND m.uid = x.uid " \
	"WHERE x.tenant = ?"

static const struct {
	const char	*name;
	const char	*by_id;		/* tenant, id */
	const char	*by_q;		/* tenant, then the pattern npat times */
	int		 npat;
	size_t		 ncols;
} regs[] = {
	{ "sites", SITES_SEL " AND x.id = ?", SITES_SEL " AND (x.code LIKE ? "
	    "OR x.name LIKE ?) ORDER BY x.sort, x.code LIMIT 1000", 2, 5 },
	{ "facilities", FACS_SEL " AND x.id = ?", FACS_SEL " AND (x.code LIKE "
	    "? OR x.name LIKE ? OR x.kana LIKE ?) ORDER BY x.kana, x.code "
	    "LIMIT 1000", 3, 6 },
	{ "supervisors", SUPS_SEL " AND x.id = ?", SUPS_SEL " AND (x.number "
	    "LIKE ? OR x.name LIKE ? OR x.kana LIKE ?) ORDER BY x.kana, "
	    "x.number LIMIT 1000", 3, 7 },
};

struct dbres *
dbq_registry(struct db *d, const char *tenant, const char *reg, long long id,
    const char *q)
{
	char	 pat[210];
	size_t	 i;

	for (i = 0; i < sizeof(regs) / sizeof(regs[0]); i++)
		if (strcmp(regs[i].name, reg) == 0)
			break;
	if (i == sizeof(regs) / sizeof(regs[0]))
		return NULL;
	if (id > 0)
		return dbres_cols(db_select(d, regs[i].by_id, "si", tenant, id),
		    regs[i].ncols);
	snprintf(pat, sizeof(pat), "%%%s%%", q != NULL ? q : "");
	if (regs[i].npat == 3)
		return dbres_cols(db_select(d, regs[i].by_q, "ssss", tenant,
		    pat, pat, pat), regs[i].ncols);
	return dbres_cols(db_select(d, regs[i].by_q, "sss", tenant, pat,
	    pat), regs[i].ncols);
}

struct dbres *
dbq_member_numbers(struct db *d, const char *tenant)
{
	return dbres_cols(db_select(d, "SELECT member_no, uid FROM member "
	    "WHERE tenant = ? AND member_no IS NOT NULL ORDER BY member_no",
	    "s", tenant), MEMNO_COL__MAX);
}

/* ---- the demo (demo_certify.c) ----------------------------------------- */

/* [{"uid","no","kanji","kana","mail","pref"}]: records, kept if there. */
int
dbq_demo_members_put(struct db *d, const char *tenant, const char *json)
{
	return db_exec(d, "INSERT IGNORE INTO member (tenant, uid, member_no, "
	    "name_kanji, name_kana, birth_date, email, phone, postal_code, "
	    "pref, address, activated_at) SELECT ?, j.uid, j.no, j.kanji, "
	    "j.kana, '1980-01-01', j.mail, '03-5555-0000', '100-0001', j.pref, "
	    "'デモ市1-1-1', NOW() FROM JSON_TABLE(?, '$[*]' COLUMNS ("
	    "uid VARCHAR(64) PATH '$.uid', no VARCHAR(32) PATH '$.no', "
	    "kanji VARCHAR(100) PATH '$.kanji', kana VARCHAR(100) PATH "
	    "'$.kana', mail VARCHAR(254) PATH '$.mail', pref CHAR(2) PATH "
	    "'$.pref')) j", "ss", tenant, json) < 0 ? -1 : 0;
}

/*
 * [{"uid","sup","age","sex","diag","setting","from","to","state",
 * "comment"}]: only for members with no case report yet (idempotent).
 */
int
dbq_demo_cases_put(struct db *d, const char *tenant, const char *json,
    const char *now)
{
	return db_exec(d, "INSERT INTO certify_case (tenant, uid, "
	    "supervisor_id, age_band, sex, diagnosis, setting, period_from, "
	    "period_to, summary, state, comment, created_at, updated_at, "
	    "decided_at) SELECT ?, j.uid, s.id, j.age, j.sex, j.diag, "
	    "j.setting, j.pfrom, j.pto, CONCAT(j.diag, 'の患者。疼痛と呼吸困難に"
	    "対し、オピオイドの導入と調整、家族への説明と療養場所の選択を支援した。'), "
	    "j.state, NULLIF(j.comment, ''), ?, ?, IF(j.state = 'submitted', "
	    "NULL, ?) FROM JSON_TABLE(?, '$[*]' COLUMNS (uid VARCHAR(64) PATH "
	    "'$.uid', sup VARCHAR(32) PATH '$.sup', age VARCHAR(8) PATH "
	    "'$.age', sex VARCHAR(1) PATH '$.sex', diag VARCHAR(200) PATH "
	    "'$.diag', setting VARCHAR(16) PATH '$.setting', pfrom CHAR(7) "
	    "PATH '$.from', pto CHAR(7) PATH '$.to', state VARCHAR(12) PATH "
	    "'$.state', comment VARCHAR(400) PATH '$.comment')) j JOIN "
	    "certify_supervisor s ON s.tenant = ? AND s.number = j.sup "
	    "WHERE NOT EXISTS (SELECT 1 FROM certify_case k WHERE "
	    "k.tenant = ? AND k.uid = j.uid)", "sssssss", tenant, now, now,
	    now, json, tenant, tenant) < 0 ? -1 : 0;
}
