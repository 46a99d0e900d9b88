// The export area: an answer exported as a PDF (the exporter role besides reader), listed for its
// maker only, downloaded and audited, deleted at once or by the job 14 days later (the test clock),
// and deleted with the answer it holds.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Server, answerForm, people, sample } from './server.mjs';

let server;
before(async () => { server = await Server.start({ 'test-clock': 'on' }); });
after(async () => { await server.close(); });

const text = (pdf) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'blankett-pdf-'));
  try {
    writeFileSync(path.join(dir, 'a.pdf'), pdf);
    return execFileSync('pdftotext', ['-layout', path.join(dir, 'a.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

async function answered(personnummer, file) {
  const nurse = await server.staff('sjukskoterska');
  const phq9 = (await nurse.get('/api/v1/templates')).json.templates.find((t) => t.form_id === 'phq-9').id;
  const sent = await nurse.post('/api/v1/dispatches', { template: phq9, recipients: [personnummer] });
  const id = sent.json.recipients[0].instance;
  await answerForm(await server.citizen(personnummer), id, sample('phq-9', `answers/${file}`).answers);
  return id;
}

describe('the export area', () => {
  before(async () => {
    const admin = await server.staff('admin');
    assert.equal((await admin.post('/api/v1/admin/roles', { username: 'sjukskoterska', role: 'exporter' })).status, 200);
  });

  test('exporting needs the exporter role; the PDF holds the answer; only its maker sees it; each step audited', async () => {
    const id = await answered(people.anna, 'valid-moderately-severe.json');
    const designer = await server.staff('designer');  // no reader, no exporter role
    assert.deepEqual([(await designer.post(`/api/v1/answers/${id}/pdf`)).status, (await designer.get('/api/v1/exports')).status], [403, 403]);
    const nurse = await server.staff('sjukskoterska');
    const made = await nurse.post(`/api/v1/answers/${id}/pdf`);
    assert.equal(made.status, 201, made.text);
    const e = made.json.export;
    assert.deepEqual([e.kind, e.name, e.answers], ['pdf', `formularsvar-${id}.pdf`, 1]);
    assert.equal(Date.parse(e.expires_at) - Date.parse(e.created_at), 14 * 86400e3);
    assert.deepEqual((await nurse.get('/api/v1/exports')).json.exports.map((x) => x.id), [e.id]);

    const file = await fetch(`${server.base}/api/v1/exports/${e.id}/file`, { headers: { Cookie: nurse.cookie } });
    assert.equal(file.status, 200);
    assert.equal(file.headers.get('content-type'), 'application/pdf');
    const bytes = Buffer.from(await file.arrayBuffer());
    assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
    assert.equal(bytes.length, e.size);
    const words = text(bytes).replace(/\s+/g, ' ');
    assert.match(words, /Anna Andersson/);
    assert.match(words, /19760102-2382/);
    assert.match(words, /Sida 1 av \d/);

    // The admin (another staff member) cannot see or fetch it.
    const admin = await server.staff('admin');
    assert.equal((await admin.post('/api/v1/admin/roles', { username: 'admin', role: 'exporter' })).status, 200);
    assert.deepEqual((await (await server.staff('admin')).get('/api/v1/exports')).json.exports, []);
    assert.equal((await (await server.staff('admin')).get(`/api/v1/exports/${e.id}/file`)).status, 404);
    const log = (await admin.get('/api/v1/admin/audit?action=answer.export')).json.entries;
    assert.equal(log[0].target, `instance:${id}`);
    assert.equal((await admin.get('/api/v1/admin/audit?action=export.read')).json.entries[0].target, `export:${e.id}`);
    const events = (await nurse.get(`/api/v1/answers/${id}`)).json.events.map((x) => x.kind);
    assert.ok(events.includes('exported'), events.join());
  });

  test('its maker deletes it at once; deleting the answer deletes its exports', async () => {
    const id = await answered(people.erik, 'valid-mild.json');
    const nurse = await server.staff('sjukskoterska');
    const first = (await nurse.post(`/api/v1/answers/${id}/pdf`)).json.export;
    const second = (await nurse.post(`/api/v1/answers/${id}/pdf`)).json.export;
    assert.equal((await nurse.delete(`/api/v1/exports/${first.id}`)).status, 200);
    assert.equal((await nurse.delete(`/api/v1/exports/${first.id}`)).status, 404);
    assert.equal(server.sql(`SELECT COUNT(*) FROM exports WHERE id = ${first.id}`), '0');
    assert.equal((await nurse.delete(`/api/v1/answers/${id}`)).status, 200);
    assert.equal(server.sql(`SELECT COUNT(*) FROM exports WHERE id = ${second.id}`), '0');
    assert.equal(server.sql(`SELECT COUNT(*) FROM export_instances WHERE instance_id = ${id}`), '0');
  });

  test('14 days later the job deletes what is left (the test clock)', async () => {
    const id = await answered(people.sara, 'valid-mild.json');
    const nurse = await server.staff('sjukskoterska');
    const made = await nurse.post(`/api/v1/answers/${id}/pdf`);
    assert.equal(made.status, 201, made.text);  // (on SQLite its id is the one deleted above: its expiry job is renewed)
    const e = made.json.export;

    const almost = new Date(Date.parse(e.expires_at) - 60e3).toISOString().replace(/\.\d{3}Z$/, 'Z');
    assert.equal((await nurse.put('/api/v1/test/clock', { now: almost })).status, 200);
    assert.ok((await nurse.get('/api/v1/exports')).json.exports.some((x) => x.id === e.id), 'kept until its day');
    assert.equal((await nurse.put('/api/v1/test/clock', { now: e.expires_at })).status, 200);
    // The first test's export expires at the same moment: wait for this one's line.
    await server.logged(new RegExp(` export\\.expired export=${e.id}$`, 'm'));
    assert.equal(server.sql(`SELECT COUNT(*) FROM exports WHERE id = ${e.id}`), '0');
    assert.ok(!(await nurse.get('/api/v1/exports')).json.exports.some((x) => x.id === e.id));
  });
});
