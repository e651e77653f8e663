// In Chromium (Debian's): the medical association's completion
// application end to end (issue 13, seed 004, CME-3..CME-9).  A member
// physician of デモ中央地区医師会 (13001) with 4 lecture units this
// fiscal year opens 研修会（講習会）管理メインメニュー, searches the lecture
// credits, adds a self-reported credit with its certificate (単位等追加
// 入力), enters a category I practical training with its certificate,
// keeps the association the member record gives, and applies; the
// association's reviewer (signed in, TOTP included, a context of its
// own) returns it with a comment; the physician reads it on 認定（修了）
// 申請履歴, fixes the practical row and applies again; the reviewer
// approves; the physician downloads the 修了証 (a PDF with its
// verification URL, which answers 有効).
//
// The physician's whole walk runs with JavaScript off, at 375 px, with
// no sideways scroll; screenshots $top_builddir/screenshots/medassoc-*.png.
// Every person is fresh, so a rerun on one stack passes.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { PORT } from '../integration/http.mjs';
import {
	Client, createUser, nextCode, resetThrottle, rows, sql, q, signIn,
} from '../integration/auth.mjs';
import { pdfText } from '../integration/pdf.mjs';
import { launch, watch, stepper, shot, PHONE, licencePng } from './browser.mjs';

const HOST = 'medassoc.localhost';
const BASE = `http://${HOST}:${PORT}`;
const TOP = '/application/kakari';
const COMMENT = 'E2E: 実地研修の証明書に日付が読み取れません。';

let browser, reviewer, offering;

const jst = (s = 0) => new Date(Date.now() + s * 1000 + 9 * 3600 * 1000).toISOString().slice(0, 19).replace('T', ' ');
const today = () => jst().slice(0, 10);
const FY = () => Number(today().slice(0, 4)) - (Number(today().slice(5, 7)) < 4 ? 1 : 0);

before(async () => {
	resetThrottle();
	offering = rows(`SELECT id, open_at, close_at FROM offering WHERE tenant = 'medassoc' AND kind = 'kakari' AND year = ${FY()}`)[0];
	assert.ok(offering, 'the demo has this fiscal year\'s window (demo load)');
	sql(`UPDATE offering SET open_at = ${q(jst(-3600))}, close_at = ${q(jst(7200))} WHERE id = ${offering[0]}`);
	const user = createUser('medassoc', { roles: ['association_reviewer'], tag: 'e2erv' });
	sql(`INSERT INTO reviewer_scope (tenant, uid, role, scope) VALUES ('medassoc', ${q(user.uid)}, 'association_reviewer', 'assoc:13001')`);
	const c = await signIn(HOST, user.ident, user.password, { enrol: true });
	assert.ok(c.totp?.secret, 'reviewer: TOTP enrolled');
	reviewer = { user, totp: c.totp };
	browser = await launch();
});

after(async () => {
	await browser?.close();
	if (offering)
		sql(`UPDATE offering SET open_at = ${q(offering[1])}, close_at = ${q(offering[2])} WHERE id = ${offering[0]}`);
});

async function signInPage(page, user, totp) {
	await page.goto(`${BASE}/login`, { waitUntil: 'load' });
	await page.locator('form#login input[name="ident"]').fill(user.ident);
	await page.locator('form#login input[name="password"]').fill(user.password);
	await Promise.all([page.waitForNavigation(), page.locator('form#login button[type="submit"]').click()]);
	if (totp && await page.locator('form#totp').count() > 0) {
		await page.locator('form#totp input[name="code"]').fill(await nextCode(totp));
		await Promise.all([page.waitForNavigation(), page.locator('form#totp button[type="submit"]').click()]);
	}
	await page.goto(`${BASE}/account`, { waitUntil: 'load' });
	if (new URL(page.url()).pathname === '/terms')
		await Promise.all([page.waitForNavigation(), page.locator('form#terms button[type="submit"]').click()]);
	assert.notEqual(new URL(page.url()).pathname, '/login', `${user.ident} signed in`);
}

const file = (name) => ({ name, mimeType: 'image/png', buffer: licencePng() });

async function click(page, name, role = 'button') {
	await Promise.all([page.waitForNavigation(), page.getByRole(role, { name, exact: true }).first().click()]);
}

async function submit(page, step, again = '') {
	await page.goto(`${BASE}${TOP}`, { waitUntil: 'load' });
	await click(page, '申請内容の確認へ', 'link');
	await step(`confirm${again}`, `${TOP}/confirm`);
	await click(page, '申請する');
	assert.match(page.url(), /done=submitted/);
	await step(`submitted${again}`);
}

function appOf(uid) {
	const [id, number, state, scope, version] = rows(`SELECT id, number, state, scope, version FROM app
	    WHERE tenant = 'medassoc' AND uid = ${q(uid)} AND live = 1`)[0] || [];
	return { id, number, state, scope, version: Number(version) };
}

async function review(r, id, button, comment, name) {
	await r.page.goto(`${BASE}/review`, { waitUntil: 'load' });
	await r.page.locator(`a[href="/review/${id}"]`).first().click();
	await r.page.waitForURL(new RegExp(`/review/${id}$`));
	if (comment)
		await r.page.locator('#review-comment').fill(comment);
	await shot(r.page, `medassoc-staff-${name}`);
	await click(r.page, button);
}

test('CME-3 CME-4 CME-5 CME-6 CME-7 CME-8 CME-9: in Chromium (JavaScript off, 375 px) a physician searches credits, adds a self-reported credit, enters practical training and applies; returned, fixed and applied again; approved; the 修了証 PDF\'s verification URL says 有効', async () => {
	const doc = createUser('medassoc', { tag: 'e2edoc' });
	sql(`INSERT INTO cme_member (tenant, uid, assoc) VALUES ('medassoc', ${q(doc.uid)}, '13001')`);
	sql(`INSERT INTO credit (tenant, uid, source, code, units, earned_on, title) VALUES ('medassoc', ${q(doc.uid)}, 'elearning', '80', 4, ${q(today())}, '日医e-ラーニング')`);
	// The member record (the 修了証's holder is its name).
	sql(`INSERT INTO member (tenant, uid, member_no, name_kanji, name_kana, birth_date, phone, postal_code, pref, address, email, activated_at)
	    VALUES ('medassoc', ${q(doc.uid)}, ${q(doc.number)}, ${q(doc.name)}, 'シケン', '1980-04-01',
	    '03-0000-0000', '160-0023', '13', '新宿区西新宿1-1', ${q(doc.mail)}, NOW())`);

	const context = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
	const page = await context.newPage();
	const problems = watch(page);
	const step = stepper(page, 'medassoc');
	let staff;
	try {
		await signInPage(page, doc);
		// 研修会（講習会）管理メインメニュー: the three entries.
		await page.goto(`${BASE}/cme`, { waitUntil: 'load' });
		const menu = await page.locator('#main').innerText();
		for (const w of ['認定（修了）申請', '認定（修了）申請履歴', '認定証・修了証ダウンロード'])
			assert.ok(menu.includes(w), w);
		await step('menu', '/cme');
		await click(page, '認定（修了）申請', 'link');
		await step('top', TOP);

		// 座学研修: search from four years back: 4 単位.
		await page.goto(`${BASE}${TOP}/lecture`, { waitUntil: 'load' });
		await page.locator('select[name="from_fy"]').selectOption(String(FY() - 4));
		await step('lecture-form');
		await click(page, '保存して申請トップへ');
		assert.match(await page.locator('#main').innerText(), /4 単位/);
		await step('lecture-4');

		// 単位等追加入力: 2 units with its certificate, this fiscal year.
		await page.goto(`${BASE}/cme/self`, { waitUntil: 'load' });
		await page.locator('input[name="units"]').fill('2');
		await page.locator('select[name="code"]').selectOption('12');
		await page.locator('input[name="earned_on"]').fill(today());
		await page.locator('input[name="title"]').fill('日本医学会分科会 総会');
		await page.locator('input[name="certificate"]').setInputFiles(file('参加証.png'));
		await step('self-form', '/cme/self');
		await click(page, '追加');
		assert.ok(await page.getByText('単位を追加しました。', { exact: false }).first().isVisible());
		await step('self-added');
		assert.equal(rows(`SELECT COUNT(*) FROM credit WHERE uid = ${q(doc.uid)} AND source = 'self' AND upload_id IS NOT NULL`)[0][0], '1');

		// The search again: 6 単位.
		await page.goto(`${BASE}${TOP}/lecture`, { waitUntil: 'load' });
		await click(page, '保存して申請トップへ');
		assert.match(await page.locator('#main').innerText(), /6 単位/);

		// 実地研修: one category I item with its certificate (5 単位).
		await page.goto(`${BASE}${TOP}/practical/new`, { waitUntil: 'load' });
		await page.locator('input[name="category"][value="1"]').check();
		await page.locator('select[name="item"]').selectOption('i01');
		await page.locator('input[name="certificate"]').setInputFiles(file('証明書.png'));
		await step('practical-form');
		await click(page, '保存');
		assert.ok(await page.getByText('保存しました。').first().isVisible());
		await step('practical-saved');

		// 申請先: the member's own association, as given.
		await page.goto(`${BASE}${TOP}/dest`, { waitUntil: 'load' });
		assert.equal(await page.locator('select[name="assoc"]').inputValue(), '13001');
		await step('dest');
		await click(page, '保存して申請トップへ');
		await submit(page, step);
		let a = appOf(doc.uid);
		assert.equal(a.state, 'submitted');
		assert.equal(a.scope, 'assoc:13001');

		// The reviewer returns it with a comment.
		const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
		staff = { context: ctx, page: await ctx.newPage() };
		staff.problems = watch(staff.page);
		await signInPage(staff.page, reviewer.user, reviewer.totp);
		await review(staff, a.id, '差し戻す', COMMENT, 'return');
		assert.equal(appOf(doc.uid).state, 'returned');

		// 認定（修了）申請履歴: 差戻し with the comment; fixed, applied again.
		await page.goto(`${BASE}/cme/history`, { waitUntil: 'load' });
		const hist = await page.locator('#main').innerText();
		assert.match(hist, /差戻し/);
		assert.ok(hist.includes(COMMENT));
		await step('history-returned', '/cme/history');
		await page.goto(`${BASE}${TOP}/practical`, { waitUntil: 'load' });
		await click(page, '編集', 'link');
		await page.locator('[name="detail"]').fill('地域ケア会議 2回参加（日付入りの証明書）');
		await page.locator('input[name="certificate"]').setInputFiles(file('証明書-再提出.png'));
		await step('practical-fix');
		await click(page, '保存');
		await submit(page, step, '-again');
		a = appOf(doc.uid);
		assert.equal(a.version, 2);

		// Approved: the 修了証.
		await review(staff, a.id, '承認する', '', 'approve');
		assert.equal(appOf(doc.uid).state, 'approved');
		await page.goto(`${BASE}/cme/history?view=cert`, { waitUntil: 'load' });
		assert.match(await page.locator('#main').innerText(), /承認/);
		await step('history-approved');
		const href = await page.getByRole('link', { name: '修了証（PDF）' }).first().getAttribute('href');
		assert.match(href, /^\/cme\/certificate\/\d+\.pdf$/);
		// Fetched with the page's cookie (JavaScript is off in the page).
		const jar = Object.fromEntries((await context.cookies(BASE)).map((c) => [c.name, c.value]));
		const res = await new Client(HOST, jar).get(href);
		assert.equal(res.status, 200);
		assert.match(res.headers['content-type'], /^application\/pdf/);
		const text = pdfText(res.raw);
		assert.match(text, /修了証/);
		assert.match(text, /かかりつけ医機能報告制度にかかる研修/);
		assert.ok(text.includes(doc.name), 'the holder\'s name on the 修了証');
		const m = /https?:\/\/medassoc\.localhost(?::\d+)?\/verify\/([A-Z2-7]{26})/.exec(text.replace(/\s+/g, ''));
		assert.ok(m, `a verification URL in the PDF text:\n${text}`);
		sql("DELETE FROM throttle WHERE purpose = 'cert.verify'");
		await page.goto(`${BASE}/verify/${m[1]}`, { waitUntil: 'load' });
		assert.match(await page.locator('#main').innerText(), /有効/);
		await step('verify', `/verify/${m[1]}`);

		assert.deepEqual(problems, []);
		assert.deepEqual(staff.problems, []);
	} finally {
		await staff?.context.close();
		await context.close();
	}
});

// The tenant admin's reference lists (issue 13): at 375 px with
// JavaScript off, the office adds a local association by its form and
// renames a curriculum code by a CSV file (dry run, then commit); a
// physician who is not a member finds the new association under its
// prefecture on 申請先 and the new name on 単位等追加入力 at once.  The
// rows are put back afterwards (codes 46900–46998, code 82's name).
test('CME-3 CME-4 tenant admins: in Chromium (JavaScript off, 375 px) an association added by its form and a curriculum code renamed by CSV reach the physician\'s pages at once', async () => {
	const code = `469${String(Date.now() % 99).padStart(2, '0')}`;
	const name82 = rows("SELECT name FROM credit_code WHERE tenant = 'medassoc' AND code = '82'")[0][0];
	sql(`DELETE FROM cme_assoc WHERE tenant = 'medassoc' AND code = ${q(code)}`);
	const adminUser = createUser('medassoc', { roles: ['tenant_admin'], tag: 'e2ead' });
	const ac = await signIn(HOST, adminUser.ident, adminUser.password, { enrol: true });
	const doc = createUser('medassoc', { tag: 'e2enm' });

	const context = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
	const page = await context.newPage();
	const problems = watch(page);
	const step = stepper(page, 'medassoc-admin');
	try {
		await signInPage(page, adminUser, ac.totp);
		await page.goto(`${BASE}/admin`, { waitUntil: 'load' });
		await click(page, '都道府県・医師会の管理', 'link');
		await step('assocs', '/admin/cme/assocs');
		await click(page, '医師会を追加', 'link');
		await page.locator('[name="assoc_code"]').fill(code);
		await page.locator('[name="name_ja"]').fill('鹿児島デモ新設地区医師会');
		await step('assoc-new', '/admin/cme/assocs/new');
		await click(page, '保存する');
		await step('assocs-saved', /\/admin\/cme\/assocs\?done=saved&pref=46/);
		assert.ok((await page.locator('#main').innerText()).includes('鹿児島デモ新設地区医師会'));

		await page.goto(`${BASE}/admin/credit/codes/import`, { waitUntil: 'load' });
		await page.locator('#import-file').setInputFiles({ name: 'codes.csv', mimeType: 'text/csv',
			buffer: Buffer.from('\ufeffカリキュラムコード,名称,表示順\r\n82,生活習慣（E2E）,\r\n') });
		await click(page, '内容を確認する（取り込みません）');
		await step('codes-check');
		assert.equal(rows("SELECT name FROM credit_code WHERE tenant = 'medassoc' AND code = '82'")[0][0], name82, 'the dry run wrote nothing');
		await click(page, 'この内容で取り込む');
		await step('codes-committed');
		assert.equal(rows("SELECT name FROM credit_code WHERE tenant = 'medassoc' AND code = '82'")[0][0], '生活習慣（E2E）');

		await context.clearCookies();
		await signInPage(page, doc);
		await page.goto(`${BASE}${TOP}/dest`, { waitUntil: 'load' });
		assert.ok((await page.locator('#main').innerText()).includes('最寄りの医師会'), 'the non-member\'s note (seed 004 2-2)');
		assert.equal(await page.locator(`select[name="assoc"] option[value="${code}"]`).innerText(), '鹿児島デモ新設地区医師会');
		await step('dest-new-assoc', `${TOP}/dest`);
		await page.goto(`${BASE}/cme/self`, { waitUntil: 'load' });
		assert.equal(await page.locator('select[name="code"] option[value="82"]').innerText(), '82 生活習慣（E2E）');
		await step('self-renamed-code', '/cme/self');
		assert.deepEqual(problems, []);
	} finally {
		await context.close();
		sql(`DELETE FROM cme_assoc WHERE tenant = 'medassoc' AND code = ${q(code)}`);
		sql(`UPDATE credit_code SET name = ${q(name82)} WHERE tenant = 'medassoc' AND code = '82'`);
	}
});
