// Runs the side-by-side benchmark and prints the table: Blankett natively and as wasm under node, and
// the JavaScript engines, on the same inputs, every engine's results checked before it is timed.
//   node bench/peers/run.mjs [--runs N] [--quick] [--json FILE]
// (scripts/bench-peers builds what it needs first.) Each figure is the median of N runs; the spread
// is the smallest and largest run; the ratio is the peer's median over Blankett's native median.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const runs = Number(args[args.indexOf('--runs') + 1]) || (quick ? 1 : 5);
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : null;
const input = path.join(root, 'build/peers');
const log = (s) => process.stderr.write(`${s}\n`);

log(`peers: inputs in ${path.relative(root, input)}`);
execFileSync(process.execPath, [path.join(root, 'bench/peers/inputs.mjs'), input], { stdio: ['ignore', 'ignore', 'inherit'] });

const rows = [];  // {engine, op, unit, median_ns, min_ns, max_ns, runs, extra}

// Google Benchmark's JSON (natively) or the wasm stand-in's: one entry per repetition.
function blankett(engine, command, commandArgs) {
  log(`peers: ${engine}`);
  const out = execFileSync(command, [...commandArgs, `--input=${input}`, '--benchmark_format=json', `--benchmark_repetitions=${runs}`,
    `--benchmark_min_time=${quick ? 0.01 : 0.3}`], {
    encoding: 'utf8', env: { ...process.env, BLANKETT_PEERS_INPUT: input }, maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const report = JSON.parse(out);
  const by = new Map();
  for (const b of report.benchmarks) {
    if (b.run_type !== 'iteration') continue;
    if (b.error_occurred) throw new Error(`${engine} ${b.name}: ${b.error_message}`);
    const name = b.run_name ?? b.name;
    if (!by.has(name)) by.set(name, []);
    by.get(name).push(b);
  }
  const expected = ['phq9/load', 'phq9/response', 'generated/load_and_evaluate', 'generated/evaluate', 'generated/change',
    'generated/enter_answers', 'pnr/validate'];
  for (const name of expected) {
    const list = by.get(name);
    if (!list) throw new Error(`${engine}: ${name} did not run (a wrong answer?)`);
    const times = list.map((b) => b.real_time * ({ ns: 1, us: 1e3, ms: 1e6, s: 1e9 }[b.time_unit ?? 'ns'])).sort((a, b) => a - b);
    const unit = { 'phq9/load': 'model', 'phq9/response': 'response', 'generated/load_and_evaluate': 'pass',
      'generated/evaluate': 'pass', 'generated/change': 'answer', 'generated/enter_answers': 'pass', 'pnr/validate': 'number' }[name];
    rows.push({ engine, op: name, unit, median_ns: times[Math.floor(times.length / 2)], min_ns: times[0], max_ns: times.at(-1), runs: times.length });
    const counters = list[0];
    if (counters.session_bytes !== undefined) {
      rows.push({ engine, op: `${name.split('/')[0]}/session_bytes`, unit: 'bytes', median_ns: counters.session_bytes,
        min_ns: counters.session_bytes, max_ns: counters.session_bytes, runs: 1 });
    }
  }
}

blankett('blankett', path.join(root, 'build/release/bench/blankett_peers'), []);
blankett('blankett-wasm', '/usr/bin/node', ['--no-experimental-fetch', path.join(root, 'build/wasm/bench/blankett_peers.js')]);

log('peers: JavaScript engines');
const peerOut = execFileSync(process.execPath, [path.join(root, 'bench/peers/node/run.mjs'), input, '--runs', String(runs), ...(quick ? ['--quick'] : [])],
  { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'inherit'] });
for (const line of peerOut.split('\n')) if (line.trim()) rows.push(JSON.parse(line));

// ---- The table ------------------------------------------------------------------------------------
const find = (engine, op) => rows.find((r) => r.engine === engine && r.op === op);
const fmt = (ns, unit) => {
  if (unit === 'bytes') return ns >= 1 << 20 ? `${(ns / (1 << 20)).toFixed(1)} MiB` : `${(ns / 1024).toFixed(1)} KiB`;
  if (ns >= 1e9) return `${(ns / 1e9).toFixed(2)} s`;
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(2)} µs`;
  return `${ns.toFixed(0)} ns`;
};
const workloads = [
  ['PHQ-9: one response, bytes or data to total, band and checks', 'phq9/response', [
    ['surveyjs', 'phq9.reused_model'], ['surveyjs', 'phq9.fresh_model'], ['formio', 'phq9.response'], ['fhirpath', 'phq9.response'], ['fhirpath', 'phq9.bytes'],
    ['json-logic', 'phq9.response'], ['handwritten', 'phq9.parsed'], ['handwritten', 'phq9.bytes']]],
  ['PHQ-9: load the form / build the model', 'phq9/load', [['surveyjs', 'phq9.build']]],
  ['PHQ-9: memory of one live session / model', 'phq9/session_bytes', [['surveyjs', 'phq9.heap']]],
  ['500 questions: load + one full evaluation', 'generated/load_and_evaluate', [['surveyjs', 'generated.build+validate']]],
  ['500 questions: one validation pass', 'generated/evaluate', [['surveyjs', 'generated.validate'], ['formio', 'generated.validate']]],
  ['500 questions: enter every answer one by one', 'generated/enter_answers', [['surveyjs', 'generated.enter_answers']]],
  ['500 questions: one answer change', 'generated/change', []],
  ['500 questions: memory of one live session / model', 'generated/session_bytes', [['surveyjs', 'generated.heap']]],
  ['Personnummer: validate one number (1,000,000 mixed)', 'pnr/validate', [['personnummer-npm', 'pnr.validate']]],
];
// SurveyJS's build + validate, as one figure (the server pattern for a large form).
{
  const b = find('surveyjs', 'generated.build');
  const v = find('surveyjs', 'generated.validate');
  if (b && v) rows.push({ engine: 'surveyjs', op: 'generated.build+validate', unit: 'pass', median_ns: b.median_ns + v.median_ns,
    min_ns: b.min_ns + v.min_ns, max_ns: b.max_ns + v.max_ns, runs: b.runs });
}

const lines = [];
const pad = (s, n) => String(s).padEnd(n);
const padl = (s, n) => String(s).padStart(n);
lines.push(`Blankett against the engines people use today (${os.cpus().length} cores, ${os.cpus()[0]?.model?.trim() ?? ''}, node ${process.version}; median of ${runs} run${runs > 1 ? 's' : ''})`);
lines.push('');
lines.push(`${pad('workload / engine', 56)}${padl('median', 12)}${padl('spread (min–max)', 24)}${padl('× Blankett', 12)}`);
for (const [title, op, peers] of workloads) {
  const base = find('blankett', op);
  lines.push(title);
  const show = (name, r) => {
    if (!r) return;
    const ratio = base && r.engine !== 'blankett' ? `${(r.median_ns / base.median_ns).toFixed(r.median_ns / base.median_ns >= 10 ? 0 : 1)}×` : '';
    const spread = r.runs > 1 ? `${fmt(r.min_ns, r.unit)} – ${fmt(r.max_ns, r.unit)}` : '';
    lines.push(`  ${pad(name, 54)}${padl(fmt(r.median_ns, r.unit), 12)}${padl(spread, 24)}${padl(ratio, 12)}`);
  };
  show('Blankett, native', base);
  show('Blankett, wasm under node', find('blankett-wasm', op));
  for (const [engine, peerOp] of peers) {
    const r = find(engine, peerOp);
    show(`${engine} (${peerOp})`, r);
    if (r?.disagree) lines.push(`    (${engine} judges ${r.disagree} of the numbers differently from the expected result)`);
  }
}
console.log(lines.join('\n'));
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(rows, null, 1));
