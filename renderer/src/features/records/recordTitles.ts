import { useQuery } from '@tanstack/react-query';
import type { ApiClient } from '../../../../shared/api/client.ts';
import type { Method, MethodInput, MethodOutput } from '../../../../shared/api/contract.ts';
import type { EntityTable } from '../../../../shared/entities/entities.ts';
import { useApi } from '../../api/ApiProvider.tsx';
import { apiQueryKey } from '../../api/queryEntities.ts';

/** How to read one record of a table and what a person calls it (a name, a title); null: no name. */
interface TitleReader<M extends Method = Method> {
  method: M;
  input: (id: string) => MethodInput<M>;
  title: (answer: MethodOutput<M>, id: string) => string | null;
}

const reader = <M extends Method>(
  method: M,
  input: (id: string) => MethodInput<M>,
  title: (answer: MethodOutput<M>, id: string) => string | null,
): TitleReader => ({ method, input, title }) as unknown as TitleReader;

const byId = (id: string) => ({ id });

/**
 * Every synced table, with the call that reads a record of it and its title: a new table is a compile
 * error here until it says how it is named. Join rows (a tag on a client, a campaign member) have none.
 */
const titleReaders = {
  client: reader('clients.get', byId, (client) => client.name),
  team_member: reader('users.get', byId, (member) => member.name),
  contact: reader('contacts.get', byId, (contact) => contact.name),
  interaction: reader('interactions.get', byId, (interaction) => interaction.summary),
  followup: reader('followups.get', byId, (followup) => followup.title),
  deal: reader('deals.get', byId, (deal) => deal.title),
  payment: reader('payments.get', byId, (payment) => payment.reference),
  competitor_offer: reader('competitorOffers.get', byId, (offer) => offer.competitor),
  service_request: reader('serviceRequests.get', byId, (request) => request.title),
  campaign: reader('campaigns.get', byId, (campaign) => campaign.name),
  campaign_member: null,
  tag: reader(
    'tags.list',
    () => ({ limit: 500 }),
    (page, id) => page.items.find((tag) => tag.id === id)?.name ?? null,
  ),
  client_tag: null,
} satisfies Record<EntityTable, TitleReader | null>;

/** What the record is called, once read: `null` while loading, when it has no name, or is gone. */
export interface RecordTitle {
  title: string | null;
  loading: boolean;
  /** Deleted, merged away, or never synced to this laptop. */
  missing: boolean;
}

/**
 * The name of the record `id` of `table`, read through the same cached call the record's own screen
 * uses (so it is read once and refreshed when the record changes).
 */
export function useRecordTitle(table: EntityTable, id: string): RecordTitle {
  const api = useApi();
  const readerOf: TitleReader | null = titleReaders[table];
  const query = useQuery({
    queryKey: readerOf ? apiQueryKey(readerOf.method, readerOf.input(id)) : ['none', table, id],
    queryFn: () => (readerOf ? callReader(api, readerOf, id) : null),
    enabled: readerOf !== null,
    retry: false,
    select: (answer: unknown) => (readerOf && answer ? readerOf.title(answer as never, id) : null),
  });
  return {
    title: query.data ?? null,
    loading: query.isPending && readerOf !== null,
    missing: query.isError || (query.isSuccess && query.data === null && table === 'tag'),
  };
}

function callReader(api: ApiClient, { method, input }: TitleReader, id: string): Promise<unknown> {
  return api.call(method, input(id));
}
