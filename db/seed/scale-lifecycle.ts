import type { LifecycleStage } from '../../shared/domain/client.ts';
import type { Random } from './random.ts';

export type { LifecycleStage };

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** A synthetic client's way to its current stage, and when it bought. */
export interface ScaleLifecycle {
  /** Each stage it was in, from when, in order; the first is the one it was created in. */
  stages: { stage: LifecycleStage; at: number }[];
  /** Its first and last purchase days; none for prospects, leads and those lost before buying. */
  buying: { from: number; to: number } | null;
}

/**
 * How a client created at `createdMs` came to be in `stage` now: prospect, then lead some days later,
 * active at its first purchase, loyal months after that; lapsed months after its last purchase, and
 * lost some months later still (or lost as a lead, never having bought). Every change is before now.
 */
export function scaleLifecycle(
  r: Random,
  stage: LifecycleStage,
  createdMs: number,
  nowMs: number,
): ScaleLifecycle {
  const latest = nowMs - HOUR;
  const stages: ScaleLifecycle['stages'] = [{ stage: 'prospect', at: createdMs }];
  const next = (to: LifecycleStage, days: number) => {
    const previous = stages[stages.length - 1]?.at ?? createdMs;
    stages.push({ stage: to, at: Math.min(latest, previous + days * DAY + r.int(0, 8) * HOUR) });
  };
  if (stage === 'prospect') return { stages, buying: null };
  next('lead', r.int(2, 30));
  if (stage === 'lead') return { stages, buying: null };
  if (stage === 'lost' && r.chance(0.4)) {
    next('lost', r.int(20, 90));
    return { stages, buying: null };
  }
  next('active', r.int(7, 60));
  const from = stages[stages.length - 1]?.at ?? createdMs;
  if (stage === 'active') return { stages, buying: { from, to: latest } };
  if (stage === 'loyal') {
    next('loyal', r.int(90, 300));
    return { stages, buying: { from, to: latest } };
  }
  // Lapsed (and later lost): stopped buying months ago.
  const to = Math.max(from, nowMs - r.int(120, 400) * DAY);
  stages.push({ stage: 'lapsed', at: Math.min(latest, to + r.int(90, 130) * DAY) });
  if (stage === 'lost') next('lost', r.int(30, 120));
  return { stages, buying: { from, to } };
}
