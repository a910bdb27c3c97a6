import {
  Alert,
  type ComboboxData,
  Group,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  ThemeIcon,
  VisuallyHidden,
} from '@mantine/core';
import { IconAlertTriangle, IconArrowRight } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ImportProblem, type ImportTarget, useImportText } from './importText.ts';
import type { InspectResult, Mapping } from './importWizard.ts';
import {
  columnMapping,
  formatChoiceOf,
  groupTargets,
  importedValue,
  isEmptyColumn,
  previewText,
  withColumn,
} from './mappingPreview.ts';

/** Rows of the file shown beside each column. */
const SHOWN_ROWS = 3;
/** The Select's value for "leave this column out" (a Select's values are strings). */
const LEAVE_OUT = '';

type PreviewRow = InspectResult['preview'][number];

/** Long headers and values (addresses, notes) wrap inside their cell instead of widening the table. */
const wrap = { overflowWrap: 'anywhere' } as const;

/**
 * One line per column of the file: its header, where it goes (a field of the client, the contact or the
 * record, or left out) and the first rows' values as they will be imported, problems marked in place.
 * Columns empty in all the rows read are folded away unless asked for, as exports from address books
 * carry dozens of them.
 */
export function MappingTable({
  inspect,
  mapping,
  onChange,
}: {
  inspect: InspectResult;
  mapping: Mapping;
  onChange: (mapping: Mapping) => void;
}) {
  const { t } = useTranslation();
  const text = useImportText();
  const [showEmpty, setShowEmpty] = useState(false);
  const rows = inspect.preview.slice(0, SHOWN_ROWS);
  const targets = new Map(inspect.targets.map((target) => [target.id, target]));
  const options = [
    { value: LEAVE_OUT, label: t('transfer.mapping.leaveOut') },
    ...groupTargets(inspect.targets).map((group) => ({
      group: text.entity(group.entity),
      items: group.targets.map((target) => ({ value: target.id, label: text.target(target) })),
    })),
  ];
  const empty = inspect.header.filter((column) => isEmptyColumn(inspect.preview, column));
  const shown = showEmpty ? inspect.header : inspect.header.filter((column) => !empty.includes(column));
  const mapped = inspect.header.filter((column) => columnMapping(mapping, column).target !== null).length;
  const rowProblems = rows.flatMap((row) => row.problems.filter((problem) => problem.column === null));
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('transfer.mapping.summary', { mapped, count: inspect.header.length })}
        </Text>
        {empty.length > 0 && (
          <Switch
            size="sm"
            checked={showEmpty}
            onChange={(event) => setShowEmpty(event.currentTarget.checked)}
            label={t('transfer.mapping.showEmpty', { count: empty.length })}
          />
        )}
      </Group>
      <Table.ScrollContainer minWidth={860}>
        <Table verticalSpacing="xs" striped withTableBorder aria-label={t('transfer.mapping.label')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="18%">{t('transfer.mapping.column')}</Table.Th>
              <Table.Th w="24%">{t('transfer.mapping.target')}</Table.Th>
              {rows.map((row) => (
                <Table.Th key={row.row}>{t('transfer.mapping.row', { row: row.row })}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((column) => (
              <MappingRow
                key={column}
                column={column}
                entry={columnMapping(mapping, column)}
                target={targets.get(columnMapping(mapping, column).target ?? '')}
                options={options}
                rows={rows}
                onChange={(entry) => onChange(withColumn(mapping, entry))}
              />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {shown.length === 0 && <Text c="dimmed">{t('transfer.mapping.allEmpty')}</Text>}
      {rowProblems.length > 0 && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={16} />}>
          <Stack gap={2}>
            {rowProblems.map((problem, index) => (
              <Text size="sm" key={index}>
                {t('transfer.mapping.rowProblem', { row: problem.row, problem: text.problem(problem) })}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}

type ColumnEntry = Mapping['columns'][number];
type Options = ComboboxData;

function MappingRow({
  column,
  entry,
  target,
  options,
  rows,
  onChange,
}: {
  column: string;
  entry: ColumnEntry;
  target: ImportTarget | undefined;
  options: Options;
  rows: PreviewRow[];
  onChange: (entry: ColumnEntry) => void;
}) {
  const { t } = useTranslation();
  const choice = formatChoiceOf(target);
  return (
    <Table.Tr data-testid="mapping-row" data-column={column}>
      <Table.Td>
        <Text fw={600} size="sm" style={wrap}>
          {column}
        </Text>
      </Table.Td>
      <Table.Td>
        <Stack gap={4}>
          <Select
            size="xs"
            aria-label={t('transfer.mapping.targetOf', { column })}
            data={options}
            value={entry.target ?? LEAVE_OUT}
            allowDeselect={false}
            searchable
            nothingFoundMessage={t('transfer.mapping.noTarget')}
            comboboxProps={{ width: 280, position: 'bottom-start' }}
            maxDropdownHeight={320}
            onChange={(value) =>
              onChange({ column, target: value === null || value === LEAVE_OUT ? null : value })
            }
          />
          {choice === 'date' && (
            <Select
              size="xs"
              aria-label={t('transfer.mapping.dateFormatOf', { column })}
              data={[
                { value: '', label: t('transfer.dateFormat.auto') },
                { value: 'iso', label: t('transfer.dateFormat.iso') },
                { value: 'dmy', label: t('transfer.dateFormat.dmy') },
                { value: 'mdy', label: t('transfer.dateFormat.mdy') },
                { value: 'excel', label: t('transfer.dateFormat.excel') },
              ]}
              value={entry.dateFormat ?? ''}
              allowDeselect={false}
              onChange={(value) => {
                const { dateFormat: _dropped, ...rest } = entry;
                onChange(isDateFormat(value) ? { ...rest, dateFormat: value } : rest);
              }}
            />
          )}
          {choice === 'number' && (
            <Select
              size="xs"
              aria-label={t('transfer.mapping.numberFormatOf', { column })}
              data={[
                { value: '', label: t('transfer.numberFormat.auto') },
                { value: 'dot', label: t('transfer.numberFormat.dot') },
                { value: 'comma', label: t('transfer.numberFormat.comma') },
              ]}
              value={entry.numberFormat ?? ''}
              allowDeselect={false}
              onChange={(value) => {
                const { numberFormat: _dropped, ...rest } = entry;
                onChange(value === 'dot' || value === 'comma' ? { ...rest, numberFormat: value } : rest);
              }}
            />
          )}
        </Stack>
      </Table.Td>
      {rows.map((row) => (
        <PreviewCell
          key={row.row}
          source={row.source[column] ?? ''}
          imported={target ? importedValue(row.values, target.id) : undefined}
          leftOut={entry.target === null}
          problems={row.problems.filter((problem) => problem.column === column)}
        />
      ))}
    </Table.Tr>
  );
}

function PreviewCell({
  source,
  imported,
  leftOut,
  problems,
}: {
  source: string;
  imported: unknown;
  leftOut: boolean;
  problems: ImportProblem[];
}) {
  const { t } = useTranslation();
  const text = useImportText();
  const importedText = previewText(imported, (value) => (value ? t('common.yes') : t('common.no')));
  const changed = !leftOut && importedText !== '' && importedText !== source.trim();
  return (
    <Table.Td
      bg={problems.length > 0 ? 'var(--mantine-color-red-light)' : undefined}
      data-problem={problems.length > 0 || undefined}
    >
      <Stack gap={2}>
        <Text size="sm" lineClamp={3} c={leftOut ? 'dimmed' : undefined} style={wrap}>
          {source}
        </Text>
        {changed && (
          <Group gap={4} wrap="nowrap" align="flex-start">
            <IconArrowRight
              size={14}
              color="var(--mantine-color-teal-7)"
              aria-hidden
              style={{ flex: 'none', marginTop: 2 }}
            />
            <Text size="xs" c="teal.8" lineClamp={3} style={wrap}>
              <VisuallyHidden>{t('transfer.mapping.importedAs')} </VisuallyHidden>
              {importedText}
            </Text>
          </Group>
        )}
        {problems.map((problem, index) => (
          <Group gap={4} wrap="nowrap" align="flex-start" key={index}>
            <ThemeIcon size={16} color="red" variant="transparent" aria-hidden>
              <IconAlertTriangle size={14} />
            </ThemeIcon>
            <Text size="xs" c="red.8" style={wrap}>
              {text.problem(problem)}
            </Text>
          </Group>
        ))}
      </Stack>
    </Table.Td>
  );
}

function isDateFormat(value: string | null): value is 'iso' | 'dmy' | 'mdy' | 'excel' {
  return value === 'iso' || value === 'dmy' || value === 'mdy' || value === 'excel';
}
