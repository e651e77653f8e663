// The renewal's documents (ONC-4..ONC-11, seed 003): 申請書類一覧 with the
// seven documents in the seed's order, their state and last update;
// each document's create / edit / delete, its rules and its limits —
// the 21st 研究活動歴 and the 31st 学会参加 / 論文 row refused with a
// message, プロフィール at 1,040 characters counted as characters, the
// 「個人情報の公開を希望しません」 refusal for a home contact, errors in red
// at the top with the field highlighted, 業績目録's grids and trials.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import { rows, q, errorKeys, resetThrottle } from './auth.mjs';
import { BASE, YEAR, FORMS, openWindows, specialist, save, addSeminar } from './renewal.mjs';

before(() => {
	resetThrottle();
	openWindows();
});

const ORDER = ['履歴書', 'プロフィール', '研究活動歴', '研究業績 学会参加',
    '研究業績 当会セミナー', '研究業績 論文', '業績目録'];

test('ONC-4 申請書類一覧: seven documents in order, blank until saved, then 登録中 and the time', async () => {
	const { c } = await specialist();
	let r = await c.get(`${BASE}/documents`);
	assert.equal(r.status, 200);
	const names = [...r.body.matchAll(/<tr class="renewal-doc renewal-doc-\w+"><td>([^<(]+)/g)].map((m) => m[1].trim());
	assert.deepEqual(names, ORDER);
	assert.doesNotMatch(r.body, /登録中/);
	assert.equal((await save(c, 'profile', FORMS.profile)).status, 303);
	r = await c.get(`${BASE}/documents`);
	const row = /<tr class="renewal-doc renewal-doc-profile">([\s\S]*?)<\/tr>/.exec(r.body)[1];
	assert.match(row, /<td class="doc-state">登録中<\/td>/);
	assert.match(row, /<td class="doc-updated">\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}<\/td>/);
	// The seed's tab bar on every document page, the current one marked.
	for (const doc of ['resume', 'profile', 'activity', 'meeting', 'seminar', 'paper', 'record']) {
		const p = await c.get(`${BASE}/${doc}`);
		assert.equal(p.status, 200, doc);
		assert.match(p.body, /<nav class="renewal-tabs"/, doc);
		assert.equal((p.body.match(/aria-current="page">/g) || []).length >= 1, true, doc);
	}
});

test('ONC-5 履歴書: required fields listed at the top in red, fields highlighted; saved as typed', async () => {
	const { u, c } = await specialist();
	const r = await c.post(`${BASE}/resume`, { school: '', grad_ym: '1995-13', base_number: '' });
	assert.equal(r.status, 200);
	assert.match(r.body, /class="[^"]*error-summary|role="alert"/, 'the error list at the top');
	assert.match(r.body, /has-error/, 'the fields highlighted');
	const m = (await c.post(`${BASE}/resume`, { school: '', grad_ym: '1995-13', base_number: '' }, { xml: true }));
	const keys = errorKeys(m.body);
	for (const k of ['err.required', 'renewal.err.ym', 'err.required-choice'])
		assert.ok(keys.includes(k), `${k} in ${keys}`);
	assert.equal(rows(`SELECT v.value FROM app_value v JOIN app a ON a.id = v.app_id WHERE a.uid = ${q(u.uid)} AND v.section = 'resume' AND v.field = 'grad_ym'`)[0][0], '1995-13', 'kept as typed');
	const ok = await save(c, 'resume', { ...FORMS.resume, private: '1' });
	assert.equal(ok.status, 303, 'a work contact may withhold the home');
});

test('ONC-5 「個人情報の公開を希望しません」 refused when the contact is the home', async () => {
	const { c } = await specialist({ contact: 'home' });
	const r = await save(c, 'resume', { ...FORMS.resume, private: '1' });
	assert.equal(r.status, 200);
	assert.match(r.body, /連絡先が「自宅」の方は「個人情報の公開を希望しません」を選択できません。/);
	assert.equal((await save(c, 'resume', FORMS.resume)).status, 303, 'without the box: saved');
});

test('ONC-6 プロフィール: 1,040 characters (CJK, emoji, combining marks) pass, 1,041 do not; required', async () => {
	const { c } = await specialist();
	for (const unit of ['腫', '😀', 'か\u3099'.normalize('NFD')]) {
		const per = [...unit].length;
		const at = unit.repeat(Math.floor(1040 / per));
		assert.equal([...at].length, 1040);
		assert.equal((await save(c, 'profile', { text: at })).status, 303, `1,040 of ${unit}`);
		const over = await save(c, 'profile', { text: at + 'x' });
		assert.equal(over.status, 200, `1,041 of ${unit}`);
		assert.match(over.body, /プロフィールは1,040字以内で入力してください。/);
	}
	const lines = 'あ\n'.repeat(520);	// browsers send CRLF: one each
	assert.equal((await c.post(`${BASE}/profile`, { text: lines.replace(/\n/g, '\r\n') })).status, 303);
	const empty = await save(c, 'profile', { text: '' });
	assert.equal(empty.status, 200);
	assert.ok(errorKeys((await c.post(`${BASE}/profile`, { text: '' }, { xml: true })).body).includes('err.required'));
	const page = await c.get(`${BASE}/profile`);
	assert.match(page.body, /\/assets\/renewal\.js/, 'the live counter where JavaScript runs');
});

test('ONC-7 研究活動歴: rows created, edited, deleted one by one; 20 at most, the 21st refused', async () => {
	const { u, c } = await specialist();
	assert.equal((await save(c, 'activity', FORMS.activity)).status, 303);
	const bad = await save(c, 'activity', { from: '2022-05', to: '2021-01', content: 'x' });
	assert.equal(bad.status, 200);
	assert.match(bad.body, /終了年月が開始年月より前になっています。/);
	const ids = () => rows(`SELECT DISTINCT v.row_id FROM app_value v JOIN app a ON a.id = v.app_id WHERE a.uid = ${q(u.uid)} AND v.section = 'activity' ORDER BY v.row_id`).map((x) => x[0]);
	const [first, second] = ids();
	// Edit the bad one, delete it.
	assert.equal((await c.post(`${BASE}/activity/${second}`, { from: '2019-01', to: '2019-12', content: '改' })).status, 303);
	assert.equal((await c.post(`${BASE}/activity/${second}/delete`, {}, { formPage: `${BASE}/activity` })).status, 303);
	assert.deepEqual(ids(), [first]);
	for (let i = 1; i < 20; i++)
		assert.equal((await save(c, 'activity', { from: `20${10 + (i % 10)}-01`, to: `20${10 + (i % 10)}-06`, content: `活動 ${i}` })).status, 303, `row ${i + 1}`);
	assert.equal(ids().length, 20);
	const r21 = await save(c, 'activity', FORMS.activity);
	assert.equal(r21.status, 409);
	assert.match(r21.body, /登録できる件数の上限に達しています。/);
	assert.equal(ids().length, 20);
	const list = await c.get(`${BASE}/activity`);
	assert.match(list.body, /20件まで登録が可能です/);
	assert.doesNotMatch(list.body, /renewal-new/, 'no 新規作成 when full');
	const docs = await c.get(`${BASE}/documents`);
	assert.match(docs.body, /研究活動・診療歴の総年数（登録済の期間から計算）: [\d.]+ 年/);
});

test('ONC-8 学会参加 and ONC-10 論文: 30 rows at most, the 31st refused', async () => {
	const { u, c } = await specialist();
	const bad = await save(c, 'meeting', { ...FORMS.meeting, units: '1.5', held_on: '2025-02-30' });
	assert.equal(bad.status, 200, 'kept with its errors');
	assert.equal((await c.post(`${BASE}/meeting/1/delete`, {}, { formPage: `${BASE}/meeting` })).status, 303);
	for (const doc of ['meeting', 'paper']) {
		for (let i = 0; i < 30; i++)
			assert.equal((await save(c, doc, FORMS[doc])).status, 303, `${doc} ${i + 1}`);
		const r = await save(c, doc, FORMS[doc]);
		assert.equal(r.status, 409, `${doc} 31st`);
		assert.match(r.body, /登録できる件数の上限に達しています。/);
		assert.equal(rows(`SELECT COUNT(DISTINCT v.row_id) FROM app_value v JOIN app a ON a.id = v.app_id WHERE a.uid = ${q(u.uid)} AND v.section = ${q(doc)}`)[0][0], '30');
	}
	// 種別 学会 is offered for other societies' meetings.
	const f = await c.get(`${BASE}/paper/new`);
	assert.match(f.body, /value="meeting"[^>]*>学会</);
});

test('ONC-9 当会セミナー: read-only, the five years before 1 September, credits summed', async () => {
	const { u, c } = await specialist();
	addSeminar(u.uid, { on: `${YEAR - 5}-08-31`, units: 7, title: '窓の外のセミナー' });
	addSeminar(u.uid, { on: `${YEAR - 5}-09-01`, units: 10, series: 'A', title: '第38回教育セミナーAセッション' });
	addSeminar(u.uid, { on: `${YEAR}-08-31`, units: 15, title: 'Best of ASCO in Japan' });
	addSeminar(u.uid, { on: `${YEAR}-09-01`, units: 9, title: '翌期のセミナー' });
	const r = await c.get(`${BASE}/seminar`);
	assert.equal(r.status, 200);
	assert.match(r.body, new RegExp(`自動集計: ${YEAR - 5}/09/01 ~ ${YEAR}/08/31`));
	assert.match(r.body, /第38回教育セミナーAセッション/);
	assert.match(r.body, /Best of ASCO in Japan/);
	assert.doesNotMatch(r.body, /窓の外のセミナー|翌期のセミナー/);
	assert.match(r.body, /セミナー単位合計: 25 単位/);
	assert.doesNotMatch(r.body, /<form[^>]*method="post"[^>]*action="\/application\/renewal\/seminar/);
	const p = await c.post(`${BASE}/seminar`, {}, { formPage: `${BASE}/seminar` });
	assert.ok([404, 405].includes(p.status), 'nothing to post');
});

test('ONC-11 業績目録: three grids of 15 areas, special tests need details, five trials of ≤ 80 characters', async () => {
	const { u, c } = await specialist();
	const f = await c.get(`${BASE}/record`);
	assert.equal((f.body.match(/<fieldset class="renewal-grid">/g) || []).length, 3);
	assert.equal((f.body.match(/type="checkbox" name="[sdk]\d\d"/g) || []).length, 45);
	for (const area of ['造血器', '肝胆膵', '原発不明', '中枢神経'])
		assert.match(f.body, new RegExp(area));
	const yes = await save(c, 'record', { ...FORMS.record, special: 'yes', special_detail: '' });
	assert.equal(yes.status, 200);
	assert.match(yes.body, /その内容を具体的に記載してください。/);
	const long = await save(c, 'record', { ...FORMS.record, trial2: 'あ'.repeat(81), cases2: '1' });
	assert.equal(long.status, 200);
	assert.ok(errorKeys((await c.post(`${BASE}/record`, { ...FORMS.record, trial2: 'あ'.repeat(81), cases2: '1' }, { xml: true })).body).includes('err.too-long'));
	assert.equal((await save(c, 'record', { ...FORMS.record, trial2: 'あ'.repeat(80), cases2: '1' })).status, 303);
	assert.equal(rows(`SELECT v.value FROM app_value v JOIN app a ON a.id = v.app_id WHERE a.uid = ${q(u.uid)} AND v.section = 'record' AND v.field = 's01n'`)[0][0], '12');
	const again = await c.get(`${BASE}/record`);
	assert.match(again.body, /name="s01" value="1" checked>/);
});
