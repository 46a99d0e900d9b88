// The shared part of the JavaScript peers: reading the inputs, checking results, timing and heap measurement, output.
import { readFileSync } from 'node:fs';
import path from 'node:path';

let sinkValue = 0;
// Keeps results alive so that the JIT cannot drop the work that produced them.
export function sink(v) {
  sinkValue = (sinkValue + (typeof v === 'number' ? v : v == null ? 0 : 1)) | 0;
}

export function log(...parts) {
  process.stderr.write(`${parts.join(' ')}\n`);
}

// A result that differs from the expected one ends the run with a clear message and a non-zero exit.
export function fail(engine, message) {
  process.stderr.write(`\nFAIL ${engine}: ${message}\n`);
  process.exit(1);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x) => Math.round(x * 10) / 10;

function emit(record, samples, started) {
  const line = {
    engine: record.engine, op: record.op, unit: record.unit,
    median_ns: round(median(samples)), min_ns: round(Math.min(...samples)), max_ns: round(Math.max(...samples)),
    runs: samples.length, checked: record.checked, ...(record.extra ?? {}),
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
  log(`  ${record.engine} ${record.op}: ${line.median_ns} ${record.unit === 'bytes' ? 'bytes' : 'ns'} per ${record.unit === 'bytes' ? 'model' : record.unit}` +
      ` (min ${line.min_ns}, max ${line.max_ns}, ${samples.length} runs, ${record.checked} checked; ${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

// Times `pass` (which does `units` units of work) ctx.runs times after one untimed warm-up pass and emits
// the time per unit. `setup`, when given, runs untimed before every pass and its result is passed to it.
// `warmedBy` names the checking pass that has just run the same code over the same inputs: it is the
// warm-up then, and no extra one is run.
export function timed(ctx, { engine, op, unit, units, checked, pass, setup, extra, warmedBy }) {
  const started = Date.now();
  log(`${engine} ${op}: ${units} ${unit}${units === 1 ? '' : 's'} per run, ${ctx.runs} run(s) after a warm-up${warmedBy ? ` (${warmedBy})` : ''}`);
  if (!warmedBy) sink(pass(setup ? setup() : undefined));
  const samples = [];
  for (let r = 0; r < ctx.runs; ++r) {
    const state = setup ? setup() : undefined;
    const t0 = process.hrtime.bigint();
    sink(pass(state));
    const t1 = process.hrtime.bigint();
    samples.push(Number(t1 - t0) / units);
  }
  emit({ engine, op, unit, checked, extra }, samples, started);
}

// Heap bytes per live object: `make(i)` is called `count` times and everything it returns is kept alive
// while the heap is measured after a full garbage collection. The result goes out with unit "bytes" and
// the byte counts in the median_ns / min_ns / max_ns fields (the schema's names; the values are bytes).
// Each run is a function call of its own, so that nothing of the previous run stays reachable from a stale
// stack slot, and starts after the event loop has turned, so that garbage held by queued microtasks or
// timers is gone.
function heapOnce(count, make) {
  globalThis.gc();
  globalThis.gc();
  const before = process.memoryUsage().heapUsed;
  const live = new Array(count);
  for (let i = 0; i < count; ++i) live[i] = make(i);
  globalThis.gc();
  globalThis.gc();
  const after = process.memoryUsage().heapUsed;
  sink(live.length);
  return (after - before) / count;
}

export async function heap(ctx, { engine, op, count, make, checked }) {
  if (typeof globalThis.gc !== 'function') fail(engine, 'heap measurement needs node --expose-gc');
  const started = Date.now();
  log(`${engine} ${op}: ${count} live objects, ${ctx.runs} run(s) after a warm-up`);
  sink(make(0));
  const samples = [];
  for (let r = 0; r < ctx.runs; ++r) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    samples.push(heapOnce(count, make));
  }
  emit({ engine, op, unit: 'bytes', checked }, samples, started);
}

// ---- Inputs (written by bench/peers/inputs.mjs) ---------------------------------------------------
export function inputs(dir, quick) {
  const read = (name) => {
    try {
      return readFileSync(path.join(dir, name), 'utf8');
    } catch (e) {
      process.stderr.write(`cannot read ${path.join(dir, name)}: run node bench/peers/inputs.mjs ${dir} first\n`);
      process.exit(2);
    }
  };
  const lines = (text) => text.split('\n').filter((l) => l.length > 0);
  const phq9Count = quick ? 500 : 10000;
  const pnrCount = quick ? 50000 : Infinity;
  let phq9;
  let generated;
  let pnr;
  return {
    // PHQ-9: the answer documents' text, parsed, and the expected {total, band}.
    phq9() {
      if (!phq9) {
        const texts = lines(read('phq9.jsonl')).slice(0, phq9Count);
        const expected = lines(read('phq9-expected.jsonl')).slice(0, phq9Count).map((l) => JSON.parse(l));
        if (texts.length !== expected.length) fail('inputs', 'phq9.jsonl and phq9-expected.jsonl differ in length');
        phq9 = { form: JSON.parse(read('phq9-form.json')), texts, docs: texts.map((t) => JSON.parse(t)), expected };
      }
      return phq9;
    },
    // The 500-question form in Blankett's format, the answer document and the expected state.
    generated() {
      if (!generated) {
        generated = {
          form: JSON.parse(read('generated-form.json')),
          doc: JSON.parse(read('generated-answers.json')),
          expected: JSON.parse(read('generated-expected.json')),
        };
      }
      return generated;
    },
    // Personnummer: the numbers and the expected validity (true = valid).
    pnr() {
      if (!pnr) {
        const numbers = lines(read('pnr.txt')).slice(0, pnrCount);
        const expected = lines(read('pnr-expected.txt')).slice(0, pnrCount).map((l) => l === '1');
        if (numbers.length !== expected.length) fail('inputs', 'pnr.txt and pnr-expected.txt differ in length');
        pnr = { numbers, expected };
      }
      return pnr;
    },
  };
}

