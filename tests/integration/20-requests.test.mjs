// Security headers and bad input: malformed, oversized and garbage
// requests get 4xx pages in the tenant's theme, never a 500 or a crash.
// Issue 2 item 5; CORE-1, CORE-2, CORE-21 (error pages themed).

import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
	TENANTS, UNKNOWN_HOST, OPS_HOST, get, request, metrics,
	securityHeaderProblems, foreignNames, workerPids,
} from './http.mjs';

const BOARD = 'board.localhost';
const NAME = 'デモ専門医機構';

const MiB = 1024 * 1024;

// Worker restarts before the first bad request: compared at the end.
let restartsBefore;
let workersBefore;

test('issue 2 item 5 (setup): note worker restarts before the bad input', async () => {
	restartsBefore = (await metrics()).get('shikaku_worker_restarts_total');
	assert.equal(typeof restartsBefore, 'number');
	workersBefore = workerPids();
	assert.ok(workersBefore.length > 0);
});

test('issue 2 item 5: security headers (CSP without unsafe-inline, nosniff, frame-ancestors, Referrer-Policy) on 200, 400, 404, 405, 413 and ops responses', async () => {
	const cases = [
		[BOARD, '/', {}, 200],
		[BOARD, '/?lang=en', {}, 200],
		[BOARD, '/', { headers: { accept: 'application/xml' } }, 200],
		[BOARD, '/?a=%zz', {}, 400],
		[BOARD, '/no-such-page', {}, 404],
		[UNKNOWN_HOST, '/', {}, 404],
		[BOARD, '/', { method: 'DELETE' }, 405],
		[BOARD, '/', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(11 * MiB) }, body: Buffer.alloc(11 * MiB, 0x61) }, null],	// status: see the 413 test
		[OPS_HOST, '/', {}, 303],	// the console needs a central-IT sign-in
		[OPS_HOST, '/login', {}, 200],
		[OPS_HOST, '/healthz', {}, null],
		[OPS_HOST, '/metrics', {}, 401],	// central IT's or Prometheus' only (issue 7)
	];
	for (const [host, p, opts, want] of cases) {
		const r = await request(host, p, opts);
		const what = `${opts.method || 'GET'} ${host}${p}`;
		if (want !== null)
			assert.equal(r.status, want, what);
		assert.deepEqual(securityHeaderProblems(r.headers), [], what);
		if (r.status !== 200)
			assert.equal(r.headers['cache-control'], 'no-store', `${what}: an error page may be cached`);
	}
});

test('issue 2 item 5: malformed query /?a=%zz gives a 400 page in the tenant\'s theme', async () => {
	for (const q of ['/?a=%zz', '/?a=%', '/?a=%4', '/?%ff%fe=1', '/?a=%00']) {
		const r = await get(BOARD, q);
		assert.equal(r.status, 400, q);
		assert.match(r.headers['content-type'], /^text\/html/, q);
		assert.ok(r.body.includes(NAME), `${q}: not themed`);
		assert.match(r.body, /<link rel="stylesheet" href="\/static\/theme\.css">/, q);
		assert.deepEqual(foreignNames(r.body, 'board'), [], q);
	}
	// Each tenant themes its own 400.
	for (const t of TENANTS) {
		const r = await get(t.host, '/?a=%zz');
		assert.equal(r.status, 400, t.slug);
		assert.ok(r.body.includes(t.ja), `${t.slug}: 400 not themed`);
	}
});

test('issue 2 item 5: an unknown path gives a 404 page in the tenant\'s theme', async () => {
	for (const p of ['/no-such-page', '/index.php', '/.env', '/%e3%81%82', '/a/b/c?x=1']) {
		const r = await get(BOARD, p);
		assert.equal(r.status, 404, p);
		assert.ok(r.body.includes(NAME), `${p}: 404 not themed`);
		assert.deepEqual(foreignNames(r.body, 'board'), [], p);
	}
	const en = await get(BOARD, '/no-such-page?lang=en');
	assert.equal(en.status, 404);
	assert.match(en.body, /<html[^>]* lang="en"/);
	assert.ok(en.body.includes('Demo Specialty Board'));
});

test('issue 2 item 5: DELETE / (and other unsupported methods) give a themed 405', async () => {
	for (const m of ['DELETE', 'PUT', 'PATCH']) {
		const r = await request(BOARD, '/', { method: m });
		assert.equal(r.status, 405, m);
		assert.ok(r.body.includes(NAME), `${m}: 405 not themed`);
	}
	// HEAD works like GET, without a body.
	const h = await request(BOARD, '/', { method: 'HEAD' });
	assert.equal(h.status, 200);
	assert.equal(h.raw.length, 0);
});

test('issue 2 item 5: a body larger than max_body (11 MiB; nginx allows 12m) gets 413', async () => {
	const body = Buffer.alloc(11 * MiB, 0x61);
	for (const ctype of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=xyz']) {
		const r = await request(BOARD, '/', {
			method: 'POST', headers: { 'content-type': ctype }, body, timeout: 30000,
		});
		assert.equal(r.status, 413, `POST / ${ctype}, 11 MiB`);
		assert.ok(r.body.includes(NAME), '413 not themed');
	}
	// Beyond nginx's own limit it is still a 413, never a 5xx.
	const big = await request(BOARD, '/', {
		method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: Buffer.alloc(13 * MiB, 0x61), timeout: 30000,
	}).catch((e) => ({ status: `transport error ${e.code || e.message}` }));
	assert.equal(big.status, 413, 'POST / 13 MiB');
});

test('issue 2 item 5: garbage bodies and headers never get a 5xx', async () => {
	const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
	const many = Array.from({ length: 2000 }, (_, i) => `f${i}=${i}`).join('&');
	const bodies = [
		['multipart/form-data; boundary=----x', Buffer.from('------x\r\nContent-Disposition: form-data; name="a"\r\n\r\nunterminated')],
		['multipart/form-data; boundary=----x', Buffer.from('no boundary at all')],
		['multipart/form-data', Buffer.from('------x\r\n\r\n------x--\r\n')],
		['multipart/form-data; boundary=', junk],
		['multipart/form-data; boundary="' + 'b'.repeat(200) + '"', junk],
		['multipart/form-data; boundary=x', Buffer.from('--x\r\nContent-Disposition: form-data; name="f"; filename="../../etc/passwd"\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n--x--\r\n')],
		['application/x-www-form-urlencoded', Buffer.from('a=%zz&b=%')],
		['application/x-www-form-urlencoded', Buffer.from(many)],
		['application/x-www-form-urlencoded', junk],
		['application/json', Buffer.from('{"a":')],
		[undefined, junk],
	];
	const paths = ['/', '/login', '/register', '/no-such-page', '/healthz', '/metrics'];
	const statuses = new Set();
	for (const host of [BOARD, OPS_HOST, UNKNOWN_HOST])
		for (const p of paths)
			for (const [ctype, body] of bodies) {
				const headers = ctype ? { 'content-type': ctype } : {};
				const r = await request(host, p, { method: 'POST', headers, body });
				assert.ok(r.status >= 400 && r.status < 500,
				    `POST ${host}${p} (${ctype}): ${r.status}`);
				statuses.add(r.status);
			}
	// A malformed Content-Length is nginx's to refuse; still not a 5xx.
	const cl = await request(BOARD, '/', { method: 'POST', headers: { 'content-length': '-1' } })
		.catch(() => ({ status: 400 }));
	assert.ok(cl.status < 500, `Content-Length: -1 gave ${cl.status}`);
	// Query strings beyond the field limits.
	for (const q of [`/?${many}`, `/?${'k'.repeat(300)}=1`, `/?a=${'v'.repeat(70000)}`]) {
		const r = await get(BOARD, q);
		assert.ok(r.status >= 400 && r.status < 500, `GET /?… (${q.length} bytes): ${r.status}`);
	}
});

test('issue 2 item 5: long and malformed cookies get a 4xx (or are ignored), never a 5xx', async () => {
	const cases = [
		['a'.repeat(6000) + '=1', [200, 400]],			// long name: under nginx's 8k header buffer
		['s=' + 'x'.repeat(6000), [200, 400, 413]],		// long value
		[Array.from({ length: 400 }, (_, i) => `c${i}=1`).join('; '), [400, 413]], // more cookies than max_fields
		['s=' + 'x'.repeat(20000), [400]],			// beyond nginx's header buffers
		['=; ;;=x; a', [200, 400]],
		['s=%zz', [200, 400]],
		['s="\x80\xff"', [200, 400]],
	];
	for (const [cookie, allowed] of cases) {
		const r = await get(BOARD, '/', { headers: { cookie } });
		assert.ok(allowed.includes(r.status),
		    `Cookie of ${cookie.length} bytes (${cookie.slice(0, 20)}…): ${r.status}, expected one of ${allowed}`);
		if (r.status === 400 && cookie.length < 8000)
			assert.ok(r.body.includes(NAME), 'a cookie 400 from the daemon is themed');
	}
});

test('issue 2 item 5: the daemon survived all of it (home 200, no worker died)', async () => {
	const r = await get(BOARD, '/');
	assert.equal(r.status, 200);
	assert.ok(r.body.includes(NAME));
	const m = await metrics();
	assert.equal(m.get('shikaku_worker_restarts_total'), restartsBefore,
	    'a worker died during the bad-input tests (see shikakud.log)');
	assert.deepEqual(workerPids(), workersBefore, 'workers were replaced during the bad-input tests');
});
