import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { contentTypeOf } from '../../shared/content-types.ts';

export interface StaticFile {
  body: Buffer;
  contentType: string;
  /** Hashed build assets never change; everything else is revalidated. */
  immutable: boolean;
}

/**
 * Reads a file of the built renderer for a URL path. Paths outside `root` are refused; unknown paths
 * without an extension get index.html, so reloading any screen of the app works.
 */
export async function readStaticFile(root: string, urlPath: string): Promise<StaticFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return null;
  }
  const base = resolve(root);
  const target = resolve(base, `.${decoded}`);
  if (target !== base && !target.startsWith(base + sep)) return null;
  const file = (await isFile(target)) ? target : extname(target) === '' ? resolve(base, 'index.html') : null;
  if (!file) return null;
  return {
    body: await readFile(file),
    contentType: contentTypeOf(file),
    immutable: file.includes(`${sep}assets${sep}`),
  };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
