// Pieces the pages of an open form share: its header (the unit, the title, the banner) and its answers
// in words, page by page (the review, and a form that can only be read).
import { html, nothing } from '../../lib/html.js';
import { t } from '../../lib/i18n.js';
import { answerText } from './fields.js';

// f: an OpenForm; extra: what goes under the title (the progress on a page of questions).
export const formHeader = (f, extra = nothing) => html`<p class="unit">${t('from', { unit: f.data.unit })}</p>
  <h1>${f.model().form.title}</h1>${f.data.banner ? html`<div class="banner" role="note">${f.data.banner}</div>` : nothing}${extra}`;

// The visible questions of a visible page with their answers; hidden groups hide what is in them.
function answerRows(f, state, nodes, rows = []) {
  for (const n of nodes) {
    const s = state.items[n.id];
    if (!s?.visible) continue;
    if (n.items) answerRows(f, state, n.items, rows);
    else if (n.type !== 'display') {
      const title = `${s.number ? `${s.number}. ` : ''}${n.title ?? ''}`;
      rows.push(html`<div class="answer-row"><dt>${title}</dt><dd>${answerText(n, f.answers[n.id])}</dd></div>`);
    }
  }
  return rows;
}

// Each visible page as a section of answers; withEdit adds the link that opens the page to change them.
export function answerList(f, state, withEdit) {
  const edit = (page) => html`<a href="#/form/${f.id}/page/${encodeURIComponent(page.id)}"
    aria-label=${t('editPage', { page: page.title ?? '' })}>${t('edit')}</a>`;
  return f.visiblePages(state).map((page) => html`<section class="review-page" aria-labelledby="rp-${page.id}">
    <div class="review-head"><h2 id="rp-${page.id}">${page.title ?? ''}</h2>${withEdit ? edit(page) : nothing}</div>
    <dl>${answerRows(f, state, page.items)}</dl>
  </section>`);
}
