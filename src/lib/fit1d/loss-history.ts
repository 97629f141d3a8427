/**
 * The live run's loss curve as the chart keeps it: `[step, mse]` points in
 * step order, thinned (every other point dropped, the newest always kept)
 * whenever there are more than a set number, so drawing it costs the same
 * at step 100 and at step 30 000. Pure.
 */
export class LossHistory {
  readonly steps: number[] = [];
  readonly mses: number[] = [];

  /** @param maxPoints most points kept (≥ 4) */
  constructor(private readonly maxPoints = 600) {}

  /** Forget every point. */
  clear(): void {
    this.steps.length = 0;
    this.mses.length = 0;
  }

  /**
   * Append points.
   * @param flat `[step, mse, step, mse, …]`
   */
  push(flat: ArrayLike<number>): void {
    for (let i = 0; i + 1 < flat.length; i += 2) {
      this.steps.push(flat[i]!);
      this.mses.push(flat[i + 1]!);
    }
    while (this.steps.length > this.maxPoints) this.thin();
  }

  private thin(): void {
    const n = this.steps.length;
    let w = 0;
    for (let r = 0; r < n; r++) {
      if (r % 2 === 0 || r === n - 1) {
        this.steps[w] = this.steps[r]!;
        this.mses[w] = this.mses[r]!;
        w++;
      }
    }
    this.steps.length = w;
    this.mses.length = w;
  }

  /**
   * First point with an error below `threshold`, scanning `flat` pairs.
   * @returns its step, or null
   */
  static firstBelow(flat: ArrayLike<number>, threshold: number): number | null {
    for (let i = 0; i + 1 < flat.length; i += 2) if (flat[i + 1]! < threshold) return flat[i]!;
    return null;
  }
}
