// The tenant admin's console in Chromium on a phone (ADM-1, CORE-21;
// issue 14): an admin of board (TOTP required for staff) signs in with
// a code, finds a member by part of their kana on /admin/members, opens
// their page, unlocks them and resets their TOTP, each with a reason;
// the account changes, both actions are audited with their reasons and
// the member is told of the TOTP reset by mail.  No horizontal scroll
// at 375 px, no console error or failed request; screenshots
// admin-NN-*.png in $top_builddir/screenshots/.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { PORT } from '../integration/http.mjs';
import { createUser, signIn, nextCode, sql, rows, q, resetThrottle, auditRows, waitMail } from '../integration/auth.mjs';
import { launch, watch, PHONE, stepper } from './browser.mjs';

let browser;

before(async () => {
	browser = await launch();
	resetThrottle();
});

after(async () => {
	await browser?.close();
});

test('ADM-1 CORE-21 CORE-15 issue 14: on a phone an admin finds a member by kana, unlocks them and resets their TOTP, each with a reason', async () => {
	// The admin, TOTP enrolled over HTTP (the secret kept for the browser's code).
	const a = createUser('board', { roles: ['tenant_admin'], tag: 'e2a', name: '画面 管理' });
	const enrolled = await signIn(a.host, a.ident, a.password, { enrol: true });
	const totp = enrolled.totp;
	assert.ok(totp?.secret, 'admin: TOTP enrolled');
	// The member: a record with kana, locked, TOTP on.
	const m = createUser('board', { tag: 'e2v' });
	const tail = m.uid.slice(-4);
	const kana = `ガメン ロック${tail}`;
	sql(`INSERT INTO member (tenant, uid, member_no, name_kanji, name_kana, birth_date, email, phone, postal_code, pref, address, activated_at)
	    VALUES ('board', ${q(m.uid)}, ${q(m.number)}, ${q(`画面 施錠${tail}`)}, ${q(kana)}, '1980-01-02', ${q(m.mail)}, '03-0000-0000', '100-0001', '13', '千代田区1-1', NOW())`);
	sql(`UPDATE account SET locked_until = DATE_ADD(NOW(), INTERVAL 1 DAY), totp_enabled = 1, totp_secret = 'x' WHERE tenant = 'board' AND uid = ${q(m.uid)}`);

	const base = `http://board.localhost:${PORT}`;
	const context = await browser.newContext(PHONE);
	const page = await context.newPage();
	const problems = watch(page);
	const step = stepper(page, 'admin');
	try {
		await page.goto(`${base}/login?next=/admin/members`);
		await page.fill('#f-ident', a.ident);
		await page.fill('#f-password', a.password);
		await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'ログイン' }).click()]);
		assert.equal(new URL(page.url()).pathname, '/login/totp');
		await page.locator('form#totp input[name="code"]').fill(await nextCode(totp));
		await Promise.all([page.waitForNavigation(), page.locator('form#totp button[type="submit"]').click()]);
		await page.goto(`${base}/admin/members`);
		await step('members', '/admin/members');

		// Find them by part of the kana.
		await page.fill('#adm-q', `ロック${tail}`);
		await Promise.all([page.waitForNavigation(), page.locator('form:has(#adm-q) button[type="submit"]').click()]);
		const link = page.locator(`a[href="/admin/members/${m.uid}"]`);
		assert.equal(await link.count(), 1, 'found by kana');
		assert.ok(await page.getByText(kana).isVisible());
		await step('found', /^\/admin\/members\?q=/);
		await Promise.all([page.waitForNavigation(), link.click()]);
		await step('member', `/admin/members/${m.uid}`);

		// Unlock, with a reason.
		const act = async (action, reason) => {
			const form = page.locator(`form.adm-action:has(input[name="action"][value="${action}"])`);
			await form.locator('input[name="reason"]').fill(reason);
			await Promise.all([page.waitForNavigation(), form.locator('button[type="submit"]').click()]);
			assert.equal(new URL(page.url()).search, `?done=${action}`);
		};
		await act('unlock', '本人から電話（画面試験）');
		assert.equal(rows(`SELECT locked_until IS NULL FROM account WHERE tenant = 'board' AND uid = ${q(m.uid)}`)[0][0], '1');
		await step('unlocked', `/admin/members/${m.uid}`);
		await act('totp-reset', '端末の紛失（画面試験）');
		assert.equal(rows(`SELECT totp_enabled FROM account WHERE tenant = 'board' AND uid = ${q(m.uid)}`)[0][0], '0');
		await step('totp-reset', `/admin/members/${m.uid}`);
		// Neither action is offered again; both audited with their reasons.
		assert.equal(await page.locator('input[name="action"][value="unlock"]').count(), 0);
		assert.equal(await page.locator('input[name="action"][value="totp-reset"]').count(), 0);
		assert.equal(auditRows(`tenant = 'board' AND actor = ${q(a.uid)} AND object = ${q(m.uid)} AND action = 'unlock' AND detail = '本人から電話（画面試験）'`).length, 1);
		assert.equal(auditRows(`tenant = 'board' AND actor = ${q(a.uid)} AND object = ${q(m.uid)} AND action = 'member.totp-reset' AND detail = '端末の紛失（画面試験）'`).length, 1);
		await waitMail(m.mail, (x) => /2段階認証/.test(x.subject || ''));
		assert.deepEqual(problems, []);
	} finally {
		await context.close();
		sql(`DELETE FROM member WHERE tenant = 'board' AND uid = ${q(m.uid)}`);
	}
});
