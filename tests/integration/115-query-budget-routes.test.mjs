// Issue 10: the query budget of every other signed-in GET route, beside
// 110 (one member and the staff roles per tenant), 112 (the demo members
// by state) and the review and download pages (113, 114).  Found by
// walking every link of every demo account's pages, each GET's
// statements counted in MariaDB's general log; these are the routes 110
// and 112 do not list, held here with budget.mjs's counters (the session
// included, nothing written on a GET).  Pages with an id in the path take
// it from a link of the page that lists them, at run time: a reseed
// changes row ids, never the links.
//
// Over 3 when found, now within it:
//   /admin/programs/<id>: the program and its partners and rotations
//     were read twice (6); /admin/programs/<id>/applicants 7; the
//     director's /director 5.  The program, its lists and its
//     applications are one statement (dbq_program_page()).
//
// Staff are fresh accounts with the role (as 110 makes them) for the
// pages every holder of the role sees alike; the director, the
// supervisor and the organizer see their own rows, so they are the demo
// accounts, given a known TOTP secret for the test (as 108 does) and put
// back afterwards.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import {
	signIn, createUser, ctl, sql, rows, q, decodeEntities, DEMO_PASSWORD, HOSTS, resetThrottle, opsClient, base32Decode,
} from './auth.mjs';
import { BUDGET, perRequest, overBudget } from './budget.mjs';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

// A page of a list: up to n distinct hrefs of `from` (a path, or the
// first page of another such spec) matching re, each with `then`
// appended ('' for the link itself).
const linked = (from, re, n = 1, then = ['']) => ({ from, re, n, then });

// Per tenant: [who, pages].  who: a demo member ('m:<ident>'), a fresh
// account with roles ('r:<role>'), or a demo staff account ('s:<ident>').
const PAGES = {
	board: [
		['m:512345', ['/programs', '/programs?track=regular&page=2', '/apply/system?system=curriculum',
			'/account/password', '/account/totp', '/terms', '/account/totp/qr.svg',
			linked('/programs', /^\/programs\/\d+(\?.*)?$/, 2), linked(linked('/programs', /^\/programs\/\d+/), /^\/apply\/programs\/\d+$/)]],
		['m:520015', [linked('/dashboard', /^\/apply\/(decline|cancel)\?id=\d+$/),
			linked('/application/completion/rotations', /^\/application\/completion\/rotations\/\d+$/)]],
		['r:tenant_admin', ['/kept', '/admin/programs/new', '/admin/programs?q=&page=2', '/admin/rounds/new',
			'/admin/fees?state=unpaid', '/admin/fees/import',
			linked('/admin/programs', /^\/admin\/programs\/\d+$/, 2, ['', '/applicants']),
			linked('/admin/rounds', /^\/admin\/rounds\/\d+$/, 2),
			linked('/admin/results', /^\/admin\/results\?round=\d+(&state=\w+)?$/, 2),
			linked('/admin/certificates', /^\/admin\/certificates\/\d+$/),
			linked('/admin/members', /^\/admin\/members\/[a-z0-9]+$/, 2)]],
		['s:398721', ['/director', linked('/director', /^\/director\?program=\d+$/, 2)]],
	],
	palliative: [
		['m:member@palliative.example', ['/cases/new', '/certify/certified', '/certify/supervisor', '/terms',
			'/credits?fy=all', '/application/first', '/application/first/confirm',
			'/application/second', '/application/second/training', '/application/second/works',
			'/application/second/documents', '/application/second/resume', '/application/second/confirm',
			'/application/renewal/confirm', '/application/renewal/works', '/application/renewal/resume',
			'/application/transition-first', '/application/transition-first/confirm',
			'/application/transition-second/training', '/application/transition-second/works',
			'/application/transition-second/documents', '/application/transition-second/resume',
			'/application/transition-second/confirm',
			linked('/cases', /^\/cases\/\d+$/, 2)]],
		['m:700204', ['/application/first/first', '/certify/specialist', '/certify/supervisor']],
		['m:700205', ['/application/renewal/works/new', '/cases/new', '/credits']],
		['m:700206', ['/application/transition-first/first']],
		['s:supervisor@palliative.example', ['/certify', '/certify/supervisor',
			linked('/cases/review', /^\/cases\/review\/\d+$/, 2)]],
		['r:tenant_admin', ['/admin/certify', '/admin/certify/facilities/new', '/admin/certify/sites',
			'/admin/certify/sites/new', '/admin/certify/supervisors', '/admin/certify/supervisors/new',
			'/admin/certify/facilities/import', '/admin/certify/sites/import',
			'/admin/certify/supervisors/import', '/admin/certify/members/import', '/admin/certify/dues/import',
			'/events', '/events/new', '/events/import', '/admin/credit/codes', '/admin/credit/codes/new',
			'/admin/credit/codes/import', '/admin/fees', '/admin/fees/import', '/admin/offerings',
			'/admin/offerings/import', '/admin/member-changes', '/admin/imports', '/admin/mail',
			'/admin/queues', '/admin/review/export', '/admin/certificates',
			linked('/admin/certify/facilities', /^\/admin\/certify\/facilities\/\d+$/),
			linked('/admin/certify/sites', /^\/admin\/certify\/sites\/\d+$/),
			linked('/admin/certify/supervisors', /^\/admin\/certify\/supervisors\/\d+$/),
			linked('/admin/events', /^\/events\/\d+$/, 2, ['', '/import']),
			linked('/admin/certificates', /^\/admin\/certificates\/\d+$/),
			linked('/admin/members', /^\/admin\/members\/[a-z0-9]+$/, 2)]],
		['r:event_organizer', ['/events', '/events/new', '/events/import']],
	],
	oncology: [
		['m:300512', ['/credits?fy=2026', '/terms', '/application/renewal/activity/new',
			'/application/renewal/confirm', '/application/renewal/documents', '/application/renewal/meeting',
			'/application/renewal/meeting/new', '/application/renewal/paper', '/application/renewal/paper/new',
			'/application/renewal/profile', '/application/renewal/seminar',
			'/application/renewal4', '/application/renewal4/activity', '/application/renewal4/confirm',
			'/application/renewal4/documents', '/application/renewal4/meeting', '/application/renewal4/paper',
			'/application/renewal4/profile', '/application/renewal4/record', '/application/renewal4/resume',
			'/application/renewal4/seminar',
			linked('/application/renewal/activity', /^\/application\/renewal\/activity\/\d+$/)]],
		['r:tenant_admin', ['/events', '/events/new', '/events/import', '/admin/credit/codes',
			'/admin/credit/codes/new', '/admin/credit/codes/import', '/admin/fees', '/admin/fees?state=unpaid',
			'/admin/fees/import', '/admin/offerings/import', '/admin/member-changes', '/admin/imports',
			'/admin/mail', '/admin/queues', '/admin/review/export', '/admin/certificates',
			linked('/admin/events', /^\/events\/\d+$/, 2, ['', '/import']),
			linked('/admin/certificates', /^\/admin\/certificates\/\d+$/),
			linked('/admin/members', /^\/admin\/members\/[a-z0-9]+$/, 2)]],
		['r:event_organizer', ['/events', '/events/new', '/events/import']],
	],
	medassoc: [
		['m:2000017', ['/credits?fy=2026', '/cme/history?view=cert', '/terms']],
		['m:2000001', ['/application/kakari/practical/new', '/application/kakari/dest',
			linked('/application/kakari/practical', /^\/application\/kakari\/practical\/\d+$/)]],
		['s:1300789', ['/events', '/events/new', '/events/import',
			linked('/events', /^\/events\/\d+$/, 2, ['', '/import'])]],
		['r:tenant_admin', ['/admin/fees', '/admin/fees/import', '/admin/offerings', '/admin/offerings/import',
			'/admin/member-changes', '/admin/imports', '/admin/mail', '/admin/queues', '/admin/review/export',
			'/admin/certificates', '/admin/members?q=&role=&state=&page=1', '/events', '/events/import',
			linked('/admin/cme/assocs', /^\/admin\/cme\/assocs\/\d+$/, 2),
			linked('/admin/credit/codes', /^\/admin\/credit\/codes\/\d+$/, 2),
			linked('/admin/certificates', /^\/admin\/certificates\/\d+$/),
			linked('/admin/members', /^\/admin\/members\/[a-z0-9]+$/, 2)]],
	],
	ops: [
		['r:central_it', ['/account', '/account/password', '/account/totp', '/admin/audit', '/admin/unlock']],
	],
};

// The demo staff's account rows as they were (TOTP), put back after.
const saved = [];
const uidOf = (slug, ident) => ctl('user', 'list', slug).split('\n').map((l) => l.split('\t'))
    .find((f) => f[1] === ident || f[2] === ident)?.[0];

async function client(slug, who) {
	const [kind, rest] = [who.slice(0, 1), who.slice(2)];
	if (slug === 'ops')
		return opsClient('qr');
	if (kind === 'm')
		return signIn(HOSTS[slug], rest, DEMO_PASSWORD);
	if (kind === 'r') {
		const u = createUser(slug, { roles: [rest], tag: 'qr' });
		return signIn(u.host, u.ident, u.password, { enrol: true });
	}
	const uid = uidOf(slug, rest);
	assert.ok(uid, `demo account ${rest} of ${slug}`);
	const [row] = rows(`SELECT IFNULL(HEX(totp_secret), 'NULL'), totp_enabled, totp_last_step FROM account
	    WHERE tenant = ${q(slug)} AND uid = ${q(uid)}`);
	saved.push([slug, uid, row]);
	sql(`UPDATE account SET totp_secret = UNHEX(${q(base32Decode(SECRET).toString('hex'))}), totp_enabled = 1,
	    totp_last_step = 0 WHERE tenant = ${q(slug)} AND uid = ${q(uid)}`);
	const c = await signIn(HOSTS[slug], rest, DEMO_PASSWORD, { totp: { secret: SECRET, lastStep: -1 } });
	assert.equal(c.forced, undefined, `${rest}: left at ${c.forced}`);
	return c;
}

/** The paths of a page spec, links resolved on the client's own pages. */
async function paths(c, spec) {
	if (typeof spec === 'string')
		return [spec];
	const from = typeof spec.from === 'string' ? spec.from : (await paths(c, spec.from))[0];
	const r = await c.get(from);
	assert.equal(r.status, 200, `${c.host}${from}: ${r.status}`);
	const found = [];
	for (const m of String(r.body).matchAll(/href="([^"#]+)"/g)) {
		const h = decodeEntities(m[1]);
		if (spec.re.test(h) && !found.includes(h))
			found.push(h);
	}
	assert.ok(found.length > 0, `${c.host}${from} links no ${spec.re}`);
	return found.slice(0, spec.n).flatMap((h) => spec.then.map((t) => h.replace(/(\?|$)/, `${t}$1`)));
}

const clients = {};
before(async () => {
	resetThrottle();
	for (const [slug, list] of Object.entries(PAGES))
		for (const [who] of list)
			clients[`${slug}/${who}`] = await client(slug, who);
});

after(() => {
	for (const [slug, uid, [hex, enabled, last]] of saved)
		sql(`UPDATE account SET totp_secret = ${hex === 'NULL' ? 'NULL' : `UNHEX(${q(hex)})`},
		    totp_enabled = ${Number(enabled)}, totp_last_step = ${Number(last)}
		    WHERE tenant = ${q(slug)} AND uid = ${q(uid)}`);
});

const table = [];
for (const [slug, list] of Object.entries(PAGES)) {
	for (const [who, specs] of list) {
		test(`CORE-10 issue 10: ${slug} ${who}: every other signed-in page runs at most ${BUDGET} statements (session included) and writes nothing on a GET`, async () => {
			const c = clients[`${slug}/${who}`];
			const over = [];
			for (const spec of specs) {
				for (const p of await paths(c, spec)) {
					const m = await perRequest(c, p);
					table.push([slug, who, p, m.statements.toFixed(2)]);
					over.push(...overBudget(p, m));
				}
			}
			assert.deepEqual(over, [], `${slug} ${who} over budget`);
		});
	}
}

// A program with many applicants costs its admin and its director no
// more than one with few: the applicants are a part of the program's
// one statement, not a statement each.
test('BRD-12 issue 10: a program\'s applicants page and the director\'s page cost the same with 30 more applications (no statement per row)', async () => {
	const c = clients['board/r:tenant_admin'];
	const d = clients['board/s:398721'];
	const [[pid]] = rows(`SELECT p.id FROM program p JOIN account a ON a.tenant = p.tenant AND a.uid = p.director_uid
	    WHERE p.tenant = 'board' AND a.uid = ${q(uidOf('board', '398721'))} ORDER BY p.code LIMIT 1`);
	const pages = [[c, `/admin/programs/${pid}/applicants`], [c, `/admin/programs/${pid}`], [d, `/director?program=${pid}`]];
	const before = [];
	for (const [k, p] of pages)
		before.push(Math.max(0, Math.round((await perRequest(k, p, 10)).statements)));
	const users = [];
	for (let i = 0; i < 3; i++)
		users.push(createUser('board', { tag: 'qa' }));
	const [[round, year]] = rows("SELECT id, year FROM recruit_round WHERE tenant = 'board' ORDER BY year DESC, apply_open LIMIT 1");
	const vals = [];
	for (let i = 0; i < 30; i++)
		vals.push(`('board', ${round}, ${year}, ${q(users[i % 3].uid)}, ${pid}, 'program', 'rejected', NULL, NOW() - INTERVAL ${i} MINUTE)`);
	sql(`INSERT INTO application (tenant, round_id, year, uid, program_id, system, state, live, created_at) VALUES ${vals.join(',')}`);
	try {
		const r = await c.model(`/admin/programs/${pid}/applicants`);
		assert.ok((r.body.match(/<applicant\b/g) || []).length >= 30, 'the applications are listed');
		for (let i = 0; i < pages.length; i++) {
			const [k, p] = pages[i];
			const n = Math.round((await perRequest(k, p, 10)).statements);
			assert.ok(n <= before[i], `${p}: ${before[i]} statements before, ${n} with 30 more applications`);
			assert.ok(n <= BUDGET, `${p}: ${n} statements`);
		}
	} finally {
		sql(`DELETE FROM application WHERE tenant = 'board' AND uid IN (${users.map((u) => q(u.uid)).join(',')})`);
	}
});

test('issue 10: the statements of every other route, as measured', () => {
	for (const r of table)
		console.log(r.join(' '));
	assert.ok(table.length > 0);
});

