// Administrera at a unit: staff accounts (created with a password shown once, turned off and on), the
// audit log filtered by kind, person and days; Design's shared templates from other units.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Server, root } from './server.mjs';

let server;
before(async () => { server = await Server.start(); });
after(async () => { await server.close(); });

describe('staff accounts', () => {
  test('a new account gets its first role here and a password shown once; turned off, its sessions end', async () => {
    const admin = await server.staff('admin', 'VCN');
    let r = await admin.post('/api/v1/admin/staff', { username: 'ny.skoterska', name: 'Nora Ny', role: 'sender' });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.username, 'ny.skoterska');
    assert.match(r.json.password, /^[0-9a-f]{20}$/);
    const { id, password } = r.json;
    const nora = server.client();
    r = await nora.post('/api/v1/staff/login', { username: 'ny.skoterska', password });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.units.map((u) => [u.code, u.roles]), [['VCN', ['sender']]]);
    const listed = (await admin.get('/api/v1/admin/staff')).json.staff.find((s) => s.username === 'ny.skoterska');
    assert.deepEqual(listed, { id, username: 'ny.skoterska', name: 'Nora Ny', disabled: false, roles: ['sender'] });

    // Taken names, bad names and bad roles are refused; nothing is created.
    r = await admin.post('/api/v1/admin/staff', { username: 'ny.skoterska', name: 'X', role: 'reader' });
    assert.deepEqual([r.status, r.json.error.code], [409, 'staff.exists']);
    r = await admin.post('/api/v1/admin/staff', { username: 'Nora Ny', name: 'X', role: 'reader' });
    assert.deepEqual([r.status, r.json.error.field], [400, 'username']);
    r = await admin.post('/api/v1/admin/staff', { username: 'nora2', name: 'X', role: 'boss' });
    assert.deepEqual([r.status, r.json.error.field], [400, 'role']);

    // Turned off: her open session ends at once, and she cannot log in.
    assert.equal((await admin.put(`/api/v1/admin/staff/${id}`, { disabled: true })).status, 200);
    assert.equal((await nora.get('/api/v1/staff/me')).status, 401);
    r = await server.client().post('/api/v1/staff/login', { username: 'ny.skoterska', password });
    assert.equal(r.status, 401);
    assert.equal((await admin.put(`/api/v1/admin/staff/${id}`, { disabled: false })).status, 200);
    assert.equal((await server.client().post('/api/v1/staff/login', { username: 'ny.skoterska', password })).status, 200);
    // Not oneself; not someone without a role here.
    r = await admin.put(`/api/v1/admin/staff/${admin.me.staff.id}`, { disabled: true });
    assert.deepEqual([r.status, r.json.error.code], [409, 'admin.self']);
    const syd = (await server.staff('syd')).me.staff.id;
    assert.equal((await admin.put(`/api/v1/admin/staff/${syd}`, { disabled: true })).status, 404);
  });
});

describe('the audit log', () => {
  test('filtered by an action or its kind, by person and by days; paged', async () => {
    const admin = await server.staff('admin', 'VCN');
    const nurse = await server.staff('sjukskoterska');
    assert.equal((await nurse.get('/api/v1/answers')).status, 200);
    assert.equal((await admin.post('/api/v1/admin/roles', { username: 'designer', role: 'reader' })).status, 200);
    let r = await admin.get('/api/v1/admin/audit?action=answers.list');
    assert.ok(r.json.entries.length >= 1);
    assert.ok(r.json.entries.every((e) => e.action === 'answers.list'));
    r = await admin.get('/api/v1/admin/audit?action=role.');
    assert.ok(r.json.entries.some((e) => e.action === 'role.grant' && e.target.startsWith('staff:')));
    assert.ok(r.json.entries.every((e) => e.action.startsWith('role.')));
    r = await admin.get('/api/v1/admin/audit?action=answers.');
    assert.ok(r.json.entries.some((e) => e.action === 'answers.list'), 'a kind takes the action of its name too');
    r = await admin.get('/api/v1/admin/audit?staff=sjukskoterska');
    assert.ok(r.json.entries.length >= 1 && r.json.entries.every((e) => e.staff === 'sjukskoterska'));
    const today = new Date().toISOString().slice(0, 10);
    r = await admin.get(`/api/v1/admin/audit?from=${today}&to=${today}`);
    assert.ok(r.json.entries.length >= 3);
    assert.deepEqual((await admin.get('/api/v1/admin/audit?from=2020-01-01&to=2020-01-31')).json, { entries: [], next: null });
    assert.equal((await admin.get('/api/v1/admin/audit?from=yesterday')).json.error.field, 'from');
    // Paging: 100 a page, then the rest.
    for (let i = 0; i < 101; ++i) await nurse.get('/api/v1/answers?limit=1');
    const first = await admin.get('/api/v1/admin/audit?action=answers.list');
    assert.equal(first.json.entries.length, 100);
    const second = await admin.get(`/api/v1/admin/audit?action=answers.list&before=${first.json.next}`);
    assert.ok(second.json.entries.length >= 2);
    assert.ok(second.json.entries[0].id < first.json.entries[99].id);
  });
});

describe('shared templates (gemensamma mallar)', () => {
  test('another unit\'s shared templates, each with whether this unit subscribes', async () => {
    const syd = await server.staff('syd');
    // The demo's WHO-5 is VCN's, shared.
    let r = await syd.get('/api/v1/templates/shared');
    assert.equal(r.status, 200);
    const who5 = r.json.templates.find((x) => x.template.form_id === 'who-5');
    assert.equal(who5.subscribed, false);
    assert.equal(who5.template.unit.name, 'Vårdcentralen Norr');
    assert.ok(r.json.templates.every((x) => x.template.shared && x.template.unit.name !== 'Hälsocentralen Syd'));
    assert.equal((await syd.post(`/api/v1/templates/${who5.template.id}/subscription`)).status, 200);
    r = await syd.get('/api/v1/templates/shared');
    assert.equal(r.json.templates.find((x) => x.template.form_id === 'who-5').subscribed, true);
    // Ended again: no longer sendable there.
    assert.equal((await syd.delete(`/api/v1/templates/${who5.template.id}/subscription`)).status, 200);
    assert.equal((await syd.get('/api/v1/templates/shared')).json.templates.find((x) => x.template.form_id === 'who-5').subscribed, false);
    r = await syd.post('/api/v1/dispatches', { template: who5.template.id, recipients: ['197601022382'] });
    assert.deepEqual([r.status, r.json.error.code], [409, 'dispatch.not_available']);
    assert.equal((await syd.delete(`/api/v1/templates/${who5.template.id}/subscription`)).status, 404);
    assert.equal((await syd.post(`/api/v1/templates/${who5.template.id}/subscription`)).status, 200);
    // A unit's own shared templates are not in its list.
    const vcn = await server.staff('admin', 'VCN');
    assert.ok(!(await vcn.get('/api/v1/templates/shared')).json.templates.some((x) => x.template.form_id === 'who-5'));
  });
});

describe('Design: uploads', () => {
  test('a refused definition\'s diagnostics in Swedish or English; an accepted one names its template', async () => {
    const designer = await server.staff('designer');
    const broken = '{"format": 1, "id": "x", "version": 1,\n "languages": ["sv"], "pages": 3}';
    const sv = await designer.request('POST', '/api/v1/templates?lang=sv', broken);
    const en = await designer.request('POST', '/api/v1/templates', broken);
    assert.equal(sv.status, 422);
    assert.deepEqual(sv.json.diagnostics.map((d) => [d.code, d.line]), en.json.diagnostics.map((d) => [d.code, d.line]));
    assert.notDeepEqual(sv.json.diagnostics.map((d) => d.message), en.json.diagnostics.map((d) => d.message));
    const form = JSON.parse(readFileSync(path.join(root, 'samples/who-5/form.json'), 'utf8'));
    form.id = 'who-5-kopia';
    const ok = await designer.post('/api/v1/templates', form);
    assert.equal(ok.status, 201, ok.text);
    assert.deepEqual([ok.json.form_id, ok.json.version, ok.json.state], ['who-5-kopia', form.version, 'unpublished']);
    assert.equal(ok.json.name, form.title.sv);
  });
});
