// Package dispatch (Paketutskick): package templates, starting a package, the scheduler with the test
// clock (every occasion; restarts and SIGKILL between and during occasions; catch-up; stop and
// restart; a form archived since the start; a recipient removed), and two PostgreSQL nodes racing for
// the same occasions. Every wait is on the server's log or its database, never on a timer.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, rmSync, watch } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Server, onPostgres, people, root } from './server.mjs';

// Skatteverket test numbers born 1960-1989 (not the demo citizens).
const pins = JSON.parse(readFileSync(path.join(root, 'tests/data/external/personnummer/personnummer-meta-allPins.json'), 'utf8'))
  .filter((p) => p >= '1960' && p < '1990' && !Object.values(people).includes(p));

const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const pad = (n) => String(n).padStart(2, '0');
// The server's local date and time (its zone is this process's: the same TZ) of a moment.
const local = (ms) => {
  const d = new Date(ms);
  return { date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`, time: `${pad(d.getHours())}:${pad(d.getMinutes())}` };
};
const clockNow = async (server) => Date.parse((await server.client().get('/api/v1/test/clock')).json.now);
const setClock = async (server, ms) => {
  const r = await server.client().put('/api/v1/test/clock', { now: iso(ms) });
  assert.equal(r.status, 200, r.text);
};
// `count` weekly occasions, the first `firstIn` ms after `now`, on a whole minute.
const weekly = (now, count, firstIn = 3600e3) => {
  const first = Math.ceil((now + firstIn) / 60e3) * 60e3;
  return Array.from({ length: count }, (_, k) => local(first + k * 7 * 86400e3));
};
const templateId = async (client, formId) => (await client.get('/api/v1/templates')).json.templates.find((t) => t.form_id === formId).id;
const demoPackage = async (client) => (await client.get('/api/v1/package-templates')).json.package_templates.find((p) => p.name === 'Inför besök');
const count = (server, sql) => Number(server.sql(sql));
const outboxMail = (server) => {
  const dir = path.join(server.dir, 'outbox');
  let names = [];
  try { names = readdirSync(dir).filter((f) => f.includes('blankett-mail-') && !f.endsWith('.part')); } catch { /* none yet */ }
  return new Map(names.map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
};
// The mail to staff addresses written since `before` (an earlier outboxMail()).
const newMail = (server, before) => [...outboxMail(server)].filter(([name]) => !before.has(name)).map(([, text]) => text);

async function start(server, nurse, body) {
  const tmpl = await demoPackage(nurse);
  const r = await nurse.post('/api/v1/packages', {
    package_template: tmpl.id, title: tmpl.title, forms: tmpl.forms.map((f) => f.template), inbox_message: tmpl.inbox_message,
    ...body,
  });
  assert.equal(r.status, 201, r.text);
  return r.json.package;
}

// Moves the clock to an occasion's time (and `extraMs` past it) and waits until the scheduler has ended
// it; the package as it is then. Logs in anew: moving the clock a week ends sessions, and a restarted
// server listens on another port.
async function reach(server, pkg, number, extraMs = 0) {
  let nurse = await server.staff('sjukskoterska');
  const detail = (await nurse.get(`/api/v1/packages/${pkg}`)).json;
  const due = Date.parse(detail.occasions[number - 1].due_at);
  const ended = new RegExp(` package\\.(occasion_sent|occasion_skipped|aborted) package=${pkg} occasion=${number}\\b`);
  await setClock(server, Math.max(due + extraMs, await clockNow(server)));
  await server.logged(ended);
  nurse = await server.staff('sjukskoterska');
  return (await nurse.get(`/api/v1/packages/${pkg}`)).json;
}

let server;
before(async () => { server = await Server.start({ 'test-clock': 'on' }); });
after(async () => { await server.close(); });

describe('package templates', () => {
  test('the demo has "Inför besök"; a designer creates and archives one; each field is checked', async () => {
    const designer = await server.staff('designer');
    const demo = await demoPackage(designer);
    assert.deepEqual({ ...demo, id: 0, updated_at: '' }, {
      id: 0, name: 'Inför besök', title: 'Inför ditt besök på mottagningen', weekday: 1, time: '09:00',
      interval: { count: 1, unit: 'weeks' }, occasions: 3, inbox_message: demo.inbox_message, error_email: 'formularhantering@example.se',
      archived: false, updated_at: '',
      forms: [{ template: await templateId(designer, 'phq-9'), name: 'Hälsoformulär (PHQ-9)', form_id: 'phq-9', available: true },
              { template: await templateId(designer, 'gad-7'), name: 'Frågeformulär om generaliserad ångest (GAD-7)', form_id: 'gad-7', available: true }],
    });
    assert.match(demo.inbox_message, /^Hej!\nInför ditt nästa besök/);

    const who5 = await templateId(designer, 'who-5');
    const body = { name: 'Smärtuppföljning', title: 'Uppföljning av din smärta', forms: [who5], interval: { count: 2, unit: 'days' },
                   occasions: 12, weekday: null, time: '08:30', error_email: 'smarta@example.se' };
    const made = await designer.post('/api/v1/package-templates', body);
    assert.equal(made.status, 201, made.text);
    assert.deepEqual([made.json.name, made.json.interval, made.json.occasions, made.json.weekday, made.json.time, made.json.forms.length],
      ['Smärtuppföljning', { count: 2, unit: 'days' }, 12, null, '08:30', 1]);
    assert.equal(made.json.inbox_message.startsWith('Hej!'), true, 'the default inbox text');

    const refused = async (change, status, code, field) => {
      const r = await designer.post('/api/v1/package-templates', { ...body, name: 'Annan', ...change });
      assert.deepEqual([r.status, r.json.error.code, r.json.error.field], [status, code, field], JSON.stringify(change));
    };
    await refused({ name: 'Smärtuppföljning' }, 409, 'package_template.name_taken', 'name');
    await refused({ forms: [] }, 400, 'request.value', 'forms');
    await refused({ forms: [who5, who5] }, 400, 'request.value', 'forms.1');
    await refused({ forms: [who5, 999999] }, 404, 'not_found', 'forms.1');
    await refused({ interval: { count: 0, unit: 'weeks' } }, 400, 'request.value', 'interval.count');
    await refused({ interval: { count: 1, unit: 'years' } }, 400, 'request.value', 'interval.unit');
    await refused({ occasions: 53 }, 400, 'request.value', 'occasions');
    await refused({ weekday: 8 }, 400, 'request.value', 'weekday');
    await refused({ time: '24:00' }, 400, 'request.value', 'time');
    await refused({ error_email: 'inte en adress' }, 400, 'request.value', 'error_email');
    await refused({ title: '' }, 400, 'request.value', 'title');

    const archived = await designer.put(`/api/v1/package-templates/${made.json.id}`, { ...body, archived: true });
    assert.deepEqual([archived.status, archived.json.archived], [200, true]);
    const list = (await designer.get('/api/v1/package-templates')).json.package_templates;
    assert.deepEqual(list.map((p) => [p.name, p.archived]), [['Inför besök', false], ['Smärtuppföljning', true]]);

    // Senders read them; a reader does not; another unit sees none of these.
    assert.equal((await (await server.staff('sjukskoterska')).get('/api/v1/package-templates')).status, 200);
    const reader = await server.staff('admin');
    assert.equal((await reader.get('/api/v1/package-templates')).status, 200);
    const syd = await server.staff('syd');
    assert.deepEqual((await syd.get('/api/v1/package-templates')).json.package_templates, []);
    assert.equal((await syd.put(`/api/v1/package-templates/${made.json.id}`, body)).status, 404);
    // Starting from the archived one is refused.
    const nurse = await server.staff('sjukskoterska');
    const r = await nurse.post('/api/v1/packages', { package_template: made.json.id, title: 'x', forms: [who5],
      occasions: weekly(await clockNow(server), 1), recipients: [people.anna] });
    assert.deepEqual([r.status, r.json.error.code], [409, 'package_template.archived']);
  });
});

describe('starting a package', () => {
  test('refusals: a form not available names it, an occasion in the past, out of order, no recipient, another unit', async () => {
    const nurse = await server.staff('sjukskoterska');
    const tmpl = await demoPackage(nurse);
    const now = await clockNow(server);
    const body = { package_template: tmpl.id, title: 'Inför besök', forms: tmpl.forms.map((f) => f.template),
                   occasions: weekly(now, 3), recipients: [people.anna] };
    const refused = async (change, status, code, field) => {
      const r = await nurse.post('/api/v1/packages', { ...body, ...change });
      assert.deepEqual([r.status, r.json.error.code, r.json.error.field], [status, code, field], r.text);
      return r.json.error;
    };
    await refused({ occasions: [local(now - 3600e3)] }, 400, 'package.occasion_past', 'occasions.0');
    const [a, b] = weekly(now, 2);
    await refused({ occasions: [b, a] }, 400, 'request.value', 'occasions.1');
    await refused({ occasions: [{ date: a.date, time: '9:00' }] }, 400, 'request.value', 'occasions.0.time');
    await refused({ occasions: [] }, 400, 'request.value', 'occasions');
    await refused({ forms: [] }, 400, 'request.value', 'forms');
    await refused({ recipients: [people.kim] }, 400, 'package.no_recipients', 'recipients');
    await refused({ title: 'a'.repeat(201) }, 400, 'request.value', 'title');

    // A shared template of another unit without a subscription (Hälsocentralen Syd's staff starting
    // the demo's forms): the error names the form.
    const designer = await server.staff('designer');
    const own = await designer.post('/api/v1/package-templates', { name: 'Med ISI', title: 'Sömn', forms: [await templateId(designer, 'isi')],
      interval: { count: 1, unit: 'weeks' }, occasions: 2 });
    assert.equal(own.status, 201, own.text);
    const isi = await templateId(designer, 'isi');
    const isiTemplate = (await designer.get(`/api/v1/templates/${isi}`)).json;
    const version = isiTemplate.versions.at(-1).version;
    assert.equal((await designer.put(`/api/v1/templates/${isi}/versions/${version}`, { state: 'archived' })).status, 200);
    const error = await refused({ forms: [tmpl.forms[0].template, isi] }, 409, 'package.form_unavailable', 'forms.1');
    assert.match(error.message, /^The form "Sömnbesvär \(ISI\), platshållartexter" is archived/);
    const pt = (await nurse.get('/api/v1/package-templates')).json.package_templates.find((p) => p.name === 'Med ISI');
    assert.equal(pt.forms[0].available, false, 'the template list tells the form is not available');

    // Another unit's package is not found.
    const id = await start(server, nurse, { occasions: weekly(now, 1), recipients: [people.erik] });
    const syd = await server.staff('syd');
    assert.equal((await syd.get(`/api/v1/packages/${id}`)).status, 404);
    assert.equal((await syd.post(`/api/v1/packages/${id}/stop`)).status, 404);
    assert.equal((await nurse.post(`/api/v1/packages/${id}/stop`)).status, 200);
  });
});

describe('the scheduler', () => {
  test('three weekly occasions arrive, each once, across a restart and a SIGKILL between occasions', async () => {
    const nurse = await server.staff('sjukskoterska');
    const now = await clockNow(server);
    const sent = await nurse.post('/api/v1/packages', {
      package_template: (await demoPackage(nurse)).id, title: 'Inför ditt besök', recipients: [people.anna, people.sara, people.erik, people.kim],
      forms: (await demoPackage(nurse)).forms.map((f) => f.template), occasions: weekly(now, 3), inbox_message: 'Hej! Två formulär inför besöket.',
    });
    assert.equal(sent.status, 201, sent.text);
    assert.deepEqual(sent.json.recipients.map((r) => r.status), ['added', 'added', 'added', 'refused']);
    assert.equal(sent.json.added, 3);
    const pkg = sent.json.package;
    let detail = (await nurse.get(`/api/v1/packages/${pkg}`)).json;
    assert.deepEqual([detail.package.status, detail.package.recipients, detail.package.occasions, detail.package.can_stop,
      detail.occasions.map((o) => o.state)], ['running', 3, 3, true, ['planned', 'planned', 'planned']]);
    assert.doesNotMatch(server.log(), /19760102|19850101|19760101/, 'no personnummer in the log');

    let anna = await server.citizen(people.anna);
    const ofPackage = async () => (await anna.get('/api/v1/citizen/forms')).json.ongoing.filter((f) => f.package?.id === pkg);
    assert.deepEqual(await ofPackage(), []);

    detail = await reach(server, pkg, 1);
    assert.deepEqual(detail.occasions.map((o) => o.state), ['sent', 'planned', 'planned']);
    assert.deepEqual(detail.occasions[0].notes, []);
    let forms = await ofPackage();
    const short = (f) => /\((PHQ-9|GAD-7)\)$/.exec(f.title)[1];
    assert.deepEqual(forms.map((f) => [short(f), f.package.title, f.package.occasion, f.package.position]).sort(),
      [['GAD-7', 'Inför ditt besök', 1, 2], ['PHQ-9', 'Inför ditt besök', 1, 1]]);
    const inbox = (await anna.get('/api/v1/citizen/inbox')).json.messages.filter((m) => m.body === 'Hej! Två formulär inför besöket.');
    assert.equal(inbox.length, 1, 'one inbox message per occasion, not per form');
    assert.equal(inbox[0].form, forms.find((f) => f.package.position === 1).id, 'it leads to the first form');
    await server.loggedTimes(/ notification\.sent /, 2);  // Anna and Sara have e-mail

    // A restart, then a SIGKILL, between occasions: occasion 1 is not sent again.
    await server.restart({ 'test-clock': 'on' });
    await server.stop('SIGKILL');
    await server.launch({ 'test-clock': 'on' });
    detail = await reach(server, pkg, 2);
    anna = await server.citizen(people.anna);
    assert.deepEqual(detail.occasions.map((o) => o.state), ['sent', 'sent', 'planned']);
    detail = await reach(server, pkg, 3);
    assert.deepEqual([detail.package.status, detail.package.can_stop, detail.package.can_restart, detail.package.next],
      ['done', false, false, null]);
    assert.deepEqual(detail.recipients.map((r) => [r.name, r.forms, r.answered]),
      [['Anna Andersson', 6, 0], ['Sara Lind', 6, 0], ['Erik Svensson', 6, 0]]);
    anna = await server.citizen(people.anna);
    forms = await ofPackage();
    assert.deepEqual(forms.map((f) => `${f.package.occasion}:${short(f)}`).sort(),
      ['1:GAD-7', '1:PHQ-9', '2:GAD-7', '2:PHQ-9', '3:GAD-7', '3:PHQ-9']);
    assert.equal(count(server, `SELECT COUNT(*) FROM instances WHERE package_id = ${pkg}`), 18);
    assert.equal(count(server, `SELECT COUNT(*) FROM inbox_messages WHERE package_id = ${pkg}`), 9);
    assert.equal(count(server, `SELECT COUNT(*) FROM notifications WHERE package_id = ${pkg}`), 6);
    assert.equal(count(server, `SELECT COUNT(*) FROM jobs WHERE kind = 'occasion' AND key LIKE '${pkg}:%' AND done_at IS NULL`), 0);
    const list = (await (await server.staff('sjukskoterska')).get('/api/v1/packages')).json.packages.find((p) => p.id === pkg);
    assert.deepEqual([list.status, list.occasions_done], ['done', 3]);
  });

  test('catch-up: an occasion late by less than a day is sent; one later is skipped and reported to the error address', async () => {
    const nurse = await server.staff('sjukskoterska');
    const now = await clockNow(server);
    const pkg = await start(server, nurse, { occasions: weekly(now, 2), recipients: [people.erik], error_email: 'fel@example.se' });
    let detail = await reach(server, pkg, 1, 23 * 3600e3);
    assert.deepEqual([detail.occasions[0].state, detail.occasions[0].notes], ['sent', []]);
    const mailBefore = outboxMail(server);
    const sentBefore = server.logCount(/ mail\.sent /);
    detail = await reach(server, pkg, 2, 25 * 3600e3);
    assert.deepEqual([detail.occasions[1].state, detail.occasions[1].notes, detail.package.status], ['skipped', [{ code: 'late', hours: 25 }], 'done']);
    await server.loggedTimes(/ mail\.sent /, sentBefore + 1);
    const mail = newMail(server, mailBefore);
    assert.equal(mail.length, 1);
    assert.match(mail[0], /^To: fel@example\.se\r?$/m);
    assert.match(mail[0], /servern nådde det 25 timmar för sent/);
    assert.doesNotMatch(mail[0], /19760101|Erik/, 'the report names nobody');
    assert.equal(count(server, `SELECT COUNT(*) FROM instances WHERE package_id = ${pkg}`), 2);
  });

  test('stop and restart: restarted while the next occasion is ahead; stopped past it, the package is aborted', async () => {
    const nurse = await server.staff('sjukskoterska');
    const now = await clockNow(server);
    const pkg = await start(server, nurse, { occasions: weekly(now, 3), recipients: [people.erik, people.sara] });
    await reach(server, pkg, 1);
    const sender = await server.staff('sjukskoterska');
    let r = await sender.post(`/api/v1/packages/${pkg}/stop`);
    assert.deepEqual([r.status, r.json.package.status, r.json.package.can_restart, r.json.package.can_stop], [200, 'stopped', true, false]);
    assert.equal((await sender.post(`/api/v1/packages/${pkg}/stop`)).json.error.code, 'package.state');
    r = await sender.post(`/api/v1/packages/${pkg}/restart`);
    assert.deepEqual([r.status, r.json.package.status, r.json.package.ended_at], [200, 'running', null]);
    assert.equal((await sender.post(`/api/v1/packages/${pkg}/restart`)).json.error.code, 'package.state');
    // Stopped, and its next occasion passes: aborted, nothing sent, no restart.
    assert.equal((await sender.post(`/api/v1/packages/${pkg}/stop`)).status, 200);
    const detail = await reach(server, pkg, 2);
    const nurse2 = await server.staff('sjukskoterska');
    assert.deepEqual([detail.package.status, detail.occasions.map((o) => o.state), detail.package.can_restart],
      ['aborted', ['sent', 'cancelled', 'cancelled'], false]);
    r = await nurse2.post(`/api/v1/packages/${pkg}/restart`);
    assert.deepEqual([r.status, r.json.error.code], [409, 'package.state']);
    assert.equal(count(server, `SELECT COUNT(*) FROM instances WHERE package_id = ${pkg}`), 4);
    // Ended packages stay listed 7 days.
    const listed = async () => (await (await server.staff('sjukskoterska')).get('/api/v1/packages')).json.packages.some((p) => p.id === pkg);
    assert.equal(await listed(), true);
    await setClock(server, Date.parse(detail.package.ended_at) + 7 * 86400e3 + 60e3);
    assert.equal(await listed(), false);
  });

  test('a recipient removed gets no more forms (the last one cannot be removed); a form archived since the start is left out and reported', async () => {
    const nurse = await server.staff('sjukskoterska');
    const designer = await server.staff('designer');
    const now = await clockNow(server);
    // A template of its own, so that archiving it changes no other test.
    const mine = await designer.post('/api/v1/package-templates', { name: 'Med PSS-10', title: 'Stress', error_email: 'fel@example.se',
      forms: [await templateId(designer, 'phq-9'), await templateId(designer, 'pss-10')], interval: { count: 1, unit: 'weeks' }, occasions: 2 });
    assert.equal(mine.status, 201, mine.text);
    const r = await nurse.post('/api/v1/packages', { package_template: mine.json.id, title: 'Stress', forms: mine.json.forms.map((f) => f.template),
      occasions: weekly(now, 2), recipients: [people.erik, people.sara] });
    assert.equal(r.status, 201, r.text);
    const pkg = r.json.package;
    let detail = await reach(server, pkg, 1);
    const [erik, sara] = detail.recipients.map((x) => x.id);
    const sender = await server.staff('sjukskoterska');
    let removed = await sender.delete(`/api/v1/packages/${pkg}/recipients/${sara}`);
    assert.equal(removed.status, 200, removed.text);
    assert.deepEqual(removed.json.recipients.map((x) => [x.name, x.removed_at !== null, x.forms]), [['Erik Svensson', false, 2], ['Sara Lind', true, 2]]);
    removed = await sender.delete(`/api/v1/packages/${pkg}/recipients/${erik}`);
    assert.deepEqual([removed.status, removed.json.error.code], [409, 'package.last_recipient']);
    assert.equal((await sender.delete(`/api/v1/packages/${pkg}/recipients/${sara}`)).status, 404);

    const designer2 = await server.staff('designer');
    const pss = await templateId(designer, 'pss-10');
    const version = (await designer2.get(`/api/v1/templates/${pss}`)).json.versions.at(-1).version;
    assert.equal((await designer2.put(`/api/v1/templates/${pss}/versions/${version}`, { state: 'archived' })).status, 200);
    const mailBefore = outboxMail(server);
    const sentBefore = server.logCount(/ mail\.sent /);
    detail = await reach(server, pkg, 2);
    assert.deepEqual([detail.occasions[1].state, detail.occasions[1].notes], ['sent', [{ code: 'form_unavailable', form: 'Upplevd stress (PSS-10), platshållartexter' }]]);
    assert.deepEqual(detail.recipients.map((x) => x.forms), [3, 2]);
    await server.loggedTimes(/ mail\.sent /, sentBefore + 1);
    const mail = newMail(server, mailBefore);
    assert.equal(mail.length, 1);
    assert.match(mail[0], /Formuläret "Upplevd stress \(PSS-10\), platshållartexter" är arkiverat/);
    assert.match(mail[0], /Formulären skickades till 1 mottagare/);
  });
});

describe('crashes', () => {
  test('SIGKILL in the middle of an occasion of 1,000 recipients: after the restart each gets each form once', async () => {
    const crash = await Server.start({ 'test-clock': 'on' });
    try {
      const nurse = await crash.staff('sjukskoterska');
      const now = await clockNow(crash);
      const pkg = await start(crash, nurse, { occasions: weekly(now, 2), recipients: pins.slice(0, 1000) });
      const due = Date.parse((await nurse.get(`/api/v1/packages/${pkg}`)).json.occasions[0].due_at);
      // The server kills itself in its third batch, after writing it and before committing it.
      await crash.restart({ 'test-clock': 'on', env: { BLANKETT_TEST_KILL_IN_BATCH: '3' } });
      await setClock(crash, due);
      assert.deepEqual(await crash.exited, { code: null, signal: 'SIGKILL' });
      assert.equal(crash.logCount(/ test\.kill /), 1);
      // Two batches of 250 committed; the third left nothing.
      assert.equal(count(crash, `SELECT COUNT(*) FROM package_deliveries WHERE package_id = ${pkg}`), 500);
      assert.equal(count(crash, `SELECT COUNT(*) FROM instances WHERE package_id = ${pkg}`), 1000);
      assert.equal(count(crash, `SELECT COUNT(*) FROM inbox_messages WHERE package_id = ${pkg}`), 500);

      // Restarted: the claim's lease (60 s) runs out, and the occasion goes on where it stopped.
      await crash.launch({ 'test-clock': 'on' });
      await setClock(crash, due + 2 * 60e3);
      const again = await crash.staff('sjukskoterska');
      await crash.logged(new RegExp(` package\\.occasion_sent package=${pkg} occasion=1 recipients=1000 `));
      assert.equal(count(crash, `SELECT COUNT(*) FROM instances WHERE package_id = ${pkg}`), 2000);
      assert.equal(count(crash, `SELECT COUNT(*) FROM (SELECT DISTINCT citizen_id, package_position FROM instances WHERE package_id = ${pkg}) x`), 2000);
      assert.equal(count(crash, `SELECT COUNT(DISTINCT citizen_id) FROM inbox_messages WHERE package_id = ${pkg}`), 1000);
      assert.equal(count(crash, `SELECT COUNT(*) FROM inbox_messages WHERE package_id = ${pkg}`), 1000);
      const detail = (await again.get(`/api/v1/packages/${pkg}`)).json;
      assert.deepEqual(detail.occasions.map((o) => o.state), ['sent', 'planned']);
      assert.equal(detail.recipients.every((r) => r.forms === 2), true);
    } finally {
      await crash.close();
    }
  });
});

describe('several nodes', { skip: !onPostgres && 'PostgreSQL only' }, () => {
  test('two nodes race for the same occasions: each recipient gets each form once', async () => {
    const a = Server.create();
    await a.launch({ 'test-clock': 'on' });
    const b = a.node();
    await b.launch({ 'test-clock': 'on' });
    try {
      const nurse = await a.staff('sjukskoterska');
      const now = await clockNow(a);
      const first = await start(a, nurse, { occasions: weekly(now, 1), recipients: pins.slice(1000, 1600) });
      const second = await start(a, nurse, { occasions: weekly(now, 1), recipients: pins.slice(1600, 2000) });
      const due = Date.parse((await nurse.get(`/api/v1/packages/${first}`)).json.occasions[0].due_at);
      // Both nodes are woken by their own clock request at the same moment.
      await Promise.all([setClock(a, due), setClock(b, due)]);
      const done = (pkg) => new RegExp(` package\\.occasion_sent package=${pkg} occasion=1 `);
      // Resolves once either node's log has the line; watches both files, and stops watching both.
      const either = (pkg) => new Promise((resolve) => {
        const check = () => {
          if (!done(pkg).test(a.log()) && !done(pkg).test(b.log())) return;
          watchers.forEach((w) => w.close());
          resolve();
        };
        const watchers = [watch(a.logFile, check), watch(b.logFile, check)];
        check();
      });
      await Promise.all([either(first), either(second)]);
      for (const [pkg, n] of [[first, 600], [second, 400]]) {
        assert.equal(count(a, `SELECT COUNT(*) FROM instances WHERE package_id = ${pkg}`), 2 * n);
        assert.equal(count(a, `SELECT COUNT(*) FROM (SELECT DISTINCT citizen_id, package_position FROM instances WHERE package_id = ${pkg}) x`), 2 * n);
        assert.equal(count(a, `SELECT COUNT(*) FROM inbox_messages WHERE package_id = ${pkg}`), n);
        assert.equal(a.logCount(done(pkg)) + b.logCount(done(pkg)), 1, 'one node sent it');
      }
    } finally {
      await b.stop();
      await a.close();
      rmSync(b.dir, { recursive: true, force: true });
    }
  });
});
