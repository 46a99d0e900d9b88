// The fields the sending pages share (Skicka formulär, Skapa formulärlänkar): the dates Besvaras senast
// and Gallras efter with their defaults and checks, and the banner (Formulärmeddelande).
import { today } from '../lib/core.js';
import { html, nothing } from '../lib/html.js';
import { addTexts, t } from '../lib/i18n.js';
import { addMonths, describedBy, fieldError, invalid } from './parts.js';

addTexts({
  sv: {
    datesLegend: 'Datum',
    answerBy: 'Besvaras senast',
    answerByHint: 'Mottagaren kan inte svara efter det här datumet. Förvalt är ett år fram.',
    deleteAfter: 'Gallras efter',
    deleteAfterHint: 'I Uppföljning kan du filtrera fram svar att gallra på det här datumet. Svaren tas inte bort automatiskt. Förvalt är ett år och en månad fram.',
    answerByMissing: 'Skriv datumet för Besvaras senast.',
    answerByPast: 'Besvaras senast kan inte vara före i dag.',
    deleteAfterMissing: 'Skriv datumet för Gallras efter.',
    deleteAfterEarly: 'Gallras efter kan inte vara före Besvaras senast.',
    formMessage: 'Formulärmeddelande',
    formMessageHint: 'Texten visas i en gul ruta överst i formuläret. Högst 2000 tecken.',
  },
  en: {
    datesLegend: 'Dates',
    answerBy: 'Answer by',
    answerByHint: 'The recipient cannot answer after this date. The default is one year ahead.',
    deleteAfter: 'Delete after',
    deleteAfterHint: 'In Follow-up you can filter answers to delete on this date. Answers are not deleted automatically. The default is one year and one month ahead.',
    answerByMissing: 'Enter the answer-by date.',
    answerByPast: 'The answer-by date cannot be before today.',
    deleteAfterMissing: 'Enter the delete-after date.',
    deleteAfterEarly: 'The delete-after date cannot be before the answer-by date.',
    formMessage: 'Form message',
    formMessageHint: 'The text is shown in a yellow box at the top of the form. At most 2000 characters.',
  },
});

// The defaults: answer by one year ahead, delete after a year and a month.
export function defaultDates() {
  const d = today();
  return { answerBy: addMonths(d, 12), deleteAfter: addMonths(d, 13) };
}

const isDate = (s) => /^\d{4}-\d{2}-\d{2}$/.test(s);

// The dates' problems, added to errors ([{field, text}]).
export function checkDates(s, errors) {
  if (!isDate(s.answerBy)) errors.push({ field: 'answer-by', text: t('answerByMissing') });
  else if (s.answerBy < today()) errors.push({ field: 'answer-by', text: t('answerByPast') });
  if (!isDate(s.deleteAfter)) errors.push({ field: 'delete-after', text: t('deleteAfterMissing') });
  else if (isDate(s.answerBy) && s.deleteAfter < s.answerBy) errors.push({ field: 'delete-after', text: t('deleteAfterEarly') });
  return errors;
}

// The fieldset of the two dates; s holds answerBy and deleteAfter and is changed as they are typed.
export function dateFields(s, errors) {
  const date = (id, key, min) => html`<div class="field">
    <label for=${id}>${t(key)}</label>
    <p class="hint" id="${id}-hint">${t(`${key}Hint`)}</p>${fieldError(errors, id)}
    <input type="date" id=${id} min=${min ?? nothing} .value=${s[key]} aria-describedby=${describedBy(errors, id, `${id}-hint`)}
      aria-invalid=${invalid(errors, id)} @input=${(ev) => { s[key] = ev.target.value; }}>
  </div>`;
  return html`<fieldset class="box">
    <legend>${t('datesLegend')}</legend>
    ${date('answer-by', 'answerBy', today())}
    ${date('delete-after', 'deleteAfter')}
  </fieldset>`;
}

// The banner's text box; s.banner changes as it is typed, changed() after each change.
export const bannerField = (s, changed = () => {}) => html`<div class="field">
  <label for="banner">${t('formMessage')}</label>
  <p class="hint" id="banner-hint">${t('formMessageHint')}</p>
  <textarea id="banner" rows="3" maxlength="2000" .value=${s.banner} aria-describedby="banner-hint"
    @input=${(ev) => { s.banner = ev.target.value; }} @change=${changed}></textarea>
</div>`;
