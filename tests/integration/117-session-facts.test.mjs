// Issue 10 (CORE-10): the features' facts (each feature's session_sql:
// the member's live applications, cases, certificates … that the menu
// and 現在の状況 read) are kept by each worker per member under
// account.facts_ver (src/core/facts.c), instead of being recomputed by
// subqueries of the session statement on every signed-in request.
// Correct only while every table those facts read has the triggers that
// bump facts_ver (sql/030_session_facts.sql) and nothing in them reads
// the clock: the first test reads the session_sql of every feature from
// the source and fails on a table without them or a time function; the second changes a member's facts behind the portal's
// back (plain SQL) and expects every worker to see it at once.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';

import { sources, defines, expand, tablesOf, untriggered, CLOCK } from './csource.mjs';
import { signIn, createUser, sql, rows, q, resetThrottle, uniqueDigits } from './auth.mjs';

test('CORE-10 issue 10: every table a feature\'s session_sql reads has the AFTER INSERT, UPDATE and DELETE triggers that bump account.facts_ver', () => {
	const defs = defines();
	const used = new Set();
	for (const f of sources())
		for (const m of fs.readFileSync(f, 'utf8').matchAll(/\.session_sql\s*=\s*(\w+)/g))
			used.add(m[1]);
	assert.ok(used.size >= 5, `session_sql of ${[...used]}`);
	const tables = new Set();
	for (const name of used) {
		const text = expand(defs.get(name) ?? '', defs);
		assert.ok(/SELECT/.test(text), `${name}: no SQL found in its #define`);
		// Kept until the member's rows change: nothing may depend on the clock.
		assert.ok(!CLOCK.test(text),
		    `${name} reads the clock or RAND(): its facts cannot be kept under facts_ver`);
		for (const t of tablesOf(text))
			tables.add(t);
	}
	for (const t of ['app', 'application', 'certificate', 'certify_case'])
		assert.ok(tables.has(t), `${t} not found among ${[...tables]}`);
	assert.deepEqual(untriggered(tables, ['facts_ver']), [], 'tables read by session_sql without a facts_ver trigger');
});

test('CORE-10 issue 10: a member\'s facts changed in plain SQL (a certificate issued, then withdrawn) reach 現在の状況 at the next request on every worker', async () => {
	resetThrottle();
	const u = createUser('palliative', { roles: ['member'], tag: 'sf' });
	const c = await signIn(u.host, u.ident, u.password);
	const dash = async () => {
		const r = await c.model('/dashboard');
		assert.equal(r.status, 200);
		return r.body;
	};
	// Both workers warm, each with its copy of the facts.
	for (let i = 0; i < 4; i++)
		assert.ok(!/<certificates\b/.test(await dash()), 'a certificate before any was issued');
	const ver0 = Number(rows(`SELECT facts_ver FROM account WHERE tenant = 'palliative' AND uid = ${q(u.uid)}`)[0][0]);
	const d = uniqueDigits(9);
	const code = Array.from({ length: 26 }, (_, i) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[(Number(d[i % 9]) * 7 + i) % 32]).join('');
	sql(`INSERT INTO certificate (tenant, seq, number, code, uid, holder, kind, issued_on)
	    VALUES ('palliative', ${900000000 + Number(d.slice(0, 8))}, ${q(`SF-${d}`)}, ${q(code)}, ${q(u.uid)},
	    ${q(u.name)}, 'cert.kind.specialist', CURDATE())`);
	const ver1 = Number(rows(`SELECT facts_ver FROM account WHERE tenant = 'palliative' AND uid = ${q(u.uid)}`)[0][0]);
	assert.ok(ver1 > ver0, `facts_ver ${ver0} → ${ver1}`);
	for (let i = 0; i < 4; i++)
		assert.match(await dash(), /<certificates\b/, `request ${i}: the certificate issued is not shown`);
	sql(`DELETE FROM certificate WHERE tenant = 'palliative' AND code = ${q(code)}`);
	for (let i = 0; i < 4; i++)
		assert.ok(!/<certificates\b/.test(await dash()), `request ${i}: a withdrawn certificate is still shown`);
});
