// Small helpers the web apps' pages share: drawing a page into <main> with its title, focus on the new
// page, announcements for screen readers, notices, and a message kept for the next page.
import { html, nothing, render } from './html.js';

const main = () => document.getElementById('main');
let drawn = false;

// Draws a page (a lit-html template) into <main> and names the tab after it. lit-html keeps what is
// unchanged when the same template is drawn again.
export function show(title, content) {
  const m = main();
  // The first page replaces index.html's "Laddar …", which lit-html would otherwise leave in place.
  if (!drawn) {
    m.replaceChildren();
    drawn = true;
  }
  render(content, m);
  document.title = `${title} – Blankett`;
}

// Focus on the new page's heading (or <main>), so that a screen reader starts reading there.
export function focusMain() {
  const h1 = main().querySelector('h1');
  (h1 ?? main()).setAttribute('tabindex', '-1');
  (h1 ?? main()).focus();
}

// Says text through the live region. Emptied first and filled a moment later, so that the same text
// twice is read twice.
export function announce(text) {
  const a = document.getElementById('announcer');
  a.textContent = '';
  setTimeout(() => { a.textContent = text; }, 50);
}

// A notice in the page: kind 'info' (a status) or 'error' (an alert).
export function notice(text, kind = 'info') {
  return html`<p class="notice notice-${kind}" role=${kind === 'error' ? 'alert' : 'status'}>${text}</p>`;
}

// A message for the next page drawn (e.g. "Dina svar är sparade." after a pause): set before
// navigating, taken (once) by the page that is drawn.
let flash = null;
export function setFlash(text, kind = 'info') { flash = { text, kind }; }
export function takeFlash() {
  const f = flash;
  flash = null;
  return f ? notice(f.text, f.kind) : nothing;
}

// Skip link: moves focus to <main> without changing the address (the router owns the hash).
export function skipToMain(link) {
  link.addEventListener('click', (ev) => {
    ev.preventDefault();
    main().focus();
  });
}
