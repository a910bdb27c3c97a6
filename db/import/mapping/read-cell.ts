import type { CountryCode } from 'libphonenumber-js/max';
import type { z } from 'zod';
import { entities } from '../../../shared/entities/entities.ts';
import type { FieldDecl } from '../../../shared/entities/field.ts';
import { hasBrokenCharacters } from '../../../shared/domain/fields.ts';
import { Address } from '../../../shared/domain/values.ts';
import type { ColumnMapping } from '../mapped-row.ts';
import { readChoice, readFlag, readOutcome } from './read-choice.ts';
import { readEmail, readLabel, readPhone, splitContactPoints } from './read-contact-points.ts';
import { readDay, readMoment } from './read-date.ts';
import { readCurrency, readMoney } from './read-money.ts';
import { readNumber } from './read-number.ts';
import { type Reading, read, refuse } from './reading.ts';
import type { ImportTarget } from './targets.ts';

/** What one cell holds once read, by its target's kind. */
export type CellValue =
  | string
  | number
  | boolean
  | null
  | string[]
  | { amount: number; currency?: string }
  | { moment: string; dateOnly: boolean };

export interface CellContext {
  country: CountryCode | undefined;
  timeZone: string;
}

/** Longest name or email of a team member a file may give (an email's longest). */
const MEMBER_MAX = 254;
const DAY_SECONDS = 24 * 60 * 60;

/** Reads one non-blank cell for its target. */
export function readCell(
  target: ImportTarget,
  text: string,
  column: ColumnMapping,
  context: CellContext,
): Reading<CellValue> {
  switch (target.kind) {
    case 'text':
      return readText(target, text);
    case 'choice':
      return readChoiceOf(target, text);
    case 'flag':
      return readFlag(text);
    case 'number':
      return readWhole(target, text, column);
    case 'money':
      return readMoney(text, column.numberFormat);
    case 'date':
      return readDay(text, column.dateFormat, context.timeZone);
    case 'moment':
      return readMoment(text, column.dateFormat, context.timeZone);
    case 'email':
      return readAll(splitContactPoints(text, 'email'), readEmail);
    case 'phone':
      return readAll(splitContactPoints(text, 'phone'), (one) => readPhone(one, context.country));
    case 'list':
      return readTags(text, target.max ?? 60);
  }
}

function readAll(values: string[], one: (value: string) => Reading<string>): Reading<string[]> {
  const out: string[] = [];
  for (const value of values) {
    const reading = one(value);
    if (!reading.ok) return reading;
    out.push(reading.value);
  }
  return read(out);
}

/** Characters nobody sees at either end of a text, which the contract trims (a zero-width space). */
const INVISIBLE_END = /^[\p{Cf}\p{Default_Ignorable_Code_Point}]|[\p{Cf}\p{Default_Ignorable_Code_Point}]$/u;

/**
 * A text by its field's own rules (length, broken characters, a website's shape), never cut. The
 * declaration's check is the fast way for the many plain texts of a big file; the field's schema says
 * what is wrong, and trims what cannot be seen, when that check does not pass.
 */
function readText(target: ImportTarget, text: string): Reading<CellValue> {
  if (target.part === 'label') return readLabel(text);
  const value = text.trim();
  const decl = target.part === undefined ? fieldDecl(target) : undefined;
  if (decl && !INVISIBLE_END.test(value) && decl.check(value) === null) return read(value);
  const schema = textSchema(target, decl);
  if (schema === undefined) {
    const max = target.teamMember ? MEMBER_MAX : target.max;
    if (max !== undefined && value.length > max) return tooLong(value, max);
    if (hasBrokenCharacters(value))
      return refuse('invalid_value', 'Remove the control characters or broken characters from this text.');
    return read(value);
  }
  const result = schema.safeParse(text);
  if (result.success) return read(typeof result.data === 'string' ? result.data : null);
  const issue = result.error.issues[0];
  if (issue?.code === 'too_big') return tooLong(value, Number(issue.maximum));
  return refuse('invalid_value', issue?.message ?? 'This value cannot be imported into this field.');
}

function tooLong(value: string, max: number): Reading<never> {
  return refuse(
    'too_long',
    `${value.length} characters, over the ${max} this field takes; shorten it in the file.`,
  );
}

/** The declaration of a target that is one declared field, if it is one (not a name's part, an id elsewhere). */
function fieldDecl(target: ImportTarget): FieldDecl | undefined {
  if (target.teamMember || target.field === 'externalId') return undefined;
  if (target.entity === 'contact' && target.id !== 'contact.name' && target.field === 'name')
    return undefined;
  const fields: Record<string, FieldDecl | undefined> = entities[target.entity].fields;
  return fields[target.field];
}

/** The schema a text target's value must pass: its field's input, or its address part's. */
function textSchema(target: ImportTarget, decl: FieldDecl | undefined): z.ZodType | undefined {
  if (target.field === 'address' && target.part)
    return Address.shape[target.part as keyof typeof Address.shape];
  return decl?.input;
}

function readChoiceOf(target: ImportTarget, text: string): Reading<CellValue> {
  if (target.part === 'currency') return readCurrency(text);
  if (target.field === 'outcome') return readOutcome(text);
  const labels = `${entities[target.entity].labels}.${target.field}`;
  return readChoice(text, labels, target.values ?? []);
}

/** Whole numbers: a probability (50 or 50 %), a duration in minutes (as seconds), a birthday's parts. */
function readWhole(target: ImportTarget, text: string, column: ColumnMapping): Reading<CellValue> {
  if (target.field === 'durationS') return readDuration(text, column);
  const percent = target.field === 'probability';
  const number = readNumber(percent ? text.replace(/%\s*$/, '') : text, column.numberFormat);
  if (!number.ok) return number;
  const [min, max] = wholeRange(target);
  if (!Number.isInteger(number.value) || number.value < min || number.value > max) {
    return refuse('invalid_number', `"${text.trim()}" is not a whole number from ${min} to ${max}.`);
  }
  return read(number.value);
}

function wholeRange(target: ImportTarget): [number, number] {
  switch (target.part) {
    case 'year':
      return [1900, 2200];
    case 'month':
      return [1, 12];
    case 'day':
      return [1, 31];
    default:
      return target.field === 'probability' ? [0, 100] : [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];
  }
}

/** Minutes (12, 2.5) or h:mm:ss as call logs write it (00:03:25), as whole seconds up to a day. */
function readDuration(text: string, column: ColumnMapping): Reading<CellValue> {
  const clock = /^(\d{1,2}):(\d{2}):(\d{2})$/.exec(text.trim());
  const seconds = clock
    ? Number(clock[1]) * 3600 + Number(clock[2]) * 60 + Number(clock[3])
    : (() => {
        const minutes = readNumber(text, column.numberFormat);
        return minutes.ok ? Math.round(minutes.value * 60) : Number.NaN;
      })();
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > DAY_SECONDS) {
    return refuse(
      'invalid_number',
      `"${text.trim()}" is not a duration: write minutes (12 or 2.5) or hh:mm:ss, at most a day.`,
    );
  }
  return read(seconds);
}

/** Tag names split on commas, semicolons and Google's " ::: "; Google's "* " before its own groups goes. */
function readTags(text: string, max: number): Reading<string[]> {
  const tags = text
    .split(/\s+:::\s+|[,;\n]+/)
    .map((tag) => tag.trim().replace(/^\*\s+/, ''))
    .filter((tag) => tag !== '');
  const long = tags.find((tag) => tag.length > max);
  if (long !== undefined)
    return refuse('too_long', `The tag "${long.slice(0, 80)}" is over ${max} characters.`);
  return read([...new Set(tags)]);
}
