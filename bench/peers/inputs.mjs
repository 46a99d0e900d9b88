// The shared inputs of the side-by-side benchmark, written once into a folder that every engine reads,
// with the expected results that every engine is checked against before it is timed.
//   node bench/peers/inputs.mjs build/peers
// Writes:
//   phq9-form.json            Blankett's PHQ-9 (samples/phq-9/form.json)
//   phq9.jsonl                10,000 answer documents: q1-q9 random "0"-"3", q10 "1" when the total is above 0
//   phq9-expected.jsonl       per document {total, band}
//   generated-form.json       500 questions on 5 pages, 200 follow-up conditions, 50 calculations
//   generated-answers.json    an answer document with an answer to every question (450 of them visible)
//   generated-expected.json   {visible: [ids], calculations: {c0: n, ...}}
//   pnr.txt                   1,000,000 personnummer, one per line, a fixed mix of valid and invalid
//   pnr-expected.txt          per line 1 (valid) or 0
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rng } from './rng.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const out = path.resolve(process.argv[2] ?? path.join(root, 'build/peers'));
mkdirSync(out, { recursive: true });

// ---- PHQ-9 ----------------------------------------------------------------------------------------
const phq9Text = readFileSync(path.join(root, 'samples/phq-9/form.json'), 'utf8');
const phq9 = JSON.parse(phq9Text);
writeFileSync(path.join(out, 'phq9-form.json'), phq9Text);
const ranges = phq9.scores[0].bands[0].ranges;
const band = (total) => ranges.find((r) => total >= r.min && total <= r.max).code;
{
  const r = rng(2026);
  const docs = [];
  const expected = [];
  for (let d = 0; d < 10000; ++d) {
    const answers = {};
    let total = 0;
    for (let q = 1; q <= 9; ++q) {
      const v = Math.floor(r() * 4);
      total += v;
      answers[`q${q}`] = String(v);
    }
    if (total > 0) answers.q10 = '1';
    docs.push(JSON.stringify({ form: 'phq-9', version: 1, answers, meta: { language: 'sv' } }));
    expected.push(JSON.stringify({ total, band: band(total) }));
  }
  writeFileSync(path.join(out, 'phq9.jsonl'), `${docs.join('\n')}\n`);
  writeFileSync(path.join(out, 'phq9-expected.jsonl'), `${expected.join('\n')}\n`);
}

// ---- The generated 500-question form (the same as bench/core_bench.cpp builds) --------------------
{
  const items = 500;
  const calcs = 50;
  const perPage = items / 5;
  const text = (sv, en) => ({ sv, en });
  const form = {
    format: 1, id: 'generated', version: 1, languages: ['sv', 'en'], title: text('Stort formulär', 'Large form'),
    choice_sets: [{ id: 'freq', choices: ['Aldrig', 'Ibland', 'Ofta', 'Alltid'].map((sv, i) =>
      ({ value: String(i), points: i, label: text(sv, ['Never', 'Sometimes', 'Often', 'Always'][i]) })) }],
    pages: [],
    calculations: [],
  };
  for (let p = 0; p < 5; ++p) {
    const page = { id: `p${p}`, items: [] };
    for (let i = 0; i < perPage; ++i) {
      const n = p * perPage + i;
      const base = { id: `q${n}`, title: text(`Fråga ${n}`, `Question ${n}`) };
      const condition = `points(q${n - (n % 5)}) > 0`;
      switch (n % 5) {
        case 0: page.items.push({ ...base, type: 'single_choice', mandatory: true, choices: 'freq' }); break;
        case 1: page.items.push({ ...base, type: 'integer', min: 0, max: 120, unit: 'min', visible_if: condition }); break;
        case 2: page.items.push({ ...base, type: 'text', max_length: 200, visible_if: condition }); break;
        case 3: page.items.push({ ...base, type: 'date', min: '1900-01-01' }); break;
        default: page.items.push({ ...base, type: 'yes_no', mandatory: true }); break;
      }
    }
    form.pages.push(page);
  }
  for (let j = 0; j < calcs; ++j) {
    const b = j * 10;
    form.calculations.push({ id: `c${j}`, title: text('C', 'C'),
      formula: `sum(points(q${b}), points(q${b + 5}), points(q${(b + 250) % items}), points(q${(b + 255) % items})) + value_or(q${b + 1}, 0)` });
  }
  const answers = {};
  const choice = (n) => (Math.floor(n / 5)) % 4;
  for (let n = 0; n < items; ++n) {
    switch (n % 5) {
      case 0: answers[`q${n}`] = String(choice(n)); break;
      case 1: answers[`q${n}`] = n % 121; break;
      case 2: answers[`q${n}`] = `Svar på fråga ${n}`; break;
      case 3: answers[`q${n}`] = '2026-11-22'; break;
      default: answers[`q${n}`] = n % 2 === 1; break;
    }
  }
  const visible = [];
  for (let n = 0; n < items; ++n) {
    const follow = n % 5 === 1 || n % 5 === 2;
    if (!follow || choice(n - (n % 5)) > 0) visible.push(`q${n}`);
  }
  const calculations = {};
  for (let j = 0; j < calcs; ++j) {
    const b = j * 10;
    const pts = [b, b + 5, (b + 250) % items, (b + 255) % items].reduce((s, n) => s + choice(n), 0);
    calculations[`c${j}`] = pts + (choice(b) > 0 ? (b + 1) % 121 : 0);
  }
  writeFileSync(path.join(out, 'generated-form.json'), JSON.stringify(form));
  writeFileSync(path.join(out, 'generated-answers.json'), JSON.stringify({ form: 'generated', version: 1, answers }));
  writeFileSync(path.join(out, 'generated-expected.json'), JSON.stringify({ visible, calculations }));
}

// ---- Personnummer ---------------------------------------------------------------------------------
{
  const pins = JSON.parse(readFileSync(path.join(root, 'tests/data/external/personnummer/personnummer-meta-allPins.json'), 'utf8'));
  const r = rng(46);
  const lines = [];
  const expected = [];
  for (let i = 0; i < 1_000_000; ++i) {
    const p = pins[Math.floor(r() * pins.length)];
    const kind = Math.floor(r() * 4);
    if (kind === 0) { lines.push(p); expected.push(1); }                                         // YYYYMMDDNNNC
    else if (kind === 1) { lines.push(`${p.slice(0, 8)}-${p.slice(8)}`); expected.push(1); }      // YYYYMMDD-NNNC
    else if (kind === 2) { lines.push(`${p.slice(0, 11)}${(Number(p[11]) + 1) % 10}`); expected.push(0); }  // wrong check digit
    else { lines.push(`${p.slice(0, 4)}13${p.slice(6)}`); expected.push(0); }                    // month 13
  }
  writeFileSync(path.join(out, 'pnr.txt'), `${lines.join('\n')}\n`);
  writeFileSync(path.join(out, 'pnr-expected.txt'), `${expected.join('\n')}\n`);
}
console.log(`inputs written to ${out}`);
