// 二次申請 as the office and the PDF see it (PAL-11, PAL-12, CORE-20,
// CORE-12): the PDF of the submitted application (xslt/pdf/second.xsl)
// carries 認定要件 with each line's state, the July expectations as
// submitted and the 学歴・職歴 rows typed; a draft's PDF is marked
// 申請未完了; the office's review page shows the submitted snapshot with
// the panel; what was typed survives the session's end (server-side
// draft): signed in again, the member finds it as it was.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { createUser, signIn, sql, q, rows, resetThrottle, gist, sidHash } from './auth.mjs';
import { pdfText } from './pdf.mjs';
import { BASE, openWindows, registry, member, save, fillAll, submit, appOf, RESUME } from './second.mjs';

let restore;
let reg;

before(() => {
	resetThrottle();
	restore = openWindows();
	reg = registry();
});
after(() => restore());

test('PAL-11 CORE-20: the PDF of the submitted 二次申請 has 認定要件, the July expectations and the 学歴・職歴 rows; a draft\'s says 申請未完了', async () => {
	const m = await member({ sup: reg.late });
	let r = await save(m.c, 'resume', RESUME);
	assert.equal(r.status, 303, gist(r));
	const draft = await m.c.get(`${BASE}/pdf`);
	assert.equal(draft.status, 200);
	assert.match(pdfText(draft.raw), /申請未完了/);
	await fillAll(m.c, reg);
	r = await submit(m.c, { course: '1' });
	assert.equal(r.status, 303, gist(r));
	const pdf = await m.c.get(`${BASE}/pdf`);
	assert.equal(pdf.headers['content-type'], 'application/pdf');
	const text = pdfText(pdf.raw).replace(/\s+/g, ' ');
	// (Key cells wrap: only what fits on one line is looked for.)
	for (const s of ['認定要件4', '20例の症例報告書', '本学会教育セミ', '2年以上の会員歴',
		'当該年度会費の納', '✓ 満たしています', '本申請に7月時点の見込み実績を含むものをご選択ください。',
		'〇〇大学医学部 入学', '2014-03-31', '〇〇病院 初期研修', '二次試験病院'])
		assert.ok(text.includes(s), `PDF has ${s}`);
	assert.doesNotMatch(text, /申請未完了/);
	// The course box was ticked, the others not.
	assert.equal((text.match(/✓ 満たしています/g) || []).length, 4);
	assert.equal((text.match(/☑/g) || []).length, 1);
	assert.equal((text.match(/☐/g) || []).length, 3);
	assert.match(text, /緩和ケア研修会・指導者研修 ☑/);
});

test('PAL-12: the office reviews the submitted snapshot with the requirement panel and the July expectations', async () => {
	const m = await member({ sup: reg.late });
	await fillAll(m.c, reg);
	assert.equal((await submit(m.c, { experience: '1' })).status, 303);
	const [id] = appOf(m.user.uid);
	const staff = createUser('palliative', { roles: ['tenant_admin'], tag: 'p2r' });
	const s = await signIn(staff.host, staff.ident, staff.password, { enrol: true });
	// (The queue lists the oldest first, a page at a time: after a bench
	// it may not show this one on its first page; its page is enough.)
	const queue = await s.get('/review?offering=second');
	assert.equal(queue.status, 200);
	const x = await s.model(`/review/${id}`);
	assert.equal(x.status, 200, gist(x));
	assert.match(x.body, /<requirement name="cases"[^>]* state="met"/);
	assert.match(x.body, /<expect name="experience"[^>]* checked="1"/);
	assert.match(x.body, /<section name="training"[^>]* state="done"/);
});

test('CORE-12 PAL-6: what was typed survives the session\'s end: signed in again, the draft is there, errors and all', async () => {
	const m = await member({ sup: reg.late });
	const r = await save(m.c, 'resume', { ...RESUME, 'car.2.date': '2015-13-01', 'car.2.text': '途中' });
	assert.equal(r.status, 200, gist(r));
	sql(`DELETE FROM session WHERE id_hash = ${q(sidHash(m.c.sid))}`);
	assert.equal((await m.c.get(`${BASE}/resume`)).status, 303);
	const again = await signIn(m.user.host, m.user.ident, m.user.password);
	const x = await again.model(`${BASE}/resume`);
	assert.match(x.body, /<value>2015-13-01<\/value>/);
	assert.match(x.body, /<value>途中<\/value>/);
	assert.match(x.body, /<field name="car\.2\.date"[^>]*>[\s\S]*?<error key="err\.date-exist"/);
});

test('PAL-12: the office filters the review queue by exam site (一次申請\'s first choice); a filter on an unknown site lists nothing', async () => {
	const sites = rows("SELECT code FROM certify_exam_site WHERE tenant = 'palliative' AND active = 1 ORDER BY sort, id LIMIT 2").map((r) => r[0]);
	assert.equal(sites.length, 2, 'the demo has exam sites');
	const numbers = [];
	for (const site of sites) {
		const m = await member({ sup: reg.late });
		const [first] = rows(`SELECT a.id FROM app a JOIN offering o ON o.id = a.offering_id WHERE a.uid = ${q(m.user.uid)} AND o.kind = 'first'`)[0];
		sql(`INSERT INTO app_value (app_id, section, row_id, field, value) VALUES (${first}, 'first', 0, 'site1', ${q(site)})`);
		await fillAll(m.c, reg);
		assert.equal((await submit(m.c)).status, 303);
		numbers.push(appOf(m.user.uid)[2]);
	}
	const staff = createUser('palliative', { roles: ['tenant_admin'], tag: 'p2t' });
	const s = await signIn(staff.host, staff.ident, staff.password, { enrol: true });
	const all = await s.get('/review?offering=second');
	assert.match(all.body, /筆記試験受験希望地（第一希望）/);
	assert.match(all.body, new RegExp(`<option value="${sites[0]}">`));
	const one = await s.get(`/review?offering=second&tag=${encodeURIComponent(sites[0])}`);
	assert.equal(one.status, 200);
	assert.ok(one.body.includes(numbers[0]), 'the first site\'s applicant');
	assert.ok(!one.body.includes(numbers[1]), 'not the second site\'s');
	const two = await s.get(`/review?offering=second&tag=${encodeURIComponent(sites[1])}`);
	assert.ok(two.body.includes(numbers[1]) && !two.body.includes(numbers[0]), 'the second site\'s only');
	const none = await s.get('/review?tag=NO-SUCH-SITE');
	assert.ok(!numbers.some((n) => none.body.includes(n)));
});
