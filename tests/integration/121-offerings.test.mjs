// /admin/offerings (src/apply/offering_admin.c; CORE-18, PAL-12, ONC-14):
// the tenant admin sets an offering's window for a year; it is validated
// (a kind of the tenant's features, a four-digit year, date-times, closing
// after opening), audited in its transaction (CORE-15), and bumps the
// reference-data version, so the member's menu on every worker shows the
// new window at once.  The menu entry is the tenant admin's only, and only
// where the tenant has offerings.
//
// The board's completion window of the current year is moved and put
// back; a far year (2010) is made for the rest.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import {
	signIn, createUser, rows, sql, q, csrfOf, resetThrottle, auditRows, gist, errorKeys, HOSTS,
} from './auth.mjs';

const HOST = HOSTS.board;
let admin, member, current;

const version = () => BigInt(rows('SELECT version FROM refdata_version WHERE id = 1')[0][0]);
const windowOf = (year) => rows(`SELECT open_at, close_at FROM offering WHERE tenant = 'board' AND kind = 'completion' AND year = ${year}`)[0];

before(async () => {
	resetThrottle();
	// The window the member sees now (open, else the next, else the last).
	[current] = rows("SELECT year, open_at, close_at FROM offering WHERE tenant = 'board' AND kind = 'completion' AND year < 2100 ORDER BY close_at DESC LIMIT 1");
	const a = createUser('board', { roles: ['tenant_admin'], tag: 'offadm' });
	admin = await signIn(HOST, a.ident, a.password, { enrol: true });
	admin.user = a;
	const m = createUser('board', { tag: 'offmem' });
	member = await signIn(HOST, m.ident, m.password);
});

after(() => {
	if (current)
		sql(`UPDATE offering SET open_at = ${q(current[1])}, close_at = ${q(current[2])} WHERE tenant = 'board' AND kind = 'completion' AND year = ${current[0]}`);
	sql("DELETE FROM offering WHERE tenant = 'board' AND kind = 'completion' AND year = 2010 AND id NOT IN (SELECT offering_id FROM app)");
});

/** The note of the member's menu entry of /application/completion. */
async function menuNote(c) {
	const r = await c.model('/');
	const item = /<item key="[^"]*" href="\/application\/completion"[^>]*>(.*?)<\/item>/s.exec(r.body);
	return item ? /<note key="([^"]+)"(?: arg="([^"]*)")?/.exec(item[1]) : null;
}

test('CORE-18 PAL-12: the tenant admin sees every offering with its windows; the menu entry is theirs only', async () => {
	const r = await admin.model('/admin/offerings');
	assert.equal(r.status, 200, gist(r));
	assert.match(r.body, /<offering kind="completion" title="[^"]+" feature="training">/);
	assert.match(r.body, new RegExp(`<window year="${current[0]}" open="${current[1]}" close="${current[2]}" state="(before|open|after)"/`));
	const home = await admin.model('/');
	assert.match(home.body, /<item key="menu.offerings" href="\/admin\/offerings"/);
	const mh = await member.model('/');
	assert.doesNotMatch(mh.body, /href="\/admin\/offerings"/);
	// palliative has no offering (yet): no entry for its admin.
	const pa = createUser('palliative', { roles: ['tenant_admin'], tag: 'offpal' });
	const pc = await signIn(HOSTS.palliative, pa.ident, pa.password, { enrol: true });
	const ph = await pc.model('/');
	assert.equal(ph.status, 200);
	if (!rows("SELECT COUNT(*) FROM offering WHERE tenant = 'palliative'")[0][0].match(/^0$/))
		return;	// a society's feature declares offerings: the entry may show
	assert.doesNotMatch(ph.body, /href="\/admin\/offerings"/);
});

test('CORE-18 CORE-15: editing a window is validated, audited, bumps the reference data, and the member menu shows it', async () => {
	const [year] = current;
	const before = await menuNote(member);
	assert.ok(before, 'the member has the completion entry with its note');
	const v0 = version();
	const a0 = auditRows(`action = 'apply.offering' AND actor = ${q(admin.user.uid)}`).length;
	// A distinctive close time, a year after the current opening.
	const open = current[1].slice(0, 16).replace(' ', 'T');
	const closeYear = Number(current[2].slice(0, 4)) + 1;
	const close = `${closeYear}-02-04T12:34`;
	const r = await admin.post('/admin/offerings', { kind: 'completion', year, open_at: open, close_at: close });
	assert.equal(r.status, 303, gist(r));
	assert.equal(r.location, '/admin/offerings?done=1');
	assert.deepEqual(windowOf(year), [current[1], `${closeYear}-02-04 12:34:00`]);
	assert.ok(version() > v0, 'refdata_version bumped');
	const audit = auditRows(`action = 'apply.offering' AND actor = ${q(admin.user.uid)}`);
	assert.equal(audit.length, a0 + 1);
	// The member's menu, on whichever worker answers, shows the new close.
	for (let i = 0; i < 4; i++) {
		const note = await menuNote(member);
		assert.ok(note && note[2], 'a window in the note');
		assert.match(note[2], new RegExp(`${closeYear}年2月4日 12:34`), `request ${i}: ${note[2]}`);
	}
	const page = await admin.model('/admin/offerings?done=1');
	assert.match(page.body, /key="offerings.saved"/);
});

test('CORE-18: refusals — close before open, a kind the tenant lacks, a bad year or time — change nothing', async () => {
	const v0 = version();
	const before = windowOf(current[0]);
	const cases = [
		[{ kind: 'completion', year: '2010', open_at: '2010-04-30T00:00', close_at: '2010-04-01T00:00' }, 'offerings.err.order'],
		[{ kind: 'completion', year: '2010', open_at: '2010-04-01T00:00', close_at: '2010-04-01T00:00' }, 'offerings.err.order'],
		[{ kind: 'renewal', year: '2010', open_at: '2010-04-01T00:00', close_at: '2010-04-30T00:00' }, 'offerings.err.kind'],
		[{ kind: 'completion', year: '1999', open_at: '2010-04-01T00:00', close_at: '2010-04-30T00:00' }, 'offerings.err.year'],
		[{ kind: 'completion', year: '2010', open_at: '2010-02-30T00:00', close_at: '2010-04-30T00:00' }, 'err.datetime'],
		[{ kind: 'completion', year: '2010', open_at: '', close_at: '2010-04-30T00:00' }, 'err.required'],
	];
	for (const [form, key] of cases) {
		const csrf = await admin.csrf('/admin/offerings');
		const r = await admin.postRaw('/admin/offerings', { csrf, ...form }, { xml: true });
		assert.equal(r.status, 422, `${JSON.stringify(form)}: ${gist(r)}`);
		assert.ok(errorKeys(r.body).includes(key), `${JSON.stringify(form)}: ${errorKeys(r.body)}`);
		// What was typed comes back in the offering's form.
		if (form.kind === 'completion')
			assert.match(r.body, /<edit kind="completion" year="[0-9]+"/);
	}
	assert.equal(windowOf(2010), undefined);
	assert.deepEqual(windowOf(current[0]), before);
	assert.equal(version(), v0);

	// A new year: made, then moved (one row per kind and year).
	let r = await admin.post('/admin/offerings', { kind: 'completion', year: '2010', open_at: '2001-01-01T00:00', close_at: '2001-01-02T00:00' });
	assert.equal(r.status, 303, gist(r));
	r = await admin.post('/admin/offerings', { kind: 'completion', year: '2010', open_at: '2001-01-01T00:00', close_at: '2001-01-03T00:00' });
	assert.equal(r.status, 303);
	assert.deepEqual(windowOf(2010), ['2001-01-01 00:00:00', '2001-01-03 00:00:00']);
	assert.equal(rows("SELECT COUNT(*) FROM offering WHERE tenant = 'board' AND kind = 'completion' AND year = 2010")[0][0], '1');
	// ?kind=&year= fills that offering's form with the window.
	const edit = await admin.model('/admin/offerings?kind=completion&year=2010');
	assert.match(edit.body, /<edit kind="completion" year="2010"\/>/);
	const html = await admin.get('/admin/offerings?kind=completion&year=2010');
	assert.match(html.body, /id="f-close_at" value="2001-01-03T00:00"/);
});

test('CORE-16 CORE-17: a member gets 403 on each admin page; another tenant\'s admin is sent to sign in', async () => {
	const pages = ['/admin/offerings', '/admin/offerings/import', '/admin/review/export',
		'/admin/review/export.csv?kind=completion&year=2026', '/admin/review/export.zip?kind=completion&year=2026'];
	const oa = createUser('oncology', { roles: ['tenant_admin'], tag: 'offonc' });
	const other = (await signIn(HOSTS.oncology, oa.ident, oa.password, { enrol: true })).on(HOST);
	for (const p of pages) {
		const m = await member.get(p);
		assert.equal(m.status, 403, `member ${p}`);
		const o = await other.get(p);
		assert.equal(o.status, 303, `other tenant's admin ${p}`);
		assert.match(o.location, /^\/login\?next=/);
	}
	// A POST too: refused, nothing written.
	const csrf = await member.csrf('/account');
	const r = await member.postRaw('/admin/offerings', { csrf, kind: 'completion', year: '2010', open_at: '2001-01-01T00:00', close_at: '2001-01-05T00:00' });
	assert.equal(r.status, 403);
	assert.notDeepEqual(windowOf(2010), ['2001-01-01 00:00:00', '2001-01-05 00:00:00']);
});
