// Follow-up (Uppföljning): the unit's answers filtered, sorted and paged with their total, and the
// answers that raise an alert (PHQ-9 item 9) first.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { Server, answerForm as answerWhole, people, sample } from './server.mjs';

let server;
before(async () => { server = await Server.start(); });
after(async () => { await server.close(); });

const pnrOf = (a) => a.recipient?.personnummer;


describe('the answers list', () => {
  let phq9, sent;
  before(async () => {
    const nurse = await server.staff('sjukskoterska');
    // The demo's answers submitted yesterday (server/demo_answers.cpp) are deleted first: this suite
    // counts the demo's forms that wait and the ones it sends.
    const seeded = (await nurse.get('/api/v1/answers?state=COMPLETED&limit=1')).json.total;
    assert.deepEqual((await nurse.post('/api/v1/answers/gallra?state=COMPLETED', { count: seeded })).json, { deleted: 6 });
    phq9 = (await nurse.get('/api/v1/templates')).json.templates.find((t) => t.form_id === 'phq-9').id;
    const r = await nurse.post('/api/v1/dispatches', { template: phq9, recipients: [people.anna, people.erik, people.sara] });
    assert.equal(r.status, 201, r.text);
    sent = Object.fromEntries(r.json.recipients.map((x, i) => [[people.anna, people.erik, people.sara][i], x.instance]));
    // Anna answers item 9 (thoughts of self-harm): a critical alert; Erik a mild total; Sara not yet.
    await answerWhole(await server.citizen(people.anna), sent[people.anna], sample('phq-9', 'answers/valid-moderately-severe.json').answers);
    await answerWhole(await server.citizen(people.erik), sent[people.erik], sample('phq-9', 'answers/valid-mild.json').answers);
  });

  test('needs attention: the answer with item 9 alone, its alert critical; sorted by alert it comes first', async () => {
    const nurse = await server.staff('sjukskoterska');
    const attention = (await nurse.get('/api/v1/answers?attention=true')).json;
    assert.deepEqual([attention.total, attention.answers.map((a) => [a.id, a.alert])], [1, [[sent[people.anna], 'critical']]]);
    const byAlert = (await nurse.get(`/api/v1/answers?template=${phq9}&sort=alert&dir=desc`)).json.answers;
    assert.equal(byAlert[0].id, sent[people.anna]);
    assert.deepEqual(byAlert.slice(1).map((a) => a.alert), byAlert.slice(1).map(() => 'none'));
  });

  test('filters: template and state, the recipient by number or name, dates, documented; the total counts them all', async () => {
    const nurse = await server.staff('sjukskoterska');
    const get = async (q) => {
      const r = await nurse.get(`/api/v1/answers?${q}`);
      assert.equal(r.status, 200, r.text);
      return r.json;
    };
    const completed = await get(`template=${phq9}&state=COMPLETED`);
    assert.deepEqual(completed.answers.map((a) => a.id).sort(), [sent[people.anna], sent[people.erik]].sort());
    assert.equal(completed.total, 2);
    // Anna by number in either written form: the demo's PHQ-9 and this one.
    const anna = await get(`template=${phq9}&personnummer=${people.anna.slice(0, 8)}-${people.anna.slice(8)}`);
    assert.deepEqual([anna.total, [...new Set(anna.answers.map(pnrOf))]], [2, [people.anna]]);
    const erik = await get('name=SVENSSON');
    assert.deepEqual([...new Set(erik.answers.map((a) => a.recipient.name))], ['Erik Svensson']);
    const today = new Date().toISOString().slice(0, 10);
    const answeredToday = await get(`answered_from=${today}&answered_to=${today}`);
    assert.deepEqual(answeredToday.answers.map((a) => a.id).sort(), [sent[people.anna], sent[people.erik]].sort());
    const yesterday = new Date(Date.now() - 2 * 86400e3).toISOString().slice(0, 10);
    assert.equal((await get(`sent_to=${yesterday}`)).total, 0);
    assert.equal((await get(`sent_from=${yesterday}&template=${phq9}`)).total, 4);  // the demo's PHQ-9 for Anna and these three
    assert.equal((await nurse.post(`/api/v1/answers/${sent[people.erik]}/documented`)).status, 200);
    assert.deepEqual((await get('documented=true')).answers.map((a) => a.id), [sent[people.erik]]);
    assert.equal((await get(`documented=false&template=${phq9}`)).total, 3);
  });

  test('sorted on any column, paged with offset and the total; unanswered forms last when sorted by answer time', async () => {
    const nurse = await server.staff('sjukskoterska');
    const all = (await nurse.get('/api/v1/answers?limit=500')).json;
    assert.equal(all.total, all.answers.length);
    const answered = (await nurse.get(`/api/v1/answers?template=${phq9}&sort=answered&dir=desc`)).json.answers;
    assert.deepEqual(answered.map((a) => a.submitted_at !== null), [true, true, false, false]);
    assert.ok(answered[0].submitted_at >= answered[1].submitted_at);
    const ascending = (await nurse.get(`/api/v1/answers?template=${phq9}&sort=answered&dir=asc`)).json.answers;
    assert.deepEqual(ascending.map((a) => a.submitted_at !== null), [true, true, false, false]);
    const byName = (await nurse.get(`/api/v1/answers?template=${phq9}&sort=recipient&dir=asc`)).json.answers.map((a) => a.recipient.name);
    assert.deepEqual(byName, [...byName].sort((a, b) => a.localeCompare(b, 'sv')));
    const byNameDown = (await nurse.get(`/api/v1/answers?template=${phq9}&sort=recipient&dir=desc`)).json.answers.map((a) => a.recipient.name);
    assert.deepEqual(byNameDown, [...byName].reverse());
    const byForm = (await nurse.get('/api/v1/answers?sort=form&dir=asc&limit=500')).json.answers.map((a) => a.name);
    assert.deepEqual(byForm, [...byForm].sort());
    assert.ok(new Set(byForm).size >= 2);
    for (const sort of ['sent', 'answer_by', 'delete_after', 'form', 'state']) {
      const r = await nurse.get(`/api/v1/answers?sort=${sort}&dir=asc&limit=2&offset=1`);
      assert.deepEqual([r.status, r.json.answers.length, r.json.total, r.json.offset], [200, 2, all.total, 1], sort);
    }
    const page2 = (await nurse.get(`/api/v1/answers?sort=sent&dir=desc&limit=2&offset=2`)).json.answers.map((a) => a.id);
    const page1 = (await nurse.get(`/api/v1/answers?sort=sent&dir=desc&limit=4`)).json.answers.map((a) => a.id);
    assert.deepEqual(page2, page1.slice(2));
  });

  test('bad parameters are refused with the parameter named; the audit log names nobody', async () => {
    const nurse = await server.staff('sjukskoterska');
    for (const [q, field] of [['sort=colour', 'sort'], ['dir=up', 'dir'], ['sent_from=2026-13-01', 'sent_from'], ['personnummer=12345', 'personnummer'],
      ['offset=-1', 'offset'], ['limit=0', 'limit']]) {
      const r = await nurse.get(`/api/v1/answers?${q}`);
      assert.deepEqual([r.status, r.json.error.field], [400, field], q);
    }
    await nurse.get(`/api/v1/answers?personnummer=${people.anna}&name=anna`);
    const admin = await server.staff('admin');
    const log = (await admin.get('/api/v1/admin/audit?action=answers.list')).json.entries;
    assert.match(log[0].details, /by recipient/);
    assert.doesNotMatch(JSON.stringify(log), /19760102|Anna|anna/);
    // Another unit sees none of them.
    const syd = await server.staff('syd');
    assert.equal((await syd.get('/api/v1/answers?attention=true')).json.total, 0);
  });
});

describe('gallring by filter', () => {
  test('the count confirmed must be the count now; then every selected answer is gone, from the database files too', async () => {
    const nurse = await server.staff('sjukskoterska');
    const who5 = (await nurse.get('/api/v1/templates')).json.templates.find((t) => t.form_id === 'who-5').id;
    const today = new Date().toISOString().slice(0, 10);
    const marker = `Gallringsprov-${process.pid}-${Date.now()}`;  // in each form's banner, to look for in the files
    const sent = await nurse.post('/api/v1/dispatches', { template: who5, recipients: [people.anna, people.erik, people.sara],
      message: marker, delete_after: today });
    assert.equal(sent.status, 201, sent.text);
    const ids = sent.json.recipients.map((r) => r.instance);
    const query = `template=${who5}&delete_due=true`;
    assert.equal((await nurse.get(`/api/v1/answers?${query}`)).json.total, 3);

    const stale = await nurse.post(`/api/v1/answers/gallra?${query}`, { count: 2 });
    assert.deepEqual([stale.status, stale.json.error.code, stale.json.error.message],
      [409, 'gallring.changed', 'The filter selects 3 answers now; confirm again.']);
    assert.equal((await nurse.get(`/api/v1/answers?${query}`)).json.total, 3, 'nothing deleted');

    const done = await nurse.post(`/api/v1/answers/gallra?${query}`, { count: 3 });
    assert.deepEqual([done.status, done.json], [200, { deleted: 3 }]);
    assert.equal((await nurse.get(`/api/v1/answers?${query}`)).json.total, 0);
    for (const table of ['instances WHERE id', 'instance_events WHERE instance_id', 'inbox_messages WHERE instance_id'])
      assert.equal(server.sql(`SELECT COUNT(*) FROM ${table} IN (${ids.join(',')})`), '0', table);
    const admin = await server.staff('admin');
    const entry = (await admin.get('/api/v1/admin/audit?action=answers.deleted')).json.entries[0];
    assert.equal(entry.details, `3 answers template=${who5} delete_after_to=${today}`);
    if (!server.database.startsWith('postgresql:')) {
      for (const suffix of ['', '-wal']) {
        let bytes = Buffer.alloc(0);
        try { bytes = readFileSync(server.database + suffix); } catch { /* no WAL after the checkpoint */ }
        assert.equal(bytes.indexOf(marker), -1, `the banner is gone from blankett.db${suffix}`);
      }
    }
  });
});

describe('reminders', () => {
  test('to the answers chosen: a waiting form gets an inbox message, a notification and a history entry; a submitted one is skipped', async () => {
    const nurse = await server.staff('sjukskoterska');
    const phq9 = (await nurse.get('/api/v1/templates')).json.templates.find((t) => t.form_id === 'phq-9').id;
    const sent = await nurse.post('/api/v1/dispatches', { template: phq9, recipients: [people.sara, people.erik], inbox: false });
    const [sara, erik] = sent.json.recipients.map((r) => r.instance);
    await answerWhole(await server.citizen(people.erik), erik, sample('phq-9', 'answers/valid-mild.json').answers);
    const before = server.logCount(/ notification\.sent /);
    const r = await nurse.post('/api/v1/answers/reminders', { answers: [sara, erik] });
    assert.deepEqual([r.status, r.json], [200, { reminded: 1, skipped: 1 }]);
    await server.loggedTimes(/ notification\.sent /, before + 1);  // Sara has e-mail notifications
    const inbox = (await (await server.citizen(people.sara)).get('/api/v1/citizen/inbox')).json.messages;
    assert.deepEqual([inbox[0].subject, inbox[0].form], ['Påminnelse: formulär att besvara', sara]);
    const history = (await nurse.get(`/api/v1/answers/${sara}`)).json.events.map((e) => e.kind).filter((k) => k !== 'notified');
    assert.deepEqual(history.slice(-1), ['reminded']);
    assert.equal(server.sql(`SELECT purpose FROM notifications WHERE instance_id = ${sara}`), 'reminder');
    assert.equal((await nurse.post('/api/v1/answers/reminders', { answers: [999999] })).status, 404);
  });

  test('to all the filter selects, with the count confirmed', async () => {
    const nurse = await server.staff('sjukskoterska');
    const who5 = (await nurse.get('/api/v1/templates')).json.templates.find((t) => t.form_id === 'who-5').id;
    await nurse.post('/api/v1/dispatches', { template: who5, recipients: [people.anna, people.erik], inbox: false });
    const query = `template=${who5}&state=ONGOING`;
    const total = (await nurse.get(`/api/v1/answers?${query}`)).json.total;
    const stale = await nurse.post(`/api/v1/answers/reminders?${query}`, { count: total + 1 });
    assert.deepEqual([stale.status, stale.json.error.code], [409, 'reminder.changed']);
    const r = await nurse.post(`/api/v1/answers/reminders?${query}`, { count: total });
    assert.deepEqual([r.status, r.json.reminded + r.json.skipped], [200, total]);
    const admin = await server.staff('admin');
    assert.match((await admin.get('/api/v1/admin/audit?action=answers.remind')).json.entries[0].details, new RegExp(`^${r.json.reminded} reminded`));
  });
});
