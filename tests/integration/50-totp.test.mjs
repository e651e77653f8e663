// TOTP (RFC 6238) against the real stack: enrolment with QR code and the
// secret as text, ten one-time recovery codes, the second sign-in step
// (replay refused, oathtool's code accepted, ±1 step), disabling with
// password + code, and the policy that forces enrolment on central IT and
// on staff of tenants with totp_required = staff.
// CORE-7, CORE-10 (rotation at the TOTP step), CORE-14, CORE-15, CORE-16.
// Issue 3 items 6, 11 and 13.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

import { RUN } from './http.mjs';
import {
	Client, signIn, createUser, ctl, rows, q, sidHash, resetThrottle, csrfOf,
	errorKeys, signedIn, waitMail, auditRows, nextCode, totpAt, currentStep,
	freshTime, oathtool, enrolTotp, xmlText, decodeEntities, DEMO, DEMO_PASSWORD,
	HOSTS, acceptLatestTerms, sleep, createOps,
} from './auth.mjs';

before(() => resetThrottle());

const acct = (u) => rows(`SELECT totp_enabled, totp_secret IS NULL, totp_last_step FROM account WHERE tenant = ${q(u.slug)} AND uid = ${q(u.uid)}`)[0];
const recoveryRows = (u) => rows(`SELECT code_hash, used_at IS NOT NULL FROM recovery_code WHERE tenant = ${q(u.slug)} AND uid = ${q(u.uid)}`);

/** The <totp> element's attributes of a model: { state, required, recovery-left }. */
function totpOf(xml) {
	const m = /<totp\b([^>]*)>/.exec(xml) || /<totp\b([^>]*)\/>/.exec(xml);
	assert.ok(m, `no <totp> in ${xml.slice(0, 300)}`);
	return Object.fromEntries([...m[1].matchAll(/([\w-]+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
}

/** Password step only: the client at the TOTP step (303 /login/totp). */
async function passwordStep(u) {
	const c = await signIn(u.host, u.ident, u.password, { raw: true });
	assert.equal(c.login.status, 303);
	assert.match(c.login.location, /^\/login\/totp/);
	return c;
}

/** POST a code on /login/totp. */
async function totpStep(c, code, xml = false) {
	const f = await c.model('/login/totp');
	assert.equal(f.status, 200);
	assert.match(f.body, /<page name="login-totp"/);
	return c.postRaw('/login/totp', { csrf: csrfOf(f.body), code }, { xml });
}

async function logout(c) {
	const r = await c.post('/logout', {}, { formPage: '/account' });
	assert.equal(r.status, 303);
}

test('CORE-7 (precondition): the tests\' RFC 6238 code generator agrees with oathtool and the RFC vectors', () => {
	// RFC 6238 appendix B, SHA-1, 8 digits: T = 59 s → 94287082.
	const key = Buffer.from('12345678901234567890').toString('hex');
	assert.equal(execFileSync('oathtool', ['--totp', '-d', '8', '--now=@59', key], { encoding: 'utf8' }).trim(), '94287082');
	const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
	for (const t of [59, 1111111109, 2000000000, Math.floor(Date.now() / 1000)])
		assert.equal(totpAt(secret, Math.floor(t / 30)), oathtool(secret, t), `t=${t}`);
});

test('CORE-7 CORE-10 CORE-14 CORE-15: enrol on /account/totp (QR code, secret as text), ten recovery codes shown once; the next sign-in needs a code (oathtool\'s is accepted), a replayed code is refused, a recovery code works once, disabling needs password + code', async () => {
	const u = createUser('palliative', { tag: 'tp' });
	const c = await signIn(u.host, u.ident, u.password);
	const startId = rows('SELECT IFNULL(MAX(id), 0) FROM audit')[0][0];

	// --- enrolment page: the secret as text in the HTML, the QR code, the otpauth URI.
	const page = await c.get('/account/totp');
	assert.equal(page.status, 200);
	const shown = /<code class="totp-secret">([^<]+)<\/code>/.exec(page.body);
	assert.ok(shown, 'the secret is shown as text');
	const secret = shown[1].replace(/\s+/g, '');
	assert.match(secret, /^[A-Z2-7]{32}$/, 'base32, 160 bits');
	const model = await c.model('/account/totp');
	assert.deepEqual(totpOf(model.body), { state: 'pending', required: '0' });
	const uri = decodeEntities(xmlText(model.body, 'uri'));
	const parsed = new URL(uri);
	assert.equal(parsed.protocol, 'otpauth:');
	assert.equal(parsed.host, 'totp');
	assert.equal(parsed.searchParams.get('secret'), secret);
	assert.equal(parsed.searchParams.get('issuer'), 'デモ緩和医療学会');
	assert.ok(decodeURIComponent(parsed.pathname).includes(u.mail), `label names the account: ${uri}`);
	const qr = await c.get('/account/totp/qr.svg');
	assert.equal(qr.status, 200);
	assert.match(qr.headers['content-type'], /^image\/svg\+xml/);
	assert.match(qr.body, /<svg\b[\s\S]*<\/svg>\s*$/);
	assert.match(qr.headers['cache-control'] || '', /no-store/, 'the QR code (the secret) may not be cached');
	// Reloading shows the same pending secret (a phone may be slow).
	assert.ok((await c.get('/account/totp')).body.includes(shown[1]));

	// --- a wrong first code does not enable it.
	const bad = await c.postRaw('/account/totp', { csrf: csrfOf(model.body), code: totpAt(secret, currentStep() + 5) });
	assert.equal(bad.status, 200);
	assert.ok(bad.body.includes('確認コードが正しくありません'));
	assert.equal(acct(u)[0], '0');

	// --- the first code turns it on and shows ten recovery codes, once.
	const totp = { secret, lastStep: -1 };
	const on = await c.postRaw('/account/totp', { csrf: csrfOf(model.body), code: await nextCode(totp) });
	assert.equal(on.status, 200);
	const codes = [...on.body.matchAll(/<li><code>([^<]+)<\/code><\/li>/g)].map((m) => m[1]);
	assert.equal(codes.length, 10, 'ten recovery codes');
	assert.equal(new Set(codes).size, 10);
	for (const k of codes)
		assert.match(k, /^[a-z0-9]{4}-[a-z0-9]{4}$/);
	assert.equal(acct(u)[0], '1');
	const stored = recoveryRows(u);
	assert.equal(stored.length, 10);
	for (const k of codes)
		assert.ok(!stored.some(([h]) => h.includes(k) || h.includes(k.replace('-', ''))), 'recovery codes are stored hashed');
	// Never shown again: not the secret, not the codes, no QR code.
	const after = await c.get('/account/totp');
	assert.equal(after.status, 200);
	assert.ok(!after.body.includes(shown[1]) && !after.body.includes(secret), 'the secret is shown again');
	assert.ok(!codes.some((k) => after.body.includes(k)), 'a recovery code is shown again');
	assert.deepEqual(totpOf((await c.model('/account/totp')).body), { state: 'enabled', required: '0', 'recovery-left': '10' });
	assert.equal((await c.get('/account/totp/qr.svg')).status, 404);
	// …nor logged.
	const log = fs.readFileSync(path.join(RUN, 'log', 'shikakud.log'), 'utf8');
	assert.ok(!log.includes(secret) && !codes.some((k) => log.includes(k)), 'a secret in shikakud.log');
	// Audited and mailed.
	assert.equal(auditRows(`id > ${startId} AND action = 'totp.enable' AND actor = ${q(u.uid)} AND tenant = 'palliative'`).length, 1);
	const [mail] = await waitMail(u.mail, (m) => /2段階認証を有効/.test(m.subject));
	assert.ok(mail.subject.includes('【デモ緩和医療学会】'));
	assert.ok(!mail.body.includes(secret), 'the secret is mailed');
	await logout(c);

	// --- next sign-in: the password is not enough; oathtool's code for now is accepted.
	const s1 = await passwordStep(u);
	const totpSid = s1.sid;
	assert.notEqual(totpSid, c.sid);
	assert.equal(await signedIn(s1), false, 'signed in before the code');
	const gated = await s1.get('/account');
	assert.equal(gated.status, 303);
	assert.equal(gated.location, '/login?next=/account');
	const t = await freshTime(totp);
	const oathCode = oathtool(secret, t);
	const ok = await totpStep(s1, oathCode);
	assert.equal(ok.status, 303, 'oathtool\'s code refused');
	assert.equal(ok.location, '/');
	assert.ok(s1.sid && s1.sid !== totpSid, 'the session id changes at the TOTP step (CORE-10)');
	assert.equal(rows(`SELECT COUNT(*) FROM session WHERE id_hash = ${q(sidHash(totpSid))}`)[0][0], '0');
	assert.equal(await signedIn(new Client(u.host, { sid: totpSid })), false);
	assert.ok(await signedIn(s1));
	assert.equal((await s1.get('/account')).status, 200);
	await logout(s1);

	// --- the same code again: refused (a code is accepted at most once).
	const s2 = await passwordStep(u);
	const replay = await totpStep(s2, oathCode, true);
	assert.equal(replay.status, 200);
	assert.deepEqual(errorKeys(replay.body), ['err.totp']);
	assert.equal(await signedIn(s2), false);
	assert.ok(auditRows(`id > ${startId} AND action = 'login.totp.fail' AND actor = ${q(u.uid)}`).length >= 1);

	// --- a recovery code works, once.
	const rec = await totpStep(s2, codes[0].toUpperCase());
	assert.equal(rec.status, 303);
	assert.ok(await signedIn(s2));
	assert.match((await s2.model('/account')).body, /recovery-left="9"/);
	assert.equal(auditRows(`id > ${startId} AND action = 'recovery.use' AND actor = ${q(u.uid)}`).length, 1);
	await logout(s2);
	const s3 = await passwordStep(u);
	const again = await totpStep(s3, codes[0], true);
	assert.equal(again.status, 200);
	assert.deepEqual(errorKeys(again.body), ['err.totp']);
	assert.equal((await totpStep(s3, codes[1])).status, 303);

	// --- disabling needs the password and a code.
	const tp = await s3.model('/account/totp');
	assert.match(tp.body, /<form id="account-totp-disable"/);
	const dis = async (password, otp) => s3.postRaw('/account/totp/disable', { csrf: csrfOf(tp.body), password, otp }, { xml: true });
	let r = await dis('Wrong-pass-2026x', totpAt(secret, currentStep()));
	assert.equal(r.status, 200);
	assert.match(r.body, /<field name="password"[^>]*>\s*<error key="err.password-current"/);
	assert.equal(acct(u)[0], '1');
	r = await dis(u.password, totpAt(secret, currentStep() + 7));
	assert.equal(r.status, 200);
	assert.match(r.body, /<field name="otp"[^>]*>\s*<error key="err.totp"/);
	assert.equal(acct(u)[0], '1');
	r = await dis(u.password, '');
	assert.equal(r.status, 200);
	assert.equal(acct(u)[0], '1');
	r = await dis(u.password, await nextCode(totp));
	assert.equal(r.status, 303);
	assert.equal(r.location, '/account?done=totp-off');
	assert.equal(acct(u)[0], '0');
	assert.equal(recoveryRows(u).length, 0, 'recovery codes deleted');
	assert.equal(auditRows(`id > ${startId} AND action = 'totp.disable' AND actor = ${q(u.uid)}`).length, 1);
	await waitMail(u.mail, (m) => /2段階認証を無効/.test(m.subject));
	// Off: the password alone signs in again.
	const plain = await signIn(u.host, u.ident, u.password, { raw: true });
	assert.equal(plain.login.location, '/');
});

test('CORE-7: a code one step old or one step ahead is accepted (±1 step of drift), two steps off is not, nor a step older than the last one used', async () => {
	const u = createUser('oncology', { tag: 'tp' });
	const c = await signIn(u.host, u.ident, u.password);
	const m = await c.model('/account/totp');
	const secret = xmlText(m.body, 'secret').replace(/\s+/g, '');
	// Every code below is for "now": stay within one step (the test takes
	// a few seconds at most, several argon2 binds on a loaded machine; with
	// less than 10 s left, wait for the next one).
	const left = 30000 - (Date.now() % 30000);
	if (left < 10000)
		await sleep(left + 200);
	const now = currentStep();
	const old = await c.postRaw('/account/totp', { csrf: csrfOf(m.body), code: totpAt(secret, now - 1) });
	assert.equal(old.status, 200);
	assert.match(old.body, /<ol class="recovery-codes">/, 'the previous step\'s code enrols');
	const s = await passwordStep(u);
	for (const off of [2, -2, 3]) {
		const r = await totpStep(s, totpAt(secret, now + off), true);
		assert.deepEqual(errorKeys(r.body), ['err.totp'], `step ${off}`);
	}
	const ahead = await totpStep(s, totpAt(secret, now + 1));
	assert.equal(ahead.status, 303, 'the next step\'s code');
	assert.ok(await signedIn(s));
	// The current step is older than the one just used: refused.
	const s2 = await passwordStep(u);
	const r = await totpStep(s2, totpAt(secret, now), true);
	assert.deepEqual(errorKeys(r.body), ['err.totp']);
	assert.equal(await signedIn(s2), false);
	assert.ok(currentStep() - now <= 1, 'the test ran within one step');
});

test('CORE-7 CORE-16: central IT (ops.localhost, uid ops) must enrol TOTP before reaching / or any console page; once enrolled, the console opens and TOTP cannot be turned off', async () => {
	resetThrottle();
	const demo = await signIn(HOSTS.ops, 'ops', DEMO_PASSWORD, { raw: true });
	assert.equal(demo.login.status, 303);
	for (const [p, to] of [['/', '/account/totp'], ['/admin/audit', '/account/totp?next=/admin/audit'], ['/account', '/account/totp?next=/account'], ['/admin/unlock', '/account/totp?next=/admin/unlock']]) {
		const r = await demo.get(p);
		assert.equal(r.status, 303, p);
		assert.equal(r.location, to, p);
	}
	const tp = await demo.model('/account/totp');
	assert.equal(tp.status, 200);
	assert.deepEqual(totpOf(tp.body), { state: 'pending', required: '1' });
	assert.ok(!/<form id="account-totp-disable"/.test(tp.body));
	assert.equal(new URL(decodeEntities(xmlText(tp.body, 'uri'))).searchParams.get('issuer'), 'shikaku');

	// A fresh central-IT account goes through with it.
	const { uid, password: pw } = createOps();
	const it = await signIn(HOSTS.ops, uid, pw, { raw: true });
	assert.equal((await it.get('/')).location, '/account/totp');
	it.totp = await enrolTotp(it);
	const home = await it.model('/');
	assert.equal(home.status, 200);
	assert.match(home.body, /<page name="ops-home"/);
	const after = await it.model('/account/totp');
	assert.equal(totpOf(after.body).state, 'enabled');
	assert.equal(totpOf(after.body).required, '1');
	assert.ok(!/<form id="account-totp-disable"/.test(after.body), 'no disable form');
	const off = await it.postRaw('/account/totp/disable', { csrf: csrfOf(after.body), password: pw, otp: await nextCode(it.totp) });
	assert.equal(off.status, 403);
	assert.equal(rows(`SELECT totp_enabled FROM account WHERE tenant = '_ops' AND uid = ${q(uid)}`)[0][0], '1');
	// The next sign-in asks for the code.
	const again = await signIn(HOSTS.ops, uid, pw, { raw: true });
	assert.match(again.login.location, /^\/login\/totp/);
});

test('CORE-7 CORE-16: board and medassoc staff (program director, tenant admin, association reviewer) must enrol TOTP (totp_required = staff); their members and the staff of palliative and oncology (none) need not', async () => {
	resetThrottle();
	const forced = [
		['board', DEMO.board.director], ['board', DEMO.board.admin],
		['medassoc', DEMO.medassoc.reviewer], ['medassoc', DEMO.medassoc.admin],
	];
	for (const [slug, ident] of forced) {
		const c = await signIn(HOSTS[slug], ident, DEMO_PASSWORD, { raw: true });
		assert.equal(c.login.status, 303, ident);
		const r = await c.get('/account');
		assert.equal(r.status, 303, `${slug} ${ident}`);
		assert.equal(r.location, '/account/totp?next=/account', `${slug} ${ident}`);
		assert.deepEqual(totpOf((await c.model('/account/totp')).body), { state: 'pending', required: '1' });
	}
	const free = [
		['board', DEMO.board.member], ['medassoc', DEMO.medassoc.member],
		['palliative', DEMO.palliative.supervisor], ['palliative', DEMO.palliative.admin],
		['oncology', DEMO.oncology.reviewer], ['oncology', DEMO.oncology.admin],
	];
	for (const [slug, ident] of free) {
		const c = await signIn(HOSTS[slug], ident, DEMO_PASSWORD, { raw: true });
		const r = await c.get('/account');
		assert.ok(r.status === 200 || (r.status === 303 && r.location.startsWith('/terms')), `${slug} ${ident}: ${r.status} ${r.location}`);
	}
	// A fresh board director enrols; then the terms; then in. The next page the detour named follows.
	const d = createUser('board', { roles: ['program_director'], tag: 'pd' });
	const c = await signIn(d.host, d.ident, d.password, { raw: true });
	const page = await c.get('/account/totp?next=/account');
	assert.equal(page.status, 200);
	const secret = /<code class="totp-secret">([^<]+)<\/code>/.exec(page.body)[1].replace(/\s+/g, '');
	const totp = { secret, lastStep: -1 };
	const f = await c.model('/account/totp?next=/account');
	assert.match(f.body, /<field name="next" type="hidden"><value>\/account<\/value>/);
	const done = await c.postRaw('/account/totp', { csrf: csrfOf(f.body), code: await nextCode(totp), next: '/account' });
	assert.equal(done.status, 200);
	assert.match(done.body, /href="\/account"/, 'the codes page continues to where the member was going');
	const r = await c.get('/account');
	assert.equal(r.status, 303);
	assert.match(r.location, /^\/terms/, 'then the terms');
	await acceptLatestTerms(c);
	assert.equal((await c.get('/account')).status, 200);
	// Staff cannot turn it off while the tenant requires it.
	const off = await c.postRaw('/account/totp/disable', { csrf: csrfOf(f.body), password: d.password, otp: await nextCode(totp) });
	assert.equal(off.status, 403);
	assert.equal(rows(`SELECT totp_enabled FROM account WHERE tenant = 'board' AND uid = ${q(d.uid)}`)[0][0], '1');
});

test('CORE-7 CORE-16 CORE-15: a role granted with shikakuctl takes effect at the next request (a board member made program director must enrol); revoking it lifts the detour; both audited', async () => {
	const u = createUser('board', { tag: 'rg' });
	const c = await signIn(u.host, u.ident, u.password);
	assert.equal((await c.get('/account')).status, 200);
	const startId = rows('SELECT IFNULL(MAX(id), 0) FROM audit')[0][0];
	assert.match(ctl('role', 'grant', 'board', u.ident, 'program_director'), /granted/);
	const r = await c.get('/account');
	assert.equal(r.status, 303);
	assert.equal(r.location, '/account/totp?next=/account');
	assert.equal(totpOf((await c.model('/account/totp')).body).required, '1');
	assert.match(ctl('role', 'revoke', 'board', u.ident, 'program_director'), /revoked/);
	assert.equal((await c.get('/account')).status, 200);
	const a = auditRows(`id > ${startId} AND tenant = 'board' AND object = ${q(u.uid)} AND action IN ('role.grant', 'role.revoke')`);
	assert.deepEqual(a.map((e) => [e.action, e.detail]), [['role.grant', 'program_director'], ['role.revoke', 'program_director']]);
	// central_it is no tenant role.
	assert.throws(() => ctl('role', 'grant', 'board', u.ident, 'central_it'), /not a role/);
});

test('CORE-6 CORE-7 CORE-15: five wrong codes at the TOTP step lock the account (the right code is then refused with the wait message); the lock is audited', async () => {
	const u = createUser('palliative', { tag: 'tl' });
	const c = await signIn(u.host, u.ident, u.password);
	const totp = await enrolTotp(c);
	const s = await passwordStep(u);
	for (let i = 0; i < 5; i++) {
		const r = await totpStep(s, totpAt(totp.secret, currentStep() + 10 + i), true);
		assert.deepEqual(errorKeys(r.body), ['err.totp'], `wrong code ${i + 1}`);
	}
	const right = await totpStep(s, await nextCode(totp), true);
	assert.equal(right.status, 429);
	assert.deepEqual(errorKeys(right.body), ['err.login.wait']);
	assert.equal(await signedIn(s), false);
	const lock = auditRows(`tenant = 'palliative' AND actor = ${q(u.uid)} AND action = 'lock'`);
	assert.equal(lock.length, 1);
	assert.equal(lock[0].detail, 'second factor failures');
	// The password step is refused too while locked.
	const again = await signIn(u.host, u.ident, u.password, { raw: true, expectRefusal: true });
	assert.equal(again.login.status, 429);
	ctl('user', 'unlock', 'palliative', u.ident);
});

test('CORE-5 CORE-7: "keep me signed in" survives the TOTP step: the final cookie is persistent, the intermediate one is not a signed-in session', async () => {
	const u = createUser('oncology', { tag: 'tk' });
	const c = await signIn(u.host, u.ident, u.password);
	const totp = await enrolTotp(c);
	const k = await signIn(u.host, u.ident, u.password, { keep: true, raw: true });
	assert.match(k.login.location, /^\/login\/totp/);
	const r = await totpStep(k, await nextCode(totp));
	assert.equal(r.status, 303);
	const sid = r.cookies.find((x) => x.name === 'sid');
	assert.ok(sid && sid.maxAge >= 14 * 86400, `persistent after the code: ${sid?.raw}`);
	assert.equal(rows(`SELECT keep, stage FROM session WHERE id_hash = ${q(sidHash(k.sid))}`)[0].join(' '), '1 2');
});
