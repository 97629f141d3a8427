/**
 * Figures "catdog-layer1" and "catdog-layer10": every channel of one layer's
 * output for the current photo, as a grid of small images on one colour scale.
 * Clicking an image enlarges it and shows the kernel that produced it. Before
 * the model is ready (and without JavaScript) the grid is a precomputed sprite
 * of the typical cat's outputs.
 */
import { useMemo, useState } from 'preact/hooks';
import { channelLimit, channelValues, scaleLimit, stats, type FeatureMaps } from '../../../lib/catdog/activations';
import { catdogLayers } from '../../../lib/models/catdog';
import { CATDOG_SAMPLES } from '../../../lib/catdog/samples';
import { ColorLegend, fmt } from './ColorLegend';
import { InputView } from './InputView';
import { KernelView } from './KernelView';
import { LoadStatus } from './LoadStatus';
import { MapCanvas } from './MapCanvas';
import { selectSample } from './store';
import { T } from './T';
import { useUiText } from '../kit/ui-lang';
import { useCatdog } from './use-catdog';

/** Precomputed grid of the typical cat (from `fallback.json`). */
export interface LayerFallback {
  shape: [number, number, number];
  /** Shared colour-scale limit of the layer. */
  limit: number;
  /** Each channel's own limit (the sprite is drawn with these). */
  limits: number[];
  /** URL of the sprite: the channels side by side in one row. */
  sprite: string;
  /** URL of the typical cat's 32×32 input PNG. */
  input: string;
}

/** Props: which layer, and its static fallback. */
export interface LayerGridProps {
  layer: 'layer1' | 'layer10';
  fallback: LayerFallback;
  /** Sample the fallback shows. */
  fallbackSample: string;
}

const LAYERS = catdogLayers();

export default function LayerGrid({ layer, fallback, fallbackSample }: LayerGridProps) {
  const ui = useUiText();
  const state = useCatdog();
  const [selected, setSelected] = useState<number | null>(null);
  const [scale, setScale] = useState<'own' | 'shared'>('own');
  const info = LAYERS.find((l) => l.name === (layer === 'layer1' ? 'conv1' : 'relu4'))!;
  const convName = info.kind === 'relu' ? info.source! : info.name;
  const conv = LAYERS.find((l) => l.name === convName)!;
  const inputLayer = LAYERS[conv.number - 2];
  const live = state.model === 'ready' && state.result !== null;
  const maps: FeatureMaps | null = live ? state.result![layer] : null;
  const [h, w, c] = maps ? maps.shape : fallback.shape;
  // Per photo (not per render): the channel images and their own scale limits; the shared limit only when shown.
  const channelMaps = useMemo(() => (maps ? Array.from({ length: maps.shape[2] }, (_, i) => channelValues(maps, i)) : null), [maps]);
  const limits = useMemo(() => (channelMaps ? channelMaps.map((v) => channelLimit(v, h, w)) : fallback.limits), [channelMaps, fallback.limits, h, w]);
  const shared = useMemo(() => (maps && scale === 'shared' ? scaleLimit(maps.values) : null), [maps, scale]);
  const limit = shared ?? fallback.limit;
  const limitOf = (i: number) => (scale === 'shared' ? limit : limits[i] ?? limit);
  const kernel = state.probe ? (layer === 'layer1' ? state.probe.kernel1 : state.probe.kernel10) : null;
  const cur = state.current;
  const showingFallback = !live;
  const isRelu = info.kind === 'relu';
  const sel = selected !== null && selected < c ? selected : null;
  const shownSample = CATDOG_SAMPLES.find((x) => x.id === (live ? cur.id : fallbackSample));
  const selValues = channelMaps && sel !== null ? channelMaps[sel]! : null;
  const selStats = selValues ? stats(selValues) : null;

  const title = layer === 'layer1'
    ? { zh: `第 1 层（conv1，${conv.kernel}×${conv.kernel} 卷积，ReLU 之前）：${c} 个通道，每个 ${h}×${w}`, en: `Layer 1 (conv1, a ${conv.kernel}×${conv.kernel} convolution, before its ReLU): ${c} channels of ${h}×${w}` }
    : { zh: `第 10 层（relu4，即第 9 层 conv4 经过 ReLU）：${c} 个通道，每个 ${h}×${w}`, en: `Layer 10 (relu4: layer 9, conv4, after its ReLU): ${c} channels of ${h}×${w}` };

  return (
    <div
      class={`cd-fig cd-layer cd-${layer}`}
      data-catdog-figure={layer}
      data-live={live ? 'true' : 'false'}
      data-catdog-key={live ? cur.key : undefined}
      data-current={live ? cur.id : fallbackSample}
    >
      <LoadStatus state={state} />
      <div class="cd-layer-head">
        <InputView input={live ? cur.input : null} fallbackSrc={fallback.input} label={ui({ zh: '32×32 的输入', en: 'The 32×32 input' })} class="cd-layer-input" />
        <span class="cd-arrow" aria-hidden="true">→</span>
        <p class="cd-layer-title"><T zh={title.zh} en={title.en} /></p>
      </div>
      <div class="cd-scale-row">
        <ColorLegend
          limit={scale === 'shared' ? limit : null}
          onlyPositive={isRelu}
          note={
            scale === 'shared'
              ? isRelu
                ? { zh: 'ReLU 之后没有负值：白 = 0，越红越大；所有小图用同一标尺', en: 'After the ReLU nothing is negative: white = 0, redder = larger; one scale for every image' }
                : { zh: '蓝 = 负，白 = 0，红 = 正；所有小图用同一标尺', en: 'blue = negative, white = 0, red = positive; one scale for every image' }
              : isRelu
                ? { zh: 'ReLU 之后没有负值：白 = 0，越红越大；每幅小图按它自己的最大值着色', en: 'After the ReLU nothing is negative: white = 0, redder = larger; each image is scaled to its own largest value' }
                : // "Enlarge one" only where a tile can be opened: not in the static fallback.
                  {
                    zh: `蓝 = 负，白 = 0，红 = 正；每幅小图按它自己的最大绝对值着色${live ? '（放大后可看数值）' : ''}`,
                    en: `blue = negative, white = 0, red = positive; each image is scaled to its own largest value${live ? ' (enlarge one to see numbers)' : ''}`,
                  }
          }
        />
        <span class="cd-scale-toggle" role="group" data-needs-js aria-label={ui({ zh: '色标', en: 'colour scale' })}>
          <button type="button" class="cd-btn" aria-pressed={scale === 'own'} disabled={!live} onClick={() => setScale('own')}>
            <T zh="各自标尺" en="Own scale each" />
          </button>
          <button type="button" class="cd-btn" aria-pressed={scale === 'shared'} disabled={!live} onClick={() => setScale('shared')}>
            <T zh="统一标尺" en="One scale" />
          </button>
        </span>
      </div>
      <ol class="cd-grid" style={{ '--cd-cols': String(layer === 'layer1' ? 8 : 12) }} data-channels={c}>
        {Array.from({ length: c }, (_, i) => (
          <li>
            <button
              type="button"
              class={`cd-tile${sel === i ? ' selected' : ''}`}
              aria-pressed={sel === i}
              disabled={!live}
              data-nojs-content
              data-channel={i}
              onClick={() => setSelected(sel === i ? null : i)}
              title={ui({ zh: `通道 ${i + 1}`, en: `channel ${i + 1}` })}
            >
              {channelMaps ? (
                <MapCanvas values={channelMaps[i]!} width={w} height={h} limit={limitOf(i)} label={ui({ zh: `通道 ${i + 1}`, en: `channel ${i + 1}` })} />
              ) : (
                // One frame of the sprite (channels side by side): `cover` scales it to the tile's height, the position picks the frame; lazy, so it loads near the viewport.
                <img
                  class="cd-map cd-sprite"
                  src={fallback.sprite}
                  alt={`channel ${i + 1}`}
                  width={w}
                  height={h}
                  loading="lazy"
                  decoding="async"
                  style={{ objectPosition: `${c > 1 ? ((i / (c - 1)) * 100).toFixed(2) : 0}% 0` }}
                />
              )}
              <span class="cd-tile-n" aria-hidden="true">{i + 1}</span>
            </button>
          </li>
        ))}
      </ol>
      {live && sel === null && (
        <p class="cd-hint"><T zh="点击任意一幅小图，放大它并查看产生它的卷积核。" en="Click any image to enlarge it and see the kernel that produced it." /></p>
      )}
      {showingFallback && cur.id !== fallbackSample && state.model !== 'error' && (
        <p class="cd-hint"><T zh="（模型加载好后，这里会换成你选的照片。）" en="(Once the model has loaded, this will follow the photo you picked.)" /></p>
      )}
      {live && sel !== null && selValues && selStats && (
        <div class="cd-detail" data-detail-channel={sel}>
          <div class="cd-detail-map">
            <MapCanvas values={selValues} width={w} height={h} limit={limitOf(sel)} label={ui({ zh: `通道 ${sel + 1}（放大）`, en: `channel ${sel + 1}, enlarged` })} class="cd-big" />
            <ColorLegend limit={limitOf(sel)} onlyPositive={isRelu} note={{ zh: '这幅图的标尺', en: 'scale of this image' }} />
            <p class="cd-detail-caption">
              <T zh={`通道 ${sel + 1}`} en={`Channel ${sel + 1}`} />
              <span class="cd-stats">min {fmt(selStats.min)} · max {fmt(selStats.max)} · <T zh="均值" en="mean" /> {fmt(selStats.mean)}</span>
            </p>
            <button type="button" class="cd-btn cd-close" onClick={() => setSelected(null)}>
              <T zh="收起" en="Close" />
            </button>
          </div>
          {kernel && (
            <KernelView
              kernel={kernel}
              channel={sel}
              inputName={layer === 'layer1' ? { zh: '输入照片（R、G、B）', en: 'the input photo (R, G, B)' } : { zh: `第 ${inputLayer?.number} 层（${inputLayer?.name}）`, en: `layer ${inputLayer?.number} (${inputLayer?.name})` }}
            />
          )}
        </div>
      )}
      {live && cur.id !== fallbackSample && (
        <p class="cd-hint">
          <button type="button" class="cd-link" onClick={() => void selectSample(fallbackSample)}>
            <T zh="换回那张猫的照片" en="Back to the cat photo" />
          </button>
        </p>
      )}
      <p class="cd-credit">
        {shownSample ? (
          <T zh={`输入照片：${shownSample.credit.zh}`} en={`Input photo: ${shownSample.credit.en}`} />
        ) : (
          <T zh="输入：你自己的照片（只在本机处理）" en="Input: your own photo (processed on this device only)" />
        )}
      </p>
    </div>
  );
}
