// Sending (Utskick) with notice: recipients checked before sending, a dispatch of up to 1,000 in one
// transaction, the citizen's inbox message, notifications by e-mail and SMS through the outbox (here
// the outbox folder: the server runs without SMTP or an SMS gateway), Skickade utskick with each
// recipient's status.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Server, people, root } from './server.mjs';

// Skatteverket test numbers born 1960-1989 (not the demo citizens): 10,831 of them.
const pins = JSON.parse(readFileSync(path.join(root, 'tests/data/external/personnummer/personnummer-meta-allPins.json'), 'utf8'))
  .filter((p) => p >= '1960' && p < '1990' && !Object.values(people).includes(p));

let server;
let outbox;
before(async () => {
  server = await Server.start();
  outbox = path.join(server.dir, 'outbox');  // where the test servers' notifications go (server.mjs)
});
after(async () => { await server.close(); });

const phq9 = async (client) => (await client.get('/api/v1/templates')).json.templates.find((t) => t.form_id === 'phq-9').id;
const files = () => { try { return readdirSync(outbox).filter((f) => !f.endsWith('.part')).sort(); } catch { return []; } };
const file = (name) => readFileSync(path.join(outbox, name), 'utf8');

describe('recipients', () => {
  test('checked before sending: each line its own reason, duplicates in either written form, who can be notified', async () => {
    const nurse = await server.staff('sjukskoterska');
    const anna = people.anna.slice(0, 8) + '-' + people.anna.slice(8);  // ÅÅÅÅMMDD-NNNN
    const r = await nurse.post('/api/v1/dispatches/check', {
      recipients: [anna, people.erik, '19760102238', people.kim, people.anna, 12, '197601022383'],
    });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.recipients, [
      { index: 0, status: 'ok', has_logged_in: false, notifications: { email: true, sms: false }, advice: '' },
      { index: 1, status: 'ok', has_logged_in: false, notifications: { email: false, sms: false }, advice: 'no_notifications' },
      { index: 2, status: 'refused', code: 'pnr.format' },
      { index: 3, status: 'refused', code: 'recipient.unreachable' },  // protected identity
      { index: 4, status: 'refused', code: 'recipient.duplicate' },
      { index: 5, status: 'refused', code: 'recipient.format' },
      { index: 6, status: 'refused', code: 'pnr.checksum' },
    ]);
    assert.equal(r.json.ok, 2);
    assert.doesNotMatch(r.text, /19760102|197601012391/, 'numbers are never echoed');
  });

  test('a list of 1,000 numbers of which 7 are malformed: exactly those 7 are refused', async () => {
    const nurse = await server.staff('sjukskoterska');
    const list = pins.slice(0, 1000);
    const bad = [3, 100, 101, 499, 500, 777, 999];
    for (const i of bad) list[i] = list[i].slice(0, 11) + (list[i][11] === '0' ? '1' : '0');  // a wrong check digit
    const r = await nurse.post('/api/v1/dispatches/check', { recipients: list });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json.recipients.filter((x) => x.status === 'refused').map((x) => [x.index, x.code]),
      bad.map((i) => [i, 'pnr.checksum']));
    assert.equal(r.json.ok, 993);
    list.push(pins[1200]);
    assert.equal((await nurse.post('/api/v1/dispatches/check', { recipients: list })).json.error.code, 'dispatch.too_many');
  });
});

describe('a dispatch with inbox messages and notifications', () => {
  test('the citizen finds the inbox message and the form; e-mail and SMS say only that a message waits', async () => {
    const nurse = await server.staff('sjukskoterska');
    // Sara gets SMS too; Erik has no notifications.
    const sara = await server.citizen(people.sara);
    assert.equal((await sara.put('/api/v1/citizen/settings', { sms: '070-123 45 67' })).status, 200);
    const before = server.logCount(/ notification\.sent /);
    const sent = await nurse.post('/api/v1/dispatches', {
      template: await phq9(nurse), recipients: [people.anna, people.sara, people.erik],
      inbox_message: 'Hej! Inför ditt besök vill vi att du svarar på några frågor.',
    });
    assert.equal(sent.status, 201, sent.text);
    assert.equal(sent.json.sent, 3);
    const [annaForm, saraForm] = sent.json.recipients.map((x) => x.instance);

    // Anna: e-mail; Sara: e-mail and SMS. Three messages, each once.
    await server.loggedTimes(/ notification\.sent /, before + 3);
    const added = files().filter((f) => /^blankett-notification-\d+\.(eml|sms\.txt)$/.test(f));
    assert.equal(added.length, 3);
    const sms = added.filter((f) => f.endsWith('.sms.txt')).map(file);
    assert.equal(sms.length, 1);
    assert.match(sms[0], /^To: \+46701234567\n/);
    assert.match(sms[0], /Du har fått ett nytt meddelande från Vårdcentralen Norr i Blankett\. Logga in på http:\/\/127\.0\.0\.1:\d+\/ för att läsa det\./);
    const numbers = [people.anna, people.sara, people.erik].flatMap((p) => [p, p.slice(2), `${p.slice(2, 8)}-${p.slice(8)}`]);
    for (const text of added.map(file)) {
      assert.doesNotMatch(text, /PHQ|nedstämdhet|Inför ditt besök/, 'no form, no message text');
      for (const n of numbers) assert.ok(!text.includes(n), 'no personnummer');
    }

    const anna = await server.citizen(people.anna);
    let inbox = await anna.get('/api/v1/citizen/inbox');
    assert.equal(inbox.status, 200);
    const message = inbox.json.messages.find((m) => m.form === annaForm);
    assert.deepEqual({ ...message, id: 0, created_at: '' }, {
      id: 0, created_at: '', unit: 'Vårdcentralen Norr', subject: 'Formulär att besvara',
      body: 'Hej! Inför ditt besök vill vi att du svarar på några frågor.', read: false, form: annaForm,
    });
    assert.ok(inbox.json.unread >= 1);
    assert.deepEqual((await anna.post(`/api/v1/citizen/inbox/${message.id}/read`)).json, { read: true });
    inbox = await anna.get('/api/v1/citizen/inbox');
    assert.equal(inbox.json.messages.find((m) => m.id === message.id).read, true);
    // Another citizen's message is nobody else's to read.
    const saraMessage = (await sara.get('/api/v1/citizen/inbox')).json.messages.find((m) => m.form === saraForm);
    assert.equal((await anna.post(`/api/v1/citizen/inbox/${saraMessage.id}/read`)).status, 404);

    // Skickade utskick: opened once Anna opens the form; notified as the outbox says.
    assert.equal((await anna.get(`/api/v1/citizen/forms/${annaForm}`)).status, 200);
    const list = await nurse.get('/api/v1/dispatches');
    const summary = list.json.dispatches.find((d) => d.id === sent.json.dispatch);
    assert.equal(summary.template.name.length > 0, true);
    assert.deepEqual(summary.counts, { inbox: 3, notified: 3, failed: 0, opened: 1, answered: 0 });
    assert.equal(summary.recipients, 3);
    assert.doesNotMatch(list.text, /personnummer|Andersson/, 'the list names nobody');
    const detail = await nurse.get(`/api/v1/dispatches/${summary.id}`);
    assert.equal(detail.status, 200);
    const byForm = Object.fromEntries(detail.json.recipients.map((r) => [r.instance, r]));
    assert.deepEqual(byForm[annaForm].notifications, [{ channel: 'email', status: 'sent' }]);
    // The form's history says she was told (Aviserat), by which channel, never to which address.
    const told = (await nurse.get(`/api/v1/answers/${annaForm}`)).json.events.filter((e) => e.kind === 'notified');
    assert.deepEqual(told.map((e) => e.actor), ['system:email']);
    assert.match(byForm[annaForm].opened_at, /^\d{4}-\d\d-\d\dT/);
    assert.deepEqual(byForm[saraForm].notifications, [{ channel: 'email', status: 'sent' }, { channel: 'sms', status: 'sent' }]);
    assert.equal(byForm[saraForm].opened_at, null);
    assert.equal(byForm[annaForm].recipient.personnummer, people.anna);
    const admin = await server.staff('admin', 'VCN');
    const audit = (await admin.get('/api/v1/admin/audit')).json.entries;
    assert.ok(audit.some((e) => e.action === 'dispatch.read' && e.target === `dispatch:${summary.id}`), 'opening a dispatch is logged');
  });

  test('without an inbox message there are no notifications; a unit may keep its name out of them', async () => {
    const nurse = await server.staff('sjukskoterska');
    const quiet = await nurse.post('/api/v1/dispatches', { template: await phq9(nurse), recipients: [people.anna], inbox: false });
    assert.equal(quiet.status, 201);
    const detail = await nurse.get(`/api/v1/dispatches/${(await nurse.get('/api/v1/dispatches')).json.dispatches[0].id}`);
    assert.deepEqual(detail.json.recipients.map((r) => [r.inbox, r.notifications]), [[false, []]]);

    const admin = await server.staff('admin', 'VCN');
    assert.deepEqual((await admin.get('/api/v1/admin/unit')).json, { name_in_notifications: true, email: null, retention: null, hsa_id: null });
    assert.deepEqual((await admin.put('/api/v1/admin/unit', { name_in_notifications: false })).json, { name_in_notifications: false, email: null, retention: null, hsa_id: null });
    try {
      const sentBefore = server.logCount(/ notification\.sent /);
      const sent = await nurse.post('/api/v1/dispatches', { template: await phq9(nurse), recipients: [people.anna] });
      assert.equal(sent.status, 201);
      const id = (await nurse.get('/api/v1/dispatches')).json.dispatches[0].id;
      const [{ notifications }] = (await nurse.get(`/api/v1/dispatches/${id}`)).json.recipients;
      assert.equal(notifications.length, 1);
      await server.loggedTimes(/ notification\.sent /, sentBefore + 1);
      const newest = files().filter((f) => f.endsWith('.eml')).sort((x, y) => Number(x.match(/\d+/)[0]) - Number(y.match(/\d+/)[0])).pop();
      const text = file(newest);
      assert.match(text, /Du har fått ett nytt meddelande i din inkorg i Blankett/);
      assert.doesNotMatch(text, /Vårdcentralen/);
    } finally {
      await admin.put('/api/v1/admin/unit', { name_in_notifications: true });
    }
  });

  test('a dispatch of 1,000 recipients is one transaction, with a form, an inbox message and an event each', async () => {
    const nurse = await server.staff('sjukskoterska');
    const list = pins.slice(1500, 2500);
    const r = await nurse.post('/api/v1/dispatches', { template: await phq9(nurse), recipients: list });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.sent, 1000);
    const ids = new Set(r.json.recipients.map((x) => x.instance));
    assert.equal(ids.size, 1000);
    const id = (await nurse.get('/api/v1/dispatches')).json.dispatches[0].id;
    assert.equal(server.sql(`SELECT COUNT(*) FROM instances WHERE dispatch_id = ${id}`), '1000');
    assert.equal(server.sql(`SELECT COUNT(*) FROM inbox_messages WHERE dispatch_id = ${id}`), '1000');
    assert.equal(server.sql(`SELECT COUNT(*) FROM instance_events e JOIN instances i ON i.id = e.instance_id WHERE i.dispatch_id = ${id} AND e.kind = 'sent'`), '1000');
    // New numbers, nobody with notifications: none go out.
    assert.equal(server.sql(`SELECT COUNT(*) FROM notifications WHERE dispatch_id = ${id}`), '0');
  });
});

describe('a paper letter', () => {
  test('for a recipient without notifications: a PDF with a personal link and a code that the citizen types', async () => {
    const nurse = await server.staff('sjukskoterska');
    const sent = await nurse.post('/api/v1/dispatches', { template: await phq9(nurse), recipients: [people.erik], message: 'Ta med svaren till besöket.' });
    const form = sent.json.recipients[0].instance;
    assert.equal(sent.json.recipients[0].advice, 'no_notifications');
    const dispatch = (await nurse.get('/api/v1/dispatches')).json.dispatches[0].id;
    const res = await fetch(`${server.base}/api/v1/dispatches/${dispatch}/letters/${form}`,
      { method: 'POST', headers: { Cookie: nurse.cookie, 'X-CSRF-Token': nurse.csrf } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    assert.equal(res.headers.get('content-disposition'), `attachment; filename="brev-${form}.pdf"`);
    const pdf = Buffer.from(await res.arrayBuffer());
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    writeFileSync(`${server.dir}/brev.pdf`, pdf);
    const text = execFileSync('pdftotext', ['-layout', `${server.dir}/brev.pdf`, '-'], { encoding: 'utf8' });
    assert.match(text, /Vårdcentralen Norr/);
    assert.match(text, /Ta med svaren till besöket\./);
    const code = /\b([2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4})\b/.exec(text)[1];
    const link = new RegExp(`${server.base.replace(/[.]/g, '\\.')}/#/lank/([0-9a-f]{64})`).exec(text.replace(/\s+/g, ''));
    assert.ok(link, 'the personal link is printed');
    for (const n of [people.erik, people.erik.slice(2)]) assert.ok(!text.includes(n), 'no personnummer');

    // Erik types the code (in lower case, with spaces): it is his form.
    const erik = await server.citizen(people.erik);
    let r = await erik.post('/api/v1/citizen/links', { code: code.toLowerCase().replaceAll('-', ' ') });
    assert.deepEqual([r.status, r.json], [200, { id: form }]);
    r = await erik.post('/api/v1/citizen/links', { token: link[1] });
    assert.deepEqual([r.status, r.json], [200, { id: form }], 'the link works too');
    // Somebody else's code is not theirs; a code that is no code is unknown.
    const anna = await server.citizen(people.anna);
    r = await anna.post('/api/v1/citizen/links', { code });
    assert.deepEqual([r.status, r.json.error.code], [409, 'link.used']);
    r = await anna.post('/api/v1/citizen/links', { code: 'AAAA-BBBB-CCCC' });
    assert.deepEqual([r.status, r.json.error.code], [404, 'link.unknown']);
    // A new letter makes a new code: the old one stops working.
    await fetch(`${server.base}/api/v1/dispatches/${dispatch}/letters/${form}`, { method: 'POST', headers: { Cookie: nurse.cookie, 'X-CSRF-Token': nurse.csrf } });
    r = await erik.post('/api/v1/citizen/links', { code });
    assert.deepEqual([r.status, r.json.error.code], [404, 'link.unknown']);
    const history = (await nurse.get(`/api/v1/answers/${form}`)).json.events.map((e) => e.kind);
    assert.deepEqual(history.filter((k) => k === 'letter_printed').length, 2);
    // Another unit's sender reaches no letter of this dispatch.
    const syd = await server.staff('syd');
    const other = await fetch(`${server.base}/api/v1/dispatches/${dispatch}/letters/${form}`,
      { method: 'POST', headers: { Cookie: syd.cookie, 'X-CSRF-Token': syd.csrf } });
    assert.equal(other.status, 404);
  });
});
