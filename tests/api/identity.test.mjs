// Where a citizen's identity comes from (the demo login, or a trusted proxy's header), the citizen's
// own settings, and forms closed after their answer-by date.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Server, people } from './server.mjs';

describe('demo identity (the default)', () => {
  let server;
  before(async () => { server = await Server.start(); });
  after(async () => { await server.close(); });

  test('the demo login lists the demo citizens; the header is ignored', async () => {
    const list = await server.client().get('/api/v1/citizen/demo-people');
    assert.equal(list.status, 200);
    assert.deepEqual(list.json.people.map((p) => [p.name, p.personnummer, p.protected_identity]), [
      ['Anna Andersson', people.anna, false], ['Erik Svensson', people.erik, false], ['Sara Lind', people.sara, false],
      ['Lova Lind', people.lova, false], ['Kim Berg', people.kim, true], ['Greta Holm', people.greta, false],
      ['Olof Nyberg', people.olof, false], ['Maja Ek', people.maja, false], ['Ali Hassan', people.ali, false],
      ['Ingrid Sjöberg', people.ingrid, false]]);
    const r = await server.client().request('POST', '/api/v1/citizen/login', {}, { 'X-Blankett-Personnummer': people.anna });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'personnummer');
  });

  test('a citizen sees and changes their notification settings', async () => {
    const anna = await server.citizen(people.anna);
    let me = await anna.get('/api/v1/citizen/me');
    assert.equal(me.json.name, 'Anna Andersson');
    assert.deepEqual(me.json.notifications, { email: 'anna@example.se', sms: null });
    let r = await anna.put('/api/v1/citizen/settings', { sms: '070-123 45 67', email: null });
    assert.equal(r.status, 200, r.text);
    me = await anna.get('/api/v1/citizen/me');
    assert.deepEqual(me.json.notifications, { email: null, sms: '070-123 45 67' });
    r = await anna.put('/api/v1/citizen/settings', { sms: '12345' });
    assert.equal(r.status, 400);
    assert.deepEqual(r.json.error, { code: 'request.value', message: 'That is not a valid mobile number.', field: 'sms' });
    r = await anna.put('/api/v1/citizen/settings', { email: 'anna@' });
    assert.equal(r.json.error.field, 'email');
    me = await anna.get('/api/v1/citizen/me');
    assert.deepEqual(me.json.notifications, { email: null, sms: '070-123 45 67' }, 'a refused change changes nothing');
    // The sender sees it at the next dispatch.
    const nurse = await server.staff('sjukskoterska');
    const phq = (await nurse.get('/api/v1/templates')).json.templates.find((t) => t.form_id === 'phq-9').id;
    const sent = await nurse.post('/api/v1/dispatches', { template: phq, recipients: [people.anna, people.erik] });
    assert.deepEqual(sent.json.recipients.map((x) => [x.has_logged_in, x.notifications, x.advice]), [
      [true, { email: false, sms: true }, ''],
      [false, { email: false, sms: false }, 'no_notifications']]);
  });

  test('after the answer-by date a form is closed to changes', async () => {
    const erik = await server.citizen(people.erik);
    const nurse = await server.staff('sjukskoterska');
    const phq = (await nurse.get('/api/v1/templates')).json.templates.find((t) => t.form_id === 'phq-9').id;
    const sent = await nurse.post('/api/v1/dispatches', { template: phq, recipients: [people.erik] });
    const id = sent.json.recipients[0].instance;
    assert.equal((await erik.put(`/api/v1/citizen/forms/${id}/pages/p1`, { revision: 0, answers: { q1: '1' } })).status, 200);
    // The date passes (set in the database: the API refuses answer-by dates in the past).
    server.sql(`UPDATE instances SET answer_by = '2020-01-01' WHERE id = ${id}`);
    const opened = await erik.get(`/api/v1/citizen/forms/${id}`);
    assert.equal(opened.json.closed, true);
    assert.deepEqual(opened.json.answers, { q1: '1' }, 'what was saved is still shown');
    for (const r of [
      await erik.put(`/api/v1/citizen/forms/${id}/pages/p1`, { revision: 1, answers: { q1: '2' } }),
      await erik.post(`/api/v1/citizen/forms/${id}/review`),
    ]) {
      assert.equal(r.status, 409);
      assert.deepEqual(r.json.error, { code: 'form.closed', message: 'The last day to answer has passed.' });
    }
  });
});

describe('identity from a trusted reverse proxy', () => {
  let server;
  before(async () => { server = await Server.start({ identity: 'header' }); });
  after(async () => { await server.close(); });

  test('the header is the identity; without it there is no login; the demo list is gone', async () => {
    const c = server.client();
    let r = await c.request('POST', '/api/v1/citizen/login', {}, { 'X-Blankett-Personnummer': '19760102-2382' });
    assert.equal(r.status, 200, r.text);
    const forms = await c.get('/api/v1/citizen/forms');
    assert.equal(forms.json.ongoing.find((f) => f.title.includes('PHQ-9')).unit, 'Vårdcentralen Norr');
    r = await server.client().post('/api/v1/citizen/login', { personnummer: people.anna });
    assert.equal(r.status, 401);
    assert.equal(r.json.error.code, 'auth.no_identity');
    assert.equal((await server.client().get('/api/v1/citizen/demo-people')).status, 404);
  });
});

describe('demo turned off', () => {
  test('no demo data, no demo login', async () => {
    const server = await Server.start({ demo: 'off' });
    try {
      assert.equal(server.passwords, undefined);
      const r = await server.client().post('/api/v1/citizen/login', { personnummer: people.anna });
      assert.equal(r.status, 403);
      assert.equal(r.json.error.code, 'auth.demo_off');
      assert.equal((await server.client().get('/api/v1/citizen/demo-people')).status, 404);
    } finally {
      await server.close();
    }
  });
});
