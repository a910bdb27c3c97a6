import { join } from 'node:path';
import { SERVER_DATABASE_FILE } from '../../cli/commands/server.ts';
import { openSqliteStore } from '../../server/store.ts';
import { describeServerGuardTests } from '../support/server-guard-tests.ts';
import { useSyncTeam } from '../support/sync-team.ts';
import { describeWireTests } from '../support/wire-tests.ts';

const team = useSyncTeam();

describeWireTests('SQLite', async () => {
  const { url, service } = await team.startServer();
  return { url, db: service.db };
});

describeServerGuardTests('SQLite', () => {
  const dir = team.tempDir();
  return Promise.resolve({
    open: () => openSqliteStore(join(dir, SERVER_DATABASE_FILE)),
    cliArgs: ['--data-dir', dir],
  });
});
