// The medical association's completion application (issue 13, seed 004,
// CME-3..CME-9): 研修会（講習会）管理メインメニュー, 認定（修了）申請 with its
// three sections (申請先, 座学研修, 実地研修), 単位等追加入力 (this fiscal
// year only, into the credit ledger), I/II exclusive with II's switch to
// the prefecture's association, the 10-credit rule refused with its
// reasons, review by the chosen association only (another association's
// reviewer gets 404), 認定（修了）申請履歴 with its states and the 修了証
// PDF (fonts embedded, /verify answers 有効), and the statements of the
// signed-in pages.
//
// Physicians are fresh accounts; lecture credits are written into the
// ledger by SQL (e-learning) in Japan time's current fiscal year.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { perRequest } from './budget.mjs';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';

import {
	signIn, createUser, rows, sql, q, csrfOf, errorKeys, resetThrottle,
	gist, HOSTS, waitMail,
} from './auth.mjs';
import { get } from './http.mjs';
import { pdfFonts, pdfText } from './pdf.mjs';

const HOST = HOSTS.medassoc;
const BASE = '/application/kakari';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVQImWOQt84EAAFAAMSRADcfAAAAAElFTkSuQmCC', 'base64');
let offering;

/** Japan time: 'YYYY-MM-DD HH:MM:SS', s seconds from now. */
function jst(s = 0) {
	return new Date(Date.now() + s * 1000 + 9 * 3600 * 1000).toISOString()
	    .slice(0, 19).replace('T', ' ');
}
const today = () => jst().slice(0, 10);
/** The fiscal year of a 'YYYY-MM-DD' (April–March). */
const fyOf = (d) => Number(d.slice(0, 4)) - (Number(d.slice(5, 7)) < 4 ? 1 : 0);
const FY = () => fyOf(today());

before(() => {
	resetThrottle();
	const fy = FY();
	const have = rows(`SELECT id, open_at, close_at FROM offering WHERE tenant = 'medassoc' AND kind = 'kakari' AND year = ${fy}`);
	if (have.length === 0)
		sql(`INSERT INTO offering (tenant, feature, kind, year, open_at, close_at) VALUES ('medassoc', 'cme', 'kakari', ${fy}, ${q(`${fy}-04-01 00:00:00`)}, ${q(`${fy + 1}-03-31 23:59:59`)})`);
	offering = rows(`SELECT id, open_at, close_at FROM offering WHERE tenant = 'medassoc' AND kind = 'kakari' AND year = ${fy}`)[0];
	sql(`UPDATE offering SET open_at = ${q(jst(-3600))}, close_at = ${q(jst(7200))} WHERE id = ${offering[0]}`);
});

after(() => {
	sql(`UPDATE offering SET open_at = ${q(offering[1])}, close_at = ${q(offering[2])} WHERE id = ${offering[0]}`);
});

/** A physician: a member of assoc (null: not a member), signed in. */
async function physician(tag, assoc = '13001') {
	const user = createUser('medassoc', { tag });
	if (assoc)
		sql(`INSERT INTO cme_member (tenant, uid, assoc) VALUES ('medassoc', ${q(user.uid)}, ${q(assoc)})`);
	const c = await signIn(HOST, user.ident, user.password);
	return { user, c };
}

/** Lecture credits (e-learning) of units on day. */
function lecture(uid, units, day = today()) {
	sql(`INSERT INTO credit (tenant, uid, source, code, units, earned_on, title) VALUES ('medassoc', ${q(uid)}, 'elearning', '80', ${units}, ${q(day)}, 'e-learning')`);
}

async function reviewer(tag, scope) {
	const u = createUser('medassoc', { roles: ['association_reviewer'], tag });
	sql(`INSERT INTO reviewer_scope (tenant, uid, role, scope) VALUES ('medassoc', ${q(u.uid)}, 'association_reviewer', ${q(scope)})`);
	const c = await signIn(HOST, u.ident, u.password, { enrol: true });
	return { user: u, c };
}

/** multipart/form-data of fields and files { name: [filename, Buffer] }. */
function multipart(fields, files = {}) {
	const boundary = `----cme${crypto.randomBytes(8).toString('hex')}`;
	const parts = [];
	for (const [k, v] of Object.entries(fields))
		parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
	for (const [k, [name, data]] of Object.entries(files))
		parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`),
		    data, Buffer.from('\r\n'));
	parts.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

async function postForm(c, page, action, values, files) {
	const f = await c.model(page);
	assert.equal(f.status, 200, gist(f));
	const mp = multipart({ csrf: csrfOf(f.body), op: 'save', ...values }, files);
	return c.req('POST', action, { raw: mp.body, headers: { 'content-type': mp.type }, xml: true });
}

const save = (c, sec, row, values, files = {}) =>
	postForm(c, `${BASE}/${sec}${row === null ? '' : `/${row}`}`, `${BASE}/${sec}${row === null ? '' : `/${row}`}`, values, files);

/** The error keys of a model, each once. */
const keys = (body) => [...new Set(errorKeys(body))];

const cert = () => ({ certificate: ['証明書.png', PNG] });

async function submit(c) {
	const f = await c.model(`${BASE}/confirm`);
	return c.postRaw(`${BASE}/confirm`, { csrf: csrfOf(f.body) }, { xml: true });
}

/** A complete application: destination, lecture from fy, practical rows. */
async function prepare(r, { assoc = '13001', pref = '13', fromFy = FY(), items = [['1', 'i01']] } = {}) {
	let res = await save(r.c, 'dest', null, { course: 'kakari', pref, assoc }, r.user.nonmember ? { licence: ['免許証.png', PNG] } : {});
	assert.equal(res.status, 303, gist(res));
	res = await save(r.c, 'lecture', null, { from_fy: String(fromFy) });
	assert.equal(res.status, 303, gist(res));
	for (const [category, item] of items) {
		res = await save(r.c, 'practical', 'new', { category, item, detail: '' }, cert());
		assert.equal(res.status, 303, gist(res));
	}
}

const appOf = (uid) => {
	const [id, number, state, scope, version] = rows(`SELECT a.id, a.number, a.state, a.scope, a.version FROM app a JOIN offering o ON o.id = a.offering_id WHERE a.tenant = 'medassoc' AND a.uid = ${q(uid)} AND o.kind = 'kakari' ORDER BY a.id DESC LIMIT 1`)[0] || [];
	return { id, number, state, scope, version: Number(version) };
};

function seen(body) {
	const stage = /<field name="stage" type="hidden"><value>(\d+)<\/value>/.exec(body);
	const version = /<field name="version" type="hidden"><value>(\d+)<\/value>/.exec(body);
	return stage && version ? { stage: stage[1], version: version[1] } : null;
}

async function act(c, id, action, comment = '') {
	const page = await c.model(`/review/${id}`);
	assert.equal(page.status, 200, gist(page));
	return c.postRaw(`/review/${id}`, { csrf: csrfOf(page.body), action, comment, ...seen(page.body) });
}

test('CME-3 the main menu of seed 004: 認定（修了）申請, 申請履歴, 修了証ダウンロード (and the ledger); the member\'s own association by default', async () => {
	const r = await physician('cmemenu', '13001');
	const m = await r.c.get('/cme');
	assert.equal(m.status, 200, gist(m));
	for (const w of ['研修会（講習会）管理メインメニュー', '認定（修了）申請', '認定（修了）申請履歴', '認定証・修了証ダウンロード'])
		assert.ok(m.body.includes(w), w);
	assert.ok(m.body.includes(`href="${BASE}"`));
	assert.ok(m.body.includes('href="/cme/history"'));
	// 申請先: the member's association and its prefecture preselected.
	const f = await r.c.model(`${BASE}/dest`);
	assert.match(f.body, /<field name="assoc"[^>]*>.*?<value>13001<\/value>/s);
	assert.match(f.body, /<field name="pref"[^>]*>.*?<value>13<\/value>/s);
	assert.match(f.body, /<field name="course"[^>]*>.*?<value>kakari<\/value>/s);
	// 47 prefectures; an association of another prefecture is refused.
	assert.equal([...f.body.matchAll(/<field name="pref".*?<\/field>/gs)][0][0].match(/<option /g).length, 47);
	const bad = await save(r.c, 'dest', null, { course: 'kakari', pref: '13', assoc: '27001' });
	assert.equal(bad.status, 200);
	assert.deepEqual(keys(bad.body), ['cme.err.assoc-pref']);
});

test('CME-3 a non-member chooses the association and must upload a licence image', async () => {
	const r = await physician('cmenon', null);
	const f = await r.c.model(`${BASE}/dest`);
	assert.doesNotMatch(f.body, /<field name="assoc"[^>]*>[^]*?<value>/);
	const res = await save(r.c, 'dest', null, { course: 'kakari', pref: '27', assoc: '27001' });
	assert.equal(res.status, 200, gist(res));
	assert.deepEqual(keys(res.body), ['cme.err.licence']);
	const ok = await save(r.c, 'dest', null, { course: 'kakari', pref: '27', assoc: '27001' }, { licence: ['免許証.png', PNG] });
	assert.equal(ok.status, 303, gist(ok));
});

test('CME-4 a self-reported credit of last fiscal year is refused; this year\'s goes into the ledger with its certificate', async () => {
	const r = await physician('cmeself');
	const lastYear = `${FY() - 1}-05-10`;
	const bad = await postForm(r.c, '/cme/self', '/cme/self', { units: '2', code: '12', earned_on: lastYear, title: '学会総会' }, cert());
	assert.equal(bad.status, 200, gist(bad));
	assert.deepEqual(keys(bad.body), ['cme.err.self-fy']);
	assert.equal(rows(`SELECT COUNT(*) FROM credit WHERE uid = ${q(r.user.uid)}`)[0][0], '0');
	const page = await r.c.get('/cme/self');
	assert.match(page.body, new RegExp(`${FY()}年度`));
	// Units with two decimals, an unknown code: refused too.
	const bad2 = await postForm(r.c, '/cme/self', '/cme/self', { units: '1.25', code: '999', earned_on: today(), title: 'x' }, cert());
	assert.deepEqual(keys(bad2.body).sort(), ['cme.err.units', 'err.choice']);
	const ok = await postForm(r.c, '/cme/self', '/cme/self', { units: '2.5', code: '12', earned_on: today(), title: '学会総会' }, cert());
	assert.equal(ok.status, 303, gist(ok));
	const [src, units, code, up] = rows(`SELECT source, units, code, upload_id FROM credit WHERE uid = ${q(r.user.uid)}`)[0];
	assert.deepEqual([src, units, code], ['self', '2.5', '12']);
	assert.ok(Number(up) > 0, 'the certificate kept with the credit');
	assert.equal(rows(`SELECT COUNT(*) FROM audit WHERE action = 'cme.self' AND actor = ${q(r.user.uid)}`)[0][0], '1');
	// The lecture search counts it.
	const res = await save(r.c, 'lecture', null, { from_fy: String(FY()) });
	assert.equal(res.status, 303, gist(res));
	const top = await r.c.model(BASE);
	assert.match(top.body, /<value name="from_fy"[^>]*label="2\.5 単位"/);
});

test('CME-5 I and II together are refused; II alone sends the application to the prefecture\'s association', async () => {
	const r = await physician('cmemix', '13001');
	lecture(r.user.uid, 6);
	await prepare(r, { items: [['1', 'i01']] });
	// An item of the other category, the same item twice: refused.
	const wrong = await save(r.c, 'practical', 'new', { category: '1', item: 'ii2', detail: '' }, cert());
	assert.deepEqual(keys(wrong.body), ['cme.err.item-category']);
	const twice = await save(r.c, 'practical', 'new', { category: '1', item: 'i01', detail: '' }, cert());
	assert.deepEqual(keys(twice.body), ['cme.err.item-twice']);
	for (const id of rows(`SELECT DISTINCT row_id FROM app_value v JOIN app a ON a.id = v.app_id WHERE a.uid = ${q(r.user.uid)} AND v.section = 'practical' AND v.row_id > 1`))
		assert.equal((await r.c.postRaw(`${BASE}/practical/${id[0]}/delete`, { csrf: csrfOf((await r.c.model(`${BASE}/practical`)).body) })).status, 303);
	const mix = await save(r.c, 'practical', 'new', { category: '2', item: 'ii1', detail: 'シミュレーション研修' }, cert());
	assert.equal(mix.status, 200, gist(mix));
	assert.deepEqual(keys(mix.body), ['cme.err.mixed']);
	// The mixed row was kept as typed (CORE-12): submission is refused.
	const s = await submit(r.c);
	assert.notEqual(s.status, 303, gist(s));
	assert.equal(appOf(r.user.uid).state, 'draft');
	// II alone: the prefecture's association reviews it.
	const r2 = await physician('cmeii', '13001');
	lecture(r2.user.uid, 5);
	await prepare(r2, { items: [['2', 'ii1']] });
	const s2 = await submit(r2.c);
	assert.equal(s2.status, 303, gist(s2));
	assert.equal(appOf(r2.user.uid).scope, 'assoc:13000');
	const r3 = await physician('cmei', '13001');
	lecture(r3.user.uid, 5);
	await prepare(r3);
	assert.equal((await submit(r3.c)).status, 303);
	assert.equal(appOf(r3.user.uid).scope, 'assoc:13001');
});

test('CME-6 submitting with 9 credits is refused with the reasons; lecture and practical are both required', async () => {
	const r = await physician('cme9');
	lecture(r.user.uid, 4);
	await prepare(r, { items: [['1', 'i03']] });
	const top = await r.c.model(BASE);
	assert.match(top.body, /<shortfall key="cme.short.total" arg="9"\/>/);
	const res = await submit(r.c);
	assert.equal(res.status, 409, gist(res));
	assert.match(res.body, /cme.short.total/);
	assert.equal(appOf(r.user.uid).state, 'draft');
	const html = await r.c.get(`${BASE}/confirm`);
	assert.match(html.body, /取得単位の合計が10単位に達していません（現在 9 単位）/);
	assert.doesNotMatch(html.body, /action="\/application\/kakari\/confirm"/);
	// No lecture credits at all: that reason too.
	const r2 = await physician('cme0');
	const l0 = await save(r2.c, 'lecture', null, { from_fy: String(FY() - 3) });
	assert.deepEqual(keys(l0.body), ['cme.err.no-lecture']);
	for (const it of ['i01', 'i02'])
		assert.equal((await save(r2.c, 'practical', 'new', { category: '1', item: it, detail: '' }, cert())).status, 303);
	const t2 = await r2.c.model(BASE);
	assert.match(t2.body, /<shortfall key="cme.short.lecture"\/>/);
	assert.equal((await submit(r2.c)).status, 409);
	// One more unit: accepted, once.
	lecture(r.user.uid, 1);
	const ok = await submit(r.c);
	assert.equal(ok.status, 303, gist(ok));
	assert.equal(appOf(r.user.uid).state, 'submitted');
	// Submitted once: a second POST changes nothing.
	await submit(r.c);
	const a = appOf(r.user.uid);
	assert.equal(a.version, 1);
	assert.equal(rows(`SELECT COUNT(*) FROM app_event WHERE app_id = ${a.id} AND kind = 'submit'`)[0][0], '1');
});

test('CME-7 CME-8 CME-9 review by the chosen association only (another\'s gets 404); returned, fixed, approved; history states; the 修了証 PDF and /verify', async () => {
	const r = await physician('cmerev', '13002');
	lecture(r.user.uid, 7.5);
	await prepare(r, { assoc: '13002' });
	assert.equal((await submit(r.c)).status, 303);
	const a = appOf(r.user.uid);
	assert.equal(a.scope, 'assoc:13002');
	// The submission's mail (the platform's, in its transaction).
	const [m] = await waitMail(r.user.mail, (x) => x.body.includes(a.number));
	assert.ok(m, 'the submission mail names the application number');
	const mine = await reviewer('cmerv1', 'assoc:13002');
	const other = await reviewer('cmerv2', 'assoc:13001');
	assert.equal((await other.c.get(`/review/${a.id}`)).status, 404);
	assert.ok(!(await other.c.get('/review')).body.includes(a.number));
	assert.ok((await mine.c.get('/review')).body.includes(a.number));
	// Returned with a comment: the history says 差戻し and shows it.
	const ret = await act(mine.c, a.id, 'return', '証明書の画像が不鮮明です。');
	assert.equal(ret.status, 303, gist(ret));
	let h = await r.c.get('/cme/history');
	assert.match(h.body, /差戻し/);
	assert.match(h.body, /証明書の画像が不鮮明です。/);
	// Fixed (a clearer certificate) and submitted again.
	const row = rows(`SELECT MIN(row_id) FROM app_value WHERE app_id = ${a.id} AND section = 'practical'`)[0][0];
	assert.equal((await save(r.c, 'practical', row, { category: '1', item: 'i01', detail: '再提出' }, cert())).status, 303);
	assert.equal((await submit(r.c)).status, 303);
	h = await r.c.get('/cme/history');
	assert.match(h.body, /申請中/);
	// Approved: the 修了証 is on the history, the PDF's fonts embedded.
	assert.equal((await act(mine.c, a.id, 'approve')).status, 303);
	h = await r.c.get('/cme/history?view=cert');
	assert.match(h.body, /承認/);
	const href = /href="(\/cme\/certificate\/\d+\.pdf)"/.exec(h.body);
	assert.ok(href, 'the 修了証 link');
	const pdf = await r.c.get(href[1]);
	assert.equal(pdf.status, 200);
	assert.equal(pdf.headers['content-type'], 'application/pdf');
	const fonts = pdfFonts(pdf.raw);
	assert.ok(fonts.length > 0);
	for (const f of fonts)
		assert.equal(f.emb, 'yes', `${f.name} embedded`);
	const text = pdfText(pdf.raw);
	assert.match(text, /修了証/);
	assert.match(text, /かかりつけ医機能報告制度にかかる研修/);
	assert.match(pdf.headers['content-disposition'], /filename\*=UTF-8''%E4%BF%AE%E4%BA%86%E8%A8%BC_/);
	assert.match(execFileSync('pdfinfo', ['-'], { input: pdf.raw, encoding: 'utf8' }), /Page size:\s+595\.\d* x 841\.\d* pts \(A4\)/);
	const code = rows(`SELECT code FROM certificate WHERE tenant = 'medassoc' AND app_id = ${a.id}`)[0][0];
	sql("DELETE FROM throttle WHERE purpose = 'cert.verify'");
	const v = await get(HOST, `/verify/${code}`);
	assert.equal(v.status, 200);
	assert.match(v.body, /有効/);
	// Search: this fiscal year finds it, an earlier one does not; so does
	// a date range around today, and one before it does not.
	assert.ok((await r.c.get(`/cme/history?kind=kakari&fy=${FY()}`)).body.includes(a.number));
	assert.ok(!(await r.c.get(`/cme/history?kind=kakari&fy=${FY() - 1}`)).body.includes(a.number));
	assert.ok((await r.c.get(`/cme/history?kind=kakari&from=${today()}&to=${today()}`)).body.includes(a.number));
	assert.ok(!(await r.c.get(`/cme/history?kind=kakari&to=${FY() - 1}-04-01`)).body.includes(a.number));
	// Another physician never sees it.
	const o = await physician('cmeoth');
	assert.ok(!(await o.c.get('/cme/history')).body.includes(a.number));
	assert.equal((await o.c.get(href[1])).status, 404);
	// A rejection shows its reason.
	const r2 = await physician('cmerej', '13002');
	lecture(r2.user.uid, 9);
	await prepare(r2, { assoc: '13002' });
	assert.equal((await submit(r2.c)).status, 303);
	assert.equal((await act(mine.c, appOf(r2.user.uid).id, 'reject', '要件に該当しません。')).status, 303);
	const h2 = await r2.c.get('/cme/history');
	assert.match(h2.body, /却下/);
	assert.match(h2.body, /要件に該当しません。/);
});

/** Statements per GET of p (budget.mjs). */
async function statementsOf(c, p, n = 10) {
	return (await perRequest(c, p, n)).statements;
}

test('CME-8 issue 10: the signed-in cme pages run at most 3 statements each (session included)', async () => {
	const r = await physician('cmeqb');
	lecture(r.user.uid, 3);
	await prepare(r);
	for (const p of ['/cme', '/cme/history', '/cme/self', `/cme/history?fy=${FY()}`]) {
		const m = await statementsOf(r.c, p);
		assert.ok(Math.round(m) <= 3, `${p}: ${m.toFixed(2)} statements`);
	}
});

test('CME-7 ADM-1 the tenant admin\'s CSV of 認定（修了）申請 carries the association, the lecture and the practical columns', async () => {
	const r = await physician('cmecsv', '27001');
	lecture(r.user.uid, 5.5);
	await prepare(r, { assoc: '27001', pref: '27', items: [['1', 'i01'], ['1', 'i02']] });
	assert.equal((await submit(r.c)).status, 303);
	const a = appOf(r.user.uid);
	const u = createUser('medassoc', { roles: ['tenant_admin'], tag: 'cmeadm' });
	const admin = await signIn(HOST, u.ident, u.password, { enrol: true });
	const res = await admin.get(`/admin/review/export.csv?kind=kakari&year=${FY()}`);
	assert.equal(res.status, 200, gist(res));
	const lines = res.body.replace(/^\ufeff/, '').split('\r\n');
	assert.match(lines[0], /申請先都道府県,申請先医師会コード,申請先医師会,審査医師会コード,審査医師会,座学研修 検索開始年度,座学研修 単位,実地研修 区分,実地研修 項目,実地研修 項目数,実地研修 単位,座学・実地 合計単位$/);
	const line = lines.find((l) => l.startsWith(`${a.number},`));
	assert.ok(line, `${a.number} in the CSV`);
	assert.match(line, /,大阪府,27001,大阪デモ中央地区医師会,27001,大阪デモ中央地区医師会,\d{4},5\.5 単位,I,Ⅰ 地域ケア会議等への参加; Ⅰ 主治医意見書の記載,2,10,15\.5$/);
});
