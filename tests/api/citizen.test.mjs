// The citizen's answer flow against the real server: PHQ-9 from the forms page to a stored result,
// each state transition, drafts that are saved even when invalid, concurrent saves, guardians, form
// links, attachments and information-only forms.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Server, people, sample } from './server.mjs';

let server;
before(async () => { server = await Server.start(); });
after(async () => { await server.close(); });

async function formNamed(client, text) {
  const r = await client.get('/api/v1/citizen/forms');
  assert.equal(r.status, 200);
  const f = r.json.ongoing.find((x) => x.title.includes(text));
  assert.ok(f, `no ongoing form "${text}" in ${r.text}`);
  return f;
}

// A fresh PHQ-9 for a citizen: sent by the nurse.
async function sendPhq9(personnummer) {
  const nurse = await server.staff('sjukskoterska');
  const list = await nurse.get('/api/v1/templates');
  const phq = list.json.templates.find((t) => t.form_id === 'phq-9');
  const r = await nurse.post('/api/v1/dispatches', { template: phq.id, recipients: [personnummer] });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.recipients[0].status, 'sent');
  return r.json.recipients[0].instance;
}

describe('answering PHQ-9', () => {
  test('the forms page, a page saved, reviewed and submitted gives the exact score on the server', async () => {
    const anna = await server.citizen(people.anna);
    const page = await anna.get('/api/v1/citizen/forms');
    assert.deepEqual(page.json.ongoing.map((f) => f.title).sort(),
      ['Hälsoenkät inför hälsosamtal', 'Hälsoformulär (PHQ-9)', 'Inför provtagning']);
    assert.deepEqual(page.json.available.map((f) => `${f.title} (${f.kind})`).sort(),
      ['Förnya recept (case)', 'Hälsoenkät inför hälsosamtal (questionnaire)', 'Kontakta mig (case)',
        'WHO (Fem) Välbefinnandeindex (WHO-5) (questionnaire)']);
    assert.deepEqual(page.json.submitted, []);

    const phq = await formNamed(anna, 'PHQ-9');
    const opened = await anna.get(`/api/v1/citizen/forms/${phq.id}`);
    assert.equal(opened.status, 200);
    assert.equal(opened.json.state, 'ONGOING');
    assert.equal(opened.json.form.id, 'phq-9');
    assert.match(opened.json.banner, /Inför ditt besök/);
    assert.deepEqual(opened.json.answers, {});

    const answers = sample('phq-9', 'answers/valid-mild.json').answers;
    const saved = await anna.put(`/api/v1/citizen/forms/${phq.id}/pages/p1`, { revision: opened.json.revision, answers });
    assert.equal(saved.status, 200, saved.text);
    assert.equal(saved.json.revision, opened.json.revision + 1);
    assert.equal(saved.json.result.valid, true);

    const reviewed = await anna.post(`/api/v1/citizen/forms/${phq.id}/review`);
    assert.equal(reviewed.status, 200, reviewed.text);
    assert.equal(reviewed.json.state, 'PENDING_COMPLETION');

    const submitted = await anna.post(`/api/v1/citizen/forms/${phq.id}/submit`);
    assert.equal(submitted.status, 200, submitted.text);
    assert.equal(submitted.json.state, 'COMPLETED');
    // The citizen sees validity, issues, the calculations marked for citizens (PHQ-9 has none) and
    // follow-on links; the score, its band and the alerts are for staff, who see the whole result.
    const full = sample('phq-9', 'expected/valid-mild.json');
    assert.deepEqual(submitted.json.result, { valid: true, issues: [], calculations: {}, routes: full.routes });
    const nurse = await server.staff('sjukskoterska');
    assert.deepEqual((await nurse.get(`/api/v1/answers/${phq.id}`)).json.result, full);
    assert.deepEqual((await anna.get(`/api/v1/citizen/forms/${phq.id}`)).json.result, submitted.json.result);

    const after = await anna.get('/api/v1/citizen/forms');
    assert.deepEqual(after.json.submitted.map((f) => f.id), [phq.id]);
    assert.equal(after.json.submitted[0].state, 'COMPLETED');

    // Read-only once submitted.
    const again = await anna.put(`/api/v1/citizen/forms/${phq.id}/pages/p1`, { revision: saved.json.revision + 1, answers });
    assert.equal(again.status, 409);
    assert.equal(again.json.error.code, 'form.state');
    const cancel = await anna.post(`/api/v1/citizen/forms/${phq.id}/cancel`);
    assert.equal(cancel.status, 409);
    const resubmit = await anna.post(`/api/v1/citizen/forms/${phq.id}/submit`);
    assert.equal(resubmit.status, 409);
  });

  test('an invalid draft is saved and kept; review and submit refuse it with the issues', async () => {
    const id = await sendPhq9(people.erik);
    const erik = await server.citizen(people.erik);
    const opened = await erik.get(`/api/v1/citizen/forms/${id}`);
    const draft = { q1: '1', q2: '7' }; // q2 has no alternative "7"
    const saved = await erik.put(`/api/v1/citizen/forms/${id}/pages/p1`, { revision: opened.json.revision, answers: draft });
    assert.equal(saved.status, 200, saved.text);
    assert.equal(saved.json.result.valid, false);
    // The page's issues come back (the citizen sees what is missing), yet the draft is stored.
    const pageIssues = ['q2 choice', 'q3 mandatory', 'q4 mandatory', 'q5 mandatory', 'q6 mandatory', 'q7 mandatory',
      'q8 mandatory', 'q9 mandatory'];
    assert.deepEqual(saved.json.result.issues.map((i) => `${i.item} ${i.rule}`), pageIssues);

    const reloaded = await erik.get(`/api/v1/citizen/forms/${id}`);
    assert.deepEqual(reloaded.json.answers, draft);

    const early = await erik.post(`/api/v1/citizen/forms/${id}/submit`);
    assert.equal(early.status, 409);
    assert.equal(early.json.error.code, 'form.state');

    const review = await erik.post(`/api/v1/citizen/forms/${id}/review`);
    assert.equal(review.status, 422);
    assert.deepEqual(review.json.result.issues.map((i) => `${i.item} ${i.rule}`), pageIssues);
    const state = await erik.get(`/api/v1/citizen/forms/${id}`);
    assert.equal(state.json.state, 'ONGOING');
  });

  test('saving after review returns the form to ONGOING; hidden answers are dropped on submit', async () => {
    const id = await sendPhq9(people.erik);
    const erik = await server.citizen(people.erik);
    const zero = sample('phq-9', 'answers/total-0.json').answers; // q10 hidden when every symptom is 0
    let r = await erik.put(`/api/v1/citizen/forms/${id}/pages/p1`, { revision: 0, answers: zero });
    assert.equal(r.status, 200, r.text);
    r = await erik.post(`/api/v1/citizen/forms/${id}/review`);
    assert.equal(r.json.state, 'PENDING_COMPLETION');
    r = await erik.put(`/api/v1/citizen/forms/${id}/pages/p1`, { revision: 1, answers: { q10: '1' } });
    assert.equal(r.status, 200, r.text);
    assert.equal((await erik.get(`/api/v1/citizen/forms/${id}`)).json.state, 'ONGOING');
    r = await erik.post(`/api/v1/citizen/forms/${id}/review`);
    assert.equal(r.status, 200, r.text);
    r = await erik.post(`/api/v1/citizen/forms/${id}/submit`);
    assert.equal(r.status, 200, r.text);
    const stored = await erik.get(`/api/v1/citizen/forms/${id}`);
    assert.equal(stored.json.answers.q10, undefined, 'the hidden q10 answer was dropped');
    assert.equal(stored.json.answers.q1, '0');
    const nurse = await server.staff('sjukskoterska');
    assert.equal((await nurse.get(`/api/v1/answers/${id}`)).json.result.scores.total.value, 0);
    assert.equal(stored.json.result.scores, undefined, 'the score is for staff');
  });

  test('cancel before completion', async () => {
    const id = await sendPhq9(people.erik);
    const erik = await server.citizen(people.erik);
    const r = await erik.post(`/api/v1/citizen/forms/${id}/cancel`);
    assert.equal(r.status, 200);
    assert.equal(r.json.state, 'CANCELLED');
    const save = await erik.put(`/api/v1/citizen/forms/${id}/pages/p1`, { revision: 0, answers: { q1: '1' } });
    assert.equal(save.status, 409);
    const list = await erik.get('/api/v1/citizen/forms');
    assert.ok(!list.json.ongoing.some((f) => f.id === id));
  });

  test('concurrent saves of one form: exactly one wins, the rest get 409 and nothing is lost', async () => {
    const id = await sendPhq9(people.erik);
    const erik = await server.citizen(people.erik);
    const saves = await Promise.all(Array.from({ length: 8 }, (_, i) =>
      erik.put(`/api/v1/citizen/forms/${id}/pages/p1`, { revision: 0, answers: { q1: String(i % 4) } })));
    const ok = saves.filter((s) => s.status === 200);
    const conflicts = saves.filter((s) => s.status === 409);
    assert.equal(ok.length, 1, saves.map((s) => s.status).join(','));
    assert.equal(conflicts.length, 7);
    for (const c of conflicts) assert.equal(c.json.error.code, 'form.conflict');
    const stored = await erik.get(`/api/v1/citizen/forms/${id}`);
    assert.equal(stored.json.revision, 1);
    const winner = saves.indexOf(ok[0]);
    assert.deepEqual(stored.json.answers, { q1: String(winner % 4) });
  });

  test('a citizen cannot see or change another citizen\'s form (404, not 403)', async () => {
    const id = await sendPhq9(people.anna);
    const erik = await server.citizen(people.erik);
    for (const r of [
      await erik.get(`/api/v1/citizen/forms/${id}`),
      await erik.put(`/api/v1/citizen/forms/${id}/pages/p1`, { revision: 0, answers: { q1: '1' } }),
      await erik.post(`/api/v1/citizen/forms/${id}/submit`),
      await erik.post(`/api/v1/citizen/forms/${id}/cancel`),
    ]) {
      assert.equal(r.status, 404);
      assert.equal(r.json.error.code, 'not_found');
    }
  });

  test('an answer to a question on another page, or an unknown page, is refused', async () => {
    const id = await sendPhq9(people.erik);
    const erik = await server.citizen(people.erik);
    let r = await erik.put(`/api/v1/citizen/forms/${id}/pages/p1`, { revision: 0, answers: { nosuch: '1' } });
    assert.equal(r.status, 400);
    assert.deepEqual(r.json.error, { code: 'form.item', message: 'An answer is not to a question on this page.', field: 'answers.nosuch' });
    r = await erik.put(`/api/v1/citizen/forms/${id}/pages/p9`, { revision: 0, answers: {} });
    assert.equal(r.status, 404);
    r = await erik.put(`/api/v1/citizen/forms/${id}/pages/p1`, { answers: {} });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'revision');
  });
});

describe('who may log in and answer', () => {
  test('a guardian answers for a child under 13, recorded as the actor', async () => {
    const sara = await server.citizen(people.sara);
    assert.equal(sara.me.children.length, 1);
    assert.equal(sara.me.children[0].name, 'Lova Lind');
    const own = await sara.get('/api/v1/citizen/forms');
    assert.deepEqual(own.json.ongoing, []);
    const act = await sara.put('/api/v1/citizen/acting-for', { child: sara.me.children[0].id });
    assert.equal(act.status, 200, act.text);
    const childForms = await sara.get('/api/v1/citizen/forms');
    assert.equal(childForms.json.acting_for, sara.me.children[0].id);
    assert.equal(childForms.json.ongoing.length, 1);
    const who5 = childForms.json.ongoing[0];
    const answers = sample('who-5', 'answers/valid-good.json').answers;
    const opened = await sara.get(`/api/v1/citizen/forms/${who5.id}`);
    const pages = opened.json.form.pages.map((p) => p.id);
    let revision = opened.json.revision;
    for (const p of pages) {
      const onPage = Object.fromEntries(Object.entries(answers).filter(([k]) =>
        JSON.stringify(opened.json.form.pages.find((x) => x.id === p)).includes(`"id":"${k}"`)));
      const r = await sara.put(`/api/v1/citizen/forms/${who5.id}/pages/${p}`, { revision, answers: onPage });
      assert.equal(r.status, 200, r.text);
      revision = r.json.revision;
    }
    assert.equal((await sara.post(`/api/v1/citizen/forms/${who5.id}/review`)).status, 200);
    assert.equal((await sara.post(`/api/v1/citizen/forms/${who5.id}/submit`)).status, 200);
    const nurse = await server.staff('sjukskoterska');
    const seen = await nurse.get(`/api/v1/answers/${who5.id}`);
    assert.equal(seen.json.answered_by, 'guardian');
    assert.equal(seen.json.recipient.name, 'Lova Lind');
    assert.equal(seen.json.proxy.name, 'Sara Lind');
    assert.ok(seen.json.events.some((e) => e.kind === 'submitted' && e.actor.startsWith('guardian:')));
  });

  test('locking a child\'s login ends the guardian\'s acting for the child', async () => {
    const sara = await server.citizen(people.sara);
    const child = sara.me.children[0].id;
    assert.equal((await sara.put('/api/v1/citizen/acting-for', { child })).status, 200);
    assert.equal((await sara.get('/api/v1/citizen/forms')).json.acting_for, child);
    const admin = await server.staff('admin');
    assert.equal((await admin.put(`/api/v1/admin/citizens/${child}`, { locked: true })).status, 200);
    const own = await sara.get('/api/v1/citizen/forms');
    assert.equal(own.status, 200, 'the guardian\'s own session goes on');
    assert.equal(own.json.acting_for, null);
    const again = await sara.put('/api/v1/citizen/acting-for', { child });
    assert.equal(again.status, 403);
    assert.equal(again.json.error.code, 'auth.locked');
    assert.equal((await admin.put(`/api/v1/admin/citizens/${child}`, { locked: false })).status, 200);
    assert.equal((await sara.put('/api/v1/citizen/acting-for', { child })).status, 200);
    assert.equal((await sara.put('/api/v1/citizen/acting-for', { child: null })).status, 200);
  });

  test('a guardian cannot act for someone who is not their child', async () => {
    const erik = await server.citizen(people.erik);
    const r = await erik.put('/api/v1/citizen/acting-for', { child: 4 });
    assert.equal(r.status, 404);
  });

  test('a wrong personnummer is refused without echoing it', async () => {
    const c = server.client();
    const r = await c.post('/api/v1/citizen/login', { personnummer: '19760102-2383' });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.code, 'auth.personnummer');
    assert.ok(!r.text.includes('2383'));
  });

  test('a form link reaches someone with protected identity', async () => {
    const nurse = await server.staff('sjukskoterska');
    const phq = (await nurse.get('/api/v1/templates')).json.templates.find((t) => t.form_id === 'phq-9');
    const refused = await nurse.post('/api/v1/dispatches', { template: phq.id, recipients: [people.kim] });
    assert.equal(refused.status, 201);
    assert.deepEqual(refused.json.recipients, [{ index: 0, status: 'refused', code: 'recipient.unreachable' }]);
    const links = await nurse.post('/api/v1/dispatches/links', { template: phq.id, count: 2 });
    assert.equal(links.status, 201, links.text);
    assert.equal(links.json.links.length, 2);
    const kim = await server.citizen(people.kim);
    const claimed = await kim.post('/api/v1/citizen/links', { token: links.json.links[0].token });
    assert.equal(claimed.status, 200, claimed.text);
    assert.equal(claimed.json.id, links.json.links[0].instance);
    const mine = await kim.get(`/api/v1/citizen/forms/${claimed.json.id}`);
    assert.equal(mine.status, 200);
    // Kim opens it again and lands in the same form.
    assert.deepEqual((await kim.post('/api/v1/citizen/links', { token: links.json.links[0].token })).json, { id: claimed.json.id });
    // The link is spent: nobody else can take it, and says so.
    const erik = await server.citizen(people.erik);
    let r = await erik.post('/api/v1/citizen/links', { token: links.json.links[0].token });
    assert.deepEqual([r.status, r.json.error.code], [409, 'link.used']);
    r = await erik.post('/api/v1/citizen/links', { token: 'f'.repeat(64) });
    assert.deepEqual([r.status, r.json.error.code], [404, 'link.unknown']);
  });
});

// Saves a sample answer document page by page, as the browser does.
async function answerByPage(client, id, answers) {
  const opened = await client.get(`/api/v1/citizen/forms/${id}`);
  assert.equal(opened.status, 200, opened.text);
  let revision = opened.json.revision;
  for (const p of opened.json.form.pages) {
    const ids = new Set();
    const walk = (items) => { for (const it of items) { ids.add(it.id); if (it.items) walk(it.items); } };
    walk(p.items);
    const onPage = Object.fromEntries(Object.entries(answers).filter(([k]) => ids.has(k)));
    const r = await client.put(`/api/v1/citizen/forms/${id}/pages/${p.id}`, { revision, answers: onPage });
    assert.equal(r.status, 200, r.text);
    revision = r.json.revision;
  }
  return opened.json;
}

describe('case forms and information forms', () => {
  test('a citizen starts a case form (Kontakta mig); it lands at the unit that owns it', async () => {
    const erik = await server.citizen(people.erik);
    const forms = await erik.get('/api/v1/citizen/forms');
    const contact = forms.json.available.find((f) => f.title === 'Kontakta mig');
    assert.equal(contact.unit, 'Vårdcentralen Norr');
    const started = await erik.post('/api/v1/citizen/forms', { template: contact.template });
    assert.equal(started.status, 201, started.text);
    const id = started.json.id;
    const opened = await answerByPage(erik, id, sample('kontakta-mig', 'answers/inbox-hidden-phone.json').answers);
    assert.equal(opened.kind, 'case');
    assert.equal(opened.state, 'ONGOING');
    assert.equal(opened.banner, null);
    assert.equal((await erik.post(`/api/v1/citizen/forms/${id}/review`)).status, 200);
    const submitted = await erik.post(`/api/v1/citizen/forms/${id}/submit`);
    assert.equal(submitted.status, 200, submitted.text);
    const { valid, issues, routes } = sample('kontakta-mig', 'expected/inbox-hidden-phone.json');
    assert.deepEqual(submitted.json.result, { valid, issues, calculations: {}, routes });
    // The hidden phone number and call times were dropped on submit: staff never see them.
    const nurse = await server.staff('sjukskoterska');
    const seen = await nurse.get(`/api/v1/answers/${id}`);
    assert.equal(seen.status, 200, seen.text);
    assert.deepEqual(Object.keys(seen.json.answers).sort(), ['contact_by', 'message', 'reason']);
    assert.equal(seen.json.recipient.name, 'Erik Svensson');
    // Another unit does not see it.
    const syd = await server.staff('syd');
    assert.equal((await syd.get(`/api/v1/answers/${id}`)).status, 404);
  });

  test('a case form with missing answers is refused at review with each issue', async () => {
    const erik = await server.citizen(people.erik);
    const forms = await erik.get('/api/v1/citizen/forms');
    const renew = forms.json.available.find((f) => f.title === 'Förnya recept');
    const id = (await erik.post('/api/v1/citizen/forms', { template: renew.template })).json.id;
    await answerByPage(erik, id, sample('fornya-recept', 'answers/side-effects-missing.json').answers);
    const review = await erik.post(`/api/v1/citizen/forms/${id}/review`);
    assert.equal(review.status, 422);
    assert.deepEqual(review.json.result.issues.map((i) => `${i.item} ${i.rule}`),
      ['side_effects_text mandatory', 'pharmacy mandatory']);
    assert.equal((await erik.post('/api/v1/citizen/forms', { template: 999999 })).status, 404);
  });

  test('an information form is done when it is read, and takes no answers', async () => {
    const anna = await server.citizen(people.anna);
    const info = await formNamed(anna, 'Inför provtagning');
    assert.equal(info.state, 'ONGOING');
    const read = await anna.get(`/api/v1/citizen/forms/${info.id}`);
    assert.equal(read.status, 200);
    assert.equal(read.json.kind, 'information');
    assert.equal(read.json.state, 'COMPLETED');
    assert.match(read.json.banner, /provtagning/);
    const list = await anna.get('/api/v1/citizen/forms');
    assert.ok(list.json.submitted.some((f) => f.id === info.id));
    assert.ok(!list.json.ongoing.some((f) => f.id === info.id));
    const save = await anna.put(`/api/v1/citizen/forms/${info.id}/pages/info`, { revision: read.json.revision, answers: {} });
    assert.equal(save.status, 409);
    assert.equal(save.json.error.code, 'form.information');
    assert.equal((await anna.post(`/api/v1/citizen/forms/${info.id}/review`)).status, 409);
    const nurse = await server.staff('sjukskoterska');
    const seen = await nurse.get(`/api/v1/answers/${info.id}`);
    assert.equal(seen.json.state, 'COMPLETED');
    assert.deepEqual(seen.json.events.map((e) => e.kind).filter((k) => k !== 'notified'), ['sent', 'opened', 'read']);
    // Staff opening an answer is logged, with who and which answer.
    const audit = await (await server.staff('admin')).get('/api/v1/admin/audit');
    assert.ok(audit.json.entries.some((e) => e.action === 'answer.read' && e.target === `instance:${info.id}` &&
      e.staff === 'sjukskoterska'), JSON.stringify(audit.json.entries.slice(0, 3)));
  });
});
