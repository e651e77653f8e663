// The tenant admin's member directory (ADM-1, CORE-16, CORE-17; issue
// 14): /admin/members searches the tenant's accounts by identifier,
// name or kana (partial), mail, role and state; /admin/members/<uid>
// shows the record, the account's state and what touched the member;
// its actions (unlock, reset TOTP, end sessions, grant and revoke a
// role the tenant's features define) each need a reason, are audited
// with it in their transaction, answer 409 when the state moved, and
// the last tenant admin cannot be removed.  Run on two tenants.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import {
	signIn, createUser, rows, sql, q, resetThrottle, auditRows, gist, waitMail, HOSTS,
} from './auth.mjs';

const SLUGS = ['board', 'palliative'];
const OTHER = { board: 'palliative', palliative: 'board' };
// A role each tenant's features define (read from the search page's
// list); tenant_admin where the tenant's features define none.
const ROLE = {};
const T = {};	// slug → { admin, member (client + user), victim }

/** A member record for u, so names and kana are searchable. */
function record(u, kanji, kana) {
	sql(`INSERT INTO member (tenant, uid, member_no, name_kanji, name_kana, birth_date, email, phone, postal_code, pref, address, activated_at)
	    VALUES (${q(u.slug)}, ${q(u.uid)}, ${q(u.number)}, ${q(kanji)}, ${q(kana)}, '1980-01-02', ${q(u.mail)}, '03-0000-0000', '100-0001', '13', '千代田区1-1', NOW())
	    ON DUPLICATE KEY UPDATE name_kanji = VALUES(name_kanji), name_kana = VALUES(name_kana), email = VALUES(email)`);
}

before(async () => {
	resetThrottle();
	for (const slug of SLUGS) {
		const a = createUser(slug, { roles: ['tenant_admin'], tag: 'admm' });
		const admin = await signIn(HOSTS[slug], a.ident, a.password, { enrol: true });
		admin.user = a;
		const m = createUser(slug, { tag: 'admv' });
		const tail = m.uid.slice(-4);
		record(m, `検索 太郎${tail}`, `ケンサク タロウ${tail}`);
		const member = await signIn(HOSTS[slug], m.ident, m.password);
		member.user = m;
		T[slug] = { admin, member, tail };
		const r = await admin.model('/admin/members');
		const defined = [...r.body.matchAll(/<role name="([^"]+)"\/>/g)].map((x) => x[1]);
		ROLE[slug] = defined.find((x) => x !== 'tenant_admin') || 'tenant_admin';
	}
});

after(() => {
	for (const slug of SLUGS)
		if (T[slug])
			sql(`DELETE FROM member WHERE tenant = ${q(slug)} AND uid = ${q(T[slug].member.user.uid)}`);
});

const uids = (body) => [...body.matchAll(/<member uid="([^"]+)"/g)].map((x) => x[1]);

for (const slug of SLUGS) {
	test(`ADM-1 CORE-16: ${slug}: the member search finds by number, kanji and kana (partial), mail, role and state, and only the tenant's own`, async () => {
		const { admin, member, tail } = T[slug];
		const u = member.user;
		for (const qs of [u.number, `太郎${tail}`, `タロウ${tail}`, `ケンサク`, u.mail, u.mail.split('@')[0], u.uid]) {
			const r = await admin.model(`/admin/members?q=${encodeURIComponent(qs)}`);
			assert.equal(r.status, 200, gist(r));
			assert.ok(uids(r.body).includes(u.uid), `q=${qs} finds ${u.uid}`);
		}
		// Another tenant's member is never listed.
		const other = T[OTHER[slug]].member.user;
		const r0 = await admin.model(`/admin/members?q=${encodeURIComponent(other.mail)}`);
		assert.deepEqual(uids(r0.body), []);
		// Role and state filters.
		const r1 = await admin.model('/admin/members?role=tenant_admin');
		assert.ok(uids(r1.body).includes(admin.user.uid));
		assert.ok(!uids(r1.body).includes(u.uid));
		sql(`UPDATE account SET locked_until = DATE_ADD(NOW(), INTERVAL 1 DAY) WHERE tenant = ${q(slug)} AND uid = ${q(u.uid)}`);
		const r2 = await admin.model(`/admin/members?state=locked&q=${encodeURIComponent(u.number)}`);
		assert.deepEqual(uids(r2.body), [u.uid]);
		const r3 = await admin.model(`/admin/members?state=totp&q=${encodeURIComponent(u.number)}`);
		assert.deepEqual(uids(r3.body), []);
		// The grantable roles are the tenant's features' (CORE-16).
		assert.match(r1.body, /<role name="tenant_admin"\/>/);
		assert.doesNotMatch(r1.body, /<role name="central_it"\/>/);
	});

	test(`ADM-1 CORE-16 CORE-15: ${slug}: a member's page shows the record, account state and history; unlock, TOTP reset, end sessions, roles each need a reason, are audited, and answer 409 when stale`, async () => {
		const { admin, member } = T[slug];
		const u = member.user;
		const page = `/admin/members/${u.uid}`;
		sql(`UPDATE account SET locked_until = DATE_ADD(NOW(), INTERVAL 1 DAY), totp_enabled = 1, totp_secret = 'x' WHERE tenant = ${q(slug)} AND uid = ${q(u.uid)}`);
		let r = await admin.model(page);
		assert.equal(r.status, 200, gist(r));
		assert.match(r.body, new RegExp(`<member csrf="[^"]+" uid="${u.uid}" no="${u.number}" name="検索 太郎`));
		assert.match(r.body, /locked="1"/);
		assert.match(r.body, /totp="1"/);
		assert.match(r.body, /sessions="[1-9]/);
		assert.match(r.body, /<item kind="audit" [^>]*what="login/);

		// No reason: 422, nothing changes.
		r = await admin.post(page, { action: 'unlock', reason: '  ' });
		assert.equal(r.status, 422, gist(r));
		assert.equal(rows(`SELECT locked_until > NOW() FROM account WHERE tenant = ${q(slug)} AND uid = ${q(u.uid)}`)[0][0], '1');

		for (const [action, check, extra] of [
			['unlock', `SELECT locked_until IS NULL FROM account WHERE tenant = ${q(slug)} AND uid = ${q(u.uid)}`, {}],
			['totp-reset', `SELECT totp_enabled = 0 AND totp_secret IS NULL FROM account WHERE tenant = ${q(slug)} AND uid = ${q(u.uid)}`, {}],
			['role-grant', `SELECT COUNT(*) FROM role WHERE tenant = ${q(slug)} AND uid = ${q(u.uid)} AND role = ${q(ROLE[slug])}`, { role: ROLE[slug] }],
			['role-revoke', `SELECT COUNT(*) = 0 FROM role WHERE tenant = ${q(slug)} AND uid = ${q(u.uid)} AND role = ${q(ROLE[slug])}`, { role: ROLE[slug] }],
			['sessions-end', `SELECT COUNT(*) = 0 FROM session WHERE tenant = ${q(slug)} AND uid = ${q(u.uid)}`, {}],
		]) {
			const reason = `理由 ${action} ${Date.now()}`;
			r = await admin.post(page, { action, reason, ...extra });
			assert.equal(r.status, 303, `${action}: ${gist(r)}`);
			assert.equal(r.location, `${page}?done=${action}`);
			assert.equal(rows(check)[0][0], '1', `${action} took effect`);
			const a = auditRows(`tenant = ${q(slug)} AND actor = ${q(admin.user.uid)} AND object = ${q(u.uid)} AND detail LIKE ${q(`%${reason}`)}`);
			assert.equal(a.length, 1, `${action} audited once with its reason`);
			// The same again: the state it acts on is gone (409).
			r = await admin.post(page, { action, reason: 'again', ...extra });
			assert.equal(r.status, 409, `${action} twice: ${gist(r)}`);
		}
		// The member was told of the TOTP reset by mail.
		await waitMail(u.mail, (m) => /2段階認証/.test(m.subject || ''));
		// Their session is gone: the next page asks them to sign in.
		r = await member.get('/account');
		assert.equal(r.status, 303);
		assert.match(r.location, /^\/login/);
		// A role no feature of the tenant defines is refused.
		r = await admin.post(page, { action: 'role-grant', role: 'central_it', reason: 'x' });
		assert.equal(r.status, 400);
		if (ROLE[OTHER[slug]] !== 'tenant_admin' && ROLE[OTHER[slug]] !== ROLE[slug]) {
			r = await admin.post(page, { action: 'role-grant', role: ROLE[OTHER[slug]], reason: 'x' });
			assert.equal(r.status, 400, 'a role of another tenant\'s features');
		}
		// Another tenant's uid is not found here.
		r = await admin.model(`/admin/members/${T[OTHER[slug]].member.user.uid}`);
		assert.equal(r.status, 404);
	});

	test(`CORE-16 CORE-17 ADM-1: ${slug}: a member gets 403; another tenant's admin is sent to sign in; their POST changes nothing`, async () => {
		const victim = createUser(slug, { tag: 'admx' });
		sql(`UPDATE account SET locked_until = DATE_ADD(NOW(), INTERVAL 1 DAY) WHERE tenant = ${q(slug)} AND uid = ${q(victim.uid)}`);
		const page = `/admin/members/${victim.uid}`;
		const plain = createUser(slug, { tag: 'admz' });
		const pc = await signIn(HOSTS[slug], plain.ident, plain.password);
		for (const p of ['/admin/members', page]) {
			const r = await pc.get(p);
			assert.equal(r.status, 403, `member on ${p}`);
		}
		const csrf = await pc.csrf('/account');
		let r = await pc.postRaw(page, { csrf, action: 'unlock', reason: 'x' });
		assert.equal(r.status, 403);
		const other = T[OTHER[slug]].admin.on(HOSTS[slug]);
		for (const p of ['/admin/members', page]) {
			r = await other.get(p);
			assert.equal(r.status, 303, `other admin on ${p}`);
			assert.match(r.location, /^\/login/);
		}
		r = await other.postRaw(page, { csrf: await T[OTHER[slug]].admin.csrf('/account'), action: 'unlock', reason: 'x' });
		assert.notEqual(r.location, `${page}?done=unlock`, 'another tenant\'s admin cannot act here');
		assert.equal(rows(`SELECT locked_until > NOW() FROM account WHERE tenant = ${q(slug)} AND uid = ${q(victim.uid)}`)[0][0], '1');
	});
}

test('CORE-16 ADM-1: the last tenant admin cannot remove themselves (409, nothing changes); with a second admin they can', async () => {
	const slug = 'medassoc';
	const held = rows(`SELECT uid FROM role WHERE tenant = ${q(slug)} AND role = 'tenant_admin'`).map((x) => x[0]);
	const a = createUser(slug, { roles: ['tenant_admin'], tag: 'admlast' });
	const c = await signIn(HOSTS[slug], a.ident, a.password, { enrol: true });
	// Alone for the test: the others' role is put back after.
	sql(`DELETE FROM role WHERE tenant = ${q(slug)} AND role = 'tenant_admin' AND uid <> ${q(a.uid)}`);
	try {
		const csrf = await c.csrf(`/admin/members/${a.uid}`);
		const r = await c.postRaw(`/admin/members/${a.uid}`, { csrf, action: 'role-revoke', role: 'tenant_admin', reason: 'leaving' });
		assert.equal(r.status, 409, gist(r));
		assert.match(r.body, /msg.adm.last-admin|最後の団体管理者/);
		assert.equal(rows(`SELECT COUNT(*) FROM role WHERE tenant = ${q(slug)} AND uid = ${q(a.uid)} AND role = 'tenant_admin'`)[0][0], '1');
	} finally {
		for (const uid of held)
			sql(`INSERT IGNORE INTO role (tenant, uid, role) VALUES (${q(slug)}, ${q(uid)}, 'tenant_admin')`);
	}
	// Now another admin exists: the revoke goes through.
	const r = await c.post(`/admin/members/${a.uid}`, { action: 'role-revoke', role: 'tenant_admin', reason: 'handing over' });
	assert.equal(r.status, 303, gist(r));
	assert.equal(rows(`SELECT COUNT(*) FROM role WHERE tenant = ${q(slug)} AND uid = ${q(a.uid)} AND role = 'tenant_admin'`)[0][0], '0');
});
