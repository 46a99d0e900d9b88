// One answer in Uppföljning (#/uppfoljning/<id>): the recipient (and the guardian who answered), the
// result (calculations, scores with bands, alerts, the star profile), the staff's measurements, the
// answers in words from the exact version they were given on, the history, and the actions: Markera
// som dokumenterad, Skicka påminnelse, Exportera PDF and Gallra (after a confirmation). The parts are
// drawn by answer-parts.js; what fails goes to the error summary, a field's error or the app's handleError.
//
// Sections: texts · the page (view) · measurements · actions · enter.
import { ApiError } from '../lib/api.js';
import { announce, focusMain, notice, show } from '../lib/dom.js';
import { html, nothing } from '../lib/html.js';
import { addTexts, dateTime, longDate, messageOf, t } from '../lib/i18n.js';
import { answerApi, answerModel, answersView, formText, happened, historyView, resultView } from './answer-parts.js';
import { confirmDialog } from './design-admin-parts.js';
import { backToList, listAddress } from './followup.js';
import { pnrText, stateText } from './followup-parts.js';
import { describedBy, errorSummary, fieldError, focusSummary, handleError, invalid, saveFile, visit } from './parts.js';
import { hasRole } from './session.js';

// ---- Texts ---------------------------------------------------------------------------------------------
addTexts({
  sv: {
    fuAnswerTitle: 'Formulärsvar nr {id}',
    fuAnswerBack: 'Tillbaka till Uppföljning',
    avRecipient: 'Mottagare',
    avProxy: 'Besvarat av vårdnadshavare',
    avForm: 'Formulär',
    avFormVersion: '{title}, version {version}',
    avState: 'Status',
    avSent: 'Skickat',
    avSubmitted: 'Inskickat',
    avAnswerBy: 'Besvaras senast',
    avDeleteAfter: 'Gallras efter',
    avDocumented: 'Dokumenterad',
    avNotDocumented: 'Nej',
    avMessage: 'Formulärmeddelande',
    avActions: 'Åtgärder',
    avMarkDocumented: 'Markera som dokumenterad',
    avRemind: 'Skicka påminnelse',
    avExport: 'Exportera PDF',
    avGallra: 'Gallra',
    avNoExporter: 'Du behöver behörigheten Export av formulärsvar för att exportera ett formulärsvar.',
    avDocumentedDone: 'Formulärsvaret är markerat som dokumenterat.',
    avReminded: 'Påminnelsen är skickad.',
    avNotReminded: 'Ingen påminnelse skickades: formuläret väntar inte längre på svar eller mottagaren kan inte nås.',
    avExported: 'PDF-filen är klar. Den finns i exportområdet i 14 dagar.',
    avDownload: 'Ladda ner {name}',
    avGallraTitle: 'Gallra formulärsvar',
    avGallraText: 'Vill du gallra 1 formulärsvar? Det går inte att ångra.',
    avGallraYes: 'Ja, gallra',
    avGallrat: 'Formulärsvaret är gallrat.',
    avGallratText: 'Svaret, dess historik och dess exporter är borttagna för gott.',
    avMeasurements: 'Mätvärden',
    avMeasurementsIntro: 'Mätvärden som personalen registrerar. Lämna ett fält tomt för att ta bort värdet.',
    avSaveMeasurements: 'Spara mätvärden',
    avMeasurementsSaved: 'Mätvärdena är sparade och resultatet är uppdaterat.',
    avNumber: 'Ange ett tal, till exempel 72,5.',
    avWhole: 'Ange ett heltal.',
    avBetween: 'Ange ett värde mellan {min} och {max}.',
    avCheckValue: 'Kontrollera värdet.',
    avConflict: 'Formulärsvaret har ändrats sedan du öppnade det. Ladda om sidan och försök igen.',
    avReload: 'Ladda om',
  },
  en: {
    fuAnswerTitle: 'Form answer no. {id}',
    fuAnswerBack: 'Back to Follow-up',
    avRecipient: 'Recipient',
    avProxy: 'Answered by guardian',
    avForm: 'Form',
    avFormVersion: '{title}, version {version}',
    avState: 'Status',
    avSent: 'Sent',
    avSubmitted: 'Submitted',
    avAnswerBy: 'Answer by',
    avDeleteAfter: 'Deleted after',
    avDocumented: 'Documented',
    avNotDocumented: 'No',
    avMessage: 'Form message',
    avActions: 'Actions',
    avMarkDocumented: 'Mark as documented',
    avRemind: 'Send reminder',
    avExport: 'Export PDF',
    avGallra: 'Delete',
    avNoExporter: 'You need the permission Export of form answers to export a form answer.',
    avDocumentedDone: 'The form answer is marked as documented.',
    avReminded: 'The reminder has been sent.',
    avNotReminded: 'No reminder was sent: the form no longer waits for an answer or the recipient cannot be reached.',
    avExported: 'The PDF file is ready. It stays in the export area for 14 days.',
    avDownload: 'Download {name}',
    avGallraTitle: 'Delete form answer',
    avGallraText: 'Do you want to delete 1 form answer? This cannot be undone.',
    avGallraYes: 'Yes, delete',
    avGallrat: 'The form answer has been deleted.',
    avGallratText: 'The answer, its history and its exports are gone for good.',
    avMeasurements: 'Measurements',
    avMeasurementsIntro: 'Measurements recorded by staff. Leave a field empty to remove its value.',
    avSaveMeasurements: 'Save measurements',
    avMeasurementsSaved: 'The measurements are saved and the result is updated.',
    avNumber: 'Enter a number, for example 72.5.',
    avWhole: 'Enter a whole number.',
    avBetween: 'Enter a value between {min} and {max}.',
    avCheckValue: 'Check the value.',
    avConflict: 'The form answer has changed since you opened it. Reload the page and try again.',
    avReload: 'Reload',
  },
});

// ---- The page ----------------------------------------------------------------------------------------------
const waiting = (state) => state === 'ONGOING' || state === 'PENDING_COMPLETION';

function facts(x) {
  const f = x.form;
  const sent = happened(x, 'sent')[0];
  const documented = happened(x, 'documented')[0];
  const row = (term, value) => (value ? html`<div><dt>${term}</dt><dd>${value}</dd></div>` : nothing);
  const person = (p) => html`${p.name || ''} <span class="pnr">${pnrText(p.personnummer)}</span>`;
  return html`<dl class="summary-list answer-facts">
    ${row(t('avRecipient'), x.recipient ? person(x.recipient) : '–')}
    ${x.proxy ? row(t('avProxy'), person(x.proxy)) : nothing}
    ${row(t('avForm'), t('avFormVersion', { title: formText(f, f.title), version: x.version }))}
    ${row(t('avState'), stateText(x.state))}
    ${row(t('avSent'), sent ? dateTime(sent.at) : '')}
    ${row(t('avSubmitted'), x.submitted_at ? dateTime(x.submitted_at) : '')}
    ${row(t('avAnswerBy'), x.answer_by ? longDate(x.answer_by) : '')}
    ${row(t('avDeleteAfter'), x.delete_after ? longDate(x.delete_after) : '')}
    ${x.state === 'COMPLETED' ? row(t('avDocumented'), documented ? dateTime(documented.at) : t('avNotDocumented')) : nothing}
    ${row(t('avMessage'), x.banner ?? '')}
  </dl>`;
}

function actions(s, a) {
  const x = s.answer;
  const documented = happened(x, 'documented').length > 0;
  return html`<section class="answer-actions" aria-labelledby="av-actions">
    <h2 id="av-actions" class="visually-hidden">${t('avActions')}</h2>
    <div class="row-buttons">
      ${x.state === 'COMPLETED' && !documented ? html`<button type="button" class="button" ?disabled=${s.busy} @click=${a.documented}>${t('avMarkDocumented')}</button>` : nothing}
      ${waiting(x.state) ? html`<button type="button" class="button" ?disabled=${s.busy} @click=${a.remind}>${t('avRemind')}</button>` : nothing}
      ${x.state !== 'CANCELLED' && hasRole('exporter')
        ? html`<button type="button" class="button secondary" ?disabled=${s.busy} @click=${a.pdf}>${t('avExport')}</button>` : nothing}
      <button type="button" class="button secondary gallra" ?disabled=${s.busy} @click=${a.gallra}>${t('avGallra')}</button>
    </div>
    ${x.state !== 'CANCELLED' && !hasRole('exporter') ? html`<p class="hint">${t('avNoExporter')}</p>` : nothing}
    <div id="av-status">${s.status ? notice(s.status.text, s.status.kind) : nothing}
      ${s.exported ? html`<p><button type="button" class="button secondary" id="av-download" @click=${a.download}>${
        t('avDownload', { name: s.exported.name })}</button></p>` : nothing}
      ${s.conflict ? html`<p><button type="button" class="button secondary" @click=${a.reload}>${t('avReload')}</button></p>` : nothing}
    </div>
  </section>`;
}

// s: {answer, models, busy, status: {text, kind}, exported, conflict, errors, values, deleted}
export function view(s, a) {
  const x = s.answer;
  const back = html`<p><a href=${listAddress()} class="back" @click=${backToList}>${t('fuAnswerBack')}</a></p>`;
  if (s.deleted) {
    return html`<h1>${t('fuAnswerTitle', { id: s.id })}</h1>${notice(t('avGallrat'))}<p>${t('avGallratText')}</p>${back}`;
  }
  const f = x.form;
  return html`<div id="answer-view">${back}
    <h1>${formText(f, f.title)}</h1>
    <p class="hint">${t('fuAnswerTitle', { id: x.id })}</p>
    ${errorSummary(s.errors)}
    ${facts(x)}
    ${actions(s, a)}
    <section class="answer-result" aria-labelledby="av-result"><h2 id="av-result">${t('avResultTitle')}</h2>${resultView(f, x.result)}</section>
    ${measurements(s, a)}
    <section class="answer-answers" aria-labelledby="av-answers"><h2 id="av-answers">${t('avAnswersTitle')}</h2>${answersView(x, s.models)}</section>
    <section class="answer-history" aria-labelledby="av-history"><h2 id="av-history">${t('avHistory')}</h2>${historyView(x)}</section>
  </div>`;
}

// ---- Measurements -------------------------------------------------------------------------------------------
// The form's staff measurements as a small form: each as text (a decimal comma or point), read back as
// a number; an empty field removes the value.
function measurements(s, a) {
  const list = s.answer.form.measurements ?? [];
  if (!list.length || s.answer.state === 'CANCELLED') return nothing;
  const f = s.answer.form;
  return html`<section class="answer-measurements" aria-labelledby="av-measurements">
    <h2 id="av-measurements">${t('avMeasurements')}</h2>
    <p class="hint">${t('avMeasurementsIntro')}</p>
    <form class="measurement-grid" novalidate @submit=${a.measure}>
      ${list.map((m) => {
        const id = `m-${m.id}`;
        const hint = m.description ? `${id}-hint` : '';
        return html`<div class="field">
          <label for=${id}>${formText(f, m.title)}${m.unit ? ` (${m.unit})` : ''}</label>
          ${m.description ? html`<p class="hint" id=${hint}>${formText(f, m.description)}</p>` : nothing}
          ${fieldError(s.errors, id)}
          <input id=${id} name=${m.id} type="text" inputmode=${m.type === 'integer' ? 'numeric' : 'decimal'} autocomplete="off"
            .value=${s.values[m.id] ?? ''} aria-invalid=${invalid(s.errors, id)} aria-describedby=${describedBy(s.errors, id, hint)}
            @input=${(ev) => { s.values[m.id] = ev.target.value; }}>
        </div>`;
      })}
      <p><button type="submit" class="button" ?disabled=${s.busy}>${t('avSaveMeasurements')}</button></p>
    </form>
  </section>`;
}

// The typed values as the API's measurements ({id: number | null}), or the errors of those that are not numbers.
function readMeasurements(s) {
  const out = {};
  const errors = [];
  for (const m of s.answer.form.measurements ?? []) {
    const typed = (s.values[m.id] ?? '').trim();
    const stored = s.answer.measurements?.[m.id];
    if (typed === '') {
      if (stored !== undefined && stored !== null) out[m.id] = null;
      continue;
    }
    const n = Number(typed.replace(',', '.').replace(/\s/g, ''));
    if (!Number.isFinite(n) || !/^-?[\d\s]+([.,]\d+)?$/.test(typed)) errors.push({ field: `m-${m.id}`, text: t('avNumber') });
    else if (m.type === 'integer' && !Number.isInteger(n)) errors.push({ field: `m-${m.id}`, text: t('avWhole') });
    else if (n !== stored) out[m.id] = n;
  }
  return { out, errors };
}

// The core's issues of measurements (422) as field errors.
function measurementErrors(form, issues) {
  const staff = new Map((form.measurements ?? []).map((m) => [m.id, m]));
  return (issues ?? []).filter((i) => staff.has(i.item)).map((i) => {
    const m = staff.get(i.item);
    const rule = (form.rules ?? []).find((r) => r.id === i.params?.rule || r.id === i.rule);
    let text = t('avCheckValue');
    if (rule?.message) text = formText(form, rule.message);
    else if ((i.rule === 'min' || i.rule === 'max') && m.min !== undefined && m.max !== undefined) text = t('avBetween', { min: m.min, max: m.max });
    else if (i.rule === 'type') text = m.type === 'integer' ? t('avWhole') : t('avNumber');
    return { field: `m-${i.item}`, text };
  });
}

const valuesOf = (x) => Object.fromEntries((x.form.measurements ?? []).map((m) => {
  const v = x.measurements?.[m.id];
  return [m.id, v === undefined || v === null ? '' : String(v).replace('.', ',')];
}));

// ---- Enter -----------------------------------------------------------------------------------------------------
export async function enter({ id }) {
  const current = visit();
  const first = await answerApi.get(id);
  const models = await answerModel(first.json).catch(() => null);
  if (!current()) return;
  const s = { id, answer: first.json, models, busy: false, status: null, exported: null, conflict: false, errors: [],
              values: valuesOf(first.json), deleted: false };
  const draw = () => { if (current()) show(s.deleted ? t('fuAnswerTitle', { id }) : formText(s.answer.form, s.answer.form.title), view(s, a)); };
  const say = (text, kind = 'info') => { s.status = { text, kind }; announce(text); };
  // The answer again after an action (its history, its state), drawn where it was.
  const reload = async () => {
    const r = await answerApi.get(id);
    s.answer = r.json;
    s.values = valuesOf(r.json);
  };
  // An action: busy while it runs, then the answer again; a failure the page can say is said in the status.
  const act = async (work) => {
    s.busy = true;
    s.conflict = false;
    s.exported = null;
    s.errors = [];
    draw();
    try {
      await work();
    } catch (e) {
      if (!(e instanceof ApiError) || [401, 403].includes(e.status) || e.code === 'staff.no_unit') {
        s.busy = false;
        await handleError(e);
        return;
      }
      say(messageOf(e), 'error');
    }
    s.busy = false;
    draw();
  };

  const a = {
    documented: () => act(async () => {
      await answerApi.documented(id);
      await reload();
      say(t('avDocumentedDone'));
    }),
    remind: () => act(async () => {
      const r = await answerApi.remind(Number(id));
      await reload();
      say(r.json.reminded ? t('avReminded') : t('avNotReminded'), r.json.reminded ? 'info' : 'error');
    }),
    pdf: () => act(async () => {
      const r = await answerApi.pdf(id);
      await reload();
      s.status = { text: t('avExported'), kind: 'info' };
      announce(t('avExported'));
      s.exported = r.json.export;
      draw();
      document.getElementById('av-download')?.focus();
    }),
    async download() {
      const made = s.exported;
      try {
        const file = await answerApi.exportFile(made.id);
        saveFile(file.blob, file.filename || made.name);
      } catch (e) {
        if (!(e instanceof ApiError) || e.status === 401) { await handleError(e); return; }
        say(messageOf(e), 'error');
        draw();
      }
    },
    async gallra() {
      const yes = await confirmDialog({ title: t('avGallraTitle'), text: t('avGallraText'), yes: t('avGallraYes') });
      if (!yes) return;
      await act(async () => {
        await answerApi.remove(id);
        s.deleted = true;
      });
      if (s.deleted) {
        draw();
        announce(t('avGallrat'));
        focusMain();
      }
    },
    reload: () => act(async () => {
      await reload();
      s.models = await answerModel(s.answer).catch(() => null);
    }),
    async measure(ev) {
      ev.preventDefault();
      const { out, errors } = readMeasurements(s);
      if (errors.length) {
        s.errors = errors;
        s.status = null;
        draw();
        focusSummary();
        return;
      }
      await act(async () => {
        try {
          const r = await answerApi.measure(id, s.answer.revision, out);
          if (r.status === 422) {
            s.errors = measurementErrors(s.answer.form, r.json.result.issues);
            if (!s.errors.length) s.errors = [{ field: `m-${(s.answer.form.measurements ?? [])[0]?.id}`, text: t('avCheckValue') }];
            return;
          }
        } catch (e) {
          if (e instanceof ApiError && e.status === 409 && e.code === 'form.conflict') {
            say(t('avConflict'), 'error');
            s.conflict = true;
            return;
          }
          throw e;
        }
        await reload();
        say(t('avMeasurementsSaved'));
      });
      if (s.errors.length) focusSummary();
    },
  };
  draw();
  focusMain();
}
