/**
 * Figure "codec-vs-jpeg" (added by this site, part 00): the reader picks one of
 * the first ten MNIST test digits or draws one; the island shows it, the
 * browser's own JPEG at {@link ROW_QUALITIES} (whole file and entropy-coded
 * payload in bytes), and the learned codec at 4, 8 and 16 bytes, each with
 * PSNR (dB) and SSIM; then measures JPEG at {@link CURVE_QUALITIES} and the
 * codec on 100 test digits (with progress) and draws the rate–distortion plot
 * with the reader's digit marked.
 *
 * Data: `/data/codec/mnist-test-100.bin` (MNIST test images 0–99, 784 bytes
 * each); models `codec-encoder` and `codec-decoder` through the shared loader.
 * Until everything is ready, and on any failure, the static fallback (children) stays.
 */
import type { ComponentChildren } from 'preact';
import type { Chart as ChartType } from 'chart.js';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { LoadProgress } from '../../../lib/models/loader';
import { CODEC_DECODER, CODEC_ENCODER, CODEC_RATES, codeBytes } from '../../../lib/models/codec';
import type { CodecRuntime } from '../../../lib/codec/evaluate';
import { psnr, ssim, toGrey8 } from '../../../lib/codec/metrics';
import { CURVE_DIGITS, CURVE_QUALITIES, meanPoint, ROW_QUALITIES, type Measurement, type RdPoint } from '../../../lib/codec/rd';
import { DrawingPad } from '../digits/DrawingPad';
import { T } from './T';
import { useUiText } from '../kit/ui-lang';
import { jpegRoundTrip } from './jpeg-canvas';
import { drawRdChart, type RdChartData } from './rd-chart';
import styles from './codec.module.css';

const PIXELS = 784;
/** Test digits offered as buttons (MNIST test images 0 … 9). */
const PICKS = 10;

interface Props {
  children?: ComponentChildren;
}

/** One method's result for the reader's digit. */
interface Cell {
  key: string;
  method: 'original' | 'jpeg' | 'codec';
  setting: number;
  image: Uint8Array;
  /** Bytes counted (whole file for JPEG). */
  bytes: number;
  /** JPEG payload bytes (= bytes for the others). */
  payload: number;
  psnr: number;
  ssim: number;
}

type Phase =
  | { status: 'loading'; progress: LoadProgress | null }
  | { status: 'ready'; runtime: CodecRuntime; digits: Uint8Array; backend: string }
  | { status: 'error'; message: { zh: string; en: string } };

function baseUrl(): string {
  const base = import.meta.env.BASE_URL ?? '/';
  return base.endsWith('/') ? base : `${base}/`;
}

/** Load both halves of the codec and the 100 test digits. */
function useCodec(): [Phase, () => void] {
  const [phase, setPhase] = useState<Phase>({ status: 'loading', progress: null });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    // Set once Promise.all settles: the encoder keeps reporting download progress after the
    // decoder has failed, and must not turn the error back into "loading".
    let settled = false;
    setPhase({ status: 'loading', progress: null });
    (async () => {
      const { loadModel, describeLoadError } = await import('../../../lib/models/loader');
      try {
        const onProgress = (progress: LoadProgress) => live && !settled && setPhase({ status: 'loading', progress });
        const [enc, dec, digits] = await Promise.all([
          loadModel(CODEC_ENCODER, { onProgress }),
          loadModel(CODEC_DECODER),
          fetch(`${baseUrl()}data/codec/mnist-test-100.bin`).then(async (r) => {
            if (!r.ok) throw new Error(`test digits: HTTP ${r.status}`);
            const bytes = new Uint8Array(await r.arrayBuffer());
            if (bytes.length !== CURVE_DIGITS * PIXELS) throw new Error(`test digits: ${bytes.length} bytes, expected ${CURVE_DIGITS * PIXELS}`);
            return bytes;
          }),
        ]);
        const runtime: CodecRuntime = { tf: enc.runtime.tf as unknown as CodecRuntime['tf'], encoder: enc.model, decoder: dec.model };
        if (live) setPhase({ status: 'ready', runtime, digits, backend: enc.runtime.backend });
      } catch (error) {
        settled = true;
        console.warn('[codec] loading failed:', error);
        const message = String((error as Error)?.message ?? '').startsWith('test digits')
          ? { zh: '测试数字没能下载。', en: 'The test digits could not be downloaded.' }
          : describeLoadError(error);
        // Always show the failure: a re-run of this effect that superseded this load (live = false)
        // awaits the same cached promise and lands here too, so nothing stays "loading".
        setPhase({ status: 'error', message });
      }
    })().catch((error: unknown) => {
      console.warn('[codec] loader code failed:', error);
      if (live) setPhase({ status: 'error', message: { zh: '模型代码没能下载。', en: 'The model code could not be downloaded.' } });
    });
    return () => {
      live = false;
    };
  }, [attempt]);
  return [phase, () => setAttempt((a) => a + 1)];
}

/** Run the codec on one image at every rate. */
async function codecCells(rt: CodecRuntime, image: Uint8Array): Promise<Cell[]> {
  const { roundTrip } = await import('../../../lib/codec/evaluate');
  const results = roundTrip(rt, image);
  return results.map((r, i) => {
    const res = r[0]!;
    return { key: `codec-${CODEC_RATES[i]}`, method: 'codec', setting: CODEC_RATES[i]!, image: res.decoded, bytes: res.code.length, payload: res.code.length, psnr: psnr(image, res.decoded), ssim: ssim(image, res.decoded, 28, 28) };
  });
}

async function jpegCells(image: Uint8Array, qualities: readonly number[]): Promise<Cell[]> {
  const out: Cell[] = [];
  for (const q of qualities) {
    const r = await jpegRoundTrip(image, q);
    out.push({ key: `jpeg-${q}`, method: 'jpeg', setting: q, image: r.decoded, bytes: r.fileBytes, payload: r.payloadBytes, psnr: r.psnr, ssim: r.ssim });
  }
  return out;
}

/** A grey 28×28 image on a canvas (white ink on black, as MNIST stores it). */
function GreyCanvas({ image, label }: { image: Uint8Array; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const d = ctx.createImageData(28, 28);
    for (let i = 0; i < PIXELS; i++) {
      d.data[4 * i] = d.data[4 * i + 1] = d.data[4 * i + 2] = image[i]!;
      d.data[4 * i + 3] = 255;
    }
    ctx.putImageData(d, 0, 0);
  }, [image]);
  return <canvas ref={ref} class={styles.digit} width={28} height={28} role="img" aria-label={label} />;
}

function Thumb({ image, index, pressed, onPick }: { image: Uint8Array; index: number; pressed: boolean; onPick: () => void }) {
  const ui = useUiText();
  const name = ui({ zh: `MNIST 测试集第 ${index} 个`, en: `MNIST test #${index}` });
  return (
    <button type="button" class={styles.thumb} aria-pressed={pressed} data-pick={index} onClick={onPick} title={name}>
      <GreyCanvas image={image} label={name} />
    </button>
  );
}

const fmt = (v: number, d: number) => (Number.isFinite(v) ? v.toFixed(d) : '∞');

function CellView({ cell }: { cell: Cell }) {
  const ui = useUiText();
  const title =
    cell.method === 'original'
      ? { zh: '原图', en: 'original' }
      : cell.method === 'jpeg'
        ? { zh: `JPEG 质量 ${Math.round(cell.setting * 100)}`, en: `JPEG quality ${Math.round(cell.setting * 100)}` }
        : { zh: `编解码器 ${cell.setting} 个值`, en: `codec, ${cell.setting} values` };
  return (
    <li class={styles.cell} data-method={cell.method} data-setting={cell.setting} data-bytes={cell.bytes} data-payload={cell.payload} data-psnr={fmt(cell.psnr, 2)} data-ssim={cell.ssim.toFixed(3)}>
      <GreyCanvas image={cell.image} label={ui(title)} />
      <strong class={styles.cellTitle}>
        <T zh={title.zh} en={title.en} />
      </strong>
      {cell.method === 'original' ? (
        <span class={styles.num}>
          <T zh="784 字节（未压缩）" en="784 bytes (raw)" />
        </span>
      ) : cell.method === 'jpeg' ? (
        <>
          <span class={styles.num}>
            <T zh={`文件 ${cell.bytes} B`} en={`file ${cell.bytes} B`} />
          </span>
          <span class={styles.num}>
            <T zh={`数据 ${cell.payload} B`} en={`payload ${cell.payload} B`} />
          </span>
        </>
      ) : (
        <span class={styles.num}>{`${cell.bytes} B`}</span>
      )}
      {cell.method !== 'original' && <span class={styles.num}>{`${fmt(cell.psnr, 1)} dB`}</span>}
      {cell.method !== 'original' && <span class={styles.num}>{`SSIM ${cell.ssim.toFixed(2)}`}</span>}
    </li>
  );
}

/** Chart words in Chinese unless the interface is English only (`<html data-ui>`). */
function languageIsZh(): boolean {
  return document.documentElement.dataset['ui'] !== 'en';
}

export default function CodecFigure({ children }: Props) {
  const ui = useUiText();
  const [phase, retry] = useCodec();
  // Rendered on the server too (no JavaScript): say "loading" only once the island runs.
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const [pick, setPick] = useState<number | null>(0);
  const [drawn, setDrawn] = useState<Uint8Array | null>(null);
  const [padImage, setPadImage] = useState<{ image: Float32Array | null; key: number }>({ image: null, key: 0 });
  const [cells, setCells] = useState<Cell[] | null>(null);
  const [curves, setCurves] = useState<Omit<RdChartData, 'mine'> | null>(null);
  const [done, setDone] = useState(0);
  const [curveError, setCurveError] = useState<string | null>(null);
  const [look, setLook] = useState(0);
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<ChartType<'line', { x: number; y: number }[]> | null>(null);

  const ready = phase.status === 'ready' ? phase : null;
  const testImage = (i: number) => ready!.digits.subarray(i * PIXELS, (i + 1) * PIXELS);
  const current = useMemo(() => (ready ? (drawn ?? testImage(pick ?? 0)) : null), [ready, drawn, pick]);

  // Theme or language changes: redraw the chart with the new colours and words.
  useEffect(() => {
    const obs = new MutationObserver(() => setLook((n) => n + 1));
    obs.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'data-ui', 'class'] });
    return () => obs.disconnect();
  }, []);

  // The reader's digit through every method.
  useEffect(() => {
    if (!ready || !current) return;
    let live = true;
    (async () => {
      const original: Cell = { key: 'original', method: 'original', setting: 0, image: current, bytes: PIXELS, payload: PIXELS, psnr: Infinity, ssim: 1 };
      const [jpeg, codec] = [await jpegCells(current, CURVE_QUALITIES), await codecCells(ready.runtime, current)];
      if (live) setCells([original, ...jpeg, ...codec]);
    })().catch((err: unknown) => {
      console.warn('[codec] measuring the digit failed:', err);
      if (live) setCurveError(String((err as Error)?.message ?? err));
    });
    return () => {
      live = false;
    };
  }, [ready, current]);

  // The curves over the 100 test digits, with progress.
  useEffect(() => {
    if (!ready) return;
    let live = true;
    (async () => {
      const n = CURVE_DIGITS;
      const jpegFile: Measurement[][] = CURVE_QUALITIES.map(() => []);
      const jpegPayload: Measurement[][] = CURVE_QUALITIES.map(() => []);
      for (let i = 0; i < n && live; i++) {
        const img = testImage(i);
        const results = await jpegCells(img, CURVE_QUALITIES);
        results.forEach((r, k) => {
          jpegFile[k]!.push({ bytes: r.bytes, psnr: r.psnr, ssim: r.ssim });
          jpegPayload[k]!.push({ bytes: r.payload, psnr: r.psnr, ssim: r.ssim });
        });
        setDone(i + 1);
        if (i % 5 === 4) await new Promise((r) => setTimeout(r, 0));
      }
      if (!live) return;
      const { roundTrip } = await import('../../../lib/codec/evaluate');
      const codecResults = roundTrip(ready.runtime, ready.digits.subarray(0, n * PIXELS));
      const codec = codecResults.map((rs, r) =>
        meanPoint(CODEC_RATES[r]!, rs.map((res, i) => ({ bytes: codeBytes(CODEC_RATES[r]!), psnr: psnr(testImage(i), res.decoded), ssim: ssim(testImage(i), res.decoded, 28, 28) }))),
      );
      if (live) {
        setCurves({ codec, jpegFile: jpegFile.map((m, k) => meanPoint(CURVE_QUALITIES[k]!, m)), jpegPayload: jpegPayload.map((m, k) => meanPoint(CURVE_QUALITIES[k]!, m)) });
      }
    })().catch((err: unknown) => {
      console.warn('[codec] measuring the curves failed:', err);
      if (live) setCurveError(String((err as Error)?.message ?? err));
    });
    return () => {
      live = false;
    };
  }, [ready]);

  // Draw / update the plot.
  useEffect(() => {
    if (!curves || !cells || !canvas.current) return;
    const point = (c: Cell, bytes: number): RdPoint => ({ setting: c.setting, bytes, psnr: Math.min(99, c.psnr), ssim: c.ssim });
    const jpeg = cells.filter((c) => c.method === 'jpeg' && (ROW_QUALITIES as readonly number[]).includes(c.setting));
    const mine = {
      codec: cells.filter((c) => c.method === 'codec').map((c) => point(c, c.bytes)),
      jpegPayload: jpeg.map((c) => point(c, c.payload)),
      jpegFile: jpeg.map((c) => point(c, c.bytes)),
    };
    let live = true;
    drawRdChart(canvas.current, { ...curves, mine }, chart.current, languageIsZh()).then(
      (c) => {
        if (live) chart.current = c;
        else if (!chart.current) c.destroy();
      },
      (err: unknown) => console.warn('[codec] chart failed:', err),
    );
    return () => {
      live = false;
    };
  }, [curves, cells, look]);

  useEffect(() => () => chart.current?.destroy(), []);

  if (phase.status !== 'ready') {
    const p = phase.status === 'loading' ? phase.progress : null;
    return (
      <div class={styles.figure} data-testid="codec-figure" data-state={phase.status}>
        {phase.status === 'loading' ? (
          mounted && <p class={styles.status}>
            <T zh="正在载入编解码器和测试数字…" en="Loading the codec and the test digits…" />
            {p && p.total > 0 && <progress class={styles.progress} max={p.total} value={p.loaded} />}
          </p>
        ) : (
          <div class={styles.error} role="alert">
            <p>
              <T zh={phase.message.zh} en={phase.message.en} /> <T zh="交互部分暂不可用，下面的静态结果仍然有效。" en="The interactive part is unavailable; the static results below still apply." />
            </p>
            <button type="button" class={styles.button} onClick={retry}>
              <T zh="重试" en="Retry" />
            </button>
          </div>
        )}
        {children}
      </div>
    );
  }

  const rowCells = cells?.filter((c) => c.method !== 'jpeg' || (ROW_QUALITIES as readonly number[]).includes(c.setting)) ?? [];
  const curveState = curveError ? 'error' : curves ? 'done' : 'measuring';
  return (
    <div class={styles.figure} data-testid="codec-figure" data-state="ready" data-backend={ready!.backend}>
      <div class={styles.inputs}>
        <div>
          <p class={styles.hint}>
            <T zh="选一个 MNIST 测试集里的数字：" en="Pick a digit from the MNIST test set:" />
          </p>
          <div class={styles.thumbs} role="group" aria-label={ui({ zh: 'MNIST 测试数字', en: 'MNIST test digits' })}>
            {Array.from({ length: PICKS }, (_, i) => (
              <Thumb
                key={i}
                index={i}
                image={testImage(i)}
                pressed={!drawn && pick === i}
                onPick={() => {
                  setDrawn(null);
                  setPick(i);
                  setPadImage((p) => ({ image: new Float32Array(PIXELS), key: p.key + 1 }));
                }}
              />
            ))}
          </div>
        </div>
        <div class={styles.padBox}>
          <p class={styles.hint}>
            <T zh="或者在这里写一个：" en="Or draw one here:" />
          </p>
          <DrawingPad
            label={ui({ zh: '手写一个数字', en: 'Drawing pad for one digit' })}
            image={padImage.image}
            imageKey={padImage.key}
            onDigit={(pixels) => {
              if (pixels) {
                setDrawn(toGrey8(pixels));
                setPick(null);
              }
            }}
          />
        </div>
      </div>

      <ul class={styles.row} data-testid="codec-row" data-source={drawn ? 'drawn' : `test-${pick}`}>
        {rowCells.map((c) => (
          <CellView key={c.key} cell={c} />
        ))}
      </ul>

      <div class={styles.chartBox} data-testid="codec-rd" data-state={curveState} data-progress={done} data-curves={curves ? `codec:${curves.codec.length},jpeg-payload:${curves.jpegPayload.length},jpeg-file:${curves.jpegFile.length}` : ''}>
        {!curves && !curveError && (
          <p class={styles.status}>
            <T zh={`正在浏览器里测量 ${CURVE_DIGITS} 个测试数字：${done}/${CURVE_DIGITS}`} en={`Measuring ${CURVE_DIGITS} test digits in your browser: ${done}/${CURVE_DIGITS}`} />
            <progress class={styles.progress} max={CURVE_DIGITS} value={done} />
          </p>
        )}
        {curveError && (
          <p class={styles.error} role="alert">
            <T zh={`测量失败：${curveError}`} en={`Measuring failed: ${curveError}`} />
          </p>
        )}
        {/* Laid out while measuring (only unseen), so the status line sits in the chart's room and the text below does not move when the chart appears. */}
        <div class={styles.chartWrap} data-pending={curves ? undefined : ''}>
          <canvas ref={canvas} role="img" aria-label={ui({ zh: '率失真图：每个图像的字节数与 PSNR（dB），学得的编解码器与 JPEG', en: 'Rate–distortion plot: PSNR (dB) against bytes per image, learned codec and JPEG' })} />
        </div>
      </div>
      <p class={styles.note}>
        <T
          zh={`实线的 JPEG 曲线只算熵编码数据（SOS 段头之后、EOI 之前的字节）；虚线算整个文件（包括约 ${cells ? cells.find((c) => c.method === 'jpeg')!.bytes - cells.find((c) => c.method === 'jpeg')!.payload : '…'} 字节的文件头和量化表、霍夫曼表）。编解码器的字节数是精确的：${CODEC_RATES.join('、')} 个值 × 4 位，没有文件头，因为模型和图像大小是固定的。三角形是你选的数字（JPEG 质量 10、30、60、90）。JPEG 由你的浏览器现场编码（canvas.toBlob），它把灰度图当作彩色图编码，两个色度通道也要占字节。`}
          en={`The solid JPEG curve counts the entropy-coded data only (the bytes after the SOS header and before EOI); the dashed one the whole file (including about ${cells ? cells.find((c) => c.method === 'jpeg')!.bytes - cells.find((c) => c.method === 'jpeg')!.payload : '…'} bytes of headers, quantisation and Huffman tables). The codec's sizes are exact: ${CODEC_RATES.join(', ')} values × 4 bits, with no header, because the model and the image size are fixed. Triangles are your digit (JPEG at qualities 10, 30, 60, 90). JPEG is encoded live by your browser (canvas.toBlob), which codes the grey image as colour, so the two chroma channels cost bytes too.`}
        />
      </p>
    </div>
  );
}
