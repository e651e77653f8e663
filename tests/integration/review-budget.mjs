// review-budget.mjs — the query budget of the review chain's pages as
// demo reviewers and offices reach them (issue 10), shared by 113 (the
// reviewers), 118 and 119 (the offices): each file registers its accounts'
// tests with reviewBudget(staff), so that each stays well inside the
// runner's time per file.  At most 3 statements a page (the session
// included), nothing written on a GET, counted by budget.mjs.
//
// The applications are found at run time (the account's own queue with
// every state, or the tenant's rows for the office): a reseed changes
// their ids.  The demo staff need TOTP on some tenants; each is given
// a known secret for the test and its account row is put back after
// (as 108 does).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { signIn, ctl, rows, sql, q, resetThrottle, DEMO_PASSWORD, HOSTS, base32Decode } from './auth.mjs';
import { BUDGET, perRequest } from './budget.mjs';

// Requests per page (budget.mjs averages them, twice, after two warm-ups).
const N = 10;

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

// Pages of every office beside those of its applications.
const OFFICE = ['/admin/queues', '/admin/queues?state=submitted', '/admin/queues?days=1',
	'/admin/review/export', '/admin/fees', '/admin/fees?state=unpaid', '/admin/fees/import'];
// The decision pages of the board's recruitment (the director's
// /director is 115's).
const DECIDE = { '455012': ['/admin/results'] };

const saved = new Map();
const uidOf = {};
const clients = {};

function hooks(STAFF) {
	before(async () => {
		resetThrottle();
		for (const slug of new Set(STAFF.map((s) => s[0]))) {
			for (const l of ctl('user', 'list', slug).split('\n')) {
				const f = l.split('\t');
				if (f.length > 2 && !l.startsWith('#')) {
					uidOf[`${slug}/${f[1]}`] = f[0];
					uidOf[`${slug}/${f[2]}`] = f[0];
				}
			}
		}
		for (const [slug, ident] of STAFF) {
			const uid = uidOf[`${slug}/${ident}`];
			assert.ok(uid, `demo account ${slug} ${ident} (demo load)`);
			const where = `WHERE tenant = ${q(slug)} AND uid = ${q(uid)}`;
			const [row] = rows(`SELECT IFNULL(HEX(totp_secret), 'NULL'), totp_enabled, totp_last_step FROM account ${where}`);
			assert.ok(row, `account row of ${slug} ${ident}`);
			saved.set(where, row);
			sql(`UPDATE account SET totp_secret = UNHEX(${q(base32Decode(SECRET).toString('hex'))}), totp_enabled = 1, totp_last_step = 0 ${where}`);
			const c = await signIn(HOSTS[slug], ident, DEMO_PASSWORD, { totp: { secret: SECRET, lastStep: -1 } });
			assert.equal(c.forced, undefined, `${slug} ${ident}: left at ${c.forced}`);
			clients[`${slug}/${ident}`] = c;
		}
	});

	after(() => {
		for (const [where, [hex, enabled, last]] of saved)
			sql(`UPDATE account SET totp_secret = ${hex === 'NULL' ? 'NULL' : `UNHEX(${q(hex)})`}, totp_enabled = ${Number(enabled)},
			    totp_last_step = ${Number(last)} ${where}`);
	});
}

/** The attributes of each <tag …/> of an XML model. */
function elements(xml, tag) {
	const out = [];
	for (const m of String(xml).matchAll(new RegExp(`<${tag}\\s([^>]*?)/?>`, 'g'))) {
		const a = {};
		for (const [, k, v] of m[1].matchAll(/([\w-]+)="([^"]*)"/g))
			a[k] = v;
		out.push(a);
	}
	return out;
}

/*
 * The pages of one account: its queue and filters, then one application
 * of each kind, state and stage it sees (its queue with every state;
 * the office: every application of the tenant) with its PDF, and the
 * office's reassignment of a submitted one.
 */
async function pagesOf(slug, ident, office) {
	const c = clients[`${slug}/${ident}`];
	const pages = [];
	const r = await c.model('/review?state=all');
	// An office that reviews no stage (medassoc's: its associations do)
	// has no queue, but reads and reassigns every application.
	if (r.status === 200)
		pages.push('/review', '/review?state=all', '/review?days=1');
	else
		assert.ok(office && r.status === 404, `${slug} ${ident}: /review ${r.status}`);
	for (const o of elements(r.body, 'offering')) {
		pages.push(`/review?offering=${o.kind}&state=all`);
		if (o.kind === 'second')
			for (const t of elements(r.body.slice(r.body.indexOf(`kind="${o.kind}"`)), 'option').slice(0, 1))
				pages.push(`/review?tag=${encodeURIComponent(t.value)}&state=all`);
	}
	let apps = elements(r.body, 'app').map((a) => [a.id, `${a.kind}/${a.state}/${a.stage || ''}`]);
	// The office: the tenant's applications of the offerings it has now
	// (its /admin/queues lists them).
	const kinds = [];
	if (office) {
		const aq = await c.model('/admin/queues');
		assert.equal(aq.status, 200, `${slug} ${ident}: /admin/queues ${aq.status}`);
		kinds.push(...new Set(elements(aq.body, 'offering').map((o) => o.kind)));
		assert.ok(kinds.length > 0, `${slug}: offerings on /admin/queues`);
		apps = rows(`SELECT MIN(a.id), CONCAT(o.kind, '/', a.state, '/', a.stage) FROM app a JOIN offering o ON o.id = a.offering_id
		    WHERE a.tenant = ${q(slug)} AND o.tenant = a.tenant AND a.state <> 'draft' AND o.kind IN (${kinds.map(q).join(',')})
		    GROUP BY o.kind, a.state, a.stage ORDER BY 1`);
	}
	const seen = new Set();
	for (const [id, key] of apps) {
		if (seen.has(key))
			continue;
		seen.add(key);
		pages.push(`/review/${id}`, `/review/${id}/pdf`);
		if (office && key.includes('/submitted/'))
			pages.push(`/admin/review/${id}/reassign`);
	}
	if (office) {
		pages.push(...OFFICE);
		for (const kind of kinds)
			pages.push(`/admin/queues?kind=${kind}`, `/admin/queues?kind=${kind}&state=submitted`);
	}
	pages.push(...(DECIDE[ident] || []));
	return pages;
}

/**
 * Register the tests of staff ([tenant, account, office?] …): one per
 * account, every page of the chain it reaches within the budget, then
 * the table of what was measured.
 */
export function reviewBudget(STAFF) {
	hooks(STAFF);
	const table = [];
	for (const [slug, ident, office] of STAFF) {
		test(`CORE-10 issue 10: ${slug} ${ident}: every page of the review chain it reaches runs at most ${BUDGET} statements`, async () => {
			const c = clients[`${slug}/${ident}`];
			const over = [];
			for (const p of await pagesOf(slug, ident, office)) {
				const m = await perRequest(c, p, N);
				table.push([`${slug}/${ident}`, p, m.statements.toFixed(2)]);
				if (Math.round(m.statements) > BUDGET)
					over.push(`${p}: ${m.statements.toFixed(2)} statements`);
				if (Math.round(m.writes) > 0)
					over.push(`${p}: ${m.writes.toFixed(2)} writes`);
			}
			assert.deepEqual(over, [], `${slug} ${ident} over budget`);
		});
	}

	test('issue 10: the statements per page of the review chain, as measured', () => {
		for (const r of table)
			console.log(r.join(' '));
		assert.ok(table.length > 0);
	});
}
