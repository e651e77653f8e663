// The palliative member menu in seed 002's order (PAL-1): マイページTOP,
// 指導医, 専門医, 認定医, 症例登録, 症例承認 (supervisors), 単位確認 (the
// credit service's ledger, another feature), 施設認定 — 施設認定 last,
// after 単位確認, as the seed draws it; each entry answers.  The 専門医 menu
// lists its five kinds in the seed's order, each a real offering.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import { signIn, createUser, gist, resetThrottle, HOSTS } from './auth.mjs';

const HOST = HOSTS.palliative;
const SEED = ['menu.certify.top', 'menu.certify.supervisor', 'menu.certify.specialist', 'menu.certify.certified',
	'menu.certify.cases', 'menu.certify.review', 'credit.menu.ledger', 'menu.certify.facilities'];
let member, sup;

before(async () => {
	resetThrottle();
	const u = createUser('palliative', { tag: 'menu' });
	const s = createUser('palliative', { roles: ['member', 'supervisor'], tag: 'msup' });
	member = await signIn(HOST, u.ident, u.password);
	sup = await signIn(HOST, s.ident, s.password);
});

/** The menu's items of the seed's list, in the order drawn. */
const seedItems = (xml) => [...xml.matchAll(/<item key="([a-z.]+)" href="([^"]+)"/g)].map((m) => m[1]).filter((k) => SEED.includes(k));

test('PAL-1 the member menu in seed 002\'s order: 単位確認 before 施設認定, 施設認定 last', async () => {
	const r = await sup.model('/certify');
	assert.equal(r.status, 200, gist(r));
	assert.deepEqual(seedItems(r.body), SEED);
	const m = await member.model('/certify');
	assert.deepEqual(seedItems(m.body), SEED.filter((k) => k !== 'menu.certify.review'));
	// The page drawn: the words in that order.
	const html = (await sup.get('/certify')).body;
	const nav = /<nav[\s\S]*?<\/nav>/.exec(html)?.[0] || html;
	const at = ['マイページTOP', '指導医', '専門医', '認定医', '症例登録', '症例承認', '単位確認', '施設認定'].map((w) => nav.indexOf(`>${w}<`));
	assert.ok(at.every((i) => i >= 0), at.join());
	assert.deepEqual([...at].sort((a, b) => a - b), at, 'in the seed\'s order');
	for (const p of ['/certify', '/credits', '/certify/facilities']) {
		const g = await member.get(p);
		assert.equal(g.status, 200, `${p}: ${gist(g)}`);
	}
});

test('PAL-2 the 専門医 menu: 新規一次, 新規二次, 更新, 移行一次, 移行二次 in the seed\'s order, each an application page', async () => {
	const x = (await member.model('/certify/specialist')).body;
	const kinds = [...x.matchAll(/<item kind="([a-z-]+)"[^>]*href="([^"]+)"/g)].map((m) => [m[1], m[2]]);
	assert.deepEqual(kinds.map((k) => k[0]), ['first', 'second', 'renewal', 'transition-first', 'transition-second']);
	for (const [, href] of kinds) {
		const r = await member.model(href);
		assert.equal(r.status, 200, `${href}: ${gist(r)}`);
		assert.doesNotMatch(r.body, /<section name="statement"/, `${href}: no placeholder form`);
	}
});
