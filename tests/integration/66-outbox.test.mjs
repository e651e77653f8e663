// CORE-14: tenant admins see what their members were sent and can send a
// mail again; nobody else can, on this tenant or another.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
	Client, signIn, createUser, rows, q, waitMail, resetThrottle, auditRows,
	HOSTS,
} from './auth.mjs';

test('CORE-14 CORE-15: a tenant admin lists the outbox and resends a mail; the copy arrives, the resend is audited', async () => {
	resetThrottle();
	const member = createUser('palliative', { tag: 'ob' });
	const admin = createUser('palliative', { roles: ['tenant_admin'], tag: 'oa' });
	// A mail to the member: a reset link, asked for anonymously.
	const anon = new Client(HOSTS.palliative);
	const r = await anon.post('/password/temp', { mail: member.mail });
	assert.equal(r.status, 200);
	const [first] = await waitMail(member.mail);
	const [[id]] = rows(`SELECT id FROM outbox WHERE tenant = 'palliative' AND rcpt = ${q(member.mail)} ORDER BY id DESC LIMIT 1`);

	const c = await signIn(HOSTS.palliative, admin.ident, admin.password);
	const list = await c.model('/admin/outbox');
	assert.equal(list.status, 200);
	assert.ok(list.body.includes(member.mail), 'the mail is listed');
	assert.ok(!/<body>|password\/reset\?t=/.test(list.body), 'bodies (reset links) are never shown');
	const re = await c.post('/admin/outbox', { id }, { formPage: '/admin/outbox' });
	assert.equal(re.status, 303);
	const both = await waitMail(member.mail, () => true, { count: 2 });
	assert.equal(both.at(-1).subject, first.subject);
	assert.equal(auditRows(`tenant = 'palliative' AND action = 'mail.resend' AND object = ${q(id)}`).length, 1);
});

test('CORE-14 CORE-17: a member cannot see the outbox; another tenant\'s admin cannot resend this tenant\'s mail', async () => {
	resetThrottle();
	const member = createUser('palliative', { tag: 'om' });
	const m = await signIn(HOSTS.palliative, member.ident, member.password);
	assert.equal((await m.get('/admin/outbox')).status, 403);
	const [[id]] = rows("SELECT MAX(id) FROM outbox WHERE tenant = 'palliative'");
	const before = rows(`SELECT COUNT(*) FROM outbox WHERE tenant = 'palliative'`)[0][0];
	// Oncology's admin (no TOTP policy there), whose cookie is sent here.
	const other = createUser('oncology', { roles: ['tenant_admin'], tag: 'ox' });
	const o = await signIn(HOSTS.oncology, other.ident, other.password);
	const here = o.on(HOSTS.palliative);
	assert.equal((await here.get('/admin/outbox')).status, 303);
	// On its own host the id of another tenant's mail finds nothing.
	const r = await o.post('/admin/outbox', { id }, { formPage: '/admin/outbox' });
	assert.equal(r.status, 404);
	assert.equal(rows(`SELECT COUNT(*) FROM outbox WHERE tenant = 'palliative'`)[0][0], before);
});
