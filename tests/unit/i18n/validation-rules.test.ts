import { describe, expect, it } from 'vitest';
import { fieldRules } from '../../../shared/domain/fields.ts';
import { catalogs, languages } from '../../../shared/i18n/index.ts';
import { localizeIssue } from '../../../shared/i18n/validation.ts';

describe('validation messages in the user’s language', () => {
  it.each(languages.map((l) => l.code))('%s translates every rule of our validators', (code) => {
    for (const rule of fieldRules) {
      const message = localizeIssue({ path: 'x', rule, message: 'english fallback' }, catalogs[code]);
      expect(message, `${code}: ${rule}`).not.toBe('english fallback');
    }
  });

  it('shows a Russian phone message for a phone issue and falls back to English for an unknown rule', () => {
    expect(localizeIssue({ path: 'phones.0', rule: 'phone', message: 'x' }, catalogs.ru)).toMatch(/телефон/);
    expect(localizeIssue({ path: 'a', rule: 'not_a_rule', message: 'Plain English.' }, catalogs.kk)).toBe(
      'Plain English.',
    );
  });
});
