import { relative, resolve } from 'node:path';
import { isLsmlError, parseLabelConfig, type LabelStudioClient } from '@lsml/core';
import { CLIError } from '../cli-error.js';
import type { CliIo } from '../io.js';
import { GIVE_UP_AFTER } from '../predict/auto-label.js';
import { openBackend } from '../predict/open-backend.js';
import { failureReporter } from '../progress/failure-reporter.js';
import { formatCount, formatRate } from '../progress/format.js';
import { ProgressReporter } from '../progress/progress-reporter.js';
import { BackendHttp } from './backend-http.js';
import { connectLabelStudio } from './connect-label-studio.js';
import { backendChoice, basicCredentials, labelStudioTarget } from './connection-args.js';
import { FileSink } from './file-sink.js';
import { LabelStudioSink } from './label-studio-sink.js';
import { prelabel, type PrelabelSummary } from './prelabel.js';
import {
  httpTarget,
  runtimeTarget,
  type PredictTarget,
  type ProjectContext,
} from './predict-target.js';
import type { PredictionSink } from './prediction-sink.js';
import { projectKey } from './project-key.js';

/** The flags `lsml predict` takes in project mode. */
export interface PrelabelFlags {
  'label-studio': string | undefined;
  'api-key': string | undefined;
  project: string | undefined;
  backend: string | undefined;
  url: string | undefined;
  'basic-auth-user': string | undefined;
  'basic-auth-pass': string | undefined;
  'model-dir': string | undefined;
  'log-level': string | undefined;
  out: string;
  'dry-run': boolean;
  batchSize: number;
  concurrency: number;
}

/**
 * `lsml predict --label-studio … --project …`: pre-labels the whole project through Label
 * Studio's API (see {@link prelabel}) and prints progress and a summary. Exit 0 when done,
 * 130 when interrupted (run again to resume), 1 when nothing could be predicted.
 */
export async function prelabelProject(flags: PrelabelFlags, io: CliIo): Promise<number> {
  const target = labelStudioTarget(flags, io.env, 'predict');
  const choice = backendChoice(flags, 'predict');
  const credentials = basicCredentials(flags, io.env);
  const session = connectLabelStudio(target, io.env);
  const closers: (() => unknown)[] = [
    () => {
      session.close();
    },
  ];
  try {
    const project = await readProject(session.labelStudio, target.project, target.url);
    const context: ProjectContext = {
      project: projectKey(project),
      projectId: target.project,
      labelConfig: project.label_config,
      hostname: target.url,
      accessToken: target.apiKey,
    };
    let predictTarget: PredictTarget;
    if ('backend' in choice) {
      const runtime = await openBackend(choice.backend, flags, io);
      closers.push(() => {
        runtime.close();
      });
      predictTarget = runtimeTarget(runtime, context);
    } else predictTarget = httpTarget(BackendHttp.remote(choice.url, credentials), context);
    const modelVersion = await predictTarget.setup();

    const outPath = resolve(io.cwd, flags.out);
    const sink: PredictionSink = flags['dry-run']
      ? new FileSink(outPath, relative(io.cwd, outPath) || outPath)
      : new LabelStudioSink(session.labelStudio, target.project, target.url);
    const progress = new ProgressReporter(io.stderr, 'predict');
    const snapshot = (s: {
      total: number | undefined;
      skipped: number;
      predicted: number;
      failed: number;
    }) => {
      const done = s.skipped + s.predicted + s.failed;
      return { tasks: done, failed: s.failed, bytesRead: 0, totalBytes: 0, total: s.total ?? done };
    };
    io.stderr.write(
      `predict: project ${target.project} (${project.title ?? 'untitled'}), model version ${modelVersion}${flags['dry-run'] ? ', dry run' : ''}\n`,
    );
    let summary: PrelabelSummary;
    try {
      summary = await prelabel({
        client: session.labelStudio,
        projectId: target.project,
        target: predictTarget,
        modelVersion,
        sink,
        batchSize: flags.batchSize,
        concurrency: flags.concurrency,
        pageSize: Math.max(100, flags.batchSize),
        signal: io.signal,
        onFailure: failureReporter(io.stderr),
        onProgress: (p) => {
          progress.update(snapshot(p));
        },
        onVersionMismatch: (predicted) => {
          io.stderr.write(
            `predict: the backend stamps predictions "${predicted}" but /setup answers "${modelVersion}": stored as "${modelVersion}" so runs skip them; make them agree (Label Studio re-predicts otherwise)\n`,
          );
        },
      });
    } finally {
      await sink.close();
    }
    const seconds = progress.finish(snapshot(summary));
    io.stderr.write(`${summaryLine(summary, seconds, sink.destination, flags['dry-run'])}\n`);
    if (summary.gaveUp)
      throw new CLIError(
        'ALL_TASKS_FAILED',
        `Stopped: the first ${formatCount(GIVE_UP_AFTER)} tasks all failed, none was predicted`,
        'see the failures above; `lsml doctor` checks the backend against this project',
      );
    return summary.interrupted ? 130 : 0;
  } finally {
    for (const close of closers.reverse()) await close();
  }
}

async function readProject(client: LabelStudioClient, id: string, url: string) {
  try {
    const project = await client.project(id);
    parseLabelConfig(project.label_config);
    return project;
  } catch (error) {
    if (!isLsmlError(error)) throw error;
    throw new CLIError(
      'LABEL_STUDIO_REFUSED',
      `Cannot read project ${id} from ${url}: ${error.message}`,
      '`lsml doctor` checks the connection, the token and the project step by step',
      { cause: error },
    );
  }
}

/** `done: 5,000 tasks in 9.4s (532 tasks/s): 4,000 predicted, 1,000 already had x-v1, 0 failed → …` */
function summaryLine(
  s: PrelabelSummary,
  seconds: number,
  destination: string,
  dryRun: boolean,
): string {
  const done = s.skipped + s.predicted + s.failed;
  const rate = formatRate(done / Math.max(seconds, 1e-3), ' tasks/s');
  const head = s.interrupted ? 'interrupted' : 'done';
  const resume = s.interrupted ? ' (run the same command again to resume)' : '';
  return `${head}: ${formatCount(done)} tasks in ${seconds.toFixed(1)}s (${rate}): ${formatCount(s.predicted)} ${dryRun ? 'predicted' : 'predicted and stored'}, ${formatCount(s.skipped)} already had ${s.modelVersion}, ${formatCount(s.failed)} failed → ${destination}${resume}`;
}
