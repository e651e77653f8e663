// Central IT's tenant lifecycle (OPS-1): `shikakuctl tenant create`
// makes the tenant's directory from tenants/_template, its row, its
// directory subtree and its first admin (temporary password by mail
// only); a SIGHUP during a running load picks it up with no dropped
// request; the admin signs in on the new host; `tenant disable` makes
// every page of its hosts the neutral 「現在ご利用いただけません」 (503,
// no sign-in, data kept); `tenant enable` brings it back; `tenant set`
// changes tenant.conf through the same checks; each step audited; the
// ops console lists it with its counts and its state.  shikakuctl tells
// the servers itself (shikaku.conf pid_file, nginx_map, nginx_pid_file):
// no test step sends a signal or writes the map.  The tenant is made in
// shikaku.conf's tenantdir (the stack's RUN/tenants), not the source tree.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';

import { RUN, CONF, SRCDIR, get, request, load, reloadWorkers, readConfKey, waitFor, workerPids, confNumber } from './http.mjs';
import { SHIKAKUCTL, Client, csrfOf, waitMail, auditRows, rows, uniqueDigits, opsClient } from './auth.mjs';

// A reload of the test's own (its last change's SIGHUP) may still be
// replacing workers: wait until the pool holds just its configured
// workers (no old one still stopping) and stays so for a second, so the
// cleanup's reload starts from a settled pool.
async function settled() {
	const want = confNumber('workers', 2);
	let prev = '';
	for (let i = 0; i < 60; i++) {
		const pids = workerPids();
		const now = pids.join(' ');
		if (now === prev && pids.length === want)
			return;
		prev = now;
		await new Promise((res) => setTimeout(res, 1000));
	}
}

const SLUG = `t162-${uniqueDigits(6)}`;
const HOST = `${SLUG}.localhost`;
const MAIL = `admin-${SLUG}@new.example`;
const DATADIR = readConfKey(CONF, 'datadir') || SRCDIR;
const TDIR = path.join(readConfKey(CONF, 'tenantdir') || path.join(DATADIR, 'tenants'), SLUG);

function ctl(...args) {
	return spawnSync(SHIKAKUCTL, ['-f', CONF, ...args], { encoding: 'utf8', timeout: 60000 });
}

// nginx's host map from tenant.conf, as scripts/stack writes it.
function nginxMap() {
	fs.writeFileSync(path.join(RUN, 'nginx', 'tenants.map'), ctl('tenant', 'nginx-map').stdout);
	process.kill(Number(fs.readFileSync(path.join(RUN, 'nginx.pid'), 'utf8')), 'SIGHUP');
}

after(async () => {
	// Take the tenant's directory out again, so nothing else loads it.
	fs.rmSync(TDIR, { recursive: true, force: true });
	nginxMap();
	await settled();
	await reloadWorkers();
});

// The command's own SIGHUP has replaced every worker that ran before it.
function replaced(pids) {
	return waitFor(() => workerPids().length > 0 && workerPids().every((p) => !pids.includes(p)),
	    { timeout: 15000, what: 'the workers to be replaced by the command\'s SIGHUP' });
}

async function signInAdmin(password) {
	const c = new Client(HOST);
	const f = await c.model('/login');
	assert.equal(f.status, 200);
	return c.postRaw('/login', { csrf: csrfOf(f.body), ident: MAIL, password }, { xml: true });
}

test('OPS-1 tenant create under load: it reloads shikakud and nginx itself, drops nothing, and its first admin signs in on its host', async () => {
	const before = await get(HOST, '/');
	assert.equal(before.status, 404, 'the host answers before the tenant exists');
	const pids = workerPids();
	const l = load({ host: 'board.localhost', path: '/', total: 10000, concurrency: 4 });
	await new Promise((res) => setTimeout(res, 300));
	const r = ctl('tenant', 'create', SLUG, '--host', HOST, '--name-ja', '試験学会', '--name-en', 'Test Society',
	    '--login-id', 'email_or_member', '--admin-mail', MAIL);
	assert.equal(r.status, 0, r.stderr);
	assert.match(r.stdout, new RegExp(`^tenant ${SLUG} created: hosts ${HOST}$`, 'm'));
	assert.match(r.stdout, /^reloaded: shikakud \(SIGHUP\)$/m);
	assert.match(r.stdout, /^nginx map written: /m);
	assert.match(r.stdout, /^reloaded: nginx \(SIGHUP\)$/m);
	assert.ok(!/kill -HUP|^next:/m.test(r.stdout), r.stdout);
	// every worker replaced by the create's own SIGHUP, with no request lost
	await replaced(pids);
	await new Promise((res) => setTimeout(res, 300));
	const stats = await l.stop();
	assert.ok(stats.done > 20, `only ${stats.done} requests`);
	assert.deepEqual(stats.failures, [], JSON.stringify(stats.byStatus));
	assert.match(fs.readFileSync(path.join(RUN, 'nginx', 'tenants.map'), 'utf8'), new RegExp(`^${HOST} ${SLUG};$`, 'm'));
	assert.ok(!/temporary password: /.test(r.stdout), 'the password was printed');
	// files from the template, the row, the subtree, the audit
	for (const f of ['tenant.conf', 'theme.xsl', 'static/theme.css', 'i18n/ja.xml'])
		assert.ok(fs.existsSync(path.join(TDIR, f)), `${f} missing`);
	assert.ok(!fs.existsSync(path.join(TDIR, 'tenant.conf.in')));
	assert.deepEqual(rows(`SELECT name_ja, hosts, disabled FROM tenant WHERE slug = '${SLUG}'`), [['試験学会', HOST, '0']]);
	const [[uid]] = rows(`SELECT uid FROM role WHERE tenant = '${SLUG}' AND role = 'tenant_admin'`);
	assert.deepEqual(auditRows(`tenant = '_ops' AND object = 'tenant:${SLUG}'`).map((a) => a.action),
	    ['tenant.create', 'tenant.admin']);
	const mail = (await waitMail(MAIL))[0];
	const pw = /■仮パスワード\n(\S+)/.exec(mail.body)?.[1];
	assert.ok(pw, `no temporary password in the mail:\n${mail.body}`);
	assert.ok(mail.body.includes(`https://${HOST}/login`));

	const home = await waitFor(async () => {
		const h = await get(HOST, '/');
		return h.status === 200 ? h : null;
	}, { timeout: 10000, what: `${HOST} to answer` });
	assert.equal(home.status, 200);
	assert.ok(home.body.includes('試験学会'));
	const login = await signInAdmin(pw);
	assert.equal(login.status, 303, 'the first admin\'s temporary password is refused');
	assert.ok(uid);
});

test('OPS-1 CORE-17 tenant disable: its hosts answer 「現在ご利用いただけません」 (503), no sign-in, data kept; enable brings it back', async () => {
	let pids = workerPids();
	const d = ctl('tenant', 'disable', SLUG);
	assert.equal(d.status, 0, d.stderr);
	assert.match(fs.readFileSync(path.join(TDIR, 'tenant.conf'), 'utf8'), /^disabled = yes$/m);
	// no signal from the test: the command's own SIGHUP takes effect
	await replaced(pids);
	for (const p of ['/', '/login', '/account', '/password/forgot']) {
		const r = await get(HOST, p);
		assert.equal(r.status, 503, `${p}: ${r.status}`);
		assert.ok(r.body.includes('現在ご利用いただけません'), p);
		assert.ok(!r.body.includes('試験学会') && !r.body.includes('Test Society'), `${p} names the tenant`);
	}
	const post = await request(HOST, '/login', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
	    body: `ident=${encodeURIComponent(MAIL)}&password=x` });
	assert.equal(post.status, 503);
	// other tenants are untouched
	assert.equal((await get('board.localhost', '/')).status, 200);
	assert.deepEqual(rows(`SELECT disabled FROM tenant WHERE slug = '${SLUG}'`), [['1']]);
	assert.equal(rows(`SELECT COUNT(*) FROM account WHERE tenant = '${SLUG}'`)[0][0], '1', 'data not kept');
	// central IT's console lists it as disabled, with its counts
	const it = await opsClient();
	const x = await it.get('/', { xml: true });
	assert.equal(x.status, 200);
	const row = new RegExp(`<tenant slug="${SLUG}"[^>]*>`).exec(x.body)?.[0] || '';
	assert.match(row, /disabled="1"/, row);
	assert.match(row, /members="1"/, row);
	assert.match(row, /applications="0"/, row);
	assert.match(row, /mail-queued="\d+"/, row);
	const board = /<tenant slug="board"[^>]*>/.exec(x.body)?.[0] || '';
	assert.ok(!/disabled=/.test(board) && Number(/members="(\d+)"/.exec(board)?.[1]) > 10, board);
	const html = await it.get('/');
	assert.ok(html.body.includes('停止中') || html.body.includes('disabled'));

	pids = workerPids();
	const e = ctl('tenant', 'enable', SLUG);
	assert.equal(e.status, 0, e.stderr);
	await replaced(pids);
	assert.equal((await get(HOST, '/')).status, 200);
	assert.deepEqual(auditRows(`tenant = '_ops' AND object = 'tenant:${SLUG}'`).map((a) => a.action).slice(-2),
	    ['tenant.disable', 'tenant.enable']);
});

test('OPS-1 tenant set: a valid key changes tenant.conf and the row; a bad one changes nothing', async () => {
	const ok = ctl('tenant', 'set', SLUG, 'name_en=Renamed Society');
	assert.equal(ok.status, 0, ok.stderr);
	assert.deepEqual(rows(`SELECT name_en FROM tenant WHERE slug = '${SLUG}'`), [['Renamed Society']]);
	const conf = fs.readFileSync(path.join(TDIR, 'tenant.conf'), 'utf8');
	assert.match(conf, /^name_en = Renamed Society$/m);
	for (const bad of ['login_id=bogus', 'no_such_key=1', 'hosts=board.localhost', 'upload_max=-1', 'name_en=a\nb']) {
		const r = ctl('tenant', 'set', SLUG, bad);
		assert.notEqual(r.status, 0, `${bad} accepted`);
		assert.equal(fs.readFileSync(path.join(TDIR, 'tenant.conf'), 'utf8'), conf, `${bad} changed tenant.conf`);
	}
	assert.deepEqual(fs.readdirSync(path.dirname(TDIR)).filter((n) => n.startsWith('.')), [], 'a staging directory was left');
	// a second tenant with a taken slug or host is refused
	assert.notEqual(ctl('tenant', 'create', SLUG, '--host', `x${HOST}`, '--admin-mail', MAIL).status, 0);
	assert.notEqual(ctl('tenant', 'create', `${SLUG}b`, '--host', 'board.localhost', '--admin-mail', MAIL).status, 0);
	assert.ok(!fs.existsSync(`${TDIR}b`));
});
