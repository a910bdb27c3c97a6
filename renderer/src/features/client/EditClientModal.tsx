import { Checkbox, Modal, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../../shared/api/contract.ts';
import { type Client, type LifecycleStage, lifecycleStages } from '../../../../shared/domain/client.ts';
import type { MessageKey } from '../../../../shared/i18n/en.ts';
import { useApiQuery } from '../../api/useApiQuery.ts';
import { FormFooter } from '../../components/FormFooter.tsx';
import { useApiForm } from '../../components/useApiForm.ts';

/**
 * The fields this form edits, in order, with the control each gets and the words on it. The one list of
 * them in the renderer: it is to be derived from the client's entity declaration in shared/.
 */
const clientFormFields = [
  { name: 'name', control: 'text', label: 'clients.form.name', required: true, wide: true },
  { name: 'stage', control: 'stage', label: 'client.field.stage' },
  { name: 'ownerId', control: 'owner', label: 'client.owner' },
  { name: 'segment', control: 'text', label: 'client.field.segment' },
  { name: 'industry', control: 'text', label: 'client.field.industry' },
  { name: 'region', control: 'text', label: 'client.field.region' },
  { name: 'website', control: 'text', label: 'client.field.website' },
  { name: 'vip', control: 'checkbox', label: 'client.vip', wide: true },
  { name: 'paymentTerms', control: 'text', label: 'client.field.paymentTerms', wide: true },
  { name: 'notes', control: 'longText', label: 'client.field.notes', wide: true },
] as const satisfies readonly ClientFormField[];

interface ClientFormField {
  name: keyof Client & keyof MethodInput<'clients.update'>;
  control: Control;
  label: MessageKey;
  /** A required text: sent as typed (the API trims it) rather than null when empty. */
  required?: boolean;
  /** Spans both columns. */
  wide?: boolean;
}

type Control = 'text' | 'longText' | 'checkbox' | 'stage' | 'owner';
/** What each control holds while the user edits. */
interface ControlValue {
  text: string;
  longText: string;
  checkbox: boolean;
  stage: LifecycleStage;
  owner: string | null;
}
type FieldName = (typeof clientFormFields)[number]['name'];
type Draft = { [F in (typeof clientFormFields)[number] as F['name']]: ControlValue[F['control']] };
type DraftValue = Draft[FieldName];

const isText = (control: Control) => control === 'text' || control === 'longText';

/** The client as the form shows it: texts as typed, empty for none. */
function draftOf(client: Client): Draft {
  const entries = clientFormFields.map(({ name, control }) => {
    const value = client[name];
    return [name, isText(control) ? (value ?? '') : value];
  });
  // Each entry is the field's value of the client, as the control of that field holds it (ControlValue).
  return Object.fromEntries(entries) as Draft;
}

/** What the form sends: texts trimmed, empty ones as null (cleared), except a required one. */
function inputOf(id: string, draft: Draft): MethodInput<'clients.update'> {
  const entries = clientFormFields.map(({ name, control, ...field }) => {
    const value: DraftValue = draft[name];
    const required = 'required' in field;
    return [name, isText(control) && !required && typeof value === 'string' ? value.trim() || null : value];
  });
  // The fields are those of clients.update and each value has that field's type (ClientFormField).
  return { id, ...Object.fromEntries(entries) } as MethodInput<'clients.update'>;
}

/** Edit a client's details; each field is checked by the client schema and its error shown beside it. */
export function EditClientModal({
  client,
  opened,
  onClose,
}: {
  client: Client;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('client.edit')} size="lg" centered>
      {opened && <EditForm client={client} onClose={onClose} />}
    </Modal>
  );
}

function EditForm({ client, onClose }: { client: Client; onClose: () => void }) {
  const { t } = useTranslation();
  // Only active members can be given a client.
  const users = useApiQuery('users.list', { limit: 200, activeOnly: true });
  const { form, formError, saving, submit } = useApiForm('clients.update', {
    initialValues: draftOf(client),
    toInput: (draft) => inputOf(client.id, draft),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('client.saved') });
      onClose();
    },
  });
  const control = (field: (typeof clientFormFields)[number], autoFocus: boolean) => {
    const label = t(field.label);
    const wide = 'wide' in field ? { gridColumn: '1 / -1' } : undefined;
    switch (field.control) {
      case 'text':
        return (
          <TextInput
            key={field.name}
            style={wide}
            label={label}
            required={'required' in field}
            data-autofocus={autoFocus || undefined}
            {...form.getInputProps(field.name)}
          />
        );
      case 'longText':
        return (
          <Textarea
            key={field.name}
            style={wide}
            label={label}
            autosize
            minRows={3}
            {...form.getInputProps(field.name)}
          />
        );
      case 'checkbox':
        return (
          <Checkbox
            key={field.name}
            style={wide}
            label={label}
            {...form.getInputProps(field.name, { type: 'checkbox' })}
          />
        );
      case 'stage':
        return (
          <Select
            key={field.name}
            style={wide}
            label={label}
            data={lifecycleStages.map((stage) => ({ value: stage, label: t(`client.stage.${stage}`) }))}
            allowDeselect={false}
            {...form.getInputProps(field.name)}
          />
        );
      case 'owner':
        return (
          <Select
            key={field.name}
            style={wide}
            label={label}
            clearable
            placeholder={t('client.noOwner')}
            data={(users.data?.items ?? []).map((user) => ({ value: user.id, label: user.name }))}
            {...form.getInputProps(field.name)}
          />
        );
    }
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <SimpleGrid cols={2}>{clientFormFields.map((field, i) => control(field, i === 0))}</SimpleGrid>
        <FormFooter error={formError} onCancel={onClose} saving={saving} />
      </Stack>
    </form>
  );
}
