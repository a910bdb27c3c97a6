import { Button, Card, Checkbox, Radio, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconChecklist } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { WizardFooter } from './WizardFooter.tsx';
import type { MatchBy, WhenMatched, useImportWizard } from './importWizard.ts';

const matchKeys = ['externalId', 'email', 'phone', 'name'] as const satisfies readonly MatchBy[];
const onMatchChoices = ['skip', 'fill', 'overwrite'] as const satisfies readonly WhenMatched[];

/**
 * The third step: how a row is told to be a client or contact Rapport has already (by which keys, in
 * order), and what a match does to it. Rows that match each other inside the file are merged either way.
 */
export function MatchingStep({ wizard }: { wizard: ReturnType<typeof useImportWizard> }) {
  const { t } = useTranslation();
  const { state } = wizard;
  return (
    <Stack gap="md">
      <SimpleGrid cols={2} spacing="md">
        <Card withBorder>
          <Title order={4} mb={4}>
            {t('transfer.matching.keysTitle')}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t('transfer.matching.keysHint')}
          </Text>
          <Checkbox.Group
            aria-label={t('transfer.matching.keysTitle')}
            value={state.match}
            // Kept in the order the backend tries them, whatever order they were ticked in.
            onChange={(value) => wizard.setMatch(matchKeys.filter((key) => value.includes(key)))}
          >
            <Stack gap="sm">
              {matchKeys.map((key) => (
                <Checkbox
                  key={key}
                  value={key}
                  label={t(`transfer.matching.key.${key}`)}
                  description={t(`transfer.matching.keyHint.${key}`)}
                />
              ))}
            </Stack>
          </Checkbox.Group>
        </Card>
        <Card withBorder>
          <Title order={4} mb={4}>
            {t('transfer.matching.onMatchTitle')}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {state.match.length === 0 ? t('transfer.matching.noKeys') : t('transfer.matching.onMatchHint')}
          </Text>
          <Radio.Group
            aria-label={t('transfer.matching.onMatchTitle')}
            value={state.onMatch}
            onChange={(value) => {
              const choice = onMatchChoices.find((candidate) => candidate === value);
              if (choice) wizard.setOnMatch(choice);
            }}
          >
            <Stack gap="sm">
              {onMatchChoices.map((choice) => (
                <Radio
                  key={choice}
                  value={choice}
                  disabled={state.match.length === 0}
                  label={t(`transfer.matching.onMatch.${choice}`)}
                  description={t(`transfer.matching.onMatchDescription.${choice}`)}
                />
              ))}
            </Stack>
          </Radio.Group>
        </Card>
      </SimpleGrid>
      <WizardFooter
        back={
          <Button
            variant="default"
            leftSection={<IconArrowLeft size={16} />}
            onClick={() => wizard.goTo('columns')}
          >
            {t('transfer.back')}
          </Button>
        }
        next={
          <Button
            leftSection={<IconChecklist size={16} />}
            onClick={() => {
              wizard.goTo('check');
              // A dry run of these very settings is kept; any change since dropped it.
              if (state.check.status === 'idle' || state.check.status === 'failed') void wizard.startCheck();
            }}
          >
            {t('transfer.matching.check')}
          </Button>
        }
      />
    </Stack>
  );
}
