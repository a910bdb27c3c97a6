import { openBackend } from '../../db/backend.ts';
import { stderrLogger } from '../../db/logger.ts';
import { createBackendService } from './backend-service.ts';
import type { BackendMessage } from './protocol.ts';

/*
 * The entry of the backend utility process (out/main/backend.js). Electron gives it
 * `process.parentPort`; its type is declared here so this file never loads Electron's.
 */

interface ParentPort {
  on(event: 'message', listener: (message: { data: unknown }) => void): unknown;
  postMessage(message: BackendMessage): void;
}

function isParentPort(value: unknown): value is ParentPort {
  return typeof value === 'object' && value !== null && 'on' in value && 'postMessage' in value;
}

const port: unknown = Reflect.get(process, 'parentPort');
if (!isParentPort(port)) {
  stderrLogger.error('The Rapport backend must be started by the Rapport app, as a utility process.');
  process.exit(1);
}

// The lifetime-value fit worker is bundled as its own file beside this one (electron.vite.config.ts).
const lifetimeValueWorker = new URL('./clv-fit-worker.js', import.meta.url);

const service = createBackendService({
  post: (message) => port.postMessage(message),
  openBackend: (options) => openBackend({ ...options, lifetimeValueWorker }),
  logger: stderrLogger,
});
port.on('message', ({ data }) => void service.handle(data));
