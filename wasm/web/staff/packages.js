// Pågående paketutskick (#/utskick/paket/pagaende): the unit's packages, newest first (GET /packages):
// name and title, status (Pågående, Stoppad, Klar, Avbruten), the next occasion, how many occasions are
// done, the recipients, and who started it when; each leads to its page. Stopped, finished and aborted
// packages stay listed for 7 days.
import { focusMain, show, takeFlash } from '../lib/dom.js';
import { html, repeat } from '../lib/html.js';
import { addTexts, dateTime, t } from '../lib/i18n.js';
import { atTime, packageApi, statusBadge } from './package-parts.js';
import { visit } from './parts.js';

addTexts({
  sv: {
    packagesTitle: 'Pågående paketutskick',
    packagesIntro: 'Enhetens paketutskick, de senaste först. Öppna ett paketutskick för att se dess tillfällen och mottagare, ta bort en mottagare eller stoppa det. Paketutskick som är stoppade, klara eller avbrutna visas i 7 dagar.',
    packagesNone: 'Enheten har inga paketutskick just nu.',
    packagesStart: 'Starta paketutskick',
    packagesCaption: 'Paketutskick',
    colPackageName: 'Paketutskick',
    colPackageTitle: 'Titel för invånaren',
    colPackageStatus: 'Status',
    colPackageNext: 'Nästa tillfälle',
    colPackageDone: 'Tillfällen skickade',
    colPackageRecipients: 'Mottagare',
    colPackageBy: 'Startat av',
    colPackageAt: 'Startat',
    packageNoNext: 'Inget',
    packageDoneOf: '{done} av {count}',
  },
  en: {
    packagesTitle: 'Running packages',
    packagesIntro: 'The unit\'s packages, newest first. Open a package to see its occasions and recipients, remove a recipient or stop it. Stopped, finished and aborted packages are listed for 7 days.',
    packagesNone: 'The unit has no packages right now.',
    packagesStart: 'Start a package',
    packagesCaption: 'Packages',
    colPackageName: 'Package',
    colPackageTitle: 'Title for the citizen',
    colPackageStatus: 'Status',
    colPackageNext: 'Next occasion',
    colPackageDone: 'Occasions sent',
    colPackageRecipients: 'Recipients',
    colPackageBy: 'Started by',
    colPackageAt: 'Started',
    packageNoNext: 'None',
    packageDoneOf: '{done} of {count}',
  },
});

export const nextText = (next) => (next ? atTime(next.date, next.time) : t('packageNoNext'));

const row = (p) => html`<tr>
  <th scope="row" data-label=${t('colPackageName')}><a href="#/utskick/paket/pagaende/${p.id}">${p.name}</a></th>
  <td data-label=${t('colPackageTitle')}>${p.title}</td>
  <td data-label=${t('colPackageStatus')}>${statusBadge(p.status)}</td>
  <td data-label=${t('colPackageNext')}>${nextText(p.next)}</td>
  <td class="num" data-label=${t('colPackageDone')}>${t('packageDoneOf', { done: p.occasions_done, count: p.occasions })}</td>
  <td class="num" data-label=${t('colPackageRecipients')}>${p.recipients}</td>
  <td data-label=${t('colPackageBy')}>${p.staff_name || p.staff}</td>
  <td data-label=${t('colPackageAt')}>${dateTime(p.created_at)}</td>
</tr>`;

// state: {packages, flash}.
export function view(state) {
  return html`<h1>${t('packagesTitle')}</h1>${state.flash}<p>${t('packagesIntro')}</p>
    ${state.packages.length ? html`<div class="table-wrap"><table class="list" id="packages">
      <caption class="visually-hidden">${t('packagesCaption')}</caption>
      <thead><tr>
        <th scope="col">${t('colPackageName')}</th><th scope="col">${t('colPackageTitle')}</th><th scope="col">${t('colPackageStatus')}</th>
        <th scope="col">${t('colPackageNext')}</th><th scope="col" class="num">${t('colPackageDone')}</th>
        <th scope="col" class="num">${t('colPackageRecipients')}</th><th scope="col">${t('colPackageBy')}</th>
        <th scope="col">${t('colPackageAt')}</th>
      </tr></thead>
      <tbody>${repeat(state.packages, (p) => p.id, row)}</tbody>
    </table></div>` : html`<p class="empty">${t('packagesNone')}</p>
      <p><a href="#/utskick/paket" class="button secondary">${t('packagesStart')}</a></p>`}`;
}

export async function enter() {
  const current = visit();
  const { packages } = (await packageApi.packages()).json;
  const state = { packages, flash: takeFlash() };
  if (current()) show(t('packagesTitle'), view(state));
  focusMain();
}
