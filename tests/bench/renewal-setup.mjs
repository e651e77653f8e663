// tests/bench/renewal-setup.mjs — for tests/bench/renewal: a fresh
// specialist of the oncology demo with all seven documents filled and
// the application completed (the final PDF, about 8 pages: 40 meeting
// rows would exceed the limit, so 30 of each), printed as its session id.
import { openWindows, specialist, fillAll, addSeminar, save, FORMS, YEAR, BASE } from '../integration/renewal.mjs';

openWindows();
const { u, c } = await specialist();
for (let i = 0; i < 6; i++)
	addSeminar(u.uid, { on: `${YEAR - 1 - (i % 4)}-07-0${1 + i}`, units: 10, series: i % 2 ? 'A' : 'B' });
await fillAll(c);
for (let i = 0; i < 19; i++)
	await save(c, 'activity', { ...FORMS.activity, content: `研究活動 ${i} — 多施設共同臨床試験の症例登録と解析、学会発表の準備` });
for (let i = 0; i < 29; i++) {
	await save(c, 'meeting', FORMS.meeting);
	await save(c, 'paper', FORMS.paper);
}
const r = await c.post(`${BASE}/confirm`, {});
if (r.status !== 303)
	throw new Error(`completion: ${r.status}`);
console.log(c.sid);
