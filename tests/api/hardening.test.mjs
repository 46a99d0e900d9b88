// The server as an attacker meets it: compressed and endless bodies, slow clients, headers a client
// chooses, quotas, administrators reaching too far, personal data left behind, smaller holes. Each
// test here failed on the server before it was hardened (docs/api.md § Limits says what it refuses).
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import zlib from 'node:zlib';
import { Server, binary, onPostgres, people, sample, streamChunked } from './server.mjs';

const MB = 1 << 20;

// One request through node's http module, which (unlike fetch) can send a header on several lines,
// choose the local address and stream a body. Resolves with {status, json, headers}.
function request(base, { method = 'GET', path: p = '/', headers = {}, body, localAddress } = {}) {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path: p, headers, localAddress, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { text += d; });
      res.on('end', () => {
        let json;
        try { json = JSON.parse(text); } catch { json = undefined; }
        resolve({ status: res.statusCode, json, text, headers: res.headers });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

// `megabytes` MB of zeros through gzip -9 as one stream (about 1 KB per MB), as `head -c 1G /dev/zero |
// gzip -9` makes it.
async function gzipBomb(megabytes) {
  const gz = zlib.createGzip({ level: 9 });
  const parts = [];
  gz.on('data', (d) => parts.push(d));
  const done = new Promise((resolve) => gz.on('end', resolve));
  const zeros = Buffer.alloc(MB);
  for (let i = 0; i < megabytes; ++i) if (!gz.write(zeros)) await new Promise((resolve) => gz.once('drain', resolve));
  gz.end();
  await done;
  return Buffer.concat(parts);
}

// The server still answers: a hang (a worker or the I/O threads held by the attack) fails after `ms`.
// The bound is far above any latency a loaded test machine shows; the benchmarks (bench/server/
// hostile.mjs) measure the latency itself.
async function healthWithin(base, ms, localAddress = '127.0.0.2') {
  const r = await Promise.race([
    request(base, { path: '/api/v1/health', localAddress }),
    new Promise((_, reject) => { const t = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms); t.unref(); }),
  ]);
  assert.deepEqual(r.json, { status: 'ok', format: 1 });
}

describe('bodies are bounded before they are buffered', () => {
  let server;
  before(async () => { server = await Server.start(); });
  after(async () => { await server.close(); });

  test('16 gzip bombs of 1 GB in parallel are refused with 415; memory stays put; health answers', async () => {
    const bomb = await gzipBomb(1024);
    assert.ok(bomb.length < 1.1 * MB, `${bomb.length} bytes`);
    // It is what it claims: the first 64 KB of it inflate to far more than the limit already.
    const head = zlib.gunzipSync(bomb.subarray(0, 64 * 1024), { finishFlush: zlib.constants.Z_SYNC_FLUSH });
    assert.ok(head.length > 60 * MB, `${head.length} bytes from 64 KB`);
    const start = server.rss();
    const results = await Promise.all(Array.from({ length: 16 }, () => request(server.base, {
      method: 'POST', path: '/api/v1/citizen/login', body: bomb,
      headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'Content-Length': bomb.length },
    }).catch((e) => ({ status: 0, error: e.message }))));
    for (const r of results) {
      assert.equal(r.status, 415, JSON.stringify(r));
      assert.equal(r.json.error.code, 'request.encoding');
    }
    assert.ok(server.rss() - start < 100 * MB, `resident memory grew by ${(server.rss() - start) / MB} MB`);
    await healthWithin(server.base, 15000);
  });

  test('an endless chunked body is cut off at the limit with 413; memory stays put', async () => {
    const start = server.rss();
    // Up to 4 GB, written as fast as the server takes it, until it answers.
    const { status, sent } = await streamChunked(server.base, '/api/v1/staff/login', 4096 * MB);
    assert.equal(status, 413);
    assert.ok(sent < 4096 * MB, 'the server answered before the stream ended');
    assert.ok(server.rss() - start < 100 * MB, `resident memory grew by ${(server.rss() - start) / MB} MB`);
    await healthWithin(server.base, 15000);
  });

  test('a Content-Length over the route\'s limit is refused before the body, and so are other codings', async () => {
    let r = await request(server.base, { method: 'POST', path: '/api/v1/citizen/login', body: '{}',
                                         headers: { 'Content-Type': 'application/json', 'Content-Length': 2 * MB, Expect: '100-continue' } })
      .catch((e) => ({ status: e.code }));
    // The 100-continue is never sent: the client learns at once, without sending 2 MB.
    assert.equal(r.status, 413);
    assert.equal(r.json.error.code, 'request.too_large');
    r = await request(server.base, { method: 'POST', path: '/api/v1/citizen/login', body: '{}',
                                     headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'gzip, chunked' } })
      .catch(() => ({ status: 'reset' }));
    assert.equal(r.status, 415);
    r = await request(server.base, { method: 'POST', path: '/api/v1/citizen/login', body: '{"personnummer":"197601022382"}',
                                     headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'identity' } });
    assert.equal(r.status, 200, r.text);
  });

  test('too many or too large header lines are 431', async () => {
    const many = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`X-H${i}`, 'v']));
    let r = await request(server.base, { path: '/api/v1/health', headers: many });
    assert.equal(r.status, 431);
    assert.equal(r.json.error.code, 'request.headers');
    r = await request(server.base, { path: '/api/v1/health', headers: { 'X-Big': 'x'.repeat(20000) } }).catch(() => ({ status: 'reset' }));
    assert.equal(r.status, 431);
  });
});

describe('hostile forms', () => {
  test('a template whose pattern nests 30,000 groups is refused with a located diagnostic; the server lives on', async () => {
    const server = await Server.start({ 'max-body': 2 * MB });
    try {
      const designer = await server.staff('designer');
      const pattern = '('.repeat(30000) + 'a' + ')'.repeat(30000);
      const definition = JSON.stringify({ format: 1, id: 'djup', version: 1, languages: ['sv'], title: { sv: 'Djup' },
        pages: [{ id: 'p1', title: { sv: 'Sida' }, items: [{ id: 'q', type: 'text', title: { sv: 'Fråga' }, pattern }] }] });
      const r = await designer.request('POST', '/api/v1/templates', definition);
      assert.equal(r.status, 422, r.text.slice(0, 300));
      assert.equal(r.json.error.code, 'template.invalid');
      const d = r.json.diagnostics.find((x) => x.pointer === '/pages/0/items/0/pattern');
      assert.ok(d, JSON.stringify(r.json.diagnostics).slice(0, 500));
      assert.equal(d.line, 1);
      assert.ok(d.column > 1);
      assert.deepEqual((await server.client().get('/api/v1/health')).json, { status: 'ok', format: 1 });
    } finally {
      await server.close();
    }
  });
});

describe('slow clients', () => {
  // Health must answer while the slow sockets are still held: within 10 s, half their 20 s deadline (a
  // bound that a loaded test machine never comes near, and that a server held by them cannot meet).
  test('300 slow sockets from one address leave health answering another address', async () => {
    const server = await Server.start({ 'request-timeout': 20, 'max-connections-per-address': 32 });
    const url = new URL(server.base);
    const sockets = [];
    let closed = 0;
    let refused;
    const capped = new Promise((resolve) => { refused = resolve; });
    const allClosed = new Promise((resolve) => {
      for (let i = 0; i < 300; ++i) {
        const s = net.connect({ host: url.hostname, port: Number(url.port), localAddress: '127.0.0.1' });
        s.on('error', () => {});
        s.on('close', () => {
          if (++closed === 268) refused();
          if (closed === 300) resolve();
        });
        s.on('connect', () => s.write(`POST /api/v1/staff/login HTTP/1.1\r\nHost: ${url.host}\r\n`));
        sockets.push(s);
      }
    });
    // Each sends one more header line a second and never ends its request.
    const drip = setInterval(() => { for (const s of sockets) if (!s.destroyed) s.write('X-a: b\r\n'); }, 1000);
    try {
      // The first 32 are held by the server; the rest are closed at once (the per-address cap).
      await capped;
      for (let i = 0; i < 3; ++i) await healthWithin(server.base, 10000, '127.0.0.2');
      // The held ones are closed when their requests' deadline passes, however they drip.
      await allClosed;
      await healthWithin(server.base, 15000, '127.0.0.1');
    } finally {
      clearInterval(drip);
      for (const s of sockets) s.destroy();
      await server.close();
    }
  });
});

describe('headers a client can choose', () => {
  test('the client address is the last entry of the last header line', async () => {
    const server = await Server.start({ 'client-address-header': 'X-Forwarded-For' });
    try {
      // The review's probe: a first line of the client's own and the proxy's line last. Before, every
      // attempt counted under another address and none was throttled.
      const statuses = [];
      for (let i = 0; i < 30; ++i) {
        const r = await request(server.base, { method: 'POST', path: '/api/v1/staff/login',
          headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': [`10.9.0.${i}`, '192.0.2.50'] },
          body: JSON.stringify({ username: `n${i}`, password: 'x' }) });
        statuses.push(r.status);
      }
      assert.deepEqual(statuses, [...Array(25).fill(401), ...Array(5).fill(429)]);
    } finally {
      await server.close();
    }
  });

  test('IPv6 clients are limited by their /64; only trusted proxies speak for clients', async () => {
    const server = await Server.start({ rate: 5, 'client-address-header': 'X-Forwarded-For', 'trusted-proxies': '127.0.0.1' });
    try {
      const from = (xff, localAddress = '127.0.0.1') => request(server.base, { path: '/api/v1/health', localAddress, headers: { 'X-Forwarded-For': xff } });
      const a = [];
      for (let i = 1; i <= 6; ++i) a.push((await from(`2001:db8:1:2::${i.toString(16)}`)).status);
      assert.deepEqual(a, [200, 200, 200, 200, 200, 429]);
      assert.equal((await from('2001:db8:1:3::1')).status, 200, 'the next /64 is another client');
      // 127.0.0.2 is not a trusted proxy: its header is ignored, so varying it does not help.
      const b = [];
      for (let i = 0; i < 6; ++i) b.push((await from(`198.51.100.${i}`, '127.0.0.2')).status);
      assert.deepEqual(b, [200, 200, 200, 200, 200, 429]);
    } finally {
      await server.close();
    }
  });

  test('two identity headers are refused', async () => {
    const server = await Server.start({ identity: 'header', demo: 'off' });
    try {
      let r = await request(server.base, { method: 'POST', path: '/api/v1/citizen/login', body: '{}',
        headers: { 'Content-Type': 'application/json', 'X-Blankett-Personnummer': [people.erik, people.anna] } });
      assert.equal(r.status, 400);
      assert.equal(r.json.error.code, 'auth.identity_ambiguous');
      r = await request(server.base, { method: 'POST', path: '/api/v1/citizen/login', body: '{}',
        headers: { 'Content-Type': 'application/json', 'X-Blankett-Personnummer': people.erik } });
      assert.equal(r.status, 200, r.text);
    } finally {
      await server.close();
    }
  });
});

describe('quotas', () => {
  let server;
  before(async () => { server = await Server.start({ 'max-form-bytes': 4000, 'max-attachment': 2048 }); });
  after(async () => { await server.close(); });

  test('a citizen starts at most three ongoing copies of one form', async () => {
    const erik = await server.citizen(people.erik);
    const who5 = (await erik.get('/api/v1/citizen/forms')).json.available.find((f) => f.title.includes('WHO-5'));
    const ids = [];
    for (let i = 0; i < 3; ++i) {
      const r = await erik.post('/api/v1/citizen/forms', { template: who5.template });
      assert.equal(r.status, 201, r.text);
      ids.push(r.json.id);
    }
    let r = await erik.post('/api/v1/citizen/forms', { template: who5.template });
    assert.equal(r.status, 409);
    assert.equal(r.json.error.code, 'form.limit');
    assert.equal((await erik.post(`/api/v1/citizen/forms/${ids[0]}/cancel`)).status, 200);
    r = await erik.post('/api/v1/citizen/forms', { template: who5.template });
    assert.equal(r.status, 201, 'a cancelled form frees its place');
  });

  test('files per question and bytes per form; a replaced file frees its place when the page is saved', async () => {
    const designer = await server.staff('admin', 'VCN');
    const definition = {
      format: 1, id: 'bilagor', version: 1, languages: ['sv'], title: { sv: 'Bilagor' },
      pages: [{ id: 'p1', title: { sv: 'Filer' }, items: [
        { id: 'one', type: 'attachment', title: { sv: 'En fil' }, media_types: ['application/pdf'] },
        { id: 'many', type: 'attachment', title: { sv: 'Flera' }, media_types: ['application/pdf'], max_files: 5 },
      ] }],
    };
    let r = await designer.post('/api/v1/templates', definition);
    assert.equal(r.status, 201, r.text);
    assert.equal((await designer.put(`/api/v1/templates/${r.json.id}/versions/1`, { state: 'published' })).status, 200);
    r = await designer.post('/api/v1/dispatches', { template: r.json.id, recipients: [people.anna] });
    const id = r.json.recipients[0].instance;
    const anna = await server.citizen(people.anna);
    const pdf = (n) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(n - 9, 32)]);
    const upload = (item, bytes) => anna.request('POST', `/api/v1/citizen/forms/${id}/attachments/${item}?name=f.pdf`, bytes,
                                                 { 'Content-Type': 'application/octet-stream' });
    // One file allowed, and one more waiting to replace it.
    const first = await upload('one', pdf(100));
    assert.equal(first.status, 201, first.text);
    const second = await upload('one', pdf(100));
    assert.equal(second.status, 201);
    r = await upload('one', pdf(100));
    assert.deepEqual([r.status, r.json?.error?.code], [409, 'attachment.limit'], r.text);
    // Saving the page with the second file drops the first: there is room again.
    r = await anna.put(`/api/v1/citizen/forms/${id}/pages/p1`, { revision: 0, answers: { one: second.json } });
    assert.equal(r.status, 200, r.text);
    assert.equal((await upload('one', pdf(100))).status, 201);
    // Bytes per form: 4000 in all.
    assert.equal((await upload('many', pdf(1950))).status, 201);  // 100 + 100 + 1950 stored
    r = await upload('many', pdf(1950));  // 4100 > 4000
    assert.deepEqual([r.status, r.json?.error?.code], [413, 'attachment.quota'], r.text);
  });

  test('a banner message is at most 2000 characters', async () => {
    const nurse = await server.staff('sjukskoterska');
    const phq = (await nurse.get('/api/v1/templates')).json.templates.find((t) => t.form_id === 'phq-9').id;
    let r = await nurse.post('/api/v1/dispatches', { template: phq, recipients: [people.erik], message: 'å'.repeat(2001) });
    assert.deepEqual([r.status, r.json.error.code, r.json.error.field], [400, 'request.value', 'message']);
    r = await nurse.post('/api/v1/dispatches', { template: phq, recipients: [people.erik], message: 'å'.repeat(2000) });
    assert.equal(r.status, 201, r.text);
    r = await nurse.post('/api/v1/dispatches/links', { template: phq, message: 'x'.repeat(2001) });
    assert.equal(r.status, 400);
  });
});

describe('an administrator reaches the citizens of the unit only', () => {
  test('lock needs a relation with the unit, and is logged at every unit the citizen has forms at', async () => {
    const server = await Server.start();
    try {
      const anna = await server.citizen(people.anna);
      const annaId = anna.me.citizen;
      const erik = (await server.citizen(people.erik)).me.citizen;
      // Anna has forms at VCN only; HCS's admin cannot reach her.
      const admin = await server.staff('admin', 'HCS');
      let r = await admin.put(`/api/v1/admin/citizens/${annaId}`, { locked: true });
      assert.deepEqual([r.status, r.json.error.code], [404, 'not_found']);
      assert.equal((await server.citizen(people.anna)).me.citizen, annaId, 'Anna can still log in');
      // HCS sends her a form: now both units have a relation with her.
      const syd = await server.staff('syd');
      const phq = (await syd.get('/api/v1/templates')).json.templates.find((t) => t.form_id === 'phq-9').id;
      assert.equal((await syd.post('/api/v1/dispatches', { template: phq, recipients: [people.anna] })).json.sent, 1);
      r = await admin.put(`/api/v1/admin/citizens/${annaId}`, { locked: true });
      assert.equal(r.status, 200, r.text);
      r = await server.client().post('/api/v1/citizen/login', { personnummer: people.anna });
      assert.equal(r.json.error.code, 'auth.locked');
      // Logged at HCS, where it was done, and at VCN, where she has forms too.
      const hcs = (await admin.get('/api/v1/admin/audit')).json.entries[0];
      assert.deepEqual([hcs.action, hcs.target, hcs.details], ['citizen.lock', `citizen:${annaId}`, '']);
      const atVcn = await server.staff('admin', 'VCN');
      const vcn = (await atVcn.get('/api/v1/admin/audit')).json.entries.find((e) => e.target === `citizen:${annaId}`);
      assert.equal(vcn.action, 'citizen.lock');
      assert.match(vcn.details, /^by unit:\d+$/);
      // Erik has no form at HCS: still out of reach, for protected identity too, and not to be found.
      r = await admin.put(`/api/v1/admin/citizens/${erik}`, { protected_identity: false });
      assert.equal(r.status, 404);
      assert.equal((await admin.get(`/api/v1/admin/citizens?personnummer=${people.erik}`)).status, 404);
      // Anna is found by her number in either written form, and the lookup is logged.
      const dashed = `${people.anna.slice(0, 8)}-${people.anna.slice(8)}`;
      r = await admin.get(`/api/v1/admin/citizens?personnummer=${dashed}`);
      assert.deepEqual(r.json, { id: annaId, name: 'Anna Andersson', locked: true, protected_identity: false });
      assert.equal((await admin.get('/api/v1/admin/audit')).json.entries[0].action, 'citizen.read');
      assert.equal((await admin.get('/api/v1/admin/citizens?personnummer=19760102238')).status, 404);
    } finally {
      await server.close();
    }
  });
});

describe('personal data left behind', () => {
  test('a download is named from a clean stem and the sniffed type', async () => {
    const server = await Server.start();
    try {
      const designer = await server.staff('admin', 'VCN');
      const definition = { format: 1, id: 'remiss', version: 1, languages: ['sv'], title: { sv: 'Remiss' },
        pages: [{ id: 'p1', title: { sv: 'Fil' }, items: [{ id: 'f', type: 'attachment', title: { sv: 'Fil' }, max_files: 3 }] }] };
      let r = await designer.post('/api/v1/templates', definition);
      await designer.put(`/api/v1/templates/${r.json.id}/versions/1`, { state: 'published' });
      r = await designer.post('/api/v1/dispatches', { template: r.json.id, recipients: [people.erik] });
      const id = r.json.recipients[0].instance;
      const erik = await server.citizen(people.erik);
      const polyglot = Buffer.from('%PDF-1.4\r\n@echo off\r\ncalc\r\n');
      const names = {};
      for (const name of ['remiss.pdf.bat', 'faktura\u202Efdp.exe', 'svar.hta']) {
        r = await erik.request('POST', `/api/v1/citizen/forms/${id}/attachments/f?name=${encodeURIComponent(name)}`, polyglot,
                               { 'Content-Type': 'application/octet-stream' });
        assert.equal(r.status, 201, r.text);
        names[name] = r.json;
      }
      assert.deepEqual(Object.values(names).map((f) => f.name), ['remiss_pdf.pdf', 'fakturafdp.pdf', 'svar.pdf']);
      r = await erik.put(`/api/v1/citizen/forms/${id}/pages/p1`, { revision: 0, answers: { f: Object.values(names) } });
      assert.equal(r.status, 200, r.text);
      const nurse = await server.staff('sjukskoterska');
      const got = await fetch(`${server.base}/api/v1/answers/${id}/attachments/${names['remiss.pdf.bat'].id}`, { headers: { Cookie: nurse.cookie } });
      assert.equal(got.headers.get('content-disposition'), 'attachment; filename="remiss_pdf.pdf"; filename*=UTF-8\'\'remiss_pdf.pdf');
      assert.equal(got.headers.get('content-type'), 'application/pdf');
    } finally {
      await server.close();
    }
  });

  // SQLite's write-ahead log; PostgreSQL's side of deletion is in staff.test.mjs.
  test('a delete held back by a reader completes as soon as the reader lets go', { skip: onPostgres && 'SQLite files only' }, async () => {
    const server = await Server.start();
    try {
      const nurse = await server.staff('sjukskoterska');
      const phq = (await nurse.get('/api/v1/templates')).json.templates.find((t) => t.form_id === 'phq-9').id;
      const id = (await nurse.post('/api/v1/dispatches', { template: phq, recipients: [people.erik] })).json.recipients[0].instance;
      const erik = await server.citizen(people.erik);
      const marker = 'GALLRAS-FORTFARANDE-7731';
      // A text answer that is easy to find in the files: the PHQ-9 has none, so the banner holds it.
      server.sql(`UPDATE instances SET banner = '${marker}' WHERE id = ${id}`);
      assert.equal((await erik.put(`/api/v1/citizen/forms/${id}/pages/p1`, { revision: 0, answers: { q1: '1' } })).status, 200);
      // Another process holds a read transaction open (a backup, an operator's sqlite3 shell).
      const reader = spawn('sqlite3', [server.database], { stdio: ['pipe', 'pipe', 'inherit'] });
      let out = '';
      reader.stdout.on('data', (d) => { out += d; });
      const reading = new Promise((resolve) => reader.stdout.on('data', () => { if (/\d+\n/.test(out)) resolve(); }));
      reader.stdin.write('BEGIN; SELECT count(*) FROM instances;\n');
      await reading;
      assert.equal((await nurse.delete(`/api/v1/answers/${id}`)).status, 200);
      await server.logged(/ deletion\.pending /);
      const files = () => ['', '-wal', '-shm'].map((s) => { try { return readFileSync(server.database + s); } catch { return Buffer.alloc(0); } });
      assert.ok(files().some((b) => b.includes(marker)), 'while the reader holds its snapshot the old pages are still there');
      reader.stdin.end('COMMIT;\n');
      await new Promise((resolve) => reader.on('exit', resolve));
      await server.logged(/ deletion\.purged/);
      for (const b of files()) assert.ok(!b.includes(marker), 'the deleted text is in no database file');
    } finally {
      await server.close();
    }
  });

  test('an existing database file gets mode 0600, and so do its companions', { skip: onPostgres && 'SQLite files only' }, async () => {
    const server = await Server.start();
    await server.stop();
    for (const s of ['', '-wal', '-shm']) {
      try { execFileSync('chmod', ['0644', server.database + s]); } catch { /* not there */ }
    }
    writeFileSync(server.database + '-shm', '');
    execFileSync('chmod', ['0644', server.database + '-shm']);
    await server.launch();
    try {
      await server.citizen(people.anna);  // a write: the write-ahead log exists while connections are open
      for (const s of ['', '-wal', '-shm']) {
        assert.equal((statSync(server.database + s).mode & 0o777).toString(8), '600', server.database + s);
      }
      assert.equal((statSync(server.logFile).mode & 0o777).toString(8), '600');
    } finally {
      await server.close();
    }
  });
});

describe('smaller holes', () => {
  let server;
  before(async () => { server = await Server.start(); });
  after(async () => { await server.close(); });

  test('a disabled staff account loses its open session', async () => {
    const designer = await server.staff('designer');
    assert.equal((await designer.get('/api/v1/templates')).status, 200);
    server.sql("UPDATE staff SET disabled = 1 WHERE username = 'designer'");
    try {
      const r = await designer.get('/api/v1/templates');
      assert.deepEqual([r.status, r.json.error.code], [401, 'auth.required']);
      assert.equal(server.sql("SELECT count(*) FROM sessions s JOIN staff f ON f.id = s.staff_id WHERE f.username = 'designer'"), '0');
    } finally {
      server.sql("UPDATE staff SET disabled = 0 WHERE username = 'designer'");
    }
  });

  test('a removed guardianship ends acting for the child', async () => {
    const sara = await server.citizen(people.sara);
    const lova = sara.me.children[0].id;
    assert.equal((await sara.put('/api/v1/citizen/acting-for', { child: lova })).status, 200);
    assert.equal((await sara.get('/api/v1/citizen/forms')).json.acting_for, lova);
    server.sql(`DELETE FROM guardianships WHERE child_id = ${lova}`);
    try {
      assert.equal((await sara.get('/api/v1/citizen/forms')).json.acting_for, null);
    } finally {
      server.sql(`INSERT INTO guardianships (guardian_id, child_id) VALUES (${sara.me.citizen}, ${lova})`);
    }
  });

  test('logins take JSON from Blankett\'s own pages only (login CSRF)', async () => {
    const form = '{"username":"designer","password":"x","y":"=1"}';
    for (const p of ['/api/v1/staff/login', '/api/v1/citizen/login']) {
      let r = await request(server.base, { method: 'POST', path: p, body: form, headers: { 'Content-Type': 'text/plain' } });
      assert.deepEqual([r.status, r.json.error.code], [415, 'request.content_type'], p);
      r = await request(server.base, { method: 'POST', path: p, body: form });
      assert.equal(r.status, 415, p);
      r = await request(server.base, { method: 'POST', path: p, body: '{}',
                                       headers: { 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'cross-site' } });
      assert.deepEqual([r.status, r.json.error.code], [403, 'auth.cross_site'], p);
    }
    const r = await request(server.base, { method: 'POST', path: '/api/v1/citizen/login', body: JSON.stringify({ personnummer: people.erik }),
                                           headers: { 'Content-Type': 'application/json; charset=utf-8', 'Sec-Fetch-Site': 'same-origin' } });
    assert.equal(r.status, 200);
  });

  test('an e-mail address with CR/LF (header injection) is refused by the core\'s rule', async () => {
    const anna = await server.citizen(people.anna);
    for (const email of ['a@b.se\r\nBcc: x@evil.example', 'a b@c.se', 'a@b..se', '@b.se']) {
      const r = await anna.put('/api/v1/citizen/settings', { email });
      assert.deepEqual([r.status, r.json.error.field], [400, 'email'], JSON.stringify(email));
    }
    assert.equal((await anna.put('/api/v1/citizen/settings', { email: 'anna.andersson@example.se', sms: '070-123 45 67' })).status, 200);
    assert.equal((await anna.put('/api/v1/citizen/settings', { sms: '+46 (70) 1234567' })).status, 400);
  });

  test('review and submit are refused when the answers changed since the revision the citizen saw', async () => {
    const erik = await server.citizen(people.erik);
    const nurse = await server.staff('sjukskoterska');
    const phq = (await nurse.get('/api/v1/templates')).json.templates.find((t) => t.form_id === 'phq-9').id;
    const id = (await nurse.post('/api/v1/dispatches', { template: phq, recipients: [people.erik] })).json.recipients[0].instance;
    const answers = sample('phq-9', 'answers/valid-moderately-severe.json').answers;
    assert.equal((await erik.put(`/api/v1/citizen/forms/${id}/pages/p1`, { revision: 0, answers })).status, 200);
    let r = await erik.post(`/api/v1/citizen/forms/${id}/review`, { revision: 0 });
    assert.deepEqual([r.status, r.json.error.code], [409, 'form.conflict']);
    assert.equal((await erik.post(`/api/v1/citizen/forms/${id}/review`, { revision: 1 })).status, 200);
    r = await erik.post(`/api/v1/citizen/forms/${id}/submit`, { revision: 0 });
    assert.deepEqual([r.status, r.json.error.code], [409, 'form.conflict']);
    assert.equal((await erik.post(`/api/v1/citizen/forms/${id}/submit`, { revision: 1 })).status, 200);
  });

  test('an unclaimed form link expires with the form\'s last day to answer', async () => {
    const nurse = await server.staff('sjukskoterska');
    const phq = (await nurse.get('/api/v1/templates')).json.templates.find((t) => t.form_id === 'phq-9').id;
    const links = (await nurse.post('/api/v1/dispatches/links', { template: phq, count: 1 })).json.links;
    server.sql(`UPDATE instances SET answer_by = '2020-01-01' WHERE id = ${links[0].instance}`);
    const kim = await server.citizen(people.kim);
    const r = await kim.post('/api/v1/citizen/links', { token: links[0].token });
    assert.deepEqual([r.status, r.json.error.code], [410, 'link.expired']);
  });

  test('the demo answers only to the names of this machine (no DNS rebinding)', async () => {
    const port = new URL(server.base).port;
    for (const host of [`rebind.example:${port}`, 'rebind.example', `127.0.0.1.nip.example:${port}`]) {
      const r = await request(server.base, { path: '/api/v1/citizen/demo-people', headers: { Host: host } });
      assert.deepEqual([r.status, r.json.error.code], [421, 'request.host'], host);
    }
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) {
      const r = await request(server.base, { path: '/api/v1/citizen/demo-people', headers: { Host: host } });
      assert.equal(r.status, 200, host);
    }
  });

  test('the demo login is refused on an address other than loopback', () => {
    const run = spawnSync(binary, ['serve', '--host', '0.0.0.0', '--port', '0', '--demo', 'on', '--database', path.join(server.dir, 'x.db')],
                          { encoding: 'utf8', timeout: 30000 });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /the demo login .* lets anyone log in as anyone; it is\nrefused on 0\.0\.0\.0/);
  });

  test('with the identity from a login service the server may listen on any address', async () => {
    const open = await Server.start({ host: '0.0.0.0', identity: 'header', demo: 'on' });
    try {
      assert.equal((await open.client().get('/api/v1/health')).status, 200);
    } finally {
      await open.close();
    }
  });
});
