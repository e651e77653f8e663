// The C source as data, for tests that check what a statement reads
// against the triggers that keep a cache true (117, 154): the files of
// src/, their #defines, and SQL text with its macros pasted in.

import fs from 'node:fs';
import path from 'node:path';

import { rows, q } from './auth.mjs';

export const SRC = path.join(process.env.top_srcdir || '.', 'src');

/** Every .c and .h file under dir. */
export function sources(dir = SRC) {
	const out = [];
	for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, e.name);
		if (e.isDirectory())
			out.push(...sources(p));
		else if (/\.[ch]$/.test(e.name))
			out.push(p);
	}
	return out;
}

/** Every #define NAME … (with its continuation lines) of files. */
export function defines(files = sources()) {
	const m = new Map();
	for (const f of files) {
		const lines = fs.readFileSync(f, 'utf8').split('\n');
		for (let i = 0; i < lines.length; i++) {
			const d = /^#define\s+(\w+)\b(.*)$/.exec(lines[i]);
			if (!d)
				continue;
			let body = d[2];
			while (lines[i].endsWith('\\') && i + 1 < lines.length)
				body += '\n' + lines[++i];
			m.set(d[1], body);
		}
	}
	return m;
}

/** text with every macro of defs in it expanded (string pasting only). */
export function expand(text, defs, seen = new Set()) {
	return text.replace(/\b[A-Z][A-Z0-9_]{3,}\b/g, (w) => {
		if (!defs.has(w) || seen.has(w))
			return w;
		return expand(defs.get(w), defs, new Set([...seen, w]));
	});
}

/** The tables a SQL text reads or writes (FROM, JOIN). */
export function tablesOf(text) {
	return [...text.matchAll(/\b(?:FROM|JOIN)\s+(\w+)/g)].map((m) => m[1]);
}

/** A time function or RAND(): what a cached statement must not read. */
export const CLOCK = /\b(NOW|CURDATE|CURTIME|SYSDATE|UTC_DATE|UTC_TIMESTAMP|CURRENT_DATE|CURRENT_TIMESTAMP|UNIX_TIMESTAMP|RAND)\b/i;

/**
 * "table EVENT" for each of tables lacking an AFTER INSERT, UPDATE or
 * DELETE trigger whose statement names one of words (the version
 * columns it bumps).
 */
export function untriggered(tables, words) {
	const like = words.map((w) => `ACTION_STATEMENT LIKE ${q(`%${w}%`)}`).join(' OR ');
	const have = new Set(rows(`SELECT EVENT_OBJECT_TABLE, EVENT_MANIPULATION
	    FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()
	    AND ACTION_TIMING = 'AFTER' AND (${like})`).map(([t, e]) => `${t}:${e}`));
	const missing = [];
	for (const t of tables)
		for (const e of ['INSERT', 'UPDATE', 'DELETE'])
			if (!have.has(`${t}:${e}`))
				missing.push(`${t} ${e}`);
	return missing;
}
