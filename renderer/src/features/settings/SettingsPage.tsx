import {
  Card,
  Code,
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
import { saveCallOutcomes, useCallOutcomes } from '../calls/outcomes.ts';
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

/** The outcome codes the call logger offers, editable per laptop. */
function CallOutcomes() {
  const { t } = useTranslation();
  const outcomes = useCallOutcomes();
  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        {t('settings.callOutcomes')}
      </Title>
      <TagsInput
        aria-label={t('settings.callOutcomes')}
        description={t('settings.callOutcomesHint')}
        value={outcomes}
        onChange={saveCallOutcomes}
        clearable
      />
    </Card>
  );
}
