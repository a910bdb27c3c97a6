import { AppError } from '../../shared/api/errors.ts';
import type { LocalMethod, MethodInput, MethodOutput } from '../../shared/api/contract.ts';
import type { LifecycleStage } from '../../shared/domain/client.ts';
import { defaultCallOutcomes } from '../../shared/domain/interaction.ts';
import {
  competitors,
  industries,
  regions,
  type SeedLanguage,
  seedLanguages,
  segments,
  sources,
  words,
} from './names.ts';
import { Random } from './random.ts';

/** How many clients the demo company has. */
const DEMO_CLIENTS = 42;

export interface DemoSeedOptions {
  now?: Date;
  seed?: number;
  /** The user's time zone, for the follow-ups due "today" (default: this machine's). */
  timeZone?: string;
  onProgress?: (done: number, total: number) => void;
}

/** What the demo made, per kind of record. */
export type DemoCounts = Record<string, number>;

const DAY = 86_400_000;
const HOUR = 3_600_000;

/**
 * Fills an empty database with a small, living company: a team of four, clients in English, Russian and
 * Kazakh with their contacts, a year of calls, meetings and notes, deals in every stage, invoices and
 * payments, competitors' offers, service requests, a campaign, tags, and follow-ups overdue, due today
 * and coming up, so a newcomer sees every screen with something in it. Everything goes through the API
 * methods, exactly as if people had typed it, so it has history and syncs like any other data; `app.loadDemo`
 * runs it in one transaction, so it is added whole or not at all.
 */
/** Calls one API method and returns its result at once (inside the caller's transaction). */
export type SyncCall = <M extends LocalMethod>(method: M, input: MethodInput<M>) => MethodOutput<M>;

export function seedDemo(call: SyncCall, options: DemoSeedOptions = {}): DemoCounts {
  const clients = call('clients.list', { limit: 1 });
  const members = call('users.list', { limit: 1 });
  if (clients.items.length > 0 || members.items.length > 0) {
    throw new AppError(
      'conflict',
      'This database already has data; demo data is only added to an empty one.',
    );
  }
  const now = options.now ?? new Date();
  const timeZone = options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const r = new Random(options.seed ?? 2026);
  const counts: DemoCounts = {};
  const count = (kind: string, n = 1) => {
    counts[kind] = (counts[kind] ?? 0) + n;
  };
  const iso = (ms: number) => new Date(ms).toISOString();
  const day = (ms: number) => localDate(ms, timeZone);

  const team: string[] = [];
  for (const [name, email, role] of [
    ['Aigerim Sadykova', 'aigerim@rapport.example', 'admin'],
    ['Дмитрий Орлов', 'dmitry@rapport.example', 'member'],
    ['Нұрлан Әбенов', 'nurlan@rapport.example', 'member'],
    ['Emily Clarke', 'emily@rapport.example', 'member'],
  ] as const) {
    team.push(call('users.create', { name, email, role }).id);
    count('team_member');
  }
  const tagIds: string[] = [];
  for (const [name, color] of [
    ['Key account', '#e03131'],
    ['Wholesale', '#1971c2'],
    ['Slow payer', '#f08c00'],
    ['Export', '#0c8599'],
  ] as const) {
    tagIds.push(call('tags.create', { name, color }).id);
    count('tag');
  }
  const campaign = call('campaigns.create', {
    name: 'Spring trade show 2026',
    channel: 'Event',
    startsOn: day(now.getTime() - 200 * DAY),
    endsOn: day(now.getTime() - 197 * DAY),
    cost: { amount: 1_500_000, currency: 'KZT' },
  });
  count('campaign');

  for (let i = 0; i < DEMO_CLIENTS; i++) {
    const language: SeedLanguage = seedLanguages[i % seedLanguages.length] ?? 'en';
    const w = words[language];
    const isCompany = i % 5 !== 4;
    const stage: LifecycleStage = r.weighted([
      ['prospect', 1],
      ['lead', 2],
      ['active', 5],
      ['loyal', 3],
      ['lapsed', 1],
      ['lost', 0.5],
    ] as const);
    const name = isCompany
      ? `${w.companyStems[i % w.companyStems.length] ?? 'Client'} ${r.pick(w.companyForms)}`
      : `${r.pick(w.firstNames)} ${r.pick(w.lastNames)}`;
    const owner = r.pick(team);
    const city = r.pick(w.cities);
    const currency = language === 'en' ? r.pick(['USD', 'EUR']) : language === 'ru' ? 'RUB' : 'KZT';
    const client = call('clients.create', {
      name,
      kind: isCompany ? 'company' : 'person',
      industry: r.pick(industries),
      segment: r.pick(segments),
      stage,
      vip: i % 9 === 0,
      ownerId: owner,
      source: r.pick(sources),
      region: r.pick(regions),
      address: { street: `${r.pick(w.streets)} ${String(r.int(1, 90))}`, city },
      website: isCompany
        ? `${name.toLowerCase().replace(/[^a-z]+/g, '') || `client${String(i)}`}.example`
        : null,
      paymentTerms: r.chance(0.5) ? r.pick(['Net 30', 'Net 14', 'Prepayment', '50% upfront']) : null,
      notes: r.pick(w.notes),
    });
    count('client');
    for (const tag of tagIds) {
      if (r.chance(0.2)) {
        call('clients.tag', { clientId: client.id, tagId: tag });
        count('client_tag');
      }
    }

    const contactIds: string[] = [];
    const contacts = isCompany ? r.int(1, 3) : 1;
    for (let c = 0; c < contacts; c++) {
      const first = r.pick(w.firstNames);
      const contactName = isCompany ? `${first} ${r.pick(w.lastNames)}` : name;
      const mailbox = `${first.toLowerCase().replace(/[^a-z]/g, '') || 'info'}${String(r.int(1, 99))}`;
      const contact = call('contacts.create', {
        clientId: client.id,
        name: contactName,
        role: isCompany ? r.pick(w.roles) : null,
        emails: [{ value: `${mailbox}@mail.example`, label: 'work' }],
        phones: [
          {
            value: `+7 7${r.digits(2)} ${r.digits(3)} ${r.digits(2)} ${r.digits(2)}`,
            label: 'mobile',
          },
        ],
        preferredChannel: r.pick(['phone', 'email', 'message', 'meeting', 'any']),
        birthday: r.chance(0.3)
          ? `19${String(r.int(60, 99))}-0${String(r.int(1, 9))}-1${String(r.int(0, 9))}`
          : null,
      });
      contactIds.push(contact.id);
      count('contact');
    }

    // A year of dealings; the lapsed ones went quiet months ago.
    const quietFor = stage === 'lapsed' || stage === 'lost' ? r.int(90, 200) : r.int(1, 25);
    const interactions = stage === 'prospect' ? r.int(1, 3) : r.int(6, 18);
    for (let n = 0; n < interactions; n++) {
      const at =
        now.getTime() - quietFor * DAY - Math.floor(r.next() * (365 - quietFor) * DAY) - r.int(0, 8) * HOUR;
      const kind = r.weighted([
        ['call', 8],
        ['email', 3],
        ['meeting', 2],
        ['visit', 1],
        ['message', 2],
        ['note', 1],
      ] as const);
      call('interactions.log', {
        clientId: client.id,
        contactId: kind === 'note' ? null : r.pick(contactIds),
        userId: r.pick(team),
        kind,
        direction: kind === 'note' ? null : r.chance(0.6) ? 'outbound' : 'inbound',
        occurredAt: iso(at),
        durationS: kind === 'call' ? r.int(40, 1500) : kind === 'meeting' ? r.int(1800, 5400) : null,
        outcome: kind === 'call' ? r.pick(defaultCallOutcomes) : null,
        summary:
          kind === 'meeting' || kind === 'visit' ? r.pick(w.meetingSummaries) : r.pick(w.callSummaries),
        body: r.chance(0.6) ? `${r.pick(w.bodySentences)} ${r.pick(w.bodySentences)}` : null,
      });
      count('interaction');
    }

    // The next step: overdue for some, due today for some, coming up for the rest.
    if (stage !== 'lost') {
      const slot = i % 6;
      const title = r.pick(w.followupTitles);
      const common = {
        clientId: client.id,
        contactId: r.pick(contactIds),
        assigneeId: owner,
        priority: slot === 0 ? ('high' as const) : ('normal' as const),
        title,
      };
      if (slot === 0 || slot === 1) {
        call('followups.create', {
          ...common,
          dueAt: iso(now.getTime() - r.int(1, 9) * DAY - r.int(0, 6) * HOUR),
        });
      } else if (slot === 2 || slot === 3) {
        call('followups.create', { ...common, dueOn: day(now.getTime()), timeZone });
      } else {
        call('followups.create', {
          ...common,
          dueOn: day(now.getTime() + r.int(1, 20) * DAY),
          timeZone,
        });
      }
      count('followup');
    }

    if (stage === 'active' || stage === 'loyal' || stage === 'lapsed') {
      const payments = r.int(2, 6);
      for (let p = 0; p < payments; p++) {
        const issued = now.getTime() - r.int(10, 350) * DAY;
        const amount = r.int(20, 900) * (currency === 'KZT' ? 10_000 : currency === 'RUB' ? 1_000 : 100);
        const paid = r.chance(0.8);
        call('payments.record', {
          clientId: client.id,
          kind: 'invoice',
          amount,
          cost: Math.round(amount * (0.45 + r.next() * 0.3)),
          currency,
          issuedOn: day(issued),
          dueOn: day(issued + 30 * DAY),
          reference: `INV-${String(1000 + i * 10 + p)}`,
        });
        count('payment');
        if (paid) {
          const paidOn = day(Math.min(now.getTime(), issued + r.int(3, 40) * DAY));
          call('payments.record', {
            clientId: client.id,
            kind: 'payment',
            amount,
            currency,
            issuedOn: paidOn,
            paidOn,
            reference: `INV-${String(1000 + i * 10 + p)}`,
          });
          count('payment');
        }
      }
    }

    if (stage !== 'prospect' && r.chance(0.6)) {
      const dealStage = r.pick(['qualification', 'proposal', 'negotiation', 'won', 'lost'] as const);
      const closed = dealStage === 'won' || dealStage === 'lost';
      const amount = r.int(5, 120) * (currency === 'KZT' ? 100_000 : currency === 'RUB' ? 10_000 : 1_000);
      const deal = call('deals.create', {
        clientId: client.id,
        title: r.pick(w.dealTitles),
        stage: dealStage,
        value: { amount, currency },
        probability: closed ? (dealStage === 'won' ? 100 : 0) : r.pick([20, 40, 60, 80]),
        expectedCloseOn: day(now.getTime() + r.int(-30, 90) * DAY),
        closedOn: closed ? day(now.getTime() - r.int(1, 60) * DAY) : null,
        reason: dealStage === 'lost' ? 'Price' : null,
        competitor: dealStage === 'lost' ? r.pick(competitors) : null,
        ownerId: owner,
      });
      count('deal');
      if (r.chance(0.5)) {
        call('competitorOffers.create', {
          clientId: client.id,
          dealId: deal.id,
          competitor: r.pick(competitors),
          offer: r.pick(w.bodySentences),
          price: { amount: Math.round(amount * 0.93), currency },
          offeredOn: day(now.getTime() - r.int(5, 90) * DAY),
        });
        count('competitor_offer');
      }
    }

    if (r.chance(0.2) && contactIds.length > 0) {
      call('serviceRequests.open', {
        clientId: client.id,
        contactId: r.pick(contactIds),
        assigneeId: r.pick(team),
        title: r.pick(w.serviceTitles),
        priority: r.pick(['low', 'normal', 'high', 'urgent']),
      });
      count('service_request');
    }

    if (i % 3 === 0) {
      const member = call('campaigns.addMember', { campaignId: campaign.id, clientId: client.id });
      const status = r.pick(['targeted', 'responded', 'converted'] as const);
      if (status !== 'targeted') {
        call('campaigns.updateMember', {
          id: member.id,
          status,
          respondedOn: day(now.getTime() - r.int(150, 195) * DAY),
        });
      }
      count('campaign_member');
    }
    options.onProgress?.(i + 1, DEMO_CLIENTS);
  }
  return counts;
}

/** The calendar date (YYYY-MM-DD) of `ms` in `timeZone`. */
function localDate(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(ms));
  return parts;
}
