/**
 * Chart.js with only what the interpolation plot uses, registered once.
 * Imported dynamically by probability-chart.ts, so named imports here let the
 * bundler drop the rest of Chart.js.
 */
import { Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, Legend, Tooltip);

export { Chart };
