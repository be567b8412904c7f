import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  type ChartType,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

/**
 * chart.js for the dashboards, with only the parts they draw registered
 * (line and bar charts on category × linear axes, the filled band of an
 * interval, tooltips and legends) so the rest tree-shakes away; import this
 * module only from dashboard routes, so no other page loads chart.js at all.
 * Every chart is decoration for sighted readers: the page beside it carries a
 * data table and a one-sentence summary, which are the accessible version.
 */

let registered = false;

function register(): void {
  if (registered) return;
  Chart.register(
    LineController,
    BarController,
    CategoryScale,
    LinearScale,
    PointElement,
    LineElement,
    BarElement,
    Filler,
    Tooltip,
    Legend,
  );
  registered = true;
}

/** Colours that keep 3:1 contrast against white and stay apart for common colour-vision differences (Okabe–Ito). */
export const CHART_COLOURS = {
  blue: '#0072b2',
  orange: '#d55e00',
  green: '#009e73',
  purple: '#9b4f96',
  grey: '#6b7280',
  yellow: '#b58900',
} as const;

/** A colour with transparency, for bands and fills ("#0072b2" → "rgba(0, 114, 178, 0.2)"). */
export function translucent(hex: string, alpha = 0.2): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/**
 * A chart on `canvas`, sized by its parent: responsive, without a fixed
 * aspect ratio (give the parent a height), and without animation for those
 * who ask for reduced motion. Call `.destroy()` when the canvas goes.
 */
export function createChart<T extends ChartType>(canvas: HTMLCanvasElement, config: ChartConfiguration<T>): Chart<T> {
  register();
  const reduceMotion = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
  return new Chart(canvas, {
    ...config,
    options: {
      responsive: true,
      maintainAspectRatio: false,
      ...(reduceMotion ? { animation: false } : {}),
      ...config.options,
    },
  } as ChartConfiguration<T>);
}

/**
 * A Svelte attachment (`<canvas {@attach chart(config)}>`): draws the chart,
 * redraws it when `config` changes (the attachment re-runs), and destroys it
 * with the canvas.
 */
export function chart<T extends ChartType>(config: ChartConfiguration<T>) {
  return (canvas: HTMLCanvasElement) => {
    const instance = createChart(canvas, config);
    return () => instance.destroy();
  };
}

export type { Chart, ChartConfiguration, ChartType };
