/**
 * The convolution kernel behind one output channel: one small grid of weights
 * per input channel, on the diverging scale of the kernel's own largest |weight|.
 * For the first layer the three input channels are R, G and B, also shown
 * together as one colour picture.
 */
import { kernelRgb, kernelSlices, type Kernel } from '../../../lib/catdog/activations';
import { ColorLegend, fmt } from './ColorLegend';
import { MapCanvas, RgbCanvas } from './MapCanvas';
import { T } from './T';
import { useUiText } from '../kit/ui-lang';

/** Props: the layer's kernel, the output channel, and the name of the layer its input comes from. */
export interface KernelViewProps {
  kernel: Kernel;
  channel: number;
  /** Bilingual name of the input ("the photo's R, G, B" / "layer 8"). */
  inputName: { zh: string; en: string };
}

const RGB = ['R', 'G', 'B'];

export function KernelView({ kernel, channel, inputName }: KernelViewProps) {
  const ui = useUiText();
  const [kh, kw, cin] = kernel.shape;
  const slices = kernelSlices(kernel, channel);
  let limit = 1e-12;
  for (const s of slices) for (const v of s) limit = Math.max(limit, Math.abs(v));
  const rgb = cin === 3;
  return (
    <div class="cd-kernel" data-kernel-shape={`${kh}x${kw}x${cin}`}>
      <p class="cd-kernel-title">
        <T
          zh={`卷积核：${kh}×${kw}×${cin}，即对${inputName.zh}的每个通道各有一个 ${kh}×${kw} 的权重格`}
          en={`Kernel: ${kh}×${kw}×${cin}, one ${kh}×${kw} grid of weights for each channel of ${inputName.en}`}
        />
      </p>
      <div class={`cd-kernel-slices${rgb ? ' rgb' : ''}`}>
        {rgb && (
          <figure class="cd-slice">
            <RgbCanvas rgba={kernelRgb(slices)} width={kw} height={kh} label={ui({ zh: `第 ${channel + 1} 个卷积核画成彩色图`, en: `kernel ${channel + 1} as a colour picture` })} class="cd-slice-img" />
            <figcaption><T zh="RGB 合成" en="as colour" /></figcaption>
          </figure>
        )}
        {slices.map((s, i) => (
          <figure class="cd-slice" title={`${rgb ? RGB[i] : ui({ zh: `输入通道 ${i + 1}`, en: `input channel ${i + 1}` })}: ${Array.from(s, (v) => fmt(v)).join(' ')}`}>
            <MapCanvas values={s} width={kw} height={kh} limit={limit} class="cd-slice-img" />
            {rgb && <figcaption>{RGB[i]}</figcaption>}
          </figure>
        ))}
      </div>
      <ColorLegend limit={limit} note={{ zh: '蓝 = 负权重，红 = 正权重；整个卷积核用同一标尺', en: 'blue = negative weight, red = positive; one scale for the whole kernel' }} />
    </div>
  );
}
