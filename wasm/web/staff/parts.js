// Pieces the staff pages share: what a failed call leaves on screen (handleError), the error summary
// that takes focus and the message beside a field, paging with "Visa fler", and the redraw guard.
import { ApiError } from '../lib/api.js';
import { focusMain, notice, setFlash, show } from '../lib/dom.js';
import { html, nothing } from '../lib/html.js';
import { messageOf, t } from '../lib/i18n.js';
import { loadMe, sessionEnded } from './session.js';

// What a failed call leaves: a 401 goes to the login ("Du är utloggad"), no unit to the unit picker, a
// role taken away meanwhile to "Du har inte behörighet"; anything else says what went wrong in the
// staff member's language on the page.
export async function handleError(e) {
  if (e instanceof ApiError && e.status === 401) {
    sessionEnded();
    setFlash(t('staffLoggedOut'), 'error');
    location.hash = '#/login';
    return;
  }
  if (e instanceof ApiError && e.code === 'staff.no_unit') {
    location.hash = '#/enhet';
    return;
  }
  if (e instanceof ApiError && e.code === 'auth.role') {
    await loadMe().catch(() => {});
    location.hash = '#/ingen-behorighet';
    return;
  }
  if (!(e instanceof ApiError)) console.error(e);
  show(t('staffTitle'), html`<h1>${t('staffTitle')}</h1>${notice(messageOf(e), 'error')}
    <p><a href="#/" class="back">${t('toStart')}</a></p>`);
  focusMain();
}

// Each page's drawings belong to the visit that made them: an answer that arrives after the staff
// member has gone elsewhere must not draw over the new page. visit() starts a visit and returns
// whether it is still the current one.
let visits = 0;
export function visit() {
  const mine = ++visits;
  return () => mine === visits;
}

// The error summary (GOV.UK): errors [{field: input id, text}], each a link that moves focus to its
// field. Drawn hidden when there is nothing to say; focusSummary() after drawing moves focus to it.
export function errorSummary(errors) {
  const focus = (id) => (ev) => {
    ev.preventDefault();
    document.getElementById(id)?.focus();
  };
  return html`<div id="error-summary" class="error-summary" tabindex="-1" role="alert" ?hidden=${!errors.length}>
    ${errors.length ? html`<h2>${errors.length === 1 ? t('problemTitle') : t('problemsTitle', { count: errors.length })}</h2>
      <ul>${errors.map((e) => html`<li><a href="#${e.field}" @click=${focus(e.field)}>${e.text}</a></li>`)}</ul>` : nothing}
  </div>`;
}

export function focusSummary() { document.getElementById('error-summary')?.focus(); }

// The message of a field's error (id err-<field>), or nothing.
export function fieldError(errors, field) {
  const e = errors.find((x) => x.field === field);
  return e ? html`<p class="field-error" id="err-${field}">${e.text}</p>` : nothing;
}

// Whether a field has an error: for aria-invalid (bound as a string, or left out).
export const invalid = (errors, field) => (errors.some((x) => x.field === field) ? 'true' : nothing);

// aria-describedby for a field: its hint and, when it has one, its error.
export const describedBy = (errors, field, hint = '') =>
  [hint, errors.some((x) => x.field === field) ? `err-${field}` : ''].filter(Boolean).join(' ') || nothing;

// "Visa fler" under a list with more pages: next is the server's cursor (null: no more).
export function showMore(next, loading, more) {
  if (next === null || next === undefined) return nothing;
  return html`<p class="more"><button type="button" class="button secondary" ?disabled=${loading} @click=${more}>${
    loading ? t('loadingMore') : t('showMore')}</button></p>`;
}

// A YYYY-MM-DD date `months` calendar months after iso (the 31st becomes the month's last day).
export function addMonths(iso, months) {
  const [y, m, d] = iso.split('-').map(Number);
  const first = new Date(y, m - 1 + months, 1);
  const last = new Date(first.getFullYear(), first.getMonth() + 1, 0).getDate();
  const date = new Date(first.getFullYear(), first.getMonth(), Math.min(d, last));
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

// Saves a file the server made (an export) through a link to its bytes, which the browser downloads.
export function saveFile(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own copy once it has started; the page's link to the bytes can go.
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}
