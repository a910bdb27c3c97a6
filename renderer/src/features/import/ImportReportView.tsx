import { Button, Card, Group, List, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/useFormat.ts';
import { useImportText } from './importText.ts';
import type { ImportReport } from './importWizard.ts';

/** Rejected rows listed on screen; all of them are in the file "Save rejected rows" makes. */
const SHOWN_REJECTED = 100;
/** Examples shown per outcome. */
const SHOWN_EXAMPLES = 5;

const outcomes = [
  { key: 'created', color: 'teal' },
  { key: 'updated', color: 'blue' },
  { key: 'skipped', color: 'gray' },
  { key: 'rejected', color: 'red' },
] as const;

/**
 * What a dry run found (what an import would do) or what an import did: rows in = created + updated +
 * skipped + rejected, examples of each, and every rejected row with its column and the reason, with the
 * way to save them as a file to fix and import again.
 */
export function ImportReportView({
  report,
  onSaveRejected,
  saving,
}: {
  report: ImportReport;
  onSaveRejected?: () => void;
  saving?: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const tense = report.dryRun ? 'will' : 'did';
  return (
    <Stack gap="md" data-testid="import-report">
      <SimpleGrid cols={4} spacing="sm">
        {outcomes.map(({ key, color }) => (
          <Paper key={key} withBorder p="sm" radius="md" data-testid={`count-${key}`}>
            <Text size="xs" tt="uppercase" fw={700} c="dimmed">
              {t(`transfer.report.${tense}.${key}`)}
            </Text>
            <Text fz={28} fw={700} c={report[key] > 0 ? `${color}.7` : 'dimmed'}>
              {format.number(report[key])}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <Text data-testid="import-sum">
        {t('transfer.report.sum', {
          rows: format.number(report.rows),
          created: format.number(report.created),
          updated: format.number(report.updated),
          skipped: format.number(report.skipped),
          rejected: format.number(report.rejected),
        })}
        {report.seconds >= 1 && (
          <Text span c="dimmed">
            {' '}
            {t('transfer.report.seconds', { time: format.seconds(report.seconds) })}
          </Text>
        )}
      </Text>
      <Examples report={report} />
      {report.rejected > 0 && (
        <RejectedRows report={report} onSaveRejected={onSaveRejected} saving={saving ?? false} />
      )}
    </Stack>
  );
}

function Examples({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const tense = report.dryRun ? 'will' : 'did';
  const kinds = (['created', 'updated', 'skipped'] as const).filter(
    (kind) => report.examples[kind].length > 0,
  );
  if (kinds.length === 0) return null;
  return (
    <SimpleGrid cols={3} spacing="sm">
      {kinds.map((kind) => (
        <Card key={kind} withBorder padding="sm">
          <Text fw={600} size="sm" mb={4}>
            {t(`transfer.report.examples.${tense}.${kind}`)}
          </Text>
          <List size="sm" spacing={2} listStyleType="none">
            {report.examples[kind].slice(0, SHOWN_EXAMPLES).map((example) => (
              <List.Item key={`${kind}-${example.row}`}>
                <Text span size="sm">
                  {example.name}
                </Text>{' '}
                <Text span size="xs" c="dimmed">
                  {t('transfer.report.exampleRow', { row: example.row })}
                  {example.sameFileRow !== undefined
                    ? ` · ${t('transfer.report.sameFileRow', { row: example.sameFileRow })}`
                    : example.by
                      ? ` · ${matchedBy(t, example.by)}`
                      : ''}
                </Text>
              </List.Item>
            ))}
          </List>
        </Card>
      ))}
    </SimpleGrid>
  );
}

function RejectedRows({
  report,
  onSaveRejected,
  saving,
}: {
  report: ImportReport;
  onSaveRejected: (() => void) | undefined;
  saving: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const text = useImportText();
  const shown = report.rejectedRows.slice(0, SHOWN_REJECTED);
  return (
    <Card withBorder padding="sm">
      <Group justify="space-between" mb="xs">
        <Title order={5}>{t('transfer.report.rejectedTitle', { count: report.rejected })}</Title>
        {onSaveRejected && (
          <Button
            variant="light"
            size="xs"
            leftSection={<IconDownload size={14} />}
            onClick={onSaveRejected}
            loading={saving}
          >
            {t('transfer.report.saveRejected')}
          </Button>
        )}
      </Group>
      <Table.ScrollContainer minWidth={600} mah={360}>
        <Table
          striped
          verticalSpacing={4}
          aria-label={t('transfer.report.rejectedTitle', { count: report.rejected })}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={70}>{t('transfer.report.row')}</Table.Th>
              <Table.Th w="22%">{t('transfer.report.column')}</Table.Th>
              <Table.Th w="22%">{t('transfer.report.value')}</Table.Th>
              <Table.Th>{t('transfer.report.reason')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((problem, index) => (
              <Table.Tr key={`${problem.row}-${index}`} data-testid="rejected-row">
                <Table.Td>{problem.row}</Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{problem.column ?? '—'}</Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{problem.value ?? ''}</Table.Td>
                <Table.Td>{text.problem(problem)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {report.rejectedRows.length > shown.length && (
        <Text size="sm" c="dimmed" mt="xs">
          {t('transfer.report.moreRejected', {
            shown: format.number(shown.length),
            count: format.number(report.rejectedRows.length),
          })}
        </Text>
      )}
    </Card>
  );
}

type T = TFunction;

function matchedBy(t: T, by: string): string {
  switch (by) {
    case 'externalId':
      return t('transfer.report.by.externalId');
    case 'email':
      return t('transfer.report.by.email');
    case 'phone':
      return t('transfer.report.by.phone');
    case 'name':
      return t('transfer.report.by.name');
    default:
      return t('transfer.report.by.other', { by });
  }
}
