// Agreement: thousands of random answer documents validated by the WebAssembly core in the browser and
// by the native core (the server's, through `blankett validate --lines`) give identical results.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { root } from '../api/server.mjs';
import { launchBrowser, newPage, startServer } from './harness.mjs';
import { rng } from '../../bench/peers/rng.mjs';

const TODAY = '2026-06-01';
const PER_FORM = 250;

let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const pnrs = JSON.parse(readFileSync(path.join(root, 'tests/data/external/personnummer/personnummer-meta-allPins.json'), 'utf8'));

function items(form) {
  const out = [];
  const walk = (list) => { for (const it of list) { out.push(it); if (it.items) walk(it.items); } };
  for (const p of form.pages) walk(p.items);
  return out;
}

function choiceValues(form, choices) {
  const list = typeof choices === 'string' ? form.choice_sets.find((c) => c.id === choices).choices : choices;
  return list.map((c) => c.value);
}

// One random value for an item: mostly plausible, sometimes wrong in type, range or format.
function value(form, it, r) {
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const int = (lo, hi) => lo + Math.floor(r() * (hi - lo + 1));
  const wrong = r() < 0.08;
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  switch (it.type) {
    case 'single_choice': return wrong ? pick(['x', '', 7, true]) : pick(choiceValues(form, it.choices));
    case 'multiple_choice': {
      if (wrong) return pick(['a', ['nope'], [1]]);
      const all = choiceValues(form, it.choices);
      return all.filter(() => r() < 0.4);
    }
    case 'yes_no': return wrong ? pick(['ja', 1]) : r() < 0.5;
    case 'integer':
    case 'decimal':
    case 'scale': {
      if (wrong) return pick(['12', 'abc', [], {}]);
      const lo = typeof it.min === 'number' ? it.min : 0;
      const hi = typeof it.max === 'number' ? it.max : 300;
      const x = lo - 2 + r() * (hi - lo + 4);
      return it.type === 'decimal' ? Math.round(x * 10) / 10 : Math.round(x);
    }
    case 'date': return wrong ? pick(['2026-02-30', '1.1.2020', 20260101]) : `${int(1990, 2030)}-${pad(int(1, 12))}-${pad(int(1, 28))}`;
    case 'time': return wrong ? pick(['25:00', '7']) : `${pad(int(0, 23))}:${pad(int(0, 59))}`;
    case 'month': return wrong ? pick(['2026-13', 'maj']) : `${int(2020, 2032)}-${pad(int(1, 12))}`;
    case 'week': return wrong ? pick(['2026-W54', 'v12']) : `${int(2020, 2030)}-W${pad(int(1, 52))}`;
    case 'datetime': return wrong ? pick(['2026-01-01 10:00', 'now']) : `${int(2020, 2030)}-${pad(int(1, 12))}-${pad(int(1, 28))}T${pad(int(0, 23))}:${pad(int(0, 59))}`;
    case 'email': return wrong ? pick(['anna', 'a@', 5]) : pick(['anna@example.se', 'a.b+c@d.org']);
    case 'phone': return wrong ? pick(['12', 'ring mig']) : pick(['070-123 45 67', '+46 8 123 456 78']);
    case 'url': return wrong ? pick(['www.1177.se', 'ftp://x']) : 'https://www.1177.se/';
    case 'personnummer': {
      const p = pick(pnrs);
      return wrong ? `${p.slice(0, 11)}${(Number(p[11]) + 1) % 10}` : p;
    }
    case 'matrix': {
      if (wrong) return pick(['x', { nosuch: 'a' }]);
      const cols = choiceValues(form, it.columns);
      const m = {};
      for (const row of it.rows) {
        if (r() < 0.3) continue;
        if (it.cell === 'checkbox') m[row.id] = cols.filter(() => r() < 0.5);
        else if (it.cell === 'text') m[row.id] = Object.fromEntries(cols.filter(() => r() < 0.6).map((c) => [c, 'x'.repeat(int(1, 120))]));
        else m[row.id] = pick(cols);
      }
      return m;
    }
    case 'attachment': return wrong ? pick(['file.pdf', { name: 'a' }])
      : { name: 'bild.png', media_type: pick(['image/png', 'application/pdf', 'text/plain']), size: int(1, 30_000_000) };
    case 'display':
    case 'group':
      return wrong ? 'svar' : undefined;
    default: {  // text, textarea
      if (wrong) return pick([42, ['a']]);
      const len = int(0, it.max_length ? it.max_length + 5 : 40);
      return pick(['å', 'a', 'Ö', ' ', '1', '-']).repeat(len);
    }
  }
}

function documents(form, seed) {
  const r = rng(seed);
  const list = items(form);
  const docs = [];
  for (let n = 0; n < PER_FORM; ++n) {
    const answers = {};
    for (const it of list) {
      if (r() < 0.2) continue;
      const v = value(form, it, r);
      if (v !== undefined) answers[it.id] = v;
    }
    const doc = { form: form.id, version: form.version, answers };
    if (r() < 0.3) doc.meta = { subject: pnrs[Math.floor(r() * pnrs.length)], language: r() < 0.5 ? 'sv' : 'en' };
    docs.push(JSON.stringify(doc));
  }
  return docs;
}

test('the browser\'s WebAssembly core and the native core agree on random answer documents', async () => {
  const page = await newPage(browser, 'desktop');
  await page.goto(server.url('/#/login'));
  await page.waitForFunction(() => typeof window.BlankettCore === 'function');
  const dir = mkdtempSync(path.join(tmpdir(), 'blankett-agree-'));
  let total = 0;
  let invalid = 0;
  try {
    const samples = readdirSync(path.join(root, 'samples')).filter((s) => existsSync(path.join(root, 'samples', s, 'form.json'))).sort();
    for (const [k, sample] of samples.entries()) {
      const formText = readFileSync(path.join(root, 'samples', sample, 'form.json'), 'utf8');
      const docs = documents(JSON.parse(formText), 1000 + k);
      // In the browser.
      const inBrowser = await page.evaluate(async ({ formText, docs, today }) => {
        const core = await window.BlankettCore();
        return docs.map((d) => core.validateDocument(formText, d, today));
      }, { formText, docs, today: TODAY });
      // Natively, as the server validates.
      const file = path.join(dir, `${sample}.jsonl`);
      writeFileSync(file, `${docs.join('\n')}\n`);
      let out;
      try {
        out = execFileSync(process.env.BLANKETT_BIN, ['validate', path.join(root, 'samples', sample, 'form.json'), file, '--lines',
          '--today', TODAY], { encoding: 'utf8', maxBuffer: 1 << 28 });
      } catch (e) {
        out = e.stdout;  // status 1: some documents are invalid
      }
      const native = out.trimEnd().split('\n');
      assert.equal(native.length, docs.length, sample);
      for (let i = 0; i < docs.length; ++i) {
        assert.deepEqual(JSON.parse(inBrowser[i]), JSON.parse(native[i]), `${sample} document ${i}: ${docs[i]}`);
        if (!JSON.parse(native[i]).valid) ++invalid;
      }
      total += docs.length;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await page.close();
  }
  assert.ok(total >= 3000, `${total} documents`);
  assert.ok(invalid > total / 10 && invalid < total, `${invalid} of ${total} invalid: the documents must mix valid and invalid`);
  console.log(`# agreement: ${total} random documents, ${invalid} of them invalid, identical results in the browser and natively`);
});
