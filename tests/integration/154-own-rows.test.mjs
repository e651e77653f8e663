// Issue 10 (CORE-10): a member's own rows — their application's page
// (the application, its values, sections, files and fees), the facts
// 二次's panel counts, the seminars 更新 lists, the credits かかりつけ医
// sums — are kept by each worker between requests (src/core/owncache.c)
// under the account's data_ver and facts_ver and the reference-data
// version, all three brought by the session statement.
//
// Correct only while every table those statements read has triggers that
// bump one of the three (sql/030, sql/032, sql/015 and later): the first
// test finds every statement whose rows go to owncache_put() in the
// source and fails on a table without them or on one reading the clock;
// the others change a member's rows behind the portal's back (plain SQL,
// as the office or a DBA would) and expect every worker to show the
// change at the next request.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';

import { sources, defines, expand, tablesOf, untriggered, CLOCK } from './csource.mjs';
import { signIn, sql, rows, q, sidHash, resetThrottle, DEMO, DEMO_PASSWORD, HOSTS } from './auth.mjs';

// The body of C function `name` (its definition starts a line).
function body(files, name) {
	for (const f of files) {
		const text = fs.readFileSync(f, 'utf8');
		const at = text.search(new RegExp(`^${name}\\(`, 'm'));
		if (at < 0)
			continue;
		const end = text.indexOf('\n}\n', at);
		return text.slice(at, end);
	}
	return null;
}

test('CORE-10 issue 10: every table a statement kept by owncache reads has AFTER INSERT, UPDATE and DELETE triggers bumping data_ver, facts_ver or the reference-data version', () => {
	const files = sources();
	const defs = defines(files);
	// fresh = dbq_…_read(…) beside an owncache_get(): the statements kept.
	const readers = new Set();
	for (const f of files) {
		const text = fs.readFileSync(f, 'utf8');
		if (!/owncache_get\(/.test(text) || f.endsWith('owncache.c'))
			continue;
		for (const m of text.matchAll(/fresh = (\w+)\(/g))
			readers.add(m[1]);
	}
	for (const r of ['dbq_app_page_read', 'dbq_dashboard_read', 'dbq_second_facts_read', 'dbq_renewal_sem_read', 'dbq_credit_sum_read', 'dbq_cme_history', 'dbq_credit_ledger'])
		assert.ok(readers.has(r), `${r} not found among ${[...readers]}`);
	const tables = new Set();
	for (const r of readers) {
		const b = body(files, r);
		assert.ok(b, `${r}: its definition was not found`);
		const text = expand(b, defs);
		assert.ok(/SELECT/.test(text), `${r}: no SQL found`);
		assert.ok(!CLOCK.test(text),
		    `${r} reads the clock or RAND(): its rows cannot be kept under versions`);
		for (const t of tablesOf(text))
			tables.add(t);
	}
	for (const t of ['app', 'app_value', 'app_section', 'upload', 'fee', 'certificate', 'offering', 'credit', 'credit_event', 'certify_dues', 'second_expect'])
		assert.ok(tables.has(t), `${t} not found among ${[...tables]}`);
	assert.deepEqual(untriggered(tables, ['data_ver', 'facts_ver', 'refdata_version']), [], 'tables read by a kept statement without a version trigger');
});

const ver = (slug, uid) => rows(`SELECT data_ver FROM account WHERE tenant = ${q(slug)} AND uid = ${q(uid)}`)[0][0];

test('CORE-10 issue 10: an application\'s value changed in plain SQL, then put back, reaches its page at the next request on every worker', async () => {
	resetThrottle();
	const c = await signIn(HOSTS.oncology, DEMO.oncology.member, DEMO_PASSWORD);
	const uid = rows(`SELECT uid FROM session WHERE id_hash = ${q(sidHash(c.sid))}`)[0][0];
	const [app] = rows(`SELECT a.id FROM app a JOIN offering o ON o.id = a.offering_id WHERE a.tenant = 'oncology' AND a.uid = ${q(uid)} AND a.live = 1 AND o.kind = 'renewal'`);
	assert.ok(app, 'the demo applicant has a live 更新 application');
	const [val] = rows(`SELECT section, row_id, field, value FROM app_value WHERE app_id = ${app[0]} AND section = 'profile' LIMIT 1`);
	assert.ok(val, 'its プロフィール is filled');
	const page = async () => {
		const r = await c.model('/application/renewal');
		assert.equal(r.status, 200);
		return r.body;
	};
	const marker = `デモ変更${Date.now()}`;
	// Both workers warm, each with its copy of the rows.
	for (let i = 0; i < 4; i++)
		assert.ok(!(await page()).includes(marker));
	const v0 = Number(ver('oncology', uid));
	try {
		sql(`UPDATE app_value SET value = ${q(marker)} WHERE app_id = ${app[0]} AND section = ${q(val[0])} AND row_id = ${val[1]} AND field = ${q(val[2])}`);
		assert.ok(Number(ver('oncology', uid)) > v0, 'data_ver moved with the value');
		for (let i = 0; i < 4; i++)
			assert.ok((await page()).includes(marker), `request ${i}: the value changed is not shown`);
	} finally {
		sql(`UPDATE app_value SET value = ${q(val[3])} WHERE app_id = ${app[0]} AND section = ${q(val[0])} AND row_id = ${val[1]} AND field = ${q(val[2])}`);
	}
	for (let i = 0; i < 4; i++)
		assert.ok(!(await page()).includes(marker), `request ${i}: the value put back is not shown`);
});
