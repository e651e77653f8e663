// Every feature's application queues on one page (ADM-1; issue 14):
// /admin/queues lists the tenant's applications of every feature with
// filters (feature, offering, year, state, reviewer, waiting longer
// than N days) and counts per state of exactly the filtered ones;
// /admin/queues.csv writes exactly the filtered rows for Excel (BOM,
// CRLF, RFC 4180), audited.  Checked against the database on two
// tenants (board: training; oncology: renewal with two offerings), and
// isolated: a member 403, another tenant's admin sent to sign in.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import { signIn, createUser, rows, q, resetThrottle, auditRows, gist, HOSTS } from './auth.mjs';

const SLUGS = ['board', 'oncology'];
const OTHER = { board: 'oncology', oncology: 'board' };
const T = {};

before(async () => {
	resetThrottle();
	for (const slug of SLUGS) {
		const a = createUser(slug, { roles: ['tenant_admin'], tag: 'admq' });
		const admin = await signIn(HOSTS[slug], a.ident, a.password, { enrol: true });
		admin.user = a;
		T[slug] = { admin };
	}
});

const numbers = (body) => [...body.matchAll(/<app id="(\d+)"/g)].map((x) => x[1]);
const counts = (body) => Object.fromEntries([...body.matchAll(/<count state="([a-z]+)" n="(\d+)"\/>/g)].map((x) => [x[1], Number(x[2])]));

/** The application ids (col 'id') or numbers of the tenant matching a WHERE on a (app) and o (offering). */
function dbNumbers(slug, where = '1', col = 'id') {
	return rows(`SELECT a.${col} FROM app a JOIN offering o ON o.id = a.offering_id
	    WHERE a.tenant = ${q(slug)} AND ${where} ORDER BY a.submitted_at IS NULL, a.submitted_at, a.id`).map((r) => r[0]);
}
function dbCounts(slug, where = '1') {
	return Object.fromEntries(rows(`SELECT a.state, COUNT(*) FROM app a JOIN offering o ON o.id = a.offering_id
	    WHERE a.tenant = ${q(slug)} AND ${where} GROUP BY a.state`).map((r) => [r[0], Number(r[1])]));
}

for (const slug of SLUGS) {
	test(`ADM-1: ${slug}: /admin/queues lists every feature's applications with counts per state, as the database has them, and each filter narrows them`, async () => {
		const { admin } = T[slug];
		let r = await admin.model('/admin/queues');
		assert.equal(r.status, 200, gist(r));
		const all = dbNumbers(slug);
		assert.ok(all.length > 0, 'the demo has applications');
		assert.deepEqual(counts(r.body), dbCounts(slug));
		assert.match(r.body, new RegExp(`total="${all.length}"`));
		if (all.length <= 500)
			assert.deepEqual(numbers(r.body), all);
		// No other tenant's application is ever listed.
		for (const n of dbNumbers(OTHER[slug], '1', 'number'))
			assert.ok(!r.body.includes(`number="${n}"`), `${n} of ${OTHER[slug]}`);

		// State: only that state; the counts keep every state (what choosing each gives).
		r = await admin.model('/admin/queues?state=submitted');
		assert.deepEqual(numbers(r.body), dbNumbers(slug, "a.state = 'submitted'").slice(0, 500));
		assert.deepEqual(counts(r.body), dbCounts(slug));
		// Feature, offering, year.
		const [[feature, kind, year]] = rows(`SELECT o.feature, o.kind, o.year FROM app a JOIN offering o ON o.id = a.offering_id
		    WHERE a.tenant = ${q(slug)} ORDER BY o.kind DESC LIMIT 1`);
		r = await admin.model(`/admin/queues?feature=${feature}`);
		assert.deepEqual(counts(r.body), dbCounts(slug, `o.feature = ${q(feature)}`));
		r = await admin.model(`/admin/queues?kind=${kind}&year=${year}`);
		assert.deepEqual(counts(r.body), dbCounts(slug, `o.kind = ${q(kind)} AND o.year = ${year}`));
		assert.deepEqual(numbers(r.body), dbNumbers(slug, `o.kind = ${q(kind)} AND o.year = ${year}`).slice(0, 500));
		r = await admin.model(`/admin/queues?year=${Number(year) + 50}`);
		assert.deepEqual(numbers(r.body), []);
		assert.match(r.body, /total="0"/);
		// Waiting longer than 3650 days: only submitted ones waiting that
		// long (122 leaves applications submitted in 2009 on a shared
		// stack, so "none" cannot be assumed); longer than 0 days: only
		// submitted ones.
		r = await admin.model('/admin/queues?days=3650');
		for (const m of r.body.matchAll(/<app [^>]*>/g)) {
			assert.match(m[0], /state="submitted"/);
			assert.ok(Number(/waiting-days="(\d+)"/.exec(m[0])?.[1]) >= 3650, m[0]);
		}
		r = await admin.model('/admin/queues?days=0');
		for (const m of r.body.matchAll(/<app [^>]*state="([a-z]+)"/g))
			assert.equal(m[1], 'submitted');
		// Reviewer: the applications one acted on, or assigned to them.
		const acted = rows(`SELECT actor FROM app_event WHERE tenant = ${q(slug)} AND actor IS NOT NULL
		    AND kind IN ('approve', 'return', 'reject') AND actor NOT LIKE 'ctl:%' LIMIT 1`);
		if (acted.length) {
			const who = acted[0][0];
			r = await admin.model(`/admin/queues?reviewer=${who}`);
			const want = dbNumbers(slug, `(a.scope = CONCAT('uid:', ${q(who)}) OR a.id IN (SELECT app_id FROM app_event
			    WHERE tenant = ${q(slug)} AND actor = ${q(who)} AND kind IN ('approve', 'return', 'reject', 'reassign')))`);
			assert.ok(want.length > 0);
			assert.deepEqual(numbers(r.body), want.slice(0, 500));
		}
		// A value that is no filter is dropped, not an error.
		r = await admin.model('/admin/queues?state=bogus&feature=recruit&kind=nope&year=abcd&days=-1');
		assert.equal(r.status, 200);
		assert.deepEqual(counts(r.body), dbCounts(slug));
		// The page in HTML, with its CSV link carrying the filters.
		r = await admin.get('/admin/queues?state=submitted');
		assert.equal(r.status, 200);
		assert.match(r.body, /href="\/admin\/queues\.csv\?feature=&amp;kind=&amp;year=&amp;state=submitted&amp;reviewer=&amp;days="/);
	});

	test(`ADM-1 CORE-15: ${slug}: /admin/queues.csv is exactly the filtered rows for Excel (BOM, CRLF, RFC 4180), and the export is audited`, async () => {
		const { admin } = T[slug];
		const [[kind]] = rows(`SELECT o.kind FROM app a JOIN offering o ON o.id = a.offering_id WHERE a.tenant = ${q(slug)} LIMIT 1`);
		const before = auditRows(`tenant = ${q(slug)} AND actor = ${q(admin.user.uid)} AND action = 'queue.export'`).length;
		const r = await admin.get(`/admin/queues.csv?kind=${kind}&state=submitted`);
		assert.equal(r.status, 200, gist(r));
		assert.match(r.headers['content-type'], /^text\/csv/);
		assert.match(r.headers['content-disposition'], /attachment/);
		assert.ok(r.body.startsWith('\ufeff申請番号,'), 'BOM and the Japanese header');
		assert.ok(r.body.endsWith('\r\n'));
		const lines = r.body.slice(1).split('\r\n').slice(0, -1);
		assert.ok(!lines.some((l) => l.includes('\n')), 'CRLF only');
		const want = dbNumbers(slug, `o.kind = ${q(kind)} AND a.state = 'submitted'`, 'number');
		assert.deepEqual(lines.slice(1).map((l) => l.split(',')[0]), want);
		assert.equal(auditRows(`tenant = ${q(slug)} AND actor = ${q(admin.user.uid)} AND action = 'queue.export'`).length, before + 1);
		// In English, the English header.
		const en = await admin.get(`/admin/queues.csv?kind=${kind}&state=submitted`, { headers: { 'accept-language': 'en' } });
		assert.equal(en.status, 200);
	});

	test(`ADM-1 CORE-16 CORE-17: ${slug}: a member gets 403 on the queues and their CSV; another tenant's admin is sent to sign in`, async () => {
		const m = createUser(slug, { tag: 'admr' });
		const mc = await signIn(HOSTS[slug], m.ident, m.password);
		for (const p of ['/admin/queues', '/admin/queues.csv'])
			assert.equal((await mc.get(p)).status, 403, p);
		const other = T[OTHER[slug]].admin.on(HOSTS[slug]);
		for (const p of ['/admin/queues', '/admin/queues.csv']) {
			const r = await other.get(p);
			assert.equal(r.status, 303, p);
			assert.match(r.location, /^\/login/);
		}
	});
}
