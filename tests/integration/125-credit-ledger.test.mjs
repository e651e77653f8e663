// The credit ledger /credits (CME-1; the credit service src/credit/ that
// palliative's seminar requirement PAL-5 and oncology's seminar credits
// ONC-9 read too): every credit with its curriculum code and name,
// units, date, fiscal year (April–March: 31 March belongs to the year
// before, 1 April starts the next) and source; totals per fiscal year
// and per code; ?fy= filters the rows by fiscal year while the list of
// years stays whole; one member never sees another's credits; a tenant
// without the credit feature has no such page.
//
// Credits are made with SQL for fresh members (shikakuctl), so the test
// runs again on the same stack.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { signIn, createUser, sql, rows, q, HOSTS } from './auth.mjs';

const T = 'medassoc';

function credit(uid, { source = 'event', code = null, units, on, title = 'テスト研修会', tenant = T }) {
	sql(`INSERT INTO credit (tenant, uid, source, code, units, earned_on, title)
	    VALUES (${q(tenant)}, ${q(uid)}, ${q(source)}, ${code === null ? 'NULL' : q(code)}, ${units}, ${q(on)}, ${q(title)})`);
}

/** <tag attr="…"> elements of the model as objects. */
function elems(xml, tag) {
	return [...xml.matchAll(new RegExp(`<${tag}( [^>]*)?/?>`, 'g'))].map((m) => {
		const o = {};
		for (const a of (m[1] || '').matchAll(/([\w-]+)="([^"]*)"/g))
			o[a[1]] = a[2];
		return o;
	});
}

test('CME-1 the ledger: rows with code name, fiscal year at 31 March / 1 April, source; totals per fiscal year and per code', async () => {
	const u = createUser(T, { tag: 'cl' });
	credit(u.uid, { code: '12', units: '1.5', on: '2025-03-31', title: '年度末の研修会' });
	credit(u.uid, { code: '12', units: '2.0', on: '2025-04-01', title: '年度初めの研修会' });
	credit(u.uid, { source: 'elearning', code: '73', units: '0.5', on: '2025-10-10', title: 'e-ラーニング' });
	credit(u.uid, { source: 'self', code: '0', units: '3.0', on: '2026-03-31', title: '自己申告' });
	const other = createUser(T, { tag: 'co' });
	credit(other.uid, { code: '12', units: '9.0', on: '2025-05-01', title: '他人の研修会' });

	const c = await signIn(u.host, u.ident, u.password);
	const r = await c.model('/credits?fy=all');
	assert.equal(r.status, 200, r.body.slice(0, 300));
	const rowsOut = elems(r.body, 'row');
	assert.equal(rowsOut.length, 4, 'four credits, none of the other member');
	assert.ok(!r.body.includes('他人の研修会'));
	const byTitle = Object.fromEntries(rowsOut.map((x) => [x.title, x]));
	assert.equal(byTitle['年度末の研修会'].fy, '2024', '31 March is the fiscal year before');
	assert.equal(byTitle['年度初めの研修会'].fy, '2025', '1 April starts the fiscal year');
	assert.equal(byTitle['自己申告'].fy, '2025');
	assert.equal(byTitle['年度初めの研修会']['code-name'], '地域医療', 'the code list shipped as data names code 12');
	assert.equal(byTitle['e-ラーニング'].source, 'elearning');
	assert.equal(byTitle['自己申告'].source, 'self');
	const top = elems(r.body, 'credits')[0];
	assert.equal(top.units, '7.0');
	const fy = Object.fromEntries(elems(r.body, 'fy-total').map((x) => [x.fy, x.units]));
	assert.deepEqual(fy, { 2025: '5.5', 2024: '1.5' });
	const codes = Object.fromEntries(elems(r.body, 'code-total').map((x) => [x.code, x.units]));
	assert.deepEqual(codes, { 0: '3.0', 12: '3.5', 73: '0.5' });

	const h = await c.get('/credits');
	assert.equal(h.status, 200);
	assert.match(h.body, /単位確認/);
	assert.match(h.body, /地域医療/);
	assert.match(h.body, /カリキュラムコード別の合計/);
});

test('CME-1 ?fy= filters the rows and their code totals; every fiscal year stays listed', async () => {
	const u = createUser(T, { tag: 'cf' });
	credit(u.uid, { code: '1', units: '1.0', on: '2024-06-01' });
	credit(u.uid, { code: '2', units: '2.0', on: '2025-06-01' });
	credit(u.uid, { code: '2', units: '0.5', on: '2026-02-01' });
	const c = await signIn(u.host, u.ident, u.password);
	const r = await c.model('/credits?fy=2025');
	assert.equal(r.status, 200);
	assert.deepEqual(elems(r.body, 'row').map((x) => x.date), ['2026-02-01', '2025-06-01']);
	assert.equal(elems(r.body, 'credits')[0].units, '2.5');
	assert.deepEqual(elems(r.body, 'code-total').map((x) => `${x.code}:${x.units}`), ['2:2.5']);
	assert.deepEqual(elems(r.body, 'fy-total').map((x) => x.fy), ['2025', '2024']);
	assert.equal((await c.model('/credits?fy=2023')).status, 200);
	assert.equal(elems((await c.model('/credits?fy=2023')).body, 'row').length, 0);
	assert.equal((await c.get('/credits?fy=abcd')).status, 404);
});

test('CME-1 a credit without a code (a society seminar) counts under 「コードなし」; palliative and oncology have the page too', async () => {
	for (const t of ['palliative', 'oncology']) {
		const u = createUser(t, { tag: 'cn' });
		credit(u.uid, { units: '10.0', on: '2024-07-02', title: '教育セミナーA', tenant: t });
		const c = await signIn(u.host, u.ident, u.password);
		const r = await c.model('/credits');
		assert.equal(r.status, 200, `${t}: ${r.status}`);
		const ct = elems(r.body, 'code-total');
		assert.equal(ct.length, 1);
		assert.equal(ct[0].code, undefined);
		assert.equal(ct[0].units, '10.0');
		const home = await c.get('/');
		assert.match(home.body, /href="\/credits"/, `${t}: 単位確認 in the menu`);
	}
});

test('CME-1 the board, without the credit feature, has no /credits', async () => {
	const u = createUser('board', { tag: 'cb' });
	const c = await signIn(u.host, u.ident, u.password);
	assert.equal((await c.get('/credits')).status, 404);
});
