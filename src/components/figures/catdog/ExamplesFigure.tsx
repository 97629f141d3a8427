/**
 * Figure "catdog-examples": the sample photos with the network's cat/dog
 * probabilities, and a place for the reader's own photo (drop, paste, pick or
 * camera). Shows the 32×32 view the network receives for the current photo.
 * Before the model is ready (and without JavaScript) it shows the precomputed
 * numbers from `fallback.json`.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { CATDOG_SAMPLES, type CatdogSample } from '../../../lib/catdog/samples';
import { LoadStatus } from './LoadStatus';
import { InputView } from './InputView';
import { ProbBars, percent } from './ProbBars';
import { reportPhotoProblem, sampleUrl, selectFile, selectSample, type CatdogState } from './store';
import { installPhotoInbox } from '../kit/photo-inbox';
import { T } from './T';
import { useUiText } from '../kit/ui-lang';
import { useCatdog } from './use-catdog';

/** Props: precomputed probabilities and 32×32 views of the samples (static fallback). */
export interface ExamplesFigureProps {
  fallbackProbs: Record<string, [number, number]>;
  /** Sample id → URL of its precomputed 32×32 PNG. */
  fallbackInputs: Record<string, string>;
}

/** The crop square as CSS percentages of the photo. */
function cropStyle(s: CatdogSample): Record<string, string> {
  const side = Math.min(s.width, s.height) * s.crop.size;
  const x = Math.min(s.width - side, Math.max(0, s.crop.cx * s.width - side / 2));
  const y = Math.min(s.height - side, Math.max(0, s.crop.cy * s.height - side / 2));
  return { left: `${(x / s.width) * 100}%`, top: `${(y / s.height) * 100}%`, width: `${(side / s.width) * 100}%`, height: `${(side / s.height) * 100}%` };
}

function uploadCropStyle(state: CatdogState): Record<string, string> | null {
  const { rect, width, height } = state.current;
  if (!rect || !width) return null;
  return { left: `${(rect.x / width) * 100}%`, top: `${(rect.y / height) * 100}%`, width: `${(rect.width / width) * 100}%`, height: `${(rect.height / height) * 100}%` };
}

function imageFile(list: FileList | null | undefined): File | null {
  if (!list || list.length === 0) return null;
  return list[0] ?? null;
}

export default function ExamplesFigure({ fallbackProbs, fallbackInputs }: ExamplesFigureProps) {
  const ui = useUiText();
  const state = useCatdog();
  const [hydrated, setHydrated] = useState(false);
  const [dragging, setDragging] = useState(false);
  const pickRef = useRef<HTMLInputElement>(null);
  const cameraRef = useRef<HTMLInputElement>(null);
  useEffect(() => setHydrated(true), []);

  // Drops anywhere on the page and pastes outside text fields arrive through the page's
  // photo inbox (installed inline before hydration, so early drops are kept, not navigated to).
  const rootRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!rootRef.current) return;
    return installPhotoInbox('[data-catdog-figure="examples"]').register((d) => {
      setDragging(false);
      if ('problem' in d) reportPhotoProblem(d.problem);
      else void selectFile(d.files[0]!);
    }, rootRef.current);
  }, []);

  const live = state.model === 'ready';
  const cur = state.current;
  const probsOf = (id: string) => (live ? state.sampleProbs[id] ?? null : fallbackProbs[id] ?? null);
  const currentProbs = live && state.result ? state.result.probs : cur.id !== 'upload' ? fallbackProbs[cur.id] ?? null : null;
  const isUpload = cur.id === 'upload';
  const currentSample = CATDOG_SAMPLES.find((s) => s.id === cur.id);
  const verdict = currentProbs ? (currentProbs[1] > currentProbs[0] ? 1 : 0) : null;

  const onFiles = (files: FileList | null | undefined) => {
    const f = imageFile(files);
    if (f) void selectFile(f);
  };

  return (
    <div
      class={`cd-fig cd-examples${dragging ? ' dragging' : ''}`}
      data-catdog-figure="examples"
      data-live={live ? 'true' : 'false'}
      data-catdog-key={live && state.result ? cur.key : undefined}
      data-current={cur.id}
      ref={rootRef}
      onDragOver={() => hydrated && setDragging(true)}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={() => setDragging(false)}
    >
      <LoadStatus state={state} />
      <ul class="cd-cards" role="list">
        {CATDOG_SAMPLES.map((s) => {
          const selected = cur.id === s.id;
          return (
            <li>
              <button
                type="button"
                class={`cd-card${selected ? ' selected' : ''}`}
                aria-pressed={selected}
                data-sample={s.id}
                disabled={!hydrated}
                data-nojs-content
                onClick={() => void selectSample(s.id)}
              >
                <span class="cd-thumb">
                  <img src={sampleUrl(s.id)} width={s.width} height={s.height} alt={ui(s.alt)} loading="lazy" decoding="async" />
                  <span class="cd-crop" style={cropStyle(s)} aria-hidden="true" />
                </span>
                <ProbBars probs={probsOf(s.id)} compact />
              </button>
            </li>
          );
        })}
        <li data-needs-js>
          <div class={`cd-card cd-drop${isUpload ? ' selected' : ''}`} data-sample="upload">
            {isUpload ? (
              <span class="cd-thumb">
                <img src={cur.url} alt={cur.name ?? ui({ zh: '你的照片', en: 'your photo' })} />
                {uploadCropStyle(state) && <span class="cd-crop" style={uploadCropStyle(state)!} aria-hidden="true" />}
              </span>
            ) : (
              <span class="cd-drop-hint" aria-hidden="true">
                <svg viewBox="0 0 24 24" width="28" height="28"><path fill="none" stroke="currentColor" stroke-width="1.6" d="M4 16v3h16v-3M12 4v11M7 9l5-5 5 5" /></svg>
              </span>
            )}
            <span class="cd-drop-text">
              <T zh="你自己的照片：拖到这里、粘贴，或" en="Your own photo: drop it here, paste it, or" />
            </span>
            <span class="cd-drop-buttons">
              <button type="button" class="cd-btn" disabled={!hydrated || state.busy} onClick={() => pickRef.current?.click()}>
                <T zh="选择照片" en="Choose a photo" />
              </button>
              <button type="button" class="cd-btn cd-camera" disabled={!hydrated || state.busy} onClick={() => cameraRef.current?.click()}>
                <T zh="拍照" en="Take a photo" />
              </button>
            </span>
            <input ref={pickRef} class="cd-file" type="file" accept="image/*" data-catdog-file="pick" tabIndex={-1} aria-hidden="true"
              onChange={(e) => { onFiles(e.currentTarget.files); e.currentTarget.value = ''; }} />
            <input ref={cameraRef} class="cd-file" type="file" accept="image/*" capture="environment" tabIndex={-1} aria-hidden="true"
              onChange={(e) => { onFiles(e.currentTarget.files); e.currentTarget.value = ''; }} />
            {isUpload && <ProbBars probs={currentProbs} compact />}
          </div>
        </li>
      </ul>

      {state.busy && <p class="cd-status" role="status"><span class="cd-spinner" aria-hidden="true" /><T zh="正在读取照片…" en="Reading the photo…" /></p>}
      {state.photoError && (
        <p class="cd-status cd-error" role="alert" data-catdog-error="photo">
          <T zh={state.photoError.zh} en={state.photoError.en} />
        </p>
      )}
      {state.photoWarning && <p class="cd-status cd-warn" role="status"><T zh={state.photoWarning.zh} en={state.photoWarning.en} /></p>}

      <div class="cd-current" aria-live="polite">
        <div class="cd-seen">
          <InputView
            input={cur.input}
            fallbackSrc={fallbackInputs[cur.id]}
            label={ui({
              zh: `网络收到的 32×32 图像${currentSample ? `，来自：${currentSample.alt.zh}` : ''}`,
              en: `The 32×32 image the network receives${currentSample ? ` from: ${currentSample.alt.en}` : ''}`,
            })}
            class="cd-seen-img"
          />
          <span class="cd-seen-label"><T zh="网络实际接收到的 32×32 像素图" en="What the network actually receives: 32×32 pixels" /></span>
        </div>
        <div class="cd-verdict">
          <p class="cd-verdict-line">
            {verdict === null ? (
              <T zh="等待网络……" en="Waiting for the network…" />
            ) : (
              <T
                zh={<>网络的判断：<strong>{verdict === 0 ? '猫' : '狗'}</strong>（{percent(currentProbs![verdict])}）</>}
                en={<>The network says: <strong>{verdict === 0 ? 'cat' : 'dog'}</strong> ({percent(currentProbs![verdict])})</>}
              />
            )}
          </p>
          <ProbBars probs={currentProbs} />
          <p class="cd-note">
            <T
              zh="网络只见过猫和狗，所以不管给它什么，它都只在这两者之间分配概率。方框标出交给网络的那一块正方形区域。"
              en="The network has only ever seen cats and dogs, so whatever it is shown, it splits the probability between those two. The square marks the part of the photo it is given."
            />
            {isUpload && (
              <>
                {' '}
                <T
                  zh="你的照片只取中间的正方形，再缩成 32×32：动物占满画面时效果最好。"
                  en="From your photo it takes the square in the middle, shrunk to 32×32: it works best when the animal fills the frame."
                />
              </>
            )}
          </p>
        </div>
      </div>
      <p class="cd-privacy" data-needs-js>
        <T zh="你的照片只在本机浏览器里处理，不会上传。" en="Your photo is processed in your browser only; it is never uploaded." />
      </p>
    </div>
  );
}
