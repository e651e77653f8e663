// 現在の状況 on every tenant against the real stack (issue 9 item 8):
// /dashboard is the platform's page (src/apply/dashboard.c), no longer
// recruitment's.  It lists the member's applications of every feature
// with state, next step and deadline (apply_member_apps_model(), CORE-12
// CORE-18 CORE-19), then each enabled feature's own part (struct
// feature's dashboard hook: recruitment's rounds, BRD-10); with nothing
// under way it says so and points to what the member can do.

import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';

import {
	Client, signIn, createUser, sql, rows, q, resetThrottle, uniqueDigits, gist,
} from './auth.mjs';

const SLUGS = ['board', 'palliative', 'oncology', 'medassoc'];

beforeEach(() => resetThrottle());

test('CORE-21 CORE-16 issue 9: /dashboard is 200 for a signed-in member on every tenant, 「現在の状況」 is in the menu, and a visitor is sent to sign in', async () => {
	for (const slug of SLUGS) {
		const u = createUser(slug, { tag: 'db' });
		const c = await signIn(u.host, u.ident, u.password);
		const r = await c.model('/dashboard');
		assert.equal(r.status, 200, `${slug}: ${gist(r)}`);
		assert.match(r.body, /<page name="dashboard"/, slug);
		assert.match(r.body, /<item key="menu.dashboard" href="\/dashboard" current="1"\/>/, slug);
		// Every page's menu has it for a member, not only the dashboard.
		assert.match((await c.model('/account')).body, /<item key="menu.dashboard" href="\/dashboard"\/>/, slug);
		const html = await c.get('/dashboard');
		assert.match(html.body, /<h1>現在の状況<\/h1>/, slug);
		assert.match(html.body, /href="\/member"/, `${slug}: 会員情報 linked`);
		const anon = await new Client(u.host).get('/dashboard');
		assert.equal(anon.status, 303, slug);
		assert.match(anon.location, /^\/login/, slug);
		// Not in a visitor's menu.
		assert.ok(!/menu.dashboard/.test((await new Client(u.host).model('/')).body), slug);
	}
});

test('CORE-21 issue 9: where the member has nothing under way the page says so plainly and points to 会員情報 and the account', async () => {
	for (const slug of ['palliative', 'oncology', 'medassoc']) {
		const u = createUser(slug, { tag: 'de' });
		const c = await signIn(u.host, u.ident, u.password);
		const r = await c.model('/dashboard');
		assert.match(r.body, /<content empty="1">/, slug);
		const html = (await c.get('/dashboard')).body;
		assert.match(html, /現在、手続き中の申請・応募はありません。/, slug);
		assert.match(html, /<a class="link-card-link" href="\/member">会員情報<\/a>/, slug);
		assert.match(html, /<a class="link-card-link" href="\/account">/, slug);
		// No feature's part where the tenant enables none.
		assert.ok(!/<dashboard /.test(r.body), `${slug}: a feature's part`);
	}
	const en = createUser('oncology', { tag: 'den' });
	const c = await signIn(en.host, en.ident, en.password);
	await c.postRaw('/lang', { csrf: /csrf="([^"]+)"/.exec((await c.model('/dashboard')).body)[1], to: 'en', next: '/dashboard' });
	assert.match((await c.get('/dashboard')).body, /You have no application in progress\./);
});

test('BRD-10 issue 9: a board resident still sees their recruitment part (schedule, whether they may apply, their applications)', async () => {
	const u = createUser('board', { tag: 'dr' });
	const c = await signIn(u.host, u.ident, u.password);
	const r = await c.model('/dashboard');
	assert.equal(r.status, 200, gist(r));
	assert.match(r.body, /<dashboard now="[^"]+" year="\d{4}">/);
	assert.match(r.body, /<schedule year="\d{4}"/);
	assert.match(r.body, /<apply-status /);
	const html = (await c.get('/dashboard')).body;
	assert.match(html, /<h2 id="recruit-dash-title">専門研修プログラムへの応募<\/h2>/);
	assert.match(html, /募集スケジュール/);
	assert.match(html, /応募中・採用が決定している研修プログラムはありません。/);
	// The done= flashes of cancel and decline still reach the page.
	assert.match((await c.model('/dashboard?done=cancelled')).body, /recruit.msg.cancelled/);
});

test('CORE-12 CORE-18 CORE-19 BRD-11 issue 9: an application shows with its state, next step, number and deadline', async () => {
	const u = createUser('board', { tag: 'da' });
	const c = await signIn(u.host, u.ident, u.password);
	let r = await c.model('/dashboard');
	const off = /<offering kind="completion"[^>]*>\s*<window state="([a-z]+)" year="(\d+)"[^>]*close-at="([^"]+)"/.exec(r.body);
	assert.ok(off, `the board's completion offering on the dashboard:\n${gist(r, 2000)}`);
	assert.doesNotMatch(r.body, /<offering kind="completion"[^>]*>\s*<window[^>]*\/>\s*<app /, 'no application yet');
	// Not in an accepted program: the feature's reason, and no next step.
	assert.match(r.body, /<offering kind="completion"[^>]*note="training.why.no-program"/);
	let html = (await c.get('/dashboard')).body;
	assert.match(html, /研修プログラムに採用されていないため/);
	assert.doesNotMatch(html, /申請を始めてください/);
	const [[offeringId]] = rows(`SELECT id FROM offering WHERE tenant = 'board' AND kind = 'completion' AND year = ${off[2]}`);
	const number = `TT${uniqueDigits(9)}`;
	sql(`INSERT INTO app (tenant, uid, offering_id, number, state, stage, created_at, updated_at, submitted_at, return_comment)
	    VALUES ('board', ${q(u.uid)}, ${offeringId}, ${q(number)}, 'returned', 0, NOW(), NOW(), NOW(), '期間を直してください')`);
	r = await c.model('/dashboard');
	assert.match(r.body, new RegExp(`<app id="\\d+" number="${number}" state="returned"[^>]*next="apply.next.resubmit"`));
	html = (await c.get('/dashboard')).body;
	assert.match(html, /差し戻し/);
	assert.match(html, /修正して再度申請してください/);
	assert.match(html, new RegExp(`申請番号 ${number}`));
	if (off[1] === 'open')
		assert.match(html, /締切 \d{4}年\d{1,2}月\d{1,2}日/);
	assert.match(html, /href="\/application\/completion"/);
	// Submitted: the stage it waits at, and the next step is the review.
	sql(`UPDATE app SET state = 'submitted' WHERE tenant = 'board' AND number = ${q(number)}`);
	r = await c.model('/dashboard');
	assert.match(r.body, new RegExp(`<app id="\\d+" number="${number}" state="submitted"[^>]*next="apply.next.review" stage-title="[^"]+"`));
	assert.doesNotMatch(r.body, /<content empty="1">/);
	// Another member of the tenant does not see it.
	const o = createUser('board', { tag: 'do' });
	const oc = await signIn(o.host, o.ident, o.password);
	assert.ok(!(await oc.model('/dashboard')).body.includes(number));
});
