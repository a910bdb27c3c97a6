import { describe, expect, it } from 'vitest';
import { joinName, splitPersonName } from '../../../db/import/mapping/index.ts';

describe('a full name is split into first, middle and last by a rule people can predict', () => {
  it('Russian order with a patronymic: Фамилия Имя Отчество, and Имя Отчество Фамилия', () => {
    expect(splitPersonName('Петров Иван Иванович')).toEqual({
      last: 'Петров',
      first: 'Иван',
      middle: 'Иванович',
    });
    expect(splitPersonName('Иван Иванович Петров')).toEqual({
      first: 'Иван',
      middle: 'Иванович',
      last: 'Петров',
    });
    expect(splitPersonName('Иванова Мария Петровна')).toEqual({
      last: 'Иванова',
      first: 'Мария',
      middle: 'Петровна',
    });
    expect(splitPersonName('Иван Ильич')).toEqual({ first: 'Иван', middle: 'Ильич' });
    // A surname ending like a patronymic is still the last name when the order says so.
    expect(splitPersonName('Шостакович Дмитрий Дмитриевич')).toEqual({
      last: 'Шостакович',
      first: 'Дмитрий',
      middle: 'Дмитриевич',
    });
  });

  it('Kazakh patronymics (-ұлы, -қызы) say the order as Russian ones do', () => {
    expect(splitPersonName('Назарбаев Нұрсұлтан Әбішұлы')).toEqual({
      last: 'Назарбаев',
      first: 'Нұрсұлтан',
      middle: 'Әбішұлы',
    });
    expect(splitPersonName('Айгүл Серікқызы Омарова')).toEqual({
      first: 'Айгүл',
      middle: 'Серікқызы',
      last: 'Омарова',
    });
  });

  it('two Cyrillic words: the one with a surname’s ending is the last name, in either order', () => {
    expect(splitPersonName('Петрова Ирина')).toEqual({ last: 'Петрова', first: 'Ирина' });
    expect(splitPersonName('Ирина Петрова')).toEqual({ first: 'Ирина', last: 'Петрова' });
    expect(splitPersonName('Пупкин Василий')).toEqual({ last: 'Пупкин', first: 'Василий' });
    expect(splitPersonName('Василий Пупкин')).toEqual({ first: 'Василий', last: 'Пупкин' });
    expect(splitPersonName('Тарас Шевченко')).toEqual({ first: 'Тарас', last: 'Шевченко' });
  });

  it('First Last otherwise, with middle names, titles set apart and “Last, First”', () => {
    expect(splitPersonName('Anita Jorgensen')).toEqual({ first: 'Anita', last: 'Jorgensen' });
    expect(splitPersonName('Dr. Max Middle Name Mustermann jr.')).toEqual({
      prefix: 'Dr.',
      first: 'Max',
      middle: 'Middle Name',
      last: 'Mustermann',
      suffix: 'jr.',
    });
    expect(splitPersonName('Mustermann, Max')).toEqual({ last: 'Mustermann', first: 'Max' });
    expect(splitPersonName('Doe, John Q.')).toEqual({ last: 'Doe', first: 'John', middle: 'Q.' });
    expect(splitPersonName('  Madonna ')).toEqual({ first: 'Madonna' });
    expect(splitPersonName('Roman Abramovich')).toEqual({ first: 'Roman', last: 'Abramovich' });
    expect(splitPersonName('')).toEqual({});
  });

  it('the parts join as people read a name', () => {
    expect(joinName({ first: 'Иван', middle: 'Иванович', last: 'Петров' })).toBe('Иван Иванович Петров');
    expect(joinName({ prefix: 'Dr.', first: 'Max', last: 'Mustermann', suffix: 'jr.' })).toBe(
      'Dr. Max Mustermann jr.',
    );
    expect(joinName({ last: 'Mustermann' })).toBe('Mustermann');
  });
});
