/**
 * The 11 layers of the digits network in a row (wrapping on narrow screens),
 * each with its output shape and a glyph whose size follows that shape.
 * Static when `onSelect` is absent (used in the no-JavaScript fallback);
 * otherwise each layer is a button that selects it.
 */
import type { DigitsLayer } from '../../../lib/models/digits';
import { T } from './ui';
import { useUiText } from '../kit/ui-lang';
import styles from './digits.module.css';

interface Props {
  layers: DigitsLayer[];
  selected?: string | null;
  onSelect?: (name: string) => void;
}

const KIND_NAMES: Record<DigitsLayer['kind'], { zh: string; en: string }> = {
  conv: { zh: '卷积层', en: 'convolution' },
  relu: { zh: 'ReLU 激活', en: 'ReLU activation' },
  pool: { zh: '最大池化', en: 'max pooling' },
  flatten: { zh: '展平', en: 'flatten' },
  dense: { zh: '全连接层', en: 'dense layer' },
  softmax: { zh: 'softmax', en: 'softmax' },
};

function Glyph({ layer }: { layer: DigitsLayer }) {
  const s = layer.outputShape;
  if (s.length === 3) {
    const side = Math.max(6, Math.round((s[0]! / 28) * 26));
    const stack = Math.min(4, Math.max(1, Math.round(Math.log2(s[2]!))));
    return (
      <span class={styles.glyph} aria-hidden="true">
        {Array.from({ length: stack }, (_, i) => (
          <span class={styles.sheet} style={{ width: `${side}px`, height: `${side}px`, left: `${i * 4}px`, top: `${(stack - 1 - i) * 3}px` }} />
        ))}
      </span>
    );
  }
  const h = Math.max(8, Math.min(34, Math.round(Math.log2(s[0]!) * 4)));
  return (
    <span class={styles.glyph} aria-hidden="true">
      <span class={styles.column} style={{ height: `${h}px` }} />
    </span>
  );
}

export function LayerDiagram({ layers, selected, onSelect }: Props) {
  const ui = useUiText();
  return (
    <ol class={styles.layers} aria-label={ui({ zh: '网络各层', en: 'Layers' })}>
      <li class={styles.layerInput}>
        <span class={styles.glyph} aria-hidden="true">
          <span class={styles.sheet} style={{ width: '26px', height: '26px', left: '0', top: '0' }} />
        </span>
        <span class={styles.layerName}>
          <T zh="输入" en="input" />
        </span>
        <span class={styles.layerShape}>28×28×1</span>
      </li>
      {layers.map((layer, i) => {
        const core = layer.kind === 'conv' || layer.kind === 'dense';
        const body = (
          <>
            <Glyph layer={layer} />
            <span class={styles.layerName}>
              <span class={styles.layerIndex}>{i + 1}</span> <T zh={layer.label.zh} en={layer.label.en} />
            </span>
            <span class={styles.layerShape}>{layer.outputShape.join('×')}</span>
          </>
        );
        const title = ui({
          zh: `${KIND_NAMES[layer.kind].zh}（${layer.name}），输出 ${layer.outputShape.join('×')}`,
          en: `${KIND_NAMES[layer.kind].en} (${layer.name}), output ${layer.outputShape.join('×')}`,
        });
        return (
          <li class={`${styles.layer} ${core ? styles.core : ''}`} data-kind={layer.kind} key={layer.name}>
            {onSelect ? (
              <button
                type="button"
                class={styles.layerButton}
                aria-pressed={selected === layer.name}
                title={title}
                data-layer={layer.name}
                onClick={() => onSelect(layer.name)}
              >
                {body}
              </button>
            ) : (
              <span class={styles.layerButton} title={title}>
                {body}
              </span>
            )}
          </li>
        );
      })}
    </ol>
  );
}
