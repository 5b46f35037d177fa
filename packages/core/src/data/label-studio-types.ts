import type { RegionResult, Task } from '../contract/types.js';

/** `GET /api/projects/:id`: the fields lsml reads. */
export interface LabelStudioProject {
  id: number;
  title?: string;
  label_config: string;
  /** ISO time; with the id it makes the `project` Label Studio sends backends (`"12.1712591527"`). */
  created_at?: string;
  /** "Show predictions to annotators": off, annotators never see predictions. */
  show_collab_predictions?: boolean;
  /** "Retrieve predictions when loading a task automatically". */
  evaluate_predictions_automatically?: boolean;
  [field: string]: unknown;
}

/** An ML backend connected to a project (`GET /api/ml?project=`). */
export interface MlBackendInfo {
  id: number;
  url: string;
  title?: string;
  /** `CO` connected, `DI` disconnected, `ER` error, `TR` training, `PR` predicting. */
  state?: string;
  /** `NONE` or `BASIC_AUTH`. */
  auth_method?: string;
  basic_auth_user?: string | null;
  is_interactive?: boolean;
  model_version?: string;
  error_message?: string | null;
  [field: string]: unknown;
}

/** A project webhook (`GET /api/webhooks?project=`). */
export interface WebhookInfo {
  id: number;
  url: string;
  send_payload?: boolean;
  send_for_all_actions?: boolean;
  is_active?: boolean;
  headers?: Record<string, string>;
  actions?: string[];
  [field: string]: unknown;
}

/** `GET /api/version`. */
export interface LabelStudioVersion {
  release?: string;
  [field: string]: unknown;
}

/** One prediction as Label Studio's predictions import takes it. */
export interface PredictionImport {
  task: Task['id'];
  result: RegionResult[];
  score?: number;
  model_version: string;
}

/** One page of a project's tasks, and the project's task count when Label Studio sends it. */
export interface TaskPage {
  tasks: Task[];
  total: number | undefined;
  /** Which page this is (from 1), and its size: enough to read it again. */
  page: number;
  pageSize: number;
}
