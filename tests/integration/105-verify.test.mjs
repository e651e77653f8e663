// The public certificate check (issue 9 item 7): /verify/<code> on the
// tenant's own host says 有効 / 期限切れ / 失効 with the holder's name,
// the kind and the dates; any other code — unknown, malformed, another
// tenant's — gets the one neutral 「確認できませんでした」 and nothing
// more, and counts towards a per-address throttle (429 past it).  Never
// cached, never indexed.  Tenant admins revoke with a reason, audited
// in the same transaction; verify then says 失効.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { get } from './http.mjs';
import { Client, signIn, createUser, rows, sql, q, auditRows, csrfOf, HOSTS } from './auth.mjs';
import { makeCert, grouped, newCode } from './pdf.mjs';

const HOST = HOSTS.board;
let valid, expired, revokedLater, foreign, holder;

/** "YYYY-MM-DD" of today in Japan time, plus `days`. */
function day(days = 0) {
	return new Date(Date.now() + 9 * 3600 * 1000 + days * 86400 * 1000).toISOString().slice(0, 10);
}

const resetVerifyThrottle = () => sql("DELETE FROM throttle WHERE purpose = 'cert.verify'");

/** What a page says to the visitor: <main>'s text. */
function mainText(html) {
	const m = /<main[^>]*>([\s\S]*)<\/main>/.exec(html);
	return (m ? m[1] : html).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Never cached, never indexed, whatever the answer. */
function assertPrivate(r) {
	assert.match(r.headers['cache-control'], /no-store/);
	assert.match(r.headers['x-robots-tag'], /noindex/);
	assert.ok(r.body.includes('<meta name="robots" content="noindex">'), 'the robots meta');
}

before(() => {
	resetVerifyThrottle();
	holder = createUser('board', { name: '確認 一郎' });
	valid = makeCert('board', holder.uid, '確認 一郎', { issued: day(-30), expires: day(365) });
	expired = makeCert('board', holder.uid, '確認 一郎', { issued: day(-800), expires: day(-1) });
	revokedLater = makeCert('board', holder.uid, '確認 一郎', { issued: day(-10), expires: null });
	const other = createUser('oncology', { name: '他団体 花子' });
	foreign = makeCert('oncology', other.uid, '他団体 花子');
});

after(() => resetVerifyThrottle());

test('item 7: a valid certificate says 有効 with the holder, kind, number and dates; no-store and noindex', async () => {
	const r = await get(HOST, `/verify/${valid.code}`);
	assert.equal(r.status, 200);
	assertPrivate(r);
	const t = mainText(r.body);
	for (const w of ['有効', '確認 一郎', '専門医', valid.number, 'デモ専門医機構'])
		assert.ok(t.includes(w), `${w} in ${t}`);
	const [y, m, d] = day(365).split('-').map(Number);
	assert.ok(t.includes(`${y}年${m}月${d}日`), 'the expiry date');
	assert.ok(!t.includes('期限切れ') && !t.includes('失効'));
	// Nothing more than the certificate says: no uid, no code, no link.
	assert.ok(!r.body.includes(holder.uid));
	assert.ok(!r.body.includes(`/certificate/${valid.id}`));
});

test('item 7: codes are read case-insensitively, in groups of four, with spaces or hyphens', async () => {
	const want = mainText((await get(HOST, `/verify/${valid.code}`)).body);
	for (const form of [valid.code.toLowerCase(), grouped(valid.code), grouped(valid.code).toLowerCase(),
	    grouped(valid.code).replace(/-/g, '%20')]) {
		const r = await get(HOST, `/verify/${form}`);
		assert.equal(r.status, 200, form);
		assert.equal(mainText(r.body), want, form);
	}
});

test('item 7: an expired certificate says 期限切れ; one without an end date stays 有効', async () => {
	const r = await get(HOST, `/verify/${expired.code}`);
	assert.equal(r.status, 200);
	assertPrivate(r);
	const t = mainText(r.body);
	assert.ok(t.includes('期限切れ') && t.includes('確認 一郎') && t.includes(expired.number), t);
	assert.ok(!/(^| )有効( |$)/.test(t.replace('有効期限', '')), 'not said valid');
	const n = mainText((await get(HOST, `/verify/${revokedLater.code}`)).body);
	assert.ok(n.includes('有効') && n.includes('定めなし'), n);
});

test('item 7 CORE-15: a tenant admin finds a certificate and revokes it with a reason (audited in its transaction); verify then says 失効', async () => {
	const adm = createUser('board', { roles: ['member', 'tenant_admin'], tag: 'cadm' });
	const admin = await signIn(adm.host, adm.ident, adm.password, { enrol: true });
	// Members are not admins.
	const m = await signIn(HOST, holder.ident, holder.password);
	assert.notEqual((await m.get('/admin/certificates')).status, 200);
	assert.notEqual((await m.get(`/admin/certificates/${revokedLater.id}`)).status, 200);

	// Search by number, by the code as printed, by the holder's name.
	for (const qv of [revokedLater.number, grouped(revokedLater.code).toLowerCase(), '確認 一郎']) {
		const l = await admin.model(`/admin/certificates?q=${encodeURIComponent(qv)}`);
		assert.equal(l.status, 200);
		assert.ok(l.body.includes(`href="/admin/certificates/${revokedLater.id}"`), qv);
	}
	// Another tenant's certificate is not there.
	assert.equal((await admin.get(`/admin/certificates/${foreign.id}`)).status, 404);
	const none = await admin.model(`/admin/certificates?q=${foreign.number}`);
	assert.ok(!none.body.includes(`/admin/certificates/${foreign.id}"`));

	// A reason is required.
	const path = `/admin/certificates/${revokedLater.id}`;
	let r = await admin.post(path, { reason: '' }, { xml: true });
	assert.equal(r.status, 200);
	assert.match(r.body, /<error[^>]*key="err.required"/);
	assert.equal(rows(`SELECT revoked_at IS NULL FROM certificate WHERE id = ${revokedLater.id}`)[0][0], '1');

	const before = rows('SELECT IFNULL(MAX(id), 0) FROM audit')[0][0];
	r = await admin.post(path, { reason: '不正な申請が判明したため' });
	assert.equal(r.status, 303);
	assert.equal(r.location, `${path}?done=revoked`);
	const [at, reason, by] = rows(`SELECT revoked_at, revoke_reason, revoked_by FROM certificate WHERE id = ${revokedLater.id}`)[0];
	assert.notEqual(at, 'NULL');
	assert.equal(reason, '不正な申請が判明したため');
	assert.equal(by, adm.uid);
	const a = auditRows(`id > ${before} AND action = 'certificate.revoke'`);
	assert.equal(a.length, 1);
	assert.equal(a[0].actor, adm.uid);
	assert.equal(a[0].object, `certificate:${revokedLater.id}`);
	assert.equal(a[0].detail, '不正な申請が判明したため');
	// A second revoke changes nothing and writes no second line.
	r = await admin.post(path, { reason: 'もう一度' }, { formPage: `/admin/certificates` });
	assert.equal(r.status, 303);
	assert.equal(rows(`SELECT revoke_reason FROM certificate WHERE id = ${revokedLater.id}`)[0][0], '不正な申請が判明したため');
	assert.equal(auditRows(`id > ${before} AND action = 'certificate.revoke'`).length, 1);
	const shown = await admin.get(path);
	assert.ok(mainText(shown.body).includes('失効') && !shown.body.includes('name="reason"'), 'no form once revoked');

	// Verify says 失効, and still nothing of the reason or who revoked.
	const v = await get(HOST, `/verify/${revokedLater.code}`);
	assert.equal(v.status, 200);
	assertPrivate(v);
	const t = mainText(v.body);
	assert.ok(t.includes('失効') && t.includes('確認 一郎'), t);
	assert.ok(!t.includes('不正な申請') && !v.body.includes(adm.uid));
});

test('item 7: unknown, malformed and another tenant\'s codes get only 「確認できませんでした」, the same page each time', async () => {
	resetVerifyThrottle();
	const neutral = await get(HOST, `/verify/${newCode()}`);
	assert.equal(neutral.status, 200);
	assertPrivate(neutral);
	const t = mainText(neutral.body);
	assert.ok(t.includes('確認できませんでした'), t);
	for (const w of ['有効', '期限切れ', '失効', '氏名', '認定番号', '専門医'])
		assert.ok(!t.includes(w), `${w} not on the neutral page`);
	const strip = (s) => mainText(s);
	for (const p of [`/verify/${newCode()}`, `/verify/${foreign.code}`, '/verify/abc', `/verify/${valid.code}X`,
	    `/verify/${valid.code.slice(0, 25)}`, '/verify/']) {
		const r = await get(HOST, p);
		assert.equal(r.status, 200, p);
		assert.equal(strip(r.body), t, p);
		assertPrivate(r);
	}
	// On its own tenant's host the foreign code is found.
	const own = await get(HOSTS.oncology, `/verify/${foreign.code}`);
	assert.ok(mainText(own.body).includes('他団体 花子'));
	// In English the same neutral sentence.
	const en = await get(HOST, `/verify/${newCode()}`, { headers: { cookie: 'lang=en' } });
	assert.equal(mainText(en.body).replace(/^.*?(This could not be confirmed\.).*$/, '$1'), 'This could not be confirmed.');
});

test('item 7 CORE-6: unknown codes are throttled per address: past 20 in the window every lookup is 429 with the same neutral page', async () => {
	resetVerifyThrottle();
	for (let i = 0; i < 20; i++)
		assert.equal((await get(HOST, `/verify/${newCode()}`)).status, 200, `lookup ${i + 1}`);
	// Known codes cost nothing; now the address is over: 429 for all.
	const over = await get(HOST, `/verify/${newCode()}`);
	assert.equal(over.status, 429);
	assertPrivate(over);
	assert.ok(mainText(over.body).includes('確認できませんでした'));
	const v = await get(HOST, `/verify/${valid.code}`);
	assert.equal(v.status, 429);
	assert.ok(!mainText(v.body).includes('確認 一郎'), 'nothing found while throttled');
	assert.equal(rows("SELECT COUNT(*) FROM throttle WHERE purpose = 'cert.verify'")[0][0], '1', 'one bucket: the address');
	resetVerifyThrottle();
	assert.equal((await get(HOST, `/verify/${valid.code}`)).status, 200);
});

test('item 7 BRD-11: confirming the 認定料 issues the certificate in that transaction: five years, the holder\'s name, on 現在の状況, 有効 at its QR\'s URL', async () => {
	resetVerifyThrottle();
	const [[offering]] = rows("SELECT id FROM offering WHERE tenant = 'board' AND kind = 'completion' ORDER BY year DESC LIMIT 1");
	const user = createUser('board', { name: '修了 次郎', tag: 'cfee' });
	const number = `TC${Date.now() % 100000000}`;
	sql(`INSERT INTO app (tenant, uid, offering_id, number, state, stage, scope, version, live, created_at, updated_at, submitted_at, decided_at)
	    VALUES ('board', ${q(user.uid)}, ${offering}, ${q(number)}, 'approved', 2, '*', 1, 1, NOW(), NOW(), NOW(), NOW())`);
	const [[appId]] = rows(`SELECT id FROM app WHERE tenant = 'board' AND number = ${q(number)}`);
	sql(`INSERT INTO fee (tenant, app_id, kind, amount, created_at) VALUES ('board', ${appId}, 'completion', 33000, NOW())`);
	const [[fee]] = rows(`SELECT id FROM fee WHERE app_id = ${appId}`);
	const adm = createUser('board', { roles: ['member', 'tenant_admin'], tag: 'cfadm' });
	const admin = await signIn(adm.host, adm.ident, adm.password, { enrol: true });
	assert.equal(rows(`SELECT COUNT(*) FROM certificate WHERE app_id = ${appId}`)[0][0], '0');
	const page = await admin.model(`/admin/fees?state=unpaid&number=${number}`);
	const r = await admin.postRaw(`/admin/fees/${fee}/confirm`, { csrf: csrfOf(page.body), paid_on: day(0) });
	assert.equal(r.status, 303);
	const certs = rows(`SELECT id, code, uid, holder, kind, issued_on, expires_on FROM certificate WHERE app_id = ${appId}`);
	assert.equal(certs.length, 1, 'one certificate, of this application');
	const [id, code, uid, holderName, kind, issued, expires] = certs[0];
	assert.equal(uid, user.uid);
	assert.match(code, /^[A-Z2-7]{26}$/);
	assert.equal(kind, 'cert.kind.board');
	assert.equal(issued, day(0));
	const [y, m, d] = issued.split('-').map(Number);
	const exp = new Date(Date.UTC(y + 5, m - 1, d - 1)).toISOString().slice(0, 10);
	assert.equal(expires, exp, 'valid five years, to the day before');
	assert.ok(holderName === '修了 次郎' || holderName === user.uid, `holder ${holderName}`);

	// The holder finds it on 現在の状況 and downloads it; its QR's URL says 有効.
	const c = await signIn(HOST, user.ident, user.password);
	const dash = await c.get('/dashboard');
	assert.ok(dash.body.includes(`href="/certificate/${id}.pdf"`));
	const pdf = await c.get(`/certificate/${id}.pdf`);
	assert.equal(pdf.headers['content-type'], 'application/pdf');
	const v = await get(HOST, `/verify/${code}`);
	assert.equal(v.status, 200);
	const t = mainText(v.body);
	assert.ok(t.includes('有効') && t.includes(holderName), t);
});
