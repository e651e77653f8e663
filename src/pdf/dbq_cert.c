/*
 * dbq_cert.c — the certificate table's statements (sql/013_certificate.sql).
 * Every query is bound to the request's tenant.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cert.h"
#include "db.h"

#define CERT_SEL "SELECT " CERT_COLS " FROM certificate "

/*
 * The row with the tenant's next number, in the caller's transaction:
 * the tenant's last row is locked, so two issues wait for each other;
 * a clash on the code (2^-128) or the number meets a unique key and the
 * caller's transaction fails.  1 ok, -1 error.
 */
int
dbq_cert_insert(struct db *d, const char *tenant, const char *uid,
    const char *holder, const char *kind, const char *issued_on,
    const char *expires_on, long long app_id, const char *code,
    char *number, size_t numlen, long long *id)
{
	struct dbres	*r;
	const char	*v;
	char		 app[24];
	long long	 seq;
	int		 rc = -1;

	r = db_select(d, "SELECT COALESCE(MAX(seq), 0) + 1 FROM certificate "
	    "WHERE tenant = ? FOR UPDATE", "s", tenant);
	if (r == NULL || (v = dbres_scalar(r)) == NULL)
		goto out;
	seq = atoll(v);
	snprintf(app, sizeof(app), "%lld", app_id);
	snprintf(number, numlen, "%.4s-%05lld", issued_on, seq);
	if (db_exec(d, "INSERT INTO certificate (tenant, seq, number, code, "
	    "uid, holder, kind, issued_on, expires_on, app_id) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "sissssssss", tenant, seq,
	    number, code, uid, holder, kind, issued_on,
	    expires_on != NULL && *expires_on ? expires_on : NULL,
	    app_id > 0 ? app : NULL) <= 0)
		goto out;
	*id = db_insert_id(d);
	rc = 1;
out:
	dbres_free(r);
	return rc;
}

struct dbres *
dbq_cert_get(struct db *d, const char *tenant, long long id)
{
	return dbres_cols(db_select(d, CERT_SEL "WHERE tenant = ? AND id = ?",
	    "si", tenant, id), CC__MAX);
}

struct dbres *
dbq_cert_by_code(struct db *d, const char *tenant, const char *code)
{
	return dbres_cols(db_select(d, CERT_SEL "WHERE tenant = ? AND "
	    "code = ?", "ss", tenant, code), CC__MAX);
}

struct dbres *
dbq_cert_of_uid(struct db *d, const char *tenant, const char *uid)
{
	return dbres_cols(db_select(d, CERT_SEL "WHERE tenant = ? AND "
	    "uid = ? ORDER BY issued_on DESC, id DESC", "ss", tenant, uid),
	    CC__MAX);
}

/*
 * An application's certificate (the newest, revoked or not: one is
 * issued per application, ever): its id, 0 none, -1 error.
 */
long long
dbq_cert_of_app(struct db *d, const char *tenant, long long app)
{
	struct dbres	*r;
	long long	 id = -1;

	if ((r = db_select(d, "SELECT id FROM certificate WHERE tenant = ? "
	    "AND app_id = ? ORDER BY id DESC LIMIT 1", "si", tenant,
	    app)) == NULL)
		return -1;
	id = dbres_scalar(r) != NULL ? strtoll(dbres_scalar(r), NULL, 10) : 0;
	dbres_free(r);
	return id;
}

/*
 * The tenant's certificates, newest first; q (may be empty) matches the
 * number, the holder's name or uid by substring; code (a well-formed
 * code, or NULL) matches exactly.
 */
struct dbres *
dbq_cert_search(struct db *d, const char *tenant, const char *q,
    const char *code, size_t limit)
{
	char	 like[512];
	size_t	 i, j = 0;

	/* LIKE's own characters match themselves. */
	like[j++] = '%';
	for (i = 0; q[i] != '\0' && j < sizeof(like) - 3; i++) {
		if (q[i] == '%' || q[i] == '_' || q[i] == '\\')
			like[j++] = '\\';
		like[j++] = q[i];
	}
	like[j++] = '%';
	like[j] = '\0';
	return dbres_cols(db_select(d, CERT_SEL "WHERE tenant = ? AND "
	    "(? = '' OR number LIKE ? OR holder LIKE ? OR uid LIKE ? OR "
	    "code = ?) ORDER BY id DESC LIMIT ?", "ssssssi", tenant, q, like,
	    like, like, code, (long long)limit), CC__MAX);
}

/* 1 revoked now, 0 no such or already revoked, -1 error. */
int
dbq_cert_revoke(struct db *d, const char *tenant, long long id,
    const char *reason, const char *by, const char *now)
{
	return db_exec(d, "UPDATE certificate SET revoked_at = ?, "
	    "revoke_reason = ?, revoked_by = ? WHERE tenant = ? AND id = ? "
	    "AND revoked_at IS NULL", "ssssi", now, reason, by, tenant, id);
}

/*
 * The name a certificate of uid is issued to: the member record's
 * (sql/004_member.sql).  1 found, 0 none (out ""), -1 error.
 */
int
dbq_cert_holder(struct db *d, const char *tenant, const char *uid,
    char *out, size_t outlen)
{
	struct dbres	*r;
	const char	*v;
	int		 rc = -1;

	if (outlen > 0)
		out[0] = '\0';
	r = db_select(d, "SELECT name_kanji FROM member WHERE tenant = ? AND "
	    "uid = ?", "ss", tenant, uid);
	if (r == NULL)
		return -1;
	rc = (v = dbres_scalar(r)) != NULL && *v != '\0';
	if (rc)
		snprintf(out, outlen, "%s", v);
	dbres_free(r);
	return rc;
}
