// PDFs (issue 9 item 6, CORE-20) and the certificate PDF (item 7): the
// program booklets (BRD-1) and a member's certificate, made from the
// pages' own models by the PDF service.  Every font embedded
// (pdffonts), the Japanese text readable (pdftotext), A4, the tenant on
// every page, page numbers, tables split across pages with their head
// rows again, application/pdf with a Japanese RFC 5987 file name.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { get } from './http.mjs';
import { Client, signIn, createUser, rows, sql, q, csrfOf, gist, resetThrottle, HOSTS } from './auth.mjs';
import { makeCert, grouped, pdfFonts, pdfText, pdfInfo } from './pdf.mjs';

const HOST = HOSTS.board;
let program;	// { id, code, name }: the demo program the long booklet uses
let facility;
const LONG = 60;	// rotations added for the long booklet

before(() => {
	const [id, code, name, base] = rows("SELECT id, code, name, base_facility_id FROM program WHERE tenant = 'board' ORDER BY id DESC LIMIT 1")[0];
	program = { id, code, name };
	facility = base;
	sql(`DELETE FROM program_rotation WHERE program_id = ${id} AND seq >= 50`);
});

after(() => {
	sql(`DELETE FROM program_rotation WHERE program_id = ${program.id} AND seq >= 50`);
});

/** Every font of the PDF is embedded (and there is one at least). */
function assertEmbedded(buf, what) {
	const fonts = pdfFonts(buf);
	assert.ok(fonts.length > 0, `${what}: pdffonts lists fonts`);
	for (const f of fonts) {
		assert.equal(f.emb, 'yes', `${what}: ${f.name} embedded`);
		assert.equal(f.sub, 'yes', `${what}: ${f.name} a subset`);
	}
	assert.ok(fonts.some((f) => /NotoSansCJK|NotoSerifCJK/.test(f.name)), `${what}: Noto CJK (${fonts.map((f) => f.name)})`);
}

/** A PDF answer: type, RFC 5987 name with an ASCII fallback, no-store. */
function assertPdfAnswer(r, nameStart) {
	assert.equal(r.status, 200);
	assert.equal(r.headers['content-type'], 'application/pdf');
	assert.equal(r.raw.subarray(0, 5).toString(), '%PDF-');
	const cd = r.headers['content-disposition'];
	assert.match(cd, /^attachment; filename="[\x20-\x7e]+\.pdf"; filename\*=UTF-8''[A-Za-z0-9%._\-]+\.pdf$/);
	assert.ok(decodeURIComponent(cd.split("UTF-8''")[1]).startsWith(nameStart), cd);
	assert.match(r.headers['cache-control'], /no-store/);
}

test('BRD-1 every program page links its booklet PDF, not 「準備中」', async () => {
	const r = await get(HOST, `/programs/${program.id}`);
	assert.equal(r.status, 200);
	assert.ok(r.body.includes(`href="/programs/${program.id}/booklet.pdf"`), 'the booklet link');
	assert.ok(!r.body.includes('準備中'));
	// The anonymous render cache keeps the page as it is.
	const again = await get(HOST, `/programs/${program.id}`);
	assert.equal(again.body, r.body);
});

test('BRD-1 CORE-20 a booklet: A4, fonts embedded, the Japanese text of the page, tenant and page numbers on every page', async () => {
	const r = await get(HOST, `/programs/${program.id}/booklet.pdf`);
	assertPdfAnswer(r, `プログラム冊子_${program.code}`);
	assertEmbedded(r.raw, 'booklet');
	const info = pdfInfo(r.raw);
	assert.match(info.size, /^595\.2\d* x 841\.8\d* pts \(A4\)/);
	assert.equal(info.title, program.name);
	const text = pdfText(r.raw);
	assert.ok(text.includes(program.name.slice(0, 12)), 'the program name');
	for (const w of ['専門研修プログラム冊子', 'プログラム番号', program.code, '基幹施設', 'ローテーションの確認'])
		assert.ok(text.includes(w), w);
	for (let p = 1; p <= info.pages; p++) {
		const t = pdfText(r.raw, p);
		assert.ok(t.includes('デモ専門医機構'), `page ${p}: the tenant's name`);
		assert.match(t, new RegExp(`\\b${p}\\s*/\\s*${info.pages}\\b`), `page ${p}: its number`);
		assert.ok(!t.includes('申請未完了'), 'a booklet is no draft');
	}
	// CORE-3: the same address gives the model it is made from: the page's own.
	const model = await get(HOST, `/programs/${program.id}/booklet.pdf`, { headers: { accept: 'application/xml' } });
	assert.equal(model.status, 200);
	assert.match(model.headers['content-type'], /^application\/xml/);
	assert.match(model.body, /<page name="recruit-program"/);
	assert.ok(model.body.includes(`<program id="${program.id}"`));
	// No such program, or a path under it that is not the booklet: 404.
	assert.equal((await get(HOST, '/programs/999999999/booklet.pdf')).status, 404);
	assert.equal((await get(HOST, `/programs/${program.id}/booklet.pdfx`)).status, 404);
	// In English: the English file name and messages.
	const en = await get(HOST, `/programs/${program.id}/booklet.pdf`, { headers: { cookie: 'lang=en' } });
	assertPdfAnswer(en, `program-booklet_${program.code}`);
	assert.ok(pdfText(en.raw).includes('Specialty training program booklet'));
});

test('CORE-20 a long table splits across pages, its head rows on each, no row cut', async () => {
	const values = [];
	for (let i = 0; i < LONG; i++)
		values.push(`(${program.id}, ${1 + (i % 3)}, ${50 + i}, ${facility}, 1, ${q(`PDF試験の行${String(i).padStart(3, '0')} 長い備考を書いて行を折り返させる`)})`);
	sql(`INSERT INTO program_rotation (program_id, year, seq, facility_id, months, notes) VALUES ${values.join(', ')}`);
	const r = await get(HOST, `/programs/${program.id}/booklet.pdf`);
	assertPdfAnswer(r, 'プログラム冊子_');
	assertEmbedded(r.raw, 'long booklet');
	const info = pdfInfo(r.raw);
	assert.ok(info.pages >= 3, `${info.pages} pages`);
	let seen = 0, pagesWithRows = 0;
	for (let p = 1; p <= info.pages; p++) {
		const t = pdfText(r.raw, p);
		const n = (t.match(/PDF試験の行\d{3}/g) || []).length;
		if (n > 0) {
			pagesWithRows++;
			assert.ok(t.includes('研修年次') && t.includes('備考'), `page ${p}: the table's head row again`);
		}
		seen += n;
	}
	assert.equal(seen, LONG, 'every row once: none cut, none lost');
	assert.ok(pagesWithRows >= 2, 'the table continues on another page');
});

test('item 7 item 8 CORE-20 the certificate PDF: number, holder, kind, dates, issuer, code in groups of four, the verify URL; on the holder\'s 現在の状況; only for its holder', async () => {
	const holder = createUser('board', { name: '証書 花子' });
	const other = createUser('board');
	const cert = makeCert('board', holder.uid, '証書 花子');
	const c = await signIn(HOST, holder.ident, holder.password);
	const r = await c.get(`/certificate/${cert.id}.pdf`);
	assertPdfAnswer(r, `認定証_${cert.number}`);
	assertEmbedded(r.raw, 'certificate');
	const info = pdfInfo(r.raw);
	assert.equal(info.pages, 1);
	assert.match(info.size, /\(A4\)/);
	const text = pdfText(r.raw);
	for (const w of ['認定証', cert.number, '証書 花子', '専門医', '2026年4月1日', '2031年3月31日', 'デモ専門医機構', grouped(cert.code)])
		assert.ok(text.includes(w), `${w} in:\n${text}`);
	assert.match(text, new RegExp(`https?://board\\.localhost(:\\d+)?/verify/${cert.code}`), 'the verify URL');
	assert.ok(!text.includes('申請未完了'));

	// 現在の状況 lists it with its download and its check page.
	const dash = await c.get('/dashboard');
	assert.equal(dash.status, 200);
	assert.ok(dash.body.includes(`href="/certificate/${cert.id}.pdf"`), 'the download on 現在の状況');
	assert.ok(dash.body.includes(`href="/verify/${cert.code}"`), 'the check page');
	assert.ok(dash.body.includes(cert.number));

	// Anyone else: the 404 of a certificate that does not exist.
	const o = await signIn(HOST, other.ident, other.password);
	assert.ok(!(await o.get('/dashboard')).body.includes(`/certificate/${cert.id}.pdf`), 'not on another\'s 現在の状況');
	const not = await o.get(`/certificate/${cert.id}.pdf`);
	assert.equal(not.status, 404);
	const none = await o.get('/certificate/999999999.pdf');
	assert.equal(none.status, 404);
	assert.equal(not.headers['content-type'], none.headers['content-type']);
	// Signed out: no PDF either.
	const anon = await new Client(HOST).get(`/certificate/${cert.id}.pdf`);
	assert.notEqual(anon.status, 200);
	assert.notEqual(anon.headers['content-type'], 'application/pdf');
	// Another tenant's host: nothing of it.
	const elsewhere = await c.on(HOSTS.oncology).get(`/certificate/${cert.id}.pdf`);
	assert.notEqual(elsewhere.status, 200);
});

/** "YYYY-MM" of month m counted from 2024-04 (m = 0). */
const ym = (m) => `${2024 + Math.floor((3 + m) / 12)}-${String(((3 + m) % 12) + 1).padStart(2, '0')}`;

test('CORE-20 CORE-12 an application\'s PDF from its model: a draft has 「申請未完了」 on pages 2..n, not the cover; once submitted none', async () => {
	resetThrottle();
	const jst = (s) => new Date(Date.now() + s * 1000 + 9 * 3600 * 1000).toISOString().slice(0, 19).replace('T', ' ');
	const off = rows("SELECT id, open_at, close_at FROM offering WHERE tenant = 'board' AND kind = 'completion' ORDER BY year DESC LIMIT 1")[0];
	sql(`UPDATE offering SET open_at = ${q(jst(-3600))}, close_at = ${q(jst(3600))} WHERE id = ${off[0]}`);
	try {
		const p = rows("SELECT id, base_facility_id FROM program WHERE tenant = 'board' AND code = '01-01-001'")[0];
		const user = createUser('board', { tag: 'pdfapp' });
		sql(`INSERT INTO application (tenant, round_id, year, uid, program_id, system, state, live, created_at, decided_at)
		    SELECT 'board', r.id, 2024, ${q(user.uid)}, ${p[0]}, 'program', 'accepted', 1, NOW(), NOW()
		    FROM recruit_round r WHERE r.tenant = 'board' ORDER BY r.id LIMIT 1`);
		const c = await signIn(HOST, user.ident, user.password);
		const base = '/application/completion';
		// Nothing saved yet: the blank application, as a draft.
		const blank = await c.get(`${base}/pdf`);
		assertPdfAnswer(blank, '申請書_');
		assert.ok(pdfText(blank.raw, 2).includes('申請未完了'), 'a blank application is a draft');
		// 29 one-month rotations and one of seven months: the program's 36.
		for (let i = 0; i < 30; i++) {
			const f = await c.model(`${base}/rotations/new`);
			assert.equal(f.status, 200, gist(f));
			const r = await c.postRaw(`${base}/rotations/new`, {
				csrf: csrfOf(f.body), op: 'save', facility: p[1], employment: 'full',
				start: ym(i), end: i < 29 ? ym(i) : ym(35),
				note: `PDF試験${String(i).padStart(2, '0')} 基幹施設での研修。症例の記録と指導医による評価を受けた。`,
			});
			assert.equal(r.status, 303, `row ${i}: ${gist(r)}`);
		}
		const draft = await c.get(`${base}/pdf`);
		assertPdfAnswer(draft, '申請書_');
		assertEmbedded(draft.raw, 'draft application');
		const n = pdfInfo(draft.raw).pages;
		assert.ok(n >= 3, `${n} pages`);
		let seen = 0;
		for (let pg = 1; pg <= n; pg++) {
			const t = pdfText(draft.raw, pg);
			if (pg === 1)
				assert.ok(!t.includes('申請未完了'), 'no mark on the cover');
			else
				assert.ok(t.includes('申請未完了'), `the mark on page ${pg}`);
			seen += (t.match(/PDF試験\d\d/g) || []).length;
		}
		assert.equal(seen, 30, 'every row in the PDF');
		assert.ok(pdfText(draft.raw, 1).includes('研修修了申請') || pdfText(draft.raw, 1).includes('修了'), 'the offering on the cover');
		// A POST to the PDF is no action.
		assert.equal((await c.postRaw(`${base}/pdf`, { csrf: csrfOf((await c.model(base)).body) })).status, 405);

		// Submitted: the final, no mark anywhere.
		const f = await c.model(`${base}/confirm`);
		const s = await c.postRaw(`${base}/confirm`, { csrf: csrfOf(f.body) });
		assert.equal(s.status, 303, gist(s));
		const final = await c.get(`${base}/pdf`);
		assertPdfAnswer(final, '申請書_');
		assertEmbedded(final.raw, 'final application');
		assert.ok(!pdfText(final.raw).includes('申請未完了'));
		assert.ok(pdfText(final.raw).includes('申請済み'));
		// Another member gets their own (blank) application, nothing of this one.
		const other = createUser('board', { tag: 'pdfapp' });
		const o = await signIn(HOST, other.ident, other.password);
		const theirs = await o.get(`${base}/pdf`);
		assert.ok(!pdfText(theirs.raw).includes('PDF試験'));
	} finally {
		sql(`UPDATE offering SET open_at = ${q(off[1])}, close_at = ${q(off[2])} WHERE id = ${off[0]}`);
	}
});
