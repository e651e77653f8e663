// Nothing typed is lost, in a real browser (CORE-12, CORE-17, CORE-11):
// issue 7 items 1 and 15 as a member meets them — a form left open until
// its session expired comes back filled (Chromium sends its Origin, which
// the portal must recognise as its own), and on a shared workstation the
// next person to sign in never sees what the previous one typed.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { PORT } from '../integration/http.mjs';
import { createUser, sql, q, sidHash, newPassword, resetThrottle, signIn } from '../integration/auth.mjs';
import { launch, watch, shot } from './browser.mjs';

let browser;

before(async () => {
	resetThrottle();
	browser = await launch();
});

after(async () => {
	await browser?.close();
});

const sidOf = async (context) => (await context.cookies()).find((c) => c.name === 'sid')?.value;
const EXPIRED_JA = '画面の有効期限が切れました。もう一度送信してください。';
const RETYPE_JA = 'パスワードなどの秘密の項目は保存されません。もう一度入力してください。';

async function signInHere(page, u) {
	await page.fill('#f-ident', u.ident);
	await page.fill('#f-password', u.password);
	await Promise.all([page.waitForNavigation(), page.click('form#login button[type="submit"]')]);
}

test('CORE-12 CORE-11: the sign-in form left open until its session expired comes back in Chromium with the login ID typed, the notice, and the password to type again; sending it again signs in', async () => {
	const u = createUser('palliative', { tag: 'ek' });
	await signIn(u.host, u.ident, u.password);	// the terms, once
	const context = await browser.newContext({ locale: 'ja-JP' });
	const page = await context.newPage();
	const problems = watch(page);
	try {
		const base = `http://${u.host}:${PORT}`;
		await page.goto(`${base}/login`);
		await page.fill('#f-ident', u.ident);
		await page.fill('#f-password', u.password);
		sql(`DELETE FROM session WHERE id_hash = ${q(sidHash(await sidOf(context)))}`);
		const [res] = await Promise.all([page.waitForNavigation(), page.click('form#login button[type="submit"]')]);
		assert.equal(res.status(), 200);
		await shot(page, 'kept-login-expired');
		assert.ok((await page.textContent('main')).includes(EXPIRED_JA));
		assert.equal(await page.inputValue('#f-ident'), u.ident);
		assert.equal(await page.inputValue('#f-password'), '');
		assert.ok((await page.textContent('#f-password-retype')).includes(RETYPE_JA));
		await page.fill('#f-password', u.password);
		await Promise.all([page.waitForNavigation(), page.click('form#login button[type="submit"]')]);
		assert.equal(new URL(page.url()).pathname, '/');
		assert.ok(await page.locator('form[action="/logout"]').count() > 0, 'signed in');
		assert.deepEqual(problems.filter((p) => !/HTTP 4/.test(p)), []);
	} finally {
		await context.close();
	}
});

test('CORE-12 CORE-17: on a shared browser, the password change a member sent after their session expired is offered to nobody else; the member signs in, types the passwords again on /kept and the change is made', async () => {
	const a = createUser('palliative', { tag: 'ea' });
	const b = createUser('palliative', { tag: 'eb' });
	await signIn(a.host, a.ident, a.password);	// the terms, once
	await signIn(b.host, b.ident, b.password);
	const fresh = newPassword('ea');
	const context = await browser.newContext({ locale: 'ja-JP' });
	const page = await context.newPage();
	try {
		const base = `http://${a.host}:${PORT}`;
		await page.goto(`${base}/login`);
		await signInHere(page, a);
		await page.goto(`${base}/account/password`);
		await page.fill('#f-current', a.password);
		await page.fill('#f-password', fresh);
		await page.fill('#f-password2', fresh);
		sql(`UPDATE session SET expires_at = NOW() - INTERVAL 1 SECOND WHERE id_hash = ${q(sidHash(await sidOf(context)))}`);
		await Promise.all([page.waitForNavigation(), page.click('main form button[type="submit"]')]);
		assert.equal(new URL(page.url()).pathname, '/login');

		// Somebody else signs in on this browser: nothing of a's.
		await signInHere(page, b);
		await page.goto(`${base}/kept`);
		const seen = await page.content();
		assert.ok(seen.includes('保存されている入力内容はありません。'), 'b is told nothing was kept');
		assert.equal(await page.locator('form[action="/account/password"]').count(), 0, 'b is offered a\'s form');
		await Promise.all([page.waitForNavigation(), page.click('form[action="/logout"] button')]);

		// a again: straight to /kept, the passwords to type again.
		await page.goto(`${base}/login`);
		await signInHere(page, a);
		assert.equal(new URL(page.url()).pathname, '/kept');
		await shot(page, 'kept-secrets');
		const form = page.locator('form[action="/account/password"]');
		assert.equal(await form.count(), 1);
		assert.ok((await form.textContent()).includes(RETYPE_JA));
		await page.fill('#f-current', a.password);
		await page.fill('#f-password', fresh);
		await page.fill('#f-password2', fresh);
		await Promise.all([page.waitForNavigation(), form.locator('button[type="submit"]').click()]);
		assert.notEqual(new URL(page.url()).pathname, '/kept');
		await signIn(a.host, a.ident, fresh);	// throws unless the new password works
	} finally {
		await context.close();
	}
});
