// Ladda upp ny version / Importera mall (#/design/ladda-upp, and #/design/ladda-upp/<id> from a
// template's page): a .json form definition sent as it is (POST /templates, the file's bytes as the
// body). The file's "id" decides the template: an id the unit has gives a new version, another a new
// template (its kind and whether citizens may start it are asked). What the file says is shown before
// sending; a refused file shows every diagnostic by line and column, a version that exists is explained,
// and an upload that went through shows the new version and its warnings.
//
// Sections: texts · reading the file · the page's markup (view) · entering the address (enter).
import { ApiError } from '../lib/api.js';
import { focusMain, notice, show } from '../lib/dom.js';
import { html, nothing } from '../lib/html.js';
import { addTexts, language, messageOf, t } from '../lib/i18n.js';
import { leftPage } from './design-admin-parts.js';
import { coreTexts, diagnosticList } from './design-diagnostics.js';
import { designApi, designNav, kindNames, kindText, owned, stateText } from './design-parts.js';
import { describedBy, errorSummary, fieldError, focusSummary, invalid, visit } from './parts.js';
import { onSessionChange } from './session.js';

// ---- Texts ---------------------------------------------------------------------------------------------
addTexts({
  sv: {
    uploadTitle: 'Ladda upp ny version eller importera mall',
    uploadTitleFor: 'Ladda upp ny version av ”{name}”',
    uploadIntro: 'Välj en formulärdefinition: en JSON-fil som designverktyget sparar, eller en mall som har exporterats från en annan enhet eller region. Filens ”id” avgör vilken mall det gäller: finns id:t redan hos enheten blir filen en ny version av den mallen, annars en ny mall. Filens ”version” blir versionens nummer.',
    uploadIntroFor: 'Välj filen med den nya versionen. Den ska ha id:t ”{formId}” och ett högre versionsnummer (”version”) än mallens senaste version, {latest}.',
    uploadVersionState: 'Den nya versionen får status Opublicerad. Publicera den på mallens sida när den är granskad.',
    uploadFile: 'Formulärdefinition (.json)',
    uploadFileHint: 'En fil i Blanketts formulärformat, högst några megabyte.',
    uploadFileMissing: 'Välj en fil att ladda upp.',
    uploadFileUnread: 'Filen {name} kunde inte läsas. Välj filen igen.',
    uploadWrongId: 'Filen gäller formuläret ”{fileId}”, inte ”{formId}”. Välj filen med den nya versionen av den här mallen, eller ladda upp filen som en ny mall under Ladda upp eller importera.',
    uploadFileHeading: 'Filen',
    uploadFileName: 'Fil',
    uploadFormId: 'Formulär-id',
    uploadFormTitle: 'Titel',
    uploadFormVersion: 'Version',
    uploadBecomes: 'Blir',
    uploadNewTemplate: 'En ny mall hos enheten',
    uploadNewVersion: 'En ny version av ”{name}” (senaste version {latest}: {state})',
    uploadReplaceDraft: 'Ersätter version {version} av ”{name}”, som inte har publicerats',
    uploadVersionTaken: 'Inget: mallen har redan version {latest}. Filen behöver version {next} eller högre.',
    uploadUnknown: 'Okänt: filen kunde inte läsas som JSON. Ladda upp den för att se var felen finns.',
    uploadKindLegend: 'Slag av mall',
    uploadKindHint: 'Slaget gäller mallens alla versioner och kan inte ändras senare.',
    uploadKindQuestionnaireHint: 'Skickas till invånare, som besvarar det.',
    uploadKindCaseHint: 'Startas av invånaren själv, till exempel Förnya recept.',
    uploadKindInformationHint: 'Bara information, kan inte besvaras.',
    uploadPublic: 'Publik (invånare kan starta)',
    uploadPublicHint: 'Mallen visas för alla invånare bland formulär som de kan fylla i.',
    uploadButton: 'Ladda upp',
    uploading: 'Laddar upp …',
    uploadVersionExists: 'Version {version} av ”{name}” finns redan och har status {state}. Ändra ”version” i filen till {next} eller högre och ladda upp filen igen. Samma versionsnummer kan bara laddas upp igen så länge versionen inte har publicerats eller skickats för granskning.',
    uploadVersionLower: 'Filen har version {version}, men ”{name}” har redan version {latest} ({state}). Ändra ”version” i filen till {next} eller högre och ladda upp filen igen.',
    uploadKindConflict: 'Mallen ”{name}” har slaget {kind}. En ny version behåller mallens slag.',
    rejectedTitle: 'Mallen laddades inte upp: filen har 1 fel',
    rejectedTitleMany: 'Mallen laddades inte upp: filen har {count} fel',
    rejectedIntro: 'Rätta felen i {name} och ladda upp filen igen. Varje fel anges med rad och kolumn i filen.',
    rejectedWarnings: 'Varningar ({count})',
    rejectedWarningsHint: 'Varningar hindrar inte uppladdningen men är värda att titta på.',
    uploadedTitle: 'Mallen är uppladdad',
    uploadedNew: 'Mallen ”{name}” är skapad med version {version}, som har status {state}.',
    uploadedVersion: 'Version {version} av ”{name}” är uppladdad och har status {state}.',
    uploadedNext: 'Förhandsgranska den med Visa formulär och publicera den på mallens sida när den är klar att skickas.',
    uploadedToTemplate: 'Till mallen ”{name}”',
    uploadedAnother: 'Ladda upp en fil till',
    uploadedWarnings: 'Varningar ({count})',
    uploadedWarningsIntro: 'Mallen laddades upp, men det här är värt att titta på:',
    uploadedNoWarnings: 'Inga varningar.',
  },
  en: {
    uploadTitle: 'Upload a new version or import a template',
    uploadTitleFor: 'Upload a new version of “{name}”',
    uploadIntro: 'Choose a form definition: a JSON file the designer saves, or a template exported from another unit or region. The file\'s “id” decides which template it is: if the unit has that id already the file becomes a new version of that template, otherwise a new template. The file\'s “version” becomes the version\'s number.',
    uploadIntroFor: 'Choose the file with the new version. It must have the id “{formId}” and a higher version number (“version”) than the template\'s latest version, {latest}.',
    uploadVersionState: 'The new version gets the status Unpublished. Publish it on the template\'s page once it has been reviewed.',
    uploadFile: 'Form definition (.json)',
    uploadFileHint: 'A file in Blankett\'s form format, at most a few megabytes.',
    uploadFileMissing: 'Choose a file to upload.',
    uploadFileUnread: 'The file {name} could not be read. Choose the file again.',
    uploadWrongId: 'The file is for the form “{fileId}”, not “{formId}”. Choose the file with the new version of this template, or upload the file as a new template under Upload or import.',
    uploadFileHeading: 'The file',
    uploadFileName: 'File',
    uploadFormId: 'Form id',
    uploadFormTitle: 'Title',
    uploadFormVersion: 'Version',
    uploadBecomes: 'Becomes',
    uploadNewTemplate: 'A new template at the unit',
    uploadNewVersion: 'A new version of “{name}” (latest version {latest}: {state})',
    uploadReplaceDraft: 'Replaces version {version} of “{name}”, which has not been published',
    uploadVersionTaken: 'Nothing: the template already has version {latest}. The file needs version {next} or higher.',
    uploadUnknown: 'Unknown: the file could not be read as JSON. Upload it to see where the errors are.',
    uploadKindLegend: 'Kind of template',
    uploadKindHint: 'The kind applies to every version of the template and cannot be changed later.',
    uploadKindQuestionnaireHint: 'Sent to citizens, who answer it.',
    uploadKindCaseHint: 'Started by the citizen, for example Renew a prescription.',
    uploadKindInformationHint: 'Information only, cannot be answered.',
    uploadPublic: 'Public (citizens can start it)',
    uploadPublicHint: 'The template is shown to every citizen among the forms they can fill in.',
    uploadButton: 'Upload',
    uploading: 'Uploading …',
    uploadVersionExists: 'Version {version} of “{name}” exists already and has the status {state}. Change “version” in the file to {next} or higher and upload the file again. The same version number can only be uploaded again while the version has not been published or submitted for review.',
    uploadVersionLower: 'The file has version {version}, but “{name}” already has version {latest} ({state}). Change “version” in the file to {next} or higher and upload the file again.',
    uploadKindConflict: 'The template “{name}” is of the kind {kind}. A new version keeps the template\'s kind.',
    rejectedTitle: 'The template was not uploaded: the file has 1 error',
    rejectedTitleMany: 'The template was not uploaded: the file has {count} errors',
    rejectedIntro: 'Correct the errors in {name} and upload the file again. Each error is given with its line and column in the file.',
    rejectedWarnings: 'Warnings ({count})',
    rejectedWarningsHint: 'Warnings do not stop an upload but are worth a look.',
    uploadedTitle: 'The template has been uploaded',
    uploadedNew: 'The template “{name}” has been created with version {version}, which has the status {state}.',
    uploadedVersion: 'Version {version} of “{name}” has been uploaded and has the status {state}.',
    uploadedNext: 'Preview it with Show the form and publish it on the template\'s page when it is ready to be sent.',
    uploadedToTemplate: 'To the template “{name}”',
    uploadedAnother: 'Upload another file',
    uploadedWarnings: 'Warnings ({count})',
    uploadedWarningsIntro: 'The template was uploaded, but this is worth a look:',
    uploadedNoWarnings: 'No warnings.',
  },
});

// ---- Reading the file ------------------------------------------------------------------------------------
// The file as it will be sent (its bytes) and what it says of itself (id, version, title), read with
// JSON.parse only for showing; the server's core decides. {name, bytes, text, lines, id, version, title}.
async function readDefinition(file) {
  const bytes = await file.arrayBuffer();
  const text = new TextDecoder('utf-8').decode(bytes);
  const read = { name: file.name, bytes, text, lines: text.split(/\r\n|\n|\r/), id: null, version: null, title: '' };
  try {
    const doc = JSON.parse(text);
    if (doc && typeof doc === 'object') {
      if (typeof doc.id === 'string') read.id = doc.id;
      if (Number.isInteger(doc.version)) read.version = doc.version;
      const title = doc.title;
      read.title = typeof title === 'string' ? title
        : title && typeof title === 'object' ? (title[language()] ?? title.sv ?? Object.values(title)[0] ?? '') : '';
    }
  } catch { /* the server says where */ }
  return read;
}

// The unit's own template the file is a version of, or null (a new template).
const templateOf = (s, file) => (file?.id ? s.templates.find((x) => owned(x) && x.form_id === file.id) ?? null : null);

// Why the server would refuse the file's version number, as a text, or ''.
function versionProblem(existing, file) {
  if (!existing || file?.version === null || file?.version === undefined) return '';
  const args = { version: file.version, name: existing.name, latest: existing.latest_version,
                 state: stateText(existing.latest_state), next: existing.latest_version + 1 };
  if (file.version < existing.latest_version) return t('uploadVersionLower', args);
  if (file.version === existing.latest_version && existing.latest_state !== 'unpublished') return t('uploadVersionExists', args);
  return '';
}

// ---- The page's markup -----------------------------------------------------------------------------------
function fileSummary(s) {
  const f = s.file;
  if (!f) return nothing;
  const existing = s.target ?? templateOf(s, f);
  let becomes;
  if (f.id === null) becomes = t('uploadUnknown');
  else if (s.target && f.id !== s.target.form_id) becomes = html`<span class="warn-text">${t('uploadWrongId', { fileId: f.id, formId: s.target.form_id })}</span>`;
  else if (versionProblem(existing, f)) {
    becomes = html`<span class="warn-text">${t('uploadVersionTaken', { latest: existing.latest_version, next: existing.latest_version + 1 })}</span>`;
  }
  else if (!existing) becomes = t('uploadNewTemplate');
  else if (f.version === existing.latest_version && existing.latest_state === 'unpublished') {
    becomes = t('uploadReplaceDraft', { version: f.version, name: existing.name });
  } else {
    becomes = t('uploadNewVersion', { name: existing.name, latest: existing.latest_version, state: stateText(existing.latest_state) });
  }
  return html`<section class="file-summary" aria-labelledby="file-heading">
    <h2 id="file-heading">${t('uploadFileHeading')}</h2>
    <dl class="summary-list" id="file-facts">
      <dt>${t('uploadFileName')}</dt><dd>${f.name}</dd>
      ${f.id !== null ? html`<dt>${t('uploadFormId')}</dt><dd><code>${f.id}</code></dd>` : nothing}
      ${f.title ? html`<dt>${t('uploadFormTitle')}</dt><dd>${f.title}</dd>` : nothing}
      ${f.version !== null ? html`<dt>${t('uploadFormVersion')}</dt><dd>${f.version}</dd>` : nothing}
      <dt>${t('uploadBecomes')}</dt><dd id="file-becomes">${becomes}</dd>
    </dl>
  </section>`;
}

const kindHints = {
  questionnaire: 'uploadKindQuestionnaireHint', case: 'uploadKindCaseHint', information: 'uploadKindInformationHint',
};

function newTemplateFields(s, a) {
  const radio = (kind) => html`<div class="option">
    <input type="radio" name="kind" id="kind-${kind}" value=${kind} .checked=${s.kind === kind} aria-describedby="kind-${kind}-hint"
      @change=${() => a.setKind(kind)}>
    <label for="kind-${kind}">${kindText(kind)} <span class="meta" id="kind-${kind}-hint">${t(kindHints[kind])}</span></label>
  </div>`;
  return html`<fieldset class="box" aria-describedby="kind-hint">
      <legend>${t('uploadKindLegend')}</legend>
      <p class="hint" id="kind-hint">${t('uploadKindHint')}</p>
      <div class="options">${kindNames.map(radio)}</div>
    </fieldset>
    <div>
      <div class="option">
        <input type="checkbox" id="upload-public" .checked=${s.isPublic} aria-describedby="upload-public-hint"
          @change=${(ev) => { s.isPublic = ev.target.checked; }}>
        <label for="upload-public">${t('uploadPublic')}</label>
      </div>
      <p class="hint setting-hint" id="upload-public-hint">${t('uploadPublicHint')}</p>
    </div>`;
}

function rejection(r) {
  const errors = r.diagnostics.filter((d) => d.severity !== 'warning');
  const warnings = r.diagnostics.filter((d) => d.severity === 'warning');
  const opts = { lines: r.lines, local: r.local };
  return html`<section class="diag-summary" id="diag-summary" tabindex="-1" aria-labelledby="diag-title">
    <h2 id="diag-title">${errors.length === 1 ? t('rejectedTitle') : t('rejectedTitleMany', { count: errors.length })}</h2>
    <p>${t('rejectedIntro', { name: r.name })}</p>
    ${diagnosticList(errors, { ...opts, id: 'diag-errors' })}
    ${warnings.length ? html`<details class="diag-warnings">
      <summary>${t('rejectedWarnings', { count: warnings.length })}</summary>
      <p class="hint">${t('rejectedWarningsHint')}</p>
      ${diagnosticList(warnings, { ...opts, id: 'diag-warnings' })}
    </details>` : nothing}
  </section>`;
}

function doneView(d, a) {
  const args = { name: d.name, version: d.version, state: stateText(d.state) };
  return html`${designNav('#/design/ladda-upp')}<h1 id="upload-page">${t('uploadedTitle')}</h1>
    ${notice(d.isNew ? t('uploadedNew', args) : t('uploadedVersion', args))}
    <p>${t('uploadedNext')}</p>
    <ul class="actions">
      <li><a href="#/design/mall/${d.id}" id="to-template">${t('uploadedToTemplate', { name: d.name })}</a></li>
      <li><button type="button" class="link-button" id="upload-another" @click=${a.again}>${t('uploadedAnother')}</button></li>
    </ul>
    <h2>${t('uploadedWarnings', { count: d.warnings.length })}</h2>
    ${d.warnings.length ? html`<p>${t('uploadedWarningsIntro')}</p>
      ${diagnosticList(d.warnings, { id: 'upload-warnings', lines: d.lines, local: d.local })}`
      : html`<p class="empty">${t('uploadedNoWarnings')}</p>`}`;
}

// state: {target, templates, file, kind, isPublic, errors, busy, rejected, done}; actions below.
export function view(s, a) {
  if (s.done) return doneView(s.done, a);
  const e = s.errors;
  const existing = s.target ?? templateOf(s, s.file);
  return html`${designNav(s.target ? null : '#/design/ladda-upp', s.target ? '#/design' : null)}
    ${s.target ? html`<p><a href="#/design/mall/${s.target.id}" class="back">${s.target.name}</a></p>` : nothing}
    <h1 id="upload-page">${s.target ? t('uploadTitleFor', { name: s.target.name }) : t('uploadTitle')}</h1>${errorSummary(e)}
    <p>${s.target ? t('uploadIntroFor', { formId: s.target.form_id, latest: s.target.latest_version }) : t('uploadIntro')}</p>
    <p>${t('uploadVersionState')}</p>
    <form class="stack" novalidate @submit=${a.upload}>
      <div class="field file-field">
        <label for="template-file">${t('uploadFile')}</label>
        <p class="hint" id="template-file-hint">${t('uploadFileHint')}</p>${fieldError(e, 'template-file')}
        <input type="file" id="template-file" accept=".json,application/json" ?disabled=${s.busy}
          aria-describedby=${describedBy(e, 'template-file', 'template-file-hint')} aria-invalid=${invalid(e, 'template-file')}
          @change=${a.chose}>
      </div>
      ${fileSummary(s)}
      ${s.file && !existing && !s.target ? newTemplateFields(s, a) : nothing}
      <div>
        <button type="submit" class="button" id="upload" ?disabled=${s.busy}>${t('uploadButton')}</button>
        ${s.busy ? html`<span class="loading" role="status">${t('uploading')}</span>` : nothing}
      </div>
    </form>
    ${s.rejected ? rejection(s.rejected) : nothing}`;
}

// ---- Entering the address ----------------------------------------------------------------------------------
// The page's state stays while the page is on screen, so that a change of language (which draws it
// again) keeps the chosen file, a refusal's diagnostics and an upload's result; leaving the page drops it.
let shown = null;
onSessionChange((me) => { if (!me) shown = null; });

export async function enter({ id } = {}) {
  const current = visit();
  const [list, one] = await Promise.all([designApi.templates(), id ? designApi.template(id) : null]);
  const again = shown && shown.id === id && document.getElementById('upload-page');
  const s = again ? shown.s : {
    target: null, templates: [], file: null, kind: 'questionnaire', isPublic: false,
    errors: [], busy: false, rejected: null, done: null,
  };
  s.target = one?.json.template ?? null;
  s.templates = list.json.templates;
  shown = { id, s };
  const draw = () => {
    if (!current()) return;
    const title = s.done ? t('uploadedTitle') : s.target ? t('uploadTitleFor', { name: s.target.name }) : t('uploadTitle');
    show(title, view(s, a));
  };
  const refuse = (text) => {
    s.errors = [{ field: 'template-file', text }];
    draw();
    focusSummary();
  };

  const a = {
    async chose(ev) {
      const picked = ev.target.files[0];
      s.errors = [];
      s.rejected = null;
      s.file = null;
      if (picked) {
        try {
          s.file = await readDefinition(picked);
        } catch {
          refuse(t('uploadFileUnread', { name: picked.name }));
          return;
        }
      }
      draw();
    },
    setKind(kind) { s.kind = kind; },
    // "Ladda upp en fil till": the form again, empty.
    again() {
      Object.assign(s, { file: null, kind: 'questionnaire', isPublic: false, errors: [], rejected: null, done: null });
      draw();
      focusMain();
    },
    async upload(ev) {
      ev.preventDefault();
      s.rejected = null;
      const f = s.file;
      if (!f) return refuse(t('uploadFileMissing'));
      if (s.target && f.id !== null && f.id !== s.target.form_id) {
        return refuse(t('uploadWrongId', { fileId: f.id, formId: s.target.form_id }));
      }
      const existing = s.target ?? templateOf(s, f);
      const early = versionProblem(existing, f);
      if (early) return refuse(early);
      s.errors = [];
      s.busy = true;
      draw();
      let r;
      try {
        r = (await designApi.upload(f.bytes, existing ? {} : { kind: s.kind, public: String(s.isPublic) })).json;
      } catch (e) {
        s.busy = false;
        if (leftPage(e)) return;
        if (e instanceof ApiError && e.code === 'template.invalid' && Array.isArray(e.body?.diagnostics)) {
          s.rejected = { name: f.name, diagnostics: e.body.diagnostics, lines: f.lines, local: await coreTexts(f.text) };
          draw();
          document.getElementById('diag-summary')?.focus();
          return;
        }
        if (e instanceof ApiError && (e.code === 'template.version' || e.code === 'template.kind')) {
          // What the unit has now, for the explanation.
          s.templates = await designApi.templates().then((x) => x.json.templates, () => s.templates);
          const now = s.templates.find((x) => owned(x) && x.form_id === f.id) ?? existing;
          if (now && e.code === 'template.version') {
            return refuse(versionProblem(now, f) || t('uploadVersionExists', {
              version: f.version ?? '?', name: now.name, state: stateText(now.latest_state), next: now.latest_version + 1 }));
          }
          if (now) return refuse(t('uploadKindConflict', { name: now.name, kind: kindText(now.kind).toLocaleLowerCase(language()) }));
        }
        return refuse(messageOf(e));
      }
      const made = await designApi.template(r.id).then((x) => x.json.template, () => null);
      s.busy = false;
      s.done = {
        id: r.id, version: r.version, state: r.state, warnings: r.warnings ?? [], lines: f.lines,
        local: r.warnings?.length ? await coreTexts(f.text) : null,
        name: made?.name ?? f.title ?? f.id, isNew: !existing,
      };
      draw();
      focusMain();
    },
  };
  draw();
  focusMain();
}
