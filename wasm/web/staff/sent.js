// Skickade utskick (#/utskick/skickade): the unit's dispatches, newest first (GET /dispatches, 50 a page,
// "Visa fler"): when, which template, by whom, how many recipients, and what became of them (inbox
// messages, notified, failed notifications, opened, answered); each leads to its dispatch's page.
import { focusMain, show } from '../lib/dom.js';
import { html, repeat } from '../lib/html.js';
import { addTexts, dateTime, t } from '../lib/i18n.js';
import { api } from './api.js';
import { handleError, showMore, visit } from './parts.js';

addTexts({
  sv: {
    sentListTitle: 'Skickade utskick',
    sentListIntro: 'Enhetens utskick, de senaste först. Öppna ett utskick för att se varje mottagare.',
    sentListNone: 'Enheten har inte skickat något ännu.',
    sentCaption: 'Utskick',
    colSentAt: 'Skickat',
    colSentTemplate: 'Formulär',
    colKind: 'Sätt',
    colSender: 'Avsändare',
    colRecipients: 'Mottagare',
    colInbox: 'Inkorgs\u00admeddelanden',
    colNotified: 'Aviserade',
    colFailed: 'Misslyckade aviseringar',
    colOpened: 'Öppnade',
    colAnswered: 'Besvarade',
    kindNumbers: 'Personnummer',
    kindLinks: 'Formulärlänkar',
  },
  en: {
    sentListTitle: 'Sent dispatches',
    sentListIntro: 'The unit\'s dispatches, newest first. Open a dispatch to see each recipient.',
    sentListNone: 'The unit has not sent anything yet.',
    sentCaption: 'Dispatches',
    colSentAt: 'Sent',
    colSentTemplate: 'Form',
    colKind: 'Way',
    colSender: 'Sender',
    colRecipients: 'Recipients',
    colInbox: 'Inbox messages',
    colNotified: 'Notified',
    colFailed: 'Failed notifications',
    colOpened: 'Opened',
    colAnswered: 'Answered',
    kindNumbers: 'Personal identity numbers',
    kindLinks: 'Form links',
  },
});

// The counts' columns, in 1177's order: [key in counts, text key].
export const countColumns = [['inbox', 'colInbox'], ['notified', 'colNotified'], ['failed', 'colFailed'],
                             ['opened', 'colOpened'], ['answered', 'colAnswered']];

export const kindText = (kind) => t(kind === 'links' ? 'kindLinks' : 'kindNumbers');

const row = (d) => html`<tr>
  <td data-label=${t('colSentAt')}>${dateTime(d.created_at)}</td>
  <th scope="row" data-label=${t('colSentTemplate')}><a href="#/utskick/skickade/${d.id}">${d.template.name}</a></th>
  <td data-label=${t('colKind')}>${kindText(d.kind)}</td>
  <td data-label=${t('colSender')}>${d.staff}</td>
  <td class="num" data-label=${t('colRecipients')}>${d.recipients}</td>
  ${countColumns.map(([key, label]) => html`<td class="num ${key === 'failed' && d.counts.failed ? 'warn-text' : ''}"
    data-label=${t(label)}>${d.counts[key]}</td>`)}
</tr>`;

// state: {dispatches, next, loading}; actions: {more()}.
export function view(state, actions) {
  return html`<h1>${t('sentListTitle')}</h1><p>${t('sentListIntro')}</p>
    ${state.dispatches.length ? html`<div class="table-wrap"><table class="list" id="dispatches">
      <caption class="visually-hidden">${t('sentCaption')}</caption>
      <thead><tr>
        <th scope="col">${t('colSentAt')}</th><th scope="col">${t('colSentTemplate')}</th><th scope="col">${t('colKind')}</th>
        <th scope="col">${t('colSender')}</th><th scope="col" class="num">${t('colRecipients')}</th>
        ${countColumns.map(([, label]) => html`<th scope="col" class="num">${t(label)}</th>`)}
      </tr></thead>
      <tbody>${repeat(state.dispatches, (d) => d.id, row)}</tbody>
    </table></div>` : html`<p class="empty">${t('sentListNone')}</p>`}
    ${showMore(state.next, state.loading, actions.more)}`;
}

export async function enter() {
  const current = visit();
  const first = (await api.dispatches()).json;
  const state = { dispatches: first.dispatches, next: first.next, loading: false };
  const draw = () => { if (current()) show(t('sentListTitle'), view(state, actions)); };
  const actions = {
    async more() {
      const shown = state.dispatches.length;
      state.loading = true;
      draw();
      try {
        const r = (await api.dispatches(state.next)).json;
        state.dispatches = [...state.dispatches, ...r.dispatches];
        state.next = r.next;
      } catch (e) {
        handleError(e);
        return;
      } finally {
        state.loading = false;
      }
      draw();
      // Focus to the first new row, so that the keyboard goes on where the list grew.
      document.querySelectorAll('#dispatches tbody a')[shown]?.focus();
    },
  };
  draw();
  focusMain();
}
