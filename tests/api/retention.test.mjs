// The unit's deletion policy (gallringsregel): the administrator's setting and its checks, the nightly
// run (02:00 local time) moved to with the test clock, which deletes exactly the answers due on each
// rule, completely (rows, history, inbox messages, exports; on SQLite not a byte left in the files),
// warns the unit's address the day before, and audits the count only. Every wait is on the log.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Server, answerForm, onPostgres, people, sample } from './server.mjs';

const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const pad = (n) => String(n).padStart(2, '0');
// Local dates (the server's zone is this process's: the same TZ).
const dateOf = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const addDays = (date, days) => {
  const [y, m, d] = date.split('-').map(Number);
  return dateOf(new Date(y, m - 1, d + days));
};
// 02:01 local time on a date: just after that night's run.
const runTime = (date) => {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y, m - 1, d, 2, 1).getTime();
};
const clockNow = async (server) => Date.parse((await server.client().get('/api/v1/test/clock')).json.now);
const outboxMail = (server) => {
  const dir = path.join(server.dir, 'outbox');
  let names = [];
  try { names = readdirSync(dir).filter((f) => f.includes('blankett-mail-') && !f.endsWith('.part')); } catch { /* none yet */ }
  return new Map(names.map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
};
const newMail = (server, before) => [...outboxMail(server)].filter(([name]) => !before.has(name)).map(([, text]) => text);
const parts = (text) => {
  const [head, body] = text.split('\n\n');
  return { to: /^To: (.*)$/m.exec(head)[1], subject: /^Subject: (.*)$/m.exec(head)[1], body: body.trim() };
};

let server;
before(async () => { server = await Server.start({ 'test-clock': 'on' }); });
after(async () => { await server.close(); });

// Moves the test clock to just after the run of `date` and waits until it has finished with VCN.
async function runOn(date, unitId) {
  const r = await server.client().put('/api/v1/test/clock', { now: iso(Math.max(runTime(date), await clockNow(server))) });
  assert.equal(r.status, 200, r.text);
  const line = new RegExp(` retention\\.unit unit=${unitId} date=${date} answers=(\\d+) tomorrow=(\\d+) mail=(\\d+)`);
  await server.logged(line);
  const m = line.exec(server.log());
  return { answers: Number(m[1]), tomorrow: Number(m[2]), mail: Number(m[3]) };
}

const count = (sql) => Number(server.sql(sql));

describe('the unit\'s rule', () => {
  test('an administrator sets it with the unit\'s address; each field is checked; a reader sees it with what goes tomorrow', async () => {
    const admin = await server.staff('admin', 'VCN');
    const refused = async (body, field, code = 'request.value') => {
      const r = await admin.put('/api/v1/admin/unit', body);
      assert.deepEqual([r.status, r.json.error.code, r.json.error.field], [400, code, field], r.text);
    };
    await refused({ retention: { days: -1, after: 'delete_after' } }, 'retention.days');
    await refused({ retention: { days: 3651, after: 'delete_after' } }, 'retention.days');
    await refused({ retention: { days: '30', after: 'delete_after' } }, 'retention.days', 'request.type');
    await refused({ retention: { days: 30, after: 'sent' } }, 'retention.after');
    await refused({ retention: 30 }, 'retention', 'request.type');
    await refused({ email: 'enheten' }, 'email');
    await refused({}, 'name_in_notifications', 'request.missing');
    const nurse = await server.staff('sjukskoterska');
    assert.deepEqual((await nurse.get('/api/v1/answers/retention')).json, { policy: null, tomorrow: 0 });
    assert.equal((await nurse.put('/api/v1/admin/unit', { retention: null })).status, 403, 'only an administrator');

    const r = await admin.put('/api/v1/admin/unit', { email: 'enheten@example.se', retention: { days: 3650, after: 'documented' } });
    assert.deepEqual([r.status, r.json], [200, { name_in_notifications: true, email: 'enheten@example.se', retention: { days: 3650, after: 'documented' }, hsa_id: null }]);
    assert.deepEqual((await nurse.get('/api/v1/answers/retention')).json, { policy: { days: 3650, after: 'documented' }, tomorrow: 0 });
    assert.equal((await (await server.staff('designer')).get('/api/v1/answers/retention')).status, 403, 'a reader\'s');
    const audit = (await admin.get('/api/v1/admin/audit?action=unit.')).json.entries.map((e) => [e.action, e.details]);
    assert.deepEqual(audit.slice(0, 2), [['unit.retention', '3650 days after documented'], ['unit.email', 'set']]);
    // Off again until the runs below.
    assert.deepEqual((await admin.put('/api/v1/admin/unit', { retention: null })).json.retention, null);
  });
});

describe('the nightly run', () => {
  test('N days after Gallras efter: warned the day before, then exactly the due answers deleted completely, audited with the count', async () => {
    const admin = await server.staff('admin', 'VCN');
    const unitId = admin.me.unit;
    const nurse = await server.staff('sjukskoterska');
    const templates = (await nurse.get('/api/v1/templates')).json.templates;
    const who5 = templates.find((t) => t.form_id === 'who-5').id;
    const today = dateOf(new Date(await clockNow(server)));
    const due = addDays(today, 1);
    const marker = `Gallringsregelprov-${process.pid}-${Date.now()}`;
    const sent = await nurse.post('/api/v1/dispatches', { template: who5, recipients: [people.anna, people.erik], message: marker, delete_after: due });
    assert.equal(sent.status, 201, sent.text);
    const ids = sent.json.recipients.map((x) => x.instance);
    const later = await nurse.post('/api/v1/dispatches', { template: who5, recipients: [people.sara], delete_after: addDays(due, 1) });
    const kept = later.json.recipients.map((x) => x.instance);
    await answerForm(await server.citizen(people.anna), ids[0], sample('who-5', 'answers/valid-good.json').answers);
    // An export holding Anna's answer goes with it.
    assert.equal((await admin.post('/api/v1/admin/roles', { username: 'admin', role: 'exporter' })).status, 200);
    const exported = await (await server.staff('admin', 'VCN')).post(`/api/v1/answers/${ids[0]}/pdf`);
    assert.equal(exported.status, 201, exported.text);
    const exportId = exported.json.export.id;

    assert.equal((await admin.put('/api/v1/admin/unit', { retention: { days: 2, after: 'delete_after' } })).status, 200);
    const before = count('SELECT COUNT(*) FROM instances');
    const mailBefore = outboxMail(server);

    // Kept through `due` + 2 days; the run of that last day warns, the next deletes.
    const warned = await runOn(addDays(due, 2), unitId);
    assert.deepEqual([warned.answers, warned.tomorrow], [0, 2]);
    assert.equal(count('SELECT COUNT(*) FROM instances'), before, 'nothing deleted yet');
    await server.logged(new RegExp(` mail\\.sent mail=${warned.mail}\\b`));
    assert.deepEqual(newMail(server, mailBefore).map(parts), [{
      to: 'enheten@example.se',
      subject: 'Gallring i morgon: 2 formulärsvar på Vårdcentralen Norr',
      body: 'I morgon gallras 2 formulärsvar på Vårdcentralen Norr enligt enhetens gallringsregel (2 dagar efter Gallras efter). '
        + 'Svaren raderas helt och kan inte återskapas. Logga in i Blankett och öppna Uppföljning om något av dem behöver tas om hand före gallringen.',
    }]);
    const reader = await server.staff('sjukskoterska');
    assert.deepEqual((await reader.get('/api/v1/answers/retention')).json, { policy: { days: 2, after: 'delete_after' }, tomorrow: 2 });

    const afterWarning = outboxMail(server);
    const deleted = await runOn(addDays(due, 3), unitId);
    assert.deepEqual([deleted.answers, deleted.tomorrow, deleted.mail > warned.mail], [2, 1, true]);
    assert.equal(count('SELECT COUNT(*) FROM instances'), before - 2);
    for (const table of ['instances WHERE id', 'instance_events WHERE instance_id', 'inbox_messages WHERE instance_id',
      'export_instances WHERE instance_id', 'notifications WHERE instance_id', 'attachments WHERE instance_id'])
      assert.equal(count(`SELECT COUNT(*) FROM ${table} IN (${ids.join(',')})`), 0, table);
    assert.equal(count(`SELECT COUNT(*) FROM exports WHERE id = ${exportId}`), 0, 'the export is gone');
    assert.equal(count(`SELECT COUNT(*) FROM instances WHERE id IN (${kept.join(',')})`), 1, 'the later one is kept');
    const entries = (await (await server.staff('admin', 'VCN')).get('/api/v1/admin/audit?action=answers.retention')).json.entries;
    assert.deepEqual(entries.map((e) => [e.staff, e.target, e.details]), [['', `unit:${unitId}`, '2 answers; rule: 2 days after delete_after']]);
    // The next day's warning (Sara's) went once; no personal data in any mail or the log.
    assert.equal(newMail(server, afterWarning).length, 1);
    assert.match(newMail(server, afterWarning)[0], /I morgon gallras 1 formulärsvar/);
    const all = [...outboxMail(server).values()].join('\n') + server.log();
    for (const who of [people.anna, people.erik, people.sara]) assert.equal(all.includes(who), false);
    if (!onPostgres) {
      // The write-ahead log was emptied before the run's line was written, or (a reader held it) soon after.
      if (/ deletion\.pending /.test(server.log())) await server.logged(/ deletion\.purged/);
      for (const suffix of ['', '-wal']) {
        let bytes = Buffer.alloc(0);
        try { bytes = readFileSync(server.database + suffix); } catch { /* no WAL after the checkpoint */ }
        assert.equal(bytes.indexOf(marker), -1, `the banner is gone from blankett.db${suffix}`);
      }
    }
  });

  test('N days after documented: only documented answers, kept through the day N days after, deleted the night after', async () => {
    let admin = await server.staff('admin', 'VCN');
    const unitId = admin.me.unit;
    const nurse = await server.staff('sjukskoterska');
    const phq9 = (await nurse.get('/api/v1/templates')).json.templates.find((t) => t.form_id === 'phq-9').id;
    const sent = await nurse.post('/api/v1/dispatches', { template: phq9, recipients: [people.erik, people.sara] });
    const ids = sent.json.recipients.map((x) => x.instance);
    const answers = sample('phq-9', 'answers/valid-mild.json').answers;
    await answerForm(await server.citizen(people.erik), ids[0], answers);
    await answerForm(await server.citizen(people.sara), ids[1], answers);
    assert.equal((await nurse.post(`/api/v1/answers/${ids[0]}/documented`)).status, 200);
    const documentedOn = dateOf(new Date(await clockNow(server)));
    assert.equal((await admin.put('/api/v1/admin/unit', { retention: { days: 1, after: 'documented' } })).status, 200);
    const mailBefore = outboxMail(server);

    const warned = await runOn(addDays(documentedOn, 1), unitId);
    assert.deepEqual([warned.answers, warned.tomorrow], [0, 1]);
    await server.logged(new RegExp(` mail\\.sent mail=${warned.mail}\\b`));
    assert.deepEqual(newMail(server, mailBefore).map((m) => parts(m).body), [
      'I morgon gallras 1 formulärsvar på Vårdcentralen Norr enligt enhetens gallringsregel (1 dag efter att svaret markerats som dokumenterat). '
      + 'Svaren raderas helt och kan inte återskapas. Logga in i Blankett och öppna Uppföljning om något av dem behöver tas om hand före gallringen.',
    ]);
    const deleted = await runOn(addDays(documentedOn, 2), unitId);
    assert.deepEqual([deleted.answers, deleted.tomorrow, deleted.mail], [1, 0, 0]);
    assert.equal(count(`SELECT COUNT(*) FROM instances WHERE id = ${ids[0]}`), 0);
    assert.equal(count(`SELECT COUNT(*) FROM instances WHERE id = ${ids[1]}`), 1, 'not documented: kept');
    admin = await server.staff('admin', 'VCN');
    const entry = (await admin.get('/api/v1/admin/audit?action=answers.retention')).json.entries[0];
    assert.equal(entry.details, '1 answers; rule: 1 days after documented');
    // The other unit has no rule: its run deletes nothing there, and it is never warned.
    assert.equal(server.logCount(new RegExp(` retention\\.unit unit=(?!${unitId} )`)), 0);
  });
});
