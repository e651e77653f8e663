// 申請を完了する (ONC-13, seed 003): every shortfall in the seed's words
// and order — 業績単位 short with the current total, neither a meeting
// nor both seminars A and B, each required document not registered —
// then the confirmation step, then 書類確認中 with every document locked
// (a POST to any of them refused), the mail, and the credit rules of the
// tenant (the needed total, which kinds count).

import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import { rows, sql, q, resetThrottle } from './auth.mjs';
import {
	BASE, YEAR, FORMS, openWindows, specialist, save, fillAll, addSeminar,
	shortfallTexts,
} from './renewal.mjs';

before(() => {
	resetThrottle();
	openWindows();
});

test('ONC-13 every shortfall in the seed\'s words and order; completion refused', async () => {
	const { u, c } = await specialist();
	addSeminar(u.uid, { on: `${YEAR - 1}-07-06`, units: 10, title: 'Best of ASCO' });
	assert.equal((await save(c, 'paper', { ...FORMS.paper, units: '0' })).status, 303);
	const expected = [
		'業績単位が不足しています (現在 10 単位)',
		'「学会に 1 回以上参加」「セミナー A B の双方に参加」のいずれも満たされていません',
		'申請書類 [履歴書] が未登録です',
		'申請書類 [プロフィール] が未登録です',
		'申請書類 [研究活動歴] が未登録です',
		'申請書類 [業績目録] が未登録です',
	];
	const top = await c.get(BASE);
	assert.deepEqual(shortfallTexts(top.body), expected);
	assert.match(top.body, /申請完了要件/);
	const conf = await c.get(`${BASE}/confirm`);
	assert.deepEqual(shortfallTexts(conf.body), expected);
	assert.doesNotMatch(conf.body, /申請を完了してよろしいですか/);
	const post = await c.post(`${BASE}/confirm`, {}, { formPage: BASE });
	assert.equal(post.status, 409);
	assert.deepEqual(shortfallTexts(post.body), expected);
	assert.equal(rows(`SELECT state FROM app WHERE uid = ${q(u.uid)}`)[0][0], 'draft');
});

test('ONC-13 seminars A and B instead of a meeting; a document with errors is named', async () => {
	const { u, c } = await specialist();
	await fillAll(c);
	sql_delete_meetings(u.uid);
	addSeminar(u.uid, { on: `${YEAR - 2}-07-02`, units: 10, series: 'A' });
	let t = shortfallTexts((await c.get(BASE)).body);
	assert.ok(t.includes('「学会に 1 回以上参加」「セミナー A B の双方に参加」のいずれも満たされていません'), t.join('|'));
	addSeminar(u.uid, { on: `${YEAR - 1}-01-20`, units: 10, series: 'B' });
	t = shortfallTexts((await c.get(BASE)).body);
	assert.deepEqual(t, [], 'A and B: no meeting needed; 30 + 20 credits');
	// A document saved with an error stands in the way, named.
	await c.post(`${BASE}/resume`, { ...FORMS.resume, grad_ym: 'x' });
	t = shortfallTexts((await c.get(BASE)).body);
	assert.deepEqual(t, ['申請書類 [履歴書] に入力内容の誤りまたは不足があります']);
});

/** The member's 学会参加 rows and that section's state, as if never typed. */
function sql_delete_meetings(uid) {
	for (const [id] of rows(`SELECT id FROM app WHERE uid = ${q(uid)}`)) {
		sql(`DELETE FROM app_value WHERE app_id = ${id} AND section = 'meeting'`);
		sql(`DELETE FROM app_section WHERE app_id = ${id} AND section = 'meeting'`);
	}
}

test('ONC-13 complete: the confirmation step, 書類確認中, every document locked, mail', async () => {
	const { u, c } = await specialist();
	addSeminar(u.uid, { on: `${YEAR - 1}-07-06`, units: 10 });
	await fillAll(c);
	const top = await c.get(BASE);
	assert.deepEqual(shortfallTexts(top.body), []);
	const conf = await c.get(`${BASE}/confirm`);
	assert.match(conf.body, /申請を完了すると申請書が確定され編集ができなくなります。申請を完了してよろしいですか？/);
	assert.match(conf.body, /編集画面に戻る/);
	const done = await c.post(`${BASE}/confirm`, {});
	assert.equal(done.status, 303);
	assert.equal(done.location, `${BASE}?done=submitted`);
	assert.equal(rows(`SELECT state FROM app WHERE uid = ${q(u.uid)}`)[0][0], 'submitted');
	const after = await c.get(BASE);
	assert.match(after.body, /書類確認中/);
	assert.doesNotMatch(after.body, /href="\/application\/renewal\/confirm"/, 'no second completion');
	// Every document refuses a change now (ONC-13: locked).
	const csrf = await c.csrf(BASE);
	for (const [p, form] of [
		[`${BASE}/resume`, FORMS.resume], [`${BASE}/profile`, FORMS.profile],
		[`${BASE}/record`, FORMS.record], [`${BASE}/activity/new`, FORMS.activity],
		[`${BASE}/meeting/new`, FORMS.meeting], [`${BASE}/paper/new`, FORMS.paper],
		[`${BASE}/activity/1`, FORMS.activity], [`${BASE}/meeting/1/delete`, {}],
	]) {
		const r = await c.postRaw(p, { csrf, ...form });
		assert.equal(r.status, 409, p);
		assert.match(r.body, /申請済みです。|申請は完了しています/, p);
	}
	assert.equal(rows(`SELECT COUNT(*) FROM app_value v JOIN app a ON a.id = v.app_id WHERE a.uid = ${q(u.uid)} AND v.section = 'activity'`)[0][0], String(Object.keys(FORMS.activity).length));
	const docs = await c.get(`${BASE}/documents`);
	assert.match(docs.body, /申請は完了しています。申請書類は編集できません。/);
	assert.equal(rows(`SELECT COUNT(*) FROM outbox WHERE rcpt = ${q(u.mail)} AND template = 'apply_submitted'`)[0][0], '1', 'mailed');
	assert.equal(rows(`SELECT COUNT(*) FROM audit WHERE actor = ${q(u.uid)} AND action = 'apply.submit'`)[0][0], '1', 'audited');
	// A second completion (another tab): the one that was made.
	const again = await c.postRaw(`${BASE}/confirm`, { csrf });
	assert.equal(again.status, 303);
	assert.match(again.location, /done=dup/);
});
