import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..', '..');

/** The packages a module loads when it runs, through every module of the project it loads (type imports aside). */
function packagesLoadedBy(entry: string): Map<string, string> {
  const seen = new Set<string>();
  const packages = new Map<string, string>();
  const walk = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const [statement, specifier] of text.matchAll(/^import\s[^;]*?from\s+'([^']+)';/gms)) {
      if (specifier === undefined || /^import\s+type\s/.test(statement)) continue;
      if (specifier.startsWith('.')) walk(resolve(dirname(file), specifier));
      else packages.set(specifier, relative(root, file));
    }
  };
  walk(resolve(root, entry));
  return packages;
}

describe('the lifetime-value fit worker', () => {
  it('loads neither the query builder nor the validation library, whose memory would stay after it ends', () => {
    const packages = packagesLoadedBy('db/analytics/clv/fit-worker.ts');
    expect([...packages.keys()].sort()).toEqual(['better-sqlite3', 'node:worker_threads']);
  });

  it('is checked by a walk that does see what a module loads', () => {
    // The backend itself loads both: the walk above would have found them.
    const packages = packagesLoadedBy('db/backend.ts');
    expect(packages.has('kysely')).toBe(true);
    expect(packages.has('zod')).toBe(true);
  });
});
