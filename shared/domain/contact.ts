import { z } from 'zod';
import { Id, PageRequest, pageOf } from './common.ts';
import { DateOnly, Email, Phone, optionalText, phoneDigits, requiredText } from './fields.ts';
import { recordMeta } from './record.ts';

export const preferredChannels = ['phone', 'email', 'message', 'meeting', 'any'] as const;
export const PreferredChannel = z.enum(preferredChannels);

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

const Emails = labelled(Email, (v) => v.toLowerCase(), 'email address');
const Phones = labelled(Phone, phoneDigits, 'phone number');

const contactFields = {
  clientId: Id,
  name: requiredText(200, 'Enter the contact’s name.'),
  role: optionalText(100),
  emails: Emails,
  phones: Phones,
  preferredChannel: PreferredChannel.nullable(),
  birthday: DateOnly.nullable(),
  notes: optionalText(20_000),
  isPrimary: z.boolean(),
};

const Labelled = z.object({ value: z.string(), label: z.string().nullable() });

export const Contact = z.object({
  ...recordMeta,
  clientId: Id,
  name: z.string(),
  role: z.string().nullable(),
  emails: z.array(Labelled),
  phones: z.array(Labelled),
  preferredChannel: PreferredChannel.nullable(),
  birthday: z.string().nullable(),
  notes: z.string().nullable(),
  isPrimary: z.boolean(),
});
export type Contact = z.infer<typeof Contact>;

export const ContactCreateInput = z
  .strictObject(contactFields)
  .partial()
  .required({ clientId: true, name: true });
export const ContactUpdateInput = z
  .strictObject({ id: Id, ...contactFields })
  .partial()
  .required({ id: true });

export const ContactListInput = PageRequest.extend({
  /** The contacts of one client (primary first, then by name); all contacts by name without it. */
  clientId: Id.optional(),
});
export const ContactPage = pageOf(Contact);
