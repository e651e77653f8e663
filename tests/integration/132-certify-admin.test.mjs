// The society's registries (PAL-12): exam sites, certified facilities
// (several certification kinds and periods each), supervisors (number,
// kana, certification period, their account) — each edited by a form and
// imported by CSV through the platform's import (dry run changes nothing,
// errors as file:line:column, all or nothing, audited) — and the dues and
// membership imports; only the tenant admin reaches them.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import {
	signIn, createUser, rows, q, csrfOf, errorKeys, resetThrottle, gist,
	HOSTS, auditRows, uniqueDigits,
} from './auth.mjs';
import { memberRow, multipart } from './credit.mjs';

const HOST = HOSTS.palliative;
let admin, member;
const TAG = uniqueDigits(5);

async function upload(c, p, step, filename, data) {
	const csrf = await c.csrf(p);
	const mp = multipart({ csrf, step }, filename, data);
	return c.req('POST', p, { raw: mp.body, headers: { 'content-type': mp.type }, xml: true });
}

function reportErrors(xml) {
	return [...xml.matchAll(/<error file="([^"]*)" line="(\d+)" column="(\d+)" key="([^"]+)"/g)]
	    .map((m) => `${m[1]}:${m[2]}:${m[3]} ${m[4]}`);
}

before(async () => {
	resetThrottle();
	const a = createUser('palliative', { roles: ['tenant_admin'], tag: 'cadm' });
	admin = await signIn(HOST, a.ident, a.password);
	const m = createUser('palliative', { tag: 'cmem' });
	member = await signIn(HOST, m.ident, m.password);
});

test('PAL-12 CORE-16 the registries are the tenant admin\'s: a member gets 403, every page answers the admin', async () => {
	for (const p of ['/admin/certify', '/admin/certify/sites', '/admin/certify/facilities', '/admin/certify/supervisors',
	    '/admin/certify/sites/new', '/admin/certify/facilities/import', '/admin/certify/dues/import', '/admin/certify/members/import']) {
		assert.equal((await member.get(p)).status, 403, p);
		const r = await admin.get(p);
		assert.equal(r.status, 200, `${p}: ${gist(r)}`);
	}
	assert.equal((await admin.get('/admin/certify/nothing')).status, 404);
	assert.equal((await admin.get('/admin/certify/dues')).status, 404, 'dues: import only');
	assert.equal((await admin.get('/admin/certify/sites/999999999')).status, 404);
});

test('PAL-12 a facility edited by its form: two kinds and periods; a wrong kind or an inverted period is refused with its reason', async () => {
	const code = `FX${TAG}`;
	const f = await admin.model('/admin/certify/facilities/new');
	const bad = [
		['training:2020-04-01:2026-03-31;nursing:2020-04-01:2026-03-31', 'certify.err.kind'],
		['training:2026-04-01:2020-03-31', 'certify.err.period'],
		['training:2020-04-01', 'certify.err.certs'],
		['training:2020-13-01:2026-03-31', 'certify.err.date'],
	];
	for (const [certs, key] of bad) {
		const r = await admin.postRaw('/admin/certify/facilities/new', { csrf: csrfOf(f.body), fac_code: code, name: '試験病院', kana: 'しけん', pref: '13', certs }, { xml: true });
		assert.equal(r.status, 200, gist(r));
		assert.ok(errorKeys(r.body).includes(key), `${certs}: ${errorKeys(r.body)}`);
	}
	assert.equal(rows(`SELECT COUNT(*) FROM certify_facility WHERE code = ${q(code)}`)[0][0], '0');
	const ok = await admin.postRaw('/admin/certify/facilities/new', { csrf: csrfOf(f.body), fac_code: code, name: '試験病院', kana: 'しけん', pref: '東京都',
	    certs: 'training:2020-04-01:2026-03-31;team:2022/4/1:2027/3/31' });
	assert.equal(ok.status, 303, gist(ok));
	assert.deepEqual(rows(`SELECT c.kind, c.valid_from, c.valid_to FROM certify_facility_cert c JOIN certify_facility f ON f.id = c.facility_id
	    WHERE f.code = ${q(code)} ORDER BY c.kind`), [['team', '2022-04-01', '2027-03-31'], ['training', '2020-04-01', '2026-03-31']]);
	assert.equal(rows(`SELECT pref FROM certify_facility WHERE code = ${q(code)}`)[0][0], '13');
	assert.ok(auditRows(`action = 'certify.registry.save' AND object = 'facilities' AND detail = ${q(code)}`).length >= 1);
	// Edited again: the certifications are replaced.
	const id = rows(`SELECT id FROM certify_facility WHERE code = ${q(code)}`)[0][0];
	const e = await admin.model(`/admin/certify/facilities/${id}`);
	assert.match(e.body, new RegExp(`<field name="fac_code"[^>]*><value>${code}</value>`));
	assert.match(e.body, /<value>team:2022-04-01:2027-03-31;training:2020-04-01:2026-03-31<\/value>/);
	assert.equal((await admin.postRaw(`/admin/certify/facilities/${id}`, { csrf: csrfOf(e.body), fac_code: code, name: '試験病院（改）', kana: 'しけん', pref: '13', certs: 'related:2024-04-01:2029-03-31' })).status, 303);
	assert.deepEqual(rows(`SELECT c.kind FROM certify_facility_cert c JOIN certify_facility f ON f.id = c.facility_id WHERE f.code = ${q(code)}`), [['related']]);
	// Members find it on 施設認定.
	const pub = await member.model(`/certify/facilities?q=${encodeURIComponent('試験病院（改）')}`);
	assert.match(pub.body, new RegExp(`<facility [^>]*code="${code}"[^>]*kind="related"`));
});

test('PAL-12 the supervisor import: a dry run changes nothing; one bad line rejects the file with file:line:column; a good file commits all, audited', async () => {
	const acct = memberRow(createUser('palliative', { roles: ['member', 'supervisor'], tag: 'simp' }));
	const head = '\ufeff認定番号,氏名,ふりがな,会員番号,認定開始日,認定終了日\r\n';
	const good = [`I${TAG}1,輸入 一郎,ゆにゅう いちろう,${acct.number},2020-04-01,2026-09-30`, `I${TAG}2,輸入 二郎,ゆにゅう じろう,,2021/4/1,2027/3/31`];
	const badCsv = head + [...good, `I${TAG}3,輸入 三郎,ゆにゅう さぶろう,nobody${TAG},2020-04-01,2026-03-31`,
	    `I${TAG}1,重複,ちょうふく,,2020-04-01,2026-03-31`, `I${TAG}4,期間,きかん,,2027-04-01,2026-03-31`, `I${TAG}5,日付,ひづけ,,2020-02-30,2026-03-31`].join('\r\n') + '\r\n';
	for (const step of ['check', 'commit']) {
		const r = await upload(admin, '/admin/certify/supervisors/import', step, 'sup.csv', badCsv);
		assert.equal(r.status, 422, `${step}: ${gist(r)}`);
		assert.deepEqual(reportErrors(r.body), ['sup.csv:4:4 import.err.unknown-member', 'sup.csv:5:1 import.err.duplicate',
		    'sup.csv:6:6 certify.err.period', 'sup.csv:7:5 import.err.date']);
	}
	assert.equal(rows(`SELECT COUNT(*) FROM certify_supervisor WHERE number LIKE 'I${TAG}%'`)[0][0], '0');
	const check = await upload(admin, '/admin/certify/supervisors/import', 'check', 'sup.csv', head + good.join('\r\n'));
	assert.equal(check.status, 200, gist(check));
	assert.equal(rows(`SELECT COUNT(*) FROM certify_supervisor WHERE number LIKE 'I${TAG}%'`)[0][0], '0', 'a dry run writes nothing');
	const commit = await upload(admin, '/admin/certify/supervisors/import', 'commit', 'sup.csv', head + good.join('\r\n'));
	assert.equal(commit.status, 303, gist(commit));
	assert.deepEqual(rows(`SELECT number, IFNULL(uid, '-'), valid_from, valid_to FROM certify_supervisor WHERE number LIKE 'I${TAG}%' ORDER BY number`),
	    [[`I${TAG}1`, acct.uid, '2020-04-01', '2026-09-30'], [`I${TAG}2`, '-', '2021-04-01', '2027-03-31']]);
	assert.ok(auditRows("action = 'import.certify.supervisors'").length >= 1);
	// The supervisor's account now has the queue.
	const s = await signIn(HOST, acct.ident, acct.password);
	const qpage = await s.model('/cases/review');
	assert.equal(qpage.status, 200);
	assert.doesNotMatch(qpage.body, /not-registered/);
});

test('PAL-12 exam sites, facilities, dues and membership by CSV: upserts; what they feed (一次 choices, 施設認定, requirements) follows', async () => {
	let r = await upload(admin, '/admin/certify/sites/import', 'commit', 's.csv', `会場コード,会場名,表示順,受付中\nZ${TAG},試験会場${TAG},90,1\n`);
	assert.equal(r.status, 303, gist(r));
	assert.deepEqual(rows(`SELECT name, sort, active FROM certify_exam_site WHERE code = 'Z${TAG}'`), [[`試験会場${TAG}`, '90', '1']]);
	r = await upload(admin, '/admin/certify/sites/import', 'commit', 's.csv', `code,name,sort,active\nZ${TAG},試験会場${TAG},91,0\n`);
	assert.equal(r.status, 303, gist(r));
	assert.deepEqual(rows(`SELECT sort, active FROM certify_exam_site WHERE code = 'Z${TAG}'`), [['91', '0']]);
	r = await upload(admin, '/admin/certify/facilities/import', 'commit', 'f.csv',
	    `施設番号,施設名,ふりがな,都道府県,認定\nG${TAG},取込病院,とりこみ,40,training:2020-04-01:2026-03-31;training:2014-04-01:2020-03-31\n`);
	assert.equal(r.status, 303, gist(r));
	assert.equal(rows(`SELECT COUNT(*) FROM certify_facility_cert c JOIN certify_facility f ON f.id = c.facility_id WHERE f.code = 'G${TAG}'`)[0][0], '2',
	    'one facility, the same kind for two periods');
	const m = memberRow(createUser('palliative', { tag: 'dues' }));
	r = await upload(admin, '/admin/certify/dues/import', 'commit', 'd.csv', `会員番号,年度,納入日,金額\n${m.number},2026,2026-05-01,15000\n`);
	assert.equal(r.status, 303, gist(r));
	assert.deepEqual(rows(`SELECT fy, paid_on, amount FROM certify_dues WHERE uid = ${q(m.uid)}`), [['2026', '2026-05-01', '15000']]);
	r = await upload(admin, '/admin/certify/members/import', 'check', 'm.csv', `会員番号,入会日,症例報告書免除,筆記試験免除\n${m.number},2019-04-01,2,0\n`);
	assert.equal(r.status, 422);
	assert.deepEqual(reportErrors(r.body), ['m.csv:2:3 certify.err.flag']);
	r = await upload(admin, '/admin/certify/members/import', 'commit', 'm.csv', `会員番号,入会日,症例報告書免除,筆記試験免除\n${m.number},2019-04-01,1,0\n`);
	assert.equal(r.status, 303, gist(r));
	assert.deepEqual(rows(`SELECT joined_on, case_exempt, exam_exempt FROM certify_membership WHERE uid = ${q(m.uid)}`), [['2019-04-01', '1', '0']]);
	// The exemption reaches the member's pages through the session (no statement).
	const mc = await signIn(HOST, m.ident, m.password);
	assert.match((await mc.model('/certify')).body, /<cases approved="0" needed="20" exempt="1"/);
});
