import { defineCommand, integerArg } from '../command.js';
import { inProcessBackend, remoteBackend } from '../doctor/backend-under-test.js';
import { renderChecklist, renderJson } from '../doctor/render-report.js';
import { runDoctor } from '../doctor/run-doctor.js';
import { connectLabelStudio } from '../label-studio/connect-label-studio.js';
import {
  backendChoice,
  backendTargetArgs,
  inProcessArgs,
  basicCredentials,
  labelStudioArgs,
  labelStudioTarget,
} from '../label-studio/connection-args.js';

export const doctor = defineCommand({
  name: 'doctor',
  description:
    'Check a Label Studio project and a backend together: connection, token, config, media, predictions',
  args: {
    ...labelStudioArgs,
    project: { type: 'string', description: 'Label Studio project id', valueHint: 'id' },
    ...backendTargetArgs,
    sample: {
      type: 'string',
      description: 'Tasks to dry-run /predict on and read media of',
      default: '5',
      valueHint: 'n',
    },
    json: { type: 'boolean', description: 'The checklist as JSON' },
    ...inProcessArgs,
    debug: { type: 'boolean', description: 'Stack traces on errors' },
  },
  notes: [
    'Each line is ✓ (fine), ! (works, but will bite) or ✗ (broken), with the fix after →.',
    'Exit 1 when any line is ✗. Nothing is stored in Label Studio; the /predict is a dry run.',
    '  lsml doctor --label-studio http://localhost:8080 --api-key KEY --project 3 --url http://localhost:9090',
    '  lsml doctor --project 3 --backend ./my_backend   (LABEL_STUDIO_URL, LABEL_STUDIO_API_KEY from env)',
    'With --url it only speaks HTTP, so it checks any backend, lsml or not (a Python one too).',
  ].join('\n'),
  async run({ args, io }) {
    const target = labelStudioTarget(args, io.env, 'doctor');
    const choice = backendChoice(args, 'doctor');
    const sample = integerArg(args.sample, 'sample', { min: 1, max: 100 }) ?? 5;
    const backend =
      'url' in choice
        ? remoteBackend(choice.url, basicCredentials(args, io.env))
        : await inProcessBackend(choice.backend, args, io);
    const session = connectLabelStudio(target, io.env);
    try {
      const lines = await runDoctor({ target, session, backend, sample });
      io.stdout.write(
        args.json
          ? renderJson(lines, {
              label_studio: target.url,
              project: target.project,
              backend: backend.http.where,
            })
          : renderChecklist(lines),
      );
      return lines.some((line) => line.status === 'fail') ? 1 : 0;
    } finally {
      session.close();
      await backend.close();
    }
  },
});
