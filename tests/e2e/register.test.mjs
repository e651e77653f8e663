// In Chromium (Debian's), on a phone-sized screen: a new resident
// registers as seed 000 shows — 新規ユーザー登録 → システム利用規約 同意する →
// メールアドレス → the verification mail, read from the SMTP sink →
// 医籍登録番号・医籍登録日・確認資料 (a PNG chosen in the file input) → 確認
// OK → 個人情報の登録 → 確認 → 登録 → the mail with the login URL → sign in
// with the registration number → 会員情報.  No console error, no CSP
// violation, no horizontal scroll at 375 px; screenshots of every step in
// $top_builddir/screenshots/register-*.png.  ACC-1, CORE-12, CORE-21.
// Issue 4 item 12 ("a browser test that registers a new resident").

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { PORT } from '../integration/http.mjs';
import { resetThrottle, uniqueDigits, newPassword, rows, q } from '../integration/auth.mjs';
import { launch, watch, watchCsp, stepper, mailLink as sinkLink, licencePng, PHONE } from './browser.mjs';

const HOST = 'board.localhost';

let browser;

before(async () => {
	resetThrottle();
	browser = await launch();
});

after(async () => {
	await browser?.close();
});

test('ACC-1 CORE-12 CORE-21: in Chromium on a phone a new resident registers from the terms to 会員情報, reading both mails from the sink', async () => {
	const d = uniqueDigits(9);
	const me = { email: `e2e${d}@example.jp`, regno: d, password: newPassword('e2e') };
	const base = `http://${HOST}:${PORT}`;
	const context = await browser.newContext(PHONE);
	const page = await context.newPage();
	const problems = watch(page);
	const step = stepper(page, 'register');
	const click = (name) => Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).click()]);
	const mailLink = (re) => sinkLink(me.email, re);
	try {
		const csp = await watchCsp(page);
		// The home page's menu: 新規ユーザー登録.
		await page.goto(`${base}/`, { waitUntil: 'load' });
		await Promise.all([page.waitForNavigation(), page.locator('a[href="/register"]').first().click()]);
		await step('terms', '/register');
		assert.ok(await page.getByText('システム利用規約', { exact: true }).isVisible());
		await click('同意する');

		await step('email', '/register/email');
		await page.fill('#f-email', me.email);
		await click('認証メールを送信する');
		await step('email-sent', '/register/email');
		assert.ok(await page.getByText(me.email, { exact: false }).first().isVisible());

		// The verification mail, from the sink; its link in this browser.
		await page.goto(await mailLink(/https?:\/\/\S+\/register\/verify\?t=[A-Za-z0-9_-]{43}/), { waitUntil: 'load' });
		await step('licence', '/register/licence');
		await page.fill('#f-regno', me.regno);
		await page.fill('#f-regno_date', '2024-04-20');
		await page.setInputFiles('#f-licence', { name: '医師免許証.png', mimeType: 'image/png', buffer: licencePng() });
		await step('licence-filled');
		await click('確認画面へ進む');

		await step('check', '/register/check');
		assert.ok(await page.getByText(me.regno, { exact: true }).isVisible());
		assert.ok(await page.locator('img.upload-thumb').first().evaluate((i) => i.complete && i.naturalWidth > 0),
		    'the licence preview is drawn');
		await click('OK');

		await step('personal', '/register/personal');
		await page.fill('#f-name_kanji', '画面 花子');
		await page.fill('#f-name_kana', 'ガメン ハナコ');
		await page.fill('#f-birth_date', '1998-07-07');
		await page.locator('input[name="sex"][value="f"]').check();
		await page.fill('#f-training_program', 'デモ大学病院 初期臨床研修プログラム');
		await page.fill('#f-training_done_on', '2026-03-31');
		await page.fill('#f-phone', '090-1234-5678');
		// 一時保存 keeps what was typed so far (CORE-12).
		await click('一時保存する');
		await step('personal-saved', '/register/personal');
		assert.equal(await page.inputValue('#f-name_kana'), 'ガメン ハナコ');
		await page.fill('#f-postal_code', '100-0005');
		await page.selectOption('#f-pref', '13');
		await page.fill('#f-address', '千代田区丸の内1-1-1 デモビル 3階');
		await page.selectOption('#f-desired_domain', '02');
		await page.fill('#f-password', me.password);
		await page.fill('#f-password2', me.password);
		await click('確認画面へ進む');

		await step('confirm', '/register/confirm');
		assert.ok(await page.getByText('小児科', { exact: true }).isVisible());
		assert.ok(await page.getByText('東京都', { exact: true }).isVisible());
		await click('登録する');
		await step('done', '/register/done');
		assert.ok(await page.getByText('メールのURLをクリックするまで', { exact: false }).isVisible());

		// Not yet: the login URL was not opened.
		await page.goto(`${base}/login`, { waitUntil: 'load' });
		await page.fill('#f-ident', me.regno);
		await page.fill('#f-password', me.password);
		await click('ログイン');
		await step('login-refused', '/login');
		assert.ok(await page.locator('.error-summary').isVisible());

		await page.goto(await mailLink(/https?:\/\/\S+\/register\/activate\?t=[A-Za-z0-9_-]{43}/), { waitUntil: 'load' });
		await step('activated', '/register/activate');
		await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'ログイン画面へ' }).click()]);
		await page.fill('#f-ident', me.regno);
		await page.fill('#f-password', me.password);
		await click('ログイン');
		assert.equal(new URL(page.url()).pathname, '/');
		await page.goto(`${base}/member`, { waitUntil: 'load' });
		await step('member', '/member');
		assert.ok(await page.getByText('画面 花子', { exact: true }).isVisible());

		assert.deepEqual(csp, [], 'CSP violations');
		// The refused sign-in answers 200 with the error; nothing else failed.
		assert.deepEqual(problems, [], 'console errors or failed requests');
		assert.equal(rows(`SELECT COUNT(*) FROM member WHERE tenant = 'board' AND regno = ${q(me.regno)} AND activated_at IS NOT NULL`)[0][0], '1');
	} finally {
		await context.close();
	}
});
