import { z } from 'zod';
import {
  Amount,
  CurrencyCode,
  Email,
  Phone,
  checkAmountDigits,
  optionalText,
  phoneDigits,
} from './fields.ts';

/**
 * The composite values of the entities (an address, a list of phone numbers, an amount with its cost and
 * currency) and the shaped texts (a website, an outcome code), shared by the declarations in
 * shared/entities and the contract.
 */

/** A postal address; its parts sync together as one field (SYNC.md). */
export const Address = z.strictObject({
  street: optionalText(200).optional(),
  city: optionalText(100).optional(),
  region: optionalText(100).optional(),
  postalCode: optionalText(20).optional(),
  country: optionalText(100).optional(),
});
export type Address = z.infer<typeof Address>;

/** A web address; "example.com" is accepted and kept as typed. */
export const Website = optionalText(300).refine((value) => value === null || isWebAddress(value), {
  message: 'Enter a web address such as example.com or https://example.com.',
  params: { rule: 'website' },
});

function isWebAddress(value: string): boolean {
  try {
    const url = new URL(/^https?:\/\//i.test(value) ? value : `https://${value}`);
    return /^https?:$/.test(url.protocol) && /^[^.\s]+(\.[^.\s]+)+$/.test(url.hostname);
  } catch {
    return false;
  }
}

/** Most addresses or numbers one contact may have. */
export const CONTACT_LIST_MAX = 20;

function labelled(value: z.ZodType<string, string>, key: (v: string) => string, noun: string) {
  return z
    .array(
      z
        .strictObject({ value, label: optionalText(40).optional() })
        .transform(({ value: v, label }) => ({ value: v, label: label ?? null })),
    )
    .max(CONTACT_LIST_MAX, { message: `At most ${CONTACT_LIST_MAX} ${noun}s.` })
    .superRefine((items, ctx) => {
      const seen = new Set<string>();
      items.forEach((item, index) => {
        const k = key(item.value);
        if (seen.has(k)) {
          ctx.addIssue({
            code: 'custom',
            path: [index, 'value'],
            params: { rule: 'duplicate' },
            message: `This ${noun} is already in the list.`,
          });
        }
        seen.add(k);
      });
    });
}

/** A contact's email addresses, each with an optional label ("work"). */
export const Emails = labelled(Email, (v) => v.toLowerCase(), 'email address');
/** A contact's phone numbers, each with an optional label ("mobile"). */
export const Phones = labelled(Phone, phoneDigits, 'phone number');
/** One labelled value as the API returns it. */
export const Labelled = z.object({ value: z.string(), label: z.string().nullable() });

/** An outcome code: a lowercase slug, so the team can add its own. */
export const Outcome = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, { message: 'Use a code of lowercase letters, digits and _ (at most 40).' })
  .nullable();

/** An amount with its currency as the API returns it. */
export const MoneyOut = z.object({ amount: z.number(), currency: z.string() });

/** What a payment or invoice is worth, what it cost us, in which currency: one stored field, synced whole. */
export const PaymentMoney = z
  .strictObject({ amount: Amount, cost: Amount.nullable(), currency: CurrencyCode })
  .superRefine((money, ctx) => {
    checkAmountDigits(money.amount, money.currency, ['amount'], ctx);
    checkAmountDigits(money.cost, money.currency, ['cost'], ctx);
  });
export const PaymentMoneyOut = z.object({
  amount: z.number(),
  cost: z.number().nullable(),
  currency: z.string(),
});
