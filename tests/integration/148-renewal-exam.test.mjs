// 筆記試験 for the member (seed 003; ONC-2, ONC-3): with 書類審査・筆記試験
// 同時のお申込み the exam is 追加お申込み on 申請トップ, through a
// confirmation step (処理確認画面), once per year, audited; 筆記試験のみの
// お申込み (the year before the renewal year) applies for it at once; a
// pass the year before spares it (合格済, nothing to apply for); the state
// (筆記試験: 申込済, its result) and 受験料 (受験料をご納入ください /
// 入金確認済み) show on 申請トップ and 専門医, read from the session
// statement.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import { rows, sql, q, resetThrottle } from './auth.mjs';
import { BASE, YEAR, openWindows, specialist } from './renewal.mjs';

before(() => {
	resetThrottle();
	openWindows();
});

const exams = (uid) => rows(`SELECT year, result, fee, paid_at IS NULL FROM renewal_exam WHERE tenant = 'oncology' AND uid = ${q(uid)} ORDER BY year`);
const audits = (uid) => Number(rows(`SELECT COUNT(*) FROM audit WHERE tenant = 'oncology' AND actor = ${q(uid)} AND action = 'renewal.exam'`)[0][0]);

test('ONC-2/ONC-3 同時のお申込み: 追加お申込み 筆記試験 through the 処理確認画面; once, audited; 申込済 and 受験料 on 申請トップ', async () => {
	const { u, c } = await specialist();
	assert.equal((await c.post('/specialist', { kind: 'renewal', way: 'both' })).status, 303);
	let top = await c.get(BASE);
	assert.equal(top.status, 200);
	assert.match(top.body, /<span class="renewal-app-state">申請: 申込済<\/span>/, 'entered: 申込済 before any save');
	assert.match(top.body, /<dt>追加お申込み<\/dt>/);
	assert.match(top.body, new RegExp(`href="${BASE}/exam">筆記試験</a>`));
	assert.doesNotMatch(top.body, /renewal-exam-state/);
	assert.deepEqual(exams(u.uid), []);

	const confirm = await c.get(`${BASE}/exam`);
	assert.equal(confirm.status, 200);
	assert.match(confirm.body, /筆記試験を申し込みます。よろしいですか？/);
	assert.match(confirm.body, /10,000円/);
	assert.deepEqual(exams(u.uid), [], 'the confirmation step writes nothing');

	const r = await c.post(`${BASE}/exam`, {});
	assert.equal(r.status, 303);
	assert.equal(r.location, `${BASE}?done=exam`);
	assert.deepEqual(exams(u.uid), [[String(YEAR), 'pending', '10000', '1']]);
	assert.equal(audits(u.uid), 1);
	top = await c.get(`${BASE}?done=exam`);
	assert.match(top.body, /筆記試験のお申込みを受け付けました/);
	assert.match(top.body, /筆記試験: 申込済/);
	assert.match(top.body, /<span class="renewal-pay renewal-pay-unpaid">受験料をご納入ください<\/span>/);
	const id = rows(`SELECT id FROM renewal_exam WHERE uid = ${q(u.uid)}`)[0][0];
	assert.match(top.body, new RegExp(`<dd class="renewal-exam-number">${YEAR}-${String(id).padStart(5, '0')}</dd>`), '受験番号');
	assert.doesNotMatch(top.body, /<dt>追加お申込み<\/dt>/, 'no second offer');
	// 受験番号 on the application's cover (ONC-12) is the exam's.
	const pdf = await c.model(`${BASE}/pdf`);
	assert.match(pdf.body, new RegExp(`<exam year="${YEAR}" fee="10000" state="pending" paid="0" number="${YEAR}-${String(id).padStart(5, '0')}"`));

	// A second POST (a double click) changes nothing.
	assert.equal((await c.post(`${BASE}/exam`, {}, { formPage: BASE })).status, 303);
	assert.equal(exams(u.uid).length, 1);
	assert.equal(audits(u.uid), 1);
	const again = await c.get(`${BASE}/exam`);
	assert.match(again.body, /この年度の筆記試験はお申込み済みです/);

	// The office confirms 受験料: 入金確認済み.
	sql(`UPDATE renewal_exam SET paid_on = '${YEAR}-06-01', paid_at = NOW(), paid_by = 'office' WHERE id = ${id}`);
	top = await c.get(BASE);
	assert.match(top.body, /<span class="renewal-pay renewal-pay-paid">入金確認済み<\/span>/);
	// And its result.
	sql(`UPDATE renewal_exam SET result = 'pass' WHERE id = ${id}`);
	top = await c.get(BASE);
	assert.match(top.body, /筆記試験: 合格/);
	const sp = await c.get('/specialist');
	assert.match(sp.body, /<dd class="renewal-exam">[\s\S]*筆記試験: 合格/);
});

test('ONC-2 筆記試験のみのお申込み the year before the renewal year: the sitting at once, on 専門医 with 受験料', async () => {
	const { u, c } = await specialist({ nextFy: YEAR + 1 });
	let sp = await c.get('/specialist');
	assert.match(sp.body, /renewal-way-exam/);
	const r = await c.post('/specialist', { kind: 'renewal', way: 'exam' });
	assert.equal(r.status, 303);
	assert.equal(r.location, '/specialist?done=exam');
	assert.deepEqual(exams(u.uid), [[String(YEAR), 'pending', '10000', '1']]);
	sp = await c.get('/specialist?done=exam');
	assert.match(sp.body, /筆記試験のお申込みを受け付けました/);
	assert.match(sp.body, /筆記試験: 申込済/);
	assert.match(sp.body, /受験料をご納入ください/);
	// Documents are next year's: no 追加お申込み for a second sitting either.
	const again = await c.post(`${BASE}/exam`, {}, { formPage: '/specialist' });
	assert.equal(again.status, 303);
	assert.equal(exams(u.uid).length, 1);
});

test('ONC-2 a pass the year before spares the exam (合格済); a failed one does not', async () => {
	const { u, c } = await specialist();
	sql(`INSERT INTO renewal_exam (tenant, uid, kind, year, fee, created_at, result) VALUES ('oncology', ${q(u.uid)}, 'renewal', ${YEAR - 1}, 10000, NOW(), 'pass')`);
	assert.equal((await c.post('/specialist', { kind: 'renewal', way: 'both' })).status, 303);
	const top = await c.get(BASE);
	assert.match(top.body, new RegExp(`筆記試験: 合格済（${YEAR - 1}年度）`));
	assert.doesNotMatch(top.body, /<dt>追加お申込み<\/dt>/);
	const r = await c.post(`${BASE}/exam`, {}, { formPage: BASE });
	assert.equal(r.status, 409);
	assert.match(r.body, new RegExp(`${YEAR - 1}年度の筆記試験に合格されているため`));
	assert.equal(exams(u.uid).length, 1, 'no sitting added');

	const f = await specialist();
	sql(`INSERT INTO renewal_exam (tenant, uid, kind, year, fee, created_at, result) VALUES ('oncology', ${q(f.u.uid)}, 'renewal', ${YEAR - 1}, 10000, NOW(), 'fail')`);
	assert.equal((await f.c.post('/specialist', { kind: 'renewal', way: 'both' })).status, 303);
	assert.match((await f.c.get(BASE)).body, /<dt>追加お申込み<\/dt>/);
	assert.equal((await f.c.post(`${BASE}/exam`, {}, { formPage: BASE })).status, 303);
	assert.deepEqual(exams(f.u.uid).map((x) => x.slice(0, 2)), [[String(YEAR - 1), 'fail'], [String(YEAR), 'pending']]);
});

test('ONC-2 not eligible (renewal two years away) or no certification: the exam refused with why, nothing stored', async () => {
	const { u, c } = await specialist({ nextFy: YEAR + 2 });
	const r = await c.post(`${BASE}/exam`, {}, { formPage: '/specialist' });
	assert.equal(r.status, 409);
	assert.match(r.body, /筆記試験は次回更新年度/);
	const n = await specialist({ certs: 0 });
	const r2 = await n.c.post(`${BASE}/exam`, {}, { formPage: '/specialist' });
	assert.equal(r2.status, 409);
	assert.match(r2.body, /専門医の認定情報がないため/);
	assert.deepEqual(exams(u.uid), []);
	assert.deepEqual(exams(n.u.uid), []);
});
