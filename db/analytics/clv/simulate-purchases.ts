import type { BgNbdParameters } from './bgnbd-likelihood.ts';
import { calendarDay, dayNumber, type Purchase } from './customer-summary.ts';
import type { GammaGammaParameters } from './gamma-gamma.ts';

/** What to simulate: how many customers, the models' parameters (rates per day) and the calendar. */
export interface SimulationOptions {
  customers: number;
  bgnbd: BgNbdParameters;
  gammaGamma: GammaGammaParameters;
  /** The first day a customer may first buy; first purchases are spread evenly over `acquisitionDays`. */
  firstDay: string;
  acquisitionDays: number;
  /** The last day simulated. */
  until: string;
  /** The same seed gives the same purchases. */
  seed: number;
}

/**
 * Purchases drawn from the BG/NBD and Gamma-Gamma stories themselves: each customer buys as a Poisson
 * process with a gamma-distributed rate, may drop out after each repeat purchase with a beta-distributed chance,
 * and spends gamma amounts around a gamma-distributed mean. For benchmarks at any size and for checking
 * that a fit finds the parameters the data were made with.
 */
export function simulatePurchases(options: SimulationOptions): Purchase[] {
  const random = seededRandom(options.seed);
  const { r, alpha, a, b } = options.bgnbd;
  const { p, q, v } = options.gammaGamma;
  const start = dayNumber(options.firstDay, 'firstDay');
  const end = dayNumber(options.until, 'until');
  const purchases: Purchase[] = [];
  for (let index = 0; index < options.customers; index++) {
    const customer = `customer-${index}`;
    const rate = gamma(random, r) / alpha;
    const dropout = beta(random, a, b);
    const spendRate = gamma(random, q) / v;
    let time = start + Math.floor(random() * options.acquisitionDays);
    const buy = () =>
      purchases.push({ customer, day: calendarDay(Math.floor(time)), amount: gamma(random, p) / spendRate });
    buy();
    // FHL 2005's story: a customer may drop out after each repeat purchase, never right after the first.
    for (;;) {
      time += -Math.log(1 - random()) / rate;
      if (!(Math.floor(time) <= end)) break;
      buy();
      if (random() < dropout) break;
    }
  }
  return purchases;
}

/** mulberry32: a small, fast, seedable generator of uniform numbers in [0, 1). */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A gamma(shape, 1) draw by Marsaglia & Tsang, boosted for shapes below 1. */
function gamma(random: () => number, shape: number): number {
  if (shape < 1) return gamma(random, shape + 1) * Math.pow(random(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

function beta(random: () => number, a: number, b: number): number {
  const x = gamma(random, a);
  return x / (x + gamma(random, b));
}

/** A standard normal draw (Box–Muller). */
function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}
