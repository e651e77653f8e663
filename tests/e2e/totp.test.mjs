// In Chromium (Debian's): a fresh member (shikakuctl user add) signs in,
// accepts the terms, turns TOTP on from the secret shown as text (the
// code computed here, RFC 6238), signs out and signs in again with a
// code.  No console error or CSP violation on the way; screenshots in
// $top_builddir/screenshots/.  CORE-4, CORE-7, CORE-10, CORE-21, CORE-23.
// Issue 3 item 13 ("a browser test signs in, enrols TOTP and signs in
// again with a code").

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { PORT } from '../integration/http.mjs';
import { createUser, nextCode, resetThrottle, rows, q } from '../integration/auth.mjs';
import { launch, watch, watchCsp, shot as screenshot } from './browser.mjs';


let browser;

before(async () => {
	resetThrottle();
	browser = await launch();
});

after(async () => {
	await browser?.close();
});

test('CORE-7 CORE-4 CORE-23 CORE-10: in Chromium a new member signs in, accepts the terms, enrols TOTP from the secret shown as text, signs out and signs in again with a code', async () => {
	// A fresh member, made with `shikakuctl user add … --password-file` (child_process).
	const u = createUser('board', { tag: 'e2e', name: '画面 試験' });
	const base = `http://${u.host}:${PORT}`;
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
	const page = await context.newPage();
	const problems = watch(page);
	const shot = (name) => screenshot(page, `totp-${name}`);
	const signInForm = async () => {
		await page.goto(`${base}/login`, { waitUntil: 'load' });
		await page.getByLabel('医籍登録番号').fill(u.ident);
		await page.getByLabel('パスワード', { exact: false }).first().fill(u.password);
		await Promise.all([page.waitForNavigation(), page.locator('form#login button[type="submit"]').click()]);
	};
	try {
		const csp = await watchCsp(page);
		// 1. Sign in with the registration number.
		await signInForm();
		assert.equal(new URL(page.url()).pathname, '/');
		// 2. The account page waits for the terms; agree.
		await page.goto(`${base}/account`, { waitUntil: 'load' });
		assert.equal(new URL(page.url()).pathname, '/terms');
		await shot('1-terms');
		await Promise.all([page.waitForNavigation(), page.locator('form#terms button[type="submit"]').click()]);
		await page.goto(`${base}/account`, { waitUntil: 'load' });
		assert.equal(new URL(page.url()).pathname, '/account');
		// 3. TOTP: the QR code is drawn, the secret is shown as text.
		await page.goto(`${base}/account/totp`, { waitUntil: 'load' });
		const qr = await page.locator('.totp-qr img').evaluate((el) => ({ ok: el.complete && el.naturalWidth > 0, alt: el.alt }));
		assert.ok(qr.ok, 'the QR code image did not load');
		assert.ok(qr.alt.length > 0, 'the QR code has no alt text');
		const secret = (await page.locator('code.totp-secret').innerText()).replace(/\s+/g, '');
		assert.match(secret, /^[A-Z2-7]{32}$/);
		await shot('2-enrol');
		const totp = { secret, lastStep: -1 };
		await page.getByLabel('確認コード', { exact: false }).first().fill(await nextCode(totp));
		await Promise.all([page.waitForNavigation(), page.locator('form#account-totp button[type="submit"]').click()]);
		const codes = await page.locator('ol.recovery-codes code').allInnerTexts();
		assert.equal(codes.length, 10, 'ten recovery codes');
		await shot('3-recovery-codes');
		assert.equal(rows(`SELECT totp_enabled FROM account WHERE tenant = 'board' AND uid = ${q(u.uid)}`)[0][0], '1');
		// 4. Sign out from the menu.
		await page.goto(`${base}/account`, { waitUntil: 'load' });
		await Promise.all([page.waitForNavigation(), page.locator('form.menu-form[action="/logout"] button').click()]);
		await page.goto(`${base}/account`, { waitUntil: 'load' });
		assert.equal(new URL(page.url()).pathname, '/login', 'still signed in after signing out');
		// 5. Sign in again: the password, then a code.
		await signInForm();
		assert.equal(new URL(page.url()).pathname, '/login/totp');
		await shot('4-code');
		await page.locator('form#totp input[name="code"]').fill(await nextCode(totp));
		await Promise.all([page.waitForNavigation(), page.locator('form#totp button[type="submit"]').click()]);
		assert.equal(new URL(page.url()).pathname, '/');
		await page.goto(`${base}/account`, { waitUntil: 'load' });
		assert.equal(new URL(page.url()).pathname, '/account');
		assert.ok((await page.content()).includes('画面 試験'), 'the member\'s name is shown');
		await shot('5-signed-in');
		// The session cookie is HttpOnly: scripts cannot read it.
		assert.equal(await page.evaluate(() => document.cookie.includes('sid=')), false);
		const cookies = await context.cookies();
		const sid = cookies.find((c) => c.name === 'sid');
		assert.ok(sid && sid.httpOnly && sid.sameSite === 'Lax', JSON.stringify(sid));
		assert.deepEqual(csp, [], 'CSP violations');
		assert.deepEqual(problems, [], 'console errors or failed requests');
	} finally {
		await context.close();
	}
});
