// A temporary password from the member's page (ADM-1; issue 14): the
// tenant admin issues it with a reason; it is mailed to the member,
// the old password stops working, the new one signs in and must be
// changed at once; the action is audited with the reason in its
// transaction and the mail's body is a secret one (emptied later).
// On two tenants; a member cannot do it (403), another tenant's admin
// is sent to sign in and changes nothing.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import { signIn, createUser, rows, q, resetThrottle, auditRows, gist, waitMail, HOSTS } from './auth.mjs';

const SLUGS = ['board', 'palliative'];
const OTHER = { board: 'palliative', palliative: 'board' };
const T = {};

before(async () => {
	resetThrottle();
	for (const slug of SLUGS) {
		const a = createUser(slug, { roles: ['tenant_admin'], tag: 'admt' });
		const admin = await signIn(HOSTS[slug], a.ident, a.password, { enrol: true });
		admin.user = a;
		T[slug] = { admin };
	}
});

for (const slug of SLUGS) {
	test(`ADM-1 CORE-8 CORE-14 CORE-15: ${slug}: a temporary password issued from the member's page is mailed, replaces the old one, must be changed at once, and is audited with its reason`, async () => {
		const { admin } = T[slug];
		const m = createUser(slug, { tag: 'admu' });
		const page = `/admin/members/${m.uid}`;
		let r = await admin.get(page);
		assert.equal(r.status, 200, gist(r));
		assert.match(r.body, /name="action" value="temp-password"/);
		// No reason: 422, nothing changes.
		r = await admin.post(page, { action: 'temp-password', reason: ' ' });
		assert.equal(r.status, 422, gist(r));
		assert.equal(rows(`SELECT must_change FROM account WHERE tenant = ${q(slug)} AND uid = ${q(m.uid)}`)[0][0], '0');

		const reason = `電話で依頼 ${Date.now()}`;
		r = await admin.post(page, { action: 'temp-password', reason });
		assert.equal(r.status, 303, gist(r));
		assert.equal(r.location, `${page}?done=temp-password`);
		r = await admin.model(r.location);
		assert.match(r.body, /msg\.adm\.temp-password/);
		assert.equal(auditRows(`tenant = ${q(slug)} AND actor = ${q(admin.user.uid)} AND action = 'member.temp-password' AND object = ${q(m.uid)} AND detail = ${q(reason)}`).length, 1);
		const [[must, expires, secret]] = rows(`SELECT a.must_change, a.temp_expires > NOW(), o.secret FROM account a
		    JOIN outbox o ON o.tenant = a.tenant AND o.rcpt = ${q(m.mail)} AND o.template = 'temp_password'
		    WHERE a.tenant = ${q(slug)} AND a.uid = ${q(m.uid)} ORDER BY o.id DESC LIMIT 1`);
		assert.deepEqual([must, expires, secret], ['1', '1', '1'], 'must change, expires, a secret mail');
		const [mail] = await waitMail(m.mail, (x) => /仮パスワード/.test(x.subject));
		const pw = /■仮パスワード\n(\S+)/.exec(mail.body)[1];
		assert.ok(pw.length >= 12);
		// The login ID: the member number, which every tenant's sign-in takes.
		assert.ok(mail.body.includes(`■ログインID\n${m.number}`), 'the login ID is in the mail');

		// The old password no longer works; the temporary one does, and must be changed first.
		const old = await signIn(HOSTS[slug], m.ident, m.password, { expectRefusal: true });
		assert.notEqual(old.login.status, 303, 'the old password is refused');
		resetThrottle();
		const c = await signIn(HOSTS[slug], m.number, pw);
		assert.match(c.forced, /^\/account\/password/);
	});

	test(`ADM-1 CORE-16 CORE-17: ${slug}: a member cannot issue a temporary password (403); another tenant's admin changes nothing`, async () => {
		const victim = createUser(slug, { tag: 'admw' });
		const page = `/admin/members/${victim.uid}`;
		const plain = createUser(slug, { tag: 'admy' });
		const pc = await signIn(HOSTS[slug], plain.ident, plain.password);
		let r = await pc.postRaw(page, { csrf: await pc.csrf('/account'), action: 'temp-password', reason: 'x' });
		assert.equal(r.status, 403);
		const other = T[OTHER[slug]].admin.on(HOSTS[slug]);
		r = await other.postRaw(page, { csrf: await T[OTHER[slug]].admin.csrf('/account'), action: 'temp-password', reason: 'x' });
		assert.notEqual(r.location, `${page}?done=temp-password`);
		// The same uid on the other admin's own host: no such member there.
		r = await T[OTHER[slug]].admin.post(`/admin/members/${victim.uid}`, { action: 'temp-password', reason: 'x' }, { formPage: '/account' });
		assert.equal(r.status, 404);
		assert.equal(rows(`SELECT must_change FROM account WHERE tenant = ${q(slug)} AND uid = ${q(victim.uid)}`)[0][0], '0');
		assert.equal(rows(`SELECT COUNT(*) FROM outbox WHERE tenant = ${q(slug)} AND rcpt = ${q(victim.mail)} AND template = 'temp_password'`)[0][0], '0');
	});
}
