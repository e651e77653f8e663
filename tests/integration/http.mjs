// tests/integration/http.mjs — the little the integration and browser tests
// share: HTTP requests with an explicit Host header (fetch forbids setting
// Host, so this is node:http), the stack's environment, polling, bounded
// load, and the worker pool's process ids.
//
// The stack is described by the variables scripts/stack writes to
// RUNDIR/env (SHIKAKU_RUN, SHIKAKU_PORT, SHIKAKU_CONF, SHIKAKU_DB_SOCKET …);
// tests/stack-tests exports them before running node --test.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const SRCDIR = process.env.top_srcdir ||
    path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RUN = process.env.SHIKAKU_RUN || '';
export const PORT = Number(process.env.SHIKAKU_PORT || 0);
export const ADDR = process.env.SHIKAKU_URL_HOST || '127.0.0.1';
export const CONF = process.env.SHIKAKU_CONF || (RUN && path.join(RUN, 'shikaku.conf'));

if (!PORT || !RUN)
	throw new Error('SHIKAKU_PORT and SHIKAKU_RUN must be set (source RUNDIR/env from scripts/stack)');

// The demo tenants of SPEC.md. Names are the contract (CORE-2).
export const TENANTS = [
	{ slug: 'board', host: 'board.localhost', ja: 'デモ専門医機構' },
	{ slug: 'palliative', host: 'palliative.localhost', ja: 'デモ緩和医療学会' },
	{ slug: 'oncology', host: 'oncology.localhost', ja: 'デモ臨床腫瘍学会' },
	{ slug: 'medassoc', host: 'medassoc.localhost', ja: 'デモ医師会' },
];
// English names come from each tenant.conf (name_en).
for (const t of TENANTS)
	t.en = readConfKey(path.join(SRCDIR, 'tenants', t.slug, 'tenant.conf'), 'name_en');
export const OPS_HOST = 'ops.localhost';
export const UNKNOWN_HOST = 'evil.localhost';

/** `key = value` from a shikaku-style config file, or undefined. */
export function readConfKey(file, key) {
	let text;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch {
		return undefined;
	}
	let val;
	for (const line of text.split('\n')) {
		const m = /^\s*([A-Za-z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
		if (m && m[1] === key)
			val = m[2];	// the last one wins, like a reparse
	}
	return val;
}

/** A number from the running stack's shikaku.conf, with the documented default. */
export function confNumber(key, dflt) {
	const v = readConfKey(CONF, key);
	return v === undefined ? dflt : Number(v);
}

/**
 * One HTTP request to nginx, no keep-alive.  Resolves with
 * { status, headers, body (utf-8 string), raw (Buffer), ms }; rejects only on
 * a transport error or after `timeout` ms.  A response that arrives while the
 * body is still being written (nginx's early 413) is still returned.
 */
export function request(host, urlPath = '/', opts = {}) {
	const { method = 'GET', headers = {}, body, timeout = 15000 } = opts;
	const started = Date.now();
	return new Promise((resolve, reject) => {
		let done = false;
		const finish = (err, val) => {
			if (done)
				return;
			done = true;
			clearTimeout(timer);
			if (err)
				reject(err);
			else
				resolve(val);
		};
		const h = { host, connection: 'close', ...headers };
		if (body !== undefined && h['content-length'] === undefined)
			h['content-length'] = Buffer.byteLength(body);
		const req = http.request({
			host: ADDR, port: PORT, method, path: urlPath, headers: h,
			agent: false,
		}, (res) => {
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => {
				const raw = Buffer.concat(chunks);
				finish(null, {
					status: res.statusCode, headers: res.headers,
					raw, body: raw.toString('utf8'),
					ms: Date.now() - started,
				});
			});
			res.on('error', (e) => finish(e));
		});
		const timer = setTimeout(() => {
			req.destroy();
			finish(new Error(`${method} ${host}${urlPath}: no answer in ${timeout} ms`));
		}, timeout);
		// The server may answer and close before reading all of a big body:
		// an EPIPE/ECONNRESET after a response is not an error.
		req.on('error', (e) => finish(e));
		if (body !== undefined)
			req.end(body);
		else
			req.end();
	});
}

export const get = (host, urlPath, opts = {}) => request(host, urlPath, { ...opts, method: 'GET' });

/** Poll fn() until it returns a truthy value; that value, or throw after timeoutMs. */
export async function waitFor(fn, { timeout = 10000, interval = 100, what = 'condition' } = {}) {
	const end = Date.now() + timeout;
	let last, lastErr;
	for (;;) {
		try {
			last = await fn();
			if (last)
				return last;
		} catch (e) {
			lastErr = e;
		}
		if (Date.now() > end)
			throw new Error(`timed out after ${timeout} ms waiting for ${what}` +
			    (lastErr ? ` (last error: ${lastErr.message})` : ''));
		await sleep(interval);
	}
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Bounded load: `concurrency` loops of sequential requests (no keep-alive)
 * until `total` requests were made or stop() was called.  Returns
 * { promise, stop, stats } where stats counts statuses as they arrive
 * (transport errors count as status 0).
 */
export function load({ host = 'board.localhost', path: p = '/', total = 400, concurrency = 4, timeout = 20000 } = {}) {
	const stats = { started: 0, done: 0, byStatus: {}, failures: [] };
	let stopped = false;
	const loop = async () => {
		while (!stopped && stats.started < total) {
			stats.started++;
			let st;
			try {
				st = (await request(host, p, { timeout })).status;
			} catch (e) {
				st = 0;
				stats.failures.push(e.message);
			}
			stats.byStatus[st] = (stats.byStatus[st] || 0) + 1;
			if (st !== 200 && st !== 0)
				stats.failures.push(`status ${st}`);
			stats.done++;
		}
	};
	const promise = Promise.all(Array.from({ length: concurrency }, loop)).then(() => stats);
	return { promise, stats, stop: () => { stopped = true; return promise; } };
}

/** The master's pid from RUN/shikakud.pid. */
export function masterPid() {
	return Number(fs.readFileSync(path.join(RUN, 'shikakud.pid'), 'utf8').trim());
}

/** Live (non-zombie) children of the master: the workers. */
export function workerPids() {
	const master = masterPid();
	let out = '';
	try {
		out = execFileSync('pgrep', ['-P', String(master)], { encoding: 'utf8' });
	} catch (e) {
		if (e.status !== 1)	// 1: none found
			throw e;
	}
	return out.split('\n').filter(Boolean).map(Number).filter((pid) => {
		try {
			const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
			// The mailer is the master's child too, but not a worker.
			return !/^\d+ \(.*\) [ZX]/.test(stat) &&
			    !/^\d+ \(shikakud-mailer\)/.test(stat);
		} catch {
			return false;
		}
	}).sort((a, b) => a - b);
}

/**
 * SIGHUP the master and wait until every worker has been replaced: the
 * workers read the demo clock (and the configuration) when they start.
 */
export async function reloadWorkers() {
	const before = workerPids();
	process.kill(masterPid(), 'SIGHUP');
	for (let i = 0; i < 100; i++) {
		await sleep(100);
		const now = workerPids();
		if (now.length === before.length && now.every((pid) => !before.includes(pid)))
			return;
	}
	throw new Error('workers were not replaced after SIGHUP');
}

/** Parse Prometheus text into a Map "name{labels}" → number. */
export function parseMetrics(text) {
	const m = new Map();
	for (const line of text.split('\n')) {
		if (!line || line.startsWith('#'))
			continue;
		const i = line.lastIndexOf(' ');
		m.set(line.slice(0, i), Number(line.slice(i + 1)));
	}
	return m;
}

/**
 * The Authorization header of Prometheus: the bearer token from the file
 * named by shikaku.conf metrics_token_file (scripts/stack makes one).
 * None when the configuration names no token (then /metrics answers 401
 * and metrics() throws).
 */
export function opsAuth() {
	const file = readConfKey(CONF, 'metrics_token_file');
	return file ? { authorization: `Bearer ${fs.readFileSync(file, 'utf8').trim()}` } : {};
}

export async function metrics() {
	const r = await get(OPS_HOST, '/metrics', { headers: opsAuth() });
	if (r.status !== 200)
		throw new Error(`/metrics gave ${r.status}`);
	return parseMetrics(r.body);
}

/** Run SQL as the database superuser over the stack's socket; stdout. */
export function sql(query, db = 'shikaku') {
	return execFileSync('mariadb', ['--no-defaults', `--socket=${process.env.SHIKAKU_DB_SOCKET}`,
	    '-uroot', '--batch', '--skip-column-names', db, '-e', query], { encoding: 'utf8' });
}

/**
 * Start a long SQL session in the background; resolves once `marker` was
 * printed (so a lock is really held).  Returns the child process.
 */
export function sqlSession(statements, marker, timeout = 10000) {
	const child = spawn('mariadb', ['--no-defaults', `--socket=${process.env.SHIKAKU_DB_SOCKET}`,
	    '-uroot', '--batch', '--skip-column-names', '--unbuffered', 'shikaku', '-e', statements],
	    { stdio: ['ignore', 'pipe', 'pipe'] });
	let out = '';
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`SQL session did not print ${marker} in ${timeout} ms: ${out}`));
		}, timeout);
		const onData = (d) => {
			out += d;
			if (out.includes(marker)) {
				clearTimeout(timer);
				resolve(child);
			}
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		child.on('exit', (code) => {
			clearTimeout(timer);
			if (!out.includes(marker))
				reject(new Error(`SQL session exited (${code}) before ${marker}: ${out}`));
		});
	});
}

/** Response headers every page of the daemon carries (issue 2 item 5). */
export function securityHeaderProblems(headers) {
	const p = [];
	const csp = headers['content-security-policy'];
	if (!csp)
		p.push('no Content-Security-Policy');
	else {
		if (/unsafe-inline|unsafe-eval/.test(csp))
			p.push(`CSP allows unsafe code: ${csp}`);
		if (!/frame-ancestors\s+'none'|frame-ancestors\s+'self'/.test(csp))
			p.push(`CSP has no frame-ancestors: ${csp}`);
		if (!/(default-src|script-src)\s/.test(csp))
			p.push(`CSP restricts no scripts: ${csp}`);
	}
	if ((headers['x-content-type-options'] || '').toLowerCase() !== 'nosniff')
		p.push(`X-Content-Type-Options: ${headers['x-content-type-options']}`);
	if (!headers['referrer-policy'])
		p.push('no Referrer-Policy');
	return p;
}

/** The tenant's display names (ja and en) that appear in `html`, other than `slug`'s. */
export function foreignNames(html, slug) {
	const found = [];
	for (const t of TENANTS) {
		if (t.slug === slug)
			continue;
		if (html.includes(t.ja))
			found.push(t.ja);
		if (t.en && html.includes(t.en))
			found.push(t.en);
	}
	return found;
}
