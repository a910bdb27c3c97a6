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
import { useMutation } from '@tanstack/react-query';
import { type KeyboardEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/ApiProvider.tsx';
import { useApiQuery } from '../../api/useApiQuery.ts';
import { shortcutLabel } from '../../components/shortcutLabel.ts';
import { useErrorText } from '../../i18n/errors.ts';
import { useFormat } from '../../i18n/useFormat.ts';
import { type NextStepPreset, dueOnPickedDay, nextStepDue } from '../followups/presets.ts';
import { type CallContext, closeCallLogger, useCallLogger } from './callLoggerStore.ts';
import { formatDuration, parseDuration } from './duration.ts';
import { useCallOutcomes } from './outcomes.ts';
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

function CallForm({ context }: { context: CallContext }) {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const errorText = useErrorText();
  const outcomes = useCallOutcomes();
  const [clientId, setClientId] = useState<string | null>(context.clientId ?? null);
  const [chosenContact, setContactId] = useState<string | null | undefined>(context.contactId ?? undefined);
  const [direction, setDirection] = useState<'outbound' | 'inbound'>('outbound');
  const [outcome, setOutcome] = useState<string>(outcomes[0] ?? 'reached');
  const [summary, setSummary] = useState('');
  const [duration, setDuration] = useState('');
  const [timerStart, setTimerStart] = useState<number | null>(null);
  const [elapsed, setElapsed] = useState<number | null>(null);
  const [nextTitle, setNextTitle] = useState('');
  const [nextChoice, setNextChoice] = useState<NextStepChoice>('none');
  const [pickedDay, setPickedDay] = useState<string | null>(null);
  const [errors, setErrors] = useState<{ fields: Record<string, string>; form: string | null }>({
    fields: {},
    form: null,
  });

  useEffect(() => {
    if (timerStart === null) return undefined;
    const timer = setInterval(() => setElapsed(Math.round((Date.now() - timerStart) / 1000)), 1000);
    return () => clearInterval(timer);
  }, [timerStart]);

  const contacts = useApiQuery(
    'contacts.list',
    { clientId: clientId ?? '', limit: 100 },
    { enabled: clientId !== null },
  );
  // Until the user picks one, the primary contact (listed first) is the usual one to call.
  const contactId = chosenContact === undefined ? (contacts.data?.items[0]?.id ?? null) : chosenContact;

  const now = new Date();
  const dueAt: Date | null =
    nextChoice === 'none'
      ? nextTitle.trim()
        ? nextStepDue('tomorrow', now)
        : null
      : nextChoice === 'pick'
        ? pickedDay
          ? dueOnPickedDay(new Date(pickedDay))
          : null
        : nextStepDue(nextChoice, now);

  const save = useMutation({
    mutationFn: () => {
      const typed = duration.trim() === '' ? null : parseDuration(duration);
      const durationS = elapsed ?? typed;
      return api.call('interactions.log', {
        clientId: clientId ?? '',
        contactId,
        kind: 'call',
        direction,
        outcome,
        durationS,
        summary: summary.trim() || null,
        ...(dueAt
          ? {
              nextStep: {
                dueAt: dueAt.toISOString(),
                ...(nextTitle.trim() ? { title: nextTitle.trim() } : {}),
              },
            }
          : {}),
      });
    },
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
    onError: (error) => setErrors(errorText(error)),
  });

  const submit = () => {
    if (clientId === null) {
      setErrors({ fields: { clientId: t('calls.chooseClient') }, form: null });
      return;
    }
    if (duration.trim() !== '' && elapsed === null && parseDuration(duration) === null) {
      setErrors({ fields: { durationS: t('calls.badDuration') }, form: null });
      return;
    }
    if (nextChoice === 'pick' && !pickedDay) {
      setErrors({ fields: { 'nextStep.dueAt': t('calls.pickDay') }, form: null });
      return;
    }
    if (!save.isPending) save.mutate();
  };

  useHotkeys(
    [
      ['mod+1', () => setNextChoice('tomorrow')],
      ['mod+2', () => setNextChoice('inThreeDays')],
      ['mod+3', () => setNextChoice('nextWeek')],
      ['mod+Enter', submit],
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
      {clientId === null ? (
        <ClientPicker onPick={setClientId} error={errors.fields.clientId} />
      ) : (
        <ClientLine
          clientId={clientId}
          onChange={() => {
            setClientId(null);
            setContactId(null);
          }}
        />
      )}
      {clientId !== null && (
        <Select
          label={t('calls.contact')}
          placeholder={t('calls.noContact')}
          clearable
          data={(contacts.data?.items ?? []).map((c) => ({
            value: c.id,
            label: c.role ? `${c.name} — ${c.role}` : c.name,
          }))}
          value={contactId}
          onChange={setContactId}
          error={errors.fields.contactId}
        />
      )}
      <Group grow align="flex-start">
        <SegmentedControl
          aria-label={t('calls.direction')}
          value={direction}
          onChange={(value) => setDirection(value === 'inbound' ? 'inbound' : 'outbound')}
          data={[
            { value: 'outbound', label: t('calls.outbound') },
            { value: 'inbound', label: t('calls.inbound') },
          ]}
        />
        <Group gap="xs" wrap="nowrap">
          <TextInput
            aria-label={t('calls.duration')}
            placeholder={t('calls.durationPlaceholder')}
            value={elapsed === null ? duration : formatDuration(elapsed)}
            readOnly={elapsed !== null}
            onChange={(event) => setDuration(event.currentTarget.value)}
            error={errors.fields.durationS}
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
                  setDuration(formatDuration(Math.round((Date.now() - timerStart) / 1000)));
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
      <Chip.Group multiple={false} value={outcome} onChange={setOutcome}>
        <Group gap={6} role="radiogroup" aria-label={t('calls.outcome')}>
          {outcomes.map((code) => (
            <Chip key={code} value={code} size="xs">
              {t(`calls.outcomes.${code}`, { defaultValue: code.replaceAll('_', ' ') })}
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
        value={summary}
        onChange={(event) => setSummary(event.currentTarget.value)}
        onKeyDown={enterSaves}
        error={errors.fields.summary}
      />
      <Stack gap={6}>
        <TextInput
          label={t('calls.nextStep')}
          placeholder={t('calls.nextStepPlaceholder')}
          value={nextTitle}
          onChange={(event) => setNextTitle(event.currentTarget.value)}
          onKeyDown={enterSaves}
          error={errors.fields['nextStep.title']}
        />
        <SegmentedControl
          aria-label={t('calls.nextStepWhen')}
          value={nextChoice}
          onChange={(value) => setNextChoice(value)}
          data={[
            { value: 'none', label: t('calls.nextStepNone') },
            ...nextStepPresets.map((preset, i) => ({
              value: preset,
              label: `${t(`calls.nextStepPreset.${preset}`)} (${shortcutLabel(`mod+${String(i + 1)}`)})`,
            })),
            { value: 'pick', label: t('followups.preset.pick') },
          ]}
        />
        {nextChoice === 'pick' && (
          <DatePickerInput
            label={t('followups.preset.pick')}
            value={pickedDay}
            onChange={setPickedDay}
            minDate={new Date()}
            error={errors.fields['nextStep.dueAt']}
          />
        )}
        {dueAt && (
          <Text size="sm" c="dimmed">
            {t('calls.nextStepDue', { due: format.dateTime(dueAt) })}
          </Text>
        )}
      </Stack>
      {errors.form && <Alert color="red">{errors.form}</Alert>}
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          {t('calls.enterSaves')} <Kbd size="xs">Enter</Kbd>
        </Text>
        <Group>
          <Button variant="default" onClick={closeCallLogger}>
            {t('common.cancel')}
          </Button>
          <Button onClick={submit} loading={save.isPending}>
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
