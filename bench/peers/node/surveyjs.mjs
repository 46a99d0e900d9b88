// SurveyJS (survey-core) peer: PHQ-9 written in SurveyJS JSON, the 500-question form generated from Blankett's, and their ops.
//
// How the forms are written, and why (SurveyJS idioms):
// - A single_choice item is a `radiogroup` whose choice values are Blankett's values ("0".."3"). SurveyJS has
//   no per-choice points readable from expressions, so the idiom is to make the values the points: PHQ-9's
//   values already are, and the generator checks that (value === String(points)) before it writes
//   `points(q)` as `{q}`. SurveyJS's sum() turns numeric strings into numbers, so the answer documents'
//   strings go in unchanged.
// - The PHQ-9 total, band and alert are `calculatedValues` (not stored in the result, read with
//   getVariable): the total with sum(), the band with nested iif() over the total. The band limits are
//   written into the expression, as a SurveyJS author would (SurveyJS has no band tables).
// - q10's condition is `visibleIf: "{phq9_total} > 0"`; the 500-question form's `points(qN) > 0` becomes
//   `{qN} > 0` (an unanswered qN is undefined, and `undefined > 0` is false: hidden, as in Blankett).
// - The 50 calculations are calculatedValues. SurveyJS expressions see the values of HIDDEN questions
//   (clearInvisibleValues only clears on completion, or when a question is hidden interactively; setting
//   `data` does not), unlike Blankett where a hidden item is null everywhere. So `value_or(q1, 0)`, whose q1
//   is a follow-up, becomes `iif(({q0} > 0) and ({q1} notempty), {q1}, 0)`: the follow-up's own condition
//   is repeated in the formula, which is what a SurveyJS author has to write to get the same numbers.
// - integer: `text` with inputType number, min, max (SurveyJS checks the range but not that the number is
//   whole, and has no unit); text: maxLength plus a `text` validator (maxLength alone only limits typing,
//   validation does not check it); date: inputType date with min; yes_no: `boolean`; mandatory: isRequired.
// - Texts are {default: English, sv: Swedish} with locale "sv" and SurveyJS's Swedish messages loaded.
// - settings.animationEnabled = false, as on a server: with animations on (the default), setting a model's
//   data queues UI animation work as microtasks that hold the model, so models made in a synchronous loop
//   are not collected until the event loop turns (here: ~720 KB per PHQ-9 model piling up for the whole run).
import { Model, settings } from 'survey-core';
import 'survey-core/i18n/swedish';
import { parseExpression, itemsById } from './blankett-expr.mjs';
import { fail, heap, timed } from './harness.mjs';

const ENGINE = 'surveyjs';
settings.animationEnabled = false;

// ---- PHQ-9, written by hand -----------------------------------------------------------------------
const frequency = [
  { value: '0', text: { default: 'Not at all', sv: 'Inte alls' } },
  { value: '1', text: { default: 'Several days', sv: 'Flera dagar' } },
  { value: '2', text: { default: 'More than half the days', sv: 'Mer än hälften av dagarna' } },
  { value: '3', text: { default: 'Nearly every day', sv: 'Nästan varje dag' } },
];
const symptom = (name, en, sv) => ({ type: 'radiogroup', name, isRequired: true, choices: frequency, title: { default: en, sv } });
export const phq9Survey = {
  locale: 'sv',
  title: { default: 'Patient Health Questionnaire (PHQ-9)', sv: 'Hälsoformulär (PHQ-9)' },
  pages: [{
    name: 'p1',
    title: { default: 'Questions', sv: 'Frågor' },
    elements: [
      { type: 'html', name: 'intro', html: {
        default: 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
        sv: 'Under de senaste 2 veckorna, hur ofta har du besvärats av något av följande problem?' } },
      { type: 'panel', name: 'symptoms', title: { default: 'Problems over the last 2 weeks', sv: 'Besvär under de senaste 2 veckorna' }, elements: [
        symptom('q1', 'Little interest or pleasure in doing things', 'Lite intresse eller glädje i att göra saker'),
        symptom('q2', 'Feeling down, depressed, or hopeless', 'Känt dig nedstämd, deprimerad eller känt att framtiden ser hopplös ut'),
        symptom('q3', 'Trouble falling or staying asleep, or sleeping too much', 'Svårt att somna in eller störd sömn eller sovit för mycket'),
        symptom('q4', 'Feeling tired or having little energy', 'Känt dig trött eller haft ont om energi'),
        symptom('q5', 'Poor appetite or overeating', 'Dålig aptit eller ätit för mycket'),
        symptom('q6', 'Feeling bad about yourself — or that you are a failure or have let yourself or your family down',
          'Dålig självkänsla – eller känt att du är misslyckad eller att du svikit dig själv eller din familj'),
        symptom('q7', 'Trouble concentrating on things, such as reading the newspaper or watching television',
          'Svårt att koncentrera dig, till exempel på att läsa tidningen eller titta på tv'),
        symptom('q8', 'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual',
          'Att du rört dig eller talat så långsamt att andra kunnat märka det? Eller motsatsen – att du varit så nervös eller rastlös att du rört dig mycket mer än vanligt'),
        symptom('q9', 'Thoughts that you would be better off dead or of hurting yourself in some way',
          'Tankar på att det vore bättre om du vore död eller att du skulle skada dig på något sätt'),
      ] },
      { type: 'radiogroup', name: 'q10', visibleIf: '{phq9_total} > 0',
        title: { default: 'If you checked off any problems, how difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?',
          sv: 'Om du har haft något av dessa problem, hur svårt har de gjort det för dig att utföra ditt arbete, ta hand om saker hemma eller komma överens med andra människor?' },
        choices: [
          { value: '0', text: { default: 'Not difficult at all', sv: 'Inte alls svårt' } },
          { value: '1', text: { default: 'Somewhat difficult', sv: 'Ganska svårt' } },
          { value: '2', text: { default: 'Very difficult', sv: 'Mycket svårt' } },
          { value: '3', text: { default: 'Extremely difficult', sv: 'Extremt svårt' } },
        ] },
    ],
  }],
  calculatedValues: [
    { name: 'phq9_total', expression: 'sum({q1}, {q2}, {q3}, {q4}, {q5}, {q6}, {q7}, {q8}, {q9})' },
    { name: 'phq9_band', expression: "iif({phq9_total} <= 4, 'minimal', iif({phq9_total} <= 9, 'mild', iif({phq9_total} <= 14, 'moderate', iif({phq9_total} <= 19, 'moderately_severe', 'severe'))))" },
    { name: 'suicidal_thoughts', expression: '{q9} > 0' },
  ],
};

// ---- The 500-question form, generated from Blankett's format -------------------------------------
export function generatedSurvey(form) {
  const items = itemsById(form);
  const [first, second] = form.languages;
  const text = (t) => (t == null ? undefined : { default: t[second] ?? t[first], [first]: t[first] });
  const pointsAreValues = (item) =>
    item.type === 'single_choice' && item.choices.every((c) => typeof c.points === 'number' && c.value === String(c.points));
  const emit = (ast) => {
    switch (ast.k) {
      case 'num': return String(ast.v);
      case 'str': return `'${ast.v}'`;
      case 'bool': return String(ast.v);
      case 'ref': {
        const item = items.get(ast.id);
        if (!item) throw new Error(`unknown reference ${ast.id}`);
        if (item.visible_if) throw new Error(`a bare reference to the follow-up ${ast.id} would see its hidden value`);
        return `{${ast.id}}`;
      }
      case 'neg': return `(-${emit(ast.a)})`;
      case 'not': return `(!${emit(ast.a)})`;
      case 'bin': return `(${emit(ast.a)} ${ast.op} ${emit(ast.b)})`;
      case 'call':
        if (ast.fn === 'points') {
          const item = items.get(ast.args[0].id);
          if (!item || !pointsAreValues(item)) throw new Error(`points(${ast.args[0].id}): the choice values are not the points`);
          if (item.visible_if) throw new Error(`points(${item.id}) of a follow-up would see its hidden value`);
          return `{${item.id}}`;
        }
        if (ast.fn === 'sum') return `sum(${ast.args.map(emit).join(', ')})`;
        if (ast.fn === 'value_or') {
          const ref = ast.args[0];
          if (ref.k !== 'ref') throw new Error('value_or of something other than an item');
          const item = items.get(ref.id);
          const shown = item.visible_if ? `${emit(parseExpression(item.visible_if))} and ` : '';
          return `iif(${shown}({${ref.id}} notempty), {${ref.id}}, ${emit(ast.args[1])})`;
        }
        throw new Error(`no SurveyJS translation for ${ast.fn}()`);
      default: throw new Error(`no SurveyJS translation for ${ast.k}`);
    }
  };
  const top = (text) => emit(parseExpression(text)).replace(/^\((.*)\)$/, '$1');  // outer parentheses off
  const question = (item) => {
    const q = { name: item.id, title: text(item.title) };
    if (item.mandatory) q.isRequired = true;
    if (item.visible_if) q.visibleIf = top(item.visible_if);
    switch (item.type) {
      case 'single_choice':
        return { type: 'radiogroup', ...q, choices: item.choices.map((c) => ({ value: c.value, text: text(c.label) })) };
      case 'integer':
        return { type: 'text', inputType: 'number', ...q, min: item.min, max: item.max };
      case 'text':
        return { type: 'text', ...q, maxLength: item.max_length, validators: [{ type: 'text', maxLength: item.max_length }] };
      case 'date':
        return { type: 'text', inputType: 'date', ...q, min: item.min };
      case 'yes_no':
        return { type: 'boolean', ...q };
      default: throw new Error(`no SurveyJS translation for item type ${item.type}`);
    }
  };
  return {
    locale: first,
    title: text(form.title),
    pages: form.pages.map((p) => ({ name: p.id, title: text(p.title), elements: p.items.map((it) => question(items.get(it.id))) })),
    calculatedValues: form.calculations.map((c) => ({ name: c.id, expression: top(c.formula) })),
  };
}

// ---- Ops --------------------------------------------------------------------------------------------
// SurveyJS takes milliseconds per model, so its ops time fewer units per run than the other engines (the
// unit times stay comparable); the reused-model and fresh-model passes move on through the 10,000
// documents from run to run. Every document is checked on one model first, the first ones on fresh models.
export async function run(ctx, inputs) {
  const size = ctx.quick
    ? { freshCheck: 100, build: 20, reused: 500, fresh: 100, genBuild: 2, genValidate: 3 }
    : { freshCheck: 300, build: 100, reused: 1000, fresh: 200, genBuild: 10, genValidate: 30, heap: 200, genHeap: 10 };
  // PHQ-9
  const phq9 = inputs.phq9();
  const phq9Text = JSON.stringify(phq9Survey);
  const answers = phq9.docs.map((d) => d.answers);
  const n = answers.length;
  const evaluate = (model, a) => {
    model.data = a;
    const errors = model.hasErrors(false);
    return { errors, total: model.getVariable('phq9_total'), band: model.getVariable('phq9_band'),
      alert: model.getVariable('suicidal_thoughts'), q10: model.getQuestionByName('q10').isVisible };
  };
  const check = (r, i, how) => {
    const e = phq9.expected[i];
    if (r.errors !== false || r.total !== e.total || r.band !== e.band || r.q10 !== e.total > 0 || r.alert !== answers[i].q9 > '0')
      fail(ENGINE, `PHQ-9 (${how}) document ${i + 1}: got ${JSON.stringify(r)}, expected ${JSON.stringify(e)} without errors`);
  };
  const reused = new Model(JSON.parse(phq9Text));
  for (let i = 0; i < n; ++i) check(evaluate(reused, answers[i]), i, 'one model');
  for (let i = 0; i < Math.min(n, size.freshCheck); ++i) check(evaluate(new Model(phq9Survey), answers[i]), i, 'fresh model');
  timed(ctx, { engine: ENGINE, op: 'phq9.build', unit: 'model', units: size.build, checked: n,
    pass: () => { let m; for (let i = 0; i < size.build; ++i) m = new Model(JSON.parse(phq9Text)); return m.pages.length; } });
  let offset = 0;
  const over = (count, fn) => () => {
    let s = 0;
    for (let k = 0; k < count; ++k) s += fn(answers[(offset + k) % n]);
    offset += count;
    return s;
  };
  timed(ctx, { engine: ENGINE, op: 'phq9.reused_model', unit: 'response', units: size.reused, checked: n,
    warmedBy: 'the check of every document on one model', pass: over(size.reused, (a) => { const r = evaluate(reused, a); return r.total + r.band.length; }) });
  timed(ctx, { engine: ENGINE, op: 'phq9.fresh_model', unit: 'response', units: size.fresh, checked: Math.min(n, size.freshCheck),
    pass: over(size.fresh, (a) => { const r = evaluate(new Model(phq9Survey), a); return r.total + r.band.length; }) });
  if (!ctx.quick) {
    await heap(ctx, { engine: ENGINE, op: 'phq9.heap', count: size.heap, checked: n,
      make: (i) => { const m = new Model(phq9Survey); evaluate(m, answers[i % n]); return m; } });
  }

  // The 500-question form
  const gen = inputs.generated();
  const survey = generatedSurvey(gen.form);
  const surveyText = JSON.stringify(survey);
  const data = gen.doc.answers;
  const calcIds = gen.form.calculations.map((c) => c.id);
  const checkGenerated = (model, how) => {
    const visible = model.getAllQuestions().filter((q) => q.isVisible).map((q) => q.name);
    if (JSON.stringify(visible) !== JSON.stringify(gen.expected.visible))
      fail(ENGINE, `generated (${how}): ${visible.length} visible questions, expected ${gen.expected.visible.length}`);
    for (const id of calcIds) {
      const got = model.getVariable(id);
      if (got !== gen.expected.calculations[id]) fail(ENGINE, `generated (${how}): ${id} = ${got}, expected ${gen.expected.calculations[id]}`);
    }
    if (model.hasErrors(false) !== false) {
      model.hasErrors(true);
      const errs = model.getAllQuestions().filter((q) => q.errors.length).map((q) => `${q.name}: ${q.errors[0].getText()}`);
      fail(ENGINE, `generated (${how}): validation errors ${errs.slice(0, 5).join('; ')}`);
    }
    return 1 + calcIds.length;
  };
  let genChecked = 0;
  {
    const model = new Model(JSON.parse(surveyText));
    model.data = data;
    genChecked += checkGenerated(model, 'data');
    if (!ctx.quick) {
      const typed = new Model(survey);
      for (const id of gen.expected.visible) typed.setValue(id, data[id]);
      genChecked += checkGenerated(typed, 'entered one by one');
    }
  }
  timed(ctx, { engine: ENGINE, op: 'generated.build', unit: 'model', units: size.genBuild, checked: genChecked,
    pass: () => { let m; for (let i = 0; i < size.genBuild; ++i) m = new Model(JSON.parse(surveyText)); return m.pages.length; } });
  {
    const model = new Model(survey);
    timed(ctx, { engine: ENGINE, op: 'generated.validate', unit: 'response', units: size.genValidate, checked: genChecked,
      pass: () => {
        let s = 0;
        for (let i = 0; i < size.genValidate; ++i) {
          model.data = data;
          s += model.hasErrors(false) ? 1 : 0;
          for (const id of calcIds) s += model.getVariable(id);
        }
        return s;
      } });
  }
  if (!ctx.quick) {
    // The visible answers (450 of the 500; the other 50 are follow-ups whose choice is "0") in form order.
    const ids = gen.expected.visible;
    timed(ctx, { engine: ENGINE, op: 'generated.enter_answers', unit: 'pass', units: 1, checked: genChecked,
      warmedBy: 'the check of the answers entered one by one', setup: () => new Model(survey),
      pass: (model) => { for (const id of ids) model.setValue(id, data[id]); return model.getVariable(calcIds[0]); } });
    await heap(ctx, { engine: ENGINE, op: 'generated.heap', count: size.genHeap, checked: genChecked,
      make: () => { const m = new Model(survey); m.data = data; m.hasErrors(false); return m; } });
  }
}
