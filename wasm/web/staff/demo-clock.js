// The demo's clock on a package's page (only when the server runs with --test-clock on, which it allows
// with the demo identity alone: GET /api/v1/test/clock is 404 otherwise). "Flytta klockan till nästa
// tillfälle" moves the server's time to the next occasion, so that a newcomer watches a weekly package
// arrive in a minute; the page then follows the occasion until the scheduler has sent it.
import { call } from '../lib/api.js';
import { html, nothing } from '../lib/html.js';
import { addTexts, dateTime, t } from '../lib/i18n.js';

addTexts({
  sv: {
    demoClock: 'Demoklocka',
    demoClockText: 'Bara i demon: serverns klocka kan flyttas framåt, så att du ser paketutskickets tillfällen komma utan att vänta. Serverns tid: {now}.',
    demoClockMove: 'Flytta klockan till nästa tillfälle',
    demoClockWaiting: 'Klockan är flyttad till {now}. Tillfället skickas nu …',
    demoClockMoved: 'Klockan är flyttad till {now}.',
  },
  en: {
    demoClock: 'Demo clock',
    demoClockText: 'Demo only: the server\'s clock can be moved forward, so that you see the package\'s occasions arrive without waiting. The server\'s time: {now}.',
    demoClockMove: 'Move the clock to the next occasion',
    demoClockWaiting: 'The clock is at {now}. The occasion is being sent …',
    demoClockMoved: 'The clock is at {now}.',
  },
});

// The server's test clock now (an ISO time), or null when it has none.
export async function demoClockNow() {
  try {
    return (await call('GET', '/test/clock')).json.now;
  } catch {
    return null;
  }
}

// Moves the server's clock to `due` (an ISO UTC time, forward only); resolves to the new time.
export async function moveDemoClock(due) {
  return (await call('PUT', '/test/clock', { now: due })).json.now;
}

// The section, when the server has a test clock and the package an occasion to come (or the clock was
// just moved: what came of it stays said). state: {now, note, busy}; onMove: () => void.
export function demoClockPart(state, next, onMove) {
  if (!state.now || (!next && !state.note)) return nothing;
  return html`<section class="section demo-clock" aria-labelledby="demo-clock-heading">
    <h2 id="demo-clock-heading">${t('demoClock')}</h2>
    <p class="hint">${t('demoClockText', { now: dateTime(state.now) })}</p>
    ${next ? html`<button type="button" class="button secondary" id="demo-clock-move" ?disabled=${state.busy} @click=${onMove}>${t('demoClockMove')}</button>` : nothing}
    <p role="status" id="demo-clock-note">${state.note ?? ''}</p>
  </section>`;
}
