// tests/bench/credit-import.mjs — the attendance import's cost (CME-2,
// issue 13's bench): a CSV of BENCH_ROWS (10,000) attendees of one event
// through /events/<id>/import, dry run then commit, on a running stack.
// Reports the wall time of each step, the SQL statements each sent
// (MariaDB's Questions counter: batched, so a few dozen, never one per
// row), and the workers' peak resident memory (VmHWM) before and after.
// Not a timed test: it prints figures; it fails only if the import
// fails or the statements grow with the rows.  Its rows are removed.
//
//   SHIKAKU_RUN=/tmp/rd top_srcdir=. top_builddir=build tests/bench/credit-import

import fs from 'node:fs';
import crypto from 'node:crypto';

import { workerPids } from '../integration/http.mjs';
import { signIn, createUser, sql, rows, q } from '../integration/auth.mjs';
import { multipart } from '../integration/credit.mjs';

const N = Number(process.env.BENCH_ROWS || 10000);
const T = 'medassoc';
const tag = `bench${crypto.randomBytes(3).toString('hex')}`;

const questions = () => Number(sql("SHOW GLOBAL STATUS LIKE 'Questions'").trim().split('\t')[1]);
const hwm = () => workerPids().map((pid) => {
	const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
	return m ? Number(m[1]) : 0;
});

const org = createUser(T, { tag: 'bo', roles: ['event_organizer'] });
const c = await signIn(org.host, org.ident, org.password, { enrol: true });
// N members: accounts and member records, one statement each.
sql(`INSERT INTO account (tenant, uid) SELECT '${T}', CONCAT('${tag}', seq) FROM seq_0_to_${N - 1}`);
sql(`INSERT INTO member (tenant, uid, member_no, name_kanji, name_kana, birth_date, phone, postal_code, pref, address, email, activated_at)
    SELECT '${T}', CONCAT('${tag}', seq), CONCAT('${tag}-', seq), CONCAT('試験 ', seq), 'シケン', '1980-01-01', '03-0000-0000', '100-0001', '13', '千代田区', CONCAT('${tag}', seq, '@medassoc.example'), NOW() FROM seq_0_to_${N - 1}`);
const r0 = await c.post('/events/new', { number: `B-${tag}`, title: 'ベンチ研修会', held_on: '2025-10-01', place: '', kind: 'lecture', series: '', units: '0', code_1: '12', units_1: '1', code_2: '80', units_2: '0.5' });
const id = Number(/\/events\/(\d+)/.exec(r0.location)[1]);
let csv = '研修会コード,会員番号,単位数\r\n';
for (let j = 0; j < N; j++)
	csv += `B-${tag},${tag}-${j},\r\n`;

async function step(name) {
	const csrf = await c.csrf(`/events/${id}/import`);
	const mp = multipart({ csrf, step: name }, 'bench.csv', csv);
	const q0 = questions(), t0 = process.hrtime.bigint();
	const r = await c.req('POST', `/events/${id}/import`, { raw: mp.body, headers: { 'content-type': mp.type } });
	const ms = Number(process.hrtime.bigint() - t0) / 1e6;
	return { status: r.status, ms, statements: questions() - q0 };
}

const before = hwm();
const check = await step('check');
const commit = await step('commit');
const after = hwm();
const [[att]] = rows(`SELECT COUNT(*) FROM credit_attendance WHERE event_id = ${id}`);
const [[cr]] = rows(`SELECT COUNT(*) FROM credit WHERE event_id = ${id}`);
console.log(`credit-import: ${N} rows, ${(csv.length / 1024).toFixed(0)} KiB`);
console.log(`credit-import: dry run  ${check.status}  ${check.ms.toFixed(0)} ms  ${check.statements} statements`);
console.log(`credit-import: commit   ${commit.status}  ${commit.ms.toFixed(0)} ms  ${commit.statements} statements (one transaction)`);
console.log(`credit-import: written  ${att} attendances, ${cr} credits`);
console.log(`credit-import: workers' peak RSS (VmHWM) before ${before.map((k) => `${(k / 1024).toFixed(1)} MiB`).join(', ')}; after ${after.map((k) => `${(k / 1024).toFixed(1)} MiB`).join(', ')}`);

sql(`DELETE FROM credit_event WHERE id = ${id}`);
sql(`DELETE FROM member WHERE tenant = '${T}' AND uid LIKE '${tag}%'`);
sql(`DELETE FROM account WHERE tenant = '${T}' AND uid LIKE '${tag}%'`);
const ok = commit.status === 303 && Number(att) === N && Number(cr) === 2 * N && commit.statements < 100;
process.exit(ok ? 0 : 1);
