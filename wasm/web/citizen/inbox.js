// The inbox (#/inkorg, Inkorg): the messages of the person the forms are about (GET /citizen/inbox),
// newest first, unread ones marked; opening a message marks it read (POST .../read) and shows its text
// and, when it came with a form, "Till formuläret".
import { focusMain, show } from '../lib/dom.js';
import { html, nothing, repeat } from '../lib/html.js';
import { longDate, t } from '../lib/i18n.js';
import { api } from './api.js';
import { backLink, handleError } from './parts.js';
import { setUnread } from './session.js';

// One message: its subject, sender and date as the summary of a disclosure that opens its text.
const message = (m, actions) => html`<li class="message ${m.read ? 'read' : 'unread'}">
  <details id="message-${m.id}" @toggle=${(ev) => { if (ev.currentTarget.open) actions.open(m); }}>
    <summary>
      <span class="message-subject">${m.subject}</span>
      ${m.read ? nothing : html`<span class="badge-unread">${t('messageUnread')}</span>`}
      <span class="message-meta">${t('from', { unit: m.unit })} · ${longDate(m.created_at)}</span>
    </summary>
    <div class="message-body">
      <p class="message-text">${m.body}</p>
      ${m.form ? html`<p><a class="button" href="#/form/${m.form}">${t('toForm')}</a></p>` : nothing}
    </div>
  </details>
</li>`;

// state: {messages, unread}; actions: {open(message)}.
export function view(state, actions) {
  return html`<h1>${t('inboxTitle')}</h1>
    <p>${state.unread ? t(state.unread === 1 ? 'inboxHasUnreadOne' : 'inboxHasUnreadMany', { count: state.unread }) : t('inboxAllRead')}</p>
    ${state.messages.length
      ? html`<ul class="messages">${repeat(state.messages, (m) => m.id, (m) => message(m, actions))}</ul>`
      : html`<p class="empty">${t('inboxEmpty')}</p>`}
    ${backLink()}`;
}

export async function enter() {
  const data = (await api.inbox()).json;
  const state = { messages: data.messages, unread: data.unread };
  setUnread(state.unread);
  const draw = () => show(t('inboxTitle'), view(state, actions));
  const actions = {
    async open(m) {
      if (m.read) return;
      try {
        await api.readMessage(m.id);
      } catch (e) {
        handleError(e);
        return;
      }
      m.read = true;
      state.unread = Math.max(0, state.unread - 1);
      setUnread(state.unread);
      draw();
    },
  };
  draw();
  focusMain();
}
