// Starta paketutskick (#/utskick/paket): choose one of the unit's package templates (Paketutskick) and
// see its defaults, ready to change: the title the citizen sees, the address told of errors, the start
// date and time (a warning when the notification would come early or late in the day), the occasions
// computed from them and the interval (each date and time editable, each removable), the forms (ticked
// off, or another of the unit's templates added), the recipients (the same list as Skicka formulär:
// typed or from a .txt file, checked by the server), the inbox message; then a confirmation, POST
// /packages, and the receipt. The server's refusals are said in red beside what they are about. The
// draft stays while the session and the unit do (a change of language redraws it), and goes at logout.
//
// Sections: texts · state and checks · the page's markup (view) · entering the address and the actions.
import { ApiError } from '../lib/api.js';
import { announce, focusMain, notice, show } from '../lib/dom.js';
import { today } from '../lib/core.js';
import { html, nothing, repeat } from '../lib/html.js';
import { addTexts, messageOf, t } from '../lib/i18n.js';
import { api } from './api.js';
import { confirmDialog } from './design-admin-parts.js';
import {
  atTime, intervalText, isDate, isTime, lateHour, lateHourWarning, occasionDate, occasionsText, packageApi, trashIcon,
  defaultStart,
} from './package-parts.js';
import { describedBy, errorSummary, fieldError, focusSummary, handleError, invalid, visit } from './parts.js';
import { sendable } from './picker.js';
import { recipientActions, recipientDraft, recipientsSection, refusalText } from './recipients.js';
import { defaultInboxText } from './send.js';
import { onSessionChange, staff } from './session.js';

// ---- Texts ---------------------------------------------------------------------------------------------
addTexts({
  sv: {
    packageStartTitle: 'Starta paketutskick',
    packageStartIntro: 'Ett paketutskick skickar ett eller flera formulär till samma mottagare vid flera tillfällen. Välj paketutskick, kontrollera de förvalda inställningarna, lägg till mottagare och starta.',
    packageChoose: 'Paketutskick',
    packageChooseHint: 'Välj paketutskick i listan. Dess förvalda inställningar visas och kan ändras.',
    packageChoosePlaceholder: 'Välj paketutskick …',
    packageNoneAtAll: 'Enheten har inga paketmallar att starta. En formulärdesigner skapar dem under Design, Paketmallar.',
    packageMissing: 'Välj ett paketutskick.',
    packageSettings: 'Inställningar',
    packageTitle: 'Titel som visas för invånaren',
    packageTitleHint: 'Visas för mottagaren ovanför formulären. Kan vara annorlunda än paketutskickets namn.',
    packageTitleMissing: 'Skriv titeln som visas för invånaren.',
    packageErrorEmail: 'E-postavisering vid eventuella fel',
    packageErrorEmailHint: 'Adressen får ett mejl om ett utskickstillfälle inte kan skickas som planerat, till exempel när en formulärmall har arkiverats. Ta inte bort en förvald adress.',
    packageErrorEmailBad: 'Skriv en giltig e-postadress, eller lämna fältet tomt.',
    occasionsHeading: 'Utskickstillfällen',
    packageStart: 'Startdatum',
    packageStartHint: 'Det första utskickstillfällets datum. De följande räknas fram {interval}.',
    packageStartMissing: 'Skriv startdatum.',
    packageTime: 'Klockslag',
    packageTimeHint: 'HH:MM. Mottagarna får en avisering vid den tiden.',
    packageTimeMissing: 'Skriv klockslag i formatet HH:MM.',
    occasionsHint: 'Ändrar du startdatum eller klockslag räknas tillfällena om. Du kan också ändra ett enskilt tillfälle, eller ta bort det med papperskorgen.',
    occasionsCaption: 'Utskickstillfällen: {count}',
    colOccasion: 'Tillfälle',
    colOccasionDate: 'Datum',
    colOccasionTime: 'Klockslag',
    colOccasionRemove: 'Ta bort',
    occasionDateLabel: 'Datum för tillfälle {n}',
    occasionTimeLabel: 'Klockslag för tillfälle {n}',
    occasionRemove: 'Ta bort tillfälle {n}, {when}',
    occasionRemoved: 'Tillfället {when} är borttaget.',
    occasionLate: 'Tidigt eller sent på dagen',
    occasionDateMissing: 'Skriv datum för tillfälle {n}.',
    occasionTimeMissing: 'Skriv klockslag för tillfälle {n} i formatet HH:MM.',
    occasionOrder: 'Tillfälle {n} måste vara senare än tillfället före.',
    occasionPast: 'Tillfälle {n} har redan passerat. Välj ett senare datum eller klockslag.',
    occasionBad: 'Kontrollera datum och klockslag för tillfälle {n}: varje tillfälle ska vara senare än det förra.',
    occasionOnlyOne: 'Paketutskicket har ett tillfälle. Det sista tillfället kan inte tas bort.',
    packageForms: 'Ingående formulär',
    packageFormsHint: 'Ta bort bocken för ett formulär som inte ska skickas, eller lägg till ett av enhetens formulär.',
    packageFormUnavailableHint: 'Kan inte skickas nu: mallen är arkiverad, saknar publicerad version eller är en gemensam mall utan prenumeration.',
    packageFormsMissing: 'Välj minst ett formulär.',
    packageAddFormLabel: 'Formulär att lägga till',
    packageAddFormNone: 'Välj formulär …',
    packageAddForm: 'Lägg till formulär',
    packageAddFormMissing: 'Välj ett formulär att lägga till.',
    packageFormAdded: '{name} är tillagt bland de ingående formulären.',
    packageRecipientsMissing: 'Lägg till minst en mottagare.',
    packageInbox: 'Inkorgsmeddelande',
    packageInboxHint: 'Mottagarna får meddelandet i inkorgen vid varje tillfälle, med en länk till formulären, och en avisering med e-post eller sms om de har det. Högst 4000 tecken.',
    packageInboxMissing: 'Skriv ett inkorgsmeddelande.',
    startPackage: 'Starta paketutskick',
    startingPackage: 'Startar …',
    packageConfirm: 'Vill du starta paketutskicket "{name}" för {count} mottagare?',
    packageConfirmText: '{occasions}, det första {first}. Vid varje tillfälle får mottagarna {forms}. Du kan stoppa paketutskicket under Pågående paketutskick.',
    packageConfirmYes: 'Ja, starta',
    packageStartedTitle: 'Paketutskicket är startat',
    packageStartedDone: 'Paketutskicket "{name}" är startat för {count} mottagare.',
    packageStartedRefusedOne: '1 mottagare kom inte med:',
    packageStartedRefusedMany: '{count} mottagare kom inte med:',
    packageStartedOccasions: 'Utskickstillfällen',
    toPackage: 'Visa paketutskicket',
    toPackages: 'Till Pågående paketutskick',
    startAnother: 'Starta ett nytt paketutskick',
  },
  en: {
    packageStartTitle: 'Start a package',
    packageStartIntro: 'A package sends one or more forms to the same recipients at several occasions. Choose a package, check its default settings, add recipients and start.',
    packageChoose: 'Package',
    packageChooseHint: 'Choose a package in the list. Its default settings are shown and can be changed.',
    packageChoosePlaceholder: 'Choose a package …',
    packageNoneAtAll: 'The unit has no package templates to start. A form designer creates them under Design, Package templates.',
    packageMissing: 'Choose a package.',
    packageSettings: 'Settings',
    packageTitle: 'Title shown to the citizen',
    packageTitleHint: 'Shown to the recipient above the forms. It may differ from the package\'s name.',
    packageTitleMissing: 'Enter the title shown to the citizen.',
    packageErrorEmail: 'E-mail notification of errors',
    packageErrorEmailHint: 'The address gets an e-mail if an occasion cannot be sent as planned, for example when a form template has been archived. Do not remove a default address.',
    packageErrorEmailBad: 'Enter a valid e-mail address, or leave the field empty.',
    occasionsHeading: 'Occasions',
    packageStart: 'Start date',
    packageStartHint: 'The date of the first occasion. The following ones are computed {interval}.',
    packageStartMissing: 'Enter the start date.',
    packageTime: 'Time',
    packageTimeHint: 'HH:MM. The recipients get a notification at that time.',
    packageTimeMissing: 'Enter the time as HH:MM.',
    occasionsHint: 'Changing the start date or the time computes the occasions again. You can also change one occasion, or remove it with the trash can.',
    occasionsCaption: 'Occasions: {count}',
    colOccasion: 'Occasion',
    colOccasionDate: 'Date',
    colOccasionTime: 'Time',
    colOccasionRemove: 'Remove',
    occasionDateLabel: 'Date of occasion {n}',
    occasionTimeLabel: 'Time of occasion {n}',
    occasionRemove: 'Remove occasion {n}, {when}',
    occasionRemoved: 'The occasion {when} has been removed.',
    occasionLate: 'Early or late in the day',
    occasionDateMissing: 'Enter the date of occasion {n}.',
    occasionTimeMissing: 'Enter the time of occasion {n} as HH:MM.',
    occasionOrder: 'Occasion {n} must be later than the one before.',
    occasionPast: 'Occasion {n} has already passed. Choose a later date or time.',
    occasionBad: 'Check the date and time of occasion {n}: each occasion must be later than the one before.',
    occasionOnlyOne: 'The package has one occasion. The last occasion cannot be removed.',
    packageForms: 'Included forms',
    packageFormsHint: 'Untick a form that is not to be sent, or add one of the unit\'s forms.',
    packageFormUnavailableHint: 'Cannot be sent now: the template is archived, has no published version, or is a shared template without a subscription.',
    packageFormsMissing: 'Choose at least one form.',
    packageAddFormLabel: 'Form to add',
    packageAddFormNone: 'Choose a form …',
    packageAddForm: 'Add form',
    packageAddFormMissing: 'Choose a form to add.',
    packageFormAdded: '{name} has been added to the included forms.',
    packageRecipientsMissing: 'Add at least one recipient.',
    packageInbox: 'Inbox message',
    packageInboxHint: 'The recipients get the message in their inbox at each occasion, with a link to the forms, and a notification by e-mail or SMS if they have one. At most 4000 characters.',
    packageInboxMissing: 'Write an inbox message.',
    startPackage: 'Start the package',
    startingPackage: 'Starting …',
    packageConfirm: 'Do you want to start the package "{name}" for {count} recipients?',
    packageConfirmText: '{occasions}, the first {first}. At each occasion the recipients get {forms}. You can stop the package under Running packages.',
    packageConfirmYes: 'Yes, start',
    packageStartedTitle: 'The package has been started',
    packageStartedDone: 'The package "{name}" has been started for {count} recipients.',
    packageStartedRefusedOne: '1 recipient was not included:',
    packageStartedRefusedMany: '{count} recipients were not included:',
    packageStartedOccasions: 'Occasions',
    toPackage: 'Show the package',
    toPackages: 'To Running packages',
    startAnother: 'Start another package',
  },
});

// ---- State and checks ----------------------------------------------------------------------------------
let draft = null;
onSessionChange((me) => { if (!me) draft = null; });

function fresh(unitId) {
  return {
    unit: unitId,
    chosen: null,            // the package template drawn from
    title: '', errorEmail: '', start: '', time: '', interval: null,
    occasions: [],           // [{key (its number in the template's schedule, 0 first), date, time}]
    forms: [],               // [{template, name, included, available}]
    addForm: '',
    ...recipientDraft(),     // the recipients, the number typed, the last import's report
    inboxMessage: '',
    errors: [], sending: false, receipt: null,
  };
}

// The template's defaults into the draft (the recipients stay).
function adopt(s, tpl) {
  s.chosen = tpl;
  s.title = tpl.title;
  s.errorEmail = tpl.error_email ?? '';
  s.start = defaultStart(tpl.weekday);
  s.time = tpl.time ?? '09:00';
  s.interval = tpl.interval;
  s.occasions = Array.from({ length: tpl.occasions }, (_, key) => ({ key, date: occasionDate(s.start, tpl.interval, key), time: s.time }));
  s.forms = tpl.forms.map((f) => ({ template: f.template, name: f.name, included: true, available: f.available }));
  s.addForm = '';
  s.inboxMessage = tpl.inbox_message || defaultInboxText;
  s.errors = [];
}

const emailLike = (text) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);
const nowTime = () => {
  const d = new Date();
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};
const dateId = (o) => `occ-${o.key}-date`;
const timeId = (o) => `occ-${o.key}-time`;

function validate(s) {
  const errors = [];
  if (!s.chosen) return [{ field: 'package-template', text: t('packageMissing') }];
  if (!s.title.trim()) errors.push({ field: 'package-title', text: t('packageTitleMissing') });
  if (s.errorEmail.trim() && !emailLike(s.errorEmail.trim())) errors.push({ field: 'package-error-email', text: t('packageErrorEmailBad') });
  if (!isDate(s.start)) errors.push({ field: 'package-start', text: t('packageStartMissing') });
  if (!isTime(s.time)) errors.push({ field: 'package-time', text: t('packageTimeMissing') });
  let before = null;
  s.occasions.forEach((o, i) => {
    const n = i + 1;
    if (!isDate(o.date)) errors.push({ field: dateId(o), text: t('occasionDateMissing', { n }) });
    else if (!isTime(o.time)) errors.push({ field: timeId(o), text: t('occasionTimeMissing', { n }) });
    else {
      const at = `${o.date} ${o.time}`;
      if (i === 0 && at <= `${today()} ${nowTime()}`) errors.push({ field: dateId(o), text: t('occasionPast', { n }) });
      else if (before && at <= before) errors.push({ field: dateId(o), text: t('occasionOrder', { n }) });
      before = at;
      return;
    }
    before = null;
  });
  const included = s.forms.filter((f) => f.included);
  if (!included.length) errors.push({ field: s.forms.length ? `form-${s.forms[0].template}` : 'add-form', text: t('packageFormsMissing') });
  if (!s.recipients.length) errors.push({ field: 'pnr', text: t('packageRecipientsMissing') });
  if (!s.inboxMessage.trim()) errors.push({ field: 'package-inbox', text: t('packageInboxMissing') });
  return errors;
}

const countText = (count, one, many) => t(count === 1 ? one : many, { count });

// ---- The page's markup ---------------------------------------------------------------------------------
function chooser(s, a, templates) {
  const e = s.errors;
  return html`<div class="field">
    <label for="package-template">${t('packageChoose')}</label>
    <p class="hint" id="package-template-hint">${templates.length ? t('packageChooseHint') : t('packageNoneAtAll')}</p>
    ${fieldError(e, 'package-template')}
    <select id="package-template" aria-describedby=${describedBy(e, 'package-template', 'package-template-hint')}
      aria-invalid=${invalid(e, 'package-template')} @change=${a.choose}>
      <option value="" ?selected=${!s.chosen}>${t('packageChoosePlaceholder')}</option>
      ${templates.map((x) => html`<option value=${String(x.id)} ?selected=${s.chosen?.id === x.id}>${x.name}</option>`)}
    </select>
  </div>`;
}

function textField(s, e, { id, key, label, hint, type = 'text', maxlength = 200, autocomplete = 'off' }) {
  return html`<div class="field">
    <label for=${id}>${t(label)}</label>
    <p class="hint" id="${id}-hint">${t(hint)}</p>${fieldError(e, id)}
    <input type=${type} id=${id} maxlength=${maxlength} autocomplete=${autocomplete} .value=${s[key]}
      aria-describedby=${describedBy(e, id, `${id}-hint`)} aria-invalid=${invalid(e, id)}
      @input=${(ev) => { s[key] = ev.target.value; }}>
  </div>`;
}

function settingsPart(s) {
  const e = s.errors;
  return html`<fieldset class="box">
    <legend>${t('packageSettings')}</legend>
    ${textField(s, e, { id: 'package-title', key: 'title', label: 'packageTitle', hint: 'packageTitleHint' })}
    ${textField(s, e, { id: 'package-error-email', key: 'errorEmail', label: 'packageErrorEmail', hint: 'packageErrorEmailHint',
                        type: 'email', maxlength: 254, autocomplete: 'email' })}
  </fieldset>`;
}

function occasionsPart(s, a) {
  const e = s.errors;
  const only = s.occasions.length === 1;
  const row = (o, i) => {
    const n = i + 1;
    const late = lateHour(o.time);
    return html`<tr>
      <th scope="row" data-label=${t('colOccasion')}>${n}</th>
      <td data-label=${t('colOccasionDate')}><div>
        <label class="visually-hidden" for=${dateId(o)}>${t('occasionDateLabel', { n })}</label>${fieldError(e, dateId(o))}
        <input type="date" id=${dateId(o)} .value=${o.date} aria-invalid=${invalid(e, dateId(o))}
          aria-describedby=${describedBy(e, dateId(o))} @input=${(ev) => { o.date = ev.target.value; }} @change=${a.redraw}>
      </div></td>
      <td data-label=${t('colOccasionTime')}><div>
        <label class="visually-hidden" for=${timeId(o)}>${t('occasionTimeLabel', { n })}</label>${fieldError(e, timeId(o))}
        <input type="time" id=${timeId(o)} .value=${o.time} aria-invalid=${invalid(e, timeId(o))}
          aria-describedby=${describedBy(e, timeId(o), late ? `${timeId(o)}-late` : '')}
          @input=${(ev) => { o.time = ev.target.value; }} @change=${a.redraw}>
        ${late ? html`<span class="warn-text occasion-late" id="${timeId(o)}-late">${t('occasionLate')}</span>` : nothing}
      </div></td>
      <td class="cell-action">${only ? nothing : html`<button type="button" class="button secondary icon-button"
        aria-label=${t('occasionRemove', { n, when: atTime(o.date, o.time) })} title=${t('colOccasionRemove')}
        @click=${() => a.removeOccasion(o)}>${trashIcon}</button>`}</td>
    </tr>`;
  };
  const late = lateHour(s.time);
  return html`<section class="section" aria-labelledby="occasions-heading">
    <h2 id="occasions-heading" tabindex="-1">${t('occasionsHeading')}</h2>
    <div class="schedule-fields">
      <div class="field">
        <label for="package-start">${t('packageStart')}</label>
        <p class="hint" id="package-start-hint">${t('packageStartHint', { interval: intervalText(s.interval) })}</p>
        ${fieldError(e, 'package-start')}
        <input type="date" id="package-start" .value=${s.start} min=${today()} aria-invalid=${invalid(e, 'package-start')}
          aria-describedby=${describedBy(e, 'package-start', 'package-start-hint')}
          @input=${(ev) => { s.start = ev.target.value; }} @change=${a.startChanged}>
      </div>
      <div class="field">
        <label for="package-time">${t('packageTime')}</label>
        <p class="hint" id="package-time-hint">${t('packageTimeHint')}</p>
        ${fieldError(e, 'package-time')}
        <input type="time" id="package-time" .value=${s.time} aria-invalid=${invalid(e, 'package-time')}
          aria-describedby=${describedBy(e, 'package-time', late ? 'package-time-hint package-time-warning' : 'package-time-hint')}
          @input=${(ev) => { s.time = ev.target.value; }} @change=${a.timeChanged}>
      </div>
    </div>
    <div aria-live="polite">${late ? lateHourWarning(s.time, 'package-time-warning') : nothing}</div>
    <p class="hint">${t('occasionsHint')}</p>
    <div class="table-wrap"><table class="list occasions" id="occasions">
      <caption>${t('occasionsCaption', { count: s.occasions.length })}</caption>
      <thead><tr><th scope="col">${t('colOccasion')}</th><th scope="col">${t('colOccasionDate')}</th>
        <th scope="col">${t('colOccasionTime')}</th><th scope="col"><span class="visually-hidden">${t('colOccasionRemove')}</span></th></tr></thead>
      <tbody>${repeat(s.occasions, (o) => o.key, row)}</tbody>
    </table></div>
    ${only ? html`<p class="hint">${t('occasionOnlyOne')}</p>` : nothing}
  </section>`;
}

function formsPart(s, a, templates) {
  const e = s.errors;
  const others = templates.filter((x) => !s.forms.some((f) => f.template === x.id));
  const box = (f) => {
    const id = `form-${f.template}`;
    const hint = f.available === false ? `${id}-hint` : '';
    return html`<div class="option-block">
      ${fieldError(e, id)}
      <div class="option">
        <input type="checkbox" id=${id} .checked=${f.included} aria-invalid=${invalid(e, id)}
          aria-describedby=${describedBy(e, id, hint)} @change=${(ev) => { f.included = ev.target.checked; }}>
        <label for=${id}>${f.name}</label>
      </div>
      ${f.available === false ? html`<p class="hint warn-text setting-hint" id=${hint}>${t('packageFormUnavailableHint')}</p>` : nothing}
    </div>`;
  };
  return html`<section class="section" aria-labelledby="forms-heading">
    <fieldset class="box" aria-describedby="package-forms-hint">
      <legend><h2 id="forms-heading" class="legend-heading">${t('packageForms')}</h2></legend>
      <p class="hint" id="package-forms-hint">${t('packageFormsHint')}</p>
      ${repeat(s.forms, (f) => f.template, box)}
      <div class="add-form">
        <div class="field">
          <label for="add-form">${t('packageAddFormLabel')}</label>${fieldError(e, 'add-form')}
          <select id="add-form" aria-invalid=${invalid(e, 'add-form')} aria-describedby=${describedBy(e, 'add-form')}
            @change=${(ev) => { s.addForm = ev.target.value; }}>
            <option value="" ?selected=${!s.addForm}>${t('packageAddFormNone')}</option>
            ${others.map((x) => html`<option value=${String(x.id)} ?selected=${s.addForm === String(x.id)}>${x.name}</option>`)}
          </select>
        </div>
        <button type="button" class="button secondary" @click=${a.addForm}>${t('packageAddForm')}</button>
      </div>
    </fieldset>
  </section>`;
}

function finalPart(s, a) {
  const e = s.errors;
  return html`<form class="stack details" novalidate @submit=${a.confirm}>
    <div class="field">
      <label for="package-inbox">${t('packageInbox')}</label>
      <p class="hint" id="package-inbox-hint">${t('packageInboxHint')}</p>${fieldError(e, 'package-inbox')}
      <textarea id="package-inbox" rows="8" maxlength="4000" .value=${s.inboxMessage}
        aria-describedby=${describedBy(e, 'package-inbox', 'package-inbox-hint')} aria-invalid=${invalid(e, 'package-inbox')}
        @input=${(ev) => { s.inboxMessage = ev.target.value; }}></textarea>
    </div>
    ${fieldError(e, 'start-package')}
    <div>
      <button type="submit" class="button" id="start-package" ?disabled=${s.sending}>${t('startPackage')}</button>
      ${s.sending ? html`<span class="loading" role="status">${t('startingPackage')}</span>` : nothing}
    </div>
  </form>`;
}

function receiptView(r, a) {
  return html`<h1 id="package-receipt">${t('packageStartedTitle')}</h1>
    ${notice(t('packageStartedDone', { name: r.name, count: r.added }))}
    <dl class="summary-list">
      <dt>${t('packageTitle')}</dt><dd>${r.title}</dd>
      <dt>${t('packageForms')}</dt><dd>${r.forms.join(', ')}</dd>
      <dt>${t('packageStartedOccasions')}</dt><dd><ul class="plain">${r.occasions.map((o) => html`<li>${atTime(o.date, o.time)}</li>`)}</ul></dd>
      <dt>${t('packageErrorEmail')}</dt><dd>${r.errorEmail || t('no')}</dd>
    </dl>
    ${r.refused.length ? html`<h2>${countText(r.refused.length, 'packageStartedRefusedOne', 'packageStartedRefusedMany')}</h2>
      <ul class="refused">${r.refused.map((p) => html`<li>${refusalText(p)}</li>`)}</ul>` : nothing}
    ${r.unnotified ? html`<div class="notice notice-warning"><p>${countText(r.unnotified, 'noNoticeOne', 'noNoticeMany')}</p></div>` : nothing}
    <ul class="actions">
      <li><a href=${r.id ? `#/utskick/paket/pagaende/${r.id}` : '#/utskick/paket/pagaende'}>${r.id ? t('toPackage') : t('toPackages')}</a></li>
      <li><button type="button" class="link-button" @click=${a.again}>${t('startAnother')}</button></li>
    </ul>`;
}

// s: the page's state; a: its actions; packages: the package templates to choose from; templates: the
// unit's sendable templates (to add).
export function view(s, a, packages, templates) {
  if (s.receipt) return receiptView(s.receipt, a);
  return html`<h1>${t('packageStartTitle')}</h1>${errorSummary(s.errors)}
    <p>${t('packageStartIntro')}</p>
    ${chooser(s, a, packages)}
    ${s.chosen ? html`
      ${settingsPart(s)}
      ${occasionsPart(s, a)}
      ${formsPart(s, a, templates)}
      ${recipientsSection(s, s.errors, a)}
      ${finalPart(s, a)}` : nothing}`;
}

// ---- Entering the address and the actions --------------------------------------------------------------
export async function enter() {
  const current = visit();
  const me = staff();
  const [packageList, templateList] = await Promise.all([packageApi.templates(), api.templates()]);
  const packages = packageList.json.package_templates.filter((x) => !x.archived);
  const templates = sendable(templateList.json.templates);
  // A receipt stays only while it is on screen (a change of language); coming back starts afresh.
  if (draft?.receipt && !document.getElementById('package-receipt')) draft = null;
  if (!draft || draft.unit !== me.unit) draft = fresh(me.unit);
  const s = draft;
  // The template chosen before, as the server has it now (gone or archived meanwhile: none).
  if (s.chosen) s.chosen = packages.find((x) => x.id === s.chosen.id) ?? null;

  const draw = () => {
    if (!current() || draft !== s) return;
    show(s.receipt ? t('packageStartedTitle') : t('packageStartTitle'), view(s, a, packages, templates));
  };
  // A failed check or start: a 401 or a lost role goes to handleError, anything else is said on the page.
  const leaves = (e) => e instanceof ApiError && (e.status === 401 || e.code === 'auth.role' || e.code === 'staff.no_unit');
  const failed = (e, field) => {
    if (leaves(e)) {
      handleError(e);
      return;
    }
    s.errors = [{ field, text: messageOf(e) }];
    draw();
    focusSummary();
  };
  // The server's refusal of a start, beside the field it is about; body: what was sent.
  const refused = (e, body) => {
    const [, what, index] = /^(\w+)\.(\d+)$/.exec(e.field ?? '') ?? [];
    const i = Number(index);
    if (e.code === 'package.form_unavailable') {
      const id = body.forms[i];
      const form = s.forms.find((f) => f.template === id);
      if (form) form.available = false;
      return { field: form ? `form-${id}` : 'start-package', text: t('packageFormUnavailable', { name: form?.name ?? '' }) };
    }
    if (what === 'occasions' && s.occasions[i]) {
      const text = e.code === 'package.occasion_past' ? t('occasionPast', { n: i + 1 }) : t('occasionBad', { n: i + 1 });
      return { field: dateId(s.occasions[i]), text };
    }
    if (e.code === 'package.occasion_past') return { field: 'package-start', text: messageOf(e) };
    if (e.code === 'package.no_recipients' || e.field === 'recipients') return { field: 'pnr', text: messageOf(e) };
    if (e.code === 'package_template.archived') return { field: 'package-template', text: messageOf(e) };
    const fields = { title: 'package-title', error_email: 'package-error-email', inbox_message: 'package-inbox' };
    return { field: fields[e.field] ?? 'start-package', text: messageOf(e) };
  };

  const a = {
    ...recipientActions(s, { draw, failed }),
    redraw: () => draw(),
    choose(ev) {
      const tpl = packages.find((x) => String(x.id) === ev.target.value);
      if (!tpl) {
        s.chosen = null;
        draw();
        return;
      }
      adopt(s, tpl);
      draw();
    },
    startChanged() {
      if (isDate(s.start)) {
        for (const o of s.occasions) o.date = occasionDate(s.start, s.interval, o.key);
      }
      draw();
    },
    timeChanged() {
      if (isTime(s.time)) {
        for (const o of s.occasions) o.time = s.time;
      }
      draw();
    },
    removeOccasion(o) {
      const at = s.occasions.indexOf(o);
      s.occasions = s.occasions.filter((x) => x !== o);
      s.errors = s.errors.filter((x) => x.field !== dateId(o) && x.field !== timeId(o));
      draw();
      announce(t('occasionRemoved', { when: atTime(o.date, o.time) }));
      const buttons = document.querySelectorAll('#occasions tbody button');
      (buttons[Math.min(at, buttons.length - 1)] ?? document.getElementById('occasions-heading')).focus();
    },
    addForm() {
      const x = templates.find((y) => String(y.id) === s.addForm);
      if (!x) {
        s.errors = [{ field: 'add-form', text: t('packageAddFormMissing') }];
        draw();
        document.getElementById('add-form').focus();
        return;
      }
      s.forms = [...s.forms, { template: x.id, name: x.name, included: true, available: true }];
      s.addForm = '';
      s.errors = s.errors.filter((y) => y.field !== 'add-form');
      draw();
      announce(t('packageFormAdded', { name: x.name }));
      document.getElementById(`form-${x.id}`)?.focus();
    },

    // "Starta paketutskick": the checks, the question, then the start.
    async confirm(ev) {
      ev.preventDefault();
      s.errors = validate(s);
      if (s.errors.length) {
        draw();
        focusSummary();
        return;
      }
      const forms = s.forms.filter((f) => f.included);
      const yes = await confirmDialog({
        title: t('packageConfirm', { name: s.chosen.name, count: s.recipients.length }),
        text: t('packageConfirmText', {
          occasions: occasionsText(s.occasions.length), first: atTime(s.occasions[0].date, s.occasions[0].time),
          forms: forms.map((f) => f.name).join(', '),
        }),
        yes: t('packageConfirmYes'),
      });
      if (yes) await a.start();
    },
    async start() {
      s.sending = true;
      draw();
      const forms = s.forms.filter((f) => f.included);
      const numbers = s.recipients.map((x) => x.text);
      const body = {
        package_template: s.chosen.id,
        title: s.title.trim(),
        forms: forms.map((f) => f.template),
        occasions: s.occasions.map((o) => ({ date: o.date, time: o.time })),
        recipients: numbers,
        inbox_message: s.inboxMessage,
        error_email: s.errorEmail.trim() || null,
      };
      let r;
      try {
        r = (await packageApi.start(body)).json;
      } catch (e) {
        s.sending = false;
        if (leaves(e)) {
          handleError(e);
          return;
        }
        s.errors = [refused(e, body)];
        draw();
        focusSummary();
        return;
      }
      const list = r.recipients ?? [];
      s.receipt = {
        id: r.package, name: s.chosen.name, title: body.title, forms: forms.map((f) => f.name), occasions: body.occasions,
        errorEmail: body.error_email, added: r.added,
        refused: list.filter((x) => x.status === 'refused').map((x) => ({ text: numbers[x.index], code: x.code })),
        unnotified: list.filter((x) => x.status !== 'refused' && x.advice === 'no_notifications').length,
      };
      s.sending = false;
      draw();
      focusMain();
    },
    again() {
      draft = null;
      enter().catch(handleError);
    },
  };

  draw();
  focusMain();
}
