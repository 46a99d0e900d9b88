// One dispatch (#/utskick/skickade/<id>, GET /dispatches/{id}): its summary and counts, and each recipient
// with name and personnummer, the form's state, when it was opened and answered, and each notification
// (e-post, sms: skickad, väntar, misslyckades). A recipient who cannot be notified digitally gets
// "Skriv ut brev": the paper letter as a PDF (POST /dispatches/{id}/letters/{form}), downloaded here.
import { ApiError } from '../lib/api.js';
import { focusMain, show } from '../lib/dom.js';
import { html, nothing, repeat } from '../lib/html.js';
import { addTexts, dateTime, longDate, messageOf, t } from '../lib/i18n.js';
import { api } from './api.js';
import { pnrText, stateText } from './followup.js';
import { handleError, saveFile, visit } from './parts.js';
import { countColumns, kindText } from './sent.js';

addTexts({
  sv: {
    dispatchTitle: 'Utskick: {name}',
    dispatchSent: 'Skickat',
    dispatchBy: 'Avsändare',
    dispatchKind: 'Sätt',
    dispatchAnswerBy: 'Besvaras senast',
    dispatchRecipients: 'Mottagare',
    dispatchCaption: 'Mottagarna',
    dispatchBack: 'Tillbaka till Skickade utskick',
    colWho: 'Namn',
    colWhoPnr: 'Personnummer',
    colFormState: 'Status',
    colInboxMessage: 'Inkorgs\u00admeddelande',
    colOpenedAt: 'Öppnat',
    colAnsweredAt: 'Besvarat',
    colNotices: 'Avisering',
    colLetter: 'Brev',
    notYet: 'Nej',
    unclaimed: 'Formulärlänk som ingen har använt',
    noticeNone: 'Ingen avisering',
    channelEmail: 'E-post',
    channelSms: 'Sms',
    noticeSent: 'skickad',
    noticePending: 'väntar',
    noticeFailed: 'misslyckades',
    noticeLine: '{channel}: {status}',
    letterIntro: 'Mottagare som inte kan aviseras med e-post eller sms kan få ett brev. Skriv ut brev laddar ner brevet (PDF) med en ny personlig länk och en kod att skriva in på formulärsidan. Ett nytt brev gör det förra brevets länk och kod ogiltiga.',
    printLetter: 'Skriv ut brev',
    printLetterTo: 'till {name}',
    letterMaking: 'Skapar brevet …',
    letterDone: 'Brevet till {name} är nedladdat ({file}). Skriv ut det och skicka det. Ett nytt brev gör det här brevets länk och kod ogiltiga.',
    letterNotFound: 'Brevet kunde inte skapas: formuläret finns inte längre i utskicket.',
    letterAnswered: 'Brevet behövs inte: formuläret är redan besvarat eller avbrutet.',
    letterFailed: 'Brevet kunde inte skapas. Försök igen om en stund.',
  },
  en: {
    dispatchTitle: 'Dispatch: {name}',
    dispatchSent: 'Sent',
    dispatchBy: 'Sender',
    dispatchKind: 'Way',
    dispatchAnswerBy: 'Answer by',
    dispatchRecipients: 'Recipients',
    dispatchCaption: 'The recipients',
    dispatchBack: 'Back to Sent dispatches',
    colWho: 'Name',
    colWhoPnr: 'Personal identity number',
    colFormState: 'Status',
    colInboxMessage: 'Inbox message',
    colOpenedAt: 'Opened',
    colAnsweredAt: 'Answered',
    colNotices: 'Notification',
    colLetter: 'Letter',
    notYet: 'No',
    unclaimed: 'Form link nobody has used',
    noticeNone: 'No notification',
    channelEmail: 'E-mail',
    channelSms: 'SMS',
    noticeSent: 'sent',
    noticePending: 'waiting',
    noticeFailed: 'failed',
    noticeLine: '{channel}: {status}',
    letterIntro: 'Recipients who cannot be notified by e-mail or SMS can be sent a letter. Print letter downloads the letter (PDF) with a new personal link and a code to type on the forms page. A new letter makes the last letter\'s link and code stop working.',
    printLetter: 'Print letter',
    printLetterTo: 'to {name}',
    letterMaking: 'Making the letter …',
    letterDone: 'The letter to {name} has been downloaded ({file}). Print it and send it. A new letter makes this letter\'s link and code stop working.',
    letterNotFound: 'The letter could not be made: the form is no longer in the dispatch.',
    letterAnswered: 'No letter is needed: the form has already been answered or cancelled.',
    letterFailed: 'The letter could not be made. Please try again in a while.',
  },
});

const noticeStatus = { sent: 'noticeSent', pending: 'noticePending', failed: 'noticeFailed' };
const channelKey = { email: 'channelEmail', sms: 'channelSms' };

// Whether a recipient's form waits for an answer and nothing digital reaches them: no notification, or
// only failed ones.
export const needsLetter = (r) => r.recipient !== null && (r.state === 'ONGOING' || r.state === 'PENDING_COMPLETION')
  && r.notifications.every((n) => n.status === 'failed');

function notices(list) {
  if (!list.length) return t('noticeNone');
  return html`<ul class="plain">${list.map((n) => html`<li class=${n.status === 'failed' ? 'warn-text' : ''}>${
    t('noticeLine', { channel: t(channelKey[n.channel] ?? n.channel), status: t(noticeStatus[n.status] ?? n.status) })}</li>`)}</ul>`;
}

// state: {data (GET /dispatches/{id}), letter: {instance, busy} | null, message: {text, kind} | null};
// actions: {letter(recipient)}.
export function view(state, actions) {
  const d = state.data.dispatch;
  const letters = state.data.recipients.some(needsLetter);
  const row = (r) => html`<tr>
    <th scope="row" data-label=${t('colWho')}>${r.recipient ? r.recipient.name : t('unclaimed')}</th>
    <td data-label=${t('colWhoPnr')}>${r.recipient ? pnrText(r.recipient.personnummer) : ''}</td>
    <td data-label=${t('colFormState')}><span class="state state-${r.state}">${stateText(r.state)}</span></td>
    <td data-label=${t('colInboxMessage')}>${r.inbox ? t('yes') : t('no')}</td>
    <td data-label=${t('colOpenedAt')}>${r.opened_at ? dateTime(r.opened_at) : t('notYet')}</td>
    <td data-label=${t('colAnsweredAt')}>${r.submitted_at ? dateTime(r.submitted_at) : t('notYet')}</td>
    <td data-label=${t('colNotices')}>${notices(r.notifications)}</td>
    ${letters ? html`<td class="cell-action">${needsLetter(r) ? html`<button type="button" class="button secondary"
      ?disabled=${state.letter?.busy} @click=${() => actions.letter(r)}>${t('printLetter')}<span class="visually-hidden"> ${
        t('printLetterTo', { name: r.recipient.name })}</span></button>` : nothing}</td>` : nothing}
  </tr>`;
  return html`<p><a href="#/utskick/skickade" class="back">${t('dispatchBack')}</a></p>
    <h1>${t('dispatchTitle', { name: d.template.name })}</h1>
    <dl class="summary-list">
      <dt>${t('dispatchSent')}</dt><dd>${dateTime(d.created_at)}</dd>
      <dt>${t('dispatchBy')}</dt><dd>${d.staff}</dd>
      <dt>${t('dispatchKind')}</dt><dd>${kindText(d.kind)}</dd>
      <dt>${t('dispatchAnswerBy')}</dt><dd>${longDate(d.answer_by)}</dd>
      <dt>${t('dispatchRecipients')}</dt><dd>${d.recipients}</dd>
      ${countColumns.map(([key, label]) => html`<dt>${t(label)}</dt><dd>${d.counts[key]}</dd>`)}
    </dl>
    ${letters ? html`<p class="hint">${t('letterIntro')}</p>` : nothing}
    <div id="letter-status" aria-live="polite">${state.letter?.busy ? html`<p class="loading">${t('letterMaking')}</p>`
      : state.message ? html`<p class="notice notice-${state.message.kind}">${state.message.text}</p>` : nothing}</div>
    <div class="table-wrap"><table class="list" id="dispatch-recipients">
      <caption>${t('dispatchCaption')}</caption>
      <thead><tr><th scope="col">${t('colWho')}</th><th scope="col">${t('colWhoPnr')}</th><th scope="col">${t('colFormState')}</th>
        <th scope="col">${t('colInboxMessage')}</th><th scope="col">${t('colOpenedAt')}</th><th scope="col">${t('colAnsweredAt')}</th>
        <th scope="col">${t('colNotices')}</th>${letters ? html`<th scope="col">${t('colLetter')}</th>` : nothing}</tr></thead>
      <tbody>${repeat(state.data.recipients, (r) => r.instance, row)}</tbody>
    </table></div>`;
}

export async function enter({ id }) {
  const current = visit();
  const data = (await api.dispatch(id)).json;
  const state = { data, letter: null, message: null };
  const draw = () => { if (current()) show(t('dispatchTitle', { name: data.dispatch.template.name }), view(state, actions)); };
  const actions = {
    async letter(r) {
      state.letter = { instance: r.instance, busy: true };
      state.message = null;
      draw();
      try {
        const file = await api.letter(data.dispatch.id, r.instance);
        const name = file.filename || `brev-${r.instance}.pdf`;
        saveFile(file.blob, name);
        state.message = { text: t('letterDone', { name: r.recipient.name, file: name }), kind: 'info' };
      } catch (e) {
        if (e instanceof ApiError && (e.status === 401 || e.code === 'auth.role' || e.code === 'staff.no_unit')) {
          handleError(e);
          return;
        }
        const text = !(e instanceof ApiError) ? t('letterFailed')
          : e.status === 0 ? messageOf(e)
            : e.status === 404 ? t('letterNotFound')
              : e.code === 'form.state' ? t('letterAnswered')
                : e.status === 429 || e.status === 503 ? messageOf(e) : t('letterFailed');
        state.message = { text, kind: 'error' };
      }
      state.letter = null;
      draw();
    },
  };
  draw();
  focusMain();
}
