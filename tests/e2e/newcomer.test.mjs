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
// The licence PNG, the mails' links and the step checks come from
// browser.mjs; the applying flow is that of recruit.test.mjs.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { PORT } from '../integration/http.mjs';
import { waitMail, resetThrottle, uniqueDigits, newPassword, rows, q } from '../integration/auth.mjs';
import { launch, watch, watchCsp, stepper, mailLink as sinkLink, licencePng, PHONE, SHOTS } from './browser.mjs';

const HOST = 'board.localhost';
// The search: 内科 (01) in 大阪府 (27, under 近畿); the demo has several.
const DOMAIN = { code: '01', name: '内科' };
const PREF = { code: '27', name: '大阪府', region: '近畿' };

let browser;

before(async () => {
	browser = await launch();	// makes SHOTS
	for (const f of fs.readdirSync(SHOTS))
		if (f.startsWith('newcomer-'))
			fs.rmSync(path.join(SHOTS, f), { force: true });
	resetThrottle();
	const [[n]] = rows(`SELECT COUNT(*) FROM program WHERE tenant = 'board' AND track = 'regular' AND domain = ${q(DOMAIN.code)} AND prefecture = ${q(PREF.code)}`);
	assert.ok(Number(n) >= 2, `the demo has ${n} ${DOMAIN.name} programs in ${PREF.name}; two are needed (demo load)`);
});

after(async () => {
	await browser?.close();
});

test('ACC-1 BRD-2 BRD-4 BRD-6 BRD-10 CORE-21: in Chromium on a phone a newcomer registers from the home page (both mails from the sink), signs in, finds a program by domain and prefecture, applies, sees it on 現在の状況, cancels and applies again', async () => {
	const d = uniqueDigits(9);
	const me = { email: `newcomer${d}@example.jp`, regno: d, password: newPassword('nc'), name: '新人 一郎' };
	const base = `http://${HOST}:${PORT}`;
	const context = await browser.newContext(PHONE);
	const page = await context.newPage();
	const problems = watch(page);
	let csp;
	/** Where we are (pathname, or a RegExp of pathname+search), no horizontal scroll, a screenshot. */
	const step = stepper(page, 'newcomer');
	const main = page.locator('#main');
	/** Click and wait for the page that follows (a form post may come back to the same URL). */
	const go = (locator) => Promise.all([page.waitForNavigation({ waitUntil: 'load' }), locator.click()]);
	const button = (name) => go(main.getByRole('button', { name, exact: true }));
	// A link's accessible name may end in the "›" its CSS draws (.link-card-link::after).
	const link = (name) => go(main.getByRole('link', { name: new RegExp(`^${name}\\s*›?$`) }).first());
	const mailLink = (re) => sinkLink(me.email, re);
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
		// The program's address carries the search it was found by (issue 7 item 18).
		await step(`${round}-detail`, /^\/apply\/programs\/\d+\?/);
		const id = /\/apply\/programs\/(\d+)\?/.exec(page.url())[1];
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
		csp = await watchCsp(page);

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
