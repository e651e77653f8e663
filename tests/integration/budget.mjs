// budget.mjs — statements per request, counted by MariaDB (issue 10):
// Questions (every statement a client sends, text or prepared) and the
// Com_* write counters over N requests of one page, less the same time
// with no request (the mailer's sweeps run meanwhile).  Every test of
// the query budget measures with this one function.  Beside the count,
// what the statements cost MariaDB: the rows its handlers read and the
// temporary tables it had to write to disk (a UNION's outer ORDER BY or
// a window function over TEXT columns did, on every request).

import assert from 'node:assert/strict';

import { sql, q } from './auth.mjs';

export const BUDGET = 3;
const N = 20;

// The counters read.  Questions: every statement of every client.
const READS = ['Handler_read_first', 'Handler_read_key', 'Handler_read_last',
	'Handler_read_next', 'Handler_read_prev', 'Handler_read_rnd', 'Handler_read_rnd_next'];
const VARS = ['Questions', 'Com_stmt_execute', 'Com_stmt_reset', 'Com_insert', 'Com_update',
	'Com_delete', 'Com_replace', 'Com_begin', 'Com_commit', 'Created_tmp_disk_tables', ...READS];

function status() {
	const out = sql(`SHOW GLOBAL STATUS WHERE Variable_name IN (${VARS.map(q).join(',')})`);
	const m = {};
	for (const l of out.trim().split('\n')) {
		const [k, v] = l.split('\t');
		m[k] = Number(v);
	}
	return m;
}
const delta = (a, b) => Object.fromEntries(VARS.map((k) => [k, b[k] - a[k]]));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Statements per request of GET p by client c: { statements, writes,
 * resets, disk (temporary tables on disk), rows (handler reads) }
 * averaged over N requests, less what the server did meanwhile
 * without them (the same time, no request; the counting's own
 * statements are in both).  Another try only when one is over the
 * budget (statements, writes or resets) or below none (another test's
 * statements in the idle window), up to four, and the least that is
 * not below none: other work only adds.
 */
export async function perRequest(c, p, n = N) {
	for (let i = 0; i < 2; i++) {
		const r = await c.get(p);
		assert.equal(r.status, 200, `${c.host}${p}: ${r.status} ${r.location || ''}`);
	}
	let best, last;
	// A signed-in page runs at least its session statement: fewer than
	// none means another test's statements fell in the idle window
	// (files run side by side), so that window is measured again.
	for (let t = 0; t < 4; t++) {
		const t0 = Date.now();
		const a = status();
		for (let i = 0; i < n; i++) {
			const r = await c.get(p);
			assert.equal(r.status, 200, `${c.host}${p}: ${r.status} ${r.location || ''}`);
		}
		const b = status();
		const ms = Date.now() - t0;
		const i0 = status();
		await sleep(ms);
		const i1 = status();
		const d = delta(a, b), idle = delta(i0, i1);
		const per = (k) => (d[k] - idle[k]) / n;
		const m = {
			statements: per('Questions'),
			writes: per('Com_insert') + per('Com_update') + per('Com_delete') + per('Com_replace') + per('Com_begin'),
			resets: per('Com_stmt_reset'),
			disk: per('Created_tmp_disk_tables'),
			rows: READS.reduce((n, k) => n + per(k), 0),
		};
		last = m;
		if (m.statements < 0)
			continue;
		if (!best || m.statements < best.statements)
			best = m;
		if (overBudget('', best).length === 0)
			break;
	}
	return best ?? last;
}

/**
 * What of measure m (perRequest()) of page p breaks the budget: more than
 * BUDGET statements, a write, a COM_STMT_RESET round trip, a temporary
 * table on disk (per request, rounded: the mailer's rare one is not the
 * page's); one message each, none when it holds.
 */
export function overBudget(p, m) {
	const over = [];
	if (Math.round(m.statements) > BUDGET)
		over.push(`${p}: ${m.statements.toFixed(2)} statements`);
	if (Math.round(m.writes) > 0)
		over.push(`${p}: ${m.writes.toFixed(2)} writes`);
	if (Math.round(m.resets) > 0)
		over.push(`${p}: ${m.resets.toFixed(2)} COM_STMT_RESET round trips`);
	if (Math.round(m.disk) > 0)
		over.push(`${p}: ${m.disk.toFixed(2)} temporary tables on disk`);
	return over;
}
