// Each tenant's home page in headless Chromium (Debian's), wide and on a
// phone: the title, the logo, no CSP violation or console error, no
// horizontal scroll at 375 px; screenshots in $top_builddir/screenshots/.
// CORE-2 (each tenant visibly its own), CORE-21 (works on a phone).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { TENANTS, PORT, ADDR } from '../integration/http.mjs';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SHOTS = path.join(process.env.top_builddir || process.cwd(), 'screenshots');
const WIDTHS = [1280, 375];

let browser;

before(async () => {
	let chromium;
	try {
		({ chromium } = await import('playwright-core'));
	} catch (e) {
		throw new Error(`playwright-core is not installed (npm ci --prefix tests): ${e.message}`);
	}
	fs.mkdirSync(SHOTS, { recursive: true });
	browser = await chromium.launch({
		executablePath: CHROMIUM,
		timeout: 60000,
		args: ['--headless', '--no-sandbox', '--disable-gpu',
		    '--disable-background-networking', '--disable-dev-shm-usage',
		    `--host-resolver-rules=MAP *.localhost ${ADDR}`],
	});
});

after(async () => {
	await browser?.close();
});

for (const t of TENANTS) {
	for (const width of WIDTHS) {
		test(`CORE-2 CORE-21: ${t.slug} home page at ${width} px: own title and logo, no CSP or console error${width < 400 ? ', no horizontal scroll' : ''}`, async () => {
			const context = await browser.newContext({
				viewport: { width, height: width < 400 ? 740 : 900 },
				deviceScaleFactor: 1,
				isMobile: width < 400,
				hasTouch: width < 400,
				locale: 'ja-JP',
			});
			const page = await context.newPage();
			const problems = [];
			page.on('console', (m) => {
				if (m.type() === 'error' || m.type() === 'warning')
					problems.push(`console ${m.type()}: ${m.text()}`);
			});
			page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
			page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
			page.on('response', (r) => {
				if (r.status() >= 400)
					problems.push(`HTTP ${r.status()}: ${r.url()}`);
			});
			try {
				// Violations are also reported as DOM events; collect them in the page.
				await page.addInitScript(() => {
					window.__csp = [];
					document.addEventListener('securitypolicyviolation',
					    (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
				});
				const url = `http://${t.host}:${PORT}/`;
				const res = await page.goto(url, { waitUntil: 'load', timeout: 30000 });
				assert.equal(res.status(), 200, url);
				assert.match(res.headers()['content-security-policy'] || '', /default-src/);

				const title = await page.title();
				assert.ok(title.includes(t.ja), `title "${title}" lacks ${t.ja}`);
				assert.equal(await page.getAttribute('html', 'lang'), 'ja');

				// The logo: loaded, drawn, and this tenant's.
				const logo = page.locator('img[src="/static/logo.svg"]').first();
				await logo.waitFor({ state: 'attached', timeout: 5000 });
				const img = await logo.evaluate((el) => ({
					complete: el.complete, w: el.naturalWidth, h: el.naturalHeight,
					shown: el.getBoundingClientRect().width, alt: el.alt,
				}));
				assert.ok(img.complete && img.w > 0 && img.h > 0, `logo not loaded: ${JSON.stringify(img)}`);
				assert.ok(img.shown > 0, 'logo not visible');
				assert.ok(img.alt.includes(t.ja), `logo alt "${img.alt}"`);

				// The theme applied: its stylesheet loaded and not every tenant looks the same.
				const sheets = await page.evaluate(() => [...document.styleSheets].map((s) => s.href));
				assert.ok(sheets.some((h) => h?.endsWith('/static/theme.css')), `sheets: ${sheets}`);
				assert.ok(sheets.some((h) => h?.endsWith('/assets/shikaku.css')), `sheets: ${sheets}`);

				// The fixed menu and the main landmark are there (CORE-21).
				assert.ok(await page.locator('main').count() >= 1, 'no <main>');
				assert.ok(await page.locator('nav, [role="navigation"]').count() >= 1, 'no navigation menu');

				if (width < 400) {
					const sw = await page.evaluate(() => document.documentElement.scrollWidth);
					assert.ok(sw <= width, `horizontal scroll at ${width} px: scrollWidth ${sw}`);
					const wide = await page.evaluate((w) => [...document.querySelectorAll('body *')]
					    .filter((el) => el.getBoundingClientRect().right > w + 1)
					    .slice(0, 5).map((el) => `${el.tagName.toLowerCase()}.${el.className}`), width);
					assert.deepEqual(wide, [], `elements wider than ${width} px`);
				}

				await page.screenshot({ path: path.join(SHOTS, `${t.slug}-${width}.png`), fullPage: true });
				const csp = await page.evaluate(() => window.__csp);
				assert.deepEqual(csp, [], 'CSP violations');
				assert.deepEqual(problems, [], 'console errors or failed requests');
			} finally {
				await context.close();
			}
		});
	}
}

test('CORE-2: the four tenants look different (theme colours differ)', async () => {
	const seen = new Map();
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	try {
		const page = await context.newPage();
		for (const t of TENANTS) {
			await page.goto(`http://${t.host}:${PORT}/`, { waitUntil: 'load' });
			const look = await page.evaluate(() => {
				const h = document.querySelector('header') || document.body;
				const cs = getComputedStyle(h);
				return `${cs.backgroundColor} ${cs.color} ${cs.borderBottomColor}`;
			});
			seen.set(t.slug, look);
		}
	} finally {
		await context.close();
	}
	assert.equal(new Set(seen.values()).size, TENANTS.length, `headers alike: ${JSON.stringify([...seen])}`);
});
