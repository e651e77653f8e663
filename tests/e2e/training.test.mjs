// In Chromium (Debian's): the board's completion application end to end
// (issue 9, BRD-11).  A resident of an accepted program records two
// rotations through the real forms, applies (申請内容の確認 → 申請する),
// the program director returns it with a comment, the resident sees the
// comment at the top of 申請トップ, fixes a row and applies again; the
// director, the domain's society reviewer and the board admin approve
// (each signed in, TOTP included, in a browser context of its own); the
// admin confirms the 認定料 at /admin/fees; the resident downloads the
// 認定証 from 現在の状況 (a PDF), the test reads the verification URL
// printed beside the QR code (pdftotext) and opens it: 有効.
//
// Every person is fresh (shikakuctl user add), so a rerun on one stack
// passes; the resident is accepted into demo program 01-13-001 (内科) by
// one SQL row, as 102-review does, and the director stage — the program's
// director is a shared demo account — is given to the fresh director by
// the board admin's reassignment (/admin/review/<id>/reassign).  The
// member's steps at 375 px, no sideways scroll, screenshots
// $top_builddir/screenshots/training-*.png.  No console error.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { PORT } from '../integration/http.mjs';
import {
	createUser, nextCode, resetThrottle, rows, sql, q, signIn,
} from '../integration/auth.mjs';
import { pdfText } from '../integration/pdf.mjs';
import { launch, watch, stepper, shot, PHONE } from './browser.mjs';

const HOST = 'board.localhost';
const BASE = `http://${HOST}:${PORT}`;
const TOP = '/application/completion';
const COMMENT = 'E2E: 2 行目の研修施設の期間を確認してください。';

let browser;
let program, facilities, span;
const staff = {};

before(async () => {
	resetThrottle();
	const p = rows("SELECT id, base_facility_id FROM program WHERE tenant = 'board' AND code = '01-13-001'")[0];
	assert.ok(p, 'demo program 01-13-001 (demo load)');
	program = p[0];
	const partners = rows(`SELECT facility_id FROM program_partner WHERE program_id = ${program} ORDER BY seq, facility_id`).map((r) => r[0]);
	facilities = [p[1], ...partners];
	assert.ok(facilities.length >= 2, 'the program has a partner facility');
	const [[year, years]] = rows(`SELECT a.year, p.years FROM application a JOIN program p ON p.id = a.program_id
	    WHERE a.program_id = ${program} AND a.state = 'accepted' ORDER BY a.id LIMIT 1`);
	span = { year: Number(year), years: Number(years) };
	const open = rows("SELECT COUNT(*) FROM offering WHERE tenant = 'board' AND kind = 'completion' AND open_at <= NOW() AND close_at > NOW()")[0][0];
	assert.equal(open, '1', 'the demo has the completion window open');
	// Staff: made fresh, TOTP enrolled over HTTP (the secret kept for
	// the browser's sign-in), the society reviewer scoped to 内科.
	for (const [who, role] of [['director', 'program_director'], ['society', 'society_reviewer'], ['admin', 'tenant_admin']]) {
		const user = createUser('board', { roles: [role], tag: `e2e${who}` });
		const c = await signIn(HOST, user.ident, user.password, { enrol: true });
		assert.ok(c.totp?.secret, `${who}: TOTP enrolled`);
		staff[who] = { user, totp: c.totp };
	}
	sql(`INSERT INTO reviewer_scope (tenant, uid, role, scope) VALUES ('board', ${q(staff.society.user.uid)}, 'society_reviewer', 'domain:01')`);
	browser = await launch();
});

after(async () => {
	await browser?.close();
});

/** Sign in on the login form; the TOTP step when asked; the terms when asked. */
async function signInPage(page, user, totp) {
	await page.goto(`${BASE}/login`, { waitUntil: 'load' });
	await page.getByLabel('医籍登録番号').fill(user.ident);
	await page.getByLabel('パスワード', { exact: false }).first().fill(user.password);
	await Promise.all([page.waitForNavigation(), page.locator('form#login button[type="submit"]').click()]);
	if (totp && await page.locator('form#totp').count() > 0) {
		await page.locator('form#totp input[name="code"]').fill(await nextCode(totp));
		await Promise.all([page.waitForNavigation(), page.locator('form#totp button[type="submit"]').click()]);
	}
	// The terms wait on the first page that needs a sign-in.
	await page.goto(`${BASE}/account`, { waitUntil: 'load' });
	if (new URL(page.url()).pathname === '/terms')
		await Promise.all([page.waitForNavigation(), page.locator('form#terms button[type="submit"]').click()]);
	assert.notEqual(new URL(page.url()).pathname, '/login', `${user.ident} signed in`);
}

/** A staff member in a context of its own (desktop), signed in. */
async function staffPage(who) {
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
	const page = await context.newPage();
	const problems = watch(page);
	await signInPage(page, staff[who].user, staff[who].totp);
	return { context, page, problems };
}

/** Fill a rotation's form and save it (the row form's own 保存). */
async function fillRotation(page, r) {
	await page.locator('select[name="facility"]').selectOption(String(r.facility));
	await page.locator('input[name="start"]').fill(r.start);
	await page.locator('input[name="end"]').fill(r.end);
	await page.locator(`input[name="employment"][value="${r.employment}"]`).check();
	await page.locator('[name="note"]').fill(r.note);
}

async function saveRow(page) {
	await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '保存', exact: true }).click()]);
}

/** The application's confirmation, then 申請する: 申請トップ says 申請済み. */
async function submit(page, step, again = '') {
	await page.goto(`${BASE}${TOP}`, { waitUntil: 'load' });
	await page.getByRole('link', { name: '申請内容の確認へ' }).click();
	await page.waitForURL(new RegExp(`${TOP}/confirm$`));
	await step(`confirm${again}`, `${TOP}/confirm`);
	await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '申請する', exact: true }).click()]);
	assert.match(page.url(), /done=submitted/);
	assert.ok(await page.getByText('申請を受け付けました。').first().isVisible());
	await step(`submitted${again}`);
}

function appOf(uid) {
	const [id, number, state, stage, version] = rows(`SELECT id, number, state, stage, version FROM app
	    WHERE tenant = 'board' AND uid = ${q(uid)} AND live = 1`)[0] || [];
	return { id, number, state, stage: Number(stage), version: Number(version) };
}

/** The admin gives the director stage to the fresh director. */
async function reassign(admin, id) {
	await admin.page.goto(`${BASE}/admin/review/${id}/reassign`, { waitUntil: 'load' });
	await admin.page.locator('#reassign-to').selectOption(staff.director.user.uid);
	await admin.page.locator('#reassign-reason').fill('E2E: 担当の統括責任者');
	await Promise.all([admin.page.waitForNavigation(), admin.page.locator('#reassign-to').evaluate((el) => el.form.requestSubmit())]);
}

/** A reviewer opens the application from the queue and acts on it. */
async function review(r, id, button, comment = '', name) {
	await r.page.goto(`${BASE}/review`, { waitUntil: 'load' });
	await r.page.locator(`a[href="/review/${id}"]`).first().click();
	await r.page.waitForURL(new RegExp(`/review/${id}$`));
	if (comment)
		await r.page.locator('#review-comment').fill(comment);
	await shot(r.page, `training-staff-${name}`);
	await Promise.all([r.page.waitForNavigation(), r.page.getByRole('button', { name: button, exact: true }).click()]);
}

test('BRD-11 CORE-12 CORE-18 CORE-19 CORE-20: in Chromium a resident records two rotations, applies, is returned with a comment, fixes and applies again; director, society and board approve; the fee is confirmed; the 認定証 PDF\'s verification URL says 有効', async () => {
	const resident = createUser('board', { tag: 'e2eres' });
	sql(`INSERT INTO application (tenant, round_id, year, uid, program_id, system, state, live, created_at, decided_at)
	    SELECT tenant, round_id, year, ${q(resident.uid)}, program_id, system, 'accepted', 1, created_at, decided_at
	    FROM application WHERE tenant = 'board' AND program_id = ${program} AND state = 'accepted' ORDER BY id LIMIT 1`);
	// The member record a registration makes (the certificate's holder
	// is its name; an account made by shikakuctl has none).
	sql(`INSERT INTO member (tenant, uid, regno, name_kanji, name_kana, birth_date, phone, postal_code, pref, address, email, activated_at)
	    VALUES ('board', ${q(resident.uid)}, ${q(resident.number)}, ${q(resident.name)}, 'シケン', '1990-04-01',
	    '03-0000-0000', '100-0001', '13', '千代田区千代田1-1', ${q(resident.mail)}, NOW())`);
	const { year, years } = span;
	const rots = [
		{ facility: facilities[0], start: `${year}-04`, end: `${year + 1}-03`, employment: 'full', note: '基幹施設' },
		{ facility: facilities[1], start: `${year + 1}-04`, end: `${year + years}-03`, employment: 'full', note: '連携施設' },
	];

	const context = await browser.newContext(PHONE);
	const page = await context.newPage();
	const problems = watch(page);
	const step = stepper(page, 'training');
	const others = [];
	try {
		// The resident signs in and opens 研修修了申請.
		await signInPage(page, resident);
		await page.goto(`${BASE}${TOP}`, { waitUntil: 'load' });
		assert.equal(await page.locator('#main h1').innerText(), '研修修了申請');
		assert.match(await page.locator('.apply-sections').innerText(), /研修実績 \(0 件\)\s+未登録/);
		await step('top', TOP);

		// Two rotations, one by one, through the row form.
		await page.getByRole('link', { name: '研修実績' }).first().click();
		await page.waitForURL(new RegExp(`${TOP}/rotations$`));
		await step('rotations-empty');
		for (const [i, r] of rots.entries()) {
			await page.goto(`${BASE}${TOP}/rotations`, { waitUntil: 'load' });
			await page.getByRole('link', { name: '追加する' }).click();
			await page.waitForURL(new RegExp(`${TOP}/rotations/new$`));
			await fillRotation(page, r);
			await step(`rotation-${i + 1}-form`);
			await saveRow(page);
			assert.ok(await page.getByText('保存しました。').first().isVisible(), `rotation ${i + 1} saved`);
			await step(`rotation-${i + 1}-saved`);
		}
		const saved = rows(`SELECT COUNT(DISTINCT v.row_id) FROM app_value v JOIN app a ON a.id = v.app_id
		    WHERE a.uid = ${q(resident.uid)} AND a.live = 1 AND v.section = 'rotations'`)[0][0];
		assert.equal(saved, '2', 'two rotation rows in the draft');

		// 申請内容の確認 → 申請する.
		await submit(page, step);
		let a = appOf(resident.uid);
		assert.equal(a.state, 'submitted');
		assert.equal(a.stage, 0);

		// The director (given the stage by the admin) returns it with a comment.
		const admin = await staffPage('admin');
		const director = await staffPage('director');
		const society = await staffPage('society');
		others.push(admin, director, society);
		await reassign(admin, a.id);
		await review(director, a.id, '差し戻す', COMMENT, 'director-return');
		assert.equal(appOf(resident.uid).state, 'returned');

		// The resident sees the comment at the top, fixes row 2, applies again.
		await page.goto(`${BASE}${TOP}`, { waitUntil: 'load' });
		const returned = page.locator('.apply-returned');
		assert.ok(await returned.isVisible(), 'the returned notice');
		assert.match(await returned.innerText(), /差し戻されました/);
		assert.ok((await returned.innerText()).includes(COMMENT), 'the director\'s comment');
		const top = await page.evaluate(() => {
			const r = document.querySelector('.apply-returned');
			const s = document.querySelector('.apply-sections');
			return r && s && (r.compareDocumentPosition(s) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
		});
		assert.ok(top, 'the comment comes before the sections');
		await step('returned', TOP);
		await page.goto(`${BASE}${TOP}/rotations`, { waitUntil: 'load' });
		await page.getByRole('link', { name: '編集' }).nth(1).click();
		await page.waitForURL(new RegExp(`${TOP}/rotations/\\d+$`));
		await page.locator('[name="note"]').fill('連携施設 (期間を確認済み)');
		await step('rotation-fix');
		await saveRow(page);
		assert.ok(await page.getByText('保存しました。').first().isVisible());
		await submit(page, step, '-again');
		a = appOf(resident.uid);
		assert.equal(a.state, 'submitted');
		assert.equal(a.version, 2, 'the second submission is version 2');

		// Director → society → board.
		await reassign(admin, a.id);
		await review(director, a.id, '承認する', '', 'director-approve');
		assert.equal(appOf(resident.uid).stage, 1);
		await review(society, a.id, '承認する', '', 'society-approve');
		assert.equal(appOf(resident.uid).stage, 2);
		await review(admin, a.id, '承認する', '', 'board-approve');
		assert.equal(appOf(resident.uid).state, 'approved');

		// 現在の状況 before the fee: approved, no certificate yet.
		await page.goto(`${BASE}/dashboard`, { waitUntil: 'load' });
		assert.equal(await page.locator('.cert-dashboard').count(), 0, 'no certificate before the fee');
		await step('dashboard-approved', '/dashboard');

		// The admin confirms the 認定料 at /admin/fees.
		await admin.page.goto(`${BASE}/admin/fees`, { waitUntil: 'load' });
		const fee = admin.page.locator(`tr[data-number="${a.number}"]`);
		assert.match(await fee.innerText(), /未納/);
		await shot(admin.page, 'training-staff-fees');
		await Promise.all([admin.page.waitForNavigation(), fee.getByRole('button', { name: '入金を確認する' }).click()]);
		assert.ok(await admin.page.getByText('入金を確認しました。').first().isVisible());
		assert.equal(rows(`SELECT state FROM fee WHERE app_id = ${a.id}`)[0][0], 'paid');

		// The resident's 現在の状況: the 認定証, downloaded (a PDF).
		await page.goto(`${BASE}/dashboard`, { waitUntil: 'load' });
		const cert = page.locator('.cert-dashboard');
		assert.ok(await cert.isVisible(), 'the certificate on 現在の状況');
		assert.match(await cert.innerText(), /有効/);
		await step('dashboard-certified', '/dashboard');
		const link = cert.getByRole('link', { name: '認定証（PDF）をダウンロードする' }).first();
		const href = await link.getAttribute('href');
		// Fetched by the page itself (its cookie, *.localhost mapped by
		// the browser; the test's own resolver knows no board.localhost).
		const res = await page.evaluate(async (h) => {
			const r = await fetch(h);
			const b = new Uint8Array(await r.arrayBuffer());
			let bin = '';
			for (const x of b)
				bin += String.fromCharCode(x);
			return { status: r.status, type: r.headers.get('content-type'), b64: btoa(bin) };
		}, href);
		assert.equal(res.status, 200);
		assert.match(res.type, /^application\/pdf/);
		const pdf = Buffer.from(res.b64, 'base64');
		assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
		const text = pdfText(pdf);
		assert.ok(text.includes(resident.name), 'the holder\'s name on the certificate');
		// The URL printed under the QR code (the QR carries the same):
		// the tenant's host (with the stack's port and scheme here), and
		// the code printed in groups of four above it.
		const m = /https?:\/\/board\.localhost(?::\d+)?\/verify\/([A-Z2-7]{26})/.exec(text.replace(/\s+/g, ''));
		assert.ok(m, `a verification URL in the PDF text:\n${text}`);
		const code = m[1];
		assert.ok(text.includes(code.match(/.{1,4}/g).join('-')), 'the code in groups of four');
		assert.equal(rows(`SELECT COUNT(*) FROM certificate WHERE tenant = 'board' AND code = ${q(code)} AND uid = ${q(resident.uid)}`)[0][0], '1');

		// Open it (on the test's port): 有効, with the holder's name.
		await page.goto(`${BASE}/verify/${code}`, { waitUntil: 'load' });
		const main = await page.locator('#main').innerText();
		assert.match(main, /有効/);
		assert.ok(main.includes(resident.name), 'the holder on the verify page');
		await step('verify', `/verify/${code}`);

		assert.deepEqual(problems, []);
		for (const o of others)
			assert.deepEqual(o.problems, []);
	} finally {
		for (const o of others)
			await o.context.close();
		await context.close();
	}
});
