// Skapa formulärlänkar (#/utskick/lankar): form links for people who cannot be sent to by number
// (protected identity) or are reached by SMS or another way: a template, how many links, the dates and
// the banner (POST /dispatches/links); the links are shown this once, as full addresses, each with a
// button that copies it.
import { ApiError } from '../lib/api.js';
import { announce, focusMain, notice, show } from '../lib/dom.js';
import { html, nothing } from '../lib/html.js';
import { addTexts, longDate, messageOf, t } from '../lib/i18n.js';
import { api } from './api.js';
import { bannerField, checkDates, dateFields, defaultDates } from './fields.js';
import { describedBy, errorSummary, fieldError, focusSummary, handleError, invalid, visit } from './parts.js';
import { TemplatePicker, sendable } from './picker.js';
import { onSessionChange, staff } from './session.js';

addTexts({
  sv: {
    linksTitle: 'Skapa formulärlänkar',
    linksIntro: 'En formulärlänk öppnar ett formulär för den som först loggar in med den. Använd formulärlänkar för personer med skyddad identitet, och för att nå mottagare med sms eller på annat sätt än inkorgen.',
    linkCount: 'Antal länkar',
    linkCountHint: 'En länk per mottagare, högst 1000.',
    linkCountBad: 'Antal länkar är ett heltal från 1 till 1000.',
    createLinks: 'Skapa formulärlänkar',
    creatingLinks: 'Skapar länkar …',
    linksMade: 'Formulärlänkarna är skapade',
    linksOnce: 'Länkarna visas bara den här gången. Kopiera dem nu och spara dem där du når dem: de går inte att ta fram igen.',
    linksFor: '{count} länk till ”{name}”, att besvara senast {date}.',
    linksForMany: '{count} länkar till ”{name}”, att besvara senast {date}.',
    linkN: 'Länk {n}',
    copy: 'Kopiera',
    copyN: 'Kopiera länk {n}',
    copyAll: 'Kopiera alla länkar',
    copied: 'Kopierad',
    copiedAll: 'Alla länkar är kopierade',
    copyByHand: 'Länken kunde inte kopieras automatiskt. Den är markerad: kopiera den med Ctrl+C (⌘+C på Mac).',
    moreLinks: 'Skapa fler formulärlänkar',
    linksToDispatches: 'Till Skickade utskick',
  },
  en: {
    linksTitle: 'Create form links',
    linksIntro: 'A form link opens a form for the first person who logs in with it. Use form links for people with protected identity, and to reach recipients by SMS or in other ways than the inbox.',
    linkCount: 'Number of links',
    linkCountHint: 'One link per recipient, at most 1000.',
    linkCountBad: 'The number of links is a whole number from 1 to 1000.',
    createLinks: 'Create form links',
    creatingLinks: 'Creating links …',
    linksMade: 'The form links have been created',
    linksOnce: 'The links are shown only this once. Copy them now and keep them where you can reach them: they cannot be shown again.',
    linksFor: '{count} link to “{name}”, to be answered by {date}.',
    linksForMany: '{count} links to “{name}”, to be answered by {date}.',
    linkN: 'Link {n}',
    copy: 'Copy',
    copyN: 'Copy link {n}',
    copyAll: 'Copy all links',
    copied: 'Copied',
    copiedAll: 'All links have been copied',
    copyByHand: 'The link could not be copied automatically. It is selected: copy it with Ctrl+C (⌘+C on a Mac).',
    moreLinks: 'Create more form links',
    linksToDispatches: 'To Sent dispatches',
  },
});

let draft = null;
onSessionChange((me) => { if (!me) draft = null; });

function fresh(unitId) {
  return {
    unit: unitId, picker: null, count: '1', ...defaultDates(), banner: '',
    errors: [], busy: false, result: null,
  };
}

function validate(s) {
  const errors = [];
  if (!s.picker.chosen) errors.push({ field: 'template-input', text: t('templateMissing') });
  const n = Number(s.count);
  if (!/^\d+$/.test(s.count.trim()) || n < 1 || n > 1000) errors.push({ field: 'link-count', text: t('linkCountBad') });
  return checkDates(s, errors);
}

function resultView(r, a) {
  return html`<h1 id="links-made">${t('linksMade')}</h1>
    <div class="notice notice-warning" role="note"><p><strong>${t('linksOnce')}</strong></p></div>
    <p>${t(r.links.length === 1 ? 'linksFor' : 'linksForMany', { count: r.links.length, name: r.name, date: longDate(r.answerBy) })}</p>
    <ul class="links-list" id="links">${r.links.map((l, i) => html`<li>
      <label class="visually-hidden" for="link-${i}">${t('linkN', { n: i + 1 })}</label>
      <input type="text" id="link-${i}" readonly .value=${l.url}>
      <button type="button" class="button secondary" aria-label=${t('copyN', { n: i + 1 })} @click=${() => a.copy(i)}>${t('copy')}</button>
      <span class="copied" role="status">${r.copied === i || r.copied === 'all' ? t('copied') : ''}</span>
    </li>`)}</ul>
    ${r.links.length > 1 ? html`<p><button type="button" class="button secondary" @click=${() => a.copy('all')}>${t('copyAll')}</button></p>` : nothing}
    ${r.byHand ? notice(t('copyByHand'), 'error') : nothing}
    <ul class="actions">
      <li><a href="#/utskick/skickade">${t('linksToDispatches')}</a></li>
      <li><button type="button" class="link-button" @click=${a.again}>${t('moreLinks')}</button></li>
    </ul>`;
}

export function view(s, a) {
  if (s.result) return resultView(s.result, a);
  const e = s.errors;
  return html`<h1>${t('linksTitle')}</h1>${errorSummary(e)}
    <p>${t('linksIntro')}</p>
    <form class="stack" novalidate @submit=${a.create}>
      ${s.picker.view(e)}
      <div class="field">
        <label for="link-count">${t('linkCount')}</label>
        <p class="hint" id="link-count-hint">${t('linkCountHint')}</p>${fieldError(e, 'link-count')}
        <input type="number" id="link-count" min="1" max="1000" step="1" inputmode="numeric" .value=${s.count}
          aria-describedby=${describedBy(e, 'link-count', 'link-count-hint')} aria-invalid=${invalid(e, 'link-count')}
          @input=${(ev) => { s.count = ev.target.value; }}>
      </div>
      ${dateFields(s, e)}
      ${bannerField(s)}
      <div>
        <button type="submit" class="button" id="create" ?disabled=${s.busy}>${t('createLinks')}</button>
        ${s.busy ? html`<span class="loading" role="status">${t('creatingLinks')}</span>` : nothing}
      </div>
    </form>`;
}

export async function enter() {
  const current = visit();
  const me = staff();
  const templates = sendable((await api.templates()).json.templates);
  // The links stay only while they are on screen (a change of language); coming back starts afresh.
  if (draft?.result && !document.getElementById('links-made')) draft = null;
  if (!draft || draft.unit !== me.unit) draft = fresh(me.unit);
  const s = draft;
  const draw = () => { if (current() && draft === s) show(s.result ? t('linksMade') : t('linksTitle'), view(s, a)); };
  const chosen = s.picker?.chosen ?? null;
  s.picker = new TemplatePicker(templates, draw, (template) => {
    if (template) s.errors = s.errors.filter((e) => e.field !== 'template-input');
  });
  const again = chosen && templates.find((x) => x.id === chosen.id);
  if (again) { s.picker.chosen = again; s.picker.query = again.name; }

  const a = {
    async create(ev) {
      ev.preventDefault();
      s.errors = validate(s);
      if (s.errors.length) {
        draw();
        focusSummary();
        return;
      }
      s.busy = true;
      draw();
      const template = s.picker.chosen;
      const body = { template: template.id, count: Number(s.count), answer_by: s.answerBy, delete_after: s.deleteAfter };
      if (s.banner.trim()) body.message = s.banner.trim();
      try {
        const r = (await api.links(body)).json;
        s.result = {
          name: template.name, answerBy: s.answerBy, copied: null, byHand: false,
          links: r.links.map((l) => ({ instance: l.instance, url: `${location.origin}${l.path}` })),
        };
      } catch (e) {
        if (e instanceof ApiError && (e.status === 401 || e.code === 'auth.role' || e.code === 'staff.no_unit')) {
          handleError(e);
          return;
        }
        s.errors = [{ field: 'create', text: messageOf(e) }];
        s.busy = false;
        draw();
        focusSummary();
        return;
      }
      s.busy = false;
      draw();
      focusMain();
    },
    // Copies one link (its index) or all of them ('all', one a line) to the clipboard; where the browser
    // does not allow it, the link is selected for copying by hand.
    async copy(which) {
      const r = s.result;
      const text = which === 'all' ? r.links.map((l) => l.url).join('\n') : r.links[which].url;
      try {
        await navigator.clipboard.writeText(text);
        r.copied = which;
        r.byHand = false;
        draw();
        announce(which === 'all' ? t('copiedAll') : t('copied'));
      } catch {
        r.byHand = true;
        draw();
        const input = document.getElementById(`link-${which === 'all' ? 0 : which}`);
        input.focus();
        input.select();
      }
    },
    again() {
      draft = null;
      enter().catch(handleError);
    },
  };
  draw();
  focusMain();
}
