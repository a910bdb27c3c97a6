import { addDays, addHours, addMinutes, nextMonday, set, startOfDay } from 'date-fns';

/** The hour of day a follow-up set for "tomorrow" or "next week" is due at (local time). */
const WORKDAY_START_HOUR = 9;
/** "Later today" is not offered after this hour: it would land at night. */
const LAST_LATER_TODAY_HOUR = 20;

export type ReschedulePreset = 'laterToday' | 'tomorrow' | 'nextWeek';
export type SnoozePreset = 'tenMinutes' | 'oneHour' | 'tomorrow';
export type NextStepPreset = 'tomorrow' | 'inThreeDays' | 'nextWeek';

const atWorkdayStart = (day: Date) =>
  set(day, { hours: WORKDAY_START_HOUR, minutes: 0, seconds: 0, milliseconds: 0 });

/** Rounds up to the next quarter of an hour. */
function nextQuarter(date: Date): Date {
  const rounded = set(date, { seconds: 0, milliseconds: 0 });
  const minutes = rounded.getMinutes();
  return addMinutes(rounded, (15 - (minutes % 15)) % 15);
}

/** When a reschedule preset moves a follow-up to, in local time; null when it makes no sense now. */
export function rescheduleTo(preset: ReschedulePreset, now: Date): Date | null {
  switch (preset) {
    case 'laterToday': {
      if (now.getHours() >= LAST_LATER_TODAY_HOUR) return null;
      return nextQuarter(addHours(now, 3));
    }
    case 'tomorrow':
      return atWorkdayStart(addDays(startOfDay(now), 1));
    case 'nextWeek':
      return atWorkdayStart(nextMonday(startOfDay(now)));
  }
}

/** When a snoozed reminder comes back. */
export function snoozeUntil(preset: SnoozePreset, now: Date): Date {
  switch (preset) {
    case 'tenMinutes':
      return addMinutes(now, 10);
    case 'oneHour':
      return addHours(now, 1);
    case 'tomorrow':
      return atWorkdayStart(addDays(startOfDay(now), 1));
  }
}

/** The due time a call's next step gets from a preset. */
export function nextStepDue(preset: NextStepPreset, now: Date): Date {
  switch (preset) {
    case 'tomorrow':
      return atWorkdayStart(addDays(startOfDay(now), 1));
    case 'inThreeDays':
      return atWorkdayStart(addDays(startOfDay(now), 3));
    case 'nextWeek':
      return atWorkdayStart(nextMonday(startOfDay(now)));
  }
}

/** A picked calendar day, due at the start of the working day. */
export function dueOnPickedDay(day: Date): Date {
  return atWorkdayStart(day);
}

/** The windows of the Today screen, in local time. */
export function todayWindows(now: Date) {
  const tomorrow = addDays(startOfDay(now), 1);
  return {
    now,
    startOfToday: startOfDay(now),
    startOfTomorrow: tomorrow,
    endOfUpcoming: addDays(tomorrow, 7),
  };
}
