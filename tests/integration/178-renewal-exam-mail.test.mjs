// 筆記試験の結果 by mail (issue 12, ONC-14, seed 003): recording a result
// at /admin/renewal/exams, one by one or by the CSV import, queues the
// mail renewal_exam_result to the member in the same transaction — once
// per result (the same result recorded again sends nothing), never for
// 未 — and the import's dry run sends nothing.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import { createUser, signIn, rows, q, resetThrottle } from './auth.mjs';
import { BASE, YEAR, openWindows, specialist } from './renewal.mjs';
import { multipart } from './credit.mjs';

const EXAMS = '/admin/renewal/exams';
let admin;

before(async () => {
	resetThrottle();
	openWindows();
	const a = createUser('oncology', { roles: ['tenant_admin'], tag: 'xm' });
	admin = await signIn(a.host, a.ident, a.password);
});

async function applicant() {
	const s = await specialist();
	assert.equal((await s.c.post('/specialist', { kind: 'renewal', way: 'both' })).status, 303);
	assert.equal((await s.c.post(`${BASE}/exam`, {}, { formPage: BASE })).status, 303);
	s.id = rows(`SELECT id FROM renewal_exam WHERE uid = ${q(s.u.uid)}`)[0][0];
	return s;
}

const mails = (s) => rows(`SELECT subject, body FROM outbox WHERE tenant = 'oncology' AND template = 'renewal_exam_result' AND rcpt = ${q(s.u.mail)} ORDER BY id`);

async function upload(step, filename, data) {
	const p = `${EXAMS}/import`;
	const csrf = await admin.csrf(p);
	const mp = multipart({ csrf, step }, filename, data);
	return admin.req('POST', p, { raw: mp.body, headers: { 'content-type': mp.type }, xml: true });
}

test('ONC-14 a result recorded one by one: one mail (Japanese first), audited; the same again and 未 send none', async () => {
	const a = await applicant();
	const csrf = await admin.csrf(EXAMS);
	assert.equal(mails(a).length, 0);
	let r = await admin.postRaw(`${EXAMS}/${a.id}/result`, { csrf, result: 'pass', score: '78' });
	assert.equal(r.status, 303);
	let m = mails(a);
	assert.equal(m.length, 1);
	const number = `${YEAR}-${String(a.id).padStart(5, '0')}`;
	assert.match(m[0][0], new RegExp(`筆記試験の結果のお知らせ（受験番号 ${number}）`));
	assert.match(m[0][1], /■結果：合格/);
	assert.match(m[0][1], /■点数：78/);
	assert.ok(m[0][1].indexOf('合格') < m[0][1].indexOf('[English]'), 'Japanese first');
	assert.match(m[0][1], /passed/);
	assert.match(m[0][1], new RegExp(`${BASE}\\b`));
	const audit = rows(`SELECT detail FROM audit WHERE tenant = 'oncology' AND action = 'renewal.exam.result' AND object = ${q(`renewal_exam:${a.id}`)} ORDER BY id`);
	assert.deepEqual(audit.map((x) => x[0]), ['pass 78 mail']);
	// The same result again: recorded, no second mail.
	r = await admin.postRaw(`${EXAMS}/${a.id}/result`, { csrf, result: 'pass', score: '78' });
	assert.equal(r.status, 303);
	assert.equal(mails(a).length, 1);
	// Back to 未: no mail; then a new result: a mail of its own.
	await admin.postRaw(`${EXAMS}/${a.id}/result`, { csrf, result: 'pending', score: '' });
	assert.equal(mails(a).length, 1);
	await admin.postRaw(`${EXAMS}/${a.id}/result`, { csrf, result: 'fail', score: '40' });
	m = mails(a);
	assert.equal(m.length, 2);
	assert.match(m[1][1], /■結果：不合格/);
	// A refused value sends nothing.
	assert.equal((await admin.postRaw(`${EXAMS}/${a.id}/result`, { csrf, result: 'pass', score: '101' })).status, 400);
	assert.equal(mails(a).length, 2);
});

test('ONC-14 results by CSV: the dry run sends nothing; the commit one mail per result; the same file again none', async () => {
	const a = await applicant();
	const b = await applicant();
	const head = '\ufeff会員番号,年度,結果,点数,入金日\r\n';
	const csv = `${head}${a.u.number},${YEAR},合格,81,\r\n${b.u.number},${YEAR},欠席,,\r\n`;
	let r = await upload('check', 'results.csv', csv);
	assert.equal(r.status, 200, r.body.slice(0, 300));
	assert.equal(mails(a).length + mails(b).length, 0, 'the dry run sends nothing');
	// A file refused as a whole sends nothing either.
	r = await upload('commit', 'bad.csv', `${head}${a.u.number},${YEAR},合格,81,\r\nX0000,${YEAR},合格,,\r\n`);
	assert.equal(r.status, 422);
	assert.equal(mails(a).length, 0);
	r = await upload('commit', 'results.csv', csv);
	assert.equal(r.status, 303, r.body.slice(0, 300));
	assert.equal(mails(a).length, 1);
	assert.equal(mails(b).length, 1);
	assert.match(mails(a)[0][1], /■結果：合格/);
	assert.match(mails(b)[0][1], /■結果：欠席/);
	// The same file again: results unchanged, no more mail.
	r = await upload('commit', 'results.csv', csv);
	assert.equal(r.status, 303);
	assert.equal(mails(a).length + mails(b).length, 2);
	// One line changed: only that member is told.
	r = await upload('commit', 'fix.csv', `${head}${a.u.number},${YEAR},合格,85,\r\n${b.u.number},${YEAR},欠席,,\r\n`);
	assert.equal(r.status, 303);
	assert.equal(mails(a).length, 2);
	assert.match(mails(a)[1][1], /■点数：85/);
	assert.equal(mails(b).length, 1);
});
