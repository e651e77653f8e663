// Attendance by CSV (CME-2; the same import serves palliative's and
// oncology's seminar attendance, PAL-12, ONC-14): the platform's import
// page (src/apply/import.c) at /events/import and /events/<id>/import
// with the credit service's columns 研修会コード, 会員番号 (or the user
// ID), 単位数.  A dry run changes nothing; one bad line — an unknown
// member, another organizer's event, a duplicate, bad units — rejects the
// whole file with its errors as file:line:column; a good file commits
// all its rows in one transaction with the audit line, and the
// attendees' credits are on their ledgers at once (CME-1).

import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import { signIn, createUser, rows, q, auditRows, uniqueDigits } from './auth.mjs';
import { memberRow, multipart, elems } from './credit.mjs';

const T = 'medassoc';
let orgA, orgB;

async function organizer(tag) {
	const u = createUser(T, { tag, roles: ['event_organizer'] });
	const c = await signIn(u.host, u.ident, u.password, { enrol: true });
	c.user = u;
	return c;
}

async function newEvent(c, fields = {}) {
	const number = `IM${uniqueDigits(8)}`;
	const r = await c.post('/events/new', {
		number, title: 'CSVの研修会', held_on: '2026-03-31', place: '', kind: 'lecture',
		series: '', units: '0', code_1: '15', units_1: '1', code_2: '73', units_2: '0.5', ...fields,
	});
	assert.equal(r.status, 303, r.body.slice(0, 300));
	return { id: Number(/\/events\/(\d+)/.exec(r.location)[1]), number };
}

async function upload(c, p, step, filename, data) {
	const csrf = await c.csrf(p);
	const mp = multipart({ csrf, step }, filename, data);
	return c.req('POST', p, { raw: mp.body, headers: { 'content-type': mp.type }, xml: true });
}

function reportErrors(xml) {
	return [...xml.matchAll(/<error file="([^"]*)" line="(\d+)" column="(\d+)" key="([^"]+)"/g)]
	    .map((m) => `${m[1]}:${m[2]}:${m[3]} ${m[4]}`);
}

const attendance = (id) => Number(rows(`SELECT COUNT(*) FROM credit_attendance WHERE event_id = ${id}`)[0][0]);
const credits = (id) => Number(rows(`SELECT COUNT(*) FROM credit WHERE event_id = ${id}`)[0][0]);

before(async () => {
	orgA = await organizer('ia');
	orgB = await organizer('ib');
});

test('CME-2 a dry run reports the rows and changes nothing', async () => {
	const e = await newEvent(orgA);
	const m1 = memberRow(createUser(T, { tag: 'im' }));
	const m2 = createUser(T, { tag: 'im' });
	const csv = `\ufeff研修会コード,会員番号,単位数\r\n${e.number},${m1.number},\r\n${e.number},${m2.uid},\r\n`;
	const r = await upload(orgA, '/events/import', 'check', 'attend.csv', csv);
	assert.equal(r.status, 200, r.body.slice(0, 300));
	const rep = elems(r.body, 'report')[0];
	assert.equal(rep.rows, '2');
	assert.equal(rep.errors, '0');
	assert.equal(attendance(e.id), 0);
	assert.equal(credits(e.id), 0);
});

test('CME-2 one bad line rejects the whole file with file:line:column; nothing is written', async () => {
	const mine = await newEvent(orgA);
	const theirs = await newEvent(orgB);
	const m1 = memberRow(createUser(T, { tag: 'ib' }));
	const m2 = memberRow(createUser(T, { tag: 'ib' }));
	const csv = [
		'研修会コード,会員番号,単位数',
		`${mine.number},${m1.number},`,
		`${mine.number},nobody-${uniqueDigits(6)},`,
		`${theirs.number},${m2.number},`,
		`${mine.number},${m1.uid},`,
		`${mine.number},${m2.number},1.25`,
		'',
	].join('\r\n');
	for (const step of ['check', 'commit']) {
		const r = await upload(orgA, '/events/import', step, 'bad.csv', csv);
		// A dry run with errors is a report (200); a refused commit 422.
		assert.equal(r.status, step === 'check' ? 200 : 422, `${step}: ${r.status}`);
		assert.deepEqual(reportErrors(r.body), [
			'bad.csv:3:2 credit.err.who',
			'bad.csv:4:1 credit.err.event',
			'bad.csv:5:2 credit.err.duplicate',
			'bad.csv:6:3 credit.err.units',
		]);
	}
	assert.equal(attendance(mine.id), 0, 'the good line 2 was not written either');
	assert.equal(attendance(theirs.id), 0);
});

test('CME-2 a good file commits every row in one transaction, audited; credits on the ledger at once', async () => {
	const e = await newEvent(orgA);
	const ms = [0, 1, 2].map(() => memberRow(createUser(T, { tag: 'ic' })));
	const csv = `event,member,units\n${ms.map((m) => `${e.number},${m.number},`).join('\n')}\n`;
	const r = await upload(orgA, '/events/import', 'commit', 'good.csv', csv);
	assert.equal(r.status, 303, r.body.slice(0, 400));
	assert.match(r.location, /done=3/);
	assert.equal(attendance(e.id), 3);
	assert.equal(credits(e.id), 6, 'two codes each');
	assert.ok(auditRows("action = 'import.credit.attendance'").length >= 1);
	const c = await signIn(ms[1].host, ms[1].ident, ms[1].password);
	const l = await c.model('/credits');
	assert.deepEqual(elems(l.body, 'row').map((x) => `${x.code}:${x.units}:${x.fy}`).sort(), ['15:1.0:2025', '73:0.5:2025'],
	    '31 March 2026 belongs to fiscal year 2025');
});

test('CME-2 an event\'s own import: the code column may be left out; another event\'s rows are refused', async () => {
	const e = await newEvent(orgA, { code_2: '', units_2: '', kind: 'seminar', series: 'A' });
	const other = await newEvent(orgA);
	const m = memberRow(createUser(T, { tag: 'id' }));
	let r = await upload(orgA, `/events/${e.id}/import`, 'commit', 'x.csv', `会員番号,単位数\n${m.number},2\n`);
	assert.equal(r.status, 303, r.body.slice(0, 400));
	assert.deepEqual(rows(`SELECT code, units FROM credit WHERE event_id = ${e.id}`), [['15', '2.0']]);
	r = await upload(orgA, `/events/${e.id}/import`, 'check', 'y.csv', `研修会コード,会員番号\n${other.number},${m.number}\n`);
	assert.deepEqual(reportErrors(r.body), ['y.csv:2:1 credit.err.other-event']);
	assert.equal((await upload(orgB, `/events/${e.id}/import`, 'check', 'z.csv', 'x\n')).status, 404);
});
