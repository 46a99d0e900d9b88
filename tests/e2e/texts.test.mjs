// The web apps' text tables, without a browser: for each app (the citizen's, the staff's) every text in
// Swedish and English, every error code's text there, and every t('key') its modules name defined (a
// misspelt key would show the key). Each app's table is loaded on its own, as each page loads one app.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { root } from '../api/server.mjs';

const web = path.join(root, 'wasm/web');
const i18n = await import(pathToFileURL(path.join(web, 'lib/i18n.js')));
// The citizen app adds its texts when its module is loaded; the staff app's pages each add theirs,
// loaded in a worker (staff_texts_worker.mjs).
await import(pathToFileURL(path.join(web, 'citizen/texts.js')));
const citizen = { sv: i18n.textTable('sv'), en: i18n.textTable('en'), errors: i18n.errorTable() };
const staff = await new Promise((resolve, reject) => {
  const w = new Worker(new URL('./staff_texts_worker.mjs', import.meta.url));
  w.once('message', resolve);
  w.once('error', reject);
});
const apps = { citizen, staff };

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'vendor' ? [] : sources(p);
    return e.name.endsWith('.js') ? [p] : [];
  });
}

// The keys t('key') names in an app's own modules and the shared lib/.
function usedKeys(folder) {
  const used = new Set();
  for (const file of [...sources(path.join(web, folder)), ...sources(path.join(web, 'lib'))]) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\bt\('(\w+)'/g)) used.add(m[1]);
  }
  return used;
}

for (const [name, table] of Object.entries(apps)) {
  test(`${name}: every text is in Swedish and in English, and none is empty`, () => {
    assert.deepEqual(Object.keys(table.en).sort(), Object.keys(table.sv).sort());
    for (const lang of ['sv', 'en']) {
      for (const [key, text] of Object.entries(table[lang])) assert.ok(text.trim(), `${lang} ${key} is empty`);
    }
    assert.ok(Object.keys(table.sv).length > 50, `${Object.keys(table.sv).length} texts: the app's are there`);
  });

  test(`${name}: every error code has a text`, () => {
    for (const [code, key] of Object.entries(table.errors)) assert.ok(key in table.sv, `${code} -> ${key}`);
    for (const code of ['auth.csrf', 'request.rate', 'auth.throttled', 'not_found']) assert.ok(code in table.errors, code);
  });

  test(`${name}: every key the modules name is defined`, () => {
    const used = usedKeys(name);
    assert.ok(used.size > 50, `${used.size} keys found`);
    assert.deepEqual([...used].filter((k) => !(k in table.sv)), []);
  });
}

test('the citizen\'s codes', () => {
  for (const code of ['auth.personnummer', 'link.used', 'form.conflict']) assert.ok(code in citizen.errors, code);
  assert.equal(i18n.errorText('no.such.code'), citizen.sv.errorGeneric);
});

test('the staff\'s codes', () => {
  for (const code of ['auth.failed', 'auth.role', 'staff.no_unit', 'dispatch.not_available', 'dispatch.too_many']) {
    assert.ok(code in staff.errors, code);
  }
});

test('an app that adds a key another table has is stopped', () => {
  assert.throws(() => i18n.addTexts({ sv: { logout: 'Logga ut igen' } }), /logout is defined twice/);
  assert.throws(() => i18n.addErrorTexts({ 'link.used': 'linkUsed' }), /link.used is defined twice/);
});
