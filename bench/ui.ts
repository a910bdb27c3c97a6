/**
 * `npm run bench` (UI part): the Clients page on the 100k-client database of bench/data.ts, in Debian's
 * Chromium through the browser preview: time from navigation to the first rows, and frame times while
 * scrolling the virtualized list. Writes bench/results/ui.json.
 *
 *   node bench/ui.ts [--clients N]
 */
import { chromium } from '@playwright/test';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startPreviewServer } from '../cli/preview/preview-server.ts';
import { openBackend } from '../db/backend.ts';
import { DATABASE_FILE } from '../db/paths.ts';
import { type Result, machine, percentiles, rated, table, timed } from './measure.ts';

const { values: flags } = parseArgs({ options: { clients: { type: 'string', default: '100000' } } });
const dataDir = join((await import('node:os')).tmpdir(), 'rapport-bench', `data-${flags.clients}`);
if (!existsSync(join(dataDir, 'seeded.json'))) {
  throw new Error(
    `No benchmark database in ${dataDir}: run \`node bench/data.ts --clients ${flags.clients}\` first.`,
  );
}
const rendererDir = resolve(import.meta.dirname, '..', 'out', 'renderer');
if (!existsSync(join(rendererDir, 'index.html'))) throw new Error('Run `npm run build` first.');

const BUDGET_FIRST_ROWS_MS = 300;
const RUNS = 10;
const results: Result[] = [];

const backend = await openBackend({ dataDir, dailyBackups: false });
const server = await startPreviewServer({ backend, rendererDir, port: 0 });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
try {
  const firstRows: number[] = [];
  const inApp: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const url = new URL(server.url);
    url.hash = '#/clients';
    await page.goto(url.toString());
    await page.getByTestId('client-name').first().waitFor();
    // Milliseconds since the navigation started, measured by the page itself.
    firstRows.push(await page.evaluate(() => performance.now()));
    // Then as people use it: from another screen to the Clients page, inside the running app.
    await page.evaluate(() => {
      window.location.hash = '#/settings';
    });
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    inApp.push(
      await page.evaluate(
        () =>
          new Promise<number>((done) => {
            const started = performance.now();
            window.location.hash = '#/clients';
            const check = () => {
              if (document.querySelector('[data-testid="client-name"]')) done(performance.now() - started);
              else requestAnimationFrame(check);
            };
            requestAnimationFrame(check);
          }),
      ),
    );
    if (run < RUNS - 1) await page.close();
    else {
      // Scroll the list steadily for two seconds and record every frame.
      const frames = await page.evaluate(async () => {
        const list = document.querySelector('[aria-label="Client list"]');
        if (!(list instanceof HTMLElement)) throw new Error('no client list');
        const deltas: number[] = [];
        let last = performance.now();
        const started = last;
        await new Promise<void>((done) => {
          const step = (now: number) => {
            deltas.push(now - last);
            last = now;
            list.scrollTop += 120;
            if (now - started < 2000) requestAnimationFrame(step);
            else done();
          };
          requestAnimationFrame(step);
        });
        return {
          deltas,
          scrolled: list.scrollTop,
          rows: document.querySelectorAll('[data-testid="client-name"]').length,
        };
      });
      results.push(
        timed(
          'Clients page: scroll frame time',
          percentiles(frames.deltas),
          undefined,
          `scrolled ${String(Math.round(frames.scrolled))} px; ${String(frames.rows)} rows in the DOM`,
        ),
      );
      await page.close();
    }
  }
  results.unshift(
    timed(
      'Clients page: first rows after navigating to it',
      percentiles(inApp),
      BUDGET_FIRST_ROWS_MS,
      'in the running app, from Settings to Clients: route, first API page of 100, render',
    ),
    timed(
      'Clients page: first rows on a cold start',
      percentiles(firstRows),
      undefined,
      'new tab each run: HTML, parsing the 1.1 MB bundle, first API page',
    ),
  );
  results.push(
    rated('frames per second while scrolling', 1000 / (results.at(-1)?.timing?.p50 ?? 1000), 'fps'),
  );
} finally {
  await browser.close();
  await server.close();
  backend.close();
}

const out = resolve(import.meta.dirname, 'results', 'ui.json');
mkdirSync(resolve(import.meta.dirname, 'results'), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify({ measuredAt: new Date().toISOString(), machine: machine(), database: join(dataDir, DATABASE_FILE), results }, null, 2)}\n`,
);
process.stdout.write(
  `\nUI benchmarks (Chromium, ${flags.clients} clients)\n\n${table(results)}\n\nWritten to ${out}\n`,
);
if (results.some((r) => r.ok === false)) process.exitCode = 1;
