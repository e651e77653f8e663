// Attendance one by one (CME-2): the organizer adds an attendee by
// member number (or user ID) on /events/<id>; the attendee's credits —
// one per curriculum code of the event, or the event's units when it has
// none — are on their ledger /credits at once (CME-1); editing the
// event's codes rewrites every attendee's credits in the same
// transaction; removing an attendee removes the credits; each step is
// audited.  The units of a code-less seminar are what palliative's
// "seminar attended" (PAL-5) and oncology's seminar credits (ONC-9)
// count.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import { signIn, createUser, rows, q, auditRows, uniqueDigits, ctl } from './auth.mjs';
import { memberRow } from './credit.mjs';

const T = 'medassoc';
let org;

before(async () => {
	const u = createUser(T, { tag: 'ot', roles: ['event_organizer'] });
	org = await signIn(u.host, u.ident, u.password, { enrol: true });
	org.user = u;
});

async function newEvent(fields) {
	const r = await org.post('/events/new', {
		number: `AT${uniqueDigits(8)}`, title: '出席の研修会', held_on: '2025-04-01', place: '',
		kind: 'lecture', series: '', units: '0', ...fields,
	});
	assert.equal(r.status, 303, r.body.slice(0, 400));
	return Number(/\/events\/(\d+)/.exec(r.location)[1]);
}

function ledger(xml) {
	return [...xml.matchAll(/<row [^>]*code="([^"]*)"[^>]*units="([^"]*)"/g)].map((m) => `${m[1]}:${m[2]}`).sort();
}

test('CME-2 an attendee added by member number gets one credit per code, visible on their ledger at once', async () => {
	const id = await newEvent({ code_1: '12', units_1: '1.5', code_2: '80', units_2: '0.5' });
	const m = memberRow(createUser(T, { tag: 'at' }));
	const r = await org.post(`/events/${id}/attend`, { who: m.number, units: '' }, { formPage: `/events/${id}` });
	assert.equal(r.status, 303, r.body.slice(0, 400));
	const mc = await signIn(m.host, m.ident, m.password);
	const l = await mc.model('/credits');
	assert.deepEqual(ledger(l.body), ['12:1.5', '80:0.5']);
	assert.match(l.body, /source="event"/);
	assert.match(l.body, /fy="2025"/, '1 April 2025 is fiscal year 2025');
	assert.equal(auditRows(`action = 'credit.attend.add' AND object = 'credit_event:${id}'`).length, 1);

	// Codes edited: the credits follow.
	const num = rows(`SELECT number FROM credit_event WHERE id = ${id}`)[0][0];
	const e = await org.post(`/events/${id}`, { number: num, title: '出席の研修会', held_on: '2025-04-01', kind: 'lecture', units: '0', code_1: '29', units_1: '3' });
	assert.equal(e.status, 303, e.body.slice(0, 400));
	assert.deepEqual(ledger((await mc.model('/credits')).body), ['29:3.0']);

	// Removed: the credits go.
	const d = await org.post(`/events/${id}/unattend`, { uid: m.uid }, { formPage: `/events/${id}` });
	assert.equal(d.status, 303);
	assert.deepEqual(ledger((await mc.model('/credits')).body), []);
	assert.equal(auditRows(`action = 'credit.attend.remove' AND object = 'credit_event:${id}'`).length, 1);
});

test('CME-2 a code-less seminar gives its units, or the organizer\'s per attendee; an unknown member is refused', async () => {
	const id = await newEvent({ kind: 'seminar', series: 'B', units: '10' });
	const a = createUser(T, { tag: 'as' });
	const b = memberRow(createUser(T, { tag: 'as' }));
	assert.equal((await org.post(`/events/${id}/attend`, { who: a.uid, units: '' }, { formPage: `/events/${id}` })).status, 303);
	assert.equal((await org.post(`/events/${id}/attend`, { who: b.number, units: '5' }, { formPage: `/events/${id}` })).status, 303);
	assert.deepEqual(rows(`SELECT uid, units, code IS NULL FROM credit WHERE event_id = ${id} ORDER BY units`),
	    [[b.uid, '5.0', '1'], [a.uid, '10.0', '1']]);
	const r = await org.post(`/events/${id}/attend`, { who: 'no-such-member', units: '' }, { formPage: `/events/${id}` });
	assert.equal(r.status, 200);
	assert.match(r.body, /見つかりません/);
	// Added twice: still one attendance, one credit.
	assert.equal((await org.post(`/events/${id}/attend`, { who: a.uid, units: '' }, { formPage: `/events/${id}` })).status, 303);
	assert.equal(rows(`SELECT COUNT(*) FROM credit WHERE event_id = ${id} AND uid = ${q(a.uid)}`)[0][0], '1');
	const page = await org.get(`/events/${id}`);
	assert.match(page.body, new RegExp(b.number));
});

test('ONC-9 ONC-13 PAL-5 what products ask (credit_sum, credit_series_attended, credit_attended_model): seminars in a five-year window, series A and B', async () => {
	const u = createUser('oncology', { tag: 'oa', roles: ['tenant_admin'] });
	const admin = await signIn(u.host, u.ident, u.password);
	const m = memberRow(createUser('oncology', { tag: 'om' }));
	const ev = async (f) => {
		const r = await admin.post('/events/new', { number: `ON${uniqueDigits(8)}`, place: '', units: '10', code_1: '', units_1: '', ...f });
		assert.equal(r.status, 303, r.body.slice(0, 300));
		const id = Number(/\/events\/(\d+)/.exec(r.location)[1]);
		assert.equal((await admin.post(`/events/${id}/attend`, { who: m.number, units: '' }, { formPage: `/events/${id}` })).status, 303);
		return id;
	};
	await ev({ title: '第30回教育セミナーA', kind: 'seminar', series: 'A', held_on: '2021-08-31' });	// a day before the window
	await ev({ title: '第33回教育セミナーA', kind: 'seminar', series: 'A', held_on: '2021-09-01' });
	await ev({ title: '第35回教育セミナーB', kind: 'seminar', series: 'B', held_on: '2026-08-31' });
	await ev({ title: '年次学術集会', kind: 'meeting', series: '', held_on: '2024-03-01', units: '5' });
	const from = '2021-09-01', to = '2026-08-31';
	assert.equal(ctl('credit', 'sum', 'oncology', m.uid, 'seminar', from, to).trim(), '20.0\t2');
	assert.equal(ctl('credit', 'sum', 'oncology', m.uid, '-', from, to).trim(), '25.0\t3');
	assert.equal(ctl('credit', 'sum', 'oncology', m.uid).trim(), '35.0\t4');
	assert.equal(ctl('credit', 'series', 'oncology', m.uid, 'seminar', 'A', from, to).trim(), '1');
	assert.equal(ctl('credit', 'series', 'oncology', m.uid, 'seminar', 'B', from, to).trim(), '1');
	assert.equal(ctl('credit', 'series', 'oncology', m.uid, 'seminar', 'B', from, '2026-08-30').trim(), '0');
	assert.equal(ctl('credit', 'series', 'oncology', m.uid, 'seminar', '-', '2022-01-01', '2026-08-30').trim(), '0');
	const x = ctl('credit', 'attended', 'oncology', m.uid, 'seminar', from, to);
	assert.match(x, /<attended units="20.0" count="2">/);
	assert.deepEqual([...x.matchAll(/title="([^"]*)"/g)].map((k) => k[1]), ['第33回教育セミナーA', '第35回教育セミナーB']);
	// Another tenant's member is nobody here.
	assert.equal(ctl('credit', 'sum', 'palliative', m.uid, 'seminar').trim(), '0.0\t0');
});
