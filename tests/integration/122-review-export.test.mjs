// The tenant admin's exports of one offering's year (src/apply/
// review_export.c; CORE-20, PAL-12, ONC-14): /admin/review/export lists
// the windows with their counts; export.csv is a CSV for Excel — a BOM,
// CRLF line ends, RFC 4180 quoting, a Japanese file name as RFC 5987
// filename* — of every application ever submitted (drafts never are);
// export.zip holds one valid PDF per submitted application, drawn from
// its snapshot.  Both are audited (CORE-15).  Linked from /review and
// /admin/offerings for tenant admins.
//
// The applications are made with SQL in a long past year's window (2009: tests that take the newest window
// still find the current one) of the
// board's completion offering, their snapshots copied from a demo
// submission, for fresh members with a record; the demo's own
// applications of the current year are exported too.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {
	signIn, createUser, rows, sql, q, resetThrottle, auditRows, gist, uniqueDigits, HOSTS,
} from './auth.mjs';
import { pdfInfo, pdfText } from './pdf.mjs';

const HOST = HOSTS.board;
const YEAR = 2009;
let admin, offering, snapRows, snapFacilities;
const apps = [];

function member(name) {
	const u = createUser('board', { tag: 'exp' });
	const no = `EX${uniqueDigits(8)}`;
	sql(`INSERT INTO member (tenant, uid, member_no, name_kanji, name_kana, birth_date, phone, postal_code, pref, address, email)
	    VALUES ('board', ${q(u.uid)}, ${q(no)}, ${q(name)}, 'シケン', '1990-01-01', '03-0000-0000', '100-0001', '13', '千代田区', ${q(u.mail)})
	    ON DUPLICATE KEY UPDATE member_no = VALUES(member_no), name_kanji = VALUES(name_kanji)`);
	return { ...u, no, name };
}

/** An application in state, submitted (with a snapshot) unless a draft. */
function app(m, state) {
	const number = `EX${YEAR}-${uniqueDigits(6)}`;
	const submitted = state !== 'draft';
	const live = ['rejected', 'withdrawn'].includes(state) ? 'NULL' : '1';
	sql(`INSERT INTO app (tenant, uid, offering_id, number, state, stage, scope, version, live, created_at, updated_at, submitted_at, decided_at)
	    VALUES ('board', ${q(m.uid)}, ${offering}, ${q(number)}, '${state}', 0, '*', ${submitted ? 1 : 0}, ${live},
	    '2009-01-01 09:00:00', '2009-01-01 09:00:00', ${submitted ? "'2009-01-02 10:00:00'" : 'NULL'},
	    ${['approved', 'rejected'].includes(state) ? "'2009-01-03 11:00:00'" : 'NULL'})`);
	const [[id]] = rows(`SELECT id FROM app WHERE tenant = 'board' AND number = ${q(number)}`);
	if (submitted) {
		// A real submission's snapshot, as this application's.
		sql(`INSERT INTO app_snapshot (app_id, version, xml, created_at)
		    SELECT ${id}, 1, REPLACE(REPLACE(xml, CONCAT('number="', a.number, '"'), ${q(`number="${number}"`)}), CONCAT('id="', a.id, '"'), ${q(`id="${id}"`)}), NOW()
		    FROM app_snapshot s JOIN app a ON a.id = s.app_id WHERE a.tenant = 'board' ORDER BY s.id LIMIT 1`);
	}
	const a = { id, number, state, member: m };
	apps.push(a);
	return a;
}

before(async () => {
	resetThrottle();
	sql(`INSERT INTO offering (tenant, feature, kind, year, open_at, close_at) VALUES ('board', 'training', 'completion', ${YEAR}, '2001-01-01 00:00:00', '2001-01-02 00:00:00')
	    ON DUPLICATE KEY UPDATE open_at = open_at`);
	[[offering]] = rows(`SELECT id FROM offering WHERE tenant = 'board' AND kind = 'completion' AND year = ${YEAR}`);
	// Earlier runs' applications of that year: out of the way.
	const old = rows(`SELECT COUNT(*) FROM app WHERE offering_id = ${offering}`)[0][0];
	assert.equal(old, '0', 'run on a stack whose 2009 window is unused (or a fresh stack)');
	// What the copied snapshot holds: its rotation rows and facilities.
	const [[xml]] = rows("SELECT REPLACE(s.xml, '\\n', ' ') FROM app_snapshot s JOIN app a ON a.id = s.app_id WHERE a.tenant = 'board' ORDER BY s.id LIMIT 1");
	snapRows = (xml.match(/<row /g) || []).length;
	snapFacilities = [...xml.matchAll(/<value name="facility"[^>]* label="([^"]*)"/g)].map((m) => m[1]).join(' / ');
	const u = createUser('board', { roles: ['tenant_admin'], tag: 'expadm' });
	admin = await signIn(HOST, u.ident, u.password, { enrol: true });
	admin.user = u;
	app(member('山田, "ハナ" 子'), 'submitted');
	app(member('鈴木 一郎'), 'approved');
	app(member('=HYPERLINK("x") 佐藤'), 'returned');
	app(member('田中 下書'), 'draft');
});

after(() => {
	// Snapshots and applications are immutable history; move them to a
	// year no test reads so the next run starts clean.
	if (offering) {
		sql(`INSERT INTO offering (tenant, feature, kind, year, open_at, close_at) VALUES ('board', 'training', 'completion', 2007, '2001-01-01 00:00:00', '2001-01-02 00:00:00') ON DUPLICATE KEY UPDATE open_at = open_at`);
		sql(`UPDATE app SET offering_id = (SELECT id FROM offering WHERE tenant = 'board' AND kind = 'completion' AND year = 2007) WHERE offering_id = ${offering}`);
	}
});

/** The entries of a ZIP: { name: Buffer }, read by Python's zipfile (a second reader). */
function unzip(buf) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shikaku-zip-'));
	try {
		const f = path.join(dir, 'x.zip');
		fs.writeFileSync(f, buf);
		const out = execFileSync('python3', ['-c', `
import sys, zipfile, json, base64
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
print(json.dumps({i.filename: [i.compress_type, base64.b64encode(z.read(i)).decode()] for i in z.infolist()}))
`, f], { encoding: 'utf8', maxBuffer: 1 << 28 });
		return Object.fromEntries(Object.entries(JSON.parse(out)).map(([k, [ct, v]]) => [k, { stored: ct === 0, data: Buffer.from(v, 'base64') }]));
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

test('CORE-20 PAL-12: the exports page lists each window with its count; /review and /admin/offerings link to it', async () => {
	const r = await admin.model('/admin/review/export');
	assert.equal(r.status, 200, gist(r));
	assert.match(r.body, new RegExp(`<window kind="completion" title="training.completion" year="${YEAR}" count="3"/>`));
	const html = await admin.get('/admin/review/export');
	assert.match(html.body, new RegExp(`href="/admin/review/export.csv\\?kind=completion&amp;year=${YEAR}"`));
	assert.match(html.body, new RegExp(`href="/admin/review/export.zip\\?kind=completion&amp;year=${YEAR}"`));
	const off = await admin.get('/admin/offerings');
	assert.match(off.body, /href="\/admin\/review\/export"/);
	// A tenant admin who also reviews sees the link on /review.
	const both = createUser('board', { roles: ['tenant_admin', 'program_director'], tag: 'expboth' });
	const bc = await signIn(HOST, both.ident, both.password, { enrol: true });
	const rv = await bc.get('/review');
	assert.equal(rv.status, 200, gist(rv));
	assert.match(rv.body, /href="\/admin\/review\/export"/);
});

test('CORE-20 CORE-15 PAL-12: the CSV opens in Excel — BOM, CRLF, RFC 4180 quoting, a Japanese file name — and is audited', async () => {
	const a0 = auditRows(`action = 'review.export' AND actor = ${q(admin.user.uid)}`).length;
	const r = await admin.get(`/admin/review/export.csv?kind=completion&year=${YEAR}`);
	assert.equal(r.status, 200, gist(r));
	assert.equal(r.headers['content-type'], 'text/csv; charset=utf-8');
	const name = encodeURIComponent(`研修修了申請_${YEAR}.csv`).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
	assert.match(r.headers['content-disposition'], new RegExp(`^attachment; filename="[^"]*_${YEAR}.csv"; filename\\*=UTF-8''`));
	const star = /filename\*=UTF-8''(.*)$/.exec(r.headers['content-disposition'])[1];
	assert.equal(decodeURIComponent(star).endsWith(`_${YEAR}.csv`), true, name);
	assert.deepEqual([...r.raw.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM first');
	const text = r.raw.subarray(3).toString('utf8');
	assert.ok(text.endsWith('\r\n'));
	assert.doesNotMatch(text.replace(/\r\n/g, ''), /\n/, 'every line ends with CRLF');
	const lines = text.split('\r\n').filter((l) => l !== '');
	// The platform's columns, then the offering's own (its export_row hook:
	// training's periods and facilities, from the snapshot).
	assert.equal(lines[0], '申請番号,会員番号,氏名,状態,申請日時,決定日時,研修期間数,研修施設');
	assert.equal(lines.length, 1 + 3, 'three submitted applications; the draft is not exported');
	const [s, ap, rt] = apps;
	const own = `,${snapRows},${snapFacilities}`;
	assert.ok(lines.includes(`${s.number},${s.member.no},"山田, ""ハナ"" 子",申請済み,2009-01-02 10:00:00,${own}`), lines.join('\n'));
	assert.ok(lines.includes(`${ap.number},${ap.member.no},鈴木 一郎,承認済み,2009-01-02 10:00:00,2009-01-03 11:00:00${own}`));
	// A name Excel would run as a formula stays text.
	assert.ok(lines.includes(`${rt.number},${rt.member.no},"'=HYPERLINK(""x"") 佐藤",差し戻し,2009-01-02 10:00:00,${own}`));
	assert.ok(!text.includes(apps[3].number));
	const audit = auditRows(`action = 'review.export' AND actor = ${q(admin.user.uid)}`);
	assert.equal(audit.length, a0 + 1);
	// English headers for an English page.
	await admin.postRaw('/lang', { csrf: await admin.csrf('/admin/review/export'), to: 'en', next: '/admin/review/export' });
	const en = await admin.get(`/admin/review/export.csv?kind=completion&year=${YEAR}`);
	await admin.postRaw('/lang', { csrf: await admin.csrf('/admin/review/export'), to: 'ja', next: '/admin/review/export' });
	assert.match(en.headers['content-disposition'], new RegExp(`filename="Training completion_${YEAR}.csv"`));
	assert.match(en.body, /^\ufeffApplication number,Member number,Name,State,Submitted at,Decided at,Training periods,Facilities\r\n/);
	// Unknown kind or year: 404.
	for (const p of ['?kind=nosuch&year=2009', '?kind=completion&year=89', '?kind=completion', ''])
		assert.equal((await admin.get(`/admin/review/export.csv${p}`)).status, 404, p);
});

test('CORE-20 CORE-15 PAL-12: the ZIP holds one valid PDF per submitted application, from its snapshot', async () => {
	const a0 = auditRows(`action = 'review.export' AND actor = ${q(admin.user.uid)}`).length;
	const r = await admin.get(`/admin/review/export.zip?kind=completion&year=${YEAR}`);
	assert.equal(r.status, 200, gist(r));
	assert.equal(r.headers['content-type'], 'application/zip');
	assert.match(r.headers['content-disposition'], new RegExp(`^attachment; filename="[^"]*_${YEAR}.zip"; filename\\*=UTF-8''`));
	const files = unzip(r.raw);
	const want = apps.filter((a) => a.state !== 'draft').map((a) => `${a.number}.pdf`).sort();
	assert.deepEqual(Object.keys(files).sort(), want);
	for (const [n, f] of Object.entries(files)) {
		assert.equal(f.data.subarray(0, 5).toString(), '%PDF-', n);
		assert.ok(f.stored, `${n} stored, not recompressed`);
		const info = pdfInfo(f.data);
		assert.ok(info.pages >= 1, `${n}: ${JSON.stringify(info)}`);
		assert.match(info.size, /595\.\d* x 841\.\d*/, 'A4');
		// The application's own number is printed in it.
		assert.ok(pdfText(f.data).includes(n.replace(/\.pdf$/, '')), n);
	}
	assert.equal(auditRows(`action = 'review.export' AND actor = ${q(admin.user.uid)}`).length, a0 + 1);
	// A year with no submission: a valid, empty archive.
	sql(`INSERT INTO offering (tenant, feature, kind, year, open_at, close_at) VALUES ('board', 'training', 'completion', 2008, '2001-01-01 00:00:00', '2001-01-02 00:00:00') ON DUPLICATE KEY UPDATE open_at = open_at`);
	const e = await admin.get('/admin/review/export.zip?kind=completion&year=2008');
	assert.equal(e.status, 200);
	assert.deepEqual(unzip(e.raw), {});
});
