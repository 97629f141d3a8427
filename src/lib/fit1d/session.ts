/**
 * A training run of the 1-D network on the target's training set: the
 * parameters, the Adam state, the seeded order of the mini-batches and the
 * step count. The live-training worker drives one; the Node training script
 * uses {@link BatchOrder} so that its tfjs run sees the very same batches.
 * Pure: no DOM, no tfjs.
 */
import { adamStep, createAdam, createWorkspace, forward, lossAndGradient, meanSquaredError, paramCount, type AdamState, type MlpSpec, type Workspace } from './mlp';
import { seededUniform, shuffleInPlace } from './random';
import type { Dataset } from './target';

/**
 * The order in which examples are visited: each epoch is a fresh seeded
 * shuffle of all indices, cut into consecutive batches (the last batch of an
 * epoch is shorter when the batch size does not divide the data size).
 */
export class BatchOrder {
  private readonly order: Uint32Array;
  private random: () => number;
  private pos: number;

  /**
   * @param n number of examples
   * @param seed seed of the shuffles
   */
  constructor(
    private readonly n: number,
    private readonly seed: number,
  ) {
    this.order = new Uint32Array(n);
    this.random = seededUniform(seed);
    this.pos = n;
  }

  /** Start again from the first epoch of the same seed. */
  restart(): void {
    this.random = seededUniform(this.seed);
    this.pos = this.n;
  }

  /**
   * Indices of the next batch.
   * @param size wanted batch size (≥ 1)
   * @returns a view of at most `size` indices, valid until the next call
   */
  next(size: number): Uint32Array {
    if (this.pos >= this.n) {
      for (let i = 0; i < this.n; i++) this.order[i] = i;
      shuffleInPlace(this.order, this.random);
      this.pos = 0;
    }
    const count = Math.min(size, this.n - this.pos);
    const view = this.order.subarray(this.pos, this.pos + count);
    this.pos += count;
    return view;
  }
}

/** Settings the reader can change while training. */
export interface TrainSettings {
  /** Adam learning rate. */
  learningRate: number;
  /** Examples per step (clamped to the data size). */
  batchSize: number;
}

/** One run of mini-batch Adam on a data set. */
export class TrainingSession {
  /** Current parameters (mutated by {@link steps}). */
  readonly params: Float64Array;
  /** Steps taken since the start or the last {@link reset}. */
  step = 0;
  private readonly initial: Float64Array;
  private adam: AdamState;
  private grad: Float64Array;
  private ws: Workspace;
  private evalWs: Workspace;
  private readonly batches: BatchOrder;
  private settings: TrainSettings;

  /**
   * @param spec network shape
   * @param initialParams starting parameters (copied), length {@link paramCount}
   * @param data training set
   * @param settings learning rate and batch size
   * @param seed seed of the batch order
   * @throws RangeError when `initialParams` has the wrong length
   */
  constructor(
    readonly spec: MlpSpec,
    initialParams: ArrayLike<number>,
    readonly data: Dataset,
    settings: TrainSettings,
    seed: number,
  ) {
    const n = paramCount(spec);
    if (initialParams.length !== n) throw new RangeError(`expected ${n} parameters, got ${initialParams.length}`);
    this.initial = Float64Array.from(initialParams);
    this.params = Float64Array.from(initialParams);
    this.adam = createAdam(n);
    this.grad = new Float64Array(n);
    this.settings = { ...settings };
    this.ws = createWorkspace(spec, this.batchSize());
    this.evalWs = createWorkspace(spec, data.xs.length);
    this.batches = new BatchOrder(data.xs.length, seed);
  }

  private batchSize(): number {
    return Math.max(1, Math.min(Math.round(this.settings.batchSize), this.data.xs.length));
  }

  /** Current settings (a copy). */
  get currentSettings(): TrainSettings {
    return { ...this.settings };
  }

  /**
   * Change the learning rate and/or batch size; takes effect at the next step.
   * Adam's moments are kept (as when a tfjs optimiser's rate is changed).
   */
  configure(settings: Partial<TrainSettings>): void {
    this.settings = { ...this.settings, ...settings };
    if (this.ws.capacity < this.batchSize()) this.ws = createWorkspace(this.spec, this.batchSize());
  }

  /**
   * Take `count` optimisation steps.
   * @returns the mean squared error of the last batch (NaN when count is 0)
   */
  steps(count: number): number {
    let loss = Number.NaN;
    const size = this.batchSize();
    for (let s = 0; s < count; s++) {
      const idx = this.batches.next(size);
      loss = lossAndGradient(this.spec, this.params, this.data.xs, this.data.ys, idx, idx.length, this.grad, this.ws);
      adamStep(this.params, this.grad, this.adam, this.settings.learningRate);
      this.step++;
    }
    return loss;
  }

  /** Mean squared error on the whole training set. */
  loss(): number {
    return meanSquaredError(this.spec, this.params, this.data.xs, this.data.ys, this.evalWs);
  }

  /**
   * The network's current outputs at `xs`.
   * @param out optional array of the same length to fill
   */
  evaluate(xs: ArrayLike<number>, out?: Float64Array): Float64Array {
    return forward(this.spec, this.params, xs, out);
  }

  /**
   * Continue from other parameters (e.g. a run restored in a new worker):
   * sets the parameters and the step count, with a fresh Adam state.
   * @throws RangeError when `params` has the wrong length
   */
  restore(params: ArrayLike<number>, step: number): void {
    if (params.length !== this.params.length) throw new RangeError(`expected ${this.params.length} parameters, got ${params.length}`);
    this.params.set(params);
    this.adam = createAdam(this.params.length);
    this.step = step;
  }

  /** Back to the initial parameters, fresh Adam state, step 0, first batch order. Settings are kept. */
  reset(): void {
    this.params.set(this.initial);
    this.adam = createAdam(this.params.length);
    this.step = 0;
    this.batches.restart();
  }
}
