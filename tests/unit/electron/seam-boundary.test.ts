import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');

/**
 * The entry files load Electron at run time; every other module takes the seam as a parameter, so the
 * unit tests can run without the Electron binary.
 */
const MAY_LOAD_ELECTRON = new Set(['electron/main/index.ts', 'electron/preload/index.ts']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

/** Imports of 'electron' that load it at run time (type-only imports vanish on build). */
function valueImportsOfElectron(source: string): string[] {
  const staticImports = [
    ...source.matchAll(/^\s*(import|export)\s+(?!type\b)[^;]*?from\s+['"]electron(\/[^'"]*)?['"]/gm),
  ];
  const requires = [...source.matchAll(/require\(\s*['"]electron(\/[^'"]*)?['"]\s*\)/g)];
  return [...staticImports, ...requires].map((match) => match[0].trim());
}

describe('the Electron seam', () => {
  it('is the only way electron/ modules reach Electron, apart from the two entry files', () => {
    const offenders = sourceFiles(join(root, 'electron'))
      .filter((file) => !MAY_LOAD_ELECTRON.has(file))
      .filter((file) => valueImportsOfElectron(readFileSync(join(root, file), 'utf8')).length > 0);
    expect(offenders).toEqual([]);
  });

  it('loads Electron in seam.ts only through the dynamic import inside loadElectronSeam', () => {
    const seam = readFileSync(join(root, 'electron/main/seam.ts'), 'utf8');
    expect([...seam.matchAll(/import\(\s*'electron'\s*\)/g)]).toHaveLength(1);
    expect(seam).toMatch(/export async function loadElectronSeam\(\)[^]*await import\('electron'\)/);
  });

  it('is checked by a pattern that does catch a value import', () => {
    expect(valueImportsOfElectron("import { app } from 'electron';")).toHaveLength(1);
    expect(valueImportsOfElectron("import electron from 'electron/main';")).toHaveLength(1);
    expect(valueImportsOfElectron("import type { App } from 'electron';")).toHaveLength(0);
  });
});
