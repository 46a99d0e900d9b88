// The parts of one answer in Uppföljning (followup-answer.js draws the page): the endpoints of one
// answer, the result (calculations, scores with their bands, alerts, the star profile as a chart with
// its values as a table), the answers in words from the exact version they were given on (through the
// browser's core, as the citizen saw them), and the history in words.
//
// Sections: texts · the endpoints · the form's texts · the result · the star profile · the answers · the history.
import { call } from '../lib/api.js';
import { loadCore, today } from '../lib/core.js';
import { html, nothing, svg } from '../lib/html.js';
import { addTexts, dateTime, formatNumber, language, t } from '../lib/i18n.js';
import { answerText } from '../citizen/form/fields.js';
import { alertBadge } from './followup-parts.js';

// ---- Texts ---------------------------------------------------------------------------------------------
addTexts({
  sv: {
    avResultTitle: 'Resultat',
    avNoResult: 'Det finns inget resultat ännu: formuläret är inte inskickat.',
    avCalculations: 'Beräkningar',
    avCalcMissing: 'Kan inte beräknas: värden saknas',
    avScores: 'Poäng',
    avScoreOf: '{score} av {max}',
    avScoreNone: 'Kan inte beräknas',
    avScoreMissing: '{answered} frågor besvarade, {missing} saknas.',
    avBandSource: 'Gränser: {version}',
    avAlerts: 'Larm',
    avNoAlerts: 'Inga larm.',
    avProfileTable: '{title}, värden per område',
    avProfileChart: '{title} som diagram. Samma värden står i tabellen under.',
    avAxis: 'Område',
    avValue: 'Värde',
    avLevel: 'Nivå',
    avNoLevel: 'Saknas',
    avAnswersTitle: 'Svar',
    avAnswersVersion: 'Svaren visas med formulärets version {version}, den version mottagaren fick.',
    avAnswersFailed: 'Svaren kunde inte visas.',
    avNoAnswers: 'Mottagaren har inte svarat på något ännu.',
    // The citizen's item table (citizen/form/fields.js) says an unanswered question with this key.
    notAnswered: 'Inte besvarad',
    avHistory: 'Händelser',
    avWhen: 'Tid',
    avWhat: 'Händelse',
    avWho: 'Av',
    av_sent: 'Skickat',
    av_notified: 'Aviserat',
    av_link_created: 'Formulärlänk skapad',
    av_link_claimed: 'Formulärlänk öppnad',
    av_letter_printed: 'Brev utskrivet',
    av_started: 'Påbörjat',
    av_opened: 'Öppnat',
    av_read: 'Läst',
    av_page_saved: 'Sparat',
    av_attachment_uploaded: 'Bilaga uppladdad',
    av_reviewed: 'Granskat',
    av_submitted: 'Inskickat',
    av_cancelled: 'Avbrutet',
    av_reminded: 'Påminnelse skickad',
    av_exported: 'Exporterat',
    av_documented: 'Dokumenterat',
    av_measured: 'Mätvärden registrerade',
    avByStaff: 'Personal',
    avByCitizen: 'Mottagaren',
    avByGuardian: 'Vårdnadshavare',
    avByPackage: 'Paketutskick',
    avByRecord: 'Journalsystem',
    avBySystem: 'Blankett',
    avByEmail: 'Blankett, med e-post',
    avBySms: 'Blankett, med sms',
  },
  en: {
    avResultTitle: 'Result',
    avNoResult: 'There is no result yet: the form has not been submitted.',
    avCalculations: 'Calculations',
    avCalcMissing: 'Cannot be calculated: values are missing',
    avScores: 'Scores',
    avScoreOf: '{score} of {max}',
    avScoreNone: 'Cannot be calculated',
    avScoreMissing: '{answered} questions answered, {missing} missing.',
    avBandSource: 'Bands: {version}',
    avAlerts: 'Alerts',
    avNoAlerts: 'No alerts.',
    avProfileTable: '{title}, values by area',
    avProfileChart: '{title} as a chart. The same values are in the table below.',
    avAxis: 'Area',
    avValue: 'Value',
    avLevel: 'Level',
    avNoLevel: 'Missing',
    avAnswersTitle: 'Answers',
    avAnswersVersion: 'The answers are shown with version {version} of the form, the version the recipient was given.',
    avAnswersFailed: 'The answers could not be shown.',
    avNoAnswers: 'The recipient has not answered anything yet.',
    notAnswered: 'Not answered',
    avHistory: 'History',
    avWhen: 'Time',
    avWhat: 'Event',
    avWho: 'By',
    av_sent: 'Sent',
    av_notified: 'Notified',
    av_link_created: 'Form link created',
    av_link_claimed: 'Form link opened',
    av_letter_printed: 'Letter printed',
    av_started: 'Started',
    av_opened: 'Opened',
    av_read: 'Read',
    av_page_saved: 'Saved',
    av_attachment_uploaded: 'Attachment uploaded',
    av_reviewed: 'Reviewed',
    av_submitted: 'Submitted',
    av_cancelled: 'Cancelled',
    av_reminded: 'Reminder sent',
    av_exported: 'Exported',
    av_documented: 'Documented',
    av_measured: 'Measurements recorded',
    avByStaff: 'Staff',
    avByCitizen: 'The recipient',
    avByGuardian: 'Guardian',
    avByPackage: 'Package dispatch',
    avByRecord: 'Record system',
    avBySystem: 'Blankett',
    avByEmail: 'Blankett, by e-mail',
    avBySms: 'Blankett, by text message',
  },
});

// ---- The endpoints ---------------------------------------------------------------------------------------
// docs/api.md, "Answers (uppföljning)" and "The export area".
export const answerApi = {
  get: (id) => call('GET', `/answers/${id}`),
  measure: (id, revision, measurements) => call('PUT', `/answers/${id}/measurements`, { revision, measurements }),
  documented: (id) => call('POST', `/answers/${id}/documented`, {}),
  remind: (id) => call('POST', '/answers/reminders', { answers: [id] }),
  pdf: (id) => call('POST', `/answers/${id}/pdf`, {}),
  exportFile: (id) => call('GET', `/exports/${id}/file`, undefined, { file: true }),
  remove: (id) => call('DELETE', `/answers/${id}`),
};

// ---- The form's texts ------------------------------------------------------------------------------------
// A text of the form ({sv, en} or a plain string) in the staff member's language, else the form's first.
export function formText(form, text) {
  if (text === undefined || text === null) return '';
  if (typeof text === 'string') return text;
  return text[language()] ?? text[form.languages?.[0]] ?? Object.values(text)[0] ?? '';
}

// A value as staff read it: numbers with the language's decimal mark and the unit, else as stored.
function valueText(value, unit) {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'number') return unit ? `${formatNumber(value)} ${unit}` : formatNumber(value);
  if (typeof value === 'boolean') return value ? t('yes') : t('no');
  return String(value);
}

// ---- The result --------------------------------------------------------------------------------------------
// A score's band: its ranges (or the ranges of the recipient's sex) and the label of the code reached.
function bandLabel(form, band, code) {
  const ranges = band.ranges ?? Object.values(band.by_sex ?? {}).flat();
  const range = ranges.find((r) => r.code === code);
  return range ? formText(form, range.label) : code;
}
// The highest value a score can take: the sum of its items' highest points (choices' points or values).
function scoreMax(form, score) {
  const sets = Object.fromEntries((form.choice_sets ?? []).map((c) => [c.id, c.choices]));
  const items = new Map();
  const walk = (list) => { for (const it of list ?? []) { items.set(it.id, it); walk(it.items); } };
  for (const p of form.pages ?? []) walk(p.items);
  let max = 0;
  for (const id of score.items ?? []) {
    const it = items.get(id);
    const choices = typeof it?.choices === 'string' ? sets[it.choices] : it?.choices;
    if (!Array.isArray(choices)) return null;
    max += Math.max(...choices.map((c) => c.points ?? Number(c.value)).filter((n) => Number.isFinite(n)));
  }
  return Number.isFinite(max) && max > 0 ? max : null;
}

function calculations(form, result) {
  const rows = (form.calculations ?? []).filter((c) => c.id in (result.calculations ?? {}));
  if (!rows.length) return nothing;
  return html`<h3>${t('avCalculations')}</h3>
    <dl class="summary-list result-list">${rows.map((c) => html`<div class="result-row">
      <dt>${formText(form, c.title)}</dt>
      <dd><span class="result-value">${'value' in result.calculations[c.id] ? valueText(result.calculations[c.id].value, c.unit) : t('avCalcMissing')}</span>
        ${c.staff_text ? html`<span class="hint">${formText(form, c.staff_text)}</span>` : nothing}</dd></div>`)}</dl>`;
}

function scores(form, result) {
  const rows = (form.scores ?? []).filter((s) => s.id in (result.scores ?? {}));
  if (!rows.length) return nothing;
  return html`<h3>${t('avScores')}</h3>
    <dl class="summary-list result-list">${rows.map((s) => {
      const r = result.scores[s.id];
      const max = scoreMax(form, s);
      const value = r.value === null || r.value === undefined ? t('avScoreNone')
        : max ? t('avScoreOf', { score: formatNumber(r.value), max: formatNumber(max) }) : formatNumber(r.value);
      const bands = (s.bands ?? []).filter((b) => r.bands?.[b.id]);
      return html`<div class="result-row" id="score-${s.id}">
        <dt>${formText(form, s.title)}</dt>
        <dd><span class="result-value">${value}</span>${bands.map((b) => html` <span class="band">${bandLabel(form, b, r.bands[b.id].code)}</span>`)}
          ${r.missing ? html`<span class="hint">${t('avScoreMissing', { answered: r.answered, missing: r.missing })}</span>` : nothing}
          ${bands.map((b) => (r.bands[b.id].version ? html`<span class="hint">${t('avBandSource', { version: r.bands[b.id].version })}</span>` : nothing))}</dd>
      </div>`;
    })}</dl>`;
}

const severityLevel = { critical: 'critical', warning: 'warning', info: 'info' };
function alerts(form, result) {
  const raised = result.alerts ?? [];
  return html`<h3>${t('avAlerts')}</h3>${raised.length ? html`<ul class="alert-list">${raised.map((a) => {
    const def = (form.alerts ?? []).find((x) => x.id === a.id);
    return html`<li class="alert-item alert-${severityLevel[a.severity] ?? 'info'}">${alertBadge(severityLevel[a.severity] ?? 'info')}
      <span>${def ? formText(form, def.message) : a.id}</span></li>`;
  })}</ul>` : html`<p>${t('avNoAlerts')}</p>`}`;
}

// The result: calculations first, then scores with bands, alerts, and each star profile.
export function resultView(form, result) {
  if (!result) return html`<p>${t('avNoResult')}</p>`;
  return html`${calculations(form, result)}${scores(form, result)}${alerts(form, result)}
    ${(form.profiles ?? []).filter((p) => result.profiles?.[p.id]).map((p) => profileView(form, p, result.profiles[p.id]))}`;
}

// ---- The star profile ----------------------------------------------------------------------------------------
// One spoke per axis, longer for a better level (the first level is the best), in the level's colour
// (only #hex from the form), the axis title at its end; an axis without a level is a short grey spoke.
const safeColour = (c) => (/^#[0-9a-fA-F]{3,8}$/.test(c ?? '') ? c : '#767676');
function profileChart(form, profile, axes) {
  const n = profile.axes.length;
  const radius = 120;
  const point = (i, r) => {
    const angle = (2 * Math.PI * i) / n - Math.PI / 2;
    return [Math.round(r * Math.cos(angle) * 10) / 10, Math.round(r * Math.sin(angle) * 10) / 10];
  };
  const lengthOf = (axis, got) => {
    const levels = axis.levels?.length ?? 1;
    if (!got?.level) return radius * 0.12;
    return radius * ((levels - (got.rank ?? 0)) / levels);
  };
  const ends = profile.axes.map((axis, i) => point(i, lengthOf(axis, axes[axis.id])));
  const title = formText(form, profile.title);
  return html`<figure class="profile-chart">
    <svg viewBox="-265 -180 530 360" role="img" aria-labelledby="profile-${profile.id}-label" focusable="false">
      <title id="profile-${profile.id}-label">${t('avProfileChart', { title })}</title>
      ${[1 / 3, 2 / 3, 1].map((f) => svg`<circle cx="0" cy="0" r=${radius * f} fill="none" stroke="#d0d0d0" stroke-width="1"></circle>`)}
      <polygon points=${ends.map((p) => p.join(',')).join(' ')} fill="#e8eef7" stroke="#8aa4c8" stroke-width="1"></polygon>
      ${profile.axes.map((axis, i) => {
        const [x, y] = ends[i];
        const [lx, ly] = point(i, radius + 14);
        const anchor = Math.abs(lx) < 5 ? 'middle' : lx > 0 ? 'start' : 'end';
        const got = axes[axis.id];
        return svg`<line x1="0" y1="0" x2=${x} y2=${y} stroke=${got?.level ? safeColour(got.color) : '#767676'} stroke-width="8"
            stroke-linecap="round"></line>
          <text x=${lx} y=${ly + 4} text-anchor=${anchor} font-size="15" fill="#1b1b1b">${formText(form, axis.title)}</text>`;
      })}
    </svg>
  </figure>`;
}

// An axis's value when it is a number (a code, such as a weight class, is said by its level).
const numberOnly = (value) => (typeof value === 'number' ? formatNumber(value) : '–');

function profileView(form, profile, got) {
  const axes = got.axes ?? {};
  const title = formText(form, profile.title);
  const level = (axis) => {
    const a = axes[axis.id];
    const def = (axis.levels ?? []).find((l) => l.code === a?.level);
    return def ? html`<svg class="swatch" viewBox="0 0 12 12" width="12" height="12" aria-hidden="true" focusable="false">
      <rect width="12" height="12" rx="2" fill=${safeColour(def.color)}></rect></svg> ${formText(form, def.label)}` : t('avNoLevel');
  };
  return html`<section class="profile" aria-labelledby="profile-${profile.id}-title">
    <h3 id="profile-${profile.id}-title">${title}</h3>
    ${profileChart(form, profile, axes)}
    <div class="table-wrap"><table class="list profile-table">
      <caption class="visually-hidden">${t('avProfileTable', { title })}</caption>
      <thead><tr><th scope="col">${t('avAxis')}</th><th scope="col">${t('avValue')}</th><th scope="col">${t('avLevel')}</th></tr></thead>
      <tbody>${profile.axes.map((axis) => html`<tr>
        <th scope="row" data-label=${t('avAxis')}>${formText(form, axis.title)}</th><td data-label=${t('avValue')}>${numberOnly(axes[axis.id]?.value)}</td>
        <td data-label=${t('avLevel')}><span>${level(axis)}</span></td></tr>`)}</tbody>
    </table></div>
  </section>`;
}

// ---- The answers ----------------------------------------------------------------------------------------------
// The core's render model of the pinned version with the given answers (and the recipient, for ages):
// what was visible, numbered as the citizen saw it. Resolves to null when the core cannot read them.
export async function answerModel(answer) {
  const core = await loadCore();
  const session = new core.FormSession(JSON.stringify(answer.form), today());
  try {
    if (!session.ok()) return null;
    if (answer.recipient?.personnummer) session.setSubject(answer.recipient.personnummer);
    if (!session.loadAnswers(JSON.stringify(answer.answers ?? {}))) return null;
    return { sv: JSON.parse(session.model('sv')), en: JSON.parse(session.model('en')) };
  } finally {
    session.delete?.();
  }
}

// A page's (or a group's) visible questions: runs of questions as definition lists, each group under
// its heading with a list of its own (a <dl> may hold only its rows).
function answerBlocks(nodes, answers, level = 4) {
  const blocks = [];
  let run = [];
  const close = () => {
    if (run.length) blocks.push(html`<dl class="answer-list">${run}</dl>`);
    run = [];
  };
  for (const n of nodes) {
    if (!n.visible || n.type === 'display') continue;
    if (n.items) {
      close();
      blocks.push(html`<div class="answer-group">${level === 4 ? html`<h4>${n.title ?? ''}</h4>` : html`<h5>${n.title ?? ''}</h5>`}
        ${answerBlocks(n.items, answers, level + 1)}</div>`);
    } else {
      run.push(html`<div class="answer-row"><dt>${n.number ? `${n.number}. ` : ''}${n.title ?? ''}</dt><dd>${answerText(n, answers[n.id])}</dd></div>`);
    }
  }
  close();
  return blocks;
}

// models: {sv, en} from answerModel, or null when it failed.
export function answersView(answer, models) {
  const model = models?.[language()];
  if (!model) return html`<p class="notice notice-error" role="alert">${t('avAnswersFailed')}</p>`;
  const answers = answer.answers ?? {};
  const pages = model.pages.filter((p) => p.visible);
  return html`<p class="hint">${t('avAnswersVersion', { version: answer.version })}</p>
    ${Object.keys(answers).length ? nothing : html`<p>${t('avNoAnswers')}</p>`}
    ${pages.map((p) => html`<section class="answer-page" aria-labelledby="ap-${p.id}">
      <h3 id="ap-${p.id}">${p.title ?? ''}</h3>
      ${answerBlocks(p.items, answers)}
    </section>`)}`;
}

// ---- The history -----------------------------------------------------------------------------------------------
const actorKeys = { staff: 'avByStaff', citizen: 'avByCitizen', guardian: 'avByGuardian', package: 'avByPackage',
  record: 'avByRecord', 'system:email': 'avByEmail', 'system:sms': 'avBySms' };
const eventText = (kind) => { const s = t(`av_${kind}`); return s === `av_${kind}` ? kind : s; };
export const happened = (answer, kind) => (answer.events ?? []).filter((e) => e.kind === kind);

export function historyView(answer) {
  const events = answer.events ?? [];
  return html`<div class="table-wrap"><table class="list history" id="history">
    <caption class="visually-hidden">${t('avHistory')}</caption>
    <thead><tr><th scope="col">${t('avWhen')}</th><th scope="col">${t('avWhat')}</th><th scope="col">${t('avWho')}</th></tr></thead>
    <tbody>${events.map((e) => html`<tr><td data-label=${t('avWhen')}>${dateTime(e.at)}</td><td data-label=${t('avWhat')}>${eventText(e.kind)}</td>
      <td data-label=${t('avWho')}>${t(actorKeys[e.actor] ?? actorKeys[e.actor.split(':')[0]] ?? 'avBySystem')}</td></tr>`)}</tbody>
  </table></div>`;
}
