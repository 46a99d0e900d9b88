// Stopping the server: SIGKILL in the middle of a load of submissions loses no acknowledged
// submission and leaves the database consistent; SIGTERM finishes the request in flight.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { test } from 'node:test';
import { Server, onPostgres, root, sample } from './server.mjs';

// Skatteverket test numbers born 1960-1989 (not the demo citizens).
const pins = JSON.parse(readFileSync(path.join(root, 'tests/data/external/personnummer/personnummer-meta-allPins.json'), 'utf8'))
  .filter((p) => p >= '1960' && p < '1990');

async function pool(items, concurrency, work) {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

test('SIGKILL during submissions: every acknowledged submission is there after a restart', async () => {
  const server = await Server.start();
  try {
    const count = 120;
    const recipients = pins.filter((_, i) => i % 50 === 0).slice(0, count);
    assert.equal(recipients.length, count);
    const nurse = await server.staff('sjukskoterska');
    const phq = (await nurse.get('/api/v1/templates')).json.templates.find((t) => t.form_id === 'phq-9').id;
    const sent = await nurse.post('/api/v1/dispatches', { template: phq, recipients });
    assert.equal(sent.json.sent, count);
    const answers = sample('phq-9', 'answers/valid-moderately-severe.json').answers;
    const expected = sample('phq-9', 'expected/valid-moderately-severe.json');

    // Every citizen fills in and reviews the form; the submissions are the load.
    const ready = [];
    await pool(recipients.map((p, i) => [p, sent.json.recipients[i].instance]), 8, async ([p, id]) => {
      const c = await server.citizen(p);
      const r = await c.put(`/api/v1/citizen/forms/${id}/pages/p1`, { revision: 0, answers });
      assert.equal(r.status, 200, r.text);
      assert.equal((await c.post(`/api/v1/citizen/forms/${id}/review`)).status, 200);
      ready.push({ c, id });
    });

    const acknowledged = [];
    let killed = false;
    await pool(ready, 16, async ({ c, id }) => {
      if (killed) return;
      try {
        const r = await c.post(`/api/v1/citizen/forms/${id}/submit`);
        if (r.status === 200) acknowledged.push(id);
      } catch {
        // the connection died with the server
      }
      if (acknowledged.length >= count / 2 && !killed) {
        killed = true;
        server.proc.kill('SIGKILL');
      }
    });
    const exit = await server.exited;
    assert.equal(exit.signal, 'SIGKILL');
    assert.ok(acknowledged.length >= count / 2 && acknowledged.length < count, `${acknowledged.length} acknowledged`);

    if (!onPostgres) {  // PostgreSQL checks its pages and keys itself, always
      assert.equal(server.sql('PRAGMA integrity_check'), 'ok');
      assert.equal(server.sql('PRAGMA foreign_key_check'), '');
    }
    await server.launch();
    const reader = await server.staff('sjukskoterska');
    for (const id of acknowledged) {
      const r = await reader.get(`/api/v1/answers/${id}`);
      assert.equal(r.json.state, 'COMPLETED', `instance ${id}`);
      assert.deepEqual(r.json.result, expected);
    }
    // Nothing half-done: a submission is COMPLETED with its result, or still waiting for confirmation.
    const states = server.sql(
      `SELECT state, CASE WHEN result IS NULL THEN 1 ELSE 0 END, COUNT(*) FROM instances WHERE version_id = (SELECT version_id FROM instances WHERE id = ${acknowledged[0]}) AND citizen_id IN (SELECT id FROM citizens WHERE name = '') GROUP BY 1, 2 ORDER BY 1, 2`);
    const rows = states.split('\n').map((l) => l.split('|'));
    for (const [state, noResult] of rows) {
      assert.ok((state === 'COMPLETED' && noResult === '0') || (state === 'PENDING_COMPLETION' && noResult === '1'), states);
    }
    const total = rows.reduce((n, r) => n + Number(r[2]), 0);
    assert.equal(total, count);
  } finally {
    await server.close();
  }
});

test('SIGTERM lets the request in flight finish, then the server exits cleanly', async () => {
  const server = await Server.start();
  try {
    const url = new URL(server.base);
    const body = JSON.stringify({ personnummer: '197601022382' });
    const socket = net.connect(Number(url.port), url.hostname);
    await new Promise((resolve) => socket.on('connect', resolve));
    let response = '';
    let answered;
    const first = new Promise((resolve) => { answered = resolve; });
    socket.on('data', (d) => { response += d; if (/"status":"ok"/.test(response)) answered(); });
    const closed = new Promise((resolve) => socket.on('close', resolve));
    // A first request proves the server has taken the connection; the second is the one in flight.
    socket.write(`GET /api/v1/health HTTP/1.1\r\nHost: ${url.host}\r\n\r\n`);
    await first;
    response = '';
    // The head and half the body reach the server's socket, then the signal, then the rest.
    await new Promise((resolve) => socket.write(
      `POST /api/v1/citizen/login HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.slice(0, 10)}`, resolve));
    server.proc.kill('SIGTERM');
    await server.logged(/ server\.stopping signal=TERM/);
    assert.equal(server.proc.exitCode, null, 'still finishing the request');
    socket.write(body.slice(10));
    await closed;
    assert.match(response, /^HTTP\/1\.1 200 OK\r\n/);
    assert.match(response, /"csrf":"[0-9a-f]{64}"/);
    const exit = await server.exited;
    assert.deepEqual(exit, { code: 0, signal: null });
    assert.match(server.stdout, /Blankett stopped\.\n$/);
    // A new connection is refused once stopping.
    await assert.rejects(fetch(`${server.base}/api/v1/health`));
  } finally {
    await server.close();
  }
});
