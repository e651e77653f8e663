// A stop that drains (issue 15, OPS-2).  In the scale-out drill every
// SIGTERM of app1's pool cost 16 POSTs: nginx had sent them into the
// pool's socket, where they waited in the listen queue when the workers
// left, and nginx rightly retries no POST it has sent.  Now the master
// removes the socket path first (a new connection fails at connect(),
// which nginx passes to the other pool), and the workers serve what is
// already queued before they leave.
//
// The test runs its own shikakud (fcgi.mjs) with one worker, holds that
// worker on a slow request (the home page reads the notices, which we
// lock), queues GETs and POSTs behind it, then SIGTERMs the master.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';

import { sleep, sqlSession } from './http.mjs';
import { startDaemon, fcgiRequest, childWorkers } from './fcgi.mjs';

const BOARD = 'board.localhost';
const running = [];
after(async () => {
	for (const d of running)
		await d.stop('SIGKILL');
});

test('OPS-2 (issue 15): SIGTERM with requests queued in the socket: the socket path is gone at once, every queued request (GET or POST) gets a real answer, and master and worker leave', async () => {
	const STOP_S = 20, HOLD_S = 3, N = 16;
	const d = await startDaemon('t92-drain', { workers: 1, stop_timeout: STOP_S, request_timeout: 30 });
	running.push(d);
	const logFrom = fs.statSync(d.log).size;	// the log is appended to
	const workers = childWorkers(d.pid);
	assert.equal(workers.length, 1, `workers ${workers}`);

	const locker = await sqlSession(
	    `LOCK TABLES notice WRITE; SELECT 'locked'; SELECT SLEEP(${HOLD_S}); UNLOCK TABLES;`, 'locked');
	const t0 = Date.now();
	const settle = (p) => p.then((r) => ({ r }), (e) => ({ e }));
	// The only worker takes this one and waits for the lock ...
	const first = settle(fcgiRequest(d.sock, { host: BOARD, path: '/', timeout: 30000 }));
	await sleep(300);
	// ... so these wait in the socket's listen queue, sent but not taken.
	const queued = [];
	for (let i = 0; i < N; i++)
		queued.push(settle(fcgiRequest(d.sock, i % 2 === 0 ?
		    { host: BOARD, path: '/', timeout: 30000 } :
		    { host: BOARD, path: '/login', method: 'POST', timeout: 30000 })));
	await sleep(300);
	const tTerm = Date.now();
	process.kill(d.pid, 'SIGTERM');

	// The path goes first, while the worker is still held.
	let gone = null;
	while (Date.now() - tTerm < 2000 && gone === null) {
		if (!fs.existsSync(d.sock))
			gone = Date.now() - tTerm;
		else
			await sleep(20);
	}
	let late = null;
	try {
		late = await fcgiRequest(d.sock, { host: BOARD, path: '/', timeout: 5000 });
	} catch (e) {
		late = e;
	}

	let timer;
	const code = await Promise.race([d.exited,
	    new Promise((r) => { timer = setTimeout(() => r('still running'), (STOP_S + 5) * 1000); })]);
	clearTimeout(timer);
	const took = Date.now() - tTerm;
	locker.kill('SIGTERM');
	const f = await first;
	const q = await Promise.all(queued);
	running.pop();

	assert.ok(gone !== null, 'the socket path was still there 2 s after SIGTERM');
	assert.ok(tTerm + gone - t0 < HOLD_S * 1000,
	    `the socket path went only ${gone} ms after SIGTERM, not before the request in flight ended`);
	assert.equal(late.code, 'ENOENT', `a connection after SIGTERM: ${late.code || late.status}`);
	assert.ok(f.r, `the request in flight: ${f.e && f.e.code} ${f.e && f.e.message}`);
	assert.equal(f.r.status, 200, 'the request in flight');
	const bad = q.map((x, i) => ({ i, ...x })).filter((x) => !x.r || x.r.status >= 500)
	    .map((x) => `#${x.i}: ${x.r ? x.r.status : `${x.e.code} ${x.e.message}`}`);
	assert.deepEqual(bad, [], `queued requests without a real answer (of ${N})`);
	for (let i = 0; i < N; i += 2)
		assert.equal(q[i].r.status, 200, `queued GET #${i}`);
	assert.equal(code, 0, `the master ended with ${code}`);
	assert.ok(took < STOP_S * 1000, `the stop took ${took} ms (stop_timeout ${STOP_S} s)`);
	for (const p of workers)
		assert.ok(!fs.existsSync(`/proc/${p}`) || /\) [ZX]/.test(fs.readFileSync(`/proc/${p}/stat`, 'utf8')),
		    `worker ${p} outlived the master`);
	assert.match(fs.readFileSync(d.log).subarray(logFrom).toString(), /took \d+ queued connection\(s\) before leaving/);
});
