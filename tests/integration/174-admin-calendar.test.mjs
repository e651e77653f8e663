// Windows and schedules of every feature on one page (CORE-18, ADM-1;
// issue 14): /admin/offerings opens with the next 12 months as a table,
// a row per offering of the tenant's features with its windows (each a
// link to its form there, saved by the same rules: audited, refused
// when it closes before it opens) and, on board, recruit's rounds
// read-only, each linked to the page that edits it by recruit's rules.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { signIn, createUser, rows, sql, q, resetThrottle, auditRows, gist, HOSTS } from './auth.mjs';

const T = {};
const made = [];	// [slug, kind, year] of the windows made here

// They go again: other tests take an offering's latest year as the current one.
after(() => {
	for (const [slug, kind, year] of made)
		sql(`DELETE FROM offering WHERE tenant = ${q(slug)} AND kind = ${q(kind)} AND year = ${year}
		    AND NOT EXISTS (SELECT 1 FROM app a WHERE a.offering_id = offering.id)`);
});

before(async () => {
	resetThrottle();
	for (const slug of ['board', 'oncology']) {
		const a = createUser(slug, { roles: ['tenant_admin'], tag: 'admc' });
		T[slug] = await signIn(HOSTS[slug], a.ident, a.password, { enrol: true });
		T[slug].user = a;
	}
});

test('CORE-18 ADM-1: the 12-month table has a row per offering of the tenant, a column per month, and marks the months a window covers; a window saved there moves its cells', async () => {
	for (const slug of ['board', 'oncology']) {
		const c = T[slug];
		let r = await c.model('/admin/offerings');
		assert.equal(r.status, 200, gist(r));
		const yms = [...r.body.matchAll(/<month ym="(\d{6})"/g)].map((x) => x[1]);
		// The months start at the portal's "now" (the demo clock may have moved it).
		assert.equal(yms.length, 12);
		const kinds = [...r.body.matchAll(/<offering kind="([^"]+)"/g)].map((x) => x[1]);
		const rowKinds = [...r.body.matchAll(/<row kind="([^"]+)"/g)].map((x) => x[1]);
		assert.deepEqual(rowKinds, kinds, `${slug}: one row per offering`);
		const kind = kinds[0];
		// A window over the 3rd and 4th months of the table, for a year nobody uses.
		const y = Number(yms[2].slice(0, 4)), m = Number(yms[2].slice(4));
		const end = new Date(Date.UTC(y, m, 15));	// the 15th of the next month
		const open = `${y}-${String(m).padStart(2, '0')}-10T09:00`;
		const close = `${end.getUTCFullYear()}-${String(end.getUTCMonth() + 1).padStart(2, '0')}-15T17:00`;
		const year = 2090 + Math.floor(Math.random() * 9);
		made.push([slug, kind, year]);
		const bad = await c.post('/admin/offerings', { kind, year: String(year), open_at: close, close_at: open });
		assert.equal(bad.status, 422, 'closing before opening is refused, as on the form');
		const audited = () => auditRows(`tenant = ${q(slug)} AND action = 'apply.offering' AND object = ${q(kind)} AND detail LIKE ${q(`${year} %`)}`).length;
		const n0 = audited();
		r = await c.post('/admin/offerings', { kind, year: String(year), open_at: open, close_at: close });
		assert.equal(r.status, 303, gist(r));
		assert.equal(audited(), n0 + 1);
		r = await c.get('/admin/offerings');
		const row = new RegExp(`<tr data-kind="${kind}"[^>]*>(.*?)</tr>`).exec(r.body)[1];
		const open_ = [...row.matchAll(/<td data-ym="(\d{6})" class="open">(.*?)<\/td>/g)];
		const marked = open_.filter((x) => x[2].includes(`year=${year}`)).map((x) => x[1]);
		assert.deepEqual(marked, [yms[2], yms[3]], 'the window\'s two months, and only them');
		assert.match(row, new RegExp(`href="/admin/offerings\\?kind=${kind}&amp;year=${year}#oa-form-${kind}"`));
	}
});

test('ADM-1 BRD-2: board\'s 12-month table shows recruit\'s rounds read-only, each linked to its own edit page; oncology has none', async () => {
	let r = await T.board.model('/admin/offerings');
	const rounds = rows("SELECT id FROM recruit_round WHERE tenant = 'board'").map((x) => x[0]);
	assert.ok(rounds.length > 0);
	for (const id of rounds)
		assert.match(r.body, new RegExp(`<row feature="recruit" title="[^"]+" href="/admin/rounds/${id}"><span open="[^"]+" close="[^"]+" label="calendar.recruit.apply"/>`));
	r = await T.board.get('/admin/offerings');
	assert.match(r.body, /<tr data-kind="" data-feature="recruit" class="readonly"><th scope="row"><a href="\/admin\/rounds\/\d+">/);
	// Read-only here: the form takes offerings only.
	const p = await T.board.post('/admin/offerings', { kind: 'first', year: '2099', open_at: '2099-01-01T00:00', close_at: '2099-02-01T00:00' });
	assert.equal(p.status, 422);
	r = await T.oncology.model('/admin/offerings');
	assert.doesNotMatch(r.body, /feature="recruit"/);
});

test('CORE-16 CORE-17 ADM-1: a member gets 403 on the windows page; another tenant\'s admin is sent to sign in', async () => {
	const m = createUser('board', { tag: 'admd' });
	const mc = await signIn(HOSTS.board, m.ident, m.password);
	assert.equal((await mc.get('/admin/offerings')).status, 403);
	const other = T.oncology.on(HOSTS.board);
	const r = await other.get('/admin/offerings');
	assert.equal(r.status, 303);
	assert.match(r.location, /^\/login/);
});
