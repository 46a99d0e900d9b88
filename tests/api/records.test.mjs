// Record systems (journalsystem): keys registered and revoked by an administrator, and the record-system
// API (/api/v1/records/...): a form created for a patient reaches the citizen, who answers it; the
// system reads it with its score, lists and cancels forms, and sees nothing of another unit.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Server, answerForm, people, sample } from './server.mjs';

let server, norr, syd, phq9, contact;
before(async () => {
  server = await Server.start({ 'test-clock': 'on' });
  norr = await server.staff('admin', 'VCN');
  syd = await server.staff('admin', 'HCS');
  const templates = (await norr.get('/api/v1/templates')).json.templates;
  phq9 = templates.find((t) => t.form_id === 'phq-9').id;
  contact = templates.find((t) => t.form_id === 'kontakta-mig').id;
});
after(async () => { await server.close(); });

// A client of the record-system API: the key in the Authorization header, nothing else.
function system(key) {
  const call = async (method, url, body) => {
    const headers = key === undefined ? {} : { Authorization: `Bearer ${key}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(server.base + url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    let json;
    try { json = JSON.parse(text); } catch { json = undefined; }
    return { status: res.status, json, text };
  };
  return { get: (url) => call('GET', url), post: (url, body = {}) => call('POST', url, body) };
}

async function register(admin, name) {
  const r = await admin.post('/api/v1/admin/record-systems', { name });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(Object.keys(r.json).sort(), ['id', 'key']);
  assert.match(r.json.key, /^bk_[A-Za-z0-9_-]{43}$/);
  return r.json;
}

describe('record systems', () => {
  let cosmic, takecare, api, other;
  before(async () => {
    cosmic = await register(norr, 'Cosmic');
    takecare = await register(syd, 'TakeCare');
    api = system(cosmic.key);
    other = system(takecare.key);
  });

  test('the administrator lists the unit\'s systems, never a key; staff without the admin role are refused', async () => {
    const r = await norr.get('/api/v1/admin/record-systems');
    assert.equal(r.status, 200);
    assert.deepEqual(r.json.systems.map((s) => [s.id, s.name, s.revoked_at, Object.keys(s).sort().join()]),
      [[cosmic.id, 'Cosmic', null, 'created_at,id,name,revoked_at']]);
    assert.ok(!r.text.includes(cosmic.key));
    const nurse = await server.staff('sjukskoterska');
    assert.equal((await nurse.get('/api/v1/admin/record-systems')).status, 403);
    assert.equal((await norr.post('/api/v1/admin/record-systems', { name: '' })).json.error.field, 'name');
    assert.equal((await norr.post('/api/v1/admin/record-systems', { name: 'x'.repeat(101) })).json.error.field, 'name');
    // The key is kept as a hash only.
    assert.equal(server.sql(`SELECT COUNT(*) FROM record_systems WHERE key_hash = '${cosmic.key}'`), '0');
  });

  test('the unit\'s sendable templates: published, not case forms', async () => {
    const r = await api.get('/api/v1/records/templates');
    assert.equal(r.status, 200, r.text);
    const phq = r.json.templates.find((t) => t.id === phq9);
    assert.deepEqual(phq, { id: phq9, form_id: 'phq-9', name: phq.name, version: 1 });
    assert.match(phq.name, /PHQ-9/);
    assert.ok(!r.json.templates.some((t) => t.id === contact), 'a case form is started by the citizen');
  });

  test('a form created for a patient: the citizen sees it, answers it, and the system gets it with its score', async () => {
    const created = await api.post('/api/v1/records/forms', {
      template: phq9, personnummer: '19760102-2382', message: 'Inför ditt besök', external_ref: 'bokning-4711',
    });
    assert.equal(created.status, 201, created.text);
    assert.deepEqual(Object.keys(created.json).sort(), ['id', 'state']);
    assert.equal(created.json.state, 'ONGOING');
    const id = created.json.id;

    const anna = await server.citizen(people.anna);
    const forms = (await anna.get('/api/v1/citizen/forms')).json;
    assert.ok(forms.ongoing.some((f) => f.id === id), JSON.stringify(forms.ongoing));
    const inbox = (await anna.get('/api/v1/citizen/inbox')).json;
    assert.deepEqual(inbox.messages.filter((m) => m.form === id).map((m) => [m.subject, m.unit]),
      [['Formulär att besvara', 'Vårdcentralen Norr']]);

    let r = await api.get(`/api/v1/records/forms/${id}`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual([r.json.state, r.json.template, r.json.version, r.json.external_ref, r.json.personnummer, r.json.record_system,
      r.json.banner, r.json.submitted_at, r.json.result],
    ['ONGOING', phq9, 1, 'bokning-4711', people.anna, cosmic.id, 'Inför ditt besök', null, null]);

    // Time passes before the answer, so that "changed since" tells the two apart.
    const later = new Date(Date.now() + 3600e3).toISOString().replace(/\.\d+Z$/, 'Z');
    assert.equal((await norr.put('/api/v1/test/clock', { now: later })).status, 200);
    await answerForm(await server.citizen(people.anna), id, sample('phq-9', 'answers/valid-mild.json').answers);

    r = await api.get(`/api/v1/records/forms/${id}`);
    assert.equal(r.json.state, 'COMPLETED');
    assert.equal(r.json.result.scores.total.value, 7);
    assert.equal(r.json.result.scores.total.bands.severity.code, 'mild');
    assert.equal(r.json.answers.q1, sample('phq-9', 'answers/valid-mild.json').answers.q1);
    assert.equal(r.json.form.id, 'phq-9');
    assert.equal(r.json.answered_by, 'citizen');
    assert.ok(r.json.submitted_at >= later && r.json.updated_at >= later, r.text);

    // Lists: by patient, by state, changed since the answer; paged by "next".
    const byPatient = (await api.get(`/api/v1/records/forms?personnummer=${people.anna}&template=${phq9}`)).json;
    assert.ok(byPatient.forms.some((f) => f.id === id));
    assert.ok(byPatient.forms.every((f) => f.personnummer === people.anna && f.template === phq9));
    const summary = byPatient.forms.find((f) => f.id === id);
    assert.deepEqual(Object.keys(summary).sort(),
      ['answer_by', 'created_at', 'external_ref', 'id', 'personnummer', 'state', 'submitted_at', 'template', 'updated_at', 'version']);
    const since = (await api.get(`/api/v1/records/forms?changed_since=${later}`)).json;
    assert.deepEqual([since.forms.map((f) => [f.id, f.state]), since.next], [[[id, 'COMPLETED']], null]);
    const completed = (await api.get('/api/v1/records/forms?state=COMPLETED')).json.forms;
    assert.ok(completed.some((f) => f.id === id) && completed.every((f) => f.state === 'COMPLETED'));
    const all = (await api.get('/api/v1/records/forms')).json;
    assert.ok(all.forms.length >= 3, 'the demo\'s forms at the unit and this one');
    const times = all.forms.map((f) => `${f.updated_at}_${String(f.id).padStart(9, '0')}`);
    assert.deepEqual(times, [...times].sort(), 'ordered by when each changed, then by id');
    const paged = [];
    let next = null;
    do {
      const page = (await api.get(`/api/v1/records/forms?limit=2${next ? `&after=${next}` : ''}`)).json;
      paged.push(...page.forms.map((f) => f.id));
      next = page.next;
    } while (next);
    assert.deepEqual(paged, all.forms.map((f) => f.id));

    // Staff marking it documented is a change too.
    const documentedAt = new Date(Date.parse(later) + 3600e3).toISOString().replace(/\.\d+Z$/, 'Z');
    assert.equal((await norr.put('/api/v1/test/clock', { now: documentedAt })).status, 200);
    assert.equal((await norr.post(`/api/v1/answers/${id}/documented`)).status, 200);
    const documented = (await api.get(`/api/v1/records/forms?changed_since=${documentedAt}`)).json.forms;
    assert.deepEqual(documented.map((f) => [f.id, f.updated_at]), [[id, documentedAt]]);

    // The form's history names the system.
    const staffView = (await norr.get(`/api/v1/answers/${id}`)).json;
    assert.deepEqual(staffView.events[0].kind, 'sent');
    assert.equal(staffView.events[0].actor, `record:${cosmic.id}`);

    // Every call is in the audit log at the unit, with the system's name and no staff member.
    const audit = (await norr.get('/api/v1/admin/audit?action=records.')).json.entries;
    for (const action of ['records.create', 'records.read', 'records.list', 'records.templates'])
      assert.ok(audit.some((e) => e.action === action), action);
    assert.ok(audit.every((e) => e.staff === '' && e.target === `record_system:${cosmic.id}` && e.details.startsWith('Cosmic')),
      JSON.stringify(audit.slice(0, 3)));
    assert.ok(audit.some((e) => e.action === 'records.read' && e.details === `Cosmic; instance:${id}`));
    assert.ok(!JSON.stringify(audit).includes(people.anna), 'no personnummer in the audit log');
    assert.ok(!server.log().includes(people.anna) && !server.log().includes('19760102-2382'), 'no personnummer in the log');
  });

  test('cancel: a form not yet submitted; a submitted or cancelled one is a 409', async () => {
    const created = await api.post('/api/v1/records/forms', { template: phq9, personnummer: people.erik });
    assert.equal(created.status, 201, created.text);
    const id = created.json.id;
    const erik = await server.citizen(people.erik);
    assert.ok((await erik.get('/api/v1/citizen/forms')).json.ongoing.some((f) => f.id === id));
    const r = await api.post(`/api/v1/records/forms/${id}/cancel`);
    assert.deepEqual([r.status, r.json], [200, { id, state: 'CANCELLED' }]);
    assert.ok(!(await erik.get('/api/v1/citizen/forms')).json.ongoing.some((f) => f.id === id));
    const again = await api.post(`/api/v1/records/forms/${id}/cancel`);
    assert.deepEqual([again.status, again.json.error.code], [409, 'form.state']);
    assert.equal((await api.get(`/api/v1/records/forms/${id}`)).json.state, 'CANCELLED');
    const submitted = (await api.get('/api/v1/records/forms?state=COMPLETED&limit=1')).json.forms[0];
    assert.equal((await api.post(`/api/v1/records/forms/${submitted.id}/cancel`)).status, 409);
    assert.equal((await api.post('/api/v1/records/forms/999999/cancel')).status, 404);
  });

  test('the same refusals as sending: protected identity and a locked login alike, the template, the dates', async () => {
    const post = (body) => api.post('/api/v1/records/forms', { template: phq9, personnummer: people.erik, ...body });
    let r = await post({ personnummer: people.kim });
    assert.deepEqual([r.status, r.json.error.code, r.json.error.field], [409, 'recipient.unreachable', 'personnummer']);
    assert.ok(!r.text.includes(people.kim));
    const erikId = (await norr.get(`/api/v1/admin/citizens?personnummer=${people.erik}`)).json.id;
    assert.equal((await norr.put(`/api/v1/admin/citizens/${erikId}`, { locked: true })).status, 200);
    r = await post({});
    assert.deepEqual([r.status, r.json.error.code], [409, 'recipient.unreachable']);
    assert.equal((await norr.put(`/api/v1/admin/citizens/${erikId}`, { locked: false })).status, 200);
    assert.equal((await post({})).status, 201);

    const refusals = [
      [{ personnummer: undefined }, 400, 'request.missing', 'personnummer'],
      [{ personnummer: 197601022383 }, 400, 'request.type', 'personnummer'],
      [{ personnummer: '19760102-2383' }, 400, 'pnr.checksum', 'personnummer'],
      [{ template: 'phq-9' }, 400, 'request.type', 'template'],
      [{ template: 999999 }, 404, 'not_found', 'template'],
      [{ template: contact }, 409, 'dispatch.case', 'template'],
      [{ answer_by: '2020-01-01' }, 400, 'request.value', 'answer_by'],
      [{ delete_after: '31/12/2027' }, 400, 'request.value', 'delete_after'],
      [{ message: 'x'.repeat(2001) }, 400, 'request.value', 'message'],
      [{ external_ref: 'x'.repeat(201) }, 400, 'request.value', 'external_ref'],
    ];
    for (const [body, status, code, field] of refusals) {
      r = await post(body);
      assert.deepEqual([r.status, r.json.error.code, r.json.error.field], [status, code, field], JSON.stringify(body));
    }
    assert.equal((await post({ external_ref: 'å'.repeat(200) })).status, 201, '200 characters, not bytes');
    for (const [q, field] of [['personnummer=123', 'personnummer'], ['state=DONE', 'state'], ['changed_since=yesterday', 'changed_since'],
      ['changed_since=2026-12-06T10:00:00', 'changed_since'], ['limit=1001', 'limit'], ['template=x', 'template'], ['after=nonsense', 'after']]) {
      r = await api.get(`/api/v1/records/forms?${q}`);
      assert.deepEqual([r.status, r.json.error.field], [400, field], q);
    }
  });

  test('a key of another unit sees nothing of this one', async () => {
    const ours = (await api.get('/api/v1/records/forms?limit=1')).json.forms[0];
    assert.ok(ours);
    assert.deepEqual([(await other.get(`/api/v1/records/forms/${ours.id}`)).status], [404]);
    assert.equal((await other.post(`/api/v1/records/forms/${ours.id}/cancel`)).status, 404);
    assert.deepEqual((await other.get('/api/v1/records/forms')).json, { forms: [], next: null });
    assert.deepEqual((await other.get(`/api/v1/records/forms?personnummer=${people.anna}`)).json, { forms: [], next: null });
    // Its own form, from a national template, is its own: not ours.
    const theirs = await other.post('/api/v1/records/forms', { template: phq9, personnummer: people.anna });
    assert.equal(theirs.status, 201, theirs.text);
    assert.equal((await api.get(`/api/v1/records/forms/${theirs.json.id}`)).status, 404);
    assert.deepEqual((await other.get('/api/v1/records/forms')).json.forms.map((f) => f.id), [theirs.json.id]);
    // Nor does another unit's administrator see or revoke this unit's system.
    assert.ok(!(await syd.get('/api/v1/admin/record-systems')).json.systems.some((s) => s.id === cosmic.id));
    assert.equal((await syd.delete(`/api/v1/admin/record-systems/${cosmic.id}`)).status, 404);
  });

  test('a missing, unknown or revoked key is the same 401', async () => {
    const refused = async (client) => {
      const r = await client.get('/api/v1/records/templates');
      assert.deepEqual([r.status, r.json.error.code], [401, 'auth.key']);
      return r.json.error.message;
    };
    const messages = new Set([
      await refused(system(undefined)),
      await refused(system('bk_' + 'A'.repeat(43))),
      await refused(system('not a key')),
    ]);
    const spare = await register(norr, 'Gammalt system');
    assert.equal((await system(spare.key).get('/api/v1/records/templates')).status, 200);
    const r = await norr.delete(`/api/v1/admin/record-systems/${spare.id}`);
    assert.deepEqual([r.status, r.json], [200, { revoked: true }]);
    messages.add(await refused(system(spare.key)));
    assert.equal((await system(spare.key).post('/api/v1/records/forms', { template: phq9, personnummer: people.anna })).status, 401);
    assert.equal(messages.size, 1, 'the refusals cannot be told apart');
    const listed = (await norr.get('/api/v1/admin/record-systems')).json.systems.find((s) => s.id === spare.id);
    assert.ok(listed.revoked_at);
    assert.equal((await norr.delete(`/api/v1/admin/record-systems/${spare.id}`)).status, 200, 'revoking again changes nothing');
    assert.equal((await api.get('/api/v1/records/templates')).status, 200, 'the other key still works');
    const audit = (await norr.get('/api/v1/admin/audit?action=record_system.')).json.entries;
    assert.deepEqual(audit.filter((e) => e.target === `record_system:${spare.id}`).map((e) => [e.action, e.staff]),
      [['record_system.revoked', 'admin'], ['record_system.created', 'admin']]);
  });
});

describe('the unit\'s HSA-id', () => {
  test('set, shown, removed; a malformed one is refused with its field', async () => {
    assert.equal((await norr.get('/api/v1/admin/unit')).json.hsa_id, null);
    let r = await norr.put('/api/v1/admin/unit', { hsa_id: 'SE2321000032-abc123' });
    assert.deepEqual([r.status, r.json.hsa_id], [200, 'SE2321000032-abc123']);
    assert.equal((await norr.get('/api/v1/admin/unit')).json.hsa_id, 'SE2321000032-abc123');
    assert.equal((await syd.get('/api/v1/admin/unit')).json.hsa_id, null);
    for (const bad of ['SE-abc', 'SE2321000032-', 'XX2321000032-abc', 'SE2321000032-ab c', `SE2321000032-${'a'.repeat(19)}`, 12]) {
      r = await norr.put('/api/v1/admin/unit', { hsa_id: bad });
      assert.deepEqual([r.status, r.json.error.field], [400, 'hsa_id'], String(bad));
    }
    assert.equal((await norr.put('/api/v1/admin/unit', { hsa_id: null })).json.hsa_id, null);
  });
});
