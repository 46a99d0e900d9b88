// Staff against the real server: logins, roles and unit isolation, templates and their states,
// dispatch, follow-up with measurements, deletion, the audit log.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Server, answerForm, binary, onPostgres, people, psql, root, sample } from './server.mjs';

let server;
before(async () => { server = await Server.start(); });
after(async () => { await server.close(); });

const templateId = async (client, formId) =>
  (await client.get('/api/v1/templates')).json.templates.find((t) => t.form_id === formId)?.id;

describe('staff login', () => {
  test('a session cookie that is HttpOnly and SameSite=Strict', async () => {
    const c = server.client();
    const ok = await c.post('/api/v1/staff/login', { username: 'sjukskoterska', password: server.passwords.sjukskoterska });
    assert.equal(ok.status, 200);
    assert.match(c.setCookie, /^blankett_session=[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=28800$/);
    assert.deepEqual(ok.json.units.map((u) => [u.code, u.roles]), [['VCN', ['reader', 'sender']]]);
    assert.equal(ok.json.unit, ok.json.units[0].id, 'with one unit, that unit is chosen');
    const bad = await server.client().post('/api/v1/staff/login', { username: 'sjukskoterska', password: 'wrong' });
    assert.equal(bad.status, 401);
    assert.deepEqual(bad.json.error, { code: 'auth.failed', message: 'Wrong user name or password.' });
  });

  test('a change without the CSRF token is refused', async () => {
    const nurse = await server.staff('sjukskoterska');
    nurse.csrf = '';
    const r = await nurse.post('/api/v1/dispatches', { template: 1, recipients: [people.erik] });
    assert.equal(r.status, 403);
    assert.equal(r.json.error.code, 'auth.csrf');
  });

  test('without a session: 401', async () => {
    const r = await server.client().get('/api/v1/answers');
    assert.equal(r.status, 401);
    assert.equal(r.json.error.code, 'auth.required');
  });

  test('logout ends the session', async () => {
    const nurse = await server.staff('sjukskoterska');
    const cookie = nurse.cookie;
    assert.equal((await nurse.post('/api/v1/staff/logout')).status, 200);
    nurse.cookie = cookie;
    assert.equal((await nurse.get('/api/v1/staff/me')).status, 401);
  });
});

describe('roles and units', () => {
  test('a reader of another unit gets 404 for this unit\'s answers; lists hold only the own unit', async () => {
    const nurse = await server.staff('sjukskoterska');
    const sent = await nurse.post('/api/v1/dispatches', { template: await templateId(nurse, 'phq-9'), recipients: [people.erik] });
    const id = sent.json.recipients[0].instance;
    const syd = await server.staff('syd');
    for (const r of [
      await syd.get(`/api/v1/answers/${id}`),
      await syd.put(`/api/v1/answers/${id}/measurements`, { revision: 0, measurements: {} }),
      await syd.post(`/api/v1/answers/${id}/documented`),
      await syd.delete(`/api/v1/answers/${id}`),
    ]) {
      assert.equal(r.status, 404, r.text);
      assert.equal(r.json.error.code, 'not_found');
    }
    const list = await syd.get('/api/v1/answers');
    assert.equal(list.status, 200);
    assert.ok(!list.json.answers.some((a) => a.id === id));
    const own = await nurse.get('/api/v1/answers?state=ONGOING');
    assert.ok(own.json.answers.some((a) => a.id === id));
    assert.ok(own.json.answers.every((a) => a.state === 'ONGOING'));
  });

  test('each function needs its role at the chosen unit', async () => {
    const designer = await server.staff('designer');
    let r = await designer.post('/api/v1/dispatches', { template: await templateId(designer, 'phq-9'), recipients: [people.erik] });
    assert.equal(r.status, 403);
    assert.deepEqual(r.json.error, { code: 'auth.role', message: 'This needs the role sender at the chosen unit.' });
    r = await designer.get('/api/v1/answers');
    assert.equal(r.status, 403);
    const nurse = await server.staff('sjukskoterska');
    r = await nurse.post('/api/v1/templates', '{}');
    assert.equal(r.status, 403);
    r = await nurse.get('/api/v1/admin/audit');
    assert.equal(r.status, 403);
  });

  test('an admin chooses a unit, grants and revokes roles; each action is in the audit log', async () => {
    const admin = await server.staff('admin');
    assert.equal(admin.me.units.length, 2);
    const vcn = admin.me.units.find((u) => u.code === 'VCN');
    assert.equal((await admin.put('/api/v1/staff/unit', { unit: vcn.id })).status, 200);
    let r = await admin.post('/api/v1/admin/roles', { username: 'designer', role: 'reader' });
    assert.equal(r.status, 200, r.text);
    const designer = await server.staff('designer');
    assert.equal((await designer.get('/api/v1/answers')).status, 200);
    // Listing answers names people: it is in the audit log too.
    let audit = await admin.get('/api/v1/admin/audit');
    assert.match(`${audit.json.entries[0].staff} ${audit.json.entries[0].action} ${audit.json.entries[0].target}`,
                 new RegExp(`^designer answers\\.list unit:${vcn.id}$`));
    r = await admin.request('DELETE', '/api/v1/admin/roles', { username: 'designer', role: 'reader' });
    assert.equal(r.status, 200, r.text);
    assert.equal((await designer.get('/api/v1/answers')).status, 403, 'a revoked role takes effect at once');
    r = await admin.post('/api/v1/admin/roles', { username: 'designer', role: 'boss' });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'role');
    r = await admin.request('DELETE', '/api/v1/admin/roles', { username: 'admin', role: 'admin' });
    assert.equal(r.status, 409);
    audit = await admin.get('/api/v1/admin/audit');
    const actions = audit.json.entries.map((e) => `${e.staff} ${e.action} ${e.details}`);
    assert.equal(actions[0], 'admin role.revoke reader');
    assert.match(actions[1], /^designer answers\.list \d+ of \d+ answers$/);
    assert.equal(actions[2], 'admin role.grant reader');
    // The other unit cannot choose a unit where it has no role.
    const syd = await server.staff('syd');
    r = await syd.put('/api/v1/staff/unit', { unit: vcn.id });
    assert.equal(r.status, 403);
    // With every role at the unit revoked, nothing at the unit is visible, not even its templates.
    assert.equal((await designer.get('/api/v1/templates')).status, 200);
    r = await admin.request('DELETE', '/api/v1/admin/roles', { username: 'designer', role: 'designer' });
    assert.equal(r.status, 200, r.text);
    const none = await designer.get('/api/v1/templates');
    assert.equal(none.status, 403);
    assert.equal(none.json.error.code, 'auth.role');
    assert.equal((await admin.post('/api/v1/admin/roles', { username: 'designer', role: 'designer' })).status, 200);
    assert.equal((await designer.get('/api/v1/templates')).status, 200);
  });

  test('a locked citizen cannot log in or be sent to; only an admin unlocks', async () => {
    const admin = await server.staff('admin', 'VCN');
    const erik = await server.citizen(people.erik);
    const id = erik.me.citizen;
    const nurse = await server.staff('sjukskoterska');
    assert.equal((await nurse.put(`/api/v1/admin/citizens/${id}`, { locked: true })).status, 403);
    assert.equal((await admin.put(`/api/v1/admin/citizens/${id}`, { locked: true })).status, 200);
    assert.equal((await erik.get('/api/v1/citizen/forms')).status, 401, 'the open session ends');
    const again = await server.client().post('/api/v1/citizen/login', { personnummer: people.erik });
    assert.equal(again.status, 403);
    assert.equal(again.json.error.code, 'auth.locked');
    const sent = await nurse.post('/api/v1/dispatches', { template: await templateId(nurse, 'phq-9'), recipients: [people.erik] });
    assert.deepEqual(sent.json.recipients, [{ index: 0, status: 'refused', code: 'recipient.unreachable' }]);
    assert.equal((await admin.put(`/api/v1/admin/citizens/${id}`, { locked: false })).status, 200);
    assert.equal((await server.client().post('/api/v1/citizen/login', { personnummer: people.erik })).status, 200);
  });
});

describe('templates', () => {
  test('a broken definition is refused with every problem located; a good one goes through its states', async () => {
    const designer = await server.staff('designer');
    const broken = readFileSync(path.join(root, 'tests/data/external/surveyjs/surveyjs-howtos-medical-eligibility-screening.INVALID-json.txt'), 'utf8');
    let r = await designer.request('POST', '/api/v1/templates', broken);
    assert.equal(r.status, 422);
    assert.equal(r.json.error.code, 'template.invalid');
    assert.ok(r.json.diagnostics.length >= 1);
    assert.equal(r.json.diagnostics[0].code, 'json.syntax');
    assert.match(String(r.json.diagnostics[0].line), /^\d+$/);

    const form = sample('gad-7', 'form.json');
    form.id = 'gad-7-lokal';
    r = await designer.post('/api/v1/templates', form);
    assert.equal(r.status, 201, r.text);
    const id = r.json.id;
    assert.equal(r.json.state, 'unpublished');
    const nurse = await server.staff('sjukskoterska');
    r = await nurse.post('/api/v1/dispatches', { template: id, recipients: [people.erik] });
    assert.equal(r.status, 409, 'an unpublished template cannot be sent');
    assert.equal((await designer.put(`/api/v1/templates/${id}/versions/1`, { state: 'pending' })).status, 200);
    assert.equal((await designer.put(`/api/v1/templates/${id}/versions/1`, { state: 'published' })).status, 200);
    r = await designer.put(`/api/v1/templates/${id}/versions/1`, { state: 'unpublished' });
    assert.equal(r.status, 409);
    assert.equal(r.json.error.code, 'template.state');
    r = await nurse.post('/api/v1/dispatches', { template: id, recipients: [people.erik] });
    assert.equal(r.status, 201, r.text);
    const onV1 = r.json.recipients[0].instance;

    // A published version is not changed: the same version is refused, a new one is a new version.
    r = await designer.post('/api/v1/templates', form);
    assert.equal(r.status, 409);
    assert.equal(r.json.error.code, 'template.version');
    form.version = 2;
    form.title.sv = 'GAD-7, version 2';
    r = await designer.post('/api/v1/templates', form);
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.version, 2);
    assert.equal((await designer.put(`/api/v1/templates/${id}/versions/2`, { state: 'published' })).status, 200);
    // The answer given on version 1 stays on version 1.
    const erik = await server.citizen(people.erik);
    const opened = await erik.get(`/api/v1/citizen/forms/${onV1}`);
    assert.equal(opened.json.form.version, 1);
    const seen = await nurse.get(`/api/v1/answers/${onV1}`);
    assert.equal(seen.json.version, 1);
    assert.equal(seen.json.form.version, 1);

    // Archived: not sendable.
    assert.equal((await designer.put(`/api/v1/templates/${id}/versions/2`, { state: 'archived' })).status, 200);
    assert.equal((await designer.put(`/api/v1/templates/${id}/versions/1`, { state: 'archived' })).status, 200);
    r = await nurse.post('/api/v1/dispatches', { template: id, recipients: [people.erik] });
    assert.equal(r.status, 409);
    assert.equal(r.json.error.code, 'dispatch.not_available');
  });

  test('export from one unit, import into another; shared templates need a subscription', async () => {
    const admin = await server.staff('admin', 'VCN');
    const who5 = await templateId(admin, 'who-5');
    const exported = await admin.get(`/api/v1/templates/${who5}/export`);
    assert.equal(exported.status, 200);
    assert.equal(exported.json.id, 'who-5');
    const syd = await server.staff('syd');
    assert.equal(await templateId(syd, 'who-5'), undefined, 'shared, but not subscribed');
    let r = await syd.post('/api/v1/dispatches', { template: who5, recipients: [people.erik] });
    assert.equal(r.status, 409);
    assert.equal((await syd.post(`/api/v1/templates/${who5}/subscription`)).status, 200);
    assert.equal(await templateId(syd, 'who-5'), who5);
    r = await syd.post('/api/v1/dispatches', { template: who5, recipients: [people.erik] });
    assert.equal(r.status, 201, r.text);
    // A draft of the next version is the owner's alone: other units see only what was published.
    const designer = await server.staff('designer');
    const draft = JSON.parse(exported.text);
    draft.version = exported.json.version + 1;
    r = await designer.request('POST', '/api/v1/templates', JSON.stringify(draft));
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.id, who5);
    const versions = async (who) => (await who.get(`/api/v1/templates/${who5}`)).json.versions.map((v) => `${v.version} ${v.state}`);
    assert.deepEqual(await versions(designer), [`${draft.version - 1} published`, `${draft.version} unpublished`]);
    assert.deepEqual(await versions(syd), [`${draft.version - 1} published`]);
    assert.equal((await syd.get(`/api/v1/templates/${who5}/versions/${draft.version}`)).status, 404);
    assert.equal((await syd.get(`/api/v1/templates/${who5}/versions/${draft.version - 1}`)).status, 200);
    assert.equal((await designer.get(`/api/v1/templates/${who5}/versions/${draft.version}`)).status, 200);
    // A new version keeps the template's kind; `public` given with it is applied.
    draft.version += 1;
    r = await designer.request('POST', '/api/v1/templates?kind=case', JSON.stringify(draft));
    assert.equal(r.status, 409, r.text);
    assert.deepEqual(r.json.error, { code: 'template.kind', message: 'The template is a questionnaire; a new version keeps its kind.', field: 'kind' });
    const publicNow = (await designer.get(`/api/v1/templates/${who5}`)).json.template.public;
    r = await designer.request('POST', `/api/v1/templates?kind=questionnaire&public=${!publicNow}`, JSON.stringify(draft));
    assert.equal(r.status, 201, r.text);
    assert.equal((await designer.get(`/api/v1/templates/${who5}`)).json.template.public, !publicNow);
    assert.deepEqual(await versions(syd), [`${draft.version - 2} published`]);
    // Import: the exported JSON uploaded as is.
    r = await syd.request('POST', '/api/v1/templates', exported.text);
    assert.equal(r.status, 201, r.text);
    assert.notEqual(r.json.id, who5);
    // Only the owner changes a template; only an admin puts one in the national library.
    r = await syd.put(`/api/v1/templates/${who5}`, { public: false });
    assert.equal(r.status, 403);
    r = await designer.put(`/api/v1/templates/${who5}`, { national: true });
    assert.equal(r.status, 403);
    // National templates are visible to every unit.
    const national = (await syd.get('/api/v1/templates')).json.templates.filter((t) => t.national).map((t) => t.form_id).sort();
    assert.deepEqual(national, ['audit', 'gad-7', 'phq-9']);
  });
});

describe('dispatch', () => {
  test('each recipient is sent or refused with a reason; at most 1000', async () => {
    const nurse = await server.staff('sjukskoterska');
    const phq = await templateId(nurse, 'phq-9');
    let r = await nurse.post('/api/v1/dispatches', {
      template: phq, recipients: ['19760102-2382', '197601022383', 'hello', 12, people.kim, '760102-2382'], message: 'Svara gärna.',
    });
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(r.json.recipients.map((x) => x.status === 'sent' ? 'sent' : x.code),
      ['sent', 'pnr.checksum', 'pnr.format', 'recipient.format', 'recipient.unreachable', 'recipient.duplicate']);
    assert.equal(r.json.sent, 1);
    assert.deepEqual(r.json.recipients[0].notifications, { email: true, sms: false });
    assert.ok(!r.text.includes('2383'), 'no number is echoed');
    r = await nurse.post('/api/v1/dispatches', { template: phq, recipients: Array(1001).fill(people.erik) });
    assert.equal(r.status, 400);
    assert.deepEqual(r.json.error, { code: 'dispatch.too_many', message: 'At most 1000 recipients per dispatch.', field: 'recipients' });
    r = await nurse.post('/api/v1/dispatches', { template: phq, recipients: [people.erik], answer_by: '2020-01-01' });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'answer_by');
    r = await nurse.post('/api/v1/dispatches', { template: 99999, recipients: [people.erik] });
    assert.equal(r.status, 404);
  });
});

describe('follow-up', () => {
  test('the health survey: citizen answers, staff measurements, the star profile computed on the server', async () => {
    const doc = sample('halsoenkat', 'answers/healthy.json');
    const subject = doc.meta.subject.replace('-', '');
    const nurse = await server.staff('sjukskoterska');
    const sent = await nurse.post('/api/v1/dispatches', { template: await templateId(nurse, 'halsoenkat'), recipients: [subject] });
    const id = sent.json.recipients[0].instance;
    const citizen = await server.citizen(subject);
    await answerForm(citizen, id, doc.answers);
    let seen = await nurse.get(`/api/v1/answers/${id}`);
    assert.equal(seen.json.state, 'COMPLETED');
    assert.deepEqual(seen.json.measurements, {});
    let r = await nurse.put(`/api/v1/answers/${id}/measurements`, { revision: seen.json.revision, measurements: { weight: -5 } });
    assert.equal(r.status, 422, r.text);
    assert.deepEqual(r.json.result.issues.map((i) => `${i.item} ${i.rule}`), ['weight min']);
    r = await nurse.put(`/api/v1/answers/${id}/measurements`, { revision: seen.json.revision, measurements: { pulse: 60 } });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'measurements.pulse');
    r = await nurse.put(`/api/v1/answers/${id}/measurements`, { revision: seen.json.revision, measurements: doc.measurements });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.result, sample('halsoenkat', 'expected/healthy.json'));
    seen = await nurse.get(`/api/v1/answers/${id}`);
    assert.deepEqual(seen.json.measurements, doc.measurements);
    assert.deepEqual(seen.json.result, sample('halsoenkat', 'expected/healthy.json'));
    assert.deepEqual(seen.json.events.map((e) => e.kind).filter((k) => k !== 'notified'),  // the outbox's, whenever it goes
      ['sent', 'opened', ...Array(9).fill('page_saved'), 'reviewed', 'submitted', 'measured']);
  });

  test('documented, then deleted for good', async () => {
    const nurse = await server.staff('sjukskoterska');
    const sent = await nurse.post('/api/v1/dispatches', { template: await templateId(nurse, 'phq-9'), recipients: [people.erik] });
    const id = sent.json.recipients[0].instance;
    let r = await nurse.post(`/api/v1/answers/${id}/documented`);
    assert.equal(r.status, 409, 'only a submitted answer is documented');
    const erik = await server.citizen(people.erik);
    await answerForm(erik, id, sample('phq-9', 'answers/total-10.json').answers);
    r = await nurse.post(`/api/v1/answers/${id}/documented`);
    assert.equal(r.status, 200);
    const listed = (await nurse.get('/api/v1/answers?state=COMPLETED')).json.answers.find((a) => a.id === id);
    assert.match(listed.documented_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    r = await nurse.delete(`/api/v1/answers/${id}`);
    assert.equal(r.status, 200);
    assert.equal((await nurse.get(`/api/v1/answers/${id}`)).status, 404);
    assert.equal((await erik.get(`/api/v1/citizen/forms/${id}`)).status, 404);
    const admin = await server.staff('admin', 'VCN');
    const audit = await admin.get('/api/v1/admin/audit');
    assert.ok(audit.json.entries.some((e) => e.action === 'answer.deleted' && e.target === `instance:${id}`));
  });

  test('a deleted form leaves nothing of it in the database files, the write-ahead log included', { skip: onPostgres && 'SQLite' }, async () => {
    const nurse = await server.staff('sjukskoterska');
    const marker = `Gallringsprov-${process.pid}-${Date.now()}`;
    const sent = await nurse.post('/api/v1/dispatches', {
      template: await templateId(nurse, 'phq-9'), recipients: [people.erik], message: marker,
    });
    const id = sent.json.recipients[0].instance;
    const stored = () => ['', '-wal'].filter((suffix) => {
      const file = server.database + suffix;
      return existsSync(file) && readFileSync(file).includes(Buffer.from(marker));
    });
    assert.notDeepEqual(stored(), [], 'the message is stored before the deletion');
    assert.equal((await nurse.delete(`/api/v1/answers/${id}`)).status, 200);
    assert.deepEqual(stored(), []);
  });

  // PostgreSQL keeps a deleted row's bytes in its table files until the table is rewritten: the
  // deletion is gone from every table at once, and from the files after `blankett purge-db`
  // (VACUUM FULL), which the operator runs at a quiet hour (docs/operations.md).
  test('a deleted form is in no PostgreSQL table at once, and in no table file after purge-db', { skip: !onPostgres && 'PostgreSQL' }, async () => {
    const data = process.env.BLANKETT_TEST_POSTGRES_DATA;
    assert.ok(data, 'BLANKETT_TEST_POSTGRES_DATA names the test server\'s data directory');
    const nurse = await server.staff('sjukskoterska');
    const marker = `Gallringsprov-${process.pid}-${Date.now()}`;
    const sent = await nurse.post('/api/v1/dispatches', {
      template: await templateId(nurse, 'phq-9'), recipients: [people.erik], message: marker,
    });
    const id = sent.json.recipients[0].instance;
    const dump = () => execFileSync('pg_dump', ['--data-only', server.database], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const folder = path.join(data, 'base', psql(server.database, 'SELECT oid FROM pg_database WHERE datname = current_database()'));
    const inFiles = () => readdirSync(folder).filter((f) => readFileSync(path.join(folder, f)).includes(Buffer.from(marker)));
    const checkpoint = () => psql(server.database, 'CHECKPOINT');  // the tests' user is a superuser
    assert.ok(dump().includes(marker), 'the message is stored before the deletion');
    assert.equal((await nurse.delete(`/api/v1/answers/${id}`)).status, 200);
    assert.ok(!dump().includes(marker), 'no table has it');
    checkpoint();
    assert.notDeepEqual(inFiles(), [], 'the dead row is still in the table\'s file before purge-db');
    const purged = execFileSync(binary, ['purge-db', server.database], { encoding: 'utf8' });
    assert.equal(purged.trim(), '{"purged":true}');
    checkpoint();
    assert.deepEqual(inFiles(), [], 'no file of the database holds it');
    // The service goes on as before.
    assert.equal((await nurse.get('/api/v1/answers')).status, 200);
  });

  test('paging through the answers list', async () => {
    const nurse = await server.staff('sjukskoterska');
    const first = await nurse.get('/api/v1/answers?limit=2');
    assert.equal(first.json.answers.length, 2);
    assert.ok(first.json.answers[0].id > first.json.answers[1].id);
    const next = await nurse.get(`/api/v1/answers?limit=2&before=${first.json.next}`);
    assert.ok(next.json.answers[0].id < first.json.answers[1].id);
    const bad = await nurse.get('/api/v1/answers?limit=5000');
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.field, 'limit');
    assert.equal((await nurse.get('/api/v1/answers?state=DONE')).status, 400);
  });
});
