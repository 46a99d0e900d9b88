// FHIRPath (fhirpath.js) peer: the PHQ-9 total as a FHIRPath expression over a FHIR R4 QuestionnaireResponse, the band mapped in JS.
//
// Each answer document becomes a QuestionnaireResponse before timing, shaped like Blankett's form: a group
// item "symptoms" holding q1..q9 and q10 at the top level when answered. Every answer is a valueCoding with
// the LOINC answer code of the choice (LA6568-5 ...) and, for choices with points, the R4
// ordinalValue extension (http://hl7.org/fhir/StructureDefinition/ordinalValue) carrying them.
// The total is one expression, compiled once with fhirpath.compile against the R4 model, using weight()
// (the FHIRPath / SDC function for a choice's ordinal value, which fhirpath.js reads from the extension):
//   QuestionnaireResponse.item.where(linkId = 'symptoms').item.answer.value.weight().sum()
// The op phq9.response_extension times the same total with the extension spelled out instead
// (...answer.value.extension('<ordinalValue>').value.sum()), which fhirpath.js runs about 1.5 times slower.
// The op phq9.bytes includes JSON.parse of the QuestionnaireResponse's text, as Blankett's figure
// starts from the answer document's bytes.
// FHIRPath has no band tables, so the band is mapped from the total in JS. Nothing else is computed: no
// validation (required answers) and no q10 visibility, only the score.
import fhirpath from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4/index.js';
import { fail, timed } from './harness.mjs';

const ENGINE = 'fhirpath';
const ORDINAL = 'http://hl7.org/fhir/StructureDefinition/ordinalValue';
export const TOTAL = `QuestionnaireResponse.item.where(linkId = 'symptoms').item.answer.value.extension('${ORDINAL}').value.sum()`;
export const TOTAL_WEIGHT = "QuestionnaireResponse.item.where(linkId = 'symptoms').item.answer.value.weight().sum()";

export const band = (total) =>
  total <= 4 ? 'minimal' : total <= 9 ? 'mild' : total <= 14 ? 'moderate' : total <= 19 ? 'moderately_severe' : 'severe';

// A converter from Blankett answer documents of `form` to R4 QuestionnaireResponses.
export function toQuestionnaireResponse(form) {
  const sets = new Map((form.choice_sets ?? []).map((s) => [s.id, s.choices]));
  const lang = form.languages[0];
  const codings = (item) => new Map((typeof item.choices === 'string' ? sets.get(item.choices) : item.choices).map((c) => [c.value, {
    ...(c.points !== undefined ? { extension: [{ url: ORDINAL, valueDecimal: c.points }] } : {}),
    system: c.code?.system, code: c.code?.code ?? c.value, display: c.label[lang],
  }]));
  const convert = (items, answers) => {
    const out = [];
    for (const item of items) {
      if (item.type === 'group') {
        const inner = convert(item.items, answers);
        if (inner.length) out.push({ linkId: item.id, text: item.title?.[lang], item: inner });
      } else if (item.type === 'single_choice' && answers[item.id] !== undefined) {
        const coding = item.codings.get(answers[item.id]);
        if (!coding) throw new Error(`${item.id}: no choice ${answers[item.id]}`);
        out.push({ linkId: item.id, text: item.title[lang], answer: [{ valueCoding: coding }] });
      }
    }
    return out;
  };
  const prepare = (items) => items.map((it) => (it.type === 'group' ? { ...it, items: prepare(it.items) } : it.type === 'single_choice' ? { ...it, codings: codings(it) } : it));
  const items = prepare(form.pages.flatMap((p) => p.items));
  return (doc, i) => ({
    resourceType: 'QuestionnaireResponse', id: `phq9-${i}`, status: 'completed',
    questionnaire: `urn:blankett:${form.id}|${form.version}`, authored: '2026-11-22',
    item: convert(items, doc.answers),
  });
}

export function run(ctx, inputs) {
  const phq9 = inputs.phq9();
  const n = phq9.docs.length;
  const convert = toQuestionnaireResponse(phq9.form);
  const responses = phq9.docs.map(convert);
  for (const [op, expression] of [['phq9.response', TOTAL_WEIGHT], ['phq9.response_extension', TOTAL]]) {
    const total = fhirpath.compile(expression, r4);
    for (let i = 0; i < n; ++i) {
      const got = total(responses[i]);
      const e = phq9.expected[i];
      if (got.length !== 1 || got[0] !== e.total || band(got[0]) !== e.band)
        fail(ENGINE, `${op} document ${i + 1}: total ${JSON.stringify(got)}, expected ${JSON.stringify(e)}`);
    }
    timed(ctx, { engine: ENGINE, op, unit: 'response', units: n, checked: n,
      pass: () => {
        let s = 0;
        for (let i = 0; i < n; ++i) {
          const t = total(responses[i])[0];
          s += t + band(t).length;
        }
        return s;
      } });
  }
  // From the bytes, as Blankett is timed: the QuestionnaireResponse's JSON text parsed, then the total.
  const texts = responses.map((r) => JSON.stringify(r));
  const total = fhirpath.compile(TOTAL_WEIGHT, r4);
  for (let i = 0; i < n; ++i) {
    const got = total(JSON.parse(texts[i]));
    if (got.length !== 1 || got[0] !== phq9.expected[i].total) fail(ENGINE, `phq9.bytes document ${i + 1}: total ${JSON.stringify(got)}`);
  }
  timed(ctx, { engine: ENGINE, op: 'phq9.bytes', unit: 'response', units: n, checked: n,
    pass: () => {
      let s = 0;
      for (let i = 0; i < n; ++i) {
        const t = total(JSON.parse(texts[i]))[0];
        s += t + band(t).length;
      }
      return s;
    } });
}
