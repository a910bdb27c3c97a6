import { afterEach } from 'vitest';
import type { ApiClient } from '../../shared/api/client.ts';
import { type Backend, type BackendOptions, openBackend } from '../../db/backend.ts';
import { createDirectClient } from '../../db/direct-client.ts';
import type { Logger } from '../../db/logger.ts';

export interface TestBackend {
  backend: Backend;
  api: ApiClient;
  /** What the backend logged, so tests can assert that unexpected errors are logged and others are not. */
  logged: { level: string; message: string }[];
}

/** Opens real backends on real SQLite files for one test and closes them afterwards. */
export function useTestBackends(): (
  dataDir: string,
  options?: Omit<BackendOptions, 'dataDir' | 'logger'>,
) => Promise<TestBackend> {
  const open: Backend[] = [];
  afterEach(() => {
    for (const backend of open.splice(0)) backend.close();
  });
  return async (dataDir, options = {}) => {
    const logged: TestBackend['logged'] = [];
    const logger: Logger = {
      info: (message) => logged.push({ level: 'info', message }),
      warn: (message) => logged.push({ level: 'warn', message }),
      error: (message) => logged.push({ level: 'error', message }),
    };
    const backend = await openBackend({ dataDir, logger, ...options });
    open.push(backend);
    return { backend, api: createDirectClient(backend), logged };
  };
}
