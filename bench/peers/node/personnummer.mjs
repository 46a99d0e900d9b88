// personnummer (npm) peer: Personnummer.valid(s) over the 1,000,000 numbers, compared with Blankett's expected validity.
//
// The package's defaults: coordination numbers (samordningsnummer) allowed, interim numbers not; the
// century of a 10-digit number is taken from today's date and the separator. Lines where the package
// disagrees with pnr-expected.txt are counted in "disagree" and the first 5 shown on stderr; they are
// neither a failure nor left out of the timing.
import Personnummer from 'personnummer';
import { log, timed } from './harness.mjs';

const ENGINE = 'personnummer-npm';

export function run(ctx, inputs) {
  const { numbers, expected } = inputs.pnr();
  const n = numbers.length;
  let disagree = 0;
  let checked = 0;
  for (let i = 0; i < n; ++i) {
    const got = Personnummer.valid(numbers[i]);
    if (got === expected[i]) ++checked;
    else if (++disagree <= 5) log(`  personnummer-npm disagrees on line ${i + 1}: ${numbers[i]} is ${got ? 'valid' : 'invalid'} to the package, ${expected[i] ? 'valid' : 'invalid'} to Blankett`);
  }
  if (disagree) log(`  personnummer-npm disagrees on ${disagree} of ${n} numbers`);
  timed(ctx, { engine: ENGINE, op: 'pnr.validate', unit: 'number', units: n, checked, extra: { disagree },
    warmedBy: 'the check of every number',
    pass: () => {
      let valid = 0;
      for (let i = 0; i < n; ++i) if (Personnummer.valid(numbers[i])) ++valid;
      return valid;
    } });
}
