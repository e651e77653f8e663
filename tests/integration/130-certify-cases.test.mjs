// 症例登録 / 症例承認 (PAL-3, seed 002 認定要件4): a member registers case
// reports with the fields a case report needs and the supervisor found by
// search; the supervisor's queue, approve, return with a comment; the
// member sees each state and the approved count, corrects a returned
// report and submits it again; a supervisor reaching another supervisor's
// report is 404; every change audited and mailed.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import {
	signIn, createUser, rows, sql, q, csrfOf, errorKeys, resetThrottle,
	gist, HOSTS, auditRows, waitMail,
} from './auth.mjs';

const HOST = HOSTS.palliative;
let member, sup, other, supRow, otherRow;

function supervisor(user, number) {
	sql(`INSERT INTO certify_supervisor (tenant, number, name, kana, uid, valid_from, valid_to)
	    VALUES ('palliative', ${q(number)}, ${q(user.name)}, ${q('しけん ' + number)}, ${q(user.uid)}, '2020-04-01', '2030-03-31')`);
	return rows(`SELECT id FROM certify_supervisor WHERE tenant = 'palliative' AND number = ${q(number)}`)[0][0];
}

const CASE = {
	age: '75', sex: 'f', diagnosis: '膵臓がん', setting: 'ward',
	from: '2025-04', to: '2025-06', summary: '疼痛緩和のためオピオイドを導入した。',
};

async function newCase(c, values) {
	const f = await c.model('/cases/new');
	assert.equal(f.status, 200, gist(f));
	return c.postRaw('/cases/new', { csrf: csrfOf(f.body), op: 'submit', ...values }, { xml: true });
}

before(async () => {
	resetThrottle();
	const u = createUser('palliative', { tag: 'case' });
	const s = createUser('palliative', { roles: ['member', 'supervisor'], tag: 'sup' });
	const o = createUser('palliative', { roles: ['member', 'supervisor'], tag: 'osup' });
	const n = String(Date.now()).slice(-8);
	supRow = supervisor(s, `S${n}`);
	otherRow = supervisor(o, `T${n}`);
	member = { user: u, c: await signIn(HOST, u.ident, u.password) };
	sup = { user: s, c: await signIn(HOST, s.ident, s.password), number: `S${n}` };
	other = { user: o, c: await signIn(HOST, o.ident, o.password) };
});

test('PAL-1 PAL-3 the member menu of seed 002: マイページTOP, 指導医, 専門医, 認定医, 症例登録 (症例承認 for supervisors), 施設認定 — each page answers', async () => {
	const home = await member.c.model('/certify');
	assert.equal(home.status, 200, gist(home));
	const keys = [...home.body.matchAll(/<item key="(menu\.certify\.[a-z]+)"/g)].map((m) => m[1]);
	assert.deepEqual(keys, ['menu.certify.top', 'menu.certify.supervisor', 'menu.certify.specialist',
	    'menu.certify.certified', 'menu.certify.cases', 'menu.certify.facilities']);
	const sk = [...(await sup.c.model('/certify')).body.matchAll(/<item key="(menu\.certify\.[a-z]+)"/g)].map((m) => m[1]);
	assert.ok(sk.includes('menu.certify.review'), sk.join());
	for (const p of ['/certify', '/certify/supervisor', '/certify/specialist', '/certify/certified', '/cases', '/certify/facilities']) {
		const r = await member.c.get(p);
		assert.equal(r.status, 200, `${p}: ${gist(r)}`);
	}
	assert.equal((await member.c.get('/cases/review')).status, 403);
});

test('PAL-3 the supervisor is found by name, kana or certification number; what was typed is kept by the search', async () => {
	const f = await member.c.model('/cases/new');
	for (const qs of [sup.number, sup.user.name, `しけん ${sup.number}`]) {
		const r = await member.c.postRaw('/cases/new', { csrf: csrfOf(f.body), op: 'search', sq: qs, ...CASE }, { xml: true });
		assert.equal(r.status, 200, gist(r));
		assert.match(r.body, new RegExp(`<option value="${supRow}">`), qs);
		assert.match(r.body, /<value>膵臓がん<\/value>/);
	}
	assert.equal(rows(`SELECT COUNT(*) FROM certify_case WHERE uid = ${q(member.user.uid)}`)[0][0], '0');
});

test('PAL-3 a case report is refused with its reason: missing fields, months out of order or in the future, a summary over 2000 characters, an unknown supervisor, oneself', async () => {
	const cases = [
		[{ ...CASE, supervisor: supRow, diagnosis: '' }, 'err.required'],
		[{ ...CASE, supervisor: '' }, 'err.required'],
		[{ ...CASE, supervisor: supRow, from: '2025-07', to: '2025-06' }, 'certify.case.err.order'],
		[{ ...CASE, supervisor: supRow, from: '2025-4' }, 'certify.case.err.ym'],
		[{ ...CASE, supervisor: supRow, to: '2099-01' }, 'certify.case.err.future'],
		[{ ...CASE, supervisor: supRow, summary: 'あ'.repeat(2001) }, 'err.too-long'],
		[{ ...CASE, supervisor: '999999999' }, 'certify.case.err.supervisor'],
	];
	for (const [v, key] of cases) {
		const r = await newCase(member.c, v);
		assert.equal(r.status, 200, gist(r));
		assert.ok(errorKeys(r.body).includes(key), `${key}: ${errorKeys(r.body)}`);
	}
	const self = await newCase(sup.c, { ...CASE, supervisor: supRow });
	assert.ok(errorKeys(self.body).includes('certify.case.err.self'), errorKeys(self.body).join());
	assert.equal(rows(`SELECT COUNT(*) FROM certify_case WHERE uid IN (${q(member.user.uid)}, ${q(sup.user.uid)})`)[0][0], '0');
	// Exactly 2000 characters is accepted.
	const ok = await newCase(member.c, { ...CASE, supervisor: supRow, summary: 'あ'.repeat(2000) });
	assert.equal(ok.status, 303, gist(ok));
});

test('PAL-3 submit → the supervisor\'s queue → approve: the member sees 承認済み and the count; audited and mailed both ways', async () => {
	const r = await newCase(member.c, { ...CASE, supervisor: supRow });
	assert.equal(r.status, 303, gist(r));
	assert.equal(r.location, '/cases?done=submitted');
	const id = rows(`SELECT MAX(id) FROM certify_case WHERE uid = ${q(member.user.uid)}`)[0][0];
	assert.equal(auditRows(`action = 'certify.case.submit' AND object = 'case:${id}'`).length, 1);
	await waitMail(sup.user.mail, (m) => m.body.includes(`/cases/review/${id}`));
	const queue = await sup.c.model('/cases/review');
	assert.match(queue.body, new RegExp(`<case id="${id}" state="submitted"`));
	const page = await sup.c.model(`/cases/review/${id}`);
	assert.equal(page.status, 200, gist(page));
	const before = Number(rows(`SELECT COUNT(*) FROM certify_case WHERE uid = ${q(member.user.uid)} AND state = 'approved'`)[0][0]);
	const a = await sup.c.postRaw(`/cases/review/${id}`, { csrf: csrfOf(page.body), op: 'approve', comment: '' }, { xml: true });
	assert.equal(a.status, 303, gist(a));
	assert.equal(rows(`SELECT state FROM certify_case WHERE id = ${id}`)[0][0], 'approved');
	assert.equal(auditRows(`action = 'certify.case.approve' AND object = 'case:${id}'`).length, 1);
	await waitMail(member.user.mail, (m) => m.body.includes(`/cases/${id}`) && m.subject.includes('承認'));
	const list = await member.c.model('/cases');
	assert.match(list.body, new RegExp(`<case id="${id}" state="approved"`));
	assert.match(list.body, new RegExp(`<case-list approved="${before + 1}"`));
	// Decided once: a second approval is refused (409), nothing changes.
	const again = await sup.c.postRaw(`/cases/review/${id}`, { csrf: csrfOf(page.body), op: 'approve' }, { xml: true });
	assert.equal(again.status, 409, gist(again));
	assert.ok(errorKeys(again.body).includes('certify.review.err.state'));
});

test('PAL-3 return with a comment (required) → the member corrects and resubmits → approved; an approved report cannot be edited (409)', async () => {
	const r = await newCase(member.c, { ...CASE, supervisor: supRow, diagnosis: '肺がん' });
	assert.equal(r.status, 303, gist(r));
	const id = rows(`SELECT MAX(id) FROM certify_case WHERE uid = ${q(member.user.uid)}`)[0][0];
	const page = await sup.c.model(`/cases/review/${id}`);
	const blank = await sup.c.postRaw(`/cases/review/${id}`, { csrf: csrfOf(page.body), op: 'return', comment: '' }, { xml: true });
	assert.ok(errorKeys(blank.body).includes('certify.review.err.comment'), gist(blank));
	const ret = await sup.c.postRaw(`/cases/review/${id}`, { csrf: csrfOf(page.body), op: 'return', comment: '経過をもう少し詳しく' }, { xml: true });
	assert.equal(ret.status, 303, gist(ret));
	assert.equal(auditRows(`action = 'certify.case.return' AND object = 'case:${id}'`).length, 1);
	const mine = await member.c.model(`/cases/${id}`);
	assert.equal(mine.status, 200);
	assert.match(mine.body, /経過をもう少し詳しく/);
	assert.match(mine.body, /<form /);
	const fix = await member.c.postRaw(`/cases/${id}`, { csrf: csrfOf(mine.body), op: 'submit', ...CASE, diagnosis: '肺がん (修正)', supervisor: supRow }, { xml: true });
	assert.equal(fix.status, 303, gist(fix));
	assert.equal(fix.location, '/cases?done=resubmitted');
	assert.deepEqual(rows(`SELECT state, diagnosis FROM certify_case WHERE id = ${id}`)[0], ['submitted', '肺がん (修正)']);
	const p2 = await sup.c.model(`/cases/review/${id}`);
	assert.equal((await sup.c.postRaw(`/cases/review/${id}`, { csrf: csrfOf(p2.body), op: 'approve' })).status, 303);
	const locked = await member.c.postRaw(`/cases/${id}`, { csrf: csrfOf(mine.body), op: 'submit', ...CASE, supervisor: supRow }, { xml: true });
	assert.equal(locked.status, 409, gist(locked));
	assert.ok(errorKeys(locked.body).includes('certify.case.err.locked'));
	assert.equal(rows(`SELECT diagnosis FROM certify_case WHERE id = ${id}`)[0][0], '肺がん (修正)');
});

test('PAL-3 CORE-17 another supervisor\'s report is 404 (view and approve); another member\'s report is 404', async () => {
	const r = await newCase(member.c, { ...CASE, supervisor: supRow });
	assert.equal(r.status, 303);
	const id = rows(`SELECT MAX(id) FROM certify_case WHERE uid = ${q(member.user.uid)}`)[0][0];
	assert.equal((await other.c.get(`/cases/review/${id}`)).status, 404);
	const csrf = csrfOf((await other.c.model('/cases/review')).body);
	assert.equal((await other.c.postRaw(`/cases/review/${id}`, { csrf, op: 'approve' })).status, 404);
	assert.equal(rows(`SELECT state FROM certify_case WHERE id = ${id}`)[0][0], 'submitted');
	assert.doesNotMatch((await other.c.model('/cases/review')).body, new RegExp(`<case id="${id}"`));
	assert.equal((await sup.c.get(`/cases/${id}`)).status, 404);
	assert.equal((await member.c.get('/cases/abc')).status, 404);
});
