// Skicka formulär (#/utskick): choose a template (searching as you type) and preview it, add recipients
// by number or from a .txt file (each checked by the server, refusals said per line), see who can be
// notified, set the dates, the inbox message and the banner, confirm in a dialog, and read the receipt of
// what was sent and refused. The draft stays while the session and the unit do (a change of language
// redraws it), and goes at logout.
//
// Sections: texts · state · the page's markup (view) · actions · entering the address (enter).
import { ApiError } from '../lib/api.js';
import { focusMain, notice, show } from '../lib/dom.js';
import { html, nothing } from '../lib/html.js';
import { addTexts, longDate, messageOf, t } from '../lib/i18n.js';
import { api } from './api.js';
import { bannerField, checkDates, dateFields, defaultDates } from './fields.js';
import { describedBy, errorSummary, fieldError, focusSummary, handleError, invalid, visit } from './parts.js';
import { TemplatePicker, sendable } from './picker.js';
import { Preview } from './preview.js';
import { recipientActions, recipientDraft, recipientsSection, refusalText } from './recipients.js';
import { onSessionChange, staff } from './session.js';

// ---- Texts ---------------------------------------------------------------------------------------------
addTexts({
  sv: {
    sendTitle: 'Skicka formulär',
    sendIntro: 'Välj formulärmall, lägg till mottagare och skicka. Mottagarna hittar formuläret i sin inkorg och bland sina formulär.',
    sendFormHeading: 'Formulär',
    showForm: 'Visa formulär',
    messagesLegend: 'Meddelanden',
    createInbox: 'Skapa inkorgsmeddelande',
    createInboxHint: 'Mottagaren får ett meddelande i inkorgen med en länk till formuläret, och en avisering med e-post eller sms om hen har det.',
    noInboxNote: 'Utan inkorgsmeddelande får mottagarna ingen avisering. Meddela dem på annat sätt att de har fått ett formulär.',
    inboxMessage: 'Inkorgsmeddelande',
    inboxMessageHint: 'Du kan ändra det förvalda meddelandet. Högst 4000 tecken.',
    sendButton: 'Skicka formulär',
    sending: 'Skickar …',
    recipientsMissing: 'Lägg till minst en mottagare.',
    inboxMessageMissing: 'Skriv ett inkorgsmeddelande, eller ta bort bocken i Skapa inkorgsmeddelande.',
    confirmQuestion: 'Vill du skicka ut formuläret "{name}" till {count} mottagare?',
    confirmNote: 'Mottagarna får formuläret direkt. Ett utskick går inte att ångra.',
    confirmYes: 'Ja, skicka',
    confirmNo: 'Avbryt',
    sentTitle: 'Formuläret är skickat',
    sentDone: 'Formuläret "{name}" har skickats till {count} mottagare.',
    sentNobody: 'Formuläret "{name}" skickades inte till någon.',
    sentRefusedOne: '1 mottagare fick inte formuläret:',
    sentRefusedMany: '{count} mottagare fick inte formuläret:',
    sentInbox: 'Inkorgsmeddelande',
    sentNoInbox: 'Mottagarna fick inget inkorgsmeddelande och ingen avisering. Meddela dem på annat sätt.',
    toDispatch: 'Visa utskicket i Skickade utskick',
    toDispatches: 'Till Skickade utskick',
    sendAnother: 'Skicka ett nytt formulär',
  },
  en: {
    sendTitle: 'Send a form',
    sendIntro: 'Choose a form template, add recipients and send. The recipients find the form in their inbox and among their forms.',
    sendFormHeading: 'Form',
    showForm: 'Show the form',
    messagesLegend: 'Messages',
    createInbox: 'Create an inbox message',
    createInboxHint: 'The recipient gets a message in the inbox with a link to the form, and a notification by e-mail or SMS if they have one.',
    noInboxNote: 'Without an inbox message the recipients get no notification. Tell them some other way that they have been sent a form.',
    inboxMessage: 'Inbox message',
    inboxMessageHint: 'You may change the default message (it is in Swedish, as the recipients read it). At most 4000 characters.',
    sendButton: 'Send the form',
    sending: 'Sending …',
    recipientsMissing: 'Add at least one recipient.',
    inboxMessageMissing: 'Write an inbox message, or untick Create an inbox message.',
    confirmQuestion: 'Do you want to send the form "{name}" to {count} recipients?',
    confirmNote: 'The recipients get the form at once. A dispatch cannot be undone.',
    confirmYes: 'Yes, send',
    confirmNo: 'Cancel',
    sentTitle: 'The form has been sent',
    sentDone: 'The form "{name}" has been sent to {count} recipients.',
    sentNobody: 'The form "{name}" was not sent to anyone.',
    sentRefusedOne: '1 recipient did not get the form:',
    sentRefusedMany: '{count} recipients did not get the form:',
    sentInbox: 'Inbox message',
    sentNoInbox: 'The recipients got no inbox message and no notification. Tell them some other way.',
    toDispatch: 'Show the dispatch in Sent dispatches',
    toDispatches: 'To Sent dispatches',
    sendAnother: 'Send another form',
  },
});

// The server's default inbox message (server/policy.h), to start from: the recipients read Swedish.
export const defaultInboxText = 'Hej!\n\nDu har fått ett formulär att besvara. Svara gärna på frågorna när du har lugnt omkring dig, '
  + 'och glöm inte att bekräfta dina svar när du är klar.\n\nMed vänlig hälsning';

// ---- State ---------------------------------------------------------------------------------------------
let draft = null;
onSessionChange((me) => { if (!me) draft = null; });

function fresh(unitId) {
  return {
    unit: unitId,
    picker: null,
    preview: null, previewOpen: false, previewLoading: false, previewError: '',
    ...recipientDraft(),   // the recipients, the number typed, the last import's report
    ...defaultDates(),
    inbox: true, inboxMessage: defaultInboxText, banner: '',
    errors: [], confirming: false, sending: false,
    receipt: null,
  };
}

function validate(s) {
  const errors = [];
  if (!s.picker.chosen) errors.push({ field: 'template-input', text: t('templateMissing') });
  if (!s.recipients.length) errors.push({ field: 'pnr', text: t('recipientsMissing') });
  checkDates(s, errors);
  if (s.inbox && !s.inboxMessage.trim()) errors.push({ field: 'inbox-message', text: t('inboxMessageMissing') });
  return errors;
}

const countText = (count, one, many) => t(count === 1 ? one : many, { count });

// ---- The page's markup ---------------------------------------------------------------------------------
function previewPart(s) {
  if (!s.previewOpen) return nothing;
  if (s.previewLoading) return html`<p class="loading" role="status">${t('previewLoading')}</p>`;
  if (s.previewError) return notice(s.previewError, 'error');
  return s.preview ? s.preview.view(s.banner.trim()) : nothing;
}

function detailsPart(s, a) {
  const e = s.errors;
  return html`<form class="stack details" novalidate @submit=${a.confirm}>
    ${dateFields(s, e)}
    <fieldset class="box">
      <legend>${t('messagesLegend')}</legend>
      <div class="option">
        <input type="checkbox" id="inbox" .checked=${s.inbox} aria-describedby="inbox-hint" @change=${a.toggleInbox}>
        <label for="inbox">${t('createInbox')}</label>
      </div>
      <p class="hint" id="inbox-hint">${t('createInboxHint')}</p>
      ${s.inbox ? html`<div class="field">
          <label for="inbox-message">${t('inboxMessage')}</label>
          <p class="hint" id="inbox-message-hint">${t('inboxMessageHint')}</p>${fieldError(e, 'inbox-message')}
          <textarea id="inbox-message" rows="7" maxlength="4000" .value=${s.inboxMessage}
            aria-describedby=${describedBy(e, 'inbox-message', 'inbox-message-hint')} aria-invalid=${invalid(e, 'inbox-message')}
            @input=${(ev) => { s.inboxMessage = ev.target.value; }}></textarea>
        </div>` : notice(t('noInboxNote'))}
      ${bannerField(s, a.bannerChanged)}
    </fieldset>
    <div>
      <button type="submit" class="button" id="send" ?disabled=${s.sending}>${t('sendButton')}</button>
      ${s.sending ? html`<span class="loading" role="status">${t('sending')}</span>` : nothing}
    </div>
  </form>`;
}

function dialog(s, a) {
  const name = s.picker.chosen?.name ?? '';
  return html`<dialog class="confirm" id="confirm-dialog" aria-labelledby="confirm-title" aria-describedby="confirm-note"
      @close=${a.dialogClosed}>
    <h2 id="confirm-title">${t('confirmQuestion', { name, count: s.recipients.length })}</h2>
    <p id="confirm-note">${t('confirmNote')}</p>
    <div class="dialog-buttons">
      <button type="button" class="button" id="confirm-yes" @click=${a.send}>${t('confirmYes')}</button>
      <button type="button" class="button secondary" id="confirm-no" autofocus @click=${a.cancel}>${t('confirmNo')}</button>
    </div>
  </dialog>`;
}

function receiptView(r, a) {
  return html`<h1 id="sent-receipt">${t('sentTitle')}</h1>
    ${notice(r.sent ? t('sentDone', { name: r.name, count: r.sent }) : t('sentNobody', { name: r.name }))}
    <dl class="summary-list">
      <dt>${t('answerBy')}</dt><dd>${longDate(r.answerBy)}</dd>
      <dt>${t('deleteAfter')}</dt><dd>${longDate(r.deleteAfter)}</dd>
      <dt>${t('sentInbox')}</dt><dd>${r.inbox ? t('yes') : t('no')}</dd>
    </dl>
    ${r.refused.length ? html`<h2>${countText(r.refused.length, 'sentRefusedOne', 'sentRefusedMany')}</h2>
      <ul class="refused">${r.refused.map((p) => html`<li>${refusalText(p)}</li>`)}</ul>` : nothing}
    ${r.unnotified && r.inbox ? html`<div class="notice notice-warning"><p>${countText(r.unnotified, 'noNoticeOne', 'noNoticeMany')}</p></div>` : nothing}
    ${r.inbox ? nothing : notice(t('sentNoInbox'))}
    <ul class="actions">
      <li><a href=${r.dispatch ? `#/utskick/skickade/${r.dispatch}` : '#/utskick/skickade'}>${
        r.dispatch ? t('toDispatch') : t('toDispatches')}</a></li>
      <li><button type="button" class="link-button" @click=${a.again}>${t('sendAnother')}</button></li>
    </ul>`;
}

// s: the page's state; a: its actions.
export function view(s, a) {
  if (s.receipt) return receiptView(s.receipt, a);
  return html`<h1>${t('sendTitle')}</h1>${errorSummary(s.errors)}
    <p>${t('sendIntro')}</p>
    <section class="section" aria-labelledby="form-heading">
      <h2 id="form-heading">${t('sendFormHeading')}</h2>
      <div class="picker-row">
        ${s.picker.view(s.errors)}
        <button type="button" class="button secondary" id="show-form" aria-expanded=${s.previewOpen ? 'true' : 'false'}
          aria-controls="preview-area" ?disabled=${!s.picker.chosen} @click=${a.togglePreview}>${t('showForm')}</button>
      </div>
      <div id="preview-area">${previewPart(s)}</div>
    </section>
    ${recipientsSection(s, s.errors, a)}
    ${detailsPart(s, a)}
    ${dialog(s, a)}`;
}

// ---- Actions and entering the address --------------------------------------------------------------------
export async function enter() {
  const current = visit();
  const me = staff();
  const templates = sendable((await api.templates()).json.templates);
  // A receipt stays only while it is on screen (a change of language); coming back starts afresh.
  if (draft?.receipt && !document.getElementById('sent-receipt')) draft = null;
  if (!draft || draft.unit !== me.unit) draft = fresh(me.unit);
  const s = draft;

  const draw = () => {
    if (!current() || draft !== s) return;
    show(s.receipt ? t('sentTitle') : t('sendTitle'), view(s, a));
    if (s.previewOpen && s.preview && !s.previewLoading) s.preview.apply();
    const d = document.getElementById('confirm-dialog');
    if (d && s.confirming && !d.open) d.showModal();
  };
  const chosen = s.picker?.chosen ?? null;
  s.picker = new TemplatePicker(templates, draw, (template) => a.picked(template));
  if (chosen) {
    const again = templates.find((x) => x.id === chosen.id);
    if (again) { s.picker.chosen = again; s.picker.query = again.name; }
  }

  // A failed check or send: a 401 or a lost role goes to handleError, anything else is said on the page.
  const failed = (e, field) => {
    if (e instanceof ApiError && (e.status === 401 || e.code === 'auth.role' || e.code === 'staff.no_unit')) {
      handleError(e);
      return;
    }
    s.errors = [{ field, text: messageOf(e) }];
    draw();
    focusSummary();
  };

  const a = {
    ...recipientActions(s, { draw, failed }),
    async picked(template) {
      s.errors = s.errors.filter((e) => e.field !== 'template-input' || !template);
      if (!template) {
        s.previewOpen = false;
        return;
      }
      if (s.previewOpen) await a.loadPreview(template);
    },
    async loadPreview(template) {
      if (s.preview?.template.id === template.id) return;
      s.previewLoading = true;
      s.previewError = '';
      draw();
      try {
        s.preview = await Preview.of(template);
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) { handleError(e); return; }
        s.preview = null;
        s.previewError = `${t('previewFailed')} ${messageOf(e)}`;
      } finally {
        s.previewLoading = false;
      }
      draw();
    },
    async togglePreview() {
      s.previewOpen = !s.previewOpen;
      if (s.previewOpen && s.picker.chosen) await a.loadPreview(s.picker.chosen);
      draw();
    },
    bannerChanged() { if (s.previewOpen) draw(); },

    toggleInbox(ev) {
      s.inbox = ev.target.checked;
      draw();
    },

    // "Skicka formulär": the checks, then the question.
    confirm(ev) {
      ev.preventDefault();
      s.errors = validate(s);
      if (s.errors.length) {
        draw();
        focusSummary();
        return;
      }
      s.confirming = true;
      draw();
    },
    cancel() {
      s.confirming = false;
      document.getElementById('confirm-dialog').close();
      document.getElementById('send')?.focus();
    },
    // Closed by Escape: focus goes back to the button that opened it.
    dialogClosed() {
      if (!s.confirming) return;
      s.confirming = false;
      document.getElementById('send')?.focus();
    },
    async send() {
      s.confirming = false;
      s.sending = true;
      document.getElementById('confirm-dialog').close();
      draw();
      const template = s.picker.chosen;
      const numbers = s.recipients.map((x) => x.text);
      const body = { template: template.id, recipients: numbers, answer_by: s.answerBy, delete_after: s.deleteAfter, inbox: s.inbox };
      if (s.inbox) body.inbox_message = s.inboxMessage;
      if (s.banner.trim()) body.message = s.banner.trim();
      let r;
      try {
        r = (await api.send(body)).json;
      } catch (e) {
        s.sending = false;
        failed(e, 'send');
        return;
      }
      const refused = r.recipients.filter((x) => x.status === 'refused').map((x) => ({ text: numbers[x.index], code: x.code }));
      const unnotified = r.recipients.filter((x) => x.status === 'sent' && x.advice === 'no_notifications').length;
      s.receipt = {
        name: template.name, sent: r.sent, refused, unnotified, inbox: s.inbox, answerBy: s.answerBy, deleteAfter: s.deleteAfter,
        dispatch: r.dispatch,
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
