// Handwritten peer: PHQ-9 as a plain JavaScript function (total, band, q10 visibility, required and allowed answers), the floor for JS.
//
// What it checks is what Blankett's validation reports for PHQ-9: q1..q9 mandatory and one of "0".."3";
// q10, shown only when the total is above 0, optional and one of "0".."3" when shown (a hidden q10's
// answer is ignored). It does not report unknown answer keys or build messages, as Blankett does.
// phq9.parsed starts from the parsed answers object; phq9.bytes from the document's text (JSON.parse).
import { fail, timed } from './harness.mjs';

const ENGINE = 'handwritten';
const SYMPTOMS = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9'];

const points = (v) => {
  switch (v) {
    case '0': return 0;
    case '1': return 1;
    case '2': return 2;
    case '3': return 3;
    default: return -1;
  }
};

export function phq9(answers) {
  let total = 0;
  let valid = true;
  for (let i = 0; i < SYMPTOMS.length; ++i) {
    const p = points(answers[SYMPTOMS[i]]);  // undefined (missing) and unknown values are -1
    if (p < 0) valid = false;
    else total += p;
  }
  const q10Visible = total > 0;
  if (q10Visible && answers.q10 !== undefined && points(answers.q10) < 0) valid = false;
  const band = total <= 4 ? 'minimal' : total <= 9 ? 'mild' : total <= 14 ? 'moderate' : total <= 19 ? 'moderately_severe' : 'severe';
  return { valid, total: valid ? total : null, band: valid ? band : null, q10Visible, alert: points(answers.q9) > 0 };
}

export function run(ctx, inputs) {
  const doc = inputs.phq9();
  const n = doc.docs.length;
  const answers = doc.docs.map((d) => d.answers);
  for (let i = 0; i < n; ++i) {
    for (const [how, r] of [['parsed', phq9(answers[i])], ['bytes', phq9(JSON.parse(doc.texts[i]).answers)]]) {
      const e = doc.expected[i];
      if (!r.valid || r.total !== e.total || r.band !== e.band || r.q10Visible !== e.total > 0)
        fail(ENGINE, `PHQ-9 (${how}) document ${i + 1}: got ${JSON.stringify(r)}, expected ${JSON.stringify(e)}`);
    }
  }
  timed(ctx, { engine: ENGINE, op: 'phq9.parsed', unit: 'response', units: n, checked: n,
    pass: () => {
      let s = 0;
      for (let i = 0; i < n; ++i) s += phq9(answers[i]).total;
      return s;
    } });
  timed(ctx, { engine: ENGINE, op: 'phq9.bytes', unit: 'response', units: n, checked: n,
    pass: () => {
      let s = 0;
      for (let i = 0; i < n; ++i) s += phq9(JSON.parse(doc.texts[i]).answers).total;
      return s;
    } });
}
