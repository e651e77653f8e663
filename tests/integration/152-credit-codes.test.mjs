// The tenant admin's curriculum codes (issue 13, CME tenant admins;
// src/credit/credit_codes.c): the list (medassoc: 0–84 as shipped) with
// the credits naming each code, one code added or renamed by its form
// (audited in its transaction, offered at once where credits are
// recorded: refdata_version bumped), the list as CSV on the platform's
// import (a dry run changes nothing, one bad line rejects the file, a
// good file commits in one transaction, audited), each tenant's list its
// own.
//
// Codes this file adds start with "Z" and are removed before and after;
// code 83's name is put back after.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import {
	signIn, createUser, rows, sql, q, errorKeys, resetThrottle, gist,
	HOSTS, auditRows, uniqueDigits,
} from './auth.mjs';
import { multipart, elems } from './credit.mjs';

const ADMIN = '/admin/credit/codes';
let admin, member, onc, board, name83;

const cleanup = () => sql("DELETE FROM credit_code WHERE code LIKE 'Z%' AND tenant IN ('medassoc', 'oncology')");
const nameOf = (tenant, code) => rows(`SELECT name, sort FROM credit_code WHERE tenant = ${q(tenant)} AND code = ${q(code)}`)[0];
const zcode = () => `Z${uniqueDigits(6)}`;

async function upload(c, step, filename, data) {
	const csrf = await c.csrf(`${ADMIN}/import`);
	const mp = multipart({ csrf, step }, filename, data);
	return c.req('POST', `${ADMIN}/import`, { raw: mp.body, headers: { 'content-type': mp.type }, xml: true });
}

function reportErrors(xml) {
	return [...xml.matchAll(/<error file="([^"]*)" line="(\d+)" column="(\d+)" key="([^"]+)"/g)]
	    .map((m) => `${m[1]}:${m[2]}:${m[3]} ${m[4]}`);
}

async function staff(slug, tag) {
	const u = createUser(slug, { roles: ['tenant_admin'], tag });
	const c = await signIn(HOSTS[slug], u.ident, u.password, { enrol: true });
	c.user = u;
	return c;
}

before(async () => {
	resetThrottle();
	cleanup();
	name83 = nameOf('medassoc', '83');
	admin = await staff('medassoc', 'ccad');
	onc = await staff('oncology', 'ccon');
	board = await staff('board', 'ccbd');
	const m = createUser('medassoc', { tag: 'ccme' });
	member = await signIn(HOSTS.medassoc, m.ident, m.password);
});

after(() => {
	cleanup();
	sql(`UPDATE credit_code SET name = ${q(name83[0])}, sort = ${name83[1]} WHERE tenant = 'medassoc' AND code = '83'`);
});

test('CME-1 CORE-16 the curriculum codes are the tenant admin\'s: a member 403, a tenant without credits 404', async () => {
	for (const p of [ADMIN, `${ADMIN}/new`, `${ADMIN}/import`, `${ADMIN}/0`]) {
		assert.equal((await member.get(p)).status, 403, p);
		const r = await admin.get(p);
		assert.equal(r.status, 200, `${p}: ${gist(r)}`);
		assert.equal((await board.get(p)).status, 404, `board names no credit: ${p}`);
	}
	assert.equal((await admin.get(`${ADMIN}/85`)).status, 404);
	assert.equal((await admin.get(`${ADMIN}/0/x`)).status, 404);
});

test('CME-1 the list: medassoc\'s codes 0–84 in order, each with the credits that name it', async () => {
	const r = await admin.model(ADMIN);
	const list = elems(r.body, 'code').filter((c) => c.code !== undefined && !c.code.startsWith('Z'));
	assert.deepEqual(list.map((c) => c.code), Array.from({ length: 85 }, (_, i) => String(i)));
	const use = Object.fromEntries(rows("SELECT code, COUNT(*) FROM credit WHERE tenant = 'medassoc' AND code IS NOT NULL GROUP BY code"));
	for (const c of list)
		assert.equal(c.credits, use[c.code] || '0', c.code);
	assert.ok(list.some((c) => Number(c.credits) > 0), 'the demo ledgers name codes');
});

test('CME-1 a code renamed by its form: audited in its transaction, the new name where credits are recorded at once', async () => {
	const r = await admin.post(`${ADMIN}/83`, { cc_code: '99', name: '試験の名称', sort: '' });
	assert.equal(r.status, 303, gist(r));
	assert.deepEqual(nameOf('medassoc', '83'), ['試験の名称', '83'], 'the code stays; the order follows it');
	assert.equal(nameOf('medassoc', '99'), undefined);
	const au = auditRows("action = 'credit.code.save' AND object = '83'");
	assert.ok(au.length >= 1);
	assert.equal(au.at(-1).actor, admin.user.uid);
	const f = await member.model('/cme/self');
	assert.match(f.body, /<option value="83">83 試験の名称<\/option>/);
});

test('CME-1 a code added by its form; a bad code, an existing one and a bad order refused with their reasons', async () => {
	for (const [code, sort, key] of [['123456789', '', 'err.'], ['8 4', '', 'credit.codes.err.code'], ['84', '', 'credit.codes.err.exists'], [zcode(), 'x', 'err.']]) {
		const r = await admin.post(`${ADMIN}/new`, { cc_code: code, name: '誤り', sort }, { xml: true });
		assert.equal(r.status, 200, `${code}: ${gist(r)}`);
		assert.ok(errorKeys(r.body).some((k) => k.startsWith(key)), `${code}: ${errorKeys(r.body)}`);
	}
	assert.equal(rows("SELECT COUNT(*) FROM credit_code WHERE name = '誤り'")[0][0], '0');
	const code = zcode();
	const r = await admin.post(`${ADMIN}/new`, { cc_code: code, name: '試験コード', sort: '900' });
	assert.equal(r.status, 303, gist(r));
	assert.deepEqual(nameOf('medassoc', code), ['試験コード', '900']);
	const l = await admin.model(ADMIN);
	assert.equal(elems(l.body, 'code').at(-1).code, code, 'after 84 by its order');
});

test('CME-1 the CSV: a dry run changes nothing; one bad line rejects the file; a good file commits all, audited', async () => {
	const a = zcode();
	const bad = `\ufeffカリキュラムコード,名称,表示順\r\n${a},試験A,\r\n123456789,長すぎ,\r\n${a},重複,\r\n${zcode()},順,x\r\n`;
	for (const step of ['check', 'commit']) {
		const r = await upload(admin, step, 'codes.csv', bad);
		assert.equal(r.status, step === 'check' ? 200 : 422, `${step}: ${gist(r)}`);
		assert.deepEqual(reportErrors(r.body), [
			'codes.csv:3:1 credit.codes.err.code',
			'codes.csv:4:1 import.err.duplicate',
			'codes.csv:5:3 import.err.number',
		]);
	}
	assert.equal(nameOf('medassoc', a), undefined, 'the good line 2 was not written either');
	const n = auditRows("action = 'import.credit.codes'").length;
	const good = `code,name,sort\n${a},試験A,901\n83,試験の名称（CSV）,\n`;
	let r = await upload(admin, 'check', 'good.csv', good);
	assert.equal(elems(r.body, 'report')[0].rows, '2');
	assert.equal(nameOf('medassoc', a), undefined, 'a dry run writes nothing');
	r = await upload(admin, 'commit', 'good.csv', good);
	assert.equal(r.status, 303, gist(r));
	assert.deepEqual(nameOf('medassoc', a), ['試験A', '901']);
	assert.deepEqual(nameOf('medassoc', '83'), ['試験の名称（CSV）', '83']);
	assert.equal(auditRows("action = 'import.credit.codes'").length, n + 1);
});

test('CME-1 CORE-16 each tenant\'s codes are its own: oncology\'s code is not medassoc\'s', async () => {
	const code = zcode();
	const r = await onc.post(`${ADMIN}/new`, { cc_code: code, name: '腫瘍の試験', sort: '' });
	assert.equal(r.status, 303, gist(r));
	assert.deepEqual(nameOf('oncology', code), ['腫瘍の試験', '100000']);
	assert.equal(nameOf('medassoc', code), undefined);
	assert.equal((await admin.get(`${ADMIN}/${code}`)).status, 404);
	const l = await onc.model(ADMIN);
	assert.ok(elems(l.body, 'code').some((c) => c.code === code));
	assert.ok(!elems(l.body, 'code').some((c) => c.code === '84'), 'medassoc\'s codes are not oncology\'s');
});
