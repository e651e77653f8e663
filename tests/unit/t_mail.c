/*
 * t_mail.c — mail without a database or a relay: template rendering,
 * RFC 2047 subjects, base64 lines, message headers, addresses, the
 * retry schedule, and every shipped template of every shipped tenant.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <dirent.h>

#include "apply.h"
#include "buf.h"
#include "feature.h"
#include "mail.h"
#include "tenant.h"
#include "tests.h"

/* Decode base64 (no line breaks); -1 on a bad character. */
static int
b64dec(const char *s, size_t len, struct buf *out)
{
	static const char	 tab[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	unsigned long		 v = 0;
	size_t			 i, bits = 0;
	const char		*p;
	char			 c;

	for (i = 0; i < len && s[i] != '='; i++) {
		if ((p = strchr(tab, s[i])) == NULL || s[i] == '\0')
			return -1;
		v = (v << 6) | (unsigned long)(p - tab);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			c = (char)((v >> bits) & 0xff);
			if (buf_append(out, &c, 1) == -1)
				return -1;
		}
	}
	return buf_append(out, "", 0);
}

static int
render(const char *tmpl, const char *const *vars, struct buf *s,
    struct buf *b)
{
	char	 err[256];

	return mail_render(tmpl, strlen(tmpl), vars, s, b, err, sizeof(err));
}

static void
t_render(void)
{
	const char *const vars[] = { "tenant_name", "デモ医師会", "url",
	    "https://medassoc.localhost/verify?t=abc", "expires",
	    "2025-06-02 10:30", NULL };
	struct buf	 s = { NULL, 0, 0 }, b = { NULL, 0, 0 };

	CU_ASSERT_EQUAL(render("Subject: 【{{tenant_name}}】確認\n\n"
	    "URL: {{url}}\n期限: {{expires}}\n{{tenant_name}}\n", vars, &s, &b),
	    0);
	CU_ASSERT_STRING_EQUAL(s.data, "【デモ医師会】確認");
	CU_ASSERT_STRING_EQUAL(b.data, "URL: https://medassoc.localhost/"
	    "verify?t=abc\n期限: 2025-06-02 10:30\nデモ医師会\n");
	/* CRLF templates, a byte order mark, no placeholders, no vars. */
	CU_ASSERT_EQUAL(render("\xef\xbb\xbfSubject:  件名 \r\n\r\n本文\r\n",
	    NULL, &s, &b), 0);
	CU_ASSERT_STRING_EQUAL(s.data, "件名");
	CU_ASSERT_STRING_EQUAL(b.data, "本文\r\n");
	/* "}}" alone and single braces are text. */
	CU_ASSERT_EQUAL(render("Subject: a}}b\n\n{x} }} {url}\n", NULL, &s,
	    &b), 0);
	CU_ASSERT_STRING_EQUAL(s.data, "a}}b");
	buf_free(&s);
	buf_free(&b);
}

static void
t_render_refused(void)
{
	const char *const vars[] = { "name", "山田", "evil", "a\r\nBcc: x@y",
	    "lf", "a\nb", "bad", "\xff\xfe", NULL };
	struct buf	 s = { NULL, 0, 0 }, b = { NULL, 0, 0 };
	char		 err[256];
	const char	*t;

	/* An unknown placeholder, in the body or the subject. */
	CU_ASSERT_EQUAL(render("Subject: x\n\n{{name}} {{nope}}\n", vars,
	    &s, &b), -1);
	t = "Subject: {{nope}}\n\nx\n";
	CU_ASSERT_EQUAL(mail_render(t, strlen(t), vars, &s, &b, err,
	    sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "{{nope}}"));
	/* Malformed placeholders. */
	CU_ASSERT_EQUAL(render("Subject: x\n\n{{ name }}\n", vars, &s, &b),
	    -1);
	CU_ASSERT_EQUAL(render("Subject: x\n\n{{name\n", vars, &s, &b), -1);
	CU_ASSERT_EQUAL(render("Subject: x\n\n{{}}\n", vars, &s, &b), -1);
	/* CR or LF from a value into the subject; the error hides it. */
	t = "Subject: {{evil}}\n\nx\n";
	CU_ASSERT_EQUAL(mail_render(t, strlen(t), vars, &s, &b, err,
	    sizeof(err)), -1);
	CU_ASSERT_PTR_NULL(strstr(err, "Bcc"));
	CU_ASSERT_EQUAL(render("Subject: {{lf}}\n\nx\n", vars, &s, &b), -1);
	/* ... while the body may hold line breaks. */
	CU_ASSERT_EQUAL(render("Subject: x\n\n{{lf}}\n", vars, &s, &b), 0);
	/* Not UTF-8. */
	CU_ASSERT_EQUAL(render("Subject: x\n\n{{bad}}\n", vars, &s, &b), -1);
	/* Shape: Subject first, then a blank line; a subject at all. */
	CU_ASSERT_EQUAL(render("Subj: x\n\nbody\n", vars, &s, &b), -1);
	CU_ASSERT_EQUAL(render("Subject: x\nbody\n", vars, &s, &b), -1);
	CU_ASSERT_EQUAL(render("Subject: x", vars, &s, &b), -1);
	CU_ASSERT_EQUAL(render("Subject: \n\nbody\n", vars, &s, &b), -1);
	buf_free(&s);
	buf_free(&b);
}

/*
 * Check one folded header: lines of at most 76 columns joined by CRLF
 * SP, each holding one encoded word of at most 75 characters whose
 * text is whole UTF-8 characters; their concatenation is want.
 */
static void
check_words(const char *hdr, const char *want)
{
	struct buf	 all = { NULL, 0, 0 }, one = { NULL, 0, 0 };
	const char	*p = hdr, *w, *e, *eol;
	size_t		 len;

	for (;;) {
		eol = strstr(p, "\r\n");
		len = eol ? (size_t)(eol - p) : strlen(p);
		CU_ASSERT(len <= 76);
		w = strstr(p, "=?UTF-8?B?");
		CU_ASSERT_PTR_NOT_NULL_FATAL(w);
		e = strstr(w + 10, "?=");
		CU_ASSERT_PTR_NOT_NULL_FATAL(e);
		CU_ASSERT((size_t)(e + 2 - w) <= 75);
		buf_reset(&one);
		CU_ASSERT_EQUAL(b64dec(w + 10, (size_t)(e - w - 10), &one), 0);
		CU_ASSERT_TRUE(utf8_valid(one.data, one.len));
		buf_append(&all, one.data, one.len);
		if (eol == NULL)
			break;
		CU_ASSERT_EQUAL(eol[2], ' ');
		p = eol + 2;
	}
	buf_append(&all, "", 0);
	CU_ASSERT_STRING_EQUAL(all.data, want);
	buf_free(&all);
	buf_free(&one);
}

static void
t_rfc2047(void)
{
	const char	*subj[] = { "a", "確認",
	    "【デモ専門医機構】専門医研修管理システム ユーザー登録完了の"
	    "お知らせ（Registration complete）",
	    "😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀", NULL };
	struct buf	 b = { NULL, 0, 0 };
	size_t		 i;

	for (i = 0; subj[i] != NULL; i++) {
		buf_reset(&b);
		buf_puts(&b, "Subject: ");
		CU_ASSERT(mail_words(&b, 9, subj[i]) > 0);
		check_words(b.data, subj[i]);
	}
	buf_reset(&b);
	buf_puts(&b, "Subject: ");
	mail_words(&b, 9, "確認");
	CU_ASSERT_STRING_EQUAL(b.data, "Subject: =?UTF-8?B?56K66KqN?=");
	buf_free(&b);
}

static void
t_base64(void)
{
	static const char *const v[][2] = { { "", "" }, { "f", "Zg==" },
	    { "fo", "Zm8=" }, { "foo", "Zm9v" }, { "foob", "Zm9vYg==" },
	    { "fooba", "Zm9vYmE=" }, { "foobar", "Zm9vYmFy" } };
	struct buf	 b = { NULL, 0, 0 }, d = { NULL, 0, 0 };
	char		 in[1000];
	const char	*p, *eol;
	size_t		 i, lines = 0;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		buf_reset(&b);
		CU_ASSERT_EQUAL(mail_base64(&b, v[i][0], strlen(v[i][0]), 0),
		    0);
		buf_append(&b, "", 0);
		CU_ASSERT_STRING_EQUAL(b.data, v[i][1]);
	}
	for (i = 0; i < sizeof(in); i++)
		in[i] = (char)(i * 7);
	buf_reset(&b);
	CU_ASSERT_EQUAL(mail_base64(&b, in, sizeof(in), 76), 0);
	/* 1000 bytes: 1336 characters, 17 full lines and one of 44. */
	for (p = b.data; *p != '\0'; p = eol + 2) {
		eol = strstr(p, "\r\n");
		CU_ASSERT_PTR_NOT_NULL_FATAL(eol);
		CU_ASSERT_EQUAL((size_t)(eol - p), eol[2] ? 76 : 44);
		CU_ASSERT_PTR_NULL(memchr(p, '\n', (size_t)(eol - p)));
		CU_ASSERT_EQUAL(b64dec(p, (size_t)(eol - p), &d), 0);
		lines++;
	}
	CU_ASSERT_EQUAL(lines, 18);
	CU_ASSERT_EQUAL(d.len, sizeof(in));
	CU_ASSERT_EQUAL(memcmp(d.data, in, sizeof(in)), 0);
	buf_free(&b);
	buf_free(&d);
}

static const char *
header(const char *msg, const char *name, char *out, size_t len)
{
	const char	*p, *e;
	size_t		 n = strlen(name);

	for (p = msg; p != NULL && strncmp(p, "\r\n", 2) != 0;
	    p = strstr(p, "\r\n") ? strstr(p, "\r\n") + 2 : NULL)
		if (strncmp(p, name, n) == 0 && p[n] == ':') {
			/* up to the end of the header, folded lines too */
			for (e = p; (e = strstr(e, "\r\n")) != NULL &&
			    (e[2] == ' ' || e[2] == '\t'); e += 2)
				;
			snprintf(out, len, "%.*s", (int)(e - p), p);
			return out;
		}
	return NULL;
}

static void
t_message(void)
{
	struct mail_msg	 m;
	struct buf	 b = { NULL, 0, 0 }, d = { NULL, 0, 0 };
	char		 h[512];
	const char	*p, *eol, *sep;

	memset(&m, 0, sizeof(m));
	m.date = "Mon, 02 Jun 2025 10:30:00 +0900";
	m.from_name = "デモ専門医機構";
	m.from = "noreply@shikaku.test";
	m.to = "resident@example.jp";
	m.subject = "【デモ専門医機構】パスワード再設定のご案内";
	m.msgid = "<42.20250602103000.board@shikaku.test>";
	m.body = "一行目\n二行目\r\n\n三行目";
	CU_ASSERT_EQUAL_FATAL(mail_message(&b, &m), 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sep = strstr(b.data, "\r\n\r\n"));
	/* Headers: CRLF only, short lines. */
	for (p = b.data; p < sep; p = eol + 2) {
		eol = strstr(p, "\r\n");
		CU_ASSERT((size_t)(eol - p) <= 78);
		CU_ASSERT_PTR_NULL(memchr(p, '\n', (size_t)(eol - p)));
	}
	CU_ASSERT_STRING_EQUAL(header(b.data, "Date", h, sizeof(h)),
	    "Date: Mon, 02 Jun 2025 10:30:00 +0900");
	CU_ASSERT_STRING_EQUAL(header(b.data, "To", h, sizeof(h)),
	    "To: resident@example.jp");
	CU_ASSERT_STRING_EQUAL(header(b.data, "Message-ID", h, sizeof(h)),
	    "Message-ID: <42.20250602103000.board@shikaku.test>");
	CU_ASSERT_STRING_EQUAL(header(b.data, "MIME-Version", h, sizeof(h)),
	    "MIME-Version: 1.0");
	CU_ASSERT_STRING_EQUAL(header(b.data, "Content-Type", h, sizeof(h)),
	    "Content-Type: text/plain; charset=UTF-8");
	CU_ASSERT_STRING_EQUAL(header(b.data, "Content-Transfer-Encoding", h,
	    sizeof(h)), "Content-Transfer-Encoding: base64");
	CU_ASSERT_PTR_NOT_NULL_FATAL(header(b.data, "From", h, sizeof(h)));
	CU_ASSERT_EQUAL(strncmp(h, "From: =?UTF-8?B?", 16), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(h, " <noreply@shikaku.test>"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(header(b.data, "Subject", h, sizeof(h)));
	check_words(h + 9, m.subject);
	/* Body: base64 lines of 76 at most, canonical CRLF text inside. */
	for (p = sep + 4; *p != '\0'; p = eol + 2) {
		eol = strstr(p, "\r\n");
		CU_ASSERT_PTR_NOT_NULL_FATAL(eol);
		CU_ASSERT((size_t)(eol - p) <= 76);
		b64dec(p, (size_t)(eol - p), &d);
	}
	CU_ASSERT_STRING_EQUAL(d.data, "一行目\r\n二行目\r\n\r\n三行目");
	buf_free(&b);
	buf_free(&d);
}

static void
t_message_refused(void)
{
	struct mail_msg	 m;
	struct buf	 b = { NULL, 0, 0 };

	memset(&m, 0, sizeof(m));
	m.date = "Mon, 02 Jun 2025 10:30:00 +0900";
	m.from = "noreply@shikaku.test";
	m.to = "a@example.jp\r\nBcc: victim@example.jp";
	m.subject = "x";
	m.msgid = "<1@x>";
	m.body = "x";
	CU_ASSERT_EQUAL(mail_message(&b, &m), -1);
	m.to = "a@example.jp";
	m.subject = "x\r\nBcc: victim@example.jp";
	CU_ASSERT_EQUAL(mail_message(&b, &m), -1);
	m.subject = "x";
	m.from_name = "x\nBcc: y";
	CU_ASSERT_EQUAL(mail_message(&b, &m), -1);
	m.from_name = NULL;
	buf_reset(&b);
	CU_ASSERT_EQUAL(mail_message(&b, &m), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(b.data,
	    "\r\nFrom: noreply@shikaku.test\r\n"));
	buf_free(&b);
}

static void
t_addr(void)
{
	static const char *const good[] = { "a@b", "taro.yamada@example.jp",
	    "x+tag@sub.example-1.jp", "o'neil@example.com", NULL };
	static const char *const bad[] = { "", "a", "@b", "a@", "a@@b",
	    "a b@c", "a@b c", ".a@b", "a.@b", "a..b@c", "a@b..c", "a@-b",
	    "a@b-", "a@.b", "a@b.", "\"a\"@b", "a@[127.0.0.1]", "a@b\r\n",
	    "山田@example.jp", "a<b>@c", NULL };
	char	 big[300];
	size_t	 i;

	for (i = 0; good[i] != NULL; i++)
		CU_ASSERT_TRUE(mail_addr_valid(good[i]));
	for (i = 0; bad[i] != NULL; i++)
		CU_ASSERT_FALSE(mail_addr_valid(bad[i]));
	CU_ASSERT_FALSE(mail_addr_valid(NULL));
	memset(big, 'a', sizeof(big));
	memcpy(big + 250, "@b.jp", 6);
	CU_ASSERT_FALSE(mail_addr_valid(big));
	CU_ASSERT_TRUE(mail_tmpl_valid("verify_email"));
	CU_ASSERT_FALSE(mail_tmpl_valid("../x"));
	CU_ASSERT_FALSE(mail_tmpl_valid("Welcome"));
	CU_ASSERT_FALSE(mail_tmpl_valid(""));
}

static void
t_retry_date(void)
{
	char		 d[64], *old;

	CU_ASSERT_EQUAL(mail_retry_delay(1), 60);
	CU_ASSERT_EQUAL(mail_retry_delay(2), 120);
	CU_ASSERT_EQUAL(mail_retry_delay(6), 1920);
	CU_ASSERT_EQUAL(mail_retry_delay(7), 3600);
	CU_ASSERT_EQUAL(mail_retry_delay(MAIL_MAX_ATTEMPTS), 3600);
	CU_ASSERT_EQUAL(mail_retry_delay(1000), 3600);
	old = getenv("TZ") ? strdup(getenv("TZ")) : NULL;
	setenv("TZ", "JST-9", 1);	/* POSIX form: no tzdata needed */
	tzset();
	mail_date(d, sizeof(d), 0);
	CU_ASSERT_STRING_EQUAL(d, "Thu, 01 Jan 1970 09:00:00 +0900");
	mail_date(d, sizeof(d), 1748827800);
	CU_ASSERT_STRING_EQUAL(d, "Mon, 02 Jun 2025 10:30:00 +0900");
	if (old != NULL)
		setenv("TZ", old, 1);
	else
		unsetenv("TZ");
	tzset();
	free(old);
}

/*
 * Every template every shipped tenant would send renders with exactly
 * the variables its callers pass (a typo in a placeholder fails here,
 * not in a member's mailbox), and signs with the tenant's name.
 */
static void
t_shipped(void)
{
	static const struct {
		const char	*name;
		const char	*vars[9];
	} tm[] = {
		{ "verify_email", { "url", "https://x.test/v?t=1",
		    "expires", "2025-06-02 10:30", NULL } },
		{ "password_reset", { "url", "https://x.test/password/"
		    "reset?t=1", "expires", "2025-06-02 10:30", "name",
		    "試験 太郎", NULL } },
		{ "password_changed", { NULL } },
		{ "totp_enabled", { NULL } },
		{ "totp_disabled", { NULL } },
		{ "account_locked", { "until", "2025-06-02 10:30", NULL } },
		{ "welcome", { "login_url", "https://x.test/login",
		    "login_id", "123456", NULL } },
		{ "email_change_confirm", { "name", "山田 太郎", "url",
		    "https://x.test/member/email?t=1", "expires",
		    "2025-06-02 10:30", "new_email", "new@example.jp", NULL } },
		{ "email_change_notice", { "name", "山田 太郎",
		    "changed_at", "2025-06-01 10:30", "expires",
		    "2025-06-02 10:30", "new_email", "new@example.jp", NULL } },
	};
	const char	*src = getenv("top_srcdir");
	struct tenants	*ts;
	struct buf	 s = { NULL, 0, 0 }, b = { NULL, 0, 0 };
	char		 err[256];
	size_t		 i, k;
	int		 rc;

	if (src == NULL)
		src = ".";
	ts = tenants_load(src, err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ts);
	for (i = 0; i < ts->n; i++)
		for (k = 0; k < sizeof(tm) / sizeof(tm[0]); k++) {
			rc = mail_prepare(&ts->t[i], src, "https://x.test",
			    tm[k].name, tm[k].vars, &s, &b, err, sizeof(err));
			if (rc != 0)
				fprintf(stderr, "%s/%s: %s\n", ts->t[i].slug,
				    tm[k].name, err);
			CU_ASSERT_EQUAL(rc, 0);
			if (rc != 0)
				continue;
			CU_ASSERT_PTR_NOT_NULL(strstr(s.data,
			    ts->t[i].name_ja));
			CU_ASSERT_PTR_NOT_NULL(strstr(b.data,
			    ts->t[i].name_ja));
			CU_ASSERT_PTR_NULL(strstr(b.data, "{{"));
		}
	/* The board's own welcome, in the resident portal's words. */
	for (i = 0; i < ts->n; i++) {
		if (strcmp(ts->t[i].slug, "board") != 0)
			continue;
		CU_ASSERT_EQUAL(mail_prepare(&ts->t[i], src, "https://x.test",
		    "welcome", tm[6].vars, &s, &b, err, sizeof(err)), 0);
		CU_ASSERT_PTR_NOT_NULL(strstr(b.data, "ログインURL"));
		CU_ASSERT_PTR_NOT_NULL(strstr(b.data, "医籍登録番号"));
	}
	/* No such template; a name that tries to leave the directory. */
	CU_ASSERT_EQUAL(mail_prepare(&ts->t[0], src, NULL, "no_such", NULL,
	    &s, &b, err, sizeof(err)), -1);
	CU_ASSERT_EQUAL(mail_prepare(&ts->t[0], src, NULL, "../tenant", NULL,
	    &s, &b, err, sizeof(err)), -1);
	/* Built-ins: base_url absent means {{base_url}} is unknown. */
	CU_ASSERT_EQUAL(mail_prepare(&ts->t[0], src, NULL, "password_changed",
	    NULL, &s, &b, err, sizeof(err)), -1);
	tenants_free(ts);
	buf_free(&s);
	buf_free(&b);
}

/* Is name in the NULL-ended list l? */
static int
listed_in(const char *const *l, const char *name)
{
	for (; l != NULL && *l != NULL; l++)
		if (strcmp(*l, name) == 0)
			return 1;
	return 0;
}

/* Is name in the platform's lists or some feature's .mail? */
static int
listed(const char *name)
{
	size_t	 i;

	for (i = 0; platform_mail[i] != NULL; i++)
		if (listed_in(platform_mail[i], name))
			return 1;
	for (i = 0; features[i] != NULL; i++)
		if (listed_in(features[i]->mail, name))
			return 1;
	return 0;
}

/* One listed template renders on every shipped tenant. */
static void
renders(const struct tenants *ts, const char *src, const char *name)
{
	/* Every variable any caller passes: a placeholder outside these
	 * is a typo no caller would fill. */
	static const char *const vars[] = {
		"application_url", "https://x.test/application/x",
		"applied_at", "2026-06-01 10:00", "at", "2026-06-01 10:00",
		"changed_at", "2026-06-01 10:00", "comment", "コメント",
		"dashboard_url", "https://x.test/dashboard", "days", "7",
		"decision", "承認", "expires", "2026-06-02 10:30",
		"field", "氏名", "login_id", "123456",
		"login_url", "https://x.test/login", "name", "試験 太郎",
		"new_email", "new@example.jp", "new", "新", "number",
		"TC2026-000001", "old", "旧", "program_code", "01-13-001",
		"program_name", "内科", "reason", "理由",
		"review_url", "https://x.test/review/1", "round", "一次",
		"since", "2026-06-01", "stage", "統括責任者",
		"submitted_at", "2026-06-01 10:00", "title", "研修修了申請",
		"until", "2026-06-01 10:30", "url", "https://x.test/x",
		"kind", "completion", "password", "Tmp-Pass-1234",
		"year", "2026", "result", "合格", "result_en", "passed",
		"score", "85", NULL
	};
	struct buf	 s = { NULL, 0, 0 }, b = { NULL, 0, 0 };
	char		 err[256];
	size_t		 i;
	int		 rc;

	for (i = 0; i < ts->n; i++) {
		rc = mail_prepare(&ts->t[i], src, "https://x.test", name, vars,
		    &s, &b, err, sizeof(err));
		if (rc != 0)
			fprintf(stderr, "%s/%s: %s\n", ts->t[i].slug, name, err);
		CU_ASSERT_EQUAL(rc, 0);
		if (rc == 0)
			CU_ASSERT_PTR_NULL(strstr(b.data, "{{"));
	}
	buf_free(&s);
	buf_free(&b);
}

/*
 * Issue 9: every template the platform and the features send is listed
 * (platform_mail, each feature's .mail, the offerings' templates in
 * their feature's), every listed one exists and renders on every
 * shipped tenant, and no shipped template is left out of the lists.
 */
static void
t_listed(void)
{
	const struct apply_offering *const *o;
	const char	*src = getenv("top_srcdir");
	struct tenants	*ts;
	struct dirent	*e;
	DIR		*dir;
	char		 err[256], path[1024], name[128];
	size_t		 i, n;

	if (src == NULL)
		src = ".";
	ts = tenants_load(src, err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ts);
	for (i = 0; platform_mail[i] != NULL; i++)
		for (n = 0; platform_mail[i][n] != NULL; n++)
			renders(ts, src, platform_mail[i][n]);
	for (i = 0; features[i] != NULL; i++) {
		for (n = 0; features[i]->mail != NULL &&
		    features[i]->mail[n] != NULL; n++)
			renders(ts, src, features[i]->mail[n]);
		for (o = features[i]->offerings; o != NULL && *o != NULL; o++) {
			const char *const t[] = { (*o)->mail_submitted,
			    (*o)->mail_returned, (*o)->mail_approved,
			    (*o)->mail_rejected };
			for (n = 0; n < 4; n++)
				if (t[n] != NULL && !listed_in(features[i]->mail,
				    t[n])) {
					fprintf(stderr, "%s: %s not in its .mail\n",
					    features[i]->name, t[n]);
					CU_FAIL("an offering's template unlisted");
				}
		}
	}
	snprintf(path, sizeof(path), "%s/tenants/_shared/mail", src);
	dir = opendir(path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
	while ((e = readdir(dir)) != NULL) {
		n = strlen(e->d_name);
		if (n < 5 || n >= sizeof(name) ||
		    strcmp(e->d_name + n - 4, ".txt") != 0)
			continue;
		snprintf(name, sizeof(name), "%.*s", (int)(n - 4), e->d_name);
		if (!listed(name)) {
			fprintf(stderr, "%s: shipped but listed nowhere\n", name);
			CU_FAIL("a template listed nowhere");
		}
	}
	closedir(dir);
	tenants_free(ts);
}

int
suite_mail(void)
{
	static const struct utest t[] = {
		{ "template rendering", t_render },
		{ "templates refused", t_render_refused },
		{ "RFC 2047 subjects", t_rfc2047 },
		{ "base64 lines", t_base64 },
		{ "message headers and body", t_message },
		{ "header injection refused", t_message_refused },
		{ "addresses and template names", t_addr },
		{ "retry schedule and Date", t_retry_date },
		{ "shipped templates", t_shipped },
		{ "every template listed and rendering", t_listed },
		{ NULL, NULL },
	};
	return add_suite("mail", t);
}
