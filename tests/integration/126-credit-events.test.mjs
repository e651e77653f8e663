// Organizers' events (CME-2): an event_organizer registers events
// (title, date, place, kind, series, curriculum codes with units) at
// /events/new and edits them at /events/<id>; /events lists their own
// events only; another organizer's event is 404 to read and to post to,
// exactly like one that does not exist; the tenant admin sees every
// event at /admin/events and may open each; every change is audited;
// an event code is unique per tenant; unknown codes are refused.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import { signIn, createUser, rows, q, auditRows, uniqueDigits, errorKeys } from './auth.mjs';

const T = 'medassoc';
let orgA, orgB, admin;

async function staff(tag, roles) {
	const u = createUser(T, { tag, roles });
	const c = await signIn(u.host, u.ident, u.password, { enrol: true });
	c.user = u;
	return c;
}

before(async () => {
	orgA = await staff('oa', ['event_organizer']);
	orgB = await staff('ob', ['event_organizer']);
	admin = await staff('ad', ['tenant_admin']);
});

/** Create an event as c; returns its id. */
export async function newEvent(c, fields = {}) {
	const number = fields.number || `EV${uniqueDigits(8)}`;
	const r = await c.post('/events/new', {
		number, title: '地域医療研修会', held_on: '2025-06-15', place: '医師会館',
		kind: 'lecture', series: '', units: '0',
		code_1: '12', units_1: '1.5', code_2: '80', units_2: '0.5',
		...fields,
	});
	assert.equal(r.status, 303, `create: ${r.status} ${r.body.slice(0, 400)}`);
	const m = /^\/events\/(\d+)\?done=created$/.exec(r.location);
	assert.ok(m, r.location);
	return { id: Number(m[1]), number };
}

test('CME-2 an organizer registers an event with curriculum codes and units; audited', async () => {
	const e = await newEvent(orgA);
	const [[title, kind, org, held]] = rows(`SELECT title, kind, organizer_uid, held_on FROM credit_event WHERE id = ${e.id}`);
	assert.deepEqual([title, kind, org, held], ['地域医療研修会', 'lecture', orgA.user.uid, '2025-06-15']);
	assert.deepEqual(rows(`SELECT code, units FROM credit_event_code WHERE event_id = ${e.id} ORDER BY code`),
	    [['12', '1.5'], ['80', '0.5']]);
	assert.equal(auditRows(`action = 'credit.event.create' AND object = 'credit_event:${e.id}'`).length, 1);
	const page = await orgA.get(`/events/${e.id}`);
	assert.equal(page.status, 200);
	assert.match(page.body, /地域医療研修会/);
	assert.match(page.body, /12 地域医療/, 'the code is chosen from the list with its name');
});

test('CME-2 an organizer sees only their own events; another organizer\'s event is 404 (GET and POST)', async () => {
	const a = await newEvent(orgA, { title: 'A主催の研修会' });
	const b = await newEvent(orgB, { title: 'B主催の研修会' });
	const la = await orgA.get('/events');
	assert.equal(la.status, 200);
	assert.match(la.body, /A主催の研修会/);
	assert.ok(!la.body.includes('B主催の研修会'), 'B\'s event is not in A\'s list');
	assert.equal((await orgA.get(`/events/${b.id}`)).status, 404);
	assert.equal((await orgA.get(`/events/${b.id}/import`)).status, 404);
	const csrf = await orgA.csrf('/events');
	for (const p of [`/events/${b.id}`, `/events/${b.id}/attend`, `/events/${b.id}/unattend`]) {
		const r = await orgA.postRaw(p, { csrf, number: b.number, title: '乗っ取り', held_on: '2025-06-15', kind: 'lecture', who: orgA.user.uid, uid: orgA.user.uid });
		assert.equal(r.status, 404, `${p}: ${r.status}`);
	}
	assert.equal(rows(`SELECT title FROM credit_event WHERE id = ${b.id}`)[0][0], 'B主催の研修会', 'unchanged');
	assert.equal((await orgA.get('/events/999999999')).status, 404, 'the same answer as for no event');
	assert.equal((await orgA.get(`/events/${a.id}`)).status, 200);
});

test('CME-2 the tenant admin lists every event at /admin/events and may open each; members may not', async () => {
	const b = await newEvent(orgB, { title: '管理者が見る研修会' });
	const l = await admin.get('/admin/events');
	assert.equal(l.status, 200);
	assert.match(l.body, /管理者が見る研修会/);
	assert.equal((await admin.get(`/events/${b.id}`)).status, 200);
	const m = createUser(T, { tag: 'em' });
	const mc = await signIn(m.host, m.ident, m.password);
	for (const p of ['/events', '/events/new', `/events/${b.id}`, '/admin/events'])
		assert.notEqual((await mc.get(p)).status, 200, `a member on ${p}`);
});

test('CME-2 edit: codes and units replaced, the event code unique per tenant, unknown codes refused', async () => {
	const a = await newEvent(orgA);
	const other = await newEvent(orgB);
	const base = { title: '改題', held_on: '2025-07-01', place: '', kind: 'seminar', series: 'A', units: '0' };
	let r = await orgA.post(`/events/${a.id}`, { ...base, number: other.number, code_1: '12', units_1: '1' });
	assert.equal(r.status, 200);
	assert.ok(errorKeys(r.body).includes('credit.err.number-taken') || /既に使われています/.test(r.body));
	r = await orgA.post(`/events/${a.id}`, { ...base, number: a.number, code_1: '999', units_1: '1' });
	assert.equal(r.status, 200);
	assert.match(r.body, /このカリキュラムコードはありません/);
	r = await orgA.post(`/events/${a.id}`, { ...base, number: a.number, code_1: '12', units_1: '1.05' });
	assert.match(r.body, /0〜999.9/);
	r = await orgA.post(`/events/${a.id}`, { ...base, number: a.number, code_1: '29', units_1: '2' });
	assert.equal(r.status, 303, r.body.slice(0, 300));
	assert.deepEqual(rows(`SELECT code, units FROM credit_event_code WHERE event_id = ${a.id}`), [['29', '2.0']]);
	assert.deepEqual(rows(`SELECT title, series, kind FROM credit_event WHERE id = ${a.id}`)[0], ['改題', 'A', 'seminar']);
	assert.equal(auditRows(`action = 'credit.event.edit' AND object = 'credit_event:${a.id}'`).length, 1);
});
