// The worker pool's own exits (issue 7 item 13, OPS-2, OPS-3): a worker
// that has served max_requests is replaced and counted as recycled (not
// as a crash); SIGTERM to the master under load lets the requests in
// flight finish, then the master and its workers leave within
// stop_timeout.
//
// Each test runs its own shikakud from the same build (fcgi.mjs), beside
// the stack's, and stops it: the stack's daemon is not touched.  Runs
// late (name order) with the other tests that end processes.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';

import { OPS_HOST, parseMetrics, opsAuth, waitFor, sleep, sqlSession } from './http.mjs';
import { startDaemon, fcgiRequest, childWorkers } from './fcgi.mjs';

const BOARD = 'board.localhost';
const running = [];
after(async () => {
	for (const d of running)
		await d.stop('SIGKILL');
});

async function daemonMetrics(d) {
	const r = await fcgiRequest(d.sock, { host: OPS_HOST, path: '/metrics', headers: opsAuth() });
	assert.equal(r.status, 200, r.body);
	return parseMetrics(r.body);
}

test('OPS-2 OPS-3 (issue 7 item 13): a worker is replaced after max_requests, and shikaku_worker_recycled_total counts it (not as a restart)', async () => {
	const MAX = 5, WORKERS = 2, N = 40;
	const d = await startDaemon('t91-recycle', { workers: WORKERS, max_requests: MAX, stop_timeout: 2 });
	running.push(d);
	const first = childWorkers(d.pid);
	assert.equal(first.length, WORKERS, `workers ${first}`);
	const seen = new Set(first);
	for (let i = 0; i < N; i++) {
		const r = await fcgiRequest(d.sock, { host: BOARD, path: '/' });
		assert.equal(r.status, 200, `request ${i}: ${r.status}`);
		for (const p of childWorkers(d.pid))
			seen.add(p);
	}
	// Every worker served at most MAX: N requests needed at least N / MAX of them.
	assert.ok(seen.size >= Math.floor(N / MAX), `only ${seen.size} workers for ${N} requests with max_requests = ${MAX}`);
	const m = await waitFor(async () => {
		const x = await daemonMetrics(d);
		return x.get('shikaku_worker_recycled_total') >= Math.floor(N / MAX) - WORKERS ? x : null;
	}, { timeout: 5000, what: 'shikaku_worker_recycled_total to count the recycles' });
	assert.ok(m.get('shikaku_worker_recycled_total') >= Math.floor(N / MAX) - WORKERS,
	    `recycled ${m.get('shikaku_worker_recycled_total')}`);
	assert.equal(m.get('shikaku_worker_restarts_total'), 0, 'a recycle was counted as a crash');
	// The pool is whole again.
	await waitFor(() => childWorkers(d.pid).length === WORKERS, { timeout: 5000, what: `${WORKERS} workers` });
	assert.equal(await d.stop(), 0);
	running.pop();
});

test('OPS-2 (issue 7 item 13): SIGTERM to the master under load: the request in flight finishes with 200, no request gets half an answer, and master and workers are gone within stop_timeout', async () => {
	const STOP_S = 8, HOLD_S = 4;
	const d = await startDaemon('t91-stop', { workers: 2, stop_timeout: STOP_S, request_timeout: 30 });
	running.push(d);
	const workers = childWorkers(d.pid);
	assert.equal(workers.length, 2);

	// A slow request: the home page reads the notices, which we lock.
	const locker = await sqlSession(
	    `LOCK TABLES notice WRITE; SELECT 'locked'; SELECT SLEEP(${HOLD_S}); UNLOCK TABLES;`, 'locked');
	const slow = fcgiRequest(d.sock, { host: BOARD, path: '/', timeout: 20000 });
	// Load on the other worker meanwhile (pages that do not read notices).
	const stats = { ok: 0, refused: 0, other: [] };
	let stop = false;
	const loop = (async () => {
		while (!stop) {
			try {
				const r = await fcgiRequest(d.sock, { host: OPS_HOST, path: '/login', timeout: 20000 });
				if (r.status === 200)
					stats.ok++;
				else
					stats.other.push(`status ${r.status}`);
			} catch (e) {
				// Once the socket is closed or gone: refused before any byte.
				if (['ECONNREFUSED', 'ENOENT', 'ENORESPONSE', 'ECONNRESET', 'EPIPE'].includes(e.code))
					stats.refused++;
				else
					stats.other.push(e.message);
				if (e.code === 'ECONNREFUSED' || e.code === 'ENOENT')
					await sleep(20);
			}
		}
	})();
	await waitFor(() => stats.ok >= 20, { timeout: 10000, what: '20 requests of load' });
	const t0 = Date.now();
	process.kill(d.pid, 'SIGTERM');
	const code = await Promise.race([d.exited, sleep((STOP_S + 5) * 1000).then(() => 'still running')]);
	const took = Date.now() - t0;
	stop = true;
	await loop;
	locker.kill('SIGTERM');
	const r = await slow;
	assert.equal(r.status, 200, 'the request in flight did not finish');
	assert.equal(code, 0, `the master ended with ${code}`);
	assert.ok(took <= STOP_S * 1000 + 1000, `the master took ${took} ms (stop_timeout ${STOP_S} s)`);
	assert.ok(took >= 1000, `the master did not wait for the request in flight (${took} ms)`);
	assert.deepEqual(stats.other, [], 'requests answered otherwise than 200 during the stop');
	assert.ok(stats.ok >= 20);
	for (const p of workers)
		assert.ok(!fs.existsSync(`/proc/${p}`) || /\) [ZX]/.test(fs.readFileSync(`/proc/${p}/stat`, 'utf8')), `worker ${p} outlived the master`);
	assert.ok(!fs.existsSync(d.sock), 'the socket was left behind');
	running.pop();
});
