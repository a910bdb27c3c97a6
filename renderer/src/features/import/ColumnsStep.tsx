import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft, IconArrowRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { MappingOptions } from './MappingOptions.tsx';
import { MappingTable } from './MappingTable.tsx';
import { SourceSettings } from './SourceSettings.tsx';
import { WizardFooter } from './WizardFooter.tsx';
import { useImportText } from './importText.ts';
import type { useImportWizard } from './importWizard.ts';

/**
 * The second step: what was found in the file (and the choices to read it otherwise), then where each
 * column goes beside the first rows as they will be imported.
 */
export function ColumnsStep({ wizard }: { wizard: ReturnType<typeof useImportWizard> }) {
  const { t } = useTranslation();
  const text = useImportText();
  const { state } = wizard;
  const { result, pending, error } = state.inspect;
  const hasColumns = result !== null && result.header.length > 0;
  return (
    <Stack gap="md">
      {result && (
        <SourceSettings
          inspect={result}
          pending={pending}
          overrides={state.overrides}
          onOverrides={wizard.setOverrides}
          onType={wizard.setType}
        />
      )}
      {error !== null && (
        <Alert
          color="red"
          icon={<IconAlertTriangle size={16} />}
          title={t('transfer.columns.readFailed')}
          data-testid="inspect-error"
        >
          <Stack gap="xs" align="flex-start">
            {text.failure(error)}
            <Button size="xs" variant="light" color="red" onClick={() => void wizard.inspect()}>
              {t('errors.retry')}
            </Button>
          </Stack>
        </Alert>
      )}
      {!result && pending && (
        <Center py="xl">
          <Loader aria-label={t('transfer.source.reading')} />
        </Center>
      )}
      {result && state.mapping && result.header.length === 0 && (
        <Alert color="yellow" title={t('transfer.columns.noColumnsTitle')}>
          {t('transfer.columns.noColumns')}
        </Alert>
      )}
      {result && state.mapping && hasColumns && (
        <>
          <MappingTable inspect={result} mapping={state.mapping} onColumnChange={wizard.setColumn} />
          <MappingOptions inspect={result} mapping={state.mapping} onChange={wizard.setMapping} />
        </>
      )}
      <WizardFooter
        back={
          <Button
            variant="default"
            leftSection={<IconArrowLeft size={16} />}
            onClick={() => wizard.startOver()}
          >
            {t('transfer.columns.otherFile')}
          </Button>
        }
        next={
          <Button
            rightSection={<IconArrowRight size={16} />}
            disabled={!hasColumns || !state.mapping || error !== null}
            onClick={() => wizard.goTo('matching')}
          >
            {t('transfer.next')}
          </Button>
        }
      />
    </Stack>
  );
}
