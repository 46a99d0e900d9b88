// Who is logged in (GET /citizen/me), and the ends of a session: logout, and a 401 from any call.
// The header follows it through onSessionChange().
import { ApiError, setCsrf, whenSessionEnds } from '../lib/api.js';
import { api } from './api.js';
import { forgetCopies, forgetLink } from './storage.js';

let me = null;
let unread = 0;
const listeners = new Set();
const changed = () => { for (const fn of listeners) fn(me); };

// Once the server says there is no session, nothing typed stays in the browser.
whenSessionEnds(forgetCopies);

// The logged-in citizen ({name, children, csrf, ...}) or null.
export function citizen() { return me; }

export function onSessionChange(fn) { listeners.add(fn); }

// How many inbox messages are unread (for the header's Inkorg).
export function unreadMessages() { return unread; }

// The inbox's unread count from the server (GET /citizen/inbox); the header follows. A failure leaves
// the count as it was.
export async function refreshInbox() {
  if (!me) return;
  try {
    unread = (await api.inbox()).json.unread;
    changed();
  } catch { /* the count waits for the next look */ }
}

// The count after the inbox page read it or marked a message read.
export function setUnread(count) {
  unread = count;
  changed();
}

// Asks who is logged in. A 401 (no session) forgets the stored copies on the way (whenSessionEnds).
export async function loadMe() {
  try {
    me = (await api.me()).json;
    setCsrf(me.csrf);
    refreshInbox();
  } catch (e) {
    me = null;
    if (e instanceof ApiError && e.status === 403) forgetCopies();  // another kind of session: none of ours
  }
  changed();
}

export async function login(personnummer) {
  const r = await api.login(personnummer);
  setCsrf(r.json.csrf);
  await loadMe();
}

export async function logout() {
  forgetCopies();
  forgetLink();
  try { await api.logout(); } catch { /* the session may be gone already */ }
  me = null;
  unread = 0;
  changed();
}

// A call was answered 401: the session is over (its copies are gone already, through whenSessionEnds).
export function sessionEnded() {
  me = null;
  unread = 0;
  changed();
}
