// 二次申請's pages on every tenant and for every kind of visitor (CORE-16,
// CORE-17, PAL-5..PAL-11): they exist on palliative only; a visitor
// without a session is sent to sign in, another tenant's cookie is no
// session here; a member reaches only their own application (a row or a
// file of another member's is 404 or refused), and nothing of theirs
// shows on another's pages.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { Client, createUser, signIn, resetThrottle, csrfOf, gist, HOSTS } from './auth.mjs';
import { BASE, openWindows, registry, member, save, RESUME, certRow, pdf, fillAll, statements } from './second.mjs';

const PAGES = ['', '/resume', '/training', '/training/new', '/works', '/works/new', '/documents', '/confirm', '/pdf'];
let restore;
let reg;

before(() => {
	resetThrottle();
	restore = openWindows();
	reg = registry();
});
after(() => restore());

const L = (p) => `303 /login?next=${p}`;
const cell = (r) => `${r.status}${r.status >= 300 && r.status < 400 ? ` ${r.location}` : ''}`;

test('CORE-16 CORE-17 PAL-5: the 二次 pages on every tenant × no session, a member, another tenant\'s member, the tenant admin (no member role: 403)', async () => {
	const pal = await member({ sup: reg.late });
	const board = createUser('board', { tag: 'p2i' });
	const bc = await signIn(HOSTS.board, board.ident, board.password);
	const admin = createUser('palliative', { roles: ['tenant_admin'], tag: 'p2ia' });
	const ac = await signIn(admin.host, admin.ident, admin.password, { enrol: true });
	const wrong = [];
	for (const slug of ['board', 'palliative', 'oncology', 'medassoc']) {
		const host = HOSTS[slug];
		for (const p of PAGES) {
			const url = `${BASE}${p}`;
			const want = {
				none: L(url),
				member: slug === 'palliative' ? '200' : null,
				other: slug === 'board' ? '404' : L(url),
				admin: slug === 'palliative' ? '403' : L(url),
			};
			const cells = {
				none: new Client(host),
				member: slug === 'palliative' ? pal.c : null,
				other: slug === 'palliative' ? bc.on(host) : bc.on(host),
				admin: ac.on(host),
			};
			if (slug === 'board')
				cells.other = bc;		// at home: the page does not exist there
			for (const [who, c] of Object.entries(cells)) {
				if (!c || want[who] === null)
					continue;
				const r = await c.get(url);
				if (cell(r) !== want[who])
					wrong.push(`${slug} ${url} as ${who}: want ${want[who]}, got ${cell(r)}`);
			}
		}
	}
	assert.deepEqual(wrong, []);
});

test('CORE-17 PAL-6 PAL-7: a member reaches only their own rows and files; another member\'s row is 404 and their upload refused', async () => {
	const a = await member({ sup: reg.late });
	const b = await member({ sup: reg.late });
	let r = await save(a.c, 'resume', { ...RESUME, 'edu.1.text': '秘密の大学 A' });
	assert.equal(r.status, 303, gist(r));
	r = await save(a.c, 'training/new', certRow(reg), [pdf('file', 'a-only.pdf')]);
	assert.equal(r.status, 303, gist(r));
	const row = /<row id="(\d+)"/.exec((await a.c.model(`${BASE}/training`)).body)[1];
	const up = /<value name="file"[^>]* upload="(\d+)"/.exec((await a.c.model(`${BASE}/training`)).body)[1];
	// B has no such row (B's application has none yet): 404.
	assert.equal((await b.c.get(`${BASE}/training/${row}`)).status, 404);
	// B naming A's upload as their own file: refused as no PDF of theirs, not stored.
	const f = await b.c.model(`${BASE}/training/new`);
	r = await b.c.postRaw(`${BASE}/training/new`, { csrf: csrfOf(f.body), op: 'save', ...certRow(reg), file: up }, { xml: true });
	assert.equal(r.status, 200, gist(r));
	assert.doesNotMatch(r.body, /a-only\.pdf/);
	// The upload itself is A's only.
	assert.notEqual((await b.c.get(`/upload/${up}`)).status, 200);
	assert.equal((await a.c.get(`/upload/${up}`)).status, 200);
	// Nothing of A's on B's pages.
	for (const p of ['', '/resume', '/training', '/confirm'])
		assert.doesNotMatch((await b.c.get(`${BASE}${p}`)).body, /秘密の大学 A|a-only\.pdf/, p);
});

// Issue 10's budget (CORE-10): every 二次 page within the 3 statements
// of a signed-in page: the session; the application with its rows,
// sections' states, files (their types: the PDF check) and fees in one
// statement (apply.c apply_app_page()); the requirement facts (one for
// all four).  The registries cost nothing (the worker's copy).  Nothing
// grows with the rows.
const CAP = { '': 3, '/resume': 3, '/training': 3, '/training/new': 2, '/works': 3, '/documents': 3, '/confirm': 3 };

test('CORE-10 PAL-5..PAL-9: every 二次 page within 3 statements; none grows with the rows', async () => {
	const m = await member({ sup: reg.late });
	await fillAll(m.c, reg);
	const one = {};
	for (const p of Object.keys(CAP))
		one[p] = Math.round(await statements(m.c, `${BASE}${p}`));
	for (let i = 0; i < 2; i++) {
		assert.equal((await save(m.c, 'training/new', certRow(reg), [pdf('file')])).status, 303);
		assert.equal((await save(m.c, 'works/new', { kind: 'paper', title: `論文 ${i}` }, [pdf('file')])).status, 303);
	}
	const wrong = [];
	for (const [p, cap] of Object.entries(CAP)) {
		const three = Math.round(await statements(m.c, `${BASE}${p}`));
		console.log(`# ${BASE}${p}: ${one[p]} statements (one row each), ${three} (three rows each)`);
		if (one[p] > cap)
			wrong.push(`${p}: ${one[p]} > ${cap}`);
		if (three > one[p])
			wrong.push(`${p}: ${three - one[p]} more with 4 more rows`);
	}
	assert.deepEqual(wrong, []);
});
