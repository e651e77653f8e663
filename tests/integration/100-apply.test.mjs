// Applications as a platform service (CORE-12, CORE-18, CORE-19), on the
// board's completion offering (kind "completion", feature training):
// the menu's three states, the window to the second, a draft on every
// save and page change (invalid input kept with its errors), rows with a
// maximum, submission refused while shortfalls remain, fifty simultaneous
// submits making one application and one mail, read-only afterwards.
//
// Each test makes its own resident: a fresh account given an accepted
// recruitment (program 01-01-001, three years from April 2024) by SQL.
// The offering's window is moved by editing its row, and put back after.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import {
	signIn, createUser, rows, sql, q, csrfOf, errorKeys, resetThrottle,
	gist, sleep, ctl, HOSTS,
} from './auth.mjs';
import { reloadWorkers } from './http.mjs';

const HOST = HOSTS.board;
const BASE = '/application/completion';
let offering;	// [id, open_at, close_at] as the demo left it
let program;	// [id, facility ids…]

/** "YYYY-MM-DD HH:MM:SS" in Japan time, `s` seconds from now. */
function jst(s = 0) {
	return new Date(Date.now() + s * 1000 + 9 * 3600 * 1000).toISOString()
	    .slice(0, 19).replace('T', ' ');
}

function setWindow(open, close) {
	sql(`UPDATE offering SET open_at = ${q(open)}, close_at = ${q(close)} WHERE id = ${offering[0]}`);
}

before(() => {
	resetThrottle();
	offering = rows("SELECT id, open_at, close_at FROM offering WHERE tenant = 'board' AND kind = 'completion' ORDER BY year DESC LIMIT 1")[0];
	assert.ok(offering, 'the demo made the completion offering');
	setWindow(jst(-3600), jst(3600));
	const p = rows("SELECT id, base_facility_id FROM program WHERE tenant = 'board' AND code = '01-01-001'")[0];
	const partners = rows(`SELECT facility_id FROM program_partner WHERE program_id = ${p[0]} ORDER BY seq, facility_id`).map((r) => r[0]);
	program = { id: p[0], facilities: [p[1], ...partners] };
	assert.ok(program.facilities.length >= 2);
});

after(() => {
	setWindow(offering[1], offering[2]);
});

/** A fresh member accepted to the program (year 2024: 2024-04 … 2027-03). */
export async function resident(tag, { accepted = true } = {}) {
	const user = createUser('board', { tag });
	if (accepted)
		sql(`INSERT INTO application (tenant, round_id, year, uid, program_id, system, state, live, created_at, decided_at)
		    SELECT 'board', r.id, 2024, ${q(user.uid)}, ${program.id}, 'program', 'accepted', 1, NOW(), NOW()
		    FROM recruit_round r WHERE r.tenant = 'board' ORDER BY r.id LIMIT 1`);
	const c = await signIn(HOST, user.ident, user.password);
	return { user, c };
}

/** POST a rotation row (new or an id) with the token of its form page. */
async function saveRow(c, row, values, op = 'save') {
	const page = `${BASE}/rotations/${row}`;
	const f = await c.model(page);
	assert.equal(f.status, 200, gist(f));
	return c.postRaw(page, { csrf: csrfOf(f.body), op, ...values }, { xml: true });
}

function rot(from, to, facility = 0, employment = 'full') {
	return { facility: program.facilities[facility], start: from, end: to, employment, note: '' };
}

/** Three rows covering the program's 36 months. */
async function fullRecord(c) {
	for (const r of [rot('2024-04', '2025-03'), rot('2025-04', '2026-03', 1), rot('2026-04', '2027-03')]) {
		const s = await saveRow(c, 'new', r);
		assert.equal(s.status, 303, gist(s));
	}
}

function appOf(uid) {
	return rows(`SELECT id, state, IFNULL(number,''), version, stage, scope FROM app WHERE tenant = 'board' AND uid = ${q(uid)}`);
}

async function submit(c) {
	const f = await c.model(`${BASE}/confirm`);
	return c.postRaw(`${BASE}/confirm`, { csrf: csrfOf(f.body) }, { xml: true });
}

/** The menu item of the offering and its note. */
async function menuNote(c) {
	const m = await c.model('/account');
	const item = /<item key="menu\.training\.completion"[^>]*>(.*?)<\/item>/s.exec(m.body);
	assert.ok(item, 'the menu lists 研修修了申請');
	const n = /<note key="([^"]*)"(?: arg="([^"]*)")?/.exec(item[1]);
	return n ? { key: n[1], arg: n[2] } : null;
}

test('CORE-18 the menu shows on every page the window, the reason it is unavailable, or 申請済みです。', async () => {
	const none = await resident('mn0', { accepted: false });
	assert.equal((await menuNote(none.c)).key, 'training.why.no-program');
	const html = await none.c.get('/account');
	assert.match(html.body, /研修プログラムに採用されていないため/);

	const r = await resident('mn1');
	const n = await menuNote(r.c);
	assert.equal(n.key, 'apply.menu.window');
	assert.match(n.arg, /^\d{4}年\d{1,2}月\d{1,2}日 \d{1,2}:\d\d ~ \d{4}年\d{1,2}月\d{1,2}日 \d{1,2}:\d\d$/);
	assert.match((await r.c.get('/')).body, /受付期間 \d{4}年/);

	await fullRecord(r.c);
	assert.equal((await submit(r.c)).status, 303);
	assert.equal((await menuNote(r.c)).key, 'apply.menu.applied');
	assert.match((await r.c.get('/account')).body, /申請済みです。/);
});

test('CORE-18 the window is enforced by the server to the second (offering row moved)', async () => {
	const r = await resident('win');
	await fullRecord(r.c);
	// Opens two seconds from now: refused until that second, then taken.
	const opens = jst(2);
	setWindow(opens, jst(3600));
	const early = await submit(r.c);
	assert.equal(early.status, 409, gist(early));
	assert.deepEqual(errorKeys(early.body), ['apply.why.outside']);
	assert.equal(appOf(r.user.uid)[0][1], 'draft');
	// Records may still be kept outside the window (training's flag).
	assert.equal((await saveRow(r.c, 'new', rot('2024-04', '2024-04'))).status, 200);
	while (jst() < opens)
		await sleep(100);
	sql(`DELETE FROM app_value WHERE app_id = ${appOf(r.user.uid)[0][0]} AND row_id = 4`);
	const ok = await submit(r.c);
	assert.equal(ok.status, 303, gist(ok));
	assert.equal(ok.location, `${BASE}?done=submitted`);

	// Closes one second from now: after that second, refused.
	const r2 = await resident('wc');
	await fullRecord(r2.c);
	const f = await r2.c.model(`${BASE}/confirm`);
	assert.match(f.body, /can-submit="1"/);
	setWindow(jst(-3600), jst(1));
	await sleep(2100);
	const late = await r2.c.postRaw(`${BASE}/confirm`, { csrf: csrfOf(f.body) }, { xml: true });
	assert.equal(late.status, 409, gist(late));
	assert.deepEqual(errorKeys(late.body), ['apply.why.outside']);
	assert.equal(appOf(r2.user.uid)[0][1], 'draft');
	setWindow(jst(-3600), jst(3600));
});

test('CORE-18 the demo clock moves the window the server enforces (one clock, never NOW())', async () => {
	const r = await resident('clk');
	await fullRecord(r.c);
	ctl('demo', 'clock', 'reset');
	await reloadWorkers();
	try {
		// Two days on, the window (open one more hour) has closed.
		ctl('demo', 'clock', '+2d');
		await reloadWorkers();
		assert.equal((await menuNote(r.c)).key, 'apply.why.outside');
		const res = await submit(r.c);
		assert.equal(res.status, 409, gist(res));
		assert.deepEqual(errorKeys(res.body), ['apply.why.outside']);
	} finally {
		ctl('demo', 'clock', 'reset');
		await reloadWorkers();
	}
	assert.equal((await menuNote(r.c)).key, 'apply.menu.window');
	assert.equal((await submit(r.c)).status, 303);
});

test('CORE-18 an application in progress stays the member\'s when the next year\'s window opens', async () => {
	const r = await resident('ny');
	assert.equal((await saveRow(r.c, 'new', rot('2024-04', '2025-03'))).status, 303);
	const [app] = appOf(r.user.uid);
	const year = Number(rows(`SELECT year FROM offering WHERE id = ${offering[0]}`)[0][0]);
	setWindow(jst(-7200), jst(-3600));
	sql(`INSERT INTO offering (tenant, feature, kind, year, open_at, close_at) VALUES ('board', 'training', 'completion', ${year + 1}, ${q(jst(-60))}, ${q(jst(3600))})`);
	try {
		const top = await r.c.model(BASE);
		assert.match(top.body, new RegExp(`<application id="${app[0]}"`));
		assert.match(top.body, new RegExp(`<window state="after" year="${year}"`));
		assert.match(top.body, /<section name="rotations"[^>]* rows="1"/);
	} finally {
		sql(`DELETE FROM offering WHERE tenant = 'board' AND kind = 'completion' AND year = ${year + 1}`);
		setWindow(jst(-3600), jst(3600));
	}
});

test('CORE-18 shikakuctl offering set makes or moves a window (audited) and refuses what is not one', () => {
	const year = rows(`SELECT year FROM offering WHERE id = ${offering[0]}`)[0][0];
	const open = jst(-7200), close = jst(7200);
	const out = ctl('offering', 'set', 'board', 'completion', year, open, close);
	assert.equal(out.trim(), `${offering[0]}\tcompletion\t${year}\t${open}\t${close}`);
	assert.deepEqual(rows(`SELECT open_at, close_at FROM offering WHERE id = ${offering[0]}`)[0], [open, close]);
	assert.equal(rows(`SELECT detail FROM audit WHERE action = 'apply.offering' ORDER BY id DESC LIMIT 1`)[0][0], `${year} ${open} ~ ${close}`);
	assert.match(ctl('offering', 'list', 'board'), new RegExp(`completion\t${year}\t${open}`));
	for (const bad of [['board', 'nosuch', year, open, close], ['board', 'completion', year, close, open],
	    ['board', 'completion', year, '2026-02-30 10:00', close], ['palliative', 'completion', year, open, close]])
		assert.throws(() => ctl('offering', 'set', ...bad), JSON.stringify(bad));
	assert.deepEqual(rows(`SELECT open_at, close_at FROM offering WHERE id = ${offering[0]}`)[0], [open, close]);
	setWindow(jst(-3600), jst(3600));
});

test('CORE-12 a server-side draft on every save and page change: invalid input is kept and shown with its errors', async () => {
	const r = await resident('dr');
	// The first save makes the draft; an impossible month is kept as typed.
	const bad = await saveRow(r.c, 'new', { ...rot('2024-04', '2024-13'), note: '夜間当直あり' });
	assert.equal(bad.status, 200, gist(bad));
	assert.ok(errorKeys(bad.body).includes('training.err.ym'), errorKeys(bad.body).join());
	const [app] = appOf(r.user.uid);
	assert.equal(app[1], 'draft');
	const vals = Object.fromEntries(rows(`SELECT field, value FROM app_value WHERE app_id = ${app[0]} AND section = 'rotations' AND row_id = 1`));
	assert.equal(vals.end, '2024-13');
	assert.equal(vals.note, '夜間当直あり');
	assert.equal(rows(`SELECT state FROM app_section WHERE app_id = ${app[0]}`)[0][0], 'progress');
	// Reopened later: the value as typed, with its error.
	const again = await r.c.model(`${BASE}/rotations/1`);
	assert.match(again.body, /<field name="end"[^>]*>\s*<value>2024-13<\/value>\s*<error key="training.err.ym"/);
	const top = await r.c.get(BASE);
	assert.match(top.body, /登録中/);
	// A page change (保存して申請トップへ) saves too, and goes to the top.
	const fixed = await saveRow(r.c, 1, rot('2024-04', '2025-03'), 'top');
	assert.equal(fixed.status, 303, gist(fixed));
	assert.equal(fixed.location, `${BASE}?done=saved`);
	assert.equal(rows(`SELECT value FROM app_value WHERE app_id = ${app[0]} AND row_id = 1 AND field = 'end'`)[0][0], '2025-03');
	assert.equal(rows(`SELECT state FROM app_section WHERE app_id = ${app[0]}`)[0][0], 'done');
	assert.ok(rows(`SELECT COUNT(*) FROM audit WHERE actor = ${q(r.user.uid)} AND action = 'apply.save'`)[0][0] >= 2);
});

test('CORE-12 two tabs saving the first row at the same moment make one draft holding both rows', async () => {
	const r = await resident('tt');
	const tabs = [];
	for (let i = 0; i < 8; i++)
		tabs.push(csrfOf((await r.c.model(`${BASE}/rotations/new`)).body));
	const res = await Promise.all(tabs.map((csrf, i) => r.c.postRaw(`${BASE}/rotations/new`,
	    { csrf, op: 'save', ...rot(`2024-0${i + 1}`, `2024-0${i + 1}`) }, { timeout: 30000 })));
	for (const x of res)
		assert.ok(x.status === 303 || x.status === 200, gist(x));
	const apps = appOf(r.user.uid);
	assert.equal(apps.length, 1, JSON.stringify(apps));
	assert.equal(rows(`SELECT COUNT(DISTINCT row_id) FROM app_value WHERE app_id = ${apps[0][0]}`)[0][0], '8');
});

test('CORE-12 rows are added, edited and deleted one by one; the section maximum is refused by the server', async () => {
	const r = await resident('rw');
	assert.equal((await saveRow(r.c, 'new', rot('2024-04', '2024-09'))).status, 303);
	assert.equal((await saveRow(r.c, 'new', rot('2024-10', '2025-03', 1))).status, 303);
	const [app] = appOf(r.user.uid);
	assert.equal((await saveRow(r.c, 2, rot('2024-10', '2025-06', 1))).status, 303);
	assert.equal(rows(`SELECT value FROM app_value WHERE app_id = ${app[0]} AND row_id = 2 AND field = 'end'`)[0][0], '2025-06');
	const list = await r.c.model(`${BASE}/rotations`);
	const del = await r.c.postRaw(`${BASE}/rotations/1/delete`, { csrf: csrfOf(list.body) });
	assert.equal(del.status, 303, gist(del));
	assert.deepEqual(rows(`SELECT DISTINCT row_id FROM app_value WHERE app_id = ${app[0]}`).map((x) => x[0]), ['2']);
	// Fill the section to its maximum (30), then one more is refused.
	const ins = [];
	for (let i = 3; i <= 31; i++)
		for (const [k, v] of Object.entries(rot('2026-01', '2026-01')))
			ins.push(`(${app[0]}, 'rotations', ${i}, ${q(k)}, ${q(v)})`);
	sql(`INSERT INTO app_value (app_id, section, row_id, field, value) VALUES ${ins.join(',')}`);
	const over = await saveRow(r.c, 'new', rot('2027-01', '2027-02'));
	assert.equal(over.status, 409, gist(over));
	assert.deepEqual(errorKeys(over.body), ['apply.err.max-rows']);
	assert.equal(rows(`SELECT COUNT(DISTINCT row_id) FROM app_value WHERE app_id = ${app[0]}`)[0][0], '30');
});

test('CORE-12 the server refuses a submission while shortfalls remain, and lists them exactly', async () => {
	const r = await resident('sf');
	assert.equal((await saveRow(r.c, 'new', rot('2024-04', '2025-03'))).status, 303);
	const page = await r.c.get(`${BASE}/confirm`);
	assert.match(page.body, /研修実績が研修期間を満たしていません \(不足 24 か月\)/);
	assert.doesNotMatch(page.body, /<button type="submit" class="btn btn-primary">申請する/);
	// Posted anyway (an old tab, a crafted form): refused, nothing changes.
	const res = await submit(r.c);
	assert.equal(res.status, 409, gist(res));
	assert.deepEqual(errorKeys(res.body), ['apply.err.shortfalls']);
	assert.match(res.body, /<shortfall key="training.short.months" arg="24"\/>/);
	assert.equal(appOf(r.user.uid)[0][1], 'draft');
	assert.equal(rows(`SELECT COUNT(*) FROM outbox WHERE rcpt = ${q(r.user.mail)}`)[0][0], '0');
	assert.equal(rows(`SELECT COUNT(*) FROM app_snapshot s JOIN app a ON a.id = s.app_id WHERE a.uid = ${q(r.user.uid)}`)[0][0], '0');
});

test('CORE-19 fifty simultaneous submits make one submission, one snapshot, one mail, one audit line', async () => {
	const r = await resident('cc');
	await fullRecord(r.c);
	const f = await r.c.model(`${BASE}/confirm`);
	const csrf = csrfOf(f.body);
	const res = await Promise.all(Array.from({ length: 50 }, () =>
		r.c.postRaw(`${BASE}/confirm`, { csrf }, { timeout: 60000 })));
	const counts = {};
	for (const x of res) {
		assert.equal(x.status, 303, gist(x));
		counts[x.location] = (counts[x.location] || 0) + 1;
	}
	assert.equal(counts[`${BASE}?done=submitted`], 1, JSON.stringify(counts));
	assert.equal(counts[`${BASE}?done=dup`], 49, JSON.stringify(counts));
	const apps = appOf(r.user.uid);
	assert.equal(apps.length, 1);
	const [id, state, number, version] = apps[0];
	assert.equal(state, 'submitted');
	assert.match(number, /^TC\d{4}-\d{6}$/);
	assert.equal(version, '1');
	assert.equal(rows(`SELECT COUNT(*) FROM app_snapshot WHERE app_id = ${id}`)[0][0], '1');
	assert.equal(rows(`SELECT COUNT(*) FROM outbox WHERE rcpt = ${q(r.user.mail)} AND template = 'training_submitted'`)[0][0], '1');
	assert.equal(rows(`SELECT COUNT(*) FROM audit WHERE actor = ${q(r.user.uid)} AND action = 'apply.submit'`)[0][0], '1');
	console.log(`# 50 submits: ${JSON.stringify(counts)}`);
});

test('CORE-19 a submitted application is read-only and 申請済み; its snapshot never changes', async () => {
	const r = await resident('ro');
	await fullRecord(r.c);
	const form = await r.c.model(`${BASE}/rotations/1`);
	assert.equal((await submit(r.c)).status, 303);
	const [app] = appOf(r.user.uid);
	const top = await r.c.get(BASE);
	assert.match(top.body, /申請済み/);
	assert.match(top.body, new RegExp(app[2]));
	assert.doesNotMatch(top.body, /申請内容の確認へ/);
	// A save from a page left open before the submission: refused.
	const late = await r.c.postRaw(`${BASE}/rotations/1`, { csrf: csrfOf(form.body), ...rot('2024-04', '2024-05') }, { xml: true });
	assert.equal(late.status, 409, gist(late));
	assert.deepEqual(errorKeys(late.body), ['apply.menu.applied']);
	assert.equal(rows(`SELECT value FROM app_value WHERE app_id = ${app[0]} AND row_id = 1 AND field = 'end'`)[0][0], '2025-03');
	const list = await r.c.model(`${BASE}/rotations`);
	assert.doesNotMatch(list.body, /\/delete"/);
	assert.equal((await r.c.postRaw(`${BASE}/rotations/1/delete`, { csrf: csrfOf(list.body) })).status, 409);
	// The snapshot holds what was submitted, and the table refuses changes.
	const snap = rows(`SELECT id, xml FROM app_snapshot WHERE app_id = ${app[0]}`)[0];
	assert.match(snap[1], /<application [^>]*state="submitted"/);
	assert.match(snap[1], /2027-03/);
	assert.throws(() => sql(`UPDATE app_snapshot SET xml = 'x' WHERE id = ${snap[0]}`), /immutable/);
	assert.throws(() => sql(`DELETE FROM app_snapshot WHERE id = ${snap[0]}`), /immutable/);
	// The mail says 受け付けました with the number.
	const m = rows(`SELECT subject, body FROM outbox WHERE rcpt = ${q(r.user.mail)} AND template = 'training_submitted'`);
	assert.equal(m.length, 1);
	assert.match(m[0][0], /研修修了申請を受け付けました/);
});
