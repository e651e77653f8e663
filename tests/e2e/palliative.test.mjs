// In Chromium (Debian's), at 375 px: the palliative society's new
// specialist certification end to end (issue 11, PAL-3..PAL-11, seed
// 002).  A fresh member registers twenty case reports through the case
// form (searching the supervisor), the supervisor approves each from
// the 症例承認 queue, the member files 一次申請 (receipt upload, exam
// site) and then 二次申請 through all four sections — 申請書・履歴書
// rows (one deleted by its 「×」), a 臨床研修修了証明書 with the facility
// and supervisor searched,
// 業績書 and the licence, course certificate and photo — ticks a July
// expectation and applies (専門医 申請).  A second member does 二次申請
// with JavaScript off (cases and 一次 made by the fixtures).  No
// sideways scroll, no console error; screenshots
// $top_builddir/screenshots/palliative-*.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { PORT } from '../integration/http.mjs';
import { createUser, resetThrottle, rows, sql, q } from '../integration/auth.mjs';
import {
	openWindows, registry, member, YEAR, PDF, PNG, appOf,
} from '../integration/second.mjs';
import { launch, watch, stepper, PHONE } from './browser.mjs';

const HOST = 'palliative.localhost';
const BASE = `http://${HOST}:${PORT}`;
const TOP = '/application/second';

let browser, restore, reg, files;

before(async () => {
	resetThrottle();
	restore = openWindows();
	reg = registry();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pal-e2e-'));
	files = { pdf: path.join(dir, '証明書.pdf'), png: path.join(dir, '写真.png') };
	fs.writeFileSync(files.pdf, PDF);
	fs.writeFileSync(files.png, PNG);
	browser = await launch();
});

after(async () => {
	await browser?.close();
	restore?.();
});

async function signInPage(page, user) {
	await page.goto(`${BASE}/login`, { waitUntil: 'load' });
	await page.locator('form#login input[name="login"], form#login input[type="text"], form#login input[type="email"]').first().fill(user.ident);
	await page.locator('form#login input[type="password"]').first().fill(user.password);
	await Promise.all([page.waitForNavigation(), page.locator('form#login button[type="submit"]').click()]);
	await page.goto(`${BASE}/account`, { waitUntil: 'load' });
	if (new URL(page.url()).pathname === '/terms')
		await Promise.all([page.waitForNavigation(), page.locator('form#terms button[type="submit"]').click()]);
	assert.notEqual(new URL(page.url()).pathname, '/login', `${user.ident} signed in`);
}

const click = (page, sel) => Promise.all([page.waitForNavigation(), page.locator(sel).first().click()]);

/** One case report through the form, the supervisor searched by number. */
async function caseReport(page, i) {
	await page.goto(`${BASE}/cases/new`, { waitUntil: 'load' });
	await page.locator('select[name="age"]').selectOption('75');
	await page.locator('input[name="sex"][value="f"]').check();
	await page.locator('input[name="diagnosis"]').fill(`膵癌 症例${i + 1}`);
	await page.locator('select[name="setting"]').selectOption('ward');
	await page.locator('#f-from').fill(`${YEAR - 1}-04`);
	await page.locator('#f-to').fill(`${YEAR - 1}-06`);
	await page.locator('[name="summary"]').fill('疼痛緩和と家族支援を行った。');
	await page.locator('input[name="sq"]').fill(`S${reg.tag}b`);
	await click(page, 'button[value="search"]');
	await page.locator('select[name="supervisor"]').selectOption(String(reg.late));
	await click(page, 'button[value="submit"]');
}

/** The four sections of 二次申請, through the pages as a member uses them. */
async function secondSections(page, step, tag) {
	await page.goto(`${BASE}${TOP}`, { waitUntil: 'load' });
	await step(`${tag}-top`, TOP);
	// 1 申請書・履歴書: two rows of each shown; the third behind 行を追加する.
	await page.locator(`a[href="${TOP}/resume"]`).first().click();
	await page.waitForURL(new RegExp(`${TOP}/resume$`));
	await page.locator('input[name="edu.1.date"]').fill('2008-04-01');
	await page.locator('input[name="edu.1.text"]').fill('〇〇大学医学部 入学');
	await page.locator('input[name="edu.2.date"]').fill('2014-03-31');
	await page.locator('input[name="edu.2.text"]').fill('〇〇大学医学部 卒業');
	await page.locator('#list-car summary').click();
	await page.locator('input[name="car.1.date"]').fill('2014-04-01');
	await page.locator('input[name="car.1.text"]').fill('〇〇病院 初期研修');
	await page.locator('input[name="car.3.date"]').fill('2018-04-01');
	await page.locator('input[name="car.3.text"]').fill('〇〇病院 緩和ケア科');
	await page.locator('input[name="years"]').fill('6');
	await step(`${tag}-resume`);
	// 「×」 at a row's right deletes it (seed 002): 職歴 2 goes, the form
	// is saved with the rest, 職歴 3 moves up.
	await page.locator('input[name="car.2.date"]').fill('2016-04-01');
	await page.locator('input[name="car.2.text"]').fill('削除する行');
	await click(page, 'button[name="drop"][value="car.2"]');
	assert.match(page.url(), /\/resume\?done=saved$/);
	assert.equal(await page.locator('input[name="car.2.text"]').inputValue(), '〇〇病院 緩和ケア科');
	assert.equal(await page.locator('input[name="car.3.text"]').inputValue(), '');
	assert.equal(await page.locator('input[name="edu.1.text"]').inputValue(), '〇〇大学医学部 入学');
	await step(`${tag}-resume-dropped`);
	await click(page, 'button[value="top"]');
	// 2 臨床研修修了証明書: the facility and the supervisor searched.
	await page.goto(`${BASE}${TOP}/training/new`, { waitUntil: 'load' });
	await page.locator('#q-fac').fill(`二次試験病院${reg.tag}`);
	await click(page, '.second-search form:first-child button');
	await page.locator('#q-sup').fill(reg.kana);
	await click(page, '.second-search form:last-child button');
	await page.locator('select[name="category"]').selectOption('core');
	await page.locator('select[name="facility"]').selectOption(String(reg.certs[0]));
	await page.locator('select[name="start"]').selectOption(`${YEAR - 1}-04`);
	await page.locator('select[name="end"]').selectOption(`${YEAR}-03`);
	await page.locator('select[name="supervisor"]').selectOption(String(reg.late));
	await page.locator('input[name="file"]').setInputFiles(files.pdf);
	await step(`${tag}-training`);
	await click(page, 'button[value="save"]');
	assert.match(page.url(), /\/training\?done=saved$/);
	await step(`${tag}-training-saved`);
	// 3 業績書.
	await page.goto(`${BASE}${TOP}/works/new`, { waitUntil: 'load' });
	await page.locator('select[name="kind"]').selectOption('paper');
	await page.locator('input[name="title"]').fill('緩和医療における症例報告');
	await page.locator('input[name="file"]').setInputFiles(files.pdf);
	await click(page, 'button[value="top"]');
	// 4 医師免許・受講証・受験用写真.
	await page.goto(`${BASE}${TOP}/documents`, { waitUntil: 'load' });
	await page.locator('input[name="licence"]').setInputFiles(files.pdf);
	await page.locator('input[name="course"]').setInputFiles(files.pdf);
	await page.locator('input[name="photo"]').setInputFiles(files.png);
	await step(`${tag}-documents`);
	await click(page, 'button[value="top"]');
	// The top: every section 登録済, every requirement ✓; a July box, 申請.
	const sections = await page.locator('.apply-sections').innerText();
	assert.equal((sections.match(/登録済/g) || []).length, 4, sections);
	assert.equal(await page.locator('.second-requirements tr.req-met').count(), 4);
	await page.locator('input[name="certificate"]').check();
	await step(`${tag}-ready`, TOP);
	await click(page, '#second-submit button[type="submit"]');
	assert.match(page.url(), /done=submitted/);
	assert.ok(await page.getByText('申請済みです。').first().isVisible());
	await step(`${tag}-submitted`);
}

test('PAL-3 PAL-4 PAL-5..PAL-11: in Chromium at 375 px, 20 case reports → the supervisor approves them → 一次申請 → 二次申請 through all four sections, applied', async () => {
	const sup = createUser('palliative', { roles: ['supervisor'], tag: 'e2esup' });
	sql(`UPDATE certify_supervisor SET uid = ${q(sup.uid)} WHERE id = ${reg.late}`);
	const m = createUser('palliative', { tag: 'e2epal' });
	sql(`INSERT INTO certify_membership (tenant, uid, joined_on) VALUES ('palliative', ${q(m.uid)}, '${YEAR - 3}-04-01')`);
	sql(`INSERT INTO certify_dues (tenant, uid, fy, paid_on) VALUES ('palliative', ${q(m.uid)}, ${YEAR}, '${YEAR}-04-10')`);
	sql(`INSERT INTO credit (tenant, uid, source, event_id, units, earned_on, title) SELECT 'palliative', ${q(m.uid)}, 'event', id, 1, held_on, title FROM credit_event WHERE tenant = 'palliative' AND kind = 'seminar' ORDER BY id LIMIT 1`);
	const context = await browser.newContext(PHONE);
	const page = await context.newPage();
	const problems = watch(page);
	const step = stepper(page, 'palliative');
	try {
		await signInPage(page, m);
		for (let i = 0; i < 20; i++)
			await caseReport(page, i);
		await page.goto(`${BASE}/cases`, { waitUntil: 'load' });
		await step('cases', '/cases');
		assert.equal(rows(`SELECT COUNT(*) FROM certify_case WHERE uid = ${q(m.uid)} AND state = 'submitted'`)[0][0], '20');

		// The supervisor approves each from the queue (desktop context).
		const sc = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
		const sp = await sc.newPage();
		const sproblems = watch(sp);
		await signInPage(sp, sup);
		const ids = rows(`SELECT id FROM certify_case WHERE uid = ${q(m.uid)} ORDER BY id`).map((r) => r[0]);
		for (const id of ids) {
			await sp.goto(`${BASE}/cases/review/${id}`, { waitUntil: 'load' });
			await click(sp, 'button[value="approve"]');
		}
		assert.deepEqual(sproblems, []);
		await sc.close();
		assert.equal(rows(`SELECT COUNT(*) FROM certify_case WHERE uid = ${q(m.uid)} AND state = 'approved'`)[0][0], '20');

		// 一次申請: the receipt and the first choice of exam site.
		await page.goto(`${BASE}/application/first/first`, { waitUntil: 'load' });
		await page.locator('input[name="receipt"]').setInputFiles(files.png);
		const site = page.locator('select[name="site1"]');
		if (await site.count())
			await site.selectOption({ index: 1 });
		await step('first-form');
		await click(page, 'button[value="top"]');
		await page.goto(`${BASE}/application/first/confirm`, { waitUntil: 'load' });
		await click(page, `form[action="/application/first/confirm"] button[type="submit"]`);
		assert.match(page.url(), /done=submitted/);
		await step('first-submitted');

		// 二次申請 through all four sections.
		await secondSections(page, step, 'second');
		assert.equal(appOf(m.uid)[1], 'submitted');
		assert.deepEqual(problems, []);
	} finally {
		await context.close();
	}
});

test('PAL-5..PAL-11: 二次申請 with JavaScript off, at 375 px, through all four sections', async () => {
	const m = await member({ sup: reg.late });
	const context = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
	const page = await context.newPage();
	const problems = watch(page);
	const step = stepper(page, 'palliative-nojs');
	try {
		await signInPage(page, m.user);
		await secondSections(page, step, 'second');
		assert.equal(appOf(m.user.uid)[1], 'submitted');
		assert.equal(rows(`SELECT certificate FROM second_expect WHERE app_id = ${appOf(m.user.uid)[0]}`)[0][0], '1');
		assert.deepEqual(problems, []);
	} finally {
		await context.close();
	}
});
