// tests/bench/burst.mjs — the window-opening burst (issue 10): N distinct
// applicants, made with `shikakuctl user add`, signed in, プログラム制
// chosen and the confirmation page's token read; then the window
// "opens": every applicant submits 応募する twice (a double click), in a
// shuffled order, C requests in flight.  Prints one JSON line: requests,
// seconds, rates, latency percentiles, statuses, errors, and what the
// database holds afterwards (live applications made by the burst, and
// for how many distinct applicants).
//
// Environment: top_srcdir, the stack's (SHIKAKU_RUN, SHIKAKU_PORT,
// SHIKAKU_CONF, SHIKAKU_DB_SOCKET), BURST_APPLICANTS (1000),
// BURST_CONCURRENCY (64), BURST_PREPARE (8: sign-ins at once).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const src = process.env.top_srcdir;
const { signIn, csrfOf, rows, q, uniqueDigits, SHIKAKUCTL } = await import(`${src}/tests/integration/auth.mjs`);
const { CONF } = await import(`${src}/tests/integration/http.mjs`);
const run = promisify(execFile);
const N = Number(process.env.BURST_APPLICANTS || 1000);
const C = Number(process.env.BURST_CONCURRENCY || 64);
const PREP = Number(process.env.BURST_PREPARE || 8);
const HOST = 'board.localhost';
const say = (s) => console.error(`burst: ${s}`);

async function pool(items, k, fn) {
	const out = new Array(items.length);
	let i = 0;
	await Promise.all(Array.from({ length: k }, async () => {
		while (i < items.length) {
			const j = i++;
			out[j] = await fn(items[j], j);
		}
	}));
	return out;
}

// The accounts: shikakuctl, never by hand.
let t = Date.now();
const pw = `Burst-${uniqueDigits(6)}-pw!`;
const pwfile = path.join(os.tmpdir(), `burst-pw-${process.pid}`);
fs.writeFileSync(pwfile, `${pw}\n`, { mode: 0o600 });
let people;
try {
	people = await pool(Array.from({ length: N }, (_, i) => i), 4, async (i) => {
		const number = `6${uniqueDigits(9)}`;
		await run(SHIKAKUCTL, ['-f', CONF, 'user', 'add', 'board', '--number', number,
		    '--mail', `burst${number}@board.example`, '--name', `負荷 試験${i}`, '--password-file', pwfile]);
		return number;
	});
} finally {
	fs.rmSync(pwfile, { force: true });
}
const made = Date.now() - t;
say(`${N} accounts made with shikakuctl in ${made} ms`);

// Signed in, the training system chosen, the confirmation page's token read.
const programs = rows("SELECT id FROM program WHERE tenant = 'board' AND track = 'regular' ORDER BY id LIMIT 50").map((r) => r[0]);
t = Date.now();
const clients = await pool(people, PREP, async (number, i) => {
	const c = await signIn(HOST, number, pw);
	const r = await c.post('/apply/system', { system: 'program' });
	if (r.status !== 303)
		throw new Error(`choose: ${r.status}`);
	c.program = programs[i % programs.length];
	c.token = csrfOf((await c.model(`/apply/confirm?program=${c.program}`)).body);
	return c;
});
const ready = Date.now() - t;
say(`${N} applicants signed in and ready in ${ready} ms`);

// The window opens: every applicant twice, shuffled.
const jobs = clients.flatMap((c) => [c, c]);
for (let i = jobs.length - 1; i > 0; i--) {
	const j = (i * 7919) % (i + 1);
	[jobs[i], jobs[j]] = [jobs[j], jobs[i]];
}
const lat = [], statuses = {};
let errors = 0;
// Japan time (the portal's), a second early: what the burst creates.
const since = new Date(Date.now() + 9 * 3600 * 1000 - 1000).toISOString().slice(0, 19).replace('T', ' ');
const uids = new Set(people);
const start = process.hrtime.bigint();
await pool(jobs, C, async (c) => {
	const s = process.hrtime.bigint();
	let r;
	try {
		r = await c.postRaw('/apply/confirm', { csrf: c.token, program: String(c.program) }, { timeout: 60000 });
	} catch {
		r = { status: 0 };
	}
	lat.push(Number(process.hrtime.bigint() - s) / 1e6);
	statuses[r.status] = (statuses[r.status] || 0) + 1;
	if (r.status !== 303 || !/^\/apply\/done\?id=\d+(&dup=1)?$/.test(r.location || ''))
		errors++;
});
const secs = Number(process.hrtime.bigint() - start) / 1e9;
lat.sort((a, b) => a - b);
const pct = (p) => lat[Math.min(lat.length - 1, Math.floor(p / 100 * lat.length))].toFixed(1);
const db = rows(`SELECT COUNT(DISTINCT a.uid), COUNT(*) FROM application a WHERE a.tenant = 'board' AND a.live = 1 AND a.created_at >= ${q(since)}`)[0];
console.log(JSON.stringify({
	applicants: N, requests: jobs.length, concurrency: C, accounts_ms: made, prepare_ms: ready,
	seconds: secs.toFixed(2), rps: (jobs.length / secs).toFixed(1),
	p50: pct(50), p90: pct(90), p99: pct(99), max: lat[lat.length - 1].toFixed(1),
	statuses, errors, live_apps: Number(db[1]), applicants_with_live: Number(db[0]), distinct_numbers: uids.size,
}));
