import { textKey } from './text-key.ts';

/**
 * Month names as dates are written in English, Russian (nominative and genitive: "июнь", "5 июня"),
 * Kazakh and German (the fixtures' Outlook and Thunderbird exports), full and abbreviated.
 */
const names: readonly (readonly string[])[] = [
  ['january', 'jan', 'январь', 'января', 'янв', 'қаңтар', 'januar', 'jän'],
  ['february', 'feb', 'февраль', 'февраля', 'фев', 'февр', 'ақпан', 'februar'],
  ['march', 'mar', 'март', 'марта', 'мар', 'наурыз', 'märz', 'mär', 'mrz'],
  ['april', 'apr', 'апрель', 'апреля', 'апр', 'сәуір'],
  ['may', 'май', 'мая', 'мамыр', 'mai'],
  ['june', 'jun', 'июнь', 'июня', 'июн', 'маусым', 'juni'],
  ['july', 'jul', 'июль', 'июля', 'июл', 'шілде', 'juli'],
  ['august', 'aug', 'август', 'августа', 'авг', 'тамыз'],
  ['september', 'sep', 'sept', 'сентябрь', 'сентября', 'сен', 'сент', 'қыркүйек'],
  ['october', 'oct', 'октябрь', 'октября', 'окт', 'қазан', 'oktober', 'okt'],
  ['november', 'nov', 'ноябрь', 'ноября', 'ноя', 'нояб', 'қараша'],
  ['december', 'dec', 'декабрь', 'декабря', 'дек', 'желтоқсан', 'dezember', 'dez'],
];

const monthByName = new Map<string, number>(
  names.flatMap((forms, index) => forms.map((form) => [textKey(form), index + 1] as const)),
);

/** The month (1–12) a name stands for, in any of the languages above; undefined when it is none. */
export function monthOf(name: string): number | undefined {
  return monthByName.get(textKey(name));
}
