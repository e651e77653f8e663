// Uploads (CORE-13) against the real stack: who may fetch GET /upload/<id>
// (owner by session or by draft cookie, the tenant's admin, anyone when
// public; never across tenants; everyone else the same 404 as for an id
// that does not exist), the headers it is served with, and deleting
// (owner only, drafts only, back to a local `next`).  Issue 4 item 1.
//
// Rows are put in with SQL: upload_store() itself is driven through the
// pages that use it (registration's licence, recruitment's booklet) and
// is unit-tested in tests/unit/t_upload.c.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';

import { request, securityHeaderProblems } from './http.mjs';
import { Client, signIn, createUser, sql, rows, q, resetThrottle, auditRows, errorKeys } from './auth.mjs';

// Real files: a 1×1 PNG (Ghostscript, ancillary chunks removed) and a
// one-page PDF with a correct xref.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVQImWOQt84EAAFAAMSRADcfAAAAAElFTkSuQmCC', 'base64');
const PDF = Buffer.from([
	'%PDF-1.4', '1 0 obj', '<< /Type /Catalog /Pages 2 0 R >>', 'endobj',
	'2 0 obj', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', 'endobj',
	'3 0 obj', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 72 72] /Contents 4 0 R >>', 'endobj',
	'4 0 obj', '<< /Length 33 >>', 'stream', '0.12 0.23 0.41 rg 8 8 56 56 re f', 'endstream', 'endobj',
	'xref', '0 5', '0000000000 65535 f ', '0000000009 00000 n ', '0000000058 00000 n ',
	'0000000115 00000 n ', '0000000200 00000 n ', 'trailer', '<< /Size 5 /Root 1 0 R >>',
	'startxref', '282', '%%EOF', ''].join('\n'));

const BOARD = 'board.localhost';
const OTHER = 'palliative.localhost';
const sha256 = (b) => crypto.createHash('sha256').update(b).digest('hex');

/** Insert an upload row; its id. */
function put({ tenant = 'board', uid = null, draft = null, purpose = 'licence', ctype = 'image/png',
    filename = '免許証.png', data = PNG, state = 'draft', pub = 0 }) {
	const out = sql(`INSERT INTO upload (tenant, owner_uid, owner_draft, purpose, field, ctype, filename, data, state, public)
	    VALUES (${q(tenant)}, ${uid === null ? 'NULL' : q(uid)}, ${draft === null ? 'NULL' : `SHA2(${q(draft)}, 256)`},
	    ${q(purpose)}, ${q(purpose)}, ${q(ctype)}, ${q(filename)}, FROM_BASE64(${q(data.toString('base64'))}), ${q(state)}, ${pub});
	    SELECT LAST_INSERT_ID();`);
	return Number(out.trim());
}

const exists = (id) => rows(`SELECT COUNT(*) FROM upload WHERE id = ${Number(id)}`)[0][0] === '1';

let owner, other, admin, foreign, ids;
const draftToken = crypto.randomBytes(32).toString('base64url');

before(async () => {
	resetThrottle();
	const o = createUser('board', { tag: 'upown' });
	const x = createUser('board', { tag: 'upoth' });
	const a = createUser('board', { tag: 'upadm', roles: ['tenant_admin'] });
	const f = createUser('palliative', { tag: 'upfor' });
	owner = await signIn(o.host, o.ident, o.password);
	owner.uid = o.uid;
	other = await signIn(x.host, x.ident, x.password);
	// totp_required = staff on the board: the admin enrols on first sign-in.
	admin = await signIn(a.host, a.ident, a.password, { enrol: true });
	foreign = await signIn(f.host, f.ident, f.password);
	foreign.uid = f.uid;
	ids = {
		mine: put({ uid: o.uid, filename: '免許証 "表".png' }),
		mineSubmitted: put({ uid: o.uid, state: 'submitted' }),
		draft: put({ draft: draftToken }),
		booklet: put({ uid: a.uid, purpose: 'booklet', ctype: 'application/pdf', filename: '研修プログラム冊子.pdf', data: PDF, pub: 1 }),
		foreign: put({ tenant: 'palliative', uid: f.uid, filename: 'receipt.png' }),
	};
});

test('CORE-13: the owner gets the bytes with the stored type, inline, nosniff, not cached', async () => {
	const r = await owner.get(`/upload/${ids.mine}`);
	assert.equal(r.status, 200);
	assert.equal(r.headers['content-type'], 'image/png');
	assert.deepEqual(r.raw, PNG);
	assert.equal(sha256(r.raw), rows(`SELECT sha256 FROM upload WHERE id = ${ids.mine}`)[0][0],
	    'sha256 is computed by the database from the stored bytes');
	const cd = r.headers['content-disposition'];
	assert.match(cd, /^inline; /);
	// RFC 6266/5987: an ASCII fallback without quotes, then the UTF-8 name.
	assert.match(cd, /filename="___ _\.png"/);
	assert.ok(cd.includes(`filename*=UTF-8''${encodeURIComponent('免許証 "表".png').replace(/'/g, '%27')}`), cd);
	assert.equal(r.headers['x-content-type-options'], 'nosniff');
	assert.match(r.headers['cache-control'], /private/);
	assert.match(r.headers['cache-control'], /no-store/);
	assert.deepEqual(securityHeaderProblems(r.headers), []);
	// HEAD: the same headers, no body.
	const h = await owner.req('HEAD', `/upload/${ids.mine}`);
	assert.equal(h.status, 200);
	assert.equal(h.headers['content-length'], String(PNG.length));
	assert.equal(h.raw.length, 0);
});

test('CORE-13: another member, a visitor, an unknown id: the same 404', async () => {
	const missing = Number(rows('SELECT COALESCE(MAX(id), 0) + 1000 FROM upload')[0][0]);
	const anon = new Client(BOARD);
	for (const [who, c, id] of [['other member', other, ids.mine], ['anonymous', anon, ids.mine],
	    ['other member, submitted', other, ids.mineSubmitted], ['anonymous, draft', anon, ids.draft],
	    ['owner, unknown id', owner, missing]]) {
		const r = await c.get(`/upload/${id}`);
		assert.equal(r.status, 404, who);
		assert.match(r.headers['content-type'], /^text\/html/, who);
		assert.ok(!r.raw.includes(PNG.subarray(0, 16)), who);
		assert.equal(r.headers['content-disposition'], undefined, who);
	}
	for (const p of ['/upload/', '/upload/abc', '/upload/0', `/upload/0${ids.mine}`, `/upload/${ids.mine}/x`,
	    `/upload/${ids.mine}.png`, '/upload/99999999999999999999'])
		assert.equal((await owner.get(p)).status, 404, p);
});

test('CORE-13: the tenant admin may see any upload of the tenant', async () => {
	for (const id of [ids.mine, ids.mineSubmitted, ids.draft]) {
		const r = await admin.get(`/upload/${id}`);
		assert.equal(r.status, 200, String(id));
		assert.deepEqual(r.raw, PNG);
	}
});

test('CORE-13: a draft upload is served to the browser holding the draft token', async () => {
	const withDraft = new Client(BOARD, { draft: draftToken });
	const r = await withDraft.get(`/upload/${ids.draft}`);
	assert.equal(r.status, 200);
	assert.deepEqual(r.raw, PNG);
	const wrong = new Client(BOARD, { draft: crypto.randomBytes(32).toString('base64url') });
	assert.equal((await wrong.get(`/upload/${ids.draft}`)).status, 404);
	// The hash itself is no key.
	const hashed = new Client(BOARD, { draft: sha256(draftToken) });
	assert.equal((await hashed.get(`/upload/${ids.draft}`)).status, 404);
});

test('CORE-13: a public upload is served to anyone, as a PDF preview', async () => {
	const r = await new Client(BOARD).get(`/upload/${ids.booklet}`);
	assert.equal(r.status, 200);
	assert.equal(r.headers['content-type'], 'application/pdf');
	assert.deepEqual(r.raw, PDF);
	assert.match(r.headers['content-disposition'], /^inline; filename="[^"]*\.pdf"; filename\*=UTF-8''%E7%A0%94/);
});

// Issue 7 item 12: an HTML page with a PDF after its markup (a polyglot)
// was accepted as a booklet and served as application/pdf as probe.html.
const POLYGLOT = Buffer.concat([Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script><!--\n'),
	PDF, Buffer.from('-->\n</body></html>\n%%EOF\n')]);

/** multipart/form-data of fields and one file part. */
function multipart(fields, file) {
	const boundary = `----shikaku${crypto.randomBytes(8).toString('hex')}`;
	const parts = [];
	for (const [k, v] of Object.entries(fields))
		parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
	parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`),
	    file.data, Buffer.from('\r\n'));
	parts.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

test('CORE-13: a PDF begins with %PDF-: an HTML page with a PDF inside is refused as a booklet', async () => {
	const code = `UP-${crypto.randomInt(100000, 999999)}`;
	const r0 = await admin.post('/admin/programs/new', {
		code, name: '冊子試験病院 プログラム', domain: '01', prefecture: '13', track: 'research',
		capacity: '1', instructors: '3', years: '3', description: '冊子の試験', base_name: `冊子試験病院${code}`,
		base_address: '東京都千代田区1-1', base_beds: '100', base_details: '',
	});
	assert.equal(r0.status, 303);
	const pid = /^\/admin\/programs\/(\d+)\?/.exec(r0.location)?.[1];
	assert.ok(pid, r0.location);
	const csrf = await admin.csrf(`/admin/programs/${pid}`);
	const mp = multipart({ csrf }, { name: 'booklet', filename: 'probe.html', type: 'application/pdf', data: POLYGLOT });
	const r = await admin.req('POST', `/admin/programs/${pid}/booklet`, { raw: mp.body, headers: { 'content-type': mp.type }, xml: true });
	assert.equal(r.status, 200, `${r.status} ${r.location || ''}`);
	assert.deepEqual([...new Set(errorKeys(r.body))].filter((k) => k.startsWith('err.upload')), ['err.upload.type']);
	assert.equal(rows(`SELECT IFNULL(booklet_upload_id, 'NULL') FROM program WHERE id = ${pid}`)[0][0], 'NULL');
});

test('CORE-13: a file is served as what its bytes are, under a name with that type\'s extension (rows stored before the fix too)', async () => {
	const cases = [
		// [stored ctype, stored name, bytes, served type, disposition, served name]
		['application/pdf', 'probe.html', PDF, 'application/pdf', 'inline', 'probe.pdf'],
		['image/png', 'scan.pdf', PNG, 'image/png', 'inline', 'scan.png'],
		['application/pdf', '冊子.PDF', PDF, 'application/pdf', 'inline', '冊子.PDF'],
		// Stored by the old check: HTML is never served as a PDF, nor under .html.
		['application/pdf', 'probe.html', POLYGLOT, 'application/octet-stream', 'attachment', 'probe.bin'],
	];
	for (const [ctype, filename, data, type, disp, name] of cases) {
		const id = put({ uid: owner.uid, ctype, filename, data });
		const r = await owner.get(`/upload/${id}`);
		assert.equal(r.status, 200, filename);
		assert.equal(r.headers['content-type'], type, filename);
		assert.equal(r.headers['x-content-type-options'], 'nosniff');
		const cd = r.headers['content-disposition'];
		assert.ok(cd.startsWith(`${disp}; `), cd);
		assert.ok(cd.endsWith(`filename*=UTF-8''${encodeURIComponent(name)}`), `${filename}: ${cd}`);
		assert.deepEqual(r.raw, data);
	}
});

test('CORE-13/CORE-17: never across tenants, not even public uploads', async () => {
	// The board's public booklet does not exist on another tenant's host.
	assert.equal((await request(OTHER, `/upload/${ids.booklet}`)).status, 404);
	// The palliative member's own upload, asked for on the board's host
	// with the same cookies, does not exist there either.
	assert.equal((await foreign.on(BOARD).get(`/upload/${ids.foreign}`)).status, 404);
	assert.equal((await foreign.get(`/upload/${ids.foreign}`)).status, 200);
	// And the board's admin sees nothing of palliative.
	assert.equal((await admin.get(`/upload/${ids.foreign}`)).status, 404);
	assert.equal((await admin.on(OTHER).get(`/upload/${ids.foreign}`)).status, 404);
});

test('CORE-13: delete needs the token, the owner and a draft; back to a local next', async () => {
	const id = put({ uid: owner.uid });
	const csrf = await owner.csrf('/account');
	// No token: refused by the gate.
	assert.equal((await owner.postRaw(`/upload/${id}/delete`, { next: '/account' })).status, 403);
	// Someone else's: the same answer as a success, and nothing changes.
	const r1 = await other.postRaw(`/upload/${id}/delete`, { csrf: await other.csrf('/account'), next: '/account' });
	assert.equal(r1.status, 303);
	assert.ok(exists(id));
	// The admin may read it but not delete it: it is the member's.
	await admin.postRaw(`/upload/${id}/delete`, { csrf: await admin.csrf('/account'), next: '/account' });
	assert.ok(exists(id));
	// Submitted: read-only.
	await owner.postRaw(`/upload/${ids.mineSubmitted}/delete`, { csrf, next: '/account' });
	assert.ok(exists(ids.mineSubmitted));
	// The owner, a draft: gone, audited, back to next.
	const r2 = await owner.postRaw(`/upload/${id}/delete`, { csrf, next: '/account' });
	assert.equal(r2.status, 303);
	assert.equal(r2.location, '/account');
	assert.ok(!exists(id));
	assert.equal((await owner.get(`/upload/${id}`)).status, 404);
	const a = auditRows(`action = 'upload.delete' AND object = ${q(`upload:${id}`)}`);
	assert.equal(a.length, 1);
	assert.equal(a[0].actor, owner.uid);
	// next must be local.
	const id2 = put({ uid: owner.uid });
	const r3 = await owner.postRaw(`/upload/${id2}/delete`, { csrf, next: '//evil.example/' });
	assert.equal(r3.location, '/');
	// GET is no way to delete.
	const id3 = put({ uid: owner.uid });
	await owner.get(`/upload/${id3}/delete`);
	assert.ok(exists(id3));
});

test('CORE-13: a registration draft deletes its own upload without an account', async () => {
	const token = crypto.randomBytes(32).toString('base64url');
	const id = put({ draft: token });
	const c = new Client(BOARD, { draft: token });
	// The confirmation page gives an anonymous session and its token.
	const page = await c.model(`/upload/${id}/delete?next=/`);
	assert.equal(page.status, 200);
	assert.match(page.body, /<page name="upload-delete"/);
	assert.match(page.body, new RegExp(`<upload id="${id}"[^>]*preview="image"`));
	const r = await c.postRaw(`/upload/${id}/delete`, { csrf: /<content\b[^>]*\bcsrf="([^"]+)"/.exec(page.body)[1], next: '/' });
	assert.equal(r.status, 303);
	assert.ok(!exists(id));
});

test('CORE-13: the confirmation page: owner and drafts only, in Japanese, without JavaScript', async () => {
	const id = put({ uid: owner.uid, filename: 'licence-scan.png' });
	const html = await owner.get(`/upload/${id}/delete?next=/account`);
	assert.equal(html.status, 200);
	assert.match(html.headers['content-type'], /^text\/html/);
	assert.match(html.body, /ファイルの削除/);
	assert.match(html.body, /licence-scan\.png/);
	assert.match(html.body, new RegExp(`<form class="form" method="post" action="/upload/${id}/delete">`));
	assert.match(html.body, /name="next" value="\/account"/);
	assert.match(html.body, new RegExp(`<img class="upload-thumb" src="/upload/${id}"`));
	assert.doesNotMatch(html.body, /<script/);
	assert.equal((await other.get(`/upload/${id}/delete`)).status, 404);
	assert.equal((await owner.get(`/upload/${ids.mineSubmitted}/delete`)).status, 404);
	// English on request.
	const en = await owner.get(`/upload/${id}/delete?lang=en`);
	assert.match(en.body, /Delete a file/);
});
