// Input that the forms must refuse, and models that must stay well-formed
// whatever was stored (issue 7 items 3, 20 and 25):
//  - CORE-3: characters XML 1.0 forbids (C0 controls, U+FFFE, U+FFFF,
//    bytes that are not UTF-8) are refused by form validation with a
//    message; the model writer replaces them, so every XML view is
//    well-formed even with such data already in the database;
//  - CORE-21: validation matches its own hints (氏名 with a space,
//    フリガナ in full-width katakana, dates out of range said so, choices
//    and files 「選択してください」, the postal code as the hint says, a
//    clinical training completed after the 20th birthday, passwords never
//    echoed and to be typed again);
//  - BRD-3: the board admin's round times take 2026/11/01 12:00 as well
//    as ISO, in datetime-local inputs.
//
// Well-formedness is judged by xmllint (libxml2's own parser), not by a
// regular expression.

import { test, before, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

import {
	Client, csrfOf, errorKeys, rows, sql, q, waitMail, signIn, resetThrottle,
	newPassword, uniqueDigits, createUser,
} from './auth.mjs';

const HOST = 'board.localhost';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVQImWOQt84EAAFAAMSRADcfAAAAAElFTkSuQmCC', 'base64');
const FFFD = '\uFFFD';

beforeEach(() => resetThrottle());

// ------------------------------------------------------------ helpers

/** xmllint's verdict on the bytes as served: '' when well-formed. */
function xmlProblems(raw) {
	try {
		execFileSync('xmllint', ['--noout', '--nonet', '-'], { input: raw, stdio: ['pipe', 'pipe', 'pipe'] });
		return '';
	} catch (e) {
		return String(e.stderr || e.message).slice(0, 600) || 'not well-formed';
	}
}

function assertWellFormed(r, what) {
	assert.match(r.headers['content-type'] || '', /^application\/xml/, `${what}: ${r.status}`);
	assert.equal(xmlProblems(r.raw), '', `${what} is not well-formed XML`);
}

/** The error keys of one field in a form model. */
function fieldErrors(xml, name) {
	const m = new RegExp(`<field name="${name}"[^>]*>((?:(?!</field>).)*)</field>`, 's').exec(xml);
	return m ? [...m[1].matchAll(/<error key="([^"]+)"/g)].map((x) => x[1]) : [];
}

/** The opening tag of a field in a form model. */
function fieldTag(xml, name) {
	const m = new RegExp(`<field name="${name}"[^>]*/?>`).exec(xml);
	return m ? m[0] : '';
}

async function post(c, p, form, { formPage = p, html = false } = {}) {
	const page = await c.model(formPage);
	assert.equal(page.status, 200, `GET ${formPage}: ${page.status} ${page.location || ''}`);
	return c.postRaw(p, { csrf: csrfOf(page.body), ...form }, { xml: !html });
}

/** POST a body urlencoded by hand (bytes no URLSearchParams would send). */
async function postBytes(c, p, encoded, { formPage = p } = {}) {
	const page = await c.model(formPage);
	assert.equal(page.status, 200, `GET ${formPage}: ${page.status}`);
	const body = `csrf=${encodeURIComponent(csrfOf(page.body))}&${encoded}`;
	return c.req('POST', p, { raw: body, headers: { 'content-type': 'application/x-www-form-urlencoded' }, xml: true });
}

const CONTACT = { phone: '03-1234-5678', postal_code: '100-0005', pref: '13', address: '千代田区丸の内1-1-1' };

/** A signed-in board member with a member record: { user, client }. */
async function member(tag) {
	const user = createUser('board', { tag });
	// 医籍登録番号 as the forms take it (at most 9 digits).
	user.regno = uniqueDigits(9);
	sql(`INSERT INTO member (tenant, uid, regno, regno_date, name_kanji, name_kana, birth_date, sex, training_program,
	    training_done_on, phone, postal_code, pref, address, desired_domain, email, activated_at) VALUES ('board', ${q(user.uid)},
	    ${q(user.regno)}, '2020-04-01', '入力 太郎', 'ニュウリョク タロウ', '1995-05-05', 'm', '臨床研修', '2022-03-31',
	    '03-0000-0000', '100-0001', '13', '千代田区', '01', ${q(user.mail)}, NOW())`);
	return { user, client: await signIn(HOST, user.ident, user.password) };
}

/** SQL text with U+FFFF, U+FFFE and a C0 control, without raw bytes on the command line. */
const BAD_SQL = "CONCAT('住所', CHAR(0xEFBFBF USING utf8mb4), CHAR(0xEFBFBE USING utf8mb4), CHAR(1), '末尾')";

// ------------------------------------------------------------ item 3 (CORE-3)

test('CORE-3: C0 controls typed into a refused field are refused by name and echoed well-formed', async () => {
	const { client } = await member('c0');
	// (%00 never gets this far: the request parser answers 400.)
	for (const bad of ['%01', '%0B', '%1F']) {
		const r = await postBytes(client, '/member/contact',
		    `phone=03-1234-5678${bad}&postal_code=100-0005&pref=13&address=${encodeURIComponent('千代田区')}${bad}x&email=c0${uniqueDigits(6)}%40example.jp`);
		assert.equal(r.status, 200, bad);
		assertWellFormed(r, `/member/contact with ${bad}`);
		assert.deepEqual(fieldErrors(r.body, 'phone'), ['err.char'], bad);
		assert.deepEqual(fieldErrors(r.body, 'address'), ['err.char'], bad);
		// What was typed is shown back, the forbidden character visibly replaced.
		assert.ok(r.body.includes(`千代田区${FFFD}x`), bad);
	}
	// Bytes that are not UTF-8 are refused by the body parser already
	// (400); its answer is well-formed too.
	const r = await postBytes(client, '/member/contact',
	    `phone=03-1234-5678&postal_code=100-0005&pref=13&address=%E5%8D%83%FF%E3%81&email=u${uniqueDigits(6)}%40example.jp`);
	assert.equal(r.status, 400);
	assertWellFormed(r, '/member/contact with invalid UTF-8');
	// A query echoed into a GET form: refused by name, written well-formed.
	const g = await client.model('/programs?q=%E5%86%85%01%EF%BF%BF');
	assertWellFormed(g, '/programs?q= with U+0001 and U+FFFF');
	assert.match(g.body, /<error field="q" key="err.char"\/>/);
});

test('CORE-3: U+FFFE and U+FFFF are refused on /member/contact; such data already stored still gives well-formed views', async () => {
	const { user, client } = await member('ffff');
	for (const bad of ['%EF%BF%BF', '%EF%BF%BE']) {
		const r = await postBytes(client, '/member/contact',
		    `phone=03-1234-5678&postal_code=100-0005&pref=13&address=A${bad}B&email=${encodeURIComponent(user.mail)}`);
		assert.equal(r.status, 200);
		assertWellFormed(r, `/member/contact with ${bad}`);
		assert.deepEqual(fieldErrors(r.body, 'address'), ['err.char']);
		assert.deepEqual(errorKeys(r.body), ['err.char', 'err.char'], 'the field and the summary');
	}
	assert.equal(rows(`SELECT address FROM member WHERE tenant = 'board' AND uid = ${q(user.uid)}`)[0][0], '千代田区');
	// Stored before the rule (or by another way in): every view stays well-formed.
	sql(`UPDATE member SET address = ${BAD_SQL}, name_kanji = CONCAT('入力', CHAR(11), ' 太郎') WHERE tenant = 'board' AND uid = ${q(user.uid)}`);
	for (const p of ['/member', '/member/contact', '/member/change']) {
		const r = await client.model(p);
		assert.equal(r.status, 200, p);
		assertWellFormed(r, p);
	}
	const r = await client.model('/member/contact');
	assert.ok(r.body.includes(`住所${FFFD}${FFFD}${FFFD}末尾`), 'replaced visibly, one U+FFFD each');
	// The HTML page renders too.
	const h = await client.get('/member');
	assert.equal(h.status, 200);
	assert.ok(!/[\uFFFE\uFFFF\x01\x0B]/.test(h.body));
});

test('CORE-3 ACC-4: U+FFFF in a change reason is refused; one already stored leaves /admin/member-changes well-formed', async () => {
	const { user, client } = await member('reason');
	const same = `name_kanji=${encodeURIComponent('入力 太郎')}&name_kana=${encodeURIComponent('ニュウリョク タロウ')}` +
	    `&birth_date=1995-05-05&regno=${user.regno}&regno_date=2020-04-01`;
	let r = await postBytes(client, '/member/change', `${same}&reason=${encodeURIComponent('改姓')}%EF%BF%BF`);
	assert.equal(r.status, 200);
	assertWellFormed(r, '/member/change');
	assert.deepEqual(errorKeys(r.body), ['err.char', 'err.char'], 'the reason only (field and summary)');
	assert.deepEqual(fieldErrors(r.body, 'reason'), ['err.char']);
	assert.equal(rows(`SELECT COUNT(*) FROM member_change WHERE tenant = 'board' AND uid = ${q(user.uid)}`)[0][0], '0');
	// A pending request stored with it (before the rule): the admin's list is well-formed.
	sql(`INSERT INTO member_change (tenant, uid, field, old_value, new_value, reason) VALUES ('board', ${q(user.uid)},
	    'name_kanji', '入力 太郎', CONCAT('改姓', CHAR(0xEFBFBF USING utf8mb4), ' 太郎'), ${BAD_SQL})`);
	const a = createUser('board', { tag: 'inadm', roles: ['tenant_admin'] });
	const admin = await signIn(HOST, a.ident, a.password, { enrol: true });
	r = await admin.model('/admin/member-changes');
	assert.equal(r.status, 200);
	assertWellFormed(r, '/admin/member-changes');
	assert.ok(r.body.includes(`改姓${FFFD} 太郎`));
	r = await client.model('/member/change');
	assertWellFormed(r, "the member's own /member/change");
	sql(`DELETE FROM member_change WHERE tenant = 'board' AND uid = ${q(user.uid)}`);
});

// ------------------------------------------------------------ item 20 (CORE-21)

const VERIFY_RE = /https?:\/\/\S+\/register\/verify\?t=[A-Za-z0-9_-]{43}/;

function multipart(fields, files = {}) {
	const boundary = `----in${uniqueDigits(12)}`;
	const parts = [];
	for (const [k, v] of Object.entries(fields))
		parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
	for (const [k, f] of Object.entries(files)) {
		parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"; filename="${f.filename}"\r\n` +
		    `Content-Type: ${f.type}\r\n\r\n`), f.data, Buffer.from('\r\n'));
	}
	parts.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

async function uploadLicence(c, p, file) {
	const page = await c.model('/register/licence');
	assert.equal(page.status, 200);
	const mp = multipart({ csrf: csrfOf(page.body), regno: p.regno, regno_date: '2024-04-20' }, file ? { licence: file } : {});
	return c.req('POST', '/register/licence', { raw: mp.body, headers: { 'content-type': mp.type }, xml: true });
}

/** A browser at 個人情報の登録 of a new registration. */
async function toPersonal() {
	const p = { email: `in${uniqueDigits(9)}@example.jp`, regno: uniqueDigits(9) };
	const c = new Client(HOST);
	let page = await c.model('/register');
	const v = /<field name="version"[^>]*><value>(\d+)<\/value>/.exec(page.body)[1];
	let r = await c.postRaw('/register', { csrf: csrfOf(page.body), version: v }, { xml: true });
	assert.equal(r.location, '/register/email');
	r = await post(c, '/register/email', { email: p.email });
	assert.equal(r.status, 303, errorKeys(r.body).join());
	const [m] = (await waitMail(p.email, (x) => VERIFY_RE.test(x.body))).slice(-1);
	const u = new URL(VERIFY_RE.exec(m.body)[0]);
	r = await c.get(u.pathname + u.search);
	assert.equal(r.location, '/register/licence');
	// A licence file is required: 「選択してください」.
	r = await uploadLicence(c, p, null);
	assert.deepEqual(fieldErrors(r.body, 'licence'), ['err.required-file']);
	r = await uploadLicence(c, p, { filename: '免許証.png', data: PNG, type: 'image/png' });
	assert.equal(r.status, 303, errorKeys(r.body).join());
	r = await post(c, '/register/check', { op: 'ok' });
	assert.equal(r.location, '/register/personal');
	return c;
}

const PERSONAL = {
	name_kanji: '入力 花子', name_kana: 'ニュウリョク ハナコ', birth_date: '1998-05-06', sex: 'f',
	training_program: 'デモ大学病院 初期臨床研修プログラム', training_done_on: '2026-03-31', phone: '03-1234-5678',
	postal_code: '100-0005', pref: '13', address: '千代田区丸の内1-1-1', desired_domain: '01',
};

test('CORE-21 ACC-1: 個人情報の登録 refuses what its hints rule out, each with its own message', async () => {
	const c = await toPersonal();
	const pw = newPassword('in');
	const cases = [
		['name_kanji', { name_kanji: '入力花子' }, 'err.name-space'],
		['name_kanji', { name_kanji: '入力花子　' }, 'err.name-space'],
		['name_kana', { name_kana: 'にゅうりょく はなこ' }, 'err.kana'],
		['name_kana', { name_kana: 'ﾆｭｳﾘｮｸ ﾊﾅｺ' }, 'err.kana'],
		['name_kana', { name_kana: 'ニュウリョクハナコ' }, 'err.name-space'],
		['birth_date', { birth_date: '1899-01-01' }, 'err.date-range'],
		['birth_date', { birth_date: '1999-02-29' }, 'err.date-exist'],
		['birth_date', { birth_date: '1998/05/06' }, 'err.date'],
		['sex', { sex: '' }, 'err.required-choice'],
		['sex', { sex: 'x' }, 'err.choice'],
		['pref', { pref: '' }, 'err.required-choice'],
		['desired_domain', { desired_domain: '99' }, 'err.choice'],
		['postal_code', { postal_code: '100-000' }, 'err.postal'],
		['training_done_on', { training_done_on: '2018-05-05' }, 'reg.err.training-age'],
	];
	for (const [field, change, key] of cases) {
		const r = await post(c, '/register/personal', { ...PERSONAL, ...change, password: pw, password2: `${pw}x`, op: 'confirm' });
		assert.equal(r.status, 200, JSON.stringify(change));
		assert.deepEqual(fieldErrors(r.body, field), [key], JSON.stringify(change));
	}
	// The 20th birthday itself is fine, and so is a postal code without the hyphen, as the hint says.
	let r = await post(c, '/register/personal', { ...PERSONAL, training_done_on: '2018-05-06', postal_code: '1000005',
	    password: pw, password2: pw, op: 'confirm' });
	assert.equal(r.status, 303, errorKeys(r.body).join());
	assert.equal(r.location, '/register/confirm');
});

test('CORE-21 ACC-1: after an error the password is never sent back, and the page says next to the field to type it again', async () => {
	const c = await toPersonal();
	const pw = newPassword('echo');
	// A mismatch: neither password comes back, both say 「もう一度入力してください」.
	let r = await post(c, '/register/personal', { ...PERSONAL, password: pw, password2: `${pw}-other`, op: 'confirm' });
	assert.equal(r.status, 200);
	assert.ok(!r.body.includes(pw), 'a password in the model');
	assert.match(fieldTag(r.body, 'password'), /retype="1"/);
	assert.match(fieldTag(r.body, 'password2'), /retype="1"/);
	let page = await post(c, '/register/personal', { ...PERSONAL, password: pw, password2: `${pw}-other`, op: 'confirm' }, { html: true });
	assert.equal(page.status, 200);
	assert.ok(!page.body.includes(pw), 'a password in the page');
	assert.match(page.body, /id="f-password-retype"[^>]*>[^<]*もう一度入力してください/);
	assert.match(page.body, /aria-describedby="[^"]*f-password-retype/);
	// Radio and select errors read 「選択してください」 on the page.
	page = await post(c, '/register/personal', { ...PERSONAL, sex: '', pref: '', password: pw, password2: pw, op: 'confirm' }, { html: true });
	assert.match(page.body, /id="f-sex-err"[^>]*>[^<]*選択してください/);
	assert.match(page.body, /id="f-pref-err"[^>]*>[^<]*選択してください/);
	// The password was valid that time: it is kept, not to be typed again.
	r = await c.model('/register/personal');
	assert.doesNotMatch(fieldTag(r.body, 'password'), /retype=/);
	// 1899-01-01 reads as out of range, not 「形式が正しくありません」.
	page = await post(c, '/register/personal', { ...PERSONAL, birth_date: '1899-01-01', op: 'confirm' }, { html: true });
	assert.match(page.body, /id="f-birth_date-err"[^>]*>[^<]*範囲外/);
	assert.doesNotMatch(page.body, /id="f-birth_date-err"[^>]*>[^<]*形式が正しくありません/);
	// The postal code's hint and its rule say the same.
	assert.match(page.body, /id="f-postal_code-hint"[^>]*>[^<]*ハイフンはあってもなくても/);
});

test('CORE-21 ACC-2: the migration lookup says a birth date out of range, and refuses control characters', async () => {
	const c = new Client(HOST);
	let page = await c.model('/migrate');
	const v = /<field name="version"[^>]*><value>(\d+)<\/value>/.exec(page.body)[1];
	let r = await c.postRaw('/migrate/lookup', { csrf: csrfOf(page.body), version: v }, { xml: true });
	assert.equal(r.status, 200);
	const version = /<field name="version"[^>]*><value>(\d+)<\/value>/.exec(r.body)[1];
	r = await c.postRaw('/migrate/lookup', { csrf: csrfOf(r.body), version, op: 'lookup', legacy_user_id: 'L\u0001X',
	    email: `m${uniqueDigits(8)}@example.jp`, birth_date: '1899-01-01' }, { xml: true });
	assert.equal(r.status, 200);
	assertWellFormed(r, '/migrate/lookup');
	assert.deepEqual(fieldErrors(r.body, 'birth_date'), ['err.date-range']);
	assert.deepEqual(fieldErrors(r.body, 'legacy_user_id'), ['err.char']);
});

test('CORE-21 ACC-4: /member pages apply the same rules (one declaration)', async () => {
	const { user, client } = await member('rules');
	let r = await post(client, '/member/contact', { ...CONTACT, postal_code: '100-00055', email: user.mail });
	assert.ok(fieldErrors(r.body, 'postal_code').length === 1);
	r = await post(client, '/member/contact', { ...CONTACT, postal_code: '12-34567', email: user.mail });
	assert.deepEqual(fieldErrors(r.body, 'postal_code'), ['err.postal']);
	r = await post(client, '/member/contact', { ...CONTACT, pref: '', email: user.mail });
	assert.deepEqual(fieldErrors(r.body, 'pref'), ['err.required-choice']);
	const same = { name_kanji: '入力 太郎', name_kana: 'ニュウリョク タロウ', birth_date: '1995-05-05', regno: user.regno,
	    regno_date: '2020-04-01', reason: '改姓' };
	r = await post(client, '/member/change', { ...same, name_kanji: '改姓太郎' });
	assert.deepEqual(fieldErrors(r.body, 'name_kanji'), ['err.name-space']);
	r = await post(client, '/member/change', { ...same, name_kana: 'かいせい たろう' });
	assert.deepEqual(fieldErrors(r.body, 'name_kana'), ['err.kana']);
	r = await post(client, '/member/change', { ...same, birth_date: '1899-12-31' });
	assert.deepEqual(fieldErrors(r.body, 'birth_date'), ['err.date-range']);
	// A birth date that puts the recorded 臨床研修修了日 (2022-03-31) before the 20th birthday.
	r = await post(client, '/member/change', { ...same, birth_date: '2002-04-01' });
	assert.match(r.body, /<error key="reg.err.birth-training" field="birth_date"\/>/);
	assert.equal(rows(`SELECT COUNT(*) FROM member_change WHERE tenant = 'board' AND uid = ${q(user.uid)}`)[0][0], '0');
});

// ------------------------------------------------------------ item 25 (BRD-3)

let round, saved, admin;

before(async () => {
	[[round]] = rows("SELECT id FROM recruit_round WHERE tenant = 'board' AND track = 'research' ORDER BY year DESC LIMIT 1");
	saved = rows(`SELECT apply_open, apply_close, adjust_open, adjust_close, notify_at, IFNULL(confirm_open, 'NULL'),
	    IFNULL(confirm_close, 'NULL') FROM recruit_round WHERE id = ${round}`)[0];
});

test('BRD-3: the round times take 2026/11/01 12:00 as well as ISO (Japan time), in datetime-local inputs', async () => {
	const a = createUser('board', { tag: 'rndadm', roles: ['tenant_admin'] });
	admin = await signIn(HOST, a.ident, a.password, { enrol: true });
	try {
		let r = await admin.get(`/admin/rounds/${round}`);
		assert.equal(r.status, 200);
		assert.match(r.body, /<input type="datetime-local"[^>]*name="apply_open"/);
		assert.doesNotMatch(r.body, /<input type="datetime-local"[^>]*maxlength/);
		// The stored time is shown as datetime-local shows it.
		r = await admin.model(`/admin/rounds/${round}`);
		assert.match(r.body, /<field name="apply_open" type="datetime-local"[^>]*>(?:(?!<\/field>).)*<value>\d{4}-\d\d-\d\dT\d\d:\d\d<\/value>/s);
		r = await post(admin, `/admin/rounds/${round}`, {
			apply_open: '2030/11/01 12:00', apply_close: '2030/11/2 9:30', adjust_open: '2030-11-03T10:00',
			adjust_close: '2030-11-04 10:00', notify_at: '2030/11/05 10:00:30', confirm_open: '', confirm_close: '',
		});
		assert.equal(r.status, 303, errorKeys(r.body).join());
		assert.deepEqual(rows(`SELECT apply_open, apply_close, adjust_open, adjust_close, notify_at FROM recruit_round WHERE id = ${round}`)[0],
		    ['2030-11-01 12:00:00', '2030-11-02 09:30:00', '2030-11-03 10:00:00', '2030-11-04 10:00:00', '2030-11-05 10:00:30']);
		// Refused: each with the message naming both forms; a typed slash time comes back in datetime-local's shape.
		r = await post(admin, `/admin/rounds/${round}`, {
			apply_open: '2030/11/01 12:00', apply_close: '2030/11/31 9:30', adjust_open: '2030-11-03 25:00',
			adjust_close: '2030.11.04 10:00', notify_at: '2030/11/05 10:00',
		});
		assert.equal(r.status, 200);
		for (const f of ['apply_close', 'adjust_open', 'adjust_close'])
			assert.deepEqual(fieldErrors(r.body, f), ['err.datetime'], f);
		assert.match(r.body, /<field name="apply_open"[^>]*>(?:(?!<\/field>).)*<value>2030-11-01T12:00<\/value>/s);
		const page = await post(admin, `/admin/rounds/${round}`, { apply_open: '2030/11/31 12:00' }, { html: true });
		assert.match(page.body, /2026\/11\/01 12:00/);
	} finally {
		const [ao, ac, jo, jc, na, co, cc] = saved.map((v) => (v === 'NULL' ? 'NULL' : q(v)));
		sql(`UPDATE recruit_round SET apply_open = ${ao}, apply_close = ${ac}, adjust_open = ${jo}, adjust_close = ${jc},
		    notify_at = ${na}, confirm_open = ${co}, confirm_close = ${cc} WHERE id = ${round}`);
	}
});
