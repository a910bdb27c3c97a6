/**
 * The special functions the lifetime-value likelihoods need, which JavaScript's Math lacks: the log-gamma
 * and digamma functions (the hypergeometric function is in hypergeometric.ts). Small and self-contained so the models carry
 * no scientific library (none on npm is both small and kept up, see README's design notes).
 */

/** Lanczos coefficients for g = 7, n = 9 (Godfrey): about 15 correct digits for every positive x. */
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** ln Γ(x) for x > 0; below 0.5 through Γ(x) = Γ(x + 1) / x, so tiny parameters keep their precision. */
export function logGamma(x: number): number {
  if (x < 0.5) return logGamma(x + 1) - Math.log(x);
  const shifted = x - 1;
  let series = LANCZOS[0] ?? 1;
  for (let k = 1; k < LANCZOS.length; k++) series += (LANCZOS[k] ?? 0) / (shifted + k);
  const t = shifted + LANCZOS_G + 0.5;
  return HALF_LOG_TWO_PI + (shifted + 0.5) * Math.log(t) - t + Math.log(series);
}

/** ψ(x) = d ln Γ(x) / dx for x > 0: the recurrence up to x ≥ 10, then the asymptotic series. */
export function digamma(x: number): number {
  let result = 0;
  let y = x;
  while (y < 10) {
    result -= 1 / y;
    y += 1;
  }
  const s = 1 / (y * y);
  // Σ B₂ₖ / (2k y²ᵏ) for k = 1…6; the next term is below 1e-15 at y = 10.
  const tail =
    s * (1 / 12 - s * (1 / 120 - s * (1 / 252 - s * (1 / 240 - s * (1 / 132 - (s * 691) / 32760)))));
  return result + Math.log(y) - 0.5 / y - tail;
}

/**
 * From this argument on, ratios of Γ use Stirling's series: its next term is below 1e-20 there, while a
 * difference of two ln Γ near 1e12 (a BG/NBD fit whose a and b run off to infinity) keeps only noise.
 */
const STIRLING_FROM = 100;

/** ln Γ(c + x) − ln Γ(c) for c, x > 0, without subtracting two huge ln Γ when c is large. */
export function logGammaRatio(c: number, x: number): number {
  if (c < STIRLING_FROM) return logGamma(c + x) - logGamma(c);
  // (c + x − ½) ln(c + x) − (c − ½) ln c − x, rearranged so that nothing large cancels.
  return (c - 0.5) * Math.log1p(x / c) + x * Math.log(c + x) - x + stirlingTail(c + x) - stirlingTail(c);
}

/** ψ(c + x) − ψ(c) for c, x > 0, the derivative of {@link logGammaRatio} in c + x's first part. */
export function digammaDifference(c: number, x: number): number {
  if (c < STIRLING_FROM) return digamma(c + x) - digamma(c);
  // ψ(z) = ln z − 1/(2z) − Σ B₂ₖ/(2k z²ᵏ), the difference of each part taken on its own.
  return Math.log1p(x / c) + x / (2 * c * (c + x)) - (digammaTail(c + x) - digammaTail(c));
}

/** ln Γ(z) − ((z − ½) ln z − z + ½ ln 2π): 1/(12z) − 1/(360z³) + 1/(1260z⁵) − 1/(1680z⁷). */
function stirlingTail(z: number): number {
  const s = 1 / (z * z);
  return (1 / z) * (1 / 12 - s * (1 / 360 - s * (1 / 1260 - s / 1680)));
}

/** Σ B₂ₖ/(2k z²ᵏ) for k = 1…3. */
function digammaTail(z: number): number {
  const s = 1 / (z * z);
  return s * (1 / 12 - s * (1 / 120 - s / 252));
}

/**
 * ln |Γ(x)| and the sign of Γ(x) for any x that is not 0 or a negative integer: the reflection formula
 * below zero, where the hypergeometric connection formula needs it.
 */
export function signedLogGamma(x: number): { log: number; sign: number } {
  if (x > 0) return { log: logGamma(x), sign: 1 };
  const sine = Math.sin(Math.PI * x);
  return { log: Math.log(Math.PI) - Math.log(Math.abs(sine)) - logGamma(1 - x), sign: Math.sign(sine) };
}

/** ln B(a, b), the log of the beta function. */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}
