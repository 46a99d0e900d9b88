// Checks docs/form.schema.json and docs/answers.schema.json (JSON Schema 2020-12) with ajv in strict mode:
// every samples/*/form.json must be a valid form, every samples/*/answers/*.json a valid answer document,
// and every tests/schema/bad/*.json must be rejected for its one mistake.
//
// Run from anywhere: node tests/schema/check_schema.mjs. Prints one line per file and a summary line;
// exits 1 on any failure.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const rel = (p) => relative(root, p);

// Where each bad form's one mistake is (an RFC 6901 pointer). Every error ajv reports for the file must
// be at that place or at one of its ancestors (a oneOf, an if/then around it), so that a bad form is
// rejected for its mistake and not for an accident elsewhere. A bad form not listed here only has to be
// rejected.
const expectedMistake = {
  'alert-severity-unknown.json': '/alerts/0/severity',
  'attachment-max-size-zero.json': '/pages/0/items/0/max_size',
  'band-range-without-max.json': '/scores/0/bands/0/ranges/1/max',
  'calculation-without-formula.json': '/calculations/0/formula',
  'choice-without-value.json': '/pages/0/items/0/choices/1/value',
  'format-2.json': '/format',
  'language-upper-case.json': '/languages/1',
  'missing-pages.json': '/pages',
  'next-without-page.json': '/pages/0/next/0/page',
  'profile-color-not-hex.json': '/profiles/0/axes/0/levels/0/color',
  'score-missing-policy-unknown.json': '/scores/0/missing/policy',
  'text-is-array.json': '/title',
  'unknown-item-type.json': '/pages/0/items/0/type',
  'version-not-integer.json': '/version',
};

let failures = 0;
const fail = (file, why) => {
  failures++;
  console.log(`FAIL ${file}: ${why}`);
};

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

// The place an error is about: the instance path, or for a missing key, the key's would-be path.
function errorPlace(e) {
  if (e.keyword === 'required') return `${e.instancePath}/${e.params.missingProperty}`;
  return e.instancePath;
}

function describe(errors, max = 3) {
  const shown = errors.slice(0, max).map((e) => `${e.instancePath || '/'} ${e.message}` +
    (e.keyword === 'enum' ? ` (${e.params.allowedValues.join(', ')})` : ''));
  if (errors.length > max) shown.push(`... ${errors.length - max} more`);
  return shown.join('; ');
}

function jsonFiles(dir) {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => join(dir, f));
}

const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);

let validateForm;
let validateAnswers;
for (const [name, set] of [
  ['docs/form.schema.json', (v) => { validateForm = v; }],
  ['docs/answers.schema.json', (v) => { validateAnswers = v; }],
]) {
  try {
    set(ajv.compile(readJson(join(root, name))));
    console.log(`ok   ${name} (compiles in strict mode)`);
  } catch (e) {
    fail(name, e.message);
  }
}
if (!validateForm || !validateAnswers) {
  console.log(`schema: ${failures} schema(s) do not compile`);
  process.exit(1);
}

function check(path, validate) {
  let doc;
  try {
    doc = readJson(path);
  } catch (e) {
    fail(rel(path), `not JSON: ${e.message}`);
    return;
  }
  if (validate(doc)) console.log(`ok   ${rel(path)}`);
  else fail(rel(path), describe(validate.errors));
}

// Samples: samples/<name>/form.json and samples/<name>/answers/*.json.
const samples = join(root, 'samples');
const sampleDirs = existsSync(samples)
  ? readdirSync(samples).sort().map((d) => join(samples, d)).filter((d) => statSync(d).isDirectory())
  : [];
let forms = 0;
let answerDocs = 0;
for (const dir of sampleDirs) {
  const form = join(dir, 'form.json');
  if (existsSync(form)) {
    forms++;
    check(form, validateForm);
  }
  for (const answers of jsonFiles(join(dir, 'answers'))) {
    answerDocs++;
    check(answers, validateAnswers);
  }
}

// Test forms the core loads without a diagnostic (all-types.json has one item of every type).
for (const form of jsonFiles(join(root, 'tests', 'core', 'data'))) {
  forms++;
  check(form, validateForm);
}

// Bad forms: each must be rejected, for its mistake.
const badFiles = jsonFiles(join(root, 'tests', 'schema', 'bad'));
let rejected = 0;
if (badFiles.length === 0) fail('tests/schema/bad', 'no bad forms found');
for (const path of badFiles) {
  const file = rel(path);
  let doc;
  try {
    doc = readJson(path);
  } catch (e) {
    fail(file, `not JSON: ${e.message}`);
    continue;
  }
  if (validateForm(doc)) {
    fail(file, 'accepted, but it must be rejected');
    continue;
  }
  const errors = validateForm.errors;
  const expected = expectedMistake[path.slice(path.lastIndexOf('/') + 1)];
  if (expected !== undefined) {
    const elsewhere = errors.filter((e) => !(expected === errorPlace(e) || expected.startsWith(`${errorPlace(e)}/`)));
    if (!errors.some((e) => errorPlace(e) === expected)) {
      fail(file, `rejected, but not at ${expected}: ${describe(errors)}`);
      continue;
    }
    if (elsewhere.length) {
      fail(file, `rejected at ${expected}, but also elsewhere: ${describe(elsewhere)}`);
      continue;
    }
  }
  rejected++;
  console.log(`ok   ${file} (rejected: ${describe(errors.filter((e) => errorPlace(e) === expected).concat(
    expected === undefined ? errors : []), 1)})`);
}

console.log(`schema: ${forms} forms, ${answerDocs} answer documents, ${rejected} bad forms rejected` +
  (failures ? `, ${failures} FAILED` : ''));
process.exit(failures ? 1 : 0);
