// The member's own contact address, password and language against the
// real stack (issue 7 items 9, 10 and 19): ACC-4 a new contact address
// needs the current password and the new address's consent (a
// single-use link, 24 h), the old address is told, and the member row
// and the directory change together when the link is opened; CORE-9 a
// dictionary word with digits around it is refused, saying why in
// Japanese and English; CORE-22 the header's English/日本語 switch works
// for a signed-in member, without JavaScript, and is stored with the
// account.
//
// Members are made with shikakuctl plus a member row (the registration
// flow itself is 70-register's); mails are read from the SMTP sink.

import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';

import {
	Client, signIn, createUser, ctl, sql, rows, q, resetThrottle, csrfOf,
	errorKeys, waitMail, auditRows, uniqueDigits, gist, HOSTS,
} from './auth.mjs';

const HOST = HOSTS.board;	// the tenant with the feature "register"
const LINK_RE = /https?:\/\/\S+\/member\/email\?t=([A-Za-z0-9_-]{43})/;

beforeEach(() => resetThrottle());

/** A board member (directory + member row) and their signed-in client. */
async function member(tag = 'ct') {
	const u = createUser('board', { tag });
	u.regno = uniqueDigits(9);
	sql(`INSERT INTO member (tenant, uid, regno, regno_date, name_kanji, name_kana, birth_date, sex,
	    training_program, training_done_on, phone, postal_code, pref, address, desired_domain, email, activated_at)
	    VALUES ('board', ${q(u.uid)}, ${q(u.regno)}, '2024-04-20', '連絡 太郎', 'レンラク タロウ', '1995-01-02', 'm',
	    'デモ大学病院 初期臨床研修プログラム', '2026-03-31', '03-1234-5678', '100-0005', '13', '千代田区丸の内1-1-1',
	    '01', ${q(u.mail)}, NOW())`);
	u.client = await signIn(HOST, u.ident, u.password);
	return u;
}

const memberRow = (u) => rows(`SELECT phone, email FROM member WHERE tenant = 'board' AND uid = ${q(u.uid)}`)[0];
const pendingRows = (u) => rows(`SELECT token_hash, new_email, TIMESTAMPDIFF(MINUTE, NOW(), expires_at)
    FROM email_change WHERE tenant = 'board' AND uid = ${q(u.uid)}`);

/** The directory's mail of uid (shikakuctl user list). */
function dirMail(u) {
	const line = ctl('user', 'list', 'board').split('\n').find((l) => l.startsWith(`${u.uid}\t`));
	assert.ok(line, `${u.uid} not in the directory`);
	return line.split('\t')[2];
}

/** POST /member/contact with the form's token; the contact fields as they are unless given. */
async function contact(u, fields) {
	const f = await u.client.model('/member/contact');
	assert.equal(f.status, 200, gist(f));
	return u.client.postRaw('/member/contact', {
		csrf: csrfOf(f.body), phone: '03-1234-5678', postal_code: '100-0005', pref: '13',
		address: '千代田区丸の内1-1-1', email: u.mail, ...fields,
	}, { xml: true });
}

/** The token of the newest confirmation mail to `to`. */
async function linkTo(to, count = 1) {
	const ms = await waitMail(to, (m) => LINK_RE.test(m.body), { count });
	return LINK_RE.exec(ms[ms.length - 1].body)[1];
}

// ------------------------------------------------------------ ACC-4: the contact address

test('ACC-4 CORE-14 CORE-15: a new contact address needs the current password and the new address\'s consent; the old address is told; member row and directory change together when the link is opened, once', async () => {
	const u = await member();
	const startId = rows('SELECT IFNULL(MAX(id), 0) FROM audit')[0][0];
	const newMail = `new${uniqueDigits(8)}@board.example`;

	// Without the password, or with a wrong one: nothing changes.
	let r = await contact(u, { email: newMail, phone: '06-1111-2222' });
	assert.equal(r.status, 200, gist(r));
	assert.ok(errorKeys(r.body).includes('err.required'), errorKeys(r.body).join());
	assert.match(r.body, /<field name="password"[^>]*>[\s\S]*?<error\b/, 'the error is on the password field');
	r = await contact(u, { email: newMail, phone: '06-1111-2222', password: 'Not-the-pass-2026' });
	assert.equal(r.status, 200, gist(r));
	assert.ok(errorKeys(r.body).includes('err.password-current'), errorKeys(r.body).join());
	assert.equal(auditRows(`id > ${startId} AND action = 'member.contact.fail' AND actor = ${q(u.uid)}`).length, 1);
	assert.deepEqual(memberRow(u), ['03-1234-5678', u.mail]);
	assert.deepEqual(pendingRows(u), []);
	assert.ok(!r.body.includes('Not-the-pass-2026'), 'the password is never echoed');

	// With it: the phone changes now, the address waits for its link.
	r = await contact(u, { email: newMail, phone: '06-1111-2222', password: u.password });
	assert.equal(r.status, 303, gist(r));
	assert.equal(r.location, '/member?saved=email');
	assert.deepEqual(memberRow(u), ['06-1111-2222', u.mail]);
	assert.equal(dirMail(u), u.mail, 'the directory waits too');
	const [[hash, pendingMail, minutes]] = pendingRows(u);
	assert.equal(pendingMail, newMail);
	assert.match(hash, /^[0-9a-f]{64}$/);
	assert.ok(Number(minutes) > 23 * 60 && Number(minutes) <= 24 * 60, `expires in ${minutes} min`);
	const page = await u.client.get('/member?saved=email');
	assert.ok(page.body.includes('確認のメールを送りました'), gist(page));
	const form = await u.client.model('/member/contact');
	assert.match(form.body, new RegExp(`pending-email="${newMail}"`));

	// The new address gets the link; the old one a notice without it.
	const token = await linkTo(newMail);
	assert.equal(rows(`SELECT SHA2(${q(token)}, 256)`)[0][0], hash, 'only the token\'s hash is stored');
	assert.equal(rows(`SELECT COUNT(*) FROM email_change WHERE token_hash = ${q(token)}`)[0][0], '0');
	const [notice] = await waitMail(u.mail, (m) => /メールアドレス変更の手続き/.test(m.subject));
	assert.ok(notice.body.includes(newMail), 'the old address is told which address');
	assert.ok(!notice.body.includes(token) && !LINK_RE.test(notice.body), 'the old address never sees the link');
	assert.deepEqual(rows(`SELECT template FROM outbox WHERE rcpt IN (${q(u.mail)}, ${q(newMail)}) ORDER BY id`),
	    [['email_change_confirm'], ['email_change_notice']]);
	assert.equal(auditRows(`id > ${startId} AND action = 'member.contact' AND actor = ${q(u.uid)}`)[0].detail,
	    'email change requested');

	// Opened (in any browser: the token is the proof): both change, once.
	const other = new Client(HOST);
	r = await other.model(`/member/email?t=${token}`);
	assert.equal(r.status, 200, gist(r));
	assert.match(r.body, /<content\b[^>]*state="done"/);
	assert.deepEqual(memberRow(u), ['06-1111-2222', newMail]);
	assert.equal(dirMail(u), newMail);
	assert.deepEqual(pendingRows(u), []);
	assert.equal(auditRows(`id > ${startId} AND action = 'member.email' AND actor = ${q(u.uid)}`).length, 1);
	r = await other.get(`/member/email?t=${token}`);
	assert.equal(r.status, 404, 'a link works once');
	assert.ok(r.body.includes('無効か、有効期限が過ぎています'), gist(r));
	assert.deepEqual(memberRow(u), ['06-1111-2222', newMail]);

	// The member still signs in, and the form shows the new address.
	const again = await signIn(HOST, u.ident, u.password);
	assert.match((await again.model('/member/contact')).body, new RegExp(`<value>${newMail}</value>`));
});

test('ACC-4: an expired link, a link replaced by a newer request, or an address taken meanwhile changes nothing', async () => {
	const u = await member();
	const a = `a${uniqueDigits(8)}@board.example`, b = `b${uniqueDigits(8)}@board.example`;
	assert.equal((await contact(u, { email: a, password: u.password })).status, 303);
	const first = await linkTo(a);
	assert.equal((await contact(u, { email: b, password: u.password })).status, 303);
	const second = await linkTo(b);
	assert.equal(pendingRows(u).length, 1, 'one pending change per member');
	const anon = new Client(HOST);
	assert.equal((await anon.get(`/member/email?t=${first}`)).status, 404, 'the older link died');
	sql(`UPDATE email_change SET expires_at = NOW() - INTERVAL 1 SECOND WHERE tenant = 'board' AND uid = ${q(u.uid)}`);
	assert.equal((await anon.get(`/member/email?t=${second}`)).status, 404, 'expired');
	assert.equal((await anon.get('/member/email?t=not-a-token')).status, 404);
	assert.equal(memberRow(u)[1], u.mail);
	assert.equal(dirMail(u), u.mail);

	// Someone else takes the address between the request and the link.
	const c = `c${uniqueDigits(8)}@board.example`;
	assert.equal((await contact(u, { email: c, password: u.password })).status, 303);
	const third = await linkTo(c);
	// The directory is the judge of "taken": a rival confirms that address first.
	const rival = await member('rv');
	assert.equal((await contact(rival, { email: c, password: rival.password })).status, 303);
	const rivalToken = await linkTo(c, 2);
	assert.equal((await anon.model(`/member/email?t=${rivalToken}`)).status, 200);
	assert.equal(dirMail(rival), c);
	const r = await anon.model(`/member/email?t=${third}`);
	assert.equal(r.status, 409, gist(r));
	assert.match(r.body, /state="taken"/);
	assert.equal(memberRow(u)[1], u.mail);
	assert.equal(dirMail(u), u.mail);
});

test('ACC-4: the other contact fields change directly, without the password, as before (the old address told)', async () => {
	const u = await member();
	const r = await contact(u, { phone: '06-3333-4444', address: '大阪市北区梅田1-1-1', pref: '27', postal_code: '5300001' });
	assert.equal(r.status, 303, gist(r));
	assert.equal(r.location, '/member?saved=contact');
	assert.deepEqual(memberRow(u), ['06-3333-4444', u.mail]);
	assert.deepEqual(pendingRows(u), []);
	await waitMail(u.mail, (m) => /連絡先の変更/.test(m.subject));
});

// ------------------------------------------------------------ CORE-9: the dictionary

test('CORE-9: a dictionary word with digits or look-alikes around it (password12345, P@ssw0rd2024) is refused on /account/password, saying why in Japanese and English', async () => {
	const u = await member('dict');
	const c = u.client;
	for (const pw of ['password12345', 'P@ssw0rd-2024', 'Sakura-2025']) {
		const f = await c.model('/account/password');
		const form = { csrf: csrfOf(f.body), current: u.password, password: pw, password2: pw };
		const x = await c.postRaw('/account/password', form, { xml: true });
		assert.equal(x.status, 200, `${pw}: ${gist(x)}`);
		assert.deepEqual([...new Set(errorKeys(x.body))], ['err.password-dictionary'], pw);
		const ja = await c.postRaw('/account/password', form);
		assert.ok(ja.body.includes('辞書に載っている語'), `${pw}: ${gist(ja)}`);
		const en = await c.postRaw('/account/password?lang=en', form);
		assert.ok(en.body.includes('too close to a dictionary word'), `${pw}: ${gist(en)}`);
	}
	// The old password still works: nothing was changed.
	assert.equal((await signIn(HOST, u.ident, u.password)).login.status, 303);
	// A password of unrelated parts passes.
	const f = await c.model('/account/password');
	const good = 'Kuma-Hoshi-7731x';
	const ok = await c.postRaw('/account/password', { csrf: csrfOf(f.body), current: u.password, password: good, password2: good });
	assert.equal(ok.status, 303, gist(ok));
});

// ------------------------------------------------------------ CORE-22: the header's language switch

/** The hidden fields of the header's language form in an HTML page, or null. */
function langForm(html) {
	const m = /<form class="lang-switch" method="post" action="\/lang">([\s\S]*?)<\/form>/.exec(html);
	if (!m)
		return null;
	return Object.fromEntries([...m[1].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)]
	    .map((x) => [x[1], x[2].replace(/&amp;/g, '&')]));
}

test('CORE-22: the header\'s English/日本語 switch works for a signed-in member without JavaScript: a POST with the CSRF token, the language stored with the account', async () => {
	const u = await member('lang');
	const c = u.client;
	// The member once chose 日本語 on /account (stored with the account).
	assert.equal((await c.post('/account/lang', { lang: 'ja' }, { formPage: '/account' })).status, 303);
	let page = await c.get('/member');
	assert.match(page.body, /<html lang="ja"/);
	const form = langForm(page.body);
	assert.ok(form, 'the header switch is a form for a signed-in member');
	assert.deepEqual({ to: form.to, next: form.next }, { to: 'en', next: '/member' });
	assert.ok(form.csrf && form.csrf.length >= 20);
	assert.ok(!/href="\/lang\?/.test(page.body), 'no GET link that cannot work');

	// Without the token: refused, nothing stored.
	const bad = await c.postRaw('/lang', { to: 'en', next: '/member' });
	assert.equal(bad.status, 403);
	assert.equal(rows(`SELECT lang FROM account WHERE tenant = 'board' AND uid = ${q(u.uid)}`)[0][0], 'ja');

	// Pressed: back to the same page, in English, stored with the account.
	const startId = rows('SELECT IFNULL(MAX(id), 0) FROM audit')[0][0];
	const r = await c.postRaw('/lang', form);
	assert.equal(r.status, 303, gist(r));
	assert.equal(r.location, '/member');
	page = await c.get('/member');
	assert.match(page.body, /<html lang="en"/);
	assert.equal(langForm(page.body).to, 'ja');
	assert.equal(rows(`SELECT lang FROM account WHERE tenant = 'board' AND uid = ${q(u.uid)}`)[0][0], 'en');
	assert.equal(auditRows(`id > ${startId} AND action = 'account.lang' AND actor = ${q(u.uid)}`)[0].detail, 'en');
	// Another device of the member follows.
	const other = await signIn(HOST, u.ident, u.password);
	assert.match((await other.get('/member')).body, /<html lang="en"/);
	// And back.
	assert.equal((await c.postRaw('/lang', langForm(page.body))).status, 303);
	assert.match((await c.get('/member')).body, /<html lang="ja"/);
});

test('CORE-22: signed out, the switch stays a plain link remembered in a cookie', async () => {
	const c = new Client(HOST);
	const home = await c.get('/');
	assert.ok(!langForm(home.body));
	assert.match(home.body, /<a href="\/lang\?to=en&amp;next=%2F"/);
	const r = await c.get('/lang?to=en&next=/');
	assert.equal(r.status, 303);
	assert.match((await c.get('/')).body, /<html lang="en"/);
});
