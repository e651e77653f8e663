// 二次申請's submission (PAL-10, PAL-11, seed 002 pages 8, 14-15): only
// when every requirement is met and all four sections are 登録済 — the
// server refuses otherwise, listing what is missing; the four July
// expectations and 手続き中 stored with the submission and in its
// snapshot; final (an edit after it is refused), mailed, its PDF; the
// office returns it with a comment, the member fixes and submits again.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import {
	rows, q, csrfOf, errorKeys, gist, resetThrottle, createUser, signIn, waitMail,
} from './auth.mjs';
import {
	BASE, openWindows, registry, member, save, fillAll, appOf, sections, submit, RESUME,
} from './second.mjs';

let restore;
let reg;

before(() => {
	resetThrottle();
	restore = openWindows();
	reg = registry();
});
after(() => restore());

const shortKeys = (xml) => [...xml.matchAll(/<shortfall key="([^"]+)"(?: arg="[^"]*")?(?: arg-key="([^"]+)")?/g)].map((m) => m[2] ? `${m[1]}:${m[2]}` : m[1]);

test('PAL-11 submit with a section missing is refused, listing each section not 登録済; nothing submitted', async () => {
	const m = await member({ sup: reg.late });
	let r = await save(m.c, 'resume', RESUME);
	assert.equal(r.status, 303, gist(r));
	r = await submit(m.c);
	assert.equal(r.status, 409, gist(r));
	assert.deepEqual(errorKeys(r.body), ['apply.err.shortfalls']);
	assert.deepEqual(shortKeys(r.body), [
		'apply.short.blank:second.section.training',
		'apply.short.blank:second.section.works',
		'apply.short.blank:second.section.documents',
	]);
	const [id, state] = appOf(m.user.uid);
	assert.equal(state, 'draft');
	assert.equal(rows(`SELECT COUNT(*) FROM app_snapshot WHERE app_id = ${id}`)[0][0], '0');
	const page = await m.c.get(`${BASE}/confirm`);
	assert.match(page.body, /臨床研修修了証明書/);
});

test('PAL-11 a requirement not met refuses the submission with its line; 「手続き中」 declared with the submission meets the dues', async () => {
	const m = await member({ dues: 0, sup: reg.late });
	await fillAll(m.c, reg);
	let r = await submit(m.c);
	assert.equal(r.status, 409, gist(r));
	assert.deepEqual(shortKeys(r.body), ['second.short.dues']);
	const ns = await member({ seminar: 0, cases: 19, sup: reg.late });
	await fillAll(ns.c, reg);
	r = await submit(ns.c, { dues_pending: '1' });
	assert.equal(r.status, 409);
	assert.deepEqual(shortKeys(r.body), ['second.short.cases', 'second.short.seminar']);
	// 手続き中: submitted, and stored with it.
	r = await submit(m.c, { dues_pending: '1' });
	assert.equal(r.status, 303, gist(r));
	const [id, state] = appOf(m.user.uid);
	assert.equal(state, 'submitted');
	assert.equal(rows(`SELECT dues_pending FROM second_expect WHERE app_id = ${id}`)[0][0], '1');
	assert.match(rows(`SELECT xml FROM app_snapshot WHERE app_id = ${id}`)[0][0], /<requirement name="dues"[^>]* state="pending"/);
});

test('PAL-10 PAL-11 submitted end to end: July expectations stored and in the snapshot, final, mailed, PDF; an edit after it refused (409)', async () => {
	const m = await member({ sup: reg.late });
	await fillAll(m.c, reg);
	const [id] = appOf(m.user.uid);
	assert.deepEqual(sections(id), { resume: 'done', training: 'done', works: 'done', documents: 'done' });
	const top = await m.c.get(BASE);
	for (const s of ['本申請に7月時点の見込み実績を含むものをご選択ください。', '5年以上の緩和医療の臨床経験',
		'緩和ケア研修会・指導者研修会（緩和ケア）の受講', '専門医 申請'])
		assert.ok(top.body.includes(s), s);
	const r = await submit(m.c, { experience: '1', achievements: '1' });
	assert.equal(r.status, 303, gist(r));
	const [, state, number, version] = appOf(m.user.uid);
	assert.equal(state, 'submitted');
	assert.match(number, /^P2\d{4}-\d+$/);
	assert.equal(version, '1');
	assert.deepEqual(rows(`SELECT experience, certificate, achievements, course FROM second_expect WHERE app_id = ${id}`)[0], ['1', '0', '1', '0']);
	const snap = rows(`SELECT xml FROM app_snapshot WHERE app_id = ${id}`)[0][0];
	assert.match(snap, /<expect name="experience"[^>]* checked="1"/);
	assert.match(snap, /<expect name="certificate"[^>]* checked="0"/);
	assert.match(snap, /<expect name="achievements"[^>]* checked="1"/);
	// Mailed to the member.
	await waitMail(m.user.mail, (x) => x.body.includes(number));
	// The page says 申請済みです。 and shows the boxes as submitted.
	const after = await m.c.get(BASE);
	assert.match(after.body, /申請済みです。/);
	assert.match(after.body, /name="experience" value="1" checked disabled>/);
	assert.match(after.body, /name="certificate" value="1" disabled>/);
	assert.doesNotMatch(after.body, /id="second-submit"/);
	// An edit after the submission: refused, nothing changed.
	const before = rows(`SELECT COUNT(*) FROM app_value WHERE app_id = ${id}`)[0][0];
	for (const p of ['resume', 'training/new', 'works/new', 'documents']) {
		const e = await save(m.c, p, p === 'resume' ? { ...RESUME, years: '9' } : {});
		assert.equal(e.status, 409, `${p}: ${gist(e)}`);
		assert.deepEqual(errorKeys(e.body), ['apply.menu.applied']);
	}
	assert.equal(rows(`SELECT COUNT(*) FROM app_value WHERE app_id = ${id}`)[0][0], before);
	// A second submission changes nothing.
	const again = await submit(m.c, { course: '1' });
	assert.equal(again.status, 303);
	assert.equal(rows(`SELECT course FROM second_expect WHERE app_id = ${id}`)[0][0], '0');
	assert.equal(appOf(m.user.uid)[3], '1');
	// The PDF of the submitted application.
	const pdf = await m.c.get(`${BASE}/pdf`);
	assert.equal(pdf.status, 200);
	assert.equal(pdf.headers['content-type'], 'application/pdf');
	assert.ok(pdf.body.startsWith('%PDF-'));
});

test('PAL-11 returned by the office with a comment: the member edits and submits again (version 2)', async () => {
	const m = await member({ sup: reg.late });
	await fillAll(m.c, reg);
	assert.equal((await submit(m.c)).status, 303);
	const [id] = appOf(m.user.uid);
	const staff = createUser('palliative', { roles: ['tenant_admin'], tag: 'p2a' });
	const s = await signIn(staff.host, staff.ident, staff.password, { enrol: true });
	const page = await s.model(`/review/${id}`);
	assert.equal(page.status, 200, gist(page));
	const stage = /<field name="stage" type="hidden"><value>(\d+)<\/value>/.exec(page.body)[1];
	const version = /<field name="version" type="hidden"><value>(\d+)<\/value>/.exec(page.body)[1];
	const r = await s.postRaw(`/review/${id}`, { csrf: csrfOf(page.body), action: 'return', comment: '業績書の写しを差し替えてください。', stage, version });
	assert.equal(r.status, 303, gist(r));
	assert.equal(appOf(m.user.uid)[1], 'returned');
	const top = await m.c.get(BASE);
	assert.match(top.body, /業績書の写しを差し替えてください。/);
	const e = await save(m.c, 'resume', { ...RESUME, years: '7' });
	assert.equal(e.status, 303, gist(e));
	assert.equal((await submit(m.c, { course: '1' })).status, 303);
	const [, state, , v] = appOf(m.user.uid);
	assert.equal(state, 'submitted');
	assert.equal(v, '2');
	assert.equal(rows(`SELECT course FROM second_expect WHERE app_id = ${id}`)[0][0], '1');
	assert.equal(rows(`SELECT COUNT(*) FROM app_snapshot WHERE app_id = ${id}`)[0][0], '2');
});
