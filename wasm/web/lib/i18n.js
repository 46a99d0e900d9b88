// The web apps' languages (Swedish first, English second): the choice, the text tables each app adds its
// own texts to, the server's error codes as texts, and numbers and dates written with Intl.
import { ApiError } from './api.js';

export const languages = ['sv', 'en'];

// Texts every app uses. An app adds its own with addTexts() and its error codes with addErrorTexts().
const texts = {
  sv: {
    skip: 'Hoppa till innehållet',
    loading: 'Laddar …',
    brand: 'Blankett',
    account: 'Konto',
    language: 'In English',
    languageName: 'English',
    logout: 'Logga ut',
    yes: 'Ja',
    no: 'Nej',
    choose: 'Välj …',
    requiredMark: '(måste besvaras)',
    pageNotFoundTitle: 'Sidan finns inte',
    pageNotFound: 'Det finns ingen sida på den här adressen. Kontrollera att du har fått med hela adressen.',
    networkError: 'Kunde inte nå servern. Kontrollera anslutningen och försök igen.',
    errorGeneric: 'Något gick fel. Försök igen om en stund.',
    errSession: 'Du är inte inloggad. Logga in och försök igen.',
    errCsrf: 'Sidan behöver laddas om. Ladda om den och försök igen.',
    errTooMany: 'För många försök på kort tid. Vänta en stund och försök igen.',
    errTooLarge: 'Det du försöker skicka är för stort.',
    errBusy: 'Tjänsten är hårt belastad just nu. Försök igen om en stund.',
  },
  en: {
    skip: 'Skip to content',
    loading: 'Loading …',
    brand: 'Blankett',
    account: 'Account',
    language: 'På svenska',
    languageName: 'Svenska',
    logout: 'Log out',
    yes: 'Yes',
    no: 'No',
    choose: 'Choose …',
    requiredMark: '(required)',
    pageNotFoundTitle: 'Page not found',
    pageNotFound: 'There is no page at this address. Check that you have the whole address.',
    networkError: 'Could not reach the server. Check the connection and try again.',
    errorGeneric: 'Something went wrong. Please try again in a while.',
    errSession: 'You are not logged in. Log in and try again.',
    errCsrf: 'The page needs to be reloaded. Reload it and try again.',
    errTooMany: 'Too many attempts in a short time. Wait a while and try again.',
    errTooLarge: 'What you are trying to send is too large.',
    errBusy: 'The service is very busy right now. Please try again in a while.',
  },
};

// The server's error codes (docs/api.md) that any app can meet, as text keys; the server's own message is
// English for developers and never shown. Unknown codes get errorGeneric.
const errorKeys = {
  'request.rate': 'errTooMany',
  'request.too_large': 'errTooLarge',
  'auth.required': 'errSession',
  'auth.throttled': 'errTooMany',
  'auth.csrf': 'errCsrf',
  'server.busy': 'errBusy',
};

// A key names one text: an app that adds a key another table has is a mistake, found at its start.
function merge(into, from, what) {
  for (const [key, value] of Object.entries(from)) {
    if (key in into) throw new Error(`${what} ${key} is defined twice`);
    into[key] = value;
  }
}

// Adds an app's texts: {sv: {key: text}, en: {key: text}}, the same keys in both (a test checks it).
// A text may hold {name} for a parameter of t().
export function addTexts(table) {
  for (const lang of languages) merge(texts[lang], table[lang] ?? {}, `text (${lang})`);
}

// Adds an app's error codes: {code: text key}.
export function addErrorTexts(table) { merge(errorKeys, table, 'error code'); }

let current = (() => {
  try { return localStorage.getItem('blankett.lang') === 'en' ? 'en' : 'sv'; } catch { return 'sv'; }
})();

export function language() { return current; }

export function setLanguage(lang) {
  current = lang === 'en' ? 'en' : 'sv';
  try { localStorage.setItem('blankett.lang', current); } catch { /* private mode: this session only */ }
  document.documentElement.lang = current;
}

// The text for key in the current language (fallback: Swedish, then the key), {name}s filled from params.
export function t(key, params = {}) {
  const s = texts[current][key] ?? texts.sv[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (_, name) => (params[name] ?? ''));
}

// Copies of the tables, for the tests that check both languages have every text.
export function textTable(lang) { return { ...texts[lang] }; }
export function errorTable() { return { ...errorKeys }; }

export function errorText(code) { return t(errorKeys[code] ?? 'errorGeneric'); }

// What to tell the user about a failed call, in their language: never the server's English message.
export function messageOf(e) {
  if (e instanceof ApiError) return e.status === 0 ? t('networkError') : errorText(e.code);
  return t('errorGeneric');
}

const locales = { sv: 'sv-SE', en: 'en-GB' };
const formats = new Map();
function format(kind, make) {
  const key = `${kind} ${current}`;
  if (!formats.has(key)) formats.set(key, make(locales[current]));
  return formats.get(key);
}

// A number as the reader writes it: a decimal comma in Swedish, every digit the value has, and no
// thousands separator, as the print view (renderer/src/render_html.cpp) writes it.
export function formatNumber(value) {
  return format('number', (locale) => new Intl.NumberFormat(locale, { maximumFractionDigits: 20, useGrouping: false }))
    .format(value);
}

// A moment (an ISO time, UTC) as the reader reads it in their own time zone: "6 dec. 2026 15:50".
export function dateTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return format('datetime', (locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }))
    .format(d);
}

// A date as the reader reads it: "2 december 2026" / "2 December 2026". Takes YYYY-MM-DD (or a longer
// ISO time, of which the date counts); anything else is given back as it is.
export function longDate(iso) {
  if (!iso) return '';
  const d = new Date(`${iso.slice(0, 10)}T12:00:00`);
  if (Number.isNaN(d.getTime())) return iso;
  return format('date', (locale) => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric' }))
    .format(d);
}
