import { Group, Paper } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * The step's Back and Next, kept at the bottom of the window while a long mapping table scrolls under
 * it, so the way on is never a scroll away.
 */
export function WizardFooter({ back, next }: { back?: ReactNode; next?: ReactNode }) {
  return (
    <Paper withBorder p="sm" radius="md" shadow="xs" style={{ position: 'sticky', bottom: 0, zIndex: 2 }}>
      <Group justify="space-between">
        <div>{back}</div>
        <Group gap="sm">{next}</Group>
      </Group>
    </Paper>
  );
}
