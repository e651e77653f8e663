// Every home page advertises only what exists (issue 7 item 26): each
// tenant's home and the ops console, signed out and signed in, have every
// link, stylesheet and image answer 200 (after at most a few 303s), every
// POST menu (ログアウト) work, every menu the page's text (notices too)
// names reach a page, nothing drawn as a card that is not a link, and
// the oncology home ask for nothing its アカウント管理 lacks.  The golden cases
// (tests/golden/cases) link only routes that exist, in their models and
// in the HTML they render to.  And the demo data
// names no real hospital (issue 7 item 27).
//
// Every request goes through http.mjs (explicit Host); cookies per Client.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { SRCDIR, TENANTS, OPS_HOST, PORT } from './http.mjs';
import {
	Client, signIn, createUser, opsClient, resetThrottle, decodeEntities,
	gist, rows, sql, q, DEMO, DEMO_PASSWORD,
} from './auth.mjs';

before(() => resetThrottle());

// ------------------------------------------------------------ helpers

/** Local URLs of a page: href= and src= values, entities decoded. */
function urlsOf(html) {
	const out = new Set();
	for (const m of html.matchAll(/\b(?:href|src)="([^"]*)"/g)) {
		const u = decodeEntities(m[1]);
		if (u.startsWith('#') || u.startsWith('mailto:'))
			continue;
		out.add(u);
	}
	return [...out];
}

/** A local path of an href (absolute URLs of the same stack too), or null. */
function localPath(host, href) {
	if (href.startsWith('/') && !href.startsWith('//'))
		return href;
	try {
		const u = new URL(href);
		if (u.hostname === host && Number(u.port) === PORT)
			return u.pathname + u.search;
	} catch {
		// not a URL
	}
	return null;
}

/**
 * GET p with a copy of client's cookies (a language switch must not
 * change the next link's page) and follow up to five redirects; the
 * last response, with .trail (every step).
 */
async function follow(client, p) {
	const c = client.on(client.host);
	const trail = [];
	let r;
	for (let i = 0; i < 6; i++) {
		r = await c.get(p);
		trail.push(`${r.status} ${p}`);
		if (![301, 302, 303, 307].includes(r.status))
			break;
		p = localPath(c.host, r.location);
		assert.ok(p, `${trail.join(' → ')}: redirect off the site (${r.location})`);
	}
	r.trail = trail.join(' → ');
	return r;
}

/** Every URL of page p works for client: [url, status] of those that do not. */
async function brokenLinks(client, html) {
	const bad = [];
	for (const href of urlsOf(html)) {
		const p = localPath(client.host, href);
		if (p === null) {
			bad.push([href, 'not a local link']);
			continue;
		}
		const r = await follow(client, p);
		if (r.status !== 200)
			bad.push([href, r.trail]);
	}
	return bad;
}

/** The text inside <main>, tags dropped, entities decoded. */
function mainText(html) {
	const m = /<main\b[\s\S]*<\/main>/.exec(html);
	return decodeEntities((m ? m[0] : '').replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
}

/** Menu labels → hrefs of a page's fixed menu (links and POST buttons). */
function menuOf(html) {
	const nav = /<nav class="site-menu"[\s\S]*?<\/nav>/.exec(html)?.[0] || '';
	const items = new Map();
	for (const m of nav.matchAll(/<a class="menu-link" href="([^"]*)"[^>]*>([^<]*)<\/a>/g))
		items.set(decodeEntities(m[2]), { href: decodeEntities(m[1]) });
	for (const m of nav.matchAll(/<form class="menu-form" method="post" action="([^"]*)">[\s\S]*?<button[^>]*>([^<]*)<\/button>/g))
		items.set(decodeEntities(m[2]), { href: decodeEntities(m[1]), post: true });
	return items;
}

/** Every menu label of the Japanese catalogues, shared and the tenant's. */
function menuLabels(slug) {
	const files = fs.readdirSync(path.join(SRCDIR, 'xslt', 'i18n'))
	    .filter((f) => /^ja.*\.xml$/.test(f)).map((f) => path.join(SRCDIR, 'xslt', 'i18n', f));
	if (slug)
		files.push(path.join(SRCDIR, 'tenants', slug, 'i18n', 'ja.xml'));
	const labels = new Map();
	for (const f of files) {
		if (!fs.existsSync(f))
			continue;
		for (const m of fs.readFileSync(f, 'utf8').matchAll(/<m k="((?:[a-z]+\.)?menu\.[^"]+)">([^<]+)<\/m>/g))
			labels.set(m[1], decodeEntities(m[2]));
	}
	return labels;
}

/** Cards (link cards, tiles) drawn on the page without a link inside. */
function deadCards(html) {
	const dead = [];
	for (const m of html.matchAll(/<li class="([^"]*\b(?:tile|link-card|card)\b[^"]*)">([\s\S]*?)<\/li>/g))
		if (!/<a\b[^>]*href=/.test(m[2]))
			dead.push(`${m[1]}: ${m[2].replace(/<[^>]+>/g, '').slice(0, 60)}`);
	return dead;
}

/**
 * The checks of one home page as one visitor: links, named menus, cards.
 * Returns the page's HTML.
 */
async function checkHome(client, what, { named }) {
	const r = await client.get('/');
	assert.equal(r.status, 200, `${what}: ${gist(r)}`);
	assert.deepEqual(await brokenLinks(client, r.body), [], `${what}: links that do not work`);
	assert.deepEqual(deadCards(r.body), [], `${what}: cards that look like links and are not`);
	// Each menu the text sends the reader to (「label」, 「label」から,
	// label から / メニュー / 画面) is in the visitor's menu or the
	// member's: `named` collects them.
	const text = mainText(r.body);
	const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	for (const [key, label] of named.labels)
		if (new RegExp(`「${esc(label)}」|${esc(label)}(?:から|メニュー|画面)`).test(text))
			named.found.push({ what, key, label });
	// 「X」から: whatever X is (a notice may name a page), it is a menu or a link.
	for (const m of text.matchAll(/「([^」]{1,30})」から/g))
		named.found.push({ what, key: null, label: m[1] });
	return r.body;
}

// ------------------------------------------------------------ home pages

for (const t of TENANTS) {
	test(`CORE-21 CORE-1: the ${t.slug} home page, signed out and signed in: every link, menu and named menu works`, async () => {
		const named = { labels: menuLabels(t.slug), found: [] };
		const anon = new Client(t.host);
		const outHtml = await checkHome(anon, `${t.slug} signed out`, { named });

		const u = createUser(t.slug, { tag: 'lnk' });
		const c = await signIn(t.host, u.ident, u.password, { enrol: true });
		assert.equal(c.forced, undefined, `${t.slug}: a forced step left after sign-in: ${c.forced}`);
		const inHtml = await checkHome(c, `${t.slug} signed in`, { named });

		// Named menus: in a menu of the signed-in member or of the visitor,
		// or (「X」から) a link on the page.
		const menus = new Map([...menuOf(outHtml), ...menuOf(inHtml)]);
		for (const html of [outHtml, inHtml])
			for (const m of html.matchAll(/<a\b[^>]*>([^<]+)<\/a>/g))
				menus.set(decodeEntities(m[1]).trim(), {});
		for (const n of named.found) {
			if (n.key === 'menu.home')
				continue;
			assert.ok(menus.has(n.label), `${n.what}: the text names 「${n.label}」, which no menu of this tenant has`);
		}

		// The POST menu items (ログアウト) as a browser sends them.
		for (const [label, it] of menuOf(inHtml)) {
			if (!it.post)
				continue;
			const csrf = /<input type="hidden" name="csrf" value="([^"]+)"/.exec(inHtml)[1];
			const p = await c.postRaw(it.href, { csrf });
			assert.equal(p.status, 303, `${t.slug}: menu 「${label}」 POST ${it.href}: ${gist(p)}`);
			const after = await follow(c, localPath(t.host, p.location));
			assert.equal(after.status, 200, `${t.slug}: after 「${label}」: ${after.trail}`);
		}
	});
}

test('CORE-21: the ops console home, signed out and signed in, has only working links', async () => {
	const anon = new Client(OPS_HOST);
	const r = await anon.get('/');
	assert.ok([200, 303].includes(r.status), gist(r));
	const first = await follow(anon, '/');
	assert.equal(first.status, 200, first.trail);
	assert.deepEqual(await brokenLinks(anon, first.body), [], 'ops signed out: links that do not work');
	const c = await opsClient('lnk');
	const home = await c.get('/');
	assert.equal(home.status, 200, gist(home));
	assert.deepEqual(await brokenLinks(c, home.body), [], 'ops signed in: links that do not work');
});

test('CORE-21: the oncology home asks members for nothing アカウント管理 does not have', async () => {
	const anon = new Client('oncology.localhost');
	const text = mainText((await anon.get('/')).body);
	const u = createUser('oncology', { tag: 'onc' });
	const c = await signIn(u.host, u.ident, u.password);
	const account = mainText((await c.get('/account')).body);
	for (const field of ['医籍登録番号', '医籍登録日'])
		if (text.includes(field) && text.includes('アカウント管理'))
			assert.ok(account.includes(field), `the home says to enter ${field} in アカウント管理, which has no such field`);
});

// ------------------------------------------------------------ golden cases

test('CORE-2 CORE-3: every href and action of the golden cases, in the model and in the expected HTML, is a route its tenant has', async () => {
	const dir = path.join(SRCDIR, 'tests', 'golden', 'cases');
	const expDir = path.join(SRCDIR, 'tests', 'golden', 'expected');
	const clients = new Map();
	const uploader = new Map();	// slug → the signed-in client's uid
	const clientFor = async (slug, signedIn) => {
		const k = `${slug}:${signedIn}`;
		if (!clients.has(k)) {
			const host = slug === 'ops' ? OPS_HOST : TENANTS.find((x) => x.slug === slug).host;
			let c = new Client(host);
			if (signedIn && slug === 'ops') {
				c = await opsClient('gld');
			} else if (signedIn) {
				// A member who is also the tenant's admin, with a member
				// record (会員情報, issue 9), reaches every page a case may link.
				const u = createUser(slug, { roles: ['member', 'tenant_admin'], tag: 'gld' });
				sql(`INSERT INTO member (tenant, uid, name_kanji, name_kana, birth_date, phone, postal_code, pref,
				    address, email, activated_at) VALUES (${q(slug)}, ${q(u.uid)}, '試験 花子', 'シケン ハナコ',
				    '1980-01-01', '03-5555-0000', '100-0005', '13', '千代田区', ${q(u.mail)}, NOW())`);
				c = await signIn(host, u.ident, u.password, { enrol: true });
				// and an upload of its own, for a case's /upload/N (a
				// certificate in the ledger): shown to its owner only.
				const data = Buffer.from(`%PDF-1.4 golden ${u.uid}\n%%EOF\n`).toString('base64');
				sql(`INSERT INTO upload (tenant, owner_uid, purpose, field, ctype, filename, data, state, public)
				    VALUES (${q(slug)}, ${q(u.uid)}, 'credit', 'file', 'application/pdf', 'golden.pdf',
				    FROM_BASE64(${q(data)}), 'submitted', 0)`);
				uploader.set(slug, u.uid);
			}
			clients.set(k, c);
		}
		return clients.get(k);
	};
	// Every local URL of a case: href= and action= of any element of the
	// model, and href=, src= and action= of the HTML it renders to (what
	// the stylesheet builds from ids and keys); POST targets apart.
	const targetsOf = (xml, html) => {
		const get = new Set();
		const post = new Set();
		for (const m of xml.matchAll(/<(\w[\w-]*)\b([^>]*)>/g)) {
			const attrs = m[2];
			const isPost = /\bmethod="post"/i.test(attrs);
			for (const a of attrs.matchAll(/\b(href|action)="([^"]*)"/g))
				(isPost ? post : get).add(decodeEntities(a[2]));
		}
		for (const m of html.matchAll(/<(a|link|img|script|form)\b([^>]*)>/g)) {
			const attrs = m[2];
			const isPost = m[1] === 'form' && /\bmethod="post"/i.test(attrs);
			for (const a of attrs.matchAll(/\b(href|src|action)="([^"]*)"/g))
				(isPost ? post : get).add(decodeEntities(a[2]));
		}
		const local = (h) => h.startsWith('/') && !h.startsWith('//');
		return {
			get: [...get].filter(local).filter((h) => !post.has(h) || get.has(h)),
			post: [...post].filter(local).filter((h) => !get.has(h)),
		};
	};
	// A golden case captured on a fresh demo names rows by id (the
	// review queue's /review/3, a fee's /admin/fees/8/confirm, the
	// certificate /admin/certificates/1); those ids hold only on a fresh
	// stack, and what the link proves is the route.  So such a link is
	// followed with the id of a row of the same kind that this stack has,
	// from the database; none at all is a failure, not a skip.
	const idRoutes = [
		[/^\/review\/\d+(\/pdf)?$/, (t) => `SELECT MIN(a.id) FROM app a JOIN app_snapshot s ON s.app_id = a.id WHERE a.tenant = ${q(t)}`],
		[/^\/admin\/review\/\d+\/reassign$/, (t) => `SELECT MIN(id) FROM app WHERE tenant = ${q(t)} AND state = 'submitted'`],
		[/^\/admin\/fees\/\d+\/confirm$/, (t) => `SELECT MIN(id) FROM fee WHERE tenant = ${q(t)}`],
		[/^\/admin\/certificates\/\d+$/, (t) => `SELECT MIN(id) FROM certificate WHERE tenant = ${q(t)}`],
		[/^\/events\/\d+(\/(attend|unattend|import))?(\?.*)?$/, (t) => `SELECT MIN(id) FROM credit_event WHERE tenant = ${q(t)}`],
		[/^\/upload\/\d+$/, (t) => `SELECT MAX(id) FROM upload WHERE tenant = ${q(t)} AND owner_uid = ${q(uploader.get(t) || '')}`],
	];
	// A row of the member's own application (/application/renewal/
	// activity/1) exists only for the member who wrote it: such a link
	// of a case captured as a demo member (tests/golden/capture.mjs) is
	// followed signed in as that member.
	const ownRow = /^\/application\/[a-z0-9-]+\/[a-z-]+\/\d+$/;
	const demoOwner = { 'renewal-activity-oncology.xml': 'oncology' };
	const owners = new Map();
	const ownerOf = async (f) => {
		const slug = demoOwner[f];
		if (!owners.has(slug))
			owners.set(slug, await signIn(DEMO[slug].host, DEMO[slug].member, DEMO_PASSWORD));
		return owners.get(slug);
	};
	const resolve = (slug, h) => {
		const r = idRoutes.find(([re]) => re.test(h));
		if (!r)
			return h;
		const id = rows(r[1](slug))[0]?.[0];
		return id && id !== 'NULL' ? h.replace(/\d+/, id) : null;
	};
	const bad = [];
	let n = 0;
	for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.xml')).sort()) {
		const xml = fs.readFileSync(path.join(dir, f), 'utf8');
		const slug = /<site slug="([^"]+)"/.exec(xml)?.[1];
		if (!slug)
			continue;	// the unknown host: no routes at all
		const expFile = path.join(expDir, f.replace(/\.xml$/, '.html'));
		const html = fs.existsSync(expFile) ? fs.readFileSync(expFile, 'utf8') : '';
		const c = await clientFor(slug, /<user\b/.test(xml));
		const found = targetsOf(xml, html);
		const get = [], post = [];
		for (const [from, to] of [[found.get, get], [found.post, post]])
			for (const h of from) {
				const r = resolve(slug, h);
				if (r === null)
					bad.push(`${f}: ${h}: no such row on this stack to follow it with`);
				else
					to.push(r);
			}
		for (const h of post) {
			// A POST target answers GET with 405 (POST only), its form
			// (GET|POST) or 400 (/lang without a language): anything but
			// the router's 404 says the route exists.
			const r = await follow(c, h);
			n++;
			if (r.status === 404)
				bad.push(`${f}: POST ${h} → GET ${r.trail}`);
		}
		for (const h of get) {
			n++;
			if (h.startsWith('/lang?')) {
				// The language switch exists if it sends the reader back
				// to the page (an error page's own path is no route).
				const r = await c.on(c.host).get(h);
				const next = new URLSearchParams(h.slice(6)).get('next') || '/';
				if (r.status !== 303 || r.location !== next)
					bad.push(`${f}: ${h} → ${r.status} ${r.location}`);
				continue;
			}
			if (h === '/account/totp/qr.svg') {
				// The QR code exists while an enrolment is pending: a
				// person without TOTP who opened the TOTP page.
				const u = createUser(slug, { tag: 'gld' });
				const q = await signIn(c.host, u.ident, u.password, { raw: true });
				await q.get('/account/totp');
				const r = await q.get(h);
				if (r.status !== 200)
					bad.push(`${f}: ${h} → ${r.status}`);
				continue;
			}
			const r = await follow(ownRow.test(h) && demoOwner[f] ? await ownerOf(f) : c, h);
			if (r.status !== 200)
				bad.push(`${f}: ${h} → ${r.trail}`);
		}
	}
	assert.ok(n > 100, `only ${n} golden links checked`);
	assert.deepEqual(bad, [], 'golden cases linking routes that do not exist');
});

// ------------------------------------------------------------ demo data

test('BRD-1: the demo catalogue names only fictional facilities (デモ…), none of a real hospital group', async () => {
	// The demo's programs (codes DD-PP-NNN, research RDD-PP-NNN; tests make others).
	const demo = "p.tenant = 'board' AND p.code REGEXP '^R?[0-9]{2}-[0-9]{2}-[0-9]{3}$'";
	const names = rows(`SELECT f.name FROM facility f JOIN program p ON p.base_facility_id = f.id WHERE ${demo} ` +
	    `UNION SELECT f.name FROM facility f JOIN program_partner pp ON pp.facility_id = f.id JOIN program p ON p.id = pp.program_id WHERE ${demo}`)
	    .map((r) => r[0]);
	assert.ok(names.length > 100, `demo facilities: ${names.length}`);
	const real = names.filter((n) => !n.startsWith('デモ') ||
	    /赤十字|済生会|労災|聖路加|徳洲会|厚生連|大学病院|大学医学部附属|[都道府県]立/.test(n));
	assert.deepEqual(real.slice(0, 10), [], `${real.length} facility names that are not fictional`);
	const anon = new Client('board.localhost');
	for (const q of ['赤十字', '済生会', '労災', '東京大学']) {
		const r = await anon.model(`/programs?q=${encodeURIComponent(q)}`);
		assert.equal(r.status, 200);
		assert.match(r.body, /<results [^>]*total="0"/, `a search for ${q} finds programs`);
	}
});
