// Security events are not best effort (CORE-15, issue 7 item 6): an action
// and its audit line are written together or not at all.  Each test makes
// the audit INSERT fail for one actor and action (a BEFORE INSERT trigger
// that SIGNALs, created and dropped here), then checks that the action did
// not happen and that the member was told so in words (503, 「もう一度お試し
// ください」), never a blank error; and that the same request succeeds, with
// its audit line, once the audit works again.  Representative actions: the
// language and terms acceptance of an account, a tenant admin's unlock, an
// upload, a password change (with its other sessions ended) and the lock
// of an account after consecutive failures.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';

import { sql as rootSql } from './http.mjs';
import {
	Client, signIn, createUser, rows, q, csrfOf, errorKeys, resetThrottle,
	auditRows, enrolTotp, nextCode, HOSTS,
} from './auth.mjs';

const HOST = HOSTS.board;
const TRIGGER = 't67_refuse';

/**
 * Make `table`'s rows fail to be written (INSERT) or removed (DELETE)
 * when `cond` (SQL on NEW or OLD) holds, until allow().
 */
function refuse(cond, { table = 'audit', event = 'INSERT' } = {}) {
	rootSql(`DROP TRIGGER IF EXISTS ${TRIGGER};
DELIMITER //
CREATE TRIGGER ${TRIGGER} BEFORE ${event} ON ${table} FOR EACH ROW IF ${cond} THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused by 67-audit-atomic'; END IF//
DELIMITER ;`);
}

function allow() {
	rootSql(`DROP TRIGGER IF EXISTS ${TRIGGER}`);
}

/** fn() while the audit lines of actor/action cannot be written. */
async function auditRefused(actor, action, fn) {
	refuse(`NEW.actor = ${q(actor)} AND NEW.action = ${q(action)}`);
	try {
		return await fn();
	} finally {
		allow();
	}
}

/** A 503 page that says, in words, to try again later. */
function assertTryLater(r, what) {
	assert.equal(r.status, 503, `${what}: ${r.status} ${r.location || ''}`);
	assert.match(r.body, /もう一度お試しください/, `${what}: the page says what to do`);
}

const count = (where) => Number(rows(`SELECT COUNT(*) FROM audit WHERE ${where}`)[0][0]);
const account = (u, col) => rows(`SELECT IFNULL(${col}, 'NULL') FROM account WHERE tenant = ${q(u.slug)} AND uid = ${q(u.uid)}`)[0]?.[0];

async function tryLogin(host, ident, password) {
	const c = new Client(host);
	const f = await c.model('/login');
	return c.postRaw('/login', { csrf: csrfOf(f.body), ident, password });
}

/** multipart/form-data of fields and one file part. */
function multipart(fields, file) {
	const boundary = `----shikaku${crypto.randomBytes(8).toString('hex')}`;
	const parts = [];
	for (const [k, v] of Object.entries(fields))
		parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
	parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`),
	    file.data, Buffer.from('\r\n'));
	parts.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

let admin, adminUser;

before(async () => {
	allow();
	resetThrottle();
	adminUser = createUser('board', { roles: ['tenant_admin'], tag: 'aa' });
	admin = await signIn(HOST, adminUser.ident, adminUser.password, { enrol: true });	// staff: TOTP
});

after(() => {
	allow();
});

test('CORE-15 CORE-22: the language is not changed when its audit line cannot be written', async () => {
	const u = createUser('board', { tag: 'al' });
	const c = await signIn(HOST, u.ident, u.password);
	const before = account(u, 'lang');
	assert.equal(before, 'ja');
	const r = await auditRefused(u.uid, 'account.lang', () => c.post('/account/lang', { lang: 'en' }, { formPage: '/account' }));
	assertTryLater(r, 'POST /account/lang');
	assert.equal(account(u, 'lang'), 'ja', 'the language stayed');
	assert.ok(!r.cookies.some((k) => k.name === 'lang'), 'no lang cookie either');
	assert.equal(count(`actor = ${q(u.uid)} AND action = 'account.lang'`), 0);
	// With the audit back, the same request works and is audited.
	const ok = await c.post('/account/lang', { lang: 'en' }, { formPage: '/account' });
	assert.equal(ok.status, 303);
	assert.equal(account(u, 'lang'), 'en');
	assert.equal(count(`actor = ${q(u.uid)} AND action = 'account.lang'`), 1);
});

test('CORE-15 CORE-23: the terms are not accepted when the acceptance cannot be audited', async () => {
	const u = createUser('board', { tag: 'at' });
	const c = await signIn(HOST, u.ident, u.password, { raw: true });
	const t = await c.model('/terms');
	const v = /<field name="version"[^>]*>\s*<value>(\d+)<\/value>/.exec(t.body)?.[1];
	assert.ok(v, 'the terms form is offered');
	const r = await auditRefused(u.uid, 'terms.accept', () => c.postRaw('/terms', { csrf: csrfOf(t.body), version: v }));
	assertTryLater(r, 'POST /terms');
	assert.equal(account(u, 'terms_version'), '0', 'not accepted');
	// The gate still asks for them.
	const a = await c.get('/account');
	assert.equal(a.status, 303);
	assert.match(a.location, /^\/terms/);
	const ok = await c.postRaw('/terms', { csrf: csrfOf(t.body), version: v });
	assert.equal(ok.status, 303);
	assert.equal(account(u, 'terms_version'), v);
	assert.equal(count(`actor = ${q(u.uid)} AND action = 'terms.accept'`), 1);
});

test('CORE-15 CORE-6: an admin\'s unlock does not happen when it cannot be audited', async () => {
	resetThrottle();
	const u = createUser('board', { tag: 'au' });
	for (let i = 0; i < 5; i++)
		assert.equal((await tryLogin(HOST, u.ident, `Wrong-${i}-pass-2026`)).status, 200);
	assert.equal((await tryLogin(HOST, u.ident, u.password)).status, 429, 'locked');
	const r = await auditRefused(adminUser.uid, 'unlock', () => admin.post('/admin/unlock', { ident: u.ident }));
	assertTryLater(r, 'POST /admin/unlock');
	assert.equal(rows(`SELECT locked_until > NOW() FROM account WHERE tenant = 'board' AND uid = ${q(u.uid)}`)[0][0], '1', 'still locked');
	assert.equal((await tryLogin(HOST, u.ident, u.password)).status, 429, 'still refused');
	const ok = await admin.post('/admin/unlock', { ident: u.ident }, { xml: true });
	assert.equal(ok.status, 200);
	assert.match(ok.body, /msg\.unlocked/);
	assert.equal(count(`actor = ${q(adminUser.uid)} AND action = 'unlock' AND object = ${q(u.uid)}`), 1);
	assert.equal((await tryLogin(HOST, u.ident, u.password)).status, 303, 'unlocked');
});

test('CORE-15 CORE-13: an upload is not stored when it cannot be audited', async () => {
	const code = `AA-${adminUser.number.slice(-6)}`;
	let r = await admin.post('/admin/programs/new', {
		code, name: '監査試験病院 プログラム', domain: '01', prefecture: '13', track: 'research',
		capacity: '1', instructors: '3', years: '3', description: '監査の試験', base_name: `監査試験病院${code}`,
		base_address: '東京都千代田区1-1', base_beds: '100', base_details: '',
	});
	assert.equal(r.status, 303, `create: ${errorKeys(r.body)}`);
	const id = /^\/admin\/programs\/(\d+)\?/.exec(r.location)?.[1];
	assert.ok(id, r.location);
	const stored = () => Number(rows(`SELECT COUNT(*) FROM upload WHERE tenant = 'board' AND owner_uid = ${q(adminUser.uid)}`)[0][0]);
	const n0 = stored();
	const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
	const csrf = await admin.csrf(`/admin/programs/${id}`);
	const mp = multipart({ csrf }, { name: 'booklet', filename: '冊子.pdf', type: 'application/pdf', data: pdf });
	r = await auditRefused(adminUser.uid, 'upload.store', () =>
	    admin.req('POST', `/admin/programs/${id}/booklet`, { raw: mp.body, headers: { 'content-type': mp.type } }));
	assertTryLater(r, 'POST booklet');
	assert.equal(stored(), n0, 'no file kept');
	assert.equal(rows(`SELECT IFNULL(booklet_upload_id, 'NULL') FROM program WHERE id = ${id}`)[0][0], 'NULL');
	r = await admin.req('POST', `/admin/programs/${id}/booklet`, { raw: mp.body, headers: { 'content-type': mp.type } });
	assert.equal(r.status, 303);
	assert.equal(stored(), n0 + 1);
	assert.equal(count(`actor = ${q(adminUser.uid)} AND action = 'upload.store'`), 1);
});

test('CORE-15 CORE-9: a password change that cannot be audited, or cannot end the other sessions, does not happen', async () => {
	resetThrottle();
	const u = createUser('board', { tag: 'ap' });
	const c = await signIn(HOST, u.ident, u.password);
	const other = await signIn(HOST, u.ident, u.password);
	const next = 'Changed-pass-2026!';
	const change = async () => {
		const f = await c.model('/account/password');
		return c.postRaw('/account/password', { csrf: csrfOf(f.body), current: u.password, password: next, password2: next });
	};
	let r = await auditRefused(u.uid, 'password.change', change);
	assertTryLater(r, 'password change, audit refused');
	// Ending the other sessions fails: the change fails with it.
	refuse(`OLD.uid = ${q(u.uid)}`, { table: 'session', event: 'DELETE' });
	try {
		r = await change();
	} finally {
		allow();
	}
	assertTryLater(r, 'password change, sessions not ended');
	assert.equal(count(`actor = ${q(u.uid)} AND action = 'password.change'`), 0);
	assert.equal((await tryLogin(HOST, u.ident, next)).status, 200, 'the new password is refused');
	assert.equal((await tryLogin(HOST, u.ident, u.password)).status, 303, 'the old one still works');
	assert.equal((await other.get('/account')).status, 200, 'the other session is still there');
	// With the audit back: changed, audited, the other session ended.
	r = await change();
	assert.equal(r.status, 303);
	assert.equal(count(`actor = ${q(u.uid)} AND action = 'password.change'`), 1);
	assert.equal((await tryLogin(HOST, u.ident, next)).status, 303);
	assert.notEqual((await other.get('/account')).status, 200, 'the other session ended');
});

test('CORE-15 CORE-6: the lock is not set without its audit line and mail; the failure is not counted without its own', async () => {
	resetThrottle();
	const u = createUser('board', { tag: 'ak' });
	const wrong = (i) => tryLogin(HOST, u.ident, `Wrong-${i}-pass-2026`);
	for (let i = 0; i < 4; i++)
		assert.equal((await wrong(i)).status, 200);
	assert.equal(account(u, 'failures'), '4');
	// The fifth failure would lock: with the lock unauditable, nothing changes.
	let r = await auditRefused(u.uid, 'lock', () => wrong(4));
	assertTryLater(r, 'fifth failure, lock refused');
	assert.equal(account(u, 'locked_until'), 'NULL', 'not locked');
	assert.equal(account(u, 'failures'), '4', 'not counted');
	assert.equal(count(`actor = ${q(u.uid)} AND action = 'lock'`), 0);
	assert.equal(rows(`SELECT COUNT(*) FROM outbox WHERE tenant = 'board' AND rcpt = ${q(u.mail)} AND template = 'account_locked'`)[0][0], '0');
	// A failure whose own line cannot be written is not counted either.
	r = await auditRefused(u.uid, 'login.fail', () => wrong(5));
	assertTryLater(r, 'failure, login.fail refused');
	assert.equal(account(u, 'failures'), '4');
	// With the audit back: locked, audited, mailed.
	r = await wrong(6);
	assert.equal(r.status, 200);
	assert.equal(rows(`SELECT locked_until > NOW() FROM account WHERE tenant = 'board' AND uid = ${q(u.uid)}`)[0][0], '1');
	assert.equal(auditRows(`actor = ${q(u.uid)} AND action = 'lock'`).length, 1);
	assert.equal(rows(`SELECT COUNT(*) FROM outbox WHERE tenant = 'board' AND rcpt = ${q(u.mail)} AND template = 'account_locked'`)[0][0], '1');
	assert.equal((await tryLogin(HOST, u.ident, u.password)).status, 429);
});

test('CORE-15 CORE-5: no session without its "login" line, no sign-out without its "logout" line', async () => {
	resetThrottle();
	const u = createUser('board', { tag: 'as' });
	const sessions = () => Number(rows(`SELECT COUNT(*) FROM session WHERE tenant = 'board' AND uid = ${q(u.uid)}`)[0][0]);
	const c = new Client(HOST);
	const f = await c.model('/login');
	const r = await auditRefused(u.uid, 'login', () => c.postRaw('/login', { csrf: csrfOf(f.body), ident: u.ident, password: u.password }));
	assertTryLater(r, 'sign-in, audit refused');
	assert.ok(!r.cookies.some((k) => k.name === 'sid' && k.value !== ''), 'no new session cookie');
	assert.equal(sessions(), 0, 'no session row');
	assert.equal(account(u, 'failures'), '0');
	// The same form again, with the audit back: signed in (the anonymous session survived).
	const ok = await c.postRaw('/login', { csrf: csrfOf(f.body), ident: u.ident, password: u.password });
	assert.equal(ok.status, 303);
	assert.equal(sessions(), 1);
	const csrf = await c.csrf('/terms');
	const out = await auditRefused(u.uid, 'logout', () => c.postRaw('/logout', { csrf }));
	assertTryLater(out, 'sign-out, audit refused');
	assert.equal(sessions(), 1, 'the session is still there');
	assert.ok(!out.cookies.some((k) => k.name === 'sid'), 'the cookie is left as it was');
	const out2 = await c.postRaw('/logout', { csrf });
	assert.equal(out2.status, 303);
	assert.equal(sessions(), 0);
	assert.equal(count(`actor = ${q(u.uid)} AND action IN ('login', 'logout')`), 2);
});

test('CORE-15 CORE-7: a wrong second-step code is not counted without its line; a recovery code is not spent without its line', async () => {
	resetThrottle();
	const u = createUser('board', { tag: 'ao' });
	const first = await signIn(HOST, u.ident, u.password);
	const totp = await enrolTotp(first);
	const step = async (code, refusedAction) => {
		const c = await signIn(HOST, u.ident, u.password, { raw: true });
		assert.match(c.login.location, /^\/login\/totp/);
		const f = await c.model('/login/totp');
		const post = () => c.postRaw('/login/totp', { csrf: csrfOf(f.body), code });
		return refusedAction ? auditRefused(u.uid, refusedAction, post) : post();
	};
	// A wrong code whose line cannot be written: not counted.
	const good = await nextCode(totp);
	const wrong = String((Number(good) + 1) % 1000000).padStart(6, '0');
	let r = await step(wrong, 'login.totp.fail');
	assertTryLater(r, 'wrong code, audit refused');
	assert.equal(account(u, 'failures'), '0');
	r = await step(wrong);
	assert.equal(r.status, 200);
	assert.equal(account(u, 'failures'), '1');
	// A recovery code whose use cannot be audited: not spent, no session.
	const code = totp.codes[0];
	const unused = () => Number(rows(`SELECT COUNT(*) FROM recovery_code WHERE tenant = 'board' AND uid = ${q(u.uid)} AND used_at IS NULL`)[0][0]);
	const before = unused();
	r = await step(code, 'recovery.use');
	assertTryLater(r, 'recovery code, audit refused');
	assert.equal(unused(), before, 'the code is not spent');
	r = await step(code);
	assert.equal(r.status, 303);
	assert.equal(unused(), before - 1);
	assert.equal(count(`actor = ${q(u.uid)} AND action = 'recovery.use'`), 1);
});
