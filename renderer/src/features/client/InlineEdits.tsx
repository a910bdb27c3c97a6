import { ActionIcon, Badge, Menu, Text, TextInput, Title, Tooltip, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconStar, IconStarFilled } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../../shared/api/contract.ts';
import { type Client, type ClientUpdateInput, lifecycleStages } from '../../../../shared/domain/client.ts';
import { useApiMutation, useApiQuery } from '../../api/useApiQuery.ts';
import { useErrorText, useSchemaIssueText } from '../../i18n/errors.ts';
import { stageColors } from './stageColors.ts';

/** Saves one field of a client from the header; a refused value is explained in the user's language. */
function useClientField(client: Client) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const update = useApiMutation('clients.update', {
    onError: (error) => {
      const { fields, form } = errorText(error);
      notifications.show({
        color: 'red',
        title: t('errors.title'),
        message: form ?? Object.values(fields).join(' '),
      });
    },
  });
  return {
    mutate: (patch: Omit<ClientUpdateInput, 'id'>, options?: { onSuccess?: () => void }) =>
      update.mutate({ id: client.id, ...patch }, options),
  };
}

/** The client's name as the page title; click (or Enter on it) to rename, Enter saves, Escape cancels. */
export function InlineName({ client }: { client: Client }) {
  const { t } = useTranslation();
  const save = useClientField(client);
  const issueText = useSchemaIssueText();
  const [draft, setDraft] = useState<string | null>(null);
  if (draft === null) {
    return (
      <Tooltip label={t('client.rename')}>
        <UnstyledButton
          onClick={() => setDraft(client.name)}
          aria-label={t('client.renameNamed', { name: client.name })}
        >
          <Title order={2} data-testid="client-title">
            {client.name}
          </Title>
        </UnstyledButton>
      </Tooltip>
    );
  }
  // The same rule as the edit form and the backend: the contract's schema of clients.update.
  const checked = contract['clients.update'].input.safeParse({ id: client.id, name: draft });
  const refusal = checked.success ? undefined : issueText(checked.error.issues).name;
  const commit = () => {
    const name = draft.trim();
    if (refusal) return;
    if (name !== client.name) save.mutate({ name }, { onSuccess: () => setDraft(null) });
    else setDraft(null);
  };
  return (
    <TextInput
      autoFocus
      size="md"
      aria-label={t('clients.form.name')}
      value={draft}
      error={refusal}
      onChange={(event) => setDraft(event.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === 'Enter') commit();
        if (event.key === 'Escape') setDraft(null);
      }}
    />
  );
}

/** The stage as a badge; click to move the client to another stage (dated in its history). */
export function InlineStage({ client }: { client: Client }) {
  const { t } = useTranslation();
  const save = useClientField(client);
  return (
    <Menu position="bottom-start">
      <Menu.Target>
        <UnstyledButton aria-label={t('client.changeStage', { stage: t(`client.stage.${client.stage}`) })}>
          <Badge color={stageColors[client.stage]} variant="light" style={{ cursor: 'pointer' }}>
            {t(`client.stage.${client.stage}`)}
          </Badge>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('client.field.stage')}</Menu.Label>
        {lifecycleStages.map((stage) => (
          <Menu.Item key={stage} disabled={stage === client.stage} onClick={() => save.mutate({ stage })}>
            <Badge color={stageColors[stage]} variant="light">
              {t(`client.stage.${stage}`)}
            </Badge>
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

/** The VIP star: one click marks or unmarks. */
export function InlineVip({ client }: { client: Client }) {
  const { t } = useTranslation();
  const save = useClientField(client);
  const label = client.vip ? t('client.unmarkVip') : t('client.markVip');
  return (
    <Tooltip label={label}>
      <ActionIcon
        variant="subtle"
        color="yellow"
        aria-label={label}
        aria-pressed={client.vip}
        onClick={() => save.mutate({ vip: !client.vip })}
      >
        {client.vip ? <IconStarFilled size={18} /> : <IconStar size={18} />}
      </ActionIcon>
    </Tooltip>
  );
}

/** The owner; click to hand the client to another team member or to nobody. */
export function InlineOwner({ client }: { client: Client }) {
  const { t } = useTranslation();
  const save = useClientField(client);
  // Only active members can be given a client.
  const users = useApiQuery('users.list', { limit: 200, activeOnly: true });
  const owner = users.data?.items.find((user) => user.id === client.ownerId);
  return (
    <Menu position="bottom-start">
      <Menu.Target>
        <UnstyledButton aria-label={t('client.changeOwner')}>
          <Text fw={500} td="underline dotted">
            {owner?.name ?? (client.ownerId ? '…' : t('client.noOwner'))}
          </Text>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => save.mutate({ ownerId: null })}>{t('client.noOwner')}</Menu.Item>
        {users.data?.items.map((user) => (
          <Menu.Item
            key={user.id}
            disabled={user.id === client.ownerId}
            onClick={() => save.mutate({ ownerId: user.id })}
          >
            {user.name}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
