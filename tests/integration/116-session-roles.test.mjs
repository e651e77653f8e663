// Issue 10 (CORE-10, ADM-1): the session statement reads a member's
// roles from account.roles, which triggers on the role table keep equal
// to the role rows (sql/030_session_facts.sql), instead of a subquery
// on every signed-in request.  Whoever changes the role rows (an admin
// page, shikakuctl, a DBA in SQL), the member's very next request runs
// with the new roles: nothing is kept in the session or the worker.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { signIn, createUser, sql, rows, q, resetThrottle } from './auth.mjs';

const roleRows = (u) => rows(`SELECT GROUP_CONCAT(role ORDER BY role) FROM role WHERE tenant = 'oncology' AND uid = ${q(u.uid)}`)[0][0];
const accountRoles = (u) => rows(`SELECT roles FROM account WHERE tenant = 'oncology' AND uid = ${q(u.uid)}`)[0][0];

test('CORE-10 ADM-1 issue 10: a role granted, changed or revoked in the role table (SQL, no sign-in again) takes effect at the member\'s next request; account.roles always equals the role rows', async () => {
	resetThrottle();
	const u = createUser('oncology', { roles: ['tenant_admin'], tag: 'sr' });
	assert.equal(accountRoles(u), roleRows(u));
	assert.match(accountRoles(u), /(^|,)tenant_admin(,|$)/);
	const c = await signIn(u.host, u.ident, u.password, { enrol: true });
	assert.equal((await c.get('/admin')).status, 200, 'the admin page refused to its admin');

	sql(`DELETE FROM role WHERE tenant = 'oncology' AND uid = ${q(u.uid)} AND role = 'tenant_admin'`);
	assert.equal(accountRoles(u), roleRows(u));
	assert.ok(!/tenant_admin/.test(accountRoles(u) || ''), accountRoles(u));
	assert.equal((await c.get('/admin')).status, 403, 'a revoked admin still reaches /admin');
	assert.equal((await c.get('/account')).status, 200, 'still signed in');

	sql(`INSERT INTO role (tenant, uid, role) VALUES ('oncology', ${q(u.uid)}, 'society_reviewer')`);
	assert.equal(accountRoles(u), roleRows(u));
	assert.equal((await c.get('/admin')).status, 403);
	sql(`UPDATE role SET role = 'tenant_admin' WHERE tenant = 'oncology' AND uid = ${q(u.uid)} AND role = 'society_reviewer'`);
	assert.equal(accountRoles(u), roleRows(u));
	assert.match(accountRoles(u), /(^|,)tenant_admin(,|$)/);
	assert.equal((await c.get('/admin')).status, 200, 'the role given back is not seen');
});
