import {
  ActionIcon,
  Card,
  Group,
  Menu,
  Skeleton,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { IconDownload, IconFileSpreadsheet, IconFileTypeCsv } from '@tabler/icons-react';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FigureTableData } from './FigureTable.ts';
import { useExportTable } from './useExportTable.ts';

/**
 * How each figure was last shown (by its test id, else its title) while the app runs: a figure made
 * again for another period, filter or grouping shows as the person left it, not as a chart again.
 */
const chosenViews = new Map<string, 'chart' | 'table'>();

/**
 * One figure of an Insights page: a chart for the eye with the table behind it. The table is always in
 * the page for screen readers (hidden from sight while the chart shows), a switch shows it instead of the
 * chart, and it saves as CSV or .xlsx exactly as shown. An empty figure says why instead of drawing nothing.
 */
export function Figure<Row>({
  title,
  description,
  chart,
  table,
  empty,
  actions,
  loading = false,
  testId,
}: {
  title: string;
  description?: ReactNode;
  /** The chart; without one the table is the figure. */
  chart?: ReactNode;
  table: FigureTableData<Row>;
  /** Said instead of the chart and table when there are no rows. */
  empty: string;
  actions?: ReactNode;
  /** Still being computed: a placeholder rather than the empty words. */
  loading?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const viewKey = testId ?? title;
  const [view, setView] = useState<'chart' | 'table'>(() => chosenViews.get(viewKey) ?? 'chart');
  const choose = (value: 'chart' | 'table') => {
    chosenViews.set(viewKey, value);
    setView(value);
  };
  const exportTable = useExportTable();
  const titleId = useId();
  const showChart = chart !== undefined && view === 'chart';
  const hasRows = table.rows.length > 0;
  return (
    <Card withBorder aria-labelledby={titleId} component="section" data-testid={testId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Title order={4} id={titleId}>
              {title}
            </Title>
            {description && (
              <Text size="sm" c="dimmed">
                {description}
              </Text>
            )}
          </div>
          <Group gap="xs" wrap="nowrap">
            {actions}
            {chart !== undefined && hasRows && (
              <SegmentedControl
                size="xs"
                aria-label={t('insights.figure.view')}
                value={view}
                onChange={(value) => choose(value)}
                data={[
                  { value: 'chart', label: t('insights.figure.chart') },
                  { value: 'table', label: t('insights.figure.table') },
                ]}
              />
            )}
            {hasRows && (
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <Tooltip label={t('insights.figure.export')}>
                    <ActionIcon variant="default" aria-label={t('insights.figure.exportOf', { title })}>
                      <IconDownload size={16} />
                    </ActionIcon>
                  </Tooltip>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item
                    leftSection={<IconFileTypeCsv size={16} />}
                    onClick={() => void exportTable(table, 'csv')}
                  >
                    {t('insights.figure.csv')}
                  </Menu.Item>
                  <Menu.Item
                    leftSection={<IconFileSpreadsheet size={16} />}
                    onClick={() => void exportTable(table, 'xlsx')}
                  >
                    {t('insights.figure.xlsx')}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            )}
          </Group>
        </Group>
        {loading ? (
          <Skeleton h={160} />
        ) : !hasRows ? (
          <Text c="dimmed" size="sm" py="md" ta="center">
            {empty}
          </Text>
        ) : showChart ? (
          <>
            <div aria-hidden>{chart}</div>
            <VisuallyHidden>
              <FigureTableView title={title} table={table} />
            </VisuallyHidden>
          </>
        ) : (
          <FigureTableView title={title} table={table} />
        )}
      </Stack>
    </Card>
  );
}

/** The table behind a figure, captioned with the figure's title. */
export function FigureTableView<Row>({ title, table }: { title: string; table: FigureTableData<Row> }) {
  return (
    <Table.ScrollContainer minWidth={480} maxHeight={480}>
      <Table striped highlightOnHover stickyHeader>
        <VisuallyHidden component="caption">{title}</VisuallyHidden>
        <Table.Thead>
          <Table.Tr>
            {table.columns.map((column) => (
              <Table.Th key={column.key} ta={column.align ?? (column.kind === 'number' ? 'right' : 'left')}>
                {column.header}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {table.rows.map((row, index) => (
            <Table.Tr key={table.rowKey(row, index)}>
              {table.columns.map((column) => (
                <Table.Td
                  key={column.key}
                  ta={column.align ?? (column.kind === 'number' ? 'right' : 'left')}
                  style={{ whiteSpace: column.kind === 'number' ? 'nowrap' : undefined }}
                >
                  {column.render ? column.render(row) : String(column.value(row) ?? '')}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
