// tests/integration/drill-signin.mjs — sign in on ANOTHER stack (the
// one 160-backup restored into): http.mjs reads the port from the
// environment once, so this runs as a child with that stack's env.
// Input: JSON { host, ident, password, totp: { secret, lastStep } } as
// argv[2]; prints JSON { ok, status, location, account } on stdout.

import { signIn } from './auth.mjs';

const a = JSON.parse(process.argv[2]);
try {
	const c = await signIn(a.host, a.ident, a.password, { totp: a.totp });
	const r = await c.get('/account');
	console.log(JSON.stringify({ ok: true, status: r.status, totpStep: c.totpStep?.status,
	    account: (a.expect || []).some((s) => r.body.includes(s)) }));
} catch (e) {
	console.log(JSON.stringify({ ok: false, error: String(e.message || e) }));
}
