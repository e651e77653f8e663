// Issue 10: the query budget of the pages a demo account reaches in
// each state of its applications (README's demo accounts), beside 110's
// one member per tenant.  Found by walking every link of every demo
// account's pages and counting each GET's statements in MariaDB's
// general log; these are the pages that were over 3 (or are the state's
// own pages), held here with budget.mjs's counters (the session
// included, nothing written on a GET).
//
//   board 研修修了申請 (520015 recording … 520105 certified): the
//     program and its facilities were two statements (4 in all);
//   現在の状況 of a resident with an accepted program: the applications,
//     their fees and the certificates are one statement;
//   the office's and reviewers' queue (/review): one statement a stage
//     the reviewer holds (7 for the palliative office), now one;
//   a program's page (/programs/<id>, /apply/programs/<id>): its
//     partners and rotations are one statement (4 → 3).
//
// And what those statements cost MariaDB (budget.mjs): no temporary
// table on disk, and a member's page reads at most MEMBER_ROWS rows —
// their own few.  The oncology member's 現在の状況 read 805: the fee's
// certificate was looked up through every certificate of the tenant.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import { signIn, createUser, DEMO_PASSWORD, HOSTS, resetThrottle } from './auth.mjs';
import { BUDGET, perRequest, overBudget } from './budget.mjs';

// Handler reads per request of a member's page in these states (the
// session's included): measured 3–104; the fee lookup above read 805.
const MEMBER_ROWS = 300;

const COMPLETION = ['/dashboard', '/application/completion', '/application/completion/rotations',
	'/application/completion/confirm'];

// Demo members by state: [tenant, account, pages].
const MEMBERS = [
	['board', '520020', ['/dashboard', '/application/completion', '/programs/1', '/apply/programs/1']],
	['board', '520015', [...COMPLETION, '/application/completion/rotations/new']],
	['board', '520018', COMPLETION],
	['board', '520101', COMPLETION],
	['board', '520102', COMPLETION],
	['board', '520103', COMPLETION],
	['board', '520104', COMPLETION],
	['board', '520105', COMPLETION],
	['palliative', '700201', ['/dashboard', '/certify', '/application/second', '/application/second/training']],
	['palliative', '700202', ['/dashboard', '/application/second']],
	['palliative', '700203', ['/dashboard', '/application/second']],
	['palliative', '700204', ['/dashboard', '/application/second']],
	['palliative', '700205', ['/dashboard', '/application/renewal']],
	['palliative', '700206', ['/dashboard', '/application/transition-first']],
	['oncology', '300512', ['/dashboard', '/specialist', '/application/renewal']],
	['medassoc', '2000050', ['/dashboard', '/application/kakari']],
	['medassoc', '2000017', ['/dashboard', '/application/kakari', '/cme/history']],
	['medassoc', '2000001', ['/dashboard', '/application/kakari', '/cme/history']],
	['medassoc', '2000009', ['/dashboard', '/application/kakari', '/cme/history']],
	['medassoc', '2000004', ['/dashboard', '/application/kakari', '/cme/history']],
];

// Staff (fresh accounts with the demo staff's roles, as 110 makes them):
// the queue over the demo's applications.
const STAFF = [
	['palliative', 'tenant_admin', ['/review', '/review?state=all']],
	['oncology', 'tenant_admin', ['/review', '/review?state=all']],
	['medassoc', 'association_reviewer', ['/review', '/review?state=all']],
	['board', 'tenant_admin', ['/review']],
	['board', 'program_director', ['/review']],
];

const clients = {};
before(async () => {
	resetThrottle();
	for (const [slug, ident] of MEMBERS)
		clients[`${slug}/${ident}`] = await signIn(HOSTS[slug], ident, DEMO_PASSWORD);
	for (const [slug, role] of STAFF) {
		const u = createUser(slug, { roles: [role], tag: 'qs' });
		clients[`${slug}/${role}`] = await signIn(u.host, u.ident, u.password, { enrol: true });
	}
});

const table = [];
async function within(key, pages, rowsMax = Infinity) {
	const c = clients[key];
	const over = [];
	for (const p of pages) {
		const m = await perRequest(c, p);
		table.push([key, p, m.statements.toFixed(2), `${Math.round(m.rows)} rows`]);
		over.push(...overBudget(p, m));
		if (m.rows > rowsMax)
			over.push(`${p}: ${Math.round(m.rows)} rows read`);
	}
	assert.deepEqual(over, [], `${key} over budget`);
}

for (const [slug, ident, pages] of MEMBERS) {
	test(`CORE-10 issue 10: ${slug} demo member ${ident}: the pages of their state run at most ${BUDGET} statements, read at most ${MEMBER_ROWS} rows, no disk table`,
		() => within(`${slug}/${ident}`, pages, MEMBER_ROWS));
}
for (const [slug, role, pages] of STAFF) {
	test(`CORE-10 issue 10: ${slug} ${role}: the review queue runs at most ${BUDGET} statements however many stages`,
		() => within(`${slug}/${role}`, pages));
}

test('issue 10: the statements per page in each state, as measured', () => {
	for (const r of table)
		console.log(r.join(' '));
	assert.ok(table.length > 0);
});
