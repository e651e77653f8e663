// Mail (CORE-14) and audit (CORE-15) of the identity flows, end to end:
// one medassoc member is locked out, unlocked by the tenant admin, asks
// for a reset link, sets a new password with it and turns TOTP on; the
// mails reach the SMTP sink in the tenant's name, the outbox rows end
// `sent`, and the audit log has every step with actor, tenant and address
// — readable by the tenant's admin (own tenant only) and by central IT
// (all).
// Issue 3 items 8, 9 and 13.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import { PORT } from './http.mjs';
import {
	Client, signIn, createUser, sql, rows, q, resetThrottle, csrfOf,
	waitMail, waitFor, auditRows, enrolTotp, opsClient, acceptLatestTerms,
	decodeEntities, HOSTS,
} from './auth.mjs';

const HOST = HOSTS.medassoc;
const NAME = 'デモ医師会';
let x, admin, adminUser, startId, foreignUsers;

/** Entries of an /admin/audit model: [{ at, tenant, actor, action, object, ip }]. */
function entries(xml) {
	return [...xml.matchAll(/<entry\b([^>]*?)\/?>/g)].map((m) => Object.fromEntries(
	    [...m[1].matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1], decodeEntities(a[2])])));
}

async function tryLogin(ident, password) {
	const c = new Client(HOST);
	const f = await c.model('/login');
	return c.postRaw('/login', { csrf: csrfOf(f.body), ident, password });
}

before(async () => {
	resetThrottle();
	startId = rows('SELECT IFNULL(MAX(id), 0) FROM audit')[0][0];
	x = createUser('medassoc', { tag: 'ma' });
	adminUser = createUser('medassoc', { roles: ['tenant_admin'], tag: 'mad' });
	admin = await signIn(HOST, adminUser.ident, adminUser.password, { enrol: true });	// staff: TOTP
	// People of other tenants who act at the same time (their rows must not show on medassoc).
	foreignUsers = [createUser('board', { tag: 'fx' }), createUser('palliative', { tag: 'fx' }), createUser('oncology', { tag: 'fx' })];
	for (const f of foreignUsers)
		await signIn(f.host, f.ident, f.password, { raw: true });

	// 1. locked out
	for (let i = 0; i < 5; i++)
		assert.equal((await tryLogin(x.ident, `Wrong-${i}-pass-2026`)).status, 200);
	assert.equal((await tryLogin(x.ident, x.password)).status, 429);
	// 2. unlocked by the tenant admin
	const un = await admin.post('/admin/unlock', { ident: x.ident });
	assert.equal(un.status, 200);
	// 3. a reset link, by mail
	const t = new Client(HOST);
	const f = await t.model('/password/temp');
	assert.equal((await t.postRaw('/password/temp', { csrf: csrfOf(f.body), mail: x.mail })).status, 200);
	const [tm] = await waitMail(x.mail, (m) => /パスワード再設定/.test(m.subject));
	const link = /\/password\/reset\?t=([A-Za-z0-9_-]{43})/.exec(tm.body);
	// 4. sets a new password with it, then signs in
	const rp = await t.model(link[0]);
	x.password = 'Medassoc-new-2026!';
	const ch = await t.postRaw('/password/reset', { csrf: csrfOf(rp.body), t: link[1], password: x.password, password2: x.password });
	assert.equal(ch.status, 303);
	const c = await signIn(HOST, x.ident, x.password, { raw: true });
	await acceptLatestTerms(c);
	// 5. turns TOTP on
	await enrolTotp(c);
});

test('CORE-14: the mails of the flows (account locked, password reset link, password changed, TOTP enabled) reach the SMTP sink in the tenant\'s name, Japanese, with the tenant\'s URL; the outbox rows end `sent`', async () => {
	const want = {
		account_locked: /アカウントを一時的にロック/,
		password_reset: /パスワード再設定のご案内/,
		password_changed: /パスワード変更のお知らせ/,
		totp_enabled: /2段階認証を有効/,
	};
	const got = await waitMail(x.mail, () => true, { count: 4 });
	assert.equal(got.length, 4, got.map((m) => m.subject).join('\n'));
	for (const [tmpl, re] of Object.entries(want)) {
		const m = got.find((g) => re.test(g.subject));
		assert.ok(m, `no ${tmpl} mail: ${got.map((g) => g.subject)}`);
		assert.ok(m.subject.startsWith(`【${NAME}】`), m.subject);
		assert.ok(m.from.includes(NAME), m.from);
		assert.equal(m.headers.to, x.mail);
		assert.match(m.headers['content-type'], /text\/plain; charset=UTF-8/i);
		assert.ok(m.body.includes(NAME), `${tmpl}: the body does not name the tenant`);
		assert.ok(m.body.includes(`http://${HOST}:${PORT}`) || m.body.includes(`http://${HOST}/`) || m.body.includes(`http://${HOST}\n`), `${tmpl}: no link to the tenant's site:\n${m.body}`);
		for (const other of ['デモ専門医機構', 'デモ緩和医療学会', 'デモ臨床腫瘍学会'])
			assert.ok(!m.body.includes(other) && !m.subject.includes(other), `${tmpl} names ${other}`);
	}
	const out = await waitFor(() => {
		const r = rows(`SELECT template, state, sent_at IS NOT NULL, tenant, attempts FROM outbox WHERE rcpt = ${q(x.mail)} ORDER BY id`);
		return r.length === 4 && r.every((row) => row[1] === 'sent') ? r : null;
	}, { timeout: 10000, what: 'four sent outbox rows' });
	assert.deepEqual(out.map((r) => r[0]), ['account_locked', 'password_reset', 'password_changed', 'totp_enabled']);
	for (const r of out) {
		assert.equal(r[2], '1', 'sent_at');
		assert.equal(r[3], 'medassoc');
	}
});

test('CORE-15: the audit table has login.fail, lock, unlock, password.reset.request, password.reset, login, totp.enable for the flow, each with actor, tenant and address', () => {
	const a = auditRows(`id > ${startId} AND tenant = 'medassoc' AND (actor = ${q(x.uid)} OR object = ${q(x.uid)})`);
	const acts = a.map((e) => e.action);
	for (const want of ['login.fail', 'lock', 'login.locked', 'unlock', 'password.reset.request', 'password.reset', 'login', 'totp.enable'])
		assert.ok(acts.includes(want), `no ${want} in ${acts}`);
	assert.equal(acts.filter((e) => e === 'login.fail').length, 5);
	// In the order they happened.
	const order = ['lock', 'unlock', 'password.reset.request', 'password.reset', 'login', 'totp.enable'].map((w) => acts.indexOf(w));
	assert.deepEqual(order, [...order].sort((m, n) => m - n), `order: ${acts}`);
	// shikakuctl's own entry (the account's creation) names the operator.
	const add = a.find((e) => e.action === 'user.add');
	assert.ok(add && /^ctl:/.test(add.actor) && add.object === x.uid, JSON.stringify(add));
	for (const e of a.filter((r) => r !== add)) {
		assert.equal(e.tenant, 'medassoc');
		assert.equal(e.ip, '127.0.0.1', JSON.stringify(e));
		assert.match(e.at, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
		assert.equal(e.actor, e.action === 'unlock' ? adminUser.uid : x.uid, JSON.stringify(e));
	}
	assert.equal(a.find((e) => e.action === 'unlock').object, x.uid);
	// Append-only: neither UPDATE nor DELETE, whoever asks.
	const id = rows(`SELECT MAX(id) FROM audit WHERE actor = ${q(x.uid)}`)[0][0];
	assert.throws(() => sql(`UPDATE audit SET action = 'forged' WHERE id = ${id}`), /append-only/);
	assert.throws(() => sql(`DELETE FROM audit WHERE id = ${id}`), /append-only/);
	assert.equal(rows(`SELECT action FROM audit WHERE id = ${id}`)[0][0], a.at(-1).action);
});

test('CORE-15 CORE-17: /admin/audit shows the tenant admin their tenant\'s entries only (no other tenant\'s actors, whatever the query says); members are refused', async () => {
	const foreignUids = new Set(rows(`SELECT DISTINCT actor FROM audit WHERE tenant <> 'medassoc' AND actor IS NOT NULL AND actor NOT LIKE 'ctl:%'`).map((r) => r[0]));
	for (const f of foreignUsers)
		assert.ok(foreignUids.has(f.uid), `${f.uid} (${f.slug}) signed in but is not in the audit`);
	for (const p of ['/admin/audit', '/admin/audit?tenant=board', '/admin/audit?tenant=_ops&action=login']) {
		const r = await admin.model(p);
		assert.equal(r.status, 200, p);
		const es = entries(r.body);
		assert.ok(es.length > 0, `${p}: no entries`);
		for (const e of es) {
			assert.equal(e.tenant, 'medassoc', `${p}: ${JSON.stringify(e)}`);
			assert.ok(!foreignUids.has(e.actor) && !foreignUids.has(e.object), `${p}: another tenant's person: ${JSON.stringify(e)}`);
		}
	}
	const html = await admin.get('/admin/audit');
	assert.ok(html.body.includes(x.uid), 'the member\'s rows are listed');
	for (const f of foreignUsers)
		assert.ok(!html.body.includes(f.uid), `${f.slug}'s ${f.uid} shown on medassoc`);
	const flt = entries((await admin.model('/admin/audit?action=lock')).body);
	assert.ok(flt.length >= 1 && flt.every((e) => e.action === 'lock'), 'the action filter');
	// A member of the tenant may not read it.
	const mm = createUser('medassoc', { tag: 'mm' });
	const member = await signIn(mm.host, mm.ident, mm.password);
	assert.equal((await member.get('/admin/audit')).status, 403);
});

test('CORE-15: central IT reads every tenant\'s audit on ops.localhost', async () => {
	// Some activity on each tenant right now.
	for (const f of foreignUsers)
		await signIn(f.host, f.ident, f.password, { raw: true });
	await signIn(HOST, adminUser.ident, adminUser.password, { raw: true });
	const it = await opsClient();
	const r = await it.model('/admin/audit');
	assert.equal(r.status, 200);
	const es = entries(r.body);
	const tenants = new Set(es.map((e) => e.tenant));
	for (const t of ['board', 'palliative', 'oncology', 'medassoc'])
		assert.ok(tenants.has(t), `no ${t} entry in ${[...tenants]}`);
	for (const f of foreignUsers)
		assert.ok(es.some((e) => e.actor === f.uid && e.tenant === f.slug), `${f.slug} ${f.uid}`);
	const logins = entries((await it.model('/admin/audit?action=login')).body);
	assert.ok(logins.length > 0 && logins.every((e) => e.action === 'login'));
	assert.ok(new Set(logins.map((e) => e.tenant)).size >= 3, 'logins of several tenants');
	// The tenant admin's cookie is nothing on the ops host.
	const cross = await admin.on(HOSTS.ops).get('/admin/audit');
	assert.equal(cross.status, 303);
	assert.equal(cross.location, '/login?next=/admin/audit');
});
