import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/useApiQuery.ts';

/** Find the client by a few letters of its name, a contact's name, phone or email. */
export function ClientPicker({
  onPick,
  error,
  label,
  exclude,
  initial,
}: {
  onPick: (id: string) => void;
  error?: ReactNode;
  /** The field's label (the client of a call unless told). */
  label?: string;
  /** A client not to offer (the one being merged). */
  exclude?: string;
  /** The client chosen to begin with. */
  initial?: { id: string; label: string };
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(initial?.label ?? '');
  const [debounced] = useDebouncedValue(text, 120);
  const found = useApiQuery(
    'search.query',
    { text: debounced, kinds: ['client', 'contact'], limitPerKind: 8 },
    { enabled: debounced.trim() !== '' },
  );
  const options = new Map<string, string>(initial ? [[initial.id, initial.label]] : []);
  for (const group of found.data?.groups ?? []) {
    for (const item of group.items) {
      if (!options.has(item.clientId) && item.clientId !== exclude) {
        options.set(
          item.clientId,
          item.entity === 'client' ? item.title : `${item.subtitle ?? ''} (${item.title})`,
        );
      }
    }
  }
  return (
    <Select
      data-autofocus
      label={label ?? t('calls.client')}
      placeholder={t('calls.clientPlaceholder')}
      searchable
      filter={({ options: all }) => all}
      searchValue={text}
      onSearchChange={setText}
      data={[...options].map(([value, label]) => ({ value, label }))}
      nothingFoundMessage={debounced.trim() ? t('search.nothing') : t('calls.typeToSearch')}
      {...(initial ? { defaultValue: initial.id } : {})}
      onChange={(value) => value && onPick(value)}
      error={error}
    />
  );
}
