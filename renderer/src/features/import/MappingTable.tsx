import {
  Alert,
  type ComboboxStringGroupData,
  Group,
  NativeSelect,
  SegmentedControl,
  Stack,
  Switch,
  Table,
  Text,
  ThemeIcon,
  VisuallyHidden,
} from '@mantine/core';
import { IconAlertTriangle, IconArrowRight } from '@tabler/icons-react';
import { memo, useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useImportText } from './importText.ts';
import type { InspectResult, Mapping } from './importWizard.ts';
import {
  columnMapping,
  formatChoiceOf,
  groupTargets,
  importedValue,
  isEmptyColumn,
  previewText,
} from './mappingPreview.ts';

/** Rows of the file shown beside each column. */
const SHOWN_ROWS = 3;
/** The select's value for "leave this column out" (a select's values are strings). */
const LEAVE_OUT = '';
/** Lines drawn at once when the table appears; the rest follow without holding up the screen. */
const FIRST_LINES = 20;

/** Long headers and values (addresses, notes) wrap inside their cell instead of widening the table. */
const wrap = { overflowWrap: 'anywhere' } as const;

/**
 * One line per column of the file: its header, where it goes (a field of the client, the contact or the
 * record, or left out) and the first rows' values as they will be imported, problems marked in place.
 * Columns empty in all the rows read are folded away unless asked for, as exports from address books
 * carry dozens of them.
 *
 * A file can have a hundred columns and more, so the table is drawn with care: native selects (light,
 * keyboard-friendly, grouped), a line re-drawn only when its mapping or its values changed, and the
 * first lines drawn first, the rest in the background.
 */
export function MappingTable({
  inspect,
  mapping,
  onColumnChange,
}: {
  inspect: InspectResult;
  mapping: Mapping;
  /** One column's mapping changed (the others are as they were). */
  onColumnChange: (entry: ColumnEntry) => void;
}) {
  const { t, i18n } = useTranslation();
  const text = useImportText();
  const [showEmpty, setShowEmpty] = useState(false);
  const [which, setWhich] = useState<'all' | 'imported' | 'leftOut'>('all');
  const rows = inspect.preview.slice(0, SHOWN_ROWS);
  const targets = new Map(inspect.targets.map((target) => [target.id, target]));
  const options: Options = [
    { value: LEAVE_OUT, label: t('transfer.mapping.leaveOut') },
    ...groupTargets(inspect.targets).map((group) => {
      const labels = group.targets.map((target) => text.target(target));
      return {
        group: text.entity(group.entity),
        items: group.targets.map((target, index) => {
          const label = labels[index] ?? target.id;
          // In Russian and Kazakh a whole name and a first name are the same word ("Имя"): say which.
          const twice = labels.filter((other) => other === label).length > 1;
          return {
            value: target.id,
            label: twice && target.id.endsWith('.name') ? t('transfer.mapping.wholeName', { label }) : label,
          };
        }),
      };
    }),
  ];
  const yesNo = (value: boolean) => (value ? t('common.yes') : t('common.no'));
  const empty = inspect.header.filter((column) => isEmptyColumn(inspect.preview, column));
  const shown = inspect.header.filter((column) => {
    if (!showEmpty && empty.includes(column)) return false;
    const leftOut = columnMapping(mapping, column).target === null;
    return which === 'all' || (which === 'leftOut') === leftOut;
  });
  const visible = useDeferredValue(shown, shown.slice(0, FIRST_LINES));
  const mapped = inspect.header.filter((column) => columnMapping(mapping, column).target !== null).length;
  const rowProblems = rows.flatMap((row) => row.problems.filter((problem) => problem.column === null));
  const cellsOf = (column: string, target: string | null): Cell[] =>
    rows.map((row) => {
      const source = row.source[column] ?? '';
      const imported = target ? previewText(importedValue(row.values, target, source), yesNo) : '';
      return {
        source,
        imported: target && imported !== '' && imported !== source.trim() ? imported : null,
        problems: row.problems
          .filter((problem) => problem.column === column)
          .map((problem) => text.problem(problem)),
      };
    });
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Group gap="md">
          <SegmentedControl
            size="xs"
            aria-label={t('transfer.mapping.filter')}
            value={which}
            onChange={(value) => setWhich(value === 'imported' || value === 'leftOut' ? value : 'all')}
            data={[
              { value: 'all', label: t('transfer.mapping.all', { count: inspect.header.length }) },
              { value: 'imported', label: t('transfer.mapping.imported', { count: mapped }) },
              {
                value: 'leftOut',
                label: t('transfer.mapping.leftOut', { count: inspect.header.length - mapped }),
              },
            ]}
          />
        </Group>
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
            {visible.map((column) => {
              const entry = columnMapping(mapping, column);
              const cells = cellsOf(column, entry.target);
              return (
                <MappingRow
                  key={column}
                  column={column}
                  entry={entry}
                  choice={formatChoiceOf(targets.get(entry.target ?? ''))}
                  ambiguous={rows.some((row) =>
                    row.problems.some(
                      (problem) => problem.column === column && problem.code.startsWith('ambiguous_'),
                    ),
                  )}
                  options={options}
                  cells={cells}
                  cellsKey={JSON.stringify(cells)}
                  language={i18n.language}
                  onColumnChange={onColumnChange}
                />
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {shown.length === 0 && (
        <Text c="dimmed">
          {which === 'all' ? t('transfer.mapping.allEmpty') : t('transfer.mapping.noneShown')}
        </Text>
      )}
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
type Options = ComboboxStringGroupData;

/** One preview value of a column: as the file has it, as it will be imported (if different), what is wrong. */
interface Cell {
  source: string;
  imported: string | null;
  problems: string[];
}

interface MappingRowProps {
  column: string;
  entry: ColumnEntry;
  choice: 'date' | 'number' | null;
  /** The column's values read two ways (05/06/2026): its format must be chosen. */
  ambiguous: boolean;
  options: Options;
  cells: Cell[];
  /** The cells as text: what decides whether the line must be drawn again. */
  cellsKey: string;
  language: string;
  onColumnChange: (entry: ColumnEntry) => void;
}

/**
 * A line is drawn again only when what it shows changed: its mapping, its values, or the language (the
 * options change with the language and the file's kind, and a new kind brings a new mapping too).
 */
function sameLine(before: MappingRowProps, after: MappingRowProps): boolean {
  return (
    before.column === after.column &&
    before.entry.target === after.entry.target &&
    before.entry.dateFormat === after.entry.dateFormat &&
    before.entry.numberFormat === after.entry.numberFormat &&
    before.choice === after.choice &&
    before.ambiguous === after.ambiguous &&
    before.cellsKey === after.cellsKey &&
    before.language === after.language &&
    before.onColumnChange === after.onColumnChange
  );
}

const MappingRow = memo(function MappingRow({
  column,
  entry,
  choice,
  ambiguous,
  options,
  cells,
  onColumnChange,
}: MappingRowProps) {
  const { t } = useTranslation();
  return (
    <Table.Tr data-testid="mapping-row" data-column={column}>
      <Table.Td>
        <Text fw={600} size="sm" style={wrap}>
          {column}
        </Text>
      </Table.Td>
      <Table.Td>
        <Stack gap={4}>
          <NativeSelect
            size="xs"
            aria-label={t('transfer.mapping.targetOf', { column })}
            data={options}
            value={entry.target ?? LEAVE_OUT}
            // A column left out reads quieter than one that goes somewhere.
            styles={entry.target === null ? { input: { color: 'var(--mantine-color-dimmed)' } } : undefined}
            onChange={(event) => {
              const value = event.currentTarget.value;
              onColumnChange({ column, target: value === LEAVE_OUT ? null : value });
            }}
          />
          {choice === 'date' && (
            <NativeSelect
              size="xs"
              aria-label={t('transfer.mapping.dateFormatOf', { column })}
              error={ambiguous}
              data={[
                { value: '', label: t('transfer.dateFormat.auto') },
                { value: 'iso', label: t('transfer.dateFormat.iso') },
                { value: 'dmy', label: t('transfer.dateFormat.dmy') },
                { value: 'mdy', label: t('transfer.dateFormat.mdy') },
                { value: 'excel', label: t('transfer.dateFormat.excel') },
              ]}
              value={entry.dateFormat ?? ''}
              onChange={(event) => {
                const value = event.currentTarget.value;
                const { dateFormat: _dropped, ...rest } = entry;
                onColumnChange(isDateFormat(value) ? { ...rest, dateFormat: value } : rest);
              }}
            />
          )}
          {choice === 'number' && (
            <NativeSelect
              size="xs"
              aria-label={t('transfer.mapping.numberFormatOf', { column })}
              error={ambiguous}
              data={[
                { value: '', label: t('transfer.numberFormat.auto') },
                { value: 'dot', label: t('transfer.numberFormat.dot') },
                { value: 'comma', label: t('transfer.numberFormat.comma') },
              ]}
              value={entry.numberFormat ?? ''}
              onChange={(event) => {
                const value = event.currentTarget.value;
                const { numberFormat: _dropped, ...rest } = entry;
                onColumnChange(
                  value === 'dot' || value === 'comma' ? { ...rest, numberFormat: value } : rest,
                );
              }}
            />
          )}
        </Stack>
      </Table.Td>
      {cells.map((cell, index) => (
        <PreviewCell key={index} cell={cell} leftOut={entry.target === null} />
      ))}
    </Table.Tr>
  );
}, sameLine);

function PreviewCell({ cell, leftOut }: { cell: Cell; leftOut: boolean }) {
  const { t } = useTranslation();
  const problem = cell.problems.length > 0;
  return (
    <Table.Td bg={problem ? 'var(--mantine-color-red-light)' : undefined} data-problem={problem || undefined}>
      <Text size="sm" lineClamp={3} c={leftOut ? 'dimmed' : undefined} style={wrap}>
        {cell.source}
      </Text>
      {cell.imported !== null && (
        <Group gap={4} wrap="nowrap" align="flex-start" mt={2}>
          <IconArrowRight
            size={14}
            color="var(--mantine-color-teal-7)"
            aria-hidden
            style={{ flex: 'none', marginTop: 2 }}
          />
          <Text size="xs" c="teal.8" lineClamp={3} style={wrap}>
            <VisuallyHidden>{t('transfer.mapping.importedAs')} </VisuallyHidden>
            {cell.imported}
          </Text>
        </Group>
      )}
      {cell.problems.map((text, index) => (
        <Group gap={4} wrap="nowrap" align="flex-start" key={index} mt={2}>
          <ThemeIcon size={16} color="red" variant="transparent" aria-hidden>
            <IconAlertTriangle size={14} />
          </ThemeIcon>
          <Text size="xs" c="red.8" style={wrap}>
            {text}
          </Text>
        </Group>
      ))}
    </Table.Td>
  );
}

function isDateFormat(value: string): value is 'iso' | 'dmy' | 'mdy' | 'excel' {
  return value === 'iso' || value === 'dmy' || value === 'mdy' || value === 'excel';
}
