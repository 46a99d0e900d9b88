// One package (#/utskick/paket/pagaende/<id>, GET /packages/{id}): Stoppa paketutskick (confirmed) and
// Återstarta paketutskick as the server allows them, what the package is (title, status, forms, inbox
// message, error address), its occasions with their states and what went wrong at them, and its
// recipients, each with the forms sent and answered and a trash button (Ta bort <name>, confirmed) as
// long as more than one remains: the last one is not removed, the package is stopped instead.
// Nothing else of a running package can be changed.
import { focusMain, notice, show } from '../lib/dom.js';
import { html, nothing, repeat } from '../lib/html.js';
import { addTexts, dateTime, longDate, messageOf, t } from '../lib/i18n.js';
import { confirmDialog, leftPage } from './design-admin-parts.js';
import { demoClockNow, demoClockPart, moveDemoClock } from './demo-clock.js';
import { pnrText } from './followup.js';
import { occasionStateText, packageApi, statusBadge, trashIcon } from './package-parts.js';
import { nextText } from './packages.js';
import { visit } from './parts.js';

addTexts({
  sv: {
    packagePageTitle: 'Paketutskick: {name}',
    packageBack: 'Tillbaka till Pågående paketutskick',
    packageFacts: 'Om paketutskicket',
    packageTitleShown: 'Titel som visas för invånaren',
    packageStatus: 'Status',
    packageNext: 'Nästa tillfälle',
    packageBy: 'Startat av',
    packageAt: 'Startat',
    packageEndedStopped: 'Stoppat',
    packageEndedDone: 'Avslutat',
    packageEndedAborted: 'Avbrutet',
    packageFormsShown: 'Ingående formulär',
    packageErrorEmailShown: 'E-postavisering vid eventuella fel',
    packageNoErrorEmail: 'Ingen',
    packageInboxShown: 'Inkorgsmeddelande',
    packageNoChanges: 'Ett pågående paketutskick kan inte ändras, men du kan ta bort mottagare och stoppa det.',
    stopPackage: 'Stoppa paketutskick',
    restartPackage: 'Återstarta paketutskick',
    restartHint: 'Paketutskicket är stoppat. Det kan återstartas så länge tiden för nästa utskickstillfälle inte har passerat; därefter avbryts det.',
    askStop: 'Stoppa paketutskicket "{name}"?',
    askStopText: 'Inga fler tillfällen skickas medan paketutskicket är stoppat. Du kan återstarta det så länge tiden för nästa tillfälle inte har passerat. Formulär som redan har skickats finns kvar.',
    packageStopped: 'Paketutskicket är stoppat.',
    packageRestarted: 'Paketutskicket är återstartat.',
    packageActionFailed: 'Det gick inte: {reason}',
    packageOccasions: 'Utskickstillfällen',
    packageOccasionsCaption: 'Paketutskickets tillfällen',
    colPkgOccasion: 'Tillfälle',
    colPkgDate: 'Datum',
    colPkgTime: 'Klockslag',
    colPkgState: 'Status',
    colPkgSentAt: 'Skickat',
    colPkgNotes: 'Anteckningar',
    noteFormUnavailable: '{form} skickades inte: mallen är arkiverad, saknar publicerad version eller prenumeration.',
    noteUnreachableOne: '1 mottagare kunde inte nås (skyddad identitet eller spärrad inloggning).',
    noteUnreachableMany: '{count} mottagare kunde inte nås (skyddad identitet eller spärrad inloggning).',
    noteLate: 'Hoppades över: tillfället var {hours} timmar försenat när servern kunde skicka det.',
    noteNoForms: 'Inget av formulären kunde skickas.',
    noteOther: 'Något gick fel vid tillfället.',
    packageRecipients: 'Mottagare',
    packageRecipientsCaption: 'Mottagarna: {count} kvar',
    colPkgName: 'Namn',
    colPkgPnr: 'Personnummer',
    colPkgForms: 'Skickade formulär',
    colPkgAnswered: 'Besvarade',
    colPkgRemove: 'Ta bort',
    recipientRemovedAt: 'Borttagen {date}',
    removeRecipient: 'Ta bort {name}',
    lastRecipient: 'Det finns bara en mottagare kvar. Den sista mottagaren kan inte tas bort: stoppa paketutskicket i stället.',
    askRemoveRecipient: 'Ta bort {name} ur paketutskicket?',
    askRemoveRecipientText: '{name} får inga fler formulär från paketutskicket. Formulär som redan har skickats finns kvar.',
    removeRecipientYes: 'Ta bort',
    recipientRemoved: '{name} är borttagen ur paketutskicket.',
  },
  en: {
    packagePageTitle: 'Package: {name}',
    packageBack: 'Back to Running packages',
    packageFacts: 'About the package',
    packageTitleShown: 'Title shown to the citizen',
    packageStatus: 'Status',
    packageNext: 'Next occasion',
    packageBy: 'Started by',
    packageAt: 'Started',
    packageEndedStopped: 'Stopped',
    packageEndedDone: 'Finished',
    packageEndedAborted: 'Aborted',
    packageFormsShown: 'Included forms',
    packageErrorEmailShown: 'E-mail notification of errors',
    packageNoErrorEmail: 'None',
    packageInboxShown: 'Inbox message',
    packageNoChanges: 'A running package cannot be changed, but you can remove recipients and stop it.',
    stopPackage: 'Stop the package',
    restartPackage: 'Restart the package',
    restartHint: 'The package is stopped. It can be restarted as long as the time of the next occasion has not passed; after that it is aborted.',
    askStop: 'Stop the package "{name}"?',
    askStopText: 'No more occasions are sent while the package is stopped. You can restart it as long as the time of the next occasion has not passed. Forms already sent stay.',
    packageStopped: 'The package has been stopped.',
    packageRestarted: 'The package has been restarted.',
    packageActionFailed: 'That did not work: {reason}',
    packageOccasions: 'Occasions',
    packageOccasionsCaption: 'The package\'s occasions',
    colPkgOccasion: 'Occasion',
    colPkgDate: 'Date',
    colPkgTime: 'Time',
    colPkgState: 'Status',
    colPkgSentAt: 'Sent',
    colPkgNotes: 'Notes',
    noteFormUnavailable: '{form} was not sent: the template is archived, or has no published version or subscription.',
    noteUnreachableOne: '1 recipient could not be reached (protected identity or a locked login).',
    noteUnreachableMany: '{count} recipients could not be reached (protected identity or a locked login).',
    noteLate: 'Skipped: the occasion was {hours} hours late when the server could send it.',
    noteNoForms: 'None of the forms could be sent.',
    noteOther: 'Something went wrong at the occasion.',
    packageRecipients: 'Recipients',
    packageRecipientsCaption: 'The recipients: {count} remaining',
    colPkgName: 'Name',
    colPkgPnr: 'Personal identity number',
    colPkgForms: 'Forms sent',
    colPkgAnswered: 'Answered',
    colPkgRemove: 'Remove',
    recipientRemovedAt: 'Removed {date}',
    removeRecipient: 'Remove {name}',
    lastRecipient: 'Only one recipient remains. The last recipient cannot be removed: stop the package instead.',
    askRemoveRecipient: 'Remove {name} from the package?',
    askRemoveRecipientText: '{name} gets no more forms from the package. Forms already sent stay.',
    removeRecipientYes: 'Remove',
    recipientRemoved: '{name} has been removed from the package.',
  },
});

// An occasion's note ({code, ...}) in words.
export function noteText(n) {
  switch (n.code) {
    case 'form_unavailable': return t('noteFormUnavailable', { form: n.form ?? '' });
    case 'unreachable': return t(n.count === 1 ? 'noteUnreachableOne' : 'noteUnreachableMany', { count: n.count });
    case 'late': return t('noteLate', { hours: n.hours });
    case 'no_forms': return t('noteNoForms');
    default: return t('noteOther');
  }
}

function actionsPart(p, s, a) {
  if (!p.can_stop && !p.can_restart) return nothing;
  return html`<div class="package-actions">
    ${p.can_stop ? html`<button type="button" class="button" id="stop-package" ?disabled=${s.busy} @click=${a.stop}>${t('stopPackage')}</button>` : nothing}
    ${p.can_restart ? html`<button type="button" class="button" id="restart-package" aria-describedby="restart-hint" ?disabled=${s.busy}
      @click=${a.restart}>${t('restartPackage')}</button><p class="hint" id="restart-hint">${t('restartHint')}</p>` : nothing}
  </div>`;
}

// When the package ended, named by how.
const ended = { stopped: 'packageEndedStopped', done: 'packageEndedDone', aborted: 'packageEndedAborted' };

function facts(p) {
  return html`<dl class="summary-list" id="package-facts" aria-label=${t('packageFacts')}>
    <dt>${t('packageTitleShown')}</dt><dd>${p.title}</dd>
    <dt>${t('packageStatus')}</dt><dd>${statusBadge(p.status)}</dd>
    <dt>${t('packageNext')}</dt><dd>${nextText(p.next)}</dd>
    <dt>${t('packageBy')}</dt><dd>${p.staff_name || p.staff}</dd>
    <dt>${t('packageAt')}</dt><dd>${dateTime(p.created_at)}</dd>
    ${p.ended_at && ended[p.status] ? html`<dt>${t(ended[p.status])}</dt><dd>${dateTime(p.ended_at)}</dd>` : nothing}
    <dt>${t('packageFormsShown')}</dt><dd><ul class="plain">${(p.forms ?? []).map((f) => html`<li>${f.name}</li>`)}</ul></dd>
    <dt>${t('packageErrorEmailShown')}</dt><dd>${p.error_email || t('packageNoErrorEmail')}</dd>
    <dt>${t('packageInboxShown')}</dt><dd class="message-text">${p.inbox_message}</dd>
  </dl>`;
}

function occasionsPart(list) {
  const row = (o) => html`<tr>
    <th scope="row" data-label=${t('colPkgOccasion')}>${o.number}</th>
    <td data-label=${t('colPkgDate')}>${longDate(o.date)}</td>
    <td data-label=${t('colPkgTime')}>${o.time}</td>
    <td data-label=${t('colPkgState')}><span class="ostate ostate-${o.state}">${occasionStateText(o.state)}</span></td>
    <td data-label=${t('colPkgSentAt')}>${o.sent_at ? dateTime(o.sent_at) : ''}</td>
    <td data-label=${t('colPkgNotes')}>${o.notes?.length ? html`<ul class="plain notes">${o.notes.map((n) => html`<li class="warn-text">${noteText(n)}</li>`)}</ul>` : ''}</td>
  </tr>`;
  return html`<section class="section" aria-labelledby="package-occasions-heading">
    <h2 id="package-occasions-heading">${t('packageOccasions')}</h2>
    <div class="table-wrap"><table class="list" id="package-occasions">
      <caption class="visually-hidden">${t('packageOccasionsCaption')}</caption>
      <thead><tr><th scope="col">${t('colPkgOccasion')}</th><th scope="col">${t('colPkgDate')}</th><th scope="col">${t('colPkgTime')}</th>
        <th scope="col">${t('colPkgState')}</th><th scope="col">${t('colPkgSentAt')}</th><th scope="col">${t('colPkgNotes')}</th></tr></thead>
      <tbody>${repeat(list, (o) => o.number, row)}</tbody>
    </table></div>
  </section>`;
}

function recipientsPart(p, list, s, a) {
  const active = list.filter((r) => !r.removed_at);
  const removable = (p.status === 'running' || p.status === 'stopped') && active.length > 1;
  const row = (r) => html`<tr class=${r.removed_at ? 'is-removed' : ''}>
    <th scope="row" data-label=${t('colPkgName')}>${r.name}</th>
    <td data-label=${t('colPkgPnr')}>${pnrText(r.personnummer)}</td>
    <td class="num" data-label=${t('colPkgForms')}>${r.forms}</td>
    <td class="num" data-label=${t('colPkgAnswered')}>${r.answered}</td>
    <td class="cell-action">${r.removed_at ? html`<span class="meta">${t('recipientRemovedAt', { date: longDate(r.removed_at) })}</span>`
      : removable ? html`<button type="button" class="button secondary icon-button" aria-label=${t('removeRecipient', { name: r.name })}
        title=${t('colPkgRemove')} ?disabled=${s.busy} @click=${() => a.remove(r)}>${trashIcon}</button>` : nothing}</td>
  </tr>`;
  return html`<section class="section" aria-labelledby="package-recipients-heading">
    <h2 id="package-recipients-heading" tabindex="-1">${t('packageRecipients')}</h2>
    ${(p.status === 'running' || p.status === 'stopped') && active.length === 1 ? html`<p class="hint" id="last-recipient">${t('lastRecipient')}</p>` : nothing}
    <div class="table-wrap"><table class="list" id="package-recipients">
      <caption class="visually-hidden">${t('packageRecipientsCaption', { count: active.length })}</caption>
      <thead><tr><th scope="col">${t('colPkgName')}</th><th scope="col">${t('colPkgPnr')}</th><th scope="col" class="num">${t('colPkgForms')}</th>
        <th scope="col" class="num">${t('colPkgAnswered')}</th><th scope="col"><span class="visually-hidden">${t('colPkgRemove')}</span></th></tr></thead>
      <tbody>${repeat(list, (r) => r.id, row)}</tbody>
    </table></div>
  </section>`;
}

// state: {data (GET /packages/{id}), busy, message: {text, kind} | null}; actions: {stop, restart, remove(recipient)}.
export function view(s, a) {
  const p = s.data.package;
  return html`<p><a href="#/utskick/paket/pagaende" class="back">${t('packageBack')}</a></p>
    <h1>${t('packagePageTitle', { name: p.name })}</h1>
    ${actionsPart(p, s, a)}
    <div id="package-message" tabindex="-1">${s.message ? notice(s.message.text, s.message.kind) : nothing}</div>
    ${p.status === 'running' ? html`<p class="hint">${t('packageNoChanges')}</p>` : nothing}
    ${facts(p)}
    ${occasionsPart(s.data.occasions)}
    ${recipientsPart(p, s.data.recipients, s, a)}
    ${demoClockPart(s.clock, p.status === 'running' ? p.next : null, a.moveClock)}`;
}

export async function enter({ id }) {
  const current = visit();
  const [first, now] = await Promise.all([packageApi.package(id), demoClockNow()]);
  const s = { data: first.json, busy: false, message: null, clock: { now, note: null, busy: false } };
  const draw = () => { if (current()) show(t('packagePageTitle', { name: s.data.package.name }), view(s, a)); };
  // The outcome of an action, said on the page and focused (the button that was pressed may be gone).
  const say = (text, kind = 'info') => {
    s.message = { text, kind };
    draw();
    document.getElementById('package-message')?.focus();
  };
  // An action: the call gives the package as GET /packages/{id} does.
  const act = async (call, done) => {
    s.busy = true;
    s.message = null;
    draw();
    try {
      s.data = (await call()).json;
      s.busy = false;
      say(done);
    } catch (e) {
      s.busy = false;
      if (leftPage(e)) return;
      // What the server knows now (another sender may have stopped it, or the time passed).
      s.data = (await packageApi.package(id).catch(() => ({ json: s.data }))).json;
      say(t('packageActionFailed', { reason: messageOf(e) }), 'error');
    }
  };
  const a = {
    // The demo's clock to the next occasion, then the page follows it until the scheduler has sent it
    // (a look a second, for half a minute at most: the scheduler takes milliseconds).
    async moveClock() {
      const next = s.data.package.next;
      if (!next) return;
      s.clock.busy = true;
      draw();
      try {
        const target = Date.parse(next.due_at) > Date.parse(s.clock.now) ? next.due_at : s.clock.now;
        s.clock.now = await moveDemoClock(target);
        s.clock.note = t('demoClockWaiting', { now: dateTime(s.clock.now) });
        draw();
        for (let look = 0; look < 30 && current(); ++look) {
          s.data = (await packageApi.package(id)).json;
          if (s.data.occasions.find((o) => o.number === next.number)?.state !== 'planned') break;
          await new Promise((resolve) => { setTimeout(resolve, 1000); });
        }
        s.clock.note = t('demoClockMoved', { now: dateTime(s.clock.now) });
      } catch (e) {
        if (leftPage(e)) return;
        s.clock.note = messageOf(e);
      }
      s.clock.busy = false;
      draw();
    },
    async stop() {
      const name = s.data.package.name;
      const yes = await confirmDialog({ title: t('askStop', { name }), text: t('askStopText'), yes: t('stopPackage') });
      if (yes) await act(() => packageApi.stop(id), t('packageStopped'));
    },
    async restart() {
      await act(() => packageApi.restart(id), t('packageRestarted'));
    },
    async remove(r) {
      const yes = await confirmDialog({
        title: t('askRemoveRecipient', { name: r.name }), text: t('askRemoveRecipientText', { name: r.name }), yes: t('removeRecipientYes'),
      });
      if (!yes) return;
      await act(() => packageApi.removeRecipient(id, r.id), t('recipientRemoved', { name: r.name }));
    },
  };
  draw();
  focusMain();
}
