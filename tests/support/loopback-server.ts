import { buildServer } from '../../server/app.ts';
import { type ServiceOptions, SyncService } from '../../server/service.ts';

/** A sync server running on 127.0.0.1 for a test, and how to stop it and close its store. */
export interface LoopbackServer {
  url: string;
  service: SyncService;
  stop: () => Promise<void>;
}

/** Serves a sync service over `options.store` on a free loopback port; several may share one database. */
export async function serveOnLoopback(
  options: ServiceOptions & { trustProxy?: string | undefined },
): Promise<LoopbackServer> {
  const { trustProxy, ...serviceOptions } = options;
  const service = new SyncService(serviceOptions);
  const app = buildServer({ service, trustProxy: trustProxy ?? null });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return {
    url: `http://127.0.0.1:${String(address.port)}`,
    service,
    stop: async () => {
      await app.close();
      await options.store.close();
    },
  };
}
