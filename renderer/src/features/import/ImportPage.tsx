import { Anchor, Button, Group, Stack, Stepper, Text, Title } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ColumnsStep } from './ColumnsStep.tsx';
import { importSettingsHref } from './ImportExportSettings.tsx';
import { FileStep } from './FileStep.tsx';
import { MatchingStep } from './MatchingStep.tsx';
import { CheckStep, DoneStep, ImportStep } from './RunSteps.tsx';
import { type WizardStep, useImportWizard, wizardSteps } from './importWizard.ts';

const stepIndex: Record<WizardStep, number> = {
  file: 0,
  columns: 1,
  matching: 2,
  check: 3,
  import: 4,
  done: wizardSteps.length,
};

/**
 * The import wizard: a file → what was found in it and where its columns go → how rows are matched →
 * the dry run → the import → what it did. Its state lives outside the screen (importWizard.ts), so the
 * user can leave while it uploads or imports and come back to it.
 */
export function ImportPage() {
  const { t } = useTranslation();
  const wizard = useImportWizard();
  const { state } = wizard;
  // A cancelled import did not get past its step.
  const active =
    state.step === 'done' && state.run.report?.cancelled ? stepIndex.import : stepIndex[state.step];
  const busy = state.run.status === 'running' || state.step === 'done';
  // Steps already passed can be gone back to; none while the import runs or after it.
  const canVisit = (index: number) => !busy && state.file !== null && index > 0 && index < active;
  return (
    <Stack gap="md" maw={1280}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          <Title order={2}>{t('transfer.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('transfer.subtitle')}{' '}
            <Anchor href={importSettingsHref} size="sm">
              {t('transfer.pastImportsLink')}
            </Anchor>
          </Text>
        </Stack>
        {state.file && !busy && (
          <Button
            variant="subtle"
            style={{ flex: 'none' }}
            leftSection={<IconRefresh size={16} />}
            onClick={() => wizard.startOver()}
          >
            {t('transfer.startOver')}
          </Button>
        )}
      </Group>
      <Stepper
        active={active}
        size="sm"
        onStepClick={(index) => {
          const step = wizardSteps[index];
          if (step && canVisit(index)) wizard.goTo(step);
        }}
        allowNextStepsSelect={false}
      >
        {wizardSteps.map((step, index) => (
          <Stepper.Step
            key={step}
            label={t(`transfer.step.${step}`)}
            allowStepSelect={canVisit(index)}
            loading={
              (step === 'file' && state.upload !== null && !state.upload.error) ||
              (step === 'check' && state.check.status === 'running') ||
              (step === 'import' && state.run.status === 'running')
            }
          />
        ))}
      </Stepper>
      {state.step === 'file' && (
        <FileStep upload={state.upload} onFile={(file) => void wizard.chooseFile(file)} />
      )}
      {state.step === 'columns' && <ColumnsStep wizard={wizard} />}
      {state.step === 'matching' && <MatchingStep wizard={wizard} />}
      {state.step === 'check' && <CheckStep wizard={wizard} />}
      {state.step === 'import' && <ImportStep wizard={wizard} />}
      {state.step === 'done' && <DoneStep wizard={wizard} />}
    </Stack>
  );
}
