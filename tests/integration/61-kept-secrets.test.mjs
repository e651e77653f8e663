// Nothing typed is lost, and nothing typed reaches the wrong person
// (CORE-12, CORE-17, CORE-11).  Issue 7 items 1 and 15: a POST kept after
// its session expired belongs to that member and never holds a secret;
// a form refused for an expired session or token comes back filled.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import {
	Client, signIn, createUser, sql, rows, q, sidHash, resetThrottle, csrfOf,
	signedIn, newPassword, gist, waitMail, uniqueDigits,
} from './auth.mjs';

before(() => resetThrottle());

const EXPIRED_JA = '画面の有効期限が切れました。もう一度送信してください。';
const RETYPE_JA = 'パスワードなどの秘密の項目は保存されません。もう一度入力してください。';

// The portal's connections run in Japan time (db.c); so do these statements.
const JST = "SET time_zone = '+09:00'; ";
const expire = (c) => sql(`UPDATE session SET expires_at = NOW() - INTERVAL 1 SECOND WHERE id_hash = ${q(sidHash(c.sid))}`);
const keptOf = (u) => rows(`SELECT path, secrets, files, HEX(body) FROM kept_post WHERE tenant = ${q(u.slug)} AND uid = ${q(u.uid)} ORDER BY id`)
    .map(([path, secrets, files, hex]) => ({ path, secrets, files: Number(files), body: Buffer.from(hex, 'hex').toString('utf8') }));

/** The login form of this browser, then a sign-in that goes on to next. */
async function signInOn(c, u, next = '/kept') {
	const f = await c.model(`/login?next=${next}`);
	assert.equal(f.status, 200);
	const r = await c.postRaw('/login', { csrf: csrfOf(f.body), ident: u.ident, password: u.password, next });
	assert.equal(r.status, 303, gist(r));
	return r;
}

/** The hidden inputs of the form posting to action, in an HTML page. */
function hiddenOf(html, action) {
	const m = new RegExp(`<form\\b[^>]*action="${action.replace(/\//g, '\\/')}"[\\s\\S]*?</form>`).exec(html);
	assert.ok(m, `a form to ${action}`);
	return {
		form: m[0],
		fields: Object.fromEntries([...m[0].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((x) => [x[1], x[2]])),
	};
}

test('CORE-12 CORE-17: an expired session\'s POST to /account/password keeps no password and is offered only to its member — the next person signing in on the same browser sees nothing of it; the member, signing in again, types the passwords again next to their labels and the change succeeds', async () => {
	const a = createUser('palliative', { tag: 'ks' });
	const b = createUser('palliative', { tag: 'ks' });
	const fresh = `NewSecret-${Date.now()}x`;
	const browser = await signIn(a.host, a.ident, a.password);
	const f = await browser.model('/account/password');
	expire(browser);
	const r = await browser.postRaw('/account/password', { csrf: csrfOf(f.body), current: a.password, password: fresh, password2: fresh });
	assert.equal(r.status, 303, gist(r));
	assert.equal(r.location, '/login?next=/kept');
	// Member b signs in on the same browser: nothing of a's.
	await signIn(b.host, b.ident, b.password, { client: browser, next: '/kept' });
	assert.equal(browser.login.location, '/kept', 'b goes where the form said');
	const pb = await browser.get('/kept');
	assert.equal(pb.status, 200);
	assert.doesNotMatch(pb.body, /action="\/account\/password"/, 'b is offered a\'s POST');
	assert.ok(!pb.body.includes(fresh) && !pb.body.includes(a.password), 'a secret shows to b');
	assert.match(pb.body, /保存されている入力内容はありません。/);
	assert.equal(keptOf(a).length, 1, 'b\'s visit took a\'s kept POST');
	// Stored for a, with the names of the secrets and none of their values.
	const kept = keptOf(a);
	assert.equal(kept.length, 1);
	assert.equal(kept[0].path, '/account/password');
	assert.deepEqual(kept[0].secrets.split(',').sort(), ['current', 'password', 'password2']);
	assert.equal(kept[0].body, '', 'nothing but secrets was posted');
	const anywhere = (s) => Number(rows(`SELECT COUNT(*) FROM kept_post WHERE LOCATE(${q(s)}, body) > 0`)[0][0]);
	assert.equal(anywhere(fresh), 0, 'the new password is stored');
	assert.equal(anywhere(a.password), 0, 'the current password is stored');

	await browser.post('/logout', {}, { formPage: '/account' });

	// a signs in again on the same browser: sent to /kept, offered the form.
	const ra = await signInOn(browser, a, '/account');
	assert.equal(ra.location, '/kept', 'sign-in leads to what was kept');
	const pa = await browser.get('/kept');
	assert.equal(pa.status, 200);
	const { form, fields } = hiddenOf(pa.body, '/account/password');
	for (const [name, label] of [['current', '現在のパスワード'], ['password', '新しいパスワード'], ['password2', 'パスワード（確認用）']]) {
		const input = new RegExp(`<input\\b[^>]*type="password"[^>]*name="${name}"[^>]*>`).exec(form) ||
		    new RegExp(`<input\\b[^>]*name="${name}"[^>]*type="password"[^>]*>`).exec(form);
		assert.ok(input, `a password input for ${name}: ${form.slice(0, 600)}`);
		assert.doesNotMatch(input[0], /value="[^"]/, `${name} comes back filled`);
		assert.ok(form.includes(label), `the label ${label}`);
	}
	assert.ok(form.includes(RETYPE_JA), 'the page says the secrets must be typed again');
	assert.ok(!pa.body.includes(fresh) && !pa.body.includes(a.password));
	assert.deepEqual(keptOf(a), [], 'claimed and deleted');
	const send = await browser.postRaw('/account/password', { ...fields, current: a.password, password: fresh, password2: fresh });
	assert.equal(send.status, 303, gist(send));
	const again = await signIn(a.host, a.ident, fresh);
	assert.ok(await signedIn(again), 'the new password works');
});

test('CORE-12: /kept lists the typed values by their labels, not the fields\' raw names, and its form sends them again', async () => {
	const u = createUser('palliative', { tag: 'kl' });
	const c = await signIn(u.host, u.ident, u.password);
	const csrf = await c.csrf('/account');
	expire(c);
	const r = await c.postRaw('/account/lang', { csrf, lang: 'en' });
	assert.equal(r.location, '/login?next=/kept');
	await signInOn(c, u);
	const page = await c.get('/kept');
	assert.match(page.body, /<dt>表示言語<\/dt><dd>en<\/dd>/, gist(page, 800));
	assert.doesNotMatch(page.body, /<dt>lang<\/dt>/);
	const { fields } = hiddenOf(page.body, '/account/lang');
	assert.equal(fields.lang, 'en');
	assert.notEqual(fields.csrf, csrf);
	const send = await c.postRaw('/account/lang', fields);
	assert.equal(send.location, '/account?done=lang');
});

test('CORE-12 ACC-4 (issue 8): /member/change posted after its session expired is kept with every typed value under its label, the change reason included', async () => {
	const u = createUser('board', { tag: 'kc' });
	const regno = uniqueDigits(9);
	sql(`INSERT INTO member (tenant, uid, regno, regno_date, name_kanji, name_kana, birth_date, sex, training_program,
	    training_done_on, phone, postal_code, pref, address, desired_domain, email, activated_at) VALUES ('board', ${q(u.uid)},
	    ${q(regno)}, '2020-04-01', '保存 太郎', 'ホゾン タロウ', '1995-05-05', 'm', '臨床研修', '2022-03-31',
	    '03-0000-0000', '100-0001', '13', '千代田区', '01', ${q(u.mail)}, NOW())`);
	const c = await signIn(u.host, u.ident, u.password);
	const csrf = await c.csrf('/member/change');
	expire(c);
	const r = await c.postRaw('/member/change', {
		csrf, name_kanji: '改姓 太郎', name_kana: 'カイセイ タロウ', birth_date: '1995-05-05',
		regno, regno_date: '2020-04-01', reason: '婚姻による改姓',
	});
	assert.equal(r.location, '/login?next=/kept', gist(r));
	await signInOn(c, u);
	const page = await c.get('/kept');
	assert.match(page.body, /<dt>氏名（漢字）<\/dt><dd>改姓 太郎<\/dd>/, gist(page, 800));
	assert.match(page.body, /<dt>変更の理由<\/dt><dd>婚姻による改姓<\/dd>/, 'the reason, under its label');
	const { fields } = hiddenOf(page.body, '/member/change');
	assert.equal(fields.reason, '婚姻による改姓');
});

test('CORE-12: kept POSTs are bounded — at most 3 per member (the newest), too big a one is not kept, and after 4 hours they are no longer offered', async () => {
	const u = createUser('palliative', { tag: 'kb' });
	const c = await signIn(u.host, u.ident, u.password);
	const csrf = await c.csrf('/account');
	expire(c);
	const count = () => Number(rows(`SELECT COUNT(*) FROM kept_post WHERE tenant = 'palliative'`)[0][0]);
	const before = count();
	const note = (i) => `メモ${i} & 100%=+\n改行`;
	for (const [i, lang] of ['ja', 'en', 'ja', 'en', 'ja'].entries())
		assert.equal((await c.postRaw('/account/lang', { csrf, lang, n: note(i) })).status, 303);
	assert.equal(count() - before, 3, 'five kept, not three');
	const kept = keptOf(u);
	assert.equal(kept.length, 3, 'at most three per member');
	// The newest three, each exactly as typed (urlencoded, csrf left out).
	assert.deepEqual(kept.map((k) => [...new URLSearchParams(k.body)]),
	    [2, 3, 4].map((i) => [['lang', i % 2 ? 'en' : 'ja'], ['n', note(i)]]));
	const big = await c.postRaw('/account/lang', { csrf, lang: 'en', a: 'x'.repeat(40000), b: 'y'.repeat(40000) });
	assert.equal(big.status, 413, `an 80 kB POST: ${gist(big)}`);
	assert.equal(keptOf(u).length, 3);
	sql(`${JST}UPDATE kept_post SET created_at = NOW() - INTERVAL 5 HOUR WHERE tenant = 'palliative' AND uid = ${q(u.uid)}`);
	const r = await signInOn(c, u, '/account');
	assert.equal(r.location, '/account', 'offered after 4 hours');
	assert.doesNotMatch((await c.get('/kept')).body, /<form\b[^>]*action="\/account\/lang"/);
});

test('CORE-12 CORE-17: what is kept for a uid on one tenant is never offered on another tenant', async () => {
	const u = createUser('palliative', { tag: 'kt' });
	const put = (slug, mark) => sql(`${JST}INSERT INTO kept_post (tenant, uid, path, body, created_at) VALUES (${q(slug)}, ${q(u.uid)}, '/account/lang', 'lang=en&${mark}=1', NOW())`);
	put('board', 'board');
	try {
		const c = await signIn(u.host, u.ident, u.password, { next: '/account' });
		assert.equal(c.login.location, '/account', 'sent to /kept for the board\'s row');
		const page = await c.get('/kept');
		assert.doesNotMatch(page.body, /name="board"/);
		assert.equal(Number(rows(`SELECT COUNT(*) FROM kept_post WHERE tenant = 'board' AND uid = ${q(u.uid)}`)[0][0]), 1);
		// The same row on its own tenant is offered (the test could fail).
		put('palliative', 'own');
		const again = await signIn(u.host, u.ident, u.password, { next: '/account' });
		assert.equal(again.login.location, '/kept');
		const own = await again.get('/kept');
		assert.match(own.body, /name="own"/);
		assert.doesNotMatch(own.body, /name="board"/);
	} finally {
		sql(`DELETE FROM kept_post WHERE tenant = 'board' AND uid = ${q(u.uid)}`);
	}
});

test('CORE-12 CORE-11: /login posted after its anonymous session expired shows the form again with the login ID and where it was going, a fresh token, the password to type again, and 「画面の有効期限が切れました。」; sending it again signs in', async () => {
	const u = createUser('palliative', { tag: 'ke' });
	const c = new Client(u.host);
	const f = await c.model('/login?next=/account');
	const old = csrfOf(f.body);
	sql(`DELETE FROM session WHERE id_hash = ${q(sidHash(c.sid))}`);
	const r = await c.postRaw('/login', { csrf: old, ident: u.ident, password: u.password, next: '/account' });
	assert.equal(r.status, 200, gist(r));
	assert.ok(r.body.includes(EXPIRED_JA), gist(r));
	assert.doesNotMatch(r.body, /このページを表示する権限がありません/);
	const ident = /<input\b[^>]*name="ident"[^>]*>/.exec(r.body);
	assert.ok(ident && ident[0].includes(`value="${u.ident}"`), `the login ID is back: ${ident && ident[0]}`);
	const pw = /<input\b[^>]*name="password"[^>]*>/.exec(r.body);
	assert.ok(pw && !/value="[^"]/.test(pw[0]), 'the password is not echoed');
	assert.ok(r.body.includes(RETYPE_JA), 'the page says to type the password again');
	assert.ok(!r.body.includes(u.password));
	const { fields } = hiddenOf(r.body, '/login');
	assert.equal(fields.next, '/account');
	assert.ok(fields.csrf && fields.csrf !== old, 'a fresh token');
	const again = await c.postRaw('/login', { ...fields, ident: u.ident, password: u.password });
	assert.equal(again.status, 303, gist(again));
	assert.equal(again.location, '/account');
});

test('CORE-12 CORE-11: 「一時パスワード発行」 posted with a stale token shows the form again with the address typed, not 403', async () => {
	const c = new Client('board.localhost');
	const f = await c.model('/password/temp');
	const old = csrfOf(f.body);
	sql(`UPDATE session SET expires_at = NOW() - INTERVAL 1 SECOND WHERE id_hash = ${q(sidHash(c.sid))}`);
	const mail = `typed${Date.now()}@example.jp`;
	const r = await c.postRaw('/password/temp', { csrf: old, mail }, { xml: true });
	assert.equal(r.status, 200, gist(r));
	assert.ok(/<message key="form.expired" kind="warning"\/>/.test(r.body), gist(r));
	assert.match(r.body, new RegExp(`<field name="mail"[^>]*><value>${mail}</value>`));
	assert.notEqual(csrfOf(r.body), old);
	assert.doesNotMatch(r.body, /<content sent="1"/, 'acted on without a token');
});

test('CORE-12 CORE-11 CORE-8: the reset-link form posted after its anonymous session expired comes back as the same link\'s form (its token kept, the passwords to type again), and then sets the password', async () => {
	const u = createUser('oncology', { tag: 'kr' });
	const ask = new Client(u.host);
	const f = await ask.model('/password/temp');
	assert.equal((await ask.postRaw('/password/temp', { csrf: csrfOf(f.body), mail: u.mail })).status, 200);
	const [m] = (await waitMail(u.mail, (x) => /\/password\/reset\?t=/.test(x.body))).slice(-1);
	const t = /\/password\/reset\?t=([A-Za-z0-9_-]{43})/.exec(m.body)[1];
	const c = new Client(u.host);
	const page = await c.model(`/password/reset?t=${t}`);
	assert.equal(page.status, 200);
	sql(`DELETE FROM session WHERE id_hash = ${q(sidHash(c.sid))}`);
	const fresh = newPassword('kr');
	const r = await c.postRaw('/password/reset', { csrf: csrfOf(page.body), t, password: fresh, password2: fresh }, { xml: true });
	assert.equal(r.status, 200, gist(r));
	assert.match(r.body, /<content state="form"/, 'the link\'s form, not "invalid"');
	assert.ok(/<message key="form.expired" kind="warning"\/>/.test(r.body));
	assert.match(r.body, new RegExp(`<field name="t" type="hidden"><value>${t}</value>`));
	assert.match(r.body, /<field name="password" type="password"[^>]*retype="secret"/);
	assert.ok(!r.body.includes(fresh), 'a password is echoed');
	const again = await c.postRaw('/password/reset', { csrf: csrfOf(r.body), t, password: fresh, password2: fresh });
	assert.equal(again.status, 303, gist(again));
	assert.ok(await signedIn(await signIn(u.host, u.ident, fresh)));
});

test('CORE-12 CORE-11: a registration step and the migration lookup posted after the anonymous session expired come back with what was typed (the draft stays)', async () => {
	const c = new Client('board.localhost');
	const t = await c.model('/register');
	const v = /<field name="version"[^>]*><value>(\d+)<\/value>/.exec(t.body)[1];
	let r = await c.postRaw('/register', { csrf: csrfOf(t.body), version: v });
	assert.equal(r.location, '/register/email');
	const f = await c.model('/register/email');
	const old = csrfOf(f.body);
	sql(`DELETE FROM session WHERE id_hash = ${q(sidHash(c.sid))}`);
	const email = `reg${Date.now()}@example.jp`;
	r = await c.postRaw('/register/email', { csrf: old, email }, { xml: true });
	assert.equal(r.status, 200, gist(r));
	assert.ok(/<message key="form.expired" kind="warning"\/>/.test(r.body));
	assert.match(r.body, new RegExp(`<field name="email"[^>]*><value>${email}</value>`));
	assert.match(r.body, /<page\b[^>]*name="register-email"/, 'the step itself, its draft kept');
	r = await c.postRaw('/register/email', { csrf: csrfOf(r.body), email }, { xml: true });
	assert.equal(r.status, 303, gist(r));
	assert.equal(r.location, '/register/email?sent=1');

	const m = new Client('board.localhost');
	const mt = await m.model('/migrate');
	const mv = /<field name="version"[^>]*><value>(\d+)<\/value>/.exec(mt.body)[1];
	const l = await m.postRaw('/migrate/lookup', { csrf: csrfOf(mt.body), version: mv }, { xml: true });
	assert.equal(l.status, 200);
	sql(`DELETE FROM session WHERE id_hash = ${q(sidHash(m.sid))}`);
	const typed = { legacy_user_id: 'T1234567', email: `old${Date.now()}@example.jp`, birth_date: '1991-02-03' };
	r = await m.postRaw('/migrate/lookup', { csrf: csrfOf(l.body), version: mv, op: 'lookup', ...typed }, { xml: true });
	assert.equal(r.status, 200, gist(r));
	assert.ok(/<message key="form.expired" kind="warning"\/>/.test(r.body), gist(r));
	for (const [k, val] of Object.entries(typed))
		assert.match(r.body, new RegExp(`<field name="${k}"[^>]*><value>${val}</value>`), k);
});

test('CORE-12 CORE-11 BRD-4: a page with two forms to one action (/apply/system: 基幹プログラム制 or カリキュラム制) refills the one the refused POST came from and leaves the other as drawn', async () => {
	const u = createUser('board', { tag: 'k2' });
	const c = await signIn(u.host, u.ident, u.password);
	const f = await c.model('/apply/system?system=curriculum');
	assert.equal(f.status, 200, gist(f));
	const detail = `外科専門研修を中途辞退したため ${Date.now()}`;
	const r = await c.postRaw('/apply/system', { csrf: 'an-older-token', system: 'curriculum', reason: 'other_domain', detail }, { xml: true });
	assert.equal(r.status, 200, gist(r));
	assert.ok(/<message key="form.expired" kind="warning"\/>/.test(r.body));
	const form = (id) => new RegExp(`<form id="${id}"[\\s\\S]*?</form>`).exec(r.body)?.[0] || '';
	const cur = form('system-curriculum'), prog = form('system-program');
	assert.ok(cur.includes(detail), `the detail is back in its form: ${cur.slice(0, 300)}`);
	assert.match(cur, /<field name="reason"[^>]*>(<option[^>]*\/>|<option[^>]*>[^<]*<\/option>)*<value>other_domain<\/value>/);
	assert.match(prog, /<field name="system" type="hidden"><value>program<\/value><\/field>/, 'the other form\'s choice was changed');
	assert.ok(!prog.includes(detail), 'the other form carries the typed detail');
	assert.equal(csrfOf(r.body), await c.csrf('/account'), 'the session\'s own token');
});

test('CORE-12 CORE-11: a signed-in member\'s POST with an older token is not acted on and not lost: its own form comes back (secrets to type again), a POST-only page\'s input is kept for this member at /kept', async () => {
	const u = createUser('palliative', { tag: 'kn' });
	const c = await signIn(u.host, u.ident, u.password);
	const fresh = newPassword('kn');
	const r = await c.postRaw('/account/password', { csrf: 'an-older-token', current: u.password, password: fresh, password2: fresh });
	assert.equal(r.status, 200, gist(r));
	assert.ok(r.body.includes(EXPIRED_JA));
	assert.ok(r.body.includes(RETYPE_JA));
	assert.ok(!r.body.includes(fresh) && !r.body.includes(u.password), 'a password is echoed');
	const l = await c.postRaw('/account/lang', { csrf: 'an-older-token', lang: 'en' });
	assert.equal(l.status, 303);
	assert.equal(l.location, '/kept');
	const page = await c.get('/kept');
	assert.match(page.body, /<dt>表示言語<\/dt><dd>en<\/dd>/);
	const { fields } = hiddenOf(page.body, '/account/lang');
	assert.equal((await c.postRaw('/account/lang', fields)).location, '/account?done=lang');
	assert.ok(await signedIn(c));
});

test('CORE-11 CORE-12: a refused POST that did not come from one of our forms — no token at all, another site\'s Origin, a page the member may not use — is refused (403): nothing drawn again, nothing kept', async () => {
	const u = createUser('palliative', { tag: 'ko' });
	const c = await signIn(u.host, u.ident, u.password);
	const count = () => Number(rows(`SELECT COUNT(*) FROM kept_post WHERE tenant = 'palliative' AND uid = ${q(u.uid)}`)[0][0]);
	const anon = new Client(u.host);
	const f = await anon.model('/login');
	const foreign = { origin: 'https://evil.example' };
	for (const [what, client, p, form, headers] of [
		['/login without a token', anon, '/login', { ident: u.ident }, {}],
		['/login from another site', anon, '/login', { csrf: 'stale', ident: u.ident }, foreign],
		['/account/lang from another site', c, '/account/lang', { csrf: 'stale', lang: 'en' }, foreign],
		['/admin/unlock by a member', c, '/admin/unlock', { csrf: 'stale', ident: 'someone' }, {}],
	]) {
		const r = await client.postRaw(p, form, { headers });
		assert.equal(r.status, 403, `${what}: ${gist(r)}`);
		assert.ok(!r.body.includes(u.ident) && !r.body.includes('someone'), `${what}: drawn again`);
	}
	assert.equal(count(), 0, 'kept');
	// The same POST from our own origin is drawn again (the test could fail).
	const own = await anon.postRaw('/login', { csrf: csrfOf(f.body) + 'x', ident: u.ident }, { headers: { origin: `http://${u.host}:${process.env.SHIKAKU_PORT}` } });
	assert.equal(own.status, 200, gist(own));
	assert.ok(own.body.includes(EXPIRED_JA));
});
