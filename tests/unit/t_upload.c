/*
 * t_upload.c — uploads (CORE-13): content sniffing on real tiny files
 * (made with Ghostscript, ancillary chunks and the ICC profile removed;
 * a one-page PDF written by hand with a correct xref), the refusals of
 * upload_store() before anything is stored, the headers and the model.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "buf.h"
#include "ctx.h"
#include "filetype.h"
#include "form.h"
#include "render.h"
#include "tenant.h"
#include "tests.h"
#include "upload.h"

/* gs -sDEVICE=png16m, 1x1 RGB: signature, IHDR, IDAT, IEND. */
static const unsigned char png_1x1[] = {
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
	0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
	0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53, 0xde, 0x00, 0x00, 0x00,
	0x0c, 0x49, 0x44, 0x41, 0x54, 0x08, 0x99, 0x63, 0x90, 0xb7, 0xce, 0x04,
	0x00, 0x01, 0x40, 0x00, 0xc4, 0x91, 0x00, 0x37, 0x1f, 0x00, 0x00, 0x00,
	0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

static const unsigned char jpeg_1x1[] = {
	0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01,
	0x01, 0x01, 0x00, 0x12, 0x00, 0x12, 0x00, 0x00, 0xff, 0xdb, 0x00, 0x43,
	0x00, 0x14, 0x0e, 0x0f, 0x12, 0x0f, 0x0d, 0x14, 0x12, 0x10, 0x12, 0x17,
	0x15, 0x14, 0x18, 0x1e, 0x32, 0x21, 0x1e, 0x1c, 0x1c, 0x1e, 0x3d, 0x2c,
	0x2e, 0x24, 0x32, 0x49, 0x40, 0x4c, 0x4b, 0x47, 0x40, 0x46, 0x45, 0x50,
	0x5a, 0x73, 0x62, 0x50, 0x55, 0x6d, 0x56, 0x45, 0x46, 0x64, 0x88, 0x65,
	0x6d, 0x77, 0x7b, 0x81, 0x82, 0x81, 0x4e, 0x60, 0x8d, 0x97, 0x8c, 0x7d,
	0x96, 0x73, 0x7e, 0x81, 0x7c, 0xff, 0xdb, 0x00, 0x43, 0x01, 0x15, 0x17,
	0x17, 0x1e, 0x1a, 0x1e, 0x3b, 0x21, 0x21, 0x3b, 0x7c, 0x53, 0x46, 0x53,
	0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c,
	0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c,
	0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c,
	0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c, 0x7c,
	0x7c, 0x7c, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x01, 0x00, 0x01, 0x03,
	0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xff, 0xc4, 0x00,
	0x1f, 0x00, 0x00, 0x01, 0x05, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05,
	0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0xff, 0xc4, 0x00, 0xb5, 0x10, 0x00,
	0x02, 0x01, 0x03, 0x03, 0x02, 0x04, 0x03, 0x05, 0x05, 0x04, 0x04, 0x00,
	0x00, 0x01, 0x7d, 0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21,
	0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07, 0x22, 0x71, 0x14, 0x32, 0x81,
	0x91, 0xa1, 0x08, 0x23, 0x42, 0xb1, 0xc1, 0x15, 0x52, 0xd1, 0xf0, 0x24,
	0x33, 0x62, 0x72, 0x82, 0x09, 0x0a, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x25,
	0x26, 0x27, 0x28, 0x29, 0x2a, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a,
	0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x53, 0x54, 0x55, 0x56,
	0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a,
	0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x83, 0x84, 0x85, 0x86,
	0x87, 0x88, 0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99,
	0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xb2, 0xb3,
	0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6,
	0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9,
	0xda, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf1,
	0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xff, 0xc4, 0x00,
	0x1f, 0x01, 0x00, 0x03, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01,
	0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05,
	0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0xff, 0xc4, 0x00, 0xb5, 0x11, 0x00,
	0x02, 0x01, 0x02, 0x04, 0x04, 0x03, 0x04, 0x07, 0x05, 0x04, 0x04, 0x00,
	0x01, 0x02, 0x77, 0x00, 0x01, 0x02, 0x03, 0x11, 0x04, 0x05, 0x21, 0x31,
	0x06, 0x12, 0x41, 0x51, 0x07, 0x61, 0x71, 0x13, 0x22, 0x32, 0x81, 0x08,
	0x14, 0x42, 0x91, 0xa1, 0xb1, 0xc1, 0x09, 0x23, 0x33, 0x52, 0xf0, 0x15,
	0x62, 0x72, 0xd1, 0x0a, 0x16, 0x24, 0x34, 0xe1, 0x25, 0xf1, 0x17, 0x18,
	0x19, 0x1a, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x35, 0x36, 0x37, 0x38, 0x39,
	0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x53, 0x54, 0x55,
	0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69,
	0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x82, 0x83, 0x84,
	0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97,
	0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa,
	0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4,
	0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7,
	0xd8, 0xd9, 0xda, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea,
	0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xff, 0xda, 0x00,
	0x0c, 0x03, 0x01, 0x00, 0x02, 0x11, 0x03, 0x11, 0x00, 0x3f, 0x00, 0xc2,
	0xa2, 0x8a, 0x2b, 0xac, 0xc0, 0xff, 0xd9,
};
/* A valid one-page PDF 1.4 (gs renders it). */
static const char pdf_1page[] =
    "%PDF-1.4\n"
    "1 0 obj\n"
    "<< /Type /Catalog /Pages 2 0 R >>\n"
    "endobj\n"
    "2 0 obj\n"
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>\n"
    "endobj\n"
    "3 0 obj\n"
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 72 72] /Contents 4 0 R >>\n"
    "endobj\n"
    "4 0 obj\n"
    "<< /Length 33 >>\n"
    "stream\n"
    "0.12 0.23 0.41 rg 8 8 56 56 re f\n"
    "endstream\n"
    "endobj\n"
    "xref\n"
    "0 5\n"
    "0000000000 65535 f \n"
    "0000000009 00000 n \n"
    "0000000058 00000 n \n"
    "0000000115 00000 n \n"
    "0000000200 00000 n \n"
    "trailer\n"
    "<< /Size 5 /Root 1 0 R >>\n"
    "startxref\n"
    "282\n"
    "%%EOF\n";

static void
t_sniff_real(void)
{
	CU_ASSERT_EQUAL(filetype_sniff(png_1x1, sizeof(png_1x1)), FT_PNG);
	CU_ASSERT_EQUAL(filetype_sniff(jpeg_1x1, sizeof(jpeg_1x1)), FT_JPEG);
	CU_ASSERT_EQUAL(filetype_sniff(pdf_1page, strlen(pdf_1page)), FT_PDF);
	CU_ASSERT_STRING_EQUAL(filetype_mime(FT_PNG), "image/png");
	CU_ASSERT_STRING_EQUAL(filetype_mime(FT_JPEG), "image/jpeg");
	CU_ASSERT_STRING_EQUAL(filetype_mime(FT_PDF), "application/pdf");
	CU_ASSERT_PTR_NULL(filetype_mime(FT_UNKNOWN));
	CU_ASSERT_STRING_EQUAL(filetype_ext(FT_JPEG), "jpg");
}

/* What a renamed file really is: its name never enters the decision. */
static void
t_sniff_renamed(void)
{
	static const char	 text[] = "これは画像ではありません。\n"
	    "Just text saved as licence.png\n";
	static const char	 html[] = "<html><script>alert(1)</script>"
	    "</html>";
	static const unsigned char gif[] = "GIF89a\x01\x00\x01\x00\x80\x00";
	static const unsigned char bmp[] = "BM\x3a\x00\x00\x00\x00\x00";

	CU_ASSERT_EQUAL(filetype_sniff(text, sizeof(text) - 1), FT_UNKNOWN);
	CU_ASSERT_EQUAL(filetype_sniff(html, sizeof(html) - 1), FT_UNKNOWN);
	CU_ASSERT_EQUAL(filetype_sniff(gif, sizeof(gif) - 1), FT_UNKNOWN);
	CU_ASSERT_EQUAL(filetype_sniff(bmp, sizeof(bmp) - 1), FT_UNKNOWN);
}

static void
t_sniff_truncated(void)
{
	unsigned char	 p[sizeof(png_1x1)];
	size_t		 n;

	/* PNG: every cut inside signature + IHDR + CRC is refused. */
	for (n = 0; n < 33; n++)
		CU_ASSERT_EQUAL(filetype_sniff(png_1x1, n), FT_UNKNOWN);
	CU_ASSERT_EQUAL(filetype_sniff(png_1x1, 33), FT_PNG);
	/* A damaged IHDR (its CRC no longer matches). */
	memcpy(p, png_1x1, sizeof(p));
	p[19] ^= 0x01;
	CU_ASSERT_EQUAL(filetype_sniff(p, sizeof(p)), FT_UNKNOWN);
	/* Width 0, and a colour type / depth pair that does not exist. */
	memcpy(p, png_1x1, sizeof(p));
	memset(p + 16, 0, 4);
	CU_ASSERT_EQUAL(filetype_sniff(p, sizeof(p)), FT_UNKNOWN);
	memcpy(p, png_1x1, sizeof(p));
	p[24] = 3;	/* depth 3 */
	CU_ASSERT_EQUAL(filetype_sniff(p, sizeof(p)), FT_UNKNOWN);
	/* Only the first 7 bytes of the signature. */
	memcpy(p, png_1x1, sizeof(p));
	p[7] = 'X';
	CU_ASSERT_EQUAL(filetype_sniff(p, sizeof(p)), FT_UNKNOWN);

	/* JPEG: SOI alone, SOI + marker without its segment, cut segment. */
	CU_ASSERT_EQUAL(filetype_sniff(jpeg_1x1, 2), FT_UNKNOWN);
	CU_ASSERT_EQUAL(filetype_sniff(jpeg_1x1, 4), FT_UNKNOWN);
	CU_ASSERT_EQUAL(filetype_sniff(jpeg_1x1, 19), FT_UNKNOWN);
	CU_ASSERT_EQUAL(filetype_sniff(jpeg_1x1, 20), FT_JPEG);
	/* SOI followed by EOI or by SOS is no image. */
	CU_ASSERT_EQUAL(filetype_sniff("\xff\xd8\xff\xd9\x00\x02", 6),
	    FT_UNKNOWN);
	CU_ASSERT_EQUAL(filetype_sniff("\xff\xd8\xff\xda\x00\x02", 6),
	    FT_UNKNOWN);

	/* PDF: cut before %%EOF. */
	CU_ASSERT_EQUAL(filetype_sniff(pdf_1page, strlen(pdf_1page) - 7),
	    FT_UNKNOWN);
	CU_ASSERT_EQUAL(filetype_sniff(pdf_1page, 8), FT_UNKNOWN);
}

static void
t_sniff_empty(void)
{
	CU_ASSERT_EQUAL(filetype_sniff(NULL, 0), FT_UNKNOWN);
	CU_ASSERT_EQUAL(filetype_sniff("", 0), FT_UNKNOWN);
	CU_ASSERT_EQUAL(filetype_sniff("\0", 1), FT_UNKNOWN);
}

/* A PDF whose magic is wrong, misplaced, or only "%%EOF". */
static void
t_sniff_pdf_magic(void)
{
	struct buf	 b = { NULL, 0, 0 };
	char		*p;
	size_t		 i;

	p = strdup(pdf_1page);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	p[3] = 'X';					/* %PDX-1.4 */
	CU_ASSERT_EQUAL(filetype_sniff(p, strlen(p)), FT_UNKNOWN);
	p[3] = 'F';
	p[5] = '9';					/* %PDF-9.4 */
	CU_ASSERT_EQUAL(filetype_sniff(p, strlen(p)), FT_UNKNOWN);
	p[5] = '2';					/* %PDF-2.4: PDF 2 */
	CU_ASSERT_EQUAL(filetype_sniff(p, strlen(p)), FT_PDF);
	free(p);
	CU_ASSERT_EQUAL(filetype_sniff("%%EOF\n", 6), FT_UNKNOWN);
	CU_ASSERT_EQUAL(filetype_sniff("%PDF-1.7%%EOF", 13), FT_PDF);
	CU_ASSERT_EQUAL(filetype_sniff("%PDF-1.%%EOF", 12), FT_UNKNOWN);
	/* %%EOF inside the header does not count as the trailer. */
	CU_ASSERT_EQUAL(filetype_sniff("%PDF-1.7", 8), FT_UNKNOWN);
	/* The header comes first: not after a single byte of anything. */
	for (i = 0; i < 1000; i++)
		buf_puts(&b, " ");
	buf_puts(&b, pdf_1page);
	CU_ASSERT_EQUAL(filetype_sniff(b.data, b.len), FT_UNKNOWN);
	CU_ASSERT_EQUAL(filetype_sniff(b.data + 999, b.len - 999),
	    FT_UNKNOWN);
	CU_ASSERT_EQUAL(filetype_sniff(b.data + 1000, b.len - 1000), FT_PDF);
	/* %%EOF must be in the last KiB. */
	buf_reset(&b);
	buf_puts(&b, pdf_1page);
	for (i = 0; i < 1100; i++)
		buf_puts(&b, "x");
	CU_ASSERT_EQUAL(filetype_sniff(b.data, b.len), FT_UNKNOWN);
	buf_free(&b);
}

/*
 * Issue 7 item 12: an HTML page with a PDF after its markup is HTML to
 * a browser; it was taken for a PDF (header within the first KiB) and
 * served as application/pdf.  A PDF begins with %PDF-.
 */
static void
t_sniff_polyglot(void)
{
	struct buf	 b = { NULL, 0, 0 };

	buf_puts(&b, "<!DOCTYPE html><html><body><script>alert(1)</script>"
	    "<!--\n");
	buf_puts(&b, pdf_1page);
	buf_puts(&b, "-->\n</body></html>\n%%EOF\n");
	CU_ASSERT_EQUAL(filetype_sniff(b.data, b.len), FT_UNKNOWN);
	buf_reset(&b);
	/* A BOM or a blank line first is not a PDF's start either. */
	buf_puts(&b, "\xef\xbb\xbf");
	buf_puts(&b, pdf_1page);
	CU_ASSERT_EQUAL(filetype_sniff(b.data, b.len), FT_UNKNOWN);
	buf_reset(&b);
	buf_puts(&b, "\n");
	buf_puts(&b, pdf_1page);
	CU_ASSERT_EQUAL(filetype_sniff(b.data, b.len), FT_UNKNOWN);
	buf_free(&b);
}

/* A served name carries the extension of the kind its content is. */
static void
t_served_name(void)
{
	static const struct {
		const char	*in;
		enum ftkind	 k;
		const char	*out;
	} t[] = {
		{ "probe.html", FT_PDF, "probe.pdf" },
		{ "probe.HTML", FT_PNG, "probe.png" },
		{ "冊子.pdf", FT_PDF, "冊子.pdf" },
		{ "冊子.PDF", FT_PDF, "冊子.PDF" },
		{ "photo.JPEG", FT_JPEG, "photo.JPEG" },
		{ "photo.jpe", FT_JPEG, "photo.jpe" },
		{ "IMG_0001.HEIC", FT_JPEG, "IMG_0001.jpg" },
		{ "licence.png", FT_JPEG, "licence.jpg" },
		{ "免許証", FT_PNG, "免許証.png" },
		{ "report.final version", FT_PDF, "report.final version.pdf" },
		{ "a.tar.gz", FT_PDF, "a.tar.pdf" },
		{ ".pdf", FT_PDF, ".pdf.pdf" },
		{ "evil.pdf.html", FT_UNKNOWN, "evil.pdf.bin" },
		{ "x.pdf", FT_UNKNOWN, "x.bin" },
		{ "", FT_PNG, ".png" },
	};
	char	 out[256], longname[300];
	size_t	 i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		CU_ASSERT_EQUAL(filetype_name(t[i].in, t[i].k, out,
		    sizeof(out)), 0);
		CU_ASSERT_STRING_EQUAL(out, t[i].out);
	}
	CU_ASSERT_EQUAL(filetype_name(NULL, FT_PDF, out, sizeof(out)), 0);
	CU_ASSERT_STRING_EQUAL(out, ".pdf");
	CU_ASSERT_EQUAL(filetype_name("a.html", FT_PDF, out, 4), -1);
	CU_ASSERT_EQUAL(filetype_name("a.html", FT_PDF, out, 5), 0);
	CU_ASSERT_STRING_EQUAL(out, ".pdf");
	CU_ASSERT_EQUAL(filetype_name("a.html", FT_PDF, out, 6), 0);
	CU_ASSERT_STRING_EQUAL(out, "a.pdf");
	/* 85 three-byte characters (255 bytes) + ".html": cut to fit, whole. */
	longname[0] = '\0';
	for (i = 0; i < 85; i++)
		strcat(longname, "冊");
	strcat(longname, ".html");
	CU_ASSERT_EQUAL(filetype_name(longname, FT_PDF, out, sizeof(out)), 0);
	CU_ASSERT_EQUAL(strlen(out), 83 * 3 + 4);
	CU_ASSERT_STRING_EQUAL(out + 83 * 3, ".pdf");
	CU_ASSERT_EQUAL(strncmp(out, longname, 83 * 3), 0);
}

/* One multipart part `name` with filename and bytes, as a browser sends. */
static int
form_with_file(struct kvlist *l, const char *fname, const void *data,
    size_t len)
{
	struct buf	 b = { NULL, 0, 0 };
	struct kvlimits	 lim = { 16, 128, 4096 };
	int		 rc;

	buf_puts(&b, "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\""
	    "\r\n\r\ntok\r\n--XyZ\r\nContent-Disposition: form-data; "
	    "name=\"licence\"; filename=\"");
	buf_puts(&b, fname);
	buf_puts(&b, "\"\r\nContent-Type: application/pdf\r\n\r\n");
	buf_append(&b, data, len);
	buf_puts(&b, "\r\n--XyZ--\r\n");
	rc = kv_parse_multipart(l, b.data, b.len, "XyZ", &lim);
	buf_free(&b);
	return rc;
}

static char	 slug[] = "board";

/* Refusals come before the database: none of these touches it. */
static void
t_store_refusals(void)
{
	struct tenant		 t;
	struct app		 a;
	struct ctx		 c;
	struct upload_owner	 o = { "u1", NULL };
	const char		*ek;
	char			 big[200];

	memset(&t, 0, sizeof(t));
	memset(&a, 0, sizeof(a));
	memset(&c, 0, sizeof(c));
	t.slug = slug;
	t.upload_max = 100;
	c.tenant = &t;
	c.app = &a;

	/* No part at all, or an empty one (no file chosen): 0. */
	CU_ASSERT_EQUAL(upload_store(&c, "licence", UP_IMAGE, "licence", &o,
	    &ek), 0);
	CU_ASSERT_PTR_NULL(ek);
	CU_ASSERT_EQUAL_FATAL(form_with_file(&c.form, "", "", 0), KV_OK);
	CU_ASSERT_EQUAL(upload_store(&c, "licence", UP_IMAGE, "licence", &o,
	    &ek), 0);
	/* A text field of that name is no file either. */
	CU_ASSERT_EQUAL(upload_store(&c, "csrf", UP_IMAGE, "licence", &o,
	    &ek), 0);
	kv_free(&c.form);

	/* A named but empty file. */
	CU_ASSERT_EQUAL_FATAL(form_with_file(&c.form, "a.png", "", 0), KV_OK);
	CU_ASSERT_EQUAL(upload_store(&c, "licence", UP_IMAGE, "licence", &o,
	    &ek), -1);
	CU_ASSERT_STRING_EQUAL(ek, "err.upload.empty");
	kv_free(&c.form);

	/* A PDF named .png, declared application/pdf, in an image field. */
	CU_ASSERT_EQUAL_FATAL(form_with_file(&c.form, "licence.png",
	    pdf_1page, 90), KV_OK);
	t.upload_max = 5 * 1024 * 1024;
	CU_ASSERT_EQUAL(upload_store(&c, "licence", UP_IMAGE, "licence", &o,
	    &ek), -1);
	CU_ASSERT_STRING_EQUAL(ek, "err.upload.type");
	kv_free(&c.form);

	/* Text named .png. */
	CU_ASSERT_EQUAL_FATAL(form_with_file(&c.form, "licence.png",
	    "hello", 5), KV_OK);
	CU_ASSERT_EQUAL(upload_store(&c, "licence", UP_PNG | UP_PDF,
	    "licence", &o, &ek), -1);
	CU_ASSERT_STRING_EQUAL(ek, "err.upload.type");
	kv_free(&c.form);

	/* One byte over the tenant's limit, whatever its type. */
	memset(big, 'x', sizeof(big));
	memcpy(big, png_1x1, sizeof(png_1x1));
	t.upload_max = sizeof(big) - 1;
	CU_ASSERT_EQUAL_FATAL(form_with_file(&c.form, "big.png", big,
	    sizeof(big)), KV_OK);
	CU_ASSERT_EQUAL(upload_store(&c, "licence", UP_IMAGE, "licence", &o,
	    &ek), -1);
	CU_ASSERT_STRING_EQUAL(ek, "err.upload.size");
	/* No owner: refused, nothing stored. */
	t.upload_max = sizeof(big);
	CU_ASSERT_EQUAL(upload_store(&c, "licence", UP_IMAGE, "licence",
	    NULL, &ek), -1);
	CU_ASSERT_STRING_EQUAL(ek, "err.upload.db");
	kv_free(&c.form);
}

static void
t_owner(void)
{
	struct ctx		 c;
	struct upload_owner	 o;

	memset(&c, 0, sizeof(c));
	upload_owner_of(&c, &o);
	CU_ASSERT_PTR_NULL(o.uid);
	CU_ASSERT_PTR_NULL(o.draft);
	kv_add(&c.cookies, "draft", 5, "short", 5);
	upload_owner_of(&c, &o);
	CU_ASSERT_PTR_NULL(o.draft);
	kv_free(&c.cookies);
	kv_add(&c.cookies, "draft", 5,
	    "Abcdefghijklmnopqrstuvwxyz0123456789-_ABCDE", 43);
	c.sess.valid = 1;
	c.sess.stage = SESS_TOTP;
	snprintf(c.sess.uid, sizeof(c.sess.uid), "u1");
	upload_owner_of(&c, &o);
	CU_ASSERT_PTR_NULL(o.uid);	/* second factor still pending */
	CU_ASSERT_PTR_NOT_NULL(o.draft);
	c.sess.stage = SESS_IN;
	upload_owner_of(&c, &o);
	CU_ASSERT_STRING_EQUAL(o.uid, "u1");
	kv_free(&c.cookies);
}

static void
t_disposition(void)
{
	char	 b[1200], small[20];

	CU_ASSERT_EQUAL(upload_disposition(b, sizeof(b), "inline",
	    "licence.png"), 0);
	CU_ASSERT_STRING_EQUAL(b, "inline; filename=\"licence.png\"; "
	    "filename*=UTF-8''licence.png");
	CU_ASSERT_EQUAL(upload_disposition(b, sizeof(b), "inline",
	    "免許証 (1).jpg"), 0);
	CU_ASSERT_STRING_EQUAL(b, "inline; filename=\"___ (1).jpg\"; "
	    "filename*=UTF-8''%E5%85%8D%E8%A8%B1%E8%A8%BC%20%281%29.jpg");
	/* Quotes, backslashes and CR/LF never reach the header. */
	CU_ASSERT_EQUAL(upload_disposition(b, sizeof(b), "attachment",
	    "a\"b\\c\r\nSet-Cookie: x.pdf"), 0);
	CU_ASSERT_PTR_NULL(strchr(b, '\r'));
	CU_ASSERT_PTR_NULL(strchr(b, '\n'));
	CU_ASSERT_PTR_NOT_NULL(strstr(b, "filename=\"abcSet-Cookie: x.pdf\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(b, "a%22b%5Cc%0D%0ASet-Cookie%3A%20x.pdf"));
	CU_ASSERT_EQUAL(upload_disposition(small, sizeof(small), "inline",
	    "a-rather-long-name.png"), -1);
}

static void
t_accept(void)
{
	CU_ASSERT_STRING_EQUAL(upload_accept(UP_IMAGE),
	    "image/png,image/jpeg,.png,.jpg,.jpeg");
	CU_ASSERT_STRING_EQUAL(upload_accept(UP_PDF), "application/pdf,.pdf");
	CU_ASSERT_STRING_EQUAL(upload_accept(UP_IMAGE | UP_PDF),
	    "image/png,image/jpeg,application/pdf,.png,.jpg,.jpeg,.pdf");
}

static char *
attr(xmlNodePtr n, const char *name)
{
	static char	 v[300];
	xmlChar		*x = xmlGetProp(n, (const xmlChar *)name);

	snprintf(v, sizeof(v), "%s", x ? (char *)x : "(none)");
	xmlFree(x);
	return v;
}

static void
t_model(void)
{
	struct upload_info	 u;
	xmlDocPtr		 d = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr		 root, n;

	root = xmlNewDocNode(d, NULL, (const xmlChar *)"content", NULL);
	xmlDocSetRootElement(d, root);
	memset(&u, 0, sizeof(u));
	u.id = 42;
	snprintf(u.ctype, sizeof(u.ctype), "application/pdf");
	snprintf(u.filename, sizeof(u.filename), "<冊子>.pdf");
	u.size = 2048;
	snprintf(u.sha256, sizeof(u.sha256), "%064d", 0);
	u.public_ = 1;
	upload_model(root, &u);
	n = root->children;
	CU_ASSERT_PTR_NOT_NULL_FATAL(n);
	CU_ASSERT_STRING_EQUAL(attr(n, "href"), "/upload/42");
	CU_ASSERT_STRING_EQUAL(attr(n, "preview"), "pdf");
	CU_ASSERT_STRING_EQUAL(attr(n, "filename"), "<冊子>.pdf");
	CU_ASSERT_STRING_EQUAL(attr(n, "size"), "2048");
	CU_ASSERT_STRING_EQUAL(attr(n, "public"), "1");
	CU_ASSERT_STRING_EQUAL(attr(n, "submitted"), "(none)");
	snprintf(u.ctype, sizeof(u.ctype), "image/jpeg");
	u.submitted = 1;
	upload_model(root, &u);
	n = n->next;
	CU_ASSERT_STRING_EQUAL(attr(n, "preview"), "image");
	CU_ASSERT_STRING_EQUAL(attr(n, "submitted"), "1");
	/* A row stored under a misleading name shows the right one. */
	CU_ASSERT_STRING_EQUAL(attr(n, "filename"), "<冊子>.jpg");
	snprintf(u.ctype, sizeof(u.ctype), "application/pdf");
	snprintf(u.filename, sizeof(u.filename), "probe.html");
	upload_model(root, &u);
	n = n->next;
	CU_ASSERT_STRING_EQUAL(attr(n, "filename"), "probe.pdf");
	xmlFreeDoc(d);
}

static const struct field licence_fields[] = {
	{ "regno", F_DIGITS, 1, 6, "field.regno", NULL },
	{ "licence", F_FILE, 1, 0, "field.licence", NULL },
};

/*
 * A form's file field through the real stylesheets: accept and limits,
 * the size error with its number, the stored file's preview with a
 * link (not a button: forms do not nest), the script once.
 */
static void
t_form_render(void)
{
	struct tenant		 t;
	struct ctx		 c;
	struct tenants		*ts;
	struct render		*r;
	struct form_result	 res;
	struct upload_info	 u;
	struct buf		 b = { NULL, 0, 0 };
	xmlDocPtr		 d;
	xmlNodePtr		 root, form, n;
	const char		*src = getenv("top_srcdir"), *p;
	char			 err[256];

	memset(&t, 0, sizeof(t));
	memset(&c, 0, sizeof(c));
	t.slug = slug;
	t.upload_max = 5 * 1024 * 1024 + 512 * 1024;
	c.tenant = &t;
	d = xmlNewDoc((const xmlChar *)"1.0");
	root = xmlNewDocNode(d, NULL, (const xmlChar *)"page", NULL);
	xmlDocSetRootElement(d, root);
	xmlSetProp(root, (const xmlChar *)"name", (const xmlChar *)"x");
	xmlSetProp(root, (const xmlChar *)"lang", (const xmlChar *)"ja");
	xmlSetProp(root, (const xmlChar *)"path", (const xmlChar *)"/reg");
	res.nerr = 1;
	res.err[0].field = "licence";
	res.err[0].key = "err.upload.size";
	form = form_model(root, "reg", "/reg", licence_fields, 2, NULL, &res);
	model_attr(form, "csrf", "TOKEN");
	memset(&u, 0, sizeof(u));
	u.id = 7;
	snprintf(u.ctype, sizeof(u.ctype), "image/png");
	snprintf(u.filename, sizeof(u.filename), "免許証.png");
	u.size = 3000;
	upload_model(form->children->next, &u);
	upload_form_field(&c, form, "licence", UP_IMAGE);
	n = form->children->next;
	CU_ASSERT_STRING_EQUAL(attr(n, "accept"),
	    "image/png,image/jpeg,.png,.jpg,.jpeg");
	CU_ASSERT_STRING_EQUAL(attr(n, "max-mb"), "5.5");
	CU_ASSERT_STRING_EQUAL(attr(n, "kinds"), "PNG / JPEG");

	ts = tenants_load(src ? src : ".", err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ts);
	r = render_new(src ? src : ".", ts, err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_EQUAL(render_page(r, NULL, 1, d, &b), 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b.data);
	CU_ASSERT_PTR_NOT_NULL(strstr(b.data, "enctype=\"multipart/form-data\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(b.data,
	    "accept=\"image/png,image/jpeg,.png,.jpg,.jpeg\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(b.data, "PNG / JPEG 形式（1ファイル 5.5 MB まで）"));
	CU_ASSERT_PTR_NOT_NULL(strstr(b.data, "上限（5.5 MB）を超えています"));
	CU_ASSERT_PTR_NOT_NULL(strstr(b.data, "data-max=\"5767168\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(b.data, "<img class=\"upload-thumb\" src=\"/upload/7\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(b.data, "href=\"/upload/7/delete?next=%2Freg\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(b.data, "3 KB"));
	CU_ASSERT_PTR_NOT_NULL(strstr(b.data, "<script src=\"/assets/upload.js\" defer></script>"));
	/* One script, and no nested form inside the page's form. */
	p = strstr(b.data, "upload.js");
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_PTR_NULL(strstr(p + 1, "upload.js"));
	CU_ASSERT_PTR_NULL(strstr(b.data, "class=\"upload-delete\""));
	xmlFreeDoc(d);
	buf_free(&b);
	render_free(r);
	tenants_free(ts);
}

int
suite_upload(void)
{
	static const struct utest t[] = {
		{ "sniff real PNG, JPEG, PDF", t_sniff_real },
		{ "sniff renamed files by content", t_sniff_renamed },
		{ "sniff truncated and damaged files", t_sniff_truncated },
		{ "sniff empty input", t_sniff_empty },
		{ "sniff PDF with wrong magic", t_sniff_pdf_magic },
		{ "sniff HTML with a PDF inside (polyglot)", t_sniff_polyglot },
		{ "served name carries the sniffed type", t_served_name },
		{ "store refuses type, size, empty", t_store_refusals },
		{ "owner from session and draft cookie", t_owner },
		{ "Content-Disposition RFC 6266/5987", t_disposition },
		{ "accept attribute per types", t_accept },
		{ "upload model", t_model },
		{ "file field rendered", t_form_render },
		{ NULL, NULL },
	};
	return add_suite("upload", t);
}
