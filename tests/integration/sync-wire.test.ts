import { useSyncTeam } from '../support/sync-team.ts';
import { describeWireTests } from '../support/wire-tests.ts';

const team = useSyncTeam();

describeWireTests('SQLite', async () => {
  const { url, service } = await team.startServer();
  return { url, db: service.db };
});
