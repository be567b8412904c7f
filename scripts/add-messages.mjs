#!/usr/bin/env node
/**
 * Adds or replaces Paraglide messages in web/messages/{fi,sv,en}.json from one
 * JSON file shaped { "key": { "fi": "…", "sv": "…", "en": "…" } }, so several
 * people (or agents) adding strings at once do not overwrite each other's edits.
 * Usage: node scripts/add-messages.mjs path/to/new-messages.json
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const [file] = process.argv.slice(2);
if (!file) {
  console.error('Usage: node scripts/add-messages.mjs new-messages.json');
  process.exit(2);
}
const additions = JSON.parse(readFileSync(file, 'utf8'));
const dir = resolve(import.meta.dirname, '../web/messages');
for (const locale of ['fi', 'sv', 'en']) {
  for (const [key, texts] of Object.entries(additions)) {
    if (typeof texts?.[locale] !== 'string') {
      console.error(`✖ ${key} has no ${locale} text`);
      process.exit(1);
    }
  }
}
for (const locale of ['fi', 'sv', 'en']) {
  const path = resolve(dir, `${locale}.json`);
  const messages = JSON.parse(readFileSync(path, 'utf8'));
  for (const [key, texts] of Object.entries(additions)) messages[key] = texts[locale];
  writeFileSync(path, `${JSON.stringify(messages, null, 2)}\n`);
}
console.log(`Added ${Object.keys(additions).length} message(s) in fi, sv and en.`);
