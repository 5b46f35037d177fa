import { serve as listen, type ServerType } from '@hono/node-server';
import { LsmlError } from '../errors/index.js';
import type { Backend } from '../model/backend.js';
import { createService, type LsmlService } from './create-app.js';
import type { AppOptions } from './options.js';

export interface ServeOptions extends AppOptions {
  /** `PORT`, default 9090. */
  port?: number;
  /** `HOST`, default 0.0.0.0. */
  host?: string;
  /** Install SIGINT/SIGTERM handlers that shut down gracefully. Default true. */
  handleSignals?: boolean;
}

export interface RunningServer<M> extends LsmlService<M> {
  server: ServerType;
  port: number;
  /** Stops accepting connections, lets in-flight requests finish, then stops training. */
  shutdown(): Promise<void>;
}

/**
 * `PORT` (default 9090) and `HOST` (default 0.0.0.0). Empty counts as unset: compose files
 * pass `${VAR:-}`. A port that is not one is refused by name rather than becoming a random one.
 */
export function listenAddressFromEnv(env: NodeJS.ProcessEnv): { port: number; host: string } {
  const rawPort = env.PORT?.trim() ?? '';
  const port = rawPort === '' ? 9090 : Number(rawPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new LsmlError(
      'VALIDATION_FAILED',
      `PORT must be a port number (0-65535), got "${rawPort}"`,
    );
  }
  return { port, host: env.HOST?.trim() || '0.0.0.0' };
}

/** Serves `backend` over HTTP until SIGINT/SIGTERM. */
export async function serve<M>(
  backend: Backend<M>,
  options: ServeOptions = {},
): Promise<RunningServer<M>> {
  const listenOn = listenAddressFromEnv(process.env);
  const port = options.port ?? listenOn.port;
  const hostname = options.host ?? listenOn.host;
  const service = createService(backend, options);
  const log = service.runtime.log;
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = listen({ fetch: service.app.fetch, port, hostname }, () => {
      resolve(s);
    });
    s.once('error', reject);
  });
  const address = server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  log.info(
    { port: boundPort, host: hostname, model_class: backend.name, trainer: service.trainer.mode },
    `lsml backend "${backend.name}" listening on http://${hostname}:${boundPort}`,
  );

  let closing: Promise<void> | undefined;
  const shutdown = () => {
    closing ??= (async () => {
      log.info('shutting down: finishing in-flight requests');
      await new Promise<void>((resolve) => {
        // Keep-alive sockets hold close() open until they time out: close each one as soon as
        // it has no request in flight.
        const closeIdle = () => {
          if ('closeIdleConnections' in server) server.closeIdleConnections();
        };
        const sweep = setInterval(closeIdle, 50);
        server.close(() => {
          clearInterval(sweep);
          resolve();
        });
        closeIdle();
      });
      await service.close();
      log.info('stopped');
    })();
    return closing;
  };
  if (options.handleSignals !== false) {
    const onSignal = (signal: NodeJS.Signals) => {
      log.info({ signal }, 'signal received');
      void shutdown().then(() => process.exit(0));
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  return { ...service, server, port: boundPort, shutdown };
}
