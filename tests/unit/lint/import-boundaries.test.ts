import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: root });

/** Lints `code` as if it were the file at `path` with the project's own configuration. */
async function boundaryErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, path) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'rapport/import-boundaries')
    .map((m) => m.message);
}

describe('the import boundaries of ARCHITECTURE.md are a lint error', () => {
  it('refuses the renderer importing the database layer, at any depth', async () => {
    expect(
      await boundaryErrors(
        'renderer/src/features/clients/ClientList.tsx',
        "import { openBackend } from '../../../../db/backend.ts';\nvoid openBackend;\n",
      ),
    ).toEqual(['renderer/ may not import from db/ (allowed: shared).']);
  });

  it('refuses shared importing anything else of ours, or Node', async () => {
    expect(
      await boundaryErrors(
        'shared/api/contract.ts',
        "export { handlers } from '../../db/handlers/index.ts';\n",
      ),
    ).toHaveLength(1);
    expect(
      await boundaryErrors('shared/text.ts', "import { readFileSync } from 'node:fs';\nvoid readFileSync;\n"),
    ).toEqual(["shared/ runs without Node: 'node:fs' is not allowed here."]);
  });

  it('refuses electron outside electron/, even as a dynamic import', async () => {
    expect(
      await boundaryErrors('db/backend.ts', "import { app } from 'electron';\nvoid app;\n"),
    ).toHaveLength(1);
    expect(await boundaryErrors('cli/main.ts', "void import('electron');\n")).toHaveLength(1);
  });

  it('allows the imports the architecture permits', async () => {
    expect(
      await boundaryErrors('db/backend.ts', "import { uuidv7 } from '../shared/ids.ts';\nvoid uuidv7;\n"),
    ).toEqual([]);
    expect(
      await boundaryErrors(
        'renderer/src/main.tsx',
        "import { catalogs } from '../../shared/i18n/index.ts';\nvoid catalogs;\n",
      ),
    ).toEqual([]);
    expect(
      await boundaryErrors(
        'cli/main.ts',
        "import { openBackend } from '../db/backend.ts';\nvoid openBackend;\n",
      ),
    ).toEqual([]);
  });
});
