/** The contract of a trainer module `scripts/train/models/<name>.ts`. */
export interface TrainOptions {
  /** Command-line flags after the model names, e.g. `['--epochs=2']`. */
  args: string[];
}

export interface Trainer {
  /** One line saying what this trains. */
  description?: string;
  /** Train, save weights to `public/models/<name>/` and update its manifest entry. */
  train(options: TrainOptions): Promise<void>;
}

/**
 * Read `--key=value` from flags.
 * @returns the value, or `fallback` when absent
 */
export function flag(args: string[], key: string, fallback: string): string {
  const hit = args.find((a) => a.startsWith(`--${key}=`));
  return hit ? hit.slice(key.length + 3) : fallback;
}
