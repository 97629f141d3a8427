/**
 * Interface strings of the section-06 figures, in Chinese and English
 * (rendered both; the site's CSS shows the reader's language).
 */
import type { Bilingual } from '../../../lib/i18n';

/** The strings, by key; each is `{ zh, en }`. */
export const S = {
  x: { zh: '输入 x', en: 'input x' },
  fx: { zh: '目标值 f(x)', en: 'target f(x)' },
  y: { zh: '输出', en: 'output' },
  target: { zh: '目标函数', en: 'target function' },
  examples: { zh: '200 个训练样本', en: '200 training examples' },
  network: { zh: '网络算出的函数', en: 'what the network computes' },
  networkShort: { zh: '网络的输出', en: 'network' },
  targetShort: { zh: '目标', en: 'target' },
  loading: { zh: '正在加载…', en: 'Loading…' },
  loadingWeights: { zh: '正在加载权重', en: 'Loading weights' },
  loadingChart: { zh: '正在加载图表…', en: 'Loading the chart…' },
  loadFailed: { zh: '权重没能加载（网络错误）。', en: 'The weights could not be loaded (network error).' },
  chartFailed: {
    zh: '交互图表没能加载，下面显示的是静态图。',
    en: 'The interactive chart could not be loaded; the static drawing is shown instead.',
  },
  draw: { zh: '随机权重', en: 'random draw' },
  mse: { zh: '均方误差', en: 'mean squared error' },
  gallery: { zh: '并排', en: 'Gallery' },
  overlay: { zh: '叠在一起', en: 'Overlaid' },
  view: { zh: '显示方式', en: 'View' },
  train: { zh: '开始训练', en: 'Train' },
  resume: { zh: '继续', en: 'Resume' },
  pause: { zh: '暂停', en: 'Pause' },
  reset: { zh: '重置', en: 'Reset' },
  learningRate: { zh: '学习率', en: 'Learning rate' },
  batchSize: { zh: '批大小', en: 'Batch size' },
  step: { zh: '步数', en: 'step' },
  loss: { zh: '损失（均方误差）', en: 'loss (mean squared error)' },
  live: { zh: '这次训练', en: 'this run' },
  pretrained: { zh: '预训练的一次', en: 'pretrained run' },
  goal: { zh: '目标', en: 'goal' },
  trainingSteps: { zh: '训练步数', en: 'training steps' },
  snapshotsTitle: { zh: '预先训练的一次：几个选定步数时网络算出的函数', en: 'A pretrained run: what the network computes at chosen steps' },
  noJs: {
    zh: '实时训练需要 JavaScript；这里的损失曲线来自预先训练的那一次。',
    en: 'Live training needs JavaScript; the loss curve shown here is from the pretrained run.',
  },
  noWorkers: {
    zh: '实时训练要在 Web Worker 里运行，而这个浏览器不提供 Web Worker（或已被禁用）；上图是预先训练那一次的损失曲线。',
    en: 'Live training runs in a Web Worker, which this browser does not provide (or has disabled); above is the loss curve of the pretrained run.',
  },
  workerFailed: {
    zh: '训练程序出错，已停止。可以点“重置”再试。',
    en: 'The training worker failed and stopped. Press “Reset” to try again.',
  },
  showWeights: { zh: '连线显示', en: 'Connections show' },
  structure: { zh: '结构', en: 'Structure' },
  randomWeights: { zh: '随机权重', en: 'Random weights' },
  trainedWeights: { zh: '训练后的权重', en: 'Trained weights' },
  positive: { zh: '正权重', en: 'positive weight' },
  negative: { zh: '负权重', en: 'negative weight' },
  thickness: { zh: '线越粗，权重的绝对值越大', en: 'thicker = larger magnitude' },
} satisfies Record<string, Bilingual>;

/**
 * A number the way the figures print it: up to `digits` significant digits,
 * a real minus sign, no exponent for errors ≥ 0.0001.
 */
export function num(v: number, digits = 3): string {
  if (!Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  const s = a !== 0 && a < 1e-4 ? v.toExponential(1) : Number(v.toPrecision(digits)).toString();
  return s.replace('-', '−');
}

/** An integer with thin-space thousands separators, e.g. `10 000`. */
export function int(v: number): string {
  return Math.round(v).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '\u2009');
}
