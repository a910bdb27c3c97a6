import { defaultCallOutcomes } from '../../shared/domain/interaction.ts';
import { DAY, type DemoClient, type DemoContext, HOUR } from './demo-life.ts';
import { words } from './names.ts';

const MINUTE = 60;

/**
 * The calls, meetings, visits, emails and notes of a client's life, from the day it was found until it
 * went quiet (or a few days ago), with their durations: the minutes behind "cost to serve". A client
 * heavy to serve is called and visited every week or so, at length. Some calls set a next step, done
 * later on time or late, for the team's follow-up discipline.
 */
export function writeInteractions(ctx: DemoContext, client: DemoClient): void {
  const { r, now } = ctx;
  const { life } = client;
  const heavy = life.burdens.has('service-heavy');
  const start = life.acquiredAt + HOUR;
  const end = Math.min(life.activeUntil, now - HOUR);
  if (end <= start) return;
  const every = heavy ? r.int(10, 14) : life.rhythm === 'none' ? r.int(15, 30) : r.int(40, 70);
  const n = Math.max(1, Math.round((end - start) / (every * DAY)));
  for (let k = 0; k < n; k++) {
    // The last one ends the span: the client's last contact is when it went quiet, or lately.
    const at = k === n - 1 ? end : start + Math.floor(r.next() * (end - start));
    writeInteraction(ctx, client, at, heavy);
  }
}

function writeInteraction(ctx: DemoContext, client: DemoClient, at: number, heavy: boolean): void {
  const { r, now, team } = ctx;
  const w = words[client.language];
  const kind = r.weighted([
    ['call', 8],
    ['email', 3],
    ['meeting', heavy ? 3 : 2],
    ['visit', heavy ? 3 : 1],
    ['message', 2],
    ['note', 1],
  ] as const);
  const minutes =
    kind === 'call'
      ? heavy
        ? r.int(15, 50)
        : r.int(1, 20)
      : kind === 'meeting'
        ? r.int(30, 90)
        : kind === 'visit'
          ? r.int(heavy ? 90 : 45, heavy ? 240 : 150)
          : null;
  const due = at + r.int(1, 7) * DAY;
  const nextStep = (kind === 'call' || kind === 'meeting') && due < now - 2 * DAY && r.chance(0.2);
  const { followup } = ctx.at(at)('interactions.log', {
    clientId: client.id,
    contactId: kind === 'note' ? null : r.pick(client.contactIds),
    userId: r.chance(0.75) ? client.ownerId : r.pick(team),
    kind,
    direction: kind === 'note' ? null : r.chance(0.6) ? 'outbound' : 'inbound',
    occurredAt: ctx.iso(at),
    durationS: minutes === null ? null : minutes * MINUTE + r.int(0, 59),
    outcome: kind === 'call' ? r.pick(defaultCallOutcomes) : null,
    summary: kind === 'meeting' || kind === 'visit' ? r.pick(w.meetingSummaries) : r.pick(w.callSummaries),
    body: r.chance(0.5) ? `${r.pick(w.bodySentences)} ${r.pick(w.bodySentences)}` : null,
    ...(nextStep ? { nextStep: { title: r.pick(w.followupTitles), dueAt: ctx.iso(due) } } : {}),
  });
  ctx.count('interaction');
  if (!followup) return;
  ctx.count('followup');
  // Three in four done by the day they were due, the rest a few days late.
  const done = r.chance(0.75) ? at + Math.floor(r.next() * (due - at)) : due + r.int(1, 6) * DAY;
  ctx.at(Math.min(done, now - HOUR))('followups.complete', { id: followup.id });
}

/**
 * The client's service requests: a few for most buyers, a stream for those heavy to serve; resolved in
 * hours or days with the client's rating (lower where service is a burden), the recent ones still open.
 */
export function writeServiceRequests(ctx: DemoContext, client: DemoClient): void {
  const { r, now, team } = ctx;
  const { life } = client;
  const first = life.purchases[0];
  if (first === undefined) return;
  const heavy = life.burdens.has('service-heavy');
  const n = heavy
    ? r.int(7, 10)
    : r.weighted([
        [0, 5],
        [1, 3],
        [2, 1.5],
        [3, 0.5],
      ] as const);
  const end = Math.min(life.activeUntil, now - HOUR);
  const w = words[client.language];
  for (let k = 0; k < n; k++) {
    // Those heavy to serve always have one on the go.
    const latest = heavy && k === n - 1;
    const from = latest ? Math.max(first, end - 20 * DAY) : first;
    const opened = from + Math.floor(r.next() * Math.max(DAY, end - from));
    const request = ctx.at(opened)('serviceRequests.open', {
      clientId: client.id,
      contactId: r.pick(client.contactIds),
      assigneeId: r.pick(team),
      title: r.pick(w.serviceTitles),
      priority: r.weighted([
        ['low', 2],
        ['normal', 5],
        ['high', heavy ? 3 : 1.5],
        ['urgent', heavy ? 2 : 0.5],
      ] as const),
    });
    ctx.count('service_request');
    const takes = r.weighted([
      [r.int(1, 8) * HOUR, heavy ? 1 : 4],
      [r.int(1, 4) * DAY, 4],
      [r.int(5, 20) * DAY, heavy ? 4 : 1.5],
    ] as const);
    const resolved = opened + takes;
    if (latest || resolved >= now - HOUR || (opened > now - 30 * DAY && r.chance(0.6))) {
      const status = r.pick(['open', 'in_progress', 'waiting'] as const);
      if (status !== 'open')
        ctx.at(Math.min(now - HOUR, opened + 2 * HOUR))('serviceRequests.update', { id: request.id, status });
      continue;
    }
    ctx.at(resolved)('serviceRequests.update', {
      id: request.id,
      status: r.chance(0.2) ? 'closed' : 'resolved',
      rating: r.chance(0.8) ? rating(ctx, heavy) : null,
    });
  }
}

function rating(ctx: DemoContext, heavy: boolean): number {
  return ctx.r.weighted(
    heavy
      ? ([
          [5, 1],
          [4, 2],
          [3, 3],
          [2, 2.5],
          [1, 1.5],
        ] as const)
      : ([
          [5, 40],
          [4, 33],
          [3, 15],
          [2, 8],
          [1, 4],
        ] as const),
  );
}
