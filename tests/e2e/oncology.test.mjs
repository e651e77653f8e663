// In Chromium (Debian's): the oncology renewal end to end (issue 12,
// ONC-1..ONC-13, seed 003).  A specialist due this year signs in on a
// phone (375 px), opens 専門医, enters 書類審査・筆記試験同時のお申込み,
// fills all seven documents through the real forms (the seminar page is
// read), watches プロフィール's live counter, downloads 申請書(仮) (the
// 「申請未完了」 mark on pages 2..n, no seminar page), completes the
// application (the confirmation step), and downloads the final one
// (the seminar page, no mark).  Once more with JavaScript off: a
// document saved and completed without a script.  No sideways scroll,
// no console error, screenshots $top_builddir/screenshots/oncology-*.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { PORT, request } from '../integration/http.mjs';
import { resetThrottle, rows, sql, q, createUser } from '../integration/auth.mjs';
import { pdfText, pdfInfo } from '../integration/pdf.mjs';
import { BASE, YEAR, FORMS, openWindows, specialist, addSeminar } from '../integration/renewal.mjs';
import { launch, watch, stepper, PHONE } from './browser.mjs';

const HOST = 'oncology.localhost';
const URL0 = `http://${HOST}:${PORT}`;

let browser;

before(async () => {
	resetThrottle();
	openWindows();
	browser = await launch();
});

after(async () => {
	await browser?.close();
});

async function signInPage(page, u) {
	await page.goto(`${URL0}/login`, { waitUntil: 'load' });
	await page.locator('input[name="ident"]').fill(u.ident);
	await page.locator('input[name="password"]').fill(u.password);
	await Promise.all([page.waitForNavigation(), page.locator('form#login button[type="submit"]').click()]);
	await page.goto(`${URL0}/account`, { waitUntil: 'load' });
	if (new URL(page.url()).pathname === '/terms')
		await Promise.all([page.waitForNavigation(), page.locator('form#terms button[type="submit"]').click()]);
	assert.notEqual(new URL(page.url()).pathname, '/login');
}

async function clickNav(page, locator) {
	await Promise.all([page.waitForNavigation(), locator.click()]);
}

/** Fill a form's fields by name from an object (checkboxes, radios, selects, text). */
async function fill(page, form) {
	for (const [k, v] of Object.entries(form)) {
		const el = page.locator(`#main [name="${k}"]`);
		const type = await el.first().getAttribute('type');
		const tag = await el.first().evaluate((e) => e.tagName.toLowerCase());
		if (type === 'checkbox')
			await el.first().check();
		else if (type === 'radio')
			await page.locator(`#main [name="${k}"][value="${v}"]`).check();
		else if (tag === 'select')
			await el.first().selectOption(v);
		else
			await el.first().fill(v);
	}
}

async function save(page) {
	await clickNav(page, page.getByRole('button', { name: '保存', exact: true }));
}

/** The PDF the page's link gives, fetched with the browser's session. */
async function pdfOf(page) {
	const href = await page.locator('a.renewal-pdf').first().getAttribute('href');
	const cookie = (await page.context().cookies(URL0)).map((c) => `${c.name}=${c.value}`).join('; ');
	const r = await request(HOST, href, { headers: { cookie } });
	assert.equal(r.status, 200);
	assert.equal(r.headers['content-type'], 'application/pdf');
	return r.raw;
}

function pagesOf(buf) {
	const n = pdfInfo(buf).pages;
	return Array.from({ length: n }, (_, i) => pdfText(buf, i + 1));
}

test('ONC-1..ONC-13 CORE-20: in Chromium at 375 px a specialist fills all seven documents, downloads 申請書(仮), completes, downloads the final application', async () => {
	const { u } = await specialist();
	addSeminar(u.uid, { on: `${YEAR - 1}-07-06`, units: 10, title: 'Best of ASCO E2E in Japan', series: null });
	const context = await browser.newContext(PHONE);
	const page = await context.newPage();
	const problems = watch(page);
	const step = stepper(page, 'oncology');
	try {
		await signInPage(page, u);
		await page.goto(`${URL0}/specialist`, { waitUntil: 'load' });
		assert.match(await page.locator('.renewal-cert').innerText(), /認定番号/);
		await step('specialist', '/specialist');
		await clickNav(page, page.locator('#offering-renewal button.renewal-way-both'));
		assert.equal(new URL(page.url()).pathname, BASE);
		await step('top', BASE);
		assert.match(await page.locator('.renewal-app-state').innerText(), /申込済/);
		// 追加お申込み 筆記試験 → the 処理確認画面 → 筆記試験: 申込済, 受験料.
		await clickNav(page, page.locator('a.renewal-exam-apply'));
		await step('exam-confirm', `${BASE}/exam`);
		await clickNav(page, page.getByRole('button', { name: '筆記試験を申し込む' }));
		assert.match(page.url(), /done=exam/);
		assert.match(await page.locator('.renewal-state').innerText(), /筆記試験: 申込済\s*受験料をご納入ください/);
		await step('top-exam');
		await clickNav(page, page.getByRole('link', { name: '編集', exact: true }));
		await step('documents', `${BASE}/documents`);

		// 履歴書, プロフィール (the live counter), 業績目録: one form each.
		for (const doc of ['resume', 'profile', 'record']) {
			await page.goto(`${URL0}${BASE}/${doc}`, { waitUntil: 'load' });
			await fill(page, FORMS[doc]);
			if (doc === 'profile') {
				const live = await page.locator('.renewal-count-live').innerText();
				assert.match(live, new RegExp(`^${[...FORMS.profile.text].length} / 1,040`));
				await page.locator('textarea[name="text"]').fill('😀'.repeat(1041));
				assert.match(await page.locator('.renewal-count-live').innerText(), /^1041 \/ 1,040/);
				await page.locator('textarea[name="text"]').fill(FORMS.profile.text);
			}
			await step(`${doc}-form`);
			await save(page);
			assert.ok(await page.getByText('保存しました。').first().isVisible(), `${doc} saved`);
		}
		// 研究活動歴, 学会参加, 論文: a row each through 新規作成.
		for (const doc of ['activity', 'meeting', 'paper']) {
			await page.goto(`${URL0}${BASE}/${doc}`, { waitUntil: 'load' });
			await clickNav(page, page.getByRole('link', { name: '新規作成' }));
			await fill(page, FORMS[doc]);
			await step(`${doc}-form`);
			await save(page);
			assert.match(page.url(), new RegExp(`${BASE}/${doc}\\?done=saved`));
			await step(`${doc}-list`);
		}
		// 当会セミナー: read, not typed.
		await page.goto(`${URL0}${BASE}/seminar`, { waitUntil: 'load' });
		assert.match(await page.locator('.renewal-seminars').innerText(), /Best of ASCO E2E in Japan/);
		await step('seminar', `${BASE}/seminar`);
		await page.goto(`${URL0}${BASE}/documents`, { waitUntil: 'load' });
		assert.equal(await page.locator('td.doc-state', { hasText: '登録中' }).count(), 6);
		await step('documents-filled', `${BASE}/documents`);

		// 申請書(仮): the link of 申請書類一覧.
		const draft = pagesOf(await pdfOf(page));
		assert.doesNotMatch(draft[0], /申請未完了/);
		for (let i = 1; i < draft.length; i++)
			assert.match(draft[i], /申請未完了/, `draft page ${i + 1}`);
		assert.doesNotMatch(draft.join('\n'), /セミナー名/);

		// 申請を完了する → 確認 → 申請を完了する.
		await page.goto(`${URL0}${BASE}`, { waitUntil: 'load' });
		await clickNav(page, page.getByRole('link', { name: '申請を完了する' }));
		await step('confirm', `${BASE}/confirm`);
		assert.ok(await page.getByText('申請を完了してよろしいですか').first().isVisible());
		await clickNav(page, page.getByRole('button', { name: '申請を完了する' }));
		assert.match(page.url(), /done=submitted/);
		assert.match(await page.locator('.renewal-app-state').innerText(), /書類確認中/);
		await step('completed');
		assert.equal(rows(`SELECT state FROM app WHERE uid = ${q(u.uid)}`)[0][0], 'submitted');

		// The final application: the link of 申請トップ.
		const fin = pagesOf(await pdfOf(page));
		assert.doesNotMatch(fin.join('\n'), /申請未完了/);
		assert.match(fin.join('\n'), /セミナー名/);
		assert.match(fin.join('\n'), /Best of ASCO E2E in Japan/);
		assert.deepEqual(problems, []);
	} finally {
		await context.close();
	}
});

test('ONC-5..ONC-13 without JavaScript: the documents save and the application completes', async () => {
	const { u } = await specialist();
	addSeminar(u.uid, { on: `${YEAR - 1}-07-06`, units: 10 });
	const context = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
	const page = await context.newPage();
	const problems = watch(page);
	const step = stepper(page, 'oncology-nojs');
	try {
		await signInPage(page, u);
		for (const doc of ['resume', 'profile', 'record']) {
			await page.goto(`${URL0}${BASE}/${doc}`, { waitUntil: 'load' });
			await fill(page, FORMS[doc]);
			await save(page);
		}
		// Without the counter the server says it: 1,041 characters refused.
		await page.goto(`${URL0}${BASE}/profile`, { waitUntil: 'load' });
		assert.equal(await page.locator('.renewal-count-live').count(), 0);
		await page.locator('textarea[name="text"]').fill('腫'.repeat(1041));
		await save(page);
		assert.ok(await page.getByText('プロフィールは1,040字以内で入力してください。').first().isVisible());
		await step('profile-too-long');
		await page.locator('textarea[name="text"]').fill(FORMS.profile.text);
		await save(page);
		for (const doc of ['activity', 'meeting', 'paper']) {
			await page.goto(`${URL0}${BASE}/${doc}/new`, { waitUntil: 'load' });
			await fill(page, FORMS[doc]);
			await save(page);
		}
		await page.goto(`${URL0}${BASE}/confirm`, { waitUntil: 'load' });
		await step('confirm', `${BASE}/confirm`);
		await clickNav(page, page.getByRole('button', { name: '申請を完了する' }));
		assert.match(page.url(), /done=submitted/);
		assert.equal(rows(`SELECT state FROM app WHERE uid = ${q(u.uid)}`)[0][0], 'submitted');
		await step('completed');
		assert.deepEqual(problems, []);
	} finally {
		await context.close();
	}
});

test('ONC-14 in Chromium at 375 px the office sets the credit rules, confirms 受験料 and records the result; the member sees both', async () => {
	const { u, c } = await specialist();
	assert.equal((await c.post('/specialist', { kind: 'renewal', way: 'both' })).status, 303);
	assert.equal((await c.post(`${BASE}/exam`, {}, { formPage: BASE })).status, 303);
	const a = createUser('oncology', { roles: ['tenant_admin'], tag: 'eo' });
	const context = await browser.newContext(PHONE);
	const page = await context.newPage();
	const problems = watch(page);
	const step = stepper(page, 'oncology-office');
	try {
		await signInPage(page, a);
		await page.goto(`${URL0}/admin/renewal/rules`, { waitUntil: 'load' });
		await step('rules', '/admin/renewal/rules');
		await page.locator('input[name="needed"]').fill('60');
		await page.locator('input[name="cap_paper"]').fill('70');
		await clickNav(page, page.getByRole('button', { name: '保存する' }));
		assert.ok(await page.getByText('上限単位は必要単位数以下にしてください。').first().isVisible());
		await step('rules-error');
		await page.locator('input[name="cap_paper"]').fill('40');
		await clickNav(page, page.getByRole('button', { name: '保存する' }));
		assert.ok(await page.getByText('単位ルールを保存しました。').first().isVisible());
		assert.deepEqual(rows(`SELECT needed, cap_paper FROM renewal_rules WHERE tenant = 'oncology'`), [['60', '40']]);

		await page.goto(`${URL0}/admin/renewal/exams?q=${encodeURIComponent(u.number)}`, { waitUntil: 'load' });
		await step('exams', '/admin/renewal/exams');
		const row = page.locator('table.renewal-exams tbody tr').first();
		await row.locator('input[name="paid_on"]').fill(`${YEAR}-06-01`);
		await clickNav(page, row.getByRole('button', { name: '入金確認' }));
		assert.ok(await page.getByText('受験料の入金を確認しました。').first().isVisible());
		await page.goto(`${URL0}/admin/renewal/exams?q=${encodeURIComponent(u.number)}`, { waitUntil: 'load' });
		const row2 = page.locator('table.renewal-exams tbody tr').first();
		await row2.locator('select[name="result"]').selectOption('pass');
		await row2.locator('input[name="score"]').fill('76');
		await clickNav(page, row2.getByRole('button', { name: '結果を保存' }));
		assert.ok(await page.getByText('結果を保存しました。').first().isVisible());
		await step('exams-saved');
		assert.deepEqual(rows(`SELECT result, score, paid_on FROM renewal_exam WHERE uid = ${q(u.uid)}`), [['pass', '76', `${YEAR}-06-01`]]);
		const top = await c.get(BASE);
		assert.match(top.body, /筆記試験: 合格/);
		assert.match(top.body, /入金確認済み/);
		assert.deepEqual(problems, []);
	} finally {
		await context.close();
		sql(`DELETE FROM renewal_rules WHERE tenant = 'oncology'`);
	}
});
