// JSON Logic (json-logic-js) peer: the PHQ-9 total and band as JSON Logic rules over the parsed answers object.
//
// JSON Logic has no variables, so the total and the band are two rules applied in turn: the total over the
// answers ("+" turns the answer strings "0".."3" into numbers with parseFloat), then the band over
// {total}. Writing it as one rule would repeat the sum in every branch of the band's "if". Nothing else is
// computed: no validation (required answers) and no q10 visibility (a third rule would be needed for each).
import jsonLogic from 'json-logic-js';
import { fail, timed } from './harness.mjs';

const ENGINE = 'json-logic';

export const totalRule = { '+': ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9'].map((q) => ({ var: q })) };
export const bandRule = { if: [
  { '<=': [{ var: 'total' }, 4] }, 'minimal',
  { '<=': [{ var: 'total' }, 9] }, 'mild',
  { '<=': [{ var: 'total' }, 14] }, 'moderate',
  { '<=': [{ var: 'total' }, 19] }, 'moderately_severe',
  'severe',
] };

export function evaluate(answers) {
  const total = jsonLogic.apply(totalRule, answers);
  return { total, band: jsonLogic.apply(bandRule, { total }) };
}

export function run(ctx, inputs) {
  const phq9 = inputs.phq9();
  const answers = phq9.docs.map((d) => d.answers);
  const n = answers.length;
  for (let i = 0; i < n; ++i) {
    const r = evaluate(answers[i]);
    const e = phq9.expected[i];
    if (r.total !== e.total || r.band !== e.band) fail(ENGINE, `PHQ-9 document ${i + 1}: got ${JSON.stringify(r)}, expected ${JSON.stringify(e)}`);
  }
  timed(ctx, { engine: ENGINE, op: 'phq9.response', unit: 'response', units: n, checked: n,
    pass: () => {
      let s = 0;
      for (let i = 0; i < n; ++i) {
        const r = evaluate(answers[i]);
        s += r.total + r.band.length;
      }
      return s;
    } });
}
