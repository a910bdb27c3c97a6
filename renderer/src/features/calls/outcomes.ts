import { useCallback, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultCallOutcomes } from '../../../../shared/domain/interaction.ts';
import { humanizeCode } from '../../i18n/humanizeCode.ts';

const KEY = 'rapport.callOutcomes';
const OUTCOME = /^[a-z][a-z0-9_]{0,39}$/;
const listeners = new Set<() => void>();
let cached: { raw: string | null; outcomes: string[] } | null = null;

function read(): string[] {
  const raw = localStorage.getItem(KEY);
  if (cached?.raw === raw) return cached.outcomes;
  let outcomes: string[] = [...defaultCallOutcomes];
  try {
    const parsed: unknown = raw === null ? null : JSON.parse(raw);
    if (Array.isArray(parsed)) {
      const valid = parsed.filter((code): code is string => typeof code === 'string' && OUTCOME.test(code));
      if (valid.length > 0) outcomes = valid;
    }
  } catch {
    // A damaged setting falls back to the defaults.
  }
  cached = { raw, outcomes };
  return outcomes;
}

/** The outcome codes offered for a call on this laptop: the defaults until the user edits them in Settings. */
export function useCallOutcomes(): string[] {
  return useSyncExternalStore((listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, read);
}

/** Turns free text into an outcome code: "Call back later" → "call_back_later". */
export function toOutcomeCode(text: string): string | null {
  const code = text
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);
  return OUTCOME.test(code) ? code : null;
}

/** Saves the outcome list; an empty list brings back the defaults. */
export function saveCallOutcomes(outcomes: readonly string[]): void {
  const valid = [...new Set(outcomes.flatMap((o) => toOutcomeCode(o) ?? []))];
  if (valid.length === 0) localStorage.removeItem(KEY);
  else localStorage.setItem(KEY, JSON.stringify(valid));
  listeners.forEach((listener) => listener());
}

/** How an outcome code reads in the UI language: its label, or the code in words for a team's own. */
export function useOutcomeLabel(): (code: string) => string {
  const { t } = useTranslation();
  return useCallback(
    (code: string) => t(`calls.outcomes.${code}`, { defaultValue: humanizeCode(code) }),
    [t],
  );
}
