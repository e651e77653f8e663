// tests/golden/capture.mjs — golden cases from real models (issue 8
// item 6, CORE-2, CORE-3): for each row of CASES below, sign in the
// person the row names on a running stack, fetch the page's XML model
// (Accept: application/xml, CORE-3), replace what differs from run to
// run (CSRF tokens, dates and times, the fresh person's number, mail and
// name, TOTP secrets and recovery codes, counters), and write
// tests/golden/cases/NAME.xml.  `make golden-update` then renders the
// expected HTML.  Run through tests/golden/capture (it starts a private
// stack when none is given); the stack's environment is RUNDIR/env.
//
// Ids stay: the demo data is loaded in one order, so its ids (program
// 600, notices 1 to 3) are the same on every fresh stack, and no case
// shows a row a test or the capture itself creates.  A fresh and a used
// stack give the same files; the demo clock must be at today (`shikakuctl
// demo clock reset`), since "today" is the machine's date in Japan.
//
// Cases not in CASES are hand-written because no real model produces
// them (listed in tests/golden/cases/README.md); the capture leaves them
// alone.

import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

import { SRCDIR, RUN, OPS_HOST, UNKNOWN_HOST } from '../integration/http.mjs';
import {
	Client, HOSTS, signIn, createUser, opsClient, resetThrottle, csrfOf,
	nextCode, enrolTotp, ctl, DEMO_PASSWORD, sql, q,
} from '../integration/auth.mjs';
import { openWindows } from '../integration/second.mjs';

const OUT = process.env.GOLDEN_OUT || path.join(SRCDIR, 'tests', 'golden', 'cases');

// The day every captured date is moved to, so that "today" in a case is
// always the same day and dates keep their distance from it.
const BASE_DAY = '2026-04-01';

// The fresh people the cases sign in: fixed names, so the model's <name>
// does not vary; their number and mail vary and are replaced.
const PEOPLE = {
	member: { roles: [], name: '山田 花子' },
	admin: { roles: ['member', 'tenant_admin'], name: '佐藤 管理' },
	director: { roles: ['member', 'program_director'], name: '鈴木 統括' },
};

/*
 * One row per case: name (the file), slug (the host; 'ops' and
 * 'unknown' too), who (null: a visitor; a key of PEOPLE; 'ops'), lang,
 * path, and optionally enrol (TOTP enrolled at sign-in, default true),
 * post (form fields POSTed to path with the page's token; the case is
 * the POST's response), take (a function (client) → response, for the
 * few pages that need more steps), note (what the case covers; the
 * README's table).
 */
const CASES = [
	{ name: 'home-board', slug: 'board', who: null, lang: 'ja', path: '/',
	    note: 'board home, visitor, ja: hero, links, notices' },
	{ name: 'home-board-en', slug: 'board', who: 'member', lang: 'en', path: '/',
	    note: 'board home in English, signed in, POST logout and language forms' },
	{ name: 'home-palliative', slug: 'palliative', who: 'member', lang: 'ja', path: '/',
	    note: 'palliative home, signed in' },
	{ name: 'home-oncology', slug: 'oncology', who: 'member', lang: 'ja', path: '/',
	    note: 'oncology home, signed in' },
	{ name: 'home-medassoc', slug: 'medassoc', who: null, lang: 'ja', path: '/',
	    note: 'medassoc home, visitor: brand and home-intro overrides' },
	{ name: 'error-400', slug: 'board', who: null, lang: 'ja', path: '/login',
	    take: (cl) => cl.req('POST', '/login', { xml: true, raw: 'ident=%zz',
	        headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
	    note: 'error page 400 (board, a malformed form body)' },
	{ name: 'error-404', slug: 'oncology', who: 'member', lang: 'ja', path: '/no-such-page?x=1',
	    note: 'error page 404 (oncology, signed in, path with a query)' },
	{ name: 'ops-home', slug: 'ops', who: 'ops', lang: 'ja', path: '/',
	    note: 'central-IT console landing (shikaku.xsl on the ops host)' },
	{ name: 'unknown-host', slug: 'unknown', who: null, lang: 'ja', path: '/',
	    note: 'neutral bilingual 404 (neutral.xsl)' },
	{ name: 'account-board', slug: 'board', who: 'member', lang: 'ja', path: '/account',
	    note: 'account page (identity), board member' },
	{ name: 'account-totp-enrol', slug: 'palliative', who: 'member', enrol: false, lang: 'ja',
	    path: '/account/totp', note: 'TOTP enrolment: secret, QR, code form' },
	{ name: 'account-totp-enabled', slug: 'board', who: 'member', lang: 'ja', path: '/account/totp',
	    take: async (cl) => { await enrolTotp(cl); return cl.model('/account/totp'); },
	    note: 'TOTP on: recovery codes left, turn-off form' },
	{ name: 'account-totp-done-en', slug: 'oncology', who: 'member', enrol: false, lang: 'en',
	    path: '/account/totp', take: totpDone,
	    note: 'TOTP just turned on, English: the recovery codes (POST response)' },
	{ name: 'account-password-forced', slug: 'medassoc', who: 'temp', lang: 'ja', path: '/account/password',
	    take: forcedPassword,
	    note: 'forced password change after a temporary password, a policy error (POST response)' },
	{ name: 'login-palliative', slug: 'palliative', who: null, lang: 'ja', path: '/login',
	    note: 'sign-in form (auth.xsl), e-mail identifier' },
	{ name: 'login-board-error-en', slug: 'board', who: null, lang: 'en', path: '/login',
	    post: { ident: '512345', password: 'wrong-password-1' },
	    note: 'sign-in refused, English: error summary, no password echo' },
	{ name: 'password-temp-oncology', slug: 'oncology', who: null, lang: 'ja', path: '/password/temp',
	    note: 'forgotten password form (auth.xsl)' },
	{ name: 'terms-board', slug: 'board', who: 'member', lang: 'ja', path: '/terms',
	    note: 'terms page, already accepted (auth.xsl)' },
	{ name: 'cme-menu-medassoc', slug: 'medassoc', who: 'member', lang: 'ja', path: '/cme',
	    note: 'cme.xsl: 研修会（講習会）管理メインメニュー (seed 004)' },
	{ name: 'cme-self-medassoc', slug: 'medassoc', who: 'member', lang: 'ja', path: '/cme/self',
	    note: 'cme.xsl: 座学研修（生涯教育制度）単位等追加入力, the form with its codes' },
	{ name: 'cme-history-medassoc-en', slug: 'medassoc', who: 'member', lang: 'en', path: '/cme/history?view=cert',
	    note: 'cme.xsl: 認定（修了）申請履歴, search form, nothing yet, in English' },
	{ name: 'cme-admin-assocs-medassoc', slug: 'medassoc', who: 'admin', lang: 'ja', path: '/admin/cme/assocs?pref=47',
	    note: 'cme.xsl: the tenant admin\'s associations of one prefecture with their review counts' },
	{ name: 'cme-admin-assoc-medassoc-en', slug: 'medassoc', who: 'admin', lang: 'en', path: '/admin/cme/assocs/47001',
	    note: 'cme.xsl: one association\'s form, in English' },
	{ name: 'credit-code-medassoc', slug: 'medassoc', who: 'admin', lang: 'ja', path: '/admin/credit/codes/84',
	    note: 'codes.xsl: one curriculum code\'s form' },
	{ name: 'kept-medassoc', slug: 'medassoc', who: 'member', lang: 'ja', path: '/kept',
	    note: 'kept POSTs page, nothing kept (auth.xsl)' },
	{ name: 'admin-board', slug: 'board', who: 'admin', lang: 'ja', path: '/admin',
	    note: 'tenant admin landing (admin pages)' },
	{ name: 'apply-top', slug: 'board', who: 'member', lang: 'ja',
	    path: '/application/completion',
	    note: 'apply.xsl: 申請トップ of the completion offering, a member with no program (the reason)' },
	{ name: 'apply-form-en', slug: 'board', who: 'member', lang: 'en',
	    path: '/application/completion/rotations/new',
	    note: 'apply.xsl: a row form of the completion offering, English' },
	{ name: 'recruit-programs', slug: 'board', who: null, lang: 'ja',
	    path: '/programs?domain=13&pref=26',
	    note: 'recruit.xsl: program search, visitor, filtered results' },
	{ name: 'recruit-programs-en', slug: 'board', who: null, lang: 'en',
	    path: '/programs?domain=13&pref=26',
	    note: 'recruit.xsl: the same search in English' },
	{ name: 'recruit-dashboard', slug: 'board', who: 'member', lang: 'ja', path: '/dashboard',
	    note: 'dashboard.xsl with recruit.xsl\'s part: applicant dashboard, nothing applied yet' },
	{ name: 'dashboard-palliative', slug: 'palliative', who: 'member', lang: 'ja', path: '/dashboard',
	    note: 'dashboard.xsl: 現在の状況 where no feature is on yet: nothing under way, what to do' },
	{ name: 'recruit-apply', slug: 'board', who: 'member', lang: 'ja', path: '/apply',
	    note: 'recruit.xsl: the application entry' },
	{ name: 'recruit-program', slug: 'board', who: null, lang: 'ja', path: '/programs/600',
	    note: 'recruit.xsl: one program of the demo catalogue, visitor' },
	{ name: 'recruit-admin-rounds', slug: 'board', who: 'admin', lang: 'ja', path: '/admin/rounds',
	    note: 'recruit.xsl: recruitment rounds (admin)' },
	{ name: 'recruit-admin-program', slug: 'board', who: 'admin', lang: 'ja', path: '/admin/programs/600',
	    note: 'recruit.xsl and upload.xsl: a program\'s admin page with the booklet file field' },
	{ name: 'register-board', slug: 'board', who: null, lang: 'ja', path: '/register',
	    note: 'register.xsl: registration start' },
	{ name: 'register-email', slug: 'board', who: null, lang: 'ja', path: '/register/email',
	    take: registerEmail, note: 'register.xsl: the e-mail step, after agreeing to the terms' },
	{ name: 'migrate-board', slug: 'board', who: null, lang: 'ja', path: '/migrate',
	    note: 'register.xsl: migration from the old system' },
	{ name: 'member-board', slug: 'board', who: 'member', lang: 'ja', path: '/member',
	    note: 'register.xsl: member record page' },
	{ name: 'offering-admin-board', slug: 'board', who: 'admin', lang: 'ja', path: '/admin/offerings',
	    note: 'offering_admin.xsl: the windows of every offering (CORE-18)' },
	{ name: 'offering-admin-oncology', slug: 'oncology', who: 'admin', lang: 'ja', path: '/admin/offerings',
	    note: 'offering_admin.xsl: windows with each year\'s fees (認定料, 審査料, 受験料; issue 12)' },
	{ name: 'admin-queues-board', slug: 'board', who: 'admin', lang: 'ja', path: '/admin/queues',
	    note: 'offering_admin.xsl: every feature\'s applications, counts per state, filters (ADM-1, issue 14)' },
	{ name: 'admin-imports-oncology', slug: 'oncology', who: 'admin', lang: 'ja', path: '/admin/imports',
	    note: 'admin.xsl: the tenant\'s imports and their history (ADM-1, issue 14)' },
	{ name: 'review-export-board', slug: 'board', who: 'admin', lang: 'ja', path: '/admin/review/export',
	    note: 'offering_admin.xsl: the exports per window (CORE-20)' },
	{ name: 'import-offering-en', slug: 'board', who: 'admin', lang: 'en', path: '/admin/offerings/import',
	    note: 'import.xsl: the platform CSV import form (windows), English' },
	// Issue 10 (fifth pass): each product's heaviest signed-in pages, as
	// the demo's people in the middle of them see them (README's demo
	// accounts; who 'demo' signs in the demo account ident).
	{ name: 'second-top', slug: 'palliative', who: 'demo', ident: '700201', lang: 'ja',
	    path: '/application/second', take: windowsOpen,
	    note: 'second.xsl: 二次 申請トップ under way (two sections 登録済), the window open: 認定要件, the sections, the July boxes' },
	{ name: 'second-training', slug: 'palliative', who: 'demo', ident: '700201', lang: 'ja',
	    path: '/application/second/training', take: windowsOpen,
	    note: 'apply.xsl: 二次 2 臨床研修修了証明書, its rows, the window open' },
	{ name: 'second-training-new-demo', slug: 'palliative', who: 'demo', ident: '700201', lang: 'ja',
	    path: '/application/second/training/new', take: windowsOpen,
	    note: 'second.xsl: 二次 2 臨床研修修了証明書, a new row: the registry searches, the row\'s form' },
	{ name: 'second-resume-demo', slug: 'palliative', who: 'demo', ident: '700201', lang: 'ja',
	    path: '/application/second/resume', take: windowsOpen,
	    note: 'second.xsl: 二次 1 申請書・履歴書 as saved, the slots behind 行を追加する' },
	{ name: 'second-confirm', slug: 'palliative', who: 'demo', ident: '700201', lang: 'ja',
	    path: '/application/second/confirm', take: windowsOpen,
	    note: 'apply.xsl: 二次 申請内容の確認, two sections 登録済' },
	{ name: 'renewal-palliative-top', slug: 'palliative', who: 'demo', ident: '700205', lang: 'ja',
	    path: '/application/renewal',
	    note: 'second.xsl: palliative 更新 申請トップ under way (the dues line, no July boxes)' },
	{ name: 'renewal-palliative-resume', slug: 'palliative', who: 'demo', ident: '700205', lang: 'ja',
	    path: '/application/renewal/resume',
	    note: 'renewal.xsl: palliative 更新 1 申請書・履歴書 (priority over second.xsl\'s)' },
	{ name: 'renewal-palliative-works', slug: 'palliative', who: 'demo', ident: '700205', lang: 'ja',
	    path: '/application/renewal/works',
	    note: 'renewal.xsl: palliative 更新 2 業績書, no rows yet' },
	{ name: 'renewal-palliative-confirm', slug: 'palliative', who: 'demo', ident: '700205', lang: 'ja',
	    path: '/application/renewal/confirm',
	    note: 'renewal.xsl: palliative 更新 申請内容の確認' },
	{ name: 'dashboard-palliative-second', slug: 'palliative', who: 'demo', ident: '700201', lang: 'ja',
	    path: '/dashboard', take: windowsOpen,
	    note: 'dashboard.xsl: 現在の状況 with 一次 submitted and 二次 under way' },
	{ name: 'renewal-top-oncology', slug: 'oncology', who: 'demo', ident: '300512', lang: 'ja',
	    path: '/application/renewal',
	    note: 'renewal.xsl: oncology 申請トップ, documents partly 登録中, credits short' },
	{ name: 'renewal-documents-oncology', slug: 'oncology', who: 'demo', ident: '300512', lang: 'ja',
	    path: '/application/renewal/documents',
	    note: 'renewal.xsl: oncology 申請書類一覧, the seven documents' },
	{ name: 'renewal-resume-oncology', slug: 'oncology', who: 'demo', ident: '300512', lang: 'ja',
	    path: '/application/renewal/resume',
	    note: 'renewal.xsl: oncology 1 履歴書, its breadcrumbs and tab bar' },
	{ name: 'renewal-activity-oncology', slug: 'oncology', who: 'demo', ident: '300512', lang: 'ja',
	    path: '/application/renewal/activity',
	    note: 'renewal.xsl: oncology 研究活動歴, its rows' },
	{ name: 'kakari-top-medassoc', slug: 'medassoc', who: 'demo', ident: '1301234', lang: 'ja',
	    path: '/application/kakari',
	    note: 'apply.xsl and cme.xsl: 認定（修了）申請 申請トップ, nothing registered yet' },
	{ name: 'credit-ledger-500', slug: 'medassoc', who: 'member', lang: 'ja',
	    path: '/credits?fy=all', take: ledger500,
	    note: 'credit.xsl: /credits?fy=all of a physician with 500 credits over five fiscal years (tests/bench/cme-ledger)' },
];

// ------------------------------------------------------------ capture

const people = new Map();

/** A signed-in client for the case (one per slug, person and lang). */
async function clientFor(c) {
	if (c.slug === 'unknown')
		return new Client(UNKNOWN_HOST);
	const host = c.slug === 'ops' ? OPS_HOST : HOSTS[c.slug];
	if (c.who === null) {
		const cl = new Client(host);
		if (c.lang === 'en')
			cl.jar.set('lang', 'en');
		return cl;
	}
	const enrol = c.enrol !== false;
	const k = `${c.slug}:${c.who}:${c.ident || ''}:${c.lang}:${enrol}:${c.take ? c.name : ''}`;
	if (people.has(k))
		return people.get(k);
	let cl;
	if (c.who === 'temp') {
		// A member with a temporary password (shikakuctl user passwd
		// without a file), signed in with it: the change is due.
		const u = createUser(c.slug, { name: PEOPLE.member.name, tag: 'gld' });
		const out = ctl('user', 'passwd', c.slug, u.ident);
		u.password = /temporary password: (\S+)/.exec(out)?.[1];
		if (!u.password)
			throw new Error(`shikakuctl user passwd printed ${JSON.stringify(out)}`);
		cl = await signIn(host, u.ident, u.password, { raw: true });
		cl.user = u;
	} else if (c.who === 'ops') {
		cl = await opsClient('gld');
	} else if (c.who === 'demo') {
		cl = await signIn(host, c.ident, DEMO_PASSWORD);
	} else {
		const p = PEOPLE[c.who];
		const u = createUser(c.slug, { roles: p.roles, name: p.name, tag: 'gld' });
		cl = await signIn(host, u.ident, u.password, { enrol });
		cl.user = u;
	}
	if (c.lang === 'en') {
		const r = await cl.postRaw('/lang', { csrf: await cl.csrf('/'), to: 'en' });
		if (r.status !== 303)
			throw new Error(`${c.name}: POST /lang: ${r.status}`);
	}
	people.set(k, cl);
	return cl;
}

/** account-password-forced: the gate's detour, then a refused change. */
async function forcedPassword(cl) {
	const a = await cl.get('/account');
	if (a.status !== 303 || !a.location.startsWith('/account/password'))
		throw new Error(`GET /account with a temporary password: ${a.status} ${a.location}`);
	const f = await cl.model(a.location);
	const next = /<field name="next"[^>]*>\s*<value>([^<]*)<\/value>/.exec(f.body)?.[1];
	return cl.postRaw('/account/password', {
		csrf: csrfOf(f.body), current: cl.user.password,
		password: 'aaaaaaaaaaaa', password2: 'aaaaaaaaaaaa', ...(next ? { next } : {}),
	}, { xml: true });
}

/** account-totp-done: the response to the enrolment's confirming POST. */
async function totpDone(cl) {
	const page = await cl.model('/account/totp');
	const secret = (/<secret>([^<]+)<\/secret>/.exec(page.body) || [])[1]?.replace(/\s+/g, '');
	if (!secret)
		throw new Error(`no pending secret:\n${page.body.slice(0, 400)}`);
	const code = await nextCode({ secret, lastStep: -1 });
	return cl.postRaw('/account/totp', { csrf: csrfOf(page.body), code }, { xml: true });
}

/** register-email: agree to the terms, then the e-mail step. */
async function registerEmail(cl) {
	const f = await cl.model('/register');
	const v = /<field name="version"[^>]*>\s*<value>(\d+)<\/value>/.exec(f.body)?.[1];
	const r = await cl.postRaw('/register', { csrf: csrfOf(f.body), version: v });
	if (r.status !== 303)
		throw new Error(`POST /register: ${r.status}`);
	return cl.model('/register/email');
}

/*
 * The 二次 pages while this year's 一次 and 二次 windows are open (as
 * tests/bench/second-prepare.mjs leaves them), then the windows as they
 * were, so that a second capture sees the same stack.
 */
async function windowsOpen(cl, c) {
	const restore = openWindows();
	try {
		return await cl.model(c.path);
	} finally {
		restore();
	}
}

/*
 * credit-ledger-500: tests/bench/cme-ledger's physician, 100 credits a
 * fiscal year over five, codes 0..84 and three sources.
 */
async function ledger500(cl, c) {
	const u = q(cl.user.uid);
	sql(`INSERT INTO cme_member (tenant, uid, assoc) VALUES ('medassoc', ${u}, '13001')`);
	sql(`INSERT INTO credit (tenant, uid, source, code, units, earned_on, title)
	    SELECT 'medassoc', ${u}, ELT(1 + n MOD 3, 'event', 'elearning', 'self'),
	        CAST(n MOD 85 AS CHAR), 0.5 + (n MOD 2) * 0.5,
	        CURDATE() - INTERVAL (n * 3) DAY, CONCAT('ベンチ講座 ', n)
	    FROM (SELECT a.i * 100 + b.i * 10 + c.i AS n FROM
	        (SELECT 0 i UNION SELECT 1 UNION SELECT 2 UNION SELECT 3 UNION SELECT 4) a,
	        (SELECT 0 i UNION SELECT 1 UNION SELECT 2 UNION SELECT 3 UNION SELECT 4 UNION SELECT 5 UNION SELECT 6 UNION SELECT 7 UNION SELECT 8 UNION SELECT 9) b,
	        (SELECT 0 i UNION SELECT 1 UNION SELECT 2 UNION SELECT 3 UNION SELECT 4 UNION SELECT 5 UNION SELECT 6 UNION SELECT 7 UNION SELECT 8 UNION SELECT 9) c) t`);
	return cl.model(c.path);
}

async function fetchCase(c, cl) {
	if (c.take)
		return c.take(cl, c);
	if (c.post) {
		const f = await cl.model(c.path);
		const csrf = csrfOf(f.body);
		return cl.postRaw(c.path, { ...(csrf ? { csrf } : {}), ...c.post }, { xml: true });
	}
	return cl.model(c.path);
}

// ------------------------------------------------------------ normalising

const today = new Date(Date.now() + 9 * 3600 * 1000).toISOString().slice(0, 10);
const dayMs = 86400 * 1000;
const shiftDays = (Date.parse(BASE_DAY) - Date.parse(today)) / dayMs;

function shiftDate(d) {
	const t = Date.parse(d);
	if (Number.isNaN(t))
		return d;
	return new Date(t + shiftDays * dayMs).toISOString().slice(0, 10);
}

/** The model with what varies per run replaced by fixed values. */
function normalise(xml, c, cl) {
	let s = xml;
	// Tokens: the CSRF token, the TOTP secret and its otpauth URI, the
	// recovery codes.
	s = s.replace(/\bcsrf="[^"]*"/g, 'csrf="GOLDENcsrfTOKENgoldenCSRFtokenGOLDENcsrf00"');
	s = s.replace(/(<secret>)[^<]*(<\/secret>)/g, '$1ABCD EFGH IJKL MNOP QRST UVWX YZ23 4567$2');
	s = s.replace(/otpauth:\/\/[^"<]*/g, 'otpauth://totp/golden?secret=ABCDEFGHIJKLMNOPQRSTUVWXYZ234567');
	let n = 0;
	s = s.replace(/(<code>)[^<]*(<\/code>)/g, (_, a, b) => `${a}code-${String(n++).padStart(4, '0')}${b}`);
	// The fresh person: number, mail, uid.
	const u = cl?.user;
	if (u) {
		for (const [v, to] of [[u.mail, 'member@example.jp'], [u.number, u.slug === 'board' ? '800000001' : 'M-000001'], [u.uid, 'u000001']])
			if (v)
				s = s.split(v).join(to);
	}
	s = s.replace(/運用 \d{4}/g, '運用 0001');
	// A demo account's uid (the directory's, made at demo load).
	if (c.who === 'demo')
		s = s.replace(/\buid="[a-z0-9]+"/g, 'uid="u000001"');
	// Dates and times: dates move by the same number of days (today →
	// BASE_DAY); times of day are set to 10:00 (they are when the
	// capture ran).
	s = s.replace(/\b(\d{4}-\d{2}-\d{2})([T ]\d{2}:\d{2}(?::\d{2})?)?/g, (_, d, t) =>
	    shiftDate(d) + (t ? `${t[0]}10:00${t.length > 6 ? ':00' : ''}` : ''));
	s = s.replace(/(\d{4})年(\d{1,2})月(\d{1,2})日( \d{1,2}:\d{2})?/g, (_, y, m, d, t) => {
		const [yy, mm, dd] = shiftDate(`${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`).split('-');
		return `${yy}年${Number(mm)}月${Number(dd)}日${t ? ' 10:00' : ''}`;
	});
	// Counters and figures that move while the stack runs (ops console):
	s = s.replace(/\b(uptime|pid|requests|restarts|reloads|busy|idle|served|rss|load|count|age)="\d+(\.\d+)?"/g, '$1="0"');
	// the workers in a fixed order, the outbox's totals dropped.
	s = s.replace(/(<workers\b[^>]*>)((?:<worker\b[^>]*\/>)+)/, (_, a, w) =>
	    a + w.match(/<worker\b[^>]*\/>/g).sort().join(''));
	s = s.replace(/<outbox\b[^>]*\/>/g, '<outbox/>');
	// The stack's and the source tree's paths (the ops console's
	// configuration check and sqldir, OPS-1): where the capture ran.
	for (const [dir, to] of [[RUN, '/var/run/shikaku'], [SRCDIR, '/usr/share/shikaku']])
		if (dir)
			s = s.split(path.resolve(dir)).join(to);
	return s;
}

/** Pretty-printed, one element per line, for readable diffs. */
function pretty(xml) {
	return execFileSync('xmllint', ['--format', '--encode', 'UTF-8', '-'], { input: xml }).toString();
}

async function main() {
	resetThrottle();
	const only = process.argv.slice(2);
	for (const c of CASES) {
		if (only.length && !only.includes(c.name))
			continue;
		const cl = await clientFor(c);
		const r = await fetchCase(c, cl);
		if (!/^<\?xml/.test(r.body || ''))
			throw new Error(`${c.name}: ${c.path}: ${r.status} ${r.location || ''}, not a model`);
		const head = `<!-- captured by tests/golden/capture: ${c.note} -->\n`;
		const body = pretty(normalise(r.body, c, cl)).replace(/^<\?xml[^>]*>\n/, '');
		fs.writeFileSync(path.join(OUT, `${c.name}.xml`),
		    `<?xml version="1.0" encoding="UTF-8"?>\n${head}${body}`);
		console.log(`captured: ${c.name} (${r.status} ${c.slug} ${c.path})`);
	}
}

export { CASES };

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname))
	await main();
