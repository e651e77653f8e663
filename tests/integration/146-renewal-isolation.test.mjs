// The renewal's pages in the isolation matrix (CORE-16, CORE-17 on
// ONC-1..ONC-12): signed out they ask for a sign-in; a member of
// oncology sees them; another tenant's cookie is no session here; on a
// tenant without the feature they do not exist (404); a member only
// ever sees their own application (no id in any address).

import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import { Client, createUser, signIn, resetThrottle, HOSTS } from './auth.mjs';
import { BASE, BASE4, openWindows, specialist, save, FORMS } from './renewal.mjs';

const PAGES = ['/specialist', BASE, `${BASE}/documents`, `${BASE}/seminar`, `${BASE}/pdf`,
	`${BASE}/resume`, `${BASE}/profile`, `${BASE}/activity`, `${BASE}/meeting`,
	`${BASE}/paper`, `${BASE}/record`, `${BASE}/confirm`, BASE4, `${BASE4}/documents`];

let member, other, foreign;
before(async () => {
	resetThrottle();
	openWindows();
	member = await specialist();
	other = await specialist();
	const f = createUser('medassoc', { tag: 'isor' });
	foreign = await signIn(f.host, f.ident, f.password);
});

const cell = (r) => `${r.status}${r.status >= 300 && r.status < 400 ? ` ${r.location}` : ''}`;

test('CORE-16 CORE-17 ONC-1..12: the renewal pages by visitor', async () => {
	const bad = [];
	for (const p of PAGES) {
		const none = cell(await new Client(HOSTS.oncology).get(p));
		if (none !== `303 /login?next=${p}`)
			bad.push(`${p} none: ${none}`);
		const mine = cell(await member.c.get(p));
		if (mine !== '200')
			bad.push(`${p} member: ${mine}`);
		const cross = cell(await foreign.on(HOSTS.oncology).get(p));
		if (cross !== `303 /login?next=${p}`)
			bad.push(`${p} another tenant's member: ${cross}`);
		const elsewhere = cell(await foreign.get(p));
		if (elsewhere !== '404')
			bad.push(`${p} on medassoc: ${elsewhere}`);
	}
	assert.deepEqual(bad, []);
});

test('CORE-17 ONC-4 each member sees their own documents only', async () => {
	assert.equal((await save(member.c, 'profile', { text: '私だけのプロフィール' })).status, 303);
	const mine = await member.c.get(`${BASE}/profile`);
	assert.match(mine.body, /私だけのプロフィール/);
	const theirs = await other.c.get(`${BASE}/profile`);
	assert.doesNotMatch(theirs.body, /私だけのプロフィール/);
	const pdf = await other.c.model(`${BASE}/pdf`);
	assert.doesNotMatch(pdf.body, /私だけのプロフィール/);
	assert.equal((await save(other.c, 'resume', FORMS.resume)).status, 303);
});
