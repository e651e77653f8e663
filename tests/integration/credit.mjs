// Helpers of the credit service's tests (125–129, src/credit/).

import crypto from 'node:crypto';

import { sql, q } from './auth.mjs';

/** Give a fresh account (createUser) its member record with its member
 * number, as registration or the society's import does (ACC-4). */
export function memberRow(u) {
	sql(`INSERT INTO member (tenant, uid, member_no, name_kanji, name_kana, birth_date, phone, postal_code, pref, address, email, activated_at)
	    VALUES (${q(u.slug)}, ${q(u.uid)}, ${q(u.number)}, ${q(u.name)}, 'シケン', '1980-01-01', '03-0000-0000', '100-0001', '13', '千代田区', ${q(u.mail)}, NOW())`);
	return u;
}

/** <tag attr="…"> elements of a model as objects. */
export function elems(xml, tag) {
	return [...xml.matchAll(new RegExp(`<${tag}( [^>]*)?/?>`, 'g'))].map((m) => {
		const o = {};
		for (const a of (m[1] || '').matchAll(/([\w-]+)="([^"]*)"/g))
			o[a[1]] = a[2];
		return o;
	});
}

/** multipart/form-data of fields and one file. */
export function multipart(fields, filename, data) {
	const boundary = `----shikaku${crypto.randomBytes(8).toString('hex')}`;
	const parts = [];
	for (const [k, v] of Object.entries(fields))
		parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
	parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`),
	    Buffer.from(data), Buffer.from('\r\n'));
	parts.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}
