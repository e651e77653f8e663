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

/* FAC columns. */
enum { FA_ID, FA_NAME, FA__MAX };

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
