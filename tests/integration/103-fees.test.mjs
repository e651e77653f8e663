// Fees of applications (issue 9 item 5) on the board's completion
// (BRD-11: 認定料 after the final approval): /admin/fees lists and
// confirms one by one (audited, on_paid in the same transaction, once
// only); /admin/fees/import reads a CSV (Excel's BOM, CRLF, quotes) as a
// dry run that changes nothing, then commits all or nothing — one bad row
// and nothing is confirmed — with errors as file:line:column and an
// import history.  CORE-14 (the applicant's mail), CORE-15 (audit).
//
// Approved applications with their unpaid fee are made with SQL (the
// chain itself is 102-review's), for fresh residents made with
// shikakuctl, so the test can run again on the same stack.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';

import {
	signIn, createUser, rows, sql, q, csrfOf, waitMail, resetThrottle,
	auditRows, gist, uniqueDigits, HOSTS,
} from './auth.mjs';

const HOST = HOSTS.board;
let admin, offering;

/** A fresh resident's approved completion application and its 認定料. */
function approved(tag, amount = 33000) {
	const user = createUser('board', { tag });
	const number = `TT${uniqueDigits(8)}`;
	sql(`INSERT INTO app (tenant, uid, offering_id, number, state, stage, scope, version, live, created_at, updated_at, submitted_at, decided_at)
	    VALUES ('board', ${q(user.uid)}, ${offering}, ${q(number)}, 'approved', 2, '*', 1, 1, NOW(), NOW(), NOW(), NOW())`);
	const [[id]] = rows(`SELECT id FROM app WHERE tenant = 'board' AND number = ${q(number)}`);
	sql(`INSERT INTO fee (tenant, app_id, kind, amount, created_at) VALUES ('board', ${id}, 'completion', ${amount}, NOW())`);
	const [[fee]] = rows(`SELECT id FROM fee WHERE app_id = ${id}`);
	return { user, number, id, fee, amount };
}

function feeState(a) {
	return rows(`SELECT state, IFNULL(paid_on, 'NULL'), IFNULL(import_id, 'NULL') FROM fee WHERE id = ${a.fee}`)[0];
}

function pays(a) {
	return Number(rows(`SELECT COUNT(*) FROM app_event WHERE app_id = ${a.id} AND kind = 'pay'`)[0][0]);
}

function imports() {
	return Number(rows("SELECT COUNT(*) FROM import_history WHERE tenant = 'board' AND name = 'fee'")[0][0]);
}

/** multipart/form-data of fields and the CSV file. */
function multipart(fields, filename, data) {
	const boundary = `----shikaku${crypto.randomBytes(8).toString('hex')}`;
	const parts = [];
	for (const [k, v] of Object.entries(fields))
		parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
	parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`),
	    Buffer.from(data), Buffer.from('\r\n'));
	parts.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

async function upload(step, filename, data) {
	const csrf = await admin.csrf('/admin/fees/import');
	const mp = multipart({ csrf, step }, filename, data);
	return admin.req('POST', '/admin/fees/import', { raw: mp.body, headers: { 'content-type': mp.type }, xml: true });
}

/** The report's errors as "file:line:column key". */
function reportErrors(xml) {
	return [...xml.matchAll(/<error file="([^"]*)" line="(\d+)" column="(\d+)" key="([^"]+)"/g)]
	    .map((m) => `${m[1]}:${m[2]}:${m[3]} ${m[4]}`);
}

before(async () => {
	resetThrottle();
	[[offering]] = rows("SELECT id FROM offering WHERE tenant = 'board' AND kind = 'completion' ORDER BY year DESC LIMIT 1");
	const user = createUser('board', { roles: ['tenant_admin'], tag: 'feeadm' });
	admin = await signIn(HOST, user.ident, user.password, { enrol: true });
	admin.user = user;
});

test('BRD-11 issue 9: the fee import dry run reports rows and errors at file:line:column and changes nothing', async () => {
	const a = approved('feedry1'), b = approved('feedry2');
	const before = imports();
	// Excel: BOM, CRLF, an amount with a comma in quotes, an extra column.
	const csv = `\ufeff振込人,申請番号,金額,入金日\r\nヤマダ,${a.number},"33,000",2026/12/1\r\n"スズキ, ハナコ",${b.number},33000,\r\n`;
	const r = await upload('check', 'bank.csv', csv);
	assert.equal(r.status, 200, gist(r));
	assert.match(r.body, /<report step="check" file="bank.csv" rows="2" errors="0"/);
	assert.match(r.body, /<commit filename="bank.csv" data="[A-Za-z0-9+/=]+"/);
	assert.deepEqual(feeState(a), ['unpaid', 'NULL', 'NULL']);
	assert.deepEqual(feeState(b), ['unpaid', 'NULL', 'NULL']);
	assert.equal(imports(), before, 'no import recorded');
	assert.equal(pays(a) + pays(b), 0);

	// Errors: where, and what; still nothing changed.
	const bad = `申請番号,金額\n${a.number},3O000\nTT0000000000,33000\n${b.number},30000\n`;
	const e = await upload('check', 'bad.csv', bad);
	assert.equal(e.status, 200);
	assert.deepEqual(reportErrors(e.body), [
		'bad.csv:2:2 fee.err.amount', 'bad.csv:3:1 fee.err.unknown', 'bad.csv:4:2 fee.err.amount-differs',
	]);
	assert.doesNotMatch(e.body, /<commit /, 'no commit offered after errors');
	assert.deepEqual(feeState(a), ['unpaid', 'NULL', 'NULL']);
	assert.equal(imports(), before);
});

test('BRD-11 CORE-15 issue 9: the import commit is all or nothing; one bad row rejects the whole file', async () => {
	const a = approved('feeall1'), b = approved('feeall2'), c = approved('feeall3');
	const before = imports();
	// The third row's application is unknown: nothing is confirmed.
	const mixed = `申請番号,金額,入金日\r\n${a.number},33000,2026-12-01\r\n${b.number},33000,2026-12-01\r\nTT9999999999,33000,2026-12-01\r\n`;
	let r = await upload('commit', 'mixed.csv', mixed);
	assert.equal(r.status, 422, gist(r));
	assert.deepEqual(reportErrors(r.body), ['mixed.csv:4:1 fee.err.unknown']);
	assert.match(r.body, /import\.not-done/);
	for (const x of [a, b])
		assert.deepEqual(feeState(x), ['unpaid', 'NULL', 'NULL'], `${x.number} untouched`);
	assert.equal(imports(), before);
	assert.equal(pays(a) + pays(b), 0);

	// The clean file: all three at once, one import, the hook's trace.
	const good = `申請番号,金額,入金日\r\n${a.number},33000,2026-12-01\r\n${b.number},33000,2026-12-02\r\n${c.number},"¥33,000",\r\n`;
	const check = await upload('check', 'good.csv', good);
	const data = /<commit filename="good.csv" data="([^"]+)"/.exec(check.body)?.[1];
	assert.ok(data, gist(check));
	// The commit carries the very bytes the dry run read.
	assert.equal(Buffer.from(data, 'base64').toString(), good);
	r = await admin.postRaw('/admin/fees/import', { csrf: csrfOf(check.body), step: 'commit', filename: 'good.csv', data });
	assert.equal(r.status, 303, gist(r));
	assert.equal(imports(), before + 1);
	const [[imp, nrows, actor, sha]] = rows("SELECT id, nrows, actor, sha256 FROM import_history WHERE tenant = 'board' AND name = 'fee' ORDER BY id DESC LIMIT 1");
	assert.deepEqual([nrows, actor], ['3', admin.user.uid]);
	assert.equal(sha, crypto.createHash('sha256').update(good).digest('hex'));
	assert.deepEqual(feeState(a), ['paid', '2026-12-01', imp]);
	assert.deepEqual(feeState(b), ['paid', '2026-12-02', imp]);
	assert.equal(feeState(c)[0], 'paid');
	assert.equal(pays(a) + pays(b) + pays(c), 3, 'one pay event each');
	assert.equal(auditRows(`action = 'import.fee' AND actor = ${q(admin.user.uid)}`).length, 1);
	assert.equal(auditRows(`action = 'fee.confirm' AND object IN (${[a, b, c].map((x) => q(`app:${x.number}`)).join(',')})`).length, 3);
	await waitMail(a.user.mail, (m) => /入金を確認しました/.test(m.subject));
	// The history of every import lists it, with the file (issue 14).
	const page = await admin.model('/admin/imports');
	assert.match(page.body, new RegExp(`<commit id="${imp}" name="fee" path="/admin/fees/import" filename="good.csv"`));

	// The same file again: every row is paid already, nothing changes.
	r = await upload('commit', 'good.csv', good);
	assert.equal(r.status, 422);
	assert.equal(reportErrors(r.body).filter((x) => x.endsWith('fee.err.paid')).length, 3);
	assert.equal(imports(), before + 1);
});

test('BRD-11 CORE-14 CORE-15 issue 9: confirming one fee runs on_paid once, audited; a second click changes nothing', async () => {
	const a = approved('feeone');
	let page = await admin.model(`/admin/fees?state=unpaid&number=${a.number}`);
	assert.equal(page.status, 200);
	assert.match(page.body, new RegExp(`<fee id="${a.fee}"[^>]*state="unpaid"`));
	const csrf = csrfOf(page.body);
	const [r1, r2] = await Promise.all([
		admin.postRaw(`/admin/fees/${a.fee}/confirm`, { csrf, paid_on: '2026-12-03' }),
		admin.postRaw(`/admin/fees/${a.fee}/confirm`, { csrf, paid_on: '2026-12-03' }),
	]);
	assert.deepEqual([r1.location, r2.location].sort(), ['/admin/fees?done=0', '/admin/fees?done=1']);
	assert.deepEqual(feeState(a), ['paid', '2026-12-03', 'NULL']);
	assert.equal(pays(a), 1, 'paid once');
	const au = auditRows(`action = 'fee.confirm' AND object = ${q(`app:${a.number}`)}`);
	assert.equal(au.length, 1);
	assert.equal(au[0].actor, admin.user.uid);
	// The offering's on_paid ran in that transaction: its trace, if the
	// certificate service is there, is a certificate of this application.
	const hasCert = rows("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'certificate'")[0][0] === '1';
	if (hasCert)
		assert.equal(rows(`SELECT COUNT(*) FROM certificate WHERE app_id = ${a.id}`)[0][0], '1');
	await waitMail(a.user.mail, (m) => /入金を確認しました/.test(m.subject));
	page = await admin.model(`/admin/fees?state=paid&number=${a.number}`);
	assert.match(page.body, new RegExp(`<fee id="${a.fee}"[^>]*state="paid"`));
	// Not an admin: no fee pages.
	const m = createUser('board', { tag: 'feemem' });
	const mc = await signIn(HOST, m.ident, m.password);
	assert.ok([403, 404].includes((await mc.model('/admin/fees')).status));
	const x = await mc.postRaw(`/admin/fees/${a.fee}/confirm`, { csrf: csrfOf((await mc.model('/account')).body) });
	assert.ok([403, 404].includes(x.status));
});

test('BRD-11 issue 9: where the offering says so (APPLY_PAY_FIRST), the next step waits for payment', async () => {
	// The completion offering sets APPLY_PAY_FIRST: an application with
	// an unpaid fee (a fee an on_create hook may charge) is not approved.
	const dir = createUser('board', { roles: ['program_director'], tag: 'feedir' });
	const dc = await signIn(HOST, dir.ident, dir.password, { enrol: true });
	const user = createUser('board', { tag: 'feepay' });
	const number = `TT${uniqueDigits(8)}`;
	// ref: the program (the society stage's scope comes from its domain).
	sql(`INSERT INTO app (tenant, uid, offering_id, ref, number, state, stage, scope, version, live, created_at, updated_at, submitted_at)
	    SELECT 'board', ${q(user.uid)}, ${offering}, id, ${q(number)}, 'submitted', 0, ${q(`uid:${dir.uid}`)}, 1, 1, NOW(), NOW(), NOW()
	    FROM program WHERE tenant = 'board' AND code = '01-13-001'`);
	const [[id]] = rows(`SELECT id FROM app WHERE tenant = 'board' AND number = ${q(number)}`);
	sql(`INSERT INTO app_snapshot (app_id, version, xml, created_at) VALUES (${id}, 1, '<snapshot version="1"><application id="${id}" kind="completion"/></snapshot>', NOW())`);
	sql(`INSERT INTO fee (tenant, app_id, kind, amount, created_at) VALUES ('board', ${id}, 'application', 5000, NOW())`);
	const [[fee]] = rows(`SELECT id FROM fee WHERE app_id = ${id}`);
	let page = await dc.model(`/review/${id}`);
	assert.equal(page.status, 200, gist(page));
	assert.match(page.body, /<review [^>]*fee="unpaid"[^>]*waiting-payment="1"/);
	const form = (b) => ({ csrf: csrfOf(b), action: 'approve', comment: '',
	    stage: /<field name="stage" type="hidden"><value>(\d+)/.exec(b)[1], version: /<field name="version" type="hidden"><value>(\d+)/.exec(b)[1] });
	let r = await dc.postRaw(`/review/${id}`, form(page.body), { xml: true });
	assert.equal(r.status, 409);
	assert.match(r.body, /review\.waiting-payment/);
	assert.equal(rows(`SELECT stage FROM app WHERE id = ${id}`)[0][0], '0');
	// Paid: the director may approve.
	const lp = await admin.model(`/admin/fees?number=${number}`);
	r = await admin.postRaw(`/admin/fees/${fee}/confirm`, { csrf: csrfOf(lp.body) });
	assert.equal(r.location, '/admin/fees?done=1');
	page = await dc.model(`/review/${id}`);
	assert.doesNotMatch(page.body, /waiting-payment/);
	r = await dc.postRaw(`/review/${id}`, form(page.body));
	assert.equal(r.status, 303, gist(r));
	assert.deepEqual(rows(`SELECT stage, scope FROM app WHERE id = ${id}`)[0], ['1', 'domain:01']);
});

/** The tenant admin confirms one fee by hand. */
async function confirm(fee, paidOn = '2026-12-04') {
	const page = await admin.model('/admin/fees?state=unpaid');
	return admin.postRaw(`/admin/fees/${fee}/confirm`, { csrf: csrfOf(page.body), paid_on: paidOn });
}

function certs(a) {
	return Number(rows(`SELECT COUNT(*) FROM certificate WHERE app_id = ${a.id}`)[0][0]);
}

test('BRD-11 issue 9: a fee confirmed on an application not approved issues no certificate; an approved one gets one, once', async () => {
	// Submitted, not approved, yet with a fee (a hook may charge early).
	const s = approved('feenotap');
	sql(`UPDATE app SET state = 'submitted', stage = 0, decided_at = NULL WHERE id = ${s.id}`);
	let r = await confirm(s.fee);
	assert.equal(r.location, '/admin/fees?done=1', gist(r));
	assert.equal(feeState(s)[0], 'paid');
	assert.equal(certs(s), 0, 'no certificate for an application not approved');

	// Approved: one certificate; a second fee of it paid later, none more.
	const a = approved('feeonce');
	r = await confirm(a.fee);
	assert.equal(r.location, '/admin/fees?done=1', gist(r));
	assert.equal(certs(a), 1);
	sql(`INSERT INTO fee (tenant, app_id, kind, amount, created_at) VALUES ('board', ${a.id}, 'extra', 1000, NOW())`);
	const [[extra]] = rows(`SELECT id FROM fee WHERE app_id = ${a.id} AND kind = 'extra'`);
	r = await confirm(extra);
	assert.equal(r.location, '/admin/fees?done=1', gist(r));
	assert.equal(certs(a), 1, 'one certificate per application, ever');
});

test('BRD-11 issue 9: the member sees the 認定料 (未納, then 入金確認済み) and, once certified, the certificate on the application page and 現在の状況', async () => {
	const a = approved('feeview');
	const m = await signIn(HOST, a.user.ident, a.user.password);
	let top = await m.model('/application/completion');
	assert.equal(top.status, 200, gist(top));
	assert.match(top.body, /<fees><fee kind="completion" amount="33000" state="unpaid"[^>]*title="training.fee"\/><\/fees>/);
	let html = await m.get('/application/completion');
	assert.match(html.body, /認定料[\s\S]*33,000円[\s\S]*未納/);
	let dash = await m.get('/dashboard');
	assert.equal(dash.status, 200);
	assert.match(dash.body, /認定料[\s\S]*33,000円[\s\S]*未納/);

	assert.equal((await confirm(a.fee)).location, '/admin/fees?done=1');
	const [[cert]] = rows(`SELECT id FROM certificate WHERE app_id = ${a.id}`);
	top = await m.model('/application/completion');
	assert.match(top.body, /<fee kind="completion" amount="33000" state="paid"/);
	assert.match(top.body, new RegExp(`<certificate id="${cert}" href="/certificate/${cert}.pdf"/>`));
	html = await m.get('/application/completion');
	assert.match(html.body, /入金確認済み/);
	assert.ok(html.body.includes(`href="/certificate/${cert}.pdf"`), 'the certificate link on the application page');
	dash = await m.get('/dashboard');
	assert.match(dash.body, /入金確認済み/);
	assert.ok(dash.body.includes(`href="/certificate/${cert}.pdf"`));
	const pdf = await m.get(`/certificate/${cert}.pdf`);
	assert.equal(pdf.status, 200);
	assert.match(pdf.headers['content-type'], /^application\/pdf/);
});
