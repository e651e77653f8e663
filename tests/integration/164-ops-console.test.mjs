// Central IT's console, issue 14: the applied migrations against those
// the datadir ships, and what `shikakuctl check-config` reports for the
// configuration the workers loaded.  OPS-1.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { CONF, sql, readConfKey, reloadWorkers } from './http.mjs';
import { opsClient, ctl } from './auth.mjs';

const SQLDIR = readConfKey(CONF, 'sqldir');
const shipped = () => fs.readdirSync(SQLDIR).filter((n) => /^\d{3}_.+\.sql$/.test(n)).sort();
const sha256 = (name) => crypto.createHash('sha256').update(fs.readFileSync(path.join(SQLDIR, name))).digest('hex');

const unescape = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

/* <migration .../> of the console's model, as objects of their attributes. */
function migrations(xml) {
	const m = /<migrations\b([^>]*)>([\s\S]*?)<\/migrations>/.exec(xml);
	assert.ok(m, `no <migrations> in the model:\n${xml.slice(0, 600)}`);
	const attrs = (s) => Object.fromEntries([...s.matchAll(/([a-z0-9-]+)="([^"]*)"/g)].map((a) => [a[1], unescape(a[2])]));
	return { list: attrs(m[1]), rows: [...m[2].matchAll(/<migration\b([^>]*)\/>/g)].map((r) => attrs(r[1])) };
}

/* <check level>text</check> of the console's model, as "level: text". */
function checks(xml) {
	const m = /<config-check\b[^>]*>([\s\S]*?)<\/config-check>/.exec(xml);
	assert.ok(m, `no <config-check> in the model:\n${xml.slice(0, 600)}`);
	return [...m[1].matchAll(/<check level="([a-z]+)">([^<]*)<\/check>/g)].map((c) => `${c[1]}: ${unescape(c[2])}`);
}

test('OPS-1: the console lists every applied migration (as many as schema_migration has) and every file sql/ ships, with its SHA-256', async () => {
	const it = await opsClient();
	const x = await it.get('/', { xml: true });
	assert.equal(x.status, 200);
	const { list, rows } = migrations(x.body);
	const count = Number(sql('SELECT COUNT(*) FROM schema_migration').trim());
	assert.ok(count > 0, 'the stack has no applied migration');
	const applied = rows.filter((r) => r.state !== 'pending');
	assert.equal(applied.length, count);
	assert.equal(Number(list.applied), count);
	const files = shipped();
	assert.equal(Number(list.shipped), files.length);
	for (const f of files) {
		const r = rows.find((row) => row.name === f);
		assert.ok(r, `${f} is not listed`);
		assert.equal(r.sha256, sha256(f), `${f}'s SHA-256`);
	}
	// A fresh stack applied every file as it is.
	// The portal's sessions are in Japan time (db.c), so is the console.
	const db = new Map(sql("SET time_zone = '+09:00'; SELECT name, checksum, applied_at FROM schema_migration").trim().split('\n').map((l) => l.split('\t')).map(([n, c, a]) => [n, { c, a }]));
	for (const r of applied) {
		assert.equal(r.state, 'applied', `${r.name}: ${r.state}`);
		assert.equal(r.sha256, db.get(r.name).c);
		assert.equal(r.applied, db.get(r.name).a);
	}
	const html = await it.get('/');
	assert.match(html.body, /id="ops-migrations"/);
	for (const f of files)
		assert.ok(html.body.includes(f), `${f} not on the page`);
});

test('OPS-1: a migration not applied is listed as pending, one whose file changed since is flagged', async () => {
	const it = await opsClient();
	const files = shipped();
	const last = files[files.length - 1];
	const other = files[0];
	const [ver, name, sum, at] = sql(`SET time_zone = '+09:00'; SELECT version, name, checksum, applied_at FROM schema_migration WHERE name = '${last}'`).trim().split('\t');
	assert.equal(name, last);
	try {
		sql(`DELETE FROM schema_migration WHERE version = ${ver}`);
		sql(`UPDATE schema_migration SET checksum = REPEAT('0', 64) WHERE name = '${other}'`);
		const x = await it.get('/', { xml: true });
		const { list, rows } = migrations(x.body);
		assert.equal(rows.find((r) => r.name === last)?.state, 'pending');
		const changed = rows.find((r) => r.name === other);
		assert.equal(changed?.state, 'changed');
		assert.equal(changed['shipped-sha256'], sha256(other));
		assert.equal(list.pending, '1');
		assert.equal(list.changed, '1');
		const html = await it.get('/');
		assert.match(html.body, /class="migration-changed"/);
		assert.match(html.body, /class="migration-pending"/);
	} finally {
		sql(`SET time_zone = '+09:00'; INSERT INTO schema_migration (version, name, checksum, applied_at) VALUES (${ver}, '${name}', '${sum}', '${at}')`);
		sql(`UPDATE schema_migration SET checksum = '${sha256(other)}' WHERE name = '${other}'`);
	}
	const { rows } = migrations((await it.get('/', { xml: true })).body);
	assert.ok(rows.every((r) => r.state === 'applied'));
});

test('OPS-1: the console shows shikakuctl check-config\'s lines, never a secret, as loaded at the workers\' start', async () => {
	const it = await opsClient();
	const want = ctl('check-config').trim().split('\n').slice(0, -1);
	const x = await it.get('/', { xml: true });
	assert.deepEqual(checks(x.body), want);
	assert.ok(want.some((l) => l.startsWith('ok: page tables')), want.join('\n'));
	const html = await it.get('/');
	assert.match(html.body, /id="ops-config"/);
	for (const key of ['db_password_file', 'ldap_password_file', 'ldap_admin_password_file', 'metrics_token_file']) {
		const file = readConfKey(CONF, key);
		if (!file)
			continue;
		const secret = fs.readFileSync(file, 'utf8').trim();
		assert.ok(secret.length >= 8);
		assert.ok(!x.body.includes(secret) && !html.body.includes(secret), `${key}'s contents on the console`);
	}
	// Read once per worker: a change shows after a reload, not before.
	const token = readConfKey(CONF, 'metrics_token_file');
	const mode = fs.statSync(token).mode & 0o777;
	const line = `warning: metrics_token_file ${token}: group or others may read it (mode 0644)`;
	try {
		fs.chmodSync(token, 0o644);
		assert.ok(!checks((await it.get('/', { xml: true })).body).includes(line));
		await reloadWorkers();
		const after = await opsClient();
		assert.ok(checks((await after.get('/', { xml: true })).body).includes(line));
		assert.ok(ctl('check-config').includes(line));
	} finally {
		fs.chmodSync(token, mode);
		await reloadWorkers();
	}
});
