import {
  ActionIcon,
  Alert,
  Button,
  Chip,
  Group,
  Kbd,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
  Tooltip,
} from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlayerPlay, IconPlayerStop } from '@tabler/icons-react';
import { type KeyboardEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/useApiQuery.ts';
import { shortcutLabel } from '../../components/shortcutLabel.ts';
import { useApiForm } from '../../components/useApiForm.ts';
import { useFormat } from '../../i18n/useFormat.ts';
import { type NextStepPreset, dueOnPickedDay, nextStepDue } from '../followups/presets.ts';
import { type CallContext, closeCallLogger, useCallLogger } from './callLoggerStore.ts';
import { formatDuration, parseDuration } from './duration.ts';
import { useCallOutcomes, useOutcomeLabel } from './outcomes.ts';
import { ClientPicker } from '../clients/ClientPicker.tsx';

const nextStepPresets: NextStepPreset[] = ['tomorrow', 'inThreeDays', 'nextWeek'];

/** The call logger, mounted once in the shell and opened from anywhere (Ctrl/⌘+L, buttons, the palette). */
export function CallLogger() {
  const { t } = useTranslation();
  const { open, context, opened } = useCallLogger();
  return (
    <Modal opened={open} onClose={closeCallLogger} title={t('calls.title')} size="lg" centered>
      {open && <CallForm key={opened} context={context} />}
    </Modal>
  );
}

type NextStepChoice = NextStepPreset | 'none' | 'pick';

type CallDraft = {
  clientId: string | null;
  /** Undefined until the user picks one: the client's primary contact is the usual one to call. */
  contactId: string | null | undefined;
  direction: 'outbound' | 'inbound';
  outcome: string;
  summary: string;
  /** As typed: "5", "5:30", "1h 5m". */
  duration: string;
  nextTitle: string;
  nextChoice: NextStepChoice;
  pickedDay: string | null;
};

/** When the next step is due: a preset, a picked day, or tomorrow when only its title was typed. */
function nextStepDueAt({ nextChoice, nextTitle, pickedDay }: CallDraft, now: Date): Date | null {
  if (nextChoice === 'pick') return pickedDay ? dueOnPickedDay(new Date(pickedDay)) : null;
  if (nextChoice === 'none') return nextTitle.trim() ? nextStepDue('tomorrow', now) : null;
  return nextStepDue(nextChoice, now);
}

function CallForm({ context }: { context: CallContext }) {
  const { t } = useTranslation();
  const format = useFormat();
  const outcomes = useCallOutcomes();
  const outcomeLabel = useOutcomeLabel();
  // The running timer is the form's clock, not what it sends: its result lands in `duration` when stopped.
  const [timerStart, setTimerStart] = useState<number | null>(null);
  const [elapsed, setElapsed] = useState<number | null>(null);
  useEffect(() => {
    if (timerStart === null) return undefined;
    const timer = setInterval(() => setElapsed(Math.round((Date.now() - timerStart) / 1000)), 1000);
    return () => clearInterval(timer);
  }, [timerStart]);

  const draft: CallDraft = {
    clientId: context.clientId ?? null,
    contactId: context.contactId ?? undefined,
    direction: 'outbound',
    outcome: outcomes[0] ?? 'reached',
    summary: '',
    duration: '',
    nextTitle: '',
    nextChoice: 'none',
    pickedDay: null,
  };
  const { form, formError, saving, submit } = useApiForm('interactions.log', {
    initialValues: draft,
    toInput: (values) => {
      const dueAt = nextStepDueAt(values, new Date());
      const title = values.nextTitle.trim();
      return {
        clientId: values.clientId ?? '',
        contactId: contactOf(values),
        kind: 'call',
        direction: values.direction,
        outcome: values.outcome,
        durationS: elapsed ?? (values.duration.trim() === '' ? null : parseDuration(values.duration)),
        summary: values.summary.trim() || null,
        ...(dueAt ? { nextStep: { dueAt: dueAt.toISOString(), ...(title ? { title } : {}) } } : {}),
      };
    },
    fieldOf: { durationS: 'duration', 'nextStep.dueAt': 'pickedDay', 'nextStep.title': 'nextTitle' },
    check: (values) => ({
      clientId: values.clientId === null ? t('calls.chooseClient') : undefined,
      duration:
        values.duration.trim() !== '' && elapsed === null && parseDuration(values.duration) === null
          ? t('calls.badDuration')
          : undefined,
      pickedDay: values.nextChoice === 'pick' && !values.pickedDay ? t('calls.pickDay') : undefined,
    }),
    onSuccess: ({ followup }) => {
      notifications.show({
        color: 'teal',
        title: t('calls.logged'),
        message: followup
          ? t('calls.loggedWithNext', { title: followup.title, due: format.dateTime(followup.dueAt) })
          : t('calls.loggedPlain'),
      });
      closeCallLogger();
    },
  });
  const values = form.getValues();
  const contacts = useApiQuery(
    'contacts.list',
    { clientId: values.clientId ?? '', limit: 100 },
    { enabled: values.clientId !== null },
  );
  function contactOf({ contactId }: CallDraft): string | null {
    return contactId === undefined ? (contacts.data?.items[0]?.id ?? null) : contactId;
  }
  const dueAt = nextStepDueAt(values, new Date());
  const setNextChoice = (choice: NextStepChoice) => form.setFieldValue('nextChoice', choice);

  useHotkeys(
    [
      ['mod+1', () => setNextChoice('tomorrow')],
      ['mod+2', () => setNextChoice('inThreeDays')],
      ['mod+3', () => setNextChoice('nextWeek')],
      ['mod+Enter', () => submit()],
    ],
    [],
  );
  const enterSaves = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };

  return (
    <Stack gap="sm">
      {values.clientId === null ? (
        <ClientPicker onPick={(id) => form.setFieldValue('clientId', id)} error={form.errors.clientId} />
      ) : (
        <ClientLine
          clientId={values.clientId}
          onChange={() => form.setValues({ clientId: null, contactId: undefined })}
        />
      )}
      {values.clientId !== null && (
        <Select
          label={t('calls.contact')}
          placeholder={t('calls.noContact')}
          clearable
          data={(contacts.data?.items ?? []).map((c) => ({
            value: c.id,
            label: c.role ? `${c.name} — ${c.role}` : c.name,
          }))}
          value={contactOf(values)}
          onChange={(contactId) => form.setFieldValue('contactId', contactId)}
          error={form.errors.contactId}
        />
      )}
      <Group grow align="flex-start">
        <SegmentedControl
          aria-label={t('calls.direction')}
          value={values.direction}
          onChange={(direction) => form.setFieldValue('direction', direction)}
          data={[
            { value: 'outbound', label: t('calls.outbound') },
            { value: 'inbound', label: t('calls.inbound') },
          ]}
        />
        <Group gap="xs" wrap="nowrap">
          <TextInput
            aria-label={t('calls.duration')}
            placeholder={t('calls.durationPlaceholder')}
            {...form.getInputProps('duration')}
            value={elapsed === null ? values.duration : formatDuration(elapsed)}
            readOnly={elapsed !== null}
            style={{ flex: 1 }}
          />
          <Tooltip label={elapsed === null ? t('calls.timerStart') : t('calls.timerStop')}>
            <ActionIcon
              size="lg"
              variant={elapsed === null ? 'default' : 'filled'}
              color={elapsed === null ? undefined : 'red'}
              aria-label={elapsed === null ? t('calls.timerStart') : t('calls.timerStop')}
              onClick={() => {
                if (timerStart === null) {
                  setTimerStart(Date.now());
                  setElapsed(0);
                } else {
                  form.setFieldValue(
                    'duration',
                    formatDuration(Math.round((Date.now() - timerStart) / 1000)),
                  );
                  setTimerStart(null);
                  setElapsed(null);
                }
              }}
            >
              {elapsed === null ? <IconPlayerPlay size={16} /> : <IconPlayerStop size={16} />}
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
      <Chip.Group
        multiple={false}
        value={values.outcome}
        onChange={(outcome) => form.setFieldValue('outcome', outcome)}
      >
        <Group gap={6} role="radiogroup" aria-label={t('calls.outcome')}>
          {outcomes.map((code) => (
            <Chip key={code} value={code} size="xs">
              {outcomeLabel(code)}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      <Textarea
        data-autofocus
        label={t('calls.summary')}
        placeholder={t('calls.summaryPlaceholder')}
        autosize
        minRows={2}
        {...form.getInputProps('summary')}
        onKeyDown={enterSaves}
      />
      <Stack gap={6}>
        <TextInput
          label={t('calls.nextStep')}
          placeholder={t('calls.nextStepPlaceholder')}
          {...form.getInputProps('nextTitle')}
          onKeyDown={enterSaves}
        />
        {/* Chips wrap onto a second line where words are long (ru, kk) instead of running off the row. */}
        <Chip.Group multiple={false} value={values.nextChoice} onChange={setNextChoice}>
          <Group
            gap={6}
            role="radiogroup"
            aria-label={t('calls.nextStepWhen')}
            data-testid="next-step-presets"
          >
            <Chip value="none" size="xs">
              {t('calls.nextStepNone')}
            </Chip>
            {nextStepPresets.map((preset, i) => (
              <Chip key={preset} value={preset} size="xs">
                {t(`calls.nextStepPreset.${preset}`)}{' '}
                <Kbd size="xs" ml={4}>
                  {shortcutLabel(`mod+${String(i + 1)}`)}
                </Kbd>
              </Chip>
            ))}
            <Chip value="pick" size="xs">
              {t('followups.preset.pick')}
            </Chip>
          </Group>
        </Chip.Group>
        {values.nextChoice === 'pick' && (
          <DatePickerInput
            label={t('followups.preset.pick')}
            minDate={new Date()}
            {...form.getInputProps('pickedDay')}
          />
        )}
        {dueAt && (
          <Text size="sm" c="dimmed">
            {t('calls.nextStepDue', { due: format.dateTime(dueAt) })}
          </Text>
        )}
      </Stack>
      {formError && <Alert color="red">{formError}</Alert>}
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          {t('calls.enterSaves')} <Kbd size="xs">Enter</Kbd>
        </Text>
        <Group>
          <Button variant="default" onClick={closeCallLogger}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => submit()} loading={saving}>
            {t('calls.save')}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}

function ClientLine({ clientId, onChange }: { clientId: string; onChange: () => void }) {
  const { t } = useTranslation();
  const client = useApiQuery('clients.get', { id: clientId });
  return (
    <Group justify="space-between">
      <Text fw={600} data-testid="call-client">
        {client.data?.name ?? '…'}
      </Text>
      <Button size="compact-sm" variant="subtle" onClick={onChange}>
        {t('calls.otherClient')}
      </Button>
    </Group>
  );
}
