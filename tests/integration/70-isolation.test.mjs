// The isolation matrix (issue 3 item 10): every page of the tenant page
// table, on every demo tenant's host, for every kind of visitor — no
// session, a member, a member of another tenant (their cookie sent to this
// host), a reviewer, the tenant admin, another tenant's admin — with the
// exact status (and redirect target) of each cell; the same for the ops
// host with no session, a tenant admin's cookie and central IT.
// CORE-16 (roles), CORE-17 (isolation), CORE-1, CORE-10 (a session is
// bound to its tenant), CORE-6 (unlock only within the tenant).

import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import { foreignNames } from './http.mjs';
import {
	Client, signIn, createUser, rows, q, resetThrottle, csrfOf, opsClient, HOSTS,
} from './auth.mjs';

const SLUGS = ['board', 'palliative', 'oncology', 'medassoc'];
// Whose cookies play "another tenant" on each host.
const OTHER = { board: 'palliative', palliative: 'board', oncology: 'medassoc', medassoc: 'oncology' };
const REVIEWER = {
	board: 'program_director', palliative: 'supervisor',
	oncology: 'society_reviewer', medassoc: 'association_reviewer',
};
const ACTORS = ['none', 'member', 'otherMember', 'reviewer', 'admin', 'otherAdmin'];

const L = (p) => `303 /login?next=${p}`;

// Tenant hosts.  Columns: ACTORS.  The same on every tenant.
const TENANT_MATRIX = {
	//                     none                        member  other member                reviewer  admin   other admin
	'/':                  ['200',                     '200',  '200',                      '200',    '200',  '200'],
	'/terms':             ['200',                     '200',  '200',                      '200',    '200',  '200'],
	'/login':             ['200',                     '200',  '200',                      '200',    '200',  '200'],
	'/password/temp':     ['200',                     '200',  '200',                      '200',    '200',  '200'],
	'/account':           [L('/account'),             '200',  L('/account'),              '200',    '200',  L('/account')],
	'/account/password':  [L('/account/password'),    '200',  L('/account/password'),     '200',    '200',  L('/account/password')],
	'/account/totp':      [L('/account/totp'),        '200',  L('/account/totp'),         '200',    '200',  L('/account/totp')],
	'/kept':              [L('/kept'),                '200',  L('/kept'),                 '200',    '200',  L('/kept')],
	'/admin':             [L('/admin'),               '403',  L('/admin'),                '403',    '200',  L('/admin')],
	'/admin/unlock':      [L('/admin/unlock'),        '403',  L('/admin/unlock'),         '403',    '200',  L('/admin/unlock')],
	'/admin/audit':       [L('/admin/audit'),         '403',  L('/admin/audit'),          '403',    '200',  L('/admin/audit')],
	// CORE-18, CORE-20 (issue 11): windows and exports, platform pages.
	'/admin/offerings':   [L('/admin/offerings'),     '403',  L('/admin/offerings'),      '403',    '200',  L('/admin/offerings')],
	'/admin/offerings/import': [L('/admin/offerings/import'), '403', L('/admin/offerings/import'), '403', '200', L('/admin/offerings/import')],
	'/admin/review/export': [L('/admin/review/export'), '403', L('/admin/review/export'), '403',  '200',  L('/admin/review/export')],
	// ADM-1 (issue 14): the member directory and the audit export.
	'/admin/members':     [L('/admin/members'),       '403',  L('/admin/members'),        '403',    '200',  L('/admin/members')],
	'/admin/audit.csv':   [L('/admin/audit.csv'),     '403',  L('/admin/audit.csv'),      '403',    '200',  L('/admin/audit.csv')],
	'/admin/mail':        [L('/admin/mail'),          '403',  L('/admin/mail'),           '403',    '200',  L('/admin/mail')],
	'/admin/imports':     [L('/admin/imports'),       '403',  L('/admin/imports'),        '403',    '200',  L('/admin/imports')],
	// ADM-1 (issue 14): every feature's queues, their CSV, a kept import file (none numbered 0).
	'/admin/queues':      [L('/admin/queues'),        '403',  L('/admin/queues'),         '403',    '200',  L('/admin/queues')],
	'/admin/queues.csv':  [L('/admin/queues.csv'),    '403',  L('/admin/queues.csv'),     '403',    '200',  L('/admin/queues.csv')],
	'/admin/imports/0':   [L('/admin/imports/0'),     '403',  L('/admin/imports/0'),      '403',    '404',  L('/admin/imports/0')],
	'/metrics':           ['404',                     '404',  '404',                      '404',    '404',  '404'],
	'/healthz':           ['404',                     '404',  '404',                      '404',    '404',  '404'],
	// OPS-1 (issue 14): central IT's tenant lifecycle is the ops host's only.
	'/tenants/new':       ['404',                     '404',  '404',                      '404',    '404',  '404'],
};

// The credit service's pages (CME-1, CME-2; src/credit/) on the tenants
// whose features = name credit; none of them on board.  Columns: ACTORS.
const CREDIT_ROWS = {
	//                     none                        member  other member                reviewer  admin   other admin
	'/credits':           [L('/credits'),             '200',  L('/credits'),              '403',    '403',  L('/credits')],
	'/events':            [L('/events'),              '403',  L('/events'),               '403',    '200',  L('/events')],
	'/events/new':        [L('/events/new'),          '403',  L('/events/new'),           '403',    '200',  L('/events/new')],
	'/admin/events':      [L('/admin/events'),        '403',  L('/admin/events'),         '403',    '200',  L('/admin/events')],
	// The tenant admin's curriculum codes (issue 13).
	'/admin/credit/codes': [L('/admin/credit/codes'), '403',  L('/admin/credit/codes'),   '403',    '200',  L('/admin/credit/codes')],
	'/admin/credit/codes/import': [L('/admin/credit/codes/import'), '403', L('/admin/credit/codes/import'), '403', '200', L('/admin/credit/codes/import')],
};
// The palliative certification's pages (PAL-1, PAL-3, PAL-12; feature
// certify): palliative only.  Its reviewer is a supervisor (the role
// alone): マイページTOP, 指導医 and 症例承認.  Columns: ACTORS.
const CERTIFY_ROWS = {
	//                     none                        member  other member                reviewer  admin   other admin
	'/certify':           [L('/certify'),             '200',  L('/certify'),              '200',    '403',  L('/certify')],
	'/certify/supervisor': [L('/certify/supervisor'), '200',  L('/certify/supervisor'),   '200',    '403',  L('/certify/supervisor')],
	'/certify/specialist': [L('/certify/specialist'), '200',  L('/certify/specialist'),   '403',    '403',  L('/certify/specialist')],
	'/certify/certified': [L('/certify/certified'),   '200',  L('/certify/certified'),    '403',    '403',  L('/certify/certified')],
	'/certify/facilities': [L('/certify/facilities'), '200',  L('/certify/facilities'),   '403',    '403',  L('/certify/facilities')],
	'/cases':             [L('/cases'),               '200',  L('/cases'),                '403',    '403',  L('/cases')],
	'/cases/new':         [L('/cases/new'),           '200',  L('/cases/new'),            '403',    '403',  L('/cases/new')],
	'/cases/review':      [L('/cases/review'),        '403',  L('/cases/review'),         '200',    '403',  L('/cases/review')],
	'/admin/certify':     [L('/admin/certify'),       '403',  L('/admin/certify'),        '403',    '200',  L('/admin/certify')],
	'/admin/certify/sites': [L('/admin/certify/sites'), '403', L('/admin/certify/sites'), '403',    '200',  L('/admin/certify/sites')],
};
// The oncology renewal's pages (ONC-1, ONC-14; feature renewal):
// oncology only.  Columns: ACTORS.
const RENEWAL_ROWS = {
	//                     none                        member  other member                reviewer  admin   other admin
	'/specialist':        [L('/specialist'),          '200',  L('/specialist'),           '403',    '403',  L('/specialist')],
	'/admin/renewal/rules': [L('/admin/renewal/rules'), '403', L('/admin/renewal/rules'), '403',    '200',  L('/admin/renewal/rules')],
	'/admin/renewal/exams': [L('/admin/renewal/exams'), '403', L('/admin/renewal/exams'), '403',    '200',  L('/admin/renewal/exams')],
	'/admin/renewal/exams/import': [L('/admin/renewal/exams/import'), '403', L('/admin/renewal/exams/import'), '403', '200', L('/admin/renewal/exams/import')],
};
const absent = (rows) => Object.fromEntries(Object.keys(rows).map((p) => [p, Array(ACTORS.length).fill('404')]));
const FEATURE_MATRIX = {
	board: { ...absent(CREDIT_ROWS), ...absent(CERTIFY_ROWS), ...absent(RENEWAL_ROWS) },
	palliative: { ...CREDIT_ROWS, ...CERTIFY_ROWS, ...absent(RENEWAL_ROWS) },
	oncology: { ...CREDIT_ROWS, ...absent(CERTIFY_ROWS), ...RENEWAL_ROWS },
	medassoc: { ...CREDIT_ROWS, ...absent(CERTIFY_ROWS), ...absent(RENEWAL_ROWS) },
};

// The ops host.  Columns: no session, a tenant admin's cookie, central IT.
const OPS_ACTORS = ['none', 'tenantAdmin', 'centralIt'];
const OPS_MATRIX = {
	//                     none                        tenant admin cookie         central IT
	'/':                  ['303 /login',              '303 /login',               '200'],
	'/login':             ['200',                     '200',                      '200'],
	'/account':           [L('/account'),             L('/account'),              '200'],
	'/account/password':  [L('/account/password'),    L('/account/password'),     '200'],
	'/account/totp':      [L('/account/totp'),        L('/account/totp'),         '200'],
	'/admin/unlock':      [L('/admin/unlock'),        L('/admin/unlock'),         '200'],
	'/admin/audit':       [L('/admin/audit'),         L('/admin/audit'),          '200'],
	'/tenants/new':       [L('/tenants/new'),         L('/tenants/new'),          '200'],
	'/metrics':           ['401',                     '401',                      '200'],
	'/healthz':           ['200',                     '200',                      '200'],
	// Tenant pages do not exist on the ops host.
	'/terms':             ['404',                     '404',                      '404'],
	'/password/temp':     ['404',                     '404',                      '404'],
	'/kept':              ['404',                     '404',                      '404'],
	'/admin':             ['404',                     '404',                      '404'],
	'/admin/members':     ['404',                     '404',                      '404'],
	'/admin/mail':        ['404',                     '404',                      '404'],
	'/admin/imports':     ['404',                     '404',                      '404'],
	'/admin/queues':      ['404',                     '404',                      '404'],
	'/admin/queues.csv':  ['404',                     '404',                      '404'],
	'/admin/imports/0':   ['404',                     '404',                      '404'],
};

const people = {};	// slug → { member, reviewer, admin }: { user, client }
let it;

before(async () => {
	resetThrottle();
	for (const slug of SLUGS) {
		people[slug] = {};
		for (const [who, roles] of [['member', []], ['reviewer', [REVIEWER[slug]]], ['admin', ['tenant_admin']]]) {
			const user = createUser(slug, { roles, tag: `iso${who[0]}` });
			// Staff of board and medassoc enrol TOTP on the way (totp_required = staff).
			const client = await signIn(user.host, user.ident, user.password, { enrol: true });
			assert.equal(client.forced, undefined, `${slug} ${who}: left at ${client.forced}`);
			people[slug][who] = { user, client };
		}
	}
	it = await opsClient('iso');
});

/** The cookie-jar that plays `actor` on `slug`'s host. */
function clientFor(slug, actor) {
	const host = HOSTS[slug];
	switch (actor) {
	case 'none': return new Client(host);
	case 'member': return people[slug].member.client;
	case 'reviewer': return people[slug].reviewer.client;
	case 'admin': return people[slug].admin.client;
	case 'otherMember': return people[OTHER[slug]].member.client.on(host);
	case 'otherAdmin': return people[OTHER[slug]].admin.client.on(host);
	}
	throw new Error(actor);
}

const cell = (r) => `${r.status}${r.status >= 300 && r.status < 400 ? ` ${r.location}` : ''}`;

for (const slug of SLUGS) {
	const matrix = { ...TENANT_MATRIX, ...FEATURE_MATRIX[slug] };
	test(`CORE-16 CORE-17 CORE-10: the isolation matrix on ${slug}.localhost (${Object.keys(matrix).length} pages × ${ACTORS.length} visitors)`, async () => {
		const wrong = [];
		const other = OTHER[slug];
		for (const [p, row] of Object.entries(matrix)) {
			for (let i = 0; i < ACTORS.length; i++) {
				const actor = ACTORS[i];
				const c = clientFor(slug, actor);
				const r = await c.get(p);
				const got = cell(r);
				if (got !== row[i])
					wrong.push(`${slug} ${p} as ${actor}: want ${row[i]}, got ${got}`);
				// Whatever it answers, another tenant's visitor learns nothing of theirs.
				if (actor.startsWith('other')) {
					const leaks = foreignNames(r.body, slug);
					if (leaks.length)
						wrong.push(`${slug} ${p} as ${actor}: names ${leaks}`);
					const them = people[other][actor === 'otherMember' ? 'member' : 'admin'].user;
					if (r.body.includes(them.uid) || (them.name && r.body.includes(them.name)))
						wrong.push(`${slug} ${p} as ${actor}: shows the visitor's own record`);
				}
			}
		}
		// The signed-in cells really are signed in (and as whom): the model's <user>.
		for (const actor of ACTORS) {
			const m = await clientFor(slug, actor).model('/');
			const signed = /<user\b/.test(m.body);
			const want = ['member', 'reviewer', 'admin'].includes(actor);
			if (signed !== want)
				wrong.push(`${slug} / as ${actor}: signed in = ${signed}`);
		}
		// The foreign cookies still work at home: refused here is not logged out there.
		for (const who of ['member', 'admin'])
			assert.equal((await people[other][who].client.get('/account')).status, 200, `${other} ${who} at home`);
		assert.deepEqual(wrong, [], `\n${wrong.join('\n')}`);
	});
}

test('CORE-16 CORE-17 CORE-1: the ops host matrix (no session, a tenant admin\'s cookie, central IT)', async () => {
	const wrong = [];
	const clients = {
		none: new Client(HOSTS.ops),
		tenantAdmin: people.board.admin.client.on(HOSTS.ops),
		centralIt: it,
	};
	for (const [p, row] of Object.entries(OPS_MATRIX)) {
		for (let i = 0; i < OPS_ACTORS.length; i++) {
			const r = await clients[OPS_ACTORS[i]].get(p);
			const got = cell(r);
			if (got !== row[i])
				wrong.push(`ops ${p} as ${OPS_ACTORS[i]}: want ${row[i]}, got ${got}`);
		}
	}
	// Central IT's cookie is nothing on a tenant host either.
	for (const slug of SLUGS) {
		const r = await it.on(HOSTS[slug]).get('/admin/audit');
		if (cell(r) !== L('/admin/audit'))
			wrong.push(`${slug} /admin/audit with central IT's cookie: ${cell(r)}`);
	}
	assert.deepEqual(wrong, [], `\n${wrong.join('\n')}`);
});

/** Seconds left on a lock. */
const lockLeft = (u) => Number(rows(`SELECT IFNULL(GREATEST(TIMESTAMPDIFF(SECOND, NOW(), locked_until), 0), 0) FROM account WHERE tenant = ${q(u.slug)} AND uid = ${q(u.uid)}`)[0]?.[0] || 0);

for (const slug of ['board', 'palliative']) {
	test(`CORE-6 CORE-16 CORE-17 CORE-11: POST /admin/unlock on ${slug}.localhost unlocks only for the tenant admin; every other visitor (with their own valid token) changes nothing`, async () => {
		const victim = createUser(slug, { tag: 'isov' });
		const c = new Client(victim.host);
		for (let i = 0; i < 5; i++) {
			const f = await c.model('/login');
			await c.postRaw('/login', { csrf: csrfOf(f.body), ident: victim.ident, password: `Wrong-${i}-2026xx` });
		}
		assert.ok(lockLeft(victim) > 0, 'locked');
		const want = {
			none: ['303 /login'],	// an anonymous session's own token: sent to sign in
			member: ['403'],
			otherMember: ['403', '303 /login?next=/kept'],
			reviewer: ['403'],
			otherAdmin: ['403', '303 /login?next=/kept'],
		};
		for (const [actor, ok] of Object.entries(want)) {
			const cl = clientFor(slug, actor);
			// Each brings the token of their own session (on their own host).
			const home = actor.startsWith('other') ? people[OTHER[slug]][actor === 'otherMember' ? 'member' : 'admin'].client : cl;
			const csrf = actor === 'none' ? csrfOf((await home.model('/login')).body) : await home.csrf('/account');
			const r = await cl.postRaw('/admin/unlock', { csrf, ident: victim.ident });
			assert.ok(ok.includes(cell(r)), `${actor}: ${cell(r)}`);
			assert.ok(lockLeft(victim) > 0, `${actor} unlocked the account`);
		}
		const r = await clientFor(slug, 'admin').post('/admin/unlock', { ident: victim.ident });
		assert.equal(r.status, 200);
		assert.equal(lockLeft(victim), 0, 'the tenant admin could not unlock');
		resetThrottle();
	});
}

// medassoc's own pages (feature cme, issue 13): a member's, by role
// (a reviewer or admin who is not a member is refused), and 404 on every
// other tenant whoever asks (the feature is not theirs).  The
// application's own address is the platform's (/application/<kind>):
// there a member of another tenant meets 404 too.
const CME_PAGES = ['/cme', '/cme/history', '/cme/self', '/application/kakari',
	'/admin/cme/assocs', '/admin/cme/assocs/new', '/admin/cme/assocs/import', '/admin/cme/assocs/13001'];
// The tenant admin's associations (issue 13): the admin's alone.
const CME_ROW = (p) => (p.startsWith('/admin/') ? [L(p), '403', L(p), '403', '200', L(p)] :
    [L(p), '200', L(p), '403', '403', L(p)]);

test('CORE-16 CORE-17 CME-3 CME-8: the cme pages on medassoc.localhost by visitor, 404 on the other tenants', async () => {
	const wrong = [];
	for (const p of CME_PAGES) {
		const row = CME_ROW(p);
		for (let i = 0; i < ACTORS.length; i++) {
			const r = await clientFor('medassoc', ACTORS[i]).get(p);
			if (cell(r) !== row[i])
				wrong.push(`medassoc ${p} as ${ACTORS[i]}: want ${row[i]}, got ${cell(r)}`);
		}
		for (const slug of SLUGS.filter((s) => s !== 'medassoc'))
			for (const actor of p.startsWith('/application/') ? ['member'] : ['none', 'member', 'admin']) {
				const r = await clientFor(slug, actor).get(p);
				if (r.status !== 404)
					wrong.push(`${slug} ${p} as ${actor}: want 404, got ${cell(r)}`);
			}
	}
	assert.deepEqual(wrong, []);
});
