// The platform's CSV import (src/apply/import.c; CORE-12, PAL-12, ONC-14,
// CME-2), driven through its first user, the windows' import at
// /admin/offerings/import on the board: the form with its columns and a
// header-only sample (BOM, CRLF); a dry run that reads and checks every
// row, reports the rows and every error at file:line:column, and changes
// nothing; a commit that is all or nothing — one bad line rejects the
// whole file — in one transaction with its audit line (CORE-15).
//
// Windows for far years (2011..2019) of the board's completion offering,
// closed long ago, so the member's current window never changes; each
// run removes its own rows first, so the test can run again.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';

import {
	signIn, createUser, rows, sql, q, csrfOf, resetThrottle, auditRows, gist, HOSTS,
} from './auth.mjs';

const HOST = HOSTS.board;
const PATH = '/admin/offerings/import';
let admin;

const years = () => rows("SELECT year, open_at, close_at FROM offering WHERE tenant = 'board' AND kind = 'completion' AND year BETWEEN 2011 AND 2019 ORDER BY year");
const version = () => rows('SELECT version FROM refdata_version WHERE id = 1')[0][0];

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
	const csrf = await admin.csrf(PATH);
	const mp = multipart({ csrf, step }, filename, data);
	return admin.req('POST', PATH, { raw: mp.body, headers: { 'content-type': mp.type }, xml: true });
}

function reportErrors(xml) {
	return [...xml.matchAll(/<error file="([^"]*)" line="(\d+)" column="(\d+)" key="([^"]+)"/g)]
	    .map((m) => `${m[1]}:${m[2]}:${m[3]} ${m[4]}`);
}

function clean() {
	sql("DELETE FROM offering WHERE tenant = 'board' AND kind = 'completion' AND year BETWEEN 2011 AND 2019 AND id NOT IN (SELECT offering_id FROM app)");
}

before(async () => {
	resetThrottle();
	clean();
	const user = createUser('board', { roles: ['tenant_admin'], tag: 'impadm' });
	admin = await signIn(HOST, user.ident, user.password, { enrol: true });
	admin.user = user;
});

test('CORE-12 PAL-12: the import form describes its columns and offers a header-only sample CSV (BOM, CRLF)', async () => {
	const r = await admin.model(PATH);
	assert.equal(r.status, 200, gist(r));
	assert.match(r.body, /<page name="import"/);
	assert.match(r.body, /<import name="offering" title="title.offering-import" action="\/admin\/offerings\/import"/);
	for (const [ja, en] of [['申請種別', 'kind'], ['年度', 'year'], ['受付開始', 'open_at'], ['受付終了', 'close_at']])
		assert.match(r.body, new RegExp(`<col ja="${ja}" en="${en}" required="1"/>`));
	const html = await admin.get(PATH);
	assert.match(html.body, /href="\/admin\/offerings\/import\?sample=1"/);
	assert.match(html.body, /enctype="multipart\/form-data"/);
	const s = await admin.get(`${PATH}?sample=1`);
	assert.equal(s.status, 200);
	assert.match(s.headers['content-type'], /^text\/csv; charset=utf-8/);
	assert.match(s.headers['content-disposition'], /^attachment; filename="offering.csv"; filename\*=UTF-8''offering.csv$/);
	assert.equal(s.body, '\ufeff申請種別,年度,受付開始,受付終了\r\n');
});

test('CORE-12 PAL-12: the dry run reports the rows and errors at file:line:column and changes nothing', async () => {
	const v0 = version(), a0 = auditRows("action = 'import.offering'").length;
	// Excel: BOM, CRLF, columns in another order, English and Japanese
	// headers, an extra column, a quoted cell with a line break.
	const good = '\ufeff年度,memo,kind,open_at,受付終了\r\n'
	    + '2011,"first\r\nline",completion,2011-04-01 00:00,2011/4/30 23:59\r\n'
	    + '2012,,completion,2012-04-01T09:00,2012-04-30 17:00:30\r\n';
	const r = await upload('check', 'windows.csv', good);
	assert.equal(r.status, 200, gist(r));
	assert.match(r.body, /<report step="check" file="windows.csv" rows="2" errors="0" listed="0"/);
	assert.match(r.body, /<row line="2"><cell>completion<\/cell><cell>2011<\/cell><cell>2011-04-01 00:00<\/cell><cell>2011\/4\/30 23:59<\/cell><\/row>/);
	assert.match(r.body, /<row line="4">/, 'the quoted line break moves the next row to line 4');
	const data = /<commit filename="windows.csv" data="([^"]+)"/.exec(r.body)?.[1];
	assert.ok(data, 'a clean dry run offers the commit');
	assert.equal(Buffer.from(data, 'base64').toString(), good, 'the very bytes are carried');
	assert.deepEqual(years(), [], 'nothing written');
	assert.equal(version(), v0, 'no reference data changed');
	assert.equal(auditRows("action = 'import.offering'").length, a0);

	// Errors: each at its line and column; no commit offered.
	const bad = '申請種別,年度,受付開始,受付終了\n'
	    + 'nosuch,2013,2013-04-01 00:00,2013-04-30 00:00\n'
	    + 'completion,93,2013-04-01 00:00,2013-04-30 00:00\n'
	    + 'completion,2013,2013-04-31 00:00,2013-05-30 00:00\n'
	    + 'completion,2013,2013-05-01 00:00,2013-04-30 00:00\n'
	    + 'completion,2014,2014-04-01 00:00,2014-04-30 00:00\n'
	    + 'completion,2014,2014-04-01 00:00,2014-04-30 00:00\n'
	    + 'completion,2015,,2015-04-30 00:00\n';
	const e = await upload('check', 'bad.csv', bad);
	assert.equal(e.status, 200, 'the dry run worked; its errors are the report');
	assert.deepEqual(reportErrors(e.body), [
		'bad.csv:2:1 offerings.err.kind', 'bad.csv:3:2 offerings.err.year',
		'bad.csv:4:3 err.datetime', 'bad.csv:5:4 offerings.err.order',
		'bad.csv:7:2 import.err.duplicate', 'bad.csv:8:3 import.err.required',
	]);
	assert.match(e.body, /<report step="check" file="bad.csv" rows="1" errors="6"/);
	assert.doesNotMatch(e.body, /<commit /);
	assert.match(e.body, /key="import.not-done"/);
	assert.deepEqual(years(), []);
	assert.equal(version(), v0);
});

test('CORE-12 CORE-15 PAL-12: one bad line rejects the whole file; a clean commit writes every row with one audit line', async () => {
	const a0 = auditRows(`action = 'import.offering' AND actor = ${q(admin.user.uid)}`).length;
	// Straight to the commit with a bad last line: nothing is written.
	const mixed = '申請種別,年度,受付開始,受付終了\r\n'
	    + 'completion,2016,2016-04-01 00:00,2016-04-30 23:59\r\n'
	    + 'completion,2017,2017-04-01 00:00,2017-04-30 23:59\r\n'
	    + 'completion,2018,2018-04-01 00:00,2018-03-30 23:59\r\n';
	let r = await upload('commit', 'mixed.csv', mixed);
	assert.equal(r.status, 422, gist(r));
	assert.match(r.body, /<report step="commit" file="mixed.csv" rows="2" errors="1"/);
	assert.deepEqual(reportErrors(r.body), ['mixed.csv:4:4 offerings.err.order']);
	assert.deepEqual(years(), [], 'all or nothing');
	assert.equal(auditRows(`action = 'import.offering' AND actor = ${q(admin.user.uid)}`).length, a0);

	// The clean file, carried from its dry run: all rows, one audit line.
	const good = mixed.replace('2018-03-30', '2018-04-30');
	const check = await upload('check', 'good.csv', good);
	const data = /<commit filename="good.csv" data="([^"]+)"/.exec(check.body)?.[1];
	assert.ok(data, gist(check));
	const v0 = version();
	r = await admin.postRaw(PATH, { csrf: csrfOf(check.body), step: 'commit', filename: 'good.csv', data });
	assert.equal(r.status, 303, gist(r));
	assert.equal(r.location, `${PATH}?done=3`);
	assert.deepEqual(years(), [
		['2016', '2016-04-01 00:00:00', '2016-04-30 23:59:00'],
		['2017', '2017-04-01 00:00:00', '2017-04-30 23:59:00'],
		['2018', '2018-04-01 00:00:00', '2018-04-30 23:59:00'],
	]);
	assert.ok(BigInt(version()) > BigInt(v0), 'the reference data version moved (every worker reloads windows)');
	const audit = auditRows(`action = 'import.offering' AND actor = ${q(admin.user.uid)}`);
	assert.equal(audit.length, a0 + 1);
	const done = await admin.model(`${PATH}?done=3`);
	assert.match(done.body, /<import [^>]*done="3"/);
	assert.match(done.body, /key="import.done"/);

	// The same file again replaces the same windows (no duplicates).
	r = await upload('commit', 'good.csv', good.replaceAll('23:59', '22:00'));
	assert.equal(r.status, 303, gist(r));
	assert.deepEqual(years().map((y) => y[2]), ['2016-04-30 22:00:00', '2017-04-30 22:00:00', '2018-04-30 22:00:00']);
	clean();
});

test('CORE-12: file errors (not UTF-8, broken quote, missing column, no file) are reported, nothing changes', async () => {
	const sjis = Buffer.from([0x94, 0x4e, 0x93, 0x78, 0x0a, 0x32, 0x31, 0x39, 0x31, 0x0a]);
	let r = await upload('check', 'sjis.csv', sjis);
	assert.deepEqual(reportErrors(r.body), ['sjis.csv:1:0 import.err.utf8']);
	r = await upload('commit', 'q.csv', '申請種別,年度,受付開始,受付終了\ncompletion,2019,"2019-04-01 00:00,2019-04-30 00:00\n');
	assert.equal(r.status, 422);
	assert.deepEqual(reportErrors(r.body), ['q.csv:2:0 import.err.csv']);
	r = await upload('check', 'h.csv', '申請種別,年度,受付開始\ncompletion,2019,2019-04-01 00:00\n');
	assert.deepEqual(reportErrors(r.body), ['h.csv:1:0 import.err.column-missing']);
	assert.match(r.body, /value="受付終了"/);
	const csrf = await admin.csrf(PATH);
	r = await admin.postRaw(PATH, { csrf, step: 'check' }, { xml: true });
	assert.match(r.body, /key="import.err.nofile"/);
	assert.deepEqual(years(), []);
});

test('CORE-12: at most 50 errors are listed with the total; past the row limit the file is refused', async () => {
	let csv = '申請種別,年度,受付開始,受付終了\n';
	for (let i = 0; i < 70; i++)
		csv += `nosuch${i},2019,2019-04-01 00:00,2019-04-30 00:00\n`;
	let r = await upload('check', 'many.csv', csv);
	assert.match(r.body, /<report step="check" file="many.csv" rows="0" errors="70" listed="50"/);
	assert.equal(reportErrors(r.body).length, 50);
	const html = await admin.get('/');	// (keeps the session warm)
	assert.equal(html.status, 200);
	// The windows' import takes 1,000 rows at most.
	csv = '申請種別,年度,受付開始,受付終了\n';
	for (let i = 0; i < 1001; i++)
		csv += `completion,2019,2019-04-01 00:00,2019-04-30 00:00\n`;
	r = await upload('check', 'big.csv', csv);
	// Reading stops there (1 good row, 999 duplicates, then the limit),
	// and why is listed even past the 50 listed errors.
	assert.match(r.body, /<report step="check" file="big.csv" rows="1" errors="1000" listed="50"/);
	assert.equal(reportErrors(r.body).at(-1), 'big.csv:1002:0 import.err.too-many');
	assert.deepEqual(years(), []);
});
