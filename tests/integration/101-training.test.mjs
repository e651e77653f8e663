// The board's training records and completion application (BRD-11,
// seed 001 lines 105-126) on the platform's applications: the rules of a
// rotation (the program's facilities, months in order, within the
// program's years, no overlap), who may record, a completion submitted
// end to end into the review chain's first stage (the program's
// director), a returned application edited and submitted again as a new
// version, and the demo residents the loader leaves.
//
// Residents are fresh accounts given an accepted recruitment by SQL
// (program 01-01-001, three years from April 2024: 2024-04 … 2027-03).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import {
	signIn, createUser, rows, sql, q, csrfOf, errorKeys, resetThrottle,
	gist, HOSTS,
} from './auth.mjs';

const HOST = HOSTS.board;
const BASE = '/application/completion';
let offering;
let program;

function jst(s = 0) {
	return new Date(Date.now() + s * 1000 + 9 * 3600 * 1000).toISOString()
	    .slice(0, 19).replace('T', ' ');
}

before(() => {
	resetThrottle();
	offering = rows("SELECT id, open_at, close_at FROM offering WHERE tenant = 'board' AND kind = 'completion' ORDER BY year DESC LIMIT 1")[0];
	sql(`UPDATE offering SET open_at = ${q(jst(-3600))}, close_at = ${q(jst(3600))} WHERE id = ${offering[0]}`);
	const p = rows("SELECT id, base_facility_id, director_uid, domain FROM program WHERE tenant = 'board' AND code = '01-01-001'")[0];
	const partners = rows(`SELECT facility_id FROM program_partner WHERE program_id = ${p[0]} ORDER BY seq, facility_id`).map((r) => r[0]);
	program = { id: p[0], director: p[2], domain: p[3], facilities: [p[1], ...partners] };
});

after(() => {
	sql(`UPDATE offering SET open_at = ${q(offering[1])}, close_at = ${q(offering[2])} WHERE id = ${offering[0]}`);
});

async function resident(tag, { accepted = true } = {}) {
	const user = createUser('board', { tag });
	if (accepted)
		sql(`INSERT INTO application (tenant, round_id, year, uid, program_id, system, state, live, created_at, decided_at)
		    SELECT 'board', r.id, 2024, ${q(user.uid)}, ${program.id}, 'program', 'accepted', 1, NOW(), NOW()
		    FROM recruit_round r WHERE r.tenant = 'board' ORDER BY r.id LIMIT 1`);
	const c = await signIn(HOST, user.ident, user.password);
	return { user, c };
}

function rot(from, to, facility = 0, employment = 'full') {
	return { facility: program.facilities[facility], start: from, end: to, employment, note: '' };
}

async function saveRow(c, row, values) {
	const page = `${BASE}/rotations/${row}`;
	const f = await c.model(page);
	assert.equal(f.status, 200, gist(f));
	return c.postRaw(page, { csrf: csrfOf(f.body), op: 'save', ...values }, { xml: true });
}

async function submit(c) {
	const f = await c.model(`${BASE}/confirm`);
	return c.postRaw(`${BASE}/confirm`, { csrf: csrfOf(f.body) }, { xml: true });
}

test('BRD-11 a rotation is refused with its reason: another program\'s facility, months out of order, outside the program\'s years, an overlap', async () => {
	const r = await resident('rr');
	assert.equal((await saveRow(r.c, 'new', rot('2024-04', '2024-12'))).status, 303);
	const other = rows(`SELECT id FROM facility WHERE tenant = 'board' AND id NOT IN (${program.facilities.join(',')}) LIMIT 1`)[0][0];
	const cases = [
		[{ ...rot('2025-01', '2025-03'), facility: other }, 'training.err.facility'],
		[rot('2025-06', '2025-01'), 'training.err.order'],
		[rot('2024-01', '2024-03'), 'training.err.outside'],
		[rot('2027-01', '2027-04'), 'training.err.outside'],
		[rot('2024-12', '2025-02', 1), 'training.err.overlap'],
		[rot('2025-1', '2025-02'), 'training.err.ym'],
	];
	for (const [values, key] of cases) {
		const res = await saveRow(r.c, 'new', values);
		assert.equal(res.status, 200, `${key}: ${gist(res)}`);
		assert.deepEqual([...new Set(errorKeys(res.body))], [key], JSON.stringify(values));
	}
	// Each was kept as typed (CORE-12), and the section says 登録中.
	const [app] = rows(`SELECT id FROM app WHERE uid = ${q(r.user.uid)}`);
	assert.equal(rows(`SELECT COUNT(DISTINCT row_id) FROM app_value WHERE app_id = ${app[0]}`)[0][0], String(cases.length + 1));
	assert.equal(rows(`SELECT state FROM app_section WHERE app_id = ${app[0]}`)[0][0], 'progress');
	const page = await r.c.get(`${BASE}/rotations`);
	assert.match(page.body, /ほかの研修実績と期間が重なっています。/);
	assert.match(page.body, /研修プログラムの研修期間の外です。/);
	// The facility list is the program's base and partner facilities.
	const form = await r.c.model(`${BASE}/rotations/new`);
	const offered = [...form.body.matchAll(/<option value="(\d+)">/g)].map((m) => m[1]);
	assert.deepEqual(offered, program.facilities);
	// Adjacent months are no overlap (the row kept before ends 2025-03).
	const adj = await saveRow(r.c, 'new', rot('2025-04', '2025-05', 1, 'part'));
	assert.equal(adj.status, 303, gist(adj));
});

test('BRD-11 only a resident of an accepted program may record rotations; others are told why', async () => {
	const r = await resident('np', { accepted: false });
	const top = await r.c.get(BASE);
	assert.equal(top.status, 200);
	assert.match(top.body, /研修プログラムに採用されていないため、研修実績の登録と研修修了申請はできません。/);
	const f = await r.c.model(`${BASE}/rotations/new`);
	const res = await r.c.postRaw(`${BASE}/rotations/new`, { csrf: csrfOf(f.body), ...rot('2024-04', '2025-03') }, { xml: true });
	assert.equal(res.status, 409, gist(res));
	assert.deepEqual(errorKeys(res.body), ['training.why.no-program']);
	assert.equal(rows(`SELECT COUNT(*) FROM app WHERE uid = ${q(r.user.uid)}`)[0][0], '0');
});

test('BRD-11 completion end to end: rotations covering the program, confirm, submit into the director\'s stage; returned, fixed and submitted again', async () => {
	const r = await resident('e2e');
	// 375 px and no JavaScript: plain links and forms.
	const empty = await r.c.get(BASE);
	assert.match(empty.body, /研修実績/);
	assert.match(empty.body, /未登録/);
	assert.equal((await saveRow(r.c, 'new', rot('2024-04', '2025-09'))).status, 303);
	let confirm = await r.c.get(`${BASE}/confirm`);
	assert.match(confirm.body, /不足 18 か月/);
	assert.equal((await saveRow(r.c, 'new', rot('2025-10', '2027-03', 1, 'part'))).status, 303);
	confirm = await r.c.get(`${BASE}/confirm`);
	assert.doesNotMatch(confirm.body, /不足/);
	assert.match(confirm.body, /非常勤/);
	const res = await submit(r.c);
	assert.equal(res.status, 303, gist(res));
	const [id, state, number, stage, scope, version] = rows(`SELECT id, state, number, stage, scope, version FROM app WHERE uid = ${q(r.user.uid)}`)[0];
	assert.equal(state, 'submitted');
	assert.equal(stage, '0');
	assert.equal(scope, `uid:${program.director}`);
	assert.equal(rows(`SELECT ref FROM app WHERE id = ${id}`)[0][0], program.id);
	assert.equal(version, '1');
	const top = await r.c.get(`${BASE}?done=submitted`);
	assert.match(top.body, /申請を受け付けました/);
	assert.match(top.body, new RegExp(number));
	assert.match(top.body, /統括責任者の確認待ち/);

	// Returned by a reviewer (the review chain sets this): editable again,
	// the comment at the top, and a new submission is a new version.
	sql(`UPDATE app SET state = 'returned', return_comment = '2025年10月以降の施設を確認してください。' WHERE id = ${id}`);
	const back = await r.c.get(BASE);
	assert.match(back.body, /2025年10月以降の施設を確認してください。/);
	assert.equal((await saveRow(r.c, 2, rot('2025-10', '2027-03', 1, 'full'))).status, 303);
	assert.equal((await submit(r.c)).status, 303);
	const after = rows(`SELECT state, version, number FROM app WHERE id = ${id}`)[0];
	assert.deepEqual(after, ['submitted', '2', number]);
	const snaps = rows(`SELECT version, xml FROM app_snapshot WHERE app_id = ${id} ORDER BY version`);
	assert.equal(snaps.length, 2);
	assert.match(snaps[0][1], /<value name="employment" key="training.field.employment" value-key="training.field.employment.part">part<\/value>/);
	assert.match(snaps[1][1], /<value name="employment" key="training.field.employment" value-key="training.field.employment.full">full<\/value>/);
	assert.equal(rows(`SELECT COUNT(*) FROM outbox WHERE rcpt = ${q(r.user.mail)} AND template = 'training_submitted'`)[0][0], '2');
});

test('BRD-11 the demo loader leaves a resident recording and one submitted to the director', () => {
	const states = rows(`SELECT a.state, a.stage, (SELECT COUNT(*) FROM app_snapshot s WHERE s.app_id = a.id)
	    FROM app a JOIN offering o ON o.id = a.offering_id
	    JOIN audit u ON u.object = CONCAT('app:', a.id) AND u.actor = 'ctl:demo'
	    WHERE a.tenant = 'board' AND o.kind = 'completion' ORDER BY a.id`);
	assert.ok(states.some((s) => s[0] === 'draft' && s[2] === '0'), JSON.stringify(states));
	assert.ok(states.some((s) => s[0] === 'submitted' && s[1] === '0' && s[2] === '1'), JSON.stringify(states));
});
