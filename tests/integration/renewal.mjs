// tests/integration/renewal.mjs — what the oncology renewal tests
// (140–149, tests/e2e/oncology.test.mjs) share: a fresh specialist with a
// certification record (certificate rows, kind cert.kind.specialist), a
// member record, seminar credits through the credit service's tables,
// the renewal offering's window open, and forms to fill every document.

import { createUser, signIn, sql, rows, q, HOSTS } from './auth.mjs';
import { makeCert } from './pdf.mjs';

export const HOST = HOSTS.oncology;
export const BASE = '/application/renewal';
export const BASE4 = '/application/renewal4';

/** The renewal year the server sees: the fiscal year of today (JST). */
export function fiscalYear(d = new Date(Date.now() + 9 * 3600 * 1000)) {
	const y = d.getUTCFullYear();
	return d.getUTCMonth() + 1 >= 4 ? y : y - 1;
}
export const YEAR = fiscalYear();

/** "YYYY-MM-DD HH:MM:SS" in Japan time, `s` seconds from now. */
export function jst(s = 0) {
	return new Date(Date.now() + s * 1000 + 9 * 3600 * 1000).toISOString()
	    .slice(0, 19).replace('T', ' ');
}

/** Both offerings of this year open (a day either side of now). */
export function openWindows() {
	for (const kind of ['renewal', 'renewal4'])
		sql(`INSERT INTO offering (tenant, feature, kind, year, open_at, close_at) VALUES ('oncology', 'renewal', ${q(kind)}, ${YEAR}, ${q(jst(-86400))}, ${q(jst(86400 * 30))}) ON DUPLICATE KEY UPDATE open_at = VALUES(open_at), close_at = VALUES(close_at)`);
}

/**
 * A specialist: an account, a member record (contact: work or home), and
 * `certs` specialist certificates, the latest ending 31 March after the
 * renewal year `nextFy` (default: this year's).  { u, c (signed in) }.
 */
export async function specialist({ certs = 1, nextFy = YEAR, contact = 'work', seminars = [] } = {}) {
	const u = createUser('oncology', { tag: 'rn' });
	sql(`INSERT INTO member (tenant, uid, member_no, regno, regno_date, name_kanji, name_kana, birth_date, sex, phone, postal_code, pref, address, email, work_name, work_dept, work_postal, work_address, work_phone, activated_at) VALUES ('oncology', ${q(u.uid)}, ${q(u.number)}, ${q(u.number.slice(-6))}, '1999-05-10', ${q(u.name)}, 'シケン タロウ', '1970-01-01', 'f', '03-0000-0000', '105-0013', '13', '港区浜松町2-1-15', ${q(u.mail)}, 'デモがんセンター', '腫瘍内科', '105-0013', '東京都港区浜松町2-1-15', '03-6809-1250', NOW())`);
	sql(`INSERT INTO renewal_member (tenant, uid, contact, joined_on, specialty) VALUES ('oncology', ${q(u.uid)}, ${q(contact)}, '2008-01-01', '腫瘍内科')`);
	for (let i = certs - 1; i >= 0; i--) {
		const end = nextFy + 1 - 5 * i;
		makeCert('oncology', u.uid, u.name, {
			issued: `${end - 5}-04-01`, expires: `${end}-03-31`,
			kind: 'cert.kind.specialist',
		});
	}
	for (const s of seminars)
		addSeminar(u.uid, s);
	const c = await signIn(u.host, u.ident, u.password);
	return { u, c };
}

let seq = 0;
/** One seminar attended: { on: 'YYYY-MM-DD', units, series?, title? }. */
export function addSeminar(uid, { on, units = 10, series = null, title }) {
	const number = `T${process.pid}-${Date.now()}-${seq++}`;
	const t = title || `教育セミナー${series || ''} ${on}`;
	sql(`INSERT INTO credit_event (tenant, number, title, kind, series, held_on, organizer_uid, units) VALUES ('oncology', ${q(number)}, ${q(t)}, 'seminar', ${series ? q(series) : 'NULL'}, ${q(on)}, 'office', ${units})`);
	const id = rows(`SELECT id FROM credit_event WHERE tenant = 'oncology' AND number = ${q(number)}`)[0][0];
	sql(`INSERT INTO credit (tenant, uid, source, event_id, units, earned_on, title) VALUES ('oncology', ${q(uid)}, 'event', ${id}, ${units}, ${q(on)}, ${q(t)})`);
	return id;
}

/** The forms of every document, valid. */
export const FORMS = {
	resume: { school: '臨床大学医学部', grad_ym: '1995-03', base_society: 'naika', base_kind: 'senmon', base_number: 'N-12345' },
	profile: { text: 'がん薬物療法の臨床と研究に従事してきた。' },
	activity: { from: '2021-04', to: '2026-03', content: '腫瘍内科での薬物療法と臨床試験' },
	meeting: { first: 'yes', venue: '横浜', held_on: `${YEAR - 1}-02-20`, units: '10' },
	paper: { cat: 'paper', kind: 'original', on: `${YEAR - 1}-06-01`, units: '30', content: '原著論文（英文）' },
	record: { s01: '1', s01n: '12', s03: '1', d02: '1', d02n: '5', k15: '1', special: 'no', second: 'yes', trial1: 'JCOG0000 第III相試験', cases1: '3' },
};

/** Save one form (resume, profile, record) or a new row; the response. */
export function save(c, doc, form, base = BASE) {
	const rowsDoc = ['activity', 'meeting', 'paper'].includes(doc);
	const p = rowsDoc ? `${base}/${doc}/new` : `${base}/${doc}`;
	return c.post(p, form, { formPage: rowsDoc ? `${base}/${doc}/new` : p });
}

/** Fill all six typed documents (the seventh is read-only). */
export async function fillAll(c, base = BASE) {
	for (const [doc, form] of Object.entries(FORMS)) {
		const r = await save(c, doc, form, base);
		if (r.status !== 303)
			throw new Error(`save ${doc}: ${r.status} ${r.body.slice(0, 300)}`);
	}
}

/** The text of every <li> of the shortfalls as the page shows them. */
export function shortfallTexts(html) {
	const m = /<section class="[^"]*renewal-shortfalls[^"]*">([\s\S]*?)<\/section>/.exec(html);
	if (!m)
		return [];
	return [...m[1].matchAll(/<li>([\s\S]*?)<\/li>/g)].map((x) => x[1].replace(/<[^>]+>/g, '').trim());
}
