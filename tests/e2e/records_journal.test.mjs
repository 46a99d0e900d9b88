// A journal system end to end: it has a key and a webhook at Vårdcentralen Norr, asks for PHQ-9 for Erik
// before his visit (POST /api/v1/records/forms), Erik answers it in the browser, the system's receiver
// on loopback gets FormCompleted, verifies the signature (docs/api.md, "Webhooks") and fetches the
// answer with its score and band. The waits are on the receiver's arrivals, never on a timer.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { expectedErrors, login, radio } from './citizen_steps.mjs';
import { collectConsoleErrors, launchBrowser, newPage, startServer } from './harness.mjs';

const SECRET = 'the-journal-systems-shared-secret';

// What a receiver does with a delivery: the HMAC-SHA256 of "<t>.<body>" with the secret, compared in
// constant time.
function signed(header, body) {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!m) return false;
  const expected = crypto.createHmac('sha256', SECRET).update(`${m[1]}.${body}`).digest();
  return crypto.timingSafeEqual(expected, Buffer.from(m[2], 'hex'));
}

let server, browser, receiver;
const arrived = [];
const waiting = [];

before(async () => {
  // http to loopback is allowed only with the test clock (the demo's).
  server = await startServer({ rate: 100000, 'test-clock': 'on' });
  browser = await launchBrowser();
  receiver = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      const hit = { signature: req.headers['blankett-signature'], body, json: JSON.parse(body) };
      arrived.push(hit);
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('ok');
      for (const w of [...waiting]) if (w.match(hit)) { waiting.splice(waiting.indexOf(w), 1); w.resolve(hit); }
    });
  });
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
});

after(async () => {
  await browser?.close();
  await server?.close();
  receiver?.closeAllConnections();
  await new Promise((resolve) => receiver?.close(resolve));
});

// The first delivery (already here or to come) that `match` accepts.
const delivery = (match) => {
  const found = arrived.find(match);
  return found ? Promise.resolve(found) : new Promise((resolve) => waiting.push({ match, resolve }));
};

describe('a journal system', () => {
  test('asks for PHQ-9 for Erik, he answers in the browser, FormCompleted arrives signed, the answer is fetched with its score', async () => {
    // The unit's administrator registers the system and its webhook.
    const admin = await server.staff('admin');
    const registered = await admin.post('/api/v1/admin/record-systems', { name: 'Cosmic' });
    assert.equal(registered.status, 201);
    const { key } = registered.json;
    const hook = await admin.post('/api/v1/admin/webhooks', {
      url: `http://127.0.0.1:${receiver.address().port}/blankett`, events: ['FormCompleted'], secret: SECRET,
    });
    assert.equal(hook.status, 201);

    // The system asks for the form when the visit is booked.
    const records = async (method, p, body) => {
      const r = await fetch(`${server.base}${p}`, {
        method, headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: r.status, json: await r.json() };
    };
    const templates = await records('GET', '/api/v1/records/templates');
    const phq9 = templates.json.templates.find((x) => x.form_id === 'phq-9');
    const created = await records('POST', '/api/v1/records/forms', {
      template: phq9.id, personnummer: '197601012391', external_ref: 'besok-4711',
      message: 'Inför ditt besök vill vi att du svarar på några frågor om hur du mår.',
    });
    assert.deepEqual([created.status, created.json.state], [201, 'ONGOING']);
    const form = created.json.id;

    // Erik answers it in the browser: one symptom (several days), the rest not at all.
    const page = await newPage(browser, 'desktop');
    const errors = collectConsoleErrors(page, { ignore: expectedErrors });
    await page.goto(server.url('/'));
    await login(page, server, 'Erik Svensson');
    await page.getByRole('link', { name: 'Hälsoformulär (PHQ-9)' }).click();
    await page.locator('#page-form').waitFor();
    assert.match(await page.locator('.banner').textContent(), /Inför ditt besök/);
    await radio(page, 'q1', 'Flera dagar').check();
    for (const q of ['q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9']) await radio(page, q, 'Inte alls').check();
    await page.locator('#q-q10').waitFor({ state: 'visible' });
    await radio(page, 'q10', 'Inte alls svårt').check();
    await page.getByRole('button', { name: 'Granska dina svar' }).click();
    await page.getByRole('button', { name: 'Bekräfta och skicka' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tack! Dina svar är skickade' }).waitFor();
    errors.assertNone();
    await page.close();

    // FormCompleted, signed, with ids only; the system verifies it and fetches what it needs.
    const hit = await delivery((h) => h.json.event === 'FormCompleted' && h.json.form === form);
    assert.equal(signed(hit.signature, hit.body), true, 'the signature verifies with the shared secret');
    assert.equal(signed(hit.signature, hit.body.replace('besok-4711', 'besok-4712')), false, 'a changed body does not');
    assert.deepEqual(Object.keys(hit.json).sort(), ['created_at', 'event', 'external_ref', 'form', 'id', 'state', 'template', 'unit']);
    assert.deepEqual([hit.json.state, hit.json.template, hit.json.external_ref], ['COMPLETED', phq9.id, 'besok-4711']);
    assert.doesNotMatch(hit.body, /197601012391|Erik/, 'no personnummer or name in the event');

    const fetched = await records('GET', `/api/v1/records/forms/${form}`);
    assert.equal(fetched.status, 200);
    assert.equal(fetched.json.state, 'COMPLETED');
    assert.equal(fetched.json.personnummer, '197601012391');
    assert.equal(fetched.json.result.scores.total.value, 1);
    assert.equal(fetched.json.result.scores.total.bands.severity.code, 'minimal');
  });
});
