import { Group, Stack, Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { EmptyHint, LoadError } from '../../components/Feedback.tsx';

/** A client's records of one kind as a table, with its empty state, load error and an action above. */
export function RecordTable({
  label,
  headers,
  rows,
  empty,
  isError,
  onRetry,
  action,
}: {
  label: string;
  headers: string[];
  rows: ReactNode[][] | undefined;
  empty: string;
  isError: boolean;
  onRetry: () => void;
  action?: ReactNode;
}) {
  return (
    <Stack gap="sm">
      {action && <Group justify="flex-end">{action}</Group>}
      {isError && <LoadError onRetry={onRetry} />}
      {rows?.length === 0 && <EmptyHint text={empty} />}
      {rows && rows.length > 0 && (
        <Table striped highlightOnHover aria-label={label}>
          <Table.Thead>
            <Table.Tr>
              {headers.map((header) => (
                <Table.Th key={header}>{header}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((cells, i) => (
              <Table.Tr key={i}>
                {cells.map((cell, j) => (
                  <Table.Td key={j}>{cell}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
