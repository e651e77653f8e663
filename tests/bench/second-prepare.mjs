// tests/bench/second-prepare.mjs — BENCH_PREPARE of tests/bench/second:
// the bench member (its session cookie in BENCH_SID) is given what
// 二次申請 needs (this year's windows open, twenty approved cases, the
// seminar, membership, dues, 一次申請 submitted) and the four sections
// filled, so the section pages measured are the ones a member in the
// middle of 二次 sees.  Leaves the windows open.

import { Client, rows, q, sidHash } from '../integration/auth.mjs';
import { HOST, openWindows, registry, fillAll, YEAR, fileFirst } from '../integration/second.mjs';
import { sql } from '../integration/auth.mjs';

const sid = process.env.BENCH_SID;
const [[uid]] = rows(`SELECT uid FROM session WHERE id_hash = ${q(sidHash(sid))}`);
openWindows();
const reg = registry();
sql(`INSERT IGNORE INTO certify_membership (tenant, uid, joined_on) VALUES ('palliative', ${q(uid)}, '${YEAR - 3}-04-01')`);
sql(`INSERT IGNORE INTO certify_dues (tenant, uid, fy, paid_on) VALUES ('palliative', ${q(uid)}, ${YEAR}, '${YEAR}-04-10')`);
sql(`INSERT INTO credit (tenant, uid, source, event_id, units, earned_on, title) SELECT 'palliative', ${q(uid)}, 'event', id, 1, held_on, title FROM credit_event WHERE tenant = 'palliative' AND kind = 'seminar' ORDER BY id LIMIT 1`);
const vals = Array.from({ length: 20 }, (_, i) => `('palliative', ${q(uid)}, ${reg.late}, '65', 'f', '症例 ${i + 1}', 'ward', '${YEAR - 1}-05', '${YEAR - 1}-06', '要約', 'approved', NOW(), NOW(), NOW())`);
sql(`INSERT INTO certify_case (tenant, uid, supervisor_id, age_band, sex, diagnosis, setting, period_from, period_to, summary, state, created_at, updated_at, decided_at) VALUES ${vals.join(',')}`);
fileFirst(uid);
await fillAll(new Client(HOST, { sid }), reg);
console.log(`bench member ${uid}: 二次 sections filled (draft)`);
