// Bad and oversized input, rate limits, login throttling, attachments checked by content, and the
// rule that no personnummer reaches a log line or an error text.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Server, people } from './server.mjs';

let server;
before(async () => { server = await Server.start({ 'max-body': 4096, 'max-attachment': 2048 }); });
after(async () => { await server.close(); });

describe('bad input', () => {
  test('oversized, malformed and too deep bodies get clear JSON errors', async () => {
    const c = server.client();
    let r = await c.post('/api/v1/citizen/login', { personnummer: 'x'.repeat(5000) });
    assert.equal(r.status, 413);
    assert.deepEqual(r.json, { error: { code: 'request.too_large', message: 'The request body is too large.' } });
    r = await c.request('POST', '/api/v1/citizen/login', '{"personnummer": ');
    assert.equal(r.status, 400);
    assert.equal(r.json.error.code, 'request.json');
    r = await c.request('POST', '/api/v1/citizen/login', '[1]');
    assert.equal(r.status, 400);
    assert.equal(r.json.error.code, 'request.json');
    r = await c.request('POST', '/api/v1/citizen/login', '{"a":'.repeat(40) + '1' + '}'.repeat(40));
    assert.equal(r.status, 400);
    assert.equal(r.json.error.code, 'request.too_deep');
    r = await c.post('/api/v1/citizen/login', { personnummer: 19760102 });
    assert.equal(r.status, 400);
    assert.deepEqual(r.json.error, { code: 'request.type', message: 'The field must be a string.', field: 'personnummer' });
    r = await c.post('/api/v1/citizen/login', {});
    assert.deepEqual(r.json.error, { code: 'request.missing', message: 'A required field is missing.', field: 'personnummer' });
  });

  test('unknown paths and methods answer in JSON; responses carry security headers', async () => {
    const c = server.client();
    let r = await c.get('/api/v1/nothing');
    assert.equal(r.status, 404);
    assert.equal(r.json.error.code, 'not_found');
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(r.headers.get('cache-control'), 'no-store');
    r = await c.get('/api/v1/health');
    assert.deepEqual(r.json, { status: 'ok', format: 1 });
    r = await c.get('/api/v1/citizen/forms/abc');
    assert.equal(r.status, 404);
  });

  test('a stored draft survives a refused save', async () => {
    const anna = await server.citizen(people.anna);
    const phq = (await anna.get('/api/v1/citizen/forms')).json.ongoing.find((f) => f.title.includes('PHQ-9'));
    let r = await anna.put(`/api/v1/citizen/forms/${phq.id}/pages/p1`, { revision: 0, answers: { q1: '2', q2: '1' } });
    assert.equal(r.status, 200, r.text);
    r = await anna.request('PUT', `/api/v1/citizen/forms/${phq.id}/pages/p1`, '{"revision": 1, "answers": {"q1": ');
    assert.equal(r.status, 400);
    r = await anna.put(`/api/v1/citizen/forms/${phq.id}/pages/p1`, { revision: 1, answers: { q1: 'x'.repeat(5000) } });
    assert.equal(r.status, 413);
    r = await anna.put(`/api/v1/citizen/forms/${phq.id}/pages/p1`, { revision: 1, answers: { nosuch: '1' } });
    assert.equal(r.status, 400);
    const stored = await anna.get(`/api/v1/citizen/forms/${phq.id}`);
    assert.deepEqual(stored.json.answers, { q1: '2', q2: '1' });
    assert.equal(stored.json.revision, 1);
  });
});

describe('throttling', () => {
  test('five wrong passwords block the account for a while, even with the right one', async () => {
    const bad = server.client();
    for (let i = 0; i < 5; ++i) {
      const r = await bad.post('/api/v1/staff/login', { username: 'designer', password: `wrong${i}` });
      assert.equal(r.status, 401);
    }
    const blocked = await server.client().post('/api/v1/staff/login', { username: 'designer', password: server.passwords.designer });
    assert.equal(blocked.status, 429);
    assert.equal(blocked.json.error.code, 'auth.throttled');
    // Other accounts are not affected.
    const ok = await server.client().post('/api/v1/staff/login', { username: 'syd', password: server.passwords.syd });
    assert.equal(ok.status, 200);
  });

  test('requests per address per minute', async () => {
    const limited = await Server.start({ rate: 20 });
    try {
      const c = limited.client();
      const statuses = [];
      for (let i = 0; i < 25; ++i) statuses.push((await c.get('/api/v1/health')).status);
      assert.deepEqual(statuses, [...Array(20).fill(200), ...Array(5).fill(429)]);
      const r = await c.get('/api/v1/health');
      assert.equal(r.json.error.code, 'request.rate');
    } finally {
      await limited.close();
    }
  });
});

describe('behind a reverse proxy', () => {
  test('with --client-address-header each client has its own limit, keyed on the entry the proxy appended', async () => {
    const limited = await Server.start({ rate: 5, 'client-address-header': 'X-Forwarded-For' });
    try {
      const c = limited.client();
      const from = (address) => c.request('GET', '/api/v1/health', undefined, { 'X-Forwarded-For': address });
      const a = [];
      // A client cannot escape its limit by putting addresses of its own in front of the proxy's entry.
      for (let i = 0; i < 7; ++i) a.push((await from(`10.0.0.${i}, 192.0.2.1`)).status);
      assert.deepEqual(a, [200, 200, 200, 200, 200, 429, 429]);
      assert.equal((await from('192.0.2.2')).status, 200, 'another client is not limited');
    } finally {
      await limited.close();
    }
  });
});

describe('attachments', () => {
  const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(100, 7)]);
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(100, 32)]);

  async function form() {
    const designer = await server.staff('admin', 'VCN');
    const definition = {
      format: 1, id: 'bilaga', version: 1, languages: ['sv', 'en'],
      title: { sv: 'Skicka en bild', en: 'Send a picture' },
      pages: [{ id: 'p1', title: { sv: 'Bild', en: 'Picture' }, items: [
        { id: 'photo', type: 'attachment', title: { sv: 'Foto', en: 'Photo' }, media_types: ['image/png', 'image/jpeg'],
          max_size: 1000, mandatory: true },
      ] }],
    };
    let r = await designer.post('/api/v1/templates', definition);
    assert.equal(r.status, 201, r.text);
    const id = r.json.id;
    assert.equal((await designer.put(`/api/v1/templates/${id}/versions/1`, { state: 'published' })).status, 200);
    r = await designer.post('/api/v1/dispatches', { template: id, recipients: [people.erik] });
    return r.json.recipients[0].instance;
  }

  test('pdf, jpg and png only, by content, within the size limit; the answer names the stored file', async () => {
    const id = await form();
    const erik = await server.citizen(people.erik);
    const url = `/api/v1/citizen/forms/${id}/attachments/photo?name=`;
    const upload = (bytes, name) => erik.request('POST', url + encodeURIComponent(name), bytes, { 'Content-Type': 'application/octet-stream' });
    let r = await upload(pdf, 'scan.png');
    assert.equal(r.status, 415, 'a pdf named .png is a pdf, which this question does not accept');
    assert.equal(r.json.error.code, 'attachment.type');
    r = await upload(Buffer.from('MZ\x90\x00 not an image'), 'virus.png');
    assert.equal(r.status, 415);
    r = await upload(Buffer.concat([png, Buffer.alloc(1000)]), 'big.png');
    assert.equal(r.status, 413);
    assert.equal(r.json.error.code, 'attachment.too_large');
    r = await upload(png, '../../etc/bild.png');
    assert.equal(r.status, 201, r.text);
    const file = r.json;
    assert.deepEqual({ ...file, id: undefined }, { id: undefined, name: 'bild.png', media_type: 'image/png', size: png.length });

    r = await erik.put(`/api/v1/citizen/forms/${id}/pages/p1`, { revision: 0, answers: { photo: { ...file, size: 5 } } });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.code, 'form.attachment');
    r = await erik.put(`/api/v1/citizen/forms/${id}/pages/p1`, { revision: 0, answers: { photo: { name: 'x.png', media_type: 'image/png', size: 5 } } });
    assert.equal(r.status, 400);
    r = await erik.put(`/api/v1/citizen/forms/${id}/pages/p1`, { revision: 0, answers: { photo: file } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.result.valid, true);
    assert.equal((await erik.post(`/api/v1/citizen/forms/${id}/review`)).status, 200);
    assert.equal((await erik.post(`/api/v1/citizen/forms/${id}/submit`)).status, 200);

    const nurse = await server.staff('sjukskoterska');
    const got = await fetch(`${server.base}/api/v1/answers/${id}/attachments/${file.id}`, { headers: { Cookie: nurse.cookie } });
    assert.equal(got.status, 200);
    assert.equal(got.headers.get('content-type'), 'image/png');
    assert.deepEqual(Buffer.from(await got.arrayBuffer()), png);
    const syd = await server.staff('syd');
    const other = await fetch(`${server.base}/api/v1/answers/${id}/attachments/${file.id}`, { headers: { Cookie: syd.cookie } });
    assert.equal(other.status, 404);
  });
});

describe('personal data in logs', () => {
  test('no personnummer in any log line, in any written form', async () => {
    // Make the server log as much as it can about people: logins, failures, dispatches, errors.
    const nurse = await server.staff('sjukskoterska');
    const phq = (await nurse.get('/api/v1/templates')).json.templates.find((t) => t.form_id === 'phq-9').id;
    await nurse.post('/api/v1/dispatches', { template: phq, recipients: Object.values(people) });
    for (const p of Object.values(people)) {
      await server.client().post('/api/v1/citizen/login', { personnummer: p });
      await server.client().post('/api/v1/citizen/login', { personnummer: `${p.slice(2, 8)}-${p.slice(8)}` });
    }
    await server.client().post('/api/v1/citizen/login', { personnummer: '19760102-2383' });
    await server.client().get(`/api/v1/citizen/forms/${people.anna}`);
    await server.client().get(`/api/v1/${people.anna}`);
    const log = server.log();
    assert.ok(log.split('\n').length > 50, 'the log has lines');
    for (const p of [...Object.values(people), '197601022383']) {
      for (const form of [p, p.slice(2), `${p.slice(0, 8)}-${p.slice(8)}`, `${p.slice(2, 8)}-${p.slice(8)}`]) {
        assert.ok(!log.includes(form), `the log holds ${form.length}-character number`);
      }
    }
    assert.doesNotMatch(log, /\d{10,12}/);
  });
});
