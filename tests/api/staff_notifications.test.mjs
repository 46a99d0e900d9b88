// Staff notifications when a form is answered: each user's own settings (an address, the forms they
// follow), the mail through the outbox with its minimal text, only to followers who may read the
// unit's answers, and coalesced to one mail per follower and form per 10 minutes (the test clock).
// Every wait is on the server's log, never on a timer.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Server, answerForm, people, sample } from './server.mjs';

const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const clockNow = async (server) => Date.parse((await server.client().get('/api/v1/test/clock')).json.now);
const outboxMail = (server) => {
  const dir = path.join(server.dir, 'outbox');
  let names = [];
  try { names = readdirSync(dir).filter((f) => f.includes('blankett-mail-') && !f.endsWith('.part')); } catch { /* none yet */ }
  return new Map(names.map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
};
const newMail = (server, before) => [...outboxMail(server)].filter(([name]) => !before.has(name)).map(([, text]) => text);
// A mail file's recipient, subject and body (the outbox folder's format: headers, a blank line, the text).
const parts = (text) => {
  const [head, body] = text.split('\n\n');
  return { to: /^To: (.*)$/m.exec(head)[1], subject: /^Subject: (.*)$/m.exec(head)[1], body: body.trim() };
};

let server;
before(async () => { server = await Server.start({ 'test-clock': 'on' }); });
after(async () => { await server.close(); });

// A new account at the admin's unit (VCN) with a role; logs in as it.
async function newStaff(admin, username, role) {
  const r = await admin.post('/api/v1/admin/staff', { username, name: `Prov ${username}`, role });
  assert.equal(r.status, 201, r.text);
  server.passwords[username] = r.json.password;
  return { id: r.json.id, client: await server.staff(username) };
}

describe('the settings', () => {
  test('a reader sees the unit\'s forms to follow; bad input is refused with its field; a non-reader may not follow', async () => {
    const nurse = await server.staff('sjukskoterska');
    const first = await nurse.get('/api/v1/staff/settings');
    assert.equal(first.status, 200, first.text);
    assert.deepEqual([first.json.email, first.json.notify], [null, []]);
    const templates = (await nurse.get('/api/v1/templates')).json.templates;
    const answerable = templates.filter((t) => t.kind !== 'information').map((t) => ({ template: t.id, name: t.name }));
    assert.deepEqual(first.json.templates, answerable);
    assert.ok(first.json.templates.some((t) => t.name === 'Hälsoformulär (PHQ-9)'));
    const info = templates.find((t) => t.kind === 'information');
    assert.ok(info && !first.json.templates.some((t) => t.template === info.id), 'an information form cannot be answered');
    const phq9 = templates.find((t) => t.form_id === 'phq-9');

    const refused = async (body, status, code, field) => {
      const r = await nurse.put('/api/v1/staff/settings', body);
      assert.deepEqual([r.status, r.json.error.code, r.json.error.field], [status, code, field], r.text);
    };
    await refused({ email: 'inte en adress' }, 400, 'request.value', 'email');
    await refused({ email: 'a@b@c.se' }, 400, 'request.value', 'email');
    await refused({ notify: [phq9.id, 99999] }, 400, 'request.value', 'notify.1');
    await refused({ notify: [phq9.id, 'x'] }, 400, 'request.type', 'notify.1');
    await refused({ notify: 'phq-9' }, 400, 'request.type', 'notify');
    assert.deepEqual((await nurse.get('/api/v1/staff/settings')).json.notify, [], 'nothing was saved');
    const noCsrf = server.client();
    noCsrf.cookie = nurse.cookie;
    assert.equal((await noCsrf.put('/api/v1/staff/settings', { email: 'x@example.se' })).status, 403);

    const saved = await nurse.put('/api/v1/staff/settings', { email: 'sanna@example.se', notify: [phq9.id, phq9.id] });
    assert.equal(saved.status, 200, saved.text);
    assert.deepEqual([saved.json.email, saved.json.notify], ['sanna@example.se', [{ template: phq9.id, name: phq9.name }]]);
    assert.deepEqual((await nurse.get('/api/v1/staff/settings')).json.notify, [{ template: phq9.id, name: phq9.name }]);
    // Only the address: what is followed stays.
    assert.deepEqual((await nurse.put('/api/v1/staff/settings', { email: null })).json.email, null);
    assert.deepEqual((await nurse.get('/api/v1/staff/settings')).json.notify, [{ template: phq9.id, name: phq9.name }]);
    assert.equal((await nurse.put('/api/v1/staff/settings', { notify: [] })).json.notify.length, 0);

    const designer = await server.staff('designer');
    assert.deepEqual((await designer.get('/api/v1/staff/settings')).json, { email: null, notify: [], templates: [] });
    const r = await designer.put('/api/v1/staff/settings', { notify: [phq9.id] });
    assert.deepEqual([r.status, r.json.error.code, r.json.error.field], [403, 'auth.role', 'notify']);
    assert.equal((await designer.put('/api/v1/staff/settings', { email: 'dan@example.se' })).json.email, 'dan@example.se');
  });
});

describe('the mail when a form is answered', () => {
  test('only followers of the form at the unit who may read it get one, without personal data; more answers within 10 minutes make one mail', async () => {
    const admin = await server.staff('admin');
    const nurse = await server.staff('sjukskoterska');
    const templates = (await nurse.get('/api/v1/templates')).json.templates;
    const phq9 = templates.find((t) => t.form_id === 'phq-9');
    const who5 = templates.find((t) => t.form_id === 'who-5');
    const follow = async (client, email, ids) => {
      const r = await client.put('/api/v1/staff/settings', { email, notify: ids });
      assert.equal(r.status, 200, r.text);
    };
    await follow(nurse, 'sanna@example.se', [phq9.id]);
    await follow(admin, null, [phq9.id]);                       // no address: nothing to send to
    const other = await newStaff(admin, 'annan.lasare', 'reader');
    await follow(other.client, 'annan@example.se', [who5.id]);  // another form
    const disabled = await newStaff(admin, 'avstangd.lasare', 'reader');
    await follow(disabled.client, 'avstangd@example.se', [phq9.id]);
    assert.equal((await admin.put(`/api/v1/admin/staff/${disabled.id}`, { disabled: true })).status, 200);
    const former = await newStaff(admin, 'fore.detta', 'reader');
    await follow(former.client, 'foredetta@example.se', [phq9.id]);
    assert.equal((await admin.post('/api/v1/admin/roles', { username: 'fore.detta', role: 'sender' })).status, 200);
    assert.equal((await admin.request('DELETE', '/api/v1/admin/roles', { username: 'fore.detta', role: 'reader' })).status, 200);
    // Syd follows at its own unit (HCS) a form VCN gets answers to: not VCN's answers.
    const syd = await server.staff('syd');
    const sydPhq9 = (await syd.get('/api/v1/staff/settings')).json.templates.find((t) => t.template === phq9.id);
    if (sydPhq9) await follow(syd, 'syd@example.se', [phq9.id]);

    const sent = await nurse.post('/api/v1/dispatches', { template: phq9.id, recipients: [people.anna, people.erik, people.sara] });
    assert.equal(sent.status, 201, sent.text);
    const ids = sent.json.recipients.map((r) => r.instance);
    const answers = sample('phq-9', 'answers/valid-mild.json').answers;
    const mailBefore = outboxMail(server);
    const sentBefore = server.logCount(/ mail\.sent /);
    await answerForm(await server.citizen(people.anna), ids[0], answers);
    await server.loggedTimes(/ mail\.sent /, sentBefore + 1);
    const first = newMail(server, mailBefore).map(parts);
    const unit = 'Vårdcentralen Norr';
    assert.deepEqual(first, [{
      to: 'sanna@example.se',
      subject: `Nytt formulärsvar: ${phq9.name}`,
      body: `Ett nytt svar på ${phq9.name} har kommit in till ${unit}. Logga in i Blankett och öppna Uppföljning för att läsa det.`,
    }]);
    assert.equal(server.logCount(/ staff_notice\.queued /), 1);

    // Two more within 10 minutes: counted, the mail waits until 10 minutes after the first.
    const afterFirst = outboxMail(server);
    await answerForm(await server.citizen(people.erik), ids[1], answers);
    await answerForm(await server.citizen(people.sara), ids[2], answers);
    const key = `${nurse.me.staff.id}:${nurse.me.unit}:${phq9.id}`;
    assert.equal(server.sql(`SELECT pending FROM staff_subscriptions WHERE staff_id = ${nurse.me.staff.id} AND template_id = ${phq9.id}`), '2');
    const due = Date.parse(server.sql(`SELECT due_at FROM jobs WHERE kind = 'answer_notice' AND key = '${key}' AND done_at IS NULL`));
    const firstAt = Date.parse(server.sql(`SELECT last_mail_at FROM staff_subscriptions WHERE staff_id = ${nurse.me.staff.id} AND template_id = ${phq9.id}`));
    assert.equal(due - firstAt, 600e3);
    assert.equal(server.logCount(/ staff_notice\.queued /), 1, 'no second mail yet');

    const r = await server.client().put('/api/v1/test/clock', { now: iso(Math.max(due, await clockNow(server))) });
    assert.equal(r.status, 200, r.text);
    await server.loggedTimes(/ mail\.sent /, sentBefore + 2);
    assert.deepEqual(newMail(server, afterFirst).map(parts), [{
      to: 'sanna@example.se',
      subject: `2 nya formulärsvar: ${phq9.name}`,
      body: `2 nya svar på ${phq9.name} har kommit in till ${unit}. Logga in i Blankett och öppna Uppföljning för att läsa dem.`,
    }]);
    assert.match(server.log(), new RegExp(` staff_notice\\.queued mail=\\d+ staff=${nurse.me.staff.id} unit=${nurse.me.unit} template=${phq9.id} answers=2\\b`));
    assert.equal(server.logCount(/ staff_notice\.queued /), 2, 'the others got nothing');
    assert.equal(server.sql('SELECT COUNT(*) FROM staff_mail WHERE address <> \'sanna@example.se\''), '0');

    // No personal data anywhere: no number, no name, no answer, in any mail or the log.
    const all = [...outboxMail(server).values()].join('\n');
    for (const who of [people.anna, people.erik, people.sara]) {
      for (const text of [all, server.log()]) {
        assert.equal(text.includes(who), false);
        assert.equal(text.includes(`${who.slice(0, 8)}-${who.slice(8)}`), false);
      }
    }
    assert.doesNotMatch(all, /Anna|Erik|Sara|Andersson|Svensson/);
  });
});
