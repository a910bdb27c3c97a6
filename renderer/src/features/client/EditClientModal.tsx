import {
  Checkbox,
  Fieldset,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { z } from 'zod';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../../shared/api/contract.ts';
import type { Client } from '../../../../shared/domain/client.ts';
import { clientEntity, fieldLabelKey } from '../../../../shared/entities/entities.ts';
import type { FieldDecl } from '../../../../shared/entities/field.ts';
import { useApiQuery } from '../../api/useApiQuery.ts';
import { FormFooter } from '../../components/FormFooter.tsx';
import { useApiForm } from '../../components/useApiForm.ts';

type Control = 'text' | 'longText' | 'checkbox' | 'choice' | 'owner' | 'parts';

interface ClientFormField {
  name: string;
  control: Control;
  label: string;
  /** The values of a choice, with the i18n prefix of their labels. */
  choices?: { values: readonly string[]; labels: string };
  /** The text parts of a coupled value (an address), in their declared order. */
  parts?: readonly string[];
  /** A required text: sent as typed (the API trims it) rather than null when empty. */
  required: boolean;
  /** Spans both columns. */
  wide: boolean;
}

/** The i18n prefix of the labels of each choice field's values. */
const choiceLabels: Record<string, string> = { kind: 'clients.kind', stage: 'client.stage' };

/** The text parts of a coupled value whose schema is an object of texts (an address); none otherwise. */
function partsOf(field: FieldDecl): readonly string[] | undefined {
  let schema: unknown = field.input;
  while (schema instanceof z.ZodNullable || schema instanceof z.ZodOptional) schema = schema.unwrap();
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : undefined;
}

/**
 * The control a declared field gets: texts by length, flags as checkboxes, values as choices, owners,
 * and a coupled value of text parts (an address) as one input per part.
 */
function controlOf(field: FieldDecl): Control {
  if (field.kind === 'json') return 'parts';
  if (field.kind === 'bool') return 'checkbox';
  if (field.kind === 'enum') return 'choice';
  if (field.kind === 'id') return 'owner';
  return (field.max ?? 0) > 300 ? 'longText' : 'text';
}

/**
 * The fields this form edits, in their declared order (shared/entities): every synced field of a client,
 * so a field declared there is edited here with no other change; a coupled value of text parts (the
 * address) gets an input per part. Other coupled values have no editor here yet and are left out.
 */
const clientFormFields: readonly ClientFormField[] = Object.entries(
  clientEntity.fields as Record<string, FieldDecl>,
)
  .filter(([, field]) => field.role === 'synced' && (field.kind !== 'json' || partsOf(field) !== undefined))
  .map(([name, field]) => {
    const control = controlOf(field);
    const labels = choiceLabels[name];
    const parts = control === 'parts' ? partsOf(field) : undefined;
    return {
      name,
      control,
      label: fieldLabelKey('client', name),
      ...(control === 'choice' && field.values && labels
        ? { choices: { values: field.values, labels } }
        : {}),
      ...(parts ? { parts } : {}),
      required: field.required && field.kind === 'text',
      wide: name === 'name' || control === 'longText' || control === 'checkbox' || control === 'parts',
    };
  });

/** What the form holds while the user edits: texts as typed, flags, chosen values and ids, parts. */
type Draft = Record<string, string | boolean | null | Record<string, string>>;

const isText = (control: Control) => control === 'text' || control === 'longText';

/** The client as the form shows it: texts as typed, empty for none. */
function draftOf(client: Client): Draft {
  const values = client as unknown as Record<string, unknown>;
  return Object.fromEntries(
    clientFormFields.map(({ name, control, parts }) => {
      const value = values[name] ?? null;
      if (control === 'parts') {
        const given = (value ?? {}) as Record<string, string | null | undefined>;
        return [name, Object.fromEntries((parts ?? []).map((part) => [part, given[part] ?? '']))];
      }
      return [name, isText(control) ? (value ?? '') : value];
    }),
  ) as Draft;
}

/** The parts as sent: trimmed, empty ones left out, and no value at all (null) when every part is empty. */
function partsInput(value: Draft[string]): Record<string, string> | null {
  if (value === null || typeof value !== 'object') return null;
  const given = Object.entries(value).flatMap(([part, text]): [string, string][] =>
    text.trim() ? [[part, text.trim()]] : [],
  );
  return given.length === 0 ? null : Object.fromEntries(given);
}

/** What the form sends: texts trimmed, empty ones as null (cleared), except a required one. */
function inputOf(id: string, draft: Draft): MethodInput<'clients.update'> {
  const entries = clientFormFields.map(({ name, control, required }) => {
    const value = draft[name] ?? null;
    if (control === 'parts') return [name, partsInput(value)];
    return [name, isText(control) && !required && typeof value === 'string' ? value.trim() || null : value];
  });
  // The fields are the client's declared ones, each holding the value its control edits; the contract
  // checks them (useApiForm) before anything is sent.
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
  const control = (field: ClientFormField, autoFocus: boolean) => {
    const label = t(field.label, { defaultValue: field.name });
    const wide = field.wide ? { gridColumn: '1 / -1' } : undefined;
    switch (field.control) {
      case 'text':
        return (
          <TextInput
            key={field.name}
            style={wide}
            label={label}
            required={field.required}
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
      case 'choice':
        return (
          <Select
            key={field.name}
            style={wide}
            label={label}
            data={(field.choices?.values ?? []).map((value) => ({
              value,
              label: t(`${field.choices?.labels ?? ''}.${value}`, { defaultValue: value }),
            }))}
            allowDeselect={false}
            {...form.getInputProps(field.name)}
          />
        );
      case 'parts':
        return (
          <Fieldset
            key={field.name}
            style={wide}
            legend={
              <Text size="sm" fw={600}>
                {label}
              </Text>
            }
            variant="unstyled"
          >
            <SimpleGrid cols={2}>
              {(field.parts ?? []).map((part) => (
                <TextInput
                  key={part}
                  label={t(`${field.name}.part.${part}`, { defaultValue: part })}
                  {...form.getInputProps(`${field.name}.${part}`)}
                />
              ))}
            </SimpleGrid>
          </Fieldset>
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
