// 筆記試験 for the society's office (ONC-14, seed 003): the list of a
// year (受験番号, member, 受験料, result; searchable), 受験料 confirmed one
// by one and results recorded one by one — each audited in its
// transaction, another tenant's exam 404 — and results (with payments)
// by CSV on the platform's import: a dry run that changes nothing, one bad
// line rejecting the whole file with file:line:column, a good file in one
// transaction with its audit line.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import { createUser, signIn, rows, sql, q, resetThrottle } from './auth.mjs';
import { BASE, YEAR, openWindows, specialist } from './renewal.mjs';
import { multipart, elems } from './credit.mjs';

const EXAMS = '/admin/renewal/exams';
let admin, adminUser;

before(async () => {
	resetThrottle();
	openWindows();
	adminUser = createUser('oncology', { roles: ['tenant_admin'], tag: 'xo' });
	admin = await signIn(adminUser.host, adminUser.ident, adminUser.password);
});

/** A specialist who applied for this year's exam; { u, c, id }. */
async function applicant() {
	const s = await specialist();
	assert.equal((await s.c.post('/specialist', { kind: 'renewal', way: 'both' })).status, 303);
	assert.equal((await s.c.post(`${BASE}/exam`, {}, { formPage: BASE })).status, 303);
	s.id = rows(`SELECT id FROM renewal_exam WHERE uid = ${q(s.u.uid)}`)[0][0];
	return s;
}

const exam = (id) => rows(`SELECT result, score, paid_on, paid_by, result_by FROM renewal_exam WHERE id = ${id}`)[0];
const audits = (action) => Number(rows(`SELECT COUNT(*) FROM audit WHERE tenant = 'oncology' AND action = ${q(action)}`)[0][0]);

async function upload(step, filename, data) {
	const p = `${EXAMS}/import`;
	const csrf = await admin.csrf(p);
	const mp = multipart({ csrf, step }, filename, data);
	return admin.req('POST', p, { raw: mp.body, headers: { 'content-type': mp.type }, xml: true });
}

function reportErrors(xml) {
	return [...xml.matchAll(/<error file="([^"]*)" line="(\d+)" column="(\d+)" key="([^"]+)"/g)]
	    .map((m) => `${m[1]}:${m[2]}:${m[3]} ${m[4]}`);
}

test('ONC-14 the list of a year: 受験番号, member, 受験料, result; search; members and other tenants cannot reach it', async () => {
	const a = await applicant();
	const r = await admin.get(`${EXAMS}?year=${YEAR}`);
	assert.equal(r.status, 200);
	assert.match(r.body, /筆記試験（更新）/);
	assert.match(r.body, new RegExp(`<tr id="exam-${a.id}">`));
	assert.match(r.body, new RegExp(`${YEAR}-${String(a.id).padStart(5, '0')}`));
	assert.match(r.body, new RegExp(a.u.number));
	const s = await admin.model(`${EXAMS}?year=${YEAR}&q=${encodeURIComponent(a.u.number)}`);
	const listed = elems(s.body, 'exam');
	assert.deepEqual(listed.map((x) => x.id), [String(a.id)]);
	assert.equal(listed[0].result, 'pending');
	assert.equal(listed[0].fee, '10000');
	const other = await admin.model(`${EXAMS}?year=${YEAR - 3}`);
	assert.equal(elems(other.body, 'exam').length, 0, 'another year');
	assert.ok([403, 404].includes((await a.c.get(EXAMS)).status), 'a member');
	const p = createUser('palliative', { roles: ['tenant_admin'], tag: 'xp' });
	const pc = await signIn(p.host, p.ident, p.password, { enrol: true });
	assert.equal((await pc.get(EXAMS)).status, 404, 'a tenant without the feature');
});

test('ONC-14 受験料 confirmed one by one: audited, 入金確認済み for the member; once; another tenant\'s exam 404', async () => {
	const a = await applicant();
	const n0 = audits('renewal.exam.pay');
	const csrf = await admin.csrf(EXAMS);
	let r = await admin.postRaw(`${EXAMS}/${a.id}/pay`, { csrf, paid_on: `${YEAR}-06-01` });
	assert.equal(r.status, 303);
	assert.equal(r.location, `${EXAMS}?year=${YEAR}&done=paid`);
	assert.deepEqual(exam(a.id).slice(2, 4), [`${YEAR}-06-01`, adminUser.uid]);
	assert.equal(audits('renewal.exam.pay'), n0 + 1);
	assert.match((await a.c.get(BASE)).body, /<span class="renewal-pay renewal-pay-paid">入金確認済み<\/span>/);
	// Twice: the first date stands, no second audit line.
	r = await admin.postRaw(`${EXAMS}/${a.id}/pay`, { csrf, paid_on: `${YEAR}-07-01` });
	assert.equal(r.status, 303);
	assert.equal(exam(a.id)[2], `${YEAR}-06-01`);
	assert.equal(audits('renewal.exam.pay'), n0 + 1);
	// Bad date; another tenant's exam.
	assert.equal((await admin.postRaw(`${EXAMS}/${a.id}/pay`, { csrf, paid_on: 'x' })).status, 400);
	const pu = createUser('palliative', { tag: 'xq' });
	sql(`INSERT INTO renewal_exam (tenant, uid, kind, year, fee, created_at) VALUES ('palliative', ${q(pu.uid)}, 'renewal', ${YEAR}, 1, NOW())`);
	const pid = rows(`SELECT id FROM renewal_exam WHERE tenant = 'palliative' AND uid = ${q(pu.uid)}`)[0][0];
	assert.equal((await admin.postRaw(`${EXAMS}/${pid}/pay`, { csrf, paid_on: `${YEAR}-06-01` })).status, 404);
	assert.equal((await admin.postRaw(`${EXAMS}/${pid}/result`, { csrf, result: 'pass' })).status, 404);
	assert.deepEqual(rows(`SELECT paid_at IS NULL, result FROM renewal_exam WHERE id = ${pid}`)[0], ['1', 'pending']);
});

test('ONC-14 a result recorded one by one with its score, audited; bad values refused', async () => {
	const a = await applicant();
	const n0 = audits('renewal.exam.result');
	const csrf = await admin.csrf(EXAMS);
	let r = await admin.postRaw(`${EXAMS}/${a.id}/result`, { csrf, result: 'pass', score: '78' });
	assert.equal(r.status, 303);
	assert.deepEqual(exam(a.id).slice(0, 2), ['pass', '78']);
	assert.equal(exam(a.id)[4], adminUser.uid);
	assert.equal(audits('renewal.exam.result'), n0 + 1);
	assert.match((await a.c.get(BASE)).body, /筆記試験: 合格/);
	for (const bad of [{ result: 'maybe' }, { result: 'fail', score: '101' }, { result: 'fail', score: '-1' }]) {
		r = await admin.postRaw(`${EXAMS}/${a.id}/result`, { csrf, ...bad });
		assert.equal(r.status, 400, JSON.stringify(bad));
	}
	assert.deepEqual(exam(a.id).slice(0, 2), ['pass', '78']);
	r = await admin.postRaw(`${EXAMS}/${a.id}/result`, { csrf, result: 'absent', score: '' });
	assert.equal(r.status, 303);
	assert.deepEqual(exam(a.id).slice(0, 2), ['absent', 'NULL']);
	assert.equal((await admin.postRaw(`${EXAMS}/999999999/result`, { csrf, result: 'pass' })).status, 404);
});

test('ONC-14 results by CSV: a dry run changes nothing; one bad line rejects the file (file:line:column); a good file in one transaction, audited', async () => {
	const a = await applicant();
	const b = await applicant();
	const head = '\ufeff会員番号,年度,結果,点数,入金日\r\n';
	let csv = `${head}${a.u.number},${YEAR},合格,81,${YEAR}/06/10\r\n${b.u.number},${YEAR},fail,40,\r\n`;
	let r = await upload('check', 'results.csv', csv);
	assert.equal(r.status, 200, r.body.slice(0, 300));
	const rep = elems(r.body, 'report')[0];
	assert.equal(rep.rows, '2');
	assert.equal(rep.errors, '0');
	assert.equal(exam(a.id)[0], 'pending', 'the dry run writes nothing');

	const bad = `${head}${a.u.number},${YEAR},合格,81,\r\n${b.u.number},${YEAR - 1},合格,,\r\nX0000,${YEAR},合格,,\r\n${a.u.number},${YEAR},不合格,,\r\n${b.u.number},${YEAR},だめ,,\r\n`;
	const n0 = audits('import.renewal.exams');
	r = await upload('commit', 'bad.csv', bad);
	assert.equal(r.status, 422);
	assert.deepEqual(reportErrors(r.body), [
		'bad.csv:3:1 renewal.err.no-exam',
		'bad.csv:4:1 renewal.err.no-exam',
		'bad.csv:5:1 import.err.duplicate',
		'bad.csv:6:3 renewal.err.result',
	]);
	r = await upload('check', 'score.csv', `${head}${b.u.number},${YEAR},合格,200,\r\n${a.u.number},${YEAR},合格,,${YEAR}-13-40\r\n`);
	assert.deepEqual(reportErrors(r.body), ['score.csv:2:4 renewal.err.score', 'score.csv:3:5 import.err.date']);
	assert.equal(exam(a.id)[0], 'pending', 'all or nothing');
	assert.equal(audits('import.renewal.exams'), n0);

	r = await upload('commit', 'results.csv', csv);
	assert.equal(r.status, 303, r.body.slice(0, 300));
	assert.deepEqual(exam(a.id).slice(0, 3), ['pass', '81', `${YEAR}-06-10`]);
	assert.deepEqual(exam(b.id).slice(0, 3), ['fail', '40', 'NULL']);
	assert.equal(audits('import.renewal.exams'), n0 + 1);
	assert.match((await a.c.get(BASE)).body, /筆記試験: 合格[\s\S]*入金確認済み/);
	assert.match((await b.c.get(BASE)).body, /筆記試験: 不合格[\s\S]*受験料をご納入ください/);
});

test('ONC-14 the list as CSV for Excel (BOM, CRLF), audited; filled in and imported again it records the results', async () => {
	const a = await applicant();
	const n0 = audits('renewal.exams.export');
	const r = await admin.get(`${EXAMS}.csv?year=${YEAR}`);
	assert.equal(r.status, 200);
	assert.match(r.headers['content-type'], /^text\/csv/);
	assert.ok(r.body.startsWith('\ufeff受験番号,会員番号,氏名,申請,年度,受験料,入金日,結果,点数\r\n'), r.body.slice(0, 80));
	const line = r.body.split('\r\n').find((l) => l.includes(a.u.number));
	assert.equal(line, `${YEAR}-${String(a.id).padStart(5, '0')},${a.u.number},${a.u.name},renewal,${YEAR},10000,,未,`);
	assert.equal(audits('renewal.exams.export'), n0 + 1);
	assert.ok([403, 404].includes((await a.c.get(`${EXAMS}.csv`)).status), 'a member');
	// Filled in: only this member's line, 合格 and 90.
	const head = r.body.split('\r\n')[0];
	const filled = `${head}\r\n${line.replace(/,未,$/, ',合格,90')}\r\n`;
	const c = await upload('commit', 'filled.csv', filled);
	assert.equal(c.status, 303, c.body.slice(0, 300));
	assert.deepEqual(exam(a.id).slice(0, 2), ['pass', '90']);
});
