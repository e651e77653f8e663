// 会員情報 on every tenant against the real stack (issue 9 item 8): the
// member record is the platform's (src/identity/member_record.c), not
// the board's registration's alone.  ACC-4 on every tenant: /member for
// a signed-in member, contact and workplace changes direct and audited
// (the old address told), identity changes only through a request a
// tenant admin approves, certification numbers read-only; CORE-1 a
// tenant's admin never sees or decides another tenant's member; ACC-1
// the board's registration (its demo member's record) still fills the
// board's columns and its training history.
//
// Members are made with shikakuctl plus a member row, as the demo
// loader and products make them (dbq_member_record_put()).

import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';

import {
	Client, signIn, createUser, sql, rows, q, resetThrottle, csrfOf,
	errorKeys, waitMail, auditRows, uniqueDigits, gist, DEMO, DEMO_PASSWORD,
} from './auth.mjs';

const SLUGS = ['board', 'palliative', 'oncology', 'medassoc'];

beforeEach(() => resetThrottle());

/**
 * A member of `slug` with a platform record (no board columns) and a
 * certification number, signed in.
 */
async function member(slug, tag = 'mr') {
	const u = createUser(slug, { tag });
	u.memberNo = `N${uniqueDigits(8)}`;
	sql(`INSERT INTO member (tenant, uid, member_no, name_kanji, name_kana, birth_date, phone, postal_code,
	    pref, address, email, activated_at)
	    VALUES (${q(slug)}, ${q(u.uid)}, ${q(u.memberNo)}, '会員 花子', 'カイイン ハナコ', '1980-05-06',
	    '03-5555-0000', '100-0005', '13', '千代田区丸の内1-1-1 デモビル', ${q(u.mail)}, NOW())`);
	sql(`INSERT INTO member_cert (tenant, uid, kind, number, certified_on)
	    VALUES (${q(slug)}, ${q(u.uid)}, 'デモ認定医', ${q(`C-${u.memberNo}`)}, '2020-04-01')`);
	u.client = await signIn(u.host, u.ident, u.password);
	return u;
}

const record = (u, cols) => rows(`SELECT ${cols} FROM member WHERE tenant = ${q(u.slug)} AND uid = ${q(u.uid)}`)[0];

/** POST /member/contact with the form's token; the stored values unless given. */
async function contact(u, fields) {
	const f = await u.client.model('/member/contact');
	assert.equal(f.status, 200, gist(f));
	return u.client.postRaw('/member/contact', {
		csrf: csrfOf(f.body), phone: '03-5555-0000', postal_code: '100-0005', pref: '13',
		address: '千代田区丸の内1-1-1 デモビル', email: u.mail, ...fields,
	}, { xml: true });
}

test('ACC-4 issue 9: /member is 200 for a signed-in member on every tenant, in the menu, with the record the tenant holds', async () => {
	for (const slug of SLUGS) {
		const u = await member(slug);
		const r = await u.client.model('/member');
		assert.equal(r.status, 200, `${slug}: ${gist(r)}`);
		assert.match(r.body, /<item key="reg.menu.member" href="\/member" current="1"/, slug);
		assert.match(r.body, new RegExp(`<member member-no="${u.memberNo}"`), slug);
		assert.match(r.body, /<item name="name_kanji" key="reg.f.name_kanji">会員 花子<\/item>/, slug);
		assert.match(r.body, /<item name="pref" key="field.pref">東京都<\/item>/, slug);
		// Read-only certification numbers; no board column it does not hold.
		assert.match(r.body, new RegExp(`<cert kind="デモ認定医" number="C-${u.memberNo}" date="2020-04-01"/>`), slug);
		assert.ok(!/ regno=|name="sex"|name="desired_domain"/.test(r.body), `${slug}: board columns shown`);
		const html = await u.client.get('/member');
		assert.match(html.body, /会員番号/);
		assert.match(html.body, /デモ認定医/);
		// Not signed in: the sign-in page, as on every member page.
		const anon = await new Client(u.host).get('/member');
		assert.equal(anon.status, 303, slug);
		assert.match(anon.location, /^\/login/);
	}
});

test('ACC-4 issue 9: the demo members of the three societies have records with a workplace and a certification number', async () => {
	for (const slug of ['palliative', 'oncology', 'medassoc']) {
		const c = await signIn(DEMO[slug].host, DEMO[slug].member, DEMO_PASSWORD);
		const r = await c.model('/member');
		assert.equal(r.status, 200, `${slug}: ${gist(r)}`);
		assert.match(r.body, /<member member-no="\d+"/, slug);
		assert.match(r.body, /<item name="work_name" key="member.f.work_name">デモ[^<]+<\/item>/, slug);
		assert.match(r.body, /<cert kind="[^"]+" number="[A-Z]-\d{4}-\d{4}"/, slug);
	}
});

test('ACC-4 issue 9: on a society tenant contact and workplace change directly, audited, the old address told; certification numbers cannot be posted', async () => {
	const u = await member('palliative', 'ct');
	const startId = Number(rows('SELECT COALESCE(MAX(id), 0) FROM audit')[0][0]);
	const r = await contact(u, {
		phone: '092-555-0199', work_name: 'デモ記念病院', work_dept: '緩和ケア内科', work_postal: '8100001',
		work_address: '福岡市中央区天神9-9-9', work_phone: '092-555-0100', number: 'HACK',
	});
	assert.equal(r.status, 303, errorKeys(r.body).join());
	assert.equal(r.location, '/member?saved=contact');
	assert.deepEqual(record(u, 'phone, work_name, work_dept, work_postal, work_address, work_phone, email'),
	    ['092-555-0199', 'デモ記念病院', '緩和ケア内科', '810-0001', '福岡市中央区天神9-9-9', '092-555-0100', u.mail]);
	assert.equal(auditRows(`id > ${startId} AND action = 'member.contact' AND actor = ${q(u.uid)}`).length, 1);
	await waitMail(u.mail, (m) => /連絡先の変更/.test(m.subject));
	assert.deepEqual(rows(`SELECT number FROM member_cert WHERE tenant = 'palliative' AND uid = ${q(u.uid)}`),
	    [[`C-${u.memberNo}`]]);
	// An invalid value is refused with its field, nothing stored.
	const bad = await contact(u, { work_postal: '12', phone: '' });
	assert.equal(bad.status, 200);
	assert.ok(errorKeys(bad.body).length >= 2, errorKeys(bad.body).join());
	assert.equal(record(u, 'phone')[0], '092-555-0199');
	// Emptying the workplace clears it.
	const cleared = await contact(u, { phone: '092-555-0199' });
	assert.equal(cleared.status, 303);
	assert.equal(record(u, 'work_name')[0], 'NULL');
});

test('ACC-4 CORE-1 issue 9: on a society tenant an identity change is a request its own admin approves; another tenant\'s admin neither sees nor decides it', async () => {
	const u = await member('oncology', 'id');
	let f = await u.client.model('/member/change');
	assert.equal(f.status, 200);
	// The record has no 医籍登録番号: the form does not ask for one.
	assert.match(f.body, /<field name="name_kanji"/);
	assert.ok(!/<field name="regno"/.test(f.body), 'regno offered to a record without one');
	let r = await u.client.postRaw('/member/change', { csrf: csrfOf(f.body), name_kanji: '改姓 花子',
	    name_kana: 'カイイン ハナコ', birth_date: '1980-05-06', reason: '婚姻による改姓' }, { xml: true });
	assert.equal(r.location, '/member?saved=change', errorKeys(r.body).join());
	assert.equal(record(u, 'name_kanji')[0], '会員 花子', 'not changed before approval');
	const [[id]] = rows(`SELECT id FROM member_change WHERE tenant = 'oncology' AND uid = ${q(u.uid)} AND state = 'pending'`);
	assert.equal(auditRows(`action = 'member.change.request' AND actor = ${q(u.uid)}`).length, 1);

	// Another tenant's admin: the request is not there, and deciding it fails.
	const other = createUser('palliative', { tag: 'idadm', roles: ['tenant_admin'] });
	const oc = await signIn(other.host, other.ident, other.password);
	let list = await oc.model('/admin/member-changes');
	assert.equal(list.status, 200);
	assert.ok(!list.body.includes(u.uid), 'another tenant\'s request listed');
	r = await oc.postRaw('/admin/member-changes', { csrf: csrfOf(list.body), id, op: 'approve', comment: '' }, { xml: true });
	assert.equal(r.status, 200);
	assert.ok(errorKeys(r.body).includes('reg.err.change-gone'), errorKeys(r.body).join());
	assert.equal(rows(`SELECT state FROM member_change WHERE id = ${id}`)[0][0], 'pending');
	// Nor the member's record through its own /member (sessions are per tenant).
	assert.equal((await oc.get('/member')).status, 403);

	// The tenant's own admin approves: the record and the directory change.
	const a = createUser('oncology', { tag: 'idadm', roles: ['tenant_admin'] });
	const admin = await signIn(a.host, a.ident, a.password);
	list = await admin.model(`/admin/member-changes?id=${id}`);
	assert.match(list.body, new RegExp(`<change id="${id}" uid="${u.uid}" field="name_kanji"`));
	assert.match(list.body, new RegExp(`member-no="${u.memberNo}"`));
	// The admin tells the member by member number (no 医籍登録番号 here).
	assert.match((await admin.get(`/admin/member-changes?id=${id}`)).body, new RegExp(`（会員番号 ${u.memberNo}）`));
	r = await admin.postRaw('/admin/member-changes', { csrf: csrfOf(list.body), id, op: 'approve', comment: '' });
	assert.equal(r.location, '/admin/member-changes?done=approved');
	assert.equal(record(u, 'name_kanji')[0], '改姓 花子');
	assert.equal(auditRows(`action = 'member.change.approve' AND object = ${q(id)} AND actor = ${q(a.uid)}`).length, 1);
	await waitMail(u.mail, (m) => /承認/.test(m.subject));
	f = await u.client.model('/member');
	assert.match(f.body, /<item name="name_kanji" key="reg.f.name_kanji">改姓 花子<\/item>/);
	assert.match(f.body, /<change id="\d+" field="name_kanji" state="approved"/);
});

test('ACC-1 ACC-4 issue 9: the board\'s registration still fills its columns, and /member shows them with its training history', async () => {
	const c = await signIn(DEMO.board.host, DEMO.board.member, DEMO_PASSWORD);
	const r = await c.model('/member');
	assert.equal(r.status, 200, gist(r));
	assert.match(r.body, new RegExp(`<member regno="${DEMO.board.member}"`));
	assert.match(r.body, /<item name="desired_domain" key="reg.f.desired_domain">/);
	assert.match(r.body, /<item name="sex" key="field.sex" value-key="reg.sex.[mf]"/);
	assert.match(r.body, /<training\/?>/, 'the register feature\'s part of the page');
	const f = await c.model('/member/change');
	assert.match(f.body, /<field name="regno"/, 'the board\'s record asks for the number');
	// Only the board has the register feature's part.
	const u = await member('medassoc', 'tr');
	assert.ok(!/<training/.test((await u.client.model('/member')).body));
});
