import { defaultCallOutcomes } from '../../../shared/domain/interaction.ts';
import { catalogs, type MessageKey } from '../../../shared/i18n/index.ts';
import { type Reading, read, refuse } from './reading.ts';
import { textKey } from './text-key.ts';

/**
 * Values of a closed set (a client's kind, a deal's stage, a follow-up's priority) read from what people
 * write: the code itself, its label in any UI language (the catalogs' `${field label}.${value}`, so a
 * value's new translation is read by itself), and the synonyms below, from other tools' exports and
 * everyday words. Case, spaces and punctuation do not count. Anything else is refused with the values
 * the field takes.
 */

/** Common words for the values, keyed by the field's label key (as in the catalogs). */
const synonyms: Record<string, Record<string, readonly string[]>> = {
  'client.field.kind': {
    company: [
      'organisation',
      'organization',
      'business',
      'firm',
      'legal entity',
      'b2b',
      'организация',
      'фирма',
      'юрлицо',
      'юр. лицо',
      'юридическое лицо',
      'ұйым',
      'заңды тұлға',
    ],
    person: [
      'individual',
      'private person',
      'b2c',
      'физлицо',
      'физ. лицо',
      'физическое лицо',
      'человек',
      'жеке адам',
      'адам',
    ],
  },
  'client.field.stage': {
    // HubSpot's lifecycle stages, by what each means here.
    prospect: ['subscriber'],
    lead: ['marketing qualified lead', 'sales qualified lead', 'opportunity'],
    active: ['customer', 'действующий'],
    loyal: ['evangelist'],
  },
  'interaction.field.kind': {
    call: ['phone call', 'phone', 'telephone call', 'звонок', 'телефонный звонок', 'телефон'],
    meeting: ['встреча'],
    email: ['e-mail', 'mail', 'письмо', 'эл. письмо', 'электронное письмо'],
    message: ['sms', 'chat', 'whatsapp', 'telegram', 'сообщение', 'смс'],
    note: ['comment', 'заметка', 'комментарий', 'примечание'],
  },
  'interaction.field.direction': {
    inbound: ['incoming', 'in', 'входящий', 'входящая', 'входящее', 'кіріс', 'кіріс қоңырау'],
    outbound: ['outgoing', 'out', 'исходящий', 'исходящая', 'исходящее', 'шығыс', 'шығыс қоңырау'],
  },
  'deal.field.stage': {
    // Salesforce, HubSpot, Pipedrive (status), Bitrix24 and amoCRM names of the same stages.
    won: [
      'closed won',
      'closedwon',
      'сделка успешна',
      'успешно реализовано',
      'успешно',
      'выиграна',
      'выиграно',
    ],
    lost: [
      'closed lost',
      'closedlost',
      'сделка провалена',
      'закрыто и не реализовано',
      'проиграна',
      'проиграно',
    ],
    proposal: ['proposal/price quote', 'коммерческое предложение'],
    negotiation: ['negotiation/review'],
  },
  'payment.field.kind': {
    invoice: ['bill', 'счет на оплату', 'счёт на оплату', 'счет', 'инвойс'],
    payment: ['receipt', 'paid', 'платеж', 'платёж', 'поступление', 'оплачено'],
    refund: ['return', 'возврат средств'],
  },
  'followup.field.priority': {
    normal: ['medium', 'средний', 'орташа'],
    high: ['urgent', 'срочный', 'срочно', 'шұғыл'],
  },
  'followup.field.status': {
    open: ['to do', 'todo', 'pending', 'not started', 'in progress', 'новая', 'в работе', 'не выполнена'],
    done: ['completed', 'complete', 'finished', 'выполнено', 'завершена', 'завершено', 'сделано'],
    cancelled: ['canceled', 'отменено'],
  },
};

const lookups = new Map<string, Map<string, string>>();

function lookupOf(labels: string, values: readonly string[]): Map<string, string> {
  const cached = lookups.get(labels);
  if (cached) return cached;
  const lookup = new Map<string, string>();
  for (const value of values) {
    const key = `${labels}.${value}`;
    const words = [
      value,
      ...Object.values(catalogs).map((catalog) =>
        Object.hasOwn(catalog, key) ? catalog[key as MessageKey] : '',
      ),
    ];
    for (const word of [...words, ...(synonyms[labels]?.[value] ?? [])]) {
      const wordKey = textKey(word);
      if (wordKey !== '' && !lookup.has(wordKey)) lookup.set(wordKey, value);
    }
  }
  lookups.set(labels, lookup);
  return lookup;
}

/** One of `values` (the field's declared values; `labels` is its label key, `client.field.kind`). */
export function readChoice(text: string, labels: string, values: readonly string[]): Reading<string> {
  const value = lookupOf(labels, values).get(textKey(text));
  if (value !== undefined) return read(value);
  return refuse('unknown_choice', `"${text.trim()}" is not one of ${values.join(', ')}.`, values);
}

const yes = ['yes', 'y', 'true', '1', 'x', '+', '✓', '✔', 'да', 'д', 'иә', 'ия', 'ja', 'vip'];
const no = ['no', 'n', 'false', '0', '-', 'нет', 'н', 'жоқ', 'nein'];
const flags = new Map<string, boolean>([
  ...yes.map((word) => [keyOf(word), true] as const),
  ...no.map((word) => [keyOf(word), false] as const),
]);

function keyOf(word: string): string {
  return textKey(word) || word.trim();
}

/** A yes/no value: yes, true, 1, x, ✓, да, иә… or no, false, 0, -, нет, жоқ… */
export function readFlag(text: string): Reading<boolean> {
  const value = flags.get(keyOf(text));
  if (value !== undefined) return read(value);
  return refuse('unknown_choice', `"${text.trim()}" is neither yes nor no.`, ['yes', 'no']);
}

const OUTCOME = /^[a-z][a-z0-9_]{0,39}$/;

/**
 * A call's outcome code: a default outcome by its label in any UI language (Дозвонился → reached), or a
 * code of the team's own (a Latin word or words, as `left_voicemail`); other text is refused.
 */
export function readOutcome(text: string): Reading<string> {
  const known = lookupOf('calls.outcomes', defaultCallOutcomes).get(textKey(text));
  if (known !== undefined) return read(known);
  const code = text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  if (OUTCOME.test(code)) return read(code);
  return refuse(
    'unknown_choice',
    `"${text.trim()}" is not an outcome Rapport knows: use one of ${defaultCallOutcomes.join(', ')} or a code of Latin letters.`,
    defaultCallOutcomes,
  );
}
