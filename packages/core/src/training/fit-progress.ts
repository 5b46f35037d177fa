import type { Logger } from '../observability/logger.js';
import type { TrainingJob } from './training-job.js';

/**
 * `FitContext.progress` for a queued job: clamps to [0, 1], stores it on the BullMQ job (read
 * by `GET /jobs/:id` on any replica) and logs it at most once a second.
 */
export function jobProgress(job: TrainingJob, log: Logger): (fraction: number) => Promise<void> {
  let lastLog = 0;
  return async (fraction) => {
    const progress = Math.max(0, Math.min(1, Number.isFinite(fraction) ? fraction : 0));
    await job.updateProgress(progress);
    const now = Date.now();
    if (now - lastLog >= 1_000 || progress === 1) {
      log.info({ progress }, 'training progress');
      lastLog = now;
    }
  };
}
