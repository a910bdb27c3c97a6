import { describe, expect, it } from 'vitest';
import { foldText } from '../../shared/text.ts';

/** The fold written out the long way, as foldText does it for text that is not plain ASCII. */
const longFold = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLocaleLowerCase('und')
    .normalize('NFC');

describe('foldText', () => {
  it('gives every printable ASCII character the key the full Unicode fold gives it', () => {
    const ascii = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('');
    expect(foldText(ascii)).toBe(longFold(ascii));
    expect(foldText('Import Co 12, LLP')).toBe('import co 12, llp');
  });

  it('folds accents, compatibility forms and Russian letters; tabs and newlines take the long way', () => {
    expect(foldText('Émile Zoë')).toBe('emile zoe');
    expect(foldText('ＡＣＭＥ')).toBe('acme');
    expect(foldText('Ёлка Йошкар')).toBe('елка иошкар');
    expect(foldText('A\tB\nC')).toBe(longFold('A\tB\nC'));
  });
});
