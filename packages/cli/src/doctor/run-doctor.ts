import type { LabelStudioTarget } from '../label-studio/connection-args.js';
import type { LabelStudioSession } from '../label-studio/connect-label-studio.js';
import type { BackendUnderTest } from './backend-under-test.js';
import { Checklist, type CheckLine } from './check-line.js';
import { checkHealth, checkSetup } from './checks/backend-checks.js';
import { checkLabelStudio, checkToken } from './checks/label-studio-checks.js';
import { checkMedia } from './checks/media-checks.js';
import { checkMlBackends } from './checks/ml-backend-checks.js';
import { checkPredictions } from './checks/prediction-checks.js';
import { checkProject } from './checks/project-checks.js';
import { checkWebhooks } from './checks/webhook-checks.js';
import type { DoctorContext } from './doctor-context.js';

/** Every check, in the order a connection is built: each one skips when what it needs failed. */
const CHECKS = [
  checkLabelStudio,
  checkToken,
  checkProject,
  checkHealth,
  checkSetup,
  checkMlBackends,
  checkWebhooks,
  checkMedia,
  checkPredictions,
];

/** Runs the checklist of a Label Studio project and a backend; never throws for what it finds. */
export async function runDoctor(options: {
  target: LabelStudioTarget;
  session: LabelStudioSession;
  backend: BackendUnderTest;
  sample: number;
}): Promise<CheckLine[]> {
  const ctx: DoctorContext = { ...options, checks: new Checklist() };
  for (const check of CHECKS) await check(ctx);
  return ctx.checks.lines;
}
