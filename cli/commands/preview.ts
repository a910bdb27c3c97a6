import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openBackend } from '../../db/backend.ts';
import { defaultDataDir } from '../../db/paths.ts';
import { type Command, UsageError } from '../command.ts';
import { startPreviewServer } from '../preview/preview-server.ts';

const projectRoot = resolve(import.meta.dirname, '..', '..');

export const previewCommand: Command = {
  name: 'preview',
  summary: 'Serve the app in a browser on 127.0.0.1 (needs `npm run build` first).',
  usage: '[--data-dir DIR] [--port N]',
  options: {
    'data-dir': { type: 'string' },
    port: { type: 'string' },
  },
  optionHelp: {
    'data-dir': 'Folder of the database (default: the OS user-data folder, or RAPPORT_DATA_DIR).',
    port: 'Port on 127.0.0.1 (default 0: any free port).',
  },
  async run(values, _positionals, io) {
    const port = parsePort(values.port);
    const rendererDir = join(projectRoot, 'out', 'renderer');
    if (!existsSync(join(rendererDir, 'index.html'))) {
      throw new UsageError(
        'the app is not built yet. Run `npm run build` first, or `npm run preview`, which builds.',
      );
    }
    const dataDir = typeof values['data-dir'] === 'string' ? resolve(values['data-dir']) : defaultDataDir();
    const backend = await openBackend({ dataDir });
    const server = await startPreviewServer({ backend, rendererDir, port });
    io.stdout.write(`Rapport preview: ${server.url}\n`);
    io.stdout.write(`Data folder: ${dataDir}\nPress Ctrl+C to stop.\n`);
    await waitForSignal();
    await server.close();
    backend.close();
    return 0;
  },
};

function parsePort(value: unknown): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || port > 65535) {
    throw new UsageError(
      `--port must be a whole number from 0 to 65535, not '${typeof value === 'string' ? value : typeof value}'.`,
    );
  }
  return port;
}

function waitForSignal(): Promise<void> {
  return new Promise((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
