// Signing in and out, sessions and CSRF against the real stack (slapd,
// MariaDB, nginx, shikakud): CORE-4, CORE-5, CORE-10, CORE-11.
// Issue 3 items 3, 4 and 13.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { RUN, masterPid, workerPids, metrics, waitFor, confNumber } from './http.mjs';
import {
	Client, signIn, createUser, ctl, sql, rows, q, sidHash, resetThrottle,
	csrfOf, stripCsrf, errorKeys, signedIn, acceptLatestTerms, DEMO, DEMO_PASSWORD, HOSTS,
	uniqueDigits,
} from './auth.mjs';

before(() => resetThrottle());

/** `shikakuctl user list` as objects. */
function listUsers(slug) {
	return ctl('user', 'list', slug).split('\n').filter((l) => l && !l.startsWith('#'))
	    .map((l) => {
		const [uid, number, mail, name, roles, state] = l.split('\t');
		return { uid, number, mail, name, roles, state };
	});
}

/** The name in the <user> of a signed-in model, or null. */
async function userName(c) {
	const r = await c.model('/');
	assert.equal(r.status, 200);
	const m = /<user\b[^>]*>\s*<name>([^<]*)<\/name>/.exec(r.body);
	return m ? m[1] : null;
}

/** POST /login with the form's token; the response (HTML unless xml). */
async function tryLogin(c, ident, password, extra = {}, xml = false) {
	const f = await c.model('/login');
	assert.equal(f.status, 200);
	return c.postRaw('/login', { csrf: csrfOf(f.body), ident, password, ...extra }, { xml });
}

test('CORE-4: each demo tenant signs in with its own identifier (board by 医籍登録番号, palliative by mail and by member number, oncology and medassoc by member number and by mail)', async () => {
	const pal = listUsers('palliative').find((u) => u.mail === DEMO.palliative.member);
	assert.ok(pal && /^\S+$/.test(pal.number), 'palliative demo member has a member number');
	const cases = [
		['board', DEMO.board.member, 'regno'],
		['palliative', DEMO.palliative.member, 'email_or_member'],
		['palliative', pal.number, 'email_or_member'],
		['oncology', DEMO.oncology.member, 'member_or_email'],
		['medassoc', DEMO.medassoc.member, 'member_or_email'],
	];
	// oncology and medassoc also take the mail address (SPEC.md table).
	for (const slug of ['oncology', 'medassoc']) {
		const u = listUsers(slug).find((x) => x.number === DEMO[slug].member);
		cases.push([slug, u.mail, 'member_or_email']);
	}
	for (const [slug, ident, kind] of cases) {
		const host = HOSTS[slug];
		const anon = new Client(host);
		const form = await anon.model('/login');
		assert.match(form.body, new RegExp(`<content login-id="${kind}"`), `${slug}: login-id`);
		const want = listUsers(slug).find((u) => u.number === ident || u.mail === ident);
		const c = await signIn(host, ident, DEMO_PASSWORD, { raw: true });
		assert.equal(c.login.status, 303, `${slug} ${ident}`);
		assert.equal(await userName(c), want.name, `${slug} ${ident}: signed in as ${want.name}`);
	}
	// The board signs in by registration number only: its member's mail is no identifier there.
	const boardMember = listUsers('board').find((u) => u.number === DEMO.board.member);
	const byMail = await tryLogin(new Client(HOSTS.board), boardMember.mail, DEMO_PASSWORD, {}, true);
	assert.equal(byMail.status, 200);
	assert.deepEqual(errorKeys(byMail.body), ['err.login']);
	// Nor does another tenant's identifier work here.
	const cross = await tryLogin(new Client(HOSTS.board), DEMO.oncology.member, DEMO_PASSWORD, {}, true);
	assert.equal(cross.status, 200);
	assert.deepEqual(errorKeys(cross.body), ['err.login']);
});

test('CORE-4: LDAP filter characters in the identifier match nothing (RFC 4515 escaping): "51234*", "*", "*)(uid=*" with the right password do not sign in', async () => {
	const c = new Client(HOSTS.board);
	for (const ident of ['51234*', '*', '*)(uid=*', `${DEMO.board.member})(|(uid=*`, '5123\\2a5']) {
		const r = await tryLogin(c, ident, DEMO_PASSWORD, {}, true);
		assert.equal(r.status, 200, JSON.stringify(ident));
		assert.deepEqual(errorKeys(r.body), ['err.login'], JSON.stringify(ident));
	}
	// A NUL cut the filter value short in C: refused as a bad request.
	const nul = await tryLogin(c, `${DEMO.board.member}\u0000x`, DEMO_PASSWORD, {}, true);
	assert.ok(nul.status === 400 || (nul.status === 200 && errorKeys(nul.body).includes('err.login')), `NUL: ${nul.status}`);
	assert.equal(await signedIn(c), false);
	// The same on a mail-identified tenant.
	const p = new Client(HOSTS.palliative);
	for (const ident of ['member@palliative.exampl*', '*@palliative.example']) {
		const r = await tryLogin(p, ident, DEMO_PASSWORD, {}, true);
		assert.deepEqual(errorKeys(r.body), ['err.login'], ident);
	}
	resetThrottle();
});

test('CORE-4: a wrong password and a missing account get the same status and the same page (csrf values and the typed identifier aside), on every tenant', async () => {
	for (const slug of ['board', 'palliative', 'oncology', 'medassoc']) {
		const u = createUser(slug);
		// A missing identifier of the same shape and length as u.ident.
		const missing = slug === 'board' ? `8${uniqueDigits(9)}`
		    : slug === 'palliative' ? u.ident.replace(/^u/, 'n') : u.ident.replace(/^u-/, 'n-');
		assert.equal(missing.length, u.ident.length);
		const c = new Client(HOSTS[slug]);
		const wrong = await tryLogin(c, u.ident, 'Wrong-pass-2026x');
		const none = await tryLogin(c, missing, 'Wrong-pass-2026x');
		assert.equal(wrong.status, 200, slug);
		assert.equal(none.status, wrong.status, `${slug}: status`);
		assert.equal(none.headers['content-type'], wrong.headers['content-type']);
		assert.deepEqual(Object.keys(none.headers).sort(), Object.keys(wrong.headers).sort(), `${slug}: header names`);
		assert.equal(wrong.cookies.length, 0, `${slug}: no new cookie on a failure`);
		assert.equal(none.cookies.length, 0, `${slug}: no new cookie on a failure`);
		const a = stripCsrf(wrong.body).split(u.ident).join('IDENT');
		const b = stripCsrf(none.body).split(missing).join('IDENT');
		assert.equal(b, a, `${slug}: the two pages differ`);
		assert.match(a, /パスワードが正しくありません/);
		// The models say the same too (CORE-3).
		const wx = await tryLogin(c, u.ident, 'Wrong-pass-2026x', {}, true);
		const nx = await tryLogin(c, missing, 'Wrong-pass-2026x', {}, true);
		assert.deepEqual(errorKeys(wx.body), ['err.login']);
		assert.deepEqual(errorKeys(nx.body), ['err.login']);
		// Still nobody signed in, and u can sign in (3 failures: no lock).
		assert.equal(await signedIn(c), false);
		const ok = await signIn(HOSTS[slug], u.ident, u.password, { raw: true });
		assert.equal(ok.login.status, 303);
	}
	resetThrottle();
});

test('CORE-5 CORE-10: "ログイン情報を保存する" (keep=1) gives a persistent cookie, without it a session cookie; both HttpOnly, SameSite=Lax, ≥128-bit', async () => {
	const u = createUser('palliative');
	const plain = await signIn(u.host, u.ident, u.password, { raw: true });
	const kept = await signIn(u.host, u.ident, u.password, { raw: true, keep: true });
	const pc = plain.login.cookies.find((c) => c.name === 'sid');
	const kc = kept.login.cookies.find((c) => c.name === 'sid');
	assert.ok(pc && kc, 'sign-in sets sid');
	for (const c of [pc, kc]) {
		assert.match(c.value, /^[A-Za-z0-9_-]{22,}$/, 'at least 128 bits of base64url');
		assert.equal(c.attrs.httponly, true, c.raw);
		assert.equal(String(c.attrs.samesite).toLowerCase(), 'lax', c.raw);
		assert.equal(c.attrs.path, '/', c.raw);
		assert.equal(c.attrs.secure, undefined, 'no Secure over plain http');
	}
	assert.equal(pc.attrs['max-age'], undefined, `session cookie: ${pc.raw}`);
	assert.equal(pc.attrs.expires, undefined, `session cookie: ${pc.raw}`);
	assert.ok(kc.maxAge >= 14 * 86400, `persistent cookie: ${kc.raw}`);
	// Server side: both are rows; the kept one lives longer.
	const [pr] = rows(`SELECT keep, TIMESTAMPDIFF(SECOND, NOW(), expires_at), idle_s, uid FROM session WHERE id_hash = ${q(sidHash(pc.value))}`);
	const [kr] = rows(`SELECT keep, TIMESTAMPDIFF(SECOND, NOW(), expires_at), idle_s, uid FROM session WHERE id_hash = ${q(sidHash(kc.value))}`);
	assert.equal(pr[0], '0');
	assert.equal(kr[0], '1');
	assert.equal(pr[3], u.uid);
	assert.ok(Number(kr[1]) > Number(pr[1]), `kept expires later: ${kr[1]} vs ${pr[1]}`);
	assert.ok(Number(pr[1]) <= 43200 && Number(pr[2]) === 1800, `tenant session_max/idle: ${pr}`);
	// The cookie value is not what the table holds.
	assert.equal(rows(`SELECT COUNT(*) FROM session WHERE id_hash = ${q(kc.value)}`)[0][0], '0');
});

test('CORE-5 CORE-10: logout kills a session server-side (kept or not): the old cookie no longer works', async () => {
	const u = createUser('oncology');
	for (const keep of [false, true]) {
		const c = await signIn(u.host, u.ident, u.password, { keep });
		const old = c.sid;
		assert.ok(await signedIn(c), 'signed in');
		const csrf = await c.csrf('/account');
		const out = await c.postRaw('/logout', { csrf });
		assert.equal(out.status, 303);
		const gone = out.cookies.find((x) => x.name === 'sid');
		assert.ok(gone && gone.maxAge === 0, 'the cookie is cleared');
		// Replaying the old cookie (a copy kept by an attacker) gets nothing.
		const replay = new Client(u.host, { sid: old });
		const r = await replay.get('/account');
		assert.equal(r.status, 303, `keep=${keep}`);
		assert.equal(r.location, '/login?next=/account');
		assert.equal(await signedIn(replay), false);
		assert.equal(rows(`SELECT COUNT(*) FROM session WHERE id_hash = ${q(sidHash(old))}`)[0][0], '0');
	}
});

test('CORE-5 CORE-10: "sign out other sessions" revokes a kept session on another device', async () => {
	const u = createUser('medassoc');
	const phone = await signIn(u.host, u.ident, u.password, { keep: true });
	const desk = await signIn(u.host, u.ident, u.password);
	assert.ok(await signedIn(phone));
	const r = await desk.post('/account/sessions/end-others', {}, { formPage: '/account' });
	assert.equal(r.status, 303);
	assert.equal(r.location, '/account?done=sessions');
	assert.equal(await signedIn(phone), false, 'the kept session still works');
	assert.ok(await signedIn(desk), 'the current session was ended too');
});

test('CORE-10: the session id changes at sign-in: the anonymous id and its token are worth nothing afterwards', async () => {
	const u = createUser('board');
	const c = new Client(u.host);
	const f = await c.model('/login');
	const anonSid = c.sid, anonCsrf = csrfOf(f.body);
	assert.ok(anonSid, 'the login form gives an anonymous session');
	const r = await c.postRaw('/login', { csrf: anonCsrf, ident: u.ident, password: u.password });
	assert.equal(r.status, 303);
	assert.ok(c.sid && c.sid !== anonSid, 'a new id at sign-in');
	assert.equal(rows(`SELECT COUNT(*) FROM session WHERE id_hash = ${q(sidHash(anonSid))}`)[0][0], '0', 'the anonymous row is gone');
	// A fixated cookie (the anonymous one) is not signed in.
	assert.equal(await signedIn(new Client(u.host, { sid: anonSid })), false);
	// The pre-login token does not pass for the new session.
	await acceptLatestTerms(c);
	const csrf = await c.csrf('/account');
	assert.notEqual(csrf, anonCsrf);
	// Not acted on; what it carried is kept for this member (CORE-12).
	const stale = await c.postRaw('/account/lang', { csrf: anonCsrf, lang: 'en' });
	assert.equal(stale.status, 303);
	assert.equal(stale.location, '/kept');
	assert.equal(rows(`SELECT lang FROM account WHERE tenant = 'board' AND uid = ${q(u.uid)}`)[0][0], 'ja');
});

test('CORE-10: idle and absolute expiry (seen_at / expires_at in the past) send the member to /login', async () => {
	const u = createUser('palliative');
	for (const col of ['seen_at', 'expires_at']) {
		const c = await signIn(u.host, u.ident, u.password);
		assert.equal((await c.get('/account')).status, 200);
		const when = col === 'seen_at' ? 'NOW() - INTERVAL 1801 SECOND' : 'NOW() - INTERVAL 1 SECOND';
		sql(`UPDATE session SET ${col} = ${when} WHERE id_hash = ${q(sidHash(c.sid))}`);
		const r = await c.get('/account');
		assert.equal(r.status, 303, col);
		assert.equal(r.location, '/login?next=/account', col);
		assert.equal(await signedIn(c), false, col);
	}
	// Within the idle time it still works (seen_at 29 minutes ago).
	const c = await signIn(u.host, u.ident, u.password);
	sql(`UPDATE session SET seen_at = NOW() - INTERVAL 1740 SECOND WHERE id_hash = ${q(sidHash(c.sid))}`);
	assert.equal((await c.get('/account')).status, 200);
	// …and the request counts as activity.
	assert.ok(Number(rows(`SELECT TIMESTAMPDIFF(SECOND, seen_at, NOW()) FROM session WHERE id_hash = ${q(sidHash(c.sid))}`)[0][0]) < 60);
});

test('CORE-10: a member\'s session survives `kill -HUP` of shikakud and works on every (new) worker: 20 requests all 200 and signed in', async () => {
	const u = createUser('board');
	const c = await signIn(u.host, u.ident, u.password);
	assert.equal((await c.get('/account')).status, 200);
	const before = workerPids();
	const reloads = (await metrics()).get('shikaku_reloads_total');
	process.kill(masterPid(), 'SIGHUP');
	await waitFor(async () => (await metrics()).get('shikaku_reloads_total') > reloads, { timeout: 10000, what: 'the reload' });
	const workers = confNumber('workers', 4);
	await waitFor(() => {
		const now = workerPids();
		return now.length >= workers && now.every((p) => !before.includes(p));
	}, { timeout: 15000, what: 'every process of the pool replaced' });
	const log = path.join(RUN, 'log', 'shikakud.log');
	const from = fs.statSync(log).size;
	// 20 requests, several at a time, so that every worker takes some.
	const batch = workers <= 2 ? 4 : 10;
	const results = [];
	for (let i = 0; i < 20 / batch; i++)
		results.push(...await Promise.all(Array.from({ length: batch }, () => c.model('/account'))));
	assert.equal(results.length, 20);
	for (const r of results) {
		assert.equal(r.status, 200, r.location);
		assert.match(r.body, /<page name="account"/);
		assert.match(r.body, /<user\b/);
	}
	// Which workers answered: each live worker served this session.
	const lines = await waitFor(() => {
		const buf = fs.readFileSync(log).subarray(from).toString('utf8');
		const ls = buf.split('\n').filter((l) => / tenant=board page=account method=GET status=200 /.test(l));
		return ls.length >= 20 ? ls : null;
	}, { timeout: 5000, what: '20 log lines' });
	const pids = new Set(lines.map((l) => /shikakud\[(\d+)\]/.exec(l)[1]).map(Number));
	// (More pids than workers only if one was recycled after max_requests.)
	assert.ok(pids.size >= workers, `served by ${[...pids]} (workers = ${workers})`);
	for (const p of pids)
		assert.ok(!before.includes(p), `pid ${p} predates the reload`);
});

test('CORE-11 CORE-12: a POST without the token is refused (403); with a wrong token, or with another session\'s token, it is not acted on (what it carried is kept for the member at /kept); nothing changes', async () => {
	const u = createUser('oncology');
	const other = createUser('oncology');
	const c = await signIn(u.host, u.ident, u.password);
	const o = await signIn(other.host, other.ident, other.password);
	const mine = await c.csrf('/account');
	const theirs = await o.csrf('/account');
	assert.notEqual(mine, theirs);
	const lang = () => rows(`SELECT lang FROM account WHERE tenant = 'oncology' AND uid = ${q(u.uid)}`)[0][0];
	assert.equal(lang(), 'ja');
	for (const [what, form, status] of [
		['no token', { lang: 'en' }, 403],
		['empty token', { csrf: '', lang: 'en' }, 403],
		['wrong token', { csrf: mine.replace(/^./, (ch) => (ch === 'A' ? 'B' : 'A')), lang: 'en' }, 303],
		['another session\'s token', { csrf: theirs, lang: 'en' }, 303],
	]) {
		const r = await c.postRaw('/account/lang', form);
		assert.equal(r.status, status, what);
		if (status === 303)
			assert.equal(r.location, '/kept', what);
		assert.equal(lang(), 'ja', `${what}: the language changed`);
	}
	// Sign-out without the token: refused, and the session lives on.
	const out = await c.postRaw('/logout', {});
	assert.equal(out.status, 403);
	assert.ok(await signedIn(c));
	// The sign-in form needs the anonymous session's token too.
	const anon = new Client(u.host);
	await anon.model('/login');
	const li = await anon.postRaw('/login', { ident: u.ident, password: u.password });
	assert.equal(li.status, 403);
	assert.equal(await signedIn(anon), false);
	// With the right token it works (the test could fail).
	const ok = await c.postRaw('/account/lang', { csrf: mine, lang: 'en' });
	assert.equal(ok.status, 303);
	assert.equal(lang(), 'en');
});

const median = (a) => [...a].sort((m, n) => m - n)[a.length >> 1];

test('CORE-4 CORE-8: a missing account is not told apart by time: /login and /password/temp answer about as fast for a missing account as for an existing one', {
}, async () => {
	resetThrottle();
	const u = createUser('palliative', { tag: 'tm' });
	const times = { login: { known: [], missing: [] }, temp: { known: [], missing: [] } };
	for (let i = 0; i < 8; i++) {
		resetThrottle();
		const c = new Client(u.host);
		times.login.known.push((await tryLogin(c, u.ident, 'Wrong-pass-2026x')).ms);
		times.login.missing.push((await tryLogin(c, `n${uniqueDigits(8)}@palliative.example`, 'Wrong-pass-2026x')).ms);
		if (i % 4 === 3)	// stay clear of the lock
			sql(`UPDATE account SET failures = 0 WHERE tenant = 'palliative' AND uid = ${q(u.uid)}`);
		for (const [k, mail] of [['known', u.mail], ['missing', `n${uniqueDigits(8)}@palliative.example`]]) {
			const t = new Client(u.host);
			const f = await t.model('/password/temp');
			times.temp[k].push((await t.postRaw('/password/temp', { csrf: csrfOf(f.body), mail })).ms);
		}
	}
	resetThrottle();
	for (const [what, t] of Object.entries(times))
		assert.ok(median(t.missing) >= 0.6 * median(t.known),
		    `${what}: median ${median(t.missing)} ms for a missing account, ${median(t.known)} ms for an existing one (${JSON.stringify(t)})`);
});

test('CORE-4 CORE-6: the lock tells nothing either: after five failures a missing identifier gets the same answer as an existing (now locked) account', {
}, async () => {
	resetThrottle();
	const u = createUser('oncology', { tag: 'lo' });
	const missing = u.ident.replace(/^lo-/, 'no-');
	assert.notEqual(missing, u.ident);
	const c = new Client(u.host);
	const last = {};
	for (const ident of [u.ident, missing]) {
		for (let i = 0; i < 6; i++)
			last[ident] = await tryLogin(c, ident, `Wrong-${i}-pass-2026`);
	}
	ctl('user', 'unlock', 'oncology', u.ident);
	resetThrottle();
	assert.equal(last[missing].status, last[u.ident].status);
	assert.equal(stripCsrf(last[missing].body).split(missing).join('IDENT'), stripCsrf(last[u.ident].body).split(u.ident).join('IDENT'));
});

test('CORE-4 CORE-10: ?next= after signing in leads only to a page of this site (no open redirect)', async () => {
	const u = createUser('oncology', { tag: 'nx' });
	for (const [next, want] of [
		['/account', '/account'],
		['//evil.example/x', '/'],
		['https://evil.example/', '/'],
		['/\\evil.example', '/'],
		['/\t/evil.example', '/'],
		['javascript:alert(1)', '/'],
	]) {
		const c = new Client(u.host);
		const f = await c.model(`/login?next=${encodeURIComponent(next)}`);
		const r = await c.postRaw('/login', { csrf: csrfOf(f.body), ident: u.ident, password: u.password, next });
		assert.equal(r.status, 303, next);
		assert.equal(r.location, want, JSON.stringify(next));
	}
});
