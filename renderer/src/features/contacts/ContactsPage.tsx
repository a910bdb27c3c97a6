import { ActionIcon, Anchor, Card, Group, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconPhoneCall } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useApiInfiniteQuery } from '../../api/useApiQuery.ts';
import { hrefOf } from '../../router/router.ts';
import { openCallLogger } from '../calls/callLoggerStore.ts';
import { EmptyHint, LoadError, LoadMore } from '../../components/Feedback.tsx';

/** Every contact person by name, with their client, phone and email, each one call away. */
export function ContactsPage() {
  const { t } = useTranslation();
  const list = useApiInfiniteQuery('contacts.list', { limit: 100 });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack>
      <Title order={2}>{t('contacts.pageTitle')}</Title>
      <Text size="sm" c="dimmed">
        {t('contacts.findHint')}
      </Text>
      {list.isError && <LoadError onRetry={() => void list.refetch()} />}
      {list.isSuccess && items.length === 0 && <EmptyHint text={t('contacts.emptyAll')} />}
      {items.length > 0 && (
        <Card withBorder padding={0}>
          <Table striped highlightOnHover aria-label={t('contacts.pageTitle')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('contacts.name')}</Table.Th>
                <Table.Th>{t('contacts.role')}</Table.Th>
                <Table.Th>{t('contacts.phone')}</Table.Th>
                <Table.Th>{t('contacts.email')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((contact) => (
                <Table.Tr key={contact.id}>
                  <Table.Td>
                    <Anchor href={hrefOf('client', contact.clientId, 'contacts')}>{contact.name}</Anchor>
                  </Table.Td>
                  <Table.Td>{contact.role ?? '—'}</Table.Td>
                  <Table.Td>{contact.phones[0]?.value ?? '—'}</Table.Td>
                  <Table.Td>{contact.emails[0]?.value ?? '—'}</Table.Td>
                  <Table.Td>
                    <Group justify="flex-end">
                      <Tooltip label={t('calls.logFor', { name: contact.name })}>
                        <ActionIcon
                          variant="subtle"
                          aria-label={t('calls.logFor', { name: contact.name })}
                          onClick={() =>
                            openCallLogger({ clientId: contact.clientId, contactId: contact.id })
                          }
                        >
                          <IconPhoneCall size={16} />
                        </ActionIcon>
                      </Tooltip>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
      <LoadMore list={list} />
    </Stack>
  );
}
