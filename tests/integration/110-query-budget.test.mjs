// Issue 10: the query budget of signed-in pages.  Every signed-in GET
// page of every tenant, for each kind of demo account (member, and the
// staff roles of the demo accounts), runs at most 3 SQL statements per
// request, the session lookup included, and writes nothing.  Counted,
// not estimated: MariaDB's own counters (SHOW GLOBAL STATUS: Questions,
// which counts every statement a client sends, text or prepared, and
// the Com_* counters of writes) over N requests of one page.  The
// mailer runs its sweeps on the same server meanwhile, so the same
// counters are read over the same time with no request and subtracted.
//
// Members are the demo accounts.  Staff are fresh accounts with the demo
// staff's roles (shikakuctl user add --role): board and medassoc staff
// must enrol TOTP, which would change the demo accounts for everyone.
//
// A page's count must not grow with its rows (no statement inside a
// loop): a member with several applications costs the same as one with
// none.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import {
	signIn, createUser, sql, rows, q, DEMO, DEMO_PASSWORD, HOSTS, resetThrottle, opsClient,
} from './auth.mjs';

import { BUDGET, perRequest, overBudget } from './budget.mjs';
import { openWindows, registry, fillAll, member as secondMember } from './second.mjs';


// The signed-in GET pages, per tenant and kind of account.
const PAGES = {
	board: {
		member: ['/account', '/dashboard', '/member', '/apply', '/apply/system', '/kept',
			'/member/change', '/member/contact', '/application/completion',
			'/application/completion/rotations', '/application/completion/confirm'],
		tenant_admin: ['/account', '/admin', '/admin/audit', '/admin/outbox', '/admin/unlock',
			'/admin/programs', '/admin/rounds', '/admin/results', '/admin/member-changes',
			'/review', '/admin/fees', '/admin/certificates',
			// (export.csv and .zip are downloads that write their audit line.)
			'/admin/offerings', '/admin/offerings/import', '/admin/review/export',
			// ADM-1 (issue 14): the member directory, the audit search, mail.
			'/admin/members', '/admin/members?q=%E3%83%86&state=nototp&role=tenant_admin',
			'/admin/audit?actor=x&action=login.&from=2026-01-01&to=2026-12-31',
			'/admin/mail', '/admin/imports', '/admin/outbox?rcpt=example&state=failed',
			// ADM-1 (issue 14): every feature's queues, filtered.
			'/admin/queues', '/admin/queues?feature=training&state=submitted&days=1&reviewer=x'],
		program_director: ['/account', '/director', '/review'],
	},
	palliative: {
		member: ['/account', '/kept', '/dashboard', '/member', '/member/change', '/member/contact', '/credits',
			'/certify', '/certify/specialist', '/certify/facilities', '/cases',
			'/application/first/first',
			// issue 11: 更新 and 移行二次 as the demo member meets them (not yet theirs).
			'/application/renewal', '/application/transition-second'],
		supervisor: ['/account', '/cases/review'],
		tenant_admin: ['/account', '/admin', '/admin/audit', '/admin/outbox', '/admin/unlock', '/admin/events',
			'/admin/certify/facilities'],
	},
	oncology: {
		member: ['/account', '/kept', '/dashboard', '/member', '/member/change', '/member/contact', '/credits',
			'/specialist', '/application/renewal/resume', '/application/renewal/activity',
			'/application/renewal/record', '/application/renewal/exam'],
		society_reviewer: ['/account'],
		tenant_admin: ['/account', '/admin', '/admin/audit', '/admin/outbox', '/admin/unlock', '/admin/events',
			'/admin/queues?kind=renewal4', '/admin/offerings',
			// ONC-14 (issue 12): the credit rules, the written exams.
			'/admin/renewal/rules', '/admin/renewal/exams', '/admin/renewal/exams?q=31&year=2025',
			'/admin/renewal/exams/import'],
	},
	medassoc: {
		member: ['/account', '/kept', '/dashboard', '/member', '/member/change', '/member/contact', '/credits',
			'/cme', '/cme/history', '/cme/self', '/application/kakari',
			'/application/kakari/dest', '/application/kakari/lecture',
			'/application/kakari/practical', '/application/kakari/confirm'],
		association_reviewer: ['/account', '/review'],
		tenant_admin: ['/account', '/admin', '/admin/audit', '/admin/outbox', '/admin/unlock', '/admin/events',
			'/admin/cme/assocs', '/admin/cme/assocs?pref=13&year=2026', '/admin/cme/assocs/new',
			'/admin/cme/assocs/13001', '/admin/cme/assocs/import', '/admin/credit/codes',
			'/admin/credit/codes/new', '/admin/credit/codes/84', '/admin/credit/codes/import'],
	},
};

const clients = {};
before(async () => {
	resetThrottle();
	for (const [slug, kinds] of Object.entries(PAGES)) {
		for (const kind of Object.keys(kinds)) {
			if (kind === 'member') {
				clients[`${slug}/${kind}`] = await signIn(HOSTS[slug], DEMO[slug].member, DEMO_PASSWORD);
				continue;
			}
			const u = createUser(slug, { roles: [kind], tag: 'qb' });
			clients[`${slug}/${kind}`] = await signIn(u.host, u.ident, u.password, { enrol: true });
			// ADM-1: a member's page (their own, as the admin sees it).
			if (kind === 'tenant_admin')
				kinds[kind].push(`/admin/members/${u.uid}`);
		}
	}
});

const table = [];
for (const [slug, kinds] of Object.entries(PAGES)) {
	for (const [kind, pages] of Object.entries(kinds)) {
		test(`CORE-10 issue 10: ${slug} ${kind}: each signed-in page runs at most ${BUDGET} statements (session included) and writes nothing on a GET`, async () => {
			const c = clients[`${slug}/${kind}`];
			const over = [];
			for (const p of pages) {
				const m = await perRequest(c, p);
				table.push([slug, kind, p, m.statements.toFixed(2)]);
				over.push(...overBudget(p, m));
			}
			assert.deepEqual(over, [], `${slug} ${kind} over budget`);
		});
	}
}

// OPS-1 (issue 14): central IT's console and its tenant form, on the ops host.
test(`CORE-10 OPS-1 issue 14: central IT's console pages run at most ${BUDGET} statements and write nothing on a GET`, async () => {
	const c = await opsClient('qb');
	const over = [];
	for (const p of ['/', '/tenants/new']) {
		const m = await perRequest(c, p);
		table.push(['ops', 'central_it', p, m.statements.toFixed(2)]);
		if (Math.round(m.statements) > BUDGET)
			over.push(`${p}: ${m.statements.toFixed(2)} statements`);
		if (Math.round(m.writes) > 0)
			over.push(`${p}: ${m.writes.toFixed(2)} writes`);
	}
	assert.deepEqual(over, [], 'central IT over budget');
});

// The fullest 現在の状況 of the demo: 520105 holds an approved 研修修了申請,
// its paid 認定料 and the certificate it led to; the fees and the
// certificates are one statement (none for a member with neither).
test('CORE-10 BRD-10 issue 10: 現在の状況 with an application, its fee and a certificate stays within the budget', async () => {
	const c = await signIn(HOSTS.board, '520105', DEMO_PASSWORD);
	const r = await c.get('/dashboard');
	assert.match(r.body, /class="cert-dashboard"/, '520105 holds a certificate');
	assert.match(r.body, /TC\d{4}-\d{6}/, '520105 has an application');
	const m = await perRequest(c, '/dashboard');
	table.push(['board', 'member 520105', '/dashboard', m.statements.toFixed(2)]);
	assert.ok(Math.round(m.statements) <= BUDGET, `${m.statements.toFixed(2)} statements`);
	assert.ok(Math.round(m.writes) <= 0, 'writes on a GET');
});

// 現在の状況 of a palliative member with 二次 under way (the bench's member,
// tests/bench/second-prepare.mjs): 一次 submitted, 二次's four sections
// filled (a draft).  Each offering's application came from a statement
// of its own (4 in all); the member's live applications of every kind
// are now read once a request (apply.c live_all()).
test('CORE-10 issue 10: palliative 現在の状況 with 一次 submitted and 二次 under way stays within the budget', async () => {
	const restore = openWindows();
	try {
		const reg = registry();
		const { c } = await secondMember({ sup: reg.late });
		await fillAll(c, reg);
		const r = await c.model('/dashboard');
		assert.equal(r.status, 200);
		assert.match(r.body, /<offering kind="first"[^>]*>[^]*?<app [^>]*state="submitted"/, '一次 submitted is listed');
		assert.match(r.body, /<offering kind="second"[^>]*>[^]*?<app [^>]*state="draft"/, '二次 draft is listed');
		const m = await perRequest(c, '/dashboard');
		table.push(['palliative', 'member 二次 under way', '/dashboard', m.statements.toFixed(2)]);
		assert.ok(Math.round(m.statements) <= BUDGET, `${m.statements.toFixed(2)} statements`);
		assert.ok(Math.round(m.writes) <= 0, 'writes on a GET');
	} finally {
		restore();
	}
});

// 現在の状況 reads recruitment's applications only when the session says
// there is one of this year (a rejected one, not live, included), then
// in one statement however many.
test('BRD-10 issue 10: a member\'s pages cost the same with three applications as with one (no statement per row)', async () => {
	const u = createUser('board', { tag: 'qr' });
	const c = await signIn(u.host, u.ident, u.password);
	const pages = ['/dashboard', '/apply', '/account'];
	// Three applications in three rounds of this year: applied,
	// rejected (not live), accepted; the rejected one first, alone.
	const rounds = rows("SELECT id, year FROM recruit_round WHERE tenant = 'board' ORDER BY year DESC, apply_open LIMIT 3");
	const program = rows("SELECT id FROM program WHERE tenant = 'board' ORDER BY id LIMIT 1")[0][0];
	const states = [['applied', '1'], ['rejected', 'NULL'], ['accepted', '1']];
	const add = (i) => sql(`INSERT INTO application (tenant, round_id, year, uid, program_id, system, state, live, created_at) VALUES ('board', ${rounds[i][0]}, ${rounds[i][1]}, ${q(u.uid)}, ${program}, 'program', '${states[i][0]}', ${states[i][1]}, NOW())`);
	const shown = async () => {
		const r = await c.model('/dashboard');
		assert.equal(r.status, 200);
		return (r.body.match(/<application\b/g) || []).length;
	};
	assert.equal(await shown(), 0);
	add(1);
	assert.equal(await shown(), 1, 'the rejected application (not live) is shown');
	const before = {};
	for (const p of pages)
		before[p] = Math.max(0, Math.round((await perRequest(c, p, 10)).statements));
	add(0);
	add(2);
	assert.equal(await shown(), 3);
	for (const p of pages) {
		// Not more (the mailer's sweeps can make one count 1 low).
		const after = Math.round((await perRequest(c, p, 10)).statements);
		assert.ok(after <= before[p], `${p}: ${before[p]} statements with one application, ${after} with three`);
	}
	sql(`DELETE FROM application WHERE tenant = 'board' AND uid = ${q(u.uid)}`);
});

test('issue 10: the statements per page, as measured', () => {
	// The table for docs/performance.md (node --test prints diagnostics).
	for (const r of table)
		console.log(r.join(' '));
	assert.ok(table.length > 0);
});
