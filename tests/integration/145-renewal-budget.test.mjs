// The renewal's query budget (issue 10 on ONC-3..ONC-11): every document
// page of a member with every document filled runs at most 3 statements,
// the session included (no statement per row or per section), and writes
// nothing; so do 申請トップ, 申請書類一覧, 当会セミナー and confirm, which
// draw the whole application with its fees, shortfalls and seminars:
// the session, the application with everything its page draws
// (apply_app_page()), the seminars.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import { sql, q, resetThrottle } from './auth.mjs';
import { BASE, YEAR, openWindows, specialist, fillAll, addSeminar, save, FORMS } from './renewal.mjs';
import { BUDGET, perRequest } from './budget.mjs';

const N = 10;

const DOCS = ['/specialist', `${BASE}/resume`, `${BASE}/profile`, `${BASE}/activity`,
	`${BASE}/activity/1`, `${BASE}/activity/new`, `${BASE}/meeting`, `${BASE}/paper`,
	`${BASE}/record`];
const WHOLE = { [BASE]: 3, [`${BASE}/documents`]: 3, [`${BASE}/seminar`]: 3, [`${BASE}/confirm`]: 3 };

let c;
before(async () => {
	resetThrottle();
	openWindows();
	const s = await specialist();
	c = s.c;
	for (let i = 0; i < 3; i++)
		addSeminar(s.u.uid, { on: `${YEAR - 1 - i}-07-06`, units: 10 });
	await fillAll(c);
	for (let i = 0; i < 4; i++)
		await save(c, 'meeting', FORMS.meeting);
});

test('ONC-4..11 issue 10: every document page within 3 statements, no writes', async () => {
	const over = [];
	for (const p of DOCS) {
		const m = await perRequest(c, p, N);
		console.log(p, m.statements.toFixed(2));
		if (Math.round(m.statements) > BUDGET)
			over.push(`${p}: ${m.statements.toFixed(2)}`);
		if (Math.round(m.writes) > 0)
			over.push(`${p}: ${m.writes.toFixed(2)} writes`);
	}
	assert.deepEqual(over, []);
});

test('ONC-3/4/9/13 issue 10: the whole-application pages within 3 statements, no writes', async () => {
	for (const [p, most] of Object.entries(WHOLE)) {
		const m = await perRequest(c, p, N);
		console.log(p, m.statements.toFixed(2));
		assert.ok(Math.round(m.statements) <= most, `${p}: ${m.statements.toFixed(2)}`);
		assert.ok(Math.round(m.writes) <= 0, `${p}: writes`);
	}
});
