// @ts-check
/**
 * The layering of ARCHITECTURE.md as a lint rule. Each top-level folder lists the folders of ours it may
 * import; a relative import is resolved against the importing file, so depth never fools the check.
 * `electron` is importable from electron/ only, and shared/ and renderer/ may not touch Node built-ins.
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
  tests: ['shared', 'db', 'server', 'cli', 'electron', 'renderer', 'build', 'bin', 'package.json'],
  bench: ['shared', 'db', 'server', 'cli', 'package.json'],
};

const layers = new Set(Object.keys(allowedImports));
const nodeFreeLayers = new Set(['shared', 'renderer']);

/** @param {string} file */
function layerOf(file) {
  const first = path.relative(root, file).split(path.sep)[0] ?? '';
  return layers.has(first) ? first : undefined;
}

/** @param {string} file @param {string} specifier */
function targetOf(file, specifier) {
  const relative = path.relative(root, path.resolve(path.dirname(file), specifier));
  if (relative.startsWith('..')) return undefined;
  return relative.split(path.sep)[0];
}

/** @param {string} layer @param {string} file @param {string} specifier @returns {string | undefined} */
function violation(layer, file, specifier) {
  const isElectron = specifier === 'electron' || specifier.startsWith('electron/');
  if (isElectron && layer !== 'electron') return `Only electron/ may import 'electron' (this is ${layer}/).`;
  if (nodeFreeLayers.has(layer) && (specifier.startsWith('node:') || specifier === 'better-sqlite3')) {
    return `${layer}/ runs without Node: '${specifier}' is not allowed here.`;
  }
  if (!specifier.startsWith('.')) return undefined;
  const target = targetOf(file, specifier);
  if (target === undefined || target === layer) return undefined;
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
