import { Button, Card, Group, Select, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../api/useApiQuery.ts';
import { useLanguage } from '../../i18n/useFormat.ts';
import { useImportText } from './importText.ts';
import type { InspectResult, Mapping } from './importWizard.ts';

/** Countries offered first for phone numbers written without a country code. */
const countries = [
  'KZ',
  'RU',
  'UZ',
  'KG',
  'TJ',
  'TM',
  'AZ',
  'AM',
  'GE',
  'BY',
  'UA',
  'MN',
  'CN',
  'TR',
] as const;
const moreCountries = ['AE', 'DE', 'FR', 'GB', 'IT', 'ES', 'NL', 'PL', 'CZ', 'FI', 'IN', 'US', 'CA'] as const;
/** Currencies offered first for amounts without one; every other ISO 4217 code follows. */
const currencies = ['KZT', 'RUB', 'USD', 'EUR', 'UZS', 'KGS', 'CNY', 'TRY', 'AED', 'GBP'] as const;

/**
 * How the mapping reads what columns do not say: a full name split or kept whole, the country of phone
 * numbers without a code, the currency of amounts without one; and keeping the mapping for next time.
 */
export function MappingOptions({
  inspect,
  mapping,
  onChange,
}: {
  inspect: InspectResult;
  mapping: Mapping;
  onChange: (mapping: Mapping) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const regionName = displayNames(language, 'region');
  const currencyName = displayNames(language, 'currency');
  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        {t('transfer.options.title')}
      </Title>
      <Group align="flex-start" gap="xl">
        <Switch
          mt={28}
          checked={mapping.splitFullName}
          onChange={(event) => onChange({ ...mapping, splitFullName: event.currentTarget.checked })}
          label={t('transfer.options.splitFullName')}
          description={t('transfer.options.splitFullNameHint')}
          maw={300}
        />
        <Select
          label={t('transfer.options.country')}
          description={t('transfer.options.countryHint')}
          placeholder={t('transfer.options.none')}
          w={240}
          searchable
          clearable
          data={[...countries, ...moreCountries].map((code) => ({
            value: code,
            label: `${regionName(code)} (${code})`,
          }))}
          value={mapping.defaultCountry}
          onChange={(value) => onChange({ ...mapping, defaultCountry: value })}
        />
        <Select
          label={t('transfer.options.currency')}
          description={t('transfer.options.currencyHint')}
          placeholder={t('transfer.options.none')}
          w={240}
          searchable
          clearable
          data={currencyCodes().map((code) => ({ value: code, label: `${code} · ${currencyName(code)}` }))}
          value={mapping.defaultCurrency}
          onChange={(value) => onChange({ ...mapping, defaultCurrency: value })}
        />
      </Group>
      <SaveMapping inspect={inspect} mapping={mapping} />
    </Card>
  );
}

/** "Save this mapping": the next file with the same columns is mapped this way at once. */
function SaveMapping({ inspect, mapping }: { inspect: InspectResult; mapping: Mapping }) {
  const { t } = useTranslation();
  const text = useImportText();
  const [name, setName] = useState(inspect.savedMapping ?? '');
  const save = useApiMutation('imports.saveMapping', {
    onSuccess: (saved) =>
      notifications.show({ color: 'teal', message: t('transfer.options.saved', { name: saved.name }) }),
  });
  const submit = () => {
    if (name.trim()) save.mutate({ header: inspect.header, name: name.trim(), mapping });
  };
  return (
    <Stack gap={4} mt="md">
      <Group align="flex-end" gap="sm">
        <TextInput
          label={t('transfer.options.saveName')}
          placeholder={t('transfer.options.saveNamePlaceholder')}
          w={320}
          maxLength={100}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') submit();
          }}
        />
        <Button
          variant="default"
          leftSection={<IconDeviceFloppy size={16} />}
          disabled={!name.trim() || inspect.header.length === 0}
          loading={save.isPending}
          onClick={submit}
        >
          {t('transfer.options.save')}
        </Button>
      </Group>
      <Text size="xs" c={save.isError ? 'red' : 'dimmed'}>
        {save.isError ? text.failure(save.error) : t('transfer.options.saveHint')}
      </Text>
    </Stack>
  );
}

function displayNames(language: string, type: 'region' | 'currency'): (code: string) => string {
  try {
    const names = new Intl.DisplayNames([language, 'en'], { type });
    return (code) => names.of(code) ?? code;
  } catch {
    return (code) => code;
  }
}

function currencyCodes(): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : [];
  return [...currencies, ...all.filter((code) => !(currencies as readonly string[]).includes(code))];
}
