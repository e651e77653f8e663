// The central-IT host: console, health, metrics, and the request log.
// OPS-1, OPS-3 (and CORE-1: none of it on a tenant's host).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import {
	TENANTS, OPS_HOST, UNKNOWN_HOST, RUN, get, metrics, parseMetrics,
	confNumber, waitFor, foreignNames, opsAuth,
} from './http.mjs';
import { opsClient } from './auth.mjs';

test('OPS-1: the ops host\'s console lists the four tenants (for a signed-in central IT)', async () => {
	// The console is central IT's only (issue 3): anonymous visitors go to sign in.
	const anon = await get(OPS_HOST, '/');
	assert.equal(anon.status, 303);
	assert.equal(anon.headers.location, '/login');
	const it = await opsClient();
	const r = await it.get('/');
	assert.equal(r.status, 200);
	assert.match(r.headers['content-type'], /^text\/html/);
	for (const t of TENANTS) {
		assert.ok(r.body.includes(t.ja), `${t.slug}'s name missing`);
		assert.ok(r.body.includes(t.host), `${t.slug}'s host missing`);
	}
	// No tenant's theme on the ops site.
	assert.ok(!r.body.includes('/static/theme.css'), 'the console links a tenant theme');
	const x = await it.get('/', { xml: true });
	assert.equal(x.status, 200);
	assert.match(x.body, /<page name="ops-home"/);
	assert.equal((x.body.match(/<tenant slug="/g) || []).length, TENANTS.length);
});

test('OPS-1 OPS-3: /healthz on the ops host says database ok, directory ok, mail ok (to Prometheus\' token)', async () => {
	const r = await get(OPS_HOST, '/healthz', { headers: opsAuth() });
	assert.equal(r.status, 200, r.body);
	assert.match(r.headers['content-type'], /^text\/plain/);
	const lines = r.body.trim().split('\n');
	for (const l of ['database ok', 'directory ok', 'mail ok'])
		assert.ok(lines.includes(l), `no line "${l}" in:\n${r.body}`);
});

test('OPS-3: /metrics is Prometheus text with requests by tenant and status, a duration histogram and worker states', async () => {
	const key = 'shikaku_requests_total{tenant="board",status="200"}';
	const key404 = 'shikaku_requests_total{tenant="board",status="404"}';
	assert.equal((await get('board.localhost', '/')).status, 200);
	const r = await get(OPS_HOST, '/metrics', { headers: opsAuth() });
	assert.equal(r.status, 200);
	assert.match(r.headers['content-type'], /^text\/plain; version=0\.0\.4/);
	// Every sample line is NAME{LABELS} VALUE; every family has TYPE.
	for (const line of r.body.split('\n').filter((l) => l && !l.startsWith('#')))
		assert.match(line, /^[a-z_:][a-z0-9_:]*(\{[a-z_]+="[^"]*"(,[a-z_]+="[^"]*")*\})? [0-9.e+-]+$/i, line);
	for (const fam of ['shikaku_requests_total counter', 'shikaku_request_duration_seconds histogram', 'shikaku_workers gauge'])
		assert.ok(r.body.includes(`# TYPE ${fam}`), `no TYPE ${fam}`);
	const m = parseMetrics(r.body);
	const before = m.get(key);
	assert.ok(before >= 1, `${key} = ${before}`);

	// The counters move: one more 200 and one 404 on board.
	assert.equal((await get('board.localhost', '/')).status, 200);
	assert.equal((await get('board.localhost', '/nope')).status, 404);
	const after = await waitFor(async () => {
		const n = await metrics();
		return n.get(key) >= before + 1 && n.get(key404) >= 1 ? n : null;
	}, { timeout: 5000, what: `${key} to grow` });
	// Other tenants' counters are their own.
	for (const t of TENANTS.filter((x) => x.slug !== 'board'))
		assert.equal(after.get(`shikaku_requests_total{tenant="${t.slug}",status="404"}`) ?? 0,
		    m.get(`shikaku_requests_total{tenant="${t.slug}",status="404"}`) ?? 0, t.slug);

	// Histogram: cumulative buckets, +Inf equals the count.
	const buckets = [...after.entries()].filter(([k]) => k.startsWith('shikaku_request_duration_seconds_bucket'));
	assert.ok(buckets.length >= 5, 'too few buckets');
	for (let i = 1; i < buckets.length; i++)
		assert.ok(buckets[i][1] >= buckets[i - 1][1], `bucket ${buckets[i][0]} not cumulative`);
	assert.equal(after.get('shikaku_request_duration_seconds_bucket{le="+Inf"}'),
	    after.get('shikaku_request_duration_seconds_count'));
	assert.ok(after.get('shikaku_request_duration_seconds_sum') > 0);

	// Worker states: as many workers as configured, this request's one busy.
	const workers = confNumber('workers', 4);
	assert.ok(after.has('shikaku_workers{state="idle"}'));
	const live = ['starting', 'idle', 'busy'].reduce((s, st) => s + (after.get(`shikaku_workers{state="${st}"}`) || 0), 0);
	assert.equal(live, workers, 'live workers in /metrics vs workers in shikaku.conf');
	assert.ok(after.get('shikaku_workers{state="busy"}') >= 1, 'the worker answering /metrics is not busy');
	for (const k of ['shikaku_worker_restarts_total', 'shikaku_reloads_total', 'shikaku_request_timeouts_total'])
		assert.ok(after.has(k), `no ${k}`);
});

test('OPS-1 OPS-3 CORE-1: /metrics and /healthz exist on the ops host only (404 on a tenant host)', async () => {
	for (const t of TENANTS)
		for (const p of ['/metrics', '/healthz']) {
			const r = await get(t.host, p);
			assert.equal(r.status, 404, `${t.host}${p}`);
			assert.ok(!r.body.includes('shikaku_requests_total'), `${t.host}${p} leaks metrics`);
			assert.ok(!/database (ok|down)/.test(r.body), `${t.host}${p} leaks health`);
			assert.ok(r.body.includes(t.ja), `${t.host}${p}: 404 not themed`);
		}
	for (const p of ['/metrics', '/healthz']) {
		const r = await get(UNKNOWN_HOST, p);
		assert.equal(r.status, 404);
		assert.deepEqual(foreignNames(r.body, null), []);
	}
	// And tenant pages do not answer on the ops host.
	const r = await get(OPS_HOST, '/no-such-page');
	assert.equal(r.status, 404);
	assert.deepEqual(foreignNames(r.body, null), []);
});

test('OPS-3: one structured log line per request (req id, tenant, page, status, duration)', async () => {
	const log = path.join(RUN, 'log', 'shikakud.log');
	const lineRe = (tenant, page, status) => new RegExp(
	    `\\breq id=([0-9a-f-]{8,}) tenant=${tenant} page=${page} method=GET status=${status} us=\\d+\\s*$`);
	const from = fs.statSync(log).size;
	assert.equal((await get('board.localhost', '/')).status, 200);
	assert.equal((await get('palliative.localhost', '/missing')).status, 404);
	assert.equal((await get(OPS_HOST, '/healthz')).status, 200);
	const lines = await waitFor(() => {
		const fd = fs.openSync(log, 'r');
		try {
			const size = fs.fstatSync(fd).size;
			const buf = Buffer.alloc(size - from);
			fs.readSync(fd, buf, 0, buf.length, from);
			const ls = buf.toString('utf8').split('\n').filter((l) => / req id=/.test(l));
			return ls.length >= 3 ? ls : null;
		} finally {
			fs.closeSync(fd);
		}
	}, { timeout: 5000, what: 'three request lines in shikakud.log' });
	assert.equal(lines.length, 3, `one line per request, got:\n${lines.join('\n')}`);
	const ids = [];
	for (const [re, what] of [
		[lineRe('board', 'home', 200), 'board home 200'],
		[lineRe('palliative', '-', 404), 'palliative 404'],
		[lineRe('_ops', 'healthz', 200), 'ops healthz 200'],
	]) {
		const l = lines.find((x) => re.test(x));
		assert.ok(l, `no log line for ${what} in:\n${lines.join('\n')}`);
		ids.push(re.exec(l)[1]);
	}
	assert.equal(new Set(ids).size, 3, 'request ids are not unique');
	// The request id is nginx's: it ties the daemon's line to the access log.
	const access = path.join(RUN, 'log', 'nginx-access.log');
	await waitFor(() => fs.existsSync(access) && fs.readFileSync(access, 'utf8').includes(ids[0]),
	    { timeout: 4000, what: `request id ${ids[0]} in nginx-access.log` });
});
