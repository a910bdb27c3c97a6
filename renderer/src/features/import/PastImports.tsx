import { ActionIcon, Badge, Group, Skeleton, Table, Text, Tooltip } from '@mantine/core';
import { IconArrowBackUp } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../shared/api/contract.ts';
import { useApiQuery } from '../../api/useApiQuery.ts';
import { EmptyHint, LoadError } from '../../components/Feedback.tsx';
import { useFormat } from '../../i18n/useFormat.ts';
import { importTypeLabel } from './importTypes.ts';
import { type ImportToUndo, UndoImportModal } from './UndoImportModal.tsx';

type ImportRun = MethodOutput<'imports.list'>['items'][number];

const statusColors = {
  running: 'blue',
  done: 'teal',
  cancelled: 'gray',
  failed: 'red',
  undone: 'orange',
} as const satisfies Record<ImportRun['status'], string>;

/** The imports made on this laptop, newest first, with their counts and an Undo for each that can be. */
export function PastImports() {
  const { t } = useTranslation();
  const format = useFormat();
  const list = useApiQuery('imports.list', {});
  const [undoing, setUndoing] = useState<ImportToUndo | null>(null);
  if (list.isPending) return <Skeleton height={80} />;
  if (list.isError) return <LoadError onRetry={() => void list.refetch()} />;
  if (list.data.items.length === 0) return <EmptyHint text={t('transfer.past.empty')} />;
  return (
    <>
      <Table.ScrollContainer minWidth={560}>
        <Table striped verticalSpacing="xs" aria-label={t('transfer.past.label')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="42%">{t('transfer.past.file')}</Table.Th>
              <Table.Th>{t('transfer.past.result')}</Table.Th>
              <Table.Th w={150}>{t('transfer.past.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((run) => {
              const typeKey = importTypeLabel(run.type);
              return (
                <Table.Tr key={run.id} data-testid="past-import">
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>
                    <Text size="sm" fw={500}>
                      {run.fileName}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {format.dateTime(run.startedAt)} · {typeKey ? t(typeKey) : run.type}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {t('transfer.past.counts', {
                        created: format.number(run.created),
                        updated: format.number(run.updated),
                        skipped: format.number(run.skipped),
                      })}
                    </Text>
                    <Text size="xs" c={run.rejected > 0 ? 'red.7' : 'dimmed'}>
                      {t('transfer.past.rejectedCount', {
                        rejected: format.number(run.rejected),
                        rows: format.number(run.rows),
                      })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap" justify="space-between">
                      <Badge variant="light" color={statusColors[run.status]} style={{ flex: 'none' }}>
                        {t(`transfer.past.state.${run.status}`)}
                      </Badge>
                      {run.undoable && (
                        <Tooltip label={t('transfer.past.undo', { file: run.fileName })}>
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={t('transfer.past.undo', { file: run.fileName })}
                            onClick={() =>
                              setUndoing({
                                id: run.id,
                                fileName: run.fileName,
                                created: run.created,
                                updated: run.updated,
                              })
                            }
                          >
                            <IconArrowBackUp size={18} />
                          </ActionIcon>
                        </Tooltip>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <UndoImportModal run={undoing} onClose={() => setUndoing(null)} />
    </>
  );
}
