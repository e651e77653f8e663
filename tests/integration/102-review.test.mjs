// The review chain (issue 9 item 4) on the board's completion application
// (BRD-11): director → society → board, a return at each stage, reviewers
// by role and scope (everyone else 404), a return reopens only that
// application, the reviewer reads the submitted snapshot and not later
// edits, a double click acts once, reassignment by the tenant admin, the
// reminder sweep.  CORE-14 (mail in the action's transaction), CORE-15
// (audit), CORE-17 (another reviewer's application is not there).
//
// Every person is made fresh with shikakuctl; residents are accepted into
// the demo program 01-13-001 (内科) with one SQL row, as the recruitment
// would have, then record and submit through the member's pages.  The
// director stage is reassigned to a fresh director (the program's own is
// a shared demo account).

import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import {
	signIn, createUser, rows, sql, q, csrfOf, errorKeys, waitMail,
	resetThrottle, auditRows, gist, HOSTS,
} from './auth.mjs';
import { pdfText } from './pdf.mjs';

const HOST = HOSTS.board;
const KIND = 'completion';
const P = {};
let program, facility, span;

/** A fresh resident of program 01-13-001 (accepted, as recruitment does). */
async function resident(tag) {
	const user = createUser('board', { tag });
	sql(`INSERT INTO application (tenant, round_id, year, uid, program_id, system, state, live, created_at, decided_at)
	    SELECT tenant, round_id, year, ${q(user.uid)}, program_id, system, 'accepted', 1, created_at, decided_at
	    FROM application WHERE tenant = 'board' AND program_id = ${program} AND state = 'accepted' ORDER BY id LIMIT 1`);
	const client = await signIn(HOST, user.ident, user.password);
	return { user, client };
}

/** The resident records one rotation covering the program, then submits. */
async function recordAndSubmit(r, note) {
	const c = r.client;
	let page = await c.model(`/application/${KIND}/rotations/new`);
	assert.equal(page.status, 200, gist(page));
	let res = await c.postRaw(`/application/${KIND}/rotations/new`, {
		csrf: csrfOf(page.body), facility: String(facility), start: span[0], end: span[1],
		employment: 'full', note,
	});
	assert.equal(res.status, 303, gist(res));
	await submit(r);
}

async function submit(r) {
	const c = r.client;
	const page = await c.model(`/application/${KIND}/confirm`);
	assert.equal(page.status, 200, gist(page));
	const res = await c.postRaw(`/application/${KIND}/confirm`, { csrf: csrfOf(page.body) });
	assert.equal(res.status, 303, `submit: ${gist(res)}`);
	assert.match(res.location, /done=submitted/);
}

function app(r) {
	const [id, number, state, stage, scope, version] = rows(
	    `SELECT id, number, state, stage, scope, version FROM app WHERE tenant = 'board' AND uid = ${q(r.user.uid)} AND live = 1`)[0];
	return { id, number, state, stage: Number(stage), scope, version: Number(version) };
}

/** The hidden stage and version of the review form (what the reviewer saw). */
function seen(body) {
	const stage = /<field name="stage" type="hidden"><value>(\d+)<\/value>/.exec(body);
	const version = /<field name="version" type="hidden"><value>(\d+)<\/value>/.exec(body);
	return stage && version ? { stage: stage[1], version: version[1] } : null;
}

/** A reviewer acts on the application as the page showed it. */
async function act(c, id, action, comment = '', opts = {}) {
	const page = await c.model(`/review/${id}`);
	assert.equal(page.status, 200, gist(page));
	const s = seen(page.body);
	assert.ok(s, `no action form on /review/${id}`);
	return c.postRaw(`/review/${id}`, { csrf: csrfOf(page.body), action, comment, ...s }, opts);
}

/** The tenant admin gives the current stage to another reviewer. */
async function reassign(id, to, reason = 'テスト担当') {
	const c = P.admin.client;
	const page = await c.model(`/admin/review/${id}/reassign`);
	assert.equal(page.status, 200, gist(page));
	const s = seen(page.body);
	const res = await c.postRaw(`/admin/review/${id}/reassign`, { csrf: csrfOf(page.body), reviewer: to, reason, ...s });
	assert.equal(res.status, 303, gist(res));
}

function events(id) {
	return rows(`SELECT kind, IFNULL(actor, 'NULL'), IFNULL(stage, 'NULL'), IFNULL(comment, 'NULL') FROM app_event WHERE app_id = ${id} AND kind <> 'remind' ORDER BY id`);
}

before(async () => {
	resetThrottle();
	[[program, facility]] = rows("SELECT id, base_facility_id FROM program WHERE tenant = 'board' AND code = '01-13-001'");
	const [[year, years]] = rows(`SELECT a.year, p.years FROM application a JOIN program p ON p.id = a.program_id WHERE a.program_id = ${program} AND a.state = 'accepted' ORDER BY a.id LIMIT 1`);
	span = [`${year}-04`, `${Number(year) + Number(years)}-03`];
	// The demo window of the completion offering is open (demo_training.c).
	const open = rows(`SELECT COUNT(*) FROM offering WHERE tenant = 'board' AND kind = '${KIND}' AND open_at <= NOW() AND close_at > NOW()`)[0][0];
	assert.equal(open, '1', 'the demo has the completion window open');
	for (const [who, roles] of [['admin', ['tenant_admin']], ['dirA', ['program_director']], ['dirB', ['program_director']],
	    ['socA', ['society_reviewer']], ['socB', ['society_reviewer']]]) {
		const user = createUser('board', { roles, tag: `rv${who}` });
		P[who] = { user, client: await signIn(HOST, user.ident, user.password, { enrol: true }) };
		assert.equal(P[who].client.forced, undefined, `${who}: left at ${P[who].client.forced}`);
	}
	// Society reviewers by domain: 内科 (01) and 小児科 (02).
	sql(`INSERT INTO reviewer_scope (tenant, uid, role, scope) VALUES
	    ('board', ${q(P.socA.user.uid)}, 'society_reviewer', 'domain:01'),
	    ('board', ${q(P.socB.user.uid)}, 'society_reviewer', 'domain:02')`);
});

test('BRD-11 CORE-14 CORE-15 issue 9: the whole chain director → society → board, with a return at each stage', async () => {
	const r = await resident('rvchain');
	await recordAndSubmit(r, '初回');
	let a = app(r);
	assert.equal(a.state, 'submitted');
	assert.equal(a.stage, 0);
	const stages = [['director', P.dirA], ['society', P.socA], ['board', P.admin]];

	for (let returnAt = 0; returnAt < 3; returnAt++) {
		a = app(r);
		// The director stage belongs to the program's director: give it to ours.
		await reassign(a.id, P.dirA.user.uid);
		for (let s = 0; s < returnAt; s++) {
			const res = await act(stages[s][1].client, a.id, 'approve');
			assert.equal(res.status, 303, `${stages[s][0]} approve: ${gist(res)}`);
		}
		a = app(r);
		assert.equal(a.stage, returnAt, `at stage ${stages[returnAt][0]}`);
		if (returnAt === 1)
			assert.equal(a.scope, 'domain:01', 'the society stage is scoped to the domain');
		if (returnAt === 2)
			assert.equal(a.scope, '*');
		const comment = `${stages[returnAt][0]}からの差し戻し: 期間を確認してください`;
		// A return needs its comment.
		let res = await act(stages[returnAt][1].client, a.id, 'return', '', { xml: true });
		assert.equal(res.status, 200);
		assert.ok(errorKeys(res.body).includes('review.err.comment'), gist(res));
		res = await act(stages[returnAt][1].client, a.id, 'return', comment);
		assert.equal(res.status, 303, gist(res));
		a = app(r);
		assert.equal(a.state, 'returned');
		// The comment at the top of the applicant's page, and in their mail.
		const top = await r.client.model(`/application/${KIND}`);
		assert.equal(top.status, 200);
		assert.ok(top.body.includes(`<return-comment>${comment}</return-comment>`), 'the comment on the application page');
		// Labelled as what it is: a return's comment, not a rejection's reason.
		const topHtml = await r.client.get(`/application/${KIND}`);
		assert.ok(topHtml.body.includes('差し戻しのコメント') && topHtml.body.includes(comment), 'labelled 差し戻しのコメント');
		assert.ok(!topHtml.body.includes('却下の理由'));
		const m = await waitMail(r.user.mail, (x) => x.body.includes(comment));
		assert.match(m[0].subject, /差し戻されました/);
		const au = auditRows(`tenant = 'board' AND action = 'review.return' AND object = ${q(`app:${a.number}`)}`);
		assert.equal(au.length, returnAt + 1, 'one audit line per return');
		await submit(r);
	}

	// Now all the way through.
	a = app(r);
	assert.equal(a.version, 4, 'four submissions');
	await reassign(a.id, P.dirA.user.uid);
	for (const [name, who] of stages) {
		const res = await act(who.client, a.id, 'approve');
		assert.equal(res.status, 303, `${name}: ${gist(res)}`);
	}
	a = app(r);
	assert.equal(a.state, 'approved');
	// The final approval ran the offering's fee (認定料) in its transaction.
	const fee = rows(`SELECT amount, state FROM fee WHERE app_id = ${a.id}`);
	assert.deepEqual(fee, [['33000', 'unpaid']]);
	await waitMail(r.user.mail, (x) => /承認されました/.test(x.subject));
	// One history: each submission is its own app_event line (apply
	// writes it with the snapshot), so the history counts each once.
	const ev = events(a.id).map((e) => e[0]).filter((k) => k !== 'reassign');
	assert.deepEqual(ev, ['submit', 'return', 'submit', 'approve', 'return', 'submit', 'approve', 'approve', 'return',
	    'submit', 'approve', 'approve', 'approve']);
	const snaps = rows(`SELECT s.id FROM app_snapshot s WHERE s.app_id = ${a.id} ORDER BY s.id`).map((x) => x[0]);
	assert.deepEqual(rows(`SELECT snapshot_id FROM app_event WHERE app_id = ${a.id} AND kind = 'submit' ORDER BY id`).map((x) => x[0]), snaps,
	    'each submission line names its snapshot');
	const hist = await P.admin.client.model(`/review/${a.id}`);
	assert.equal([...hist.body.matchAll(/<event kind="submit"/g)].length, 4, 'four submissions in the history, not eight');
	// The history names who acted (統括責任者), not the waiting state.
	const hh = await P.admin.client.get(`/review/${a.id}`);
	assert.ok(hh.body.includes('承認（統括責任者）'), 'approve (program director)');
	assert.ok(hh.body.includes('承認（領域学会）') && hh.body.includes('承認（機構）'));
	assert.ok(!hh.body.includes('確認待ち）'), 'no 「…の確認待ち」 in the history');
	const adv = await waitMail(r.user.mail, (x) => x.body.includes('「統括責任者」'));
	assert.ok(!adv[0].body.includes('training.stage'), 'the mail names the stage in words, not its key');
	// The reviewers still read what they acted on, but cannot act again.
	const page = await P.socA.client.model(`/review/${a.id}`);
	assert.equal(page.status, 200);
	assert.equal(seen(page.body), null, 'no action form once approved');
});

test('BRD-11 CORE-16 CORE-17 issue 9: a reviewer outside the stage\'s scope, or without its role, gets 404', async () => {
	const r = await resident('rvscope');
	await recordAndSubmit(r, 'scope');
	let a = app(r);
	await reassign(a.id, P.dirA.user.uid);
	// At the director stage: another director, a society reviewer, a member.
	const other = await resident('rvnosy');
	for (const [who, c] of [['dirB', P.dirB.client], ['socA', P.socA.client], ['member', other.client]]) {
		const page = await c.model(`/review/${a.id}`);
		assert.equal(page.status, 404, `${who} GET: ${gist(page)}`);
		const res = await c.postRaw(`/review/${a.id}`, { csrf: csrfOf(page.body) || 'x', action: 'approve', stage: '0', version: String(a.version) });
		assert.ok([404, 403].includes(res.status), `${who} POST: ${gist(res)}`);
	}
	assert.equal(app(r).stage, 0, 'nobody outside moved it');
	// The member has no queue at all; the director's lists it.
	assert.equal((await other.client.model('/review')).status, 404);
	const q1 = await P.dirA.client.model('/review');
	assert.equal(q1.status, 200);
	assert.match(q1.body, new RegExp(`<app id="${a.id}"`));
	assert.doesNotMatch((await P.dirB.client.model('/review')).body, new RegExp(`<app id="${a.id}"`));

	// At the society stage: 小児科's reviewer is outside 内科's scope.
	assert.equal((await act(P.dirA.client, a.id, 'approve')).status, 303);
	assert.equal((await P.socB.client.model(`/review/${a.id}`)).status, 404);
	assert.doesNotMatch((await P.socB.client.model('/review')).body, new RegExp(`<app id="${a.id}"`));
	const sq = await P.socA.client.model('/review?state=submitted&stage=society');
	assert.match(sq.body, new RegExp(`<app id="${a.id}"[^>]*stage="society"`));
	assert.match(sq.body, /<count state="submitted" n="[1-9]/);
	// The filter by waiting time: nothing has waited a year.
	assert.doesNotMatch((await P.socA.client.model('/review?days=365')).body, new RegExp(`<app id="${a.id}"`));
	// The board stage is any tenant admin's; a society reviewer is out again.
	assert.equal((await act(P.socA.client, a.id, 'approve')).status, 303);
	a = app(r);
	assert.equal(a.stage, 2);
	assert.equal((await P.socB.client.model(`/review/${a.id}`)).status, 404);
	assert.equal((await P.dirB.client.model(`/review/${a.id}`)).status, 404);
	// The reassignment page is the tenant admin's only.
	assert.ok([403, 404].includes((await P.dirA.client.model(`/admin/review/${a.id}/reassign`)).status));
});

test('BRD-11 CORE-19 issue 9: a return reopens only that application; the reviewer reads the snapshot, never later edits', async () => {
	const r1 = await resident('rvret1');
	const r2 = await resident('rvret2');
	await recordAndSubmit(r1, 'SNAP1');
	await recordAndSubmit(r2, 'SNAP2');
	const a1 = app(r1), a2 = app(r2);
	await reassign(a1.id, P.dirA.user.uid);
	await reassign(a2.id, P.dirA.user.uid);
	assert.equal((await act(P.dirA.client, a1.id, 'return', '記載を確認してください')).status, 303);
	assert.equal(app(r1).state, 'returned');
	assert.equal(app(r2).state, 'submitted', 'the other application stays submitted');
	const top1 = await r1.client.model(`/application/${KIND}`);
	const top2 = await r2.client.model(`/application/${KIND}`);
	assert.match(top1.body, /<apply [^>]*can-edit="1"/);
	assert.match(top2.body, /<apply [^>]*can-edit="0"/);

	// The resident edits the returned application but has not resubmitted.
	const [[rowId]] = rows(`SELECT row_id FROM app_value WHERE app_id = ${a1.id} AND field = 'note'`);
	let page = await r1.client.model(`/application/${KIND}/rotations/${rowId}`);
	assert.equal(page.status, 200, gist(page));
	let res = await r1.client.postRaw(`/application/${KIND}/rotations/${rowId}`, {
		csrf: csrfOf(page.body), facility: String(facility), start: span[0], end: span[1], employment: 'full', note: 'LATER9',
	});
	assert.equal(res.status, 303, gist(res));
	page = await P.dirA.client.model(`/review/${a1.id}`);
	assert.equal(page.status, 200, 'who acted still reads it');
	assert.ok(page.body.includes('SNAP1'), 'the submitted note');
	assert.ok(!page.body.includes('LATER9'), 'not the later draft');
	// The HTML page too, and its PDF (CORE-20): the snapshot on paper.
	const html = await P.dirA.client.get(`/review/${a1.id}`);
	assert.ok(html.body.includes('SNAP1') && !html.body.includes('LATER9'));
	const pdf = await P.dirA.client.get(`/review/${a1.id}/pdf`);
	assert.equal(pdf.status, 200);
	assert.match(pdf.headers['content-type'], /^application\/pdf/);
	const text = pdfText(pdf.raw);
	assert.ok(text.includes('SNAP1') && !text.includes('LATER9'), text);
	assert.equal((await P.dirB.client.get(`/review/${a1.id}/pdf`)).status, 404, 'not for another director');

	// Resubmitted: the new snapshot is what the reviewer reads now.
	await submit(r1);
	await reassign(a1.id, P.dirA.user.uid);
	page = await P.dirA.client.model(`/review/${a1.id}`);
	assert.ok(page.body.includes('LATER9') && !page.body.includes('SNAP1'));
	assert.match(page.body, /<snapshot version="2"/);
	// The snapshot rows were never changed (immutable).
	assert.equal(rows(`SELECT COUNT(*) FROM app_snapshot WHERE app_id = ${a1.id}`)[0][0], '2');
});

test('BRD-11 CORE-15 issue 9: approve twice (a double click, two tabs) acts once; a stale form is refused cleanly', async () => {
	const r = await resident('rvtwice');
	await recordAndSubmit(r, 'twice');
	let a = app(r);
	await reassign(a.id, P.dirA.user.uid);
	const page = await P.dirA.client.model(`/review/${a.id}`);
	const form = { csrf: csrfOf(page.body), action: 'approve', comment: '', ...seen(page.body) };
	const res = await Promise.all([1, 2, 3].map(() => P.dirA.client.postRaw(`/review/${a.id}`, form)));
	const codes = res.map((x) => x.status).sort();
	assert.deepEqual(codes, [303, 409, 409], codes.join(' '));
	a = app(r);
	assert.equal(a.stage, 1, 'moved one stage, not three');
	assert.equal(rows(`SELECT COUNT(*) FROM app_event WHERE app_id = ${a.id} AND kind = 'approve'`)[0][0], '1');
	assert.equal(auditRows(`action = 'review.approve' AND object = ${q(`app:${a.number}`)}`).length, 1);
	// The same old form again later: refused, the page says why.
	const again = await P.dirA.client.postRaw(`/review/${a.id}`, form, { xml: true });
	assert.equal(again.status, 409);
	assert.match(again.body, /review\.stale/);
	// A stale reassignment is refused the same way.
	const rp = await P.admin.client.model(`/admin/review/${a.id}/reassign`);
	const old = { csrf: csrfOf(rp.body), reviewer: P.socA.user.uid, reason: 'x', stage: '0', version: String(a.version) };
	assert.equal((await P.admin.client.postRaw(`/admin/review/${a.id}/reassign`, old)).status, 409);
	assert.equal(app(r).scope, 'domain:01');
});

test('BRD-11 CORE-15 issue 9: reassignment is audited with its reason and takes effect at once', async () => {
	const r = await resident('rvreas');
	await recordAndSubmit(r, 'reassign');
	const a = app(r);
	// Only a holder of the stage's role can take it over.
	const rp = await P.admin.client.model(`/admin/review/${a.id}/reassign`);
	const bad = await P.admin.client.postRaw(`/admin/review/${a.id}/reassign`, { csrf: csrfOf(rp.body), reviewer: P.socA.user.uid, reason: 'x', ...seen(rp.body) }, { xml: true });
	assert.equal(bad.status, 200);
	assert.ok(errorKeys(bad.body).includes('review.err.reviewer'));
	await reassign(a.id, P.dirB.user.uid, '統括責任者の交代');
	assert.equal(app(r).scope, `uid:${P.dirB.user.uid}`);
	assert.equal((await P.dirB.client.model(`/review/${a.id}`)).status, 200);
	assert.equal((await P.dirA.client.model(`/review/${a.id}`)).status, 404);
	const au = auditRows(`action = 'review.reassign' AND object = ${q(`app:${a.number}`)}`);
	assert.equal(au.length, 1);
	assert.equal(au[0].actor, P.admin.user.uid);
	assert.match(au[0].detail, /統括責任者の交代/);
	assert.deepEqual(events(a.id).map((e) => e[0]), ['submit', 'reassign']);
});

test('BRD-11 CORE-14 issue 9: reminders mail the stage\'s reviewers once per period (review_remind_days)', async () => {
	const r = await resident('rvremind');
	await recordAndSubmit(r, 'remind');
	const a = app(r);
	await reassign(a.id, P.dirA.user.uid);
	// Submitted ten days ago (the board reminds after 7).
	sql(`UPDATE app SET submitted_at = NOW() - INTERVAL 10 DAY WHERE id = ${a.id}`);
	const m = await waitMail(P.dirA.user.mail, (x) => x.body.includes(a.number), { timeout: 90000 });
	assert.match(m[0].subject, /審査をお待ちの申請/);
	assert.ok(m[0].body.includes(`/review/${a.id}`));
	// The next sweep does not mail again within the period.
	const n = rows(`SELECT COUNT(*) FROM app_event WHERE app_id = ${a.id} AND kind = 'remind'`)[0][0];
	assert.equal(n, '1');
	await new Promise((res) => setTimeout(res, 65000));
	assert.equal(rows(`SELECT COUNT(*) FROM app_event WHERE app_id = ${a.id} AND kind = 'remind'`)[0][0], '1');
});

test('BRD-11 CORE-14 CORE-15 issue 9: a rejection needs its reason, ends the application and mails the reason', async () => {
	const r = await resident('rvrej');
	await recordAndSubmit(r, 'reject');
	const a = app(r);
	await reassign(a.id, P.dirA.user.uid);
	let res = await act(P.dirA.client, a.id, 'reject', '', { xml: true });
	assert.ok(errorKeys(res.body).includes('review.err.comment'), gist(res));
	const reason = '研修期間が要件を満たしていません';
	res = await act(P.dirA.client, a.id, 'reject', reason);
	assert.equal(res.status, 303, gist(res));
	const [[state, live, comment]] = rows(`SELECT state, IFNULL(live, 'NULL'), return_comment FROM app WHERE id = ${a.id}`);
	assert.deepEqual([state, live, comment], ['rejected', 'NULL', reason]);
	const m = await waitMail(r.user.mail, (x) => x.body.includes(reason));
	assert.match(m[0].subject, /審査結果/);
	assert.equal(auditRows(`action = 'review.reject' AND object = ${q(`app:${a.number}`)}`).length, 1);
	assert.equal(rows(`SELECT COUNT(*) FROM fee WHERE app_id = ${a.id}`)[0][0], '0', 'no fee for a rejection');
	// The applicant reads the reason as a rejection's, not a return's
	// comment, though app.return_comment holds both.
	const top = await r.client.model(`/application/${KIND}`);
	assert.match(top.body, new RegExp(`<rejected number="${a.number}"[^>]*>${reason}</rejected>`));
	const html = await r.client.get(`/application/${KIND}`);
	assert.ok(html.body.includes('却下の理由') && html.body.includes(reason), 'labelled 却下の理由');
	assert.ok(!html.body.includes('差し戻しのコメント'));
});
