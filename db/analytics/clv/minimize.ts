/**
 * A small minimiser for the few smooth, unconstrained parameters of the lifetime-value models: BFGS with a
 * backtracking line search from several starts, then a few Newton steps from the best. The models hand it
 * log-parameters, so every point it tries is valid; a point where the objective is not finite (an overflow
 * far from the optimum) is simply a step that failed, and the line search backs off.
 */

/** The value and gradient of the function to minimise at one point. */
export interface Evaluation {
  value: number;
  gradient: number[];
}

/** The function to minimise: its value and gradient at a point. */
export type Objective = (point: readonly number[]) => Evaluation;

/** Where the minimiser stopped. */
export interface Minimum {
  point: number[];
  value: number;
  iterations: number;
  /** True when the gradient became negligible; false when the iterations ran out or no step helped. */
  converged: boolean;
}

/** When to stop: the largest gradient component allowed at a minimum, and an iteration cap. */
export interface MinimizeOptions {
  gradientTolerance?: number;
  maxIterations?: number;
}

/** The largest gradient component (of a mean log-likelihood per customer) at a minimum. */
const DEFAULT_TOLERANCE = 1e-12;
/** Newton's polish converges in a handful of steps from near the minimum; this many is plenty. */
const NEWTON_ITERATIONS = 20;

/** The largest step, in log-parameter units, tried in one line search: a factor of e⁵ per parameter. */
const MAX_STEP = 5;
const ARMIJO = 1e-4;
/** A search that stops making progress counts as converged when its gradient is this close to the goal. */
const STALLED_TOLERANCE_FACTOR = 1000;
/**
 * Relative changes of the value below this are rounding, not information: a mean over thousands of
 * customers of log-gamma terms in the thousands carries errors of about 1e-12.
 */
const ROUNDING = 1e-10;

/** Minimises `objective` from each start in turn, polishes the best once more from there, and returns it. */
export function minimizeFromStarts(
  objective: Objective,
  starts: readonly (readonly number[])[],
  options: MinimizeOptions = {},
): Minimum {
  let best: Minimum | undefined;
  for (const start of starts) {
    const found = minimize(objective, start, options);
    if (best === undefined || found.value < best.value) best = found;
  }
  if (best === undefined) throw new RangeError('minimizeFromStarts needs at least one start');
  // BFGS crawls along a long, narrow ridge (Gamma-Gamma's p and q grow together); Newton steps with the
  // exact curvature finish the last digits in a few iterations.
  const polished = newtonPolish(objective, best, options.gradientTolerance ?? DEFAULT_TOLERANCE);
  return { ...polished, iterations: best.iterations + polished.iterations };
}

/** Newton's method from a point near the minimum, the Hessian by central differences of the gradient. */
function newtonPolish(objective: Objective, start: Minimum, tolerance: number): Minimum {
  let point = start.point;
  let current = objective(point);
  let iterations = 0;
  while (iterations < NEWTON_ITERATIONS && largest(current.gradient) > tolerance) {
    const direction = newtonDirection(objective, point, current.gradient);
    const step = direction === undefined ? undefined : lineSearch(objective, point, current, direction);
    if (step === undefined) break;
    point = step.point;
    current = step.evaluation;
    iterations++;
  }
  const converged = largest(current.gradient) <= STALLED_TOLERANCE_FACTOR * tolerance;
  return { point, value: current.value, iterations, converged: converged || start.converged };
}

/** −H⁻¹g, or undefined where the curvature is not positive (not near a minimum: leave it to BFGS). */
function newtonDirection(objective: Objective, point: readonly number[], gradient: readonly number[]) {
  const size = point.length;
  const hessian = identity(size).map((row) => row.map(() => 0));
  for (let j = 0; j < size; j++) {
    const step = 1e-5 * Math.max(1, Math.abs(point[j] ?? 0));
    const above = objective(point.map((value, k) => (k === j ? value + step : value))).gradient;
    const below = objective(point.map((value, k) => (k === j ? value - step : value))).gradient;
    for (let i = 0; i < size; i++) {
      const row = hessian[i];
      if (row) row[j] = ((above[i] ?? 0) - (below[i] ?? 0)) / (2 * step);
    }
  }
  const symmetric = hessian.map((row, i) => row.map((value, j) => (value + (hessian[j]?.[i] ?? 0)) / 2));
  const solved = solvePositiveDefinite(symmetric, gradient);
  return solved?.map((value) => -value);
}

/** Solves A x = b by Cholesky; undefined when A is not positive definite. */
function solvePositiveDefinite(matrix: readonly (readonly number[])[], right: readonly number[]) {
  const size = right.length;
  const lower = identity(size).map((row) => row.map(() => 0));
  for (let i = 0; i < size; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[i]?.[j] ?? 0;
      for (let k = 0; k < j; k++) sum -= (lower[i]?.[k] ?? 0) * (lower[j]?.[k] ?? 0);
      if (i === j && !(sum > 0)) return undefined;
      const row = lower[i];
      if (row) row[j] = i === j ? Math.sqrt(sum) : sum / (lower[j]?.[j] ?? 1);
    }
  }
  const forward: number[] = [];
  for (let i = 0; i < size; i++) {
    let sum = right[i] ?? 0;
    for (let k = 0; k < i; k++) sum -= (lower[i]?.[k] ?? 0) * (forward[k] ?? 0);
    forward[i] = sum / (lower[i]?.[i] ?? 1);
  }
  const solution: number[] = [];
  for (let i = size - 1; i >= 0; i--) {
    let sum = forward[i] ?? 0;
    for (let k = i + 1; k < size; k++) sum -= (lower[k]?.[i] ?? 0) * (solution[k] ?? 0);
    solution[i] = sum / (lower[i]?.[i] ?? 1);
  }
  return solution;
}

/** BFGS from `start`: follows the quasi-Newton direction, backing off until the value drops enough. */
export function minimize(
  objective: Objective,
  start: readonly number[],
  options: MinimizeOptions = {},
): Minimum {
  const tolerance = options.gradientTolerance ?? DEFAULT_TOLERANCE;
  const maxIterations = options.maxIterations ?? 500;
  let point = [...start];
  let current = objective(point);
  if (!Number.isFinite(current.value)) throw new RangeError('the objective is not finite at the start');
  let inverseHessian = identity(point.length);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    if (largest(current.gradient) <= tolerance) {
      return { point, value: current.value, iterations: iteration, converged: true };
    }
    let direction = times(inverseHessian, current.gradient).map((d) => -d);
    if (dot(direction, current.gradient) >= 0) {
      // The curvature estimate went bad: start again from steepest descent.
      inverseHessian = identity(point.length);
      direction = current.gradient.map((g) => -g);
    }
    const step = lineSearch(objective, point, current, direction);
    if (step === undefined) {
      // No step helps any more: a minimum if the gradient is all but gone, else a failure to report.
      const converged = largest(current.gradient) <= STALLED_TOLERANCE_FACTOR * tolerance;
      return { point, value: current.value, iterations: iteration, converged };
    }
    const moved = step.point.map((value, i) => value - (point[i] ?? 0));
    const change = step.evaluation.gradient.map((g, i) => g - (current.gradient[i] ?? 0));
    if (iteration === 0) inverseHessian = scaledIdentity(point.length, moved, change);
    inverseHessian = updated(inverseHessian, moved, change);
    point = step.point;
    current = step.evaluation;
  }
  return {
    point,
    value: current.value,
    iterations: maxIterations,
    converged: largest(current.gradient) <= tolerance,
  };
}

interface Step {
  point: number[];
  evaluation: Evaluation;
}

/**
 * Halves the step from its full length until the Armijo condition holds; undefined when none does. Close
 * to the minimum the drop in value sinks below the rounding of a sum over thousands of customers, while
 * the gradient is still exact: there a step that leaves the value unchanged within rounding and shrinks
 * the gradient is progress too.
 */
function lineSearch(
  objective: Objective,
  point: readonly number[],
  current: Evaluation,
  direction: readonly number[],
): Step | undefined {
  const length = Math.sqrt(dot(direction, direction));
  let scale = length > MAX_STEP ? MAX_STEP / length : 1;
  const slope = dot(direction, current.gradient);
  for (let halving = 0; halving < 60; halving++) {
    const trial = point.map((value, i) => value + scale * (direction[i] ?? 0));
    // The step no longer moves the point in floating point: every shorter one would evaluate the same
    // point again, and fail the same way. (At a fit's last steps this saves some 30 evaluations.)
    if (trial.every((value, i) => value === point[i])) return undefined;
    const evaluation = objective(trial);
    const change = evaluation.value - current.value;
    if (Number.isFinite(evaluation.value)) {
      // A change lost in rounding proves nothing either way: then the gradient must shrink.
      const withinRounding = Math.abs(change) <= ROUNDING * Math.max(1, Math.abs(current.value));
      const progress = withinRounding
        ? largest(evaluation.gradient) < largest(current.gradient)
        : change <= ARMIJO * scale * slope;
      if (progress) return { point: trial, evaluation };
    }
    scale /= 2;
  }
  return undefined;
}

/** The BFGS update of the inverse Hessian; skipped when the step shows no positive curvature. */
function updated(inverse: number[][], moved: readonly number[], change: readonly number[]): number[][] {
  const curvature = dot(moved, change);
  if (!(curvature > 1e-300)) return inverse;
  const rho = 1 / curvature;
  const inverseChange = times(inverse, change);
  const changeInverseChange = dot(change, inverseChange);
  return inverse.map((row, i) =>
    row.map((value, j) => {
      const si = moved[i] ?? 0;
      const sj = moved[j] ?? 0;
      return (
        value -
        rho * ((inverseChange[i] ?? 0) * sj + si * (inverseChange[j] ?? 0)) +
        (rho * rho * changeInverseChange + rho) * si * sj
      );
    }),
  );
}

/** The identity scaled by sᵀy / yᵀy before the first update (Nocedal & Wright, eq. 6.20). */
function scaledIdentity(size: number, moved: readonly number[], change: readonly number[]): number[][] {
  const scale = dot(moved, change) / dot(change, change);
  const factor = Number.isFinite(scale) && scale > 0 ? scale : 1;
  return identity(size).map((row) => row.map((value) => value * factor));
}

function identity(size: number): number[][] {
  return Array.from({ length: size }, (_, i) => Array.from({ length: size }, (_, j) => (i === j ? 1 : 0)));
}

function times(matrix: readonly (readonly number[])[], vector: readonly number[]): number[] {
  return matrix.map((row) => dot(row, vector));
}

function dot(left: readonly number[], right: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < left.length; i++) sum += (left[i] ?? 0) * (right[i] ?? 0);
  return sum;
}

function largest(vector: readonly number[]): number {
  return vector.reduce((max, value) => Math.max(max, Math.abs(value)), 0);
}
