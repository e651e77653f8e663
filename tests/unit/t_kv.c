/* t_kv.c — the request parsers (OPS-2 item: malformed input is refused). */
#include <string.h>

#include "kv.h"
#include "tests.h"

static const struct kvlimits lim = { 8, 32, 256 };

static void
t_urlencoded_basic(void)
{
	struct kvlist	 l = { 0 };
	const char	*q = "a=1&b=%E3%81%82&c=x+y&d";

	CU_ASSERT_EQUAL(kv_parse_urlencoded(&l, q, strlen(q), &lim), KV_OK);
	CU_ASSERT_EQUAL(l.n, 4);
	CU_ASSERT_STRING_EQUAL(kv_str(&l, "a"), "1");
	CU_ASSERT_STRING_EQUAL(kv_str(&l, "b"), "あ");
	CU_ASSERT_STRING_EQUAL(kv_str(&l, "c"), "x y");
	CU_ASSERT_STRING_EQUAL(kv_str(&l, "d"), "");
	CU_ASSERT_PTR_NULL(kv_str(&l, "e"));
	kv_free(&l);
}

static void
t_urlencoded_bad(void)
{
	static const char *const bad[] = { "a=%zz", "a=%4", "a=%", "=1",
	    "a=%00", "a=%ff%fe", "a=%c0%af" };
	struct kvlist	 l = { 0 };
	size_t		 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CU_ASSERT_EQUAL(kv_parse_urlencoded(&l, bad[i],
		    strlen(bad[i]), &lim), KV_EMALFORMED);
		CU_ASSERT_EQUAL(l.n, 0);
	}
}

static void
t_urlencoded_limits(void)
{
	struct kvlist	 l = { 0 };
	char		 big[600];
	const char	*many = "a=1&b=2&c=3&d=4&e=5&f=6&g=7&h=8&i=9";

	CU_ASSERT_EQUAL(kv_parse_urlencoded(&l, many, strlen(many), &lim),
	    KV_ELIMIT);
	CU_ASSERT_EQUAL(l.n, 0);
	memset(big, 'x', sizeof(big));
	memcpy(big, "v=", 2);
	CU_ASSERT_EQUAL(kv_parse_urlencoded(&l, big, sizeof(big), &lim),
	    KV_ELIMIT);
}

static void
t_cookies(void)
{
	struct kvlist	 l = { 0 };

	CU_ASSERT_EQUAL(kv_parse_cookies(&l, " sid=abc ; lang=\"en\"; junk; "
	    "=x;;", &lim), KV_OK);
	CU_ASSERT_EQUAL(l.n, 2);
	CU_ASSERT_STRING_EQUAL(kv_str(&l, "sid"), "abc");
	CU_ASSERT_STRING_EQUAL(kv_str(&l, "lang"), "en");
	kv_free(&l);
}

static void
t_boundary(void)
{
	char	 b[80];

	CU_ASSERT_EQUAL(kv_boundary("multipart/form-data; boundary=abc", b,
	    sizeof(b)), 0);
	CU_ASSERT_STRING_EQUAL(b, "abc");
	CU_ASSERT_EQUAL(kv_boundary("multipart/form-data; boundary=\"a b\"",
	    b, sizeof(b)), 0);
	CU_ASSERT_STRING_EQUAL(b, "a b");
	CU_ASSERT_EQUAL(kv_boundary("text/plain; boundary=abc", b,
	    sizeof(b)), -1);
	CU_ASSERT_EQUAL(kv_boundary("multipart/form-data", b, sizeof(b)), -1);
}

static void
t_multipart(void)
{
	static const char body[] =
	    "--XX\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n"
	    "山田\r\n"
	    "--XX\r\nContent-Disposition: form-data; name=\"f\"; "
	    "filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n"
	    "\x89PNG\r\n\x1a\n\0bin\r\n--XX--\r\n";
	struct kvlist	 l = { 0 };
	const struct kv	*f;

	CU_ASSERT_EQUAL(kv_parse_multipart(&l, body, sizeof(body) - 1, "XX",
	    &lim), KV_OK);
	CU_ASSERT_EQUAL(l.n, 2);
	CU_ASSERT_STRING_EQUAL(kv_str(&l, "name"), "山田");
	f = kv_get(&l, "f");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_STRING_EQUAL(f->filename, "a.png");
	CU_ASSERT_STRING_EQUAL(f->ctype, "image/png");
	CU_ASSERT_EQUAL(f->vlen, 12);
	CU_ASSERT_PTR_NULL(kv_str(&l, "f"));	/* files are not text */
	kv_free(&l);
}

static void
t_multipart_bad(void)
{
	static const char *const bad[] = {
	    "",
	    "--XX",					/* no end */
	    "--XX\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv",
	    "--XX\r\nX: y\r\n\r\nv\r\n--XX--",		/* no name */
	    "garbage--XX\r\n",
	    "--XX\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"
	    "\xff\r\n--XX--",				/* not UTF-8 */
	};
	struct kvlist	 l = { 0 };
	size_t		 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CU_ASSERT_EQUAL(kv_parse_multipart(&l, bad[i], strlen(bad[i]),
		    "XX", &lim), KV_EMALFORMED);
		CU_ASSERT_EQUAL(l.n, 0);
	}
}

int
suite_kv(void)
{
	static const struct utest t[] = {
		{ "urlencoded: fields and UTF-8", t_urlencoded_basic },
		{ "urlencoded: malformed refused whole", t_urlencoded_bad },
		{ "urlencoded: limits", t_urlencoded_limits },
		{ "cookies: lenient pairs", t_cookies },
		{ "multipart: boundary", t_boundary },
		{ "multipart: text and file parts", t_multipart },
		{ "multipart: malformed refused whole", t_multipart_bad },
		{ NULL, NULL },
	};
	return add_suite("kv", t);
}
