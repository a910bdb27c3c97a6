import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../../renderer/src/features/calls/duration.ts';
import { toOutcomeCode } from '../../../renderer/src/features/calls/outcomes.ts';
import {
  filtersFromQuery,
  isFiltered,
  listInput,
  noFilters,
  queryFromFilters,
} from '../../../renderer/src/features/clients/clientFilters.ts';
import {
  nextStepDue,
  rescheduleTo,
  snoozeUntil,
  todayWindows,
} from '../../../renderer/src/features/followups/presets.ts';
import { hrefOf, parseRoute } from '../../../renderer/src/router/router.ts';
import { quarterTicks } from '../../../renderer/src/features/insights/shareTicks.ts';

/** A local time on a Wednesday, 2026-06-10. */
const at = (hours: number, minutes = 0) => new Date(2026, 5, 10, hours, minutes);

describe('follow-up presets', () => {
  it('"later today" is three hours on, on a quarter hour, and not offered in the evening', () => {
    expect(rescheduleTo('laterToday', at(10, 7))).toEqual(at(13, 15));
    expect(rescheduleTo('laterToday', at(10, 0))).toEqual(at(13, 0));
    expect(rescheduleTo('laterToday', at(20, 30))).toBeNull();
  });

  it('tomorrow and next week mean the start of the working day', () => {
    expect(rescheduleTo('tomorrow', at(23, 50))).toEqual(new Date(2026, 5, 11, 9, 0));
    expect(rescheduleTo('nextWeek', at(10))).toEqual(new Date(2026, 5, 15, 9, 0)); // Monday
    expect(nextStepDue('inThreeDays', at(16))).toEqual(new Date(2026, 5, 13, 9, 0));
  });

  it('snoozes for 10 minutes, an hour, or until tomorrow morning', () => {
    expect(snoozeUntil('tenMinutes', at(10))).toEqual(at(10, 10));
    expect(snoozeUntil('oneHour', at(10))).toEqual(at(11));
    expect(snoozeUntil('tomorrow', at(10))).toEqual(new Date(2026, 5, 11, 9, 0));
  });

  it('splits Today by the local day of the given moment, not the machine clock', () => {
    const windows = todayWindows(at(15));
    expect(windows.startOfToday).toEqual(new Date(2026, 5, 10));
    expect(windows.startOfTomorrow).toEqual(new Date(2026, 5, 11));
    expect(windows.endOfUpcoming).toEqual(new Date(2026, 5, 18));
  });
});

describe('call durations', () => {
  it.each([
    ['5', 300],
    ['5:30', 330],
    ['1:02:03', 3723],
    ['90s', 90],
    ['2m', 120],
    ['1h 5m', 3900],
    ['', null],
    ['soon', null],
    ['5:75', null],
  ] as const)('reads %j as %j seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it('writes seconds as m:ss or h:mm:ss', () => {
    expect(formatDuration(65)).toBe('1:05');
    expect(formatDuration(3723)).toBe('1:02:03');
  });

  it('turns a typed outcome into a code, or refuses it', () => {
    expect(toOutcomeCode('Call back later!')).toBe('call_back_later');
    expect(toOutcomeCode('  ')).toBeNull();
    expect(toOutcomeCode('123')).toBeNull();
  });
});

describe('client filters in the address', () => {
  it('round-trips every filter, leaving defaults out', () => {
    const filters = {
      ...noFilters,
      stage: 'active' as const,
      segment: 'Retail',
      vip: true,
      quietDays: 30,
      overdue: true,
      sort: 'lastContact' as const,
      desc: true,
    };
    const query = queryFromFilters(filters);
    expect(query.toString()).toBe(
      'stage=active&segment=Retail&vip=1&quietDays=30&overdue=1&sort=lastContact&desc=1',
    );
    expect(filtersFromQuery(query)).toEqual(filters);
    expect(queryFromFilters(noFilters).toString()).toBe('');
    expect(isFiltered(filters)).toBe(true);
    expect(isFiltered({ ...noFilters, sort: 'created' })).toBe(false);
  });

  it('ignores what it cannot read instead of failing', () => {
    expect(
      filtersFromQuery(new URLSearchParams('stage=nonsense&quietDays=-3&sort=profit&currency=kzt')),
    ).toEqual(noFilters);
  });

  it('asks the API for clients not contacted in N whole days', () => {
    const input = listInput({ ...noFilters, quietDays: 10 }, at(15));
    expect(input.lastContactBefore).toBe(new Date(2026, 4, 31).toISOString());
    expect(input).toMatchObject({ sort: 'name', direction: 'asc' });
  });
});

describe('routes', () => {
  it('reads and writes screen, record, tab and query', () => {
    const route = parseRoute('#/client/0190a5b2-0000-7000-8000-000000000000/contacts?x=1');
    expect(route).toMatchObject({
      screen: 'client',
      id: '0190a5b2-0000-7000-8000-000000000000',
      tab: 'contacts',
    });
    expect(route.query.get('x')).toBe('1');
    expect(hrefOf('client', route.id, 'contacts')).toBe(
      '#/client/0190a5b2-0000-7000-8000-000000000000/contacts',
    );
    expect(parseRoute('#/nowhere').screen).toBe('today');
    expect(parseRoute('').screen).toBe('today');
    expect(hrefOf('clients', null, null, new URLSearchParams('stage=lead'))).toBe('#/clients?stage=lead');
  });
});

describe('the Pareto axis', () => {
  it('runs in quarters to 100 %, and on only as far as a share above it reaches', () => {
    expect(quarterTicks(1)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    // The top clients bring 100.4 % of the profit: no tick of its own, the axis just reaches it.
    expect(quarterTicks(1.004)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(quarterTicks(1.8)).toEqual([0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75]);
    expect(quarterTicks(Number.NaN)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });
});
