// Webhooks: subscriptions administered per unit; each form event (created, completed, cancelled,
// documented, deleted) POSTed with ids only to a receiver on loopback, signed with HMAC-SHA256 and
// verified here with node:crypto; a receiver that is down gets the event later, once; a server killed
// during a delivery neither loses nor duplicates it; a unit's subscription sees nothing of another unit.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { readFileSync, watch } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Server, answerForm, onPostgres, people, root, sample } from './server.mjs';

const SECRET = 'a-shared-secret-of-the-journal-system';
const EVENTS = ['FormCreated', 'FormCompleted', 'FormCancelled', 'FormDocumented', 'FormDeleted'];
const BODY_KEYS = ['created_at', 'event', 'external_ref', 'form', 'id', 'state', 'template', 'unit'];

// The verification a receiver does (docs/api.md, "Webhooks"): the HMAC-SHA256 of "<t>.<body>" with the
// secret, compared in constant time, and a `t` that is recent (`now` in unix seconds; the server's clock).
function verify(secret, header, body, now, tolerance = 300) {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!m) return false;
  const expected = crypto.createHmac('sha256', secret).update(`${m[1]}.${body}`).digest();
  return crypto.timingSafeEqual(expected, Buffer.from(m[2], 'hex')) && Math.abs(now - Number(m[1])) <= tolerance;
}

// A receiver on 127.0.0.1: records every request; answers 200 ("ok"), 503 ("down") or not at all
// ("hold", until released). Waits are on arrivals, never on a timer.
async function receiver() {
  const r = { got: [], held: [], mode: 'ok', waiters: [] };
  r.server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      const hit = { method: req.method, path: req.url, headers: req.headers, body, json: JSON.parse(body), answer: r.mode };
      r.got.push(hit);
      if (r.mode === 'hold') r.held.push(res);
      else {
        res.writeHead(r.mode === 'down' ? 503 : 200, { 'Content-Type': 'text/plain' });
        res.end(r.mode === 'down' ? 'down' : 'ok');
      }
      for (const w of [...r.waiters]) if (w.match(hit)) { r.waiters.splice(r.waiters.indexOf(w), 1); w.resolve(hit); }
    });
  });
  await new Promise((resolve) => r.server.listen(0, '127.0.0.1', resolve));
  r.url = `http://127.0.0.1:${r.server.address().port}/hook`;
  // The first request (already here or to come) that `match` accepts.
  r.next = (match) => {
    const found = r.got.find(match);
    return found ? Promise.resolve(found) : new Promise((resolve) => r.waiters.push({ match, resolve }));
  };
  r.close = () => {
    for (const res of r.held) res.destroy();
    r.server.closeAllConnections();
    return new Promise((resolve) => r.server.close(resolve));
  };
  return r;
}

// The events received of a form, de-duplicated by id as a receiver does.
const unique = (hits) => [...new Map(hits.map((h) => [h.json.id, h])).values()];

let server, norr, syd, phq9, hook, other;
before(async () => {
  server = await Server.start({ 'test-clock': 'on' });
  norr = await server.staff('admin', 'VCN');
  syd = await server.staff('admin', 'HCS');
  phq9 = (await norr.get('/api/v1/templates')).json.templates.find((t) => t.form_id === 'phq-9').id;
  hook = await receiver();
  other = await receiver();
});
after(async () => {
  await server.close();
  await hook.close();
  await other.close();
});

async function serverNow() {
  return Date.parse((await norr.get('/api/v1/test/clock')).json.now) / 1000;
}

async function later(minutes) {
  const now = Date.parse((await norr.get('/api/v1/test/clock')).json.now);
  const t = new Date(now + minutes * 60e3).toISOString().replace(/\.\d+Z$/, 'Z');
  assert.equal((await norr.put('/api/v1/test/clock', { now: t })).status, 200);
}

// A record system's client: the key in the Authorization header.
function system(key) {
  const call = async (method, url, body) => {
    const headers = { Authorization: `Bearer ${key}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(server.base + url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, json: JSON.parse(text), text };
  };
  return { get: (url) => call('GET', url), post: (url, body = {}) => call('POST', url, body) };
}

describe('webhooks', () => {
  let journal, sydSystem, hookId, otherId;
  before(async () => {
    const r = await norr.post('/api/v1/admin/record-systems', { name: 'Cosmic' });
    assert.equal(r.status, 201, r.text);
    journal = system(r.json.key);
    assert.equal((await norr.put('/api/v1/admin/unit', { hsa_id: 'SE2321000032-vcn001' })).status, 200);
  });

  test('an administrator subscribes, lists (never the secret) and is refused bad input with the field', async () => {
    let r = await norr.post('/api/v1/admin/webhooks', { url: hook.url, events: EVENTS, secret: SECRET });
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(Object.keys(r.json), ['id']);
    hookId = r.json.id;
    r = await syd.post('/api/v1/admin/webhooks', { url: other.url, events: EVENTS, secret: SECRET.toUpperCase() });
    assert.equal(r.status, 201, r.text);
    otherId = r.json.id;

    r = await norr.get('/api/v1/admin/webhooks');
    assert.equal(r.status, 200);
    assert.deepEqual(r.json.webhooks.map((h) => [h.id, h.url, h.events, Object.keys(h).sort().join()]),
      [[hookId, hook.url, EVENTS, 'created_at,events,id,url']]);
    assert.match(r.json.webhooks[0].created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.ok(!r.text.includes(SECRET));
    // Another unit's subscription is not there, and is 404 here.
    assert.equal((await norr.get(`/api/v1/admin/webhooks/${otherId}/deliveries`)).status, 404);
    assert.equal((await norr.delete(`/api/v1/admin/webhooks/${otherId}`)).status, 404);

    const refused = async (body, field, status = 400) => {
      const x = await norr.post('/api/v1/admin/webhooks', body);
      assert.equal(x.status, status, x.text);
      assert.equal(x.json.error.field, field, x.text);
      return x.json.error;
    };
    const ok = { url: hook.url, events: ['FormCompleted'], secret: SECRET };
    assert.equal((await refused({ ...ok, url: 'http://example.org/hook' }, 'url')).code, 'request.value');
    await refused({ ...ok, url: 'ftp://127.0.0.1/hook' }, 'url');
    await refused({ ...ok, url: 'not a url' }, 'url');
    await refused({ ...ok, url: 'https://user:pw@example.org/hook' }, 'url');
    await refused({ ...ok, url: 'https://' }, 'url');
    await refused({ ...ok, url: '/relative/hook' }, 'url');
    assert.equal((await refused({ ...ok, url: undefined }, 'url')).code, 'request.missing');
    assert.equal((await refused({ ...ok, secret: 'too-short' }, 'secret')).code, 'request.value');
    await refused({ ...ok, secret: 'x'.repeat(201) }, 'secret');
    assert.equal((await refused({ ...ok, events: ['FormAnswered'] }, 'events.0')).code, 'request.value');
    await refused({ ...ok, events: ['FormCreated', 'FormCreated'] }, 'events.1');
    await refused({ ...ok, events: [] }, 'events');
    assert.equal((await refused({ ...ok, events: 'FormCreated' }, 'events')).code, 'request.type');
    await refused({ ...ok, events: [7] }, 'events.0');
    // Staff without the admin role, and a request without the CSRF token, are refused.
    const nurse = await server.staff('sjukskoterska');
    assert.equal((await nurse.get('/api/v1/admin/webhooks')).status, 403);
    const noCsrf = server.client();
    noCsrf.cookie = norr.cookie;
    assert.equal((await noCsrf.post('/api/v1/admin/webhooks', ok)).json.error.code, 'auth.csrf');
    assert.equal((await norr.get('/api/v1/admin/webhooks')).json.webhooks.length, 1);
    // The secret is kept as given (it signs), never shown; the audit log has the subscription.
    assert.equal(server.sql(`SELECT secret FROM webhooks WHERE id = ${hookId}`), SECRET);
    const audit = (await norr.get('/api/v1/admin/audit?action=webhook.created')).json;
    assert.ok(JSON.stringify(audit).includes(`webhook:${hookId}`), JSON.stringify(audit));
  });

  test('a journal system creates a form, the citizen answers it, FormCompleted arrives signed, the answer is fetched with its score', async () => {
    let r = await journal.post('/api/v1/records/forms', { template: phq9, personnummer: people.anna, external_ref: 'bokning-4711' });
    assert.equal(r.status, 201, r.text);
    const form = r.json.id;
    const created = await hook.next((h) => h.json.form === form && h.json.event === 'FormCreated');
    assert.equal(created.method, 'POST');
    assert.equal(created.path, '/hook');
    assert.equal(created.headers['content-type'], 'application/json');
    assert.ok(verify(SECRET, created.headers['blankett-signature'], created.body, await serverNow()), created.headers['blankett-signature']);
    assert.ok(Math.abs(Number(/t=(\d+)/.exec(created.headers['blankett-signature'])[1]) - Date.now() / 1000) < 60);
    assert.deepEqual(Object.keys(created.json).sort(), BODY_KEYS);
    assert.deepEqual({ ...created.json, id: 0, created_at: '' },
      { id: 0, event: 'FormCreated', created_at: '', form, unit: 'SE2321000032-vcn001', template: phq9, state: 'ONGOING', external_ref: 'bokning-4711' });
    assert.ok(!created.body.includes(people.anna) && !created.body.includes(people.anna.slice(2)));

    await answerForm(await server.citizen(people.anna), form, sample('phq-9', 'answers/valid-mild.json').answers);
    const completed = await hook.next((h) => h.json.form === form && h.json.event === 'FormCompleted');
    // A wrong secret or a changed body does not verify; the right ones do.
    const now = await serverNow();
    assert.ok(verify(SECRET, completed.headers['blankett-signature'], completed.body, now));
    assert.ok(!verify(SECRET.toUpperCase(), completed.headers['blankett-signature'], completed.body, now));
    assert.ok(!verify(SECRET, completed.headers['blankett-signature'], completed.body.replace('COMPLETED', 'CANCELLED'), now));
    // docs/api.md's Python example verifies it too (the tolerance wide: the test clock may be ahead).
    const python = /```python\n([\s\S]*?)```/.exec(readFileSync(path.join(root, 'docs/api.md'), 'utf8'))[1];
    const check = (secret, body) => spawnSync('python3', ['-c', `${python}\nimport sys\nprint(verify(sys.argv[1], sys.argv[2], sys.argv[3].encode(), 10**10))`,
      secret, completed.headers['blankett-signature'], body], { encoding: 'utf8' });
    assert.deepEqual([check(SECRET, completed.body).stdout, check(SECRET.toUpperCase(), completed.body).stdout], ['True\n', 'False\n']);
    assert.equal(completed.json.state, 'COMPLETED');
    assert.equal(completed.json.external_ref, 'bokning-4711');
    assert.notEqual(completed.json.id, created.json.id);

    // The system fetches what it needs with its key.
    r = await journal.get(`/api/v1/records/forms/${completed.json.form}`);
    assert.equal(r.status, 200);
    assert.equal(r.json.state, 'COMPLETED');
    assert.equal(r.json.result.scores.total.value, 7);
    assert.equal(r.json.result.scores.total.bands.severity.code, 'mild');

    // The delivery log, newest first, after the commit that marked them.
    await server.loggedTimes(new RegExp(`webhook\\.delivered .* event=${completed.json.id} `), 1);
    r = await norr.get(`/api/v1/admin/webhooks/${hookId}/deliveries`);
    assert.equal(r.status, 200);
    const mine = r.json.deliveries.filter((d) => d.form === form);
    assert.deepEqual(mine.map((d) => [d.event, d.event_id, d.status, d.attempts, d.last_status, d.last_error]),
      [['FormCompleted', completed.json.id, 'delivered', 1, 200, null], ['FormCreated', created.json.id, 'delivered', 1, 200, null]]);
    assert.ok(mine.every((d) => d.delivered_at && d.created_at && d.updated_at));
    assert.ok(r.json.deliveries[0].id > r.json.deliveries[1].id);
    assert.equal(r.json.next, null);
    // Paged: one at a time, each page's "next" is the cursor of the following.
    const first = (await norr.get(`/api/v1/admin/webhooks/${hookId}/deliveries?limit=1`)).json;
    assert.deepEqual(first.deliveries.map((d) => d.id), [r.json.deliveries[0].id]);
    const second = (await norr.get(`/api/v1/admin/webhooks/${hookId}/deliveries?limit=1&before=${first.next}`)).json;
    assert.deepEqual(second.deliveries.map((d) => d.id), [r.json.deliveries[1].id]);
    assert.equal((await norr.get(`/api/v1/admin/webhooks/${hookId}/deliveries?limit=0`)).json.error.field, 'limit');
    // No personnummer in the log.
    assert.ok(!server.log().includes(people.anna));
  });

  test('FormCancelled, FormDocumented and FormDeleted, each with the form\'s ids; another unit\'s subscription gets none of them', async () => {
    // Cancelled by the system.
    let r = await journal.post('/api/v1/records/forms', { template: phq9, personnummer: people.erik });
    assert.equal(r.status, 201, r.text);
    const cancelled = r.json.id;
    assert.equal((await journal.post(`/api/v1/records/forms/${cancelled}/cancel`)).status, 200);
    const c = await hook.next((h) => h.json.form === cancelled && h.json.event === 'FormCancelled');
    assert.equal(c.json.state, 'CANCELLED');
    assert.equal(c.json.external_ref, null);

    // A demo answer (submitted yesterday) documented, then deleted.
    const list = (await norr.get('/api/v1/answers?state=COMPLETED')).json;
    const answer = list.answers.find((a) => !hook.got.some((h) => h.json.form === a.id)).id;
    assert.equal((await norr.post(`/api/v1/answers/${answer}/documented`)).status, 200);
    const d = await hook.next((h) => h.json.form === answer && h.json.event === 'FormDocumented');
    assert.equal(d.json.state, 'COMPLETED');
    // Documented once: marking it again sends nothing more (the deletion below comes after it).
    assert.equal((await norr.post(`/api/v1/answers/${answer}/documented`)).status, 200);
    assert.equal((await norr.delete(`/api/v1/answers/${answer}`)).status, 200);
    const gone = await hook.next((h) => h.json.form === answer && h.json.event === 'FormDeleted');
    assert.equal(gone.json.state, 'COMPLETED');
    assert.ok(verify(SECRET, gone.headers['blankett-signature'], gone.body, await serverNow()));
    assert.deepEqual(hook.got.filter((h) => h.json.form === answer).map((h) => h.json.event), ['FormDocumented', 'FormDeleted']);

    // The other unit's receiver: only its own unit's events, signed with its own secret.
    sydSystem = system((await syd.post('/api/v1/admin/record-systems', { name: 'TakeCare' })).json.key);
    const theirs = (await sydSystem.post('/api/v1/records/forms', { template: phq9, personnummer: people.erik })).json.id;
    const o = await other.next((h) => h.json.form === theirs && h.json.event === 'FormCreated');
    assert.equal(o.json.event, 'FormCreated');
    assert.equal(o.json.unit, null);  // HCS has no HSA-id
    assert.ok(verify(SECRET.toUpperCase(), o.headers['blankett-signature'], o.body, await serverNow()));
    assert.deepEqual(other.got.map((h) => h.json.form), [theirs]);
    assert.ok(hook.got.every((h) => h.json.form !== theirs));
    assert.equal(server.sql(`SELECT count(*) FROM webhook_deliveries WHERE webhook_id = ${otherId}`), '1');
  });

  test('a staff dispatch: FormCreated for each form; the citizen cancels one: FormCancelled; gallring: FormDeleted for each', async () => {
    const nurse = await server.staff('sjukskoterska');
    const marker = `webhook-${process.pid}`;
    const sent = await nurse.post('/api/v1/dispatches', { template: phq9, recipients: [people.anna, people.erik], message: marker });
    assert.equal(sent.status, 201, sent.text);
    const ids = sent.json.recipients.map((x) => x.instance).sort((a, b) => a - b);
    assert.equal(ids.length, 2);
    for (const id of ids) {
      const h = await hook.next((x) => x.json.form === id && x.json.event === 'FormCreated');
      assert.deepEqual([h.json.state, h.json.unit, h.json.template, h.json.external_ref], ['ONGOING', 'SE2321000032-vcn001', phq9, null]);
    }
    const erik = await server.citizen(people.erik);
    const mine = Number(server.sql(`SELECT i.id FROM instances i JOIN citizens c ON c.id = i.citizen_id WHERE i.dispatch_id = ${sent.json.dispatch} AND c.pnr = '${people.erik}'`));
    assert.ok(ids.includes(mine));
    assert.equal((await erik.post(`/api/v1/citizen/forms/${mine}/cancel`)).status, 200);
    assert.equal((await hook.next((x) => x.json.form === mine && x.json.event === 'FormCancelled')).json.state, 'CANCELLED');

    // Gallring of both forms (selected by patient, template and state): a FormDeleted each.
    for (const [who, state] of [[people.anna, 'ONGOING'], [people.erik, 'CANCELLED']]) {
      const query = `template=${phq9}&state=${state}&personnummer=${who}`;
      const total = (await nurse.get(`/api/v1/answers?${query}`)).json.total;
      assert.ok(total >= 1);
      const gone = await nurse.post(`/api/v1/answers/gallra?${query}`, { count: total });
      assert.deepEqual([gone.status, gone.json.deleted], [200, total], gone.text);
    }
    for (const id of ids) {
      const h = await hook.next((x) => x.json.form === id && x.json.event === 'FormDeleted');
      assert.equal(h.json.state, id === mine ? 'CANCELLED' : 'ONGOING');
    }
    assert.ok(!hook.got.some((x) => x.body.includes(marker)), 'no banner text, only ids');
  });

  test('a receiver that is down gets the event later, exactly once; the log shows the attempts', async () => {
    hook.mode = 'down';
    const r = await journal.post('/api/v1/records/forms', { template: phq9, personnummer: people.erik, external_ref: 'retry' });
    assert.equal(r.status, 201, r.text);
    const form = r.json.id;
    // (SQLite may give a new form the id of one deleted before: the event and the reference tell them apart.)
    const first = await hook.next((h) => h.json.form === form && h.json.event === 'FormCreated' && h.json.external_ref === 'retry');
    const eventId = first.json.id;
    await server.logged(new RegExp(`webhook\\.retry .* event=${eventId} attempts=1 what="HTTP 503"`));
    let log = (await norr.get(`/api/v1/admin/webhooks/${hookId}/deliveries`)).json.deliveries.find((d) => d.event_id === eventId);
    assert.deepEqual([log.status, log.attempts, log.last_status, log.last_error, log.delivered_at], ['pending', 1, 503, 'HTTP 503', null]);

    // Still down a minute later: tried again, pending still, 5 minutes to the next try.
    await later(2);
    await server.logged(new RegExp(`webhook\\.retry .* event=${eventId} attempts=2 `));
    hook.mode = 'ok';
    await later(6);
    await server.logged(new RegExp(`webhook\\.delivered .* event=${eventId} attempts=3`));
    const hits = hook.got.filter((h) => h.json.id === eventId);
    assert.deepEqual(hits.map((h) => h.answer), ['down', 'down', 'ok']);
    assert.ok(hits.every((h) => h.body === first.body));  // the same body every time: the same id
    log = (await norr.get(`/api/v1/admin/webhooks/${hookId}/deliveries`)).json.deliveries.find((d) => d.event_id === eventId);
    assert.deepEqual([log.status, log.attempts, log.last_status, log.last_error], ['delivered', 3, 200, null]);

    // Its job is done: nothing sends it again.
    assert.equal(server.sql(`SELECT count(*) FROM jobs WHERE kind = 'webhook' AND key = '${log.id}' AND done_at IS NOT NULL`), '1');
  });

  test('a delivery whose receiver stays down is failed 24 hours after the event; a deleted subscription stops its deliveries', async () => {
    hook.mode = 'down';
    let r = await journal.post('/api/v1/records/forms', { template: phq9, personnummer: people.erik, external_ref: 'day' });
    assert.equal(r.status, 201, r.text);
    const eventId = (await hook.next((h) => h.json.form === r.json.id && h.json.event === 'FormCreated' && h.json.external_ref === 'day')).json.id;
    for (let hours = 0; hours < 25; hours += 6) await later(6 * 60);
    await server.logged(new RegExp(`webhook\\.failed .* event=${eventId} what="HTTP 503"`));
    const log = (await norr.get(`/api/v1/admin/webhooks/${hookId}/deliveries`)).json.deliveries.find((d) => d.event_id === eventId);
    assert.equal(log.status, 'failed');
    assert.equal(log.last_status, 503);
    const tries = hook.got.filter((h) => h.json.id === eventId).length;
    assert.equal(log.attempts, tries);

    // A subscription deleted while a delivery waits: the delivery is failed, nothing more is sent.
    syd = await server.staff('admin', 'HCS');  // a day later: logged in again
    r = await syd.post('/api/v1/admin/webhooks', { url: other.url, events: ['FormCancelled'], secret: SECRET });
    const doomed = r.json.id;
    other.mode = 'down';
    const f = (await sydSystem.post('/api/v1/records/forms', { template: phq9, personnummer: people.erik })).json.id;
    assert.equal((await sydSystem.post(`/api/v1/records/forms/${f}/cancel`)).status, 200);
    const sent = await other.next((h) => h.json.form === f && h.json.event === 'FormCancelled');
    await server.loggedTimes(new RegExp(`webhook\\.retry .* event=${sent.json.id} attempts=1`), 2);
    const doomedJob = server.sql(`SELECT j.id FROM jobs j JOIN webhook_deliveries d ON j.key = CAST(d.id AS TEXT) WHERE j.kind = 'webhook' AND d.webhook_id = ${doomed}`);
    assert.match(doomedJob, /^\d+$/);
    assert.equal((await syd.delete(`/api/v1/admin/webhooks/${doomed}`)).status, 200);
    assert.equal((await syd.get(`/api/v1/admin/webhooks/${doomed}/deliveries`)).status, 404);
    assert.deepEqual((await syd.get('/api/v1/admin/webhooks')).json.webhooks.map((h) => h.id), [otherId]);
    other.mode = 'ok';
    await later(10);
    await server.loggedTimes(new RegExp(`webhook\\.delivered .* webhook=${otherId} event=${sent.json.id} `), 1);
    await server.loggedTimes(new RegExp(`job\\.done kind=webhook job=${doomedJob}$`), 2);  // its retry, then its end
    assert.equal(server.sql(`SELECT status || '|' || last_error FROM webhook_deliveries WHERE webhook_id = ${doomed}`), 'failed|the webhook was deleted');
    assert.deepEqual(other.got.filter((h) => h.json.id === sent.json.id).map((h) => h.answer), ['down', 'down', 'ok']);
    hook.mode = 'ok';
    other.mode = 'ok';
  });

  test('SIGKILL of the server during a delivery neither loses nor duplicates it', async () => {
    hook.mode = 'hold';
    const r = await journal.post('/api/v1/records/forms', { template: phq9, personnummer: people.erik, external_ref: 'kill' });
    assert.equal(r.status, 201, r.text);
    const form = r.json.id;
    const held = await hook.next((h) => h.json.form === form && h.json.event === 'FormCreated' && h.json.external_ref === 'kill');
    const eventId = held.json.id;
    // The server dies while the receiver holds the request: the delivery is not marked yet.
    assert.deepEqual(await server.stop('SIGKILL'), { code: null, signal: 'SIGKILL' });
    assert.equal(server.sql(`SELECT status FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id WHERE e.id = ${eventId} AND d.webhook_id = ${hookId}`), 'pending');
    for (const res of hook.held.splice(0)) res.destroy();
    hook.mode = 'ok';
    await server.launch({ 'test-clock': 'on' });
    norr = await server.staff('admin', 'VCN');
    // Once the dead node's claim is over (60 s), the delivery is claimed again and sent.
    await later(2);
    await server.loggedTimes(new RegExp(`webhook\\.delivered .* webhook=${hookId} event=${eventId} attempts=2$`), 1);
    const hits = hook.got.filter((h) => h.json.id === eventId);
    assert.equal(hits.length, 2);  // at least once over the network: the receiver de-duplicates on id
    assert.equal(unique(hits).length, 1);
    assert.ok(verify(SECRET, hits[1].headers['blankett-signature'], hits[1].body, await serverNow()));
    // Nothing stays pending: the delivery is marked delivered and its job is done.
    const row = server.sql(`SELECT d.status, d.attempts, j.done_at IS NOT NULL FROM webhook_deliveries d JOIN jobs j ON j.kind = 'webhook' AND j.key = CAST(d.id AS TEXT) WHERE d.event_id = ${eventId}`);
    assert.equal(row.replace(/\bt\b/, '1'), 'delivered|2|1');
  });

  test('two nodes on one database: each event delivered once', { skip: !onPostgres && 'PostgreSQL only' }, async () => {
    hook.mode = 'ok';
    const node = server.node();
    await node.launch({ 'test-clock': 'on', 'job-interval': 1 });
    try {
      const key = (await norr.post('/api/v1/admin/record-systems', { name: 'Nod-test' })).json.key;
      // Forms created through both nodes, each node's runner woken by its own requests and looking every second.
      const forms = [];
      for (let i = 0; i < 12; i++) {
        const base = i % 2 ? node.base : server.base;
        const res = await fetch(`${base}/api/v1/records/forms`, { method: 'POST', headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ template: phq9, personnummer: people.erik, external_ref: `nod-${i}` }) });
        assert.equal(res.status, 201);
        forms.push((await res.json()).id);
      }
      const hits = await Promise.all(forms.map((f, i) => hook.next((h) => h.json.form === f && h.json.event === 'FormCreated' && h.json.external_ref === `nod-${i}`)));
      const ids = hits.map((h) => h.json.id);
      const delivered = (s) => ids.reduce((n, id) => n + s.logCount(new RegExp(`webhook\\.delivered .* webhook=${hookId} event=${id} `)), 0);
      // Waits on both nodes' log files (after each commit), not on a timer.
      await new Promise((resolve) => {
        const done = () => delivered(server) + delivered(node) >= ids.length;
        const watchers = [];
        const check = () => { if (done()) { watchers.forEach((w) => w.close()); resolve(); } };
        for (const f of [server.logFile, node.logFile]) watchers.push(watch(f, check));
        check();
      });
      assert.equal(delivered(server) + delivered(node), ids.length);
      for (const id of ids) assert.equal(hook.got.filter((h) => h.json.id === id).length, 1, `event ${id}`);
      assert.equal(server.sql(`SELECT count(*) FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id WHERE e.instance_id IN (${forms.join(',')}) AND d.status = 'delivered'`), String(forms.length));
    } finally {
      await node.close();
    }
  });
});
