// In Chromium (Debian's): a demo applicant signs in, opens
// 研修プログラムに応募する, reads 応募に関する説明, chooses プログラム制,
// searches by domain (小児科) and prefecture (神奈川県), opens a program,
// applies (応募確認 → 応募完了), sees it on 「現在の状況」, cancels it
// (応募を取り消す) and applies again — clicking, without a line of
// JavaScript of ours.  The dashboard and the search at 375 px: no
// horizontal scroll.  No console error or CSP violation on the way;
// screenshots in $top_builddir/screenshots/recruit-*.png.
// Issue 4 item 12 (the recruitment part), BRD-2, BRD-4, BRD-6, BRD-10,
// CORE-21.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { PORT } from '../integration/http.mjs';
import { DEMO_PASSWORD, resetThrottle, rows, sql, q } from '../integration/auth.mjs';
import { launch, watch, shot as screenshot, noSideScroll } from './browser.mjs';

// A demo applicant who has not applied (demo_recruit.c: 520022–520030).
const APPLICANT = '520030';

let browser;

before(async () => {
	resetThrottle();
	// A run before this one applied: take that back, so this run starts
	// where the demo does (nothing applied in the open round).
	const [uid] = rows(`SELECT uid FROM member WHERE tenant = 'board' AND regno = ${q(APPLICANT)}`)[0] || [];
	assert.ok(uid, `demo applicant ${APPLICANT} (demo load)`);
	sql(`UPDATE application SET state = 'cancelled', live = NULL, cancelled_at = NOW() WHERE tenant = 'board' AND uid = ${q(uid)} AND live = 1`);
	browser = await launch();
});

after(async () => {
	await browser?.close();
});

const shot = (page, name) => screenshot(page, `recruit-${name}`);

/** 応募する on a program's page, then このプログラムに応募する: 応募完了. */
async function applyToListed(page, nth, label) {
	await page.locator('.recruit-results a[href^="/apply/programs/"]').nth(nth).click();
	// The program's address carries the search it was found by (issue 7 item 18).
	await page.waitForURL(/\/apply\/programs\/\d+(\?[^#]*)?$/);
	assert.ok(await page.getByRole('heading', { name: 'ローテーションの確認' }).isVisible());
	await shot(page, `${label}-detail`);
	await page.getByRole('link', { name: '応募する', exact: true }).click();
	await page.waitForURL(/\/apply\/confirm\?program=\d+$/);
	await shot(page, `${label}-confirm`);
	await page.getByRole('button', { name: 'このプログラムに応募する' }).click();
	await page.waitForURL(/\/apply\/done\?id=\d+$/);
	assert.ok(await page.getByRole('heading', { name: '応募完了' }).isVisible());
	await shot(page, `${label}-done`);
}

test('BRD-4 BRD-2 BRD-6 BRD-10: in Chromium a demo applicant searches by domain and prefecture, applies, sees it on the dashboard, cancels and applies again', async () => {
	const base = `http://board.localhost:${PORT}`;
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
	const page = await context.newPage();
	const problems = watch(page);
	try {
		// Sign in (accepting the terms on a first visit) and land on 現在の状況.
		await page.goto(`${base}/login?next=/dashboard`);
		await page.fill('#f-ident', APPLICANT);
		await page.fill('#f-password', DEMO_PASSWORD);
		await page.getByRole('button', { name: 'ログイン' }).click();
		await page.waitForLoadState('load');
		if (page.url().includes('/terms')) {
			await page.getByRole('button', { name: '同意する' }).click();
			await page.waitForLoadState('load');
		}
		await page.goto(`${base}/dashboard`);
		assert.ok(await page.getByRole('heading', { name: '現在の状況' }).isVisible());
		assert.ok(await page.getByText('応募中・採用が決定している研修プログラムはありません。').isVisible());
		await shot(page, '01-dashboard-empty');

		// 研修プログラムに応募する → 応募に関する説明 → 応募する.
		await page.getByRole('link', { name: '研修プログラムに応募する' }).first().click();
		await page.waitForURL(/\/apply$/);
		assert.ok(await page.getByRole('heading', { name: '応募に関する説明' }).isVisible());
		await shot(page, '02-explain');
		await page.getByRole('link', { name: '応募する', exact: true }).click();
		await page.waitForURL(/\/apply\/system$/);
		await shot(page, '03-system');
		await page.getByRole('button', { name: 'プログラム制を選択' }).click();
		await page.waitForURL(/\/apply\/search$/);

		// プログラム検索: 小児科 in 神奈川県 (関東 opens as a disclosure).
		await page.getByLabel('小児科').check();
		await page.locator('summary', { hasText: '関東' }).click();
		await page.getByLabel('神奈川県').check();
		await page.getByRole('button', { name: '検索' }).click();
		await page.waitForURL(/\/apply\/search\?.*domain=02.*pref=14/);
		const count = await page.locator('.recruit-results [role="status"]').innerText();
		assert.match(count, /検索結果：\d+件/);
		const names = await page.locator('.recruit-results .notice-body').allInnerTexts();
		assert.ok(names.length > 0 && names.every((t) => t.includes('小児科') && t.includes('神奈川県')), names.join('\n'));
		await shot(page, '04-search');

		await applyToListed(page, 0, '05');
		await page.getByRole('link', { name: '現在の状況へ' }).click();
		await page.waitForURL(/\/dashboard$/);
		assert.match(await page.locator('.recruit-status').first().innerText(), /状態：\d{4}年度専攻医募集 応募中/);
		assert.ok(await page.getByText('連携施設一覧').first().isVisible());
		assert.ok(await page.locator('#main').getByText('申請済みです。').isVisible());
		await shot(page, '06-dashboard-applied');

		// 応募を取り消す → confirm → 現在の状況 without it.
		await page.getByRole('link', { name: '応募を取り消す' }).click();
		await page.waitForURL(/\/apply\/cancel\?id=\d+$/);
		await shot(page, '07-cancel');
		await page.getByRole('button', { name: '応募を取り消す' }).click();
		await page.waitForURL(/\/dashboard\?done=cancelled$/);
		assert.ok(await page.getByText('応募を取り消しました。').isVisible());
		assert.equal(await page.locator('.recruit-application').count(), 0);
		await shot(page, '08-dashboard-cancelled');

		// And apply again, to the second program of the same search.
		await page.goto(`${base}/apply/search?domain=02&pref=14`);
		await applyToListed(page, 1, '09');
		await page.goto(`${base}/dashboard`);
		assert.equal(await page.locator('.recruit-application').count(), 1);
		await shot(page, '10-dashboard-again');

		// The same pages on a phone.
		await page.setViewportSize({ width: 375, height: 740 });
		for (const [p, name] of [['/dashboard', '11-phone-dashboard'], ['/apply/search?domain=02&pref=14', '12-phone-search'], ['/programs', '13-phone-catalogue']]) {
			await page.goto(`${base}${p}`);
			await noSideScroll(page, p);
			await shot(page, name);
		}
		assert.deepEqual(problems, []);
	} finally {
		await context.close();
	}
});
