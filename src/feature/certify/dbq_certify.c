/*
 * dbq_certify.c — the SQL of the palliative certification
 * (sql/019_certify.sql).  Every statement is bound to the caller's
 * tenant; searches are LIKE on indexed prefixes or small registries
 * (tens of facilities and supervisors per society).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "certify.h"
#include "certify_int.h"

static void
cpy(char *dst, size_t len, const char *src)
{
	snprintf(dst, len, "%s", src != NULL ? src : "");
}

/* "%q%" with LIKE's own characters escaped. */
static void
like_pat(const char *q, char *out, size_t len, int prefix)
{
	size_t	 o = 0;

	if (!prefix && o + 1 < len)
		out[o++] = '%';
	for (; q != NULL && *q != '\0' && o + 3 < len; q++) {
		if (*q == '%' || *q == '_' || *q == '\\')
			out[o++] = '\\';
		out[o++] = *q;
	}
	out[o++] = '%';
	out[o] = '\0';
}

/* ---- facilities -------------------------------------------------------- */

enum { FC_ID, FC_CERT, FC_CODE, FC_NAME, FC_PREF, FC_KIND, FC_FROM, FC_TO,
	FC__MAX };
#define FAC_SEL "SELECT f.id, c.id, f.code, f.name, f.pref, c.kind, " \
	"DATE_FORMAT(c.valid_from, '%Y-%m-%d'), " \
	"DATE_FORMAT(c.valid_to, '%Y-%m-%d') FROM certify_facility f " \
	"JOIN certify_facility_cert c ON c.facility_id = f.id "

static int
fac_rows(struct dbres *r, struct certify_fac *out, size_t max)
{
	size_t	 i;
	int	 n = -1;

	if ((r = dbres_cols(r, FC__MAX)) == NULL)
		goto out;
	for (i = 0; i < r->nrows && i < max; i++) {
		memset(&out[i], 0, sizeof(out[i]));
		out[i].id = atoll(dbres_get(r, i, FC_ID));
		out[i].cert_id = atoll(dbres_get(r, i, FC_CERT));
		cpy(out[i].code, sizeof(out[i].code), dbres_get(r, i, FC_CODE));
		cpy(out[i].name, sizeof(out[i].name), dbres_get(r, i, FC_NAME));
		cpy(out[i].pref, sizeof(out[i].pref), dbres_get(r, i, FC_PREF));
		cpy(out[i].kind, sizeof(out[i].kind), dbres_get(r, i, FC_KIND));
		cpy(out[i].valid_from, sizeof(out[i].valid_from),
		    dbres_get(r, i, FC_FROM));
		cpy(out[i].valid_to, sizeof(out[i].valid_to),
		    dbres_get(r, i, FC_TO));
	}
	n = (int)i;
out:
	dbres_free(r);
	return n;
}

int
certify_facility_search(struct db *d, const char *tenant, const char *q,
    struct certify_fac *out, size_t max)
{
	char	 pat[256];

	like_pat(q, pat, sizeof(pat), 0);
	return fac_rows(db_select(d, FAC_SEL "WHERE f.tenant = ? AND "
	    "(f.code LIKE ? OR f.name LIKE ? OR f.kana LIKE ?) "
	    "ORDER BY f.kana, f.id, c.kind, c.valid_from LIMIT 200",
	    "ssss", tenant, pat, pat, pat), out, max);
}

int
certify_facility_cert_get(struct db *d, const char *tenant, long long cert,
    struct certify_fac *out)
{
	return fac_rows(db_select(d, FAC_SEL "WHERE f.tenant = ? AND "
	    "c.id = ?", "si", tenant, cert), out, 1);
}

/* ---- supervisors ------------------------------------------------------- */

enum { SP_ID, SP_NUMBER, SP_NAME, SP_KANA, SP_UID, SP_FROM, SP_TO,
	SP__MAX };
#define SUP_SEL "SELECT s.id, s.number, s.name, s.kana, s.uid, " \
	"DATE_FORMAT(s.valid_from, '%Y-%m-%d'), " \
	"DATE_FORMAT(s.valid_to, '%Y-%m-%d') FROM certify_supervisor s "

static int
sup_rows(struct dbres *r, struct certify_sup *out, size_t max)
{
	size_t	 i;
	int	 n = -1;

	if ((r = dbres_cols(r, SP__MAX)) == NULL)
		goto out;
	for (i = 0; i < r->nrows && i < max; i++) {
		memset(&out[i], 0, sizeof(out[i]));
		out[i].id = atoll(dbres_get(r, i, SP_ID));
		cpy(out[i].number, sizeof(out[i].number),
		    dbres_get(r, i, SP_NUMBER));
		cpy(out[i].name, sizeof(out[i].name), dbres_get(r, i, SP_NAME));
		cpy(out[i].kana, sizeof(out[i].kana), dbres_get(r, i, SP_KANA));
		cpy(out[i].uid, sizeof(out[i].uid), dbres_get(r, i, SP_UID));
		cpy(out[i].valid_from, sizeof(out[i].valid_from),
		    dbres_get(r, i, SP_FROM));
		cpy(out[i].valid_to, sizeof(out[i].valid_to),
		    dbres_get(r, i, SP_TO));
	}
	n = (int)i;
out:
	dbres_free(r);
	return n;
}

int
certify_supervisor_search(struct db *d, const char *tenant, const char *q,
    struct certify_sup *out, size_t max)
{
	char	 pat[256], pre[256];

	like_pat(q, pat, sizeof(pat), 0);
	like_pat(q, pre, sizeof(pre), 1);
	return sup_rows(db_select(d, SUP_SEL "WHERE s.tenant = ? AND "
	    "(s.number LIKE ? OR s.name LIKE ? OR s.kana LIKE ? OR "
	    "REPLACE(s.name, ' ', '') LIKE ? OR REPLACE(s.kana, ' ', '') "
	    "LIKE ?) ORDER BY s.kana, s.id LIMIT 200", "ssssss", tenant, pre,
	    pat, pat, pat, pat), out, max);
}

int
certify_supervisor_get(struct db *d, const char *tenant, long long id,
    struct certify_sup *out)
{
	return sup_rows(db_select(d, SUP_SEL "WHERE s.tenant = ? AND "
	    "s.id = ?", "si", tenant, id), out, 1);
}

/* The supervisor record of an account (症例承認). */
int
certify_supervisor_of(struct db *d, const char *tenant, const char *uid,
    struct certify_sup *out)
{
	return sup_rows(db_select(d, SUP_SEL "WHERE s.tenant = ? AND "
	    "s.uid = ?", "ss", tenant, uid), out, 1);
}

/* ---- exam sites -------------------------------------------------------- */

struct dbres *
dbq_certify_sites(struct db *d, const char *tenant)
{
	return dbres_cols(db_select(d, "SELECT id, code, name, sort, active "
	    "FROM certify_exam_site WHERE tenant = ? ORDER BY sort, code",
	    "s", tenant), SITE_COL__MAX);
}
