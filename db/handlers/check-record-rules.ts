import type { z } from 'zod';
import { validationError } from '../validation-error.ts';

/**
 * Checks the cross-field rules of an entity (shared/domain: PaymentRules, CampaignRules) on the record a
 * write leaves: the stored values with `changes` over them. The input schemas can check a rule only
 * between fields of one input; this checks it against what is stored. A write that touches none of the
 * rule's fields is not checked, so an old record that breaks a rule can still get its notes edited.
 * Throws the validation error naming the field and the rule.
 */
export function checkRecordRules<S extends z.ZodObject>(
  rules: S,
  stored: Partial<Record<keyof z.input<S>, unknown>>,
  changes: Record<string, unknown>,
): void {
  const fields = Object.keys(rules.shape);
  const given = Object.entries(changes).filter(
    ([field, value]) => value !== undefined && fields.includes(field),
  );
  if (given.length === 0) return;
  const record = Object.fromEntries(
    fields.map((field) => [field, (stored as Record<string, unknown>)[field]]),
  );
  const parsed = rules.safeParse({ ...record, ...Object.fromEntries(given) });
  if (!parsed.success) throw validationError(parsed.error);
}
