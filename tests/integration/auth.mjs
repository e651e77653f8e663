// tests/integration/auth.mjs — what the identity tests (40-… to 89-…,
// e2e/totp) share: a cookie jar per browser, sign-in with the CSRF token
// and the forced steps, TOTP codes (RFC 6238, computed here), accounts
// made with shikakuctl, the SMTP sink's mails and SQL.
//
// Every request goes through http.mjs's request() (explicit Host header,
// no keep-alive).  Nothing here follows redirects by itself: tests assert
// the 303 and its Location, then ask for the next page.

import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

import { request, sql as rootSql, sleep, waitFor, RUN, CONF, SRCDIR } from './http.mjs';

export { sleep, waitFor };

export const DEMO_PASSWORD = 'demo-pass-2026';
export const MAILDIR = process.env.SHIKAKU_MAILDIR || (RUN && path.join(RUN, 'mail'));
const BUILDDIR = process.env.top_builddir || SRCDIR;
export const SHIKAKUCTL = process.env.SHIKAKUCTL || path.join(BUILDDIR, 'shikakuctl');

// The demo accounts (scripts/demo, $SHIKAKU_RUN/accounts.txt).
export const DEMO = {
	board: { host: 'board.localhost', member: '512345', director: '398721', admin: '455012' },
	palliative: { host: 'palliative.localhost', member: 'member@palliative.example',
	    supervisor: 'supervisor@palliative.example', admin: 'admin@palliative.example' },
	oncology: { host: 'oncology.localhost', member: '300512', reviewer: '300078', admin: '300001' },
	medassoc: { host: 'medassoc.localhost', member: '1301234', reviewer: '1300456', admin: '1300001' },
};
export const HOSTS = {
	board: 'board.localhost', palliative: 'palliative.localhost',
	oncology: 'oncology.localhost', medassoc: 'medassoc.localhost',
	ops: 'ops.localhost',
};

// ------------------------------------------------------------ SQL

/**
 * SQL as the database superuser, in the daemon's time zone: shikakud's
 * connections use Japan time (db.c), so NOW() here must too, or a
 * DATETIME written by one is nine hours off for the other.
 */
export function sql(query) {
	return rootSql(`SET time_zone = '+09:00'; ${query}`);
}

/** A quoted SQL string literal (tests only build queries from their own values). */
export function q(s) {
	return `'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Rows of a SELECT as arrays of strings (mariadb --batch, NULL as 'NULL'). */
export function rows(query) {
	return sql(query).split('\n').filter((l) => l !== '').map((l) => l.split('\t'));
}

/** The per-address sign-in throttle (CORE-6) forgets every address. */
export function resetThrottle() {
	sql('DELETE FROM throttle');
}

/** The session row of a cookie value (the table holds its SHA-256). */
export function sidHash(sid) {
	return crypto.createHash('sha256').update(sid).digest('hex');
}

// ------------------------------------------------------------ shikakuctl

/**
 * Run shikakuctl -f CONF ARGS…; stdout. Throws with stderr on failure.
 * A binary that cannot be started at all (being relinked by a parallel
 * `make` in a shared tree: ENOENT, EACCES, ETXTBSY) is tried again a few
 * times; a command that ran and failed is not.
 */
export function ctl(...args) {
	for (let attempt = 1; ; attempt++) {
		try {
			return execFileSync(SHIKAKUCTL, ['-f', CONF, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
		} catch (e) {
			if (['ENOENT', 'EACCES', 'ETXTBSY'].includes(e.code) && attempt < 5) {
				Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
				continue;
			}
			throw new Error(`shikakuctl ${args.join(' ')} exited ${e.status}: ${e.stderr || e.message}`);
		}
	}
}

let seq = 0;
/** A short identifier unique to this process and call: digits only. */
export function uniqueDigits(n = 9) {
	seq++;
	const base = `${process.pid % 1000}${Date.now() % 100000}${seq}${crypto.randomInt(1000)}`;
	return base.padStart(n, '7').slice(-n).replace(/^0/, '9');
}

/** A password that the CORE-9 policy accepts, unique per call. */
export function newPassword(tag = 'pw') {
	return `Tt-${tag}-${crypto.randomBytes(6).toString('base64url')}-9x`;
}

/**
 * A fresh person of tenant `slug` created with `shikakuctl user add`
 * (roles default to member).  Returns { slug, host, uid, number, mail,
 * ident, password, name }: ident is what the tenant signs in with
 * (the number on board, oncology and medassoc, the mail on palliative).
 */
export function createUser(slug, { roles = [], password = newPassword(slug), name, tag = 'u' } = {}) {
	const digits = uniqueDigits(9);
	const number = slug === 'board' ? `8${digits}` : `${tag}-${digits}`;
	const mail = `${tag}${digits}@${slug}.example`;
	const pwfile = path.join(os.tmpdir(), `shikaku-pw-${process.pid}-${digits}`);
	fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
	const display = name || `試験 ${tag}${digits.slice(-4)}`;
	let out;
	try {
		out = ctl('user', 'add', slug, '--number', number, '--mail', mail,
		    '--name', display,
		    ...roles.flatMap((r) => ['--role', r]), '--password-file', pwfile);
	} finally {
		fs.rmSync(pwfile, { force: true });
	}
	const uid = out.trim().split('\n')[0];
	if (!/^[a-z0-9]+$/.test(uid))
		throw new Error(`shikakuctl user add printed ${JSON.stringify(out)}`);
	return {
		slug, host: HOSTS[slug], uid, number, mail, password, name: display,
		ident: slug === 'palliative' ? mail : number,
	};
}

/**
 * A fresh central-IT account (`shikakuctl ops add`): { slug: '_ops',
 * host: 'ops.localhost', uid, ident (= uid), mail, password }.
 */
export function createOps(tag = 'it') {
	const uid = `${tag}${uniqueDigits(9)}`;
	const password = newPassword('ops');
	const pwfile = path.join(os.tmpdir(), `shikaku-pw-${process.pid}-${uid}`);
	fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
	try {
		ctl('ops', 'add', uid, '--mail', `${uid}@ops.example`, '--name', `運用 ${uid.slice(-4)}`, '--password-file', pwfile);
	} finally {
		fs.rmSync(pwfile, { force: true });
	}
	return { slug: '_ops', host: HOSTS.ops, uid, ident: uid, mail: `${uid}@ops.example`, password };
}

/** A signed-in central-IT client, TOTP enrolled (central IT always has it). */
export async function opsClient(tag = 'it') {
	const u = createOps(tag);
	const c = await signIn(u.host, u.ident, u.password, { enrol: true });
	c.user = u;
	return c;
}

// ------------------------------------------------------------ HTTP with cookies

/** A browser on one host: a cookie jar, form posts with the CSRF token. */
export class Client {
	constructor(host, cookies = {}) {
		this.host = host;
		this.jar = new Map(Object.entries(cookies));
		this.last = null;
	}

	get sid() {
		return this.jar.get('sid');
	}

	cookieHeader() {
		return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
	}

	/** The same cookies, sent to another host (CORE-17 matrix). */
	on(host) {
		return new Client(host, Object.fromEntries(this.jar));
	}

	async req(method, p, { form, headers = {}, xml = false, raw } = {}) {
		const h = { ...headers };
		if (this.jar.size && h.cookie === undefined)
			h.cookie = this.cookieHeader();
		if (xml)
			h.accept = 'application/xml';
		let body = raw;
		if (form !== undefined) {
			body = new URLSearchParams(form).toString();
			h['content-type'] = 'application/x-www-form-urlencoded';
		}
		const r = await request(this.host, p, { method, headers: h, body });
		r.cookies = parseSetCookies(r.headers['set-cookie']);
		for (const c of r.cookies) {
			if (c.value === '' || c.maxAge === 0)
				this.jar.delete(c.name);
			else
				this.jar.set(c.name, c.value);
		}
		r.location = r.headers.location;
		this.last = r;
		return r;
	}

	get(p, opts = {}) {
		return this.req('GET', p, opts);
	}

	/** GET p's XML model (CORE-3). */
	model(p) {
		return this.get(p, { xml: true });
	}

	/** POST a urlencoded form as is (no token added). */
	postRaw(p, form, opts = {}) {
		return this.req('POST', p, { ...opts, form });
	}

	/** The CSRF token of the page's form (or of the signed-in user). */
	async csrf(p = '/account') {
		const r = await this.model(p);
		const t = csrfOf(r.body);
		if (!t)
			throw new Error(`no csrf in ${this.host}${p} (${r.status} ${r.location || ''}):\n${r.body.slice(0, 400)}`);
		return t;
	}

	/** POST a form to p with the token read from formPage (default p). */
	async post(p, form = {}, { formPage = p, ...opts } = {}) {
		const csrf = await this.csrf(formPage);
		return this.postRaw(p, { csrf, ...form }, opts);
	}
}

/** Parse Set-Cookie headers into { name, value, attrs (lower-cased keys), maxAge, raw }. */
export function parseSetCookies(list) {
	return (list || []).map((raw) => {
		const [nv, ...attrs] = raw.split(';').map((s) => s.trim());
		const i = nv.indexOf('=');
		const a = {};
		for (const x of attrs) {
			const j = x.indexOf('=');
			a[(j < 0 ? x : x.slice(0, j)).toLowerCase()] = j < 0 ? true : x.slice(j + 1);
		}
		return {
			name: nv.slice(0, i), value: nv.slice(i + 1), attrs: a, raw,
			maxAge: a['max-age'] === undefined ? undefined : Number(a['max-age']),
		};
	});
}

/** The first csrf="…" of an XML model (the form's, or the user's). */
export function csrfOf(xml) {
	const m = /<form\b[^>]*\bcsrf="([^"]+)"/.exec(xml) || /<user\b[^>]*\bcsrf="([^"]+)"/.exec(xml);
	return m ? m[1] : null;
}

/** HTML with the CSRF token values blanked (for comparing two pages). */
export function stripCsrf(html) {
	return html.replace(/(name="csrf" value=")[^"]*"/g, '$1"').replace(/(\bcsrf=")[^"]*"/g, '$1"');
}

/** The error keys of an XML model: ['err.login', …]. */
export function errorKeys(xml) {
	return [...xml.matchAll(/<error\b[^>]*\bkey="([^"]+)"/g)].map((m) => m[1]);
}

/**
 * A response in one line for an assertion message: status, location and
 * the page's visible text (tags dropped), so that a failure in CI says
 * which page came back and why.
 */
export function gist(r, max = 300) {
	const body = String(r.body ?? '');
	// The page's own part, past the header and the fixed menu.
	const main = /<main\b[\s\S]*<\/main>/.exec(body);
	const text = (main ? main[0] : body).replace(/<(script|style)\b[\s\S]*?<\/\1>/g, ' ')
		.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
	return `${r.status}${r.location ? ` → ${r.location}` : ''}: ${text.slice(0, max)}`;
}

/** Text of an element of an XML model (first match), entities decoded. */
export function xmlText(xml, tag) {
	const m = new RegExp(`<${tag}\\b[^>]*>([^<]*)</${tag}>`).exec(xml);
	return m ? decodeEntities(m[1]) : null;
}

export function decodeEntities(s) {
	return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
	    .replace(/&#39;|&apos;/g, "'").replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
	    .replace(/&amp;/g, '&');
}

// ------------------------------------------------------------ TOTP (RFC 6238)

export const TOTP_STEP = 30;

export function base32Decode(s) {
	const alpha = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
	const clean = s.replace(/[\s=]/g, '').toUpperCase();
	let bits = 0, val = 0;
	const out = [];
	for (const ch of clean) {
		const i = alpha.indexOf(ch);
		if (i < 0)
			throw new Error(`not base32: ${ch}`);
		val = (val << 5) | i;
		bits += 5;
		if (bits >= 8) {
			out.push((val >>> (bits - 8)) & 0xff);
			bits -= 8;
		}
	}
	return Buffer.from(out);
}

/** HOTP (RFC 4226) of key (Buffer) at counter, `digits` digits, SHA-1. */
export function hotp(key, counter, digits = 6) {
	const msg = Buffer.alloc(8);
	msg.writeBigUInt64BE(BigInt(counter));
	const h = crypto.createHmac('sha1', key).update(msg).digest();
	const o = h[h.length - 1] & 0x0f;
	const bin = ((h[o] & 0x7f) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3];
	return String(bin % 10 ** digits).padStart(digits, '0');
}

export const currentStep = (ms = Date.now()) => Math.floor(ms / 1000 / TOTP_STEP);

/** The TOTP code of a base32 secret at time step `step`. */
export function totpAt(secretB32, step) {
	return hotp(base32Decode(secretB32), step);
}

/**
 * A TOTP code the server will accept now: for a step later than the
 * last one used (the server accepts each step once, ±1 step of drift).
 * The earliest usable step is taken: the previous one while more than
 * 5 s of the current step are left (so it is still in the window when
 * the request arrives), else the current or the next one; when all are
 * spent, wait for the next step.  totp = { secret, lastStep }, updated.
 */
export async function nextCode(totp) {
	for (;;) {
		const ms = Date.now();
		const now = currentStep(ms);
		const left = (now + 1) * TOTP_STEP * 1000 - ms;
		const first = left > 5000 ? now - 1 : now;
		const step = Math.max(first, (totp.lastStep ?? -1) + 1);
		if (step <= now + 1) {
			totp.lastStep = step;
			return totpAt(totp.secret, step);
		}
		await sleep(left + 200);
	}
}

/**
 * Wait until the current time step was not used yet, for a code made
 * by an outside generator; returns that time (Unix seconds), for which
 * the step is then counted as used.
 */
export async function freshTime(totp) {
	while (currentStep() <= (totp.lastStep ?? -1))
		await sleep((currentStep() + 1) * TOTP_STEP * 1000 - Date.now() + 200);
	const t = Math.floor(Date.now() / 1000);
	totp.lastStep = Math.floor(t / TOTP_STEP);
	return t;
}

/** `oathtool --totp -b SECRET --now=@t`: the reference generator's code. */
export function oathtool(secretB32, t) {
	return execFileSync('oathtool', ['--totp', '-b', secretB32, `--now=@${t}`], { encoding: 'utf8' }).trim();
}

/**
 * Turn TOTP on for a signed-in client: read the pending secret from the
 * model of /account/totp, confirm it with a code.  Returns
 * { secret, lastStep, codes (the ten recovery codes), response }.
 */
export async function enrolTotp(client) {
	const page = await client.model('/account/totp');
	if (page.status !== 200)
		throw new Error(`GET /account/totp: ${page.status} ${page.location || ''}`);
	const secret = (xmlText(page.body, 'secret') || '').replace(/\s+/g, '');
	if (!/^[A-Z2-7]{16,}$/.test(secret))
		throw new Error(`no pending secret on /account/totp:\n${page.body.slice(0, 600)}`);
	const totp = { secret, lastStep: -1 };
	const code = await nextCode(totp);
	const r = await client.postRaw('/account/totp', { csrf: csrfOf(page.body), code }, { xml: true });
	if (r.status !== 200 || !/<page name="account-totp-done"/.test(r.body))
		throw new Error(`enrolment refused: ${r.status}\n${r.body.slice(0, 600)}`);
	totp.codes = [...r.body.matchAll(/<code>([^<]+)<\/code>/g)].map((m) => m[1]);
	totp.response = r;
	return totp;
}

// ------------------------------------------------------------ signing in

/**
 * Sign in on host as ident/password: GET /login (the form's token),
 * POST it, then the TOTP step when asked (opts.totp = { secret,
 * lastStep } or opts.code), then — unless raw — the forced steps a
 * member meets on an AUTH page: terms (accepted) and TOTP enrolment
 * (opts.enrol: done, returned as result.totp).  Returns the Client, with
 * .login (the POST /login response) and .totp set.  Throws when the
 * sign-in is refused (unless opts.expect is given: then returns the
 * client with the refusing response in .login when opts.expectRefusal).
 */
export async function signIn(host, ident, password, opts = {}) {
	const { keep = false, totp, code, acceptTerms = true, enrol = false, next, client: given } = opts;
	const c = given || new Client(host);
	const form = await c.model(next ? `/login?next=${encodeURIComponent(next)}` : '/login');
	if (form.status !== 200)
		throw new Error(`GET /login on ${host}: ${form.status} ${form.location || ''}`);
	const fields = { csrf: csrfOf(form.body), ident, password };
	if (keep)
		fields.keep = '1';
	if (next)
		fields.next = next;
	const r = await c.postRaw('/login', fields, { xml: true });
	c.login = r;
	if (r.status !== 303) {
		if (opts.expectRefusal)
			return c;
		throw new Error(`POST /login ${host} ${ident}: ${r.status}, errors ${errorKeys(r.body)}`);
	}
	if (/^\/login\/totp/.test(r.location)) {
		if (!totp && !code)
			return c;	// the caller does the second step
		const f = await c.model(r.location);
		const t = await c.postRaw('/login/totp', {
			csrf: csrfOf(f.body), code: code || await nextCode(totp),
			...(next ? { next } : {}),
		});
		c.totpStep = t;
		if (t.status !== 303)
			throw new Error(`POST /login/totp ${host} ${ident}: ${t.status}`);
		c.totp = totp;
	}
	if (opts.raw)
		return c;
	// The forced steps (gate.c): seen on any AUTH page.
	for (let i = 0; i < 4; i++) {
		const a = await c.get('/account');
		if (a.status === 200)
			break;
		if (a.status !== 303)
			throw new Error(`GET /account after sign-in: ${a.status}`);
		if (a.location.startsWith('/terms') && acceptTerms) {
			await acceptLatestTerms(c);
		} else if (a.location.startsWith('/account/totp') && enrol) {
			c.totp = await enrolTotp(c);
		} else {
			c.forced = a.location;
			break;
		}
	}
	return c;
}

/** POST /terms with the version the page offers. */
export async function acceptLatestTerms(c) {
	const t = await c.model('/terms');
	const v = /<field name="version"[^>]*>\s*<value>(\d+)<\/value>/.exec(t.body);
	if (!v)
		throw new Error(`no terms form on ${c.host}/terms:\n${t.body.slice(0, 600)}`);
	const r = await c.postRaw('/terms', { csrf: csrfOf(t.body), version: v[1] });
	if (r.status !== 303)
		throw new Error(`POST /terms: ${r.status}`);
	return Number(v[1]);
}

/** Is this client signed in on its host (the model has a <user>)? */
export async function signedIn(c, p = '/') {
	const r = await c.model(p);
	return r.status === 200 && /<user\b/.test(r.body);
}

// ------------------------------------------------------------ mail

/** RFC 2047 encoded words (B and Q, UTF-8) decoded. */
export function decodeWords(s) {
	return s.replace(/\r?\n[ \t]+/g, ' ')
	    .replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=(\s+(?==\?))?/gi, (_, enc, t) => (enc.toUpperCase() === 'B'
		? Buffer.from(t, 'base64').toString('utf8')
		: Buffer.from(t.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (x, h) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8')));
}

/** One sink file: { file, to (envelope), headers (lower-cased), subject, from, body }. */
export function parseMail(file) {
	const text = fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
	const i = text.indexOf('\n\n');
	const head = text.slice(0, i), rawBody = text.slice(i + 2);
	const headers = {};
	for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
		const j = line.indexOf(':');
		if (j > 0)
			headers[line.slice(0, j).toLowerCase()] = line.slice(j + 1).trim();
	}
	const te = (headers['content-transfer-encoding'] || '').toLowerCase();
	const body = te === 'base64' ? Buffer.from(rawBody.replace(/\s+/g, ''), 'base64').toString('utf8').replace(/\r\n/g, '\n') : rawBody;
	const rcpt = /<([^>]+)>/.exec(headers['x-rcpt-args'] || '');
	return {
		file, headers, body, rcpt: rcpt ? rcpt[1] : headers.to,
		subject: decodeWords(headers.subject || ''), from: decodeWords(headers.from || ''),
	};
}

/** Every mail in the sink, oldest first. */
export function mails() {
	if (!MAILDIR || !fs.existsSync(MAILDIR))
		return [];
	return fs.readdirSync(MAILDIR).sort().map((f) => path.join(MAILDIR, f))
	    .filter((f) => fs.statSync(f).isFile()).map(parseMail);
}

/** Wait for the mails to `rcpt` that match pred (subject/body); all of them. */
export async function waitMail(rcpt, pred = () => true, { timeout = 15000, count = 1 } = {}) {
	return waitFor(() => {
		const m = mails().filter((x) => x.rcpt === rcpt && pred(x));
		return m.length >= count ? m : null;
	}, { timeout, interval: 200, what: `${count} mail(s) to ${rcpt}` });
}

// ------------------------------------------------------------ audit

/** Audit rows of actor/action (newest last): { at, tenant, actor, action, object, ip, detail }. */
export function auditRows(where) {
	return rows(`SELECT at, tenant, IFNULL(actor,'NULL'), action, IFNULL(object,'NULL'), ip, IFNULL(detail,'NULL') FROM audit WHERE ${where} ORDER BY id`)
	    .map(([at, tenant, actor, action, object, ip, detail]) => ({ at, tenant, actor, action, object, ip, detail }));
}
