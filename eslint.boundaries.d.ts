// The types of eslint.boundaries.js, for its own test (the project does not type-check JavaScript).
import type { Linter } from 'eslint';

export declare const allowedImports: Record<string, readonly string[]>;
export declare const innerLayers: Record<string, readonly string[]>;
export declare const entryPoints: Record<string, readonly string[]>;
export declare const importBoundaries: Linter.Config[];
