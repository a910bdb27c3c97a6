/**
 * How fast the import readers turn files into rows, and how little memory they hold: a 100k-row CSV and
 * vCard, and a 200 MB CSV with the growth of RSS while it streams. Only reading (detect + parse), no
 * mapping or writing. Writes bench/results/import-formats.json. `node bench/import-formats.ts`.
 */
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectSource } from '../db/import/detect.ts';
import { readSource } from '../db/import/read-source.ts';
import { capped, machine, rated, table, type Result } from './measure.ts';

const dir = mkdtempSync(join(tmpdir(), 'rapport-import-bench-'));

async function write(
  path: string,
  lines: (i: number) => string,
  until: (i: number, bytes: number) => boolean,
): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  let i = 0;
  while (until(i, bytes)) {
    let chunk = '';
    while (chunk.length < 1 << 20 && until(i, bytes + chunk.length)) chunk += lines(i++);
    bytes += chunk.length;
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
  return bytes;
}

async function measure(path: string): Promise<{ rows: number; seconds: number; rssGrowthMiB: number }> {
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  let rows = 0;
  const started = performance.now();
  for await (const _ of readSource(path, await detectSource(path))) {
    if ((++rows & 4095) === 0) peak = Math.max(peak, process.memoryUsage().rss);
  }
  return { rows, seconds: (performance.now() - started) / 1000, rssGrowthMiB: (peak - before) / 2 ** 20 };
}

const header = 'First Name,Last Name,Company,Email,Phone,City,Notes\n';
const csvLine = (i: number) =>
  i === 0
    ? header
    : `Name${i},Фамилия${i},"Company ${i % 977}, LLC",p${i}@example.com,+7 701 ${String(i).padStart(7, '0')},Almaty,"A note, with commas"\n`;
const vcardCard = (i: number) =>
  `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Name${i} Фамилия${i}\r\nN:Фамилия${i};Name${i};;;\r\nORG:Company ${i % 977};Sales\r\nEMAIL;TYPE=work:p${i}@example.com\r\nTEL;TYPE=cell:+7 701 ${String(i).padStart(7, '0')}\r\nEND:VCARD\r\n`;

const results: Result[] = [];
try {
  const csv = join(dir, 'clients-100k.csv');
  await write(csv, csvLine, (i) => i <= 100_000);
  const csvRun = await measure(csv);
  results.push(rated('CSV 100k rows: rows per second', csvRun.rows / csvRun.seconds, 'rows/s'));

  const vcf = join(dir, 'contacts-100k.vcf');
  await write(vcf, vcardCard, (i) => i < 100_000);
  const vcfRun = await measure(vcf);
  results.push(rated('vCard 100k cards: cards per second', vcfRun.rows / vcfRun.seconds, 'cards/s'));

  const big = join(dir, 'big.csv');
  const bytes = await write(big, csvLine, (_, written) => written < 200 * 2 ** 20);
  const bigRun = await measure(big);
  results.push(rated('CSV 200 MB: MB per second', bytes / 2 ** 20 / bigRun.seconds, 'MB/s'));
  results.push(capped('CSV 200 MB: RSS growth while streaming', bigRun.rssGrowthMiB, 'MiB', 100));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const out = join(import.meta.dirname, 'results', 'import-formats.json');
mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify({ measuredAt: new Date().toISOString(), machine: machine(), results }, null, 2)}\n`,
);
process.stdout.write(`\nImport readers\n\n${table(results)}\n\nWritten to ${out}\n`);
