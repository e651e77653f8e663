// /admin/imports (ADM-1, CORE-16; issue 14): every CSV import the
// tenant's features mount, found in the page tables as the menu finds
// pages, so a product's import shows without an edit; only those this
// admin may open on this tenant.  A member gets 403.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { signIn, createUser, resetThrottle, gist, HOSTS } from './auth.mjs';

const hrefs = (body) => [...body.matchAll(/<import name="[^"]+" href="([^"]+)"\/>/g)].map((x) => x[1]);

test('ADM-1 CORE-16: the import index lists the imports the tenant mounts, each one openable by its admin', async () => {
	resetThrottle();
	const seen = {};
	for (const slug of ['board', 'medassoc']) {
		const a = createUser(slug, { roles: ['tenant_admin'], tag: 'admi' });
		const c = await signIn(HOSTS[slug], a.ident, a.password, { enrol: true });
		const r = await c.model('/admin/imports');
		assert.equal(r.status, 200, gist(r));
		seen[slug] = hrefs(r.body);
		assert.ok(seen[slug].includes('/admin/offerings/import'), `${slug}: ${seen[slug]}`);
		for (const h of seen[slug]) {
			assert.match(h, /\/import$/);
			const p = await c.get(h);
			assert.equal(p.status, 200, `${slug} ${h}: ${gist(p)}`);
		}
		const home = await c.get('/admin');
		assert.match(home.body, /href="\/admin\/imports"/);
		const m = createUser(slug, { tag: 'admj' });
		const mc = await signIn(HOSTS[slug], m.ident, m.password);
		assert.equal((await mc.get('/admin/imports')).status, 403);
	}
	// board's fee import is its training feature's; medassoc has no fees.
	assert.ok(seen.board.includes('/admin/fees/import'), `${seen.board}`);
});
