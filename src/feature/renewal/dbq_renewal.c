/*
 * dbq_renewal.c — the renewal's SQL (sql/020_renewal.sql), and what it
 * reads of the platform's tables: the certification record (certificate,
 * kind cert.kind.specialist), the member record, and the seminars the
 * credit service keeps (credit, credit_event; 018_credit.sql).  Every
 * statement is bound to the caller's tenant.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "renewal.h"

static void
cpy(char *dst, size_t len, const char *src)
{
	snprintf(dst, len, "%s", src != NULL ? src : "");
}

/* CERT_SEL's columns: the latest certificate and how many there are. */
enum { RC_NUMBER, RC_ISSUED, RC_EXPIRES, RC_COUNT, RC__MAX };

/* The certification record's columns and rows (dbq_renewal_cert(), the
 * PDF's statement): the latest not revoked, and how many. */
#define CERT_SEL "c.number, c.issued_on, COALESCE(c.expires_on, ''), " \
	"(SELECT COUNT(*) FROM certificate x WHERE x.tenant = c.tenant AND " \
	"x.uid = c.uid AND x.kind = c.kind AND x.revoked_at IS NULL)"
#define CERT_FROM "FROM certificate c WHERE c.tenant = ? AND c.uid = ? " \
	"AND c.kind = '" RENEWAL_CERT_KIND "' AND c.revoked_at IS NULL " \
	"ORDER BY c.issued_on DESC, c.id DESC LIMIT 1"

/* A certification record's row (columns RC_*) into rc: 1, 0 none. */
static int
cert_row(const struct dbres *r, struct renewal_cert *rc)
{
	memset(rc, 0, sizeof(*rc));
	if (r->nrows == 0)
		return 0;
	cpy(rc->number, sizeof(rc->number), dbres_get(r, 0, RC_NUMBER));
	cpy(rc->issued_on, sizeof(rc->issued_on), dbres_get(r, 0, RC_ISSUED));
	cpy(rc->expires_on, sizeof(rc->expires_on),
	    dbres_get(r, 0, RC_EXPIRES));
	rc->n = atoi(dbres_get(r, 0, RC_COUNT));
	rc->renewals = rc->n > 0 ? rc->n - 1 : 0;
	rc->next_fy = renewal_fy(rc->expires_on);
	return 1;
}

/*
 * The certification record (ONC-1): the latest specialist certificate
 * not revoked, and the count of them all (更新回数 is the earlier
 * ones).  1, 0 none, -1.
 */
int
dbq_renewal_cert(struct db *d, const char *tenant, const char *uid,
    struct renewal_cert *rc)
{
	struct dbres	*r;
	int		 k = -1;

	memset(rc, 0, sizeof(*rc));
	r = db_select(d, "SELECT " CERT_SEL " " CERT_FROM, "ss", tenant, uid);
	if ((r = dbres_cols(r, RC__MAX)) == NULL)
		goto out;
	k = cert_row(r, rc);
out:
	dbres_free(r);
	return k;
}

enum { RS_TITLE, RS_HELD, RS_SERIES, RS_UNITS, RS__MAX };

/* The seminars' columns, their rows and their order (ONC-9). */
#define SEM_SEL "e.title, e.held_on, COALESCE(e.series, ''), " \
	"CAST(SUM(c.units) AS SIGNED)"
#define SEM_FROM "FROM credit c JOIN credit_event e ON e.id = c.event_id " \
	"WHERE c.tenant = ? AND c.uid = ? AND e.tenant = c.tenant AND " \
	"e.kind = 'seminar' AND e.held_on BETWEEN ? AND ? " \
	"GROUP BY e.id, e.title, e.held_on, e.series"
#define SEM_ORDER "e.held_on, e.id"

/* Seminar rows (columns RS_*) into s, at most max: the count. */
static int
seminar_rows(const struct dbres *r, struct renewal_seminar *s, size_t max)
{
	size_t		 i;

	for (i = 0; i < r->nrows && i < max; i++) {
		cpy(s[i].title, sizeof(s[i].title), dbres_get(r, i, RS_TITLE));
		cpy(s[i].held_on, sizeof(s[i].held_on),
		    dbres_get(r, i, RS_HELD));
		cpy(s[i].series, sizeof(s[i].series),
		    dbres_get(r, i, RS_SERIES));
		s[i].units = atoll(dbres_get(r, i, RS_UNITS) ?
		    dbres_get(r, i, RS_UNITS) : "0");
	}
	return (int)i;
}

/*
 * The member's seminar credits held from..to (ONC-9): kind 'seminar' of
 * the credit service, oldest first.  The rows (dbq_renewal_sem_parse()
 * reads them; the worker may keep them, owncache.h), or NULL.
 */
struct dbres *
dbq_renewal_sem_read(struct db *d, const char *tenant, const char *uid,
    const char *from, const char *to)
{
	return dbres_cols(db_select(d, "SELECT " SEM_SEL " " SEM_FROM
	    " ORDER BY " SEM_ORDER, "ssss", tenant, uid, from, to), RS__MAX);
}

/* dbq_renewal_sem_read()'s rows into s, at most max: the count, or -1. */
int
dbq_renewal_sem_parse(const struct dbres *r, struct renewal_seminar *s,
    size_t max)
{
	return r == NULL || r->ncols != RS__MAX ? -1 : seminar_rows(r, s, max);
}

/* The member's base data for 履歴書 (ONC-5), with the society's facts. */
#define MEM_SEL "m.member_no, m.name_kanji, m.name_kana, m.sex, " \
	"m.birth_date, m.postal_code, m.pref, m.address, m.phone, m.email, " \
	"m.work_name, m.work_dept, m.work_postal, m.work_address, " \
	"m.work_phone, m.regno, m.regno_date, COALESCE(r.contact, 'work'), " \
	"r.joined_on, r.specialty"
#define MEM_FROM "FROM member m LEFT JOIN renewal_member r ON " \
	"r.tenant = m.tenant AND r.uid = m.uid WHERE m.tenant = ? AND " \
	"m.uid = ?"

struct dbres *
dbq_renewal_member(struct db *d, const char *tenant, const char *uid)
{
	return dbres_cols(db_select(d, "SELECT " MEM_SEL " " MEM_FROM, "ss",
	    tenant, uid), RMEM_COL__MAX);
}

/*
 * What the application's PDF reads beside the application (issue 10's
 * budget): the seminars of from..to (dbq_renewal_seminars()), the
 * member's base data (dbq_renewal_member()) and the certification
 * record (dbq_renewal_cert()) in one statement, a UNION ALL whose
 * column 0 names the part ('s', 'm', 'c') and column 1 orders the
 * seminars; the member's columns are the widest, the others padded.
 * The seminars' count (at most max), or -1; *member NULL on -1.
 */
#define PDF_PAD16 "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, " \
	"NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL"

int
dbq_renewal_pdf(struct db *d, const char *tenant, const char *uid,
    const char *from, const char *to, struct renewal_seminar *s, size_t max,
    struct dbres **member, struct renewal_cert *rc)
{
	struct dbres	*r, *p = NULL;
	int		 n = -1;

	*member = NULL;
	memset(rc, 0, sizeof(*rc));
	r = dbres_cols(db_select(d,
	    "SELECT 's', ROW_NUMBER() OVER (ORDER BY " SEM_ORDER "), "
	    SEM_SEL ", " PDF_PAD16 " " SEM_FROM " "
	    "UNION ALL SELECT 'm', 0, " MEM_SEL " " MEM_FROM " "
	    "UNION ALL (SELECT 'c', 0, " CERT_SEL ", " PDF_PAD16 " "
	    CERT_FROM ")",
	    "ssssssss", tenant, uid, from, to, tenant, uid, tenant, uid),
	    2 + RMEM_COL__MAX);
	r = dbres_sorted(r, 2, 0);
	if (r == NULL || (p = dbres_part(r, "c", 2, RC__MAX)) == NULL ||
	    (*member = dbres_part(r, "m", 2, RMEM_COL__MAX)) == NULL)
		goto out;
	cert_row(p, rc);
	dbres_free(p);
	if ((p = dbres_part(r, "s", 2, RS__MAX)) == NULL)
		goto out;
	n = seminar_rows(p, s, max);
out:
	if (n == -1) {
		dbres_free(*member);
		*member = NULL;
	}
	dbres_free(p);
	dbres_free(r);
	return n;
}

/* Is the member's contact address the home?  1, 0, -1. */
int
dbq_renewal_contact_home(struct db *d, const char *tenant, const char *uid)
{
	struct dbres	*r;
	const char	*v;
	int		 k = -1;

	r = db_select(d, "SELECT COUNT(*) FROM renewal_member WHERE "
	    "tenant = ? AND uid = ? AND contact = 'home'", "ss", tenant, uid);
	if (r != NULL && (v = dbres_scalar(r)) != NULL)
		k = atoi(v) > 0;
	dbres_free(r);
	return k;
}

/* お申込み (ONC-2): 1 made, DB_DUP one for the year already, -1. */
int
dbq_renewal_entry_put(struct db *d, const char *tenant, const char *uid,
    const char *kind, int year, const char *way, const char *now)
{
	return db_exec(d, "INSERT INTO renewal_entry (tenant, uid, kind, "
	    "year, way, created_at) VALUES (?, ?, ?, ?, ?, ?)", "sssiss",
	    tenant, uid, kind, (long long)year, way, now);
}

/* ---- the credit rules (renewal_rules.c) ------------------------------ */

/* The office's rules of a tenant: no row, or one (RR_* columns). */
struct dbres *
dbq_renewal_rules(struct db *d, const char *tenant)
{
	return dbres_cols(db_select(d, "SELECT needed, count_meeting, "
	    "count_paper, count_seminar, cap_meeting, cap_paper, cap_seminar, "
	    "updated_at, updated_by FROM renewal_rules WHERE tenant = ?", "s",
	    tenant), RR__MAX);
}

/* Save them (the triggers bump refdata_version).  >= 0, -1. */
int
dbq_renewal_rules_put(struct db *d, const char *tenant,
    const struct renewal_rules *r, const char *uid, const char *now)
{
	return db_exec(d, "INSERT INTO renewal_rules (tenant, needed, "
	    "count_meeting, count_paper, count_seminar, cap_meeting, "
	    "cap_paper, cap_seminar, updated_at, updated_by) VALUES (?, ?, ?, "
	    "?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE needed = "
	    "VALUES(needed), count_meeting = VALUES(count_meeting), "
	    "count_paper = VALUES(count_paper), count_seminar = "
	    "VALUES(count_seminar), cap_meeting = VALUES(cap_meeting), "
	    "cap_paper = VALUES(cap_paper), cap_seminar = VALUES(cap_seminar), "
	    "updated_at = VALUES(updated_at), updated_by = VALUES(updated_by)",
	    "siiiiiiiss", tenant, r->needed, (long long)r->count_meeting,
	    (long long)r->count_paper, (long long)r->count_seminar,
	    r->cap_meeting, r->cap_paper, r->cap_seminar, now, uid) < 0 ?
	    -1 : 0;
}

/* ---- the written exam (renewal_exam.c) ------------------------------- */

/*
 * 筆記試験 of year for uid, entered from offering kind, unless a pass of
 * that year or the year before spares it.  1 made, 0 spared, DB_DUP one
 * for the year already, -1.
 */
int
dbq_renewal_exam_put(struct db *d, const char *tenant, const char *uid,
    const char *kind, int year, long long fee, const char *now)
{
	return db_exec(d, "INSERT INTO renewal_exam (tenant, uid, kind, year, "
	    "fee, created_at) SELECT ?, ?, ?, ?, ?, ? FROM DUAL WHERE NOT "
	    "EXISTS (SELECT 1 FROM renewal_exam p WHERE p.tenant = ? AND "
	    "p.uid = ? AND p.result = 'pass' AND p.year BETWEEN ? - 1 AND ?)",
	    "sssiisssii", tenant, uid, kind, (long long)year, fee, now, tenant,
	    uid, (long long)year, (long long)year);
}

/*
 * The office's list (ONC-14): the exams of a year, by 受験番号, with the
 * member; q a member number or part of a name; id > 0: that one only.
 */
struct dbres *
dbq_renewal_exams(struct db *d, const char *tenant, int year, const char *q,
    long long id)
{
	return dbres_cols(db_select(d, "SELECT x.id, m.member_no, "
	    "m.name_kanji, x.kind, x.year, x.fee, x.paid_on, x.result, "
	    "x.score, x.created_at FROM renewal_exam x LEFT JOIN member m ON "
	    "m.tenant = x.tenant AND m.uid = x.uid WHERE x.tenant = ? AND "
	    "(? = 0 OR x.id = ?) AND (? <> 0 OR x.year = ?) AND (? = '' OR "
	    "m.member_no = ? OR m.name_kanji LIKE CONCAT('%', ?, '%') OR "
	    "m.name_kana LIKE CONCAT('%', ?, '%')) ORDER BY x.id LIMIT 1000",
	    "siiiissss", tenant, id, id, id, (long long)year, q ? q : "",
	    q ? q : "", q ? q : "", q ? q : ""), RX__MAX);
}

/* 受験料 confirmed: 1, 0 (not this tenant's, or paid already), -1. */
int
dbq_renewal_exam_pay(struct db *d, const char *tenant, long long id,
    const char *paid_on, const char *by, const char *now)
{
	return db_exec(d, "UPDATE renewal_exam SET paid_on = ?, paid_at = ?, "
	    "paid_by = ? WHERE tenant = ? AND id = ? AND paid_at IS NULL",
	    "ssssi", paid_on, now, by, tenant, id);
}

/* A result (score < 0: none): 1, 0 not this tenant's, -1. */
int
dbq_renewal_exam_result(struct db *d, const char *tenant, long long id,
    const char *result, int score, const char *by, const char *now)
{
	char	 sc[8];

	snprintf(sc, sizeof(sc), "%d", score);
	return db_exec(d, "UPDATE renewal_exam SET result = ?, score = "
	    "CAST(NULLIF(?, '-1') AS UNSIGNED), result_at = ?, result_by = ? "
	    "WHERE tenant = ? AND id = ?", "sssssi", result, sc, now, by,
	    tenant, id);
}

/* Every exam of the tenant by member number and year (the CSV's keys). */
struct dbres *
dbq_renewal_exam_keys(struct db *d, const char *tenant)
{
	/* With the stored result: only a change is mailed (issue 12). */
	return dbres_cols(db_select(d, "SELECT m.member_no, x.year, x.id, "
	    "x.result, COALESCE(x.score, -1) FROM renewal_exam x JOIN member "
	    "m ON m.tenant = x.tenant AND m.uid = x.uid WHERE x.tenant = ?",
	    "s", tenant), RK__MAX);
}

/*
 * The members to tell of their results (renewal_exam_result mail): the
 * exams of a JSON array of ids, with the record's address (the
 * database copy: no directory lookup per row), in one statement.
 */
struct dbres *
dbq_renewal_exam_mailto(struct db *d, const char *tenant, const char *ids)
{
	return dbres_cols(db_select(d, "SELECT x.id, m.email, m.name_kanji, "
	    "x.year, x.result, x.score, x.kind FROM renewal_exam x JOIN "
	    "JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT PATH '$')) j ON "
	    "j.id = x.id JOIN member m ON m.tenant = x.tenant AND "
	    "m.uid = x.uid WHERE x.tenant = ? ORDER BY x.id", "ss", ids,
	    tenant), RM__MAX);
}

/*
 * The CSV's rows in one statement: [{"id","result","score","paid"}],
 * score -1 none, paid "" none (a payment already confirmed is kept).
 */
int
dbq_renewal_exam_results_put(struct db *d, const char *tenant,
    const char *json, const char *by, const char *now)
{
	return db_exec(d, "UPDATE renewal_exam x JOIN JSON_TABLE(?, '$[*]' "
	    "COLUMNS (id BIGINT PATH '$.id', result VARCHAR(8) PATH "
	    "'$.result', score INT PATH '$.score', paid VARCHAR(10) PATH "
	    "'$.paid')) j ON j.id = x.id SET x.result = j.result, x.score = "
	    "IF(j.score < 0, NULL, j.score), x.result_at = ?, x.result_by = ?, "
	    "x.paid_on = IF(x.paid_at IS NULL AND j.paid <> '', j.paid, "
	    "x.paid_on), x.paid_by = IF(x.paid_at IS NULL AND j.paid <> '', ?, "
	    "x.paid_by), x.paid_at = IF(x.paid_at IS NULL AND j.paid <> '', ?, "
	    "x.paid_at) WHERE x.tenant = ?", "ssssss", json, now, by, by, now,
	    tenant) < 0 ? -1 : 0;
}

/* ---- demo data (demo_renewal.c) ------------------------------------- */

/* A demo specialist's member record: 1 made, 0 there already, -1. */
int
dbq_renewal_demo_member(struct db *d, const char *tenant, const char *uid,
    const char *no, const char *name, const char *kana, const char *mail,
    const char *contact)
{
	int	 k;

	k = db_exec(d, "INSERT IGNORE INTO member (tenant, uid, member_no, "
	    "name_kanji, name_kana, birth_date, phone, postal_code, pref, "
	    "address, email, work_name, work_dept, work_postal, work_address, "
	    "work_phone, activated_at) VALUES (?, ?, ?, ?, ?, '1975-04-01', "
	    "'03-5555-0000', '104-0045', '13', '中央区築地5-1-1 デモ町', ?, "
	    "'デモがん研究センター', '腫瘍内科', '104-0045', "
	    "'東京都中央区築地5-1-1', '03-5555-0100', NOW())", "ssssss",
	    tenant, uid, no, name, kana, mail);
	if (k <= 0)
		return k;
	return db_exec(d, "INSERT IGNORE INTO renewal_member (tenant, uid, "
	    "contact, joined_on, specialty) VALUES (?, ?, ?, '2006-04-01', "
	    "'腫瘍内科')", "sss", tenant, uid, contact) < 0 ? -1 : 1;
}

/* The demo member's society facts (home contact): 1 made, 0 there. */
int
dbq_renewal_demo_extra(struct db *d, const char *tenant, const char *uid)
{
	return db_exec(d, "INSERT IGNORE INTO renewal_member (tenant, uid, "
	    "contact, joined_on, specialty) VALUES (?, ?, 'home', "
	    "'2010-04-01', '腫瘍内科')", "ss", tenant, uid);
}

/*
 * A demo sitting of 筆記試験: result, and 受験料 paid on paid_on (NULL:
 * unpaid).  >= 0, -1.
 */
int
dbq_renewal_demo_exam(struct db *d, const char *tenant, const char *uid,
    const char *kind, int year, const char *result, const char *paid_on,
    const char *now)
{
	return db_exec(d, "INSERT IGNORE INTO renewal_exam (tenant, uid, "
	    "kind, year, fee, created_at, paid_on, paid_at, paid_by, result, "
	    "score, result_at, result_by) VALUES (?, ?, ?, ?, 10000, ?, ?, "
	    "IF(? IS NULL, NULL, ?), IF(? IS NULL, NULL, 'ctl:demo'), ?, "
	    "IF(? = 'pass', 82, IF(? = 'fail', 48, NULL)), IF(? = 'pending', "
	    "NULL, ?), IF(? = 'pending', NULL, 'ctl:demo'))",
	    "sssisssssssssss", tenant, uid, kind, (long long)year, now, paid_on,
	    paid_on, now, paid_on, result, result, result, result, now,
	    result);
}

/* The uid of a member number.  1, 0 none, -1. */
int
dbq_renewal_demo_uid(struct db *d, const char *tenant, const char *no,
    char *uid, size_t len)
{
	struct dbres	*r;
	int		 k = -1;

	r = db_select(d, "SELECT uid FROM member WHERE tenant = ? AND "
	    "member_no = ?", "ss", tenant, no);
	if (r != NULL) {
		k = dbres_scalar(r) != NULL;
		if (k)
			cpy(uid, len, dbres_scalar(r));
	}
	dbres_free(r);
	return k;
}

/* A seminar (the credit service's event): its id, -1. */
long long
dbq_renewal_demo_event(struct db *d, const char *tenant, const char *number,
    const char *title, const char *series, const char *on, int units)
{
	struct dbres	*r;
	long long	 id = -1;

	if (db_exec(d, "INSERT IGNORE INTO credit_event (tenant, number, "
	    "title, kind, series, held_on, place, organizer_uid, units) "
	    "VALUES (?, ?, ?, 'seminar', ?, ?, '東京', 'ctl:demo', ?)",
	    "sssssi", tenant, number, title, series, on, (long long)units) < 0)
		return -1;
	r = db_select(d, "SELECT id FROM credit_event WHERE tenant = ? AND "
	    "number = ?", "ss", tenant, number);
	if (r != NULL && dbres_scalar(r) != NULL)
		id = atoll(dbres_scalar(r));
	dbres_free(r);
	return id;
}

/* Attendance as a credit of the event.  >=0, -1. */
int
dbq_renewal_demo_credit(struct db *d, const char *tenant, const char *uid,
    long long event, int units, const char *on)
{
	if (db_exec(d, "INSERT IGNORE INTO credit_attendance (event_id, uid) "
	    "VALUES (?, ?)", "is", event, uid) < 0)
		return -1;
	return db_exec(d, "INSERT IGNORE INTO credit (tenant, uid, source, "
	    "event_id, units, earned_on, title) SELECT ?, ?, 'event', id, ?, "
	    "?, title FROM credit_event WHERE id = ?", "ssisi", tenant, uid,
	    (long long)units, on, event);
}

/* The live application of uid in window win: its id, 0, -1. */
long long
dbq_renewal_demo_app(struct db *d, const char *tenant, const char *uid,
    long long win)
{
	struct dbres	*r;
	long long	 id = -1;

	r = db_select(d, "SELECT id FROM app WHERE tenant = ? AND uid = ? "
	    "AND offering_id = ? AND live = 1", "ssi", tenant, uid, win);
	if (r != NULL)
		id = dbres_scalar(r) != NULL ? atoll(dbres_scalar(r)) : 0;
	dbres_free(r);
	return id;
}
