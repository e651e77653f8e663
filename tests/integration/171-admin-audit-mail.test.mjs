// The tenant admin's audit search and export, mail templates and outbox
// search (ADM-1, CORE-14, CORE-15; issue 14), on two tenants:
// /admin/audit filters by actor, object, action (exact or a prefix
// ending in '.') and date range, and /admin/audit.csv exports exactly
// the filtered rows for Excel (BOM, CRLF); /admin/mail lists the
// templates the tenant sends with their variables and a preview
// rendered by the mail layer; /admin/outbox searches by address and
// state and shows a failed mail's SMTP error.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import {
	signIn, createUser, rows, sql, q, resetThrottle, gist, HOSTS,
} from './auth.mjs';

const SLUGS = ['board', 'oncology'];
const OTHER = { board: 'oncology', oncology: 'board' };
const T = {};
// Actions unique to this run, so a rerun on kept data counts its own.
const A = `adm171r${Date.now()}`;

before(async () => {
	resetThrottle();
	for (const slug of SLUGS) {
		const a = createUser(slug, { roles: ['tenant_admin'], tag: 'adma' });
		const admin = await signIn(HOSTS[slug], a.ident, a.password, { enrol: true });
		admin.user = a;
		T[slug] = { admin };
	}
	// Audit lines of known shape: two tenants, two days, two objects.
	for (const slug of SLUGS) {
		const actor = T[slug].admin.user.uid;
		sql(`INSERT INTO audit (at, tenant, actor, action, object, ip, detail) VALUES
		    ('2019-03-01 10:00:00', ${q(slug)}, ${q(actor)}, '${A}.one', 'obj-a', '', 'say "hi", ok'),
		    ('2019-03-02 10:00:00', ${q(slug)}, ${q(actor)}, '${A}.two', 'obj-b', '', NULL),
		    ('2019-03-03 10:00:00', ${q(slug)}, 'someone', '${A}.one', 'obj-a', '', NULL)`);
	}
});

const entries = (body) => [...body.matchAll(/<entry at="([^"]+)" tenant="([^"]+)" actor="([^"]*)" action="([^"]+)" object="([^"]*)"/g)]
	.map((m) => ({ at: m[1], tenant: m[2], actor: m[3], action: m[4], object: m[5] }));

for (const slug of SLUGS) {
	test(`ADM-1 CORE-15: ${slug}: the audit search filters by actor, object, action (exact or prefix) and date range, the tenant's lines only`, async () => {
		const { admin } = T[slug];
		const me = admin.user.uid;
		const cases = [
			[`actor=${me}&action=${A}.`, 2],
			[`actor=${me}&action=${A}.one`, 1],
			[`object=obj-a&action=${A}.`, 2],
			[`action=${A}.&from=2019-03-02&to=2019-03-02`, 1],
			[`action=${A}.&from=2019-03-02`, 2],
			[`action=${A}.&to=2019-03-01`, 1],
			[`action=${A}.&from=2019-03-04`, 0],
		];
		for (const [qs, n] of cases) {
			const r = await admin.model(`/admin/audit?${qs}`);
			assert.equal(r.status, 200, gist(r));
			const e = entries(r.body);
			assert.equal(e.length, n, `${qs}: ${JSON.stringify(e)}`);
			assert.ok(e.every((x) => x.tenant === slug && x.action.startsWith(`${A}.`)));
		}
		// A bad date is ignored rather than misread.
		const r = await admin.model(`/admin/audit?action=${A}.&from=2019-13-45`);
		assert.equal(entries(r.body).length, 3);
	});

	test(`ADM-1 CORE-15: ${slug}: /admin/audit.csv exports exactly the filtered rows (BOM, CRLF, RFC 4180 quoting); a member gets 403`, async () => {
		const { admin } = T[slug];
		const me = admin.user.uid;
		const r = await admin.get(`/admin/audit.csv?actor=${me}&action=${A}.`);
		assert.equal(r.status, 200, gist(r));
		assert.match(r.headers['content-type'], /^text\/csv; charset=utf-8/);
		assert.match(r.headers['content-disposition'], /attachment/);
		assert.ok(r.body.startsWith('\ufeff'), 'BOM');
		const lines = r.body.slice(1).split('\r\n');
		assert.equal(lines.at(-1), '', 'ends in CRLF');
		assert.equal(lines.length, 1 + 2 + 1, `header + 2 rows: ${JSON.stringify(lines)}`);
		assert.ok(!/[^\r]\n/.test(r.body), 'every line ends in CRLF');
		assert.match(lines[1], new RegExp(`^2019-03-02 10:00:00,${slug},${me},${A}.two,obj-b,,$`));
		assert.equal(lines[2], `2019-03-01 10:00:00,${slug},${me},${A}.one,obj-a,,"say ""hi"", ok"`);
		// The other tenant's rows never appear.
		const other = T[OTHER[slug]].admin.user.uid;
		const r2 = await admin.get(`/admin/audit.csv?actor=${other}`);
		assert.equal(r2.body.slice(1).split('\r\n').length, 2, 'header only');
		const m = createUser(slug, { tag: 'admn' });
		const mc = await signIn(HOSTS[slug], m.ident, m.password);
		assert.equal((await mc.get('/admin/audit.csv')).status, 403);
		assert.equal((await mc.get('/admin/mail')).status, 403);
	});

	test(`ADM-1 CORE-14: ${slug}: /admin/mail lists the templates with their variables and a preview rendered with sample values`, async () => {
		const { admin } = T[slug];
		const r = await admin.model('/admin/mail');
		assert.equal(r.status, 200, gist(r));
		const names = [...r.body.matchAll(/<template name="([^"]+)"/g)].map((x) => x[1]);
		for (const t of ['password_reset', 'totp_disabled', 'apply_submitted'])
			assert.ok(names.includes(t), `${t} listed`);
		const one = /<template name="totp_disabled">(.*?)<\/template>/s.exec(r.body)[1];
		assert.match(one, /<var name="tenant_name"\/>/);
		// The preview went through the renderer: the tenant's name is in,
		// no {{placeholder}} is left.
		const name = rows(`SELECT name_ja FROM tenant WHERE slug = ${q(slug)}`)[0]?.[0];
		const subj = /<subject>([^<]*)<\/subject>/.exec(one)[1];
		assert.match(subj, /2段階認証/);
		if (name)
			assert.ok(subj.includes(name), `${subj} names ${name}`);
		assert.doesNotMatch(one, /<body>[^<]*\{\{/);
		assert.doesNotMatch(r.body, /<error>/, 'every template renders');
		// The HTML page draws it.
		const h = await admin.get('/admin/mail');
		assert.match(h.body, /class="mail-preview"/);
	});

	test(`ADM-1 CORE-14: ${slug}: the outbox searches by address and state and shows a failed mail's SMTP error`, async () => {
		const { admin } = T[slug];
		const tag = `adm171x${Date.now()}`;
		sql(`INSERT INTO outbox (tenant, template, rcpt, subject, body, state, attempts, next_try, last_error)
		    VALUES (${q(slug)}, 'welcome', '${tag}@fail.example', '件名', '本文', 'failed', 8, NOW(), '550 5.1.1 mailbox unavailable'),
		           (${q(slug)}, 'welcome', '${tag}@ok.example', '件名', '本文', 'sent', 1, NOW(), NULL)`);
		let r = await admin.model(`/admin/outbox?rcpt=${tag}`);
		assert.equal(r.status, 200, gist(r));
		assert.equal([...r.body.matchAll(/<mail /g)].length, 2);
		r = await admin.model(`/admin/outbox?rcpt=${tag}&state=failed`);
		const m = [...r.body.matchAll(/<mail [^>]*rcpt="([^"]+)"/g)].map((x) => x[1]);
		assert.deepEqual(m, [`${tag}@fail.example`]);
		assert.match(r.body, /<error>550 5.1.1 mailbox unavailable<\/error>/);
		const h = await admin.get(`/admin/outbox?rcpt=${tag}&state=failed`);
		assert.match(h.body, /class="error smtp-error">550 5.1.1/);
		// The other tenant's outbox does not answer this search.
		r = await T[OTHER[slug]].admin.model(`/admin/outbox?rcpt=${tag}`);
		assert.equal([...r.body.matchAll(/<mail /g)].length, 0);
	});
}
