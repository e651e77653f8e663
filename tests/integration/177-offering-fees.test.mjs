// Each offering year's fees (issue 12, ONC-14: "offerings per year with
// windows and fees"; src/apply/offering_admin.c, sql/029_offering_fee.sql):
// the tenant's staff set each fee an offering declares (renewal: 認定料,
// 審査料, 受験料) beside the year's window at /admin/offerings; validated
// (0..1,000,000 yen, a clear message), audited in the save's transaction
// (apply.offering.fee), the reference data bumped; the member's pages
// show the year's amounts; the fees created afterwards carry them — 審査料
// on the application's creation, 受験料 on the exam application, 認定料 on
// the final approval — while a fee created before keeps its amount; a
// blank field puts the default (tenant.conf) back.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { createUser, signIn, rows, q, csrfOf, resetThrottle, auditRows, errorKeys, gist, sql } from './auth.mjs';
import { BASE, YEAR, openWindows, specialist, fillAll, addSeminar } from './renewal.mjs';

let admin, adminUser, win;

const version = () => BigInt(rows('SELECT version FROM refdata_version WHERE id = 1')[0][0]);
const feesOf = () => rows(`SELECT f.kind, f.amount FROM offering_fee f JOIN offering o ON o.id = f.offering_id WHERE o.tenant = 'oncology' AND o.kind = 'renewal' AND o.year = ${YEAR} ORDER BY f.kind`);
const local = (v) => v.slice(0, 16).replace(' ', 'T');

before(async () => {
	resetThrottle();
	openWindows();
	sql(`DELETE f FROM offering_fee f JOIN offering o ON o.id = f.offering_id WHERE o.tenant = 'oncology' AND o.year = ${YEAR}`);
	adminUser = createUser('oncology', { roles: ['tenant_admin'], tag: 'fe' });
	admin = await signIn(adminUser.host, adminUser.ident, adminUser.password);
	win = rows(`SELECT open_at, close_at FROM offering WHERE tenant = 'oncology' AND kind = 'renewal' AND year = ${YEAR}`)[0];
});

after(() => {
	// The other renewal tests expect tenant.conf's amounts.
	sql(`DELETE f FROM offering_fee f JOIN offering o ON o.id = f.offering_id WHERE o.tenant = 'oncology' AND o.year = ${YEAR}`);
});

/** The renewal window of YEAR as it is, with these fee fields. */
function form(fees) {
	return { kind: 'renewal', year: String(YEAR), open_at: local(win[0]), close_at: local(win[1]), ...fees };
}

async function approveAll(id) {
	for (let i = 0; i < 5 && rows(`SELECT state FROM app WHERE id = ${id}`)[0][0] === 'submitted'; i++) {
		const page = await admin.model(`/review/${id}`);
		const stage = /<field name="stage" type="hidden"><value>(\d+)<\/value>/.exec(page.body);
		const ver = /<field name="version" type="hidden"><value>(\d+)<\/value>/.exec(page.body);
		assert.ok(stage && ver, `no action form on /review/${id}`);
		const r = await admin.postRaw(`/review/${id}`, { csrf: csrfOf(page.body), action: 'approve', comment: '', stage: stage[1], version: ver[1] });
		assert.equal(r.status, 303, gist(r));
	}
}

async function payFee(id, kind) {
	const fee = rows(`SELECT id FROM fee WHERE app_id = ${id} AND kind = ${q(kind)}`)[0][0];
	const csrf = await admin.csrf('/admin/fees');
	assert.equal((await admin.postRaw(`/admin/fees/${fee}/confirm`, { csrf, paid_on: `${YEAR}-06-01` })).status, 303);
}

test('ONC-14 /admin/offerings shows each fee an offering declares beside its windows, with the default', async () => {
	const r = await admin.model('/admin/offerings');
	assert.equal(r.status, 200, gist(r));
	assert.match(r.body, /<fee-kind name="approval" title="renewal.fee.cert" default="11000"\/>/);
	assert.match(r.body, /<fee-kind name="review" title="renewal.fee.review" default="10000"\/>/);
	assert.match(r.body, /<fee-kind name="exam" title="renewal.exam.fee" default="10000"\/>/);
	assert.match(r.body, new RegExp(`<fee year="${YEAR}" name="review" amount="10000"/>`), 'the default, not set');
	const html = await admin.get(`/admin/offerings?kind=renewal&year=${YEAR}`);
	assert.match(html.body, /name="fee_review"/);
	assert.match(html.body, /審査料/);
	assert.match(html.body, /空欄にするとこの年度は既定の金額になります/);
});

test('ONC-14 a fee out of range or not a whole number is refused with a clear message; nothing changes', async () => {
	const v0 = version();
	const a0 = auditRows(`action LIKE 'apply.offering%' AND actor = ${q(adminUser.uid)}`).length;
	for (const bad of ['abc', '1000001', '-5', '1.5', '１２３', '12 000']) {
		const csrf = await admin.csrf('/admin/offerings');
		const r = await admin.postRaw('/admin/offerings', { csrf, ...form({ fee_review: bad }) }, { xml: true });
		assert.equal(r.status, 422, `${bad}: ${gist(r)}`);
		assert.ok(errorKeys(r.body).includes('offerings.err.fee'), `${bad}: ${errorKeys(r.body)}`);
		assert.match(r.body, /<error\b[^>]*field="fee_review"/);
		assert.match(r.body, new RegExp(`<edit [^>]*fee_review="${bad.replace('.', '\\.')}"`), 'typed value kept');
	}
	const csrf = await admin.csrf('/admin/offerings');
	const h = await admin.postRaw('/admin/offerings', { csrf, ...form({ fee_exam: '2000000' }) });
	assert.equal(h.status, 422);
	assert.match(h.body, /料金は0〜1,000,000円の整数で入力してください/);
	assert.match(h.body, /id="f-fee_exam" [^>]*value="2000000"|value="2000000"[^>]*id="f-fee_exam"|id="f-fee_exam"/);
	assert.deepEqual(feesOf(), []);
	assert.equal(version(), v0);
	assert.equal(auditRows(`action LIKE 'apply.offering%' AND actor = ${q(adminUser.uid)}`).length, a0);
});

test('ONC-14 the year\'s fees saved beside the window: audited, refdata bumped, the member sees them, new fees carry them, old ones keep theirs', async () => {
	// A member who started before the change: 審査料 at the default.
	const early = await specialist();
	await fillAll(early.c);
	const earlyId = rows(`SELECT id FROM app WHERE uid = ${q(early.u.uid)}`)[0][0];
	assert.deepEqual(rows(`SELECT amount FROM fee WHERE app_id = ${earlyId} AND kind = 'review'`), [['10000']]);

	const v0 = version();
	let r = await admin.post('/admin/offerings', form({ fee_approval: '12000', fee_review: '5000', fee_exam: ' 7000 ' }));
	assert.equal(r.status, 303, gist(r));
	assert.equal(r.location, '/admin/offerings?done=1');
	assert.deepEqual(feesOf(), [['approval', '12000'], ['exam', '7000'], ['review', '5000']]);
	assert.ok(version() > v0, 'refdata_version bumped');
	const audit = auditRows(`action = 'apply.offering.fee' AND actor = ${q(adminUser.uid)}`);
	assert.deepEqual(audit.map((a) => [a.object, a.detail]), [
		['renewal', `${YEAR} approval=12000`], ['renewal', `${YEAR} review=5000`], ['renewal', `${YEAR} exam=7000`],
	]);
	// Saved again unchanged: no new fee audit line.
	r = await admin.post('/admin/offerings', form({ fee_approval: '12000', fee_review: '5000', fee_exam: '7000' }));
	assert.equal(r.status, 303);
	assert.equal(auditRows(`action = 'apply.offering.fee' AND actor = ${q(adminUser.uid)}`).length, 3);
	// The list and the form show them.
	const page = await admin.model('/admin/offerings');
	assert.match(page.body, new RegExp(`<fee year="${YEAR}" name="review" amount="5000" set="1"/>|<fee year="${YEAR}" name="review" set="1" amount="5000"/>`));
	const html = await admin.get(`/admin/offerings?kind=renewal&year=${YEAR}`);
	assert.match(html.body, /審査料 5,000円/);
	assert.match(html.body, /name="fee_review" [^>]*value="5000"|value="5000"[^>]*name="fee_review"/);

	// The member's pages: 専門医 and 申請トップ.
	const s = await specialist();
	addSeminar(s.u.uid, { on: `${YEAR - 1}-07-06`, units: 10 });
	const sp = await s.c.model('/specialist');
	assert.match(sp.body, /<offering kind="renewal"[^>]* fee-review="5000" fee-cert="12000"/);
	assert.match(sp.body, /<exam year="\d+" fee="7000"/);
	const sh = await s.c.get('/specialist');
	assert.match(sh.body, /<dd class="fee-review">5,000円<\/dd>/);
	assert.match(sh.body, /<dd class="fee-cert">12,000円<\/dd>/);

	// 審査料 on creation, 受験料 on the exam application.
	assert.equal((await s.c.post('/specialist', { kind: 'renewal', way: 'both' })).status, 303);
	assert.equal((await s.c.post(`${BASE}/exam`, {}, { formPage: BASE })).status, 303);
	assert.deepEqual(rows(`SELECT fee FROM renewal_exam WHERE uid = ${q(s.u.uid)}`), [['7000']]);
	await fillAll(s.c);
	assert.equal((await s.c.post(`${BASE}/confirm`, {})).status, 303);
	const id = rows(`SELECT id FROM app WHERE uid = ${q(s.u.uid)}`)[0][0];
	assert.deepEqual(rows(`SELECT amount FROM fee WHERE app_id = ${id} AND kind = 'review'`), [['5000']]);
	// 認定料 on the final approval.
	await payFee(id, 'review');
	await approveAll(id);
	assert.equal(rows(`SELECT state FROM app WHERE id = ${id}`)[0][0], 'approved');
	assert.deepEqual(rows(`SELECT amount FROM fee WHERE app_id = ${id} AND kind = 'renewal'`), [['12000']]);
	// The fee made before the change is as it was.
	assert.deepEqual(rows(`SELECT amount FROM fee WHERE app_id = ${earlyId} AND kind = 'review'`), [['10000']]);

	// Blank: the default again, audited.
	r = await admin.post('/admin/offerings', form({ fee_approval: '12000', fee_review: '', fee_exam: '7000' }));
	assert.equal(r.status, 303);
	assert.deepEqual(feesOf(), [['approval', '12000'], ['exam', '7000']]);
	assert.equal(auditRows(`action = 'apply.offering.fee' AND actor = ${q(adminUser.uid)}`).at(-1).detail, `${YEAR} review=default`);
	const sp2 = await s.c.model('/specialist');
	assert.match(sp2.body, /<offering kind="renewal"[^>]* fee-review="10000" fee-cert="12000"/);
	// A POST without fee fields (the CSV's, shikakuctl's way) leaves them.
	r = await admin.post('/admin/offerings', form({}));
	assert.equal(r.status, 303);
	assert.deepEqual(feesOf(), [['approval', '12000'], ['exam', '7000']]);
});
