// The demo walk of README (issue 9, BRD-11): each demo account of the
// completion application signs in and shows what README's table says —
// the residents in every state on 現在の状況 and 申請トップ, the
// reviewers' queues (the director's, the 内科 society's, the 小児科
// society's empty one, the board's), the admin's fee list, and the
// certified resident's stable verification URL saying 有効.
//
// The demo is only read here.  The demo staff need TOTP (board:
// totp_required = staff) and are left unenrolled by the demo (50-totp
// checks they are asked to enrol), so each is given a known secret for
// the test and its account row is put back afterwards.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import {
	signIn, ctl, rows, sql, q, resetThrottle, gist, DEMO_PASSWORD, HOSTS, base32Decode,
} from './auth.mjs';
import { request } from './http.mjs';
import { pdfText } from './pdf.mjs';

const HOST = HOSTS.board;
// demo_review.c's DEMO_CERT_CODE: README's /verify URL.
const CODE = 'BOARDDEMOCERTIFICATE23456A';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const STAFF = ['398721', '398101', '398102', '455012'];

// What each demo resident shows (README's table): the dashboard's line
// of 研修修了申請 and 申請トップ.
const RESIDENTS = [
	{ number: '520015', what: '記録中', dash: /研修修了申請 状態 作成中 \(未申請\) 次の手続き 受付期間内に申請してください/,
	    top: /研修実績 \(\d+ 件\)[\s\S]*申請するには、次の不足を解消してください。/ },
	{ number: '520018', what: '統括責任者の確認待ち', dash: /研修修了申請 状態 申請済み （統括責任者の確認待ち） 申請番号 TC\d{4}-\d{6} 次の手続き 審査中です/,
	    top: /申請済みです。/ },
	{ number: '520101', what: '学会の確認待ち', dash: /研修修了申請 状態 申請済み （学会の確認待ち） 申請番号 TC\d{4}-\d{6}/,
	    top: /学会の確認待ち/ },
	{ number: '520102', what: '差し戻し', dash: /研修修了申請 状態 差し戻し 申請番号 TC\d{4}-\d{6} 次の手続き 修正して再度申請してください/,
	    top: /^研修修了申請 申請が差し戻されました。コメントを確認し、修正して再度申請してください。 差し戻しのコメント 研修実績の連携施設での期間が研修計画と一致していません。/ },
	{ number: '520103', what: '機構の確認待ち', dash: /研修修了申請 状態 申請済み （機構の確認待ち） 申請番号 TC\d{4}-\d{6}/,
	    top: /機構の確認待ち/ },
	{ number: '520104', what: '承認・認定料未納', dash: /研修修了申請 状態 承認済み 申請番号 TC\d{4}-\d{6} 認定料 33,000円 未納 次の手続き 承認されました/,
	    top: /承認済み/ },
	{ number: '520105', what: '認定', dash: /研修修了申請 状態 承認済み 申請番号 TC\d{4}-\d{6}[\s\S]*認定証 専門医 \d{4}-\d+ （有効） 認定証（PDF）をダウンロードする 確認ページ/,
	    top: /承認済み/ },
];

const saved = new Map();
const number = {};

/** The main part of a page as one line of text. */
function text(r) {
	const main = /<main\b[\s\S]*<\/main>/.exec(String(r.body));
	return (main ? main[0] : '').replace(/<(script|style)\b[\s\S]*?<\/\1>/g, ' ')
	    .replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
}

const uidOf = Object.fromEntries(ctl('user', 'list', 'board').split('\n')
    .map((l) => l.split('\t')).filter((f) => f.length > 2).map((f) => [f[1], f[0]]));

before(() => {
	resetThrottle();
	for (const n of STAFF) {
		const uid = uidOf[n];
		assert.ok(uid, `demo account ${n} (demo load)`);
		const [row] = rows(`SELECT IFNULL(HEX(totp_secret), 'NULL'), totp_enabled, totp_last_step FROM account WHERE tenant = 'board' AND uid = ${q(uid)}`);
		assert.ok(row, `account row of ${n}`);
		saved.set(uid, row);
		sql(`UPDATE account SET totp_secret = UNHEX(${q(base32Decode(SECRET).toString('hex'))}), totp_enabled = 1, totp_last_step = 0
		    WHERE tenant = 'board' AND uid = ${q(uid)}`);
	}
});

after(() => {
	for (const [uid, [hex, enabled, last]] of saved)
		sql(`UPDATE account SET totp_secret = ${hex === 'NULL' ? 'NULL' : `UNHEX(${q(hex)})`}, totp_enabled = ${Number(enabled)},
		    totp_last_step = ${Number(last)} WHERE tenant = 'board' AND uid = ${q(uid)}`);
});

/** A demo staff member, signed in with the test's TOTP secret. */
async function staff(n) {
	const c = await signIn(HOST, n, DEMO_PASSWORD, { totp: { secret: SECRET, lastStep: -1 } });
	assert.equal(c.forced, undefined, `${n}: left at ${c.forced}`);
	return c;
}

test('BRD-11 CORE-12 CORE-18 CORE-19 issue 9: each demo resident shows its state of 研修修了申請 on 現在の状況 and 申請トップ (README\'s walk)', async () => {
	for (const r of RESIDENTS) {
		const c = await signIn(HOST, r.number, DEMO_PASSWORD);
		const dash = await c.get('/dashboard');
		assert.equal(dash.status, 200, `${r.number}: ${gist(dash)}`);
		assert.match(text(dash), r.dash, `${r.number} (${r.what}) on /dashboard`);
		const top = await c.get('/application/completion');
		assert.equal(top.status, 200, `${r.number}: ${gist(top)}`);
		assert.match(text(top), r.top, `${r.number} (${r.what}) on /application/completion`);
		const m = /申請番号 (TC\d{4}-\d{6})/.exec(text(top));
		if (m)
			number[r.number] = m[1];
		// Only the certified resident has a certificate on 現在の状況.
		assert.equal(/class="cert-dashboard"/.test(dash.body), r.number === '520105', `${r.number}: 認定証`);
		if (r.number === '520105') {
			assert.ok(dash.body.includes(`href="/verify/${CODE}"`), 'the dashboard links the stable verify URL');
			const href = /<section class="cert-dashboard"[\s\S]*?<a class="btn btn-secondary" href="([^"]+)"/.exec(dash.body)[1];
			const pdf = await c.get(href);
			assert.equal(pdf.status, 200, gist(pdf));
			assert.match(pdf.headers['content-type'], /^application\/pdf/);
			const t = pdfText(pdf.raw);
			assert.ok(t.includes('審査 五郎'), 'the holder on the certificate');
			assert.ok(t.replace(/\s+/g, '').includes(`/verify/${CODE}`), 'the stable URL printed on the certificate');
		}
	}
	assert.equal(Object.keys(number).length, RESIDENTS.length - 1, 'every resident but the recording one has a 申請番号');
});

test('BRD-11 CORE-17 issue 9: the demo reviewers\' queues — 398721 the director\'s, 398101 内科 society\'s, 398102 小児科 society\'s (none of them), 455012 the board\'s and its fee list', async () => {
	const queue = async (n) => {
		const c = await staff(n);
		// Waiting for them, and (state=all) what they acted on.
		const r = await c.get('/review?state=all');
		assert.equal(r.status, 200, `${n}: ${gist(r)}`);
		return { c, body: r.body };
	};
	// The queue's row of a resident's application, as text ('' if none).
	const row = (body, regno) => {
		const m = new RegExp(`<tr data-id="\\d+"><td><a href="/review/\\d+">${number[regno]}</a>[\\s\\S]*?</tr>`).exec(body);
		return m ? text({ body: `<main>${m[0]}</main>` }) : '';
	};
	const director = await queue('398721');
	assert.match(row(director.body, '520018'), /統括責任者の確認待ち 審査待ち/, '398721: 520018 waits for the director');
	const naika = await queue('398101');
	assert.match(row(naika.body, '520101'), /学会の確認待ち 審査待ち/, '398101: 520101 waits for the 内科 society');
	assert.match(row(naika.body, '520102'), /差し戻し中/, '398101: 520102, returned by it');
	assert.equal(row(naika.body, '520018'), '', '398101: not at the director');
	const shouni = await queue('398102');
	for (const regno of ['520018', '520101', '520102', '520103', '520104', '520105'])
		assert.equal(row(shouni.body, regno), '', `398102 (小児科) does not see ${regno}`);
	const admin = await queue('455012');
	assert.match(row(admin.body, '520103'), /機構の確認待ち 審査待ち/, '455012: 520103 waits for the board');
	assert.match(row(admin.body, '520104'), /承認済み/, '455012: 520104, approved by it');
	// The fee list: 520104 未納 with its button, 520105 入金確認済み.
	const unpaid = await admin.c.get(`/admin/fees?number=${number['520104']}`);
	assert.equal(unpaid.status, 200, gist(unpaid));
	assert.match(text(unpaid), new RegExp(`${number['520104']} \\S+ [\\d,]+ ?円 未納`));
	assert.ok(unpaid.body.includes('action="/admin/fees/'), 'a 入金を確認する button');
	const paid = await admin.c.get(`/admin/fees?state=all&number=${number['520105']}`);
	assert.match(text(paid), new RegExp(`${number['520105']} \\S+ [\\d,]+ ?円 入金確認済み`));
});

test('CORE-20 BRD-11 issue 9: the demo\'s stable verification URL (README) says 有効 with the holder, no-store, to anyone', async () => {
	const r = await request(HOST, `/verify/${CODE}`);
	assert.equal(r.status, 200);
	assert.match(r.headers['cache-control'] || '', /no-store/);
	const t = text(r);
	assert.match(t, /認定証の確認 有効 この認定証は次のとおり登録されています。 氏名 審査 五郎 資格 専門医/);
	// The grouped form (as printed on the certificate) is the same URL.
	const g = await request(HOST, `/verify/${CODE.match(/.{1,4}/g).join('-')}`);
	assert.match(text(g), /有効/);
	assert.equal(rows(`SELECT COUNT(*) FROM certificate WHERE tenant = 'board' AND code = ${q(CODE)} AND revoked_at IS NULL`)[0][0], '1');
});
