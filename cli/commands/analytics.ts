import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError } from '../../shared/api/errors.ts';
import type { ParseArgsConfig } from 'node:util';
import { openExistingDatabase } from '../../db/inspect-database.ts';
import { DATABASE_FILE, defaultDataDir } from '../../db/paths.ts';
import { createDb } from '../../db/sql.ts';
import { paymentPurchases } from '../../db/analytics/payment-purchases.ts';
import {
  fitPaymentModels,
  paymentModelsAreStale,
  readPaymentModels,
  storePaymentModels,
} from '../../db/analytics/clv-model-store.ts';
import type { ClvModel, ClvModels } from '../../shared/domain/analytics-lifetime.ts';
import { isCalendarDate } from '../../shared/domain/fields.ts';
import { fitLifetimeValueModels, type LifetimeValueModel } from '../../db/analytics/clv/fit-models.ts';
import { type TimeUnit, timeUnits } from '../../db/analytics/clv/time-unit.ts';
import { readPurchasesCsv } from '../../db/analytics/purchases-csv.ts';
import { type CliIo, type Command, type OptionValues, UsageError } from '../command.ts';

/**
 * One `rapport analytics <name>`. Each declares its own options; the command accepts the union and refuses
 * an option given to a subcommand that does not take it, so adding one is adding an entry to the list.
 */
interface AnalyticsSubcommand {
  name: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  optionHelp: Record<string, string>;
  run(values: OptionValues, io: CliIo): Promise<number>;
}

const fit: AnalyticsSubcommand = {
  name: 'fit',
  usage: '--transactions FILE.csv [--unit week|day] [--until YYYY-MM-DD] [--json]',
  options: {
    transactions: { type: 'string' },
    unit: { type: 'string' },
    until: { type: 'string' },
    json: { type: 'boolean' },
  },
  optionHelp: {
    transactions: 'fit: a CSV with a header customer,date,amount[,currency]; dates YYYY-MM-DD.',
    unit: 'fit, clv: the unit of recency and age, week (default) or day.',
    until:
      'fit, clv: the last day observed; later purchases are left out (default: the last purchase’s day).',
    json: 'Print JSON for scripts ({models: [...]}, one model per currency) instead of a table.',
  },
  async run(values, io) {
    const path = values.transactions;
    if (typeof path !== 'string' || path === '') {
      throw new UsageError('--transactions FILE.csv is required: the purchases to fit the models to.');
    }
    const unit = unitOf(values.unit);
    const until = values.until;
    if (until !== undefined && (typeof until !== 'string' || !isCalendarDate(until))) {
      throw new UsageError(
        `--until is a day written YYYY-MM-DD, such as 1997-09-30, not '${String(until)}'.`,
      );
    }
    const { purchases } = await readPurchasesCsv(path);
    const warn = (message: string) => io.stderr.write(`rapport analytics: warning: ${message}\n`);
    const models = fitLifetimeValueModels(purchases, {
      unit,
      warn,
      ...(until === undefined ? {} : { until }),
    });
    io.stdout.write(values.json === true ? `${JSON.stringify({ models }, null, 2)}\n` : table(path, models));
    return 0;
  },
};

const clv: AnalyticsSubcommand = {
  name: 'clv',
  usage: '[--data-dir DIR] [--unit week|day] [--until YYYY-MM-DD] [--json]',
  options: {
    'data-dir': { type: 'string' },
    unit: { type: 'string' },
    until: { type: 'string' },
    json: { type: 'boolean' },
  },
  optionHelp: {
    'data-dir':
      'clv: the folder of the database whose payments the models are fitted on (default: the OS user-data folder).',
  },
  run(values, io) {
    const dataDir = typeof values['data-dir'] === 'string' ? resolve(values['data-dir']) : defaultDataDir();
    const unit = unitOf(values.unit);
    const until = untilOf(values.until);
    const file = join(dataDir, DATABASE_FILE);
    if (!existsSync(file))
      throw new AppError('not_found', `There is no Rapport database in ${dataDir}.`, { file });
    if (values.unit === undefined && until === undefined) {
      const answer = storedOrFreshModels(file);
      io.stdout.write(
        values.json === true ? `${JSON.stringify(answer, null, 2)}\n` : table(dataDir, answer.models),
      );
      return Promise.resolve(0);
    }
    // Another unit or end of observation than the app's: fitted for this run, never stored.
    const sqlite = openExistingDatabase(file);
    let purchases;
    try {
      purchases = paymentPurchases(createDb(sqlite));
    } finally {
      sqlite.close();
    }
    const warn = (message: string) => io.stderr.write(`rapport analytics: warning: ${message}\n`);
    const models = fitLifetimeValueModels(purchases, {
      unit,
      warn,
      ...(until === undefined ? {} : { until }),
    });
    io.stdout.write(
      values.json === true ? `${JSON.stringify({ models }, null, 2)}\n` : table(dataDir, models),
    );
    return Promise.resolve(0);
  },
};

/**
 * What `analytics.clvModel` answers for the database: the fits the app stored, or, when there are none
 * yet or payments changed since, a fit made now (weeks, up to today) and stored as the app would.
 */
function storedOrFreshModels(file: string): ClvModels {
  const sqlite = openExistingDatabase(file);
  try {
    const db = createDb(sqlite);
    if (paymentModelsAreStale(db)) {
      sqlite.pragma('query_only = OFF');
      const now = new Date();
      storePaymentModels(sqlite, fitPaymentModels(sqlite, db, now.toISOString().slice(0, 10), now));
    }
    return readPaymentModels(db);
  } finally {
    sqlite.close();
  }
}

const subcommands: readonly AnalyticsSubcommand[] = [fit, clv];

function untilOf(until: OptionValues[string]): string | undefined {
  if (until !== undefined && (typeof until !== 'string' || !isCalendarDate(until))) {
    throw new UsageError(`--until is a day written YYYY-MM-DD, such as 1997-09-30, not '${String(until)}'.`);
  }
  return until;
}

export const analyticsCommand: Command = {
  name: 'analytics',
  summary:
    'Fit the lifetime-value models (BG/NBD and Gamma-Gamma) to a CSV of purchases or to the payments of a database.',
  usage: subcommands.map((sub) => `${sub.name} ${sub.usage}`).join('\n       rapport analytics '),
  options: Object.fromEntries(subcommands.flatMap((sub) => Object.entries(sub.options))),
  optionHelp: Object.fromEntries(subcommands.flatMap((sub) => Object.entries(sub.optionHelp))),
  allowPositionals: true,
  run(values, positionals, io) {
    const [name, ...extra] = positionals;
    const sub = subcommands.find((candidate) => candidate.name === name);
    if (sub === undefined) {
      const known = subcommands.map((candidate) => candidate.name).join(', ');
      throw new UsageError(
        name === undefined ? `say what to do: ${known}.` : `unknown '${name}'; use ${known}.`,
      );
    }
    if (extra.length > 0) throw new UsageError(`unexpected ${extra.join(' ')}.`);
    const foreign = Object.keys(values).filter((option) => !(option in sub.options));
    if (foreign.length > 0) {
      throw new UsageError(
        `${foreign.map((option) => `--${option}`).join(', ')} is not an option of '${sub.name}'.`,
      );
    }
    return sub.run(values, io);
  },
};

function unitOf(value: OptionValues[string]): TimeUnit {
  if (value === undefined) return 'week';
  const unit = timeUnits.find((candidate) => candidate === value);
  if (unit === undefined) throw new UsageError(`--unit is week or day, not '${String(value)}'.`);
  return unit;
}

/** The models as a short table for people: one BG/NBD and one Gamma-Gamma line per currency. */
function table(path: string, models: readonly (ClvModel | LifetimeValueModel)[]): string {
  const first = models[0];
  const number = (value: number) => value.toPrecision(6);
  const lines = [
    `Lifetime-value models of ${path}, purchases up to ${first?.until ?? ''}, time in ${first?.unit ?? ''}s`,
    '',
    `  ${'currency'.padEnd(9)} ${'model'.padEnd(12)} ${'customers'.padStart(9)}  ${'log-likelihood'.padStart(15)}  parameters`,
  ];
  for (const model of models) {
    const { bgnbd, gammaGamma } = model;
    const currency = (model.currency ?? '(none)').padEnd(9);
    lines.push(
      `  ${currency} ${'BG/NBD'.padEnd(12)} ${String(bgnbd.customers).padStart(9)}  ${bgnbd.logLikelihood.toFixed(4).padStart(15)}  r ${number(bgnbd.r)}  alpha ${number(bgnbd.alpha)}  a ${number(bgnbd.a)}  b ${number(bgnbd.b)}`,
      `  ${''.padEnd(9)} ${'Gamma-Gamma'.padEnd(12)} ${String(gammaGamma.customers).padStart(9)}  ${gammaGamma.logLikelihood.toFixed(4).padStart(15)}  p ${number(gammaGamma.p)}  q ${number(gammaGamma.q)}  v ${number(gammaGamma.v)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
