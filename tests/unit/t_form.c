/* t_form.c — field validators (CORE-21: required and limits enforced). */
#include <string.h>

#include "form.h"
#include "tests.h"

static void
t_email(void)
{
	CU_ASSERT_TRUE(valid_email("taro@example.jp"));
	CU_ASSERT_TRUE(valid_email("a.b+c@mail.example.co.jp"));
	CU_ASSERT_FALSE(valid_email("taro"));
	CU_ASSERT_FALSE(valid_email("@example.jp"));
	CU_ASSERT_FALSE(valid_email("a@b@c.jp"));
	CU_ASSERT_FALSE(valid_email("a@example"));
	CU_ASSERT_FALSE(valid_email("a b@example.jp"));
	CU_ASSERT_FALSE(valid_email("a@example..jp"));
	CU_ASSERT_FALSE(valid_email("山田@example.jp"));
}

static void
t_date(void)
{
	CU_ASSERT_TRUE(valid_date("2024-02-29"));
	CU_ASSERT_FALSE(valid_date("2023-02-29"));
	CU_ASSERT_TRUE(valid_date("2000-02-29"));
	CU_ASSERT_FALSE(valid_date("1900-02-29"));
	CU_ASSERT_FALSE(valid_date("2024-04-31"));
	CU_ASSERT_FALSE(valid_date("2024-13-01"));
	CU_ASSERT_FALSE(valid_date("2024/01/01"));
	CU_ASSERT_FALSE(valid_date("2024-1-01"));
}

static void
t_misc(void)
{
	CU_ASSERT_TRUE(valid_tel("03-1234-5678"));
	CU_ASSERT_TRUE(valid_tel("+81312345678"));
	CU_ASSERT_FALSE(valid_tel("12-34"));
	CU_ASSERT_FALSE(valid_tel("03(1234)5678"));
	CU_ASSERT_TRUE(valid_number("0"));
	CU_ASSERT_TRUE(valid_number("120"));
	CU_ASSERT_FALSE(valid_number("012"));
	CU_ASSERT_FALSE(valid_number("-1"));
	CU_ASSERT_TRUE(valid_kana("ヤマダ　タロウ"));
	CU_ASSERT_TRUE(valid_kana("やまだ たろう"));
	CU_ASSERT_FALSE(valid_kana("山田"));
	CU_ASSERT_FALSE(valid_kana("yamada"));
}

static const char *const sexes[] = { "male", "female", NULL };
static const struct field fields[] = {
	{ "name", F_TEXT, 1, 5, "field.name", NULL },
	{ "email", F_EMAIL, 1, 0, "field.email", NULL },
	{ "sex", F_SELECT, 0, 0, "field.sex", sexes },
	{ "note", F_TEXTAREA, 0, 10, "field.note", NULL },
};

static void
t_validate(void)
{
	struct kvlist		 in = { 0 };
	struct form_result	 r;
	struct kvlimits		 lim = { 16, 32, 256 };
	const char		*ok = "name=%E5%B1%B1%E7%94%B0%E5%A4%AA%E9%83%8E"
	    "%E5%AD%90&email=a%40b.jp&sex=male&note=a%0Ab";
	const char		*bad = "name=%E5%B1%B1%E7%94%B0%E5%A4%AA%E9%83%8E"
	    "%E5%AD%90X&sex=other&note=x%01";

	/* Five kanji are five characters (15 bytes) and pass max 5. */
	CU_ASSERT_EQUAL(kv_parse_urlencoded(&in, ok, strlen(ok), &lim), 0);
	CU_ASSERT_EQUAL(form_validate(fields, 4, &in, &r), 0);
	CU_ASSERT_EQUAL(r.nerr, 0);
	kv_free(&in);
	CU_ASSERT_EQUAL(kv_parse_urlencoded(&in, bad, strlen(bad), &lim), 0);
	CU_ASSERT_EQUAL(form_validate(fields, 4, &in, &r), -1);
	CU_ASSERT_EQUAL_FATAL(r.nerr, 4);
	CU_ASSERT_STRING_EQUAL(r.err[0].key, "err.too-long");
	CU_ASSERT_STRING_EQUAL(r.err[1].key, "err.required");
	CU_ASSERT_STRING_EQUAL(r.err[2].key, "err.choice");
	CU_ASSERT_STRING_EQUAL(r.err[3].key, "err.format");
	kv_free(&in);
}

int
suite_form(void)
{
	static const struct utest t[] = {
		{ "email", t_email },
		{ "dates exist", t_date },
		{ "tel, number, kana", t_misc },
		{ "validate a declared form", t_validate },
		{ NULL, NULL },
	};
	return add_suite("form", t);
}
