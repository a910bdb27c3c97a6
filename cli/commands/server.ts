import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError } from '../../shared/api/errors.ts';
import { buildServer } from '../../server/app.ts';
import { ServiceError } from '../../server/service-error.ts';
import { SyncService } from '../../server/service.ts';
import { type ServerStore, openPostgresStore, openSqliteStore } from '../../server/store.ts';
import { type CliIo, type Command, type OptionValues, UsageError } from '../command.ts';

/** The server's database file inside --data-dir. */
export const SERVER_DATABASE_FILE = 'rapport-server.db';

const subcommands = ['start', 'create-team', 'add-user', 'disable-user', 'devices', 'revoke-device'] as const;
type Subcommand = (typeof subcommands)[number];

export const serverCommand: Command = {
  name: 'server',
  summary: 'Run the team sync server, and manage its teams, users and devices.',
  usage: [
    'start (--data-dir DIR | --database-url URL) [--port N] [--host H] [--tls-cert FILE --tls-key FILE] [--trust-proxy ADDRS]',
    '       rapport server create-team --data-dir DIR --name NAME --admin-email E --admin-password P',
    '       rapport server add-user --data-dir DIR --team NAME --email E --password P [--role admin|member]',
    '       rapport server disable-user --data-dir DIR --email E',
    '       rapport server devices --data-dir DIR [--team NAME]',
    '       rapport server revoke-device --data-dir DIR --device ID',
  ].join('\n'),
  options: {
    'data-dir': { type: 'string' },
    'database-url': { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    'trust-proxy': { type: 'string' },
    name: { type: 'string' },
    team: { type: 'string' },
    email: { type: 'string' },
    password: { type: 'string' },
    role: { type: 'string' },
    'admin-email': { type: 'string' },
    'admin-password': { type: 'string' },
    device: { type: 'string' },
  },
  optionHelp: {
    'data-dir': 'Folder of the server database (an embedded SQLite file).',
    'database-url':
      'postgres://user:password@host:5432/db: run on PostgreSQL instead (several servers may share it).',
    port: 'Port to listen on (default 8787; 0: any free port).',
    host: 'Address to listen on (default 127.0.0.1; 0.0.0.0 for the network, behind TLS).',
    'tls-cert': 'PEM certificate for HTTPS (with --tls-key), or terminate TLS in a reverse proxy.',
    'tls-key': 'PEM private key for HTTPS.',
    'trust-proxy':
      'Addresses (or CIDRs, comma-separated) of the reverse proxies in front: sign-in limits then count the address they forward.',
    name: 'create-team: the team name.',
    team: 'The team name.',
    email: 'The user’s email.',
    password: 'The user’s password (at least 8 characters).',
    role: 'add-user: admin or member (default member).',
    'admin-email': 'create-team: the first admin’s email.',
    'admin-password': 'create-team: the first admin’s password.',
    device: 'revoke-device: the device id (see `devices`).',
  },
  allowPositionals: true,
  async run(values, positionals, io) {
    const [sub, ...extra] = positionals;
    if (!sub || !(subcommands as readonly string[]).includes(sub)) {
      throw new UsageError(`say what to do: ${subcommands.join(', ')}.`);
    }
    if (extra.length > 0) throw new UsageError(`unexpected ${extra.join(' ')}.`);
    const databaseUrl = values['database-url'];
    if (typeof databaseUrl === 'string' && values['data-dir'] !== undefined) {
      throw new UsageError('give --data-dir or --database-url, not both.');
    }
    if (typeof databaseUrl === 'string' && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
      throw new UsageError('--database-url must start with postgres://');
    }
    if (typeof databaseUrl !== 'string' && typeof values['data-dir'] !== 'string') {
      throw new UsageError('--data-dir DIR (or --database-url postgres://…) is required.');
    }
    const store =
      typeof databaseUrl === 'string'
        ? await openPostgresStore(databaseUrl).catch((error: unknown) => {
            throw new AppError(
              'unavailable',
              `PostgreSQL cannot be reached at ${redact(databaseUrl)}: ${String(error)}`,
            );
          })
        : await openSqliteStore(join(resolve(String(values['data-dir'])), SERVER_DATABASE_FILE));
    const service = new SyncService({ store });
    try {
      if (sub === 'start') return await start(service, store, values, io);
      return await admin(sub as Exclude<Subcommand, 'start'>, service, values, io);
    } catch (error) {
      if (error instanceof ServiceError)
        throw new AppError(error.status === 404 ? 'not_found' : 'validation', error.message);
      throw error;
    } finally {
      if (sub !== 'start') await store.close();
    }
  },
};

/** The URL without its password, for messages. */
function redact(url: string): string {
  return url.replace(/:\/\/([^:/@]+):[^@]*@/, '://$1:***@');
}

function required(values: OptionValues, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required.`);
  return value;
}

async function admin(
  sub: Exclude<Subcommand, 'start'>,
  service: SyncService,
  values: OptionValues,
  io: CliIo,
): Promise<number> {
  switch (sub) {
    case 'create-team': {
      const name = required(values, 'name');
      await service.createTeam({
        name,
        adminEmail: required(values, 'admin-email'),
        adminPassword: required(values, 'admin-password'),
      });
      io.stdout.write(`Created team “${name}” with admin ${required(values, 'admin-email')}.\n`);
      return 0;
    }
    case 'add-user': {
      const role = values.role ?? 'member';
      if (role !== 'admin' && role !== 'member') throw new UsageError('--role is admin or member.');
      await service.addUser({
        team: required(values, 'team'),
        email: required(values, 'email'),
        password: required(values, 'password'),
        role,
      });
      io.stdout.write(`Added ${required(values, 'email')} to “${required(values, 'team')}” as ${role}.\n`);
      return 0;
    }
    case 'disable-user':
      await service.disableUser(required(values, 'email'));
      io.stdout.write(`Disabled ${required(values, 'email')}: their laptops can no longer sync.\n`);
      return 0;
    case 'revoke-device':
      await service.revokeDevice(required(values, 'device'));
      io.stdout.write(`Revoked device ${required(values, 'device')}: it can no longer sync.\n`);
      return 0;
    case 'devices': {
      const devices = await service.devices(typeof values.team === 'string' ? values.team : undefined);
      if (devices.length === 0) io.stdout.write('No devices have signed in yet.\n');
      for (const device of devices) {
        io.stdout.write(
          `${device.id}  ${device.email}  ${device.name}  last seen ${device.last_seen_at}${device.revoked_at ? '  REVOKED' : ''}\n`,
        );
      }
      return 0;
    }
  }
}

async function start(
  service: SyncService,
  store: ServerStore,
  values: OptionValues,
  io: CliIo,
): Promise<number> {
  const port = values.port === undefined ? 8787 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError('--port is a number from 0 to 65535.');
  const host = typeof values.host === 'string' ? values.host : '127.0.0.1';
  const cert = values['tls-cert'];
  const key = values['tls-key'];
  if ((cert === undefined) !== (key === undefined))
    throw new UsageError('give both --tls-cert and --tls-key, or neither.');
  const https =
    typeof cert === 'string' && typeof key === 'string'
      ? { cert: readFileSync(cert), key: readFileSync(key) }
      : null;
  const trustProxy = typeof values['trust-proxy'] === 'string' ? values['trust-proxy'] : null;
  const app = buildServer({ service, logger: true, https, trustProxy });
  await app.listen({ host, port });
  const address = app.server.address();
  const actualPort = address && typeof address !== 'string' ? address.port : port;
  io.stdout.write(`Rapport sync server: ${https ? 'https' : 'http'}://${host}:${String(actualPort)}\n`);
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  // Finishes the requests in flight (a push commits or not at all), then closes the database.
  await app.close();
  await store.close();
  return 0;
}
