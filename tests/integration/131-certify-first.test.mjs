// 専門医 menu and 一次申請 (PAL-2, PAL-4; seed 002): each kind with its
// 受付期間, the seed's reason, or 「申請済みです。」; the first stage's page —
// the applicant read-only from the member record with the link to change
// it, the 申請料支払い控え upload (PDF/PNG/JPEG) with preview and ×-delete,
// 筆記試験受験希望地 1st–3rd from the tenant's exam sites, blank allowed —
// submitted once, 「申請済」, mailed, audited; nothing changes afterwards.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';

import {
	signIn, createUser, rows, sql, q, csrfOf, errorKeys, resetThrottle,
	gist, HOSTS, auditRows, waitMail,
} from './auth.mjs';

const HOST = HOSTS.palliative;
const BASE = '/application/first';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVQImWOQt84EAAFAAMSRADcfAAAAAElFTkSuQmCC', 'base64');
let saved = [];
const Y = new Date(Date.now() + 9 * 3600 * 1000).getUTCFullYear();

function jst(s = 0) {
	return new Date(Date.now() + s * 1000 + 9 * 3600 * 1000).toISOString()
	    .slice(0, 19).replace('T', ' ');
}

function multipart(fields, file) {
	const boundary = `----shikaku${crypto.randomBytes(8).toString('hex')}`;
	const parts = [];
	for (const [k, v] of Object.entries(fields))
		parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
	if (file)
		parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`),
		    file.data, Buffer.from('\r\n'));
	parts.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

function setWindow(kind, open, close) {
	sql(`INSERT INTO offering (tenant, feature, kind, year, open_at, close_at) VALUES ('palliative', 'certify', ${q(kind)}, ${Y}, ${q(open)}, ${q(close)})
	    ON DUPLICATE KEY UPDATE open_at = VALUES(open_at), close_at = VALUES(close_at)`);
}

before(() => {
	resetThrottle();
	saved = rows(`SELECT kind, open_at, close_at FROM offering WHERE tenant = 'palliative' AND year = ${Y}`);
	setWindow('first', jst(-3600), jst(86400));
	setWindow('transition-first', jst(-3600), jst(86400));
	setWindow('renewal', jst(-3600), jst(86400));
	setWindow('transition-second', jst(-7200), jst(-3600));
	for (const [code, name, sort] of [['T1', '試験会場 札幌', 1], ['T2', '試験会場 東京', 2], ['T3', '試験会場 福岡', 3]])
		sql(`INSERT INTO certify_exam_site (tenant, code, name, sort, active) VALUES ('palliative', '${code}', '${name}', ${sort}, 1) ON DUPLICATE KEY UPDATE active = 1`);
	sql(`INSERT INTO certify_exam_site (tenant, code, name, sort, active) VALUES ('palliative', 'TX', '閉鎖した会場', 9, 0) ON DUPLICATE KEY UPDATE active = 0`);
});

after(() => {
	for (const [kind, o, c] of saved)
		sql(`UPDATE offering SET open_at = ${q(o)}, close_at = ${q(c)} WHERE tenant = 'palliative' AND kind = ${q(kind)} AND year = ${Y}`);
});

async function member(tag) {
	const u = createUser('palliative', { tag });
	sql(`INSERT INTO member (tenant, uid, member_no, name_kanji, name_kana, birth_date, email, phone, postal_code, pref, address, activated_at)
	    VALUES ('palliative', ${q(u.uid)}, ${q(u.number)}, '緩和 五郎', 'かんわ ごろう', '1980-01-01', ${q(u.mail)}, '03-0000-0000', '100-0001', '13', '千代田区1-1', NOW())`);
	return { user: u, c: await signIn(HOST, u.ident, u.password) };
}

function notes(xml) {
	return Object.fromEntries([...xml.matchAll(/<item kind="([a-z-]+)"[^>]*>\s*<note key="([^"]+)"(?: arg="([^"]*)")?/g)]
	    .map((m) => [m[1], [m[2], m[3] || '']]));
}

async function saveFirst(c, fields, file) {
	const f = await c.model(`${BASE}/first`);
	assert.equal(f.status, 200, gist(f));
	const mp = multipart({ csrf: csrfOf(f.body), op: 'save', ...fields }, file);
	return c.req('POST', `${BASE}/first`, { raw: mp.body, headers: { 'content-type': mp.type }, xml: true });
}

test('PAL-2 専門医: each kind with its 受付期間, the seed\'s reason, in the seed\'s order', async () => {
	const { c } = await member('spec');
	const r = await c.model('/certify/specialist');
	assert.equal(r.status, 200, gist(r));
	const n = notes(r.body);
	assert.equal(n.first[0], 'apply.menu.window');
	assert.match(n.first[1], /^\d{4}年\d{1,2}月\d{1,2}日 \d{1,2}:\d\d ~ \d{4}年\d{1,2}月\d{1,2}日 \d{1,2}:\d\d$/);
	assert.equal(n['transition-first'][0], 'apply.menu.window');
	assert.deepEqual(n.renewal[0], 'certify.why.not-specialist');
	assert.deepEqual(n['transition-second'][0], 'certify.why.after-first');
	const order = [...r.body.matchAll(/<item kind="([a-z-]+)"/g)].map((m) => m[1]).filter((k) => k !== 'second');
	assert.deepEqual(order, ['first', 'renewal', 'transition-first', 'transition-second']);
	// The seed's exact sentences (HTML).
	const html = (await c.get('/certify/specialist')).body;
	assert.ok(html.includes('専門医(失効者含む)でないため申請できません。'));
	assert.ok(html.includes('受付期間外、もしくは一次申請が未申請のため申請できません。'));
	assert.ok(html.includes('専門医新規申請 （一次申請）'));
});

test('PAL-2 a specialist (lapsed included) may renew; the menu note follows the certificate', async () => {
	const { user, c } = await member('spren');
	sql(`INSERT INTO certificate (tenant, seq, number, code, uid, holder, kind, issued_on, expires_on)
	    SELECT 'palliative', COALESCE(MAX(seq), 0) + 1, CONCAT('SP-', COALESCE(MAX(seq), 0) + 1, '-${user.uid}'), LEFT(SHA2(${q(user.uid)}, 256), 26), ${q(user.uid)}, '緩和 五郎', 'cert.kind.specialist', '2015-04-01', '2020-03-31'
	    FROM certificate WHERE tenant = 'palliative'`);
	const c2 = await signIn(HOST, user.ident, user.password);
	const n = notes((await c2.model('/certify/specialist')).body);
	assert.equal(n.renewal[0], 'apply.menu.window');
	void c;
});

test('PAL-4 一次申請: the applicant from the member record (read-only, with the change link); exam sites 1–3 from the tenant\'s open sites, "---" first', async () => {
	const { c } = await member('fapp');
	const f = await c.model(`${BASE}/first`);
	assert.equal(f.status, 200, gist(f));
	assert.match(f.body, /<applicant href="\/member" kana="かんわ ごろう" name="緩和 五郎" member-no="[^"]+" email="[^"]+"/);
	for (const s of ['site1', 'site2', 'site3']) {
		const field = new RegExp(`<field name="${s}"[^>]*>(.*?)</field>`, 's').exec(f.body)?.[1] || '';
		assert.match(field, /<option value="">---<\/option>/);
		assert.match(field, /<option value="T1">試験会場 札幌<\/option>/);
		assert.doesNotMatch(field, /TX/);
	}
	const html = (await c.get(`${BASE}/first`)).body;
	assert.ok(html.includes('申請者情報は「会員情報」から引用されますので入力不要です。'));
	assert.ok(html.includes('href="/member"'));
	// Not a field of the form: the name cannot be posted.
	assert.doesNotMatch(f.body, /<field name="(name|kana|member_no|email)"/);
});

test('PAL-4 the exam site choices: an unknown or closed site, the same site twice are refused; blank is allowed (exam-exempt)', async () => {
	const { c } = await member('fsite');
	for (const [v, key] of [[{ site1: 'ZZ' }, 'certify.err.site'], [{ site1: 'TX' }, 'certify.err.site'], [{ site1: 'T1', site2: 'T1' }, 'certify.err.site-twice']]) {
		const r = await saveFirst(c, { site1: '', site2: '', site3: '', ...v });
		assert.equal(r.status, 200, gist(r));
		assert.ok(errorKeys(r.body).includes(key), `${key}: ${errorKeys(r.body)}`);
	}
	const ok = await saveFirst(c, { site1: '', site2: '', site3: '' }, { name: 'receipt', filename: 'receipt.png', type: 'image/png', data: PNG });
	assert.equal(ok.status, 303, gist(ok));
	const top = await c.model(BASE);
	assert.match(top.body, /<section name="first"[^>]*state="done"/);
});

test('PAL-4 the receipt: required, PDF/PNG/JPEG only, preview, deleted with ×; then 一次申請 once → 申請済, 「申請済みです。」, mailed, audited; no change afterwards', async () => {
	const { user, c } = await member('fsub');
	const bad = await saveFirst(c, { site1: 'T1', site2: 'T2', site3: 'T3' }, { name: 'receipt', filename: 'x.png', type: 'image/png', data: Buffer.from('<html>not an image</html>') });
	// Not an image: not stored, so the receipt is still missing.
	assert.ok(errorKeys(bad.body).includes('err.upload.type'), errorKeys(bad.body).join());
	assert.doesNotMatch((await c.model(`${BASE}/first`)).body, /<field name="receipt"[^>]*>.*?<upload /s);
	const r = await saveFirst(c, { site1: 'T1', site2: 'T2', site3: 'T3' }, { name: 'receipt', filename: 'receipt.png', type: 'image/png', data: PNG });
	assert.equal(r.status, 303, gist(r));
	const form = await c.model(`${BASE}/first`);
	const up = /<field name="receipt"[^>]*>.*?<upload [^>]*id="(\d+)"/s.exec(form.body)?.[1];
	assert.ok(up, form.body.slice(0, 2000));
	assert.equal((await c.get(`/upload/${up}`)).status, 200);
	// × deletes it: the section is 登録中 again and cannot be submitted.
	const del = await c.postRaw(`/upload/${up}/delete`, { csrf: csrfOf(form.body) });
	assert.ok([303, 200].includes(del.status), gist(del));
	const again = await saveFirst(c, { site1: 'T1', site2: 'T2', site3: 'T3' });
	assert.equal(again.status, 200);
	assert.ok(errorKeys(again.body).includes('err.required-file'), errorKeys(again.body).join());
	const conf0 = await c.model(`${BASE}/confirm`);
	const refused = await c.postRaw(`${BASE}/confirm`, { csrf: csrfOf(conf0.body) }, { xml: true });
	assert.equal(refused.status, 409, gist(refused));
	assert.ok(errorKeys(refused.body).includes('apply.err.shortfalls'));
	// Upload again and submit.
	assert.equal((await saveFirst(c, { site1: 'T1', site2: 'T2', site3: 'T3' }, { name: 'receipt', filename: 'r.png', type: 'image/png', data: PNG })).status, 303);
	const conf = await c.model(`${BASE}/confirm`);
	const sub = await c.postRaw(`${BASE}/confirm`, { csrf: csrfOf(conf.body) }, { xml: true });
	assert.equal(sub.status, 303, gist(sub));
	assert.equal(sub.location, `${BASE}?done=submitted`);
	const app = rows(`SELECT a.id, a.state, a.number FROM app a JOIN offering o ON o.id = a.offering_id WHERE a.uid = ${q(user.uid)} AND o.kind = 'first'`)[0];
	assert.equal(app[1], 'submitted');
	assert.equal(auditRows(`action = 'apply.submit' AND object = 'app:${app[0]}'`).length, 1);
	await waitMail(user.mail, (m) => m.subject.includes('専門医新規申請（一次申請）') && m.body.includes(app[2]));
	const top = (await c.get(BASE)).body;
	assert.ok(top.includes('申請済'), 'the page says 申請済');
	const n = notes((await c.model('/certify/specialist')).body);
	assert.equal(n.first[0], 'apply.menu.applied');
	assert.ok((await c.get('/certify/specialist')).body.includes('申請済みです。'));
	// Final: a second submission and a later edit change nothing.
	const dup = await c.postRaw(`${BASE}/confirm`, { csrf: csrfOf(conf.body) });
	assert.equal(dup.location, `${BASE}?done=dup`);
	const edit = await saveFirst(c, { site1: 'T3', site2: '', site3: '' });
	assert.equal(edit.status, 409, gist(edit));
	const v = rows(`SELECT value FROM app_value WHERE app_id = ${app[0]} AND field = 'site1'`)[0][0];
	assert.equal(v, 'T1');
	assert.equal(rows(`SELECT COUNT(*) FROM app WHERE uid = ${q(user.uid)}`)[0][0], '1');
});

test('PAL-4 outside the window 一次 is refused with the reason, nothing is made', async () => {
	const { user, c } = await member('fout');
	setWindow('first', jst(-7200), jst(-3600));
	try {
		const r = await saveFirst(c, { site1: 'T1', site2: '', site3: '' }, { name: 'receipt', filename: 'r.png', type: 'image/png', data: PNG });
		assert.equal(r.status, 409, gist(r));
		assert.ok(errorKeys(r.body).includes('apply.why.outside'), errorKeys(r.body).join());
		assert.equal(rows(`SELECT COUNT(*) FROM app WHERE uid = ${q(user.uid)}`)[0][0], '0');
	} finally {
		setWindow('first', jst(-3600), jst(86400));
	}
});
