/*
 * t_cert.c — certificates' and PDFs' pure parts (issue 9 items 6, 7):
 * the verification code (128 bits, base32, 26 characters, groups of
 * four), how a typed or scanned code is read, the certificate's state,
 * the PDF's file name (RFC 5987 with an ASCII fallback) and the layout
 * engine's pagination.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "cert.h"
#include "pdf.h"
#include "render.h"
#include "tenant.h"
#include "tests.h"

/* RFC 4648 base32, checked against Python's base64.b32encode. */
static void
t_encode(void)
{
	unsigned char	 b[CERT_CODE_BYTES];
	char		 out[CERT_CODE_LEN + 1];
	int		 i;

	memset(b, 0, sizeof(b));
	cert_code_encode(b, out);
	CU_ASSERT_STRING_EQUAL(out, "AAAAAAAAAAAAAAAAAAAAAAAAAA");
	memset(b, 0xff, sizeof(b));
	cert_code_encode(b, out);
	CU_ASSERT_STRING_EQUAL(out, "77777777777777777777777774");
	for (i = 0; i < CERT_CODE_BYTES; i++)
		b[i] = (unsigned char)i;
	cert_code_encode(b, out);
	CU_ASSERT_STRING_EQUAL(out, "AAAQEAYEAUDAOCAJBIFQYDIOB4");
}

/* New codes: 26 characters of the alphabet, well-formed, distinct. */
static void
t_new(void)
{
	char	 a[CERT_CODE_LEN + 1], b[CERT_CODE_LEN + 1];
	char	 n[CERT_CODE_LEN + 1];

	CU_ASSERT_EQUAL(cert_code_new(a, sizeof(a)), 0);
	CU_ASSERT_EQUAL(cert_code_new(b, sizeof(b)), 0);
	CU_ASSERT_EQUAL(strlen(a), CERT_CODE_LEN);
	CU_ASSERT_EQUAL(strspn(a, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"),
	    CERT_CODE_LEN);
	CU_ASSERT_STRING_NOT_EQUAL(a, b);
	CU_ASSERT_EQUAL(cert_code_normalize(a, n, sizeof(n)), 0);
	CU_ASSERT_STRING_EQUAL(n, a);
	/* Too small a buffer is refused, not overrun. */
	CU_ASSERT_EQUAL(cert_code_new(a, CERT_CODE_LEN), -1);
}

/* Printed in groups of four with hyphens: 6 × 4 + 2. */
static void
t_group(void)
{
	char	 g[CERT_GROUPED_LEN];

	cert_code_group("AAAQEAYEAUDAOCAJBIFQYDIOB4", g, sizeof(g));
	CU_ASSERT_STRING_EQUAL(g, "AAAQ-EAYE-AUDA-OCAJ-BIFQ-YDIO-B4");
	CU_ASSERT_EQUAL(strlen(g) + 1, CERT_GROUPED_LEN);
}

/* As typed: case, groups, spaces and hyphens ignored; else refused. */
static void
t_normalize(void)
{
	static const struct {
		const char	*in;
		const char	*want;	/* NULL: refused */
	} cases[] = {
		{ "AAAQEAYEAUDAOCAJBIFQYDIOB4", "AAAQEAYEAUDAOCAJBIFQYDIOB4" },
		{ "aaaq-eaye-auda-ocaj-bifq-ydio-b4",
		    "AAAQEAYEAUDAOCAJBIFQYDIOB4" },
		{ " AAAQ EAYE AUDA OCAJ BIFQ YDIO B4 ",
		    "AAAQEAYEAUDAOCAJBIFQYDIOB4" },
		{ "AAAQ\xe3\x80\x80" "EAYE\xef\xbc\x8d" "AUDAOCAJBIFQYDIOB4",
		    "AAAQEAYEAUDAOCAJBIFQYDIOB4" },
		{ "AAAQEAYEAUDAOCAJBIFQYDIOB", NULL },	/* 25 */
		{ "AAAQEAYEAUDAOCAJBIFQYDIOB4A", NULL },	/* 27 */
		{ "AAAQEAYEAUDAOCAJBIFQYDIOB7", NULL },	/* bits past 128 */
		{ "0AAQEAYEAUDAOCAJBIFQYDIOB4", NULL },	/* not base32 */
		{ "1AAQEAYEAUDAOCAJBIFQYDIOB4", NULL },
		{ "AAAQEAYEAUDAOCAJBIFQYDIOB4%", NULL },
		{ "AAAQEAYEAUDAOCAJBIFQYD/OB4", NULL },
		{ "", NULL },
		{ "----", NULL },
	};
	char	 out[CERT_CODE_LEN + 1];
	size_t	 i;
	int	 rc;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		rc = cert_code_normalize(cases[i].in, out, sizeof(out));
		if (cases[i].want == NULL) {
			CU_ASSERT_EQUAL(rc, -1);
		} else {
			CU_ASSERT_EQUAL(rc, 0);
			if (rc == 0) {
				CU_ASSERT_STRING_EQUAL(out, cases[i].want);
			}
		}
	}
	CU_ASSERT_EQUAL(cert_code_normalize(NULL, out, sizeof(out)), -1);
	CU_ASSERT_EQUAL(cert_code_normalize("AAAQEAYEAUDAOCAJBIFQYDIOB4",
	    out, CERT_CODE_LEN), -1);
}

static void
t_state(void)
{
	CU_ASSERT_STRING_EQUAL(cert_state("2030-03-31", NULL, "2026-04-01"),
	    "valid");
	CU_ASSERT_STRING_EQUAL(cert_state("2026-04-01", NULL, "2026-04-01"),
	    "valid");	/* valid through its last day */
	CU_ASSERT_STRING_EQUAL(cert_state("2026-03-31", NULL, "2026-04-01"),
	    "expired");
	CU_ASSERT_STRING_EQUAL(cert_state(NULL, NULL, "2099-01-01"), "valid");
	CU_ASSERT_STRING_EQUAL(cert_state("2030-03-31", "2026-01-01 10:00:00",
	    "2026-04-01"), "revoked");
	CU_ASSERT_STRING_EQUAL(cert_state("2020-03-31", "2026-01-01 10:00:00",
	    "2026-04-01"), "revoked");
}

/* Valid to the day before the anniversary; 29 February too. */
static void
t_expiry(void)
{
	char	 out[16];

	CU_ASSERT_EQUAL(cert_expiry("2026-04-01", 5, out, sizeof(out)), 0);
	CU_ASSERT_STRING_EQUAL(out, "2031-03-31");
	CU_ASSERT_EQUAL(cert_expiry("2026-01-01", 1, out, sizeof(out)), 0);
	CU_ASSERT_STRING_EQUAL(out, "2026-12-31");
	CU_ASSERT_EQUAL(cert_expiry("2028-02-29", 5, out, sizeof(out)), 0);
	CU_ASSERT_STRING_EQUAL(out, "2033-02-28");
	CU_ASSERT_EQUAL(cert_expiry("2026-03-01", 2, out, sizeof(out)), 0);
	CU_ASSERT_STRING_EQUAL(out, "2028-02-29");
	CU_ASSERT_EQUAL(cert_expiry("bad", 5, out, sizeof(out)), -1);
	CU_ASSERT_EQUAL(cert_expiry("2026-04-01", 0, out, sizeof(out)), -1);
}

/* Japanese file names: RFC 5987 form and an ASCII fallback. */
static void
t_filename(void)
{
	char	 cd[512], small[16];

	CU_ASSERT_EQUAL(pdf_disposition(cd, sizeof(cd),
	    "認定証_2026-00001.pdf"), 0);
	CU_ASSERT_STRING_EQUAL(cd, "attachment; "
	    "filename=\"____2026-00001.pdf\"; filename*=UTF-8''"
	    "%E8%AA%8D%E5%AE%9A%E8%A8%BC_2026-00001.pdf");
	/* Quotes, backslashes and spaces never break the header. */
	CU_ASSERT_EQUAL(pdf_disposition(cd, sizeof(cd), "a \"b\"\\c.pdf"), 0);
	CU_ASSERT_STRING_EQUAL(cd, "attachment; filename=\"a bc.pdf\"; "
	    "filename*=UTF-8''a%20%22b%22%5Cc.pdf");
	CU_ASSERT_EQUAL(pdf_disposition(cd, sizeof(cd), "a\r\nX: y.pdf"), 0);
	CU_ASSERT_PTR_NULL(strchr(cd, '\r'));
	CU_ASSERT_PTR_NULL(strchr(cd, '\n'));
	CU_ASSERT_EQUAL(pdf_disposition(small, sizeof(small),
	    "認定証_2026-00001.pdf"), -1);
}

static int	 page_text(const struct buf *, int, char *, size_t);

/* A long table paginates; every page is A4; the output is a PDF. */
static void
t_layout(void)
{
	struct buf	 b = { NULL, 0, 0 };
	struct pdf_info	 info;
	xmlDocPtr	 d;
	xmlNodePtr	 root, t, h, r;
	char		 s[32];
	int		 i;

	d = xmlNewDoc((const xmlChar *)"1.0");
	root = xmlNewNode(NULL, (const xmlChar *)"print");
	xmlDocSetRootElement(d, root);
	xmlNewTextChild(root, NULL, (const xmlChar *)"title",
	    (const xmlChar *)"研修プログラム冊子");
	xmlNewTextChild(root, NULL, (const xmlChar *)"paragraph",
	    (const xmlChar *)"日本語の本文です。");
	t = xmlNewChild(root, NULL, (const xmlChar *)"table", NULL);
	h = xmlNewChild(xmlNewChild(t, NULL, (const xmlChar *)"head", NULL),
	    NULL, (const xmlChar *)"row", NULL);
	xmlNewTextChild(h, NULL, (const xmlChar *)"c", (const xmlChar *)"年");
	xmlNewTextChild(h, NULL, (const xmlChar *)"c",
	    (const xmlChar *)"施設");
	for (i = 0; i < 150; i++) {
		r = xmlNewChild(t, NULL, (const xmlChar *)"row", NULL);
		snprintf(s, sizeof(s), "%d", i);
		xmlNewTextChild(r, NULL, (const xmlChar *)"c",
		    (const xmlChar *)s);
		xmlNewTextChild(r, NULL, (const xmlChar *)"c",
		    (const xmlChar *)"デモ大学病院");
	}
	/* A row no page can hold: split, nothing lost below a page. */
	{
		struct buf	 big = { NULL, 0, 0 };

		for (i = 0; i < 400; i++)
			buf_puts(&big, "長い備考の文章です。");
		buf_puts(&big, "最後の行");
		r = xmlNewChild(t, NULL, (const xmlChar *)"row", NULL);
		xmlNewTextChild(r, NULL, (const xmlChar *)"c",
		    (const xmlChar *)"X");
		xmlNewTextChild(r, NULL, (const xmlChar *)"c",
		    (const xmlChar *)big.data);
		buf_free(&big);
	}
	memset(&info, 0, sizeof(info));
	CU_ASSERT_EQUAL(pdf_layout(NULL, "ja", d, PDF_DRAFT, &b, &info), 0);
	CU_ASSERT(info.pages >= 5);
	{
		char	 text[16384];
		int	 p, found = 0;

		for (p = 1; p <= info.pages; p++)
			if (page_text(&b, p, text, sizeof(text)) == 0 &&
			    strstr(text, "最後の行") != NULL)
				found = p;
		CU_ASSERT_EQUAL(found, info.pages);
	}
	CU_ASSERT(b.len > 1000 && memcmp(b.data, "%PDF-", 5) == 0);
	CU_ASSERT_PTR_NOT_NULL(memmem(b.data, b.len, "/MediaBox [ 0 0 595",
	    19));
	buf_free(&b);
	/* Not the print vocabulary: refused. */
	xmlNodeSetName(root, (const xmlChar *)"html");
	CU_ASSERT_EQUAL(pdf_layout(NULL, "ja", d, 0, &b, &info), -1);
	buf_free(&b);
	xmlFreeDoc(d);
}

/* pdftotext of page `page` of a PDF in memory (into out). */
static int
page_text(const struct buf *pdf, int page, char *out, size_t outlen)
{
	char	 path[] = "/tmp/t_cert.XXXXXX", cmd[128];
	FILE	*f;
	size_t	 n = 0;
	int	 fd, rc = -1;

	if ((fd = mkstemp(path)) == -1)
		return -1;
	if (write(fd, pdf->data, pdf->len) == (ssize_t)pdf->len) {
		snprintf(cmd, sizeof(cmd), "pdftotext -f %d -l %d %s -", page,
		    page, path);
		if ((f = popen(cmd, "r")) != NULL) {
			n = fread(out, 1, outlen - 1, f);
			rc = pclose(f) == 0 ? 0 : -1;
		}
	}
	out[n] = '\0';
	close(fd);
	unlink(path);
	return rc;
}

/*
 * CORE-20: an application's PDF through xslt/pdf/application.xsl: the
 * cover, then its sections over several pages; a draft has 「申請未完了」
 * on every page but the cover, the final on none.
 */
static void
t_application(void)
{
	const char	*src = getenv("top_srcdir");
	struct tenants	*ts;
	struct render	*r;
	struct buf	 b = { NULL, 0, 0 }, x = { NULL, 0, 0 };
	struct pdf_info	 info;
	xmlDocPtr	 model, print;
	const char	*draft[] = { "draft", "1", NULL };
	const char	*final[] = { "draft", "0", NULL };
	char		 err[256], text[16384];
	int		 i, p;

	ts = tenants_load(src ? src : ".", err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ts);
	r = render_new(src ? src : ".", ts, err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	buf_puts(&x, "<page lang='ja'><site slug='board'><name lang='ja'>"
	    "デモ専門医機構</name></site><content><application kind='c' "
	    "title='training.completion' state='draft' number='TC-1' "
	    "version='0'><section name='rotations' max='30' state='done' "
	    "title='training.section.rotations' rows='90'>");
	for (i = 0; i < 90; i++)
		buf_printf(&x, "<row id='%d' valid='1'><value name='facility' "
		    "key='training.field.facility' label='デモ病院%d'>1</value>"
		    "<value name='start' key='training.field.start'>2026-04"
		    "</value></row>", i + 1, i);
	buf_puts(&x, "</section></application></content></page>");
	model = xmlReadMemory(x.data, (int)x.len, "m.xml", NULL,
	    XML_PARSE_NONET);
	CU_ASSERT_PTR_NOT_NULL_FATAL(model);

	print = render_print(r, &ts->t[0], "pdf/application.xsl", model,
	    draft);
	CU_ASSERT_PTR_NOT_NULL_FATAL(print);
	CU_ASSERT_EQUAL(pdf_layout(&ts->t[0], "ja", print, PDF_DRAFT, &b,
	    &info), 0);
	xmlFreeDoc(print);
	CU_ASSERT(info.pages >= 3);
	for (p = 1; p <= info.pages; p++) {
		CU_ASSERT_EQUAL_FATAL(page_text(&b, p, text, sizeof(text)), 0);
		if (p == 1) {
			CU_ASSERT_PTR_NULL(strstr(text, "申請未完了"));
			CU_ASSERT_PTR_NOT_NULL(strstr(text, "TC-1"));
		} else {
			CU_ASSERT_PTR_NOT_NULL(strstr(text, "申請未完了"));
			CU_ASSERT_PTR_NOT_NULL(strstr(text, "デモ病院"));
		}
	}
	buf_free(&b);

	/* The final: no mark anywhere. */
	print = render_print(r, &ts->t[0], "pdf/application.xsl", model,
	    final);
	CU_ASSERT_PTR_NOT_NULL_FATAL(print);
	CU_ASSERT_EQUAL(pdf_layout(&ts->t[0], "ja", print, 0, &b, &info),
	    0);
	for (p = 1; p <= info.pages; p++) {
		CU_ASSERT_EQUAL_FATAL(page_text(&b, p, text, sizeof(text)), 0);
		CU_ASSERT_PTR_NULL(strstr(text, "申請未完了"));
	}
	buf_free(&b);
	/* A draft is marked even by a stylesheet that forgot to. */
	CU_ASSERT_EQUAL(pdf_layout(&ts->t[0], "ja", print, PDF_DRAFT, &b,
	    &info), 0);
	CU_ASSERT_EQUAL_FATAL(page_text(&b, 2, text, sizeof(text)), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "申請未完了"));
	xmlFreeDoc(print);
	buf_free(&b);
	/* Only stylesheets below xslt/, by a plain relative path. */
	CU_ASSERT_PTR_NULL(render_print(r, NULL, "../tenants/board/theme.xsl",
	    model, final));
	CU_ASSERT_PTR_NULL(render_print(r, NULL, "/etc/passwd.xsl", model,
	    final));
	CU_ASSERT_PTR_NULL(render_print(r, NULL, "pdf/none.xsl", model,
	    final));
	xmlFreeDoc(model);
	buf_free(&x);
	render_free(r);
	tenants_free(ts);
}

int
suite_cert(void)
{
	static const struct utest t[] = {
		{ "base32 of 128 bits (RFC 4648)", t_encode },
		{ "new codes: 26 characters, distinct", t_new },
		{ "printed in groups of four", t_group },
		{ "typed codes normalized, others refused", t_normalize },
		{ "valid, expired, revoked", t_state },
		{ "expiry: the day before the anniversary", t_expiry },
		{ "file name: RFC 5987 and ASCII fallback", t_filename },
		{ "layout: pagination, A4", t_layout },
		{ "CORE-20 application PDF: draft mark on pages 2..n",
		    t_application },
		{ NULL, NULL },
	};

	return add_suite("cert", t);
}
