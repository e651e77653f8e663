/*
 * review_export.c — the tenant admin's exports of one offering's year
 * (CORE-20; PAL-12, ONC-14, CME tenant admins): every application ever
 * submitted, read in one statement,
 *   /admin/review/export             the windows with their counts and
 *                                    the two links below;
 *   /admin/review/export.csv?kind=&year=
 *                                    a CSV for Excel (BOM, CRLF, RFC 4180
 *                                    quoting): 申請番号, 会員番号, 氏名,
 *                                    状態, 申請日時, 決定日時, then the
 *                                    offering's own columns (its
 *                                    export_row hook, apply.h);
 *   /admin/review/export.zip?kind=&year=
 *                                    one PDF per application, made from
 *                                    its latest submitted snapshot by the
 *                                    offering's print stylesheet (the
 *                                    same as /review/<id>/pdf), stored in
 *                                    a ZIP (libzip).
 * Exports of members' data are audited (review.export).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "account.h"
#include "apply.h"
#include "buf.h"
#include "csv.h"
#include "ctx.h"
#include "db.h"
#include "pdf.h"
#include "render.h"
#include "review.h"
#include "review_export.h"
#include "session.h"
#include "tenant.h"

#define ADMIN_PAGE	(PAGE_TENANT | PAGE_AUTH)

/* What the query names: the offering and its year, else NULL (404). */
static const struct apply_offering *
export_args(struct ctx *c, int *year)
{
	const char	*kind = kv_str(&c->query, "kind");
	const char	*y = kv_str(&c->query, "year");

	if (kind == NULL || y == NULL || strlen(y) != 4 ||
	    strspn(y, "0123456789") != 4)
		return NULL;
	*year = atoi(y);
	if (*year < 2000 || *year > 2200)
		return NULL;
	return apply_offering_find(c->tenant, kind);
}

/* "研修修了認定申請_2026.csv": the offering's name in the page's language. */
static void
export_name(const struct ctx *c, const struct apply_offering *off, int year,
    const char *ext, char *out, size_t len)
{
	const char	*name = ctx_en(c) ? off->name_en : off->name_ja;

	snprintf(out, len, "%s_%d.%s", name != NULL ? name : off->kind, year,
	    ext);
}

static int
audit_export(struct ctx *c, const struct apply_offering *off, int year,
    const char *what, size_t n)
{
	char	 detail[120];

	snprintf(detail, sizeof(detail), "%s %d %s, %zu applications",
	    off->kind, year, what, n);
	return audit_log(c->app->db, c->tenant->slug, c->sess.uid,
	    "review.export", off->kind, c->remote, detail) > 0 ? 0 : -1;
}

/* A snapshot's XML parsed: our own, without the network or entities. */
static xmlDocPtr
snapshot_doc(const char *xml)
{
	xmlDocPtr	 doc;

	if (xml == NULL)
		return NULL;
	doc = xmlReadMemory(xml, (int)strlen(xml), "snapshot.xml", "UTF-8",
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc != NULL && xmlDocGetRootElement(doc) == NULL) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	return doc;
}

/* The <application> of a snapshot (<snapshot><application/></snapshot>). */
static xmlNodePtr
snapshot_app(xmlDocPtr doc)
{
	xmlNodePtr	 n, root = xmlDocGetRootElement(doc);

	if (xmlStrcmp(root->name, (const xmlChar *)"application") == 0)
		return root;
	for (n = root->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    xmlStrcmp(n->name, (const xmlChar *)"application") == 0)
			return n;
	return NULL;
}

/* ---- CSV -------------------------------------------------------------------- */

static int
csv_head(struct ctx *c, const struct apply_offering *off, struct buf *b)
{
	static const char *const ja[] = { "申請番号", "会員番号", "氏名",
	    "状態", "申請日時", "決定日時" };
	static const char *const en[] = { "Application number",
	    "Member number", "Name", "State", "Submitted at", "Decided at" };
	size_t	 i;
	int	 err = csv_bom(b);

	for (i = 0; i < sizeof(ja) / sizeof(ja[0]); i++)
		err |= csv_cell(b, ctx_en(c) ? en[i] : ja[i]);
	if (off->export_row != NULL)
		err |= off->export_row(c, off, NULL, b);
	return err | csv_eol(b);
}

static int
csv_line(struct ctx *c, const struct apply_offering *off,
    const struct dbres *r, size_t i, struct buf *b)
{
	char		 key[64];
	xmlDocPtr	 doc = NULL;
	xmlNodePtr	 app;
	int		 err = 0;

	snprintf(key, sizeof(key), "apply.state.%s",
	    dbres_get(r, i, EXP_COL_STATE));
	err |= csv_cell(b, dbres_get(r, i, EXP_COL_NUMBER));
	err |= csv_cell(b, dbres_get(r, i, EXP_COL_MEMBER_NO));
	err |= csv_cell(b, dbres_get(r, i, EXP_COL_NAME));
	err |= csv_cell(b, render_message(c->app->render, c->lang, key));
	err |= csv_cell(b, dbres_get(r, i, EXP_COL_SUBMITTED));
	err |= csv_cell(b, dbres_get(r, i, EXP_COL_DECIDED));
	if (off->export_row != NULL) {
		/* The offering's columns come from what was submitted. */
		doc = snapshot_doc(dbres_get(r, i, EXP_COL_XML));
		app = doc != NULL ? snapshot_app(doc) : NULL;
		if (app != NULL)
			err |= off->export_row(c, off, app, b);
		xmlFreeDoc(doc);
	}
	return err | csv_eol(b);
}

/* GET /admin/review/export.csv?kind=&year= */
static enum result
page_csv(struct ctx *c)
{
	const struct apply_offering *off;
	struct dbres		*r;
	struct buf		 b = { NULL, 0, 0 };
	char			 name[160];
	enum result		 res = RES_INTERNAL;
	size_t			 i;
	int			 year, err;

	if ((off = export_args(c, &year)) == NULL)
		return RES_NOTFOUND;
	if ((r = dbq_export_apps(c->app->db, c->tenant->slug, off->kind, year,
	    off->export_row != NULL)) == NULL)
		return RES_UNAVAIL;
	err = csv_head(c, off, &b);
	for (i = 0; i < r->nrows && err == 0; i++)
		err |= csv_line(c, off, r, i, &b);
	if (err != 0)
		goto out;
	/* No export of members' data goes unaudited. */
	if (audit_export(c, off, year, "csv", r->nrows) == -1) {
		res = RES_UNAVAIL;
		goto out;
	}
	export_name(c, off, year, "csv", name, sizeof(name));
	res = csv_respond(c, &b, name);
out:
	dbres_free(r);
	buf_free(&b);
	return res;
}

/* ---- ZIP of PDFs ------------------------------------------------------------ */

/*
 * One application's PDF into out, drawn from its snapshot as
 * /review/<id>/pdf draws it: the snapshot under the page's <review>.
 */
static int
app_pdf(struct ctx *c, const struct apply_offering *off, xmlNodePtr rv,
    const char *xml, struct buf *out)
{
	xmlDocPtr	 doc;
	xmlNodePtr	 sn, copy, app;
	int		 rc = -1;

	if ((doc = snapshot_doc(xml)) == NULL ||
	    (app = snapshot_app(doc)) == NULL)
		goto out;
	sn = model_node(rv, "snapshot");
	if ((copy = xmlDocCopyNode(app, c->model, 1)) != NULL) {
		xmlAddChild(sn, copy);
		rc = pdf_render(c, c->model, off->print_xsl, 0, out);
	}
	xmlUnlinkNode(sn);
	xmlFreeNode(sn);
out:
	xmlFreeDoc(doc);
	return rc;
}

/* The archive's bytes out of libzip's memory source into b. */
static int
zip_bytes(zip_source_t *src, struct buf *b)
{
	zip_stat_t	 st;
	char		 chunk[65536];
	zip_int64_t	 n;
	int		 rc = -1;

	if (zip_source_stat(src, &st) == -1 || zip_source_open(src) == -1)
		return -1;
	while ((n = zip_source_read(src, chunk, sizeof(chunk))) > 0)
		if (buf_append(b, chunk, (size_t)n) == -1)
			goto out;
	if (n == 0)
		rc = 0;
out:
	zip_source_close(src);
	return rc;
}

/*
 * The ZIP of r's PDFs into b.  An archive with no file is its end
 * record alone (libzip writes nothing for it).  0, -1.
 */
static int
zip_pdfs(struct ctx *c, const struct apply_offering *off,
    const struct dbres *r, struct buf *b, size_t *npdf)
{
	zip_error_t	 ze;
	zip_source_t	*src = NULL, *f;
	zip_t		*za = NULL;
	xmlNodePtr	 rv;
	struct buf	 pdf = { NULL, 0, 0 };
	char		 name[120];
	zip_int64_t	 idx;
	size_t		 i;
	int		 rc = -1;

	*npdf = 0;
	zip_error_init(&ze);
	if (model_new(c, "review-pdf") == -1)
		goto out;
	rv = model_node(c->content, "review");
	if ((src = zip_source_buffer_create(NULL, 0, 0, &ze)) == NULL)
		goto out;
	zip_source_keep(src);
	if ((za = zip_open_from_source(src, ZIP_TRUNCATE, &ze)) == NULL)
		goto out;
	for (i = 0; i < r->nrows; i++) {
		if (dbres_get(r, i, EXP_COL_XML) == NULL)
			continue;
		buf_reset(&pdf);
		if (app_pdf(c, off, rv, dbres_get(r, i, EXP_COL_XML),
		    &pdf) == -1)
			goto out;
		snprintf(name, sizeof(name), "%s.pdf",
		    dbres_get(r, i, EXP_COL_NUMBER));
		/* libzip frees the copy with the archive. */
		if ((f = zip_source_buffer(za, pdf.data, pdf.len, 1)) == NULL)
			goto out;
		pdf.data = NULL;
		pdf.len = pdf.cap = 0;
		if ((idx = zip_file_add(za, name, f, ZIP_FL_ENC_UTF_8)) < 0) {
			zip_source_free(f);
			goto out;
		}
		/* PDFs are compressed already: stored, not deflated. */
		(void)zip_set_file_compression(za, (zip_uint64_t)idx,
		    ZIP_CM_STORE, 0);
		(*npdf)++;
	}
	if (zip_close(za) == -1)
		goto out;
	za = NULL;
	if (*npdf == 0)
		rc = buf_append(b, "PK\005\006\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"
		    "\0\0", 22);
	else
		rc = zip_bytes(src, b);
out:
	if (za != NULL)
		zip_discard(za);
	if (src != NULL)
		zip_source_free(src);
	zip_error_fini(&ze);
	buf_free(&pdf);
	return rc;
}

/* GET /admin/review/export.zip?kind=&year= */
static enum result
page_zip(struct ctx *c)
{
	const struct apply_offering *off;
	struct dbres		*r;
	struct buf		 b = { NULL, 0, 0 };
	char			 name[160], cd[600];
	enum result		 res = RES_INTERNAL;
	size_t			 n;
	int			 year;

	if ((off = export_args(c, &year)) == NULL)
		return RES_NOTFOUND;
	if ((r = dbq_export_apps(c->app->db, c->tenant->slug, off->kind, year,
	    1)) == NULL)
		return RES_UNAVAIL;
	if (r->nrows > EXPORT_ZIP_MAX) {
		res = RES_TOOLARGE;
		goto out;
	}
	if (zip_pdfs(c, off, r, &b, &n) == -1)
		goto out;
	if (audit_export(c, off, year, "zip", n) == -1) {
		res = RES_UNAVAIL;
		goto out;
	}
	export_name(c, off, year, "zip", name, sizeof(name));
	if (http_disposition(cd, sizeof(cd), "attachment", name) == -1)
		goto out;
	xmlFreeDoc(c->model);
	c->model = NULL;
	c->content = NULL;
	buf_free(&c->body);
	c->body = b;
	b.data = NULL;
	c->ctype = "application/zip";
	buf_printf(&c->hdrs, "Content-Disposition: %s\r\n", cd);
	res = RES_OK;
out:
	dbres_free(r);
	buf_free(&b);
	return res;
}

/* ---- the index ------------------------------------------------------------- */

/* GET /admin/review/export: every window of the tenant's offerings. */
static enum result
page_index(struct ctx *c)
{
	const struct apply_offering *off;
	struct dbres		*r;
	xmlNodePtr		 ex, n;
	size_t			 i;

	if ((r = dbq_export_years(c->app->db, c->tenant->slug)) == NULL)
		return RES_UNAVAIL;
	if (model_new(c, "review-export") == -1) {
		dbres_free(r);
		return RES_INTERNAL;
	}
	ex = model_node(c->content, "review-export");
	for (i = 0; i < r->nrows; i++) {
		/* A window of a feature the tenant no longer has: not shown. */
		if ((off = apply_offering_find(c->tenant,
		    dbres_get(r, i, EXPY_COL_KIND))) == NULL)
			continue;
		n = model_node(ex, "window");
		model_attr(n, "kind", off->kind);
		model_attr(n, "title", off->title);
		model_attr(n, "year", dbres_get(r, i, EXPY_COL_YEAR));
		model_attr(n, "count", dbres_get(r, i, EXPY_COL_COUNT));
	}
	dbres_free(r);
	return RES_OK;
}

/* Looked up before review.c's /admin/review/ prefix (page.c). */
const struct page review_export_pages[] = {
	{ .name = "review-export", .methods = M_GET,
	    .path = "/admin/review/export", .flags = ADMIN_PAGE,
	    .get = page_index, .roles = ROLE_TENANT_ADMIN },
	{ .name = "review-export-csv", .methods = M_GET,
	    .path = "/admin/review/export.csv", .flags = ADMIN_PAGE | PAGE_RAW,
	    .get = page_csv, .roles = ROLE_TENANT_ADMIN },
	{ .name = "review-export-zip", .methods = M_GET,
	    .path = "/admin/review/export.zip", .flags = ADMIN_PAGE | PAGE_RAW,
	    .get = page_zip, .roles = ROLE_TENANT_ADMIN },
	{ .name = NULL },
};
