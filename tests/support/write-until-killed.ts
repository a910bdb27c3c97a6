// A child process for tests/integration/crash-durability.test.ts: it opens the backend on the data folder
// given as its argument and creates clients until it is killed, printing each client's id on its own
// line only after the API call that created it has resolved, i.e. after the transaction committed.
import { writeSync } from 'node:fs';
import { openBackend } from '../../db/backend.ts';
import { createDirectClient } from '../../db/direct-client.ts';

const dataDir = process.argv[2];
if (dataDir === undefined) {
  process.stderr.write('usage: node tests/support/write-until-killed.ts DATA_DIR\n');
  process.exit(2);
}
const api = createDirectClient(await openBackend({ dataDir }));
for (let n = 1; ; n += 1) {
  const client = await api.call('clients.create', { name: `Client ${n}`, kind: 'company' });
  // Synchronous, so a line is in the pipe before the next write starts.
  writeSync(1, `${client.id}\n`);
  // Let the event loop run now and then, so the daily backup works while clients are written.
  if (n % 25 === 0) await new Promise((done) => setImmediate(done));
}
