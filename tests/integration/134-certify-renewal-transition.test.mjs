// 専門医移行申請（二次申請） and 専門医更新申請 as real offerings (PAL-2,
// PAL-5..PAL-11, seed 002 page 3): 移行二次 is 新規二次 by the same table
// — after this year's 移行一次 only (the seed's sentence before it), the
// requirement panel, the four sections, the July expectations, submit
// refused listing what is missing, final; 更新 only for a specialist
// (lapsed included: 「専門医(失効者含む)でないため申請できません。」),
// sections 1 申請書・履歴書 and 3 業績書 of the same table and the
// panel's dues line, no July expectations.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { rows, sql, q, csrfOf, errorKeys, gist, resetThrottle, signIn, createUser } from './auth.mjs';
import {
	HOST, YEAR, jst, openWindows, registry, member, multipart, pdf, png, RESUME, certRow, offeringId,
} from './second.mjs';

const AFTER_FIRST = '受付期間外、もしくは一次申請が未申請のため申請できません。';
const NOT_SPECIALIST = '専門医(失効者含む)でないため申請できません。';
let restore;
let saved;
let reg;

function setWindow(kind, open, close) {
	sql(`INSERT INTO offering (tenant, feature, kind, year, open_at, close_at) VALUES ('palliative', 'certify', ${q(kind)}, ${YEAR}, ${q(open)}, ${q(close)})
	    ON DUPLICATE KEY UPDATE open_at = VALUES(open_at), close_at = VALUES(close_at)`);
}

before(() => {
	resetThrottle();
	restore = openWindows();
	saved = rows(`SELECT kind, open_at, close_at FROM offering WHERE tenant = 'palliative' AND year = ${YEAR} AND kind IN ('transition-first', 'transition-second', 'renewal')`);
	for (const kind of ['transition-first', 'transition-second', 'renewal'])
		setWindow(kind, jst(-3600), jst(3 * 3600));
	reg = registry();
});
after(() => {
	restore();
	for (const [kind, o, c] of saved)
		sql(`UPDATE offering SET open_at = ${q(o)}, close_at = ${q(c)} WHERE tenant = 'palliative' AND kind = ${q(kind)} AND year = ${YEAR}`);
});

/** POST a section of kind's application (p under it) as the member would. */
async function save(c, kind, p, fields, files = []) {
	const f = await c.model(`/application/${kind}/${p}`);
	assert.equal(f.status, 200, `${kind}/${p}: ${gist(f)}`);
	const mp = multipart({ csrf: csrfOf(f.body), op: 'save', ...fields }, files);
	return c.req('POST', `/application/${kind}/${p}`, { raw: mp.body, headers: { 'content-type': mp.type }, xml: true });
}

async function submit(c, kind, boxes = {}) {
	const f = await c.model(`/application/${kind}`);
	return c.postRaw(`/application/${kind}/confirm`, { csrf: csrfOf(f.body), op: 'submit', ...boxes }, { xml: true });
}

function appOf(uid, kind) {
	return rows(`SELECT a.id, a.state, a.number FROM app a JOIN offering o ON o.id = a.offering_id WHERE a.uid = ${q(uid)} AND o.kind = ${q(kind)} ORDER BY a.id DESC LIMIT 1`)[0];
}

function fileTransitionFirst(uid) {
	sql(`INSERT INTO app (tenant, uid, offering_id, state, version, live, created_at, updated_at, submitted_at) VALUES ('palliative', ${q(uid)}, ${offeringId('transition-first')}, 'submitted', 1, 1, NOW(), NOW(), NOW())`);
}

/** A certificate of the society's specialist, lapsed in 2020. */
function lapsedSpecialist(uid) {
	sql(`INSERT INTO certificate (tenant, seq, number, code, uid, holder, kind, issued_on, expires_on)
	    SELECT 'palliative', COALESCE(MAX(seq), 0) + 1, CONCAT('SP-', COALESCE(MAX(seq), 0) + 1, '-', ${q(uid)}), LEFT(SHA2(${q(uid)}, 256), 26), ${q(uid)}, '緩和 更新', 'cert.kind.specialist', '2015-04-01', '2020-03-31'
	    FROM certificate WHERE tenant = 'palliative'`);
}

const panel = (xml) => Object.fromEntries([...xml.matchAll(/<requirement name="(\w+)"[^>]* state="(\w+)"/g)].map((m) => [m[1], m[2]]));
const sectionNames = (xml) => [...xml.matchAll(/<section name="(\w+)"/g)].map((m) => m[1]);
const shortKeys = (xml) => [...xml.matchAll(/<shortfall key="([^"]+)"(?: arg="[^"]*")?(?: arg-key="([^"]+)")?/g)].map((m) => m[2] ? `${m[1]}:${m[2]}` : m[1]);
const expects = (xml) => [...xml.matchAll(/<expect name="(\w+)"/g)].map((m) => m[1]);

test('PAL-2 PAL-5 移行二次 before this year\'s 移行一次 is refused with the seed\'s sentence (menu, top, a save: 409, nothing stored); a 新規一次 does not count', async () => {
	const m = await member({ first: true, sup: reg.late });
	const menu = await m.c.get('/certify/specialist');
	assert.equal(menu.status, 200, gist(menu));
	const line = /専門医移行申請 （二次申請）[\s\S]*?<\/(tr|li)>/.exec(menu.body)?.[0] || '';
	assert.ok(line.includes(AFTER_FIRST), `the menu's 移行二次 line says why: ${line}`);
	const top = await m.c.get('/application/transition-second');
	assert.equal(top.status, 200, gist(top));
	assert.ok(top.body.includes(AFTER_FIRST));
	const r = await save(m.c, 'transition-second', 'resume', RESUME);
	assert.equal(r.status, 409, gist(r));
	assert.deepEqual(errorKeys(r.body), ['certify.why.after-first']);
	assert.equal(appOf(m.user.uid, 'transition-second'), undefined, 'nothing stored');
	fileTransitionFirst(m.user.uid);
	const ok = await save(m.c, 'transition-second', 'resume', RESUME);
	assert.equal(ok.status, 303, gist(ok));
});

test('PAL-5 PAL-6..PAL-9 移行二次 is 二次 by the same table: the requirement panel, the four sections, the July expectations, the facility and supervisor searches', async () => {
	const m = await member({ first: false, cases: 19, sup: reg.late });
	fileTransitionFirst(m.user.uid);
	const x = (await m.c.model('/application/transition-second')).body;
	assert.deepEqual(panel(x), { cases: 'short', seminar: 'met', member: 'met', dues: 'met' });
	assert.deepEqual(sectionNames(x), ['resume', 'training', 'works', 'documents']);
	assert.deepEqual(expects(x), ['experience', 'certificate', 'achievements', 'course']);
	const html = (await m.c.get('/application/transition-second')).body;
	for (const s of ['認定要件4', '20例の症例報告書(承認済)', '本申請に7月時点の見込み実績を含むものをご選択ください。', '臨床研修修了証明書'])
		assert.ok(html.includes(s), s);
	// The certificate's form searches the registries as 二次's does.
	const f = await m.c.model(`/application/transition-second/training/new?fq=${encodeURIComponent(`二次試験病院${reg.tag}`)}`);
	assert.equal(f.status, 200, gist(f));
	assert.equal((f.body.match(new RegExp(`二次試験病院${reg.tag}`, 'g')) || []).length >= 2, true, 'listed once per certification');
	// The same checks: a period outside the supervisor's certification → the split hint.
	const r = await save(m.c, 'transition-second', 'training/new', { ...certRow(reg), supervisor: reg.early }, [pdf('file')]);
	assert.equal(r.status, 200, gist(r));
	assert.ok(errorKeys(r.body).some((k) => /split/.test(k)), errorKeys(r.body).join());
});

test('PAL-11 移行二次: submit refused listing the missing sections and the requirement short; all met → submitted once, expectations stored, then final (409)', async () => {
	const m = await member({ first: false, sup: reg.late });
	fileTransitionFirst(m.user.uid);
	let r = await save(m.c, 'transition-second', 'resume', RESUME);
	assert.equal(r.status, 303, gist(r));
	r = await submit(m.c, 'transition-second');
	assert.equal(r.status, 409, gist(r));
	assert.deepEqual(shortKeys(r.body), [
		'apply.short.blank:second.section.training',
		'apply.short.blank:second.section.works',
		'apply.short.blank:second.section.documents',
	]);
	r = await save(m.c, 'transition-second', 'training/new', certRow(reg), [pdf('file', '修了証明書.pdf')]);
	assert.equal(r.status, 303, gist(r));
	r = await save(m.c, 'transition-second', 'works/new', { kind: 'paper', title: '移行の業績' }, [pdf('file', '業績.pdf')]);
	assert.equal(r.status, 303, gist(r));
	r = await save(m.c, 'transition-second', 'documents', {}, [pdf('licence'), pdf('course'), png('photo')]);
	assert.equal(r.status, 303, gist(r));
	r = await submit(m.c, 'transition-second', { certificate: '1' });
	assert.equal(r.status, 303, gist(r));
	const [id, state, number] = appOf(m.user.uid, 'transition-second');
	assert.equal(state, 'submitted');
	assert.match(number, /^PT2/);
	assert.deepEqual(rows(`SELECT experience, certificate, achievements, course FROM second_expect WHERE app_id = ${id}`)[0], ['0', '1', '0', '0']);
	assert.match(rows(`SELECT xml FROM app_snapshot WHERE app_id = ${id}`)[0][0], /<expect name="certificate"[^>]* checked="1"/);
	const again = await save(m.c, 'transition-second', 'resume', RESUME);
	assert.equal(again.status, 409, gist(again));
	assert.ok((await m.c.get('/certify/specialist')).body.includes('申請済みです。'));
	// Its PDF is 二次's print.
	const p = await m.c.get('/application/transition-second/pdf');
	assert.equal(p.status, 200, gist(p));
	assert.match(p.headers['content-type'], /application\/pdf/);
	// The office's queue: filtered by the exam site of 移行一次, as 二次 by 一次's.
	const site = rows("SELECT code FROM certify_exam_site WHERE tenant = 'palliative' AND active = 1 ORDER BY sort, id LIMIT 2").map((x) => x[0]);
	const [t1] = rows(`SELECT a.id FROM app a JOIN offering o ON o.id = a.offering_id WHERE a.uid = ${q(m.user.uid)} AND o.kind = 'transition-first'`)[0];
	sql(`INSERT INTO app_value (app_id, section, row_id, field, value) VALUES (${t1}, 'first', 0, 'site1', ${q(site[0])})`);
	const staff = createUser('palliative', { roles: ['tenant_admin'], tag: 'p2tt' });
	const s = await signIn(staff.host, staff.ident, staff.password, { enrol: true });
	const all = await s.get('/review?offering=transition-second');
	assert.match(all.body, /筆記試験受験希望地（第一希望）/);
	assert.ok((await s.get(`/review?offering=transition-second&tag=${encodeURIComponent(site[0])}`)).body.includes(number));
	assert.ok(!(await s.get(`/review?offering=transition-second&tag=${encodeURIComponent(site[1])}`)).body.includes(number));
});

test('PAL-2 更新 for a non-specialist is refused with the seed\'s sentence (menu, top, a save: 409, nothing stored)', async () => {
	const m = await member({ first: false, sup: reg.late });
	assert.ok((await m.c.get('/certify/specialist')).body.includes(NOT_SPECIALIST));
	const top = await m.c.get('/application/renewal');
	assert.equal(top.status, 200, gist(top));
	assert.ok(top.body.includes(NOT_SPECIALIST));
	const r = await save(m.c, 'renewal', 'resume', RESUME);
	assert.equal(r.status, 409, gist(r));
	assert.deepEqual(errorKeys(r.body), ['certify.why.not-specialist']);
	assert.equal(appOf(m.user.uid, 'renewal'), undefined);
});

test('PAL-2 更新 for a lapsed specialist: 申請書・履歴書 and 業績書 of 二次\'s table, the dues line only, no July boxes; dues unpaid refused, 手続き中 submits; PDF', async () => {
	const m = await member({ first: false, cases: 0, seminar: 0, dues: 0, sup: reg.late });
	lapsedSpecialist(m.user.uid);
	const c = await signIn(HOST, m.user.ident, m.user.password);
	const x = (await c.model('/application/renewal')).body;
	assert.deepEqual(panel(x), { dues: 'short' });
	assert.deepEqual(sectionNames(x), ['resume', 'works']);
	assert.deepEqual(expects(x), []);
	const html = (await c.get('/application/renewal')).body;
	assert.ok(!html.includes('本申請に7月時点の見込み実績を含むものをご選択ください。'));
	assert.ok(html.includes('当該年度会費の納入'));
	for (const w of ['1. 申請書・履歴書', '2. 業績書', '専門医更新 申請'])
		assert.ok(html.includes(w), w);
	assert.ok(!html.includes('臨床研修修了証明書'), 'no 二次-only section');
	// The same resume checks as 二次's.
	let r = await save(c, 'renewal', 'resume', { ...RESUME, 'edu.1.date': '2010-04-0' });
	assert.equal(r.status, 200, gist(r));
	assert.deepEqual([...new Set(errorKeys(r.body))], ['err.date']);
	r = await save(c, 'renewal', 'resume', RESUME);
	assert.equal(r.status, 303, gist(r));
	r = await submit(c, 'renewal');
	assert.equal(r.status, 409, gist(r));
	assert.deepEqual(shortKeys(r.body), ['apply.short.blank:second.section.renewal.works', 'second.short.dues']);
	r = await save(c, 'renewal', 'works/new', { kind: 'paper', title: '更新の業績' }, [pdf('file')]);
	assert.equal(r.status, 303, gist(r));
	r = await submit(c, 'renewal');
	assert.deepEqual(shortKeys(r.body), ['second.short.dues']);
	r = await submit(c, 'renewal', { dues_pending: '1' });
	assert.equal(r.status, 303, gist(r));
	const [id, state, number] = appOf(m.user.uid, 'renewal');
	assert.equal(state, 'submitted');
	assert.match(number, /^PR/);
	const snap = rows(`SELECT xml FROM app_snapshot WHERE app_id = ${id}`)[0][0];
	assert.match(snap, /<requirement name="dues"[^>]* state="pending"/);
	assert.doesNotMatch(snap, /<requirement name="cases"/);
	const p = await c.get('/application/renewal/pdf');
	assert.equal(p.status, 200, gist(p));
	assert.match(p.headers['content-type'], /application\/pdf/);
});
