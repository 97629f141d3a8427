/**
 * Chart.js with only what the rate–distortion plot uses (line controller over
 * {x, y} points, logarithmic x axis), registered once. Imported dynamically by
 * rd-chart.ts so that the named imports let the bundler drop the rest.
 */
import { Chart, Legend, LinearScale, LineController, LineElement, LogarithmicScale, PointElement, Tooltip } from 'chart.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Legend, Tooltip);

export { Chart };
