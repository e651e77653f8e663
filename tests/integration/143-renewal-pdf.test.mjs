// 申請書(仮) and the application (ONC-12, seed 003): until completed the
// PDF is the draft — 「申請未完了」 on every page but the cover, no
// seminar page; once completed, the final one — no mark, the seminar page
// with the seminars of the five-year window.  Japanese text, fonts
// embedded (pdffonts), A4.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import { resetThrottle } from './auth.mjs';
import { pdfText, pdfFonts, pdfInfo } from './pdf.mjs';
import { BASE, YEAR, openWindows, specialist, fillAll, addSeminar } from './renewal.mjs';

before(() => {
	resetThrottle();
	openWindows();
});

function pages(buf) {
	const n = pdfInfo(buf).pages;
	return Array.from({ length: n }, (_, i) => pdfText(buf, i + 1));
}

test('ONC-12 the draft: 申請未完了 on pages 2..n only, no seminar page; the final: no mark, the seminar page', async () => {
	const { u, c } = await specialist();
	addSeminar(u.uid, { on: `${YEAR - 1}-07-06`, units: 10, title: 'Best of ASCO 2025 in Japan' });
	await fillAll(c);
	const d = await c.get(`${BASE}/pdf`);
	assert.equal(d.status, 200);
	assert.equal(d.headers['content-type'], 'application/pdf');
	assert.match(decodeURIComponent(d.headers['content-disposition']), /申請書\(仮\)/);
	const info = pdfInfo(d.raw);
	assert.match(info.size, /595\.\d* x 841\.\d*|595 x 842/, 'A4');
	const dp = pages(d.raw);
	assert.ok(dp.length >= 7, `cover and six documents: ${dp.length}`);
	assert.doesNotMatch(dp[0], /申請未完了/, 'not on the cover');
	assert.match(dp[0], /専門医【更新】申請書/);
	assert.match(dp[0], /提出書類リスト/);
	assert.match(dp[0], /この申請書では受理されません/);
	for (let i = 1; i < dp.length; i++)
		assert.match(dp[i], /申請未完了/, `page ${i + 1}`);
	const all = dp.join('\n');
	assert.doesNotMatch(all, /セミナー名/, 'no seminar page in the draft');
	assert.doesNotMatch(all, /Best of ASCO 2025/);
	assert.match(all, /臨床大学医学部/);
	assert.match(all, /腫瘍内科での薬物療法/);
	for (const f of pdfFonts(d.raw))
		assert.equal(f.emb, 'yes', `${f.name} embedded`);

	assert.equal((await c.post(`${BASE}/confirm`, {})).status, 303);
	const f = await c.get(`${BASE}/pdf`);
	assert.equal(f.status, 200);
	const fp = pages(f.raw);
	const fall = fp.join('\n');
	assert.doesNotMatch(fall, /申請未完了/, 'no mark on the final');
	assert.doesNotMatch(fall, /この申請書では受理されません/);
	assert.match(fall, /セミナー名/, 'the seminar page');
	assert.match(fall, /Best of ASCO 2025 in Japan/);
	assert.match(fall, /セミナー単位合計: 10 単位/);
	assert.equal(fp.length, dp.length + 1, 'one page more: the seminars');
	const fonts = pdfFonts(f.raw);
	assert.ok(fonts.length >= 1 && fonts.length <= 3, `${fonts.length} faces`);
	for (const x of fonts)
		assert.equal(x.emb, 'yes', `${x.name} embedded`);
});

test('ONC-12 the PDF as its model (CORE-3) and only the member\'s own', async () => {
	const { c } = await specialist();
	const m = await c.model(`${BASE}/pdf`);
	assert.equal(m.status, 200);
	assert.match(m.body, /<renewal kind="renewal"[^>]*final="0"/);
	assert.match(m.body, /<member /);
});
