// Training-program recruitment (issue 4 items 5–11): catalogue and search,
// the schedule and its windows, applying, cancel, results, decline, the
// next round, the dashboard, program directors' and board admins' pages,
// the CSV export, and the isolation matrix rows of these pages.
// BRD-1 … BRD-10, BRD-12, CORE-18, CORE-19, CORE-17.
//
// Windows are moved with SQL on the clinical research course's round of
// the demo year (the regular 1次募集 stays open, as the demo data has it,
// for the other tests); its times are put back at the end.  Every person
// is made fresh with shikakuctl, so the test can run again on the same
// stack.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';

import { foreignNames, reloadWorkers } from './http.mjs';
import {
	Client, signIn, createUser, rows, sql, q, csrfOf, errorKeys, waitMail,
	resetThrottle, ctl, gist, HOSTS,
} from './auth.mjs';

const HOST = HOSTS.board;
const DAY = 86400;

/** "YYYY-MM-DD HH:MM:SS" in Japan time, `s` seconds from now. */
function jst(s = 0) {
	return new Date(Date.now() + (s + 9 * 3600) * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

// The research course round of the demo year, and the regular 1次募集.
let research, regular, saved;
// People: fresh accounts (members apply; staff enrol TOTP on the way).
const P = {};
let researchProgram;	// made by the admin through /admin/programs/new
let regularA, regularB;	// demo programs of the open regular round

/** Put the research round into a phase: times relative to now. */
function phase(name) {
	const t = {
		apply: [-DAY, DAY, DAY, 2 * DAY, 3 * DAY, 2 * DAY, 10 * DAY],
		closed: [-2 * DAY, -DAY, DAY, 2 * DAY, 3 * DAY, 2 * DAY, 10 * DAY],
		adjust: [-3 * DAY, -2 * DAY, -DAY, DAY, 2 * DAY, DAY, 10 * DAY],
		wait: [-4 * DAY, -3 * DAY, -2 * DAY, -DAY, DAY, -DAY, 10 * DAY],
		notified: [-5 * DAY, -4 * DAY, -3 * DAY, -2 * DAY, -DAY, -2 * DAY, 10 * DAY],
		over: [-9 * DAY, -8 * DAY, -7 * DAY, -6 * DAY, -5 * DAY, -6 * DAY, -3600],
	}[name].map((s) => q(jst(s)));
	sql(`UPDATE recruit_round SET apply_open = ${t[0]}, apply_close = ${t[1]}, adjust_open = ${t[2]}, adjust_close = ${t[3]}, notify_at = ${t[4]}, confirm_open = ${t[5]}, confirm_close = ${t[6]} WHERE id = ${research}`);
}

/** The applications of a person: [{ id, state, live, program, round }]. */
function appsOf(u) {
	return rows(`SELECT id, state, IFNULL(live, 'NULL'), program_id, round_id FROM application WHERE tenant = 'board' AND uid = ${q(u.uid)} ORDER BY id`)
	    .map(([id, state, live, program, round]) => ({ id, state, live, program, round }));
}

/** The distinct error keys of a model, sorted (a field's error is listed twice). */
const errs = (body) => [...new Set(errorKeys(body))].sort();

const cell = (r) => `${r.status}${r.status >= 300 && r.status < 400 ? ` ${r.location}` : ''}`;

/** multipart/form-data of fields and one file part. */
function multipart(fields, file) {
	const boundary = `----shikaku${crypto.randomBytes(8).toString('hex')}`;
	const parts = [];
	for (const [k, v] of Object.entries(fields))
		parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
	if (file)
		parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`),
		    file.data, Buffer.from('\r\n'));
	parts.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

/** Choose a training system (研修制度の選択): プログラム制 unless given. */
async function choose(c, form = { system: 'program' }) {
	const r = await c.post('/apply/system', form, { xml: true, formPage: '/apply/system?system=curriculum' });
	assert.equal(cell(r), '303 /apply/search', `choose ${JSON.stringify(form)}: ${errorKeys(r.body)}`);
}

/** 応募確認 → このプログラムに応募する: the POST's response. */
async function apply(c, programId) {
	const page = await c.model(`/apply/confirm?program=${programId}`);
	assert.equal(page.status, 200);
	return c.postRaw('/apply/confirm', { csrf: csrfOf(page.body), program: String(programId) });
}

before(async () => {
	resetThrottle();
	[research] = rows("SELECT id FROM recruit_round WHERE tenant = 'board' AND track = 'research' ORDER BY year DESC LIMIT 1")[0];
	[regular] = rows("SELECT id FROM recruit_round WHERE tenant = 'board' AND track = 'regular' ORDER BY year DESC, apply_open LIMIT 1")[0];
	saved = rows(`SELECT apply_open, apply_close, adjust_open, adjust_close, notify_at, IFNULL(confirm_open, 'NULL'), IFNULL(confirm_close, 'NULL') FROM recruit_round WHERE id = ${research}`)[0];
	// The demo's regular 1次募集 is open today; programs of its track.
	const open = rows(`SELECT COUNT(*) FROM recruit_round WHERE id = ${regular} AND apply_open <= ${q(jst())} AND apply_close > ${q(jst())}`)[0][0];
	assert.equal(open, '1', 'the demo data has the 1次募集 open today');
	[[regularA], [regularB]] = rows("SELECT id FROM program WHERE tenant = 'board' AND code IN ('02-14-001', '05-26-001') ORDER BY code");

	for (const [who, roles] of [['admin', ['tenant_admin']], ['director', ['program_director']], ['director2', ['program_director']],
	    ['a', []], ['b', []], ['c', []], ['d', []], ['e', []], ['f', []]]) {
		const user = createUser('board', { roles, tag: `rc${who}` });
		const client = await signIn(HOST, user.ident, user.password, { enrol: roles.length > 0 });
		assert.equal(client.forced, undefined, `${who}: left at ${client.forced}`);
		P[who] = { user, client };
	}
	// Another tenant's member and admin, for the isolation rows.
	for (const [who, roles] of [['otherMember', []], ['otherAdmin', ['tenant_admin']]]) {
		const user = createUser('palliative', { roles, tag: `rc${who}` });
		P[who] = { user, client: await signIn(HOSTS.palliative, user.ident, user.password, { enrol: roles.length > 0 }) };
	}
});

after(() => {
	if (saved) {
		const v = saved.map((x) => (x === 'NULL' ? 'NULL' : q(x)));
		sql(`UPDATE recruit_round SET apply_open = ${v[0]}, apply_close = ${v[1]}, adjust_open = ${v[2]}, adjust_close = ${v[3]}, notify_at = ${v[4]}, confirm_open = ${v[5]}, confirm_close = ${v[6]} WHERE id = ${research}`);
	}
});

// ------------------------------------------------------------ catalogue and search

test('BRD-1 BRD-2: the public catalogue: up to 3 domains and 3 prefectures, a keyword, 20 a page, the count', async () => {
	const c = new Client(HOST);
	let r = await c.model('/programs?domain=01&domain=05&pref=13&pref=27&pref=40');
	assert.equal(r.status, 200);
	const total = Number(/<results total="(\d+)"/.exec(r.body)[1]);
	const progs = [...r.body.matchAll(/<program id="\d+" code="[^"]+" domain="(\d\d)"[^>]* pref="(\d\d)"/g)];
	assert.ok(total >= 6 && progs.length === Math.min(total, 20), `total ${total}, shown ${progs.length}`);
	for (const [, d, p] of progs)
		assert.ok(['01', '05'].includes(d) && ['13', '27', '40'].includes(p), `${d} ${p} outside the search`);
	// The same numbers straight from the database.
	const want = rows("SELECT COUNT(*) FROM program WHERE tenant = 'board' AND track = 'regular' AND domain IN ('01','05') AND prefecture IN ('13','27','40')")[0][0];
	assert.equal(String(total), want);

	// Paging: page 2 of a larger search has other programs.
	const p1 = await c.model('/programs?domain=01');
	const p2 = await c.model('/programs?domain=01&page=2');
	const ids = (x) => [...x.body.matchAll(/<program id="(\d+)"/g)].map((m) => m[1]);
	assert.equal(ids(p1).length, 20);
	assert.ok(ids(p2).length > 0 && !ids(p2).some((i) => ids(p1).includes(i)), 'page 2 repeats page 1');
	assert.match(p1.body, /pages="\d+"/);

	// A keyword (normalized: full-width and hiragana match).
	r = await c.model(`/programs?q=${encodeURIComponent('大学')}`);
	const named = [...r.body.matchAll(/<name>([^<]*)<\/name><base>([^<]*)<\/base>/g)];
	assert.ok(named.length > 0);
	for (const [, n, b] of named)
		assert.ok(`${n}${b}`.includes('大学'), `${n} / ${b}`);
	r = await c.model(`/programs?domain=08&pref=13&q=${encodeURIComponent('０８－１３')}`);
	assert.match(r.body, /code="08-13-001"/, 'full-width code matches');

	// The research course is its own list.
	r = await c.model('/programs?track=research');
	assert.ok(/<program /.test(r.body) && !/track="regular"/.test(r.body));

	// Too many choices, a bad code and a long keyword are refused, with the field named.
	r = await c.model('/programs?domain=01&domain=02&domain=03&domain=04');
	assert.deepEqual(errs(r.body), ['recruit.err.domains-max']);
	assert.ok(!/<results/.test(r.body));
	r = await c.model('/programs?pref=01&pref=02&pref=03&pref=04&domain=99');
	assert.deepEqual(errs(r.body), ['err.choice', 'recruit.err.prefs-max']);
	r = await c.model(`/programs?q=${encodeURIComponent('あ'.repeat(51))}`);
	assert.deepEqual(errs(r.body), ['recruit.err.keyword-long']);
	r = await c.get('/programs?domain=01&domain=02&domain=03&domain=04');
	assert.match(r.body, /領域は3つまで選択できます。/);
	assert.match(r.body, /class="error-summary"/);
});

test('BRD-1: a program\'s detail page: base and partner facilities with details, instructors, rotations; unknown ids are 404', async () => {
	const c = new Client(HOST);
	const r = await c.get(`/programs/${regularA}`);
	assert.equal(r.status, 200);
	for (const s of ['基幹施設', '連携施設一覧', '指導医', 'ローテーションの確認', '1年目', '施設の詳細', '応募する'])
		assert.ok(r.body.includes(s), `no ${s}`);
	const m = await c.model(`/programs/${regularA}`);
	assert.match(m.body, /<partners><facility /);
	assert.match(m.body, /<rotation year="1"/);
	for (const p of ['/programs/999999999', '/programs/abc', '/programs/0', `/programs/${regularA}/x`])
		assert.equal((await c.get(p)).status, 404, p);
	// The feature is the board's: another tenant has no such page.
	assert.equal((await new Client(HOSTS.palliative).get(`/programs/${regularA}`)).status, 404);
	assert.equal((await new Client(HOSTS.palliative).get('/programs')).status, 404);
});

// ------------------------------------------------------------ the board admin's catalogue

test('BRD-12: the board admin makes a program with facilities, partners, rotations and a booklet PDF (public download)', async () => {
	const admin = P.admin.client;
	const code = `RT-${P.admin.user.number.slice(-6)}`;
	let r = await admin.post('/admin/programs/new', {
		code, name: '試験大学病院 臨床研究医コース（内科）', domain: '01', prefecture: '13', track: 'research',
		capacity: '2', instructors: '12', years: '5', director: P.director.user.number,
		description: 'テスト用の研修プログラム', base_name: `試験大学病院${code}`, base_address: '東京都千代田区1-1',
		base_beds: '600', base_details: '基幹施設の詳細',
	});
	assert.equal(r.status, 303, `create: ${errorKeys(r.body)}`);
	const id = /^\/admin\/programs\/(\d+)\?done=created$/.exec(r.location)?.[1];
	assert.ok(id, r.location);
	researchProgram = id;
	assert.deepEqual(rows(`SELECT director_uid, track FROM program WHERE id = ${id}`)[0], [P.director.user.uid, 'research']);

	// The same code again is refused on the field.
	r = await admin.post('/admin/programs/new', {
		code, name: 'x', domain: '01', prefecture: '13', track: 'regular', capacity: '1', instructors: '1', years: '3', base_name: 'x病院',
	}, { xml: true });
	assert.equal(r.status, 200);
	assert.deepEqual(errs(r.body).filter((k) => k.startsWith('recruit.')), ['recruit.err.code-taken']);

	// A partner facility, then a rotation there in year 2.
	r = await admin.post(`/admin/programs/${id}/partners`, {
		partner_name: `試験連携病院${code}`, partner_pref: '14', partner_address: '横浜市', partner_beds: '200',
		partner_role: '地域医療研修', partner_details: '連携施設の詳細',
	}, { xml: true, formPage: `/admin/programs/${id}` });
	assert.equal(cell(r), `303 /admin/programs/${id}?done=partner`);
	const [[fid]] = rows(`SELECT facility_id FROM program_partner WHERE program_id = ${id}`);
	r = await admin.post(`/admin/programs/${id}/rotations`, { rot_year: '2', rot_facility: fid, rot_months: '6', rot_notes: '地域' },
	    { xml: true, formPage: `/admin/programs/${id}` });
	assert.equal(cell(r), `303 /admin/programs/${id}?done=rotation`);
	// A rotation beyond the program's years, or at a stranger's facility, is refused.
	r = await admin.post(`/admin/programs/${id}/rotations`, { rot_year: '9', rot_facility: '1', rot_months: '13' },
	    { xml: true, formPage: `/admin/programs/${id}` });
	assert.equal(r.status, 200);
	assert.deepEqual(errs(r.body).filter((k) => k !== 'errors').sort(),
	    ['err.choice', 'recruit.err.rot-months', 'recruit.err.rot-year']);

	// The booklet: a PDF is stored and public; a PNG is refused by its content.
	const csrf = await admin.csrf(`/admin/programs/${id}`);
	const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e2212bc40000000049454e44ae426082', 'hex');
	let mp = multipart({ csrf }, { name: 'booklet', filename: 'booklet.pdf', type: 'application/pdf', data: png });
	r = await admin.req('POST', `/admin/programs/${id}/booklet`, { raw: mp.body, headers: { 'content-type': mp.type }, xml: true });
	assert.equal(r.status, 200);
	assert.deepEqual(errs(r.body), ['err.upload.type']);
	const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
	mp = multipart({ csrf }, { name: 'booklet', filename: 'プログラム冊子.pdf', type: 'application/pdf', data: pdf });
	r = await admin.req('POST', `/admin/programs/${id}/booklet`, { raw: mp.body, headers: { 'content-type': mp.type } });
	assert.equal(cell(r), `303 /admin/programs/${id}?done=booklet`);
	const page = await new Client(HOST).model(`/programs/${id}`);
	const href = /<booklet id="\d+" href="([^"]+)"/.exec(page.body)?.[1];
	assert.ok(href, 'the detail page links the booklet');
	const dl = await new Client(HOST).get(href);
	assert.equal(dl.status, 200);
	assert.match(dl.headers['content-type'], /^application\/pdf/);
	assert.ok(dl.raw.equals(pdf));
	// The new program is found by its keyword right away (search index).
	const s = await new Client(HOST).model(`/programs?track=research&q=${encodeURIComponent(code)}`);
	assert.match(s.body, new RegExp(`code="${code}"`));
});

// ------------------------------------------------------------ applying (regular round: open today)

test('BRD-4 CORE-19 BRD-5: explanation → training system → search → detail → confirm → done; a second submission shows the first', async () => {
	const { client: c, user } = P.e;
	let r = await c.get('/apply');
	assert.equal(r.status, 200);
	assert.match(r.body, /応募に関する説明/);
	assert.match(r.body, /href="\/apply\/system"/);
	// The flow needs a training system before the search.
	assert.equal(cell(await c.get('/apply/search')), '303 /apply/system');
	await choose(c);
	r = await c.get('/apply/search?domain=02&pref=14');
	assert.equal(r.status, 200);
	// The link carries the search, for 検索結果へ戻る (issue 7 item 18).
	assert.ok(r.body.includes(`href="/apply/programs/${regularA}?track=regular&amp;domain=02&amp;pref=14"`),
	    'search lists the program, linked in the flow with its search');
	r = await c.get(`/apply/programs/${regularA}`);
	assert.ok(r.body.includes(`/apply/confirm?program=${regularA}`));
	r = await c.get(`/apply/confirm?program=${regularA}`);
	assert.match(r.body, /このプログラムに応募する/);
	assert.match(r.body, /プログラム制/);

	const page = await c.model(`/apply/confirm?program=${regularA}`);
	const token = csrfOf(page.body);
	// Double click and a second tab with another program, at once.
	const [one, two] = await Promise.all([
		c.postRaw('/apply/confirm', { csrf: token, program: String(regularA) }),
		c.postRaw('/apply/confirm', { csrf: token, program: String(regularB) }),
	]);
	const apps = appsOf(user);
	assert.equal(apps.length, 1, JSON.stringify(apps));
	assert.deepEqual([apps[0].state, apps[0].live, apps[0].round], ['applied', '1', regular]);
	const locs = [one.location, two.location].sort();
	assert.deepEqual(locs, [`/apply/done?id=${apps[0].id}`, `/apply/done?id=${apps[0].id}&dup=1`], `${gist(one)} | ${gist(two)}`);
	r = await c.get(`/apply/done?id=${apps[0].id}`);
	assert.match(r.body, /応募完了/);
	r = await c.get(`/apply/done?id=${apps[0].id}&dup=1`);
	assert.match(r.body, /申請済みです。/);
	// Once more later: still one, and the page says 申請済み.
	r = await c.get(`/apply/confirm?program=${regularB}`);
	assert.match(r.body, /申請済みです。/);
	assert.ok(!/このプログラムに応募する/.test(r.body), 'the button is still offered');
	r = await c.postRaw('/apply/confirm', { csrf: token, program: String(regularB) });
	assert.equal(cell(r), `303 /apply/done?id=${apps[0].id}&dup=1`);
	assert.equal(appsOf(user).length, 1);
	// 「応募を受け付けました」
	const [mail] = await waitMail(user.mail, (m) => m.subject.includes('応募を受け付けました'));
	assert.match(mail.body, /2027年度専攻医募集 1次募集|年度専攻医募集 1次募集/);
	// The dashboard shows it, with 応募を取り消す.
	r = await c.get('/dashboard');
	assert.match(r.body, /状態：\d{4}年度専攻医募集 <strong class="recruit-state state-applied">応募中/);
	assert.ok(r.body.includes(`/apply/cancel?id=${apps[0].id}`));
	assert.match(r.body, /連携施設一覧/);
	assert.match(r.body, /指導医/);
	assert.match(r.body, /href="\/account"/);
	assert.match(r.body, /action="\/logout"/);
});

test('BRD-6: cancel in the application period; the dashboard no longer shows it; apply again', async () => {
	const { client: c, user } = P.e;
	const [app] = appsOf(user);
	let r = await c.get(`/apply/cancel?id=${app.id}`);
	assert.equal(r.status, 200);
	assert.match(r.body, /応募を取り消す/);
	r = await c.post('/apply/cancel', { id: app.id }, { xml: true, formPage: `/apply/cancel?id=${app.id}` });
	assert.equal(cell(r), '303 /dashboard?done=cancelled');
	assert.deepEqual(appsOf(user).map((a) => [a.state, a.live]), [['cancelled', 'NULL']]);
	await waitMail(user.mail, (m) => m.subject.includes('応募を取り消しました'));
	r = await c.get('/dashboard?done=cancelled');
	assert.match(r.body, /応募を取り消しました。/);
	assert.ok(!r.body.includes(`/apply/cancel?id=${app.id}`));
	// Cancelling twice changes nothing.
	r = await c.post('/apply/cancel', { id: app.id }, { xml: true, formPage: '/dashboard' });
	assert.equal(r.status, 200);
	assert.deepEqual(errs(r.body), ['recruit.why.cancel-state']);
	// Apply again: a new live application.
	r = await apply(c, regularB);
	assert.match(r.location, /^\/apply\/done\?id=\d+$/);
	assert.deepEqual(appsOf(user).map((a) => a.state), ['cancelled', 'applied']);
	// Someone else's application is nobody's business here.
	assert.equal((await P.d.client.get(`/apply/cancel?id=${app.id}`)).status, 404);
	assert.equal((await P.d.client.get(`/apply/done?id=${app.id}`)).status, 404);
});

test('BRD-4: カリキュラム制 needs a reason and its details; earlier training is all three fields (domain, status, year-month)', async () => {
	const c = P.d.client;
	let r = await c.post('/apply/system', { system: 'curriculum', reason: '', detail: '' }, { xml: true, formPage: '/apply/system?system=curriculum' });
	assert.equal(r.status, 200);
	// The reason is a select: 「選択してください」 (issue 7 item 20).
	assert.deepEqual(errs(r.body), ['err.required', 'err.required-choice']);
	r = await c.post('/apply/system', { system: 'curriculum', reason: 'other_domain', detail: '前の領域を中途辞退しました', prior_ym: '2021-13' },
	    { xml: true, formPage: '/apply/system?system=curriculum' });
	assert.deepEqual(errs(r.body), ['err.required-choice', 'recruit.err.ym']);
	// What was typed is still there (the form shows it back).
	assert.match(r.body, /前の領域を中途辞退しました/);
	await choose(c, { system: 'curriculum', reason: 'other_domain', detail: '外科専門研修を中途辞退したため', prior_domain: '05', prior_status: 'withdrawn', prior_ym: '2024-03' });
	// Saved server-side (CORE-12): a later visit shows the choice.
	r = await c.get('/apply/system');
	assert.match(r.body, /外科専門研修を中途辞退したため/);
	r = await c.get(`/apply/confirm?program=${regularA}`);
	assert.match(r.body, /カリキュラム制/);
	assert.match(r.body, /中途辞退/);
	r = await apply(c, regularA);
	assert.match(r.location, /^\/apply\/done\?id=\d+$/);
	const [row] = rows(`SELECT system, curriculum_reason, prior_domain, prior_status, prior_ym FROM application WHERE uid = ${q(P.d.user.uid)}`);
	assert.deepEqual(row, ['curriculum', 'other_domain', '05', 'withdrawn', '2024-03']);
});

// ------------------------------------------------------------ the research course: every phase

test('CORE-18 BRD-3: outside the application period nothing is applied, and the page says why', async () => {
	phase('closed');
	const c = P.c.client;
	await choose(c);
	let r = await c.get(`/apply/confirm?program=${researchProgram}`);
	assert.equal(r.status, 200);
	assert.match(r.body, /応募期間外のため応募できません。/);
	assert.ok(!/このプログラムに応募する/.test(r.body));
	r = await c.post('/apply/confirm', { program: researchProgram }, { xml: true, formPage: '/dashboard' });
	assert.equal(r.status, 200);
	assert.deepEqual(errs(r.body), ['recruit.why.closed']);
	assert.equal(appsOf(P.c.user).length, 0);
	// To the second: the window closes at apply_close exactly.
	sql(`UPDATE recruit_round SET apply_open = ${q(jst(-DAY))}, apply_close = ${q(jst(1))} WHERE id = ${research}`);
	await new Promise((res) => setTimeout(res, 2100));
	r = await c.post('/apply/confirm', { program: researchProgram }, { xml: true, formPage: '/dashboard' });
	assert.deepEqual(errs(r.body), ['recruit.why.closed']);
	assert.equal(appsOf(P.c.user).length, 0);
});

test('BRD-4 BRD-6 BRD-7 BRD-8 BRD-9: the research round from application to decline', async () => {
	const [a, b, c] = [P.a, P.b, P.c];
	phase('apply');
	// Three apply; one cancels in the period.
	for (const p of [a, b, c]) {
		await choose(p.client, { system: 'curriculum', reason: 'research', detail: '大学院で臨床研究を行うため, "研究医" を志望' });
		const r = await apply(p.client, researchProgram);
		assert.match(r.location || '', /^\/apply\/done\?id=\d+$/, `${p.user.ident}: ${cell(r)} ${errorKeys(r.body)}`);
	}
	let r = await c.client.post('/apply/cancel', { id: appsOf(c.user)[0].id }, { xml: true, formPage: '/dashboard' });
	assert.equal(cell(r), '303 /dashboard?done=cancelled');

	// Closed: cancel is refused with its reason; the state stays.
	phase('closed');
	r = await b.client.post('/apply/cancel', { id: appsOf(b.user)[0].id }, { xml: true, formPage: '/dashboard' });
	assert.deepEqual(errs(r.body), ['recruit.why.cancel-closed']);
	assert.equal(appsOf(b.user)[0].state, 'applied');
	r = await b.client.get('/dashboard');
	assert.match(r.body, /応募期間外のため取り消しできません。/);

	// Adjustment: the director sees both and records 採用 and 不採用.
	phase('adjust');
	const d = P.director.client;
	r = await d.get(`/director?program=${researchProgram}`);
	assert.equal(r.status, 200);
	for (const p of [a, b])
		assert.ok(r.body.includes(p.user.number), `director does not see ${p.user.number}`);
	assert.ok(r.body.includes(c.user.number), 'the cancelled one is listed too');
	assert.match(r.body, /recruit-state state-cancelled/);
	const decide = (cl, who, decision) => cl.post('/director/decide', { id: appsOf(who.user)[0].id, decision }, { xml: true, formPage: '/director' });
	r = await decide(d, a, 'accepted');
	assert.equal(cell(r), `303 /director?program=${researchProgram}&done=decided`);
	r = await decide(d, b, 'accepted');
	r = await decide(d, b, 'rejected');	// changed while the period lasts
	assert.deepEqual([appsOf(a.user)[0].state, appsOf(b.user)[0].state], ['accepted', 'rejected']);
	// A cancelled application cannot be decided; another director cannot touch these.
	r = await decide(d, c, 'accepted');
	assert.equal(cell(r), `303 /director?program=${researchProgram}&why=state`);
	r = await decide(P.director2.client, a, 'rejected');
	assert.equal(r.status, 404);
	assert.equal((await P.director2.client.get(`/director?program=${researchProgram}`)).status, 404);
	assert.equal(appsOf(a.user)[0].state, 'accepted');

	// BRD-7: before the notification the applicant sees 応募中, and the model holds no result.
	for (const p of [a, b]) {
		const m = await p.client.model('/dashboard');
		assert.match(m.body, /<application id="\d+" state="applied"/);
		assert.ok(!/accepted|rejected/.test(m.body), 'a result leaks before notify_at');
	}
	phase('wait');
	r = await decide(d, a, 'rejected');
	assert.equal(cell(r), `303 /director?program=${researchProgram}&why=closed`);
	assert.equal(appsOf(a.user)[0].state, 'accepted');
	assert.match((await a.client.model('/dashboard')).body, /state="applied"/);

	// Notified: 採用 with 採用を辞退する; 不採用.
	phase('notified');
	r = await a.client.get('/dashboard');
	assert.match(r.body, /状態：\d{4}年度 臨床研究医コース専攻医募集 <strong class="recruit-state state-accepted">採用/);
	const appA = appsOf(a.user)[0].id;
	assert.ok(r.body.includes(`/apply/decline?id=${appA}`));
	r = await b.client.get('/dashboard');
	assert.match(r.body, /state-rejected">不採用/);
	assert.ok(!r.body.includes('/apply/decline'));

	// BRD-9: the accepted may not apply again this year; the rejected may, in the regular round.
	r = await a.client.get(`/apply/confirm?program=${regularA}`);
	assert.match(r.body, /採用が決定しているため、この年度の募集には応募できません。/);
	r = await a.client.post('/apply/confirm', { program: regularA }, { xml: true, formPage: '/dashboard' });
	assert.deepEqual(errs(r.body), ['recruit.why.accepted']);
	r = await apply(b.client, regularA);
	assert.match(r.location || '', /^\/apply\/done\?id=\d+$/, `rejected in research, regular refused: ${errorKeys(r.body)}`);
	// A non-applicant may apply too.
	await choose(P.c.client);
	r = await apply(P.c.client, regularB);
	assert.match(r.location || '', /^\/apply\/done\?id=\d+$/);

	// BRD-8: decline needs the reason and 「プログラム統括責任者に連絡済み」.
	r = await a.client.get(`/apply/decline?id=${appA}`);
	assert.match(r.body, /辞退の理由/);
	assert.match(r.body, /プログラム統括責任者に連絡済み/);
	r = await a.client.post('/apply/decline', { id: appA, reason: '家族の事情' }, { xml: true, formPage: `/apply/decline?id=${appA}` });
	assert.equal(r.status, 200);
	assert.deepEqual(errs(r.body), ['err.required']);
	assert.match(r.body, /<field name="contacted"/);
	r = await a.client.post('/apply/decline', { id: appA, reason: '', contacted: '1' }, { xml: true, formPage: `/apply/decline?id=${appA}` });
	assert.deepEqual(errs(r.body), ['err.required']);
	assert.equal(appsOf(a.user)[0].state, 'accepted');
	const reason = '家族の転勤のため, "他県" で研修します\n（統括責任者了承済み）';
	r = await a.client.post('/apply/decline', { id: appA, reason, contacted: '1' }, { xml: true, formPage: `/apply/decline?id=${appA}` });
	assert.equal(cell(r), '303 /dashboard?done=declined');
	assert.deepEqual(rows(`SELECT state, IFNULL(live, 'NULL'), director_contacted FROM application WHERE id = ${appA}`)[0], ['declined', 'NULL', '1']);
	await waitMail(a.user.mail, (m) => m.subject.includes('採用を辞退しました'));
	const [dm] = await waitMail(P.director.user.mail, (m) => m.subject.includes('採用辞退のお知らせ'));
	assert.ok(dm.body.includes(a.user.number), 'the director learns who declined');
	// Declined: once, and only within the confirmation period.
	r = await a.client.post('/apply/decline', { id: appA, reason: 'x', contacted: '1' }, { xml: true, formPage: '/dashboard' });
	assert.deepEqual(errs(r.body), ['recruit.why.decline-state']);

	// The admin mails the results once they are out: B (不採用) gets one,
	// addressed by the name and address of B's member record (read with
	// the applications, not looked up in LDAP one by one).
	sql(`INSERT INTO member (tenant, uid, regno, regno_date, name_kanji, name_kana, birth_date, sex, training_program, training_done_on, phone, postal_code, pref, address, desired_domain, email) VALUES ('board', ${q(b.user.uid)}, ${q(b.user.number)}, '2020-04-01', '結果 通知子', 'ケッカ ツウチコ', '1995-05-05', 'f', '臨床研修', '2022-03-31', '03-0000-0000', '100-0001', '13', '千代田区', '01', ${q(b.user.mail)})`);
	const admin = P.admin.client;
	r = await admin.get(`/admin/results?round=${research}`);
	assert.equal(r.status, 200);
	assert.match(r.body, /採用結果通知メールを送信する/);
	r = await admin.post('/admin/results/notify', { round: research }, { xml: true, formPage: `/admin/results?round=${research}` });
	assert.equal(cell(r), `303 /admin/results?round=${research}&done=notified`);
	const [rm] = await waitMail(b.user.mail, (m) => m.subject.includes('採用結果のお知らせ'));
	assert.match(rm.body, /不採用/);
	assert.match(rm.body, /結果 通知子 様/);
	// Twice sends nothing more.
	await admin.post('/admin/results/notify', { round: research }, { xml: true, formPage: `/admin/results?round=${research}` });
	assert.equal(rows(`SELECT COUNT(*) FROM outbox WHERE rcpt = ${q(b.user.mail)} AND template = 'recruit_result_rejected'`)[0][0], '1');

	// After the confirmation period nobody declines.
	phase('over');
	r = await a.client.get('/dashboard');
	assert.ok(!r.body.includes('/apply/decline?id='));
});

test('BRD-7: the admin records results in the adjustment period only; before the notification time no result mail goes out', async () => {
	const { client: f, user } = P.f;
	const admin = P.admin.client;
	phase('apply');
	await choose(f);
	let r = await apply(f, researchProgram);
	assert.match(r.location || '', /^\/apply\/done\?id=\d+$/, errs(r.body).join());
	const [{ id }] = appsOf(user);
	r = await admin.post('/admin/results/decide', { id, decision: 'accepted', round: research }, { xml: true, formPage: '/admin/results' });
	assert.equal(cell(r), `303 /admin/results?round=${research}&why=closed`);
	phase('adjust');
	r = await admin.get(`/admin/results?round=${research}`);
	assert.ok(r.body.includes(user.number));
	r = await admin.post('/admin/results/decide', { id, decision: 'accepted', round: research }, { xml: true, formPage: '/admin/results' });
	assert.equal(cell(r), `303 /admin/results?round=${research}&done=decided`);
	assert.equal(appsOf(user)[0].state, 'accepted');
	r = await admin.post('/admin/results/notify', { round: research }, { xml: true, formPage: '/admin/results' });
	assert.equal(cell(r), `303 /admin/results?round=${research}&why=notify`);
	assert.equal(rows(`SELECT COUNT(*) FROM outbox WHERE rcpt = ${q(user.mail)} AND template LIKE 'recruit_result%'`)[0][0], '0');
	// A member cannot decide, not even with a valid token of their own.
	r = await P.d.client.post('/admin/results/decide', { id, decision: 'rejected', round: research }, { xml: true, formPage: '/dashboard' });
	assert.equal(r.status, 403);
	// BRD-9 within the year: while this result is pending, f applies nowhere else.
	r = await f.get(`/apply/confirm?program=${regularA}`);
	assert.match(r.body, /選考中の応募があるため応募できません。/);
	assert.equal(appsOf(user)[0].state, 'accepted');
	phase('closed');
});

// ------------------------------------------------------------ schedule and CSV

test('BRD-3 BRD-12: the admin edits a round; times out of order are refused', async () => {
	const admin = P.admin.client;
	let r = await admin.get(`/admin/rounds/${research}`);
	assert.equal(r.status, 200);
	assert.match(r.body, /応募期間（開始）/);
	const t = (s) => jst(s).slice(0, 16);
	r = await admin.post(`/admin/rounds/${research}`, {
		apply_open: t(-2 * DAY), apply_close: t(-DAY), adjust_open: t(DAY), adjust_close: t(2 * DAY), notify_at: t(3 * DAY),
		confirm_open: t(2 * DAY), confirm_close: '2026-02-30 12:00',
	}, { xml: true, formPage: `/admin/rounds/${research}` });
	assert.equal(r.status, 200);
	assert.deepEqual(errs(r.body), ['err.datetime']);
	r = await admin.post(`/admin/rounds/${research}`, {
		apply_open: t(DAY), apply_close: t(0), adjust_open: t(2 * DAY), adjust_close: t(3 * DAY), notify_at: t(4 * DAY),
	}, { xml: true, formPage: `/admin/rounds/${research}` });
	assert.deepEqual(errs(r.body), ['recruit.err.order']);
	r = await admin.post(`/admin/rounds/${research}`, {
		apply_open: t(-2 * DAY), apply_close: t(-DAY), adjust_open: t(DAY), adjust_close: t(2 * DAY), notify_at: t(3 * DAY),
		confirm_open: t(2 * DAY), confirm_close: t(2 * DAY),
	}, { xml: true, formPage: `/admin/rounds/${research}` });
	assert.deepEqual(errs(r.body), ['recruit.err.confirm-order']);
	r = await admin.post(`/admin/rounds/${research}`, {
		apply_open: t(-2 * DAY), apply_close: t(-DAY), adjust_open: t(DAY), adjust_close: t(2 * DAY), notify_at: t(3 * DAY),
		confirm_open: t(2 * DAY), confirm_close: t(9 * DAY),
	}, { xml: true, formPage: `/admin/rounds/${research}` });
	assert.equal(cell(r), '303 /admin/rounds?done=saved');
	assert.equal(rows(`SELECT notify_at FROM recruit_round WHERE id = ${research}`)[0][0], `${t(3 * DAY)}:00`);
	r = await admin.get('/admin/rounds');
	assert.match(r.body, /臨床研究医コース専攻医募集/);
});

test('BRD-12: applicants per program as CSV: UTF-8 with BOM, CRLF, RFC 4180 quoting, a Japanese file name', async () => {
	const r = await P.admin.client.get(`/admin/programs/${researchProgram}/applicants.csv`);
	assert.equal(r.status, 200);
	assert.match(r.headers['content-type'], /^text\/csv; charset=utf-8/);
	assert.match(r.headers['content-disposition'], /^attachment; filename="[^"]*\.csv"; filename\*=UTF-8''%E5%BF%9C%E5%8B%9F/);
	assert.deepEqual([...r.raw.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
	const text = r.raw.subarray(3).toString('utf8');
	assert.ok(text.endsWith('\r\n'));
	assert.ok(!/[^\r]\n/.test(text.replace(/"(?:[^"]|"")*"/g, '')), 'a bare LF outside quotes');
	// A tiny RFC 4180 reader: rows of fields.
	const recs = [];
	let f = '', rec = [], i = 0, quoted = false;
	for (; i < text.length; i++) {
		const ch = text[i];
		if (quoted) {
			if (ch === '"' && text[i + 1] === '"') { f += '"'; i++; } else if (ch === '"') quoted = false; else f += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === ',') { rec.push(f); f = ''; } else if (ch === '\r' && text[i + 1] === '\n') { rec.push(f); recs.push(rec); rec = []; f = ''; i++; } else f += ch;
	}
	const [head, ...data] = recs;
	assert.equal(head[0], '応募ID');
	assert.ok(head.includes('医籍登録番号') && head.includes('状態') && head.includes('辞退の理由'));
	const col = (name) => head.indexOf(name);
	const byRegno = Object.fromEntries(data.map((x) => [x[col('医籍登録番号')], x]));
	assert.equal(byRegno[P.a.user.number]?.[col('状態')], '辞退');
	assert.equal(byRegno[P.a.user.number]?.[col('辞退の理由')], '家族の転勤のため, "他県" で研修します\n（統括責任者了承済み）');
	assert.equal(byRegno[P.a.user.number]?.[col('カリキュラム制を選択する詳しい理由')], '大学院で臨床研究を行うため, "研究医" を志望');
	assert.equal(byRegno[P.c.user.number]?.[col('状態')], '取消');
	for (const x of data)
		assert.equal(x.length, head.length, `a row of ${x.length} fields`);
	// Directors and members do not get it.
	assert.equal((await P.director.client.get(`/admin/programs/${researchProgram}/applicants.csv`)).status, 403);
	assert.equal((await P.a.client.get(`/admin/programs/${researchProgram}/applicants.csv`)).status, 403);
});

// ------------------------------------------------------------ isolation

const L = (p) => `303 /login?next=${p}`;
const ACTORS = ['none', 'member', 'otherMember', 'director', 'admin', 'otherAdmin'];

test('CORE-16 CORE-17: the isolation matrix rows of the recruitment pages on board.localhost', async () => {
	const id = researchProgram;
	const rid = research;
	const enc = (p) => p.replace('?', '%3F').replace('=', '%3D');
	// path: statuses for none, member, other tenant's member, director, admin, other tenant's admin
	const M = {
		'/programs':                         ['200', '200', '200', '200', '200', '200'],
		[`/programs/${id}`]:                 ['200', '200', '200', '200', '200', '200'],
		'/dashboard':                        [L('/dashboard'), '200', L('/dashboard'), '403', '403', L('/dashboard')],
		'/apply':                            [L('/apply'), '200', L('/apply'), '403', '403', L('/apply')],
		'/apply/system':                     [L('/apply/system'), '200', L('/apply/system'), '403', '403', L('/apply/system')],
		'/apply/search':                     [L('/apply/search'), '200', L('/apply/search'), '403', '403', L('/apply/search')],
		[`/apply/programs/${id}`]:           [L(`/apply/programs/${id}`), '200', L(`/apply/programs/${id}`), '403', '403', L(`/apply/programs/${id}`)],
		[`/apply/confirm?program=${id}`]:    [L(enc(`/apply/confirm?program=${id}`)), '200', L(enc(`/apply/confirm?program=${id}`)), '403', '403', L(enc(`/apply/confirm?program=${id}`))],
		'/director':                         [L('/director'), '403', L('/director'), '200', '403', L('/director')],
		'/admin/programs':                   [L('/admin/programs'), '403', L('/admin/programs'), '403', '200', L('/admin/programs')],
		[`/admin/programs/${id}`]:           [L(`/admin/programs/${id}`), '403', L(`/admin/programs/${id}`), '403', '200', L(`/admin/programs/${id}`)],
		[`/admin/programs/${id}/applicants`]: [L(`/admin/programs/${id}/applicants`), '403', L(`/admin/programs/${id}/applicants`), '403', '200', L(`/admin/programs/${id}/applicants`)],
		[`/admin/programs/${id}/applicants.csv`]: [L(`/admin/programs/${id}/applicants.csv`), '403', L(`/admin/programs/${id}/applicants.csv`), '403', '200', L(`/admin/programs/${id}/applicants.csv`)],
		'/admin/rounds':                     [L('/admin/rounds'), '403', L('/admin/rounds'), '403', '200', L('/admin/rounds')],
		[`/admin/rounds/${rid}`]:            [L(`/admin/rounds/${rid}`), '403', L(`/admin/rounds/${rid}`), '403', '200', L(`/admin/rounds/${rid}`)],
		'/admin/results':                    [L('/admin/results'), '403', L('/admin/results'), '403', '200', L('/admin/results')],
	};
	const clientFor = (actor) => ({
		none: new Client(HOST), member: P.d.client, director: P.director.client, admin: P.admin.client,
		otherMember: P.otherMember.client.on(HOST), otherAdmin: P.otherAdmin.client.on(HOST),
	})[actor];
	const wrong = [];
	for (const [p, row] of Object.entries(M)) {
		for (let i = 0; i < ACTORS.length; i++) {
			const r = await clientFor(ACTORS[i]).get(p);
			const got = cell(r);
			// Redirect targets are compared without their query encoding details.
			if (got !== row[i] && !(row[i].startsWith('303') && got.startsWith('303 /login')))
				wrong.push(`${p} as ${ACTORS[i]}: want ${row[i]}, got ${got}`);
			if (ACTORS[i].startsWith('other') && foreignNames(r.body, 'board').length)
				wrong.push(`${p} as ${ACTORS[i]}: another tenant's name`);
		}
	}
	// On a tenant without the feature, none of these pages exists, for
	// anyone (/dashboard is the platform's since issue 9: 106-dashboard).
	const home = P.otherMember.client;
	for (const p of ['/programs', '/apply', '/director', '/admin/programs', '/admin/rounds', '/admin/results'])
		for (const c of [new Client(HOSTS.palliative), home, P.otherAdmin.client]) {
			const r = await c.get(p);
			if (r.status !== 404)
				wrong.push(`palliative ${p}: ${cell(r)}`);
		}
	assert.deepEqual(wrong, [], `\n${wrong.join('\n')}`);
});

test('CORE-21: the dashboard is in the fixed menu of every page for a signed-in member', async () => {
	for (const p of ['/', '/account', '/programs', '/apply']) {
		const r = await P.d.client.model(p);
		assert.match(r.body, /<item key="menu.dashboard" href="\/dashboard"/, p);
	}
});

// The demo clock moves every window the workers check, and only after a
// SIGHUP (workers read it when they start); no request can move it.
const reload = reloadWorkers;

const applyStatus = async (client) =>
	(/<apply-status track="regular" can="([01])"(?: why="([^"]*)")?/.exec((await client.model('/apply')).body) || []).slice(1);

test('BRD-3 CORE-18 demo clock: shikakuctl demo clock moves the windows (after SIGHUP), reset brings them back', async () => {
	const user = createUser('board', { tag: 'clk' });
	const client = await signIn(HOST, user.ident, user.password);
	ctl('demo', 'clock', 'reset');
	await reload();
	assert.deepEqual(await applyStatus(client), ['1', undefined], 'the 1次募集 is open today');
	try {
		// Sixty days back the 1次募集 has not opened yet.
		ctl('demo', 'clock', '-60d');
		assert.deepEqual(await applyStatus(client), ['1', undefined], 'no effect before the workers reload');
		await reload();
		assert.deepEqual(await applyStatus(client), ['0', 'recruit.why.closed']);
		// A request cannot move it: there is no such page or parameter.
		const r = await client.get('/apply?clock=%2B60d');
		assert.equal(r.status, 200);
		assert.deepEqual(await applyStatus(client), ['0', 'recruit.why.closed']);
	} finally {
		ctl('demo', 'clock', 'reset');
		await reload();
	}
	assert.deepEqual(await applyStatus(client), ['1', undefined], 'back to today');
});
