import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogs, languages } from '../../../shared/i18n/index.ts';

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('UI catalogs', () => {
  const english = catalogs.en;
  const keys = Object.keys(english).sort();

  it.each(languages.map((l) => l.code))('%s has exactly the English keys, none empty', (code) => {
    const catalog: Record<string, string> = catalogs[code];
    expect(Object.keys(catalog).sort()).toEqual(keys);
    for (const key of keys) expect(catalog[key]?.trim(), `${code}: ${key}`).not.toBe('');
  });

  it.each(languages.map((l) => l.code))('%s keeps every {{placeholder}} of the English text', (code) => {
    const catalog: Record<string, string> = catalogs[code];
    for (const key of keys) {
      expect(placeholders(catalog[key] ?? ''), `${code}: ${key}`).toEqual(
        placeholders(english[key as keyof typeof english]),
      );
    }
  });

  it('has a translation for every key the renderer asks for', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(resolve(import.meta.dirname, '../../../renderer/src'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([\w.]+)'/g))
        used.add(match[1] ?? '');
    }
    expect(used.size).toBeGreaterThan(10);
    expect([...used].filter((key) => !(key in english))).toEqual([]);
  });
});
