// The oncology renewal's 専門医 page (ONC-1, ONC-2, seed 003): the
// certification record from the platform's certificate table (認定番号,
// 認定日, 有効期限, 次回更新年度, 更新回数 = the earlier certificates), both
// offerings with window, 審査料 and 認定料, the two ways in offered only
// when the years allow (the reason otherwise), お申込み recorded once and
// audited, and 申請トップ's 申請 / 筆記試験 / payment states (ONC-3).

import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import { rows, q, resetThrottle } from './auth.mjs';
import { BASE, BASE4, YEAR, openWindows, specialist } from './renewal.mjs';

before(() => {
	resetThrottle();
	openWindows();
});

test('ONC-1 the certification record: number, dates, next renewal year, renewals', async () => {
	const { u, c } = await specialist({ certs: 3 });
	const r = await c.get('/specialist');
	assert.equal(r.status, 200);
	const num = rows(`SELECT number FROM certificate WHERE tenant = 'oncology' AND uid = ${q(u.uid)} ORDER BY issued_on DESC LIMIT 1`)[0][0];
	assert.match(r.body, new RegExp(`<dd class="cert-number">${num}`));
	assert.match(r.body, new RegExp(`${YEAR - 4}/04/01`), '認定日 of the latest');
	assert.match(r.body, new RegExp(`${YEAR + 1}/03/31`), '有効期限');
	assert.match(r.body, new RegExp(`<dd class="cert-next">${YEAR}年</dd>`), '次回更新年度');
	assert.match(r.body, /<dd class="cert-renewals">2回<\/dd>/, '更新回数: the earlier certificates');
});

test('ONC-2 both offerings with window, 審査料 and 認定料; the ways in by years', async () => {
	const { c } = await specialist({ certs: 1 });
	const r = await c.get('/specialist');
	assert.match(r.body, /専門医資格【更新】認定申請<\/h3>/);
	assert.match(r.body, /専門医資格【更新】認定申請（更新4回目以降）<\/h3>/);
	assert.match(r.body, /<dd class="fee-review">10,000円<\/dd>/);
	assert.match(r.body, /<dd class="fee-cert">11,000円<\/dd>/);
	assert.match(r.body, /<dd class="fee-review">0円<\/dd>/, 'the 4th+ variant: 審査料 0円');
	assert.match(r.body, /※ 締め切り日時を過ぎるとお申込みできません/);
	// In the renewal year: both ways into the regular one.
	const m = (await c.model('/specialist')).body;
	const reg = /<offering kind="renewal"[^>]*>/.exec(m)[0];
	assert.doesNotMatch(reg, /why-both|why-exam/);
	const v4 = /<offering kind="renewal4"[^>]*>/.exec(m)[0];
	assert.match(v4, /why-both="renewal.why.not4"/);
	assert.match(r.body, /書類審査・筆記試験同時のお申込み<\/button>/);
	assert.match(r.body, /筆記試験のみのお申込み<\/button>/);
	assert.match(r.body, /更新4回目以降の方のみお申込みいただけます/);
});

test('ONC-2 the year before the renewal year: the exam only, the reason for the documents', async () => {
	const { u, c } = await specialist({ nextFy: YEAR + 1 });
	const m = (await c.model('/specialist')).body;
	const reg = /<offering kind="renewal"[^>]*>/.exec(m)[0];
	assert.match(reg, /why-both="renewal.why.early"/);
	assert.doesNotMatch(reg, /why-exam/);
	const r = await c.get('/specialist');
	assert.match(r.body, new RegExp(`書類申請は次回更新年度（${YEAR + 1}年度）にお手続きください。`));
	// The documents are closed to them too.
	const t = await c.get(`${BASE}/resume`);
	assert.match(t.body, /書類申請は次回更新年度/);
	const p = await c.post(`${BASE}/resume`, { school: 'x' }, { formPage: '/specialist' });
	assert.equal(p.status, 409, 'a save is refused');
	// The exam alone: recorded, audited, once.
	const e = await c.post('/specialist', { kind: 'renewal', way: 'exam' });
	assert.equal(e.status, 303);
	assert.equal(e.location, '/specialist?done=exam');
	assert.deepEqual(rows(`SELECT way, year FROM renewal_entry WHERE tenant = 'oncology' AND uid = ${q(u.uid)}`), [['exam', String(YEAR)]]);
	const again = await c.get('/specialist');
	assert.match(again.body, /<dd class="renewal-way">筆記試験のみのお申込み<\/dd>/);
	const b = await c.post('/specialist', { kind: 'renewal', way: 'both' });
	assert.equal(b.status, 409, 'the documents way is refused with the reason');
});

test('ONC-2 the 4th renewal and later: the variant only', async () => {
	const { c } = await specialist({ certs: 4 });
	const m = (await c.model('/specialist')).body;
	assert.match(/<offering kind="renewal"[^>]*>/.exec(m)[0], /why-both="renewal.why.use4"/);
	assert.doesNotMatch(/<offering kind="renewal4"[^>]*>/.exec(m)[0], /why-both/);
	const r = await c.post('/specialist', { kind: 'renewal4', way: 'both' });
	assert.equal(r.status, 303);
	assert.equal(r.location, BASE4);
	const top = await c.get(BASE4);
	assert.equal(top.status, 200);
	assert.match(top.body, /専門医資格【更新】認定申請（更新4回目以降）/);
});

test('ONC-2/ONC-3 お申込み both ways: audited, then 申請トップ with 申込済, 筆記試験, 受験料', async () => {
	const { u, c } = await specialist();
	const r = await c.post('/specialist', { kind: 'renewal', way: 'both' });
	assert.equal(r.status, 303);
	assert.equal(r.location, BASE);
	assert.deepEqual(rows(`SELECT way, year FROM renewal_entry WHERE tenant = 'oncology' AND uid = ${q(u.uid)}`), [['both', String(YEAR)]]);
	assert.equal(rows(`SELECT COUNT(*) FROM audit WHERE tenant = 'oncology' AND actor = ${q(u.uid)} AND action = 'renewal.entry'`)[0][0], '1');
	// Twice: still one (a double click).
	const r2 = await c.post('/specialist', { kind: 'renewal', way: 'both' });
	assert.equal(r2.status, 303);
	assert.equal(rows(`SELECT COUNT(*) FROM renewal_entry WHERE tenant = 'oncology' AND uid = ${q(u.uid)}`)[0][0], '1');
	// The first save makes the application and its 審査料.
	const s = await c.post(`${BASE}/profile`, { text: 'プロフィール' });
	assert.equal(s.status, 303);
	let top = await c.get(BASE);
	assert.match(top.body, /申請: <\/span>|申請: /);
	assert.match(top.body, /申込済/);
	// The exam is 追加お申込み on 申請トップ (seed 003), then 申込済 and 受験料.
	assert.match(top.body, /追加お申込み/);
	assert.doesNotMatch(top.body, /受験料をご納入ください/);
	assert.equal((await c.post(`${BASE}/exam`, {})).status, 303);
	top = await c.get(BASE);
	assert.match(top.body, /筆記試験: 申込済/);
	assert.match(top.body, /受験料をご納入ください/);
	assert.match(top.body, /申請を完了する/);
	assert.match(top.body, /PDFダウンロード/);
	assert.match(top.body, /案内詳細ページ/);
	assert.equal(rows(`SELECT f.kind, f.amount, f.state FROM fee f JOIN app a ON a.id = f.app_id WHERE a.uid = ${q(u.uid)}`).map((x) => x.join(':')).join(), 'review:10000:unpaid');
});

test('ONC-1 no certification record: no way in, and why', async () => {
	const { c } = await specialist({ certs: 0 });
	const r = await c.get('/specialist');
	assert.match(r.body, /専門医の認定情報がないため、更新申請はできません。/);
	assert.doesNotMatch(r.body, /<button type="submit" class="btn btn-primary renewal-way/);
});
