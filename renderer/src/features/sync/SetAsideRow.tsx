import { Alert, Button, Group, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldLabelKey } from '../../../../shared/entities/entities.ts';
import type { SetAsideChange } from '../../../../shared/domain/sync.ts';
import { useFormat } from '../../i18n/useFormat.ts';
import { hrefOf } from '../../router/router.ts';

/**
 * One change sync set aside: which record and field, from where, the value, and what was wrong with it
 * in the user's words (the exact reason, naming the rule, on hover, for whoever fixes the sender). Once
 * seen, it can be discarded, after saying what that means.
 */
export function SetAsideRow({
  item,
  discarding,
  onDiscard,
}: {
  item: SetAsideChange;
  discarding: boolean;
  onDiscard: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [confirming, setConfirming] = useState(false);
  const entity = t(`entity.${item.entity}`, { defaultValue: item.entity });
  const field = t(fieldLabelKey(item.entity, item.field), { defaultValue: item.field });
  return (
    <>
      <Table.Tr data-testid="set-aside">
        <Table.Td>
          {item.entity === 'client' ? (
            <a href={hrefOf('client', item.recordId)}>{entity}</a>
          ) : (
            <Text size="sm">{entity}</Text>
          )}
          <Text size="xs" c={item.direction === 'in' ? 'grape' : 'orange'}>
            {item.direction === 'in' ? t('sync.setAsideIn') : t('sync.setAsideOut')}
          </Text>
          <Text size="xs" c="dimmed">
            {format.dateTime(item.at)}
          </Text>
        </Table.Td>
        <Table.Td>{field}</Table.Td>
        <Table.Td>
          <Text size="sm" ff="monospace" lineClamp={2} style={{ wordBreak: 'break-all' }}>
            {shownValue(item.value)}
          </Text>
        </Table.Td>
        <Table.Td title={item.reason}>
          <Text size="sm">
            {t(`validation.rule.${item.rule ?? 'unknown'}`, { defaultValue: item.reason })}
          </Text>
        </Table.Td>
        <Table.Td>
          {!confirming && (
            <Button
              size="compact-xs"
              variant="subtle"
              color="gray"
              aria-label={t('sync.setAsideDiscardLabel', { entity, field })}
              onClick={() => setConfirming(true)}
            >
              {t('sync.setAsideDiscard')}
            </Button>
          )}
        </Table.Td>
      </Table.Tr>
      {confirming && (
        <Table.Tr>
          <Table.Td colSpan={5}>
            <Alert color="orange" variant="light" role="alertdialog" aria-label={t('sync.setAsideDiscard')}>
              <Text size="sm">
                {item.direction === 'in' ? t('sync.setAsideDiscardIn') : t('sync.setAsideDiscardOut')}
              </Text>
              <Group gap="xs" mt="xs">
                <Button size="xs" color="orange" loading={discarding} onClick={onDiscard}>
                  {t('sync.setAsideDiscardConfirm')}
                </Button>
                <Button size="xs" variant="default" onClick={() => setConfirming(false)}>
                  {t('common.cancel')}
                </Button>
              </Group>
            </Alert>
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}

/** The value as it arrived, without JSON's quotes around a text; what is no JSON at all stays as it came. */
function shownValue(json: string): string {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'string' ? value : json;
  } catch {
    return json;
  }
}
