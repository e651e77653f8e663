// Issue 10: what workers keep between requests never crosses members,
// and never outlives a change.
//
//  - Reference rows (recruitment rounds, …) are kept per worker under a
//    version that triggers bump (sql/015_refdata.sql, core/refcache.c);
//  - a member's own rows (recruit's live applications) come with the
//    session statement and are never kept beyond their request.
//
// Two members of one tenant, one with a live application in the open
// round and one without, ask for the same pages interleaved, in pairs
// at once, so that each worker serves both one after the other (with
// SHIKAKU_WORKERS=1 that is certain; with W workers, 2×40 interleaved
// requests leave no worker serving only one of them but by a chance
// far below 1e-9).  Each must see only their own state.  Then the open
// round is closed by plain SQL, as an operator would: the very next
// request of either member, on any worker, must say so.
//
// The HTML too: a worker keeps each page's frame (header, menu, footer)
// and shares it between members in the same state, with their name and
// CSRF token spliced in (core/render.c render_split()): every page each
// member gets must carry their own name, their own token in every form,
// their own menu note, and nothing of the other's.
//
// CORE-18 (the menu says why one may not apply), CORE-17 (isolation).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import fs from 'node:fs';
import path from 'node:path';

import { signIn, createUser, sql, rows, q, HOSTS, resetThrottle, decodeEntities } from './auth.mjs';
import { confNumber } from './http.mjs';

const SRC = process.env.top_srcdir || '.';

const HOST = HOSTS.board;
let A, B, round, saved, appId;

/** "YYYY-MM-DD HH:MM:SS" in Japan time, `s` seconds from now. */
function jst(s = 0) {
	return new Date(Date.now() + (s + 9 * 3600) * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

/** The menu note of 研修プログラムに応募する and the signed-in name, from the XML model. */
function state(body) {
	const note = /<item key="menu\.recruit"[^>]*>\s*<note key="([^"]+)"/.exec(body);
	const name = /<user\b[^>]*>\s*<name>([^<]*)<\/name>/.exec(body);
	return { note: note ? note[1] : null, name: name ? name[1] : null };
}

/** The Japanese message of a key (the shared catalogues), as a RegExp with {0} as anything. */
function message(key) {
	const dir = path.join(SRC, 'xslt', 'i18n');
	for (const f of fs.readdirSync(dir).filter((x) => /^ja(-.*)?\.xml$/.test(x))) {
		const m = new RegExp(`<m k="${key.replace(/\./g, '\\.')}">([^<]*)</m>`).exec(fs.readFileSync(path.join(dir, f), 'utf8'));
		if (m) {
			const text = decodeEntities(m[1]).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{0\\\}/g, '.*');
			return new RegExp(`^${text}$`);
		}
	}
	throw new Error(`no message ${key}`);
}

/** The member's own name, token and note in the HTML page, nothing of `other`'s. */
function checkHtml(who, html, mine, other, note, p, i) {
	const at = `${who}'s ${p} (HTML, round ${i})`;
	const names = [...html.matchAll(/<p class="user-name"><span class="user-label">[^<]*<\/span>([^<]*)<\/p>/g)].map((m) => decodeEntities(m[1]));
	assert.deepEqual(names, [mine.name], `${at}: the signed-in name`);
	const tokens = [...html.matchAll(/name="csrf" value="([^"]*)"/g)].map((m) => m[1]);
	assert.ok(tokens.length >= 2, `${at}: the language switch and the logout carry the token`);
	for (const t of tokens)
		assert.equal(t, mine.csrf, `${at}: every form carries the member's own token`);
	const notes = [...html.matchAll(/<span class="menu-note">([^<]*)<\/span>/g)].map((m) => decodeEntities(m[1]));
	assert.ok(notes.some((x) => message(note).test(x)), `${at}: the menu note ${note} (${notes.join(' / ')})`);
	assert.ok(!html.includes(other.name), `${at}: never the other member's name`);
	assert.ok(!html.includes(other.csrf), `${at}: never the other member's token`);
}

/** Both members ask for p at once, `n` times; every answer checked by `want`. */
async function interleaved(p, n, want) {
	for (let i = 0; i < n; i++) {
		const [ha, hb] = await Promise.all([A.get(p), B.get(p)]);
		assert.equal(ha.status, 200, `A ${p} (HTML): ${ha.status}`);
		assert.equal(hb.status, 200, `B ${p} (HTML): ${hb.status}`);
		checkHtml('A', ha.body, A, B, want.a.note, p, i);
		checkHtml('B', hb.body, B, A, want.b.note, p, i);
		const [ra, rb] = await Promise.all([A.model(p), B.model(p)]);
		assert.equal(ra.status, 200, `A ${p}: ${ra.status} ${ra.location || ''}`);
		assert.equal(rb.status, 200, `B ${p}: ${rb.status} ${rb.location || ''}`);
		assert.deepEqual(state(ra.body), want.a, `A's ${p} (round ${i})`);
		assert.deepEqual(state(rb.body), want.b, `B's ${p} (round ${i})`);
		if (p === '/dashboard') {
			// Only A's application is on A's dashboard; none on B's.
			assert.match(ra.body, new RegExp(`<application id="${appId}"`), `A's dashboard shows A's application`);
			assert.doesNotMatch(rb.body, /<application id=/, `B's dashboard shows no application`);
		}
	}
}

before(async () => {
	resetThrottle();
	const now = jst();
	const open = rows(`SELECT id, year, apply_open, apply_close FROM recruit_round WHERE tenant = 'board' AND track = 'regular' AND apply_open <= ${q(now)} AND apply_close > ${q(now)} ORDER BY apply_open DESC LIMIT 1`);
	assert.equal(open.length, 1, 'the demo data has an open regular round');
	[round] = open;
	saved = { open: round[2], close: round[3] };
	const a = createUser('board', { tag: 'ca', name: '分離 甲' });
	const b = createUser('board', { tag: 'cb', name: '分離 乙' });
	A = await signIn(a.host, a.ident, a.password);
	B = await signIn(b.host, b.ident, b.password);
	A.user = a;
	B.user = b;
	// Each member's name and session token, from their own model.
	for (const c of [A, B]) {
		const m = await c.model('/account');
		c.name = decodeEntities(/<user\b[^>]*>\s*<name>([^<]*)<\/name>/.exec(m.body)[1]);
		c.csrf = /<user\b[^>]*\bcsrf="([^"]+)"/.exec(m.body)[1];
	}
	const program = rows("SELECT id FROM program WHERE tenant = 'board' AND track = 'regular' ORDER BY id LIMIT 1")[0][0];
	sql(`INSERT INTO application (tenant, round_id, year, uid, program_id, system, state, live, created_at) VALUES ('board', ${round[0]}, ${round[1]}, ${q(a.uid)}, ${program}, 'program', 'applied', 1, NOW())`);
	appId = rows(`SELECT id FROM application WHERE tenant = 'board' AND uid = ${q(a.uid)}`)[0][0];
});

after(() => {
	if (saved)
		sql(`UPDATE recruit_round SET apply_open = ${q(saved.open)}, apply_close = ${q(saved.close)} WHERE id = ${round[0]}`);
	if (A)
		sql(`DELETE FROM application WHERE tenant = 'board' AND uid = ${q(A.user.uid)}`);
});

test('CORE-17 CORE-18 issue 10: two members served by the same workers in turn each see only their own state (name, menu note, applications)', async () => {
	const want = {
		a: { note: 'recruit.why.applied', name: '分離 甲' },
		b: { note: 'recruit.menu.open-until', name: '分離 乙' },
	};
	for (const p of ['/dashboard', '/apply', '/account'])
		await interleaved(p, p === '/dashboard' ? 40 : 15, want);
	// With one worker the interleaving is certain; say how many served.
	console.log(`workers: ${confNumber('workers', 4)}`);
});

test('CORE-18 issue 10: a round closed by plain SQL is closed on the very next request of every member on every worker (the cached rounds follow the version)', async () => {
	// Every worker has the rounds cached by now (the test above).
	sql(`UPDATE recruit_round SET apply_open = ${q(jst(-2 * 86400))}, apply_close = ${q(jst(-60))} WHERE id = ${round[0]}`);
	await interleaved('/account', 10, {
		a: { note: 'recruit.why.closed', name: '分離 甲' },
		b: { note: 'recruit.why.closed', name: '分離 乙' },
	});
	// And open again: A has applied, B may apply.
	sql(`UPDATE recruit_round SET apply_open = ${q(saved.open)}, apply_close = ${q(saved.close)} WHERE id = ${round[0]}`);
	await interleaved('/account', 10, {
		a: { note: 'recruit.why.applied', name: '分離 甲' },
		b: { note: 'recruit.menu.open-until', name: '分離 乙' },
	});
});

test('CORE-18 issue 10: a member\'s own change shows on their next request (nothing of theirs is kept between requests)', async () => {
	// A's application withdrawn behind the portal's back: A may apply again at once.
	sql(`UPDATE application SET state = 'cancelled', live = NULL, cancelled_at = NOW() WHERE id = ${appId}`);
	await interleaved('/account', 10, {
		a: { note: 'recruit.menu.open-until', name: '分離 甲' },
		b: { note: 'recruit.menu.open-until', name: '分離 乙' },
	});
	sql(`UPDATE application SET state = 'applied', live = 1, cancelled_at = NULL WHERE id = ${appId}`);
});
