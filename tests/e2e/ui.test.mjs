// In Chromium (Debian's), what a member meets on a phone (issue 7 items
// 16, 18, 21–24): Enter in a form submits its main action, never 戻る;
// 検索結果へ戻る keeps the search; at 375 px tables stack or show a scroll
// cue, nothing scrolls the page sideways and the results of a search
// begin on the first screen (filters folded in a <details>, no
// JavaScript needed); program pages are named after the program; heading
// levels never skip; 現在の状況 leads with the next step and its cancel
// button is small and asks first; the menu marks the current page on
// every page; sign-in and code fields say what they hold; a failed POST
// puts the focus on the error summary.  Screenshots in
// $top_builddir/screenshots/ui-*.png.
//
// Accounts are made with shikakuctl and signed in over HTTP
// (tests/integration/auth.mjs); the browser takes over their cookies.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { PORT } from '../integration/http.mjs';
import {
	Client, csrfOf, errorKeys, createUser, signIn, resetThrottle, rows, q,
	waitMail, uniqueDigits, newPassword, nextCode,
} from '../integration/auth.mjs';
import { launch, watch, watchCsp, shot as screenshot, noSideScroll, PHONE } from './browser.mjs';

const BOARD = 'board.localhost';
const url = (host, p) => `http://${host}:${PORT}${p}`;
const shot = (page, name) => screenshot(page, `ui-${name}`);

let browser;

before(async () => {
	resetThrottle();
	browser = await launch();
});

after(async () => {
	await browser?.close();
});

/** A browser context (a phone unless opts say otherwise) holding client's cookies. */
async function contextOf(client, opts = PHONE) {
	const context = await browser.newContext(opts);
	if (client)
		await context.addCookies([...client.jar].map(([name, value]) => ({
			name, value, domain: client.host, path: '/',
		})));
	return context;
}

/** A board member signed in over HTTP who chose プログラム制 (the search is open to them). */
async function boardApplicant(tag) {
	const u = createUser('board', { tag });
	const c = await signIn(BOARD, u.ident, u.password);
	const r = await c.post('/apply/system', { system: 'program' }, { formPage: '/apply/system?system=curriculum' });
	assert.equal(r.status, 303, `プログラム制: ${r.status} ${errorKeys(r.body)}`);
	c.user = u;
	return c;
}

/** Headings of the page in order, as [level, text]. */
const headings = (page) => page.evaluate(() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
    .map((h) => [Number(h.tagName[1]), h.textContent.trim().slice(0, 40)]));

/** axe-core's heading-order: no heading more than one level below the one before. */
function headingSkips(hs) {
	const skips = [];
	for (let i = 1; i < hs.length; i++)
		if (hs[i][0] > hs[i - 1][0] + 1)
			skips.push(`h${hs[i - 1][0]} 「${hs[i - 1][1]}」 → h${hs[i][0]} 「${hs[i][1]}」`);
	if (hs.length && hs[0][0] !== 1)
		skips.unshift(`first heading is h${hs[0][0]}`);
	return skips;
}

// ------------------------------------------------------------ item 16

/** The registration over HTTP up to 個人情報 (terms, mail, licence, check). */
async function toPersonal() {
	const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVQImWOQt84EAAFAAMSRADcfAAAAAElFTkSuQmCC', 'base64');
	const d = uniqueDigits(9);
	const email = `ui${d}@example.jp`;
	const c = new Client(BOARD);
	const post = async (p, form, from = p) => {
		const page = await c.model(from);
		assert.equal(page.status, 200, `GET ${from}: ${page.status} ${page.location || ''}`);
		return c.postRaw(p, { csrf: csrfOf(page.body), ...form }, { xml: true });
	};
	const terms = await c.model('/register');
	const v = /<field name="version"[^>]*><value>(\d+)<\/value>/.exec(terms.body)[1];
	let r = await c.postRaw('/register', { csrf: csrfOf(terms.body), version: v }, { xml: true });
	assert.equal(r.location, '/register/email');
	r = await post('/register/email', { email });
	assert.equal(r.status, 303, `email: ${errorKeys(r.body)}`);
	const [m] = (await waitMail(email, (x) => /\/register\/verify\?t=/.test(x.body))).slice(-1);
	const link = new URL(/https?:\/\/\S+\/register\/verify\?t=[A-Za-z0-9_-]{43}/.exec(m.body)[0]);
	r = await c.get(link.pathname + link.search);
	assert.equal(r.location, '/register/licence');
	const lic = await c.model('/register/licence');
	const boundary = `----ui${d}`;
	const part = (k, v) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`;
	const body = Buffer.concat([
		Buffer.from(part('csrf', csrfOf(lic.body)) + part('regno', d) + part('regno_date', '2024-04-20')),
		Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="licence"; filename="免許証.png"\r\nContent-Type: image/png\r\n\r\n`),
		PNG, Buffer.from(`\r\n--${boundary}--\r\n`),
	]);
	r = await c.req('POST', '/register/licence', { raw: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, xml: true });
	assert.equal(r.status, 303, `licence: ${errorKeys(r.body)}`);
	r = await post('/register/check', { op: 'ok' });
	assert.equal(r.location, '/register/personal');
	return c;
}

test('ACC-1 CORE-21: Enter in a field of 個人情報 submits 確認画面へ進む, not 戻る; every form leads with its main action', async () => {
	const c = await toPersonal();
	const context = await contextOf(c);
	const page = await context.newPage();
	const problems = watch(page);
	try {
		// 確認 (/register/check) too: OK before 修正する.
		await page.goto(url(BOARD, '/register/check'));
		assert.equal(await page.locator('form button[type="submit"]').first().getAttribute('value'), 'ok',
		    '/register/check: the first submit button is OK');
		await page.goto(url(BOARD, '/register/personal'));
		await shot(page, '01-personal');
		const forms = await page.evaluate(() => [...document.querySelectorAll('main form')].map((f) => {
			const b = [...f.querySelectorAll('button[type="submit"], button:not([type]), input[type="submit"]')];
			return { action: f.getAttribute('action'), n: b.length, first: b[0]?.className, value: b[0]?.value };
		}));
		for (const f of forms.filter((x) => x.n > 1))
			assert.match(f.first, /btn-primary/, `${f.action}: the first of ${f.n} buttons is not the main one`);
		assert.equal(forms.find((f) => f.action === '/register/personal')?.value, 'confirm');

		// Enter in 氏名: the browser submits the first submit button.
		await page.fill('#f-name_kanji', '画面 次郎');
		const [req] = await Promise.all([
			page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/register/personal')),
			page.press('#f-name_kanji', 'Enter'),
		]);
		await page.waitForLoadState('load');
		assert.match(req.postData() || '', /(^|&)op=confirm(&|$)/, `Enter submitted ${req.postData()}`);
		assert.doesNotMatch(req.postData() || '', /op=back/);
		// Still on 個人情報 (the other 必須 fields are empty), not back at 確認.
		assert.equal(new URL(page.url()).pathname, '/register/personal');
		await shot(page, '02-personal-enter');
		assert.deepEqual(problems, []);
	} finally {
		await context.close();
	}
});

// ------------------------------------------------------------ items 18, 21, 22

const SEARCH = '/apply/search?track=regular&domain=01&pref=13';
const SEARCHES = [[SEARCH, '/apply/programs/'], [SEARCH.replace('/apply/search', '/programs'), '/programs/']];

test('BRD-2: 検索結果へ戻る returns to the same results, in the applying flow and in the catalogue', async () => {
	const c = await boardApplicant('back');
	const context = await contextOf(c);
	const page = await context.newPage();
	const problems = watch(page);
	try {
		for (const [base, link] of SEARCHES) {
			await page.goto(url(BOARD, base));
			const count = await page.locator('.recruit-results [role="status"]').innerText();
			assert.ok(await page.locator('.recruit-results .recruit-card').count() >= 2, `${base}: ${count}`);
			await Promise.all([page.waitForNavigation(), page.locator(`.recruit-results a[href^="${link}"]`).nth(1).click()]);
			await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: '検索結果へ戻る' }).click()]);
			const back = new URL(page.url());
			assert.equal(back.pathname, base.split('?')[0]);
			assert.deepEqual(back.searchParams.getAll('domain'), ['01'], `${base}: back at ${page.url()}`);
			assert.deepEqual(back.searchParams.getAll('pref'), ['13']);
			assert.equal(await page.locator('.recruit-results [role="status"]').innerText(), count, 'the same results');
		}
		assert.deepEqual(problems, []);
	} finally {
		await context.close();
	}
});

test('BRD-2 CORE-21: at 375 px the results of a search begin on the first screen; the filters fold into a <details> that opens without JavaScript', async () => {
	const c = await boardApplicant('fold');
	const context = await contextOf(c, { ...PHONE, javaScriptEnabled: false });
	const page = await context.newPage();
	const problems = watch(page);
	try {
		for (const [base] of SEARCHES) {
			await page.goto(url(BOARD, base));
			await noSideScroll(page, base, { elements: true });
			const filters = page.locator('form.recruit-search details.recruit-filters');
			assert.equal(await filters.count(), 1, `${base}: the filters are a <details>`);
			assert.equal(await filters.getAttribute('open'), null, `${base}: the chosen filters stay folded`);
			const summary = filters.locator(':scope > summary');
			assert.match(await summary.innerText(), /内科.*東京都/);
			const bottom = await page.locator('.recruit-results .recruit-card a').first().evaluate((a) => a.getBoundingClientRect().bottom);
			assert.ok(bottom <= 740, `${base}: the first result ends at ${bottom} px, below the first screen (740 px)`);
			await shot(page, `03-search-${base.split('?')[0].replace(/\W+/g, '-')}`);
			await summary.click();
			assert.ok(await page.locator('#f-track-regular').isVisible() && await page.locator('#f-q').isVisible(), 'the filters open');
		}
		// Nothing chosen yet: the filters are open.
		await page.goto(url(BOARD, '/programs'));
		assert.equal(await page.locator('details.recruit-filters').getAttribute('open'), 'open');
		assert.deepEqual(problems, []);
	} finally {
		await context.close();
	}
});

test('BRD-1 CORE-21: every program page is titled and headed by the program\'s name; heading levels never skip (program pages, admin results and rounds)', async () => {
	const c = await boardApplicant('hd');
	const u = createUser('board', { roles: ['tenant_admin'], tag: 'hda' });
	const admin = await signIn(BOARD, u.ident, u.password, { enrol: true });
	const [[round]] = rows("SELECT id FROM recruit_round WHERE tenant = 'board' ORDER BY year DESC, apply_open LIMIT 1");
	const context = await contextOf(c);
	const page = await context.newPage();
	const problems = watch(page);
	const adminContext = await contextOf(admin);
	const adminPage = await adminContext.newPage();
	try {
		for (const [base, link] of SEARCHES) {
			await page.goto(url(BOARD, base));
			const card = page.locator(`.recruit-results a[href^="${link}"]`).first();
			const name = (await card.innerText()).trim();
			await Promise.all([page.waitForNavigation(), card.click()]);
			assert.equal(await page.locator('h1').innerText(), name, `${page.url()}: the h1`);
			assert.ok((await page.title()).startsWith(`${name} | `), `${page.url()}: <title> ${await page.title()}`);
			assert.deepEqual(headingSkips(await headings(page)), [], `${page.url()}: heading levels skip`);
			await shot(page, `04-program-${link.replace(/\W+/g, '-')}`);
		}
		for (const [pg, p] of [[adminPage, `/admin/results?round=${round}`], [adminPage, '/admin/rounds'],
		    [page, '/dashboard'], [page, '/apply'], [page, '/account']]) {
			await pg.goto(url(BOARD, p));
			assert.equal(new URL(pg.url()).pathname, p.split('?')[0]);
			assert.deepEqual(headingSkips(await headings(pg)), [], `${p}: heading levels skip`);
		}
		assert.deepEqual(problems, []);
	} finally {
		await context.close();
		await adminContext.close();
	}
});

test('CORE-21: at 375 px key/value tables stack, wide tables show a scroll cue and /admin/outbox does not scroll sideways', async () => {
	const u = createUser('board', { roles: ['member', 'tenant_admin'], tag: 'tbl' });
	const c = await signIn(BOARD, u.ident, u.password, { enrol: true });
	const [[round]] = rows("SELECT id FROM recruit_round WHERE tenant = 'board' ORDER BY year DESC, apply_open LIMIT 1");
	const [[program]] = rows("SELECT r.program_id FROM program_rotation r JOIN program p ON p.id = r.program_id WHERE p.tenant = 'board' LIMIT 1");
	const context = await contextOf(c);
	const page = await context.newPage();
	const problems = watch(page);
	try {
		for (const p of ['/account', `/programs/${program}`, '/admin/outbox', `/admin/results?round=${round}`, '/admin/rounds', '/admin/programs']) {
			await page.goto(url(BOARD, p));
			assert.equal(new URL(page.url()).pathname, p.split('?')[0], `${p}: landed on ${page.url()}`);
			await noSideScroll(page, p);
			// Stacked tables: every cell, link and button on the screen.
			const off = await page.evaluate(() => [...document.querySelectorAll('table.stack th, table.stack td, table.stack a, table.stack button')]
			    .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
			    .map((e) => e.textContent.trim().slice(0, 30)));
			assert.deepEqual(off, [], `${p}: parts of a key/value table off-screen`);
			// Wide tables: scroll inside their wrapper, with a cue.
			const wraps = await page.evaluate(() => [...document.querySelectorAll('.table-wrap')].map((w) => {
				const s = getComputedStyle(w);
				return { wide: w.scrollWidth > w.clientWidth + 1, image: s.backgroundImage, attach: s.backgroundAttachment };
			}));
			for (const w of wraps.filter((x) => x.wide)) {
				assert.match(w.image, /gradient/, `${p}: a wide table without a scroll cue`);
				assert.match(w.attach, /local/, `${p}: the cue does not follow the scroll`);
			}
			await shot(page, `05-${p.replace(/[^a-z0-9]+/g, '-')}`);
		}
		// アカウント管理's table is a stack: its rows' links sit on the screen.
		await page.goto(url(BOARD, '/account'));
		assert.ok(await page.locator('table.account-status a[href="/account/password"]').isVisible());
		assert.ok(await page.locator('table.account-status a[href="/account/password"]').evaluate((a) => a.getBoundingClientRect().right <= document.documentElement.clientWidth));
		assert.deepEqual(problems, []);
	} finally {
		await context.close();
	}
});

// ------------------------------------------------------------ item 23

/** A board member who applied to the first regular program: [client, program id]. */
async function appliedApplicant(tag) {
	const c = await boardApplicant(tag);
	const [[program]] = rows("SELECT id FROM program WHERE tenant = 'board' AND track = 'regular' ORDER BY id LIMIT 1");
	const conf = await c.model(`/apply/confirm?program=${program}`);
	assert.equal(conf.status, 200);
	const r = await c.postRaw('/apply/confirm', { csrf: csrfOf(conf.body), program: String(program) });
	assert.equal(r.status, 303, `apply: ${r.status} ${r.location}`);
	return [c, program];
}

test('BRD-10 BRD-6 CORE-21: after applying, 現在の状況 leads with the next step; 応募を取り消す is a small secondary button that asks first', async () => {
	const [c] = await appliedApplicant('dash');
	const context = await contextOf(c);
	const page = await context.newPage();
	const problems = watch(page);
	try {
		await page.goto(url(BOARD, '/dashboard'));
		await shot(page, '06-dashboard');
		// The first thing after the h1 is the next step.
		const next = page.locator('main h1 + .recruit-next');
		assert.equal(await next.count(), 1, 'the next step right after the heading');
		assert.match(await next.innerText(), /次のステップ[\s\S]*採用結果は .*\d{4}年\d+月\d+日/);
		assert.ok(await next.evaluate((e) => e.getBoundingClientRect().top < innerHeight), 'the next step on the first screen');

		// 応募を取り消す: secondary, not red-filled, not the biggest button; it asks first.
		const cancel = page.getByRole('link', { name: '応募を取り消す' });
		assert.doesNotMatch(await cancel.getAttribute('class'), /btn-primary/);
		const look = await cancel.evaluate((e) => {
			const s = getComputedStyle(e);
			const area = (x) => { const b = x.getBoundingClientRect(); return b.width * b.height; };
			const biggest = Math.max(...[...document.querySelectorAll('main .btn, main .link-card-link')].map(area));
			return { bg: s.backgroundColor, area: area(e), biggest };
		});
		assert.doesNotMatch(look.bg, /rgb\((1[5-9]\d|2\d\d), (\d|[1-6]\d), (\d|[1-6]\d)\)/, `a red-filled cancel button: ${look.bg}`);
		assert.ok(look.area < look.biggest, `the cancel button is the biggest on the page (${look.area} px²)`);
		await Promise.all([page.waitForNavigation(), cancel.click()]);
		assert.equal(new URL(page.url()).pathname, '/apply/cancel');
		assert.ok(await page.getByRole('button', { name: '応募を取り消す' }).isVisible(), 'a confirmation page');
		assert.equal(rows(`SELECT state FROM application WHERE tenant = 'board' AND uid = ${q(c.user.uid)} AND live = 1`)[0]?.[0], 'applied',
		    'nothing is cancelled before the confirmation');
		assert.deepEqual(problems, []);
	} finally {
		await context.close();
	}
});

test('CORE-21: the menu marks the current page with aria-current on every page, /apply/* included; 現在の状況 looks current only on its own page', async () => {
	const [c, program] = await appliedApplicant('cur');
	const context = await contextOf(c);
	const page = await context.newPage();
	const problems = watch(page);
	try {
		const pages = [['/dashboard', '/dashboard'], ['/apply', '/apply'], ['/apply/system', '/apply'],
		    ['/apply/search', '/apply'], [`/apply/programs/${program}`, '/apply'], ['/apply/cancel?id=0', null],
		    ['/programs', '/programs'], [`/programs/${program}`, '/programs'], ['/account', '/account'],
		    ['/account/totp', '/account'], ['/member', '/member'], ['/', '/']];
		for (const [p, cur] of pages) {
			const resp = await page.goto(url(BOARD, p));
			if (cur === null)
				continue;	// a missing application: a 404 page
			assert.equal(resp.status(), 200, p);
			const marked = await page.locator('nav.site-menu [aria-current="page"]').evaluateAll((l) => l.map((a) => a.getAttribute('href')));
			assert.deepEqual(marked, [cur], `${p}: the menu's current item`);
			if (cur !== '/dashboard') {
				const style = (sel) => page.locator(sel).evaluate((e) => {
					const s = getComputedStyle(e);
					return [s.backgroundColor, s.color, s.borderTopColor].join(' ');
				});
				const home = cur === '/' ? 'nav.site-menu a[href="/account"]' : 'nav.site-menu a[href="/"]';
				assert.equal(await style('nav.site-menu a[href="/dashboard"]'), await style(home),
				    `${p}: 現在の状況 looks different from the other items`);
			}
		}
		// The missing application's 404 (and the console's note of it) only.
		assert.deepEqual(problems.filter((x) => !/HTTP 404: .*\/apply\/cancel|status of 404/.test(x)), []);
	} finally {
		await context.close();
	}
});

// ------------------------------------------------------------ item 24

test('CORE-4 CORE-7 CORE-21: sign-in, password and code fields say what they hold (username, current-password, new-password, one-time-code with a digit pad)', async () => {
	const u = createUser('oncology', { tag: 'ac' });
	const c = await signIn(u.host, u.ident, u.password);
	// TOTP on (oncology does not force it): the next sign-in asks for a code.
	const t = await c.model('/account/totp');
	const secret = /<secret>([^<]+)<\/secret>/.exec(t.body)?.[1]?.replace(/\s+/g, '');
	assert.ok(secret, 'a pending TOTP secret');
	const totp = { secret, lastStep: -1 };
	const on = await c.postRaw('/account/totp', { csrf: csrfOf(t.body), code: await nextCode(totp) });
	assert.ok([200, 303].includes(on.status), `TOTP on: ${on.status}`);
	const context = await contextOf(null);
	const page = await context.newPage();
	const problems = watch(page);
	const attrs = (sel) => page.locator(sel).evaluate((e) => [e.getAttribute('autocomplete'), e.getAttribute('inputmode')]);
	try {
		await page.goto(url(u.host, '/login'));
		assert.deepEqual(await attrs('#f-ident'), ['username', null]);
		assert.deepEqual(await attrs('#f-password'), ['current-password', null]);
		await page.fill('#f-ident', u.ident);
		await page.fill('#f-password', u.password);
		await Promise.all([page.waitForNavigation(), page.press('#f-password', 'Enter')]);
		assert.equal(new URL(page.url()).pathname, '/login/totp');
		assert.deepEqual(await attrs('#f-code'), ['one-time-code', 'numeric']);
		await page.fill('#f-code', await nextCode(totp));
		await Promise.all([page.waitForNavigation(), page.press('#f-code', 'Enter')]);
		await page.goto(url(u.host, '/account/password'));
		assert.equal(new URL(page.url()).pathname, '/account/password');
		assert.deepEqual(await attrs('#f-current'), ['current-password', null]);
		assert.deepEqual(await attrs('#f-password'), ['new-password', null]);
		assert.deepEqual(await attrs('#f-password2'), ['new-password', null]);
		assert.deepEqual(problems, []);
	} finally {
		await context.close();
	}
});

test('CORE-21: after a failed POST the focus is on the error summary (autofocus, no script; the CSP stays default-src \'self\')', async () => {
	const u = createUser('oncology', { tag: 'fo' });
	const c = await signIn(u.host, u.ident, u.password);
	const context = await contextOf(c);
	const page = await context.newPage();
	const problems = watch(page);
	const csp = await watchCsp(page);
	const focused = () => page.evaluate(() => document.activeElement?.className);
	try {
		// A wrong current password on パスワードの変更.
		await page.goto(url(u.host, '/account/password'));
		await page.fill('#f-current', 'not-my-password');
		await Promise.all([page.waitForNavigation(), page.press('#f-current', 'Enter')]);
		assert.ok(await page.locator('.error-summary').isVisible());
		assert.equal(await focused(), 'error-summary', 'after a failed POST the focus is on the error summary');
		await shot(page, '08-password-failed');
		// A refused sign-in, signed out.
		const anon = await browser.newContext(PHONE);
		const p2 = await anon.newPage();
		await p2.goto(url(u.host, '/login'));
		await p2.fill('#f-ident', u.ident);
		await p2.fill('#f-password', newPassword('wrong'));
		await Promise.all([p2.waitForNavigation(), p2.press('#f-password', 'Enter')]);
		assert.equal(await p2.evaluate(() => document.activeElement?.className), 'error-summary');
		await screenshot(p2, 'ui-07-login-failed');
		// A GET that shows the page does not steal the focus.
		await page.goto(url(u.host, '/account/password'));
		assert.notEqual(await focused(), 'error-summary');
		await anon.close();
		assert.deepEqual(csp, [], 'CSP violations');
		assert.deepEqual(problems, []);
	} finally {
		await context.close();
	}
});
