import { formatCount, formatRate } from '../progress/format.js';
import type { AutoLabelSummary } from './auto-label.js';

/** `done: 6,046 tasks in 9.4s (643 tasks/s), 6,046 labeled, 0 failed, model x-v1 → out.json` */
export function summaryLine(summary: AutoLabelSummary, seconds: number, out: string): string {
  const rate = formatRate(summary.tasks / Math.max(seconds, 1e-3), ' tasks/s');
  const model = summary.modelVersion ? `, model ${summary.modelVersion}` : '';
  return `${summary.interrupted ? 'interrupted' : 'done'}: ${formatCount(summary.tasks)} tasks in ${seconds.toFixed(1)}s (${rate}), ${formatCount(summary.labeled)} labeled, ${formatCount(summary.failed)} failed${model} → ${out}`;
}
