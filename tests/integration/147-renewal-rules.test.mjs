// The credit rules as the society's data (ONC-13, ONC-14; issue 12):
// /admin/renewal/rules shows tenant.conf's renewal.* defaults until the
// office saves its own; a save is validated (ranges, a cap no larger
// than the total, a kind that counts), audited in its transaction and
// bumps refdata_version, and the completion check of every member
// follows the new rules on the next request (the workers' reference
// cache); members cannot reach the page.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { createUser, signIn, rows, sql, resetThrottle, errorKeys } from './auth.mjs';
import { BASE, YEAR, openWindows, specialist, fillAll, addSeminar, shortfallTexts } from './renewal.mjs';

const RULES = '/admin/renewal/rules';
let admin, adminUser;

const DEFAULTS = {
	needed: '50', count_meeting: '1', count_paper: '1', count_seminar: '1',
	cap_meeting: '0', cap_paper: '0', cap_seminar: '0',
};

const version = () => Number(rows('SELECT version FROM refdata_version WHERE id = 1')[0][0]);
const audits = () => Number(rows(`SELECT COUNT(*) FROM audit WHERE tenant = 'oncology' AND action = 'renewal.rules'`)[0][0]);

before(async () => {
	resetThrottle();
	openWindows();
	sql(`DELETE FROM renewal_rules WHERE tenant = 'oncology'`);
	adminUser = createUser('oncology', { roles: ['tenant_admin'], tag: 'rr' });
	admin = await signIn(adminUser.host, adminUser.ident, adminUser.password);
});

after(() => {
	sql(`DELETE FROM renewal_rules WHERE tenant = 'oncology'`);
});

/** Save rules (unticked boxes are left out, as a browser does). */
function save(rules) {
	const form = { ...rules };
	for (const k of ['count_meeting', 'count_paper', 'count_seminar'])
		if (form[k] !== '1')
			delete form[k];
	return admin.post(RULES, form);
}

test('ONC-14 the rules page shows tenant.conf\'s defaults; members cannot reach it', async () => {
	const r = await admin.get(RULES);
	assert.equal(r.status, 200);
	assert.match(r.body, /更新申請 単位ルール/);
	assert.match(r.body, /初期設定（tenant.conf）のままです/);
	const m = await admin.model(RULES);
	assert.match(m.body, /<renewal-rules source="conf" needed="50" counts="111"\/>/);
	assert.match(m.body, /<field name="needed"[^>]*><value>50<\/value>/);
	const { c } = await specialist();
	const g = await c.get(RULES);
	assert.ok([403, 404].includes(g.status), `member GET: ${g.status}`);
	const csrf = await c.csrf('/specialist');
	const pr = await c.postRaw(RULES, { csrf, ...DEFAULTS, needed: '1' });
	assert.ok([403, 404].includes(pr.status), `member POST: ${pr.status}`);
	assert.equal(rows(`SELECT COUNT(*) FROM renewal_rules WHERE tenant = 'oncology'`)[0][0], '0');
});

test('ONC-14 a save is validated: range, a cap over the total, no kind counting; nothing stored', async () => {
	const before = audits();
	const cases = [
		[{ ...DEFAULTS, needed: '1001' }, 'needed', 'renewal.err.range'],
		[{ ...DEFAULTS, needed: 'x' }, 'needed', null],
		[{ ...DEFAULTS, cap_paper: '60' }, 'cap_paper', 'renewal.err.cap'],
		[{ ...DEFAULTS, count_meeting: '', count_paper: '', count_seminar: '' }, 'count_meeting', 'renewal.err.no-kind'],
	];
	for (const [form, field, key] of cases) {
		const csrf = await admin.csrf(RULES);
		const r = await admin.postRaw(RULES, { csrf, ...Object.fromEntries(Object.entries(form).filter(([, v]) => v !== '')) }, { xml: true });
		assert.equal(r.status, 200, `${field}: ${r.status}`);
		const keys = errorKeys(r.body);
		assert.ok(keys.length > 0, `${field}: an error`);
		if (key)
			assert.ok(keys.includes(key), `${field}: ${keys.join(',')}`);
		assert.match(r.body, new RegExp(`<field name="${field}"[^>]*>(<value>[^<]*</value>)?<error`), `${field} marked`);
	}
	assert.equal(rows(`SELECT COUNT(*) FROM renewal_rules WHERE tenant = 'oncology'`)[0][0], '0');
	assert.equal(audits(), before);
});

test('ONC-13/14 saved rules: audited in the transaction, refdata bumped, the completion check follows at once', async () => {
	const { u, c } = await specialist();
	addSeminar(u.uid, { on: `${YEAR - 1}-07-06`, units: 10 });
	await fillAll(c);
	// Defaults: 10 meeting + 30 paper + 10 seminar = 50 of 50.
	assert.deepEqual(shortfallTexts((await c.get(BASE)).body), []);

	const v0 = version();
	const a0 = audits();
	let r = await save({ ...DEFAULTS, needed: '60' });
	assert.equal(r.status, 303);
	assert.equal(r.location, `${RULES}?done=saved`);
	assert.ok(version() > v0, 'refdata_version bumped');
	assert.equal(audits(), a0 + 1);
	const line = rows(`SELECT actor, object, detail FROM audit WHERE tenant = 'oncology' AND action = 'renewal.rules' ORDER BY id DESC LIMIT 1`)[0];
	assert.equal(line[0], adminUser.uid);
	assert.match(line[2], /needed 50→60/);
	assert.deepEqual(rows(`SELECT needed, updated_by FROM renewal_rules WHERE tenant = 'oncology'`), [['60', adminUser.uid]]);
	assert.deepEqual(shortfallTexts((await c.get(BASE)).body), ['業績単位が不足しています (現在 50 単位)']);
	const page = await admin.get(`${RULES}?done=saved`);
	assert.match(page.body, /単位ルールを保存しました/);
	assert.match(page.body, /学会事務局の設定/);

	// 論文 no longer counts: 20 of 50.
	r = await save({ ...DEFAULTS, count_paper: '' });
	assert.equal(r.status, 303);
	assert.deepEqual(shortfallTexts((await c.get(BASE)).body), ['業績単位が不足しています (現在 20 単位)']);
	// 論文 capped at 20: 10 + 20 + 10 = 40 of 40.
	r = await save({ ...DEFAULTS, needed: '40', cap_paper: '20' });
	assert.equal(r.status, 303);
	assert.deepEqual(shortfallTexts((await c.get(BASE)).body), []);
	const top = await c.model(BASE);
	assert.match(top.body, /<facts total="40" needed="40"/);
	// Completion itself is checked against them.
	r = await save({ ...DEFAULTS, needed: '45', cap_paper: '20' });
	assert.equal(r.status, 303);
	const post = await c.post(`${BASE}/confirm`, {}, { formPage: BASE });
	assert.equal(post.status, 409);
	assert.deepEqual(shortfallTexts(post.body), ['業績単位が不足しています (現在 40 単位)']);
	assert.equal(rows(`SELECT state FROM app WHERE uid = '${u.uid}'`)[0][0], 'draft');
});
