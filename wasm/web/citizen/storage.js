// What the citizen app keeps in the browser, and when it goes. The unsaved copy of a form
// (blankett.form.<id>) is in sessionStorage: this tab only, gone when it is closed. Every copy goes, from
// sessionStorage and from localStorage (where older versions kept them), as soon as the session is known
// to be over: logout, any 401, or a start without a session. A shared computer must not show the next
// person what the last one typed. A form link opened before login waits for it here (blankett.link).
const copyPrefix = 'blankett.form.';
const copyKey = (id) => `${copyPrefix}${id}`;

// This tab's copy of form id ({revision, answers, pending}), or null.
export function readCopy(id) {
  try { return JSON.parse(sessionStorage.getItem(copyKey(id)) ?? 'null'); } catch { return null; }
}

// Returns false when the copy could not be kept (storage full, private mode): the server's is what there is.
export function writeCopy(id, copy) {
  try {
    sessionStorage.setItem(copyKey(id), JSON.stringify(copy));
    return true;
  } catch {
    return false;
  }
}

export function removeCopy(id) {
  try { sessionStorage.removeItem(copyKey(id)); } catch { /* nothing stored */ }
}

export function forgetCopies() {
  for (const storage of [window.sessionStorage, window.localStorage]) {
    try {
      for (const key of Object.keys(storage)) if (key.startsWith(copyPrefix)) storage.removeItem(key);
    } catch { /* storage unavailable: nothing was kept there either */ }
  }
}

// Copies an older version left in localStorage move, while this session lives, into this tab's storage.
export function adoptOldCopies() {
  try {
    for (const key of Object.keys(localStorage)) {
      if (!key.startsWith(copyPrefix)) continue;
      if (sessionStorage.getItem(key) === null) sessionStorage.setItem(key, localStorage.getItem(key));
      localStorage.removeItem(key);
    }
  } catch { /* storage unavailable */ }
}

// A form link opened before login (#/lank/<token>) waits here for the login, in this tab only.
const linkKey = 'blankett.link';
export function rememberLink(token) { try { sessionStorage.setItem(linkKey, token); } catch { /* the login then lands on the forms page */ } }
export function pendingLink() { try { return sessionStorage.getItem(linkKey); } catch { return null; } }
export function forgetLink() { try { sessionStorage.removeItem(linkKey); } catch { /* nothing kept */ } }
