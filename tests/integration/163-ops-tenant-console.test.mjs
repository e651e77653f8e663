// Central IT's tenant lifecycle from the ops console (OPS-1): the same
// code as `shikakuctl tenant …` (identity/tenant_life.c) behind
// /tenants/new and /tenants/change on the ops host — central IT only,
// TOTP passed, the session's CSRF token, every change audited with the
// signed-in uid and address.  A create writes the tenant under
// shikaku.conf's tenantdir, rewrites nginx's map and sends SIGHUP to
// nginx and to shikakud's master: its host answers, its static files
// come from the second root, its first admin signs in with the mailed
// password.  Refusals change nothing.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

import { RUN, CONF, SRCDIR, OPS_HOST, get, readConfKey, reloadWorkers, waitFor, workerPids, confNumber } from './http.mjs';
import { SHIKAKUCTL, Client, csrfOf, waitMail, auditRows, rows, uniqueDigits, opsClient, createUser, signIn } from './auth.mjs';

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

const SLUG = `t163-${uniqueDigits(6)}`;
const HOST = `${SLUG}.localhost`;
const MAIL = `admin-${SLUG}@new.example`;
const DATADIR = readConfKey(CONF, 'datadir') || SRCDIR;
const ROOT = readConfKey(CONF, 'tenantdir') || path.join(DATADIR, 'tenants');
const TDIR = path.join(ROOT, SLUG);

function ctl(...args) {
	return spawnSync(SHIKAKUCTL, ['-f', CONF, ...args], { encoding: 'utf8', timeout: 60000 });
}

after(async () => {
	fs.rmSync(TDIR, { recursive: true, force: true });
	fs.writeFileSync(path.join(RUN, 'nginx', 'tenants.map'), ctl('tenant', 'nginx-map').stdout);
	process.kill(Number(fs.readFileSync(path.join(RUN, 'nginx', 'nginx.pid'), 'utf8')), 'SIGHUP');
	await settled();
	await reloadWorkers();
});

function replaced(pids) {
	return waitFor(() => workerPids().length > 0 && workerPids().every((p) => !pids.includes(p)),
	    { timeout: 15000, what: 'the workers to be replaced by the console\'s SIGHUP' });
}

const FORM = {
	slug: SLUG, hosts: HOST, name_ja: '試験協会', name_en: 'Console Society',
	login_id: 'email_or_member', features: '', admin_mail: MAIL,
};

let it;

test('OPS-1 CORE-17 the tenant pages are central IT\'s only: anonymous → sign-in, not on a tenant\'s host, not for a tenant admin, not without the CSRF token', async () => {
	const anon = await get(OPS_HOST, '/tenants/new');
	assert.equal(anon.status, 303);
	assert.match(anon.headers.location, /^\/login(\?|$)/);
	for (const p of ['/tenants/new', '/tenants/change'])
		assert.equal((await get('board.localhost', p)).status, 404, `${p} on a tenant's host`);
	const u = createUser('board', { roles: ['tenant_admin'], tag: 'adm163' });
	const adm = await signIn('board.localhost', u.ident, u.password, { enrol: true });
	const a = await adm.postRaw('/tenants/new', { csrf: await adm.csrf('/'), ...FORM });
	assert.equal(a.status, 404, `a tenant admin: ${a.status}`);
	// the same tenant admin's cookie on the ops host is no session there
	assert.equal((await adm.on(OPS_HOST).get('/tenants/new')).status, 303);

	it = await opsClient('it163');
	const f = await it.model('/tenants/new');
	assert.equal(f.status, 200);
	assert.match(f.body, /<page name="ops-tenant-new"/);
	for (const n of Object.keys(FORM))
		assert.match(f.body, new RegExp(`<field name="${n}"`), n);
	const noToken = await it.postRaw('/tenants/new', FORM);
	assert.notEqual(noToken.status, 303, 'acted on without the token');
	const bad = await it.postRaw('/tenants/new', { csrf: 'x'.repeat(43), ...FORM });
	assert.notEqual(bad.status, 303, 'acted on with a wrong token');
	assert.ok(!fs.existsSync(TDIR), 'a directory was made');
	assert.deepEqual(rows(`SELECT slug FROM tenant WHERE slug = '${SLUG}'`), []);
	const ch = await it.postRaw('/tenants/change', { slug: 'board', op: 'disable' });
	assert.notEqual(ch.status, 303);
	assert.deepEqual(rows(`SELECT disabled FROM tenant WHERE slug = 'board'`), [['0']]);
});

test('OPS-1 central IT creates a tenant from the console: tenantdir, row, subtree, first admin mailed; nginx and shikakud reloaded by the console; its home page answers', async () => {
	it ||= await opsClient('it163');
	const pids = workerPids();
	const r = await it.post('/tenants/new', FORM);
	assert.equal(r.status, 303, r.body.slice(0, 600));
	assert.equal(r.location, `/?created=${SLUG}`);
	// the files, outside the shipped tenants, the theme importing the shared stylesheet by its absolute path
	for (const f of ['tenant.conf', 'theme.xsl', 'static/theme.css', 'i18n/ja.xml'])
		assert.ok(fs.existsSync(path.join(TDIR, f)), `${f} missing`);
	assert.ok(!fs.existsSync(path.join(TDIR, 'tenant.conf.in')));
	if (ROOT !== path.join(DATADIR, 'tenants')) {
		assert.ok(!fs.existsSync(path.join(DATADIR, 'tenants', SLUG)), 'made in the shipped tenants');
		assert.match(fs.readFileSync(path.join(TDIR, 'theme.xsl'), 'utf8'), /href="\/[^"]*\/xslt\/shikaku\.xsl"/);
	}
	assert.deepEqual(rows(`SELECT name_ja, hosts, disabled FROM tenant WHERE slug = '${SLUG}'`), [['試験協会', HOST, '0']]);
	const audit = auditRows(`tenant = '_ops' AND object = 'tenant:${SLUG}'`);
	assert.deepEqual(audit.map((a) => a.action), ['tenant.create', 'tenant.admin']);
	assert.ok(audit.every((a) => a.actor === it.user.uid), JSON.stringify(audit));
	assert.match(fs.readFileSync(path.join(RUN, 'nginx', 'tenants.map'), 'utf8'), new RegExp(`^${HOST} ${SLUG};$`, 'm'));
	await replaced(pids);

	const home = await waitFor(async () => {
		const h = await get(HOST, '/');
		return h.status === 200 ? h : null;
	}, { timeout: 10000, what: `${HOST} to answer` });
	assert.ok(home.body.includes('試験協会'));
	const css = await get(HOST, '/static/theme.css');
	assert.equal(css.status, 200, 'the new tenant\'s static files (nginx\'s second root)');
	assert.equal((await get('board.localhost', `/static/../../${SLUG}/static/theme.css`)).status !== 200, true);

	const mail = (await waitMail(MAIL))[0];
	const pw = /■仮パスワード\n(\S+)/.exec(mail.body)?.[1];
	assert.ok(pw, `no temporary password in the mail:\n${mail.body}`);
	const c = new Client(HOST);
	const lf = await c.model('/login');
	const login = await c.postRaw('/login', { csrf: csrfOf(lf.body), ident: MAIL, password: pw }, { xml: true });
	assert.equal(login.status, 303, 'the first admin\'s temporary password is refused');

	const x = await it.get(`/?created=${SLUG}`, { xml: true });
	assert.match(x.body, new RegExp(`<outcome op="created" slug="${SLUG}"`));
	assert.match(x.body, new RegExp(`<tenant slug="${SLUG}"[^>]*members="1"`));
});

test('OPS-1 the console refuses a taken slug, a taken host and a bad setting, and changes nothing', async () => {
	it ||= await opsClient('it163');
	const conf = fs.readFileSync(path.join(TDIR, 'tenant.conf'), 'utf8');
	const again = await it.post('/tenants/new', FORM);
	assert.equal(again.status, 200);
	assert.ok(again.body.includes('not a new tenant slug'), again.body.slice(0, 400));
	const host = await it.post('/tenants/new', { ...FORM, slug: `${SLUG}b`, hosts: 'board.localhost' });
	assert.equal(host.status, 200);
	assert.ok(host.body.includes('already board'));
	assert.ok(!fs.existsSync(`${TDIR}b`));
	for (const [key, value] of [['login_id', 'bogus'], ['no_such_key', '1'], ['hosts', 'ops.localhost']]) {
		const r = await it.post('/tenants/change', { slug: SLUG, op: 'set', key, value }, { formPage: '/' });
		assert.equal(r.status, 200, `${key}=${value}: ${r.status}`);
		assert.equal(fs.readFileSync(path.join(TDIR, 'tenant.conf'), 'utf8'), conf, `${key}=${value} changed tenant.conf`);
	}
	const none = await it.post('/tenants/change', { slug: 'no-such', op: 'disable' }, { formPage: '/' });
	assert.equal(none.status, 200);
	assert.deepEqual(fs.readdirSync(ROOT).filter((n) => n.startsWith('.')), [], 'a staging directory was left');
});

test('OPS-1 CORE-17 disable, set and enable from the console: 「現在ご利用いただけません」 then back, audited with central IT\'s uid', async () => {
	it ||= await opsClient('it163');
	let pids = workerPids();
	const d = await it.post('/tenants/change', { slug: SLUG, op: 'disable' }, { formPage: '/' });
	assert.equal(d.status, 303);
	assert.equal(d.location, `/?disable=${SLUG}`);
	await replaced(pids);
	const off = await get(HOST, '/');
	assert.equal(off.status, 503);
	assert.ok(off.body.includes('現在ご利用いただけません'));
	const x = await it.get('/', { xml: true });
	assert.match(new RegExp(`<tenant slug="${SLUG}"[^>]*>`).exec(x.body)?.[0] || '', /disabled="1"/);

	const s = await it.post('/tenants/change', { slug: SLUG, op: 'set', key: 'name_en', value: 'Renamed Console Society' }, { formPage: '/' });
	assert.equal(s.status, 303);
	assert.deepEqual(rows(`SELECT name_en FROM tenant WHERE slug = '${SLUG}'`), [['Renamed Console Society']]);

	pids = workerPids();
	const e = await it.post('/tenants/change', { slug: SLUG, op: 'enable' }, { formPage: '/' });
	assert.equal(e.status, 303);
	await replaced(pids);
	assert.equal((await get(HOST, '/')).status, 200);
	const audit = auditRows(`tenant = '_ops' AND object = 'tenant:${SLUG}'`).slice(-3);
	assert.deepEqual(audit.map((a) => a.action), ['tenant.disable', 'tenant.set', 'tenant.enable']);
	assert.ok(audit.every((a) => a.actor === it.user.uid));
	assert.equal(audit[1].detail, 'name_en=Renamed Console Society');
});
