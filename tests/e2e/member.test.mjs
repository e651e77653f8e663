// 現在の状況 and 会員情報 on a society's tenant in Chromium, on a phone
// (issue 9 item 8, ACC-4, CORE-21): the platform's pages where no
// feature is on yet.  A member lands on 現在の状況, reads that nothing is
// under way, follows the card to 会員情報, sees the workplace and the
// certification number, changes the workplace and sees it saved; no
// horizontal scroll at 375 px, no console error; screenshots
// member-NN-*.png in $top_builddir/screenshots/.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { PORT } from '../integration/http.mjs';
import { createUser, sql, q, resetThrottle } from '../integration/auth.mjs';
import { launch, watch, PHONE, stepper } from './browser.mjs';

let browser;

before(async () => {
	browser = await launch();
	resetThrottle();
});

after(async () => {
	await browser?.close();
});

test('ACC-4 CORE-21 issue 9: on a phone an oncology member finds 現在の状況 and 会員情報 and changes the workplace', async () => {
	const u = createUser('oncology', { tag: 'e2m' });
	sql(`INSERT INTO member (tenant, uid, member_no, name_kanji, name_kana, birth_date, phone, postal_code, pref,
	    address, work_name, work_dept, email, activated_at)
	    VALUES ('oncology', ${q(u.uid)}, ${q(u.number)}, '画面 花子', 'ガメン ハナコ', '1984-09-10', '06-5555-0101',
	    '530-0001', '27', '大阪市北区梅田1-1-1 デモマンション808', 'デモ総合病院', '腫瘍内科', ${q(u.mail)}, NOW())`);
	sql(`INSERT INTO member_cert (tenant, uid, kind, number, certified_on)
	    VALUES ('oncology', ${q(u.uid)}, 'がん薬物療法専門医', 'O-2021-0999', '2021-04-01')`);
	const base = `http://oncology.localhost:${PORT}`;
	const context = await browser.newContext(PHONE);
	const page = await context.newPage();
	const problems = watch(page);
	const step = stepper(page, 'member');
	try {
		await page.goto(`${base}/login?next=/dashboard`);
		await page.fill('#f-ident', u.ident);
		await page.fill('#f-password', u.password);
		await page.getByRole('button', { name: 'ログイン' }).click();
		await page.waitForLoadState('load');
		if (page.url().includes('/terms')) {
			await page.getByRole('button', { name: '同意する' }).click();
			await page.waitForLoadState('load');
		}
		await page.goto(`${base}/dashboard`);
		assert.ok(await page.getByRole('heading', { name: '現在の状況', level: 1 }).isVisible());
		assert.ok(await page.getByText('現在、手続き中の申請・応募はありません。').isVisible());
		await step('dashboard-empty', '/dashboard');

		await page.locator('a.link-card-link[href="/member"]').click();
		await page.waitForURL(/\/member$/);
		assert.ok(await page.getByText('デモ総合病院').isVisible());
		assert.ok(await page.getByText('O-2021-0999').isVisible());
		assert.ok(await page.getByText(u.number, { exact: true }).isVisible(), '会員番号');
		await step('record', '/member');

		await page.getByRole('link', { name: '連絡先を変更する' }).click();
		await page.waitForURL(/\/member\/contact$/);
		await page.fill('#f-work_dept', '緩和ケアセンター');
		await step('contact', '/member/contact');
		await page.getByRole('button', { name: /変更|保存/ }).click();
		await page.waitForURL(/\/member\?saved=contact$/);
		assert.ok(await page.getByText('緩和ケアセンター').isVisible());
		await step('saved', /\/member\?saved=contact$/);
		assert.deepEqual(problems, []);
	} finally {
		await context.close();
	}
});
