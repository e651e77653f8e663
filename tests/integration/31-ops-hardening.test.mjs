// The ops host and nginx, hardened (issue 7): /metrics and the details of
// /healthz are central IT's or Prometheus' only (item 5); outbox bodies
// with secrets (reset and registration links) are emptied after the tenant's mail_secret_days (item 7);
// a relay that hangs cannot tie up workers, and /healthz probes at most
// once per few seconds (item 8); nginx's own pages and static files carry
// the daemon's security headers (item 14).  OPS-1, OPS-3, CORE-1, CORE-8,
// CORE-14.
//
// Some tests run a second shikakud from the same build (fcgi.mjs) with
// another SMTP relay; one reloads the stack's daemon (SIGHUP) so that its
// mailer sweeps at once.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { spawn } from 'node:child_process';

import {
	OPS_HOST, UNKNOWN_HOST, RUN, PORT, ADDR, SRCDIR, get, request, waitFor,
	sleep, opsAuth, masterPid, securityHeaderProblems,
} from './http.mjs';
import { opsClient, createUser, rows, sql, q, Client, csrfOf, waitMail, auditRows, resetThrottle } from './auth.mjs';
import { startDaemon, fcgiRequest } from './fcgi.mjs';

const BOARD = 'board.localhost';
const HEALTH_CACHE_MS = 5000;	// SB_HEALTH_MS
const PING_BOUND_MS = 3000;	// MAIL_PING_MS

const cleanups = [];
after(async () => {
	for (const f of cleanups.reverse())
		await f();
});

// ------------------------------------------------------------ item 5

test('OPS-3 OPS-1 (issue 7 item 5): /metrics answers only central IT\'s session or Prometheus\' bearer token', async () => {
	const anon = await get(OPS_HOST, '/metrics');
	assert.equal(anon.status, 401);
	assert.match(anon.headers['www-authenticate'] || '', /^Bearer\b/);
	assert.ok(!anon.body.includes('shikaku_'), 'metrics leak to an anonymous visitor');

	const good = opsAuth();
	const token = good.authorization.slice('Bearer '.length);
	const wrong = token.slice(0, -1) + (token.endsWith('0') ? '1' : '0');
	for (const authorization of [`Bearer ${wrong}`, `Bearer ${token}x`, `Bearer ${token.slice(0, -1)}`,
	    'Bearer ', `Basic ${Buffer.from(`x:${token}`).toString('base64')}`, token]) {
		const r = await get(OPS_HOST, '/metrics', { headers: { authorization } });
		assert.equal(r.status, 401, authorization.slice(0, 12));
		assert.ok(!r.body.includes('shikaku_'));
	}
	// The scheme is case-insensitive (RFC 6750 / RFC 9110).
	for (const authorization of [good.authorization, `bearer ${token}`]) {
		const r = await get(OPS_HOST, '/metrics', { headers: { authorization } });
		assert.equal(r.status, 200);
		assert.match(r.body, /^shikaku_requests_total\{/m);
	}
	// The token opens nothing on a tenant's host.
	assert.equal((await get(BOARD, '/metrics', { headers: good })).status, 404);

	// Central IT, signed in, sees them in the browser.
	const it = await opsClient('m5');
	const r = await it.get('/metrics');
	assert.equal(r.status, 200);
	assert.match(r.body, /^shikaku_workers\{state="idle"\}/m);
});

test('OPS-1 (issue 7 item 5): anonymous /healthz says only ok; the token or central IT\'s session gets each dependency', async () => {
	const anon = await get(OPS_HOST, '/healthz');
	assert.equal(anon.status, 200);
	assert.equal(anon.body, 'ok\n');
	const tok = await get(OPS_HOST, '/healthz', { headers: opsAuth() });
	assert.equal(tok.status, 200);
	assert.deepEqual(tok.body.trim().split('\n').sort(), ['database ok', 'directory ok', 'mail ok']);
	const it = await opsClient('h5');
	const r = await it.get('/healthz');
	assert.equal(r.status, 200);
	assert.match(r.body, /^database ok$/m);
});

// ------------------------------------------------------------ item 8

/**
 * A fake relay on 127.0.0.1: greets with 220 and answers nothing else.
 * Counts the health probes (they say QUIT at once; the mailer says EHLO
 * and is left waiting).
 */
async function fakeRelay({ greet = true } = {}) {
	const conns = [], sockets = [];
	const server = net.createServer((s) => {
		const c = { first: null };
		conns.push(c);
		sockets.push(s);
		s.on('data', (d) => {
			if (c.first === null)
				c.first = d.toString('latin1').split('\r\n')[0];
		});
		s.on('error', () => {});
		if (greet)
			s.write('220 fake.localhost ESMTP\r\n');
	});
	await new Promise((r) => server.listen(0, '127.0.0.1', r));
	cleanups.push(() => {
		for (const s of sockets)
			s.destroy();
		server.close();
	});
	return {
		port: server.address().port,
		probes: () => conns.filter((c) => c.first === 'QUIT').length,
	};
}

/**
 * A port whose listener never accepts and whose accept queue is full:
 * the kernel drops further SYNs, so a connect() hangs (a firewalled or
 * dead relay).  Resolves with { port } or null if this system does not
 * behave so.
 */
async function blackHole() {
	const py = spawn('python3', ['-c', [
		'import socket, sys, time',
		's = socket.socket()',
		's.bind(("127.0.0.1", 0))',
		's.listen(0)',
		'print(s.getsockname()[1], flush=True)',
		'time.sleep(600)',
	].join('\n')], { stdio: ['ignore', 'pipe', 'inherit'] });
	cleanups.push(() => py.kill('SIGKILL'));
	// Without python3 the case is not run (null), as on a system that
	// accepts beyond the backlog.
	const port = await new Promise((resolve) => {
		py.stdout.once('data', (d) => resolve(Number(String(d).trim())));
		py.once('error', () => resolve(null));
		py.once('exit', () => resolve(null));
	});
	if (!port)
		return null;
	const fillers = [];
	for (let i = 0; i < 3; i++) {
		const s = net.createConnection(port, '127.0.0.1');
		s.on('error', () => {});
		fillers.push(s);
		cleanups.push(() => s.destroy());
	}
	await sleep(300);
	// Does a connect now hang?
	const hangs = await new Promise((resolve) => {
		const s = net.createConnection(port, '127.0.0.1');
		const t = setTimeout(() => { s.destroy(); resolve(true); }, 800);
		s.on('connect', () => { clearTimeout(t); s.destroy(); resolve(false); });
		s.on('error', () => { clearTimeout(t); resolve(false); });
	});
	return hangs ? { port } : null;
}

const healthz = (d, headers = {}) => fcgiRequest(d.sock, { host: OPS_HOST, path: '/healthz', headers, timeout: 40000 });

test('OPS-1 OPS-3 (issue 7 item 8): /healthz probes the dependencies once per few seconds, not once per request', async () => {
	const relay = await fakeRelay();
	const d = await startDaemon('t31-cache', { smtp_url: `smtp://127.0.0.1:${relay.port}`, workers: 2, stop_timeout: 1 });
	cleanups.push(() => d.stop('SIGKILL'));
	const t0 = Date.now(), answers = [];
	for (let i = 0; i < 8; i++)
		answers.push(await healthz(d));
	assert.ok(Date.now() - t0 < HEALTH_CACHE_MS - 500, 'the requests took too long to test the cache');
	await sleep(300);	// the last QUIT may still be on its way
	assert.equal(relay.probes(), 1, `${relay.probes()} SMTP probes for 8 /healthz within ${HEALTH_CACHE_MS} ms`);
	for (const r of answers) {
		assert.equal(r.status, 200, r.body);
		assert.equal(r.body, 'ok\n');
	}
	// The cached result expires.
	await sleep(HEALTH_CACHE_MS);
	assert.match((await healthz(d, opsAuth())).body, /^mail ok$/m);
	await waitFor(() => relay.probes() === 2, { timeout: 2000, what: 'a second probe after the cache time' });
	await d.stop();
});

test('OPS-1 (issue 7 item 8): a relay that accepts and never speaks, or never completes the connection, costs /healthz a bounded few seconds', async (t) => {
	const silent = await fakeRelay({ greet: false });
	const hole = await blackHole();
	const relays = [['silent', silent.port]];
	if (hole)
		relays.unshift(['black hole', hole.port]);
	else
		t.diagnostic('this system accepts connections beyond the backlog: black-hole case not run');
	for (const [what, port] of relays) {
		// A request_timeout above the bound, so that only the bound is measured.
		const d = await startDaemon('t31-hang', { smtp_url: `smtp://127.0.0.1:${port}`, workers: 2, request_timeout: 20, stop_timeout: 1 });
		try {
			const r = await healthz(d, opsAuth());
			assert.ok(r.ms <= PING_BOUND_MS + 2000, `${what}: /healthz took ${r.ms} ms`);
			assert.equal(r.status, 503, `${what}: ${r.body}`);
			assert.match(r.body, /^mail down$/m, what);
			assert.match(r.body, /^database ok$/m, what);
			// Within the cache time the next answer costs nothing.
			const again = await healthz(d);
			assert.ok(again.ms < 1000, `${what}: the second /healthz took ${again.ms} ms`);
			assert.equal(again.status, 503);
			assert.equal(again.body, 'unavailable\n');
		} finally {
			await d.stop('SIGKILL');
		}
	}
});

test('OPS-1 (issue 7 item 8): a directory that never completes the connection costs /healthz its connect timeouts, not minutes', async (t) => {
	const hole = await blackHole();
	if (!hole) {
		t.skip('this system accepts connections beyond the backlog');
		return;
	}
	const d = await startDaemon('t31-ldap', { ldap_uri: `ldap://127.0.0.1:${hole.port}/`, workers: 1, request_timeout: 30, stop_timeout: 1 });
	try {
		// dir_ping tries twice, DIR_TIMEOUT (3 s) each.
		const r = await healthz(d, opsAuth());
		assert.ok(r.ms <= 2 * 3000 + 2000, `/healthz took ${r.ms} ms`);
		assert.equal(r.status, 503, r.body);
		assert.match(r.body, /^directory down$/m);
		assert.match(r.body, /^database ok$/m);
	} finally {
		await d.stop('SIGKILL');
	}
});

// ------------------------------------------------------------ item 7

test('CORE-14 CORE-8 (issue 7 item 7): a sent mail with a password reset link has its body emptied after the tenant\'s mail_secret_days (7 by default); its metadata and the audit stay; other mails keep theirs', async () => {
	resetThrottle();
	const u = createUser('palliative', { tag: 'purge' });
	const c = new Client(u.host);
	const f = await c.model('/password/temp');
	assert.equal((await c.postRaw('/password/temp', { csrf: csrfOf(f.body), mail: u.mail })).status, 200);
	await waitMail(u.mail, (m) => /パスワード再設定/.test(m.subject));
	const [[id, secret, state]] = await waitFor(() => {
		const r = rows(`SELECT id, secret, state FROM outbox WHERE rcpt = ${q(u.mail)} AND template = 'password_reset'`);
		return r.length === 1 && r[0][2] === 'sent' ? r : null;
	}, { what: 'the password_reset row sent' });
	assert.equal(secret, '1', 'the password_reset row is not flagged as carrying a secret');
	assert.equal(state, 'sent');
	// [length, holds the link (1/0), purged_at]
	const body = () => rows(`SELECT LENGTH(body), body LIKE '%/password/reset?t=%', IFNULL(purged_at, 'NULL') FROM outbox WHERE id = ${id}`)[0];
	assert.equal(body()[1], '1');

	// Marker rows: a secret one sent long ago (the sweep empties it) and a
	// plain one as old (kept).
	const tag = crypto.randomBytes(4).toString('hex');
	const ins = (tmpl, sec) => sql(`INSERT INTO outbox (tenant, template, rcpt, subject, body, secret, state, next_try, created_at, sent_at)
	    VALUES ('palliative', ${q(tmpl)}, 'marker-${tag}@palliative.example', 'marker', 'body-${tag}', ${sec}, 'sent',
	    NOW() - INTERVAL 30 DAY, NOW() - INTERVAL 30 DAY, NOW() - INTERVAL 30 DAY); SELECT LAST_INSERT_ID();`).trim();
	const sweepNow = async (markerId) => {
		process.kill(masterPid(), 'SIGHUP');	// a new mailer sweeps when it starts
		await waitFor(() => rows(`SELECT LENGTH(body) FROM outbox WHERE id = ${markerId}`)[0][0] === '0',
		    { timeout: 30000, what: 'the housekeeping sweep' });
	};

	// Six days after sending: kept.
	sql(`UPDATE outbox SET sent_at = NOW() - INTERVAL 6 DAY WHERE id = ${id}`);
	const plain = ins('password_changed', 0);
	await sweepNow(ins('password_reset', 1));
	assert.equal(body()[1], '1', 'emptied before mail_secret_days');
	assert.equal(body()[2], 'NULL');
	assert.equal(rows(`SELECT body FROM outbox WHERE id = ${plain}`)[0][0], `body-${tag}`, 'a mail without secret was emptied');

	// Eight days: emptied; the row and the audit stay.
	sql(`UPDATE outbox SET sent_at = NOW() - INTERVAL 8 DAY WHERE id = ${id}`);
	await sweepNow(ins('register_verify', 1));
	const [len, , purgedAt] = body();
	assert.equal(len, '0');
	assert.notEqual(purgedAt, 'NULL');
	const [[tmpl, rcpt, subject, st]] = rows(`SELECT template, rcpt, subject, state FROM outbox WHERE id = ${id}`);
	assert.deepEqual([tmpl, rcpt, st], ['password_reset', u.mail, 'sent']);
	assert.ok(subject.length > 0);
	assert.equal(rows(`SELECT body FROM outbox WHERE id = ${plain}`)[0][0], `body-${tag}`);
	assert.equal(auditRows(`tenant = 'palliative' AND actor = ${q(u.uid)} AND action = 'password.reset.request'`).length, 1);
	resetThrottle();
});

test('CORE-14 ACC-1 (issue 7 item 7): the registration link\'s mail is flagged as carrying a secret when queued; mails without one are not', async () => {
	const mark = rows('SELECT IFNULL(MAX(id), 0) FROM outbox')[0][0];
	const c = new Client(BOARD);
	let page = await c.model('/register');
	assert.equal(page.status, 200);
	const version = /<field name="version"[^>]*><value>(\d+)<\/value>/.exec(page.body)[1];
	let r = await c.postRaw('/register', { csrf: csrfOf(page.body), version }, { xml: true });
	assert.equal(r.location, '/register/email');
	const email = `flag${crypto.randomBytes(4).toString('hex')}@board.example`;
	page = await c.model('/register/email');
	r = await c.postRaw('/register/email', { csrf: csrfOf(page.body), email }, { xml: true });
	assert.equal(r.status, 303);
	assert.deepEqual(rows(`SELECT template, secret FROM outbox WHERE rcpt = ${q(email)}`), [['register_verify', '1']]);
	// Every mail queued since: flagged exactly when its template carries a secret.
	const SECRET = new Set(['password_reset', 'register_verify', 'migrate_link', 'email_change_confirm']);
	for (const [tmpl, secret] of rows(`SELECT template, secret FROM outbox WHERE id > ${mark} AND rcpt NOT LIKE 'marker-%'`))
		assert.equal(secret, SECRET.has(tmpl) ? '1' : '0', tmpl);
});

// ------------------------------------------------------------ item 14

const DAEMON_CSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

function headerProblems(r, what) {
	const p = securityHeaderProblems(r.headers);
	if (!/frame-ancestors 'none'/.test(r.headers['content-security-policy'] || ''))
		p.push('no frame-ancestors \'none\'');
	if (r.headers['x-frame-options'] !== 'DENY')
		p.push(`X-Frame-Options: ${r.headers['x-frame-options']}`);
	if (r.headers['referrer-policy'] !== 'same-origin')
		p.push(`Referrer-Policy: ${r.headers['referrer-policy']}`);
	return p.map((x) => `${what}: ${x}`);
}

/** A raw HTTP exchange with nginx (for requests node will not send). */
function rawHttp(text) {
	return new Promise((resolve, reject) => {
		const s = net.createConnection(PORT, ADDR);
		const chunks = [];
		s.on('connect', () => s.write(text));
		s.on('data', (d) => chunks.push(d));
		s.on('end', () => {
			const raw = Buffer.concat(chunks).toString('latin1');
			const [head] = raw.split('\r\n\r\n');
			const [line, ...hl] = head.split('\r\n');
			const headers = {};
			for (const h of hl) {
				const i = h.indexOf(':');
				headers[h.slice(0, i).toLowerCase()] = h.slice(i + 1).trim();
			}
			resolve({ status: Number(line.split(' ')[1]), headers });
		});
		s.on('error', reject);
		setTimeout(() => { s.destroy(); reject(new Error('raw HTTP: no answer')); }, 10000);
	});
}

test('CORE-1 (issue 7 item 14): nginx\'s own error pages (400, 404, 413, 503) and static files carry the daemon\'s security headers', async () => {
	const problems = [];
	const check = (r, what, status) => {
		if (status !== undefined && r.status !== status)
			problems.push(`${what}: status ${r.status}, not ${status}`);
		problems.push(...headerProblems(r, what));
	};
	check(await get(BOARD, '/static/theme.css'), 'tenant static file', 200);
	check(await get(BOARD, '/assets/shikaku.css'), 'shared asset', 200);
	check(await get(BOARD, '/static/no-such-file.css'), 'missing static file (nginx 404)', 404);
	check(await get(UNKNOWN_HOST, '/static/theme.css'), 'static on an unknown host (nginx 404)', 404);
	check(await request(BOARD, '/', {
		method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: Buffer.alloc(13 * 1024 * 1024, 0x61), timeout: 30000,
	}), 'body over client_max_body_size (nginx 413)', 413);
	check(await rawHttp('GET / HTTP/1.1\r\nHost: a b\r\n\r\n'), 'malformed request (nginx 400)', 400);

	// shikakud unreachable: nginx's 503 page.  Its inline style is allowed
	// by hash, nothing else inline.
	const sock = path.join(RUN, 'shikakud.sock'), hidden = `${sock}.t31`;
	fs.renameSync(sock, hidden);
	let down;
	try {
		down = await get(BOARD, '/');
	} finally {
		fs.renameSync(hidden, sock);
	}
	check(down, 'nginx 503 page', 503);
	assert.match(down.body, /ただいま混み合っています/);
	const style = /<style>([\s\S]*?)<\/style>/.exec(fs.readFileSync(path.join(SRCDIR, 'deploy', 'nginx', '503.html'), 'utf8'))[1];
	const hash = crypto.createHash('sha256').update(style, 'utf8').digest('base64');
	assert.ok((down.headers['content-security-policy'] || '').includes(`'sha256-${hash}'`),
	    `the 503 page's CSP does not allow its style (sha256-${hash}): ${down.headers['content-security-policy']}`);

	// The daemon's pages carry each header once, its own.
	const page = await get(BOARD, '/');
	assert.equal(page.status, 200);
	assert.equal(page.headers['content-security-policy'], DAEMON_CSP);
	assert.equal(page.headers['x-content-type-options'], 'nosniff');
	assert.equal(page.headers['x-frame-options'], 'DENY');
	assert.deepEqual(problems, []);
});
