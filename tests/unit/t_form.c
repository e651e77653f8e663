/* t_form.c — field validators (CORE-21: required and limits enforced). */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "clock.h"
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
	/* Full-width katakana only (issue 7 item 20): not hiragana. */
	CU_ASSERT_FALSE(valid_kana("やまだ たろう"));
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
	CU_ASSERT_STRING_EQUAL(r.err[3].key, "err.char");
	kv_free(&in);
}

static const char *
check(const struct field *f, const char *v)
{
	return form_check(f, v, strlen(v));
}

#define CHECK_IS(f, v, k)	do {					\
	const char *got_ = check(f, v);					\
	CU_ASSERT_PTR_NOT_NULL(got_);					\
	if (got_ != NULL)						\
		CU_ASSERT_STRING_EQUAL(got_, k);			\
} while (0)

/*
 * CORE-3: what XML 1.0 cannot carry is refused, in every kind of field,
 * with its own message; tab and line breaks only in a textarea.
 */
static void
t_xml_chars(void)
{
	static const struct field text = { "t", F_TEXT, 0, 0, "k", NULL };
	static const struct field area = { "a", F_TEXTAREA, 0, 0, "k", NULL };
	static const struct field mail = { "e", F_EMAIL, 0, 0, "k", NULL };
	static const struct field pw = { "p", F_PASSWORD, 0, 0, "k", NULL };
	static const char *const bad[] = {
		"a\x01" "b", "a\x0b" "b", "\x1f", "a\xef\xbf\xbe",
		"\xef\xbf\xbf",
		"a\xff", "\xc0\xaf", "\xed\xa0\x80", "\xe3\x81", NULL,
	};
	size_t	 i;

	for (i = 0; bad[i] != NULL; i++) {
		CHECK_IS(&text, bad[i], "err.char");
		CHECK_IS(&area, bad[i], "err.char");
		CHECK_IS(&pw, bad[i], "err.char");
	}
	CHECK_IS(&mail, "a\x01" "@example.jp", "err.char");
	/* A NUL inside the value (urlencoded %00) too. */
	CU_ASSERT_STRING_EQUAL(form_check(&text, "a\0b", 3), "err.char");
	CHECK_IS(&text, "a\tb", "err.char");
	CHECK_IS(&text, "a\nb", "err.char");
	CU_ASSERT_PTR_NULL(check(&area, "一行目\r\n\t二行目"));
	/* Allowed by XML 1.0: U+FFFD, DEL, U+10000 and past. */
	CU_ASSERT_PTR_NULL(check(&text, "\xef\xbf\xbd\x7f" "\xf0\x90\x80\x80"));
	CU_ASSERT_TRUE(utf8_xml_valid("ヤマダ", strlen("ヤマダ")));
	CU_ASSERT_FALSE(utf8_xml_valid("\xef\xbf\xbf", 3));
	/* The three-byte path in line: each way a sequence can be wrong. */
	CU_ASSERT_TRUE(utf8_xml_valid("\xe0\xa0\x80\xed\x9f\xbf", 6));
	CU_ASSERT_TRUE(utf8_xml_valid("\xee\x80\x80\xef\xbf\xbd", 6));
	CU_ASSERT_FALSE(utf8_xml_valid("\xe0\x80\x80", 3));	/* overlong */
	CU_ASSERT_FALSE(utf8_xml_valid("\xe0\x9f\xbf", 3));	/* overlong */
	CU_ASSERT_FALSE(utf8_xml_valid("\xed\xa0\x80", 3));	/* surrogate */
	CU_ASSERT_FALSE(utf8_xml_valid("\xed\xbf\xbf", 3));	/* surrogate */
	CU_ASSERT_FALSE(utf8_xml_valid("\xef\xbf\xbe", 3));	/* U+FFFE */
	CU_ASSERT_FALSE(utf8_xml_valid("a\xe3\x81", 3));	/* cut off */
	CU_ASSERT_FALSE(utf8_xml_valid("\xe3\x41\x82", 3));
	CU_ASSERT_FALSE(utf8_xml_valid("\xe3\x81\x02", 3));
	CU_ASSERT_FALSE(utf8_xml_valid("\xe3\x81\x82\x01", 4));
}

/* The replacement the model writer uses: U+FFFD for each bad one. */
static void
t_xml_clean(void)
{
	static const char	 in[] = "a\x01" "b\xef\xbf\xbf" "c\xff"
	    "d\xe3\x81";
	char			*s;
	int			 err;

	CU_ASSERT_PTR_NULL(utf8_xml_clean("山田\t太郎", strlen("山田\t太郎"),
	    &err));
	CU_ASSERT_EQUAL(err, 0);
	s = utf8_xml_clean(in, sizeof(in) - 1, &err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	/* The cut-off character at the end: one U+FFFD per byte. */
	CU_ASSERT_STRING_EQUAL(s, "a\xef\xbf\xbd" "b\xef\xbf\xbd"
	    "c\xef\xbf\xbd" "d\xef\xbf\xbd\xef\xbf\xbd");
	CU_ASSERT_TRUE(utf8_xml_valid(s, strlen(s)));
	free(s);
}

/*
 * Issue 7 item 20: each rule says what is wrong — a date out of range
 * is not a format error, a day that does not exist neither.
 */
static void
t_date_messages(void)
{
	static const struct field d = { "d", F_DATE, 1, 0, "k", NULL };

	CU_ASSERT_PTR_NULL(check(&d, "1900-01-01"));
	CU_ASSERT_PTR_NULL(check(&d, "2200-12-31"));
	CHECK_IS(&d, "1899-01-01", "err.date-range");
	CHECK_IS(&d, "2201-01-01", "err.date-range");
	CHECK_IS(&d, "2023-02-29", "err.date-exist");
	CHECK_IS(&d, "2024-13-01", "err.date-exist");
	CHECK_IS(&d, "2024/01/01", "err.date");
	CHECK_IS(&d, "2024-1-1", "err.date");
	/* 臨床研修修了日: not before the 20th birthday. */
	CU_ASSERT_TRUE(date_before_years("2018-05-05", "1998-05-06", 20));
	CU_ASSERT_FALSE(date_before_years("2018-05-06", "1998-05-06", 20));
	CU_ASSERT_FALSE(date_before_years("2026-03-31", "1998-05-06", 20));
	CU_ASSERT_TRUE(date_before_years("2020-02-28", "2000-02-29", 20));
	CU_ASSERT_FALSE(date_before_years("2020-03-01", "2000-02-29", 20));
}

/* Names as the hints ask: a space between 姓 and 名; kana katakana. */
static void
t_names(void)
{
	static const struct field kanji = { "n", F_NAME, 1, 50, "k", NULL };
	static const struct field kana = { "n", F_KANA, 1, 50, "k", NULL };

	CU_ASSERT_PTR_NULL(check(&kanji, "山田 太郎"));
	CU_ASSERT_PTR_NULL(check(&kanji, "山田　太郎"));
	CU_ASSERT_PTR_NULL(check(&kanji, "Smith John Paul"));
	CHECK_IS(&kanji, "山田太郎", "err.name-space");
	CHECK_IS(&kanji, " 山田太郎", "err.name-space");
	CHECK_IS(&kanji, "山田太郎　", "err.name-space");
	CHECK_IS(&kanji, "山田  太郎", "err.name-space");
	CU_ASSERT_PTR_NULL(check(&kana, "ヤマダ タロウ"));
	CU_ASSERT_PTR_NULL(check(&kana, "ヴァン・ゴッホ　ヴィンセント"));
	CHECK_IS(&kana, "ヤマダタロウ", "err.name-space");
	CHECK_IS(&kana, "やまだ たろう", "err.kana");
	CHECK_IS(&kana, "ﾔﾏﾀﾞ ﾀﾛｳ", "err.kana");
	CHECK_IS(&kana, "山田 タロウ", "err.kana");
	CHECK_IS(&kana, "yamada taro", "err.kana");
}

/* 郵便番号: what the hint says (seven digits, hyphen optional). */
static void
t_postal(void)
{
	static const struct field p = { "p", F_POSTAL, 1, 8, "k", NULL };
	char	 out[9];

	CU_ASSERT_PTR_NULL(check(&p, "100-0005"));
	CU_ASSERT_PTR_NULL(check(&p, "1000005"));
	CU_ASSERT_TRUE(valid_postal("1000005", out, sizeof(out)));
	CU_ASSERT_STRING_EQUAL(out, "100-0005");
	CHECK_IS(&p, "12-345", "err.postal");
	CHECK_IS(&p, "1000-005", "err.postal");
	CHECK_IS(&p, "１００－０００５", "err.postal");
}

/* Radio buttons, selects and files: 「選択してください」. */
static void
t_choices(void)
{
	static const char *const opts[] = { "m", "f", NULL };
	static const struct field sel = { "s", F_SELECT, 1, 0, "k", opts };
	static const struct field rad = { "r", F_RADIO, 1, 0, "k", opts };
	static const struct field file = { "f", F_FILE, 1, 0, "k", NULL };
	static const struct field text = { "t", F_TEXT, 1, 0, "k", NULL };

	CHECK_IS(&sel, "", "err.required-choice");
	CHECK_IS(&rad, "", "err.required-choice");
	CU_ASSERT_STRING_EQUAL(form_check(&sel, NULL, 0),
	    "err.required-choice");
	CHECK_IS(&sel, "x", "err.choice");
	CU_ASSERT_STRING_EQUAL(form_check(&file, NULL, 0),
	    "err.required-file");
	CHECK_IS(&text, "", "err.required");
}

/* BRD-3 (issue 7 item 25): admin date-times, ISO or with slashes. */
static void
t_datetime(void)
{
	static const struct field dt = { "d", F_DATETIME, 1, 19, "k", NULL };
	static const struct {
		const char	*in, *out;
	} ok[] = {
		{ "2026-11-01 12:00", "2026-11-01 12:00:00" },
		{ "2026-11-01T12:00", "2026-11-01 12:00:00" },
		{ "2026-11-01 12:00:30", "2026-11-01 12:00:30" },
		{ "2026/11/01 12:00", "2026-11-01 12:00:00" },
		{ "2026/1/5 9:05", "2026-01-05 09:05:00" },
		{ "2028/02/29 23:59", "2028-02-29 23:59:00" },
	};
	static const char *const bad[] = {
		"2026/11/01", "2026-11/01 12:00", "2026/11/01 24:00",
		"2026/11/01 12:60", "2026/11/01 12:0", "2027/02/29 12:00",
		"2026/13/01 12:00", "2026/11/01  12:00", "2026/11/01 12:00 ",
		" 2026/11/01 12:00", "2026/11/01 12:00:5", "26/11/01 12:00",
		"2026/011/01 12:00", "1969/12/31 23:00", "2026/+1/01 12:00",
		"2026-11-01 12:00:00:00", "", NULL,
	};
	char	 out[CLOCK_SQL_LEN];
	size_t	 i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		CU_ASSERT_EQUAL(form_datetime(ok[i].in, out, sizeof(out)), 0);
		CU_ASSERT_STRING_EQUAL(out, ok[i].out);
		CU_ASSERT_PTR_NULL(check(&dt, ok[i].in));
	}
	for (i = 0; bad[i] != NULL; i++) {
		CU_ASSERT_EQUAL(form_datetime(bad[i], out, sizeof(out)), -1);
		if (*bad[i] != '\0' && strlen(bad[i]) <= dt.max)
			CHECK_IS(&dt, bad[i], "err.datetime");
	}
}

int
suite_form(void)
{
	static const struct utest t[] = {
		{ "email", t_email },
		{ "dates exist", t_date },
		{ "tel, number, kana", t_misc },
		{ "validate a declared form", t_validate },
		{ "CORE-3 characters XML 1.0 forbids are refused",
		    t_xml_chars },
		{ "CORE-3 the model writer's replacement", t_xml_clean },
		{ "CORE-21 date messages: range, existence, shape",
		    t_date_messages },
		{ "CORE-21 names: a space between, kana katakana", t_names },
		{ "CORE-21 postal code as the hint says", t_postal },
		{ "CORE-21 choices and files: select", t_choices },
		{ "BRD-3 admin date-times, ISO or slashes", t_datetime },
		{ NULL, NULL },
	};
	return add_suite("form", t);
}
