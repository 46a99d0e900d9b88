// The browser's WebAssembly module under node: a form session (follow-up questions, page checks,
// texts in both languages) and whole-document validation agreeing with every sample's golden result.
// usage: node --no-experimental-fetch module_test.mjs build/wasm/web/blankett-core.js
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const BlankettCore = require(path.resolve(process.argv[2]));
const core = await BlankettCore();
const read = (rel) => readFileSync(path.join(root, rel), 'utf8');
let checks = 0;

// A session over PHQ-9: q10 appears once a symptom is answered; leaving the page shows what is missing.
{
  const s = new core.FormSession(read('samples/phq-9/form.json'), '2026-11-30');
  assert.equal(s.ok(), true);
  const model = JSON.parse(s.model('sv'));
  assert.equal(model.form.title, 'Hälsoformulär (PHQ-9)');
  const q10 = model.pages[0].items.find((i) => i.id === 'q10');
  assert.equal(q10.visible, false);
  assert.equal(s.setAnswer('q3', '"2"'), true);
  let state = JSON.parse(s.state('en'));
  assert.equal(state.items.q10.visible, true);
  assert.equal(state.items.q10.number, 10);
  assert.deepEqual(state.items.q1.issues, [], 'no mandatory issues while typing');
  assert.equal(s.check('p1', true), true);
  state = JSON.parse(s.state('en'));
  assert.deepEqual(state.items.q1.issues.map((i) => i.text), ['Please answer this question.']);
  assert.deepEqual(state.items.q3.issues, []);
  assert.equal(s.setAnswer('q3', 'null'), true);
  state = JSON.parse(s.state('sv'));
  assert.equal(state.items.q10.visible, false, 'hidden again once no symptom is answered');
  assert.equal(s.setAnswer('nosuch', '"1"'), false);
  assert.equal(s.loadAnswers(JSON.stringify(JSON.parse(read('samples/phq-9/answers/valid-mild.json')).answers)), true);
  assert.match(s.printHtml('en'), /<span class="n">1\.<\/span> Little interest or pleasure in doing things<\/p><p class="a">Several days<\/p>/);
  const result = JSON.parse(s.result());
  assert.deepEqual(result, JSON.parse(read('samples/phq-9/expected/valid-mild.json')));
  s.delete();
  checks += 13;
}

// A form with errors: every diagnostic, located.
{
  const s = new core.FormSession('{"format": 1, "id": "x", "version": 1, "languages": ["sv"],\n "title": "X", "pages": [{"id": "p", "items": [{"id": "a", "type": "nosuch", "title": "A"}]}]}', '2026-11-30');
  assert.equal(s.ok(), false);
  const d = JSON.parse(s.diagnostics('en'));
  assert.equal(d[0].code, 'form.unknown_type');
  assert.equal(d[0].pointer, '/pages/0/items/0/type');
  assert.equal(d[0].line, 2);
  assert.equal(s.model('sv'), 'null');
  s.delete();
  checks += 4;
}

// Every sample answer document validated in wasm gives its golden result, byte for byte as JSON.
let documents = 0;
for (const sample of readdirSync(path.join(root, 'samples')).sort()) {
  const dir = path.join('samples', sample);
  if (!existsSync(path.join(root, dir, 'form.json'))) continue;
  const form = read(path.join(dir, 'form.json'));
  for (const file of readdirSync(path.join(root, dir, 'answers')).sort()) {
    const expectedPath = path.join(dir, 'expected', file);
    if (!existsSync(path.join(root, expectedPath))) continue;
    const got = JSON.parse(core.validateDocument(form, read(path.join(dir, 'answers', file)), '2026-06-01'));
    assert.deepEqual(got, JSON.parse(read(expectedPath)), `${dir}/answers/${file}`);
    ++documents;
  }
}
assert.ok(documents > 150, `only ${documents} documents`);
console.log(`wasm module: ${checks} session checks, ${documents} sample documents agree with their golden results`);
