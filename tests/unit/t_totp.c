/*
 * t_totp.c — the second factor (CORE-7) and the password policy
 * (CORE-9): RFC 6238 vectors, the ±1 step window, replay refusal,
 * RFC 4648 base32, the otpauth URI, the QR SVG, recovery codes.
 */
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "account.h"
#include "buf.h"
#include "totp.h"
#include "tests.h"

/* RFC 6238 appendix B: the SHA-1 seed. */
static const unsigned char seed[] = "12345678901234567890";
#define SEEDLEN	20

/*
 * The RFC's 8-digit values, truncated to the 6 digits we use (the
 * dynamic truncation is taken modulo 10^6 instead of 10^8).
 */
static const struct {
	long long	 t;
	const char	*code;
} rfc6238[] = {
	{ 59LL, "287082" },		/* 94287082 */
	{ 1111111109LL, "081804" },	/* 07081804 */
	{ 1111111111LL, "050471" },	/* 14050471 */
	{ 1234567890LL, "005924" },	/* 89005924 */
	{ 2000000000LL, "279037" },	/* 69279037 */
	{ 20000000000LL, "353130" },	/* 65353130 */
};

static void
t_vectors(void)
{
	long long	 step;
	size_t		 i;

	for (i = 0; i < sizeof(rfc6238) / sizeof(rfc6238[0]); i++) {
		step = -1;
		CU_ASSERT_EQUAL(totp_check(seed, SEEDLEN, rfc6238[i].code,
		    (time_t)rfc6238[i].t, 0, &step), 1);
		CU_ASSERT_EQUAL(step, rfc6238[i].t / 30);
	}
}

static void
t_window(void)
{
	const time_t	 t = 1111111111;	/* step 37037037, code 050471 */
	long long	 step;

	/* One step early or late: still the same code's step. */
	CU_ASSERT_EQUAL(totp_check(seed, SEEDLEN, "050471", t - 30, 0,
	    &step), 1);
	CU_ASSERT_EQUAL(step, 37037037);
	CU_ASSERT_EQUAL(totp_check(seed, SEEDLEN, "050471", t + 30, 0,
	    &step), 1);
	CU_ASSERT_EQUAL(step, 37037037);
	/* Two steps away: refused. */
	CU_ASSERT_EQUAL(totp_check(seed, SEEDLEN, "050471", t - 60, 0,
	    &step), 0);
	CU_ASSERT_EQUAL(totp_check(seed, SEEDLEN, "050471", t + 60, 0,
	    &step), 0);
	/* Wrong or malformed codes. */
	CU_ASSERT_EQUAL(totp_check(seed, SEEDLEN, "050472", t, 0, &step), 0);
	CU_ASSERT_EQUAL(totp_check(seed, SEEDLEN, "05047", t, 0, &step), 0);
	CU_ASSERT_EQUAL(totp_check(seed, SEEDLEN, "0504711", t, 0, &step),
	    0);
	CU_ASSERT_EQUAL(totp_check(seed, SEEDLEN, "05047a", t, 0, &step), 0);
	CU_ASSERT_EQUAL(totp_check(seed, SEEDLEN, "", t, 0, &step), 0);
	CU_ASSERT_EQUAL(totp_check(NULL, 0, "050471", t, 0, &step), -1);
}

/* CORE-7: a code is accepted at most once. */
static void
t_replay(void)
{
	const time_t	 t = 1111111111;
	long long	 step = 0;

	CU_ASSERT_EQUAL(totp_check(seed, SEEDLEN, "050471", t, 37037036,
	    &step), 1);
	CU_ASSERT_EQUAL(totp_check(seed, SEEDLEN, "050471", t, step, &step),
	    0);
	CU_ASSERT_EQUAL(totp_check(seed, SEEDLEN, "050471", t + 30,
	    37037037, &step), 0);
	/* A later step's code after an earlier one was used: accepted. */
	CU_ASSERT_EQUAL(totp_check(seed, SEEDLEN, "081804", 1111111109,
	    37037035, &step), 1);
	CU_ASSERT_EQUAL(step, 37037036);
}

static void
t_base32(void)
{
	static const struct {
		const char	*in, *out;
	} v[] = {	/* RFC 4648 section 10, without the padding */
		{ "", "" }, { "f", "MY" }, { "fo", "MZXQ" },
		{ "foo", "MZXW6" }, { "foob", "MZXW6YQ" },
		{ "fooba", "MZXW6YTB" }, { "foobar", "MZXW6YTBOI" },
	};
	char	 out[TOTP_B32_LEN];
	size_t	 i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		CU_ASSERT_EQUAL(totp_base32((const unsigned char *)v[i].in,
		    strlen(v[i].in), out, sizeof(out)), 0);
		CU_ASSERT_STRING_EQUAL(out, v[i].out);
	}
	CU_ASSERT_EQUAL(totp_base32(seed, SEEDLEN, out, sizeof(out)), 0);
	CU_ASSERT_STRING_EQUAL(out, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
	/* Too small an output buffer is an error, not a truncation. */
	CU_ASSERT_EQUAL(totp_base32(seed, SEEDLEN, out, 32), -1);
}

static void
t_uri(void)
{
	struct buf	 b = { NULL, 0, 0 };

	CU_ASSERT_EQUAL(totp_uri("デモ専門医機構", "1234567 (山田)",
	    "GEZDGNBVGY3TQOJQ", &b), 0);
	CU_ASSERT_STRING_EQUAL(b.data, "otpauth://totp/"
	    "%E3%83%87%E3%83%A2%E5%B0%82%E9%96%80%E5%8C%BB%E6%A9%9F%E6%A7%8B"
	    ":1234567%20%28%E5%B1%B1%E7%94%B0%29"
	    "?secret=GEZDGNBVGY3TQOJQ"
	    "&issuer=%E3%83%87%E3%83%A2%E5%B0%82%E9%96%80%E5%8C%BB%E6%A9%9F"
	    "%E6%A7%8B&algorithm=SHA1&digits=6&period=30");
	buf_free(&b);
	/* Reserved characters of the label and the query are encoded. */
	CU_ASSERT_EQUAL(totp_uri("A&B:C", "x?y#z/w", "MY", &b), 0);
	CU_ASSERT_STRING_EQUAL(b.data, "otpauth://totp/A%26B%3AC:"
	    "x%3Fy%23z%2Fw?secret=MY&issuer=A%26B%3AC&algorithm=SHA1"
	    "&digits=6&period=30");
	buf_free(&b);
}

static void
t_qr(void)
{
	struct buf	 b = { NULL, 0, 0 };
	xmlDocPtr	 doc;
	xmlNodePtr	 root, n;
	xmlChar		*d, *vb;
	int		 paths = 0;

	CU_ASSERT_EQUAL_FATAL(totp_qr_svg("otpauth://totp/%E3%83%87:x"
	    "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=%E3%83%87"
	    "&algorithm=SHA1&digits=6&period=30", &b), 0);
	doc = xmlReadMemory(b.data, (int)b.len, "qr.svg", NULL,
	    XML_PARSE_NONET);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	root = xmlDocGetRootElement(doc);
	CU_ASSERT_STRING_EQUAL(root->name, "svg");
	vb = xmlGetProp(root, (const xmlChar *)"viewBox");
	CU_ASSERT_PTR_NOT_NULL(vb);
	xmlFree(vb);
	vb = xmlGetProp(root, (const xmlChar *)"shape-rendering");
	CU_ASSERT_STRING_EQUAL(vb, "crispEdges");
	xmlFree(vb);
	for (n = root->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)n->name, "path") != 0)
			continue;
		paths++;
		d = xmlGetProp(n, (const xmlChar *)"d");
		/* A real code has hundreds of dark modules, not a few. */
		CU_ASSERT_TRUE(d != NULL && strlen((char *)d) > 1000);
		/* The quiet zone: nothing drawn in the first four columns. */
		CU_ASSERT_PTR_NULL(strstr((char *)d, "M0 "));
		CU_ASSERT_PTR_NULL(strstr((char *)d, "M3 "));
		xmlFree(d);
	}
	CU_ASSERT_EQUAL(paths, 1);
	xmlFreeDoc(doc);
	buf_free(&b);
}

static void
t_recovery(void)
{
	char	 codes[RECOVERY_N][12], norm[12];
	size_t	 i, j;

	CU_ASSERT_EQUAL_FATAL(recovery_codes_new(codes), 0);
	for (i = 0; i < RECOVERY_N; i++) {
		CU_ASSERT_EQUAL(strlen(codes[i]), RECOVERY_LEN);
		CU_ASSERT_EQUAL(codes[i][4], '-');
		CU_ASSERT_EQUAL(strspn(codes[i],
		    "23456789abcdefghjkmnpqrstuvwxyz-"), RECOVERY_LEN);
		for (j = 0; j < i; j++)
			CU_ASSERT_STRING_NOT_EQUAL(codes[i], codes[j]);
		/* What we show is what we accept. */
		CU_ASSERT_EQUAL(recovery_normalize(codes[i], norm,
		    sizeof(norm)), 0);
		CU_ASSERT_STRING_EQUAL(norm, codes[i]);
	}
	CU_ASSERT_EQUAL(recovery_normalize("ABCD EFGH", norm, sizeof(norm)),
	    0);
	CU_ASSERT_STRING_EQUAL(norm, "abcd-efgh");
	CU_ASSERT_EQUAL(recovery_normalize("abcdefgh", norm, sizeof(norm)),
	    0);
	CU_ASSERT_STRING_EQUAL(norm, "abcd-efgh");
	CU_ASSERT_EQUAL(recovery_normalize("abcd-efg", norm, sizeof(norm)),
	    -1);
	CU_ASSERT_EQUAL(recovery_normalize("abcd-efghj", norm, sizeof(norm)),
	    -1);
	CU_ASSERT_EQUAL(recovery_normalize("abcd-efg0", norm, sizeof(norm)),
	    -1);
	CU_ASSERT_EQUAL(recovery_normalize("123456", norm, sizeof(norm)), -1);
}

static void
t_code_normalize(void)
{
	char	 out[8];

	CU_ASSERT_EQUAL(totp_code_normalize("123456", out, sizeof(out)), 0);
	CU_ASSERT_STRING_EQUAL(out, "123456");
	CU_ASSERT_EQUAL(totp_code_normalize(" 123 456 ", out, sizeof(out)),
	    0);
	CU_ASSERT_STRING_EQUAL(out, "123456");
	/* Full-width digits and an ideographic space, as an IME types. */
	CU_ASSERT_EQUAL(totp_code_normalize("１２３　４５６", out,
	    sizeof(out)), 0);
	CU_ASSERT_STRING_EQUAL(out, "123456");
	CU_ASSERT_EQUAL(totp_code_normalize("12345", out, sizeof(out)), -1);
	CU_ASSERT_EQUAL(totp_code_normalize("1234567", out, sizeof(out)), -1);
	CU_ASSERT_EQUAL(totp_code_normalize("abcd-efgh", out, sizeof(out)),
	    -1);
}

/* CORE-9: the rules of docs and messages, one by one. */
static void
t_policy(void)
{
	CU_ASSERT_PTR_NULL(password_policy_check("Kuma-Hoshi-7731", "1234567",
	    "taro@example.jp", "OldPassword1"));
	CU_ASSERT_PTR_NULL(password_policy_check("さくらさくら2025", "1234567",
	    NULL, NULL));
	CU_ASSERT_STRING_EQUAL(password_policy_check("Short1x", "1234567", NULL,
	    NULL), "err.password-length");
	/* Ten characters counted as characters, not bytes. */
	CU_ASSERT_STRING_EQUAL(password_policy_check("さくら12345", "x", NULL,
	    NULL), "err.password-length");
	CU_ASSERT_STRING_EQUAL(password_policy_check("abcdefghijkl", "x", NULL,
	    NULL), "err.password-classes");
	CU_ASSERT_STRING_EQUAL(password_policy_check("123456789012", "x", NULL,
	    NULL), "err.password-classes");
	CU_ASSERT_STRING_EQUAL(password_policy_check("aaaaa11111", "x", NULL,
	    NULL), "err.password-repeat");
	CU_ASSERT_STRING_EQUAL(password_policy_check("Taro@Example.jp", "1234567",
	    "taro@example.jp", NULL), "err.password-ident");
	CU_ASSERT_STRING_EQUAL(password_policy_check("M1234567890", "m1234567890",
	    NULL, NULL), "err.password-ident");
	CU_ASSERT_STRING_EQUAL(password_policy_check("Sakura-2025", "x", NULL,
	    "Sakura-2025"), "err.password-same");
}

/*
 * CORE-9 (issue 7 item 10): the dictionary, through libpwquality and
 * cracklib's word list, on the password and on its stem.
 */
static void
t_dictionary(void)
{
	static const struct {
		const char	*pw;
		const char	*key;
	} t[] = {
		/* A word with digits or symbols around it. */
		{ "password12345", "err.password-dictionary" },
		{ "Password1!!!", "err.password-dictionary" },
		{ "12345Password", "err.password-dictionary" },
		/* Look-alikes read back. */
		{ "P@ssw0rd2024", "err.password-dictionary" },
		{ "Dr4g0n-2024!", "err.password-dictionary" },
		{ "m0nk3y-1987", "err.password-dictionary" },
		/* A word and a year: the commonest weak password there is. */
		{ "Sakura-2025", "err.password-dictionary" },
		/* cracklib's other rules, said as such. */
		{ "Qwerty-123456", "err.password-systematic" },
		/* The word itself, long enough for the project's rules. */
		{ "Computer2024", "err.password-dictionary" },
		/* Accepted: not a word, or not only one. */
		{ "Tt-reg-q7Xb2k-9x", NULL },
		{ "Kuma-Hoshi-7731", NULL },
		{ "Brand-new-2026x", NULL },
		{ "さくらさくら2025", NULL },
	};
	const char	*k;
	size_t		 i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		k = password_policy_check(t[i].pw, "x", NULL, NULL);
		if (t[i].key == NULL) {
			CU_ASSERT_PTR_NULL(k);
		} else {
			CU_ASSERT_PTR_NOT_NULL_FATAL(k);
			CU_ASSERT_STRING_EQUAL(k, t[i].key);
		}
		if ((t[i].key == NULL) != (k == NULL) || (k != NULL &&
		    strcmp(k, t[i].key) != 0))
			fprintf(stderr, "dictionary: %s -> %s\n", t[i].pw,
			    k ? k : "NULL");
	}
}

/* The stem the dictionary is asked about. */
static void
t_stem(void)
{
	char	 s[64];

	CU_ASSERT_EQUAL(password_stem("password12345", 0, s, sizeof(s)), 1);
	CU_ASSERT_STRING_EQUAL(s, "password");
	CU_ASSERT_EQUAL(password_stem("!!P@ssw0rd2024", 0, s, sizeof(s)), 1);
	CU_ASSERT_STRING_EQUAL(s, "password");
	CU_ASSERT_EQUAL(password_stem("H3ll0-W0rld1", 1, s, sizeof(s)), 1);
	CU_ASSERT_STRING_EQUAL(s, "hello-world");
	/* Nothing to strip or read back: no second look-up. */
	CU_ASSERT_EQUAL(password_stem("password", 0, s, sizeof(s)), 0);
	/* Not ASCII, or nothing but digits. */
	CU_ASSERT_EQUAL(password_stem("さくら2025", 0, s, sizeof(s)), 0);
	CU_ASSERT_EQUAL(password_stem("12345678", 0, s, sizeof(s)), 0);
	CU_ASSERT_EQUAL(password_stem("password12345", 0, s, 4), 0);
}

int
suite_totp(void)
{
	static const struct utest t[] = {
		{ "RFC 6238 vectors (6 digits)", t_vectors },
		{ "one step of drift, not two", t_window },
		{ "a code is accepted once", t_replay },
		{ "RFC 4648 base32", t_base32 },
		{ "otpauth URI encoding", t_uri },
		{ "QR code SVG", t_qr },
		{ "recovery codes", t_recovery },
		{ "code input normalization", t_code_normalize },
		{ "password policy", t_policy },
		{ "password dictionary (CORE-9)", t_dictionary },
		{ "password stem", t_stem },
		{ NULL, NULL },
	};
	return add_suite("totp", t);
}
