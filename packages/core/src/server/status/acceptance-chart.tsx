/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
// The pragmas make any TypeScript runner (tsx, esbuild, vitest) build this JSX with Hono.
import type { VersionAcceptance } from '../../analytics/index.js';

const WIDTH = 320;
const ROW = 26;
const LABEL_WIDTH = 110;

const percent = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);

/**
 * Acceptance per model version as stacked horizontal bars (kept, edited, removed shares of the
 * predicted regions), in inline SVG: no script, no external asset, readable by screen readers
 * through its title and the table beside it.
 */
export function AcceptanceChart({
  project,
  versions,
}: {
  project: string;
  versions: VersionAcceptance[];
}) {
  const height = versions.length * ROW + 24;
  const barWidth = WIDTH - LABEL_WIDTH - 44;
  const summary = versions
    .map((v) => `${v.model_version}: ${percent(v.acceptance_rate)} kept`)
    .join('; ');
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-labelledby={`chart-${project}-title`}
      data-chart={project}
    >
      <title
        id={`chart-${project}-title`}
      >{`Acceptance per model version, project ${project}. ${summary}`}</title>
      {versions.map((v, i) => {
        const predicted = v.regions.kept + v.regions.edited + v.regions.removed;
        const share = (n: number) => (predicted > 0 ? (n / predicted) * barWidth : 0);
        const y = i * ROW + 4;
        const kept = share(v.regions.kept);
        const edited = share(v.regions.edited);
        const removed = share(v.regions.removed);
        return (
          <g data-version={v.model_version}>
            <text x={0} y={y + 14} class="chart-label">
              {v.model_version.length > 16 ? `…${v.model_version.slice(-15)}` : v.model_version}
            </text>
            <rect x={LABEL_WIDTH} y={y} width={barWidth} height={18} class="bar-empty" />
            <rect x={LABEL_WIDTH} y={y} width={kept} height={18} class="bar-kept" />
            <rect x={LABEL_WIDTH + kept} y={y} width={edited} height={18} class="bar-edited" />
            <rect
              x={LABEL_WIDTH + kept + edited}
              y={y}
              width={removed}
              height={18}
              class="bar-removed"
            />
            <text x={WIDTH - 40} y={y + 14} class="chart-value" data-rate={v.acceptance_rate ?? ''}>
              {percent(v.acceptance_rate)}
            </text>
          </g>
        );
      })}
      <g transform={`translate(${LABEL_WIDTH}, ${height - 8})`} class="legend">
        <rect x={0} y={-8} width={8} height={8} class="bar-kept" />
        <text x={11} y={0}>
          kept
        </text>
        <rect x={50} y={-8} width={8} height={8} class="bar-edited" />
        <text x={61} y={0}>
          edited
        </text>
        <rect x={108} y={-8} width={8} height={8} class="bar-removed" />
        <text x={119} y={0}>
          removed
        </text>
      </g>
    </svg>
  );
}

export { percent };
