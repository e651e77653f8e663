// The credit pages' isolation and cost (CME-1, CME-2; CORE-16, CORE-17,
// issue 10): who may open /credits, /events, /events/new, /events/<id>
// and /admin/events on each tenant (board has no credit feature: 404
// for everyone); a physician with 500 credits gets the ledger in at most
// 3 SQL statements, the session statement included, and an event with
// 1,000 attendees costs its organizer no more (no statement per row).
// Counted with MariaDB's own counters, as tests/integration/110 does.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import { signIn, createUser, sql, rows, q, HOSTS, resetThrottle, Client } from './auth.mjs';

import { BUDGET, perRequest } from './budget.mjs';

let physician, organizer, eventId;

before(async () => {
	resetThrottle();
	physician = createUser('medassoc', { tag: 'cb5' });
	// 500 credits over six fiscal years, every source, many codes: one INSERT.
	const vals = [];
	for (let i = 0; i < 500; i++) {
		const d = new Date(Date.UTC(2020, 3, 1) + i * 4 * 86400000).toISOString().slice(0, 10);
		const src = ['event', 'elearning', 'self'][i % 3];
		vals.push(`('medassoc', ${q(physician.uid)}, '${src}', '${i % 85}', ${(i % 5) / 2 + 0.5}, '${d}', '研修 ${i}')`);
	}
	sql(`INSERT INTO credit (tenant, uid, source, code, units, earned_on, title) VALUES ${vals.join(',')}`);
	organizer = createUser('medassoc', { tag: 'cbo', roles: ['event_organizer'] });
	sql(`INSERT INTO credit_event (tenant, number, title, kind, held_on, organizer_uid, units) VALUES ('medassoc', 'BUDGET-${organizer.uid}', '大きな研修会', 'lecture', '2025-05-01', ${q(organizer.uid)}, 1)`);
	eventId = Number(rows(`SELECT id FROM credit_event WHERE number = 'BUDGET-${organizer.uid}'`)[0][0]);
	sql(`INSERT INTO credit_attendance (event_id, uid) SELECT ${eventId}, uid FROM account WHERE tenant = 'medassoc' LIMIT 1000`);
});

test('CME-1 issue 10: the ledger of a physician with 500 credits costs at most 3 statements and writes nothing', async () => {
	const c = await signIn(physician.host, physician.ident, physician.password);
	const r = await c.model('/credits?fy=all');
	assert.equal((r.body.match(/<row /g) || []).length, 500);
	for (const p of ['/credits', '/credits?fy=2022', '/credits?fy=all']) {
		const m = await perRequest(c, p);
		assert.ok(m.statements <= BUDGET, `${p}: ${m.statements} statements`);
		assert.ok(m.writes < 0.5, `${p}: ${m.writes} writes`);
	}
});

test('CME-1 issue 10: /credits shows the latest fiscal year with credits, every year a link away', async () => {
	const c = await signIn(physician.host, physician.ident, physician.password);
	const latest = rows(`SELECT MAX(fy) FROM credit WHERE tenant = 'medassoc' AND uid = ${q(physician.uid)}`)[0][0];
	const m = await c.model('/credits');
	const fys = [...m.body.matchAll(/<row [^>]*\bfy="(\d+)"/g)].map((x) => x[1]);
	const want = Number(rows(`SELECT COUNT(*) FROM credit WHERE tenant = 'medassoc' AND uid = ${q(physician.uid)} AND fy = ${latest}`)[0][0]);
	assert.ok(want > 0 && want < 500);
	assert.equal(fys.length, want, 'the latest year\'s rows only');
	assert.ok(fys.every((f) => f === latest), fys.join());
	assert.match(m.body, new RegExp(`<filter [^>]*fy="${latest}"`));
	assert.equal((m.body.match(/<fy-total /g) || []).length, 6, 'every year listed');
	const h = await c.get('/credits');
	assert.match(h.body, /href="\/credits\?fy=all"/);
	assert.match(h.body, /href="\/credits\?fy=2020"/);
	assert.doesNotMatch((await c.get('/credits?fy=all')).body, /class="credit-all"/);
});

test('CME-2 issue 10: an organizer\'s event with its attendees, the lists, cost at most 3 statements', async () => {
	const c = await signIn(organizer.host, organizer.ident, organizer.password, { enrol: true });
	for (const p of ['/events', `/events/${eventId}`, '/events/new']) {
		const m = await perRequest(c, p, 10);
		assert.ok(m.statements <= BUDGET, `${p}: ${m.statements} statements`);
	}
});

test('CME-2 CORE-16 CORE-17 the credit pages per visitor and tenant (board has no credit feature)', async () => {
	const L = (p) => `303 /login?next=${p}`;
	const people = {};
	for (const slug of ['medassoc', 'palliative', 'board']) {
		people[slug] = {};
		for (const [who, roles] of [['member', []], ['organizer', slug === 'board' ? [] : ['event_organizer']], ['admin', ['tenant_admin']]]) {
			const u = createUser(slug, { tag: `cz${who[0]}`, roles });
			people[slug][who] = await signIn(u.host, u.ident, u.password, { enrol: true });
		}
	}
	const ev = `/events/${eventId}`;
	// Columns: none, member, another tenant's member, organizer (not this event's), admin.
	const M = {
		medassoc: {
			'/credits': [L('/credits'), '200', L('/credits'), '403', '403'],
			'/events': [L('/events'), '403', L('/events'), '200', '200'],
			'/events/new': [L('/events/new'), '403', L('/events/new'), '200', '200'],
			[ev]: [L(ev), '403', L(ev), '404', '200'],
			'/admin/events': [L('/admin/events'), '403', L('/admin/events'), '403', '200'],
		},
		palliative: {
			'/credits': [L('/credits'), '200', L('/credits'), '403', '403'],
			'/events': [L('/events'), '403', L('/events'), '200', '200'],
			[ev]: [L(ev), '403', L(ev), '404', '404'],
			'/admin/events': [L('/admin/events'), '403', L('/admin/events'), '403', '200'],
		},
		board: {
			'/credits': ['404', '404', '404', '404', '404'],
			'/events': ['404', '404', '404', '404', '404'],
			[ev]: ['404', '404', '404', '404', '404'],
			'/admin/events': ['404', '404', '404', '404', '404'],
		},
	};
	const other = { medassoc: 'palliative', palliative: 'medassoc', board: 'medassoc' };
	const wrong = [];
	for (const [slug, pages] of Object.entries(M)) {
		const actors = [new Client(HOSTS[slug]), people[slug].member, people[other[slug]].member.on(HOSTS[slug]),
			people[slug].organizer, people[slug].admin];
		for (const [p, want] of Object.entries(pages)) {
			for (let i = 0; i < actors.length; i++) {
				const r = await actors[i].get(p);
				const got = `${r.status}${r.status >= 300 && r.status < 400 ? ` ${r.location}` : ''}`;
				if (got !== want[i])
					wrong.push(`${slug} ${p} as #${i}: want ${want[i]}, got ${got}`);
			}
		}
	}
	assert.deepEqual(wrong, [], `\n${wrong.join('\n')}`);
});
