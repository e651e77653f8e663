// One live application per applicant per round, under fire (BRD-5,
// CORE-19): fifty submissions by one applicant at the same moment — the
// same program (double clicks), other programs (other tabs), and from two
// sessions (two devices) — leave exactly one live application, one
// confirmation mail and one audit line; every answer shows that one
// application (303 to its page), none is an error.
//
// Uses the demo data's regular 1次募集, open on the day the stack loads it.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import {
	signIn, createUser, rows, q, csrfOf, resetThrottle, gist, HOSTS,
} from './auth.mjs';

const HOST = HOSTS.board;
const N = 50;
let programs;

before(() => {
	resetThrottle();
	programs = rows("SELECT p.id FROM program p WHERE p.tenant = 'board' AND p.track = 'regular' AND p.prefecture = '13' ORDER BY p.code LIMIT 10").map((r) => r[0]);
	assert.equal(programs.length, 10);
	const now = new Date(Date.now() + 9 * 3600 * 1000).toISOString().slice(0, 19).replace('T', ' ');
	const open = rows(`SELECT COUNT(*) FROM recruit_round WHERE tenant = 'board' AND track = 'regular' AND apply_open <= ${q(now)} AND apply_close > ${q(now)}`)[0][0];
	assert.equal(open, '1', 'a regular round is open (demo data)');
});

/** A fresh applicant with プログラム制 chosen, signed in `sessions` times. */
async function applicant(tag, sessions) {
	const user = createUser('board', { tag });
	const clients = [];
	for (let i = 0; i < sessions; i++) {
		const c = await signIn(HOST, user.ident, user.password);
		clients.push(c);
	}
	const r = await clients[0].post('/apply/system', { system: 'program' });
	assert.equal(r.status, 303);
	return { user, clients };
}

async function burst(clients, pick) {
	const tokens = [];
	for (const c of clients)
		tokens.push(csrfOf((await c.model(`/apply/confirm?program=${programs[0]}`)).body));
	const started = Date.now();
	const res = await Promise.all(Array.from({ length: N }, (_, i) => {
		const k = i % clients.length;
		return clients[k].postRaw('/apply/confirm', { csrf: tokens[k], program: String(pick(i)) }, { timeout: 60000 });
	}));
	return { res, ms: Date.now() - started };
}

function check(user, res) {
	const live = rows(`SELECT id, program_id FROM application WHERE tenant = 'board' AND uid = ${q(user.uid)} AND live = 1`);
	assert.equal(live.length, 1, `live applications: ${JSON.stringify(live)}`);
	const all = rows(`SELECT COUNT(*) FROM application WHERE tenant = 'board' AND uid = ${q(user.uid)}`)[0][0];
	assert.equal(all, '1', 'a refused submission left a row behind');
	const [id] = live[0];
	const statuses = {};
	for (const r of res) {
		statuses[r.status] = (statuses[r.status] || 0) + 1;
		assert.equal(r.status, 303, gist(r));
		assert.ok(r.location === `/apply/done?id=${id}` || r.location === `/apply/done?id=${id}&dup=1`, r.location);
	}
	const created = res.filter((r) => r.location === `/apply/done?id=${id}`).length;
	assert.equal(created, 1, 'exactly one submission made it');
	assert.equal(rows(`SELECT COUNT(*) FROM outbox WHERE rcpt = ${q(user.mail)} AND template = 'recruit_applied'`)[0][0], '1');
	assert.equal(rows(`SELECT COUNT(*) FROM audit WHERE tenant = 'board' AND actor = ${q(user.uid)} AND action = 'recruit.apply'`)[0][0], '1');
	return statuses;
}

test(`BRD-5 CORE-19: ${N} simultaneous submissions of one program by one applicant leave one application`, async () => {
	const { user, clients } = await applicant('cc1', 1);
	const { res, ms } = await burst(clients, () => programs[0]);
	const s = check(user, res);
	console.log(`# ${N} same-program submissions in ${ms} ms: ${JSON.stringify(s)}`);
});

test(`BRD-5 CORE-19: ${N} simultaneous submissions to ten programs from two sessions leave one application`, async () => {
	const { user, clients } = await applicant('cc2', 2);
	const { res, ms } = await burst(clients, (i) => programs[i % programs.length]);
	const s = check(user, res);
	console.log(`# ${N} submissions to ${programs.length} programs from 2 sessions in ${ms} ms: ${JSON.stringify(s)}`);
	// The dashboard shows that one, 申請済み.
	const d = await clients[1].get('/dashboard');
	assert.match(d.body, /申請済みです。/);
	assert.equal((d.body.match(/recruit-application /g) || []).length, 1);
});
