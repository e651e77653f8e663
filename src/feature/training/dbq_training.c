/*
 * dbq_training.c — what training reads of the recruitment records (its
 * data, never its code: sql/005_program.sql, sql/006_recruit.sql): the
 * resident's accepted program, its base and partner facilities, and
 * the accepted residents (demo).  Every statement is bound to the
 * caller's tenant.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "training.h"

/* PROG_SEL's columns. */
enum { TP_ID, TP_CODE, TP_NAME, TP_DOMAIN, TP_YEARS, TP_DIRECTOR, TP_YEAR,
	TP__MAX };
#define PROG_SEL "SELECT p.id, p.code, p.name, p.domain, p.years, " \
	"p.director_uid, a.year FROM application a " \
	"JOIN program p ON p.id = a.program_id "

/* FAC columns. */
enum { FA_ID, FA_NAME, FA__MAX };

static int
program_row(struct dbres *r, struct tprogram *p)
{
	const char	*v;
	int		 rc = -1;

	memset(p, 0, sizeof(*p));
	if ((r = dbres_cols(r, TP__MAX)) == NULL)
		goto out;
	rc = 0;
	if (r->nrows == 0)
		goto out;
	p->id = atoll(dbres_get(r, 0, TP_ID));
	snprintf(p->code, sizeof(p->code), "%s", dbres_get(r, 0, TP_CODE));
	snprintf(p->name, sizeof(p->name), "%s", dbres_get(r, 0, TP_NAME));
	snprintf(p->domain, sizeof(p->domain), "%s",
	    dbres_get(r, 0, TP_DOMAIN));
	p->years = atoi(dbres_get(r, 0, TP_YEARS));
	v = dbres_get(r, 0, TP_DIRECTOR);
	snprintf(p->director_uid, sizeof(p->director_uid), "%s",
	    v != NULL ? v : "");
	p->year = atoi(dbres_get(r, 0, TP_YEAR));
	rc = 1;
out:
	dbres_free(r);
	return rc;
}

/* The resident's accepted program (the latest).  1, 0 none, -1. */
int
dbq_training_program(struct db *d, const char *tenant, const char *uid,
    struct tprogram *p)
{
	return program_row(db_select(d, PROG_SEL "WHERE a.tenant = ? AND "
	    "a.uid = ? AND a.state = 'accepted' ORDER BY a.year DESC, a.id "
	    "DESC LIMIT 1", "ss", tenant, uid), p);
}

/*
 * dbq_training_program() and dbq_training_facilities() of that program
 * in one statement (issue 10: a resident's application pages were at
 * 4): a UNION ALL whose column 0 says 'p' (the program, PROG_SEL's
 * columns from column 2) or 'f' (a facility: id, name), column 1 the
 * facilities' order for dbres_sorted() (the base first, 0; then the
 * partners by seq and id as text: a ROW_NUMBER() cost MariaDB a
 * temporary table of its own).  *nfac: the facilities kept.
 * 1, 0 no accepted program (*nfac 0), -1.
 */
int
dbq_training_program_with(struct db *d, const char *tenant,
    const char *uid, struct tprogram *p, struct tfacility *out, size_t max,
    int *nfac)
{
	struct dbres	*r, *pr = NULL;
	size_t		 i, n = 0;
	int		 rc = -1;

	*nfac = 0;
	r = dbres_cols(db_select(d, "WITH pg AS (SELECT p.id, p.code, "
	    "p.name, p.domain, p.years, p.director_uid, a.year, "
	    "p.base_facility_id FROM application a JOIN program p ON p.id = "
	    "a.program_id WHERE a.tenant = ? AND a.uid = ? AND a.state = "
	    "'accepted' ORDER BY a.year DESC, a.id DESC LIMIT 1) "
	    "SELECT 'p', 0, id, code, name, domain, years, director_uid, "
	    "year FROM pg UNION ALL SELECT 'f', 0, f.id, f.name, NULL, NULL, "
	    "NULL, NULL, NULL FROM pg JOIN facility f ON f.id = "
	    "pg.base_facility_id UNION ALL SELECT 'f', CONCAT(LPAD(pp.seq + "
	    "32768, 5, '0'), LPAD(f.id, 20, '0')), f.id, f.name, NULL, NULL, "
	    "NULL, NULL, "
	    "NULL FROM pg JOIN program_partner pp ON pp.program_id = pg.id "
	    "JOIN facility f ON f.id = pp.facility_id",
	    "ss", tenant, uid), 2 + TP__MAX);
	r = dbres_sorted(r, 2, 1);
	if (r == NULL)
		goto out;
	if ((pr = dbres_part(r, "p", 2, TP__MAX)) == NULL)
		goto out;
	/* program_row() frees pr. */
	rc = program_row(pr, p);
	pr = NULL;
	for (i = 0; rc == 1 && i < r->nrows && n < max; i++) {
		if (strcmp(dbres_get(r, i, DBRES_PART_TAG), "f") != 0)
			continue;
		out[n].id = atoll(dbres_get(r, i, 2 + FA_ID));
		snprintf(out[n].name, sizeof(out[n].name), "%s",
		    dbres_get(r, i, 2 + FA_NAME));
		n++;
	}
	*nfac = (int)n;
out:
	dbres_free(r);
	return rc;
}

/*
 * A program by id, with the accepted year of its resident: the scope of
 * an application's stages comes from its ref (the program id).
 */
int
dbq_training_program_get(struct db *d, const char *tenant, long long id,
    struct tprogram *p)
{
	return program_row(db_select(d, "SELECT p.id, p.code, p.name, "
	    "p.domain, p.years, p.director_uid, 0 FROM program p "
	    "WHERE p.tenant = ? AND p.id = ?", "si", tenant, id), p);
}

/* The base facility, then the partners in their order.  Count, or -1. */
int
dbq_training_facilities(struct db *d, const char *tenant, long long pid,
    struct tfacility *out, size_t max)
{
	struct dbres	*r;
	size_t		 i;
	int		 n = -1;

	r = dbres_cols(db_select(d, "SELECT f.id, f.name FROM program p "
	    "JOIN facility f ON f.id = p.base_facility_id "
	    "WHERE p.tenant = ? AND p.id = ? UNION ALL "
	    "SELECT * FROM (SELECT f.id, f.name FROM program_partner pp "
	    "JOIN program p ON p.id = pp.program_id "
	    "JOIN facility f ON f.id = pp.facility_id "
	    "WHERE p.tenant = ? AND p.id = ? ORDER BY pp.seq, f.id) x",
	    "sisi", tenant, pid, tenant, pid), FA__MAX);
	if (r == NULL)
		goto out;
	for (i = 0; i < r->nrows && i < max; i++) {
		out[i].id = atoll(dbres_get(r, i, FA_ID));
		snprintf(out[i].name, sizeof(out[i].name), "%s",
		    dbres_get(r, i, FA_NAME));
	}
	n = (int)i;
out:
	dbres_free(r);
	return n;
}

struct dbres *
dbq_training_residents(struct db *d, const char *tenant)
{
	return dbres_cols(db_select(d, "SELECT a.uid, m.regno, "
	    "m.name_kanji FROM application a LEFT JOIN member m ON "
	    "m.tenant = a.tenant AND m.uid = a.uid WHERE a.tenant = ? AND "
	    "a.state = 'accepted' ORDER BY a.id", "s", tenant),
	    TRES_COL__MAX);
}
