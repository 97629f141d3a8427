/**
 * Messages between the live-training island and its Web Worker
 * (`src/components/figures/fit1d/train.worker.ts`). Pure types.
 */
import type { TrainSettings } from './session';

/** Main thread → worker. */
export type ToWorker =
  | {
      type: 'init';
      /** Parameters reset returns to (random draw 0), length 593. */
      initial: Float64Array;
      /** Parameters to continue from (default: `initial`), e.g. after the page was restored from the back/forward cache. */
      current?: Float64Array;
      /** Step count of `current`. */
      step?: number;
      settings: TrainSettings;
      /** Seed of the mini-batch order. */
      seed: number;
      /** Inputs at which to report the network's function. */
      sampleXs: Float64Array;
      /** Where to send the same reports for drawing (a chart worker), without going through the page. */
      chartPort?: MessagePort;
    }
  | { type: 'run' }
  | { type: 'pause' }
  | { type: 'reset' }
  | { type: 'settings'; settings: Partial<TrainSettings> };

/** Worker → main thread, at most every {@link REPORT_MS} ms while running, and once after every command. */
export type FromWorker =
  | {
      type: 'progress';
      /**
       * Why this report was sent: `init` (worker started from the initial weights), `restore`
       * (started from earlier weights), `tick` (while running), `pause`, `reset`, or `done`
       * (stopped by itself at the step limit).
       */
      reason: 'init' | 'restore' | 'tick' | 'pause' | 'reset' | 'done';
      step: number;
      /** Mean squared error on the whole training set now. */
      mse: number;
      /** Full-data errors recorded since the previous message, `[step, mse]` pairs flattened. */
      losses: Float64Array;
      /** The network's outputs at `sampleXs`. */
      curve: Float64Array;
      /**
       * Current parameters (to resume in a new worker), in every report except most `tick`s
       * (at least once a second while running).
       */
      params?: Float64Array;
    }
  | { type: 'error'; message: string };

/** Interval between progress reports while running, ms. */
export const REPORT_MS = 100;
