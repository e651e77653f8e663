// Tenant by host, themes, the XML model and languages, through nginx.
// CORE-1, CORE-2, CORE-3, CORE-22.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import {
	TENANTS, UNKNOWN_HOST, OPS_HOST, SRCDIR, get, sql, foreignNames,
} from './http.mjs';

const staticFile = (slug, name) =>
	fs.readFileSync(path.join(SRCDIR, 'tenants', slug, 'static', name));

function titleOf(html) {
	const m = /<title>([^<]*)<\/title>/.exec(html);
	return m ? m[1] : null;
}

for (const t of TENANTS) {
	test(`CORE-1 CORE-2: ${t.host} serves the ${t.slug} home page with its own name and theme only`, async () => {
		const r = await get(t.host, '/');
		assert.equal(r.status, 200, r.body.slice(0, 300));
		assert.match(r.headers['content-type'], /^text\/html; charset=utf-8/i);
		assert.match(r.body, /^<!DOCTYPE html>/i);
		assert.match(r.body, /<html[^>]* lang="ja"/);
		assert.ok(r.body.includes(t.ja), `page lacks ${t.ja}`);
		assert.ok(titleOf(r.body)?.includes(t.ja), `title "${titleOf(r.body)}" lacks ${t.ja}`);
		assert.deepEqual(foreignNames(r.body, t.slug), [], 'another tenant\'s name on this page');
		assert.match(r.body, /<link rel="stylesheet" href="\/static\/theme\.css">/);
		assert.match(r.body, /<img [^>]*src="\/static\/logo\.svg"/);
		// The shared stylesheet is reachable too (the page would be unstyled otherwise).
		const css = await get(t.host, '/assets/shikaku.css');
		assert.equal(css.status, 200);
		assert.match(css.headers['content-type'], /^text\/css/);
	});

	test(`CORE-1 CORE-2: ${t.host}/static/ serves ${t.slug}'s own logo and theme`, async () => {
		const logo = await get(t.host, '/static/logo.svg');
		assert.equal(logo.status, 200);
		assert.match(logo.headers['content-type'], /^image\/svg\+xml/);
		assert.ok(logo.raw.equals(staticFile(t.slug, 'logo.svg')), 'not this tenant\'s logo.svg');
		const css = await get(t.host, '/static/theme.css');
		assert.equal(css.status, 200);
		assert.match(css.headers['content-type'], /^text\/css/);
		assert.ok(css.raw.equals(staticFile(t.slug, 'theme.css')), 'not this tenant\'s theme.css');
	});
}

test('CORE-2: every tenant has a logo and theme of its own (no two alike)', async () => {
	const logos = new Set(), themes = new Set();
	for (const t of TENANTS) {
		logos.add((await get(t.host, '/static/logo.svg')).body);
		themes.add((await get(t.host, '/static/theme.css')).body);
	}
	assert.equal(logos.size, TENANTS.length, 'two tenants share a logo');
	assert.equal(themes.size, TENANTS.length, 'two tenants share a theme.css');
});

test('CORE-1: a tenant\'s other configured host name and a mixed-case Host reach the same tenant', async () => {
	for (const host of ['board.shikaku.test', 'Board.LocalHost']) {
		const r = await get(host, '/');
		assert.equal(r.status, 200, host);
		assert.ok(r.body.includes('デモ専門医機構'), host);
	}
});

test('CORE-1: unknown host gets the neutral 404 with no tenant\'s name', async () => {
	const r = await get(UNKNOWN_HOST, '/');
	assert.equal(r.status, 404);
	assert.match(r.headers['content-type'], /^text\/html/);
	assert.deepEqual(foreignNames(r.body, null), [], 'a tenant name on the neutral page');
	assert.ok(!/\/static\//.test(r.body), 'the neutral page refers to tenant static files');
	// Bilingual and says what happened.
	assert.match(r.body, /ページが見つかりません/);
	assert.match(r.body, /Page not found/);
	// Any path on an unknown host, and a Host header missing its name, are the same.
	for (const [host, p] of [[UNKNOWN_HOST, '/healthz'], [UNKNOWN_HOST, '/metrics'], ['localhost', '/'], ['127.0.0.1', '/']]) {
		const o = await get(host, p);
		assert.equal(o.status, 404, `${host}${p}`);
		assert.deepEqual(foreignNames(o.body, null), [], `${host}${p}`);
	}
});

test('CORE-1: no tenant static files on an unknown host or the ops host', async () => {
	for (const host of [UNKNOWN_HOST, OPS_HOST, 'localhost'])
		for (const p of ['/static/logo.svg', '/static/theme.css']) {
			const r = await get(host, p);
			assert.equal(r.status, 404, `${host}${p}`);
		}
});

test('CORE-1: another tenant\'s static files are not reachable through path tricks', async () => {
	const boardLogo = staticFile('board', 'logo.svg');
	for (const p of [
		'/static/../board/static/logo.svg',
		'/static/..%2f..%2fboard%2fstatic%2flogo.svg',
		'/static/%2e%2e/%2e%2e/board/static/logo.svg',
		'/static/../../tenants/board/static/logo.svg',
		'/static//../../board/static/logo.svg',
		'/static/../../board/tenant.conf',
	]) {
		const r = await get('palliative.localhost', p);
		assert.ok(!r.raw.equals(boardLogo), `board's logo through palliative: ${p}`);
		assert.ok(!r.body.includes('デモ専門医機構'), `board content through palliative: ${p} (${r.status})`);
		assert.ok(r.status < 500, `${p}: ${r.status}`);
	}
});

test('CORE-3: Accept: application/xml returns the home page model with the tenant and its notices', async () => {
	const r = await get('board.localhost', '/', { headers: { accept: 'application/xml' } });
	assert.equal(r.status, 200);
	assert.match(r.headers['content-type'], /^application\/xml/);
	assert.match(r.headers.vary || '', /Accept/, 'a cache could serve the XML to a browser');
	assert.match(r.body, /^<\?xml version="1\.0" encoding="UTF-8"\?>/);
	assert.match(r.body, /<page name="home"[^>]* lang="ja"/);
	assert.match(r.body, /<page [^>]*status="200"/);
	assert.match(r.body, /<site slug="board" host="board\.localhost">/);
	assert.match(r.body, /<name lang="ja">デモ専門医機構<\/name>/);
	assert.match(r.body, /<menu>.*<item key="menu\.home" href="\/" current="1"\/>/s);
	// The notices are the database's, this tenant's only (CORE-1).
	const mine = sql("SELECT title_ja FROM notice WHERE tenant = 'board' AND posted_on <= CURRENT_DATE ORDER BY posted_on DESC, id DESC").split('\n').filter(Boolean);
	const theirs = sql("SELECT title_ja FROM notice WHERE tenant <> 'board'").split('\n').filter(Boolean);
	assert.ok(mine.length > 0, 'the demo data has no notice for board');
	const notices = r.body.match(/<notice [^>]*>/g) || [];
	assert.equal(notices.length, Math.min(mine.length, 10));
	for (const title of mine.slice(0, 3))
		assert.ok(r.body.includes(title), `notice "${title}" missing`);
	for (const title of theirs)
		if (!mine.includes(title))
			assert.ok(!r.body.includes(title), `another tenant's notice "${title}"`);
	assert.deepEqual(foreignNames(r.body, 'board'), []);
	// Same model text/xml, and for every tenant.
	for (const t of TENANTS) {
		const x = await get(t.host, '/', { headers: { accept: 'text/xml' } });
		assert.equal(x.status, 200, t.slug);
		assert.match(x.body, new RegExp(`<site slug="${t.slug}"`));
	}
});

test('CORE-3: error pages have a model too (name="error", error-page code)', async () => {
	const r = await get('board.localhost', '/no-such-page', { headers: { accept: 'application/xml' } });
	assert.equal(r.status, 404);
	assert.match(r.headers['content-type'], /^application\/xml/);
	assert.match(r.body, /<page name="error"[^>]* status="404"/);
	assert.match(r.body, /<error-page code="404"\/>/);
	assert.match(r.body, /<site slug="board"/);
});

test('CORE-22: ?lang=en gives the English page (lang="en", Demo Specialty Board)', async () => {
	const r = await get('board.localhost', '/?lang=en');
	assert.equal(r.status, 200);
	assert.match(r.body, /<html[^>]* lang="en"/);
	assert.ok(titleOf(r.body)?.includes('Demo Specialty Board'), `title: ${titleOf(r.body)}`);
	assert.match(r.body, /<h1[^>]*>Demo Specialty Board<\/h1>/);
	// Japanese stays the default, and an unknown language falls back to it.
	for (const q of ['/', '/?lang=xx', '/?lang=']) {
		const j = await get('board.localhost', q);
		assert.equal(j.status, 200, q);
		assert.match(j.body, /<html[^>]* lang="ja"/, q);
		assert.ok(titleOf(j.body)?.includes('デモ専門医機構'), q);
	}
	// Every tenant has its English name.
	for (const t of TENANTS) {
		const e = await get(t.host, '/?lang=en');
		assert.equal(e.status, 200, t.slug);
		assert.ok(titleOf(e.body)?.includes(t.en), `${t.slug}: title ${titleOf(e.body)} lacks ${t.en}`);
	}
	// The model says which language it was rendered for.
	const x = await get('board.localhost', '/?lang=en', { headers: { accept: 'application/xml' } });
	assert.match(x.body, /<page name="home"[^>]* lang="en"/);
});
