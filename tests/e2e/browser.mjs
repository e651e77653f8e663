// What the browser tests (tests/e2e/*.test.mjs) share: Debian's Chromium
// driven by playwright-core (never a downloaded browser), the screenshots
// folder, watching a page for console errors, failed requests and CSP
// violations, the no-horizontal-scroll check, numbered screenshot steps,
// a licence-like PNG made here and the links of the mails in the sink.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

import { ADDR } from '../integration/http.mjs';
import { waitMail } from '../integration/auth.mjs';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const SHOTS = path.join(process.env.top_builddir || process.cwd(), 'screenshots');

/** The context options of a phone (375 × 740, touch, Japanese). */
export const PHONE = {
	viewport: { width: 375, height: 740 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true, locale: 'ja-JP',
};

/** Debian's Chromium, headless, *.localhost resolving to the stack; makes SHOTS. */
export async function launch() {
	let chromium;
	try {
		({ chromium } = await import('playwright-core'));
	} catch (e) {
		throw new Error(`playwright-core is not installed (npm ci --prefix tests): ${e.message}`);
	}
	fs.mkdirSync(SHOTS, { recursive: true });
	return chromium.launch({
		executablePath: CHROMIUM,
		timeout: 60000,
		args: ['--headless', '--no-sandbox', '--disable-gpu',
		    '--disable-background-networking', '--disable-dev-shm-usage',
		    `--host-resolver-rules=MAP *.localhost ${ADDR}`],
	});
}

/**
 * The page's console errors and warnings, page errors, failed requests
 * and HTTP errors, collected into the array returned.  A request failing
 * with net::ERR_ABORTED (a load cut short by the test's own next
 * navigation) is left out unless keepAborted.
 */
export function watch(page, { keepAborted = false } = {}) {
	const problems = [];
	page.on('console', (m) => {
		if (m.type() === 'error' || m.type() === 'warning')
			problems.push(`console ${m.type()}: ${m.text()}`);
	});
	page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
	page.on('requestfailed', (r) => {
		if (keepAborted || r.failure()?.errorText !== 'net::ERR_ABORTED')
			problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
	});
	page.on('response', (r) => {
		if (r.status() >= 400)
			problems.push(`HTTP ${r.status()}: ${r.url()}`);
	});
	return problems;
}

/**
 * The CSP violations of every page the page loads from now on, reported
 * to the test as they happen (a page's own list would die with the page),
 * collected into the array returned.
 */
export async function watchCsp(page) {
	const csp = [];
	await page.exposeFunction('__cspViolation', (v) => csp.push(v));
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation',
		    (e) => window.__cspViolation(`${location.pathname}: ${e.violatedDirective} ${e.blockedURI}`));
	});
	return csp;
}

/** A full-page screenshot, $top_builddir/screenshots/NAME.png. */
export const shot = (page, name) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

/**
 * No horizontal scroll: the document no wider than the page's width;
 * with elements, also no element reaching past it (the first five named).
 */
export async function noSideScroll(page, what, { elements = false } = {}) {
	const w = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
	assert.ok(w[0] <= w[1], `${what}: ${w[0]} px of content in a ${w[1]} px wide page (horizontal scroll)`);
	if (elements) {
		const wide = await page.evaluate((cw) => [...document.querySelectorAll('body *')]
		    .filter((el) => el.getBoundingClientRect().right > cw + 1)
		    .slice(0, 5).map((el) => `${el.tagName.toLowerCase()}.${el.className}`), w[1]);
		assert.deepEqual(wide, [], `${what}: elements wider than ${w[1]} px`);
	}
}

/**
 * The steps of a walk: step(name, where) checks where the page is
 * (a pathname, or a RegExp of pathname+search; nothing: anywhere), that
 * it does not scroll sideways, and takes screenshot PREFIX-NN-NAME.png.
 */
export function stepper(page, prefix) {
	let n = 0;
	return async (name, where) => {
		const u = new URL(page.url());
		if (typeof where === 'string')
			assert.equal(u.pathname, where, `at ${name}`);
		else if (where)
			assert.match(u.pathname + u.search, where, `at ${name}`);
		await noSideScroll(page, name);
		n++;
		await shot(page, `${prefix}-${String(n).padStart(2, '0')}-${name}`);
	};
}

/** The match of re in the last mail to email (from the sink) that has one. */
export async function mailLink(email, re) {
	const [m] = (await waitMail(email, (x) => re.test(x.body))).slice(-1);
	return re.exec(m.body)[0];
}

/** A small licence-like PNG (a pale card with a dark band), made here. */
export function licencePng(w = 240, h = 150) {
	const crcTable = Array.from({ length: 256 }, (_, n) => {
		let c = n;
		for (let k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		return c >>> 0;
	});
	const crc = (buf) => {
		let c = 0xffffffff;
		for (const b of buf)
			c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
		return (c ^ 0xffffffff) >>> 0;
	};
	const chunk = (type, data) => {
		const len = Buffer.alloc(4);
		len.writeUInt32BE(data.length);
		const td = Buffer.concat([Buffer.from(type), data]);
		const c = Buffer.alloc(4);
		c.writeUInt32BE(crc(td));
		return Buffer.concat([len, td, c]);
	};
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(w, 0);
	ihdr.writeUInt32BE(h, 4);
	ihdr[8] = 8;	// bit depth
	ihdr[9] = 2;	// truecolour
	const raw = Buffer.alloc((w * 3 + 1) * h);
	for (let y = 0; y < h; y++) {
		for (let x = 0; x < w; x++) {
			const o = y * (w * 3 + 1) + 1 + x * 3;
			const band = y < 28;
			const line = y > 50 && y % 18 < 3 && x > 20 && x < w - 60;
			raw[o] = band ? 31 : line ? 120 : 246;
			raw[o + 1] = band ? 58 : line ? 120 : 240;
			raw[o + 2] = band ? 104 : line ? 130 : 225;
		}
	}
	return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
	    chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
