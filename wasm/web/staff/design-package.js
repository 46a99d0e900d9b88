// A package template's page (#/design/paket/ny, #/design/paket/<id>): its name (for staff), the title
// the citizen sees, its forms (added from the unit's templates with the sending pages' picker, removed,
// moved up and down: the order they are sent in), the default weekday and time, the interval and the
// number of occasions, the inbox message and the address told of errors (POST /package-templates, PUT
// /package-templates/{id}); Arkivera hides it from Starta paketutskick, Återställ brings it back (both
// confirmed). Packages already started keep what they copied.
//
// Sections: texts · state and checks · the page's markup (view) · entering the address and the actions.
import { ApiError } from '../lib/api.js';
import { announce, focusMain, notice, setFlash, show } from '../lib/dom.js';
import { html, nothing, repeat } from '../lib/html.js';
import { addTexts, language, messageOf, t } from '../lib/i18n.js';
import { api } from './api.js';
import { confirmDialog, leftPage } from './design-admin-parts.js';
import { designNav } from './design-parts.js';
import { archivedBadge } from './design-packages.js';
import { intervalUnits, isTime, packageApi, unitText, weekdayText, weekdays } from './package-parts.js';
import { describedBy, errorSummary, fieldError, focusSummary, invalid, visit } from './parts.js';
import { TemplatePicker, sendable } from './picker.js';
import { defaultInboxText } from './send.js';

// ---- Texts ---------------------------------------------------------------------------------------------
addTexts({
  sv: {
    ptNewTitle: 'Ny paketmall',
    ptIntro: 'Inställningarna är förval: den som startar ett paketutskick kan ändra titeln, formulären, datum och tider, mottagarna och inkorgsmeddelandet. Paketutskick som redan har startats behåller det de fick.',
    ptName: 'Namn',
    ptNameHint: 'Paketutskickets namn så som personalen ser det när de startar det. Unikt på enheten, högst 200 tecken.',
    ptNameMissing: 'Skriv paketmallens namn.',
    ptTitle: 'Titel som visas för invånaren',
    ptTitleHint: 'Visas för mottagaren ovanför formulären. Högst 200 tecken.',
    ptTitleMissing: 'Skriv titeln som visas för invånaren.',
    ptForms: 'Formulär',
    ptFormsHint: 'Formulären skickas i den här ordningen vid varje tillfälle. Högst 10.',
    ptFormsCaption: 'Formulären i paketet',
    ptFormsNone: 'Inga formulär ännu. Lägg till minst ett.',
    ptFormsMissing: 'Lägg till minst ett formulär.',
    ptFormsTooMany: 'Ett paket har högst 10 formulär.',
    ptFormAdded: '{name} är tillagt som formulär {n}.',
    ptFormRemoved: '{name} är borttaget ur paketmallen.',
    ptFormMoved: '{name} är nu formulär {n}.',
    ptFormTaken: '{name} finns redan i paketmallen.',
    colPtOrder: 'Ordning',
    colPtForm: 'Formulär',
    colPtMove: 'Flytta',
    moveUp: 'Flytta upp',
    moveDown: 'Flytta ned',
    moveUpWho: 'Flytta upp {name}',
    moveDownWho: 'Flytta ned {name}',
    removeFormWho: 'Ta bort {name}',
    ptRemoveForm: 'Ta bort',
    ptScheduleLegend: 'Schema',
    ptWeekday: 'Veckodag',
    ptWeekdayHint: 'Förvald veckodag för det första tillfället. Startdatum blir nästa sådan dag.',
    ptTime: 'Klockslag',
    ptTimeHint: 'Förvald tid, HH:MM, eller tomt (då 09:00). Mottagarna får en avisering vid den tiden.',
    ptTimeBad: 'Skriv klockslaget i formatet HH:MM, eller lämna det tomt.',
    ptInterval: 'Intervall',
    ptIntervalHint: 'Tiden mellan två tillfällen.',
    ptIntervalCount: 'Antal',
    ptIntervalUnit: 'Enhet',
    ptIntervalBad: 'Intervallet är ett heltal från 1 till 52.',
    ptOccasions: 'Antal tillfällen',
    ptOccasionsHint: 'Från 1 till 52.',
    ptOccasionsBad: 'Antal tillfällen är ett heltal från 1 till 52.',
    ptInbox: 'Inkorgsmeddelande',
    ptInboxHint: 'Meddelandet som mottagarna får i inkorgen vid varje tillfälle. Högst 4000 tecken.',
    ptErrorEmail: 'E-postavisering vid eventuella fel',
    ptErrorEmailHint: 'Adressen får ett mejl när ett tillfälle inte kan skickas som planerat, till exempel när en formulärmall har arkiverats. Kan lämnas tom.',
    ptErrorEmailBad: 'Skriv en giltig e-postadress, eller lämna fältet tomt.',
    ptCreate: 'Skapa paketmall',
    ptSave: 'Spara paketmall',
    ptSaving: 'Sparar …',
    ptCreated: 'Paketmallen "{name}" är skapad.',
    ptSaved: 'Paketmallen "{name}" är sparad.',
    ptFormRefused: '{name} kan inte ingå i ett paket: mallen finns inte för enheten, eller är ett ärendeformulär.',
    ptArchiveHeading: 'Arkivera',
    ptArchiveHint: 'En arkiverad paketmall visas inte i Starta paketutskick. Paketutskick som redan har startats påverkas inte. Du kan återställa den senare.',
    ptArchivedNote: 'Paketmallen är arkiverad och visas inte i Starta paketutskick.',
    ptArchive: 'Arkivera paketmall',
    ptRestore: 'Återställ paketmall',
    askPtArchive: 'Arkivera paketmallen "{name}"?',
    askPtRestore: 'Återställa paketmallen "{name}"?',
    askPtRestoreText: 'Paketmallen visas igen i Starta paketutskick.',
    ptArchivedNow: 'Paketmallen är arkiverad.',
    ptRestoredNow: 'Paketmallen är återställd och kan startas igen.',
    ptActionFailed: 'Det gick inte: {reason}',
    ptStatus: 'Status',
  },
  en: {
    ptNewTitle: 'New package template',
    ptIntro: 'The settings are defaults: whoever starts a package can change the title, the forms, the dates and times, the recipients and the inbox message. Packages already started keep what they got.',
    ptName: 'Name',
    ptNameHint: 'The package\'s name as staff see it when they start it. Unique at the unit, at most 200 characters.',
    ptNameMissing: 'Enter the package template\'s name.',
    ptTitle: 'Title shown to the citizen',
    ptTitleHint: 'Shown to the recipient above the forms. At most 200 characters.',
    ptTitleMissing: 'Enter the title shown to the citizen.',
    ptForms: 'Forms',
    ptFormsHint: 'The forms are sent in this order at each occasion. At most 10.',
    ptFormsCaption: 'The forms of the package',
    ptFormsNone: 'No forms yet. Add at least one.',
    ptFormsMissing: 'Add at least one form.',
    ptFormsTooMany: 'A package has at most 10 forms.',
    ptFormAdded: '{name} has been added as form {n}.',
    ptFormRemoved: '{name} has been removed from the package template.',
    ptFormMoved: '{name} is now form {n}.',
    ptFormTaken: '{name} is in the package template already.',
    colPtOrder: 'Order',
    colPtForm: 'Form',
    colPtMove: 'Move',
    moveUp: 'Move up',
    moveDown: 'Move down',
    moveUpWho: 'Move {name} up',
    moveDownWho: 'Move {name} down',
    removeFormWho: 'Remove {name}',
    ptRemoveForm: 'Remove',
    ptScheduleLegend: 'Schedule',
    ptWeekday: 'Weekday',
    ptWeekdayHint: 'The default weekday of the first occasion. The start date becomes the next such day.',
    ptTime: 'Time',
    ptTimeHint: 'The default time, HH:MM, or empty (then 09:00). The recipients get a notification at that time.',
    ptTimeBad: 'Enter the time as HH:MM, or leave it empty.',
    ptInterval: 'Interval',
    ptIntervalHint: 'The time between two occasions.',
    ptIntervalCount: 'Number',
    ptIntervalUnit: 'Unit',
    ptIntervalBad: 'The interval is a whole number from 1 to 52.',
    ptOccasions: 'Number of occasions',
    ptOccasionsHint: 'From 1 to 52.',
    ptOccasionsBad: 'The number of occasions is a whole number from 1 to 52.',
    ptInbox: 'Inbox message',
    ptInboxHint: 'The message the recipients get in their inbox at each occasion. At most 4000 characters.',
    ptErrorEmail: 'E-mail notification of errors',
    ptErrorEmailHint: 'The address gets an e-mail when an occasion cannot be sent as planned, for example when a form template has been archived. May be left empty.',
    ptErrorEmailBad: 'Enter a valid e-mail address, or leave the field empty.',
    ptCreate: 'Create the package template',
    ptSave: 'Save the package template',
    ptSaving: 'Saving …',
    ptCreated: 'The package template "{name}" has been created.',
    ptSaved: 'The package template "{name}" has been saved.',
    ptFormRefused: '{name} cannot be in a package: the unit does not have the template, or it is a case form.',
    ptArchiveHeading: 'Archive',
    ptArchiveHint: 'An archived package template is not shown in Start a package. Packages already started are not affected. You can restore it later.',
    ptArchivedNote: 'The package template is archived and not shown in Start a package.',
    ptArchive: 'Archive the package template',
    ptRestore: 'Restore the package template',
    askPtArchive: 'Archive the package template "{name}"?',
    askPtRestore: 'Restore the package template "{name}"?',
    askPtRestoreText: 'The package template is shown in Start a package again.',
    ptArchivedNow: 'The package template has been archived.',
    ptRestoredNow: 'The package template has been restored and can be started again.',
    ptActionFailed: 'That did not work: {reason}',
    ptStatus: 'Status',
  },
});

// ---- State and checks ----------------------------------------------------------------------------------
const maxForms = 10;

// The editable fields of a package template (as the server lists it, or empty for a new one).
function fields(x) {
  return {
    name: x?.name ?? '', title: x?.title ?? '',
    forms: (x?.forms ?? []).map((f) => ({ template: f.template, name: f.name })),
    weekday: x?.weekday ? String(x.weekday) : '', time: x?.time ?? '',
    count: String(x?.interval.count ?? 1), unit: x?.interval.unit ?? 'weeks', occasions: String(x?.occasions ?? 1),
    inboxMessage: x ? x.inbox_message ?? '' : defaultInboxText, errorEmail: x?.error_email ?? '',
  };
}

// The request body from the fields; archived for PUT.
function body(f, archived) {
  const b = {
    name: f.name.trim(), title: f.title.trim(), forms: f.forms.map((x) => x.template),
    interval: { count: Number(f.count), unit: f.unit }, occasions: Number(f.occasions),
    weekday: f.weekday ? Number(f.weekday) : null, time: f.time || null,
    inbox_message: f.inboxMessage, error_email: f.errorEmail.trim() || null,
  };
  if (archived !== undefined) b.archived = archived;
  return b;
}

const whole = (text) => /^\d+$/.test(text.trim()) && Number(text) >= 1 && Number(text) <= 52;
const emailLike = (text) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);

function validate(f) {
  const errors = [];
  if (!f.name.trim()) errors.push({ field: 'pt-name', text: t('ptNameMissing') });
  if (!f.title.trim()) errors.push({ field: 'pt-title', text: t('ptTitleMissing') });
  if (!f.forms.length) errors.push({ field: 'template-input', text: t('ptFormsMissing') });
  if (f.time && !isTime(f.time)) errors.push({ field: 'pt-time', text: t('ptTimeBad') });
  if (!whole(f.count)) errors.push({ field: 'pt-count', text: t('ptIntervalBad') });
  if (!whole(f.occasions)) errors.push({ field: 'pt-occasions', text: t('ptOccasionsBad') });
  if (f.errorEmail.trim() && !emailLike(f.errorEmail.trim())) errors.push({ field: 'pt-error-email', text: t('ptErrorEmailBad') });
  return errors;
}

const capital = (text) => text.charAt(0).toLocaleUpperCase(language()) + text.slice(1);

// ---- The page's markup ---------------------------------------------------------------------------------
function input(s, { id, key, label, hint, type = 'text', maxlength = 200, extra = {} }) {
  const e = s.errors;
  return html`<div class="field">
    <label for=${id}>${t(label)}</label>
    <p class="hint" id="${id}-hint">${t(hint)}</p>${fieldError(e, id)}
    <input type=${type} id=${id} maxlength=${type === 'number' ? nothing : maxlength} min=${extra.min ?? nothing} max=${extra.max ?? nothing}
      inputmode=${extra.inputmode ?? nothing} autocomplete="off" .value=${s.f[key]}
      aria-describedby=${describedBy(e, id, `${id}-hint`)} aria-invalid=${invalid(e, id)}
      @input=${(ev) => { s.f[key] = ev.target.value; }}>
  </div>`;
}

function formsPart(s, a) {
  const list = s.f.forms;
  const row = (x, i) => html`<tr>
    <td class="num" data-label=${t('colPtOrder')}>${i + 1}</td>
    <th scope="row" data-label=${t('colPtForm')}>${x.name}</th>
    <td class="cell-action"><div class="row-buttons">
      <button type="button" class="button secondary" id="up-${x.template}" ?disabled=${i === 0}
        aria-label=${t('moveUpWho', { name: x.name })} @click=${() => a.move(x, -1)}>${t('moveUp')}</button>
      <button type="button" class="button secondary" id="down-${x.template}" ?disabled=${i === list.length - 1}
        aria-label=${t('moveDownWho', { name: x.name })} @click=${() => a.move(x, 1)}>${t('moveDown')}</button>
      <button type="button" class="button secondary" aria-label=${t('removeFormWho', { name: x.name })}
        @click=${() => a.removeForm(x)}>${t('ptRemoveForm')}</button>
    </div></td>
  </tr>`;
  return html`<fieldset class="box" aria-describedby="pt-forms-hint">
    <legend>${t('ptForms')}</legend>
    <p class="hint" id="pt-forms-hint">${t('ptFormsHint')}</p>
    ${list.length ? html`<div class="table-wrap"><table class="list" id="pt-forms">
      <caption class="visually-hidden">${t('ptFormsCaption')}</caption>
      <thead><tr><th scope="col" class="num">${t('colPtOrder')}</th><th scope="col">${t('colPtForm')}</th>
        <th scope="col"><span class="visually-hidden">${t('colPtMove')}</span></th></tr></thead>
      <tbody>${repeat(list, (x) => x.template, row)}</tbody>
    </table></div>` : html`<p class="empty">${t('ptFormsNone')}</p>`}
    <div class="add-form">${list.length < maxForms ? s.picker.view(s.errors) : html`<p class="hint">${t('ptFormsTooMany')}</p>`}</div>
  </fieldset>`;
}

function schedulePart(s) {
  const e = s.errors;
  const f = s.f;
  return html`<fieldset class="box">
    <legend>${t('ptScheduleLegend')}</legend>
    <div class="field">
      <label for="pt-weekday">${t('ptWeekday')}</label>
      <p class="hint" id="pt-weekday-hint">${t('ptWeekdayHint')}</p>
      <select id="pt-weekday" aria-describedby="pt-weekday-hint" @change=${(ev) => { f.weekday = ev.target.value; }}>
        <option value="" ?selected=${!f.weekday}>${t('weekdayNone')}</option>
        ${weekdays.map((n) => html`<option value=${String(n)} ?selected=${f.weekday === String(n)}>${capital(weekdayText(n))}</option>`)}
      </select>
    </div>
    <div class="field">
      <label for="pt-time">${t('ptTime')}</label>
      <p class="hint" id="pt-time-hint">${t('ptTimeHint')}</p>${fieldError(e, 'pt-time')}
      <input type="time" id="pt-time" .value=${f.time} aria-describedby=${describedBy(e, 'pt-time', 'pt-time-hint')}
        aria-invalid=${invalid(e, 'pt-time')} @input=${(ev) => { f.time = ev.target.value; }}>
    </div>
    <fieldset class="inline-fields" aria-describedby="pt-interval-hint">
      <legend>${t('ptInterval')}</legend>
      <p class="hint" id="pt-interval-hint">${t('ptIntervalHint')}</p>${fieldError(e, 'pt-count')}
      <div class="input-row">
        <div class="field">
          <label for="pt-count">${t('ptIntervalCount')}</label>
          <input type="number" id="pt-count" min="1" max="52" step="1" inputmode="numeric" .value=${f.count}
            aria-describedby=${describedBy(e, 'pt-count')} aria-invalid=${invalid(e, 'pt-count')} @input=${(ev) => { f.count = ev.target.value; }}>
        </div>
        <div class="field">
          <label for="pt-unit">${t('ptIntervalUnit')}</label>
          <select id="pt-unit" @change=${(ev) => { f.unit = ev.target.value; }}>
            ${intervalUnits.map((u) => html`<option value=${u} ?selected=${f.unit === u}>${unitText(u)}</option>`)}
          </select>
        </div>
      </div>
    </fieldset>
    ${input(s, { id: 'pt-occasions', key: 'occasions', label: 'ptOccasions', hint: 'ptOccasionsHint', type: 'number',
                 extra: { min: 1, max: 52, inputmode: 'numeric' } })}
  </fieldset>`;
}

function archivePart(s, a) {
  const x = s.template;
  return html`<section class="section" aria-labelledby="pt-archive-heading">
    <h2 id="pt-archive-heading">${t('ptArchiveHeading')}</h2>
    <p class="hint" id="pt-archive-hint">${x.archived ? t('ptArchivedNote') : t('ptArchiveHint')}</p>
    <button type="button" class="button secondary" id="pt-archive" aria-describedby="pt-archive-hint" ?disabled=${s.busy}
      @click=${a.archive}>${x.archived ? t('ptRestore') : t('ptArchive')}</button>
  </section>`;
}

// s: {template (as listed) | null, f (the fields), picker, errors, busy, message}; a: the actions.
export function view(s, a) {
  const x = s.template;
  const e = s.errors;
  return html`${designNav(null, '#/design/paket')}
    <h1>${x ? x.name : t('ptNewTitle')}</h1>${errorSummary(e)}
    ${x ? html`<p>${t('ptStatus')}: ${archivedBadge(x.archived)}</p>` : nothing}
    <div id="pt-message" tabindex="-1">${s.message ? notice(s.message.text, s.message.kind) : nothing}</div>
    <p>${t('ptIntro')}</p>
    <form class="stack pt-form" novalidate @submit=${a.save}>
      ${input(s, { id: 'pt-name', key: 'name', label: 'ptName', hint: 'ptNameHint' })}
      ${input(s, { id: 'pt-title', key: 'title', label: 'ptTitle', hint: 'ptTitleHint' })}
      ${formsPart(s, a)}
      ${schedulePart(s)}
      <div class="field">
        <label for="pt-inbox">${t('ptInbox')}</label>
        <p class="hint" id="pt-inbox-hint">${t('ptInboxHint')}</p>${fieldError(e, 'pt-inbox')}
        <textarea id="pt-inbox" rows="7" maxlength="4000" .value=${s.f.inboxMessage}
          aria-describedby=${describedBy(e, 'pt-inbox', 'pt-inbox-hint')} aria-invalid=${invalid(e, 'pt-inbox')}
          @input=${(ev) => { s.f.inboxMessage = ev.target.value; }}></textarea>
      </div>
      ${input(s, { id: 'pt-error-email', key: 'errorEmail', label: 'ptErrorEmail', hint: 'ptErrorEmailHint', type: 'email', maxlength: 254 })}
      ${fieldError(e, 'pt-save')}
      <div>
        <button type="submit" class="button" id="pt-save" ?disabled=${s.busy}>${x ? t('ptSave') : t('ptCreate')}</button>
        ${s.busy ? html`<span class="loading" role="status">${t('ptSaving')}</span>` : nothing}
      </div>
    </form>
    ${x ? archivePart(s, a) : nothing}`;
}

// ---- Entering the address and the actions --------------------------------------------------------------
export async function enter({ id } = {}) {
  const current = visit();
  const [list, templateList] = await Promise.all([packageApi.templates(), api.templates()]);
  const templates = sendable(templateList.json.templates);
  let template = null;
  if (id !== undefined) {
    template = list.json.package_templates.find((x) => String(x.id) === id);
    if (!template) throw new ApiError(404, { error: { code: 'not_found' } });
  }
  const s = { template, f: fields(template), errors: [], busy: false, message: null, picker: null };

  const draw = () => { if (current()) show(template ? template.name : t('ptNewTitle'), view(s, a)); };
  const say = (text, kind = 'info') => {
    s.message = { text, kind };
    draw();
    document.getElementById('pt-message')?.focus();
  };
  // The server's refusal, beside the field it is about.
  const refused = (e) => {
    const [, what, index] = /^(\w+)\.?(\d+)?$/.exec(e.field ?? '') ?? [];
    if (what === 'forms') {
      const x = s.f.forms[Number(index)];
      return { field: 'template-input', text: x ? t('ptFormRefused', { name: x.name }) : messageOf(e) };
    }
    const at = {
      name: 'pt-name', title: 'pt-title', interval: 'pt-count', occasions: 'pt-occasions', weekday: 'pt-weekday', time: 'pt-time',
      inbox_message: 'pt-inbox', error_email: 'pt-error-email',
    };
    if (e.code === 'package_template.name_taken') return { field: 'pt-name', text: messageOf(e) };
    return { field: at[what] ?? 'pt-save', text: messageOf(e) };
  };

  s.picker = new TemplatePicker(templates, draw, (picked) => {
    if (!picked) return;
    s.picker.chosen = null;
    s.picker.query = '';
    if (s.f.forms.some((x) => x.template === picked.id)) {
      announce(t('ptFormTaken', { name: picked.name }));
      return;
    }
    s.f.forms = [...s.f.forms, { template: picked.id, name: picked.name }];
    s.errors = s.errors.filter((x) => x.field !== 'template-input');
    announce(t('ptFormAdded', { name: picked.name, n: s.f.forms.length }));
  });

  const a = {
    move(x, step) {
      const list = [...s.f.forms];
      const i = list.indexOf(x);
      const j = i + step;
      if (j < 0 || j >= list.length) return;
      [list[i], list[j]] = [list[j], list[i]];
      s.f.forms = list;
      draw();
      announce(t('ptFormMoved', { name: x.name, n: j + 1 }));
      // Focus stays with the form moved: on the same button, or on the other one at an end.
      const button = document.getElementById(`${step < 0 ? 'up' : 'down'}-${x.template}`);
      (button && !button.disabled ? button : document.getElementById(`${step < 0 ? 'down' : 'up'}-${x.template}`))?.focus();
    },
    removeForm(x) {
      s.f.forms = s.f.forms.filter((y) => y !== x);
      draw();
      announce(t('ptFormRemoved', { name: x.name }));
      document.getElementById('template-input')?.focus();
    },
    async save(ev) {
      ev.preventDefault();
      s.errors = validate(s.f);
      if (s.errors.length) {
        draw();
        focusSummary();
        return;
      }
      s.busy = true;
      draw();
      try {
        const r = template
          ? await packageApi.saveTemplate(template.id, body(s.f, template.archived))
          : await packageApi.createTemplate(body(s.f));
        const name = r.json?.name ?? s.f.name.trim();
        setFlash(template ? t('ptSaved', { name }) : t('ptCreated', { name }));
        location.hash = '#/design/paket';
      } catch (e) {
        s.busy = false;
        if (leftPage(e)) return;
        s.errors = [refused(e)];
        draw();
        focusSummary();
      }
    },
    async archive() {
      const archived = !template.archived;
      const yes = await confirmDialog({
        title: t(archived ? 'askPtArchive' : 'askPtRestore', { name: template.name }),
        text: t(archived ? 'ptArchiveHint' : 'askPtRestoreText'),
        yes: t(archived ? 'ptArchive' : 'ptRestore'),
      });
      if (!yes) return;
      s.busy = true;
      draw();
      try {
        // The stored template with only its archived flag changed (the fields being edited stay as typed).
        const r = await packageApi.saveTemplate(template.id, body(fields(template), archived));
        template = r.json ?? { ...template, archived };
        s.template = template;
        s.busy = false;
        say(t(archived ? 'ptArchivedNow' : 'ptRestoredNow'));
      } catch (e) {
        s.busy = false;
        if (leftPage(e)) return;
        say(t('ptActionFailed', { reason: messageOf(e) }), 'error');
      }
    },
  };
  draw();
  focusMain();
}
