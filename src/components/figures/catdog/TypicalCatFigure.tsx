/**
 * Figure "catdog-typical-cat": the photo the next two figures analyse. It is
 * the typical cat until the reader picks another photo in the first figure;
 * then it shows that photo and offers the cat again.
 */
import { sampleById, TYPICAL_CAT_ID } from '../../../lib/catdog/samples';
import { InputView } from './InputView';
import { sampleUrl, selectSample } from './store';
import { T } from './T';
import { useUiText } from '../kit/ui-lang';
import { useCatdog } from './use-catdog';

/** Props: URL of the typical cat's precomputed 32×32 view (static fallback). */
export interface TypicalCatFigureProps {
  fallbackInput: string;
}

export default function TypicalCatFigure({ fallbackInput }: TypicalCatFigureProps) {
  const ui = useUiText();
  const state = useCatdog();
  const cat = sampleById(TYPICAL_CAT_ID);
  const cur = state.current;
  const sample = cur.id === 'upload' ? null : sampleById(cur.id);
  const isCat = cur.id === TYPICAL_CAT_ID;
  const url = isCat ? sampleUrl(cat.id) : cur.url;
  const live = state.model === 'ready' && state.result !== null;
  return (
    <div class="cd-fig cd-typical" data-catdog-figure="typical-cat" data-current={cur.id} data-live={live ? 'true' : 'false'} data-catdog-key={live ? cur.key : undefined}>
      <div class="cd-typical-row">
        <img class="cd-photo" src={url} width={sample?.width ?? cur.width} height={sample?.height ?? cur.height} alt={ui(sample ? sample.alt : { zh: '你的照片', en: 'your photo' })} />
        <div class="cd-typical-side">
          <InputView input={cur.input} fallbackSrc={isCat ? fallbackInput : undefined} label={ui({ zh: '同一张照片缩成 32×32 像素，也就是网络收到的样子', en: 'The same photo at 32×32 pixels, as the network receives it' })} class="cd-typical-input" />
          <span class="cd-seen-label"><T zh="网络看到的 32×32 版本" en="The 32×32 version the network sees" /></span>
        </div>
      </div>
      {!isCat && (
        <p class="cd-hint">
          <T zh="这里显示的是你在前面选的照片，下面两幅图也跟着它变。" en="This shows the photo you picked above; the next two figures follow it." />{' '}
          <button type="button" class="cd-link" onClick={() => void selectSample(TYPICAL_CAT_ID)}>
            <T zh="换回那张猫的照片" en="Back to the cat photo" />
          </button>
        </p>
      )}
      <p class="cd-credit" aria-live="polite">{sample ? <T zh={sample.credit.zh} en={sample.credit.en} /> : <T zh="你自己的照片（只在本机处理）" en="Your own photo (processed on this device only)" />}</p>
    </div>
  );
}
