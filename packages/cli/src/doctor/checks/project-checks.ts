import { isLsmlError, parseLabelConfig, upstreamStatus } from '@lsml/core';
import type { DoctorContext } from '../doctor-context.js';

/** The project exists for this token, its label config parses, and its settings show predictions. */
export async function checkProject(ctx: DoctorContext): Promise<void> {
  const id = ctx.target.project;
  if (!ctx.authorized) {
    ctx.checks.skip('project', `project ${id} not checked: the token does not work`);
    return;
  }
  let project;
  try {
    project = await ctx.session.labelStudio.project(id);
  } catch (error) {
    if (!isLsmlError(error)) throw error;
    const missing = upstreamStatus(error) === 404 || upstreamStatus(error) === 403;
    ctx.checks.fail(
      'project',
      missing
        ? `No project ${id} this token can see`
        : `Cannot read project ${id}: ${error.message}`,
      'pass --project as the number in the project URL (…/projects/<id>), with the token of a member of that project',
    );
    return;
  }
  try {
    ctx.labelInterface = parseLabelConfig(project.label_config);
  } catch (error) {
    ctx.checks.fail(
      'project',
      `Project ${id}'s label config does not parse: ${(error as Error).message}`,
      'fix it in Label Studio (Settings → Labeling Interface → Code)',
    );
    return;
  }
  ctx.project = project;
  const li = ctx.labelInterface;
  const controls = li.controls.map(
    (c) => `${c.tag} "${c.name}" (${c.labels.length} labels) → ${c.toName.join(', ')}`,
  );
  const objects = li.objects.map((o) => `${o.tag} "${o.name}" ${o.value}`);
  ctx.checks.ok(
    'project',
    `Project ${id} "${project.title ?? ''}": ${objects.join(', ')}`,
    controls,
  );
  if (project.show_collab_predictions === false)
    ctx.checks.warn(
      'project-settings',
      'Annotators do not see predictions: "Show predictions to annotators" is off',
      'turn it on in the project settings (Annotation → Live Predictions / Show predictions to annotators)',
    );
  else if (project.evaluate_predictions_automatically === false)
    ctx.checks.warn(
      'project-settings',
      'Label Studio asks the backend only when told: "Retrieve predictions when loading a task automatically" is off',
      'turn it on in the project settings for predictions on the fly, or pre-label with `lsml predict` (or Data Manager → Retrieve Predictions)',
    );
  await sampleTasks(ctx);
}

async function sampleTasks(ctx: DoctorContext): Promise<void> {
  try {
    const page = await ctx.session.labelStudio.taskPage(ctx.target.project, 1, ctx.sample);
    ctx.tasks = page?.tasks ?? [];
  } catch (error) {
    ctx.checks.fail(
      'tasks',
      `Cannot list the project's tasks: ${(error as Error).message}`,
      "the token must belong to a user who can see the project's tasks",
    );
  }
}
