// tests/bench/members.mjs — the bench's members (issue 10): members of
// one tenant in the state a product's heaviest pages need, so that a
// signed-in page is measured for the member who sees it at its worst.
//
//   BENCH_KIND=K BENCH_MEMBERS=N BENCH_MEMBERS_OUT=FILE node members.mjs
//       N fresh members (shikakuctl user add, never by hand), signed in
//       (terms accepted), each prepared as kind K: FILE gets one session
//       id a line, for the rotating wrk script (rotate.lua).
//   BENCH_KIND=K BENCH_SID=SID node members.mjs
//       prepare the one member of that session (tests/bench/run's own
//       member, as BENCH_PREPARE; its BENCH_NUMBER, BENCH_MAIL and
//       BENCH_NAME given too).
//
// Kinds (KINDS below): plain (nothing; any tenant, BENCH_HOST), second
// (palliative: 二次申請 under way, its four sections filled, as
// tests/bench/second-prepare.mjs always did), renewal (oncology: a
// specialist whose certificate ends this fiscal year, six seminars, the
// six documents filled), medassoc (the kakari window open; 500 credits
// over six fiscal years, as tests/integration/129).
//
// Environment: top_srcdir, top_builddir and the stack's (SHIKAKU_RUN's
// env), BENCH_HOST (plain's tenant; default board.localhost),
// BENCH_MEMBERS_CONCURRENCY (4: members made and prepared at once).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const src = process.env.top_srcdir || path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const A = await import(`${src}/tests/integration/auth.mjs`);
const { CONF } = await import(`${src}/tests/integration/http.mjs`);
const { rows, sql, q, sidHash, signIn, uniqueDigits, newPassword, Client, HOSTS, SHIKAKUCTL } = A;
const run = promisify(execFile);
const say = (s) => console.error(`members: ${s}`);

/*
 * Each kind: its tenant, what is done once (windows, registries,
 * seminars; the result is given to the per-member steps), the SQL that
 * prepares one member (statements, run for all members at once between
 * the sign-ins and the HTTP steps, in a few mariadb calls: the client is
 * synchronous, and a member's SQL must not stall the others' requests in
 * flight) and what is then asked over HTTP (async, a signed-in Client).
 * A member: { uid, c, number, mail, name }.
 */
const KINDS = {
	plain: {
		slug: () => (process.env.BENCH_HOST || 'board.localhost').split('.')[0],
		async once() { return null; },
		sql() { return []; },
		async http() {},
	},
	second: {
		slug: () => 'palliative',
		async once() {
			const S = await import(`${src}/tests/integration/second.mjs`);
			S.openWindows();
			return { S, reg: S.registry(), first: S.offeringId('first') };
		},
		sql({ uid }, { S, reg, first }) {
			const { YEAR } = S;
			const cases = Array.from({ length: 20 }, (_, i) => `('palliative', ${q(uid)}, ${reg.late}, '65', 'f', '症例 ${i + 1}', 'ward', '${YEAR - 1}-05', '${YEAR - 1}-06', '要約', 'approved', NOW(), NOW(), NOW())`);
			return [
				`INSERT IGNORE INTO certify_membership (tenant, uid, joined_on) VALUES ('palliative', ${q(uid)}, '${YEAR - 3}-04-01')`,
				`INSERT IGNORE INTO certify_dues (tenant, uid, fy, paid_on) VALUES ('palliative', ${q(uid)}, ${YEAR}, '${YEAR}-04-10')`,
				`INSERT INTO credit (tenant, uid, source, event_id, units, earned_on, title) SELECT 'palliative', ${q(uid)}, 'event', id, 1, held_on, title FROM credit_event WHERE tenant = 'palliative' AND kind = 'seminar' ORDER BY id LIMIT 1`,
				`INSERT INTO certify_case (tenant, uid, supervisor_id, age_band, sex, diagnosis, setting, period_from, period_to, summary, state, created_at, updated_at, decided_at) VALUES ${cases.join(',')}`,
				// This year's 一次申請, submitted (second.mjs fileFirst()).
				`INSERT INTO app (tenant, uid, offering_id, state, version, live, created_at, updated_at, submitted_at) VALUES ('palliative', ${q(uid)}, ${first}, 'submitted', 1, 1, NOW(), NOW(), NOW())`,
			];
		},
		async http({ c }, { S, reg }) {
			await S.fillAll(c, reg);
		},
	},
	renewal: {
		slug: () => 'oncology',
		async once() {
			const R = await import(`${src}/tests/integration/renewal.mjs`);
			const P = await import(`${src}/tests/integration/pdf.mjs`);
			R.openWindows();
			// Six seminars (renewal-setup.mjs's), attended by every member.
			const tag = `BENCH-${process.pid}-${Date.now()}`;
			sql(`INSERT INTO credit_event (tenant, number, title, kind, series, held_on, organizer_uid, units) VALUES ${Array.from({ length: 6 }, (_, i) => {
				const on = `${R.YEAR - 1 - (i % 4)}-07-0${1 + i}`, series = i % 2 ? 'A' : 'B';
				return `('oncology', '${tag}-${i}', '教育セミナー${series} ${on}', 'seminar', '${series}', '${on}', 'office', 10)`;
			}).join(',')}`);
			const seminars = rows(`SELECT id FROM credit_event WHERE tenant = 'oncology' AND number LIKE '${tag}-%'`).map((r) => r[0]);
			const seq = Number(rows("SELECT COALESCE(MAX(seq), 0) FROM certificate WHERE tenant = 'oncology'")[0][0]);
			return { R, P, seminars, seq };
		},
		sql({ uid, number, name, mail }, sh) {
			// A specialist (renewal.mjs specialist()): the member record,
			// the renewal facts, a certificate ending this fiscal year.
			const { R, P } = sh;
			sh.seq++;
			const issued = `${R.YEAR - 4}-04-01`;
			const cert = `${issued.slice(0, 4)}-${String(sh.seq).padStart(5, '0')}`;
			return [
				`INSERT INTO member (tenant, uid, member_no, regno, regno_date, name_kanji, name_kana, birth_date, sex, phone, postal_code, pref, address, email, work_name, work_dept, work_postal, work_address, work_phone, activated_at) VALUES ('oncology', ${q(uid)}, ${q(number)}, ${q(number.slice(-6))}, '1999-05-10', ${q(name)}, 'シケン タロウ', '1970-01-01', 'f', '03-0000-0000', '105-0013', '13', '港区浜松町2-1-15', ${q(mail)}, 'デモがんセンター', '腫瘍内科', '105-0013', '東京都港区浜松町2-1-15', '03-6809-1250', NOW())`,
				`INSERT INTO renewal_member (tenant, uid, contact, joined_on, specialty) VALUES ('oncology', ${q(uid)}, 'work', '2008-01-01', '腫瘍内科')`,
				`INSERT INTO certificate (tenant, seq, number, code, uid, holder, kind, issued_on, expires_on) VALUES ('oncology', ${sh.seq}, ${q(cert)}, ${q(P.newCode())}, ${q(uid)}, ${q(name)}, 'cert.kind.specialist', '${issued}', '${R.YEAR + 1}-03-31')`,
				`INSERT INTO credit (tenant, uid, source, event_id, units, earned_on, title) SELECT 'oncology', ${q(uid)}, 'event', id, units, held_on, title FROM credit_event WHERE id IN (${sh.seminars.join(',')})`,
			];
		},
		async http({ c }, { R }) {
			await R.fillAll(c);
		},
	},
	medassoc: {
		slug: () => 'medassoc',
		async once() {
			// The kakari window of this fiscal year (as tests/integration/150).
			const jst = new Date(Date.now() + 9 * 3600 * 1000);
			const fy = jst.getUTCMonth() < 3 ? jst.getUTCFullYear() - 1 : jst.getUTCFullYear();
			sql(`INSERT INTO offering (tenant, feature, kind, year, open_at, close_at) VALUES ('medassoc', 'cme', 'kakari', ${fy}, '${fy}-04-01 00:00:00', '${fy + 1}-03-31 23:59:59') ON DUPLICATE KEY UPDATE open_at = LEAST(open_at, VALUES(open_at)), close_at = GREATEST(close_at, VALUES(close_at))`);
			return null;
		},
		sql({ uid }) {
			// 500 credits over six fiscal years (tests/integration/129).
			const vals = [];
			for (let i = 0; i < 500; i++) {
				const d = new Date(Date.UTC(2020, 3, 1) + i * 4 * 86400000).toISOString().slice(0, 10);
				const s = ['event', 'elearning', 'self'][i % 3];
				vals.push(`('medassoc', ${q(uid)}, '${s}', '${i % 85}', ${(i % 5) / 2 + 0.5}, '${d}', '研修 ${i}')`);
			}
			return [`INSERT INTO credit (tenant, uid, source, code, units, earned_on, title) VALUES ${vals.join(',')}`];
		},
		async http() {},
	},
};

/*
 * The members' SQL, as many statements per mariadb call as fit in about
 * 64 KB (one argument of the client's command line: the kernel refuses
 * one over 128 KB).
 */
function prepareSql(members, shared) {
	let batch = [], len = 0;
	const flush = () => {
		if (batch.length)
			sql(batch.join(';\n'));
		batch = [];
		len = 0;
	};
	for (const st of members.flatMap((m) => kind.sql(m, shared))) {
		if (len + st.length > 65536)
			flush();
		batch.push(st);
		len += st.length + 2;
	}
	flush();
}

async function pool(n, k, fn) {
	const out = new Array(n);
	let i = 0;
	await Promise.all(Array.from({ length: Math.min(k, n) }, async () => {
		while (i < n) {
			const j = i++;
			out[j] = await fn(j);
		}
	}));
	return out;
}

const kindName = process.env.BENCH_KIND || 'plain';
const kind = KINDS[kindName];
if (!kind) {
	say(`unknown BENCH_KIND ${kindName} (${Object.keys(KINDS).join(', ')})`);
	process.exit(2);
}
const slug = kind.slug();
const host = HOSTS[slug];
const shared = await kind.once();

if (process.env.BENCH_SID) {
	// One member, signed in already (tests/bench/run's).
	const sid = process.env.BENCH_SID;
	const [[uid]] = rows(`SELECT uid FROM session WHERE id_hash = ${q(sidHash(sid))}`);
	const m = { uid, c: new Client(host, { sid }), number: process.env.BENCH_NUMBER,
	    mail: process.env.BENCH_MAIL, name: process.env.BENCH_NAME };
	prepareSql([m], shared);
	await kind.http(m, shared);
	console.log(`bench member ${uid}: prepared as ${kindName}`);
	process.exit(0);
}

const N = Number(process.env.BENCH_MEMBERS || 200);
const C = Number(process.env.BENCH_MEMBERS_CONCURRENCY || 4);
const OUT = process.env.BENCH_MEMBERS_OUT;
if (!OUT) {
	say('BENCH_MEMBERS_OUT (or BENCH_SID) is needed');
	process.exit(2);
}
const t0 = Date.now();
const pw = newPassword('bench');
const pwfile = path.join(os.tmpdir(), `bench-members-pw-${process.pid}`);
fs.writeFileSync(pwfile, `${pw}\n`, { mode: 0o600 });
let members;
try {
	members = await pool(N, C, async (i) => {
		const digits = uniqueDigits(9);
		const number = slug === 'board' ? `8${digits}` : `bm-${digits}`;
		const mail = `bm${digits}@${slug}.example`;
		const name = `ベンチ 会員${i + 1}`;
		const { stdout } = await run(SHIKAKUCTL, ['-f', CONF, 'user', 'add', slug, '--number', number,
		    '--mail', mail, '--name', name, '--password-file', pwfile]);
		const uid = stdout.trim().split('\n')[0];
		const c = await signIn(host, slug === 'palliative' ? mail : number, pw);
		return { uid, c, number, mail, name };
	});
} finally {
	fs.rmSync(pwfile, { force: true });
}
say(`${N} members of ${slug} made and signed in in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
prepareSql(members, shared);
await pool(N, C, (i) => kind.http(members[i], shared));
const sids = members.map((m) => m.c.sid);
fs.writeFileSync(OUT, `${sids.join('\n')}\n`);
say(`${N} ${kindName} members of ${slug} made, signed in and prepared in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
