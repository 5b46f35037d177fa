import type { LabelInterface, LabelStudioProject, MlBackendInfo, Task } from '@lsml/core';
import type { LabelStudioTarget } from '../label-studio/connection-args.js';
import type { LabelStudioSession } from '../label-studio/connect-label-studio.js';
import type { BackendUnderTest } from './backend-under-test.js';
import type { Checklist } from './check-line.js';

/** What the checks share; each one fills in what later ones need, or leaves it unset when it failed. */
export interface DoctorContext {
  target: LabelStudioTarget;
  session: LabelStudioSession;
  backend: BackendUnderTest;
  checks: Checklist;
  /** Tasks to predict on and read media from. */
  sample: number;
  /** Label Studio answered its API. */
  reachable?: boolean;
  /** The token works. */
  authorized?: boolean;
  project?: LabelStudioProject;
  labelInterface?: LabelInterface;
  tasks?: Task[];
  /** The backend answered /health (with the credentials it needs). */
  backendUp?: boolean;
  /** The backend requires basic auth (a 401 without credentials); undefined when unknown. */
  backendAuth?: boolean;
  /** What the backend's /setup answered. */
  modelVersion?: string;
  /** The ML backend entry of the project that is this backend (or the only one). */
  mlBackend?: MlBackendInfo;
}
