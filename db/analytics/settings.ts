import {
  AnalyticsSettings,
  type AnalyticsSettings as Settings,
  defaultAnalyticsSettings,
} from '../../shared/domain/analytics.ts';
import { readMeta, writeMeta } from '../local-meta.ts';
import type { Db, ReadDb } from '../sql.ts';

const KEY = 'analytics.settings';

/** This laptop's Insights settings; the defaults for anything never set or unreadable. */
export function readAnalyticsSettings(db: ReadDb): Settings {
  const raw = readMeta(db, KEY);
  if (raw === null) return defaultAnalyticsSettings;
  try {
    const parsed = AnalyticsSettings.partial().safeParse(JSON.parse(raw));
    return parsed.success ? { ...defaultAnalyticsSettings, ...parsed.data } : defaultAnalyticsSettings;
  } catch {
    return defaultAnalyticsSettings;
  }
}

/** Changes some settings, keeping the others. */
export function writeAnalyticsSettings(db: Db, changes: Partial<Settings>): Settings {
  const next = { ...readAnalyticsSettings(db), ...changes };
  writeMeta(db, KEY, JSON.stringify(next));
  return next;
}
