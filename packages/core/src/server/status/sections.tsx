/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
// The pragmas make any TypeScript runner (tsx, esbuild, vitest) build this JSX with Hono.
import type { JobInfo } from '../../training/index.js';
import { AcceptanceChart, percent } from './acceptance-chart.js';
import type { ProjectStatus, StatusData } from './status-data.js';

const seconds = (s: number | null) =>
  s === null ? '–' : s < 1 ? `${Math.round(s * 1000)} ms` : `${s.toFixed(2)} s`;
/** Day and time in UTC, the full timestamp in the tooltip. */
const time = (iso: string | undefined) =>
  iso ? (
    <time datetime={iso} title={iso}>
      {iso.slice(5, 10)} {iso.slice(11, 19)}
    </time>
  ) : (
    '–'
  );

/** Every live part of the page; the client swaps each `data-section` when it changes. */
export function Sections({ data, token }: { data: StatusData; token: string }) {
  return (
    <>
      <Projects data={data} token={token} />
      <Jobs jobs={data.jobs} />
      <Acceptance projects={data.projects} />
      <Traffic data={data} />
      <Config data={data} />
    </>
  );
}

function Projects({ data, token }: { data: StatusData; token: string }) {
  return (
    <section data-section="projects" aria-labelledby="projects-h">
      <h2 id="projects-h">Projects and model versions</h2>
      {data.projects.length === 0 ? (
        <p>No project yet: connect this backend in Label Studio (Settings → Model).</p>
      ) : (
        data.projects.map((p) => <Project project={p} token={token} />)
      )}
    </section>
  );
}

function Project({ project: p, token }: { project: ProjectStatus; token: string }) {
  return (
    <article class="card" data-project={p.id} aria-labelledby={`project-${p.id}-h`}>
      <h3 id={`project-${p.id}-h`}>
        Project {p.id} <span class="muted">· live version</span>{' '}
        <strong data-current-version={p.current}>{p.current}</strong>
      </h3>
      {p.controls ? (
        <ul class="controls">
          {p.controls.map((c) => (
            <li>
              <code>{`<${c.tag} name="${c.name}">`}</code> → {c.toName.join(', ')}
              {c.labels.length > 0
                ? `: ${c.labels.slice(0, 12).join(', ')}${c.labels.length > 12 ? ` (+${c.labels.length - 12})` : ''}`
                : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">No label config stored yet.</p>
      )}
      <div class="scroll">
        <table class="stack" data-versions={p.id}>
          <caption>Versions of project {p.id}</caption>
          <thead>
            <tr>
              <th scope="col">version</th>
              <th scope="col">created</th>
              <th scope="col">training set</th>
              <th scope="col">metrics</th>
              <th scope="col">
                <span class="sr-only">action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {p.versions.length === 0 ? (
              <tr>
                <td colspan={5}>Not trained yet: {p.current} is the untrained model.</td>
              </tr>
            ) : (
              [...p.versions].reverse().map((v) => (
                <tr data-version={v.version} class={v.current ? 'current' : undefined}>
                  <th scope="row">
                    {v.version}
                    {v.current ? <span class="tag">live</span> : ''}
                    {v.pinned ? <span class="tag">pinned</span> : ''}
                  </th>
                  <td data-col="created">{time(v.createdAt)}</td>
                  <td data-col="training set">{v.trainingSetSize ?? '–'}</td>
                  <td data-col="metrics">
                    {v.metrics && Object.keys(v.metrics).length > 0
                      ? Object.entries(v.metrics)
                          .map(([k, n]) => `${k} ${Number.isInteger(n) ? n : n.toFixed(3)}`)
                          .join(', ')
                      : '–'}
                  </td>
                  <td>
                    {v.current ? (
                      ''
                    ) : (
                      <form
                        method="post"
                        action="status/rollback"
                        data-confirm={`Make ${v.version} the live version of project ${p.id}? Label Studio will ask for new predictions.`}
                      >
                        <input type="hidden" name="project" value={p.id} />
                        <input type="hidden" name="version" value={v.version} />
                        <input type="hidden" name="token" value={token} />
                        <button type="submit" id={`rollback-${p.id}-${v.number}`}>
                          Roll back to {v.version}
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </article>
  );
}

function JobRow({ job }: { job: JobInfo }) {
  const pct = Math.round(job.progress * 100);
  const skipped = job.result?.skippedCount ?? job.result?.skipped?.length ?? 0;
  return (
    <tr data-job={job.id} data-state={job.state}>
      <th scope="row">
        <code>{job.id}</code>
      </th>
      <td data-col="project">{job.project}</td>
      <td data-col="state">
        <span class={`state state-${job.state}`}>
          {job.state === 'active' ? 'running' : job.state}
        </span>
      </td>
      <td data-col="progress">
        <progress max={100} value={pct} aria-label={`job ${job.id} progress`}>
          {pct}%
        </progress>{' '}
        <span data-progress={pct}>{pct}%</span>
      </td>
      <td data-col="queued">{time(job.queuedAt)}</td>
      <td data-col="finished">{time(job.finishedAt)}</td>
      <td data-col="outcome">
        {job.error ? <span class="error">{job.error}</span> : ''}
        {job.result?.version ? `→ ${job.result.version}` : ''}
        {job.result?.status === 'skipped' ? `skipped: ${job.result.reason ?? ''}` : ''}
        {skipped > 0 ? (
          <details>
            <summary>{skipped} task(s) left out</summary>
            <ul>
              {(job.result?.skipped ?? []).slice(0, 20).map((s) => (
                <li>
                  task {String(s.task)}: {s.reason}
                </li>
              ))}
            </ul>
          </details>
        ) : (
          ''
        )}
      </td>
    </tr>
  );
}

function Jobs({ jobs }: { jobs: JobInfo[] }) {
  return (
    <section data-section="jobs" aria-labelledby="jobs-h" aria-live="polite">
      <h2 id="jobs-h">Training jobs</h2>
      {jobs.length === 0 ? (
        <p>No training job yet: annotate a task or press Start Training in Label Studio.</p>
      ) : (
        <div class="scroll">
          <table class="stack">
            <caption class="sr-only">Training jobs, running and waiting first</caption>
            <thead>
              <tr>
                <th scope="col">job</th>
                <th scope="col">project</th>
                <th scope="col">state</th>
                <th scope="col">progress</th>
                <th scope="col">queued</th>
                <th scope="col">finished</th>
                <th scope="col">outcome</th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((job) => (
                <JobRow job={job} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Acceptance({ projects }: { projects: ProjectStatus[] }) {
  const withData = projects.filter((p) => p.acceptance.length > 0);
  return (
    <section data-section="acceptance" aria-labelledby="acceptance-h">
      <h2 id="acceptance-h">Acceptance of predictions</h2>
      <p class="muted">
        Share of predicted regions annotators kept, edited or removed, judged by the first
        annotation of each task.
      </p>
      {withData.length === 0 ? <p>No prediction recorded yet.</p> : ''}
      {withData.map((p) => (
        <article class="card" data-acceptance={p.id} aria-labelledby={`acc-${p.id}-h`}>
          <h3 id={`acc-${p.id}-h`}>Project {p.id}</h3>
          <AcceptanceChart project={p.id} versions={p.acceptance} />
          {[...p.acceptance].reverse().map((v, i) => (
            <details open={i === 0}>
              <summary>
                {v.model_version}: {percent(v.acceptance_rate)} kept, {percent(v.edit_rate)} edited
                · {v.annotated} annotated, {v.unannotated} waiting
                {v.unrecorded > 0
                  ? ` · ${v.unrecorded} not recorded (sampled while recording was over its time budget)`
                  : ''}
              </summary>
              <div class="scroll">
                <table data-labels={`${p.id}:${v.model_version}`}>
                  <caption class="sr-only">
                    Acceptance per label, project {p.id}, {v.model_version}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">label</th>
                      <th scope="col">kept</th>
                      <th scope="col">edited</th>
                      <th scope="col">removed</th>
                      <th scope="col">added</th>
                      <th scope="col">acceptance</th>
                    </tr>
                  </thead>
                  <tbody>
                    {v.labels.map((l) => (
                      <tr data-label={l.label}>
                        <th scope="row">{l.label}</th>
                        <td>{l.kept}</td>
                        <td>{l.edited}</td>
                        <td>{l.removed}</td>
                        <td>{l.added}</td>
                        <td>{percent(l.acceptance_rate)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          ))}
        </article>
      ))}
    </section>
  );
}

function Traffic({ data }: { data: StatusData }) {
  return (
    <section data-section="traffic" aria-labelledby="traffic-h">
      <h2 id="traffic-h">Requests (this process, last 5 minutes)</h2>
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">route</th>
              <th scope="col">per minute</th>
              <th scope="col">p50</th>
              <th scope="col">p95</th>
              <th scope="col">p99</th>
              <th scope="col">total</th>
            </tr>
          </thead>
          <tbody>
            {data.traffic.map((t) => (
              <tr>
                <th scope="row">
                  <code>
                    {t.method} {t.route}
                  </code>
                </th>
                <td>{t.perMinute.toFixed(1)}</td>
                <td>{seconds(t.p50)}</td>
                <td>{seconds(t.p95)}</td>
                <td>{seconds(t.p99)}</td>
                <td>{t.total}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Config({ data }: { data: StatusData }) {
  const c = data.config;
  const h = data.health;
  const rows: [string, string][] = [
    ['training', h.canTrain ? 'can run' : (h.reason ?? 'cannot run')],
    ...(h.checks.workers
      ? [['workers alive', String(h.checks.workers.alive)] as [string, string]]
      : []),
    ['mode', `${c.mode} (${c.trainer} training)`],
    ['Redis', c.redis ?? 'not used (dev mode)'],
    ['trainings per worker', String(c.workerConcurrency)],
    ['validation', c.validation],
    ['basic auth', c.basicAuth ? 'on' : 'off'],
    [
      'webhooks',
      c.webhookAuth === 'none'
        ? 'accepted without credentials'
        : c.webhookSecret
          ? 'secret or credentials'
          : 'credentials',
    ],
    ['train every', `${c.trainEvery} annotation(s)`],
    ['versions kept', String(c.keepVersions)],
    [
      'prediction log',
      c.predictionLog.maxEntries === 0
        ? 'off'
        : `${c.predictionLog.maxEntries} per project, ${c.predictionLog.maxDays} days, ${
            c.predictionLog.budget >= 1
              ? 'every prediction'
              : `sampled past ${String(c.predictionLog.budget * 100)}% of the time`
          }`,
    ],
  ];
  return (
    <section data-section="config" aria-labelledby="config-h">
      <h2 id="config-h">Configuration</h2>
      <dl class="config" data-can-train={String(h.canTrain)}>
        {rows.map(([k, v]) => (
          <>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </>
        ))}
      </dl>
    </section>
  );
}
