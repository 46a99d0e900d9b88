// The web apps' text tables, without a browser: every text in Swedish and English, every error code's
// text there, and every t('key') the apps' modules name defined (a misspelt key would show the key).
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { root } from '../api/server.mjs';

const web = path.join(root, 'wasm/web');
const i18n = await import(pathToFileURL(path.join(web, 'lib/i18n.js')));
// Each app adds its texts when its module is loaded.
await import(pathToFileURL(path.join(web, 'citizen/texts.js')));

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'vendor' ? [] : sources(p);
    return e.name.endsWith('.js') ? [p] : [];
  });
}

test('every text is in Swedish and in English, and none is empty', () => {
  const sv = i18n.textTable('sv');
  const en = i18n.textTable('en');
  assert.deepEqual(Object.keys(en).sort(), Object.keys(sv).sort());
  for (const [lang, table] of [['sv', sv], ['en', en]]) {
    for (const [key, text] of Object.entries(table)) assert.ok(text.trim(), `${lang} ${key} is empty`);
  }
  assert.ok(Object.keys(sv).length > 100, `${Object.keys(sv).length} texts: the citizen's are there`);
});

test('every error code has a text', () => {
  const sv = i18n.textTable('sv');
  const codes = i18n.errorTable();
  for (const [code, key] of Object.entries(codes)) assert.ok(key in sv, `${code} -> ${key}`);
  for (const code of ['auth.personnummer', 'link.used', 'form.conflict', 'auth.csrf', 'request.rate']) {
    assert.ok(code in codes, code);
  }
  assert.equal(i18n.errorText('no.such.code'), sv.errorGeneric);
});

test('every key the modules name is defined', () => {
  const sv = i18n.textTable('sv');
  const used = new Set();
  for (const file of sources(web)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\bt\('(\w+)'/g)) used.add(m[1]);
  }
  assert.ok(used.size > 50, `${used.size} keys found`);
  const missing = [...used].filter((k) => !(k in sv));
  assert.deepEqual(missing, []);
});

test('an app that adds a key another table has is stopped', () => {
  assert.throws(() => i18n.addTexts({ sv: { logout: 'Logga ut igen' } }), /logout is defined twice/);
  assert.throws(() => i18n.addErrorTexts({ 'link.used': 'linkUsed' }), /link.used is defined twice/);
});
