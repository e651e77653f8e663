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
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

import { PORT, ADDR } from '../integration/http.mjs';
import { waitMail, resetThrottle, uniqueDigits, newPassword, rows, q } from '../integration/auth.mjs';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SHOTS = path.join(process.env.top_builddir || process.cwd(), 'screenshots');
const HOST = 'board.localhost';

let browser;

before(async () => {
	let chromium;
	try {
		({ chromium } = await import('playwright-core'));
	} catch (e) {
		throw new Error(`playwright-core is not installed (npm ci --prefix tests): ${e.message}`);
	}
	fs.mkdirSync(SHOTS, { recursive: true });
	resetThrottle();
	browser = await chromium.launch({
		executablePath: CHROMIUM,
		timeout: 60000,
		args: ['--headless', '--no-sandbox', '--disable-gpu',
		    '--disable-background-networking', '--disable-dev-shm-usage',
		    `--host-resolver-rules=MAP *.localhost ${ADDR}`],
	});
});

after(async () => {
	await browser?.close();
});

/** A small licence-like PNG (a pale card with a dark band), made here. */
function licencePng(w = 240, h = 150) {
	const crcTable = Array.from({ length: 256 }, (_, n) => {
		let c = n;
		for (let k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		return c >>> 0;
	});
	const crc = (buf) => {
		let c = 0xffffffff;
		for (const b of buf)
			c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
		return (c ^ 0xffffffff) >>> 0;
	};
	const chunk = (type, data) => {
		const len = Buffer.alloc(4);
		len.writeUInt32BE(data.length);
		const td = Buffer.concat([Buffer.from(type), data]);
		const c = Buffer.alloc(4);
		c.writeUInt32BE(crc(td));
		return Buffer.concat([len, td, c]);
	};
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(w, 0);
	ihdr.writeUInt32BE(h, 4);
	ihdr[8] = 8;	// bit depth
	ihdr[9] = 2;	// truecolour
	const raw = Buffer.alloc((w * 3 + 1) * h);
	for (let y = 0; y < h; y++) {
		for (let x = 0; x < w; x++) {
			const o = y * (w * 3 + 1) + 1 + x * 3;
			const band = y < 28;
			const line = y > 50 && y % 18 < 3 && x > 20 && x < w - 60;
			raw[o] = band ? 31 : line ? 120 : 246;
			raw[o + 1] = band ? 58 : line ? 120 : 240;
			raw[o + 2] = band ? 104 : line ? 130 : 225;
		}
	}
	return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
	    chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

test('ACC-1 CORE-12 CORE-21: in Chromium on a phone a new resident registers from the terms to 会員情報, reading both mails from the sink', async () => {
	const d = uniqueDigits(9);
	const me = { email: `e2e${d}@example.jp`, regno: d, password: newPassword('e2e') };
	const base = `http://${HOST}:${PORT}`;
	const context = await browser.newContext({
		viewport: { width: 375, height: 740 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true, locale: 'ja-JP',
	});
	const page = await context.newPage();
	const problems = [];
	page.on('console', (m) => {
		if (m.type() === 'error' || m.type() === 'warning')
			problems.push(`console ${m.type()}: ${m.text()}`);
	});
	page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
	page.on('requestfailed', (r) => {
		if (r.failure()?.errorText !== 'net::ERR_ABORTED')
			problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
	});
	page.on('response', (r) => {
		if (r.status() >= 400)
			problems.push(`HTTP ${r.status()}: ${r.url()}`);
	});
	let n = 0;
	const step = async (name, pathname) => {
		if (pathname)
			assert.equal(new URL(page.url()).pathname, pathname, `at ${name}`);
		const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
		assert.ok(wide <= 0, `${name}: ${wide}px of horizontal scroll at 375 px`);
		n++;
		await page.screenshot({ path: path.join(SHOTS, `register-${String(n).padStart(2, '0')}-${name}.png`), fullPage: true });
	};
	const click = (name) => Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).click()]);
	const mailLink = async (re) => {
		const [m] = (await waitMail(me.email, (x) => re.test(x.body))).slice(-1);
		return re.exec(m.body)[0];
	};
	try {
		await page.addInitScript(() => {
			window.__csp = [];
			document.addEventListener('securitypolicyviolation',
			    (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
		});
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

		assert.deepEqual(await page.evaluate(() => window.__csp), [], 'CSP violations');
		// The refused sign-in answers 200 with the error; nothing else failed.
		assert.deepEqual(problems, [], 'console errors or failed requests');
		assert.equal(rows(`SELECT COUNT(*) FROM member WHERE tenant = 'board' AND regno = ${q(me.regno)} AND activated_at IS NOT NULL`)[0][0], '1');
	} finally {
		await context.close();
	}
});
