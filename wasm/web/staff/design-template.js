// A template's page (#/design/mall/<id>): what it is (form id, kind, owner, marks), its versions with
// their states and the state changes each allows as buttons (each confirmed), Visa formulär (a version
// drawn as the citizen will see it, by the sending pages' Preview), its settings (Delad, Publik,
// Nationell: the last only for administrators), Exportera (the newest published version as a file) and
// the way to upload a new version. Another unit's template (national, subscribed) can be looked at,
// previewed and exported, not changed.
//
// Sections: texts · the page's markup (view) · entering the address (enter).
import { ApiError } from '../lib/api.js';
import { announce, focusMain, notice, show } from '../lib/dom.js';
import { html, nothing, repeat } from '../lib/html.js';
import { addTexts, dateTime, messageOf, t } from '../lib/i18n.js';
import { confirmDialog, leftPage } from './design-admin-parts.js';
import { designApi, designNav, kindText, owned, stateBadge, stateText, transitions } from './design-parts.js';
import { saveFile, visit } from './parts.js';
import { Preview } from './preview.js';
import { hasRole } from './session.js';

// ---- Texts ---------------------------------------------------------------------------------------------
addTexts({
  sv: {
    tplFormId: 'Formulär-id',
    tplKind: 'Slag',
    tplOwner: 'Ägs av',
    tplMarks: 'Märkning',
    tplNoMarks: 'Ingen',
    tplPublished: 'Publicerad version',
    tplNotOwner: 'Mallen ägs av {unit}. Bara den enheten kan ändra den, men du kan förhandsgranska och exportera den.',
    versionsHeading: 'Versioner',
    versionsHint: 'En ny version är Opublicerad. Den kan skickas för granskning och publiceras. Utskick använder den senaste publicerade versionen. En arkiverad version kan inte skickas men kan återpubliceras. Svar som redan är givna visas alltid med den version de gavs på.',
    versionsCaption: 'Mallens versioner',
    colVersion: 'Version',
    colVersionState: 'Status',
    colUploaded: 'Uppladdad',
    colChange: 'Ändra status',
    colShow: 'Förhandsgranska',
    versionN: 'version {version}',
    tplShowForm: 'Visa formulär',
    tplHideForm: 'Dölj formulär',
    previewOf: 'Version {version} ({state})',
    uploadVersion: 'Ladda upp ny version',
    askPending: 'Skicka version {version} av ”{name}” för granskning?',
    askPendingText: 'Versionen får status Väntar på granskning. Efter granskningen kan den publiceras eller dras tillbaka.',
    askPublish: 'Publicera version {version} av ”{name}”?',
    askPublishText: 'Versionen kan sedan skickas till invånare. Utskick använder alltid den senaste publicerade versionen.',
    askArchive: 'Arkivera version {version} av ”{name}”?',
    askArchiveText: 'Versionen kan inte längre skickas. Svar som redan är givna på den finns kvar och visas med den här versionen. Du kan återpublicera den senare.',
    askRepublish: 'Återpublicera version {version} av ”{name}”?',
    askRepublishText: 'Versionen kan skickas igen.',
    askWithdraw: 'Dra tillbaka version {version} av ”{name}”?',
    askWithdrawText: 'Versionen får status Opublicerad igen. Du kan ersätta den genom att ladda upp en fil med samma versionsnummer.',
    stateChanged: 'Version {version} har nu status {state}.',
    settingsHeading: 'Inställningar',
    settingsLegend: 'Vem kan använda mallen',
    settingShared: 'Delad / Gemensam mall',
    settingSharedHint: 'Andra enheter hittar mallen bland Gemensamma mallar och kan prenumerera på den.',
    settingPublic: 'Publik (invånare kan starta)',
    settingPublicHint: 'Mallen visas för alla invånare bland formulär som de kan fylla i själva.',
    settingNational: 'Nationell',
    settingNationalHint: 'En nationell mall (Nationell formulärsamling) kan skickas av alla enheter.',
    settingNationalAdmin: 'Bara en administratör kan ändra den här inställningen, och du har inte behörigheten Administrera på enheten.',
    saveSettings: 'Spara inställningar',
    settingsSaved: 'Inställningarna är sparade.',
    settingsSame: 'Inställningarna är oförändrade.',
    exportHeading: 'Exportera',
    exportHint: 'Laddar ner mallens senaste publicerade version (version {version}) som en JSON-fil, som kan importeras vid en annan enhet eller i en annan region.',
    exportNone: 'Mallen har ingen publicerad version att exportera ännu.',
    exportButton: 'Exportera',
    exported: 'Filen {file} är nedladdad.',
    actionFailed: 'Det gick inte: {reason}',
  },
  en: {
    tplFormId: 'Form id',
    tplKind: 'Kind',
    tplOwner: 'Owned by',
    tplMarks: 'Marks',
    tplNoMarks: 'None',
    tplPublished: 'Published version',
    tplNotOwner: 'The template is owned by {unit}. Only that unit can change it, but you can preview and export it.',
    versionsHeading: 'Versions',
    versionsHint: 'A new version is Unpublished. It can be submitted for review and published. Dispatches use the newest published version. An archived version cannot be sent but can be published again. Answers already given are always shown with the version they were given on.',
    versionsCaption: 'The template\'s versions',
    colVersion: 'Version',
    colVersionState: 'Status',
    colUploaded: 'Uploaded',
    colChange: 'Change status',
    colShow: 'Preview',
    versionN: 'version {version}',
    tplShowForm: 'Show the form',
    tplHideForm: 'Hide the form',
    previewOf: 'Version {version} ({state})',
    uploadVersion: 'Upload a new version',
    askPending: 'Submit version {version} of “{name}” for review?',
    askPendingText: 'The version gets the status Awaiting review. After the review it can be published or withdrawn.',
    askPublish: 'Publish version {version} of “{name}”?',
    askPublishText: 'The version can then be sent to citizens. Dispatches always use the newest published version.',
    askArchive: 'Archive version {version} of “{name}”?',
    askArchiveText: 'The version can no longer be sent. Answers already given on it stay and are shown with this version. You can publish it again later.',
    askRepublish: 'Publish version {version} of “{name}” again?',
    askRepublishText: 'The version can be sent again.',
    askWithdraw: 'Withdraw version {version} of “{name}”?',
    askWithdrawText: 'The version becomes Unpublished again. You can replace it by uploading a file with the same version number.',
    stateChanged: 'Version {version} now has the status {state}.',
    settingsHeading: 'Settings',
    settingsLegend: 'Who can use the template',
    settingShared: 'Shared template',
    settingSharedHint: 'Other units find the template among Shared templates and can subscribe to it.',
    settingPublic: 'Public (citizens can start it)',
    settingPublicHint: 'The template is shown to every citizen among the forms they can fill in themselves.',
    settingNational: 'National',
    settingNationalHint: 'A national template (the national form library) can be sent by every unit.',
    settingNationalAdmin: 'Only an administrator can change this setting, and you do not have the Administration role at the unit.',
    saveSettings: 'Save settings',
    settingsSaved: 'The settings have been saved.',
    settingsSame: 'The settings are unchanged.',
    exportHeading: 'Export',
    exportHint: 'Downloads the template\'s newest published version (version {version}) as a JSON file, which can be imported at another unit or in another region.',
    exportNone: 'The template has no published version to export yet.',
    exportButton: 'Export',
    exported: 'The file {file} has been downloaded.',
    actionFailed: 'That did not work: {reason}',
  },
});

// The question and its text for each change, by the button's text.
const questions = {
  actSubmitReview: ['askPending', 'askPendingText'],
  actPublish: ['askPublish', 'askPublishText'],
  actArchive: ['askArchive', 'askArchiveText'],
  actRepublish: ['askRepublish', 'askRepublishText'],
  actWithdraw: ['askWithdraw', 'askWithdrawText'],
};

// ---- The page's markup ---------------------------------------------------------------------------------
function facts(x) {
  const list = [x.national ? t('markNational') : '', x.shared ? t('markShared') : '', x.public ? t('markPublic') : ''].filter(Boolean);
  return html`<dl class="summary-list" id="template-facts">
    <dt>${t('tplFormId')}</dt><dd><code>${x.form_id}</code></dd>
    <dt>${t('tplKind')}</dt><dd>${kindText(x.kind)}</dd>
    <dt>${t('tplOwner')}</dt><dd>${x.unit.name}</dd>
    <dt>${t('tplMarks')}</dt><dd>${list.length ? list.join(', ') : t('tplNoMarks')}</dd>
    <dt>${t('tplPublished')}</dt><dd>${x.published_version ?? t('noPublished')}</dd>
  </dl>`;
}

function versionsPart(s, a) {
  const x = s.data.template;
  const mine = owned(x);
  const open = s.preview?.version;
  const row = (v) => html`<tr>
    <th scope="row" data-label=${t('colVersion')}>${v.version}</th>
    <td data-label=${t('colVersionState')}>${stateBadge(v.state)}</td>
    <td data-label=${t('colUploaded')}>${dateTime(v.created_at)}</td>
    ${mine ? html`<td data-label=${t('colChange')}><div class="row-buttons">${(transitions[v.state] ?? []).map(([to, label]) => html`
      <button type="button" class="button secondary" id="v${v.version}-${to}" ?disabled=${s.busy}
        @click=${() => a.change(v, to, label)}>${t(label)}<span class="visually-hidden"> ${t('versionN', { version: v.version })}</span></button>`)}
      </div></td>` : nothing}
    <td data-label=${t('colShow')}><button type="button" class="button secondary" id="show-${v.version}"
      aria-expanded=${open === v.version ? 'true' : 'false'} aria-controls="template-preview" @click=${() => a.preview(v)}>${
      open === v.version ? t('tplHideForm') : t('tplShowForm')}<span class="visually-hidden"> ${t('versionN', { version: v.version })}</span></button></td>
  </tr>`;
  return html`<section class="section" aria-labelledby="versions-heading">
    <h2 id="versions-heading">${t('versionsHeading')}</h2>
    <p class="hint">${t('versionsHint')}</p>
    <div class="table-wrap"><table class="list" id="versions">
      <caption class="visually-hidden">${t('versionsCaption')}</caption>
      <thead><tr><th scope="col">${t('colVersion')}</th><th scope="col">${t('colVersionState')}</th><th scope="col">${t('colUploaded')}</th>
        ${mine ? html`<th scope="col">${t('colChange')}</th>` : nothing}<th scope="col">${t('colShow')}</th></tr></thead>
      <tbody>${repeat([...s.data.versions].sort((p, q) => q.version - p.version), (v) => v.version, row)}</tbody>
    </table></div>
    ${mine ? html`<p><a href="#/design/ladda-upp/${x.id}" class="button secondary" id="upload-version">${t('uploadVersion')}</a></p>` : nothing}
  </section>`;
}

function previewPart(s) {
  const p = s.preview;
  return html`<div id="template-preview">${!p ? nothing
    : p.loading ? html`<p class="loading" role="status">${t('previewLoading')}</p>`
      : p.error ? notice(p.error, 'error')
        : html`<p class="meta preview-version">${t('previewOf', { version: p.version, state: stateText(p.state) })}</p>${p.shown.view('')}`}</div>`;
}

function settingsPart(s, a) {
  const admin = hasRole('admin');
  const box = (key, label, hint, disabled = false, extra = '') => html`<div class="option">
      <input type="checkbox" id="setting-${key}" .checked=${s.settings[key]} ?disabled=${disabled || s.busy}
        aria-describedby="setting-${key}-hint" @change=${(ev) => { s.settings[key] = ev.target.checked; }}>
      <label for="setting-${key}">${t(label)}</label>
    </div>
    <p class="hint setting-hint" id="setting-${key}-hint">${t(hint)}${extra ? html` <strong>${extra}</strong>` : nothing}</p>`;
  return html`<section class="section" aria-labelledby="settings-heading">
    <h2 id="settings-heading">${t('settingsHeading')}</h2>
    <form class="stack" novalidate @submit=${a.save}>
      <fieldset class="box">
        <legend>${t('settingsLegend')}</legend>
        ${box('shared', 'settingShared', 'settingSharedHint')}
        ${box('public', 'settingPublic', 'settingPublicHint')}
        ${box('national', 'settingNational', 'settingNationalHint', !admin, admin ? '' : t('settingNationalAdmin'))}
      </fieldset>
      <button type="submit" class="button" id="save-settings" ?disabled=${s.busy}>${t('saveSettings')}</button>
    </form>
  </section>`;
}

function exportPart(s, a) {
  const v = s.data.template.published_version;
  return html`<section class="section" aria-labelledby="export-heading">
    <h2 id="export-heading">${t('exportHeading')}</h2>
    <p class="hint" id="export-hint">${v === null ? t('exportNone') : t('exportHint', { version: v })}</p>
    <button type="button" class="button secondary" id="export" aria-describedby="export-hint" ?disabled=${v === null || s.busy}
      @click=${a.exportFile}>${t('exportButton')}</button>
  </section>`;
}

// state: {data: {template, versions}, settings, message, busy, preview}; actions: {change, preview, save, exportFile}.
export function view(s, a) {
  const x = s.data.template;
  return html`${designNav(null, '#/design')}
    <h1>${x.name}</h1>
    ${facts(x)}
    ${owned(x) ? nothing : notice(t('tplNotOwner', { unit: x.unit.name }))}
    <div id="template-message" tabindex="-1">${s.message ? notice(s.message.text, s.message.kind) : nothing}</div>
    ${versionsPart(s, a)}
    ${previewPart(s)}
    ${owned(x) ? settingsPart(s, a) : nothing}
    ${exportPart(s, a)}`;
}

// ---- Entering the address ------------------------------------------------------------------------------
export async function enter({ id }) {
  const current = visit();
  const flags = (x) => ({ shared: x.shared, public: x.public, national: x.national });
  const s = { data: (await designApi.template(id)).json, message: null, busy: false, preview: null };
  s.settings = flags(s.data.template);

  const draw = () => {
    if (!current()) return;
    show(s.data.template.name, view(s, a));
    if (s.preview?.shown) s.preview.shown.apply();
  };
  const reload = async () => {
    s.data = (await designApi.template(id)).json;
    s.settings = flags(s.data.template);
  };
  // The outcome of an action, said on the page (and focused, so that it is read where focus was lost).
  const say = (text, kind = 'info') => {
    s.message = { text, kind };
    draw();
    document.getElementById('template-message')?.focus();
  };
  const failed = (e) => {
    if (leftPage(e)) return;
    say(t('actionFailed', { reason: messageOf(e) }), 'error');
  };

  const a = {
    async change(v, to, label) {
      const [title, text] = questions[label];
      const args = { version: v.version, name: s.data.template.name };
      const yes = await confirmDialog({ title: t(title, args), text: t(text), yes: t(label) });
      if (!yes) return;
      s.busy = true;
      draw();
      try {
        await designApi.setState(id, v.version, to);
        await reload();
        s.busy = false;
        say(t('stateChanged', { version: v.version, state: stateText(to) }));
      } catch (e) {
        s.busy = false;
        if (e instanceof ApiError && e.code === 'template.state') await reload().catch(() => {});
        failed(e);
      }
    },
    async preview(v) {
      if (s.preview?.version === v.version) {
        s.preview = null;
        draw();
        return;
      }
      s.preview = { version: v.version, state: v.state, loading: true, error: '', shown: null };
      const mine = s.preview;
      draw();
      try {
        mine.shown = await Preview.of({ id: s.data.template.id, published_version: v.version });
      } catch (e) {
        if (leftPage(e)) return;
        mine.error = `${t('previewFailed')} ${messageOf(e)}`;
      }
      mine.loading = false;
      if (s.preview !== mine) return;
      draw();
      announce(mine.error || t('previewOf', { version: v.version, state: stateText(v.state) }));
    },
    async save(ev) {
      ev.preventDefault();
      const before = flags(s.data.template);
      const changed = Object.fromEntries(Object.entries(s.settings).filter(([k, on]) => on !== before[k]));
      if (!Object.keys(changed).length) return say(t('settingsSame'));
      s.busy = true;
      draw();
      try {
        await designApi.settings(id, changed);
        await reload();
        s.busy = false;
        say(t('settingsSaved'));
      } catch (e) {
        s.busy = false;
        failed(e);
      }
    },
    async exportFile() {
      try {
        const file = await designApi.exportFile(id);
        const name = file.filename || `${s.data.template.form_id}.json`;
        saveFile(file.blob, name);
        say(t('exported', { file: name }));
      } catch (e) {
        failed(e);
      }
    },
  };
  draw();
  focusMain();
}
