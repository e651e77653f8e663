// The tenant admin's CSV of 認定（修了）申請 (issue 13, CME tenant admins,
// CORE-20; /admin/review/export.csv, the offering's export_row in
// src/feature/cme/cme.c): the platform's columns, then the offering's —
// 申請先 (prefecture, association), 審査医師会 (where it is reviewed:
// category II moves it to the prefecture's, seed 004 2-4-2 注2), 座学研修
// (from which fiscal year, units found), 実地研修 (category, items, their
// count and units) and the total — one line per submitted application,
// read against the database.  Runs on the demo's applications.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import { signIn, createUser, rows, resetThrottle, gist, HOSTS } from './auth.mjs';

const HOST = HOSTS.medassoc;
let admin;

/** RFC 4180 lines of a CSV text (no BOM). */
function parseCsv(text) {
	const out = [];
	let row = [], cell = '', quoted = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (quoted) {
			if (ch === '"' && text[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (ch === '"')
				quoted = false;
			else
				cell += ch;
		} else if (ch === '"')
			quoted = true;
		else if (ch === ',') {
			row.push(cell);
			cell = '';
		} else if (ch === '\r' && text[i + 1] === '\n') {
			row.push(cell);
			out.push(row);
			row = [];
			cell = '';
			i++;
		} else
			cell += ch;
	}
	return out;
}

before(async () => {
	resetThrottle();
	const a = createUser('medassoc', { roles: ['tenant_admin'], tag: 'cmex' });
	admin = await signIn(HOST, a.ident, a.password, { enrol: true });
});

test('CME-7 CORE-20 the CSV of 認定（修了）申請: 申請先, 審査医師会 (II → the prefecture\'s), 座学, 実地 and the total, per submitted application', async () => {
	const years = rows("SELECT DISTINCT o.year FROM app a JOIN offering o ON o.id = a.offering_id WHERE a.tenant = 'medassoc' AND o.kind = 'kakari' AND a.submitted_at IS NOT NULL ORDER BY 1");
	assert.ok(years.length > 0, 'the demo has submitted applications');
	let moved = 0;
	for (const [year] of years) {
		const r = await admin.get(`/admin/review/export.csv?kind=kakari&year=${year}`);
		assert.equal(r.status, 200, gist(r));
		const lines = parseCsv(r.raw.subarray(3).toString('utf8'));
		assert.deepEqual(lines[0], ['申請番号', '会員番号', '氏名', '状態', '申請日時', '決定日時',
			'申請先都道府県', '申請先医師会コード', '申請先医師会', '審査医師会コード', '審査医師会',
			'座学研修 検索開始年度', '座学研修 単位', '実地研修 区分', '実地研修 項目', '実地研修 項目数',
			'実地研修 単位', '座学・実地 合計単位']);
		const want = new Map(rows(`SELECT a.number, SUBSTRING(a.scope, 7), (SELECT name_ja FROM cme_assoc c WHERE c.tenant = a.tenant AND c.code = SUBSTRING(a.scope, 7)) FROM app a JOIN offering o ON o.id = a.offering_id WHERE a.tenant = 'medassoc' AND o.kind = 'kakari' AND o.year = ${year} AND a.submitted_at IS NOT NULL`)
		    .map(([n, code, name]) => [n, { code, name }]));
		assert.equal(lines.length - 1, want.size, `${year}: one line per submitted application`);
		for (const l of lines.slice(1)) {
			const w = want.get(l[0]);
			assert.ok(w, l[0]);
			const [chosen, revCode, revName, cat, items, nItems, practical, total] = [l[7], l[9], l[10], l[13], l[14], l[15], l[16], l[17]];
			assert.equal(revCode, w.code, `${l[0]}: the reviewing association is the review's scope`);
			assert.equal(revName, w.name);
			if (cat === 'II') {
				assert.equal(revCode, chosen === '00000' ? '00000' : `${chosen.slice(0, 2)}000`);
				moved += revCode !== chosen;
			} else
				assert.equal(revCode, chosen);
			assert.equal(items === '' ? 0 : items.split('; ').length, Number(nItems));
			assert.ok(items === '' || items.split('; ').every((x) => /^(Ⅰ|Ⅱ) \S/.test(x)), `${l[0]}: the items' words: ${items}`);
			assert.equal(Number(practical), 5 * Number(nItems));
			const lecture = Number(/^[\d.]+/.exec(l[12])?.[0] || 0);
			assert.equal(Number(total), lecture + Number(practical), `${l[0]}: total`);
		}
	}
	assert.ok(moved > 0, 'a category II application of the demo went to its prefecture\'s association');
});
