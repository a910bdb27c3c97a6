import { describe, expect, it } from 'vitest';
import { searchFold } from '../../../db/search/search-text.ts';

describe('searchFold', () => {
  it('lowercases plain ASCII as it is, punctuation and digits kept', () => {
    expect(searchFold('ACME Corp., LLP')).toBe('acme corp., llp');
    expect(searchFold('New.Person+7@Import.Example')).toBe('new.person+7@import.example');
    expect(searchFold('')).toBe('');
  });

  it('folds accents, compatibility forms, Russian and Kazakh letters the same way', () => {
    expect(searchFold('Émile Zoë')).toBe('emile zoe');
    expect(searchFold('ＡＣＭＥ')).toBe('acme');
    expect(searchFold('Ёлка Йошкар')).toBe('елка иошкар');
    expect(searchFold('Қазақстан Нұрлан')).toBe('казакстан нурлан');
    expect(searchFold('KAZAKH ı')).toBe('kazakh i');
  });

  it('gives an ASCII word the same key inside a text that is not ASCII', () => {
    const [alone] = searchFold('Almaty').split(' ');
    const [within] = searchFold('Almaty Қала').split(' ');
    expect(alone).toBe(within);
  });
});
