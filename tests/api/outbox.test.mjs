// The outbox against a real SMTP server (smtp-server from npm) and an SMS gateway on loopback: every
// notification arrives once, also when the server is SIGKILLed while it is handing one over and
// started again; a gateway that refuses is tried again later, on the test clock.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { Server, binary, root } from './server.mjs';

// Skatteverket test numbers born in the 1950s (not the demo citizens).
const pins = JSON.parse(readFileSync(path.join(root, 'tests/data/external/personnummer/personnummer-meta-allPins.json'), 'utf8'))
  .filter((p) => p >= '1950' && p < '1960');

// What a receiver accepted, by the message's key; `hold(key)` decides each message as it arrives
// ('accept', or 'refuse' after whatever the test does then). `whenAccepted(n)` resolves at n keys.
class Receiver {
  constructor() {
    this.accepted = new Map();
    this.bodies = new Map();
    this.hold = async () => 'accept';
    this.waiting = [];
  }
  async take(key, body) {
    const verdict = await this.hold(key);
    if (verdict !== 'accept') return false;
    this.accepted.set(key, (this.accepted.get(key) ?? 0) + 1);
    this.bodies.set(key, body);
    this.waiting = this.waiting.filter(({ n, resolve }) => (this.accepted.size >= n ? (resolve(), false) : true));
    return true;
  }
  whenAccepted(n) {
    if (this.accepted.size >= n) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push({ n, resolve }));
  }
}

const mail = new Receiver();
const sms = new Receiver();
let smtp;
let gateway;

before(async () => {
  smtp = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false,
    onData(stream, session, callback) {
      let data = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk) => { data += chunk; });
      stream.on('end', async () => {
        const key = /^Message-ID: <([^@>]+)@blankett>/mi.exec(data)?.[1];
        if (await mail.take(key, data)) callback();
        else callback(Object.assign(new Error('try again later'), { responseCode: 451 }));
      });
    },
  });
  await new Promise((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  gateway = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', async () => {
      const taken = await sms.take(req.headers['idempotency-key'], JSON.parse(body));
      res.writeHead(taken ? 200 : 503, { 'Content-Type': 'application/json' }).end(taken ? '{"ok":true}' : '{"ok":false}');
    });
  });
  await new Promise((resolve) => gateway.listen(0, '127.0.0.1', resolve));
});
after(async () => {
  smtp.close();
  gateway.closeAllConnections();
  gateway.close();
});

const delivery = () => ({
  'smtp-url': `smtp://127.0.0.1:${smtp.server.address().port}`, 'smtp-from': 'formular@vardcentralen.example',
  'sms-url': `http://127.0.0.1:${gateway.address().port}/sms`, 'test-clock': 'on',
});

// Citizens who turned on e-mail and SMS; a dispatch of PHQ-9 to them.
async function citizensWithNotifications(server, numbers) {
  for (const [i, p] of numbers.entries()) {
    const c = await server.citizen(p);
    const r = await c.put('/api/v1/citizen/settings', { email: `person${i}@example.se`, sms: `070${String(1000000 + i).slice(1)}0` });
    assert.equal(r.status, 200, r.text);
  }
}
async function send(server, numbers) {
  const nurse = await server.staff('sjukskoterska');
  const phq = (await nurse.get('/api/v1/templates')).json.templates.find((t) => t.form_id === 'phq-9').id;
  const r = await nurse.post('/api/v1/dispatches', { template: phq, recipients: numbers });
  assert.equal(r.status, 201, r.text);
  return nurse;
}

describe('the outbox', () => {
  test('SIGKILL while a message is handed over: after the restart every notification has arrived exactly once', async () => {
    const numbers = pins.slice(0, 10);
    const server = await Server.start(delivery());
    try {
      await citizensWithNotifications(server, numbers);
      // The seventh message to arrive (of 20: an e-mail and an SMS each) is held while the server is
      // killed; the receiver then refuses it, as a relay does whose client went away.
      let arrived = 0;
      let killed;
      const dead = new Promise((resolve) => { killed = resolve; });
      const hold = async () => {
        if (++arrived !== 7) return 'accept';
        server.proc.kill('SIGKILL');
        await server.exited;
        killed();
        return 'refuse';
      };
      mail.hold = hold;
      sms.hold = hold;
      await send(server, numbers);
      await dead;
      const before = mail.accepted.size + sms.accepted.size;
      assert.equal(before, 6, 'six were taken before the kill');

      // What the dead node had claimed stays claimed until its lease is over (five minutes); the rest
      // goes as soon as the server is back. Once that is recorded (a job is done when it is, after the
      // hand-over), move the clock past the lease, and the rest goes too.
      const unclaimed = Number(server.sql("SELECT COUNT(*) FROM jobs WHERE kind = 'notification' AND claimed_by IS NULL AND done_at IS NULL"));
      assert.equal(server.logCount(/ job\.done kind=notification /), 6);
      mail.hold = sms.hold = async () => 'accept';
      await server.launch(delivery());
      await server.loggedTimes(/ job\.done kind=notification /, 6 + unclaimed);
      const admin = server.client();
      const now = (await admin.get('/api/v1/test/clock')).json.now;
      const later = new Date(Date.parse(now) + 10 * 60 * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
      assert.deepEqual((await admin.put('/api/v1/test/clock', { now: later })).json, { now: later });
      await Promise.all([mail.whenAccepted(10), sms.whenAccepted(10)]);

      const keys = [...mail.accepted.keys(), ...sms.accepted.keys()].sort();
      assert.equal(keys.length, 20);
      for (const [key, count] of [...mail.accepted, ...sms.accepted]) assert.equal(count, 1, `${key} arrived once`);
      assert.deepEqual(new Set(keys).size, 20);
      // The e-mail and the SMS say only that a message waits.
      const [someMail] = mail.bodies.values();
      assert.match(someMail, /^From: formular@vardcentralen\.example\r$/m);
      assert.match(someMail, /^Subject: =\?UTF-8\?B\?/m);
      assert.match(someMail, /Du har fått ett nytt meddelande från Vårdcentralen Norr i din inkorg i Blankett/);
      const [someSms] = sms.bodies.values();
      assert.match(someSms.to, /^\+4670\d{7}$/);
      assert.match(someSms.id, /^blankett-notification-\d+$/);
      assert.match(someSms.text, /^Du har fått ett nytt meddelande från Vårdcentralen Norr i Blankett\./);
      for (const n of numbers) assert.ok(!someMail.includes(n) && !someSms.text.includes(n), 'no personnummer');
      // Skickade utskick: all sent.
      const nurse = await server.staff('sjukskoterska');
      const [latest] = (await nurse.get('/api/v1/dispatches')).json.dispatches;
      assert.deepEqual(latest.counts, { inbox: 10, notified: 20, failed: 0, opened: 0, answered: 0 });
    } finally {
      await server.close();
      mail.accepted.clear();
      sms.accepted.clear();
    }
  });

  test('a gateway that refuses is tried again later, and once it takes the message the notification is sent', async () => {
    const numbers = pins.slice(20, 21);
    const server = await Server.start(delivery());
    try {
      await citizensWithNotifications(server, numbers);
      let refusals = 0;
      sms.hold = async () => (refusals++ < 2 ? 'refuse' : 'accept');
      await send(server, numbers);
      await mail.whenAccepted(1);
      await server.loggedTimes(/ notification\.retry /, 1);
      // Tried again after a minute (then after five): move the clock past each wait.
      const clockNow = async () => Date.parse((await server.client().get('/api/v1/test/clock')).json.now);
      const move = async (minutes) => {
        const t = new Date((await clockNow()) + minutes * 60 * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
        assert.equal((await server.client().put('/api/v1/test/clock', { now: t })).status, 200);
      };
      await move(2);
      await server.loggedTimes(/ notification\.retry /, 2);
      await move(6);
      await sms.whenAccepted(1);
      assert.equal(refusals, 3);
      const nurse = await server.staff('sjukskoterska');
      const [latest] = (await nurse.get('/api/v1/dispatches')).json.dispatches;
      const detail = await nurse.get(`/api/v1/dispatches/${latest.id}`);
      assert.deepEqual(detail.json.recipients[0].notifications, [{ channel: 'email', status: 'sent' }, { channel: 'sms', status: 'sent' }]);
      // The clock moves forward only.
      const back = await server.client().put('/api/v1/test/clock', { now: '2020-01-01T00:00:00Z' });
      assert.deepEqual([back.status, back.json.error.code], [409, 'clock.backwards']);
    } finally {
      await server.close();
      sms.hold = async () => 'accept';
      mail.accepted.clear();
      sms.accepted.clear();
    }
  });

  test('the test clock is refused without the demo identity, and absent without --test-clock', async () => {
    const server = await Server.start();
    try {
      assert.equal((await server.client().get('/api/v1/test/clock')).status, 404);
      const run = spawnSync(binary, ['serve', '--port', '0', '--identity', 'header', '--test-clock', 'on', '--database', path.join(server.dir, 'x.db')],
                            { encoding: 'utf8', timeout: 30000 });
      assert.equal(run.status, 2);
      assert.match(run.stderr, /--test-clock is for tests and the demo: it needs --identity demo/);
    } finally {
      await server.close();
    }
  });
});
