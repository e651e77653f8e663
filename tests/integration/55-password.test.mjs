// 「パスワードをお忘れの方」 (the reset link) and password change, against
// slapd, MariaDB and the SMTP sink: CORE-8, CORE-9 (with CORE-14, CORE-15,
// CORE-17).  Issue 3 items 7, 8 and 13; issue 7 item 2 (the request no
// longer takes the password away; tests/integration/46-temp-throttle).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import {
	Client, signIn, createUser, sql, rows, q, resetThrottle, csrfOf, stripCsrf,
	errorKeys, signedIn, waitMail, mails, auditRows, acceptLatestTerms,
	uniqueDigits, sleep, HOSTS,
} from './auth.mjs';

before(() => resetThrottle());
after(() => resetThrottle());

async function askTemp(host, mail) {
	const c = new Client(host);
	const f = await c.model('/password/temp');
	assert.equal(f.status, 200);
	return c.postRaw('/password/temp', { csrf: csrfOf(f.body), mail });
}

async function tryLogin(host, ident, password) {
	const c = new Client(host);
	const f = await c.model('/login');
	const r = await c.postRaw('/login', { csrf: csrfOf(f.body), ident, password }, { xml: true });
	c.login = r;
	return c;
}

/** The reset link in a password_reset mail (path and query). */
function resetLink(m) {
	const x = /https?:\/\/\S+(\/password\/reset\?t=[A-Za-z0-9_-]{43})/.exec(m.body);
	assert.ok(x, `no reset link in:\n${m.body}`);
	return x[1];
}

const outboxRows = (rcpt) => rows(`SELECT tenant, template, state FROM outbox WHERE rcpt = ${q(rcpt)} ORDER BY id`);

test('CORE-8 CORE-14 CORE-15: 「パスワードをお忘れの方」 answers the same for a registered and an unregistered address; the mail arrives with a reset link in the tenant\'s name; the current password keeps working until the link is used', async () => {
	const u = createUser('palliative', { tag: 'tmp' });
	const nobody = `nobody${uniqueDigits(8)}@palliative.example`;
	const startId = rows('SELECT IFNULL(MAX(id), 0) FROM audit')[0][0];
	const known = await askTemp(u.host, u.mail);
	const unknown = await askTemp(u.host, nobody);
	assert.equal(known.status, 200);
	assert.equal(unknown.status, known.status);
	assert.equal(stripCsrf(unknown.body), stripCsrf(known.body), 'the two answers differ');
	assert.ok(known.body.includes('登録されている場合は'), 'the answer says "if registered"');
	assert.ok(!known.body.includes(u.mail) && !unknown.body.includes(nobody), 'the address is echoed');

	// The mail to the member: tenant name, the link on the tenant's host.
	const [m] = await waitMail(u.mail, (x) => /パスワード再設定/.test(x.subject));
	assert.equal(m.subject, '【デモ緩和医療学会】パスワード再設定のご案内');
	assert.ok(m.from.includes('デモ緩和医療学会'), m.from);
	assert.match(m.body, /http:\/\/palliative\.localhost(:\d+)?\/password\/reset\?t=/);
	assert.match(m.body, /有効期限/);
	// Nothing for the unknown address, not even queued.
	assert.deepEqual(outboxRows(nobody), []);
	assert.deepEqual(outboxRows(u.mail).map((r) => r.slice(0, 2)), [['palliative', 'password_reset']]);
	assert.equal(auditRows(`id > ${startId} AND action = 'password.reset.request' AND actor = ${q(u.uid)}`).length, 1);
	assert.equal(auditRows(`id > ${startId} AND action = 'password.reset.request' AND actor IS NULL`).length, 0, 'the unknown address left a trace');

	// The old password still works, with no forced step.
	const c = await signIn(u.host, u.ident, u.password);
	assert.equal(c.forced, undefined);
	// The link sets a new one; then only the new one works.
	const link = resetLink(m);
	const page = await c.model(link);
	assert.equal(page.status, 200);
	const fresh = 'Neu-pass-2026-ok';
	const r = await c.postRaw('/password/reset', { csrf: csrfOf(page.body), t: new URL(link, 'http://x').searchParams.get('t'), password: fresh, password2: fresh });
	assert.equal(r.status, 303);
	assert.deepEqual(errorKeys((await tryLogin(u.host, u.ident, u.password)).login.body), ['err.login']);
	const again = await signIn(u.host, u.ident, fresh);
	assert.equal((await again.get('/account')).status, 200, 'no forced step after the reset');
	assert.equal(again.forced, undefined);
});

test('CORE-8: a reset link expires (valid for a limited time)', async () => {
	const u = createUser('oncology', { tag: 'tmp' });
	assert.equal((await askTemp(u.host, u.mail)).status, 200);
	const [m] = await waitMail(u.mail, (x) => /パスワード再設定/.test(x.subject));
	assert.match(m.body, /有効期限/);
	sql(`UPDATE password_reset SET expires_at = NOW() - INTERVAL 1 SECOND WHERE tenant = 'oncology' AND uid = ${q(u.uid)}`);
	const r = await new Client(u.host).model(resetLink(m));
	assert.equal(r.status, 410);
	assert.equal((await tryLogin(u.host, u.ident, u.password)).login.status, 303);
});

test('CORE-8 CORE-17: an address registered on another tenant gets the same answer and no mail here', async () => {
	const u = createUser('palliative', { tag: 'tmp' });
	const here = await askTemp(HOSTS.board, u.mail);
	const none = await askTemp(HOSTS.board, `nobody${uniqueDigits(8)}@palliative.example`);
	assert.equal(here.status, 200);
	assert.equal(stripCsrf(here.body), stripCsrf(none.body));
	assert.deepEqual(outboxRows(u.mail), []);
	await sleep(1500);	// the mailer polls every second
	assert.deepEqual(mails().filter((m) => m.rcpt === u.mail), []);
	// Their password still works on their own tenant.
	assert.equal((await tryLogin(u.host, u.ident, u.password)).login.status, 303);
});

test('CORE-9 CORE-14 CORE-15: password change shows each policy error, then changes the password in the directory (old one refused, new one works, other sessions ended, mail and audit)', async () => {
	resetThrottle();
	const u = createUser('oncology', { tag: 'pw' });
	const c = await signIn(u.host, u.ident, u.password);
	const other = await signIn(u.host, u.ident, u.password);
	const startId = rows('SELECT IFNULL(MAX(id), 0) FROM audit')[0][0];
	const change = async (current, password, password2 = password) => {
		const f = await c.model('/account/password');
		assert.equal(f.status, 200);
		const form = { csrf: csrfOf(f.body), current, password, password2 };
		return [await c.postRaw('/account/password', form), await c.postRaw('/account/password', form, { xml: true })];
	};
	const local = u.mail.split('@')[0];
	const cases = [
		['wrong current', 'Not-the-pass-2026', 'Brand-new-2026x', undefined, 'current', 'err.password-current', '現在のパスワードが正しくありません'],
		['mismatch', u.password, 'Brand-new-2026x', 'Brand-new-2026y', 'password2', 'err.password-mismatch', '一致しません'],
		['too short', u.password, 'Ab1-xyz', undefined, 'password', 'err.password-length', '10文字以上'],
		['one kind', u.password, 'abcdefghijkl', undefined, 'password', 'err.password-classes', '2種類以上'],
		['repeats', u.password, 'aaaaaaAAAA11', undefined, 'password', 'err.password-repeat', '5種類以上'],
		['member number', u.password, `Xy-${u.number}`, undefined, 'password', 'err.password-ident', 'ログインID'],
		['mail local part', u.password, `Zz9-${local}`, undefined, 'password', 'err.password-ident', 'ログインID'],
		['same as now', u.password, u.password, undefined, 'password', 'err.password-same', '異なるパスワード'],
		['empty', u.password, '', undefined, 'password', 'err.required', null],
	];
	for (const [what, cur, pw, pw2, field, key, text] of cases) {
		const [html, xml] = await change(cur, pw, pw2);
		assert.equal(html.status, 200, what);
		if (text)
			assert.ok(html.body.includes(text), `${what}: "${text}" not shown`);
		assert.match(html.body, /class="error-summary"/, `${what}: errors listed at the top`);
		assert.match(xml.body, new RegExp(`<field name="${field}"[^>]*>\\s*<error key="${key}"`), `${what}: ${xml.body.slice(xml.body.indexOf('<form'), xml.body.indexOf('<form') + 600)}`);
	}
	// Each of these left the old password in force.
	assert.equal((await tryLogin(u.host, u.ident, u.password)).login.status, 303, 'the password changed after a refused change');

	const fresh = 'Brand-new-2026x!';
	const [ok] = await change(u.password, fresh);
	assert.equal(ok.status, 303);
	assert.equal(ok.location, '/account?done=password');
	assert.ok(ok.cookies.some((x) => x.name === 'sid'), 'the session id is renewed');
	const done = await c.get(ok.location);
	assert.equal(done.status, 200);
	assert.ok(done.body.includes('パスワードを変更しました') || /flash-success|notice-success/.test(done.body), 'a confirmation is shown');
	assert.deepEqual(errorKeys((await tryLogin(u.host, u.ident, u.password)).login.body), ['err.login'], 'the old password still works');
	assert.equal((await tryLogin(u.host, u.ident, fresh)).login.status, 303);
	assert.equal(await signedIn(other), false, 'another session survived the change');
	assert.ok(await signedIn(c));
	const [m] = await waitMail(u.mail, (x) => /パスワード変更/.test(x.subject));
	assert.equal(m.subject, '【デモ臨床腫瘍学会】パスワード変更のお知らせ');
	assert.ok(!m.body.includes(fresh), 'the password is mailed');
	const a = auditRows(`id > ${startId} AND actor = ${q(u.uid)} AND action IN ('password.change', 'password.change.fail')`);
	// The wrong current password was sent twice (HTML and model).
	assert.deepEqual(a.map((e) => e.action), ['password.change.fail', 'password.change.fail', 'password.change'], JSON.stringify(a));
	assert.ok(a.every((e) => e.tenant === 'oncology' && e.ip === '127.0.0.1'));
});
