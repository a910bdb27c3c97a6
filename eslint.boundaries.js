// @ts-check
/**
 * The layering of ARCHITECTURE.md as a lint rule. Each top-level folder lists the folders of ours it may
 * import; a relative import is resolved against the importing file, so depth never fools the check.
 * `electron` is importable from electron/ only, and shared/ and renderer/ may not touch Node built-ins.
 * Inside db/ and renderer/, `innerLayers` and `entryPoints` keep the layers of each folder from importing
 * upward (VS Code's rule: layers never import upward).
 */
import path from 'node:path';

const root = import.meta.dirname;

/** @type {Record<string, readonly string[]>} folder -> folders of ours it may import (besides itself) */
export const allowedImports = {
  shared: [],
  db: ['shared', 'package.json'],
  server: ['shared', 'db'],
  renderer: ['shared'],
  electron: ['db', 'shared'],
  cli: ['shared', 'db', 'server', 'electron', 'bin', 'package.json'],
  bin: ['cli'],
  build: ['shared'],
  tests: [
    'shared',
    'db',
    'server',
    'cli',
    'electron',
    'renderer',
    'build',
    'bin',
    'package.json',
    'eslint.boundaries.js',
  ],
  bench: ['shared', 'db', 'server', 'cli', 'package.json'],
};

/**
 * The layering inside db/ and renderer/: a file under `from` may not import anything under the listed
 * folders. Paths are relative to the repository, with `/`; the longest matching `from` applies.
 * @type {Record<string, readonly string[]>}
 */
export const innerLayers = {
  // The database layers, bottom up: migrations are frozen in time; records write rows and their change
  // log; search indexes them; queries read; sync moves changes; seed fills; handlers implement the API.
  'db/migrations': [
    'db/records',
    'db/queries',
    'db/sync',
    'db/seed',
    'db/reminders',
    'db/handlers',
    'db/export',
    'db/transfer',
  ],
  'db/records': ['db/queries', 'db/seed', 'db/reminders', 'db/handlers', 'db/export', 'db/transfer'],
  'db/search': [
    'db/queries',
    'db/sync',
    'db/seed',
    'db/reminders',
    'db/handlers',
    'db/export',
    'db/transfer',
  ],
  'db/queries': ['db/sync', 'db/seed', 'db/reminders', 'db/handlers', 'db/export', 'db/transfer'],
  'db/reminders': ['db/queries', 'db/sync', 'db/seed', 'db/handlers', 'db/export', 'db/transfer'],
  'db/sync': ['db/queries', 'db/seed', 'db/handlers', 'db/export', 'db/transfer'],
  'db/seed': ['db/queries', 'db/sync', 'db/reminders', 'db/handlers', 'db/export', 'db/transfer'],
  // Export reads the database through records and queries (and writes Rapport JSON back through the
  // record writer); it is a tool the handlers, jobs and CLI use, so nothing below them imports it.
  'db/export': ['db/handlers', 'db/sync', 'db/seed', 'db/reminders', 'db/transfer'],
  // Reading import files knows nothing of the database: mapping and writing build on it, never it on them.
  'db/import': [
    'db/migrations',
    'db/records',
    'db/search',
    'db/queries',
    'db/sync',
    'db/seed',
    'db/reminders',
    'db/handlers',
    'db/transfer',
  ],
  // Import and export jobs (db/transfer) write through the handlers; the handlers and below never
  // reach up to them.
  'db/handlers': ['db/transfer'],
  // Reusable pieces know nothing of the screens that use them; a feature never reaches into the shell.
  'renderer/src/components': ['renderer/src/features', 'renderer/src/app'],
  'renderer/src/features': ['renderer/src/app'],
};

/**
 * The composition of the backend, importable only by the entry point above it: the transports go through
 * db/backend.ts, and nothing inside db/ reaches back up to the dispatcher or the whole handler map.
 * @type {Record<string, readonly string[]>} file -> the files of db/ that may import it
 */
export const entryPoints = {
  // The import and export jobs run batches the way the dispatcher runs a call, with the same handlers.
  'db/dispatch.ts': ['db/backend.ts', 'db/transfer/run-import.ts', 'db/transfer/service.ts'],
  'db/handlers/index.ts': ['db/backend.ts', 'db/transfer/import-row.ts'],
  'db/backend.ts': ['db/direct-client.ts'],
};

const layers = new Set(Object.keys(allowedImports));
const nodeFreeLayers = new Set(['shared', 'renderer']);

/** @param {string} file */
function layerOf(file) {
  const first = repoPath(file).split('/')[0] ?? '';
  return layers.has(first) ? first : undefined;
}

/** The repository-relative path of `file`, with `/` on every platform. @param {string} file */
function repoPath(file) {
  return path.relative(root, file).split(path.sep).join('/');
}

/** @param {string} file @param {string} specifier */
function targetOf(file, specifier) {
  const relative = repoPath(path.resolve(path.dirname(file), specifier));
  if (relative.startsWith('..')) return undefined;
  return relative;
}

/** @param {string} file @param {string} folder */
function isUnder(file, folder) {
  return file === folder || file.startsWith(`${folder}/`);
}

/** @param {string} from @param {string} to @returns {string | undefined} */
function innerViolation(from, to) {
  const allowedFrom = /** @type {Record<string, readonly string[] | undefined>} */ (entryPoints)[to];
  if (allowedFrom && !allowedFrom.includes(from)) {
    return `${from} may not import ${to}: only ${allowedFrom.join(', ')} may (the entry points of db/).`;
  }
  const layer = Object.keys(innerLayers)
    .filter((folder) => isUnder(from, folder))
    .sort((a, b) => b.length - a.length)[0];
  if (layer === undefined) return undefined;
  const forbidden = (innerLayers[layer] ?? []).find((folder) => isUnder(to, folder));
  if (forbidden === undefined) return undefined;
  return `${layer}/ may not import from ${forbidden}/ (the layering inside ${layer.split('/')[0]}/).`;
}

/** @param {string} layer @param {string} file @param {string} specifier @returns {string | undefined} */
function violation(layer, file, specifier) {
  const isElectron = specifier === 'electron' || specifier.startsWith('electron/');
  if (isElectron && layer !== 'electron') return `Only electron/ may import 'electron' (this is ${layer}/).`;
  if (nodeFreeLayers.has(layer) && (specifier.startsWith('node:') || specifier === 'better-sqlite3')) {
    return `${layer}/ runs without Node: '${specifier}' is not allowed here.`;
  }
  if (!specifier.startsWith('.')) return undefined;
  const targetFile = targetOf(file, specifier);
  if (targetFile === undefined) return undefined;
  const target = targetFile.split('/')[0] ?? '';
  if (target === layer) return innerViolation(repoPath(file), targetFile);
  const allowed = allowedImports[layer] ?? [];
  if (allowed.includes(target)) return undefined;
  return `${layer}/ may not import from ${target}/ (allowed: ${allowed.join(', ') || 'nothing of ours'}).`;
}

/** @type {import('eslint').Rule.RuleModule} */
const importBoundaryRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the import boundaries between top-level folders (ARCHITECTURE.md).' },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const layer = layerOf(file);
    if (layer === undefined) return {};
    /** @param {import('estree').Node} node @param {unknown} source */
    const check = (node, source) => {
      if (typeof source !== 'string') return;
      const message = violation(layer, file, source);
      if (message !== undefined) context.report({ node, message });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => check(node, node.source?.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => check(node, node.source.type === 'Literal' ? node.source.value : undefined),
    };
  },
};

export const importBoundaries = [
  {
    plugins: { rapport: { rules: { 'import-boundaries': importBoundaryRule } } },
    rules: { 'rapport/import-boundaries': 'error' },
  },
];
