// The item types of a form as one table: how each is drawn (a lit-html template, once per page), how its
// answer is read back from the page, and how the answer is said in words on the review. The ids drawn
// here are what the page's in-place updates find (citizen/form.js, PageView.apply): q-<id> the question,
// in-<id> its first input, num-/req-/err-/desc-<id> its number, required mark, issues and description.
//
// A row: draw(node, view) -> template; read(node, q, view) -> the answer as a JS value, undefined for
// none (q: the question's element); text(node, value) -> words for an answer that is there; optionally
// showAnswer(node, view), which draws what depends on the answer once the question is in the page.
// view is the page that draws: {answers, changed(node), upload(node, input), removeFile(node, index)}.
// An attribute bound to `nothing` is left out (x ?? nothing: an optional attribute).
import { html, nothing, render, repeat } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';

// ---- Pieces every question has -------------------------------------------------------------------------
const described = (node) => (node.description ? `desc-${node.id} err-${node.id}` : `err-${node.id}`);
// The number and the required mark are filled in by the state (PageView.apply), not here.
const labelText = (node) => html`<span class="number" id="num-${node.id}"></span>${node.title}<span
  class="required-mark" id="req-${node.id}"></span>`;
const description = (node) => (node.description ? html`<p class="description" id="desc-${node.id}">${node.description}</p>` : nothing);
const helpLink = (help) => (help ? html`<p><a href=${help.url} target="_blank" rel="noopener">${help.label}</a></p>` : nothing);
const errorBox = (node) => html`<div class="field-error" id="err-${node.id}"></div>`;
const question = (node, content) => html`<div class="question type-${node.type}" id="q-${node.id}">${content}</div>`;
// A question with one input: its label, description, the input, help and issues.
const labelled = (node, input) => question(node, html`<label for="in-${node.id}">${labelText(node)}</label>${
  description(node)}${input}${helpLink(node.help)}${errorBox(node)}`);
// The first input of a question is in-<id>, so that labels and the error summary's links reach it.
const inputId = (node, i) => (i === 0 ? `in-${node.id}` : `in-${node.id}-${i}`);
const changeOf = (node, view) => () => view.changed(node);

// Radio buttons or checkboxes in a fieldset whose legend is the question.
function choiceGroup(node, view, type, choices, isChecked) {
  const change = changeOf(node, view);
  const option = (c, i) => html`<div class="option">
    <input type=${type} id=${inputId(node, i)} name=${node.id} value=${c.value} ?checked=${isChecked(c.value)} @change=${change}>
    <label for=${inputId(node, i)}>${c.label}</label>
  </div>`;
  return question(node, html`<fieldset class="choices" aria-describedby=${described(node)} id="fs-${node.id}">
    <legend>${labelText(node)}</legend>${description(node)}
    <div class="options ${choices.length > 4 ? '' : 'inline-capable'}">${choices.map(option)}</div>
    ${helpLink(node.help)}${errorBox(node)}
  </fieldset>`);
}

const checkedValue = (q) => q.querySelector('input:checked')?.value;
const choiceLabel = (node, value) => node.choices?.find((c) => c.value === value)?.label ?? value;
const plainText = (node, v) => (node.unit ? `${v} ${node.unit}` : String(v));
const textValue = (q) => {
  const v = q.querySelector('input, textarea')?.value ?? '';
  return v === '' ? undefined : v;
};

// An <input> of one line: text, numbers, dates and times, addresses.
function oneLine({ type = 'text', inputmode, autocomplete = 'off', read = textValue } = {}) {
  return {
    draw(node, view) {
      const change = changeOf(node, view);
      const value = view.answers[node.id];
      const input = html`<input type=${type} id="in-${node.id}" name=${node.id} aria-describedby=${described(node)}
        inputmode=${inputmode ?? nothing} autocomplete=${autocomplete} maxlength=${node.max_length ?? nothing}
        placeholder=${node.placeholder ?? nothing} value=${value === undefined || value === null ? '' : String(value)}
        @change=${change} @input=${change}>`;
      return labelled(node, node.unit ? html`<div class="with-unit">${input}<span class="unit-text">${node.unit}</span></div>` : input);
    },
    read: (node, q) => read(q),
    text: plainText,
  };
}

// A number as typed: a decimal comma is a point; what is no number goes to the core as text, which says so.
function numberValue(q) {
  const raw = q.querySelector('input').value.trim().replace(',', '.').replace(/\s/g, '');
  if (!raw) return undefined;
  const n = Number(raw);
  return Number.isFinite(n) && /^[-+]?(\d+\.?\d*|\.\d+)$/.test(raw) ? n : raw;
}

// The files attached to an attachment question, each with its remove button.
function drawFiles(node, view) {
  const ul = document.getElementById(`files-${node.id}`);
  if (!ul) return;
  const v = view.answers[node.id];
  const files = Array.isArray(v) ? v : v ? [v] : [];
  // Keyed by the server's id for the file: a removed file's item goes (and its button with it), the
  // others stay as they are.
  render(repeat(files, (f, i) => f.id ?? i, (f, i) => html`<li>${t('fileUploaded', { name: f.name })} <button type="button"
    class="link-button" @click=${() => view.removeFile(node, i)}>${t('removeFile', { name: f.name })}</button></li>`), ul);
}

// ---- The table -----------------------------------------------------------------------------------------
export const fields = {
  group: {
    draw: (node, view) => html`<fieldset class="group" id="q-${node.id}">
      ${node.title ? html`<legend>${node.title}</legend>` : nothing}
      ${node.description ? html`<p class="description">${node.description}</p>` : nothing}
      ${node.items.map((n) => drawNode(n, view))}
    </fieldset>`,
  },
  display: {
    draw: (node) => html`<div class="display" id="q-${node.id}"><p>${node.text ?? ''}</p>${helpLink(node.help)}</div>`,
  },
  single_choice: {
    draw(node, view) {
      const value = view.answers[node.id];
      if (node.widget !== 'select') return choiceGroup(node, view, 'radio', node.choices, (v) => value === v);
      return labelled(node, html`<select id="in-${node.id}" name=${node.id} aria-describedby=${described(node)} @change=${changeOf(node, view)}>
        <option value="">${t('choose')}</option>
        ${node.choices.map((c) => html`<option value=${c.value} ?selected=${value === c.value}>${c.label}</option>`)}
      </select>`);
    },
    read: (node, q) => (node.widget === 'select' ? q.querySelector('select').value || undefined : checkedValue(q)),
    text: choiceLabel,
  },
  multiple_choice: {
    draw(node, view) {
      const value = view.answers[node.id];
      return choiceGroup(node, view, 'checkbox', node.choices, (v) => Array.isArray(value) && value.includes(v));
    },
    read(node, q) {
      const v = [...q.querySelectorAll('input:checked')].map((i) => i.value);
      return v.length ? v : undefined;
    },
    text: (node, v) => v.map((x) => choiceLabel(node, x)).join(', '),
  },
  yes_no: {
    draw(node, view) {
      const value = view.answers[node.id];
      return choiceGroup(node, view, 'radio', [{ value: 'true', label: t('yes') }, { value: 'false', label: t('no') }], (v) => String(value) === v);
    },
    read(node, q) {
      const v = checkedValue(q);
      return v === undefined ? undefined : v === 'true';
    },
    text: (node, v) => (v ? t('yes') : t('no')),
  },
  // One radio button per step from min to max, with the ends' labels beside them.
  scale: {
    draw(node, view) {
      const value = view.answers[node.id];
      const change = changeOf(node, view);
      const steps = [];
      const step = node.step ?? 1;
      for (let x = node.min; x <= node.max + 1e-9; x += step) steps.push(String(Math.round(x * 1e6) / 1e6));
      const option = (s, i) => html`<div class="option">
        <input type="radio" id=${inputId(node, i)} name=${node.id} value=${s} ?checked=${value !== undefined && String(value) === s} @change=${change}>
        <label for=${inputId(node, i)}>${s}</label>
      </div>`;
      return question(node, html`<fieldset class="choices scale" aria-describedby=${described(node)} id="fs-${node.id}">
        <legend>${labelText(node)}</legend>${description(node)}
        <div class="scale-row">
          ${node.min_label ? html`<span class="scale-label">${node.min_label}</span>` : nothing}
          <div class="options scale-options">${steps.map(option)}</div>
          ${node.max_label ? html`<span class="scale-label">${node.max_label}</span>` : nothing}
        </div>
        ${helpLink(node.help)}${errorBox(node)}
      </fieldset>`);
    },
    read(node, q) {
      const v = checkedValue(q);
      return v === undefined ? undefined : Number(v);
    },
    text: plainText,
  },
  // A table of rows answered on the same columns (radio, checkbox or text cells); on a phone each row is a list.
  matrix: {
    draw(node, view) {
      const id = node.id;
      const value = view.answers[id] ?? {};
      const change = changeOf(node, view);
      const cell = (row, r, col, c) => {
        const cid = r === 0 && c === 0 ? `in-${id}` : `in-${id}-${row.id}-${c}`;
        const checked = node.cell === 'checkbox' ? (value[row.id] ?? []).includes(col.value) : value[row.id] === col.value;
        const input = node.cell === 'text'
          ? html`<input type="text" id=${cid} data-row=${row.id} data-col=${col.value} maxlength=${node.max_length ?? nothing}
              value=${value[row.id]?.[col.value] ?? ''} @change=${change} @input=${change}>`
          : html`<input type=${node.cell === 'checkbox' ? 'checkbox' : 'radio'} id=${cid} name="${id}-${row.id}"
              data-row=${row.id} value=${col.value} ?checked=${checked} @change=${change}>`;
        // The cell's label is hidden on wide screens (the column heads say it) and shown on a phone.
        return html`<td data-label=${col.label}>${input}<label for=${cid} class="cell-label">${`${row.title}: ${col.label}`}</label></td>`;
      };
      return question(node, html`<fieldset class="choices matrix" id="fs-${id}" aria-describedby=${described(node)}>
        <legend>${labelText(node)}</legend>${description(node)}
        <table>
          <thead><tr><td></td>${node.columns.map((c) => html`<th scope="col">${c.label}</th>`)}</tr></thead>
          <tbody>${node.rows.map((row, r) => html`<tr>
            <th scope="row">${row.title}</th>${node.columns.map((col, c) => cell(row, r, col, c))}
          </tr>`)}</tbody>
        </table>
        ${helpLink(node.help)}${errorBox(node)}
      </fieldset>`);
    },
    read(node, q) {
      const out = {};
      if (node.cell === 'text') {
        for (const i of q.querySelectorAll('input[data-row]')) {
          if (!i.value) continue;
          (out[i.dataset.row] ??= {})[i.dataset.col] = i.value;
        }
      } else {
        for (const i of q.querySelectorAll('input:checked')) {
          if (node.cell === 'checkbox') (out[i.dataset.row] ??= []).push(i.value);
          else out[i.dataset.row] = i.value;
        }
      }
      return Object.keys(out).length ? out : undefined;
    },
    text(node, v) {
      const col = (val) => node.columns.find((c) => c.value === val)?.label ?? val;
      return node.rows.filter((r) => v[r.id] !== undefined).map((r) => {
        const cell = v[r.id];
        const text = node.cell === 'text' ? Object.entries(cell).map(([k, x]) => `${col(k)}: ${x}`).join(', ')
          : Array.isArray(cell) ? cell.map(col).join(', ') : col(cell);
        return `${r.title}: ${text}`;
      }).join('; ');
    },
  },
  textarea: {
    draw(node, view) {
      const change = changeOf(node, view);
      // A textarea's text is its value: lit-html binds no text inside <textarea>.
      return labelled(node, html`<textarea id="in-${node.id}" name=${node.id} rows="5" maxlength=${node.max_length ?? nothing}
        aria-describedby=${described(node)} placeholder=${node.placeholder ?? nothing} .value=${view.answers[node.id] ?? ''}
        @change=${change} @input=${change}></textarea>`);
    },
    read: (node, q) => textValue(q),
    text: plainText,
  },
  // Files go to the server as they are chosen (view.upload); the answer is the list of what it took.
  attachment: {
    draw: (node, view) => labelled(node, html`<input type="file" id="in-${node.id}" name=${node.id}
      accept=${node.media_types.join(',')} ?multiple=${(node.max_files ?? 1) > 1} aria-describedby=${described(node)}
      @change=${(ev) => view.upload(node, ev.target)}><ul class="files" id="files-${node.id}"></ul>`),
    showAnswer: drawFiles,
    read: (node, q, view) => view.answers[node.id],
    text: (node, v) => (Array.isArray(v) ? v : [v]).map((f) => f.name).join(', '),
  },
  text: oneLine(),
  integer: oneLine({ inputmode: 'numeric', read: numberValue }),
  decimal: oneLine({ inputmode: 'decimal', read: numberValue }),
  date: oneLine({ type: 'date' }),
  time: oneLine({ type: 'time' }),
  month: oneLine({ type: 'month' }),
  week: oneLine({ type: 'week' }),
  datetime: oneLine({ type: 'datetime-local' }),
  email: oneLine({ type: 'email', autocomplete: 'email' }),
  url: oneLine({ type: 'url' }),
  phone: oneLine({ type: 'tel', autocomplete: 'tel' }),
  personnummer: oneLine({ inputmode: 'numeric' }),
};

// A type this app does not know yet is drawn as one line of text.
export const fieldOf = (node) => fields[node.type] ?? fields.text;

export function drawNode(node, view) { return fieldOf(node).draw(node, view); }

// An answer in words, as the review and a submitted form show it.
export function answerText(node, value) {
  if (value === undefined || value === null || value === '') return t('notAnswered');
  return fieldOf(node).text(node, value);
}
