// tests/cluster/drill.mjs — issue 15's drill on the cluster of
// scripts/cluster (tests/cluster/drill starts it): N applicants (made by
// shikakuctl) submit 応募する to the board's open round twice each through
// nginx, across both pools, at DRILL_RATE requests/s; meanwhile, on a
// schedule: SIGKILL db1 (the node every pool writes to), SIGTERM app1's
// whole pool, stop slapd ldap1 and change a password while it is down;
// then each comes back.  Afterwards it checks the issue's list and prints
// one JSON object (checks, figures); tests/cluster/drill judges it.
//
// Environment: top_srcdir, the cluster's env (SHIKAKU_RUN, SHIKAKU_PORT,
// SHIKAKU_CONF, SHIKAKU_DB_SOCKET, SHIKAKU_MAILDIR, SHIKAKU_LDAP_URI,
// SHIKAKU_LDAP_URI2), DRILL_APPLICANTS (1000), DRILL_CONCURRENCY (16),
// DRILL_RATE (40 POSTs/s: long enough for every fault to meet traffic).
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const src = process.env.top_srcdir;
const { signIn, csrfOf, rows, q, uniqueDigits, SHIKAKUCTL, newPassword, resetThrottle } = await import(`${src}/tests/integration/auth.mjs`);
const { CONF } = await import(`${src}/tests/integration/http.mjs`);
const run = promisify(execFile);
const RUN = process.env.SHIKAKU_RUN;
const CLUSTER = path.join(src, 'scripts/cluster');
const N = Number(process.env.DRILL_APPLICANTS || 1000);
const C = Number(process.env.DRILL_CONCURRENCY || 16);
const RATE = Number(process.env.DRILL_RATE || 40);
const HOST = 'board.localhost';
const say = (s) => console.error(`drill: ${s}`);
// What the pools log from now on (a cluster may have run a drill before).
const logFrom = Object.fromEntries(['app1', 'app2'].map((a) => [a, fs.statSync(`${RUN}/log/${a}.log`).size]));
const newLog = (a) => {
	const fd = fs.openSync(`${RUN}/log/${a}.log`, 'r');
	const size = fs.fstatSync(fd).size;
	const b = Buffer.alloc(Math.max(0, size - logFrom[a]));
	fs.readSync(fd, b, 0, b.length, logFrom[a]);
	fs.closeSync(fd);
	return b.toString('utf8');
};
const countIn = (text, re) => (text.match(re) || []).length;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const t0 = Date.now();
const now = () => Date.now() - t0;

async function pool(items, k, fn) {
	const out = new Array(items.length);
	let i = 0;
	await Promise.all(Array.from({ length: k }, async () => {
		while (i < items.length) {
			const j = i++;
			out[j] = await fn(items[j], j);
		}
	}));
	return out;
}

const cluster = (...args) => run(CLUSTER, args, { env: process.env, maxBuffer: 1 << 20 });

// SQL on node n (1..3) as the database superuser over its socket.
function sqlOn(n, query) {
	return execFileSync('mariadb', ['--no-defaults', `--socket=${RUN}/db${n}/mysqld.sock`,
	    '-u', os.userInfo().username, '-N', '-B', 'shikaku', '-e', query], { encoding: 'utf8' });
}

const ldapi = (n) => `ldapi://${encodeURIComponent(`${RUN}/ldap${n}/ldapi`)}`;
// Does dn bind with pw on provider n?
function bindsOn(n, dn, pw) {
	try {
		execFileSync('ldapwhoami', ['-x', '-H', ldapi(n), '-D', dn, '-w', pw],
		    { stdio: 'ignore', env: { ...process.env, LDAPNOINIT: '1' } });
		return true;
	} catch {
		return false;
	}
}

// ------------------------------------------------------------ accounts
let t = Date.now();
const pw = `Drill-${uniqueDigits(6)}-pw!`;
const pwfile = path.join(os.tmpdir(), `drill-pw-${process.pid}`);
fs.writeFileSync(pwfile, `${pw}\n`, { mode: 0o600 });
let people;
try {
	people = await pool(Array.from({ length: N + 1 }, (_, i) => i), 4, async (i) => {
		const number = `7${uniqueDigits(9)}`;
		const { stdout } = await run(SHIKAKUCTL, ['-f', CONF, 'user', 'add', 'board', '--number', number,
		    '--mail', `drill${number}@board.example`, '--name', `障害 訓練${i}`, '--password-file', pwfile]);
		return { number, uid: stdout.trim().split('\n')[0] };
	});
} finally {
	fs.rmSync(pwfile, { force: true });
}
// The last one changes its password while ldap1 is down.
const changer = people.pop();
const accountsMs = Date.now() - t;
say(`${N + 1} accounts made with shikakuctl in ${accountsMs} ms`);

// ------------------------------------------------------------ sign-ins
resetThrottle();
const programs = rows("SELECT id FROM program WHERE tenant = 'board' AND track = 'regular' ORDER BY id LIMIT 50").map((r) => r[0]);
t = Date.now();
const clients = await pool(people, 8, async (p, i) => {
	const c = await signIn(HOST, p.number, pw);
	const r = await c.post('/apply/system', { system: 'program' });
	if (r.status !== 303)
		throw new Error(`choose: ${r.status}`);
	c.program = programs[i % programs.length];
	c.token = csrfOf((await c.model(`/apply/confirm?program=${c.program}`)).body);
	c.person = p;
	return c;
});
const readyMs = Date.now() - t;
say(`${N} applicants signed in and ready in ${readyMs} ms`);
const changerClient = await signIn(HOST, changer.number, pw);

// ------------------------------------------------------------ faults
const events = [];	// { what, at, done }
const windows = {};	// name -> [from, to] (ms since t0)
const recover = {};	// name -> ms from "up" to serving/synced
const ldapChecks = { signins_ok: 0, signins: 0, password_changed: false };
const newPw = newPassword('drill');

async function step(what, fn) {
	const at = now();
	say(`t=${(at / 1000).toFixed(1)}s ${what}`);
	try {
		await fn();
		events.push({ what, at, done: now() });
	} catch (e) {
		events.push({ what, at, done: now(), error: String(e.message || e).slice(0, 300) });
		say(`${what} failed: ${e.message}`);
	}
}

async function faults(total) {
	const waitPct = async (p) => {
		while (finished < total * p)
			await sleep(50);
	};
	await waitPct(0.10);
	await step('SIGKILL db1', async () => {
		await cluster('kill', RUN, 'db1');
		windows.db1 = [now(), null];
	});
	await waitPct(0.25);
	await step('SIGTERM app1 (master and workers)', async () => {
		windows.app1 = [now(), null];
		await cluster('term', RUN, 'app1');
	});
	await waitPct(0.40);
	await step('stop ldap1', async () => {
		windows.ldap1 = [now(), null];
		await cluster('term', RUN, 'ldap1');
	});
	await step('sign-ins and a password change while ldap1 is down', async () => {
		for (const p of people.slice(0, 5)) {
			ldapChecks.signins++;
			try {
				await signIn(HOST, p.number, pw);
				ldapChecks.signins_ok++;
			} catch { /* counted */ }
		}
		const f = await changerClient.model('/account/password');
		const r = await changerClient.postRaw('/account/password',
		    { csrf: csrfOf(f.body), current: pw, password: newPw, password2: newPw });
		ldapChecks.password_changed = r.status === 303;
		ldapChecks.password_status = r.status;
	});
	await waitPct(0.55);
	await step('db1 back (rejoins)', async () => {
		const up = now();
		await cluster('up', RUN, 'db1');
		windows.db1[1] = now();
		recover.db1_rejoin_ms = now() - up;
		recover.db1_outage_ms = now() - windows.db1[0];
	});
	await step('app1 back', async () => {
		const up = now();
		await cluster('up', RUN, 'app1');
		windows.app1[1] = now();
		recover.app1_start_ms = now() - up;
	});
	await step('ldap1 back', async () => {
		const up = now();
		await cluster('up', RUN, 'ldap1');
		windows.ldap1[1] = now();
		recover.ldap1_start_ms = now() - up;
	});
}

// ------------------------------------------------------------ the burst
const jobs = clients.flatMap((c) => [c, c]);
for (let i = jobs.length - 1; i > 0; i--) {
	const j = (i * 7919) % (i + 1);
	[jobs[i], jobs[j]] = [jobs[j], jobs[i]];
}
const reqs = [];	// { start, ms, status, ok }
let finished = 0, next = 0;
const since = new Date(Date.now() + 9 * 3600 * 1000 - 1000).toISOString().slice(0, 19).replace('T', ' ');
const burstStart = now();
const faulting = faults(jobs.length);
await pool(jobs, C, async (c) => {
	// Paced: the k-th request starts no earlier than k / RATE s.
	const k = next++;
	const due = burstStart + (k * 1000) / RATE;
	if (due > now())
		await sleep(due - now());
	const start = now();
	let r;
	try {
		r = await c.postRaw('/apply/confirm', { csrf: c.token, program: String(c.program) }, { timeout: 60000 });
	} catch {
		r = { status: 0 };
	}
	const ok = r.status === 303 && /^\/apply\/done\?id=\d+(&dup=1)?$/.test(r.location || '');
	reqs.push({ start, ms: now() - start, status: r.status, ok });
	if (ok)
		c.appId = /id=(\d+)/.exec(r.location)[1];
	finished++;
});
const burstMs = now() - burstStart;
await faulting;
say(`burst done in ${burstMs} ms; faults: ${events.map((e) => e.what).join(', ')}`);

// ------------------------------------------------------------ checks
const uids = people.map((p) => p.uid);
const inList = uids.map(q).join(',');
const checks = {};
const synced = (n) => sqlOn(n, "SHOW STATUS LIKE 'wsrep_local_state_comment'").includes('Synced');

// The mailers drain the outbox (both pools are up again).
const drainEnd = Date.now() + 120000;
let outbox;
for (;;) {
	outbox = rows(`SELECT state, COUNT(*) FROM outbox WHERE template = 'recruit_applied' AND rcpt IN (${people.map((p) => q(`drill${p.number}@board.example`)).join(',')}) GROUP BY state`);
	const queued = outbox.filter((r) => r[0] === 'queued').reduce((a, r) => a + Number(r[1]), 0);
	if (queued === 0 || Date.now() > drainEnd)
		break;
	await sleep(1000);
}
await sleep(2000);	// the sink writes its last files

// 1. exactly N live applications, one per applicant
const apps = rows(`SELECT COUNT(*), COUNT(DISTINCT uid) FROM application WHERE tenant = 'board' AND live = 1 AND uid IN (${inList})`)[0].map(Number);
const allApps = rows(`SELECT COUNT(*) FROM application WHERE tenant = 'board' AND uid IN (${inList})`)[0].map(Number)[0];
checks.live_applications = { want: N, live: apps[0], applicants: apps[1], rows_any_state: allApps, ok: apps[0] === N && apps[1] === N && allApps === N };

// 2. every confirmation mail sent exactly once (outbox and the sink)
const sent = outbox.filter((r) => r[0] === 'sent').reduce((a, r) => a + Number(r[1]), 0);
const outRows = outbox.reduce((a, r) => a + Number(r[1]), 0);
const perRcpt = new Map();
const mine = new Set(people.map((p) => p.number));
for (const f of fs.readdirSync(process.env.SHIKAKU_MAILDIR)) {
	const body = fs.readFileSync(path.join(process.env.SHIKAKU_MAILDIR, f), 'latin1');
	const m = /drill(7\d{9})@board\.example/.exec(body);
	// This drill's applicants only (the password changer gets a notice
	// of its own; the sink may hold an earlier drill's mail).
	if (m && mine.has(m[1]))
		perRcpt.set(m[1], (perRcpt.get(m[1]) || 0) + 1);
}
const delivered = [...perRcpt.values()];
checks.mail = {
	outbox_rows: outRows, sent, sink_recipients: perRcpt.size,
	sink_messages: delivered.reduce((a, b) => a + b, 0), duplicates: delivered.filter((n) => n > 1).length,
	ok: outRows === N && sent === N && perRcpt.size === N && delivered.every((n) => n === 1),
};

// 3. every audit line present: one recruit.apply per live application
const aud = rows(`SELECT COUNT(*), COUNT(au.id) FROM application a LEFT JOIN audit au ON au.tenant = a.tenant AND au.action = 'recruit.apply' AND au.object = CONCAT('application:', a.id) WHERE a.tenant = 'board' AND a.uid IN (${inList})`)[0].map(Number);
const audAll = Number(rows(`SELECT COUNT(*) FROM audit WHERE tenant = 'board' AND action = 'recruit.apply' AND actor IN (${inList})`)[0][0]);
checks.audit = { applications: aud[0], with_audit_line: aud[1], audit_lines: audAll, ok: aud[0] === N && aud[1] === N && audAll === N };

// 4. sessions made on either pool are valid on the other: with app1
// stopped, every applicant's session (about half were made on app1)
// opens their application on app2.
const app1Logins = countIn(newLog('app1'), /page=login method=POST status=303/g);
await cluster('term', RUN, 'app1');
const onApp2 = await pool(clients.filter((c) => c.appId), 8, async (c) => {
	const r = await c.get(`/apply/done?id=${c.appId}`);
	return r.status === 200;
});
await cluster('up', RUN, 'app1');
checks.sessions = { sign_ins_served_by_app1: app1Logins, checked_on_app2: onApp2.length, valid: onApp2.filter(Boolean).length, ok: onApp2.length === N && onApp2.every(Boolean) && app1Logins > 0 };

// 5. the password changed while ldap1 was down is on both providers
const dn = execFileSync('ldapsearch', ['-x', '-H', ldapi(1), '-D', `cn=admin,dc=shikaku,dc=test`, '-y', `${RUN}/secrets/ldap-admin.pw`,
    '-b', 'ou=tenants,dc=shikaku,dc=test', '-LLL', `(uid=${changer.uid})`, 'dn'], { encoding: 'utf8', env: { ...process.env, LDAPNOINIT: '1' } })
    .replace(/\n /g, '').match(/^dn: (.*)$/m)?.[1];
let both = false;
const repEnd = Date.now() + 30000;
t = Date.now();
while (!both && Date.now() < repEnd) {
	both = bindsOn(1, dn, newPw) && bindsOn(2, dn, newPw) && !bindsOn(1, dn, pw);
	if (!both)
		await sleep(200);
}
recover.ldap1_caught_up_ms = Date.now() - t;
checks.ldap = { ...ldapChecks, dn, new_password_on_ldap1: bindsOn(1, dn, newPw), new_password_on_ldap2: bindsOn(2, dn, newPw), old_refused_on_ldap1: !bindsOn(1, dn, pw), ok: ldapChecks.password_changed && both && ldapChecks.signins_ok === ldapChecks.signins };

// 6. the three nodes agree: row count and checksum of every table
for (let n = 1; n <= 3; n++) {
	const end = Date.now() + 60000;
	while (!synced(n) && Date.now() < end)
		await sleep(500);
}
const tables = sqlOn(1, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'shikaku' AND table_type = 'BASE TABLE' ORDER BY 1").trim().split('\n');
// CHECKSUM TABLE is not comparable across nodes for a table with
// STORED generated columns (credit: the same rows, another checksum), so
// each table's checksum is over its rows' contents: the sum of a 60-bit
// slice of each row's MD5 over every column, beside COUNT(*).
const cols = Object.fromEntries(sqlOn(1, "SELECT table_name, GROUP_CONCAT(CONCAT('IFNULL(`', column_name, '`, 0x00)') ORDER BY ordinal_position SEPARATOR ',') FROM information_schema.columns WHERE table_schema = 'shikaku' GROUP BY table_name")
    .trim().split('\n').map((l) => l.split('\t')));
const sumSql = tables.map((x) => `SELECT '${x}', COUNT(*), IFNULL(SUM(CAST(CONV(LEFT(MD5(CONCAT_WS(0x1f, ${cols[x]})), 15), 16, 10) AS UNSIGNED)), 0) FROM \`${x}\``).join(' UNION ALL ');
const sums = [1, 2, 3].map((n) => {
	// Wait for the node's apply queue to be empty first.
	for (let i = 0; i < 50 && !/\t0$/m.test(sqlOn(n, "SHOW STATUS LIKE 'wsrep_local_recv_queue'")); i++)
		execFileSync('sleep', ['0.2']);
	return sqlOn(n, sumSql).trim();
});
const differ = tables.filter((_, i) => new Set(sums.map((s) => s.split('\n')[i])).size > 1);
const rowsAll = sums[0].split('\n').reduce((a, l) => a + Number(l.split('\t')[1]), 0);
checks.galera = { tables: tables.length, rows: rowsAll, differing: differ, ok: differ.length === 0 };

// ------------------------------------------------------------ figures
const pct = (list, p) => {
	if (!list.length)
		return null;
	const s = list.map((r) => r.ms).sort((a, b) => a - b);
	return Math.round(s[Math.min(s.length - 1, Math.floor(p / 100 * s.length))]);
};
const inWin = (w) => reqs.filter((r) => w && r.start >= w[0] && r.start <= (w[1] ?? Infinity));
const anyFault = (r) => Object.values(windows).some((w) => r.start >= w[0] && r.start <= (w[1] ?? Infinity));
const statuses = {};
for (const r of reqs)
	statuses[r.status] = (statuses[r.status] || 0) + 1;
const failed = reqs.filter((r) => !r.ok);
const figures = {
	applicants: N, requests: reqs.length, concurrency: C, rate: RATE, burst_ms: burstMs,
	accounts_ms: accountsMs, prepare_ms: readyMs, statuses,
	client_errors: failed.length,
	client_errors_outside_app1_window: failed.filter((r) => !inWin(windows.app1).includes(r)).length,
	p50_all: pct(reqs, 50), p99_all: pct(reqs, 99), max_all: pct(reqs, 100),
	p99_no_fault: pct(reqs.filter((r) => !anyFault(r)), 99),
	windows: Object.fromEntries(Object.entries(windows).map(([k, w]) => [k, {
		from_s: +(w[0] / 1000).toFixed(1), to_s: w[1] === null ? null : +(w[1] / 1000).toFixed(1),
		requests: inWin(w).length, errors: inWin(w).filter((r) => !r.ok).length, p99: pct(inWin(w), 99), max: pct(inWin(w), 100),
	}])),
	recover, events,
};
// Which failures are allowed: requests in flight on the stopped pool
// (nginx had sent them: a POST is not passed on), and requests whose
// COMMIT was in flight on the killed node: its fate is unknown to the
// worker, so it is not run again (db.c); the applicant's other
// submission then made or found their one application (checked above).
const lostCommits = countIn(newLog('app1') + newLog('app2'), /COMMIT: Lost connection/g);
figures.requests_run_again = countIn(newLog('app1') + newLog('app2'), /running it again/g);
figures.commits_lost_with_db1 = lostCommits;
checks.client_errors = {
	errors: failed.length, in_app1_window: failed.length - figures.client_errors_outside_app1_window,
	outside_app1_window: figures.client_errors_outside_app1_window, commits_lost_with_db1: lostCommits,
	ok: figures.client_errors_outside_app1_window <= lostCommits && checks.live_applications.ok,
};
console.log(JSON.stringify({ ok: Object.values(checks).every((c) => c.ok), checks, figures }, null, 1));
