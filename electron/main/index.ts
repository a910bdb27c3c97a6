import { join } from 'node:path';
import { stderrLogger } from '../../db/logger.ts';
import { startApp } from './app.ts';
import { loadElectronSeam } from './seam.ts';

// Built as out/main/index.js, next to out/main/backend.js, out/preload/ and out/renderer/.
const here = import.meta.dirname;

// Electron emits 'ready' only after this module has finished evaluating: awaiting the seam is fine (and
// keeps the pre-ready calls before 'ready'), but awaiting startApp, which waits for 'ready', would hang.
const seam = await loadElectronSeam();
startApp(seam, {
  paths: {
    preload: join(here, '..', 'preload', 'index.cjs'),
    rendererIndex: join(here, '..', 'renderer', 'index.html'),
    backendModule: join(here, 'backend.js'),
  },
  env: process.env,
  platform: process.platform,
  logger: stderrLogger,
}).catch((error: unknown) => {
  stderrLogger.error('Rapport failed to start', {
    stack: error instanceof Error ? error.stack : String(error),
  });
  seam.showErrorBox(
    'Rapport cannot start',
    'Something went wrong while starting Rapport. Try again; if it keeps happening, reinstall the app.',
  );
  seam.app.quit();
});
