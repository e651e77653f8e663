/*
 * upload.c — the upload service (CORE-13): store a multipart file part
 * after checking its content and size, describe it in the model, serve
 * it back at GET /upload/<id> to those allowed, and delete it at
 * POST /upload/<id>/delete while it is a draft.
 *
 * Who may fetch an upload: its owner (the signed-in member, or the
 * browser holding the registration draft token in the `draft` cookie),
 * an admin of the same tenant, or anyone when it is public.  Everyone
 * else gets the same 404 as for an id that does not exist, so ids tell
 * nothing.  The tenant is always c->tenant: an id of another tenant
 * does not exist here.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "buf.h"
#include "ctx.h"
#include "db.h"
#include "filetype.h"
#include "log.h"
#include "session.h"
#include "tenant.h"
#include "upload.h"

#define UP_PREFIX	"/upload/"
#define UP_ADMIN_ROLE	ROLE_TENANT_ADMIN

/* The kinds a field may accept, and how they are named to members. */
static const struct {
	unsigned int	 bit;
	enum ftkind	 kind;
	const char	*label;
} up_kinds[] = {
	{ UP_PNG, FT_PNG, "PNG" },
	{ UP_JPEG, FT_JPEG, "JPEG" },
	{ UP_PDF, FT_PDF, "PDF" },
};
#define NKINDS	(sizeof(up_kinds) / sizeof(up_kinds[0]))

/* The accept attribute for each combination of UP_PNG|UP_JPEG|UP_PDF. */
static const char *const accepts[8] = {
	"",
	"image/png,.png",
	"image/jpeg,.jpg,.jpeg",
	"image/png,image/jpeg,.png,.jpg,.jpeg",
	"application/pdf,.pdf",
	"image/png,application/pdf,.png,.pdf",
	"image/jpeg,application/pdf,.jpg,.jpeg,.pdf",
	"image/png,image/jpeg,application/pdf,.png,.jpg,.jpeg,.pdf",
};

const char *
upload_accept(unsigned types)
{
	return accepts[types & (UP_PNG | UP_JPEG | UP_PDF)];
}

/* The bit of a sniffed kind, 0 for an unknown one. */
static unsigned int
kind_bit(enum ftkind k)
{
	size_t	 i;

	for (i = 0; i < NKINDS; i++)
		if (up_kinds[i].kind == k)
			return up_kinds[i].bit;
	return 0;
}

/* Our own constant for a stored type, so no stored string is echoed. */
static enum ftkind
kind_of_mime(const char *mime)
{
	size_t	 i;

	for (i = 0; mime != NULL && i < NKINDS; i++)
		if (strcmp(filetype_mime(up_kinds[i].kind), mime) == 0)
			return up_kinds[i].kind;
	return FT_UNKNOWN;
}

/* A draft token looks like one of token_new()'s: base64url, bounded. */
static int
draft_token_ok(const char *t)
{
	size_t	 n;

	if (t == NULL)
		return 0;
	n = strlen(t);
	return n >= 16 && n <= 128 && strspn(t, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789-_") == n;
}

void
upload_owner_of(const struct ctx *c, struct upload_owner *o)
{
	const char	*d = kv_str(&c->cookies, UP_DRAFT_COOKIE);

	o->uid = c->sess.valid && c->sess.stage == SESS_IN &&
	    c->sess.uid[0] != '\0' ? c->sess.uid : NULL;
	o->draft = draft_token_ok(d) ? d : NULL;
}

/*
 * The name as sent, made harmless for display and for a header: the
 * last path component (old browsers send C:\...\x.png), no control
 * characters, valid UTF-8 (other bytes become '_'), at most 255 bytes
 * cut on a character boundary, and the extension of the kind its
 * content is (filetype_name()).  Empty: "upload.<ext>".
 */
static void
clean_filename(const char *in, enum ftkind k, char *res, size_t reslen)
{
	const unsigned char	*p;
	const char		*s;
	char			 out[256];
	size_t			 o = 0, cl, outlen = sizeof(out);

	s = in != NULL ? in : "";
	if (strrchr(s, '/') != NULL)
		s = strrchr(s, '/') + 1;
	if (strrchr(s, '\\') != NULL)
		s = strrchr(s, '\\') + 1;
	for (p = (const unsigned char *)s; *p != '\0'; p += cl) {
		if (*p < 0x80)
			cl = 1;
		else if ((*p & 0xe0) == 0xc0)
			cl = 2;
		else if ((*p & 0xf0) == 0xe0)
			cl = 3;
		else if ((*p & 0xf8) == 0xf0)
			cl = 4;
		else
			cl = 0;		/* a stray continuation byte */
		if (cl == 0 || strnlen((const char *)p, cl) < cl ||
		    !utf8_valid((const char *)p, cl)) {
			cl = 1;
			if (o + 1 >= outlen)
				break;
			out[o++] = '_';
			continue;
		}
		if (o + cl >= outlen)
			break;
		if (cl == 1 && (*p < 0x20 || *p == 0x7f))
			continue;
		memcpy(out + o, p, cl);
		o += cl;
	}
	out[o] = '\0';
	if (strspn(out, " ") == o)
		snprintf(out, outlen, "upload.%s", filetype_ext(k));
	if (filetype_name(out, k, res, reslen) == -1 && reslen > 0)
		res[0] = '\0';
}

/* "5" or "1.5": the limit in MB as members read it (MiB, really). */
static void
size_mb(long long bytes, char *out, size_t outlen)
{
	long long	 tenths = (bytes * 10 + 1048575) / 1048576;

	if (tenths % 10 == 0)
		snprintf(out, outlen, "%lld", tenths / 10);
	else
		snprintf(out, outlen, "%lld.%lld", tenths / 10, tenths % 10);
}

long long
upload_store(struct ctx *c, const char *field, unsigned types,
    const char *purpose, const struct upload_owner *o, const char **errkey)
{
	const struct kv	*e;
	enum ftkind	 k;
	char		 name[256], obj[40], detail[200];
	long long	 id = -1;

	*errkey = NULL;
	e = kv_get(&c->form, field);
	/* Nothing chosen: the browser sends an empty part, or none. */
	if (e == NULL || e->filename == NULL ||
	    (e->vlen == 0 && e->filename[0] == '\0')) {
		id = 0;
		goto out;
	}
	if (e->vlen == 0) {
		*errkey = "err.upload.empty";
		goto out;
	}
	if ((long long)e->vlen > c->tenant->upload_max) {
		*errkey = "err.upload.size";
		goto out;
	}
	k = filetype_sniff(e->val, e->vlen);
	if ((kind_bit(k) & types) == 0) {
		*errkey = "err.upload.type";
		goto out;
	}
	if (o == NULL || (o->uid == NULL && o->draft == NULL)) {
		log_err("upload %s/%s without an owner", purpose, field);
		*errkey = "err.upload.db";
		goto out;
	}
	clean_filename(e->filename, k, name, sizeof(name));
	id = dbq_upload_put(c->app->db, c->tenant->slug, o->uid,
	    o->uid != NULL ? NULL : o->draft, purpose, field,
	    filetype_mime(k), name, e->val, e->vlen);
	if (id <= 0) {
		id = -1;
		*errkey = "err.upload.db";
		goto out;
	}
	snprintf(obj, sizeof(obj), "upload:%lld", id);
	snprintf(detail, sizeof(detail), "purpose=%s field=%s type=%s "
	    "size=%zu", purpose, field, filetype_mime(k), e->vlen);
	if (audit_log(c->app->db, c->tenant->slug, o->uid, "upload.store",
	    obj, c->remote, detail) <= 0) {
		/* The caller's rollback takes the row back with it. */
		id = -1;
		*errkey = "err.upload.db";
	}
out:
	return id;
}

/* Does the row's owner match o (its uid, or its draft token)? */
static int
owner_match(const struct upload_row *r, const struct upload_owner *o)
{
	if (o == NULL)
		return 0;
	if (o->uid != NULL && r->owner_uid[0] != '\0' &&
	    strcmp(o->uid, r->owner_uid) == 0)
		return 1;
	return o->draft != NULL && r->draft_owns;
}

int
upload_get(struct ctx *c, long long id, const struct upload_owner *o,
    struct upload_info *info)
{
	struct upload_row	 r;
	int			 rc;

	rc = dbq_upload_meta(c->app->db, c->tenant->slug, id,
	    o != NULL ? o->draft : NULL, &r);
	if (rc == 1 && o != NULL && !owner_match(&r, o))
		rc = 0;
	if (rc == 1)
		*info = r.info;
	return rc;
}

int
upload_delete(struct ctx *c, long long id, const struct upload_owner *o)
{
	char	 obj[40];
	int	 rc = 0;

	if (o == NULL || (o->uid == NULL && o->draft == NULL))
		goto out;
	/* The delete and its audit line: both or neither. */
	rc = -1;
	if (db_begin(c->app->db) <= 0)
		goto out;
	rc = dbq_upload_del(c->app->db, c->tenant->slug, id, o->uid,
	    o->draft);
	snprintf(obj, sizeof(obj), "upload:%lld", id);
	if (db_end(c->app->db, rc == 0 || (rc > 0 && audit_log(c->app->db,
	    c->tenant->slug, o->uid, "upload.delete", obj, c->remote,
	    NULL) > 0)) < 0)
		rc = -1;
out:
	return rc;
}

int
upload_submit(struct db *d, const char *tenant, long long id)
{
	return dbq_upload_submit(d, tenant, id);
}

int
upload_adopt(struct db *d, const char *tenant, const char *draft,
    const char *uid)
{
	if (!draft_token_ok(draft) || uid == NULL || *uid == '\0')
		return 0;
	return dbq_upload_adopt(d, tenant, draft, uid);
}

int
upload_set_public(struct db *d, const char *tenant, long long id, int on)
{
	return dbq_upload_public(d, tenant, id, on);
}

void
upload_model(xmlNodePtr parent, const struct upload_info *u)
{
	xmlNodePtr	 n;
	enum ftkind	 k = kind_of_mime(u->ctype);
	char		 name[sizeof(u->filename)];

	/* Rows stored before names followed the content get it here too. */
	if (filetype_name(u->filename, k, name, sizeof(name)) == -1)
		name[0] = '\0';
	n = model_node(parent, "upload");
	model_attrf(n, "id", "%lld", u->id);
	model_attr(n, "ctype", u->ctype);
	model_attr(n, "filename", name);
	model_attrf(n, "size", "%lld", u->size);
	model_attr(n, "sha256", u->sha256);
	model_attr(n, "purpose", u->purpose);
	model_attrf(n, "href", UP_PREFIX "%lld", u->id);
	if (k == FT_PNG || k == FT_JPEG)
		model_attr(n, "preview", "image");
	else if (k == FT_PDF)
		model_attr(n, "preview", "pdf");
	if (u->submitted)
		model_attr(n, "submitted", "1");
	if (u->public_)
		model_attr(n, "public", "1");
}

/* The <field name="…"> of a form model, in groups too. */
static xmlNodePtr
find_field(xmlNodePtr n, const char *name)
{
	xmlNodePtr	 ch, f;
	xmlChar		*v;
	int		 hit;

	for (ch = n->children; ch != NULL; ch = ch->next) {
		if (ch->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrcmp(ch->name, (const xmlChar *)"field") == 0) {
			v = xmlGetProp(ch, (const xmlChar *)"name");
			hit = v != NULL && strcmp((char *)v, name) == 0;
			xmlFree(v);
			if (hit)
				return ch;
		} else if (xmlStrcmp(ch->name, (const xmlChar *)"group") == 0 &&
		    (f = find_field(ch, name)) != NULL)
			return f;
	}
	return NULL;
}

/* Give this field's upload errors their "{0}" (limit or kinds). */
static void
error_args(xmlNodePtr parent, const char *field, const char *mb,
    const char *kinds)
{
	xmlNodePtr	 e;
	xmlChar		*k, *f;

	for (e = parent->children; e != NULL; e = e->next) {
		if (e->type != XML_ELEMENT_NODE ||
		    xmlStrcmp(e->name, (const xmlChar *)"error") != 0)
			continue;
		k = xmlGetProp(e, (const xmlChar *)"key");
		f = xmlGetProp(e, (const xmlChar *)"field");
		if (k != NULL && (f == NULL || strcmp((char *)f, field) == 0)) {
			if (strcmp((char *)k, "err.upload.size") == 0)
				model_attr(e, "arg", mb);
			else if (strcmp((char *)k, "err.upload.type") == 0)
				model_attr(e, "arg", kinds);
		}
		xmlFree(k);
		xmlFree(f);
	}
}

void
upload_form_field(const struct ctx *c, xmlNodePtr form, const char *field,
    unsigned types)
{
	xmlNodePtr	 f, n;
	char		 mb[24], kinds[32];
	size_t		 i, o = 0;

	if (form == NULL || (f = find_field(form, field)) == NULL)
		return;
	kinds[0] = '\0';
	for (i = 0; i < NKINDS; i++)
		if (types & up_kinds[i].bit)
			o += (size_t)snprintf(kinds + o, sizeof(kinds) - o,
			    "%s%s", o ? " / " : "", up_kinds[i].label);
	size_mb(c->tenant->upload_max, mb, sizeof(mb));
	model_attr(f, "accept", upload_accept(types));
	model_attr(f, "kinds", kinds);
	model_attr(f, "max-mb", mb);
	model_attrf(f, "max-bytes", "%lld", c->tenant->upload_max);
	model_attr(f, "drop", "1");
	error_args(f, field, mb, kinds);
	/* The summary at the top names the field's errors too. */
	for (n = form->parent != NULL ? form->parent->children : NULL;
	    n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    xmlStrcmp(n->name, (const xmlChar *)"errors") == 0)
			error_args(n, field, mb, kinds);
}

int
upload_disposition(char *out, size_t outlen, const char *disp,
    const char *filename)
{
	return http_disposition(out, outlen, disp, filename);
}

/*
 * "/upload/123" or "/upload/123/delete": the id and what follows it.
 * Ids are positive, at most 18 digits, without leading zeros.
 */
static long long
path_id(const char *path, const char **rest)
{
	const char	*p = path + strlen(UP_PREFIX);
	size_t		 n = strspn(p, "0123456789");
	long long	 id = 0;

	if (n == 0 || n > 18 || p[0] == '0')
		return 0;
	errno = 0;
	id = strtoll(p, NULL, 10);
	*rest = p + n;
	return errno == 0 ? id : 0;
}

/* Where to go back to: the form's or the query's next, if local. */
static const char *
next_of(const struct ctx *c)
{
	const char	*next;

	if ((next = kv_str(&c->form, "next")) == NULL)
		next = kv_str(&c->query, "next");
	return local_path(next) ? next : "/";
}

/*
 * GET /upload/<id>/delete: the owner confirms.  A delete button inside
 * a feature's form would be that form's default button (Enter in any
 * field would press it) and forms do not nest, so pages link here.
 */
static enum result
page_upload_confirm(struct ctx *c, long long id)
{
	struct upload_owner	 o;
	struct upload_info	 info;
	int			 rc;

	upload_owner_of(c, &o);
	if ((rc = upload_get(c, id, &o, &info)) < 0)
		return RES_UNAVAIL;
	if (rc == 0 || info.submitted)
		return RES_NOTFOUND;
	if (session_anon(c) == -1 || model_new(c, "upload-delete") == -1)
		return RES_INTERNAL;
	model_attr(c->content, "csrf", c->sess.csrf);
	model_attr(c->content, "next", next_of(c));
	upload_model(c->content, &info);
	return RES_OK;
}

/*
 * The bytes of upload id (meta m, data d) as the answer.  What is served
 * is what the bytes are now, by today's checks, and the name says so
 * too: a row stored under a looser check or with a misleading name
 * ("probe.html" holding a PDF) is not served as its stored type or
 * name.  Unknown content is only downloaded.
 */
static enum result
upload_send(struct ctx *c, long long id, const struct upload_row *m,
    struct dbres *d)
{
	enum ftkind	 k;
	char		 cd[4200];	/* 255 characters of 4 bytes, %XX each */
	char		 name[256];

	k = filetype_sniff(dbres_get(d, 0, UPLOAD_DATA_COL_BYTES),
	    dbres_len(d, 0, UPLOAD_DATA_COL_BYTES));
	if (k != kind_of_mime(m->info.ctype))
		log_warn("tenant=%s upload=%lld: stored as %s, content is %s",
		    c->tenant->slug, id, m->info.ctype,
		    k != FT_UNKNOWN ? filetype_mime(k) : "unknown");
	if (buf_append(&c->body, dbres_get(d, 0, UPLOAD_DATA_COL_BYTES),
	    dbres_len(d, 0, UPLOAD_DATA_COL_BYTES)) == -1 ||
	    filetype_name(m->filename, k, name,
	    sizeof(name)) == -1 || upload_disposition(cd, sizeof(cd),
	    k != FT_UNKNOWN ? "inline" : "attachment", name) == -1)
		return RES_INTERNAL;
	c->ctype = k != FT_UNKNOWN ? filetype_mime(k) :
	    "application/octet-stream";
	buf_printf(&c->hdrs, "Content-Disposition: %s\r\n"
	    "Cache-Control: private, no-store\r\n", cd);
	return RES_OK;
}

/* GET /upload/<id>: the bytes, or the same 404 as for nothing. */
static enum result
page_upload(struct ctx *c)
{
	struct upload_owner	 o;
	struct upload_row	 m;
	struct dbres		*d = NULL;
	int			 rc;
	const char		*rest;
	long long		 id;
	enum result		 r = RES_NOTFOUND;

	if ((id = path_id(c->path, &rest)) <= 0)
		goto out;
	if (strcmp(rest, "/delete") == 0) {
		r = page_upload_confirm(c, id);
		goto out;
	}
	if (*rest != '\0')
		goto out;
	upload_owner_of(c, &o);
	if ((rc = dbq_upload_meta(c->app->db, c->tenant->slug, id, o.draft,
	    &m)) == -1) {
		r = RES_UNAVAIL;
		goto out;
	}
	if (rc != 1)
		goto out;
	if (!m.info.public_ && !owner_match(&m, &o) &&
	    !session_has_role(c, UP_ADMIN_ROLE))
		goto out;
	if ((d = dbq_upload_data(c->app->db, c->tenant->slug, id)) == NULL) {
		r = RES_UNAVAIL;
		goto out;
	}
	if (d->nrows != 1)
		goto out;
	r = upload_send(c, id, &m, d);
out:
	dbres_free(d);
	return r;
}

/* POST /upload/<id>/delete: by its owner while a draft; back to next. */
static enum result
page_upload_delete(struct ctx *c)
{
	struct upload_owner	 o;
	const char		*rest;
	long long		 id;
	enum result		 r = RES_NOTFOUND;

	if ((id = path_id(c->path, &rest)) <= 0 || strcmp(rest, "/delete"))
		goto out;
	upload_owner_of(c, &o);
	if (upload_delete(c, id, &o) < 0) {
		r = RES_UNAVAIL;
		goto out;
	}
	/*
	 * Whether it was deleted or was not this visitor's to delete, the
	 * answer is the same: back to the page, which shows what is left.
	 */
	snprintf(c->location, sizeof(c->location), "%s", next_of(c));
	r = RES_REDIRECT;
out:
	return r;
}

const struct page upload_pages[] = {
	{ .name = "upload", .methods = M_GET, .path = UP_PREFIX,
	    .flags = PAGE_TENANT | PAGE_PREFIX | PAGE_RAW,
	    .get = page_upload },
	{ .name = "upload-delete", .methods = M_POST, .path = UP_PREFIX,
	    .flags = PAGE_TENANT | PAGE_PREFIX, .post = page_upload_delete },
	{ .name = NULL },
};
