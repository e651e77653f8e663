/*
 * upload.h — uploads (CORE-13), a platform service for every feature:
 * a multipart file part checked by content (PNG, JPEG, PDF, per field),
 * limited by the tenant's upload_max, stored in MariaDB with its
 * SHA-256, served back at GET /upload/<id> only to those allowed, and
 * deletable by its owner until it is submitted.
 *
 * An upload belongs to an owner: a signed-in member (uid), or, before
 * there is an account (registration), a draft token — the random value
 * of the browser's `draft` cookie.  The table keeps only the token's
 * SHA-256; callers always pass the token itself.
 *
 * Every function is bound to one tenant: c->tenant for those taking a
 * context, else the caller's tenant slug, which must come from
 * c->tenant too.  Return contract as in db.h unless said otherwise:
 * <0 error, 0 nothing (not found, not allowed, no change), >0 ok.
 */
#ifndef SHIKAKU_UPLOAD_H
#define SHIKAKU_UPLOAD_H

#include <stddef.h>

#include <libxml/tree.h>

struct ctx;
struct db;
struct dbres;

/* Accepted kinds, per field. */
#define UP_PNG		0x1
#define UP_JPEG		0x2
#define UP_PDF		0x4
#define UP_IMAGE	(UP_PNG | UP_JPEG)

#define UP_DRAFT_COOKIE	"draft"	/* holds the registration draft token */

struct upload_owner {
	const char	*uid;		/* signed-in member, or NULL */
	const char	*draft;		/* draft token (not its hash), or NULL */
};

struct upload_info {
	long long	 id;
	char		 ctype[32];	/* image/png, image/jpeg, application/pdf */
	char		 filename[256];	/* as sent; only for display and download */
	long long	 size;		/* bytes */
	char		 sha256[65];	/* hex */
	int		 submitted;	/* read-only from now on */
	int		 public_;	/* anyone may fetch it (booklets) */
	char		 purpose[33];	/* licence, booklet, receipt, ... */
};

/*
 * Store the file part `field` of c->form if it is one of `types` (by
 * content, never by name or declared type) and not larger than
 * c->tenant->upload_max.  Returns the new id (>0); 0 when no file was
 * chosen; -1 with *errkey set to "err.upload.type", "err.upload.size",
 * "err.upload.empty" or "err.upload.db" — i18n keys meant for the
 * form's field.  The owner needs a uid or a draft.  One INSERT and its
 * audit line, in the caller's transaction (it opens none): on -1 the
 * caller rolls back, so that no file is kept unaudited.
 */
long long	 upload_store(struct ctx *, const char *field, unsigned types,
		    const char *purpose, const struct upload_owner *,
		    const char **errkey);

/*
 * 1 and *info filled when upload `id` exists in c->tenant and belongs to
 * the owner (its uid, or its draft token); 0 otherwise; -1 on error.
 * A NULL owner skips the owner check — only for pages that have already
 * decided the visitor may see this upload (a staff view of a member's
 * record, a public booklet on a program page).
 */
int		 upload_get(struct ctx *, long long id,
		    const struct upload_owner *, struct upload_info *);

/*
 * Delete an owner's upload while it is a draft, with its audit line, in
 * a transaction of its own (never call it inside one): 1 deleted, 0
 * not, -1 error (nothing deleted).
 */
int		 upload_delete(struct ctx *, long long id,
		    const struct upload_owner *);

/* Draft → submitted, in the caller's transaction: read-only afterwards. */
int		 upload_submit(struct db *, const char *tenant, long long id);

/* Registration done: the draft's uploads now belong to the account. */
int		 upload_adopt(struct db *, const char *tenant, const char *draft,
		    const char *uid);

/* Booklets and the like: anyone may fetch a public upload. */
int		 upload_set_public(struct db *, const char *tenant, long long id,
		    int);

/*
 * <upload id ctype filename size sha256 href="/upload/ID"
 *  preview="image|pdf" submitted="1"? public="1"?/> under parent; the
 * named template "upload-preview" (xslt/upload.xsl) renders it.
 */
void		 upload_model(xmlNodePtr parent, const struct upload_info *);

/*
 * The owner this request speaks for: the signed-in member's uid, and the
 * `draft` cookie's token when there is one.
 */
void		 upload_owner_of(const struct ctx *, struct upload_owner *);

/*
 * Decorate the file field `field` of a form built by form_model(): the
 * accept attribute from `types`, the drop zone for upload.js, the size
 * limit for the hint and for err.upload.size's "{0}" (in MB).
 */
void		 upload_form_field(const struct ctx *, xmlNodePtr form,
		    const char *field, unsigned types);

/* "image/png,image/jpeg,…" for an accept attribute. */
const char	*upload_accept(unsigned types);

/*
 * Content-Disposition value: `disp` ("inline" or "attachment"), an ASCII
 * fallback filename and the RFC 5987 filename*=UTF-8''… form.  0 ok, -1
 * when it did not fit.
 */
int		 upload_disposition(char *, size_t, const char *disp,
		    const char *filename);

/* dbq_upload.c: the statements (tenant always from c->tenant). */
long long	 dbq_upload_put(struct db *, const char *, const char *,
		    const char *, const char *, const char *, const char *,
		    const char *, const void *, size_t);
/* One upload as dbq_upload_meta() reads it: no bytes. */
struct upload_row {
	struct upload_info info;
	char		 filename[1021]; /* whole: VARCHAR(255) of utf8mb4 */
	char		 owner_uid[65];	/* "" when a draft owns it */
	int		 draft_owns;	/* the draft asked about owns it */
};
/* Columns of an upload's (id, filename) as apply's page read lists them. */
/* apply's files of an application: ctype NULL unless the owner's. */
enum { UPLOAD_NAME_ID, UPLOAD_NAME_FILENAME, UPLOAD_NAME_CTYPE,
	UPLOAD_NAME__MAX };
int		 dbq_upload_meta(struct db *, const char *, long long,
		    const char *, struct upload_row *);
/* Columns of dbq_upload_data(). */
enum upload_data_col {
	UPLOAD_DATA_COL_BYTES,
	UPLOAD_DATA_COL__MAX
};
struct dbres	*dbq_upload_data(struct db *, const char *, long long);
int		 dbq_upload_del(struct db *, const char *, long long,
		    const char *, const char *);
int		 dbq_upload_submit(struct db *, const char *, long long);
int		 dbq_upload_adopt(struct db *, const char *, const char *,
		    const char *);
int		 dbq_upload_public(struct db *, const char *, long long, int);

#endif
