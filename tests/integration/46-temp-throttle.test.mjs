// Issue 7 items 2, 4, 11 and 17 against the real stack:
// - CORE-8: 「パスワードをお忘れの方」 mails a single-use reset link (60
//   min) and changes nothing until it is used; using it asks for the new
//   password twice under the CORE-9 policy and ends the other sessions;
//   requests are throttled per address and per target account, with the
//   same answer either way.
// - CORE-6: each throttle is a bucket of its own (purpose, subject), so
//   registration, reset and migration mails do not block sign-in.
// - ACC-3: the early 医籍登録番号 check counts against the draft and the
//   address.
// - ACC-1 CORE-4: on a tenant with registration, the one sign-in refusal
//   says that a new account signs in only after the mailed URL is opened.

import { test, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {
	Client, signIn, createUser, sql, rows, q, resetThrottle, csrfOf, stripCsrf,
	errorKeys, signedIn, waitMail, mails, auditRows, uniqueDigits, ctl, sleep,
	DEMO, HOSTS,
} from './auth.mjs';

beforeEach(() => resetThrottle());
after(() => resetThrottle());

const RESET_RE = /https?:\/\/\S+\/password\/reset\?t=([A-Za-z0-9_-]{43})/;

async function askReset(host, mail) {
	const c = new Client(host);
	const f = await c.model('/password/temp');
	assert.equal(f.status, 200);
	return c.postRaw('/password/temp', { csrf: csrfOf(f.body), mail });
}

async function tryLogin(host, ident, password, xml = true) {
	const c = new Client(host);
	const f = await c.model('/login');
	c.login = await c.postRaw('/login', { csrf: csrfOf(f.body), ident, password }, { xml });
	return c;
}

/** The reset links mailed to `to` so far: paths, oldest first. */
function resetLinks(to) {
	return mails().filter((m) => m.rcpt === to && RESET_RE.test(m.body)).map((m) => {
		const u = new URL(RESET_RE.exec(m.body)[0]);
		return u.pathname + u.search;
	});
}

async function newestLink(to, count = 1) {
	await waitMail(to, (m) => RESET_RE.test(m.body), { count });
	return resetLinks(to).at(-1);
}

const outboxCount = (rcpt, tmpl) => Number(rows(`SELECT COUNT(*) FROM outbox WHERE rcpt = ${q(rcpt)}${tmpl ? ` AND template = ${q(tmpl)}` : ''}`)[0][0]);

/** POST the reset page's form (read from `link`) with the new password twice. */
async function setPassword(c, link, password, password2 = password) {
	const f = await c.model(link);
	assert.equal(f.status, 200, `GET ${link}: ${f.status}`);
	const t = new URL(link, 'http://x').searchParams.get('t');
	return c.postRaw('/password/reset', { csrf: csrfOf(f.body), t, password, password2 }, { xml: true });
}

// ------------------------------------------------------------ item 2

test('CORE-8 CORE-10: asking for a reset for a member\'s address changes nothing: the current password still signs in, a live session is not detoured to /account/password', async () => {
	const u = createUser('palliative', { tag: 'rs' });
	const live = await signIn(u.host, u.ident, u.password);
	assert.equal((await live.get('/account')).status, 200);
	const r = await askReset(u.host, u.mail);
	assert.equal(r.status, 200);
	// The session that was open goes on where it was.
	const a = await live.get('/account');
	assert.equal(a.status, 200, `live session: ${a.status} → ${a.location}`);
	// The member's own password works, with no forced step.
	const again = await tryLogin(u.host, u.ident, u.password);
	assert.equal(again.login.status, 303, `sign-in: ${errorKeys(again.login.body)}`);
	assert.equal((await signIn(u.host, u.ident, u.password)).forced, undefined);
	assert.equal(rows(`SELECT must_change FROM account WHERE tenant = 'palliative' AND uid = ${q(u.uid)}`)[0][0], '0');
	// What was mailed is a link, not a password.
	await newestLink(u.mail);
	assert.equal((await tryLogin(u.host, u.ident, u.password)).login.status, 303);
});

test('CORE-8 CORE-9 CORE-10 CORE-14 CORE-15: the mailed link (60 min) asks for the new password twice under the policy; using it sets the password, ends every session of the account, mails and audits; it works once', async () => {
	const u = createUser('oncology', { tag: 'rl' });
	const other = await signIn(u.host, u.ident, u.password);
	const startId = rows('SELECT IFNULL(MAX(id), 0) FROM audit')[0][0];
	assert.equal((await askReset(u.host, u.mail)).status, 200);
	const [m] = await waitMail(u.mail, (x) => RESET_RE.test(x.body));
	assert.equal(m.subject, '【デモ臨床腫瘍学会】パスワード再設定のご案内');
	assert.match(m.body, /有効期限/);
	assert.ok(!/■一時パスワード/.test(m.body), 'no temporary password in the mail');
	const link = await newestLink(u.mail);
	const t = new URL(link, 'http://x').searchParams.get('t');
	// Only a digest of the token is stored.
	assert.equal(rows(`SELECT COUNT(*) FROM password_reset WHERE token_hash = SHA2(${q(t)}, 256)`)[0][0], '1');
	assert.equal(rows(`SELECT COUNT(*) FROM password_reset WHERE token_hash = ${q(t)} OR selector = ${q(t)}`)[0][0], '0');
	const left = Number(rows(`SELECT TIMESTAMPDIFF(SECOND, NOW(), expires_at) FROM password_reset WHERE token_hash = SHA2(${q(t)}, 256)`)[0][0]);
	assert.ok(left > 3500 && left <= 3600, `valid for 60 minutes: ${left} s`);

	const c = new Client(u.host);
	// A mail scanner's GET spends nothing; the page asks for the password twice.
	const page = await c.model(link);
	assert.equal(page.status, 200);
	assert.match(page.body, /<field name="password"/);
	assert.match(page.body, /<field name="password2"/);
	assert.equal((await c.model(link)).status, 200);
	// The policy and the confirmation, with the old password still in force.
	const cases = [
		['too short', 'Ab1-xyz', undefined, 'password', 'err.password-length'],
		['mail local part', `Zz9-${u.mail.split('@')[0]}`, undefined, 'password', 'err.password-ident'],
		['mismatch', 'Brand-new-2026x', 'Brand-new-2026y', 'password2', 'err.password-mismatch'],
		['empty', '', '', 'password', 'err.required'],
	];
	for (const [what, pw, pw2, field, key] of cases) {
		const r = await setPassword(c, link, pw, pw2);
		assert.equal(r.status, 200, what);
		assert.match(r.body, new RegExp(`<field name="${field}"[^>]*>\\s*<error key="${key}"`), what);
	}
	assert.equal((await tryLogin(u.host, u.ident, u.password)).login.status, 303, 'a refused reset changed the password');
	assert.ok(await signedIn(other), 'a refused reset ended a session');

	const fresh = 'Reset-new-2026-ok';
	const ok = await setPassword(c, link, fresh);
	assert.equal(ok.status, 303);
	assert.equal(ok.location, '/password/reset?done=1');
	assert.equal((await c.get(ok.location)).status, 200);
	assert.deepEqual(errorKeys((await tryLogin(u.host, u.ident, u.password)).login.body), ['err.login'], 'the old password still works');
	const n = await signIn(u.host, u.ident, fresh);
	assert.equal(n.forced, undefined, 'no forced step after a reset');
	assert.equal(await signedIn(other), false, 'another session survived the reset');
	// Used once: the link is gone.
	const second = await c.model(link);
	assert.equal(second.status, 404);
	assert.match(second.body, /<content[^>]*state="invalid"/);
	await waitMail(u.mail, (x) => /パスワード変更/.test(x.subject));
	const a = auditRows(`id > ${startId} AND actor = ${q(u.uid)} AND action LIKE 'password.reset%'`);
	assert.deepEqual(a.map((e) => e.action), ['password.reset.request', 'password.reset']);
	assert.ok(a.every((e) => e.tenant === 'oncology' && e.ip === '127.0.0.1'));
});

test('CORE-8: an expired link is refused (410) and changes nothing; an unknown one is 404; a newer link voids the older', async () => {
	const u = createUser('medassoc', { tag: 're' });
	assert.equal((await askReset(u.host, u.mail)).status, 200);
	const first = await newestLink(u.mail);
	const t1 = new URL(first, 'http://x').searchParams.get('t');
	sql(`UPDATE password_reset SET expires_at = NOW() - INTERVAL 1 SECOND WHERE token_hash = SHA2(${q(t1)}, 256)`);
	const c = new Client(u.host);
	const ex = await c.model(first);
	assert.equal(ex.status, 410);
	assert.match(ex.body, /<content[^>]*state="expired"/);
	const csrf = csrfOf((await c.model('/password/temp')).body);
	const post = await c.postRaw('/password/reset', { csrf, t: t1, password: 'Late-pass-2026x', password2: 'Late-pass-2026x' }, { xml: true });
	assert.equal(post.status, 410);
	assert.equal((await tryLogin(u.host, u.ident, u.password)).login.status, 303);
	// A guessed token with a real selector but the wrong rest.
	const forged = `${t1.slice(0, 16)}${'A'.repeat(27)}`;
	assert.equal((await c.model(`/password/reset?t=${forged}`)).status, 404);
	assert.equal((await c.model('/password/reset?t=nonsense')).status, 404);
	// Two links: only the newer one works.
	resetThrottle();
	sql(`DELETE FROM throttle`);
	assert.equal((await askReset(u.host, u.mail)).status, 200);
	const older = await newestLink(u.mail, 2);
	assert.equal((await askReset(u.host, u.mail)).status, 200);
	const newer = await newestLink(u.mail, 3);
	assert.notEqual(older, newer);
	assert.equal((await c.model(older)).status, 404);
	assert.equal((await c.model(newer)).status, 200);
	// Another tenant's host does not know the link.
	assert.equal((await new Client(HOSTS.oncology).model(newer)).status, 404);
});

test('CORE-8 CORE-6: reset requests are throttled per target account (3 mails an hour) as well as per address (429), with the same answer for a known and an unknown address', async () => {
	const u = createUser('palliative', { tag: 'rt' });
	const nobody = `nobody${uniqueDigits(8)}@palliative.example`;
	const answers = [];
	for (let i = 0; i < 5; i++) {
		const k = await askReset(u.host, u.mail);
		const n = await askReset(u.host, nobody);
		assert.equal(k.status, 200, `request ${i + 1}`);
		assert.equal(stripCsrf(k.body), stripCsrf(n.body), `request ${i + 1}: the answers differ`);
		answers.push(stripCsrf(k.body));
	}
	assert.equal(new Set(answers).size, 1, 'the answer changed past the account\'s limit');
	assert.equal(outboxCount(u.mail), 3, 'mails to one account past its limit');
	assert.equal(outboxCount(u.mail, 'password_reset'), 3);
	assert.equal(outboxCount(nobody), 0);
	// The address: 20 requests in its window, then 429 (10 were made above).
	for (let i = 0; i < 10; i++)
		assert.equal((await askReset(u.host, `n${uniqueDigits(8)}@palliative.example`)).status, 200, `address request ${11 + i}`);
	assert.equal((await askReset(u.host, `n${uniqueDigits(8)}@palliative.example`)).status, 429);
	// The member was never locked out of anything.
	assert.equal((await tryLogin(u.host, u.ident, u.password)).login.status, 303);
});

// ------------------------------------------------------------ item 11

test('CORE-6: throttles are buckets of their own: 20 reset requests and 20 registration mails from one address leave its sign-in alone, and 20 sign-in failures leave the reset form alone', async () => {
	const u = createUser('board', { tag: 'tb' });
	for (let i = 0; i < 20; i++)
		assert.equal((await askReset(u.host, `n${uniqueDigits(8)}@board.example`)).status, 200, `reset ${i + 1}`);
	for (let d = 0; d < 4; d++) {
		const c = new Client(HOSTS.board);
		assert.equal((await agree(c)).status, 303);
		for (let i = 0; i < 5; i++) {
			const r = await post(c, '/register/email', { email: `tb${uniqueDigits(9)}@example.jp` });
			assert.equal(r.status, 303, `draft ${d + 1} mail ${i + 1}: ${r.status}`);
		}
	}
	const ok = await tryLogin(u.host, u.ident, u.password);
	assert.equal(ok.login.status, 303, `sign-in after the mails: ${ok.login.status} ${errorKeys(ok.login.body)}`);
	// And the other way round.
	resetThrottle();
	for (let i = 0; i < 20; i++)
		assert.deepEqual(errorKeys((await tryLogin(u.host, `nobody-${uniqueDigits(8)}`, 'Wrong-pass-2026x')).login.body), ['err.login']);
	assert.equal((await tryLogin(u.host, u.ident, u.password)).login.status, 429);
	assert.equal((await askReset(u.host, u.mail)).status, 200, 'the reset form shares the sign-in throttle');
	await newestLink(u.mail);
});

// ------------------------------------------------------------ item 4

// A real 1×1 PNG (as in 60-upload.test.mjs).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVQImWOQt84EAAFAAMSRADcfAAAAAElFTkSuQmCC', 'base64');

function multipart(fields, files = {}) {
	const boundary = `----thr${uniqueDigits(12)}`;
	const parts = [];
	for (const [k, v] of Object.entries(fields))
		parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
	for (const [k, f] of Object.entries(files)) {
		parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"; filename="${f.filename}"\r\n` +
		    `Content-Type: ${f.type}\r\n\r\n`));
		parts.push(f.data, Buffer.from('\r\n'));
	}
	parts.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

async function post(c, p, form, formPage = p) {
	const page = await c.model(formPage);
	assert.equal(page.status, 200, `GET ${formPage}: ${page.status} ${page.location || ''}`);
	return c.postRaw(p, { csrf: csrfOf(page.body), ...form }, { xml: true });
}

async function agree(c) {
	const page = await c.model('/register');
	assert.equal(page.status, 200);
	const v = /<field name="version"[^>]*><value>(\d+)<\/value>/.exec(page.body)[1];
	return c.postRaw('/register', { csrf: csrfOf(page.body), version: v }, { xml: true });
}

/** A new draft with a verified address, at 医籍登録番号の登録. */
async function verifiedDraft() {
	const c = new Client(HOSTS.board);
	const email = `rn${uniqueDigits(9)}@example.jp`;
	assert.equal((await agree(c)).status, 303);
	assert.equal((await post(c, '/register/email', { email })).status, 303);
	const re = /https?:\/\/\S+\/register\/verify\?t=[A-Za-z0-9_-]{43}/;
	const [m] = await waitMail(email, (x) => re.test(x.body));
	const u = new URL(re.exec(m.body)[0]);
	const r = await c.get(u.pathname + u.search);
	assert.equal(r.location, '/register/licence');
	return c;
}

async function askRegno(c, regno) {
	const page = await c.model('/register/licence');
	assert.equal(page.status, 200, `GET /register/licence: ${page.status} ${page.location || ''}`);
	const mp = multipart({ csrf: csrfOf(page.body), regno, regno_date: '2024-04-20' },
	    { licence: { filename: 'licence.png', data: PNG, type: 'image/png' } });
	return c.req('POST', '/register/licence', { raw: mp.body, headers: { 'content-type': mp.type }, xml: true });
}

const regnoKeys = (r) => [...r.body.matchAll(/<error field="regno" key="([^"]+)"/g)].map((m) => m[1]);

test('ACC-3 CORE-6: the early 医籍登録番号 check is counted per draft (5 numbers an hour) and per address (20 in 10 minutes); past them a taken number is no longer told apart', async () => {
	const c = await verifiedDraft();
	const answers = [];
	for (let i = 0; i < 30; i++) {
		const r = await askRegno(c, i === 2 ? DEMO.board.member : uniqueDigits(9));
		answers.push([r.status, regnoKeys(r)]);
	}
	assert.deepEqual(answers[2], [200, ['reg.err.regno-taken']], 'ACC-3\'s early refusal is kept');
	assert.deepEqual(answers.slice(0, 5).filter((_, i) => i !== 2).map((a) => a[0]), [303, 303, 303, 303]);
	assert.ok(answers.slice(5).every(([s, k]) => s === 429 && k.join() === 'reg.err.regno-wait'),
	    `answers past the fifth number: ${JSON.stringify(answers.slice(5))}`);
	const late = await askRegno(c, DEMO.board.member);
	assert.equal(late.status, 429);
	assert.deepEqual(regnoKeys(late), ['reg.err.regno-wait'], 'a taken number is still told apart');
	// The number the draft already holds is no new question.
	const held = rows(`SELECT regno FROM register_draft WHERE email IS NOT NULL AND regno IS NOT NULL ORDER BY updated_at DESC LIMIT 1`)[0][0];
	assert.equal((await askRegno(c, held)).status, 303);

	// Per address: fresh drafts from the same address, 20 numbers in all.
	let asked = 5;
	let last;
	for (let d = 0; d < 4 && asked < 21; d++) {
		const x = await verifiedDraft();
		for (let i = 0; i < 5 && asked < 21; i++, asked++)
			last = await askRegno(x, uniqueDigits(9));
	}
	assert.equal(last.status, 429, `the address's 21st number: ${last.status}`);
	assert.deepEqual(regnoKeys(last), ['reg.err.regno-wait']);
});

/** One legacy record of the board (shikakuctl legacy import). */
function importLegacy(id, email, birth) {
	const head = 'legacy_user_id,email,birth_date,name_kanji,name_kana,sex,regno,regno_date,training_program,' +
	    'training_done_on,phone,postal_code,pref,address,desired_domain,hist_domain,hist_facility,hist_from,hist_to,hist_status';
	const line = `${id},${email},${birth},旧姓 花子,キュウセイ ハナコ,女,,,旧病院 臨床研修プログラム,2019-03-31,090-0000-1111,5300001,大阪府,北区梅田1-1-1,小児科,,,,,`;
	const file = path.join(os.tmpdir(), `legacy-thr-${id}.csv`);
	fs.writeFileSync(file, `${head}\r\n${line}\r\n`);
	try {
		return ctl('legacy', 'import', 'board', file);
	} finally {
		fs.rmSync(file, { force: true });
	}
}

async function migrateLookup(form) {
	const c = new Client(HOSTS.board);
	const t = await c.model('/migrate');
	assert.equal(t.status, 200);
	let v = /<field name="version"[^>]*><value>(\d+)<\/value>/.exec(t.body)[1];
	const f = await c.postRaw('/migrate/lookup', { csrf: csrfOf(t.body), version: v }, { xml: true });
	assert.equal(f.status, 200);
	v = /<field name="version"[^>]*><value>(\d+)<\/value>/.exec(f.body)[1];
	return c.postRaw('/migrate/lookup', { csrf: csrfOf(f.body), version: v, op: 'lookup', ...form });
}

test('ACC-2 CORE-6: legacy lookups have buckets of their own: a record is mailed 3 links an hour at most with the same answer, the address 20 lookups in 10 minutes, and neither blocks sign-in', async () => {
	const id = `H${uniqueDigits(7)}`, email = `thr${uniqueDigits(8)}@example.jp`;
	assert.match(importLegacy(id, email, '1991-02-03'), /1 records/);
	const u = createUser('board', { tag: 'tm' });
	const answers = new Set();
	for (let i = 0; i < 5; i++) {
		const hit = await migrateLookup({ legacy_user_id: id, email, birth_date: '1991-02-03' });
		const miss = await migrateLookup({ legacy_user_id: id, email, birth_date: '1990-01-01' });
		assert.equal(hit.status, 200, `lookup ${i + 1}`);
		answers.add(stripCsrf(hit.body)).add(stripCsrf(miss.body));
	}
	assert.equal(answers.size, 1, 'the answers differ');
	assert.equal(outboxCount(email), 3, 'links mailed to one record');
	for (let i = 0; i < 10; i++)
		assert.equal((await migrateLookup({ legacy_user_id: `X${uniqueDigits(7)}`, email, birth_date: '1990-01-01' })).status, 200, `lookup ${11 + i}`);
	assert.equal((await migrateLookup({ legacy_user_id: id, email, birth_date: '1990-01-01' })).status, 429);
	assert.equal((await tryLogin(u.host, u.ident, u.password)).login.status, 303, 'sign-in blocked by lookups');
});

// ------------------------------------------------------------ item 17

test('ACC-1 CORE-4: where members register, the one sign-in refusal says a new account signs in after opening the registration-complete mail\'s URL — the same answer for a wrong password and an account not yet activated; other tenants do not say it', async () => {
	const u = createUser('board', { tag: 'ac' });
	sql(`INSERT INTO member (tenant, uid, regno, regno_date, name_kanji, name_kana, birth_date, sex, training_program, training_done_on, phone, postal_code, pref, address, desired_domain, email)
	    VALUES ('board', ${q(u.uid)}, ${q(u.number)}, '2024-04-20', '試験 太郎', 'シケン タロウ', '1998-05-06', 'm', 'デモ研修', '2026-03-31', '03-1234-5678', '100-0005', '13', '千代田区', '01', ${q(u.mail)})`);
	const HINT = '登録完了メールに記載されたURLを開いてから';
	const inactive = await tryLogin(u.host, u.ident, u.password, false);
	const wrong = await tryLogin(u.host, u.ident, 'Wrong-pass-2026x', false);
	const missing = await tryLogin(u.host, `9${uniqueDigits(8)}`, 'Wrong-pass-2026x', false);
	assert.equal(inactive.login.status, 200);
	for (const r of [inactive, wrong, missing]) {
		assert.ok(r.login.body.includes('医籍登録番号またはパスワードが正しくありません'), 'the board\'s words');
		assert.ok(r.login.body.includes(HINT), 'the hint is in the answer');
	}
	assert.equal(stripCsrf(inactive.login.body), stripCsrf(wrong.login.body), 'an inactive account is told apart');
	const x = await tryLogin(u.host, u.ident, u.password);
	assert.deepEqual(errorKeys(x.login.body), ['err.login']);
	assert.match(x.login.body, /<error key="err\.login" hint="login\.hint\.activation"/);
	// English too.
	const en = new Client(u.host, { lang: 'en' });
	const f = await en.model('/login');
	const enr = await en.postRaw('/login', { csrf: csrfOf(f.body), ident: u.ident, password: 'Wrong-pass-2026x' });
	assert.ok(enr.body.includes('The medical registration number or password is incorrect. If you have just registered, open the URL in the registration-complete mail'), 'the English hint');
	// A tenant without registration says nothing of it.
	const p = createUser('palliative', { tag: 'ac' });
	const other = await tryLogin(p.host, p.ident, 'Wrong-pass-2026x', false);
	assert.equal(other.login.status, 200);
	assert.ok(!other.login.body.includes(HINT));
	// Once the URL was opened, the same password signs in.
	sql(`UPDATE member SET activated_at = NOW() WHERE tenant = 'board' AND uid = ${q(u.uid)}`);
	assert.equal((await tryLogin(u.host, u.ident, u.password)).login.status, 303);
});
