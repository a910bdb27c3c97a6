import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { detectSource, type DetectedSource, type SourceOverrides } from '../../db/import/detect.ts';
import { readSource } from '../../db/import/read-source.ts';
import type { SourceRow } from '../../db/import/source-row.ts';

/** The real exported files of issue 14, beside the repository (never copied into it); see SOURCES.md. */
export const importFixtures = join(
  resolve(import.meta.dirname, '../..'),
  '..',
  'shared',
  'fixtures',
  'import',
);

/** The path of one fixture, e.g. `fixture('csv', 'folkerkinzel-Google.csv')`. */
export function fixture(folder: string, name: string): string {
  return join(importFixtures, folder, name);
}

/** The file names in one fixture folder, so a test can check that every one of them is covered. */
export function fixtureNames(folder: string): string[] {
  return readdirSync(join(importFixtures, folder)).sort();
}

/** Detects a file and reads all its rows, the way an import would. */
export async function importRows(
  path: string,
  overrides?: SourceOverrides,
): Promise<{ detected: DetectedSource; rows: SourceRow[] }> {
  const detected = await detectSource(path, overrides);
  const rows: SourceRow[] = [];
  for await (const row of readSource(path, detected)) rows.push(row);
  return { detected, rows };
}
