import {
  Card,
  Code,
  Pill,
  SegmentedControl,
  Stack,
  TagsInput,
  Text,
  Title,
  useMantineColorScheme,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/useApiQuery.ts';
import { LanguageSelect } from '../../components/LanguageSelect.tsx';
import { defaultCallOutcomes } from '../../../../shared/domain/interaction.ts';
import { saveCallOutcomes, useCallOutcomes, useOutcomeLabel } from '../calls/outcomes.ts';
import { ImportExportSettings } from '../import/ImportExportSettings.tsx';
import { InsightsSettings } from '../insights/InsightsSettings.tsx';
import { SyncSettings } from '../sync/SyncSettings.tsx';

/** Settings: appearance, language, and what this installation is. */
export function SettingsPage() {
  const { t } = useTranslation();
  const info = useApiQuery('app.info', {});
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return (
    <Stack maw={640}>
      <Title order={2}>{t('settings.title')}</Title>
      <Card withBorder>
        <Title order={4} mb="sm">
          {t('settings.appearance')}
        </Title>
        <Stack gap="sm">
          <SegmentedControl
            aria-label={t('theme.toggle')}
            value={colorScheme}
            onChange={(value) => setColorScheme(value)}
            data={[
              { value: 'auto', label: t('theme.auto') },
              { value: 'light', label: t('theme.light') },
              { value: 'dark', label: t('theme.dark') },
            ]}
          />
          <LanguageSelect />
        </Stack>
      </Card>
      <SyncSettings />
      <ImportExportSettings />
      <InsightsSettings />
      <CallOutcomes />
      <Card withBorder>
        <Title order={4} mb="sm">
          {t('settings.about')}
        </Title>
        {info.data && (
          <Stack gap={4}>
            <Text>
              {t('settings.version', { version: info.data.version, schema: info.data.schemaVersion })}
            </Text>
            <Text size="sm" c="dimmed">
              {t('settings.dataDir')}: <Code>{info.data.dataDir}</Code>
            </Text>
          </Stack>
        )}
      </Card>
    </Stack>
  );
}

/**
 * The outcomes the call logger offers, editable per laptop: shown by their labels (a team's own by its
 * words), with the defaults left out offered back in the dropdown.
 */
function CallOutcomes() {
  const { t } = useTranslation();
  const outcomes = useCallOutcomes();
  const label = useOutcomeLabel();
  const offered = defaultCallOutcomes
    .filter((code) => !outcomes.includes(code))
    .map((code) => ({ value: code, label: label(code) }));
  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        {t('settings.callOutcomes')}
      </Title>
      <TagsInput
        aria-label={t('settings.callOutcomes')}
        description={t('settings.callOutcomesHint')}
        value={outcomes}
        data={offered}
        onChange={saveCallOutcomes}
        clearable
        clearButtonProps={{ 'aria-label': t('settings.callOutcomesReset') }}
        // Pills' × buttons are for the mouse (Mantine hides them from the keyboard): Backspace removes.
        renderPill={({ option, onRemove, disabled }) => (
          <Pill withRemoveButton={!disabled} onRemove={onRemove} data-testid="call-outcome">
            {label(String(option.value))}
          </Pill>
        )}
      />
    </Card>
  );
}
