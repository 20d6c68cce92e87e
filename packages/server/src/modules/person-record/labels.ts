import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import countries from 'i18n-iso-countries';
import type { DocumentLanguage } from '@palermo/contracts';

/**
 * The words of a printed document, in the language chosen for it: the same translations the web app shows
 * (packages/web/src/i18n/locales), so that a stage, a role or a form of exploitation reads on paper as on screen.
 * Countries are named by i18n-iso-countries in the same language. A missing translation falls back to English, and
 * a code no vocabulary knows is written as it was recorded.
 */
export const localesDir = join(dirname(fileURLToPath(import.meta.url)), '../../../../web/src/i18n/locales');

type Tree = { [key: string]: string | Tree };
const loaded = new Map<DocumentLanguage, Tree>();

function merge(into: Tree, from: Tree): Tree {
  for (const [key, value] of Object.entries(from)) {
    const existing = into[key];
    into[key] = typeof value === 'object' && typeof existing === 'object' ? merge(existing, value) : value;
  }
  return into;
}

/** The locale of a language: `<lang>.json`, and the files of a `<lang>/` folder when the translations are split by area. */
function locale(language: DocumentLanguage): Tree {
  const cached = loaded.get(language);
  if (cached) return cached;
  const tree: Tree = {};
  const file = join(localesDir, `${language}.json`);
  if (existsSync(file)) merge(tree, JSON.parse(readFileSync(file, 'utf8')) as Tree);
  const folder = join(localesDir, language);
  if (existsSync(folder)) {
    for (const name of readdirSync(folder).filter((n) => n.endsWith('.json')).sort()) merge(tree, JSON.parse(readFileSync(join(folder, name), 'utf8')) as Tree);
  }
  loaded.set(language, tree);
  return tree;
}

function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) {
    if (typeof node !== 'object') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

const require = createRequire(import.meta.url);
const registered = new Set<string>();
function countryName(code: string, language: DocumentLanguage): string {
  if (!registered.has(language)) {
    countries.registerLocale(require(`i18n-iso-countries/langs/${language}.json`) as Parameters<typeof countries.registerLocale>[0]);
    registered.add(language);
  }
  return countries.getName(code.toUpperCase(), language) ?? countries.getName(code.toUpperCase(), 'en') ?? code;
}

export interface Words {
  readonly language: DocumentLanguage;
  /** A translated string; `{{name}}` placeholders filled from `values`. */
  t(key: string, values?: Record<string, string | number>): string;
  /** The translation of a key, or undefined when no locale has it. */
  has(key: string): string | undefined;
  /** The label of a vocabulary code (`roles`, `caseStages`...), or the code itself when no vocabulary names it. */
  code(vocabulary: string, code: string | null | undefined): string;
  country(code: string | null | undefined): string;
  /** A time as `YYYY-MM-DD HH:MM UTC` (digits and order every reader reads the same way). */
  time(value: Date | string | null | undefined): string;
  day(value: Date | string | null | undefined): string;
}

export function wordsFor(language: DocumentLanguage): Words {
  const own = locale(language);
  const english = language === 'en' ? own : locale('en');
  const t = (key: string, values: Record<string, string | number> = {}) => {
    const text = lookup(own, key) ?? lookup(english, key) ?? key;
    return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(values[name] ?? ''));
  };
  const toDate = (value: Date | string) => (value instanceof Date ? value : new Date(value));
  return {
    language,
    t,
    has: (key) => lookup(own, key) ?? lookup(english, key),
    code: (vocabulary, code) => (code ? (lookup(own, `${vocabulary}.${code}`) ?? lookup(english, `${vocabulary}.${code}`) ?? code) : ''),
    country: (code) => (code ? countryName(code, language) : ''),
    time: (value) => (value ? `${toDate(value).toISOString().slice(0, 16).replace('T', ' ')} UTC` : ''),
    day: (value) => (value ? (typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10)) : ''),
  };
}
