// Form.io (@formio/core) peer: PHQ-9 written as a Form.io form, the 500-question form generated from Blankett's, run through processSync.
//
// @formio/core is Form.io's isomorphic processing engine (what the Form.io server runs on a submission):
// processSync walks the components with the "evaluator" processors (custom default values, calculations,
// logic, conditions, clearing hidden values, validation) over a plain data object, with no DOM. Idioms:
// - A single_choice item is a `radio` with `values` [{label, value}] and validate {required,
//   onlyAvailableItems}; yes_no a `radio` with the values true / false; integer a `number` with
//   validate {min, max} and the unit as its suffix; text a `textfield` with validate {maxLength}; date a
//   `datetime` without time whose widget has minDate. Labels are Swedish (Form.io keeps translations in
//   the renderer's i18n options, not in the form).
// - Calculations are components with `calculateValue` JavaScript (the builder's "JavaScript" tab) and
//   `calculateServer: true` (without it the server-side processing skips them); the PHQ-9 total and band
//   are a `number` and a `textfield`, the 500-question form's 50 calculations `hidden` components.
//   Form.io evaluates a JavaScript string by building a new Function for every evaluation.
// - Visibility is a JavaScript `customConditional` too (`show = data.total > 0;`; `points(qN) > 0` becomes
//   `show = ({"0":0,"1":1,"2":2,"3":3})[data.qN] > 0;`). The op generated.validate_simple runs the same
//   form with the builder's "Simple" conditionals instead (qN isEqual "1", "2" or "3", no JavaScript):
//   each condition looks its component up by walking the whole form (form.components, passed in the
//   context as the Form.io server does), which costs about 25 times more on the 500-question form.
// - Order matters: processSync handles components in order, so the total and band come before q10 and the
//   calculations after the questions. A hidden component's value is removed from the data (clearOnHide)
//   before later calculations read it, so `value_or(q1, 0)` is simply `(data.q1 ?? 0)`: Blankett's
//   "hidden is null" holds without repeating the condition.
// - processSync mutates the data (calculated values go in, hidden values go out), so each response is
//   processed on a shallow copy of its answers (the copy is part of the timed work).
import { processSync, ProcessTargets } from '@formio/core';
import { parseExpression, itemsById } from './blankett-expr.mjs';
import { fail, timed } from './harness.mjs';

const ENGINE = 'formio';

// ---- PHQ-9, written by hand -----------------------------------------------------------------------
const frequency = [
  { label: 'Inte alls', value: '0' },
  { label: 'Flera dagar', value: '1' },
  { label: 'Mer än hälften av dagarna', value: '2' },
  { label: 'Nästan varje dag', value: '3' },
];
const symptom = (key, label) => ({ type: 'radio', key, label, input: true, values: frequency, validate: { required: true, onlyAvailableItems: true } });
export const phq9Form = {
  title: 'Hälsoformulär (PHQ-9)',
  name: 'phq9',
  path: 'phq9',
  display: 'form',
  components: [
    { type: 'htmlelement', key: 'intro', input: false, tag: 'p', content: 'Under de senaste 2 veckorna, hur ofta har du besvärats av något av följande problem?' },
    { type: 'panel', key: 'symptoms', input: false, title: 'Besvär under de senaste 2 veckorna', components: [
      symptom('q1', 'Lite intresse eller glädje i att göra saker'),
      symptom('q2', 'Känt dig nedstämd, deprimerad eller känt att framtiden ser hopplös ut'),
      symptom('q3', 'Svårt att somna in eller störd sömn eller sovit för mycket'),
      symptom('q4', 'Känt dig trött eller haft ont om energi'),
      symptom('q5', 'Dålig aptit eller ätit för mycket'),
      symptom('q6', 'Dålig självkänsla – eller känt att du är misslyckad eller att du svikit dig själv eller din familj'),
      symptom('q7', 'Svårt att koncentrera dig, till exempel på att läsa tidningen eller titta på tv'),
      symptom('q8', 'Att du rört dig eller talat så långsamt att andra kunnat märka det? Eller motsatsen – att du varit så nervös eller rastlös att du rört dig mycket mer än vanligt'),
      symptom('q9', 'Tankar på att det vore bättre om du vore död eller att du skulle skada dig på något sätt'),
    ] },
    { type: 'number', key: 'total', label: 'PHQ-9, summa', input: true, disabled: true, calculateServer: true,
      calculateValue: "value = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9'].reduce(function (sum, key) { return sum + Number(data[key]); }, 0);" },
    { type: 'textfield', key: 'band', label: 'Svårighetsgrad', input: true, disabled: true, calculateServer: true,
      calculateValue: "value = data.total <= 4 ? 'minimal' : data.total <= 9 ? 'mild' : data.total <= 14 ? 'moderate' : data.total <= 19 ? 'moderately_severe' : 'severe';" },
    { type: 'checkbox', key: 'suicidal_thoughts', label: 'Larm: fråga 9', input: true, disabled: true, calculateServer: true,
      calculateValue: "value = Number(data.q9) > 0;" },
    { type: 'radio', key: 'q10', input: true, validate: { onlyAvailableItems: true },
      label: 'Om du har haft något av dessa problem, hur svårt har de gjort det för dig att utföra ditt arbete, ta hand om saker hemma eller komma överens med andra människor?',
      values: [
        { label: 'Inte alls svårt', value: '0' },
        { label: 'Ganska svårt', value: '1' },
        { label: 'Mycket svårt', value: '2' },
        { label: 'Extremt svårt', value: '3' },
      ],
      customConditional: 'show = data.total > 0;' },
  ],
};

// ---- The 500-question form, generated from Blankett's format -------------------------------------
export function generatedForm(form, { simple = false } = {}) {
  const items = itemsById(form);
  const lang = form.languages[0];
  const ref = (id) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(id) ? `data.${id}` : `data[${JSON.stringify(id)}]`);
  // Blankett expression -> JavaScript over `data` (null / undefined for unanswered and hidden items).
  const js = (ast) => {
    switch (ast.k) {
      case 'num': return String(ast.v);
      case 'str': return JSON.stringify(ast.v);
      case 'bool': return String(ast.v);
      case 'null': return 'null';
      case 'ref': return ref(ast.id);
      case 'neg': return `(-${js(ast.a)})`;
      case 'not': return `(!${js(ast.a)})`;
      case 'bin': {
        const op = { '=': '===', '!=': '!==', and: '&&', or: '||' }[ast.op] ?? ast.op;
        return `(${js(ast.a)} ${op} ${js(ast.b)})`;
      }
      case 'call':
        if (ast.fn === 'points') {
          const item = items.get(ast.args[0].id);
          if (!item || item.type !== 'single_choice') throw new Error(`points() of ${ast.args[0].id}`);
          return `${JSON.stringify(Object.fromEntries(item.choices.map((c) => [c.value, c.points])))}[${ref(item.id)}]`;
        }
        if (ast.fn === 'sum') return `[${ast.args.map(js).join(', ')}].reduce(function (s, v) { return v == null ? s : s + v; }, 0)`;
        if (ast.fn === 'value_or') return `(${js(ast.args[0])} ?? ${js(ast.args[1])})`;
        throw new Error(`no Form.io translation for ${ast.fn}()`);
      default: throw new Error(`no Form.io translation for ${ast.k}`);
    }
  };
  // visible_if -> a JavaScript customConditional (simple: false), or with simple: true the builder's simple
  // conditional where the expression has one (points(q) > n: q isEqual any value with more points).
  const conditional = (text) => {
    const ast = parseExpression(text);
    if (simple && ast.k === 'bin' && ast.op === '>' && ast.b.k === 'num' && ast.a.k === 'call' && ast.a.fn === 'points') {
      const item = items.get(ast.a.args[0].id);
      const values = item.choices.filter((c) => c.points > ast.b.v).map((c) => c.value);
      return { conditional: { show: true, conjunction: 'any', conditions: values.map((v) => ({ component: item.id, operator: 'isEqual', value: v })) } };
    }
    if (simple) throw new Error(`no simple conditional for ${text}`);
    return { customConditional: `show = ${js(ast)};` };
  };
  const component = (item) => {
    const c = { key: item.id, label: item.title[lang], input: true };
    const validate = item.mandatory ? { required: true } : {};
    const cond = item.visible_if ? conditional(item.visible_if) : {};
    switch (item.type) {
      case 'single_choice':
        return { type: 'radio', ...c, values: item.choices.map((x) => ({ label: x.label[lang], value: x.value })), validate: { ...validate, onlyAvailableItems: true }, ...cond };
      case 'yes_no':
        return { type: 'radio', ...c, values: [{ label: 'Ja', value: true }, { label: 'Nej', value: false }], validate: { ...validate, onlyAvailableItems: true }, ...cond };
      case 'integer':
        return { type: 'number', ...c, suffix: item.unit, decimalLimit: 0, validate: { ...validate, min: item.min, max: item.max }, ...cond };
      case 'text':
        return { type: 'textfield', ...c, validate: { ...validate, maxLength: item.max_length }, ...cond };
      case 'date':
        return { type: 'datetime', ...c, enableTime: false, format: 'yyyy-MM-dd', validate, ...cond,
          widget: { type: 'calendar', enableTime: false, format: 'yyyy-MM-dd', minDate: item.min ?? null, maxDate: item.max ?? null } };
      default: throw new Error(`no Form.io translation for item type ${item.type}`);
    }
  };
  return {
    title: form.title[lang], name: form.id, path: form.id, display: 'wizard',
    components: [
      ...form.pages.map((p) => ({ type: 'panel', key: p.id, title: p.title?.[lang] ?? p.id, input: false, components: p.items.map((it) => component(items.get(it.id))) })),
      { type: 'panel', key: 'calculations', title: 'Beräkningar', input: false, components: form.calculations.map((c) =>
        ({ type: 'hidden', key: c.id, label: c.title[lang], input: true, calculateServer: true, calculateValue: `value = ${js(parseExpression(c.formula))};` })) },
    ],
  };
}

// One submission through Form.io's evaluator processors; returns the scope (errors, conditionals, ...) and the data.
function processOne(form, answers) {
  const data = { ...answers };
  const scope = processSync({ form, components: form.components, data, processors: ProcessTargets.evaluator, scope: {}, config: { server: true } });
  return { scope, data };
}

const hiddenPaths = (scope) => new Set((scope.conditionals ?? []).filter((c) => c.conditionallyHidden).map((c) => c.path));

// ---- Ops --------------------------------------------------------------------------------------------
export function run(ctx, inputs) {
  const phq9 = inputs.phq9();
  const answers = phq9.docs.map((d) => d.answers);
  const n = answers.length;
  for (let i = 0; i < n; ++i) {
    const { scope, data } = processOne(phq9Form, answers[i]);
    const e = phq9.expected[i];
    const q10 = !hiddenPaths(scope).has('q10');
    if (scope.errors.length || data.total !== e.total || data.band !== e.band || q10 !== e.total > 0 || data.suicidal_thoughts !== answers[i].q9 > '0')
      fail(ENGINE, `PHQ-9 document ${i + 1}: got total ${data.total}, band ${data.band}, q10 shown ${q10}, ${scope.errors.length} errors; expected ${JSON.stringify(e)}`);
  }
  const count = ctx.quick ? n : Math.min(n, 2000);
  let offset = 0;
  timed(ctx, { engine: ENGINE, op: 'phq9.response', unit: 'response', units: count, checked: n,
    pass: () => {
      let s = 0;
      for (let k = 0; k < count; ++k) {
        const { scope, data } = processOne(phq9Form, answers[(offset + k) % n]);
        s += data.total + data.band.length + scope.errors.length;
      }
      offset += count;
      return s;
    } });

  const gen = inputs.generated();
  const check = (form) => {
    const { scope, data } = processOne(form, gen.doc.answers);
    if (scope.errors.length) fail(ENGINE, `generated: validation errors ${scope.errors.slice(0, 5).map((e) => `${e.context.path}: ${e.ruleName}`).join('; ')}`);
    const hidden = hiddenPaths(scope);
    const visible = [...itemsById(gen.form).keys()].filter((id) => !hidden.has(id));
    if (JSON.stringify(visible) !== JSON.stringify(gen.expected.visible))
      fail(ENGINE, `generated: ${visible.length} visible questions, expected ${gen.expected.visible.length}`);
    for (const [id, want] of Object.entries(gen.expected.calculations)) {
      if (data[id] !== want) fail(ENGINE, `generated: ${id} = ${data[id]}, expected ${want}`);
    }
    return 1 + Object.keys(gen.expected.calculations).length;
  };
  const variants = [['generated.validate', generatedForm(gen.form), ctx.quick ? 5 : 20],
    ['generated.validate_simple', generatedForm(gen.form, { simple: true }), ctx.quick ? 1 : 2]];
  for (const [op, form, count] of variants) {
    const checked = check(form);
    timed(ctx, { engine: ENGINE, op, unit: 'response', units: count, checked,
      pass: () => {
        let s = 0;
        for (let k = 0; k < count; ++k) {
          const { scope, data } = processOne(form, gen.doc.answers);
          s += scope.errors.length + data.c0;
        }
        return s;
      } });
  }
}
