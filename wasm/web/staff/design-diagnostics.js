// The diagnostics of an uploaded form definition (a 422's list, or a success's warnings) as the designer
// reads them: where (line and column, the line itself with a mark under the column), what (a text in the
// staff member's language) and the code and JSON pointer. The text comes from the browser's own core,
// which loads the same bytes as the server and has every message in Swedish and English; where its
// diagnostic does not match the server's, from this module's table of the common codes. The server's
// English message is never shown.
import { loadCore, today } from '../lib/core.js';
import { html, nothing } from '../lib/html.js';
import { addTexts, language, languages, t } from '../lib/i18n.js';

addTexts({
  sv: {
    diagWhere: 'Rad {line}, kolumn {column}',
    diagSource: 'Rad {line} i filen',
    diagError: 'Fel',
    diagWarning: 'Varning',
    diagCode: 'Kod',
    diagPointer: 'Plats',
    diagPointerRoot: '(hela formuläret)',
    diagMore: 'och {count} till.',
    diagJsonSyntax: 'Felaktig JSON: här väntades {expected}.',
    diagJsonEnd: 'Filen tar slut mitt i ett värde. Är den avkortad?',
    diagJsonUtf8: 'Tecken som inte är giltig UTF-8. Spara filen som UTF-8.',
    diagJsonDuplicate: 'Nyckeln ”{key}” förekommer två gånger.',
    diagJsonDeep: 'För djup nästling (högst {limit} nivåer).',
    diagFormat: 'Formatversionen (”format”) saknas eller är okänd.',
    diagMissingKey: '”{key}” saknas.',
    diagWrongType: 'Fel typ: väntade {expected}, fick {got}.',
    diagInvalidId: 'Ogiltigt id ”{id}”: en bokstav först, sedan bokstäver, siffror, _ . eller - (högst 64 tecken).',
    diagDuplicateId: 'Id ”{id}” används redan.',
    diagUnknownType: 'Okänd frågetyp ”{type}”.',
    diagUnknownReference: 'Det finns inget ”{id}” att hänvisa till.',
    diagMissingTranslation: 'Översättning saknas för språket ”{language}”.',
    diagInvalidValue: 'Ogiltigt värde.',
    diagUnknownKey: 'Okänd nyckel ”{key}” ignoreras.',
    diagNotApplicable: '”{key}” gäller inte frågetypen {type} och ignoreras.',
    diagUndeclaredLanguage: 'Språket ”{language}” finns inte bland formulärets språk; texten ignoreras.',
    diagTooLarge: 'Filen är för stor.',
    diagTooManyItems: 'Formuläret har fler än {limit} frågor.',
    diagTooMany: 'Filen har {total} problem; de första {kept} visas.',
    diagOther: 'Ett problem i formulärdefinitionen (se koden).',
  },
  en: {
    diagWhere: 'Line {line}, column {column}',
    diagSource: 'Line {line} of the file',
    diagError: 'Error',
    diagWarning: 'Warning',
    diagCode: 'Code',
    diagPointer: 'Location',
    diagPointerRoot: '(the whole form)',
    diagMore: 'and {count} more.',
    diagJsonSyntax: 'Malformed JSON: expected {expected} here.',
    diagJsonEnd: 'The file ends inside a value. Is it cut short?',
    diagJsonUtf8: 'Bytes that are not valid UTF-8. Save the file as UTF-8.',
    diagJsonDuplicate: 'The key “{key}” appears twice.',
    diagJsonDeep: 'Nested too deeply (at most {limit} levels).',
    diagFormat: 'The format version (“format”) is missing or unknown.',
    diagMissingKey: '“{key}” is missing.',
    diagWrongType: 'Wrong type: expected {expected}, got {got}.',
    diagInvalidId: 'Invalid id “{id}”: a letter first, then letters, digits, _ . or - (at most 64 characters).',
    diagDuplicateId: 'The id “{id}” is already used.',
    diagUnknownType: 'Unknown item type “{type}”.',
    diagUnknownReference: 'There is no “{id}” to refer to.',
    diagMissingTranslation: 'A translation is missing for the language “{language}”.',
    diagInvalidValue: 'Invalid value.',
    diagUnknownKey: 'Unknown key “{key}” is ignored.',
    diagNotApplicable: '“{key}” does not apply to the item type {type} and is ignored.',
    diagUndeclaredLanguage: 'The language “{language}” is not one of the form\'s languages; the text is ignored.',
    diagTooLarge: 'The file is too large.',
    diagTooManyItems: 'The form has more than {limit} items.',
    diagTooMany: 'The file has {total} problems; the first {kept} are shown.',
    diagOther: 'A problem in the form definition (see the code).',
  },
});

// The common codes (docs/form-format.md, "Diagnostics"), for when the browser's core has no match.
const fallback = {
  'json.syntax': 'diagJsonSyntax',
  'json.unexpected_end': 'diagJsonEnd',
  'json.invalid_utf8': 'diagJsonUtf8',
  'json.duplicate_key': 'diagJsonDuplicate',
  'json.too_deep': 'diagJsonDeep',
  'form.unsupported_format': 'diagFormat',
  'form.missing_key': 'diagMissingKey',
  'form.wrong_type': 'diagWrongType',
  'form.invalid_id': 'diagInvalidId',
  'form.duplicate_id': 'diagDuplicateId',
  'form.unknown_type': 'diagUnknownType',
  'form.unknown_reference': 'diagUnknownReference',
  'form.missing_translation': 'diagMissingTranslation',
  'form.invalid_value': 'diagInvalidValue',
  'form.unknown_key': 'diagUnknownKey',
  'form.attribute_not_applicable': 'diagNotApplicable',
  'form.undeclared_language': 'diagUndeclaredLanguage',
  'form.too_many_items': 'diagTooManyItems',
  'input.too_large': 'diagTooLarge',
  'input.too_many_problems': 'diagTooMany',
};

const where = (d) => `${d.code}|${d.pointer}|${d.line}|${d.column}`;

// The browser's core's texts for the diagnostics of text, in every language: {sv: Map, en: Map} keyed
// by code, pointer, line and column; null when the core cannot be had.
export async function coreTexts(text) {
  try {
    const core = await loadCore();
    const session = new core.FormSession(text, today());
    try {
      const out = {};
      for (const lang of languages) out[lang] = new Map(JSON.parse(session.diagnostics(lang)).map((d) => [where(d), d.message]));
      return out;
    } finally {
      session.delete();
    }
  } catch {
    return null;
  }
}

// What a diagnostic says, in the current language.
export function diagnosticText(d, local) {
  const own = local?.[language()]?.get(where(d));
  if (own) return own;
  const key = fallback[d.code];
  return key ? t(key, d.params ?? {}) : t('diagOther');
}

// The line of the file a diagnostic points at, cut to a window around its column when long, with a
// mark under the column: {text, mark} or null. Drawn in a box that scrolls sideways on a narrow screen
// (and so takes focus, for the keyboard).
function excerpt(lines, d) {
  const line = lines?.[d.line - 1];
  if (line === undefined || !line.trim()) return null;
  const chars = [...line.replace(/\t/g, ' ')];
  const at = Math.min(Math.max(0, d.column - 1), chars.length);
  // The indentation is left out, and the column kept within 16 characters of the start, so that a
  // narrow screen shows the mark without scrolling.
  const lead = Math.max(0, chars.findIndex((c) => c !== ' '));
  let start = Math.min(lead, at);
  if (at - start > 16) start = at - 16;
  const end = Math.min(chars.length, start + 100);
  const cut = start > lead ? '…' : '';
  const prefix = `${String(d.line).padStart(4)} | ${cut}`;
  return { text: `${prefix}${chars.slice(start, end).join('')}${end < chars.length ? '…' : ''}`,
           mark: `${' '.repeat(prefix.length + at - start)}^` };
}

// A list of diagnostics: items as the server gave them, lines the file's lines (for the excerpts),
// local the core's texts; at most limit drawn, the rest counted.
export function diagnosticList(items, { id, lines, local, limit = 200 }) {
  const item = (d) => {
    const src = excerpt(lines, d);
    return html`<li class="diag diag-${d.severity}">
      <p class="diag-head"><strong>${t('diagWhere', { line: d.line, column: d.column })}</strong>
        <span class="diag-severity">${d.severity === 'warning' ? t('diagWarning') : t('diagError')}</span></p>
      <p class="diag-text">${diagnosticText(d, local)}</p>
      ${src ? html`<pre class="diag-source" tabindex="0" aria-label=${t('diagSource', { line: d.line })}><code>${src.text}</code><span
        aria-hidden="true">\n${src.mark}</span></pre>` : nothing}
      <p class="diag-meta">${t('diagCode')}: <code>${d.code}</code> · ${t('diagPointer')}: <code>${d.pointer || t('diagPointerRoot')}</code></p>
    </li>`;
  };
  return html`<ol class="diagnostics" id=${id}>${items.slice(0, limit).map(item)}</ol>
    ${items.length > limit ? html`<p class="meta">${t('diagMore', { count: items.length - limit })}</p>` : nothing}`;
}
