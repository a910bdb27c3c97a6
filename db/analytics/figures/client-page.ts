import type {
  AnalyticsClientsInput,
  ClientFigures,
  clientFigureSorts,
} from '../../../shared/domain/analytics.ts';
import type { ReadDb } from '../../sql.ts';
import { readPaymentModels } from '../clv-model-store.ts';
import { firstInOrder } from '../first-in-order.ts';
import type { Scope } from '../scope.ts';
import { readAnalyticsSettings } from '../settings.ts';
import type { LifetimeFigures } from './lifetime.ts';
import { scopeLifetimeFigures, someLifetimeFigures } from './lifetime-figures.ts';
import { withLifetimeFigures } from './lifetime-report.ts';
import { withSegments } from './segments.ts';

type Sort = (typeof clientFigureSorts)[number];
type LifetimeSort = 'predictedValue' | 'historicValue' | 'churnRisk' | 'pAlive';

/** The sorts that need every client's lifetime figures, not only the page's. */
const lifetimeSorts = new Set<Sort>(['predictedValue', 'historicValue', 'churnRisk', 'pAlive']);

function isLifetimeSort(sort: Sort): sort is LifetimeSort {
  return lifetimeSorts.has(sort);
}

/** String.localeCompare's order, many times faster when a sort compares 100k names. */
const byName = new Intl.Collator();

/** What a page of analytics.clients asks for. */
export type ClientPageRequest = Required<
  Pick<AnalyticsClientsInput, 'sort' | 'direction' | 'offset' | 'limit'>
> & { unprofitable: boolean | undefined };

/**
 * One page of the clients' figures in the order asked for: by a figure (a client without it, null,
 * last in either direction), then by name and id. Only the page's rows are picked in order
 * (firstInOrder), copied, scored for RFM and ABC (among all paying clients, segments.ts) and given
 * their lifetime figures; a client's predictions do not depend on the others', so only the page's are
 * made unless the page is sorted by them. `figures` are shared with later answers: never changed.
 */
export function clientFiguresPage(
  db: ReadDb,
  scope: Scope,
  figures: readonly ClientFigures[],
  { sort, direction, unprofitable, offset, limit }: ClientPageRequest,
  now: Date,
): { items: ClientFigures[]; total: number } {
  const kept = unprofitable ? figures.filter((client) => client.profitAfterService < 0) : figures;
  const settings = readAnalyticsSettings(db);
  const lifetime = isLifetimeSort(sort)
    ? scopeLifetimeFigures(db, scope, settings, readPaymentModels(db), now)
    : null;
  const rows = kept.map((client) => ({ client, value: valueOf(client, sort, lifetime) }));
  const sign = direction === 'asc' ? 1 : -1;
  const picked = firstInOrder(rows, offset + limit, (a, b) => {
    if (sort === 'name')
      return (
        sign * byName.compare(a.client.name, b.client.name) ||
        byName.compare(a.client.clientId, b.client.clientId)
      );
    const [x, y] = [a.value, b.value];
    const byValue = x === null || y === null ? (x === null ? 1 : 0) - (y === null ? 1 : 0) : sign * (x - y);
    return (
      byValue ||
      byName.compare(a.client.name, b.client.name) ||
      byName.compare(a.client.clientId, b.client.clientId)
    );
  }).slice(offset);
  const today = now.toISOString().slice(0, 10);
  const page = withSegments(
    db,
    scope,
    picked.map(({ client }) => ({ ...client })),
    today,
  );
  const ids = page.map((client) => client.clientId);
  withLifetimeFigures(
    page,
    lifetime ?? someLifetimeFigures(db, scope, settings, readPaymentModels(db), now, ids),
  );
  return { items: page, total: kept.length };
}

/** The figure a row is sorted by; a lifetime figure from the client's lifetime figures, if it has any. */
function valueOf(
  client: ClientFigures,
  sort: Sort,
  lifetime: ReadonlyMap<string, LifetimeFigures> | null,
): number | null {
  if (sort === 'name') return 0;
  if (lifetime === null || !isLifetimeSort(sort)) return client[sort];
  return (lifetime.get(client.clientId) ?? client)[sort];
}
