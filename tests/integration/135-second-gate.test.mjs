// 二次申請 (PAL-5, seed 002 page 7-8): only after this year's 一次申請,
// refused before it with the seed's own sentence (on the menu, the top
// page and any POST, nothing stored); the requirement panel worked out
// from the records — 20 approved case reports or the exemption, the
// education seminar in the credit ledger, two years of membership
// counted to 31 July, this fiscal year's dues or 「手続き中」.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { rows, q, csrfOf, errorKeys, gist, resetThrottle } from './auth.mjs';
import { BASE, YEAR, openWindows, registry, member, fileFirst, save, RESUME } from './second.mjs';

const REASON = '受付期間外、もしくは一次申請が未申請のため申請できません。';
let restore;
let reg;

before(() => {
	resetThrottle();
	restore = openWindows();
	reg = registry();
});
after(() => restore());

/** The panel's lines: name → state. */
function panel(xml) {
	return Object.fromEntries([...xml.matchAll(/<requirement name="(\w+)"[^>]* state="(\w+)"/g)].map((m) => [m[1], m[2]]));
}

test('PAL-5 二次申請 before this year\'s 一次申請 is refused with the seed\'s reason: menu, top page, a save (409, nothing stored)', async () => {
	const m = await member({ first: false, sup: reg.late });
	const top = await m.c.get(BASE);
	assert.equal(top.status, 200, gist(top));
	assert.ok(top.body.includes(REASON), 'the top page says why');
	const menu = await m.c.get('/certify/specialist');
	assert.equal(menu.status, 200, gist(menu));
	assert.ok(menu.body.includes(REASON), 'the 専門医 menu says why');
	const x = await m.c.model(BASE);
	assert.match(x.body, /can-edit="0"/);
	const r = await save(m.c, 'resume', RESUME);
	assert.equal(r.status, 409, gist(r));
	assert.deepEqual(errorKeys(r.body), ['certify.why.after-first']);
	assert.equal(rows(`SELECT COUNT(*) FROM app a JOIN offering o ON o.id = a.offering_id WHERE a.uid = ${q(m.user.uid)} AND o.kind = 'second'`)[0][0], '0');
	// A draft 一次 is no 一次申請 either.
	fileFirst(m.user.uid, 'draft');
	const again = await save(m.c, 'resume', RESUME);
	assert.equal(again.status, 409, gist(again));
	// Submitted: the window, and the section is saved.
	const sub = rows(`SELECT a.id FROM app a JOIN offering o ON o.id = a.offering_id WHERE a.uid = ${q(m.user.uid)} AND o.kind = 'first'`)[0][0];
	rows(`UPDATE app SET state = 'submitted', submitted_at = NOW(), version = 1 WHERE id = ${sub}`);
	const ok = await save(m.c, 'resume', RESUME);
	assert.equal(ok.status, 303, gist(ok));
	const top2 = await m.c.get(BASE);
	assert.ok(!top2.body.includes(REASON));
});

test('PAL-5 the requirement panel: each line met or not from the records, 19 cases short, exemption, no seminar, membership to 31 July, dues 手続き中', async () => {
	const all = await member({ sup: reg.late });
	assert.deepEqual(panel((await all.c.model(BASE)).body), { cases: 'met', seminar: 'met', member: 'met', dues: 'met' });
	const short = await member({ cases: 19, seminar: 0, joined: `${YEAR - 2}-08-02`, dues: 0, sup: reg.late });
	const x = (await short.c.model(BASE)).body;
	assert.deepEqual(panel(x), { cases: 'short', seminar: 'short', member: 'short', dues: 'short' });
	assert.match(x, /<requirement name="cases"[^>]* count="19"/);
	assert.match(x, /<requirement name="member"[^>]* years="1"/);
	// Each unmet line is a shortfall: the server will say what is missing.
	for (const k of ['second.short.cases', 'second.short.seminar', 'second.short.member', 'second.short.dues'])
		assert.match(x, new RegExp(`<shortfall key="${k.replace(/\./g, '\\.')}"`), k);
	const page = await short.c.get(BASE);
	assert.match(page.body, /20例の症例報告書\(承認済\)/);
	assert.match(page.body, /本学会教育セミナーの受講/);
	assert.match(page.body, /2年以上の会員歴/);
	assert.match(page.body, /当該年度会費の納入/);
	assert.match(page.body, /name="dues_pending"/, 'the 手続き中 box beside unpaid dues');
	// Joined on 1 August two years before: two years at 31 July.
	const edge = await member({ joined: `${YEAR - 2}-08-01`, sup: reg.late });
	assert.equal(panel((await edge.c.model(BASE)).body).member, 'met');
	// Exempt from the case reports: met without a single case.
	const ex = await member({ cases: 0, exempt: 1, sup: reg.late });
	assert.equal(panel((await ex.c.model(BASE)).body).cases, 'exempt');
	assert.doesNotMatch((await ex.c.model(BASE)).body, /second\.short\.cases/);
});
