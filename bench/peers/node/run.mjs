// Runs the JavaScript peers of the side-by-side benchmark and prints one JSON object per op on stdout.
//   node bench/peers/node/run.mjs INPUT_DIR [--runs N] [--quick] [--engine NAME]
// INPUT_DIR is written by `node bench/peers/inputs.mjs INPUT_DIR`. Every engine's results are checked
// against the expected ones before it is timed; a mismatch exits non-zero. Each engine runs in a child
// process of its own (node --expose-gc, for the heap ops), so that one engine's garbage and JIT state do
// not fall on the next; --engine runs one of them in this process. Progress goes to stderr.
// Output, one line per op: {"engine", "op", "unit", "median_ns", "min_ns", "max_ns", "runs", "checked"}
// with the time per unit (ns); ops with unit "bytes" carry heap bytes in the *_ns fields instead.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inputs, log } from './harness.mjs';

const ENGINES = {
  handwritten: () => import('./handwritten.mjs'),
  'json-logic': () => import('./json-logic.mjs'),
  fhirpath: () => import('./fhirpath.mjs'),
  surveyjs: () => import('./surveyjs.mjs'),
  formio: () => import('./formio.mjs'),
  'personnummer-npm': () => import('./personnummer.mjs'),
};

function usage(message) {
  process.stderr.write(`${message}\nusage: node bench/peers/node/run.mjs INPUT_DIR [--runs N] [--quick] [--engine ${Object.keys(ENGINES).join('|')}]\n`);
  process.exit(2);
}

const argv = process.argv.slice(2);
let inputDir;
let runs = 5;
let quick = false;
let engine;
for (let i = 0; i < argv.length; ++i) {
  const a = argv[i];
  if (a === '--quick') quick = true;
  else if (a === '--runs') runs = Number(argv[++i]);
  else if (a === '--engine') engine = argv[++i];
  else if (a.startsWith('--')) usage(`unknown option ${a}`);
  else if (inputDir === undefined) inputDir = a;
  else usage(`unexpected argument ${a}`);
}
if (inputDir === undefined) usage('INPUT_DIR is missing');
if (!Number.isInteger(runs) || runs < 1) usage('--runs takes a whole number of at least 1');
if (quick) runs = 1;
if (engine !== undefined && !(engine in ENGINES)) usage(`unknown engine ${engine}`);

if (engine === undefined) {
  const self = fileURLToPath(import.meta.url);
  const started = Date.now();
  for (const name of Object.keys(ENGINES)) {
    const args = ['--expose-gc', self, inputDir, '--runs', String(runs), '--engine', name, ...(quick ? ['--quick'] : [])];
    const child = spawnSync(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    if (child.status !== 0) {
      process.stderr.write(`run.mjs: the ${name} peer failed (exit ${child.status ?? child.signal})\n`);
      process.exit(child.status || 1);
    }
  }
  log(`all peers done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} else {
  const started = Date.now();
  const mod = await ENGINES[engine]();
  await mod.run({ runs, quick }, inputs(path.resolve(inputDir), quick));
  log(`${engine} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
