import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the plain backend answers; every route may be replaced. */
export interface PlainBackendOptions {
  /** Basic auth on every route but /webhook (which takes `?secret=` when `webhookSecret` is set). */
  auth?: { user: string; pass: string };
  webhookSecret?: string;
  modelVersion?: string;
  /** The `/predict` answer for the tasks sent; default one Positive choice per task. */
  predict?: (tasks: { id: number }[]) => { status?: number; body: unknown };
  /** The `/health` answer; default 200 `{status: 'UP'}`. */
  health?: () => { status?: number; body: unknown };
  /** The `/setup` answer; default `{model_version}`. */
  setup?: () => { status?: number; body: unknown };
  /** Answer /health and /setup only after this long (a backend that loads its model there). */
  delayMs?: { health?: number; setup?: number };
}

export interface PlainBackend {
  url: string;
  close(): Promise<void>;
}

const POSITIVE = {
  from_name: 'sentiment',
  to_name: 'text',
  type: 'choices',
  value: { choices: ['Positive'] },
};

/**
 * A backend that is not lsml (it plays a Python one): raw HTTP on 127.0.0.1 with the routes
 * Label Studio calls, so the doctor's `--url` mode is tested against answers lsml would never give.
 */
export async function plainBackend(options: PlainBackendOptions = {}): Promise<PlainBackend> {
  const version = options.modelVersion ?? 'plain-v1';
  const server = createServer((req, res) => {
    void handle(req, res);
  });
  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://plain');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body =
      chunks.length > 0
        ? (JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>)
        : {};
    const { auth, webhookSecret } = options;
    const expected = auth && `Basic ${Buffer.from(`${auth.user}:${auth.pass}`).toString('base64')}`;
    const authorized = !auth || req.headers.authorization === expected;
    const secretOk =
      webhookSecret !== undefined && url.searchParams.get('secret') === webhookSecret;
    if (!authorized && !(url.pathname === '/webhook' && secretOk)) {
      res.writeHead(401, { 'www-authenticate': 'Basic' });
      res.end('Unauthorized');
      return;
    }
    const delay =
      url.pathname === '/health'
        ? options.delayMs?.health
        : url.pathname === '/setup'
          ? options.delayMs?.setup
          : undefined;
    if (delay !== undefined) await new Promise((resolve) => setTimeout(resolve, delay));
    if (url.pathname === '/health') {
      const answer = options.health?.() ?? { body: { status: 'UP', model_class: 'PlainModel' } };
      send(res, answer.status ?? 200, answer.body);
    } else if (url.pathname === '/setup') {
      const answer = options.setup?.() ?? { body: { model_version: version } };
      send(res, answer.status ?? 200, answer.body);
    } else if (url.pathname === '/predict') {
      const tasks = body.tasks as { id: number }[];
      const answer = options.predict?.(tasks) ?? {
        body: {
          results: tasks.map(() => ({ result: [POSITIVE], score: 0.9, model_version: version })),
          model_version: version,
        },
      };
      send(res, answer.status ?? 200, answer.body);
    } else if (url.pathname === '/webhook') send(res, 200, { status: 'Unknown event' });
    else send(res, 404, { error: 'not found' });
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
