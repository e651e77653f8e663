// 学歴・職歴 rows deleted by 「×」 (PAL-6, seed 002 page 9: 「行数の削除
// は、欄外右側の「×」ボタンで削除できます。※2行以下にはなりません。」):
// each slot has its × — a submit button of the section's form, so it
// works without JavaScript —, the slot goes and the ones after it move up,
// what else was typed in the form is saved with it, two rows are still
// shown, and Enter in a field saves rather than deleting a row.  The same
// on 更新 and 移行二次, which use 二次's section by table.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { csrfOf, gist, resetThrottle, errorKeys, auditRows, q } from './auth.mjs';
import { BASE, openWindows, registry, member, multipart, RESUME, appOf, sections } from './second.mjs';

let restore;
let reg;

before(() => {
	resetThrottle();
	restore = openWindows();
	reg = registry();
});
after(() => restore());

/** The values of the resume form: name → value. */
async function values(c) {
	const x = (await c.model(`${BASE}/resume`)).body;
	return Object.fromEntries([...x.matchAll(/<field name="((?:edu|car)\.\d+\.(?:date|text))"[^>]*>(?:(?!<\/field>)[\s\S])*?<value>([^<]*)<\/value>/g)].map((m) => [m[1], m[2]]));
}

async function post(c, fields) {
	const f = await c.model(`${BASE}/resume`);
	const mp = multipart({ csrf: csrfOf(f.body), ...fields });
	return c.req('POST', `${BASE}/resume`, { raw: mp.body, headers: { 'content-type': mp.type }, xml: true });
}

const FOUR = {
	...RESUME,
	'edu.3.date': '2014-04-01', 'edu.3.text': '大学院 入学',
	'edu.4.date': '2018-03-31', 'edu.4.text': '大学院 修了',
};

test('PAL-6 each 学歴・職歴 row has its × (a button of the form: no script), and the first button of the form saves', async () => {
	const m = await member({ sup: reg.late });
	const html = (await m.c.get(`${BASE}/resume`)).body;
	for (const l of ['edu', 'car'])
		for (let i = 1; i <= 10; i++)
			assert.match(html, new RegExp(`<button type="submit" name="drop" value="${l}\\.${i}"`), `${l}.${i}`);
	assert.ok(html.includes('学歴 3行目を削除'), 'the × says what it deletes');
	// Enter in a field submits with the form's first submit button: save.
	const form = /<form class="form second-resume"[\s\S]*?<\/form>/.exec(html)[0];
	assert.match(/<button[^>]*>/.exec(form)[0], /name="op" value="save"/);
});

test('PAL-6 × deletes the row: the rows after it move up, the rest typed is saved, 登録済 kept; audited as a save', async () => {
	const m = await member({ sup: reg.late });
	let r = await post(m.c, { op: 'save', ...FOUR });
	assert.equal(r.status, 303, gist(r));
	// × on 学歴 2 with a change to 職歴 1 typed in the same form.
	r = await post(m.c, { drop: 'edu.2', ...FOUR, 'car.1.text': '〇〇病院 後期研修' });
	assert.equal(r.status, 303, gist(r));
	assert.match(r.headers.location, /\/application\/second\/resume\?done=saved$/, 'back to the form');
	const v = await values(m.c);
	assert.equal(v['edu.1.text'], RESUME['edu.1.text']);
	assert.equal(v['edu.2.date'], '2014-04-01');
	assert.equal(v['edu.2.text'], '大学院 入学');
	assert.equal(v['edu.3.text'], '大学院 修了');
	assert.equal(v['edu.4.date'] ?? '', '');
	assert.equal(v['edu.4.text'] ?? '', '');
	assert.equal(v['car.1.text'], '〇〇病院 後期研修');
	assert.equal(sections(appOf(m.user.uid)[0]).resume, 'done');
	// Two rows shown still (「2行以下にはなりません」) after deleting down to one.
	r = await post(m.c, { drop: 'edu.2', ...(await values(m.c)), years: '6' });
	r = await post(m.c, { drop: 'edu.2', ...(await values(m.c)), years: '6' });
	assert.equal(r.status, 303, gist(r));
	const x = (await m.c.model(`${BASE}/resume`)).body;
	assert.doesNotMatch(x, /<field name="edu\.2\.date"[^>]*more="1"/);
	assert.match(x, /<field name="edu\.3\.date"[^>]*more="1"/);
	assert.ok(auditRows(`actor = ${q(m.user.uid)} AND action = 'apply.save'`).length >= 4, 'each save audited');
});

test('PAL-6 × on the only 学歴 row leaves it blank and the form says the first row is required; a stray drop value is ignored', async () => {
	const m = await member({ sup: reg.late });
	let r = await post(m.c, { op: 'save', ...RESUME });
	assert.equal(r.status, 303, gist(r));
	r = await post(m.c, { drop: 'edu.1', ...RESUME, 'edu.2.date': '', 'edu.2.text': '' });
	assert.equal(r.status, 200, gist(r));
	assert.deepEqual([...new Set(errorKeys(r.body))], ['err.required']);
	assert.match(r.body, /<field name="edu\.1\.date"[^>]*>[\s\S]*?<error key="err\.required"/);
	assert.equal(sections(appOf(m.user.uid)[0]).resume, 'progress');
	for (const bad of ['edu.0', 'edu.11', 'xyz.1', 'edu.1x', 'edu']) {
		r = await post(m.c, { drop: bad, ...RESUME });
		assert.equal(r.status, 303, `${bad}: ${gist(r)}`);
		assert.equal((await values(m.c))['edu.2.text'], RESUME['edu.2.text'], bad);
	}
});
