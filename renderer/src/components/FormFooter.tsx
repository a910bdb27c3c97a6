import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The end of every form: what went wrong for the whole form, then Cancel and Save or another action (Enter submits). */
export function FormFooter({
  error,
  onCancel,
  saving,
  submitLabel,
}: {
  error: string | null;
  onCancel: () => void;
  saving: boolean;
  /** What the submit button says (Save unless told). */
  submitLabel?: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      {error && (
        <Text c="red" size="sm">
          {error}
        </Text>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" loading={saving}>
          {submitLabel ?? t('common.save')}
        </Button>
      </Group>
    </>
  );
}
