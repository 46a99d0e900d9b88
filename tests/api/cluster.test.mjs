// Several server processes on one PostgreSQL database behave as one: a session made on one node works
// on the others, failed logins count across nodes, and when one node is SIGKILLed in the middle of a
// load of submissions spread over all three, no acknowledged submission is lost and the survivors
// keep serving. PostgreSQL only (SQLite is one process's embedded database).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Client, Server, onPostgres, people, root, sample } from './server.mjs';

// Skatteverket test numbers born 1990-1999 (not the demo citizens, nor durability.test.mjs's).
const pins = JSON.parse(readFileSync(path.join(root, 'tests/data/external/personnummer/personnummer-meta-allPins.json'), 'utf8'))
  .filter((p) => p >= '1990' && p < '2000');

async function pool(items, concurrency, work) {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

// The same session (cookie and CSRF token) against another node.
function on(node, client) {
  const c = new Client(node.base);
  c.cookie = client.cookie;
  c.csrf = client.csrf;
  return c;
}

describe('three nodes on one PostgreSQL database', { skip: !onPostgres && 'PostgreSQL only' }, () => {
  let a, b, c;
  before(async () => {
    // Three nodes start at once on an empty database: they migrate one after the other and one seeds.
    a = Server.create();
    b = a.node();
    c = a.node();
    await Promise.all([a.launch(), b.launch(), c.launch()]);
  });
  after(async () => {
    for (const n of [c, b]) await n?.close();
    await a?.close();
  });

  test('the demo is seeded once, and a session made on one node works on the others', async () => {
    assert.deepEqual(Object.keys(a.passwords).sort(), ['admin', 'designer', 'sjukskoterska', 'syd']);
    assert.equal([a, b, c].filter((n) => /Demo data seeded/.test(n.stdout)).length, 1, 'one node seeds');
    assert.equal(a.sql('SELECT COUNT(*) FROM units'), '2');
    const nurse = await a.staff('sjukskoterska');
    for (const n of [a, b, c]) {
      const me = await on(n, nurse).get('/api/v1/staff/me');
      assert.equal(me.status, 200, n.base);
      assert.equal(me.json.staff.username, 'sjukskoterska');
    }
    const anna = await b.citizen(people.anna);
    const forms = await on(c, anna).get('/api/v1/citizen/forms');
    assert.equal(forms.status, 200);
    assert.ok(forms.json.ongoing.length >= 1);
    // Logging out on one node ends the session on every node.
    assert.equal((await on(c, anna).post('/api/v1/citizen/logout')).status, 200);
    assert.equal((await on(a, anna).get('/api/v1/citizen/forms')).status, 401);
  });

  test('failed logins count across nodes', async () => {
    const nodes = [a, b, c];
    for (let i = 0; i < 5; ++i) {
      const r = await nodes[i % 3].client().post('/api/v1/staff/login', { username: 'designer', password: `wrong-${i}` });
      assert.equal(r.status, 401);
    }
    for (const n of nodes) {
      const r = await n.client().post('/api/v1/staff/login', { username: 'designer', password: a.passwords.designer });
      assert.deepEqual([r.status, r.json.error.code], [429, 'auth.throttled'], n.base);
    }
  });

  test('SIGKILL of one node during submissions over all three: nothing acknowledged is lost; the others go on', async () => {
    const count = 90;
    const recipients = pins.filter((_, i) => i % 40 === 0).slice(0, count);
    assert.equal(recipients.length, count);
    const nurse = await a.staff('sjukskoterska');
    const phq = (await nurse.get('/api/v1/templates')).json.templates.find((t) => t.form_id === 'phq-9').id;
    const sent = await nurse.post('/api/v1/dispatches', { template: phq, recipients });
    assert.equal(sent.json.sent, count);
    const answers = sample('phq-9', 'answers/valid-moderately-severe.json').answers;
    const expected = sample('phq-9', 'expected/valid-moderately-severe.json');

    // Every citizen logs in on one node, fills in on the next and reviews on the third.
    const nodes = [a, b, c];
    const ready = [];
    await pool(recipients.map((p, i) => [p, sent.json.recipients[i].instance, i]), 8, async ([p, id, i]) => {
      const citizen = await nodes[i % 3].citizen(p);
      const r = await on(nodes[(i + 1) % 3], citizen).put(`/api/v1/citizen/forms/${id}/pages/p1`, { revision: 0, answers });
      assert.equal(r.status, 200, r.text);
      assert.equal((await on(nodes[(i + 2) % 3], citizen).post(`/api/v1/citizen/forms/${id}/review`)).status, 200);
      ready.push({ citizen, id, node: nodes[i % 3] });
    });

    // The load: submissions spread over the three nodes; node b dies a third of the way through.
    const acknowledged = new Set();
    const unanswered = [];
    let killed = false;
    await pool(ready, 12, async (job) => {
      try {
        const r = await on(job.node, job.citizen).post(`/api/v1/citizen/forms/${job.id}/submit`);
        if (r.status === 200) acknowledged.add(job.id);
        else unanswered.push(job);
      } catch {
        unanswered.push(job);  // the connection died with the node
      }
      if (acknowledged.size >= count / 3 && !killed) {
        killed = true;
        b.proc.kill('SIGKILL');
      }
    });
    assert.equal((await b.exited).signal, 'SIGKILL');
    assert.ok(unanswered.some((j) => j.node === b), 'some submissions went to the dead node after it died');

    // The survivors go on: what was not acknowledged is submitted again there. A submission the dead
    // node committed but could not acknowledge is already done (409 form.state); one whose COMMIT
    // PostgreSQL was still finishing when the retry read the form meets it as a change meanwhile
    // (409 form.conflict). Either way the form ends up submitted once (checked below).
    for (const job of unanswered) {
      const r = await on(job.node === b ? a : job.node, job.citizen).post(`/api/v1/citizen/forms/${job.id}/submit`);
      assert.ok(r.status === 200 || (r.status === 409 && ['form.state', 'form.conflict'].includes(r.json.error.code)),
                `${job.id}: ${r.status} ${r.text}`);
    }
    for (const id of acknowledged) {
      const r = await on(c, nurse).get(`/api/v1/answers/${id}`);
      assert.equal(r.json.state, 'COMPLETED', `acknowledged ${id}`);
      assert.deepEqual(r.json.result, expected);
    }
    const states = a.sql(`SELECT state, COUNT(*) FROM instances WHERE id IN (${ready.map((j) => j.id).join(',')}) GROUP BY state`);
    assert.equal(states, `COMPLETED|${count}`);
    assert.equal((await a.client().get('/api/v1/health')).status, 200);
    assert.equal((await c.client().get('/api/v1/health')).status, 200);
  });
});
