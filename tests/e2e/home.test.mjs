// Each tenant's home page in headless Chromium (Debian's), wide and on a
// phone: the title, the logo, no CSP violation or console error, no
// horizontal scroll at 375 px; screenshots in $top_builddir/screenshots/.
// CORE-2 (each tenant visibly its own), CORE-21 (works on a phone).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { TENANTS, PORT } from '../integration/http.mjs';
import { launch, watch, watchCsp, shot, noSideScroll } from './browser.mjs';

const WIDTHS = [1280, 375];

let browser;

before(async () => {
	browser = await launch();
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
			const problems = watch(page, { keepAborted: true });
			try {
				// Violations are also reported as DOM events; collect them.
				const csp = await watchCsp(page);
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
					assert.equal(await page.evaluate(() => window.innerWidth), width);
					await noSideScroll(page, `${t.slug} at ${width} px`, { elements: true });
				}

				await shot(page, `${t.slug}-${width}`);
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
