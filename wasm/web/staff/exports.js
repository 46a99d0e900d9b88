// Exportområdet (#/uppfoljning/exporter): the staff member's own exported files at the unit (GET /exports):
// each with its kind, how many answers it holds, when it was made and when it is deleted automatically;
// Ladda ned and Radera (asked first). A CSV export that is still being written shows its progress, and
// the page asks again every second while one is running (and stops when the staff member leaves).
// Needs the exporter role.
import { focusMain, announce, show, takeFlash } from '../lib/dom.js';
import { html, nothing, repeat } from '../lib/html.js';
import { addTexts, dateTime, messageOf, t } from '../lib/i18n.js';
import { confirmDialog, leftPage } from './design-admin-parts.js';
import { backToList, listAddress } from './followup.js';
import { countText, exportsApi } from './followup-parts.js';
import { handleError, saveFile, visit } from './parts.js';

addTexts({
  sv: {
    exTitle: 'Exportområde',
    exIntro: 'Här finns formulärsvar som du har exporterat på enheten. Bara du kommer åt dem. Filerna är arbetsmaterial: radera dem så fort de är hanterade. De raderas automatiskt 14 dagar efter att de skapades.',
    exBack: 'Tillbaka till Uppföljning',
    exHeading: 'Dina exporterade filer',
    exNone: 'Du har inga exporterade filer.',
    exCaption: 'Dina exporterade filer, de senaste först',
    exColFile: 'Fil',
    exColKind: 'Slag',
    exColAnswers: 'Formulärsvar',
    exColCreated: 'Skapad',
    exColExpires: 'Raderas',
    exColState: 'Status',
    exColActions: 'Åtgärder',
    exKindPdf: 'PDF',
    exKindZip: 'Zip-fil med PDF:er',
    exKindCsv: 'CSV med kodbok',
    exExpires: 'Raderas automatiskt {date}',
    exReady: 'Klar',
    exRunning: 'Skapas: {done} av {total} formulärsvar',
    exRunningStart: 'Skapas',
    exFailed: 'Exporten misslyckades. Radera den och försök igen.',
    exDownload: 'Ladda ned',
    exDelete: 'Radera',
    exDeleteTitle: 'Radera exporten?',
    exDeleteText: '{name} raderas nu. Det går inte att ångra.',
    exDeleted: '{name} är raderad.',
    exDoneNow: '{name} är klar att ladda ned.',
    exSizeKb: '{size} kB',
  },
  en: {
    exTitle: 'Export area',
    exIntro: 'Here are the form answers you have exported at the unit. Only you can reach them. The files are working material: delete them as soon as they have been dealt with. They are deleted automatically 14 days after they were made.',
    exBack: 'Back to Follow-up',
    exHeading: 'Your exported files',
    exNone: 'You have no exported files.',
    exCaption: 'Your exported files, newest first',
    exColFile: 'File',
    exColKind: 'Kind',
    exColAnswers: 'Form answers',
    exColCreated: 'Made',
    exColExpires: 'Deleted',
    exColState: 'Status',
    exColActions: 'Actions',
    exKindPdf: 'PDF',
    exKindZip: 'Zip file of PDFs',
    exKindCsv: 'CSV with codebook',
    exExpires: 'Deleted automatically {date}',
    exReady: 'Ready',
    exRunning: 'Being made: {done} of {total} form answers',
    exRunningStart: 'Being made',
    exFailed: 'The export failed. Delete it and try again.',
    exDownload: 'Download',
    exDelete: 'Delete',
    exDeleteTitle: 'Delete the export?',
    exDeleteText: '{name} is deleted now. This cannot be undone.',
    exDeleted: '{name} has been deleted.',
    exDoneNow: '{name} is ready to download.',
    exSizeKb: '{size} kB',
  },
});

const kinds = { pdf: 'exKindPdf', zip: 'exKindZip', csv: 'exKindCsv' };
const pollMs = 1000;
const running = (x) => x.state === 'running';
const sizeText = (bytes) => t('exSizeKb', { size: countText(Math.max(1, Math.round((bytes ?? 0) / 1024))) });

// A running export's progress: a <progress> named by its label (done of total; without a total yet, an
// indeterminate bar).
function progress(x) {
  const id = `ex-progress-${x.id}`;
  const known = Number.isFinite(x.total) && x.total > 0;
  return html`<div class="export-progress">
    <label for=${id}>${known ? t('exRunning', { done: countText(x.done ?? 0), total: countText(x.total) }) : t('exRunningStart')}</label>
    ${known ? html`<progress id=${id} max=${x.total} .value=${x.done ?? 0}></progress>` : html`<progress id=${id}></progress>`}
  </div>`;
}

function stateCell(x) {
  if (running(x)) return progress(x);
  if (x.state === 'failed') return html`<span class="warn-text">${t('exFailed')}</span>`;
  return t('exReady');
}

const exportRow = (a) => (x) => html`<tr id="export-${x.id}">
  <th scope="row" data-label=${t('exColFile')}><span><span class="file-name">${x.name}</span>${running(x) || x.state === 'failed' ? nothing
    : html`<span class="meta"> ${sizeText(x.size)}</span>`}</span></th>
  <td data-label=${t('exColKind')}>${t(kinds[x.kind] ?? 'exKindPdf')}</td>
  <td data-label=${t('exColAnswers')} class="num">${countText(x.answers ?? 0)}</td>
  <td data-label=${t('exColCreated')}>${dateTime(x.created_at)}</td>
  <td data-label=${t('exColExpires')}>${t('exExpires', { date: dateTime(x.expires_at) })}</td>
  <td data-label=${t('exColState')}>${stateCell(x)}</td>
  <td data-label=${t('exColActions')} class="cell-action"><div class="row-buttons">
    ${x.state === 'ready' || !x.state ? html`<button type="button" class="button secondary" id="export-${x.id}-download"
      @click=${() => a.download(x)}>${t('exDownload')}<span class="visually-hidden"> ${x.name}</span></button>` : nothing}
    <button type="button" class="button secondary" id="export-${x.id}-delete" @click=${() => a.remove(x)}>${t('exDelete')}<span
      class="visually-hidden"> ${x.name}</span></button>
  </div></td>
</tr>`;

// s: {exports, flash (a notice from the page that sent us here), outcome ({kind, text} | null)}.
export function view(s, a) {
  return html`<div id="exports">
    <p><a href=${listAddress()} class="back" @click=${backToList}>${t('exBack')}</a></p>
    <h1>${t('exTitle')}</h1>
    ${s.flash}
    <p>${t('exIntro')}</p>
    <div id="ex-outcome" tabindex="-1" aria-live="polite">${s.outcome
      ? html`<p class="notice notice-${s.outcome.kind}">${s.outcome.text}</p>` : nothing}</div>
    <section aria-labelledby="ex-heading">
      <h2 id="ex-heading">${t('exHeading')}</h2>
      ${!s.exports.length ? html`<p id="ex-none">${t('exNone')}</p>` : html`<div class="table-wrap"><table class="list exports" id="export-list">
        <caption class="visually-hidden">${t('exCaption')}</caption>
        <thead><tr><th scope="col">${t('exColFile')}</th><th scope="col">${t('exColKind')}</th><th scope="col" class="num">${t('exColAnswers')}</th>
          <th scope="col">${t('exColCreated')}</th><th scope="col">${t('exColExpires')}</th><th scope="col">${t('exColState')}</th>
          <th scope="col">${t('exColActions')}</th></tr></thead>
        <tbody>${repeat(s.exports, (x) => x.id, exportRow(a))}</tbody>
      </table></div>`}
    </section>
  </div>`;
}

export async function enter() {
  const current = visit();
  const s = { exports: (await exportsApi.list()).json.exports, flash: takeFlash(), outcome: null };
  if (!current()) return;
  const here = () => current() && document.getElementById('exports') !== null;
  const draw = () => { if (current()) show(t('exTitle'), view(s, a)); };
  const say = (kind, text, focus = false) => {
    s.outcome = { kind, text };
    draw();
    if (focus) document.getElementById('ex-outcome')?.focus();
  };

  // While an export is being made, the list is asked for again every second; an export that is done
  // meanwhile is announced. Leaving the page (another visit) ends it.
  let timer = null;
  const poll = () => {
    clearTimeout(timer);
    if (!s.exports.some(running)) return;
    timer = setTimeout(async () => {
      if (!here()) return;
      let list;
      try {
        list = (await exportsApi.list()).json.exports;
      } catch (e) {
        if (!leftPage(e) && here()) say('error', messageOf(e));
        return;
      }
      if (!here()) return;
      const was = new Map(s.exports.map((x) => [x.id, x]));
      const done = list.filter((x) => x.state === 'ready' && was.get(x.id)?.state === 'running');
      s.exports = list;
      draw();
      for (const x of done) announce(t('exDoneNow', { name: x.name }));
      poll();
    }, pollMs);
  };

  const reload = async () => {
    s.exports = (await exportsApi.list()).json.exports;
    draw();
    poll();
  };

  const a = {
    async download(x) {
      try {
        const f = await exportsApi.file(x.id);
        saveFile(f.blob, f.filename || x.name);
      } catch (e) {
        if (!leftPage(e)) say('error', messageOf(e));
      }
    },
    async remove(x) {
      const yes = await confirmDialog({ title: t('exDeleteTitle'), text: t('exDeleteText', { name: x.name }), yes: t('exDelete') });
      if (!yes) return;
      try {
        await exportsApi.remove(x.id);
      } catch (e) {
        if (!leftPage(e)) say('error', messageOf(e));
        return;
      }
      s.flash = nothing;
      s.outcome = { kind: 'info', text: t('exDeleted', { name: x.name }) };
      await reload().catch(handleError);
      document.getElementById('ex-outcome')?.focus();
    },
  };
  draw();
  focusMain();
  poll();
}
