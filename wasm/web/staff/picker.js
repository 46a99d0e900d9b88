// The template picker (Formulärmall) that the sending pages share: a text box that searches the unit's
// sendable templates as the sender types, and the list of matches (the ARIA 1.2 combobox: arrows move
// through the list, Enter picks, Escape closes; a click picks).
import { html, nothing } from '../lib/html.js';
import { addTexts, language, t } from '../lib/i18n.js';
import { describedBy, fieldError, invalid } from './parts.js';

addTexts({
  sv: {
    template: 'Formulärmall',
    templateHint: 'Börja skriva namnet och välj formulärmall i listan.',
    templateNone: 'Ingen formulärmall matchar ”{query}”.',
    templateNoneAtAll: 'Enheten har inga publicerade formulärmallar att skicka.',
    templateMeta: 'Version {version}',
    templateNational: 'Nationell',
    templateShared: 'Gemensam',
    templateMissing: 'Välj en formulärmall.',
  },
  en: {
    template: 'Form template',
    templateHint: 'Start typing the name and choose a form template in the list.',
    templateNone: 'No form template matches “{query}”.',
    templateNoneAtAll: 'The unit has no published form templates to send.',
    templateMeta: 'Version {version}',
    templateNational: 'National',
    templateShared: 'Shared',
    templateMissing: 'Choose a form template.',
  },
});

// The templates a unit can send (GET /templates): published questionnaires; case and information
// templates are not sent.
export const sendable = (templates) => templates.filter((x) => x.published_version !== null && x.kind === 'questionnaire');

export class TemplatePicker {
  // templates: the sendable ones; redraw(): draws the page again; picked(template or null): the choice changed.
  constructor(templates, redraw, picked) {
    this.templates = templates;
    this.redraw = redraw;
    this.picked = picked;
    this.query = '';
    this.chosen = null;
    this.open = false;
    this.active = -1;
  }

  get matches() {
    const q = this.query.trim().toLocaleLowerCase(language());
    if (!q) return this.templates;
    return this.templates.filter((x) => x.name.toLocaleLowerCase(language()).includes(q) || x.form_id.includes(q));
  }

  pick(template) {
    this.chosen = template;
    this.query = template.name;
    this.open = false;
    this.active = -1;
    this.picked(template);
    this.redraw();
  }

  typed(value) {
    this.query = value;
    this.open = true;
    this.active = -1;
    if (this.chosen && this.chosen.name !== value) {
      this.chosen = null;
      this.picked(null);
    }
    this.redraw();
  }

  key(ev) {
    const matches = this.matches;
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      ev.preventDefault();
      if (!this.open) this.open = true;
      else if (matches.length) {
        const step = ev.key === 'ArrowDown' ? 1 : -1;
        this.active = Math.min(matches.length - 1, Math.max(0, this.active + step));
      }
      this.redraw();
      document.getElementById(`template-option-${this.active}`)?.scrollIntoView({ block: 'nearest' });
    } else if (ev.key === 'Enter') {
      ev.preventDefault();
      const one = this.active >= 0 ? matches[this.active] : matches.length === 1 ? matches[0] : null;
      if (this.open && one) this.pick(one);
    } else if (ev.key === 'Escape' && this.open) {
      ev.preventDefault();
      this.open = false;
      this.active = -1;
      this.redraw();
    }
  }

  // Leaving the box closes the list; a name typed in full is the choice.
  left() {
    if (!this.chosen) {
      const q = this.query.trim().toLocaleLowerCase(language());
      const same = this.templates.find((x) => x.name.toLocaleLowerCase(language()) === q);
      if (same) return this.pick(same);
    }
    if (this.open) {
      this.open = false;
      this.redraw();
    }
  }

  // errors: the page's [{field, text}] (the box is template-input).
  view(errors) {
    const matches = this.matches;
    const showList = this.open && matches.length > 0;
    const option = (x, i) => html`<li role="option" id="template-option-${i}" aria-selected=${i === this.active ? 'true' : 'false'}
      @mousedown=${(ev) => ev.preventDefault()} @click=${() => this.pick(x)}>${x.name}<span class="meta">${[
        t('templateMeta', { version: x.published_version }), x.national ? t('templateNational') : '', x.shared ? t('templateShared') : '',
      ].filter(Boolean).join(' · ')}</span></li>`;
    return html`<div class="field">
      <label for="template-input" id="template-label">${t('template')}</label>
      <p class="hint" id="template-hint">${this.templates.length ? t('templateHint') : t('templateNoneAtAll')}</p>
      ${fieldError(errors, 'template-input')}
      <div class="combo">
        <input type="text" id="template-input" role="combobox" autocomplete="off" aria-autocomplete="list"
          aria-expanded=${showList ? 'true' : 'false'} aria-controls="template-list"
          aria-activedescendant=${showList && this.active >= 0 ? `template-option-${this.active}` : nothing}
          aria-describedby=${describedBy(errors, 'template-input', 'template-hint')} aria-invalid=${invalid(errors, 'template-input')}
          .value=${this.query} @input=${(ev) => this.typed(ev.target.value)} @keydown=${(ev) => this.key(ev)}
          @click=${() => { if (!this.open) { this.open = true; this.redraw(); } }} @blur=${() => this.left()}>
        <ul role="listbox" id="template-list" aria-labelledby="template-label" ?hidden=${!showList}>${
          showList ? matches.map(option) : nothing}</ul>
      </div>
      ${this.open && !matches.length && this.query.trim()
        ? html`<p class="hint" role="status">${t('templateNone', { query: this.query.trim() })}</p>` : nothing}
    </div>`;
  }
}
