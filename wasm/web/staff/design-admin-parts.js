// What the Design and Administrera pages share: the module's own page list (a sub-navigation under the
// menu), the confirmation as an accessible modal dialog that resolves to yes or no, saving a file the
// server made, and telling the failures that leave the page (session, role, unit) from the ones it says.
import { ApiError } from '../lib/api.js';
import { html, nothing, render } from '../lib/html.js';
import { addTexts, t } from '../lib/i18n.js';
import { handleError } from './parts.js';

addTexts({
  sv: { askCancel: 'Avbryt' },
  en: { askCancel: 'Cancel' },
});

// The pages of a module as a navigation list: items [{href, text (a key)}], current the href drawn now
// (aria-current="page"); a page under one of them (a template under the list) marks it with "true".
export function subnav(label, items, current, within = null) {
  const mark = (href) => (href === current ? 'page' : href === within ? 'true' : nothing);
  return html`<nav class="subnav" aria-label=${label}><ul>${items.map((i) => html`<li>
    <a href=${i.href} aria-current=${mark(i.href)}>${t(i.text)}</a></li>`)}</ul></nav>`;
}

// A failure that is not the page's to explain (the session ended, the role was taken away, no unit):
// handed to the app's handleError; returns whether it was.
export function leftPage(e) {
  if (e instanceof ApiError && (e.status === 401 || e.code === 'auth.role' || e.code === 'staff.no_unit')) {
    handleError(e);
    return true;
  }
  return false;
}

// ---- Modal dialogs --------------------------------------------------------------------------------------
// One <dialog> in a host at the end of <body>, drawn for each question and shown with showModal (the
// page behind is inert, Escape closes it). draw(finish) gives its markup; finish(answer) closes it once,
// returns focus to the control that opened it and resolves the promise to `answer`.
const hosts = new Map();

export function modal(hostId, draw) {
  let host = hosts.get(hostId);
  if (!host) {
    host = document.createElement('div');
    host.id = hostId;
    document.body.append(host);
    hosts.set(hostId, host);
  }
  const opener = document.activeElement;
  return new Promise((resolve) => {
    let done = false;
    const finish = (answer) => {
      if (done) return;
      done = true;
      const d = host.querySelector('dialog');
      if (d?.open) d.close();
      render(nothing, host);
      if (opener && document.contains(opener)) opener.focus();
      resolve(answer);
    };
    render(draw(finish), host);
    host.querySelector('dialog').showModal();
  });
}

// The confirmation: named by its heading and described by its text, "Avbryt" focused first (autofocus)
// so that Enter never says yes by accident; Escape is no. Resolves to true or false.
export function confirmDialog({ title, text, yes, no = t('askCancel') }) {
  return modal('ask-host', (finish) => html`<dialog class="confirm" id="ask-dialog" aria-labelledby="ask-title"
      aria-describedby="ask-text" @close=${() => finish(false)}>
    <h2 id="ask-title">${title}</h2>
    <p id="ask-text">${text}</p>
    <div class="dialog-buttons">
      <button type="button" class="button" id="ask-yes" @click=${() => finish(true)}>${yes}</button>
      <button type="button" class="button secondary" id="ask-no" autofocus @click=${() => finish(false)}>${no}</button>
    </div>
  </dialog>`);
}

