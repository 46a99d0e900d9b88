// The OpenAPI 3.1 description (docs/openapi.json): it validates, it lists exactly the routes the server
// registers, and every documented operation answers a realistic sequence of requests as described (the
// status is one the operation lists, the body valid against that status's schema). An operation marked
// x-blankett-planned is documented ahead of the server: checked not to be served, never called.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import crypto from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { Client, Server, people, root } from './server.mjs';

const docPath = path.join(root, 'docs/openapi.json');
const doc = JSON.parse(readFileSync(docPath, 'utf8'));
const METHODS = ['get', 'put', 'post', 'delete'];

// Every documented operation: "METHOD /path/{}" (parameters unnamed, as the server's table has them),
// with a regular expression for concrete URLs built from the parameters' schemas; `records` for the
// record-system area, `planned` for an operation documented ahead of the server (x-blankett-planned).
const operations = [];
for (const [p, item] of Object.entries(doc.paths)) {
  for (const method of METHODS) {
    const op = item[method];
    if (!op) continue;
    const kinds = Object.fromEntries((op.parameters ?? []).filter((x) => x.in === 'path').map((x) => [x.name, x.schema.type]));
    const pattern = p.replace(/[.]/g, '\\.').replace(/\{(\w+)\}/g, (_, name) => (kinds[name] === 'integer' ? '([0-9]{1,18})' : '([A-Za-z][A-Za-z0-9_.-]{0,63})'));
    operations.push({ key: `${method.toUpperCase()} ${p.replace(/\{\w+\}/g, '{}')}`, method: method.toUpperCase(), path: p, op,
                      regex: new RegExp(`^${pattern}$`), records: (op.tags ?? []).includes('records'),
                      planned: op['x-blankett-planned'] === true });
  }
}

// The server's route table, read from its source: each area's table is a run of r.get/post/put/del
// calls at the end of server/http/*.cpp. Reading the source (rather than probing the binary) is exact
// and finds a route that no document mentions; the sequence below then calls every route on the
// running binary.
function servedRoutes() {
  const dir = path.join(root, 'server/http');
  const out = new Set();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpp'))) {
    for (const m of readFileSync(path.join(dir, file), 'utf8').matchAll(/\br\.(get|post|put|del)\("(\/api\/[^"]*)"/g)) {
      out.add(`${m[1] === 'del' ? 'DELETE' : m[1].toUpperCase()} ${m[2].replace(/\{\w+\}/g, '{}')}`);
    }
  }
  return out;
}

describe('docs/openapi.json', () => {
  test('validates as OpenAPI 3.1, and every $ref resolves', async () => {
    const validator = new Validator();
    const res = await validator.validate(docPath);
    assert.deepEqual(res.errors, undefined);
    assert.equal(res.valid, true);
    assert.equal(validator.version, '3.1');
    assert.equal(doc.openapi, '3.1.0');
    const unresolved = [];
    (function walk(x) {
      if (Array.isArray(x)) return x.forEach(walk);
      if (!x || typeof x !== 'object') return;
      if (typeof x.$ref === 'string') {
        let at = doc;
        for (const part of x.$ref.replace(/^#\//, '').split('/')) at = at?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
        if (at === undefined) unresolved.push(x.$ref);
      }
      Object.values(x).forEach(walk);
    })(doc);
    assert.deepEqual(unresolved, []);
    // Each operation says who may call it and whether CSRF applies, and has a unique operationId.
    for (const { key, op } of operations) {
      assert.equal(typeof op['x-blankett-role'], 'string', key);
      assert.equal(typeof op['x-blankett-csrf'], 'boolean', key);
      assert.ok(op.tags?.length, key);
      if ('x-blankett-planned' in op) assert.equal(op['x-blankett-planned'], true, key);
    }
    const ids = operations.map((o) => o.op.operationId);
    assert.equal(new Set(ids).size, ids.length);
  });

  test('documents every route the server registers, and no route it lacks but those planned (x-blankett-planned)', (t) => {
    const served = servedRoutes();
    const documented = new Set(operations.map((o) => o.key));
    assert.ok(served.size > 70, `found only ${served.size} routes in server/http/*.cpp`);
    assert.deepEqual([...served].filter((k) => !documented.has(k)).sort(), [], 'served but not documented');
    assert.deepEqual(operations.filter((o) => !served.has(o.key) && !o.planned).map((o) => o.key), [], 'documented but not served');
    assert.deepEqual(operations.filter((o) => served.has(o.key) && o.planned).map((o) => o.key), [], 'served, yet marked x-blankett-planned');
    const planned = operations.filter((o) => o.planned);
    if (planned.length) t.diagnostic(`documented, not yet served: ${planned.map((o) => o.key).join(', ')}`);
  });
});

// ---- every documented route answers as described --------------------------------------------------

const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
addFormats(ajv);
ajv.addVocabulary(['components']);
const base = 'https://blankett.invalid/openapi.json';
ajv.addSchema({ $id: base, components: { schemas: doc.components.schemas } });
const rebased = (schema) => JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', `"${base}#/components/`));
const validators = new Map();
const validatorOf = (key, status, schema) => {
  const k = `${key} ${status}`;
  if (!validators.has(k)) validators.set(k, ajv.compile(rebased(schema)));
  return validators.get(k);
};

const called = new Map();  // operation key -> the statuses seen
const operationOf = (method, url) => {
  const p = url.split('?')[0];
  return operations.find((o) => o.method === method && o.regex.test(p));
};

// Every response the tests' clients get is checked against the document.
const original = Client.prototype.request;
Client.prototype.request = async function checked(method, url, body, headers) {
  const r = await original.call(this, method, url, body, headers);
  const found = operationOf(method, url);
  assert.ok(found, `${method} ${url} is not in docs/openapi.json`);
  let documented = found.op.responses[String(r.status)] ?? found.op.responses[`${String(r.status)[0]}XX`];
  if (documented?.$ref) documented = doc.components.responses[documented.$ref.replace('#/components/responses/', '')];
  assert.ok(documented, `${found.key}: status ${r.status} is not documented (${Object.keys(found.op.responses).join(', ')}): ${r.text.slice(0, 300)}`);
  const type = (r.headers.get('content-type') ?? '').split(';')[0].trim();
  if (documented.content) {
    assert.ok(Object.keys(documented.content).includes(type), `${found.key} ${r.status}: Content-Type ${type}, documented ${Object.keys(documented.content)}`);
    const schema = documented.content[type].schema;
    if (type === 'application/json' && schema) {
      const validate = validatorOf(found.key, r.status, schema);
      assert.ok(validate(r.json), `${found.key} ${r.status}: ${ajv.errorsText(validate.errors)}\n${r.text.slice(0, 600)}`);
    }
  }
  // A request the server took must fit the documented request body too.
  const requestSchema = found.op.requestBody?.content?.['application/json']?.schema;
  if (r.status < 300 && requestSchema && body !== undefined && !(body instanceof Uint8Array)) {
    const validate = validatorOf(`${found.key} request`, '', requestSchema);
    assert.ok(validate(typeof body === 'string' ? JSON.parse(body) : body), `${found.key} request body: ${ajv.errorsText(validate.errors)}`);
  }
  if (!called.has(found.key)) called.set(found.key, new Set());
  called.get(found.key).add(r.status);
  return r;
};

// The response, after checking its status (and, through the wrapper above, its body).
const expect = (r, status, code) => {
  assert.equal(r.status, status, r.text.slice(0, 300));
  if (code) assert.equal(r.json.error.code, code);
  return r.json;
};

// An answer has exactly the members its schema documents (the schemas do not forbid more, so that
// clients generated from them keep working when a member is added).
const exact = (json, schema) => {
  const properties = (typeof schema === 'string' ? doc.components.schemas[schema] : schema).properties;
  assert.deepEqual(Object.keys(json).sort(), Object.keys(properties).sort(), typeof schema === 'string' ? schema : JSON.stringify(json));
};

const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(100, 7)]);
const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(100, 32)]);
const definition = {
  format: 1, id: 'openapi-check', version: 1, languages: ['sv', 'en'],
  title: { sv: 'OpenAPI-kontroll', en: 'OpenAPI check' },
  pages: [{ id: 'p1', title: { sv: 'Frågor', en: 'Questions' }, items: [
    { id: 'mood', type: 'integer', title: { sv: 'Humör', en: 'Mood' }, min: 0, max: 10, mandatory: true },
    { id: 'photo', type: 'attachment', title: { sv: 'Foto', en: 'Photo' }, media_types: ['image/png'], max_size: 1000 },
  ] }],
  measurements: [{ id: 'weight', type: 'decimal', min: 30, max: 300, title: { sv: 'Vikt', en: 'Weight' } }],
};
const pad = (n) => String(n).padStart(2, '0');
// The server's local date and time (its zone is this process's) of a moment.
const local = (ms) => {
  const d = new Date(ms);
  return { date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`, time: `${pad(d.getHours())}:${pad(d.getMinutes())}` };
};

let server;
before(async () => { server = await Server.start({ 'test-clock': 'on' }); });
after(async () => { await server?.close(); });

// Whether the running binary has the route: the router's own 404 ("Not found.") or a 405 says it has not.
async function serves(o) {
  const url = server.base + o.path.replace(/\{\w+\}/g, '1');
  const res = await fetch(url, { method: o.method, headers: { 'Content-Type': 'application/json' }, body: o.method === 'GET' ? undefined : '{}' });
  const body = await res.json().catch(() => ({}));
  return !(res.status === 405 || (res.status === 404 && body?.error?.message === 'Not found.'));
}

describe('every documented route answers as described', () => {
  const ids = {};

  test('anyone: health, the test clock, the demo people, failed logins', async () => {
    const anon = server.client();
    expect(await anon.get('/api/v1/health'), 200);
    const { now } = expect(await anon.get('/api/v1/test/clock'), 200);
    const later = new Date(Date.parse(now) + 60e3).toISOString().replace(/\.\d{3}Z$/, 'Z');
    assert.deepEqual(expect(await anon.put('/api/v1/test/clock', { now: later }), 200), { now: later });
    expect(await anon.put('/api/v1/test/clock', { now: 'soon' }), 400, 'request.value');
    const demo = expect(await anon.get('/api/v1/citizen/demo-people'), 200);
    assert.ok(demo.people.some((p) => p.personnummer === people.anna));
    expect(await anon.post('/api/v1/staff/login', { username: 'admin', password: 'wrong' }), 401, 'auth.failed');
    expect(await anon.post('/api/v1/citizen/login', { personnummer: '123' }), 400, 'auth.personnummer');
    expect(await anon.get('/api/v1/answers'), 401, 'auth.required');
  });

  test('staff session, settings and administration', async () => {
    const admin = server.client();
    const login = expect(await admin.post('/api/v1/staff/login', { username: 'admin', password: server.passwords.admin }), 200);
    const vcn = login.units.find((u) => u.code === 'VCN').id;
    assert.equal(login.unit, vcn, 'the unit chosen last time');
    assert.equal(expect(await admin.get('/api/v1/staff/me'), 200).staff.username, 'admin');
    assert.equal(expect(await admin.put('/api/v1/staff/unit', { unit: vcn }), 200).unit, vcn);
    expect(await admin.put('/api/v1/staff/unit', { unit: 999999 }), 403, 'auth.role');
    ids.admin = login.staff.id;

    expect(await admin.get('/api/v1/staff/settings'), 200);
    assert.equal(expect(await admin.put('/api/v1/staff/settings', { email: 'alva@example.se' }), 200).email, 'alva@example.se');
    expect(await admin.put('/api/v1/staff/settings', { email: 'not an address' }), 400, 'request.value');

    expect(await admin.get('/api/v1/admin/unit'), 200);
    assert.equal(expect(await admin.put('/api/v1/admin/unit', { email: 'vcn@example.se' }), 200).email, 'vcn@example.se');
    expect(await admin.put('/api/v1/admin/unit', {}), 400, 'request.missing');

    expect(await admin.get('/api/v1/admin/staff'), 200);
    const made = expect(await admin.post('/api/v1/admin/staff', { username: 'openapi.test', name: 'Olle Test', role: 'reader' }), 201);
    expect(await admin.post('/api/v1/admin/staff', { username: 'openapi.test', name: 'Olle Test', role: 'reader' }), 409, 'staff.exists');
    // The new account logs in with its password; turned off, its session ends at once.
    const olle = server.client();
    assert.equal(expect(await olle.post('/api/v1/staff/login', { username: 'openapi.test', password: made.password }), 200).unit, vcn);
    expect(await olle.get('/api/v1/answers/retention'), 200);
    expect(await olle.get('/api/v1/dispatches'), 403, 'auth.role');
    expect(await admin.put(`/api/v1/admin/staff/${made.id}`, { disabled: true }), 200);
    expect(await olle.get('/api/v1/staff/me'), 401, 'auth.required');
    expect(await admin.put(`/api/v1/admin/staff/${ids.admin}`, { disabled: true }), 409, 'admin.self');
    expect(await admin.post('/api/v1/admin/roles', { username: 'admin', role: 'exporter' }), 200);
    expect(await admin.post('/api/v1/admin/roles', { username: 'openapi.test', role: 'sender' }), 200);
    expect(await admin.request('DELETE', '/api/v1/admin/roles', { username: 'openapi.test', role: 'sender' }), 200);
    expect(await admin.post('/api/v1/admin/roles', { username: 'nobody', role: 'reader' }), 404, 'not_found');

    const anna = expect(await admin.get(`/api/v1/admin/citizens?personnummer=${people.anna}`), 200);
    expect(await admin.put(`/api/v1/admin/citizens/${anna.id}`, { protected_identity: false }), 200);
    expect(await admin.get('/api/v1/admin/citizens?personnummer=123'), 404, 'not_found');
    assert.ok(expect(await admin.get('/api/v1/admin/audit?action=staff.'), 200).entries.some((e) => e.action === 'staff.create'));
    expect(await admin.get('/api/v1/admin/audit?from=yesterday'), 400, 'request.value');
    ids.adminClient = admin;
  });

  test('templates: upload, publish, share, export, subscribe', async () => {
    const admin = ids.adminClient;
    const up = expect(await admin.post('/api/v1/templates?kind=questionnaire', definition), 201);
    ids.template = up.id;
    const bad = expect(await admin.post('/api/v1/templates', { format: 1, id: 'trasig' }), 422);
    assert.ok(bad.diagnostics.length > 0);
    expect(await admin.put(`/api/v1/templates/${up.id}/versions/1`, { state: 'published' }), 200);
    expect(await admin.put(`/api/v1/templates/${up.id}/versions/1`, { state: 'unpublished' }), 409, 'template.state');
    assert.ok(expect(await admin.get('/api/v1/templates'), 200).templates.some((x) => x.id === up.id));
    assert.equal(expect(await admin.get(`/api/v1/templates/${up.id}`), 200).template.published_version, 1);
    assert.equal(expect(await admin.get(`/api/v1/templates/${up.id}/versions/1`), 200).id, 'openapi-check');
    assert.equal(expect(await admin.get(`/api/v1/templates/${up.id}/export`), 200).version, 1);
    expect(await admin.get('/api/v1/templates/999999'), 404, 'not_found');
    expect(await admin.put(`/api/v1/templates/${up.id}`, { shared: true }), 200);
    expect(await admin.get('/api/v1/templates/shared'), 200);

    const syd = await server.staff('syd');
    assert.ok(expect(await syd.get('/api/v1/templates/shared'), 200).templates.some((x) => x.template.id === up.id && !x.subscribed));
    expect(await syd.post(`/api/v1/templates/${up.id}/subscription`), 200);
    expect(await syd.request('DELETE', `/api/v1/templates/${up.id}/subscription`), 200);
    expect(await syd.request('DELETE', `/api/v1/templates/${up.id}/subscription`), 404, 'not_found');
  });

  test('dispatches, a paper letter, form links', async () => {
    const admin = ids.adminClient;
    const checked = expect(await admin.post('/api/v1/dispatches/check', { recipients: [people.erik, '19121212-1213', 7] }), 200);
    assert.deepEqual(checked.recipients.map((r) => r.status), ['ok', 'refused', 'refused']);
    const sent = expect(await admin.post('/api/v1/dispatches', { template: ids.template, recipients: [people.erik, people.anna], message: 'Välkommen' }), 201);
    assert.equal(sent.sent, 2);
    [ids.erikForm, ids.annaForm] = sent.recipients.map((r) => r.instance);
    expect(await admin.post('/api/v1/dispatches', { template: ids.template, recipients: [] }), 400, 'request.value');
    assert.equal(expect(await admin.get('/api/v1/dispatches'), 200).dispatches[0].id, sent.dispatch);
    assert.equal(expect(await admin.get(`/api/v1/dispatches/${sent.dispatch}`), 200).recipients.length, 2);
    const letter = await admin.post(`/api/v1/dispatches/${sent.dispatch}/letters/${ids.annaForm}`);
    assert.equal(letter.status, 200);
    assert.ok(letter.text.startsWith('%PDF-'));
    const links = expect(await admin.post('/api/v1/dispatches/links', { template: ids.template }), 201);
    ids.token = links.links[0].token;
    ids.linkForm = links.links[0].instance;
  });

  test('package templates and packages', async () => {
    const admin = ids.adminClient;
    expect(await admin.get('/api/v1/package-templates'), 200);
    const body = { name: 'OpenAPI-paket', title: 'Inför ditt besök', forms: [ids.template], interval: { count: 1, unit: 'weeks' }, occasions: 2 };
    const made = expect(await admin.post('/api/v1/package-templates', body), 201);
    expect(await admin.post('/api/v1/package-templates', body), 409, 'package_template.name_taken');
    assert.equal(expect(await admin.put(`/api/v1/package-templates/${made.id}`, { ...body, weekday: 1, time: '09:00' }), 200).time, '09:00');
    const now = Date.parse(expect(await admin.get('/api/v1/test/clock'), 200).now);
    const day = 86400e3;
    const start = { package_template: made.id, title: 'Inför ditt besök', forms: [ids.template], recipients: [people.erik, people.sara] };
    expect(await admin.post('/api/v1/packages', { ...start, occasions: [local(now - day)] }), 400, 'package.occasion_past');
    const pkg = expect(await admin.post('/api/v1/packages', { ...start, occasions: [local(now + day), local(now + 8 * day)] }), 201);
    assert.equal(pkg.added, 2);
    assert.ok(expect(await admin.get('/api/v1/packages'), 200).packages.some((p) => p.id === pkg.package));
    const detail = expect(await admin.get(`/api/v1/packages/${pkg.package}`), 200);
    expect(await admin.post(`/api/v1/packages/${pkg.package}/stop`), 200);
    expect(await admin.post(`/api/v1/packages/${pkg.package}/stop`), 409, 'package.state');
    assert.equal(expect(await admin.post(`/api/v1/packages/${pkg.package}/restart`), 200).package.status, 'running');
    const removed = expect(await admin.request('DELETE', `/api/v1/packages/${pkg.package}/recipients/${detail.recipients[1].id}`), 200);
    assert.ok(removed.recipients[1].removed_at);
  });

  test('citizens: settings, inbox, a form answered with an attachment, a link, a started form, a guardian', async () => {
    const erik = await server.citizen(people.erik);
    expect(await erik.get('/api/v1/citizen/me'), 200);
    expect(await erik.put('/api/v1/citizen/settings', { email: 'erik@example.se' }), 200);
    expect(await erik.put('/api/v1/citizen/settings', { sms: '123' }), 400, 'request.value');
    const inbox = expect(await erik.get('/api/v1/citizen/inbox'), 200);
    const message = inbox.messages.find((m) => m.form === ids.erikForm);
    assert.deepEqual(expect(await erik.post(`/api/v1/citizen/inbox/${message.id}/read`), 200), { read: true });
    assert.ok(expect(await erik.get('/api/v1/citizen/forms'), 200).ongoing.some((f) => f.id === ids.erikForm));
    const form = expect(await erik.get(`/api/v1/citizen/forms/${ids.erikForm}`), 200);
    assert.equal(form.banner, 'Välkommen');

    const page = `/api/v1/citizen/forms/${ids.erikForm}/pages/p1`;
    expect(await erik.put(page, { revision: form.revision, answers: { nosuch: 1 } }), 400, 'form.item');
    let saved = expect(await erik.put(page, { revision: form.revision, answers: { mood: 11 } }), 200);
    assert.equal(saved.result.valid, false);
    expect(await erik.post(`/api/v1/citizen/forms/${ids.erikForm}/review`), 422);
    // A file is uploaded, then named by the page's answer (a save without it would drop it).
    const upload = (bytes, name) => erik.request('POST', `/api/v1/citizen/forms/${ids.erikForm}/attachments/photo?name=${name}`, bytes,
                                                 { 'Content-Type': 'application/octet-stream' });
    expect(await upload(pdf, 'a.pdf'), 415, 'attachment.type');
    const file = expect(await upload(png, 'bild.png'), 201);
    ids.file = file.id;
    const got = await erik.get(`/api/v1/citizen/forms/${ids.erikForm}/attachments/${file.id}`);
    assert.equal(got.status, 200);
    saved = expect(await erik.put(page, { revision: saved.revision, answers: { mood: 7, photo: file } }), 200);
    assert.equal(saved.result.valid, true);
    expect(await erik.post(`/api/v1/citizen/forms/${ids.erikForm}/review`, { revision: saved.revision }), 200);
    expect(await erik.post(`/api/v1/citizen/forms/${ids.erikForm}/submit`), 200);

    assert.deepEqual(expect(await erik.post('/api/v1/citizen/links', { token: ids.token }), 200), { id: ids.linkForm });
    expect(await erik.post('/api/v1/citizen/links', { token: 'f'.repeat(64) }), 404, 'link.unknown');
    const available = expect(await erik.get('/api/v1/citizen/forms?lang=en'), 200).available.find((a) => a.kind === 'questionnaire');
    const started = expect(await erik.post('/api/v1/citizen/forms', { template: available.template }), 201);
    expect(await erik.post(`/api/v1/citizen/forms/${started.id}/cancel`), 200);
    expect(await erik.post(`/api/v1/citizen/forms/${started.id}/cancel`), 409, 'form.state');
    expect(await erik.post('/api/v1/citizen/logout'), 200);
    expect(await erik.get('/api/v1/citizen/me'), 401, 'auth.required');

    const sara = await server.citizen(people.sara);
    const lova = sara.me.children[0];
    expect(await sara.put('/api/v1/citizen/acting-for', { child: lova.id }), 200);
    assert.equal(expect(await sara.get('/api/v1/citizen/me'), 200).acting_for, lova.id);
    expect(await sara.put('/api/v1/citizen/acting-for', { child: null }), 200);
    expect(await sara.put('/api/v1/citizen/acting-for', { child: 999999 }), 404, 'not_found');
  });

  test('follow-up: the list, an answer, measurements, documented, reminders, deletion', async () => {
    const admin = ids.adminClient;
    const list = expect(await admin.get(`/api/v1/answers?template=${ids.template}&state=COMPLETED&sort=answered&dir=asc&limit=50`), 200);
    assert.deepEqual(list.answers.map((a) => a.id), [ids.erikForm]);
    expect(await admin.get('/api/v1/answers?sort=nonsense'), 400, 'request.value');
    expect(await admin.get('/api/v1/answers?personnummer=123'), 400);
    const answer = expect(await admin.get(`/api/v1/answers/${ids.erikForm}`), 200);
    expect(await admin.get('/api/v1/answers/99999999'), 404, 'not_found');
    const measurements = `/api/v1/answers/${ids.erikForm}/measurements`;
    expect(await admin.put(measurements, { revision: answer.revision, measurements: { nosuch: 1 } }), 400, 'form.measurement');
    expect(await admin.put(measurements, { revision: answer.revision, measurements: { weight: 10 } }), 422);
    expect(await admin.put(measurements, { revision: answer.revision, measurements: { weight: 72.5 } }), 200);
    expect(await admin.put(measurements, { revision: answer.revision, measurements: { weight: 73 } }), 409, 'form.conflict');
    const attachment = await admin.get(`/api/v1/answers/${ids.erikForm}/attachments/${ids.file}`);
    assert.equal(attachment.status, 200);
    expect(await admin.post(`/api/v1/answers/${ids.erikForm}/documented`), 200);
    expect(await admin.post(`/api/v1/answers/${ids.annaForm}/documented`), 409, 'form.state');
    assert.deepEqual(expect(await admin.get('/api/v1/answers/retention'), 200), { policy: null, tomorrow: 0 });
    assert.deepEqual(expect(await admin.post('/api/v1/answers/reminders', { answers: [ids.annaForm] }), 200), { reminded: 1, skipped: 0 });
    expect(await admin.post('/api/v1/answers/reminders', { answers: [99999999] }), 404, 'not_found');
    expect(await admin.request('DELETE', `/api/v1/answers/${ids.linkForm}`), 200);
    const ongoing = `/api/v1/answers/gallra?template=${ids.template}&state=ONGOING`;
    expect(await admin.post(ongoing, { count: 99 }), 409, 'gallring.changed');
    assert.deepEqual(expect(await admin.post(ongoing, { count: 1 }), 200), { deleted: 1 });
  });

  test('the export area: one PDF, a zip, CSV, the list, a download, deletion', async () => {
    const admin = ids.adminClient;
    const one = expect(await admin.post(`/api/v1/answers/${ids.erikForm}/pdf`), 201).export;
    const zip = expect(await admin.post('/api/v1/answers/pdf', { answers: [ids.erikForm], format: 'zip' }), 201).export;
    expect(await admin.post('/api/v1/answers/pdf', { answers: [] }), 400, 'request.value');
    const csv = expect(await admin.post(`/api/v1/answers/csv?template=${ids.template}`, { values: 'labels' }), 202).export;
    assert.equal(csv.kind, 'csv');
    expect(await admin.post('/api/v1/answers/csv', {}), 400, 'export.template');
    const listed = expect(await admin.get('/api/v1/exports'), 200).exports.map((e) => e.id);
    for (const e of [one, zip, csv]) assert.ok(listed.includes(e.id));
    const file = await admin.get(`/api/v1/exports/${one.id}/file`);
    assert.equal(file.status, 200);
    assert.equal((await admin.get(`/api/v1/exports/${zip.id}/file`)).headers.get('content-type'), 'application/zip');
    expect(await admin.request('DELETE', `/api/v1/exports/${one.id}`), 200);
    expect(await admin.request('DELETE', `/api/v1/exports/${one.id}`), 404, 'not_found');
  });

  test('record systems: the unit\'s HSA-id, keys, the record-system API; the planned operations are not served', async (t) => {
    const planned = operations.filter((o) => o.planned);
    for (const o of planned) assert.equal(await serves(o), false, `${o.key} is served: drop its x-blankett-planned`);
    if (planned.length) t.diagnostic(`documented, not yet served: ${planned.map((o) => o.key).join(', ')}`);
    const records = operations.filter((o) => o.records && !o.planned);
    const missing = [];
    for (const o of records) if (!(await serves(o))) missing.push(o.key);
    if (missing.length === records.length) {
      ids.recordsSkipped = true;
      t.skip(`${path.relative(root, process.env.BLANKETT_BIN ?? 'the binary')} serves no record-system route (built before them?)`);
      return;
    }
    assert.deepEqual(missing, [], 'record-system routes the binary does not serve');
    const admin = ids.adminClient;

    // The unit's HSA-id, by which record systems name it.
    assert.equal(expect(await admin.put('/api/v1/admin/unit', { hsa_id: 'SE2321000032-abc123' }), 200).hsa_id, 'SE2321000032-abc123');
    assert.equal(expect(await admin.put('/api/v1/admin/unit', { hsa_id: 'SE-abc' }), 400, 'request.value').error.field, 'hsa_id');
    assert.equal(expect(await admin.put('/api/v1/admin/unit', { hsa_id: null }), 200).hsa_id, null);

    // Webhooks: a receiver on loopback subscribed to the forms created and cancelled below.
    const received = [];
    let arrived;
    const receiver = http.createServer((req, res) => {
      let text = '';
      req.on('data', (d) => { text += d; });
      req.on('end', () => {
        received.push({ signature: req.headers['blankett-signature'], text, json: JSON.parse(text) });
        res.end();
        arrived?.();
      });
    });
    await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    t.after(() => new Promise((resolve) => receiver.close(resolve)));
    const secret = 'openapi-check-secret-0123';
    const hookInput = { url: `http://127.0.0.1:${receiver.address().port}/events`, events: ['FormCreated', 'FormCancelled'], secret };
    const hook = expect(await admin.post('/api/v1/admin/webhooks', hookInput), 201);
    exact(hook, 'Id');
    assert.equal(expect(await admin.post('/api/v1/admin/webhooks', { ...hookInput, secret: 'short' }), 400, 'request.value').error.field, 'secret');
    const hooks = await admin.get('/api/v1/admin/webhooks');
    const hookListed = expect(hooks, 200).webhooks.find((h) => h.id === hook.id);
    exact(hookListed, 'Webhook');
    assert.deepEqual([hookListed.url, hookListed.events], [hookInput.url, hookInput.events]);
    assert.ok(!hooks.text.includes(secret));

    // An administrator registers a system: its key is in that answer only.
    const system = expect(await admin.post('/api/v1/admin/record-systems', { name: 'Journal X' }), 201);
    exact(system, 'RecordSystemCreated');
    assert.equal(expect(await admin.post('/api/v1/admin/record-systems', { name: '' }), 400, 'request.value').error.field, 'name');
    const systems = await admin.get('/api/v1/admin/record-systems');
    const listed = expect(systems, 200).systems.find((s) => s.id === system.id);
    exact(listed, 'RecordSystem');
    assert.deepEqual([listed.name, listed.revoked_at], ['Journal X', null]);
    assert.ok(!systems.text.includes(system.key));

    // The system calls with its key and nothing else; without one every route is 401 auth.key.
    const rs = server.client();
    const call = (method, url, body, key = system.key) => rs.request(method, url, body, key ? { Authorization: `Bearer ${key}` } : {});
    const forms = '/api/v1/records/forms';

    const templates = expect(await call('GET', '/api/v1/records/templates'), 200).templates;
    const tmpl = templates.find((x) => x.id === ids.template);
    exact(tmpl, doc.components.schemas.RecordTemplates.properties.templates.items);
    assert.deepEqual(tmpl, { id: ids.template, form_id: 'openapi-check', name: 'OpenAPI-kontroll', version: 1 });
    const contact = expect(await admin.get('/api/v1/templates'), 200).templates.find((x) => x.form_id === 'kontakta-mig');
    assert.ok(contact && !templates.some((x) => x.id === contact.id), 'a case form is not sendable');
    expect(await call('GET', '/api/v1/records/templates', undefined, null), 401, 'auth.key');

    const { now } = expect(await admin.get('/api/v1/test/clock'), 200);
    const answerBy = local(Date.parse(now) + 30 * 86400e3).date;
    const body = { template: ids.template, personnummer: people.erik, message: 'Inför ditt besök', answer_by: answerBy, external_ref: 'J-1' };
    const made = expect(await call('POST', forms, body), 201);
    exact(made, 'RecordFormCreated');
    assert.equal(made.state, 'ONGOING');
    for (const [change, status, code, field] of [
      [{ personnummer: '19760101-2392' }, 400, 'pnr.checksum', 'personnummer'],
      [{ template: undefined }, 400, 'request.missing', 'template'],
      [{ external_ref: 'x'.repeat(201) }, 400, 'request.value', 'external_ref'],
      [{ template: 99999999 }, 404, 'not_found', 'template'],
      [{ template: contact.id }, 409, 'dispatch.case', 'template'],
      [{ personnummer: people.kim }, 409, 'recipient.unreachable', 'personnummer'],
    ]) {
      assert.equal(expect(await call('POST', forms, { ...body, ...change }), status, code).error.field, field, JSON.stringify(change));
    }
    expect(await call('POST', forms, body, null), 401, 'auth.key');

    // One form: the one just made, and one staff sent that Erik answered and staff measured.
    const form = expect(await call('GET', `${forms}/${made.id}`), 200);
    exact(form, 'RecordForm');
    assert.deepEqual([form.state, form.template, form.version, form.external_ref, form.record_system, form.personnummer, form.banner,
      form.answer_by, form.answered_by, form.submitted_at, form.answers, form.measurements, form.result, form.form.id],
    ['ONGOING', ids.template, 1, 'J-1', system.id, people.erik, 'Inför ditt besök', answerBy, null, null, {}, {}, null, 'openapi-check']);
    const answered = expect(await call('GET', `${forms}/${ids.erikForm}`), 200);
    assert.deepEqual([answered.state, answered.record_system, answered.external_ref, answered.banner, answered.answered_by,
      answered.answers.mood, answered.measurements, answered.result.valid],
    ['COMPLETED', null, null, 'Välkommen', 'citizen', 7, { weight: 72.5 }, true]);
    expect(await call('GET', `${forms}/99999999`), 404, 'not_found');
    expect(await call('GET', `${forms}/${made.id}`, undefined, null), 401, 'auth.key');

    // The list: filtered, ordered by the last change, paged by the opaque "next".
    const erik = expect(await call('GET', `${forms}?personnummer=${people.erik}&template=${ids.template}`), 200);
    for (const f of erik.forms) exact(f, 'RecordFormSummary');
    assert.deepEqual([erik.forms.map((f) => f.id).sort((a, b) => a - b), erik.next], [[ids.erikForm, made.id], null]);
    const summary = erik.forms.find((f) => f.id === made.id);
    assert.deepEqual(summary, { id: made.id, state: 'ONGOING', template: ids.template, version: 1, personnummer: people.erik, external_ref: 'J-1',
      created_at: form.created_at, updated_at: form.updated_at, submitted_at: null, answer_by: answerBy });
    const all = expect(await call('GET', forms), 200);
    assert.equal(all.next, null);
    assert.ok(all.forms.length >= 3, 'the demo\'s forms at the unit, the staff\'s and this one');
    const first = expect(await call('GET', `${forms}?limit=1`), 200);
    assert.deepEqual(first.forms.map((f) => f.id), [all.forms[0].id]);
    assert.equal(typeof first.next, 'string');
    const second = expect(await call('GET', `${forms}?limit=1&after=${encodeURIComponent(first.next)}`), 200);
    assert.deepEqual(second.forms.map((f) => f.id), [all.forms[1].id]);
    const ongoing = expect(await call('GET', `${forms}?state=ONGOING&changed_since=${form.updated_at}`), 200).forms;
    assert.ok(ongoing.some((f) => f.id === made.id) && ongoing.every((f) => f.state === 'ONGOING' && f.updated_at >= form.updated_at));
    assert.match(expect(await call('GET', `${forms}?personnummer=123`), 400).error.code, /^pnr\./);
    for (const [q, field] of [['limit=0', 'limit'], ['after=nonsense', 'after'], ['changed_since=yesterday', 'changed_since'], ['state=DONE', 'state']])
      assert.equal(expect(await call('GET', `${forms}?${q}`), 400, 'request.value').error.field, field, q);
    expect(await call('GET', forms, undefined, null), 401, 'auth.key');

    // Cancelling: a form not yet submitted, once.
    assert.deepEqual(expect(await call('POST', `${forms}/${made.id}/cancel`), 200), { id: made.id, state: 'CANCELLED' });
    expect(await call('POST', `${forms}/${made.id}/cancel`), 409, 'form.state');
    expect(await call('POST', `${forms}/${ids.erikForm}/cancel`), 409, 'form.state');
    expect(await call('POST', `${forms}/99999999/cancel`), 404, 'not_found');
    expect(await call('POST', `${forms}/${made.id}/cancel`, undefined, null), 401, 'auth.key');

    // The webhook got both events of the form, each valid against WebhookPayload and signed.
    const madeEvents = () => received.filter((x) => x.json.form === made.id);
    if (madeEvents().length < 2) await new Promise((resolve) => { arrived = () => { if (madeEvents().length >= 2) resolve(); }; });
    const payload = validatorOf('webhook', 'payload', doc.components.schemas.WebhookPayload);
    const signature = new RegExp(doc.webhooks.formEvent.post.parameters[0].schema.pattern);
    for (const x of madeEvents()) {
      assert.ok(payload(x.json), ajv.errorsText(payload.errors));
      exact(x.json, 'WebhookPayload');
      assert.match(x.signature, signature);
      const [, ts, mac] = /^t=(\d+),v1=(\w+)$/.exec(x.signature);
      assert.equal(crypto.createHmac('sha256', secret).update(`${ts}.${x.text}`).digest('hex'), mac);
    }
    assert.deepEqual(madeEvents().map((x) => [x.json.event, x.json.state, x.json.external_ref, x.json.template, x.json.unit]),
      [['FormCreated', 'ONGOING', 'J-1', ids.template, null], ['FormCancelled', 'CANCELLED', 'J-1', ids.template, null]]);
    // The delivery log (once the deliveries are recorded), paged; then the webhook is deleted.
    const logOf = async (query = '') => expect(await admin.get(`/api/v1/admin/webhooks/${hook.id}/deliveries${query}`), 200);
    await server.loggedTimes(new RegExp(`webhook\\.delivered .* webhook=${hook.id} `), 2);
    const log = await logOf();
    for (const x of log.deliveries) exact(x, doc.components.schemas.WebhookDeliveries.properties.deliveries.items);
    assert.deepEqual(log.deliveries.map((x) => [x.event, x.form, x.status, x.attempts, x.last_status]),
      [['FormCancelled', made.id, 'delivered', 1, 200], ['FormCreated', made.id, 'delivered', 1, 200]]);
    const page = await logOf('?limit=1');
    assert.equal(page.next, log.deliveries[0].id);
    assert.deepEqual((await logOf(`?limit=1&before=${page.next}`)).deliveries.map((x) => x.id), [log.deliveries[1].id]);
    assert.equal(expect(await admin.get(`/api/v1/admin/webhooks/${hook.id}/deliveries?limit=0`), 400, 'request.value').error.field, 'limit');
    expect(await admin.get('/api/v1/admin/webhooks/99999999/deliveries'), 404, 'not_found');
    assert.deepEqual(expect(await admin.request('DELETE', `/api/v1/admin/webhooks/${hook.id}`), 200), { deleted: true });
    expect(await admin.request('DELETE', `/api/v1/admin/webhooks/${hook.id}`), 404, 'not_found');
    assert.ok(!expect(await admin.get('/api/v1/admin/webhooks'), 200).webhooks.some((h) => h.id === hook.id));

    // Revoked, the key is refused at once; revoking again changes nothing.
    const revoke = `/api/v1/admin/record-systems/${system.id}`;
    assert.deepEqual(expect(await admin.request('DELETE', revoke), 200), { revoked: true });
    expect(await call('GET', '/api/v1/records/templates'), 401, 'auth.key');
    assert.deepEqual(expect(await admin.request('DELETE', revoke), 200), { revoked: true });
    expect(await admin.request('DELETE', '/api/v1/admin/record-systems/99999999'), 404, 'not_found');
    assert.ok(expect(await admin.get('/api/v1/admin/record-systems'), 200).systems.find((s) => s.id === system.id).revoked_at);

    // Every record-system operation is documented as served (the bearer key, its role) and answered with
    // each status it documents but the generic ones (413, 415, 429, 503).
    for (const o of records.filter((x) => x.path.startsWith('/api/v1/records/'))) {
      assert.deepEqual([o.op.security, o.op['x-blankett-role'], o.op['x-blankett-csrf']], [[{ recordSystem: [] }], 'record-system', false], o.key);
      const documented = Object.keys(o.op.responses).filter((s) => !['413', '415', '429', '503'].includes(s)).sort();
      assert.deepEqual([...called.get(o.key)].map(String).sort(), documented, `${o.key}: the statuses seen`);
    }
  });

  test('logging out; then every documented operation has been called', async () => {
    const admin = ids.adminClient;
    expect(await admin.post('/api/v1/staff/logout'), 200);
    expect(await admin.get('/api/v1/staff/me'), 401, 'auth.required');
    // All but the planned ones (and the record systems' when the binary predates them: skipped above).
    const missed = operations.filter((o) => !o.planned && !called.has(o.key) && !(o.records && ids.recordsSkipped)).map((o) => o.key);
    assert.deepEqual(missed, [], 'documented operations the sequence never called');
  });
});
