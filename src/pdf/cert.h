/*
 * cert.h — verifiable certificates (issue 9 item 7): issued inside the
 * caller's transaction (e.g. an offering's on_paid hook), downloaded as
 * a PDF by their holder, checked by anyone at /verify/<code> on the
 * tenant's host, revoked by the tenant's admins.
 */
#ifndef SHIKAKU_CERT_H
#define SHIKAKU_CERT_H

#include <stddef.h>

#include <libxml/tree.h>

#include "ctx.h"

struct ctx;
struct db;
struct dbres;
struct tenant;

#define CERT_CODE_LEN	26	/* 128 bits in base32 (RFC 4648), no '=' */
#define CERT_CODE_BYTES	16
/* Printed in groups of four: "ABCD-EFGH-…-XY" and its NUL. */
#define CERT_GROUPED_LEN (CERT_CODE_LEN + (CERT_CODE_LEN - 1) / 4 + 1)

/*
 * The cert feature's column of the session statement (feature.h
 * session_sql): 1 when the member holds any certificate, else 0, so
 * 現在の状況 reads the list only when there is one (issue 10's budget).
 */
/*
 * The index hint of "the certificate of application X" (SELECT MAX(id)
 * ... WHERE tenant = ? AND app_id = ?, sql/031_certificate_app.sql).
 * Where most certificates have no application (imported ones, the
 * demo's), InnoDB's statistics give (tenant, app_id) no more
 * selectivity than (tenant, issued_on), and MariaDB picked either from
 * one execution to the next: with the wrong one it read all 801 of a
 * tenant's certificates per fee row.
 */
#define CERT_BY_APP "FORCE INDEX (certificate_app) "

/* The columns of enum cert_col, for a statement of another file that
 * reads certificates with its own (e.g. 現在の状況's, apply/). */
#define CERT_COLS "id, number, code, uid, holder, kind, " \
	"DATE_FORMAT(issued_on, '%Y-%m-%d'), " \
	"DATE_FORMAT(expires_on, '%Y-%m-%d'), app_id, " \
	"DATE_FORMAT(revoked_at, '%Y-%m-%d %H:%i:%s'), revoke_reason, " \
	"revoked_by"
#define CERT_SESSION_SQL \
	"EXISTS(SELECT 1 FROM certificate ct WHERE ct.tenant = s.tenant " \
	"AND ct.uid = s.uid)"

/* The base32 of 16 bytes: 26 characters and a NUL. */
void		 cert_code_encode(const unsigned char *, char *);
/* A new code from getrandom().  0 ok, -1 error. */
int		 cert_code_new(char *, size_t);
/*
 * A code as typed or scanned: case ignored, spaces and hyphens (ASCII
 * or full-width) between its characters ignored.  Into out (at least
 * CERT_CODE_LEN + 1): 0 a well-formed code, -1 not one.
 */
int		 cert_code_normalize(const char *, char *, size_t);
/* "ABCDEFGH…" as "ABCD-EFGH-…" (out at least CERT_GROUPED_LEN). */
void		 cert_code_group(const char *, char *, size_t);

/*
 * Issue a certificate inside the caller's transaction: the next number
 * of the tenant ("<year>-<seq>"), a new code.  kind_key: the i18n key of
 * the kind (e.g. "cert.kind.board"); dates YYYY-MM-DD, expires_on NULL
 * or "" for none; app_id 0 for none.  Returns the id (>0), -1 error.
 */
long long	 cert_issue(struct db *, const struct tenant *, const char *uid,
		    const char *holder, const char *kind_key,
		    const char *issued_on, const char *expires_on,
		    long long app_id, char *number, size_t, char *code,
		    size_t);

/*
 * One certificate row as <certificate …> under parent: what the verify
 * page, the PDF, the member's and the admin's lists read.  full adds
 * the id, uid, code (grouped), verify path and the revocation.
 */
xmlNodePtr	 cert_row_model(xmlNodePtr, const struct dbres *, size_t,
		    const char *today, int full);

/*
 * The same with a given code (any form cert_code_normalize() reads):
 * for the demo loader only, whose certified resident's /verify URL the
 * README names and so must not change between loads.
 */
long long	 cert_issue_with_code(struct db *, const struct tenant *,
		    const char *uid, const char *holder, const char *kind_key,
		    const char *issued_on, const char *expires_on,
		    long long app_id, const char *code, char *number, size_t);

/*
 * An application's certificate, for an offering's on_paid hook (in its
 * transaction): the holder's name from the member record (else the
 * uid), issued today (Japan time, the demo clock included), valid for
 * `years` (to the day before the anniversary; 0: no end).  One per
 * application: one issued already is not issued again (its id).  The
 * id, -1.
 */
long long	 cert_issue_app(struct db *, const struct tenant *,
		    const char *uid, const char *kind_key, int years,
		    long long app_id);
/* The day before date's anniversary after `years` ("YYYY-MM-DD"). */
int		 cert_expiry(const char *date, int years, char *, size_t);

/*
 * The signed-in member's certificates, <certificates> (only when there
 * are some): 現在の状況's part (the cert feature's dashboard hook).  How
 * many, or -1.
 */
int		 cert_member_model(struct ctx *, xmlNodePtr);
/* Is any certificate the member's?  From the session (no statement);
 * 1 when it cannot tell. */
int		 cert_held(const struct ctx *);
/* The member's certificates as cert_member_model() draws them, from
 * rows already read (columns enum cert_col): the count. */
int		 cert_member_rows(struct ctx *, xmlNodePtr,
		    const struct dbres *);

/*
 * GET of certificate id as a PDF through print_xsl (below xslt/) for
 * its holder only (else 404), file name "<name>_<number>.pdf" in the
 * page's language: the platform's /certificate/<id>.pdf and a product's
 * own wording of it.
 */
enum result	 cert_pdf_page(struct ctx *, long long, const char *,
		    const char *, const char *);

/* A certificate's state on a day: "valid", "expired", "revoked". */
const char	*cert_state(const char *expires_on, const char *revoked_at,
		    const char *today);

/* dbq_cert.c */
enum cert_col {
	CC_ID, CC_NUMBER, CC_CODE, CC_UID, CC_HOLDER, CC_KIND, CC_ISSUED,
	CC_EXPIRES, CC_APP, CC_REVOKED_AT, CC_REVOKE_REASON, CC_REVOKED_BY,
	CC__MAX
};
int		 dbq_cert_insert(struct db *, const char *tenant,
		    const char *uid, const char *holder, const char *kind,
		    const char *issued_on, const char *expires_on,
		    long long app_id, const char *code, char *number, size_t,
		    long long *id);
struct dbres	*dbq_cert_get(struct db *, const char *tenant, long long id);
struct dbres	*dbq_cert_by_code(struct db *, const char *tenant,
		    const char *code);
struct dbres	*dbq_cert_of_uid(struct db *, const char *tenant,
		    const char *uid);
long long	 dbq_cert_of_app(struct db *, const char *tenant,
		    long long app);
struct dbres	*dbq_cert_search(struct db *, const char *tenant,
		    const char *q, const char *code, size_t limit);
int		 dbq_cert_holder(struct db *, const char *tenant,
		    const char *uid, char *, size_t);
int		 dbq_cert_revoke(struct db *, const char *tenant, long long id,
		    const char *reason, const char *by, const char *now);

/* The certificate's pages (cert.c, verify.c, cert_admin.c). */
extern const struct page cert_pages[];
extern const struct page verify_pages[];
extern const struct page cert_admin_pages[];

#endif
