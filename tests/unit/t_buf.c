/* t_buf.c — buffers, UTF-8 counting (characters, not bytes), ct compare. */
#include <string.h>

#include "buf.h"
#include "tests.h"

static void
t_utf8(void)
{
	CU_ASSERT_EQUAL(utf8_chars("abc", 3), 3);
	CU_ASSERT_EQUAL(utf8_chars("日本語", strlen("日本語")), 3);
	CU_ASSERT_EQUAL(utf8_chars("😀a", strlen("😀a")), 2);
	CU_ASSERT_TRUE(utf8_valid("日本語😀", strlen("日本語😀")));
	CU_ASSERT_FALSE(utf8_valid("\xc0\xaf", 2));		/* overlong */
	CU_ASSERT_FALSE(utf8_valid("\xed\xa0\x80", 3));	/* surrogate */
	CU_ASSERT_FALSE(utf8_valid("\xe6\x97", 2));		/* truncated */
	CU_ASSERT_FALSE(utf8_valid("\xf4\x90\x80\x80", 4));	/* > U+10FFFF */
}

static void
t_ct(void)
{
	CU_ASSERT_TRUE(ct_streq("abcdef", "abcdef"));
	CU_ASSERT_FALSE(ct_streq("abcdef", "abcdeg"));
	CU_ASSERT_FALSE(ct_streq("abc", "abcdef"));
	CU_ASSERT_FALSE(ct_streq("", ""));
	CU_ASSERT_FALSE(ct_streq(NULL, "a"));
}

static void
t_buf_grow(void)
{
	struct buf	 b = { NULL, 0, 0 };
	int		 i;

	for (i = 0; i < 1000; i++)
		CU_ASSERT_EQUAL(buf_printf(&b, "%d,", i), 0);
	CU_ASSERT_EQUAL(strncmp(b.data, "0,1,2,", 6), 0);
	CU_ASSERT_EQUAL(b.len, strlen(b.data));
	buf_free(&b);
	buf_free(NULL);
}

int
suite_buf(void)
{
	static const struct utest t[] = {
		{ "utf8 counting and validity", t_utf8 },
		{ "constant-time compare", t_ct },
		{ "buffer growth", t_buf_grow },
		{ NULL, NULL },
	};
	return add_suite("buf", t);
}
