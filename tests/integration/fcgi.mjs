// tests/integration/fcgi.mjs — a second shikakud beside the stack's, and a
// FastCGI client to talk to it without nginx.
//
// Some tests need a daemon configured otherwise than the stack's (a small
// max_requests, an SMTP relay that never answers) or one they may stop.
// startDaemon() runs one from the same build, on the stack's database and
// directory, with the stack's shikaku.conf plus overrides, on its own
// socket RUN/<name>.sock; its log is RUN/log/<name>.log.
//
// Careful: it runs a mailer too, which claims due outbox rows.  Keep such
// a daemon's life short and stop it with stop(): a mailer killed before
// its COMMIT leaves the rows it held as they were.

import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { spawn } from 'node:child_process';

import { RUN, CONF, SRCDIR, readConfKey, waitFor, sleep } from './http.mjs';

const BUILDDIR = process.env.top_builddir || SRCDIR;
export const SHIKAKUD = process.env.SHIKAKUD || path.join(BUILDDIR, 'shikakud');

const T_BEGIN = 1, T_END = 3, T_PARAMS = 4, T_STDIN = 5, T_STDOUT = 6, T_STDERR = 7;

function record(type, content = Buffer.alloc(0)) {
	const pad = (8 - (content.length % 8)) % 8;
	const h = Buffer.alloc(8);
	h.writeUInt8(1, 0);		// version
	h.writeUInt8(type, 1);
	h.writeUInt16BE(1, 2);		// request id
	h.writeUInt16BE(content.length, 4);
	h.writeUInt8(pad, 6);
	return Buffer.concat([h, content, Buffer.alloc(pad)]);
}

function nvLen(n) {
	if (n < 128)
		return Buffer.from([n]);
	const b = Buffer.alloc(4);
	b.writeUInt32BE((n | 0x80000000) >>> 0);
	return b;
}

function params(env) {
	const parts = [];
	for (const [k, v] of Object.entries(env)) {
		const kb = Buffer.from(k), vb = Buffer.from(String(v));
		parts.push(nvLen(kb.length), nvLen(vb.length), kb, vb);
	}
	return Buffer.concat(parts);
}

/**
 * One FastCGI request to the unix socket `sock`.  Resolves with
 * { status, reason, headers, body, ms }; rejects on a transport error
 * (err.code: ECONNREFUSED/ENOENT before connecting, ENORESPONSE when the
 * connection ended before any byte of an answer, EPARTIAL when it ended
 * in the middle of one) or after `timeout` ms.  With `hold` (a promise),
 * the request is written only once it resolves: the connection is open,
 * and taken by a worker, but brings nothing yet.
 */
export function fcgiRequest(sock, { host, path: p = '/', method = 'GET', headers = {}, timeout = 15000, hold = null } = {}) {
	const started = Date.now();
	const env = {
		REQUEST_METHOD: method, REQUEST_URI: p, SCRIPT_NAME: p.split('?')[0],
		QUERY_STRING: p.includes('?') ? p.slice(p.indexOf('?') + 1) : '',
		SERVER_PORT: '80', REMOTE_ADDR: '127.0.0.1', HTTP_HOST: host,
		SERVER_PROTOCOL: 'HTTP/1.1', CONTENT_LENGTH: '0',
	};
	for (const [k, v] of Object.entries(headers))
		env[`HTTP_${k.toUpperCase().replace(/-/g, '_')}`] = v;
	return new Promise((resolve, reject) => {
		const out = [];
		let buf = Buffer.alloc(0), ended = false, done = false;
		const c = net.createConnection(sock);
		const finish = (err, val) => {
			if (done)
				return;
			done = true;
			clearTimeout(timer);
			c.destroy();
			if (err)
				reject(err);
			else
				resolve(val);
		};
		const timer = setTimeout(() => finish(Object.assign(
		    new Error(`${method} ${host}${p}: no answer in ${timeout} ms`), { code: 'ETIMEDOUT' })), timeout);
		c.on('connect', async () => {
			if (hold)
				await hold;
			if (done)
				return;
			const begin = Buffer.alloc(8);
			begin.writeUInt16BE(1, 0);	// responder
			c.write(Buffer.concat([record(T_BEGIN, begin), record(T_PARAMS, params(env)),
			    record(T_PARAMS), record(T_STDIN)]));
		});
		c.on('data', (d) => {
			buf = Buffer.concat([buf, d]);
			while (buf.length >= 8) {
				const len = buf.readUInt16BE(4), pad = buf.readUInt8(6);
				if (buf.length < 8 + len + pad)
					break;
				const type = buf.readUInt8(1), content = buf.subarray(8, 8 + len);
				buf = buf.subarray(8 + len + pad);
				if (type === T_STDOUT)
					out.push(Buffer.from(content));
				else if (type === T_END)
					ended = true;
				else if (type !== T_STDERR)
					finish(new Error(`unexpected FastCGI record type ${type}`));
			}
			if (ended) {
				const raw = Buffer.concat(out);
				const sep = raw.indexOf('\r\n\r\n');
				const head = raw.subarray(0, sep < 0 ? raw.length : sep).toString('latin1');
				const hs = {};
				for (const line of head.split('\r\n')) {
					const i = line.indexOf(':');
					if (i > 0)
						hs[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
				}
				const m = /^(\d{3})\s*(.*)$/.exec(hs.status || '200 OK');
				finish(null, {
					status: Number(m[1]), reason: m[2], headers: hs,
					body: sep < 0 ? '' : raw.subarray(sep + 4).toString('utf8'),
					ms: Date.now() - started,
				});
			}
		});
		// Bytes then an end without END_REQUEST: half an answer.
		const cut = (e) => (out.length > 0 || buf.length > 0 ? Object.assign(
		    new Error(`${method} ${host}${p}: the response was cut off`), { code: 'EPARTIAL' }) : e);
		c.on('error', (e) => finish(cut(e)));
		c.on('close', () => finish(cut(Object.assign(
		    new Error(`${method} ${host}${p}: connection closed without a response`),
		    { code: 'ENORESPONSE' }))));
	});
}

/** The stack's shikaku.conf with `over` (key → value) replacing or adding keys. */
function confWith(over) {
	const lines = fs.readFileSync(CONF, 'utf8').split('\n').filter((l) => {
		const m = /^\s*([a-z0-9_]+)\s*=/.exec(l);
		return !(m && m[1] in over);
	});
	for (const [k, v] of Object.entries(over))
		lines.push(`${k} = ${v}`);
	return lines.join('\n') + '\n';
}

/**
 * Start a second shikakud named `name` (socket RUN/<name>.sock) with the
 * stack's configuration plus `over`.  Resolves once the socket answers.
 * Returns { pid, sock, conf, log, child, exited (a promise of the exit
 * code), stop(signal = 'SIGTERM') (resolves with the exit code) }.
 */
export async function startDaemon(name, over = {}) {
	const sock = path.join(RUN, `${name}.sock`);
	const conf = path.join(RUN, `${name}.conf`);
	const log = path.join(RUN, 'log', `${name}.log`);
	// its own pid file: the stack's master keeps its own (OPS-1: tenant
	// changes send that pid SIGHUP)
	fs.writeFileSync(conf, confWith({ listen: `unix:${sock}`, pid_file: path.join(RUN, `${name}.pid`), ...over }));
	fs.rmSync(sock, { force: true });
	const fd = fs.openSync(log, 'a');
	const child = spawn(SHIKAKUD, ['-f', conf], { stdio: ['ignore', fd, fd] });
	fs.closeSync(fd);
	const exited = new Promise((r) => child.on('exit', (code, sig) => r(sig || code)));
	const d = {
		pid: child.pid, sock, conf, log, child, exited,
		async stop(signal = 'SIGTERM') {
			if (child.exitCode === null && child.signalCode === null)
				child.kill(signal);
			return exited;
		},
	};
	try {
		await waitFor(async () => {
			if (child.exitCode !== null)
				throw new Error(`${name} exited ${child.exitCode}: ${fs.readFileSync(log, 'utf8').slice(-2000)}`);
			if (!fs.existsSync(sock))
				return false;
			const r = await fcgiRequest(sock, { host: readConfKey(conf, 'ops_hosts').split(/[ ,]+/)[0], path: '/login', timeout: 5000 });
			return r.status === 200;
		}, { timeout: 20000, what: `${name} to answer on ${sock}` });
	} catch (e) {
		await d.stop('SIGKILL');
		throw e;
	}
	return d;
}

/** Live children of `pid` that are workers (not the mailer). */
export function childWorkers(pid) {
	const out = [];
	for (const e of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(e))
			continue;
		try {
			const st = fs.readFileSync(`/proc/${e}/stat`, 'utf8');
			const m = /^(\d+) \((.*)\) (\S) (\d+)/.exec(st);
			if (m && Number(m[4]) === pid && !/[ZX]/.test(m[3]) && m[2] !== 'shikakud-mailer')
				out.push(Number(m[1]));
		} catch {
			// gone meanwhile
		}
	}
	return out.sort((a, b) => a - b);
}

export { sleep };
