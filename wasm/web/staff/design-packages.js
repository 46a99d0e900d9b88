// Paketmallar (#/design/paket): the unit's package templates, the "grundplåt" a sender starts a package
// from (GET /package-templates, archived ones last): the name staff see, the title the citizen sees,
// the forms, the schedule (occasions, interval, default weekday and time) and whether it is archived;
// each leads to its page, and Ny paketmall to an empty one.
import { focusMain, show, takeFlash } from '../lib/dom.js';
import { html, nothing, repeat } from '../lib/html.js';
import { addTexts, t } from '../lib/i18n.js';
import { designNav } from './design-parts.js';
import { intervalText, occasionsText, packageApi, weekdayText } from './package-parts.js';
import { visit } from './parts.js';

addTexts({
  sv: {
    designPackagesTitle: 'Paketmallar',
    designPackagesIntro: 'En paketmall är grunden för ett paketutskick: vilka formulär som skickas, titeln som invånaren ser, förvald veckodag och tid, intervall och antal utskickstillfällen, inkorgsmeddelandet och vart fel meddelas. Den som skickar kan ändra inställningarna när paketutskicket startas.',
    newPackageTemplate: 'Ny paketmall',
    designPackagesNone: 'Enheten har inga paketmallar ännu.',
    designPackagesCaption: 'Paketmallar',
    colPtName: 'Namn',
    colPtTitle: 'Titel för invånaren',
    colPtForms: 'Formulär',
    colPtSchedule: 'Schema',
    colPtState: 'Status',
    ptActive: 'Aktiv',
    ptArchived: 'Arkiverad',
    ptSchedule: '{occasions}, {interval}',
    ptWhen: 'förvalt {weekday}',
    ptAt: 'kl. {time}',
    ptUnavailable: 'kan inte skickas nu',
  },
  en: {
    designPackagesTitle: 'Package templates',
    designPackagesIntro: 'A package template is the base of a package: which forms are sent, the title the citizen sees, the default weekday and time, the interval and number of occasions, the inbox message and where errors are reported. The sender can change the settings when the package is started.',
    newPackageTemplate: 'New package template',
    designPackagesNone: 'The unit has no package templates yet.',
    designPackagesCaption: 'Package templates',
    colPtName: 'Name',
    colPtTitle: 'Title for the citizen',
    colPtForms: 'Forms',
    colPtSchedule: 'Schedule',
    colPtState: 'Status',
    ptActive: 'Active',
    ptArchived: 'Archived',
    ptSchedule: '{occasions}, {interval}',
    ptWhen: 'by default on {weekday}',
    ptAt: 'at {time}',
    ptUnavailable: 'cannot be sent now',
  },
});

// A package template's schedule in words: "3 tillfällen, varje vecka, förvalt måndag kl. 09:00".
export function scheduleText(x) {
  const base = t('ptSchedule', { occasions: occasionsText(x.occasions), interval: intervalText(x.interval) });
  const when = [x.weekday ? t('ptWhen', { weekday: weekdayText(x.weekday) }) : '', x.time ? t('ptAt', { time: x.time }) : '']
    .filter(Boolean).join(' ');
  return when ? `${base}, ${when}` : base;
}

export const archivedBadge = (archived) => html`<span class="tstate ${archived ? 'tstate-archived' : 'tstate-published'}">${
  archived ? t('ptArchived') : t('ptActive')}</span>`;

const row = (x) => html`<tr>
  <th scope="row" data-label=${t('colPtName')}><a href="#/design/paket/${x.id}">${x.name}</a></th>
  <td data-label=${t('colPtTitle')}>${x.title}</td>
  <td data-label=${t('colPtForms')}><ul class="plain">${x.forms.map((f) => html`<li>${f.name}${
    f.available ? nothing : html` <span class="warn-text">(${t('ptUnavailable')})</span>`}</li>`)}</ul></td>
  <td data-label=${t('colPtSchedule')}>${scheduleText(x)}</td>
  <td data-label=${t('colPtState')}>${archivedBadge(x.archived)}</td>
</tr>`;

// state: {list, flash}.
export function view(state) {
  return html`${designNav('#/design/paket')}<h1>${t('designPackagesTitle')}</h1>${state.flash}
    <p>${t('designPackagesIntro')}</p>
    <p><a href="#/design/paket/ny" class="button secondary" id="new-package-template">${t('newPackageTemplate')}</a></p>
    ${state.list.length ? html`<div class="table-wrap"><table class="list" id="package-templates">
      <caption class="visually-hidden">${t('designPackagesCaption')}</caption>
      <thead><tr><th scope="col">${t('colPtName')}</th><th scope="col">${t('colPtTitle')}</th><th scope="col">${t('colPtForms')}</th>
        <th scope="col">${t('colPtSchedule')}</th><th scope="col">${t('colPtState')}</th></tr></thead>
      <tbody>${repeat(state.list, (x) => x.id, row)}</tbody>
    </table></div>` : html`<p class="empty">${t('designPackagesNone')}</p>`}`;
}

export async function enter() {
  const current = visit();
  const list = (await packageApi.templates()).json.package_templates;
  const state = { list, flash: takeFlash() };
  if (current()) show(t('designPackagesTitle'), view(state));
  focusMain();
}
