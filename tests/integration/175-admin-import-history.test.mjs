// The import history (ADM-1; issue 14): every commit of the platform's
// CSV import (apply/import.c) writes one import_history row in its own
// transaction — who, when, the rows, the file's SHA-256 and the file
// itself — listed on /admin/imports and downloaded byte for byte from
// /admin/imports/<id>.  A dry run and a refused commit leave no row.
// On two tenants; another tenant's admin finds nothing, a member 403.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';

import { signIn, createUser, rows, sql, q, resetThrottle, auditRows, gist, HOSTS } from './auth.mjs';
import { multipart } from './credit.mjs';

const SLUGS = ['board', 'palliative'];
const OTHER = { board: 'palliative', palliative: 'board' };
const T = {};

before(async () => {
	resetThrottle();
	for (const slug of SLUGS) {
		const a = createUser(slug, { roles: ['tenant_admin'], tag: 'admh' });
		const admin = await signIn(HOSTS[slug], a.ident, a.password, { enrol: true });
		admin.user = a;
		// A kind of the tenant's offerings, for a window far in the future.
		const r = await admin.model('/admin/offerings');
		T[slug] = { admin, kind: /<offering kind="([^"]+)"/.exec(r.body)[1] };
	}
});

// The far-future windows made here go again (other tests take an
// offering's latest year as the current one).
after(() => {
	for (const slug of SLUGS)
		if (T[slug]?.years)
			sql(`DELETE FROM offering WHERE tenant = ${q(slug)} AND kind = ${q(T[slug].kind)} AND year IN (${T[slug].years.join(',')})
			    AND NOT EXISTS (SELECT 1 FROM app a WHERE a.offering_id = offering.id)`);
});

async function upload(c, step, filename, data) {
	const csrf = await c.csrf('/admin/offerings/import');
	const mp = multipart({ csrf, step }, filename, data);
	return c.req('POST', '/admin/offerings/import', { raw: mp.body, headers: { 'content-type': mp.type }, xml: true });
}

const history = (slug) => rows(`SELECT id, name, path, filename, sha256, bytes, nrows, actor FROM import_history
    WHERE tenant = ${q(slug)} ORDER BY id`);

for (const slug of SLUGS) {
	test(`ADM-1 CORE-12 CORE-15: ${slug}: a committed import is kept with who, when, rows, SHA-256 and the file, downloaded byte for byte; a dry run and a refused commit keep nothing`, async () => {
		const { admin, kind } = T[slug];
		const year = 2150 + Math.floor(Math.random() * 40);
		T[slug].years = [year, year + 1, year + 2];
		const good = `\ufeff申請種別,年度,受付開始,受付終了\r\n${kind},${year},${year}-04-01 00:00,${year}-05-31 23:59\r\n${kind},${year + 1},${year + 1}/04/01 00:00,${year + 1}/05/31 23:59\r\n`;
		const bad = `申請種別,年度,受付開始,受付終了\r\n${kind},${year},${year}-04-01 00:00,${year}-05-31 23:59\r\n${kind},${year + 2},${year + 2}-06-01 00:00,${year + 2}-05-01 00:00\r\n`;
		const n0 = history(slug).length;
		let r = await upload(admin, 'check', '受付期間.csv', good);
		assert.equal(r.status, 200, gist(r));
		assert.equal(history(slug).length, n0, 'a dry run keeps nothing');
		r = await upload(admin, 'commit', 'bad.csv', bad);
		assert.equal(r.status, 422, gist(r));
		assert.equal(history(slug).length, n0, 'a refused commit keeps nothing');

		r = await upload(admin, 'commit', '受付期間.csv', good);
		assert.equal(r.status, 303, gist(r));
		const h = history(slug);
		assert.equal(h.length, n0 + 1);
		const [id, name, p, filename, sha, bytes, nrows, actor] = h.at(-1);
		const buf = Buffer.from(good);
		assert.deepEqual([name, p, filename, nrows, actor], ['offering', '/admin/offerings/import', '受付期間.csv', '2', admin.user.uid]);
		assert.equal(sha, crypto.createHash('sha256').update(buf).digest('hex'));
		assert.equal(Number(bytes), buf.length);
		// The audit line of the same commit names its history row.
		assert.equal(auditRows(`tenant = ${q(slug)} AND action = 'import.offering' AND detail LIKE ${q(`%history ${id}`)}`).length, 1);

		// Listed, and the file comes back as it was loaded.
		r = await admin.model('/admin/imports');
		assert.equal(r.status, 200);
		assert.match(r.body, new RegExp(`<commit id="${id}" name="offering" path="/admin/offerings/import" filename="受付期間.csv" sha256="${sha}" bytes="${bytes}" rows="2" tallies="" actor="${actor}" at="[^"]+" kept="1"/>`));
		r = await admin.get('/admin/imports');
		assert.match(r.body, new RegExp(`href="/admin/imports/${id}"`));
		r = await admin.get(`/admin/imports/${id}`);
		assert.equal(r.status, 200, gist(r));
		assert.match(r.headers['content-type'], /^text\/csv/);
		assert.match(r.headers['content-disposition'], /attachment/);
		assert.equal(crypto.createHash('sha256').update(Buffer.from(r.body)).digest('hex'), sha, 'byte for byte');
		T[slug].id = id;
	});
}

test('ADM-1 CORE-16 CORE-17: a kept file is its tenant\'s only: another tenant\'s admin gets 404 on their own host for it, a member 403', async () => {
	for (const slug of SLUGS) {
		const other = T[OTHER[slug]].admin;
		assert.equal((await other.get(`/admin/imports/${T[slug].id}`)).status, 404, `${OTHER[slug]} admin, ${slug}'s file`);
		assert.equal((await other.get('/admin/imports/0')).status, 404);
		assert.equal((await other.get('/admin/imports/x1')).status, 404);
		const m = createUser(slug, { tag: 'admg' });
		const mc = await signIn(HOSTS[slug], m.ident, m.password);
		assert.equal((await mc.get(`/admin/imports/${T[slug].id}`)).status, 403);
	}
});
