/** The network's two probabilities as labelled horizontal bars. */
import { CATDOG_CLASS_NAMES } from '../../../lib/models/catdog';
import { T } from './T';

/** Props: probabilities [cat, dog] (null = not computed yet); `compact` for the sample cards. */
export interface ProbBarsProps {
  probs: readonly [number, number] | null;
  compact?: boolean;
}

/** Percent text with one decimal below 10 % and above 90 %. */
export function percent(p: number): string {
  const v = p * 100;
  return v < 9.95 || v > 90.05 ? `${v.toFixed(1)} %` : `${Math.round(v)} %`;
}

export function ProbBars({ probs, compact = false }: ProbBarsProps) {
  const winner = probs ? (probs[1] > probs[0] ? 1 : 0) : -1;
  return (
    <dl class={`cd-probs${compact ? ' compact' : ''}`}>
      {CATDOG_CLASS_NAMES.map((name, i) => (
        <div class={`cd-prob${i === winner ? ' win' : ''}`} data-class={i === 0 ? 'cat' : 'dog'} data-prob={probs ? probs[i]!.toFixed(4) : ''}>
          <dt><T zh={name.zh} en={name.en} /></dt>
          <dd>
            <span class="cd-bar" aria-hidden="true"><span style={{ width: probs ? `${(probs[i]! * 100).toFixed(1)}%` : '0%' }} /></span>
            <span class="cd-pct">{probs ? percent(probs[i]!) : '…'}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}
