// tests/integration/pdf.mjs — what the PDF and certificate tests
// (104-pdf, 105-verify, tests/bench/pdf) share: poppler's pdffonts and
// pdftotext on a response's bytes, and certificates made with SQL (the
// code in the format cert.c makes: 128 random bits in base32).

import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

import { sql, rows, q } from './auth.mjs';

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** 16 random bytes in RFC 4648 base32 without padding: 26 characters. */
export function newCode() {
	const b = crypto.randomBytes(16);
	let bits = 0, acc = 0n, out = '';
	for (const x of b) {
		acc = (acc << 8n) | BigInt(x);
		bits += 8;
		while (bits >= 5) {
			out += B32[Number((acc >> BigInt(bits - 5)) & 31n)];
			bits -= 5;
		}
	}
	out += B32[Number((acc << BigInt(5 - bits)) & 31n)];
	return out;
}

/** "ABCD-EFGH-…": the code as printed. */
export const grouped = (code) => code.match(/.{1,4}/g).join('-');

/**
 * A certificate row for uid on tenant slug: { id, number, code }.
 * issued/expires: 'YYYY-MM-DD' (expires null: none).
 */
export function makeCert(slug, uid, holder, { issued = '2026-04-01', expires = '2031-03-31', kind = 'cert.kind.board' } = {}) {
	const code = newCode();
	const seq = Number(rows(`SELECT COALESCE(MAX(seq), 0) + 1 FROM certificate WHERE tenant = ${q(slug)}`)[0][0]);
	const number = `${issued.slice(0, 4)}-${String(seq).padStart(5, '0')}`;
	sql(`INSERT INTO certificate (tenant, seq, number, code, uid, holder, kind, issued_on, expires_on) VALUES (${q(slug)}, ${seq}, ${q(number)}, ${q(code)}, ${q(uid)}, ${q(holder)}, ${q(kind)}, ${q(issued)}, ${expires ? q(expires) : 'NULL'})`);
	const id = rows(`SELECT id FROM certificate WHERE code = ${q(code)}`)[0][0];
	return { id, number, code };
}

function withFile(buf, fn) {
	const f = path.join(os.tmpdir(), `shikaku-pdf-${process.pid}-${crypto.randomBytes(4).toString('hex')}.pdf`);
	fs.writeFileSync(f, buf);
	try {
		return fn(f);
	} finally {
		fs.rmSync(f, { force: true });
	}
}

/** pdffonts' rows: [{ name, type, emb, sub }]. */
export function pdfFonts(buf) {
	return withFile(buf, (f) => execFileSync('pdffonts', [f], { encoding: 'utf8' }))
	    .split('\n').slice(2).filter((l) => l.trim() !== '').map((l) => {
		const name = l.slice(0, 37).trim();
		const rest = l.slice(37).trim().split(/\s+/);
		// type may be several words; emb, sub, uni, object, gen are the last five.
		return { name, emb: rest[rest.length - 5], sub: rest[rest.length - 4] };
	});
}

/** pdftotext of the whole document, or of page `page` (1-based). */
export function pdfText(buf, page) {
	const args = page ? ['-f', String(page), '-l', String(page)] : [];
	return withFile(buf, (f) => execFileSync('pdftotext', [...args, '-layout', f, '-'], { encoding: 'utf8' }));
}

/** pdfinfo's Pages and Page size. */
export function pdfInfo(buf) {
	const out = withFile(buf, (f) => execFileSync('pdfinfo', [f], { encoding: 'utf8' }));
	return {
		pages: Number(/^Pages:\s+(\d+)/m.exec(out)?.[1]),
		size: /^Page size:\s+(.*)$/m.exec(out)?.[1],
		title: /^Title:\s+(.*)$/m.exec(out)?.[1],
	};
}
