// In Chromium (Debian's), on a phone-sized screen, issue 4's "Done means"
// walk in one go, by a resident who did not exist before the test:
// the home page → 新規ユーザー登録 → システム利用規約 同意する → メールアドレス →
// the verification mail, read from the SMTP sink → 医籍登録番号・医籍登録日・
// 確認資料 (a PNG made here) → 確認 OK → 個人情報の登録 → 確認 → 登録 → the
// mail with the login URL, opened → sign in with the registration number
// (accepting the terms if asked) → 現在の状況 → 研修プログラムに応募する →
// 応募に関する説明 → プログラム制 → search by a domain (内科) and a
// prefecture (大阪府) → a program → 応募確認 → 応募完了 → 「現在の状況」 →
// 応募を取り消す → and the whole way again to a second program.
// At every step: no horizontal scroll at 375 px and a screenshot in
// $top_builddir/screenshots/newcomer-*.png; at the end, no console error,
// failed request or CSP violation, and the database and the sink agree.
// ACC-1, BRD-2, BRD-4, BRD-6, BRD-10, CORE-21 (issue 4, "Done means").
//
// The techniques are those of register.test.mjs (the licence PNG, the
// mails) and recruit.test.mjs (the applying flow), copied, not imported.

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
// The search: 内科 (01) in 大阪府 (27, under 近畿); the demo has several.
const DOMAIN = { code: '01', name: '内科' };
const PREF = { code: '27', name: '大阪府', region: '近畿' };

let browser;

before(async () => {
	let chromium;
	try {
		({ chromium } = await import('playwright-core'));
	} catch (e) {
		throw new Error(`playwright-core is not installed (npm ci --prefix tests): ${e.message}`);
	}
	fs.mkdirSync(SHOTS, { recursive: true });
	for (const f of fs.readdirSync(SHOTS))
		if (f.startsWith('newcomer-'))
			fs.rmSync(path.join(SHOTS, f), { force: true });
	resetThrottle();
	const [[n]] = rows(`SELECT COUNT(*) FROM program WHERE tenant = 'board' AND track = 'regular' AND domain = ${q(DOMAIN.code)} AND prefecture = ${q(PREF.code)}`);
	assert.ok(Number(n) >= 2, `the demo has ${n} ${DOMAIN.name} programs in ${PREF.name}; two are needed (demo load)`);
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

test('ACC-1 BRD-2 BRD-4 BRD-6 BRD-10 CORE-21: in Chromium on a phone a newcomer registers from the home page (both mails from the sink), signs in, finds a program by domain and prefecture, applies, sees it on 現在の状況, cancels and applies again', async () => {
	const d = uniqueDigits(9);
	const me = { email: `newcomer${d}@example.jp`, regno: d, password: newPassword('nc'), name: '新人 一郎' };
	const base = `http://${HOST}:${PORT}`;
	const context = await browser.newContext({
		viewport: { width: 375, height: 740 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true, locale: 'ja-JP',
	});
	const page = await context.newPage();
	const problems = [], csp = [];
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
	/** Where we are (pathname, or a RegExp of pathname+search), no horizontal scroll, a screenshot. */
	const step = async (name, where) => {
		const u = new URL(page.url());
		if (typeof where === 'string')
			assert.equal(u.pathname, where, `at ${name}`);
		else if (where)
			assert.match(u.pathname + u.search, where, `at ${name}`);
		const w = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
		assert.ok(w[0] <= w[1], `${name}: ${w[0]} px of content in a ${w[1]} px wide page (horizontal scroll at 375 px)`);
		n++;
		await page.screenshot({ path: path.join(SHOTS, `newcomer-${String(n).padStart(2, '0')}-${name}.png`), fullPage: true });
	};
	const main = page.locator('#main');
	/** Click and wait for the page that follows (a form post may come back to the same URL). */
	const go = (locator) => Promise.all([page.waitForNavigation({ waitUntil: 'load' }), locator.click()]);
	const button = (name) => go(main.getByRole('button', { name, exact: true }));
	// A link's accessible name may end in the "›" its CSS draws (.link-card-link::after).
	const link = (name) => go(main.getByRole('link', { name: new RegExp(`^${name}\\s*›?$`) }).first());
	const mailLink = async (re) => {
		const [m] = (await waitMail(me.email, (x) => re.test(x.body))).slice(-1);
		return re.exec(m.body)[0];
	};
	const seen = (text) => main.getByText(text, { exact: true }).first().isVisible();

	/** 研修プログラムに応募する from 現在の状況 to the search results of DOMAIN in PREF. */
	const toSearch = async (round) => {
		await link('研修プログラムに応募する');
		await step(`${round}-explain`, '/apply');
		assert.ok(await main.getByRole('heading', { name: '応募に関する説明' }).isVisible());
		await link('応募する');
		await step(`${round}-system`, '/apply/system');
		await button('プログラム制を選択');
		await step(`${round}-search`, '/apply/search');
		const form = page.locator('form.recruit-search');
		await form.getByLabel(DOMAIN.name, { exact: true }).check();
		await form.locator('summary', { hasText: PREF.region }).click();
		await form.getByLabel(PREF.name, { exact: true }).check();
		await step(`${round}-search-filled`);
		await go(form.getByRole('button', { name: '検索', exact: true }));
		await step(`${round}-results`, new RegExp(`^/apply/search\\?.*domain=${DOMAIN.code}.*pref=${PREF.code}`));
		assert.match(await page.locator('.recruit-results [role="status"]').innerText(), /検索結果：\d+件/);
		const cards = await page.locator('.recruit-results .notice-body').allInnerTexts();
		assert.ok(cards.length >= 2 && cards.every((t) => t.includes(DOMAIN.name) && t.includes(PREF.name)),
		    `results of ${DOMAIN.name} × ${PREF.name}:\n${cards.join('\n')}`);
	};

	/** The nth program of the results → 詳細 → 応募する → 応募確認 → 応募完了; its id. */
	const apply = async (round, nth) => {
		await go(page.locator('.recruit-results a[href^="/apply/programs/"]').nth(nth));
		await step(`${round}-detail`, /^\/apply\/programs\/\d+$/);
		const id = /\/apply\/programs\/(\d+)$/.exec(page.url())[1];
		assert.ok(await main.getByRole('heading', { name: 'ローテーションの確認' }).isVisible());
		await link('応募する');
		await step(`${round}-confirm`, new RegExp(`^/apply/confirm\\?program=${id}$`));
		assert.match(await main.locator('dt', { hasText: /^研修制度$/ }).locator('xpath=following-sibling::dd[1]').innerText(),
		    /^プログラム制/, 'the confirmation names the training system');
		await button('このプログラムに応募する');
		await step(`${round}-done`, /^\/apply\/done\?id=\d+$/);
		assert.ok(await main.getByRole('heading', { name: '応募完了' }).isVisible());
		await link('現在の状況へ');
		await step(`${round}-dashboard`, '/dashboard');
		assert.match(await main.locator('.recruit-status').first().innerText(), /状態：\d{4}年度専攻医募集 応募中/);
		assert.equal(await main.locator('.recruit-application').count(), 1);
		assert.ok(await main.getByText('連携施設一覧').first().isVisible());
		assert.ok(await main.getByText('申請済みです。').first().isVisible());
		return id;
	};

	try {
		// CSP violations of every page on the way, reported to the test
		// as they happen (a page's own list would die with the page).
		await page.exposeFunction('__cspViolation', (v) => csp.push(v));
		await page.addInitScript(() => {
			document.addEventListener('securitypolicyviolation',
			    (e) => window.__cspViolation(`${location.pathname}: ${e.violatedDirective} ${e.blockedURI}`));
		});

		// ---------------------------------------------------- registration (ACC-1)
		await page.goto(`${base}/`, { waitUntil: 'load' });
		await step('home', '/');
		// The menu's 新規ユーザー登録 (the daemon's home page has no link cards).
		const menu = page.getByRole('navigation', { name: 'メニュー' });
		await go(menu.getByRole('link', { name: '新規ユーザー登録', exact: true }));
		await step('terms', '/register');
		assert.ok(await seen('システム利用規約'));
		await button('同意する');

		await step('email', '/register/email');
		await page.fill('#f-email', me.email);
		await button('認証メールを送信する');
		await step('email-sent', '/register/email');
		assert.ok(await main.getByText(me.email).first().isVisible());

		await page.goto(await mailLink(/https?:\/\/\S+\/register\/verify\?t=[A-Za-z0-9_-]{43}/), { waitUntil: 'load' });
		await step('licence', '/register/licence');
		await page.fill('#f-regno', me.regno);
		await page.fill('#f-regno_date', '2025-04-18');
		await page.setInputFiles('#f-licence', { name: '医師免許証.png', mimeType: 'image/png', buffer: licencePng() });
		await step('licence-filled');
		await button('確認画面へ進む');

		await step('licence-check', '/register/check');
		assert.ok(await seen(me.regno));
		assert.ok(await main.locator('img.upload-thumb').first().evaluate((i) => i.complete && i.naturalWidth > 0),
		    'the licence preview is drawn');
		await button('OK');

		await step('personal', '/register/personal');
		await page.fill('#f-name_kanji', me.name);
		await page.fill('#f-name_kana', 'シンジン イチロウ');
		await page.fill('#f-birth_date', '1999-05-12');
		await page.locator('input[name="sex"][value="m"]').check();
		await page.fill('#f-training_program', 'デモ市民病院 初期臨床研修プログラム');
		await page.fill('#f-training_done_on', '2027-03-31');
		await page.fill('#f-phone', '06-1234-5678');
		await page.fill('#f-postal_code', '530-0001');
		await page.selectOption('#f-pref', PREF.code);
		await page.fill('#f-address', '大阪市北区梅田1-1-1 デモタワー 12階');
		await page.selectOption('#f-desired_domain', DOMAIN.code);
		await page.fill('#f-password', me.password);
		await page.fill('#f-password2', me.password);
		await step('personal-filled');
		await button('確認画面へ進む');

		await step('personal-confirm', '/register/confirm');
		assert.ok(await seen(me.name));
		assert.ok(await seen(DOMAIN.name));
		assert.ok(await seen(PREF.name));
		await button('登録する');
		await step('registered', '/register/done');
		assert.ok(await main.getByText('メールのURLをクリックするまで').first().isVisible());

		await page.goto(await mailLink(/https?:\/\/\S+\/register\/activate\?t=[A-Za-z0-9_-]{43}/), { waitUntil: 'load' });
		await step('activated', '/register/activate');

		// ---------------------------------------------------- sign in
		await link('ログイン画面へ');
		await step('login', '/login');
		await page.fill('#f-ident', me.regno);
		await page.fill('#f-password', me.password);
		await button('ログイン');
		if (new URL(page.url()).pathname.startsWith('/terms')) {
			await step('login-terms');
			await button('同意する');
		}
		await step('signed-in');
		await go(menu.getByRole('link', { name: '現在の状況', exact: true }));
		await step('dashboard-empty', '/dashboard');
		assert.ok(await main.getByRole('heading', { name: '現在の状況' }).isVisible());
		assert.ok(await seen('応募中・採用が決定している研修プログラムはありません。'));

		// ---------------------------------------------------- apply (BRD-2, BRD-4, BRD-10)
		await toSearch('a');
		const first = await apply('a', 0);

		// ---------------------------------------------------- cancel (BRD-6)
		await link('応募を取り消す');
		await step('a-cancel', /^\/apply\/cancel\?id=\d+$/);
		await button('応募を取り消す');
		await step('a-cancelled', /^\/dashboard\?done=cancelled$/);
		assert.ok(await seen('応募を取り消しました。'));
		assert.equal(await main.locator('.recruit-application').count(), 0);

		// ---------------------------------------------------- and again
		await toSearch('b');
		const second = await apply('b', 1);
		assert.notEqual(second, first, 'the second application is to another program');

		// ---------------------------------------------------- what is left behind
		assert.deepEqual(csp, [], 'CSP violations');
		assert.deepEqual(problems, [], 'console errors or failed requests');
		const [[uid, activated]] = rows(`SELECT uid, activated_at IS NOT NULL FROM member WHERE tenant = 'board' AND regno = ${q(me.regno)}`);
		assert.equal(activated, '1', 'the account is activated');
		assert.deepEqual(rows(`SELECT program_id, system, state, IFNULL(live, 'NULL') FROM application WHERE tenant = 'board' AND uid = ${q(uid)} ORDER BY id`),
		    [[first, 'program', 'cancelled', 'NULL'], [second, 'program', 'applied', '1']]);
		// 応募を受け付けました twice, 応募を取り消しました once.
		await waitMail(me.email, (m) => m.subject.includes('応募を受け付けました'), { count: 2 });
		await waitMail(me.email, (m) => m.subject.includes('応募を取り消しました'));
	} finally {
		await context.close();
	}
});
