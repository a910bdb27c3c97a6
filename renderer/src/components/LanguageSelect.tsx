import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Language, isLanguage, languages } from '../../../shared/i18n/index.ts';
import { changeLanguage } from '../i18n/i18n.ts';

/** Picks the UI language; the change applies at once. In the header and in Settings. */
export function LanguageSelect() {
  const { t, i18n } = useTranslation();
  return (
    <Select
      aria-label={t('language.label')}
      size="xs"
      w={130}
      allowDeselect={false}
      value={i18n.language}
      data={languages.map((l) => ({ value: l.code, label: l.name }))}
      onChange={(value) => value && isLanguage(value) && void changeLanguage(value satisfies Language)}
    />
  );
}
