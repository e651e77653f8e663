// tests/bench/second-burst.mjs — 200 members submitting 二次申請 within
// one minute, with no error (issue 11).  Each member is fresh (shikakuctl
// user add), given the facts 二次 needs and this year's 一次 by SQL, and
// fills the four sections over HTTP (the fill phase, timed apart); then
// every member submits at once, BURST_CONCURRENCY at a time (the submit
// phase: the figure).  Checked afterwards: as many applications
// submitted as members, each with its snapshot and its mail queued.
//
//   BURST_MEMBERS (200), BURST_CONCURRENCY (16), BURST_LIMIT_S (60)

import { rows, q, resetThrottle } from '../integration/auth.mjs';
import { openWindows, registry, member, fillAll, submit, appOf } from '../integration/second.mjs';

const N = Number(process.env.BURST_MEMBERS || 200);
const C = Number(process.env.BURST_CONCURRENCY || 16);
const LIMIT = Number(process.env.BURST_LIMIT_S || 60);

async function pool(items, n, fn) {
	const out = [];
	let next = 0;
	await Promise.all(Array.from({ length: n }, async () => {
		while (next < items.length) {
			const i = next++;
			out[i] = await fn(items[i], i);
		}
	}));
	return out;
}

resetThrottle();
const restore = openWindows();
const reg = registry();
let t0 = Date.now();
const members = [];
for (let i = 0; i < N; i++) {
	members.push(await member({ sup: reg.late }));
	if (i % 50 === 49)
		resetThrottle();
}
const made = (Date.now() - t0) / 1000;
t0 = Date.now();
await pool(members, 8, (m) => fillAll(m.c, reg));
const filled = (Date.now() - t0) / 1000;
t0 = Date.now();
const results = await pool(members, C, async (m) => {
	try {
		const r = await submit(m.c, { experience: '1' });
		return r.status === 303 ? null : `${m.user.uid}: ${r.status}`;
	} catch (e) {
		return `${m.user.uid}: ${e.message}`;
	}
});
const took = (Date.now() - t0) / 1000;
const errors = results.filter((x) => x);
const uids = members.map((m) => q(m.user.uid)).join(',');
const submitted = Number(rows(`SELECT COUNT(*) FROM app a JOIN offering o ON o.id = a.offering_id WHERE o.kind = 'second' AND a.state = 'submitted' AND a.uid IN (${uids})`)[0][0]);
const snaps = Number(rows(`SELECT COUNT(*) FROM app_snapshot s JOIN app a ON a.id = s.app_id JOIN offering o ON o.id = a.offering_id WHERE o.kind = 'second' AND a.uid IN (${uids})`)[0][0]);
const mails = Number(rows(`SELECT COUNT(*) FROM outbox WHERE tenant = 'palliative' AND template = 'apply_submitted' AND rcpt IN (${members.map((m) => q(m.user.mail)).join(',')})`)[0][0]);
restore();
console.log(`members made and signed in: ${N} in ${made.toFixed(1)} s`);
console.log(`sections filled over HTTP (8 at a time): ${filled.toFixed(1)} s`);
console.log(`二次申請 submitted: ${submitted}/${N} in ${took.toFixed(2)} s (${(N / took).toFixed(1)}/s, ${C} at a time), errors ${errors.length}, snapshots ${snaps}, mails ${mails}`);
for (const e of errors.slice(0, 10))
	console.log(`  error ${e}`);
void appOf;
if (errors.length || submitted !== N || snaps !== N || took > LIMIT) {
	console.log(`FAIL: want ${N} submitted within ${LIMIT} s with no error`);
	process.exit(1);
}
console.log(`PASS: ${N} members submitted 二次申請 within ${LIMIT} s with 0 errors`);
