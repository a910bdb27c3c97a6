import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  Kbd,
  Menu,
  NumberInput,
  Select,
  Stack,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useDebouncedCallback, useDisclosure } from '@mantine/hooks';
import {
  IconBookmark,
  IconFilterOff,
  IconPlus,
  IconSortAscending,
  IconSortDescending,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clientSorts, lifecycleStages } from '../../../../shared/domain/client.ts';
import { useApiQuery } from '../../api/useApiQuery.ts';
import { useCommand } from '../../components/commands.ts';
import { shortcutLabel } from '../../components/shortcutLabel.ts';
import { useNow } from '../../components/useNow.ts';
import { hrefOf, navigateTo, useRoute } from '../../router/router.ts';
import { ExportMenu } from '../export/ExportMenu.tsx';
import { ClientList } from './ClientList.tsx';
import { DrillBanner } from './DrillBanner.tsx';
import { NewClientModal } from './NewClientModal.tsx';
import {
  type ClientFilters,
  filtersFromQuery,
  isFiltered,
  listInput,
  noFilters,
  queryFromFilters,
} from './clientFilters.ts';
import { useSavedViews } from './savedViews.ts';

/** The Clients screen: every client, filtered and sorted as the address says, and the way to add one. */
export function ClientsPage() {
  const { t } = useTranslation();
  const route = useRoute();
  const now = useNow();
  const [creating, { open, close }] = useDisclosure(false);
  useCommand('clients.new', open);
  const keys = shortcutLabel('mod+N');
  const filters = filtersFromQuery(route.query);
  const setFilters = (next: ClientFilters) =>
    navigateTo(hrefOf('clients', null, null, queryFromFilters(next)), { replace: true });
  return (
    <Stack gap="md" h="calc(100dvh - 56px - 2 * var(--mantine-spacing-md))">
      <Group justify="space-between">
        <Title order={2}>{t('clients.title')}</Title>
        <Group gap="sm">
          <ExportMenu scope={{ filter: listInput(filters, now) }} withImport />
          <Tooltip label={t('shortcuts.newClient', { keys })}>
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={open}
              rightSection={<Kbd size="xs">{keys}</Kbd>}
            >
              {t('clients.new')}
            </Button>
          </Tooltip>
        </Group>
      </Group>
      {filters.drill && (
        <DrillBanner drill={filters.drill} onClear={() => setFilters({ ...filters, drill: null })} />
      )}
      <FilterBar filters={filters} onChange={setFilters} />
      <ClientList
        input={listInput(filters, now)}
        filtered={isFiltered(filters)}
        onClearFilters={() => setFilters(noFilters)}
        onCreate={open}
        now={now}
      />
      <NewClientModal opened={creating} onClose={close} />
    </Stack>
  );
}

function FilterBar({
  filters,
  onChange,
}: {
  filters: ClientFilters;
  onChange: (next: ClientFilters) => void;
}) {
  const { t } = useTranslation();
  // Everyone, inactive members too: their clients are still theirs.
  const users = useApiQuery('users.list', { limit: 200 });
  const tags = useApiQuery('tags.list', { limit: 200 });
  const currencies = useApiQuery('clients.revenueCurrencies', {});
  const [segment, setSegment] = useState(filters.segment ?? '');
  const commitSegment = useDebouncedCallback(
    (value: string) => onChange({ ...filters, segment: value.trim() || null }),
    400,
  );
  const set = (patch: Partial<ClientFilters>) => onChange({ ...filters, ...patch });
  return (
    <Group gap="sm" align="flex-end" role="search" aria-label={t('clients.filters.label')}>
      <Select
        label={t('client.field.stage')}
        placeholder={t('clients.filters.any')}
        clearable
        w={140}
        data={lifecycleStages.map((stage) => ({ value: stage, label: t(`client.stage.${stage}`) }))}
        value={filters.stage}
        onChange={(value) => set({ stage: value ?? null })}
      />
      <TextInput
        label={t('client.field.segment')}
        placeholder={t('clients.filters.any')}
        w={140}
        value={segment}
        onChange={(event) => {
          setSegment(event.currentTarget.value);
          commitSegment(event.currentTarget.value);
        }}
      />
      <Select
        label={t('client.owner')}
        placeholder={t('clients.filters.any')}
        clearable
        w={160}
        data={(users.data?.items ?? []).map((user) => ({ value: user.id, label: user.name }))}
        value={filters.ownerId}
        onChange={(value) => set({ ownerId: value })}
      />
      <Select
        label={t('clients.filters.tag')}
        placeholder={t('clients.filters.any')}
        clearable
        w={140}
        data={(tags.data?.items ?? []).map((tag) => ({ value: tag.id, label: tag.name }))}
        value={filters.tagId}
        onChange={(value) => set({ tagId: value })}
      />
      <NumberInput
        label={t('clients.filters.quietDays')}
        placeholder={t('clients.filters.days')}
        w={170}
        min={1}
        max={3650}
        allowDecimal={false}
        value={filters.quietDays ?? ''}
        onChange={(value) => set({ quietDays: typeof value === 'number' && value > 0 ? value : null })}
      />
      <Stack gap={4} pb={4}>
        <Checkbox
          label={t('client.vip')}
          checked={filters.vip}
          onChange={(e) => set({ vip: e.currentTarget.checked })}
        />
        <Checkbox
          label={t('clients.filters.overdue')}
          checked={filters.overdue}
          onChange={(e) => set({ overdue: e.currentTarget.checked })}
        />
      </Stack>
      <Checkbox
        pb={6}
        label={t('clients.filters.goingQuiet')}
        checked={filters.goingQuiet}
        onChange={(e) => set({ goingQuiet: e.currentTarget.checked })}
      />
      <Group gap={4} align="flex-end">
        <Select
          label={t('clients.sort.label')}
          w={170}
          allowDeselect={false}
          data={clientSorts.map((sort) => ({ value: sort, label: t(`clients.sort.${sort}`) }))}
          value={filters.sort}
          // Revenue reads best from the top: highest first.
          onChange={(value) => value && set({ sort: value, ...(value === 'revenue' ? { desc: true } : {}) })}
        />
        {filters.sort === 'revenue' && (
          <Select
            label={t('clients.sort.currency')}
            w={100}
            allowDeselect={false}
            data={(currencies.data?.currencies ?? []).map((c) => c.currency)}
            value={filters.currency ?? currencies.data?.currencies[0]?.currency ?? null}
            onChange={(value) => set({ currency: value })}
          />
        )}
        <Tooltip label={filters.desc ? t('clients.sort.desc') : t('clients.sort.asc')}>
          <ActionIcon
            size="lg"
            variant="default"
            aria-label={filters.desc ? t('clients.sort.desc') : t('clients.sort.asc')}
            onClick={() => set({ desc: !filters.desc })}
          >
            {filters.desc ? <IconSortDescending size={18} /> : <IconSortAscending size={18} />}
          </ActionIcon>
        </Tooltip>
      </Group>
      <SavedViews filters={filters} onPick={onChange} />
      {isFiltered(filters) && (
        <Button
          variant="subtle"
          leftSection={<IconFilterOff size={16} />}
          onClick={() => {
            setSegment('');
            onChange({ ...noFilters, sort: filters.sort, desc: filters.desc, currency: filters.currency });
          }}
        >
          {t('clients.filters.clear')}
        </Button>
      )}
    </Group>
  );
}

function SavedViews({
  filters,
  onPick,
}: {
  filters: ClientFilters;
  onPick: (filters: ClientFilters) => void;
}) {
  const { t } = useTranslation();
  const views = useSavedViews();
  const [naming, setNaming] = useState<string | null>(null);
  return (
    <Menu position="bottom-end" closeOnItemClick={false}>
      <Menu.Target>
        <Button variant="default" leftSection={<IconBookmark size={16} />}>
          {t('clients.views.label')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {views.list.length === 0 && <Menu.Label>{t('clients.views.empty')}</Menu.Label>}
        {views.list.map((view) => (
          <Menu.Item
            key={view.name}
            onClick={() => onPick(filtersFromQuery(new URLSearchParams(view.query)))}
            rightSection={
              <ActionIcon
                size="xs"
                variant="subtle"
                aria-label={t('clients.views.remove', { name: view.name })}
                onClick={(event) => {
                  event.stopPropagation();
                  views.remove(view.name);
                }}
              >
                ×
              </ActionIcon>
            }
          >
            {view.name}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Group p="xs" gap="xs" wrap="nowrap">
          <TextInput
            size="xs"
            aria-label={t('clients.views.name')}
            placeholder={t('clients.views.name')}
            value={naming ?? ''}
            onChange={(e) => setNaming(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && naming?.trim()) {
                views.save(naming.trim(), queryFromFilters(filters).toString());
                setNaming(null);
              }
            }}
          />
          <Button
            size="xs"
            disabled={!naming?.trim()}
            onClick={() => {
              if (naming?.trim()) views.save(naming.trim(), queryFromFilters(filters).toString());
              setNaming(null);
            }}
          >
            {t('clients.views.save')}
          </Button>
        </Group>
      </Menu.Dropdown>
    </Menu>
  );
}
