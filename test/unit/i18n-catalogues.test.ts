/**
 * Every shipped language has every word English has (and no stray ones), with the same
 * placeholders, none of them empty, in the window's catalogues and in main's: a screen, a
 * notice or a menu never shows a raw key or a half-translated line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHIPPED_LANGUAGES } from '../../shared/language';

/** The window's catalogues and main's (error messages, notices, menus): both are checked alike. */
const ROOTS = {
  renderer: join(import.meta.dirname, '../../renderer/src/i18n/locales'),
  main: join(import.meta.dirname, '../../electron/main/i18n/locales'),
};

function flatten(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') out.set(prefix, value);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) for (const [kk, vv] of flatten(v, prefix ? `${prefix}.${k}` : k)) out.set(kk, vv);
  }
  return out;
}

function catalogue(root: string, language: string, namespace: string): Map<string, string> {
  return flatten(JSON.parse(readFileSync(join(root, language, `${namespace}.json`), 'utf8')));
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/gu)].map((m) => m[1]).sort();
/** i18next plural forms: `count_one`, `count_other`… compared by their base key. */
const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/u, '');

for (const [side, LOCALES] of Object.entries(ROOTS)) {
  const namespaces = readdirSync(join(LOCALES, 'en')).map((f) => f.replace(/\.json$/u, ''));

  describe(`${side} translations`, () => {
    it('ship a catalogue for every namespace in every language', () => {
      expect(namespaces.length).toBeGreaterThan(0);
      for (const language of SHIPPED_LANGUAGES) expect(readdirSync(join(LOCALES, language)).sort(), language).toEqual(namespaces.map((n) => `${n}.json`).sort());
    });

    for (const language of SHIPPED_LANGUAGES.filter((l) => l !== 'en')) {
      for (const namespace of namespaces) {
        it(`${language}/${namespace} has every key English has, with the same placeholders`, () => {
          const en = catalogue(LOCALES, 'en', namespace);
          const other = catalogue(LOCALES, language, namespace);
          const enBases = new Set([...en.keys()].map(base));
          const otherBases = new Set([...other.keys()].map(base));
          expect([...enBases].filter((k) => !otherBases.has(k)), 'missing').toEqual([]);
          expect([...otherBases].filter((k) => !enBases.has(k)), 'not in English').toEqual([]);
          for (const [key, text] of other) {
            expect(text.trim(), `${key} is empty`).not.toBe('');
            const enText = en.get(key) ?? en.get(`${base(key)}_other`) ?? en.get(base(key)) ?? '';
            expect(placeholders(text), key).toEqual(placeholders(enText));
          }
        });
      }
    }

    it('English has no empty words', () => {
      for (const namespace of namespaces) for (const [key, text] of catalogue(LOCALES, 'en', namespace)) expect(text.trim(), `${namespace}:${key}`).not.toBe('');
    });
  });
}
