// Exports of several answers: a template's answers as CSV with a codebook (a zip made by a job, with its
// progress), codes or labels, the Swedish or the international format, with or without who answered;
// several answers as one PDF or a zip of PDFs. Every export audited; deleting an answer deletes them.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Server, answerForm, people, sample } from './server.mjs';

let server, dir;
before(async () => {
  // Two answers a batch: the job's progress shows between its batches.
  server = await Server.start({ 'test-clock': 'on', env: { BLANKETT_TEST_CSV_BATCH: '2' } });
  dir = mkdtempSync(path.join(tmpdir(), 'blankett-csv-'));
  const admin = await server.staff('admin');
  assert.equal((await admin.post('/api/v1/admin/roles', { username: 'sjukskoterska', role: 'exporter' })).status, 200);
});
after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

let files = 0;
const saved = (bytes, ext) => {
  const f = path.join(dir, `f${files++}.${ext}`);
  writeFileSync(f, bytes);
  return f;
};
const unzip = (file, name) => execFileSync('unzip', ['-p', file, name], { encoding: 'utf8' });
const listing = (file) => execFileSync('zipinfo', ['-1', file], { encoding: 'utf8' }).trim().split('\n');
const pdfText = (file) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
const pdfPages = (file) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))[1]);

// A UTC time as the CSV writes it: the local time (the server runs in this process's time zone).
const local = (iso) => {
  const d = new Date(iso);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
};
const day = (iso) => local(iso).slice(0, 10);

async function send(nurse, template, personnummer, answers) {
  const sent = await nurse.post('/api/v1/dispatches', { template, recipients: [personnummer] });
  assert.equal(sent.status, 201, sent.text);
  const id = sent.json.recipients[0].instance;
  if (answers) await answerForm(await server.citizen(personnummer), id, answers);
  return (await nurse.get(`/api/v1/answers?template=${template}&limit=500`)).json.answers.find((x) => x.id === id);  // with sent_at
}

// The export once its job is done: a bounded poll on its state (each look a request, no timer).
async function finished(nurse, id) {
  for (let i = 0; i < 2000; i++) {
    const e = (await nurse.get('/api/v1/exports')).json.exports.find((x) => x.id === id);
    if (!e || e.state !== 'running') return e;
  }
  throw new Error(`export ${id} is still running`);
}

async function download(nurse, e) {
  const res = await fetch(`${server.base}/api/v1/exports/${e.id}/file`, { headers: { Cookie: nurse.cookie } });
  assert.equal(res.status, 200);
  return { type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), bytes: Buffer.from(await res.arrayBuffer()) };
}

async function csv(nurse, query, body) {
  const made = await nurse.post(`/api/v1/answers/csv?${query}`, body);
  assert.equal(made.status, 202, made.text);
  const e = await finished(nurse, made.json.export.id);
  assert.equal(e.state, 'ready', JSON.stringify(e));
  const file = saved((await download(nurse, e)).bytes, 'zip');
  assert.deepEqual(listing(file), ['svar.csv', 'kodbok.csv']);
  return { e, made: made.json.export, svar: unzip(file, 'svar.csv'), kodbok: unzip(file, 'kodbok.csv') };
}

const BOM = '\ufeff';
const lines = (rows) => BOM + rows.map((r) => `${r}\r\n`).join('');
const FREQ = '0=Inte alls | 1=Flera dagar | 2=Mer än hälften av dagarna | 3=Nästan varje dag';

describe('CSV export', () => {
  let phq9, mine;
  before(async () => {
    const nurse = await server.staff('sjukskoterska');
    phq9 = (await nurse.get('/api/v1/templates')).json.templates.find((t) => t.form_id === 'phq-9').id;
    mine = [
      await send(nurse, phq9, people.anna, sample('phq-9', 'answers/valid-moderately-severe.json').answers),
      await send(nurse, phq9, people.erik, sample('phq-9', 'answers/valid-mild.json').answers),
      await send(nurse, phq9, people.sara, sample('phq-9', 'answers/total-0.json').answers),
    ];
    await send(nurse, phq9, people.anna, null);  // not answered: not a row
  });

  test('the filter names one template; the roles; nothing to export', async () => {
    const nurse = await server.staff('sjukskoterska');
    let r = await nurse.post('/api/v1/answers/csv', {});
    assert.deepEqual([r.status, r.json.error.code, r.json.error.field], [400, 'export.template', 'template']);
    r = await nurse.post(`/api/v1/answers/csv?template=${phq9}`, { values: 'words' });
    assert.deepEqual([r.status, r.json.error.field], [400, 'values']);
    r = await nurse.post(`/api/v1/answers/csv?template=${phq9}&state=ONGOING`, {});
    assert.deepEqual([r.status, r.json.error.code], [422, 'export.empty']);
    const gad7 = (await nurse.get('/api/v1/templates')).json.templates.find((t) => t.form_id === 'gad-7').id;
    r = await nurse.post(`/api/v1/answers/csv?template=${gad7}&sent_from=2099-01-01`, {});
    assert.deepEqual([r.status, r.json.error.code], [422, 'export.empty']);
    const designer = await server.staff('designer');
    assert.equal((await designer.post(`/api/v1/answers/csv?template=${phq9}`, {})).status, 403);
  });

  test('PHQ-9 in codes, Swedish format: exact files; progress, then ready; audited', async () => {
    const nurse = await server.staff('sjukskoterska');
    const today = day(mine[0].submitted_at);
    const { e, made, svar, kodbok } = await csv(nurse, `template=${phq9}&sent_from=${today}`, {});
    assert.deepEqual([made.kind, made.state, made.done, made.total, made.error, made.size], ['csv', 'running', 0, 3, null, 0]);
    assert.equal(made.name, `formularsvar-phq-9-${today}.zip`);
    await server.logged(new RegExp(` export\\.progress export=${e.id} done=2$`, 'm'));
    assert.deepEqual([e.done, e.total, e.answers], [3, 3, 3]);
    const [a, b, c] = mine;
    const row = (x, cells) => `${x.id};1;${local(x.sent_at)};${local(x.submitted_at)};citizen;${cells}`;
    assert.equal(svar, lines([
      'svar_id;version;skickad;inskickad;besvarad_av;q1;q2;q3;q4;q5;q6;q7;q8;q9;q10;total;total_severity',
      row(a, '2;2;3;3;2;2;1;1;1;;17;moderately_severe'),
      row(b, '1;1;2;1;0;1;1;0;0;1;7;mild'),
      row(c, '0;0;0;0;0;0;0;0;0;;0;minimal'),
    ]));
    assert.equal(kodbok, lines([
      'variabel;text;typ;koder;versioner',
      'svar_id;Svarets id i Blankett;heltal;;1',
      'version;Mallens version som svaret gavs på;heltal;;1',
      'skickad;När formuläret skickades (svensk tid);datum och tid;;1',
      'inskickad;När svaret skickades in (svensk tid);datum och tid;;1',
      'besvarad_av;Vem som besvarade formuläret;kod;citizen=Personen själv | guardian=Vårdnadshavare | staff=Personal;1',
      `q1;Lite intresse eller glädje i att göra saker;kod;${FREQ};1`,
      `q2;Känt dig nedstämd, deprimerad eller känt att framtiden ser hopplös ut;kod;${FREQ};1`,
      `q3;Svårt att somna in eller störd sömn eller sovit för mycket;kod;${FREQ};1`,
      `q4;Känt dig trött eller haft ont om energi;kod;${FREQ};1`,
      `q5;Dålig aptit eller ätit för mycket;kod;${FREQ};1`,
      `q6;Dålig självkänsla – eller känt att du är misslyckad eller att du svikit dig själv eller din familj;kod;${FREQ};1`,
      `q7;Svårt att koncentrera dig, till exempel på att läsa tidningen eller titta på tv;kod;${FREQ};1`,
      `q8;Att du rört dig eller talat så långsamt att andra kunnat märka det? Eller motsatsen – att du varit så nervös eller rastlös att du rört dig mycket mer än vanligt;kod;${FREQ};1`,
      `q9;Tankar på att det vore bättre om du vore död eller att du skulle skada dig på något sätt;kod;${FREQ};1`,
      'q10;Om du har haft något av dessa problem, hur svårt har de gjort det för dig att utföra ditt arbete, ta hand om saker hemma eller komma överens med andra människor?;kod;0=Inte alls svårt | 1=Ganska svårt | 2=Mycket svårt | 3=Extremt svårt;1',
      'total;PHQ-9, summa;poäng;;1',
      'total_severity;PHQ-9, summa: PHQ-9 severity, Kroenke, Spitzer & Williams 2001;kod;minimal=Minimala eller inga symtom (0–4) | mild=Lindriga (5–9) | moderate=Måttliga (10–14) | moderately_severe=Måttligt svåra (15–19) | severe=Svåra (20–27);1',
    ]));

    const admin = await server.staff('admin');
    const made_ = (await admin.get('/api/v1/admin/audit?action=answers.export')).json.entries[0];
    assert.equal(made_.details, `csv export:${e.id} 3 answers state=COMPLETED template=${phq9} dates values=codes format=sv`);
    const read = (await admin.get('/api/v1/admin/audit?action=export.read')).json.entries[0];
    assert.deepEqual([read.target, read.details], [`export:${e.id}`, '3 answers']);
  });

  test('labels, the international format and who answered', async () => {
    const nurse = await server.staff('sjukskoterska');
    const today = day(mine[0].submitted_at);
    const { svar, kodbok } = await csv(nurse, `template=${phq9}&sent_from=${today}`, { values: 'labels', format: 'international', identify: true });
    const [a, b, c] = mine;
    const row = (x, who, cells) => `${x.id},1,${local(x.sent_at)},${local(x.submitted_at)},Personen själv,${who},${cells}`;
    const M = 'Mer än hälften av dagarna', N = 'Nästan varje dag', F = 'Flera dagar', I = 'Inte alls';
    assert.equal(svar, lines([
      'svar_id,version,skickad,inskickad,besvarad_av,personnummer,namn,q1,q2,q3,q4,q5,q6,q7,q8,q9,q10,total,total_severity',
      row(a, '19760102-2382,Anna Andersson', `${M},${M},${N},${N},${M},${M},${F},${F},${F},,17,Måttligt svåra`),
      row(b, '19760101-2391,Erik Svensson', `${F},${F},${M},${F},${I},${F},${F},${I},${I},Ganska svårt,7,Lindriga`),
      row(c, '19850101-2382,Sara Lind', `${I},${I},${I},${I},${I},${I},${I},${I},${I},,0,Minimala eller inga symtom`),
    ]));
    assert.match(kodbok, /\r\nq2,"Känt dig nedstämd, deprimerad eller känt att framtiden ser hopplös ut",kod,0=Inte alls \| 1=Flera dagar/);
    assert.match(kodbok, /\r\npersonnummer,Personnummer \(ÅÅÅÅMMDD-NNNN\),text,,1\r\n/);
    const admin = await server.staff('admin');
    const entry = (await admin.get('/api/v1/admin/audit?action=answers.export')).json.entries[0];
    assert.match(entry.details, / values=labels format=international identify$/);
    assert.doesNotMatch(JSON.stringify(entry), /19760102|Anna/);
  });

  test('a form with multiple choice over two versions: stable columns, empty where a version lacks one; a failed export', async () => {
    const designer = await server.staff('designer');
    const form = {
      format: 1, id: 'csv-uppfoljning', version: 1, languages: ['sv', 'en'],
      title: { sv: 'Uppföljning', en: 'Follow-up' },
      pages: [{ id: 'p1', title: { sv: 'Frågor', en: 'Questions' }, items: [
        { id: 'besvar', type: 'multiple_choice', title: { sv: 'Vilka besvär har du?', en: 'Which problems?' },
          choices: [{ value: 'huvud', label: { sv: 'Huvudvärk', en: 'Headache' } }, { value: 'rygg', label: { sv: 'Ryggont', en: 'Back pain' } }] },
        { id: 'vikt', type: 'decimal', title: { sv: 'Vikt', en: 'Weight' }, unit: 'kg' },
        { id: 'kommentar', type: 'textarea', title: { sv: 'Kommentar', en: 'Comment' } },
      ] }],
    };
    let r = await designer.post('/api/v1/templates', form);
    assert.equal(r.status, 201, r.text);
    const template = r.json.id;
    assert.equal((await designer.put(`/api/v1/templates/${template}/versions/1`, { state: 'published' })).status, 200);
    const nurse = await server.staff('sjukskoterska');
    const one = await send(nurse, template, people.anna, { besvar: ['rygg'], vikt: 72.5, kommentar: '=1+1; "ja"' });
    // Version 2: a new alternative, a new question, the comment gone.
    form.version = 2;
    form.pages[0].items[0].choices.push({ value: 'mage', label: { sv: 'Magont', en: 'Stomach ache' } });
    form.pages[0].items[2] = { id: 'sovit', type: 'yes_no', title: { sv: 'Har du sovit bra?', en: 'Slept well?' } };
    r = await designer.post('/api/v1/templates', form);
    assert.equal(r.status, 201, r.text);
    assert.equal((await designer.put(`/api/v1/templates/${template}/versions/2`, { state: 'published' })).status, 200);
    const two = await send(nurse, template, people.erik, { besvar: ['huvud', 'mage'], vikt: 80, sovit: true });

    const { svar, kodbok } = await csv(nurse, `template=${template}`, {});
    const row = (x, v, cells) => `${x.id};${v};${local(x.sent_at)};${local(x.submitted_at)};citizen;${cells}`;
    assert.equal(svar, lines([
      'svar_id;version;skickad;inskickad;besvarad_av;besvar_huvud;besvar_rygg;besvar_mage;vikt;kommentar;sovit',
      row(one, 1, `0;1;;72,5;"'=1+1; ""ja""";`),
      row(two, 2, '1;0;1;80;;1'),
    ]));
    assert.equal(kodbok, lines([
      'variabel;text;typ;koder;versioner',
      'svar_id;Svarets id i Blankett;heltal;;1 2',
      'version;Mallens version som svaret gavs på;heltal;;1 2',
      'skickad;När formuläret skickades (svensk tid);datum och tid;;1 2',
      'inskickad;När svaret skickades in (svensk tid);datum och tid;;1 2',
      'besvarad_av;Vem som besvarade formuläret;kod;citizen=Personen själv | guardian=Vårdnadshavare | staff=Personal;1 2',
      'besvar_huvud;Vilka besvär har du?: Huvudvärk;0/1;1=Vald | 0=Inte vald;1 2',
      'besvar_rygg;Vilka besvär har du?: Ryggont;0/1;1=Vald | 0=Inte vald;1 2',
      'besvar_mage;Vilka besvär har du?: Magont;0/1;1=Vald | 0=Inte vald;2',
      'vikt;Vikt (kg);decimaltal;;1 2',
      'kommentar;Kommentar;text;;1',
      'sovit;Har du sovit bra?;ja/nej;1=Ja | 0=Nej;2',
    ]));
    const labels = await csv(nurse, `template=${template}`, { values: 'labels', format: 'international' });
    assert.equal(labels.svar.split('\r\n')[2], `${two.id},2,${local(two.sent_at)},${local(two.submitted_at)},Personen själv,1,0,1,80,,Ja`);

    // A version that no longer loads (never expected): the export fails with a code and has no file.
    server.sql(`UPDATE template_versions SET definition = '{}' WHERE template_id = ${template} AND version = 1`);
    const made = await nurse.post(`/api/v1/answers/csv?template=${template}`, {});
    assert.equal(made.status, 202, made.text);
    const failed = await finished(nurse, made.json.export.id);
    assert.deepEqual([failed.state, failed.error], ['failed', 'export.form']);
    const refused = await nurse.get(`/api/v1/exports/${failed.id}/file`);
    assert.deepEqual([refused.status, refused.json.error.code], [409, 'export.failed']);
  });

  test('a running export has no file yet; deleting an answer deletes the CSV export that holds it', async () => {
    const nurse = await server.staff('sjukskoterska');
    const { e } = await csv(nurse, `template=${phq9}&sent_from=${day(mine[0].submitted_at)}`, {});
    server.sql(`UPDATE exports SET state = 'running' WHERE id = ${e.id}`);
    const r = await nurse.get(`/api/v1/exports/${e.id}/file`);
    assert.deepEqual([r.status, r.json.error.code], [409, 'export.running']);
    server.sql(`UPDATE exports SET state = 'ready' WHERE id = ${e.id}`);
    assert.equal((await nurse.delete(`/api/v1/answers/${mine[2].id}`)).status, 200);
    assert.equal(server.sql(`SELECT COUNT(*) FROM exports WHERE id = ${e.id}`), '0');
    assert.ok(!(await nurse.get('/api/v1/exports')).json.exports.some((x) => x.id === e.id));
  });
});

describe('several answers at once', () => {
  test('one PDF, each answer numbered on its own; a zip of PDFs; refusals; history and audit', async () => {
    const nurse = await server.staff('sjukskoterska');
    const phq9 = (await nurse.get('/api/v1/templates')).json.templates.find((t) => t.form_id === 'phq-9').id;
    const a = await send(nurse, phq9, people.anna, sample('phq-9', 'answers/valid-mild.json').answers);
    const b = await send(nurse, phq9, people.erik, sample('phq-9', 'answers/maximum.json').answers);

    let r = await nurse.post('/api/v1/answers/pdf', { answers: [a.id, 99999999] });
    assert.deepEqual([r.status, r.json.error.code], [404, 'not_found']);
    assert.doesNotMatch(r.text, /99999999/);
    r = await nurse.post('/api/v1/answers/pdf', { answers: Array.from({ length: 201 }, (_, i) => i + 1) });
    assert.deepEqual([r.status, r.json.error.code, r.json.error.field], [400, 'export.too_many', 'answers']);
    r = await nurse.post('/api/v1/answers/pdf', { answers: [] });
    assert.deepEqual([r.status, r.json.error.field], [400, 'answers']);
    const cancelled = await send(nurse, phq9, people.sara, null);
    assert.equal((await (await server.citizen(people.sara)).post(`/api/v1/citizen/forms/${cancelled.id}/cancel`)).status, 200);
    r = await nurse.post('/api/v1/answers/pdf', { answers: [a.id, cancelled.id] });
    assert.deepEqual([r.status, r.json.error.code, r.json.error.field], [409, 'form.state', 'answers.1']);

    // One answer alone, for its number of pages.
    const single = async (x) => pdfPages(saved((await download(nurse, (await nurse.post(`/api/v1/answers/${x.id}/pdf`)).json.export)).bytes, 'pdf'));
    const pagesA = await single(a), pagesB = await single(b);

    r = await nurse.post('/api/v1/answers/pdf', { answers: [a.id, b.id] });
    assert.equal(r.status, 201, r.text);
    const e = r.json.export;
    assert.deepEqual([e.kind, e.answers, e.state, e.done, e.total, e.error], ['pdf', 2, 'ready', 2, 2, null]);
    const got = await download(nurse, e);
    assert.equal(got.type, 'application/pdf');
    const pdf = saved(got.bytes, 'pdf');
    assert.equal(pdfPages(pdf), pagesA + pagesB);
    const words = pdfText(pdf).replace(/\s+/g, ' ');
    assert.match(words, /Anna Andersson/);
    assert.match(words, /Erik Svensson/);
    assert.match(words, new RegExp(`Sida ${pagesA} av ${pagesA} .*Sida 1 av ${pagesB}`));

    r = await nurse.post('/api/v1/answers/pdf', { answers: [b.id, a.id], format: 'zip' });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.export.kind, 'zip');
    const zip = await download(nurse, r.json.export);
    assert.equal(zip.type, 'application/zip');
    const zf = saved(zip.bytes, 'zip');
    assert.deepEqual(listing(zf), [`formularsvar-${b.id}.pdf`, `formularsvar-${a.id}.pdf`]);
    const inner = saved(execFileSync('unzip', ['-p', zf, `formularsvar-${a.id}.pdf`]), 'pdf');
    assert.equal(pdfPages(inner), pagesA);

    const events = (await nurse.get(`/api/v1/answers/${a.id}`)).json.events.filter((x) => x.kind === 'exported');
    assert.equal(events.length, 3);  // alone, in the PDF, in the zip
    const admin = await server.staff('admin');
    const log = (await admin.get('/api/v1/admin/audit?action=answer.export')).json.entries;
    assert.deepEqual(log.slice(0, 2).map((x) => [x.target, x.details]).sort(),
                     [[`instance:${a.id}`, `zip export:${r.json.export.id}`], [`instance:${b.id}`, `zip export:${r.json.export.id}`]]);

    // Deleting one answer deletes the exports that hold it, and only those.
    assert.equal((await nurse.delete(`/api/v1/answers/${a.id}`)).status, 200);
    assert.equal(server.sql(`SELECT COUNT(*) FROM exports WHERE id IN (${e.id}, ${r.json.export.id})`), '0');
  });
});

describe('expiry', () => {
  test('14 days later the job deletes a CSV export and a zip too (the test clock)', async () => {
    const nurse = await server.staff('sjukskoterska');
    const phq9 = (await nurse.get('/api/v1/templates')).json.templates.find((t) => t.form_id === 'phq-9').id;
    const a = await send(nurse, phq9, people.erik, sample('phq-9', 'answers/valid-mild.json').answers);
    const { e } = await csv(nurse, `template=${phq9}&sent_from=${day(a.sent_at)}`, {});
    const zip = (await nurse.post('/api/v1/answers/pdf', { answers: [a.id], format: 'zip' })).json.export;
    assert.equal((await nurse.put('/api/v1/test/clock', { now: zip.expires_at })).status, 200);
    await server.logged(new RegExp(` export\\.expired export=${e.id}$`, 'm'));
    await server.logged(new RegExp(` export\\.expired export=${zip.id}$`, 'm'));
    assert.equal(server.sql(`SELECT COUNT(*) FROM exports WHERE id IN (${e.id}, ${zip.id})`), '0');
  });
});
