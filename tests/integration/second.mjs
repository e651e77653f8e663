// Fixtures of 二次申請's tests (135–139, e2e palliative.test.mjs): the
// windows of 一次 and 二次 open now, a member with the facts the
// requirement panel reads (approved cases, exemption, seminar, joined,
// dues, this year's 一次申請), the registries (a facility certified
// twice, supervisors whose certification changes mid-training), real
// files, multipart bodies, and the four sections filled.

import crypto from 'node:crypto';
import assert from 'node:assert/strict';

import { perRequest } from './budget.mjs';

import { signIn, createUser, rows, sql, q, csrfOf, gist, HOSTS } from './auth.mjs';

export const HOST = HOSTS.palliative;
export const BASE = '/application/second';
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVQImWOQt84EAAFAAMSRADcfAAAAAElFTkSuQmCC', 'base64');
export const PDF = Buffer.from([
	'%PDF-1.4', '1 0 obj', '<< /Type /Catalog /Pages 2 0 R >>', 'endobj',
	'2 0 obj', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', 'endobj',
	'3 0 obj', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>', 'endobj',
	'xref', '0 4', '0000000000 65535 f ', 'trailer', '<< /Size 4 /Root 1 0 R >>',
	'startxref', '0', '%%EOF', ''].join('\n'));
export const TEXT = Buffer.from('just text, not a document\n');

/** Japan time now plus s seconds, as "YYYY-MM-DD HH:MM:SS". */
export function jst(s = 0) {
	return new Date(Date.now() + s * 1000 + 9 * 3600 * 1000).toISOString()
	    .slice(0, 19).replace('T', ' ');
}
export const YEAR = Number(jst().slice(0, 4));

/** Open 一次 and 二次 of this year now; returns a function restoring them. */
export function openWindows() {
	const saved = rows(`SELECT kind, open_at, close_at FROM offering WHERE tenant = 'palliative' AND year = ${YEAR} AND kind IN ('first', 'second')`);
	for (const kind of ['first', 'second'])
		sql(`INSERT INTO offering (tenant, feature, kind, year, open_at, close_at) VALUES ('palliative', 'certify', '${kind}', ${YEAR}, ${q(jst(-3600))}, ${q(jst(3 * 3600))})
		    ON DUPLICATE KEY UPDATE open_at = VALUES(open_at), close_at = VALUES(close_at)`);
	return () => {
		for (const [kind, o, c] of saved)
			sql(`UPDATE offering SET open_at = ${q(o)}, close_at = ${q(c)} WHERE tenant = 'palliative' AND kind = '${kind}' AND year = ${YEAR}`);
	};
}

export function offeringId(kind) {
	return rows(`SELECT id FROM offering WHERE tenant = 'palliative' AND kind = '${kind}' AND year = ${YEAR}`)[0][0];
}

let seq = 0;
const tag = () => `${process.pid % 10000}${Date.now() % 100000}${seq++}`;

/**
 * The registries: one facility certified twice (two kinds, two
 * periods), a supervisor certified 専門医 to 31 March of last year and
 * another (the same person's 指導医) from 1 April of last year on.
 */
export function registry() {
	const t = tag();
	sql(`INSERT INTO certify_facility (tenant, code, name, kana, pref) VALUES ('palliative', 'F${t}', '二次試験病院${t}', 'にじしけんびょういん${t}', '13')`);
	const fac = rows(`SELECT id FROM certify_facility WHERE tenant = 'palliative' AND code = 'F${t}'`)[0][0];
	sql(`INSERT INTO certify_facility_cert (tenant, facility_id, kind, valid_from, valid_to) VALUES
	    ('palliative', ${fac}, 'training', '${YEAR - 6}-04-01', '${YEAR + 3}-03-31'),
	    ('palliative', ${fac}, 'team', '${YEAR - 2}-04-01', '${YEAR + 1}-03-31')`);
	const certs = rows(`SELECT id FROM certify_facility_cert WHERE facility_id = ${fac} ORDER BY kind DESC`).map((r) => r[0]);
	sql(`INSERT INTO certify_supervisor (tenant, number, name, kana, valid_from, valid_to) VALUES
	    ('palliative', 'S${t}a', '指導 一郎${t}', 'しどう いちろう${t}', '${YEAR - 6}-04-01', '${YEAR - 1}-03-31'),
	    ('palliative', 'S${t}b', '指導 一郎${t}', 'しどう いちろう${t}', '${YEAR - 1}-04-01', '${YEAR + 4}-03-31')`);
	const sups = rows(`SELECT id FROM certify_supervisor WHERE tenant = 'palliative' AND number IN ('S${t}a', 'S${t}b') ORDER BY number`).map((r) => r[0]);
	return { tag: t, facility: fac, certs, early: sups[0], late: sups[1], name: `指導 一郎${t}`, kana: `しどう いちろう${t}` };
}

/**
 * A fresh member with the facts given; `first`: this year's 一次申請
 * submitted.  Returns { user, c }.
 */
export async function member({ cases = 20, exempt = 0, seminar = 1, joined = `${YEAR - 3}-04-01`, dues = 1, first = true, sup } = {}) {
	const user = createUser('palliative', { tag: 'p2' });
	if (joined)
		sql(`INSERT INTO certify_membership (tenant, uid, joined_on, case_exempt) VALUES ('palliative', ${q(user.uid)}, '${joined}', ${exempt})`);
	if (dues)
		sql(`INSERT INTO certify_dues (tenant, uid, fy, paid_on) VALUES ('palliative', ${q(user.uid)}, ${YEAR}, '${YEAR}-04-10')`);
	if (cases > 0) {
		const s = sup || rows("SELECT id FROM certify_supervisor WHERE tenant = 'palliative' ORDER BY id LIMIT 1")[0][0];
		const vals = Array.from({ length: cases }, (_, i) => `('palliative', ${q(user.uid)}, ${s}, '65', 'f', '肺癌 ${i + 1}', 'ward', '${YEAR - 1}-05', '${YEAR - 1}-06', '経過の要約', 'approved', NOW(), NOW(), NOW())`);
		sql(`INSERT INTO certify_case (tenant, uid, supervisor_id, age_band, sex, diagnosis, setting, period_from, period_to, summary, state, created_at, updated_at, decided_at) VALUES ${vals.join(',')}`);
	}
	if (seminar) {
		const num = `SEM-${tag()}`;
		sql(`INSERT INTO credit_event (tenant, number, title, kind, held_on, organizer_uid, units) VALUES ('palliative', '${num}', '教育セミナー', 'seminar', '${YEAR - 1}-09-01', 'org', 1)`);
		sql(`INSERT INTO credit (tenant, uid, source, event_id, units, earned_on, title) SELECT 'palliative', ${q(user.uid)}, 'event', id, 1, held_on, title FROM credit_event WHERE tenant = 'palliative' AND number = '${num}'`);
	}
	if (first)
		fileFirst(user.uid);
	const c = await signIn(HOST, user.ident, user.password);
	return { user, c };
}

/** This year's 一次申請, submitted (as the platform marks one). */
export function fileFirst(uid, state = 'submitted') {
	const off = offeringId('first');
	sql(`INSERT INTO app (tenant, uid, offering_id, state, version, live, created_at, updated_at, submitted_at) VALUES ('palliative', ${q(uid)}, ${off}, '${state}', 1, 1, NOW(), NOW(), NOW())`);
}

/** multipart/form-data of fields and file parts [{ name, filename, type, data }]. */
export function multipart(fields, files = []) {
	const boundary = `----second${crypto.randomBytes(8).toString('hex')}`;
	const parts = [];
	for (const [k, v] of Object.entries(fields))
		parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
	for (const f of files)
		parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"; filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`),
		    f.data, Buffer.from('\r\n'));
	parts.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

/** POST a section's form or row (p under BASE) with fields and files; the XML answer. */
export async function save(c, p, fields, files = []) {
	const f = await c.model(`${BASE}/${p}`);
	assert.equal(f.status, 200, `${p}: ${gist(f)}`);
	const mp = multipart({ csrf: csrfOf(f.body), op: 'save', ...fields }, files);
	return c.req('POST', `${BASE}/${p}`, { raw: mp.body, headers: { 'content-type': mp.type }, xml: true });
}

export const pdf = (name, filename = 'doc.pdf') => ({ name, filename, type: 'application/pdf', data: PDF });
export const png = (name, filename = 'photo.png') => ({ name, filename, type: 'image/png', data: PNG });

export const RESUME = {
	years: '6',
	'edu.1.date': '2008-04-01', 'edu.1.text': '〇〇大学医学部 入学',
	'edu.2.date': '2014-03-31', 'edu.2.text': '〇〇大学医学部 卒業',
	'car.1.date': '2014-04-01', 'car.1.text': '〇〇病院 初期研修',
};

/** A certificate row within the late supervisor's period. */
export function certRow(reg) {
	return { category: 'core', facility: reg.certs[0], start: `${YEAR - 1}-04`, end: `${YEAR}-03`, supervisor: reg.late };
}

/** All four sections 登録済. */
export async function fillAll(c, reg) {
	let r = await save(c, 'resume', RESUME);
	assert.equal(r.status, 303, `resume: ${gist(r)}`);
	r = await save(c, 'training/new', certRow(reg), [pdf('file', '修了証明書.pdf')]);
	assert.equal(r.status, 303, `training: ${gist(r)}`);
	r = await save(c, 'works/new', { kind: 'paper', title: '緩和医療の症例報告' }, [pdf('file', '業績.pdf')]);
	assert.equal(r.status, 303, `works: ${gist(r)}`);
	r = await save(c, 'documents', {}, [pdf('licence', '免許.pdf'), pdf('course', '受講証.pdf'), png('photo')]);
	assert.equal(r.status, 303, `documents: ${gist(r)}`);
}

export function appOf(uid) {
	return rows(`SELECT a.id, a.state, a.number, a.version FROM app a JOIN offering o ON o.id = a.offering_id WHERE a.uid = ${q(uid)} AND o.kind = 'second' ORDER BY a.id DESC LIMIT 1`)[0];
}

export function sections(appId) {
	return Object.fromEntries(rows(`SELECT section, state FROM app_section WHERE app_id = ${appId}`));
}

/** The confirm POST of the top page: the July boxes and 手続き中 as given. */
export async function submit(c, boxes = {}) {
	const f = await c.model(BASE);
	return c.postRaw(`${BASE}/confirm`, { csrf: csrfOf(f.body), op: 'submit', ...boxes }, { xml: true });
}

/** Statements per GET of p by client c (budget.mjs). */
export async function statements(c, p, n = 10) {
	return (await perRequest(c, p, n)).statements;
}
