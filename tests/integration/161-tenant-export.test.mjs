// Per-tenant export (OPS-4): `shikakuctl tenant export SLUG DIR` — a
// society leaving the shared deployment takes its members (LDIF), its
// records (SQL per table) and its uploads, and nothing of any other
// tenant: every other tenant's uids, mail addresses and subtree names
// are searched for in every exported byte.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';

import { RUN, CONF, TENANTS, readConfKey } from './http.mjs';
import { SHIKAKUCTL, createUser, rows, sql, q } from './auth.mjs';

const SLUG = 'board';			// the tenant with uploads in the demo
const DIR = `${RUN}-ex161`;
let out, mine, theirs;

function files(dir) {
	return fs.readdirSync(dir, { recursive: true }).map((f) => path.join(dir, f))
	    .filter((f) => fs.statSync(f).isFile());
}

function ldapMails(slug) {
	const out = execFileSync('ldapsearch', ['-LLL', '-o', 'ldif-wrap=no', '-x', '-H', readConfKey(CONF, 'ldap_uri'),
	    '-D', readConfKey(CONF, 'ldap_admin_dn'), '-y', readConfKey(CONF, 'ldap_admin_password_file'),
	    '-b', `ou=people,ou=${slug},ou=tenants,${readConfKey(CONF, 'ldap_base')}`, '(mail=*)', 'mail'],
	{ encoding: 'utf8', env: { ...process.env, LDAPNOINIT: '1' }, maxBuffer: 1 << 26 });
	return [...out.matchAll(/^mail: (.+)$/gm)].map((m) => m[1]);
}

before(() => {
	fs.rmSync(DIR, { recursive: true, force: true });
	// one fresh person in every tenant, so each has a known identifier
	mine = createUser(SLUG, { tag: 'ex' });
	theirs = TENANTS.filter((t) => t.slug !== SLUG).map((t) => createUser(t.slug, { tag: 'ex' }));
	// and an upload of its own: earlier tests' may have been swept
	const data = Buffer.from(`%PDF-1.4 export ${mine.uid}\n%%EOF\n`).toString('base64');
	sql(`INSERT INTO upload (tenant, owner_uid, purpose, field, ctype, filename, data, state, public)
	    VALUES (${q(SLUG)}, ${q(mine.uid)}, 'licence', 'licence', 'application/pdf', 'export.pdf', FROM_BASE64(${q(data)}),
	    'submitted', 0)`);
	out = spawnSync(SHIKAKUCTL, ['-f', CONF, 'tenant', 'export', SLUG, DIR], { encoding: 'utf8', timeout: 300000 });
});

after(() => fs.rmSync(DIR, { recursive: true, force: true }));

test('OPS-4 tenant export: members LDIF, records per table, uploads, a manifest that checks', () => {
	assert.equal(out.status, 0, out.stderr);
	assert.match(out.stdout, /^tenant export board .*: \d+ tables, \d+ uploads, \d+ files$/m);
	assert.equal(fs.statSync(DIR).mode & 0o777, 0o700);
	const ldif = fs.readFileSync(path.join(DIR, 'members.ldif'), 'utf8');
	assert.ok(ldif.includes(`uid=${mine.uid},ou=people,ou=board,ou=tenants,`));
	for (const t of ['account', 'member', 'audit', 'upload', 'app_value', 'program_partner'])
		assert.ok(fs.existsSync(path.join(DIR, 'records', `${t}.sql`)), `records/${t}.sql missing`);
	assert.ok(fs.readFileSync(path.join(DIR, 'records', 'account.sql'), 'utf8').includes(mine.uid));
	// every upload of the tenant, byte for byte
	const want = rows(`SELECT id, sha256 FROM upload WHERE tenant = '${SLUG}' ORDER BY id`);
	assert.ok(want.length > 0, 'no board upload');
	const got = fs.readdirSync(path.join(DIR, 'uploads'));
	assert.equal(got.length, want.length);
	for (const [id, sha] of want) {
		const f = got.find((n) => n.startsWith(`${id}.`));
		assert.ok(f, `upload ${id} not exported`);
		assert.equal(crypto.createHash('sha256').update(fs.readFileSync(path.join(DIR, 'uploads', f))).digest('hex'), sha);
	}
	// sha256sum(1) reads the manifest too
	execFileSync('sha256sum', ['--quiet', '-c', 'MANIFEST'], { cwd: DIR });
	assert.equal(files(DIR).length, Number(/(\d+) files/.exec(out.stdout)[1]) + 1);
});

test('OPS-4 CORE-17 tenant export: no other tenant\'s identifier anywhere in it', () => {
	assert.equal(out.status, 0, out.stderr);
	const needles = new Set();
	for (const u of theirs) {
		needles.add(u.uid);
		needles.add(u.mail);
	}
	for (const [uid] of rows(`SELECT uid FROM account WHERE tenant NOT IN ('${SLUG}', '_ops')`))
		needles.add(uid);
	for (const t of TENANTS.filter((x) => x.slug !== SLUG)) {
		for (const m of ldapMails(t.slug))
			needles.add(m);
		needles.add(`ou=${t.slug},ou=tenants`);
		needles.add(`'${t.slug}'`);		// a tenant column's value in SQL
	}
	assert.ok(needles.size > 50, `only ${needles.size} identifiers to look for`);
	const hits = [];
	for (const f of files(DIR)) {
		const text = fs.readFileSync(f).toString('latin1');
		for (const n of needles)
			if (text.includes(Buffer.from(n, 'utf8').toString('latin1')))
				hits.push(`${path.relative(DIR, f)}: ${n}`);
	}
	assert.deepEqual(hits, []);
	// and the search can find: this tenant's own values are there
	const all = files(DIR).map((f) => fs.readFileSync(f, 'latin1')).join('\n');
	assert.ok(all.includes(mine.mail) && all.includes(`'${SLUG}'`));
});

test('OPS-4 tenant export: an unknown tenant or an existing directory is refused', () => {
	const r = spawnSync(SHIKAKUCTL, ['-f', CONF, 'tenant', 'export', 'nosuch', `${DIR}-x`], { encoding: 'utf8' });
	assert.notEqual(r.status, 0);
	assert.match(r.stderr, /nosuch: no such tenant/);
	assert.ok(!fs.existsSync(`${DIR}-x`));
	const again = spawnSync(SHIKAKUCTL, ['-f', CONF, 'tenant', 'export', SLUG, DIR], { encoding: 'utf8' });
	assert.notEqual(again.status, 0);
	assert.match(again.stderr, /exists and is not empty/);
});
