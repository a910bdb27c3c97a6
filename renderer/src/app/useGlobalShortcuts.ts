import { useHotkeys } from '@mantine/hooks';
import { useEffect } from 'react';
import { useApi } from '../api/ApiProvider.tsx';
import { runCommand } from '../components/commands.ts';
import { openCallLogger } from '../features/calls/callLoggerStore.ts';
import { openShortcutsHelp } from '../features/shortcuts/ShortcutsHelp.tsx';
import { navigate, useRoute } from '../router/router.ts';

/** The shortcuts that work on every screen, and the desktop menu's commands. */
export function useGlobalShortcuts(): void {
  const api = useApi();
  const route = useRoute();
  const logCall = () => openCallLogger({ clientId: route.screen === 'client' ? route.id : null });
  // Also from inside a text field: right after saving, focus may still sit in the form that is closing.
  useHotkeys(
    [
      ['mod+N', () => runCommand('clients.new')],
      ['mod+L', logCall],
      ['mod+slash', openShortcutsHelp],
      ['alt+1', () => navigate('today')],
      ['alt+2', () => navigate('clients')],
      ['alt+3', () => navigate('followups')],
    ],
    [],
  );
  // The desktop menu sends its commands as events (Electron only; the preview never does).
  useEffect(() => api.on('app.command', ({ command }) => runCommand(command)), [api]);
}
