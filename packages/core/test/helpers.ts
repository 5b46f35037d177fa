import { serveInProcess } from '../../testing/src/serve-in-process.js';
import { defineBackend, type Backend, type ServiceOptions } from '../src/index.js';

export const TEXT_CONFIG = `<View>
  <Text name="text" value="$text"/>
  <Choices name="sentiment" toName="text" choice="single">
    <Choice value="Positive"/>
    <Choice value="Negative"/>
  </Choices>
</View>`;

/** A backend that echoes the first label, counts fits and can be told to misbehave. */
export function echoBackend(
  overrides: Partial<Backend<{ n: number }>> = {},
): Backend<{ n: number }> {
  return defineBackend<{ n: number }>({
    name: 'echo',
    predict(tasks, { labelInterface }) {
      const control = labelInterface.findControl({ type: 'choices' });
      if (!control) throw new Error('no choices control');
      const label = control.labels[0]?.value ?? '';
      return tasks.map(() => ({
        score: 0.5,
        result: [
          {
            from_name: control.name,
            to_name: control.toName[0] ?? '',
            type: 'choices',
            value: { choices: [label] },
          },
        ],
      }));
    },
    fit({ annotations, previous }) {
      return {
        status: 'trained',
        model: { n: (previous?.n ?? 0) + 1 },
        trainingSetSize: annotations.length,
      };
    },
    ...overrides,
  });
}

/**
 * A service over a fresh temp model dir with logs silenced; `cleanup` removes both. The
 * testing kit's `serveInProcess`, imported by path: @lsml/testing depends on @lsml/core, so
 * core cannot list it as a dependency (turbo refuses the cycle).
 */
export function testService<M>(backend: Backend<M>, options: ServiceOptions = {}) {
  const service = serveInProcess(backend, options);
  return { ...service, cleanup: () => service.close() };
}

/** JSON POST through `app.request`. */
export function postJson(
  app: { request: (path: string, init: RequestInit) => Response | Promise<Response> },
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
