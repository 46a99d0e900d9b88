// Steps the Paketutskick end-to-end test uses: the server's test clock moved to an occasion and the
// occasion waited for in the server's log (a state, not a sleep), the date the start page proposes,
// the forms one package occasion brought to a citizen's forms page, and the confirmation dialog.
import assert from 'node:assert/strict';

// The package's occasions as the server has them (GET /packages/{id}, as the sender who started it).
export async function occasionsOf(server, id) {
  const nurse = await server.staff('sjukskoterska');
  const r = await nurse.get(`/api/v1/packages/${id}`);
  assert.equal(r.status, 200, r.text);
  return r.json.occasions;
}

// Moves the server's clock (--test-clock on) a minute past the occasion's time and waits until the
// server has sent it: the job logs package.occasion_sent when the occasion's last recipient has had it.
export async function sendOccasion(server, id, number) {
  const occasion = (await occasionsOf(server, id)).find((o) => o.number === number);
  const now = Date.parse((await server.client().get('/api/v1/test/clock')).json.now);
  const at = Math.max(now, Date.parse(occasion.due_at) + 60 * 1000);
  const iso = new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const r = await server.client().put('/api/v1/test/clock', { now: iso });
  assert.equal(r.status, 200, r.text);
  await server.logged(new RegExp(` package\\.occasion_sent package=${id} occasion=${number}\\b`));
  return occasion;
}

// The date Starta paketutskick proposes for a template's weekday (1 Monday – 7 Sunday): the next such
// date after today, in the browser's own calendar (the page's time zone).
export function nextWeekday(page, weekday) {
  return page.evaluate((w) => {
    const d = new Date();
    const now = d.getDay() || 7;
    d.setDate(d.getDate() + (((w - now + 7) % 7) || 7));
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  }, weekday);
}

// YYYY-MM-DD `days` calendar days after a date.
export function plusDays(date, days) {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// The groups of a citizen's forms page that one package occasion made (more than one form under the
// package's title): each as the titles of its forms, in the order shown.
export async function packageGroups(page, title) {
  const groups = page.getByRole('list', { name: title, exact: true });
  const out = [];
  for (let i = 0; i < await groups.count(); ++i) {
    out.push((await groups.nth(i).getByRole('heading', { level: 4 }).allTextContents()).map((s) => s.trim()));
  }
  return out;
}

// The staff app's confirmation (design-admin-parts.js): its question, answered with the button named.
export async function answerDialog(page, question, button) {
  const dialog = page.getByRole('dialog', { name: question });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: button, exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
}
