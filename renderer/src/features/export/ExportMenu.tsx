import { Button, Menu } from '@mantine/core';
import {
  IconAddressBook,
  IconBraces,
  IconChevronDown,
  IconFileImport,
  IconFileSpreadsheet,
  IconFileTypeCsv,
  IconTransfer,
} from '@tabler/icons-react';
import { Fragment, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ClientListFilter } from '../../../../shared/domain/transfer.ts';
import type { z } from 'zod';
import { openImportWizard } from '../import/importWizard.ts';
import { type ExportRequest, useExport } from './useExport.ts';

/** What the menu exports: the client list as filtered now, or one client with everything of it. */
export type ExportScope = { filter: z.input<typeof ClientListFilter> } | { clientId: string };

interface ExportGroup {
  label: string;
  choices: ExportChoice[];
}

interface ExportChoice {
  key: string;
  label: string;
  icon: ReactNode;
  request: ExportRequest;
}

/**
 * The "Import and export" menu of the client list and of a client's page: CSV (comma, or semicolon for
 * European Excel), Excel, vCard 4.0 or 3.0 for contacts, and JSON, for exactly what the screen shows.
 */
export function ExportMenu({ scope, withImport = false }: { scope: ExportScope; withImport?: boolean }) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" width={330} withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          leftSection={<IconTransfer size={16} />}
          rightSection={<IconChevronDown size={14} />}
        >
          {withImport ? t('transfer.menu.importExport') : t('transfer.menu.export')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {withImport && (
          <>
            <Menu.Item leftSection={<IconFileImport size={16} />} onClick={openImportWizard}>
              {t('transfer.menu.import')}
            </Menu.Item>
            <Menu.Divider />
          </>
        )}
        <ExportMenuItems scope={scope} />
      </Menu.Dropdown>
    </Menu>
  );
}

/** The export choices for a scope, grouped under labels, for any menu (a client's "more actions" too). */
export function ExportMenuItems({ scope }: { scope: ExportScope }) {
  const { t } = useTranslation();
  const exportFile = useExport();
  const groups = 'clientId' in scope ? clientChoices(t, scope.clientId) : listChoices(t, scope.filter);
  return groups.map((group, index) => (
    <Fragment key={group.label}>
      {index > 0 && <Menu.Divider />}
      <Menu.Label>{group.label}</Menu.Label>
      {group.choices.map((choice) => (
        <Menu.Item key={choice.key} leftSection={choice.icon} onClick={() => void exportFile(choice.request)}>
          {choice.label}
        </Menu.Item>
      ))}
    </Fragment>
  ));
}

type T = TFunction;

function spreadsheetChoices(
  t: T,
  type: 'clients' | 'contacts' | 'all',
  scope: Pick<ExportRequest, 'filter' | 'clientId'>,
): ExportChoice[] {
  return [
    {
      key: `${type}-csv`,
      label: t('transfer.menu.csvComma'),
      icon: <IconFileTypeCsv size={16} />,
      request: { ...scope, type, format: 'csv', delimiter: ',' },
    },
    {
      key: `${type}-csv-semicolon`,
      label: t('transfer.menu.csvSemicolon'),
      icon: <IconFileTypeCsv size={16} />,
      request: { ...scope, type, format: 'csv', delimiter: ';' },
    },
    {
      key: `${type}-xlsx`,
      label: t('transfer.menu.xlsx'),
      icon: <IconFileSpreadsheet size={16} />,
      request: { ...scope, type, format: 'xlsx' },
    },
  ];
}

function vcardChoices(t: T, scope: Pick<ExportRequest, 'filter' | 'clientId'>): ExportChoice[] {
  return (['4.0', '3.0'] as const).map((version) => ({
    key: `vcard-${version}`,
    label: t('transfer.menu.vcard', { version }),
    icon: <IconAddressBook size={16} />,
    request: { ...scope, type: 'contacts', format: 'vcf', vcardVersion: version },
  }));
}

function listChoices(t: T, filter: z.input<typeof ClientListFilter>): ExportGroup[] {
  return [
    { label: t('transfer.menu.listClients'), choices: spreadsheetChoices(t, 'clients', { filter }) },
    { label: t('transfer.menu.listContacts'), choices: vcardChoices(t, { filter }) },
    {
      label: t('transfer.menu.listEverything'),
      choices: [
        {
          key: 'all-json',
          label: t('transfer.menu.json'),
          icon: <IconBraces size={16} />,
          request: { filter, type: 'all', format: 'json' },
        },
      ],
    },
  ];
}

function clientChoices(t: T, clientId: string): ExportGroup[] {
  return [
    {
      label: t('transfer.menu.clientEverything'),
      choices: [
        {
          key: 'all-xlsx',
          label: t('transfer.menu.xlsx'),
          icon: <IconFileSpreadsheet size={16} />,
          request: { clientId, type: 'all', format: 'xlsx' },
        },
        {
          key: 'all-json',
          label: t('transfer.menu.json'),
          icon: <IconBraces size={16} />,
          request: { clientId, type: 'all', format: 'json' },
        },
      ],
    },
    {
      label: t('transfer.menu.clientContacts'),
      choices: [...spreadsheetChoices(t, 'contacts', { clientId }), ...vcardChoices(t, { clientId })],
    },
  ];
}
