import { Modal, Stack } from '@mantine/core';
import type { ReactNode, SyntheticEvent } from 'react';
import { FormFooter } from './FormFooter.tsx';

/** A dialog holding one form: its fields, then what went wrong for the whole form, Cancel and Save. */
export function FormModal({
  opened,
  title,
  onClose,
  onSubmit,
  error,
  saving,
  children,
}: {
  opened: boolean;
  title: string;
  onClose: () => void;
  onSubmit: (event: SyntheticEvent) => void;
  error: string | null;
  saving: boolean;
  children: ReactNode;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          {children}
          <FormFooter error={error} onCancel={onClose} saving={saving} />
        </Stack>
      </form>
    </Modal>
  );
}
