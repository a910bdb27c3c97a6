import { Badge, Card, Group, Loader, NumberInput, Select, Stack, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { importTypeLabelKey, importTypes } from './importTypes.ts';
import type { ImportKind, InspectResult, Overrides } from './importWizard.ts';

/** Encodings offered besides the detected one: what Russian, Kazakh and Western tools save text in. */
const encodings = [
  { value: 'utf-8', label: 'UTF-8', script: 'unicode' },
  { value: 'utf-16le', label: 'UTF-16 LE', script: 'unicode' },
  { value: 'utf-16be', label: 'UTF-16 BE', script: 'unicode' },
  { value: 'windows-1251', label: 'Windows-1251', script: 'cyrillic' },
  { value: 'koi8-r', label: 'KOI8-R', script: 'cyrillic' },
  { value: 'ibm866', label: 'CP866 (DOS)', script: 'cyrillic' },
  { value: 'windows-1252', label: 'Windows-1252', script: 'western' },
  { value: 'iso-8859-1', label: 'ISO-8859-1', script: 'western' },
  { value: 'windows-1250', label: 'Windows-1250', script: 'centralEuropean' },
  { value: 'shift_jis', label: 'Shift_JIS', script: 'japanese' },
] as const;

const delimiters = [
  { value: ',', key: 'comma' },
  { value: ';', key: 'semicolon' },
  { value: '\t', key: 'tab' },
  { value: '|', key: 'pipe' },
] as const;

/**
 * What was detected about the file (its format, encoding, delimiter, header row, sheet) with the choices
 * to change it, and what the file holds. Each change reads the file again.
 */
export function SourceSettings({
  inspect,
  pending,
  overrides,
  onOverrides,
  onType,
}: {
  inspect: InspectResult;
  pending: boolean;
  overrides: Overrides;
  onOverrides: (next: Overrides) => void;
  onType: (type: ImportKind) => void;
}) {
  const { t } = useTranslation();
  const { source } = inspect;
  const encodingData: { value: string; label: string }[] = encodings.map((encoding) => ({
    value: encoding.value,
    label: `${encoding.label} · ${t(`transfer.script.${encoding.script}`)}`,
  }));
  const encoding = (overrides.encoding ?? source.encoding ?? '').toLowerCase();
  if (encoding && !encodingData.some((entry) => entry.value === encoding))
    encodingData.push({ value: encoding, label: encoding.toUpperCase() });
  const delimiter = overrides.delimiter ?? source.delimiter;
  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Group gap="xs">
          <Title order={4}>{inspect.fileName}</Title>
          <Badge variant="light">{t(`transfer.format.${source.format}`)}</Badge>
          {inspect.savedMapping && (
            <Badge variant="outline" color="teal">
              {t('transfer.source.savedMapping', { name: inspect.savedMapping })}
            </Badge>
          )}
        </Group>
        {pending && <Loader size="sm" aria-label={t('transfer.source.reading')} />}
      </Group>
      <Group gap="md" align="flex-start">
        <Select
          label={t('transfer.source.type')}
          w={280}
          allowDeselect={false}
          data={importTypes.map((type) => ({ value: type, label: t(importTypeLabelKey[type]) }))}
          value={inspect.type}
          onChange={(value) => {
            const type = importTypes.find((candidate) => candidate === value);
            if (type) onType(type);
          }}
          description={
            inspect.type === inspect.guessedType
              ? t('transfer.source.typeGuessed')
              : t('transfer.source.typeWasGuessed', { type: t(importTypeLabelKey[inspect.guessedType]) })
          }
        />
        {source.encoding !== null && (
          <Select
            label={t('transfer.source.encoding')}
            w={230}
            allowDeselect={false}
            searchable
            data={encodingData}
            value={encoding}
            onChange={(value) => value && onOverrides({ ...overrides, encoding: value })}
            description={evidenceText(t, overrides.encoding ? 'chosen' : source.encodingEvidence)}
          />
        )}
        {source.format === 'delimited' && (
          <Select
            label={t('transfer.source.delimiter')}
            w={190}
            allowDeselect={false}
            data={delimiters.map((entry) => ({
              value: entry.value,
              label: t(`transfer.delimiter.${entry.key}`),
            }))}
            value={delimiter}
            onChange={(value) => value && onOverrides({ ...overrides, delimiter: value })}
            description={overrides.delimiter ? t('transfer.source.chosen') : t('transfer.source.detected')}
          />
        )}
        {source.headerRow !== null && (
          <NumberInput
            label={t('transfer.source.headerRow')}
            w={170}
            min={1}
            max={1000}
            allowDecimal={false}
            value={overrides.headerRow ?? source.headerRow}
            onChange={(value) =>
              typeof value === 'number' && value >= 1 && onOverrides({ ...overrides, headerRow: value })
            }
            description={overrides.headerRow ? t('transfer.source.chosen') : t('transfer.source.detected')}
          />
        )}
        {source.sheets.length > 0 && (
          <Select
            label={t('transfer.source.sheet')}
            w={200}
            allowDeselect={false}
            data={source.sheets}
            value={overrides.sheet ?? source.sheet}
            onChange={(value) => value && onOverrides({ ...overrides, sheet: value })}
            description={t('transfer.source.sheets', { count: source.sheets.length })}
          />
        )}
      </Group>
      {source.format === 'vcard' && (
        <Stack mt="xs">
          <Text size="sm" c="dimmed">
            {t('transfer.source.vcardHint')}
          </Text>
        </Stack>
      )}
    </Card>
  );
}

type T = TFunction;

function evidenceText(t: T, evidence: string | null): string {
  switch (evidence) {
    case 'chosen':
      return t('transfer.source.chosen');
    case 'bom':
      return t('transfer.evidence.bom');
    case 'valid-utf-8':
      return t('transfer.evidence.validUtf8');
    case 'ascii':
      return t('transfer.evidence.ascii');
    case 'utf-16-pattern':
      return t('transfer.evidence.utf16');
    case 'letter-statistics':
      return t('transfer.evidence.letters');
    default:
      return t('transfer.source.detected');
  }
}
