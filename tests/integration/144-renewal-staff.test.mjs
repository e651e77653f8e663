// The society's office (ONC-14) on the platform's review and fees: the
// completed renewal in the review queue with its snapshot, 審査料 first
// (APPLY_PAY_FIRST: approval waits for the payment, confirmed one by one
// at /admin/fees), return with a comment (documents unlocked, the comment
// shown), reject, approve; 認定料 paid issues the next specialist
// certificate (on_paid), so 更新回数 grows; the credit rules are the
// tenant's settings (renewal.* in tenant.conf).

import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import { createUser, signIn, rows, q, csrfOf, resetThrottle } from './auth.mjs';
import { BASE, YEAR, openWindows, specialist, fillAll, addSeminar, save, FORMS } from './renewal.mjs';

let admin;

before(async () => {
	resetThrottle();
	openWindows();
	const a = createUser('oncology', { roles: ['tenant_admin'], tag: 'ad' });
	admin = await signIn(a.host, a.ident, a.password);
});

function seen(body) {
	const stage = /<field name="stage" type="hidden"><value>(\d+)<\/value>/.exec(body);
	const version = /<field name="version" type="hidden"><value>(\d+)<\/value>/.exec(body);
	return stage && version ? { stage: stage[1], version: version[1] } : null;
}

async function act(id, action, comment = '') {
	const page = await admin.model(`/review/${id}`);
	assert.equal(page.status, 200);
	const s = seen(page.body);
	assert.ok(s, `no action form on /review/${id}`);
	return admin.postRaw(`/review/${id}`, { csrf: csrfOf(page.body), action, comment, ...s });
}

async function completed() {
	const { u, c } = await specialist();
	addSeminar(u.uid, { on: `${YEAR - 1}-07-06`, units: 10 });
	await fillAll(c);
	assert.equal((await c.post(`${BASE}/confirm`, {})).status, 303);
	const id = rows(`SELECT id FROM app WHERE uid = ${q(u.uid)}`)[0][0];
	return { u, c, id };
}

async function payFee(id, kind) {
	const fee = rows(`SELECT id FROM fee WHERE app_id = ${id} AND kind = ${q(kind)}`)[0][0];
	const csrf = await admin.csrf('/admin/fees');
	const r = await admin.postRaw(`/admin/fees/${fee}/confirm`, { csrf, paid_on: `${YEAR}-06-01` });
	assert.equal(r.status, 303);
	assert.equal(rows(`SELECT state FROM fee WHERE id = ${fee}`)[0][0], 'paid');
}

test('ONC-14 the queue lists the completed renewal; 審査料 first, then approve; 認定料 issues the next certificate', async () => {
	const { u, c, id } = await completed();
	const queue = await admin.get('/review');
	assert.equal(queue.status, 200);
	assert.match(queue.body, new RegExp(`/review/${id}`));
	const snap = await admin.get(`/review/${id}`);
	assert.match(snap.body, /臨床大学医学部/, 'the snapshot');
	await payFee(id, 'review');
	const top = await c.get(BASE);
	assert.match(top.body, /入金確認済み/, '申請トップ: payment confirmed');
	assert.equal((await act(id, 'approve')).status, 303);
	assert.equal(rows(`SELECT state FROM app WHERE id = ${id}`)[0][0], 'approved');
	const before = Number(rows(`SELECT COUNT(*) FROM certificate WHERE uid = ${q(u.uid)} AND kind = 'cert.kind.specialist'`)[0][0]);
	await payFee(id, 'renewal');
	const certs = rows(`SELECT issued_on, expires_on FROM certificate WHERE uid = ${q(u.uid)} AND kind = 'cert.kind.specialist' ORDER BY issued_on DESC`);
	assert.equal(certs.length, before + 1, 'the next certificate');
	assert.deepEqual(certs[0], [`${YEAR + 1}-04-01`, `${YEAR + 6}-03-31`]);
	const sp = await c.get('/specialist');
	assert.match(sp.body, /<dd class="cert-renewals">1回<\/dd>/);
	assert.match(sp.body, new RegExp(`<dd class="cert-next">${YEAR + 5}年</dd>`));
});

test('ONC-14 return with a comment: documents unlocked, the comment shown; completed again', async () => {
	const { c, id } = await completed();
	const r = await act(id, 'return', '研究活動歴の期間を確認してください。');
	assert.equal(r.status, 303);
	assert.equal(rows(`SELECT state FROM app WHERE id = ${id}`)[0][0], 'returned');
	const top = await c.get(BASE);
	assert.match(top.body, /研究活動歴の期間を確認してください。/);
	const doc = await c.get(`${BASE}/activity`);
	assert.match(doc.body, /研究活動歴の期間を確認してください。/, 'on the documents too');
	assert.equal((await save(c, 'activity', { ...FORMS.activity, from: '2020-09' })).status, 303, 'unlocked');
	assert.equal((await c.post(`${BASE}/confirm`, {})).status, 303);
	assert.equal(rows(`SELECT state, version FROM app WHERE id = ${id}`)[0].join(), 'submitted,2');
});

test('ONC-14 reject with a reason', async () => {
	const { c, id } = await completed();
	assert.equal((await act(id, 'reject', '更新要件を満たしていません。')).status, 303);
	assert.equal(rows(`SELECT state FROM app WHERE id = ${id}`)[0][0], 'rejected');
	const top = await c.get(BASE);
	assert.equal(top.status, 200);
});

test('ONC-14 a member is not the office: the queue and another\'s application are closed', async () => {
	const { id } = await completed();
	const { c } = await specialist();
	const q1 = await c.get(`/review/${id}`);
	assert.ok([403, 404].includes(q1.status), String(q1.status));
	const f = await c.get('/admin/fees');
	assert.ok([403, 404].includes(f.status), String(f.status));
});

test('ONC-14 the CSV for Excel: the platform\'s columns, then the renewal\'s from the snapshot', async () => {
	const { u, id } = await completed();
	const number = rows(`SELECT number FROM app WHERE id = ${id}`)[0][0];
	const r = await admin.get(`/admin/review/export.csv?kind=renewal&year=${YEAR}`);
	assert.equal(r.status, 200);
	assert.match(r.headers['content-type'], /^text\/csv/);
	const lines = r.body.replace(/^\uFEFF/, '').split('\r\n');
	assert.match(lines[0], /申請番号,会員番号,氏名,状態,申請日時,決定日時,学会参加 件数,学会参加 単位,論文 件数,論文 単位,研究活動歴 件数,基本学会 認定番号,プロフィール 文字数/);
	const line = lines.find((l) => l.startsWith(number));
	assert.ok(line, `${number} in the CSV`);
	assert.match(line, new RegExp(`,1,10,1,30,1,N-12345,${[...FORMS.profile.text].length}$`));
	assert.ok(u);
});
