// Backup and restore (OPS-4): the drill for real, on the demo data of
// the running stack S: `shikakuctl backup` while S runs, then a second,
// EMPTY stack R (its own run directory, secrets and ports: as if S's run
// directory were gone), `shikakuctl restore` into R, R started without
// the demo, and R compared with S at backup time: rows per table,
// directory entries per tenant subtree, a member's sign-in with password
// and TOTP, an upload's bytes.  A tampered backup is refused, and a
// restore into a stack that holds data is refused.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';

import { RUN, CONF, SRCDIR, readConfKey, TENANTS } from './http.mjs';
import { SHIKAKUCTL, createUser, enrolTotp, signIn, sql } from './auth.mjs';

const BUILDDIR = process.env.top_builddir || SRCDIR;
const R = `${RUN}-r160`;		// the restored stack
const BK = `${RUN}-bk160`;		// the backup
const BK_BAD = `${RUN}-bk160x`;		// a tampered copy
const STACK = path.join(SRCDIR, 'scripts', 'stack');

// R's environment: S's variables removed, so scripts/stack picks its own.
function rEnv(extra = {}) {
	const env = { ...process.env, SHIKAKU_BUILD: BUILDDIR, SHIKAKU_REQUEST_TIMEOUT: '3', ...extra };
	for (const k of ['SHIKAKU_PORT', 'SHIKAKU_RUN', 'SHIKAKU_CONF', 'SHIKAKU_DB_SOCKET',
	    'SHIKAKU_MAILDIR', 'SHIKAKU_SMTP_PORT', 'SHIKAKU_LDAP_URI'])
		delete env[k];
	return env;
}

// A start can lose a race for a port chosen as free (scripts/stack
// checks listeners only): try again, it picks another.
function stack(cmd, extra) {
	for (let i = 1; ; i++) {
		try {
			execFileSync(STACK, [cmd, R], { env: rEnv(extra), stdio: ['ignore', 'ignore', 'pipe'], timeout: 180000 });
			return;
		} catch (e) {
			if (cmd !== 'start' || i === 3)
				throw e;
		}
	}
}

function ctlOn(conf, ...args) {
	return spawnSync(SHIKAKUCTL, ['-f', conf, ...args], { encoding: 'utf8', timeout: 300000 });
}

function sqlOn(socket, query) {
	return execFileSync('mariadb', ['--no-defaults', `--socket=${socket}`, '-uroot', '--batch',
	    '--skip-column-names', 'shikaku', '-e', query], { encoding: 'utf8', maxBuffer: 1 << 28 });
}

function tables(socket) {
	return sqlOn(socket, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'shikaku' AND TABLE_TYPE = 'BASE TABLE' ORDER BY 1")
	    .split('\n').filter(Boolean);
}

function counts(socket) {
	const t = tables(socket);
	const out = sqlOn(socket, t.map((n) => `SELECT '${n}', COUNT(*) FROM \`${n}\``).join(' UNION ALL '));
	return Object.fromEntries(out.split('\n').filter(Boolean).map((l) => l.split('\t')).map(([n, c]) => [n, Number(c)]));
}

// People per tenant subtree, read as the directory manager.
function entries(conf) {
	const uri = readConfKey(conf, 'ldap_uri');
	const dn = readConfKey(conf, 'ldap_admin_dn');
	const pw = readConfKey(conf, 'ldap_admin_password_file');
	const base = readConfKey(conf, 'ldap_base');
	const res = {};
	for (const t of [...TENANTS.map((x) => x.slug)]) {
		const out = execFileSync('ldapsearch', ['-LLL', '-x', '-H', uri, '-D', dn, '-y', pw,
		    '-b', `ou=${t},ou=tenants,${base}`, '(objectClass=*)', 'dn'], { encoding: 'utf8', env: { ...process.env, LDAPNOINIT: '1' }, maxBuffer: 1 << 26 });
		res[t] = (out.match(/^dn:/gm) || []).length;
	}
	return res;
}

const sha = (hex) => crypto.createHash('sha256').update(Buffer.from(hex, 'hex')).digest('hex');

let member, upload, before1, before2, entriesS, backupOut;

before(async () => {
	for (const d of [BK, BK_BAD])
		fs.rmSync(d, { recursive: true, force: true });
	if (fs.existsSync(R)) {
		try { stack('stop'); } catch { /* not running */ }
		fs.rmSync(R, { recursive: true, force: true });
	}
	// A member with a password and TOTP, signed in once on S (so the
	// restored TOTP replay guard holds a used step).
	const u = createUser('oncology', { tag: 'bk' });
	const c = await signIn(u.host, u.ident, u.password, { enrol: true });
	if (!c.totp)	// TOTP is optional for this tenant's members: turn it on
		c.totp = await enrolTotp(c);
	member = { ...u, totp: { secret: c.totp.secret, lastStep: c.totp.lastStep } };
	// An upload's bytes on S (the largest: a real file of the demo).
	const [id, hex] = sql('SELECT id, HEX(data) FROM upload ORDER BY size DESC, id LIMIT 1').trim().split('\t');
	upload = { id, sha: sha(hex) };

	before1 = counts(process.env.SHIKAKU_DB_SOCKET);
	const b = ctlOn(CONF, 'backup', BK);
	backupOut = b;
	before2 = counts(process.env.SHIKAKU_DB_SOCKET);
	entriesS = entries(CONF);
	// R: the infrastructure alone, empty (no schema, no tenant, no one).
	stack('start', { SHIKAKU_STACK_NO_APP: '1' });
});

after(() => {
	if (process.env.KEEP_R160)
		return;
	try { stack('stop'); } catch { /* already stopped */ }
	for (const d of [R, BK, BK_BAD])
		fs.rmSync(d, { recursive: true, force: true });
});

test('OPS-4 backup writes the dump, the directory, the upload hashes and a manifest, mode 0700', () => {
	assert.equal(backupOut.status, 0, backupOut.stderr);
	assert.match(backupOut.stdout, /^backup .*: database [0-9.]+ s, directory [0-9.]+ s$/m);
	assert.equal(fs.statSync(BK).mode & 0o777, 0o700);
	const man = fs.readFileSync(path.join(BK, 'MANIFEST'), 'utf8');
	for (const f of ['db.sql', 'directory.ldif', 'uploads.tsv', 'tenants.tar']) {
		const m = new RegExp(`^([0-9a-f]{64})  ${f.replace('.', '\\.')}$`, 'm').exec(man);
		assert.ok(m, `${f} not in the manifest`);
		assert.equal(m[1], crypto.createHash('sha256').update(fs.readFileSync(path.join(BK, f))).digest('hex'));
		assert.equal(fs.statSync(path.join(BK, f)).mode & 0o077, 0, `${f} readable by others`);
	}
	const dump = fs.readFileSync(path.join(BK, 'db.sql'), 'utf8');
	assert.match(dump, /CREATE TABLE `upload`/);
	// The database password is nowhere in the backup.
	const pw = fs.readFileSync(readConfKey(CONF, 'db_password_file'), 'utf8').trim();
	for (const f of ['db.sql', 'directory.ldif', 'uploads.tsv', 'MANIFEST'])
		assert.ok(!fs.readFileSync(path.join(BK, f), 'utf8').includes(pw), `db password in ${f}`);
	const ldif = fs.readFileSync(path.join(BK, 'directory.ldif'), 'utf8');
	assert.ok(ldif.includes(`uid=${member.uid},ou=people,ou=oncology,ou=tenants,`), 'the member is not in the LDIF');
	assert.ok(!/^dn: cn=portal,/m.test(ldif), 'the portal service account was copied');
});

test('OPS-4 a tampered backup is refused before anything is restored', () => {
	fs.cpSync(BK, BK_BAD, { recursive: true });
	const f = path.join(BK_BAD, 'directory.ldif');
	fs.writeFileSync(f, fs.readFileSync(f, 'utf8').replace('ou: people', 'ou: peoplf'));
	const r = ctlOn(path.join(R, 'shikaku.conf'), 'restore', BK_BAD);
	assert.notEqual(r.status, 0);
	assert.match(r.stderr, /restore refused, nothing changed: .*directory\.ldif: its SHA-256 differs from the manifest's/);
	assert.deepEqual(tables(path.join(R, 'db', 'mysqld.sock')), [], 'a refused restore created tables');
	// A file missing from the manifest is refused too.
	fs.writeFileSync(path.join(BK_BAD, 'MANIFEST'), fs.readFileSync(path.join(BK, 'MANIFEST'), 'utf8')
	    .split('\n').filter((l) => !l.endsWith('  uploads.tsv')).join('\n'));
	fs.cpSync(path.join(BK, 'directory.ldif'), f);
	const r2 = ctlOn(path.join(R, 'shikaku.conf'), 'restore', BK_BAD);
	assert.notEqual(r2.status, 0);
	assert.match(r2.stderr, /uploads\.tsv: not in the manifest/);
});

test('OPS-4 restore into an empty stack: same rows per table, same directory entries per tenant', () => {
	const r = ctlOn(path.join(R, 'shikaku.conf'), 'restore', BK);
	assert.equal(r.status, 0, r.stderr);
	assert.match(r.stdout, /restore .*: database [0-9.]+ s, directory [0-9.]+ s \(\d+ entries added, \d+ already there\), \d+ uploads verified/);
	const got = counts(path.join(R, 'db', 'mysqld.sock'));
	assert.deepEqual(Object.keys(got).sort(), Object.keys(before1).sort());
	for (const [t, n] of Object.entries(got)) {
		const lo = Math.min(before1[t], before2[t]), hi = Math.max(before1[t], before2[t]);
		assert.ok(n >= lo && n <= hi, `${t}: ${n} rows restored, ${before1[t]}..${before2[t]} at backup`);
	}
	assert.ok(got.account > 100 && got.upload > 0, 'the demo data is not there');
	assert.deepEqual(entries(path.join(R, 'shikaku.conf')), entriesS);
	// A second restore into what is now a full stack is refused.
	const again = ctlOn(path.join(R, 'shikaku.conf'), 'restore', BK);
	assert.notEqual(again.status, 0);
	assert.match(again.stderr, /restore refused: database shikaku is not empty/);
});

test('OPS-4 the restored stack runs: a member signs in with password and TOTP, an upload has its SHA-256', async () => {
	stack('start', { SHIKAKU_STACK_NO_DEMO: '1' });
	const env = rEnv();
	for (const l of fs.readFileSync(path.join(R, 'env'), 'utf8').split('\n')) {
		const m = /^export ([A-Z_]+)='?(.*?)'?$/.exec(l);
		if (m)
			env[m[1]] = m[2];
	}
	const out = execFileSync(process.execPath, [path.join(SRCDIR, 'tests', 'integration', 'drill-signin.mjs'),
	    JSON.stringify({ host: member.host, ident: member.ident, password: member.password,
	        totp: member.totp, expect: [member.mail, member.name] })],
	    { env, encoding: 'utf8', timeout: 120000 });
	const res = JSON.parse(out.trim().split('\n').pop());
	assert.equal(res.ok, true, res.error);
	assert.equal(res.totpStep, 303, 'the TOTP step was not asked or not accepted');
	assert.equal(res.status, 200);
	assert.equal(res.account, true, 'the account page is not the member\'s');
	// A wrong password is still refused on R (the hash came with the LDIF).
	const bad = JSON.parse(execFileSync(process.execPath, [path.join(SRCDIR, 'tests', 'integration', 'drill-signin.mjs'),
	    JSON.stringify({ host: member.host, ident: member.ident, password: `${member.password}x`, totp: member.totp })],
	    { env, encoding: 'utf8', timeout: 60000 }).trim().split('\n').pop());
	assert.equal(bad.ok, false);
	const hex = sqlOn(path.join(R, 'db', 'mysqld.sock'), `SELECT HEX(data) FROM upload WHERE id = ${Number(upload.id)}`).trim();
	assert.equal(sha(hex), upload.sha);
});
