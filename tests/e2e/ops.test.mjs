// In Chromium (Debian's): central IT, signed in with TOTP (the session of
// integration/auth.mjs's opsClient, handed to the browser as its cookie),
// opens the ops console, follows 「テナントの作成」, fills the form, creates
// the tenant, sees it listed with a link to its host, and opens the new
// tenant's home page — which answers because the console itself rewrote
// nginx's map and reloaded nginx and shikakud.  No console error or CSP
// violation on the way; screenshots in $top_builddir/screenshots/.
// OPS-1 (issue 14: "central IT creates a tenant from the console and
// opens its home page").

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

import { PORT, RUN, CONF, SRCDIR, OPS_HOST, get, readConfKey, reloadWorkers, waitFor, workerPids, confNumber } from '../integration/http.mjs';
import { SHIKAKUCTL, opsClient, uniqueDigits, rows, waitMail } from '../integration/auth.mjs';
import { launch, watch, watchCsp, shot as screenshot } from './browser.mjs';

// A reload of the test's own (its last change's SIGHUP) may still be
// replacing workers: wait until the pool holds just its configured
// workers (no old one still stopping) and stays so for a second, so the
// cleanup's reload starts from a settled pool.
async function settled() {
	const want = confNumber('workers', 2);
	let prev = '';
	for (let i = 0; i < 60; i++) {
		const pids = workerPids();
		const now = pids.join(' ');
		if (now === prev && pids.length === want)
			return;
		prev = now;
		await new Promise((res) => setTimeout(res, 1000));
	}
}

const SLUG = `e2e-${uniqueDigits(6)}`;
const HOST = `${SLUG}.localhost`;
const MAIL = `admin-${SLUG}@new.example`;
const ROOT = readConfKey(CONF, 'tenantdir') || path.join(readConfKey(CONF, 'datadir') || SRCDIR, 'tenants');

let browser;

before(async () => {
	browser = await launch();
});

after(async () => {
	await browser?.close();
	fs.rmSync(path.join(ROOT, SLUG), { recursive: true, force: true });
	const map = spawnSync(SHIKAKUCTL, ['-f', CONF, 'tenant', 'nginx-map'], { encoding: 'utf8' }).stdout;
	fs.writeFileSync(path.join(RUN, 'nginx', 'tenants.map'), map);
	process.kill(Number(fs.readFileSync(path.join(RUN, 'nginx', 'nginx.pid'), 'utf8')), 'SIGHUP');
	await settled();
	await reloadWorkers();
});

test('OPS-1: in Chromium central IT creates a tenant from the console and opens its home page', async () => {
	const it = await opsClient('e2e');
	const base = `http://${OPS_HOST}:${PORT}`;
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
	await context.addCookies([{ name: 'sid', value: it.sid, domain: OPS_HOST, path: '/', httpOnly: true, sameSite: 'Lax' }]);
	const page = await context.newPage();
	const problems = watch(page);
	// Chromium asks every host for /favicon.ico on its own; the portal
	// has none (a 404 on any host, noted in the report), and the console
	// says so only for the page reloaded below: not this test's concern.
	const favicon = [];
	page.on('console', (m) => {
		if (/\/favicon\.ico$/.test(m.location().url || ''))
			favicon.push(m.text());
	});
	const shot = (name) => screenshot(page, `ops-${name}`);
	try {
		const csp = await watchCsp(page);
		// 1. The console, signed in.
		await page.goto(`${base}/`, { waitUntil: 'load' });
		assert.equal(new URL(page.url()).pathname, '/');
		await shot('1-console');
		// 2. 「テナントの作成」 and its form.
		await Promise.all([page.waitForNavigation(), page.locator('a#tenant-new').click()]);
		assert.equal(new URL(page.url()).pathname, '/tenants/new');
		const form = page.locator('form#tenant-new');
		await form.locator('input[name="slug"]').fill(SLUG);
		await form.locator('input[name="hosts"]').fill(HOST);
		await form.locator('input[name="name_ja"]').fill('画面試験学会');
		await form.locator('input[name="name_en"]').fill('Browser Test Society');
		await form.locator('select[name="login_id"]').selectOption('email_or_member');
		await form.locator('input[name="admin_mail"]').fill(MAIL);
		await shot('2-form');
		// 3. Create: back on the console, the new tenant listed with a link to its host.
		await Promise.all([page.waitForNavigation(), form.locator('button[type="submit"]').click()]);
		const url = new URL(page.url());
		assert.equal(url.pathname, '/');
		assert.equal(url.searchParams.get('created'), SLUG, await page.content());
		assert.deepEqual(rows(`SELECT hosts FROM tenant WHERE slug = '${SLUG}'`), [[HOST]]);
		// The console's own SIGHUP replaces the workers one by one: reload
		// until a worker that knows the tenant draws the list.
		await waitFor(async () => {
			await page.reload({ waitUntil: 'load' });
			return (await page.locator(`a.tenant-home`).count()) > 0;
		}, { timeout: 15000, what: 'the console to list the new tenant' });
		assert.equal(await page.locator('a.tenant-home').innerText(), HOST);
		assert.ok((await page.content()).includes('画面試験学会'));
		await shot('3-created');
		// 4. Its home page, on its own host (nginx reloaded by the console).
		await waitFor(async () => (await get(HOST, '/')).status === 200, { timeout: 15000, what: `${HOST} to answer` });
		const home = await page.goto(`http://${HOST}:${PORT}/`, { waitUntil: 'load' });
		assert.equal(home.status(), 200);
		assert.ok((await page.content()).includes('画面試験学会'), 'the new tenant\'s name on its home page');
		const css = await page.evaluate(() => [...document.styleSheets].some((s) => (s.href || '').endsWith('/static/theme.css')));
		assert.ok(css, 'the new tenant\'s theme.css is linked');
		await shot('4-tenant-home');
		// 5. Its first admin was mailed a temporary password.
		assert.match((await waitMail(MAIL))[0].body, /■仮パスワード\n\S+/);
		assert.deepEqual(csp, [], 'CSP violations');
		assert.deepEqual(problems.filter((p) => !(favicon.length && p === `console error: ${favicon[0]}`)), [],
		    'console errors or failed requests');
	} finally {
		await context.close();
	}
});
