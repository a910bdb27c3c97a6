import type { z } from 'zod';
import { ImportMapping as ImportMappingShape } from '../../../shared/domain/import-mapping.ts';
import type { ImportMapping } from '../mapped-row.ts';
import { isPhoneCountry } from '../phones.ts';
import { targetOf } from './targets.ts';

/** Something wrong with a mapping as a whole, at a path of it (`columns.3.target`). */
export interface MappingIssue {
  path: (string | number)[];
  message: string;
}

/**
 * What a mapping's shape cannot say: each target is one a file of its type can fill, a field that takes
 * one column is given one, and the default country is one libphonenumber knows.
 */
export function checkMapping(mapping: ImportMapping): MappingIssue[] {
  const issues: MappingIssue[] = [];
  const used = new Map<string, string>();
  mapping.columns.forEach((column, index) => {
    if (column.target === null) return;
    const target = targetOf(mapping.type, column.target);
    if (target === undefined) {
      issues.push({
        path: ['columns', index, 'target'],
        message: `A ${mapping.type} file cannot fill "${column.target}".`,
      });
      return;
    }
    const other = used.get(target.id);
    if (other !== undefined && !target.repeatable) {
      issues.push({
        path: ['columns', index, 'target'],
        message: `"${column.column}" and "${other}" both go to ${target.id}, which takes one column.`,
      });
    }
    used.set(target.id, column.column);
  });
  if (mapping.defaultCountry !== null && !isPhoneCountry(mapping.defaultCountry)) {
    issues.push({
      path: ['defaultCountry'],
      message: `Rapport does not know the country "${mapping.defaultCountry}" for phone numbers.`,
    });
  }
  return issues;
}

/** The API's mapping schema (shared/domain/import-mapping.ts) with the checks above: what a handler parses. */
export const CheckedImportMapping = ImportMappingShape.superRefine((mapping, ctx: z.RefinementCtx) => {
  for (const issue of checkMapping(mapping)) {
    ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  }
});
