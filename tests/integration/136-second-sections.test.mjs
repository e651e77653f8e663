// 二次申請's four sections (PAL-6..PAL-9, seed 002 pages 9-14): each
// 未登録 → 登録中 → 登録済 by the server's checks, what was typed kept
// either way (CORE-12).  1: the first 学歴 row required, dates
// YYYY-MM-DD, a row is a date and a text, two rows shown at least and
// more behind 行を追加する, the years required.  2: the facility among
// the certified ones (one facility listed once per certification), the
// supervisor by name, kana or number, months up to July, a period
// outside the supervisor's certification refused with the hint to
// split it, the certificate a PDF.  3: PDFs only.  4: PDF/PNG/JPEG.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { errorKeys, gist, resetThrottle, rows, q, csrfOf } from './auth.mjs';
import {
	BASE, YEAR, openWindows, registry, member, save, RESUME, certRow, pdf, png,
	appOf, sections, TEXT,
} from './second.mjs';

let restore;
let reg;

before(() => {
	resetThrottle();
	restore = openWindows();
	reg = registry();
});
after(() => restore());

/** The supervisor select's option values. */
const supOptions = (xml) => [.../<field name="supervisor"[^>]*>(.*?)<\/field>|<field name="supervisor"[^>]*\/>/s.exec(xml)?.[1]?.matchAll(/<option value="(\d+)"/g) ?? []].map((m) => m[1]);
const keysOf = (r) => [...new Set(errorKeys(r.body))].sort();

test('PAL-6 申請書・履歴書: first row required, YYYY-MM-DD validated, date and text together, years required; kept as typed; 登録済 when right', async () => {
	const m = await member({ sup: reg.late });
	const form = await m.c.get(`${BASE}/resume`);
	assert.equal(form.status, 200, gist(form));
	// Two rows of each list shown, the rest behind 行を追加する.
	assert.equal((form.body.match(/class="second-slot"/g) || []).length, 20);
	assert.match(form.body, /<details class="second-more">/);
	assert.match(form.body, /行を追加する/);
	const model = (await m.c.model(`${BASE}/resume`)).body;
	assert.equal((model.match(/more="1"/g) || []).length, 2 * 2 * 8);
	let r = await save(m.c, 'resume', { years: '' });
	assert.equal(r.status, 200, gist(r));
	assert.deepEqual(keysOf(r), ['err.required']);
	assert.match(r.body, /<field name="edu\.1\.date"[^>]*>[\s\S]*?<error key="err\.required"/);
	assert.match(r.body, /<field name="years"[^>]*>[\s\S]*?<error key="err\.required"/);
	assert.equal(sections(appOf(m.user.uid)[0]).resume, 'progress');
	// The seed's warning: 2010-04-0 is no date; 2016-02-30 does not exist.
	r = await save(m.c, 'resume', { ...RESUME, 'edu.2.date': '2010-04-0', 'car.2.date': '2016-02-30', 'car.2.text': '研修' });
	assert.deepEqual(keysOf(r), ['err.date', 'err.date-exist']);
	assert.match(r.body, /<value>2010-04-0<\/value>/, 'kept as typed');
	// A text without its date.
	r = await save(m.c, 'resume', { ...RESUME, 'car.3.text': '資格' });
	assert.deepEqual(keysOf(r), ['err.required']);
	assert.match(r.body, /<field name="car\.3\.date"[^>]*>[\s\S]*?<error key="err\.required"/);
	r = await save(m.c, 'resume', { ...RESUME, years: '71' });
	assert.deepEqual(keysOf(r), ['second.err.years']);
	// Five rows filled: five shown, the rest behind the button.
	const five = { ...RESUME };
	for (let i = 3; i <= 5; i++)
		Object.assign(five, { [`edu.${i}.date`]: `20${10 + i}-04-01`, [`edu.${i}.text`]: `学歴 ${i}` });
	r = await save(m.c, 'resume', five);
	assert.equal(r.status, 303, gist(r));
	const x = (await m.c.model(`${BASE}/resume`)).body;
	assert.doesNotMatch(x, /<field name="edu\.5\.date"[^>]*more="1"/);
	assert.match(x, /<field name="edu\.6\.date"[^>]*more="1"/);
	assert.equal(sections(appOf(m.user.uid)[0]).resume, 'done');
	// A row emptied is a row deleted.
	r = await save(m.c, 'resume', { ...five, 'edu.5.date': '', 'edu.5.text': '' });
	assert.equal(r.status, 303, gist(r));
	assert.match((await m.c.model(`${BASE}/resume`)).body, /<field name="edu\.5\.date"[^>]*more="1"/);
});

test('PAL-7 臨床研修修了証明書: search by name, kana and number; one facility per certification; months to July; outside the supervisor\'s period refused with the split hint; a PDF only', async () => {
	const m = await member({ sup: reg.late });
	// The facility listed once per certification (two kinds), found by name.
	const f = await m.c.model(`${BASE}/training/new?fq=${encodeURIComponent(`二次試験病院${reg.tag}`)}`);
	assert.equal(f.status, 200, gist(f));
	for (const id of reg.certs)
		assert.match(f.body, new RegExp(`<option value="${id}">二次試験病院${reg.tag}（`));
	// Supervisors by name, by kana, by certification number.
	for (const sq of [reg.name, reg.kana, `S${reg.tag}b`]) {
		const s = await m.c.model(`${BASE}/training/new?sq=${encodeURIComponent(sq)}`);
		assert.ok(supOptions(s.body).includes(reg.late), sq);
	}
	const none = await m.c.model(`${BASE}/training/new?sq=${encodeURIComponent('該当なし存在しない')}`);
	assert.deepEqual(supOptions(none.body), []);
	// Months offered up to July of this year, not August.
	assert.match(f.body, new RegExp(`<option value="${YEAR}-07">`));
	assert.doesNotMatch(f.body, new RegExp(`<option value="${YEAR}-08">`));
	// The seed's example: two years across the change of certification.
	const across = { ...certRow(reg), start: `${YEAR - 2}-04`, end: `${YEAR}-03`, supervisor: reg.early };
	let r = await save(m.c, 'training/new', across, [pdf('file')]);
	assert.equal(r.status, 200, gist(r));
	assert.deepEqual(keysOf(r), ['second.err.split']);
	const page = await m.c.get(`${BASE}/training`);
	assert.match(page.body, /指導者の認定期間ごとに証明書の入力欄を分割してください/);
	// Split: the first year with the 専門医 certification, the second with the 指導医.
	const row = /\/training\/(\d+)/.exec(r.body)?.[1];
	assert.ok(row, 'the row was kept');
	r = await save(m.c, `training/${row}`, { ...across, end: `${YEAR - 1}-03` });
	assert.equal(r.status, 303, gist(r));
	r = await save(m.c, 'training/new', { ...across, start: `${YEAR - 1}-04`, end: `${YEAR}-03`, supervisor: reg.late }, [pdf('file')]);
	assert.equal(r.status, 303, gist(r));
	// After July, and the wrong way round.
	r = await save(m.c, 'training/new', { ...certRow(reg), end: `${YEAR}-08` }, [pdf('file')]);
	assert.deepEqual(keysOf(r), ['second.err.late']);
	r = await save(m.c, 'training/new', { ...certRow(reg), start: `${YEAR}-03`, end: `${YEAR - 1}-04` }, [pdf('file')]);
	assert.deepEqual(keysOf(r), ['second.err.order']);
	// Not a certified facility, not a supervisor.
	r = await save(m.c, 'training/new', { ...certRow(reg), facility: '999999999', supervisor: '999999999' }, [pdf('file')]);
	assert.deepEqual(keysOf(r), ['second.err.facility', 'second.err.supervisor']);
	// The certificate is a PDF: a PNG is refused, a text file is no file at all.
	r = await save(m.c, 'training/new', certRow(reg), [png('file')]);
	assert.deepEqual(keysOf(r), ['second.err.pdf']);
	r = await save(m.c, 'training/new', certRow(reg), [{ name: 'file', filename: 'x.pdf', type: 'application/pdf', data: TEXT }]);
	assert.deepEqual(keysOf(r), ['err.upload.type'], 'not stored, and the member is told why');
	assert.equal(rows(`SELECT COUNT(*) FROM upload WHERE tenant = 'palliative' AND owner_uid = ${q(m.user.uid)} AND filename = 'x.pdf'`)[0][0], '0');
	assert.equal(sections(appOf(m.user.uid)[0]).training, 'progress');
});

test('PAL-8 PAL-9 業績書 takes PDFs only; 医師免許・受講証・受験用写真 take PDF, PNG or JPEG and nothing else; each section 登録済 when complete', async () => {
	const m = await member({ sup: reg.late });
	let r = await save(m.c, 'works/new', { kind: 'paper', title: '論文' }, [png('file')]);
	assert.deepEqual(keysOf(r), ['second.err.pdf']);
	r = await save(m.c, 'works/new', { kind: 'presentation', title: '学会発表' }, [{ name: 'file', filename: 'a.txt', type: 'text/plain', data: TEXT }]);
	assert.deepEqual(keysOf(r), ['err.upload.type']);
	const w = (await m.c.model(`${BASE}/works/new`)).body;
	assert.match(w, /<field name="file"[^>]*accept="application\/pdf,\.pdf"/);
	r = await save(m.c, 'works/new', { kind: 'paper', title: '論文' }, [pdf('file')]);
	assert.equal(r.status, 303, gist(r));
	// The refused rows were kept as typed (登録中) until deleted.
	let app = appOf(m.user.uid)[0];
	assert.equal(sections(app).works, 'progress');
	const x = (await m.c.model(`${BASE}/works`)).body;
	for (const [, id] of x.matchAll(/<row id="(\d+)" valid="0"/g)) {
		const d = await m.c.postRaw(`${BASE}/works/${id}/delete`, { csrf: csrfOf(x) });
		assert.equal(d.status, 303, gist(d));
	}
	assert.equal(sections(app).works, 'done');
	// Section 4: a text file refused, with what else was sent kept.
	r = await save(m.c, 'documents', {}, [pdf('licence'), { name: 'course', filename: 'c.txt', type: 'text/plain', data: TEXT }, png('photo')]);
	assert.equal(r.status, 200, gist(r));
	assert.deepEqual(keysOf(r), ['err.upload.type']);
	assert.match(r.body, /<field name="course"[^>]*>[\s\S]*?<error key="err\.upload\.type"/);
	assert.equal(rows(`SELECT COUNT(*) FROM upload WHERE tenant = 'palliative' AND owner_uid = ${q(m.user.uid)} AND filename = 'c.txt'`)[0][0], '0');
	assert.equal(sections(app).documents, 'progress');
	r = await save(m.c, 'documents', {}, [pdf('course')]);
	assert.equal(r.status, 303, gist(r));
	assert.deepEqual(sections(app), { works: 'done', documents: 'done' });
});
