import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { importBoundaries } from '../../../eslint.boundaries.js';

const root = resolve(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: root });
/**
 * The boundary rule alone, without type information: it lints files that do not exist (a future
 * renderer/src/components), which the project's type-aware configuration cannot parse.
 */
const boundariesOnly = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  overrideConfig: [
    { files: ['**/*.{ts,tsx}'], languageOptions: { parser: tseslint.parser } },
    ...importBoundaries,
  ],
});

async function errorsOf(linter: ESLint, path: string, code: string): Promise<string[]> {
  const [result] = await linter.lintText(code, { filePath: resolve(root, path) });
  const messages = result?.messages ?? [];
  const fatal = messages.find((m) => m.fatal === true);
  if (fatal) throw new Error(`${path} could not be linted: ${fatal.message}`);
  return messages.filter((m) => m.ruleId === 'rapport/import-boundaries').map((m) => m.message);
}

/** Lints `code` as if it were the file at `path` with the project's own configuration. */
function boundaryErrors(path: string, code: string): Promise<string[]> {
  return errorsOf(eslint, path, code);
}

/** Lints `code` as the file at `path`, existing or not, with the boundary rule only. */
function innerErrors(path: string, code: string): Promise<string[]> {
  return errorsOf(boundariesOnly, path, code);
}

// The first type-aware lint builds the whole program; on a busy machine that alone takes half a minute.
beforeAll(() => boundaryErrors('shared/text.ts', '').then(() => undefined), 120_000);

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

/** `import x from '<specifier>'` as a file's whole text. */
const importing = (specifier: string) => `import * as x from '${specifier}';\nvoid x;\n`;

describe('the layering inside db/ is a lint error', () => {
  it.each([
    ['db/records/any.ts', '../handlers/crud.ts', 'db/records/ may not import from db/handlers/'],
    ['db/queries/any.ts', '../handlers/context.ts', 'db/queries/ may not import from db/handlers/'],
    ['db/search/any.ts', '../handlers/index.ts', 'db/handlers/index.ts'],
    ['db/search/any.ts', '../queries/clients.ts', 'db/search/ may not import from db/queries/'],
    ['db/sync/any.ts', '../handlers/clients.ts', 'db/sync/ may not import from db/handlers/'],
    [
      'db/migrations/0010_any.ts',
      '../records/record-writer.ts',
      'db/migrations/ may not import from db/records/',
    ],
    ['db/seed/any.ts', '../handlers/app.ts', 'db/seed/ may not import from db/handlers/'],
    ['db/reminders/any.ts', '../sync/engine.ts', 'db/reminders/ may not import from db/sync/'],
    ['db/import/any.ts', '../records/record-writer.ts', 'db/import/ may not import from db/records/'],
    ['db/records/any.ts', '../export/export-data.ts', 'db/records/ may not import from db/export/'],
    ['db/export/any.ts', '../handlers/crud.ts', 'db/export/ may not import from db/handlers/'],
  ])('refuses %s importing %s', async (file, specifier, message) => {
    const errors = await innerErrors(file, importing(specifier));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(message);
  });

  it('lets only the entry points import the dispatcher, the handler map and the backend', async () => {
    // Through the project's own configuration, so the inner rules are known to be switched on.
    expect(await boundaryErrors('db/sync/engine.ts', importing('../dispatch.ts'))).toEqual([
      'db/sync/engine.ts may not import db/dispatch.ts: only db/backend.ts, db/transfer/run-import.ts, db/transfer/service.ts may (the entry points of db/).',
    ]);
    // The import jobs run batches as the dispatcher runs calls, with the same handlers; nothing under them
    // reaches up to them.
    expect(await innerErrors('db/transfer/run-import.ts', importing('../dispatch.ts'))).toEqual([]);
    expect(await innerErrors('db/transfer/import-row.ts', importing('../handlers/index.ts'))).toEqual([]);
    expect(await innerErrors('db/handlers/imports.ts', importing('../transfer/service.ts'))).toHaveLength(1);
    expect(await innerErrors('db/import/detect.ts', importing('../transfer/run-import.ts'))).toHaveLength(1);
    expect(await innerErrors('db/handlers/app.ts', importing('./index.ts'))).toHaveLength(1);
    expect(await innerErrors('db/restore.ts', importing('./backend.ts'))).toHaveLength(1);
    expect(await innerErrors('db/backend.ts', importing('./dispatch.ts'))).toEqual([]);
    expect(await innerErrors('db/backend.ts', importing('./handlers/index.ts'))).toEqual([]);
    expect(await innerErrors('db/direct-client.ts', importing('./backend.ts'))).toEqual([]);
    // Outside db/, the transports and tools open the backend as before.
    expect(await innerErrors('cli/commands/preview.ts', importing('../../db/backend.ts'))).toEqual([]);
  });

  it.each([
    ['db/handlers/clients.ts', '../queries/clients.ts'],
    ['db/handlers/deals.ts', '../records/columns.ts'],
    ['db/handlers/app.ts', '../seed/demo.ts'],
    ['db/handlers/search.ts', '../search/search-records.ts'],
    ['db/sync/apply.ts', '../records/record-writer.ts'],
    ['db/queries/clients.ts', '../search/search-text.ts'],
    ['db/migrations/0005_search.ts', '../search/rebuild-search-index.ts'],
    ['db/records/any.ts', '../sql.ts'],
  ])('allows %s importing %s', async (file, specifier) => {
    expect(await innerErrors(file, importing(specifier))).toEqual([]);
  });
});

describe('the layering inside renderer/ is a lint error', () => {
  it('refuses components importing a feature or the shell', async () => {
    expect(
      await innerErrors('renderer/src/components/Feedback.tsx', importing('../features/today/TodayPage.tsx')),
    ).toEqual([
      'renderer/src/components/ may not import from renderer/src/features/ (the layering inside renderer/).',
    ]);
    expect(
      await innerErrors('renderer/src/components/forms/FormFooter.tsx', importing('../../app/theme.ts')),
    ).toEqual([
      'renderer/src/components/ may not import from renderer/src/app/ (the layering inside renderer/).',
    ]);
  });

  it('refuses a feature importing the shell', async () => {
    expect(
      await innerErrors(
        'renderer/src/features/campaigns/CampaignsPage.tsx',
        importing('../../app/commands.ts'),
      ),
    ).toEqual([
      'renderer/src/features/ may not import from renderer/src/app/ (the layering inside renderer/).',
    ]);
  });

  it('allows features to use components and each other, and the shell to use both', async () => {
    for (const [file, specifier] of [
      ['renderer/src/features/campaigns/CampaignsPage.tsx', '../../components/Feedback.tsx'],
      ['renderer/src/features/campaigns/CampaignsPage.tsx', '../followups/useFollowupActions.ts'],
      ['renderer/src/app/AppShellLayout.tsx', '../features/settings/SettingsPage.tsx'],
      ['renderer/src/app/AppShellLayout.tsx', '../components/Feedback.tsx'],
      ['renderer/src/components/Feedback.tsx', './FormFooter.tsx'],
    ] as const) {
      expect(await innerErrors(file, importing(specifier)), `${file} → ${specifier}`).toEqual([]);
    }
  });
});
